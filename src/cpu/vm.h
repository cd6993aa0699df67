/*
 * cpu/vm.h - the block VM: one fused group of graph nodes compiled into a
 * register program and run over cache-sized blocks of its iteration space on
 * the thread pool.
 *
 * A group is a set of MAP nodes, optionally ending in one REDUCE node (its
 * sink), that share one iteration space. The planner (graph/eval.c) forms
 * groups and decides which nodes' results must be written to memory; the VM
 * decides how: inputs that are contiguous in iteration order are read in
 * place, others are gathered into block registers; results that must be kept
 * are written straight into their buffers; everything else lives only in
 * registers of NUMC__BLOCK elements.
 */
#ifndef NUMC_CPU_VM_H
#define NUMC_CPU_VM_H

#include "../core/internal.h"

/* Elements per block. A register holds one block of one value, so a
 * float64 register is 8 KiB: a handful fit in L1, dozens in L2. */
#define NUMC__BLOCK 1024

typedef struct numc__kernel numc__kernel;

/*
 * Compiles a group: nodes[0 .. n) in topological order with the root (the
 * group's sink) last; each node's `group` field holds the group id, which
 * tells fused inputs (produced inside the group) from leaves. `keep[i]`
 * says whether node i's result must be written to its storage (the root's
 * always is). Storage data may still be NULL at build time (explain); it
 * must be allocated before numc__kernel_run. Error set on failure.
 *
 * root_dst (may be NULL): write the root's result into this existing view
 * (same shape and dtype as the root) instead of the root's own storage.
 * Returns 1 (and builds nothing) if an input reads dst's buffer through a
 * different, overlapping view: writing in place would then change values
 * the kernel still has to read, so the caller must use a temporary.
 */
int numc__kernel_build(numc__kernel **out, numc__node *const *nodes, int n,
                       const bool *keep, const numc_array *root_dst);

/* Re-reads the data pointers of the kernel's inputs and outputs (after the
 * planner allocated them) and runs the kernel to completion on up to
 * `nthreads` threads. */
int numc__kernel_run(numc__kernel *k, int nthreads);
/* The floating-point conditions (bits 1 << numc_fpe_cond) the last
 * numc__kernel_run of k raised. */
unsigned numc__kernel_fpe(const numc__kernel *k);

void numc__kernel_free(numc__kernel *k);

/* Appends a readable description (iteration space, inputs, instructions,
 * outputs, bytes moved, threads) to sb. */
void numc__kernel_describe(const numc__kernel *k, numc__strbuf *sb, int nthreads);

/*
 * Runs one elementwise op at once on the calling thread, without a graph
 * node: the fast path for small eager operations (DESIGN.md invariant 6).
 * `out` is a fresh, materialized array with the result's shape and layout;
 * in[i] are materialized inputs whose broadcast strides over out's shape are
 * bstrides[i]. Applies only when every input walks memory in out's order or
 * is one broadcast value; returns 1 otherwise (the caller records a node).
 * Inputs are converted to in_ldt[i] (NULL: ldtype) block by block.
 */
int numc__vm_direct(numc_array *out, int op, numc_dtype ldtype, const numc_dtype *in_ldt,
                    int nin, const numc_array *const *in, int64_t *const *bstrides);

/* Bytes the kernel reads and writes (for explain and the thread decision). */
int64_t numc__kernel_bytes(const numc__kernel *k);

#endif /* NUMC_CPU_VM_H */
