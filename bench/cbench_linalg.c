/*
 * bench/cbench_linalg.c - numc's matmul and LAPACK paths against direct
 * cblas/LAPACKE calls on the same data, same threads.
 *
 * Build by hand against a numc build (not part of the meson tests):
 *   cc -O2 -I include bench/cbench_linalg.c -o /tmp/cbench_linalg \
 *      -L<build> -lnumc -Wl,-rpath,<build> \
 *      $(pkg-config --cflags --libs openblas lapacke) -lm
 *   /tmp/cbench_linalg            (then: .venv/bin/python bench/linalg_numpy.py)
 *
 * Each case reports the best of several runs in milliseconds. numc times
 * include recording the operation and evaluating it (numc_eval); the direct
 * times include the copy LAPACK needs because it overwrites its input.
 * Cases: float64/float32 2000x2000 matmul, 2000 stacks of 32x32 (float64),
 * solve (1000x1000, one right-hand side), cholesky and svd (1000x1000,
 * full_matrices as NumPy's default).
 */
#include "numc.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static void check(int rc, const char *what) {
  if (rc != NUMC_OK) {
    fprintf(stderr, "%s failed: %s (%s)\n", what, numc_err_name(rc), numc_last_error());
    exit(1);
  }
}

static unsigned long long rng = 88172645463325252ull;
static double urand(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (double)(rng >> 11) / 9007199254740992.0 - 0.5;
}

/* A materialized numc array (wrapping a copy, so numc owns the memory and
 * reads it lazily) and the same values in a plain buffer. */
static numc_array *make(numc_dtype dt, int nd, const int64_t *shape, double diag, void **plain) {
  int64_t n = 1;
  for (int i = 0; i < nd; i++) n *= shape[i];
  size_t isz = numc_dtype_itemsize(dt);
  void *p = malloc((size_t)n * isz);
  int64_t cols = shape[nd - 1];
  for (int64_t i = 0; i < n; i++) {
    double v = urand();
    if (nd >= 2 && (i / cols) % shape[nd - 2] == i % cols) v += diag;
    if (dt == NUMC_FLOAT32)
      ((float *)p)[i] = (float)v;
    else
      ((double *)p)[i] = v;
  }
  numc_array *a;
  check(numc_from_copy(&a, dt, nd, shape, NULL, p), "from_copy");
  *plain = p;
  return a;
}

typedef struct result {
  const char *name;
  double numc_ms, direct_ms;
} result;

#define REPS 7

/* After direct threaded OpenBLAS calls its workers spin for ~0.1 s
 * (OPENBLAS_THREAD_TIMEOUT) and would slow whatever is timed next. */
static void settle(void) { usleep(300000); }

/* best-of-REPS timing of an expression block */
#define BEST(var, reps, ...)                                                   \
  do {                                                                         \
    var = 1e300;                                                               \
    for (int r_ = 0; r_ < (reps); r_++) {                                      \
      double t0_ = now_ms();                                                   \
      __VA_ARGS__;                                                             \
      double t_ = now_ms() - t0_;                                              \
      if (t_ < var) var = t_;                                                  \
    }                                                                          \
  } while (0)

static result bench_matmul(numc_dtype dt, int64_t n) {
  result res = {dt == NUMC_FLOAT64 ? "matmul f64 2000x2000" : "matmul f32 2000x2000", 0, 0};
  int64_t s[2] = {n, n};
  void *pa, *pb;
  numc_array *a = make(dt, 2, s, 0, &pa), *b = make(dt, 2, s, 0, &pb);
  void *pc = malloc((size_t)(n * n) * numc_dtype_itemsize(dt));
  for (int w = 0; w < 2; w++) { /* warm up both */
    numc_array *c;
    check(numc_matmul(&c, a, b), "matmul");
    check(numc_eval(&c, 1), "eval");
    numc_release(c);
  }
  BEST(res.numc_ms, REPS, {
    numc_array *c;
    check(numc_matmul(&c, a, b), "matmul");
    check(numc_eval(&c, 1), "eval");
    numc_release(c);
  });
  BEST(res.direct_ms, REPS, {
    if (dt == NUMC_FLOAT64)
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, 1.0, pa,
                  (int)n, pb, (int)n, 0.0, pc, (int)n);
    else
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, 1.0f, pa,
                  (int)n, pb, (int)n, 0.0f, pc, (int)n);
  });
  settle();
  numc_release(a), numc_release(b);
  free(pa), free(pb), free(pc);
  return res;
}

static result bench_batched(int64_t nb, int64_t n) {
  result res = {"matmul 2000 x (32x32) f64", 0, 0};
  int64_t s[3] = {nb, n, n};
  void *pa, *pb;
  numc_array *a = make(NUMC_FLOAT64, 3, s, 0, &pa), *b = make(NUMC_FLOAT64, 3, s, 0, &pb);
  double *pc = malloc((size_t)(nb * n * n) * sizeof(double));
  BEST(res.numc_ms, REPS * 3, {
    numc_array *c;
    check(numc_matmul(&c, a, b), "matmul");
    check(numc_eval(&c, 1), "eval");
    numc_release(c);
  });
  /* the direct loop, as NumPy does it: one GEMM per matrix */
  BEST(res.direct_ms, REPS * 3, {
    for (int64_t i = 0; i < nb; i++)
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, 1.0,
                  (double *)pa + i * n * n, (int)n, (double *)pb + i * n * n, (int)n, 0.0,
                  pc + i * n * n, (int)n);
  });
  settle();
  numc_release(a), numc_release(b);
  free(pa), free(pb), free(pc);
  return res;
}

static result bench_solve(int64_t n) {
  result res = {"solve 1000x1000", 0, 0};
  int64_t s[2] = {n, n}, sv[1] = {n};
  void *pa, *pb;
  numc_array *a = make(NUMC_FLOAT64, 2, s, (double)n / 4, &pa);
  numc_array *b = make(NUMC_FLOAT64, 1, sv, 0, &pb);
  double *work = malloc((size_t)(n * n + n) * sizeof(double));
  lapack_int *ipiv = malloc((size_t)n * sizeof(lapack_int));
  BEST(res.numc_ms, REPS, {
    numc_array *x;
    check(numc_solve(&x, a, b), "solve");
    check(numc_eval(&x, 1), "eval");
    numc_release(x);
  });
  BEST(res.direct_ms, REPS, {
    /* row-major a is a^T in column order: copy transposed, as any caller must */
    for (int64_t i = 0; i < n; i++)
      for (int64_t j = 0; j < n; j++) work[j * n + i] = ((double *)pa)[i * n + j];
    memcpy(work + n * n, pb, (size_t)n * sizeof(double));
    LAPACKE_dgesv(LAPACK_COL_MAJOR, (int)n, 1, work, (int)n, ipiv, work + n * n, (int)n);
  });
  settle();
  numc_release(a), numc_release(b);
  free(pa), free(pb), free(work), free(ipiv);
  return res;
}

static result bench_cholesky(int64_t n) {
  result res = {"cholesky 1000x1000", 0, 0};
  int64_t s[2] = {n, n};
  void *pa;
  numc_array *a0 = make(NUMC_FLOAT64, 2, s, 0, &pa), *at, *spd;
  /* spd = a a^T + n I */
  numc_array *eye, *prod, *sc;
  check(numc_matrix_transpose(&at, a0), "T");
  check(numc_matmul(&prod, a0, at), "matmul");
  check(numc_eye(&eye, NUMC_FLOAT64, n, -1, 0), "eye");
  numc_scalar nn = numc_weak_float((double)n);
  numc_array *ns;
  check(numc_from_scalar(&ns, &nn), "scalar");
  check(numc_multiply(&sc, eye, ns), "mul");
  check(numc_add(&spd, prod, sc), "add");
  check(numc_eval(&spd, 1), "eval");
  double *ps;
  check(numc_array_data((void **)&ps, spd, NUMC_ACCESS_READ), "data");
  double *work = malloc((size_t)(n * n) * sizeof(double));
  BEST(res.numc_ms, REPS, {
    numc_array *l;
    check(numc_cholesky(&l, spd, 0), "cholesky");
    check(numc_eval(&l, 1), "eval");
    numc_release(l);
  });
  BEST(res.direct_ms, REPS, {
    memcpy(work, ps, (size_t)(n * n) * sizeof(double)); /* symmetric: no transpose */
    LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'U', (int)n, work, (int)n);
  });
  settle();
  numc_release(a0), numc_release(at), numc_release(prod), numc_release(eye);
  numc_release(ns), numc_release(sc), numc_release(spd);
  free(pa), free(work);
  return res;
}

static result bench_svd(int64_t n) {
  result res = {"svd 1000x1000", 0, 0};
  int64_t s[2] = {n, n};
  void *pa;
  numc_array *a = make(NUMC_FLOAT64, 2, s, 0, &pa);
  double *work = malloc((size_t)(3 * n * n + n) * sizeof(double));
  BEST(res.numc_ms, 3, {
    numc_array *u, *sv, *vh;
    check(numc_svd(&u, &sv, &vh, a, 1), "svd");
    numc_array *all[3] = {u, sv, vh};
    check(numc_eval(all, 3), "eval");
    numc_release(u), numc_release(sv), numc_release(vh);
  });
  BEST(res.direct_ms, 3, {
    for (int64_t i = 0; i < n; i++)
      for (int64_t j = 0; j < n; j++) work[j * n + i] = ((double *)pa)[i * n + j];
    LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'A', (int)n, (int)n, work, (int)n, work + 3 * n * n,
                   work + n * n, (int)n, work + 2 * n * n, (int)n);
  });
  settle();
  numc_release(a);
  free(pa), free(work);
  return res;
}

int main(void) {
  printf("numc %s, %d threads (OpenBLAS %s, %d threads)\n", numc_version(),
         numc_get_num_threads(), openblas_get_config(), openblas_get_num_threads());
  result rs[6];
  rs[0] = bench_matmul(NUMC_FLOAT64, 2000);
  rs[1] = bench_matmul(NUMC_FLOAT32, 2000);
  rs[2] = bench_batched(2000, 32);
  rs[3] = bench_solve(1000);
  rs[4] = bench_cholesky(1000);
  rs[5] = bench_svd(1000);
  printf("%-28s %12s %12s %10s\n", "case", "numc ms", "direct ms", "direct/numc");
  for (int i = 0; i < 6; i++)
    printf("%-28s %12.3f %12.3f %10.3f\n", rs[i].name, rs[i].numc_ms, rs[i].direct_ms,
           rs[i].direct_ms / rs[i].numc_ms);
  return 0;
}
