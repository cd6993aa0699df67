/*
 * ops/set.c - set operations: unique_values, unique_counts, unique_inverse,
 * unique_all and isin.
 *
 * unique_* are sort based, as NumPy's: the flattened input is computed at the
 * call (the output length depends on the values), sorted stably (values, and
 * the permutation when indices or inverse are wanted), and runs of equal
 * neighbours (the typed != loop: NaN != NaN, -0.0 == +0.0) become the unique
 * values. Stability makes each value its first occurrence.
 *
 * isin is a barrier recorded at the call. x2 becomes a sorted, deduplicated
 * array of 64-bit sort keys (NaNs dropped: they equal nothing); elements of
 * x1 are looked up by a branch-free binary search, or in a bitmap when the
 * keys are integers spanning a small range. Threads split x1.
 */
#include "sort_internal.h"

#include "../cpu/loops.h"
#include <stdlib.h>

/* ---- unique ------------------------------------------------------------- */

typedef struct unique_out {
  numc_array *values, *indices, *inverse, *counts;
} unique_out;

static void unique_free(unique_out *u) {
  numc_array *all[4] = {u->values, u->indices, u->inverse, u->counts};
  for (int i = 0; i < 4; i++)
    if (all[i]) numc__array_free(all[i]);
}

/* Lock held. want: which of indices/inverse/counts to make (values always). */
static int unique_locked(unique_out *u, const numc_array *x, bool want_idx, bool want_inv,
                         bool want_cnt) {
  numc_array *flat;
  NUMC__TRY(numc__flat_forced(&flat, x));
  int64_t n = flat->shape[0];
  numc_dtype dt = flat->dtype;
  size_t isz = numc__isz(dt);
  bool need_perm = want_idx || want_inv;
  numc_array *sorted = NULL, *perm = NULL;
  uint8_t *mask = numc__aligned_alloc((size_t)n, false);
  int rc = mask ? NUMC_OK : numc__oom();
  if (rc == NUMC_OK) rc = numc__array_alloc(&sorted, dt, 1, &n, false);
  if (rc == NUMC_OK && need_perm) rc = numc__array_alloc(&perm, NUMC_INT64, 1, &n, false);
  if (rc == NUMC_OK && n > 0) rc = numc__sort_lines(flat, sorted, perm, 0, false);
  int64_t k = 0;
  if (rc == NUMC_OK && n > 0) {
    char *s = numc__array_ptr(sorted);
    mask[0] = 1;
    if (n > 1) {
      char *args[3] = {s + isz, s, (char *)mask + 1};
      numc__map_loop(NUMC_OP_NOT_EQUAL, dt)(n - 1, args, NULL);
    }
    for (int64_t i = 0; i < n; i++) k += mask[i] != 0;
  }
  if (rc == NUMC_OK) rc = numc__array_alloc(&u->values, dt, 1, &k, false);
  if (rc == NUMC_OK && want_idx) rc = numc__array_alloc(&u->indices, NUMC_INT64, 1, &k, false);
  if (rc == NUMC_OK && want_inv)
    rc = numc__array_alloc(&u->inverse, NUMC_INT64, x->ndim, x->shape, false);
  if (rc == NUMC_OK && want_cnt) rc = numc__array_alloc(&u->counts, NUMC_INT64, 1, &k, false);
  if (rc == NUMC_OK && n > 0) {
    const char *s = numc__array_ptr(sorted);
    const int64_t *p = perm ? (const int64_t *)numc__array_ptr(perm) : NULL;
    char *vals = numc__array_ptr(u->values);
    int64_t *idx = u->indices ? (int64_t *)numc__array_ptr(u->indices) : NULL;
    int64_t *inv = u->inverse ? (int64_t *)numc__array_ptr(u->inverse) : NULL;
    int64_t *cnt = u->counts ? (int64_t *)numc__array_ptr(u->counts) : NULL;
    int64_t r = -1, start = 0;
    for (int64_t i = 0; i < n; i++) {
      if (mask[i]) {
        if (cnt && r >= 0) cnt[r] = i - start;
        r++;
        start = i;
        memcpy(vals + r * (int64_t)isz, s + i * (int64_t)isz, isz);
        if (idx) idx[r] = p[i];
      }
      if (inv) inv[p[i]] = r;
    }
    if (cnt) cnt[r] = n - start;
  }
  if (rc < 0) {
    unique_free(u);
    memset(u, 0, sizeof *u);
  }
  if (sorted) numc__array_free(sorted);
  if (perm) numc__array_free(perm);
  numc__aligned_free(mask);
  numc_release(flat);
  return rc;
}

static int unique_impl(numc_array **values, numc_array **indices, numc_array **inverse,
                       numc_array **counts, const numc_array *x, bool want_idx,
                       bool want_inv, bool want_cnt) {
  if (values == NULL || x == NULL || (want_idx && !indices) || (want_inv && !inverse) ||
      (want_cnt && !counts))
    return numc__err(NUMC_EINVAL, "argument is NULL");
  unique_out u;
  memset(&u, 0, sizeof u);
  numc__lock();
  int rc = unique_locked(&u, x, want_idx, want_inv, want_cnt);
  numc__unlock();
  if (rc < 0) return rc;
  *values = u.values;
  if (want_idx) *indices = u.indices;
  if (want_inv) *inverse = u.inverse;
  if (want_cnt) *counts = u.counts;
  return NUMC_OK;
}

int numc_unique_values(numc_array **values, const numc_array *x) {
  return unique_impl(values, NULL, NULL, NULL, x, false, false, false);
}

int numc_unique_counts(numc_array **values, numc_array **counts, const numc_array *x) {
  return unique_impl(values, NULL, NULL, counts, x, false, false, true);
}

int numc_unique_inverse(numc_array **values, numc_array **inverse, const numc_array *x) {
  return unique_impl(values, NULL, inverse, NULL, x, false, true, false);
}

int numc_unique_all(numc_array **values, numc_array **indices, numc_array **inverse,
                    numc_array **counts, const numc_array *x) {
  return unique_impl(values, indices, inverse, counts, x, true, true, true);
}

/* ---- isin --------------------------------------------------------------- */

/* Bitmaps are used for integer keys spanning at most this many values (or
 * 8 per element of the operands, if more). */
#define ISIN_TABLE_MIN ((uint64_t)1 << 20)
/* Elements of x1 handed to a thread at a time. */
#define ISIN_GRAIN ((int64_t)1 << 14)

typedef struct isin_params {
  bool invert;
  bool exact; /* x2 keeps its integer dtype; values x1's dtype cannot hold
               * are dropped */
} isin_params;

typedef struct isin_job {
  const char *x1;
  int64_t n1;
  size_t isz;
  numc_dtype dt;
  numc__key64_fn kf;
  const uint64_t *keys; /* sorted unique keys of x2 */
  int64_t nkeys;
  const uint8_t *table; /* bitmap of keys - kmin, or NULL */
  uint64_t kmin, span;
  const numc__ckey *ckeys; /* complex */
  bool invert;
  uint8_t *out;
} isin_job;

/* Branch-free search: true if v is among the n >= 1 sorted keys. */
static inline bool has_key(const uint64_t *k, int64_t n, uint64_t v) {
  const uint64_t *b = k;
  while (n > 1) {
    int64_t half = n >> 1;
    b = b[half] <= v ? b + half : b;
    n -= half;
  }
  return *b == v;
}

static int ckey_cmp(const void *a, const void *b) { return numc__ckey_cmp(a, b); }

static bool has_ckey(const isin_job *j, const char *p) {
  numc__ckey k;
  numc__ckey_of(&k, j->dt, p);
  if (k.cls) return false; /* a NaN part: equal to nothing */
  return bsearch(&k, j->ckeys, (size_t)j->nkeys, sizeof k, ckey_cmp) != NULL;
}

static void isin_range(void *ctx, int64_t lo, int64_t hi) {
  isin_job *j = ctx;
  for (int64_t i = lo; i < hi; i++) {
    const char *p = j->x1 + i * (int64_t)j->isz;
    bool in;
    if (j->ckeys) {
      in = has_ckey(j, p);
    } else if (j->nkeys == 0) {
      in = false;
    } else if (j->table) {
      uint64_t d = j->kf(p) - j->kmin;
      in = d < j->span && ((j->table[d >> 3] >> (d & 7)) & 1);
    } else {
      in = has_key(j->keys, j->nkeys, j->kf(p));
    }
    j->out[i] = (uint8_t)(in ^ j->invert);
  }
}

/* Keys of x2 in dtype dt (x1's) for exact integer comparison: elements dt
 * cannot represent are dropped. Returns the number kept. */
static int64_t exact_keys(uint64_t *keys, const numc_array *x2, numc_dtype dt,
                          numc__key64_fn kf) {
  numc_iinfo ii;
  bool is_bool = dt == NUMC_BOOL;
  if (!is_bool) numc_iinfo_get(&ii, dt);
  uint64_t umax = is_bool ? 1 : ii.max;
  int64_t smin = is_bool ? 0 : ii.min;
  int64_t n2 = numc__shape_size(x2->ndim, x2->shape), kept = 0;
  size_t isz2 = numc__isz(x2->dtype);
  bool src_unsigned = numc__kind(x2->dtype) != 'i';
  const char *p = numc__array_ptr(x2);
  for (int64_t i = 0; i < n2; i++, p += isz2) {
    numc_scalar s, w;
    numc__scalar_load(&s, x2->dtype, p);
    numc__scalar_convert(&w, &s, src_unsigned ? NUMC_UINT64 : NUMC_INT64);
    bool fits = src_unsigned ? w.v.u64 <= umax
                             : (w.v.i64 >= smin && (w.v.i64 < 0 || (uint64_t)w.v.i64 <= umax));
    if (!fits) continue;
    char buf[16];
    numc__scalar_store(buf, dt, &w);
    keys[kept++] = kf(buf);
  }
  return kept;
}

static int run_isin(const numc__node *nd, const numc_array *const *in, numc_array *out) {
  const isin_params *p = nd->params;
  const numc_array *x1 = in[0], *x2 = in[1];
  isin_job j;
  memset(&j, 0, sizeof j);
  j.x1 = numc__array_ptr(x1);
  j.n1 = numc__shape_size(x1->ndim, x1->shape);
  j.dt = x1->dtype;
  j.isz = numc__isz(j.dt);
  j.invert = p->invert;
  j.out = (uint8_t *)numc__array_ptr(out);
  int64_t n2 = numc__shape_size(x2->ndim, x2->shape);
  if (j.n1 == 0) return NUMC_OK;
  void *keymem = NULL;
  uint8_t *table = NULL;
  int rc = NUMC_OK;
  if (numc__is_complex(j.dt)) {
    numc__ckey *ck = numc__malloc((size_t)(n2 ? n2 : 1) * sizeof *ck);
    if (!ck) return numc__oom();
    int64_t m = 0;
    for (int64_t i = 0; i < n2; i++) {
      numc__ckey_of(&ck[m], j.dt, numc__array_ptr(x2) + i * (int64_t)j.isz);
      if (ck[m].cls == 0) m++;
    }
    qsort(ck, (size_t)m, sizeof *ck, ckey_cmp);
    j.ckeys = ck;
    j.nkeys = m;
    keymem = ck;
  } else {
    j.kf = numc__key64(j.dt);
    uint64_t *keys = numc__aligned_alloc((size_t)n2 * sizeof *keys, false);
    if (!keys) return numc__oom();
    keymem = keys;
    int64_t m;
    if (p->exact) {
      m = exact_keys(keys, x2, j.dt, j.kf);
    } else {
      numc__keys64(j.dt, keys, numc__array_ptr(x2), (int64_t)j.isz, n2);
      m = n2;
      if (numc__is_float(j.dt)) { /* NaN equals nothing */
        uint64_t nan = numc__nan_key64(j.dt);
        m = 0;
        for (int64_t i = 0; i < n2; i++)
          if (keys[i] != nan) keys[m++] = keys[i];
      }
    }
    rc = numc__radix_sort(8, keys, NULL, m);
    int64_t u = 0;
    for (int64_t i = 0; i < m; i++)
      if (u == 0 || keys[i] != keys[u - 1]) keys[u++] = keys[i];
    j.keys = keys;
    j.nkeys = u;
    if (rc == NUMC_OK && u > 0 && !numc__is_float(j.dt)) {
      uint64_t span = keys[u - 1] - keys[0] + 1;
      uint64_t limit = (uint64_t)(j.n1 + n2) * 8;
      if (span != 0 && span <= (limit > ISIN_TABLE_MIN ? limit : ISIN_TABLE_MIN)) {
        table = numc__aligned_alloc((size_t)(span + 7) / 8, true);
        if (table) { /* without it the search still works */
          for (int64_t i = 0; i < u; i++) {
            uint64_t d = keys[i] - keys[0];
            table[d >> 3] |= (uint8_t)(1u << (d & 7));
          }
          j.table = table;
          j.kmin = keys[0];
          j.span = span;
        }
      }
    }
  }
  if (rc == NUMC_OK) numc__parallel_ranges(j.n1, ISIN_GRAIN, isin_range, &j);
  numc__aligned_free(table);
  if (j.ckeys)
    numc__free(keymem);
  else
    numc__aligned_free(keymem);
  return rc;
}

int numc_isin(numc_array **out, const numc_array *x1, const numc_array *x2, int invert) {
  if (out == NULL || x1 == NULL || x2 == NULL)
    return numc__err(NUMC_EINVAL, "argument is NULL");
  numc_dtype ct;
  NUMC__TRY(numc_promote_types(&ct, x1->dtype, x2->dtype));
  bool ints = !numc__is_inexact(x1->dtype) && !numc__is_inexact(x2->dtype);
  bool exact = ints && numc__is_inexact(ct);
  if (exact) ct = x1->dtype;
  numc_array *a = NULL, *b = NULL;
  int rc = numc__contig_as(&a, x1, ct);
  if (rc == NUMC_OK) rc = numc__contig_as(&b, x2, exact ? x2->dtype : ct);
  isin_params *p = rc == NUMC_OK ? numc__malloc(sizeof *p) : NULL;
  if (rc == NUMC_OK && p == NULL) rc = numc__oom();
  if (rc == NUMC_OK) {
    p->invert = invert != 0;
    p->exact = exact;
    const numc_array *in[2] = {a, b};
    rc = numc__record_extern(out, NUMC_BOOL, x1->ndim, x1->shape, 2, in, run_isin, p,
                             numc__free, "isin");
  }
  numc_release(a);
  numc_release(b);
  return rc;
}
