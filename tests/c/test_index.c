/*
 * tests/c/test_index.c - advanced indexing (numc_index_get/set with integer
 * and boolean arrays mixed with basic items), take, take_along_axis, put,
 * put_along_axis: NumPy's result shapes and axis placement (expected values
 * taken from NumPy 2.4), every dtype, negative and empty indices, 0-d
 * arrays, masks, repeated indices in writes, non-contiguous inputs, lazy
 * inputs and write ordering, error messages, allocation failures.
 */
#include "test_util.h"

/* ---- helpers ----------------------------------------------------------------- */

#define SHAPE(...) ((const int64_t[]){__VA_ARGS__})
#define VALS(...) ((const double[]){__VA_ARGS__})
#define IDX(...) ((const numc_index[]){__VA_ARGS__})
#define NIDX(...) (int)(sizeof((const numc_index[]){__VA_ARGS__}) / sizeof(numc_index))

#define I_ALL ((numc_index){NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL})
#define I_NEW ((numc_index){NUMC_INDEX_NEWAXIS, 0, 0, 0, 0, 0, NULL})
#define I_ELL ((numc_index){NUMC_INDEX_ELLIPSIS, 0, 0, 0, 0, 0, NULL})
static numc_index I_INT(int64_t i) { return (numc_index){NUMC_INDEX_INT, 0, 0, i, 0, 0, NULL}; }
static numc_index I_ARR(const numc_array *a) {
  return (numc_index){NUMC_INDEX_ARRAY, 0, 0, 0, 0, 0, a};
}
/* start: (has, value), stop: (has, value), step */
static numc_index I_SL(int hs, int64_t start, int he, int64_t stop, int64_t step) {
  return (numc_index){NUMC_INDEX_SLICE, hs, he, start, stop, step, NULL};
}

/* An index array of dtype dt from int64 values. */
static numc_array *ints_nd(numc_dtype dt, int nd, const int64_t *shape, const int64_t *v) {
  numc_array *a, *c;
  if (v)
    OK(numc_from_copy(&a, NUMC_INT64, nd, shape, NULL, v));
  else
    OK(numc_zeros(&a, NUMC_INT64, nd, shape));
  OK(numc_astype(&c, a, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  numc_release(a);
  return c;
}
static numc_array *ints(int n, const int64_t *v) {
  return ints_nd(NUMC_INT64, 1, (int64_t[]){n}, v);
}
static numc_array *bools(int nd, const int64_t *shape, const uint8_t *v) {
  numc_array *a;
  if (v)
    OK(numc_from_copy(&a, NUMC_BOOL, nd, shape, NULL, v));
  else
    OK(numc_zeros(&a, NUMC_BOOL, nd, shape));
  return a;
}

/* Asserts shape and values (as doubles, C order). */
static void expect(const numc_array *a, int nd, const int64_t *shape, const double *v) {
  assert_int_equal(numc_array_ndim(a), nd);
  int64_t n = 1;
  for (int i = 0; i < nd; i++) {
    if (numc_array_shape(a)[i] != shape[i])
      fail_msg("axis %d: got %lld, want %lld", i, (long long)numc_array_shape(a)[i],
               (long long)shape[i]);
    n *= shape[i];
  }
  if (n) assert_values(a, (int)n, v);
  else assert_int_equal(numc_array_size(a), 0);
}

static numc_array *get(const numc_array *x, int n, const numc_index *ix) {
  numc_array *r = NULL;
  OK(numc_index_get(&r, x, n, ix));
  return r;
}

#define EXPECT_GET(x, ix, nd, shape, vals)                                     \
  do {                                                                         \
    numc_array *r_ = get(x, NIDX ix, IDX ix);                                  \
    expect(r_, nd, shape, vals);                                               \
    assert_false(numc_same_buffer(r_, x));                                     \
    numc_release(r_);                                                          \
  } while (0)

#define ERR_IS(msg) assert_string_equal(numc_last_error(), msg)

/* ---- getitem: NumPy's shapes and axis placement ------------------------------- */

static void test_get_placement(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 3, SHAPE(3, 4, 5));
  numc_array *i201 = ints(3, (int64_t[]){2, 0, -1}), *i01 = ints(2, (int64_t[]){0, 1}),
             *i12 = ints(2, (int64_t[]){1, 2}), *i0m1 = ints(2, (int64_t[]){0, -1}),
             *c01 = ints_nd(NUMC_INT32, 2, SHAPE(2, 1), (int64_t[]){0, 1}),
             *i123 = ints_nd(NUMC_INT8, 1, SHAPE(3), (int64_t[]){1, 2, 3}),
             *i2x2 = ints_nd(NUMC_UINT16, 2, SHAPE(2, 2), (int64_t[]){0, 1, 2, 0}),
             *c12 = ints_nd(NUMC_INT16, 2, SHAPE(2, 1), (int64_t[]){1, 2});
  {
    double w[60];
    for (int i = 0; i < 20; i++) w[i] = 40 + i, w[20 + i] = i, w[40 + i] = 40 + i;
    EXPECT_GET(x, (I_ARR(i201)), 3, SHAPE(3, 4, 5), w);
  }
  /* an int scalar with an array counts as advanced: separated -> first */
  EXPECT_GET(x, (I_INT(0), I_ALL, I_ARR(i12)), 2, SHAPE(2, 4), VALS(1, 6, 11, 16, 2, 7, 12, 17));
  EXPECT_GET(x, (I_ARR(i01), I_ALL, I_ARR(i12)), 2, SHAPE(2, 4),
             VALS(1, 6, 11, 16, 22, 27, 32, 37));
  /* adjacent: in place */
  EXPECT_GET(x, (I_ALL, I_ARR(i01), I_INT(0)), 2, SHAPE(3, 2), VALS(0, 5, 20, 25, 40, 45));
  EXPECT_GET(x, (I_ALL, I_ARR(c01), I_ARR(i123)), 3, SHAPE(3, 2, 3),
             VALS(1, 2, 3, 6, 7, 8, 21, 22, 23, 26, 27, 28, 41, 42, 43, 46, 47, 48));
  /* an ellipsis separates, even when it stands for no axis */
  EXPECT_GET(x, (I_ARR(i01), I_ELL, I_ARR(i0m1)), 2, SHAPE(2, 4),
             VALS(0, 5, 10, 15, 24, 29, 34, 39));
  EXPECT_GET(x, (I_ALL, I_ARR(i01), I_ELL, I_ARR(i01)), 2, SHAPE(2, 3),
             VALS(0, 20, 40, 6, 26, 46));
  {
    double w[40];
    for (int i = 0; i < 40; i++) w[i] = i;
    EXPECT_GET(x, (I_NEW, I_ARR(i01)), 4, SHAPE(1, 2, 4, 5), w);
  }
  EXPECT_GET(x, (I_ARR(i01), I_NEW, I_ARR(i12)), 3, SHAPE(2, 1, 5),
             VALS(5, 6, 7, 8, 9, 30, 31, 32, 33, 34));
  EXPECT_GET(x, (I_ARR(i2x2), I_SL(1, 1, 1, 3, 1), I_ARR(c12)), 3, SHAPE(2, 2, 2),
             VALS(6, 11, 26, 31, 47, 52, 7, 12));
  /* a 0-d integer array is an advanced index (a copy, axis dropped) */
  numc_array *one = ints_nd(NUMC_INT64, 0, NULL, (int64_t[]){1});
  {
    double w[20];
    for (int i = 0; i < 20; i++) w[i] = 20 + i;
    EXPECT_GET(x, (I_ARR(one)), 2, SHAPE(4, 5), w);
  }
  numc_release(one);
  numc_release(i201);
  numc_release(i01);
  numc_release(i12);
  numc_release(i0m1);
  numc_release(c01);
  numc_release(i123);
  numc_release(i2x2);
  numc_release(c12);
  numc_release(x);
}

static void test_get_bool(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 3, SHAPE(3, 4, 5));
  numc_array *t = bools(0, NULL, (uint8_t[]){1}), *f = bools(0, NULL, (uint8_t[]){0});
  numc_array *i01 = ints(2, (int64_t[]){0, 1});
  double w[60];
  for (int i = 0; i < 60; i++) w[i] = i;
  EXPECT_GET(x, (I_ARR(t)), 4, SHAPE(1, 3, 4, 5), w);
  EXPECT_GET(x, (I_ARR(f)), 4, SHAPE(0, 3, 4, 5), w);
  EXPECT_GET(x, (I_ARR(i01), I_ARR(t)), 3, SHAPE(2, 4, 5), w);
  EXPECT_GET(x, (I_ALL, I_ARR(t)), 4, SHAPE(3, 1, 4, 5), w);
  EXPECT_GET(x, (I_ELL, I_ARR(t)), 4, SHAPE(3, 4, 5, 1), w);
  EXPECT_GET(x, (I_INT(0), I_ARR(t)), 3, SHAPE(1, 4, 5), w);
  /* masks: the nonzero() positions of the axes they cover */
  uint8_t m2v[12];
  for (int i = 0; i < 12; i++) m2v[i] = (i * 5) % 3 == 0;
  numc_array *m2 = bools(2, SHAPE(3, 4), m2v);
  numc_array *m5 = bools(1, SHAPE(5), (uint8_t[]){1, 0, 1, 1, 0});
  numc_array *m4 = bools(1, SHAPE(4), (uint8_t[]){0, 1, 1, 0});
  numc_array *one = ints(1, (int64_t[]){1});
  EXPECT_GET(x, (I_ARR(m2)), 2, SHAPE(4, 5),
             VALS(0, 1, 2, 3, 4, 15, 16, 17, 18, 19, 30, 31, 32, 33, 34, 45, 46, 47, 48, 49));
  EXPECT_GET(x, (I_ELL, I_ARR(m5)), 3, SHAPE(3, 4, 3),
             VALS(0, 2, 3, 5, 7, 8, 10, 12, 13, 15, 17, 18, 20, 22, 23, 25, 27, 28, 30, 32,
                  33, 35, 37, 38, 40, 42, 43, 45, 47, 48, 50, 52, 53, 55, 57, 58));
  EXPECT_GET(x, (I_SL(1, 1, 0, 0, 1), I_ARR(m4), I_SL(0, 0, 0, 0, -2)), 3, SHAPE(2, 2, 3),
             VALS(29, 27, 25, 34, 32, 30, 49, 47, 45, 54, 52, 50));
  EXPECT_GET(x, (I_ARR(m2), I_ARR(one)), 1, SHAPE(4), VALS(1, 16, 31, 46));
  EXPECT_GET(x, (I_INT(1), I_ARR(m4), I_INT(-1)), 1, SHAPE(2), VALS(29, 34));
  /* all-false mask and a full-rank mask */
  uint8_t zeros[60] = {0}, some[60] = {0};
  some[7] = some[33] = some[59] = 1;
  numc_array *mz = bools(3, SHAPE(3, 4, 5), zeros), *ms = bools(3, SHAPE(3, 4, 5), some);
  EXPECT_GET(x, (I_ARR(mz)), 1, SHAPE(0), w);
  EXPECT_GET(x, (I_ARR(mz), I_NEW), 2, SHAPE(0, 1), w);
  EXPECT_GET(x, (I_ARR(ms)), 1, SHAPE(3), VALS(7, 33, 59));
  numc_release(mz);
  numc_release(ms);
  numc_release(m2);
  numc_release(m5);
  numc_release(m4);
  numc_release(one);
  numc_release(t);
  numc_release(f);
  numc_release(i01);
  numc_release(x);
}

static void test_get_strided_inputs(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 3, SHAPE(3, 4, 5)), *xr, *xt;
  /* xr = x[::-1, :, ::2] (negative and non-unit strides) */
  OK(numc_index_view(&xr, x, 3, IDX(I_SL(0, 0, 0, 0, -1), I_ALL, I_SL(0, 0, 0, 0, 2))));
  numc_array *i02 = ints(2, (int64_t[]){0, 2}), *i13 = ints(2, (int64_t[]){1, 3});
  EXPECT_GET(xr, (I_ARR(i02), I_INT(1)), 2, SHAPE(2, 3), VALS(45, 47, 49, 5, 7, 9));
  OK(numc_permute_dims(&xt, x, NULL)); /* x.T, shape (5, 4, 3) */
  EXPECT_GET(xt, (I_ARR(i13), I_ALL, I_ARR(i02)), 2, SHAPE(2, 4),
             VALS(1, 6, 11, 16, 43, 48, 53, 58));
  /* a non-contiguous index array */
  numc_array *big = ints(6, (int64_t[]){2, 9, 0, 9, -1, 9}), *bs;
  OK(numc_index_view(&bs, big, 1, IDX(I_SL(0, 0, 0, 0, 2))));
  numc_array *v = iota(NUMC_FLOAT64, 1, SHAPE(5));
  EXPECT_GET(v, (I_ARR(bs)), 1, SHAPE(3), VALS(2, 0, 4));
  numc_release(big);
  numc_release(bs);
  numc_release(v);
  numc_release(i02);
  numc_release(i13);
  numc_release(xr);
  numc_release(xt);
  numc_release(x);
}

static void test_get_every_dtype(void **state) {
  (void)state;
  numc_array *idx = ints_nd(NUMC_UINT8, 2, SHAPE(2, 2), (int64_t[]){2, 0, 1, 2});
  numc_array *neg = ints_nd(NUMC_INT8, 1, SHAPE(2), (int64_t[]){-1, -4});
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    numc_array *x = iota((numc_dtype)dt, 2, SHAPE(3, 4));
    numc_array *r = get(x, 2, IDX(I_ARR(idx), I_ARR(neg)));
    assert_int_equal(numc_array_dtype(r), dt);
    double w[4] = {11, 0, 7, 8};
    if (dt == NUMC_BOOL)
      for (int i = 0; i < 4; i++) w[i] = w[i] != 0;
    expect(r, 2, SHAPE(2, 2), w);
    numc_release(r);
    /* index arrays of every integer dtype */
    if (dt != NUMC_BOOL && numc_dtype_kind((numc_dtype)dt) != 'f' &&
        numc_dtype_kind((numc_dtype)dt) != 'c') {
      numc_array *i = ints_nd((numc_dtype)dt, 1, SHAPE(2), (int64_t[]){2, 1});
      numc_array *x64 = iota(NUMC_FLOAT64, 1, SHAPE(4));
      EXPECT_GET(x64, (I_ARR(i)), 1, SHAPE(2), VALS(2, 1));
      numc_release(i);
      numc_release(x64);
    }
    numc_release(x);
  }
  numc_release(idx);
  numc_release(neg);
}

static void test_get_empty_and_0d(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_FLOAT32, 2, SHAPE(3, 4));
  numc_array *e = ints_nd(NUMC_INT8, 1, SHAPE(0), NULL);
  EXPECT_GET(x, (I_ARR(e)), 2, SHAPE(0, 4), VALS(0));
  EXPECT_GET(x, (I_ALL, I_ARR(e)), 2, SHAPE(3, 0), VALS(0));
  /* broadcast to nothing: out-of-range values are never used (NumPy) */
  numc_array *seven = ints(1, (int64_t[]){7});
  EXPECT_GET(x, (I_ARR(seven), I_ARR(e)), 1, SHAPE(0), VALS(0));
  /* an integer scalar is still checked */
  numc_array *r = (numc_array *)0x1;
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 2, IDX(I_INT(9), I_ARR(e))));
  ERR_IS("index 9 is out of bounds for axis 0 with size 3");
  assert_ptr_equal(r, (numc_array *)0x1);
  /* 0-d x: a 0-d bool adds an axis */
  numc_array *s = iota(NUMC_INT16, 0, NULL), *t = bools(0, NULL, (uint8_t[]){1});
  EXPECT_GET(s, (I_ARR(t)), 1, SHAPE(1), VALS(0));
  EXPECT_GET(s, (I_ELL, I_ARR(t), I_NEW), 2, SHAPE(1, 1), VALS(0));
  /* an empty axis indexed by an empty array */
  numc_array *z = iota(NUMC_INT64, 2, SHAPE(0, 3));
  EXPECT_GET(z, (I_ARR(e)), 2, SHAPE(0, 3), VALS(0));
  numc_array *zm = bools(1, SHAPE(0), NULL);
  EXPECT_GET(z, (I_ARR(zm)), 2, SHAPE(0, 3), VALS(0));
  FAILS(NUMC_EINDEX, numc_index_get(&r, z, 1, IDX(I_ARR(seven))));
  ERR_IS("index 7 is out of bounds for axis 0 with size 0");
  /* basic-only lists give views */
  numc_array *v = get(x, 2, IDX(I_INT(1), I_SL(0, 0, 0, 0, 2)));
  assert_true(numc_same_buffer(v, x));
  expect(v, 1, SHAPE(2), VALS(4, 6));
  numc_release(v);
  /* writes through a 0-d boolean and an all-false mask */
  numc_array *five = ints_nd(NUMC_INT64, 0, NULL, (int64_t[]){5});
  OK(numc_index_set(s, 1, IDX(I_ARR(t)), five));
  expect(s, 0, NULL, VALS(5));
  numc_array *ff = bools(0, NULL, (uint8_t[]){0});
  OK(numc_index_set(s, 1, IDX(I_ARR(ff)), seven));
  expect(s, 0, NULL, VALS(5));
  numc_array *mz = bools(2, SHAPE(3, 4), NULL);
  OK(numc_index_set(x, 1, IDX(I_ARR(mz)), five));
  double w12[12];
  for (int i = 0; i < 12; i++) w12[i] = i;
  expect(x, 2, SHAPE(3, 4), w12);
  numc_release(mz);
  numc_release(ff);
  numc_release(five);
  numc_release(zm);
  numc_release(z);
  numc_release(s);
  numc_release(t);
  numc_release(seven);
  numc_release(e);
  numc_release(x);
}

static void test_get_errors(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 3, SHAPE(3, 4, 5)), *r = (numc_array *)0x1;
  numc_array *i7 = ints(1, (int64_t[]){7}), *m5 = ints(1, (int64_t[]){-5});
  numc_array *b4 = bools(1, SHAPE(4), (uint8_t[]){1, 1, 1, 1});
  numc_array *b5 = bools(1, SHAPE(5), (uint8_t[]){1, 1, 1, 1, 1});
  numc_array *i2 = ints(2, (int64_t[]){0, 1}), *i3 = ints(3, (int64_t[]){0, 1, 2});
  numc_array *fl = iota(NUMC_FLOAT64, 1, SHAPE(2));
  uint8_t ones12[12];
  memset(ones12, 1, sizeof ones12);
  numc_array *m34 = bools(2, SHAPE(3, 4), ones12);
  numc_array *b4d = bools(4, SHAPE(3, 4, 5, 1), NULL);
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 1, IDX(I_ARR(i7))));
  ERR_IS("index 7 is out of bounds for axis 0 with size 3");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 2, IDX(I_ALL, I_ARR(m5))));
  ERR_IS("index -5 is out of bounds for axis 1 with size 4");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 1, IDX(I_ARR(b4))));
  ERR_IS("boolean index did not match indexed array along axis 0; size of axis is 3 but "
         "size of corresponding boolean axis is 4");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 2, IDX(I_NEW, I_ARR(b4))));
  ERR_IS("boolean index did not match indexed array along axis 0; size of axis is 3 but "
         "size of corresponding boolean axis is 4");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 2, IDX(I_ALL, I_ARR(b5))));
  ERR_IS("boolean index did not match indexed array along axis 1; size of axis is 4 but "
         "size of corresponding boolean axis is 5");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 3, IDX(I_INT(0), I_ARR(i2), I_ARR(i3))));
  ERR_IS("shape mismatch: indexing arrays could not be broadcast together with shapes (2,) "
         "(3,) ");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 2, IDX(I_ARR(m34), I_ARR(i3))));
  ERR_IS("shape mismatch: indexing arrays could not be broadcast together with shapes (12,) "
         "(12,) (3,) ");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 1, IDX(I_ARR(fl))));
  ERR_IS("arrays used as indices must be of integer (or boolean) type");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 1, IDX(I_ARR(b4d))));
  ERR_IS("too many indices for array: array is 3-dimensional, but 4 were indexed");
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 4, IDX(I_ALL, I_ALL, I_ALL, I_ARR(i2))));
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 3, IDX(I_ELL, I_ARR(i2), I_ELL)));
  FAILS(NUMC_EINDEX, numc_index_get(&r, x, 2, IDX(I_INT(3), I_ARR(i2))));
  ERR_IS("index 3 is out of bounds for axis 0 with size 3");
  FAILS(NUMC_EINVAL, numc_index_get(&r, x, 1, IDX(I_ARR(NULL))));
  FAILS(NUMC_EINVAL, numc_index_view(&r, x, 1, IDX(I_ARR(i2))));
  assert_ptr_equal(r, (numc_array *)0x1);
  numc_release(i7);
  numc_release(m5);
  numc_release(b4);
  numc_release(b5);
  numc_release(i2);
  numc_release(i3);
  numc_release(fl);
  numc_release(m34);
  numc_release(b4d);
  numc_release(x);
}

/* ---- setitem ---------------------------------------------------------------------- */

static void test_set_basic_cases(void **state) {
  (void)state;
  numc_array *a = iota(NUMC_INT64, 1, SHAPE(5));
  numc_array *rep = ints(3, (int64_t[]){0, 0, 1}), *v = ints(3, (int64_t[]){7, 8, 9});
  OK(numc_index_set(a, 1, IDX(I_ARR(rep)), v)); /* last write wins */
  expect(a, 1, SHAPE(5), VALS(8, 9, 2, 3, 4));
  numc_array *i01 = ints(2, (int64_t[]){0, 1}), *f;
  numc_scalar s = numc_weak_float(2.7);
  OK(numc_from_scalar(&f, &s));
  OK(numc_index_set(a, 1, IDX(I_ARR(i01)), f)); /* unsafe cast as setitem */
  expect(a, 1, SHAPE(5), VALS(2, 2, 2, 3, 4));
  numc_release(f);
  /* leading length-1 axes of the value are ignored */
  numc_array *v3 = ints_nd(NUMC_INT64, 3, SHAPE(1, 1, 2), (int64_t[]){5, 6});
  OK(numc_index_set(a, 1, IDX(I_ARR(i01)), v3));
  expect(a, 1, SHAPE(5), VALS(5, 6, 2, 3, 4));
  numc_release(v3);
  v3 = ints_nd(NUMC_INT64, 2, SHAPE(2, 1), (int64_t[]){5, 6});
  FAILS(NUMC_EVALUE, numc_index_set(a, 1, IDX(I_ARR(i01)), v3));
  ERR_IS("shape mismatch: value array of shape (2,1) could not be broadcast to indexing "
         "result of shape (2,)");
  FAILS(NUMC_EVALUE, numc_index_set(a, 1, IDX(I_ARR(i01)), v));
  ERR_IS("shape mismatch: value array of shape (3,) could not be broadcast to indexing "
         "result of shape (2,)");
  numc_release(v3);
  /* an empty value: any extra leading axes fold away (NumPy reshapes it) */
  numc_array *none = ints_nd(NUMC_INT64, 1, SHAPE(0), NULL);
  numc_array *e20 = ints_nd(NUMC_INT64, 2, SHAPE(2, 0), NULL);
  numc_array *e03 = ints_nd(NUMC_INT64, 2, SHAPE(0, 3), NULL);
  OK(numc_index_set(a, 1, IDX(I_ARR(none)), e20));
  expect(a, 1, SHAPE(5), VALS(5, 6, 2, 3, 4));
  FAILS(NUMC_EVALUE, numc_index_set(a, 1, IDX(I_ARR(none)), e03));
  ERR_IS("shape mismatch: value array of shape (0,3) could not be broadcast to indexing "
         "result of shape (0,)");
  numc_release(none);
  numc_release(e20);
  numc_release(e03);
  /* uint8: weak ints range-checked, arrays wrap, complex drops imag */
  numc_array *u = iota(NUMC_UINT8, 1, SHAPE(3)), *w;
  numc_scalar big = numc_weak_int(300);
  OK(numc_from_scalar(&w, &big));
  FAILS(NUMC_EOVERFLOW, numc_index_set(u, 1, IDX(I_ARR(i01)), w));
  ERR_IS("Python integer 300 out of bounds for uint8");
  numc_release(w);
  w = ints(2, (int64_t[]){300, -1});
  OK(numc_index_set(u, 1, IDX(I_ARR(i01)), w));
  expect(u, 1, SHAPE(3), VALS(44, 255, 2));
  numc_release(w);
  double cv[4] = {1.5, 2, 3, 0};
  OK(numc_from_copy(&w, NUMC_COMPLEX128, 1, SHAPE(2), NULL, cv));
  OK(numc_index_set(u, 1, IDX(I_ARR(i01)), w));
  expect(u, 1, SHAPE(3), VALS(1, 3, 2));
  numc_release(w);
  /* masks */
  numc_array *m = bools(1, SHAPE(3), (uint8_t[]){1, 0, 1});
  w = ints(2, (int64_t[]){5, 6});
  OK(numc_index_set(u, 1, IDX(I_ARR(m)), w));
  expect(u, 1, SHAPE(3), VALS(5, 3, 6));
  numc_release(w);
  w = ints(3, (int64_t[]){5, 6, 7});
  FAILS(NUMC_EVALUE, numc_index_set(u, 1, IDX(I_ARR(m)), w));
  ERR_IS("NumPy boolean array indexing assignment cannot assign 3 input values to the 2 "
         "output values where the mask is true");
  numc_release(w);
  w = ints(1, (int64_t[]){9});
  OK(numc_index_set(u, 1, IDX(I_ARR(m)), w));
  expect(u, 1, SHAPE(3), VALS(9, 3, 9));
  numc_release(w);
  numc_release(m);
  numc_release(u);
  numc_release(rep);
  numc_release(v);
  numc_release(i01);
  numc_release(a);
}

static void test_set_mixed(void **state) {
  (void)state;
  numc_array *b = iota(NUMC_FLOAT64, 2, SHAPE(3, 4));
  numc_array *i01 = ints(2, (int64_t[]){0, 1});
  numc_array *col = ints_nd(NUMC_INT64, 2, SHAPE(2, 1), (int64_t[]){-1, -2});
  OK(numc_index_set(b, 2, IDX(I_ARR(i01), I_ALL), col));
  expect(b, 2, SHAPE(3, 4), VALS(-1, -1, -1, -1, -2, -2, -2, -2, 8, 9, 10, 11));
  numc_array *r3 = iota(NUMC_INT64, 1, SHAPE(3));
  FAILS(NUMC_EVALUE, numc_index_set(b, 2, IDX(I_ALL, I_ARR(i01)), r3));
  ERR_IS("shape mismatch: value array of shape (3,) could not be broadcast to indexing "
         "result of shape (3,2)");
  FAILS(NUMC_EVALUE, numc_index_set(b, 2, IDX(I_INT(0), I_ARR(i01)), r3));
  ERR_IS("shape mismatch: value array of shape (3,) could not be broadcast to indexing "
         "result of shape (2,)");
  /* separated advanced indices: broadcast dims first; x[:, [0,1], ..., [0,1]]
   * on (2,3,2) gives shape (2, 2) */
  numc_array *c = iota(NUMC_INT32, 3, SHAPE(2, 3, 2));
  numc_array *vals = ints_nd(NUMC_INT64, 2, SHAPE(2, 2), (int64_t[]){100, 101, 102, 103});
  OK(numc_index_set(c, 4, IDX(I_ALL, I_ARR(i01), I_ELL, I_ARR(i01)), vals));
  expect(c, 3, SHAPE(2, 3, 2), VALS(100, 1, 2, 102, 4, 5, 101, 7, 8, 103, 10, 11));
  /* negative-stride destination */
  numc_array *rv;
  OK(numc_index_view(&rv, b, 2, IDX(I_SL(0, 0, 0, 0, -1), I_SL(0, 0, 0, 0, -2))));
  numc_scalar z = numc_weak_int(0);
  numc_array *zero;
  OK(numc_from_scalar(&zero, &z));
  OK(numc_index_set(rv, 2, IDX(I_ARR(i01), I_INT(1)), zero)); /* b[2,1] b[1,1] */
  expect(b, 2, SHAPE(3, 4), VALS(-1, -1, -1, -1, -2, 0, -2, -2, 8, 0, 10, 11));
  /* basic-only setitem goes through assign (with leading 1 axes ignored) */
  numc_array *row = ints_nd(NUMC_INT64, 3, SHAPE(1, 1, 4), (int64_t[]){1, 2, 3, 4});
  OK(numc_index_set(b, 1, IDX(I_INT(2)), row));
  expect(b, 2, SHAPE(3, 4), VALS(-1, -1, -1, -1, -2, 0, -2, -2, 1, 2, 3, 4));
  numc_release(row);
  /* read-only destination */
  numc_array *bc;
  OK(numc_broadcast_to(&bc, r3, 2, SHAPE(2, 3)));
  FAILS(NUMC_EREADONLY, numc_index_set(bc, 1, IDX(I_ARR(i01)), zero));
  ERR_IS("assignment destination is read-only");
  numc_release(bc);
  numc_release(zero);
  numc_release(rv);
  numc_release(vals);
  numc_release(c);
  numc_release(r3);
  numc_release(col);
  numc_release(i01);
  numc_release(b);
}

static void test_set_every_dtype(void **state) {
  (void)state;
  numc_array *idx = ints(3, (int64_t[]){-1, 0, -1});
  numc_scalar s = numc_weak_int(1);
  numc_array *one;
  OK(numc_from_scalar(&one, &s));
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    numc_array *x;
    OK(numc_zeros(&x, (numc_dtype)dt, 2, SHAPE(2, 3)));
    OK(numc_index_set(x, 2, IDX(I_ALL, I_ARR(idx)), one));
    expect(x, 2, SHAPE(2, 3), VALS(1, 0, 1, 1, 0, 1));
    /* values of another dtype, broadcast along the rows */
    numc_array *v = iota(NUMC_FLOAT32, 1, SHAPE(3));
    OK(numc_index_set(x, 2, IDX(I_ALL, I_ARR(idx)), v));
    double w[6] = {1, 0, 2, 1, 0, 2};
    if (dt == NUMC_BOOL) w[2] = w[5] = 1;
    expect(x, 2, SHAPE(2, 3), w);
    numc_release(v);
    numc_release(x);
  }
  numc_release(one);
  numc_release(idx);
}

static void test_set_overlap_and_order(void **state) {
  (void)state;
  /* value is a view of x: read before anything is written */
  numc_array *a = iota(NUMC_INT64, 1, SHAPE(5)), *head;
  OK(numc_index_view(&head, a, 1, IDX(I_SL(0, 0, 1, 3, 1))));
  numc_array *i123 = ints(3, (int64_t[]){1, 2, 3});
  OK(numc_index_set(a, 1, IDX(I_ARR(i123)), head));
  expect(a, 1, SHAPE(5), VALS(0, 0, 1, 2, 4));
  numc_release(head);
  /* the index array is x itself: x[x] = [10, 20, 30] */
  numc_array *xi = ints(3, (int64_t[]){1, 0, 2}), *v3 = ints(3, (int64_t[]){10, 20, 30});
  OK(numc_index_set(xi, 1, IDX(I_ARR(xi)), v3));
  expect(xi, 1, SHAPE(3), VALS(20, 10, 30));
  numc_release(xi);
  numc_release(v3);
  /* lazy readers of x keep the old values; a lazy gather too */
  numc_set_eager_threshold(0);
  numc_array *x = iota(NUMC_FLOAT64, 1, SHAPE(6)), *y, *g, *two;
  numc_scalar s = numc_weak_int(2);
  OK(numc_from_scalar(&two, &s));
  OK(numc_multiply(&y, x, two));
  numc_array *i05 = ints(2, (int64_t[]){0, 5});
  g = get(x, 1, IDX(I_ARR(i05)));
  assert_true(numc_array_flags(y) & NUMC_PENDING);
  assert_true(numc_array_flags(g) & NUMC_PENDING);
  numc_scalar big = numc_weak_int(100);
  numc_array *h;
  OK(numc_from_scalar(&h, &big));
  OK(numc_index_set(x, 1, IDX(I_ARR(i05)), h));
  expect(x, 1, SHAPE(6), VALS(100, 1, 2, 3, 4, 100));
  expect(y, 1, SHAPE(6), VALS(0, 2, 4, 6, 8, 10));
  expect(g, 1, SHAPE(2), VALS(0, 5));
  /* pending destination, pending value and pending index array */
  numc_array *p, *pv, *pi, *c1;
  OK(numc_add(&p, x, two)); /* 102 3 4 5 6 102 */
  OK(numc_multiply(&pv, i05, two)); /* value 0, 10 */
  OK(numc_subtract(&pi, i05, i05)); /* index 0, 0 */
  OK(numc_astype(&c1, pi, NUMC_INT64, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  assert_true(numc_array_flags(p) & NUMC_PENDING);
  assert_true(numc_array_flags(pv) & NUMC_PENDING);
  OK(numc_index_set(p, 1, IDX(I_ARR(c1)), pv)); /* p[0] = 0 then 10 */
  expect(p, 1, SHAPE(6), VALS(10, 3, 4, 5, 6, 102));
  /* gather from a pending input, then write the input */
  numc_array *q, *gq;
  OK(numc_add(&q, x, two));
  gq = get(q, 1, IDX(I_ARR(i05)));
  OK(numc_index_set(q, 1, IDX(I_ARR(i05)), two));
  expect(gq, 1, SHAPE(2), VALS(102, 102));
  expect(q, 1, SHAPE(6), VALS(2, 3, 4, 5, 6, 2));
  /* the value is a pending expression of x itself, or x itself */
  numc_array *x2 = iota(NUMC_FLOAT64, 1, SHAPE(4)), *rv2, *v2;
  OK(numc_index_view(&rv2, x2, 1, IDX(I_SL(0, 0, 0, 0, -1))));
  OK(numc_multiply(&v2, rv2, two));
  assert_true(numc_array_flags(v2) & NUMC_PENDING);
  numc_array *all4 = ints(4, (int64_t[]){0, 1, 2, 3}), *rev4 = ints(4, (int64_t[]){3, 2, 1, 0});
  OK(numc_index_set(x2, 1, IDX(I_ARR(all4)), v2));
  expect(x2, 1, SHAPE(4), VALS(6, 4, 2, 0));
  OK(numc_index_set(x2, 1, IDX(I_ARR(rev4)), x2));
  expect(x2, 1, SHAPE(4), VALS(0, 2, 4, 6));
  numc_release(all4);
  numc_release(rev4);
  numc_release(v2);
  numc_release(rv2);
  numc_release(x2);
  numc_set_eager_threshold(4096);
  numc_release(q);
  numc_release(gq);
  numc_release(p);
  numc_release(pv);
  numc_release(pi);
  numc_release(c1);
  numc_release(h);
  numc_release(i05);
  numc_release(g);
  numc_release(y);
  numc_release(two);
  numc_release(x);
  numc_release(i123);
  numc_release(a);
}

/* A gather big enough to be split over the pool, and a lazy chain feeding it. */
static void test_large_gather(void **state) {
  (void)state;
  int64_t n = 1 << 20;
  numc_array *x = iota(NUMC_FLOAT64, 2, SHAPE(n / 64, 64)), *rev, *idx;
  numc_scalar lo = numc_weak_int(n / 64 - 1), hi = numc_weak_int(-1), st = numc_weak_int(-1);
  OK(numc_arange(&rev, NUMC_INT64, &lo, &hi, &st));
  OK(numc_astype(&idx, rev, NUMC_INT32, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  numc_array *g = get(x, 1, IDX(I_ARR(idx)));
  numc_array *g2 = get(x, 2, IDX(I_ARR(idx), I_INT(3)));
  const double *p;
  OK(numc_array_data((void **)&p, g, NUMC_ACCESS_READ));
  for (int64_t r = 0; r < n / 64; r += 997)
    for (int c = 0; c < 64; c++)
      assert_true(p[r * 64 + c] == (double)((n / 64 - 1 - r) * 64 + c));
  OK(numc_array_data((void **)&p, g2, NUMC_ACCESS_READ));
  for (int64_t r = 0; r < n / 64; r++) assert_true(p[r] == (double)((n / 64 - 1 - r) * 64 + 3));
  numc_release(g);
  numc_release(g2);
  numc_release(rev);
  numc_release(idx);
  numc_release(x);
}

/* ---- take / take_along_axis / put / put_along_axis -------------------------------- */

static void test_take(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 2, SHAPE(3, 4)), *r = (numc_array *)0x1;
  numc_array *i = ints_nd(NUMC_INT64, 2, SHAPE(1, 2), (int64_t[]){3, -1});
  OK(numc_take(&r, x, i, -1));
  expect(r, 3, SHAPE(3, 1, 2), VALS(3, 3, 7, 7, 11, 11));
  numc_release(r);
  OK(numc_take(&r, x, i, NUMC_AXIS_NONE));
  expect(r, 2, SHAPE(1, 2), VALS(3, 11));
  numc_release(r);
  numc_array *b = bools(1, SHAPE(2), (uint8_t[]){1, 0}); /* bool counts as 0/1 */
  OK(numc_take(&r, x, b, 0));
  expect(r, 2, SHAPE(2, 4), VALS(4, 5, 6, 7, 0, 1, 2, 3));
  numc_release(r);
  numc_array *s = ints_nd(NUMC_INT64, 0, NULL, (int64_t[]){2});
  OK(numc_take(&r, x, s, 1));
  expect(r, 1, SHAPE(3), VALS(2, 6, 10));
  numc_release(r);
  numc_array *x0 = iota(NUMC_FLOAT64, 0, NULL);
  numc_array *z = ints(1, (int64_t[]){0});
  OK(numc_take(&r, x0, z, NUMC_AXIS_NONE));
  expect(r, 1, SHAPE(1), VALS(0));
  numc_release(r);
  r = (numc_array *)0x1;
  FAILS(NUMC_EINDEX, numc_take(&r, x, i, 0));
  ERR_IS("index 3 is out of bounds for axis 0 with size 3");
  FAILS(NUMC_EAXIS, numc_take(&r, x, i, 2));
  ERR_IS("axis 2 is out of bounds for array of dimension 2");
  numc_array *fl = iota(NUMC_FLOAT64, 1, SHAPE(1));
  FAILS(NUMC_ECAST, numc_take(&r, x, fl, 0));
  ERR_IS("Cannot cast array data from dtype('float64') to dtype('int64') according to the "
         "rule 'same_kind'");
  numc_array *e = iota(NUMC_INT64, 2, SHAPE(0, 4)), *ee = ints_nd(NUMC_INT64, 1, SHAPE(0), NULL);
  FAILS(NUMC_EINDEX, numc_take(&r, e, z, 0));
  ERR_IS("cannot do a non-empty take from an empty axes.");
  assert_ptr_equal(r, (numc_array *)0x1);
  OK(numc_take(&r, e, ee, 0));
  expect(r, 2, SHAPE(0, 4), VALS(0));
  numc_release(r);
  /* nothing before the axis: no index is read, so none is checked (NumPy) */
  numc_array *big = ints(1, (int64_t[]){9});
  OK(numc_take(&r, e, big, 1));
  expect(r, 2, SHAPE(0, 1), VALS(0));
  numc_release(r);
  /* an empty axis with an empty result: the bounds error, not "non-empty" */
  numc_array *e3 = iota(NUMC_INT64, 3, SHAPE(2, 0, 0));
  FAILS(NUMC_EINDEX, numc_take(&r, e3, big, 1));
  ERR_IS("index 9 is out of bounds for axis 1 with size 0");
  numc_release(e3);
  numc_release(big);
  numc_release(e);
  numc_release(ee);
  numc_release(fl);
  numc_release(x0);
  numc_release(z);
  numc_release(s);
  numc_release(b);
  numc_release(i);
  numc_release(x);
}

static void test_take_along_axis(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 2, SHAPE(3, 4)), *r = (numc_array *)0x1;
  numc_array *c = ints_nd(NUMC_INT64, 2, SHAPE(3, 1), (int64_t[]){0, 1, 2});
  OK(numc_take_along_axis(&r, x, c, 1));
  expect(r, 2, SHAPE(3, 1), VALS(0, 5, 10));
  numc_release(r);
  numc_array *z11 = ints_nd(NUMC_INT64, 2, SHAPE(1, 1), (int64_t[]){-1});
  OK(numc_take_along_axis(&r, x, z11, 1));
  expect(r, 2, SHAPE(3, 1), VALS(3, 7, 11));
  numc_release(r);
  numc_array *f = ints(2, (int64_t[]){0, 11});
  OK(numc_take_along_axis(&r, x, f, NUMC_AXIS_NONE));
  expect(r, 1, SHAPE(2), VALS(0, 11));
  numc_release(r);
  r = (numc_array *)0x1;
  numc_array *row = ints_nd(NUMC_INT64, 2, SHAPE(1, 2), (int64_t[]){0, 1});
  FAILS(NUMC_EINDEX, numc_take_along_axis(&r, x, row, 0));
  ERR_IS("shape mismatch: indexing arrays could not be broadcast together with shapes (1,2) "
         "(1,4) ");
  FAILS(NUMC_EVALUE, numc_take_along_axis(&r, x, f, 0));
  ERR_IS("`indices` and `arr` must have the same number of dimensions");
  FAILS(NUMC_EVALUE, numc_take_along_axis(&r, x, c, NUMC_AXIS_NONE));
  ERR_IS("when axis=None, `indices` must have a single dimension.");
  numc_array *b = bools(2, SHAPE(1, 1), (uint8_t[]){1});
  FAILS(NUMC_EINDEX, numc_take_along_axis(&r, x, b, 0));
  ERR_IS("`indices` must be an integer array");
  numc_array *five = ints_nd(NUMC_INT64, 2, SHAPE(1, 1), (int64_t[]){5});
  FAILS(NUMC_EINDEX, numc_take_along_axis(&r, x, five, 0));
  ERR_IS("index 5 is out of bounds for axis 0 with size 3");
  assert_ptr_equal(r, (numc_array *)0x1);
  numc_release(five);
  numc_release(b);
  numc_release(row);
  numc_release(f);
  numc_release(z11);
  numc_release(c);
  numc_release(x);
}

static void test_put(void **state) {
  (void)state;
  numc_array *p = iota(NUMC_INT64, 2, SHAPE(2, 3));
  numc_array *i = ints(3, (int64_t[]){0, -1, 2}), *v = ints(2, (int64_t[]){10, 20});
  OK(numc_put(p, i, v)); /* values repeat */
  expect(p, 2, SHAPE(2, 3), VALS(10, 1, 10, 3, 4, 20));
  /* through a non-contiguous view: flat order of the view */
  numc_array *pr, *i01 = ints(2, (int64_t[]){0, 1}), *v2 = ints(2, (int64_t[]){100, 200});
  OK(numc_index_view(&pr, p, 2, IDX(I_ALL, I_SL(0, 0, 0, 0, -1))));
  OK(numc_put(pr, i01, v2));
  expect(p, 2, SHAPE(2, 3), VALS(10, 200, 100, 3, 4, 20));
  numc_array *fv = iota(NUMC_FLOAT64, 1, SHAPE(2)), *one = ints(1, (int64_t[]){1});
  OK(numc_put(p, one, fv)); /* extra values ignored, unsafe cast */
  expect(p, 2, SHAPE(2, 3), VALS(10, 0, 100, 3, 4, 20));
  numc_array *seven = ints(1, (int64_t[]){7});
  FAILS(NUMC_EINDEX, numc_put(p, seven, v));
  ERR_IS("index 7 is out of bounds for axis 0 with size 6");
  numc_array *partly = ints(2, (int64_t[]){1, 6});
  FAILS(NUMC_EINDEX, numc_put(p, partly, v)); /* nothing written */
  expect(p, 2, SHAPE(2, 3), VALS(10, 0, 100, 3, 4, 20));
  FAILS(NUMC_ECAST, numc_put(p, fv, v));
  ERR_IS("Cannot cast array data from dtype('float64') to dtype('int64') according to the "
         "rule 'safe'");
  numc_array *none = ints_nd(NUMC_INT64, 1, SHAPE(0), NULL), *empty;
  OK(numc_put(p, seven, none)); /* no values: nothing happens */
  OK(numc_zeros(&empty, NUMC_FLOAT64, 1, SHAPE(0)));
  FAILS(NUMC_EINDEX, numc_put(empty, i01, v));
  ERR_IS("cannot replace elements of an empty array");
  OK(numc_put(empty, none, v));
  /* weak scalar values, range-checked */
  numc_array *u = iota(NUMC_UINT8, 1, SHAPE(3)), *w;
  numc_scalar s = numc_weak_int(255);
  OK(numc_from_scalar(&w, &s));
  OK(numc_put(u, i01, w));
  expect(u, 1, SHAPE(3), VALS(255, 255, 2));
  numc_release(w);
  s = numc_weak_int(256);
  OK(numc_from_scalar(&w, &s));
  FAILS(NUMC_EOVERFLOW, numc_put(u, i01, w));
  numc_release(w);
  numc_release(u);
  numc_release(empty);
  numc_release(none);
  numc_release(partly);
  numc_release(seven);
  numc_release(fv);
  numc_release(one);
  numc_release(pr);
  numc_release(i01);
  numc_release(v2);
  numc_release(i);
  numc_release(v);
  numc_release(p);
}

static void test_put_along_axis(void **state) {
  (void)state;
  numc_array *x = iota(NUMC_INT64, 2, SHAPE(3, 4));
  numc_array *d = ints_nd(NUMC_INT64, 2, SHAPE(3, 1), (int64_t[]){0, 1, 2}), *v;
  numc_scalar s = numc_weak_int(99);
  OK(numc_from_scalar(&v, &s));
  OK(numc_put_along_axis(x, d, v, 1));
  expect(x, 2, SHAPE(3, 4), VALS(99, 1, 2, 3, 4, 99, 6, 7, 8, 9, 99, 11));
  numc_array *bad = ints_nd(NUMC_INT64, 2, SHAPE(1, 2), (int64_t[]){1, 2});
  FAILS(NUMC_EVALUE, numc_put_along_axis(x, d, bad, 1));
  ERR_IS("shape mismatch: value array of shape (1,2) could not be broadcast to indexing "
         "result of shape (3,1)");
  /* axis None works on a non-contiguous x (NumPy refuses) */
  numc_array *xs, *fi = ints(2, (int64_t[]){1, 3}), *fv = ints(2, (int64_t[]){-7, -8});
  OK(numc_index_view(&xs, x, 2, IDX(I_ALL, I_SL(0, 0, 0, 0, 2))));
  OK(numc_put_along_axis(xs, fi, fv, NUMC_AXIS_NONE)); /* xs.flat = 99 2 4 6 8 99 */
  expect(x, 2, SHAPE(3, 4), VALS(99, 1, -7, 3, 4, 99, -8, 7, 8, 9, 99, 11));
  numc_array *three = ints(3, (int64_t[]){1, 2, 3});
  FAILS(NUMC_EVALUE, numc_put_along_axis(xs, fi, three, NUMC_AXIS_NONE));
  numc_release(three);
  numc_release(xs);
  numc_release(fi);
  numc_release(fv);
  numc_release(bad);
  numc_release(v);
  numc_release(d);
  numc_release(x);
}

/* ---- allocation failures ------------------------------------------------------------- */

typedef int (*make_fn)(numc_array **out, numc_array *in, numc_array *idx);

static int mk_gather(numc_array **o, numc_array *in, numc_array *idx) {
  numc_array *r = NULL;
  int rc = numc_index_get(&r, in, 2, IDX(I_ARR(idx), I_SL(0, 0, 0, 0, 2)));
  if (rc == NUMC_OK && (rc = numc_eval(&r, 1)) != NUMC_OK) numc_release(r);
  if (rc == NUMC_OK) *o = r;
  return rc;
}
static int mk_scatter(numc_array **o, numc_array *in, numc_array *idx) {
  numc_array *r;
  int rc = numc_copy(&r, in, NUMC_ORDER_C);
  if (rc) return rc;
  rc = numc_index_set(r, 2, IDX(I_ALL, I_ARR(idx)), idx);
  if (rc == NUMC_OK)
    *o = r;
  else
    numc_release(r);
  return rc;
}
static int mk_take(numc_array **o, numc_array *in, numc_array *idx) {
  numc_array *r = NULL;
  int rc = numc_take_along_axis(&r, in, idx, 1);
  if (rc == NUMC_OK && (rc = numc_eval(&r, 1)) != NUMC_OK) numc_release(r);
  if (rc == NUMC_OK) *o = r;
  return rc;
}

static void run_injection(make_fn make, bool mask) {
  numc_array *in = iota(NUMC_FLOAT64, 2, SHAPE(8, 8)), *idx;
  if (mask) {
    uint8_t m[8] = {1, 0, 1, 1, 0, 0, 1, 0};
    idx = bools(1, SHAPE(8), m);
  } else {
    idx = ints_nd(NUMC_INT64, 2, SHAPE(1, 8), (int64_t[]){7, 6, 5, 4, 3, 2, 1, -1});
  }
  numc_set_eager_threshold(0);
  INJECT_FAILURES(400, out, make(&out, in, idx));
  numc_set_eager_threshold(4096);
  numc_release(idx);
  numc_release(in);
}

static void test_alloc_failures(void **state) {
  (void)state;
  run_injection(mk_gather, true);
  run_injection(mk_gather, false);
  run_injection(mk_scatter, false);
  run_injection(mk_take, false);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_get_placement),     TEST(test_get_bool),
      TEST(test_get_strided_inputs), TEST(test_get_every_dtype),
      TEST(test_get_empty_and_0d),  TEST(test_get_errors),
      TEST(test_set_basic_cases),   TEST(test_set_mixed),
      TEST(test_set_every_dtype),   TEST(test_set_overlap_and_order),
      TEST(test_large_gather),      TEST(test_take),
      TEST(test_take_along_axis),   TEST(test_put),
      TEST(test_put_along_axis),    TEST(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
