/*
 * core/shape.c - shapes, strides, axes and broadcasting: pure helpers with
 * NumPy's rules and NumPy's error messages.
 */
#include "internal.h"

#include <stdio.h>

int64_t numc__shape_size(int ndim, const int64_t *shape) {
  int64_t n = 1;
  for (int i = 0; i < ndim; i++) n *= shape[i];
  return n;
}

int64_t numc__c_strides(int64_t *strides, int ndim, const int64_t *shape,
                        size_t itemsize) {
  /* As NumPy: extents of 0 do not multiply the running stride, so a (3, 0)
   * float64 array has strides (8, 8). */
  int64_t s = (int64_t)itemsize, total = (int64_t)itemsize;
  for (int i = ndim - 1; i >= 0; i--) {
    strides[i] = s;
    if (shape[i]) {
      if (__builtin_mul_overflow(s, shape[i], &s)) return -1;
    }
    if (__builtin_mul_overflow(total, shape[i], &total)) return -1;
  }
  return total;
}

bool numc__is_c_contig(int ndim, const int64_t *shape, const int64_t *strides,
                       size_t itemsize) {
  int64_t s = (int64_t)itemsize;
  for (int i = ndim - 1; i >= 0; i--) {
    if (shape[i] == 0) return true;
    if (shape[i] != 1 && strides[i] != s) return false;
    s *= shape[i];
  }
  return true;
}

bool numc__is_f_contig(int ndim, const int64_t *shape, const int64_t *strides,
                       size_t itemsize) {
  int64_t s = (int64_t)itemsize;
  for (int i = 0; i < ndim; i++) {
    if (shape[i] == 0) return true;
    if (shape[i] != 1 && strides[i] != s) return false;
    s *= shape[i];
  }
  return true;
}

int numc__check_shape(int ndim, const int64_t *shape, numc_dtype dtype) {
  if (ndim < 0 || ndim > NUMC_MAXDIMS)
    return numc__err(NUMC_ESHAPE,
                     "maximum supported dimension for an ndarray is currently "
                     "%d, found %d",
                     NUMC_MAXDIMS, ndim);
  if (ndim > 0 && shape == NULL)
    return numc__err(NUMC_EINVAL, "shape is NULL");
  if (!numc__dtype_valid(dtype))
    return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)dtype);
  int64_t total = (int64_t)numc__isz(dtype);
  for (int i = 0; i < ndim; i++) {
    if (shape[i] < 0)
      return numc__err(NUMC_ESHAPE, "negative dimensions are not allowed");
    if (__builtin_mul_overflow(total, shape[i], &total))
      return numc__err(NUMC_ESHAPE,
                       "array is too big; `arr.size * arr.dtype.itemsize` is "
                       "larger than the maximum possible size.");
  }
  return NUMC_OK;
}

int numc__norm_axis(int *axis, int ndim) {
  int a = *axis;
  if (a < -ndim || a >= ndim)
    return numc__err(NUMC_EAXIS,
                     "axis %d is out of bounds for array of dimension %d", a,
                     ndim);
  *axis = a < 0 ? a + ndim : a;
  return NUMC_OK;
}

int numc__axes_mask(uint64_t *mask, int naxes, const int *axes, int ndim) {
  if (naxes < 0) {
    *mask = ndim >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << ndim) - 1);
    return NUMC_OK;
  }
  if (naxes > 0 && axes == NULL) return numc__err(NUMC_EINVAL, "axes is NULL");
  uint64_t m = 0;
  for (int i = 0; i < naxes; i++) {
    int a = axes[i];
    NUMC__TRY(numc__norm_axis(&a, ndim));
    if (m & ((uint64_t)1 << a))
      return numc__err(NUMC_EVALUE, "duplicate value in 'axis'");
    m |= (uint64_t)1 << a;
  }
  *mask = m;
  return NUMC_OK;
}

/* "(3, 4)" (Python's tuple repr, sep ", ") or NumPy's compact "(3,4)". */
static void shape_fmt(char *buf, size_t n, int ndim, const int64_t *shape,
                      const char *sep) {
  size_t used = 0;
  used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "(");
  for (int i = 0; i < ndim; i++)
    used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%lld",
                             i ? sep : "", (long long)shape[i]);
  snprintf(buf + used, used < n ? n - used : 0, ndim == 1 ? ",)" : ")");
}

void numc__shape_str(char *buf, size_t n, int ndim, const int64_t *shape) {
  shape_fmt(buf, n, ndim, shape, ", ");
}

void numc__shape_str_compact(char *buf, size_t n, int ndim, const int64_t *shape) {
  shape_fmt(buf, n, ndim, shape, ",");
}

int numc__broadcast(int *out_ndim, int64_t *out, int n, const int *ndims,
                    const int64_t *const *shapes) {
  int nd = 0;
  for (int k = 0; k < n; k++)
    if (ndims[k] > nd) nd = ndims[k];
  for (int i = 0; i < nd; i++) out[i] = 1;
  for (int k = 0; k < n; k++) {
    int off = nd - ndims[k];
    for (int i = 0; i < ndims[k]; i++) {
      int64_t d = shapes[k][i];
      int64_t *o = &out[off + i];
      if (d == *o || d == 1) continue;
      if (*o == 1) {
        *o = d;
        continue;
      }
      char msg[1024];
      size_t used = 0;
      for (int j = 0; j < n && used < sizeof msg - 1; j++) {
        numc__shape_str_compact(msg + used, sizeof msg - used, ndims[j], shapes[j]);
        used = strlen(msg);
        if (used < sizeof msg - 1) msg[used++] = ' ', msg[used] = '\0';
      }
      return numc__err(NUMC_ESHAPE,
                       "operands could not be broadcast together with shapes %s",
                       msg);
    }
  }
  *out_ndim = nd;
  return NUMC_OK;
}

void numc__broadcast_strides(int64_t *strides, const numc_array *a, int ndim,
                             const int64_t *shape) {
  int off = ndim - a->ndim;
  for (int i = 0; i < ndim; i++) {
    int j = i - off;
    strides[i] = (j < 0 || (a->shape[j] == 1 && shape[i] != 1)) ? 0 : a->strides[j];
  }
}
