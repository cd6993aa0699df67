/*
 * cpu/sort_kernels.h - the sorting engine: order-preserving keys, a stable
 * radix sort (parallel for long runs), and the line driver that sorts every
 * line of an array along one axis.
 *
 * Every sortable dtype maps to unsigned integer keys whose unsigned order is
 * NumPy's sort order: integers by value, bool false < true, floats by value
 * with -0.0 == +0.0 and every NaN (any sign, any payload) after +inf. Complex
 * numbers sort lexicographically by (class, real, imag) where class orders
 * R+Rj < R+nanj < nan+Rj < nan+nanj, as NumPy. A descending sort complements
 * the keys, so equal keys keep their input order both ways (stable) and NaNs
 * come first, as the Array API reference implementation does.
 *
 * The ops files (ops/sort.c, ops/search.c, ops/set.c) validate arguments and
 * record nodes; everything here runs on materialized memory.
 */
#ifndef NUMC_CPU_SORT_KERNELS_H
#define NUMC_CPU_SORT_KERNELS_H

#include "../core/internal.h"

/*
 * Sorts every line of the materialized view `x` along `axis` (in [0, ndim)).
 * `vals` (x's dtype and shape) receives the sorted values and/or `idx`
 * (int64, x's shape) the argsort indices; either may be NULL, not both. Both
 * may have any strides but must not overlap x. The sort is stable; with
 * `descending` the order is reversed with ties still in input order. Uses
 * the thread pool. NUMC_ENOMEM (error set) if scratch memory is missing.
 */
int numc__sort_lines(const numc_array *x, numc_array *vals, numc_array *idx,
                     int axis, bool descending);

/*
 * Stable sort of n unsigned keys of `width` bytes (1, 2, 4 or 8) in place;
 * idx (may be NULL) is permuted along. Parallel when n is large.
 * NUMC_ENOMEM (error set) if scratch memory is missing.
 */
int numc__radix_sort(int width, void *keys, int64_t *idx, int64_t n);

/* The 64-bit sort key of one element of a real (non-complex) dtype: the
 * element's key zero-extended, so it orders as the sort does. */
typedef uint64_t (*numc__key64_fn)(const char *p);
numc__key64_fn numc__key64(numc_dtype dt);

/* Keys of n elements (real dtype) at src with byte stride into dst. */
void numc__keys64(numc_dtype dt, uint64_t *dst, const char *src, int64_t stride,
                  int64_t n);

/* The key every NaN of float dtype dt maps to (numc__key64 of a NaN). */
uint64_t numc__nan_key64(numc_dtype dt);

/* Sort key of a complex element: compare (cls, re, im) lexicographically.
 * cls is 0 unless a part is NaN (1: imag only, 2: real only, 3: both). */
typedef struct numc__ckey {
  uint64_t cls, re, im;
} numc__ckey;
void numc__ckey_of(numc__ckey *k, numc_dtype dt, const char *p);
static inline int numc__ckey_cmp(const numc__ckey *a, const numc__ckey *b) {
  if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
  if (a->re != b->re) return a->re < b->re ? -1 : 1;
  if (a->im != b->im) return a->im < b->im ? -1 : 1;
  return 0;
}

#endif /* NUMC_CPU_SORT_KERNELS_H */
