/*
 * numc/sort.h - sorting, searching and set operations.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * Order. Every dtype sorts, in NumPy's order: bool false < true, integers
 * and floats by value with -0.0 equal to +0.0 and every NaN after +inf;
 * complex numbers lexicographically by (real, imag), those with a NaN part
 * last in NumPy's groups R+Rj < R+nanj < nan+Rj < nan+nanj.
 *
 * Descending. NumPy 2.4's np.sort has no `descending`; numc follows the
 * Array API (and its reference implementation): a descending sort is the
 * ascending order reversed, except that equal elements (including -0.0 and
 * +0.0, and NaNs among themselves) keep their input order. NaNs therefore
 * come first in a descending sort.
 *
 * Stability. numc's sorts are always stable (a stable radix sort), so the
 * `stable` flag is accepted for the Array API signature and changes nothing;
 * the result does not depend on the thread count.
 *
 * Laziness. sort, argsort, searchsorted and isin have output shapes known at
 * the call: they validate their arguments and record a pending barrier
 * (their inputs are computed first when the result is observed).
 * nonzero, argwhere, flatnonzero and the unique_* functions have output
 * shapes that depend on the values: they compute their input at the call and
 * return computed arrays.
 *
 * Ownership: every handle returned gives the caller one reference, released
 * with one numc_release(). Functions with several results write each through
 * its own pointer argument; on failure none of them is touched.
 */
#ifndef NUMC_SORT_H
#define NUMC_SORT_H

#include "ops.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Sorted copy of x along `axis` (negative counts from the end;
 * NUMC_AXIS_NONE sorts the flattened array, as NumPy's axis=None). Same
 * dtype and shape as x (1-D for NUMC_AXIS_NONE). descending: see above;
 * stable: ignored (always stable). Errors: NUMC_EINVAL for NULL arguments,
 * NUMC_EAXIS ("axis 2 is out of bounds for array of dimension 2"), also for
 * a 0-d x with an axis, as NumPy.
 */
NUMC_API int numc_sort(numc_array **out, const numc_array *x, int axis,
                       int descending, int stable);

/*
 * Indices (int64) that sort x along `axis`, as numc_sort orders it; ties keep
 * ascending index order in both directions. NUMC_AXIS_NONE: indices into the
 * flattened array. A 0-d x is treated as shape (1,) (NumPy returns [0]).
 * Errors as numc_sort.
 */
NUMC_API int numc_argsort(numc_array **out, const numc_array *x, int axis,
                          int descending, int stable);

/*
 * np.searchsorted(x1, x2, side, sorter): for each element of x2, the index
 * at which it would be inserted into the sorted 1-D x1 to keep it sorted:
 * before equal elements (side_right 0: "left") or after them (side_right 1:
 * "right"). int64 result of x2's shape. The comparison happens in
 * numc_promote_types(x1, x2) (a weak x2 counts as its own dtype, as NumPy's
 * searchsorted does: searching 300 in a uint8 array works), in sort order
 * (NaN last, -0.0 == +0.0). `sorter` (may be NULL) is a 1-D integer array of
 * x1's length such that x1[sorter] is sorted (an argsort result).
 * Errors: NUMC_EVALUE "object too deep for desired array" (x1 not 1-D; 0-d:
 * "object of too small depth"), sorter: NUMC_ETYPE "sorter must only contain
 * integers" (not an integer dtype), NUMC_ETYPE "could not parse sorter
 * argument" (not 1-D), NUMC_EVALUE for uint64 (not castable to intp),
 * "sorter.size must equal a.size", "Sorter index out of range." (checked on
 * every element at the call; NumPy only notices the ones its search visits).
 * The sorter's values are computed at the call for that check.
 */
NUMC_API int numc_searchsorted(numc_array **out, const numc_array *x1,
                               const numc_array *x2, int side_right,
                               const numc_array *sorter);

/*
 * Indices of the non-zero elements (np.nonzero): `out` is an array of
 * numc_array_ndim(x) slots provided by the caller; slot d receives the
 * int64 1-D array of the d-th coordinates, in C order. Each slot is released
 * separately. A 0-d x: NUMC_EVALUE ("Calling nonzero on 0d arrays is not
 * allowed", as NumPy 2). Computes x at the call.
 */
NUMC_API int numc_nonzero(numc_array **out, const numc_array *x);

/* Indices of the non-zero elements of the flattened x (np.flatnonzero):
 * int64, 1-D. A 0-d x counts as one element. */
NUMC_API int numc_flatnonzero(numc_array **out, const numc_array *x);

/* Coordinates of the non-zero elements as an int64 (N, ndim) array
 * (np.argwhere); a 0-d x gives (1, 0) or (0, 0). */
NUMC_API int numc_argwhere(numc_array **out, const numc_array *x);

/*
 * Array API set functions on the flattened x, with NumPy 2.4's values:
 * unique values sorted ascending (NumPy 2.4's unique_values may return them
 * in hash order; the Array API leaves the order unspecified), each NaN
 * distinct (equal_nan=False), -0.0 equal to +0.0; each unique value is its
 * first occurrence in x (so a zero is -0.0 if x's first zero is -0.0).
 *   values   x's dtype, 1-D
 *   indices  int64: index in the flattened x of each value's first occurrence
 *   inverse  int64, x's shape: position in `values` of each element of x
 *   counts   int64: occurrences of each value
 * All compute x at the call. Results are written only on success.
 */
NUMC_API int numc_unique_values(numc_array **values, const numc_array *x);
NUMC_API int numc_unique_counts(numc_array **values, numc_array **counts,
                                const numc_array *x);
NUMC_API int numc_unique_inverse(numc_array **values, numc_array **inverse,
                                 const numc_array *x);
NUMC_API int numc_unique_all(numc_array **values, numc_array **indices,
                             numc_array **inverse, numc_array **counts,
                             const numc_array *x);

/*
 * np.isin(x1, x2, invert): bool array of x1's shape, true where the element
 * equals some element of x2 (false with `invert`). Equality as ==: NaN is in
 * nothing, -0.0 == +0.0; values compare in numc_promote_types(x1, x2),
 * except that two integer dtypes whose promotion is float64 (int64 and
 * uint64) compare exactly.
 */
NUMC_API int numc_isin(numc_array **out, const numc_array *x1,
                       const numc_array *x2, int invert);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_SORT_H */
