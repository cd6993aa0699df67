/*
 * tests/c/test_alloc.c - allocation failure injection. For each constructor
 * and a few operations, fail the k-th allocation for every k until the call
 * succeeds: each failure must return NUMC_ENOMEM with a message, leave no
 * partial result, and leak nothing (the counting allocator checks).
 */
#include "test_util.h"

typedef int (*make_fn)(numc_array **out, numc_array *in);

static int mk_zeros(numc_array **o, numc_array *in) {
  (void)in;
  return numc_zeros(o, NUMC_FLOAT64, 2, (int64_t[]){16, 16});
}
static int mk_full(numc_array **o, numc_array *in) {
  (void)in;
  numc_scalar v = numc_weak_float(3);
  return numc_full(o, NUMC_FLOAT32, 1, (int64_t[]){100}, &v);
}
static int mk_arange(numc_array **o, numc_array *in) {
  (void)in;
  numc_scalar a = numc_weak_int(0), b = numc_weak_int(50), s = numc_weak_int(1);
  return numc_arange(o, NUMC_DTYPE_DEFAULT, &a, &b, &s);
}
static int mk_linspace(numc_array **o, numc_array *in) {
  (void)in;
  numc_scalar a = numc_weak_int(0), b = numc_weak_int(1);
  return numc_linspace(o, NUMC_DTYPE_DEFAULT, &a, &b, 9, 1);
}
static int mk_eye(numc_array **o, numc_array *in) {
  (void)in;
  return numc_eye(o, NUMC_INT16, 4, 5, 0);
}
/* Records with `make`, then evaluates; on failure nothing is handed out. */
static int evaluated(numc_array **o, numc_array *r, int rc) {
  if (rc == NUMC_OK && (rc = numc_eval(&r, 1)) != NUMC_OK) numc_release(r);
  if (rc == NUMC_OK) *o = r;
  return rc;
}
static int mk_copy(numc_array **o, numc_array *in) {
  numc_array *r = NULL;
  int rc = numc_copy(&r, in, NUMC_ORDER_F);
  return evaluated(o, r, rc);
}
static int mk_expr(numc_array **o, numc_array *in) {
  numc_array *t, *r = NULL;
  int rc = numc_multiply(&t, in, in);
  if (rc) return rc;
  rc = numc_sum(&r, t, 1, (int[]){0}, 0, NUMC_DTYPE_DEFAULT);
  numc_release(t);
  return evaluated(o, r, rc);
}
static int mk_view(numc_array **o, numc_array *in) {
  numc_index ix[2] = {{NUMC_INDEX_SLICE, 0, 0, 0, 0, -1, NULL}, {NUMC_INDEX_NEWAXIS, 0, 0, 0, 0, 0, NULL}};
  return numc_index_view(o, in, 2, ix);
}
static int mk_from_copy(numc_array **o, numc_array *in) {
  (void)in;
  double v[4] = {1, 2, 3, 4};
  return numc_from_copy(o, NUMC_FLOAT64, 2, (int64_t[]){2, 2}, NULL, v);
}

static void run_injection(make_fn make) {
  numc_array *in;
  numc_set_eager_threshold(0);
  OK(numc_ones(&in, NUMC_FLOAT64, 2, (int64_t[]){64, 8}));
  OK(numc_eval(&in, 1));
  INJECT_FAILURES(200, out, make(&out, in));
  numc_release(in);
  numc_set_eager_threshold(4096);
}

#define INJECT(fn)                                                             \
  static void test_##fn(void **state) {                                        \
    (void)state;                                                               \
    run_injection(fn);                                                         \
  }
INJECT(mk_zeros)
INJECT(mk_full)
INJECT(mk_arange)
INJECT(mk_linspace)
INJECT(mk_eye)
INJECT(mk_copy)
INJECT(mk_expr)
INJECT(mk_view)
INJECT(mk_from_copy)

static void test_allocator_validation(void **state) {
  (void)state;
  numc_allocator bad = {NULL, NULL, NULL};
  FAILS(NUMC_EINVAL, numc_set_allocator(&bad));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_mk_zeros), TEST(test_mk_full),   TEST(test_mk_arange),
      TEST(test_mk_linspace), TEST(test_mk_eye), TEST(test_mk_copy),
      TEST(test_mk_expr),  TEST(test_mk_view),   TEST(test_mk_from_copy),
      TEST(test_allocator_validation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
