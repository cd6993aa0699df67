/*
 * numc/array.h - array handles: creation, attributes, views, data access.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * An array handle (numc_array *) describes a view: dtype, shape, strides in
 * bytes (any sign, 0 for broadcast dimensions), and a byte offset into a
 * refcounted buffer. Operations are lazy: a handle may refer to a buffer that
 * a pending computation will fill. Attributes (dtype, shape, strides, flags)
 * are always known; the data is produced on observation (numc_array_data,
 * numc_item_get, numc_eval, ...). Laziness is never observable except as
 * speed: values, dtypes, errors and aliasing are those of eager NumPy.
 *
 * Ownership: every function that returns a handle through its first argument
 * gives the caller one reference; release it exactly once with
 * numc_release(). Handles are independent: releasing a view never
 * invalidates the array it was taken from, or the reverse. A handle may be
 * used from any thread; numc serialises graph updates internally.
 */
#ifndef NUMC_ARRAY_H
#define NUMC_ARRAY_H

#include "dtype.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct numc_array numc_array;

/* Releases one reference to a handle. NULL is a no-op. Memory that no handle
 * and no pending computation needs any more is freed at once. */
NUMC_API void numc_release(numc_array *a);

/* Returns one more reference to the same handle (released with numc_release).
 * Never fails. */
NUMC_API numc_array *numc_retain(numc_array *a);

/* ---- creation --------------------------------------------------------- */
/*
 * Shapes are given as (ndim, shape); ndim in [0, NUMC_MAXDIMS], every extent
 * >= 0 (NUMC_ESHAPE otherwise, also when the total byte size overflows).
 * dtype must be a valid dtype (NUMC_ETYPE otherwise) unless documented
 * otherwise. New arrays are C-contiguous, 64-byte aligned and writable.
 */

/* Uninitialised array. */
NUMC_API int numc_empty(numc_array **out, numc_dtype dtype, int ndim,
                        const int64_t *shape);
/* Array of zeros. */
NUMC_API int numc_zeros(numc_array **out, numc_dtype dtype, int ndim,
                        const int64_t *shape);
/* Array of ones. */
NUMC_API int numc_ones(numc_array **out, numc_dtype dtype, int ndim,
                       const int64_t *shape);
/* Array filled with `value` cast to dtype (NUMC_DTYPE_DEFAULT: the dtype
 * of the value, weak scalars giving the default dtype of their kind).
 * A weak int out of range for an integer dtype: NUMC_EOVERFLOW. */
NUMC_API int numc_full(numc_array **out, numc_dtype dtype, int ndim,
                       const int64_t *shape, const numc_scalar *value);

/* The *_like constructors take shape from `like` and dtype from `like`
 * unless dtype != NUMC_DTYPE_DEFAULT. */
NUMC_API int numc_empty_like(numc_array **out, const numc_array *like,
                             numc_dtype dtype);
NUMC_API int numc_zeros_like(numc_array **out, const numc_array *like,
                             numc_dtype dtype);
NUMC_API int numc_ones_like(numc_array **out, const numc_array *like,
                            numc_dtype dtype);
NUMC_API int numc_full_like(numc_array **out, const numc_array *like,
                            numc_dtype dtype, const numc_scalar *value);

/*
 * np.arange(start, stop, step, dtype): values start + i*step for
 * i in [0, ceil((stop - start) / step)). With dtype NUMC_DTYPE_DEFAULT the
 * dtype is the result type of the three scalars. Integer dtypes compute in
 * exact integer arithmetic. step == 0: NUMC_EVALUE. Non-finite bounds:
 * NUMC_EVALUE.
 */
NUMC_API int numc_arange(numc_array **out, numc_dtype dtype,
                         const numc_scalar *start, const numc_scalar *stop,
                         const numc_scalar *step);

/*
 * np.linspace(start, stop, num, endpoint, dtype): num evenly spaced values.
 * num < 0: NUMC_EVALUE. dtype NUMC_DTYPE_DEFAULT: float64 (complex128 when
 * a bound is complex). Integer dtypes take the floor of the float values.
 */
NUMC_API int numc_linspace(numc_array **out, numc_dtype dtype,
                           const numc_scalar *start, const numc_scalar *stop,
                           int64_t num, int endpoint);

/* n x m array with ones on diagonal k (k > 0 above the main diagonal;
 * any int64 k, one outside the matrix gives zeros). m < 0 means m = n. */
NUMC_API int numc_eye(numc_array **out, numc_dtype dtype, int64_t n,
                      int64_t m, int64_t k);

/* A 0-d array holding `value`. A weak scalar gives a weak 0-d array: in
 * operations it promotes like a Python scalar (NEP 50). */
NUMC_API int numc_from_scalar(numc_array **out, const numc_scalar *value);

/*
 * Copies `data` (ndim/shape elements of dtype, laid out with byte `strides`;
 * strides NULL means C-contiguous) into a new C-contiguous array.
 */
NUMC_API int numc_from_copy(numc_array **out, numc_dtype dtype, int ndim,
                            const int64_t *shape, const int64_t *strides,
                            const void *data);

/* Called once when numc no longer needs wrapped external memory. */
typedef void (*numc_release_fn)(void *ctx);

/* Flags of numc_from_data. */
#define NUMC_DATA_READONLY 0x1u /* numc must never write through `data` */

/*
 * Wraps external memory without copying (zero-copy interop). `data` points at
 * element [0,...,0]; strides are in bytes (NULL: C-contiguous) and may be
 * negative or zero. On success numc owns one "use" of the memory and calls
 * `release(ctx)` exactly once when the last user goes away (release may be
 * NULL). On failure nothing is taken: release is not called and the caller
 * keeps ownership. Because the owner may write through its pointer at any
 * time, operations reading writable wrapped memory run eagerly (DESIGN.md
 * invariant 3); NUMC_DATA_READONLY memory is read lazily and never written.
 */
NUMC_API int numc_from_data(numc_array **out, numc_dtype dtype, int ndim,
                            const int64_t *shape, const int64_t *strides,
                            void *data, unsigned flags, numc_release_fn release,
                            void *ctx);

/* ---- attributes (never force evaluation, never fail) ------------------- */

NUMC_API numc_dtype numc_array_dtype(const numc_array *a);
NUMC_API int numc_array_ndim(const numc_array *a);
/* Pointer to ndim extents, valid while the handle lives. */
NUMC_API const int64_t *numc_array_shape(const numc_array *a);
/* Pointer to ndim byte strides, valid while the handle lives. For pending
 * arrays these are the strides the result will have. */
NUMC_API const int64_t *numc_array_strides(const numc_array *a);
NUMC_API int64_t numc_array_size(const numc_array *a);
NUMC_API size_t numc_array_itemsize(const numc_array *a);
/* Size in bytes of the elements (size * itemsize). */
NUMC_API int64_t numc_array_nbytes(const numc_array *a);

#define NUMC_C_CONTIGUOUS 0x1u
#define NUMC_F_CONTIGUOUS 0x2u
#define NUMC_WRITEABLE 0x4u
#define NUMC_OWNDATA 0x8u /* the handle is the one its buffer was made for */
#define NUMC_WEAK 0x10u   /* 0-d array standing for a Python scalar */
#define NUMC_PENDING 0x20u /* data not computed yet */
#define NUMC_ALIGNED 0x40u

/* Bit set of the flags above. */
NUMC_API unsigned numc_array_flags(const numc_array *a);

/* Clears the WRITEABLE flag of this handle (views taken from it afterwards
 * inherit it). Setting it back is only allowed if the buffer is writable:
 * NUMC_EREADONLY otherwise. */
NUMC_API int numc_array_set_writeable(numc_array *a, int writeable);

/* 1 if a and b view the same buffer and their byte extents overlap (the
 * cheap bound of np.may_share_memory); 0 otherwise. */
NUMC_API int numc_may_share_memory(const numc_array *a, const numc_array *b);

/* 1 if a and b view the same buffer (regardless of overlap). */
NUMC_API int numc_same_buffer(const numc_array *a, const numc_array *b);

/* ---- data access (observation points) ---------------------------------- */

#define NUMC_ACCESS_READ 0x1u
#define NUMC_ACCESS_WRITE 0x2u

/*
 * Evaluates `a` if pending and returns a pointer to its element [0,...,0]
 * (strides as numc_array_strides). With NUMC_ACCESS_WRITE the handle must be
 * writable (NUMC_EREADONLY otherwise); pending computations that read the
 * buffer are forced first, and the buffer is marked externally writable:
 * from then on operations reading it run eagerly, since the caller may write
 * through the pointer at any time. The pointer is valid while `a` lives.
 * For an empty array the pointer is non-NULL but must not be dereferenced.
 */
NUMC_API int numc_array_data(void **out, const numc_array *a, unsigned access);

/* Reads one element. `index` has ndim entries, negative values count from
 * the end; out of range: NUMC_EINDEX. The result is a typed scalar. */
NUMC_API int numc_item_get(numc_scalar *out, const numc_array *a,
                           const int64_t *index);

/* Writes one element (value cast unsafely, a weak int range-checked as
 * NumPy's setitem: NUMC_EOVERFLOW). Orders the write after every pending
 * read of the buffer. */
NUMC_API int numc_item_set(numc_array *a, const int64_t *index,
                           const numc_scalar *value);

/* ---- views (share the buffer, never copy) ------------------------------ */

/* One entry of a basic index, as in NumPy's x[...]. */
typedef enum numc_index_kind {
  NUMC_INDEX_INT = 0,     /* a single position, negative from the end */
  NUMC_INDEX_SLICE = 1,   /* start:stop:step with optional bounds */
  NUMC_INDEX_NEWAXIS = 2, /* None */
  NUMC_INDEX_ELLIPSIS = 3, /* ... (at most one) */
  NUMC_INDEX_ARRAY = 4     /* integer or boolean array (numc_index_get only) */
} numc_index_kind;

typedef struct numc_index {
  numc_index_kind kind;
  int has_start, has_stop; /* 0: bound omitted (x[:3], x[2:]) */
  int64_t start, stop, step; /* step 0 is NUMC_EVALUE; step ignored for INT */
  const numc_array *array;   /* NUMC_INDEX_ARRAY: the index array (borrowed) */
} numc_index;

/* Basic indexing view a[idx[0], ..., idx[n-1]]. Integer index out of range:
 * NUMC_EINDEX; too many indices: NUMC_EINDEX; two ellipses: NUMC_EINDEX.
 * NUMC_INDEX_ARRAY items: NUMC_EINVAL (use numc_index_get, numc/manip.h). */
NUMC_API int numc_index_view(numc_array **out, const numc_array *a, int n,
                             const numc_index *idx);

/* A new handle on the same view (same shape, strides, data). */
NUMC_API int numc_view(numc_array **out, const numc_array *a);

/*
 * The bytes of `a` reinterpreted as dtype `dt` (NumPy's a.view(dt)); `a`
 * is evaluated first. Same item size: same shape and strides. Otherwise
 * the last axis must be contiguous (or of length 1) and its byte length a
 * multiple of the new item size; it is rescaled (float64 (3,) as int32:
 * (6,)). A 0-d array keeps its item size. Other dtypes are read as bool
 * only when every byte is 0 or 1 (numc's bools must be). Errors: NUMC_EVALUE
 * (those rules; a misaligned result), NUMC_EINVAL (bad dtype).
 * Writability is kept.
 */
NUMC_API int numc_view_dtype(numc_array **out, const numc_array *a, numc_dtype dt);

/* Permutes axes: result axis i is a's axis axes[i] (negative counts from the
 * end); axes NULL reverses them. Not a permutation: NUMC_EAXIS/NUMC_EVALUE. */
NUMC_API int numc_permute_dims(numc_array **out, const numc_array *a,
                               const int *axes);

/* Swaps the last two axes (Array API matrix_transpose); ndim < 2: NUMC_ESHAPE. */
NUMC_API int numc_matrix_transpose(numc_array **out, const numc_array *a);

/* Swaps axes a1 and a2. */
NUMC_API int numc_swapaxes(numc_array **out, const numc_array *a, int a1,
                           int a2);

/* Copy semantics of functions with a `copy=` argument (Array API). */
typedef enum numc_copy_mode {
  NUMC_COPY_IF_NEEDED = 0, /* copy=None */
  NUMC_COPY_ALWAYS = 1,    /* copy=True */
  NUMC_COPY_NEVER = 2      /* copy=False: NUMC_EVALUE if a copy is needed */
} numc_copy_mode;

/*
 * Reshape in C order. At most one extent may be -1 (inferred). The result is
 * a view when the strides allow it; otherwise a copy (or NUMC_EVALUE under
 * NUMC_COPY_NEVER). Size mismatch: NUMC_ESHAPE.
 */
NUMC_API int numc_reshape(numc_array **out, const numc_array *a, int ndim,
                          const int64_t *shape, numc_copy_mode copy);

/* Read-only broadcast view of `a` with the given shape (NumPy rules;
 * incompatible: NUMC_ESHAPE). */
NUMC_API int numc_broadcast_to(numc_array **out, const numc_array *a, int ndim,
                               const int64_t *shape);

/* Broadcast shape of n shapes into out_shape[NUMC_MAXDIMS] / *out_ndim.
 * Incompatible: NUMC_ESHAPE with NumPy's message. */
NUMC_API int numc_broadcast_shapes(int *out_ndim, int64_t *out_shape, int n,
                                   const int *ndims,
                                   const int64_t *const *shapes);

/* Inserts length-1 axes at the positions `axes` (naxes entries, positions in
 * the result, negative from the end; duplicates: NUMC_EVALUE). */
NUMC_API int numc_expand_dims(numc_array **out, const numc_array *a, int naxes,
                              const int *axes);

/* Removes the given length-1 axes (naxes < 0: all length-1 axes). An axis of
 * length != 1: NUMC_EVALUE. */
NUMC_API int numc_squeeze(numc_array **out, const numc_array *a, int naxes,
                          const int *axes);

/* Views with the order of the given axes reversed (naxes < 0: all). */
NUMC_API int numc_flip(numc_array **out, const numc_array *a, int naxes,
                       const int *axes);

/* View of the real / imaginary part. For real arrays real() is a view of a
 * itself and imag() a new zero array (read-only view semantics as NumPy). */
NUMC_API int numc_real_view(numc_array **out, const numc_array *a);
NUMC_API int numc_imag_view(numc_array **out, const numc_array *a);

/* ---- copies and writes ------------------------------------------------- */

/* Memory order of a new array (NumPy's order=): 'C', 'F', 'A' (F if a is
 * F-contiguous and not C-contiguous, else C) or 'K' (follow a's layout). */
typedef enum numc_order {
  NUMC_ORDER_C = 'C',
  NUMC_ORDER_F = 'F',
  NUMC_ORDER_A = 'A',
  NUMC_ORDER_K = 'K'
} numc_order;

/* A new array with a copy of a's values (lazy; the copy is taken in program
 * order, so later writes to a do not show in it). */
NUMC_API int numc_copy(numc_array **out, const numc_array *a, numc_order order);

/*
 * Converts to dtype. Casting rule as np.astype (unsafe by default; pass
 * NUMC_CASTING_UNSAFE). copy NUMC_COPY_IF_NEEDED returns a view when dtype
 * already matches; NUMC_COPY_NEVER with a dtype change is NUMC_EVALUE.
 * A cast the rule forbids: NUMC_ECAST.
 */
NUMC_API int numc_astype(numc_array **out, const numc_array *a, numc_dtype dtype,
                         numc_casting casting, numc_copy_mode copy);

/*
 * dst[...] = src: writes src (broadcast to dst's shape, cast under `casting`)
 * into the view dst. dst must be writable (NUMC_EREADONLY). Pending reads of
 * dst's buffer are completed first, so every earlier lazy result keeps the
 * old values. Overlap between src and dst is handled as NumPy (as if src
 * were copied first).
 */
NUMC_API int numc_assign(numc_array *dst, const numc_array *src,
                         numc_casting casting);

/* dst[...] = value (unsafe cast; weak ints range-checked). */
NUMC_API int numc_fill(numc_array *dst, const numc_scalar *value);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_ARRAY_H */
