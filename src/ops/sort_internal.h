/*
 * ops/sort_internal.h - helpers shared by the sorting, searching and set
 * operations (ops/sort.c, ops/search.c, ops/set.c).
 */
#ifndef NUMC_OPS_SORT_INTERNAL_H
#define NUMC_OPS_SORT_INTERNAL_H

#include "../core/internal.h"
#include "../cpu/sort_kernels.h"
#include "gather.h" /* numc__record_extern, numc__parallel_ranges */

/* A C-contiguous array with x's values converted to dtype (x itself, one
 * more reference, when it already is; otherwise a lazy copy). */
int numc__contig_as(numc_array **out, const numc_array *x, numc_dtype dtype);

/* x flattened to 1-D in C order and computed (a view when possible). Lock
 * held. */
int numc__flat_forced(numc_array **out, const numc_array *x);

#endif /* NUMC_OPS_SORT_INTERNAL_H */
