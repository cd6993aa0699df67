/*
 * ops/random_internal.h - the state of a random stream and the draws every
 * distribution is made of, shared by ops/random*.c.
 *
 * A numc__rng is the plain state of one bit generator (MT19937, PCG64 or
 * Philox 4x64-10), with NumPy's buffered upper half of a 64-bit draw (used
 * by the 32-bit draws of PCG64 and Philox) and RandomState's cached normal.
 * `ndraws` counts the 64- and 32-bit draws made through numc__next64 and
 * numc__next32 (one unit each, whatever they cost underneath): the
 * parallel fills use it to know where in the stream an output started.
 *
 * numc_bitgen wraps a numc__rng with the lock that serialises its users.
 */
#ifndef NUMC_OPS_RANDOM_INTERNAL_H
#define NUMC_OPS_RANDOM_INTERNAL_H

#include "../core/internal.h"

#include <pthread.h>

#if !defined(__SIZEOF_INT128__)
#error "numc's random numbers need a 128-bit integer type (GCC, Clang)"
#endif
typedef unsigned __int128 numc__u128;

#define NUMC__MT_N 624
#define NUMC__PHILOX_BUF 4

typedef struct numc__rng {
  numc_bitgen_kind kind;
  int has_uint32;    /* PCG64/Philox: `uinteger` is the next 32-bit draw */
  uint32_t uinteger;
  int has_gauss;     /* RandomState: `gauss` is the next legacy normal */
  double gauss;
  int64_t ndraws;    /* units drawn (see above) */
  union {
    struct {
      uint32_t key[NUMC__MT_N];
      int pos;
    } mt;
    struct {
      numc__u128 state, inc;
    } pcg;
    struct {
      uint64_t ctr[4], key[2], buf[NUMC__PHILOX_BUF];
      int pos;
    } ph;
    struct {
      uint64_t s[4]; /* a, b, c, counter */
    } sfc;
  } s;
} numc__rng;

struct numc_bitgen {
  pthread_mutex_t mu;
  numc__rng g;
};

/* ---- the bit generators (ops/random_bitgen.c) ------------------------- */

/* Regenerates the 624 words of an MT19937 state (pos becomes 0). */
void numc__mt_refill(numc__rng *g);
/* Computes the next Philox block (counter + 1) into the buffer. */
void numc__philox_refill(numc__rng *g);
/* Moves the raw stream of g `k` 64-bit draws ahead (PCG64 or Philox,
 * keeping has_uint32 as it is). */
void numc__rng_skip64(numc__rng *g, uint64_t k);

#define NUMC__PCG_MULT                                                         \
  (((numc__u128)2549297995355413924ull << 64) | 4865540595714422341ull)

static inline uint32_t numc__mt_next(numc__rng *g) {
  if (NUMC__UNLIKELY(g->s.mt.pos >= NUMC__MT_N)) numc__mt_refill(g);
  uint32_t y = g->s.mt.key[g->s.mt.pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

static inline uint64_t numc__pcg_next(numc__rng *g) {
  numc__u128 s = g->s.pcg.state * NUMC__PCG_MULT + g->s.pcg.inc;
  g->s.pcg.state = s;
  uint64_t hi = (uint64_t)(s >> 64), x = hi ^ (uint64_t)s;
  unsigned rot = (unsigned)(hi >> 58);
  return (x >> rot) | (x << ((-rot) & 63));
}

static inline uint64_t numc__philox_next(numc__rng *g) {
  if (NUMC__UNLIKELY(g->s.ph.pos >= NUMC__PHILOX_BUF)) numc__philox_refill(g);
  return g->s.ph.buf[g->s.ph.pos++];
}

#define NUMC__PCG_CHEAP_MULT 0xda942042e4dd58b5ull

/* PCG64DXSM: the DXSM output of the current state, then one LCG step with
 * the 64-bit "cheap" multiplier. */
static inline uint64_t numc__pcgdxsm_next(numc__rng *g) {
  numc__u128 s = g->s.pcg.state;
  uint64_t hi = (uint64_t)(s >> 64), lo = (uint64_t)s | 1u;
  hi ^= hi >> 32;
  hi *= NUMC__PCG_CHEAP_MULT;
  hi ^= hi >> 48;
  hi *= lo;
  g->s.pcg.state = s * NUMC__PCG_CHEAP_MULT + g->s.pcg.inc;
  return hi;
}

/* SFC64: the counter-stepped chaotic mix of NumPy's sfc64_next. */
static inline uint64_t numc__sfc_next(numc__rng *g) {
  uint64_t *s = g->s.sfc.s, tmp = s[0] + s[1] + s[3]++;
  s[0] = s[1] ^ (s[1] >> 11);
  s[1] = s[2] + (s[2] << 3);
  s[2] = ((s[2] << 24) | (s[2] >> 40)) + tmp;
  return tmp;
}

/* One 64-bit draw of the underlying generator (MT19937: two 32-bit draws,
 * high word first), not counted. */
static inline uint64_t numc__raw64(numc__rng *g) {
  switch (g->kind) {
  case NUMC_BITGEN_PCG64:
    return numc__pcg_next(g);
  case NUMC_BITGEN_PHILOX:
    return numc__philox_next(g);
  case NUMC_BITGEN_SFC64:
    return numc__sfc_next(g);
  case NUMC_BITGEN_PCG64DXSM:
    return numc__pcgdxsm_next(g);
  default: {
    uint64_t hi = numc__mt_next(g);
    return hi << 32 | numc__mt_next(g);
  }
  }
}

/* NumPy's next_uint64. */
static inline uint64_t numc__next64(numc__rng *g) {
  g->ndraws++;
  return numc__raw64(g);
}

/* NumPy's next_uint32: MT19937 draws one word; PCG64 and Philox hand out
 * the low half of a 64-bit draw and keep the high half for the next call. */
static inline uint32_t numc__next32(numc__rng *g) {
  g->ndraws++;
  if (g->kind == NUMC_BITGEN_MT19937) return numc__mt_next(g);
  if (g->has_uint32) {
    g->has_uint32 = 0;
    return g->uinteger;
  }
  uint64_t w = numc__raw64(g);
  g->has_uint32 = 1;
  g->uinteger = (uint32_t)(w >> 32);
  return (uint32_t)w;
}

/* NumPy's next_double: 53 random bits in [0, 1) (MT19937: 27 + 26 bits of
 * two 32-bit draws, as the reference genrand_res53). One unit. */
static inline double numc__next_double(numc__rng *g) {
  g->ndraws++;
  if (g->kind == NUMC_BITGEN_MT19937) {
    int32_t a = (int32_t)(numc__mt_next(g) >> 5), b = (int32_t)(numc__mt_next(g) >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
  return (double)(numc__raw64(g) >> 11) * (1.0 / 9007199254740992.0);
}

/* NumPy's next_float: 24 random bits of a 32-bit draw. */
static inline float numc__next_float(numc__rng *g) {
  return (float)(numc__next32(g) >> 8) * (1.0f / 16777216.0f);
}

/* ---- bounded integers (NumPy's random_bounded_* family) ------------------ */

/* Smallest all-ones mask >= max. */
static inline uint64_t numc__gen_mask(uint64_t max) {
  uint64_t m = max;
  m |= m >> 1;
  m |= m >> 2;
  m |= m >> 4;
  m |= m >> 8;
  m |= m >> 16;
  m |= m >> 32;
  return m;
}

/* NumPy's random_interval: a value in [0, max] by masked rejection (32-bit
 * draws while max fits them). Used by the shuffles. */
static inline uint64_t numc__interval(numc__rng *g, uint64_t max) {
  if (max == 0) return 0;
  uint64_t mask = numc__gen_mask(max), v;
  if (max <= 0xffffffffu) {
    while ((v = (numc__next32(g) & mask)) > max) {
    }
  } else {
    while ((v = (numc__next64(g) & mask)) > max) {
    }
  }
  return v;
}

/* Lemire's nearly divisionless method on 32 bits, rng < 2^32 - 1. */
static inline uint32_t numc__lemire32(numc__rng *g, uint32_t rng) {
  uint32_t excl = rng + 1;
  uint64_t m = (uint64_t)numc__next32(g) * excl;
  uint32_t left = (uint32_t)m;
  if (left < excl) {
    uint32_t threshold = (UINT32_MAX - rng) % excl;
    while (left < threshold) {
      m = (uint64_t)numc__next32(g) * excl;
      left = (uint32_t)m;
    }
  }
  return (uint32_t)(m >> 32);
}

/* Lemire's method on 64 bits, rng < 2^64 - 1. */
static inline uint64_t numc__lemire64(numc__rng *g, uint64_t rng) {
  uint64_t excl = rng + 1;
  numc__u128 m = (numc__u128)numc__next64(g) * excl;
  uint64_t left = (uint64_t)m;
  if (left < excl) {
    uint64_t threshold = (UINT64_MAX - rng) % excl;
    while (left < threshold) {
      m = (numc__u128)numc__next64(g) * excl;
      left = (uint64_t)m;
    }
  }
  return (uint64_t)(m >> 64);
}

/* NumPy's random_bounded_uint64 without a buffer: a value in [0, rng]
 * (Lemire, or masked rejection with mask = numc__gen_mask(rng)). Ranges
 * that fit 32 bits use 32-bit draws. */
static inline uint64_t numc__bounded64(numc__rng *g, uint64_t rng, bool masked) {
  if (rng == 0) return 0;
  if (rng <= 0xffffffffu) {
    if (rng == 0xffffffffu) return numc__next32(g);
    if (masked) {
      uint32_t mask = (uint32_t)numc__gen_mask(rng), v;
      while ((v = (numc__next32(g) & mask)) > rng) {
      }
      return v;
    }
    return numc__lemire32(g, (uint32_t)rng);
  }
  if (rng == UINT64_MAX) return numc__next64(g);
  if (masked) {
    uint64_t mask = numc__gen_mask(rng), v;
    while ((v = (numc__next64(g) & mask)) > rng) {
    }
    return v;
  }
  return numc__lemire64(g, rng);
}

/* ---- shared by the drawing files ------------------------------------------ */

/* Locks/unlocks a generator's state (mutex held while drawing). */
static inline void numc__bitgen_lock(numc_bitgen *bg) { pthread_mutex_lock(&bg->mu); }
static inline void numc__bitgen_unlock(numc_bitgen *bg) { pthread_mutex_unlock(&bg->mu); }

/* A new uninitialised C-contiguous array (takes the graph lock). */
int numc__random_out(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape);

/* A materialized, C-contiguous int64 or float64 copy of x (converted
 * unsafely), for reading parameters. Takes the graph lock. */
int numc__random_operand(numc_array **out, const numc_array *x, numc_dtype dtype);

/* ---- parameters and the shared draws (ops/random.c) ---------------------- */

/* The most parameters a distribution of numc_random takes. */
#define NUMC__MAXPARAMS 3

/* Distribution parameters laid over the output: a float64 (or other dtype,
 * see numc__params_load) pointer and a step of 0 (one value for all) or 1
 * per parameter, and the output shape. `scalar` is set when every
 * parameter was 0-d (NumPy then words its errors "is NaN", not "contains
 * NaNs"). */
typedef struct params {
  int n;
  numc_array *hold[NUMC__MAXPARAMS]; /* contiguous copies to release */
  const void *p[NUMC__MAXPARAMS];
  int64_t step[NUMC__MAXPARAMS];
  bool scalar;
  int ndim; /* output shape */
  int64_t shape[NUMC_MAXDIMS];
} params;

/* Resolves the output shape of n (<= NUMC__MAXPARAMS) parameter arrays
 * (ndim < 0: their broadcast shape; otherwise `shape`, to which they must
 * broadcast, NUMC_ESHAPE otherwise) and reads them over it, each as dtype
 * dts[k] (dts NULL: float64 for all). Release with numc__params_done. */
int numc__params_load(params *ps, int n, const numc_array *const *in, const numc_dtype *dts,
                      int ndim, const int64_t *shape);
/* Releases the copies held by ps. */
void numc__params_done(params *ps);

/* Element i of float64 parameter k. */
#define NUMC__PAR(ps, k, i) (((const double *)(ps)->p[k])[(i) * (ps)->step[k]])

/* NumPy's standard normal (Generator: 64-bit ziggurat), standard
 * exponential (ziggurat), RandomState's polar-method normal (cached pair)
 * and inversion exponential, the Marsaglia-Tsang standard gamma of either
 * flavour, log Gamma(x) by Stirling's series (NumPy's random_loggam),
 * Poisson (multiplication below 10, PTRS above) and binomial (inversion or
 * BTPE; `legacy` keeps RandomState's draws for n == 0 or p == 0). */
double numc__std_normal(numc__rng *g);
double numc__std_exp(numc__rng *g);
double numc__legacy_gauss(numc__rng *g);
double numc__legacy_exp(numc__rng *g);
double numc__std_gamma(numc__rng *g, double shape, bool legacy);
/* Beta (Johnk below 1, else a gamma ratio), NumPy's per flavour. */
double numc__beta(numc__rng *g, double a, double b, bool legacy);
double numc__loggam(double x);
int64_t numc__poisson(numc__rng *g, double lam);
int64_t numc__binomial(numc__rng *g, int64_t n, double p, bool legacy);

/* ---- the other distributions (ops/random_dist.c) ------------------------- */

/* True for the distributions random_dist.c draws (CHISQUARE on). */
static inline bool numc__dist_extra(numc_random_dist d) { return d >= NUMC_RANDOM_CHISQUARE; }
/* True for those with int64 outputs. */
bool numc__dist_int_valued(numc_random_dist d);
/* NumPy's parameter checks of an extra distribution over n outputs, before
 * any draw (NUMC_EVALUE with NumPy's message). */
int numc__dist_check(const params *ps, numc_random_dist d, bool legacy, int64_t n);
/* Draws n outputs (float64 or int64 as numc__dist_int_valued) in order. */
void numc__dist_fill(numc__rng *g, numc_random_dist d, bool legacy, void *out, int64_t n,
                     const params *ps);

#endif /* NUMC_OPS_RANDOM_INTERNAL_H */
