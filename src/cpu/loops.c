/*
 * cpu/loops.c - the lookups of cpu/loops.h, the op name tables and the
 * run-time choice of instruction set.
 *
 * The typed loops are compiled once per ISA (loops_impl.h); each
 * compilation exports its tables with an ISA suffix. The first lookup
 * picks one set for the life of the process: the AVX2+FMA tables when the
 * library was built with them (NUMC_HAVE_AVX2) and the CPU has both
 * features, else the baseline ones. The environment variable
 * NUMC_LOOPS_ISA=base forces the baseline (for testing and benchmarks);
 * numc__loops_select_isa() switches explicitly.
 */
#include "loops_impl.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* ---- ISA choice ------------------------------------------------------------ */

typedef struct isa_tables {
  const char *name;
  const numc__loop_fn (*map)[NUMC_NDTYPES];
  const numc__loop_fn (*cast)[NUMC_NDTYPES];
  const numc__seg_reduce_fn (*reduce)[NUMC_NDTYPES];
  const numc__seg_argreduce_fn (*argreduce)[NUMC_NDTYPES];
  const numc__argcombine_fn (*argcombine)[NUMC_NDTYPES];
} isa_tables;

#define ISA_TABLES(isa)                                                        \
  {#isa,                         numc__map_table_##isa,                        \
   numc__cast_table_##isa,       numc__reduce_table_##isa,                     \
   numc__argreduce_table_##isa,  numc__argcombine_table_##isa}

/* Best last. */
static const isa_tables isas[] = {
    ISA_TABLES(base),
#ifdef NUMC_HAVE_AVX2
    ISA_TABLES(avx2),
#endif
};
#define NISAS ((int)(sizeof isas / sizeof isas[0]))

static int isa_supported(const isa_tables *t) {
#ifdef NUMC_HAVE_AVX2
  if (t == &isas[1]) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }
#endif
  return t == &isas[0];
}

static const isa_tables *find_isa(const char *name) {
  for (int i = 0; i < NISAS; i++)
    if (strcmp(isas[i].name, name) == 0) return &isas[i];
  return NULL;
}

static const isa_tables *choose_isa(void) {
  const char *env = getenv("NUMC_LOOPS_ISA");
  const isa_tables *t = env ? find_isa(env) : NULL;
  if (t && isa_supported(t)) return t;
  for (int i = NISAS - 1; i > 0; i--)
    if (isa_supported(&isas[i])) return &isas[i];
  return &isas[0];
}

/* NULL until the first lookup; every thread that races there computes the
 * same choice. */
static _Atomic(const isa_tables *) current_isa;

static inline const isa_tables *tables(void) {
  const isa_tables *t =
      atomic_load_explicit(&current_isa, memory_order_acquire);
  if (NUMC__UNLIKELY(!t)) {
    t = choose_isa();
    atomic_store_explicit(&current_isa, t, memory_order_release);
  }
  return t;
}

const char *numc__loops_isa(void) { return tables()->name; }

int numc__loops_select_isa(const char *name) {
  const isa_tables *t = name ? find_isa(name) : choose_isa();
  if (!t || !isa_supported(t))
    return numc__err(NUMC_EINVAL, "loop ISA '%s' is not available",
                     name ? name : "(null)");
  atomic_store_explicit(&current_isa, t, memory_order_release);
  return NUMC_OK;
}

/* ---- lookups ------------------------------------------------------------- */

numc__loop_fn numc__map_loop(int op, numc_dtype ldtype) {
  if (op < 0 || op >= NUMC__MAP_NOPS || !numc__dtype_valid(ldtype))
    return NULL;
  return tables()->map[op][ldtype];
}

numc_dtype numc__map_out_dtype(int op, numc_dtype ldtype) {
  switch (op) {
  case NUMC_OP_EQUAL:
  case NUMC_OP_NOT_EQUAL:
  case NUMC_OP_LESS:
  case NUMC_OP_LESS_EQUAL:
  case NUMC_OP_GREATER:
  case NUMC_OP_GREATER_EQUAL:
  case NUMC_OP_LOGICAL_AND:
  case NUMC_OP_LOGICAL_OR:
  case NUMC_OP_LOGICAL_XOR:
  case NUMC_OP_LOGICAL_NOT:
  case NUMC_OP_ISFINITE:
  case NUMC_OP_ISINF:
  case NUMC_OP_ISNAN:
  case NUMC_OP_SIGNBIT:
  case NUMC__MAP_CMP_SU_EQ:
  case NUMC__MAP_CMP_SU_NE:
  case NUMC__MAP_CMP_SU_LT:
  case NUMC__MAP_CMP_SU_LE:
  case NUMC__MAP_CMP_SU_GT:
  case NUMC__MAP_CMP_SU_GE:
    return NUMC_BOOL;
  case NUMC_OP_BITWISE_COUNT:
    return NUMC_UINT8;
  case NUMC_OP_FREXP_EXPONENT:
    return NUMC_INT32;
  case NUMC_OP_ABS:
  case NUMC_OP_REAL:
  case NUMC_OP_IMAG:
    return numc_dtype_real(ldtype);
  default:
    return ldtype;
  }
}

numc__loop_fn numc__cast_loop(numc_dtype from, numc_dtype to) {
  if (!numc__dtype_valid(from) || !numc__dtype_valid(to)) return NULL;
  return tables()->cast[from][to];
}

numc__seg_reduce_fn numc__seg_reduce_loop(int redop, numc_dtype dt) {
  if (redop < 0 || redop >= NUMC_REDUCE__END || !numc__dtype_valid(dt))
    return NULL;
  return tables()->reduce[redop][dt];
}

numc__seg_argreduce_fn numc__seg_argreduce_loop(int redop, numc_dtype dt) {
  int row = numc__argred_row(redop);
  if (row < 0 || !numc__dtype_valid(dt)) return NULL;
  return tables()->argreduce[row][dt];
}

numc__argcombine_fn numc__argcombine_loop(int redop, numc_dtype dt) {
  int row = numc__argred_row(redop);
  if (row < 0 || !numc__dtype_valid(dt)) return NULL;
  return tables()->argcombine[row][dt];
}

/* ---- names ------------------------------------------------------------------ */

static const char *const map_names[NUMC__MAP_NOPS] = {
#define NAME(E, name, doc) [NUMC_OP_##E] = #name,
    NUMC_UNARY_MAP(NAME) NUMC_BINARY_MAP(NAME)
#undef NAME
    [NUMC__MAP_COPY] = "copy",
    [NUMC__MAP_WHERE] = "where",
    [NUMC__MAP_CMP_SU_EQ] = "cmp_su_eq",
    [NUMC__MAP_CMP_SU_NE] = "cmp_su_ne",
    [NUMC__MAP_CMP_SU_LT] = "cmp_su_lt",
    [NUMC__MAP_CMP_SU_LE] = "cmp_su_le",
    [NUMC__MAP_CMP_SU_GT] = "cmp_su_gt",
    [NUMC__MAP_CMP_SU_GE] = "cmp_su_ge",
};

const char *numc__map_name(int op) {
  if (op < 0 || op >= NUMC__MAP_NOPS) return "invalid";
  return map_names[op];
}

const char *numc_op_name(numc_op op) {
  if ((int)op < 0 || op >= NUMC_OP__COUNT) return "invalid";
  return map_names[op];
}

int numc_op_nin(numc_op op) {
  if ((int)op < 0 || op >= NUMC_OP__COUNT) return 0;
  return (int)op < (int)NUMC_OP__NUNARY ? 1 : 2;
}

/* NumPy's names for ops numc names after the Array API. */
static const struct {
  const char *name;
  numc_op op;
} op_aliases[] = {
    {"absolute", NUMC_OP_ABS},
    {"arccos", NUMC_OP_ACOS},
    {"arccosh", NUMC_OP_ACOSH},
    {"arcsin", NUMC_OP_ASIN},
    {"arcsinh", NUMC_OP_ASINH},
    {"arctan", NUMC_OP_ATAN},
    {"arctanh", NUMC_OP_ATANH},
    {"arctan2", NUMC_OP_ATAN2},
    {"invert", NUMC_OP_BITWISE_INVERT},
    {"conjugate", NUMC_OP_CONJ},
    {"power", NUMC_OP_POW},
    {"true_divide", NUMC_OP_DIVIDE},
    {"mod", NUMC_OP_REMAINDER},
    {"left_shift", NUMC_OP_BITWISE_LEFT_SHIFT},
    {"right_shift", NUMC_OP_BITWISE_RIGHT_SHIFT},
    {"degrees", NUMC_OP_RAD2DEG},
    {"radians", NUMC_OP_DEG2RAD},
};

int numc_op_from_name(numc_op *out, const char *name) {
  if (!out || !name) return numc__err(NUMC_EINVAL, "operation name is NULL");
  for (int i = 0; i < NUMC_OP__COUNT; i++) {
    if (strcmp(map_names[i], name) == 0) {
      *out = (numc_op)i;
      return NUMC_OK;
    }
  }
  for (size_t i = 0; i < sizeof op_aliases / sizeof op_aliases[0]; i++) {
    if (strcmp(op_aliases[i].name, name) == 0) {
      *out = op_aliases[i].op;
      return NUMC_OK;
    }
  }
  return numc__err(NUMC_EINVAL, "unknown operation '%s'", name);
}
