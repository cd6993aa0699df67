/*
 * cpu/loops_matmul.c - blocked exact matrix products for bool and integers.
 *
 * One template (IMATMUL) instantiated per dtype, compiled once per ISA so
 * the micro-kernel vectorises with the widest registers available. The
 * scheme is BLIS's in miniature: for each KC x NC panel of b (packed,
 * converted to the accumulator type U, zero-padded to a multiple of NR
 * columns), and each MR-row strip of a (packed k-major), an MR x NR tile of
 * accumulators lives in registers while p runs over the panel. Results are
 * added into c panel by panel.
 *
 * Integers accumulate in an unsigned type U at least as wide as unsigned int
 * (uint32 up to 32 bits, uint64 for 64), so every product and sum wraps
 * modulo 2^bits exactly as NumPy's integer loops do, without the undefined
 * behaviour of signed overflow; truncation to T at the store keeps the low
 * bits. Bool uses U = uint8 and or-of-and.
 */
#include "loops_impl.h"
#include "matmul_kernels.h"

#define KC NUMC__IMATMUL_KC
#define NC NUMC__IMATMUL_NC
#define MR NUMC__IMATMUL_MR

static inline int64_t imin(int64_t a, int64_t b) { return a < b ? a : b; }

/* Loads one element of dtype T as the accumulator type. */
#define LOAD_INT(T, U, p) ((U)(*(const T *)(p)))
#define LOAD_BOOL(T, U, p) ((U)(*(const uint8_t *)(p) != 0))
/* acc (op)= x * y */
#define MAC_INT(acc, x, y) ((acc) += (x) * (y))
#define MAC_BOOL(acc, x, y) ((acc) |= (x) & (y))
/* Stores acc into *cp, adding the earlier panels' partial result. */
#define STORE_INT(T, U, cp, acc, first)                                        \
  (*(cp) = (T)((first) ? (acc) : (U)((U)(*(cp)) + (acc))))
#define STORE_BOOL(T, U, cp, acc, first)                                       \
  (*(cp) = (T)((first) ? (acc) : (U)((U)(*(cp)) | (acc))))

#define IMATMUL(E, T, U, NR, KIND)                                             \
  static void imatmul_##E(int64_t m, int64_t n, int64_t k, const char *a,     \
                          int64_t as0, int64_t as1, const char *b,            \
                          int64_t bs0, int64_t bs1, char *c, int64_t cs0,     \
                          int64_t cs1, void *ws) {                            \
    U *bp = ws;                                                                \
    U *ap = bp + (size_t)KC * (NC + NR);                                       \
    if (k == 0) {                                                              \
      for (int64_t i = 0; i < m; i++)                                          \
        for (int64_t j = 0; j < n; j++) *(T *)(c + i * cs0 + j * cs1) = 0;     \
      return;                                                                  \
    }                                                                          \
    for (int64_t jc = 0; jc < n; jc += NC) {                                   \
      int64_t nc = imin(NC, n - jc);                                           \
      int64_t ncp = (nc + NR - 1) / NR * NR;                                   \
      for (int64_t pc = 0; pc < k; pc += KC) {                                 \
        int64_t kc = imin(KC, k - pc);                                         \
        for (int64_t p = 0; p < kc; p++) {                                     \
          const char *brow = b + (pc + p) * bs0 + jc * bs1;                    \
          U *dst = bp + p * ncp;                                               \
          for (int64_t j = 0; j < nc; j++)                                     \
            dst[j] = LOAD_##KIND(T, U, brow + j * bs1);                        \
          for (int64_t j = nc; j < ncp; j++) dst[j] = 0;                       \
        }                                                                      \
        for (int64_t ic = 0; ic < m; ic += MR) {                               \
          int64_t mr = imin(MR, m - ic);                                       \
          for (int64_t p = 0; p < kc; p++)                                     \
            for (int r = 0; r < MR; r++)                                       \
              ap[p * MR + r] =                                                 \
                  r < mr ? LOAD_##KIND(T, U, a + (ic + r) * as0 +              \
                                                 (pc + p) * as1)               \
                         : (U)0;                                               \
          for (int64_t jr = 0; jr < ncp; jr += NR) {                           \
            U acc[MR][NR];                                                     \
            for (int r = 0; r < MR; r++)                                       \
              for (int j = 0; j < NR; j++) acc[r][j] = 0;                      \
            const U *bb = bp + jr;                                             \
            for (int64_t p = 0; p < kc; p++, bb += ncp) {                      \
              const U *av = ap + p * MR;                                       \
              for (int r = 0; r < MR; r++)                                     \
                for (int j = 0; j < NR; j++) MAC_##KIND(acc[r][j], av[r], bb[j]); \
            }                                                                  \
            int64_t nr = imin(NR, nc - jr);                                    \
            for (int r = 0; r < mr; r++) {                                     \
              char *crow = c + (ic + r) * cs0 + (jc + jr) * cs1;               \
              for (int64_t j = 0; j < nr; j++)                                 \
                STORE_##KIND(T, U, (T *)(crow + j * cs1), acc[r][j], pc == 0); \
            }                                                                  \
          }                                                                    \
        }                                                                      \
      }                                                                        \
    }                                                                          \
  }

/* NR: one 64-byte line of accumulators per row (uint8 for bool: 32). */
IMATMUL(BOOL, uint8_t, uint8_t, 32, BOOL)
#define IMATMUL_INT(E, T, U) IMATMUL(E, T, U, (64 / (int)sizeof(U)), INT)
NUMC__SINT_MAP(IMATMUL_INT)
NUMC__UINT_MAP(IMATMUL_INT)

#define ENTRY(E, T, U) [NUMC_##E] = imatmul_##E,
const numc__imatmul_fn NUMC__ISA_SYM(numc__imatmul_table)[NUMC_NDTYPES] = {
    [NUMC_BOOL] = imatmul_BOOL,
    NUMC__SINT_MAP(ENTRY) NUMC__UINT_MAP(ENTRY)};

/* ---- small float products (AVX2 + FMA) ----------------------------------------- */

#if NUMC__ISA_ID == NUMC__ISA_ID_avx2
#include <immintrin.h>
#include <math.h>

/*
 * 4 x (2 * W) register tiles: per p, two vector loads of b's row, four
 * broadcasts of a's column and eight FMAs. Edges (fewer than 4 rows or 2 * W
 * columns) take the scalar path, which uses fma() in the same p order, so an
 * element's value does not depend on whether it was computed in a tile.
 */
#define SMALLGEMM(NAME, T, W, VT, LOADU, STOREU, BCAST, FMADD, ZERO, SFMA)            \
  static void NAME(int64_t m, int64_t n, int64_t k, const char *a, int64_t as0,       \
                   int64_t as1, const char *b, int64_t bs0, char *c, int64_t cs0) {   \
    for (int64_t i = 0; i < m; i += 4) {                                             \
      int64_t mr = m - i < 4 ? m - i : 4;                                            \
      const char *ai = a + i * as0;                                                  \
      int64_t j = 0;                                                                 \
      if (mr == 4)                                                                   \
        for (; j + 2 * W <= n; j += 2 * W) {                                         \
          VT c00 = ZERO(), c01 = ZERO(), c10 = ZERO(), c11 = ZERO();                 \
          VT c20 = ZERO(), c21 = ZERO(), c30 = ZERO(), c31 = ZERO();                 \
          const char *bp = b + j * (int64_t)sizeof(T), *ap = ai;                     \
          for (int64_t p = 0; p < k; p++, bp += bs0, ap += as1) {                    \
            VT b0 = LOADU((const T *)bp), b1 = LOADU((const T *)bp + W);             \
            VT x0 = BCAST((const T *)ap), x1 = BCAST((const T *)(ap + as0));         \
            VT x2 = BCAST((const T *)(ap + 2 * as0)), x3 = BCAST((const T *)(ap + 3 * as0)); \
            c00 = FMADD(x0, b0, c00), c01 = FMADD(x0, b1, c01);                      \
            c10 = FMADD(x1, b0, c10), c11 = FMADD(x1, b1, c11);                      \
            c20 = FMADD(x2, b0, c20), c21 = FMADD(x2, b1, c21);                      \
            c30 = FMADD(x3, b0, c30), c31 = FMADD(x3, b1, c31);                      \
          }                                                                          \
          T *cr = (T *)(c + i * cs0) + j;                                            \
          STOREU(cr, c00), STOREU(cr + W, c01);                                      \
          cr = (T *)(c + (i + 1) * cs0) + j;                                         \
          STOREU(cr, c10), STOREU(cr + W, c11);                                      \
          cr = (T *)(c + (i + 2) * cs0) + j;                                         \
          STOREU(cr, c20), STOREU(cr + W, c21);                                      \
          cr = (T *)(c + (i + 3) * cs0) + j;                                         \
          STOREU(cr, c30), STOREU(cr + W, c31);                                      \
        }                                                                            \
      for (int64_t r = 0; r < mr; r++) /* edge columns (all of them if mr < 4) */   \
        for (int64_t jj = j; jj < n; jj++) {                                         \
          T acc = 0;                                                                 \
          const char *ap = ai + r * as0, *bp = b + jj * (int64_t)sizeof(T);         \
          for (int64_t p = 0; p < k; p++, ap += as1, bp += bs0)                      \
            acc = SFMA(*(const T *)ap, *(const T *)bp, acc);                         \
          ((T *)(c + (i + r) * cs0))[jj] = acc;                                      \
        }                                                                            \
    }                                                                                \
  }

SMALLGEMM(smallgemm_f64, double, 4, __m256d, _mm256_loadu_pd, _mm256_storeu_pd,
          _mm256_broadcast_sd, _mm256_fmadd_pd, _mm256_setzero_pd, fma)
SMALLGEMM(smallgemm_f32, float, 8, __m256, _mm256_loadu_ps, _mm256_storeu_ps,
          _mm256_broadcast_ss, _mm256_fmadd_ps, _mm256_setzero_ps, fmaf)

const numc__smallgemm_fn NUMC__ISA_SYM(numc__smallgemm_table)[NUMC_NDTYPES] = {
    [NUMC_FLOAT32] = smallgemm_f32, [NUMC_FLOAT64] = smallgemm_f64};
#else
const numc__smallgemm_fn NUMC__ISA_SYM(numc__smallgemm_table)[NUMC_NDTYPES] = {0};
#endif
