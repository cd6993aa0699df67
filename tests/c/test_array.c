/*
 * tests/c/test_array.c - creating arrays and reaching their data: empty/
 * zeros/ones/full and *_like, arange, linspace, eye, from_scalar, from_copy
 * (strided sources), from_data (zero-copy with a release callback), element
 * get/set, flags, copy/astype/assign/fill, and the errors of each.
 */
#include "test_util.h"

static void test_constructors(void **state) {
  (void)state;
  numc_array *a;
  int64_t sh[2] = {2, 3};
  OK(numc_zeros(&a, NUMC_INT32, 2, sh));
  assert_values(a, 6, (double[]){0, 0, 0, 0, 0, 0});
  assert_int_equal(numc_array_strides(a)[0], 12);
  assert_int_equal(numc_array_nbytes(a), 24);
  unsigned f = numc_array_flags(a);
  assert_true(f & NUMC_C_CONTIGUOUS && f & NUMC_WRITEABLE && f & NUMC_OWNDATA &&
              f & NUMC_ALIGNED);
  numc_release(a);
  OK(numc_ones(&a, NUMC_COMPLEX64, 1, (int64_t[]){3}));
  assert_values(a, 3, (double[]){1, 1, 1});
  numc_release(a);
  numc_scalar v = numc_weak_float(2.5);
  OK(numc_full(&a, NUMC_DTYPE_DEFAULT, 2, sh, &v));
  assert_int_equal(numc_array_dtype(a), NUMC_FLOAT64);
  assert_values(a, 6, (double[]){2.5, 2.5, 2.5, 2.5, 2.5, 2.5});
  numc_release(a);
  numc_scalar big = numc_weak_int(300);
  FAILS(NUMC_EOVERFLOW, numc_full(&a, NUMC_INT8, 1, (int64_t[]){2}, &big));
  FAILS(NUMC_ESHAPE, numc_zeros(&a, NUMC_FLOAT64, 1, (int64_t[]){-1}));
  FAILS(NUMC_ESHAPE, numc_zeros(&a, NUMC_FLOAT64, 65, sh));
  FAILS(NUMC_ESHAPE, numc_empty(&a, NUMC_FLOAT64, 2, (int64_t[]){INT64_MAX / 4, 5}));
  FAILS(NUMC_ETYPE, numc_zeros(&a, (numc_dtype)40, 1, sh));
  /* 0-d and empty */
  OK(numc_zeros(&a, NUMC_UINT16, 0, NULL));
  assert_int_equal(numc_array_size(a), 1);
  assert_int_equal(numc_array_ndim(a), 0);
  numc_release(a);
  OK(numc_ones(&a, NUMC_FLOAT32, 2, (int64_t[]){0, 4}));
  assert_int_equal(numc_array_size(a), 0);
  assert_int_equal(numc_array_strides(a)[0], 16);
  numc_release(a);
}

static void test_like(void **state) {
  (void)state;
  numc_array *a, *t, *b;
  OK(numc_zeros(&a, NUMC_INT16, 2, (int64_t[]){3, 4}));
  OK(numc_permute_dims(&t, a, NULL)); /* F-ordered view */
  OK(numc_ones_like(&b, t, NUMC_DTYPE_DEFAULT));
  assert_int_equal(numc_array_dtype(b), NUMC_INT16);
  assert_true(numc_array_flags(b) & NUMC_F_CONTIGUOUS); /* follows like's order */
  assert_values(b, 12, (double[]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  numc_release(b);
  OK(numc_empty_like(&b, t, NUMC_FLOAT64));
  assert_int_equal(numc_array_dtype(b), NUMC_FLOAT64);
  assert_int_equal(numc_array_strides(b)[0], 8);
  numc_release(b);
  numc_scalar v = numc_weak_int(-3);
  OK(numc_full_like(&b, a, NUMC_DTYPE_DEFAULT, &v));
  assert_true(get_f64(b, 11) == -3);
  numc_release(b);
  OK(numc_zeros_like(&b, t, NUMC_BOOL));
  assert_int_equal(numc_array_dtype(b), NUMC_BOOL);
  numc_release(b);
  numc_release(t);
  numc_release(a);
}

static void test_ranges(void **state) {
  (void)state;
  numc_array *a;
  numc_scalar s0 = numc_weak_int(2), s1 = numc_weak_int(11), st = numc_weak_int(3);
  OK(numc_arange(&a, NUMC_DTYPE_DEFAULT, &s0, &s1, &st));
  assert_int_equal(numc_array_dtype(a), NUMC_INT64);
  assert_values(a, 3, (double[]){2, 5, 8});
  numc_release(a);
  numc_scalar n0 = numc_weak_int(10), n1 = numc_weak_int(0), nst = numc_weak_int(-4);
  OK(numc_arange(&a, NUMC_INT8, &n0, &n1, &nst));
  assert_values(a, 3, (double[]){10, 6, 2});
  numc_release(a);
  numc_scalar f0 = numc_weak_float(0), f1 = numc_weak_float(1), fst = numc_weak_float(0.25);
  OK(numc_arange(&a, NUMC_DTYPE_DEFAULT, &f0, &f1, &fst));
  assert_values(a, 4, (double[]){0, 0.25, 0.5, 0.75});
  numc_release(a);
  OK(numc_arange(&a, NUMC_FLOAT32, &s1, &s0, &st)); /* empty */
  assert_int_equal(numc_array_size(a), 0);
  numc_release(a);
  numc_scalar z = numc_weak_int(0);
  FAILS(NUMC_EVALUE, numc_arange(&a, NUMC_DTYPE_DEFAULT, &s0, &s1, &z));
  OK(numc_linspace(&a, NUMC_DTYPE_DEFAULT, &f0, &f1, 5, 1));
  assert_values(a, 5, (double[]){0, 0.25, 0.5, 0.75, 1});
  numc_release(a);
  OK(numc_linspace(&a, NUMC_DTYPE_DEFAULT, &f0, &f1, 4, 0));
  assert_values(a, 4, (double[]){0, 0.25, 0.5, 0.75});
  numc_release(a);
  OK(numc_linspace(&a, NUMC_INT32, &f0, &(numc_scalar){.dtype = NUMC_FLOAT64, .weak = 1, .v.f64 = -3}, 4, 1));
  assert_values(a, 4, (double[]){0, -1, -2, -3});
  numc_release(a);
  OK(numc_linspace(&a, NUMC_DTYPE_DEFAULT, &f0, &f1, 1, 1));
  assert_values(a, 1, (double[]){0});
  numc_release(a);
  FAILS(NUMC_EVALUE, numc_linspace(&a, NUMC_DTYPE_DEFAULT, &f0, &f1, -1, 1));
  OK(numc_eye(&a, NUMC_UINT8, 2, 3, 1));
  assert_values(a, 6, (double[]){0, 1, 0, 0, 0, 1});
  numc_release(a);
  OK(numc_eye(&a, NUMC_FLOAT64, 3, -1, -2));
  assert_values(a, 9, (double[]){0, 0, 0, 0, 0, 0, 1, 0, 0});
  numc_release(a);
  /* diagonals far outside the matrix (no i + k overflow) */
  OK(numc_eye(&a, NUMC_FLOAT64, 2, 2, INT64_MAX));
  assert_values(a, 4, (double[]){0, 0, 0, 0});
  numc_release(a);
  OK(numc_eye(&a, NUMC_FLOAT64, 2, 2, INT64_MIN));
  assert_values(a, 4, (double[]){0, 0, 0, 0});
  numc_release(a);
}

static int released;
static void on_release(void *ctx) { released += *(int *)ctx; }

static void test_from_data_and_copy(void **state) {
  (void)state;
  double buf[6] = {0, 1, 2, 3, 4, 5};
  int tag = 1;
  released = 0;
  numc_array *a, *v;
  /* column 1 of a 3x2 row-major buffer, read backwards: strides (-16,) */
  OK(numc_from_data(&a, NUMC_FLOAT64, 1, (int64_t[]){3}, (int64_t[]){-16}, &buf[5], 0,
                    on_release, &tag));
  assert_values(a, 3, (double[]){5, 3, 1});
  assert_true(numc_array_flags(a) & NUMC_WRITEABLE);
  OK(numc_view(&v, a));
  numc_release(a);
  assert_int_equal(released, 0); /* the view still uses the memory */
  numc_scalar x = {.dtype = NUMC_FLOAT64, .v.f64 = -9};
  OK(numc_item_set(v, (int64_t[]){-1}, &x));
  assert_true(buf[1] == -9); /* zero copy: the write lands in buf */
  numc_release(v);
  assert_int_equal(released, 1);
  /* read-only wrapping */
  OK(numc_from_data(&a, NUMC_FLOAT64, 1, (int64_t[]){6}, NULL, buf, NUMC_DATA_READONLY,
                    NULL, NULL));
  assert_false(numc_array_flags(a) & NUMC_WRITEABLE);
  FAILS(NUMC_EREADONLY, numc_item_set(a, (int64_t[]){0}, &x));
  FAILS(NUMC_EREADONLY, numc_array_set_writeable(a, 1));
  void *p;
  FAILS(NUMC_EREADONLY, numc_array_data(&p, a, NUMC_ACCESS_WRITE));
  numc_release(a);
  FAILS(NUMC_EINVAL, numc_from_data(&a, NUMC_FLOAT64, 1, (int64_t[]){6}, NULL, NULL, 0,
                                    NULL, NULL));
  /* from_copy with a strided (transposed) source */
  int32_t src[6] = {1, 2, 3, 4, 5, 6};
  OK(numc_from_copy(&a, NUMC_INT32, 2, (int64_t[]){3, 2}, (int64_t[]){4, 12}, src));
  assert_values(a, 6, (double[]){1, 4, 2, 5, 3, 6});
  numc_release(a);
  FAILS(NUMC_EINVAL, numc_from_copy(&a, NUMC_INT32, 1, (int64_t[]){3}, NULL, NULL));
}

static void test_items_and_flags(void **state) {
  (void)state;
  numc_array *a;
  OK(numc_zeros(&a, NUMC_UINT8, 2, (int64_t[]){2, 2}));
  numc_scalar big = numc_weak_int(256), ok = numc_weak_int(255);
  FAILS(NUMC_EOVERFLOW, numc_item_set(a, (int64_t[]){0, 0}, &big));
  OK(numc_item_set(a, (int64_t[]){-1, -1}, &ok));
  numc_scalar g;
  OK(numc_item_get(&g, a, (int64_t[]){1, 1}));
  assert_int_equal(g.dtype, NUMC_UINT8);
  assert_int_equal(g.v.u8, 255);
  FAILS(NUMC_EINDEX, numc_item_get(&g, a, (int64_t[]){2, 0}));
  FAILS(NUMC_EINDEX, numc_item_get(&g, a, (int64_t[]){0, -3}));
  OK(numc_array_set_writeable(a, 0));
  FAILS(NUMC_EREADONLY, numc_item_set(a, (int64_t[]){0, 0}, &ok));
  OK(numc_array_set_writeable(a, 1));
  numc_array *b;
  OK(numc_view(&b, a));
  assert_true(numc_may_share_memory(a, b));
  numc_release(b);
  numc_index ix[1] = {{NUMC_INDEX_INT, 0, 0, 0, 0, 0, NULL}}, iy[1] = {{NUMC_INDEX_INT, 0, 0, 1, 0, 0, NULL}};
  numc_array *r0, *r1;
  OK(numc_index_view(&r0, a, 1, ix));
  OK(numc_index_view(&r1, a, 1, iy));
  assert_true(numc_same_buffer(r0, r1));
  assert_false(numc_may_share_memory(r0, r1)); /* disjoint rows */
  numc_release(r0), numc_release(r1), numc_release(a);
}

static void test_copy_astype_assign(void **state) {
  (void)state;
  numc_array *a = arr_f64(4, (double[]){1.5, -2.5, 3.7, 300.2}), *b, *c, *t;
  OK(numc_astype(&b, a, NUMC_INT8, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  assert_values(b, 4, (double[]){1, -2, 3, 44});
  numc_release(b);
  FAILS(NUMC_ECAST, numc_astype(&b, a, NUMC_INT8, NUMC_CASTING_SAME_KIND, NUMC_COPY_IF_NEEDED));
  FAILS(NUMC_EVALUE, numc_astype(&b, a, NUMC_FLOAT32, NUMC_CASTING_UNSAFE, NUMC_COPY_NEVER));
  OK(numc_astype(&b, a, NUMC_FLOAT64, NUMC_CASTING_SAFE, NUMC_COPY_IF_NEEDED));
  assert_true(numc_same_buffer(a, b)); /* no copy needed */
  numc_release(b);
  OK(numc_astype(&b, a, NUMC_FLOAT64, NUMC_CASTING_SAFE, NUMC_COPY_ALWAYS));
  assert_false(numc_same_buffer(a, b));
  numc_release(b);
  /* copy is a snapshot */
  OK(numc_copy(&c, a, NUMC_ORDER_K));
  numc_scalar z = numc_weak_float(0);
  OK(numc_fill(a, &z));
  assert_values(c, 4, (double[]){1.5, -2.5, 3.7, 300.2});
  /* assign with broadcasting and casting */
  numc_array *m;
  OK(numc_zeros(&m, NUMC_INT32, 2, (int64_t[]){2, 4}));
  OK(numc_assign(m, c, NUMC_CASTING_UNSAFE));
  assert_values(m, 8, (double[]){1, -2, 3, 300, 1, -2, 3, 300});
  FAILS(NUMC_ECAST, numc_assign(m, c, NUMC_CASTING_SAME_KIND));
  numc_array *bad = arr_f64(3, (double[]){1, 2, 3});
  FAILS(NUMC_ESHAPE, numc_assign(m, bad, NUMC_CASTING_UNSAFE));
  OK(numc_broadcast_to(&t, c, 2, (int64_t[]){2, 4}));
  FAILS(NUMC_EREADONLY, numc_assign(t, c, NUMC_CASTING_UNSAFE));
  /* F-order copy */
  OK(numc_copy(&b, m, NUMC_ORDER_F));
  assert_true(numc_array_flags(b) & NUMC_F_CONTIGUOUS);
  assert_values(b, 8, (double[]){1, -2, 3, 300, 1, -2, 3, 300});
  numc_release(b), numc_release(t), numc_release(bad), numc_release(m);
  numc_release(c), numc_release(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_constructors), TEST(test_like),        TEST(test_ranges),
      TEST(test_from_data_and_copy), TEST(test_items_and_flags),
      TEST(test_copy_astype_assign),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
