/*
 * core/fpe.c - floating-point conditions: the per-thread error state
 * (NumPy's errstate), reading and clearing the hardware status around
 * kernels, and turning raised conditions into NUMC_EFPE or queued warning
 * events (see include/numc/fpe.h).
 *
 * The status is read per worker thread once per kernel run (not per block
 * or per instruction), so the cost is a few instructions per kernel. Only
 * operations that can produce a condition are blamed for it; a condition
 * raised in a kernel where no operation can produce it (e.g. a signalling
 * comparison against NaN) is ignored, as NumPy ignores it.
 */
#include "internal.h"

#include <fenv.h>
#include <stdatomic.h>

static _Thread_local unsigned errstate = NUMC_ERRSTATE_DEFAULT;

#define NUMC__MAX_EVENTS 8
static _Thread_local numc_fpe_event events[NUMC__MAX_EVENTS];
static _Thread_local int nevents;
/* Events queued on all threads together: numc_fpe_pending reads this
 * plain global first, so the common "nothing queued" answer costs no
 * thread-local lookup (__tls_get_addr in a shared object). */
static _Atomic int queued_anywhere;

unsigned numc_set_errstate(unsigned state) {
  unsigned prev = errstate;
  errstate = state & 0xffu;
  return prev;
}

unsigned numc_get_errstate(void) { return errstate; }

int numc_fpe_pending(void) {
  if (atomic_load_explicit(&queued_anywhere, memory_order_relaxed) == 0)
    return 0;
  return nevents;
}

int numc_fpe_take(numc_fpe_event *out, int max) {
  int had = nevents;
  int n = had < max ? had : max;
  if (n > 0) memcpy(out, events, (size_t)n * sizeof *out);
  nevents = 0;
  if (had > 0)
    atomic_fetch_sub_explicit(&queued_anywhere, had, memory_order_relaxed);
  return n;
}

const char *numc_fpe_cond_text(numc_fpe_cond cond) {
  switch (cond) {
  case NUMC_FPE_DIVIDE: return "divide by zero";
  case NUMC_FPE_OVERFLOW: return "overflow";
  case NUMC_FPE_UNDERFLOW: return "underflow";
  case NUMC_FPE_INVALID: return "invalid value";
  }
  return "floating-point error";
}

/* ---- the hardware status ------------------------------------------------ */

/* Portable versions (x86-64 has inline MXCSR ones in internal.h). */
#if !defined(__x86_64__)
unsigned numc__fpe_read(void) {
  int f = fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INVALID);
  return ((f & FE_DIVBYZERO) ? 1u << NUMC_FPE_DIVIDE : 0) |
         ((f & FE_OVERFLOW) ? 1u << NUMC_FPE_OVERFLOW : 0) |
         ((f & FE_UNDERFLOW) ? 1u << NUMC_FPE_UNDERFLOW : 0) |
         ((f & FE_INVALID) ? 1u << NUMC_FPE_INVALID : 0);
}
void numc__fpe_clear(void) {
  feclearexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INVALID);
}
#endif

/* ---- blame -------------------------------------------------------------- */

/* True if map op `op` can produce condition c (as NumPy reports it). */
static bool map_can(int op, numc_fpe_cond c) {
  switch (op) {
  case NUMC_OP_DIVIDE: case NUMC_OP_FLOOR_DIVIDE: case NUMC_OP_REMAINDER:
  case NUMC_OP_POW: case NUMC_OP_RECIPROCAL:
    return true;
  case NUMC_OP_LOG: case NUMC_OP_LOG2: case NUMC_OP_LOG10: case NUMC_OP_LOG1P:
  case NUMC_OP_ATANH:
    return c == NUMC_FPE_DIVIDE || c == NUMC_FPE_INVALID;
  case NUMC_OP_ADD: case NUMC_OP_SUBTRACT: case NUMC_OP_MULTIPLY:
  case NUMC_OP_SQUARE: case NUMC_OP_HYPOT: case NUMC_OP_EXP:
  case NUMC_OP_EXP2: case NUMC_OP_EXPM1: case NUMC_OP_SINH: case NUMC_OP_COSH:
  case NUMC_OP_LOGADDEXP: case NUMC_OP_LOGADDEXP2: case NUMC_OP_RAD2DEG:
  case NUMC_OP_DEG2RAD:
    return c != NUMC_FPE_DIVIDE;
  case NUMC_OP_SQRT: case NUMC_OP_ACOS: case NUMC_OP_ASIN: case NUMC_OP_ACOSH:
  case NUMC_OP_SIN: case NUMC_OP_COS: case NUMC_OP_TAN:
    return c == NUMC_FPE_INVALID;
  case NUMC_OP_FMOD: /* integers: divide by zero; floats: invalid */
    return c == NUMC_FPE_INVALID || c == NUMC_FPE_DIVIDE;
  case NUMC_OP_LDEXP:
    return c == NUMC_FPE_OVERFLOW || c == NUMC_FPE_UNDERFLOW;
  case NUMC__MAP_COPY: /* float -> int of NaN/inf; float64 -> float32 */
    return c == NUMC_FPE_INVALID || c == NUMC_FPE_OVERFLOW;
  default:
    return false;
  }
}

/* Which of several operations in one kernel that can produce a condition
 * is blamed: functions (exp, log, sqrt, ...) before plain arithmetic,
 * which comes before conversions: in exp(x * 1000) the overflow is exp's. */
static int map_rank(int op) {
  switch (op) {
  case NUMC_OP_ADD: case NUMC_OP_SUBTRACT: case NUMC_OP_MULTIPLY:
  case NUMC_OP_SQUARE: case NUMC_OP_RAD2DEG: case NUMC_OP_DEG2RAD:
    return 2;
  case NUMC__MAP_COPY:
    return 3;
  default:
    return 1;
  }
}

static const char *map_name(int op) {
  return op == NUMC__MAP_COPY ? "cast" : numc_op_name((numc_op)op);
}

static int report(numc_fpe_cond c, int op, const char *name, unsigned state) {
  unsigned mode = NUMC_ERRSTATE_MODE(state, c);
  if (mode == NUMC_FPE_RAISE)
    return numc__err(NUMC_EFPE, "%s encountered in %s", numc_fpe_cond_text(c),
                     name);
  if (mode == NUMC_FPE_WARN || mode == NUMC_FPE_CALL) {
    for (int i = 0; i < nevents; i++)
      if (events[i].cond == c && events[i].op == op && events[i].mode == mode)
        return NUMC_OK;
    if (nevents < NUMC__MAX_EVENTS) {
      events[nevents++] = (numc_fpe_event){c, op, name, mode};
      atomic_fetch_add_explicit(&queued_anywhere, 1, memory_order_relaxed);
    }
  }
  return NUMC_OK;
}

int numc__fpe_report_op(int op, unsigned state, unsigned conds) {
  for (int c = 0; c < 4; c++)
    if ((conds >> c & 1u) && map_can(op, (numc_fpe_cond)c)) {
      int rc = report((numc_fpe_cond)c, op == NUMC__MAP_COPY ? -1 : op,
                      map_name(op), state);
      if (rc < 0) return rc;
    }
  return NUMC_OK;
}

int numc__fpe_report(numc__node *const *nodes, int n, unsigned conds) {
  for (int c = 0; c < 4; c++) {
    if (!(conds >> c & 1u)) continue;
    const numc__node *best = NULL;
    int best_rank = 4;
    for (int i = 0; i < n; i++) {
      const numc__node *nd = nodes[i];
      int rank;
      if (nd->kind == NUMC__NK_MAP && map_can(nd->op, (numc_fpe_cond)c))
        rank = map_rank(nd->op);
      else if (nd->kind == NUMC__NK_REDUCE && c != NUMC_FPE_DIVIDE &&
               (nd->red.op == NUMC_REDUCE_SUM || nd->red.op == NUMC_REDUCE_PROD))
        rank = 2;
      else
        continue;
      if (rank < best_rank) best = nd, best_rank = rank;
    }
    if (best == NULL) continue; /* nothing here can produce it: spurious */
    int rc;
    if (best->kind == NUMC__NK_REDUCE)
      rc = report((numc_fpe_cond)c, -2, "reduce", best->fpe);
    else
      rc = report((numc_fpe_cond)c, best->op == NUMC__MAP_COPY ? -1 : best->op,
                  map_name(best->op), best->fpe);
    if (rc < 0) return rc;
  }
  return NUMC_OK;
}
