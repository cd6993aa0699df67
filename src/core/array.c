/*
 * core/array.c - array handles: lifetime, attributes, flags, data access and
 * single-element reads and writes.
 *
 * A handle is immutable once made (dtype, shape, strides, offset, storage),
 * so attribute getters need no lock. Anything that touches the storage or the
 * graph takes the graph lock.
 */
#include "internal.h"

numc_array *numc__array_new(numc__storage *st, numc_dtype dtype, int ndim,
                            const int64_t *shape, const int64_t *strides,
                            int64_t offset, unsigned flags) {
  numc_array *a = numc__malloc(sizeof *a + 2 * (size_t)ndim * sizeof(int64_t));
  if (a == NULL) {
    numc__oom();
    return NULL;
  }
  a->refs = 1;
  a->st = st;
  a->offset = offset;
  a->dtype = dtype;
  a->ndim = ndim;
  a->flags = flags;
  a->shape = a->dims;
  a->strides = a->dims + ndim;
  if (ndim) memcpy(a->shape, shape, (size_t)ndim * sizeof(int64_t));
  if (strides)
    memcpy(a->strides, strides, (size_t)ndim * sizeof(int64_t));
  else
    numc__c_strides(a->strides, ndim, shape, numc__isz(dtype));
  st->refs++;
  st->nhandles++;
  return a;
}

void numc__array_free(numc_array *a) {
  numc__storage *st = a->st;
  st->nhandles--;
  numc__free(a);
  numc__storage_unref(st);
}

int numc__array_alloc(numc_array **out, numc_dtype dtype, int ndim,
                      const int64_t *shape, bool zero) {
  int64_t nbytes = numc__shape_size(ndim, shape) * (int64_t)numc__isz(dtype);
  numc__storage *st = numc__storage_new(nbytes, zero);
  if (st == NULL) return NUMC_ENOMEM;
  numc_array *a = numc__array_new(st, dtype, ndim, shape, NULL, 0,
                                  NUMC_WRITEABLE | NUMC_OWNDATA);
  numc__storage_unref(st);
  if (a == NULL) return NUMC_ENOMEM;
  *out = a;
  return NUMC_OK;
}

void numc_release(numc_array *a) {
  if (a == NULL) return;
  numc__lock();
  assert(a->refs > 0);
  if (--a->refs == 0) numc__array_free(a);
  numc__unlock();
}

numc_array *numc_retain(numc_array *a) {
  numc__lock();
  a->refs++;
  numc__unlock();
  return a;
}

/* ---- attributes ---------------------------------------------------------- */

numc_dtype numc_array_dtype(const numc_array *a) { return a->dtype; }
int numc_array_ndim(const numc_array *a) { return a->ndim; }
const int64_t *numc_array_shape(const numc_array *a) { return a->shape; }
const int64_t *numc_array_strides(const numc_array *a) { return a->strides; }
int64_t numc_array_size(const numc_array *a) {
  return numc__shape_size(a->ndim, a->shape);
}
size_t numc_array_itemsize(const numc_array *a) { return numc__isz(a->dtype); }
int64_t numc_array_nbytes(const numc_array *a) {
  return numc_array_size(a) * (int64_t)numc__isz(a->dtype);
}

/* Alignment NumPy requires of a dtype (complex: that of its components). */
static size_t dtype_alignment(numc_dtype dt) {
  size_t isz = numc__isz(dt);
  return numc__is_complex(dt) ? isz / 2 : isz;
}

unsigned numc_array_flags(const numc_array *a) {
  size_t isz = numc__isz(a->dtype);
  unsigned f = a->flags & (NUMC_OWNDATA | NUMC_WEAK);
  if (numc__is_c_contig(a->ndim, a->shape, a->strides, isz)) f |= NUMC_C_CONTIGUOUS;
  if (numc__is_f_contig(a->ndim, a->shape, a->strides, isz)) f |= NUMC_F_CONTIGUOUS;
  size_t al = dtype_alignment(a->dtype);
  bool aligned = (uint64_t)a->offset % al == 0;
  for (int i = 0; i < a->ndim; i++)
    if (a->shape[i] > 1 && (uint64_t)a->strides[i] % al != 0) aligned = false;
  numc__lock();
  if ((a->flags & NUMC_WRITEABLE) && !(a->st->flags & NUMC__ST_READONLY))
    f |= NUMC_WRITEABLE;
  if (a->st->producer) f |= NUMC_PENDING;
  /* Pending buffers will be allocated 64-byte aligned. */
  if (a->st->data && (uintptr_t)a->st->data % al != 0) aligned = false;
  numc__unlock();
  if (aligned) f |= NUMC_ALIGNED;
  return f;
}

/* A view in which distinct indices reach the same element (a zero stride
 * over an axis longer than 1, as broadcast_to makes). */
static bool self_overlapping(const numc_array *a) {
  for (int i = 0; i < a->ndim; i++)
    if (a->shape[i] > 1 && a->strides[i] == 0) return true;
  return false;
}

int numc_array_set_writeable(numc_array *a, int writeable) {
  int rc = NUMC_OK;
  numc__lock();
  if (!writeable) {
    a->flags &= ~NUMC_WRITEABLE;
  } else if ((a->st->flags & NUMC__ST_READONLY) || self_overlapping(a)) {
    /* read-only memory, or a broadcast view whose elements alias */
    rc = numc__err(NUMC_EREADONLY,
                   "cannot set WRITEABLE flag to True of this array");
  } else {
    a->flags |= NUMC_WRITEABLE;
  }
  numc__unlock();
  return rc;
}

/* Byte extent [lo, hi) that a view touches, relative to its storage data. */
static void byte_extent(const numc_array *a, int64_t *lo, int64_t *hi) {
  int64_t l = a->offset, h = a->offset;
  for (int i = 0; i < a->ndim; i++) {
    if (a->shape[i] == 0) {
      *lo = *hi = a->offset;
      return;
    }
    int64_t span = (a->shape[i] - 1) * a->strides[i];
    if (span < 0)
      l += span;
    else
      h += span;
  }
  *lo = l;
  *hi = h + (int64_t)numc__isz(a->dtype);
}

int numc_may_share_memory(const numc_array *a, const numc_array *b) {
  if (a->st != b->st) return 0;
  int64_t al, ah, bl, bh;
  byte_extent(a, &al, &ah);
  byte_extent(b, &bl, &bh);
  return al < bh && bl < ah;
}

int numc_same_buffer(const numc_array *a, const numc_array *b) {
  return a->st == b->st;
}

/* ---- data access --------------------------------------------------------- */

static int check_writable(const numc_array *a) {
  if (!(a->flags & NUMC_WRITEABLE) || (a->st->flags & NUMC__ST_READONLY))
    return numc__err(NUMC_EREADONLY, "assignment destination is read-only");
  return NUMC_OK;
}

int numc_array_data(void **out, const numc_array *a, unsigned access) {
  int rc;
  numc__lock();
  if (access & NUMC_ACCESS_WRITE) {
    rc = check_writable(a);
    if (rc == NUMC_OK) rc = numc__prepare_write(a->st);
    if (rc == NUMC_OK) a->st->flags |= NUMC__ST_EXPOSED;
  } else {
    rc = numc__force1(a->st);
  }
  if (rc == NUMC_OK) *out = a->st->data + a->offset;
  numc__unlock();
  return rc;
}

/* Byte offset of a multi-index, with NumPy's bounds check and message. */
static int index_offset(int64_t *off, const numc_array *a, const int64_t *index) {
  int64_t o = a->offset;
  if (a->ndim > 0 && index == NULL) return numc__err(NUMC_EINVAL, "index is NULL");
  for (int i = 0; i < a->ndim; i++) {
    int64_t k = index[i];
    if (k < -a->shape[i] || k >= a->shape[i])
      return numc__err(NUMC_EINDEX,
                       "index %lld is out of bounds for axis %d with size %lld",
                       (long long)k, i, (long long)a->shape[i]);
    if (k < 0) k += a->shape[i];
    o += k * a->strides[i];
  }
  *off = o;
  return NUMC_OK;
}

int numc_item_get(numc_scalar *out, const numc_array *a, const int64_t *index) {
  int64_t off;
  NUMC__TRY(index_offset(&off, a, index));
  numc__lock();
  int rc = numc__force1(a->st);
  if (rc == NUMC_OK) numc__scalar_load(out, a->dtype, a->st->data + off);
  numc__unlock();
  return rc;
}

int numc_item_set(numc_array *a, const int64_t *index, const numc_scalar *value) {
  int64_t off;
  NUMC__TRY(index_offset(&off, a, index));
  numc_scalar v;
  NUMC__TRY(numc_scalar_cast(&v, value, a->dtype));
  numc__lock();
  int rc = check_writable(a);
  if (rc == NUMC_OK) rc = numc__prepare_write(a->st);
  if (rc == NUMC_OK) memcpy(a->st->data + off, &v.v, numc__isz(a->dtype));
  numc__unlock();
  return rc;
}
