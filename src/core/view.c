/*
 * core/view.c - views: new handles on the same storage with another shape,
 * strides or offset. Nothing here copies data or forces evaluation, except
 * reshape when the strides make a view impossible (it then records a copy).
 */
#include "internal.h"

#include <stdio.h>

/* Makes a view handle of `a` under the lock; WRITEABLE inherited, OWNDATA
 * and WEAK dropped. */
static int make_view(numc_array **out, const numc_array *a, numc_dtype dtype,
                     int ndim, const int64_t *shape, const int64_t *strides,
                     int64_t offset, bool writeable) {
  numc__lock();
  numc_array *v = numc__array_new(a->st, dtype, ndim, shape, strides, offset,
                                  writeable ? (a->flags & NUMC_WRITEABLE) : 0);
  numc__unlock();
  if (v == NULL) return NUMC_ENOMEM;
  *out = v;
  return NUMC_OK;
}

int numc_view(numc_array **out, const numc_array *a) {
  return make_view(out, a, a->dtype, a->ndim, a->shape, a->strides, a->offset,
                   true);
}

/* True if every byte the bool view (shape, strides over a's memory) would
 * read is 0 or 1. a is evaluated. */
static bool bytes_are_bools(const numc_array *a, const int64_t *shape,
                            const int64_t *strides) {
  const unsigned char *base = (const unsigned char *)a->st->data + a->offset;
  int64_t n = numc__shape_size(a->ndim, shape), idx[NUMC_MAXDIMS] = {0};
  for (int64_t k = 0; k < n; k++) {
    int64_t off = 0;
    for (int d = 0; d < a->ndim; d++) off += idx[d] * strides[d];
    if (base[off] > 1) return false;
    for (int d = a->ndim - 1; d >= 0 && ++idx[d] == shape[d]; d--) idx[d] = 0;
  }
  return true;
}

int numc_view_dtype(numc_array **out, const numc_array *a, numc_dtype dt) {
  if (!out || !a) return numc__err(NUMC_EINVAL, "view: NULL argument");
  if (!numc__dtype_valid((int)dt)) return numc__err(NUMC_EINVAL, "view: invalid dtype");
  int64_t o = (int64_t)numc__isz(a->dtype), n = (int64_t)numc__isz(dt);
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  memcpy(shape, a->shape, (size_t)a->ndim * sizeof *shape);
  memcpy(strides, a->strides, (size_t)a->ndim * sizeof *strides);
  if (o != n) {
    if (a->ndim == 0)
      return numc__err(NUMC_EVALUE, "Changing the dtype of a 0d array is only "
                                    "supported if the itemsize is unchanged");
    int l = a->ndim - 1;
    if (shape[l] != 1 && strides[l] != o)
      return numc__err(NUMC_EVALUE, "To change to a dtype of a different size, "
                                    "the last axis must be contiguous");
    if ((shape[l] * o) % n != 0)
      return numc__err(NUMC_EVALUE, "When changing to a larger dtype, its size must "
                                    "be a divisor of the total size in bytes of the "
                                    "last axis of the array.");
    shape[l] = shape[l] * o / n;
    strides[l] = n;
  }
  /* elements must stay aligned for dt (numc's loops load them directly) */
  int64_t al = numc__is_complex(dt) ? n / 2 : n;
  bool aligned = a->offset % al == 0;
  for (int i = 0; i < a->ndim; i++)
    if (shape[i] > 1 && strides[i] % al != 0) aligned = false;
  if (!aligned)
    return numc__err(NUMC_EVALUE, "view: the result would be misaligned for %s",
                     numc_dtype_name(dt));
  /* reinterpreting bytes: they must exist, not be a pending expression */
  numc_array *const self[1] = {(numc_array *)a};
  NUMC__TRY(numc_eval(self, 1));
  if (dt == NUMC_BOOL && a->dtype != NUMC_BOOL && !bytes_are_bools(a, shape, strides))
    return numc__err(NUMC_EVALUE, "view: %s bytes other than 0 and 1 cannot be read "
                                  "as bool (numc's bools are 0 or 1); use a != 0",
                     numc_dtype_name(a->dtype));
  return make_view(out, a, dt, a->ndim, shape, strides, a->offset, true);
}

/* ---- basic indexing ------------------------------------------------------ */

/* Resolves a slice over an axis of length n (Python's slice.indices rules)
 * into start, step and result length. */
static void slice_resolve(const numc_index *ix, int64_t n, int64_t *start,
                          int64_t *len) {
  int64_t step = ix->step, lo, hi;
  if (step > 0) {
    lo = ix->has_start ? ix->start : 0;
    hi = ix->has_stop ? ix->stop : n;
    if (lo < 0) lo = lo + n < 0 ? 0 : lo + n;
    if (lo > n) lo = n;
    if (hi < 0) hi = hi + n < 0 ? 0 : hi + n;
    if (hi > n) hi = n;
    *len = hi > lo ? (hi - lo - 1) / step + 1 : 0;
  } else {
    lo = ix->has_start ? ix->start : n - 1;
    hi = ix->has_stop ? ix->stop : -1;
    if (ix->has_start) {
      if (lo < 0) lo = lo + n < 0 ? -1 : lo + n;
      if (lo >= n) lo = n - 1;
    }
    if (ix->has_stop) {
      if (hi < 0) hi = hi + n < 0 ? -1 : hi + n;
      if (hi >= n) hi = n - 1;
    }
    *len = lo > hi ? (lo - hi - 1) / (-step) + 1 : 0;
  }
  *start = lo;
}

int numc_index_view(numc_array **out, const numc_array *a, int n,
                    const numc_index *idx) {
  if (n < 0 || (n > 0 && idx == NULL))
    return numc__err(NUMC_EINVAL, "invalid index list");
  int consumed = 0, ellipses = 0, newaxes = 0;
  for (int i = 0; i < n; i++) {
    switch (idx[i].kind) {
    case NUMC_INDEX_INT:
    case NUMC_INDEX_SLICE:
      consumed++;
      if (idx[i].kind == NUMC_INDEX_SLICE && idx[i].step == 0)
        return numc__err(NUMC_EVALUE, "slice step cannot be zero");
      break;
    case NUMC_INDEX_NEWAXIS:
      newaxes++;
      break;
    case NUMC_INDEX_ELLIPSIS:
      if (++ellipses > 1)
        return numc__err(NUMC_EINDEX,
                         "an index can only have a single ellipsis ('...')");
      break;
    case NUMC_INDEX_ARRAY:
      return numc__err(NUMC_EINVAL,
                       "array indices need advanced indexing (numc_index_get)");
    default:
      return numc__err(NUMC_EINVAL, "unknown index kind %d", (int)idx[i].kind);
    }
  }
  if (consumed > a->ndim)
    return numc__err(NUMC_EINDEX,
                     "too many indices for array: array is %d-dimensional, but "
                     "%d were indexed",
                     a->ndim, consumed);
  int out_nd = a->ndim - consumed + newaxes;
  for (int i = 0; i < n; i++)
    if (idx[i].kind == NUMC_INDEX_SLICE) out_nd++;
  if (out_nd > NUMC_MAXDIMS)
    return numc__err(NUMC_EINDEX, "number of dimensions must be within [0, %d]",
                     NUMC_MAXDIMS);
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  int64_t offset = a->offset;
  int ax = 0, o = 0;
  for (int i = 0; i < n; i++) {
    const numc_index *ix = &idx[i];
    if (ix->kind == NUMC_INDEX_ELLIPSIS) {
      int fill = a->ndim - consumed;
      for (int k = 0; k < fill; k++, ax++, o++)
        shape[o] = a->shape[ax], strides[o] = a->strides[ax];
    } else if (ix->kind == NUMC_INDEX_NEWAXIS) {
      shape[o] = 1, strides[o] = 0, o++;
    } else if (ix->kind == NUMC_INDEX_INT) {
      int64_t k = ix->start, d = a->shape[ax];
      if (k < -d || k >= d)
        return numc__err(NUMC_EINDEX,
                         "index %lld is out of bounds for axis %d with size %lld",
                         (long long)k, ax, (long long)d);
      offset += (k < 0 ? k + d : k) * a->strides[ax];
      ax++;
    } else {
      int64_t start, len;
      slice_resolve(ix, a->shape[ax], &start, &len);
      if (len > 0) offset += start * a->strides[ax];
      shape[o] = len;
      strides[o] = a->strides[ax] * ix->step;
      o++, ax++;
    }
  }
  for (; ax < a->ndim; ax++, o++) shape[o] = a->shape[ax], strides[o] = a->strides[ax];
  assert(o == out_nd);
  return make_view(out, a, a->dtype, out_nd, shape, strides, offset, true);
}

/* ---- axis permutations ----------------------------------------------------- */

int numc_permute_dims(numc_array **out, const numc_array *a, const int *axes) {
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  uint64_t seen = 0;
  for (int i = 0; i < a->ndim; i++) {
    int ax = axes ? axes[i] : a->ndim - 1 - i;
    NUMC__TRY(numc__norm_axis(&ax, a->ndim));
    if (seen & ((uint64_t)1 << ax))
      return numc__err(NUMC_EVALUE, "repeated axis in transpose");
    seen |= (uint64_t)1 << ax;
    shape[i] = a->shape[ax];
    strides[i] = a->strides[ax];
  }
  return make_view(out, a, a->dtype, a->ndim, shape, strides, a->offset, true);
}

int numc_swapaxes(numc_array **out, const numc_array *a, int a1, int a2) {
  NUMC__TRY(numc__norm_axis(&a1, a->ndim));
  NUMC__TRY(numc__norm_axis(&a2, a->ndim));
  int axes[NUMC_MAXDIMS];
  for (int i = 0; i < a->ndim; i++) axes[i] = i;
  axes[a1] = a2;
  axes[a2] = a1;
  return numc_permute_dims(out, a, axes);
}

int numc_matrix_transpose(numc_array **out, const numc_array *a) {
  if (a->ndim < 2)
    return numc__err(NUMC_ESHAPE,
                     "matrix transpose with ndim < 2 is undefined");
  return numc_swapaxes(out, a, -1, -2);
}

/* ---- reshape --------------------------------------------------------------- */

/* Tries to express the new shape as a view of a's strides (C order); a has
 * at least one element. Returns true and fills strides on success. */
static bool reshape_strides(const numc_array *a, int nd, const int64_t *shape,
                            int64_t *strides) {
  int64_t oshape[NUMC_MAXDIMS], ostr[NUMC_MAXDIMS];
  int ond = 0;
  for (int i = 0; i < a->ndim; i++)
    if (a->shape[i] != 1) oshape[ond] = a->shape[i], ostr[ond++] = a->strides[i];
  int oi = 0, ni = 0;
  while (oi < ond && ni < nd) {
    if (shape[ni] == 1) {
      ni++;
      continue;
    }
    /* grow the smallest runs of old and new dims with equal products */
    int oj = oi + 1, nj = ni + 1;
    int64_t op = oshape[oi], np = shape[ni];
    while (op != np) {
      if (op < np)
        op *= oshape[oj++];
      else
        np *= shape[nj++];
    }
    for (int k = oi; k < oj - 1; k++) /* old run must be contiguous */
      if (ostr[k] != ostr[k + 1] * oshape[k + 1]) return false;
    strides[nj - 1] = ostr[oj - 1];
    for (int k = nj - 1; k > ni; k--) strides[k - 1] = strides[k] * shape[k];
    oi = oj, ni = nj;
  }
  /* length-1 dims: NumPy's choice, the stride of the dims inside them */
  for (int k = nd - 1; k >= 0; k--)
    if (shape[k] == 1)
      strides[k] = k + 1 < nd ? strides[k + 1] * shape[k + 1]
                              : (int64_t)numc__isz(a->dtype);
  return true;
}

int numc_reshape(numc_array **out, const numc_array *a, int ndim,
                 const int64_t *shape, numc_copy_mode copy) {
  if (ndim < 0 || ndim > NUMC_MAXDIMS)
    return numc__err(NUMC_ESHAPE, "invalid number of dimensions %d", ndim);
  int64_t sh[NUMC_MAXDIMS];
  int unknown = -1;
  int64_t known = 1, size = numc_array_size(a);
  for (int i = 0; i < ndim; i++) {
    sh[i] = shape[i];
    if (sh[i] == -1) {
      if (unknown >= 0)
        return numc__err(NUMC_EVALUE, "can only specify one unknown dimension");
      unknown = i;
    } else if (sh[i] < 0) {
      return numc__err(NUMC_EVALUE, "negative dimensions not allowed");
    } else {
      known *= sh[i];
    }
  }
  if (unknown >= 0) {
    if (known == 0 || size % known != 0) goto mismatch;
    sh[unknown] = size / known;
  }
  if (numc__shape_size(ndim, sh) != size) goto mismatch;
  if (copy != NUMC_COPY_ALWAYS) {
    int64_t st[NUMC_MAXDIMS];
    bool ok = size == 0 ? (numc__c_strides(st, ndim, sh, numc__isz(a->dtype)), true)
                        : reshape_strides(a, ndim, sh, st);
    if (ok) return make_view(out, a, a->dtype, ndim, sh, st, a->offset, true);
    if (copy == NUMC_COPY_NEVER)
      return numc__err(NUMC_EVALUE,
                       "Unable to avoid creating a copy while reshaping.");
  }
  numc_array *c;
  NUMC__TRY(numc_copy(&c, a, NUMC_ORDER_C));
  int rc = make_view(out, c, c->dtype, ndim, sh, NULL, 0, true);
  numc_release(c);
  return rc;
mismatch:;
  char s1[256];
  numc__shape_str(s1, sizeof s1, ndim, shape);
  return numc__err(NUMC_ESHAPE, "cannot reshape array of size %lld into shape %s",
                   (long long)size, s1);
}

/* ---- broadcasting and length-1 axes ---------------------------------------- */

int numc_broadcast_to(numc_array **out, const numc_array *a, int ndim,
                      const int64_t *shape) {
  if (ndim < 0 || ndim > NUMC_MAXDIMS || (ndim && shape == NULL))
    return numc__err(NUMC_EINVAL, "invalid shape");
  for (int i = 0; i < ndim; i++)
    if (shape[i] < 0)
      return numc__err(NUMC_EVALUE,
                       "all elements of broadcast shape must be non-negative");
  bool ok = ndim >= a->ndim;
  for (int i = 0; ok && i < a->ndim; i++) {
    int64_t d = a->shape[i], t = shape[ndim - a->ndim + i];
    if (d != t && d != 1) ok = false;
  }
  if (!ok) {
    char s1[256], s2[256];
    numc__shape_str_compact(s1, sizeof s1, a->ndim, a->shape);
    numc__shape_str_compact(s2, sizeof s2, ndim, shape);
    return numc__err(NUMC_ESHAPE,
                     "operands could not be broadcast together with remapped "
                     "shapes [original->remapped]: %s  and requested shape %s",
                     s1, s2);
  }
  int64_t strides[NUMC_MAXDIMS];
  numc__broadcast_strides(strides, a, ndim, shape);
  int rc = make_view(out, a, a->dtype, ndim, shape, strides, a->offset, false);
  return rc;
}

int numc_broadcast_shapes(int *out_ndim, int64_t *out_shape, int n,
                          const int *ndims, const int64_t *const *shapes) {
  for (int k = 0; k < n; k++)
    if (ndims[k] < 0 || ndims[k] > NUMC_MAXDIMS)
      return numc__err(NUMC_EINVAL, "invalid number of dimensions");
  return numc__broadcast(out_ndim, out_shape, n, ndims, shapes);
}

int numc_expand_dims(numc_array **out, const numc_array *a, int naxes,
                     const int *axes) {
  int nd = a->ndim + naxes;
  if (naxes < 0 || nd > NUMC_MAXDIMS)
    return numc__err(NUMC_EVALUE, "invalid number of axes");
  uint64_t mask;
  NUMC__TRY(numc__axes_mask(&mask, naxes, axes, nd));
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  for (int i = 0, j = 0; i < nd; i++) {
    if (mask & ((uint64_t)1 << i)) {
      shape[i] = 1;
      strides[i] = 0;
    } else {
      shape[i] = a->shape[j];
      strides[i] = a->strides[j++];
    }
  }
  return make_view(out, a, a->dtype, nd, shape, strides, a->offset, true);
}

int numc_squeeze(numc_array **out, const numc_array *a, int naxes,
                 const int *axes) {
  uint64_t mask = 0;
  if (naxes < 0) {
    for (int i = 0; i < a->ndim; i++)
      if (a->shape[i] == 1) mask |= (uint64_t)1 << i;
  } else {
    NUMC__TRY(numc__axes_mask(&mask, naxes, axes, a->ndim));
    for (int i = 0; i < a->ndim; i++)
      if ((mask & ((uint64_t)1 << i)) && a->shape[i] != 1)
        return numc__err(NUMC_EVALUE,
                         "cannot select an axis to squeeze out which has size "
                         "not equal to one");
  }
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  int nd = 0;
  for (int i = 0; i < a->ndim; i++)
    if (!(mask & ((uint64_t)1 << i))) shape[nd] = a->shape[i], strides[nd++] = a->strides[i];
  return make_view(out, a, a->dtype, nd, shape, strides, a->offset, true);
}

int numc_flip(numc_array **out, const numc_array *a, int naxes, const int *axes) {
  uint64_t mask;
  NUMC__TRY(numc__axes_mask(&mask, naxes, axes, a->ndim));
  int64_t strides[NUMC_MAXDIMS];
  int64_t offset = a->offset;
  for (int i = 0; i < a->ndim; i++) {
    strides[i] = a->strides[i];
    if ((mask & ((uint64_t)1 << i)) && a->shape[i] > 0) {
      offset += (a->shape[i] - 1) * a->strides[i];
      strides[i] = -a->strides[i];
    }
  }
  return make_view(out, a, a->dtype, a->ndim, a->shape, strides, offset, true);
}

int numc_real_view(numc_array **out, const numc_array *a) {
  return make_view(out, a, numc_dtype_real(a->dtype), a->ndim, a->shape,
                   a->strides, a->offset, true);
}

int numc_imag_view(numc_array **out, const numc_array *a) {
  if (numc__is_complex(a->dtype))
    return make_view(out, a, numc_dtype_real(a->dtype), a->ndim, a->shape,
                     a->strides, a->offset + (int64_t)numc__isz(a->dtype) / 2,
                     true);
  /* Real input: a new read-only array of zeros, as NumPy's x.imag. */
  numc_array *z;
  NUMC__TRY(numc_zeros(&z, a->dtype, a->ndim, a->shape));
  z->flags &= ~NUMC_WRITEABLE;
  *out = z;
  return NUMC_OK;
}
