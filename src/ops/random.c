/*
 * ops/random.c - the distributions of numc_random: uniform floats, normals
 * (ziggurat for Generator, polar Box-Muller for RandomState), exponentials,
 * bounded integers, choice, shuffle and permutation.
 *
 * Every algorithm is the one NumPy uses for the same call, draw for draw,
 * so the same seed gives the same stream (see include/numc/random.h). The
 * parameters are read once into float64 (or, for integers, 128-bit
 * integers) laid over the output in C order (step 0 for a scalar), all
 * checked before the first draw, so that a failed call leaves the
 * generator untouched. Generation runs under the generator's lock, on the
 * calling thread except for the block-parallel fills (see par_fill).
 */
#include "random_internal.h"
#include "random_ziggurat.h"

#include "../cpu/pool.h"

#include <stdatomic.h>

#include <float.h>
#include <math.h>

/* ---- array helpers ---------------------------------------------------------- */

int numc__random_out(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape) {
  if (ndim < 0) ndim = 0;
  numc__lock();
  int rc = numc__check_shape(ndim, shape, dtype);
  if (rc == NUMC_OK) rc = numc__array_alloc(out, dtype, ndim, shape, false);
  numc__unlock();
  return rc;
}

int numc__random_operand(numc_array **out, const numc_array *x, numc_dtype dtype) {
  numc_array *c;
  NUMC__TRY(numc_astype(&c, x, dtype, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  int rc = numc_copy(out, c, NUMC_ORDER_C);
  numc_release(c);
  if (rc == NUMC_OK) {
    void *p;
    rc = numc_array_data(&p, *out, NUMC_ACCESS_READ);
    if (rc < 0) numc_release(*out);
  }
  return rc;
}

void numc__params_done(params *ps) {
  for (int k = 0; k < ps->n; k++) numc_release(ps->hold[k]);
}

int numc__params_load(params *ps, int n, const numc_array *const *in, const numc_dtype *dts,
                       int ndim, const int64_t *shape) {
  memset(ps, 0, sizeof *ps);
  if (n > NUMC__MAXPARAMS) return numc__err(NUMC_EINVAL, "too many parameters");
  int nds[NUMC__MAXPARAMS + 1];
  const int64_t *shs[NUMC__MAXPARAMS + 1];
  for (int k = 0; k < n; k++) {
    if (in[k] == NULL) return numc__err(NUMC_EINVAL, "parameter %d is NULL", k);
    nds[k] = numc_array_ndim(in[k]);
    shs[k] = numc_array_shape(in[k]);
  }
  int bnd;
  int64_t bsh[NUMC_MAXDIMS];
  if (ndim >= 0) {
    if (ndim > NUMC_MAXDIMS || (ndim > 0 && shape == NULL))
      return numc__err(NUMC_EINVAL, "invalid output shape");
    nds[n] = ndim;
    shs[n] = shape;
    NUMC__TRY(numc_broadcast_shapes(&bnd, bsh, n + 1, nds, shs));
    if (bnd != ndim || memcmp(bsh, shape, sizeof(int64_t) * (size_t)ndim) != 0)
      return numc__err(NUMC_ESHAPE, "shape mismatch: objects cannot be broadcast to a single shape");
  } else {
    NUMC__TRY(numc_broadcast_shapes(&bnd, bsh, n, nds, shs));
  }
  ps->ndim = bnd;
  ps->scalar = true;
  for (int k = 0; k < n; k++) ps->scalar = ps->scalar && nds[k] == 0;
  memcpy(ps->shape, bsh, sizeof(int64_t) * (size_t)bnd);
  for (int k = 0; k < n; k++) {
    numc_array *src = (numc_array *)in[k], *b = NULL;
    bool scalar = numc_array_size(in[k]) == 1;
    int rc = scalar ? numc_reshape(&b, src, 0, NULL, NUMC_COPY_IF_NEEDED)
                    : numc_broadcast_to(&b, src, bnd, bsh);
    if (rc == NUMC_OK) {
      rc = numc__random_operand(&ps->hold[k], b, dts ? dts[k] : NUMC_FLOAT64);
      numc_release(b);
    }
    if (rc < 0) {
      numc__params_done(ps);
      return rc;
    }
    ps->n = k + 1;
    ps->p[k] = numc__array_ptr(ps->hold[k]);
    ps->step[k] = scalar ? 0 : 1;
  }
  ps->n = n;
  return NUMC_OK;
}

/* ---- the ziggurat and legacy draws ------------------------------------------ */

/* Marsaglia-Tsang ziggurat on 64-bit draws, NumPy's layout: 8 bits of
 * layer, a sign bit, 52 bits of magnitude. */
double numc__std_normal(numc__rng *g) {
  for (;;) {
    uint64_t r = numc__next64(g);
    int idx = (int)(r & 0xff);
    r >>= 8;
    uint64_t rabs = (r >> 1) & 0x000fffffffffffffull;
    double x = (double)rabs * zig_wi_double[idx];
    if (r & 1) x = -x;
    if (rabs < zig_ki_double[idx]) return x;
    if (idx == 0) { /* the tail beyond r */
      for (;;) {
        double xx = -zig_nor_inv_r * log1p(-numc__next_double(g));
        double yy = -log1p(-numc__next_double(g));
        if (yy + yy > xx * xx)
          return ((rabs >> 8) & 1) ? -(zig_nor_r + xx) : zig_nor_r + xx;
      }
    }
    if ((zig_fi_double[idx - 1] - zig_fi_double[idx]) * numc__next_double(g) + zig_fi_double[idx] <
        exp(-0.5 * x * x))
      return x;
  }
}

/* The float32 ziggurat on 32-bit draws (8 bits layer, sign, 23 bits). */
static float std_normal_f(numc__rng *g) {
  for (;;) {
    uint32_t r = numc__next32(g);
    int idx = (int)(r & 0xff);
    uint32_t sign = (r >> 8) & 1, rabs = (r >> 9) & 0x0007fffff;
    float x = (float)rabs * zig_wi_float[idx];
    if (sign) x = -x;
    if (rabs < zig_ki_float[idx]) return x;
    if (idx == 0) {
      for (;;) {
        float xx = -zig_nor_inv_r_f * log1pf(-numc__next_float(g));
        float yy = -log1pf(-numc__next_float(g));
        if (yy + yy > xx * xx)
          return ((rabs >> 8) & 1) ? -(zig_nor_r_f + xx) : zig_nor_r_f + xx;
      }
    }
    if ((zig_fi_float[idx - 1] - zig_fi_float[idx]) * numc__next_float(g) + zig_fi_float[idx] <
        expf(-0.5f * x * x))
      return x;
  }
}

/* Exponential ziggurat: 3 bits dropped, 8 bits of layer, 53 of magnitude. */
double numc__std_exp(numc__rng *g) {
  for (;;) {
    uint64_t r = numc__next64(g) >> 3;
    int idx = (int)(r & 0xff);
    r >>= 8;
    double x = (double)r * zig_we_double[idx];
    if (r < zig_ke_double[idx]) return x;
    if (idx == 0) return zig_exp_r - log1p(-numc__next_double(g));
    if ((zig_fe_double[idx - 1] - zig_fe_double[idx]) * numc__next_double(g) + zig_fe_double[idx] <
        exp(-x))
      return x;
  }
}

static float std_exp_f(numc__rng *g) {
  for (;;) {
    uint32_t r = numc__next32(g) >> 1;
    int idx = (int)(r & 0xff);
    r >>= 8;
    float x = (float)r * zig_we_float[idx];
    if (r < zig_ke_float[idx]) return x;
    if (idx == 0) return zig_exp_r_f - log1pf(-numc__next_float(g));
    if ((zig_fe_float[idx - 1] - zig_fe_float[idx]) * numc__next_float(g) + zig_fe_float[idx] <
        expf(-x))
      return x;
  }
}

/* RandomState's normal: the polar method, keeping the second value. */
double numc__legacy_gauss(numc__rng *g) {
  if (g->has_gauss) {
    g->has_gauss = 0;
    double t = g->gauss;
    g->gauss = 0.0;
    return t;
  }
  double x1, x2, r2;
  do {
    x1 = 2.0 * numc__next_double(g) - 1.0;
    x2 = 2.0 * numc__next_double(g) - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  double f = sqrt(-2.0 * log(r2) / r2);
  g->gauss = f * x1;
  g->has_gauss = 1;
  return f * x2;
}

/* RandomState's exponential: inversion. */
double numc__legacy_exp(numc__rng *g) { return -log(1.0 - numc__next_double(g)); }

/* ---- gamma, beta, Poisson, binomial ------------------------------------------ */

/* Marsaglia-Tsang gamma for shape >= 1, Johnk-style rejection below (the
 * normals and exponentials of the flavour: ziggurat or legacy). */
double numc__std_gamma(numc__rng *g, double shape, bool legacy) {
  if (shape == 1.0) return legacy ? numc__legacy_exp(g) : numc__std_exp(g);
  if (shape == 0.0) return 0.0;
  if (shape < 1.0) {
    for (;;) {
      double u = numc__next_double(g), v = legacy ? numc__legacy_exp(g) : numc__std_exp(g), x;
      if (u <= 1.0 - shape) {
        x = pow(u, 1.0 / shape);
        if (x <= v) return x;
      } else {
        double y = -log((1 - u) / shape);
        x = pow(1.0 - shape + shape * y, 1.0 / shape);
        if (x <= v + y) return x;
      }
    }
  }
  double b = shape - 1.0 / 3.0, c = 1.0 / sqrt(9 * b);
  for (;;) {
    double x, v;
    do {
      x = legacy ? numc__legacy_gauss(g) : numc__std_normal(g);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    double u = numc__next_double(g);
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return b * v;
    if (log(u) < 0.5 * x * x + b * (1.0 - v + log(v))) return b * v;
  }
}

/* Beta: Johnk's algorithm when both parameters are <= 1 (in logs when both
 * powers underflow), else a ratio of gammas. */
double numc__beta(numc__rng *g, double a, double b, bool legacy) {
  if (a <= 1.0 && b <= 1.0) {
    for (;;) {
      double u = numc__next_double(g), v = numc__next_double(g);
      double x = pow(u, 1.0 / a), y = pow(v, 1.0 / b), xy = x + y;
      if (xy <= 1.0 && (legacy || u + v > 0.0)) { /* Generator rejects u = v = 0 */
        if (xy > 0) return x / xy;
        double lx = log(u) / a, ly = log(v) / b, lm = lx > ly ? lx : ly;
        lx -= lm, ly -= lm;
        return exp(lx - log(exp(lx) + exp(ly)));
      }
    }
  }
  double ga = numc__std_gamma(g, a, legacy), gb = numc__std_gamma(g, b, legacy);
  return ga / (ga + gb);
}

/* log Gamma(x) for the Poisson rejection test: Stirling's series with ten
 * terms, shifted up to x >= 7. */
double numc__loggam(double x) {
  static const double a[10] = {8.333333333333333e-02, -2.777777777777778e-03,
                               7.936507936507937e-04, -5.952380952380952e-04,
                               8.417508417508418e-04, -1.917526917526918e-03,
                               6.410256410256410e-03, -2.955065359477124e-02,
                               1.796443723688307e-01, -1.39243221690590e+00};
  if (x == 1.0 || x == 2.0) return 0.0;
  int64_t n = x < 7.0 ? (int64_t)(7 - x) : 0;
  double x0 = x + (double)n, x2 = (1.0 / x0) * (1.0 / x0), s = a[9];
  for (int k = 8; k >= 0; k--) s = s * x2 + a[k];
  double gl = s / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * log(x0) - x0;
  for (int64_t k = 1; k <= n; k++) {
    gl -= log(x0 - 1.0);
    x0 -= 1.0;
  }
  return gl;
}

/* Poisson: multiplication of uniforms below lam 10, Hormann's PTRS
 * transformed rejection above. */
int64_t numc__poisson(numc__rng *g, double lam) {
  if (lam == 0) return 0;
  if (!(lam >= 10)) { /* NaN (legacy noncentral_chisquare) too, as NumPy */
    double enlam = exp(-lam), prod = 1.0;
    int64_t x = 0;
    for (;;) {
      prod *= numc__next_double(g);
      if (!(prod > enlam)) return x; /* a NaN lam ends here too, as NumPy */
      x++;
    }
  }
  double slam = sqrt(lam), loglam = log(lam), b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    double u = numc__next_double(g) - 0.5, v = numc__next_double(g), us = 0.5 - fabs(u);
    int64_t k = (int64_t)floor((2 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -lam + (double)k * loglam - numc__loggam((double)k + 1))
      return k;
  }
}

/* Binomial by inversion (n p <= 30), p <= 0.5. */
static int64_t binomial_inversion(numc__rng *g, int64_t n, double p) {
  double q = 1.0 - p, qn = exp((double)n * log(q)), np = (double)n * p;
  double lim = np + 10.0 * sqrt(np * q + 1);
  int64_t bound = (double)n < lim ? n : (int64_t)lim, x = 0;
  double px = qn, u = numc__next_double(g);
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = numc__next_double(g);
    } else {
      u -= px;
      px = ((double)(n - x + 1) * p * px) / ((double)x * q);
    }
  }
  return x;
}

/* Stirling-series correction terms of BTPE's final test. */
static double btpe_corr(double z, double z2) {
  return (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.;
}

/* Kachitvichyanukul and Schmeiser's BTPE (triangle, parallelograms,
 * exponential tails), p <= 0.5. */
static int64_t binomial_btpe(numc__rng *g, int64_t n, double p) {
  double r = p < 1.0 - p ? p : 1.0 - p, q = 1.0 - r, fm = (double)n * r + r;
  int64_t m = (int64_t)floor(fm);
  double p1 = floor(2.195 * sqrt((double)n * r * q) - 4.6 * q) + 0.5;
  double xm = (double)m + 0.5, xl = xm - p1, xr = xm + p1, c = 0.134 + 20.5 / (15.3 + (double)m);
  double a = (fm - xl) / (fm - xl * r), laml = a * (1.0 + a / 2.0);
  a = (xr - fm) / (xr * q);
  double lamr = a * (1.0 + a / 2.0), p2 = p1 * (1.0 + 2.0 * c), p3 = p2 + c / laml,
         p4 = p3 + c / lamr, nrq = (double)n * r * q;
  for (;;) {
    double u = numc__next_double(g) * p4, v = numc__next_double(g);
    int64_t y;
    if (u <= p1) { /* the triangle: accept at once */
      return (int64_t)floor(xm - p1 * v + u);
    }
    if (u <= p2) { /* the parallelograms */
      double x = xl + (u - p1) / c;
      v = v * c + 1.0 - fabs((double)m - x + 0.5) / p1;
      if (v > 1.0) continue;
      y = (int64_t)floor(x);
    } else if (u <= p3) { /* left tail */
      y = (int64_t)floor(xl + log(v) / laml);
      if (y < 0 || v == 0.0) continue;
      v = v * (u - p2) * laml;
    } else { /* right tail */
      y = (int64_t)floor(xr - log(v) / lamr);
      if (y > n || v == 0.0) continue;
      v = v * (u - p3) * lamr;
    }
    int64_t k = y > m ? y - m : m - y;
    if (!(k > 20 && (double)k < nrq / 2.0 - 1)) { /* explicit ratio f(y)/f(m) */
      double s = r / q, aa = s * (double)(n + 1), f = 1.0;
      if (m < y)
        for (int64_t i = m + 1; i <= y; i++) f *= (aa / (double)i - s);
      else if (m > y)
        for (int64_t i = y + 1; i <= m; i++) f /= (aa / (double)i - s);
      if (v > f) continue;
      return y;
    }
    double kk = (double)k;
    double rho = (kk / nrq) * ((kk * (kk / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    double t = -kk * kk / (2 * nrq), A = log(v);
    if (A < t - rho) return y;
    if (A > t + rho) continue;
    double x1 = (double)y + 1, f1 = (double)m + 1, z = (double)(n + 1 - m), w = (double)(n - y + 1);
    if (A > xm * log(f1 / x1) + ((double)(n - m) + 0.5) * log(z / w) +
                (double)(y - m) * log(w * r / (x1 * q)) + btpe_corr(f1, f1 * f1) +
                btpe_corr(z, z * z) + btpe_corr(x1, x1 * x1) + btpe_corr(w, w * w))
      continue;
    return y;
  }
}

/* RandomState has no shortcut for n == 0 or p == 0: it still draws. */
int64_t numc__binomial(numc__rng *g, int64_t n, double p, bool legacy) {
  if (!legacy && (n == 0 || p == 0.0)) return 0;
  if (p <= 0.5)
    return p * (double)n <= 30.0 ? binomial_inversion(g, n, p) : binomial_btpe(g, n, p);
  double q = 1.0 - p;
  return n - (q * (double)n <= 30.0 ? binomial_inversion(g, n, q) : binomial_btpe(g, n, q));
}

/* ---- numc_random -------------------------------------------------------------- */

static const char *const dist_names[] = {
#define X(name, str, np) str,
    NUMC_RANDOM_DIST_MAP(X)
#undef X
};
static const int dist_nparams[] = {
#define X(name, str, np) np,
    NUMC_RANDOM_DIST_MAP(X)
#undef X
};

const char *numc_random_dist_name(numc_random_dist dist) {
  return (int)dist >= 0 && dist < NUMC_RANDOM__COUNT ? dist_names[dist] : "";
}

int numc_random_dist_nparams(numc_random_dist dist) {
  return (int)dist >= 0 && dist < NUMC_RANDOM__COUNT ? dist_nparams[dist] : -1;
}

/* Element i of a float64 parameter. */
#define PAR NUMC__PAR

/* NumPy's checks of the parameters, before any draw. */
static int check_params(const params *ps, numc_random_dist dist, bool legacy, int64_t n) {
  if (dist == NUMC_RANDOM_NORMAL || dist == NUMC_RANDOM_EXPONENTIAL) {
    int k = dist == NUMC_RANDOM_NORMAL ? 1 : 0;
    for (int64_t i = 0; i < n; i++) {
      double s = PAR(ps, k, i);
      if (!isnan(s) && signbit(s)) return numc__err(NUMC_EVALUE, "scale < 0");
    }
  } else if (dist == NUMC_RANDOM_STANDARD_GAMMA || dist == NUMC_RANDOM_GAMMA) {
    for (int64_t i = 0; i < n; i++) {
      double sh = PAR(ps, 0, i), sc = dist == NUMC_RANDOM_GAMMA ? PAR(ps, 1, i) : 1.0;
      if (!isnan(sh) && signbit(sh)) return numc__err(NUMC_EVALUE, "shape < 0");
      if (!isnan(sc) && signbit(sc)) return numc__err(NUMC_EVALUE, "scale < 0");
    }
  } else if (dist == NUMC_RANDOM_BETA) {
    for (int64_t i = 0; i < n; i++) {
      if (PAR(ps, 0, i) <= 0) return numc__err(NUMC_EVALUE, "a <= 0");
      if (PAR(ps, 1, i) <= 0) return numc__err(NUMC_EVALUE, "b <= 0");
    }
  } else if (dist == NUMC_RANDOM_POISSON) {
    const double lam_max = 9223372036854775807.0 - sqrt(9223372036854775807.0) * 10;
    for (int64_t i = 0; i < n; i++) {
      double lam = PAR(ps, 0, i);
      if (!(lam >= 0)) return numc__err(NUMC_EVALUE, "lam < 0 or lam is NaN");
      if (lam > lam_max) return numc__err(NUMC_EVALUE, "lam value too large");
    }
  } else if (dist == NUMC_RANDOM_BINOMIAL) {
    for (int64_t i = 0; i < n; i++) {
      double nn = PAR(ps, 0, i), p = PAR(ps, 1, i);
      if (!isnan(nn) && signbit(nn)) return numc__err(NUMC_EVALUE, "n < 0");
      if (!(p >= 0 && p <= 1)) return numc__err(NUMC_EVALUE, "p < 0, p > 1 or p is NaN");
    }
  } else if (dist == NUMC_RANDOM_UNIFORM) {
    for (int64_t i = 0; i < n; i++) {
      double range = PAR(ps, 1, i) - PAR(ps, 0, i);
      if (!isfinite(range))
        return numc__err(NUMC_EOVERFLOW, legacy ? "Range exceeds valid bounds"
                                                : "high - low range exceeds valid bounds");
      if (!legacy && signbit(range)) return numc__err(NUMC_EVALUE, "high - low < 0");
    }
  }
  return NUMC_OK;
}

/* Fills n float64 outputs (one draw function per element, in order). */
static void fill_f64(numc__rng *g, numc_random_dist dist, bool legacy, double *o, int64_t n,
                     const params *ps) {
  switch (dist) {
  case NUMC_RANDOM_RANDOM:
    for (int64_t i = 0; i < n; i++) o[i] = numc__next_double(g);
    break;
  case NUMC_RANDOM_STANDARD_NORMAL:
    if (legacy)
      for (int64_t i = 0; i < n; i++) o[i] = numc__legacy_gauss(g);
    else
      for (int64_t i = 0; i < n; i++) o[i] = numc__std_normal(g);
    break;
  case NUMC_RANDOM_NORMAL:
    if (legacy)
      for (int64_t i = 0; i < n; i++) o[i] = PAR(ps, 0, i) + PAR(ps, 1, i) * numc__legacy_gauss(g);
    else
      for (int64_t i = 0; i < n; i++) o[i] = PAR(ps, 0, i) + PAR(ps, 1, i) * numc__std_normal(g);
    break;
  case NUMC_RANDOM_UNIFORM:
    for (int64_t i = 0; i < n; i++) {
      double lo = PAR(ps, 0, i);
      o[i] = lo + (PAR(ps, 1, i) - lo) * numc__next_double(g);
    }
    break;
  case NUMC_RANDOM_STANDARD_EXPONENTIAL:
    if (legacy)
      for (int64_t i = 0; i < n; i++) o[i] = numc__legacy_exp(g);
    else
      for (int64_t i = 0; i < n; i++) o[i] = numc__std_exp(g);
    break;
  case NUMC_RANDOM_EXPONENTIAL:
    if (legacy)
      for (int64_t i = 0; i < n; i++) o[i] = PAR(ps, 0, i) * numc__legacy_exp(g);
    else
      for (int64_t i = 0; i < n; i++) o[i] = PAR(ps, 0, i) * numc__std_exp(g);
    break;
  case NUMC_RANDOM_STANDARD_GAMMA:
    for (int64_t i = 0; i < n; i++) o[i] = numc__std_gamma(g, PAR(ps, 0, i), legacy);
    break;
  case NUMC_RANDOM_GAMMA:
    for (int64_t i = 0; i < n; i++) o[i] = PAR(ps, 1, i) * numc__std_gamma(g, PAR(ps, 0, i), legacy);
    break;
  case NUMC_RANDOM_BETA:
    for (int64_t i = 0; i < n; i++) o[i] = numc__beta(g, PAR(ps, 0, i), PAR(ps, 1, i), legacy);
    break;
  default:
    break;
  }
}

/* The integer-valued distributions (int64 outputs). */
static void fill_i64(numc__rng *g, numc_random_dist dist, bool legacy, int64_t *o, int64_t n,
                     const params *ps) {
  if (dist == NUMC_RANDOM_POISSON)
    for (int64_t i = 0; i < n; i++) o[i] = numc__poisson(g, PAR(ps, 0, i));
  else
    for (int64_t i = 0; i < n; i++) o[i] = numc__binomial(g, (int64_t)PAR(ps, 0, i), PAR(ps, 1, i), legacy);
}

static void fill_f32(numc__rng *g, numc_random_dist dist, float *o, int64_t n) {
  if (dist == NUMC_RANDOM_RANDOM)
    for (int64_t i = 0; i < n; i++) o[i] = numc__next_float(g);
  else if (dist == NUMC_RANDOM_STANDARD_NORMAL)
    for (int64_t i = 0; i < n; i++) o[i] = std_normal_f(g);
  else
    for (int64_t i = 0; i < n; i++) o[i] = std_exp_f(g);
}

/* The shared body of numc_random and numc_random_s once the parameters are
 * laid out in ps. */
/* ---- parallel fills ---------------------------------------------------------- */

/* Outputs per block of a parallel fill, and the size from which it pays. */
#define PAR_BLOCK 65536
#define PAR_MIN (4 * PAR_BLOCK)

/* A fill of n float64 outputs that each take exactly one 64-bit draw
 * (RANDOM and UNIFORM on PCG64 or Philox), cut into blocks: block b starts
 * from a copy of the state moved b * PAR_BLOCK draws ahead, so the result
 * is the sequential stream whatever thread runs which block. */
typedef struct par_fill {
  numc__rng base;
  numc_random_dist dist;
  double *o;
  int64_t n;
  const params *ps;
  atomic_int_fast64_t next;
} par_fill;

static void par_task(void *vctx, int tid) {
  (void)tid;
  par_fill *c = vctx;
  for (;;) {
    int64_t b = atomic_fetch_add(&c->next, 1), s = b * PAR_BLOCK;
    if (s >= c->n) return;
    int64_t m = c->n - s < PAR_BLOCK ? c->n - s : PAR_BLOCK;
    numc__rng g = c->base;
    numc__rng_skip64(&g, (uint64_t)s);
    params ps = *c->ps; /* the parameters from output s on */
    for (int k = 0; k < NUMC__MAXPARAMS; k++)
      if (ps.p[k]) ps.p[k] = (const double *)ps.p[k] + s * ps.step[k];
    fill_f64(&g, c->dist, false, c->o + s, m, &ps);
  }
}

/* True when fill_f64 of dist may be split (one raw draw per output). */
static bool par_ok(const numc__rng *g, numc_random_dist dist, numc_dtype dtype, int64_t n) {
  return n >= PAR_MIN && dtype == NUMC_FLOAT64 &&
         (g->kind == NUMC_BITGEN_PCG64 || g->kind == NUMC_BITGEN_PHILOX) &&
         (dist == NUMC_RANDOM_RANDOM || dist == NUMC_RANDOM_UNIFORM) && numc__pool_size() > 1;
}

static int random_run(numc_array **out, numc_bitgen *bg, unsigned flags, numc_random_dist dist,
                      numc_dtype dtype, const params *ps) {
  bool legacy = flags & NUMC_RANDOM_LEGACY;
  int64_t n = numc__shape_size(ps->ndim, ps->shape);
  bool extra = numc__dist_extra(dist);
  NUMC__TRY(extra ? numc__dist_check(ps, dist, legacy, n) : check_params(ps, dist, legacy, n));
  numc_array *a;
  NUMC__TRY(numc__random_out(&a, dtype, ps->ndim, ps->shape));
  numc__bitgen_lock(bg);
  if (extra)
    numc__dist_fill(&bg->g, dist, legacy, numc__array_ptr(a), n, ps);
  else if (dtype == NUMC_INT64)
    fill_i64(&bg->g, dist, legacy, (int64_t *)numc__array_ptr(a), n, ps);
  else if (dtype == NUMC_FLOAT32)
    fill_f32(&bg->g, dist, (float *)numc__array_ptr(a), n);
  else if (par_ok(&bg->g, dist, dtype, n)) {
    par_fill c = {.base = bg->g, .dist = dist, .o = (double *)numc__array_ptr(a), .n = n, .ps = ps};
    atomic_init(&c.next, 0);
    numc__pool_run(numc__pool_size(), par_task, &c);
    numc__rng_skip64(&bg->g, (uint64_t)n); /* where the sequential fill ends */
    bg->g.ndraws += n;
  } else
    fill_f64(&bg->g, dist, legacy, (double *)numc__array_ptr(a), n, ps);
  numc__bitgen_unlock(bg);
  *out = a;
  return NUMC_OK;
}

/* Validates the common arguments and resolves the dtype. */
static int random_check(numc_array **out, numc_bitgen *bg, unsigned flags, numc_random_dist dist,
                        numc_dtype *dtype) {
  if (out == NULL || bg == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  if ((int)dist < 0 || dist >= NUMC_RANDOM__COUNT)
    return numc__err(NUMC_EINVAL, "unknown distribution %d", (int)dist);
  bool int_valued = dist == NUMC_RANDOM_POISSON || dist == NUMC_RANDOM_BINOMIAL ||
                    numc__dist_int_valued(dist);
  if (*dtype == NUMC_DTYPE_DEFAULT) *dtype = int_valued ? NUMC_INT64 : NUMC_FLOAT64;
  bool f32_ok = !(flags & NUMC_RANDOM_LEGACY) &&
                (dist == NUMC_RANDOM_RANDOM || dist == NUMC_RANDOM_STANDARD_NORMAL ||
                 dist == NUMC_RANDOM_STANDARD_EXPONENTIAL);
  if (int_valued ? *dtype != NUMC_INT64
                 : (*dtype != NUMC_FLOAT64 && !(*dtype == NUMC_FLOAT32 && f32_ok)))
    return numc__err(NUMC_ETYPE, "Unsupported dtype \"%s\" for %s",
                     numc__dtype_valid(*dtype) ? numc__dtypes[*dtype].name : "?",
                     dist_names[dist]);
  return NUMC_OK;
}

int numc_random(numc_array **out, numc_bitgen *bg, unsigned flags, numc_random_dist dist,
                numc_dtype dtype, const numc_array *const *params_in, int ndim,
                const int64_t *shape) {
  NUMC__TRY(random_check(out, bg, flags, dist, &dtype));
  int np = dist_nparams[dist];
  if (np > 0 && params_in == NULL) return numc__err(NUMC_EINVAL, "parameters are NULL");
  params ps;
  NUMC__TRY(numc__params_load(&ps, np, params_in, NULL, ndim, shape));
  int rc = random_run(out, bg, flags, dist, dtype, &ps);
  numc__params_done(&ps);
  return rc;
}

int numc_random_s(numc_array **out, numc_bitgen *bg, unsigned flags, numc_random_dist dist,
                  numc_dtype dtype, const double *params_in, int ndim, const int64_t *shape) {
  NUMC__TRY(random_check(out, bg, flags, dist, &dtype));
  int np = dist_nparams[dist];
  if (np > 0 && params_in == NULL) return numc__err(NUMC_EINVAL, "parameters are NULL");
  if (ndim > NUMC_MAXDIMS || (ndim > 0 && shape == NULL))
    return numc__err(NUMC_EINVAL, "invalid output shape");
  params ps;
  memset(&ps, 0, sizeof ps);
  ps.scalar = true;
  for (int k = 0; k < np; k++) ps.p[k] = &params_in[k];
  ps.ndim = ndim < 0 ? 0 : ndim;
  if (ps.ndim > 0) memcpy(ps.shape, shape, sizeof(int64_t) * (size_t)ps.ndim);
  return random_run(out, bg, flags, dist, dtype, &ps);
}

/* ---- bounded integers ---------------------------------------------------------- */

/* The 8-, 16- and 1-bit draws NumPy carves out of one 32-bit draw: the
 * buffer lives for one call (one fill). */
typedef struct bitbuf {
  uint32_t buf;
  int cnt;
} bitbuf;

static inline uint32_t buffered(numc__rng *g, bitbuf *b, int bits) {
  if (b->cnt == 0) {
    b->buf = numc__next32(g);
    b->cnt = 32 / bits - 1;
  } else {
    b->buf >>= bits;
    b->cnt--;
  }
  return b->buf & (uint32_t)((1ull << bits) - 1);
}

/* A value in [0, rng] for 8- and 16-bit dtypes (rng < 2^bits). */
static uint32_t bounded_small(numc__rng *g, bitbuf *b, int bits, uint32_t rng, bool masked) {
  uint32_t max = (uint32_t)((1ull << bits) - 1);
  if (rng == 0) return 0;
  if (rng == max) return buffered(g, b, bits);
  if (masked) {
    uint32_t mask = (uint32_t)numc__gen_mask(rng), v;
    while ((v = buffered(g, b, bits) & mask) > rng) {
    }
    return v;
  }
  uint32_t excl = rng + 1;
  uint32_t m = buffered(g, b, bits) * excl, left = m & max;
  if (left < excl) {
    uint32_t threshold = (max - rng) % excl;
    while (left < threshold) {
      m = buffered(g, b, bits) * excl;
      left = m & max;
    }
  }
  return m >> bits;
}

typedef __int128 i128;

/* A finite float bound truncated; magnitudes beyond 2^100 (out of bounds
 * for every dtype) are clamped there, so the conversion stays defined. */
static i128 float_bound(double x) {
  const double lim = 0x1p100;
  if (x >= lim) return (i128)1 << 100;
  if (x <= -lim) return -((i128)1 << 100);
  return (i128)x;
}

/* Element i of an integer-valued parameter array of dtype dt (floats
 * truncate). */
static i128 int_param(const void *p, numc_dtype dt, int64_t i) {
  numc_scalar s;
  numc__scalar_load(&s, dt, (const char *)p + (size_t)i * numc__isz(dt));
  switch (dt) {
  case NUMC_BOOL: return s.v.b;
  case NUMC_INT8: return s.v.i8;
  case NUMC_INT16: return s.v.i16;
  case NUMC_INT32: return s.v.i32;
  case NUMC_INT64: return s.v.i64;
  case NUMC_UINT8: return s.v.u8;
  case NUMC_UINT16: return s.v.u16;
  case NUMC_UINT32: return s.v.u32;
  case NUMC_UINT64: return s.v.u64;
  case NUMC_FLOAT32: return float_bound(s.v.f32);
  default: return float_bound(s.v.f64);
  }
}

/* The bounds of an integer dtype as 128-bit values. */
static void int_bounds(numc_dtype dt, i128 *lo, i128 *hi) {
  int bits = (int)numc__isz(dt) * 8;
  if (dt == NUMC_BOOL) {
    *lo = 0, *hi = 1;
  } else if (numc__kind(dt) == 'u') {
    *lo = 0, *hi = ((i128)1 << bits) - 1;
  } else {
    *lo = -((i128)1 << (bits - 1)), *hi = ((i128)1 << (bits - 1)) - 1;
  }
}

/* Draws n bounded integers of dtype into o under bg's lock: off + a value
 * in [0, rng] per element, with NumPy's draw per width (1-bit and 8/16-bit
 * values carved from buffered 32-bit draws, 32/64-bit by Lemire or masked
 * rejection). Scalar bounds are read once. */
static void int_fill(numc__rng *g, numc_bitgen *bg, char *o, numc_dtype dtype, int64_t n,
                     const params *ps, const numc_dtype *pdt, bool closed, bool masked) {
  bool scalar = ps->step[0] == 0 && ps->step[1] == 0;
  uint64_t rng = 0, off = 0;
  bitbuf bb = {0, 0};
#define BOUNDS(i)                                                              \
  do {                                                                         \
    i128 lo_ = int_param(ps->p[0], pdt[0], (i) * ps->step[0]);                 \
    i128 hi_ = int_param(ps->p[1], pdt[1], (i) * ps->step[1]) - (closed ? 0 : 1); \
    rng = (uint64_t)(hi_ - lo_), off = (uint64_t)lo_;                          \
  } while (0)
#define INT_FILL(T, DRAW)                                                      \
  for (int64_t i = 0; i < n; i++) {                                            \
    if (!scalar) BOUNDS(i);                                                    \
    ((T *)o)[i] = (T)(off + (DRAW));                                           \
  }
  if (n > 0) BOUNDS(0);
  numc__bitgen_lock(bg);
  switch (dtype == NUMC_BOOL ? 1 : (int)numc__isz(dtype) * 8) {
  case 1: INT_FILL(uint8_t, rng == 0 ? 0 : (buffered(g, &bb, 1) & 1u)); break;
  case 8: INT_FILL(uint8_t, bounded_small(g, &bb, 8, (uint32_t)rng, masked)); break;
  case 16: INT_FILL(uint16_t, bounded_small(g, &bb, 16, (uint32_t)rng, masked)); break;
  case 32: INT_FILL(uint32_t, numc__bounded64(g, rng, masked)); break;
  default: INT_FILL(uint64_t, numc__bounded64(g, rng, masked)); break;
  }
  numc__bitgen_unlock(bg);
#undef INT_FILL
#undef BOUNDS
}

int numc_random_integers(numc_array **out, numc_bitgen *bg, unsigned flags, const numc_array *low,
                         const numc_array *high, numc_dtype dtype, int ndim,
                         const int64_t *shape) {
  if (out == NULL || bg == NULL || low == NULL || high == NULL)
    return numc__err(NUMC_EINVAL, "argument is NULL");
  if (dtype == NUMC_DTYPE_DEFAULT) dtype = NUMC_INT64;
  if (!numc__dtype_valid(dtype) || !(numc__is_int(dtype) || dtype == NUMC_BOOL))
    return numc__err(NUMC_ETYPE, "Unsupported dtype \"%s\" for randint",
                     numc__dtype_valid(dtype) ? numc__dtypes[dtype].name : "?");
  bool closed = flags & NUMC_RANDOM_ENDPOINT, masked = flags & NUMC_RANDOM_LEGACY;
  const numc_array *in[2] = {low, high};
  numc_dtype pdt[2] = {numc_array_dtype(low), numc_array_dtype(high)};
  for (int k = 0; k < 2; k++)
    if (numc__is_complex(pdt[k])) return numc__err(NUMC_ETYPE, "bounds must be real numbers");
  params ps;
  NUMC__TRY(numc__params_load(&ps, 2, in, pdt, ndim, shape));
  int64_t n = numc__shape_size(ps.ndim, ps.shape);
  bool scalar = ps.step[0] == 0 && ps.step[1] == 0;
  for (int k = 0; k < 2; k++) /* NaN and infinite float bounds (Python's int() errors) */
    for (int64_t i = 0; numc__is_float(pdt[k]) && i < (ps.step[k] ? n : n > 0); i++) {
      numc_scalar v;
      numc__scalar_load(&v, pdt[k], (const char *)ps.p[k] + (size_t)i * numc__isz(pdt[k]));
      double x = pdt[k] == NUMC_FLOAT32 ? v.v.f32 : v.v.f64;
      if (isnan(x) || isinf(x)) {
        numc__params_done(&ps);
        return isnan(x) ? numc__err(NUMC_EVALUE, "cannot convert float NaN to integer")
                        : numc__err(NUMC_EOVERFLOW, "cannot convert float infinity to integer");
      }
    }
  i128 lb, ub;
  int_bounds(dtype, &lb, &ub);
  const char *dname = numc__dtypes[dtype].name;
  int rc = NUMC_OK;
  bool any_low_bad = false, any_high_bad = false, any_order = false, low_zero = true;
  for (int64_t i = 0; i < (scalar && n > 0 ? 1 : n); i++) { /* none when empty */
    i128 lo = int_param(ps.p[0], pdt[0], i * ps.step[0]);
    i128 hi = int_param(ps.p[1], pdt[1], i * ps.step[1]) - (closed ? 0 : 1);
    any_low_bad |= lo < lb;
    any_high_bad |= hi > ub;
    any_order |= lo > hi;
    low_zero &= lo == 0;
  }
  if (any_low_bad)
    rc = numc__err(NUMC_EVALUE, "low is out of bounds for %s", dname);
  else if (any_high_bad)
    rc = numc__err(NUMC_EVALUE, "high is out of bounds for %s", dname);
  else if (any_order)
    rc = numc__err(NUMC_EVALUE, "%s",
                   closed ? (low_zero ? "high < 0" : "low > high")
                          : (low_zero ? "high <= 0" : "low >= high"));
  numc_array *a = NULL;
  if (rc == NUMC_OK) rc = numc__random_out(&a, dtype, ps.ndim, ps.shape);
  if (rc == NUMC_OK) {
    int_fill(&bg->g, bg, numc__array_ptr(a), dtype, n, &ps, pdt, closed, masked);
    *out = a;
  }
  numc__params_done(&ps);
  return rc;
}

/* ---- shuffles, permutations, choice ---------------------------------------- */

/* Swaps index i and j of axis `axis` of the materialized array base (all
 * other axes walked). */
static void swap_slices(char *base, const numc_array *x, int axis, int64_t i, int64_t j) {
  int nd = numc_array_ndim(x);
  const int64_t *sh = numc_array_shape(x), *st = numc_array_strides(x);
  size_t isz = numc_array_itemsize(x);
  char *pi = base + i * st[axis], *pj = base + j * st[axis];
  int64_t idx[NUMC_MAXDIMS] = {0};
  for (int d = 0; d < nd; d++)
    if (d != axis && sh[d] == 0) return;
  for (;;) {
    int64_t off = 0;
    for (int d = 0; d < nd; d++) off += idx[d] * st[d];
    char tmp[16];
    memcpy(tmp, pi + off, isz);
    memcpy(pi + off, pj + off, isz);
    memcpy(pj + off, tmp, isz);
    int d = nd - 1;
    for (; d >= 0; d--) {
      if (d == axis) continue;
      if (++idx[d] < sh[d]) break;
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

int numc_random_shuffle(numc_bitgen *bg, numc_array *x, int axis) {
  if (bg == NULL || x == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  int nd = numc_array_ndim(x);
  if (nd < 1) return numc__err(NUMC_EAXIS, "axis %d is out of bounds for array of dimension 0", axis);
  NUMC__TRY(numc__norm_axis(&axis, nd));
  if (!(numc_array_flags(x) & NUMC_WRITEABLE))
    return numc__err(NUMC_EREADONLY, "array is read-only");
  void *p;
  NUMC__TRY(numc_array_data(&p, x, NUMC_ACCESS_READ | NUMC_ACCESS_WRITE));
  int64_t n = numc_array_shape(x)[axis];
  numc__bitgen_lock(bg);
  for (int64_t i = n - 1; i >= 1; i--) {
    int64_t j = (int64_t)numc__interval(&bg->g, (uint64_t)i);
    if (j != i) swap_slices(p, x, axis, i, j);
  }
  numc__bitgen_unlock(bg);
  return NUMC_OK;
}

int numc_random_permutation_n(numc_array **out, numc_bitgen *bg, int64_t n) {
  if (out == NULL || bg == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  if (n < 0) return numc__err(NUMC_EVALUE, "negative dimensions are not allowed");
  numc_array *a;
  NUMC__TRY(numc__random_out(&a, NUMC_INT64, 1, &n));
  int64_t *v = (int64_t *)numc__array_ptr(a);
  for (int64_t i = 0; i < n; i++) v[i] = i;
  int rc = numc_random_shuffle(bg, a, 0);
  if (rc < 0) {
    numc_release(a);
    return rc;
  }
  *out = a;
  return NUMC_OK;
}

int numc_random_permutation(numc_array **out, numc_bitgen *bg, const numc_array *x, int axis) {
  if (out == NULL || bg == NULL || x == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  int nd = numc_array_ndim(x);
  if (nd < 1) return numc__err(NUMC_EINDEX, "x must be an integer or at least 1-dimensional");
  NUMC__TRY(numc__norm_axis(&axis, nd));
  numc_array *c;
  if (nd == 1) {
    NUMC__TRY(numc_copy(&c, x, NUMC_ORDER_C));
    int rc = numc_random_shuffle(bg, c, 0);
    if (rc < 0) {
      numc_release(c);
      return rc;
    }
    *out = c;
    return NUMC_OK;
  }
  NUMC__TRY(numc_random_permutation_n(&c, bg, numc_array_shape(x)[axis]));
  int rc = numc_take(out, x, c, axis);
  numc_release(c);
  return rc;
}

/* NumPy's _shuffle_int: Fisher-Yates of data[first..n) with Lemire
 * draws (Generator's choice). */
static void shuffle_int(numc__rng *g, int64_t n, int64_t first, int64_t *data) {
  for (int64_t i = n - 1; i >= first; i--) {
    int64_t j = (int64_t)numc__bounded64(g, (uint64_t)i, false);
    int64_t t = data[j];
    data[j] = data[i];
    data[i] = t;
  }
}

/* Generator.choice without replacement or p: a tail shuffle of the
 * population for large samples, Floyd's algorithm with a hash set
 * otherwise (then shuffled when asked). */
static int choice_floyd(numc__rng *g, int64_t pop, int64_t size, bool shuffle, int64_t *idx) {
  int64_t cutoff = shuffle ? 50 : 20;
  if (pop > 10000 && size > pop / cutoff) {
    int64_t *all = numc__malloc(sizeof(int64_t) * (size_t)pop);
    if (all == NULL) return numc__oom();
    for (int64_t i = 0; i < pop; i++) all[i] = i;
    shuffle_int(g, pop, pop - size > 1 ? pop - size : 1, all);
    memcpy(idx, all + (pop - size), sizeof(int64_t) * (size_t)size);
    numc__free(all);
    return NUMC_OK;
  }
  uint64_t mask = numc__gen_mask((uint64_t)(1.2 * (double)size)), set_size = mask + 1;
  uint64_t *set = numc__malloc(sizeof(uint64_t) * (size_t)set_size);
  if (set == NULL) return numc__oom();
  memset(set, 0xff, sizeof(uint64_t) * (size_t)set_size);
  for (int64_t j = pop - size; j < pop; j++) {
    uint64_t val = numc__bounded64(g, (uint64_t)j, false), loc = val & mask;
    while (set[loc] != UINT64_MAX && set[loc] != val) loc = (loc + 1) & mask;
    if (set[loc] == UINT64_MAX) {
      set[loc] = val;
      idx[j - pop + size] = (int64_t)val;
    } else {
      loc = (uint64_t)j & mask;
      while (set[loc] != UINT64_MAX) loc = (loc + 1) & mask;
      set[loc] = (uint64_t)j;
      idx[j - pop + size] = j;
    }
  }
  numc__free(set);
  if (shuffle) shuffle_int(g, size, 1, idx);
  return NUMC_OK;
}

/* Index of the first cdf entry > u (searchsorted side='right'). */
static int64_t cdf_search(const double *cdf, int64_t n, double u) {
  int64_t lo = 0, hi = n;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (cdf[mid] <= u)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* cdf = cumsum(p) / its last entry. */
static void make_cdf(double *cdf, const double *p, int64_t n) {
  double s = 0;
  for (int64_t i = 0; i < n; i++) cdf[i] = s += p[i];
  double last = cdf[n - 1];
  for (int64_t i = 0; i < n; i++) cdf[i] /= last;
}

/* NumPy's checks of choice's p (a float64 copy in pv). */
static int check_p(const double *pv, int64_t n, double atol, bool legacy) {
  double sum = 0, c = 0; /* Kahan */
  for (int64_t i = 0; i < n; i++) {
    double y = pv[i] - c, t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  if (isnan(sum))
    return numc__err(NUMC_EVALUE, legacy ? "probabilities contain NaN" : "Probabilities contain NaN");
  for (int64_t i = 0; i < n; i++)
    if (pv[i] < 0)
      return numc__err(NUMC_EVALUE, legacy ? "probabilities are not non-negative"
                                           : "Probabilities are not non-negative");
  if (fabs(sum - 1.0) > atol)
    return numc__err(NUMC_EVALUE, legacy ? "probabilities do not sum to 1"
                                         : "Probabilities do not sum to 1. See Notes section of "
                                           "docstring for more information.");
  return NUMC_OK;
}

/* Choice with p: with replacement, searchsorted of uniforms in the cdf;
 * without, repeated rounds keeping the first new indices in draw order. */
static int choice_p(numc__rng *g, double *pv, int64_t pop, int64_t size, bool replace,
                    int64_t *idx) {
  double *cdf = numc__malloc(sizeof(double) * (size_t)(pop > 0 ? pop : 1));
  if (cdf == NULL) return numc__oom();
  if (replace) {
    make_cdf(cdf, pv, pop);
    for (int64_t i = 0; i < size; i++) idx[i] = cdf_search(cdf, pop, numc__next_double(g));
    numc__free(cdf);
    return NUMC_OK;
  }
  unsigned char *seen = numc__calloc((size_t)pop, 1);
  double *x = numc__malloc(sizeof(double) * (size_t)(size > 0 ? size : 1));
  if (seen == NULL || x == NULL) {
    numc__free(cdf), numc__free(seen), numc__free(x);
    return numc__oom();
  }
  int64_t found = 0;
  while (found < size) {
    int64_t m = size - found;
    for (int64_t i = 0; i < m; i++) x[i] = numc__next_double(g);
    for (int64_t i = 0; i < found; i++) pv[idx[i]] = 0;
    make_cdf(cdf, pv, pop);
    for (int64_t i = 0; i < m; i++) {
      int64_t k = cdf_search(cdf, pop, x[i]);
      if (!seen[k]) { /* first occurrence in this round */
        seen[k] = 1;
        idx[found++] = k;
      }
    }
  }
  numc__free(cdf), numc__free(seen), numc__free(x);
  return NUMC_OK;
}

int numc_random_choice(numc_array **out, numc_bitgen *bg, unsigned flags, int64_t pop_size,
                       const numc_array *p, int ndim, const int64_t *shape) {
  if (out == NULL || bg == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  bool legacy = flags & NUMC_RANDOM_LEGACY, replace = flags & NUMC_RANDOM_REPLACE;
  if (ndim < 0) ndim = 0;
  if (ndim > NUMC_MAXDIMS || (ndim > 0 && shape == NULL))
    return numc__err(NUMC_EINVAL, "invalid output shape");
  for (int d = 0; d < ndim; d++)
    if (shape[d] < 0) return numc__err(NUMC_EVALUE, "negative dimensions are not allowed");
  int64_t size = numc__shape_size(ndim, shape);
  if (pop_size < 0 || (pop_size == 0 && size != 0))
    return numc__err(NUMC_EVALUE, legacy ? "'a' cannot be empty unless no samples are taken"
                                         : "a cannot be empty unless no samples are taken");
  numc_array *pc = NULL;
  double *pv = NULL;
  if (p != NULL) {
    if (numc_array_ndim(p) != 1)
      return numc__err(NUMC_EVALUE, legacy ? "'p' must be 1-dimensional" : "p must be 1-dimensional");
    if (numc_array_shape(p)[0] != pop_size)
      return numc__err(NUMC_EVALUE, legacy ? "'a' and 'p' must have same size"
                                           : "a and p must have same size");
    numc_dtype pdt = numc_array_dtype(p);
    if (numc__is_complex(pdt))
      return numc__err(NUMC_ETYPE, "float() argument must be a string or a real number, not 'complex'");
    double atol = sqrt(DBL_EPSILON);
    if (pdt == NUMC_FLOAT32) atol = fmax(atol, sqrt((double)FLT_EPSILON));
    NUMC__TRY(numc__random_operand(&pc, p, NUMC_FLOAT64));
    pv = (double *)numc__array_ptr(pc);
    int rc = check_p(pv, pop_size, atol, legacy);
    if (rc < 0) {
      numc_release(pc);
      return rc;
    }
  }
  int rc = NUMC_OK;
  if (!replace) {
    if (size > pop_size)
      rc = numc__err(NUMC_EVALUE, legacy ? "Cannot take a larger sample than population when "
                                           "'replace=False'"
                                         : "Cannot take a larger sample than population when "
                                           "replace is False");
    else if (pv != NULL) {
      int64_t nz = 0;
      for (int64_t i = 0; i < pop_size; i++) nz += pv[i] > 0;
      if (nz < size) rc = numc__err(NUMC_EVALUE, "Fewer non-zero entries in p than size");
    }
  }
  if (rc < 0) {
    if (pc) numc_release(pc);
    return rc;
  }
  /* without p, with replacement: integers(0, pop_size, shape) */
  if (replace && pv == NULL) {
    numc_scalar lo = {.dtype = NUMC_INT64, .v.i64 = 0}, hi = {.dtype = NUMC_INT64, .v.i64 = pop_size};
    numc_array *la, *ha;
    NUMC__TRY(numc_from_scalar(&la, &lo));
    rc = numc_from_scalar(&ha, &hi);
    if (rc == NUMC_OK) {
      rc = numc_random_integers(out, bg, legacy ? NUMC_RANDOM_LEGACY : 0, la, ha, NUMC_INT64, ndim,
                                shape);
      numc_release(ha);
    }
    numc_release(la);
    return rc;
  }
  /* legacy without p, without replacement: permutation(pop_size)[:size] */
  if (legacy && pv == NULL) {
    numc_array *perm;
    NUMC__TRY(numc_random_permutation_n(&perm, bg, pop_size));
    rc = numc__random_out(out, NUMC_INT64, ndim, shape);
    if (rc == NUMC_OK)
      memcpy(numc__array_ptr(*out), numc__array_ptr(perm), sizeof(int64_t) * (size_t)size);
    numc_release(perm);
    return rc;
  }
  numc_array *a;
  rc = numc__random_out(&a, NUMC_INT64, ndim, shape);
  if (rc == NUMC_OK) {
    int64_t *idx = (int64_t *)numc__array_ptr(a);
    numc__bitgen_lock(bg);
    if (pv != NULL)
      rc = choice_p(&bg->g, pv, pop_size, size, replace, idx);
    else
      rc = choice_floyd(&bg->g, pop_size, size, flags & NUMC_RANDOM_SHUFFLE, idx);
    numc__bitgen_unlock(bg);
    if (rc < 0)
      numc_release(a);
    else
      *out = a;
  }
  if (pc) numc_release(pc);
  return rc;
}
