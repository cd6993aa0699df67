/*
 * tests/c/test_util.h - shared helpers for the C unit tests (cmocka).
 *
 * Every test runs with a counting allocator installed (setup/teardown
 * below): at teardown the number of live numc allocations must be zero, so
 * each test is also a leak check. The allocator can be told to fail after N
 * allocations, for out-of-memory tests.
 */
#ifndef NUMC_TEST_UTIL_H
#define NUMC_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "numc.h"

typedef struct test_alloc {
  long live;       /* allocations not yet freed */
  long count;      /* allocations made */
  long fail_after; /* fail the allocation with this index (-1: never) */
} test_alloc;

static test_alloc talloc;

static inline void *t_malloc(void *ctx, size_t n) {
  test_alloc *t = ctx;
  if (t->fail_after >= 0 && t->count >= t->fail_after) return NULL;
  t->count++;
  void *p = malloc(n);
  if (p) t->live++;
  return p;
}

static inline void t_free(void *ctx, void *p) {
  test_alloc *t = ctx;
  if (p) {
    t->live--;
    free(p);
  }
}

static inline int setup_alloc(void **state) {
  (void)state;
  talloc.live = 0;
  talloc.count = 0;
  talloc.fail_after = -1;
  numc_allocator a = {t_malloc, t_free, &talloc};
  numc_set_allocator(&a);
  numc_clear_error();
  return 0;
}

static inline int teardown_alloc(void **state) {
  (void)state;
  long live = talloc.live;
  numc_set_allocator(NULL);
  if (live != 0) {
    print_error("leak: %ld numc allocations still live\n", live);
    return -1;
  }
  return 0;
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup_alloc, teardown_alloc)

/* Asserts a call succeeded, printing numc's message otherwise. */
#define OK(call)                                                               \
  do {                                                                         \
    int rc_ = (call);                                                          \
    if (rc_ != NUMC_OK)                                                        \
      fail_msg("%s failed: %s (%s)", #call, numc_err_name(rc_),                \
               numc_last_error());                                             \
  } while (0)

/* Asserts a call failed with `code` and left a message. */
#define FAILS(code, call)                                                      \
  do {                                                                         \
    int rc_ = (call);                                                          \
    if (rc_ != (code))                                                         \
      fail_msg("%s returned %s, expected %s", #call, numc_err_name(rc_),       \
               numc_err_name(code));                                           \
    assert_true(numc_last_error()[0] != '\0');                                 \
  } while (0)

/* 1-d float64 array from values. */
static inline numc_array *arr_f64(int n, const double *v) {
  numc_array *a = NULL;
  int64_t shape[1] = {n};
  OK(numc_from_copy(&a, NUMC_FLOAT64, 1, shape, NULL, v));
  return a;
}

/* Array of any dtype and shape from C data laid out C-contiguously. */
static inline numc_array *arr_from(numc_dtype dt, int nd, const int64_t *shape,
                                   const void *v) {
  numc_array *a = NULL;
  OK(numc_from_copy(&a, dt, nd, shape, NULL, v));
  return a;
}

/* Reads element i (C order over the flattened array) as double. */
static inline double get_f64(const numc_array *a, int64_t i) {
  int nd = numc_array_ndim(a);
  const int64_t *sh = numc_array_shape(a);
  int64_t idx[NUMC_MAXDIMS];
  for (int d = nd - 1; d >= 0; d--) {
    idx[d] = i % sh[d];
    i /= sh[d];
  }
  numc_scalar s, f;
  OK(numc_item_get(&s, a, idx));
  OK(numc_scalar_cast(&f, &s, NUMC_FLOAT64));
  return f.v.f64;
}

/* Asserts the whole array equals expected doubles (exactly, NaN == NaN). */
static inline void assert_values(const numc_array *a, int n, const double *want) {
  assert_int_equal(numc_array_size(a), n);
  for (int i = 0; i < n; i++) {
    double got = get_f64(a, i);
    if (isnan(want[i])) {
      if (!isnan(got)) fail_msg("element %d: got %g, want nan", i, got);
    } else if (got != want[i]) {
      fail_msg("element %d: got %.17g, want %.17g", i, got, want[i]);
    }
  }
}

static inline int64_t shape_of(const numc_array *a, int d) {
  return numc_array_shape(a)[d];
}

/* arange(size) as dtype dt with the given shape (C-contiguous). */
static inline numc_array *iota(numc_dtype dt, int nd, const int64_t *shape) {
  int64_t n = 1;
  for (int i = 0; i < nd; i++) n *= shape[i];
  numc_scalar z = numc_weak_int(0), e = numc_weak_int(n), one = numc_weak_int(1);
  numc_array *a, *r, *c;
  OK(numc_arange(&a, NUMC_INT64, &z, &e, &one));
  OK(numc_reshape(&r, a, nd, shape, NUMC_COPY_NEVER));
  OK(numc_astype(&c, r, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS));
  numc_release(a);
  numc_release(r);
  return c;
}

/* Allocation failure injection: evaluates `call` (which writes a new
 * handle to `out`) with the k-th allocation failing, for k = 0, 1, ...,
 * until it succeeds (at most max_k tries). Every failure must return
 * NUMC_ENOMEM with a message and leave `out` untouched, and at least one
 * must happen; leaks are caught by the counting allocator at teardown. */
#define INJECT_FAILURES(max_k, out, call)                                      \
  do {                                                                         \
    int failures_ = 0;                                                         \
    for (long k_ = 0; k_ < (max_k); k_++) {                                    \
      talloc.fail_after = talloc.count + k_;                                   \
      numc_array *out = (numc_array *)0x1;                                     \
      int rc_ = (call);                                                        \
      talloc.fail_after = -1;                                                  \
      if (rc_ == NUMC_OK) {                                                    \
        numc_release(out);                                                     \
        break;                                                                 \
      }                                                                        \
      failures_++;                                                             \
      assert_int_equal(rc_, NUMC_ENOMEM);                                      \
      assert_true(numc_last_error()[0] != '\0');                               \
      assert_ptr_equal(out, (numc_array *)0x1);                                \
    }                                                                          \
    assert_true(failures_ > 0);                                                \
  } while (0)

/* Element i (C order) of any array as a complex double. */
static inline void get_c(const numc_array *a, int64_t i, double *re, double *im) {
  int nd = numc_array_ndim(a);
  const int64_t *sh = numc_array_shape(a);
  int64_t idx[NUMC_MAXDIMS];
  for (int d = nd - 1; d >= 0; d--) idx[d] = i % sh[d], i /= sh[d];
  numc_scalar s, c;
  OK(numc_item_get(&s, a, idx));
  OK(numc_scalar_cast(&c, &s, NUMC_COMPLEX128));
  *re = c.v.c128[0], *im = c.v.c128[1];
}

#endif /* NUMC_TEST_UTIL_H */
