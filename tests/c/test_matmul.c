/*
 * tests/c/test_matmul.c - numc_matmul: NumPy's shape rules and messages,
 * result dtypes, values for every dtype (exact integer wraparound, bool
 * or-of-and), stacks and broadcasting, transposed and strided operands
 * reaching GEMM without copies (checked with matmul's copy counter), the
 * batched path, laziness (a barrier that fuses with what follows), OpenBLAS
 * thread-count restoration, and allocation failures.
 */
#include "test_util.h"

#include "cpu/loops.h"
#include "ops/linalg_internal.h"

#include <cblas.h>
#include <stdio.h>

/* ---- helpers ------------------------------------------------------------------ */

/* A C-contiguous array of dtype dt with values f(i) (i: flat index), cast
 * from double (complex: imaginary part g(i)). */
static numc_array *make(numc_dtype dt, int nd, const int64_t *shape, double (*f)(int64_t),
                        double (*g)(int64_t)) {
  int64_t n = 1;
  for (int i = 0; i < nd; i++) n *= shape[i];
  double *v = malloc((size_t)(n ? n : 1) * 2 * sizeof(double));
  for (int64_t i = 0; i < n; i++) v[2 * i] = f(i), v[2 * i + 1] = g ? g(i) : 0;
  numc_array *c = NULL, *out = NULL;
  OK(numc_from_copy(&c, NUMC_COMPLEX128, nd, shape, NULL, v));
  free(v);
  OK(numc_astype(&out, c, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  numc_release(c);
  OK(numc_eval(&out, 1));
  return out;
}

static double small_a(int64_t i) { return (double)((i * 7 + 3) % 11) - 5; }
static double small_b(int64_t i) { return (double)((i * 5 + 1) % 9) - 4; }
static double small_c(int64_t i) { return (double)((i * 3 + 2) % 7) - 3; }
static double ramp(int64_t i) { return (double)i * 0.25 - 3; }
static double abs_a(int64_t i) { return fabs(small_a(i)); }
static double abs_b(int64_t i) { return fabs(small_b(i)); }

/* Reference matmul of 2-D a (m x k) @ b (k x n) in complex double. */
static void ref_mm(const numc_array *a, const numc_array *b, double *out) {
  int64_t m = shape_of(a, 0), k = shape_of(a, 1), n = shape_of(b, 1);
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++) {
      double sr = 0, si = 0;
      for (int64_t p = 0; p < k; p++) {
        double ar, ai, br, bi;
        get_c(a, i * k + p, &ar, &ai);
        get_c(b, p * n + j, &br, &bi);
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      out[2 * (i * n + j)] = sr, out[2 * (i * n + j) + 1] = si;
    }
}

static void assert_close_c(const numc_array *r, int64_t n, const double *want, double tol) {
  assert_int_equal(numc_array_size(r), n);
  for (int64_t i = 0; i < n; i++) {
    double re, im;
    get_c(r, i, &re, &im);
    double scale = 1 + fabs(want[2 * i]) + fabs(want[2 * i + 1]);
    if (fabs(re - want[2 * i]) > tol * scale || fabs(im - want[2 * i + 1]) > tol * scale)
      fail_msg("element %lld: got %.17g%+.17gj, want %.17g%+.17gj", (long long)i, re, im,
               want[2 * i], want[2 * i + 1]);
  }
}

static numc_array *transpose(const numc_array *a) {
  numc_array *t = NULL;
  OK(numc_matrix_transpose(&t, a));
  return t;
}

/* a[start::step] along every axis given (others full). */
static numc_array *strided(const numc_array *a, int64_t step0, int64_t step1) {
  numc_index idx[2];
  memset(idx, 0, sizeof idx);
  idx[0].kind = idx[1].kind = NUMC_INDEX_SLICE;
  idx[0].step = step0, idx[1].step = step1;
  numc_array *v = NULL;
  OK(numc_index_view(&v, a, 2, idx));
  return v;
}

static const numc_dtype all_dtypes[] = {
    NUMC_BOOL,   NUMC_INT8,   NUMC_UINT8,   NUMC_INT16,     NUMC_UINT16,
    NUMC_INT32,  NUMC_UINT32, NUMC_INT64,   NUMC_UINT64,    NUMC_FLOAT32,
    NUMC_FLOAT64, NUMC_COMPLEX64, NUMC_COMPLEX128};

/* ---- values and dtypes -------------------------------------------------------- */

static void test_basic_values(void **state) {
  (void)state;
  double av[6] = {1, 2, 3, 4, 5, 6}, bv[6] = {1, 0, 2, 1, 0, 3};
  int64_t s23[2] = {2, 3}, s32[2] = {3, 2};
  numc_array *a = arr_from(NUMC_FLOAT64, 2, s23, av), *b = arr_from(NUMC_FLOAT64, 2, s32, bv);
  numc_array *c;
  OK(numc_matmul(&c, a, b));
  assert_int_equal(numc_array_dtype(c), NUMC_FLOAT64);
  assert_int_equal(numc_array_ndim(c), 2);
  double want[4] = {5, 11, 14, 23};
  assert_values(c, 4, want);
  numc_release(a), numc_release(b), numc_release(c);
}

/* Every dtype with itself: small integer values are exact in all of them. */
static void test_every_dtype(void **state) {
  (void)state;
  int64_t sa[2] = {5, 7}, sb[2] = {7, 4};
  for (size_t t = 0; t < sizeof all_dtypes / sizeof *all_dtypes; t++) {
    numc_dtype dt = all_dtypes[t];
    bool u = numc_dtype_kind(dt) == 'u'; /* keep unsigned values small */
    numc_array *a = make(dt, 2, sa, u ? abs_a : small_a, numc__is_complex(dt) ? small_c : NULL);
    numc_array *b = make(dt, 2, sb, u ? abs_b : small_b, numc__is_complex(dt) ? small_a : NULL);
    numc_array *c;
    OK(numc_matmul(&c, a, b));
    assert_int_equal(numc_array_dtype(c), dt);
    double want[2 * 20];
    ref_mm(a, b, want);
    if (dt == NUMC_BOOL)
      for (int i = 0; i < 20; i++) want[2 * i] = want[2 * i] != 0, want[2 * i + 1] = 0;
    if (numc__is_int(dt)) { /* wrap the reference like the dtype */
      for (int i = 0; i < 20; i++) {
        numc_scalar s = {.dtype = NUMC_INT64}, r, f;
        s.v.i64 = (int64_t)want[2 * i];
        numc__scalar_convert(&r, &s, dt);
        numc__scalar_convert(&f, &r, NUMC_FLOAT64);
        want[2 * i] = f.v.f64;
      }
    }
    assert_close_c(c, 20, want, 0);
    numc_release(a), numc_release(b), numc_release(c);
  }
}

static void test_bool_or_and(void **state) {
  (void)state;
  uint8_t av[2] = {1, 0}, bv[2] = {0, 1}, cv[2] = {1, 1};
  int64_t s12[2] = {1, 2}, s21[2] = {2, 1};
  numc_array *a = arr_from(NUMC_BOOL, 2, s12, av), *b = arr_from(NUMC_BOOL, 2, s21, bv);
  numc_array *c = arr_from(NUMC_BOOL, 2, s12, cv), *d = arr_from(NUMC_BOOL, 2, s21, cv);
  numc_array *r1, *r2;
  OK(numc_matmul(&r1, a, b));
  OK(numc_matmul(&r2, c, d));
  assert_int_equal(numc_array_dtype(r1), NUMC_BOOL);
  uint8_t *p;
  OK(numc_array_data((void **)&p, r1, NUMC_ACCESS_READ));
  assert_int_equal(p[0], 0);
  OK(numc_array_data((void **)&p, r2, NUMC_ACCESS_READ));
  assert_int_equal(p[0], 1); /* true, not 2 */
  numc_release(a), numc_release(b), numc_release(c), numc_release(d);
  numc_release(r1), numc_release(r2);
}

static void test_promotion(void **state) {
  (void)state;
  struct {
    numc_dtype a, b, want;
  } cases[] = {
      {NUMC_INT8, NUMC_FLOAT32, NUMC_FLOAT32},   {NUMC_INT64, NUMC_FLOAT32, NUMC_FLOAT64},
      {NUMC_UINT8, NUMC_INT8, NUMC_INT16},       {NUMC_BOOL, NUMC_INT8, NUMC_INT8},
      {NUMC_FLOAT32, NUMC_COMPLEX64, NUMC_COMPLEX64},
      {NUMC_FLOAT64, NUMC_COMPLEX64, NUMC_COMPLEX128},
      {NUMC_UINT64, NUMC_INT64, NUMC_FLOAT64},
  };
  int64_t s[2] = {3, 3};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    numc_array *a = make(cases[i].a, 2, s, small_a, NULL), *b = make(cases[i].b, 2, s, small_b, NULL);
    numc_array *c;
    OK(numc_matmul(&c, a, b));
    assert_int_equal(numc_array_dtype(c), cases[i].want);
    /* values as computed in the promoted dtype */
    numc_array *ca, *cb, *r;
    OK(numc_astype(&ca, a, cases[i].want, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
    OK(numc_astype(&cb, b, cases[i].want, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
    OK(numc_matmul(&r, ca, cb));
    for (int k = 0; k < 9; k++) assert_true(get_f64(c, k) == get_f64(r, k));
    numc_release(a), numc_release(b), numc_release(c);
    numc_release(ca), numc_release(cb), numc_release(r);
  }
}

/* NumPy: int8 (2,200) full of 100 @ (200,2) full of 3 -> 96 (60000 mod 256);
 * uint64 2^63 * 3 summed 3 times wraps to 2^63. */
static void test_integer_wraparound(void **state) {
  (void)state;
  int64_t sa[2] = {2, 200}, sb[2] = {200, 2};
  numc_scalar v100 = numc_weak_int(100), v3 = numc_weak_int(3);
  numc_array *a, *b, *c;
  OK(numc_full(&a, NUMC_INT8, 2, sa, &v100));
  OK(numc_full(&b, NUMC_INT8, 2, sb, &v3));
  OK(numc_matmul(&c, a, b));
  double want[4] = {96, 96, 96, 96};
  assert_values(c, 4, want);
  numc_release(a), numc_release(b), numc_release(c);

  int64_t s13[2] = {1, 3}, s31[2] = {3, 1};
  numc_scalar big = {.dtype = NUMC_UINT64}, three = {.dtype = NUMC_UINT64};
  big.v.u64 = (uint64_t)1 << 63, three.v.u64 = 3;
  OK(numc_full(&a, NUMC_UINT64, 2, s13, &big));
  OK(numc_full(&b, NUMC_UINT64, 2, s31, &three));
  OK(numc_matmul(&c, a, b));
  uint64_t *p;
  OK(numc_array_data((void **)&p, c, NUMC_ACCESS_READ));
  assert_true(p[0] == (uint64_t)1 << 63);
  numc_release(a), numc_release(b), numc_release(c);

  /* int32 and int64 against wrapping uint arithmetic, with k > the kernel
   * panel (256) so partial sums are accumulated across panels */
  int64_t m = 3, k = 700, n = 5;
  int64_t sak[2] = {m, k}, sbk[2] = {k, n};
  numc_dtype dts[2] = {NUMC_INT32, NUMC_INT64};
  for (int t = 0; t < 2; t++) {
    numc_array *x, *y, *z;
    OK(numc_empty(&x, dts[t], 2, sak));
    OK(numc_empty(&y, dts[t], 2, sbk));
    void *px, *py;
    OK(numc_array_data(&px, x, NUMC_ACCESS_WRITE));
    OK(numc_array_data(&py, y, NUMC_ACCESS_WRITE));
    for (int64_t i = 0; i < m * k; i++) {
      int64_t v = (int64_t)(i * 2654435761u) ^ (i << 40);
      if (t == 0) ((int32_t *)px)[i] = (int32_t)v;
      else ((int64_t *)px)[i] = v;
    }
    for (int64_t i = 0; i < k * n; i++) {
      int64_t v = (int64_t)(i * 40503u + 7) * 1000003 - (i << 33);
      if (t == 0) ((int32_t *)py)[i] = (int32_t)v;
      else ((int64_t *)py)[i] = v;
    }
    OK(numc_matmul(&z, x, y));
    void *pz;
    OK(numc_array_data(&pz, z, NUMC_ACCESS_READ));
    for (int64_t i = 0; i < m; i++)
      for (int64_t j = 0; j < n; j++) {
        uint64_t acc = 0;
        for (int64_t p2 = 0; p2 < k; p2++) {
          uint64_t av2 = t == 0 ? (uint64_t)(int64_t)((int32_t *)px)[i * k + p2]
                                : (uint64_t)((int64_t *)px)[i * k + p2];
          uint64_t bv2 = t == 0 ? (uint64_t)(int64_t)((int32_t *)py)[p2 * n + j]
                                : (uint64_t)((int64_t *)py)[p2 * n + j];
          acc += av2 * bv2;
        }
        if (t == 0)
          assert_int_equal(((int32_t *)pz)[i * n + j], (int32_t)(uint32_t)acc);
        else
          assert_true(((int64_t *)pz)[i * n + j] == (int64_t)acc);
      }
    numc_release(x), numc_release(y), numc_release(z);
  }
}

/* ---- shapes ------------------------------------------------------------------- */

static void test_1d_promotion(void **state) {
  (void)state;
  int64_t s3[1] = {3}, s34[2] = {3, 4}, s43[2] = {4, 3};
  numc_dtype dts[3] = {NUMC_FLOAT64, NUMC_INT32, NUMC_COMPLEX64};
  for (int t = 0; t < 3; t++) {
    numc_array *v = make(dts[t], 1, s3, small_a, NULL), *m34 = make(dts[t], 2, s34, small_b, NULL);
    numc_array *m43 = make(dts[t], 2, s43, small_c, NULL), *r;
    OK(numc_matmul(&r, v, m34)); /* (3,) @ (3,4) -> (4,) */
    assert_int_equal(numc_array_ndim(r), 1);
    assert_int_equal(shape_of(r, 0), 4);
    for (int j = 0; j < 4; j++) {
      double s = 0;
      for (int p = 0; p < 3; p++) s += small_a(p) * small_b(p * 4 + j);
      assert_true(get_f64(r, j) == s);
    }
    numc_release(r);
    OK(numc_matmul(&r, m43, v)); /* (4,3) @ (3,) -> (4,) */
    assert_int_equal(numc_array_ndim(r), 1);
    for (int i = 0; i < 4; i++) {
      double s = 0;
      for (int p = 0; p < 3; p++) s += small_c(i * 3 + p) * small_a(p);
      assert_true(get_f64(r, i) == s);
    }
    numc_release(r);
    OK(numc_matmul(&r, v, v)); /* (3,) @ (3,) -> () */
    assert_int_equal(numc_array_ndim(r), 0);
    double dot = 0;
    for (int p = 0; p < 3; p++) dot += small_a(p) * small_a(p);
    assert_true(get_f64(r, 0) == dot);
    numc_release(r);
    numc_release(v), numc_release(m34), numc_release(m43);
  }
}

static void test_stack_broadcast(void **state) {
  (void)state;
  int64_t sa[4] = {2, 1, 3, 4}, sb[3] = {5, 4, 2};
  numc_dtype dts[2] = {NUMC_FLOAT64, NUMC_INT16};
  for (int t = 0; t < 2; t++) {
    numc_array *a = make(dts[t], 4, sa, small_a, NULL), *b = make(dts[t], 3, sb, small_b, NULL);
    numc_array *c;
    OK(numc_matmul(&c, a, b));
    int64_t want_shape[4] = {2, 5, 3, 2};
    assert_int_equal(numc_array_ndim(c), 4);
    for (int d = 0; d < 4; d++) assert_int_equal(shape_of(c, d), want_shape[d]);
    for (int i0 = 0; i0 < 2; i0++)
      for (int i1 = 0; i1 < 5; i1++)
        for (int r = 0; r < 3; r++)
          for (int col = 0; col < 2; col++) {
            double s = 0;
            for (int p = 0; p < 4; p++)
              s += small_a(i0 * 12 + r * 4 + p) * small_b(i1 * 8 + p * 2 + col);
            assert_true(get_f64(c, ((i0 * 5 + i1) * 3 + r) * 2 + col) == s);
          }
    numc_release(a), numc_release(b), numc_release(c);
  }
}

static void test_shape_errors(void **state) {
  (void)state;
  int64_t s23[2] = {2, 3}, s45[2] = {4, 5}, s4[1] = {4}, s3[1] = {3};
  numc_array *a = make(NUMC_FLOAT64, 2, s23, ramp, NULL), *b = make(NUMC_FLOAT64, 2, s45, ramp, NULL);
  numc_array *v4 = make(NUMC_FLOAT64, 1, s4, ramp, NULL), *v3 = make(NUMC_FLOAT64, 1, s3, ramp, NULL);
  numc_array *z = make(NUMC_FLOAT64, 0, NULL, ramp, NULL), *c = NULL;
  FAILS(NUMC_ESHAPE, numc_matmul(&c, a, b));
  assert_string_equal(numc_last_error(),
                      "matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                      "gufunc signature (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)");
  FAILS(NUMC_ESHAPE, numc_matmul(&c, v3, v4));
  assert_string_equal(numc_last_error(),
                      "matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                      "gufunc signature (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)");
  FAILS(NUMC_ESHAPE, numc_matmul(&c, z, v4));
  assert_string_equal(numc_last_error(),
                      "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc "
                      "core with signature (n?,k),(k,m?)->(n?,m?) requires 1)");
  FAILS(NUMC_ESHAPE, numc_matmul(&c, v3, z));
  assert_true(strstr(numc_last_error(), "Input operand 1 does not have enough") != NULL);
  int64_t s223[3] = {2, 2, 3}, s334[3] = {3, 3, 4};
  numc_array *x = make(NUMC_FLOAT64, 3, s223, ramp, NULL), *y = make(NUMC_FLOAT64, 3, s334, ramp, NULL);
  FAILS(NUMC_ESHAPE, numc_matmul(&c, x, y));
  assert_string_equal(numc_last_error(),
                      "operands could not be broadcast together with remapped shapes "
                      "[original->remapped]: (2,2,3)->(2,newaxis,newaxis) "
                      "(3,3,4)->(3,newaxis,newaxis)  and requested shape (2,4)");
  assert_null(c);
  numc_release(a), numc_release(b), numc_release(v4), numc_release(v3), numc_release(z);
  numc_release(x), numc_release(y);
}

static void test_empty(void **state) {
  (void)state;
  int64_t s20[2] = {2, 0}, s03[2] = {0, 3}, s05[2] = {0, 5}, s53[2] = {5, 3};
  numc_dtype dts[3] = {NUMC_FLOAT64, NUMC_INT8, NUMC_COMPLEX128};
  for (int t = 0; t < 3; t++) {
    numc_array *a = make(dts[t], 2, s20, ramp, NULL), *b = make(dts[t], 2, s03, ramp, NULL), *c;
    OK(numc_matmul(&c, a, b)); /* k == 0: zeros */
    assert_int_equal(shape_of(c, 0), 2);
    assert_int_equal(shape_of(c, 1), 3);
    double zeros[6] = {0};
    assert_values(c, 6, zeros);
    numc_release(a), numc_release(b), numc_release(c);
    a = make(dts[t], 2, s05, ramp, NULL), b = make(dts[t], 2, s53, ramp, NULL);
    OK(numc_matmul(&c, a, b)); /* m == 0 */
    assert_int_equal(numc_array_size(c), 0);
    assert_int_equal(shape_of(c, 1), 3);
    numc_release(a), numc_release(b), numc_release(c);
  }
}

/* ---- layouts: transposes reach BLAS without copies ----------------------------- */

static void check_layout(numc_dtype dt, numc_array *a, numc_array *b, bool expect_copy) {
  int64_t m = shape_of(a, 0), n = shape_of(b, 1);
  double *want = malloc((size_t)(m * n) * 2 * sizeof(double));
  ref_mm(a, b, want);
  int64_t before = numc__matmul_copy_count();
  numc_array *c;
  OK(numc_matmul(&c, a, b));
  OK(numc_eval(&c, 1));
  int64_t copies = numc__matmul_copy_count() - before;
  if (expect_copy)
    assert_true(copies > 0);
  else if (copies != 0)
    fail_msg("%s: %lld unexpected operand copies", numc_dtype_name(dt), (long long)copies);
  assert_close_c(c, m * n, want, dt == NUMC_FLOAT32 || dt == NUMC_COMPLEX64 ? 1e-5 : 1e-12);
  free(want);
  numc_release(c);
}

/* Sizes above the small-product kernel's limit, so BLAS sees the layouts. */
static void test_transposed_no_copies(void **state) {
  (void)state;
  numc_dtype dts[4] = {NUMC_FLOAT32, NUMC_FLOAT64, NUMC_COMPLEX64, NUMC_COMPLEX128};
  int64_t s[2] = {72, 60}, st[2] = {60, 80};
  for (int t = 0; t < 4; t++) {
    numc_dtype dt = dts[t];
    numc_array *a = make(dt, 2, s, ramp, small_a);      /* 72 x 60 */
    numc_array *b = make(dt, 2, st, small_b, small_c);  /* 60 x 80 */
    numc_array *at = transpose(a), *bt = transpose(b);  /* 60 x 72, 80 x 60 */
    numc_array *att = NULL, *btt = NULL;
    OK(numc_copy(&att, at, NUMC_ORDER_C)); /* contiguous 60 x 72 */
    OK(numc_copy(&btt, bt, NUMC_ORDER_C));
    OK(numc_eval(&att, 1));
    OK(numc_eval(&btt, 1));
    numc_array *att_t = transpose(att), *btt_t = transpose(btt); /* F-ordered */
    check_layout(dt, a, b, false);          /* NoTrans, NoTrans */
    check_layout(dt, att_t, b, false);      /* Trans, NoTrans */
    check_layout(dt, a, btt_t, false);      /* NoTrans, Trans */
    check_layout(dt, att_t, btt_t, false);  /* Trans, Trans */
    /* every other row: row stride 2 * lda, unit columns: still no copy */
    numc_array *rows = strided(b, 2, 1); /* 30 x 80 */
    int64_t s15[2] = {72, 30};
    numc_array *a15 = make(dt, 2, s15, small_c, ramp);
    check_layout(dt, a15, rows, false);
    /* neither stride unit: one copy */
    numc_array *both = strided(b, 2, 2); /* 30 x 40 */
    check_layout(dt, a15, both, true);
    /* reversed rows (negative stride): copied */
    int ax0 = 0;
    numc_array *flipped = NULL;
    OK(numc_flip(&flipped, b, 1, &ax0));
    check_layout(dt, a, flipped, true);
    /* matrix @ vector with a strided vector: GEMV with incx, no copy */
    int64_t s120[1] = {120};
    numc_array *v = make(dt, 1, s120, ramp, small_b), *vs = NULL;
    numc_index ix;
    memset(&ix, 0, sizeof ix);
    ix.kind = NUMC_INDEX_SLICE, ix.step = 2;
    OK(numc_index_view(&vs, v, 1, &ix)); /* 60 elements, stride 2 */
    int64_t before = numc__matmul_copy_count();
    numc_array *mv = NULL, *vm = NULL;
    OK(numc_matmul(&mv, a, vs));
    OK(numc_matmul(&vm, vs, b));
    OK(numc_eval(&mv, 1));
    OK(numc_eval(&vm, 1));
    assert_true(numc__matmul_copy_count() == before);
    for (int i = 0; i < 72; i += 13) {
      double s2 = 0, re, im;
      for (int p = 0; p < 60; p++) {
        double ar, ai, br, bi;
        get_c(a, i * 60 + p, &ar, &ai);
        get_c(vs, p, &br, &bi);
        s2 += ar * br - ai * bi;
      }
      get_c(mv, i, &re, &im);
      assert_true(fabs(re - s2) <= 1e-4 * (1 + fabs(s2)));
    }
    numc_release(mv), numc_release(vm), numc_release(v), numc_release(vs);
    numc_release(flipped), numc_release(both), numc_release(rows), numc_release(a15);
    numc_release(a), numc_release(b), numc_release(at), numc_release(bt);
    numc_release(att), numc_release(btt), numc_release(att_t), numc_release(btt_t);
  }
}

/* The small-product kernel: every edge shape (rows not a multiple of 4,
 * columns not a multiple of the tile width), strided and reversed a,
 * reversed b rows; exact on small integers, never a copy. */
static void test_small_kernel_shapes(void **state) {
  (void)state;
  numc_dtype dts[2] = {NUMC_FLOAT32, NUMC_FLOAT64};
  int64_t before = numc__matmul_copy_count();
  for (int t = 0; t < 2; t++)
    for (int64_t m = 1; m <= 9; m += 2)
      for (int64_t n = 1; n <= 19; n += 3)
        for (int64_t k = 1; k <= 7; k += 3) {
          int64_t sa[2] = {2 * m, 2 * k}, sb[2] = {k, n};
          numc_array *a0 = make(dts[t], 2, sa, small_a, NULL), *b = make(dts[t], 2, sb, small_b, NULL);
          numc_array *a = strided(a0, 2, 2), *bf = NULL, *c = NULL; /* a: m x k, strides 2 */
          int ax0 = 0;
          OK(numc_flip(&bf, b, 1, &ax0));
          OK(numc_matmul(&c, a, bf));
          double *want = malloc((size_t)(m * n) * 2 * sizeof(double));
          ref_mm(a, bf, want);
          assert_close_c(c, m * n, want, 0);
          free(want);
          numc_release(a0), numc_release(a), numc_release(b), numc_release(bf), numc_release(c);
        }
  if (strcmp(numc__loops_isa(), "avx2") == 0) /* baseline ISA: BLAS, which copies */
    assert_true(numc__matmul_copy_count() == before);
}

/* Transposed stacks: a (.., k, m) viewed as (.., m, k) is passed as Trans per
 * matrix; a broadcast right operand collapses into one tall GEMM. */
static void test_stacks_layouts(void **state) {
  (void)state;
  int64_t sa[3] = {6, 5, 4}, sb[2] = {4, 3};
  numc_array *a = make(NUMC_FLOAT64, 3, sa, ramp, NULL), *b = make(NUMC_FLOAT64, 2, sb, small_b, NULL);
  int64_t before = numc__matmul_copy_count();
  numc_array *c;
  OK(numc_matmul(&c, a, b)); /* collapses to (30, 4) @ (4, 3) */
  OK(numc_eval(&c, 1));
  numc_array *at = transpose(a); /* (6, 4, 5) */
  int64_t sb2[3] = {6, 5, 2};
  numc_array *b2 = make(NUMC_FLOAT64, 3, sb2, small_c, NULL), *c2;
  OK(numc_matmul(&c2, at, b2)); /* per matrix Trans */
  OK(numc_eval(&c2, 1));
  assert_true(numc__matmul_copy_count() == before);
  for (int s = 0; s < 6; s++)
    for (int i = 0; i < 5; i++)
      for (int j = 0; j < 3; j++) {
        double r = 0;
        for (int p = 0; p < 4; p++) r += ramp(s * 20 + i * 4 + p) * small_b(p * 3 + j);
        assert_true(fabs(get_f64(c, (s * 5 + i) * 3 + j) - r) < 1e-12);
      }
  for (int s = 0; s < 6; s++)
    for (int i = 0; i < 4; i++)
      for (int j = 0; j < 2; j++) {
        double r = 0;
        for (int p = 0; p < 5; p++) r += ramp(s * 20 + p * 4 + i) * small_c(s * 10 + p * 2 + j);
        assert_true(fabs(get_f64(c2, (s * 4 + i) * 2 + j) - r) < 1e-12);
      }
  numc_release(a), numc_release(b), numc_release(c), numc_release(at), numc_release(b2);
  numc_release(c2);
}

/* 2000 stacks of 8 x 8 (the parallel batch path), in float64, complex64 and
 * int32, compared with the reference on a sample. */
static void test_batched_many_small(void **state) {
  (void)state;
  int64_t s[3] = {2000, 8, 8};
  numc_dtype dts[3] = {NUMC_FLOAT64, NUMC_COMPLEX64, NUMC_INT32};
  for (int t = 0; t < 3; t++) {
    numc_array *a = make(dts[t], 3, s, small_a, small_b), *b = make(dts[t], 3, s, small_b, small_c);
    numc_array *c;
    OK(numc_matmul(&c, a, b));
    OK(numc_eval(&c, 1));
    for (int st = 0; st < 2000; st += 199) {
      for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
          double sr = 0, si = 0, re, im;
          for (int p = 0; p < 8; p++) {
            double ar = small_a(st * 64 + i * 8 + p), ai = small_b(st * 64 + i * 8 + p);
            double br = small_b(st * 64 + p * 8 + j), bi = small_c(st * 64 + p * 8 + j);
            if (!numc__is_complex(dts[t])) ai = bi = 0;
            sr += ar * br - ai * bi, si += ar * bi + ai * br;
          }
          get_c(c, (st * 8 + i) * 8 + j, &re, &im);
          assert_true(re == sr && im == si);
        }
    }
    numc_release(a), numc_release(b), numc_release(c);
  }
}

/* Products large enough for the row split over the pool (300x260x140) and
 * for the lone product on OpenBLAS's own threads (520^3 >= 512^3); results
 * do not depend on the thread count, and numc leaves OpenBLAS's thread
 * setting as it found it. */
static void test_large_and_threads(void **state) {
  (void)state;
  static const int64_t dims[2][3] = {{300, 260, 140}, {520, 520, 520}};
  numc_dtype dts[3] = {NUMC_FLOAT64, NUMC_INT64, NUMC_FLOAT32};
  int prev_blas = openblas_get_num_threads();
  for (int d = 0; d < 2; d++) {
    int64_t m = dims[d][0], k = dims[d][1], n = dims[d][2];
    int64_t sa[2] = {m, k}, sb[2] = {k, n};
    for (int t = 0; t < (d ? 2 : 3); t += d ? 2 : 1) {
      numc_array *a = make(dts[t], 2, sa, small_a, NULL), *b = make(dts[t], 2, sb, small_b, NULL);
      numc_array *c1, *c2;
      OK(numc_set_num_threads(2));
      OK(numc_matmul(&c1, a, b));
      OK(numc_eval(&c1, 1));
      assert_int_equal(openblas_get_num_threads(), prev_blas);
      OK(numc_set_num_threads(1));
      OK(numc_matmul(&c2, a, b));
      OK(numc_eval(&c2, 1));
      OK(numc_set_num_threads(2));
      for (int64_t i = 0; i < m * n; i += 97) assert_true(get_f64(c1, i) == get_f64(c2, i));
      for (int64_t i = 0; i < m; i += 37)
        for (int64_t j = 0; j < n; j += 29) {
          double s = 0;
          for (int64_t p = 0; p < k; p++) s += small_a(i * k + p) * small_b(p * n + j);
          assert_true(get_f64(c1, i * n + j) == s); /* small integers: exact */
        }
      numc_release(a), numc_release(b), numc_release(c1), numc_release(c2);
    }
  }
  assert_int_equal(openblas_get_num_threads(), prev_blas);
}

/* ---- laziness ---------------------------------------------------------------------- */

static void test_lazy_barrier(void **state) {
  (void)state;
  numc_set_eager_threshold(0);
  int64_t s[2] = {16, 16};
  numc_array *a = make(NUMC_FLOAT64, 2, s, ramp, NULL), *b = make(NUMC_FLOAT64, 2, s, small_b, NULL);
  numc_array *a2, *c, *d;
  numc_scalar two = numc_weak_float(2);
  numc_array *k2;
  OK(numc_from_scalar(&k2, &two));
  OK(numc_multiply(&a2, a, k2)); /* pending producer: materialized first */
  OK(numc_matmul(&c, a2, b));
  assert_true(numc_array_flags(c) & NUMC_PENDING);
  OK(numc_add(&d, c, k2)); /* fuses after the barrier */
  char *plan;
  OK(numc_explain(&plan, &d, 1));
  assert_non_null(strstr(plan, "matmul"));
  assert_non_null(strstr(plan, "barrier"));
  numc_free(plan);
  for (int i = 0; i < 16; i += 5)
    for (int j = 0; j < 16; j += 3) {
      double r = 0;
      for (int p = 0; p < 16; p++) r += 2 * ramp(i * 16 + p) * small_b(p * 16 + j);
      assert_true(fabs(get_f64(d, i * 16 + j) - (r + 2)) < 1e-12);
    }
  numc_release(a), numc_release(b), numc_release(a2), numc_release(c), numc_release(d);
  numc_release(k2);
  numc_set_eager_threshold(4096);
}

/* ---- allocation failures -------------------------------------------------------------- */

/* Every allocation in turn fails: the call (or the evaluation) reports
 * NUMC_ENOMEM and nothing leaks (checked by teardown). Covers the copy
 * scratch (strided float operands) and the integer kernel workspace. */
static void test_alloc_failures(void **state) {
  (void)state;
  numc_set_eager_threshold(0);
  numc_dtype dts[2] = {NUMC_FLOAT64, NUMC_INT16};
  for (int t = 0; t < 2; t++) {
    for (long fail = 0; fail < 200; fail++) {
      int64_t sa[3] = {3, 4, 3}, sb[2] = {6, 6};
      numc_array *a = make(dts[t], 3, sa, ramp, NULL), *b0 = make(dts[t], 2, sb, small_b, NULL);
      numc_array *b = strided(b0, 2, 2), *c = NULL; /* forces a copy for floats */
      talloc.count = 0;
      talloc.fail_after = fail;
      int rc = numc_matmul(&c, a, b);
      if (rc == NUMC_OK) rc = numc_eval(&c, 1);
      talloc.fail_after = -1;
      if (rc != NUMC_OK && rc != NUMC_ENOMEM)
        fail_msg("fail at %ld: %s %s", fail, numc_err_name(rc), numc_last_error());
      if (rc == NUMC_OK) {
        for (int s = 0; s < 3; s++)
          for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++) {
              double r = 0;
              for (int p = 0; p < 3; p++) {
                double av = dts[t] == NUMC_INT16 ? (double)(int16_t)ramp(s * 12 + i * 3 + p)
                                                 : ramp(s * 12 + i * 3 + p);
                r += av * small_b(2 * p * 6 + 2 * j);
              }
              assert_true(get_f64(c, (s * 4 + i) * 3 + j) == r);
            }
      }
      numc_release(c), numc_release(a), numc_release(b), numc_release(b0);
      if (fail > 0 && rc == NUMC_OK) break; /* past the last allocation */
    }
  }
  numc_set_eager_threshold(4096);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_basic_values),        TEST(test_every_dtype),
      TEST(test_bool_or_and),         TEST(test_promotion),
      TEST(test_integer_wraparound),  TEST(test_1d_promotion),
      TEST(test_stack_broadcast),     TEST(test_shape_errors),
      TEST(test_empty),               TEST(test_transposed_no_copies),
      TEST(test_small_kernel_shapes),
      TEST(test_stacks_layouts),      TEST(test_batched_many_small),
      TEST(test_large_and_threads),   TEST(test_lazy_barrier),
      TEST(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
