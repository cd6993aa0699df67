/*
 * ops/random_bitgen.c - bit generators and their seeding: NumPy's
 * SeedSequence, MT19937 (with RandomState's legacy seeding), PCG64 (128-bit
 * LCG with the XSL-RR output) and Philox 4x64-10, the public numc_bitgen
 * handle, its state, advance and raw draws.
 *
 * The algorithms are the published ones (O'Neill's seed_seq hashing as
 * NumPy adapted it, Matsumoto-Nishimura's MT19937 with its init_genrand and
 * init_by_array, O'Neill's PCG, Salmon et al.'s Philox); where NumPy made a
 * choice of its own it is followed and commented, so that the same seed
 * gives NumPy's stream.
 */
#include "random_internal.h"

#ifdef NUMC_HAVE_RANDOM123
#include <Random123/philox.h>
#endif

/* ---- SeedSequence ----------------------------------------------------------- */

#define SS_INIT_A 0x43b0d7e5u
#define SS_MULT_A 0x931e8875u
#define SS_INIT_B 0x8b51f9ddu
#define SS_MULT_B 0x58f38dedu
#define SS_MIX_L 0xca01f9ddu
#define SS_MIX_R 0x4973f715u

static uint32_t ss_hash(uint32_t v, uint32_t *hc) {
  v ^= *hc;
  *hc *= SS_MULT_A;
  v *= *hc;
  return v ^ (v >> 16);
}

static uint32_t ss_mix(uint32_t x, uint32_t y) {
  uint32_t r = SS_MIX_L * x - SS_MIX_R * y;
  return r ^ (r >> 16);
}

/* Word i of the assembled entropy: the run entropy, zero-padded to the
 * pool size when a spawn key follows (NumPy 1.19's fix of gh-16539, kept
 * only for spawned sequences to preserve older streams), then the key. */
typedef struct ss_words {
  const uint32_t *ent, *key;
  int64_t nent, npad, nkey;
} ss_words;

static uint32_t ss_word(const ss_words *w, int64_t i) {
  if (i < w->nent) return w->ent[i];
  if (i < w->npad) return 0;
  return w->key[i - w->npad];
}

int numc_seedseq_pool(uint32_t *pool, int pool_size, const uint32_t *entropy,
                      int64_t n_entropy, const uint32_t *spawn_key, int64_t n_spawn_key) {
  if (pool == NULL || (entropy == NULL && n_entropy > 0) ||
      (spawn_key == NULL && n_spawn_key > 0) || n_entropy < 0 || n_spawn_key < 0)
    return numc__err(NUMC_EINVAL, "argument is NULL or negative");
  if (pool_size < NUMC_SEEDSEQ_POOL_SIZE)
    return numc__err(NUMC_EVALUE, "The size of the entropy pool should be at least %d",
                     NUMC_SEEDSEQ_POOL_SIZE);
  ss_words w = {entropy, spawn_key, n_entropy, n_entropy, n_spawn_key};
  if (n_spawn_key > 0 && n_entropy < pool_size) w.npad = pool_size;
  int64_t total = w.npad + n_spawn_key;
  uint32_t hc = SS_INIT_A;
  for (int i = 0; i < pool_size; i++) pool[i] = ss_hash(i < total ? ss_word(&w, i) : 0, &hc);
  for (int s = 0; s < pool_size; s++)
    for (int d = 0; d < pool_size; d++)
      if (s != d) pool[d] = ss_mix(pool[d], ss_hash(pool[s], &hc));
  for (int64_t s = pool_size; s < total; s++)
    for (int d = 0; d < pool_size; d++) pool[d] = ss_mix(pool[d], ss_hash(ss_word(&w, s), &hc));
  return NUMC_OK;
}

int numc_seedseq_generate(uint32_t *out, int64_t n_words, const uint32_t *pool, int pool_size) {
  if ((out == NULL && n_words > 0) || pool == NULL || n_words < 0 || pool_size < 1)
    return numc__err(NUMC_EINVAL, "argument is NULL or negative");
  uint32_t hc = SS_INIT_B;
  for (int64_t i = 0; i < n_words; i++) {
    uint32_t v = pool[i % pool_size] ^ hc;
    hc *= SS_MULT_B;
    v *= hc;
    out[i] = v ^ (v >> 16);
  }
  return NUMC_OK;
}

/* ---- MT19937 ---------------------------------------------------------------- */

#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfu
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7fffffffu

/* The reference init_genrand (Knuth's multiplier). */
static void mt_init_genrand(numc__rng *g, uint32_t s) {
  uint32_t *mt = g->s.mt.key;
  mt[0] = s;
  for (int i = 1; i < NUMC__MT_N; i++)
    mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
  g->s.mt.pos = NUMC__MT_N;
}

/* The reference init_by_array. */
static void mt_init_by_array(numc__rng *g, const uint32_t *key, int64_t n) {
  uint32_t *mt = g->s.mt.key;
  mt_init_genrand(g, 19650218u);
  int64_t i = 1, j = 0;
  for (int64_t k = n > NUMC__MT_N ? n : NUMC__MT_N; k > 0; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
    i++, j++;
    if (i >= NUMC__MT_N) mt[0] = mt[NUMC__MT_N - 1], i = 1;
    if (j >= n) j = 0;
  }
  for (int64_t k = NUMC__MT_N - 1; k > 0; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
    i++;
    if (i >= NUMC__MT_N) mt[0] = mt[NUMC__MT_N - 1], i = 1;
  }
  mt[0] = 0x80000000u; /* non-zero initial array */
  g->s.mt.pos = NUMC__MT_N;
}

static inline uint32_t mt_twist(uint32_t a, uint32_t b, uint32_t m) {
  uint32_t y = (a & MT_UPPER) | (b & MT_LOWER);
  return m ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
}

void numc__mt_refill(numc__rng *g) {
  uint32_t *k = g->s.mt.key;
  int i = 0;
  for (; i < NUMC__MT_N - MT_M; i++) k[i] = mt_twist(k[i], k[i + 1], k[i + MT_M]);
  for (; i < NUMC__MT_N - 1; i++) k[i] = mt_twist(k[i], k[i + 1], k[i + MT_M - NUMC__MT_N]);
  k[NUMC__MT_N - 1] = mt_twist(k[NUMC__MT_N - 1], k[0], k[MT_M - 1]);
  g->s.mt.pos = 0;
}

/* MT19937(seed_seq): word 0 gets the top bit, words 1..623 come from the
 * sequence, and NumPy leaves pos at 623 (the loop variable of its seeding
 * loop), so the first draw is key[623] before the first twist. */
static void mt_seed_seq(numc__rng *g, const uint32_t *pool, int pool_size) {
  numc_seedseq_generate(g->s.mt.key, NUMC__MT_N, pool, pool_size);
  g->s.mt.key[0] = 0x80000000u;
  g->s.mt.pos = NUMC__MT_N - 1;
}

/* ---- PCG64 ------------------------------------------------------------------ */

/* pcg_setseq_128_srandom_r: inc = 2 * initseq + 1, two steps around
 * adding initstate. */
static void pcg_seed(numc__rng *g, numc__u128 initstate, numc__u128 initseq) {
  g->s.pcg.state = 0;
  g->s.pcg.inc = (initseq << 1) | 1u;
  numc__pcg_next(g); /* PCG64's multiplier for PCG64DXSM too, as NumPy seeds it */
  g->s.pcg.state += initstate;
  numc__pcg_next(g);
}

/* The LCG multiplier of a PCG kind. */
static numc__u128 pcg_mult(numc_bitgen_kind k) {
  return k == NUMC_BITGEN_PCG64DXSM ? (numc__u128)NUMC__PCG_CHEAP_MULT : NUMC__PCG_MULT;
}

/* Brown's arbitrary-stride jump: state after `delta` LCG steps. */
static numc__u128 pcg_advance(numc__u128 state, numc__u128 delta, numc__u128 mult,
                              numc__u128 plus) {
  numc__u128 acc_mult = 1, acc_plus = 0;
  while (delta > 0) {
    if (delta & 1) {
      acc_mult *= mult;
      acc_plus = acc_plus * mult + plus;
    }
    plus = (mult + 1) * plus;
    mult *= mult;
    delta >>= 1;
  }
  return acc_mult * state + acc_plus;
}

/* The 64-bit words of a SeedSequence, NumPy's generate_state(n, uint64). */
static void ss_words64(uint64_t *out, int n, const uint32_t *pool, int pool_size) {
  uint32_t w[16];
  numc_seedseq_generate(w, 2 * n, pool, pool_size);
  for (int i = 0; i < n; i++) out[i] = (uint64_t)w[2 * i] | (uint64_t)w[2 * i + 1] << 32;
}

/* PCG64(seed_seq): four 64-bit words, state = (w0, w1), stream = (w2, w3)
 * with the first word of each pair the high half. */
static void pcg_seed_seq(numc__rng *g, const uint32_t *pool, int pool_size) {
  uint64_t v[4];
  ss_words64(v, 4, pool, pool_size);
  pcg_seed(g, (numc__u128)v[0] << 64 | v[1], (numc__u128)v[2] << 64 | v[3]);
}

/* ---- Philox 4x64-10 --------------------------------------------------------- */

static inline uint64_t mulhilo(uint64_t a, uint64_t b, uint64_t *hi) {
  numc__u128 p = (numc__u128)a * b;
  *hi = (uint64_t)(p >> 64);
  return (uint64_t)p;
}

#ifdef NUMC_HAVE_RANDOM123
/* Ten rounds of Philox4x64 on counter c with key k: Random123's own
 * philox4x64_R(10, c, k) (the generator NumPy's Philox is). */
static void philox_block(uint64_t out[4], const uint64_t c[4], const uint64_t k[2]) {
  philox4x64_ctr_t ctr = {{c[0], c[1], c[2], c[3]}};
  philox4x64_key_t key = {{k[0], k[1]}};
  philox4x64_ctr_t r = philox4x64_R(10, ctr, key);
  out[0] = r.v[0], out[1] = r.v[1], out[2] = r.v[2], out[3] = r.v[3];
}
#else
/* Ten rounds of Philox4x64 on counter c with key k (Random123's
 * philox4x64_R(10, c, k)). */
static void philox_block(uint64_t out[4], const uint64_t c[4], const uint64_t k[2]) {
  uint64_t x0 = c[0], x1 = c[1], x2 = c[2], x3 = c[3], k0 = k[0], k1 = k[1];
  for (int r = 0; r < 10; r++) {
    if (r > 0) k0 += 0x9E3779B97F4A7C15ull, k1 += 0xBB67AE8584CAA73Bull;
    uint64_t hi0, hi1;
    uint64_t lo0 = mulhilo(0xD2E7470EE14C6C93ull, x0, &hi0);
    uint64_t lo1 = mulhilo(0xCA5A826395121157ull, x2, &hi1);
    uint64_t y0 = hi1 ^ x1 ^ k0, y2 = hi0 ^ x3 ^ k1;
    x0 = y0, x1 = lo1, x2 = y2, x3 = lo0;
  }
  out[0] = x0, out[1] = x1, out[2] = x2, out[3] = x3;
}
#endif

/* Adds a 256-bit value (4 words, least significant first) to ctr. */
static void ctr_add(uint64_t ctr[4], const uint64_t add[4]) {
  unsigned carry = 0;
  for (int i = 0; i < 4; i++) {
    uint64_t a = ctr[i] + add[i];
    unsigned c1 = a < ctr[i];
    uint64_t b = a + carry;
    unsigned c2 = b < a;
    ctr[i] = b;
    carry = c1 | c2;
  }
}

void numc__philox_refill(numc__rng *g) {
  static const uint64_t one[4] = {1, 0, 0, 0};
  ctr_add(g->s.ph.ctr, one);
  philox_block(g->s.ph.buf, g->s.ph.ctr, g->s.ph.key);
  g->s.ph.pos = 0;
}

/* Philox(seed_seq): key = two 64-bit words, counter 0, empty buffer. */
static void philox_seed_seq(numc__rng *g, const uint32_t *pool, int pool_size) {
  ss_words64(g->s.ph.key, 2, pool, pool_size);
  memset(g->s.ph.ctr, 0, sizeof g->s.ph.ctr);
  memset(g->s.ph.buf, 0, sizeof g->s.ph.buf);
  g->s.ph.pos = NUMC__PHILOX_BUF;
}

/* SFC64(seed_seq): a, b, c from three 64-bit words, counter 1, then twelve
 * draws discarded. */
static void sfc_seed_seq(numc__rng *g, const uint32_t *pool, int pool_size) {
  ss_words64(g->s.sfc.s, 3, pool, pool_size);
  g->s.sfc.s[3] = 1;
  for (int i = 0; i < 12; i++) (void)numc__sfc_next(g);
}

void numc__rng_skip64(numc__rng *g, uint64_t k) {
  if (g->kind == NUMC_BITGEN_PCG64) {
    g->s.pcg.state = pcg_advance(g->s.pcg.state, k, NUMC__PCG_MULT, g->s.pcg.inc);
    return;
  }
  assert(g->kind == NUMC_BITGEN_PHILOX);
  uint64_t avail = (uint64_t)(NUMC__PHILOX_BUF - g->s.ph.pos);
  if (k <= avail) {
    g->s.ph.pos += (int)k;
    return;
  }
  k -= avail; /* words to skip from fresh blocks: ceil(k / 4) blocks */
  uint64_t blocks = (k + NUMC__PHILOX_BUF - 1) / NUMC__PHILOX_BUF;
  uint64_t add[4] = {blocks - 1, 0, 0, 0};
  ctr_add(g->s.ph.ctr, add);
  numc__philox_refill(g);
  g->s.ph.pos = (int)(k - (blocks - 1) * NUMC__PHILOX_BUF);
}

/* ---- the public handle ----------------------------------------------------- */

static int bitgen_alloc(numc_bitgen **out, numc_bitgen_kind kind) {
  numc_bitgen *bg = numc__calloc(1, sizeof *bg);
  if (bg == NULL) return numc__oom();
  if (pthread_mutex_init(&bg->mu, NULL) != 0) {
    numc__free(bg);
    return numc__err(NUMC_EINTERNAL, "cannot create the generator's lock");
  }
  bg->g.kind = kind;
  *out = bg;
  return NUMC_OK;
}

static bool kind_valid(int kind) {
  return kind == NUMC_BITGEN_MT19937 || kind == NUMC_BITGEN_PCG64 || kind == NUMC_BITGEN_PHILOX ||
         kind == NUMC_BITGEN_SFC64 || kind == NUMC_BITGEN_PCG64DXSM;
}

int numc_bitgen_new(numc_bitgen **out, numc_bitgen_kind kind, const uint32_t *pool,
                    int pool_size) {
  if (out == NULL || pool == NULL || pool_size < 1)
    return numc__err(NUMC_EINVAL, "argument is NULL or empty");
  if (!kind_valid(kind)) return numc__err(NUMC_EINVAL, "unknown bit generator kind %d", (int)kind);
  numc_bitgen *bg = NULL;
  NUMC__TRY(bitgen_alloc(&bg, kind));
  if (kind == NUMC_BITGEN_MT19937)
    mt_seed_seq(&bg->g, pool, pool_size);
  else if (kind == NUMC_BITGEN_PCG64 || kind == NUMC_BITGEN_PCG64DXSM)
    pcg_seed_seq(&bg->g, pool, pool_size);
  else if (kind == NUMC_BITGEN_PHILOX)
    philox_seed_seq(&bg->g, pool, pool_size);
  else
    sfc_seed_seq(&bg->g, pool, pool_size);
  *out = bg;
  return NUMC_OK;
}

int numc_bitgen_from_seed(numc_bitgen **out, numc_bitgen_kind kind, uint64_t seed) {
  uint32_t ent[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)}, pool[NUMC_SEEDSEQ_POOL_SIZE];
  NUMC__TRY(numc_seedseq_pool(pool, NUMC_SEEDSEQ_POOL_SIZE, ent, ent[1] ? 2 : 1, NULL, 0));
  return numc_bitgen_new(out, kind, pool, NUMC_SEEDSEQ_POOL_SIZE);
}

int numc_bitgen_seed_legacy(numc_bitgen *bg, const uint32_t *key, int64_t n, int scalar) {
  if (bg == NULL || (key == NULL && n > 0)) return numc__err(NUMC_EINVAL, "argument is NULL");
  if (bg->g.kind != NUMC_BITGEN_MT19937)
    return numc__err(NUMC_EINVAL, "can only re-seed a MT19937 BitGenerator");
  if (n < 1) return numc__err(NUMC_EVALUE, "Seed must be non-empty");
  numc__bitgen_lock(bg);
  if (scalar)
    mt_init_genrand(&bg->g, key[0]);
  else
    mt_init_by_array(&bg->g, key, n);
  bg->g.has_gauss = 0;
  bg->g.gauss = 0.0;
  numc__bitgen_unlock(bg);
  return NUMC_OK;
}

int numc_bitgen_copy(numc_bitgen **out, numc_bitgen *bg) {
  if (out == NULL || bg == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  numc_bitgen *c = NULL;
  NUMC__TRY(bitgen_alloc(&c, bg->g.kind));
  numc__bitgen_lock(bg);
  c->g = bg->g;
  numc__bitgen_unlock(bg);
  *out = c;
  return NUMC_OK;
}

void numc_bitgen_release(numc_bitgen *bg) {
  if (bg == NULL) return;
  pthread_mutex_destroy(&bg->mu);
  numc__free(bg);
}

numc_bitgen_kind numc_bitgen_get_kind(const numc_bitgen *bg) { return bg->g.kind; }

int numc_bitgen_get_state(numc_bitgen_state *out, numc_bitgen *bg) {
  if (out == NULL || bg == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  memset(out, 0, sizeof *out);
  numc__bitgen_lock(bg);
  const numc__rng *g = &bg->g;
  out->kind = g->kind;
  switch (g->kind) {
  case NUMC_BITGEN_MT19937:
    memcpy(out->u.mt19937.key, g->s.mt.key, sizeof g->s.mt.key);
    out->u.mt19937.pos = g->s.mt.pos;
    break;
  case NUMC_BITGEN_PCG64:
  case NUMC_BITGEN_PCG64DXSM:
    out->u.pcg64.state_high = (uint64_t)(g->s.pcg.state >> 64);
    out->u.pcg64.state_low = (uint64_t)g->s.pcg.state;
    out->u.pcg64.inc_high = (uint64_t)(g->s.pcg.inc >> 64);
    out->u.pcg64.inc_low = (uint64_t)g->s.pcg.inc;
    break;
  case NUMC_BITGEN_PHILOX:
    memcpy(out->u.philox.counter, g->s.ph.ctr, sizeof g->s.ph.ctr);
    memcpy(out->u.philox.key, g->s.ph.key, sizeof g->s.ph.key);
    memcpy(out->u.philox.buffer, g->s.ph.buf, sizeof g->s.ph.buf);
    out->u.philox.buffer_pos = g->s.ph.pos;
    break;
  case NUMC_BITGEN_SFC64:
    memcpy(out->u.sfc64.state, g->s.sfc.s, sizeof g->s.sfc.s);
    break;
  }
  out->has_uint32 = g->has_uint32;
  out->uinteger = g->uinteger;
  out->has_gauss = g->has_gauss;
  out->gauss = g->gauss;
  numc__bitgen_unlock(bg);
  return NUMC_OK;
}

static const char *kind_name(numc_bitgen_kind k) {
  return k == NUMC_BITGEN_MT19937 ? "MT19937"
         : k == NUMC_BITGEN_PCG64 ? "PCG64"
         : k == NUMC_BITGEN_SFC64 ? "SFC64"
         : k == NUMC_BITGEN_PCG64DXSM ? "PCG64DXSM"
                                  : "Philox";
}

int numc_bitgen_set_state(numc_bitgen *bg, const numc_bitgen_state *st) {
  if (bg == NULL || st == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  if (st->kind != bg->g.kind)
    return numc__err(NUMC_EVALUE, "state must be for a %s PRNG", kind_name(bg->g.kind));
  if (st->kind == NUMC_BITGEN_MT19937 &&
      (st->u.mt19937.pos < 0 || st->u.mt19937.pos > NUMC__MT_N))
    return numc__err(NUMC_EVALUE, "MT19937 pos must be in [0, 624], got %d",
                     (int)st->u.mt19937.pos);
  if (st->kind == NUMC_BITGEN_PHILOX &&
      (st->u.philox.buffer_pos < 0 || st->u.philox.buffer_pos > NUMC__PHILOX_BUF))
    return numc__err(NUMC_EVALUE, "Philox buffer_pos must be in [0, 4], got %d",
                     (int)st->u.philox.buffer_pos);
  numc__bitgen_lock(bg);
  numc__rng *g = &bg->g;
  switch (g->kind) {
  case NUMC_BITGEN_MT19937:
    memcpy(g->s.mt.key, st->u.mt19937.key, sizeof g->s.mt.key);
    g->s.mt.pos = st->u.mt19937.pos;
    break;
  case NUMC_BITGEN_PCG64:
  case NUMC_BITGEN_PCG64DXSM:
    g->s.pcg.state = (numc__u128)st->u.pcg64.state_high << 64 | st->u.pcg64.state_low;
    g->s.pcg.inc = (numc__u128)st->u.pcg64.inc_high << 64 | st->u.pcg64.inc_low;
    break;
  case NUMC_BITGEN_PHILOX:
    memcpy(g->s.ph.ctr, st->u.philox.counter, sizeof g->s.ph.ctr);
    memcpy(g->s.ph.key, st->u.philox.key, sizeof g->s.ph.key);
    memcpy(g->s.ph.buf, st->u.philox.buffer, sizeof g->s.ph.buf);
    g->s.ph.pos = st->u.philox.buffer_pos;
    break;
  case NUMC_BITGEN_SFC64:
    memcpy(g->s.sfc.s, st->u.sfc64.state, sizeof g->s.sfc.s);
    break;
  }
  g->has_uint32 = st->has_uint32 != 0;
  g->uinteger = st->uinteger;
  g->has_gauss = st->has_gauss != 0;
  g->gauss = st->gauss;
  numc__bitgen_unlock(bg);
  return NUMC_OK;
}

int numc_bitgen_advance(numc_bitgen *bg, const uint64_t *delta, int nwords) {
  if (bg == NULL || (delta == NULL && nwords > 0) || nwords < 0)
    return numc__err(NUMC_EINVAL, "argument is NULL or negative");
  uint64_t d[4] = {0, 0, 0, 0};
  for (int i = 0; i < nwords && i < 4; i++) d[i] = delta[i];
  numc__rng *g = &bg->g;
  if (g->kind == NUMC_BITGEN_MT19937 || g->kind == NUMC_BITGEN_SFC64)
    return numc__err(NUMC_ENOTIMPL, "%s cannot be advanced by an arbitrary step",
                     kind_name(g->kind));
  numc__bitgen_lock(bg);
  if (g->kind == NUMC_BITGEN_PCG64 || g->kind == NUMC_BITGEN_PCG64DXSM) {
    g->s.pcg.state = pcg_advance(g->s.pcg.state, (numc__u128)d[1] << 64 | d[0],
                                 pcg_mult(g->kind), g->s.pcg.inc);
  } else {
    ctr_add(g->s.ph.ctr, d);
    memset(g->s.ph.buf, 0, sizeof g->s.ph.buf);
    g->s.ph.pos = NUMC__PHILOX_BUF;
  }
  g->has_uint32 = 0;
  g->uinteger = 0;
  numc__bitgen_unlock(bg);
  return NUMC_OK;
}

int numc_bitgen_random_raw(numc_array **out, numc_bitgen *bg, int ndim, const int64_t *shape) {
  if (out == NULL || bg == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  numc_array *a;
  NUMC__TRY(numc__random_out(&a, NUMC_UINT64, ndim, shape));
  uint64_t *p = (uint64_t *)numc__array_ptr(a);
  int64_t n = a->ndim ? numc__shape_size(a->ndim, a->shape) : 1;
  numc__bitgen_lock(bg);
  numc__rng *g = &bg->g;
  if (g->kind == NUMC_BITGEN_MT19937)
    for (int64_t i = 0; i < n; i++) p[i] = numc__mt_next(g);
  else
    for (int64_t i = 0; i < n; i++) p[i] = numc__raw64(g);
  numc__bitgen_unlock(bg);
  *out = a;
  return NUMC_OK;
}
