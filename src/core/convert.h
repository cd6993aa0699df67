/*
 * core/convert.h - element conversions between dtypes, shared by the cast
 * loops and scalar code so that a value converts the same way everywhere.
 *
 * Every source value is first widened losslessly to one of four canonical
 * forms (int64, uint64, double, complex double); each target converts from
 * those. Float-to-integer conversions that C leaves undefined (NaN, inf, out
 * of range) are defined here, following x86's scalar results as NumPy's
 * scalar casts show them: 8- and 16-bit targets go through int32, uint32
 * through int64, and the "integer indefinite" value (INT_MIN) marks a failed
 * conversion. NumPy itself warns "invalid value encountered in cast" there.
 */
#ifndef NUMC_CORE_CONVERT_H
#define NUMC_CORE_CONVERT_H

#include <stdint.h>

typedef struct numc__c64 {
  float re, im;
} numc__c64;
typedef struct numc__c128 {
  double re, im;
} numc__c128;

static inline int64_t numc__f2i64(double x) {
  return (x >= -0x1p63 && x < 0x1p63) ? (int64_t)x : INT64_MIN;
}
static inline int32_t numc__f2i32(double x) {
  return (x > -0x1p31 - 1.0 && x < 0x1p31) ? (int32_t)x : INT32_MIN;
}
static inline uint64_t numc__f2u64(double x) {
  if (x >= -0x1p63 && x < 0x1p63) return (uint64_t)(int64_t)x;
  if (x >= 0x1p63 && x < 0x1p64)
    return (uint64_t)(int64_t)(x - 0x1p63) ^ ((uint64_t)1 << 63);
  if (x >= 0x1p64) return 0;
  return (uint64_t)1 << 63;
}

/* Per target dtype: conversion from the canonical forms. Naming:
 * numc__to_<dtype>_<form>(value), form one of i (int64), u (uint64),
 * f (double), c (re, im). */
#define NUMC__CONV_INT_TARGET(E, T, FROMF)                                  \
  static inline T numc__to_##E##_i(int64_t x) { return (T)x; }              \
  static inline T numc__to_##E##_u(uint64_t x) { return (T)x; }             \
  static inline T numc__to_##E##_f(double x) { return (T)(FROMF); }         \
  static inline T numc__to_##E##_c(double re, double im) {                  \
    (void)im;                                                                  \
    return numc__to_##E##_f(re);                                            \
  }
NUMC__CONV_INT_TARGET(INT8, int8_t, (uint32_t)numc__f2i32(x))
NUMC__CONV_INT_TARGET(UINT8, uint8_t, (uint32_t)numc__f2i32(x))
NUMC__CONV_INT_TARGET(INT16, int16_t, (uint32_t)numc__f2i32(x))
NUMC__CONV_INT_TARGET(UINT16, uint16_t, (uint32_t)numc__f2i32(x))
NUMC__CONV_INT_TARGET(INT32, int32_t, numc__f2i32(x))
NUMC__CONV_INT_TARGET(UINT32, uint32_t, (uint64_t)numc__f2i64(x))
NUMC__CONV_INT_TARGET(INT64, int64_t, numc__f2i64(x))
NUMC__CONV_INT_TARGET(UINT64, uint64_t, numc__f2u64(x))
#undef NUMC__CONV_INT_TARGET

static inline uint8_t numc__to_BOOL_i(int64_t x) { return x != 0; }
static inline uint8_t numc__to_BOOL_u(uint64_t x) { return x != 0; }
static inline uint8_t numc__to_BOOL_f(double x) { return x != 0; }
static inline uint8_t numc__to_BOOL_c(double re, double im) {
  return re != 0 || im != 0;
}

#define NUMC__CONV_FLOAT_TARGET(E, T)                                       \
  static inline T numc__to_##E##_i(int64_t x) { return (T)x; }              \
  static inline T numc__to_##E##_u(uint64_t x) { return (T)x; }             \
  static inline T numc__to_##E##_f(double x) { return (T)x; }               \
  static inline T numc__to_##E##_c(double re, double im) {                  \
    (void)im;                                                                  \
    return (T)re;                                                              \
  }
NUMC__CONV_FLOAT_TARGET(FLOAT32, float)
NUMC__CONV_FLOAT_TARGET(FLOAT64, double)
#undef NUMC__CONV_FLOAT_TARGET

#define NUMC__CONV_COMPLEX_TARGET(E, T, R)                                  \
  static inline T numc__to_##E##_i(int64_t x) { return (T){(R)x, 0}; }      \
  static inline T numc__to_##E##_u(uint64_t x) { return (T){(R)x, 0}; }     \
  static inline T numc__to_##E##_f(double x) { return (T){(R)x, 0}; }       \
  static inline T numc__to_##E##_c(double re, double im) {                  \
    return (T){(R)re, (R)im};                                                  \
  }
NUMC__CONV_COMPLEX_TARGET(COMPLEX64, numc__c64, float)
NUMC__CONV_COMPLEX_TARGET(COMPLEX128, numc__c128, double)
#undef NUMC__CONV_COMPLEX_TARGET

/*
 * The source side: how each dtype's element `x` is widened, as a call
 * expression suffix. NUMC__FROM_<E>(target, x) converts element x of dtype E
 * to `target` (a dtype ENUM name as used by numc__to_<ENUM>_*).
 */
#define NUMC__FROM_BOOL(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_INT8(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_UINT8(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_INT16(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_UINT16(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_INT32(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_UINT32(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_INT64(to, x) numc__to_##to##_i((int64_t)(x))
#define NUMC__FROM_UINT64(to, x) numc__to_##to##_u((uint64_t)(x))
#define NUMC__FROM_FLOAT32(to, x) numc__to_##to##_f((double)(x))
#define NUMC__FROM_FLOAT64(to, x) numc__to_##to##_f((double)(x))
#define NUMC__FROM_COMPLEX64(to, x)                                            \
  numc__to_##to##_c((double)(x).re, (double)(x).im)
#define NUMC__FROM_COMPLEX128(to, x) numc__to_##to##_c((x).re, (x).im)

/* C storage type of each dtype, for templates: NUMC__CT_<E>. */
#define NUMC__CT_BOOL uint8_t
#define NUMC__CT_INT8 int8_t
#define NUMC__CT_UINT8 uint8_t
#define NUMC__CT_INT16 int16_t
#define NUMC__CT_UINT16 uint16_t
#define NUMC__CT_INT32 int32_t
#define NUMC__CT_UINT32 uint32_t
#define NUMC__CT_INT64 int64_t
#define NUMC__CT_UINT64 uint64_t
#define NUMC__CT_FLOAT32 float
#define NUMC__CT_FLOAT64 double
#define NUMC__CT_COMPLEX64 numc__c64
#define NUMC__CT_COMPLEX128 numc__c128

#endif /* NUMC_CORE_CONVERT_H */
