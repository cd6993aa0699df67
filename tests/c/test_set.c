/*
 * tests/c/test_set.c - unique_values / unique_counts / unique_inverse /
 * unique_all and isin (numc/sort.h). Fixed cases carry NumPy 2.4's results;
 * the per-dtype cases check the defining properties against the input.
 */
#include "test_util.h"

static const void *ro(const numc_array *a) {
  void *p = NULL;
  OK(numc_array_data(&p, a, NUMC_ACCESS_READ));
  return p;
}

static void assert_i64(const numc_array *a, int64_t n, const int64_t *want) {
  assert_int_equal(numc_array_dtype(a), NUMC_INT64);
  assert_int_equal(numc_array_size(a), n);
  const int64_t *p = ro(a);
  for (int64_t i = 0; i < n; i++)
    if (p[i] != want[i]) fail_msg("index %ld: got %ld, want %ld", (long)i, (long)p[i], (long)want[i]);
}

static void assert_bools(const numc_array *a, int64_t n, const int *want) {
  assert_int_equal(numc_array_dtype(a), NUMC_BOOL);
  assert_int_equal(numc_array_size(a), n);
  numc_array *c;
  OK(numc_copy(&c, a, NUMC_ORDER_C));
  const uint8_t *p = ro(c);
  for (int64_t i = 0; i < n; i++)
    if (p[i] != want[i]) fail_msg("element %ld: got %d, want %d", (long)i, p[i], want[i]);
  numc_release(c);
}

static uint64_t rng_state = 2463534242ull;
static uint64_t rnd(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

/* n elements of dt with many duplicates, and NaNs / signed zeros. */
static numc_array *random_array(numc_dtype dt, int64_t n) {
  double *d = malloc((size_t)(n ? n : 1) * 2 * sizeof *d);
  for (int64_t i = 0; i < 2 * n; i++) {
    uint64_t r = rnd();
    d[i] = (r & 15) == 0 ? NAN : (r & 15) == 1 ? -0.0 : (double)(int)(r % 9) - 4;
  }
  numc_array *c = arr_from(NUMC_COMPLEX128, 1, &n, d), *a;
  free(d);
  OK(numc_astype(&a, c, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  OK(numc_eval(&a, 1));
  numc_release(c);
  return a;
}

/* ---- unique ------------------------------------------------------------- */

static void test_unique_all_float(void **state) {
  (void)state;
  double v[9] = {3, NAN, 1, -0.0, 0.0, NAN, 2, 1, -0.0};
  numc_array *x = arr_f64(9, v), *val, *idx, *inv, *cnt;
  OK(numc_unique_all(&val, &idx, &inv, &cnt, x));
  /* NumPy 2.4: values [-0., 1, 2, 3, nan, nan] (each NaN distinct) */
  assert_values(val, 6, (double[]){0, 1, 2, 3, NAN, NAN});
  assert_true(signbit(((const double *)ro(val))[0]));
  assert_i64(idx, 6, (int64_t[]){3, 2, 6, 0, 1, 5});
  assert_i64(inv, 9, (int64_t[]){3, 4, 1, 0, 0, 5, 2, 1, 0});
  assert_i64(cnt, 6, (int64_t[]){3, 2, 1, 1, 1, 1});
  numc_release(val), numc_release(idx), numc_release(inv), numc_release(cnt);
  OK(numc_unique_values(&val, x));
  assert_values(val, 6, (double[]){0, 1, 2, 3, NAN, NAN});
  numc_release(val);
  OK(numc_unique_counts(&val, &cnt, x));
  assert_i64(cnt, 6, (int64_t[]){3, 2, 1, 1, 1, 1});
  numc_release(val), numc_release(cnt);
  OK(numc_unique_inverse(&val, &inv, x));
  assert_i64(inv, 9, (int64_t[]){3, 4, 1, 0, 0, 5, 2, 1, 0});
  numc_release(val), numc_release(inv);
  numc_release(x);
}

static void test_unique_2d_0d_empty(void **state) {
  (void)state;
  int32_t v[4] = {2, 1, 1, 3};
  numc_array *x = arr_from(NUMC_INT32, 2, (int64_t[]){2, 2}, v), *val, *idx, *inv, *cnt;
  OK(numc_unique_all(&val, &idx, &inv, &cnt, x));
  assert_int_equal(numc_array_dtype(val), NUMC_INT32);
  assert_values(val, 3, (double[]){1, 2, 3});
  assert_i64(idx, 3, (int64_t[]){1, 0, 3});
  assert_int_equal(numc_array_ndim(inv), 2); /* x's shape */
  assert_i64(inv, 4, (int64_t[]){1, 0, 0, 2});
  assert_i64(cnt, 3, (int64_t[]){2, 1, 1});
  numc_release(val), numc_release(idx), numc_release(inv), numc_release(cnt);
  numc_release(x);

  numc_scalar five = numc_weak_int(5);
  OK(numc_from_scalar(&x, &five));
  OK(numc_unique_all(&val, &idx, &inv, &cnt, x));
  assert_values(val, 1, (double[]){5});
  assert_int_equal(numc_array_ndim(inv), 0);
  assert_i64(inv, 1, (int64_t[]){0});
  numc_release(val), numc_release(idx), numc_release(inv), numc_release(cnt);
  numc_release(x);

  OK(numc_zeros(&x, NUMC_INT8, 2, (int64_t[]){2, 0}));
  OK(numc_unique_all(&val, &idx, &inv, &cnt, x));
  assert_int_equal(numc_array_size(val), 0);
  assert_int_equal(numc_array_dtype(val), NUMC_INT8);
  assert_int_equal(numc_array_size(idx), 0);
  assert_int_equal(numc_array_ndim(inv), 2);
  assert_int_equal(numc_array_size(cnt), 0);
  numc_release(val), numc_release(idx), numc_release(inv), numc_release(cnt);
  FAILS(NUMC_EINVAL, numc_unique_values(&val, NULL));
  FAILS(NUMC_EINVAL, numc_unique_counts(&val, NULL, x));
  numc_release(x);
}

/* True if elements i, j of buffer p (dtype dt) are equal under == (so NaN
 * is never equal, -0.0 == +0.0). */
static bool elem_eq(numc_dtype dt, const char *p, int64_t i, const char *q, int64_t j) {
  numc_scalar a, b, ca, cb;
  size_t isz = numc_dtype_itemsize(dt);
  numc_array *x = arr_from(dt, 1, (int64_t[]){1}, p + i * (int64_t)isz);
  numc_array *y = arr_from(dt, 1, (int64_t[]){1}, q + j * (int64_t)isz);
  OK(numc_item_get(&a, x, (int64_t[]){0}));
  OK(numc_item_get(&b, y, (int64_t[]){0}));
  OK(numc_scalar_cast(&ca, &a, NUMC_COMPLEX128));
  OK(numc_scalar_cast(&cb, &b, NUMC_COMPLEX128));
  numc_release(x), numc_release(y);
  if (numc_dtype_kind(dt) == 'i' || numc_dtype_kind(dt) == 'u')
    return memcmp(p + i * (int64_t)isz, q + j * (int64_t)isz, isz) == 0;
  return ca.v.c128[0] == cb.v.c128[0] && ca.v.c128[1] == cb.v.c128[1];
}

static void test_unique_every_dtype(void **state) {
  (void)state;
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    int64_t n = 203;
    numc_array *x = random_array((numc_dtype)dt, n), *val, *idx, *inv, *cnt;
    OK(numc_unique_all(&val, &idx, &inv, &cnt, x));
    size_t isz = numc_dtype_itemsize((numc_dtype)dt);
    int64_t k = numc_array_size(val);
    const char *xp = ro(x), *vp = ro(val);
    const int64_t *ip = ro(idx), *vv = ro(inv), *cp = ro(cnt);
    int64_t total = 0;
    for (int64_t u = 0; u < k; u++) {
      /* each value is its first occurrence, bit for bit */
      assert_memory_equal(vp + u * (int64_t)isz, xp + ip[u] * (int64_t)isz, isz);
      for (int64_t i = 0; i < ip[u]; i++) assert_false(elem_eq((numc_dtype)dt, xp, i, vp, u));
      total += cp[u];
    }
    assert_int_equal(total, n);
    for (int64_t i = 0; i < n; i++) {
      assert_true(vv[i] >= 0 && vv[i] < k);
      if (elem_eq((numc_dtype)dt, xp, i, xp, i))
        assert_true(elem_eq((numc_dtype)dt, xp, i, vp, vv[i]));
      else /* a NaN is its own value */
        assert_int_equal(ip[vv[i]], i);
    }
    /* values ascending: sorting them changes nothing */
    numc_array *s;
    OK(numc_sort(&s, val, 0, 0, 1));
    assert_memory_equal(ro(s), vp, (size_t)k * isz);
    numc_release(s);
    numc_array *v2, *c2;
    OK(numc_unique_counts(&v2, &c2, x));
    assert_memory_equal(ro(v2), vp, (size_t)k * isz);
    assert_memory_equal(ro(c2), cp, (size_t)k * 8);
    numc_release(v2), numc_release(c2);
    numc_release(val), numc_release(idx), numc_release(inv), numc_release(cnt);
    numc_release(x);
  }
}

static void test_unique_large(void **state) {
  (void)state;
  int64_t n = 150001;
  int64_t *v = malloc((size_t)n * sizeof *v);
  for (int64_t i = 0; i < n; i++) v[i] = (int64_t)(rnd() % 1000) - 500;
  numc_array *x = arr_from(NUMC_INT64, 1, &n, v), *val, *cnt, *inv;
  OK(numc_unique_counts(&val, &cnt, x));
  int64_t k = numc_array_size(val);
  const int64_t *vp = ro(val), *cp = ro(cnt);
  int64_t total = 0;
  for (int64_t u = 0; u < k; u++) {
    if (u) assert_true(vp[u - 1] < vp[u]);
    total += cp[u];
  }
  assert_int_equal(total, n);
  numc_release(cnt);
  numc_array *v2;
  OK(numc_unique_inverse(&v2, &inv, x));
  const int64_t *ip = ro(inv);
  for (int64_t i = 0; i < n; i++) assert_int_equal(vp[ip[i]], v[i]);
  numc_release(v2), numc_release(inv), numc_release(val), numc_release(x);
  free(v);
}

/* ---- isin --------------------------------------------------------------- */

static void test_isin_basic(void **state) {
  (void)state;
  double a[6] = {1, 2, NAN, 0, -0.0, 5}, b[4] = {NAN, -0.0, 2, 7};
  numc_array *x1 = arr_f64(6, a), *x2 = arr_f64(4, b), *r;
  OK(numc_isin(&r, x1, x2, 0));
  assert_bools(r, 6, (int[]){0, 1, 0, 1, 1, 0});
  numc_release(r);
  OK(numc_isin(&r, x1, x2, 1));
  assert_bools(r, 6, (int[]){1, 0, 1, 0, 0, 1});
  numc_release(r), numc_release(x2);
  /* int16 against uint64: exact (NumPy: [[True, False], [False, True]]) */
  int16_t c[4] = {1, 2, 3, 4};
  uint64_t d[3] = {4, 1, 9};
  numc_array *y1 = arr_from(NUMC_INT16, 2, (int64_t[]){2, 2}, c);
  numc_array *y2 = arr_from(NUMC_UINT64, 1, (int64_t[]){3}, d);
  OK(numc_isin(&r, y1, y2, 0));
  assert_int_equal(numc_array_ndim(r), 2);
  assert_bools(r, 4, (int[]){1, 0, 0, 1});
  numc_release(r);
  /* uint64 2**63 is not int64 -1 (int64/uint64 compare exactly) */
  uint64_t e[2] = {(uint64_t)1 << 63, 5};
  int64_t f[2] = {-1, 5};
  numc_array *z1 = arr_from(NUMC_UINT64, 1, (int64_t[]){2}, e);
  numc_array *z2 = arr_from(NUMC_INT64, 1, (int64_t[]){2}, f);
  OK(numc_isin(&r, z1, z2, 0));
  assert_bools(r, 2, (int[]){0, 1});
  numc_release(r);
  OK(numc_isin(&r, z2, z1, 0));
  assert_bools(r, 2, (int[]){0, 1});
  numc_release(r), numc_release(z1), numc_release(z2);
  /* int against float: compared as float64 */
  OK(numc_isin(&r, y1, x1, 0));
  assert_bools(r, 4, (int[]){1, 1, 0, 0});
  numc_release(r), numc_release(y1), numc_release(y2), numc_release(x1);
}

static void test_isin_complex_0d_empty(void **state) {
  (void)state;
  double a[6] = {1, 1, NAN, 0, 2, -0.0}, b[4] = {1, 1, NAN, 0};
  numc_array *x1 = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){3}, a);
  numc_array *x2 = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){2}, b), *r;
  OK(numc_isin(&r, x1, x2, 0));
  assert_bools(r, 3, (int[]){1, 0, 0});
  numc_release(r), numc_release(x2);
  double two = 2;
  numc_array *t = arr_f64(1, &two);
  OK(numc_isin(&r, x1, t, 0)); /* 2+0j == 2.0 */
  assert_bools(r, 3, (int[]){0, 0, 1});
  numc_release(r), numc_release(t), numc_release(x1);
  numc_scalar three = numc_weak_int(3);
  numc_array *z, *e;
  OK(numc_from_scalar(&z, &three));
  int64_t tv[2] = {3, 4};
  numc_array *tt = arr_from(NUMC_INT64, 1, (int64_t[]){2}, tv);
  OK(numc_isin(&r, z, tt, 0));
  assert_int_equal(numc_array_ndim(r), 0);
  assert_bools(r, 1, (int[]){1});
  numc_release(r);
  OK(numc_zeros(&e, NUMC_INT64, 1, (int64_t[]){0}));
  OK(numc_isin(&r, tt, e, 0));
  assert_bools(r, 2, (int[]){0, 0});
  numc_release(r);
  OK(numc_isin(&r, e, tt, 1));
  assert_int_equal(numc_array_size(r), 0);
  numc_release(r), numc_release(e), numc_release(tt), numc_release(z);
  FAILS(NUMC_EINVAL, numc_isin(&r, NULL, z, 0));
}

static void test_isin_large(void **state) {
  (void)state;
  /* bitmap (small integer range) and binary search (wide range) paths */
  int64_t n1 = 200000, n2 = 3001;
  for (int wide = 0; wide < 2; wide++) {
    int64_t *a = malloc((size_t)n1 * sizeof *a), *b = malloc((size_t)n2 * sizeof *b);
    int64_t span = wide ? (int64_t)1 << 40 : 10000;
    for (int64_t i = 0; i < n2; i++) b[i] = (int64_t)(rnd() % (uint64_t)span);
    for (int64_t i = 0; i < n1; i++) a[i] = (i % 3 == 0) ? b[rnd() % (uint64_t)n2] : (int64_t)(rnd() % (uint64_t)span);
    numc_array *x1 = arr_from(NUMC_INT64, 1, &n1, a), *x2 = arr_from(NUMC_INT64, 1, &n2, b), *r;
    OK(numc_isin(&r, x1, x2, 0));
    const uint8_t *p = ro(r);
    for (int64_t i = 0; i < n1; i += 13) {
      int want = 0;
      for (int64_t j = 0; j < n2 && !want; j++) want = a[i] == b[j];
      assert_int_equal(p[i], want);
    }
    numc_release(r), numc_release(x1), numc_release(x2);
    free(a), free(b);
  }
}

static void test_isin_lazy(void **state) {
  (void)state;
  numc_set_eager_threshold(0);
  double a[3] = {1, 2, 3}, b[2] = {2, 9};
  numc_array *x1 = arr_f64(3, a), *x2 = arr_f64(2, b), *r;
  OK(numc_isin(&r, x1, x2, 0));
  assert_true(numc_array_flags(r) & NUMC_PENDING);
  numc_scalar three = numc_weak_float(3);
  OK(numc_fill(x2, &three)); /* later writes do not reach the pending result */
  assert_bools(r, 3, (int[]){0, 1, 0});
  numc_release(r), numc_release(x1), numc_release(x2);
  numc_set_eager_threshold(4096);
}

/* ---- allocation failures ------------------------------------------------ */

static void test_alloc_failures(void **state) {
  (void)state;
  numc_array *x = random_array(NUMC_FLOAT64, 5000);
  int failures = 0;
  for (long k = 0; k < 200; k++) {
    talloc.fail_after = talloc.count + k;
    numc_array *v = (numc_array *)0x1, *i = v, *inv = v, *c = v;
    int rc = numc_unique_all(&v, &i, &inv, &c, x);
    talloc.fail_after = -1;
    if (rc == NUMC_OK) {
      numc_release(v), numc_release(i), numc_release(inv), numc_release(c);
      break;
    }
    failures++;
    assert_int_equal(rc, NUMC_ENOMEM);
    assert_ptr_equal(v, (numc_array *)0x1);
    assert_ptr_equal(c, (numc_array *)0x1);
  }
  assert_true(failures > 0);
  failures = 0;
  for (long k = 0; k < 200; k++) {
    talloc.fail_after = talloc.count + k;
    numc_array *r = (numc_array *)0x1;
    int rc = numc_isin(&r, x, x, 0);
    if (rc == NUMC_OK && (rc = numc_eval(&r, 1)) != NUMC_OK) numc_release(r);
    talloc.fail_after = -1;
    if (rc == NUMC_OK) {
      numc_release(r);
      break;
    }
    failures++;
    assert_int_equal(rc, NUMC_ENOMEM);
  }
  assert_true(failures > 0);
  numc_release(x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_unique_all_float),
      TEST(test_unique_2d_0d_empty),
      TEST(test_unique_every_dtype),
      TEST(test_unique_large),
      TEST(test_isin_basic),
      TEST(test_isin_complex_0d_empty),
      TEST(test_isin_large),
      TEST(test_isin_lazy),
      TEST(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
