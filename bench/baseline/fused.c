/*
 * bench/baseline/fused.c - the hand-written fused C loops numc is measured
 * against: one OpenMP-parallel, vectorised pass per expression, the way a
 * performance engineer would write each one by hand. Loaded by bench/run.py
 * (ctypes) and bench/cbench.c; every function takes n and raw pointers.
 *
 * Built twice:
 *   - the baseline proper (-O3 -march=native -fopenmp -DBASELINE_SLEEF,
 *     linked with libsleefgnuabi): GCC vectorises exp/log/sin/tanh through
 *     the vector ABI declared below, which SLEEF's GNU-ABI library provides
 *     with the same 1-ULP functions numc uses. The ratio numc/C then
 *     measures fusion and execution, not a choice of accuracy;
 *   - a fast-math reference (-ffast-math, glibc's libmvec, up to 4 ULP and
 *     FMA contraction), reported beside it.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#ifdef BASELINE_SLEEF
/* Vector variants (_ZGVdN4v_exp, ...) resolved by libsleefgnuabi. */
#pragma omp declare simd notinbranch
double exp(double);
#pragma omp declare simd notinbranch
double log(double);
#pragma omp declare simd notinbranch
double sin(double);
#pragma omp declare simd notinbranch
double tanh(double);
#pragma omp declare simd notinbranch
float expf(float);
#pragma omp declare simd notinbranch
float logf(float);
#pragma omp declare simd notinbranch
float sinf(float);
#pragma omp declare simd notinbranch
float tanhf(float);
#endif

/* Threads only pay off past a few L1-sized blocks; below PAR_MIN elements a
 * careful hand-written loop runs on the calling thread (as numc does). */
#define PAR_MIN 32768
#define LOOP _Pragma("omp parallel for simd schedule(static) if (n >= PAR_MIN)")
#define SUM_S                                                                  \
  _Pragma("omp parallel for simd schedule(static) reduction(+ : s) if (n >= PAR_MIN)")

#define DEFINE_ALL(T, S)                                                       \
  void axpy2_##S(int64_t n, const T *a, const T *b, const T *c, const T *d,   \
                 T *o) {                                                       \
    LOOP for (int64_t i = 0; i < n; i++) o[i] = a[i] * b[i] + c[i] * d[i];     \
  }                                                                            \
  void hypot_##S(int64_t n, const T *a, const T *b, T *o) {                    \
    LOOP for (int64_t i = 0; i < n; i++) o[i] = sqrt(a[i] * a[i] + b[i] * b[i]); \
  }                                                                            \
  double sqdiff_##S(int64_t n, const T *a, const T *b) {                       \
    double s = 0;                                                              \
    SUM_S for (int64_t i = 0; i < n; i++) {                                   \
      T d = a[i] - b[i];                                                       \
      s += d * d;                                                              \
    }                                                                          \
    return s;                                                                  \
  }                                                                            \
  void gauss_##S(int64_t n, const T *a, const T *b, const T *c, T *o) {        \
    LOOP for (int64_t i = 0; i < n; i++) o[i] =                                \
        EXP(-a[i] * a[i] / 2) * SIN(b[i]) + LOG(c[i]);                         \
  }                                                                            \
  void leaky_##S(int64_t n, const T *a, T *o) {                                \
    LOOP for (int64_t i = 0; i < n; i++) o[i] = a[i] > 0 ? a[i] : (T)0.01 * a[i]; \
  }                                                                            \
  void poly6_##S(int64_t n, const T *x, T *o) {                                \
    LOOP for (int64_t i = 0; i < n; i++) {                                     \
      T v = x[i];                                                              \
      o[i] = ((((((T)0.5 * v - 1) * v + 2) * v - 3) * v + 4) * v - 5) * v + 6; \
    }                                                                          \
  }                                                                            \
  /* (x - mean(x, axis=0)) / std(x, axis=0) for a rows x cols C array */      \
  void standardize_##S(int64_t rows, int64_t cols, const T *x, T *o,          \
                       T *mean, T *std) {                                      \
    int64_t n = rows * cols;                                                   \
    for (int64_t j = 0; j < cols; j++) mean[j] = 0, std[j] = 0;                \
    _Pragma("omp parallel for schedule(static) if (n >= PAR_MIN)")             \
    for (int64_t j0 = 0; j0 < cols; \
                                                      j0 += 64) {              \
      int64_t j1 = j0 + 64 < cols ? j0 + 64 : cols;                            \
      for (int64_t i = 0; i < rows; i++)                                       \
        _Pragma("omp simd") for (int64_t j = j0; j < j1; j++) mean[j] +=       \
            x[i * cols + j];                                                   \
      for (int64_t j = j0; j < j1; j++) mean[j] /= (T)rows;                    \
      for (int64_t i = 0; i < rows; i++)                                       \
        _Pragma("omp simd") for (int64_t j = j0; j < j1; j++) {                \
          T d = x[i * cols + j] - mean[j];                                     \
          std[j] += d * d;                                                     \
        }                                                                      \
      for (int64_t j = j0; j < j1; j++) std[j] = sqrt(std[j] / (T)rows);      \
    }                                                                          \
    _Pragma("omp parallel for schedule(static) if (n >= PAR_MIN)")             \
    for (int64_t i = 0; i < rows; \
                                                      i++)                     \
        _Pragma("omp simd") for (int64_t j = 0; j < cols; j++) o[i * cols + j] = \
            (x[i * cols + j] - mean[j]) / std[j];                              \
  }                                                                            \
  /* Black-Scholes call price; normal CDF by the tanh approximation     \
   * cnd(x) = 0.5 * (1 + tanh(0.7978845608 * (x + 0.044715 x^3)))       \
   * (NumPy and numexpr have no erf) */                                 \
  void blackscholes_##S(int64_t n, const T *s, const T *k, const T *t, T r,   \
                        T v, T *o) {                                           \
    LOOP for (int64_t i = 0; i < n; i++) {                                     \
      T sq = v * sqrt(t[i]);                                                   \
      T d1 = (LOG(s[i] / k[i]) + (r + (T)0.5 * v * v) * t[i]) / sq;            \
      T d2 = d1 - sq;                                                          \
      T n1 = (T)0.5 * (1 + TANH((T)0.7978845608028654 *                        \
                                (d1 + (T)0.044715 * d1 * d1 * d1)));           \
      T n2 = (T)0.5 * (1 + TANH((T)0.7978845608028654 *                        \
                                (d2 + (T)0.044715 * d2 * d2 * d2)));           \
      o[i] = s[i] * n1 - k[i] * EXP(-r * t[i]) * n2;                           \
    }                                                                          \
  }

/* math by precision: the float32 loops call the f functions */
#define EXP exp
#define LOG log
#define SIN sin
#define TANH tanh
DEFINE_ALL(double, f64)
#undef EXP
#undef LOG
#undef SIN
#undef TANH
#define EXP expf
#define LOG logf
#define SIN sinf
#define TANH tanhf
DEFINE_ALL(float, f32)
