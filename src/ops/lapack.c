/*
 * ops/lapack.c - decompositions and solvers on LAPACK, batched over stacks.
 *
 * These run at the call (value-dependent errors such as a singular matrix
 * must surface there): the inputs are cast lazily to float64 or complex128
 * (NumPy computes every linalg function in double precision and casts the
 * results back), materialized, and then each matrix of the stack is copied
 * into a column-major work buffer, handed to a LAPACKE *_work routine (no
 * allocation inside LAPACKE; workspace sizes are queried once per call), and
 * its results copied out into new C-contiguous arrays.
 *
 * A stack is one la_job: operands with broadcast batch strides, an item
 * function that does one matrix, and per-thread workspace allocated up
 * front on the calling thread. Many small matrices run in parallel over
 * numc's pool with OpenBLAS single-threaded; otherwise the items run in turn
 * with OpenBLAS using numc_get_num_threads() threads.
 *
 * Errors: every LAPACK info code is checked. info > 0 is the numerical
 * failure NumPy reports as LinAlgError (NUMC_ELINALG with NumPy's message);
 * info < 0 would be a bug here (NUMC_EINTERNAL). Inputs that would make
 * LAPACK misbehave (NaN into the SVD, which can hang or make xerbla print;
 * NaN/inf into geev, which NumPy rejects) are checked in the work buffer
 * before the call.
 */
#include "linalg_internal.h"

#include "../cpu/pool.h"

#include <lapacke.h>
#include <limits.h>
#include <math.h>
#include <stdatomic.h>

int numc__la_check_stack(const numc_array *x, bool square) {
  if (x->ndim < 2)
    return numc__err(NUMC_ELINALG,
                     "%d-dimensional array given. Array must be at least "
                     "two-dimensional",
                     x->ndim);
  if (square && x->shape[x->ndim - 1] != x->shape[x->ndim - 2])
    return numc__err(NUMC_ELINALG, "Last 2 dimensions of the array must be square");
  return NUMC_OK;
}

/* ---- dtypes ------------------------------------------------------------------ */

/* NumPy's _commonType over 1 or 2 dtypes: the compute dtype (float64 or
 * complex128) and the result dtype (single precision only if every input
 * is float32/complex64). */
static void common_type(numc_dtype *compute, numc_dtype *result, int n,
                        const numc_dtype *dts) {
  bool cplx = false, dbl = false;
  for (int i = 0; i < n; i++) {
    if (numc__is_complex(dts[i])) cplx = true;
    if (dts[i] != NUMC_FLOAT32 && dts[i] != NUMC_COMPLEX64) dbl = true;
  }
  *compute = cplx ? NUMC_COMPLEX128 : NUMC_FLOAT64;
  *result = cplx ? (dbl ? NUMC_COMPLEX128 : NUMC_COMPLEX64)
                 : (dbl ? NUMC_FLOAT64 : NUMC_FLOAT32);
}

/* Casts x to the compute dtype and materializes it. Lock held. */
static int la_input(numc_array **out, const numc_array *x, numc_dtype cdt) {
  numc_array *c;
  NUMC__TRY(numc__as_dtype(&c, x, cdt));
  int rc = numc__force1(c->st);
  if (rc < 0) {
    numc_release(c);
    return rc;
  }
  *out = c;
  return NUMC_OK;
}

/* *out = r cast to dtype rdt (lazily); takes r. */
static int la_output(numc_array **out, numc_array *r, numc_dtype rdt) {
  if (r->dtype == rdt) {
    *out = r;
    return NUMC_OK;
  }
  int rc = numc__as_dtype(out, r, rdt);
  numc_release(r);
  return rc;
}

static int check_lapack_dims(const numc_array *x) {
  for (int i = x->ndim - 2; i < x->ndim; i++)
    if (i >= 0 && x->shape[i] > INT_MAX / 2)
      return numc__err(NUMC_EVALUE, "matrix dimension %lld too large for LAPACK",
                       (long long)x->shape[i]);
  return NUMC_OK;
}

/* ---- the batch driver ------------------------------------------------------------ */

#define LA_MAXOPS 6
/* An item's result for "the input has NaN (or inf) where LAPACK must not
 * see it". */
#define LA_NONFINITE INT_MAX

struct la_job;
/* Computes one matrix: p[o] points at entry i of operand o, w is the
 * thread's workspace. Returns the LAPACK info (or LA_NONFINITE). */
typedef int (*la_item_fn)(const struct la_job *j, char *const *p, char *w);

typedef struct la_job {
  /* the stack: operands share the batch shape (inputs broadcast) */
  int nbd;
  int64_t bshape[NUMC_MAXDIMS];
  int64_t nbatch;
  int nops;
  char *base[LA_MAXOPS];
  int64_t bs[LA_MAXOPS][NUMC_MAXDIMS];
  int64_t rs[LA_MAXOPS], cs[LA_MAXOPS]; /* core strides (bytes) */
  /* the operation */
  la_item_fn item;
  bool cplx;
  int64_t isz;
  int64_t m, n, k;   /* op-specific sizes */
  int64_t k2;        /* lstsq: right-hand sides */
  char jobz, uplo;
  int mode;          /* op-specific */
  double rcond;
  lapack_int lwork, liwork, lrwork;
  size_t ws;         /* workspace bytes per thread */
  /* running */
  char *work;
  _Atomic int64_t next;
  int64_t chunk;
  _Atomic int pos_info, neg_info; /* first failure codes seen */
} la_job;

static void job_init(la_job *j, numc_dtype cdt) {
  memset(j, 0, sizeof *j);
  j->cplx = cdt == NUMC_COMPLEX128;
  j->isz = j->cplx ? 16 : 8;
  j->nbatch = 1;
}

/* Sets the stack shape: the broadcast of the given batch shapes. */
static int job_stack(la_job *j, int n, const numc_array *const *xs, const int *core) {
  int nds[4];
  const int64_t *shs[4];
  for (int i = 0; i < n; i++) nds[i] = xs[i]->ndim - core[i], shs[i] = xs[i]->shape;
  NUMC__TRY(numc__broadcast(&j->nbd, j->bshape, n, nds, shs));
  j->nbatch = numc__shape_size(j->nbd, j->bshape);
  return NUMC_OK;
}

/* Adds operand x (core_nd trailing core dims) and returns its index. */
static int job_add(la_job *j, const numc_array *x, int core_nd) {
  int o = j->nops++;
  assert(o < LA_MAXOPS);
  int nd = x->ndim - core_nd;
  j->base[o] = numc__array_ptr(x);
  for (int i = 0; i < j->nbd; i++) {
    int k = i - (j->nbd - nd);
    j->bs[o][i] = (k < 0 || x->shape[k] == 1) ? 0 : x->strides[k];
  }
  j->rs[o] = core_nd >= 1 ? x->strides[x->ndim - core_nd] : 0;
  j->cs[o] = core_nd >= 2 ? x->strides[x->ndim - 1] : 0;
  return o;
}

static void job_entry(const la_job *j, int64_t i, char **p) {
  for (int o = 0; o < j->nops; o++) p[o] = j->base[o];
  for (int d = j->nbd - 1; d >= 0 && i > 0; d--) {
    int64_t e = j->bshape[d], x = i % e;
    i /= e;
    for (int o = 0; o < j->nops; o++) p[o] += x * j->bs[o][d];
  }
}

static void job_task(void *ctx, int tid) {
  la_job *j = ctx;
  char *w = j->work + (size_t)tid * j->ws;
  char *p[LA_MAXOPS];
  for (;;) {
    int64_t i0 = atomic_fetch_add_explicit(&j->next, j->chunk, memory_order_relaxed);
    if (i0 >= j->nbatch) break;
    int64_t i1 = i0 + j->chunk < j->nbatch ? i0 + j->chunk : j->nbatch;
    for (int64_t i = i0; i < i1; i++) {
      job_entry(j, i, p);
      int info = j->item(j, p, w);
      if (info != 0) {
        int zero = 0;
        atomic_compare_exchange_strong(info > 0 ? &j->pos_info : &j->neg_info, &zero, info);
      }
    }
  }
}

/* Runs every item. Returns NUMC_OK, NUMC_ENOMEM, NUMC_EINTERNAL (info < 0),
 * or 1 when some item failed with info > 0 (*info receives the code). Lock
 * held. */
static int job_run(la_job *j, const char *routine, int *info) {
  *info = 0;
  if (j->nbatch == 0) return NUMC_OK;
  int nth = numc__pool_size();
  int64_t size = j->m > j->n ? j->m : j->n;
  bool par = j->nbatch > 1 && nth > 1 && (size <= 128 || j->nbatch >= 2 * nth);
  int nthreads = par ? (j->nbatch < nth ? (int)j->nbatch : nth) : 1;
  j->ws = (j->ws + 63) / 64 * 64;
  j->work = numc__aligned_alloc(j->ws * (size_t)nthreads, false);
  if (!j->work) return numc__oom();
  j->chunk = j->nbatch / ((int64_t)nthreads * 8);
  if (j->chunk < 1) j->chunk = 1;
  /* threaded BLAS inside LAPACK only for matrices big enough to gain */
  int bt = par || size < 256 ? 1 : nth;
  int prev = numc__blas_threads_push(bt);
  if (par)
    numc__pool_run(nthreads, job_task, j);
  else
    job_task(j, 0);
  numc__blas_threads_pop(prev);
  if (bt > 1) numc__blas_mark_hot();
  numc__aligned_free(j->work);
  j->work = NULL;
  int neg = atomic_load(&j->neg_info), pos = atomic_load(&j->pos_info);
  if (neg)
    return numc__err(NUMC_EINTERNAL, "LAPACK %s: argument %d had an illegal value",
                     routine, -neg);
  *info = pos;
  return pos ? 1 : NUMC_OK;
}

/* Workspace size from a LAPACK query result (real or complex first
 * element). */
static lapack_int query_size(const double *w) {
  double v = w[0];
  return v < 1 ? 1 : (lapack_int)v + 1;
}

/* Workspace sizes from a query's work, rwork (complex only) and iwork
 * results. */
static void take_query(la_job *j, const double *wq, double rq, lapack_int iq) {
  j->lwork = query_size(wq);
  j->lrwork = j->cplx ? query_size(&rq) : 0;
  j->liwork = iq < 1 ? 1 : iq;
}

/* ---- copies between strided arrays and column-major buffers ----------------- */

#define TILE 32

/* The m x n matrix at dst (byte strides drs, dcs) <- the one at src (srs,
 * scs), elements of one double (two for complex), in 32 x 32 tiles so that
 * a transposing copy stays in cache. */
static void copy2d(char *dst, int64_t drs, int64_t dcs, const char *src, int64_t srs,
                   int64_t scs, int64_t m, int64_t n, bool cplx) {
  int64_t esz = cplx ? 16 : 8;
  if (dcs == esz && scs == esz) { /* rows contiguous on both sides */
    for (int64_t i = 0; i < m; i++) memcpy(dst + i * drs, src + i * srs, (size_t)(n * esz));
    return;
  }
  for (int64_t i0 = 0; i0 < m; i0 += TILE)
    for (int64_t j0 = 0; j0 < n; j0 += TILE) {
      int64_t i1 = i0 + TILE < m ? i0 + TILE : m, j1 = j0 + TILE < n ? j0 + TILE : n;
      for (int64_t i = i0; i < i1; i++)
        for (int64_t jj = j0; jj < j1; jj++) {
          const double *sp = (const double *)(src + i * srs + jj * scs);
          double *dp = (double *)(dst + i * drs + jj * dcs);
          dp[0] = sp[0];
          if (cplx) dp[1] = sp[1];
        }
    }
}

/* dst (column-major, leading dim ld) <- the m x n matrix at src (byte
 * strides rs, cs). */
static void load_cm(void *dst, int64_t ld, const char *src, int64_t m, int64_t n,
                    int64_t rs, int64_t cs, bool cplx) {
  int64_t esz = cplx ? 16 : 8;
  copy2d(dst, esz, ld * esz, src, rs, cs, m, n, cplx);
}

/* The m x n matrix at dst (byte strides rs, cs) <- column-major src (ld). */
static void store_cm(char *dst, int64_t rs, int64_t cs, const void *src, int64_t ld,
                     int64_t m, int64_t n, bool cplx) {
  int64_t esz = cplx ? 16 : 8;
  copy2d(dst, rs, cs, src, esz, ld * esz, m, n, cplx);
}

/* Stores a real vector (n doubles) with byte stride s. */
static void store_vec(char *dst, int64_t s, const double *src, int64_t n) {
  for (int64_t i = 0; i < n; i++) *(double *)(dst + i * s) = src[i];
}

static void fill_nan(char *dst, int64_t rs, int64_t cs, int64_t m, int64_t n, bool cplx) {
  for (int64_t i = 0; i < m; i++)
    for (int64_t jj = 0; jj < n; jj++) {
      double *d = (double *)(dst + i * rs + jj * cs);
      d[0] = NAN;
      if (cplx) d[1] = NAN;
    }
}

/* True if the column-major m x n buffer holds a NaN (or, with `inf`, an
 * infinity). */
static bool has_nonfinite(const double *a, int64_t ld, int64_t m, int64_t n, bool cplx,
                          bool inf) {
  int64_t c = cplx ? 2 : 1;
  for (int64_t jj = 0; jj < n; jj++)
    for (int64_t i = 0; i < m * c; i++) {
      double v = a[jj * ld * c + i];
      if (inf ? !isfinite(v) : isnan(v)) return true;
    }
  return false;
}

/* Identity into a column-major n x n buffer. */
static void identity_cm(double *a, int64_t n, bool cplx) {
  int64_t c = cplx ? 2 : 1;
  memset(a, 0, (size_t)(n * n * c) * sizeof(double));
  for (int64_t i = 0; i < n; i++) a[(i * n + i) * c] = 1;
}

static lapack_int ld_of(int64_t n) { return n > 1 ? (lapack_int)n : 1; }

/* Allocates a C-contiguous result of the compute dtype. Lock held. */
static int la_alloc(numc_array **out, const la_job *j, numc_dtype dt, int nextra,
                    const int64_t *extra) {
  int64_t shape[NUMC_MAXDIMS + 2];
  memcpy(shape, j->bshape, (size_t)j->nbd * sizeof(int64_t));
  if (nextra) memcpy(shape + j->nbd, extra, (size_t)nextra * sizeof(int64_t));
  NUMC__TRY(numc__check_shape(j->nbd + nextra, shape, dt));
  return numc__array_alloc(out, dt, j->nbd + nextra, shape, false);
}

/* ---- a stack operation from inputs to new outputs -------------------------------- */

/* One result: computed in dtype dt with `core` trailing dims `shape` after
 * the stack dims, handed out cast to rdt. */
typedef struct la_out {
  numc_dtype dt, rdt;
  int core;
  int64_t shape[2];
  numc_array *arr; /* after la_execute */
} la_out;

/* The common start of a one-input op on a (..., M, N) stack (square when
 * asked): validation, dtypes, the job's stack and m, n, k = min(m, n). */
static int la_begin(la_job *j, const numc_array *x, bool square, numc_dtype *cdt,
                    numc_dtype *rdt) {
  NUMC__TRY(numc__la_check_stack(x, square));
  NUMC__TRY(check_lapack_dims(x));
  common_type(cdt, rdt, 1, &x->dtype);
  job_init(j, *cdt);
  int core = 2;
  NUMC__TRY(job_stack(j, 1, &x, &core));
  j->m = x->shape[x->ndim - 2], j->n = x->shape[x->ndim - 1];
  j->k = j->m < j->n ? j->m : j->n;
  return NUMC_OK;
}

/* Materializes the nin inputs in the compute dtype, allocates the outputs,
 * runs the job (operands: the inputs with core[i] core dims, then the
 * outputs) and reports a numerical failure as NUMC_ELINALG with `msg`
 * (`nonfinite_msg` for LA_NONFINITE when given). On failure no output is
 * left allocated. */
static int la_execute(la_job *j, int nin, const numc_array *const *in, const int *core,
                      int nout, la_out *outs, const char *routine, const char *msg,
                      const char *nonfinite_msg) {
  numc_dtype cdt = j->cplx ? NUMC_COMPLEX128 : NUMC_FLOAT64;
  numc_array *ins[2] = {NULL, NULL};
  numc__lock();
  int rc = NUMC_OK;
  for (int i = 0; rc == NUMC_OK && i < nin; i++) rc = la_input(&ins[i], in[i], cdt);
  for (int o = 0; rc == NUMC_OK && o < nout; o++)
    rc = la_alloc(&outs[o].arr, j, outs[o].dt, outs[o].core, outs[o].shape);
  if (rc == NUMC_OK) {
    for (int i = 0; i < nin; i++) job_add(j, ins[i], core[i]);
    for (int o = 0; o < nout; o++) job_add(j, outs[o].arr, outs[o].core);
    int info;
    rc = job_run(j, routine, &info);
    if (rc == 1)
      rc = numc__err(NUMC_ELINALG, "%s",
                     info == LA_NONFINITE && nonfinite_msg ? nonfinite_msg : msg);
  }
  numc__release_n(nin, ins);
  if (rc < 0)
    for (int o = 0; o < nout; o++) {
      numc_release(outs[o].arr);
      outs[o].arr = NULL;
    }
  numc__unlock();
  return rc;
}

/* Hands the outputs to dst (an entry NULL drops that output), each cast to
 * its rdt; all or nothing. Takes the outputs. */
static int la_finish(int nout, la_out *outs, numc_array **const *dst) {
  numc_array *res[LA_MAXOPS] = {0};
  int rc = NUMC_OK;
  for (int o = 0; o < nout; o++) {
    numc_array *a = outs[o].arr;
    outs[o].arr = NULL;
    if (rc == NUMC_OK && dst[o])
      rc = la_output(&res[o], a, outs[o].rdt);
    else
      numc_release(a);
  }
  if (rc < 0) {
    numc__release_n(nout, res);
    return rc;
  }
  for (int o = 0; o < nout; o++)
    if (dst[o]) *dst[o] = res[o];
  return NUMC_OK;
}

/* One-input ops: the input has 2 core dims. */
static int la_execute1(la_job *j, const numc_array *x, int nout, la_out *outs,
                       const char *routine, const char *msg, const char *nonfinite_msg) {
  int core = 2;
  return la_execute(j, 1, &x, &core, nout, outs, routine, msg, nonfinite_msg);
}

/* ---- inv and solve ---------------------------------------------------------------- */

/* operands: 0 a (n x n), 1 out (n x n). mode 1: failures give NaN. */
static int inv_item(const la_job *j, char *const *p, char *w) {
  int64_t n = j->n;
  if (n == 0) return 0;
  lapack_int ld = ld_of(n);
  double *a = (double *)w, *b = a + n * n * (j->cplx ? 2 : 1);
  lapack_int *ipiv = (lapack_int *)(b + n * n * (j->cplx ? 2 : 1));
  load_cm(a, n, p[0], n, n, j->rs[0], j->cs[0], j->cplx);
  identity_cm(b, n, j->cplx);
  lapack_int info = j->cplx
                        ? LAPACKE_zgesv_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n,
                                             (void *)a, ld, ipiv, (void *)b, ld)
                        : LAPACKE_dgesv_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n,
                                             a, ld, ipiv, b, ld);
  if (info > 0 && j->mode == 1) {
    fill_nan(p[1], j->rs[1], j->cs[1], n, n, j->cplx);
    return 0;
  }
  if (info == 0) store_cm(p[1], j->rs[1], j->cs[1], b, n, n, n, j->cplx);
  return info;
}

/* Inverse of each matrix; with nan_on_singular a singular matrix gives NaN
 * and the result stays in the compute dtype (for cond). */
static int inv_common(numc_array **out, const numc_array *x, bool nan_on_singular) {
  la_job j;
  numc_dtype cdt, rdt;
  NUMC__TRY(la_begin(&j, x, true, &cdt, &rdt));
  j.mode = nan_on_singular;
  j.item = inv_item;
  j.ws = (size_t)(2 * j.n * j.n * j.isz) + (size_t)j.n * sizeof(lapack_int) + 64;
  la_out o = {cdt, nan_on_singular ? cdt : rdt, 2, {j.n, j.n}, NULL};
  NUMC__TRY(la_execute1(&j, x, 1, &o, "gesv", "Singular matrix", NULL));
  numc_array **dst[1] = {out};
  return la_finish(1, &o, dst);
}

int numc_inv(numc_array **out, const numc_array *x) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "inv: NULL argument");
  return inv_common(out, x, false);
}

int numc__inv_nan(numc_array **out, const numc_array *x) { return inv_common(out, x, true); }

/* operands: 0 a (n x n), 1 b (n x k, or n when mode 1), 2 x (same as b). */
static int solve_item(const la_job *j, char *const *p, char *w) {
  int64_t n = j->n, k = j->k;
  if (n == 0 || k == 0) return 0;
  lapack_int ld = ld_of(n);
  int64_t c = j->cplx ? 2 : 1;
  double *a = (double *)w, *b = a + n * n * c;
  lapack_int *ipiv = (lapack_int *)(b + n * k * c);
  load_cm(a, n, p[0], n, n, j->rs[0], j->cs[0], j->cplx);
  load_cm(b, n, p[1], n, k, j->rs[1], j->cs[1], j->cplx);
  lapack_int info = j->cplx
                        ? LAPACKE_zgesv_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)k,
                                             (void *)a, ld, ipiv, (void *)b, ld)
                        : LAPACKE_dgesv_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)k,
                                             a, ld, ipiv, b, ld);
  if (info == 0) store_cm(p[2], j->rs[2], j->cs[2], b, n, n, k, j->cplx);
  return info;
}

int numc_solve(numc_array **out, const numc_array *a, const numc_array *b) {
  if (!out || !a || !b) return numc__err(NUMC_EINVAL, "solve: NULL argument");
  NUMC__TRY(numc__la_check_stack(a, true));
  NUMC__TRY(check_lapack_dims(a));
  bool vec = b->ndim == 1;
  const char *sig = vec ? "solve1: " : "solve: ";
  const char *gsig = vec ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)";
  if (b->ndim == 0)
    return numc__err(NUMC_ESHAPE,
                     "%sInput operand 1 does not have enough dimensions (has 0, "
                     "gufunc core with signature %s requires %d)",
                     sig, gsig, vec ? 1 : 2);
  int64_t n = a->shape[a->ndim - 1];
  int64_t bm = vec ? b->shape[0] : b->shape[b->ndim - 2];
  if (bm != n)
    return numc__err(NUMC_ESHAPE,
                     "%sInput operand 1 has a mismatch in its core dimension 0, with "
                     "gufunc signature %s (size %lld is different from %lld)",
                     sig, gsig, (long long)bm, (long long)n);
  if (!vec && b->ndim == 1)
    return numc__err(NUMC_ESHAPE, "solve: b must be at least 1-dimensional");
  if (!vec && b->shape[b->ndim - 1] > INT_MAX / 2)
    return numc__err(NUMC_EVALUE, "solve: too many right-hand sides for LAPACK");
  numc_dtype cdt, rdt, dts[2] = {a->dtype, b->dtype};
  common_type(&cdt, &rdt, 2, dts);
  la_job j;
  job_init(&j, cdt);
  const numc_array *xs[2] = {a, b};
  int core[2] = {2, vec ? 1 : 2};
  NUMC__TRY(job_stack(&j, 2, xs, core));
  j.n = j.m = n;
  j.k = vec ? 1 : b->shape[b->ndim - 1];
  j.item = solve_item;
  int64_t c = j.cplx ? 2 : 1;
  j.ws = (size_t)((n * n + n * j.k) * c) * sizeof(double) + (size_t)n * sizeof(lapack_int) + 64;
  la_out o = {cdt, rdt, vec ? 1 : 2, {n, j.k}, NULL};
  NUMC__TRY(la_execute(&j, 2, xs, core, 1, &o, "gesv", "Singular matrix", NULL));
  numc_array **dst[1] = {out};
  return la_finish(1, &o, dst);
}

/* ---- det and slogdet ---------------------------------------------------------------- */

/* operands: 0 a; mode 0 (det): 1 det; mode 1 (slogdet): 1 sign, 2 logdet.
 * NumPy's algorithm: LU, sign from the pivots and the diagonal, logdet the
 * sum of log|u_ii|, det = sign * exp(logdet); singular gives sign 0,
 * logdet -inf. */
static int det_item(const la_job *j, char *const *p, char *w) {
  int64_t n = j->n, c = j->cplx ? 2 : 1;
  double *a = (double *)w;
  lapack_int *ipiv = (lapack_int *)(a + n * n * c);
  lapack_int info = 0;
  double sr = 1, si = 0, logdet = 0;
  if (n > 0) {
    load_cm(a, n, p[0], n, n, j->rs[0], j->cs[0], j->cplx);
    info = j->cplx ? LAPACKE_zgetrf_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n,
                                         (void *)a, ld_of(n), ipiv)
                   : LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, a,
                                         ld_of(n), ipiv);
  }
  if (info < 0) return info;
  if (info > 0) {
    sr = 0, si = 0, logdet = -INFINITY;
  } else {
    int changes = 0;
    for (int64_t i = 0; i < n; i++) changes += ipiv[i] != (lapack_int)(i + 1);
    sr = (changes % 2) ? -1 : 1;
    for (int64_t i = 0; i < n; i++) {
      const double *d = a + (i * n + i) * c;
      if (j->cplx) {
        double ab = hypot(d[0], d[1]);
        double er = d[0] / ab, ei = d[1] / ab;
        double nr = sr * er - si * ei, ni = sr * ei + si * er;
        sr = nr, si = ni;
        logdet += log(ab);
      } else {
        double v = d[0];
        if (v < 0) sr = -sr, v = -v;
        logdet += log(v);
      }
    }
  }
  if (j->mode == 0) {
    double e = exp(logdet);
    double *o = (double *)p[1];
    o[0] = sr * e;
    if (j->cplx) o[1] = si * e;
  } else {
    double *s = (double *)p[1];
    s[0] = sr;
    if (j->cplx) s[1] = si;
    *(double *)p[2] = logdet;
  }
  return 0;
}

static int det_common(numc_array **o1, numc_array **o2, const numc_array *x, int mode) {
  la_job j;
  numc_dtype cdt, rdt;
  NUMC__TRY(la_begin(&j, x, true, &cdt, &rdt));
  j.mode = mode;
  j.item = det_item;
  j.ws = (size_t)(j.n * j.n * j.isz) + (size_t)j.n * sizeof(lapack_int) + 64;
  la_out o[2] = {{cdt, rdt, 0, {0, 0}, NULL},
                 {NUMC_FLOAT64, numc_dtype_real(rdt), 0, {0, 0}, NULL}};
  NUMC__TRY(la_execute1(&j, x, mode + 1, o, "getrf", "", NULL));
  numc_array **dst[2] = {o1, o2};
  return la_finish(mode + 1, o, dst);
}

int numc_det(numc_array **out, const numc_array *x) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "det: NULL argument");
  return det_common(out, NULL, x, 0);
}

int numc_slogdet(numc_array **sign, numc_array **logabsdet, const numc_array *x) {
  if (!sign || !logabsdet || !x) return numc__err(NUMC_EINVAL, "slogdet: NULL argument");
  return det_common(sign, logabsdet, x, 1);
}

/* ---- cholesky ---------------------------------------------------------------------- */

/* operands: 0 a, 1 out (C-contiguous). Works in place in the output: its
 * row-major memory read column-major is a^T, whose upper triangle is a's
 * lower one, so potrf with the flipped uplo leaves exactly the row-major
 * factor there (the Cholesky factor is unique; no transposes needed). The
 * other triangle is zeroed. uplo: 'L' or 'U' of the result. */
static int chol_item(const la_job *j, char *const *p, char *w) {
  (void)w;
  int64_t n = j->n, c = j->cplx ? 2 : 1;
  if (n == 0) return 0;
  double *a = (double *)p[1];
  copy2d((char *)a, n * c * 8, c * 8, p[0], j->rs[0], j->cs[0], n, n, j->cplx);
  char flip = j->uplo == 'L' ? 'U' : 'L';
  lapack_int info =
      j->cplx ? LAPACKE_zpotrf_work(LAPACK_COL_MAJOR, flip, (lapack_int)n, (void *)a, ld_of(n))
              : LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, flip, (lapack_int)n, a, ld_of(n));
  if (info != 0) return info;
  for (int64_t row = 0; row < n; row++) {
    int64_t from = j->uplo == 'L' ? row + 1 : 0, to = j->uplo == 'L' ? n : row;
    if (to > from) memset(a + (row * n + from) * c, 0, (size_t)((to - from) * c) * sizeof(double));
  }
  return 0;
}

int numc_cholesky(numc_array **out, const numc_array *x, int upper) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "cholesky: NULL argument");
  la_job j;
  numc_dtype cdt, rdt;
  NUMC__TRY(la_begin(&j, x, true, &cdt, &rdt));
  j.uplo = upper ? 'U' : 'L';
  j.item = chol_item;
  j.ws = 64;
  la_out o = {cdt, rdt, 2, {j.n, j.n}, NULL};
  NUMC__TRY(la_execute1(&j, x, 1, &o, "potrf", "Matrix is not positive definite", NULL));
  numc_array **dst[1] = {out};
  return la_finish(1, &o, dst);
}

/* ---- eigh / eigvalsh ------------------------------------------------------------------ */


/* operands: 0 a, 1 w (n), 2 v (n x n) when jobz == 'V'. */
static int eigh_item(const la_job *j, char *const *p, char *w) {
  int64_t n = j->n, c = j->cplx ? 2 : 1;
  if (n == 0) return 0;
  double *a = (double *)w, *ev = a + n * n * c, *work = ev + n;
  double *rwork = work + (int64_t)j->lwork * c;
  lapack_int *iwork = (lapack_int *)(rwork + j->lrwork);
  load_cm(a, n, p[0], n, n, j->rs[0], j->cs[0], j->cplx);
  lapack_int info =
      j->cplx ? LAPACKE_zheevd_work(LAPACK_COL_MAJOR, j->jobz, j->uplo, (lapack_int)n, (void *)a,
                                    ld_of(n), ev, (void *)work, j->lwork, rwork, j->lrwork,
                                    iwork, j->liwork)
              : LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, j->jobz, j->uplo, (lapack_int)n, a,
                                    ld_of(n), ev, work, j->lwork, iwork, j->liwork);
  if (info != 0) return info;
  store_vec(p[1], j->rs[1], ev, n);
  if (j->jobz == 'V') store_cm(p[2], j->rs[2], j->cs[2], a, n, n, n, j->cplx);
  return 0;
}

static int check_uplo(char uplo) {
  if (uplo != 'L' && uplo != 'U')
    return numc__err(NUMC_EVALUE, "UPLO argument must be 'L' or 'U'");
  return NUMC_OK;
}

static int eigh_common(numc_array **wout, numc_array **vout, const numc_array *x, char uplo) {
  NUMC__TRY(check_uplo(uplo));
  la_job j;
  numc_dtype cdt, rdt;
  NUMC__TRY(la_begin(&j, x, true, &cdt, &rdt));
  int64_t n = j.n;
  j.uplo = uplo;
  j.jobz = vout ? 'V' : 'N';
  j.item = eigh_item;
  if (n > 0) { /* workspace query */
    double wq[2] = {0, 0}, rq = 0, dummy[4] = {0};
    lapack_int iq = 0;
    lapack_int info =
        j.cplx ? LAPACKE_zheevd_work(LAPACK_COL_MAJOR, j.jobz, uplo, (lapack_int)n, (void *)dummy,
                                     ld_of(n), dummy, (void *)wq, -1, &rq, -1, &iq, -1)
               : LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, j.jobz, uplo, (lapack_int)n, dummy,
                                     ld_of(n), dummy, wq, -1, &iq, -1);
    if (info != 0)
      return numc__err(NUMC_EINTERNAL, "LAPACK syevd workspace query failed (%d)", (int)info);
    take_query(&j, wq, rq, iq);
  }
  int64_t c = j.cplx ? 2 : 1;
  j.ws = (size_t)((n * n + (int64_t)j.lwork) * c + n + j.lrwork) * sizeof(double) +
         (size_t)j.liwork * sizeof(lapack_int) + 64;
  la_out o[2] = {{NUMC_FLOAT64, numc_dtype_real(rdt), 1, {n, 0}, NULL},
                 {cdt, rdt, 2, {n, n}, NULL}};
  NUMC__TRY(la_execute1(&j, x, vout ? 2 : 1, o, "syevd", "Eigenvalues did not converge", NULL));
  numc_array **dst[2] = {wout, vout};
  return la_finish(vout ? 2 : 1, o, dst);
}

int numc_eigh(numc_array **w, numc_array **v, const numc_array *x, char uplo) {
  if (!w || !v || !x) return numc__err(NUMC_EINVAL, "eigh: NULL argument");
  return eigh_common(w, v, x, uplo);
}

int numc_eigvalsh(numc_array **w, const numc_array *x, char uplo) {
  if (!w || !x) return numc__err(NUMC_EINVAL, "eigvalsh: NULL argument");
  return eigh_common(w, NULL, x, uplo);
}

/* ---- eig / eigvals ------------------------------------------------------------------------ */

/* operands: 0 a, 1 w (n, complex128), 2 v (n x n, complex128) when jobz ==
 * 'V'. Real input: geev's (wr, wi) and packed conjugate-pair eigenvectors
 * become complex values as NumPy's mk_geev_complex_eigenvectors does. */
static int eig_item(const la_job *j, char *const *p, char *w) {
  int64_t n = j->n, c = j->cplx ? 2 : 1;
  if (n == 0) return 0;
  double *a = (double *)w, *vr = a + n * n * c, *ev = vr + n * n * c;
  double *work = ev + 2 * n, *rwork = work + (int64_t)j->lwork * c;
  load_cm(a, n, p[0], n, n, j->rs[0], j->cs[0], j->cplx);
  if (has_nonfinite(a, n, n, n, j->cplx, true)) return LA_NONFINITE;
  lapack_int ldv = ld_of(n);
  lapack_int info;
  if (j->cplx)
    info = LAPACKE_zgeev_work(LAPACK_COL_MAJOR, 'N', j->jobz, (lapack_int)n, (void *)a, ld_of(n),
                              (void *)ev, NULL, 1, (void *)vr, ldv, (void *)work, j->lwork,
                              rwork);
  else
    info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, 'N', j->jobz, (lapack_int)n, a, ld_of(n), ev,
                              ev + n, NULL, 1, vr, ldv, work, j->lwork);
  if (info != 0) return info;
  for (int64_t i = 0; i < n; i++) {
    double *o = (double *)(p[1] + i * j->rs[1]);
    if (j->cplx)
      o[0] = ev[2 * i], o[1] = ev[2 * i + 1];
    else
      o[0] = ev[i], o[1] = ev[n + i];
  }
  if (j->jobz != 'V') return 0;
  if (j->cplx) {
    store_cm(p[2], j->rs[2], j->cs[2], vr, n, n, n, true);
    return 0;
  }
  const double *wi = ev + n;
  for (int64_t col = 0; col < n; col++) {
    bool pair = wi[col] != 0 && col + 1 < n;
    for (int64_t row = 0; row < n; row++) {
      double re = vr[col * n + row];
      double im = pair ? vr[(col + 1) * n + row] : 0;
      double *o = (double *)(p[2] + row * j->rs[2] + col * j->cs[2]);
      o[0] = re, o[1] = im;
      if (pair) {
        double *o2 = (double *)(p[2] + row * j->rs[2] + (col + 1) * j->cs[2]);
        o2[0] = re, o2[1] = -im;
      }
    }
    if (pair) col++;
  }
  return 0;
}

/* Replaces *x (complex128) by its real part as a new contiguous float64
 * array (lazy copy of the real view). */
static int real_part(numc_array **x) {
  numc_array *rv, *c;
  NUMC__TRY(numc_real_view(&rv, *x));
  int rc = numc_copy(&c, rv, NUMC_ORDER_C);
  numc_release(rv);
  if (rc < 0) return rc;
  numc_release(*x);
  *x = c;
  return NUMC_OK;
}

static int eig_common(numc_array **wout, numc_array **vout, const numc_array *x) {
  la_job j;
  numc_dtype cdt, rdt;
  NUMC__TRY(la_begin(&j, x, true, &cdt, &rdt));
  int64_t n = j.n;
  j.jobz = vout ? 'V' : 'N';
  j.item = eig_item;
  if (n > 0) {
    double wq[2] = {0, 0}, dummy[4] = {0};
    lapack_int info =
        j.cplx ? LAPACKE_zgeev_work(LAPACK_COL_MAJOR, 'N', j.jobz, (lapack_int)n, (void *)dummy,
                                    ld_of(n), (void *)dummy, NULL, 1, (void *)dummy, ld_of(n),
                                    (void *)wq, -1, dummy)
               : LAPACKE_dgeev_work(LAPACK_COL_MAJOR, 'N', j.jobz, (lapack_int)n, dummy,
                                    ld_of(n), dummy, dummy, NULL, 1, dummy, ld_of(n), wq, -1);
    if (info != 0)
      return numc__err(NUMC_EINTERNAL, "LAPACK geev workspace query failed (%d)", (int)info);
    j.lwork = query_size(wq);
  }
  int64_t c = j.cplx ? 2 : 1;
  j.ws = (size_t)((2 * n * n + (int64_t)j.lwork) * c + 2 * n + 2 * n) * sizeof(double) + 64;
  int nout = vout ? 2 : 1;
  la_out o[2] = {{NUMC_COMPLEX128, NUMC_COMPLEX128, 1, {n, 0}, NULL},
                 {NUMC_COMPLEX128, NUMC_COMPLEX128, 2, {n, n}, NULL}};
  NUMC__TRY(la_execute1(&j, x, nout, o, "geev", "Eigenvalues did not converge",
                        "Array must not contain infs or NaNs"));
  /* real input with only real eigenvalues in the whole stack: real results
   * (NumPy 2); otherwise complex of the result precision */
  bool real = !j.cplx;
  int64_t cnt = numc__shape_size(o[0].arr->ndim, o[0].arr->shape);
  const double *wp = (const double *)numc__array_ptr(o[0].arr);
  for (int64_t i = 0; real && i < cnt; i++) real = wp[2 * i + 1] == 0;
  int rc = NUMC_OK;
  for (int k = 0; rc == NUMC_OK && real && k < nout; k++) rc = real_part(&o[k].arr);
  numc_dtype odt = real ? rdt : (rdt == NUMC_FLOAT32 || rdt == NUMC_COMPLEX64 ? NUMC_COMPLEX64
                                                                             : NUMC_COMPLEX128);
  o[0].rdt = o[1].rdt = odt;
  if (rc < 0) {
    for (int k = 0; k < nout; k++) numc_release(o[k].arr);
    return rc;
  }
  numc_array **dst[2] = {wout, vout};
  return la_finish(nout, o, dst);
}

int numc_eig(numc_array **w, numc_array **v, const numc_array *x) {
  if (!w || !v || !x) return numc__err(NUMC_EINVAL, "eig: NULL argument");
  return eig_common(w, v, x);
}

int numc_eigvals(numc_array **w, const numc_array *x) {
  if (!w || !x) return numc__err(NUMC_EINVAL, "eigvals: NULL argument");
  return eig_common(w, NULL, x);
}

/* ---- svd ------------------------------------------------------------------------------ */

/* operands: 0 a (m x n), 1 s (k); with jobz 'A'/'S': 2 u, 3 vh. */
static int svd_item(const la_job *j, char *const *p, char *w) {
  int64_t m = j->m, n = j->n, k = j->k, c = j->cplx ? 2 : 1;
  int64_t ucols = j->jobz == 'A' ? m : j->jobz == 'S' ? k : 0;
  int64_t vrows = j->jobz == 'A' ? n : j->jobz == 'S' ? k : 0;
  if (k == 0) { /* empty: identity factors where they have room (NumPy) */
    if (j->jobz != 'N') {
      for (int o = 2; o <= 3; o++) {
        int64_t r = o == 2 ? m : vrows, cc = o == 2 ? ucols : n;
        for (int64_t i = 0; i < r; i++)
          for (int64_t jj = 0; jj < cc; jj++) {
            double *d = (double *)(p[o] + i * j->rs[o] + jj * j->cs[o]);
            d[0] = i == jj;
            if (j->cplx) d[1] = 0;
          }
      }
    }
    return 0;
  }
  double *a = (double *)w, *s = a + m * n * c, *u = s + k, *vt = u + m * ucols * c;
  double *work = vt + vrows * n * c, *rwork = work + (int64_t)j->lwork * c;
  lapack_int *iwork = (lapack_int *)(rwork + j->lrwork);
  load_cm(a, m, p[0], m, n, j->rs[0], j->cs[0], j->cplx);
  /* NaN: NumPy's LAPACK reports no convergence; inf: NumPy gets NaNs (or,
   * for some sizes, never returns from gesdd): NaN results, no call */
  if (has_nonfinite(a, m, m, n, j->cplx, false)) return LA_NONFINITE;
  if (has_nonfinite(a, m, m, n, j->cplx, true)) {
    for (int64_t i = 0; i < k; i++) *(double *)(p[1] + i * j->rs[1]) = NAN;
    if (j->jobz != 'N') {
      fill_nan(p[2], j->rs[2], j->cs[2], m, ucols, j->cplx);
      fill_nan(p[3], j->rs[3], j->cs[3], vrows, n, j->cplx);
    }
    return 0;
  }
  lapack_int ldu = ld_of(m), ldvt = ld_of(vrows);
  lapack_int info =
      j->cplx ? LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, j->jobz, (lapack_int)m, (lapack_int)n,
                                    (void *)a, ld_of(m), s, (void *)u, ldu, (void *)vt, ldvt,
                                    (void *)work, j->lwork, rwork, iwork)
              : LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, j->jobz, (lapack_int)m, (lapack_int)n, a,
                                    ld_of(m), s, u, ldu, vt, ldvt, work, j->lwork, iwork);
  if (info != 0) return info;
  store_vec(p[1], j->rs[1], s, k);
  if (j->jobz != 'N') {
    store_cm(p[2], j->rs[2], j->cs[2], u, m, m, ucols, j->cplx);
    store_cm(p[3], j->rs[3], j->cs[3], vt, vrows, vrows, n, j->cplx);
  }
  return 0;
}

/* SVD with jobz 'N', 'S' or 'A'; s is handed out as float64 when s64 (for
 * the functions composed on singular values), else in the result dtype. */
static int svd_common(numc_array **uo, numc_array **so, numc_array **vo, const numc_array *x,
                      char jobz, bool s64) {
  la_job j;
  numc_dtype cdt, rdt;
  NUMC__TRY(la_begin(&j, x, false, &cdt, &rdt));
  int64_t m = j.m, n = j.n, k = j.k;
  j.jobz = jobz;
  j.item = svd_item;
  int64_t ucols = jobz == 'A' ? m : jobz == 'S' ? k : 0;
  int64_t vrows = jobz == 'A' ? n : jobz == 'S' ? k : 0;
  if (k > 0) {
    double wq[2] = {0, 0}, dummy[4] = {0};
    lapack_int idummy[8];
    lapack_int ldu = ld_of(m), ldvt = ld_of(jobz == 'A' ? n : k);
    lapack_int info =
        j.cplx ? LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, jobz, (lapack_int)m, (lapack_int)n,
                                     (void *)dummy, ld_of(m), dummy, (void *)dummy, ldu,
                                     (void *)dummy, ldvt, (void *)wq, -1, dummy, idummy)
               : LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, jobz, (lapack_int)m, (lapack_int)n,
                                     dummy, ld_of(m), dummy, dummy, ldu, dummy, ldvt, wq, -1,
                                     idummy);
    if (info != 0)
      return numc__err(NUMC_EINTERNAL, "LAPACK gesdd workspace query failed (%d)", (int)info);
    j.lwork = query_size(wq);
    if (j.cplx) { /* LAPACK 3.7+ bounds */
      int64_t mx = m > n ? m : n;
      int64_t lr = jobz == 'N' ? 7 * k : k * (5 * k + 7 > 2 * mx + 2 * k + 1 ? 5 * k + 7
                                                                              : 2 * mx + 2 * k + 1);
      j.lrwork = (lapack_int)(lr < 1 ? 1 : lr);
    }
  }
  int64_t c = j.cplx ? 2 : 1;
  j.ws = (size_t)((m * n + m * ucols + vrows * n + (int64_t)j.lwork) * c + k + j.lrwork) *
             sizeof(double) +
         (size_t)(8 * k + 1) * sizeof(lapack_int) + 64;
  la_out o[3] = {{NUMC_FLOAT64, s64 ? NUMC_FLOAT64 : numc_dtype_real(rdt), 1, {k, 0}, NULL},
                 {cdt, rdt, 2, {m, ucols}, NULL},
                 {cdt, rdt, 2, {vrows, n}, NULL}};
  int nout = jobz == 'N' ? 1 : 3;
  NUMC__TRY(la_execute1(&j, x, nout, o, "gesdd", "SVD did not converge", NULL));
  numc_array **dst[3] = {so, uo, vo};
  return la_finish(nout, o, dst);
}

int numc__svdvals_f64(numc_array **s, const numc_array *x) {
  return svd_common(NULL, s, NULL, x, 'N', true);
}

int numc_svd(numc_array **u, numc_array **s, numc_array **vh, const numc_array *x,
             int full_matrices) {
  if (!s || !x || (!u) != (!vh)) return numc__err(NUMC_EINVAL, "svd: NULL argument");
  return svd_common(u, s, vh, x, !u ? 'N' : full_matrices ? 'A' : 'S', false);
}

int numc_svdvals(numc_array **s, const numc_array *x) {
  return numc_svd(NULL, s, NULL, x, 0);
}

/* ---- qr ------------------------------------------------------------------------------- */

/* operands: 0 a (m x n); mode R: 1 r; RAW: 1 h (n x m), 2 tau (k);
 * REDUCED/COMPLETE: 1 q (m x mc), 2 r (mc x n). */
static int qr_item(const la_job *j, char *const *p, char *w) {
  int64_t m = j->m, n = j->n, k = j->k, c = j->cplx ? 2 : 1;
  int64_t mc = j->mode == NUMC_QR_COMPLETE ? m : k;
  int64_t qcols = mc > n ? mc : n; /* the buffer holds a, then q */
  double *a = (double *)w, *tau = a + m * qcols * c, *work = tau + (k + 1) * c;
  lapack_int lda = ld_of(m);
  lapack_int info = 0;
  if (m > 0 && n > 0) {
    load_cm(a, m, p[0], m, n, j->rs[0], j->cs[0], j->cplx);
    info = j->cplx ? LAPACKE_zgeqrf_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, (void *)a,
                                         lda, (void *)tau, (void *)work, j->lwork)
                   : LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, a, lda,
                                         tau, work, j->lwork);
    if (info != 0) return info;
  }
  if (j->mode == NUMC_QR_RAW) {
    /* h is a's column-major buffer read as a C-order (n, m) array */
    store_cm(p[1], j->cs[1], j->rs[1], a, m, m, n, j->cplx);
    for (int64_t i = 0; i < k; i++) {
      double *o = (double *)(p[2] + i * j->rs[2]);
      o[0] = tau[i * c];
      if (j->cplx) o[1] = tau[i * c + 1];
    }
    return 0;
  }
  /* r = triu(a[:rrows, :]) */
  int ro = j->mode == NUMC_QR_R ? 1 : 2;
  int64_t rrows = j->mode == NUMC_QR_R ? k : mc;
  for (int64_t i = 0; i < rrows; i++)
    for (int64_t jj = 0; jj < n; jj++) {
      double *o = (double *)(p[ro] + i * j->rs[ro] + jj * j->cs[ro]);
      bool keep = jj >= i && i < m;
      o[0] = keep ? a[(jj * m + i) * c] : 0;
      if (j->cplx) o[1] = keep ? a[(jj * m + i) * c + 1] : 0;
    }
  if (j->mode == NUMC_QR_R || m == 0 || mc == 0) return 0;
  /* q: the first mc columns of the product of the reflectors */
  for (int64_t jj = n; jj < mc; jj++)
    memset(a + jj * m * c, 0, (size_t)(m * c) * sizeof(double));
  info = j->cplx ? LAPACKE_zungqr_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)mc,
                                       (lapack_int)k, (void *)a, lda, (void *)tau, (void *)work,
                                       j->lwork)
                 : LAPACKE_dorgqr_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)mc,
                                       (lapack_int)k, a, lda, tau, work, j->lwork);
  if (info != 0) return info;
  store_cm(p[1], j->rs[1], j->cs[1], a, m, m, mc, j->cplx);
  return 0;
}

int numc_qr(numc_array **q, numc_array **r, const numc_array *x, numc_qr_mode mode) {
  if (!r || !x || (mode != NUMC_QR_R && !q))
    return numc__err(NUMC_EINVAL, "qr: NULL argument");
  if ((unsigned)mode > NUMC_QR_RAW)
    return numc__err(NUMC_EVALUE, "Unrecognized mode '%d'", (int)mode);
  la_job j;
  numc_dtype cdt, rdt;
  NUMC__TRY(la_begin(&j, x, false, &cdt, &rdt));
  int64_t m = j.m, n = j.n, k = j.k;
  j.mode = mode;
  j.item = qr_item;
  int64_t mc = mode == NUMC_QR_COMPLETE ? m : k;
  int64_t qcols = mc > n ? mc : n;
  if (m > 0 && qcols > 0) {
    double wq[2] = {0, 0}, dummy[4] = {0};
    lapack_int info =
        j.cplx ? LAPACKE_zgeqrf_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n,
                                     (void *)dummy, ld_of(m), (void *)dummy, (void *)wq, -1)
               : LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, dummy,
                                     ld_of(m), dummy, wq, -1);
    lapack_int lw = query_size(wq);
    if (info == 0 && mc > 0 && (mode == NUMC_QR_REDUCED || mode == NUMC_QR_COMPLETE)) {
      info = j.cplx ? LAPACKE_zungqr_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)mc,
                                          (lapack_int)k, (void *)dummy, ld_of(m), (void *)dummy,
                                          (void *)wq, -1)
                    : LAPACKE_dorgqr_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)mc,
                                          (lapack_int)k, dummy, ld_of(m), dummy, wq, -1);
      if (query_size(wq) > lw) lw = query_size(wq);
    }
    if (info != 0)
      return numc__err(NUMC_EINTERNAL, "LAPACK geqrf workspace query failed (%d)", (int)info);
    j.lwork = lw;
  }
  int64_t c = j.cplx ? 2 : 1;
  j.ws = (size_t)((m * qcols + k + 1 + (int64_t)j.lwork) * c) * sizeof(double) + 64;
  /* operands after a: R: r (k, n); RAW: h (n, m), tau (k); else q (m, mc), r (mc, n) */
  la_out o[2] = {{cdt, rdt, 2, {m, mc}, NULL}, {cdt, rdt, 2, {mc, n}, NULL}};
  if (mode == NUMC_QR_R) {
    o[0].shape[0] = k, o[0].shape[1] = n;
  } else if (mode == NUMC_QR_RAW) {
    o[0].shape[0] = n, o[0].shape[1] = m;
    o[1].core = 1, o[1].shape[0] = k;
  }
  int nout = mode == NUMC_QR_R ? 1 : 2;
  NUMC__TRY(la_execute1(&j, x, nout, o, "geqrf",
                        "Incorrect argument found while performing QR factorization", NULL));
  numc_array **dst[2] = {mode == NUMC_QR_R ? r : q, r};
  return la_finish(nout, o, dst);
}

/* ---- lstsq ---------------------------------------------------------------------------- */

/* operands: 0 a (m x n), 1 b (m x nrhs), 2 x (n x nrhs), 3 residuals
 * (nrhs), 4 rank (int32), 5 s (k). */
static int lstsq_item(const la_job *j, char *const *p, char *w) {
  int64_t m = j->m, n = j->n, k = j->k, c = j->cplx ? 2 : 1;
  int64_t nrhs = j->mode; /* >= 1 (a dummy column when the caller has 0) */
  int64_t ldb = m > n ? m : n;
  if (ldb < 1) ldb = 1;
  double *a = (double *)w, *b = a + m * n * c, *s = b + ldb * nrhs * c;
  double *work = s + k + 1, *rwork = work + (int64_t)j->lwork * c;
  lapack_int *iwork = (lapack_int *)(rwork + j->lrwork);
  load_cm(a, m, p[0], m, n, j->rs[0], j->cs[0], j->cplx);
  memset(b, 0, (size_t)(ldb * nrhs * c) * sizeof(double));
  if (j->k2 > 0) load_cm(b, ldb, p[1], m, j->k2, j->rs[1], j->cs[1], j->cplx);
  if (has_nonfinite(a, m, m, n, j->cplx, true) || has_nonfinite(b, ldb, m, nrhs, j->cplx, true))
    return LA_NONFINITE;
  lapack_int rank = 0, info = 0;
  if (m > 0 && n > 0) {
    info = j->cplx ? LAPACKE_zgelsd_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n,
                                         (lapack_int)nrhs, (void *)a, ld_of(m), (void *)b,
                                         (lapack_int)ldb, s, j->rcond, &rank, (void *)work,
                                         j->lwork, rwork, iwork)
                   : LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n,
                                         (lapack_int)nrhs, a, ld_of(m), b, (lapack_int)ldb, s,
                                         j->rcond, &rank, work, j->lwork, iwork);
    if (info != 0) return info;
  }
  if (m == 0) memset(b, 0, (size_t)(ldb * nrhs * c) * sizeof(double));
  store_cm(p[2], j->rs[2], j->cs[2], b, ldb, n, j->k2, j->cplx);
  *(int32_t *)p[4] = (int32_t)rank;
  store_vec(p[5], j->rs[5], s, k);
  for (int64_t col = 0; col < j->k2; col++) { /* sum of squares past row n */
    double acc = 0;
    for (int64_t i = n; i < m; i++) {
      const double *v = b + (col * ldb + i) * c;
      acc += v[0] * v[0] + (j->cplx ? v[1] * v[1] : 0);
    }
    *(double *)(p[3] + col * j->rs[3]) = acc;
  }
  return 0;
}

int numc_lstsq(numc_array **x, numc_array **residuals, numc_array **rank, numc_array **s,
               const numc_array *a, const numc_array *b, double rcond) {
  if (!a || !b) return numc__err(NUMC_EINVAL, "lstsq: NULL argument");
  bool b1 = b->ndim == 1;
  for (int o = 0; o < 2; o++) {
    int nd = o ? (b1 ? 2 : b->ndim) : a->ndim;
    if (nd != 2)
      return numc__err(NUMC_ELINALG,
                       "%d-dimensional array given. Array must be two-dimensional", nd);
  }
  NUMC__TRY(check_lapack_dims(a));
  int64_t m = a->shape[0], n = a->shape[1];
  if (b->shape[0] != m) return numc__err(NUMC_ELINALG, "Incompatible dimensions");
  int64_t nrhs = b1 ? 1 : b->shape[1];
  if (nrhs > INT_MAX / 2) return numc__err(NUMC_EVALUE, "lstsq: too many right-hand sides");
  numc_dtype cdt, rdt, dts[2] = {a->dtype, b->dtype};
  common_type(&cdt, &rdt, 2, dts);
  la_job j;
  job_init(&j, cdt);
  int64_t k = j.k = m < n ? m : n;
  j.m = m, j.n = n;
  j.k2 = nrhs;
  j.mode = (int)(nrhs > 0 ? nrhs : 1);
  j.rcond = rcond < 0 ? 2.220446049250313e-16 * (double)(m > n ? m : n) : rcond;
  j.item = lstsq_item;
  int64_t ldb = m > n ? m : n;
  if (ldb < 1) ldb = 1;
  if (m > 0 && n > 0) {
    double wq[2] = {0, 0}, rq = 0, dummy[4] = {0};
    lapack_int iq = 0, rk;
    lapack_int info =
        j.cplx ? LAPACKE_zgelsd_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n,
                                     (lapack_int)j.mode, (void *)dummy, ld_of(m), (void *)dummy,
                                     (lapack_int)ldb, dummy, j.rcond, &rk, (void *)wq, -1, &rq,
                                     &iq)
               : LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n,
                                     (lapack_int)j.mode, dummy, ld_of(m), dummy, (lapack_int)ldb,
                                     dummy, j.rcond, &rk, wq, -1, &iq);
    if (info != 0)
      return numc__err(NUMC_EINTERNAL, "LAPACK gelsd workspace query failed (%d)", (int)info);
    take_query(&j, wq, rq, iq);
  }
  int64_t c = j.cplx ? 2 : 1;
  j.ws = (size_t)((m * n + ldb * j.mode + (int64_t)j.lwork) * c + k + 1 + j.lrwork) *
             sizeof(double) +
         (size_t)(j.liwork + 1) * sizeof(lapack_int) + 64;
  numc_dtype rr = numc_dtype_real(rdt);
  la_out o[4] = {{cdt, rdt, b1 ? 1 : 2, {n, nrhs}, NULL},
                 {NUMC_FLOAT64, rr, 1, {nrhs, 0}, NULL},
                 {NUMC_INT32, NUMC_INT32, 0, {0, 0}, NULL},
                 {NUMC_FLOAT64, rr, 1, {k, 0}, NULL}};
  const numc_array *in[2] = {a, b};
  int core[2] = {2, b1 ? 1 : 2};
  NUMC__TRY(la_execute(&j, 2, in, core, 4, o, "gelsd",
                       "SVD did not converge in Linear Least Squares", NULL));
  /* residuals only when the solution is unique and overdetermined */
  int rc = NUMC_OK;
  if (!(*(int32_t *)numc__array_ptr(o[2].arr) == n && m > n)) {
    int64_t zero = 0;
    numc_release(o[1].arr);
    o[1].arr = NULL;
    rc = numc_empty(&o[1].arr, NUMC_FLOAT64, 1, &zero);
  }
  if (rc < 0) {
    for (int i = 0; i < 4; i++) numc_release(o[i].arr);
    return rc;
  }
  numc_array **dst[4] = {x, residuals, rank, s};
  return la_finish(4, o, dst);
}
