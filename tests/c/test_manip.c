/*
 * tests/c/test_manip.c - joining, splitting and rearranging: concat, stack,
 * unstack, moveaxis, broadcast_arrays, meshgrid, repeat, roll, tile, diff,
 * tril/triu. Expected shapes, dtypes and values come from NumPy 2.4; also
 * every dtype, non-contiguous and negative-stride inputs, lazy inputs
 * (eager threshold 0), laziness of the results, error messages and
 * allocation failures.
 */
#include "test_util.h"

#define SHAPE(...) ((const int64_t[]){__VA_ARGS__})
#define VALS(...) ((const double[]){__VA_ARGS__})
#define LIST(...) ((const numc_array *const[]){__VA_ARGS__})
#define ERR_IS(msg) assert_string_equal(numc_last_error(), msg)

static numc_array *scalar_times(const numc_array *a, int64_t k) {
  numc_array *s, *r;
  numc_scalar v = numc_weak_int(k);
  OK(numc_from_scalar(&s, &v));
  OK(numc_multiply(&r, a, s));
  numc_release(s);
  return r;
}

static numc_array *view_of(const numc_array *x, int n, const numc_index *ix) {
  numc_array *v;
  OK(numc_index_view(&v, x, n, ix));
  return v;
}

static void expect(const numc_array *a, numc_dtype dt, int nd, const int64_t *shape,
                   const double *v) {
  assert_int_equal(numc_array_dtype(a), dt);
  assert_int_equal(numc_array_ndim(a), nd);
  int64_t n = 1;
  for (int i = 0; i < nd; i++) {
    assert_int_equal(numc_array_shape(a)[i], shape[i]);
    n *= shape[i];
  }
  if (n) assert_values(a, (int)n, v);
  assert_int_equal(numc_array_size(a), n);
}

/* Asserts, releases. */
static void expect_rel(numc_array *a, numc_dtype dt, int nd, const int64_t *shape,
                       const double *v) {
  expect(a, dt, nd, shape, v);
  numc_release(a);
}

#define ALL ((numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL})
#define REV ((numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, -1, NULL})
#define STEP2 ((numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, 2, NULL})

/* ---- concat / stack / unstack ------------------------------------------------------ */

static void test_concat(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *b = iota(NUMC_INT64, 2, SHAPE(2, 2)), *r;
  OK(numc_concat(&r, 2, LIST(a, b), 1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 5), VALS(0, 1, 2, 0, 1, 3, 4, 5, 2, 3));
  numc_array *top = view_of(a, 1, (numc_index[]){{NUMC_INDEX_SLICE, 0, 1, 0, 1, 1, NULL}});
  OK(numc_concat(&r, 2, LIST(a, top), -2));
  expect_rel(r, NUMC_INT64, 2, SHAPE(3, 3), VALS(0, 1, 2, 3, 4, 5, 0, 1, 2));
  /* dtype promotion, flattened */
  numc_array *a8, *u1;
  OK(numc_astype(&a8, a, NUMC_INT8, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  uint8_t one = 1;
  OK(numc_from_copy(&u1, NUMC_UINT8, 1, SHAPE(1), NULL, &one));
  OK(numc_concat(&r, 2, LIST(a8, u1), NUMC_AXIS_NONE));
  expect_rel(r, NUMC_INT16, 1, SHAPE(7), VALS(0, 1, 2, 3, 4, 5, 1));
  numc_array *f1;
  OK(numc_ones(&f1, NUMC_FLOAT32, 2, SHAPE(1, 3)));
  OK(numc_concat(&r, 2, LIST(a8, f1), 0));
  expect_rel(r, NUMC_FLOAT32, 2, SHAPE(3, 3), VALS(0, 1, 2, 3, 4, 5, 1, 1, 1));
  /* 0-d inputs only with axis None */
  numc_array *s0 = iota(NUMC_FLOAT64, 0, NULL);
  OK(numc_concat(&r, 3, LIST(s0, a, s0), NUMC_AXIS_NONE));
  expect_rel(r, NUMC_FLOAT64, 1, SHAPE(8), VALS(0, 0, 1, 2, 3, 4, 5, 0));
  /* non-contiguous and negative-stride inputs, many of them */
  numc_array *rv = view_of(a, 2, (numc_index[]){REV, STEP2});
  const numc_array *many[12];
  for (int i = 0; i < 12; i++) many[i] = i % 2 ? rv : a;
  OK(numc_concat(&r, 12, many, 1));
  assert_int_equal(numc_array_shape(r)[1], 6 * 3 + 6 * 2);
  double w[60];
  for (int row = 0, k = 0; row < 2; row++)
    for (int i = 0; i < 12; i++) {
      if (i % 2 == 0)
        for (int c = 0; c < 3; c++) w[k++] = row * 3 + c;
      else
        for (int c = 0; c < 2; c++) w[k++] = (1 - row) * 3 + 2 * c;
    }
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 30), w);
  /* empty pieces */
  numc_array *e = iota(NUMC_INT64, 2, SHAPE(2, 0));
  OK(numc_concat(&r, 3, LIST(e, a, e), 1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 3, 4, 5));
  OK(numc_concat(&r, 2, LIST(e, e), 1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 0), VALS(0));
  /* errors */
  r = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_concat(&r, 0, LIST(a), 0));
  ERR_IS("need at least one array to concatenate");
  FAILS(NUMC_EVALUE, numc_concat(&r, 2, LIST(a, b), 0));
  ERR_IS("all the input array dimensions except for the concatenation axis must match "
         "exactly, but along dimension 1, the array at index 0 has size 3 and the array at "
         "index 1 has size 2");
  FAILS(NUMC_EAXIS, numc_concat(&r, 2, LIST(a, b), 2));
  ERR_IS("axis 2 is out of bounds for array of dimension 2");
  FAILS(NUMC_EVALUE, numc_concat(&r, 2, LIST(a, u1), 0));
  ERR_IS("all the input arrays must have same number of dimensions, but the array at index "
         "0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)");
  FAILS(NUMC_EVALUE, numc_concat(&r, 2, LIST(s0, s0), 0));
  ERR_IS("zero-dimensional arrays cannot be concatenated");
  assert_ptr_equal(r, (numc_array *)0x1);
  numc_release(e);
  numc_release(rv);
  numc_release(s0);
  numc_release(f1);
  numc_release(a8);
  numc_release(u1);
  numc_release(top);
  numc_release(a);
  numc_release(b);
}

static void test_concat_every_dtype(void **state) {
  (void)state;
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    numc_array *x = iota((numc_dtype)dt, 2, SHAPE(2, 2)), *r;
    numc_array *xt;
    OK(numc_permute_dims(&xt, x, NULL));
    OK(numc_concat(&r, 2, LIST(x, xt), 0));
    double w[8] = {0, 1, 2, 3, 0, 2, 1, 3};
    if (dt == NUMC_BOOL)
      for (int i = 0; i < 8; i++) w[i] = w[i] != 0;
    expect_rel(r, (numc_dtype)dt, 2, SHAPE(4, 2), w);
    numc_release(xt);
    numc_release(x);
  }
}

static void test_concat_lazy(void **state) {
  (void)state;
  numc_set_eager_threshold(0);
  numc_array *a = iota(NUMC_FLOAT64, 1, SHAPE(4)), *b = scalar_times(a, 10), *r;
  assert_true(numc_array_flags(b) & NUMC_PENDING);
  OK(numc_concat(&r, 2, LIST(b, a), 0));
  assert_true(numc_array_flags(r) & NUMC_PENDING);
  char *plan;
  OK(numc_explain(&plan, &r, 1));
  assert_non_null(strstr(plan, "concat"));
  numc_free(plan);
  /* a write to an input after the concat was recorded is not seen by it */
  numc_scalar v = numc_weak_int(-1);
  int64_t zero = 0;
  OK(numc_item_set(a, &zero, &v));
  expect_rel(r, NUMC_FLOAT64, 1, SHAPE(8), VALS(0, 10, 20, 30, 0, 1, 2, 3));
  numc_set_eager_threshold(4096);
  numc_release(a);
  numc_release(b);
}

static void test_stack_unstack(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *a10 = scalar_times(a, 10), *r;
  OK(numc_stack(&r, 2, LIST(a, a10), 1));
  expect_rel(r, NUMC_INT64, 3, SHAPE(2, 2, 3), VALS(0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50));
  OK(numc_stack(&r, 2, LIST(a, a10), -1));
  expect_rel(r, NUMC_INT64, 3, SHAPE(2, 3, 2), VALS(0, 0, 1, 10, 2, 20, 3, 30, 4, 40, 5, 50));
  numc_array *b = iota(NUMC_INT64, 2, SHAPE(2, 2));
  r = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_stack(&r, 2, LIST(a, b), 0));
  ERR_IS("all input arrays must have the same shape");
  FAILS(NUMC_EVALUE, numc_stack(&r, 0, LIST(a), 0));
  ERR_IS("need at least one array to stack");
  FAILS(NUMC_EAXIS, numc_stack(&r, 2, LIST(a, a), 3));
  ERR_IS("axis 3 is out of bounds for array of dimension 3");
  numc_array *parts[3];
  OK(numc_unstack(parts, a, 1));
  for (int i = 0; i < 3; i++) {
    assert_true(numc_same_buffer(parts[i], a));
    expect_rel(parts[i], NUMC_INT64, 1, SHAPE(2), ((double[]){i, 3 + i}));
  }
  OK(numc_unstack(parts, a, -2));
  expect_rel(parts[0], NUMC_INT64, 1, SHAPE(3), VALS(0, 1, 2));
  expect_rel(parts[1], NUMC_INT64, 1, SHAPE(3), VALS(3, 4, 5));
  numc_array *s = iota(NUMC_INT64, 0, NULL);
  parts[0] = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_unstack(parts, s, 0));
  ERR_IS("Input array must be at least 1-d.");
  FAILS(NUMC_EAXIS, numc_unstack(parts, a, 2));
  assert_ptr_equal(parts[0], (numc_array *)0x1);
  numc_release(s);
  numc_release(b);
  numc_release(a10);
  numc_release(a);
}

/* ---- views ------------------------------------------------------------------------- */

static void test_moveaxis(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 3, SHAPE(2, 3, 4)), *r;
  OK(numc_moveaxis(&r, x, 2, (int[]){0, 1}, (int[]){2, 0}));
  assert_true(numc_same_buffer(r, x));
  expect_rel(r, NUMC_INT64, 3, SHAPE(3, 4, 2),
             VALS(0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22,
                  11, 23));
  OK(numc_moveaxis(&r, x, 1, (int[]){-1}, (int[]){0}));
  expect_rel(r, NUMC_INT64, 3, SHAPE(4, 2, 3),
             VALS(0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15,
                  19, 23));
  r = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_moveaxis(&r, x, 2, (int[]){0, 0}, (int[]){2, 1}));
  ERR_IS("repeated axis in `source` argument");
  FAILS(NUMC_EVALUE, numc_moveaxis(&r, x, 2, (int[]){0, 1}, (int[]){2, 2}));
  ERR_IS("repeated axis in `destination` argument");
  FAILS(NUMC_EAXIS, numc_moveaxis(&r, x, 1, (int[]){3}, (int[]){2}));
  ERR_IS("source: axis 3 is out of bounds for array of dimension 3");
  assert_ptr_equal(r, (numc_array *)0x1);
  numc_release(x);
}

static void test_broadcast_arrays(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *b = iota(NUMC_FLOAT32, 1, SHAPE(3));
  numc_array *c = iota(NUMC_INT8, 0, NULL), *out[3];
  OK(numc_broadcast_arrays(out, 3, LIST(a, b, c)));
  assert_true(numc_array_flags(out[0]) & NUMC_WRITEABLE); /* already full shape */
  assert_false(numc_array_flags(out[1]) & NUMC_WRITEABLE);
  assert_true(numc_same_buffer(out[1], b));
  expect_rel(out[0], NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 3, 4, 5));
  expect_rel(out[1], NUMC_FLOAT32, 2, SHAPE(2, 3), VALS(0, 1, 2, 0, 1, 2));
  expect_rel(out[2], NUMC_INT8, 2, SHAPE(2, 3), VALS(0, 0, 0, 0, 0, 0));
  numc_array *d = iota(NUMC_INT64, 1, SHAPE(2));
  out[0] = (numc_array *)0x1;
  FAILS(NUMC_ESHAPE, numc_broadcast_arrays(out, 2, LIST(a, d)));
  ERR_IS("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
         "between arg 0 with shape (2, 3) and arg 1 with shape (2,).");
  assert_ptr_equal(out[0], (numc_array *)0x1);
  OK(numc_broadcast_arrays(out, 0, NULL));
  numc_release(d);
  numc_release(a);
  numc_release(b);
  numc_release(c);
}

static void test_meshgrid(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 1, SHAPE(2)), *y = iota(NUMC_FLOAT64, 1, SHAPE(3)), *m[3];
  OK(numc_meshgrid(m, 2, LIST(x, y), NUMC_MESHGRID_XY, 1));
  assert_true(numc_array_flags(m[0]) & NUMC_WRITEABLE);
  assert_true(numc_array_flags(m[0]) & NUMC_C_CONTIGUOUS);
  expect_rel(m[0], NUMC_INT64, 2, SHAPE(3, 2), VALS(0, 1, 0, 1, 0, 1));
  expect_rel(m[1], NUMC_FLOAT64, 2, SHAPE(3, 2), VALS(0, 0, 1, 1, 2, 2));
  OK(numc_meshgrid(m, 2, LIST(x, y), NUMC_MESHGRID_IJ, 0));
  assert_true(numc_same_buffer(m[0], x));
  assert_false(numc_array_flags(m[0]) & NUMC_WRITEABLE);
  expect_rel(m[0], NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 0, 0, 1, 1, 1));
  expect_rel(m[1], NUMC_FLOAT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 0, 1, 2));
  numc_array *z = iota(NUMC_INT64, 2, SHAPE(2, 2)); /* flattened: 4 values */
  OK(numc_meshgrid(m, 3, LIST(x, y, z), NUMC_MESHGRID_XY, 1));
  expect_rel(m[0], NUMC_INT64, 3, SHAPE(3, 2, 4),
             VALS(0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1));
  numc_release(m[1]);
  expect_rel(m[2], NUMC_INT64, 3, SHAPE(3, 2, 4),
             VALS(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3));
  OK(numc_meshgrid(m, 1, LIST(y), NUMC_MESHGRID_XY, 0));
  expect_rel(m[0], NUMC_FLOAT64, 1, SHAPE(3), VALS(0, 1, 2));
  OK(numc_meshgrid(m, 0, NULL, NUMC_MESHGRID_XY, 1));
  FAILS(NUMC_EVALUE, numc_meshgrid(m, 1, LIST(y), (numc_meshgrid_indexing)7, 1));
  numc_release(z);
  numc_release(x);
  numc_release(y);
}

/* ---- repeat / tile --------------------------------------------------------------------- */

static void test_repeat(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *r, *rp;
  OK(numc_repeat_n(&r, a, 2, NUMC_AXIS_NONE));
  expect_rel(r, NUMC_INT64, 1, SHAPE(12), VALS(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5));
  OK(numc_repeat_n(&r, a, 3, 1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 9),
             VALS(0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5));
  OK(numc_repeat_n(&r, a, 0, 0));
  expect_rel(r, NUMC_INT64, 2, SHAPE(0, 3), VALS(0));
  int64_t c12[2] = {1, 2}, c120[3] = {1, 2, 0}, c2[1] = {2};
  OK(numc_from_copy(&rp, NUMC_INT64, 1, SHAPE(2), NULL, c12));
  OK(numc_repeat(&r, a, rp, 0));
  expect_rel(r, NUMC_INT64, 2, SHAPE(3, 3), VALS(0, 1, 2, 3, 4, 5, 3, 4, 5));
  r = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_repeat(&r, a, rp, 1));
  ERR_IS("operands could not be broadcast together with shape (3,) (2,)");
  numc_release(rp);
  OK(numc_from_copy(&rp, NUMC_INT64, 1, SHAPE(3), NULL, c120));
  OK(numc_repeat(&r, a, rp, -1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 1, 3, 4, 4));
  numc_release(rp);
  OK(numc_from_copy(&rp, NUMC_INT64, 1, SHAPE(1), NULL, c2)); /* broadcasts */
  OK(numc_repeat(&r, a, rp, 1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 6), VALS(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5));
  numc_release(rp);
  numc_scalar f = numc_weak_float(1.5); /* truncated, as NumPy */
  OK(numc_from_scalar(&rp, &f));
  OK(numc_repeat(&r, a, rp, NUMC_AXIS_NONE));
  expect_rel(r, NUMC_INT64, 1, SHAPE(6), VALS(0, 1, 2, 3, 4, 5));
  numc_release(rp);
  numc_array *s = iota(NUMC_INT64, 0, NULL);
  numc_array *s3 = scalar_times(s, 1);
  OK(numc_repeat_n(&r, s3, 4, 0)); /* 0-d: treated as 1-d */
  expect_rel(r, NUMC_INT64, 1, SHAPE(4), VALS(0, 0, 0, 0));
  FAILS(NUMC_EVALUE, numc_repeat_n(&r, a, -1, 0));
  ERR_IS("negative dimensions are not allowed");
  int64_t neg[2] = {1, -1};
  OK(numc_from_copy(&rp, NUMC_INT64, 1, SHAPE(2), NULL, neg));
  FAILS(NUMC_EVALUE, numc_repeat(&r, a, rp, 0));
  ERR_IS("repeats may not contain negative values.");
  numc_release(rp);
  OK(numc_zeros(&rp, NUMC_INT64, 2, SHAPE(1, 1)));
  FAILS(NUMC_EVALUE, numc_repeat(&r, a, rp, 0));
  ERR_IS("object too deep for desired array");
  numc_release(rp);
  FAILS(NUMC_EAXIS, numc_repeat_n(&r, s, 2, 1));
  /* every dtype, strided input */
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    numc_array *x = iota((numc_dtype)dt, 1, SHAPE(4)), *xv;
    OK(numc_index_view(&xv, x, 1, (numc_index[]){REV}));
    OK(numc_repeat_n(&r, xv, 2, 0));
    double w[8] = {3, 3, 2, 2, 1, 1, 0, 0};
    if (dt == NUMC_BOOL)
      for (int i = 0; i < 8; i++) w[i] = w[i] != 0;
    expect_rel(r, (numc_dtype)dt, 1, SHAPE(8), w);
    int64_t cnt[4] = {0, 1, 2, 0};
    OK(numc_from_copy(&rp, NUMC_INT64, 1, SHAPE(4), NULL, cnt));
    OK(numc_repeat(&r, xv, rp, 0));
    double w2[3] = {2, 1, 1};
    if (dt == NUMC_BOOL) w2[0] = 1;
    expect_rel(r, (numc_dtype)dt, 1, SHAPE(3), w2);
    numc_release(rp);
    numc_release(xv);
    numc_release(x);
  }
  /* a long post block (lazy copy of a broadcast view) and a short strided
   * one (the repeat node) */
  numc_array *big = iota(NUMC_INT32, 2, SHAPE(3, 70));
  OK(numc_repeat_n(&r, big, 2, 0));
  double wb[420];
  for (int i = 0; i < 6; i++)
    for (int c = 0; c < 70; c++) wb[i * 70 + c] = (i / 2) * 70 + c;
  expect_rel(r, NUMC_INT32, 2, SHAPE(6, 70), wb);
  numc_array *x3 = iota(NUMC_INT16, 3, SHAPE(2, 3, 4)), *xv3;
  OK(numc_index_view(&xv3, x3, 3, (numc_index[]){ALL, REV, STEP2}));
  OK(numc_repeat_n(&r, xv3, 3, 1)); /* (2, 9, 2) */
  double w3[36];
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 9; j++)
      for (int k = 0; k < 2; k++) w3[(i * 9 + j) * 2 + k] = i * 12 + (2 - j / 3) * 4 + 2 * k;
  expect_rel(r, NUMC_INT16, 3, SHAPE(2, 9, 2), w3);
  numc_release(xv3);
  numc_release(x3);
  numc_release(big);
  numc_release(s);
  numc_release(s3);
  numc_release(a);
}

static void test_tile(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *r;
  OK(numc_tile(&r, a, 1, (int64_t[]){2}));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 6), VALS(0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5));
  OK(numc_tile(&r, a, 3, (int64_t[]){2, 1, 2}));
  expect_rel(r, NUMC_INT64, 3, SHAPE(2, 2, 6),
             VALS(0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5));
  OK(numc_tile(&r, a, 2, (int64_t[]){0, 2}));
  expect_rel(r, NUMC_INT64, 2, SHAPE(0, 6), VALS(0));
  OK(numc_tile(&r, a, 0, NULL)); /* a copy */
  assert_false(numc_same_buffer(r, a));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 3, 4, 5));
  numc_array *s = iota(NUMC_COMPLEX64, 0, NULL), *s5 = scalar_times(s, 5);
  OK(numc_tile(&r, s5, 1, (int64_t[]){3}));
  expect_rel(r, NUMC_COMPLEX64, 1, SHAPE(3), VALS(0, 0, 0));
  numc_array *x = iota(NUMC_INT16, 3, SHAPE(2, 3, 4)), *xv;
  OK(numc_index_view(&xv, x, 3, (numc_index[]){ALL, REV, STEP2}));
  OK(numc_tile(&r, xv, 3, (int64_t[]){2, 1, 1}));
  expect_rel(r, NUMC_INT16, 3, SHAPE(4, 3, 2),
             VALS(8, 10, 4, 6, 0, 2, 20, 22, 16, 18, 12, 14, 8, 10, 4, 6, 0, 2, 20, 22, 16, 18,
                  12, 14));
  /* more axes than one broadcast view can hold: tiled in two steps */
  int64_t ones40[40], zeros40[40], reps40[40];
  for (int i = 0; i < 40; i++) ones40[i] = 1, zeros40[i] = 0, reps40[i] = i < 20 ? 2 : 0;
  numc_array *o40;
  OK(numc_ones(&o40, NUMC_INT8, 40, ones40));
  OK(numc_tile(&r, o40, 40, reps40));
  assert_int_equal(numc_array_ndim(r), 40);
  assert_int_equal(numc_array_shape(r)[0], 2);
  assert_int_equal(numc_array_size(r), 0);
  numc_release(r);
  OK(numc_tile(&r, o40, 40, zeros40));
  assert_int_equal(numc_array_size(r), 0);
  numc_release(r);
  numc_release(o40);
  r = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_tile(&r, a, 1, (int64_t[]){-1}));
  ERR_IS("negative dimensions are not allowed");
  assert_ptr_equal(r, (numc_array *)0x1);
  /* lazy: one fused copy of a broadcast view */
  numc_set_eager_threshold(0);
  numc_array *p = scalar_times(a, 2);
  OK(numc_tile(&r, p, 1, (int64_t[]){2}));
  assert_true(numc_array_flags(r) & NUMC_PENDING);
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 6), VALS(0, 2, 4, 0, 2, 4, 6, 8, 10, 6, 8, 10));
  numc_set_eager_threshold(4096);
  numc_release(p);
  numc_release(xv);
  numc_release(x);
  numc_release(s);
  numc_release(s5);
  numc_release(a);
}

/* ---- roll ------------------------------------------------------------------------------- */

static void test_roll(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *r;
  OK(numc_roll(&r, a, 1, (int64_t[]){1}, NUMC_AXIS_NONE, NULL));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(5, 0, 1, 2, 3, 4));
  OK(numc_roll(&r, a, 1, (int64_t[]){1}, 1, (int[]){1}));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(2, 0, 1, 5, 3, 4));
  OK(numc_roll(&r, a, 2, (int64_t[]){1, 2}, 2, (int[]){0, 1}));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(4, 5, 3, 1, 2, 0));
  OK(numc_roll(&r, a, 2, (int64_t[]){1, 2}, 2, (int[]){1, 1}));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 3, 4, 5));
  OK(numc_roll(&r, a, 2, (int64_t[]){1, 2}, -1, NULL));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(3, 4, 5, 0, 1, 2));
  OK(numc_roll(&r, a, 1, (int64_t[]){1}, 2, (int[]){0, 1}));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(5, 3, 4, 2, 0, 1));
  OK(numc_roll(&r, a, 1, (int64_t[]){-7}, 1, (int[]){-1}));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(1, 2, 0, 4, 5, 3));
  OK(numc_roll(&r, a, 1, (int64_t[]){INT64_MIN}, 1, (int[]){1})); /* -2**63 % 3 == 1 */
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(2, 0, 1, 5, 3, 4));
  numc_array *x = iota(NUMC_FLOAT32, 3, SHAPE(2, 3, 4));
  OK(numc_roll(&r, x, 3, (int64_t[]){1, -1, 5}, 3, (int[]){0, 1, 2}));
  expect_rel(r, NUMC_FLOAT32, 3, SHAPE(2, 3, 4),
             VALS(19, 16, 17, 18, 23, 20, 21, 22, 15, 12, 13, 14, 7, 4, 5, 6, 11, 8, 9, 10, 3,
                  0, 1, 2));
  numc_array *s = iota(NUMC_INT64, 0, NULL);
  OK(numc_roll(&r, s, 1, (int64_t[]){3}, NUMC_AXIS_NONE, NULL));
  expect_rel(r, NUMC_INT64, 0, NULL, VALS(0));
  r = (numc_array *)0x1;
  FAILS(NUMC_ESHAPE, numc_roll(&r, a, 3, (int64_t[]){1, 2, 3}, 2, (int[]){0, 1}));
  ERR_IS("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
         "between arg 0 with shape (3,) and arg 1 with shape (2,).");
  FAILS(NUMC_EAXIS, numc_roll(&r, a, 1, (int64_t[]){1}, 1, (int[]){2}));
  assert_ptr_equal(r, (numc_array *)0x1);
  /* six rolled axes (more than one assemble node), every dtype, lazy input */
  numc_set_eager_threshold(0);
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    numc_array *y = iota((numc_dtype)dt, 6, SHAPE(2, 2, 2, 2, 2, 3)), *yr;
    OK(numc_roll(&yr, y, 1, (int64_t[]){1}, 6, (int[]){0, 1, 2, 3, 4, 5}));
    assert_true(numc_array_flags(yr) & NUMC_PENDING);
    double w[96];
    for (int i = 0; i < 96; i++) {
      /* source index: each of the first five coordinates flipped (0<->1),
       * the last one shifted by one */
      int c5 = i % 3, rest = i / 3;
      int src = ((rest ^ 31) * 3) + (c5 + 2) % 3;
      w[i] = dt == NUMC_BOOL ? src != 0 : src;
    }
    expect_rel(yr, (numc_dtype)dt, 6, SHAPE(2, 2, 2, 2, 2, 3), w);
    numc_release(y);
  }
  numc_set_eager_threshold(4096);
  numc_release(s);
  numc_release(x);
  numc_release(a);
}

/* ---- diff, tril, triu ---------------------------------------------------------------------- */

static void test_diff(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *r;
  OK(numc_diff(&r, a, 1, -1, NULL, NULL));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 2), VALS(1, 1, 1, 1));
  OK(numc_diff(&r, a, 1, 0, NULL, NULL));
  expect_rel(r, NUMC_INT64, 2, SHAPE(1, 3), VALS(3, 3, 3));
  OK(numc_diff(&r, a, 2, -1, NULL, NULL));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 1), VALS(0, 0));
  OK(numc_diff(&r, a, 5, -1, NULL, NULL));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 0), VALS(0));
  OK(numc_diff(&r, a, 0, -1, NULL, NULL));
  assert_true(numc_same_buffer(r, a));
  numc_release(r);
  uint8_t bv[3] = {1, 0, 0};
  numc_array *b;
  OK(numc_from_copy(&b, NUMC_BOOL, 1, SHAPE(3), NULL, bv));
  OK(numc_diff(&r, b, 1, 0, NULL, NULL));
  expect_rel(r, NUMC_BOOL, 1, SHAPE(2), VALS(1, 0));
  numc_array *zero, *app;
  numc_scalar z = numc_weak_int(0);
  OK(numc_from_scalar(&zero, &z));
  OK(numc_diff(&r, a, 1, -1, zero, NULL));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 1, 3, 1, 1));
  double apv[2] = {9.5, 9};
  OK(numc_from_copy(&app, NUMC_FLOAT64, 2, SHAPE(2, 1), NULL, apv));
  OK(numc_diff(&r, a, 1, -1, NULL, app));
  expect_rel(r, NUMC_FLOAT64, 2, SHAPE(2, 3), VALS(1, 1, 7.5, 1, 1, 4));
  numc_release(app);
  numc_array *u;
  uint8_t uv[3] = {3, 1, 7};
  OK(numc_from_copy(&u, NUMC_UINT8, 1, SHAPE(3), NULL, uv));
  OK(numc_diff(&r, u, 1, 0, NULL, NULL));
  expect_rel(r, NUMC_UINT8, 1, SHAPE(2), VALS(254, 6));
  /* lazy: x*x*1.5 then two differences */
  numc_set_eager_threshold(0);
  numc_array *x = iota(NUMC_FLOAT64, 3, SHAPE(2, 3, 4)), *x2, *x3, *h;
  numc_scalar k = numc_weak_float(1.5);
  OK(numc_from_scalar(&h, &k));
  OK(numc_multiply(&x2, x, x));
  OK(numc_multiply(&x3, x2, h));
  OK(numc_diff(&r, x3, 2, 1, NULL, NULL));
  assert_true(numc_array_flags(r) & NUMC_PENDING);
  expect_rel(r, NUMC_FLOAT64, 3, SHAPE(2, 1, 4), VALS(48, 48, 48, 48, 48, 48, 48, 48));
  numc_set_eager_threshold(4096);
  r = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_diff(&r, a, -1, 0, NULL, NULL));
  ERR_IS("order must be non-negative but got -1");
  FAILS(NUMC_EVALUE, numc_diff(&r, zero, 1, 0, NULL, NULL));
  ERR_IS("diff requires input that is at least one dimensional");
  FAILS(NUMC_EAXIS, numc_diff(&r, a, 1, 3, NULL, NULL));
  numc_array *bad = iota(NUMC_INT64, 1, SHAPE(2));
  FAILS(NUMC_EVALUE, numc_diff(&r, a, 1, -1, NULL, bad));
  ERR_IS("all the input arrays must have same number of dimensions, but the array at index "
         "0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)");
  assert_ptr_equal(r, (numc_array *)0x1);
  numc_release(bad);
  numc_release(x);
  numc_release(x2);
  numc_release(x3);
  numc_release(h);
  numc_release(u);
  numc_release(zero);
  numc_release(b);
  numc_release(a);
}

static void test_tril_triu(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 2, SHAPE(2, 3)), *r;
  OK(numc_tril(&r, a, 0));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 0, 0, 3, 4, 0));
  OK(numc_tril(&r, a, -1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 0, 0, 3, 0, 0));
  OK(numc_triu(&r, a, 1));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 0, 0, 5));
  OK(numc_tril(&r, a, INT64_MAX));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 3, 4, 5));
  OK(numc_triu(&r, a, INT64_MIN));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 1, 2, 3, 4, 5));
  OK(numc_triu(&r, a, INT64_MAX));
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 0, 0, 0, 0, 0));
  numc_array *v = iota(NUMC_INT64, 1, SHAPE(3));
  OK(numc_tril(&r, v, 0));
  expect_rel(r, NUMC_INT64, 2, SHAPE(3, 3), VALS(0, 0, 0, 0, 1, 0, 0, 1, 2));
  numc_array *x = iota(NUMC_INT64, 3, SHAPE(2, 3, 4));
  OK(numc_tril(&r, x, 1));
  expect_rel(r, NUMC_INT64, 3, SHAPE(2, 3, 4),
             VALS(0, 1, 0, 0, 4, 5, 6, 0, 8, 9, 10, 11, 12, 13, 0, 0, 16, 17, 18, 0, 20, 21,
                  22, 23));
  OK(numc_triu(&r, x, -1));
  expect_rel(r, NUMC_INT64, 3, SHAPE(2, 3, 4),
             VALS(0, 1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 21,
                  22, 23));
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    numc_array *o;
    OK(numc_ones(&o, (numc_dtype)dt, 2, SHAPE(2, 2)));
    OK(numc_tril(&r, o, 0));
    expect_rel(r, (numc_dtype)dt, 2, SHAPE(2, 2), VALS(1, 0, 1, 1));
    numc_release(o);
  }
  /* lazy and fused with its input */
  numc_set_eager_threshold(0);
  numc_array *p = scalar_times(a, 3);
  OK(numc_triu(&r, p, 0));
  assert_true(numc_array_flags(r) & NUMC_PENDING);
  expect_rel(r, NUMC_INT64, 2, SHAPE(2, 3), VALS(0, 3, 6, 0, 12, 15));
  numc_set_eager_threshold(4096);
  numc_array *s = iota(NUMC_INT64, 0, NULL);
  r = (numc_array *)0x1;
  FAILS(NUMC_EVALUE, numc_tril(&r, s, 0));
  assert_ptr_equal(r, (numc_array *)0x1);
  numc_release(s);
  numc_release(p);
  numc_release(x);
  numc_release(v);
  numc_release(a);
}

/* ---- allocation failures --------------------------------------------------------------- */

typedef int (*make_fn)(numc_array **out, numc_array *in);

static int evaluated(numc_array **o, numc_array *r, int rc) {
  if (rc == NUMC_OK && (rc = numc_eval(&r, 1)) != NUMC_OK) numc_release(r);
  if (rc == NUMC_OK) *o = r;
  return rc;
}
static int mk_concat(numc_array **o, numc_array *in) {
  numc_array *r = NULL;
  const numc_array *l[10] = {in, in, in, in, in, in, in, in, in, in};
  return evaluated(o, r, numc_concat(&r, 10, l, 1));
}
static int mk_roll(numc_array **o, numc_array *in) {
  numc_array *r = NULL;
  return evaluated(o, r, numc_roll(&r, in, 2, (int64_t[]){3, -2}, 2, (int[]){0, 1}));
}
static int mk_repeat(numc_array **o, numc_array *in) {
  numc_array *r = NULL, *rp;
  int64_t c[8] = {1, 0, 2, 3, 1, 1, 0, 2};
  int rc = numc_from_copy(&rp, NUMC_INT64, 1, SHAPE(8), NULL, c);
  if (rc) return rc;
  rc = numc_repeat(&r, in, rp, 1);
  numc_release(rp);
  return evaluated(o, r, rc);
}
static int mk_tril(numc_array **o, numc_array *in) {
  numc_array *r = NULL;
  return evaluated(o, r, numc_tril(&r, in, 1));
}

static void run_injection(make_fn make) {
  numc_array *in = iota(NUMC_FLOAT64, 2, SHAPE(16, 8));
  numc_set_eager_threshold(0);
  INJECT_FAILURES(400, out, make(&out, in));
  numc_set_eager_threshold(4096);
  numc_release(in);
}

static void test_alloc_failures(void **state) {
  (void)state;
  run_injection(mk_concat);
  run_injection(mk_roll);
  run_injection(mk_repeat);
  run_injection(mk_tril);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_concat),        TEST(test_concat_every_dtype), TEST(test_concat_lazy),
      TEST(test_stack_unstack), TEST(test_moveaxis),           TEST(test_broadcast_arrays),
      TEST(test_meshgrid),      TEST(test_repeat),             TEST(test_tile),
      TEST(test_roll),          TEST(test_diff),               TEST(test_tril_triu),
      TEST(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
