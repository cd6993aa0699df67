/*
 * ops/sort.c - sort and argsort, and the helpers the searching and set
 * operations share (ops/sort_internal.h).
 *
 * Both are barriers: the call checks the axis and records an EXTERN node
 * whose callback hands the materialized input to the sorting engine
 * (cpu/sort_kernels.c), which sorts every line along the axis with a stable
 * radix sort. The output has x's shape, C-contiguous.
 */
#include "sort_internal.h"

int numc__contig_as(numc_array **out, const numc_array *x, numc_dtype dtype) {
  numc_array *c;
  NUMC__TRY(numc_astype(&c, x, dtype, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED));
  if (numc__is_c_contig(c->ndim, c->shape, c->strides, numc__isz(c->dtype))) {
    *out = c;
    return NUMC_OK;
  }
  int rc = numc_copy(out, c, NUMC_ORDER_C);
  numc_release(c);
  return rc;
}

int numc__flat_forced(numc_array **out, const numc_array *x) {
  int64_t n = -1;
  numc_array *flat;
  NUMC__TRY(numc_reshape(&flat, x, 1, &n, NUMC_COPY_IF_NEEDED));
  int rc = numc__force1(flat->st);
  if (rc < 0) {
    numc_release(flat);
    return rc;
  }
  *out = flat;
  return NUMC_OK;
}

typedef struct sort_params {
  int axis;
  bool arg, desc;
} sort_params;

static int run_sort(const numc__node *nd, const numc_array *const *in, numc_array *out) {
  const sort_params *p = nd->params;
  return numc__sort_lines(in[0], p->arg ? NULL : out, p->arg ? out : NULL, p->axis, p->desc);
}

static int sort_impl(numc_array **out, const numc_array *x, int axis, int descending,
                     bool arg) {
  if (out == NULL || x == NULL) return numc__err(NUMC_EINVAL, "argument is NULL");
  numc_array *flat = NULL;
  /* axis=None sorts the flattened array; argsort treats a 0-d array as 1-D */
  if (axis == NUMC_AXIS_NONE || (arg && x->ndim == 0)) {
    int64_t n = -1;
    NUMC__TRY(numc_reshape(&flat, x, 1, &n, NUMC_COPY_IF_NEEDED));
    x = flat;
    if (axis == NUMC_AXIS_NONE) axis = 0;
  }
  int rc = numc__norm_axis(&axis, x->ndim);
  sort_params *p = rc == NUMC_OK ? numc__malloc(sizeof *p) : NULL;
  if (rc == NUMC_OK && p == NULL) rc = numc__oom();
  if (rc == NUMC_OK) {
    p->axis = axis;
    p->arg = arg;
    p->desc = descending != 0;
    const numc_array *in[1] = {x};
    rc = numc__record_extern(out, arg ? NUMC_INT64 : x->dtype, x->ndim, x->shape, 1, in,
                             run_sort, p, numc__free, arg ? "argsort" : "sort");
  }
  numc_release(flat);
  return rc;
}

int numc_sort(numc_array **out, const numc_array *x, int axis, int descending, int stable) {
  (void)stable; /* always stable */
  return sort_impl(out, x, axis, descending, false);
}

int numc_argsort(numc_array **out, const numc_array *x, int axis, int descending,
                 int stable) {
  (void)stable;
  return sort_impl(out, x, axis, descending, true);
}
