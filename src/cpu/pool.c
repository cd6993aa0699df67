/*
 * cpu/pool.c - persistent worker threads.
 *
 * Workers sleep on a condition variable and wake for each job (a generation
 * counter tells them a new job arrived). The pool is created on first use
 * with more than one thread, resized by numc_set_num_threads (the old
 * workers are joined and new ones start on the next job), and rebuilt in a
 * fork()ed child, which inherits none of the parent's threads.
 *
 * Default size: NUMC_NUM_THREADS if set, otherwise the cores this process
 * may run on (sched_getaffinity), limited by a cgroup v2 or v1 CPU quota so a
 * container limited to 2 CPUs on a 64-core host gets 2 threads.
 */
#include "pool.h"

#include "../core/internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_THREADS 256

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t submit = PTHREAD_MUTEX_INITIALIZER;

static int want_threads;      /* configured size; 0 = not decided yet */
static int nworkers;          /* running worker threads (excluding callers) */
static pthread_t workers[MAX_THREADS];
static unsigned long generation;
/* generation current when each worker was created: a job posted before the
 * worker first runs must still be seen as new */
static unsigned long born_at[MAX_THREADS];
static bool stopping;
static numc__task_fn job_fn;
static void *job_ctx;
static int job_n;
static int job_pending;
static _Thread_local bool in_task;

static int read_int_file(const char *path, long *a, long *b) {
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  char buf[64] = {0};
  int n = 0;
  if (fgets(buf, sizeof buf, f)) {
    if (buf[0] == 'm') /* "max ..." : no quota */
      n = 0;
    else
      n = sscanf(buf, "%ld %ld", a, b);
  }
  fclose(f);
  return n;
}

int numc__available_cores(void) {
  int n = 1;
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0)
    n = CPU_COUNT(&set);
  long quota, period;
  if (read_int_file("/sys/fs/cgroup/cpu.max", &quota, &period) == 2 && period > 0) {
    long q = (quota + period - 1) / period;
    if (q >= 1 && q < n) n = (int)q;
  } else {
    long p2;
    if (read_int_file("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", &quota, &p2) >= 1 &&
        quota > 0 &&
        read_int_file("/sys/fs/cgroup/cpu/cpu.cfs_period_us", &period, &p2) >= 1 &&
        period > 0) {
      long q = (quota + period - 1) / period;
      if (q >= 1 && q < n) n = (int)q;
    }
  }
  return n < 1 ? 1 : (n > MAX_THREADS ? MAX_THREADS : n);
}

static int default_threads(void) {
  const char *env = getenv("NUMC_NUM_THREADS");
  if (env && *env) {
    char *end;
    long v = strtol(env, &end, 10);
    if (*end == '\0' && v >= 1) return v > MAX_THREADS ? MAX_THREADS : (int)v;
  }
  return numc__available_cores();
}

static void *worker_main(void *arg) {
  int tid = (int)(intptr_t)arg;
  in_task = true;
  pthread_mutex_lock(&mu);
  unsigned long seen = born_at[tid - 1];
  for (;;) {
    while (generation == seen && !stopping) pthread_cond_wait(&wake, &mu);
    if (stopping) break;
    seen = generation;
    if (tid < job_n) {
      numc__task_fn fn = job_fn;
      void *ctx = job_ctx;
      pthread_mutex_unlock(&mu);
      fn(ctx, tid);
      pthread_mutex_lock(&mu);
      if (--job_pending == 0) pthread_cond_signal(&done);
    }
  }
  pthread_mutex_unlock(&mu);
  return NULL;
}

static void stop_workers(void) {
  pthread_mutex_lock(&mu);
  stopping = true;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&mu);
  for (int i = 0; i < nworkers; i++) pthread_join(workers[i], NULL);
  pthread_mutex_lock(&mu);
  nworkers = 0;
  stopping = false;
  pthread_mutex_unlock(&mu);
}

/* Starts workers up to want_threads - 1; on failure keeps the ones that
 * started (the pool just runs narrower). */
static void start_workers(void) {
  pthread_mutex_lock(&mu);
  for (int i = nworkers; i < want_threads - 1; i++) born_at[i] = generation;
  pthread_mutex_unlock(&mu);
  while (nworkers < want_threads - 1) {
    if (pthread_create(&workers[nworkers], NULL, worker_main,
                       (void *)(intptr_t)(nworkers + 1)) != 0)
      break;
    nworkers++;
  }
}

static void atfork_child(void) {
  /* The child has none of the workers; rebuild the pool state. */
  pthread_mutex_init(&mu, NULL);
  pthread_mutex_init(&submit, NULL);
  pthread_cond_init(&wake, NULL);
  pthread_cond_init(&done, NULL);
  nworkers = 0;
  stopping = false;
  job_pending = 0;
  in_task = false;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void pool_init(void) {
  pthread_atfork(NULL, NULL, atfork_child);
  if (want_threads == 0) want_threads = default_threads();
}

int numc__pool_size(void) {
  pthread_once(&init_once, pool_init);
  return want_threads;
}

int numc_get_num_threads(void) { return numc__pool_size(); }

int numc_set_num_threads(int n) {
  if (n < 1) return numc__err(NUMC_EINVAL, "number of threads must be >= 1, got %d", n);
  pthread_once(&init_once, pool_init);
  pthread_mutex_lock(&submit);
  if (n > MAX_THREADS) n = MAX_THREADS;
  if (n != want_threads) {
    if (nworkers > 0) stop_workers();
    want_threads = n;
  }
  pthread_mutex_unlock(&submit);
  return NUMC_OK;
}

/* OpenBLAS's workers spin-wait for a while (OPENBLAS_THREAD_TIMEOUT) after
 * a threaded BLAS/LAPACK call. numc lets them live across consecutive such
 * calls (restarting them costs thread creation and buffer page faults each
 * time) and shuts them down before its own workers run, so the two never
 * compete for the cores. Weak: another BLAS without it links too. */
extern int blas_thread_shutdown_(void) __attribute__((weak));
static _Atomic int blas_hot;

void numc__blas_mark_hot(void) { atomic_store(&blas_hot, 1); }

void numc__blas_settle(void) {
  /* a plain load first: every pool run passes here, and the flag is rarely set */
  if (atomic_load_explicit(&blas_hot, memory_order_relaxed) &&
      atomic_exchange(&blas_hot, 0) && blas_thread_shutdown_)
    blas_thread_shutdown_();
}

int numc__pool_run(int n, numc__task_fn fn, void *ctx) {
  pthread_once(&init_once, pool_init);
  if (n > want_threads) n = want_threads;
  if (n > 1 && !in_task) numc__blas_settle();
  if (n <= 1 || in_task || pthread_mutex_trylock(&submit) != 0) {
    bool was = in_task;
    in_task = true;
    fn(ctx, 0);
    in_task = was;
    return 1;
  }
  if (nworkers < want_threads - 1) start_workers();
  if (n > nworkers + 1) n = nworkers + 1;
  pthread_mutex_lock(&mu);
  job_fn = fn;
  job_ctx = ctx;
  job_n = n;
  job_pending = n - 1;
  generation++;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&mu);

  in_task = true;
  fn(ctx, 0);
  in_task = false;

  pthread_mutex_lock(&mu);
  while (job_pending > 0) pthread_cond_wait(&done, &mu);
  job_fn = NULL;
  pthread_mutex_unlock(&mu);
  pthread_mutex_unlock(&submit);
  return n;
}
