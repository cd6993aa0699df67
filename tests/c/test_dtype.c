/*
 * tests/c/test_dtype.c - dtype table, names, promotion (NEP 50), casting
 * rules, scalar conversion, finfo/iinfo, and the error code table.
 * (tests/python/test_dtype.py checks every pair against NumPy as well.)
 */
#include "test_util.h"

static void test_names_and_sizes(void **state) {
  (void)state;
  assert_string_equal(numc_dtype_name(NUMC_FLOAT64), "float64");
  assert_string_equal(numc_dtype_name(NUMC_COMPLEX64), "complex64");
  assert_string_equal(numc_dtype_name((numc_dtype)99), "invalid");
  assert_int_equal(numc_dtype_itemsize(NUMC_COMPLEX128), 16);
  assert_int_equal(numc_dtype_itemsize(NUMC_BOOL), 1);
  assert_int_equal(numc_dtype_itemsize((numc_dtype)-7), 0);
  assert_int_equal(numc_dtype_kind(NUMC_UINT16), 'u');
  assert_int_equal(numc_dtype_char(NUMC_FLOAT64), 'd');
  numc_dtype d;
  OK(numc_dtype_from_name(&d, "float32"));
  assert_int_equal(d, NUMC_FLOAT32);
  OK(numc_dtype_from_name(&d, "<f8"));
  assert_int_equal(d, NUMC_FLOAT64);
  OK(numc_dtype_from_name(&d, "int"));
  assert_int_equal(d, NUMC_INT64);
  OK(numc_dtype_from_name(&d, "?"));
  assert_int_equal(d, NUMC_BOOL);
  OK(numc_dtype_from_name(&d, "complex"));
  assert_int_equal(d, NUMC_COMPLEX128);
  FAILS(NUMC_ETYPE, numc_dtype_from_name(&d, "float16"));
  FAILS(NUMC_ETYPE, numc_dtype_from_name(&d, ">f8"));
  FAILS(NUMC_ETYPE, numc_dtype_from_name(&d, NULL));
  assert_int_equal(numc_dtype_real(NUMC_COMPLEX64), NUMC_FLOAT32);
  assert_int_equal(numc_dtype_real(NUMC_INT8), NUMC_INT8);
}

static numc_dtype promote(numc_dtype a, numc_dtype b) {
  numc_dtype r;
  OK(numc_promote_types(&r, a, b));
  return r;
}

static void test_promote_types(void **state) {
  (void)state;
  assert_int_equal(promote(NUMC_INT8, NUMC_UINT8), NUMC_INT16);
  assert_int_equal(promote(NUMC_INT64, NUMC_UINT64), NUMC_FLOAT64);
  assert_int_equal(promote(NUMC_UINT32, NUMC_INT32), NUMC_INT64);
  assert_int_equal(promote(NUMC_INT16, NUMC_FLOAT32), NUMC_FLOAT32);
  assert_int_equal(promote(NUMC_INT32, NUMC_FLOAT32), NUMC_FLOAT64);
  assert_int_equal(promote(NUMC_UINT8, NUMC_COMPLEX64), NUMC_COMPLEX64);
  assert_int_equal(promote(NUMC_INT64, NUMC_COMPLEX64), NUMC_COMPLEX128);
  assert_int_equal(promote(NUMC_FLOAT64, NUMC_COMPLEX64), NUMC_COMPLEX128);
  assert_int_equal(promote(NUMC_BOOL, NUMC_INT8), NUMC_INT8);
  assert_int_equal(promote(NUMC_BOOL, NUMC_BOOL), NUMC_BOOL);
  /* symmetric over every pair */
  for (int a = 0; a < NUMC_NDTYPES; a++)
    for (int b = 0; b < NUMC_NDTYPES; b++)
      assert_int_equal(promote((numc_dtype)a, (numc_dtype)b),
                       promote((numc_dtype)b, (numc_dtype)a));
  numc_dtype r;
  FAILS(NUMC_EINVAL, numc_promote_types(&r, NUMC_INT8, (numc_dtype)42));
}

static void test_can_cast(void **state) {
  (void)state;
  assert_true(numc_can_cast(NUMC_INT8, NUMC_INT16, NUMC_CASTING_SAFE));
  assert_false(numc_can_cast(NUMC_INT16, NUMC_INT8, NUMC_CASTING_SAFE));
  assert_true(numc_can_cast(NUMC_INT16, NUMC_INT8, NUMC_CASTING_SAME_KIND));
  /* NumPy's kind order is b < u < i < f < c: signed -> unsigned is not
   * same_kind, unsigned -> signed is */
  assert_false(numc_can_cast(NUMC_INT64, NUMC_UINT8, NUMC_CASTING_SAME_KIND));
  assert_true(numc_can_cast(NUMC_UINT64, NUMC_INT8, NUMC_CASTING_SAME_KIND));
  assert_false(numc_can_cast(NUMC_FLOAT64, NUMC_INT64, NUMC_CASTING_SAME_KIND));
  assert_true(numc_can_cast(NUMC_FLOAT64, NUMC_FLOAT32, NUMC_CASTING_SAME_KIND));
  assert_false(numc_can_cast(NUMC_COMPLEX64, NUMC_FLOAT64, NUMC_CASTING_SAME_KIND));
  assert_true(numc_can_cast(NUMC_COMPLEX64, NUMC_FLOAT64, NUMC_CASTING_UNSAFE));
  assert_true(numc_can_cast(NUMC_FLOAT32, NUMC_FLOAT32, NUMC_CASTING_NO));
  assert_false(numc_can_cast(NUMC_FLOAT32, NUMC_FLOAT64, NUMC_CASTING_NO));
  assert_true(numc_can_cast(NUMC_UINT64, NUMC_FLOAT64, NUMC_CASTING_SAFE));
  assert_false(numc_can_cast(NUMC_UINT64, NUMC_INT64, NUMC_CASTING_SAFE));
  assert_false(numc_can_cast((numc_dtype)77, NUMC_INT64, NUMC_CASTING_UNSAFE));
  /* safe implies same_kind implies unsafe */
  for (int a = 0; a < NUMC_NDTYPES; a++)
    for (int b = 0; b < NUMC_NDTYPES; b++) {
      if (numc_can_cast((numc_dtype)a, (numc_dtype)b, NUMC_CASTING_SAFE))
        assert_true(numc_can_cast((numc_dtype)a, (numc_dtype)b, NUMC_CASTING_SAME_KIND));
      assert_true(numc_can_cast((numc_dtype)a, (numc_dtype)b, NUMC_CASTING_UNSAFE));
    }
}

static numc_dtype rtype(numc_dtype arr, numc_scalar s) {
  numc_dtype r;
  OK(numc_result_type(&r, 1, &arr, 1, &s));
  return r;
}

static void test_result_type_weak(void **state) {
  (void)state;
  /* NEP 50: Python scalars do not widen a dtype of their kind */
  assert_int_equal(rtype(NUMC_INT8, numc_weak_int(100)), NUMC_INT8);
  assert_int_equal(rtype(NUMC_UINT8, numc_weak_int(255)), NUMC_UINT8);
  assert_int_equal(rtype(NUMC_FLOAT32, numc_weak_float(1e300)), NUMC_FLOAT32);
  assert_int_equal(rtype(NUMC_INT8, numc_weak_float(1.5)), NUMC_FLOAT64);
  assert_int_equal(rtype(NUMC_FLOAT32, numc_weak_complex(1, 1)), NUMC_COMPLEX64);
  assert_int_equal(rtype(NUMC_INT16, numc_weak_complex(1, 1)), NUMC_COMPLEX128);
  assert_int_equal(rtype(NUMC_BOOL, numc_weak_int(3)), NUMC_INT64);
  assert_int_equal(rtype(NUMC_INT32, numc_weak_bool(1)), NUMC_INT32);
  numc_dtype r;
  numc_scalar big = numc_weak_int(300);
  numc_dtype u8 = NUMC_UINT8;
  /* as np.result_type(uint8, 300): no range check here ... */
  OK(numc_result_type(&r, 1, &u8, 1, &big));
  assert_int_equal(r, NUMC_UINT8);
  /* ... the conversion checks */
  numc_scalar conv;
  FAILS(NUMC_EOVERFLOW, numc_scalar_cast(&conv, &big, r));
  assert_non_null(strstr(numc_last_error(), "Python integer 300 out of bounds for uint8"));
  /* only scalars: the default dtype of the highest kind */
  numc_scalar sc[2] = {numc_weak_int(1), numc_weak_float(2)};
  OK(numc_result_type(&r, 0, NULL, 2, sc));
  assert_int_equal(r, NUMC_FLOAT64);
  OK(numc_result_type(&r, 0, NULL, 1, sc));
  assert_int_equal(r, NUMC_INT64);
  /* typed scalars promote like arrays */
  numc_scalar t = {.dtype = NUMC_INT16, .weak = 0};
  OK(numc_result_type(&r, 1, &u8, 1, &t));
  assert_int_equal(r, NUMC_INT16);
  FAILS(NUMC_EINVAL, numc_result_type(&r, 0, NULL, 0, NULL));
}

static void test_scalar_cast(void **state) {
  (void)state;
  numc_scalar r;
  OK(numc_scalar_cast(&r, &(numc_scalar){.dtype = NUMC_FLOAT64, .v.f64 = 300.7},
                      NUMC_INT8));
  assert_int_equal(r.v.i8, 44); /* 300 wraps through int32, as NumPy */
  OK(numc_scalar_cast(&r, &(numc_scalar){.dtype = NUMC_FLOAT64, .v.f64 = NAN},
                      NUMC_INT64));
  assert_true(r.v.i64 == INT64_MIN);
  OK(numc_scalar_cast(&r, &(numc_scalar){.dtype = NUMC_FLOAT64, .v.f64 = -1.0},
                      NUMC_UINT64));
  assert_true(r.v.u64 == UINT64_MAX);
  OK(numc_scalar_cast(&r, &(numc_scalar){.dtype = NUMC_FLOAT64, .v.f64 = 1e19},
                      NUMC_UINT64));
  assert_true(r.v.u64 == 10000000000000000000ull);
  numc_scalar c = numc_weak_complex(2.5, -1);
  OK(numc_scalar_cast(&r, &c, NUMC_FLOAT32));
  assert_true(r.v.f32 == 2.5f);
  OK(numc_scalar_cast(&r, &c, NUMC_BOOL));
  assert_int_equal(r.v.b, 1);
  OK(numc_scalar_cast(&r, &(numc_scalar){.dtype = NUMC_FLOAT64, .v.f64 = NAN},
                      NUMC_BOOL));
  assert_int_equal(r.v.b, 1);
  numc_scalar w = numc_weak_int(128);
  FAILS(NUMC_EOVERFLOW, numc_scalar_cast(&r, &w, NUMC_INT8));
  OK(numc_scalar_cast(&r, &w, NUMC_UINT8));
  assert_int_equal(r.v.u8, 128);
  /* typed ints wrap (unsafe cast), they are not range-checked */
  OK(numc_scalar_cast(&r, &(numc_scalar){.dtype = NUMC_INT64, .v.i64 = 300}, NUMC_UINT8));
  assert_int_equal(r.v.u8, 44);
  /* int64 -> float32 rounds once (no double rounding through double) */
  OK(numc_scalar_cast(&r, &(numc_scalar){.dtype = NUMC_INT64, .v.i64 = (1LL << 53) + 1},
                      NUMC_FLOAT32));
  assert_true(r.v.f32 == 9007199254740992.0f);
  FAILS(NUMC_EINVAL, numc_scalar_cast(&r, &w, (numc_dtype)50));
}

static void test_finfo_iinfo(void **state) {
  (void)state;
  numc_finfo f;
  OK(numc_finfo_get(&f, NUMC_FLOAT32));
  assert_int_equal(f.bits, 32);
  assert_true(f.eps == (double)1.1920928955078125e-07);
  assert_true(f.max == (double)3.4028234663852886e38);
  assert_true(f.smallest_normal == (double)1.1754943508222875e-38);
  assert_int_equal(f.precision, 6);
  OK(numc_finfo_get(&f, NUMC_COMPLEX128));
  assert_int_equal(f.dtype, NUMC_FLOAT64);
  assert_true(f.eps == 2.220446049250313e-16);
  assert_true(f.min == -f.max);
  FAILS(NUMC_EDTYPE, numc_finfo_get(&f, NUMC_INT32));
  numc_iinfo i;
  OK(numc_iinfo_get(&i, NUMC_INT8));
  assert_int_equal(i.min, -128);
  assert_int_equal(i.max, 127);
  OK(numc_iinfo_get(&i, NUMC_UINT64));
  assert_true(i.max == UINT64_MAX);
  assert_int_equal(i.min, 0);
  OK(numc_iinfo_get(&i, NUMC_INT64));
  assert_true(i.min == INT64_MIN);
  FAILS(NUMC_EDTYPE, numc_iinfo_get(&i, NUMC_FLOAT64));
  FAILS(NUMC_EDTYPE, numc_iinfo_get(&i, NUMC_BOOL));
}

static void test_error_table(void **state) {
  (void)state;
  assert_string_equal(numc_err_name(NUMC_ESHAPE), "NUMC_ESHAPE");
  assert_string_equal(numc_err_name(NUMC_OK), "NUMC_OK");
  assert_string_equal(numc_err_name(-1000), "NUMC_EUNKNOWN");
  assert_string_equal(numc_strerror(NUMC_ENOMEM), "out of memory");
  assert_string_equal(numc_strerror(12345), "unknown error");
  for (int c = -1; c > NUMC__ERRNO_LAST; c--) {
    assert_string_not_equal(numc_err_name(c), "NUMC_EUNKNOWN");
    assert_string_not_equal(numc_strerror(c), "unknown error");
  }
  numc_clear_error();
  assert_string_equal(numc_last_error(), "");
  assert_int_equal(numc_last_status(), 0);
  numc_dtype d;
  (void)numc_dtype_from_name(&d, "nonsense");
  assert_int_equal(numc_last_status(), NUMC_ETYPE);
  assert_non_null(strstr(numc_last_error(), "nonsense"));
  assert_non_null(numc_version());
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_names_and_sizes), TEST(test_promote_types), TEST(test_can_cast),
      TEST(test_result_type_weak), TEST(test_scalar_cast), TEST(test_finfo_iinfo),
      TEST(test_error_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
