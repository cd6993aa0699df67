/*
 * numc/fpe.h - floating-point error handling: NumPy's errstate.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * Each thread has an error state: for each of the four IEEE conditions
 * (divide by zero, overflow, underflow, invalid) a mode: ignore, warn or
 * raise. An operation records the state in force when it is called; when
 * its values are produced (at once, or later by a fused kernel) the
 * conditions raised are checked against that recorded state:
 *   raise -> the evaluation fails with NUMC_EFPE ("divide by zero
 *            encountered in divide"), as NumPy's FloatingPointError;
 *   warn  -> an event is queued on the thread that ran the evaluation; a
 *            binding collects them with numc_fpe_take and reports them
 *            (Python: RuntimeWarning).
 * Conditions are collected per kernel from the floating-point status of
 * each worker thread; in a fused kernel the condition is attributed to one
 * operation in it that can raise that condition (functions such as exp or
 * sqrt before plain arithmetic, then the first in program order). Integer
 * division, remainder and fmod raise divide by zero for a zero divisor, as
 * NumPy's; SLEEF's loops send the inputs where SLEEF's flags differ from
 * NumPy's (logs of negatives, sin/cos/tan of inf) to the C library.
 */
#ifndef NUMC_FPE_H
#define NUMC_FPE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The conditions, in the order of their 2-bit fields in an error state. */
typedef enum numc_fpe_cond {
  NUMC_FPE_DIVIDE = 0,
  NUMC_FPE_OVERFLOW = 1,
  NUMC_FPE_UNDERFLOW = 2,
  NUMC_FPE_INVALID = 3
} numc_fpe_cond;

/* The modes of one condition. NUMC_FPE_CALL queues an event as WARN does,
 * marked so that a binding hands it to a user callback (NumPy's 'call',
 * 'print' and 'log' modes) instead of warning. */
enum { NUMC_FPE_IGNORE = 0, NUMC_FPE_WARN = 1, NUMC_FPE_RAISE = 2, NUMC_FPE_CALL = 3 };

/* An error state from the four modes; NumPy's default is
 * divide=warn, over=warn, under=ignore, invalid=warn. */
#define NUMC_ERRSTATE(divide, over, under, invalid)                            \
  ((unsigned)(divide) | (unsigned)(over) << 2 | (unsigned)(under) << 4 |       \
   (unsigned)(invalid) << 6)
#define NUMC_ERRSTATE_DEFAULT                                                  \
  NUMC_ERRSTATE(NUMC_FPE_WARN, NUMC_FPE_WARN, NUMC_FPE_IGNORE, NUMC_FPE_WARN)
/* The mode of condition c in state s. */
#define NUMC_ERRSTATE_MODE(s, c) (((s) >> (2 * (c))) & 3u)

/* Sets the calling thread's error state; returns the previous one. */
NUMC_API unsigned numc_set_errstate(unsigned state);
NUMC_API unsigned numc_get_errstate(void);

/* A warning produced by an evaluation on this thread: the condition, the
 * operation (a numc_op, or -1 for a dtype conversion, -2 for a reduction),
 * its name (a static string: numc_op_name(op), "cast" or "reduce") and the
 * mode that queued it (NUMC_FPE_WARN or NUMC_FPE_CALL). */
typedef struct numc_fpe_event {
  numc_fpe_cond cond;
  int op;
  const char *name;
  unsigned mode;
} numc_fpe_event;

/* Number of events queued on the calling thread (cheap: a thread-local
 * read). */
NUMC_API int numc_fpe_pending(void);
/* Moves up to max queued events (oldest first, duplicates merged) into out
 * and clears the queue; returns how many were written. */
NUMC_API int numc_fpe_take(numc_fpe_event *out, int max);
/* "divide by zero", "overflow", "underflow", "invalid value". */
NUMC_API const char *numc_fpe_cond_text(numc_fpe_cond cond);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_FPE_H */
