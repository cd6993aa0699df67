/*
 * cpu/jit.h - the kernel compiler: runs of simple instructions of a block
 * program compiled into one C loop.
 *
 * The VM executes a fused kernel as a sequence of typed loops, each reading
 * and writing block registers in L1. For long chains of cheap operations
 * (a degree-6 polynomial is 12 of them) those L1 round trips dominate. The
 * kernel compiler turns such a run into one loop whose intermediate values
 * live in CPU registers: it writes C source that calls the same element
 * functions as the interpreted loops (cpu/loops_elems.h, compiled with the
 * same -ffp-contract=off), builds it with the system C compiler in a
 * background thread, caches the shared object on disk, and hands the VM the
 * compiled loop once it is ready. Until then, and wherever no compiler is
 * available, the VM interprets: results are bit-identical either way, and
 * no evaluation ever waits for a compilation (small arrays never ask).
 *
 * Environment: NUMC_JIT=0 turns it off, NUMC_JIT=sync compiles in the
 * calling thread (tests); NUMC_JIT_CC names the compiler (default cc);
 * NUMC_JIT_DIR the cache directory (default $XDG_CACHE_HOME/numc/jit or
 * ~/.cache/numc/jit).
 */
#ifndef NUMC_CPU_JIT_H
#define NUMC_CPU_JIT_H

#include "loops.h"

/* Limits of one compiled run. */
#define NUMC__JIT_MAXARGS 16 /* run inputs + outputs */
#define NUMC__JIT_MAXSTEPS 48

/* Kernels smaller than this (in elements) never consult the compiler. */
#define NUMC__JIT_MIN ((int64_t)1 << 16)

/* One operation of a run. Value ids: [0, nin) are the run's inputs,
 * nin + k the result of step k. */
typedef struct numc__jit_step {
  int16_t op;        /* map op; NUMC__MAP_COPY converts ldtype -> out */
  int8_t nin;
  int16_t in[3];
  numc_dtype ldtype; /* dtype the element function computes in */
  numc_dtype out;    /* result dtype */
} numc__jit_step;

typedef struct numc__jit_prog {
  int nin, nsteps, nout;
  numc_dtype in_dtype[NUMC__JIT_MAXARGS];
  bool in_scalar[NUMC__JIT_MAXARGS]; /* one broadcast value: read once */
  int16_t out[NUMC__JIT_MAXARGS];    /* value ids written to the outputs */
  numc__jit_step steps[NUMC__JIT_MAXSTEPS];
} numc__jit_prog;

/* The compiled loop of a run takes args = (inputs..., outputs...), each a
 * contiguous block of n elements (a scalar input: its first element). */

/* Whether the compiler is on (NUMC_JIT not 0) and usable. */
bool numc__jit_enabled(void);

/* Whether one instruction can be part of a compiled run: its loop is a
 * plain element loop, and no complex values are involved. */
bool numc__jit_step_ok(int op, numc_dtype ldtype, numc_dtype out);

/* The compiled loop for `p` if it is ready (in memory or in the disk
 * cache), else NULL after queueing its compilation (or compiling it now in
 * sync mode). Never fails otherwise; thread-safe. */
numc__loop_fn numc__jit_get(const numc__jit_prog *p);

/* Waits until every queued compilation has finished (for tests). */
void numc__jit_wait(void);

/* Sets the mode at run time (tests): 0 off, 1 background, 2 sync. Returns
 * the previous mode. */
int numc__jit_set_mode(int mode);

#endif /* NUMC_CPU_JIT_H */
