/*
 * tests/c/test_npy.c - .npy files: header encoding (NumPy's exact bytes for
 * simple arrays, 64-byte alignment), round trips of every dtype in C and
 * Fortran order through files and memory, reading versions 2.0 and 3.0,
 * and NUMC_EFORMAT for malformed, truncated, big-endian and unsupported
 * inputs.
 */
#include "test_util.h"

#include <stdio.h>
#include <unistd.h>

static char tmp_path[64];

static const char *tmpfile_path(void) {
  snprintf(tmp_path, sizeof tmp_path, "/tmp/numc_test_npy_%d.npy", (int)getpid());
  return tmp_path;
}

/* True if the header bytes (not NUL-terminated) contain `needle`. */
static bool has_text(const char *h, size_t len, const char *needle) {
  return memmem(h, len, needle, strlen(needle)) != NULL;
}

static void test_header_bytes(void **state) {
  (void)state;
  numc_array *a = arr_f64(3, (double[]){1, 2, 3});
  char *h;
  size_t len;
  int fortran;
  OK(numc_npy_encode_header(&h, &len, &fortran, a));
  assert_int_equal(len, 128); /* np.save: 10-byte prefix + dict padded to 64 */
  assert_int_equal(len % 64, 0);
  assert_memory_equal(h, "\x93NUMPY\x01\x00", 8);
  assert_int_equal((unsigned char)h[8] | ((unsigned char)h[9] << 8), len - 10);
  const char *dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
  assert_memory_equal(h + 10, dict, strlen(dict));
  assert_int_equal(h[len - 1], '\n');
  assert_false(fortran);
  numc_free(h);
  numc_release(a);
}

static numc_array *sample(numc_dtype dt, int nd, const int64_t *shape) {
  numc_array *a, *c;
  numc_scalar z = numc_weak_int(0), e = numc_weak_int(1), one = numc_weak_int(1);
  int64_t n = 1;
  for (int i = 0; i < nd; i++) n *= shape[i];
  e.v.i64 = n;
  OK(numc_arange(&a, dt == NUMC_BOOL ? NUMC_INT64 : dt, &z, &e, &one));
  if (dt == NUMC_BOOL) {
    numc_array *t;
    OK(numc_astype(&t, a, NUMC_BOOL, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
    numc_release(a);
    a = t;
  }
  OK(numc_reshape(&c, a, nd, shape, NUMC_COPY_NEVER));
  numc_release(a);
  return c;
}

static void assert_same(const numc_array *a, const numc_array *b) {
  assert_int_equal(numc_array_dtype(a), numc_array_dtype(b));
  assert_int_equal(numc_array_ndim(a), numc_array_ndim(b));
  for (int i = 0; i < numc_array_ndim(a); i++)
    assert_int_equal(shape_of(a, i), shape_of(b, i));
  for (int64_t i = 0; i < numc_array_size(a); i++)
    assert_true(get_f64(a, i) == get_f64(b, i));
}

static void test_roundtrip_all_dtypes(void **state) {
  (void)state;
  int64_t shape[2] = {3, 4};
  for (int dt = 0; dt < NUMC_NDTYPES; dt++) {
    numc_array *a = sample((numc_dtype)dt, 2, shape), *b;
    OK(numc_npy_save(a, tmpfile_path()));
    OK(numc_npy_load(&b, tmpfile_path()));
    assert_same(a, b);
    assert_true(numc_array_flags(b) & NUMC_C_CONTIGUOUS);
    assert_true(numc_array_flags(b) & NUMC_WRITEABLE);
    numc_release(b);
    numc_release(a);
  }
  unlink(tmpfile_path());
}

static void test_fortran_order(void **state) {
  (void)state;
  int64_t shape[2] = {3, 4};
  numc_array *a = sample(NUMC_INT32, 2, shape), *t, *b;
  OK(numc_permute_dims(&t, a, NULL)); /* (4, 3), F-contiguous */
  char *h;
  size_t len;
  int fortran;
  OK(numc_npy_encode_header(&h, &len, &fortran, t));
  assert_true(fortran);
  assert_true(has_text(h, len, "'fortran_order': True, 'shape': (4, 3)"));
  numc_free(h);
  OK(numc_npy_save(t, tmpfile_path()));
  OK(numc_npy_load(&b, tmpfile_path()));
  assert_same(t, b);
  assert_true(numc_array_flags(b) & NUMC_F_CONTIGUOUS);
  assert_false(numc_array_flags(b) & NUMC_C_CONTIGUOUS);
  numc_release(b);
  /* a non-contiguous view is written in C order */
  numc_index ix[2] = {{.kind = NUMC_INDEX_SLICE, .step = 2},
                      {.kind = NUMC_INDEX_SLICE, .step = -1}};
  numc_array *v;
  OK(numc_index_view(&v, a, 2, ix));
  OK(numc_npy_save(v, tmpfile_path()));
  OK(numc_npy_load(&b, tmpfile_path()));
  assert_same(v, b);
  numc_release(b);
  numc_release(v);
  numc_release(t);
  numc_release(a);
  unlink(tmpfile_path());
}

static void test_zero_d_and_empty(void **state) {
  (void)state;
  numc_scalar s = numc_weak_float(2.5);
  numc_array *a, *b;
  OK(numc_from_scalar(&a, &s));
  numc_array *f;
  OK(numc_astype(&f, a, NUMC_FLOAT64, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  char *h;
  size_t len;
  int fortran;
  OK(numc_npy_encode_header(&h, &len, &fortran, f));
  assert_true(has_text(h, len, "'shape': (), }"));
  numc_free(h);
  OK(numc_npy_save(f, tmpfile_path()));
  OK(numc_npy_load(&b, tmpfile_path()));
  assert_int_equal(numc_array_ndim(b), 0);
  assert_true(get_f64(b, 0) == 2.5);
  numc_release(b);
  numc_release(f);
  numc_release(a);
  int64_t shape[2] = {0, 3};
  OK(numc_zeros(&a, NUMC_UINT16, 2, shape));
  OK(numc_npy_save(a, tmpfile_path()));
  OK(numc_npy_load(&b, tmpfile_path()));
  assert_same(a, b);
  numc_release(b);
  numc_release(a);
  unlink(tmpfile_path());
}

/* Builds a file image: version, dict text, then `ndata` data bytes. */
static size_t image(char *buf, int major, const char *dict, size_t ndata) {
  size_t dl = strlen(dict);
  size_t prefix = major == 1 ? 10 : 12;
  memcpy(buf, "\x93NUMPY", 6);
  buf[6] = (char)major;
  buf[7] = 0;
  if (major == 1) {
    buf[8] = (char)(dl & 0xff), buf[9] = (char)(dl >> 8);
  } else {
    buf[8] = (char)(dl & 0xff), buf[9] = (char)(dl >> 8), buf[10] = 0,
    buf[11] = 0;
  }
  memcpy(buf + prefix, dict, dl);
  memset(buf + prefix + dl, 0, ndata);
  return prefix + dl + ndata;
}

static void test_versions_and_spellings(void **state) {
  (void)state;
  char buf[512];
  numc_array *a;
  size_t n = image(buf, 2, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n", 8);
  OK(numc_npy_load_buffer(&a, buf, n));
  assert_int_equal(numc_array_dtype(a), NUMC_INT32);
  numc_release(a);
  n = image(buf, 3,
            "{\"shape\": (2L, 1L), \"fortran_order\": True, \"descr\": \"|u1\"}\n", 2);
  OK(numc_npy_load_buffer(&a, buf, n));
  assert_int_equal(numc_array_dtype(a), NUMC_UINT8);
  assert_int_equal(shape_of(a, 0), 2);
  assert_true(numc_array_flags(a) & NUMC_F_CONTIGUOUS);
  numc_release(a);
  n = image(buf, 1, "{'descr': '|b1', 'fortran_order': False, 'shape': ()}", 1);
  OK(numc_npy_load_buffer(&a, buf, n));
  assert_int_equal(numc_array_dtype(a), NUMC_BOOL);
  numc_release(a);
}

static void test_format_errors(void **state) {
  (void)state;
  char buf[512];
  numc_array *a;
  size_t n;
  static const char *const bad[] = {
      "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }",
      "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }",
      "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }",
      "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }",
      "{'descr': '<M8[s]', 'fortran_order': False, 'shape': (2,), }",
      "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }",
      "{'descr': '<f8', 'fortran_order': maybe, 'shape': (2,), }",
      "{'descr': '<f8', 'shape': (2,), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}",
      "['descr', '<f8']",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    n = image(buf, 1, bad[i], 64);
    FAILS(NUMC_EFORMAT, numc_npy_load_buffer(&a, buf, n));
  }
  /* truncated data */
  n = image(buf, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 31);
  FAILS(NUMC_EFORMAT, numc_npy_load_buffer(&a, buf, n));
  /* truncated header, bad magic, bad version */
  n = image(buf, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 0);
  FAILS(NUMC_EFORMAT, numc_npy_load_buffer(&a, buf, n - 5));
  buf[1] = 'X';
  FAILS(NUMC_EFORMAT, numc_npy_load_buffer(&a, buf, n));
  n = image(buf, 4, "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", 0);
  FAILS(NUMC_EFORMAT, numc_npy_load_buffer(&a, buf, n));
  FAILS(NUMC_EFORMAT, numc_npy_load_buffer(&a, buf, 3));
  /* files: missing, truncated */
  FAILS(NUMC_EIO, numc_npy_load(&a, "/nonexistent/dir/x.npy"));
  n = image(buf, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 8);
  FILE *f = fopen(tmpfile_path(), "wb");
  assert_non_null(f);
  fwrite(buf, 1, n, f);
  fclose(f);
  FAILS(NUMC_EFORMAT, numc_npy_load(&a, tmpfile_path()));
  unlink(tmpfile_path());
  numc_array *z = arr_f64(1, (double[]){1});
  FAILS(NUMC_EIO, numc_npy_save(z, "/nonexistent/dir/x.npy"));
  numc_release(z);
}

static void test_load_oom(void **state) {
  (void)state;
  char buf[512];
  size_t n = image(buf, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 32);
  numc_array *a;
  talloc.fail_after = talloc.count; /* the next allocation fails */
  FAILS(NUMC_ENOMEM, numc_npy_load_buffer(&a, buf, n));
  talloc.fail_after = -1;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_header_bytes),         TEST(test_roundtrip_all_dtypes),
      TEST(test_fortran_order),        TEST(test_zero_d_and_empty),
      TEST(test_versions_and_spellings), TEST(test_format_errors),
      TEST(test_load_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
