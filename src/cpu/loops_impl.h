/*
 * cpu/loops_impl.h - private plumbing shared by the typed loop files.
 *
 * loops_map.c, loops_cast.c and loops_reduce.c are compiled once per
 * instruction set (NUMC_ISA=base, NUMC_ISA=avx2; see src/meson.build). Each
 * compilation defines its tables under an ISA-suffixed name
 * (numc__map_table_base, numc__map_table_avx2, ...), declared here for both
 * ISAs, and cpu/loops.c picks one set at run time.
 *
 * The dtype trait lists (dtype_traits.h) drive the templates: every
 * type-generic loop is written once as a macro and instantiated per dtype.
 */
#ifndef NUMC_CPU_LOOPS_IMPL_H
#define NUMC_CPU_LOOPS_IMPL_H

#include "loops.h"
#include "dtype_traits.h"

#include <stdint.h>

/* NUMC__ISA_SYM(name) -> name_<isa> for the ISA being compiled. */
#define NUMC__ISA_SYM(name) NUMC__CAT(name##_, NUMC_ISA)

/* Numeric ids of the ISA tokens, so that `#if NUMC__ISA_ID == ...` works. */
#define NUMC__ISA_ID_base 0
#define NUMC__ISA_ID_avx2 1
#define NUMC__ISA_ID NUMC__CAT(NUMC__ISA_ID_, NUMC_ISA)

/* Number of arg-reduction ops (ARGMIN, ARGMAX): table rows. */
#define NUMC__NARGRED 2
static inline int numc__argred_row(int redop) {
  return redop == NUMC_REDUCE_ARGMIN ? 0 : redop == NUMC_REDUCE_ARGMAX ? 1 : -1;
}

/*
 * The loop tables of one ISA. Entries are NULL where an op has no loop for a
 * dtype. Defined by loops_map.c (map), loops_cast.c (cast) and
 * loops_reduce.c (reduce, argreduce, argcombine); read only by cpu/loops.c.
 *   map[op][ldtype]            op: numc_op or NUMC__MAP_* value
 *   cast[from][to]             never NULL
 *   reduce[redop][dtype]       redop: numc_reduce_op
 *   argreduce/argcombine[row][dtype]  row: numc__argred_row(redop)
 */
#define NUMC__DECLARE_LOOP_TABLES(isa)                                         \
  extern const numc__loop_fn numc__map_table_##isa[NUMC__MAP_NOPS]            \
                                                  [NUMC_NDTYPES];              \
  extern const numc__loop_fn numc__cast_table_##isa[NUMC_NDTYPES]             \
                                                   [NUMC_NDTYPES];             \
  extern const numc__seg_reduce_fn numc__reduce_table_##isa                   \
      [NUMC_REDUCE__END][NUMC_NDTYPES];                                        \
  extern const numc__seg_argreduce_fn numc__argreduce_table_##isa             \
      [NUMC__NARGRED][NUMC_NDTYPES];                                           \
  extern const numc__argcombine_fn numc__argcombine_table_##isa               \
      [NUMC__NARGRED][NUMC_NDTYPES];
NUMC__DECLARE_LOOP_TABLES(base)
NUMC__DECLARE_LOOP_TABLES(avx2)

#endif /* NUMC_CPU_LOOPS_IMPL_H */
