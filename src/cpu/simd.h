/*
 * cpu/simd.h - the small SIMD layer of the loop files.
 *
 * For the ISA being compiled (NUMC_ISA, see loops_impl.h) it names the
 * vector type, lane count, unaligned load/store and SLEEF 1.0-ULP function
 * of each real float dtype, so that a loop template can say
 * NUMC__SLEEF_FLOAT64(exp)(NUMC__VLOAD_FLOAT64(p)):
 *   avx2: __m256d / __m256, Sleef_<fn>d4_u10avx2 / Sleef_<fn>f8_u10avx2
 *   base on x86-64: __m128d / __m128, Sleef_<fn>d2_u10sse2 / ..f4_u10sse2
 *   base elsewhere: scalars, Sleef_<fn>_u10 / Sleef_<fn>f_u10
 * It also has vector rounding functions (rint, floor, ceil, trunc), and
 * NUMC__VBYTES, the native vector width for GCC vector extensions.
 */
#ifndef NUMC_CPU_SIMD_H
#define NUMC_CPU_SIMD_H

#include "loops_impl.h"

#ifndef NUMC_ISA
#error "loop files are compiled with -DNUMC_ISA=<isa> (see src/meson.build)"
#endif

#if NUMC__ISA_ID == NUMC__ISA_ID_avx2
#if !defined(__AVX2__)
#error "NUMC_ISA=avx2 needs -mavx2"
#endif
/*
 * The loops themselves must not use FMA (results must equal the baseline
 * build's, bit for bit), but GCC 12's SLP vectoriser turns the complex
 * multiply's a*b - c*d, a*d + c*b into vfmaddsub even under
 * -ffp-contract=off. The SLEEF avx2 functions (which need FMA at run time,
 * hence the dispatcher's check) live in libsleef, so the loop files can
 * simply be compiled without FMA (set before any intrinsics header is
 * read, so that the intrinsics agree with it).
 */
#if defined(__FMA__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC target("no-fma")
#endif
#endif

#include <math.h>
#include <sleef.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#if NUMC__ISA_ID == NUMC__ISA_ID_avx2
typedef __m256d numc__vec_FLOAT64;
typedef __m256 numc__vec_FLOAT32;
#define NUMC__VBYTES 32
#define NUMC__VLEN_FLOAT64 4
#define NUMC__VLEN_FLOAT32 8
#define NUMC__VLOAD_FLOAT64(p) _mm256_loadu_pd(p)
#define NUMC__VLOAD_FLOAT32(p) _mm256_loadu_ps(p)
#define NUMC__VSTORE_FLOAT64(p, v) _mm256_storeu_pd(p, v)
#define NUMC__VSTORE_FLOAT32(p, v) _mm256_storeu_ps(p, v)
#define NUMC__SLEEF_FLOAT64(fn) Sleef_##fn##d4_u10avx2
#define NUMC__SLEEF_FLOAT32(fn) Sleef_##fn##f8_u10avx2
#elif defined(__SSE2__)
typedef __m128d numc__vec_FLOAT64;
typedef __m128 numc__vec_FLOAT32;
#define NUMC__VBYTES 16
#define NUMC__VLEN_FLOAT64 2
#define NUMC__VLEN_FLOAT32 4
#define NUMC__VLOAD_FLOAT64(p) _mm_loadu_pd(p)
#define NUMC__VLOAD_FLOAT32(p) _mm_loadu_ps(p)
#define NUMC__VSTORE_FLOAT64(p, v) _mm_storeu_pd(p, v)
#define NUMC__VSTORE_FLOAT32(p, v) _mm_storeu_ps(p, v)
#define NUMC__SLEEF_FLOAT64(fn) Sleef_##fn##d2_u10sse2
#define NUMC__SLEEF_FLOAT32(fn) Sleef_##fn##f4_u10sse2
#else
typedef double numc__vec_FLOAT64;
typedef float numc__vec_FLOAT32;
#define NUMC__VBYTES 16 /* GCC vector extensions lower it as they can */
#define NUMC__VLEN_FLOAT64 1
#define NUMC__VLEN_FLOAT32 1
#define NUMC__VLOAD_FLOAT64(p) (*(p))
#define NUMC__VLOAD_FLOAT32(p) (*(p))
#define NUMC__VSTORE_FLOAT64(p, v) (*(p) = (v))
#define NUMC__VSTORE_FLOAT32(p, v) (*(p) = (v))
#define NUMC__SLEEF_FLOAT64(fn) Sleef_##fn##_u10
#define NUMC__SLEEF_FLOAT32(fn) Sleef_##fn##f_u10
#endif

/*
 * GCC vector extension types of native width (numc__vext_<E>, lanes of
 * real float E), and lanewise maximum/minimum with NumPy's NaN rule,
 * numc__vmax_<E>(r, x) = (r > x || isnan(r)) ? r : x (and < for min),
 * written with intrinsics: GCC's generic lowering of the mask logic is
 * scalar for 64-bit lanes on SSE2.
 */
typedef double numc__vext_FLOAT64 __attribute__((vector_size(NUMC__VBYTES)));
typedef float numc__vext_FLOAT32 __attribute__((vector_size(NUMC__VBYTES)));
#if NUMC__ISA_ID == NUMC__ISA_ID_avx2
#define NUMC__VMINMAX(E, V, SFX, fn, PRED)                                     \
  static inline numc__vext_##E numc__v##fn##_##E(numc__vext_##E r,             \
                                                 numc__vext_##E x) {           \
    V keep = _mm256_or_##SFX(_mm256_cmp_##SFX((V)r, (V)x, PRED),               \
                             _mm256_cmp_##SFX((V)r, (V)r, _CMP_UNORD_Q));      \
    return (numc__vext_##E)_mm256_blendv_##SFX((V)x, (V)r, keep);             \
  }
#define NUMC__PRED_max _CMP_GT_OQ
#define NUMC__PRED_min _CMP_LT_OQ
#elif defined(__SSE2__)
#define NUMC__VMINMAX(E, V, SFX, fn, PRED)                                     \
  static inline numc__vext_##E numc__v##fn##_##E(numc__vext_##E r,             \
                                                 numc__vext_##E x) {           \
    V keep = _mm_or_##SFX(PRED((V)r, (V)x), _mm_cmpunord_##SFX((V)r, (V)r));   \
    return (numc__vext_##E)_mm_or_##SFX(_mm_and_##SFX(keep, (V)r),             \
                                        _mm_andnot_##SFX(keep, (V)x));         \
  }
#define NUMC__PRED_max(SFX) _mm_cmpgt_##SFX
#define NUMC__PRED_min(SFX) _mm_cmplt_##SFX
#else
#define NUMC__VMINMAX(E, V, SFX, fn, PRED)                                     \
  static inline numc__vext_##E numc__v##fn##_##E(numc__vext_##E r,             \
                                                 numc__vext_##E x) {           \
    for (int k = 0; k < (int)(sizeof r / sizeof r[0]); k++)                    \
      if (!(r[k] PRED x[k] || r[k] != r[k])) r[k] = x[k];                      \
    return r;                                                                  \
  }
#define NUMC__PRED_max >
#define NUMC__PRED_min <
#endif
#if defined(__SSE2__) && NUMC__ISA_ID != NUMC__ISA_ID_avx2
#define NUMC__VMINMAX_PRED(fn, SFX) NUMC__PRED_##fn(SFX)
#else
#define NUMC__VMINMAX_PRED(fn, SFX) NUMC__PRED_##fn
#endif
NUMC__VMINMAX(FLOAT64, numc__vec_FLOAT64, pd, max, NUMC__VMINMAX_PRED(max, pd))
NUMC__VMINMAX(FLOAT64, numc__vec_FLOAT64, pd, min, NUMC__VMINMAX_PRED(min, pd))
NUMC__VMINMAX(FLOAT32, numc__vec_FLOAT32, ps, max, NUMC__VMINMAX_PRED(max, ps))
NUMC__VMINMAX(FLOAT32, numc__vec_FLOAT32, ps, min, NUMC__VMINMAX_PRED(min, ps))
#undef NUMC__VMINMAX

/*
 * Rounding of whole vectors: numc__v_<fn>_<E>(v) for fn in rint (round half
 * to even), floor, ceil, trunc, with the C library's results (signed zeros
 * included: floor(-0.5) = -1, ceil(-0.5) = -0.0, trunc(-0.5) = -0.0) and no
 * floating-point exceptions beyond those of the input. GCC does not
 * vectorise floor()/ceil()/trunc() under the default -ftrapping-math, so
 * the loops call these. AVX2 has a rounding instruction; SSE2 rounds |x|
 * below 2**(mantissa bits) by adding and subtracting that power of two
 * (larger values, inf and NaN are integral or NaN already), floor
 * subtracts 1 where that rounded up, ceil(x) = -floor(-x) and
 * trunc(x) = copysign(floor(|x|), x).
 */
#if NUMC__ISA_ID == NUMC__ISA_ID_avx2
#define NUMC__VROUND(E, V, SFX, BIG)                                           \
  static inline V numc__v_rint_##E(V x) {                                      \
    return _mm256_round_##SFX(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); \
  }                                                                            \
  static inline V numc__v_floor_##E(V x) {                                     \
    return _mm256_round_##SFX(x, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);   \
  }                                                                            \
  static inline V numc__v_ceil_##E(V x) {                                      \
    return _mm256_round_##SFX(x, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC);   \
  }                                                                            \
  static inline V numc__v_trunc_##E(V x) {                                     \
    return _mm256_round_##SFX(x, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);      \
  }
NUMC__VROUND(FLOAT64, __m256d, pd, 0x1p52)
NUMC__VROUND(FLOAT32, __m256, ps, 0x1p23f)
#elif defined(__SSE2__)
#define NUMC__VROUND(E, V, SFX, BIG)                                           \
  static inline V numc__v_rint_##E(V x) {                                      \
    const V big = _mm_set1_##SFX(BIG), sign = _mm_set1_##SFX(-0.0f);           \
    V t = _mm_andnot_##SFX(sign, x);                                           \
    V r = _mm_sub_##SFX(_mm_add_##SFX(t, big), big);                           \
    V m = _mm_cmplt_##SFX(t, big);                                             \
    r = _mm_or_##SFX(r, _mm_and_##SFX(sign, x));                               \
    return _mm_or_##SFX(_mm_and_##SFX(m, r), _mm_andnot_##SFX(m, x));          \
  }                                                                            \
  static inline V numc__v_floor_##E(V x) {                                     \
    V r = numc__v_rint_##E(x);                                                 \
    V up = _mm_and_##SFX(_mm_cmpgt_##SFX(r, x), _mm_set1_##SFX(1.0f));        \
    return _mm_sub_##SFX(r, up);                                               \
  }                                                                            \
  static inline V numc__v_ceil_##E(V x) {                                      \
    const V sign = _mm_set1_##SFX(-0.0f);                                      \
    return _mm_xor_##SFX(numc__v_floor_##E(_mm_xor_##SFX(x, sign)), sign);     \
  }                                                                            \
  static inline V numc__v_trunc_##E(V x) {                                     \
    const V sign = _mm_set1_##SFX(-0.0f);                                      \
    V f = numc__v_floor_##E(_mm_andnot_##SFX(sign, x));                        \
    return _mm_or_##SFX(f, _mm_and_##SFX(sign, x));                            \
  }
NUMC__VROUND(FLOAT64, __m128d, pd, 0x1p52)
NUMC__VROUND(FLOAT32, __m128, ps, 0x1p23f)
#else
#define NUMC__VROUND(E, V, S, BIG)                                             \
  static inline V numc__v_rint_##E(V x) { return rint##S(x); }                 \
  static inline V numc__v_floor_##E(V x) { return floor##S(x); }               \
  static inline V numc__v_ceil_##E(V x) { return ceil##S(x); }                 \
  static inline V numc__v_trunc_##E(V x) { return trunc##S(x); }
NUMC__VROUND(FLOAT64, double, , 0)
NUMC__VROUND(FLOAT32, float, f, 0)
#endif
#undef NUMC__VROUND
/* numc's round is rint. */
#define numc__v_round_FLOAT32 numc__v_rint_FLOAT32
#define numc__v_round_FLOAT64 numc__v_rint_FLOAT64

#endif /* NUMC_CPU_SIMD_H */
