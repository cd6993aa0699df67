/*
 * tests/c/test_fpe.c - floating-point conditions (include/numc/fpe.h):
 * the per-thread errstate, warning events from eager and fused lazy
 * evaluation, NUMC_EFPE for mode raise, the state recorded with the
 * operation (not the one at evaluation), and no events from conditions no
 * operation in the kernel can produce.
 */
#include "test_util.h"

static numc_array *vec(const double *v, int64_t n) {
  numc_array *a;
  OK(numc_from_copy(&a, NUMC_FLOAT64, 1, &n, NULL, v));
  return a;
}

static int setup_fpe(void **state) {
  numc_fpe_event ev[8];
  numc_fpe_take(ev, 8);
  numc_set_errstate(NUMC_ERRSTATE_DEFAULT);
  return setup_alloc(state);
}
static int teardown_fpe(void **state) {
  numc_set_eager_threshold(4096);
  numc_set_errstate(NUMC_ERRSTATE_DEFAULT);
  return teardown_alloc(state);
}
#define FTEST(fn) cmocka_unit_test_setup_teardown(fn, setup_fpe, teardown_fpe)

static void test_errstate_roundtrip(void **state) {
  (void)state;
  assert_int_equal(numc_get_errstate(), NUMC_ERRSTATE_DEFAULT);
  unsigned s = NUMC_ERRSTATE(NUMC_FPE_RAISE, NUMC_FPE_IGNORE, NUMC_FPE_WARN,
                             NUMC_FPE_IGNORE);
  assert_int_equal(numc_set_errstate(s), NUMC_ERRSTATE_DEFAULT);
  assert_int_equal(numc_get_errstate(), s);
  assert_int_equal(NUMC_ERRSTATE_MODE(s, NUMC_FPE_DIVIDE), NUMC_FPE_RAISE);
  assert_int_equal(NUMC_ERRSTATE_MODE(s, NUMC_FPE_UNDERFLOW), NUMC_FPE_WARN);
  assert_string_equal(numc_fpe_cond_text(NUMC_FPE_INVALID), "invalid value");
}

/* 1/0 and 0/0 warn once each (merged), eagerly and lazily */
static void check_divide(int64_t eager_below) {
  numc_set_eager_threshold(eager_below);
  const double a[4] = {1, 0, 2, 1}, b[4] = {0, 0, 1, 0};
  numc_array *x = vec(a, 4), *y = vec(b, 4), *q;
  OK(numc_divide(&q, x, y));
  OK(numc_eval(&q, 1));
  numc_fpe_event ev[8];
  assert_int_equal(numc_fpe_pending(), 2);
  int n = numc_fpe_take(ev, 8);
  assert_int_equal(n, 2);
  assert_int_equal(numc_fpe_pending(), 0);
  int seen = 0;
  for (int i = 0; i < n; i++) {
    assert_int_equal(ev[i].op, NUMC_OP_DIVIDE);
    assert_string_equal(ev[i].name, "divide");
    seen |= 1 << ev[i].cond;
  }
  assert_int_equal(seen, 1 << NUMC_FPE_DIVIDE | 1 << NUMC_FPE_INVALID);
  numc_release(q), numc_release(x), numc_release(y);
}
static void test_divide_eager(void **state) {
  (void)state;
  check_divide(4096);
}
static void test_divide_lazy(void **state) {
  (void)state;
  check_divide(0);
}

/* the state in force when recorded applies, not the one at evaluation */
static void test_recorded_state(void **state) {
  (void)state;
  numc_set_eager_threshold(0);
  const double a[2] = {-1, 4};
  numc_array *x = vec(a, 2), *r, *s;
  numc_set_errstate(NUMC_ERRSTATE(0, 0, 0, NUMC_FPE_IGNORE));
  OK(numc_sqrt(&r, x));
  numc_set_errstate(NUMC_ERRSTATE(0, 0, 0, NUMC_FPE_RAISE));
  OK(numc_eval(&r, 1)); /* ignored: recorded under ignore */
  assert_int_equal(numc_fpe_pending(), 0);
  OK(numc_sqrt(&s, x)); /* recorded under raise */
  numc_set_errstate(NUMC_ERRSTATE_DEFAULT);
  assert_int_equal(numc_eval(&s, 1), NUMC_EFPE);
  assert_non_null(strstr(numc_last_error(), "invalid value encountered in sqrt"));
  numc_release(r), numc_release(s), numc_release(x);
}

/* raise at the call for an op run at once */
static void test_raise_eager(void **state) {
  (void)state;
  const double a[2] = {1e308, 1};
  numc_array *x = vec(a, 2), *r = NULL;
  numc_set_errstate(NUMC_ERRSTATE(0, NUMC_FPE_RAISE, 0, 0));
  assert_int_equal(numc_multiply(&r, x, x), NUMC_EFPE);
  assert_non_null(strstr(numc_last_error(), "overflow encountered in multiply"));
  numc_release(x);
}

/* comparisons with NaN produce no events; a fused kernel blames the op
 * that can produce the condition */
static void test_blame_in_fused_kernel(void **state) {
  (void)state;
  numc_set_eager_threshold(0);
  const double a[3] = {NAN, -1, 2};
  numc_array *x = vec(a, 3), *c, *l, *m;
  OK(numc_less(&c, x, x));
  OK(numc_eval(&c, 1));
  assert_int_equal(numc_fpe_pending(), 0);
  OK(numc_negative(&m, x));
  OK(numc_sqrt(&l, m)); /* sqrt(-2): invalid, sqrt(-nan) quiet */
  OK(numc_eval(&l, 1));
  numc_fpe_event ev[8];
  assert_int_equal(numc_fpe_take(ev, 8), 1);
  assert_int_equal(ev[0].cond, NUMC_FPE_INVALID);
  assert_string_equal(ev[0].name, "sqrt");
  numc_release(c), numc_release(l), numc_release(m), numc_release(x);
}

/* The only event queued (asserted), as (cond, op). */
static void expect_one(numc_fpe_cond cond, int op) {
  numc_fpe_event ev[8];
  int n = numc_fpe_take(ev, 8);
  assert_int_equal(n, 1);
  assert_int_equal(ev[0].cond, cond);
  assert_int_equal(ev[0].op, op);
  assert_int_equal(ev[0].mode, NUMC_FPE_WARN);
}

/* integer x // 0, x % 0 and fmod(x, 0) report divide by zero (NumPy 2),
 * eagerly and in a fused kernel; no zero divisor, no event */
static void test_integer_division_by_zero(void **state) {
  (void)state;
  static const int ops[] = {NUMC_OP_FLOOR_DIVIDE, NUMC_OP_REMAINDER, NUMC_OP_FMOD};
  const int64_t a[5] = {7, -7, 3, 0, 5}, b[5] = {2, 0, -1, 3, 1};
  int64_t n = 5;
  for (int lazy = 0; lazy <= 1; lazy++) {
    numc_set_eager_threshold(lazy ? 0 : 4096);
    for (int k = 0; k < 3; k++) {
      numc_array *x, *y, *r, *s;
      OK(numc_from_copy(&x, NUMC_INT64, 1, &n, NULL, a));
      OK(numc_from_copy(&y, NUMC_INT64, 1, &n, NULL, b));
      OK(numc_binary(&r, (numc_op)ops[k], x, y));
      OK(numc_add(&s, r, x));
      OK(numc_eval(&s, 1));
      expect_one(NUMC_FPE_DIVIDE, ops[k]);
      numc_release(s), numc_release(r);
      OK(numc_binary(&r, (numc_op)ops[k], x, x)); /* x // x: 0 // 0 once */
      numc_release(r);
      numc_release(x), numc_release(y);
      numc_fpe_take(NULL, 0);
    }
  }
}

/* log of negatives reports only invalid, log(0) only divide, sin(inf)
 * invalid: each in a full SIMD block and in the tail */
static void test_log_sin_conditions(void **state) {
  (void)state;
  static const struct {
    int op;
    double bad;
    numc_fpe_cond cond;
  } cases[] = {{NUMC_OP_LOG, -1.0, NUMC_FPE_INVALID},
               {NUMC_OP_LOG10, -INFINITY, NUMC_FPE_INVALID},
               {NUMC_OP_LOG1P, -2.0, NUMC_FPE_INVALID},
               {NUMC_OP_LOG2, 0.0, NUMC_FPE_DIVIDE},
               {NUMC_OP_SIN, INFINITY, NUMC_FPE_INVALID},
               {NUMC_OP_TAN, -INFINITY, NUMC_FPE_INVALID}};
  double v[21];
  for (int i = 0; i < 21; i++) v[i] = 2.0;
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
    for (int where = 0; where < 21; where += 20) {
      numc_array *x, *r;
      v[where] = cases[c].bad;
      x = vec(v, 21);
      OK(numc_unary(&r, (numc_op)cases[c].op, x));
      OK(numc_eval(&r, 1));
      expect_one(cases[c].cond, cases[c].op);
      numc_release(r), numc_release(x);
      v[where] = 2.0;
    }
}

/* NUMC_FPE_CALL queues events marked for the binding's callback */
static void test_call_mode(void **state) {
  (void)state;
  numc_set_errstate(NUMC_ERRSTATE(NUMC_FPE_CALL, NUMC_FPE_WARN, NUMC_FPE_IGNORE,
                                  NUMC_FPE_WARN));
  const double a[2] = {1, 2}, b[2] = {0, 1};
  numc_array *x = vec(a, 2), *y = vec(b, 2), *q;
  OK(numc_divide(&q, x, y));
  OK(numc_eval(&q, 1));
  numc_fpe_event ev[8];
  assert_int_equal(numc_fpe_take(ev, 8), 1);
  assert_int_equal(ev[0].mode, NUMC_FPE_CALL);
  assert_int_equal(ev[0].cond, NUMC_FPE_DIVIDE);
  numc_release(q), numc_release(x), numc_release(y);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      FTEST(test_errstate_roundtrip), FTEST(test_divide_eager),
      FTEST(test_divide_lazy),        FTEST(test_recorded_state),
      FTEST(test_raise_eager),        FTEST(test_blame_in_fused_kernel),
      FTEST(test_integer_division_by_zero), FTEST(test_log_sin_conditions),
      FTEST(test_call_mode),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
