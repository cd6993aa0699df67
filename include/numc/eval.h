/*
 * numc/eval.h - controlling lazy evaluation and the thread pool.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * numc records operations and runs them when a result is observed. These
 * functions make that explicit: evaluate several arrays in one fused pass,
 * turn laziness off for a thread, look at a pending plan, size the pool.
 */
#ifndef NUMC_EVAL_H
#define NUMC_EVAL_H

#include "array.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Evaluates the n arrays (NULL entries are skipped) together: their pending
 * computations are planned as one graph, so shared inputs are read once and
 * shared intermediates computed once. Afterwards each array's data exists.
 * Errors: NUMC_ENOMEM; NUMC_EFPE if an errstate set to "raise" was in force
 * when a failing operation was recorded.
 */
NUMC_API int numc_eval(numc_array *const *arrays, int n);

/*
 * Describes, without running anything, how numc_eval would evaluate the n
 * arrays: the kernels in order, their instructions, inputs and outputs, the
 * bytes each moves and the threads it would use. *out receives a
 * NUL-terminated text owned by the caller (free with numc_free). Arrays that
 * are already evaluated are reported as such.
 */
NUMC_API int numc_explain(char **out, numc_array *const *arrays, int n);

/*
 * Laziness for the calling thread. numc_set_lazy(0) makes every following
 * operation on this thread run at once (eager mode, as `with numc.eager():`);
 * numc_set_lazy(1) restores deferred evaluation. Returns the previous
 * setting. Results are identical either way.
 */
NUMC_API int numc_set_lazy(int lazy);
NUMC_API int numc_get_lazy(void);

/*
 * Thread pool size. The default is NUMC_NUM_THREADS from the environment if
 * set (a positive integer), else the number of cores this process may run on
 * (CPU affinity and cgroup CPU quota, not the host's count). n < 1:
 * NUMC_EINVAL. Takes effect for the next evaluation; safe to call at any
 * time from any thread.
 */
NUMC_API int numc_set_num_threads(int n);
NUMC_API int numc_get_num_threads(void);

/*
 * Size (in elements of work) below which an operation runs at once instead
 * of being deferred: tiny arrays are not worth a graph (DESIGN.md invariant
 * 6). 0 defers everything (used by tests to exercise fusion on small
 * arrays). Process-wide; results are identical either way.
 */
NUMC_API void numc_set_eager_threshold(int64_t n);
NUMC_API int64_t numc_get_eager_threshold(void);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_EVAL_H */
