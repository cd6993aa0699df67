/*
 * numc/linalg.h - matrix products, einsum and the linear algebra extension.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * Three kinds of functions live here:
 *
 *   Products (matmul, tensordot, einsum, multi_dot, matrix_power) are lazy:
 *   they record a barrier node whose inputs are materialized when it runs;
 *   elementwise work after them fuses as usual. float32/64 and complex64/128
 *   run on OpenBLAS (GEMM/GEMV/DOT), passing transposed and strided operands
 *   as transposes and leading dimensions; only an operand with neither unit
 *   row nor unit column stride is copied. Small float products use a
 *   register-tiled kernel instead of BLAS. Bool and integer products use
 *   exact blocked kernels (integers wrap around as in NumPy; bool is
 *   or-of-and). Parallelism comes from numc's pool (stack entries, or
 *   blocks of a large product); BLAS runs single-threaded inside.
 *
 *   Compositions of elementwise ops and reductions (vecdot, outer, trace,
 *   diagonal (a view), vector_norm, matrix_norm 'fro'/1/inf, cross) are
 *   lazy and fuse with their neighbours.
 *
 *   Decompositions and solvers (cholesky, det, slogdet, eig, eigh, inv,
 *   solve, svd, qr, lstsq, pinv, matrix_rank, cond, and the 2/-2/'nuc'
 *   norms) run at the call, so value-dependent errors (a singular matrix)
 *   surface there. They run LAPACK in double precision as NumPy does
 *   (float32/complex64 inputs are computed in float64/complex128 and the
 *   results cast back; integer and bool inputs give float64), batched over
 *   the leading dimensions of (..., M, N) stacks: many small matrices are
 *   spread over numc's thread pool with OpenBLAS single-threaded, a few large
 *   ones use OpenBLAS with numc_get_num_threads() threads, whose workers are
 *   stopped after the call (they would otherwise spin for ~0.1 s, competing
 *   with numc's pool). numc sets OpenBLAS's thread count around each call
 *   and restores it afterwards, so the two never oversubscribe the cores.
 *
 * Errors follow NumPy: a stack operand with ndim < 2 or non-square where a
 * square matrix is needed is NUMC_ELINALG ("1-dimensional array given. Array
 * must be at least two-dimensional", "Last 2 dimensions of the array must be
 * square"); a LAPACK failure is NUMC_ELINALG with NumPy's message ("Singular
 * matrix", "Matrix is not positive definite", "SVD did not converge",
 * "Eigenvalues did not converge"); when any matrix of a stack fails the
 * whole call fails. Shape mismatches are NUMC_ESHAPE with NumPy's gufunc
 * messages. NaN and inf inputs never crash: results are NaN or the call
 * fails exactly where NumPy 2.4 raises LinAlgError.
 *
 * Results are new arrays owned by the caller (one numc_release each); on
 * failure no output argument is written.
 */
#ifndef NUMC_LINALG_H
#define NUMC_LINALG_H

#include "array.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- products ------------------------------------------------------------ */

/*
 * np.matmul(a, b): (..., n, k) @ (..., k, m) -> (..., n, m), stack dimensions
 * broadcast. A 1-D a is promoted to (1, k) and a 1-D b to (k, 1), and the
 * added dimension is removed from the result (1-D @ 1-D gives a 0-d array).
 * The result dtype is np.promote_types(a, b) (bool @ bool is bool).
 * Errors: NUMC_ESHAPE for 0-d operands ("matmul: Input operand 0 does not
 * have enough dimensions ..."), a core dimension mismatch ("matmul: Input
 * operand 1 has a mismatch in its core dimension 0, with gufunc signature
 * (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)") or stack dimensions
 * that do not broadcast; NUMC_EVALUE when a BLAS dtype has a dimension
 * beyond 2^31 - 1.
 */
NUMC_API int numc_matmul(numc_array **out, const numc_array *a,
                         const numc_array *b);

/*
 * np.tensordot(a, b, axes=n): sums over the last n axes of a and the first n
 * axes of b (n = 0 gives the outer product). Result shape: a's free axes
 * then b's. n < 0 or larger than either ndim: NUMC_EVALUE; mismatched sizes:
 * NUMC_ESHAPE ("shape-mismatch for sum").
 */
NUMC_API int numc_tensordot(numc_array **out, const numc_array *a,
                            const numc_array *b, int n);

/* np.tensordot(a, b, axes=(axes_a, axes_b)) with naxes pairs of axes
 * (negative from the end). Repeated axes: NUMC_EVALUE. */
NUMC_API int numc_tensordot_axes(numc_array **out, const numc_array *a,
                                 const numc_array *b, int naxes,
                                 const int *axes_a, const int *axes_b);

/*
 * Array API vecdot(a, b, axis): sum(conj(a) * b) along `axis` (negative
 * from the end), other dimensions broadcast; the axis itself must have equal
 * sizes in both (NUMC_ESHAPE with NumPy's gufunc message otherwise). Dtype:
 * promote_types(a, b); integers accumulate in that dtype (wrapping), bool is
 * or-of-and. Lazy: multiply and sum run as one fused kernel.
 */
NUMC_API int numc_vecdot(numc_array **out, const numc_array *a,
                         const numc_array *b, int axis);

/*
 * Array API outer(a, b) of two 1-D arrays: out[i, j] = a[i] * b[j], a lazy
 * broadcast multiply (np.outer flattens first: reshape to 1-D before
 * calling). Other ndims: NUMC_EVALUE.
 */
NUMC_API int numc_outer(numc_array **out, const numc_array *a,
                        const numc_array *b);

/*
 * np.diagonal(x, offset, axis1, axis2): a read-only view whose last axis
 * runs along the diagonal (offset > 0 above the main diagonal); the other
 * axes keep their order. ndim < 2: NUMC_EVALUE; axis1 == axis2: NUMC_EVALUE;
 * bad axis: NUMC_EAXIS. An offset beyond the matrix gives length 0.
 * The Array API's linalg.diagonal(x, offset) is axis1 = -2, axis2 = -1.
 */
NUMC_API int numc_diagonal(numc_array **out, const numc_array *x,
                           int64_t offset, int axis1, int axis2);

/*
 * np.trace(x, offset, axis1, axis2, dtype): the sum of the diagonal (as
 * numc_diagonal) in `dtype` (NUMC_DTYPE_DEFAULT: as numc_sum: bool and
 * signed integers give int64, unsigned uint64). Lazy. linalg.trace is
 * axis1 = -2, axis2 = -1.
 */
NUMC_API int numc_trace(numc_array **out, const numc_array *x, int64_t offset,
                        int axis1, int axis2, numc_dtype dtype);

/*
 * np.einsum(subscripts, *operands) over n operands: explicit ("ij,jk->ik")
 * and implicit ("ij,jk") output, repeated indices within an operand
 * (diagonals, taken as views), "..." broadcasting, and letters a-z, A-Z.
 * Indices not in the output are summed. Operands are contracted pairwise
 * (for three or more, greedily choosing the pair whose result is smallest,
 * as np.einsum_path's greedy strategy), each pair dispatched to matmul
 * through views (permute, reshape) so float and complex contractions run on
 * GEMM. Dtype: the promoted dtype of the operands; integer sums wrap, bool
 * is or-of-and. Errors: NUMC_EVALUE for a malformed subscript string with
 * NumPy's messages, NUMC_ESHAPE for mismatched dimensions.
 */
NUMC_API int numc_einsum(numc_array **out, const char *subscripts, int n,
                         const numc_array *const *operands);

/*
 * np.linalg.multi_dot(arrays): the product of n >= 2 arrays with the
 * multiplication order that minimises scalar multiplications (the matrix
 * chain algorithm). The first array may be 1-D (a row vector) and the last
 * 1-D (a column vector); all others must be 2-D (NUMC_ELINALG otherwise).
 */
NUMC_API int numc_multi_dot(numc_array **out, int n,
                            const numc_array *const *arrays);

/*
 * np.linalg.matrix_power(x, n) for square stacks (..., M, M): n = 0 gives
 * identity matrices of x's dtype, n < 0 inverts first (float64 for integer
 * input), n > 0 multiplies by repeated squaring in x's dtype (integers wrap).
 */
NUMC_API int numc_matrix_power(numc_array **out, const numc_array *x,
                               int64_t n);

/*
 * Array API linalg.cross(a, b, axis): cross product of 3-element vectors
 * along `axis` of each (other dimensions broadcast). Size along the axis
 * not 3: NUMC_EVALUE. Dtype: promote_types(a, b); bool: NUMC_EDTYPE.
 */
NUMC_API int numc_cross(numc_array **out, const numc_array *a,
                        const numc_array *b, int axis);

/* ---- norms --------------------------------------------------------------- */

/* Matrix norm orders (np.linalg.norm's `ord` for two axes). */
typedef enum numc_norm_ord {
  NUMC_NORM_FRO = 0,  /* 'fro': sqrt of the sum of |x|^2 */
  NUMC_NORM_NUC,      /* 'nuc': sum of singular values */
  NUMC_NORM_1,        /* max column sum of |x| */
  NUMC_NORM_NEG1,     /* min column sum of |x| */
  NUMC_NORM_2,        /* largest singular value */
  NUMC_NORM_NEG2,     /* smallest singular value */
  NUMC_NORM_INF,      /* max row sum of |x| */
  NUMC_NORM_NEG_INF   /* min row sum of |x| */
} numc_norm_ord;

/*
 * Array API vector_norm(x, axis, keepdims, ord): over the naxes axes (naxes
 * < 0: all), ord any double: INFINITY (max |x|), -INFINITY (min |x|), 0
 * (count of non-zeros), 1, 2 (sqrt of sum |x|^2, no scaling, as NumPy),
 * other p (sum |x|^p)^(1/p). Lazy. Result dtype: the real dtype of x
 * (float64 for integer and bool input). min over an empty axis:
 * NUMC_EVALUE, as NumPy.
 */
NUMC_API int numc_vector_norm(numc_array **out, const numc_array *x,
                              int naxes, const int *axes, int keepdims,
                              double ord);

/*
 * Array API matrix_norm(x, keepdims, ord) over the last two axes of a
 * (..., M, N) stack. FRO, 1, -1, INF, -INF are lazy; 2, -2 and NUC compute
 * singular values at the call. ndim < 2: NUMC_EAXIS (as NumPy).
 */
NUMC_API int numc_matrix_norm(numc_array **out, const numc_array *x,
                              numc_norm_ord ord, int keepdims);

/*
 * np.linalg.cond(x, p): the condition number of each matrix of the stack.
 * NUMC_NORM_2 is NumPy's p=None. 2/-2 use singular values (any M x N);
 * the others norm(x) * norm(inv(x)) of square matrices, where a singular
 * matrix gives inf (NaN inputs give NaN). Empty matrices: NUMC_ELINALG.
 * Dtype: the real dtype of the input (float64 for integers).
 */
NUMC_API int numc_cond(numc_array **out, const numc_array *x, numc_norm_ord p);

/* ---- decompositions and solvers (run at the call) -------------------------- */

/*
 * Cholesky factor of Hermitian positive-definite stacks (..., M, M): the
 * lower L with x = L L^H (upper = 0, reading x's lower triangle), or the
 * upper U with x = U^H U (upper != 0, reading the upper triangle). The other
 * triangle of the result is zero. Not positive definite: NUMC_ELINALG
 * "Matrix is not positive definite".
 */
NUMC_API int numc_cholesky(numc_array **out, const numc_array *x, int upper);

/* Determinant of each matrix of a square stack (..., M, M) -> (...). As
 * NumPy, computed as sign * exp(logabsdet) from an LU factorisation; a
 * singular matrix gives 0 (no error); 0 x 0 matrices give 1. */
NUMC_API int numc_det(numc_array **out, const numc_array *x);

/* Sign (unit complex number for complex input; 0 when singular) and natural
 * log of |det| (-inf when singular) of each matrix of a square stack. */
NUMC_API int numc_slogdet(numc_array **sign, numc_array **logabsdet,
                          const numc_array *x);

/*
 * Eigenvalues w (..., M) and right eigenvectors v (..., M, M) (columns,
 * normalised to unit length) of general square matrices, as NumPy 2: for
 * real input the results are real if every eigenvalue of the whole stack is
 * real, complex otherwise; complex input gives complex results. NaN or inf
 * input: NUMC_ELINALG "Array must not contain infs or NaNs".
 */
NUMC_API int numc_eig(numc_array **w, numc_array **v, const numc_array *x);
/* Eigenvalues only (same dtype rule as numc_eig). */
NUMC_API int numc_eigvals(numc_array **w, const numc_array *x);

/*
 * Eigenvalues (ascending, real dtype) and orthonormal eigenvectors (columns)
 * of Hermitian/symmetric matrices, reading the triangle uplo: 'L' or 'U'
 * (anything else: NUMC_EVALUE "UPLO argument must be 'L' or 'U'").
 */
NUMC_API int numc_eigh(numc_array **w, numc_array **v, const numc_array *x,
                       char uplo);
NUMC_API int numc_eigvalsh(numc_array **w, const numc_array *x, char uplo);

/* Inverse of each matrix of a square stack; singular: NUMC_ELINALG
 * "Singular matrix". */
NUMC_API int numc_inv(numc_array **out, const numc_array *x);

/*
 * Solves a x = b for square stacks a (..., M, M). As NumPy 2, b is a stack of
 * vectors only when b is 1-D (shape (M,), result (..., M)); otherwise b is
 * (..., M, K) and the result (..., M, K), with the stack dimensions of a and
 * b broadcast. Singular a: NUMC_ELINALG "Singular matrix".
 */
NUMC_API int numc_solve(numc_array **out, const numc_array *a,
                        const numc_array *b);

/*
 * Singular value decomposition x = u @ (s[..., None] * vh) of (..., M, N)
 * stacks, K = min(M, N): u (..., M, M) and vh (..., N, N) with
 * full_matrices, else (..., M, K) and (..., K, N); s (..., K) descending,
 * real dtype. u and vh may be NULL (then only s is computed, as svdvals).
 * NaN input or no convergence: NUMC_ELINALG "SVD did not converge"; inf
 * input (no NaN) gives NaN results, as NumPy (whose LAPACK can also fail to
 * return on such input; numc does not call it).
 */
NUMC_API int numc_svd(numc_array **u, numc_array **s, numc_array **vh,
                      const numc_array *x, int full_matrices);
NUMC_API int numc_svdvals(numc_array **s, const numc_array *x);

/* QR modes (np.linalg.qr's mode=). */
typedef enum numc_qr_mode {
  NUMC_QR_REDUCED = 0, /* q (..., M, K), r (..., K, N) */
  NUMC_QR_COMPLETE,    /* q (..., M, M), r (..., M, N) */
  NUMC_QR_R,           /* r (..., K, N) only; q is not written */
  NUMC_QR_RAW          /* q receives h (..., N, M), r receives tau (..., K) */
} numc_qr_mode;

/* QR factorisation of (..., M, N) stacks, K = min(M, N). q may be NULL
 * with NUMC_QR_R. */
NUMC_API int numc_qr(numc_array **q, numc_array **r, const numc_array *x,
                     numc_qr_mode mode);

/*
 * np.linalg.lstsq(a, b, rcond) for a 2-D a (M, N) and b (M,) or (M, K):
 * x (N,) or (N, K), residuals (K,) or (1,) (empty unless rank == N < M),
 * rank (0-d int32) and the singular values s (min(M, N),). rcond < 0 means
 * NumPy's default eps * max(M, N). Errors: not 2-D: NUMC_ELINALG;
 * M mismatch: NUMC_ELINALG "Incompatible dimensions"; NaN/inf or no
 * convergence: NUMC_ELINALG "SVD did not converge in Linear Least Squares".
 * Any output pointer may be NULL (that result is dropped).
 */
NUMC_API int numc_lstsq(numc_array **x, numc_array **residuals,
                        numc_array **rank, numc_array **s,
                        const numc_array *a, const numc_array *b,
                        double rcond);

/*
 * Moore-Penrose pseudo-inverse of (..., M, N) stacks -> (..., N, M), from
 * the SVD: singular values <= rtol * max(s) are dropped. rtol < 0 means the
 * Array API default max(M, N) * eps (NumPy's own default is rtol = 1e-15).
 */
NUMC_API int numc_pinv(numc_array **out, const numc_array *x, double rtol);

/*
 * Rank of each matrix of a (..., M, N) stack (int64): the number of singular
 * values > tol, where tol is `tol` if >= 0, else rtol * max(s) with rtol if
 * >= 0, else max(M, N) * eps * max(s). Both tol and rtol >= 0: NUMC_EVALUE.
 * ndim < 2: 1 unless all elements are 0 (NumPy).
 */
NUMC_API int numc_matrix_rank(numc_array **out, const numc_array *x,
                              double tol, double rtol);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_LINALG_H */
