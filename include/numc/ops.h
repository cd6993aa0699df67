/*
 * numc/ops.h - elementwise functions, reductions, scans, where/clip.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * Every operation validates its arguments at the call (shape mismatch, bad
 * axis, unsupported dtype fail here, with a message) and then records a
 * pending computation; values are produced when observed. Operands broadcast
 * as in NumPy. Result dtypes follow NumPy 2's type resolution, with weak
 * (Python-scalar) 0-d operands promoting per NEP 50. Integer arithmetic wraps
 * around; integer division and remainder by zero give 0 (as NumPy, without a
 * crash); floating results follow IEEE 754 (NaN/inf propagate).
 *
 * Deviation from NumPy: numc has no float16. Where NumPy returns float16
 * (float functions of bool/int8/uint8 inputs) numc returns float32.
 */
#ifndef NUMC_OPS_H
#define NUMC_OPS_H

#include "array.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Unary elementwise functions: X(ENUM, name, description).
 * Float functions (exp, sin, ...) of integer/bool input compute in the
 * smallest float type that holds the input (float32 up to 16-bit ints,
 * float64 above). Transcendentals come from SLEEF vector math with a bound
 * of 1 ULP (float64/float32), complex ones from the C library, with
 * NumPy's branch cuts.
 */
#define NUMC_UNARY_MAP(X)                                                      \
  X(ABS, abs, "|x|; complex -> real magnitude")                                \
  X(ACOS, acos, "inverse cosine")                                              \
  X(ACOSH, acosh, "inverse hyperbolic cosine")                                 \
  X(ASIN, asin, "inverse sine")                                                \
  X(ASINH, asinh, "inverse hyperbolic sine")                                   \
  X(ATAN, atan, "inverse tangent")                                             \
  X(ATANH, atanh, "inverse hyperbolic tangent")                                \
  X(BITWISE_INVERT, bitwise_invert, "~x for bool and integers")                \
  X(CEIL, ceil, "smallest integer >= x (integers unchanged)")                  \
  X(CONJ, conj, "complex conjugate (real input unchanged)")                    \
  X(COS, cos, "cosine")                                                        \
  X(COSH, cosh, "hyperbolic cosine")                                           \
  X(EXP, exp, "e**x")                                                          \
  X(EXPM1, expm1, "e**x - 1, accurate near 0")                                 \
  X(FLOOR, floor, "largest integer <= x (integers unchanged)")                 \
  X(IMAG, imag, "imaginary part (complex only)")                               \
  X(ISFINITE, isfinite, "not inf and not NaN -> bool")                         \
  X(ISINF, isinf, "+-inf -> bool")                                             \
  X(ISNAN, isnan, "NaN -> bool")                                               \
  X(LOG, log, "natural logarithm")                                             \
  X(LOG1P, log1p, "log(1 + x), accurate near 0")                               \
  X(LOG2, log2, "base-2 logarithm")                                            \
  X(LOG10, log10, "base-10 logarithm")                                         \
  X(LOGICAL_NOT, logical_not, "not x -> bool")                                 \
  X(NEGATIVE, negative, "-x (not for bool)")                                   \
  X(POSITIVE, positive, "+x (not for bool)")                                   \
  X(REAL, real, "real part (real input unchanged)")                            \
  X(RECIPROCAL, reciprocal, "1/x (integers: C integer division)")              \
  X(ROUND, round, "round half to even (integers unchanged)")                   \
  X(SIGN, sign, "-1, 0 or 1 (complex: x/|x|, NaN for NaN)")                    \
  X(SIGNBIT, signbit, "sign bit set -> bool (real floats)")                    \
  X(SIN, sin, "sine")                                                          \
  X(SINH, sinh, "hyperbolic sine")                                             \
  X(SQRT, sqrt, "square root (correctly rounded)")                             \
  X(SQUARE, square, "x*x")                                                     \
  X(TAN, tan, "tangent")                                                       \
  X(TANH, tanh, "hyperbolic tangent")                                          \
  X(TRUNC, trunc, "round toward zero (integers unchanged)")                    \
  X(EXP2, exp2, "2**x")                                                        \
  X(CBRT, cbrt, "cube root (real floats)")                                     \
  X(DEG2RAD, deg2rad, "degrees to radians")                                    \
  X(RAD2DEG, rad2deg, "radians to degrees")                                    \
  X(FABS, fabs, "|x| for real input, as a float")                              \
  X(SPACING, spacing, "distance to the next float away from 0 (NaN for inf)") \
  X(BITWISE_COUNT, bitwise_count, "set bits of |x| (integers) -> uint8")     \
  X(FREXP_MANTISSA, frexp_mantissa, "m of frexp: x = m * 2**e, 0.5<=|m|<1")   \
  X(FREXP_EXPONENT, frexp_exponent, "e of frexp -> int32 (0 for inf/NaN)")

/*
 * Binary elementwise functions: X(ENUM, name, description).
 */
#define NUMC_BINARY_MAP(X)                                                     \
  X(ADD, add, "a + b (bool: logical or)")                                      \
  X(SUBTRACT, subtract, "a - b (not for bool)")                                \
  X(MULTIPLY, multiply, "a * b (bool: logical and)")                           \
  X(DIVIDE, divide, "true division; integers give float64")                    \
  X(FLOOR_DIVIDE, floor_divide, "floor(a / b); integer x // 0 is 0")           \
  X(REMAINDER, remainder, "a - floor(a/b)*b, sign of b; integer x % 0 is 0")   \
  X(POW, pow, "a ** b; integer negative powers are an error")                  \
  X(ATAN2, atan2, "angle of (b, a) in radians")                                \
  X(HYPOT, hypot, "sqrt(a*a + b*b) without overflow")                          \
  X(COPYSIGN, copysign, "|a| with the sign of b")                              \
  X(NEXTAFTER, nextafter, "next float after a toward b")                       \
  X(LOGADDEXP, logaddexp, "log(exp(a) + exp(b)) without overflow")             \
  X(LOGADDEXP2, logaddexp2, "log2(2**a + 2**b)")                               \
  X(MAXIMUM, maximum, "larger of a and b; NaN propagates")                     \
  X(MINIMUM, minimum, "smaller of a and b; NaN propagates")                    \
  X(FMAX, fmax, "larger of a and b; NaN ignored when possible")                \
  X(FMIN, fmin, "smaller of a and b; NaN ignored when possible")               \
  X(FMOD, fmod, "C fmod: remainder with the sign of a")                        \
  X(HEAVISIDE, heaviside, "0 if a < 0, b if a == 0, 1 if a > 0")               \
  X(EQUAL, equal, "a == b -> bool")                                            \
  X(NOT_EQUAL, not_equal, "a != b -> bool")                                    \
  X(LESS, less, "a < b -> bool")                                               \
  X(LESS_EQUAL, less_equal, "a <= b -> bool")                                  \
  X(GREATER, greater, "a > b -> bool")                                         \
  X(GREATER_EQUAL, greater_equal, "a >= b -> bool")                            \
  X(LOGICAL_AND, logical_and, "a and b -> bool")                               \
  X(LOGICAL_OR, logical_or, "a or b -> bool")                                  \
  X(LOGICAL_XOR, logical_xor, "a xor b -> bool")                               \
  X(BITWISE_AND, bitwise_and, "a & b for bool and integers")                   \
  X(BITWISE_OR, bitwise_or, "a | b for bool and integers")                     \
  X(BITWISE_XOR, bitwise_xor, "a ^ b for bool and integers")                   \
  X(BITWISE_LEFT_SHIFT, bitwise_left_shift, "a << b; shifts >= width give 0")  \
  X(BITWISE_RIGHT_SHIFT, bitwise_right_shift, "a >> b (arithmetic for signed)") \
  X(GCD, gcd, "greatest common divisor (integers)")                            \
  X(LCM, lcm, "least common multiple (integers)")                              \
  X(LDEXP, ldexp, "a * 2**b; b integer (float inputs: TypeError)")

/* The elementwise operation identifiers: unary ops first, then binary. */
typedef enum numc_op {
#define NUMC__OP_ENUM(E, name, doc) NUMC_OP_##E,
  NUMC_UNARY_MAP(NUMC__OP_ENUM) NUMC_BINARY_MAP(NUMC__OP_ENUM)
#undef NUMC__OP_ENUM
  NUMC_OP__COUNT
} numc_op;

/* Number of unary ops: op < NUMC_OP__NUNARY is unary, the rest binary. */
#define NUMC__OP_COUNT1(E, name, doc) +1
enum { NUMC_OP__NUNARY = 0 NUMC_UNARY_MAP(NUMC__OP_COUNT1) };
#undef NUMC__OP_COUNT1

/* Name of an operation ("add"); "invalid" if unknown. */
NUMC_API const char *numc_op_name(numc_op op);
/* Number of inputs (1 or 2); 0 if unknown. */
NUMC_API int numc_op_nin(numc_op op);
/* Looks an operation up by name; NUMC_EINVAL if unknown. */
NUMC_API int numc_op_from_name(numc_op *out, const char *name);

/*
 * Generic entry points: out = op(x) and out = op(a, b).
 * Errors: NUMC_EDTYPE if the op has no loop for the (promoted) dtype
 * ("ufunc 'bitwise_and' not supported for float64"), NUMC_ESHAPE if shapes
 * do not broadcast, NUMC_EOVERFLOW for an out-of-range weak Python int,
 * NUMC_EVALUE for integer ** negative integer.
 */
NUMC_API int numc_unary(numc_array **out, numc_op op, const numc_array *x);
NUMC_API int numc_binary(numc_array **out, numc_op op, const numc_array *a,
                         const numc_array *b);

/* The dtype numc_unary/numc_binary would give, without recording anything
 * (for a weak operand pass its dtype and set weak_a/weak_b). */
NUMC_API int numc_op_result_dtype(numc_dtype *out, numc_op op, numc_dtype a,
                                  int weak_a, numc_dtype b, int weak_b);

/* Named forms: numc_sin(&out, x), numc_add(&out, a, b), ... */
#define NUMC__DECL_UNARY(E, name, doc)                                         \
  NUMC_API int numc_##name(numc_array **out, const numc_array *x);
#define NUMC__DECL_BINARY(E, name, doc)                                        \
  NUMC_API int numc_##name(numc_array **out, const numc_array *a,              \
                           const numc_array *b);
NUMC_UNARY_MAP(NUMC__DECL_UNARY)
NUMC_BINARY_MAP(NUMC__DECL_BINARY)
#undef NUMC__DECL_UNARY
#undef NUMC__DECL_BINARY

/*
 * ufunc-style call with an explicit output and dtype (np.add(a, b, out=o,
 * dtype=d, casting=c)). nin is 1 or 2. `dtype` NUMC_DTYPE_DEFAULT means
 * normal type resolution; otherwise the loop runs in `dtype` and inputs are
 * cast to it under `casting`. If `dst` is non-NULL the result is written into
 * it (it must be writable and have the broadcast shape; the result is cast to
 * its dtype under `casting`) and *out receives a new handle on dst;
 * otherwise *out is a new array. The write is ordered after pending reads of
 * dst's buffer.
 */
NUMC_API int numc_ufunc(numc_array **out, numc_op op, int nin,
                        const numc_array *const *in, numc_array *dst,
                        numc_dtype dtype, numc_casting casting);

/* where(cond, x, y): x where cond is true, else y; cond is cast to bool,
 * x and y promote as a binary op. */
NUMC_API int numc_where(numc_array **out, const numc_array *cond,
                        const numc_array *x, const numc_array *y);

/* clip(x, lo, hi): min(max(x, lo), hi) elementwise; lo and/or hi may be NULL
 * (no bound). NaN in x propagates. Dtype: result type of the operands. */
NUMC_API int numc_clip(numc_array **out, const numc_array *x,
                       const numc_array *lo, const numc_array *hi);

/* ---- reductions -------------------------------------------------------- */
/*
 * Axes: naxes < 0 (axes ignored) reduces over all axes; otherwise axes lists
 * naxes distinct axes (negative from the end): out of range NUMC_EAXIS,
 * repeated NUMC_EVALUE. keepdims keeps reduced axes with length 1.
 * dtype NUMC_DTYPE_DEFAULT gives the Array API defaults: sum/prod of
 * bool and signed ints accumulate in int64, unsigned ints in uint64, others
 * in their own dtype; mean/var/std of integers in float64.
 * Floating sums are pairwise over fixed-size blocks combined in a fixed
 * tree: the result does not depend on the number of threads.
 * min/max/argmin/argmax of an empty reduction: NUMC_EVALUE; sum of nothing
 * is 0, prod 1, all true, any false; mean of nothing is NaN.
 */
#define NUMC_REDUCE_MAP(X)                                                     \
  X(SUM, sum)                                                                  \
  X(PROD, prod)                                                                \
  X(MIN, min)                                                                  \
  X(MAX, max)                                                                  \
  X(MEAN, mean)                                                                \
  X(VAR, var)                                                                  \
  X(STD, std)                                                                  \
  X(ALL, all)                                                                  \
  X(ANY, any)                                                                  \
  X(COUNT_NONZERO, count_nonzero)                                              \
  X(ARGMIN, argmin)                                                            \
  X(ARGMAX, argmax)

typedef enum numc_reduce_op {
#define NUMC__RED_ENUM(E, name) NUMC_REDUCE_##E,
  NUMC_REDUCE_MAP(NUMC__RED_ENUM) NUMC_REDUCE__END
#undef NUMC__RED_ENUM
} numc_reduce_op;

/*
 * Generic reduction. `correction` is used by var/std (divide by
 * N - correction; N - correction <= 0 gives inf/NaN as NumPy). argmin/argmax
 * accept at most one axis (naxes 0 or 1; naxes < 0 means over the flattened
 * array) and return int64 indices; the first occurrence wins, and NaN wins
 * over numbers.
 */
NUMC_API int numc_reduce(numc_array **out, numc_reduce_op op,
                         const numc_array *x, int naxes, const int *axes,
                         int keepdims, numc_dtype dtype, double correction);

NUMC_API int numc_sum(numc_array **out, const numc_array *x, int naxes,
                      const int *axes, int keepdims, numc_dtype dtype);
NUMC_API int numc_prod(numc_array **out, const numc_array *x, int naxes,
                       const int *axes, int keepdims, numc_dtype dtype);
NUMC_API int numc_min(numc_array **out, const numc_array *x, int naxes,
                      const int *axes, int keepdims);
NUMC_API int numc_max(numc_array **out, const numc_array *x, int naxes,
                      const int *axes, int keepdims);
NUMC_API int numc_mean(numc_array **out, const numc_array *x, int naxes,
                       const int *axes, int keepdims, numc_dtype dtype);
NUMC_API int numc_var(numc_array **out, const numc_array *x, int naxes,
                      const int *axes, int keepdims, double correction,
                      numc_dtype dtype);
NUMC_API int numc_std(numc_array **out, const numc_array *x, int naxes,
                      const int *axes, int keepdims, double correction,
                      numc_dtype dtype);
NUMC_API int numc_all(numc_array **out, const numc_array *x, int naxes,
                      const int *axes, int keepdims);
NUMC_API int numc_any(numc_array **out, const numc_array *x, int naxes,
                      const int *axes, int keepdims);
NUMC_API int numc_count_nonzero(numc_array **out, const numc_array *x,
                                int naxes, const int *axes, int keepdims);
/* axis NUMC_AXIS_NONE: over the flattened array. */
#define NUMC_AXIS_NONE INT32_MIN
NUMC_API int numc_argmin(numc_array **out, const numc_array *x, int axis,
                         int keepdims);
NUMC_API int numc_argmax(numc_array **out, const numc_array *x, int axis,
                         int keepdims);

/*
 * Cumulative sum / product along `axis` (NUMC_AXIS_NONE: over the flattened
 * array). include_initial prepends the identity (length n + 1). dtype as for
 * sum/prod.
 */
NUMC_API int numc_cumulative_sum(numc_array **out, const numc_array *x,
                                 int axis, numc_dtype dtype,
                                 int include_initial);
NUMC_API int numc_cumulative_prod(numc_array **out, const numc_array *x,
                                  int axis, numc_dtype dtype,
                                  int include_initial);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_OPS_H */
