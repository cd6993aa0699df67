/*
 * tests/c/test_random.c - bit generators, SeedSequence and distributions
 * (numc/random.h). The expected values are NumPy 2.4's, printed in the
 * project venv with the call quoted next to each (floats as float.hex(),
 * integers in hex or decimal), e.g.
 *   python -c "import numpy as np; print([hex(x) for x in
 *              np.random.PCG64(42).random_raw(3)])"
 */
#include "test_util.h"

static numc_bitgen *seeded(numc_bitgen_kind kind, uint64_t seed) {
  numc_bitgen *bg = NULL;
  OK(numc_bitgen_from_seed(&bg, kind, seed));
  return bg;
}

static numc_bitgen *legacy(uint32_t seed) {
  numc_bitgen *bg = seeded(NUMC_BITGEN_MT19937, 0);
  OK(numc_bitgen_seed_legacy(bg, &seed, 1, 1));
  return bg;
}

static void assert_u64(const numc_array *a, int n, const uint64_t *want) {
  assert_int_equal(numc_array_size(a), n);
  void *p;
  OK(numc_array_data(&p, a, NUMC_ACCESS_READ));
  for (int i = 0; i < n; i++)
    if (((uint64_t *)p)[i] != want[i])
      fail_msg("element %d: got %#lx, want %#lx", i, (unsigned long)((uint64_t *)p)[i],
               (unsigned long)want[i]);
}

/* Like assert_values within `rtol`: the float64 ziggurat tables are
 * generated exactly (tools/gen_ziggurat.py) while NumPy's carry float64
 * rounding drift, so these outputs agree to ~1e-13, not bit for bit. */
static void assert_close(const numc_array *a, int n, const double *want, double rtol) {
  assert_int_equal(numc_array_size(a), n);
  for (int i = 0; i < n; i++) {
    double got = get_f64(a, i);
    if (!(fabs(got - want[i]) <= rtol * fabs(want[i])))
      fail_msg("element %d: got %.17g, want %.17g", i, got, want[i]);
  }
}

/* numc_random_s with n outputs of a 1-d shape. */
static numc_array *draw(numc_bitgen *bg, unsigned flags, numc_random_dist d, numc_dtype dt,
                        const double *params, int64_t n) {
  numc_array *a = NULL;
  OK(numc_random_s(&a, bg, flags, d, dt, params, 1, &n));
  return a;
}

/* Draws n float64 values and checks them against NumPy's exactly. */
static void check_draw(numc_bitgen *bg, unsigned flags, numc_random_dist d, const double *params,
                       int n, const double *want) {
  numc_array *a = draw(bg, flags, d, NUMC_DTYPE_DEFAULT, params, n);
  assert_values(a, n, want);
  numc_release(a);
}

static numc_array *ints(numc_bitgen *bg, unsigned flags, int64_t lo, int64_t hi, numc_dtype dt,
                        int64_t n) {
  numc_scalar l = {.dtype = NUMC_INT64, .v.i64 = lo}, h = {.dtype = NUMC_INT64, .v.i64 = hi};
  numc_array *la, *ha, *a = NULL;
  OK(numc_from_scalar(&la, &l));
  OK(numc_from_scalar(&ha, &h));
  OK(numc_random_integers(&a, bg, flags, la, ha, dt, 1, &n));
  numc_release(la);
  numc_release(ha);
  return a;
}

/* ---- seeding and raw streams -------------------------------------------- */

static void test_seedseq(void **state) {
  (void)state;
  uint32_t pool[4], out[4];
  /* np.random.SeedSequence(12345).generate_state(4) */
  uint32_t e1 = 12345;
  const uint32_t w1[4] = {0xa03d837c, 0xb5ae6482, 0xfa1f7a2f, 0xbbe2996f};
  OK(numc_seedseq_pool(pool, 4, &e1, 1, NULL, 0));
  OK(numc_seedseq_generate(out, 4, pool, 4));
  assert_memory_equal(out, w1, sizeof w1);
  /* SeedSequence([1, 2**40]): words 1, 0, 256 */
  const uint32_t e2[3] = {1, 0, 256}, w2[4] = {0xaf9eb9f4, 0x24c1dbc6, 0x922bf396, 0x2e16fe6b};
  OK(numc_seedseq_pool(pool, 4, e2, 3, NULL, 0));
  OK(numc_seedseq_generate(out, 4, pool, 4));
  assert_memory_equal(out, w2, sizeof w2);
  FAILS(NUMC_EVALUE, numc_seedseq_pool(pool, 3, e2, 3, NULL, 0));
}

static void test_raw_streams(void **state) {
  (void)state;
  /* PCG64(42), MT19937(42), Philox(42) .random_raw(3) */
  const uint64_t pcg[3] = {0xc621fbcd16d92688, 0x705a5661a791ffc1, 0xdbcd12c26eda1624};
  const uint64_t mt[3] = {0x8ac01c92, 0xe8bfd726, 0x9ea282a8};
  const uint64_t ph[3] = {0x16092f00ecdab98a, 0x243d19cc24021070, 0x4524d130684efe02};
  const numc_bitgen_kind kinds[3] = {NUMC_BITGEN_PCG64, NUMC_BITGEN_MT19937, NUMC_BITGEN_PHILOX};
  const uint64_t *want[3] = {pcg, mt, ph};
  int64_t n = 3;
  for (int k = 0; k < 3; k++) {
    numc_bitgen *bg = seeded(kinds[k], 42);
    assert_int_equal(numc_bitgen_get_kind(bg), kinds[k]);
    numc_array *a;
    OK(numc_bitgen_random_raw(&a, bg, 1, &n));
    assert_u64(a, 3, want[k]);
    numc_release(a);
    numc_bitgen_release(bg);
  }
}

static void test_advance_state_copy(void **state) {
  (void)state;
  /* p = PCG64(42); p.advance(1000); p.random_raw(2) (Philox likewise) */
  const uint64_t pcg[2] = {0xfe35e24e0cd297a, 0x7550a94165c3f26a};
  const uint64_t ph[2] = {0x12856ec1f228ada3, 0x1ac6c0f98bdca016};
  uint64_t delta = 1000;
  int64_t n = 2;
  numc_array *a;
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42), *c;
  OK(numc_bitgen_copy(&c, bg));
  OK(numc_bitgen_advance(bg, &delta, 1));
  numc_bitgen_state st;
  OK(numc_bitgen_get_state(&st, bg));
  OK(numc_bitgen_random_raw(&a, bg, 1, &n));
  assert_u64(a, 2, pcg);
  numc_release(a);
  /* restoring the state replays the stream; the copy is unaffected */
  OK(numc_bitgen_set_state(bg, &st));
  OK(numc_bitgen_random_raw(&a, bg, 1, &n));
  assert_u64(a, 2, pcg);
  numc_release(a);
  const uint64_t first[1] = {0xc621fbcd16d92688};
  n = 1;
  OK(numc_bitgen_random_raw(&a, c, 1, &n));
  assert_u64(a, 1, first);
  numc_release(a);
  numc_bitgen_release(c);
  numc_bitgen_release(bg);

  bg = seeded(NUMC_BITGEN_PHILOX, 42);
  OK(numc_bitgen_advance(bg, &delta, 1));
  n = 2;
  OK(numc_bitgen_random_raw(&a, bg, 1, &n));
  assert_u64(a, 2, ph);
  numc_release(a);
  st.kind = NUMC_BITGEN_PCG64;
  FAILS(NUMC_EVALUE, numc_bitgen_set_state(bg, &st));
  numc_bitgen_release(bg);

  bg = seeded(NUMC_BITGEN_MT19937, 42);
  FAILS(NUMC_ENOTIMPL, numc_bitgen_advance(bg, &delta, 1));
  FAILS(NUMC_EVALUE, numc_bitgen_seed_legacy(bg, NULL, 0, 0));
  numc_bitgen_release(bg);
}

/* ---- Generator distributions ------------------------------------------- */

static void test_generator_floats(void **state) {
  (void)state;
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42);
  /* default_rng(42).random(3) */
  const double r[3] = {0x1.8c43f79a2db24p-1, 0x1.c16959869e47ep-2, 0x1.b79a2584ddb42p-1};
  numc_array *a = draw(bg, 0, NUMC_RANDOM_RANDOM, NUMC_DTYPE_DEFAULT, NULL, 3);
  assert_int_equal(numc_array_dtype(a), NUMC_FLOAT64);
  assert_values(a, 3, r);
  numc_release(a);
  numc_bitgen_release(bg);

  /* default_rng(42).standard_normal(3) */
  const double z[3] = {0x1.3807c1104fc6bp-2, -0x1.0a3c65fca9a7ep+0, 0x1.803b239e77350p-1};
  bg = seeded(NUMC_BITGEN_PCG64, 42);
  a = draw(bg, 0, NUMC_RANDOM_STANDARD_NORMAL, NUMC_FLOAT64, NULL, 3);
  assert_close(a, 3, z, 1e-13);
  numc_release(a);
  /* the same draws were consumed: default_rng(42) after standard_normal(3)
   * gives random() == 0x1.650d6c1c2c011p-1 */
  const double after[1] = {0x1.650d6c1c2c011p-1};
  a = draw(bg, 0, NUMC_RANDOM_RANDOM, NUMC_FLOAT64, NULL, 1);
  assert_values(a, 1, after);
  numc_release(a);
  numc_bitgen_release(bg);

  /* default_rng(42).standard_normal(3, dtype=np.float32) */
  const double zf[3] = {0x1.22a03ap-3, -0x1.ab2356p+0, -0x1.550508p+0};
  bg = seeded(NUMC_BITGEN_PCG64, 42);
  a = draw(bg, 0, NUMC_RANDOM_STANDARD_NORMAL, NUMC_FLOAT32, NULL, 3);
  assert_int_equal(numc_array_dtype(a), NUMC_FLOAT32);
  assert_values(a, 3, zf);
  numc_release(a);
  numc_bitgen_release(bg);

  /* default_rng(42).exponential(2.0, 3) */
  const double e[3] = {0x1.33bd1b8765db9p+2, 0x1.2b08433c827fcp+2, 0x1.313fd9339e3b5p+2};
  const double scale = 2.0;
  bg = seeded(NUMC_BITGEN_PCG64, 42);
  a = draw(bg, 0, NUMC_RANDOM_EXPONENTIAL, NUMC_DTYPE_DEFAULT, &scale, 3);
  assert_close(a, 3, e, 1e-13);
  numc_release(a);
  numc_bitgen_release(bg);
}

static void test_generator_params(void **state) {
  (void)state;
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42), *c;
  OK(numc_bitgen_copy(&c, bg));
  /* normal(loc=[0, 10], scale=2) equals loc + 2 * standard_normal */
  const double loc[2] = {0, 10}, two = 2.0;
  numc_array *la = arr_f64(2, loc), *sa, *a, *z;
  numc_scalar s2 = {.dtype = NUMC_FLOAT64, .v.f64 = 2.0};
  OK(numc_from_scalar(&sa, &s2));
  const numc_array *ps[2] = {la, sa};
  OK(numc_random(&a, bg, 0, NUMC_RANDOM_NORMAL, NUMC_DTYPE_DEFAULT, ps, -1, NULL));
  assert_int_equal(numc_array_ndim(a), 1);
  z = draw(c, 0, NUMC_RANDOM_STANDARD_NORMAL, NUMC_FLOAT64, NULL, 2);
  for (int i = 0; i < 2; i++) assert_true(get_f64(a, i) == loc[i] + two * get_f64(z, i));
  numc_release(a);
  numc_release(z);
  /* size must be what the parameters broadcast to */
  int64_t bad = 3, good[2] = {4, 2};
  FAILS(NUMC_ESHAPE, numc_random(&a, bg, 0, NUMC_RANDOM_NORMAL, NUMC_DTYPE_DEFAULT, ps, 1, &bad));
  OK(numc_random(&a, bg, 0, NUMC_RANDOM_NORMAL, NUMC_DTYPE_DEFAULT, ps, 2, good));
  assert_int_equal(numc_array_size(a), 8);
  numc_release(a);
  /* errors leave the state alone */
  const double neg[2] = {0, -0.0}, inf[2] = {-INFINITY, 1};
  numc_bitgen_state before, after;
  OK(numc_bitgen_get_state(&before, bg));
  int64_t n = 4;
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_NORMAL, NUMC_DTYPE_DEFAULT, neg, 1, &n));
  assert_string_equal(numc_last_error(), "scale < 0");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_EXPONENTIAL, NUMC_DTYPE_DEFAULT, &neg[1], 1, &n));
  FAILS(NUMC_EOVERFLOW, numc_random_s(&a, bg, 0, NUMC_RANDOM_UNIFORM, NUMC_DTYPE_DEFAULT, inf, 1, &n));
  const double rev[2] = {1, 0};
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_UNIFORM, NUMC_DTYPE_DEFAULT, rev, 1, &n));
  assert_string_equal(numc_last_error(), "high - low < 0");
  FAILS(NUMC_ETYPE, numc_random_s(&a, bg, 0, NUMC_RANDOM_NORMAL, NUMC_FLOAT32, loc, 1, &n));
  FAILS(NUMC_ETYPE, numc_random_s(&a, bg, 0, NUMC_RANDOM_RANDOM, NUMC_INT32, NULL, 1, &n));
  FAILS(NUMC_ETYPE, numc_random_s(&a, bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_RANDOM, NUMC_FLOAT32, NULL, 1, &n));
  FAILS(NUMC_EINVAL, numc_random_s(&a, bg, 0, NUMC_RANDOM__COUNT, NUMC_FLOAT64, NULL, 1, &n));
  OK(numc_bitgen_get_state(&after, bg));
  assert_memory_equal(&before.u.pcg64, &after.u.pcg64, sizeof before.u.pcg64);
  /* 0-d and empty outputs */
  OK(numc_random_s(&a, bg, 0, NUMC_RANDOM_UNIFORM, NUMC_DTYPE_DEFAULT, loc, -1, NULL));
  assert_int_equal(numc_array_ndim(a), 0);
  assert_true(get_f64(a, 0) >= 0 && get_f64(a, 0) < 10);
  numc_release(a);
  n = 0;
  OK(numc_random_s(&a, bg, 0, NUMC_RANDOM_STANDARD_NORMAL, NUMC_DTYPE_DEFAULT, NULL, 1, &n));
  assert_int_equal(numc_array_size(a), 0);
  numc_release(a);
  assert_string_equal(numc_random_dist_name(NUMC_RANDOM_STANDARD_NORMAL), "standard_normal");
  assert_int_equal(numc_random_dist_nparams(NUMC_RANDOM_UNIFORM), 2);
  assert_int_equal(numc_random_dist_nparams(NUMC_RANDOM__COUNT), -1);
  numc_release(la);
  numc_release(sa);
  numc_bitgen_release(c);
  numc_bitgen_release(bg);
}

static void test_generator_integers(void **state) {
  (void)state;
  /* default_rng(42).integers(0, 1000, 5) */
  const double w[5] = {89, 773, 654, 438, 433};
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42);
  numc_array *a = ints(bg, 0, 0, 1000, NUMC_DTYPE_DEFAULT, 5);
  assert_int_equal(numc_array_dtype(a), NUMC_INT64);
  assert_values(a, 5, w);
  numc_release(a);
  numc_bitgen_release(bg);
  /* default_rng(42).integers(-10, 10, 5, dtype=np.int8) */
  const double w8[5] = {0, -8, 6, -9, 9};
  bg = seeded(NUMC_BITGEN_PCG64, 42);
  a = ints(bg, 0, -10, 10, NUMC_INT8, 5);
  assert_int_equal(numc_array_dtype(a), NUMC_INT8);
  assert_values(a, 5, w8);
  numc_release(a);
  /* endpoint, single values, bool */
  numc_scalar l = {.dtype = NUMC_INT64, .v.i64 = 7};
  numc_array *la;
  OK(numc_from_scalar(&la, &l));
  int64_t n = 4;
  OK(numc_random_integers(&a, bg, NUMC_RANDOM_ENDPOINT, la, la, NUMC_UINT16, 1, &n));
  const double sevens[4] = {7, 7, 7, 7};
  assert_values(a, 4, sevens);
  numc_release(a);
  a = ints(bg, 0, 0, 2, NUMC_BOOL, 64);
  for (int i = 0; i < 64; i++) assert_true(get_f64(a, i) == 0 || get_f64(a, i) == 1);
  numc_release(a);
  /* NumPy's errors */
  numc_array *b;
  FAILS(NUMC_EVALUE, numc_random_integers(&b, bg, 0, la, la, NUMC_INT64, 1, &n));
  assert_string_equal(numc_last_error(), "low >= high");
  numc_scalar z = {.dtype = NUMC_INT64, .v.i64 = 0}, big = {.dtype = NUMC_INT64, .v.i64 = 300};
  numc_array *za, *ba;
  OK(numc_from_scalar(&za, &z));
  OK(numc_from_scalar(&ba, &big));
  FAILS(NUMC_EVALUE, numc_random_integers(&b, bg, 0, za, za, NUMC_INT64, 1, &n));
  assert_string_equal(numc_last_error(), "high <= 0");
  FAILS(NUMC_EVALUE, numc_random_integers(&b, bg, 0, za, ba, NUMC_INT8, 1, &n));
  assert_string_equal(numc_last_error(), "high is out of bounds for int8");
  FAILS(NUMC_EVALUE, numc_random_integers(&b, bg, NUMC_RANDOM_ENDPOINT, ba, za, NUMC_INT64, 1, &n));
  assert_string_equal(numc_last_error(), "low > high");
  FAILS(NUMC_ETYPE, numc_random_integers(&b, bg, 0, za, ba, NUMC_FLOAT64, 1, &n));
  numc_release(za);
  numc_release(ba);
  numc_release(la);
  numc_bitgen_release(bg);
}

static void test_choice_permutation(void **state) {
  (void)state;
  /* default_rng(42).choice(100, 5, replace=False) */
  const double c[5] = {75, 43, 64, 8, 99};
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42);
  int64_t n = 5;
  numc_array *a;
  OK(numc_random_choice(&a, bg, NUMC_RANDOM_SHUFFLE, 100, NULL, 1, &n));
  assert_values(a, 5, c);
  numc_release(a);
  numc_bitgen_release(bg);
  /* default_rng(42).permutation(8) */
  const double p[8] = {3, 4, 2, 7, 6, 1, 5, 0};
  bg = seeded(NUMC_BITGEN_PCG64, 42);
  OK(numc_random_permutation_n(&a, bg, 8));
  assert_values(a, 8, p);
  numc_release(a);
  /* choice with p only picks positive entries; errors */
  const double pv[4] = {0, 0.5, 0, 0.5}, bad[4] = {0.5, 0.5, 0.5, -0.5};
  numc_array *pa = arr_f64(4, pv), *pb = arr_f64(4, bad);
  n = 50;
  OK(numc_random_choice(&a, bg, NUMC_RANDOM_REPLACE, 4, pa, 1, &n));
  for (int i = 0; i < 50; i++) assert_true(get_f64(a, i) == 1 || get_f64(a, i) == 3);
  numc_release(a);
  n = 3;
  FAILS(NUMC_EVALUE, numc_random_choice(&a, bg, 0, 4, pa, 1, &n));
  assert_string_equal(numc_last_error(), "Fewer non-zero entries in p than size");
  FAILS(NUMC_EVALUE, numc_random_choice(&a, bg, NUMC_RANDOM_REPLACE, 4, pb, 1, &n));
  FAILS(NUMC_EVALUE, numc_random_choice(&a, bg, NUMC_RANDOM_REPLACE, 3, pa, 1, &n));
  FAILS(NUMC_EVALUE, numc_random_choice(&a, bg, 0, 2, NULL, 1, &n));
  FAILS(NUMC_EVALUE, numc_random_choice(&a, bg, 0, 0, NULL, 1, &n));
  n = 0;
  OK(numc_random_choice(&a, bg, 0, 0, NULL, 1, &n));
  assert_int_equal(numc_array_size(a), 0);
  numc_release(a);
  /* shuffle a 2-d array along axis 1: every row keeps its values */
  int64_t sh[2] = {3, 4};
  double v[12];
  for (int i = 0; i < 12; i++) v[i] = i;
  numc_array *x = arr_from(NUMC_FLOAT64, 2, sh, v);
  OK(numc_random_shuffle(bg, x, 1));
  for (int r = 0; r < 3; r++) {
    double sum = 0;
    for (int k = 0; k < 4; k++) sum += get_f64(x, r * 4 + k);
    assert_true(sum == 4 * r * 4 + 6);
  }
  OK(numc_random_permutation(&a, bg, x, 0));
  assert_int_equal(numc_array_size(a), 12);
  numc_release(a);
  FAILS(NUMC_EAXIS, numc_random_shuffle(bg, x, 2));
  OK(numc_array_set_writeable(x, 0));
  FAILS(NUMC_EREADONLY, numc_random_shuffle(bg, x, 0));
  FAILS(NUMC_EVALUE, numc_random_permutation_n(&a, bg, -1));
  numc_release(x);
  numc_release(pa);
  numc_release(pb);
  numc_bitgen_release(bg);
}

static void test_counts_gamma_beta(void **state) {
  (void)state;
  /* default_rng(42).poisson(3.5, 4) / poisson(250.0, 4) / binomial(1000,
   * 0.4, 4) / binomial(20, 0.9, 4), each from a fresh default_rng(42) */
  const double ps[4] = {4, 5, 5, 3}, pb[4] = {263, 269, 263, 229};
  const double bb[4] = {390, 411, 374, 392}, bi[4] = {17, 18, 17, 17};
  const double lam[2] = {3.5, 250.0}, bin[2][2] = {{1000, 0.4}, {20, 0.9}};
  const double *want[4] = {ps, pb, bb, bi};
  for (int k = 0; k < 4; k++) {
    numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42);
    numc_array *a = k < 2 ? draw(bg, 0, NUMC_RANDOM_POISSON, NUMC_DTYPE_DEFAULT, &lam[k], 4)
                          : draw(bg, 0, NUMC_RANDOM_BINOMIAL, NUMC_DTYPE_DEFAULT, bin[k - 2], 4);
    assert_int_equal(numc_array_dtype(a), NUMC_INT64);
    assert_values(a, 4, want[k]);
    numc_release(a);
    numc_bitgen_release(bg);
  }
  /* r = RandomState(42); r.gamma(2.5, 2.0, 3); r.beta(0.5, 0.7, 2);
   * r.gamma(0.5, 1.0, 2) */
  const double g1[3] = {0x1.7dd761310531cp+2, 0x1.f82e11ab654e1p+1, 0x1.d7074cc26df19p+1};
  const double b1[2] = {0x1.fc0cf8d84137fp-1, 0x1.5c08d6dbb6bc3p-2};
  const double g2[2] = {0x1.138e59e21d28cp-5, 0x1.1aa8eadb0842cp-2};
  const double pg1[2] = {2.5, 2.0}, pb1[2] = {0.5, 0.7}, pg2[2] = {0.5, 1.0};
  numc_bitgen *bg = legacy(42);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_GAMMA, pg1, 3, g1);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_BETA, pb1, 2, b1);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_GAMMA, pg2, 2, g2);
  numc_array *a;
  /* errors */
  const double neg = -1, nan_ = NAN, huge = 1e19, badp[2] = {5, 1.5}, badn[2] = {-1, 0.5},
               zero_a[2] = {0, 1};
  int64_t n = 2;
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_POISSON, NUMC_DTYPE_DEFAULT, &neg, 1, &n));
  assert_string_equal(numc_last_error(), "lam < 0 or lam is NaN");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_POISSON, NUMC_DTYPE_DEFAULT, &nan_, 1, &n));
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_POISSON, NUMC_DTYPE_DEFAULT, &huge, 1, &n));
  assert_string_equal(numc_last_error(), "lam value too large");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_BINOMIAL, NUMC_DTYPE_DEFAULT, badp, 1, &n));
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_BINOMIAL, NUMC_DTYPE_DEFAULT, badn, 1, &n));
  assert_string_equal(numc_last_error(), "n < 0");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_STANDARD_GAMMA, NUMC_DTYPE_DEFAULT, &neg, 1, &n));
  assert_string_equal(numc_last_error(), "shape < 0");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_BETA, NUMC_DTYPE_DEFAULT, zero_a, 1, &n));
  assert_string_equal(numc_last_error(), "a <= 0");
  FAILS(NUMC_ETYPE, numc_random_s(&a, bg, 0, NUMC_RANDOM_POISSON, NUMC_FLOAT64, &lam[0], 1, &n));
  numc_bitgen_release(bg);
}

/* Large RANDOM/UNIFORM fills of PCG64 and Philox run in blocks on the
 * pool: they must equal the same stream drawn in small sequential calls. */
static void test_parallel_fill_is_sequential(void **state) {
  (void)state;
  const numc_bitgen_kind kinds[2] = {NUMC_BITGEN_PCG64, NUMC_BITGEN_PHILOX};
  const double range[2] = {-1, 3};
  for (int k = 0; k < 2; k++) {
    numc_bitgen *bg = seeded(kinds[k], 9), *c;
    numc_array *one = draw(bg, 0, NUMC_RANDOM_RANDOM, NUMC_FLOAT32, NULL, 1); /* half-draw kept */
    numc_release(one);
    OK(numc_bitgen_copy(&c, bg));
    for (int d = 0; d < 2; d++) {
      numc_random_dist dist = d ? NUMC_RANDOM_UNIFORM : NUMC_RANDOM_RANDOM;
      numc_array *big = draw(bg, 0, dist, NUMC_FLOAT64, range, 300001);
      void *pb;
      OK(numc_array_data(&pb, big, NUMC_ACCESS_READ));
      for (int part = 0; part < 5; part++) {
        int64_t m = part < 4 ? 60000 : 60001;
        numc_array *small = draw(c, 0, dist, NUMC_FLOAT64, range, m);
        void *ps;
        OK(numc_array_data(&ps, small, NUMC_ACCESS_READ));
        assert_memory_equal((double *)pb + part * 60000, ps, sizeof(double) * (size_t)m);
        numc_release(small);
      }
      numc_release(big);
    }
    /* both end in the same state, the kept half-draw included */
    numc_array *x = draw(bg, 0, NUMC_RANDOM_RANDOM, NUMC_FLOAT32, NULL, 3);
    numc_array *y = draw(c, 0, NUMC_RANDOM_RANDOM, NUMC_FLOAT32, NULL, 3);
    for (int i = 0; i < 3; i++) assert_true(get_f64(x, i) == get_f64(y, i));
    numc_release(x);
    numc_release(y);
    numc_bitgen_release(c);
    numc_bitgen_release(bg);
  }
}

/* ---- RandomState --------------------------------------------------------- */

static void test_legacy(void **state) {
  (void)state;
  /* r = np.random.RandomState(42); r.random_sample(3); r.standard_normal(3);
   * r.randint(0, 1000, 5) (one generator, in this order) */
  const double u[3] = {0x1.7f8771e5f51ecp-2, 0x1.e6c4068bbd654p-1, 0x1.76c7e8f1e6751p-1};
  const double z[3] = {-0x1.1ca42ce8158a6p+0, 0x1.468e4b5774960p-2, 0x1.1dbd0020eec47p-2};
  const double k[5] = {663, 130, 661, 308, 769};
  numc_bitgen *bg = legacy(42);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_RANDOM, NULL, 3, u);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_STANDARD_NORMAL, NULL, 3, z);
  numc_array *a;
  /* the cached second normal is part of the state */
  numc_bitgen_state st;
  OK(numc_bitgen_get_state(&st, bg));
  assert_int_equal(st.has_gauss, 1);
  a = ints(bg, NUMC_RANDOM_LEGACY, 0, 1000, NUMC_INT64, 5);
  assert_values(a, 5, k);
  numc_release(a);
  numc_bitgen_release(bg);
  /* RandomState([1, 2, 3]).random_sample(2) */
  const uint32_t key[3] = {1, 2, 3};
  const double w[2] = {0x1.383fbc97230c2p-1, 0x1.c5fd27a5da181p-1};
  bg = legacy(0);
  OK(numc_bitgen_seed_legacy(bg, key, 3, 0));
  a = draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_RANDOM, NUMC_DTYPE_DEFAULT, NULL, 2);
  assert_values(a, 2, w);
  numc_release(a);
  numc_bitgen_release(bg);
  /* RandomState(42).permutation(8) */
  const double p[8] = {1, 5, 0, 7, 2, 4, 3, 6};
  bg = legacy(42);
  OK(numc_random_permutation_n(&a, bg, 8));
  assert_values(a, 8, p);
  numc_release(a);
  numc_bitgen_release(bg);
  bg = seeded(NUMC_BITGEN_PCG64, 1);
  FAILS(NUMC_EINVAL, numc_bitgen_seed_legacy(bg, key, 1, 1));
  numc_bitgen_release(bg);
}

/* The distributions of ops/random_dist.c: values, dtypes, names and the
 * NumPy messages of bad parameters. */
static void test_more_distributions(void **state) {
  (void)state;
  assert_string_equal(numc_random_dist_name(NUMC_RANDOM_NONCENTRAL_F), "noncentral_f");
  assert_int_equal(numc_random_dist_nparams(NUMC_RANDOM_TRIANGULAR), 3);
  assert_int_equal(numc_random_dist_nparams(NUMC_RANDOM_STANDARD_CAUCHY), 0);
  /* default_rng(42).laplace(1.0, 2.0, 3); default_rng(42).hypergeometric(100,
   * 200, 50, 4); default_rng(42).zipf(1.5, 4) */
  const double lap[3] = {0x1.4b3ba1772395ap+1, 0x1.7a7c30bc9465fp-1, 0x1.c354027391ea2p+1};
  const double hg[4] = {16, 18, 19, 14}, zf[4] = {19, 1, 1, 3};
  const double plap[2] = {1.0, 2.0}, phg[3] = {100, 200, 50}, pzf[1] = {1.5};
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42);
  check_draw(bg, 0, NUMC_RANDOM_LAPLACE, plap, 3, lap);
  numc_bitgen_release(bg);
  bg = seeded(NUMC_BITGEN_PCG64, 42);
  numc_array *a = draw(bg, 0, NUMC_RANDOM_HYPERGEOMETRIC, NUMC_DTYPE_DEFAULT, phg, 4);
  assert_int_equal(numc_array_dtype(a), NUMC_INT64);
  assert_values(a, 4, hg);
  numc_release(a);
  numc_bitgen_release(bg);
  bg = seeded(NUMC_BITGEN_PCG64, 42);
  a = draw(bg, 0, NUMC_RANDOM_ZIPF, NUMC_DTYPE_DEFAULT, pzf, 4);
  assert_values(a, 4, zf);
  numc_release(a);
  numc_bitgen_release(bg);
  /* r = RandomState(42); r.chisquare(3.5, 3); r.triangular(0, 0.3, 2, 2);
   * r.logseries(0.9, 4); r.hypergeometric(100, 200, 50, 4) */
  const double chi[3] = {0x1.0c05e51562019p+2, 0x1.4225cd73d3872p+1, 0x1.27e572be1a41fp+1};
  const double tri[2] = {0x1.53517f5c72f77p+0, 0x1.abbe497eb40b4p-1};
  const double ls[4] = {1, 1, 1, 2}, lhg[4] = {17, 14, 13, 14};
  const double pchi[1] = {3.5}, ptri[3] = {0, 0.3, 2}, pls[1] = {0.9};
  bg = legacy(42);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_CHISQUARE, pchi, 3, chi);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_TRIANGULAR, ptri, 2, tri);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_LOGSERIES, pls, 4, ls);
  check_draw(bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_HYPERGEOMETRIC, phg, 4, lhg);
  /* errors leave the state alone and carry NumPy's messages */
  numc_bitgen_state before, after;
  OK(numc_bitgen_get_state(&before, bg));
  const double neg = -1, nan_ = NAN, one = 1, tri_bad[3] = {1, 0, 2}, tri_eq[3] = {1, 1, 1};
  const double hg_bad[3] = {5, 5, 11}, nb_bad[2] = {1e20, 1e-10};
  int64_t n = 2;
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_CHISQUARE, NUMC_DTYPE_DEFAULT, &neg, 1, &n));
  assert_string_equal(numc_last_error(), "df <= 0");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_TRIANGULAR, NUMC_DTYPE_DEFAULT, tri_bad, 1, &n));
  assert_string_equal(numc_last_error(), "left > mode");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_TRIANGULAR, NUMC_DTYPE_DEFAULT, tri_eq, 1, &n));
  assert_string_equal(numc_last_error(), "left == right");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_HYPERGEOMETRIC, NUMC_DTYPE_DEFAULT, hg_bad, 1, &n));
  assert_string_equal(numc_last_error(), "ngood + nbad < nsample");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_ZIPF, NUMC_DTYPE_DEFAULT, &nan_, 1, &n));
  assert_string_equal(numc_last_error(), "a <= 1 or a is NaN");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_LOGSERIES, NUMC_DTYPE_DEFAULT, &one, 1, &n));
  assert_string_equal(numc_last_error(), "p < 0, p >= 1 or p is NaN");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, 0, NUMC_RANDOM_NEGATIVE_BINOMIAL, NUMC_DTYPE_DEFAULT, nb_bad, 1, &n));
  assert_string_equal(numc_last_error(), "n too large or p too small, see Generator.negative_binomial Notes");
  FAILS(NUMC_EVALUE, numc_random_s(&a, bg, NUMC_RANDOM_LEGACY, NUMC_RANDOM_RAYLEIGH, NUMC_DTYPE_DEFAULT, &neg, 1, &n));
  assert_string_equal(numc_last_error(), "scale < 0");
  FAILS(NUMC_ETYPE, numc_random_s(&a, bg, 0, NUMC_RANDOM_GEOMETRIC, NUMC_FLOAT64, &one, 1, &n));
  FAILS(NUMC_ETYPE, numc_random_s(&a, bg, 0, NUMC_RANDOM_STANDARD_CAUCHY, NUMC_FLOAT32, NULL, 1, &n));
  OK(numc_bitgen_get_state(&after, bg));
  assert_memory_equal(&before, &after, sizeof before);
  numc_bitgen_release(bg);
}

/* numc_random_multinomial and numc_random_dirichlet. */
static void test_multinomial_dirichlet(void **state) {
  (void)state;
  /* default_rng(42).multinomial(20, [0.2, 0.3, 0.5]);
   * RandomState(42).dirichlet([1.0, 2.0]) */
  const double pv[3] = {0.2, 0.3, 0.5}, cnt[3] = {5, 5, 10}, al[2] = {1.0, 2.0};
  const double dir[2] = {0x1.bfc56eb0080fdp-2, 0x1.201d48a7fbf81p-1};
  numc_scalar s20 = {.dtype = NUMC_INT64, .v.i64 = 20}, sneg = {.dtype = NUMC_INT64, .v.i64 = -1};
  numc_array *n20, *nneg, *p = arr_f64(3, pv), *alpha = arr_f64(2, al), *a = NULL;
  OK(numc_from_scalar(&n20, &s20));
  OK(numc_from_scalar(&nneg, &sneg));
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64, 42);
  OK(numc_random_multinomial(&a, bg, 0, n20, p, -1, NULL));
  assert_int_equal(numc_array_dtype(a), NUMC_INT64);
  assert_int_equal(numc_array_ndim(a), 1);
  assert_values(a, 3, cnt);
  numc_release(a);
  FAILS(NUMC_EVALUE, numc_random_multinomial(&a, bg, 0, nneg, p, -1, NULL));
  assert_string_equal(numc_last_error(), "n < 0");
  const double bad[3] = {0.6, 0.6, 0.1};
  numc_array *pb = arr_f64(3, bad);
  FAILS(NUMC_EVALUE, numc_random_multinomial(&a, bg, 0, n20, pb, -1, NULL));
  assert_string_equal(numc_last_error(), "sum(pvals[:-1]) > 1.0");
  FAILS(NUMC_ETYPE, numc_random_multinomial(&a, bg, NUMC_RANDOM_LEGACY, n20, n20, -1, NULL));
  FAILS(NUMC_EINVAL, numc_random_multinomial(&a, bg, 0, NULL, p, -1, NULL));
  numc_bitgen_release(bg);
  bg = legacy(42);
  OK(numc_random_dirichlet(&a, bg, NUMC_RANDOM_LEGACY, alpha, -1, NULL));
  assert_values(a, 2, dir);
  numc_release(a);
  int64_t sh[2] = {2, 3};
  OK(numc_random_dirichlet(&a, bg, 0, alpha, 2, sh));
  assert_int_equal(numc_array_ndim(a), 3);
  assert_int_equal(shape_of(a, 2), 2);
  numc_release(a);
  FAILS(NUMC_EVALUE, numc_random_dirichlet(&a, bg, 0, n20, -1, NULL));
  const double neg[2] = {1.0, 0.0};
  numc_array *an = arr_f64(2, neg);
  FAILS(NUMC_EVALUE, numc_random_dirichlet(&a, bg, NUMC_RANDOM_LEGACY, an, -1, NULL));
  assert_string_equal(numc_last_error(), "alpha <= 0");
  /* multivariate hypergeometric: values (default_rng(42)
   * .multivariate_hypergeometric([3, 2, 5], 4, method='count') checked in
   * Python) and the errors */
  const double cols[3] = {3, 2, 5};
  numc_array *cf = arr_f64(3, cols), *ci = NULL;
  FAILS(NUMC_EVALUE, numc_random_multivariate_hypergeometric(&a, bg, cf, 1, 1, -1, NULL));
  OK(numc_astype(&ci, cf, NUMC_INT64, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  OK(numc_random_multivariate_hypergeometric(&a, bg, ci, 4, 1, -1, NULL));
  assert_int_equal(numc_array_size(a), 3);
  assert_int_equal((int)(get_f64(a, 0) + get_f64(a, 1) + get_f64(a, 2)), 4);
  numc_release(a);
  FAILS(NUMC_EVALUE, numc_random_multivariate_hypergeometric(&a, bg, ci, 11, 0, -1, NULL));
  assert_string_equal(numc_last_error(), "nsample > sum(colors)");
  FAILS(NUMC_EVALUE, numc_random_multivariate_hypergeometric(&a, bg, ci, -1, 0, -1, NULL));
  numc_release(ci);
  numc_release(cf);
  numc_bitgen_release(bg);
  numc_release(an);
  numc_release(pb);
  numc_release(n20);
  numc_release(nneg);
  numc_release(p);
  numc_release(alpha);
}

/* SFC64 seeded through SeedSequence: np.random.SFC64(42).random_raw(3);
 * no advance. */
static void test_sfc64(void **state) {
  (void)state;
  const uint64_t want[3] = {0x87a9e37f3ed2c19dull, 0x60d4edb76d651052ull, 0xf20682759befde78ull};
  numc_bitgen *bg = seeded(NUMC_BITGEN_SFC64, 42);
  assert_int_equal(numc_bitgen_get_kind(bg), NUMC_BITGEN_SFC64);
  numc_bitgen_state st;
  OK(numc_bitgen_get_state(&st, bg));
  numc_array *a = NULL;
  int64_t n = 3;
  OK(numc_bitgen_random_raw(&a, bg, 1, &n));
  assert_u64(a, 3, want);
  numc_release(a);
  OK(numc_bitgen_set_state(bg, &st)); /* back to the start: the same words */
  OK(numc_bitgen_random_raw(&a, bg, 1, &n));
  assert_u64(a, 3, want);
  numc_release(a);
  const uint64_t one = 1;
  FAILS(NUMC_ENOTIMPL, numc_bitgen_advance(bg, &one, 1));
  st.kind = NUMC_BITGEN_PCG64;
  FAILS(NUMC_EVALUE, numc_bitgen_set_state(bg, &st));
  numc_bitgen_release(bg);
}

/* PCG64DXSM: np.random.PCG64DXSM(42).random_raw(3). */
static void test_pcg64dxsm(void **state) {
  (void)state;
  numc_bitgen *bg = seeded(NUMC_BITGEN_PCG64DXSM, 42);
  numc_array *a = NULL;
  int64_t n = 3;
  OK(numc_bitgen_random_raw(&a, bg, 1, &n));
  const uint64_t want[3] = {0xab1c50338e63481dull, 0x01bdf91d548d1872ull, 0xa872905d0418d0a1ull};
  assert_u64(a, 3, want);
  numc_release(a);
  numc_bitgen_release(bg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(test_seedseq),
      TEST(test_raw_streams),
      TEST(test_advance_state_copy),
      TEST(test_generator_floats),
      TEST(test_generator_params),
      TEST(test_generator_integers),
      TEST(test_choice_permutation),
      TEST(test_counts_gamma_beta),
      TEST(test_parallel_fill_is_sequential),
      TEST(test_legacy),
      TEST(test_more_distributions),
      TEST(test_multinomial_dirichlet),
      TEST(test_sfc64),
      TEST(test_pcg64dxsm),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
