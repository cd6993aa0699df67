/*
 * test_reduce.c - reductions and scans (ops/reduce.c): result dtypes,
 * axes and keepdims, empty reductions, NaN rules, summation accuracy,
 * independence from the thread count and from the input layout, lazy
 * versus eager, and error paths.
 */
#include "test_util.h"

/* Reduction of x with the given axes (naxes < 0: all). */
static numc_array *red(numc_reduce_op op, const numc_array *x, int naxes, const int *axes,
                       int keepdims, numc_dtype dt) {
  numc_array *r = NULL;
  OK(numc_reduce(&r, op, x, naxes, axes, keepdims, dt, 1.0));
  return r;
}

static void test_result_dtypes(void **state) {
  (void)state;
  static const struct {
    numc_reduce_op op;
    numc_dtype in, out;
  } cases[] = {
      {NUMC_REDUCE_SUM, NUMC_INT32, NUMC_INT64},    {NUMC_REDUCE_SUM, NUMC_UINT8, NUMC_UINT64},
      {NUMC_REDUCE_SUM, NUMC_BOOL, NUMC_INT64},     {NUMC_REDUCE_SUM, NUMC_FLOAT32, NUMC_FLOAT32},
      {NUMC_REDUCE_PROD, NUMC_INT8, NUMC_INT64},    {NUMC_REDUCE_PROD, NUMC_COMPLEX64, NUMC_COMPLEX64},
      {NUMC_REDUCE_MEAN, NUMC_INT16, NUMC_FLOAT64}, {NUMC_REDUCE_MEAN, NUMC_FLOAT32, NUMC_FLOAT32},
      {NUMC_REDUCE_VAR, NUMC_UINT32, NUMC_FLOAT64}, {NUMC_REDUCE_STD, NUMC_COMPLEX128, NUMC_FLOAT64},
      {NUMC_REDUCE_MIN, NUMC_INT8, NUMC_INT8},      {NUMC_REDUCE_MAX, NUMC_UINT16, NUMC_UINT16},
      {NUMC_REDUCE_ALL, NUMC_FLOAT64, NUMC_BOOL},   {NUMC_REDUCE_ANY, NUMC_INT64, NUMC_BOOL},
      {NUMC_REDUCE_COUNT_NONZERO, NUMC_FLOAT32, NUMC_INT64},
      {NUMC_REDUCE_ARGMAX, NUMC_UINT8, NUMC_INT64},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    numc_array *x = iota(cases[i].in, 1, (int64_t[]){5});
    numc_array *r = red(cases[i].op, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
    if (numc_array_dtype(r) != cases[i].out)
      fail_msg("case %zu: %s of %s gave %s", i, "reduction", numc_dtype_name(cases[i].in),
               numc_dtype_name(numc_array_dtype(r)));
    assert_int_equal(numc_array_ndim(r), 0);
    numc_release(r);
    numc_release(x);
  }
  /* dtype= overrides the accumulator */
  numc_array *x = iota(NUMC_INT32, 1, (int64_t[]){5});
  numc_array *r = red(NUMC_REDUCE_SUM, x, -1, NULL, 0, NUMC_FLOAT32);
  assert_int_equal(numc_array_dtype(r), NUMC_FLOAT32);
  assert_values(r, 1, (double[]){10});
  numc_release(r);
  numc_release(x);
}

static void test_axes_and_keepdims(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_FLOAT64, 3, (int64_t[]){2, 3, 4}), *r;
  r = red(NUMC_REDUCE_SUM, x, 1, (int[]){1}, 0, NUMC_DTYPE_DEFAULT);
  assert_int_equal(numc_array_ndim(r), 2);
  assert_values(r, 8, (double[]){12, 15, 18, 21, 48, 51, 54, 57});
  numc_release(r);
  r = red(NUMC_REDUCE_SUM, x, 2, (int[]){-1, 0}, 1, NUMC_DTYPE_DEFAULT);
  assert_int_equal(numc_array_ndim(r), 3);
  assert_int_equal(shape_of(r, 0), 1);
  assert_int_equal(shape_of(r, 1), 3);
  assert_int_equal(shape_of(r, 2), 1);
  assert_values(r, 3, (double[]){60, 92, 124});
  numc_release(r);
  r = red(NUMC_REDUCE_MAX, x, 0, NULL, 0, NUMC_DTYPE_DEFAULT); /* no axes: identity */
  assert_int_equal(numc_array_size(r), 24);
  numc_release(r);
  r = NULL;
  FAILS(NUMC_EAXIS, numc_sum(&r, x, 1, (int[]){3}, 0, NUMC_DTYPE_DEFAULT));
  FAILS(NUMC_EAXIS, numc_sum(&r, x, 1, (int[]){-4}, 0, NUMC_DTYPE_DEFAULT));
  FAILS(NUMC_EVALUE, numc_sum(&r, x, 2, (int[]){1, -2}, 0, NUMC_DTYPE_DEFAULT));
  FAILS(NUMC_EAXIS, numc_argmax(&r, x, 5, 0));
  assert_null(r);
  OK(numc_argmax(&r, x, -1, 1));
  assert_int_equal(numc_array_ndim(r), 3);
  assert_values(r, 6, (double[]){3, 3, 3, 3, 3, 3});
  numc_release(r);
  numc_release(x);
}

static void test_empty_reductions(void **state) {
  (void)state;
  numc_array *x, *r = NULL;
  OK(numc_empty(&x, NUMC_FLOAT64, 2, (int64_t[]){0, 3}));
  r = red(NUMC_REDUCE_SUM, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 1, (double[]){0});
  numc_release(r);
  r = red(NUMC_REDUCE_PROD, x, 1, (int[]){0}, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 3, (double[]){1, 1, 1});
  numc_release(r);
  r = red(NUMC_REDUCE_ALL, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 1, (double[]){1});
  numc_release(r);
  r = red(NUMC_REDUCE_ANY, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 1, (double[]){0});
  numc_release(r);
  r = red(NUMC_REDUCE_MEAN, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 1, (double[]){NAN});
  numc_release(r);
  /* max over the empty axis has no identity; over the other axis the
   * result is simply empty */
  r = NULL;
  FAILS(NUMC_EVALUE, numc_max(&r, x, 1, (int[]){0}, 0));
  FAILS(NUMC_EVALUE, numc_argmin(&r, x, NUMC_AXIS_NONE, 0));
  assert_null(r);
  OK(numc_max(&r, x, 1, (int[]){1}, 0));
  assert_int_equal(numc_array_size(r), 0);
  numc_release(r);
  numc_release(x);
}

static void test_nan_rules(void **state) {
  (void)state;
  numc_array *x = arr_f64(5, (double[]){3, NAN, 7, NAN, -1}), *r;
  r = red(NUMC_REDUCE_MAX, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 1, (double[]){NAN});
  numc_release(r);
  r = red(NUMC_REDUCE_MIN, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 1, (double[]){NAN});
  numc_release(r);
  OK(numc_argmax(&r, x, NUMC_AXIS_NONE, 0)); /* the first NaN wins */
  assert_values(r, 1, (double[]){1});
  numc_release(r);
  OK(numc_argmin(&r, x, NUMC_AXIS_NONE, 0));
  assert_values(r, 1, (double[]){1});
  numc_release(r);
  r = red(NUMC_REDUCE_COUNT_NONZERO, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_values(r, 1, (double[]){5});
  numc_release(r);
  numc_release(x);
  /* ties: the first occurrence */
  x = arr_f64(4, (double[]){2, 5, 5, 2});
  OK(numc_argmax(&r, x, 0, 0));
  assert_values(r, 1, (double[]){1});
  numc_release(r);
  OK(numc_argmin(&r, x, 0, 0));
  assert_values(r, 1, (double[]){0});
  numc_release(r);
  numc_release(x);
}

static void test_var_std(void **state) {
  (void)state;
  numc_array *x = arr_f64(4, (double[]){1, 2, 3, 4}), *r;
  OK(numc_var(&r, x, -1, NULL, 0, 0.0, NUMC_DTYPE_DEFAULT));
  assert_values(r, 1, (double[]){1.25});
  numc_release(r);
  OK(numc_var(&r, x, -1, NULL, 0, 1.0, NUMC_DTYPE_DEFAULT));
  assert_true(fabs(get_f64(r, 0) - 5.0 / 3.0) < 1e-15);
  numc_release(r);
  OK(numc_std(&r, x, -1, NULL, 0, 4.0, NUMC_DTYPE_DEFAULT)); /* N - ddof = 0 */
  assert_values(r, 1, (double[]){INFINITY});
  numc_release(r);
  numc_release(x);
  /* complex variance is real: mean of |x - mean|^2 */
  double z[4] = {1, 1, -1, -1};
  x = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){2}, z);
  OK(numc_var(&r, x, -1, NULL, 0, 0.0, NUMC_DTYPE_DEFAULT));
  assert_int_equal(numc_array_dtype(r), NUMC_FLOAT64);
  assert_values(r, 1, (double[]){2});
  numc_release(r);
  numc_release(x);
}

/* Pairwise summation: a million float32 0.1s sum to 100000 within a few
 * ULPs of the sum's magnitude, where a running sum is off by about 1%. */
static void test_sum_accuracy(void **state) {
  (void)state;
  numc_scalar tenth = numc_weak_float(0.1);
  numc_array *x, *r;
  OK(numc_full(&x, NUMC_FLOAT32, 1, (int64_t[]){1000000}, &tenth));
  r = red(NUMC_REDUCE_SUM, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT);
  assert_true(fabs(get_f64(r, 0) - 100000.0) < 0.05);
  numc_release(r);
  numc_release(x);
}

/* A copy of r as a malloc'ed C-contiguous double vector. */
static double *values(const numc_array *r) {
  numc_array *c;
  OK(numc_copy(&c, r, NUMC_ORDER_C));
  double *p, *v = malloc(sizeof(double) * (size_t)(numc_array_size(r) + 1));
  OK(numc_array_data((void **)&p, c, NUMC_ACCESS_READ));
  memcpy(v, p, sizeof(double) * (size_t)numc_array_size(r));
  numc_release(c);
  return v;
}

/* Partials are combined in a fixed tree: for a given input layout, the
 * same bits for any thread count, lazy or eager. Across layouts the
 * summation order may differ (as in NumPy), so values agree to rounding. */
static void test_thread_independence(void **state) {
  (void)state;
  enum { R = 300, C = 1001 };
  double *v = malloc(sizeof(double) * R * C);
  uint64_t s = 88172645463325252ull;
  for (int i = 0; i < R * C; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    v[i] = (double)(s >> 11) / 9007199254740992.0 * 2e3 - 1e3;
  }
  numc_array *x = arr_from(NUMC_FLOAT64, 2, (int64_t[]){R, C}, v);
  free(v);
  numc_array *t, *xt, *flip, *xr;
  OK(numc_matrix_transpose(&t, x));
  OK(numc_copy(&xt, t, NUMC_ORDER_C)); /* (C, R) */
  numc_release(t);
  OK(numc_matrix_transpose(&t, xt)); /* values of x, Fortran order */
  OK(numc_flip(&flip, x, -1, NULL));
  OK(numc_copy(&xr, flip, NUMC_ORDER_C));
  numc_release(flip);
  OK(numc_flip(&flip, xr, -1, NULL)); /* values of x, negative strides */
  static const numc_reduce_op ops[] = {NUMC_REDUCE_SUM, NUMC_REDUCE_MEAN, NUMC_REDUCE_VAR,
                                       NUMC_REDUCE_MAX};
  const numc_array *ins[3] = {x, t, flip};
  int old = numc_get_num_threads();
  for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
    for (int ax = -1; ax <= 1; ax++) {
      int naxes = ax < 0 ? -1 : 1, axes[1] = {ax};
      double *ref = NULL;
      for (int l = 0; l < 3; l++) {
        numc_set_num_threads(1);
        numc_set_lazy(0);
        numc_array *want = red(ops[o], ins[l], naxes, axes, 0, NUMC_DTYPE_DEFAULT);
        int64_t n = numc_array_size(want);
        double *wp = values(want);
        if (ref == NULL) ref = values(want);
        for (int64_t i = 0; i < n; i++)
          if (fabs(wp[i] - ref[i]) > 1e-12 * fabs(ref[i]) + 1e-9)
            fail_msg("op %d axis %d layout %d: %.17g vs %.17g", (int)ops[o], ax, l, wp[i], ref[i]);
        for (int threads = 1; threads <= 4; threads++) {
          numc_set_num_threads(threads);
          for (int lazy = 0; lazy <= 1; lazy++) {
            numc_set_lazy(lazy);
            numc_array *r = red(ops[o], ins[l], naxes, axes, 0, NUMC_DTYPE_DEFAULT);
            double *rp = values(r);
            for (int64_t i = 0; i < n; i++)
              if (memcmp(&rp[i], &wp[i], sizeof(double)) != 0)
                fail_msg("op %d axis %d layout %d threads %d lazy %d: %.17g != %.17g",
                         (int)ops[o], ax, l, threads, lazy, rp[i], wp[i]);
            free(rp);
            numc_release(r);
          }
        }
        free(wp);
        numc_release(want);
      }
      free(ref);
    }
  }
  numc_set_num_threads(old);
  numc_set_lazy(1);
  numc_release(flip);
  numc_release(xr);
  numc_release(t);
  numc_release(xt);
  numc_release(x);
}

static void test_cumulative(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT8, 2, (int64_t[]){2, 3}), *r = NULL;
  OK(numc_cumulative_sum(&r, x, 1, NUMC_DTYPE_DEFAULT, 0));
  assert_int_equal(numc_array_dtype(r), NUMC_INT64);
  assert_values(r, 6, (double[]){0, 1, 3, 3, 7, 12});
  numc_release(r);
  OK(numc_cumulative_sum(&r, x, 0, NUMC_DTYPE_DEFAULT, 1));
  assert_int_equal(shape_of(r, 0), 3);
  assert_values(r, 9, (double[]){0, 0, 0, 0, 1, 2, 3, 5, 7});
  numc_release(r);
  OK(numc_cumulative_prod(&r, x, -1, NUMC_DTYPE_DEFAULT, 1));
  assert_int_equal(shape_of(r, 1), 4);
  assert_values(r, 8, (double[]){1, 0, 0, 0, 1, 3, 12, 60});
  numc_release(r);
  r = NULL;
  FAILS(NUMC_EAXIS, numc_cumulative_sum(&r, x, 2, NUMC_DTYPE_DEFAULT, 0));
  assert_null(r);
  numc_release(x);
  /* int8 accumulating in int8 wraps as NumPy */
  x = arr_from(NUMC_INT8, 1, (int64_t[]){3}, (int8_t[]){100, 100, 100});
  OK(numc_cumulative_sum(&r, x, 0, NUMC_INT8, 0));
  assert_values(r, 3, (double[]){100, -56, 44});
  numc_release(r);
  numc_release(x);
}

static void test_bad_arguments(void **state) {
  (void)state;
  numc_array *x = arr_f64(3, (double[]){1, 2, 3}), *r = NULL;
  FAILS(NUMC_EINVAL, numc_sum(&r, NULL, -1, NULL, 0, NUMC_DTYPE_DEFAULT));
  FAILS(NUMC_EINVAL, numc_reduce(&r, NUMC_REDUCE__END, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT, 0));
  FAILS(NUMC_EINVAL, numc_sum(&r, x, 1, NULL, 0, NUMC_DTYPE_DEFAULT));
  assert_null(r);
  numc_release(x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_result_dtypes),  TEST(test_axes_and_keepdims),
      TEST(test_empty_reductions), TEST(test_nan_rules),
      TEST(test_var_std),        TEST(test_sum_accuracy),
      TEST(test_thread_independence), TEST(test_cumulative),
      TEST(test_bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
