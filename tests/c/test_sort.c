/*
 * tests/c/test_sort.c - sort, argsort, searchsorted and the non-zero family
 * (numc/sort.h). Fixed cases carry NumPy 2.4's results; the per-dtype,
 * per-axis and large cases compare with a reference written here from
 * NumPy's ordering rules (a stable merge sort with NumPy's comparison:
 * NaN last, -0.0 == +0.0, complex by NaN class then lexicographically).
 */
#include "test_util.h"

/* ---- helpers ------------------------------------------------------------ */

static const void *ro(const numc_array *a) {
  void *p = NULL;
  OK(numc_array_data(&p, a, NUMC_ACCESS_READ));
  return p;
}

/* A C-contiguous copy of `a` (so tests can read any view flat). */
static numc_array *contig(const numc_array *a) {
  numc_array *c;
  OK(numc_copy(&c, a, NUMC_ORDER_C));
  OK(numc_eval(&c, 1));
  return c;
}

static void assert_i64(const numc_array *a, int64_t n, const int64_t *want) {
  assert_int_equal(numc_array_dtype(a), NUMC_INT64);
  assert_int_equal(numc_array_size(a), n);
  numc_array *c = contig(a);
  const int64_t *p = ro(c);
  for (int64_t i = 0; i < n; i++)
    if (p[i] != want[i]) fail_msg("index %ld: got %ld, want %ld", (long)i, (long)p[i], (long)want[i]);
  numc_release(c);
}

/* Deterministic pseudo-random numbers. */
static uint64_t rng_state = 88172645463325252ull;
static uint64_t rnd(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static const double specials[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, NAN, -NAN,
                                  2.5, -2.5, 1e-300, 3.0};

/* Fills n elements of dtype dt: duplicates, extremes, and for floats
 * NaNs (both signs), infinities and signed zeros. */
static void fill_random(void *buf, numc_dtype dt, int64_t n, int narrow) {
  for (int64_t i = 0; i < n; i++) {
    uint64_t r = rnd();
    double f = narrow ? (double)(int)(r % 7) - 3 : (double)(int64_t)(r >> 11) / 1e9;
    if ((r & 7) == 0) f = specials[(r >> 3) % 12];
    switch (dt) {
    case NUMC_BOOL: ((uint8_t *)buf)[i] = r & 1; break;
    case NUMC_INT8: ((int8_t *)buf)[i] = narrow ? (int8_t)(r % 5) - 2 : (int8_t)r; break;
    case NUMC_UINT8: ((uint8_t *)buf)[i] = narrow ? (uint8_t)(r % 5) : (uint8_t)r; break;
    case NUMC_INT16: ((int16_t *)buf)[i] = narrow ? (int16_t)(r % 5) - 2 : (int16_t)r; break;
    case NUMC_UINT16: ((uint16_t *)buf)[i] = narrow ? (uint16_t)(r % 5) : (uint16_t)r; break;
    case NUMC_INT32: ((int32_t *)buf)[i] = narrow ? (int32_t)(r % 5) - 2 : (int32_t)r; break;
    case NUMC_UINT32: ((uint32_t *)buf)[i] = narrow ? (uint32_t)(r % 5) : (uint32_t)r; break;
    case NUMC_INT64: ((int64_t *)buf)[i] = narrow ? (int64_t)(r % 5) - 2 : (int64_t)r; break;
    case NUMC_UINT64: ((uint64_t *)buf)[i] = narrow ? r % 5 : r; break;
    case NUMC_FLOAT32: ((float *)buf)[i] = (float)f; break;
    case NUMC_FLOAT64: ((double *)buf)[i] = f; break;
    case NUMC_COMPLEX64:
      ((float *)buf)[2 * i] = (float)f;
      ((float *)buf)[2 * i + 1] = (float)((r & 16) ? specials[(r >> 8) % 12] : (double)(r % 3));
      break;
    case NUMC_COMPLEX128:
      ((double *)buf)[2 * i] = f;
      ((double *)buf)[2 * i + 1] = (r & 16) ? specials[(r >> 8) % 12] : (double)(r % 3);
      break;
    default: break;
    }
  }
}

static numc_array *random_array(numc_dtype dt, int nd, const int64_t *shape, int narrow) {
  int64_t n = 1;
  for (int d = 0; d < nd; d++) n *= shape[d];
  void *buf = malloc((size_t)(n ? n : 1) * numc_dtype_itemsize(dt));
  fill_random(buf, dt, n, narrow);
  numc_array *a = arr_from(dt, nd, shape, buf);
  free(buf);
  return a;
}

/* NumPy's order of two real values (-1, 0, 1): NaN after everything. */
static int cmp_real(double a, double b) {
  if (isnan(a) || isnan(b)) return isnan(a) - isnan(b);
  return a < b ? -1 : a > b;
}

/* NumPy's comparison of element i and j of a contiguous buffer. */
static int ref_cmp(numc_dtype dt, const char *p, int64_t i, int64_t j) {
  size_t isz = numc_dtype_itemsize(dt);
  const char *a = p + i * (int64_t)isz, *b = p + j * (int64_t)isz;
  switch (dt) {
  case NUMC_BOOL: case NUMC_UINT8: return (*(const uint8_t *)a > *(const uint8_t *)b) - (*(const uint8_t *)a < *(const uint8_t *)b);
  case NUMC_INT8: return (*(const int8_t *)a > *(const int8_t *)b) - (*(const int8_t *)a < *(const int8_t *)b);
  case NUMC_INT16: return (*(const int16_t *)a > *(const int16_t *)b) - (*(const int16_t *)a < *(const int16_t *)b);
  case NUMC_UINT16: return (*(const uint16_t *)a > *(const uint16_t *)b) - (*(const uint16_t *)a < *(const uint16_t *)b);
  case NUMC_INT32: return (*(const int32_t *)a > *(const int32_t *)b) - (*(const int32_t *)a < *(const int32_t *)b);
  case NUMC_UINT32: return (*(const uint32_t *)a > *(const uint32_t *)b) - (*(const uint32_t *)a < *(const uint32_t *)b);
  case NUMC_INT64: return (*(const int64_t *)a > *(const int64_t *)b) - (*(const int64_t *)a < *(const int64_t *)b);
  case NUMC_UINT64: return (*(const uint64_t *)a > *(const uint64_t *)b) - (*(const uint64_t *)a < *(const uint64_t *)b);
  case NUMC_FLOAT32: return cmp_real(*(const float *)a, *(const float *)b);
  case NUMC_FLOAT64: return cmp_real(*(const double *)a, *(const double *)b);
  default: {
    double ar, ai, br, bi;
    if (dt == NUMC_COMPLEX64) {
      ar = ((const float *)a)[0], ai = ((const float *)a)[1];
      br = ((const float *)b)[0], bi = ((const float *)b)[1];
    } else {
      ar = ((const double *)a)[0], ai = ((const double *)a)[1];
      br = ((const double *)b)[0], bi = ((const double *)b)[1];
    }
    /* R+Rj < R+nanj < nan+Rj < nan+nanj, then by real, then by imag */
    int ca = 2 * isnan(ar) + isnan(ai), cb = 2 * isnan(br) + isnan(bi);
    if (ca != cb) return ca < cb ? -1 : 1;
    int c = cmp_real(ar, br);
    return c ? c : cmp_real(ai, bi);
  }
  }
}

/* Reference argsort of n contiguous elements: stable merge sort. */
static void ref_argsort(int64_t *ix, numc_dtype dt, const char *p, int64_t n, int desc) {
  int64_t *tmp = malloc((size_t)(n ? n : 1) * sizeof *tmp);
  for (int64_t i = 0; i < n; i++) ix[i] = i;
  for (int64_t width = 1; width < n; width *= 2) {
    for (int64_t lo = 0; lo < n; lo += 2 * width) {
      int64_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      int64_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        int c = ref_cmp(dt, p, ix[j], ix[i]);
        if (desc) c = -c;
        tmp[k++] = c < 0 ? ix[j++] : ix[i++]; /* ties: the earlier index first */
      }
      while (i < mid) tmp[k++] = ix[i++];
      while (j < hi) tmp[k++] = ix[j++];
    }
    memcpy(ix, tmp, (size_t)n * sizeof *ix);
  }
  free(tmp);
}

/* Checks sort and argsort of a (any view) along axis against the reference:
 * indices exactly, values bit for bit. */
static void check_sort_axis(const numc_array *a, int axis, int desc) {
  numc_array *s, *as;
  OK(numc_sort(&s, a, axis, desc, 1));
  OK(numc_argsort(&as, a, axis, desc, 0));
  numc_array *src = axis == NUMC_AXIS_NONE ? NULL : contig(a);
  if (axis == NUMC_AXIS_NONE) {
    int64_t m = -1;
    numc_array *flat;
    OK(numc_reshape(&flat, a, 1, &m, NUMC_COPY_IF_NEEDED));
    src = contig(flat);
    numc_release(flat);
    axis = 0;
  }
  numc_dtype dt = numc_array_dtype(a);
  size_t isz = numc_dtype_itemsize(dt);
  int nd = numc_array_ndim(src);
  if (axis < 0) axis += nd;
  const int64_t *sh = numc_array_shape(src);
  int64_t n = sh[axis], inner = 1, outer = 1;
  for (int d = axis + 1; d < nd; d++) inner *= sh[d];
  for (int d = 0; d < axis; d++) outer *= sh[d];
  assert_int_equal(numc_array_ndim(s), nd);
  assert_int_equal(numc_array_dtype(s), dt);
  numc_array *sc = contig(s), *ac = contig(as);
  const char *x = ro(src), *sv = ro(sc);
  const int64_t *av = ro(ac);
  char *line = malloc((size_t)(n ? n : 1) * isz);
  int64_t *ref = malloc((size_t)(n ? n : 1) * sizeof *ref);
  for (int64_t o = 0; o < outer; o++) {
    for (int64_t in = 0; in < inner; in++) {
      int64_t base = o * n * inner + in;
      for (int64_t i = 0; i < n; i++) memcpy(line + i * (int64_t)isz, x + (base + i * inner) * (int64_t)isz, isz);
      ref_argsort(ref, dt, line, n, desc);
      for (int64_t i = 0; i < n; i++) {
        int64_t pos = base + i * inner;
        if (av[pos] != ref[i])
          fail_msg("%s axis %d desc %d line (%ld,%ld) pos %ld: argsort %ld, want %ld",
                   numc_dtype_name(dt), axis, desc, (long)o, (long)in, (long)i, (long)av[pos],
                   (long)ref[i]);
        if (memcmp(sv + pos * (int64_t)isz, line + ref[i] * (int64_t)isz, isz) != 0)
          fail_msg("%s axis %d desc %d: sorted value differs at %ld", numc_dtype_name(dt), axis,
                   desc, (long)pos);
      }
    }
  }
  free(line);
  free(ref);
  numc_release(sc);
  numc_release(ac);
  numc_release(src);
  numc_release(s);
  numc_release(as);
}

/* ---- sort / argsort ----------------------------------------------------- */

static void test_float_specials(void **state) {
  (void)state;
  double v[10] = {3, NAN, -INFINITY, -0.0, 0.0, 1, INFINITY, -NAN, 0.0, -1};
  numc_array *x = arr_f64(10, v), *s, *a;
  OK(numc_sort(&s, x, -1, 0, 1));
  /* NumPy: [-inf, -1, -0., 0., 0., 1, 3, inf, nan, -nan] */
  assert_values(s, 10, (double[]){-INFINITY, -1, 0, 0, 0, 1, 3, INFINITY, NAN, NAN});
  const double *sp = ro(s);
  int sign[10] = {1, 1, 1, 0, 0, 0, 0, 0, 0, 1};
  for (int i = 0; i < 10; i++) assert_int_equal(!!signbit(sp[i]), sign[i]);
  OK(numc_argsort(&a, x, 0, 0, 1));
  assert_i64(a, 10, (int64_t[]){2, 9, 3, 4, 8, 5, 0, 6, 1, 7});
  numc_release(s);
  numc_release(a);
  /* descending (Array API): reversed order, ties and NaNs in input order */
  OK(numc_argsort(&a, x, 0, 1, 1));
  assert_i64(a, 10, (int64_t[]){1, 7, 6, 0, 5, 3, 4, 8, 9, 2});
  OK(numc_sort(&s, x, 0, 1, 1));
  sp = ro(s);
  int dsign[10] = {0, 1, 0, 0, 0, 1, 0, 0, 1, 1};
  assert_values(s, 10, (double[]){NAN, NAN, INFINITY, 3, 1, 0, 0, 0, -1, -INFINITY});
  for (int i = 0; i < 10; i++) assert_int_equal(!!signbit(sp[i]), dsign[i]);
  numc_release(s);
  numc_release(a);
  numc_release(x);
}

static void test_complex_order(void **state) {
  (void)state;
  double v[18] = {NAN, 1, 1, NAN, 2, 0, NAN, NAN, 1, 1, NAN, 0, 0, NAN, -0.0, 0, 1, 0};
  numc_array *x = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){9}, v), *a;
  OK(numc_argsort(&a, x, -1, 0, 1));
  assert_i64(a, 9, (int64_t[]){7, 8, 4, 2, 6, 1, 5, 0, 3}); /* NumPy 2.4 */
  numc_release(a);
  check_sort_axis(x, 0, 1);
  numc_release(x);
}

static void test_axes_int32(void **state) {
  (void)state;
  int32_t v[6] = {5, 1, 4, 2, 8, 0};
  numc_array *x = arr_from(NUMC_INT32, 2, (int64_t[]){2, 3}, v), *s, *a;
  OK(numc_sort(&s, x, 0, 0, 1));
  assert_values(s, 6, (double[]){2, 1, 0, 5, 8, 4});
  OK(numc_argsort(&a, x, 0, 0, 1));
  assert_i64(a, 6, (int64_t[]){1, 0, 1, 0, 1, 0});
  numc_release(s), numc_release(a);
  OK(numc_sort(&s, x, -1, 0, 1));
  assert_values(s, 6, (double[]){1, 4, 5, 0, 2, 8});
  OK(numc_argsort(&a, x, 1, 0, 1));
  assert_i64(a, 6, (int64_t[]){1, 2, 0, 2, 0, 1});
  numc_release(s), numc_release(a);
  OK(numc_sort(&s, x, NUMC_AXIS_NONE, 0, 1));
  assert_int_equal(numc_array_ndim(s), 1);
  assert_values(s, 6, (double[]){0, 1, 2, 4, 5, 8});
  OK(numc_argsort(&a, x, NUMC_AXIS_NONE, 0, 1));
  assert_i64(a, 6, (int64_t[]){5, 1, 3, 2, 0, 4});
  numc_release(s), numc_release(a);
  numc_release(x);
}

static void test_every_dtype(void **state) {
  (void)state;
  int64_t sizes[] = {0, 1, 2, 17, 100, 1000, 4099};
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
      for (int narrow = 0; narrow < 2; narrow++) {
        numc_array *x = random_array((numc_dtype)dt, 1, &sizes[k], narrow);
        check_sort_axis(x, -1, 0);
        check_sort_axis(x, 0, 1);
        numc_release(x);
      }
    }
  }
}

static void test_every_axis(void **state) {
  (void)state;
  numc_dtype dts[] = {NUMC_INT16, NUMC_FLOAT64, NUMC_COMPLEX64, NUMC_UINT64};
  for (size_t k = 0; k < 4; k++) {
    numc_array *x = random_array(dts[k], 3, (int64_t[]){3, 4, 5}, k & 1);
    for (int ax = -3; ax < 3; ax++)
      for (int desc = 0; desc < 2; desc++) check_sort_axis(x, ax, desc);
    check_sort_axis(x, NUMC_AXIS_NONE, 0);
    check_sort_axis(x, NUMC_AXIS_NONE, 1);
    numc_release(x);
  }
}

static void test_views(void **state) {
  (void)state;
  numc_array *x = random_array(NUMC_FLOAT32, 2, (int64_t[]){37, 29}, 0), *t, *f, *v;
  OK(numc_permute_dims(&t, x, NULL));
  OK(numc_flip(&f, x, -1, NULL));
  numc_index ix[2] = {{NUMC_INDEX_SLICE, 0, 0, 0, 0, -3, NULL}, {NUMC_INDEX_SLICE, 1, 0, 2, 0, 2, NULL}};
  OK(numc_index_view(&v, x, 2, ix));
  numc_array *views[3] = {t, f, v};
  for (int k = 0; k < 3; k++)
    for (int ax = -2; ax < 2; ax++)
      for (int desc = 0; desc < 2; desc++) check_sort_axis(views[k], ax, desc);
  numc_release(t), numc_release(f), numc_release(v), numc_release(x);
}

static void test_large_parallel(void **state) {
  (void)state;
  /* long lines take the parallel, streaming path; several thread counts
   * must give the same (unique, stable) result */
  int64_t n = 300007;
  numc_dtype dts[] = {NUMC_FLOAT64, NUMC_INT32, NUMC_UINT8, NUMC_INT16, NUMC_COMPLEX128};
  for (size_t k = 0; k < 5; k++) {
    numc_array *x = random_array(dts[k], 1, &n, k == 1);
    for (int threads = 1; threads <= 3; threads += 2) {
      numc_set_num_threads(threads);
      check_sort_axis(x, 0, 0);
      check_sort_axis(x, 0, 1);
    }
    numc_release(x);
  }
  numc_array *y = random_array(NUMC_FLOAT64, 2, (int64_t[]){3, 70001}, 0);
  check_sort_axis(y, 1, 0);
  check_sort_axis(y, 0, 1);
  numc_release(y);
  numc_set_num_threads(2);
}

static void test_block_boundaries(void **state) {
  (void)state;
  /* sizes around the insertion/ranking/radix and parallel thresholds */
  int64_t sizes[] = {15, 16, 17, 48, 49, 255, 256, 257, 65535, 65536, 65537};
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    numc_array *x = random_array(NUMC_FLOAT64, 1, &sizes[k], 0);
    check_sort_axis(x, 0, k & 1);
    numc_release(x);
  }
}

static void test_stability_equal_keys(void **state) {
  (void)state;
  int64_t n = 100000;
  uint8_t *v = malloc((size_t)n);
  for (int64_t i = 0; i < n; i++) v[i] = (uint8_t)(rnd() % 3);
  numc_array *x = arr_from(NUMC_INT8, 1, &n, v), *a;
  for (int desc = 0; desc < 2; desc++) {
    OK(numc_argsort(&a, x, 0, desc, 1));
    const int64_t *p = ro(a);
    for (int64_t i = 1; i < n; i++) {
      int8_t prev = (int8_t)v[p[i - 1]], cur = (int8_t)v[p[i]];
      assert_true(desc ? prev >= cur : prev <= cur);
      if (prev == cur) assert_true(p[i - 1] < p[i]);
    }
    numc_release(a);
  }
  numc_release(x);
  free(v);
}

static void test_empty_and_0d(void **state) {
  (void)state;
  numc_array *e, *s;
  OK(numc_zeros(&e, NUMC_FLOAT64, 2, (int64_t[]){3, 0}));
  OK(numc_sort(&s, e, 0, 0, 1));
  assert_int_equal(numc_array_ndim(s), 2);
  assert_int_equal(shape_of(s, 0), 3);
  assert_int_equal(shape_of(s, 1), 0);
  numc_release(s);
  OK(numc_argsort(&s, e, NUMC_AXIS_NONE, 1, 1));
  assert_int_equal(shape_of(s, 0), 0);
  numc_release(s);
  numc_release(e);

  numc_scalar v = numc_weak_float(7);
  numc_array *z;
  OK(numc_from_scalar(&z, &v));
  FAILS(NUMC_EAXIS, numc_sort(&s, z, -1, 0, 1));
  assert_string_equal(numc_last_error(), "axis -1 is out of bounds for array of dimension 0");
  OK(numc_sort(&s, z, NUMC_AXIS_NONE, 0, 1)); /* np.sort(a, axis=None) */
  assert_int_equal(numc_array_ndim(s), 1);
  assert_values(s, 1, (double[]){7});
  numc_release(s);
  OK(numc_argsort(&s, z, -1, 0, 1)); /* NumPy: array([0]) */
  assert_int_equal(numc_array_ndim(s), 1);
  assert_i64(s, 1, (int64_t[]){0});
  numc_release(s);
  FAILS(NUMC_EAXIS, numc_argsort(&s, z, 1, 0, 1));
  assert_string_equal(numc_last_error(), "axis 1 is out of bounds for array of dimension 1");
  numc_release(z);
}

static void test_errors(void **state) {
  (void)state;
  numc_array *x = random_array(NUMC_INT64, 2, (int64_t[]){2, 3}, 1), *s = (numc_array *)0x1;
  FAILS(NUMC_EAXIS, numc_sort(&s, x, 2, 0, 1));
  assert_string_equal(numc_last_error(), "axis 2 is out of bounds for array of dimension 2");
  FAILS(NUMC_EAXIS, numc_argsort(&s, x, -3, 0, 1));
  assert_string_equal(numc_last_error(), "axis -3 is out of bounds for array of dimension 2");
  assert_ptr_equal(s, (numc_array *)0x1);
  FAILS(NUMC_EINVAL, numc_sort(&s, NULL, 0, 0, 1));
  FAILS(NUMC_EINVAL, numc_sort(NULL, x, 0, 0, 1));
  numc_release(x);
}

static void test_lazy_sort(void **state) {
  (void)state;
  numc_set_eager_threshold(0);
  double v[5] = {4, 1, 3, 0, 2};
  numc_array *x = arr_f64(5, v), *one, *y, *s;
  numc_scalar o = numc_weak_float(1);
  OK(numc_from_scalar(&one, &o));
  OK(numc_add(&y, x, one)); /* pending input */
  OK(numc_sort(&s, y, 0, 0, 1));
  assert_true(numc_array_flags(s) & NUMC_PENDING);
  /* a later write to x must not reach the pending sort */
  numc_scalar nine = numc_weak_float(9);
  OK(numc_fill(x, &nine));
  assert_values(s, 5, (double[]){1, 2, 3, 4, 5});
  numc_release(s), numc_release(y), numc_release(one), numc_release(x);
  numc_set_eager_threshold(4096);
}

/* ---- searchsorted ------------------------------------------------------- */

static void test_searchsorted_basic(void **state) {
  (void)state;
  double a[5] = {1, 2, 2, 3, NAN}, q[6] = {NAN, 2, 2.5, -INFINITY, INFINITY, -0.0};
  numc_array *x1 = arr_f64(5, a), *x2 = arr_f64(6, q), *r;
  OK(numc_searchsorted(&r, x1, x2, 0, NULL));
  assert_i64(r, 6, (int64_t[]){4, 1, 3, 0, 4, 0});
  numc_release(r);
  OK(numc_searchsorted(&r, x1, x2, 1, NULL));
  assert_i64(r, 6, (int64_t[]){5, 3, 3, 0, 4, 0});
  numc_release(r);
  numc_release(x2);
  /* -0.0 equals +0.0 */
  double z[2] = {-0.0, 0.0}, zq[2] = {0.0, -0.0};
  numc_array *zx = arr_f64(2, z), *zy = arr_f64(2, zq);
  OK(numc_searchsorted(&r, zx, zy, 0, NULL));
  assert_i64(r, 2, (int64_t[]){0, 0});
  numc_release(r);
  OK(numc_searchsorted(&r, zx, zy, 1, NULL));
  assert_i64(r, 2, (int64_t[]){2, 2});
  numc_release(r), numc_release(zx), numc_release(zy);
  /* 2-D queries keep their shape */
  double qq[4] = {0, 2, 3, 9};
  numc_array *q2 = arr_from(NUMC_FLOAT64, 2, (int64_t[]){2, 2}, qq);
  OK(numc_searchsorted(&r, x1, q2, 0, NULL));
  assert_int_equal(numc_array_ndim(r), 2);
  assert_i64(r, 4, (int64_t[]){0, 1, 3, 4});
  numc_release(r), numc_release(q2), numc_release(x1);
}

static void test_searchsorted_sorter_and_dtypes(void **state) {
  (void)state;
  int64_t a[3] = {30, 10, 20}, q[7] = {5, 10, 15, 20, 25, 30, 35};
  int32_t srt[3] = {1, 2, 0};
  numc_array *x1 = arr_from(NUMC_INT64, 1, (int64_t[]){3}, a);
  numc_array *x2 = arr_from(NUMC_INT64, 1, (int64_t[]){7}, q);
  numc_array *s = arr_from(NUMC_INT32, 1, (int64_t[]){3}, srt), *r;
  OK(numc_searchsorted(&r, x1, x2, 0, s));
  assert_i64(r, 7, (int64_t[]){0, 0, 1, 1, 2, 2, 3});
  numc_release(r), numc_release(x2);
  /* a Python int beyond uint8 compares by value (NumPy: 3 and 0) */
  uint8_t u[3] = {1, 2, 3};
  numc_array *xu = arr_from(NUMC_UINT8, 1, (int64_t[]){3}, u), *w;
  numc_scalar big = numc_weak_int(300), neg = numc_weak_int(-1);
  OK(numc_from_scalar(&w, &big));
  OK(numc_searchsorted(&r, xu, w, 0, NULL));
  assert_int_equal(numc_array_ndim(r), 0);
  assert_i64(r, 1, (int64_t[]){3});
  numc_release(r), numc_release(w);
  OK(numc_from_scalar(&w, &neg));
  OK(numc_searchsorted(&r, xu, w, 1, NULL));
  assert_i64(r, 1, (int64_t[]){0});
  numc_release(r), numc_release(w), numc_release(xu);
  /* float32 data, Python float query: compared in float64 (NumPy: 1) */
  float f[2] = {1, 2};
  numc_array *xf = arr_from(NUMC_FLOAT32, 1, (int64_t[]){2}, f);
  numc_scalar q1 = numc_weak_float(1.00000001);
  OK(numc_from_scalar(&w, &q1));
  OK(numc_searchsorted(&r, xf, w, 0, NULL));
  assert_i64(r, 1, (int64_t[]){1});
  numc_release(r), numc_release(w), numc_release(xf);
  /* complex order (NumPy: [1, 2]) */
  double c[6] = {1, 1, 1, 2, NAN, 0}, cq[4] = {1, 1.5, 0, NAN};
  numc_array *xc = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){3}, c);
  numc_array *qc = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){2}, cq);
  OK(numc_searchsorted(&r, xc, qc, 0, NULL));
  assert_i64(r, 2, (int64_t[]){1, 2});
  numc_release(r), numc_release(xc), numc_release(qc);
  /* empty x1 */
  numc_array *e;
  OK(numc_zeros(&e, NUMC_FLOAT64, 1, (int64_t[]){0}));
  OK(numc_searchsorted(&r, e, x1, 0, NULL));
  assert_i64(r, 3, (int64_t[]){0, 0, 0});
  numc_release(r), numc_release(e);
  numc_release(s), numc_release(x1);
}

static void test_searchsorted_errors(void **state) {
  (void)state;
  numc_array *m = random_array(NUMC_FLOAT64, 2, (int64_t[]){2, 2}, 1), *r = NULL, *z;
  numc_array *v = random_array(NUMC_FLOAT64, 1, (int64_t[]){3}, 1);
  numc_scalar one = numc_weak_int(1);
  OK(numc_from_scalar(&z, &one));
  FAILS(NUMC_EVALUE, numc_searchsorted(&r, m, v, 0, NULL));
  assert_string_equal(numc_last_error(), "object too deep for desired array");
  FAILS(NUMC_EVALUE, numc_searchsorted(&r, z, v, 0, NULL));
  assert_string_equal(numc_last_error(), "object of too small depth for desired array");
  int64_t s2[2] = {1, 0}, s3[3] = {0, 1, 5}, sneg[3] = {-1, 0, 1};
  double sf[3] = {0, 1, 2};
  numc_array *a = arr_from(NUMC_INT64, 1, (int64_t[]){2}, s2);
  FAILS(NUMC_EVALUE, numc_searchsorted(&r, v, z, 0, a));
  assert_string_equal(numc_last_error(), "sorter.size must equal a.size");
  numc_release(a);
  a = arr_from(NUMC_INT64, 1, (int64_t[]){3}, s3);
  FAILS(NUMC_EVALUE, numc_searchsorted(&r, v, z, 0, a));
  assert_string_equal(numc_last_error(), "Sorter index out of range.");
  numc_release(a);
  a = arr_from(NUMC_INT64, 1, (int64_t[]){3}, sneg);
  FAILS(NUMC_EVALUE, numc_searchsorted(&r, v, z, 0, a));
  numc_release(a);
  a = arr_from(NUMC_FLOAT64, 1, (int64_t[]){3}, sf);
  FAILS(NUMC_ETYPE, numc_searchsorted(&r, v, z, 0, a));
  assert_string_equal(numc_last_error(), "sorter must only contain integers");
  numc_release(a);
  a = arr_from(NUMC_INT64, 2, (int64_t[]){1, 2}, s2);
  FAILS(NUMC_ETYPE, numc_searchsorted(&r, v, z, 0, a));
  assert_string_equal(numc_last_error(), "could not parse sorter argument");
  numc_release(a);
  assert_null(r);
  numc_release(m), numc_release(v), numc_release(z);
}

/* Brute-force insertion points. */
static int64_t brute_point(const double *a, int64_t n, double q, int right) {
  int64_t k = 0;
  for (int64_t i = 0; i < n; i++) {
    int c = cmp_real(a[i], q);
    k += right ? c <= 0 : c < 0;
  }
  return k;
}

static void test_searchsorted_large(void **state) {
  (void)state;
  /* many queries into a long array: sorted queries found by galloping */
  int64_t n = 100003, m = 20011;
  numc_array *r0 = random_array(NUMC_FLOAT64, 1, &n, 0), *x1, *x2 = random_array(NUMC_FLOAT64, 1, &m, 0);
  OK(numc_sort(&x1, r0, 0, 0, 1));
  const double *a = ro(x1), *q = ro(x2);
  for (int right = 0; right < 2; right++) {
    numc_array *r;
    OK(numc_searchsorted(&r, x1, x2, right, NULL));
    const int64_t *p = ro(r);
    for (int64_t i = 0; i < m; i += 7) assert_int_equal(p[i], brute_point(a, n, q[i], right));
    numc_release(r);
  }
  numc_release(r0), numc_release(x1), numc_release(x2);
}

/* ---- nonzero, flatnonzero, argwhere ------------------------------------- */

static void test_nonzero_basic(void **state) {
  (void)state;
  double v[9] = {0, 1.5, 0, NAN, 0, -0.0, 0, 0, 2};
  numc_array *x = arr_from(NUMC_FLOAT64, 2, (int64_t[]){3, 3}, v), *nz[2], *r;
  OK(numc_nonzero(nz, x));
  assert_i64(nz[0], 3, (int64_t[]){0, 1, 2});
  assert_i64(nz[1], 3, (int64_t[]){1, 0, 2});
  numc_release(nz[0]), numc_release(nz[1]);
  OK(numc_argwhere(&r, x));
  assert_int_equal(shape_of(r, 0), 3);
  assert_int_equal(shape_of(r, 1), 2);
  assert_i64(r, 6, (int64_t[]){0, 1, 1, 0, 2, 2});
  numc_release(r);
  OK(numc_flatnonzero(&r, x));
  assert_i64(r, 3, (int64_t[]){1, 3, 8});
  numc_release(r);
  /* a transposed view reads in its own C order */
  numc_array *t;
  OK(numc_permute_dims(&t, x, NULL));
  OK(numc_flatnonzero(&r, t));
  assert_i64(r, 3, (int64_t[]){1, 3, 8});
  numc_release(r), numc_release(t), numc_release(x);
  /* complex: either part non-zero */
  double c[6] = {0, 0, 0, 1, -0.0, 0};
  numc_array *xc = arr_from(NUMC_COMPLEX128, 1, (int64_t[]){3}, c);
  OK(numc_nonzero(nz, xc));
  assert_i64(nz[0], 1, (int64_t[]){1});
  numc_release(nz[0]), numc_release(xc);
}

static void test_nonzero_0d_and_empty(void **state) {
  (void)state;
  numc_scalar five = numc_weak_int(5), zero = numc_weak_int(0);
  numc_array *z, *r, *nz[2] = {NULL, NULL};
  OK(numc_from_scalar(&z, &five));
  FAILS(NUMC_EVALUE, numc_nonzero(nz, z));
  assert_non_null(strstr(numc_last_error(), "Calling nonzero on 0d arrays is not allowed"));
  OK(numc_argwhere(&r, z)); /* NumPy: shape (1, 0) */
  assert_int_equal(numc_array_ndim(r), 2);
  assert_int_equal(shape_of(r, 0), 1);
  assert_int_equal(shape_of(r, 1), 0);
  numc_release(r);
  OK(numc_flatnonzero(&r, z));
  assert_i64(r, 1, (int64_t[]){0});
  numc_release(r), numc_release(z);
  OK(numc_from_scalar(&z, &zero));
  OK(numc_argwhere(&r, z));
  assert_int_equal(shape_of(r, 0), 0);
  assert_int_equal(shape_of(r, 1), 0);
  numc_release(r), numc_release(z);
  numc_array *e;
  OK(numc_zeros(&e, NUMC_INT8, 2, (int64_t[]){0, 3}));
  OK(numc_nonzero(nz, e));
  assert_int_equal(numc_array_size(nz[0]), 0);
  assert_int_equal(numc_array_size(nz[1]), 0);
  numc_release(nz[0]), numc_release(nz[1]), numc_release(e);
}

static void test_nonzero_large(void **state) {
  (void)state;
  /* several chunks on several threads; a strided view */
  int64_t shape[3] = {7, 300, 150};
  numc_array *x = random_array(NUMC_INT16, 3, shape, 1), *v, *nz[3], *aw;
  numc_index ix[3] = {{NUMC_INDEX_SLICE, 0, 0, 0, 0, 1, NULL},
                      {NUMC_INDEX_SLICE, 0, 0, 0, 0, -1, NULL},
                      {NUMC_INDEX_SLICE, 0, 0, 0, 0, 2, NULL}};
  OK(numc_index_view(&v, x, 3, ix));
  numc_array *c = contig(v);
  const int16_t *p = ro(c);
  const int64_t *sh = numc_array_shape(c);
  OK(numc_nonzero(nz, v));
  OK(numc_argwhere(&aw, v));
  int64_t nn = numc_array_size(nz[0]);
  const int64_t *i0 = ro(nz[0]), *i1 = ro(nz[1]), *i2 = ro(nz[2]), *w = ro(aw);
  int64_t k = 0;
  for (int64_t a = 0; a < sh[0]; a++)
    for (int64_t b = 0; b < sh[1]; b++)
      for (int64_t d = 0; d < sh[2]; d++) {
        if (!p[(a * sh[1] + b) * sh[2] + d]) continue;
        assert_true(k < nn);
        assert_int_equal(i0[k], a), assert_int_equal(i1[k], b), assert_int_equal(i2[k], d);
        assert_int_equal(w[3 * k], a), assert_int_equal(w[3 * k + 2], d);
        k++;
      }
  assert_int_equal(k, nn);
  for (int d = 0; d < 3; d++) numc_release(nz[d]);
  numc_release(aw), numc_release(c), numc_release(v), numc_release(x);
}

/* ---- allocation failures ------------------------------------------------ */

static int call_sort(numc_array **out, numc_array *in) {
  numc_array *r = NULL;
  int rc = numc_sort(&r, in, 0, 1, 1);
  if (rc == NUMC_OK && (rc = numc_eval(&r, 1)) != NUMC_OK) numc_release(r);
  if (rc == NUMC_OK) *out = r;
  return rc;
}

static int call_argwhere(numc_array **out, numc_array *in) { return numc_argwhere(out, in); }

static void test_alloc_failures(void **state) {
  (void)state;
  int64_t n = 70000; /* the parallel path allocates too */
  numc_array *x = random_array(NUMC_FLOAT64, 1, &n, 0);
  INJECT_FAILURES(400, out, call_sort(&out, x));
  INJECT_FAILURES(400, out, call_argwhere(&out, x));
  numc_release(x);
}

int main(void) {
  numc_set_num_threads(2);
  const struct CMUnitTest tests[] = {
      TEST(test_float_specials),
      TEST(test_complex_order),
      TEST(test_axes_int32),
      TEST(test_every_dtype),
      TEST(test_every_axis),
      TEST(test_views),
      TEST(test_large_parallel),
      TEST(test_block_boundaries),
      TEST(test_stability_equal_keys),
      TEST(test_empty_and_0d),
      TEST(test_errors),
      TEST(test_lazy_sort),
      TEST(test_searchsorted_basic),
      TEST(test_searchsorted_sorter_and_dtypes),
      TEST(test_searchsorted_errors),
      TEST(test_searchsorted_large),
      TEST(test_nonzero_basic),
      TEST(test_nonzero_0d_and_empty),
      TEST(test_nonzero_large),
      TEST(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
