/*
 * cpu/sort_kernels.c - the sorting engine behind sort, argsort, unique,
 * searchsorted and isin.
 *
 * Three parts:
 *   keys    per dtype, elements become unsigned keys of the element's width
 *           whose unsigned order is NumPy's order (sort_kernels.h); the
 *           transform is one inlined template instantiated per dtype.
 *   radix   a stable MSD radix sort on 1/2/4/8-byte keys, optionally moving
 *           an int64 index array along (argsort). Each range is split on
 *           the digit just below the highest bit in which its keys differ,
 *           recursively, until buckets are small enough for insertion sort.
 *           Long ranges split on threads: chunks count and scatter in
 *           parallel (positions per chunk keep it stable), with streaming
 *           stores beyond the caches, then buckets are sorted as independent
 *           tasks. One template per key width, instantiated through
 *           always-inline helpers.
 *   lines   numc__sort_lines walks the lines of an array along an axis:
 *           many lines are shared among threads; a long line converts its
 *           keys in parallel, sorts them with the parallel radix sort and
 *           converts each bucket back as soon as it is sorted, while it is
 *           still in cache.
 *
 * Stability is exact and the result never depends on the thread count: a
 * stable sort has exactly one result.
 */
#include "sort_kernels.h"

#include "pool.h"

#include <stdatomic.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define INLINE static inline __attribute__((always_inline))

/* Ranges up to this many elements are insertion-sorted. */
#define INSERTION_MAX 16
/* Ranges shorter than this are sorted by one thread. */
#define PAR_MIN ((int64_t)1 << 16)
/* Ranges sorted by one thread have fewer keys than this (32-bit counts);
 * longer ones always take parallel passes (with one thread if need be). */
#define SEQ_MAX_N ((int64_t)1 << 31)
/* Smallest chunk a thread counts or scatters in a parallel pass. */
#define PAR_CHUNK_MIN ((int64_t)1 << 15)
/* Parallel passes over ranges whose keys and indices take more bytes than
 * this scatter through write-combining buffers (they do not fit in L2). */
#define WC_BYTES ((int64_t)1 << 20)

/* ---- keys of width w held in uint8/16/32/64 arrays --------------------- */

INLINE uint64_t kld(const void *p, int64_t i, int w) {
  switch (w) {
  case 1: return ((const uint8_t *)p)[i];
  case 2: return ((const uint16_t *)p)[i];
  case 4: return ((const uint32_t *)p)[i];
  default: return ((const uint64_t *)p)[i];
  }
}

INLINE void kst(void *p, int64_t i, uint64_t v, int w) {
  switch (w) {
  case 1: ((uint8_t *)p)[i] = (uint8_t)v; break;
  case 2: ((uint16_t *)p)[i] = (uint16_t)v; break;
  case 4: ((uint32_t *)p)[i] = (uint32_t)v; break;
  default: ((uint64_t *)p)[i] = v; break;
  }
}

INLINE void *kat(void *p, int64_t i, int w) { return (char *)p + i * w; }

static size_t align64(size_t n) { return (n + 63) & ~(size_t)63; }

INLINE uint64_t width_ones(int w) {
  return w == 8 ? ~(uint64_t)0 : (((uint64_t)1 << (8 * w)) - 1);
}

/* Number of bits needed to tell keys apart whose XOR with one of them ORs to
 * diff: the bits at and above it are shared by every key. */
static int diff_bits(uint64_t diff) { return diff ? 64 - __builtin_clzll(diff) : 0; }

/* ---- radix sort template ------------------------------------------------ */

/* Digits: a range whose keys agree at and above bit `hib` is split on bits
 * [max(0, hib - bits), hib), the bits just below the highest bit in which
 * keys may differ, so small integers or floats of one binade still spread
 * over all buckets. Ranges in cache use digits of up to 13 bits, aiming at
 * buckets of two or three keys (fewer levels beat smaller histograms),
 * which ranking finishes. */
#define SEQ_BITS_MAX 13

INLINE int digit_shift(int hib, int bits) { return hib > bits ? hib - bits : 0; }

static int digit_bits(int64_t n) {
  int b = 63 - __builtin_clzll((uint64_t)n) - 1;
  return b < 3 ? 3 : b > SEQ_BITS_MAX ? SEQ_BITS_MAX : b;
}

/* Stable insertion sort of n keys from src into dst (which may be src). */
INLINE void insertion(void *dst, int64_t *idst, const void *src, const int64_t *isrc,
                      int64_t n, int w, bool pairs) {
  for (int64_t i = 0; i < n; i++) {
    uint64_t v = kld(src, i, w);
    int64_t x = pairs ? isrc[i] : 0;
    int64_t j = i;
    while (j > 0 && kld(dst, j - 1, w) > v) {
      kst(dst, j, kld(dst, j - 1, w), w);
      if (pairs) idst[j] = idst[j - 1];
      j--;
    }
    kst(dst, j, v, w);
    if (pairs) idst[j] = x;
  }
}

/*
 * Small buckets (at most RANK_MAX keys, typically a handful after a radix
 * pass) are finished by ranking: each key's place is the number of keys
 * below it, plus equal keys before it (stable). O(n^2) compares, but free of
 * the mispredicted branches that dominate insertion sort on random keys.
 * dst must not overlap src.
 */
#define RANK_MAX 16

INLINE void rank_sort(void *dst, int64_t *idst, const void *src, const int64_t *isrc,
                      int64_t n, int w, bool pairs) {
  for (int64_t i = 0; i < n; i++) {
    uint64_t v = kld(src, i, w);
    int64_t r = 0;
    for (int64_t j = 0; j < i; j++) r += kld(src, j, w) <= v;
    for (int64_t j = i + 1; j < n; j++) r += kld(src, j, w) < v;
    kst(dst, r, v, w);
    if (pairs) idst[r] = isrc[i];
  }
}

/* Sorts a bucket of n <= INSERTION_MAX keys from src into dst (which may be
 * src: then in place by insertion, which on a handful of keys costs less
 * than ranking into a buffer and copying back). */
INLINE void small_sort(void *dst, int64_t *idst, const void *src, const int64_t *isrc,
                       int64_t n, int w, bool pairs) {
  if (n > RANK_MAX || dst == src)
    insertion(dst, idst, src, isrc, n, w, pairs);
  else
    rank_sort(dst, idst, src, isrc, n, w, pairs);
}

/* The bucket of key v: its digit, or map[digit] when buckets group digits. */
INLINE int64_t bucket_of(uint64_t v, int sh, uint64_t mask, const uint8_t *map) {
  uint64_t d = (v >> sh) & mask;
  return map ? map[d] : (int64_t)d;
}

/* Index of source element i: isrc[i], or ibase + i when the indices are
 * implicit (the first pass of an argsort). */
INLINE int64_t src_index(const int64_t *isrc, int64_t ibase, int64_t i) {
  return isrc ? isrc[i] : ibase + i;
}

/* Moves keys (and indices) to dst[pos[bucket]++]: one stable counting pass. */
INLINE void scatter(const void *src, void *dst, const int64_t *isrc, int64_t ibase,
                    int64_t *idst, int64_t n, int sh, uint64_t mask, const uint8_t *map,
                    int64_t *pos, int w, bool pairs) {
  for (int64_t i = 0; i < n; i++) {
    uint64_t v = kld(src, i, w);
    int64_t p = pos[bucket_of(v, sh, mask, map)]++;
    kst(dst, p, v, w);
    if (pairs) idst[p] = src_index(isrc, ibase, i);
  }
}

/*
 * The same pass (at most 256 buckets) for ranges beyond the caches: elements
 * gather per bucket in an L1-resident buffer and leave as whole aligned
 * groups through non-temporal stores, so memory sees streaming writes
 * instead of a read-for-ownership per scattered element (twice as fast).
 * A group is one cache line of keys (64 / w of them), or 8 keys and 8
 * indices when indices move along. Groups are aligned in the destination:
 * dst and idst must have the same phase ((address / width) mod 8), which
 * wc_ok checks. Partial groups at the ends of a bucket's region use ordinary
 * stores, so neighbouring regions written by other threads are never
 * touched.
 */
typedef struct wc_buf {
  _Alignas(64) uint8_t k[256][64];
  _Alignas(64) int64_t i[256][8];
} wc_buf;

INLINE void stream_group(void *dst, const void *src, size_t bytes) {
#if defined(__SSE2__)
  if (bytes >= 16) {
    for (size_t o = 0; o < bytes; o += 16)
      _mm_stream_si128((__m128i *)((char *)dst + o),
                       _mm_load_si128((const __m128i *)((const char *)src + o)));
  } else {
    long long v;
    memcpy(&v, src, 8);
    _mm_stream_si64((long long *)dst, v);
  }
#else
  memcpy(dst, src, bytes);
#endif
}

INLINE void scatter_wc(const void *src, void *dst, const int64_t *isrc, int64_t ibase,
                       int64_t *idst, int64_t n, int sh, uint64_t mask, const uint8_t *map,
                       int64_t *pos, int w, bool pairs) {
  const int64_t G = pairs ? 8 : 64 / w; /* keys per group */
  wc_buf wb;
  int64_t lo[256];
  memcpy(lo, pos, sizeof lo);
  int64_t ph = (int64_t)(((uintptr_t)dst / (uintptr_t)w) % (uintptr_t)G);
  for (int64_t i = 0; i < n; i++) {
    uint64_t v = kld(src, i, w);
    int64_t d = bucket_of(v, sh, mask, map);
    int64_t p = pos[d]++;
    int64_t s = (p + ph) % G;
    kst(wb.k[d], s, v, w);
    if (pairs) wb.i[d][s] = src_index(isrc, ibase, i);
    if (s == G - 1) {
      int64_t g = p - (G - 1);
      if (g >= lo[d]) {
        stream_group(kat(dst, g, w), wb.k[d], (size_t)(G * w));
        if (pairs) stream_group(idst + g, wb.i[d], 64);
      } else {
        for (int64_t q = lo[d]; q <= p; q++) {
          kst(dst, q, kld(wb.k[d], q - g, w), w);
          if (pairs) idst[q] = wb.i[d][q - g];
        }
      }
    }
  }
  for (int d = 0; d < 256; d++) { /* partial last groups */
    int64_t p = pos[d];
    if (p == lo[d] || (p + ph) % G == 0) continue;
    int64_t g = (p - 1) - (p - 1 + ph) % G;
    for (int64_t q = g > lo[d] ? g : lo[d]; q < p; q++) {
      kst(dst, q, kld(wb.k[d], q - g, w), w);
      if (pairs) idst[q] = wb.i[d][q - g];
    }
  }
#if defined(__SSE2__)
  _mm_sfence();
#endif
}

/* True if the streaming scatter may write to dst/idst (same group phase). */
static bool wc_ok(const void *dst, const int64_t *idst, int w) {
  uintptr_t pk = ((uintptr_t)dst / (uintptr_t)w) & 7;
  return !idst || (((uintptr_t)idst / 8) & 7) == pk;
}

INLINE void copy_range(void *dst, int64_t *idst, const void *src, const int64_t *isrc,
                       int64_t n, int w, bool pairs) {
  memcpy(dst, src, (size_t)n * (size_t)w);
  if (pairs) memcpy(idst, isrc, (size_t)n * sizeof *idst);
}

typedef void (*range_fn)(void *a, void *b, int64_t *ia, int64_t *ib, int64_t n, int hib,
                         bool out_b);
typedef void (*scatter_fn)(const void *src, void *dst, const int64_t *is, int64_t ibase,
                           int64_t *id, int64_t n, int sh, uint64_t mask,
                           const uint8_t *map, int64_t *pos);

/*
 * One MSD level on the n < 2^31 keys in a with a digit of at most `bits`
 * bits: they scatter into b, and each bucket is sorted into f (which is a,
 * b, or a third buffer). h holds 2 x 2^bits counts (they become positions).
 * The two halves of the range are counted and scattered as two interleaved
 * streams with their own positions (the first half's keys go first in each
 * bucket, so the pass stays stable): keys crowded on a few digits (floats
 * share exponents) then make two independent chains of counter updates
 * instead of one serial chain.
 */
INLINE void radix_level(void *a, void *b, void *f, int64_t *ia, int64_t *ib, int64_t *ifn,
                        int64_t n, int hib, int w, bool pairs, range_fn self, uint32_t *h,
                        int bits) {
  uint64_t first = kld(a, 0, w), mask;
  int sh, nb;
  int64_t half = n / 2;
  uint32_t *h1;
  for (;;) {
    if (bits > hib) bits = hib;
    sh = digit_shift(hib, bits);
    nb = 1 << bits;
    mask = (uint64_t)nb - 1;
    h1 = h + nb;
    memset(h, 0, 2 * (size_t)nb * sizeof *h);
    for (int64_t i = 0; i < half; i++) {
      h[(kld(a, i, w) >> sh) & mask]++;
      h1[(kld(a, half + i, w) >> sh) & mask]++;
    }
    if (n & 1) h1[(kld(a, n - 1, w) >> sh) & mask]++;
    uint64_t d0 = (first >> sh) & mask;
    if (h[d0] + h1[d0] != n) break;
    /* every key has this digit: skip straight to the highest bit in which
     * keys differ (equal keys would otherwise step down digit by digit) */
    uint64_t diff = 0;
    for (int64_t i = 0; i < n; i++) diff |= kld(a, i, w) ^ first;
    hib = diff_bits(diff);
    if (hib <= 0) {
      if (f != a) copy_range(f, ifn, a, ia, n, w, pairs);
      return;
    }
  }
  uint32_t s = 0;
  for (int d = 0; d < nb; d++) { /* starts of each bucket's two parts */
    uint32_t c0 = h[d], c1 = h1[d];
    h[d] = s;
    h1[d] = s + c0;
    s += c0 + c1;
  }
  for (int64_t i = 0; i < half; i++) { /* afterwards h1[d]: end of bucket d */
    uint64_t v0 = kld(a, i, w), v1 = kld(a, half + i, w);
    uint32_t p0 = h[(v0 >> sh) & mask]++;
    uint32_t p1 = h1[(v1 >> sh) & mask]++;
    kst(b, p0, v0, w);
    kst(b, p1, v1, w);
    if (pairs) {
      ib[p0] = ia[i];
      ib[p1] = ia[half + i];
    }
  }
  if (n & 1) {
    uint64_t v = kld(a, n - 1, w);
    uint32_t p = h1[(v >> sh) & mask]++;
    kst(b, p, v, w);
    if (pairs) ib[p] = ia[n - 1];
  }
  s = 0;
  for (int d = 0; d < nb; d++) {
    int64_t c = h1[d] - s;
    void *bs = kat(b, s, w), *fs = kat(f, s, w);
    int64_t *ibs = pairs ? ib + s : NULL, *ifs = pairs ? ifn + s : NULL;
    if (c > INSERTION_MAX) {
      if (f == b) /* sort in b, with a as scratch */
        self(bs, kat(a, s, w), ibs, pairs ? ia + s : NULL, c, sh, false);
      else /* sort from b into f, with b as scratch */
        self(bs, fs, ibs, ifs, c, sh, true);
    } else if (c && sh > 0) { /* small buckets: sorted into place */
      small_sort(fs, ifs, bs, ibs, c, w, pairs);
    } else if (c && f != b) { /* equal keys: already in order */
      copy_range(fs, ifs, bs, ibs, c, w, pairs);
    }
    s = h1[d];
  }
}

/* Sorts the n < 2^31 keys in a (indices in ia), which agree at and above
 * bit hib, stably by MSD radix, into f (a, b, or a third buffer); b/ib are
 * scratch of the same size. `self` is the instantiated two-buffer function
 * (recursion into buckets), `wide` the variant for wide digits, which keeps
 * its larger histogram off the frames of narrow levels. */
typedef void (*wide_fn)(void *a, void *b, void *f, int64_t *ia, int64_t *ib, int64_t *ifn,
                        int64_t n, int hib);

INLINE void sort_range(void *a, void *b, void *f, int64_t *ia, int64_t *ib, int64_t *ifn,
                       int64_t n, int hib, int w, bool pairs, range_fn self, wide_fn wide) {
  assert(n < SEQ_MAX_N);
  if (hib <= 0 || n <= 1) {
    if (f != a) copy_range(f, ifn, a, ia, n, w, pairs);
    return;
  }
  if (n <= INSERTION_MAX) {
    small_sort(f, ifn, a, ia, n, w, pairs);
    return;
  }
  int bits = digit_bits(n);
  if (bits > 8 && hib > 8) {
    wide(a, b, f, ia, ib, ifn, n, hib);
    return;
  }
  uint32_t h[2 * 256];
  radix_level(a, b, f, ia, ib, ifn, n, hib, w, pairs, self, h, bits < 8 ? bits : 8);
}

#define RADIX_INSTANCE(W, P, NAME)                                             \
  static void NAME##_wc(const void *src, void *dst, const int64_t *is,         \
                        int64_t ibase, int64_t *id, int64_t n, int sh,         \
                        uint64_t mask, const uint8_t *map, int64_t *pos) {     \
    scatter_wc(src, dst, is, ibase, id, n, sh, mask, map, pos, W, P);          \
  }                                                                            \
  static void NAME##_scatter(const void *src, void *dst, const int64_t *is,    \
                             int64_t ibase, int64_t *id, int64_t n, int sh,    \
                             uint64_t mask, const uint8_t *map,                \
                             int64_t *pos) {                                   \
    scatter(src, dst, is, ibase, id, n, sh, mask, map, pos, W, P);             \
  }                                                                            \
  static void NAME(void *a, void *b, int64_t *ia, int64_t *ib, int64_t n,      \
                   int hib, bool out_b);                                       \
  static __attribute__((noinline)) void NAME##_wide(                           \
      void *a, void *b, void *f, int64_t *ia, int64_t *ib, int64_t *ifn,       \
      int64_t n, int hib) {                                                    \
    uint32_t h[2 << SEQ_BITS_MAX];                                             \
    radix_level(a, b, f, ia, ib, ifn, n, hib, W, P, NAME, h, digit_bits(n));   \
  }                                                                            \
  static void NAME(void *a, void *b, int64_t *ia, int64_t *ib, int64_t n,      \
                   int hib, bool out_b) {                                      \
    sort_range(a, b, out_b ? b : a, ia, ib, out_b ? ib : ia, n, hib, W, P,     \
               NAME, NAME##_wide);                                             \
  }                                                                            \
  static void NAME##_level(void *a, void *b, void *f, int64_t *ia,             \
                           int64_t *ib, int64_t *ifn, int64_t n, int hib,      \
                           uint32_t *h, int bits) {                            \
    radix_level(a, b, f, ia, ib, ifn, n, hib, W, P, NAME, h, bits);            \
  }                                                                            \
  static void NAME##_into(void *src, void *tmp, void *dst, int64_t *isrc,      \
                          int64_t *itmp, int64_t *idst, int64_t n, int hib) {  \
    sort_range(src, tmp, dst, isrc, itmp, idst, n, hib, W, P, NAME,            \
               NAME##_wide);                                                   \
  }                                                                            \
  static void NAME##_count16(const void *k, int64_t n, int sh, uint64_t mask,  \
                             uint32_t *h) {                                    \
    memset(h, 0, (mask + 1) * sizeof *h);                                      \
    for (int64_t i = 0; i < n; i++) h[(kld(k, i, W) >> sh) & mask]++;          \
  }                                                                            \
  static uint64_t NAME##_diff(const void *k, int64_t n, uint64_t first) {      \
    uint64_t d = 0;                                                            \
    for (int64_t i = 0; i < n; i++) d |= kld(k, i, W) ^ first;                 \
    return d;                                                                  \
  }

RADIX_INSTANCE(1, false, rk1)
RADIX_INSTANCE(2, false, rk2)
RADIX_INSTANCE(4, false, rk4)
RADIX_INSTANCE(8, false, rk8)
RADIX_INSTANCE(1, true, rp1)
RADIX_INSTANCE(2, true, rp2)
RADIX_INSTANCE(4, true, rp4)
RADIX_INSTANCE(8, true, rp8)

typedef void (*level_fn)(void *a, void *b, void *f, int64_t *ia, int64_t *ib, int64_t *ifn,
                         int64_t n, int hib, uint32_t *h, int bits);

typedef struct radix_impl {
  int w;
  bool pairs;
  range_fn sort;
  wide_fn into;   /* sort_range from src via tmp into dst */
  level_fn level; /* radix_level with a caller's histogram (n > SMALL_MAX) */
  void (*count16)(const void *k, int64_t n, int sh, uint64_t mask, uint32_t *h);
  scatter_fn scatter, wc;
  uint64_t (*diff)(const void *k, int64_t n, uint64_t first);
} radix_impl;

#define RADIX_ENTRY(W, P, NAME)                                                \
  { W, P, NAME, NAME##_into, NAME##_level, NAME##_count16, NAME##_scatter, NAME##_wc,     \
    NAME##_diff }
static const radix_impl radix_impls[2][4] = {
    {RADIX_ENTRY(1, false, rk1), RADIX_ENTRY(2, false, rk2), RADIX_ENTRY(4, false, rk4),
     RADIX_ENTRY(8, false, rk8)},
    {RADIX_ENTRY(1, true, rp1), RADIX_ENTRY(2, true, rp2), RADIX_ENTRY(4, true, rp4),
     RADIX_ENTRY(8, true, rp8)},
};

static const radix_impl *radix_for(int w, bool pairs) {
  int i = w == 1 ? 0 : w == 2 ? 1 : w == 4 ? 2 : 3;
  return &radix_impls[pairs][i];
}

/* ---- parallel radix sort of one long range ------------------------------ */

/* Called once for each finished piece [off, off + n) of the sorted range
 * (each bucket as soon as it is sorted, while it is in cache). */
typedef void (*finish_fn)(void *ctx, int64_t off, int64_t n);

typedef struct par_opts {
  int nthreads;
  finish_fn fin; /* may be NULL */
  void *fin_ctx;
} par_opts;

/*
 * One pass splits a long range into at most 256 buckets of similar size,
 * which then sort independently in cache. The split digit is 16 bits wide
 * (below the highest differing bit); its histogram is grouped into buckets
 * of consecutive digit values holding about n/256 keys each, so skewed keys
 * (floats crowd in a few exponents) still give even buckets. Chunks count
 * and scatter in parallel; positions are assigned chunk after chunk within
 * each bucket, which keeps the pass stable. Buckets become tasks for the
 * threads; one too big for a thread (a single crowded digit value) gets
 * another parallel pass.
 */
#define TOP_BITS 16
#define TOP_BUCKETS 256
/* Buckets up to this many keys scatter into a per-thread scratch that stays
 * in cache (instead of the cold second buffer) on their way to their final
 * place. */
#define LOCAL_MAX ((int64_t)1 << 18)
/* Their first digit may be wider than a stack frame's histogram allows
 * (fewer levels for big buckets): this many bits, counted in the scratch. */
#define LOCAL_BITS 16
#define LOCAL_HIST ((size_t)2 * sizeof(uint32_t) << LOCAL_BITS)

typedef struct par_job {
  const radix_impl *im;
  const par_opts *o;
  void *a, *b;
  int64_t *ia, *ib;
  int64_t n, chunk, base;
  int nchunks, sh;
  uint64_t mask;
  bool out_b, wc, iota;
  uint32_t *h;  /* nchunks x 2^TOP_BITS digit counts */
  int64_t *pos; /* nchunks x TOP_BUCKETS positions */
  uint8_t map[1 << TOP_BITS]; /* digit -> bucket */
  int ntasks;
  int64_t toff[TOP_BUCKETS], tn[TOP_BUCKETS];
  int thib[TOP_BUCKETS];
  char *local;    /* per thread: scratch for lcap keys (and indices) */
  size_t lbytes;
  int64_t lcap;
  atomic_int next;
  int phase;
} par_job;

enum { PH_COUNT, PH_SCATTER, PH_TASKS };

static void par_worker(void *ctx, int tid) {
  par_job *j = ctx;
  const radix_impl *im = j->im;
  int w = im->w;
  int total = j->phase == PH_TASKS ? j->ntasks : j->nchunks;
  for (;;) {
    int c = atomic_fetch_add(&j->next, 1);
    if (c >= total) break;
    if (j->phase == PH_TASKS) {
      int64_t off = j->toff[c], cn = j->tn[c];
      int64_t *ibo = im->pairs ? j->ib + off : NULL, *iao = im->pairs ? j->ia + off : NULL;
      if (cn <= j->lcap) { /* scatter into this thread's cache-hot scratch */
        char *lk = j->local + (size_t)tid * j->lbytes;
        int64_t *li = im->pairs ? (int64_t *)(lk + align64((size_t)(j->lcap * w))) : NULL;
        uint32_t *hh = (uint32_t *)(lk + j->lbytes - LOCAL_HIST);
        void *src = kat(j->b, off, w), *dst = kat(j->out_b ? j->b : j->a, off, w);
        int64_t *idst = j->out_b ? ibo : iao;
        int bits = 63 - __builtin_clzll((uint64_t)cn) - 1;
        if (bits > SEQ_BITS_MAX && j->thib[c] > SEQ_BITS_MAX) /* a wider first digit */
          im->level(src, lk, dst, ibo, li, idst, cn, j->thib[c], hh,
                    bits < LOCAL_BITS ? bits : LOCAL_BITS);
        else
          im->into(src, lk, dst, ibo, li, idst, cn, j->thib[c]);
      } else {
        im->sort(kat(j->b, off, w), kat(j->a, off, w), ibo, iao, cn, j->thib[c], !j->out_b);
      }
      if (j->o->fin) j->o->fin(j->o->fin_ctx, j->base + off, j->tn[c]);
      continue;
    }
    int64_t lo = c * j->chunk, hi = lo + j->chunk < j->n ? lo + j->chunk : j->n;
    const void *k = kat(j->a, lo, w);
    if (j->phase == PH_COUNT) {
      im->count16(k, hi - lo, j->sh, j->mask, j->h + ((int64_t)c << TOP_BITS));
    } else {
      const int64_t *is = im->pairs && !j->iota ? j->ia + lo : NULL;
      (j->wc ? im->wc : im->scatter)(k, j->b, is, lo, j->ib, hi - lo, j->sh, j->mask, j->map,
                                     j->pos + (int64_t)c * TOP_BUCKETS);
    }
  }
}

static void par_phase(par_job *j, int phase) {
  j->phase = phase;
  atomic_store(&j->next, 0);
  numc__pool_run(j->o->nthreads, par_worker, j);
}

static void iota(int64_t *ix, int64_t n) {
  for (int64_t i = 0; i < n; i++) ix[i] = i;
}

/* Groups the digit histogram tot[0 .. nd) into buckets (j->map) of about
 * n / TOP_BUCKETS keys; fills the chunk positions and the bucket list.
 * Returns the number of buckets. */
static int plan_buckets(par_job *j, const int64_t *tot, int nd, int64_t *bn, int *bhib) {
  int64_t target = j->n / TOP_BUCKETS + 1, cur = 0;
  int nb = 0, dlo = 0;
  for (int d = 0; d < nd; d++) {
    if (cur > 0 && cur + tot[d] > target && nb < TOP_BUCKETS - 1) {
      bn[nb] = cur;
      bhib[nb++] = j->sh + diff_bits((uint64_t)(dlo ^ (d - 1)));
      cur = 0;
    }
    if (cur == 0) dlo = d;
    j->map[d] = (uint8_t)nb;
    cur += tot[d];
  }
  bn[nb] = cur;
  bhib[nb++] = j->sh + diff_bits((uint64_t)(dlo ^ (nd - 1)));
  /* chunk positions: bucket after bucket, chunk after chunk */
  int64_t start = 0;
  for (int c = 0; c < j->nchunks; c++)
    for (int b = 0; b < nb; b++) j->pos[c * TOP_BUCKETS + b] = 0;
  for (int c = 0; c < j->nchunks; c++) {
    const uint32_t *hc = j->h + ((int64_t)c << TOP_BITS);
    for (int d = 0; d < nd; d++) j->pos[c * TOP_BUCKETS + j->map[d]] += hc[d];
  }
  for (int b = 0; b < nb; b++) {
    for (int c = 0; c < j->nchunks; c++) {
      int64_t cnt = j->pos[c * TOP_BUCKETS + b];
      j->pos[c * TOP_BUCKETS + b] = start;
      start += cnt;
    }
  }
  return nb;
}

/*
 * Sorts the n keys in a (indices in ia), which agree at and above bit hib,
 * like radix_impl.sort, on the pool. With `implicit` the indices are not
 * stored yet: element i has index i (argsort). base: offset of this range in
 * the one the finish callback sees.
 */
static int par_sort(const radix_impl *im, void *a, void *b, int64_t *ia, int64_t *ib,
                    int64_t n, int hib, bool out_b, const par_opts *o, int64_t base,
                    bool implicit) {
  int w = im->w;
  bool pairs = im->pairs;
  if ((n < PAR_MIN || o->nthreads < 2 || hib <= 0) && n < SEQ_MAX_N) {
    if (implicit && pairs) iota(ia, n);
    im->sort(a, b, ia, ib, n, hib, out_b);
    if (o->fin) o->fin(o->fin_ctx, base, n);
    return NUMC_OK;
  }
  int64_t nch = n / PAR_CHUNK_MIN;
  if (nch > 4 * o->nthreads) nch = 4 * o->nthreads;
  if (nch < (n >> 31) + 1) nch = (n >> 31) + 1; /* uint32 counts */
  par_job *j = numc__malloc(sizeof *j);
  uint32_t *h = numc__malloc((size_t)nch * sizeof(uint32_t) << TOP_BITS);
  int64_t *pos = numc__malloc((size_t)nch * TOP_BUCKETS * sizeof(int64_t));
  if (!j || !h || !pos) {
    numc__free(j);
    numc__free(h);
    numc__free(pos);
    return numc__oom();
  }
  memset(j, 0, sizeof *j);
  j->im = im;
  j->o = o;
  j->a = a, j->b = b, j->ia = ia, j->ib = ib;
  j->n = n;
  j->base = base;
  j->nchunks = (int)nch;
  j->chunk = (n + nch - 1) / nch;
  j->h = h;
  j->pos = pos;
  j->out_b = out_b;
  j->iota = implicit && pairs;
  j->wc = n * (w + (pairs ? 8 : 0)) > WC_BYTES && wc_ok(b, ib, w);
  uint64_t first = kld(a, 0, w);
  int64_t *tot = numc__malloc(sizeof(int64_t) << TOP_BITS);
  int rc = tot ? NUMC_OK : numc__oom();
  int nd = 0;
  bool split = false;
  while (rc == NUMC_OK && hib > 0) {
    int bits = hib < TOP_BITS ? hib : TOP_BITS;
    j->sh = hib - bits;
    nd = 1 << bits;
    j->mask = (uint64_t)nd - 1;
    par_phase(j, PH_COUNT);
    memset(tot, 0, (size_t)nd * sizeof *tot);
    for (int c = 0; c < nch; c++) {
      const uint32_t *hc = h + ((int64_t)c << TOP_BITS);
      for (int d = 0; d < nd; d++) tot[d] += hc[d];
    }
    if (tot[(first >> j->sh) & j->mask] != n) {
      split = true;
      break;
    }
    hib = j->sh; /* every key has this digit */
  }
  if (rc == NUMC_OK && !split) { /* all keys equal */
    if (j->iota) iota(ia, n);
    if (out_b) copy_range(b, ib, a, ia, n, w, pairs);
    if (o->fin) o->fin(o->fin_ctx, base, n);
  } else if (rc == NUMC_OK) {
    int64_t bn[TOP_BUCKETS];
    int bhib[TOP_BUCKETS];
    int nb = plan_buckets(j, tot, nd, bn, bhib);
    par_phase(j, PH_SCATTER);
    /* big buckets get parallel passes one after another, the rest are tasks
     * shared among the threads */
    int64_t big_off[TOP_BUCKETS], big_n[TOP_BUCKETS], s = 0;
    int big_hib[TOP_BUCKETS], nbig = 0;
    for (int k = 0; k < nb; k++) {
      int64_t c = bn[k];
      if ((c >= 4 * PAR_MIN && c * 2 * o->nthreads > n) || c >= SEQ_MAX_N) {
        big_off[nbig] = s, big_n[nbig] = c, big_hib[nbig++] = bhib[k];
      } else if (c) {
        j->toff[j->ntasks] = s, j->tn[j->ntasks] = c, j->thib[j->ntasks++] = bhib[k];
      }
      s += c;
    }
    if (j->ntasks) {
      int64_t most = 0;
      for (int k = 0; k < j->ntasks; k++) most = j->tn[k] > most ? j->tn[k] : most;
      j->lcap = most < LOCAL_MAX ? most : LOCAL_MAX;
      j->lbytes = align64((size_t)j->lcap * (size_t)w) +
                  align64((size_t)j->lcap * (pairs ? 8 : 0)) + LOCAL_HIST;
      j->local = numc__aligned_alloc(j->lbytes * (size_t)o->nthreads, false);
      if (!j->local) j->lcap = 0; /* the buckets sort in place */
      par_phase(j, PH_TASKS);
      numc__aligned_free(j->local);
    }
    for (int k = 0; k < nbig && rc == NUMC_OK; k++) {
      int64_t off = big_off[k];
      rc = par_sort(im, kat(b, off, w), kat(a, off, w), pairs ? ib + off : NULL,
                    pairs ? ia + off : NULL, big_n[k], big_hib[k], !out_b, o, base + off,
                    false);
    }
  }
  numc__free(tot);
  numc__free(h);
  numc__free(pos);
  numc__free(j);
  return rc;
}

int numc__radix_sort(int width, void *keys, int64_t *idx, int64_t n) {
  if (n <= 1) return NUMC_OK;
  bool pairs = idx != NULL;
  const radix_impl *im = radix_for(width, pairs);
  void *tmp = numc__aligned_alloc((size_t)n * (size_t)width, false);
  int64_t *itmp = pairs ? numc__aligned_alloc((size_t)n * sizeof *itmp, false) : NULL;
  int rc = NUMC_OK;
  if (!tmp || (pairs && !itmp)) {
    rc = numc__oom();
  } else {
    par_opts o = {numc__pool_size(), NULL, NULL};
    int hib = diff_bits(im->diff(keys, n, kld(keys, 0, width)));
    rc = par_sort(im, keys, tmp, idx, itmp, n, hib, false, &o, 0, false);
  }
  numc__aligned_free(tmp);
  numc__aligned_free(itmp);
  return rc;
}

/* ---- keys of each dtype ------------------------------------------------- */

enum { KF_NAN = 1, KF_NEGZERO = 2 };

/* Float bits -> key: negative values flip every bit, others the sign bit;
 * -0.0 becomes +0.0's key and every NaN the largest key. */
INLINE uint64_t fkey(uint64_t bits, int w, unsigned *fl) {
  uint64_t sign = (uint64_t)1 << (8 * w - 1), ones = width_ones(w);
  uint64_t inf = w == 4 ? 0x7f800000u : 0x7ff0000000000000u;
  /* branch-free: the sign of random data is unpredictable */
  uint64_t neg = (uint64_t)0 - ((bits >> (8 * w - 1)) & 1);
  uint64_t key = bits ^ ((neg & ones) | sign);
  uint64_t nz = bits == sign, nan = (bits & ~sign) > inf;
  *fl |= (unsigned)(nz << 1) | (unsigned)nan; /* KF_NEGZERO, KF_NAN */
  key ^= (key ^ sign) & ((uint64_t)0 - nz);
  return key | (((uint64_t)0 - nan) & ones);
}

INLINE uint64_t fbits(uint64_t key, int w) {
  uint64_t sign = (uint64_t)1 << (8 * w - 1);
  uint64_t pos = (uint64_t)0 - ((key >> (8 * w - 1)) & 1);
  return key ^ ((~pos & width_ones(w)) | sign);
}

INLINE uint64_t raw_load(const char *p, int w) {
  switch (w) {
  case 1: return *(const uint8_t *)p;
  case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
  case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
  default: { uint64_t v; memcpy(&v, p, 8); return v; }
  }
}

INLINE void raw_store(char *p, uint64_t v, int w) {
  switch (w) {
  case 1: *(uint8_t *)p = (uint8_t)v; break;
  case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
  case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
  default: memcpy(p, &v, 8); break;
  }
}

/* Key of one element of a real dtype (kind b/i/u/f, width w). */
INLINE uint64_t key_of(const char *p, char kind, int w, unsigned *fl) {
  uint64_t bits = raw_load(p, w);
  switch (kind) {
  case 'b': return bits != 0;
  case 'i': return bits ^ ((uint64_t)1 << (8 * w - 1));
  case 'f': return fkey(bits, w, fl);
  default: return bits;
  }
}

INLINE uint64_t value_of(uint64_t key, char kind, int w) {
  switch (kind) {
  case 'i': return key ^ ((uint64_t)1 << (8 * w - 1));
  case 'f': return fbits(key, w);
  default: return key;
  }
}

/* Keys of n elements (complemented when descending); reports NaN / -0.0 in
 * *flags and returns the OR of every key XOR ref. */
INLINE uint64_t to_keys_t(void *k, const char *src, int64_t stride, int64_t n, bool desc,
                          unsigned *flags, uint64_t ref, char kind, int w) {
  uint64_t inv = desc ? width_ones(w) : 0, diff = 0;
  unsigned fl = 0;
  if (stride == w) {
    for (int64_t i = 0; i < n; i++) {
      uint64_t key = key_of(src + i * w, kind, w, &fl) ^ inv;
      diff |= key ^ ref;
      kst(k, i, key, w);
    }
  } else {
    for (int64_t i = 0; i < n; i++) {
      uint64_t key = key_of(src + i * stride, kind, w, &fl) ^ inv;
      diff |= key ^ ref;
      kst(k, i, key, w);
    }
  }
  *flags = fl;
  return diff;
}

INLINE void from_keys_t(char *dst, int64_t stride, const void *k, int64_t n, bool desc,
                        char kind, int w) {
  uint64_t inv = desc ? width_ones(w) : 0;
  if (stride == w) {
    for (int64_t i = 0; i < n; i++) raw_store(dst + i * w, value_of(kld(k, i, w) ^ inv, kind, w), w);
  } else {
    for (int64_t i = 0; i < n; i++)
      raw_store(dst + i * stride, value_of(kld(k, i, w) ^ inv, kind, w), w);
  }
}

/*
 * After from_keys the NaNs and zeros of a float line carry canonical bits
 * (every NaN one pattern, -0.0 as +0.0). The stable result has the input's
 * NaNs and signed zeros, each run in input order: count where the runs are
 * (NaNs last, or first when descending; zeros after the negatives, or after
 * the NaNs and positives) and copy them from the input. Only runs when the
 * keys reported a NaN or a -0.0.
 */
INLINE void fix_t(char *dst, int64_t stride, const char *src, int64_t sstride, int64_t n,
                  bool desc, unsigned flags, int w) {
  uint64_t sign = (uint64_t)1 << (8 * w - 1);
  uint64_t inf = w == 4 ? 0x7f800000u : 0x7ff0000000000000u;
  int64_t nnan = 0, nneg = 0, nzero = 0;
  for (int64_t i = 0; i < n; i++) {
    uint64_t b = raw_load(src + i * sstride, w), mag = b & ~sign;
    nnan += mag > inf;
    nzero += mag == 0;
    nneg += (b & sign) && mag != 0 && mag <= inf;
  }
  int64_t jn = desc ? 0 : n - nnan;
  int64_t jz = desc ? n - nneg - nzero : nneg;
  if (!(flags & KF_NAN)) jn = -1;
  if (!(flags & KF_NEGZERO)) jz = -1;
  for (int64_t i = 0; i < n; i++) {
    uint64_t b = raw_load(src + i * sstride, w), mag = b & ~sign;
    if (jn >= 0 && mag > inf) raw_store(dst + jn++ * stride, b, w);
    if (jz >= 0 && mag == 0) raw_store(dst + jz++ * stride, b, w);
  }
}

/* Complex: keys of the real and imaginary parts and the NaN class. */
INLINE void ckeys_t(void *re, void *im, uint8_t *cls, const char *src, int64_t stride,
                    int64_t n, bool desc, bool *anycls, int w) {
  uint64_t inv = desc ? width_ones(w) : 0;
  uint8_t cinv = desc ? 0xff : 0, any = 0;
  for (int64_t i = 0; i < n; i++) {
    const char *p = src + i * stride;
    unsigned fr = 0, fi = 0;
    kst(re, i, fkey(raw_load(p, w), w, &fr) ^ inv, w);
    kst(im, i, fkey(raw_load(p + w, w), w, &fi) ^ inv, w);
    uint8_t c = (uint8_t)(((fr & KF_NAN) ? 2 : 0) | ((fi & KF_NAN) ? 1 : 0));
    any |= c;
    cls[i] = c ^ cinv;
  }
  *anycls = any != 0;
}

typedef struct sort_type {
  int w; /* key width (complex: of each part) */
  uint64_t (*to_keys)(void *k, const char *src, int64_t stride, int64_t n, bool desc,
                      unsigned *flags, uint64_t ref);
  void (*from_keys)(char *dst, int64_t stride, const void *k, int64_t n, bool desc);
  void (*fix)(char *dst, int64_t stride, const char *src, int64_t sstride, int64_t n,
              bool desc, unsigned flags);
  void (*ckeys)(void *re, void *im, uint8_t *cls, const char *src, int64_t stride,
                int64_t n, bool desc, bool *anycls);
  uint64_t (*key64)(const char *p);
} sort_type;

#define REAL_TYPE(E, KIND, W)                                                  \
  static uint64_t to_keys_##E(void *k, const char *src, int64_t stride,        \
                              int64_t n, bool desc, unsigned *flags,           \
                              uint64_t ref) {                                  \
    return to_keys_t(k, src, stride, n, desc, flags, ref, KIND, W);            \
  }                                                                            \
  static void from_keys_##E(char *dst, int64_t stride, const void *k,          \
                            int64_t n, bool desc) {                            \
    from_keys_t(dst, stride, k, n, desc, KIND, W);                             \
  }                                                                            \
  static uint64_t key64_##E(const char *p) {                                   \
    unsigned fl = 0;                                                           \
    return key_of(p, KIND, W, &fl);                                            \
  }

#define FLOAT_FIX(E, W)                                                        \
  static void fix_##E(char *dst, int64_t stride, const char *src,              \
                      int64_t sstride, int64_t n, bool desc, unsigned flags) { \
    fix_t(dst, stride, src, sstride, n, desc, flags, W);                       \
  }

#define COMPLEX_TYPE(E, W)                                                     \
  static void ckeys_##E(void *re, void *im, uint8_t *cls, const char *src,     \
                        int64_t stride, int64_t n, bool desc, bool *anycls) {  \
    ckeys_t(re, im, cls, src, stride, n, desc, anycls, W);                     \
  }

REAL_TYPE(BOOL, 'b', 1)
REAL_TYPE(INT8, 'i', 1)
REAL_TYPE(UINT8, 'u', 1)
REAL_TYPE(INT16, 'i', 2)
REAL_TYPE(UINT16, 'u', 2)
REAL_TYPE(INT32, 'i', 4)
REAL_TYPE(UINT32, 'u', 4)
REAL_TYPE(INT64, 'i', 8)
REAL_TYPE(UINT64, 'u', 8)
REAL_TYPE(FLOAT32, 'f', 4)
REAL_TYPE(FLOAT64, 'f', 8)
FLOAT_FIX(FLOAT32, 4)
FLOAT_FIX(FLOAT64, 8)
COMPLEX_TYPE(COMPLEX64, 4)
COMPLEX_TYPE(COMPLEX128, 8)

#define INT_ENTRY(E, W) [NUMC_##E] = {W, to_keys_##E, from_keys_##E, NULL, NULL, key64_##E}
#define FLT_ENTRY(E, W) [NUMC_##E] = {W, to_keys_##E, from_keys_##E, fix_##E, NULL, key64_##E}
static const sort_type sort_types[NUMC_NDTYPES] = {
    INT_ENTRY(BOOL, 1),   INT_ENTRY(INT8, 1),   INT_ENTRY(UINT8, 1),
    INT_ENTRY(INT16, 2),  INT_ENTRY(UINT16, 2), INT_ENTRY(INT32, 4),
    INT_ENTRY(UINT32, 4), INT_ENTRY(INT64, 8),  INT_ENTRY(UINT64, 8),
    FLT_ENTRY(FLOAT32, 4), FLT_ENTRY(FLOAT64, 8),
    [NUMC_COMPLEX64] = {4, NULL, NULL, NULL, ckeys_COMPLEX64, NULL},
    [NUMC_COMPLEX128] = {8, NULL, NULL, NULL, ckeys_COMPLEX128, NULL},
};

numc__key64_fn numc__key64(numc_dtype dt) {
  assert(numc__dtype_valid(dt) && !numc__is_complex(dt));
  return sort_types[dt].key64;
}

void numc__keys64(numc_dtype dt, uint64_t *dst, const char *src, int64_t stride,
                  int64_t n) {
  numc__key64_fn f = numc__key64(dt);
  for (int64_t i = 0; i < n; i++) dst[i] = f(src + i * stride);
}

uint64_t numc__nan_key64(numc_dtype dt) { return width_ones(sort_types[dt].w); }

void numc__ckey_of(numc__ckey *k, numc_dtype dt, const char *p) {
  uint8_t cls;
  bool any;
  if (dt == NUMC_COMPLEX64) {
    uint32_t re, im;
    ckeys_COMPLEX64(&re, &im, &cls, p, 0, 1, false, &any);
    k->re = re, k->im = im;
  } else {
    uint64_t re, im;
    ckeys_COMPLEX128(&re, &im, &cls, p, 0, 1, false, &any);
    k->re = re, k->im = im;
  }
  k->cls = cls;
}

/* ---- sorting the lines of an array -------------------------------------- */

typedef struct line_job {
  const numc_array *x;
  numc_array *vals, *idx;
  const sort_type *ty;
  int axis;
  bool desc, cplx;
  int64_t n, nlines;
  size_t scratch_bytes; /* per thread */
  char *scratch;
  int nthreads; /* for one long line at a time; 1: lines share the pool */
  int64_t chunk;
  atomic_llong next;
} line_job;

/* Pointers to the first element of line `line` in x, vals, idx. */
static void line_ptrs(const line_job *j, int64_t line, const char **xp, char **vp,
                      char **ip) {
  const numc_array *x = j->x;
  int64_t xo = 0, vo = 0, io = 0;
  for (int d = x->ndim - 1; d >= 0 && line; d--) {
    if (d == j->axis) continue;
    int64_t i = line % x->shape[d];
    line /= x->shape[d];
    xo += i * x->strides[d];
    if (j->vals) vo += i * j->vals->strides[d];
    if (j->idx) io += i * j->idx->strides[d];
  }
  *xp = numc__array_ptr(x) + xo;
  *vp = j->vals ? numc__array_ptr(j->vals) + vo : NULL;
  *ip = j->idx ? numc__array_ptr(j->idx) + io : NULL;
}

/* Scratch bytes one line of n elements needs. */
static size_t line_scratch(const line_job *j) {
  size_t n = (size_t)j->n, w = (size_t)j->ty->w;
  if (j->cplx) /* keys, tmp, re, class, idx, itmp */
    return 3 * align64(n * w) + align64(n) + 2 * align64(n * 8);
  if (!j->idx) return 2 * align64(n * w); /* keys, tmp */
  return 2 * align64(n * w) + 2 * align64(n * 8);
}

static void gather_values(const line_job *j, char *vp, const char *xp, const int64_t *ix) {
  size_t isz = numc__isz(j->x->dtype);
  int64_t xs = j->x->strides[j->axis], vs = j->vals->strides[j->axis];
  for (int64_t i = 0; i < j->n; i++) memcpy(vp + i * vs, xp + ix[i] * xs, isz);
}

static void put_indices(const line_job *j, char *ip, const int64_t *ix) {
  int64_t is = j->idx->strides[j->axis];
  if (ip == (const char *)ix) return;
  for (int64_t i = 0; i < j->n; i++) memcpy(ip + i * is, &ix[i], sizeof *ix);
}

/* Keys of a long line, converted in parallel chunks. */
typedef struct keys_job {
  const sort_type *ty;
  void *k;
  const char *x;
  int64_t xs, n, chunk;
  bool desc;
  uint64_t ref;
  int nchunks;
  uint64_t diff[64];
  unsigned flags[64];
  atomic_int next;
} keys_job;

static void keys_worker(void *ctx, int tid) {
  (void)tid;
  keys_job *j = ctx;
  for (;;) {
    int c = atomic_fetch_add(&j->next, 1);
    if (c >= j->nchunks) break;
    int64_t lo = c * j->chunk, hi = lo + j->chunk < j->n ? lo + j->chunk : j->n;
    j->diff[c] = j->ty->to_keys(kat(j->k, lo, j->ty->w), j->x + lo * j->xs, j->xs, hi - lo,
                                j->desc, &j->flags[c], j->ref);
  }
}

/* The values of each sorted bucket, converted back while in cache. */
typedef struct finish_vals {
  const sort_type *ty;
  char *vp;
  int64_t vs;
  void *k;
  bool desc;
} finish_vals;

static void finish_values(void *ctx, int64_t off, int64_t n) {
  const finish_vals *f = ctx;
  f->ty->from_keys(f->vp + off * f->vs, f->vs, kat(f->k, off, f->ty->w), n, f->desc);
}

/* Sorts one line of real dtype with the scratch memory s, on the pool
 * (nthreads > 1) or on this thread. */
static int sort_real_line(const line_job *j, const char *xp, char *vp, char *ip, char *s) {
  const sort_type *ty = j->ty;
  int w = ty->w;
  int64_t n = j->n, xs = j->x->strides[j->axis];
  size_t kb = align64((size_t)n * (size_t)w);
  bool vals_only = !j->idx;
  int64_t vs = j->vals ? j->vals->strides[j->axis] : 0;
  void *k = vals_only && vs == w ? (void *)vp : s, *t = s + kb;
  int64_t *ix = NULL, *it = NULL;
  if (!vals_only) {
    ix = (int64_t *)(s + 2 * kb);
    it = (int64_t *)(s + 2 * kb + align64((size_t)n * 8));
    if (j->idx->strides[j->axis] == 8) ix = (int64_t *)ip;
  }
  /* keys, flags and the highest differing bit */
  unsigned flags = 0, fl0;
  uint64_t ref = 0, diff;
  ty->to_keys(&ref, xp, xs, 1, j->desc, &fl0, 0);
  ref = kld(&ref, 0, w);
  if (j->nthreads > 1) {
    keys_job kj;
    memset(&kj, 0, sizeof kj);
    kj.ty = ty, kj.k = k, kj.x = xp, kj.xs = xs, kj.n = n, kj.desc = j->desc, kj.ref = ref;
    kj.nchunks = 8 * j->nthreads < 64 ? 8 * j->nthreads : 64;
    kj.chunk = (n + kj.nchunks - 1) / kj.nchunks;
    atomic_store(&kj.next, 0);
    numc__pool_run(j->nthreads, keys_worker, &kj);
    diff = 0;
    for (int c = 0; c < kj.nchunks; c++) diff |= kj.diff[c], flags |= kj.flags[c];
  } else {
    diff = ty->to_keys(k, xp, xs, n, j->desc, &flags, ref);
  }
  const radix_impl *im = radix_for(w, !vals_only);
  finish_vals fv = {ty, vp, vs, k, j->desc};
  par_opts o = {j->nthreads, vals_only ? finish_values : NULL, &fv};
  NUMC__TRY(par_sort(im, k, t, ix, it, n, diff_bits(diff), false, &o, 0, !vals_only));
  if (vals_only) {
    if (flags) ty->fix(vp, vs, xp, xs, n, j->desc, flags);
    return NUMC_OK;
  }
  if (j->idx) put_indices(j, ip, ix);
  if (j->vals) gather_values(j, vp, xp, ix);
  return NUMC_OK;
}

/* Sorts one complex line: stable passes from the least significant key
 * (imag, then real, then the NaN class), moving the indices along. */
static int sort_complex_line(const line_job *j, const char *xp, char *vp, char *ip, char *s) {
  const sort_type *ty = j->ty;
  int w = ty->w;
  int64_t n = j->n, xs = j->x->strides[j->axis];
  size_t kb = align64((size_t)n * (size_t)w);
  char *k = s, *t = s + kb, *re = t + kb;
  uint8_t *cls = (uint8_t *)(re + kb);
  int64_t *ix = (int64_t *)((char *)cls + align64((size_t)n));
  int64_t *it = (int64_t *)((char *)ix + align64((size_t)n * 8));
  if (j->idx && j->idx->strides[j->axis] == 8) ix = (int64_t *)ip;
  bool anycls;
  ty->ckeys(re, k, cls, xp, xs, n, j->desc, &anycls);
  par_opts o = {j->nthreads, NULL, NULL};
  const radix_impl *im = radix_for(w, true), *im1 = radix_for(1, true);
  NUMC__TRY(par_sort(im, k, t, ix, it, n, 8 * w, false, &o, 0, true));
  for (int64_t i = 0; i < n; i++) kst(k, i, kld(re, ix[i], w), w);
  NUMC__TRY(par_sort(im, k, t, ix, it, n, 8 * w, false, &o, 0, false));
  if (anycls) {
    for (int64_t i = 0; i < n; i++) ((uint8_t *)k)[i] = cls[ix[i]];
    NUMC__TRY(par_sort(im1, k, t, ix, it, n, 8, false, &o, 0, false));
  }
  if (j->idx) put_indices(j, ip, ix);
  if (j->vals) gather_values(j, vp, xp, ix);
  return NUMC_OK;
}

static int sort_line(const line_job *j, int64_t line, char *s) {
  const char *xp;
  char *vp, *ip;
  line_ptrs(j, line, &xp, &vp, &ip);
  return j->cplx ? sort_complex_line(j, xp, vp, ip, s) : sort_real_line(j, xp, vp, ip, s);
}

static void line_worker(void *ctx, int tid) {
  line_job *j = ctx;
  char *s = j->scratch + (size_t)tid * j->scratch_bytes;
  for (;;) {
    int64_t lo = atomic_fetch_add(&j->next, j->chunk);
    if (lo >= j->nlines) break;
    int64_t hi = lo + j->chunk < j->nlines ? lo + j->chunk : j->nlines;
    for (int64_t l = lo; l < hi; l++) (void)sort_line(j, l, s); /* one thread: cannot fail */
  }
}

int numc__sort_lines(const numc_array *x, numc_array *vals, numc_array *idx, int axis,
                     bool descending) {
  assert(vals || idx);
  line_job j;
  memset(&j, 0, sizeof j);
  j.x = x, j.vals = vals, j.idx = idx, j.axis = axis, j.desc = descending;
  j.ty = &sort_types[x->dtype];
  j.cplx = numc__is_complex(x->dtype);
  j.n = x->shape[axis];
  int64_t size = numc__shape_size(x->ndim, x->shape);
  if (size == 0) return NUMC_OK;
  j.nlines = size / j.n;
  int pool = numc__pool_size();
  /* a long line at a time on the whole pool, or lines shared among threads */
  bool long_lines = j.n >= PAR_MIN && j.nlines < 2 * (int64_t)pool;
  int line_threads = long_lines || size < PAR_MIN ? 1 : pool;
  if (j.nlines < line_threads) line_threads = (int)j.nlines;
  j.nthreads = long_lines ? pool : 1;
  j.scratch_bytes = line_scratch(&j);
  j.scratch = numc__aligned_alloc(j.scratch_bytes * (size_t)line_threads, false);
  if (!j.scratch) return numc__oom();
  int rc = NUMC_OK;
  if (line_threads <= 1) {
    for (int64_t l = 0; l < j.nlines && rc == NUMC_OK; l++) rc = sort_line(&j, l, j.scratch);
  } else {
    j.chunk = j.nlines / ((int64_t)line_threads * 8);
    if (j.chunk < 1) j.chunk = 1;
    atomic_store(&j.next, 0);
    numc__pool_run(line_threads, line_worker, &j);
  }
  numc__aligned_free(j.scratch);
  return rc;
}
