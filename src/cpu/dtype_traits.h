/*
 * cpu/dtype_traits.h - per-dtype traits for the loop templates: C types,
 * families and dtype sets. Every type-generic loop is written once as a
 * macro and instantiated per dtype from these lists.
 *
 * Self-contained (C standard headers and core/convert.h only), because
 * the kernel compiler (cpu/jit.c) ships it, with loops_elems.h, to the C
 * compiler that builds fused kernels at run time.
 */
#ifndef NUMC_CPU_DTYPE_TRAITS_H
#define NUMC_CPU_DTYPE_TRAITS_H

#include "../core/convert.h"

#include <stdint.h>

#define NUMC__CAT_(a, b) a##b
#define NUMC__CAT(a, b) NUMC__CAT_(a, b)

/* ---- dtype traits for the templates ----------------------------------- */

/* Integers: X(E, T, AT): AT is an unsigned type at least as wide as T and
 * as unsigned int, so wraparound arithmetic is done in AT without the
 * promotion to (signed) int that could overflow. */
#define NUMC__SINT_MAP(X)                                                      \
  X(INT8, int8_t, uint32_t)                                                    \
  X(INT16, int16_t, uint32_t)                                                  \
  X(INT32, int32_t, uint32_t)                                                  \
  X(INT64, int64_t, uint64_t)
#define NUMC__UINT_MAP(X)                                                      \
  X(UINT8, uint8_t, uint32_t)                                                  \
  X(UINT16, uint16_t, uint32_t)                                                \
  X(UINT32, uint32_t, uint32_t)                                                \
  X(UINT64, uint64_t, uint64_t)

/* Real floats: X(E, T, S, UT): S is the libm suffix (f or empty), UT the
 * unsigned integer type of the same width (for bit tests). */
#define NUMC__FLOAT_MAP(X)                                                     \
  X(FLOAT32, float, f, uint32_t)                                               \
  X(FLOAT64, double, , uint64_t)

/* Complex: X(E, T, R, S, RE): R the real C type, S the libm suffix, RE the
 * real dtype's ENUM name. */
#define NUMC__COMPLEX_MAP(X)                                                   \
  X(COMPLEX64, numc__c64, float, f, FLOAT32)                                   \
  X(COMPLEX128, numc__c128, double, , FLOAT64)

/* Real C type of each dtype: the component type for complex, the dtype's
 * own C type otherwise (the output type of abs/real/imag). */
#define NUMC__RT_BOOL uint8_t
#define NUMC__RT_INT8 int8_t
#define NUMC__RT_UINT8 uint8_t
#define NUMC__RT_INT16 int16_t
#define NUMC__RT_UINT16 uint16_t
#define NUMC__RT_INT32 int32_t
#define NUMC__RT_UINT32 uint32_t
#define NUMC__RT_INT64 int64_t
#define NUMC__RT_UINT64 uint64_t
#define NUMC__RT_FLOAT32 float
#define NUMC__RT_FLOAT64 double
#define NUMC__RT_COMPLEX64 float
#define NUMC__RT_COMPLEX128 double

/* Family of each dtype: BOOL, SINT (signed), UINT (unsigned), REAL (real
 * float), CPLX (complex), for templates whose shape depends on it. (Not
 * single letters: <complex.h> defines I.) */
#define NUMC__FAMILY_BOOL BOOL
#define NUMC__FAMILY_INT8 SINT
#define NUMC__FAMILY_UINT8 UINT
#define NUMC__FAMILY_INT16 SINT
#define NUMC__FAMILY_UINT16 UINT
#define NUMC__FAMILY_INT32 SINT
#define NUMC__FAMILY_UINT32 UINT
#define NUMC__FAMILY_INT64 SINT
#define NUMC__FAMILY_UINT64 UINT
#define NUMC__FAMILY_FLOAT32 REAL
#define NUMC__FAMILY_FLOAT64 REAL
#define NUMC__FAMILY_COMPLEX64 CPLX
#define NUMC__FAMILY_COMPLEX128 CPLX

/*
 * Dtype sets, for instantiating a template over a family:
 * NUMC__SET_<name>(M, args...) expands M(E, args...) for each dtype E of the
 * set. B bool, I signed, U unsigned, F real float, C complex.
 */
#define NUMC__SET_B(M, ...) M(BOOL, __VA_ARGS__)
#define NUMC__SET_I(M, ...)                                                    \
  M(INT8, __VA_ARGS__) M(INT16, __VA_ARGS__) M(INT32, __VA_ARGS__)             \
  M(INT64, __VA_ARGS__)
#define NUMC__SET_U(M, ...)                                                    \
  M(UINT8, __VA_ARGS__) M(UINT16, __VA_ARGS__) M(UINT32, __VA_ARGS__)          \
  M(UINT64, __VA_ARGS__)
#define NUMC__SET_F(M, ...) M(FLOAT32, __VA_ARGS__) M(FLOAT64, __VA_ARGS__)
#define NUMC__SET_C(M, ...) M(COMPLEX64, __VA_ARGS__) M(COMPLEX128, __VA_ARGS__)
#define NUMC__SET_IU(M, ...) NUMC__SET_I(M, __VA_ARGS__) NUMC__SET_U(M, __VA_ARGS__)
#define NUMC__SET_BIU(M, ...) NUMC__SET_B(M, __VA_ARGS__) NUMC__SET_IU(M, __VA_ARGS__)
#define NUMC__SET_IUF(M, ...) NUMC__SET_IU(M, __VA_ARGS__) NUMC__SET_F(M, __VA_ARGS__)
#define NUMC__SET_BIUF(M, ...) NUMC__SET_B(M, __VA_ARGS__) NUMC__SET_IUF(M, __VA_ARGS__)
#define NUMC__SET_FC(M, ...) NUMC__SET_F(M, __VA_ARGS__) NUMC__SET_C(M, __VA_ARGS__)
#define NUMC__SET_NUM(M, ...) NUMC__SET_IUF(M, __VA_ARGS__) NUMC__SET_C(M, __VA_ARGS__)
#define NUMC__SET_ALL(M, ...) NUMC__SET_B(M, __VA_ARGS__) NUMC__SET_NUM(M, __VA_ARGS__)
#define NUMC__SET_I64(M, ...) M(INT64, __VA_ARGS__)

#endif /* NUMC_CPU_DTYPE_TRAITS_H */
