/*
 * ops/linalg_internal.h - what the linear algebra files (matmul.c,
 * linalg.c, lapack.c, einsum.c) share: the OpenBLAS thread-count guard, the
 * matmul copy counter, and small helpers for stacks of matrices.
 */
#ifndef NUMC_OPS_LINALG_INTERNAL_H
#define NUMC_OPS_LINALG_INTERNAL_H

#include "../core/internal.h"

/*
 * OpenBLAS's thread count is process-wide. numc sets it around each BLAS or
 * LAPACK call it makes and restores it after: 1 for every matmul (large
 * products are split into blocks over numc's pool instead) and for LAPACK
 * calls made inside pool tasks; numc_get_num_threads() for one large LAPACK
 * call made from the evaluating thread. push sets the count to n and
 * returns the previous one; pop restores it. Called with the graph lock
 * held (which serialises numc's own calls), never from inside a pool task.
 */
int numc__blas_threads_push(int n);
void numc__blas_threads_pop(int prev);

/* After a call that ran OpenBLAS with several threads, numc__blas_mark_hot
 * (cpu/pool.h): its workers would spin for OPENBLAS_THREAD_TIMEOUT (about
 * 0.1 s) before sleeping; they are kept for the next BLAS/LAPACK call and
 * stopped before numc's pool runs its next kernel. */

/* How many operand copies matmul made since the process started because an
 * operand had neither a unit row nor a unit column stride (or an invalid
 * BLAS layout). For tests that check GEMM sees transposes, not copies. */
int64_t numc__matmul_copy_count(void);

/* Same as numc_astype(out, x, dt, UNSAFE, COPY_IF_NEEDED): a lazy cast, or
 * a new handle on x when it already has dtype dt. */
static inline int numc__as_dtype(numc_array **out, const numc_array *x,
                                 numc_dtype dt) {
  return numc_astype(out, x, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED);
}

/* Releases n handles (NULL entries skipped). */
static inline void numc__release_n(int n, numc_array **a) {
  for (int i = 0; i < n; i++) numc_release(a[i]);
}

/* Validates a stack of matrices as NumPy's _assert_stacked_2d (ndim >= 2)
 * and, when `square`, _assert_stacked_square: NUMC_ELINALG with NumPy's
 * message. */
int numc__la_check_stack(const numc_array *x, bool square);

/* Singular values of a (..., M, N) stack as float64 (computed at the call
 * in double precision, whatever x's dtype), for the functions composed on
 * them (norms, rank, cond). Errors as numc_svdvals. */
int numc__svdvals_f64(numc_array **s, const numc_array *x);

/* Inverse of a square stack in float64/complex128 where a singular matrix
 * gives NaN instead of an error (np.linalg.cond's use of inv). */
int numc__inv_nan(numc_array **out, const numc_array *x);

#endif /* NUMC_OPS_LINALG_INTERNAL_H */
