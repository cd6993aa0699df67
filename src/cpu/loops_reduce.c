/*
 * cpu/loops_reduce.c - segment reductions (sum, prod, min, max, all, any),
 * arg-reductions (argmin, argmax) and the combination of arg-reduction
 * partials. Compiled once per ISA (loops_impl.h).
 *
 * A segment is seglen >= 1 consecutive elements; a loop reduces nseg of
 * them, one result per segment. The element rules are those of the map
 * ops (loops_elems.h: add, multiply, minimum, maximum), and the order of
 * the operations is fixed, so results never depend on the ISA or block
 * size:
 *   sum   real floats: 0 + NumPy's pairwise_sum exactly (sequential below
 *         8 elements from -0.0, 8 accumulators up to 128, halves at a
 *         multiple of 8 above), as np.add.reduce; complex: NumPy's complex
 *         pairwise sum; integers: wraparound (any order gives the same
 *         bits).
 *   prod  floats and complex: sequential from the identity 1 (NumPy's
 *         order); integers: wraparound.
 *   min/max  the sequential fold acc = minimum/maximum(acc, x) from the
 *         first element (NaN propagates: the first NaN; ties give the later
 *         element, which matters for -0.0 vs 0.0), computed with several
 *         accumulators and fixed up where the fold's choice shows.
 *   all/any  bool only; results 0/1.
 */
#include "simd.h"
#include "loops_elems.h"

/* ---- sum ------------------------------------------------------------------ */

/*
 * acc8_<E>(a, nb, l): l[k] = a[k] + a[8 + k] + ... + a[8 (nb - 1) + k]
 * for k < 8, left to right (nb >= 1): NumPy's 8 pairwise accumulators,
 * kept in native vectors (GCC vector extensions; the compiler's own SLP
 * vectorisation of the r[8] form is poor with 256-bit vectors). Lanes are
 * independent, so the order of every sum is NumPy's.
 */
#define ACC8(E, T, S, UT)                                                      \
  static inline void acc8_##E(const T *a, int64_t nb, T *l) {                  \
    enum { VL = NUMC__VBYTES / sizeof(T), NV = 8 / VL };                       \
    numc__vext_##E r[NV];                                                      \
    for (int j = 0; j < NV; j++) memcpy(&r[j], a + j * VL, sizeof r[j]);       \
    for (int64_t b = 1; b < nb; b++)                                           \
      for (int j = 0; j < NV; j++) {                                           \
        numc__vext_##E x;                                                      \
        memcpy(&x, a + 8 * b + j * VL, sizeof x);                              \
        r[j] += x;                                                             \
      }                                                                        \
    for (int j = 0; j < NV; j++)                                               \
      for (int k = 0; k < VL; k++) l[j * VL + k] = r[j][k];                    \
  }
NUMC__FLOAT_MAP(ACC8)

/* NumPy's pairwise summation of n real floats (loops_utils.h.src). */
#define PAIRWISE(E, T, S, UT)                                                  \
  static T pairwise_##E(const T *a, int64_t n) {                               \
    if (n < 8) {                                                               \
      T res = (T)-0.0; /* so that a sum of -0.0s is -0.0 */                    \
      for (int64_t i = 0; i < n; i++) res += a[i];                             \
      return res;                                                              \
    }                                                                          \
    if (n <= 128) {                                                            \
      T r[8], res;                                                             \
      acc8_##E(a, n / 8, r);                                                   \
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
      for (int64_t i = n - n % 8; i < n; i++) res += a[i];                     \
      return res;                                                              \
    }                                                                          \
    int64_t n2 = n / 2;                                                        \
    n2 -= n2 % 8;                                                              \
    return pairwise_##E(a, n2) + pairwise_##E(a + n2, n - n2);                 \
  }
NUMC__FLOAT_MAP(PAIRWISE)

/* NumPy's complex pairwise summation, in elements (NumPy counts the 2n
 * real scalars): its 8 accumulators run over the scalars, so 4 hold real
 * and 4 imaginary parts, and the recursion halves at a multiple of 4
 * elements. */
#define PAIRWISE_COMPLEX(E, T, R, S, RE)                                       \
  static T pairwise_##E(const T *a, int64_t n) {                               \
    T res;                                                                     \
    if (n < 4) {                                                               \
      res.re = (R)-0.0, res.im = (R)-0.0;                                      \
      for (int64_t i = 0; i < n; i++) res.re += a[i].re, res.im += a[i].im;    \
      return res;                                                              \
    }                                                                          \
    if (n <= 64) {                                                             \
      R r[8];                                                                  \
      acc8_##RE((const R *)a, n / 4, r);                                       \
      res.re = (r[0] + r[2]) + (r[4] + r[6]);                                  \
      res.im = (r[1] + r[3]) + (r[5] + r[7]);                                  \
      for (int64_t i = n - n % 4; i < n; i++)                                  \
        res.re += a[i].re, res.im += a[i].im;                                  \
      return res;                                                              \
    }                                                                          \
    int64_t n2 = (n - n % 8) / 2;                                              \
    T lo = pairwise_##E(a, n2), hi = pairwise_##E(a + n2, n - n2);             \
    res.re = lo.re + hi.re;                                                    \
    res.im = lo.im + hi.im;                                                    \
    return res;                                                                \
  }
NUMC__COMPLEX_MAP(PAIRWISE_COMPLEX)

/* Integers: wraparound in the unsigned type AT. */
#define INT_SUM_PROD(E, T, AT)                                                 \
  static T sum_##E(const T *a, int64_t n) {                                    \
    AT s = 0;                                                                  \
    for (int64_t i = 0; i < n; i++) s += (AT)a[i];                             \
    return (T)s;                                                               \
  }                                                                            \
  static T prod_##E(const T *a, int64_t n) {                                   \
    AT p = 1;                                                                  \
    for (int64_t i = 0; i < n; i++) p *= (AT)a[i];                             \
    return (T)p;                                                               \
  }
NUMC__SINT_MAP(INT_SUM_PROD)
NUMC__UINT_MAP(INT_SUM_PROD)

/* Floats and complex: sum is NumPy's add.reduce, the identity 0 plus the
 * pairwise sum (so a sum of -0.0s is +0.0, as NumPy); prod is sequential
 * from the identity 1. */
#define INEXACT_SUM_PROD(E, unused)                                            \
  static NUMC__CT_##E sum_##E(const NUMC__CT_##E *a, int64_t n) {              \
    return el_add_##E(NUMC__FROM_INT64(E, 0), pairwise_##E(a, n));            \
  }                                                                            \
  static NUMC__CT_##E prod_##E(const NUMC__CT_##E *a, int64_t n) {             \
    NUMC__CT_##E p = NUMC__FROM_INT64(E, 1);                                   \
    for (int64_t i = 0; i < n; i++) p = el_multiply_##E(p, a[i]);              \
    return p;                                                                  \
  }
NUMC__SET_FC(INEXACT_SUM_PROD, _)

/* ---- min / max ------------------------------------------------------------ */

/*
 * min_<E>/max_<E> of bool and integers: a plain fold (any order gives the
 * same value; the compiler vectorises it).
 */
#define EXACT_MINMAX(E, unused)                                                \
  static NUMC__CT_##E max_##E(const NUMC__CT_##E *a, int64_t n) {              \
    NUMC__CT_##E m = a[0];                                                     \
    for (int64_t i = 1; i < n; i++) m = a[i] > m ? a[i] : m;                   \
    return m;                                                                  \
  }                                                                            \
  static NUMC__CT_##E min_##E(const NUMC__CT_##E *a, int64_t n) {              \
    NUMC__CT_##E m = a[0];                                                     \
    for (int64_t i = 1; i < n; i++) m = a[i] < m ? a[i] : m;                   \
    return m;                                                                  \
  }
NUMC__SET_BIU(EXACT_MINMAX, _)

/*
 * Real floats: independent folds in the lanes of 4 native vectors (simd.h
 * numc__vmax/vmin: the rule of maximum/minimum, lanewise), combined, two
 * fix-ups make the result that of the sequential fold: a NaN result is the
 * first NaN of the segment (its payload), and a zero result is the last
 * zero of the segment (the fold replaces equal values, so its sign is the
 * last zero's). Any other value occurs with a single bit pattern.
 */
#define FLOAT_MINMAX1(E, T, fn, elfn)                                          \
  static T fn##_##E(const T *a, int64_t n) {                                   \
    typedef numc__vext_##E vec;                                                \
    enum { VL = NUMC__VBYTES / sizeof(T), NV = 4, W = VL * NV };               \
    T m = a[0];                                                                \
    int64_t i = 1;                                                             \
    if (n >= 2 * W) {                                                          \
      vec r[NV];                                                               \
      for (int j = 0; j < NV; j++) memcpy(&r[j], a + j * VL, sizeof r[j]);     \
      for (i = W; i + W <= n; i += W)                                          \
        for (int j = 0; j < NV; j++) {                                         \
          vec x;                                                               \
          memcpy(&x, a + i + j * VL, sizeof x);                                \
          r[j] = numc__v##fn##_##E(r[j], x);                                   \
        }                                                                      \
      m = r[0][0];                                                             \
      for (int j = 0; j < NV; j++)                                             \
        for (int k = 0; k < VL; k++) m = elfn##_##E(m, r[j][k]);               \
    }                                                                          \
    for (; i < n; i++) m = elfn##_##E(m, a[i]);                                \
    if (isnan(m)) {                                                            \
      for (i = 0; !isnan(a[i]); i++) {                                         \
      }                                                                        \
      return a[i];                                                             \
    }                                                                          \
    if (m == 0) {                                                              \
      for (i = n - 1; a[i] != 0; i--) {                                        \
      }                                                                        \
      return a[i];                                                             \
    }                                                                          \
    return m;                                                                  \
  }
#define FLOAT_MINMAX(E, T, S, UT)                                              \
  FLOAT_MINMAX1(E, T, max, el_maximum)                                         \
  FLOAT_MINMAX1(E, T, min, el_minimum)
NUMC__FLOAT_MAP(FLOAT_MINMAX)

/* Complex: the sequential fold (NumPy's lexicographic rules). */
#define COMPLEX_MINMAX(E, T, R, S, RE)                                         \
  static T max_##E(const T *a, int64_t n) {                                    \
    T m = a[0];                                                                \
    for (int64_t i = 1; i < n; i++) m = el_maximum_##E(m, a[i]);               \
    return m;                                                                  \
  }                                                                            \
  static T min_##E(const T *a, int64_t n) {                                    \
    T m = a[0];                                                                \
    for (int64_t i = 1; i < n; i++) m = el_minimum_##E(m, a[i]);               \
    return m;                                                                  \
  }
NUMC__COMPLEX_MAP(COMPLEX_MINMAX)

/* ---- all / any (bool) --------------------------------------------------- */

static uint8_t all_BOOL(const uint8_t *a, int64_t n) {
  uint8_t r = 1;
  for (int64_t i = 0; i < n; i++) r &= a[i] != 0;
  return r;
}
static uint8_t any_BOOL(const uint8_t *a, int64_t n) {
  uint8_t r = 0;
  for (int64_t i = 0; i < n; i++) r |= a[i] != 0;
  return r;
}

/* ---- segment loops and their table ---------------------------------------- */

/* seg_<fn>_<E>: out[s] = <fn>_<E>(segment s) for each of the nseg segments. */
#define DEF_SEG(E, fn)                                                         \
  static void seg_##fn##_##E(int64_t nseg, int64_t seglen, const char *in,     \
                             char *out) {                                      \
    const NUMC__CT_##E *a = (const NUMC__CT_##E *)in;                          \
    NUMC__CT_##E *o = (NUMC__CT_##E *)out;                                     \
    for (int64_t s = 0; s < nseg; s++) o[s] = fn##_##E(a + s * seglen, seglen); \
  }
#define SEG_ENTRY(E, fn, REDOP) [REDOP][NUMC_##E] = seg_##fn##_##E,

/* X(fn, REDOP, dtype set): one loop per dtype of the set. */
#define REDUCE_REGISTRY(X)                                                     \
  X(sum, NUMC_REDUCE_SUM, NUM)                                                 \
  X(prod, NUMC_REDUCE_PROD, NUM)                                               \
  X(min, NUMC_REDUCE_MIN, ALL)                                                 \
  X(max, NUMC_REDUCE_MAX, ALL)                                                 \
  X(all, NUMC_REDUCE_ALL, B)                                                   \
  X(any, NUMC_REDUCE_ANY, B)

#define DEFINE_SEG(fn, REDOP, set) NUMC__SET_##set(DEF_SEG, fn)
REDUCE_REGISTRY(DEFINE_SEG)
#define SEG_ROW(fn, REDOP, set) NUMC__SET_##set(SEG_ENTRY, fn, REDOP)

/* The segment reductions of this ISA (see loops_impl.h). */
const numc__seg_reduce_fn NUMC__ISA_SYM(numc__reduce_table)[NUMC_REDUCE__END]
                                                          [NUMC_NDTYPES] = {
    REDUCE_REGISTRY(SEG_ROW)};

/* ---- argmin / argmax ---------------------------------------------------- */

/*
 * better_<fn>_<E>(v, acc): does candidate v (later in the array) replace
 * the best-so-far acc? NumPy's argmax/argmin: a NaN (in either part for
 * complex) beats everything and is never beaten, so the first NaN wins;
 * otherwise only a strictly greater (smaller) value replaces, so the first
 * occurrence wins ties. Complex compares lexicographically.
 */
#define EXACT_BETTER(E, unused)                                                \
  static inline int better_argmax_##E(NUMC__CT_##E v, NUMC__CT_##E acc) {      \
    return v > acc;                                                            \
  }                                                                            \
  static inline int better_argmin_##E(NUMC__CT_##E v, NUMC__CT_##E acc) {      \
    return v < acc;                                                            \
  }
NUMC__SET_BIU(EXACT_BETTER, _)
#define FLOAT_BETTER(E, T, S, UT)                                              \
  static inline int better_argmax_##E(T v, T acc) {                            \
    return !isnan(acc) && (isnan(v) || v > acc);                               \
  }                                                                            \
  static inline int better_argmin_##E(T v, T acc) {                            \
    return !isnan(acc) && (isnan(v) || v < acc);                               \
  }
NUMC__FLOAT_MAP(FLOAT_BETTER)
#define COMPLEX_BETTER(E, T, R, S, RE)                                         \
  static inline int better_argmax_##E(T v, T acc) {                            \
    return !el_isnan_##E(acc) &&                                               \
           (el_isnan_##E(v) || v.re > acc.re ||                                \
            (v.re == acc.re && v.im > acc.im));                                \
  }                                                                            \
  static inline int better_argmin_##E(T v, T acc) {                            \
    return !el_isnan_##E(acc) &&                                               \
           (el_isnan_##E(v) || v.re < acc.re ||                                \
            (v.re == acc.re && v.im < acc.im));                                \
  }
NUMC__COMPLEX_MAP(COMPLEX_BETTER)

/* argfind_<fn>_<E>(a, n): index of the best element of a[0..n), n >= 1. */

/* Complex: NumPy's sequential scan. */
#define COMPLEX_ARGFIND(E, T, R, S, RE)                                        \
  static int64_t argfind_argmax_##E(const T *a, int64_t n) {                   \
    int64_t best = 0;                                                          \
    for (int64_t i = 1; i < n; i++)                                            \
      if (better_argmax_##E(a[i], a[best])) best = i;                          \
    return best;                                                               \
  }                                                                            \
  static int64_t argfind_argmin_##E(const T *a, int64_t n) {                   \
    int64_t best = 0;                                                          \
    for (int64_t i = 1; i < n; i++)                                            \
      if (better_argmin_##E(a[i], a[best])) best = i;                          \
    return best;                                                               \
  }
NUMC__COMPLEX_MAP(COMPLEX_ARGFIND)

/*
 * Bool, integers and real floats in two vectorisable passes: the extreme
 * value m (max_/min_ above; NaN if there is one), then the first index
 * holding it: the first NaN, or the first element == m (-0.0 == 0.0, so
 * the first zero of either sign, as NumPy's scan). The search tests chunks
 * of 16 elements at a time.
 */
#define FIRST_MATCH(E, T, name, MATCH)                                         \
  static int64_t name##_##E(const T *a, int64_t n, T m) {                      \
    int64_t i = 0;                                                             \
    (void)m;                                                                   \
    for (; i + 16 <= n; i += 16) { /* (GCC vectorises this shape) */           \
      uint8_t hit[16];                                                         \
      uint64_t w0, w1;                                                         \
      for (int k = 0; k < 16; k++) hit[k] = MATCH(a[i + k], m);                \
      memcpy(&w0, hit, 8);                                                     \
      memcpy(&w1, hit + 8, 8);                                                 \
      if (w0 | w1) break;                                                      \
    }                                                                          \
    for (; i < n; i++)                                                         \
      if (MATCH(a[i], m)) return i;                                            \
    return n - 1; /* not reached: m is an element */                           \
  }
#define MATCH_EQ(x, m) ((x) == (m))
#define MATCH_NAN(x, m) ((x) != (x))
#define ORDERED_ARGFIND(E, unused)                                             \
  FIRST_MATCH(E, NUMC__CT_##E, first_eq, MATCH_EQ)                             \
  ORDERED_ARGFIND_FN(E, argmax, max)                                           \
  ORDERED_ARGFIND_FN(E, argmin, min)
#define ORDERED_ARGFIND_FN(E, fn, ext)                                         \
  static int64_t argfind_##fn##_##E(const NUMC__CT_##E *a, int64_t n) {        \
    NUMC__CT_##E m = ext##_##E(a, n);                                          \
    if (el_isnan_##E(m)) return first_nan_##E(a, n, m);                        \
    return first_eq_##E(a, n, m);                                              \
  }
/* first_nan_<E>: only reached for floats (el_isnan is 0 otherwise). */
#define EXACT_FIRST_NAN(E, unused)                                             \
  static int64_t first_nan_##E(const NUMC__CT_##E *a, int64_t n,               \
                               NUMC__CT_##E m) {                               \
    (void)a, (void)m;                                                          \
    return n - 1;                                                              \
  }
#define FLOAT_FIRST_NAN(E, unused) FIRST_MATCH(E, NUMC__CT_##E, first_nan, MATCH_NAN)
NUMC__SET_BIU(EXACT_FIRST_NAN, _)
NUMC__SET_F(FLOAT_FIRST_NAN, _)
NUMC__SET_BIUF(ORDERED_ARGFIND, _)

/* segarg_<fn>_<E>: per segment, the best value and its index in the
 * segment. */
#define DEF_SEGARG(E, fn)                                                      \
  static void segarg_##fn##_##E(int64_t nseg, int64_t seglen, const char *in,  \
                                char *vals, int64_t *idx) {                    \
    const NUMC__CT_##E *a = (const NUMC__CT_##E *)in;                          \
    NUMC__CT_##E *v = (NUMC__CT_##E *)vals;                                    \
    for (int64_t s = 0; s < nseg; s++) {                                       \
      const NUMC__CT_##E *seg = a + s * seglen;                                \
      int64_t k = argfind_##fn##_##E(seg, seglen);                             \
      v[s] = seg[k];                                                           \
      idx[s] = k;                                                              \
    }                                                                          \
  }

/* argcomb_<fn>_<E>: the accumulator keeps its candidate unless beaten. */
#define DEF_ARGCOMB(E, fn)                                                     \
  static void argcomb_##fn##_##E(int64_t n, char *acc_vals, int64_t *acc_idx,  \
                                 const char *vals, const int64_t *idx) {       \
    NUMC__CT_##E *av = (NUMC__CT_##E *)acc_vals;                               \
    const NUMC__CT_##E *v = (const NUMC__CT_##E *)vals;                        \
    for (int64_t i = 0; i < n; i++)                                            \
      if (better_##fn##_##E(v[i], av[i])) av[i] = v[i], acc_idx[i] = idx[i];   \
  }

#define DEF_ARG(E, fn) DEF_SEGARG(E, fn) DEF_ARGCOMB(E, fn)
NUMC__SET_ALL(DEF_ARG, argmin)
NUMC__SET_ALL(DEF_ARG, argmax)

#define ARG_ENTRY(E, prefix, fn, row) [row][NUMC_##E] = prefix##_##fn##_##E,

/* The arg-reductions of this ISA, rows numc__argred_row(redop). */
const numc__seg_argreduce_fn NUMC__ISA_SYM(numc__argreduce_table)
    [NUMC__NARGRED][NUMC_NDTYPES] = {
        NUMC__SET_ALL(ARG_ENTRY, segarg, argmin, 0)
        NUMC__SET_ALL(ARG_ENTRY, segarg, argmax, 1)};

/* The arg-reduction combiners of this ISA, rows numc__argred_row(redop). */
const numc__argcombine_fn NUMC__ISA_SYM(numc__argcombine_table)
    [NUMC__NARGRED][NUMC_NDTYPES] = {
        NUMC__SET_ALL(ARG_ENTRY, argcomb, argmin, 0)
        NUMC__SET_ALL(ARG_ENTRY, argcomb, argmax, 1)};
