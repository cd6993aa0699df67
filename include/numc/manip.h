/*
 * numc/manip.h - advanced indexing (integer and boolean arrays), take/put,
 * and array manipulation: concat, stack, unstack, moveaxis, repeat, roll,
 * tile, diff, tril/triu, broadcast_arrays, meshgrid.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * Semantics are NumPy's (np.ndarray.__getitem__/__setitem__, np.take,
 * np.concatenate, ...). Every argument error is raised at the call, with
 * NumPy's message. Index arrays are read at the call (a pending index array
 * is evaluated then), so an out-of-bounds index fails there and no
 * operation ever reads or writes outside an array.
 *
 * Results that NumPy returns as copies are new C-contiguous arrays computed
 * lazily: gathers, concatenations and rolls are recorded as barrier
 * operations whose inputs are evaluated when the result is needed; tile,
 * diff and tril/triu (and repeat by one count of long rows) are recorded as
 * ordinary fused elementwise work. Results that NumPy returns as views (unstack, moveaxis,
 * broadcast_arrays, basic indexing) are views here too. Writes
 * (numc_index_set, numc_put, numc_put_along_axis) happen at the call, after
 * every pending computation that reads the destination's buffer has run.
 */
#ifndef NUMC_MANIP_H
#define NUMC_MANIP_H

#include "array.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- advanced indexing ---------------------------------------------------- */

/*
 * x[idx[0], ..., idx[n-1]] with NumPy's full indexing rules. Items of kind
 * NUMC_INDEX_INT, _SLICE, _NEWAXIS, _ELLIPSIS are basic; NUMC_INDEX_ARRAY
 * items carry an integer or boolean array in `array` (kept by the caller).
 *   - Without array items the result is the view numc_index_view gives.
 *   - With array items the result is a new array (a gather). Integer arrays
 *     and integer scalars broadcast together (NUMC_EINDEX "shape mismatch:
 *     indexing arrays could not be broadcast together with shapes (2,) (3,) ");
 *     a boolean array of ndim d indexes d axes as its nonzero() positions
 *     (its shape must match them: NUMC_EINDEX "boolean index did not match
 *     indexed array along axis 0; size of axis is 3 but size of
 *     corresponding boolean axis is 4"); a 0-d boolean adds an axis of
 *     length 1 (true) or 0 (false). When the advanced items are next to each
 *     other the broadcast dimensions replace them in place; when a slice,
 *     ellipsis or newaxis separates them, the broadcast dimensions come
 *     first.
 *   - Negative indices count from the end; out of range: NUMC_EINDEX "index 7
 *     is out of bounds for axis 0 with size 5". Arrays of another dtype:
 *     NUMC_EINDEX "arrays used as indices must be of integer (or boolean)
 *     type". uint64 indices are converted to int64 as NumPy does (wrapping).
 * The result is C-contiguous with x's dtype; it is computed lazily from x
 * (which may be pending), while the index arrays are read at the call.
 */
NUMC_API int numc_index_get(numc_array **out, const numc_array *x, int n,
                            const numc_index *idx);

/*
 * x[idx[0], ..., idx[n-1]] = value with NumPy's setitem rules: `value` is
 * cast to x's dtype (unsafe casting; a weak Python int out of range for an
 * integer x: NUMC_EOVERFLOW) and broadcast to the shape of the indexed
 * result (extra leading axes of value are dropped when they hold no more
 * than the trailing ones: length-1 axes, or any axes of an empty value, as
 * NumPy reshapes the value; otherwise NUMC_EVALUE
 * "shape mismatch: value array of shape (3,) could not be broadcast to
 * indexing result of shape (2,)"). With repeated indices the last value
 * written wins. x must be writable (NUMC_EREADONLY). Every pending
 * computation that reads x's buffer runs first and sees the old values;
 * value may overlap x (it is read before anything is written).
 */
NUMC_API int numc_index_set(numc_array *x, int n, const numc_index *idx,
                            const numc_array *value);

/*
 * np.take(x, indices, axis): elements of x at `indices` along `axis`
 * (NUMC_AXIS_NONE: of the flattened x). The result shape is
 * x.shape[:axis] + indices.shape + x.shape[axis+1:]. indices: integer or
 * bool dtype (bool counts as 0/1); float or complex: NUMC_ECAST. Mode
 * 'raise': out of range is NUMC_EINDEX; indices into an empty axis:
 * NUMC_EINDEX "cannot do a non-empty take from an empty axes." (only when
 * the result is not empty). As NumPy, when an axis before `axis` is empty
 * no index is read, so none is checked: the result is an empty array.
 */
NUMC_API int numc_take(numc_array **out, const numc_array *x,
                       const numc_array *indices, int axis);

/*
 * np.take_along_axis(x, indices, axis): indices (an integer array with
 * x's ndim) select along `axis`; the other axes broadcast between x and
 * indices. NUMC_AXIS_NONE: x is flattened and indices must be 1-d.
 * Errors: NUMC_EVALUE (ndim mismatch), NUMC_EINDEX (not an integer array,
 * out of range, shapes that do not broadcast).
 */
NUMC_API int numc_take_along_axis(numc_array **out, const numc_array *x,
                                  const numc_array *indices, int axis);

/*
 * np.put(x, indices, values) with mode='raise': for each i,
 * x.flat[indices.flat[i]] = values.flat[i % values.size] (values repeat
 * when shorter, extra values are ignored; none at all: nothing happens).
 * Works for any layout of x. indices must cast safely to int64
 * (NUMC_ECAST otherwise); out of range: NUMC_EINDEX; x empty with indices:
 * NUMC_EINDEX "cannot replace elements of an empty array". Write ordering
 * as numc_index_set.
 */
NUMC_API int numc_put(numc_array *x, const numc_array *indices,
                      const numc_array *values);

/*
 * np.put_along_axis(x, indices, values, axis): the assignment counterpart of
 * numc_take_along_axis; values broadcast to the shape of the selection.
 * NUMC_AXIS_NONE: x is treated as flattened (also when it is not
 * contiguous; NumPy refuses that case) and indices must be 1-d.
 */
NUMC_API int numc_put_along_axis(numc_array *x, const numc_array *indices,
                                 const numc_array *values, int axis);

/* ---- joining and splitting --------------------------------------------------- */

/*
 * np.concatenate(arrays, axis): n >= 1 arrays with equal ndim and equal
 * extents except along `axis` (negative from the end); NUMC_AXIS_NONE joins
 * the flattened arrays. The dtype is the promotion of the inputs' dtypes
 * (weak 0-d arrays count as their dtype). Errors, with NumPy's messages:
 * n == 0 or 0-d inputs (NUMC_EVALUE), ndim or extent mismatch
 * (NUMC_EVALUE), bad axis (NUMC_EAXIS).
 */
NUMC_API int numc_concat(numc_array **out, int n,
                         const numc_array *const *arrays, int axis);

/* np.stack(arrays, axis): joins n >= 1 arrays of one shape along a new axis
 * `axis` of the result (negative from the end). Different shapes:
 * NUMC_EVALUE "all input arrays must have the same shape". */
NUMC_API int numc_stack(numc_array **out, int n,
                        const numc_array *const *arrays, int axis);

/* np.unstack(x, axis): out receives x.shape[axis] views x[..., i, ...]
 * (out must have room for that many handles; each is released by the
 * caller). 0-d x: NUMC_EVALUE. On failure no handle is handed out. */
NUMC_API int numc_unstack(numc_array **out, const numc_array *x, int axis);

/* np.moveaxis(x, source, destination): a view with the n axes source[i]
 * moved to positions destination[i], the other axes keeping their order.
 * Errors: NUMC_EAXIS, repeated axes NUMC_EVALUE. */
NUMC_API int numc_moveaxis(numc_array **out, const numc_array *x, int n,
                           const int *source, const int *destination);

/*
 * np.broadcast_arrays: out[i] is a view of arrays[i] broadcast to the
 * common shape; read-only unless it already had that shape (then a plain
 * view, as NumPy returns the input itself). Incompatible: NUMC_ESHAPE
 * "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch
 * is between arg 0 with shape (2, 3) and arg 1 with shape (2,).".
 */
NUMC_API int numc_broadcast_arrays(numc_array **out, int n,
                                   const numc_array *const *arrays);

/* Index order of numc_meshgrid (NumPy's indexing='xy' / 'ij'). */
typedef enum numc_meshgrid_indexing {
  NUMC_MESHGRID_XY = 0, /* Cartesian: the first two output axes swapped */
  NUMC_MESHGRID_IJ = 1  /* matrix indexing */
} numc_meshgrid_indexing;

/*
 * np.meshgrid(*arrays, indexing, copy): out[i] holds arrays[i] (flattened)
 * spread along output axis i (with 'xy' and n >= 2, axes 0 and 1 of the
 * output are swapped). copy != 0: new C-contiguous arrays (lazy copies);
 * copy == 0: read-only broadcast views (NumPy returns views that warn when
 * written). n == 0 is valid and returns nothing.
 */
NUMC_API int numc_meshgrid(numc_array **out, int n,
                           const numc_array *const *arrays,
                           numc_meshgrid_indexing indexing, int copy);

/* ---- rearranging --------------------------------------------------------------- */

/*
 * np.repeat(x, repeats, axis): each element along `axis` (NUMC_AXIS_NONE:
 * of the flattened x) repeated repeats[i] times. repeats is a 0-d or 1-d
 * array of a real dtype (floats truncate, as NumPy), broadcast to the axis
 * length (NUMC_EVALUE "operands could not be broadcast together with shape
 * (3,) (2,)"); negative counts: NUMC_EVALUE. numc_repeat_n takes one count.
 */
NUMC_API int numc_repeat(numc_array **out, const numc_array *x,
                         const numc_array *repeats, int axis);
NUMC_API int numc_repeat_n(numc_array **out, const numc_array *x,
                           int64_t repeats, int axis);

/*
 * np.roll(x, shifts, axes): elements shifted by shifts[i] along axes[i]
 * (elements leaving one end come back at the other). nshift shifts and
 * naxes axes broadcast against each other (one of them may have length 1;
 * otherwise NUMC_ESHAPE); an axis named twice gets the sum of its shifts.
 * naxes < 0 (e.g. NUMC_AXIS_NONE; axes ignored): roll the flattened array
 * by the sum of the shifts and restore x's shape. Always a new array.
 */
NUMC_API int numc_roll(numc_array **out, const numc_array *x, int nshift,
                       const int64_t *shifts, int naxes, const int *axes);

/* np.tile(x, reps): x repeated reps[i] times along each axis (reps shorter
 * than x.ndim is padded with leading 1s, longer promotes x with leading
 * length-1 axes). Negative reps: NUMC_EVALUE. Always a new array. */
NUMC_API int numc_tile(numc_array **out, const numc_array *x, int nreps,
                       const int64_t *reps);

/*
 * np.diff(x, n, axis, prepend, append): the n-th discrete difference along
 * `axis` (bool arrays use !=, others subtraction, with x's dtype and
 * integer wraparound). prepend/append (NULL: none) are joined to x along
 * the axis first; a 0-d one is broadcast to x's shape with length 1 along
 * the axis. n == 0 returns a view of x (whatever the other arguments, as
 * NumPy); n < 0: NUMC_EVALUE; 0-d x: NUMC_EVALUE.
 */
NUMC_API int numc_diff(numc_array **out, const numc_array *x, int n, int axis,
                       const numc_array *prepend, const numc_array *append);

/*
 * np.tril / np.triu: copies of x with the elements above (tril) or below
 * (triu) diagonal k of the last two axes set to zero (k > 0: above the main
 * diagonal). Stacks of matrices are handled per matrix; a 1-d x is treated
 * as NumPy does (the result is n x n). 0-d: NUMC_EVALUE.
 */
NUMC_API int numc_tril(numc_array **out, const numc_array *x, int64_t k);
NUMC_API int numc_triu(numc_array **out, const numc_array *x, int64_t k);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_MANIP_H */
