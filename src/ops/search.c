/*
 * ops/search.c - searchsorted and the non-zero family (nonzero, flatnonzero,
 * argwhere).
 *
 * searchsorted is a barrier recorded at the call: x1 and x2 are converted to
 * their promoted dtype, and each query is compared through sort keys
 * (cpu/sort_kernels.h), which give NumPy's order with NaN last. Few queries
 * are binary searches; many queries into a long x1 are sorted first (radix)
 * and then found by galloping forward from the previous answer, which turns
 * m random cache misses per level into one forward sweep. Either way the
 * queries split among threads.
 *
 * The non-zero family has value-dependent output shapes, so it computes its
 * input at the call: one parallel pass turns x into a bool mask and counts
 * per chunk, a second writes each chunk's coordinates at its offset.
 */
#include "sort_internal.h"

#include "../cpu/loops.h"
#include "../cpu/pool.h"

/* ---- searchsorted ------------------------------------------------------- */

/* Queries at least this many, into an x1 at least this long, are sorted
 * first and found by galloping. */
#define SORTED_QUERIES_MIN 4096
#define SORTED_X1_MIN 65536
/* Queries handed to a thread at a time. */
#define SEARCH_GRAIN 4096

typedef struct search_job {
  const char *a; /* x1 element 0 */
  int64_t astride, n;
  const int64_t *sorter; /* NULL: x1 is sorted itself */
  numc_dtype dt;
  numc__key64_fn kf;
  bool right, sorted;
  const char *q; /* queries: m contiguous elements of dt */
  const uint64_t *qk;    /* sorted path: ascending query keys ... */
  const int64_t *qperm;  /* ... and their positions */
  int64_t m;
  int64_t *out;
} search_job;

static inline const char *elem(const search_job *j, int64_t i) {
  return j->a + (j->sorter ? j->sorter[i] : i) * j->astride;
}

/* True if x1[i] lies before the insertion point of key q. */
static inline bool before(const search_job *j, int64_t i, uint64_t q) {
  uint64_t k = j->kf(elem(j, i));
  return j->right ? k <= q : k < q;
}

static int64_t bsearch_key(const search_job *j, int64_t lo, int64_t hi, uint64_t q) {
  while (lo < hi) {
    int64_t mid = lo + ((hi - lo) >> 1);
    if (before(j, mid, q))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The insertion point of q, known to be >= lo: doubling steps, then a
 * binary search in the last step. */
static int64_t gallop(const search_job *j, int64_t lo, uint64_t q) {
  if (lo >= j->n || !before(j, lo, q)) return lo;
  int64_t prev = lo, step = 1;
  for (;;) {
    int64_t nx = prev + step;
    if (nx >= j->n) return bsearch_key(j, prev + 1, j->n, q);
    if (!before(j, nx, q)) return bsearch_key(j, prev + 1, nx, q);
    prev = nx;
    step <<= 1;
  }
}

static int64_t csearch(const search_job *j, const char *qp) {
  numc__ckey q, k;
  numc__ckey_of(&q, j->dt, qp);
  int64_t lo = 0, hi = j->n;
  while (lo < hi) {
    int64_t mid = lo + ((hi - lo) >> 1);
    numc__ckey_of(&k, j->dt, elem(j, mid));
    int c = numc__ckey_cmp(&k, &q);
    if (j->right ? c <= 0 : c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Answers queries [lo, hi) (in sorted order on the galloping path). */
static void search_range(void *ctx, int64_t lo, int64_t hi) {
  search_job *j = ctx;
  size_t isz = numc__isz(j->dt);
  if (j->sorted) {
    int64_t pos = 0;
    for (int64_t i = lo; i < hi; i++) {
      pos = gallop(j, pos, j->qk[i]);
      j->out[j->qperm[i]] = pos;
    }
  } else if (j->kf) {
    for (int64_t i = lo; i < hi; i++)
      j->out[i] = bsearch_key(j, 0, j->n, j->kf(j->q + i * (int64_t)isz));
  } else {
    for (int64_t i = lo; i < hi; i++) j->out[i] = csearch(j, j->q + i * (int64_t)isz);
  }
}

typedef struct search_params {
  bool right;
} search_params;

/* in: x1 (1-D, promoted dtype), queries (C-contiguous, same dtype),
 * optionally the sorter (int64, C-contiguous, checked). */
static int run_search(const numc__node *nd, const numc_array *const *in, numc_array *out) {
  const search_params *p = nd->params;
  search_job j;
  memset(&j, 0, sizeof j);
  j.a = numc__array_ptr(in[0]);
  j.astride = in[0]->strides[0];
  j.n = in[0]->shape[0];
  j.sorter = nd->nin > 2 ? (const int64_t *)numc__array_ptr(in[2]) : NULL;
  j.dt = in[0]->dtype;
  j.right = p->right;
  j.q = numc__array_ptr(in[1]);
  j.m = numc__shape_size(in[1]->ndim, in[1]->shape);
  j.out = (int64_t *)numc__array_ptr(out);
  if (j.m == 0) return NUMC_OK;
  if (j.n == 0) {
    memset(j.out, 0, (size_t)j.m * sizeof *j.out);
    return NUMC_OK;
  }
  bool cplx = numc__is_complex(j.dt);
  j.kf = cplx ? NULL : numc__key64(j.dt);
  uint64_t *qk = NULL;
  int64_t *perm = NULL;
  if (!cplx && j.m >= SORTED_QUERIES_MIN && j.n >= SORTED_X1_MIN) {
    qk = numc__aligned_alloc((size_t)j.m * sizeof *qk, false);
    perm = numc__aligned_alloc((size_t)j.m * sizeof *perm, false);
    int rc = qk && perm ? NUMC_OK : numc__oom();
    if (rc == NUMC_OK) {
      numc__keys64(j.dt, qk, j.q, (int64_t)numc__isz(j.dt), j.m);
      for (int64_t i = 0; i < j.m; i++) perm[i] = i;
      rc = numc__radix_sort(8, qk, perm, j.m);
    }
    if (rc < 0) {
      numc__aligned_free(qk);
      numc__aligned_free(perm);
      return rc;
    }
    j.sorted = true;
    j.qk = qk;
    j.qperm = perm;
  }
  /* galloping pieces restart from 0: few large ones */
  int64_t grain = j.sorted ? j.m / numc__pool_size() + 1 : SEARCH_GRAIN;
  numc__parallel_ranges(j.m, grain < SEARCH_GRAIN ? SEARCH_GRAIN : grain, search_range, &j);
  numc__aligned_free(qk);
  numc__aligned_free(perm);
  return NUMC_OK;
}

/* Checks the sorter as NumPy does and returns it computed, as C-contiguous
 * int64. */
static int check_sorter(numc_array **out, const numc_array *s, int64_t n) {
  if (!numc__is_int(s->dtype))
    return numc__err(NUMC_ETYPE, "sorter must only contain integers");
  if (s->ndim != 1) return numc__err(NUMC_ETYPE, "could not parse sorter argument");
  if (s->dtype == NUMC_UINT64)
    return numc__err(NUMC_EVALUE, "could not parse sorter argument");
  if (s->shape[0] != n) return numc__err(NUMC_EVALUE, "sorter.size must equal a.size");
  numc_array *c;
  NUMC__TRY(numc__contig_as(&c, s, NUMC_INT64));
  numc__lock();
  int rc = numc__force1(c->st);
  if (rc == NUMC_OK) {
    const int64_t *v = (const int64_t *)numc__array_ptr(c);
    for (int64_t i = 0; i < n; i++) {
      if (v[i] < 0 || v[i] >= n) {
        rc = numc__err(NUMC_EVALUE, "Sorter index out of range.");
        break;
      }
    }
  }
  numc__unlock();
  if (rc < 0) {
    numc_release(c);
    return rc;
  }
  *out = c;
  return NUMC_OK;
}

int numc_searchsorted(numc_array **out, const numc_array *x1, const numc_array *x2,
                      int side_right, const numc_array *sorter) {
  if (out == NULL || x1 == NULL || x2 == NULL)
    return numc__err(NUMC_EINVAL, "argument is NULL");
  if (x1->ndim == 0)
    return numc__err(NUMC_EVALUE, "object of too small depth for desired array");
  if (x1->ndim > 1) return numc__err(NUMC_EVALUE, "object too deep for desired array");
  numc_dtype ct;
  NUMC__TRY(numc_promote_types(&ct, x1->dtype, x2->dtype));
  numc_array *srt = NULL, *a = NULL, *q = NULL;
  if (sorter) NUMC__TRY(check_sorter(&srt, sorter, x1->shape[0]));
  int rc = numc_astype(&a, x1, ct, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED);
  if (rc == NUMC_OK) rc = numc__contig_as(&q, x2, ct);
  search_params *p = rc == NUMC_OK ? numc__malloc(sizeof *p) : NULL;
  if (rc == NUMC_OK && p == NULL) rc = numc__oom();
  if (rc == NUMC_OK) {
    p->right = side_right != 0;
    const numc_array *in[3] = {a, q, srt};
    rc = numc__record_extern(out, NUMC_INT64, x2->ndim, x2->shape, srt ? 3 : 2, in,
                             run_search, p, numc__free, "searchsorted");
  }
  numc_release(a);
  numc_release(q);
  numc_release(srt);
  return rc;
}

/* ---- nonzero, flatnonzero, argwhere ------------------------------------- */

#define NZ_BLOCK 1024 /* elements converted / scanned at a time */
#define NZ_CHUNK ((int64_t)1 << 16) /* elements per piece of work */

typedef struct nz_job {
  const char *x; /* flattened input */
  int64_t stride, n, chunk, nchunks;
  numc_dtype dt;
  numc__loop_fn cast; /* dt -> bool */
  const uint8_t *mask; /* bool view of x (x itself for contiguous bool) */
  uint8_t *own_mask;
  int64_t *counts; /* per chunk; then offsets */
  /* fill: coordinate d of the k-th non-zero goes to base[d][k * step];
   * flat: the flat index goes to base[0][k] */
  int ndim;
  const int64_t *shape;
  int64_t *base[NUMC_MAXDIMS];
  int64_t step;
  bool flat;
} nz_job;

/* Converts chunk c to the bool mask (unless x is one) and counts it. */
static void nz_count(nz_job *j, int64_t c) {
  int64_t lo = c * j->chunk, hi = lo + j->chunk < j->n ? lo + j->chunk : j->n, cnt = 0;
  size_t isz = numc__isz(j->dt);
  _Alignas(64) char tmp[NZ_BLOCK * 16]; /* a strided block, gathered */
  for (int64_t b = lo; b < hi; b += NZ_BLOCK) {
    int64_t len = hi - b < NZ_BLOCK ? hi - b : NZ_BLOCK;
    const uint8_t *m;
    if (j->own_mask) {
      const char *src = j->x + b * j->stride;
      if (j->stride != (int64_t)isz) {
        for (int64_t i = 0; i < len; i++) memcpy(tmp + i * (int64_t)isz, src + i * j->stride, isz);
        src = tmp;
      }
      char *args[2] = {(char *)src, (char *)j->own_mask + b};
      j->cast(len, args, NULL);
      m = j->own_mask + b;
    } else {
      m = j->mask + b;
    }
    for (int64_t i = 0; i < len; i++) cnt += m[i] != 0;
  }
  j->counts[c] = cnt;
}

/* Sets cur (ndim entries) to the coordinates of flat index f. */
static void unravel(int64_t *cur, int64_t f, int ndim, const int64_t *shape) {
  for (int d = ndim - 1; d >= 0; d--) {
    cur[d] = f % shape[d];
    f /= shape[d];
  }
}

static void nz_fill(nz_job *j, int64_t c) {
  int64_t lo = c * j->chunk, hi = lo + j->chunk < j->n ? lo + j->chunk : j->n;
  int64_t pos = j->counts[c], buf[NZ_BLOCK];
  int nd = j->ndim;
  int64_t cur[NUMC_MAXDIMS], curflat = -1;
  for (int64_t b = lo; b < hi; b += NZ_BLOCK) {
    int64_t len = hi - b < NZ_BLOCK ? hi - b : NZ_BLOCK, cnt = 0;
    const uint8_t *m = j->mask + b;
    for (int64_t i = 0; i < len; i++) {
      buf[cnt] = b + i;
      cnt += m[i] != 0;
    }
    if (j->flat || nd == 1) {
      memcpy(j->base[0] + pos, buf, (size_t)cnt * sizeof *buf);
      pos += cnt;
      continue;
    }
    for (int64_t k = 0; k < cnt; k++, pos++) {
      int64_t f = buf[k];
      if (nd > 0) {
        int64_t inner = curflat >= 0 ? cur[nd - 1] + (f - curflat) : -1;
        if (inner >= 0 && inner < j->shape[nd - 1])
          cur[nd - 1] = inner;
        else
          unravel(cur, f, nd, j->shape);
      }
      curflat = f;
      for (int d = 0; d < nd; d++) j->base[d][pos * j->step] = cur[d];
    }
  }
}

static void nz_count_range(void *ctx, int64_t c0, int64_t c1) {
  for (int64_t c = c0; c < c1; c++) nz_count(ctx, c);
}

static void nz_fill_range(void *ctx, int64_t c0, int64_t c1) {
  for (int64_t c = c0; c < c1; c++) nz_fill(ctx, c);
}

enum { NZ_NONZERO, NZ_FLAT, NZ_ARGWHERE };

/* Lock held. outs: ndim slots (NZ_NONZERO) or one. */
static int nonzero_locked(numc_array **outs, const numc_array *x, int mode) {
  numc_array *flat;
  NUMC__TRY(numc__flat_forced(&flat, x));
  nz_job j;
  memset(&j, 0, sizeof j);
  j.x = numc__array_ptr(flat);
  j.stride = flat->strides[0];
  j.n = flat->shape[0];
  j.dt = flat->dtype;
  j.chunk = NZ_CHUNK;
  j.nchunks = (j.n + NZ_CHUNK - 1) / NZ_CHUNK;
  j.ndim = x->ndim;
  j.shape = x->shape;
  j.flat = mode == NZ_FLAT;
  int rc = NUMC_OK;
  j.counts = numc__malloc((size_t)(j.nchunks + 1) * sizeof *j.counts);
  if (j.dt == NUMC_BOOL && j.stride == 1) {
    j.mask = (const uint8_t *)j.x;
  } else {
    j.cast = numc__cast_loop(j.dt, NUMC_BOOL);
    j.own_mask = numc__aligned_alloc((size_t)j.n, false);
    j.mask = j.own_mask;
    if (!j.own_mask) rc = numc__oom();
  }
  if (!j.counts) rc = numc__oom();
  if (rc == NUMC_OK) {
    numc__parallel_ranges(j.nchunks, 1, nz_count_range, &j);
    int64_t total = 0;
    for (int64_t c = 0; c < j.nchunks; c++) {
      int64_t k = j.counts[c];
      j.counts[c] = total;
      total += k;
    }
    int nout = mode == NZ_NONZERO ? x->ndim : 1;
    numc_array *res[NUMC_MAXDIMS] = {0};
    for (int d = 0; d < nout && rc == NUMC_OK; d++) {
      if (mode == NZ_ARGWHERE) {
        int64_t shp[2] = {total, x->ndim};
        rc = numc__array_alloc(&res[d], NUMC_INT64, 2, shp, false);
      } else {
        rc = numc__array_alloc(&res[d], NUMC_INT64, 1, &total, false);
      }
    }
    if (rc == NUMC_OK) {
      if (mode == NZ_ARGWHERE) {
        for (int d = 0; d < x->ndim; d++) j.base[d] = (int64_t *)numc__array_ptr(res[0]) + d;
        j.step = x->ndim;
      } else {
        for (int d = 0; d < nout; d++) j.base[d] = (int64_t *)numc__array_ptr(res[d]);
        j.step = 1;
      }
      if (total > 0 && (mode != NZ_ARGWHERE || x->ndim > 0))
        numc__parallel_ranges(j.nchunks, 1, nz_fill_range, &j);
      for (int d = 0; d < nout; d++) outs[d] = res[d];
    } else {
      for (int d = 0; d < nout; d++)
        if (res[d]) numc__array_free(res[d]);
    }
  }
  numc__aligned_free(j.own_mask);
  numc__free(j.counts);
  numc_release(flat);
  return rc;
}

static int nonzero_impl(numc_array **outs, const numc_array *x, int mode) {
  if (outs == NULL || x == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  if (mode == NZ_NONZERO && x->ndim == 0)
    return numc__err(NUMC_EVALUE, "Calling nonzero on 0d arrays is not allowed. Use "
                                  "np.atleast_1d(scalar).nonzero() instead.");
  numc__lock();
  int rc = nonzero_locked(outs, x, mode);
  numc__unlock();
  return rc;
}

int numc_nonzero(numc_array **out, const numc_array *x) {
  return nonzero_impl(out, x, NZ_NONZERO);
}

int numc_flatnonzero(numc_array **out, const numc_array *x) {
  return nonzero_impl(out, x, NZ_FLAT);
}

int numc_argwhere(numc_array **out, const numc_array *x) {
  return nonzero_impl(out, x, NZ_ARGWHERE);
}
