/*
 * ops/write.c - copies, dtype conversion, and writes into existing arrays
 * (assign, fill).
 *
 * Writes are where laziness could become visible, so they follow DESIGN.md
 * invariant 3: before dst's buffer changes, every pending computation that
 * reads it runs (numc__force_into does this), so earlier lazy results keep
 * the values they would have had in eager NumPy. The new values are computed
 * straight into dst in one pass; when the source overlaps dst through a
 * different view (a[1:] = a[:-1]) they go through a temporary first, as if
 * the source had been copied, which is NumPy's semantics.
 */
#include "../core/internal.h"

static const char *casting_name(numc_casting c) {
  static const char *names[] = {"no", "equiv", "safe", "same_kind", "unsafe"};
  return (unsigned)c <= NUMC_CASTING_UNSAFE ? names[c] : "?";
}

/* Records dtype(src) broadcast over (nd, shape) as a COPY node. Lock held. */
static int record_copy(numc_array **out, const numc_array *src, numc_dtype dtype, int nd,
                       const int64_t *shape, char layout, bool defer) {
  const numc_array *in[1] = {src};
  numc__node_desc d;
  memset(&d, 0, sizeof d);
  d.kind = NUMC__NK_MAP;
  d.op = NUMC__MAP_COPY;
  d.dtype = dtype;
  d.ldtype = src->dtype;
  d.ndim = nd;
  d.shape = shape;
  d.nin = 1;
  d.in = in;
  d.layout = layout;
  d.defer = defer;
  return numc__record(out, &d);
}

int numc_copy(numc_array **out, const numc_array *a, numc_order order) {
  if (a == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  char layout;
  size_t isz = numc__isz(a->dtype);
  switch (order) {
  case NUMC_ORDER_C:
    layout = 'C';
    break;
  case NUMC_ORDER_F:
    layout = 'F';
    break;
  case NUMC_ORDER_A:
    layout = (numc__is_f_contig(a->ndim, a->shape, a->strides, isz) &&
              !numc__is_c_contig(a->ndim, a->shape, a->strides, isz))
                 ? 'F'
                 : 'C';
    break;
  case NUMC_ORDER_K:
    layout = 'K';
    break;
  default:
    return numc__err(NUMC_EINVAL, "order must be one of 'C', 'F', 'A', or 'K'");
  }
  numc__lock();
  int rc = record_copy(out, a, a->dtype, a->ndim, a->shape, layout, false);
  numc__unlock();
  return rc;
}

int numc_astype(numc_array **out, const numc_array *a, numc_dtype dtype,
                numc_casting casting, numc_copy_mode copy) {
  if (a == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  if (!numc__dtype_valid(dtype)) return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)dtype);
  if (!numc_can_cast(a->dtype, dtype, casting))
    return numc__err(NUMC_ECAST,
                     "Cannot cast array data from dtype('%s') to dtype('%s') "
                     "according to the rule '%s'",
                     numc_dtype_name(a->dtype), numc_dtype_name(dtype),
                     casting_name(casting));
  if (dtype == a->dtype && copy != NUMC_COPY_ALWAYS) return numc_view(out, a);
  if (copy == NUMC_COPY_NEVER)
    return numc__err(NUMC_EVALUE, "Unable to avoid copy while casting");
  numc__lock();
  int rc = record_copy(out, a, dtype, a->ndim, a->shape, 'K', false);
  numc__unlock();
  return rc;
}

static int check_dst(const numc_array *dst) {
  if (dst == NULL) return numc__err(NUMC_EINVAL, "destination is NULL");
  if (!(dst->flags & NUMC_WRITEABLE) || (dst->st->flags & NUMC__ST_READONLY))
    return numc__err(NUMC_EREADONLY, "assignment destination is read-only");
  return NUMC_OK;
}

/* dst[...] = src broadcast and converted; the caller checked casting.
 * As NumPy's assignment, src may have extra leading length-1 axes. */
static int write_into(numc_array *dst, const numc_array *src) {
  int lead = src->ndim - dst->ndim; /* extra leading axes, all must be 1 */
  bool ok = true;
  for (int i = 0; i < lead; i++)
    if (src->shape[i] != 1) ok = false;
  numc_array *squeezed = NULL;
  if (ok && lead > 0) {
    int axes[NUMC_MAXDIMS];
    for (int i = 0; i < lead; i++) axes[i] = i;
    NUMC__TRY(numc_squeeze(&squeezed, src, lead, axes));
    src = squeezed;
  }
  for (int i = 0; ok && i < src->ndim; i++) {
    int64_t s = src->shape[i], t = dst->shape[dst->ndim - src->ndim + i];
    if (s != t && s != 1) ok = false;
  }
  if (!ok) {
    char s1[256], s2[256];
    numc__shape_str_compact(s1, sizeof s1, src->ndim, src->shape);
    numc__shape_str_compact(s2, sizeof s2, dst->ndim, dst->shape);
    numc_release(squeezed);
    return numc__err(NUMC_ESHAPE, "could not broadcast input array from shape %s into shape %s",
                     s1, s2);
  }
  numc__lock();
  numc_array *x = NULL;
  int rc = record_copy(&x, src, dst->dtype, dst->ndim, dst->shape, 'K', true);
  if (rc == NUMC_OK) rc = numc__force_into(dst, x);
  if (x) numc__array_free(x);
  numc__unlock();
  numc_release(squeezed);
  return rc;
}

int numc_assign(numc_array *dst, const numc_array *src, numc_casting casting) {
  NUMC__TRY(check_dst(dst));
  if (src == NULL) return numc__err(NUMC_EINVAL, "source is NULL");
  if (!(src->flags & NUMC_WEAK) && !numc_can_cast(src->dtype, dst->dtype, casting))
    return numc__err(NUMC_ECAST,
                     "Cannot cast array data from dtype('%s') to dtype('%s') "
                     "according to the rule '%s'",
                     numc_dtype_name(src->dtype), numc_dtype_name(dst->dtype),
                     casting_name(casting));
  if (src->flags & NUMC_WEAK) {
    numc_scalar s;
    numc__scalar_load(&s, src->dtype, src->st->data + src->offset);
    s.weak = 1;
    return numc_fill(dst, &s);
  }
  return write_into(dst, src);
}

int numc_fill(numc_array *dst, const numc_scalar *value) {
  NUMC__TRY(check_dst(dst));
  if (value == NULL) return numc__err(NUMC_EINVAL, "value is NULL");
  numc_scalar v;
  NUMC__TRY(numc_scalar_cast(&v, value, dst->dtype));
  numc_array *s;
  NUMC__TRY(numc_from_scalar(&s, &v));
  int rc = write_into(dst, s);
  numc_release(s);
  return rc;
}
