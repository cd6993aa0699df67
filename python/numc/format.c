/*
 * format.c - repr() and str() of arrays and scalars, following NumPy 2's
 * print options: precision, threshold, edgeitems, linewidth and suppress
 * are settable (numc.set_printoptions; defaults 8, 1000, 3, 75, False);
 * floatmode is 'maxprec' and sign '-'.
 *
 * The rules are those of numpy/_core/arrayprint.py (FloatingFormat,
 * IntegerFormat, BoolFormat, ComplexFloatingFormat, _formatArray) and of
 * NumPy's scalar str/repr, written here in C. Float digits come from the
 * shortest representation that round-trips for the value's own type
 * (float32 or float64); when fewer or more digits are asked for, the exact
 * binary value is rounded (half to even), as Dragon4 does.
 */
#include "pynumc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a growable string -------------------------------------------------- */

typedef struct {
  char *p;
  size_t len, cap;
  int oom;
} sbuf;

static void sb_reserve(sbuf *b, size_t extra) {
  if (b->oom || b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1) cap *= 2;
  char *p = PyMem_Realloc(b->p, cap);
  if (p == NULL) {
    b->oom = 1;
    return;
  }
  b->p = p, b->cap = cap;
}
static void sb_putn(sbuf *b, const char *s, size_t n) {
  sb_reserve(b, n);
  if (b->oom) return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}
static void sb_puts(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }
static void sb_spaces(sbuf *b, Py_ssize_t n) {
  for (; n > 0; n--) sb_putn(b, " ", 1);
}
static void sb_free(sbuf *b) { PyMem_Free(b->p); }

/* ---- float digits ---------------------------------------------------------- */

/* A decimal rendering of a finite |x|: value = 0.DIGITS x 10^point. */
typedef struct {
  char d[400];
  int n;     /* number of digits (no leading zeros; "0" for zero) */
  int point; /* digits before the decimal point (may be <= 0 or > n) */
} digits_t;

/* Parses a string such as "1.2345e-05", "123.5", "0.001", "1e+16" (no sign)
 * into digits_t, dropping leading and trailing zeros. */
static void parse_digits(const char *s, digits_t *o) {
  int n = 0, point = 0, seen_point = 0, exp = 0;
  for (; *s && *s != 'e' && *s != 'E'; s++) {
    if (*s == '.') {
      seen_point = 1;
      continue;
    }
    if (*s < '0' || *s > '9') continue;
    if (n == 0 && *s == '0') { /* leading zero */
      if (seen_point) point--;
      continue;
    }
    if (n < (int)sizeof o->d - 1) o->d[n++] = *s;
    if (!seen_point) point++;
  }
  if (*s == 'e' || *s == 'E') exp = atoi(s + 1);
  while (n > 0 && o->d[n - 1] == '0') n--;
  if (n == 0) { /* zero */
    o->d[0] = '0';
    o->n = 1;
    o->point = 1;
    return;
  }
  o->d[n] = '\0';
  o->n = n;
  o->point = point + exp;
}

/* Shortest digits that round-trip for |x| in its type. */
static void shortest_digits(double x, int is_f32, digits_t *o) {
  x = fabs(x);
  if (x == 0) {
    parse_digits("0", o);
    return;
  }
  char buf[64];
  if (!is_f32) {
    char *s = PyOS_double_to_string(x, 'r', 0, 0, NULL);
    if (s == NULL) { /* out of memory: fall back to 17 digits */
      PyErr_Clear();
      snprintf(buf, sizeof buf, "%.16e", x);
      parse_digits(buf, o);
      return;
    }
    parse_digits(s, o);
    PyMem_Free(s);
    return;
  }
  float f = (float)x;
  for (int nd = 1; nd <= 9; nd++) {
    snprintf(buf, sizeof buf, "%.*e", nd - 1, x);
    if (strtof(buf, NULL) == f) break;
  }
  parse_digits(buf, o);
}

/* |x| correctly rounded to `frac` digits after the point (positional). */
static void fixed_digits(double x, int frac, digits_t *o) {
  char buf[420];
  snprintf(buf, sizeof buf, "%.*f", frac, fabs(x));
  parse_digits(buf, o);
}

/* |x| correctly rounded to `sig` significant digits. */
static void sci_digits(double x, int sig, digits_t *o) {
  char buf[420];
  snprintf(buf, sizeof buf, "%.*e", sig - 1, fabs(x));
  parse_digits(buf, o);
}

/* Trim modes of Dragon4: 'k' keep, '.' trim zeros keep point, '0' keep one
 * zero after the point, '-' trim zeros and the point. */
typedef struct {
  int precision;  /* max fractional digits, -1: unlimited */
  int min_digits; /* min fractional digits (from the exact value), -1 */
  char trim;
  int sign_plus;  /* '+' for positive values */
  int pad_left;   /* -1: none */
  int pad_right;  /* -1: none (positional only) */
  int exp_digits; /* -1: at least 2 (scientific only) */
} fmt_opts;

static void put_fraction(sbuf *b, const char *frac, int nfrac, char trim) {
  /* frac holds nfrac digits (already rounded); apply the trim mode. */
  if (trim != 'k')
    while (nfrac > 0 && frac[nfrac - 1] == '0') nfrac--;
  if (nfrac == 0) {
    if (trim == '.' || trim == 'k') sb_puts(b, ".");
    else if (trim == '0') sb_puts(b, ".0");
    return;
  }
  sb_puts(b, ".");
  sb_putn(b, frac, (size_t)nfrac);
}

/* Dragon4-style positional formatting of a finite x (fractional mode,
 * unique digits). */
static void format_positional(sbuf *b, double x, int is_f32,
                              const fmt_opts *o) {
  digits_t d;
  shortest_digits(x, is_f32, &d);
  int nfrac = d.n - d.point; /* fractional digits of the shortest form */
  if (nfrac < 0) nfrac = 0;
  int want = -1;
  if (o->precision >= 0 && nfrac > o->precision)
    want = o->precision;
  else if (o->min_digits > nfrac)
    want = o->min_digits;
  if (want >= 0) {
    fixed_digits(x, want, &d);
    nfrac = want;
  }
  /* integer part */
  char ip[420], fp[420];
  int ni = 0, nf = 0;
  if (d.point <= 0) {
    ip[ni++] = '0';
  } else {
    for (int i = 0; i < d.point; i++) ip[ni++] = i < d.n ? d.d[i] : '0';
  }
  if (d.n == 1 && d.d[0] == '0') { /* zero */
    ni = 0;
    ip[ni++] = '0';
  }
  /* fractional part: nfrac digits (shortest: exactly the significant ones) */
  for (int i = 0; i < nfrac && nf < (int)sizeof fp - 1; i++) {
    int k = d.point + i; /* digit index */
    fp[nf++] = (k >= 0 && k < d.n && !(d.n == 1 && d.d[0] == '0')) ? d.d[k]
                                                                   : '0';
  }
  int neg = signbit(x) != 0;
  int lead = ni + (neg || o->sign_plus);
  if (o->pad_left > lead) sb_spaces(b, o->pad_left - lead);
  if (neg) sb_puts(b, "-");
  else if (o->sign_plus) sb_puts(b, "+");
  sb_putn(b, ip, (size_t)ni);
  size_t before = b->len;
  put_fraction(b, fp, nf, o->trim);
  if (o->pad_right >= 0) {
    Py_ssize_t written = (Py_ssize_t)(b->len - before);
    Py_ssize_t after_point = written > 0 ? written - 1 : 0;
    if (o->pad_right > after_point) sb_spaces(b, o->pad_right - after_point);
  }
}

/* Dragon4-style scientific formatting of a finite x. */
static void format_scientific(sbuf *b, double x, int is_f32,
                              const fmt_opts *o) {
  digits_t d;
  shortest_digits(x, is_f32, &d);
  int nfrac = d.n - 1;
  int want = -1;
  if (o->precision >= 0 && nfrac > o->precision)
    want = o->precision;
  else if (o->min_digits > nfrac)
    want = o->min_digits;
  int zero = d.n == 1 && d.d[0] == '0';
  if (want >= 0 && !zero) {
    sci_digits(x, want + 1, &d);
    nfrac = want;
  } else if (want >= 0) {
    nfrac = want;
  }
  int exp = zero ? 0 : d.point - 1;
  char fp[420];
  int nf = 0;
  for (int i = 1; i <= nfrac && nf < (int)sizeof fp - 1; i++)
    fp[nf++] = i < d.n && !zero ? d.d[i] : '0';
  int neg = signbit(x) != 0;
  int lead = 1 + (neg || o->sign_plus);
  if (o->pad_left > lead) sb_spaces(b, o->pad_left - lead);
  if (neg) sb_puts(b, "-");
  else if (o->sign_plus) sb_puts(b, "+");
  sb_putn(b, d.d, 1);
  put_fraction(b, fp, nf, o->trim);
  char eb[32];
  int ed = o->exp_digits < 0 ? 2 : o->exp_digits > 8 ? 8 : o->exp_digits;
  snprintf(eb, sizeof eb, "e%c%0*d", exp < 0 ? '-' : '+', ed, abs(exp));
  sb_puts(b, eb);
}

/* ---- element access ---------------------------------------------------------- */

typedef struct {
  const char *data;
  numc_dtype dt;
  int ndim;
  const int64_t *shape, *strides;
  int summarize;
} view_t;

static void load(numc_scalar *s, numc_dtype dt, const char *p) {
  memset(s, 0, sizeof *s);
  s->dtype = dt;
  memcpy(&s->v, p, numc_dtype_itemsize(dt));
}

/* Real (part) of a float/complex element as double. */
static double real_of(const numc_scalar *s, int imag) {
  switch (s->dtype) {
  case NUMC_FLOAT32:
    return imag ? 0.0 : s->v.f32;
  case NUMC_FLOAT64:
    return imag ? 0.0 : s->v.f64;
  case NUMC_COMPLEX64:
    return s->v.c64[imag];
  default:
    return s->v.c128[imag];
  }
}

/* The print options (numc.set_printoptions); NumPy's defaults. */
static struct {
  int precision;      /* float digits after the point (maxprec) */
  int64_t threshold;  /* summarize arrays with more elements */
  int64_t edgeitems;  /* items shown at each end when summarizing */
  Py_ssize_t linewidth;
  int suppress;       /* no scientific notation for small values */
} opts = {8, 1000, 3, 75, 0};
#define EDGE opts.edgeitems
#define THRESHOLD opts.threshold

/* Calls fn on each element shown (summarized or not), in order. */
typedef void (*elem_fn)(void *ctx, const char *p);
static void each_shown(const view_t *v, int axis, const char *p, elem_fn fn,
                       void *ctx) {
  if (axis == v->ndim) {
    fn(ctx, p);
    return;
  }
  int64_t n = v->shape[axis];
  int64_t st = v->strides[axis];
  if (v->summarize && n > 2 * EDGE) {
    for (int64_t i = 0; i < EDGE; i++) each_shown(v, axis + 1, p + i * st, fn, ctx);
    for (int64_t i = n - EDGE; i < n; i++)
      each_shown(v, axis + 1, p + i * st, fn, ctx);
  } else {
    for (int64_t i = 0; i < n; i++) each_shown(v, axis + 1, p + i * st, fn, ctx);
  }
}

/* ---- FloatingFormat ------------------------------------------------------------ */

typedef struct {
  int is_f32;
  int sign_plus;
  int exp_format;
  int pad_left, pad_right;
  int precision, min_digits;
  char trim;
  int exp_size;
} float_fmt;

typedef struct {
  float_fmt *f;
  numc_dtype dt;
  int imag;
  /* statistics pass */
  int any_finite, any_nonfinite, neg_inf;
  double max_abs, min_abs;
  int have_nz;
  /* measuring pass */
  int pass;
  int max_int, max_frac, max_exp;
} float_scan;

static void scan_stats(void *ctx, const char *p) {
  float_scan *s = ctx;
  numc_scalar v;
  load(&v, s->dt, p);
  double x = real_of(&v, s->imag);
  if (!isfinite(x)) {
    s->any_nonfinite = 1;
    if (isinf(x) && x < 0) s->neg_inf = 1;
    return;
  }
  s->any_finite = 1;
  double a = fabs(x);
  if (a != 0) {
    if (!s->have_nz || a > s->max_abs) s->max_abs = a;
    if (!s->have_nz || a < s->min_abs) s->min_abs = a;
    s->have_nz = 1;
  }
}

static void scan_measure(void *ctx, const char *p) {
  float_scan *s = ctx;
  numc_scalar v;
  load(&v, s->dt, p);
  double x = real_of(&v, s->imag);
  if (!isfinite(x)) return;
  sbuf b = {0};
  fmt_opts o = {opts.precision, -1, '.', s->f->sign_plus, -1, -1, -1};
  if (s->f->exp_format) {
    format_scientific(&b, x, s->f->is_f32, &o);
    if (b.oom) return;
    char *dot = strchr(b.p, '.'), *e = strchr(b.p, 'e');
    int ni = (int)(dot - b.p), nf = (int)(e - dot - 1), ne = (int)strlen(e + 1) - 1;
    if (ni > s->max_int) s->max_int = ni;
    if (nf > s->max_frac) s->max_frac = nf;
    if (ne > s->max_exp) s->max_exp = ne;
  } else {
    format_positional(&b, x, s->f->is_f32, &o);
    if (b.oom) return;
    char *dot = strchr(b.p, '.');
    int ni = (int)(dot - b.p), nf = (int)strlen(dot + 1);
    if (ni > s->max_int) s->max_int = ni;
    if (nf > s->max_frac) s->max_frac = nf;
  }
  sb_free(&b);
}

/* FloatingFormat.__init__/fillFormat over the shown elements. */
static void float_fmt_init(float_fmt *f, const view_t *v, int imag,
                           int sign_plus) {
  memset(f, 0, sizeof *f);
  numc_dtype rd = numc_dtype_real(v->dt);
  f->is_f32 = rd == NUMC_FLOAT32;
  f->sign_plus = sign_plus;
  float_scan s;
  memset(&s, 0, sizeof s);
  s.f = f, s.dt = v->dt, s.imag = imag;
  each_shown(v, 0, v->data, scan_stats, &s);
  if (s.have_nz) {
    /* 10**min(8, finfo.precision): 1e6 for float32, 1e8 for float64 */
    double cutoff = f->is_f32 ? 1e6 : 1e8;
    if (s.max_abs >= cutoff ||
        (!opts.suppress &&
         (s.min_abs < 0.0001 || s.max_abs / s.min_abs > 1000.)))
      f->exp_format = 1;
  }
  if (!s.any_finite) {
    f->pad_left = 0, f->pad_right = 0, f->trim = '.', f->exp_size = -1;
    f->precision = opts.precision, f->min_digits = -1;
  } else {
    s.max_int = s.max_frac = s.max_exp = 0;
    each_shown(v, 0, v->data, scan_measure, &s);
    if (f->exp_format) {
      f->exp_size = s.max_exp;
      f->trim = 'k';
      f->precision = s.max_frac;
      f->min_digits = s.max_frac;
      f->pad_left = s.max_int;
      f->pad_right = f->exp_size + 2 + f->precision;
    } else {
      f->pad_left = s.max_int;
      f->pad_right = s.max_frac;
      f->exp_size = -1;
      f->trim = '.';
      f->precision = opts.precision;
      f->min_digits = 0;
    }
  }
  if (s.any_nonfinite) {
    int neginf = sign_plus || s.neg_inf;
    int offset = f->pad_right + 1;
    if (3 - offset > f->pad_left) f->pad_left = 3 - offset;
    if (3 + neginf - offset > f->pad_left) f->pad_left = 3 + neginf - offset;
  }
}

static void float_fmt_call(sbuf *b, const float_fmt *f, double x) {
  if (!isfinite(x)) {
    const char *ret;
    if (isnan(x)) ret = f->sign_plus ? "+nan" : "nan";
    else if (x < 0) ret = "-inf";
    else ret = f->sign_plus ? "+inf" : "inf";
    sb_spaces(b, f->pad_left + f->pad_right + 1 - (Py_ssize_t)strlen(ret));
    sb_puts(b, ret);
    return;
  }
  fmt_opts o;
  o.precision = f->precision;
  o.min_digits = f->min_digits;
  o.trim = f->trim;
  o.sign_plus = f->sign_plus;
  o.pad_left = f->pad_left;
  if (f->exp_format) {
    o.pad_right = -1;
    o.exp_digits = f->exp_size;
    format_scientific(b, x, f->is_f32, &o);
  } else {
    o.pad_right = f->pad_right;
    o.exp_digits = -1;
    format_positional(b, x, f->is_f32, &o);
  }
}

/* ---- IntegerFormat / BoolFormat / ComplexFloatingFormat ------------------------ */

typedef struct {
  numc_dtype dt;
  int zero_d;
  int width;              /* integers */
  float_fmt re, im;       /* floats (re) and complex (re, im) */
} elem_fmt;

static int int_to_str(char *buf, size_t n, const numc_scalar *s) {
  if (s->dtype == NUMC_UINT64)
    return snprintf(buf, n, "%llu", (unsigned long long)s->v.u64);
  numc_scalar t;
  numc_scalar_cast(&t, s, NUMC_INT64);
  return snprintf(buf, n, "%lld", (long long)t.v.i64);
}

typedef struct {
  numc_dtype dt;
  int width;
} int_scan;

static void int_measure(void *ctx, const char *p) {
  int_scan *s = ctx;
  numc_scalar v;
  load(&v, s->dt, p);
  char buf[32];
  int w = int_to_str(buf, sizeof buf, &v);
  if (w > s->width) s->width = w;
}

static void elem_fmt_init(elem_fmt *e, const view_t *v) {
  memset(e, 0, sizeof *e);
  e->dt = v->dt;
  e->zero_d = v->ndim == 0;
  switch (numc_dtype_kind(v->dt)) {
  case 'i':
  case 'u': {
    int_scan s = {v->dt, 0};
    each_shown(v, 0, v->data, int_measure, &s);
    e->width = s.width;
    break;
  }
  case 'f':
    float_fmt_init(&e->re, v, 0, 0);
    break;
  case 'c':
    float_fmt_init(&e->re, v, 0, 0);
    float_fmt_init(&e->im, v, 1, 1);
    break;
  default:
    break;
  }
}

static void elem_fmt_call(sbuf *b, const elem_fmt *e, const char *p) {
  numc_scalar v;
  load(&v, e->dt, p);
  switch (numc_dtype_kind(e->dt)) {
  case 'b':
    sb_puts(b, v.v.b ? (e->zero_d ? "True" : " True") : "False");
    break;
  case 'i':
  case 'u': {
    char buf[32];
    int w = int_to_str(buf, sizeof buf, &v);
    sb_spaces(b, e->width - w);
    sb_puts(b, buf);
    break;
  }
  case 'f':
    float_fmt_call(b, &e->re, real_of(&v, 0));
    break;
  default: {
    float_fmt_call(b, &e->re, real_of(&v, 0));
    size_t start = b->len;
    float_fmt_call(b, &e->im, real_of(&v, 1));
    if (b->oom) return;
    /* insert 'j' before the trailing spaces of the imaginary part */
    size_t end = b->len;
    while (end > start && b->p[end - 1] == ' ') end--;
    size_t trail = b->len - end;
    sb_reserve(b, 1);
    if (b->oom) return;
    memmove(b->p + end + 1, b->p + end, trail);
    b->p[end] = 'j';
    b->len++;
    b->p[b->len] = '\0';
  }
  }
}

/* ---- _formatArray ------------------------------------------------------------------ */

typedef struct {
  const view_t *v;
  const elem_fmt *e;
  const char *sep; /* ", " or " " */
  const char *next_line_prefix;
} array_fmt;

/* _extendLine: appends word to line, flushing line into s when too wide. */
static void extend_line(sbuf *s, sbuf *line, const char *word, size_t wlen,
                        Py_ssize_t width, const char *next_prefix) {
  size_t plen = strlen(next_prefix);
  int needs_wrap = (Py_ssize_t)(line->len + wlen) > width;
  if (line->len <= plen) needs_wrap = 0;
  if (needs_wrap) {
    size_t n = line->len;
    while (n > 0 && line->p[n - 1] == ' ') n--;
    sb_putn(s, line->p, n);
    sb_puts(s, "\n");
    line->len = 0;
    sb_puts(line, next_prefix);
  }
  sb_putn(line, word, wlen);
}

static void recurse(const array_fmt *af, int axis, const char *p,
                    const char *hanging, Py_ssize_t width, sbuf *out) {
  const view_t *v = af->v;
  int axes_left = v->ndim - axis;
  if (axes_left == 0) {
    elem_fmt_call(out, af->e, p);
    return;
  }
  size_t hlen = strlen(hanging);
  char *next_hanging = PyMem_Malloc(hlen + 2);
  if (next_hanging == NULL) {
    out->oom = 1;
    return;
  }
  memcpy(next_hanging, hanging, hlen);
  next_hanging[hlen] = ' ';
  next_hanging[hlen + 1] = '\0';
  Py_ssize_t next_width = width - 1;
  int64_t n = v->shape[axis], st = v->strides[axis];
  int summary = v->summarize && 2 * EDGE < n;
  int64_t leading = summary ? EDGE : 0, trailing = summary ? EDGE : n;
  sbuf s = {0};
  const char *sep = af->sep;
  size_t seplen = strlen(sep);
  size_t sep_rstrip = seplen;
  while (sep_rstrip > 0 && sep[sep_rstrip - 1] == ' ') sep_rstrip--;

  if (axes_left == 1) {
    Py_ssize_t elem_width = width - (Py_ssize_t)(sep_rstrip > 1 ? sep_rstrip : 1);
    sbuf line = {0};
    sb_puts(&line, hanging);
    sbuf word = {0};
    for (int64_t i = 0; i < leading; i++) {
      word.len = 0;
      recurse(af, axis + 1, p + i * st, next_hanging, next_width, &word);
      extend_line(&s, &line, word.p ? word.p : "", word.len, elem_width, hanging);
      sb_puts(&line, sep);
    }
    if (summary) {
      extend_line(&s, &line, "...", 3, elem_width, hanging);
      sb_puts(&line, sep);
    }
    for (int64_t i = trailing; i > 1; i--) {
      word.len = 0;
      recurse(af, axis + 1, p + (n - i) * st, next_hanging, next_width, &word);
      extend_line(&s, &line, word.p ? word.p : "", word.len, elem_width, hanging);
      sb_puts(&line, sep);
    }
    word.len = 0;
    recurse(af, axis + 1, p + (n - 1) * st, next_hanging, next_width, &word);
    extend_line(&s, &line, word.p ? word.p : "", word.len, elem_width, hanging);
    sb_putn(&s, line.p ? line.p : "", line.len);
    if (line.oom || word.oom) s.oom = 1;
    sb_free(&line);
    sb_free(&word);
  } else {
    /* line separator: rstripped separator + (axes_left - 1) newlines */
    sbuf ls = {0};
    sb_putn(&ls, sep, sep_rstrip);
    for (int i = 0; i < axes_left - 1; i++) sb_puts(&ls, "\n");
    sbuf nested = {0};
    for (int64_t i = 0; i < leading; i++) {
      nested.len = 0;
      recurse(af, axis + 1, p + i * st, next_hanging, next_width, &nested);
      sb_puts(&s, hanging);
      sb_putn(&s, nested.p ? nested.p : "", nested.len);
      sb_putn(&s, ls.p, ls.len);
    }
    if (summary) {
      sb_puts(&s, hanging);
      sb_puts(&s, "...");
      sb_putn(&s, ls.p, ls.len);
    }
    for (int64_t i = trailing; i > 1; i--) {
      nested.len = 0;
      recurse(af, axis + 1, p + (n - i) * st, next_hanging, next_width, &nested);
      sb_puts(&s, hanging);
      sb_putn(&s, nested.p ? nested.p : "", nested.len);
      sb_putn(&s, ls.p, ls.len);
    }
    nested.len = 0;
    recurse(af, axis + 1, p + (n - 1) * st, next_hanging, next_width, &nested);
    sb_puts(&s, hanging);
    sb_putn(&s, nested.p ? nested.p : "", nested.len);
    if (ls.oom || nested.oom) s.oom = 1;
    sb_free(&ls);
    sb_free(&nested);
  }
  /* remove the hanging indent and wrap in [] */
  sb_puts(out, "[");
  if (!s.oom && s.len >= hlen) sb_putn(out, s.p + hlen, s.len - hlen);
  sb_puts(out, "]");
  if (s.oom) out->oom = 1;
  sb_free(&s);
  PyMem_Free(next_hanging);
}

/* array2string for a non-empty array: returns 0 or -1 (exception set). */
static int array2string(sbuf *out, numc_array *a, const char *sep,
                        const char *prefix, Py_ssize_t linewidth) {
  void *data;
  if (pynumc_data(&data, a, NUMC_ACCESS_READ) < 0) return -1;
  view_t v;
  v.data = data;
  v.dt = numc_array_dtype(a);
  v.ndim = numc_array_ndim(a);
  v.shape = numc_array_shape(a);
  v.strides = numc_array_strides(a);
  v.summarize = numc_array_size(a) > THRESHOLD;
  elem_fmt e;
  elem_fmt_init(&e, &v);
  size_t plen = strlen(prefix);
  char *nlp = PyMem_Malloc(plen + 2);
  if (nlp == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  nlp[0] = ' ';
  memset(nlp + 1, ' ', plen);
  nlp[plen + 1] = '\0';
  array_fmt af = {&v, &e, sep, nlp};
  recurse(&af, 0, v.data, nlp, linewidth, out);
  PyMem_Free(nlp);
  if (out->oom) {
    PyErr_NoMemory();
    return -1;
  }
  return 0;
}

static int dtype_implied(numc_dtype dt) {
  return dt == NUMC_BOOL || dt == NUMC_INT64 || dt == NUMC_FLOAT64 ||
         dt == NUMC_COMPLEX128;
}

static void put_shape(sbuf *b, int ndim, const int64_t *shape) {
  char buf[32];
  sb_puts(b, "(");
  for (int i = 0; i < ndim; i++) {
    snprintf(buf, sizeof buf, "%lld", (long long)shape[i]);
    if (i) sb_puts(b, ", ");
    sb_puts(b, buf);
  }
  if (ndim == 1) sb_puts(b, ",");
  sb_puts(b, ")");
}

static PyObject *finish(sbuf *b) {
  if (b->oom) {
    sb_free(b);
    return PyErr_NoMemory();
  }
  PyObject *r = PyUnicode_FromStringAndSize(b->p ? b->p : "", (Py_ssize_t)b->len);
  sb_free(b);
  return r;
}

PyObject *pynumc_array_repr(PyObject *self) {
  numc_array *a = PYNUMC_ARR(self);
  numc_dtype dt = numc_array_dtype(a);
  int ndim = numc_array_ndim(a);
  const int64_t *shape = numc_array_shape(a);
  int64_t size = numc_array_size(a);
  const char *prefix = "array(";
  sbuf b = {0};
  sb_puts(&b, prefix);
  if (size == 0) {
    sb_puts(&b, "[]");
  } else if (array2string(&b, a, ", ", prefix, opts.linewidth - 1) < 0) {
    sb_free(&b);
    return NULL;
  }
  int want_shape = (size == 0 && !(ndim == 1 && shape[0] == 0)) ||
                   size > THRESHOLD;
  int want_dtype = !dtype_implied(dt) || size == 0;
  if (!want_shape && !want_dtype) {
    sb_puts(&b, ")");
    return finish(&b);
  }
  sb_puts(&b, ",");
  sbuf extra = {0};
  if (want_shape) {
    sb_puts(&extra, "shape=");
    put_shape(&extra, ndim, shape);
  }
  if (want_dtype) {
    if (want_shape) sb_puts(&extra, ", ");
    sb_puts(&extra, "dtype=");
    sb_puts(&extra, numc_dtype_name(dt));
  }
  sb_puts(&extra, ")");
  size_t last_nl = 0;
  for (size_t i = 0; i < b.len; i++)
    if (b.p[i] == '\n') last_nl = i + 1;
  size_t last_line_len = b.len - last_nl;
  if ((Py_ssize_t)(last_line_len + extra.len + 1) > opts.linewidth) {
    sb_puts(&b, "\n");
    sb_spaces(&b, (Py_ssize_t)strlen(prefix));
  } else {
    sb_puts(&b, " ");
  }
  sb_putn(&b, extra.p ? extra.p : "", extra.len);
  if (extra.oom) b.oom = 1;
  sb_free(&extra);
  return finish(&b);
}

PyObject *pynumc_array_str(PyObject *self) {
  numc_array *a = PYNUMC_ARR(self);
  if (numc_array_ndim(a) == 0) {
    numc_scalar s;
    if (pynumc_eval1(a) < 0) return NULL;
    int rc = numc_item_get(&s, a, NULL);
    if (rc < 0) return pynumc_err(rc);
    return pynumc_scalar_str_value(&s);
  }
  if (numc_array_size(a) == 0) return PyUnicode_FromString("[]");
  sbuf b = {0};
  if (array2string(&b, a, " ", "", opts.linewidth) < 0) {
    sb_free(&b);
    return NULL;
  }
  return finish(&b);
}

/* ---- print options -------------------------------------------------------------- */

static PyObject *m_set_printoptions(PyObject *mod, PyObject *const *args,
                                    Py_ssize_t nargs) {
  (void)mod;
  if (nargs != 5) {
    PyErr_SetString(PyExc_TypeError, "_set_printoptions takes 5 arguments");
    return NULL;
  }
  long long v[5];
  for (int i = 0; i < 5; i++) {
    v[i] = PyLong_AsLongLong(args[i]);
    if (v[i] == -1 && PyErr_Occurred()) return NULL;
  }
  if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 1) {
    PyErr_SetString(PyExc_ValueError, "print options must be non-negative");
    return NULL;
  }
  opts.precision = v[0] > 64 ? 64 : (int)v[0];
  opts.threshold = v[1];
  opts.edgeitems = v[2];
  opts.linewidth = (Py_ssize_t)v[3];
  opts.suppress = v[4] != 0;
  Py_RETURN_NONE;
}

static PyObject *m_get_printoptions(PyObject *mod, PyObject *unused) {
  (void)mod, (void)unused;
  return Py_BuildValue("{s:i,s:L,s:L,s:n,s:O}", "precision", opts.precision,
                       "threshold", (long long)opts.threshold, "edgeitems",
                       (long long)opts.edgeitems, "linewidth", opts.linewidth,
                       "suppress", opts.suppress ? Py_True : Py_False);
}

PyMethodDef pynumc_format_functions[] = {
    {"_set_printoptions", (PyCFunction)(void (*)(void))m_set_printoptions,
     METH_FASTCALL,
     "_set_printoptions(precision, threshold, edgeitems, linewidth, "
     "suppress): use numc.set_printoptions."},
    {"_get_printoptions", m_get_printoptions, METH_NOARGS,
     "The print options as a dict: use numc.get_printoptions."},
    {NULL, NULL, 0, NULL}};

/* ---- scalars ------------------------------------------------------------------------ */

/* NumPy's scalar float text: positional for 0 and 1e-4 <= |x| < cutoff
 * (1e16 for float64, 1e6 = 10**precision for float32), scientific
 * otherwise, unique digits; trim_pos/trim_sci as Dragon4. */
static void float_either(sbuf *b, double x, int is_f32, char trim_pos,
                         char trim_sci, int sign_plus) {
  if (isnan(x)) {
    sb_puts(b, sign_plus ? "+nan" : "nan");
    return;
  }
  if (isinf(x)) {
    sb_puts(b, x < 0 ? "-inf" : sign_plus ? "+inf" : "inf");
    return;
  }
  double a = fabs(x);
  fmt_opts o = {-1, -1, trim_pos, sign_plus, -1, -1, -1};
  if (a == 0 || (a >= 1e-4 && a < (is_f32 ? 1e6 : 1e16))) {
    format_positional(b, x, is_f32, &o);
  } else {
    o.trim = trim_sci;
    format_scientific(b, x, is_f32, &o);
  }
}

static void scalar_text(sbuf *b, const numc_scalar *s) {
  char buf[32];
  switch (numc_dtype_kind(s->dtype)) {
  case 'b':
    sb_puts(b, s->v.b ? "True" : "False");
    break;
  case 'i':
  case 'u':
    int_to_str(buf, sizeof buf, s);
    sb_puts(b, buf);
    break;
  case 'f':
    float_either(b, s->dtype == NUMC_FLOAT32 ? s->v.f32 : s->v.f64,
                 s->dtype == NUMC_FLOAT32, '0', '-', 0);
    break;
  default: {
    int f32 = s->dtype == NUMC_COMPLEX64;
    double re = real_of(s, 0), im = real_of(s, 1);
    if (re == 0 && !signbit(re)) {
      float_either(b, im, f32, '-', '-', 0);
      sb_puts(b, "j");
      break;
    }
    sb_puts(b, "(");
    float_either(b, re, f32, '-', '-', 0);
    float_either(b, im, f32, '-', '-', 1);
    sb_puts(b, "j)");
  }
  }
}

PyObject *pynumc_scalar_str_value(const numc_scalar *s) {
  sbuf b = {0};
  scalar_text(&b, s);
  return finish(&b);
}

PyObject *pynumc_scalar_repr_value(const numc_scalar *s) {
  sbuf b = {0};
  sb_puts(&b, "numc.");
  sb_puts(&b, numc_dtype_name(s->dtype));
  sb_puts(&b, "(");
  size_t start = b.len;
  scalar_text(&b, s);
  /* NumPy's complex repr drops the parentheses: np.complex128(1+2j) */
  if (!b.oom && numc_dtype_kind(s->dtype) == 'c' && b.p[start] == '(') {
    memmove(b.p + start, b.p + start + 1, b.len - start - 2);
    b.len -= 2;
    b.p[b.len] = '\0';
  }
  sb_puts(&b, ")");
  return finish(&b);
}
