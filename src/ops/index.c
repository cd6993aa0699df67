/*
 * ops/index.c - advanced indexing (integer and boolean index arrays), take,
 * take_along_axis, put and put_along_axis; plus the parallel range splitter
 * and strided copy that ops/manip.c shares (ops/gather.h).
 *
 * An index with arrays is resolved at the call into a plan:
 *   1. The basic part becomes a view V of x: each array item is replaced by
 *      full slices over the axes it indexes (a newaxis for a 0-d boolean),
 *      and each integer scalar, which NumPy treats as an advanced index once
 *      an array is present, by a full slice as well.
 *   2. Each advanced item becomes a table of byte offsets into V over its
 *      own shape: index * stride for an integer array, the offsets of the
 *      true elements for a boolean array, one offset for a scalar. Index
 *      arrays are evaluated and bounds-checked here, so errors surface at
 *      the call and no out-of-bounds access can happen later.
 *   3. The tables broadcast to the shape B and are summed into `advoff`,
 *      |B| byte offsets. (A lone C-contiguous int64 index array, x[i],
 *      needs no table: it is checked, then read in place.)
 *   4. The result has the axes pre + B + post, where pre and post are the
 *      remaining axes of V (pre is empty when the advanced items are not
 *      next to each other: NumPy then puts the broadcast axes first).
 * A gather is one EXTERN node reading V: result row (p, b) is the post
 * block of V at pre offset(p) + advoff[b]; rows are split over the pool.
 * A scatter (setitem, put) runs at the call, rows in order, so the last of
 * repeated indices wins, after numc__prepare_write has run every pending
 * reader of the destination (DESIGN.md invariant 3).
 */
#include "gather.h"

#include "../cpu/pool.h"

#include <stdatomic.h>
#include <stdio.h>

/* ---- parallel ranges and strided copies (ops/gather.h) --------------------- */

typedef struct par_job {
  numc__range_fn fn;
  void *ctx;
  int64_t n, grain;
  _Atomic int64_t next;
} par_job;

static void par_worker(void *arg, int tid) {
  (void)tid;
  par_job *j = arg;
  for (;;) {
    int64_t i0 = atomic_fetch_add(&j->next, j->grain);
    if (i0 >= j->n) return;
    j->fn(j->ctx, i0, j->n - i0 > j->grain ? i0 + j->grain : j->n);
  }
}

void numc__parallel_ranges(int64_t n, int64_t grain, numc__range_fn fn, void *ctx) {
  if (n <= 0) return;
  if (grain < 1) grain = 1;
  int threads = numc__pool_size();
  if (n <= grain || threads <= 1) {
    fn(ctx, 0, n);
    return;
  }
  int64_t chunks = (n - 1) / grain + 1;
  par_job j;
  j.fn = fn;
  j.ctx = ctx;
  j.n = n;
  j.grain = grain;
  atomic_init(&j.next, 0);
  numc__pool_run(chunks < threads ? (int)chunks : threads, par_worker, &j);
}

/* memcpy, except for copies whose source and destination are not
 * co-aligned (their distance is not a multiple of 64 bytes): glibc's memcpy
 * uses "rep movsb" for mid-sized blocks, which runs several times slower
 * then on common x86 parts (measured: 2.5x for 8 KiB rows), so a plain
 * vector loop does them. The blocks never overlap. */
static void copy_bytes(char *d, const char *s, size_t n) {
  if (n < 512 || (((uintptr_t)d - (uintptr_t)s) & 63) == 0) {
    memcpy(d, s, n);
    return;
  }
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint64_t w[4];
    memcpy(w, s + i, 32);
    memcpy(d + i, w, 32);
  }
  for (; i < n; i++) d[i] = s[i];
}

/* Copies n elements between two strided runs; the element size is a
 * compile-time constant in each branch so the copies become plain moves. */
static void run_copy(char *d, int64_t ds, const char *s, int64_t ss, int64_t n,
                     size_t isz) {
  if (ds == (int64_t)isz && ss == (int64_t)isz) {
    copy_bytes(d, s, (size_t)n * isz);
    return;
  }
#define RUN(N)                                                                 \
  for (int64_t i = 0; i < n; i++) memcpy(d + i * ds, s + i * ss, N);           \
  return;
  NUMC__SIZE_SWITCH(isz, RUN)
#undef RUN
}

/* Drops length-1 axes and merges neighbours that are contiguous in both
 * layouts a and b. Returns the new ndim, or -1 if the block is empty. */
static int collapse(int nd, int64_t *shape, int64_t *a, int64_t *b) {
  int m = 0;
  for (int i = 0; i < nd; i++) {
    int64_t n = shape[i], sa = a[i], sb = b[i];
    if (n == 0) return -1;
    if (n == 1) continue;
    if (m > 0 && a[m - 1] == sa * n && b[m - 1] == sb * n) {
      shape[m - 1] *= n;
      a[m - 1] = sa;
      b[m - 1] = sb;
    } else {
      shape[m] = n, a[m] = sa, b[m] = sb;
      m++;
    }
  }
  return m;
}

/* A strided block copy: shape and both stride sets (collapsed, nd >= 1). */
typedef struct copy_desc {
  int nd;
  size_t isz;
  char *dst;
  const char *src;
  int64_t shape[NUMC_MAXDIMS], dstr[NUMC_MAXDIMS], sstr[NUMC_MAXDIMS];
} copy_desc;

/* Copies the elements [f0, f1) (C order over c->shape) of the block at
 * src to the block at dst. */
static void copy_range(const copy_desc *c, char *dst, const char *src, int64_t f0,
                       int64_t f1) {
  int last = c->nd - 1;
  int64_t idx[NUMC_MAXDIMS], rem = f0, doff = 0, soff = 0;
  for (int d = last; d >= 0; d--) {
    idx[d] = rem % c->shape[d];
    rem /= c->shape[d];
    doff += idx[d] * c->dstr[d];
    soff += idx[d] * c->sstr[d];
  }
  for (int64_t f = f0; f < f1;) {
    int64_t len = c->shape[last] - idx[last];
    if (len > f1 - f) len = f1 - f;
    run_copy(dst + doff, c->dstr[last], src + soff, c->sstr[last], len, c->isz);
    f += len;
    if (f >= f1) break;
    doff -= idx[last] * c->dstr[last];
    soff -= idx[last] * c->sstr[last];
    idx[last] = 0;
    for (int d = last - 1; d >= 0; d--) {
      idx[d]++;
      doff += c->dstr[d];
      soff += c->sstr[d];
      if (idx[d] < c->shape[d]) break;
      doff -= idx[d] * c->dstr[d];
      soff -= idx[d] * c->sstr[d];
      idx[d] = 0;
    }
  }
}

/* Fills c from a block description; returns false for an empty block.
 * c->nd == 0 means a single element. */
static bool copy_desc_init(copy_desc *c, const int64_t *dstr, const int64_t *sstr,
                           int nd, const int64_t *shape, size_t isz) {
  if (nd) {
    memcpy(c->shape, shape, (size_t)nd * sizeof *shape);
    memcpy(c->dstr, dstr, (size_t)nd * sizeof *dstr);
    memcpy(c->sstr, sstr, (size_t)nd * sizeof *sstr);
  }
  c->nd = collapse(nd, c->shape, c->dstr, c->sstr);
  c->isz = isz;
  return c->nd >= 0;
}

static void copy_block(const copy_desc *c, char *dst, const char *src) {
  if (c->nd == 0)
    memcpy(dst, src, c->isz);
  else
    copy_range(c, dst, src, 0, numc__shape_size(c->nd, c->shape));
}

static void copy_worker(void *ctx, int64_t i0, int64_t i1) {
  const copy_desc *c = ctx;
  copy_range(c, c->dst, c->src, i0, i1);
}

void numc__copy_nd(char *dst, const int64_t *dstr, const char *src, const int64_t *sstr,
                   int nd, const int64_t *shape, size_t isz) {
  copy_desc c;
  if (!copy_desc_init(&c, dstr, sstr, nd, shape, isz)) return;
  int64_t n = numc__shape_size(c.nd, c.shape);
  if (c.nd == 0 || n * (int64_t)isz < NUMC__PAR_MIN_BYTES) {
    copy_block(&c, dst, src);
    return;
  }
  c.dst = dst;
  c.src = src;
  /* chunks of 64 KiB to 1 MiB, about 8 per thread */
  int64_t bytes = n * (int64_t)isz, grain = bytes / (8 * (int64_t)numc__pool_size());
  if (grain < ((int64_t)1 << 16)) grain = (int64_t)1 << 16;
  if (grain > ((int64_t)1 << 20)) grain = (int64_t)1 << 20;
  numc__parallel_ranges(n, grain / (int64_t)isz, copy_worker, &c);
}

/* ---- small utilities -------------------------------------------------------- */

/* A multi-index counter over (nd, shape) in C order that tracks the offsets
 * o0 and o1 under two stride sets (either may be NULL: offset stays 0). */
typedef struct ctr {
  int nd;
  const int64_t *shape, *s0, *s1;
  int64_t idx[NUMC_MAXDIMS];
  int64_t o0, o1;
} ctr;

static void ctr_init(ctr *c, int nd, const int64_t *shape, const int64_t *s0,
                     const int64_t *s1, int64_t flat) {
  c->nd = nd;
  c->shape = shape;
  c->s0 = s0;
  c->s1 = s1;
  c->o0 = c->o1 = 0;
  for (int d = nd - 1; d >= 0; d--) {
    c->idx[d] = flat % shape[d];
    flat /= shape[d];
    if (s0) c->o0 += c->idx[d] * s0[d];
    if (s1) c->o1 += c->idx[d] * s1[d];
  }
}

static inline void ctr_next(ctr *c) {
  for (int d = c->nd - 1; d >= 0; d--) {
    c->idx[d]++;
    if (c->s0) c->o0 += c->s0[d];
    if (c->s1) c->o1 += c->s1[d];
    if (c->idx[d] < c->shape[d]) return;
    if (c->s0) c->o0 -= c->idx[d] * c->s0[d];
    if (c->s1) c->o1 -= c->idx[d] * c->s1[d];
    c->idx[d] = 0;
  }
}

/* NumPy's compact tuple text "(2,4)" / "(3,)" used in indexing messages. */
static void shape_compact(char *buf, size_t n, int nd, const int64_t *shape) {
  size_t used = (size_t)snprintf(buf, n, "(");
  for (int i = 0; i < nd && used < n; i++)
    used += (size_t)snprintf(buf + used, n - used, "%s%lld", i ? "," : "",
                             (long long)shape[i]);
  if (used < n) snprintf(buf + used, n - used, nd == 1 ? ",)" : ")");
}

static int check_writable(const numc_array *x) {
  if (!(x->flags & NUMC_WRITEABLE) || (x->st->flags & NUMC__ST_READONLY))
    return numc__err(NUMC_EREADONLY, "assignment destination is read-only");
  return NUMC_OK;
}

static int out_of_bounds(int64_t k, int axis, int64_t size) {
  return numc__err(NUMC_EINDEX, "index %lld is out of bounds for axis %d with size %lld",
                   (long long)k, axis, (long long)size);
}

/* Evaluates a (the caller keeps it); lock taken here. */
static int force_array(const numc_array *a) {
  numc__lock();
  int rc = numc__force1(a->st);
  numc__unlock();
  return rc;
}

/* Calls fn(ctx, row pointer, row length, row stride) for every innermost
 * row of the materialized array a, in C order (a 0-d array is one row of
 * one element). a is not empty. */
typedef void (*row_fn)(void *ctx, const char *p, int64_t n, int64_t stride);
static void for_each_row(const numc_array *a, row_fn fn, void *ctx) {
  const char *base = numc__array_ptr(a);
  if (a->ndim == 0) {
    fn(ctx, base, 1, 0);
    return;
  }
  int last = a->ndim - 1;
  ctr c;
  ctr_init(&c, last, a->shape, a->strides, NULL, 0);
  int64_t rows = numc__shape_size(last, a->shape);
  for (int64_t r = 0; r < rows; r++, ctr_next(&c))
    fn(ctx, base + c.o0, a->shape[last], a->strides[last]);
}

/* Converts a row of integer or bool index values to int64 (uint64 wraps as
 * NumPy's cast to intp does; bool is 0/1). */
static void load_indices(int64_t *o, const char *p, int64_t s, int64_t n, numc_dtype dt) {
#define LOAD(T)                                                                \
  for (int64_t i = 0; i < n; i++) {                                            \
    T v;                                                                       \
    memcpy(&v, p + i * s, sizeof v);                                           \
    o[i] = (int64_t)v;                                                         \
  }                                                                            \
  return;
  switch (dt) {
  case NUMC_BOOL:
    for (int64_t i = 0; i < n; i++) o[i] = p[i * s] != 0;
    return;
  case NUMC_INT8: LOAD(int8_t)
  case NUMC_UINT8: LOAD(uint8_t)
  case NUMC_INT16: LOAD(int16_t)
  case NUMC_UINT16: LOAD(uint16_t)
  case NUMC_INT32: LOAD(int32_t)
  case NUMC_UINT32: LOAD(uint32_t)
  case NUMC_INT64: LOAD(int64_t)
  case NUMC_UINT64: LOAD(uint64_t)
  default:
    assert(!"not an index dtype");
  }
#undef LOAD
}

typedef struct load_ctx {
  int64_t *out;
  numc_dtype dt;
} load_ctx;

static void load_row(void *ctx, const char *p, int64_t n, int64_t s) {
  load_ctx *c = ctx;
  load_indices(c->out, p, s, n, c->dt);
  c->out += n;
}

/* Reads the values of an evaluated integer/bool array into a new table of
 * size(a) int64 (C order). *out NULL for an empty array. */
static int read_indices(int64_t **out, const numc_array *a) {
  int64_t n = numc__shape_size(a->ndim, a->shape);
  *out = NULL;
  if (n == 0) return NUMC_OK;
  int64_t *t = numc__malloc((size_t)n * sizeof *t);
  if (!t) return numc__oom();
  load_ctx c = {t, a->dtype};
  for_each_row(a, load_row, &c);
  *out = t;
  return NUMC_OK;
}

/* Wraps negative indices and checks them against `size`, then scales them
 * to byte offsets with `stride`. */
static int indices_to_offsets(int64_t *t, int64_t n, int64_t size, int64_t stride,
                              int axis) {
  for (int64_t i = 0; i < n; i++) {
    int64_t k = t[i];
    if (k < 0) k += size;
    if (k < 0 || k >= size) return out_of_bounds(t[i], axis, size);
    t[i] = k * stride;
  }
  return NUMC_OK;
}

static bool is_index_dtype(numc_dtype dt) { return dt == NUMC_BOOL || numc__is_int(dt); }

/* ---- the plan --------------------------------------------------------------- */

enum { IT_SCALAR, IT_INT, IT_BOOL, IT_BOOL0 };

typedef struct adv_item {
  int pos;   /* position in the index list */
  int kind;  /* IT_* */
  int vdim;  /* first axis of V it indexes */
  int vnd;   /* axes of V it indexes */
  int xaxis; /* first axis of x it indexes (for messages) */
  const numc_array *a;
  int64_t scalar; /* IT_SCALAR: the normalized index */
  int64_t nnz;    /* IT_BOOL, IT_BOOL0: number of true elements */
  int ond;        /* the offset table's shape */
  const int64_t *oshape;
  int64_t *off; /* the offset table (owned until moved into the plan) */
} adv_item;

typedef struct gplan {
  int npre, nbd, npost;
  int64_t shape[NUMC_MAXDIMS]; /* result shape: pre, B, post */
  int64_t vstr[NUMC_MAXDIMS];  /* V's strides of the pre/post axes, 0 for B */
  int64_t nb, pre_n, post_n;   /* sizes of B, pre block, post block */
  size_t isz;
  int64_t *advoff; /* nb byte offsets relative to V's element 0 */
  /* Direct mode (advoff NULL), for one C-contiguous int64 index array over
   * B (the common x[i] case): offset(b) = wrap(index[b]) * dstride, read
   * from the array itself, which saves a table as large as the index. The
   * array is `dindex` during the call, the gather node's second input
   * afterwards. */
  bool direct;
  const numc_array *dindex; /* borrowed; valid during the call only */
  int64_t dsize, dstride;
  int64_t post_cstr[NUMC_MAXDIMS]; /* C strides of the post block */
} gplan;

/* Where the offsets of B come from, resolved for a run. */
typedef struct offsets {
  const int64_t *table, *idx;
  int64_t size, stride;
} offsets;

static offsets plan_offsets(const gplan *p, const numc_array *index) {
  offsets o = {p->advoff, NULL, p->dsize, p->dstride};
  if (p->direct) o.idx = (const int64_t *)numc__array_ptr(index);
  return o;
}

static inline int64_t off_at(const offsets *o, int64_t b) {
  if (o->table) return o->table[b];
  int64_t k = o->idx[b];
  return (k < 0 ? k + o->size : k) * o->stride;
}

static void plan_free(void *ptr) {
  gplan *p = ptr;
  if (!p) return;
  numc__free(p->advoff);
  numc__free(p);
}

static int result_nd(const gplan *p) { return p->npre + p->nbd + p->npost; }
static const int64_t *pre_vstr(const gplan *p) { return p->vstr; }
static const int64_t *post_shape(const gplan *p) { return p->shape + p->npre + p->nbd; }
static const int64_t *post_vstr(const gplan *p) { return p->vstr + p->npre + p->nbd; }

typedef struct mask_ctx {
  const adv_item *it;
  const numc_array *v;
  int64_t count;
  int64_t *out;      /* NULL: count only */
  int64_t idx[NUMC_MAXDIMS]; /* row multi-index over the mask's outer axes */
} mask_ctx;

/* Counts (or records the V offsets of) the true elements of a mask row. */
static void mask_row(void *ctx, const char *p, int64_t n, int64_t s) {
  mask_ctx *c = ctx;
  if (!c->out) {
    for (int64_t i = 0; i < n; i++) c->count += p[i * s] != 0;
    return;
  }
  const adv_item *it = c->it;
  int last = it->vnd - 1;
  const int64_t *vs = c->v->strides + it->vdim;
  int64_t base = 0;
  for (int k = 0; k < last; k++) base += c->idx[k] * vs[k];
  for (int64_t i = 0; i < n; i++)
    if (p[i * s] != 0) c->out[c->count++] = base + i * vs[last];
  for (int k = last - 1; k >= 0; k--) { /* next row */
    if (++c->idx[k] < it->a->shape[k]) break;
    c->idx[k] = 0;
  }
}

/* Builds item j's offset table (bounds-checked). */
static int item_offsets(adv_item *it, const numc_array *v) {
  int64_t stride = v->strides[it->vdim], size = v->shape[it->vdim];
  switch (it->kind) {
  case IT_SCALAR:
    it->off = numc__malloc(sizeof *it->off);
    if (!it->off) return numc__oom();
    it->off[0] = it->scalar * stride;
    return NUMC_OK;
  case IT_INT:
    NUMC__TRY(read_indices(&it->off, it->a));
    return indices_to_offsets(it->off, numc__shape_size(it->a->ndim, it->a->shape), size,
                              stride, it->xaxis);
  case IT_BOOL0:
    it->off = numc__calloc(1, sizeof *it->off);
    return it->off ? NUMC_OK : numc__oom();
  default: {
    it->off = numc__malloc((size_t)(it->nnz ? it->nnz : 1) * sizeof *it->off);
    if (!it->off) return numc__oom();
    mask_ctx c;
    memset(&c, 0, sizeof c);
    c.it = it;
    c.v = v;
    c.out = it->off;
    if (it->nnz) for_each_row(it->a, mask_row, &c);
    assert(c.count == it->nnz);
    return NUMC_OK;
  }
  }
}

/* advoff[b] += table[b broadcast onto the table's shape] over B. */
static void add_broadcast(int64_t *advoff, int bnd, const int64_t *bshape,
                          const adv_item *it) {
  int64_t es[NUMC_MAXDIMS], s = 1;
  for (int d = bnd - 1; d >= 0; d--) {
    int od = d - (bnd - it->ond);
    if (od < 0 || it->oshape[od] == 1) {
      es[d] = 0;
    } else {
      es[d] = s;
    }
    if (od >= 0) s *= it->oshape[od];
  }
  int64_t nb = numc__shape_size(bnd, bshape);
  ctr c;
  ctr_init(&c, bnd, bshape, es, NULL, 0);
  for (int64_t b = 0; b < nb; b++, ctr_next(&c)) advoff[b] += it->off[c.o0];
}

/* The shape-mismatch message of broadcasting index arrays: NumPy lists each
 * array's shape, a boolean array's (nnz,) once per axis it indexes. */
static int index_broadcast_error(const adv_item *items, int nitems) {
  char msg[1024];
  size_t used = 0;
  for (int j = 0; j < nitems && used < sizeof msg - 64; j++) {
    const adv_item *it = &items[j];
    int reps = it->kind == IT_BOOL ? it->vnd : it->kind == IT_SCALAR ? 0 : 1;
    for (int r = 0; r < reps && used < sizeof msg - 64; r++) {
      shape_compact(msg + used, sizeof msg - used, it->ond, it->oshape);
      used = strlen(msg);
      msg[used++] = ' ';
      msg[used] = '\0';
    }
  }
  return numc__err(NUMC_EINDEX,
                   "shape mismatch: indexing arrays could not be broadcast together "
                   "with shapes %s",
                   msg);
}

static bool has_array_item(int n, const numc_index *idx) {
  for (int i = 0; i < n; i++)
    if (idx[i].kind == NUMC_INDEX_ARRAY) return true;
  return false;
}

/* Steps 1-2 of the plan (parse, view, checks); fills items and *vout. */
static int parse_index(adv_item *items, int *nitems, numc_array **vout,
                       const numc_array *x, int n, const numc_index *idx,
                       numc_index *bl) {
  static const numc_index full = {NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL};
  int m = 0, na = 0, consumed = 0;
  for (int i = 0; i < n; i++) {
    const numc_index *ix = &idx[i];
    if (ix->kind == NUMC_INDEX_ARRAY) {
      const numc_array *a = ix->array;
      if (a == NULL) return numc__err(NUMC_EINVAL, "index array is NULL");
      if (!is_index_dtype(a->dtype))
        return numc__err(NUMC_EINDEX,
                         "arrays used as indices must be of integer (or boolean) type");
      adv_item *it = &items[na++];
      memset(it, 0, sizeof *it);
      it->pos = i;
      it->a = a;
      if (a->dtype != NUMC_BOOL) {
        it->kind = IT_INT, it->vnd = 1, bl[m++] = full, consumed++;
      } else if (a->ndim == 0) {
        it->kind = IT_BOOL0, it->vnd = 1;
        bl[m++] = (numc_index){NUMC_INDEX_NEWAXIS, 0, 0, 0, 0, 0, NULL};
      } else {
        it->kind = IT_BOOL, it->vnd = a->ndim, consumed += a->ndim;
        for (int k = 0; k < a->ndim; k++) bl[m++] = full;
      }
    } else if (ix->kind == NUMC_INDEX_INT) {
      adv_item *it = &items[na++];
      memset(it, 0, sizeof *it);
      it->pos = i, it->kind = IT_SCALAR, it->vnd = 1, it->scalar = ix->start;
      bl[m++] = full, consumed++;
    } else {
      if (ix->kind == NUMC_INDEX_SLICE) consumed++;
      bl[m++] = *ix;
    }
  }
  *nitems = na;
  NUMC__TRY(numc_index_view(vout, x, m, bl)); /* too many indices, ellipsis, step */
  /* second pass: the V and x axes of each advanced item */
  int o = 0, ax = 0, fill = x->ndim - consumed, j = 0;
  int rc = NUMC_OK;
  for (int i = 0; i < n; i++) {
    switch (idx[i].kind) {
    case NUMC_INDEX_SLICE:
      o++, ax++;
      break;
    case NUMC_INDEX_NEWAXIS:
      o++;
      break;
    case NUMC_INDEX_ELLIPSIS:
      o += fill, ax += fill;
      break;
    default: {
      adv_item *it = &items[j++];
      it->vdim = o, it->xaxis = ax;
      o += it->vnd;
      if (it->kind != IT_BOOL0) ax += it->vnd;
    }
    }
  }
  /* NumPy's order of checks: boolean shapes (axes of length 0 in the mask
   * are not compared), then integer scalars, which 0-d integer arrays join;
   * broadcasting and the arrays' bounds come later */
  for (j = 0; j < na && rc == NUMC_OK; j++) {
    adv_item *it = &items[j];
    for (int k = 0; it->kind == IT_BOOL && k < it->vnd && rc == NUMC_OK; k++) {
      int64_t mk = it->a->shape[k], xk = x->shape[it->xaxis + k];
      if (mk > 0 && mk != xk)
        rc = numc__err(NUMC_EINDEX,
                       "boolean index did not match indexed array along axis %d; size "
                       "of axis is %lld but size of corresponding boolean axis is %lld",
                       it->xaxis + k, (long long)xk, (long long)mk);
    }
  }
  for (j = 0; j < na && rc == NUMC_OK; j++) {
    adv_item *it = &items[j];
    if (it->kind == IT_INT && it->a->ndim == 0 && (rc = force_array(it->a)) == NUMC_OK) {
      load_indices(&it->scalar, numc__array_ptr(it->a), 0, 1, it->a->dtype);
      it->kind = IT_SCALAR;
    }
    if (rc == NUMC_OK && it->kind == IT_SCALAR) {
      int64_t k = it->scalar, d = x->shape[it->xaxis];
      if (k < -d || k >= d) rc = out_of_bounds(k, it->xaxis, d);
      it->scalar = k < 0 ? k + d : k;
    }
  }
  if (rc < 0) {
    numc_release(*vout);
    *vout = NULL;
  }
  return rc;
}

/* Evaluates the index arrays and sets each item's table shape. */
static int item_shapes(adv_item *items, int na) {
  for (int j = 0; j < na; j++) {
    adv_item *it = &items[j];
    if (it->kind == IT_SCALAR) {
      it->ond = 0;
      continue;
    }
    NUMC__TRY(force_array(it->a));
    if (it->kind == IT_INT) {
      it->ond = it->a->ndim;
      it->oshape = it->a->shape;
      continue;
    }
    if (it->kind == IT_BOOL0) {
      it->nnz = *numc__array_ptr(it->a) != 0;
    } else if (numc__shape_size(it->a->ndim, it->a->shape) > 0) {
      mask_ctx c;
      memset(&c, 0, sizeof c);
      for_each_row(it->a, mask_row, &c);
      it->nnz = c.count;
    }
    it->ond = 1;
    it->oshape = &it->nnz;
  }
  return NUMC_OK;
}

/* Steps 3-4: broadcast shape, result layout and the summed offsets. */
static int plan_layout(gplan *p, adv_item *items, int na, const numc_array *v) {
  int ndims[NUMC_MAXDIMS] = {0};
  const int64_t *shapes[NUMC_MAXDIMS] = {NULL};
  int64_t bshape[NUMC_MAXDIMS];
  int bnd = 0;
  /* each item indexes at least one distinct axis of V: na <= NUMC_MAXDIMS */
  assert(na <= NUMC_MAXDIMS);
  for (int j = 0; j < na; j++) ndims[j] = items[j].ond, shapes[j] = items[j].oshape;
  if (numc__broadcast(&bnd, bshape, na, ndims, shapes) < 0)
    return index_broadcast_error(items, na);
  bool adjacent = true;
  for (int j = 1; j < na; j++)
    if (items[j].pos != items[j - 1].pos + 1) adjacent = false;
  /* which axes of V are indexed */
  bool indexed[NUMC_MAXDIMS] = {false};
  for (int j = 0; j < na; j++)
    for (int k = 0; k < items[j].vnd; k++) indexed[items[j].vdim + k] = true;
  int first = items[0].vdim;
  int nrest = 0;
  for (int d = 0; d < v->ndim; d++) nrest += !indexed[d];
  if (nrest + bnd > NUMC_MAXDIMS)
    return numc__err(NUMC_EINDEX, "number of dimensions must be within [0, %d]",
                     NUMC_MAXDIMS);
  p->isz = numc__isz(v->dtype);
  p->npre = adjacent ? first : 0;
  p->nbd = bnd;
  p->npost = nrest - p->npre;
  int o = 0;
  for (int d = 0; d < p->npre; d++, o++) p->shape[o] = v->shape[d], p->vstr[o] = v->strides[d];
  for (int d = 0; d < bnd; d++, o++) p->shape[o] = bshape[d], p->vstr[o] = 0;
  for (int d = p->npre; d < v->ndim; d++)
    if (!indexed[d]) p->shape[o] = v->shape[d], p->vstr[o] = v->strides[d], o++;
  p->nb = numc__shape_size(bnd, bshape);
  p->pre_n = numc__shape_size(p->npre, p->shape);
  p->post_n = numc__shape_size(p->npost, post_shape(p));
  numc__c_strides(p->post_cstr, p->npost, post_shape(p), p->isz);
  if (p->nb == 0) return NUMC_OK; /* nothing is read: no bounds to check */
  const numc_array *a0 = items[0].a;
  /* (not when the index array shares x's buffer: a scatter would change it) */
  if (na == 1 && items[0].kind == IT_INT && a0->dtype == NUMC_INT64 && a0->st != v->st &&
      numc__is_c_contig(a0->ndim, a0->shape, a0->strides, sizeof(int64_t))) {
    const int64_t *t = (const int64_t *)numc__array_ptr(a0);
    int64_t size = v->shape[items[0].vdim];
    for (int64_t b = 0; b < p->nb; b++)
      if (t[b] < -size || t[b] >= size) return out_of_bounds(t[b], items[0].xaxis, size);
    p->direct = true;
    p->dindex = a0;
    p->dsize = size;
    p->dstride = v->strides[items[0].vdim];
    return NUMC_OK;
  }
  for (int j = 0; j < na; j++) NUMC__TRY(item_offsets(&items[j], v));
  if (na == 1 && items[0].ond == bnd &&
      (bnd == 0 || memcmp(items[0].oshape, bshape, (size_t)bnd * sizeof *bshape) == 0)) {
    p->advoff = items[0].off; /* the table is already over B */
    items[0].off = NULL;
    return NUMC_OK;
  }
  p->advoff = numc__calloc((size_t)p->nb, sizeof *p->advoff);
  if (!p->advoff) return numc__oom();
  for (int j = 0; j < na; j++) add_broadcast(p->advoff, bnd, bshape, &items[j]);
  return NUMC_OK;
}

/* Builds the plan of x[idx] (which has at least one array item) and the
 * view V it reads. On success *pout (owned) and *vout (a handle). */
static int plan_build(gplan **pout, numc_array **vout, const numc_array *x, int n,
                      const numc_index *idx) {
  int nbasic = 0;
  for (int i = 0; i < n; i++) {
    const numc_array *a = idx[i].kind == NUMC_INDEX_ARRAY ? idx[i].array : NULL;
    nbasic += a && a->dtype == NUMC_BOOL && a->ndim > 0 ? a->ndim : 1;
  }
  adv_item *items = numc__calloc((size_t)n, sizeof *items);
  numc_index *bl = numc__malloc((size_t)nbasic * sizeof *bl);
  gplan *p = numc__calloc(1, sizeof *p);
  numc_array *v = NULL;
  int na = 0, rc = NUMC_OK;
  if (!items || !bl || !p) rc = numc__oom();
  if (rc == NUMC_OK) rc = parse_index(items, &na, &v, x, n, idx, bl);
  if (rc == NUMC_OK) rc = item_shapes(items, na);
  if (rc == NUMC_OK) rc = plan_layout(p, items, na, v);
  for (int j = 0; items && j < na; j++) numc__free(items[j].off);
  numc__free(items);
  numc__free(bl);
  if (rc < 0) {
    plan_free(p);
    numc_release(v);
    return rc;
  }
  *pout = p;
  *vout = v;
  return NUMC_OK;
}

/* ---- gather ----------------------------------------------------------------- */

typedef struct gather_ctx {
  const gplan *p;
  offsets off;
  const char *src; /* V's element 0 */
  char *dst;       /* the C-contiguous result */
  copy_desc post;  /* V post block -> contiguous row */
} gather_ctx;

/* Gathers n single elements: dst[i] = base[offset(b0 + i)]. */
static void gather_elems(char *dst, const char *base, const offsets *o, int64_t b0,
                         int64_t n, size_t isz) {
  const int64_t *t = o->table ? o->table + b0 : NULL, *k = o->idx ? o->idx + b0 : NULL;
  int64_t size = o->size, stride = o->stride;
#define RUN(N)                                                                 \
  if (t)                                                                       \
    for (int64_t i = 0; i < n; i++) memcpy(dst + i * (N), base + t[i], N);     \
  else                                                                         \
    for (int64_t i = 0; i < n; i++)                                            \
      memcpy(dst + i * (N), base + (k[i] < 0 ? k[i] + size : k[i]) * stride, N); \
  return;
  NUMC__SIZE_SWITCH(isz, RUN)
#undef RUN
}

/* Result rows [r0, r1); row r = (pre index r / nb, b = r % nb). */
static void gather_rows(void *arg, int64_t r0, int64_t r1) {
  const gather_ctx *g = arg;
  const gplan *p = g->p;
  int64_t rowbytes = p->post_n * (int64_t)p->isz, b = r0 % p->nb;
  ctr pre;
  ctr_init(&pre, p->npre, p->shape, pre_vstr(p), NULL, r0 / p->nb);
  char *dst = g->dst + r0 * rowbytes;
  for (int64_t r = r0; r < r1;) {
    int64_t cnt = p->nb - b < r1 - r ? p->nb - b : r1 - r;
    const char *base = g->src + pre.o0;
    if (g->post.nd == 0) {
      gather_elems(dst, base, &g->off, b, cnt, p->isz);
      dst += cnt * rowbytes;
    } else {
      for (int64_t i = 0; i < cnt; i++, dst += rowbytes)
        copy_block(&g->post, dst, base + off_at(&g->off, b + i));
    }
    r += cnt;
    b += cnt;
    if (b == p->nb) {
      b = 0;
      ctr_next(&pre);
    }
  }
}

/* EXTERN callback: the gather described by the plan, from in[0] (V) and,
 * in direct mode, the index array in[1]. */
static int run_gather(const numc__node *nd, const numc_array *const *in, numc_array *out) {
  const gplan *p = nd->params;
  gather_ctx g;
  g.p = p;
  g.off = plan_offsets(p, p->direct ? in[1] : NULL);
  g.src = numc__array_ptr(in[0]);
  g.dst = numc__array_ptr(out);
  if (!copy_desc_init(&g.post, p->post_cstr, post_vstr(p), p->npost, post_shape(p), p->isz))
    return NUMC_OK;
  int64_t rows = p->pre_n * p->nb;
  int64_t rowbytes = p->post_n * (int64_t)p->isz;
  int64_t grain = rowbytes >= NUMC__PAR_MIN_BYTES / 4 ? 1 : (NUMC__PAR_MIN_BYTES / 4) / rowbytes;
  if (rows * rowbytes < NUMC__PAR_MIN_BYTES) grain = rows;
  numc__parallel_ranges(rows, grain, gather_rows, &g);
  return NUMC_OK;
}

int numc__record_extern(numc_array **out, numc_dtype dtype, int nd, const int64_t *shape,
                        int nin, const numc_array *const *in, numc__extern_fn run,
                        void *params, void (*free_params)(void *), const char *name) {
  if (numc__shape_size(nd, shape) == 0) {
    int rc = numc_empty(out, dtype, nd, shape);
    free_params(params);
    return rc;
  }
  numc__node_desc d;
  memset(&d, 0, sizeof d);
  d.kind = NUMC__NK_EXTERN;
  d.dtype = d.ldtype = dtype;
  d.ndim = d.out_ndim = nd;
  d.shape = d.out_shape = shape;
  d.nin = nin;
  d.in = in;
  d.run = run;
  d.params = params;
  d.free_params = free_params;
  d.name = name;
  d.layout = 'C';
  numc__lock();
  int rc = numc__record(out, &d);
  numc__unlock();
  return rc;
}

/* Records the gather of plan p (taken over) from view v. */
static int record_gather(numc_array **out, gplan *p, const numc_array *v) {
  const numc_array *in[2] = {v, p->dindex};
  p->dindex = NULL; /* from now on the node's second input */
  int64_t shape[NUMC_MAXDIMS];
  memcpy(shape, p->shape, sizeof shape);
  return numc__record_extern(out, v->dtype, result_nd(p), shape, p->direct ? 2 : 1, in,
                             run_gather, p, plan_free, "gather");
}

int numc_index_get(numc_array **out, const numc_array *x, int n, const numc_index *idx) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (n < 0 || (n > 0 && idx == NULL)) return numc__err(NUMC_EINVAL, "invalid index list");
  if (!has_array_item(n, idx)) return numc_index_view(out, x, n, idx);
  gplan *p;
  numc_array *v;
  NUMC__TRY(plan_build(&p, &v, x, n, idx));
  int rc = record_gather(out, p, v);
  numc_release(v);
  return rc;
}

/* ---- scatter ---------------------------------------------------------------- */

/* Drops leading length-1 axes of value beyond nd (NumPy's setitem allows
 * them). *out is a view or NULL when nothing was dropped. */
static int strip_leading_ones(numc_array **out, const numc_array *value, int nd) {
  *out = NULL;
  int extra = value->ndim - nd;
  if (extra <= 0) return NUMC_OK;
  int axes[NUMC_MAXDIMS];
  for (int i = 0; i < extra; i++) {
    if (value->shape[i] != 1) return NUMC_OK;
    axes[i] = i;
  }
  return numc_squeeze(out, value, extra, axes);
}

/* NumPy's advanced assignment drops a value's extra leading axes by
 * reshaping it to its last nd extents, which works when those hold all its
 * elements: leading 1s, or any leading extents of an empty value. *out is
 * NULL when nothing is dropped (or it cannot be; broadcasting then fails). */
static int fold_leading(numc_array **out, const numc_array *value, int nd) {
  *out = NULL;
  int extra = value->ndim - nd;
  if (extra <= 0) return NUMC_OK;
  if (numc__shape_size(value->ndim, value->shape) !=
      numc__shape_size(nd, value->shape + extra))
    return NUMC_OK;
  return numc_reshape(out, value, nd, value->shape + extra, NUMC_COPY_IF_NEEDED);
}

/* value cast to dtype (unsafe; weak ints range-checked) and broadcast to
 * (nd, shape): a readable view for a scatter. */
static int scatter_value(numc_array **out, const numc_array *value, numc_dtype dtype,
                         int nd, const int64_t *shape) {
  numc_array *sq = NULL, *c = NULL;
  if (value->flags & NUMC_WEAK) {
    numc_scalar s, t;
    numc__scalar_load(&s, value->dtype, numc__array_ptr(value));
    s.weak = 1;
    NUMC__TRY(numc_scalar_cast(&t, &s, dtype));
    NUMC__TRY(numc_from_scalar(&c, &t));
  } else {
    NUMC__TRY(fold_leading(&sq, value, nd));
    int rc = numc_astype(&c, sq ? sq : value, dtype, NUMC_CASTING_UNSAFE,
                         NUMC_COPY_IF_NEEDED);
    numc_release(sq);
    NUMC__TRY(rc);
  }
  int rc = numc_broadcast_to(out, c, nd, shape);
  numc_release(c);
  if (rc == NUMC_ESHAPE) {
    char s1[256], s2[256];
    shape_compact(s1, sizeof s1, value->ndim, value->shape);
    shape_compact(s2, sizeof s2, nd, shape);
    return numc__err(NUMC_EVALUE,
                     "shape mismatch: value array of shape %s could not be broadcast to "
                     "indexing result of shape %s",
                     s1, s2);
  }
  return rc;
}

/* Makes the scatter source `v` safe to read while x's buffer is written:
 * when v views x's buffer it is replaced by an evaluated copy. Lock held. */
static int snapshot_source(numc_array **v, const numc_array *x) {
  if ((*v)->st != x->st) return NUMC_OK;
  numc_array *c;
  NUMC__TRY(numc_copy(&c, *v, NUMC_ORDER_C));
  numc_release(*v);
  *v = c;
  return NUMC_OK;
}

/* Orders the write: pending readers of x's buffer run first (and see the
 * old values), then x and the source are materialized. Lock held. */
static int prepare_scatter(numc_array **v, const numc_array *x) {
  NUMC__TRY(snapshot_source(v, x));
  NUMC__TRY(numc__prepare_write(x->st));
  return numc__force1((*v)->st);
}

/* Scatters n single elements: base[offset(i)] = src[i * ss]. */
static void scatter_elems(char *base, const offsets *o, const char *src, int64_t ss,
                          int64_t n, size_t isz) {
  const int64_t *t = o->table, *k = o->idx;
  int64_t size = o->size, stride = o->stride;
#define RUN(N)                                                                 \
  if (t)                                                                       \
    for (int64_t i = 0; i < n; i++) memcpy(base + t[i], src + i * ss, N);      \
  else                                                                         \
    for (int64_t i = 0; i < n; i++)                                            \
      memcpy(base + (k[i] < 0 ? k[i] + size : k[i]) * stride, src + i * ss, N); \
  return;
  NUMC__SIZE_SWITCH(isz, RUN)
#undef RUN
}

/* True if the strided block (nd, shape, strides) is one run of stride *s
 * in C order (broadcast blocks included: *s = 0). */
static bool one_run(int64_t *s, int nd, const int64_t *shape, const int64_t *strides) {
  int64_t run = 0, inner = -1;
  for (int d = nd - 1; d >= 0; d--) {
    if (shape[d] == 1) continue;
    if (inner < 0) {
      run = strides[d];
    } else if (strides[d] != run * inner) {
      return false;
    }
    inner = inner < 0 ? shape[d] : inner * shape[d];
  }
  *s = run;
  return true;
}

/* x[plan] = vb, in row order (last write wins). vb has the result shape. */
static void scatter_rows(const gplan *p, char *xbase, const numc_array *vb) {
  const char *vbase = numc__array_ptr(vb);
  const int64_t *vs = vb->strides;
  copy_desc post;
  if (!copy_desc_init(&post, post_vstr(p), vs + p->npre + p->nbd, p->npost, post_shape(p),
                      p->isz))
    return;
  offsets off = plan_offsets(p, p->dindex);
  int64_t bstride = 0;
  bool elems = post.nd == 0 && one_run(&bstride, p->nbd, p->shape + p->npre, vs + p->npre);
  ctr pre, bc;
  ctr_init(&pre, p->npre, p->shape, pre_vstr(p), vs, 0);
  for (int64_t i = 0; i < p->pre_n; i++, ctr_next(&pre)) {
    char *xb = xbase + pre.o0;
    const char *vb0 = vbase + pre.o1;
    if (elems) {
      scatter_elems(xb, &off, vb0, bstride, p->nb, p->isz);
      continue;
    }
    ctr_init(&bc, p->nbd, p->shape + p->npre, NULL, vs + p->npre, 0);
    for (int64_t b = 0; b < p->nb; b++, ctr_next(&bc))
      copy_block(&post, xb + off_at(&off, b), vb0 + bc.o1);
  }
}

int numc_index_set(numc_array *x, int n, const numc_index *idx, const numc_array *value) {
  if (x == NULL || value == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (n < 0 || (n > 0 && idx == NULL)) return numc__err(NUMC_EINVAL, "invalid index list");
  NUMC__TRY(check_writable(x));
  if (!has_array_item(n, idx)) {
    numc_array *view, *sq = NULL;
    NUMC__TRY(numc_index_view(&view, x, n, idx));
    int rc = (value->flags & NUMC_WEAK) ? NUMC_OK : strip_leading_ones(&sq, value, view->ndim);
    if (rc == NUMC_OK) rc = numc_assign(view, sq ? sq : value, NUMC_CASTING_UNSAFE);
    numc_release(sq);
    numc_release(view);
    return rc;
  }
  gplan *p;
  numc_array *v, *vb = NULL;
  NUMC__TRY(plan_build(&p, &v, x, n, idx));
  int nd = result_nd(p), rc = NUMC_OK;
  /* NumPy's own message for x[mask] = values with a full-rank mask */
  const numc_array *m = idx[0].kind == NUMC_INDEX_ARRAY ? idx[0].array : NULL;
  if (n == 1 && m && m->dtype == NUMC_BOOL && m->ndim == x->ndim && m->ndim > 0 &&
      !(value->flags & NUMC_WEAK) && value->ndim <= 1) {
    int64_t nv = numc__shape_size(value->ndim, value->shape);
    if (nv != 1 && nv != p->nb)
      rc = numc__err(NUMC_EVALUE,
                     "NumPy boolean array indexing assignment cannot assign %lld input "
                     "values to the %lld output values where the mask is true",
                     (long long)nv, (long long)p->nb);
  }
  if (rc == NUMC_OK) rc = scatter_value(&vb, value, x->dtype, nd, p->shape);
  if (rc == NUMC_OK && numc__shape_size(nd, p->shape) > 0) {
    numc__lock();
    rc = prepare_scatter(&vb, x);
    if (rc == NUMC_OK) scatter_rows(p, numc__array_ptr(v), vb);
    numc__unlock();
  }
  numc_release(vb);
  numc_release(v);
  plan_free(p);
  return rc;
}

/* ---- take / take_along_axis --------------------------------------------------- */

static int cast_error(numc_dtype from, const char *rule) {
  return numc__err(NUMC_ECAST,
                   "Cannot cast array data from dtype('%s') to dtype('int64') according "
                   "to the rule '%s'",
                   numc_dtype_name(from), rule);
}

/* x flattened (a view when possible, else a lazy copy). */
static int flatten(numc_array **out, const numc_array *x) {
  int64_t m1 = -1;
  return numc_reshape(out, x, 1, &m1, NUMC_COPY_IF_NEEDED);
}

/* NumPy's take on empty operands: with no element before `axis`
 * (prod(shape[:axis]) == 0) no index is ever read, so none is checked and
 * the result is an empty array (1 returned, *out set); an empty axis with a
 * non-empty result is NUMC_EINDEX. 0: go on with the gather. */
static int take_empty(numc_array **out, const numc_array *x, const numc_array *indices,
                      int axis) {
  int64_t outer = numc__shape_size(axis, x->shape);
  int64_t rest = numc__shape_size(x->ndim - axis - 1, x->shape + axis + 1);
  int64_t nind = numc__shape_size(indices->ndim, indices->shape);
  if (x->shape[axis] == 0 && outer > 0 && nind > 0 && rest > 0)
    return numc__err(NUMC_EINDEX, "cannot do a non-empty take from an empty axes.");
  int nd = x->ndim - 1 + indices->ndim;
  if (outer != 0 || nd > NUMC_MAXDIMS) return NUMC_OK;
  int64_t shape[NUMC_MAXDIMS];
  memcpy(shape, x->shape, (size_t)axis * sizeof *shape);
  memcpy(shape + axis, indices->shape, (size_t)indices->ndim * sizeof *shape);
  memcpy(shape + axis + indices->ndim, x->shape + axis + 1,
         (size_t)(x->ndim - axis - 1) * sizeof *shape);
  NUMC__TRY(numc_zeros(out, x->dtype, nd, shape));
  return 1;
}

int numc_take(numc_array **out, const numc_array *x, const numc_array *indices, int axis) {
  if (x == NULL || indices == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (!numc_can_cast(indices->dtype, NUMC_INT64, NUMC_CASTING_SAME_KIND))
    return cast_error(indices->dtype, "same_kind");
  numc_array *flat = NULL, *ind = NULL;
  if (axis == NUMC_AXIS_NONE) {
    NUMC__TRY(flatten(&flat, x));
    x = flat;
    axis = 0;
  }
  int rc = numc__norm_axis(&axis, x->ndim);
  if (rc == NUMC_OK) rc = take_empty(out, x, indices, axis);
  if (rc == 1) { /* done: an empty result, no index was used */
    numc_release(flat);
    return NUMC_OK;
  }
  /* bool indices are integers here, not a mask */
  if (rc == NUMC_OK && indices->dtype == NUMC_BOOL)
    rc = numc_astype(&ind, indices, NUMC_INT64, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED);
  if (rc == NUMC_OK) {
    numc_index ix[NUMC_MAXDIMS];
    for (int d = 0; d < axis; d++)
      ix[d] = (numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL};
    ix[axis] = (numc_index){NUMC_INDEX_ARRAY, 0, 0, 0, 0, 0, ind ? ind : indices};
    rc = numc_index_get(out, x, axis + 1, ix);
  }
  numc_release(ind);
  numc_release(flat);
  return rc;
}

/* The index list of take/put_along_axis: indices along `axis`, aranges
 * shaped (1, .., n_d, .., 1) along the others. Owned handles go to held[]. */
static int along_axis_index(numc_index *ix, numc_array **held, const numc_array *x,
                            const numc_array *indices, int axis) {
  int nd = x->ndim;
  for (int d = 0; d < nd; d++) held[d] = NULL;
  for (int d = 0; d < nd; d++) {
    ix[d] = (numc_index){NUMC_INDEX_ARRAY, 0, 0, 0, 0, 0, indices};
    if (d == axis) continue;
    numc_scalar lo = numc_weak_int(0), hi = numc_weak_int(x->shape[d]),
                st = numc_weak_int(1);
    numc_array *r;
    NUMC__TRY(numc_arange(&r, NUMC_INT64, &lo, &hi, &st));
    int64_t shape[NUMC_MAXDIMS];
    for (int k = 0; k < nd; k++) shape[k] = k == d ? x->shape[d] : 1;
    int rc = numc_reshape(&held[d], r, nd, shape, NUMC_COPY_IF_NEEDED);
    numc_release(r);
    NUMC__TRY(rc);
    ix[d].array = held[d];
  }
  return NUMC_OK;
}

/* Checks shared by take/put_along_axis. */
static int along_axis_check(const numc_array *x, const numc_array *indices, int *axis) {
  if (!numc__is_int(indices->dtype))
    return numc__err(NUMC_EINDEX, "`indices` must be an integer array");
  if (*axis == NUMC_AXIS_NONE) {
    if (indices->ndim != 1)
      return numc__err(NUMC_EVALUE,
                       "when axis=None, `indices` must have a single dimension.");
    return NUMC_OK;
  }
  if (indices->ndim != x->ndim)
    return numc__err(NUMC_EVALUE,
                     "`indices` and `arr` must have the same number of dimensions");
  return numc__norm_axis(axis, x->ndim);
}

int numc_take_along_axis(numc_array **out, const numc_array *x, const numc_array *indices,
                         int axis) {
  if (x == NULL || indices == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  NUMC__TRY(along_axis_check(x, indices, &axis));
  if (axis == NUMC_AXIS_NONE) return numc_take(out, x, indices, NUMC_AXIS_NONE);
  numc_index ix[NUMC_MAXDIMS];
  numc_array *held[NUMC_MAXDIMS];
  int rc = along_axis_index(ix, held, x, indices, axis);
  if (rc == NUMC_OK) rc = numc_index_get(out, x, x->ndim, ix);
  for (int d = 0; d < x->ndim; d++) numc_release(held[d]);
  return rc;
}

/* ---- put / put_along_axis ----------------------------------------------------- */

/* Byte offset of flat (C-order) position k in x. */
static int64_t flat_offset(const numc_array *x, int64_t k) {
  int64_t off = 0;
  for (int d = x->ndim - 1; d >= 0; d--) {
    off += (k % x->shape[d]) * x->strides[d];
    k /= x->shape[d];
  }
  return off;
}

/* x.flat[indices[i]] = vals[i % nv] for a 1-d source `vals` of x's dtype
 * (taken over: released here). The indices are read and checked before
 * anything is written. */
static int flat_scatter(numc_array *x, const numc_array *indices, numc_array *vals) {
  int64_t size = numc__shape_size(x->ndim, x->shape);
  int64_t ni = numc__shape_size(indices->ndim, indices->shape);
  int64_t nv = vals->shape[0], *off = NULL;
  size_t isz = numc__isz(x->dtype);
  int rc = NUMC_OK;
  if (ni > 0 && size == 0)
    rc = numc__err(NUMC_EINDEX, "cannot replace elements of an empty array");
  if (rc < 0 || ni == 0 || nv == 0) goto done;
  rc = force_array(indices);
  if (rc == NUMC_OK) rc = read_indices(&off, indices);
  bool contig = numc__is_c_contig(x->ndim, x->shape, x->strides, isz);
  for (int64_t i = 0; rc == NUMC_OK && i < ni; i++) {
    int64_t k = off[i] < 0 ? off[i] + size : off[i];
    if (k < 0 || k >= size)
      rc = out_of_bounds(off[i], 0, size);
    else
      off[i] = contig ? k * (int64_t)isz : flat_offset(x, k);
  }
  if (rc == NUMC_OK) {
    numc__lock();
    rc = prepare_scatter(&vals, x);
    if (rc == NUMC_OK) {
      char *xb = numc__array_ptr(x);
      const char *vb = numc__array_ptr(vals);
      int64_t vs = vals->strides[0];
      for (int64_t i = 0, j = 0; i < ni; i++, j = j + 1 == nv ? 0 : j + 1)
        memcpy(xb + off[i], vb + j * vs, isz);
    }
    numc__unlock();
  }
done:
  numc__free(off);
  numc_release(vals);
  return rc;
}

/* Flattens `vals` (of x's dtype; taken over) and scatters it. */
static int put_flat(numc_array *x, const numc_array *indices, numc_array *vals) {
  numc_array *f;
  int rc = flatten(&f, vals);
  numc_release(vals);
  return rc == NUMC_OK ? flat_scatter(x, indices, f) : rc;
}

int numc_put(numc_array *x, const numc_array *indices, const numc_array *values) {
  if (x == NULL || indices == NULL || values == NULL)
    return numc__err(NUMC_EINVAL, "input is NULL");
  NUMC__TRY(check_writable(x));
  if (!numc_can_cast(indices->dtype, NUMC_INT64, NUMC_CASTING_SAFE))
    return cast_error(indices->dtype, "safe");
  numc_array *c;
  if (values->flags & NUMC_WEAK) {
    NUMC__TRY(scatter_value(&c, values, x->dtype, 0, NULL));
  } else {
    NUMC__TRY(numc_astype(&c, values, x->dtype, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  }
  return put_flat(x, indices, c);
}

int numc_put_along_axis(numc_array *x, const numc_array *indices, const numc_array *values,
                        int axis) {
  if (x == NULL || indices == NULL || values == NULL)
    return numc__err(NUMC_EINVAL, "input is NULL");
  NUMC__TRY(check_writable(x));
  NUMC__TRY(along_axis_check(x, indices, &axis));
  if (axis == NUMC_AXIS_NONE) {
    numc_array *vb;
    NUMC__TRY(scatter_value(&vb, values, x->dtype, 1, indices->shape));
    return put_flat(x, indices, vb);
  }
  numc_index ix[NUMC_MAXDIMS];
  numc_array *held[NUMC_MAXDIMS];
  int rc = along_axis_index(ix, held, x, indices, axis);
  if (rc == NUMC_OK) rc = numc_index_set(x, x->ndim, ix, values);
  for (int d = 0; d < x->ndim; d++) numc_release(held[d]);
  return rc;
}
