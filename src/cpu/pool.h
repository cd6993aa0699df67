/*
 * cpu/pool.h - the persistent thread pool that runs kernels.
 *
 * One pool per process. numc__pool_run(n, fn, ctx) runs fn(ctx, tid) for
 * tid = 0 .. n-1 at the same time (the caller runs tid 0) and returns when
 * all have finished. Work inside fn is usually split further with an atomic
 * counter so that fast threads take more blocks; results must never depend on
 * which thread did what (DESIGN.md invariant 8).
 */
#ifndef NUMC_CPU_POOL_H
#define NUMC_CPU_POOL_H

typedef void (*numc__task_fn)(void *ctx, int tid);

/* Runs fn on min(n, pool size) threads and waits. Called from inside a pool
 * task, or while another thread uses the pool, it runs fn(ctx, 0) alone
 * (so n must never be assumed; fn gets tid and the count via ctx). Returns
 * the number of threads that ran. */
int numc__pool_run(int n, numc__task_fn fn, void *ctx);

/* After a call that ran OpenBLAS's own threads: they may keep spinning;
 * numc__pool_run shuts them down (numc__blas_settle) before numc's workers
 * run. */
void numc__blas_mark_hot(void);
void numc__blas_settle(void);

/* Threads the pool will use (numc_get_num_threads). */
int numc__pool_size(void);

/* Cores this process may use: affinity mask, limited by a cgroup CPU quota. */
int numc__available_cores(void);

#endif /* NUMC_CPU_POOL_H */
