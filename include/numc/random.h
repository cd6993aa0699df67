/*
 * numc/random.h - random numbers, stream-compatible with NumPy 2.4.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * A bit generator (numc_bitgen) holds the state of one random stream:
 * NumPy's MT19937 (the Mersenne Twister behind the legacy RandomState),
 * PCG64 (behind default_rng), PCG64DXSM, SFC64 or Philox (4x64-10, counter
 * based; Random123's philox4x64_R when built with it). Seeded the
 * way NumPy seeds them, a generator gives the same numbers as NumPy for the
 * same calls: numc_bitgen_from_seed(&g, NUMC_BITGEN_PCG64, 42) followed by
 * numc_random(..., NUMC_RANDOM_STANDARD_NORMAL, ...) draws exactly
 * np.random.default_rng(42).standard_normal(...).
 *
 * Distributions come in two flavours selected by NUMC_RANDOM_LEGACY: the
 * algorithms of numpy.random.Generator (default) or those of the legacy
 * numpy.random.RandomState (polar Box-Muller normals with a cached second
 * value, masked-rejection integers, ...), which NumPy keeps frozen.
 *
 * Results are new, materialized, C-contiguous arrays (generation is not
 * lazy). Every call locks the generator, so one numc_bitgen may be used
 * from several threads without corrupting its state (the interleaving of
 * the draws is then up to the scheduler). Large float64 RANDOM and UNIFORM
 * outputs of PCG64 and Philox (one 64-bit draw per value) are cut into
 * blocks filled by the thread pool, each from a copy of the state jumped
 * ahead to its block: the result is the sequential stream, bit for bit,
 * whatever the thread count. Everything else is drawn on the calling
 * thread.
 *
 * Not implemented yet (NumPy has them): Generator.standard_exponential's
 * method='inv', standard_gamma's float32 dtype, multithreaded fills of the
 * distributions with rejection loops (normals, integers, ...).
 *
 * Argument errors are reported before anything is drawn, with NumPy's
 * messages (NUMC_EVALUE for ValueError, NUMC_EOVERFLOW for OverflowError,
 * NUMC_ETYPE for an unsupported dtype); a failed call leaves the state
 * unchanged.
 */
#ifndef NUMC_RANDOM_H
#define NUMC_RANDOM_H

#include "array.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- SeedSequence ------------------------------------------------------- */

/* NumPy's default SeedSequence pool size (32-bit words). */
#define NUMC_SEEDSEQ_POOL_SIZE 4

/*
 * NumPy's SeedSequence(entropy, spawn_key=..., pool_size=...): hashes the
 * entropy words into `pool` (pool_size words, >= 4: NUMC_EVALUE otherwise).
 * `entropy` holds the entropy as 32-bit words, least significant first for
 * an integer, sequences concatenated (NumPy's _coerce_to_uint32_array: the
 * integer 0 is one word 0, an empty sequence no word); `spawn_key` the
 * spawn key words likewise. Either pointer may be NULL with a count of 0.
 */
NUMC_API int numc_seedseq_pool(uint32_t *pool, int pool_size,
                               const uint32_t *entropy, int64_t n_entropy,
                               const uint32_t *spawn_key, int64_t n_spawn_key);

/*
 * SeedSequence.generate_state(n_words, np.uint32) of the sequence whose
 * pool is `pool`: writes n_words (>= 0) words to out. The uint64 form of
 * NumPy pairs them little-endian: word k = out[2k] | out[2k+1] << 32.
 */
NUMC_API int numc_seedseq_generate(uint32_t *out, int64_t n_words,
                                   const uint32_t *pool, int pool_size);

/* ---- bit generators ------------------------------------------------------ */

typedef struct numc_bitgen numc_bitgen;

typedef enum numc_bitgen_kind {
  NUMC_BITGEN_MT19937 = 0,
  NUMC_BITGEN_PCG64 = 1,
  NUMC_BITGEN_PHILOX = 2,
  NUMC_BITGEN_SFC64 = 3, /* Chris Doty-Humphrey's Small Fast Chaotic PRNG */
  NUMC_BITGEN_PCG64DXSM = 4 /* PCG64 with the cheap multiplier, DXSM output */
} numc_bitgen_kind;

/*
 * A new bit generator seeded from a SeedSequence pool (see
 * numc_seedseq_pool), as NumPy's MT19937(ss), PCG64(ss), Philox(ss) and
 * SFC64(ss).
 * Give it back with numc_bitgen_release. Unknown kind: NUMC_EINVAL.
 */
NUMC_API int numc_bitgen_new(numc_bitgen **out, numc_bitgen_kind kind,
                             const uint32_t *pool, int pool_size);

/* Shorthand for numc_bitgen_new from SeedSequence(seed): NumPy's
 * PCG64(seed); default_rng(seed) is the PCG64 one. */
NUMC_API int numc_bitgen_from_seed(numc_bitgen **out, numc_bitgen_kind kind,
                                   uint64_t seed);

/*
 * RandomState's seeding of an MT19937 generator (MT19937._legacy_seeding):
 * with `scalar` set, key[0] seeds the reference init_genrand (np.random.
 * seed(42)); otherwise the n words seed init_by_array (np.random.seed([1,
 * 2])). n < 1: NUMC_EVALUE "Seed must be non-empty". Not an MT19937:
 * NUMC_EINVAL. Also clears the legacy Gaussian cache.
 */
NUMC_API int numc_bitgen_seed_legacy(numc_bitgen *bg, const uint32_t *key,
                                     int64_t n, int scalar);

/* An independent generator in the same state (own lock). Release it with
 * numc_bitgen_release. */
NUMC_API int numc_bitgen_copy(numc_bitgen **out, numc_bitgen *bg);

/* Gives a generator back. NULL is a no-op. It must not be in use. */
NUMC_API void numc_bitgen_release(numc_bitgen *bg);

/* The kind a generator was made with. */
NUMC_API numc_bitgen_kind numc_bitgen_get_kind(const numc_bitgen *bg);

/*
 * The whole state of a generator, field for field NumPy's
 * bit_generator.state (plus RandomState's Gaussian cache, which numc keeps
 * with the generator).
 */
typedef struct numc_bitgen_state {
  numc_bitgen_kind kind;
  union {
    struct {
      uint32_t key[624];
      int32_t pos; /* 0 .. 624 */
    } mt19937;
    struct {
      uint64_t state_high, state_low, inc_high, inc_low;
    } pcg64; /* PCG64 and PCG64DXSM */
    struct {
      uint64_t counter[4], key[2], buffer[4];
      int32_t buffer_pos; /* 0 .. 4 */
    } philox;
    struct {
      uint64_t state[4]; /* a, b, c and the counter w */
    } sfc64;
  } u;
  int32_t has_uint32; /* PCG64 and Philox: half of a 64-bit draw kept */
  uint32_t uinteger;
  int32_t has_gauss; /* RandomState: second normal of the last pair kept */
  double gauss;
} numc_bitgen_state;

/* Reads the state. Never fails for a valid generator. */
NUMC_API int numc_bitgen_get_state(numc_bitgen_state *out, numc_bitgen *bg);

/* Sets the state. Another kind: NUMC_EVALUE ("state must be for a PCG64
 * PRNG"); pos or buffer_pos out of range: NUMC_EVALUE. */
NUMC_API int numc_bitgen_set_state(numc_bitgen *bg, const numc_bitgen_state *st);

/*
 * NumPy's advance(delta): PCG64 (and PCG64DXSM) moves its LCG `delta` steps (128 bits,
 * 2 words) and Philox adds delta to its counter (256 bits, 4 words), both
 * dropping buffered values; words are least significant first, and fewer
 * words mean zero high words. MT19937 and SFC64: NUMC_ENOTIMPL.
 */
NUMC_API int numc_bitgen_advance(numc_bitgen *bg, const uint64_t *delta,
                                 int nwords);

/* bit_generator.random_raw(size): the raw outputs as uint64 (MT19937: one
 * 32-bit draw each, PCG64 and Philox: one 64-bit draw each). */
NUMC_API int numc_bitgen_random_raw(numc_array **out, numc_bitgen *bg, int ndim,
                                    const int64_t *shape);

/* ---- distributions ---------------------------------------------------- */

/* Flags of the drawing functions. */
#define NUMC_RANDOM_LEGACY 0x1u   /* RandomState's algorithms and messages */
#define NUMC_RANDOM_ENDPOINT 0x2u /* integers: high is included */
#define NUMC_RANDOM_REPLACE 0x4u  /* choice: with replacement */
#define NUMC_RANDOM_SHUFFLE 0x8u  /* choice without replacement: shuffled */

/*
 * The distributions of numc_random: name, number of parameters and their
 * names in order. One list generates the enum and numc_random_dist_name.
 */
#define NUMC_RANDOM_DIST_MAP(X)                                                \
  X(RANDOM, "random", 0)                   /* [0, 1) */                        \
  X(STANDARD_NORMAL, "standard_normal", 0)                                     \
  X(NORMAL, "normal", 2)                   /* loc, scale */                    \
  X(UNIFORM, "uniform", 2)                 /* low, high */                     \
  X(STANDARD_EXPONENTIAL, "standard_exponential", 0)                           \
  X(EXPONENTIAL, "exponential", 1)         /* scale */                         \
  X(STANDARD_GAMMA, "standard_gamma", 1)   /* shape */                         \
  X(GAMMA, "gamma", 2)                     /* shape, scale */                  \
  X(BETA, "beta", 2)                       /* a, b */                          \
  X(POISSON, "poisson", 1)                 /* lam */                           \
  X(BINOMIAL, "binomial", 2)               /* n (truncated), p */            \
  X(CHISQUARE, "chisquare", 1)             /* df */                          \
  X(NONCENTRAL_CHISQUARE, "noncentral_chisquare", 2) /* df, nonc */          \
  X(F, "f", 2)                             /* dfnum, dfden */                \
  X(NONCENTRAL_F, "noncentral_f", 3)       /* dfnum, dfden, nonc */          \
  X(LOGNORMAL, "lognormal", 2)             /* mean, sigma */                 \
  X(STANDARD_T, "standard_t", 1)           /* df */                          \
  X(STANDARD_CAUCHY, "standard_cauchy", 0)                                   \
  X(LAPLACE, "laplace", 2)                 /* loc, scale */                  \
  X(LOGISTIC, "logistic", 2)               /* loc, scale */                  \
  X(GUMBEL, "gumbel", 2)                   /* loc, scale */                  \
  X(WEIBULL, "weibull", 1)                 /* a */                           \
  X(PARETO, "pareto", 1)                   /* a */                           \
  X(POWER, "power", 1)                     /* a */                           \
  X(RAYLEIGH, "rayleigh", 1)               /* scale */                       \
  X(TRIANGULAR, "triangular", 3)           /* left, mode, right */           \
  X(VONMISES, "vonmises", 2)               /* mu, kappa */                   \
  X(WALD, "wald", 2)                       /* mean, scale */                 \
  X(GEOMETRIC, "geometric", 1)             /* p (int64) */                   \
  X(NEGATIVE_BINOMIAL, "negative_binomial", 2) /* n, p (int64) */            \
  X(HYPERGEOMETRIC, "hypergeometric", 3)   /* ngood, nbad, nsample (int64) */ \
  X(LOGSERIES, "logseries", 1)             /* p (int64) */                   \
  X(ZIPF, "zipf", 1)                       /* a (int64) */

typedef enum numc_random_dist {
#define NUMC__RANDOM_DIST_ENUM(name, str, np) NUMC_RANDOM_##name,
  NUMC_RANDOM_DIST_MAP(NUMC__RANDOM_DIST_ENUM)
#undef NUMC__RANDOM_DIST_ENUM
  NUMC_RANDOM__COUNT
} numc_random_dist;

/* NumPy's method name of a distribution ("standard_normal"); "" if unknown. */
NUMC_API const char *numc_random_dist_name(numc_random_dist dist);
/* Its number of parameters; -1 if unknown. */
NUMC_API int numc_random_dist_nparams(numc_random_dist dist);

/*
 * Draws from `dist` with the parameters `params` (numc_random_dist_nparams
 * arrays of any real dtype, 0-d for scalars; they broadcast together, as in
 * Generator.normal(loc, scale, size)). ndim >= 0 gives the output shape
 * (NumPy's size=; the parameters must broadcast to it exactly:
 * NUMC_ESHAPE otherwise); ndim < 0 takes the broadcast shape of the
 * parameters (size=None).
 *
 * dtype NUMC_DTYPE_DEFAULT gives float64 (int64 for the integer-valued
 * POISSON, BINOMIAL, GEOMETRIC, NEGATIVE_BINOMIAL, HYPERGEOMETRIC,
 * LOGSERIES and ZIPF, which accept only that; the integer parameters of
 * HYPERGEOMETRIC are truncated); NUMC_FLOAT32 is accepted for
 * RANDOM, STANDARD_NORMAL and STANDARD_EXPONENTIAL without NUMC_RANDOM_LEGACY (NumPy's dtype=
 * argument); any other dtype: NUMC_ETYPE ("Unsupported dtype ... for
 * random").
 *
 * Parameter checks and their NUMC_EVALUE messages are NumPy's ("scale < 0"
 * for a negative scale, -0.0 included, "a <= 0", "lam < 0 or lam is NaN",
 * "lam value too large", "n < 0", "p < 0, p > 1 or p is NaN", "left >
 * mode", "ngood + nbad < nsample", ...: each parameter is checked over all
 * its values before the next, and "is NaN" becomes "contains NaNs" when a
 * parameter is not 0-d, as NumPy words it); UNIFORM: a range
 * high - low that is not finite is NUMC_EOVERFLOW, a negative one
 * NUMC_EVALUE "high - low < 0" for Generator, allowed by RandomState). Draws are taken in C
 * order of the output, element by element, as NumPy does, so the stream
 * matches NumPy for any parameters.
 */
NUMC_API int numc_random(numc_array **out, numc_bitgen *bg, unsigned flags,
                         numc_random_dist dist, numc_dtype dtype,
                         const numc_array *const *params, int ndim,
                         const int64_t *shape);

/* numc_random with scalar parameters (numc_random_dist_nparams doubles);
 * ndim < 0 gives a 0-d result. */
NUMC_API int numc_random_s(numc_array **out, numc_bitgen *bg, unsigned flags,
                           numc_random_dist dist, numc_dtype dtype,
                           const double *params, int ndim,
                           const int64_t *shape);

/*
 * Generator.integers(low, high, size, dtype, endpoint) (with
 * NUMC_RANDOM_LEGACY: RandomState.randint): integers in [low, high), or
 * [low, high] with NUMC_RANDOM_ENDPOINT. low and high are arrays of any
 * real dtype (0-d for scalars; floats are truncated) broadcast as in
 * numc_random. dtype: bool or an integer dtype (NUMC_DTYPE_DEFAULT:
 * int64); others NUMC_ETYPE. Errors (NUMC_EVALUE, NumPy's messages): "low
 * is out of bounds for int8", "high is out of bounds for int8", "low >=
 * high" (with endpoint "low > high"; "high <= 0" / "high < 0" when low is
 * 0). An empty output is returned without any check, as NumPy does.
 * Generator uses Lemire's method, RandomState masked rejection, both with
 * NumPy's packing of 8- and 16-bit draws into 32-bit ones.
 */
NUMC_API int numc_random_integers(numc_array **out, numc_bitgen *bg,
                                  unsigned flags, const numc_array *low,
                                  const numc_array *high, numc_dtype dtype,
                                  int ndim, const int64_t *shape);

/*
 * The indices that Generator.choice(a, size, replace, p, shuffle) (with
 * NUMC_RANDOM_LEGACY: RandomState.choice) draws from a population of
 * pop_size: an int64 array of the given shape; the caller takes them from
 * `a` (numc_take). NUMC_RANDOM_REPLACE draws with replacement,
 * NUMC_RANDOM_SHUFFLE shuffles a sample drawn without replacement
 * (Generator only; RandomState always does). p (NULL: uniform) is a 1-d
 * array of pop_size probabilities. Errors (NUMC_EVALUE, NumPy's messages
 * for each flavour): pop_size < 0 or == 0 with samples to take, p not 1-d,
 * of another size, with NaN, negative entries or not summing to 1 (within
 * sqrt(eps) of its dtype), a sample larger than the population without
 * replacement, fewer non-zero entries of p than the sample.
 */
NUMC_API int numc_random_choice(numc_array **out, numc_bitgen *bg,
                                unsigned flags, int64_t pop_size,
                                const numc_array *p, int ndim,
                                const int64_t *shape);

/*
 * Shuffles x in place along `axis` (Generator.shuffle; RandomState.shuffle
 * is axis 0): Fisher-Yates from the last position down, as NumPy. x must
 * be writable (NUMC_EREADONLY "array is read-only") and at least 1-d
 * (NUMC_EAXIS otherwise). The write is ordered after every pending read of
 * x's buffer.
 */
NUMC_API int numc_random_shuffle(numc_bitgen *bg, numc_array *x, int axis);

/*
 * A shuffled copy of x along `axis` (Generator.permutation(x, axis);
 * RandomState.permutation is axis 0): a 1-d x is copied and shuffled,
 * otherwise a shuffled arange indexes the axis, as NumPy does (the streams
 * differ). x must be at least 1-d: NUMC_EINDEX otherwise.
 */
NUMC_API int numc_random_permutation(numc_array **out, numc_bitgen *bg,
                                     const numc_array *x, int axis);

/* permutation(n): a shuffled arange(n) (int64). n < 0: NUMC_EVALUE. */
NUMC_API int numc_random_permutation_n(numc_array **out, numc_bitgen *bg,
                                       int64_t n);

/*
 * Generator.multinomial(n, pvals, size) (with NUMC_RANDOM_LEGACY:
 * RandomState.multinomial): int64 counts of shape lead + (d,), d the last
 * dimension of pvals (float64-converted; NumPy's algorithm: a binomial per
 * category of the remaining count). n (integer array, 0-d for a scalar)
 * broadcasts with pvals[..., 0]; lead is that broadcast shape (ndim < 0)
 * or `shape` (which it must broadcast to: NUMC_ESHAPE). Errors
 * (NUMC_EVALUE, NumPy's messages): d == 0 (Generator), pvals outside [0, 1]
 * or NaN, a row whose first d - 1 entries sum above 1 + 1e-12 ("sum(pvals[:-
 * 1]) > 1.0"), n < 0; RandomState: pvals must be 1-d (0-d: NUMC_ETYPE).
 */
NUMC_API int numc_random_multinomial(numc_array **out, numc_bitgen *bg, unsigned flags,
                                     const numc_array *n, const numc_array *pvals, int ndim,
                                     const int64_t *shape);

/*
 * Generator.dirichlet(alpha, size) (NUMC_RANDOM_LEGACY: RandomState's):
 * float64 draws of shape `shape` + (k,) (ndim < 0: (k,)) for a 1-d alpha of
 * k entries (other ranks: NUMC_EVALUE). Normalised gammas; Generator breaks
 * sticks with beta draws when every alpha is below 0.1, as NumPy. Errors
 * (NUMC_EVALUE): "alpha < 0" (Generator), "alpha <= 0" (RandomState).
 */
NUMC_API int numc_random_dirichlet(numc_array **out, numc_bitgen *bg, unsigned flags,
                                   const numc_array *alpha, int ndim, const int64_t *shape);

/*
 * Generator.multivariate_hypergeometric(colors, nsample, size, method):
 * int64 draws of shape `shape` + (k,) (ndim < 0: (k,)) for a 1-d integer
 * array of k color counts; `count` selects method='count' (a partial shuffle
 * of the expanded population), otherwise 'marginals' (one hypergeometric
 * per color), both as NumPy. Errors (NUMC_EVALUE, NumPy's messages):
 * nsample < 0, colors not 1-d, not integers or negative, a sum beyond
 * int64, marginals with sum(colors) >= 1e9, nsample > sum(colors);
 * NUMC_ENOMEM when the population of 'count' cannot be allocated.
 */
NUMC_API int numc_random_multivariate_hypergeometric(numc_array **out, numc_bitgen *bg,
                                                    const numc_array *colors, int64_t nsample,
                                                    int count, int ndim, const int64_t *shape);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_RANDOM_H */
