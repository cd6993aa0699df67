/*
 * ops/random_dist.c - the distributions of numc_random beyond the basic
 * ones of ops/random.c: chi-square and F (central and noncentral),
 * lognormal, Student's t, Cauchy, Laplace, logistic, Gumbel, Weibull,
 * Pareto, power, Rayleigh, triangular, von Mises, Wald, and the
 * integer-valued geometric, negative binomial, hypergeometric, logarithmic
 * series and Zipf.
 *
 * Each has two flavours, as in NumPy: numpy.random.Generator's algorithm
 * and the frozen one of the legacy RandomState (polar normals, inversion
 * exponentials, the pre-1.17 formulas). Draws follow NumPy's order call for
 * call, so the same bit generator state gives NumPy's numbers. One table
 * (specs) holds each distribution's parameter names and NumPy's
 * constraints per flavour; numc__dist_check applies it before any draw.
 */
#include "random_internal.h"

#include <math.h>
#include <stdio.h>

#define PI 3.14159265358979323846

/* ---- parameter constraints ------------------------------------------------- */

/* NumPy's constraint kinds (numpy/random/_common.pyx), with their ValueError
 * wording. */
enum cons {
  C_NONE,
  C_NONNEG,      /* "x < 0" (NaN passes, -0.0 fails) */
  C_POS,         /* "x <= 0" (NaN passes) */
  C_POS_NOT_NAN, /* "x must not be NaN", then "x <= 0" */
  C_01,          /* "x < 0, x > 1 or x is NaN" */
  C_GT0_LE1,     /* "x <= 0, x > 1 or x contains NaNs" */
  C_GE0_LT1,     /* "x < 0, x >= 1 or x is NaN" */
  C_GT1,         /* "x <= 1 or x is NaN" */
  C_GE1,         /* "x < 1 or x is NaN" */
  C_LONG         /* legacy: "x < 0", "x is out of bounds for long ..." */
};

typedef struct spec {
  const char *names[NUMC__MAXPARAMS];
  unsigned char cons[NUMC__MAXPARAMS];  /* Generator */
  unsigned char lcons[NUMC__MAXPARAMS]; /* RandomState */
  bool int_valued;
} spec;

#define S(d) [NUMC_RANDOM_##d - NUMC_RANDOM_CHISQUARE]
static const spec specs[NUMC_RANDOM__COUNT - NUMC_RANDOM_CHISQUARE] = {
    S(CHISQUARE) = {{"df"}, {C_POS}, {C_POS}, false},
    S(NONCENTRAL_CHISQUARE) = {{"df", "nonc"}, {C_POS, C_NONNEG}, {C_POS, C_NONNEG}, false},
    S(F) = {{"dfnum", "dfden"}, {C_POS, C_POS}, {C_POS, C_POS}, false},
    S(NONCENTRAL_F) = {{"dfnum", "dfden", "nonc"},
                       {C_POS, C_POS, C_NONNEG},
                       {C_POS, C_POS, C_NONNEG},
                       false},
    S(LOGNORMAL) = {{"mean", "sigma"}, {C_NONE, C_NONNEG}, {C_NONE, C_NONNEG}, false},
    S(STANDARD_T) = {{"df"}, {C_POS}, {C_POS}, false},
    S(STANDARD_CAUCHY) = {{""}, {C_NONE}, {C_NONE}, false},
    S(LAPLACE) = {{"loc", "scale"}, {C_NONE, C_NONNEG}, {C_NONE, C_NONNEG}, false},
    S(LOGISTIC) = {{"loc", "scale"}, {C_NONE, C_NONNEG}, {C_NONE, C_NONNEG}, false},
    S(GUMBEL) = {{"loc", "scale"}, {C_NONE, C_NONNEG}, {C_NONE, C_NONNEG}, false},
    S(WEIBULL) = {{"a"}, {C_NONNEG}, {C_NONNEG}, false},
    S(PARETO) = {{"a"}, {C_POS}, {C_POS}, false},
    S(POWER) = {{"a"}, {C_POS}, {C_POS}, false},
    S(RAYLEIGH) = {{"scale"}, {C_NONNEG}, {C_NONNEG}, false},
    S(TRIANGULAR) = {{"left", "mode", "right"}, {C_NONE}, {C_NONE}, false},
    S(VONMISES) = {{"mu", "kappa"}, {C_NONE, C_NONNEG}, {C_NONE, C_NONNEG}, false},
    S(WALD) = {{"mean", "scale"}, {C_POS, C_POS}, {C_POS, C_POS}, false},
    S(GEOMETRIC) = {{"p"}, {C_GT0_LE1}, {C_GT0_LE1}, true},
    S(NEGATIVE_BINOMIAL) = {{"n", "p"}, {C_POS_NOT_NAN, C_GT0_LE1}, {C_POS, C_01}, true},
    S(HYPERGEOMETRIC) = {{"ngood", "nbad", "nsample"},
                         {C_NONNEG, C_NONNEG, C_NONNEG},
                         {C_LONG, C_NONNEG, C_GE1},
                         true},
    S(LOGSERIES) = {{"p"}, {C_GE0_LT1}, {C_GE0_LT1}, true},
    S(ZIPF) = {{"a"}, {C_GT1}, {C_GT1}, true},
};
#undef S

static const spec *spec_of(numc_random_dist d) { return &specs[d - NUMC_RANDOM_CHISQUARE]; }

bool numc__dist_int_valued(numc_random_dist d) {
  return numc__dist_extra(d) && d < NUMC_RANDOM__COUNT && spec_of(d)->int_valued;
}

/* True when x breaks constraint c; *msg gets NumPy's message pattern
 * (%1$s the name, %2$s " is NaN" or " contains NaNs"). */
static bool breaks(int c, double x, const char **msg) {
  switch (c) {
  case C_NONNEG:
    *msg = "%s < 0";
    return !isnan(x) && signbit(x);
  case C_POS_NOT_NAN:
    if (isnan(x)) {
      *msg = "%s must not be NaN";
      return true;
    }
    /* fall through */
  case C_POS:
    *msg = "%s <= 0";
    return x <= 0;
  case C_01:
    *msg = "%1$s < 0, %1$s > 1 or %1$s%2$s";
    return !(x >= 0 && x <= 1);
  case C_GT0_LE1:
    *msg = "%1$s <= 0, %1$s > 1 or %1$s contains NaNs";
    return !(x > 0 && x <= 1);
  case C_GE0_LT1:
    *msg = "%1$s < 0, %1$s >= 1 or %1$s%2$s";
    return !(x >= 0 && x < 1);
  case C_GT1:
    *msg = "%1$s <= 1 or %1$s%2$s";
    return !(x > 1);
  case C_GE1:
    *msg = "%1$s < 1 or %1$s%2$s";
    return !(x >= 1);
  case C_LONG:
    *msg = x < 0 ? "%s < 0"
                 : "%s is out of bounds for long, consider using the new generator API for "
                   "64bit integers.";
    return x < 0 || x > 9223372036854775807.0;
  default:
    return false;
  }
}

/* Checks parameter k over its values (one when it is a scalar). */
static int check_one(const params *ps, int k, const char *name, int c, int64_t n) {
  int64_t m = ps->step[k] ? n : 1;
  for (int64_t i = 0; i < m; i++) {
    const char *msg = "";
    if (!breaks(c, NUMC__PAR(ps, k, i), &msg)) continue;
    char buf[192];
    snprintf(buf, sizeof buf, msg, name, ps->scalar ? " is NaN" : " contains NaNs");
    return numc__err(NUMC_EVALUE, "%s", buf);
  }
  return NUMC_OK;
}

/* True when par(k1) > par(k2) (eq: ==) at some output position below m. */
static bool any_pair(const params *ps, int64_t m, int k1, int k2, bool eq) {
  for (int64_t i = 0; i < m; i++) {
    double x = NUMC__PAR(ps, k1, i), y = NUMC__PAR(ps, k2, i);
    if (eq ? x == y : x > y) return true;
  }
  return false;
}

/* The largest lam Generator.poisson accepts (NumPy's POISSON_LAM_MAX). */
#define LAM_MAX (9223372036854775807.0 - sqrt(9223372036854775807.0) * 10)

int numc__dist_check(const params *ps, numc_random_dist d, bool legacy, int64_t n) {
  const spec *sp = spec_of(d);
  /* the scalar or broadcast count over which cross-parameter tests run */
  int64_t m = n;
  if (ps->step[0] == 0 && ps->step[1] == 0 && ps->step[2] == 0) m = 1;
  if (d == NUMC_RANDOM_TRIANGULAR) {
    if (any_pair(ps, m, 0, 1, false)) return numc__err(NUMC_EVALUE, "left > mode");
    if (any_pair(ps, m, 1, 2, false)) return numc__err(NUMC_EVALUE, "mode > right");
    if (any_pair(ps, m, 0, 2, true)) return numc__err(NUMC_EVALUE, "left == right");
    return NUMC_OK;
  }
  if (d == NUMC_RANDOM_HYPERGEOMETRIC)
    for (int pass = legacy ? 1 : 0; pass < 2; pass++)
      for (int64_t i = 0; i < m; i++) {
        int64_t good = (int64_t)NUMC__PAR(ps, 0, i), bad = (int64_t)NUMC__PAR(ps, 1, i);
        if (pass == 0 && (good >= 1000000000 || bad >= 1000000000))
          return numc__err(NUMC_EVALUE, "both ngood and nbad must be less than 1000000000");
        if (pass == 1 && good + bad < (int64_t)NUMC__PAR(ps, 2, i))
          return numc__err(NUMC_EVALUE, "ngood + nbad < nsample");
      }
  int np = numc_random_dist_nparams(d);
  for (int k = 0; k < np; k++)
    NUMC__TRY(check_one(ps, k, sp->names[k], legacy ? sp->lcons[k] : sp->cons[k], n));
  if (d == NUMC_RANDOM_NEGATIVE_BINOMIAL && !legacy)
    for (int64_t i = 0; i < m; i++) {
      double nn = NUMC__PAR(ps, 0, i), p = NUMC__PAR(ps, 1, i);
      if ((1 - p) / p * (nn + 10 * sqrt(nn)) > LAM_MAX)
        return numc__err(NUMC_EVALUE,
                         "n too large or p too small, see Generator.negative_binomial Notes");
    }
  return NUMC_OK;
}

/* ---- the float-valued samplers ------------------------------------------------- */

static inline double normal_of(numc__rng *g, bool legacy) {
  return legacy ? numc__legacy_gauss(g) : numc__std_normal(g);
}
static inline double exp_of(numc__rng *g, bool legacy) {
  return legacy ? numc__legacy_exp(g) : numc__std_exp(g);
}
static inline double chisquare(numc__rng *g, double df, bool legacy) {
  return 2.0 * numc__std_gamma(g, df / 2.0, legacy);
}

/* Noncentral chi-square: a central one of df - 1 plus a shifted normal
 * squared (df > 1), else a Poisson mixture of central ones. Generator
 * returns NaN at once for a NaN nonc; RandomState draws first. */
static double noncentral_chisquare(numc__rng *g, double df, double nonc, bool legacy) {
  if (!legacy && isnan(nonc)) return NAN;
  if (nonc == 0) return chisquare(g, df, legacy);
  if (df > 1) {
    double c = chisquare(g, df - 1, legacy), z = normal_of(g, legacy) + sqrt(nonc);
    return c + z * z;
  }
  int64_t i = numc__poisson(g, nonc / 2.0);
  double r = chisquare(g, df + 2 * (double)i, legacy);
  return isnan(nonc) ? NAN : r;
}

/* von Mises by Best and Fisher's wrapped-Cauchy rejection; Generator
 * switches to a wrapped normal for kappa > 1e6. */
static double vonmises(numc__rng *g, double mu, double kappa, bool legacy) {
  if (isnan(kappa)) return NAN;
  if (kappa < 1e-8) return PI * (2 * numc__next_double(g) - 1);
  double s;
  if (kappa < 1e-5) {
    s = 1. / kappa + kappa;
  } else if (legacy || kappa <= 1e6) {
    double r = 1 + sqrt(1 + 4 * kappa * kappa), rho = (r - sqrt(2 * r)) / (2 * kappa);
    s = (1 + rho * rho) / (2 * rho);
  } else {
    double x = mu + sqrt(1. / kappa) * numc__std_normal(g);
    if (x < -PI) x += 2 * PI;
    if (x > PI) x -= 2 * PI;
    return x;
  }
  double w;
  for (;;) {
    double u = numc__next_double(g), z = cos(PI * u);
    w = (1 + s * z) / (s + z);
    double y = kappa * (s - w), v = numc__next_double(g);
    if (y * (2 - y) - v >= 0 || log(y / v) + 1 - y >= 0) break;
  }
  double u = numc__next_double(g), x = acos(w);
  if (u < 0.5) x = -x;
  x += mu;
  double mod = fmod(fabs(x) + PI, 2 * PI) - PI;
  return x < 0 ? -mod : mod;
}

/* Wald (inverse Gaussian) by Michael, Schucany and Haas; Generator's form
 * avoids the cancellation of RandomState's. */
static double wald(numc__rng *g, double mean, double scale, bool legacy) {
  double y = normal_of(g, legacy), x;
  y = mean * y * y;
  if (legacy) {
    double mu_2l = mean / (2 * scale);
    x = mean + mu_2l * (y - sqrt(4 * scale * y + y * y));
  } else {
    double dd = 1 + sqrt(1 + 4 * scale / y);
    x = mean * (1 - 2 / dd);
  }
  return numc__next_double(g) <= mean / (mean + x) ? x : mean * mean / x;
}

/* One float64 draw of distribution d with parameters a, b, c. */
static double draw_f64(numc__rng *g, numc_random_dist d, bool legacy, double a, double b,
                       double c) {
  switch (d) {
  case NUMC_RANDOM_CHISQUARE:
    return chisquare(g, a, legacy);
  case NUMC_RANDOM_NONCENTRAL_CHISQUARE:
    return noncentral_chisquare(g, a, b, legacy);
  case NUMC_RANDOM_F: {
    double num = chisquare(g, a, legacy) * b;
    return num / (chisquare(g, b, legacy) * a);
  }
  case NUMC_RANDOM_NONCENTRAL_F: {
    double num = noncentral_chisquare(g, a, c, legacy) * b;
    return num / (chisquare(g, b, legacy) * a);
  }
  case NUMC_RANDOM_LOGNORMAL:
    return exp(a + b * normal_of(g, legacy));
  case NUMC_RANDOM_STANDARD_T: {
    double num = normal_of(g, legacy), den = numc__std_gamma(g, a / 2, legacy);
    return sqrt(a / 2) * num / sqrt(den);
  }
  case NUMC_RANDOM_STANDARD_CAUCHY: {
    double num = normal_of(g, legacy);
    return num / normal_of(g, legacy);
  }
  case NUMC_RANDOM_LAPLACE:
    for (;;) { /* u == 0 is redrawn */
      double u = numc__next_double(g);
      if (u >= 0.5) return a - b * log(2.0 - u - u);
      if (u > 0.0) return a + b * log(u + u);
    }
  case NUMC_RANDOM_LOGISTIC:
    for (;;) {
      double u = numc__next_double(g);
      if (u > 0.0) return a + b * log(u / (1.0 - u));
    }
  case NUMC_RANDOM_GUMBEL:
    for (;;) {
      double u = 1.0 - numc__next_double(g);
      if (u < 1.0) return a - b * log(-log(u));
    }
  case NUMC_RANDOM_WEIBULL:
    return a == 0.0 ? 0.0 : pow(exp_of(g, legacy), 1. / a);
  case NUMC_RANDOM_PARETO:
    return legacy ? exp(numc__legacy_exp(g) / a) - 1 : expm1(numc__std_exp(g) / a);
  case NUMC_RANDOM_POWER:
    return legacy ? pow(1 - exp(-numc__legacy_exp(g)), 1. / a)
                  : pow(-expm1(-numc__std_exp(g)), 1. / a);
  case NUMC_RANDOM_RAYLEIGH:
    return legacy ? a * sqrt(-2.0 * log1p(-numc__next_double(g)))
                  : a * sqrt(2.0 * numc__std_exp(g));
  case NUMC_RANDOM_TRIANGULAR: {
    double base = c - a, leftbase = b - a, ratio = leftbase / base;
    double u = numc__next_double(g);
    double leftprod = leftbase * base, rightprod = (c - b) * base;
    return u <= ratio ? a + sqrt(u * leftprod) : c - sqrt((1.0 - u) * rightprod);
  }
  case NUMC_RANDOM_VONMISES:
    return vonmises(g, a, b, legacy);
  case NUMC_RANDOM_WALD:
    return wald(g, a, b, legacy);
  default:
    return NAN;
  }
}

/* ---- the integer-valued samplers ---------------------------------------------- */

/* log(k!) for k < 126, correctly rounded (computed with Python's decimal at
 * 60 digits: Decimal(math.factorial(k)).ln()). */
static const double logfact_tab[126] = {
    0.0, 0.0, 0.6931471805599453, 1.791759469228055,
    3.1780538303479458, 4.787491742782046, 6.579251212010101, 8.525161361065415,
    10.60460290274525, 12.801827480081469, 15.104412573075516, 17.502307845873887,
    19.987214495661885, 22.552163853123425, 25.19122118273868, 27.89927138384089,
    30.671860106080672, 33.50507345013689, 36.39544520803305, 39.339884187199495,
    42.335616460753485, 45.38013889847691, 48.47118135183523, 51.60667556776438,
    54.78472939811232, 58.00360522298052, 61.261701761002, 64.55753862700634,
    67.88974313718154, 71.25703896716801, 74.65823634883016, 78.0922235533153,
    81.55795945611504, 85.05446701758152, 88.58082754219768, 92.1361756036871,
    95.7196945421432, 99.33061245478743, 102.96819861451381, 106.63176026064346,
    110.32063971475739, 114.0342117814617, 117.77188139974507, 121.53308151543864,
    125.3172711493569, 129.12393363912722, 132.95257503561632, 136.80272263732635,
    140.67392364823425, 144.5657439463449, 148.47776695177302, 152.40959258449735,
    156.3608363030788, 160.3311282166309, 164.32011226319517, 168.32744544842765,
    172.3527971391628, 176.39584840699735, 180.45629141754378, 184.53382886144948,
    188.6281734236716, 192.7390472878449, 196.86618167289, 201.00931639928152,
    205.1681994826412, 209.34258675253685, 213.53224149456327, 217.73693411395422,
    221.95644181913033, 226.1905483237276, 230.43904356577696, 234.70172344281826,
    238.97838956183432, 243.2688489919555, 247.57291403115577, 251.8904019839113,
    256.22113495031, 260.5649396307637, 264.9216471463363, 269.2910928752071,
    273.6731162945602, 278.0675608378223, 282.4742737559978, 286.893105993041,
    291.3239120743742, 295.76654997288984, 300.2208809804276, 304.6867695966458,
    309.1640834146039, 313.65269301294695, 318.15247185462726, 322.66329619197504,
    327.18504497290286, 331.717599749339, 336.2608445918187, 340.8146660001455,
    345.37895282409874, 349.953596180271, 354.5384893766112, 359.1335278493513,
    363.738609100626, 368.35363264000674, 372.9784999320961, 377.6131143480637,
    382.25738111617924, 386.9112072724007, 391.5745016085437, 396.2471746275785,
    400.9291385080139, 405.6203070691011, 410.3205957340104, 415.0299214933652,
    419.74820287683073, 424.4753599201475, 429.2113141390469, 433.95598849708885,
    438.7093073827722, 443.47119658069446, 448.24158324559505, 453.0203958667679,
    457.8075642483731, 462.60301948208156, 467.40669392015406, 472.21852114981063,
    477.03843596858367, 481.8663743605004,
};

/* log(k!): the table, then Stirling's series to the 1/k^3 term. */
static double logfactorial(int64_t k) {
  if (k < 126) return logfact_tab[k];
  double x = (double)k;
  return (x + 0.5) * log(x) - x + (0.9189385332046728 + (1.0 / x) * (1 / 12.0 - 1 / (360.0 * x * x)));
}

/* Generator's hypergeometric for small samples: draws without replacement
 * one at a time (from the smaller side of sample / total - sample). */
static int64_t hg_sample(numc__rng *g, int64_t good, int64_t bad, int64_t sample) {
  int64_t total = good + bad, flip = sample > total / 2, todo = flip ? total - sample : sample;
  int64_t left = total, left_good = good;
  while (todo > 0 && left_good > 0 && left > left_good) {
    --left;
    if ((int64_t)numc__interval(g, (uint64_t)left) < left_good) --left_good;
    --todo;
  }
  if (left == left_good) left_good -= todo;
  return flip ? left_good : good - left_good;
}

#define HRUA_D1 1.7155277699214135
#define HRUA_D2 0.8989161620588988

/* Stadlober's HRUA ratio-of-uniforms hypergeometric, both flavours:
 * Generator uses log factorials, RandomState Stirling log-gammas and its
 * own rounding of the bounds. */
static int64_t hg_hrua(numc__rng *g, int64_t good, int64_t bad, int64_t sample, bool legacy) {
  int64_t mingb = good < bad ? good : bad, maxgb = good < bad ? bad : good, pop = good + bad;
  int64_t m = sample < pop - sample ? sample : pop - sample;
#define LF(k) (legacy ? numc__loggam((double)(k) + 1) : logfactorial(k))
  double p = (double)mingb / (double)pop;
  double q = legacy ? 1.0 - p : (double)maxgb / (double)pop;
  double a = (double)m * p + 0.5;
  /* RandomState's variance has `sample` where Generator has m */
  double c = sqrt((double)(pop - m) * (double)(legacy ? sample : m) * p * q / (double)(pop - 1) + 0.5);
  double h = HRUA_D1 * c + HRUA_D2;
  int64_t mode = (int64_t)floor((double)(m + 1) * (double)(mingb + 1) / (double)(pop + 2));
  double gm = LF(mode) + LF(mingb - mode) + LF(m - mode) + LF(maxgb - m + mode);
  double lim = fmin(fmin((double)m, (double)mingb) + 1, floor(a + 16 * c));
  int64_t k;
  for (;;) {
    double u = numc__next_double(g), v = numc__next_double(g);
    double x = a + h * (v - 0.5) / u;
    if (x < 0.0 || x >= lim) continue;
    k = (int64_t)floor(x);
    double t = gm - (LF(k) + LF(mingb - k) + LF(m - k) + LF(maxgb - m + k));
    if (u * (4.0 - u) - 3.0 <= t) break;
    if (u * (u - t) >= 1) continue;
    if (2.0 * log(u) <= t) break;
  }
#undef LF
  if (good > bad) k = m - k;
  if (m < sample) k = good - k;
  return k;
}

/* RandomState's hypergeometric for samples up to 10 (HYP). */
static int64_t hg_hyp(numc__rng *g, int64_t good, int64_t bad, int64_t sample) {
  int64_t d1 = bad + good - sample, k = sample;
  double d2 = (double)(good < bad ? good : bad), y = d2;
  while (y > 0.0) {
    double u = numc__next_double(g);
    y -= (double)(int64_t)floor(u + y / (double)(d1 + k));
    k--;
    if (k == 0) break;
  }
  int64_t z = (int64_t)(d2 - y);
  return good > bad ? sample - z : z;
}

static int64_t hypergeometric(numc__rng *g, int64_t good, int64_t bad, int64_t sample, bool legacy) {
  if (legacy) {
    if (sample > 10) return hg_hrua(g, good, bad, sample, true);
    return sample > 0 ? hg_hyp(g, good, bad, sample) : 0;
  }
  if (sample >= 10 && sample <= good + bad - 10) return hg_hrua(g, good, bad, sample, false);
  return hg_sample(g, good, bad, sample);
}

/* A float result as int64, saturating where NumPy's cast would overflow. */
static inline int64_t sat_i64(double z) {
  return z >= 9.223372036854776e+18 ? INT64_MAX : (int64_t)z;
}

static int64_t geometric(numc__rng *g, double p, bool legacy) {
  if (p >= 0.333333333333333333333333) { /* search */
    int64_t x = 1;
    double sum = p, prod = p, q = 1.0 - p, u = numc__next_double(g);
    while (u > sum) {
      prod *= q;
      sum += prod;
      x++;
    }
    return x;
  }
  if (legacy) return sat_i64(ceil(log1p(-numc__next_double(g)) / log(1 - p)));
  return sat_i64(ceil(-numc__std_exp(g) / log1p(-p)));
}

/* Kemp's logarithmic series sampler (Generator in log1p/expm1 form). */
static int64_t logseries(numc__rng *g, double p, bool legacy) {
  double r = legacy ? log(1.0 - p) : log1p(-p);
  for (;;) {
    double v = numc__next_double(g);
    if (v >= p) return 1;
    double u = numc__next_double(g), q = legacy ? 1.0 - exp(r * u) : -expm1(r * u);
    if (v <= q * q) {
      int64_t res = sat_i64(floor(1 + log(v) / log(q)));
      if (res < 1 || v == 0.0) continue;
      return res;
    }
    return v >= q ? 1 : 2;
  }
}

/* Devroye's Zipf rejection; Generator keeps U away from 0 (so X fits int64)
 * and returns 1 for a >= 1025. */
static int64_t zipf(numc__rng *g, double a, bool legacy) {
  if (!legacy && a >= 1025) return 1;
  double am1 = a - 1.0, b = pow(2.0, am1), umin = legacy ? 0 : pow((double)INT64_MAX, -am1);
  for (;;) {
    double u01 = numc__next_double(g), u = legacy ? 1.0 - u01 : u01 * umin + (1 - u01);
    double v = numc__next_double(g), x = floor(pow(u, -1.0 / am1));
    if (x > (double)INT64_MAX || x < 1.0) continue;
    double t = pow(1.0 + 1.0 / x, am1);
    if (v * x * (t - 1.0) / (b - 1.0) <= t / b) return (int64_t)x;
  }
}

static int64_t draw_i64(numc__rng *g, numc_random_dist d, bool legacy, double a, double b,
                        double c) {
  switch (d) {
  case NUMC_RANDOM_GEOMETRIC:
    return geometric(g, a, legacy);
  case NUMC_RANDOM_NEGATIVE_BINOMIAL:
    return numc__poisson(g, (1 - b) / b * numc__std_gamma(g, a, legacy));
  case NUMC_RANDOM_HYPERGEOMETRIC:
    return hypergeometric(g, (int64_t)a, (int64_t)b, (int64_t)c, legacy);
  case NUMC_RANDOM_LOGSERIES:
    return logseries(g, a, legacy);
  case NUMC_RANDOM_ZIPF:
    return zipf(g, a, legacy);
  default:
    return 0;
  }
}

void numc__dist_fill(numc__rng *g, numc_random_dist d, bool legacy, void *out, int64_t n,
                     const params *ps) {
  int np = numc_random_dist_nparams(d);
  double v[NUMC__MAXPARAMS] = {0, 0, 0};
  bool ints = spec_of(d)->int_valued;
  for (int64_t i = 0; i < n; i++) {
    for (int k = 0; k < np; k++) v[k] = NUMC__PAR(ps, k, i);
    if (ints)
      ((int64_t *)out)[i] = draw_i64(g, d, legacy, v[0], v[1], v[2]);
    else
      ((double *)out)[i] = draw_f64(g, d, legacy, v[0], v[1], v[2]);
  }
}

/* ---- multinomial and Dirichlet ---------------------------------------------------- */

/* Output shape `lead` + (d,) where lead is (ndim, shape) or, for ndim < 0,
 * (def_ndim, def_shape). */
static int rows_out(numc_array **out, numc_dtype dt, int ndim, const int64_t *shape, int def_ndim,
                    const int64_t *def_shape, int64_t d) {
  if (ndim < 0) ndim = def_ndim, shape = def_shape;
  if (ndim + 1 > NUMC_MAXDIMS) return numc__err(NUMC_EVALUE, "too many dimensions");
  int64_t sh[NUMC_MAXDIMS];
  if (ndim > 0) memcpy(sh, shape, sizeof(int64_t) * (size_t)ndim);
  sh[ndim] = d;
  return numc_zeros(out, dt, ndim + 1, sh);
}

/* NumPy's kahan_sum of the first n values. */
static double kahan_sum(const double *x, int64_t n) {
  if (n <= 0) return 0.0;
  double sum = x[0], c = 0.0;
  for (int64_t i = 1; i < n; i++) {
    double y = x[i] - c, t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  return sum;
}

int numc_random_multinomial(numc_array **out, numc_bitgen *bg, unsigned flags, const numc_array *n,
                            const numc_array *pvals, int ndim, const int64_t *shape) {
  if (out == NULL || bg == NULL || n == NULL || pvals == NULL)
    return numc__err(NUMC_EINVAL, "argument is NULL");
  bool legacy = flags & NUMC_RANDOM_LEGACY;
  int pnd = numc_array_ndim(pvals);
  const int64_t *psh = numc_array_shape(pvals);
  if (legacy && pnd == 0) return numc__err(NUMC_ETYPE, "pvals must be a 1-d sequence");
  if (legacy && pnd > 1) return numc__err(NUMC_EVALUE, "object too deep for desired array");
  int64_t d = pnd > 0 ? psh[pnd - 1] : 0;
  if (!legacy && d == 0)
    return numc__err(NUMC_EVALUE, "pvals must have at least 1 dimension and the last dimension "
                                  "of pvals must be greater than 0.");
  numc_array *pc;
  NUMC__TRY(numc__random_operand(&pc, pvals, NUMC_FLOAT64));
  const double *pix = (const double *)numc__array_ptr(pc);
  int64_t psize = numc_array_size(pc), rows = d ? psize / d : 0;
  int rc = NUMC_OK;
  for (int64_t i = 0; i < psize && rc == NUMC_OK; i++)
    if (!(pix[i] >= 0 && pix[i] <= 1))
      rc = numc__err(NUMC_EVALUE, "pvals < 0, pvals > 1 or pvals contains NaNs");
  for (int64_t r = 0; r < rows && rc == NUMC_OK; r++)
    if (kahan_sum(pix + r * d, d - 1) > 1.0 + 1e-12)
      rc = numc__err(NUMC_EVALUE, pnd > 1 ? "sum(pvals[...,:-1]) > 1.0" : "sum(pvals[:-1]) > 1.0");
  /* the row of pvals of each output row: arange(rows) shaped as pvals[..., 0] */
  numc_array *idx = NULL, *idx_sh = NULL, *in[2] = {(numc_array *)n, NULL};
  if (rc == NUMC_OK) {
    numc_scalar lo = {.dtype = NUMC_INT64, .v.i64 = 0}, hi = {.dtype = NUMC_INT64, .v.i64 = rows},
                st = {.dtype = NUMC_INT64, .v.i64 = 1};
    rc = numc_arange(&idx, NUMC_INT64, &lo, &hi, &st);
    if (rc == NUMC_OK) rc = numc_reshape(&idx_sh, idx, pnd > 0 ? pnd - 1 : 0, psh, NUMC_COPY_IF_NEEDED);
    in[1] = idx_sh;
  }
  params ps;
  const numc_dtype dts[2] = {NUMC_INT64, NUMC_INT64};
  bool loaded = false;
  if (rc == NUMC_OK) {
    rc = numc__params_load(&ps, 2, (const numc_array *const *)in, dts, ndim, shape);
    loaded = rc == NUMC_OK;
  }
  int64_t m = loaded ? numc__shape_size(ps.ndim, ps.shape) : 0;
  for (int64_t i = 0; loaded && rc == NUMC_OK && i < (ps.step[0] ? m : 1); i++)
    if (((const int64_t *)ps.p[0])[i] < 0) rc = numc__err(NUMC_EVALUE, "n < 0");
  numc_array *a = NULL;
  if (rc == NUMC_OK) rc = rows_out(&a, NUMC_INT64, ps.ndim, ps.shape, 0, NULL, d);
  if (rc == NUMC_OK && d > 0) {
    int64_t *o = (int64_t *)numc__array_ptr(a);
    numc__bitgen_lock(bg);
    for (int64_t i = 0; i < m; i++, o += d) {
      int64_t left = ((const int64_t *)ps.p[0])[i * ps.step[0]];
      const double *p = pix + d * ((const int64_t *)ps.p[1])[i * ps.step[1]];
      double rest = 1.0;
      for (int64_t j = 0; j < d - 1; j++) {
        /* NumPy's multinomial skips the draw of n == 0 or p == 0 in both
         * flavours (RandomState.binomial itself does not) */
        o[j] = numc__binomial(&bg->g, left, p[j] / rest, false);
        left -= o[j];
        if (left <= 0) break;
        rest -= p[j];
      }
      if (left > 0) o[d - 1] = left;
    }
    numc__bitgen_unlock(bg);
  }
  if (loaded) numc__params_done(&ps);
  numc_release(idx_sh);
  numc_release(idx);
  numc_release(pc);
  if (rc == NUMC_OK) *out = a;
  return rc;
}

int numc_random_dirichlet(numc_array **out, numc_bitgen *bg, unsigned flags,
                          const numc_array *alpha, int ndim, const int64_t *shape) {
  if (out == NULL || bg == NULL || alpha == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  if (numc_array_ndim(alpha) != 1)
    return numc__err(NUMC_EVALUE, "alpha must be a one-dimensional sequence");
  bool legacy = flags & NUMC_RANDOM_LEGACY;
  numc_array *ac;
  NUMC__TRY(numc__random_operand(&ac, alpha, NUMC_FLOAT64));
  const double *al = (const double *)numc__array_ptr(ac);
  int64_t k = numc_array_size(ac);
  double amax = -INFINITY;
  for (int64_t j = 0; j < k; j++) {
    if (legacy ? al[j] <= 0 : al[j] < 0) {
      numc_release(ac);
      return numc__err(NUMC_EVALUE, legacy ? "alpha <= 0" : "alpha < 0");
    }
    amax = fmax(amax, al[j]);
  }
  numc_array *a;
  int rc = rows_out(&a, NUMC_FLOAT64, ndim, shape, 0, NULL, k);
  if (rc < 0) {
    numc_release(ac);
    return rc;
  }
  double *o = (double *)numc__array_ptr(a);
  int64_t rows = k ? numc_array_size(a) / k : 0;
  /* Generator: stick breaking with betas when every alpha is small */
  double *csum = NULL;
  if (!legacy && k > 0 && amax < 0.1) {
    csum = malloc(sizeof(double) * (size_t)k);
    if (csum == NULL) {
      numc_release(a);
      numc_release(ac);
      return numc__err(NUMC_ENOMEM, "out of memory");
    }
    double s = 0.0;
    for (int64_t j = k - 1; j >= 0; j--) csum[j] = s += al[j];
  }
  numc__bitgen_lock(bg);
  for (int64_t r = 0; r < rows; r++, o += k) {
    if (csum != NULL) {
      if (!(csum[0] > 0)) continue; /* all zero: NumPy leaves zeros */
      double acc = 1.0;
      for (int64_t j = 0; j < k - 1; j++) {
        double v = numc__beta(&bg->g, al[j], csum[j + 1], false);
        o[j] = acc * v;
        acc *= 1.0 - v;
        if (csum[j + 1] == 0) break;
      }
      o[k - 1] = acc;
    } else {
      double acc = 0.0;
      for (int64_t j = 0; j < k; j++) acc = acc + (o[j] = numc__std_gamma(&bg->g, al[j], legacy));
      double inv = 1.0 / acc;
      for (int64_t j = 0; j < k; j++) o[j] = o[j] * inv;
    }
  }
  numc__bitgen_unlock(bg);
  free(csum);
  numc_release(ac);
  *out = a;
  return NUMC_OK;
}

/* ---- multivariate hypergeometric ---------------------------------------------- */

/* The 'count' method: a partial Fisher-Yates shuffle of the expanded color
 * list per variate, then counts. `choices` holds total entries. */
static void mvhg_count(numc__rng *g, int64_t total, int64_t nc, const int64_t *colors,
                       int64_t nsample, int64_t nv, int64_t *out, int64_t *choices) {
  for (int64_t i = 0, k = 0; i < nc; i++)
    for (int64_t j = 0; j < colors[i]; j++) choices[k++] = i;
  bool flip = nsample > total / 2;
  if (flip) nsample = total - nsample;
  for (int64_t v = 0; v < nv; v++, out += nc) {
    for (int64_t j = 0; j < nsample; j++) {
      int64_t k = j + (int64_t)numc__interval(g, (uint64_t)(total - j - 1)), t = choices[k];
      choices[k] = choices[j];
      choices[j] = t;
    }
    for (int64_t j = 0; j < nsample; j++) out[choices[j]]++;
    if (flip)
      for (int64_t k = 0; k < nc; k++) out[k] = colors[k] - out[k];
  }
}

/* The 'marginals' method: one Generator hypergeometric per color. */
static void mvhg_marginals(numc__rng *g, int64_t total, int64_t nc, const int64_t *colors,
                           int64_t nsample, int64_t nv, int64_t *out) {
  bool flip = nsample > total / 2;
  if (flip) nsample = total - nsample;
  for (int64_t v = 0; v < nv; v++, out += nc) {
    int64_t todo = nsample, left = total;
    for (int64_t j = 0; todo > 0 && j + 1 < nc; j++) {
      left -= colors[j];
      out[j] = hypergeometric(g, colors[j], left, todo, false);
      todo -= out[j];
    }
    if (todo > 0) out[nc - 1] = todo;
    if (flip)
      for (int64_t k = 0; k < nc; k++) out[k] = colors[k] - out[k];
  }
}

int numc_random_multivariate_hypergeometric(numc_array **out, numc_bitgen *bg,
                                            const numc_array *colors, int64_t nsample,
                                            int count, int ndim, const int64_t *shape) {
  if (out == NULL || bg == NULL || colors == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  if (nsample < 0) return numc__err(NUMC_EVALUE, "nsample must be nonnegative.");
  numc_dtype cdt = numc_array_dtype(colors);
  if (numc_array_ndim(colors) != 1 ||
      (numc_array_size(colors) > 0 && !(numc__is_int(cdt) || cdt == NUMC_BOOL)))
    return numc__err(NUMC_EVALUE, "colors must be a one-dimensional sequence of nonnegative "
                                  "integers not exceeding 9223372036854775807.");
  numc_array *cc;
  NUMC__TRY(numc__random_operand(&cc, colors, NUMC_INT64));
  const int64_t *col = (const int64_t *)numc__array_ptr(cc);
  int64_t nc = numc_array_size(cc), total = 0;
  int rc = NUMC_OK;
  for (int64_t i = 0; i < nc && rc == NUMC_OK; i++) {
    if (col[i] < 0) /* uint64 counts beyond int64 wrap negative here */
      rc = numc__err(NUMC_EVALUE, "colors must be a one-dimensional sequence of nonnegative "
                                  "integers not exceeding 9223372036854775807.");
    else if (__builtin_add_overflow(total, col[i], &total))
      rc = numc__err(NUMC_EVALUE, "sum(colors) must not exceed the maximum value of a 64 bit "
                                  "signed integer (9223372036854775807)");
  }
  if (rc == NUMC_OK && !count && total >= 1000000000)
    rc = numc__err(NUMC_EVALUE, "When method is \"marginals\", sum(colors) must be less than "
                                "1000000000.");
  if (rc == NUMC_OK && count && total > INT64_MAX / 8)
    rc = numc__err(NUMC_EVALUE, "When method is 'count', sum(colors) must not exceed %lld",
                   (long long)(INT64_MAX / 8));
  if (rc == NUMC_OK && nsample > total) rc = numc__err(NUMC_EVALUE, "nsample > sum(colors)");
  numc_array *a = NULL;
  if (rc == NUMC_OK) rc = rows_out(&a, NUMC_INT64, ndim, shape, 0, NULL, nc);
  int64_t nv = rc == NUMC_OK && nc > 0 ? numc_array_size(a) / nc : 0;
  int64_t *choices = NULL;
  if (rc == NUMC_OK && count && total > 0 && nsample > 0 && nv > 0) {
    choices = malloc(sizeof(int64_t) * (size_t)total);
    if (choices == NULL) {
      numc_release(a);
      rc = numc__err(NUMC_ENOMEM, "Insufficient memory for multivariate_hypergeometric with "
                                  "method='count' and sum(colors)=%lld", (long long)total);
    }
  }
  if (rc == NUMC_OK && total > 0 && nsample > 0 && nv > 0) {
    numc__bitgen_lock(bg);
    if (count)
      mvhg_count(&bg->g, total, nc, col, nsample, nv, (int64_t *)numc__array_ptr(a), choices);
    else
      mvhg_marginals(&bg->g, total, nc, col, nsample, nv, (int64_t *)numc__array_ptr(a));
    numc__bitgen_unlock(bg);
  }
  free(choices);
  numc_release(cc);
  if (rc == NUMC_OK) *out = a;
  return rc;
}
