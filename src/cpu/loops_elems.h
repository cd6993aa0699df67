/*
 * cpu/loops_elems.h - the math of one element: el_<op>_<DTYPE>(x[, y]) for
 * every map op and dtype it supports, shared by the elementwise loops
 * (loops_map.c) and the reductions (loops_reduce.c), so that sum, prod,
 * min and max reduce with exactly the rules of add, multiply, minimum and
 * maximum. Each family (bool, integers, real floats, complex) is one macro
 * template instantiated for each dtype of the family (loops_impl.h lists).
 *
 * Semantics are NumPy 2's (the oracle), see the notes at each family.
 * Integer arithmetic wraps through unsigned types (no undefined behaviour);
 * x / 0, x % 0 and INT_MIN / -1 are defined as NumPy defines them.
 * All functions are static inline: a file uses the ones it needs.
 *
 * Self-contained (no SIMD, no library internals): the kernel compiler
 * (cpu/jit.c) compiles fused kernels from these same functions at run
 * time, so compiled and interpreted kernels agree bit for bit.
 */
#ifndef NUMC_CPU_LOOPS_ELEMS_H
#define NUMC_CPU_LOOPS_ELEMS_H

#include "dtype_traits.h"

#include <complex.h>
#include <math.h>
#include <string.h>

/* ---- shared helpers ------------------------------------------------------ */

/* base**e with wraparound (mod 2**64; callers truncate to their width). */
static inline uint64_t ipow_u64(uint64_t base, uint64_t e) {
  uint64_t r = 1;
  while (e) {
    if (e & 1) r *= base;
    e >>= 1;
    if (e) base *= base;
  }
  return r;
}

static inline uint64_t gcd_u64(uint64_t a, uint64_t b) {
  while (a != 0) {
    uint64_t c = a;
    a = b % a;
    b = c;
  }
  return b;
}

/* lcm(a, b) = a / gcd * b with wraparound (NumPy's npy_lcmu), 0 if both 0. */
static inline uint64_t lcm_u64(uint64_t a, uint64_t b) {
  uint64_t g = gcd_u64(a, b);
  return g == 0 ? 0 : a / g * b;
}

/* Raises the floating-point divide-by-zero flag, as NumPy does for an
 * integer division or remainder by zero (the result itself is defined). */
static inline void int_div0_flag(void) {
  volatile double zero = 0.0;
  volatile double r = 1.0 / zero;
  (void)r;
}

/* Raises the floating-point overflow flag, as NumPy does for the signed
 * minimum // -1 (which wraps to the minimum). */
static inline void int_overflow_flag(void) {
  volatile double big = 1e308;
  volatile double r = big * big;
  (void)r;
}

/* |x| as uint64 (exact for the signed minimum too): UABS_<E>(x). */
#define UABS_SIGNED(E, T, AT)                                                  \
  static inline uint64_t UABS_##E(T x) {                                       \
    return x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;                    \
  }
#define UABS_UNSIGNED(E, T, AT)                                                \
  static inline uint64_t UABS_##E(T x) { return x; }
NUMC__SINT_MAP(UABS_SIGNED)
NUMC__UINT_MAP(UABS_UNSIGNED)

/*
 * Ordered real types (bool, integers, real floats): comparisons and
 * NumPy's maximum/minimum/fmax/fmin.
 *   maximum(a, b) = (a > b || isnan(a)) ? a : b   (NaN propagates; equal
 *   values give b, so maximum(-0.0, 0.0) = 0.0 and maximum(0.0, -0.0) =
 *   -0.0, as NumPy); fmax(a, b) = (a >= b || isnan(b)) ? a : b (NaN
 *   ignored; equal values give a, as C fmax / NumPy's scalar path).
 * real(x) = x, imag(x) = 0.
 */
#define REAL_ELEMS(E, T)                                                       \
  static inline uint8_t el_equal_##E(T a, T b) { return a == b; }              \
  static inline uint8_t el_not_equal_##E(T a, T b) { return a != b; }          \
  static inline uint8_t el_less_##E(T a, T b) { return a < b; }                \
  static inline uint8_t el_less_equal_##E(T a, T b) { return a <= b; }         \
  static inline uint8_t el_greater_##E(T a, T b) { return a > b; }             \
  static inline uint8_t el_greater_equal_##E(T a, T b) { return a >= b; }      \
  static inline T el_maximum_##E(T a, T b) {                                   \
    return (a > b || el_isnan_##E(a)) ? a : b;                                 \
  }                                                                            \
  static inline T el_minimum_##E(T a, T b) {                                   \
    return (a < b || el_isnan_##E(a)) ? a : b;                                 \
  }                                                                            \
  static inline T el_fmax_##E(T a, T b) {                                      \
    return (a >= b || el_isnan_##E(b)) ? a : b;                                \
  }                                                                            \
  static inline T el_fmin_##E(T a, T b) {                                      \
    return (a <= b || el_isnan_##E(b)) ? a : b;                                \
  }                                                                            \
  static inline T el_real_##E(T x) { return x; }                               \
  static inline T el_imag_##E(T x) {                                           \
    (void)x;                                                                   \
    return (T)0;                                                               \
  }

/*
 * Bool and integers: rounding is the identity, values are always finite,
 * bitwise and/or/xor act on the stored bits (0/1 for bool).
 */
#define EXACT_ELEMS(E, T)                                                      \
  static inline uint8_t el_isnan_##E(T x) {                                    \
    (void)x;                                                                   \
    return 0;                                                                  \
  }                                                                            \
  static inline uint8_t el_isinf_##E(T x) {                                    \
    (void)x;                                                                   \
    return 0;                                                                  \
  }                                                                            \
  static inline uint8_t el_isfinite_##E(T x) {                                 \
    (void)x;                                                                   \
    return 1;                                                                  \
  }                                                                            \
  static inline T el_ceil_##E(T x) { return x; }                               \
  static inline T el_floor_##E(T x) { return x; }                              \
  static inline T el_trunc_##E(T x) { return x; }                              \
  static inline T el_round_##E(T x) { return x; }                              \
  static inline T el_bitwise_and_##E(T a, T b) { return (T)(a & b); }          \
  static inline T el_bitwise_or_##E(T a, T b) { return (T)(a | b); }           \
  static inline T el_bitwise_xor_##E(T a, T b) { return (T)(a ^ b); }          \
  REAL_ELEMS(E, T)

/*
 * Bool (stored 0/1; outputs are always exactly 0 or 1): add is or,
 * multiply is and, ~x is not x, abs is the identity. Logical ops run on
 * bool only (the resolver casts their inputs to bool first).
 */
EXACT_ELEMS(BOOL, uint8_t)
static inline uint8_t el_abs_BOOL(uint8_t x) { return x; }
static inline uint8_t el_bitwise_invert_BOOL(uint8_t x) { return x == 0; }
static inline uint8_t el_logical_not_BOOL(uint8_t x) { return x == 0; }
static inline uint8_t el_add_BOOL(uint8_t a, uint8_t b) { return (a | b) != 0; }
static inline uint8_t el_multiply_BOOL(uint8_t a, uint8_t b) {
  return (a != 0) & (b != 0);
}
static inline uint8_t el_logical_and_BOOL(uint8_t a, uint8_t b) {
  return (a != 0) & (b != 0);
}
static inline uint8_t el_logical_or_BOOL(uint8_t a, uint8_t b) {
  return (a | b) != 0;
}
static inline uint8_t el_logical_xor_BOOL(uint8_t a, uint8_t b) {
  return (a != 0) ^ (b != 0);
}

/*
 * Integers (signed and unsigned), AT the unsigned arithmetic type:
 * + - * negative square pow wrap around; reciprocal is NumPy's
 * (T)(1.0 / x) with the x86 conversion of core/convert.h (so 1/0 gives
 * INT_MIN for int32/int64 and 0 otherwise); shifts by >= the width (or a
 * negative count) give 0, or -1 for a right shift of a negative value.
 * pow by a negative exponent is rejected before the loop runs; should one
 * arrive it gives 0.
 */
#define INT_ELEMS(E, T, AT)                                                    \
  EXACT_ELEMS(E, T)                                                            \
  static inline T el_add_##E(T a, T b) { return (T)((AT)a + (AT)b); }          \
  static inline T el_subtract_##E(T a, T b) { return (T)((AT)a - (AT)b); }     \
  static inline T el_multiply_##E(T a, T b) { return (T)((AT)a * (AT)b); }     \
  static inline T el_negative_##E(T x) { return (T)((AT)0 - (AT)x); }          \
  static inline T el_positive_##E(T x) { return x; }                           \
  static inline T el_conj_##E(T x) { return x; }                               \
  static inline T el_square_##E(T x) { return (T)((AT)x * (AT)x); }            \
  static inline T el_bitwise_invert_##E(T x) { return (T)~x; }                 \
  static inline T el_reciprocal_##E(T x) {                                     \
    return numc__to_##E##_f(1.0 / (double)x);                                  \
  }                                                                            \
  static inline T el_bitwise_left_shift_##E(T a, T b) {                        \
    return (uint64_t)b < sizeof(T) * 8 ? (T)((AT)a << b) : (T)0;               \
  }                                                                            \
  static inline T el_gcd_##E(T a, T b) {                                       \
    return (T)gcd_u64(UABS_##E(a), UABS_##E(b));                               \
  }                                                                            \
  static inline T el_lcm_##E(T a, T b) {                                       \
    return (T)lcm_u64(UABS_##E(a), UABS_##E(b));                               \
  }                                                                            \
  static inline uint8_t el_bitwise_count_##E(T x) {                            \
    return (uint8_t)__builtin_popcountll(UABS_##E(x));                         \
  }

/*
 * Signed integers: floor division rounds toward -inf, remainder takes the
 * divisor's sign, fmod the dividend's; x // 0 = x % 0 = fmod(x, 0) = 0 and
 * INT_MIN // -1 = INT_MIN (wraps), INT_MIN % -1 = 0, as NumPy.
 */
#define SINT_ELEMS(E, T, AT)                                                   \
  INT_ELEMS(E, T, AT)                                                          \
  static inline T el_abs_##E(T x) { return x < 0 ? (T)((AT)0 - (AT)x) : x; }   \
  static inline T el_sign_##E(T x) { return (T)((x > 0) - (x < 0)); }          \
  static inline T el_bitwise_right_shift_##E(T a, T b) {                       \
    if ((uint64_t)b < sizeof(T) * 8) return a < 0 ? (T)~(~a >> b) : (T)(a >> b); \
    return a < 0 ? (T)-1 : (T)0;                                               \
  }                                                                            \
  static inline T el_floor_divide_##E(T a, T b) {                              \
    if (b == 0) return int_div0_flag(), (T)0;                                  \
    if (b == -1) {                                                             \
      T q = (T)((AT)0 - (AT)a);                                                \
      if (a < 0 && q == a) int_overflow_flag(); /* the minimum */              \
      return q;                                                                \
    }                                                                          \
    T q = (T)(a / b);                                                          \
    return (a % b != 0 && ((a < 0) != (b < 0))) ? (T)(q - 1) : q;              \
  }                                                                            \
  static inline T el_remainder_##E(T a, T b) {                                 \
    if (b == 0) return int_div0_flag(), (T)0;                                  \
    if (b == -1) return 0;                                                     \
    T r = (T)(a % b);                                                          \
    return (r != 0 && ((r < 0) != (b < 0))) ? (T)(r + b) : r;                  \
  }                                                                            \
  static inline T el_fmod_##E(T a, T b) {                                      \
    if (b == 0) return int_div0_flag(), (T)0;                                  \
    return b == -1 ? (T)0 : (T)(a % b);                                        \
  }                                                                            \
  static inline T el_pow_##E(T a, T b) {                                       \
    return b < 0 ? (T)0 : (T)ipow_u64((uint64_t)a, (uint64_t)b);               \
  }
NUMC__SINT_MAP(SINT_ELEMS)

/* Unsigned integers: plain C division, x // 0 = x % 0 = 0. */
#define UINT_ELEMS(E, T, AT)                                                   \
  INT_ELEMS(E, T, AT)                                                          \
  static inline T el_abs_##E(T x) { return x; }                                \
  static inline T el_sign_##E(T x) { return (T)(x > 0); }                      \
  static inline T el_bitwise_right_shift_##E(T a, T b) {                       \
    return (uint64_t)b < sizeof(T) * 8 ? (T)(a >> b) : (T)0;                   \
  }                                                                            \
  static inline T el_floor_divide_##E(T a, T b) {                              \
    return b == 0 ? (int_div0_flag(), (T)0) : (T)(a / b);                      \
  }                                                                            \
  static inline T el_remainder_##E(T a, T b) {                                 \
    return b == 0 ? (int_div0_flag(), (T)0) : (T)(a % b);                      \
  }                                                                            \
  static inline T el_fmod_##E(T a, T b) {                                      \
    return b == 0 ? (int_div0_flag(), (T)0) : (T)(a % b);                      \
  }                                                                            \
  static inline T el_pow_##E(T a, T b) { return (T)ipow_u64(a, b); }
NUMC__UINT_MAP(UINT_ELEMS)

/*
 * Real floats, S the libm suffix. The C library supplies what NumPy takes
 * from it (fmod, pow, atan2, hypot, copysign, nextafter, cbrt, log1p/exp in
 * logaddexp), so results agree bit for bit; transcendentals with a SLEEF
 * vector loop are in MAP_REGISTRY. Ports of NumPy's npymath:
 *   floor_divide/remainder: npy_divmod (fmod, then Python's sign rules and
 *     snapping the quotient to an integer); division by zero gives a / b
 *     resp. fmod(a, 0) = NaN.
 *   sign: 1, -1, 0 for +-0 (+0.0), NaN for NaN.
 *   pow: pow(), with the shortcuts for the exponents -1, 0, 1, 2 that give
 *     pow's own (correctly rounded) values; NumPy's sqrt shortcut for a
 *     scalar exponent 0.5 (which differs from pow at -0.0 and -inf) is
 *     taken when the op is recorded (ops/elementwise.c).
 *   logaddexp(2): npy_logaddexp(2); heaviside: npy_heaviside.
 */
#define FLOAT_ELEMS(E, T, S, UT)                                                 \
  static inline uint8_t el_isnan_##E(T x) { return isnan(x) != 0; }            \
  static inline uint8_t el_isinf_##E(T x) { return isinf(x) != 0; }            \
  static inline uint8_t el_isfinite_##E(T x) { return isfinite(x) != 0; }      \
  static inline uint8_t el_signbit_##E(T x) { /* signbit(), vectorisable */  \
    UT bits;                                                                   \
    memcpy(&bits, &x, sizeof bits);                                            \
    return (uint8_t)(bits >> (sizeof bits * 8 - 1));                           \
  }                                                                            \
  REAL_ELEMS(E, T)                                                             \
  static inline T el_abs_##E(T x) { return fabs##S(x); }                       \
  static inline T el_fabs_##E(T x) { return fabs##S(x); }                      \
  static inline T el_conj_##E(T x) { return x; }                               \
  static inline T el_positive_##E(T x) { return x; }                           \
  static inline T el_negative_##E(T x) { return -x; }                          \
  static inline T el_reciprocal_##E(T x) { return (T)1 / x; }                  \
  static inline T el_square_##E(T x) { return x * x; }                         \
  static inline T el_sqrt_##E(T x) { return sqrt##S(x); }                      \
  static inline T el_cbrt_##E(T x) { return cbrt##S(x); }                      \
  static inline T el_deg2rad_##E(T x) {                                        \
    return x * (NUMC__CAT(3.141592653589793238462643383279502884, S) /         \
                NUMC__CAT(180.0, S));                                          \
  }                                                                            \
  static inline T el_rad2deg_##E(T x) {                                        \
    return x * (NUMC__CAT(180.0, S) /                                          \
                NUMC__CAT(3.141592653589793238462643383279502884, S));         \
  }                                                                            \
  static inline T el_sign_##E(T x) {                                           \
    return x > 0 ? (T)1 : (x < 0 ? (T)-1 : (x == 0 ? (T)0 : x));               \
  }                                                                            \
  static inline T el_add_##E(T a, T b) { return a + b; }                       \
  static inline T el_subtract_##E(T a, T b) { return a - b; }                  \
  static inline T el_multiply_##E(T a, T b) { return a * b; }                  \
  static inline T el_divide_##E(T a, T b) { return a / b; }                    \
  static inline T el_fmod_##E(T a, T b) { return fmod##S(a, b); }              \
  static inline T divmod_##E(T a, T b, T *modulus) {                           \
    T mod = fmod##S(a, b), div, floordiv;                                      \
    if (!b) {                                                                  \
      *modulus = mod;                                                          \
      return a / b;                                                            \
    }                                                                          \
    div = (a - mod) / b;                                                       \
    if (mod) {                                                                 \
      if (isless(b, (T)0) != isless(mod, (T)0)) {                              \
        mod += b;                                                              \
        div -= (T)1;                                                           \
      }                                                                        \
    } else {                                                                   \
      mod = copysign##S((T)0, b);                                              \
    }                                                                          \
    if (div) {                                                                 \
      floordiv = floor##S(div);                                                \
      if (isgreater(div - floordiv, (T)0.5)) floordiv += (T)1;                 \
    } else {                                                                   \
      floordiv = copysign##S((T)0, a / b);                                     \
    }                                                                          \
    *modulus = mod;                                                            \
    return floordiv;                                                           \
  }                                                                            \
  static inline T el_floor_divide_##E(T a, T b) {                              \
    T mod;                                                                     \
    if (!b) return a / b;                                                      \
    return divmod_##E(a, b, &mod);                                             \
  }                                                                            \
  static inline T el_remainder_##E(T a, T b) {                                 \
    T mod;                                                                     \
    if (!b) return fmod##S(a, b);                                              \
    divmod_##E(a, b, &mod);                                                    \
    return mod;                                                                \
  }                                                                            \
  static inline T el_pow_##E(T a, T b) { /* exact shortcuts of pow() */     \
    if (b == (T)2) return a * a;                                               \
    if (b == (T)1) return a;                                                   \
    if (b == (T)0) return (T)1;                                                \
    if (b == (T)-1) return (T)1 / a;                                           \
    return pow##S(a, b);                                                       \
  }                                                                            \
  static inline T el_atan2_##E(T a, T b) { return atan2##S(a, b); }            \
  static inline T el_hypot_##E(T a, T b) { return hypot##S(a, b); }            \
  static inline T el_copysign_##E(T a, T b) { return copysign##S(a, b); }      \
  static inline T el_nextafter_##E(T a, T b) { return nextafter##S(a, b); }    \
  static inline T el_logaddexp_##E(T x, T y) {                                 \
    if (x == y) return x + NUMC__CAT(0.693147180559945309417232121458176568, S); \
    T tmp = x - y;                                                             \
    if (tmp > 0) return x + log1p##S(exp##S(-tmp));                            \
    if (tmp <= 0) return y + log1p##S(exp##S(tmp));                            \
    return tmp;                                                                \
  }                                                                            \
  static inline T el_logaddexp2_##E(T x, T y) {                                \
    const T log2e = NUMC__CAT(1.442695040888963407359924681001892137, S);      \
    if (x == y) return x + 1;                                                  \
    T tmp = x - y;                                                             \
    if (tmp > 0) return x + log2e * log1p##S(exp2##S(-tmp));                   \
    if (tmp <= 0) return y + log2e * log1p##S(exp2##S(tmp));                   \
    return tmp;                                                                \
  }                                                                            \
  static inline T el_heaviside_##E(T x, T h0) {                                \
    if (isnan(x)) return (T)NAN;                                               \
    if (x == 0) return h0;                                                     \
    return x < 0 ? (T)0 : (T)1;                                                \
  }                                                                            \
  static inline T el_spacing_##E(T x) { /* npy_spacing: -0.0 as +0.0 */        \
    if (isinf(x) || isnan(x)) return (T)NAN;                                   \
    return nextafter##S(x, x < 0 ? -(T)INFINITY : (T)INFINITY) - x;            \
  }                                                                            \
  static inline T el_frexp_mantissa_##E(T x) {                                 \
    int e;                                                                     \
    return frexp##S(x, &e);                                                    \
  }                                                                            \
  static inline int32_t el_frexp_exponent_##E(T x) {                           \
    int e = 0;                                                                 \
    if (isinf(x) || isnan(x)) return 0;                                        \
    frexp##S(x, &e);                                                           \
    return (int32_t)e;                                                         \
  }                                                                            \
  /* ldexp(x, e): e an integral value held in T (NaN gives NaN; beyond     */ \
  /* +-100000 it is clamped, where the result is 0 or inf anyway)          */ \
  static inline T el_ldexp_##E(T x, T e) {                                     \
    if (isnan(e)) return x + e;                                                \
    T c = e < (T)-100000 ? (T)-100000 : e > (T)100000 ? (T)100000 : e;         \
    return ldexp##S(x, (int)c);                                                \
  }
NUMC__FLOAT_MAP(FLOAT_ELEMS)

/*
 * Complex (T the struct, R the real type, S the libm suffix, RE the real
 * dtype). Ports of NumPy's complex loops and npymath:
 *   multiply/square: the plain formula (ar*br - ai*bi, ar*bi + ai*br);
 *   divide/reciprocal: Smith's algorithm as NumPy writes it;
 *   comparisons and maximum/minimum/fmax/fmin: lexicographic (real part
 *     first) with NumPy's NaN rules; equal/not_equal componentwise;
 *   sign: x/|x|, 0 for 0, NaN+NaNj for NaN, unit values for infinities;
 *   pow: npy_cpow (small integral real exponents by repeated
 *     multiplication, else cpow);
 *   exp2/log2/log10/expm1/log1p: NumPy's formulas; the other
 *     transcendentals are the C library's (cexp, clog, csqrt, ...), so the
 *     branch cuts are NumPy's: sqrt(-4-0j) = -2j, log(-1-0j) = -pi j.
 */
#define COMPLEX_ELEMS(E, T, R, S, RE)                                          \
  static inline T mk_##E(R re, R im) {                                         \
    T z;                                                                       \
    z.re = re;                                                                 \
    z.im = im;                                                                 \
    return z;                                                                  \
  }                                                                            \
  static inline R _Complex to_c99_##E(T x) {                                   \
    R _Complex z;                                                              \
    memcpy(&z, &x, sizeof z);                                                  \
    return z;                                                                  \
  }                                                                            \
  static inline T from_c99_##E(R _Complex z) {                                 \
    T x;                                                                       \
    memcpy(&x, &z, sizeof x);                                                  \
    return x;                                                                  \
  }                                                                            \
  static inline T cmul_##E(T a, T b) {                                         \
    return mk_##E(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);       \
  }                                                                            \
  static inline T cdiv_##E(T a, T b) {                                         \
    R abs_br = fabs##S(b.re), abs_bi = fabs##S(b.im);                          \
    if (abs_br >= abs_bi) {                                                    \
      if (abs_br == 0 && abs_bi == 0)                                          \
        return mk_##E(a.re / abs_br, a.im / abs_bi);                           \
      R rat = b.im / b.re;                                                     \
      R scl = (R)1.0 / (b.re + b.im * rat);                                    \
      return mk_##E((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl);     \
    }                                                                          \
    R rat = b.re / b.im;                                                       \
    R scl = (R)1.0 / (b.im + b.re * rat);                                      \
    return mk_##E((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl);       \
  }                                                                            \
  static inline uint8_t el_isnan_##E(T x) {                                    \
    return isnan(x.re) || isnan(x.im);                                         \
  }                                                                            \
  static inline uint8_t el_isinf_##E(T x) {                                    \
    return isinf(x.re) || isinf(x.im);                                         \
  }                                                                            \
  static inline uint8_t el_isfinite_##E(T x) {                                 \
    return isfinite(x.re) && isfinite(x.im);                                   \
  }                                                                            \
  static inline R el_abs_##E(T x) { return hypot##S(x.re, x.im); }             \
  static inline R el_real_##E(T x) { return x.re; }                            \
  static inline R el_imag_##E(T x) { return x.im; }                            \
  static inline T el_conj_##E(T x) { return mk_##E(x.re, -x.im); }             \
  static inline T el_negative_##E(T x) { return mk_##E(-x.re, -x.im); }        \
  static inline T el_positive_##E(T x) { return x; }                           \
  static inline T el_round_##E(T x) {                                          \
    return mk_##E(rint##S(x.re), rint##S(x.im));                               \
  }                                                                            \
  static inline T el_square_##E(T x) {                                         \
    return mk_##E(x.re * x.re - x.im * x.im, x.re * x.im + x.im * x.re);       \
  }                                                                            \
  static inline T el_reciprocal_##E(T x) {                                     \
    if (fabs##S(x.im) <= fabs##S(x.re)) {                                      \
      R r = x.im / x.re, d = x.re + x.im * r;                                  \
      return mk_##E(1 / d, -r / d);                                            \
    }                                                                          \
    R r = x.re / x.im, d = x.re * r + x.im;                                    \
    return mk_##E(r / d, -1 / d);                                              \
  }                                                                            \
  static inline T el_sign_##E(T x) {                                           \
    R a = hypot##S(x.re, x.im);                                                \
    if (isnan(a)) return mk_##E((R)NAN, (R)NAN);                               \
    if (isinf(a)) {                                                            \
      if (isinf(x.re)) {                                                       \
        if (isinf(x.im)) return mk_##E((R)NAN, (R)NAN);                        \
        return mk_##E(x.re > 0 ? (R)1 : (R)-1, (R)0);                          \
      }                                                                        \
      return mk_##E((R)0, x.im > 0 ? (R)1 : (R)-1);                            \
    }                                                                          \
    if (a == 0) return mk_##E((R)0, (R)0);                                     \
    return mk_##E(x.re / a, x.im / a);                                         \
  }                                                                            \
  static inline T el_add_##E(T a, T b) {                                       \
    return mk_##E(a.re + b.re, a.im + b.im);                                   \
  }                                                                            \
  static inline T el_subtract_##E(T a, T b) {                                  \
    return mk_##E(a.re - b.re, a.im - b.im);                                   \
  }                                                                            \
  static inline T el_multiply_##E(T a, T b) { return cmul_##E(a, b); }         \
  static inline T el_divide_##E(T a, T b) { return cdiv_##E(a, b); }           \
  static inline T el_pow_##E(T a, T b) {                                       \
    if (b.re == 0 && b.im == 0) return mk_##E(1, 0);                           \
    if (a.re == 0 && a.im == 0) {                                              \
      if (b.re > 0) return mk_##E(0, 0);                                       \
      return mk_##E((R)NAN, (R)NAN);                                           \
    }                                                                          \
    if (b.im == 0 && b.re > -100 && b.re < 100 &&                              \
        (R)(int64_t)b.re == b.re) {                                            \
      int64_t n = (int64_t)b.re;                                               \
      if (n == 1) return a;                                                    \
      if (n == 2) return cmul_##E(a, a);                                       \
      if (n == 3) return cmul_##E(a, cmul_##E(a, a));                          \
      T aa = mk_##E(1, 0), p = a;                                              \
      int64_t mask = 1;                                                        \
      if (n < 0) n = -n;                                                       \
      for (;;) {                                                               \
        if (n & mask) aa = cmul_##E(aa, p);                                    \
        mask <<= 1;                                                            \
        if (n < mask) break;                                                   \
        p = cmul_##E(p, p);                                                    \
      }                                                                        \
      return b.re < 0 ? cdiv_##E(mk_##E(1, 0), aa) : aa;                       \
    }                                                                          \
    return from_c99_##E(cpow##S(to_c99_##E(a), to_c99_##E(b)));                \
  }                                                                            \
  /* NumPy's CGE/CLE/CGT/CLT: lexicographic, a NaN imaginary part only       \
   * matters when the real parts tie. */                                      \
  static inline int cge_##E(T a, T b) {                                        \
    return (a.re > b.re && !isnan(a.im) && !isnan(b.im)) ||                    \
           (a.re == b.re && a.im >= b.im);                                     \
  }                                                                            \
  static inline int cle_##E(T a, T b) {                                        \
    return (a.re < b.re && !isnan(a.im) && !isnan(b.im)) ||                    \
           (a.re == b.re && a.im <= b.im);                                     \
  }                                                                            \
  static inline uint8_t el_greater_##E(T a, T b) {                             \
    return (a.re > b.re && !isnan(a.im) && !isnan(b.im)) ||                    \
           (a.re == b.re && a.im > b.im);                                      \
  }                                                                            \
  static inline uint8_t el_less_##E(T a, T b) {                                \
    return (a.re < b.re && !isnan(a.im) && !isnan(b.im)) ||                    \
           (a.re == b.re && a.im < b.im);                                      \
  }                                                                            \
  static inline uint8_t el_greater_equal_##E(T a, T b) { return cge_##E(a, b); } \
  static inline uint8_t el_less_equal_##E(T a, T b) { return cle_##E(a, b); }  \
  static inline uint8_t el_equal_##E(T a, T b) {                               \
    return a.re == b.re && a.im == b.im;                                       \
  }                                                                            \
  static inline uint8_t el_not_equal_##E(T a, T b) {                           \
    return a.re != b.re || a.im != b.im;                                       \
  }                                                                            \
  COMPLEX_PICK(E, T, maximum, a, ge)                                          \
  COMPLEX_PICK(E, T, minimum, a, le)                                          \
  COMPLEX_PICK(E, T, fmax, b, ge)                                             \
  COMPLEX_PICK(E, T, fmin, b, le)                                             \
  static inline T el_sqrt_##E(T x) {                                           \
    return from_c99_##E(csqrt##S(to_c99_##E(x)));                              \
  }                                                                            \
  static inline T el_exp_##E(T x) {                                            \
    return from_c99_##E(cexp##S(to_c99_##E(x)));                               \
  }                                                                            \
  static inline T el_log_##E(T x) {                                            \
    return from_c99_##E(clog##S(to_c99_##E(x)));                               \
  }                                                                            \
  static inline T el_exp2_##E(T x) {                                           \
    const R ln2 = NUMC__CAT(0.693147180559945309417232121458176568, S);        \
    return el_exp_##E(mk_##E(x.re * ln2, x.im * ln2));                         \
  }                                                                            \
  static inline T el_log2_##E(T x) {                                           \
    const R log2e = NUMC__CAT(1.442695040888963407359924681001892137, S);      \
    T r = el_log_##E(x);                                                       \
    return mk_##E(r.re * log2e, r.im * log2e);                                 \
  }                                                                            \
  static inline T el_log10_##E(T x) {                                          \
    const R log10e = NUMC__CAT(0.434294481903251827651128918916605082, S);     \
    T r = el_log_##E(x);                                                       \
    return mk_##E(r.re * log10e, r.im * log10e);                               \
  }                                                                            \
  static inline T el_expm1_##E(T x) {                                          \
    R a = sin##S(x.im / 2);                                                    \
    return mk_##E(expm1##S(x.re) * cos##S(x.im) - 2 * a * a,                   \
                  exp##S(x.re) * sin##S(x.im));                                \
  }                                                                            \
  static inline T el_log1p_##E(T x) {                                          \
    R l = hypot##S(x.re + 1, x.im);                                            \
    return mk_##E(log##S(l), atan2##S(x.im, x.re + 1));                        \
  }                                                                            \
  COMPLEX_C99(E, S, sin) COMPLEX_C99(E, S, cos) COMPLEX_C99(E, S, tan)        \
  COMPLEX_C99(E, S, asin) COMPLEX_C99(E, S, acos) COMPLEX_C99(E, S, atan)     \
  COMPLEX_C99(E, S, sinh) COMPLEX_C99(E, S, cosh) COMPLEX_C99(E, S, tanh)     \
  COMPLEX_C99(E, S, asinh) COMPLEX_C99(E, S, acosh) COMPLEX_C99(E, S, atanh)
/* el_<name>_<E>(a, b): NumPy's complex maximum/minimum (a NaN in `a`
 * propagates: nanarg a) and fmax/fmin (a NaN in `b` is ignored: nanarg b);
 * otherwise a if c<cmp>(a, b) holds, else b. */
#define COMPLEX_PICK(E, T, name, nanarg, cmp)                                  \
  static inline T el_##name##_##E(T a, T b) {                                  \
    return (el_isnan_##E(nanarg) || c##cmp##_##E(a, b)) ? a : b;               \
  }
/* el_<fn>_<E>(x) = c<fn>(x) from <complex.h>. */
#define COMPLEX_C99(E, S, fn)                                                  \
  static inline NUMC__CT_##E el_##fn##_##E(NUMC__CT_##E x) {                   \
    return from_c99_##E(c##fn##S(to_c99_##E(x)));                              \
  }
NUMC__COMPLEX_MAP(COMPLEX_ELEMS)

#endif /* NUMC_CPU_LOOPS_ELEMS_H */
