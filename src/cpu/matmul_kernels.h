/*
 * cpu/matmul_kernels.h - exact matrix-product kernels for bool and integer
 * dtypes (the leaves under numc_matmul; float and complex products go to
 * BLAS instead).
 *
 * loops_matmul.c is compiled once per instruction set like the other typed
 * loops and exports one table per ISA; ops/matmul.c picks the table of the
 * ISA that cpu/loops.c chose.
 */
#ifndef NUMC_CPU_MATMUL_KERNELS_H
#define NUMC_CPU_MATMUL_KERNELS_H

#include "../core/internal.h"

/*
 * c (m x n) = a (m x k) @ b (k x n) for one dtype. Strides are in bytes
 * (any sign, 0 allowed for a and b); c must not overlap a or b. Integers
 * wrap around modulo 2^bits (products and sums as NumPy's loops); bool is
 * c[i, j] = OR_p (a[i, p] AND b[p, j]) with any non-zero byte true, and
 * writes 0/1. k == 0 writes zeros. `ws` is NUMC__IMATMUL_WS_BYTES of
 * 64-byte aligned scratch owned by the calling thread. Never fails.
 */
typedef void (*numc__imatmul_fn)(int64_t m, int64_t n, int64_t k,
                                 const char *a, int64_t as0, int64_t as1,
                                 const char *b, int64_t bs0, int64_t bs1,
                                 char *c, int64_t cs0, int64_t cs1, void *ws);

/* Blocking of the kernels: k in panels of KC, n in panels of NC, MR rows
 * per micro-tile; the packed panels are KC x NC and KC x MR accumulators of
 * at most 8 bytes. */
#define NUMC__IMATMUL_KC 256
#define NUMC__IMATMUL_NC 256
#define NUMC__IMATMUL_MR 4
#define NUMC__IMATMUL_WS_BYTES                                                 \
  ((size_t)NUMC__IMATMUL_KC * (NUMC__IMATMUL_NC + 64 + NUMC__IMATMUL_MR) * 8)

/* Per-ISA tables indexed by dtype: non-NULL for bool and the integers. */
extern const numc__imatmul_fn numc__imatmul_table_base[NUMC_NDTYPES];
extern const numc__imatmul_fn numc__imatmul_table_avx2[NUMC_NDTYPES];

/*
 * c (m x n) = a (m x k) @ b (k x n) for small float32/float64 products,
 * without BLAS's packing: a is read in place with any strides (bytes), b
 * needs unit column stride (row stride bs0 bytes), c unit column stride
 * (row stride cs0 bytes). Each c element is the fused multiply-add chain
 * over p = 0 .. k-1 in order, the same wherever it sits in its tile, so
 * results do not depend on the shapes around it. k >= 1.
 */
typedef void (*numc__smallgemm_fn)(int64_t m, int64_t n, int64_t k, const char *a,
                                   int64_t as0, int64_t as1, const char *b, int64_t bs0,
                                   char *c, int64_t cs0);

/* Products with m * n * k up to this go to the small kernel (measured on
 * AVX2: OpenBLAS's packing costs more than it saves below it). */
#define NUMC__SMALLGEMM_MAX_WORK ((int64_t)48 * 48 * 48)

/* Per-ISA tables: float32/float64 entries where the ISA has a kernel
 * (AVX2+FMA), NULL elsewhere (BLAS is used). */
extern const numc__smallgemm_fn numc__smallgemm_table_base[NUMC_NDTYPES];
extern const numc__smallgemm_fn numc__smallgemm_table_avx2[NUMC_NDTYPES];

#endif /* NUMC_CPU_MATMUL_KERNELS_H */
