/*
 * ops/matmul.c - numc_matmul: NumPy's matmul on BLAS and exact kernels.
 *
 * numc_matmul validates shapes at the call (NumPy's gufunc messages), casts
 * the operands lazily to the promoted dtype and records one EXTERN node: a
 * fusion barrier whose inputs are materialized when it runs and whose
 * C-contiguous result fuses with whatever consumes it.
 *
 * When it runs, the operands are described as a plan: per-matrix sizes
 * (m, k, n), 2-D strides and broadcast stack strides. For float32/64 and
 * complex64/128 each matrix product goes to cblas: GEMM, GEMV when one side
 * is a vector, DOT for vector @ vector. An operand is handed to BLAS as it
 * lies in memory: unit column stride -> NoTrans with lda = row stride, unit
 * row stride -> Trans with lda = column stride; only an operand with neither
 * (or whose strides are not positive multiples of the item size) is packed
 * into a contiguous scratch copy (counted by numc__matmul_copy_count). A
 * stack whose right operand is broadcast and whose left operand's rows run
 * on through the stack collapses into a single tall GEMM. Small float
 * products (m * n * k <= 48^3) skip BLAS for a register-tiled kernel that
 * reads the operands in place (cpu/loops_matmul.c): BLAS's packing costs
 * more than the product there.
 *
 * Threads: a stack of products is spread over numc's pool entry by entry
 * with BLAS single-threaded, and a few large products are cut into row (or
 * column) blocks, one single-threaded GEMM per block. A lone product of at
 * least 512^3 multiply-adds instead runs on OpenBLAS's own threads: they
 * share packed panels, where blocks would each pack all of b (2000^2: 20%
 * faster when another library's BLAS threads spin beside ours). Those
 * workers are shut down before numc's pool next runs (numc__blas_settle),
 * so they never keep spinning (OPENBLAS_THREAD_TIMEOUT) against the numc
 * kernels that follow. Bool and integer
 * products use the exact blocked kernels of cpu/loops_matmul.c, split the
 * same way.
 */
#include "linalg_internal.h"

#include "../cpu/loops.h"
#include "../cpu/matmul_kernels.h"
#include "../cpu/pool.h"

#include <cblas.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>

/* ---- OpenBLAS threads ------------------------------------------------------ */

int numc__blas_threads_push(int n) {
  int prev = openblas_get_num_threads();
  if (n < 1) n = 1;
  if (prev != n) openblas_set_num_threads(n);
  return prev;
}

void numc__blas_threads_pop(int prev) {
  if (openblas_get_num_threads() != prev) openblas_set_num_threads(prev);
}


static _Atomic int64_t copies;

int64_t numc__matmul_copy_count(void) { return atomic_load(&copies); }

/* ---- the plan of one matmul -------------------------------------------------- */

/* Products (m * n * k) up to which one product is never split into blocks
 * over the pool: the fork/join would cost more than it saves. */
#define MM_SMALL_WORK ((int64_t)1 << 18)
/* Work from which a lone product runs on OpenBLAS's threads (512^3:
 * ~10 ms on two cores, against ~0.1 ms to start and stop its workers). */
#define MM_BLAS_THREADED_WORK ((int64_t)1 << 27)

/* How BLAS sees one operand. */
typedef struct mm_view {
  bool copy;  /* pack into scratch first */
  bool trans; /* matrix: stored transposed (unit row stride) */
  int ld;     /* matrix: leading dimension; vector: increment */
} mm_view;

typedef struct mm_plan {
  numc_dtype dt;
  int64_t isz;
  int64_t m, n, k;
  const char *a0, *b0;
  char *c0;
  int64_t ars, acs, brs, bcs, crs, ccs; /* bytes */
  int nbd;                              /* stack dims after coalescing */
  int64_t bshape[NUMC_MAXDIMS];
  int64_t sa[NUMC_MAXDIMS], sb[NUMC_MAXDIMS], sc[NUMC_MAXDIMS];
  int64_t nbatch;
  mm_view va, vb;
  size_t scratch;           /* bytes of scratch per thread */
  numc__smallgemm_fn small; /* small products without BLAS, or NULL */
} mm_plan;

static bool is_blas_dtype(numc_dtype dt) {
  return dt == NUMC_FLOAT32 || dt == NUMC_FLOAT64 || dt == NUMC_COMPLEX64 ||
         dt == NUMC_COMPLEX128;
}

/* A stride in elements, if it is a positive multiple of the item size that
 * fits a BLAS int; else 0. */
static int64_t unit_count(int64_t stride, int64_t isz) {
  if (stride <= 0 || stride % isz != 0 || stride / isz > INT_MAX) return 0;
  return stride / isz;
}

/* BLAS layout of a rows x cols matrix with byte strides rs, cs. */
static mm_view matrix_view(int64_t rows, int64_t cols, int64_t rs, int64_t cs,
                           int64_t isz) {
  mm_view v = {false, false, 0};
  int64_t r = unit_count(rs, isz), c = unit_count(cs, isz);
  if (rows <= 1) r = cols > 1 ? cols : 1; /* the row stride is never used */
  if (cols <= 1) c = 1;
  if (c == 1 && r >= (cols > 1 ? cols : 1)) {
    v.ld = (int)r;
    return v;
  }
  if (rows <= 1 && c) { /* a single row stored with stride c: a column */
    v.trans = true;
    v.ld = (int)c;
    return v;
  }
  if (r == 1 && c >= (rows > 1 ? rows : 1)) {
    v.trans = true;
    v.ld = (int)c;
    return v;
  }
  if (cols <= 1 && r) { /* a single column stored with stride r */
    v.ld = (int)r;
    return v;
  }
  v.copy = true;
  return v;
}

/* BLAS layout of a vector of n elements with byte stride s. */
static mm_view vector_view(int64_t n, int64_t s, int64_t isz) {
  mm_view v = {false, false, 0};
  int64_t inc = n <= 1 ? 1 : unit_count(s, isz);
  v.copy = inc == 0;
  v.ld = (int)inc;
  return v;
}

/* Drops size-1 stack dims and merges runs that are contiguous in all three
 * operands. */
static void coalesce(mm_plan *p) {
  int nd = 0;
  for (int i = 0; i < p->nbd; i++) {
    if (p->bshape[i] == 1) continue;
    if (nd > 0) {
      int j = nd - 1;
      int64_t e = p->bshape[i];
      if (p->sa[j] == p->sa[i] * e && p->sb[j] == p->sb[i] * e &&
          p->sc[j] == p->sc[i] * e) {
        p->bshape[j] *= e;
        p->sa[j] = p->sa[i], p->sb[j] = p->sb[i], p->sc[j] = p->sc[i];
        continue;
      }
    }
    p->bshape[nd] = p->bshape[i];
    p->sa[nd] = p->sa[i], p->sb[nd] = p->sb[i], p->sc[nd] = p->sc[i];
    nd++;
  }
  p->nbd = nd;
}

/* Stack whose right operand is broadcast and whose left operand's rows run
 * on through the stack (and C, always contiguous, too): one tall product. */
static void collapse_rows(mm_plan *p) {
  if (p->nbd != 1 || p->sb[0] != 0 || p->m < 1) return;
  if (p->sa[0] != p->m * p->ars || p->sc[0] != p->m * p->crs) return;
  if (p->acs != p->isz && p->k != 1) return; /* rows must be NoTrans for BLAS */
  p->m *= p->bshape[0];
  p->nbd = 0;
  p->nbatch = 1;
}

static numc__smallgemm_fn smallgemm_kernel(numc_dtype dt) {
#ifdef NUMC_HAVE_AVX2
  if (strcmp(numc__loops_isa(), "avx2") == 0) return numc__smallgemm_table_avx2[dt];
#endif
  return numc__smallgemm_table_base[dt];
}

static void plan_views(mm_plan *p) {
  int64_t isz = p->isz;
  /* small products: the register-tiled kernel reads a in place and b's
   * rows, no packing, no copies */
  p->small = NULL;
  if (p->k >= 1 && p->m * p->n * p->k <= NUMC__SMALLGEMM_MAX_WORK && p->bcs == isz &&
      p->ccs == isz)
    p->small = smallgemm_kernel(p->dt);
  if (p->small) {
    p->scratch = 0;
    return;
  }
  if (p->m == 1)
    p->va = vector_view(p->k, p->acs, isz);
  else
    p->va = matrix_view(p->m, p->k, p->ars, p->acs, isz);
  if (p->n == 1)
    p->vb = vector_view(p->k, p->brs, isz);
  else
    p->vb = matrix_view(p->k, p->n, p->brs, p->bcs, isz);
  p->scratch = 0;
  if (p->va.copy) p->scratch += (size_t)(p->m * p->k * isz);
  if (p->vb.copy) p->scratch += (size_t)(p->k * p->n * isz);
  if (p->scratch) p->scratch = (p->scratch + 63) / 64 * 64;
}

/* Fills the plan from the node's materialized inputs and output. */
static void plan_init(mm_plan *p, const numc_array *a, const numc_array *b,
                      numc_array *out) {
  memset(p, 0, sizeof *p);
  p->dt = out->dtype;
  p->isz = (int64_t)numc__isz(p->dt);
  bool a1 = a->ndim == 1, b1 = b->ndim == 1;
  p->m = a1 ? 1 : a->shape[a->ndim - 2];
  p->k = a->shape[a->ndim - 1];
  p->n = b1 ? 1 : b->shape[b->ndim - 1];
  p->acs = a->strides[a->ndim - 1];
  p->ars = a1 ? p->k * p->acs : a->strides[a->ndim - 2];
  p->brs = b1 ? b->strides[0] : b->strides[b->ndim - 2];
  p->bcs = b1 ? p->isz : b->strides[b->ndim - 1];
  int ncore = !a1 + !b1;
  p->ccs = b1 ? p->isz : out->strides[out->ndim - 1];
  p->crs = a1 ? p->n * p->isz : out->strides[out->ndim - ncore];
  p->nbd = out->ndim - ncore;
  int nda = a1 ? 0 : a->ndim - 2, ndb = b1 ? 0 : b->ndim - 2;
  p->nbatch = 1;
  for (int i = 0; i < p->nbd; i++) {
    p->bshape[i] = out->shape[i];
    p->nbatch *= out->shape[i];
    int ja = i - (p->nbd - nda), jb = i - (p->nbd - ndb);
    p->sa[i] = (ja < 0 || a->shape[ja] == 1) ? 0 : a->strides[ja];
    p->sb[i] = (jb < 0 || b->shape[jb] == 1) ? 0 : b->strides[jb];
    p->sc[i] = out->strides[i];
  }
  p->a0 = numc__array_ptr(a);
  p->b0 = numc__array_ptr(b);
  p->c0 = numc__array_ptr(out);
  coalesce(p);
  if (is_blas_dtype(p->dt)) collapse_rows(p);
  plan_views(p);
}

/* Pointers of stack entry i. */
static void entry_ptrs(const mm_plan *p, int64_t i, const char **a, const char **b,
                       char **c) {
  int64_t oa = 0, ob = 0, oc = 0;
  for (int d = p->nbd - 1; d >= 0 && i > 0; d--) {
    int64_t e = p->bshape[d], j = i % e;
    i /= e;
    oa += j * p->sa[d], ob += j * p->sb[d], oc += j * p->sc[d];
  }
  *a = p->a0 + oa, *b = p->b0 + ob, *c = p->c0 + oc;
}

/* ---- one BLAS product ------------------------------------------------------- */

/* Packs a rows x cols strided matrix into a contiguous row-major buffer. */
static void pack(char *dst, const char *src, int64_t rows, int64_t cols, int64_t rs,
                 int64_t cs, int64_t isz) {
  for (int64_t i = 0; i < rows; i++)
    for (int64_t j = 0; j < cols; j++)
      memcpy(dst + (i * cols + j) * isz, src + i * rs + j * cs, (size_t)isz);
  atomic_fetch_add_explicit(&copies, 1, memory_order_relaxed);
}

static void blas_dot(numc_dtype dt, int n, const void *x, int incx, const void *y,
                     int incy, void *out) {
  switch (dt) {
  case NUMC_FLOAT32:
    *(float *)out = cblas_sdot(n, x, incx, y, incy);
    break;
  case NUMC_FLOAT64:
    *(double *)out = cblas_ddot(n, x, incx, y, incy);
    break;
  case NUMC_COMPLEX64:
    cblas_cdotu_sub(n, x, incx, y, incy, out);
    break;
  default:
    cblas_zdotu_sub(n, x, incx, y, incy, out);
    break;
  }
}

/* y = op(S) x with S stored row-major rows x cols (ld), op = transpose if
 * trans. */
static void blas_gemv(numc_dtype dt, bool trans, int rows, int cols, const void *s,
                      int ld, const void *x, int incx, void *y, int incy) {
  enum CBLAS_TRANSPOSE t = trans ? CblasTrans : CblasNoTrans;
  static const float f1[2] = {1, 0}, f0[2] = {0, 0};
  static const double d1[2] = {1, 0}, d0[2] = {0, 0};
  switch (dt) {
  case NUMC_FLOAT32:
    cblas_sgemv(CblasRowMajor, t, rows, cols, 1.0f, s, ld, x, incx, 0.0f, y, incy);
    break;
  case NUMC_FLOAT64:
    cblas_dgemv(CblasRowMajor, t, rows, cols, 1.0, s, ld, x, incx, 0.0, y, incy);
    break;
  case NUMC_COMPLEX64:
    cblas_cgemv(CblasRowMajor, t, rows, cols, f1, s, ld, x, incx, f0, y, incy);
    break;
  default:
    cblas_zgemv(CblasRowMajor, t, rows, cols, d1, s, ld, x, incx, d0, y, incy);
    break;
  }
}

static void blas_gemm(numc_dtype dt, bool ta, bool tb, int m, int n, int k,
                      const void *a, int lda, const void *b, int ldb, void *c,
                      int ldc) {
  enum CBLAS_TRANSPOSE tra = ta ? CblasTrans : CblasNoTrans;
  enum CBLAS_TRANSPOSE trb = tb ? CblasTrans : CblasNoTrans;
  static const float f1[2] = {1, 0}, f0[2] = {0, 0};
  static const double d1[2] = {1, 0}, d0[2] = {0, 0};
  switch (dt) {
  case NUMC_FLOAT32:
    cblas_sgemm(CblasRowMajor, tra, trb, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, ldc);
    break;
  case NUMC_FLOAT64:
    cblas_dgemm(CblasRowMajor, tra, trb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);
    break;
  case NUMC_COMPLEX64:
    cblas_cgemm(CblasRowMajor, tra, trb, m, n, k, f1, a, lda, b, ldb, f0, c, ldc);
    break;
  default:
    cblas_zgemm(CblasRowMajor, tra, trb, m, n, k, d1, a, lda, b, ldb, d0, c, ldc);
    break;
  }
}

/* One product c (m x n) = a (m x k) @ b (k x n): a whole stack entry or a
 * block of its rows or columns (a, b, c point at the block; strides and
 * BLAS layouts are the plan's). k >= 1, m, n >= 1. */
static void blas_entry(const mm_plan *p, int64_t m64, int64_t n64, const char *a,
                       const char *b, char *c, char *scratch) {
  int64_t isz = p->isz;
  if (p->small) {
    p->small(m64, n64, p->k, a, p->ars, p->acs, b, p->brs, c, p->crs);
    return;
  }
  int m = (int)m64, n = (int)n64, k = (int)p->k;
  int ldc = (int)(p->crs / isz);
  mm_view va = p->va, vb = p->vb;
  if (va.copy) {
    pack(scratch, a, m64, p->k, p->ars, p->acs, isz);
    a = scratch;
    scratch += m64 * p->k * isz;
    va = (mm_view){false, false, m == 1 ? 1 : k};
  }
  if (vb.copy) {
    pack(scratch, b, p->k, n64, p->brs, p->bcs, isz);
    b = scratch;
    vb = (mm_view){false, false, n == 1 ? 1 : n};
  }
  if (p->m == 1 && p->n == 1) {
    blas_dot(p->dt, k, a, va.ld, b, vb.ld, c);
  } else if (p->m == 1) {
    /* c (n) = B^T a: B stored k x n (NoTrans) or n x k (trans) */
    if (vb.trans)
      blas_gemv(p->dt, false, n, k, b, vb.ld, a, va.ld, c, 1);
    else
      blas_gemv(p->dt, true, k, n, b, vb.ld, a, va.ld, c, 1);
  } else if (p->n == 1) {
    /* c (m) = A b: A stored m x k (NoTrans) or k x m (trans) */
    if (va.trans)
      blas_gemv(p->dt, true, k, m, a, va.ld, b, vb.ld, c, ldc);
    else
      blas_gemv(p->dt, false, m, k, a, va.ld, b, vb.ld, c, ldc);
  } else {
    blas_gemm(p->dt, va.trans, vb.trans, m, n, k, a, va.ld, b, vb.ld, c, ldc);
  }
}

/* ---- running a plan ------------------------------------------------------------ */

/* A unit of work is one block of one stack entry: `size` rows (or columns,
 * when split_cols) of c. Units run over numc's pool with BLAS
 * single-threaded (OpenBLAS's workers would compete with the pool). */
typedef struct mm_job {
  const mm_plan *p;
  numc__imatmul_fn kern; /* NULL: BLAS or the small kernel */
  bool split_cols;
  int64_t size;   /* rows (columns) per block */
  int64_t nblk;   /* blocks per stack entry */
  int64_t nunits, chunk;
  _Atomic int64_t next;
  char *scratch;
  size_t scratch_sz;
} mm_job;

static void run_unit(const mm_job *j, int64_t u, char *scratch) {
  const mm_plan *p = j->p;
  const char *a, *b;
  char *c;
  entry_ptrs(p, u / j->nblk, &a, &b, &c);
  int64_t o = (u % j->nblk) * j->size, m = p->m, n = p->n;
  if (j->split_cols) {
    n = n - o < j->size ? n - o : j->size;
    b += o * p->bcs, c += o * p->ccs;
  } else {
    m = m - o < j->size ? m - o : j->size;
    a += o * p->ars, c += o * p->crs;
  }
  if (j->kern)
    j->kern(m, n, p->k, a, p->ars, p->acs, b, p->brs, p->bcs, c, p->crs, p->ccs, scratch);
  else
    blas_entry(p, m, n, a, b, c, scratch);
}

static void mm_task(void *ctx, int tid) {
  mm_job *j = ctx;
  char *scratch = j->scratch ? j->scratch + (size_t)tid * j->scratch_sz : NULL;
  for (;;) {
    int64_t u0 = atomic_fetch_add_explicit(&j->next, j->chunk, memory_order_relaxed);
    if (u0 >= j->nunits) break;
    int64_t u1 = u0 + j->chunk < j->nunits ? u0 + j->chunk : j->nunits;
    for (int64_t u = u0; u < u1; u++) run_unit(j, u, scratch);
  }
}

static numc__imatmul_fn imatmul_kernel(numc_dtype dt) {
#ifdef NUMC_HAVE_AVX2
  if (strcmp(numc__loops_isa(), "avx2") == 0) return numc__imatmul_table_avx2[dt];
#endif
  return numc__imatmul_table_base[dt];
}

/* Blocks per stack entry: enough units for every thread when the stack is
 * short and the products are big; blocks of at least `min` rows/columns
 * (multiples of `align`) so each keeps BLAS or the kernel efficient. */
static void choose_blocks(mm_job *j, int64_t want, int64_t min, int64_t align) {
  const mm_plan *p = j->p;
  j->split_cols = p->n > p->m;
  int64_t len = j->split_cols ? p->n : p->m;
  j->size = len;
  if (want > 1) {
    int64_t size = (len + want - 1) / want;
    size = (size + align - 1) / align * align;
    j->size = size < min ? min : size;
  }
  if (j->size < 1) j->size = 1;
  j->nblk = (len + j->size - 1) / j->size;
}

/* Runs the plan's units, over the pool when there is more than one. */
static int mm_execute(const mm_plan *p) {
  if (p->m == 0 || p->n == 0 || p->nbatch == 0) return NUMC_OK;
  int nth = numc__pool_size();
  mm_job j;
  memset(&j, 0, sizeof j);
  j.p = p;
  int64_t work = p->m * p->n * p->k;
  if (is_blas_dtype(p->dt)) {
    if (p->k == 0) { /* the output is contiguous: zero it in one go */
      memset(p->c0, 0, (size_t)(p->nbatch * p->m * p->n * p->isz));
      return NUMC_OK;
    }
    j.scratch_sz = p->scratch;
    /* few big products: split them into blocks, one GEMM per block */
    int64_t want = (p->small || work <= MM_SMALL_WORK || p->nbatch >= 2 * nth) ? 1
                   : p->nbatch == 1 ? nth
                                    : (2 * nth + p->nbatch - 1) / p->nbatch;
    /* one big product: OpenBLAS's own threads, which share the packed
     * panels (row blocks over the pool would each pack all of b), then
     * shut down so they do not spin against the numc kernels that follow */
    if (p->nbatch == 1 && !p->small && work >= MM_BLAS_THREADED_WORK) {
      j.scratch = j.scratch_sz ? numc__aligned_alloc(j.scratch_sz, false) : NULL;
      if (j.scratch_sz && !j.scratch) return numc__oom();
      int prev = numc__blas_threads_push(nth);
      blas_entry(p, p->m, p->n, p->a0, p->b0, p->c0, j.scratch);
      numc__blas_threads_pop(prev);
      if (nth > 1) numc__blas_mark_hot();
      numc__aligned_free(j.scratch);
      return NUMC_OK;
    }
    choose_blocks(&j, want, 32, 8);
  } else {
    j.kern = imatmul_kernel(p->dt);
    if (!j.kern)
      return numc__err(NUMC_EINTERNAL, "no matmul kernel for %s", numc_dtype_name(p->dt));
    j.scratch_sz = NUMC__IMATMUL_WS_BYTES;
    int64_t want = p->nbatch >= 4 * nth ? 1 : (4 * nth + p->nbatch - 1) / p->nbatch;
    choose_blocks(&j, want, 16, NUMC__IMATMUL_MR);
  }
  j.nunits = p->nbatch * j.nblk;
  bool par = nth > 1 && j.nunits > 1;
  int nthreads = par ? (nth < j.nunits ? nth : (int)j.nunits) : 1;
  j.chunk = j.nunits / ((int64_t)nthreads * 8);
  if (j.chunk < 1) j.chunk = 1;
  if (j.scratch_sz) {
    j.scratch = numc__aligned_alloc(j.scratch_sz * (size_t)nthreads, false);
    if (!j.scratch) return numc__oom();
  }
  int prev = j.kern ? 0 : numc__blas_threads_push(1);
  if (par)
    numc__pool_run(nthreads, mm_task, &j);
  else
    mm_task(&j, 0);
  if (!j.kern) numc__blas_threads_pop(prev);
  numc__aligned_free(j.scratch);
  return NUMC_OK;
}

static int run_matmul(const numc__node *nd, const numc_array *const *in,
                      numc_array *out) {
  (void)nd;
  mm_plan p;
  plan_init(&p, in[0], in[1], out);
  return mm_execute(&p);
}

/* ---- the entry point ----------------------------------------------------------- */

#define MM_SIG "(n?,k),(k,m?)->(n?,m?)"

/* NumPy's gufunc message for stack dimensions that do not broadcast. */
static int batch_error(const numc_array *a, const numc_array *b, int64_t n, int64_t m,
                       bool a1, bool b1) {
  char buf[2][512];
  const numc_array *ops[2] = {a, b};
  for (int o = 0; o < 2; o++) {
    const numc_array *x = ops[o];
    size_t u = 0, cap = sizeof buf[o];
    u += (size_t)snprintf(buf[o] + u, cap - u, "(");
    for (int i = 0; i < x->ndim && u < cap; i++)
      u += (size_t)snprintf(buf[o] + u, cap - u, "%s%lld", i ? "," : "",
                            (long long)x->shape[i]);
    if (u < cap) u += (size_t)snprintf(buf[o] + u, cap - u, x->ndim == 1 ? ",)->(" : ")->(");
    for (int i = 0; i < x->ndim && u < cap; i++) {
      bool core = i >= x->ndim - (x->ndim == 1 ? 1 : 2);
      if (core)
        u += (size_t)snprintf(buf[o] + u, cap - u, "%snewaxis", i ? "," : "");
      else
        u += (size_t)snprintf(buf[o] + u, cap - u, "%s%lld", i ? "," : "",
                              (long long)x->shape[i]);
    }
    if (u < cap) snprintf(buf[o] + u, cap - u, ")");
  }
  char req[64];
  if (!a1 && !b1)
    snprintf(req, sizeof req, "(%lld,%lld)", (long long)n, (long long)m);
  else
    snprintf(req, sizeof req, "(%lld,)", (long long)(a1 ? m : n));
  return numc__err(NUMC_ESHAPE,
                   "operands could not be broadcast together with remapped shapes "
                   "[original->remapped]: %s %s  and requested shape %s",
                   buf[0], buf[1], req);
}

int numc_matmul(numc_array **out, const numc_array *a, const numc_array *b) {
  if (!out || !a || !b) return numc__err(NUMC_EINVAL, "matmul: NULL argument");
  for (int o = 0; o < 2; o++) {
    const numc_array *x = o ? b : a;
    if (x->ndim == 0)
      return numc__err(NUMC_ESHAPE,
                       "matmul: Input operand %d does not have enough dimensions "
                       "(has 0, gufunc core with signature " MM_SIG " requires 1)",
                       o);
  }
  bool a1 = a->ndim == 1, b1 = b->ndim == 1;
  int64_t ka = a->shape[a->ndim - 1], kb = b1 ? b->shape[0] : b->shape[b->ndim - 2];
  int64_t n = a1 ? 1 : a->shape[a->ndim - 2], m = b1 ? 1 : b->shape[b->ndim - 1];
  if (ka != kb)
    return numc__err(NUMC_ESHAPE,
                     "matmul: Input operand 1 has a mismatch in its core dimension 0, "
                     "with gufunc signature " MM_SIG " (size %lld is different from %lld)",
                     (long long)kb, (long long)ka);
  int nd[2] = {a1 ? 0 : a->ndim - 2, b1 ? 0 : b->ndim - 2};
  const int64_t *shp[2] = {a->shape, b->shape};
  int bnd;
  int64_t shape[NUMC_MAXDIMS + 2];
  if (numc__broadcast(&bnd, shape, 2, nd, shp) < 0) return batch_error(a, b, n, m, a1, b1);
  int ond = bnd;
  if (!a1) shape[ond++] = n;
  if (!b1) shape[ond++] = m;
  if (ond > NUMC_MAXDIMS)
    return numc__err(NUMC_ESHAPE, "matmul: result has too many dimensions");
  numc_dtype dt;
  NUMC__TRY(numc_promote_types(&dt, a->dtype, b->dtype));
  if (is_blas_dtype(dt) && (n > INT_MAX || m > INT_MAX || ka > INT_MAX))
    return numc__err(NUMC_EVALUE, "matmul: dimension too large for BLAS (%lld, %lld, %lld)",
                     (long long)n, (long long)ka, (long long)m);
  NUMC__TRY(numc__check_shape(ond, shape, dt));
  numc_array *ca = NULL, *cb = NULL;
  int rc = numc__as_dtype(&ca, a, dt);
  if (rc == NUMC_OK) rc = numc__as_dtype(&cb, b, dt);
  if (rc == NUMC_OK) {
    const numc_array *in[2] = {ca, cb};
    numc__node_desc d;
    memset(&d, 0, sizeof d);
    d.kind = NUMC__NK_EXTERN;
    d.dtype = d.ldtype = dt;
    d.ndim = ond;
    d.shape = shape;
    d.nin = 2;
    d.in = in;
    d.out_ndim = ond;
    d.out_shape = shape;
    d.run = run_matmul;
    d.name = "matmul";
    d.layout = 'C';
    numc__lock();
    rc = numc__record(out, &d);
    numc__unlock();
  }
  numc_release(ca);
  numc_release(cb);
  return rc;
}
