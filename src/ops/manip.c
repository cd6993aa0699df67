/*
 * ops/manip.c - joining, splitting and rearranging arrays: concat, stack,
 * unstack, moveaxis, broadcast_arrays, meshgrid, repeat, roll, tile, diff,
 * tril and triu.
 *
 * Each operation uses the cheapest mechanism numc already has, so that its
 * result fuses with what comes before and after whenever possible:
 *   views       unstack, moveaxis, broadcast_arrays, meshgrid without copy;
 *   fused MAP   tile and repeat by one count when long runs follow the axis
 *               (a copy of a broadcast view), diff (a subtraction of two
 *               shifted views), tril/triu (a where() with a mask computed
 *               from two aranges), meshgrid with copy;
 *   EXTERN      concat/stack and roll: one "assemble" node copies each of
 *               its input views into a box of the C-contiguous result
 *               (inputs are evaluated first, the copies run on the pool);
 *               repeat by one count with short runs after the axis (a
 *               "repeat" node: the block VM is slow on tiny inner runs);
 *   gather      repeat with one count per element (numc_take).
 */
#include "gather.h"

#include <stdio.h>

/* ---- the assemble node -------------------------------------------------------- */

/* Input i goes to the box of the output starting at off[i * nd + d]. */
typedef struct assemble_params {
  int nin, nd;
  int64_t off[];
} assemble_params;

static int run_assemble(const numc__node *node, const numc_array *const *in,
                        numc_array *out) {
  const assemble_params *p = node->params;
  size_t isz = numc__isz(out->dtype);
  for (int i = 0; i < p->nin; i++) {
    const numc_array *a = in[i];
    char *dst = numc__array_ptr(out);
    for (int d = 0; d < p->nd; d++) dst += p->off[i * p->nd + d] * out->strides[d];
    numc__copy_nd(dst, out->strides, numc__array_ptr(a), a->strides, a->ndim, a->shape,
                  isz);
  }
  return NUMC_OK;
}

/* Records out (dtype, nd, shape) assembled from the n views `in` (all of
 * that dtype and ndim) placed at the element offsets off[n * nd]. */
static int record_assemble(numc_array **out, numc_dtype dtype, int nd, const int64_t *shape,
                           int n, const numc_array *const *in, const int64_t *off,
                           const char *name) {
  size_t noff = (size_t)n * (size_t)nd;
  assemble_params *p = numc__malloc(sizeof *p + noff * sizeof(int64_t));
  if (!p) return numc__oom();
  p->nin = n;
  p->nd = nd;
  if (noff) memcpy(p->off, off, noff * sizeof(int64_t));
  return numc__record_extern(out, dtype, nd, shape, n, in, run_assemble, p, numc__free, name);
}

/* A list of n owned handles (NULL entries allowed), released together. */
static void release_all(numc_array **a, int n) {
  if (!a) return;
  for (int i = 0; i < n; i++) numc_release(a[i]);
}

static numc_array **handles_new(int n) {
  numc_array **h = numc__calloc((size_t)(n ? n : 1), sizeof *h);
  if (!h) numc__oom();
  return h;
}

static int flatten(numc_array **out, const numc_array *x) {
  int64_t m1 = -1;
  return numc_reshape(out, x, 1, &m1, NUMC_COPY_IF_NEEDED);
}

/* x[..., lo:hi, ...] along `axis` (a view). */
static int slice_axis(numc_array **out, const numc_array *x, int axis, int64_t lo,
                      int64_t hi) {
  numc_index ix[NUMC_MAXDIMS];
  for (int d = 0; d < axis; d++) ix[d] = (numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL};
  ix[axis] = (numc_index){NUMC_INDEX_SLICE, 1, 1, lo, hi, 1, NULL};
  return numc_index_view(out, x, axis + 1, ix);
}

/* ---- concat / stack / unstack --------------------------------------------------- */

/* Validates the inputs of concat along `axis` (normalized on success) and
 * returns the result dtype and shape. */
static int concat_check(numc_dtype *dtype, int64_t *shape, int n,
                        const numc_array *const *a, int *axis) {
  const numc_array *a0 = a[0];
  if (a0->ndim == 0)
    return numc__err(NUMC_EVALUE, "zero-dimensional arrays cannot be concatenated");
  NUMC__TRY(numc__norm_axis(axis, a0->ndim));
  numc_dtype dt = a0->dtype;
  memcpy(shape, a0->shape, (size_t)a0->ndim * sizeof *shape);
  for (int i = 1; i < n; i++) {
    const numc_array *ai = a[i];
    if (ai->ndim != a0->ndim)
      return numc__err(NUMC_EVALUE,
                       "all the input arrays must have same number of dimensions, but "
                       "the array at index 0 has %d dimension(s) and the array at "
                       "index %d has %d dimension(s)",
                       a0->ndim, i, ai->ndim);
    for (int d = 0; d < a0->ndim; d++)
      if (d != *axis && ai->shape[d] != a0->shape[d])
        return numc__err(NUMC_EVALUE,
                         "all the input array dimensions except for the concatenation "
                         "axis must match exactly, but along dimension %d, the array at "
                         "index 0 has size %lld and the array at index %d has size %lld",
                         d, (long long)a0->shape[d], i, (long long)ai->shape[d]);
    if (ai->shape[*axis] > INT64_MAX - shape[*axis])
      return numc__err(NUMC_EVALUE, "array is too big");
    shape[*axis] += ai->shape[*axis];
    NUMC__TRY(numc_promote_types(&dt, dt, ai->dtype));
  }
  *dtype = dt;
  return numc__check_shape(a0->ndim, shape, dt);
}

/* concat of arrays that passed the NULL checks. */
static int concat_impl(numc_array **out, int n, const numc_array *const *arrays, int axis) {
  numc_array **held = handles_new(n);
  if (!held) return NUMC_ENOMEM;
  int rc = NUMC_OK;
  if (axis == NUMC_AXIS_NONE) {
    for (int i = 0; rc == NUMC_OK && i < n; i++) rc = flatten(&held[i], arrays[i]);
    arrays = (const numc_array *const *)held;
    axis = 0;
  }
  numc_dtype dt = NUMC_BOOL;
  int64_t shape[NUMC_MAXDIMS], *off = NULL;
  if (rc == NUMC_OK) rc = concat_check(&dt, shape, n, arrays, &axis);
  int nd = rc == NUMC_OK ? arrays[0]->ndim : 0;
  if (rc == NUMC_OK && !(off = numc__calloc((size_t)n * (size_t)nd, sizeof *off)))
    rc = numc__oom();
  int64_t pos = 0;
  for (int i = 0; rc == NUMC_OK && i < n; i++) {
    numc_array *c;
    rc = numc_astype(&c, arrays[i], dt, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED);
    if (rc < 0) break;
    numc_release(held[i]);
    held[i] = c;
    off[i * nd + axis] = pos;
    pos += c->shape[axis];
  }
  if (rc == NUMC_OK)
    rc = record_assemble(out, dt, nd, shape, n, (const numc_array *const *)held, off,
                         "concat");
  numc__free(off);
  release_all(held, n);
  numc__free(held);
  return rc;
}

static int check_list(int n, const numc_array *const *arrays, const char *what) {
  if (n <= 0 || arrays == NULL)
    return numc__err(NUMC_EVALUE, "need at least one array to %s", what);
  for (int i = 0; i < n; i++)
    if (arrays[i] == NULL) return numc__err(NUMC_EINVAL, "array %d is NULL", i);
  return NUMC_OK;
}

int numc_concat(numc_array **out, int n, const numc_array *const *arrays, int axis) {
  NUMC__TRY(check_list(n, arrays, "concatenate"));
  return concat_impl(out, n, arrays, axis);
}

int numc_stack(numc_array **out, int n, const numc_array *const *arrays, int axis) {
  NUMC__TRY(check_list(n, arrays, "stack"));
  const numc_array *a0 = arrays[0];
  for (int i = 1; i < n; i++)
    if (arrays[i]->ndim != a0->ndim ||
        memcmp(arrays[i]->shape, a0->shape, (size_t)a0->ndim * sizeof(int64_t)) != 0)
      return numc__err(NUMC_EVALUE, "all input arrays must have the same shape");
  if (a0->ndim + 1 > NUMC_MAXDIMS)
    return numc__err(NUMC_EVALUE, "too many dimensions");
  NUMC__TRY(numc__norm_axis(&axis, a0->ndim + 1));
  numc_array **held = handles_new(n);
  if (!held) return NUMC_ENOMEM;
  int rc = NUMC_OK;
  for (int i = 0; rc == NUMC_OK && i < n; i++)
    rc = numc_expand_dims(&held[i], arrays[i], 1, &axis);
  if (rc == NUMC_OK) rc = concat_impl(out, n, (const numc_array *const *)held, axis);
  release_all(held, n);
  numc__free(held);
  return rc;
}

int numc_unstack(numc_array **out, const numc_array *x, int axis) {
  if (x == NULL || out == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (x->ndim == 0) return numc__err(NUMC_EVALUE, "Input array must be at least 1-d.");
  NUMC__TRY(numc__norm_axis(&axis, x->ndim));
  int64_t k = x->shape[axis];
  if (k > INT32_MAX) return numc__err(NUMC_EVALUE, "too many arrays to unstack");
  numc_array **held = handles_new((int)k);
  if (!held) return NUMC_ENOMEM;
  numc_index ix[NUMC_MAXDIMS];
  for (int d = 0; d < axis; d++) ix[d] = (numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL};
  int rc = NUMC_OK;
  for (int64_t i = 0; rc == NUMC_OK && i < k; i++) {
    ix[axis] = (numc_index){NUMC_INDEX_INT, 0, 0, i, 0, 0, NULL};
    rc = numc_index_view(&held[i], x, axis + 1, ix);
  }
  if (rc == NUMC_OK)
    memcpy(out, held, (size_t)k * sizeof *held);
  else
    release_all(held, (int)k);
  numc__free(held);
  return rc;
}

/* ---- views: moveaxis, broadcast_arrays, meshgrid ------------------------------------ */

static int norm_axes_arg(int *out, int n, const int *axes, int ndim, const char *name) {
  uint64_t seen = 0;
  for (int i = 0; i < n; i++) {
    int ax = axes[i];
    if (ax < -ndim || ax >= ndim)
      return numc__err(NUMC_EAXIS, "%s: axis %d is out of bounds for array of dimension %d",
                       name, ax, ndim);
    if (ax < 0) ax += ndim;
    if (seen & ((uint64_t)1 << ax))
      return numc__err(NUMC_EVALUE, "repeated axis in `%s` argument", name);
    seen |= (uint64_t)1 << ax;
    out[i] = ax;
  }
  return NUMC_OK;
}

int numc_moveaxis(numc_array **out, const numc_array *x, int n, const int *source,
                  const int *destination) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (n < 0 || n > x->ndim || (n > 0 && (!source || !destination)))
    return numc__err(NUMC_EVALUE,
                     "`source` and `destination` arguments must have the same number of "
                     "elements");
  int src[NUMC_MAXDIMS], dst[NUMC_MAXDIMS], order[NUMC_MAXDIMS];
  NUMC__TRY(norm_axes_arg(src, n, source, x->ndim, "source"));
  NUMC__TRY(norm_axes_arg(dst, n, destination, x->ndim, "destination"));
  /* order[dst[i]] = src[i]; the other positions take the other axes in order */
  bool moved[NUMC_MAXDIMS] = {false}, taken[NUMC_MAXDIMS] = {false};
  for (int i = 0; i < n; i++) {
    order[dst[i]] = src[i];
    moved[src[i]] = taken[dst[i]] = true;
  }
  for (int d = 0, a = 0; d < x->ndim; d++) {
    if (taken[d]) continue;
    while (moved[a]) a++;
    order[d] = a++;
  }
  return numc_permute_dims(out, x, order);
}

/* Broadcast shape of n shapes, reporting a mismatch as np.broadcast does
 * (the argument that set the extent, and the first one that disagrees). */
static int broadcast_objects(int *out_nd, int64_t *out, int n, const int *ndims,
                             const int64_t *const *shapes) {
  int nd = 0;
  for (int k = 0; k < n; k++)
    if (ndims[k] > nd) nd = ndims[k];
  for (int i = 0; i < nd; i++) {
    out[i] = 1;
    int src = 0;
    for (int k = 0; k < n; k++) {
      int j = i + ndims[k] - nd;
      if (j < 0 || shapes[k][j] == 1) continue;
      if (out[i] == 1) {
        out[i] = shapes[k][j];
        src = k;
      } else if (out[i] != shapes[k][j]) {
        char s1[256], s2[256];
        numc__shape_str(s1, sizeof s1, ndims[src], shapes[src]);
        numc__shape_str(s2, sizeof s2, ndims[k], shapes[k]);
        return numc__err(NUMC_ESHAPE,
                         "shape mismatch: objects cannot be broadcast to a single "
                         "shape.  Mismatch is between arg %d with shape %s and arg %d "
                         "with shape %s.",
                         src, s1, k, s2);
      }
    }
  }
  *out_nd = nd;
  return NUMC_OK;
}

int numc_broadcast_arrays(numc_array **out, int n, const numc_array *const *arrays) {
  if (n < 0 || (n > 0 && (arrays == NULL || out == NULL)))
    return numc__err(NUMC_EINVAL, "invalid array list");
  if (n == 0) return NUMC_OK;
  int *ndims = numc__malloc((size_t)n * sizeof *ndims);
  const int64_t **shapes = numc__malloc((size_t)n * sizeof *shapes);
  numc_array **held = handles_new(n);
  int rc = ndims && shapes && held ? NUMC_OK : numc__oom();
  for (int i = 0; rc == NUMC_OK && i < n; i++) {
    if (!arrays[i]) rc = numc__err(NUMC_EINVAL, "array %d is NULL", i);
    else ndims[i] = arrays[i]->ndim, shapes[i] = arrays[i]->shape;
  }
  int nd = 0;
  int64_t shape[NUMC_MAXDIMS];
  if (rc == NUMC_OK) rc = broadcast_objects(&nd, shape, n, ndims, shapes);
  for (int i = 0; rc == NUMC_OK && i < n; i++) {
    const numc_array *a = arrays[i];
    bool same = a->ndim == nd && memcmp(a->shape, shape, (size_t)nd * sizeof *shape) == 0;
    rc = same ? numc_view(&held[i], a) : numc_broadcast_to(&held[i], a, nd, shape);
  }
  if (rc == NUMC_OK)
    memcpy(out, held, (size_t)n * sizeof *held);
  else
    release_all(held, n);
  numc__free(held);
  numc__free(ndims);
  numc__free(shapes);
  return rc;
}

int numc_meshgrid(numc_array **out, int n, const numc_array *const *arrays,
                  numc_meshgrid_indexing indexing, int copy) {
  if (n < 0 || n > NUMC_MAXDIMS || (n > 0 && (arrays == NULL || out == NULL)))
    return numc__err(NUMC_EINVAL, "invalid array list");
  if (indexing != NUMC_MESHGRID_XY && indexing != NUMC_MESHGRID_IJ)
    return numc__err(NUMC_EVALUE, "Valid values for `indexing` are 'xy' and 'ij'.");
  if (n == 0) return NUMC_OK;
  for (int i = 0; i < n; i++)
    if (!arrays[i]) return numc__err(NUMC_EINVAL, "array %d is NULL", i);
  bool swap = indexing == NUMC_MESHGRID_XY && n >= 2;
  int64_t shape[NUMC_MAXDIMS];
  for (int i = 0; i < n; i++) shape[i] = numc_array_size(arrays[i]);
  if (swap) shape[0] = numc_array_size(arrays[1]), shape[1] = numc_array_size(arrays[0]);
  numc_array **held = handles_new(n);
  if (!held) return NUMC_ENOMEM;
  int rc = NUMC_OK;
  for (int i = 0; rc == NUMC_OK && i < n; i++) {
    int pos = swap && i < 2 ? 1 - i : i;
    int64_t vshape[NUMC_MAXDIMS];
    for (int d = 0; d < n; d++) vshape[d] = d == pos ? shape[d] : 1;
    numc_array *f = NULL, *r = NULL;
    rc = flatten(&f, arrays[i]);
    if (rc == NUMC_OK) rc = numc_reshape(&r, f, n, vshape, NUMC_COPY_IF_NEEDED);
    if (rc == NUMC_OK)
      rc = n == 1 ? numc_view(&held[i], r) : numc_broadcast_to(&held[i], r, n, shape);
    if (rc == NUMC_OK && copy) {
      numc_array *b = held[i];
      rc = numc_copy(&held[i], b, NUMC_ORDER_C);
      numc_release(b);
      if (rc < 0) held[i] = NULL;
    }
    numc_release(f);
    numc_release(r);
  }
  if (rc == NUMC_OK)
    memcpy(out, held, (size_t)n * sizeof *held);
  else
    release_all(held, n);
  numc__free(held);
  return rc;
}

/* ---- repeat / tile ------------------------------------------------------------------- */

/* A lazy C-order copy of x viewed with a length-r broadcast axis inserted
 * right after each axis i with reps[i] != 1, then merged into it: x's
 * shape becomes (n_i * r_i). Used by tile (all axes) and repeat (one). With
 * `before` the broadcast axis goes before axis i (tile: whole copies) instead
 * of after it (repeat: each element r times). */
static int replicate(numc_array **out, const numc_array *x, const int64_t *reps, bool before) {
  int k = 0;
  for (int i = 0; i < x->ndim; i++) k += reps[i] != 1;
  if (x->ndim + k > NUMC_MAXDIMS)
    return numc__err(NUMC_EVALUE, "too many dimensions to replicate");
  int axes[NUMC_MAXDIMS];
  int64_t bshape[NUMC_MAXDIMS], fshape[NUMC_MAXDIMS];
  int j = 0, m = 0;
  for (int i = 0; i < x->ndim; i++) {
    fshape[i] = x->shape[i] * reps[i];
    if (reps[i] == 1) {
      bshape[m++] = x->shape[i];
      continue;
    }
    if (before) {
      axes[j++] = m;
      bshape[m++] = reps[i];
      bshape[m++] = x->shape[i];
    } else {
      bshape[m++] = x->shape[i];
      axes[j++] = m;
      bshape[m++] = reps[i];
    }
  }
  numc_array *e = NULL, *b = NULL, *c = NULL;
  int rc = numc_expand_dims(&e, x, k, axes);
  if (rc == NUMC_OK) rc = numc_broadcast_to(&b, e, m, bshape);
  if (rc == NUMC_OK) rc = numc_copy(&c, b, NUMC_ORDER_C);
  if (rc == NUMC_OK) rc = numc_reshape(out, c, x->ndim, fshape, NUMC_COPY_IF_NEEDED);
  numc_release(e);
  numc_release(b);
  numc_release(c);
  return rc;
}

/* Flattens x when axis is NUMC_AXIS_NONE or x is 0-d (NumPy's CheckAxis),
 * then normalizes axis. *flat holds the flattened handle if one was made. */
static int repeat_axis(numc_array **flat, const numc_array **x, int *axis) {
  *flat = NULL;
  if (*axis == NUMC_AXIS_NONE || (*x)->ndim == 0) {
    if (*axis == NUMC_AXIS_NONE) *axis = 0;
    NUMC__TRY(flatten(flat, *x));
    *x = *flat;
  }
  int rc = numc__norm_axis(axis, (*x)->ndim);
  if (rc < 0) {
    numc_release(*flat);
    *flat = NULL;
  }
  return rc;
}

/* Below this many elements after the repeated axis, repeat by one count
 * runs as an EXTERN node instead of a copy of a broadcast view: the block
 * VM is slow on tiny inner runs (measured 2x slower than NumPy). */
#define REPEAT_EXTERN_BELOW 64

typedef struct repeat_params {
  int axis;
  int64_t r;
} repeat_params;

typedef struct repeat_job {
  const numc_array *x;
  char *dst;
  int axis;
  int64_t r, post_n, rowbytes;
  int64_t post_dstr[NUMC_MAXDIMS]; /* C strides of the post block */
} repeat_job;

/* Writes n elements of x's axis (stride ss) each r times: the post block
 * is one element. The element size is a constant in each branch. */
static void repeat_elems(char *d, const char *s, int64_t ss, int64_t n, int64_t r,
                         size_t isz) {
#define RUN(N)                                                                 \
  for (int64_t i = 0; i < n; i++, s += ss)                                     \
    for (int64_t t = 0; t < r; t++, d += (N)) memcpy(d, s, N);                 \
  return;
  NUMC__SIZE_SWITCH(isz, RUN)
#undef RUN
}

/* Rows [r0, r1) of x's axes 0..axis, each row's post block r times; rows
 * are taken in runs along the axis. */
static void repeat_rows(void *ctx, int64_t r0, int64_t r1) {
  const repeat_job *j = ctx;
  const numc_array *x = j->x;
  int last = j->axis, npost = x->ndim - last - 1;
  size_t isz = numc__isz(x->dtype);
  int64_t idx[NUMC_MAXDIMS], rem = r0, soff = 0, sa = x->strides[last];
  for (int d = last; d >= 0; d--) {
    idx[d] = rem % x->shape[d];
    rem /= x->shape[d];
    soff += idx[d] * x->strides[d];
  }
  const char *src = numc__array_ptr(x);
  char *d = j->dst + r0 * j->r * j->rowbytes;
  for (int64_t row = r0; row < r1;) {
    int64_t n = x->shape[last] - idx[last];
    if (n > r1 - row) n = r1 - row;
    if (j->post_n == 1) {
      repeat_elems(d, src + soff, sa, n, j->r, isz);
      d += n * j->r * j->rowbytes;
    } else {
      for (int64_t i = 0; i < n; i++, d += j->r * j->rowbytes) {
        numc__copy_nd(d, j->post_dstr, src + soff + i * sa, x->strides + last + 1, npost,
                      x->shape + last + 1, isz);
        for (int64_t t = 1; t < j->r; t++)
          memcpy(d + t * j->rowbytes, d, (size_t)j->rowbytes);
      }
    }
    row += n;
    if (row >= r1) break;
    soff -= idx[last] * sa; /* the run ended at the end of the axis */
    idx[last] = 0;
    for (int dd = last - 1; dd >= 0; dd--) {
      soff += x->strides[dd];
      if (++idx[dd] < x->shape[dd]) break;
      soff -= idx[dd] * x->strides[dd];
      idx[dd] = 0;
    }
  }
}

/* EXTERN callback of repeat by one count. */
static int run_repeat(const numc__node *node, const numc_array *const *in, numc_array *out) {
  const repeat_params *p = node->params;
  const numc_array *x = in[0];
  repeat_job j;
  j.x = x;
  j.dst = numc__array_ptr(out);
  j.axis = p->axis;
  j.r = p->r;
  int npost = x->ndim - p->axis - 1;
  j.post_n = numc__shape_size(npost, x->shape + p->axis + 1);
  j.rowbytes = j.post_n * (int64_t)numc__isz(x->dtype);
  numc__c_strides(j.post_dstr, npost, x->shape + p->axis + 1, numc__isz(x->dtype));
  int64_t rows = numc__shape_size(p->axis + 1, x->shape);
  int64_t per = j.r * j.rowbytes, grain = per ? (int64_t)1 << 16 : rows;
  grain = per && grain / per > 1 ? grain / per : 1;
  if (rows * per < NUMC__PAR_MIN_BYTES) grain = rows;
  numc__parallel_ranges(rows, grain, repeat_rows, &j);
  return NUMC_OK;
}

static int record_repeat(numc_array **out, const numc_array *x, int axis, int64_t r) {
  int64_t shape[NUMC_MAXDIMS];
  memcpy(shape, x->shape, (size_t)x->ndim * sizeof *shape);
  shape[axis] *= r;
  repeat_params *p = numc__malloc(sizeof *p);
  if (!p) return numc__oom();
  p->axis = axis;
  p->r = r;
  const numc_array *in[1] = {x};
  return numc__record_extern(out, x->dtype, x->ndim, shape, 1, in, run_repeat, p, numc__free,
                             "repeat");
}

int numc_repeat_n(numc_array **out, const numc_array *x, int64_t repeats, int axis) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (repeats < 0) return numc__err(NUMC_EVALUE, "negative dimensions are not allowed");
  numc_array *flat;
  NUMC__TRY(repeat_axis(&flat, &x, &axis));
  int64_t reps[NUMC_MAXDIMS];
  for (int d = 0; d < x->ndim; d++) reps[d] = d == axis ? repeats : 1;
  int rc = NUMC_OK;
  int64_t len = x->shape[axis], total = len * repeats;
  if (repeats && len > INT64_MAX / repeats)
    rc = numc__err(NUMC_EVALUE, "array is too big");
  if (rc == NUMC_OK) rc = numc__check_shape(1, &total, x->dtype);
  if (rc == NUMC_OK) {
    if (numc__shape_size(x->ndim - axis - 1, x->shape + axis + 1) < REPEAT_EXTERN_BELOW) {
      rc = record_repeat(out, x, axis, repeats);
    } else {
      rc = replicate(out, x, reps, false);
    }
  }
  numc_release(flat);
  return rc;
}

/* The int64 index array [0]*c[0] + [1]*c[1] + ... of `total` entries. */
static int repeat_index(numc_array **out, const int64_t *counts, int64_t n, int64_t total) {
  numc__lock();
  int rc = numc__array_alloc(out, NUMC_INT64, 1, &total, false);
  if (rc == NUMC_OK) {
    int64_t *p = (int64_t *)numc__array_ptr(*out);
    for (int64_t j = 0; j < n; j++)
      for (int64_t r = 0; r < counts[j]; r++) *p++ = j;
  }
  numc__unlock();
  return rc;
}

/* Reads the 0-d or 1-d repeats array as int64 counts (unsafe cast). */
static int read_counts(int64_t **out, int64_t *n, const numc_array *repeats) {
  if (repeats->ndim > 1) return numc__err(NUMC_EVALUE, "object too deep for desired array");
  if (numc__is_complex(repeats->dtype))
    return numc__err(NUMC_ECAST,
                     "Cannot cast array data from dtype('%s') to dtype('int64') according "
                     "to the rule 'same_kind'",
                     numc_dtype_name(repeats->dtype));
  numc_array *c;
  NUMC__TRY(numc_astype(&c, repeats, NUMC_INT64, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  int64_t cnt = numc__shape_size(c->ndim, c->shape);
  int64_t *t = numc__malloc((size_t)(cnt ? cnt : 1) * sizeof *t);
  int rc = t ? NUMC_OK : numc__oom();
  if (rc == NUMC_OK) {
    numc__lock();
    rc = numc__force1(c->st);
    numc__unlock();
  }
  if (rc == NUMC_OK) {
    const char *p = numc__array_ptr(c);
    int64_t s = c->ndim ? c->strides[0] : 0;
    for (int64_t i = 0; i < cnt; i++) memcpy(&t[i], p + i * s, sizeof *t);
  }
  numc_release(c);
  if (rc < 0) {
    numc__free(t);
    return rc;
  }
  *out = t;
  *n = cnt;
  return NUMC_OK;
}


int numc_repeat(numc_array **out, const numc_array *x, const numc_array *repeats, int axis) {
  if (x == NULL || repeats == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  int64_t *counts = NULL, n = 0;
  NUMC__TRY(read_counts(&counts, &n, repeats));
  if (n == 1) {
    int64_t r = counts[0];
    numc__free(counts);
    return numc_repeat_n(out, x, r, axis);
  }
  numc_array *flat, *idx = NULL;
  int rc = repeat_axis(&flat, &x, &axis);
  int64_t len = rc == NUMC_OK ? x->shape[axis] : 0, total = 0;
  if (rc == NUMC_OK && n != len)
    rc = numc__err(NUMC_EVALUE, "operands could not be broadcast together with shape "
                                "(%lld,) (%lld,)",
                   (long long)len, (long long)n);
  for (int64_t j = 0; rc == NUMC_OK && j < n; j++) {
    if (counts[j] < 0)
      rc = numc__err(NUMC_EVALUE, "repeats may not contain negative values.");
    else if (counts[j] > INT64_MAX - total)
      rc = numc__err(NUMC_EVALUE, "array is too big");
    else
      total += counts[j];
  }
  if (rc == NUMC_OK) rc = repeat_index(&idx, counts, n, total);
  if (rc == NUMC_OK) rc = numc_take(out, x, idx, axis);
  numc_release(idx);
  numc_release(flat);
  numc__free(counts);
  return rc;
}

int numc_tile(numc_array **out, const numc_array *x, int nreps, const int64_t *reps) {
  if (x == NULL || nreps < 0 || (nreps > 0 && reps == NULL))
    return numc__err(NUMC_EINVAL, "invalid arguments");
  for (int i = 0; i < nreps; i++)
    if (reps[i] < 0) return numc__err(NUMC_EVALUE, "negative dimensions are not allowed");
  int nd = nreps > x->ndim ? nreps : x->ndim;
  if (nd > NUMC_MAXDIMS) return numc__err(NUMC_EVALUE, "too many dimensions");
  int64_t r[NUMC_MAXDIMS], fshape[NUMC_MAXDIMS];
  for (int d = 0; d < nd; d++) {
    int i = d - (nd - nreps);
    r[d] = i >= 0 ? reps[i] : 1;
    int xd = d - (nd - x->ndim);
    int64_t n = xd >= 0 ? x->shape[xd] : 1;
    if (n && r[d] > INT64_MAX / n) return numc__err(NUMC_EVALUE, "array is too big");
    fshape[d] = n * r[d];
  }
  NUMC__TRY(numc__check_shape(nd, fshape, x->dtype));
  numc_array *xp = NULL;
  int lead = nd - x->ndim, axes[NUMC_MAXDIMS];
  for (int i = 0; i < lead; i++) axes[i] = i;
  NUMC__TRY(numc_expand_dims(&xp, x, lead, axes));
  int k = 0, rc;
  for (int d = 0; d < nd; d++) k += r[d] != 1;
  if (nd + k <= NUMC_MAXDIMS) {
    rc = replicate(out, xp, r, true);
  } else { /* too many axes for one view: tile the first half, then the rest */
    int64_t r1[NUMC_MAXDIMS], r2[NUMC_MAXDIMS];
    for (int d = 0; d < nd; d++) {
      r1[d] = d < nd / 2 ? r[d] : 1;
      r2[d] = d < nd / 2 ? 1 : r[d];
    }
    numc_array *t = NULL;
    rc = replicate(&t, xp, r1, true);
    if (rc == NUMC_OK) rc = replicate(out, t, r2, true);
    numc_release(t);
  }
  numc_release(xp);
  return rc;
}

/* ---- roll ---------------------------------------------------------------------------- */

/* At most this many rolled axes go into one assemble node (2^k boxes). */
#define ROLL_AXES_PER_NODE 4

/* Rolls x along the axes listed in `ax` (k of them, shifts in [1, n)) as
 * one assemble node of 2^k boxes. */
static int roll_boxes(numc_array **out, const numc_array *x, int k, const int *ax,
                      const int64_t *sh) {
  int nbox = 1 << k, nd = x->ndim;
  numc_array *boxes[1 << ROLL_AXES_PER_NODE] = {NULL};
  int64_t off[(1 << ROLL_AXES_PER_NODE) * NUMC_MAXDIMS];
  int rc = NUMC_OK;
  for (int b = 0; rc == NUMC_OK && b < nbox; b++) {
    numc_index ix[NUMC_MAXDIMS];
    for (int d = 0; d < nd; d++) {
      ix[d] = (numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL};
      off[b * nd + d] = 0;
    }
    for (int j = 0; j < k; j++) {
      int d = ax[j];
      int64_t n = x->shape[d], s = sh[j];
      if (b & (1 << j)) { /* the tail [n - s, n) goes to the front */
        ix[d] = (numc_index){NUMC_INDEX_SLICE, 1, 1, n - s, n, 1, NULL};
      } else { /* the head [0, n - s) moves to [s, n) */
        ix[d] = (numc_index){NUMC_INDEX_SLICE, 1, 1, 0, n - s, 1, NULL};
        off[b * nd + d] = s;
      }
    }
    rc = numc_index_view(&boxes[b], x, nd, ix);
  }
  if (rc == NUMC_OK)
    rc = record_assemble(out, x->dtype, nd, x->shape, nbox,
                         (const numc_array *const *)boxes, off, "roll");
  release_all(boxes, nbox);
  return rc;
}

/* Rolls x by eff[d] along every axis d (shifts already reduced mod n). */
static int roll_axes(numc_array **out, const numc_array *x, const int64_t *eff) {
  int ax[NUMC_MAXDIMS], k = 0;
  int64_t sh[NUMC_MAXDIMS];
  for (int d = 0; d < x->ndim; d++)
    if (eff[d]) ax[k] = d, sh[k++] = eff[d];
  if (k == 0) return numc_copy(out, x, NUMC_ORDER_C);
  numc_array *cur = NULL;
  int rc = NUMC_OK;
  for (int j = 0; rc == NUMC_OK && j < k; j += ROLL_AXES_PER_NODE) {
    int kk = k - j < ROLL_AXES_PER_NODE ? k - j : ROLL_AXES_PER_NODE;
    numc_array *next;
    rc = roll_boxes(&next, cur ? cur : x, kk, ax + j, sh + j);
    numc_release(cur);
    cur = rc == NUMC_OK ? next : NULL;
  }
  if (rc == NUMC_OK) *out = cur;
  return rc;
}

static int64_t mod_shift(int64_t s, int64_t n) {
  int64_t r = s % n;
  return r < 0 ? r + n : r;
}

int numc_roll(numc_array **out, const numc_array *x, int nshift, const int64_t *shifts,
              int naxes, const int *axes) {
  if (x == NULL || nshift < 1 || shifts == NULL || (naxes > 0 && axes == NULL))
    return numc__err(NUMC_EINVAL, "invalid arguments");
  int64_t eff[NUMC_MAXDIMS] = {0};
  if (naxes < 0) { /* flattened */
    numc_array *f, *r = NULL;
    NUMC__TRY(flatten(&f, x));
    int64_t n = f->shape[0];
    for (int i = 0; n && i < nshift; i++) eff[0] = mod_shift(eff[0] + mod_shift(shifts[i], n), n);
    int rc = roll_axes(&r, f, eff);
    if (rc == NUMC_OK) rc = numc_reshape(out, r, x->ndim, x->shape, NUMC_COPY_IF_NEEDED);
    numc_release(f);
    numc_release(r);
    return rc;
  }
  if (nshift != naxes && nshift != 1 && naxes != 1) {
    int64_t s0[1] = {nshift}, s1[1] = {naxes};
    const int64_t *shapes[2] = {s0, s1};
    int nds[2] = {1, 1}, nd;
    int64_t tmp[1];
    return broadcast_objects(&nd, tmp, 2, nds, shapes);
  }
  int cnt = nshift > naxes ? nshift : naxes;
  for (int i = 0; i < cnt; i++) {
    int ax = axes[naxes == 1 ? 0 : i];
    NUMC__TRY(numc__norm_axis(&ax, x->ndim));
    int64_t n = x->shape[ax];
    if (n) eff[ax] = mod_shift(eff[ax] + mod_shift(shifts[nshift == 1 ? 0 : i], n), n);
  }
  return roll_axes(out, x, eff);
}

/* ---- diff ---------------------------------------------------------------------------- */

/* prepend/append for diff: a 0-d value broadcast to x's shape with length 1
 * along axis, otherwise a plain view. */
static int diff_part(numc_array **out, const numc_array *v, const numc_array *x, int axis) {
  if (v->ndim != 0) return numc_view(out, v);
  int64_t shape[NUMC_MAXDIMS];
  memcpy(shape, x->shape, (size_t)x->ndim * sizeof *shape);
  shape[axis] = 1;
  return numc_broadcast_to(out, v, x->ndim, shape);
}

int numc_diff(numc_array **out, const numc_array *x, int n, int axis,
              const numc_array *prepend, const numc_array *append) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (n == 0) return numc_view(out, x); /* before any check, as NumPy */
  if (n < 0) return numc__err(NUMC_EVALUE, "order must be non-negative but got %d", n);
  if (x->ndim == 0)
    return numc__err(NUMC_EVALUE, "diff requires input that is at least one dimensional");
  NUMC__TRY(numc__norm_axis(&axis, x->ndim));
  numc_array *parts[3] = {NULL, NULL, NULL}, *a = NULL;
  int np = 0, rc = NUMC_OK;
  if (prepend) rc = diff_part(&parts[np++], prepend, x, axis);
  if (rc == NUMC_OK) rc = numc_view(&parts[np++], x);
  if (rc == NUMC_OK && append) rc = diff_part(&parts[np++], append, x, axis);
  if (rc == NUMC_OK)
    rc = np == 1 ? numc_view(&a, x)
                 : numc_concat(&a, np, (const numc_array *const *)parts, axis);
  release_all(parts, 3);
  numc_op op = a && a->dtype == NUMC_BOOL ? NUMC_OP_NOT_EQUAL : NUMC_OP_SUBTRACT;
  for (int i = 0; rc == NUMC_OK && i < n; i++) {
    int64_t len = a->shape[axis];
    numc_array *hi = NULL, *lo = NULL, *d = NULL;
    rc = slice_axis(&hi, a, axis, 1, len);
    if (rc == NUMC_OK) rc = slice_axis(&lo, a, axis, 0, len > 0 ? len - 1 : 0);
    if (rc == NUMC_OK) rc = numc_binary(&d, op, hi, lo);
    numc_release(hi);
    numc_release(lo);
    numc_release(a);
    a = d;
  }
  if (rc == NUMC_OK)
    *out = a;
  else
    numc_release(a);
  return rc;
}

/* ---- tril / triu --------------------------------------------------------------------- */

/* 0, 1, ..., n-1 as int64 with shape (n, 1) (col) or (n,). */
static int index_range(numc_array **out, int64_t n, bool col) {
  numc_scalar lo = numc_weak_int(0), hi = numc_weak_int(n), st = numc_weak_int(1);
  numc_array *r;
  NUMC__TRY(numc_arange(&r, NUMC_INT64, &lo, &hi, &st));
  if (!col) {
    *out = r;
    return NUMC_OK;
  }
  int64_t shape[2] = {n, 1};
  int rc = numc_reshape(out, r, 2, shape, NUMC_COPY_IF_NEEDED);
  numc_release(r);
  return rc;
}

/* where(mask, x, 0) with mask[i, j] = (i + k >= j) for tril, (i + k <= j)
 * for triu, over the last two axes: one fused elementwise pass. */
static int tri_impl(numc_array **out, const numc_array *x, int64_t k, bool lower) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (x->ndim == 0)
    return numc__err(NUMC_EVALUE, "%s requires an array with at least one dimension",
                     lower ? "tril" : "triu");
  int64_t rows = x->shape[x->ndim == 1 ? 0 : x->ndim - 2], cols = x->shape[x->ndim - 1];
  /* beyond these bounds the mask no longer changes; clamping avoids overflow */
  if (k > cols + 1) k = cols + 1;
  if (k < -rows - 1) k = -rows - 1;
  numc_array *ri = NULL, *cj = NULL, *kk = NULL, *t = NULL, *mask = NULL, *zero = NULL;
  numc_scalar ks = numc_weak_int(k), z = numc_weak_int(0), zt;
  int rc = index_range(&ri, rows, true);
  if (rc == NUMC_OK) rc = index_range(&cj, cols, false);
  if (rc == NUMC_OK) rc = numc_from_scalar(&kk, &ks);
  if (rc == NUMC_OK) rc = numc_add(&t, ri, kk);
  if (rc == NUMC_OK)
    rc = lower ? numc_greater_equal(&mask, t, cj) : numc_less_equal(&mask, t, cj);
  if (rc == NUMC_OK) rc = numc_scalar_cast(&zt, &z, x->dtype);
  if (rc == NUMC_OK) rc = numc_from_scalar(&zero, &zt);
  if (rc == NUMC_OK) rc = numc_where(out, mask, x, zero);
  numc_release(ri);
  numc_release(cj);
  numc_release(kk);
  numc_release(t);
  numc_release(mask);
  numc_release(zero);
  return rc;
}

int numc_tril(numc_array **out, const numc_array *x, int64_t k) {
  return tri_impl(out, x, k, true);
}

int numc_triu(numc_array **out, const numc_array *x, int64_t k) {
  return tri_impl(out, x, k, false);
}
