/*
 * numc/dtype.h - data types, scalars, promotion and casting.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * Promotion follows NumPy 2 (NEP 50): array dtypes promote by the usual
 * lattice; Python scalars are "weak" and take the kind of the array they meet
 * (int8 array + Python int -> int8) unless their kind is higher
 * (int8 array + Python float -> float64). A weak Python int that does not fit
 * the integer dtype it is converted to is an error (NUMC_EOVERFLOW), as in
 * NumPy 2.
 */
#ifndef NUMC_DTYPE_H
#define NUMC_DTYPE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The dtype list: X(ENUM, name, C type, itemsize, kind, NumPy char code).
 * kind: 'b' bool, 'i' signed int, 'u' unsigned int, 'f' real float,
 * 'c' complex float. Complex values are stored as two consecutive reals.
 */
#define NUMC_DTYPE_MAP(X)                                                      \
  X(BOOL, bool, uint8_t, 1, 'b', '?')                                          \
  X(INT8, int8, int8_t, 1, 'i', 'b')                                           \
  X(UINT8, uint8, uint8_t, 1, 'u', 'B')                                        \
  X(INT16, int16, int16_t, 2, 'i', 'h')                                        \
  X(UINT16, uint16, uint16_t, 2, 'u', 'H')                                     \
  X(INT32, int32, int32_t, 4, 'i', 'i')                                        \
  X(UINT32, uint32, uint32_t, 4, 'u', 'I')                                     \
  X(INT64, int64, int64_t, 8, 'i', 'q')                                        \
  X(UINT64, uint64, uint64_t, 8, 'u', 'Q')                                     \
  X(FLOAT32, float32, float, 4, 'f', 'f')                                      \
  X(FLOAT64, float64, double, 8, 'f', 'd')                                     \
  X(COMPLEX64, complex64, float, 8, 'c', 'F')                                  \
  X(COMPLEX128, complex128, double, 16, 'c', 'D')

typedef enum numc_dtype {
#define NUMC__DTYPE_ENUM(E, name, ctype, size, kind, ch) NUMC_##E,
  NUMC_DTYPE_MAP(NUMC__DTYPE_ENUM)
#undef NUMC__DTYPE_ENUM
  NUMC_NDTYPES,
  /* Passed where a dtype argument is optional: "choose the default". */
  NUMC_DTYPE_DEFAULT = -1
} numc_dtype;

/* Size in bytes of one element; 0 for an invalid dtype. */
NUMC_API size_t numc_dtype_itemsize(numc_dtype dt);

/* Canonical name ("float64"); "invalid" for an invalid dtype. */
NUMC_API const char *numc_dtype_name(numc_dtype dt);

/* Kind character: 'b', 'i', 'u', 'f', 'c'; 0 for an invalid dtype. */
NUMC_API char numc_dtype_kind(numc_dtype dt);

/* NumPy one-character type code ('d' for float64); 0 for an invalid dtype. */
NUMC_API char numc_dtype_char(numc_dtype dt);

/* Parses a dtype name: canonical names, NumPy aliases ("double", "float",
 * "int", "bool_", "complex") and type codes ("f8", "<f8", "d", "i4", "?").
 * Returns NUMC_ETYPE with a message for an unknown name. */
NUMC_API int numc_dtype_from_name(numc_dtype *out, const char *name);

/* The real dtype of the same precision (complex64 -> float32); other dtypes
 * map to themselves. */
NUMC_API numc_dtype numc_dtype_real(numc_dtype dt);

/* The default dtypes of the library: int64 for integers, float64, complex128
 * (Array API "default_dtypes"), and intp (int64) for indices. */
#define NUMC_DEFAULT_INT NUMC_INT64
#define NUMC_DEFAULT_FLOAT NUMC_FLOAT64
#define NUMC_DEFAULT_COMPLEX NUMC_COMPLEX128
#define NUMC_INTP NUMC_INT64

/*
 * A scalar value. For a typed scalar `dtype` gives its type and the matching
 * union member holds the value. A weak scalar (weak != 0) stands for a Python
 * bool/int/float/complex: its dtype is NUMC_BOOL, NUMC_INT64 (an int that
 * fits int64), NUMC_UINT64 (an int in (INT64_MAX, UINT64_MAX]), NUMC_FLOAT64
 * or NUMC_COMPLEX128.
 */
typedef struct numc_scalar {
  numc_dtype dtype;
  int weak;
  union {
    uint8_t b;
    int8_t i8;
    uint8_t u8;
    int16_t i16;
    uint16_t u16;
    int32_t i32;
    uint32_t u32;
    int64_t i64;
    uint64_t u64;
    float f32;
    double f64;
    float c64[2];
    double c128[2];
  } v;
} numc_scalar;

/* Convenience constructors for weak (Python-like) scalars. */
static inline numc_scalar numc_weak_bool(int b) {
  numc_scalar s;
  s.dtype = NUMC_BOOL, s.weak = 1, s.v.c128[0] = 0, s.v.c128[1] = 0;
  s.v.b = (uint8_t)(b != 0);
  return s;
}
static inline numc_scalar numc_weak_int(int64_t i) {
  numc_scalar s;
  s.dtype = NUMC_INT64, s.weak = 1, s.v.c128[0] = 0, s.v.c128[1] = 0;
  s.v.i64 = i;
  return s;
}
static inline numc_scalar numc_weak_float(double f) {
  numc_scalar s;
  s.dtype = NUMC_FLOAT64, s.weak = 1, s.v.c128[1] = 0;
  s.v.f64 = f;
  return s;
}
static inline numc_scalar numc_weak_complex(double re, double im) {
  numc_scalar s;
  s.dtype = NUMC_COMPLEX128, s.weak = 1;
  s.v.c128[0] = re, s.v.c128[1] = im;
  return s;
}

/* Converts a scalar to dtype `to` (C conversion semantics, as NumPy's unsafe
 * cast; complex -> real drops the imaginary part). A weak integer that does
 * not fit an integer `to` gives NUMC_EOVERFLOW ("Python integer 300 out of
 * bounds for uint8"). The result is a typed (non-weak) scalar. */
NUMC_API int numc_scalar_cast(numc_scalar *out, const numc_scalar *s,
                              numc_dtype to);

/* Casting rules, as NumPy's `casting=` argument. */
typedef enum numc_casting {
  NUMC_CASTING_NO = 0,
  NUMC_CASTING_EQUIV = 1,
  NUMC_CASTING_SAFE = 2,
  NUMC_CASTING_SAME_KIND = 3,
  NUMC_CASTING_UNSAFE = 4
} numc_casting;

/* 1 if a value of dtype `from` may be cast to `to` under `casting`, else 0
 * (also 0 for invalid dtypes). Matches np.can_cast on dtypes. */
NUMC_API int numc_can_cast(numc_dtype from, numc_dtype to, numc_casting casting);

/* The smallest dtype both a and b cast to safely (np.promote_types). Every
 * pair of numc dtypes has one; NUMC_EINVAL for an invalid dtype. */
NUMC_API int numc_promote_types(numc_dtype *out, numc_dtype a, numc_dtype b);

/*
 * np.result_type over `ndtypes` array dtypes and `nscalars` scalars (weak
 * scalars follow NEP 50; typed scalars count as dtypes). With only weak
 * scalars the result is the default dtype of the highest kind. As
 * np.result_type, weak integers are not range-checked here (operations and
 * numc_scalar_cast check them). NUMC_EINVAL if there is nothing to promote.
 */
NUMC_API int numc_result_type(numc_dtype *out, int ndtypes,
                              const numc_dtype *dtypes, int nscalars,
                              const numc_scalar *scalars);

/* Machine limits of a floating dtype (np.finfo). For complex dtypes the
 * values describe the real component and `dtype` is the real dtype. */
typedef struct numc_finfo {
  numc_dtype dtype;
  int bits;
  int precision;          /* approximate decimal digits */
  double eps;             /* 2**-(mantissa bits) */
  double epsneg;
  double max;
  double min;             /* -max */
  double smallest_normal; /* np.finfo.smallest_normal (== tiny) */
  double smallest_subnormal;
  double resolution;      /* 10**-precision */
  int nmant, nexp, minexp, maxexp;
} numc_finfo;

/* Fills *out for a float or complex dtype; NUMC_EDTYPE otherwise. */
NUMC_API int numc_finfo_get(numc_finfo *out, numc_dtype dt);

/* Limits of an integer dtype (np.iinfo). `max` is stored as uint64 so that
 * uint64's maximum fits; `min` is 0 for unsigned types. */
typedef struct numc_iinfo {
  numc_dtype dtype;
  int bits;
  int64_t min;
  uint64_t max;
} numc_iinfo;

/* Fills *out for an integer dtype; NUMC_EDTYPE otherwise (also for bool,
 * as NumPy). */
NUMC_API int numc_iinfo_get(numc_iinfo *out, numc_dtype dt);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_DTYPE_H */
