/*
 * ops/gather.h - internal helpers shared by the data-movement operations
 * (ops/index.c, ops/manip.c): a parallel range splitter over the thread pool
 * and a strided n-d copy. They are type-generic: elements are moved as
 * opaque blocks of `itemsize` bytes, never converted.
 */
#ifndef NUMC_OPS_GATHER_H
#define NUMC_OPS_GATHER_H

#include "../core/internal.h"

/* Work below this many bytes is not worth waking the thread pool. */
#define NUMC__PAR_MIN_BYTES ((int64_t)1 << 18)

/* A piece of work over items [i0, i1). */
typedef void (*numc__range_fn)(void *ctx, int64_t i0, int64_t i1);

/* Runs fn over [0, n) in chunks of `grain` items (>= 1) on the thread pool
 * (inline when one chunk suffices). Chunks are claimed dynamically; fn must
 * not depend on which thread runs a chunk. Never fails. */
void numc__parallel_ranges(int64_t n, int64_t grain, numc__range_fn fn,
                           void *ctx);

/* Copies the nd-dimensional block `shape` of itemsize-byte elements from
 * src (byte strides sstr) to dst (byte strides dstr); any strides, but the
 * two blocks must not overlap. Large copies are split over the pool. */
void numc__copy_nd(char *dst, const int64_t *dstr, const char *src,
                   const int64_t *sstr, int nd, const int64_t *shape,
                   size_t itemsize);

/* Expands RUN(N) for the element size isz, with N a compile-time constant
 * for the common sizes (so a memcpy of N bytes becomes one move) and isz
 * itself otherwise. RUN must end its branch (return or break). */
#define NUMC__SIZE_SWITCH(isz, RUN)                                            \
  switch (isz) {                                                               \
  case 1: RUN(1)                                                               \
  case 2: RUN(2)                                                               \
  case 4: RUN(4)                                                               \
  case 8: RUN(8)                                                               \
  case 16: RUN(16)                                                             \
  default: RUN(isz)                                                            \
  }

/* Records a barrier node computing a new C-contiguous array (dtype, nd,
 * shape) from the nin inputs with `run` (DESIGN.md: inputs are evaluated
 * before it runs). Takes `params` (freed with free_params, also on
 * failure). An empty result is made at once, without a node. Takes the
 * graph lock. */
int numc__record_extern(numc_array **out, numc_dtype dtype, int nd, const int64_t *shape,
                        int nin, const numc_array *const *in, numc__extern_fn run,
                        void *params, void (*free_params)(void *), const char *name);

#endif /* NUMC_OPS_GATHER_H */
