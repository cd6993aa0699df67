/*
 * ops/create.c - making arrays: empty/zeros/ones/full and their *_like
 * forms, arange, linspace, eye, 0-d arrays from scalars, copies of user
 * memory and zero-copy wrapping of external memory.
 *
 * ones/full are recorded as a lazy broadcast of a 0-d constant, so
 * `ones(n) * x` never materializes the ones; zeros uses calloc'd memory,
 * which the OS hands out as zero pages on first touch.
 */
#include "../core/internal.h"

#include <math.h>

/* A 0-d materialized array holding `value` converted to dtype (no range
 * check here). Lock held. */
static int scalar_array(numc_array **out, numc_dtype dtype, const numc_scalar *value,
                        unsigned flags) {
  numc_array *a;
  NUMC__TRY(numc__array_alloc(&a, dtype, 0, NULL, false));
  numc__scalar_store(a->st->data, dtype, value);
  a->flags |= flags;
  *out = a;
  return NUMC_OK;
}

int numc_from_scalar(numc_array **out, const numc_scalar *value) {
  if (value == NULL || !numc__dtype_valid(value->dtype))
    return numc__err(NUMC_EINVAL, "invalid scalar");
  numc__lock();
  int rc = scalar_array(out, value->dtype, value, value->weak ? NUMC_WEAK : 0);
  numc__unlock();
  return rc;
}

int numc_empty(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape) {
  NUMC__TRY(numc__check_shape(ndim, shape, dtype));
  numc__lock();
  int rc = numc__array_alloc(out, dtype, ndim, shape, false);
  numc__unlock();
  return rc;
}

int numc_zeros(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape) {
  NUMC__TRY(numc__check_shape(ndim, shape, dtype));
  numc__lock();
  int rc = numc__array_alloc(out, dtype, ndim, shape, true);
  numc__unlock();
  return rc;
}

/* Records out = broadcast(value) over (ndim, shape) with the given layout
 * ('C', 'F' or 'K' with `like_strides`). Lock held. */
static int fill_node(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape,
                     const numc_scalar *value, char layout) {
  numc_array *s;
  NUMC__TRY(scalar_array(&s, dtype, value, 0));
  const numc_array *in[1] = {s};
  numc__node_desc d;
  memset(&d, 0, sizeof d);
  d.kind = NUMC__NK_MAP;
  d.op = NUMC__MAP_COPY;
  d.dtype = d.ldtype = dtype;
  d.ndim = ndim;
  d.shape = shape;
  d.nin = 1;
  d.in = in;
  d.name = "full";
  d.layout = layout;
  int rc = numc__record(out, &d);
  numc__array_free(s);
  return rc;
}

static int full_impl(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape,
                     const numc_scalar *value, char layout) {
  if (value == NULL || !numc__dtype_valid(value->dtype))
    return numc__err(NUMC_EINVAL, "invalid fill value");
  if (dtype == NUMC_DTYPE_DEFAULT) NUMC__TRY(numc_result_type(&dtype, 0, NULL, 1, value));
  NUMC__TRY(numc__check_shape(ndim, shape, dtype));
  numc_scalar v;
  NUMC__TRY(numc_scalar_cast(&v, value, dtype));
  numc__lock();
  int rc = fill_node(out, dtype, ndim, shape, &v, layout);
  numc__unlock();
  return rc;
}

int numc_full(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape,
              const numc_scalar *value) {
  return full_impl(out, dtype, ndim, shape, value, 'C');
}

int numc_ones(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape) {
  numc_scalar one = numc_weak_int(1);
  if (!numc__dtype_valid(dtype)) return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)dtype);
  return full_impl(out, dtype, ndim, shape, &one, 'C');
}

/* ---- *_like: shape and memory order of `like` ----------------------------- */

static numc_dtype like_dtype(const numc_array *like, numc_dtype dtype) {
  return dtype == NUMC_DTYPE_DEFAULT ? like->dtype : dtype;
}

/* The layout code for a new array following like's memory order: C when like
 * is C-contiguous, F when F-contiguous only, else K. */
static char like_layout(const numc_array *like) {
  size_t isz = numc__isz(like->dtype);
  if (numc__is_c_contig(like->ndim, like->shape, like->strides, isz)) return 'C';
  if (numc__is_f_contig(like->ndim, like->shape, like->strides, isz)) return 'F';
  return 'K';
}

/* Allocates an array shaped like `like`, laid out in like's memory order. */
static int alloc_like(numc_array **out, const numc_array *like, numc_dtype dtype, bool zero) {
  NUMC__TRY(numc__check_shape(like->ndim, like->shape, dtype));
  int order[NUMC_MAXDIMS];
  int64_t strides[NUMC_MAXDIMS];
  int64_t *ls = like->strides;
  numc__choose_order(order, like->ndim, like->shape, 1, &ls);
  numc__order_strides(strides, like->ndim, like->shape, order, numc__isz(dtype));
  int64_t nbytes = numc__shape_size(like->ndim, like->shape) * (int64_t)numc__isz(dtype);
  numc__lock();
  numc__storage *st = numc__storage_new(nbytes, zero);
  numc_array *a = NULL;
  if (st) {
    a = numc__array_new(st, dtype, like->ndim, like->shape, strides, 0,
                        NUMC_WRITEABLE | NUMC_OWNDATA);
    numc__storage_unref(st);
  }
  numc__unlock();
  if (a == NULL) return NUMC_ENOMEM;
  *out = a;
  return NUMC_OK;
}

int numc_empty_like(numc_array **out, const numc_array *like, numc_dtype dtype) {
  dtype = like_dtype(like, dtype);
  return alloc_like(out, like, dtype, false);
}

int numc_zeros_like(numc_array **out, const numc_array *like, numc_dtype dtype) {
  dtype = like_dtype(like, dtype);
  return alloc_like(out, like, dtype, true);
}

int numc_full_like(numc_array **out, const numc_array *like, numc_dtype dtype,
                   const numc_scalar *value) {
  dtype = like_dtype(like, dtype);
  if (!numc__dtype_valid(dtype)) return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)dtype);
  char layout = like_layout(like);
  if (layout == 'K') { /* arbitrary order: allocate like, then fill */
    NUMC__TRY(numc_empty_like(out, like, dtype));
    int rc = numc_fill(*out, value);
    if (rc < 0) numc_release(*out);
    return rc;
  }
  return full_impl(out, dtype, like->ndim, like->shape, value, layout);
}

int numc_ones_like(numc_array **out, const numc_array *like, numc_dtype dtype) {
  numc_scalar one = numc_weak_int(1);
  return numc_full_like(out, like, dtype, &one);
}

/* ---- ranges ---------------------------------------------------------------- */

static double scalar_real(const numc_scalar *s) {
  numc_scalar d;
  numc__scalar_convert(&d, s, NUMC_FLOAT64);
  return d.v.f64;
}

static bool scalar_is_int(const numc_scalar *s) {
  return numc__is_int(s->dtype) || s->dtype == NUMC_BOOL;
}

int numc_arange(numc_array **out, numc_dtype dtype, const numc_scalar *start,
                const numc_scalar *stop, const numc_scalar *step) {
  if (!start || !stop || !step) return numc__err(NUMC_EINVAL, "arange bounds are NULL");
  numc_scalar sc[3] = {*start, *stop, *step};
  if (dtype == NUMC_DTYPE_DEFAULT) NUMC__TRY(numc_result_type(&dtype, 0, NULL, 3, sc));
  if (!numc__dtype_valid(dtype)) return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)dtype);
  if (numc__is_complex(start->dtype) || numc__is_complex(stop->dtype) ||
      numc__is_complex(step->dtype))
    return numc__err(NUMC_ETYPE, "arange does not support complex bounds");
  int64_t n;
  bool exact = scalar_is_int(start) && scalar_is_int(stop) && scalar_is_int(step) &&
               start->dtype != NUMC_UINT64 && stop->dtype != NUMC_UINT64 &&
               step->dtype != NUMC_UINT64;
  numc_scalar a64, b64, s64;
  if (exact) {
    numc__scalar_convert(&a64, start, NUMC_INT64);
    numc__scalar_convert(&b64, stop, NUMC_INT64);
    numc__scalar_convert(&s64, step, NUMC_INT64);
    int64_t a = a64.v.i64, b = b64.v.i64, s = s64.v.i64;
    if (s == 0) return numc__err(NUMC_EVALUE, "Maximum allowed size exceeded");
    /* ceil((b - a) / s) without overflow */
    __int128 diff = (__int128)b - a;
    __int128 q = diff / s, r = diff % s;
    if (r != 0 && ((r > 0) == (s > 0))) q++;
    n = q > 0 ? (int64_t)q : 0;
  } else {
    double a = scalar_real(start), b = scalar_real(stop), s = scalar_real(step);
    if (s == 0 || !isfinite(a) || !isfinite(b) || !isfinite(s))
      return numc__err(NUMC_EVALUE, s == 0 ? "Maximum allowed size exceeded"
                                           : "arange: cannot compute length");
    double len = ceil((b - a) / s);
    if (!(len < 9.2e18)) return numc__err(NUMC_EVALUE, "Maximum allowed size exceeded");
    n = len > 0 ? (int64_t)len : 0;
  }
  int64_t shape[1] = {n};
  NUMC__TRY(numc__check_shape(1, shape, dtype));
  numc__lock();
  int rc = numc__array_alloc(out, dtype, 1, shape, false);
  if (rc == NUMC_OK && n > 0) {
    char *p = (*out)->st->data;
    size_t isz = numc__isz(dtype);
    if (exact && numc__is_int(dtype)) {
      /* integer ranges in exact (wrapping) integer arithmetic, as NumPy */
      uint64_t v = (uint64_t)a64.v.i64, d = (uint64_t)s64.v.i64;
      for (int64_t i = 0; i < n; i++, v += d) {
        numc_scalar x = {.dtype = NUMC_INT64};
        x.v.i64 = (int64_t)v;
        numc__scalar_store(p + i * (int64_t)isz, dtype, &x);
      }
    } else {
      /* NumPy fills from the first two values: start + i * delta */
      double a = scalar_real(start), s = scalar_real(step);
      numc_scalar x = {.dtype = NUMC_FLOAT64};
      if (numc__is_int(dtype) || dtype == NUMC_BOOL) {
        numc_scalar v0 = {.dtype = NUMC_FLOAT64}, v1 = {.dtype = NUMC_FLOAT64};
        v0.v.f64 = a, v1.v.f64 = a + s;
        numc_scalar i0, i1;
        numc__scalar_convert(&i0, &v0, NUMC_INT64);
        numc__scalar_convert(&i1, &v1, NUMC_INT64);
        uint64_t v = (uint64_t)i0.v.i64, d = (uint64_t)(i1.v.i64 - i0.v.i64);
        for (int64_t i = 0; i < n; i++, v += d) {
          numc_scalar y = {.dtype = NUMC_INT64};
          y.v.i64 = (int64_t)v;
          numc__scalar_store(p + i * (int64_t)isz, dtype, &y);
        }
      } else if (dtype == NUMC_FLOAT32) {
        /* as NumPy: the first two values in float32, then start + i*delta
         * in float32 arithmetic */
        float f0 = (float)a, delta = (float)(a + s) - f0;
        for (int64_t i = 0; i < n; i++) ((float *)p)[i] = f0 + (float)i * delta;
      } else {
        double delta = (a + s) - a;
        for (int64_t i = 0; i < n; i++) {
          x.v.f64 = a + (double)i * delta;
          numc__scalar_store(p + i * (int64_t)isz, dtype, &x);
        }
      }
    }
  }
  numc__unlock();
  return rc;
}

int numc_linspace(numc_array **out, numc_dtype dtype, const numc_scalar *start,
                  const numc_scalar *stop, int64_t num, int endpoint) {
  if (!start || !stop) return numc__err(NUMC_EINVAL, "linspace bounds are NULL");
  if (num < 0)
    return numc__err(NUMC_EVALUE, "Number of samples, %lld, must be non-negative.",
                     (long long)num);
  bool cplx = numc__is_complex(start->dtype) || numc__is_complex(stop->dtype);
  if (dtype == NUMC_DTYPE_DEFAULT) {
    numc_scalar sc[3] = {*start, *stop, numc_weak_float(0)};
    NUMC__TRY(numc_result_type(&dtype, 0, NULL, 3, sc));
  }
  if (!numc__dtype_valid(dtype)) return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)dtype);
  int64_t shape[1] = {num};
  NUMC__TRY(numc__check_shape(1, shape, dtype));
  numc_scalar a, b;
  numc__scalar_convert(&a, start, NUMC_COMPLEX128);
  numc__scalar_convert(&b, stop, NUMC_COMPLEX128);
  double div = endpoint ? (double)(num - 1) : (double)num;
  numc__lock();
  int rc = numc__array_alloc(out, dtype, 1, shape, false);
  if (rc == NUMC_OK) {
    char *p = (*out)->st->data;
    size_t isz = numc__isz(dtype);
    for (int64_t i = 0; i < num; i++) {
      numc_scalar v = {.dtype = NUMC_COMPLEX128};
      for (int part = 0; part < (cplx ? 2 : 1); part++) {
        double lo = a.v.c128[part], hi = b.v.c128[part];
        double delta = hi - lo, y;
        if (div > 0) {
          double step = delta / div;
          /* NumPy: a step that underflows to 0 scales after dividing */
          y = step == 0 ? ((double)i / div) * delta + lo : (double)i * step + lo;
        } else {
          y = (double)i * delta + lo;
        }
        if (endpoint && num > 1 && i == num - 1) y = hi;
        v.v.c128[part] = y;
      }
      if (numc__is_int(dtype)) v.v.c128[0] = floor(v.v.c128[0]);
      numc__scalar_store(p + i * (int64_t)isz, dtype, &v);
    }
  }
  numc__unlock();
  return rc;
}

int numc_eye(numc_array **out, numc_dtype dtype, int64_t n, int64_t m, int64_t k) {
  if (m < 0) m = n;
  int64_t shape[2] = {n, m};
  NUMC__TRY(numc__check_shape(2, shape, dtype));
  numc__lock();
  int rc = numc__array_alloc(out, dtype, 2, shape, true);
  if (rc == NUMC_OK) {
    numc_scalar one = numc_weak_int(1);
    size_t isz = numc__isz(dtype);
    /* a diagonal outside the matrix sets nothing (and i + k could overflow
     * for such k) */
    int64_t rows = (k < m && k > -n) ? n : 0;
    for (int64_t i = 0; i < rows; i++) {
      int64_t j = i + k;
      if (j >= 0 && j < m)
        numc__scalar_store((*out)->st->data + (i * m + j) * (int64_t)isz, dtype, &one);
    }
  }
  numc__unlock();
  return rc;
}

/* ---- from user memory -------------------------------------------------------- */

/* Copies an N-d strided source into contiguous C-order memory. */
static void copy_in(char *dst, const char *src, int nd, const int64_t *shape,
                    const int64_t *strides, size_t isz) {
  int64_t n = numc__shape_size(nd, shape);
  if (n == 0) return;
  if (nd == 0) {
    memcpy(dst, src, isz);
    return;
  }
  int64_t idx[NUMC_MAXDIMS] = {0};
  const char *p = src;
  for (int64_t done = 0; done < n;) {
    int64_t run = shape[nd - 1];
    int64_t s = strides[nd - 1];
    if (s == (int64_t)isz) {
      memcpy(dst, p, (size_t)run * isz);
    } else {
      for (int64_t i = 0; i < run; i++) memcpy(dst + i * (int64_t)isz, p + i * s, isz);
    }
    dst += run * (int64_t)isz;
    done += run;
    for (int d = nd - 2; d >= 0; d--) {
      p += strides[d];
      if (++idx[d] < shape[d]) break;
      p -= shape[d] * strides[d];
      idx[d] = 0;
    }
  }
}

int numc_from_copy(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape,
                   const int64_t *strides, const void *data) {
  NUMC__TRY(numc__check_shape(ndim, shape, dtype));
  int64_t n = numc__shape_size(ndim, shape);
  if (n > 0 && data == NULL) return numc__err(NUMC_EINVAL, "data is NULL");
  int64_t cs[NUMC_MAXDIMS];
  if (strides == NULL) {
    numc__c_strides(cs, ndim, shape, numc__isz(dtype));
    strides = cs;
  }
  numc__lock();
  int rc = numc__array_alloc(out, dtype, ndim, shape, false);
  if (rc == NUMC_OK) copy_in((*out)->st->data, data, ndim, shape, strides, numc__isz(dtype));
  numc__unlock();
  return rc;
}

int numc_from_data(numc_array **out, numc_dtype dtype, int ndim, const int64_t *shape,
                   const int64_t *strides, void *data, unsigned flags,
                   numc_release_fn release, void *ctx) {
  NUMC__TRY(numc__check_shape(ndim, shape, dtype));
  if (data == NULL) return numc__err(NUMC_EINVAL, "data is NULL");
  numc__lock();
  numc__storage *st = numc__calloc(1, sizeof *st);
  numc_array *a = NULL;
  if (st) {
    st->refs = 1;
    st->data = data;
    st->nbytes = numc__shape_size(ndim, shape) * (int64_t)numc__isz(dtype);
    st->flags = NUMC__ST_EXTERNAL |
                ((flags & NUMC_DATA_READONLY) ? NUMC__ST_READONLY : NUMC__ST_EXPOSED);
    a = numc__array_new(st, dtype, ndim, shape, strides, 0,
                        (flags & NUMC_DATA_READONLY) ? 0 : NUMC_WRITEABLE);
    if (a == NULL) {
      numc__free(st); /* refs never handed out: release stays the caller's */
    } else {
      st->release = release;
      st->release_ctx = ctx;
      numc__storage_unref(st);
    }
  } else {
    numc__oom();
  }
  numc__unlock();
  if (a == NULL) return NUMC_ENOMEM;
  *out = a;
  return NUMC_OK;
}
