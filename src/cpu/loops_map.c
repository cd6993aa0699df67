/*
 * cpu/loops_map.c - the elementwise loops: every unary and binary numc_op
 * plus the internal map ops (copy, where, exact int64/uint64 comparisons),
 * for each dtype the op supports. Compiled once per ISA (loops_impl.h).
 *
 * The math of one element, el_<op>_<DTYPE>(x[, y]), is in loops_elems.h.
 * Here MAP_REGISTRY lists, one line per (op, dtype family), which dtypes
 * get a loop and of which shape; it generates both the loop functions
 * (plain element loops the compiler vectorises, or whole-vector loops for
 * SLEEF transcendentals and rounding of real floats) and the ISA's table.
 *
 * The output of a loop may be the same memory as an input: loops read
 * element i before writing it and never use restrict.
 */
#include "simd.h"
#include "loops_elems.h"

#include <float.h>

/* ---- loop shapes ------------------------------------------------------ */

/* Output C type of a loop: OUT_<rule>(E). */
#define OUT_SAME(E) NUMC__CT_##E
#define OUT_BOOL(E) uint8_t
#define OUT_REAL(E) NUMC__RT_##E
#define OUT_U8(E) uint8_t
#define OUT_I32(E) int32_t

/* lp_<op>_<E>: o[i] = el_<op>_<E>(a[i]) */
#define DEF_1(E, op, out)                                                      \
  static void lp_##op##_##E(int64_t n, char *const *args, const void *aux) {   \
    const NUMC__CT_##E *a = (const NUMC__CT_##E *)args[0];                     \
    OUT_##out(E) *o = (OUT_##out(E) *)args[1];                                 \
    (void)aux;                                                                 \
    for (int64_t i = 0; i < n; i++) o[i] = el_##op##_##E(a[i]);                \
  }

/* lp_<op>_<E>: o[i] = el_<op>_<E>(a[i], b[i]) */
#define DEF_2(E, op, out)                                                      \
  static void lp_##op##_##E(int64_t n, char *const *args, const void *aux) {   \
    const NUMC__CT_##E *a = (const NUMC__CT_##E *)args[0];                     \
    const NUMC__CT_##E *b = (const NUMC__CT_##E *)args[1];                     \
    OUT_##out(E) *o = (OUT_##out(E) *)args[2];                                 \
    (void)aux;                                                                 \
    for (int64_t i = 0; i < n; i++) o[i] = el_##op##_##E(a[i], b[i]);          \
  }

/*
 * lp_<op>_<E> for a real float E through a whole-vector function VFN of
 * the ISA (simd.h): DEF_V for SLEEF's 1.0-ULP functions, DEF_R for
 * rounding. The tail of the block goes through the same vector function,
 * padded with copies of the last element (so it raises no floating-point
 * flag the real elements would not), so every element's result is
 * independent of its position in the block. Where BAD(E, op, x) holds for
 * an input x, FIX(E, op, x) gives the element instead, and the vector
 * function sees a harmless stand-in (the block's first input) in that
 * lane, so the floating-point flags raised are those of FIX for the bad
 * lanes (SLEEF raises divide-by-zero for log(-1), nothing for sin(inf);
 * NumPy reports only invalid for both). Inputs are read before the output
 * is written, so that the output may be the input.
 */
#define VEC_FIXUP(E, op, VFN, BAD, FIX, dst, src)                              \
  do {                                                                         \
    NUMC__CT_##E x_[L], r_[L];                                                 \
    int good_ = -1;                                                            \
    memset(r_, 0, sizeof r_);                                                  \
    for (int k = 0; k < L && good_ < 0; k++)                                   \
      if (!BAD(E, op, (src)[k])) good_ = k;                                    \
    if (good_ >= 0) {                                                          \
      for (int k = 0; k < L; k++)                                              \
        x_[k] = BAD(E, op, (src)[k]) ? (src)[good_] : (src)[k];                \
      NUMC__VSTORE_##E(r_, VFN(NUMC__VLOAD_##E(x_)));                          \
    }                                                                          \
    for (int k = 0; k < L; k++)                                                \
      (dst)[k] = BAD(E, op, (src)[k]) ? FIX(E, op, (src)[k]) : r_[k];          \
  } while (0)

#define DEF_VEC(E, op, out, VFN, BAD, FIX)                                     \
  static void lp_##op##_##E(int64_t n, char *const *args, const void *aux) {   \
    const NUMC__CT_##E *a = (const NUMC__CT_##E *)args[0];                     \
    OUT_##out(E) *o = (OUT_##out(E) *)args[1];                                 \
    enum { L = NUMC__VLEN_##E };                                               \
    int64_t i = 0;                                                             \
    (void)aux;                                                                 \
    for (; i + L <= n; i += L) {                                               \
      int bad = 0;                                                             \
      for (int k = 0; k < L; k++) bad |= BAD(E, op, a[i + k]);                 \
      if (NUMC__LIKELY(!bad)) {                                                \
        NUMC__VSTORE_##E(o + i, VFN(NUMC__VLOAD_##E(a + i)));                  \
        continue;                                                              \
      }                                                                        \
      VEC_FIXUP(E, op, VFN, BAD, FIX, o + i, a + i);                           \
    }                                                                          \
    if (i < n) {                                                               \
      NUMC__CT_##E t[L], res[L];                                               \
      for (int k = 0; k < L; k++) t[k] = a[i + k < n ? i + k : n - 1];         \
      VEC_FIXUP(E, op, VFN, BAD, FIX, res, t);                                 \
      for (int k = 0; i + k < n; k++) o[i + k] = res[k];                       \
    }                                                                          \
  }

/*
 * Where SLEEF's u10 functions cannot be trusted, the C library (NumPy's
 * own choice on most machines) recomputes the element: for subnormal and
 * zero inputs (SLEEF flushes some, tan(5e-324) = 0), NaN, and per function
 * above a magnitude where an intermediate overflows (acosh(1e30f) = inf,
 * log1p(1e308) = inf, sinhf(89) = inf). SLEEF_RANGE_<op> names the upper
 * bound SLEEF_HI_<range>_<E>.
 */
#define SLEEF_RANGE_exp ANY
#define SLEEF_RANGE_expm1 ANY
#define SLEEF_RANGE_exp2 ANY
#define SLEEF_RANGE_log ANY
#define SLEEF_RANGE_log1p LOG1P
#define SLEEF_RANGE_log2 ANY
#define SLEEF_RANGE_log10 ANY
#define SLEEF_RANGE_sin TRIG
#define SLEEF_RANGE_cos TRIG
#define SLEEF_RANGE_tan TRIG
#define SLEEF_RANGE_asin ANY
#define SLEEF_RANGE_acos ANY
#define SLEEF_RANGE_atan ANY
#define SLEEF_RANGE_sinh HYP
#define SLEEF_RANGE_cosh HYP
#define SLEEF_RANGE_tanh ANY
#define SLEEF_RANGE_asinh AHYP
#define SLEEF_RANGE_acosh AHYP
#define SLEEF_RANGE_atanh ANY
#define SLEEF_HI_ANY_FLOAT32 INFINITY
#define SLEEF_HI_ANY_FLOAT64 INFINITY
#define SLEEF_HI_TRIG_FLOAT32 FLT_MAX /* inf: the C library raises invalid */
#define SLEEF_HI_TRIG_FLOAT64 DBL_MAX
#define SLEEF_HI_LOG1P_FLOAT32 0x1p120f
#define SLEEF_HI_LOG1P_FLOAT64 0x1p1000
#define SLEEF_HI_HYP_FLOAT32 88.0f
#define SLEEF_HI_HYP_FLOAT64 INFINITY
#define SLEEF_HI_AHYP_FLOAT32 0x1p60f
#define SLEEF_HI_AHYP_FLOAT64 0x1p500
#define SLEEF_TINY_FLOAT32 FLT_MIN
#define SLEEF_TINY_FLOAT64 DBL_MIN
#define LIBM_FLOAT32(fn) fn##f
#define LIBM_FLOAT64(fn) fn
#define SLEEF_HI(E, op) NUMC__CAT(NUMC__CAT(SLEEF_HI_, SLEEF_RANGE_##op), _##E)

/* |x| as an unsigned integer (order-preserving for |x|, NaN above inf):
 * the range test is integer arithmetic, so it vectorises and raises no
 * floating-point flag (an ordered comparison with NaN would). NaN inputs
 * fall outside every range and go to the C library too. */
static inline uint32_t absbits_FLOAT32(float x) {
  uint32_t b;
  memcpy(&b, &x, sizeof b);
  return b & 0x7fffffffu;
}
static inline uint64_t absbits_FLOAT64(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b & 0x7fffffffffffffffu;
}
/* The logarithms of negative numbers go to the C library too (SLEEF
 * raises divide-by-zero besides invalid there): SLEEF_NEG_<op> is 1. */
#define SLEEF_NEG_log 1
#define SLEEF_NEG_log2 1
#define SLEEF_NEG_log10 1
#define SLEEF_NEG_log1p 1
#define SLEEF_NEG_exp 0
#define SLEEF_NEG_expm1 0
#define SLEEF_NEG_exp2 0
#define SLEEF_NEG_sin 0
#define SLEEF_NEG_cos 0
#define SLEEF_NEG_tan 0
#define SLEEF_NEG_asin 0
#define SLEEF_NEG_acos 0
#define SLEEF_NEG_atan 0
#define SLEEF_NEG_sinh 0
#define SLEEF_NEG_cosh 0
#define SLEEF_NEG_tanh 0
#define SLEEF_NEG_asinh 0
#define SLEEF_NEG_acosh 0
#define SLEEF_NEG_atanh 0
#define SLEEF_NEG_ON(op) NUMC__CAT(SLEEF_NEG_, op)
/* sign bit of x (integer arithmetic, no flag) */
static inline int signbits_FLOAT32(float x) {
  uint32_t b;
  memcpy(&b, &x, sizeof b);
  return (int)(b >> 31);
}
static inline int signbits_FLOAT64(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return (int)(b >> 63);
}
/* |x| < tiny or |x| > hi, as one unsigned comparison; or x negative for
 * the logarithms. */
#define BAD_SLEEF(E, op, x)                                                    \
  ((absbits_##E(x) - absbits_##E(SLEEF_TINY_##E) >                             \
    absbits_##E(SLEEF_HI(E, op)) - absbits_##E(SLEEF_TINY_##E)) |              \
   (SLEEF_NEG_ON(op) & signbits_##E(x)))
#define FIX_SLEEF(E, op, x) LIBM_##E(op)(x)
#define BAD_NONE(E, op, x) 0
#define FIX_NONE(E, op, x) (x)

#define DEF_V(E, op, out)                                                      \
  DEF_VEC(E, op, out, NUMC__SLEEF_##E(op), BAD_SLEEF, FIX_SLEEF)
#define DEF_R(E, op, out)                                                      \
  DEF_VEC(E, op, out, numc__v_##op##_##E, BAD_NONE, FIX_NONE)

/* Shapes that depend on the dtype family (NUMC__FAMILY_<E>):
 * T, transcendentals: SLEEF for real floats, element functions (C99
 * complex functions) for complex; Q, rounding: whole-vector rounding for
 * real floats, element functions (identity for bool and integers, both
 * parts for complex) otherwise. */
#define DEF_T(E, op, out) NUMC__CAT(DEF_T_, NUMC__FAMILY_##E)(E, op, out)
#define DEF_T_REAL DEF_V
#define DEF_T_CPLX DEF_1
#define DEF_Q(E, op, out) NUMC__CAT(DEF_Q_, NUMC__FAMILY_##E)(E, op, out)
#define DEF_Q_BOOL DEF_1
#define DEF_Q_SINT DEF_1
#define DEF_Q_UINT DEF_1
#define DEF_Q_REAL DEF_R
#define DEF_Q_CPLX DEF_1

/* ---- the registry -------------------------------------------------------- */

/*
 * X(shape, op, OPENUM, dtype set, output rule): one loop lp_<op>_<E> per
 * dtype E of NUMC__SET_<set>, of shape DEF_<shape> (1 unary, 2 binary,
 * T transcendental, Q rounding, W where), registered at map[OPENUM][E]. The sets reproduce
 * NumPy's loop lists (tools/numpy_types.py), so that numc's type resolution
 * (the first safely castable dtype with a loop) gives NumPy's result types.
 */
#define MAP_REGISTRY(X)                                                        \
  X(1, abs, NUMC_OP_ABS, ALL, REAL)                                            \
  X(T, acos, NUMC_OP_ACOS, FC, SAME)                                           \
  X(T, acosh, NUMC_OP_ACOSH, FC, SAME)                                         \
  X(T, asin, NUMC_OP_ASIN, FC, SAME)                                           \
  X(T, asinh, NUMC_OP_ASINH, FC, SAME)                                         \
  X(T, atan, NUMC_OP_ATAN, FC, SAME)                                           \
  X(T, atanh, NUMC_OP_ATANH, FC, SAME)                                         \
  X(1, bitwise_invert, NUMC_OP_BITWISE_INVERT, BIU, SAME)                      \
  X(Q, ceil, NUMC_OP_CEIL, BIUF, SAME)                                         \
  X(1, conj, NUMC_OP_CONJ, NUM, SAME)                                          \
  X(T, cos, NUMC_OP_COS, FC, SAME)                                             \
  X(T, cosh, NUMC_OP_COSH, FC, SAME)                                           \
  X(T, exp, NUMC_OP_EXP, FC, SAME)                                             \
  X(T, expm1, NUMC_OP_EXPM1, FC, SAME)                                         \
  X(Q, floor, NUMC_OP_FLOOR, BIUF, SAME)                                       \
  X(1, imag, NUMC_OP_IMAG, ALL, REAL)                                          \
  X(1, isfinite, NUMC_OP_ISFINITE, ALL, BOOL)                                  \
  X(1, isinf, NUMC_OP_ISINF, ALL, BOOL)                                        \
  X(1, isnan, NUMC_OP_ISNAN, ALL, BOOL)                                        \
  X(T, log, NUMC_OP_LOG, FC, SAME)                                             \
  X(T, log1p, NUMC_OP_LOG1P, FC, SAME)                                         \
  X(T, log2, NUMC_OP_LOG2, FC, SAME)                                           \
  X(T, log10, NUMC_OP_LOG10, FC, SAME)                                         \
  X(1, logical_not, NUMC_OP_LOGICAL_NOT, B, BOOL)                              \
  X(1, negative, NUMC_OP_NEGATIVE, NUM, SAME)                                  \
  X(1, positive, NUMC_OP_POSITIVE, NUM, SAME)                                  \
  X(1, real, NUMC_OP_REAL, ALL, REAL)                                          \
  X(1, reciprocal, NUMC_OP_RECIPROCAL, NUM, SAME)                              \
  X(Q, round, NUMC_OP_ROUND, ALL, SAME)                                        \
  X(1, sign, NUMC_OP_SIGN, NUM, SAME)                                          \
  X(1, signbit, NUMC_OP_SIGNBIT, F, BOOL)                                      \
  X(T, sin, NUMC_OP_SIN, FC, SAME)                                             \
  X(T, sinh, NUMC_OP_SINH, FC, SAME)                                           \
  X(1, sqrt, NUMC_OP_SQRT, FC, SAME)                                           \
  X(1, square, NUMC_OP_SQUARE, NUM, SAME)                                      \
  X(T, tan, NUMC_OP_TAN, FC, SAME)                                             \
  X(T, tanh, NUMC_OP_TANH, FC, SAME)                                           \
  X(Q, trunc, NUMC_OP_TRUNC, BIUF, SAME)                                       \
  X(T, exp2, NUMC_OP_EXP2, FC, SAME)                                           \
  X(1, cbrt, NUMC_OP_CBRT, F, SAME)                                            \
  X(1, deg2rad, NUMC_OP_DEG2RAD, F, SAME)                                      \
  X(1, rad2deg, NUMC_OP_RAD2DEG, F, SAME)                                      \
  X(1, fabs, NUMC_OP_FABS, F, SAME)                                            \
  X(1, spacing, NUMC_OP_SPACING, F, SAME)                                      \
  X(1, bitwise_count, NUMC_OP_BITWISE_COUNT, IU, U8)                           \
  X(1, frexp_mantissa, NUMC_OP_FREXP_MANTISSA, F, SAME)                        \
  X(1, frexp_exponent, NUMC_OP_FREXP_EXPONENT, F, I32)                         \
  X(2, add, NUMC_OP_ADD, ALL, SAME)                                            \
  X(2, subtract, NUMC_OP_SUBTRACT, NUM, SAME)                                  \
  X(2, multiply, NUMC_OP_MULTIPLY, ALL, SAME)                                  \
  X(2, divide, NUMC_OP_DIVIDE, FC, SAME)                                       \
  X(2, floor_divide, NUMC_OP_FLOOR_DIVIDE, IUF, SAME)                          \
  X(2, remainder, NUMC_OP_REMAINDER, IUF, SAME)                                \
  X(2, pow, NUMC_OP_POW, NUM, SAME)                                            \
  X(2, atan2, NUMC_OP_ATAN2, F, SAME)                                          \
  X(2, hypot, NUMC_OP_HYPOT, F, SAME)                                          \
  X(2, copysign, NUMC_OP_COPYSIGN, F, SAME)                                    \
  X(2, nextafter, NUMC_OP_NEXTAFTER, F, SAME)                                  \
  X(2, logaddexp, NUMC_OP_LOGADDEXP, F, SAME)                                  \
  X(2, logaddexp2, NUMC_OP_LOGADDEXP2, F, SAME)                                \
  X(2, maximum, NUMC_OP_MAXIMUM, ALL, SAME)                                    \
  X(2, minimum, NUMC_OP_MINIMUM, ALL, SAME)                                    \
  X(2, fmax, NUMC_OP_FMAX, ALL, SAME)                                          \
  X(2, fmin, NUMC_OP_FMIN, ALL, SAME)                                          \
  X(2, fmod, NUMC_OP_FMOD, IUF, SAME)                                          \
  X(2, heaviside, NUMC_OP_HEAVISIDE, F, SAME)                                  \
  X(2, equal, NUMC_OP_EQUAL, ALL, BOOL)                                        \
  X(2, not_equal, NUMC_OP_NOT_EQUAL, ALL, BOOL)                                \
  X(2, less, NUMC_OP_LESS, ALL, BOOL)                                          \
  X(2, less_equal, NUMC_OP_LESS_EQUAL, ALL, BOOL)                              \
  X(2, greater, NUMC_OP_GREATER, ALL, BOOL)                                    \
  X(2, greater_equal, NUMC_OP_GREATER_EQUAL, ALL, BOOL)                        \
  X(2, logical_and, NUMC_OP_LOGICAL_AND, B, BOOL)                              \
  X(2, logical_or, NUMC_OP_LOGICAL_OR, B, BOOL)                                \
  X(2, logical_xor, NUMC_OP_LOGICAL_XOR, B, BOOL)                              \
  X(2, bitwise_and, NUMC_OP_BITWISE_AND, BIU, SAME)                            \
  X(2, bitwise_or, NUMC_OP_BITWISE_OR, BIU, SAME)                              \
  X(2, bitwise_xor, NUMC_OP_BITWISE_XOR, BIU, SAME)                            \
  X(2, bitwise_left_shift, NUMC_OP_BITWISE_LEFT_SHIFT, IU, SAME)               \
  X(2, bitwise_right_shift, NUMC_OP_BITWISE_RIGHT_SHIFT, IU, SAME)             \
  X(2, gcd, NUMC_OP_GCD, IU, SAME)                                             \
  X(2, lcm, NUMC_OP_LCM, IU, SAME)                                             \
  X(2, ldexp, NUMC_OP_LDEXP, F, SAME)                                          \
  X(1, copy, NUMC__MAP_COPY, ALL, SAME)                                        \
  X(W, where, NUMC__MAP_WHERE, ALL, SAME)                                      \
  X(2, cmp_su_eq, NUMC__MAP_CMP_SU_EQ, I64, BOOL)                              \
  X(2, cmp_su_ne, NUMC__MAP_CMP_SU_NE, I64, BOOL)                              \
  X(2, cmp_su_lt, NUMC__MAP_CMP_SU_LT, I64, BOOL)                              \
  X(2, cmp_su_le, NUMC__MAP_CMP_SU_LE, I64, BOOL)                              \
  X(2, cmp_su_gt, NUMC__MAP_CMP_SU_GT, I64, BOOL)                              \
  X(2, cmp_su_ge, NUMC__MAP_CMP_SU_GE, I64, BOOL)

/* ---- internal map ops ---------------------------------------------------- */

/* COPY: the identity (the VM converts dtypes on the edges). */
#define COPY_ELEM(E, unused)                                                   \
  static inline NUMC__CT_##E el_copy_##E(NUMC__CT_##E x) { return x; }
NUMC__SET_ALL(COPY_ELEM, _)

/* WHERE: args (bool cond, T x, T y, T out). */
#define DEF_W(E, op, out)                                                      \
  static void lp_where_##E(int64_t n, char *const *args, const void *aux) {    \
    const uint8_t *c = (const uint8_t *)args[0];                               \
    const NUMC__CT_##E *x = (const NUMC__CT_##E *)args[1];                     \
    const NUMC__CT_##E *y = (const NUMC__CT_##E *)args[2];                     \
    NUMC__CT_##E *o = (NUMC__CT_##E *)args[3];                                 \
    (void)aux;                                                                 \
    for (int64_t i = 0; i < n; i++) {                                          \
      NUMC__CT_##E xv = x[i], yv = y[i]; /* unconditional loads vectorise */   \
      o[i] = c[i] ? xv : yv;                                                   \
    }                                                                          \
  }

/* CMP_SU_*: int64 a against uint64 b, exactly (a < 0 is below every b).
 * The loops receive (int64, uint64) arrays typed as int64 by DEF_2. */
static inline int cmp_su(int64_t a, int64_t b_bits) {
  uint64_t b = (uint64_t)b_bits;
  if (a < 0) return -1;
  return (uint64_t)a < b ? -1 : (uint64_t)a > b;
}
static inline uint8_t el_cmp_su_eq_INT64(int64_t a, int64_t b) { return cmp_su(a, b) == 0; }
static inline uint8_t el_cmp_su_ne_INT64(int64_t a, int64_t b) { return cmp_su(a, b) != 0; }
static inline uint8_t el_cmp_su_lt_INT64(int64_t a, int64_t b) { return cmp_su(a, b) < 0; }
static inline uint8_t el_cmp_su_le_INT64(int64_t a, int64_t b) { return cmp_su(a, b) <= 0; }
static inline uint8_t el_cmp_su_gt_INT64(int64_t a, int64_t b) { return cmp_su(a, b) > 0; }
static inline uint8_t el_cmp_su_ge_INT64(int64_t a, int64_t b) { return cmp_su(a, b) >= 0; }

/* ---- instantiation ------------------------------------------------------- */

#define DEFINE_LOOPS(shape, op, OPENUM, set, out)                              \
  NUMC__SET_##set(DEF_##shape, op, out)
MAP_REGISTRY(DEFINE_LOOPS)

#define TABLE_ENTRY(E, op, OPENUM) [OPENUM][NUMC_##E] = lp_##op##_##E,
#define TABLE_ROW(shape, op, OPENUM, set, out)                                 \
  NUMC__SET_##set(TABLE_ENTRY, op, OPENUM)

/* The map loops of this ISA (see loops_impl.h). */
const numc__loop_fn NUMC__ISA_SYM(numc__map_table)[NUMC__MAP_NOPS]
                                                  [NUMC_NDTYPES] = {
    MAP_REGISTRY(TABLE_ROW)};

#if NUMC__ISA_ID == 0 /* ISA-independent: defined once, by the base build */
/* The registry's loop shape of each op ('1', '2', 'T', 'Q', 'W'). */
#define SHAPE_ENTRY(shape, op, OPENUM, set, out) [OPENUM] = #shape[0],
static const char map_shapes[NUMC__MAP_NOPS] = {MAP_REGISTRY(SHAPE_ENTRY)};

bool numc__map_is_elementwise(int op, numc_dtype dt) {
  if (op < 0 || op >= NUMC__MAP_NOPS || !numc__dtype_valid(dt)) return false;
  switch (map_shapes[op]) {
  case '1':
  case '2':
  case 'W':
    return true;
  case 'Q': /* real floats round with whole-vector instructions */
    return !numc__is_float(dt);
  default: /* 'T': SLEEF vector loops for real floats */
    return numc__is_complex(dt);
  }
}
#endif
