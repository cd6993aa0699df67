/*
 * tests/c/test_jit.c - the kernel compiler (src/cpu/jit.c): compiled runs
 * give bit-identical results to the interpreted loops, over every family of
 * element operation and dtype it accepts, with NaN, infinities, signed
 * zeros, integer wraparound and division by zero in the data; explain shows
 * the compiled run; the compiler can be switched off.
 */
#include "test_util.h"

#include "cpu/jit.h"

#include <stdio.h>
#include <unistd.h>

#define N ((int64_t)1 << 17) /* above NUMC__JIT_MIN */

static char jit_dir[256];

static int setup_jit(void **state) {
  numc_set_eager_threshold(0);
  return setup_alloc(state);
}
static int teardown_jit(void **state) {
  numc_set_eager_threshold(4096);
  numc__jit_set_mode(1);
  return teardown_alloc(state);
}
#define JTEST(fn) cmocka_unit_test_setup_teardown(fn, setup_jit, teardown_jit)

/* Values cycling through edge cases, converted to dtype. */
static numc_array *edge_array(numc_dtype dt, int salt) {
  static const double vals[] = {0.0,  -0.0, 1.5,   -2.25,  NAN,   INFINITY, -INFINITY, 1e300,
                                -1e-300, 3.0, 127.0, -128.0, 255.5, 65536.0,  -7.0,     2.0};
  numc_array *a, *c;
  OK(numc_empty(&a, NUMC_FLOAT64, 1, (int64_t[]){N}));
  double *p;
  OK(numc_array_data((void **)&p, a, NUMC_ACCESS_WRITE));
  for (int64_t i = 0; i < N; i++) p[i] = vals[(i * 7 + salt) % 16] * (1 + (double)(i % 5));
  OK(numc_astype(&c, a, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  OK(numc_eval(&c, 1));
  numc_release(a);
  return c;
}

static numc_array *bin(numc_op op, numc_array *x, numc_array *y) {
  numc_array *r;
  OK(numc_binary(&r, op, x, y));
  return r;
}

static numc_array *scal(double v) {
  numc_array *s;
  numc_scalar x = numc_weak_float(v);
  OK(numc_from_scalar(&s, &x));
  return s;
}

typedef numc_array *(*expr_fn)(numc_array *a, numc_array *b);

/* A chain mixing arithmetic, comparisons, where, min/max and casts. */
static numc_array *expr_float(numc_array *a, numc_array *b) {
  numc_array *h = scal(0.5), *t1 = bin(NUMC_OP_MULTIPLY, a, h), *t2 = bin(NUMC_OP_SUBTRACT, t1, b),
             *t3 = bin(NUMC_OP_MAXIMUM, t2, a), *t4 = bin(NUMC_OP_FMIN, t3, b),
             *c = bin(NUMC_OP_GREATER, t4, a), *t5 = bin(NUMC_OP_DIVIDE, t4, b),
             *t6 = bin(NUMC_OP_COPYSIGN, t5, a), *w, *r, *sq;
  OK(numc_where(&w, c, t6, t2));
  OK(numc_sqrt(&sq, w));
  r = bin(NUMC_OP_HEAVISIDE, sq, h);
  numc_array *all[] = {h, t1, t2, t3, t4, c, t5, t6, w, sq};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) numc_release(all[i]);
  return r;
}

/* Integer ops that wrap, divide by zero and shift past the width. */
static numc_array *expr_int(numc_array *a, numc_array *b) {
  numc_array *t1 = bin(NUMC_OP_MULTIPLY, a, b), *t2 = bin(NUMC_OP_ADD, t1, a),
             *t3 = bin(NUMC_OP_FLOOR_DIVIDE, t2, b), *t4 = bin(NUMC_OP_REMAINDER, t3, b),
             *t5 = bin(NUMC_OP_BITWISE_XOR, t4, a), *t6 = bin(NUMC_OP_BITWISE_LEFT_SHIFT, t5, b),
             *t7 = bin(NUMC_OP_MINIMUM, t6, t2), *r;
  OK(numc_abs(&r, t7));
  numc_array *all[] = {t1, t2, t3, t4, t5, t6, t7};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) numc_release(all[i]);
  return r;
}

/* Casts between families, bool logic, sign. */
static numc_array *expr_mixed(numc_array *a, numc_array *b) {
  numc_array *ai, *bf, *t1, *t2, *l, *s, *r, *neg;
  OK(numc_astype(&ai, a, NUMC_INT32, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  OK(numc_astype(&bf, b, NUMC_FLOAT32, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  t1 = bin(NUMC_OP_ADD, ai, bf); /* int32 + float32 -> float64 */
  t2 = bin(NUMC_OP_LESS_EQUAL, t1, bf);
  OK(numc_logical_not(&neg, t2));
  l = bin(NUMC_OP_LOGICAL_XOR, neg, t2);
  OK(numc_sign(&s, t1));
  r = bin(NUMC_OP_MULTIPLY, s, l);
  numc_array *all[] = {ai, bf, t1, t2, l, s, neg};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) numc_release(all[i]);
  return r;
}

/* Evaluates expr with the compiler off and in sync mode; compares bits. */
static void compare(expr_fn expr, numc_dtype dt) {
  numc_array *a = edge_array(dt, 3), *b = edge_array(dt, 11);
  numc__jit_set_mode(0);
  numc_array *ref = expr(a, b);
  OK(numc_eval(&ref, 1));
  numc__jit_set_mode(2);
  numc_array *got = expr(a, b);
  char *text;
  OK(numc_explain(&text, &got, 1));
  if (!strstr(text, "compiled run")) fail_msg("no compiled run for %s:\n%s", numc_dtype_name(dt), text);
  numc_free(text);
  OK(numc_eval(&got, 1));
  assert_int_equal(numc_array_dtype(ref), numc_array_dtype(got));
  void *pr, *pg;
  OK(numc_array_data(&pr, ref, NUMC_ACCESS_READ));
  OK(numc_array_data(&pg, got, NUMC_ACCESS_READ));
  assert_memory_equal(pr, pg, (size_t)numc_array_nbytes(ref));
  numc_release(ref), numc_release(got), numc_release(a), numc_release(b);
}

static void test_float_chain(void **state) {
  (void)state;
  compare(expr_float, NUMC_FLOAT64);
  compare(expr_float, NUMC_FLOAT32);
}

static void test_int_chain(void **state) {
  (void)state;
  numc_dtype dts[] = {NUMC_INT8, NUMC_UINT8, NUMC_INT16, NUMC_INT32, NUMC_UINT32, NUMC_INT64,
                      NUMC_UINT64};
  for (size_t i = 0; i < sizeof dts / sizeof *dts; i++) compare(expr_int, dts[i]);
}

static void test_mixed_chain(void **state) {
  (void)state;
  compare(expr_mixed, NUMC_FLOAT64);
  compare(expr_mixed, NUMC_INT16);
}

static void test_off_means_interpreted(void **state) {
  (void)state;
  numc__jit_set_mode(0);
  assert_false(numc__jit_enabled());
  numc_array *a = edge_array(NUMC_FLOAT64, 1), *r = expr_float(a, a);
  char *text;
  OK(numc_explain(&text, &r, 1));
  assert_null(strstr(text, "compiled run"));
  numc_free(text);
  numc_release(r), numc_release(a);
}

int main(void) {
  /* a private cache directory, so the test compiles for real */
  snprintf(jit_dir, sizeof jit_dir, "/tmp/numc-test-jit-%ld", (long)getpid());
  setenv("NUMC_JIT_DIR", jit_dir, 1);
  const struct CMUnitTest tests[] = {
      JTEST(test_float_chain),
      JTEST(test_int_chain),
      JTEST(test_mixed_chain),
      JTEST(test_off_means_interpreted),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", jit_dir);
  if (system(cmd) != 0) rc = rc ? rc : 1;
  return rc;
}
