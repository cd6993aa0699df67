/*
 * tests/c/test_eval.c - the lazy-evaluation invariants of DESIGN.md:
 * results equal eager evaluation; writes are ordered after lazy reads; views
 * see every write; graphs stay bounded; kept intermediates are computed in
 * the same pass; externally writable buffers are read eagerly; results do not
 * depend on the thread count; fork() and concurrent observation are safe.
 */
#include "test_util.h"

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

/* start + step * [0, 1, ..., n-1], materialized */
static numc_array *seq(int64_t n, double start, double step) {
  numc_array *a;
  OK(numc_empty(&a, NUMC_FLOAT64, 1, &n));
  double *p;
  OK(numc_array_data((void **)&p, a, NUMC_ACCESS_WRITE));
  for (int64_t i = 0; i < n; i++) p[i] = start + step * (double)i;
  /* a fresh copy, so the buffer is not marked externally writable */
  numc_array *b;
  OK(numc_copy(&b, a, NUMC_ORDER_C));
  numc_release(a);
  OK(numc_eval(&b, 1));
  return b;
}

static numc_array *scalar(double v) {
  numc_array *s;
  numc_scalar x = numc_weak_float(v);
  OK(numc_from_scalar(&s, &x));
  return s;
}

static bool pending(const numc_array *a) { return numc_array_flags(a) & NUMC_PENDING; }

static int setup_lazy(void **state) {
  numc_set_eager_threshold(0); /* defer everything, even tiny arrays */
  return setup_alloc(state);
}
static int teardown_lazy(void **state) {
  numc_set_eager_threshold(4096);
  numc_set_lazy(1);
  numc_set_num_threads(2);
  return teardown_alloc(state);
}
#define LTEST(fn) cmocka_unit_test_setup_teardown(fn, setup_lazy, teardown_lazy)

/* exp(-a*a/2) * sin(b) + log(c) through the C API */
static numc_array *expression(numc_array *a, numc_array *b, numc_array *c) {
  numc_array *aa, *half, *t, *e, *s, *p, *l, *r, *h = scalar(-0.5);
  OK(numc_multiply(&aa, a, a));
  OK(numc_multiply(&half, aa, h));
  OK(numc_exp(&e, half));
  OK(numc_sin(&s, b));
  OK(numc_multiply(&p, e, s));
  OK(numc_log(&l, c));
  OK(numc_add(&r, p, l));
  numc_release(aa), numc_release(half), numc_release(e), numc_release(s);
  numc_release(p), numc_release(l), numc_release(h);
  (void)t;
  return r;
}

static void test_lazy_equals_eager(void **state) {
  (void)state;
  int64_t sizes[] = {1, 7, 1023, 1024, 1025, 5000, 100003};
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    int64_t n = sizes[k];
    numc_array *a = seq(n, -3, 6.0 / (double)n), *b = seq(n, 0, 0.01), *c = seq(n, 1, 0.5);
    numc_array *lazy = expression(a, b, c);
    assert_true(pending(lazy));
    numc_set_lazy(0);
    numc_array *eager = expression(a, b, c);
    numc_set_lazy(1);
    assert_false(pending(eager));
    double *pl, *pe;
    OK(numc_array_data((void **)&pl, lazy, NUMC_ACCESS_READ));
    OK(numc_array_data((void **)&pe, eager, NUMC_ACCESS_READ));
    assert_memory_equal(pl, pe, (size_t)n * sizeof(double));
    /* and close to libm */
    for (int64_t i = 0; i < n; i += n / 7 + 1) {
      double x = get_f64(a, i), y = get_f64(b, i), z = get_f64(c, i);
      double want = exp(-x * x * 0.5) * sin(y) + log(z);
      assert_true(fabs(pl[i] - want) <= 4e-15 * (fabs(want) + 1));
    }
    numc_release(lazy), numc_release(eager);
    numc_release(a), numc_release(b), numc_release(c);
  }
}

static void test_write_after_lazy_read(void **state) {
  (void)state;
  numc_array *a = seq(5, 0, 1), *one = scalar(1), *b;
  OK(numc_add(&b, a, one)); /* b = a + 1, pending */
  assert_true(pending(b));
  OK(numc_item_set(a, (int64_t[]){0}, &(numc_scalar){.dtype = NUMC_FLOAT64, .v.f64 = 100}));
  assert_values(b, 5, (double[]){1, 2, 3, 4, 5}); /* old values */
  assert_values(a, 5, (double[]){100, 1, 2, 3, 4});
  /* in-place op on the input of a pending result */
  numc_array *c, *r;
  OK(numc_multiply(&c, a, a));
  const numc_array *in[2] = {a, one};
  OK(numc_ufunc(&r, NUMC_OP_ADD, 2, in, a, NUMC_DTYPE_DEFAULT, NUMC_CASTING_SAME_KIND));
  assert_ptr_equal(r, a);
  assert_values(a, 5, (double[]){101, 2, 3, 4, 5});
  assert_values(c, 5, (double[]){10000, 1, 4, 9, 16});
  numc_release(r), numc_release(c);
  numc_release(b), numc_release(one), numc_release(a);
}

static void test_assign_overlap(void **state) {
  (void)state;
  /* a[1:] = a[:-1] behaves as if the source were copied first */
  numc_array *a = seq(6, 0, 1), *dst, *src;
  numc_index d[1] = {{NUMC_INDEX_SLICE, 1, 0, 1, 0, 1, NULL}}, s[1] = {{NUMC_INDEX_SLICE, 0, 1, 0, -1, 1, NULL}};
  OK(numc_index_view(&dst, a, 1, d));
  OK(numc_index_view(&src, a, 1, s));
  OK(numc_assign(dst, src, NUMC_CASTING_UNSAFE));
  assert_values(a, 6, (double[]){0, 0, 1, 2, 3, 4});
  /* same-position in-place expressions run in one pass: a = a*2 + a */
  numc_array *two = scalar(2), *t, *r;
  OK(numc_multiply(&t, a, two));
  const numc_array *in[2] = {t, a};
  OK(numc_ufunc(&r, NUMC_OP_ADD, 2, in, a, NUMC_DTYPE_DEFAULT, NUMC_CASTING_SAME_KIND));
  assert_values(a, 6, (double[]){0, 0, 3, 6, 9, 12});
  numc_release(r), numc_release(t), numc_release(two);
  numc_release(dst), numc_release(src), numc_release(a);
}

static void test_views_of_pending(void **state) {
  (void)state;
  numc_array *a = seq(6, 0, 1), *two = scalar(2), *b, *v;
  OK(numc_multiply(&b, a, two));
  numc_index ix[1] = {{NUMC_INDEX_SLICE, 0, 0, 0, 0, -2, NULL}};
  OK(numc_index_view(&v, b, 1, ix)); /* b[::-2] of a pending array */
  assert_true(pending(v));
  assert_values(v, 3, (double[]){10, 6, 2});
  assert_false(pending(b)); /* they share the buffer */
  numc_scalar m = numc_weak_float(-7);
  OK(numc_fill(v, &m));
  assert_values(b, 6, (double[]){0, -7, 4, -7, 8, -7});
  numc_release(v), numc_release(b), numc_release(two), numc_release(a);
}

static void test_long_chain_bounded(void **state) {
  (void)state;
  numc_array *x = seq(100, 0, 1), *one = scalar(1);
  long peak = 0;
  for (int i = 0; i < 100000; i++) {
    numc_array *y;
    OK(numc_add(&y, x, one));
    numc_release(x);
    x = y;
    if (talloc.live > peak) peak = talloc.live;
  }
  assert_true(peak < 2000); /* the graph is cut and freed as it goes */
  assert_true(get_f64(x, 0) == 100000 && get_f64(x, 99) == 100099);
  numc_release(x), numc_release(one);
}

static void test_extra_outputs_and_explain(void **state) {
  (void)state;
  numc_array *a = seq(10000, 0, 1), *b = seq(10000, 1, 1), *t, *u, *s;
  OK(numc_multiply(&t, a, b)); /* kept: t has a live handle */
  OK(numc_add(&u, t, a));
  OK(numc_sum(&s, u, -1, NULL, 0, NUMC_DTYPE_DEFAULT));
  char *text;
  numc_array *targets[1] = {s};
  OK(numc_explain(&text, targets, 1));
  assert_non_null(strstr(text, "in 1 kernel"));
  assert_non_null(strstr(text, "fused reduction"));
  numc_free(text);
  numc_array *both[2] = {s, t};
  OK(numc_eval(both, 2));
  assert_false(pending(t));
  double want = 0;
  for (int i = 0; i < 10000; i++) want += (double)i * (i + 1) + i;
  assert_true(fabs(get_f64(s, 0) - want) <= 1e-12 * want);
  assert_true(get_f64(t, 9999) == 9999.0 * 10000.0);
  numc_release(t), numc_release(u), numc_release(s), numc_release(a), numc_release(b);
}

/* Sibling elementwise results that share a producer, evaluated together,
 * run as one kernel: the shared node is computed once, in registers. */
static void test_sibling_roots_one_kernel(void **state) {
  (void)state;
  numc_array *a = seq(10000, 0, 1), *two = scalar(2), *t, *r1, *r2;
  OK(numc_multiply(&t, a, two));
  OK(numc_sin(&r1, t));
  OK(numc_cos(&r2, t));
  numc_release(t); /* t lives only in the kernel */
  numc_array *both[2] = {r1, r2};
  char *text;
  OK(numc_explain(&text, both, 2));
  assert_non_null(strstr(text, "in 1 kernel"));
  assert_non_null(strstr(text, "2 outputs"));
  numc_free(text);
  OK(numc_eval(both, 2));
  for (int i = 0; i < 10000; i += 997) {
    assert_true(fabs(get_f64(r1, i) - sin(2.0 * i)) < 1e-15 * 2e4);
    assert_true(fabs(get_f64(r2, i) - cos(2.0 * i)) < 1e-15 * 2e4);
  }
  numc_release(r1), numc_release(r2), numc_release(two), numc_release(a);
}

static void test_exposed_buffer_is_read_eagerly(void **state) {
  (void)state;
  numc_array *a = seq(4, 0, 1), *one = scalar(1), *b;
  double *p;
  OK(numc_array_data((void **)&p, a, NUMC_ACCESS_WRITE));
  OK(numc_add(&b, a, one));
  assert_false(pending(b)); /* computed at once */
  p[0] = 50; /* the outside writer changes a */
  assert_values(b, 4, (double[]){1, 2, 3, 4});
  numc_release(b), numc_release(one), numc_release(a);
}

static void test_thread_count_independent(void **state) {
  (void)state;
  int64_t n = 1000003;
  numc_array *a = seq(n, 0.1, 1e-3), *sq, *s, *m;
  double got[4];
  for (int t = 1; t <= 4; t++) {
    OK(numc_set_num_threads(t));
    assert_int_equal(numc_get_num_threads(), t);
    OK(numc_multiply(&sq, a, a));
    OK(numc_sum(&s, sq, -1, NULL, 0, NUMC_DTYPE_DEFAULT));
    got[t - 1] = get_f64(s, 0);
    numc_release(sq), numc_release(s);
  }
  for (int t = 1; t < 4; t++) assert_true(got[t] == got[0]);
  /* and accurate: pairwise summation */
  long double want = 0;
  for (int64_t i = 0; i < n; i++) {
    double x = 0.1 + 1e-3 * (double)i;
    want += (long double)x * x;
  }
  assert_true(fabsl(got[0] - want) <= 1e-13L * want);
  OK(numc_max(&m, a, -1, NULL, 0));
  assert_true(get_f64(m, 0) == get_f64(a, n - 1));
  numc_release(m), numc_release(a);
  FAILS(NUMC_EINVAL, numc_set_num_threads(0));
}

/* prod over a leading axis multiplies rows in NumPy's order, whatever the
 * row count: (0 * 0) * 1e16 * 1e300 is 0, where grouping the last two rows
 * first would give inf and then 0 * inf = NaN. */
static void test_outer_prod_row_order(void **state) {
  (void)state;
  for (int64_t rows = 4; rows <= 4000; rows *= 10) {
    int64_t shape[2] = {rows, 2};
    numc_array *a, *p;
    OK(numc_zeros(&a, NUMC_FLOAT64, 2, shape));
    double *d;
    OK(numc_array_data((void **)&d, a, NUMC_ACCESS_WRITE));
    d[(rows - 2) * 2] = 1e16;
    d[(rows - 1) * 2] = 1e300;
    d[1] = 1.0; /* column 1: 1 * 0 * ... = 0 */
    numc_array *c;
    OK(numc_copy(&c, a, NUMC_ORDER_C));
    int axis0 = 0;
    OK(numc_prod(&p, c, 1, &axis0, 0, NUMC_DTYPE_DEFAULT));
    assert_true(get_f64(p, 0) == 0.0 && get_f64(p, 1) == 0.0);
    numc_release(p), numc_release(c), numc_release(a);
  }
}

static void test_fork_child_evaluates(void **state) {
  (void)state;
  OK(numc_set_num_threads(2));
  numc_array *a = seq(200000, 0, 1), *s;
  OK(numc_sum(&s, a, -1, NULL, 0, NUMC_DTYPE_DEFAULT)); /* warm the pool */
  double parent = get_f64(s, 0);
  numc_release(s);
  pid_t pid = fork();
  if (pid == 0) {
    numc_array *b, *two = scalar(2), *t;
    int ok = numc_multiply(&b, a, two) == 0 && numc_sum(&t, b, -1, NULL, 0, NUMC_DTYPE_DEFAULT) == 0;
    numc_scalar v;
    ok = ok && numc_item_get(&v, t, NULL) == 0 && v.v.f64 == 2 * parent;
    _exit(ok ? 0 : 3);
  }
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  numc_release(a);
}

typedef struct shared {
  numc_array *x;
  double v;
} shared;

static void *observe(void *arg) {
  shared *s = arg;
  s->v = get_f64(s->x, 12345);
  return NULL;
}

static void test_concurrent_observation(void **state) {
  (void)state;
  numc_array *a = seq(500000, 0, 1), *two = scalar(2), *b;
  OK(numc_multiply(&b, a, two));
  shared s[4];
  pthread_t th[4];
  for (int i = 0; i < 4; i++) {
    s[i].x = b;
    pthread_create(&th[i], NULL, observe, &s[i]);
  }
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < 4; i++) assert_true(s[i].v == 24690.0);
  numc_release(b), numc_release(two), numc_release(a);
}

static void test_eager_mode(void **state) {
  (void)state;
  assert_int_equal(numc_set_lazy(0), 1);
  numc_array *a = seq(10, 0, 1), *b;
  OK(numc_sqrt(&b, a));
  assert_false(pending(b));
  assert_int_equal(numc_get_lazy(), 0);
  assert_int_equal(numc_set_lazy(1), 0);
  numc_release(b), numc_release(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      LTEST(test_lazy_equals_eager),
      LTEST(test_write_after_lazy_read),
      LTEST(test_assign_overlap),
      LTEST(test_views_of_pending),
      LTEST(test_long_chain_bounded),
      LTEST(test_extra_outputs_and_explain),
      LTEST(test_sibling_roots_one_kernel),
      LTEST(test_exposed_buffer_is_read_eagerly),
      LTEST(test_thread_count_independent),
      LTEST(test_outer_prod_row_order),
      LTEST(test_fork_child_evaluates),
      LTEST(test_concurrent_observation),
      LTEST(test_eager_mode),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
