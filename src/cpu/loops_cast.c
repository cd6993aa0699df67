/*
 * cpu/loops_cast.c - the 13 x 13 dtype conversion loops, compiled once per
 * ISA (loops_impl.h). Every conversion is core/convert.h's, the same code
 * the scalar paths use, so an array cast and a scalar cast of the same value
 * agree bit for bit (float -> int of NaN/inf/out-of-range values included).
 * A conversion to the same dtype is a copy of the bytes.
 */
#include "loops_impl.h"

#include <string.h>

/* cast_<F>_<T>: o[i] = element a[i] of dtype F converted to dtype T by
 * CONV(T, F, x). The output may be the input (same address, same
 * itemsize). */
#define DEF_CAST(T, F, CONV)                                                   \
  static void cast_##F##_##T(int64_t n, char *const *args, const void *aux) {  \
    const NUMC__CT_##F *a = (const NUMC__CT_##F *)args[0];                     \
    NUMC__CT_##T *o = (NUMC__CT_##T *)args[1];                                 \
    (void)aux;                                                                 \
    if (NUMC_##F == NUMC_##T) { /* resolved at compile time */                 \
      if (args[1] != args[0]) memcpy(args[1], args[0], (size_t)n * sizeof *o); \
      return;                                                                  \
    }                                                                          \
    for (int64_t i = 0; i < n; i++) o[i] = CONV(T, F, a[i]);                   \
  }

/* The conversion: convert.h's, NUMC__FROM_<F>(T, x). */
#define CONV_STD(T, F, x) NUMC__FROM_##F(T, x)

/*
 * Integer sources of at most 32 bits to float/complex targets go through
 * convert.h's double entry instead of its int64 one: (double)x is exact for
 * them, so the value is the same (one rounding to T either way), but
 * 32-bit integer -> floating conversions vectorise and 64-bit ones do not
 * (uint8 -> float32 runs at SIMD speed).
 */
#define CONV_NARROW(T, F, x) NARROW_TO_##T(T, F, x)
#define NARROW_VIA_DOUBLE(T, F, x) numc__to_##T##_f((double)(x))
#define NARROW_TO_BOOL CONV_STD
#define NARROW_TO_INT8 CONV_STD
#define NARROW_TO_UINT8 CONV_STD
#define NARROW_TO_INT16 CONV_STD
#define NARROW_TO_UINT16 CONV_STD
#define NARROW_TO_INT32 CONV_STD
#define NARROW_TO_UINT32 CONV_STD
#define NARROW_TO_INT64 CONV_STD
#define NARROW_TO_UINT64 CONV_STD
#define NARROW_TO_FLOAT32 NARROW_VIA_DOUBLE
#define NARROW_TO_FLOAT64 NARROW_VIA_DOUBLE
#define NARROW_TO_COMPLEX64 NARROW_VIA_DOUBLE
#define NARROW_TO_COMPLEX128 NARROW_VIA_DOUBLE

/* The conversion rule of each source dtype. */
#define CONV_FROM_BOOL CONV_NARROW
#define CONV_FROM_INT8 CONV_NARROW
#define CONV_FROM_UINT8 CONV_NARROW
#define CONV_FROM_INT16 CONV_NARROW
#define CONV_FROM_UINT16 CONV_NARROW
#define CONV_FROM_INT32 CONV_NARROW
#define CONV_FROM_UINT32 CONV_NARROW
#define CONV_FROM_INT64 CONV_STD
#define CONV_FROM_UINT64 CONV_STD
#define CONV_FROM_FLOAT32 CONV_STD
#define CONV_FROM_FLOAT64 CONV_STD
#define CONV_FROM_COMPLEX64 CONV_STD
#define CONV_FROM_COMPLEX128 CONV_STD

/* M(T, F) for every target dtype T. (NUMC_DTYPE_MAP cannot be nested in its
 * own expansion, hence this second list of the dtype ENUM names.) */
#define FOR_TARGETS(M, F)                                                      \
  M(BOOL, F) M(INT8, F) M(UINT8, F) M(INT16, F) M(UINT16, F) M(INT32, F)       \
  M(UINT32, F) M(INT64, F) M(UINT64, F) M(FLOAT32, F) M(FLOAT64, F)            \
  M(COMPLEX64, F) M(COMPLEX128, F)

#define DEF_CAST_FROM(T, F) DEF_CAST(T, F, CONV_FROM_##F)
#define DEF_FROM(F, name, ctype, size, kind, ch) FOR_TARGETS(DEF_CAST_FROM, F)
NUMC_DTYPE_MAP(DEF_FROM)

#define CAST_ENTRY(T, F) [NUMC_##F][NUMC_##T] = cast_##F##_##T,
#define CAST_ROW(F, name, ctype, size, kind, ch) FOR_TARGETS(CAST_ENTRY, F)

/* The conversion loops of this ISA, [from][to] (see loops_impl.h). */
const numc__loop_fn NUMC__ISA_SYM(numc__cast_table)[NUMC_NDTYPES]
                                                   [NUMC_NDTYPES] = {
    NUMC_DTYPE_MAP(CAST_ROW)};
