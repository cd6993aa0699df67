/*
 * ops/reduce.c - reductions (sum, prod, min, max, all, any, argmin, argmax,
 * count_nonzero, and mean/var/std composed from them) and cumulative scans.
 *
 * A reduction is one REDUCE node whose input may be a fused expression: the
 * VM evaluates the producers block by block and reduces each block at once,
 * so sum((a - b)**2) reads a and b once and writes one number. mean divides
 * a sum; var is sum(|x - mean(x)|^2) / (N - correction), two passes over x,
 * as NumPy, but without NumPy's full-size temporaries.
 *
 * Scans (cumulative_sum/prod) are barriers: an EXTERN node that walks each
 * line along the axis in order.
 */
#include "../core/internal.h"
#include "../cpu/loops.h"

static const char *red_name(int op) {
  static const char *names[] = {
#define NAME(E, name) #name,
      NUMC_REDUCE_MAP(NAME)
#undef NAME
  };
  return (unsigned)op < NUMC_REDUCE__END ? names[op] : "?";
}

/* Accumulation dtype of sum/prod: bool and signed ints in int64, unsigned
 * in uint64 (Array API), others their own. */
static numc_dtype sum_dtype(numc_dtype dt) {
  if (dt == NUMC_BOOL || numc__kind(dt) == 'i') return NUMC_INT64;
  if (numc__kind(dt) == 'u') return NUMC_UINT64;
  return dt;
}

/* Accumulation dtype of mean/var/std: integers in float64. */
static numc_dtype mean_dtype(numc_dtype dt) {
  return numc__is_inexact(dt) ? dt : NUMC_FLOAT64;
}

/* Output shape of reducing `mask` axes of x. */
static int reduced_shape(int64_t *shape, const numc_array *x, uint64_t mask, int keepdims) {
  int nd = 0;
  for (int i = 0; i < x->ndim; i++) {
    if ((mask >> i) & 1) {
      if (keepdims) shape[nd++] = 1;
    } else {
      shape[nd++] = x->shape[i];
    }
  }
  return nd;
}

static int64_t reduced_count(const numc_array *x, uint64_t mask) {
  int64_t n = 1;
  for (int i = 0; i < x->ndim; i++)
    if ((mask >> i) & 1) n *= x->shape[i];
  return n;
}

/* Records one REDUCE node. ldtype: the dtype values are reduced in. */
static int record_reduce(numc_array **out, int op, const numc_array *x, uint64_t mask,
                         int keepdims, numc_dtype ldtype, numc_dtype dtype) {
  int64_t oshape[NUMC_MAXDIMS];
  int ond = reduced_shape(oshape, x, mask, keepdims);
  const numc_array *in[1] = {x};
  numc__node_desc d;
  memset(&d, 0, sizeof d);
  d.kind = NUMC__NK_REDUCE;
  d.op = op;
  d.dtype = dtype;
  d.ldtype = ldtype;
  d.ndim = x->ndim;
  d.shape = x->shape;
  d.nin = 1;
  d.in = in;
  d.red.axes = mask;
  d.red.keepdims = keepdims;
  d.red.op = op;
  d.out_ndim = ond;
  d.out_shape = oshape;
  d.name = red_name(op);
  numc__lock();
  int rc = numc__record(out, &d);
  numc__unlock();
  return rc;
}

static int check_dtype_arg(numc_dtype dtype) {
  if (dtype != NUMC_DTYPE_DEFAULT && !numc__dtype_valid(dtype))
    return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)dtype);
  return NUMC_OK;
}

/* out = a OP weak_scalar, for composing mean/var. */
static int op_scalar(numc_array **out, numc_op op, const numc_array *a, numc_scalar s) {
  numc_array *c;
  NUMC__TRY(numc_from_scalar(&c, &s));
  int rc = numc_binary(out, op, a, c);
  numc_release(c);
  return rc;
}

/* Converts x to dtype (a lazy cast; a view when it already has it). */
static int as_dtype(numc_array **out, const numc_array *x, numc_dtype dt) {
  return numc_astype(out, x, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED);
}

static int mean_impl(numc_array **out, const numc_array *x, uint64_t mask, int keepdims,
                     numc_dtype dtype) {
  numc_dtype acc = dtype == NUMC_DTYPE_DEFAULT ? mean_dtype(x->dtype) : dtype;
  numc_array *s;
  NUMC__TRY(record_reduce(&s, NUMC_REDUCE_SUM, x, mask, keepdims, acc, acc));
  int rc = op_scalar(out, NUMC_OP_DIVIDE, s, numc_weak_int(reduced_count(x, mask)));
  numc_release(s);
  return rc;
}

static int var_impl(numc_array **out, const numc_array *x, uint64_t mask, int keepdims,
                    double correction, numc_dtype dtype) {
  numc_dtype acc = dtype == NUMC_DTYPE_DEFAULT ? mean_dtype(x->dtype) : dtype;
  if (!numc__is_inexact(acc))
    return numc__err(NUMC_ETYPE, "var/std need a floating dtype, got %s",
                     numc_dtype_name(acc));
  numc_array *xc = NULL, *m = NULL, *d = NULL, *sq = NULL, *s = NULL;
  int rc = as_dtype(&xc, x, acc);
  if (rc == NUMC_OK) rc = mean_impl(&m, xc, mask, 1, acc);
  if (rc == NUMC_OK) rc = numc_subtract(&d, xc, m);
  if (rc == NUMC_OK) {
    if (numc__is_complex(acc)) {
      numc_array *cj = NULL, *prod = NULL;
      rc = numc_conj(&cj, d);
      if (rc == NUMC_OK) rc = numc_multiply(&prod, d, cj);
      if (rc == NUMC_OK) rc = numc_real(&sq, prod);
      numc_release(cj);
      numc_release(prod);
    } else {
      rc = numc_multiply(&sq, d, d);
    }
  }
  numc_dtype racc = numc_dtype_real(acc);
  if (rc == NUMC_OK) rc = record_reduce(&s, NUMC_REDUCE_SUM, sq, mask, keepdims, racc, racc);
  if (rc == NUMC_OK) {
    double n = (double)reduced_count(x, mask) - correction;
    rc = op_scalar(out, NUMC_OP_DIVIDE, s, numc_weak_float(n > 0 ? n : 0));
  }
  numc_release(xc);
  numc_release(m);
  numc_release(d);
  numc_release(sq);
  numc_release(s);
  return rc;
}

int numc_reduce(numc_array **out, numc_reduce_op op, const numc_array *x, int naxes,
                const int *axes, int keepdims, numc_dtype dtype, double correction) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if ((unsigned)op >= NUMC_REDUCE__END)
    return numc__err(NUMC_EINVAL, "invalid reduction %d", (int)op);
  NUMC__TRY(check_dtype_arg(dtype));
  keepdims = keepdims != 0;
  bool arg = op == NUMC_REDUCE_ARGMIN || op == NUMC_REDUCE_ARGMAX;
  if (arg && naxes > 1)
    return numc__err(NUMC_EINVAL, "%s takes a single axis", red_name(op));
  uint64_t mask;
  NUMC__TRY(numc__axes_mask(&mask, naxes, axes, x->ndim));
  int64_t nred = reduced_count(x, mask);
  switch (op) {
  case NUMC_REDUCE_SUM:
  case NUMC_REDUCE_PROD: {
    numc_dtype acc = dtype == NUMC_DTYPE_DEFAULT ? sum_dtype(x->dtype) : dtype;
    if (acc == NUMC_BOOL) acc = NUMC_INT64; /* bool sums count */
    numc_array *xc = NULL;
    NUMC__TRY(as_dtype(&xc, x, acc));
    int rc = record_reduce(out, op, xc, mask, keepdims, acc, acc);
    numc_release(xc);
    if (rc == NUMC_OK && dtype == NUMC_BOOL) {
      numc_array *b = *out;
      rc = as_dtype(out, b, NUMC_BOOL);
      numc_release(b);
    }
    return rc;
  }
  case NUMC_REDUCE_MIN:
  case NUMC_REDUCE_MAX:
  case NUMC_REDUCE_ARGMIN:
  case NUMC_REDUCE_ARGMAX:
    if (nred == 0) { /* NumPy raises even when the result is empty too */
      if (arg)
        return numc__err(NUMC_EVALUE, "attempt to get %s of an empty sequence",
                         red_name(op));
      return numc__err(NUMC_EVALUE,
                       "zero-size array to reduction operation %s which has no "
                       "identity",
                       op == NUMC_REDUCE_MIN ? "minimum" : "maximum");
    }
    return record_reduce(out, op, x, mask, keepdims, x->dtype,
                         arg ? NUMC_INT64 : x->dtype);
  case NUMC_REDUCE_ALL:
  case NUMC_REDUCE_ANY:
    return record_reduce(out, op, x, mask, keepdims, NUMC_BOOL, NUMC_BOOL);
  case NUMC_REDUCE_COUNT_NONZERO: {
    numc_array *b = NULL, *bi = NULL;
    int rc = as_dtype(&b, x, NUMC_BOOL);
    if (rc == NUMC_OK) rc = as_dtype(&bi, b, NUMC_INT64);
    if (rc == NUMC_OK)
      rc = record_reduce(out, NUMC_REDUCE_SUM, bi, mask, keepdims, NUMC_INT64, NUMC_INT64);
    numc_release(b);
    numc_release(bi);
    return rc;
  }
  case NUMC_REDUCE_MEAN:
    return mean_impl(out, x, mask, keepdims, dtype);
  case NUMC_REDUCE_VAR:
    return var_impl(out, x, mask, keepdims, correction, dtype);
  case NUMC_REDUCE_STD: {
    numc_array *v;
    NUMC__TRY(var_impl(&v, x, mask, keepdims, correction, dtype));
    int rc = numc_sqrt(out, v);
    numc_release(v);
    return rc;
  }
  default:
    return numc__err(NUMC_EINVAL, "invalid reduction %d", (int)op);
  }
}

int numc_sum(numc_array **out, const numc_array *x, int naxes, const int *axes,
             int keepdims, numc_dtype dtype) {
  return numc_reduce(out, NUMC_REDUCE_SUM, x, naxes, axes, keepdims, dtype, 0);
}
int numc_prod(numc_array **out, const numc_array *x, int naxes, const int *axes,
              int keepdims, numc_dtype dtype) {
  return numc_reduce(out, NUMC_REDUCE_PROD, x, naxes, axes, keepdims, dtype, 0);
}
int numc_min(numc_array **out, const numc_array *x, int naxes, const int *axes,
             int keepdims) {
  return numc_reduce(out, NUMC_REDUCE_MIN, x, naxes, axes, keepdims, NUMC_DTYPE_DEFAULT, 0);
}
int numc_max(numc_array **out, const numc_array *x, int naxes, const int *axes,
             int keepdims) {
  return numc_reduce(out, NUMC_REDUCE_MAX, x, naxes, axes, keepdims, NUMC_DTYPE_DEFAULT, 0);
}
int numc_mean(numc_array **out, const numc_array *x, int naxes, const int *axes,
              int keepdims, numc_dtype dtype) {
  return numc_reduce(out, NUMC_REDUCE_MEAN, x, naxes, axes, keepdims, dtype, 0);
}
int numc_var(numc_array **out, const numc_array *x, int naxes, const int *axes,
             int keepdims, double correction, numc_dtype dtype) {
  return numc_reduce(out, NUMC_REDUCE_VAR, x, naxes, axes, keepdims, dtype, correction);
}
int numc_std(numc_array **out, const numc_array *x, int naxes, const int *axes,
             int keepdims, double correction, numc_dtype dtype) {
  return numc_reduce(out, NUMC_REDUCE_STD, x, naxes, axes, keepdims, dtype, correction);
}
int numc_all(numc_array **out, const numc_array *x, int naxes, const int *axes,
             int keepdims) {
  return numc_reduce(out, NUMC_REDUCE_ALL, x, naxes, axes, keepdims, NUMC_DTYPE_DEFAULT, 0);
}
int numc_any(numc_array **out, const numc_array *x, int naxes, const int *axes,
             int keepdims) {
  return numc_reduce(out, NUMC_REDUCE_ANY, x, naxes, axes, keepdims, NUMC_DTYPE_DEFAULT, 0);
}
int numc_count_nonzero(numc_array **out, const numc_array *x, int naxes, const int *axes,
                       int keepdims) {
  return numc_reduce(out, NUMC_REDUCE_COUNT_NONZERO, x, naxes, axes, keepdims,
                     NUMC_DTYPE_DEFAULT, 0);
}

static int arg_reduce(numc_array **out, numc_reduce_op op, const numc_array *x, int axis,
                      int keepdims) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (axis == NUMC_AXIS_NONE) {
    if (!keepdims) return numc_reduce(out, op, x, -1, NULL, 0, NUMC_DTYPE_DEFAULT, 0);
    return numc_reduce(out, op, x, -1, NULL, 1, NUMC_DTYPE_DEFAULT, 0);
  }
  int axes[1] = {axis};
  return numc_reduce(out, op, x, 1, axes, keepdims, NUMC_DTYPE_DEFAULT, 0);
}

int numc_argmin(numc_array **out, const numc_array *x, int axis, int keepdims) {
  return arg_reduce(out, NUMC_REDUCE_ARGMIN, x, axis, keepdims);
}
int numc_argmax(numc_array **out, const numc_array *x, int axis, int keepdims) {
  return arg_reduce(out, NUMC_REDUCE_ARGMAX, x, axis, keepdims);
}

/* ---- cumulative scans ------------------------------------------------------- */

typedef struct scan_params {
  int axis;
  int op; /* NUMC_REDUCE_SUM or NUMC_REDUCE_PROD */
  int include_initial;
} scan_params;

/* EXTERN callback: scans every line of in[0] along the axis into out. Each
 * line is converted into a contiguous buffer of the output dtype, scanned in
 * place with the typed add/multiply loop, and written out. */
static int run_scan(const numc__node *nd, const numc_array *const *in, numc_array *out) {
  const scan_params *p = nd->params;
  const numc_array *x = in[0];
  numc_dtype dt = out->dtype;
  size_t isz = numc__isz(dt);
  int ax = p->axis;
  int64_t len = x->shape[ax], olen = out->shape[ax];
  int64_t nlines = numc__shape_size(x->ndim, x->shape) / (len ? len : 1);
  if (len == 0) nlines = numc__shape_size(out->ndim, out->shape) / (olen ? olen : 1);
  numc__loop_fn cast = numc__cast_loop(x->dtype, dt);
  numc__loop_fn step =
      numc__map_loop(p->op == NUMC_REDUCE_SUM ? NUMC_OP_ADD : NUMC_OP_MULTIPLY, dt);
  if (!cast || !step) return numc__err(NUMC_EINTERNAL, "no scan loop for %s", numc_dtype_name(dt));
  char *buf = numc__aligned_alloc((size_t)(olen + 1) * isz + (size_t)len * numc__isz(x->dtype), false);
  if (!buf) return numc__oom();
  char *src = buf + (size_t)(olen + 1) * isz;
  numc_scalar ident = numc_weak_int(p->op == NUMC_REDUCE_PROD);
  int64_t idx[NUMC_MAXDIMS] = {0};
  for (int64_t line = 0; line < nlines; line++) {
    const char *xp = x->st->data + x->offset;
    char *op = out->st->data + out->offset;
    for (int d = 0; d < x->ndim; d++) {
      if (d == ax) continue;
      xp += idx[d] * x->strides[d];
      op += idx[d] * out->strides[d];
    }
    for (int64_t i = 0; i < len; i++)
      memcpy(src + i * (int64_t)numc__isz(x->dtype), xp + i * x->strides[ax],
             numc__isz(x->dtype));
    char *acc = buf;
    numc__scalar_store(acc, dt, &ident);
    char *cv = buf + isz;
    if (len) {
      char *cargs[2] = {src, cv};
      cast(len, cargs, NULL);
    }
    for (int64_t i = 0; i < len; i++) {
      char *args[3] = {i ? cv + (i - 1) * (int64_t)isz : acc, cv + i * (int64_t)isz,
                       cv + i * (int64_t)isz};
      step(1, args, NULL);
    }
    char *first = p->include_initial ? buf : cv;
    for (int64_t i = 0; i < olen; i++)
      memcpy(op + i * out->strides[ax], first + i * (int64_t)isz, isz);
    for (int d = x->ndim - 1; d >= 0; d--) {
      if (d == ax) continue;
      if (++idx[d] < x->shape[d]) break;
      idx[d] = 0;
    }
  }
  numc__aligned_free(buf);
  return NUMC_OK;
}

static int cumulative(numc_array **out, int op, const numc_array *x, int axis,
                      numc_dtype dtype, int include_initial) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  NUMC__TRY(check_dtype_arg(dtype));
  numc_array *flat = NULL;
  if (axis == NUMC_AXIS_NONE) {
    int64_t n = -1;
    NUMC__TRY(numc_reshape(&flat, x, 1, &n, NUMC_COPY_IF_NEEDED));
    x = flat;
    axis = 0;
  }
  int rc = numc__norm_axis(&axis, x->ndim);
  if (x->ndim == 0 && rc < 0) {
    numc_release(flat);
    return rc;
  }
  numc_dtype dt = dtype == NUMC_DTYPE_DEFAULT ? sum_dtype(x->dtype) : dtype;
  scan_params *p = rc == NUMC_OK ? numc__malloc(sizeof *p) : NULL;
  if (rc == NUMC_OK && !p) rc = numc__oom();
  if (rc == NUMC_OK) {
    p->axis = axis;
    p->op = op;
    p->include_initial = include_initial != 0;
    int64_t oshape[NUMC_MAXDIMS];
    memcpy(oshape, x->shape, (size_t)x->ndim * sizeof(int64_t));
    oshape[axis] += p->include_initial;
    const numc_array *in[1] = {x};
    numc__node_desc d;
    memset(&d, 0, sizeof d);
    d.kind = NUMC__NK_EXTERN;
    d.op = op;
    d.dtype = d.ldtype = dt;
    d.ldtype = x->dtype;
    d.ndim = x->ndim;
    d.shape = x->shape;
    d.nin = 1;
    d.in = in;
    d.out_ndim = x->ndim;
    d.out_shape = oshape;
    d.run = run_scan;
    d.params = p;
    d.free_params = numc__free;
    d.name = op == NUMC_REDUCE_SUM ? "cumulative_sum" : "cumulative_prod";
    numc__lock();
    rc = numc__record(out, &d);
    numc__unlock();
  }
  numc_release(flat);
  return rc;
}

int numc_cumulative_sum(numc_array **out, const numc_array *x, int axis, numc_dtype dtype,
                        int include_initial) {
  return cumulative(out, NUMC_REDUCE_SUM, x, axis, dtype, include_initial);
}

int numc_cumulative_prod(numc_array **out, const numc_array *x, int axis,
                         numc_dtype dtype, int include_initial) {
  return cumulative(out, NUMC_REDUCE_PROD, x, axis, dtype, include_initial);
}
