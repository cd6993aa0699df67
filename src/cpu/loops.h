/*
 * cpu/loops.h - the typed loops: the leaves of numc's execution.
 *
 * Every loop works on contiguous blocks (the VM gathers strided or broadcast
 * inputs into block registers first), so each is a plain loop the compiler
 * can vectorise, or an explicit SIMD loop (SLEEF for transcendentals). Loops
 * are generated from one template per family (loops_map.c, loops_cast.c,
 * loops_reduce.c), instantiated per dtype; nothing else in numc names a
 * C element type or an ISA.
 *
 * Aliasing: the output of an elementwise loop may be the same memory as one
 * of its inputs (same address, same dtype size); loops must not assume
 * restrict. Inputs never partially overlap the output.
 */
#ifndef NUMC_CPU_LOOPS_H
#define NUMC_CPU_LOOPS_H

#include "../core/internal.h"

/* args[0 .. nin-1]: inputs, args[nin]: output; all hold n elements. aux is
 * loop-specific (unused so far: NULL). */
typedef void (*numc__loop_fn)(int64_t n, char *const *args, const void *aux);

/*
 * Elementwise loop of map op `op` (a numc_op or NUMC__MAP_WHERE /
 * NUMC__MAP_CMP_SU_*) whose inputs have dtype `ldtype`; NULL when there is
 * no such loop (the op does not support the dtype). WHERE: args are
 * (bool cond, T x, T y, T out) with ldtype T. CMP_SU_*: args (int64, uint64,
 * bool out), ldtype NUMC_INT64.
 * The output dtype is numc__map_out_dtype(op, ldtype).
 */
numc__loop_fn numc__map_loop(int op, numc_dtype ldtype);

/* Output dtype of map op `op` on inputs of dtype `ldtype`: bool for
 * comparisons, logical ops and predicates (isnan, signbit, ...), the real
 * dtype for abs/real/imag of complex, `ldtype` otherwise. */
numc_dtype numc__map_out_dtype(int op, numc_dtype ldtype);

/* Conversion loop: args (from in, to out). from == to is a copy. Never
 * NULL for valid dtypes. Conversions follow core/convert.h. */
numc__loop_fn numc__cast_loop(numc_dtype from, numc_dtype to);

/* Segment reductions. in holds nseg consecutive segments of seglen elements
 * of dtype dt; out receives one dt value per segment. SUM is pairwise
 * (exactly NumPy's scheme: 8 accumulators, blocks of 128), PROD/MIN/MAX/ALL/
 * ANY as their names say (MIN/MAX propagate NaN; ALL/ANY take dt == bool).
 * seglen >= 1. Returns NULL if op/dt has no loop. */
typedef void (*numc__seg_reduce_fn)(int64_t nseg, int64_t seglen,
                                    const char *in, char *out);
numc__seg_reduce_fn numc__seg_reduce_loop(int redop, numc_dtype dt);

/* Arg-reductions (ARGMIN/ARGMAX): per segment the best value and its index
 * within the segment; the first occurrence wins ties, the first NaN wins
 * over everything (NumPy). Complex compares lexicographically. */
typedef void (*numc__seg_argreduce_fn)(int64_t nseg, int64_t seglen,
                                       const char *in, char *vals,
                                       int64_t *idx);
numc__seg_argreduce_fn numc__seg_argreduce_loop(int redop, numc_dtype dt);

/* Combines argreduce partials: for i < n, if (vals[i], idx[i]) beats
 * (acc_vals[i], acc_idx[i]) under the rule above (the accumulator holds the
 * earlier candidates), it replaces them. */
typedef void (*numc__argcombine_fn)(int64_t n, char *acc_vals, int64_t *acc_idx,
                                    const char *vals, const int64_t *idx);
numc__argcombine_fn numc__argcombine_loop(int redop, numc_dtype dt);

/* True when the loop of (op, dt) is the plain element loop
 * out[i] = el_<op>_<dt>(in[i], ...) of cpu/loops_elems.h (or where's
 * cond ? x : y), i.e. not a SLEEF or whole-vector-rounding loop: such ops
 * may be compiled into fused kernels (cpu/jit.c) with identical results. */
bool numc__map_is_elementwise(int op, numc_dtype dt);

/* Human-readable name of a map op, for explain and messages. */
const char *numc__map_name(int op);

/* The instruction set whose loops the lookups above return ("base" or
 * "avx2"). Chosen at the first lookup: the best the CPU supports, unless
 * the environment variable NUMC_LOOPS_ISA names another supported one. */
const char *numc__loops_isa(void);

/* Switches the lookups to the loops of ISA `name` ("base", "avx2"; NULL:
 * the automatic choice). NUMC_EINVAL if that ISA was not built or the CPU
 * lacks it. For tests and benchmarks: call it while no loop is running,
 * and note that loop pointers obtained before keep their ISA. */
int numc__loops_select_isa(const char *name);

#endif /* NUMC_CPU_LOOPS_H */
