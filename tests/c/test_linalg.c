/*
 * tests/c/test_linalg.c - the linear algebra extension against NumPy 2.4:
 * values and dtypes (reference values printed by NumPy from the venv),
 * reconstruction checks (Q R, U S Vh, L L^H, A inv(A), solve residuals,
 * eigen-equations), stacks and broadcasting, the lazy compositions
 * (diagonal views, trace, outer, vecdot, norms), einsum, errors and
 * messages (singular, not positive definite, shapes), NaN/inf, empty and
 * 0 x 0 matrices, the parallel batch path, and allocation failures.
 */
#include "test_util.h"

#include "ops/linalg_internal.h"

#include <cblas.h>
#include <stdio.h>

/* ---- helpers ------------------------------------------------------------------- */

/* An array of dtype dt from real values (C order). */
static numc_array *mat(numc_dtype dt, int nd, const int64_t *shape, const double *v) {
  numc_array *d = NULL, *out = NULL;
  OK(numc_from_copy(&d, NUMC_FLOAT64, nd, shape, NULL, v));
  OK(numc_astype(&out, d, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  numc_release(d);
  OK(numc_eval(&out, 1));
  return out;
}

/* A complex array from (re, im) pairs, cast to dt. */
static numc_array *matc(numc_dtype dt, int nd, const int64_t *shape, const double *ri) {
  numc_array *d = NULL, *out = NULL;
  OK(numc_from_copy(&d, NUMC_COMPLEX128, nd, shape, NULL, ri));
  OK(numc_astype(&out, d, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  numc_release(d);
  OK(numc_eval(&out, 1));
  return out;
}

/* Asserts |a - want| <= tol * (1 + |want|) elementwise (real values). */
static void near(const numc_array *a, int n, const double *want, double tol) {
  assert_int_equal(numc_array_size(a), n);
  for (int i = 0; i < n; i++) {
    double g = get_f64(a, i);
    if (isnan(want[i]) ? !isnan(g) : !(fabs(g - want[i]) <= tol * (1 + fabs(want[i]))))
      fail_msg("element %d: got %.17g, want %.17g", i, g, want[i]);
  }
}

/* Complex version: want holds (re, im) pairs. */
static void near_c(const numc_array *a, int n, const double *want, double tol) {
  assert_int_equal(numc_array_size(a), n);
  for (int i = 0; i < n; i++) {
    double re, im;
    get_c(a, i, &re, &im);
    double sc = 1 + fabs(want[2 * i]) + fabs(want[2 * i + 1]);
    if (!(fabs(re - want[2 * i]) <= tol * sc && fabs(im - want[2 * i + 1]) <= tol * sc))
      fail_msg("element %d: got %.17g%+.17gj, want %.17g%+.17gj", i, re, im, want[2 * i],
               want[2 * i + 1]);
  }
}

/* max |x - y| over all elements (as float64). */
static double maxdiff(const numc_array *x, const numc_array *y) {
  numc_array *d, *a, *m, *f;
  OK(numc_subtract(&d, x, y));
  OK(numc_abs(&a, d));
  OK(numc_max(&m, a, -1, NULL, 0));
  OK(numc_astype(&f, m, NUMC_FLOAT64, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  double v = get_f64(f, 0);
  numc_release(d), numc_release(a), numc_release(m), numc_release(f);
  return v;
}

static numc_array *mm(const numc_array *a, const numc_array *b) {
  numc_array *c = NULL;
  OK(numc_matmul(&c, a, b));
  return c;
}

/* conj(x)^T of the last two axes */
static numc_array *herm(const numc_array *x) {
  numc_array *t, *c;
  OK(numc_matrix_transpose(&t, x));
  OK(numc_conj(&c, t));
  numc_release(t);
  return c;
}

static numc_array *eye(numc_dtype dt, int64_t n) {
  numc_array *e = NULL;
  OK(numc_eye(&e, dt, n, -1, 0));
  return e;
}

static numc_array *scalar_f(double v) {
  numc_array *s;
  numc_scalar x = numc_weak_float(v);
  OK(numc_from_scalar(&s, &x));
  return s;
}

static double tol_of(numc_dtype dt) {
  return dt == NUMC_FLOAT32 || dt == NUMC_COMPLEX64 ? 2e-5 : 1e-12;
}

/* v * w[..., None, :]: scales the columns of each matrix of v. */
static numc_array *scale_cols(const numc_array *v, const numc_array *w) {
  numc_array *we, *r;
  int ax = -2;
  OK(numc_expand_dims(&we, w, 1, &ax));
  OK(numc_multiply(&r, v, we));
  numc_release(we);
  return r;
}

static bool pending(const numc_array *a) { return numc_array_flags(a) & NUMC_PENDING; }

static const numc_dtype inexact[4] = {NUMC_FLOAT32, NUMC_FLOAT64, NUMC_COMPLEX64,
                                      NUMC_COMPLEX128};

/* Reference matrices. */
static const double A3[9] = {4, -2, 1, 3, 6, -4, 2, 1, 8};
static const double S3[9] = {4, 1, 2, 1, 5, 3, 2, 3, 6};
static const double A32[6] = {1, 2, 3, 4, 5, 7};
static const double B3[3] = {1, 0, 2};
static const int64_t SH33[2] = {3, 3}, SH32[2] = {3, 2}, SH3[1] = {3}, SH22[2] = {2, 2};

/* A well-conditioned n x n matrix (diagonally dominant), complex when the
 * dtype is, for reconstruction checks; `seed` varies it. */
static numc_array *wellcond(numc_dtype dt, int nd, const int64_t *shape, int seed) {
  int64_t n = shape[nd - 1], cnt = 1;
  for (int i = 0; i < nd; i++) cnt *= shape[i];
  double *v = malloc((size_t)cnt * 2 * sizeof(double));
  for (int64_t i = 0; i < cnt; i++) {
    int64_t r = (i / n) % shape[nd - 2], c = i % n;
    v[2 * i] = (double)((i * 37 + seed * 11) % 17) / 17.0 - 0.5 + (r == c ? (double)n : 0);
    v[2 * i + 1] = numc__is_complex(dt) ? (double)((i * 23 + seed) % 13) / 13.0 - 0.5 : 0;
  }
  numc_array *a = matc(dt, nd, shape, v);
  free(v);
  return a;
}

/* ---- views and lazy compositions -------------------------------------------------- */

static void test_diagonal_view(void **state) {
  (void)state;
  numc_array *x, *d, *e;
  int64_t n24 = 24, s234[3] = {2, 3, 4};
  numc_scalar st = numc_weak_int(0), sp = numc_weak_int(24), one = numc_weak_int(1);
  numc_array *r;
  OK(numc_arange(&r, NUMC_INT64, &st, &sp, &one));
  OK(numc_reshape(&x, r, 3, s234, NUMC_COPY_IF_NEEDED));
  OK(numc_diagonal(&d, x, 0, 0, 2));
  assert_int_equal(numc_array_ndim(d), 2);
  assert_int_equal(shape_of(d, 0), 3);
  assert_int_equal(shape_of(d, 1), 2);
  double want[6] = {0, 13, 4, 17, 8, 21};
  assert_values(d, 6, want);
  assert_true(numc_same_buffer(d, x));
  assert_false(numc_array_flags(d) & NUMC_WRITEABLE); /* read-only, as NumPy */
  numc_scalar z = numc_weak_int(0);
  FAILS(NUMC_EREADONLY, numc_fill(d, &z));
  numc_release(d);
  OK(numc_diagonal(&d, x, 2, -2, -1)); /* offset 2 over (3, 4): [2, 7] per stack */
  double w2[4] = {2, 7, 14, 19};
  assert_values(d, 4, w2);
  numc_release(d);
  OK(numc_diagonal(&d, x, -1, -2, -1));
  double w3[4] = {4, 9, 16, 21};
  assert_values(d, 4, w3);
  numc_release(d);
  OK(numc_diagonal(&d, x, 9, -2, -1));
  assert_int_equal(numc_array_size(d), 0);
  numc_release(d);
  OK(numc_diagonal(&d, x, INT64_MIN, -2, -1));
  assert_int_equal(numc_array_size(d), 0);
  numc_release(d);
  d = NULL;
  FAILS(NUMC_EVALUE, numc_diagonal(&d, x, 0, 1, 1));
  assert_string_equal(numc_last_error(), "axis1 and axis2 cannot be the same");
  FAILS(NUMC_EAXIS, numc_diagonal(&d, x, 0, 0, 3));
  OK(numc_reshape(&e, r, 1, &n24, NUMC_COPY_IF_NEEDED));
  FAILS(NUMC_EVALUE, numc_diagonal(&d, e, 0, 0, 1));
  assert_string_equal(numc_last_error(), "diag requires an array of at least two dimensions");
  assert_null(d);
  numc_release(e), numc_release(x), numc_release(r);
}

static void test_trace(void **state) {
  (void)state;
  double v9[9] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  numc_array *a = mat(NUMC_INT8, 2, SH33, v9), *t;
  OK(numc_trace(&t, a, 0, -2, -1, NUMC_DTYPE_DEFAULT));
  assert_int_equal(numc_array_dtype(t), NUMC_INT64);
  assert_true(get_f64(t, 0) == 12);
  numc_release(t);
  OK(numc_trace(&t, a, 1, 0, 1, NUMC_DTYPE_DEFAULT));
  assert_true(get_f64(t, 0) == 6);
  numc_release(t);
  OK(numc_trace(&t, a, -1, 0, 1, NUMC_DTYPE_DEFAULT));
  assert_true(get_f64(t, 0) == 10);
  numc_release(t);
  numc_array *u = mat(NUMC_UINT8, 2, SH33, v9), *b = mat(NUMC_BOOL, 2, SH33, v9);
  numc_array *f = mat(NUMC_FLOAT32, 2, SH33, v9);
  OK(numc_trace(&t, u, 0, -2, -1, NUMC_DTYPE_DEFAULT));
  assert_int_equal(numc_array_dtype(t), NUMC_UINT64);
  numc_release(t);
  OK(numc_trace(&t, b, 0, -2, -1, NUMC_DTYPE_DEFAULT));
  assert_int_equal(numc_array_dtype(t), NUMC_INT64);
  assert_true(get_f64(t, 0) == 2);
  numc_release(t);
  numc_set_eager_threshold(0);
  OK(numc_trace(&t, f, 0, -2, -1, NUMC_DTYPE_DEFAULT));
  assert_int_equal(numc_array_dtype(t), NUMC_FLOAT32);
  assert_true(pending(t)); /* lazy */
  assert_true(get_f64(t, 0) == 12);
  numc_set_eager_threshold(4096);
  numc_release(t), numc_release(a), numc_release(u), numc_release(b), numc_release(f);
}

static void test_outer(void **state) {
  (void)state;
  double av[2] = {1, 2}, bv[3] = {3, 4, 5};
  int64_t s2[1] = {2}, s3[1] = {3};
  numc_array *a = mat(NUMC_FLOAT64, 1, s2, av), *b = mat(NUMC_INT32, 1, s3, bv), *o;
  OK(numc_outer(&o, a, b));
  double want[6] = {3, 4, 5, 6, 8, 10};
  assert_values(o, 6, want);
  assert_int_equal(numc_array_dtype(o), NUMC_FLOAT64);
  numc_release(o);
  double bb[2] = {1, 0};
  numc_array *p = mat(NUMC_BOOL, 1, s2, bb), *q = mat(NUMC_BOOL, 1, s2, av);
  OK(numc_outer(&o, p, q));
  assert_int_equal(numc_array_dtype(o), NUMC_BOOL);
  double wb[4] = {1, 1, 0, 0};
  assert_values(o, 4, wb);
  numc_release(o);
  numc_array *m = mat(NUMC_FLOAT64, 2, SH22, A3);
  o = NULL;
  FAILS(NUMC_EVALUE, numc_outer(&o, m, a));
  assert_string_equal(numc_last_error(), "Input arrays must be one-dimensional, but they are "
                                         "x1.ndim=2 and x2.ndim=1.");
  numc_release(a), numc_release(b), numc_release(p), numc_release(q), numc_release(m);
}

static void test_vecdot(void **state) {
  (void)state;
  int64_t s23[2] = {2, 3};
  double x[6] = {1, 2, 3, 4, 5, 6}, y[6] = {1, 0, -1, 2, 2, 2};
  numc_array *a = mat(NUMC_FLOAT64, 2, s23, x), *b = mat(NUMC_FLOAT64, 2, s23, y), *r;
  numc_set_eager_threshold(0);
  OK(numc_vecdot(&r, a, b, -1));
  assert_true(pending(r));
  char *plan;
  OK(numc_explain(&plan, &r, 1));
  assert_non_null(strstr(plan, "in 1 kernel")); /* multiply + sum fused */
  numc_free(plan);
  double w1[2] = {-2, 30};
  assert_values(r, 2, w1);
  numc_release(r);
  numc_set_eager_threshold(4096);
  OK(numc_vecdot(&r, a, b, 0));
  double w0[3] = {9, 10, 9};
  assert_values(r, 3, w0);
  numc_release(r);
  /* complex: conj of the first argument */
  double ca[4] = {0, 1, 2, 0}, cb[4] = {0, 1, 1, 0};
  int64_t s2[1] = {2};
  numc_array *c1 = matc(NUMC_COMPLEX128, 1, s2, ca), *c2 = matc(NUMC_COMPLEX128, 1, s2, cb);
  OK(numc_vecdot(&r, c1, c2, -1));
  double wc[2] = {3, 0};
  near_c(r, 1, wc, 0);
  numc_release(r);
  /* int8 wraps in int8; bool is or-of-and */
  double h[3] = {100, 100, 100}, t2[3] = {2, 2, 2}, bt[3] = {1, 0, 1}, bf[3] = {0, 1, 0};
  numc_array *i1 = mat(NUMC_INT8, 1, SH3, h), *i2 = mat(NUMC_INT8, 1, SH3, t2);
  OK(numc_vecdot(&r, i1, i2, -1));
  assert_int_equal(numc_array_dtype(r), NUMC_INT8);
  assert_true(get_f64(r, 0) == 88);
  numc_release(r);
  numc_array *p = mat(NUMC_BOOL, 1, SH3, bt), *q = mat(NUMC_BOOL, 1, SH3, bf);
  OK(numc_vecdot(&r, p, q, -1));
  assert_int_equal(numc_array_dtype(r), NUMC_BOOL);
  assert_true(get_f64(r, 0) == 0);
  numc_release(r);
  OK(numc_vecdot(&r, p, p, -1));
  assert_true(get_f64(r, 0) == 1);
  numc_release(r);
  /* broadcasting of the other dims, mismatched core dims */
  OK(numc_vecdot(&r, a, i2, -1));
  double wb[2] = {12, 30};
  assert_values(r, 2, wb);
  numc_release(r);
  r = NULL;
  FAILS(NUMC_ESHAPE, numc_vecdot(&r, a, c1, -1));
  assert_string_equal(numc_last_error(),
                      "vecdot: Input operand 1 has a mismatch in its core dimension 0, with "
                      "gufunc signature (n),(n)->() (size 2 is different from 3)");
  numc_array *z = scalar_f(1);
  FAILS(NUMC_ESHAPE, numc_vecdot(&r, z, a, -1));
  numc_release(a), numc_release(b), numc_release(c1), numc_release(c2), numc_release(i1);
  numc_release(i2), numc_release(p), numc_release(q), numc_release(z);
}

static void test_tensordot(void **state) {
  (void)state;
  int64_t sa[3] = {2, 3, 4}, sb[3] = {4, 3, 5};
  double va[24], vb[60];
  for (int i = 0; i < 24; i++) va[i] = i % 7 - 3;
  for (int i = 0; i < 60; i++) vb[i] = i % 5 - 2;
  numc_array *a = mat(NUMC_FLOAT64, 3, sa, va), *b = mat(NUMC_FLOAT64, 3, sb, vb), *r;
  int ax_a[2] = {1, 2}, ax_b[2] = {1, 0};
  OK(numc_tensordot_axes(&r, a, b, 2, ax_a, ax_b));
  assert_int_equal(numc_array_ndim(r), 2);
  assert_int_equal(shape_of(r, 0), 2);
  assert_int_equal(shape_of(r, 1), 5);
  for (int i = 0; i < 2; i++)
    for (int l = 0; l < 5; l++) {
      double s = 0;
      for (int j = 0; j < 3; j++)
        for (int k = 0; k < 4; k++) s += va[i * 12 + j * 4 + k] * vb[k * 15 + j * 5 + l];
      assert_true(get_f64(r, i * 5 + l) == s);
    }
  numc_release(r);
  OK(numc_tensordot(&r, a, b, 0)); /* outer product */
  assert_int_equal(numc_array_ndim(r), 6);
  numc_release(r);
  OK(numc_tensordot(&r, a, b, 1)); /* (2,3,4) . (4,3,5) -> (2,3,3,5) */
  assert_int_equal(numc_array_ndim(r), 4);
  assert_int_equal(shape_of(r, 2), 3);
  numc_release(r);
  r = NULL;
  FAILS(NUMC_ESHAPE, numc_tensordot(&r, a, b, 2));
  assert_string_equal(numc_last_error(), "shape-mismatch for sum");
  numc_release(a), numc_release(b);
}

static numc_array *einsum1(const char *s, int n, numc_array *x, numc_array *y, numc_array *z) {
  const numc_array *ops[3] = {x, y, z};
  numc_array *r = NULL;
  OK(numc_einsum(&r, s, n, ops));
  return r;
}

static void test_einsum(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *S = mat(NUMC_FLOAT64, 2, SH33, S3), *r, *m;
  r = einsum1("ij,jk->ik", 2, A, S, NULL);
  m = mm(A, S);
  assert_true(maxdiff(r, m) == 0);
  numc_release(r), numc_release(m);
  r = einsum1("ij,jk,kl->il", 3, A, S, A);
  double w3[9] = {71, -42, 92, 103, 106, -74, 303, 191, 341};
  near(r, 9, w3, 1e-14);
  numc_release(r);
  double v9[9] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  numc_array *X = mat(NUMC_INT64, 2, SH33, v9);
  r = einsum1("ii", 1, X, NULL, NULL);
  assert_int_equal(numc_array_ndim(r), 0);
  assert_true(get_f64(r, 0) == 12);
  numc_release(r);
  r = einsum1("ii->i", 1, X, NULL, NULL);
  double wd[3] = {0, 4, 8};
  assert_values(r, 3, wd);
  assert_true(numc_same_buffer(r, X)); /* a view */
  numc_release(r);
  r = einsum1("ji", 1, X, NULL, NULL); /* implicit: transpose, a view */
  double wt[9] = {0, 3, 6, 1, 4, 7, 2, 5, 8};
  assert_values(r, 9, wt);
  assert_true(numc_same_buffer(r, X));
  numc_release(r);
  int64_t s423[3] = {4, 2, 3}, s35[2] = {3, 5};
  numc_array *o1, *o2;
  OK(numc_ones(&o1, NUMC_FLOAT64, 3, s423));
  OK(numc_ones(&o2, NUMC_FLOAT64, 2, s35));
  r = einsum1("...ij,jk", 2, o1, o2, NULL);
  assert_int_equal(numc_array_ndim(r), 3);
  assert_int_equal(shape_of(r, 0), 4), assert_int_equal(shape_of(r, 2), 5);
  assert_true(get_f64(r, 0) == 3);
  numc_release(r);
  /* bool: or-of-and; int8 sums wrap */
  numc_array *B = mat(NUMC_BOOL, 2, SH33, v9);
  r = einsum1("ij,jk->ik", 2, B, B, NULL);
  assert_int_equal(numc_array_dtype(r), NUMC_BOOL);
  double wbool[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  assert_values(r, 9, wbool);
  numc_release(r);
  r = einsum1("ij->i", 1, B, NULL, NULL);
  assert_int_equal(numc_array_dtype(r), NUMC_BOOL);
  numc_release(r);
  double h[3] = {100, 100, 100};
  numc_array *I8 = mat(NUMC_INT8, 1, SH3, h);
  r = einsum1("i->", 1, I8, NULL, NULL);
  assert_int_equal(numc_array_dtype(r), NUMC_INT8);
  assert_true(get_f64(r, 0) == 44);
  numc_release(r);
  /* length-1 dims broadcast */
  int64_t s21[2] = {2, 1}, s34[2] = {3, 4};
  numc_array *p, *q;
  OK(numc_ones(&p, NUMC_FLOAT64, 2, s21));
  OK(numc_ones(&q, NUMC_FLOAT64, 2, s34));
  r = einsum1("ij,jk->ik", 2, p, q, NULL);
  assert_int_equal(shape_of(r, 0), 2), assert_int_equal(shape_of(r, 1), 4);
  assert_true(get_f64(r, 7) == 3);
  numc_release(r);
  /* outer, hadamard, scalar operand, 'iij->j' */
  r = einsum1("i,j", 2, I8, I8, NULL);
  assert_int_equal(numc_array_ndim(r), 2);
  numc_release(r);
  double x3[3] = {0, 1, 2};
  numc_array *V = mat(NUMC_INT64, 1, SH3, x3);
  r = einsum1("i,i->i", 2, V, V, NULL);
  double wh[3] = {0, 1, 4};
  assert_values(r, 3, wh);
  numc_release(r);
  numc_array *two = scalar_f(2);
  r = einsum1(",i->i", 2, two, V, NULL);
  double ws[3] = {0, 2, 4};
  assert_values(r, 3, ws);
  numc_release(r);
  double v12[12];
  for (int i = 0; i < 12; i++) v12[i] = i;
  int64_t s223[3] = {2, 2, 3};
  numc_array *T = mat(NUMC_INT64, 3, s223, v12);
  r = einsum1("iij->j", 1, T, NULL, NULL);
  double wi[3] = {9, 11, 13};
  assert_values(r, 3, wi);
  numc_release(r);
  double ca[4] = {0, 1, 2, 0}, cb[4] = {0, 1, 1, 0};
  int64_t s2[1] = {2};
  numc_array *c1 = matc(NUMC_COMPLEX128, 1, s2, ca), *c2 = matc(NUMC_COMPLEX128, 1, s2, cb);
  r = einsum1("i,i", 2, c1, c2, NULL);
  double wc[2] = {1, 0};
  near_c(r, 1, wc, 0);
  numc_release(r);
  /* errors, with NumPy's messages */
  const numc_array *ops[2] = {A, S};
  r = NULL;
  FAILS(NUMC_EVALUE, numc_einsum(&r, "ij->k", 1, ops));
  assert_string_equal(numc_last_error(), "einstein sum subscripts string included output "
                                         "subscript 'k' which never appeared in an input");
  FAILS(NUMC_EVALUE, numc_einsum(&r, "ij->ii", 1, ops));
  assert_string_equal(numc_last_error(), "einstein sum subscripts string includes output "
                                         "subscript 'i' multiple times");
  FAILS(NUMC_EVALUE, numc_einsum(&r, "ij,jk->ik", 1, ops));
  assert_string_equal(numc_last_error(), "fewer operands provided to einstein sum function "
                                         "than specified in the subscripts string");
  FAILS(NUMC_EVALUE, numc_einsum(&r, "ij", 2, ops));
  assert_string_equal(numc_last_error(), "more operands provided to einstein sum function "
                                         "than specified in the subscripts string");
  FAILS(NUMC_EVALUE, numc_einsum(&r, "i2->i", 1, ops));
  assert_string_equal(numc_last_error(), "invalid subscript '2' in einstein sum subscripts "
                                         "string, subscripts must be letters");
  FAILS(NUMC_EVALUE, numc_einsum(&r, "i->i", 1, ops));
  FAILS(NUMC_EVALUE, numc_einsum(&r, "ijk,jk", 2, ops));
  assert_string_equal(numc_last_error(), "einstein sum subscripts string contains too many "
                                         "subscripts for operand 0");
  FAILS(NUMC_EVALUE, numc_einsum(&r, "...i,...i->i", 2, ops));
  assert_true(strstr(numc_last_error(), "no '...' ellipsis") != NULL);
  int64_t s23[2] = {2, 3};
  numc_array *R23;
  OK(numc_ones(&R23, NUMC_FLOAT64, 2, s23));
  const numc_array *bad[1] = {R23};
  FAILS(NUMC_EVALUE, numc_einsum(&r, "ii->i", 1, bad));
  assert_string_equal(numc_last_error(), "dimensions in single operand for collapsing index "
                                         "'i' don't match (2 != 3)");
  const numc_array *mis[2] = {R23, A};
  FAILS(NUMC_ESHAPE, numc_einsum(&r, "ij,ij->ij", 2, mis));
  assert_null(r);
  numc_release(A), numc_release(S), numc_release(X), numc_release(o1), numc_release(o2);
  numc_release(B), numc_release(I8), numc_release(p), numc_release(q), numc_release(V);
  numc_release(two), numc_release(T), numc_release(c1), numc_release(c2), numc_release(R23);
}

/* ---- products built on matmul ----------------------------------------------------- */

static void test_multi_dot(void **state) {
  (void)state;
  double x3[3] = {0, 1, 2};
  numc_array *v = mat(NUMC_FLOAT64, 1, SH3, x3), *A = mat(NUMC_FLOAT64, 2, SH33, A3);
  numc_array *S = mat(NUMC_FLOAT64, 2, SH33, S3), *r;
  const numc_array *ch[4] = {v, A, S, v};
  OK(numc_multi_dot(&r, 4, ch));
  assert_int_equal(numc_array_ndim(r), 0);
  assert_true(get_f64(r, 0) == 303);
  numc_release(r);
  const numc_array *ch3[3] = {v, A, S};
  OK(numc_multi_dot(&r, 3, ch3));
  assert_int_equal(numc_array_ndim(r), 1);
  numc_release(r);
  /* a chain whose best order is not left to right */
  int64_t s0[2] = {10, 100}, s1[2] = {100, 5}, s2[2] = {5, 50}, s3[2] = {50, 2};
  numc_array *m[4];
  OK(numc_ones(&m[0], NUMC_FLOAT64, 2, s0));
  OK(numc_ones(&m[1], NUMC_FLOAT64, 2, s1));
  OK(numc_ones(&m[2], NUMC_FLOAT64, 2, s2));
  OK(numc_ones(&m[3], NUMC_FLOAT64, 2, s3));
  OK(numc_multi_dot(&r, 4, (const numc_array *const *)m));
  assert_int_equal(shape_of(r, 0), 10), assert_int_equal(shape_of(r, 1), 2);
  assert_true(get_f64(r, 0) == 100 * 5 * 50);
  numc_release(r);
  int64_t s3d[3] = {2, 3, 3};
  numc_array *t3;
  OK(numc_ones(&t3, NUMC_FLOAT64, 3, s3d));
  const numc_array *bad[3] = {t3, A, v};
  r = NULL;
  FAILS(NUMC_ELINALG, numc_multi_dot(&r, 3, bad));
  assert_string_equal(numc_last_error(), "3-dimensional array given. Array must be two-dimensional");
  const numc_array *one[1] = {A};
  FAILS(NUMC_EVALUE, numc_multi_dot(&r, 1, one));
  numc__release_n(4, m);
  numc_release(v), numc_release(A), numc_release(S), numc_release(t3);
}

static void test_matrix_power(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *r;
  OK(numc_matrix_power(&r, A, 5));
  double w5[9] = {4472, -1177, 22250, -11644, -4666, -33299, 17681, 1620, 31582};
  near(r, 9, w5, 1e-14);
  numc_release(r);
  OK(numc_matrix_power(&r, A, -2));
  double wm2[9] = {0.030967630007662394, 0.019922219491390652, 0.007040726336942853,
                   -0.04040827538348104, 0.002949298095967844, 0.01555610172186963,
                   -0.006968439618904423, -0.009151498503664937, 0.010553860833610436};
  near(r, 9, wm2, 1e-12);
  numc_release(r);
  double q[4] = {1, 2, 3, 4};
  numc_array *Ix = mat(NUMC_INT8, 2, SH22, q);
  OK(numc_matrix_power(&r, Ix, 5)); /* wraps in int8 */
  assert_int_equal(numc_array_dtype(r), NUMC_INT8);
  double wi[4] = {45, 22, 33, 78};
  assert_values(r, 4, wi);
  numc_release(r);
  OK(numc_matrix_power(&r, Ix, 0));
  assert_int_equal(numc_array_dtype(r), NUMC_INT8);
  double we[4] = {1, 0, 0, 1};
  assert_values(r, 4, we);
  numc_release(r);
  OK(numc_matrix_power(&r, Ix, -1)); /* through inv: float64 */
  assert_int_equal(numc_array_dtype(r), NUMC_FLOAT64);
  double winv[4] = {-2, 1, 1.5, -0.5};
  near(r, 4, winv, 1e-14);
  numc_release(r);
  double bq[4] = {1, 0, 1, 1};
  numc_array *B = mat(NUMC_BOOL, 2, SH22, bq);
  OK(numc_matrix_power(&r, B, 2));
  assert_int_equal(numc_array_dtype(r), NUMC_BOOL);
  assert_values(r, 4, bq);
  numc_release(r);
  numc_array *R = mat(NUMC_FLOAT64, 2, SH32, A32);
  r = NULL;
  FAILS(NUMC_ELINALG, numc_matrix_power(&r, R, 2));
  assert_string_equal(numc_last_error(), "Last 2 dimensions of the array must be square");
  numc_release(A), numc_release(Ix), numc_release(B), numc_release(R);
}

static void test_cross(void **state) {
  (void)state;
  double x[3] = {1, 2, 3}, y[3] = {4, 5, 6};
  numc_array *a = mat(NUMC_FLOAT64, 1, SH3, x), *b = mat(NUMC_FLOAT64, 1, SH3, y), *r;
  OK(numc_cross(&r, a, b, -1));
  double w[3] = {-3, 6, -3};
  assert_values(r, 3, w);
  numc_release(r);
  numc_array *i8 = mat(NUMC_INT8, 1, SH3, x), *u8 = mat(NUMC_UINT8, 1, SH3, y);
  OK(numc_cross(&r, i8, u8, -1));
  assert_int_equal(numc_array_dtype(r), NUMC_INT16);
  assert_values(r, 3, w);
  numc_release(r);
  int64_t s23[2] = {2, 3}, s413[3] = {4, 1, 3}, s32[2] = {3, 2};
  numc_array *p, *q;
  OK(numc_ones(&p, NUMC_FLOAT64, 2, s23));
  OK(numc_ones(&q, NUMC_FLOAT64, 3, s413));
  OK(numc_cross(&r, p, q, -1));
  assert_int_equal(numc_array_ndim(r), 3);
  assert_int_equal(shape_of(r, 0), 4), assert_int_equal(shape_of(r, 1), 2);
  numc_release(r);
  double c0[6] = {1, 4, 2, 5, 3, 6}, c1[6] = {4, 1, 5, 2, 6, 3};
  numc_array *m0 = mat(NUMC_FLOAT64, 2, s32, c0), *m1 = mat(NUMC_FLOAT64, 2, s32, c1);
  OK(numc_cross(&r, m0, m1, 0)); /* vectors along axis 0 */
  assert_int_equal(shape_of(r, 0), 3), assert_int_equal(shape_of(r, 1), 2);
  double wa[6] = {-3, 3, 6, -6, -3, 3};
  assert_values(r, 6, wa);
  numc_release(r);
  r = NULL;
  FAILS(NUMC_EVALUE, numc_cross(&r, p, m0, 0));
  assert_string_equal(numc_last_error(), "Both input arrays must be (arrays of) 3-dimensional "
                                         "vectors, but they are 2 and 3 dimensional instead.");
  numc_array *bb = mat(NUMC_BOOL, 1, SH3, x);
  FAILS(NUMC_EDTYPE, numc_cross(&r, bb, bb, -1));
  numc_release(a), numc_release(b), numc_release(i8), numc_release(u8), numc_release(p);
  numc_release(q), numc_release(m0), numc_release(m1), numc_release(bb);
}

/* ---- norms ------------------------------------------------------------------------ */

static void test_vector_norm(void **state) {
  (void)state;
  double v[4] = {3, -4, 0, 1.5};
  int64_t s4[1] = {4};
  numc_array *x = mat(NUMC_FLOAT64, 1, s4, v), *r;
  struct {
    double ord, want;
  } cases[] = {{2, 5.220153254455275}, {1, 8.5}, {INFINITY, 4.0}, {-INFINITY, 0.0},
               {0, 3.0}, {3, 4.552874245617287}, {0.5, 24.56982340296115}, {-1, 0.0}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    OK(numc_vector_norm(&r, x, -1, NULL, 0, cases[i].ord));
    near(r, 1, &cases[i].want, 1e-15);
    numc_release(r);
  }
  numc_array *i8 = mat(NUMC_INT8, 1, s4, v);
  OK(numc_vector_norm(&r, i8, -1, NULL, 0, 2));
  assert_int_equal(numc_array_dtype(r), NUMC_FLOAT64);
  numc_release(r);
  double cv[4] = {3, 0, 0, 4};
  int64_t s2[1] = {2};
  numc_array *c = matc(NUMC_COMPLEX64, 1, s2, cv);
  OK(numc_vector_norm(&r, c, -1, NULL, 0, 2));
  assert_int_equal(numc_array_dtype(r), NUMC_FLOAT32);
  assert_true(get_f64(r, 0) == 5);
  numc_release(r);
  int64_t s234[3] = {2, 3, 4};
  numc_array *o;
  OK(numc_ones(&o, NUMC_FLOAT32, 3, s234));
  numc_set_eager_threshold(0);
  int ax[2] = {0, 2};
  OK(numc_vector_norm(&r, o, 2, ax, 1, 2));
  assert_true(pending(r));
  assert_int_equal(numc_array_ndim(r), 3);
  assert_int_equal(shape_of(r, 0), 1), assert_int_equal(shape_of(r, 1), 3);
  assert_int_equal(shape_of(r, 2), 1);
  assert_true(fabs(get_f64(r, 1) - sqrt(8.0)) < 1e-6);
  numc_release(r);
  numc_set_eager_threshold(4096);
  int64_t s0[1] = {0};
  numc_array *e;
  OK(numc_zeros(&e, NUMC_FLOAT64, 1, s0));
  OK(numc_vector_norm(&r, e, -1, NULL, 0, INFINITY)); /* initial=0, as NumPy */
  assert_true(get_f64(r, 0) == 0);
  numc_release(r);
  r = NULL;
  FAILS(NUMC_EVALUE, numc_vector_norm(&r, e, -1, NULL, 0, -INFINITY));
  numc_release(x), numc_release(i8), numc_release(c), numc_release(o), numc_release(e);
}

static void test_matrix_norm(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *r;
  struct {
    numc_norm_ord ord;
    double want;
  } cases[] = {{NUMC_NORM_FRO, 12.288205727444508}, {NUMC_NORM_NUC, 20.29220171252416},
               {NUMC_NORM_1, 13.0},                 {NUMC_NORM_NEG1, 9.0},
               {NUMC_NORM_2, 9.385549506960281},    {NUMC_NORM_NEG2, 4.1429961279603535},
               {NUMC_NORM_INF, 13.0},               {NUMC_NORM_NEG_INF, 7.0}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    OK(numc_matrix_norm(&r, A, cases[i].ord, 0));
    assert_int_equal(numc_array_ndim(r), 0);
    near(r, 1, &cases[i].want, 1e-14);
    numc_release(r);
  }
  int64_t s234[3] = {2, 3, 4};
  numc_array *o;
  OK(numc_ones(&o, NUMC_INT32, 3, s234));
  OK(numc_matrix_norm(&r, o, NUMC_NORM_FRO, 1));
  assert_int_equal(numc_array_dtype(r), NUMC_FLOAT64);
  assert_int_equal(numc_array_ndim(r), 3);
  assert_int_equal(shape_of(r, 1), 1), assert_int_equal(shape_of(r, 2), 1);
  assert_true(fabs(get_f64(r, 0) - sqrt(12.0)) < 1e-15);
  numc_release(r);
  OK(numc_matrix_norm(&r, o, NUMC_NORM_2, 1));
  assert_int_equal(numc_array_ndim(r), 3);
  assert_true(fabs(get_f64(r, 1) - sqrt(12.0)) < 1e-14);
  numc_release(r);
  numc_array *v = NULL;
  double x3[3] = {1, 2, 3};
  v = mat(NUMC_FLOAT64, 1, SH3, x3);
  r = NULL;
  FAILS(NUMC_EAXIS, numc_matrix_norm(&r, v, NUMC_NORM_FRO, 0));
  int64_t s00[2] = {0, 0};
  numc_array *e;
  OK(numc_zeros(&e, NUMC_FLOAT64, 2, s00));
  OK(numc_matrix_norm(&r, e, NUMC_NORM_FRO, 0));
  assert_true(get_f64(r, 0) == 0);
  numc_release(r);
  OK(numc_matrix_norm(&r, e, NUMC_NORM_2, 0));
  assert_true(get_f64(r, 0) == 0);
  numc_release(r);
  r = NULL;
  FAILS(NUMC_EVALUE, numc_matrix_norm(&r, e, NUMC_NORM_NEG2, 0));
  numc_release(A), numc_release(o), numc_release(v), numc_release(e);
}

static void test_cond(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *r;
  struct {
    numc_norm_ord p;
    double want;
  } cases[] = {{NUMC_NORM_2, 2.2654014672180973}, {NUMC_NORM_1, 4.596958174904943},
               {NUMC_NORM_FRO, 3.716478651072783}, {NUMC_NORM_NEG2, 0.4414228623361825},
               {NUMC_NORM_INF, 4.003802281368822}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    OK(numc_cond(&r, A, cases[i].p));
    near(r, 1, &cases[i].want, 1e-13);
    numc_release(r);
  }
  double ones[4] = {1, 1, 1, 1};
  numc_array *O = mat(NUMC_FLOAT64, 2, SH22, ones);
  OK(numc_cond(&r, O, NUMC_NORM_2));
  assert_true(isinf(get_f64(r, 0)));
  numc_release(r);
  OK(numc_cond(&r, O, NUMC_NORM_1));
  assert_true(isinf(get_f64(r, 0)) && get_f64(r, 0) > 0);
  numc_release(r);
  double nanm[4] = {1, NAN, 3, 4};
  numc_array *N = mat(NUMC_FLOAT64, 2, SH22, nanm);
  OK(numc_cond(&r, N, NUMC_NORM_1)); /* x has NaN: NaN stays NaN */
  assert_true(isnan(get_f64(r, 0)));
  numc_release(r);
  numc_array *F = mat(NUMC_FLOAT32, 2, SH33, A3);
  OK(numc_cond(&r, F, NUMC_NORM_2));
  assert_int_equal(numc_array_dtype(r), NUMC_FLOAT32);
  numc_release(r);
  int64_t s00[2] = {0, 0};
  numc_array *e;
  OK(numc_zeros(&e, NUMC_FLOAT64, 2, s00));
  r = NULL;
  FAILS(NUMC_ELINALG, numc_cond(&r, e, NUMC_NORM_2));
  assert_string_equal(numc_last_error(), "cond is not defined on empty arrays");
  numc_release(A), numc_release(O), numc_release(N), numc_release(F), numc_release(e);
}

/* ---- decompositions ------------------------------------------------------------------ */

static void test_det_slogdet(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *d, *s, *l;
  OK(numc_det(&d, A));
  double wd = 262.99999999999983;
  near(d, 1, &wd, 1e-15);
  numc_release(d);
  OK(numc_slogdet(&s, &l, A));
  double ws = 1, wl = 5.572154032177764;
  near(s, 1, &ws, 0);
  near(l, 1, &wl, 1e-15);
  numc_release(s), numc_release(l);
  numc_array *Ix = mat(NUMC_INT32, 2, SH33, A3), *F = mat(NUMC_FLOAT32, 2, SH33, A3);
  OK(numc_det(&d, Ix));
  assert_int_equal(numc_array_dtype(d), NUMC_FLOAT64);
  numc_release(d);
  OK(numc_det(&d, F));
  assert_int_equal(numc_array_dtype(d), NUMC_FLOAT32);
  assert_true(get_f64(d, 0) == 263);
  numc_release(d);
  OK(numc_slogdet(&s, &l, F));
  assert_int_equal(numc_array_dtype(s), NUMC_FLOAT32);
  assert_int_equal(numc_array_dtype(l), NUMC_FLOAT32);
  numc_release(s), numc_release(l);
  double cm[8] = {0, 1, 2, 0, 3, 0, 4, -1};
  numc_array *C = matc(NUMC_COMPLEX128, 2, SH22, cm), *C64 = matc(NUMC_COMPLEX64, 2, SH22, cm);
  OK(numc_det(&d, C));
  double wc[2] = {-5, 4};
  near_c(d, 1, wc, 1e-14);
  numc_release(d);
  OK(numc_slogdet(&s, &l, C64));
  assert_int_equal(numc_array_dtype(s), NUMC_COMPLEX64);
  assert_int_equal(numc_array_dtype(l), NUMC_FLOAT32);
  double wsc[2] = {-0.7808688094430303, 0.6246950475544242}, wlc = 1.856786033352154;
  near_c(s, 1, wsc, 1e-6);
  near(l, 1, &wlc, 1e-6);
  numc_release(s), numc_release(l);
  /* singular: 0 and (0, -inf), no error */
  double ones[4] = {1, 1, 1, 1};
  numc_array *O = mat(NUMC_FLOAT64, 2, SH22, ones);
  OK(numc_det(&d, O));
  assert_true(get_f64(d, 0) == 0);
  numc_release(d);
  OK(numc_slogdet(&s, &l, O));
  assert_true(get_f64(s, 0) == 0 && isinf(get_f64(l, 0)) && get_f64(l, 0) < 0);
  numc_release(s), numc_release(l);
  /* 0 x 0 -> 1; stacks */
  int64_t s00[2] = {0, 0}, s200[3] = {2, 0, 0}, s322[3] = {3, 2, 2};
  numc_array *e, *e2;
  OK(numc_zeros(&e, NUMC_FLOAT64, 2, s00));
  OK(numc_zeros(&e2, NUMC_FLOAT64, 3, s200));
  OK(numc_det(&d, e));
  assert_true(get_f64(d, 0) == 1);
  numc_release(d);
  OK(numc_det(&d, e2));
  double w11[2] = {1, 1};
  assert_values(d, 2, w11);
  numc_release(d);
  double st[12] = {1, 2, 3, 4, 1, 2, 2, 1, 1, 3, 3, 1};
  numc_array *St = mat(NUMC_FLOAT64, 3, s322, st);
  OK(numc_det(&d, St));
  double wst[3] = {-2, -3, -8};
  near(d, 3, wst, 1e-14);
  numc_release(d);
  numc_release(A), numc_release(Ix), numc_release(F), numc_release(C), numc_release(C64);
  numc_release(O), numc_release(e), numc_release(e2), numc_release(St);
}

static void test_shape_errors(void **state) {
  (void)state;
  numc_array *R = mat(NUMC_FLOAT64, 2, SH32, A32), *v = mat(NUMC_FLOAT64, 1, SH3, B3);
  numc_array *z = scalar_f(1), *o = NULL, *o2 = NULL;
  FAILS(NUMC_ELINALG, numc_inv(&o, R));
  assert_string_equal(numc_last_error(), "Last 2 dimensions of the array must be square");
  FAILS(NUMC_ELINALG, numc_inv(&o, v));
  assert_string_equal(numc_last_error(),
                      "1-dimensional array given. Array must be at least two-dimensional");
  FAILS(NUMC_ELINALG, numc_det(&o, z));
  assert_string_equal(numc_last_error(),
                      "0-dimensional array given. Array must be at least two-dimensional");
  FAILS(NUMC_ELINALG, numc_cholesky(&o, R, 0));
  FAILS(NUMC_ELINALG, numc_eigh(&o, &o2, R, 'L'));
  FAILS(NUMC_ELINALG, numc_eig(&o, &o2, R));
  FAILS(NUMC_ELINALG, numc_slogdet(&o, &o2, R));
  FAILS(NUMC_ELINALG, numc_svd(&o, &o2, &o2, v, 1));
  FAILS(NUMC_ELINALG, numc_qr(&o, &o2, v, NUMC_QR_REDUCED));
  FAILS(NUMC_ELINALG, numc_pinv(&o, v, -1));
  FAILS(NUMC_EVALUE, numc_eigvalsh(&o, R, 'X'));
  assert_string_equal(numc_last_error(), "UPLO argument must be 'L' or 'U'");
  assert_null(o), assert_null(o2);
  numc_release(R), numc_release(v), numc_release(z);
}

/* A @ inv(A) ~ Ix for every inexact dtype, stacks, and NumPy's values. */
static void test_inv(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *r;
  OK(numc_inv(&r, A));
  double w[9] = {0.19771863117870722,  0.06463878326996197,  0.007604562737642592,
                 -0.12167300380228137, 0.11406844106463877,  0.07224334600760458,
                 -0.034220532319391636, -0.030418250950570346, 0.1140684410646388};
  near(r, 9, w, 1e-15);
  numc_release(r);
  int64_t s[3] = {5, 6, 6};
  for (int t = 0; t < 4; t++) {
    numc_dtype dt = inexact[t];
    numc_array *M = wellcond(dt, 3, s, t), *Mi, *P, *E = eye(dt, 6);
    OK(numc_inv(&Mi, M));
    assert_int_equal(numc_array_dtype(Mi), dt);
    P = mm(M, Mi);
    assert_true(maxdiff(P, E) < 50 * tol_of(dt));
    numc_release(M), numc_release(Mi), numc_release(P), numc_release(E);
  }
  double ones[4] = {1, 1, 1, 1};
  numc_array *O = mat(NUMC_FLOAT64, 2, SH22, ones);
  r = NULL;
  FAILS(NUMC_ELINALG, numc_inv(&r, O));
  assert_string_equal(numc_last_error(), "Singular matrix");
  /* a stack where only one matrix is singular fails as a whole */
  int64_t s322[3] = {3, 2, 2};
  double st[12] = {1, 0, 0, 1, 1, 1, 1, 1, 2, 0, 0, 2};
  numc_array *St = mat(NUMC_FLOAT64, 3, s322, st);
  FAILS(NUMC_ELINALG, numc_inv(&r, St));
  assert_null(r);
  int64_t s00[2] = {0, 0};
  numc_array *e;
  OK(numc_zeros(&e, NUMC_FLOAT64, 2, s00));
  OK(numc_inv(&r, e));
  assert_int_equal(numc_array_ndim(r), 2);
  assert_int_equal(numc_array_size(r), 0);
  numc_release(r);
  numc_release(A), numc_release(O), numc_release(St), numc_release(e);
}

static void test_solve(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *b = mat(NUMC_FLOAT64, 1, SH3, B3), *x;
  OK(numc_solve(&x, A, b));
  double w[3] = {0.2129277566539924, 0.022813688212927775, 0.19391634980988595};
  near(x, 3, w, 1e-15);
  numc_release(x);
  for (int t = 0; t < 4; t++) {
    numc_dtype dt = inexact[t];
    int64_t sa[3] = {4, 5, 5}, sb[2] = {5, 3};
    numc_array *M = wellcond(dt, 3, sa, t), *B = wellcond(dt, 2, sb, t + 1), *X, *R;
    OK(numc_solve(&X, M, B)); /* b (5, 3) broadcast over the stack */
    assert_int_equal(numc_array_dtype(X), dt);
    assert_int_equal(numc_array_ndim(X), 3);
    assert_int_equal(shape_of(X, 0), 4), assert_int_equal(shape_of(X, 2), 3);
    R = mm(M, X);
    assert_true(maxdiff(R, B) < 50 * tol_of(dt));
    numc_release(X), numc_release(R);
    /* b 1-D: a stack of vectors (NumPy 2) */
    int64_t sv[1] = {5};
    numc_array *bv = wellcond(dt, 1 + 1, (int64_t[2]){1, 5}, 3), *bv1;
    OK(numc_reshape(&bv1, bv, 1, sv, NUMC_COPY_IF_NEEDED));
    OK(numc_solve(&X, M, bv1));
    assert_int_equal(numc_array_ndim(X), 2);
    assert_int_equal(shape_of(X, 1), 5);
    numc_array *X3, *R3;
    int ax = -1;
    OK(numc_expand_dims(&X3, X, 1, &ax));
    R3 = mm(M, X3);
    numc_array *Rv;
    OK(numc_squeeze(&Rv, R3, 1, &ax));
    assert_true(maxdiff(Rv, bv1) < 50 * tol_of(dt));
    numc_release(X), numc_release(X3), numc_release(R3), numc_release(Rv);
    numc_release(M), numc_release(B), numc_release(bv), numc_release(bv1);
  }
  /* shapes and errors, with NumPy's messages */
  int64_t s4[1] = {4}, s42[2] = {4, 2}, s23[2] = {2, 3}, s233[3] = {2, 3, 3}, s332[3] = {3, 3, 2};
  numc_array *b4, *b42, *b23, *a233, *b332, *z = scalar_f(1);
  OK(numc_ones(&b4, NUMC_FLOAT64, 1, s4));
  OK(numc_ones(&b42, NUMC_FLOAT64, 2, s42));
  OK(numc_ones(&b23, NUMC_FLOAT64, 2, s23));
  OK(numc_ones(&a233, NUMC_FLOAT64, 3, s233));
  OK(numc_ones(&b332, NUMC_FLOAT64, 3, s332));
  x = NULL;
  FAILS(NUMC_ESHAPE, numc_solve(&x, A, b4));
  assert_string_equal(numc_last_error(),
                      "solve1: Input operand 1 has a mismatch in its core dimension 0, with "
                      "gufunc signature (m,m),(m)->(m) (size 4 is different from 3)");
  FAILS(NUMC_ESHAPE, numc_solve(&x, A, b42));
  assert_string_equal(numc_last_error(),
                      "solve: Input operand 1 has a mismatch in its core dimension 0, with "
                      "gufunc signature (m,m),(m,n)->(m,n) (size 4 is different from 3)");
  FAILS(NUMC_ESHAPE, numc_solve(&x, a233, b23)); /* NumPy 2: b is (M, K), not a vector stack */
  FAILS(NUMC_ESHAPE, numc_solve(&x, a233, b332));
  FAILS(NUMC_ESHAPE, numc_solve(&x, A, z));
  FAILS(NUMC_ELINALG, numc_solve(&x, a233, b)); /* ones: singular */
  assert_string_equal(numc_last_error(), "Singular matrix");
  assert_null(x);
  numc_release(A), numc_release(b), numc_release(b4), numc_release(b42), numc_release(b23);
  numc_release(a233), numc_release(b332), numc_release(z);
}

static void test_cholesky(void **state) {
  (void)state;
  numc_array *S = mat(NUMC_FLOAT64, 2, SH33, S3), *L, *U;
  OK(numc_cholesky(&L, S, 0));
  double w[9] = {2.0, 0.0, 0.0, 0.5, 2.179449471770337, 0.0, 1.0, 1.1470786693528088,
                 1.9194297398747862};
  near(L, 9, w, 1e-15);
  OK(numc_cholesky(&U, S, 1));
  numc_array *Lt;
  OK(numc_matrix_transpose(&Lt, L));
  assert_true(maxdiff(U, Lt) < 1e-15);
  numc_release(L), numc_release(U), numc_release(Lt);
  for (int t = 0; t < 4; t++) { /* L L^H and U^H U reconstruct A = M M^H + n Ix */
    numc_dtype dt = inexact[t];
    int64_t s[3] = {3, 4, 4};
    numc_array *M = wellcond(dt, 3, s, t), *Mh = herm(M), *P = mm(M, Mh), *LL, *UU, *R;
    OK(numc_cholesky(&LL, P, 0));
    assert_int_equal(numc_array_dtype(LL), dt);
    numc_array *LLh = herm(LL);
    R = mm(LL, LLh);
    assert_true(maxdiff(R, P) < 100 * tol_of(dt) * 20);
    numc_release(R);
    OK(numc_cholesky(&UU, P, 1));
    numc_array *UUh = herm(UU);
    R = mm(UUh, UU);
    assert_true(maxdiff(R, P) < 100 * tol_of(dt) * 20);
    numc_release(R), numc_release(M), numc_release(Mh), numc_release(P), numc_release(LL);
    numc_release(LLh), numc_release(UU), numc_release(UUh);
  }
  double h2[8] = {2, 0, 1, -1, 1, 1, 3, 0};
  numc_array *H = matc(NUMC_COMPLEX128, 2, SH22, h2);
  OK(numc_cholesky(&L, H, 0));
  double wh[8] = {1.4142135623730951, 0, 0, 0, 0.7071067811865475, 0.7071067811865475,
                  1.4142135623730951, 0};
  near_c(L, 4, wh, 1e-15);
  numc_release(L);
  /* only the named triangle is read */
  double ns[4] = {4, 100, 2, 3};
  numc_array *N = mat(NUMC_FLOAT64, 2, SH22, ns);
  OK(numc_cholesky(&L, N, 0));
  double wn[4] = {2, 0, 1, sqrt(2.0)};
  near(L, 4, wn, 1e-15);
  numc_release(L);
  L = NULL;
  FAILS(NUMC_ELINALG, numc_cholesky(&L, N, 1));
  assert_string_equal(numc_last_error(), "Matrix is not positive definite");
  double np2[4] = {1, 2, 2, 1};
  numc_array *NP = mat(NUMC_FLOAT64, 2, SH22, np2);
  FAILS(NUMC_ELINALG, numc_cholesky(&L, NP, 0));
  assert_null(L);
  numc_release(S), numc_release(H), numc_release(N), numc_release(NP);
}

static void test_eigh(void **state) {
  (void)state;
  numc_array *S = mat(NUMC_FLOAT64, 2, SH33, S3), *w, *v;
  OK(numc_eigh(&w, &v, S, 'L'));
  double ww[3] = {2.1943971674224088, 3.3867701566075477, 9.418832675970037};
  near(w, 3, ww, 1e-14);
  /* S v = v diag(w) */
  numc_array *Sv = mm(S, v), *vw;
  OK(numc_multiply(&vw, v, w));
  assert_true(maxdiff(Sv, vw) < 1e-13);
  numc_release(w), numc_release(v), numc_release(Sv), numc_release(vw);
  double up[4] = {1, 5, 0, 1};
  numc_array *U = mat(NUMC_FLOAT64, 2, SH22, up);
  OK(numc_eigvalsh(&w, U, 'U'));
  double wu[2] = {-4, 6};
  near(w, 2, wu, 1e-14);
  numc_release(w);
  OK(numc_eigvalsh(&w, U, 'L')); /* lower triangle: [[1, 0], [0, 1]] */
  double wl[2] = {1, 1};
  near(w, 2, wl, 1e-14);
  numc_release(w);
  for (int t = 0; t < 4; t++) { /* Hermitian stacks: V diag(w) V^H = A, V^H V = Ix */
    numc_dtype dt = inexact[t];
    int64_t s[3] = {50, 4, 4};
    numc_array *M = wellcond(dt, 3, s, t), *Mh = herm(M), *P, *Vh, *VhV, *E = eye(dt, 4);
    OK(numc_add(&P, M, Mh));
    OK(numc_eigh(&w, &v, P, 'L'));
    assert_int_equal(numc_array_dtype(w), numc_dtype_real(dt));
    assert_int_equal(numc_array_dtype(v), dt);
    numc_array *Pv = mm(P, v), *vw2 = scale_cols(v, w);
    assert_true(maxdiff(Pv, vw2) < 500 * tol_of(dt));
    Vh = herm(v);
    VhV = mm(Vh, v);
    assert_true(maxdiff(VhV, E) < 100 * tol_of(dt));
    numc_release(M), numc_release(Mh), numc_release(P), numc_release(w), numc_release(v);
    numc_release(Pv), numc_release(vw2), numc_release(Vh), numc_release(VhV), numc_release(E);
  }
  double nanm[9] = {2, 1, 0, NAN, 3, 1, 0, 1, 4};
  numc_array *N = mat(NUMC_FLOAT64, 2, SH33, nanm);
  w = NULL, v = NULL;
  FAILS(NUMC_ELINALG, numc_eigh(&w, &v, N, 'L'));
  assert_string_equal(numc_last_error(), "Eigenvalues did not converge");
  OK(numc_eigvalsh(&w, N, 'U')); /* the NaN is not in the upper triangle */
  double wn[3] = {1.2679491924311228, 3.0, 4.732050807568877};
  near(w, 3, wn, 1e-13);
  numc_release(w);
  numc_release(S), numc_release(U), numc_release(N);
}

static void test_eig(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *w, *v;
  OK(numc_eig(&w, &v, A));
  assert_int_equal(numc_array_dtype(w), NUMC_COMPLEX128);
  assert_int_equal(numc_array_dtype(v), NUMC_COMPLEX128);
  double wr[6] = {4.810030296148609, 2.8719477168382688, 4.810030296148609,
                  -2.8719477168382688, 8.379939407702794, 0.0};
  near_c(w, 3, wr, 1e-13);
  /* A v = v diag(w) */
  numc_array *Av = mm(A, v), *vw;
  OK(numc_multiply(&vw, v, w));
  assert_true(maxdiff(Av, vw) < 1e-12);
  numc_release(w), numc_release(v), numc_release(Av), numc_release(vw);
  double dg[4] = {2, 0, 0, 1}, rot[4] = {0, -1, 1, 0};
  numc_array *D = mat(NUMC_FLOAT64, 2, SH22, dg), *Rt = mat(NUMC_FLOAT32, 2, SH22, rot);
  OK(numc_eig(&w, &v, D)); /* all real: real results (NumPy 2) */
  assert_int_equal(numc_array_dtype(w), NUMC_FLOAT64);
  assert_int_equal(numc_array_dtype(v), NUMC_FLOAT64);
  double wd[2] = {2, 1};
  assert_values(w, 2, wd);
  numc_release(w), numc_release(v);
  OK(numc_eigvals(&w, Rt));
  assert_int_equal(numc_array_dtype(w), NUMC_COMPLEX64);
  double wrt[4] = {0, 1, 0, -1};
  near_c(w, 2, wrt, 1e-6);
  numc_release(w);
  OK(numc_eig(&w, &v, Rt)); /* conjugate pair eigenvectors */
  double wv[8] = {0.70710677, 0, 0.70710677, -0, 0, -0.70710677, 0, 0.70710677};
  near_c(v, 4, wv, 1e-6);
  numc_release(w), numc_release(v);
  for (int t = 0; t < 4; t++) {
    numc_dtype dt = inexact[t];
    int64_t s[3] = {30, 5, 5};
    numc_array *M = wellcond(dt, 3, s, t + 7), *Mv, *vw2;
    OK(numc_eig(&w, &v, M));
    Mv = mm(M, v);
    vw2 = scale_cols(v, w);
    assert_true(maxdiff(Mv, vw2) < 1000 * tol_of(dt));
    numc_release(M), numc_release(w), numc_release(v), numc_release(Mv), numc_release(vw2);
  }
  double nanm[4] = {1, NAN, 3, 4}, infm[4] = {1, INFINITY, 3, 4};
  numc_array *N = mat(NUMC_FLOAT64, 2, SH22, nanm), *Ix = mat(NUMC_FLOAT64, 2, SH22, infm);
  w = NULL;
  FAILS(NUMC_ELINALG, numc_eigvals(&w, N));
  assert_string_equal(numc_last_error(), "Array must not contain infs or NaNs");
  FAILS(NUMC_ELINALG, numc_eigvals(&w, Ix));
  assert_null(w);
  numc_release(A), numc_release(D), numc_release(Rt), numc_release(N), numc_release(Ix);
}

static void test_svd(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH33, A3), *s, *u, *vh;
  OK(numc_svdvals(&s, A));
  double ws[3] = {9.385549506960281, 6.763656077603527, 4.1429961279603535};
  near(s, 3, ws, 1e-14);
  numc_release(s);
  int64_t shapes[2][3] = {{3, 6, 4}, {3, 4, 6}};
  for (int t = 0; t < 4; t++)
    for (int sh = 0; sh < 2; sh++)
      for (int full = 0; full < 2; full++) {
        numc_dtype dt = inexact[t];
        int64_t m = shapes[sh][1], n = shapes[sh][2], k = m < n ? m : n;
        numc_array *M = wellcond(dt, 3, shapes[sh], t + sh), *us, *R;
        OK(numc_svd(&u, &s, &vh, M, full));
        assert_int_equal(numc_array_dtype(s), numc_dtype_real(dt));
        assert_int_equal(numc_array_dtype(u), dt);
        assert_int_equal(shape_of(u, 1), m), assert_int_equal(shape_of(u, 2), full ? m : k);
        assert_int_equal(shape_of(vh, 1), full ? n : k), assert_int_equal(shape_of(vh, 2), n);
        if (!full) { /* u * s @ vh == M */
          us = scale_cols(u, s);
          R = mm(us, vh);
          assert_true(maxdiff(R, M) < 100 * tol_of(dt));
          numc_release(us), numc_release(R);
        }
        numc_release(M), numc_release(u), numc_release(s), numc_release(vh);
      }
  double nanm[4] = {1, NAN, 3, 4}, infm[4] = {1, INFINITY, 3, 4};
  numc_array *N = mat(NUMC_FLOAT64, 2, SH22, nanm), *Ix = mat(NUMC_FLOAT64, 2, SH22, infm);
  s = NULL;
  FAILS(NUMC_ELINALG, numc_svdvals(&s, N));
  assert_string_equal(numc_last_error(), "SVD did not converge");
  assert_null(s);
  OK(numc_svdvals(&s, Ix)); /* inf: NaNs, as NumPy (which may also hang in gesdd) */
  assert_true(isnan(get_f64(s, 0)) && isnan(get_f64(s, 1)));
  numc_release(s);
  numc_array *r = NULL;
  OK(numc_matrix_rank(&r, Ix, -1, -1)); /* NumPy: 0 */
  assert_true(get_f64(r, 0) == 0);
  numc_release(r);
  OK(numc_cond(&r, Ix, NUMC_NORM_2)); /* NumPy: inf */
  assert_true(isinf(get_f64(r, 0)));
  numc_release(r);
  OK(numc_matrix_norm(&r, Ix, NUMC_NORM_2, 0)); /* NumPy: nan */
  assert_true(isnan(get_f64(r, 0)));
  numc_release(r);
  OK(numc_pinv(&r, Ix, -1));
  assert_true(isnan(get_f64(r, 0)));
  numc_release(r);
  r = NULL;
  FAILS(NUMC_ELINALG, numc_cond(&r, N, NUMC_NORM_2)); /* NaN: as NumPy */
  /* empty: identity factors where they have room (NumPy) */
  int64_t s30[2] = {3, 0}, s03[2] = {0, 3};
  numc_array *e30, *e03;
  OK(numc_zeros(&e30, NUMC_FLOAT64, 2, s30));
  OK(numc_zeros(&e03, NUMC_FLOAT64, 2, s03));
  OK(numc_svd(&u, &s, &vh, e30, 1));
  numc_array *E3 = eye(NUMC_FLOAT64, 3);
  assert_true(maxdiff(u, E3) == 0);
  assert_int_equal(numc_array_size(s), 0);
  assert_int_equal(numc_array_size(vh), 0);
  numc_release(u), numc_release(s), numc_release(vh);
  OK(numc_svd(&u, &s, &vh, e03, 0));
  assert_int_equal(shape_of(u, 0), 0), assert_int_equal(shape_of(u, 1), 0);
  assert_int_equal(shape_of(vh, 0), 0), assert_int_equal(shape_of(vh, 1), 3);
  numc_release(u), numc_release(s), numc_release(vh);
  numc_release(A), numc_release(N), numc_release(Ix), numc_release(e30), numc_release(e03);
  numc_release(E3);
}

static void test_qr(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH32, A32), *q, *r, *r2;
  OK(numc_qr(&q, &r, A, NUMC_QR_REDUCED));
  assert_int_equal(shape_of(q, 0), 3), assert_int_equal(shape_of(q, 1), 2);
  assert_int_equal(shape_of(r, 0), 2), assert_int_equal(shape_of(r, 1), 2);
  numc_array *QR = mm(q, r);
  assert_true(maxdiff(QR, A) < 1e-14);
  assert_true(get_f64(r, 2) == 0); /* upper triangular */
  OK(numc_qr(NULL, &r2, A, NUMC_QR_R));
  assert_true(maxdiff(r, r2) == 0);
  numc_release(q), numc_release(r), numc_release(r2), numc_release(QR);
  OK(numc_qr(&q, &r, A, NUMC_QR_COMPLETE));
  assert_int_equal(shape_of(q, 1), 3), assert_int_equal(shape_of(r, 0), 3);
  numc_array *qt = herm(q), *qtq = mm(qt, q), *E3 = eye(NUMC_FLOAT64, 3);
  assert_true(maxdiff(qtq, E3) < 1e-15);
  QR = mm(q, r);
  assert_true(maxdiff(QR, A) < 1e-14);
  numc_release(q), numc_release(r), numc_release(qt), numc_release(qtq), numc_release(QR);
  numc_array *h, *tau;
  OK(numc_qr(&h, &tau, A, NUMC_QR_RAW));
  double wh[6] = {-5.916079783099616, 0.4337717455676132, 0.7229529092793553,
                  -8.282511696339462, 0.632455532033676, 0.39696565406256445};
  double wt[2] = {1.1690308509457032, 1.72773977620305};
  near(h, 6, wh, 1e-14);
  near(tau, 2, wt, 1e-14);
  numc_release(h), numc_release(tau);
  for (int t = 0; t < 4; t++)
    for (int mode = 0; mode < 2; mode++) {
      numc_dtype dt = inexact[t];
      int64_t s[3] = {4, 5, 3};
      numc_array *M = wellcond(dt, 3, s, t), *Q, *R, *QhQ, *Qh, *E;
      OK(numc_qr(&Q, &R, M, mode));
      QR = mm(Q, R);
      assert_true(maxdiff(QR, M) < 100 * tol_of(dt));
      Qh = herm(Q);
      QhQ = mm(Qh, Q);
      E = eye(dt, mode == NUMC_QR_COMPLETE ? 5 : 3);
      assert_true(maxdiff(QhQ, E) < 100 * tol_of(dt));
      numc_release(M), numc_release(Q), numc_release(R), numc_release(QR);
      numc_release(Qh), numc_release(QhQ), numc_release(E);
    }
  int64_t s30[2] = {3, 0};
  numc_array *e30;
  OK(numc_zeros(&e30, NUMC_FLOAT64, 2, s30));
  OK(numc_qr(&q, &r, e30, NUMC_QR_COMPLETE));
  assert_true(maxdiff(q, E3) == 0);
  assert_int_equal(shape_of(r, 0), 3), assert_int_equal(shape_of(r, 1), 0);
  numc_release(q), numc_release(r);
  double nanm[4] = {1, NAN, 3, 4};
  numc_array *N = mat(NUMC_FLOAT64, 2, SH22, nanm);
  OK(numc_qr(&q, &r, N, NUMC_QR_REDUCED)); /* NaNs, no error (NumPy) */
  assert_true(isnan(get_f64(r, 3)));
  numc_release(q), numc_release(r);
  numc_release(A), numc_release(E3), numc_release(e30), numc_release(N);
}

static void test_lstsq(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH32, A32), *b = mat(NUMC_FLOAT64, 1, SH3, B3);
  numc_array *x, *res, *rk, *s;
  OK(numc_lstsq(&x, &res, &rk, &s, A, b, -1));
  double wx[2] = {-1.7857142857142851, 1.4999999999999996}, wr = 0.6428571428571427;
  double wsv[2] = {10.191428257097224, 0.36713768594389934};
  near(x, 2, wx, 1e-14);
  near(res, 1, &wr, 1e-13);
  near(s, 2, wsv, 1e-14);
  assert_int_equal(numc_array_dtype(rk), NUMC_INT32);
  assert_true(get_f64(rk, 0) == 2);
  numc_release(x), numc_release(res), numc_release(rk), numc_release(s);
  double ones[6] = {1, 1, 1, 1, 1, 1}, ar[3] = {0, 1, 2};
  numc_array *O = mat(NUMC_FLOAT64, 2, SH32, ones), *bb = mat(NUMC_FLOAT64, 1, SH3, ar);
  OK(numc_lstsq(&x, &res, &rk, &s, O, bb, -1)); /* rank deficient */
  double wx2[2] = {0.5, 0.5};
  near(x, 2, wx2, 1e-14);
  assert_int_equal(numc_array_size(res), 0);
  assert_true(get_f64(rk, 0) == 1);
  numc_release(x), numc_release(res), numc_release(rk), numc_release(s);
  numc_array *B2 = mat(NUMC_COMPLEX64, 2, SH32, A32);
  OK(numc_lstsq(&x, NULL, NULL, &s, A, B2, -1));
  assert_int_equal(numc_array_dtype(x), NUMC_COMPLEX128);
  assert_int_equal(shape_of(x, 0), 2), assert_int_equal(shape_of(x, 1), 2);
  double wid[8] = {1, 0, 0, 0, 0, 0, 1, 0};
  near_c(x, 4, wid, 1e-12);
  numc_release(x), numc_release(s);
  int64_t s4[1] = {4}, s322[3] = {3, 2, 2};
  numc_array *b4, *t3;
  OK(numc_ones(&b4, NUMC_FLOAT64, 1, s4));
  OK(numc_ones(&t3, NUMC_FLOAT64, 3, s322));
  x = NULL;
  FAILS(NUMC_ELINALG, numc_lstsq(&x, NULL, NULL, NULL, A, b4, -1));
  assert_string_equal(numc_last_error(), "Incompatible dimensions");
  FAILS(NUMC_ELINALG, numc_lstsq(&x, NULL, NULL, NULL, t3, b, -1));
  assert_string_equal(numc_last_error(), "3-dimensional array given. Array must be two-dimensional");
  double nanb[3] = {1, INFINITY, 2};
  numc_array *nb = mat(NUMC_FLOAT64, 1, SH3, nanb);
  FAILS(NUMC_ELINALG, numc_lstsq(&x, NULL, NULL, NULL, A, nb, -1));
  assert_string_equal(numc_last_error(), "SVD did not converge in Linear Least Squares");
  assert_null(x);
  numc_release(A), numc_release(b), numc_release(O), numc_release(bb), numc_release(B2);
  numc_release(b4), numc_release(t3), numc_release(nb);
}

static void test_pinv_rank(void **state) {
  (void)state;
  numc_array *A = mat(NUMC_FLOAT64, 2, SH32, A32), *p;
  OK(numc_pinv(&p, A, 1e-15));
  double w[6] = {-2.0714285714285707, 0.7857142857142864, 0.14285714285714238,
                 1.4999999999999996, -0.5000000000000006, 3.440945893940855e-16};
  near(p, 6, w, 1e-13);
  numc_release(p);
  for (int t = 0; t < 4; t++) { /* A pinv(A) A = A */
    numc_dtype dt = inexact[t];
    int64_t s[3] = {2, 5, 3};
    numc_array *M = wellcond(dt, 3, s, t), *P, *MP, *MPM;
    OK(numc_pinv(&P, M, -1));
    assert_int_equal(numc_array_dtype(P), dt);
    MP = mm(M, P);
    MPM = mm(MP, M);
    assert_true(maxdiff(MPM, M) < 100 * tol_of(dt));
    numc_release(M), numc_release(P), numc_release(MP), numc_release(MPM);
  }
  double dg[4] = {1, 0, 0, 1e-3};
  numc_array *D = mat(NUMC_FLOAT64, 2, SH22, dg), *r;
  OK(numc_pinv(&p, D, 1e-2));
  double wd[4] = {1, 0, 0, 0};
  assert_values(p, 4, wd);
  numc_release(p);
  int64_t s03[2] = {0, 3};
  numc_array *e03;
  OK(numc_zeros(&e03, NUMC_FLOAT64, 2, s03));
  OK(numc_pinv(&p, e03, -1));
  assert_int_equal(shape_of(p, 0), 3), assert_int_equal(shape_of(p, 1), 0);
  numc_release(p);
  double rk[9] = {1, 2, 3, 2, 4, 6, 1, 0, 1};
  numc_array *R = mat(NUMC_FLOAT64, 2, SH33, rk), *E4 = eye(NUMC_FLOAT64, 4);
  OK(numc_matrix_rank(&r, R, -1, -1));
  assert_int_equal(numc_array_dtype(r), NUMC_INT64);
  assert_true(get_f64(r, 0) == 2);
  numc_release(r);
  OK(numc_matrix_rank(&r, E4, -1, -1));
  assert_true(get_f64(r, 0) == 4);
  numc_release(r);
  double d3[9] = {1, 0, 0, 0, 1e-3, 0, 0, 0, 1e-8};
  numc_array *D3 = mat(NUMC_FLOAT64, 2, SH33, d3);
  OK(numc_matrix_rank(&r, D3, -1, 1e-4));
  assert_true(get_f64(r, 0) == 2);
  numc_release(r);
  OK(numc_matrix_rank(&r, D3, 1e-2, -1));
  assert_true(get_f64(r, 0) == 1);
  numc_release(r);
  r = NULL;
  FAILS(NUMC_EVALUE, numc_matrix_rank(&r, D3, 1, 1));
  double z3[3] = {0, 0, 0};
  numc_array *zv = mat(NUMC_FLOAT64, 1, SH3, z3), *ov = mat(NUMC_FLOAT64, 1, SH3, B3);
  OK(numc_matrix_rank(&r, zv, -1, -1));
  assert_true(get_f64(r, 0) == 0);
  numc_release(r);
  OK(numc_matrix_rank(&r, ov, -1, -1));
  assert_true(get_f64(r, 0) == 1);
  numc_release(r);
  int64_t s200[3] = {2, 0, 0};
  numc_array *e200;
  OK(numc_zeros(&e200, NUMC_FLOAT64, 3, s200));
  OK(numc_matrix_rank(&r, e200, -1, -1));
  double w00[2] = {0, 0};
  assert_values(r, 2, w00);
  numc_release(r);
  numc_release(A), numc_release(D), numc_release(e03), numc_release(R), numc_release(E4);
  numc_release(D3), numc_release(zv), numc_release(ov), numc_release(e200);
}

/* Integer inputs compute in float64; float32 and complex64 results keep
 * single precision (computed in double, as NumPy). */
static void test_result_dtypes(void **state) {
  (void)state;
  numc_dtype ins[4] = {NUMC_INT16, NUMC_BOOL, NUMC_FLOAT32, NUMC_COMPLEX64};
  numc_dtype outs[4] = {NUMC_FLOAT64, NUMC_FLOAT64, NUMC_FLOAT32, NUMC_COMPLEX64};
  for (int t = 0; t < 4; t++) {
    numc_array *S = mat(ins[t], 2, SH33, ins[t] == NUMC_BOOL ? (double[9]){1, 0, 0, 0, 1, 0, 0, 0, 1} : S3);
    numc_array *o, *o2, *o3;
    OK(numc_inv(&o, S));
    assert_int_equal(numc_array_dtype(o), outs[t]);
    numc_release(o);
    OK(numc_cholesky(&o, S, 0));
    assert_int_equal(numc_array_dtype(o), outs[t]);
    numc_release(o);
    OK(numc_eigh(&o, &o2, S, 'L'));
    assert_int_equal(numc_array_dtype(o), numc_dtype_real(outs[t]));
    assert_int_equal(numc_array_dtype(o2), outs[t]);
    numc_release(o), numc_release(o2);
    OK(numc_svd(&o, &o2, &o3, S, 1));
    assert_int_equal(numc_array_dtype(o), outs[t]);
    assert_int_equal(numc_array_dtype(o2), numc_dtype_real(outs[t]));
    numc_release(o), numc_release(o2), numc_release(o3);
    OK(numc_qr(&o, &o2, S, NUMC_QR_REDUCED));
    assert_int_equal(numc_array_dtype(o), outs[t]);
    numc_release(o), numc_release(o2);
    OK(numc_solve(&o, S, S));
    assert_int_equal(numc_array_dtype(o), outs[t]);
    numc_release(o);
    OK(numc_pinv(&o, S, -1));
    assert_int_equal(numc_array_dtype(o), outs[t]);
    numc_release(o);
    numc_release(S);
  }
}

/* Many small matrices run in parallel over the pool; the results equal a
 * one-thread run bit for bit, and OpenBLAS's thread count is restored. */
static void test_batched_parallel(void **state) {
  (void)state;
  int prev = openblas_get_num_threads();
  int64_t s[3] = {400, 6, 6};
  numc_array *M = wellcond(NUMC_FLOAT64, 3, s, 3), *i1, *i2, *d1, *d2, *w1, *w2;
  OK(numc_set_num_threads(2));
  OK(numc_inv(&i1, M));
  OK(numc_det(&d1, M));
  OK(numc_svdvals(&w1, M));
  OK(numc_set_num_threads(1));
  OK(numc_inv(&i2, M));
  OK(numc_det(&d2, M));
  OK(numc_svdvals(&w2, M));
  OK(numc_set_num_threads(2));
  assert_true(maxdiff(i1, i2) == 0);
  assert_true(maxdiff(d1, d2) == 0);
  assert_true(maxdiff(w1, w2) == 0);
  assert_int_equal(openblas_get_num_threads(), prev);
  numc_release(M), numc_release(i1), numc_release(i2), numc_release(d1), numc_release(d2);
  numc_release(w1), numc_release(w2);
}

/* Matrices large enough for threaded BLAS inside LAPACK: OpenBLAS's workers
 * are stopped after each call and restarted by the next; results stay
 * right and OpenBLAS's thread count is restored. */
static void test_large_threaded(void **state) {
  (void)state;
  int prev = openblas_get_num_threads();
  int64_t s[2] = {300, 300};
  numc_array *M = wellcond(NUMC_FLOAT64, 2, s, 5), *E = eye(NUMC_FLOAT64, 300);
  for (int round = 0; round < 3; round++) {
    numc_array *Mi, *P, *L, *Mt, *S, *LLt;
    OK(numc_inv(&Mi, M));
    P = mm(M, Mi);
    assert_true(maxdiff(P, E) < 1e-12);
    OK(numc_matrix_transpose(&Mt, M));
    S = mm(M, Mt);
    OK(numc_cholesky(&L, S, 0));
    numc_array *Lt = herm(L);
    LLt = mm(L, Lt);
    assert_true(maxdiff(LLt, S) < 1e-9);
    numc_release(Mi), numc_release(P), numc_release(L), numc_release(Mt), numc_release(S);
    numc_release(Lt), numc_release(LLt);
  }
  assert_int_equal(openblas_get_num_threads(), prev);
  numc_release(M), numc_release(E);
}

static void test_nan_inputs(void **state) {
  (void)state;
  double nanm[9] = {2, 1, 0, NAN, 3, 1, 0, 1, 4};
  numc_array *N = mat(NUMC_FLOAT64, 2, SH33, nanm), *r, *r2;
  OK(numc_inv(&r, N)); /* NaN results, no error (NumPy) */
  assert_true(isnan(get_f64(r, 0)));
  numc_release(r);
  OK(numc_det(&r, N));
  assert_true(isnan(get_f64(r, 0)));
  numc_release(r);
  numc_array *b = mat(NUMC_FLOAT64, 1, SH3, B3);
  OK(numc_solve(&r, N, b));
  assert_true(isnan(get_f64(r, 0)));
  numc_release(r);
  int rc = numc_cholesky(&r, N, 0); /* NaN or an error, never a crash */
  if (rc == NUMC_OK) numc_release(r);
  else assert_int_equal(rc, NUMC_ELINALG);
  double infm[9] = {2, 1, 0, INFINITY, 3, 1, 0, 1, 4};
  numc_array *Ix = mat(NUMC_FLOAT64, 2, SH33, infm);
  rc = numc_eigh(&r, &r2, Ix, 'L');
  if (rc == NUMC_OK) numc_release(r), numc_release(r2);
  else assert_int_equal(rc, NUMC_ELINALG);
  OK(numc_inv(&r, Ix));
  numc_release(r);
  numc_release(N), numc_release(b), numc_release(Ix);
}

/* Allocation failures anywhere in a decomposition: NUMC_ENOMEM, no leak. */
static void test_alloc_failures(void **state) {
  (void)state;
  for (int f = 0; f < 5; f++) {
    for (long fail = 0; fail < 400; fail++) {
      int64_t s[3] = {3, 4, 4}, s2[2] = {5, 3};
      numc_array *M = f == 4 ? wellcond(NUMC_FLOAT64, 2, s2, 2) : wellcond(NUMC_FLOAT32, 3, s, 1);
      numc_array *o1 = NULL, *o2 = NULL, *o3 = NULL;
      talloc.count = 0;
      talloc.fail_after = fail;
      int rc;
      switch (f) {
      case 0: rc = numc_inv(&o1, M); break;
      case 1: rc = numc_svd(&o1, &o2, &o3, M, 0); break;
      case 2: rc = numc_eig(&o1, &o2, M); break;
      case 3: rc = numc_solve(&o1, M, M); break;
      default: rc = numc_lstsq(&o1, &o2, &o3, NULL, M, M, -1); break;
      }
      if (rc == NUMC_OK && o1) rc = numc_eval(&o1, 1);
      talloc.fail_after = -1;
      if (rc != NUMC_OK && rc != NUMC_ENOMEM)
        fail_msg("case %d fail %ld: %s %s", f, fail, numc_err_name(rc), numc_last_error());
      numc_release(o1), numc_release(o2), numc_release(o3), numc_release(M);
      if (rc == NUMC_OK) break;
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_diagonal_view), TEST(test_trace),         TEST(test_outer),
      TEST(test_vecdot),        TEST(test_tensordot),     TEST(test_einsum),
      TEST(test_multi_dot),     TEST(test_matrix_power),  TEST(test_cross),
      TEST(test_vector_norm),   TEST(test_matrix_norm),   TEST(test_cond),
      TEST(test_det_slogdet),   TEST(test_shape_errors),  TEST(test_inv),
      TEST(test_solve),         TEST(test_cholesky),      TEST(test_eigh),
      TEST(test_eig),           TEST(test_svd),           TEST(test_qr),
      TEST(test_lstsq),         TEST(test_pinv_rank),     TEST(test_result_dtypes),
      TEST(test_batched_parallel), TEST(test_large_threaded), TEST(test_nan_inputs),
      TEST(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
