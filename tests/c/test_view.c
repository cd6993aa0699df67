/*
 * tests/c/test_view.c - views share memory and never copy: basic indexing
 * (ints, slices with any step, newaxis, ellipsis), permutations, reshape
 * (view when possible, copy otherwise), broadcast_to, expand_dims, squeeze,
 * flip, real/imag; and their errors.
 */
#include "test_util.h"

static numc_array *arange_f64(int64_t n) {
  numc_array *a;
  numc_scalar z = numc_weak_int(0), e = numc_weak_int(n), one = numc_weak_int(1);
  OK(numc_arange(&a, NUMC_FLOAT64, &z, &e, &one));
  return a;
}

static numc_array *reshaped(numc_array *a, int nd, const int64_t *shape) {
  numc_array *r;
  OK(numc_reshape(&r, a, nd, shape, NUMC_COPY_NEVER));
  return r;
}

static numc_index SL(int64_t start, int64_t stop, int64_t step) {
  return (numc_index){NUMC_INDEX_SLICE, 1, 1, start, stop, step, NULL};
}
static numc_index SL_ALL(int64_t step) {
  return (numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, step, NULL};
}
static numc_index IX(int64_t i) { return (numc_index){NUMC_INDEX_INT, 0, 0, i, 0, 0, NULL}; }

static void test_slices(void **state) {
  (void)state;
  numc_array *a = arange_f64(10), *v;
  numc_index ix[1];
  ix[0] = SL(2, 8, 3);
  OK(numc_index_view(&v, a, 1, ix));
  assert_values(v, 2, (double[]){2, 5});
  assert_true(numc_same_buffer(a, v));
  assert_false(numc_array_flags(v) & NUMC_OWNDATA);
  assert_true(numc_array_flags(a) & NUMC_OWNDATA);
  numc_release(v);
  ix[0] = SL_ALL(-1);
  OK(numc_index_view(&v, a, 1, ix));
  assert_values(v, 10, (double[]){9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
  assert_int_equal(numc_array_strides(v)[0], -8);
  numc_release(v);
  ix[0] = SL(-3, -100, -2); /* 7, 5, 3, 1 */
  OK(numc_index_view(&v, a, 1, ix));
  assert_values(v, 4, (double[]){7, 5, 3, 1});
  numc_release(v);
  ix[0] = SL(100, 200, 1); /* empty */
  OK(numc_index_view(&v, a, 1, ix));
  assert_int_equal(numc_array_size(v), 0);
  numc_release(v);
  ix[0] = SL(0, 5, 0);
  FAILS(NUMC_EVALUE, numc_index_view(&v, a, 1, ix));
  ix[0] = IX(-1);
  OK(numc_index_view(&v, a, 1, ix));
  assert_int_equal(numc_array_ndim(v), 0);
  assert_values(v, 1, (double[]){9});
  numc_release(v);
  ix[0] = IX(10);
  FAILS(NUMC_EINDEX, numc_index_view(&v, a, 1, ix));
  assert_non_null(strstr(numc_last_error(), "index 10 is out of bounds for axis 0 with size 10"));
  numc_release(a);
}

static void test_multi_index(void **state) {
  (void)state;
  numc_array *a = arange_f64(24), *b = reshaped(a, 3, (int64_t[]){2, 3, 4}), *v;
  numc_index ix[4] = {IX(1), {NUMC_INDEX_ELLIPSIS, 0, 0, 0, 0, 0, NULL}, SL_ALL(2),
                      {NUMC_INDEX_NEWAXIS, 0, 0, 0, 0, 0, NULL}};
  OK(numc_index_view(&v, b, 4, ix)); /* b[1, ..., ::2, None] -> (3, 2, 1) */
  assert_int_equal(numc_array_ndim(v), 3);
  assert_int_equal(shape_of(v, 0), 3);
  assert_int_equal(shape_of(v, 1), 2);
  assert_int_equal(shape_of(v, 2), 1);
  assert_values(v, 6, (double[]){12, 14, 16, 18, 20, 22});
  numc_release(v);
  numc_index two_ell[2] = {{NUMC_INDEX_ELLIPSIS, 0, 0, 0, 0, 0, NULL},
                           {NUMC_INDEX_ELLIPSIS, 0, 0, 0, 0, 0, NULL}};
  FAILS(NUMC_EINDEX, numc_index_view(&v, b, 2, two_ell));
  numc_index four[4] = {IX(0), IX(0), IX(0), IX(0)};
  FAILS(NUMC_EINDEX, numc_index_view(&v, b, 4, four));
  numc_release(b);
  numc_release(a);
}

static void test_permute_and_transpose(void **state) {
  (void)state;
  numc_array *a = arange_f64(6), *b = reshaped(a, 2, (int64_t[]){2, 3}), *t;
  OK(numc_permute_dims(&t, b, NULL));
  assert_int_equal(shape_of(t, 0), 3);
  assert_values(t, 6, (double[]){0, 3, 1, 4, 2, 5});
  assert_true(numc_array_flags(t) & NUMC_F_CONTIGUOUS);
  assert_false(numc_array_flags(t) & NUMC_C_CONTIGUOUS);
  numc_release(t);
  OK(numc_permute_dims(&t, b, (int[]){-1, 0}));
  assert_values(t, 6, (double[]){0, 3, 1, 4, 2, 5});
  numc_release(t);
  FAILS(NUMC_EVALUE, numc_permute_dims(&t, b, (int[]){0, 0}));
  FAILS(NUMC_EAXIS, numc_permute_dims(&t, b, (int[]){0, 2}));
  OK(numc_matrix_transpose(&t, b));
  assert_int_equal(shape_of(t, 1), 2);
  numc_release(t);
  FAILS(NUMC_ESHAPE, numc_matrix_transpose(&t, a));
  OK(numc_swapaxes(&t, b, 0, -1));
  assert_values(t, 6, (double[]){0, 3, 1, 4, 2, 5});
  numc_release(t);
  numc_release(b);
  numc_release(a);
}

static void test_reshape(void **state) {
  (void)state;
  numc_array *a = arange_f64(12), *b, *c, *t;
  OK(numc_reshape(&b, a, 2, (int64_t[]){3, -1}, NUMC_COPY_NEVER));
  assert_int_equal(shape_of(b, 1), 4);
  assert_true(numc_same_buffer(a, b));
  /* a transposed view cannot be flattened without a copy */
  OK(numc_permute_dims(&t, b, NULL));
  FAILS(NUMC_EVALUE, numc_reshape(&c, t, 1, (int64_t[]){12}, NUMC_COPY_NEVER));
  OK(numc_reshape(&c, t, 1, (int64_t[]){12}, NUMC_COPY_IF_NEEDED));
  assert_false(numc_same_buffer(c, t));
  assert_values(c, 12, (double[]){0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11});
  numc_release(c);
  /* splitting an axis of a transposed view is still a view */
  OK(numc_reshape(&c, t, 3, (int64_t[]){2, 2, 3}, NUMC_COPY_NEVER));
  assert_true(numc_same_buffer(c, t));
  assert_values(c, 12, (double[]){0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11});
  numc_release(c);
  /* copy=ALWAYS copies even when a view is possible */
  OK(numc_reshape(&c, a, 2, (int64_t[]){2, 6}, NUMC_COPY_ALWAYS));
  assert_false(numc_same_buffer(c, a));
  numc_release(c);
  FAILS(NUMC_ESHAPE, numc_reshape(&c, a, 1, (int64_t[]){5}, NUMC_COPY_IF_NEEDED));
  FAILS(NUMC_ESHAPE, numc_reshape(&c, a, 1, (int64_t[]){5}, NUMC_COPY_NEVER));
  assert_non_null(strstr(numc_last_error(), "cannot reshape array of size 12 into shape (5,)"));
  FAILS(NUMC_EVALUE, numc_reshape(&c, a, 2, (int64_t[]){-1, -1}, NUMC_COPY_IF_NEEDED));
  /* length-1 dims get NumPy's strides */
  OK(numc_reshape(&c, a, 3, (int64_t[]){2, 1, 6}, NUMC_COPY_NEVER));
  assert_int_equal(numc_array_strides(c)[1], 48);
  numc_release(c);
  /* empty arrays reshape freely */
  numc_array *e;
  OK(numc_zeros(&e, NUMC_INT32, 2, (int64_t[]){0, 5}));
  OK(numc_reshape(&c, e, 3, (int64_t[]){5, 0, 7}, NUMC_COPY_NEVER));
  assert_int_equal(numc_array_size(c), 0);
  numc_release(c);
  numc_release(e);
  numc_release(t);
  numc_release(b);
  numc_release(a);
}

static void test_broadcast_expand_squeeze_flip(void **state) {
  (void)state;
  numc_array *a = arange_f64(3), *b, *c;
  OK(numc_broadcast_to(&b, a, 2, (int64_t[]){4, 3}));
  assert_int_equal(numc_array_strides(b)[0], 0);
  assert_false(numc_array_flags(b) & NUMC_WRITEABLE);
  assert_values(b, 12, (double[]){0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2});
  numc_release(b);
  FAILS(NUMC_ESHAPE, numc_broadcast_to(&b, a, 1, (int64_t[]){4}));
  int nd;
  int64_t out[NUMC_MAXDIMS];
  const int64_t s1[] = {5, 1, 3}, s2[] = {4, 1};
  OK(numc_broadcast_shapes(&nd, out, 2, (int[]){3, 2}, (const int64_t *const[]){s1, s2}));
  assert_int_equal(nd, 3);
  assert_int_equal(out[0], 5);
  assert_int_equal(out[1], 4);
  assert_int_equal(out[2], 3);
  const int64_t s3[] = {2};
  FAILS(NUMC_ESHAPE,
        numc_broadcast_shapes(&nd, out, 2, (int[]){3, 1}, (const int64_t *const[]){s1, s3}));
  OK(numc_expand_dims(&b, a, 2, (int[]){0, -1})); /* (1, 3, 1) */
  assert_int_equal(numc_array_ndim(b), 3);
  assert_int_equal(shape_of(b, 0), 1);
  assert_int_equal(shape_of(b, 2), 1);
  FAILS(NUMC_EVALUE, numc_squeeze(&c, b, 1, (int[]){1}));
  OK(numc_squeeze(&c, b, -1, NULL));
  assert_int_equal(numc_array_ndim(c), 1);
  numc_release(c);
  OK(numc_squeeze(&c, b, 1, (int[]){-1}));
  assert_int_equal(numc_array_ndim(c), 2);
  numc_release(c);
  FAILS(NUMC_EAXIS, numc_expand_dims(&c, a, 1, (int[]){5}));
  FAILS(NUMC_EVALUE, numc_expand_dims(&c, a, 2, (int[]){0, 0}));
  numc_release(b);
  OK(numc_flip(&b, a, -1, NULL));
  assert_values(b, 3, (double[]){2, 1, 0});
  numc_release(b);
  numc_release(a);
}

static void test_real_imag_views(void **state) {
  (void)state;
  double v[4] = {1, 2, 3, 4}; /* two complex128 values: 1+2j, 3+4j */
  numc_array *z = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){2}, v), *re, *im;
  OK(numc_real_view(&re, z));
  OK(numc_imag_view(&im, z));
  assert_int_equal(numc_array_dtype(re), NUMC_FLOAT64);
  assert_values(re, 2, (double[]){1, 3});
  assert_values(im, 2, (double[]){2, 4});
  assert_true(numc_same_buffer(re, z));
  assert_int_equal(numc_array_strides(im)[0], 16);
  numc_release(re);
  numc_release(im);
  numc_release(z);
  numc_array *r = arange_f64(3);
  OK(numc_imag_view(&im, r));
  assert_values(im, 3, (double[]){0, 0, 0});
  assert_false(numc_array_flags(im) & NUMC_WRITEABLE);
  numc_release(im);
  numc_release(r);
}

static void test_view_write_visible(void **state) {
  (void)state;
  /* a write through one view is seen through every other view */
  numc_array *a = arange_f64(6), *b = reshaped(a, 2, (int64_t[]){2, 3}), *col;
  numc_index ix[2] = {SL_ALL(1), IX(1)};
  OK(numc_index_view(&col, b, 2, ix));
  numc_scalar m = numc_weak_float(-1);
  OK(numc_fill(col, &m));
  assert_values(a, 6, (double[]){0, -1, 2, 3, -1, 5});
  numc_release(col);
  numc_release(b);
  numc_release(a);
}

/* numc_view_dtype: bytes reinterpreted, last axis rescaled, NumPy's rules;
 * a pending array is evaluated first. */
static void test_view_dtype(void **state) {
  (void)state;
  numc_array *a = arange_f64(6), *v, *w, *p;
  OK(numc_view_dtype(&v, a, NUMC_INT64)); /* same size: same shape */
  assert_int_equal(numc_array_shape(v)[0], 6);
  const int64_t *bits;
  OK(numc_array_data((void **)&bits, v, NUMC_ACCESS_READ));
  double one = 1.0;
  int64_t want;
  memcpy(&want, &one, sizeof want);
  assert_true(bits[1] == want);
  numc_release(v);
  OK(numc_view_dtype(&v, a, NUMC_INT32)); /* smaller: last axis x2 */
  assert_int_equal(numc_array_shape(v)[0], 12);
  assert_int_equal(numc_array_strides(v)[0], 4);
  assert_true(numc_same_buffer(v, a));
  OK(numc_view_dtype(&w, v, NUMC_COMPLEX128)); /* back up: 12*4/16 = 3 */
  assert_int_equal(numc_array_shape(w)[0], 3);
  numc_release(w);
  numc_release(v);
  /* a write through the view is seen by the original */
  OK(numc_view_dtype(&v, a, NUMC_UINT64));
  numc_scalar z = numc_weak_int(0);
  OK(numc_fill(v, &z));
  assert_values(a, 6, (double[]){0, 0, 0, 0, 0, 0});
  numc_release(v);
  /* errors: 0-d with another size, non-contiguous last axis, indivisible
   * bytes, bool from non-bool, bad dtype */
  numc_array *s, *t;
  numc_index ix = IX(2), st = SL_ALL(2);
  OK(numc_index_view(&s, a, 1, &ix));
  FAILS(NUMC_EVALUE, numc_view_dtype(&v, s, NUMC_INT32));
  OK(numc_view_dtype(&v, s, NUMC_INT64));
  assert_int_equal(numc_array_ndim(v), 0);
  numc_release(v);
  OK(numc_index_view(&t, a, 1, &st));
  FAILS(NUMC_EVALUE, numc_view_dtype(&v, t, NUMC_INT32));
  numc_array *i3;
  numc_scalar b0 = numc_weak_int(0), b3 = numc_weak_int(3), b1 = numc_weak_int(1);
  OK(numc_arange(&i3, NUMC_INT32, &b0, &b3, &b1));
  FAILS(NUMC_EVALUE, numc_view_dtype(&v, i3, NUMC_FLOAT64));
  FAILS(NUMC_EVALUE, numc_view_dtype(&v, i3, NUMC_BOOL)); /* byte 2 */
  numc_array *b01;
  numc_scalar b2 = numc_weak_int(2);
  OK(numc_arange(&b01, NUMC_UINT8, &b0, &b2, &b1)); /* bytes 0, 1 */
  OK(numc_view_dtype(&v, b01, NUMC_BOOL));
  assert_int_equal(numc_array_dtype(v), NUMC_BOOL);
  numc_release(v), numc_release(b01);
  FAILS(NUMC_EINVAL, numc_view_dtype(&v, i3, (numc_dtype)99));
  FAILS(NUMC_EINVAL, numc_view_dtype(NULL, i3, NUMC_INT32));
  numc_release(i3), numc_release(s), numc_release(t);
  /* a pending expression is evaluated, then viewed */
  OK(numc_unary(&p, NUMC_OP_NEGATIVE, a)); /* -0.0 everywhere */
  OK(numc_view_dtype(&v, p, NUMC_UINT64));
  const uint64_t *u;
  OK(numc_array_data((void **)&u, v, NUMC_ACCESS_READ));
  for (int i = 0; i < 6; i++) assert_true(u[i] == (uint64_t)1 << 63);
  numc_release(v), numc_release(p), numc_release(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_view_dtype),
      TEST(test_slices),
      TEST(test_multi_index),
      TEST(test_permute_and_transpose),
      TEST(test_reshape),
      TEST(test_broadcast_expand_squeeze_flip),
      TEST(test_real_imag_views),
      TEST(test_view_write_visible),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
