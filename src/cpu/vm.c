/*
 * cpu/vm.c - compiling a fused group into a block program and running it.
 *
 * Compilation (numc__kernel_build):
 *   1. Walk the group's nodes in order. Each input is either a value made
 *      inside the group (a register) or a leaf: a strided view of a buffer
 *      outside it (deduplicated, so x*x reads x once). Where an input's dtype
 *      differs from what the op consumes, a cast instruction is inserted
 *      (deduplicated too). Each node becomes one instruction.
 *   2. Choose the iteration order: the root's output order for elementwise
 *      groups; for reductions, kept axes then reduced axes ("inner": each
 *      output reduces a contiguous run of iterations) or the reverse
 *      ("outer": rows are accumulated into an output vector), whichever walks
 *      the main input in memory order.
 *   3. Drop length-1 axes and merge axes that every operand strides
 *      contiguously, so most kernels iterate one flat dimension and read
 *      their inputs in place.
 *   4. Give registers scratch slots by liveness; a result that must be kept
 *      and is contiguous is written straight into its buffer (no slot).
 *
 * Execution (numc__kernel_run): work items (blocks) are handed out through
 * an atomic counter; every item writes to a fixed place, and reductions
 * combine per-block partials in a fixed order, so the result does not depend
 * on the number of threads (DESIGN.md invariant 8).
 */
#include "vm.h"

#include "jit.h"
#include "loops.h"
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { MODE_MAP, MODE_INNER, MODE_OUTER };

/* Below this many iterations a kernel runs on the calling thread only. */
#define NUMC__PAR_MIN (32 * 1024)
/* Outer reductions split rows into about this many groups (times column
 * chunks) so threads have work; fixed by shape alone. */
#define NUMC__OUTER_ITEMS 64

typedef struct operand {
  numc__storage *st;
  int64_t offset;
  numc_dtype dtype;
  int64_t *strides; /* per iteration axis, in iteration order */
  char *base;       /* st->data + offset, set by numc__kernel_run */
  bool linear;      /* element i of the iteration at base + i*itemsize */
  bool constant;    /* every stride 0: one value broadcast everywhere */
} operand;

typedef struct reg {
  numc_dtype dtype;
  int16_t leaf; /* leaf operand index, or -1 for values computed here */
  int16_t out;  /* output operand index when the value is kept, else -1 */
  int16_t slot; /* scratch slot, -1 if read/written in place */
  int16_t last; /* last instruction reading it (ninstr: after the block) */
} reg;

/* Pseudo-op of an instruction that runs a compiled run of instructions. */
#define OP_COMPILED (-2)

typedef struct instr {
  numc__loop_fn fn;
  int op;            /* map op, -1 for a cast, OP_COMPILED */
  numc_dtype ldtype; /* the dtype it computes in (cast: the source) */
  int nargs;         /* inputs, then nout outputs */
  int nout;
  int nsteps;        /* OP_COMPILED: instructions it replaced */
  int16_t args[NUMC__JIT_MAXARGS];
} instr;

struct numc__kernel {
  int mode;
  unsigned fpe; /* floating-point conditions raised by the last run */
  int ndim, nsplit; /* reductions: axes [0, nsplit) are the outer part */
  int64_t shape[NUMC_MAXDIMS];
  int64_t size;
  int64_t K, R; /* reductions: outputs and elements reduced per output */
  int nleaves, nouts, nregs, ninstr, nslots;
  operand *leaves, *outs;
  reg *regs;
  instr *ins;
  int64_t *strides_pool;
  size_t slot_bytes;
  numc__node *root;
  int redop;
  numc_dtype rdtype; /* dtype reduced (root's loop dtype) */
  int rreg;          /* register holding the values to reduce */
};

/* ---- compilation -------------------------------------------------------- */

static int add_reg(numc__kernel *k, numc_dtype dt, int leaf) {
  reg *r = &k->regs[k->nregs];
  r->dtype = dt;
  r->leaf = (int16_t)leaf;
  r->out = -1;
  r->slot = -1;
  r->last = -1;
  return k->nregs++;
}

static int64_t *take_strides(numc__kernel *k, int nd, int *used) {
  int64_t *s = k->strides_pool + (size_t)(*used) * (size_t)(nd ? nd : 1);
  (*used)++;
  return s;
}

static int leaf_reg(numc__kernel *k, const numc__edge *e, int nd, int *used) {
  for (int r = 0; r < k->nregs; r++) {
    if (k->regs[r].leaf < 0) continue;
    const operand *o = &k->leaves[k->regs[r].leaf];
    if (o->st == e->st && o->offset == e->offset && o->dtype == e->dtype &&
        (nd == 0 || !memcmp(o->strides, e->strides, (size_t)nd * sizeof(int64_t))))
      return r;
  }
  operand *o = &k->leaves[k->nleaves];
  o->st = e->st;
  o->offset = e->offset;
  o->dtype = e->dtype;
  o->strides = take_strides(k, nd, used);
  if (nd) memcpy(o->strides, e->strides, (size_t)nd * sizeof(int64_t));
  return add_reg(k, e->dtype, k->nleaves++);
}

static int emit(numc__kernel *k, numc__loop_fn fn, int op, numc_dtype ldtype,
                int nin, const int *in, numc_dtype out_dtype) {
  instr *I = &k->ins[k->ninstr++];
  I->fn = fn;
  I->op = op;
  I->ldtype = ldtype;
  I->nargs = nin + 1;
  I->nout = 1;
  I->nsteps = 1;
  for (int j = 0; j < nin; j++) I->args[j] = (int16_t)in[j];
  int t = add_reg(k, out_dtype, -1);
  I->args[nin] = (int16_t)t;
  return t;
}

static int cast_reg(numc__kernel *k, int r, numc_dtype to) {
  for (int i = 0; i < k->ninstr; i++) {
    const instr *I = &k->ins[i];
    if (I->op == -1 && I->args[0] == r && k->regs[I->args[1]].dtype == to)
      return I->args[1];
  }
  int in[1] = {r};
  return emit(k, numc__cast_loop(k->regs[r].dtype, to), -1, k->regs[r].dtype, 1,
              in, to);
}

/* Reorders the operands' strides and the shape into iteration order `ord`,
 * drops length-1 axes and merges axes every operand walks contiguously
 * (never across the reduction split). */
static void layout(numc__kernel *k, operand **ops, const int64_t *shape, int nd,
                   const int *ord, int nsplit) {
  int nops = k->nleaves + k->nouts;
  int m = 0;
  for (int i = 0; i < k->nleaves; i++) ops[m++] = &k->leaves[i];
  for (int i = 0; i < k->nouts; i++) ops[m++] = &k->outs[i];
  int64_t sh[NUMC_MAXDIMS], tmp[NUMC_MAXDIMS];
  for (int i = 0; i < nd; i++) sh[i] = shape[ord[i]];
  for (int o = 0; o < nops; o++) {
    for (int i = 0; i < nd; i++) tmp[i] = ops[o]->strides[ord[i]];
    memcpy(ops[o]->strides, tmp, (size_t)nd * sizeof(int64_t));
  }
  int64_t size = numc__shape_size(nd, sh);
  /* drop length-1 axes (keep everything for empty iterations) */
  int w = 0, split = 0;
  for (int i = 0; i < nd; i++) {
    if (sh[i] == 1 && size > 0) continue;
    sh[w] = sh[i];
    for (int o = 0; o < nops; o++) ops[o]->strides[w] = ops[o]->strides[i];
    if (i < nsplit) split++;
    w++;
  }
  nd = w;
  nsplit = split;
  /* merge contiguous neighbours */
  w = 0;
  int newsplit = 0;
  for (int i = 0; i < nd; i++) {
    bool merge = w > 0 && i != nsplit;
    for (int o = 0; merge && o < nops; o++)
      if (ops[o]->strides[w - 1] != ops[o]->strides[i] * sh[i]) merge = false;
    if (merge) {
      sh[w - 1] *= sh[i];
      for (int o = 0; o < nops; o++) ops[o]->strides[w - 1] = ops[o]->strides[i];
    } else {
      sh[w] = sh[i];
      for (int o = 0; o < nops; o++) ops[o]->strides[w] = ops[o]->strides[i];
      if (i < nsplit) newsplit++;
      w++;
    }
  }
  k->ndim = w;
  k->nsplit = newsplit;
  memcpy(k->shape, sh, (size_t)w * sizeof(int64_t));
  k->size = size;
  for (int o = 0; o < nops; o++) {
    operand *op = ops[o];
    int64_t s = (int64_t)numc__isz(op->dtype);
    op->linear = true;
    op->constant = true;
    for (int i = w - 1; i >= 0; i--) {
      if (op->strides[i] != s) op->linear = false;
      if (op->strides[i] != 0) op->constant = false;
      s *= k->shape[i];
    }
    if (w == 0) op->constant = false; /* a single element: read in place */
  }
}

static int binop_of(int redop) {
  switch (redop) {
  case NUMC_REDUCE_SUM:
    return NUMC_OP_ADD;
  case NUMC_REDUCE_PROD:
    return NUMC_OP_MULTIPLY;
  case NUMC_REDUCE_MIN:
    return NUMC_OP_MINIMUM;
  case NUMC_REDUCE_MAX:
    return NUMC_OP_MAXIMUM;
  case NUMC_REDUCE_ALL:
    return NUMC_OP_LOGICAL_AND;
  case NUMC_REDUCE_ANY:
    return NUMC_OP_LOGICAL_OR;
  default:
    return -1;
  }
}

static bool is_arg(int redop) {
  return redop == NUMC_REDUCE_ARGMIN || redop == NUMC_REDUCE_ARGMAX;
}

/* Picks the reduction walk: "outer" when the reduced axes lead and the main
 * input is contiguous along a kept axis (accumulate rows); "inner" otherwise. */
static int choose_reduce_mode(const numc__kernel *k, const numc__node *root) {
  uint64_t mask = root->red.axes;
  int nd = root->ndim;
  if (is_arg(root->red.op)) return MODE_INNER;
  int last_red = -1, first_kept = nd;
  for (int i = 0; i < nd; i++) {
    if (mask & ((uint64_t)1 << i))
      last_red = i;
    else if (first_kept == nd)
      first_kept = i;
  }
  if (last_red < 0 || first_kept == nd || last_red > first_kept) return MODE_INNER;
  /* the main input: the first leaf that is not a broadcast constant */
  for (int l = 0; l < k->nleaves; l++) {
    const operand *o = &k->leaves[l];
    int best = -1;
    int64_t bs = INT64_MAX;
    for (int i = 0; i < nd; i++) {
      int64_t s = llabs(o->strides[i]);
      if (root->shape[i] > 1 && s != 0 && s < bs) bs = s, best = i;
    }
    if (best < 0) continue;
    return (mask & ((uint64_t)1 << best)) ? MODE_INNER : MODE_OUTER;
  }
  return MODE_INNER;
}

/* Last instruction reading each register (ninstr: still needed after the
 * block, for kept outputs and the reduction input). */
static void compute_last_uses(numc__kernel *k) {
  for (int r = 0; r < k->nregs; r++) k->regs[r].last = -1;
  for (int i = 0; i < k->ninstr; i++)
    for (int j = 0; j < k->ins[i].nargs - k->ins[i].nout; j++)
      k->regs[k->ins[i].args[j]].last = (int16_t)i;
  if (k->mode != MODE_MAP) k->regs[k->rreg].last = (int16_t)k->ninstr;
  for (int r = 0; r < k->nregs; r++)
    if (k->regs[r].out >= 0) k->regs[r].last = (int16_t)k->ninstr;
}

static bool compilable(const numc__kernel *k, const instr *I) {
  if (I->op == OP_COMPILED || I->nout != 1) return false;
  int op = I->op < 0 ? NUMC__MAP_COPY : I->op;
  return numc__jit_step_ok(op, I->ldtype, k->regs[I->args[I->nargs - 1]].dtype);
}

/* A leaf that is one value broadcast over the whole iteration space. */
static bool constant_leaf(const numc__kernel *k, int r, const int64_t *shape, int nd) {
  if (k->regs[r].leaf < 0) return false;
  const operand *o = &k->leaves[k->regs[r].leaf];
  for (int d = 0; d < nd; d++)
    if (shape[d] > 1 && o->strides[d] != 0) return false;
  return true;
}

/* Replaces instructions [i, j) by one compiled run when the kernel compiler
 * has it ready. Returns true if it did. */
static bool fuse_run(numc__kernel *k, int i, int j, const int64_t *shape, int nd) {
  numc__jit_prog p;
  memset(&p, 0, sizeof p);
  int16_t vid[4096];
  int inputs[NUMC__JIT_MAXARGS], outputs[NUMC__JIT_MAXARGS];
  if (k->nregs > 4096) return false;
  for (int r = 0; r < k->nregs; r++) vid[r] = -1;
  /* inputs first: registers read by the run and defined before it */
  for (int q = i; q < j; q++) {
    const instr *I = &k->ins[q];
    for (int a = 0; a < I->nargs - 1; a++) {
      int r = I->args[a];
      bool defined_here = false;
      for (int t = i; t < q; t++) defined_here |= k->ins[t].args[k->ins[t].nargs - 1] == r;
      if (defined_here || vid[r] >= 0) continue;
      if (p.nin == NUMC__JIT_MAXARGS) return false;
      inputs[p.nin] = r;
      p.in_dtype[p.nin] = k->regs[r].dtype;
      p.in_scalar[p.nin] = constant_leaf(k, r, shape, nd);
      vid[r] = (int16_t)p.nin++;
    }
  }
  for (int q = i; q < j; q++) {
    const instr *I = &k->ins[q];
    numc__jit_step *st = &p.steps[p.nsteps];
    int t = I->args[I->nargs - 1];
    st->op = (int16_t)(I->op < 0 ? NUMC__MAP_COPY : I->op);
    st->ldtype = I->ldtype;
    st->out = k->regs[t].dtype;
    st->nin = (int8_t)(I->nargs - 1);
    for (int a = 0; a < st->nin; a++) st->in[a] = vid[I->args[a]];
    vid[t] = (int16_t)(p.nin + p.nsteps++);
    if (k->regs[t].last >= j) { /* needed after the run */
      if (p.nin + p.nout == NUMC__JIT_MAXARGS) return false;
      outputs[p.nout] = t;
      p.out[p.nout++] = vid[t];
    }
  }
  if (p.nout == 0) return false;
  numc__loop_fn fn = numc__jit_get(&p);
  if (fn == NULL) return false;
  instr C;
  memset(&C, 0, sizeof C);
  C.fn = fn;
  C.op = OP_COMPILED;
  C.ldtype = k->ins[j - 1].ldtype;
  C.nargs = p.nin + p.nout;
  C.nout = p.nout;
  C.nsteps = j - i;
  for (int a = 0; a < p.nin; a++) C.args[a] = (int16_t)inputs[a];
  for (int a = 0; a < p.nout; a++) C.args[p.nin + a] = (int16_t)outputs[a];
  k->ins[i] = C;
  memmove(&k->ins[i + 1], &k->ins[j], (size_t)(k->ninstr - j) * sizeof(instr));
  k->ninstr -= j - i - 1;
  return true;
}

/* Compiles maximal runs of element operations (see cpu/jit.h). */
static void compile_runs(numc__kernel *k, const int64_t *shape, int nd) {
  compute_last_uses(k);
  for (int i = 0; i < k->ninstr;) {
    if (!compilable(k, &k->ins[i])) {
      i++;
      continue;
    }
    int j = i;
    while (j < k->ninstr && j - i < NUMC__JIT_MAXSTEPS && compilable(k, &k->ins[j])) j++;
    if (j - i >= 2 && fuse_run(k, i, j, shape, nd)) {
      compute_last_uses(k);
      i++;
    } else {
      i = j;
    }
  }
}

static void assign_slots(numc__kernel *k, int *free_slots) {
  int nfree = 0;
  size_t maxisz = 1;
  compute_last_uses(k);

#define NEED_SLOT(r)                                                           \
  (k->regs[r].leaf >= 0 ? !k->leaves[k->regs[r].leaf].linear                   \
                        : !(k->regs[r].out >= 0 && k->outs[k->regs[r].out].linear))
#define TAKE_SLOT(r)                                                           \
  do {                                                                         \
    k->regs[r].slot = (int16_t)(nfree ? free_slots[--nfree] : k->nslots++);    \
    size_t isz_ = numc__isz(k->regs[r].dtype);                                 \
    if (isz_ > maxisz) maxisz = isz_;                                          \
  } while (0)

  /* leaves are gathered at the start of each block */
  for (int r = 0; r < k->nregs; r++)
    if (k->regs[r].leaf >= 0 && NEED_SLOT(r)) TAKE_SLOT(r);
  for (int i = 0; i < k->ninstr; i++) {
    const instr *I = &k->ins[i];
    int nin = I->nargs - I->nout;
    /* inputs that die here give their slots back first, so a single result
     * can overwrite one in place (elementwise loops are alias-safe when the
     * element sizes match): a chain then cycles through few registers.
     * Compiled runs keep inputs and outputs apart (the C compiler would
     * otherwise fall back to scalar code for aliased pointers). */
    int dying[NUMC__JIT_MAXARGS], ndying = 0;
    for (int j = 0; j < nin; j++) {
      int r = I->args[j];
      bool dup = false;
      for (int q = 0; q < j; q++) dup |= I->args[q] == r;
      if (dup || k->regs[r].last != i || k->regs[r].slot < 0) continue;
      if (k->regs[r].leaf >= 0 && k->leaves[k->regs[r].leaf].constant) continue;
      dying[ndying++] = r;
    }
    for (int j = nin; j < I->nargs; j++) {
      int t = I->args[j];
      if (!NEED_SLOT(t)) continue;
      int reuse = -1;
      for (int q = 0; I->op != OP_COMPILED && q < ndying && reuse < 0; q++)
        if (numc__isz(k->regs[dying[q]].dtype) == numc__isz(k->regs[t].dtype)) reuse = q;
      if (reuse >= 0) {
        k->regs[t].slot = k->regs[dying[reuse]].slot;
        dying[reuse] = dying[--ndying];
      } else {
        TAKE_SLOT(t);
      }
    }
    for (int q = 0; q < ndying; q++) free_slots[nfree++] = k->regs[dying[q]].slot;
  }
#undef NEED_SLOT
#undef TAKE_SLOT
  k->slot_bytes = (size_t)NUMC__BLOCK * maxisz;
}

/* Byte extent [lo, hi) of a strided view over `shape` from `offset`. */
static void extent(int64_t *lo, int64_t *hi, int64_t offset, int nd, const int64_t *shape,
                   const int64_t *strides, size_t isz) {
  int64_t l = offset, h = offset;
  for (int i = 0; i < nd; i++) {
    if (shape[i] == 0) {
      *lo = *hi = offset;
      return;
    }
    int64_t span = (shape[i] - 1) * strides[i];
    if (span < 0) l += span; else h += span;
  }
  *lo = l;
  *hi = h + (int64_t)isz;
}

/* True if some leaf reads dst's buffer through a view other than dst's own
 * (same elements at the same iteration positions are fine: each is read
 * before it is written). */
static bool dst_overlap(const numc__kernel *k, const numc_array *dst, int nd,
                        const int64_t *shape) {
  int64_t dlo, dhi;
  extent(&dlo, &dhi, dst->offset, nd, shape, dst->strides, numc__isz(dst->dtype));
  for (int l = 0; l < k->nleaves; l++) {
    const operand *o = &k->leaves[l];
    if (o->st != dst->st) continue;
    bool same = o->offset == dst->offset && o->dtype == dst->dtype;
    for (int d = 0; same && d < nd; d++)
      if (shape[d] != 1 && o->strides[d] != dst->strides[d]) same = false;
    if (same) continue;
    int64_t lo, hi;
    extent(&lo, &hi, o->offset, nd, shape, o->strides, numc__isz(o->dtype));
    if (lo < dhi && dlo < hi) return true;
  }
  return false;
}

int numc__kernel_build(numc__kernel **out, numc__node *const *nodes, int n,
                       const bool *keep, const numc_array *root_dst) {
  numc__node *root = nodes[n - 1];
  int nd = root->ndim;
  int32_t gid = root->group;
  int nedges = 0;
  for (int i = 0; i < n; i++) nedges += nodes[i]->nin;
  if (2 * nedges + n + 1 > INT16_MAX)
    return numc__err(NUMC_EINTERNAL, "fused group too large (%d nodes)", n);

  numc__kernel *k = numc__calloc(1, sizeof *k);
  if (k == NULL) return numc__oom();
  k->leaves = numc__calloc((size_t)nedges + 1, sizeof(operand));
  k->outs = numc__calloc((size_t)n, sizeof(operand));
  k->regs = numc__calloc((size_t)(2 * nedges + n + 1), sizeof(reg));
  k->ins = numc__calloc((size_t)(nedges + n + 1), sizeof(instr));
  k->strides_pool =
      numc__calloc((size_t)(nedges + n + 1) * (size_t)(nd ? nd : 1), sizeof(int64_t));
  int *vreg = numc__calloc((size_t)n, sizeof(int));
  if (!k->leaves || !k->outs || !k->regs || !k->ins || !k->strides_pool || !vreg) {
    numc__free(vreg);
    numc__kernel_free(k);
    return numc__oom();
  }
  k->root = root;
  int used = 0;
  for (int i = 0; i < n; i++) nodes[i]->local = i;

  for (int i = 0; i < n; i++) {
    numc__node *nd_ = nodes[i];
    int in[4];
    for (int j = 0; j < nd_->nin; j++) {
      const numc__edge *e = &nd_->in[j];
      numc__node *p = e->st->producer;
      int r = (p && p->group == gid && p->local < i && nodes[p->local] == p)
                  ? vreg[p->local]
                  : leaf_reg(k, e, nd, &used);
      if (k->regs[r].dtype != e->ldtype) r = cast_reg(k, r, e->ldtype);
      in[j] = r;
    }
    if (nd_->kind == NUMC__NK_REDUCE) {
      assert(i == n - 1);
      k->rreg = in[0];
      k->redop = nd_->red.op;
      k->rdtype = nd_->ldtype;
      break;
    }
    numc__loop_fn fn = nd_->op == NUMC__MAP_COPY
                           ? numc__cast_loop(nd_->in[0].ldtype, nd_->dtype)
                           : numc__map_loop(nd_->op, nd_->ldtype);
    if (fn == NULL) {
      numc__free(vreg);
      numc__kernel_free(k);
      return numc__err(NUMC_EINTERNAL, "no loop for %s on %s",
                       numc__map_name(nd_->op), numc_dtype_name(nd_->ldtype));
    }
    int t = emit(k, fn, nd_->op, nd_->ldtype, nd_->nin, in, nd_->dtype);
    vreg[i] = t;
    if (keep[i]) {
      operand *o = &k->outs[k->nouts];
      bool redirect = root_dst && i == n - 1;
      o->st = redirect ? root_dst->st : nd_->out;
      o->offset = redirect ? root_dst->offset : 0;
      o->dtype = nd_->dtype;
      o->strides = take_strides(k, nd, &used);
      if (nd)
        memcpy(o->strides, redirect ? root_dst->strides : nd_->out_strides,
               (size_t)nd * sizeof(int64_t));
      k->regs[t].out = (int16_t)k->nouts++;
    }
  }
  numc__free(vreg);
  if (root_dst && dst_overlap(k, root_dst, nd, root->shape)) {
    numc__kernel_free(k);
    return 1;
  }

  int ord[NUMC_MAXDIMS], nsplit = 0;
  if (root->kind == NUMC__NK_MAP) {
    k->mode = MODE_MAP;
    for (int i = 0; i < nd; i++) ord[i] = root->order[i];
  } else {
    k->mode = choose_reduce_mode(k, root);
    uint64_t mask = root->red.axes;
    int m = 0;
    k->K = k->R = 1;
    for (int pass = 0; pass < 2; pass++) {
      bool want_reduced = (k->mode == MODE_OUTER) ? pass == 0 : pass == 1;
      for (int i = 0; i < nd; i++) {
        bool red = (mask >> i) & 1;
        if (red != want_reduced) continue;
        ord[m++] = i;
        if (red)
          k->R *= root->shape[i];
        else
          k->K *= root->shape[i];
      }
      if (pass == 0) nsplit = m;
    }
  }
  if (root->size >= NUMC__JIT_MIN && numc__jit_enabled()) compile_runs(k, root->shape, nd);
  /* scratch for layout (operand list) and slot assignment (free list) */
  void *scratch = numc__malloc((size_t)(k->nleaves + k->nouts + 1) * sizeof(operand *) +
                               (size_t)(k->nregs + 1) * sizeof(int));
  if (scratch == NULL) {
    numc__kernel_free(k);
    return numc__oom();
  }
  operand **ops = scratch;
  layout(k, ops, root->shape, nd, ord, nsplit);
  assign_slots(k, (int *)(ops + k->nleaves + k->nouts + 1));
  numc__free(scratch);
  *out = k;
  return NUMC_OK;
}

void numc__kernel_free(numc__kernel *k) {
  if (k == NULL) return;
  numc__free(k->leaves);
  numc__free(k->outs);
  numc__free(k->regs);
  numc__free(k->ins);
  numc__free(k->strides_pool);
  numc__free(k);
}

unsigned numc__kernel_fpe(const numc__kernel *k) { return k->fpe; }

int64_t numc__kernel_bytes(const numc__kernel *k) {
  int64_t b = 0;
  for (int i = 0; i < k->nleaves; i++)
    if (!k->leaves[i].constant) b += k->size * (int64_t)numc__isz(k->leaves[i].dtype);
  for (int i = 0; i < k->nouts; i++) b += k->size * (int64_t)numc__isz(k->outs[i].dtype);
  if (k->mode != MODE_MAP) b += k->K * (int64_t)numc__isz(k->root->dtype);
  return b;
}

/* ---- execution ----------------------------------------------------------- */

/* Copies n iterations starting at `start` between a strided operand and a
 * contiguous block (gather: to_block true). */
static void move_block(char *blk, const operand *op, const int64_t *shape, int nd,
                       int64_t start, int64_t n, bool to_block) {
  size_t isz = numc__isz(op->dtype);
  if (nd == 0) {
    if (to_block)
      memcpy(blk, op->base, isz);
    else
      memcpy(op->base, blk, isz);
    return;
  }
  int64_t idx[NUMC_MAXDIMS];
  int64_t rem = start;
  char *p = op->base;
  for (int d = nd - 1; d >= 0; d--) {
    idx[d] = rem % shape[d];
    rem /= shape[d];
    p += idx[d] * op->strides[d];
  }
  int64_t s = op->strides[nd - 1];
  while (n > 0) {
    int64_t run = shape[nd - 1] - idx[nd - 1];
    if (run > n) run = n;
    if (to_block) {
      if (s == (int64_t)isz) {
        memcpy(blk, p, (size_t)run * isz);
      } else {
#define GATHER(T)                                                              \
  for (int64_t i = 0; i < run; i++) ((T *)blk)[i] = *(const T *)(p + i * s);
        switch (isz) {
        case 1: GATHER(uint8_t) break;
        case 2: GATHER(uint16_t) break;
        case 4: GATHER(uint32_t) break;
        case 8: GATHER(uint64_t) break;
        default:
          for (int64_t i = 0; i < run; i++) memcpy(blk + i * 16, p + i * s, 16);
        }
#undef GATHER
      }
    } else {
      if (s == (int64_t)isz) {
        memcpy(p, blk, (size_t)run * isz);
      } else {
#define SCATTER(T)                                                             \
  for (int64_t i = 0; i < run; i++) *(T *)(p + i * s) = ((const T *)blk)[i];
        switch (isz) {
        case 1: SCATTER(uint8_t) break;
        case 2: SCATTER(uint16_t) break;
        case 4: SCATTER(uint32_t) break;
        case 8: SCATTER(uint64_t) break;
        default:
          for (int64_t i = 0; i < run; i++) memcpy(p + i * s, blk + i * 16, 16);
        }
#undef SCATTER
      }
    }
    blk += run * (int64_t)isz;
    n -= run;
    if (n == 0) break;
    /* advance the multi-index by `run` (which ended the innermost row) */
    p += run * s;
    idx[nd - 1] += run;
    for (int d = nd - 1; d > 0 && idx[d] == shape[d]; d--) {
      p -= shape[d] * op->strides[d];
      idx[d] = 0;
      idx[d - 1]++;
      p += op->strides[d - 1];
    }
  }
}

typedef struct run_ctx {
  numc__kernel *k;
  _Atomic unsigned fpe; /* floating-point conditions raised by the workers */
  _Atomic int64_t next;
  int64_t nwork, chunk;
  _Atomic int err;
  char *out;      /* reduction output */
  char *partials; /* reduction partials (values) */
  int64_t *pidx;  /* arg-reduction partial indices */
  int64_t nb;     /* inner: blocks per output */
  int64_t kseg;   /* inner: outputs per block */
  int64_t G, C;   /* outer: rows per group, column chunks */
  numc__seg_reduce_fn segred;
  numc__seg_argreduce_fn argred;
  numc__loop_fn acc;
} run_ctx;

typedef struct thread_mem {
  char **ptr;
  char *slots;
  char *vals; /* arg-reduction values of a block */
} thread_mem;

/* Each thread keeps its block registers between kernels (grow-only). They
 * come from the C library directly, not the replaceable allocator: they
 * outlive every array, belong to the thread, and are a cache, not data. A
 * thread-specific key frees them when the thread exits. */
static _Thread_local char *tl_mem;
static _Thread_local size_t tl_cap;
static pthread_key_t tl_key;
static pthread_once_t tl_once = PTHREAD_ONCE_INIT;

static void tl_free(void *p) { free(p); }
static void tl_key_make(void) { pthread_key_create(&tl_key, tl_free); }

/* Repeats the isz-byte element at dst[0] to fill n elements, by doubling
 * copies (a handful of memcpy calls rather than one per element). */
static void repeat_first(char *dst, size_t isz, int64_t n) {
  size_t have = isz, total = n > 0 ? (size_t)n * isz : 0;
  while (have < total) {
    size_t c = have < total - have ? have : total - have;
    memcpy(dst + have, dst, c);
    have += c;
  }
}

/* This thread's scratch of at least `need` bytes (64-byte aligned), or
 * NULL when memory runs out. */
static char *thread_scratch(size_t need) {
  if (need > tl_cap) {
    pthread_once(&tl_once, tl_key_make);
    free(tl_mem);
    tl_mem = NULL;
    tl_cap = 0;
    pthread_setspecific(tl_key, NULL);
    void *p = NULL;
    if (posix_memalign(&p, NUMC__ALIGN, need) != 0) return NULL;
    tl_mem = p;
    tl_cap = need;
    pthread_setspecific(tl_key, p);
  }
  return tl_mem;
}

static bool thread_mem_get(const numc__kernel *k, thread_mem *tm) {
  size_t need = (size_t)k->nregs * sizeof(char *) + 64 +
                (size_t)k->nslots * k->slot_bytes + (size_t)NUMC__BLOCK * 16 + 64;
  if (!thread_scratch(need)) return false;
  tm->slots = tl_mem;
  tm->vals = tm->slots + (size_t)k->nslots * k->slot_bytes;
  tm->ptr = (char **)(tm->vals + (size_t)NUMC__BLOCK * 16);
  /* broadcast constants fill their slot once per run */
  for (int r = 0; r < k->nregs; r++) {
    const reg *R = &k->regs[r];
    if (R->leaf < 0 || !k->leaves[R->leaf].constant) continue;
    size_t isz = numc__isz(R->dtype);
    char *s = tm->slots + (size_t)R->slot * k->slot_bytes;
    memcpy(s, k->leaves[R->leaf].base, isz);
    repeat_first(s, isz, NUMC__BLOCK);
  }
  return true;
}

static void run_block(const numc__kernel *k, thread_mem *tm, int64_t start, int64_t n) {
  char **ptr = tm->ptr;
  for (int r = 0; r < k->nregs; r++) {
    const reg *R = &k->regs[r];
    char *slot = R->slot >= 0 ? tm->slots + (size_t)R->slot * k->slot_bytes : NULL;
    if (R->leaf >= 0) {
      const operand *o = &k->leaves[R->leaf];
      if (o->constant) {
        ptr[r] = slot;
      } else if (o->linear) {
        ptr[r] = o->base + start * (int64_t)numc__isz(o->dtype);
      } else {
        move_block(slot, o, k->shape, k->ndim, start, n, true);
        ptr[r] = slot;
      }
    } else if (R->out >= 0 && k->outs[R->out].linear) {
      ptr[r] = k->outs[R->out].base + start * (int64_t)numc__isz(R->dtype);
    } else {
      ptr[r] = slot;
    }
  }
  for (int i = 0; i < k->ninstr; i++) {
    const instr *I = &k->ins[i];
    char *args[NUMC__JIT_MAXARGS];
    for (int j = 0; j < I->nargs; j++) args[j] = ptr[I->args[j]];
    I->fn(n, args, NULL);
  }
  for (int r = 0; r < k->nregs; r++) {
    const reg *R = &k->regs[r];
    if (R->leaf < 0 && R->out >= 0 && !k->outs[R->out].linear)
      move_block(ptr[r], &k->outs[R->out], k->shape, k->ndim, start, n, false);
  }
}

static void do_item(run_ctx *c, thread_mem *tm, int64_t w) {
  const numc__kernel *k = c->k;
  size_t risz = numc__isz(k->rdtype);
  switch (k->mode) {
  case MODE_MAP: {
    int64_t start = w * NUMC__BLOCK, n = k->size - start;
    run_block(k, tm, start, n < NUMC__BLOCK ? n : NUMC__BLOCK);
    break;
  }
  case MODE_INNER:
    if (c->nb > 0) { /* long runs: blocks within one output */
      int64_t s = w / c->nb, j = w % c->nb;
      int64_t start = s * k->R + j * NUMC__BLOCK, n = k->R - j * NUMC__BLOCK;
      if (n > NUMC__BLOCK) n = NUMC__BLOCK;
      run_block(k, tm, start, n);
      if (c->argred) {
        c->argred(1, n, tm->ptr[k->rreg], c->partials + w * (int64_t)risz, c->pidx + w);
        c->pidx[w] += j * NUMC__BLOCK;
      } else {
        c->segred(1, n, tm->ptr[k->rreg], c->partials + w * (int64_t)risz);
      }
    } else { /* short runs: several outputs per block */
      int64_t s0 = w * c->kseg, ns = k->K - s0;
      if (ns > c->kseg) ns = c->kseg;
      run_block(k, tm, s0 * k->R, ns * k->R);
      if (c->argred)
        c->argred(ns, k->R, tm->ptr[k->rreg], tm->vals, (int64_t *)c->out + s0);
      else
        c->segred(ns, k->R, tm->ptr[k->rreg], c->out + s0 * (int64_t)risz);
    }
    break;
  case MODE_OUTER: {
    int64_t g = w / c->C, cc = w % c->C;
    int64_t c0 = cc * NUMC__BLOCK, ncols = k->K - c0;
    if (ncols > NUMC__BLOCK) ncols = NUMC__BLOCK;
    int64_t r0 = g * c->G, r1 = r0 + c->G;
    if (r1 > k->R) r1 = k->R;
    char *P = c->partials + (g * k->K + c0) * (int64_t)risz;
    for (int64_t r = r0; r < r1; r++) {
      run_block(k, tm, r * k->K + c0, ncols);
      char *v = tm->ptr[k->rreg];
      if (r == r0) {
        memcpy(P, v, (size_t)ncols * risz);
      } else {
        char *args[3] = {P, v, P};
        c->acc(ncols, args, NULL);
      }
    }
    break;
  }
  }
}

static void worker(void *arg, int tid) {
  (void)tid;
  run_ctx *c = arg;
  thread_mem tm;
  if (!thread_mem_get(c->k, &tm)) {
    atomic_store(&c->err, 1);
    return;
  }
  numc__fpe_clear();
  for (;;) {
    int64_t w0 = atomic_fetch_add(&c->next, c->chunk);
    if (w0 >= c->nwork) break;
    int64_t w1 = w0 + c->chunk < c->nwork ? w0 + c->chunk : c->nwork;
    for (int64_t w = w0; w < w1; w++) do_item(c, &tm, w);
  }
  unsigned f = numc__fpe_read();
  if (f) atomic_fetch_or(&c->fpe, f);
}

/* Writes the identity of a reduction (sum 0, prod 1, all true, any false)
 * into n outputs of dtype dt. */
static void fill_identity(char *out, int redop, numc_dtype dt, int64_t n) {
  numc_scalar one = numc_weak_int(redop == NUMC_REDUCE_PROD || redop == NUMC_REDUCE_ALL);
  size_t isz = numc__isz(dt);
  for (int64_t i = 0; i < n; i++) numc__scalar_store(out + i * (int64_t)isz, dt, &one);
}

int numc__kernel_run(numc__kernel *k, int nthreads) {
  k->fpe = 0;
  for (int i = 0; i < k->nleaves; i++)
    k->leaves[i].base = k->leaves[i].st->data + k->leaves[i].offset;
  for (int i = 0; i < k->nouts; i++)
    k->outs[i].base = k->outs[i].st->data + k->outs[i].offset;
  run_ctx c;
  memset(&c, 0, sizeof c);
  c.k = k;
  size_t risz = numc__isz(k->rdtype);
  char *partials = NULL;
  int64_t *pidx = NULL;

  if (k->mode == MODE_MAP) {
    c.nwork = (k->size + NUMC__BLOCK - 1) / NUMC__BLOCK;
  } else {
    c.out = k->root->out->data;
    if (k->K == 0) return NUMC_OK;
    if (k->R == 0) {
      fill_identity(c.out, k->redop, k->root->dtype, k->K);
      return NUMC_OK;
    }
    if (is_arg(k->redop)) {
      c.argred = numc__seg_argreduce_loop(k->redop, k->rdtype);
      if (!c.argred) return numc__err(NUMC_EINTERNAL, "no arg-reduction loop");
    } else {
      c.segred = numc__seg_reduce_loop(k->redop, k->rdtype);
      c.acc = numc__map_loop(binop_of(k->redop), k->rdtype);
      if (!c.segred || !c.acc) return numc__err(NUMC_EINTERNAL, "no reduction loop");
    }
    if (k->mode == MODE_INNER) {
      if (k->R >= NUMC__BLOCK) {
        c.nb = (k->R + NUMC__BLOCK - 1) / NUMC__BLOCK;
        c.nwork = k->K * c.nb;
        partials = numc__aligned_alloc((size_t)c.nwork * risz, false);
        if (c.argred) pidx = numc__malloc((size_t)c.nwork * sizeof(int64_t));
        if (!partials || (c.argred && !pidx)) goto oom;
      } else {
        c.kseg = NUMC__BLOCK / k->R;
        c.nwork = (k->K + c.kseg - 1) / c.kseg;
      }
    } else {
      c.C = (k->K + NUMC__BLOCK - 1) / NUMC__BLOCK;
      int64_t rg = NUMC__OUTER_ITEMS / c.C;
      /* a float product in row groups would overflow (or hit 0 * inf) where
       * NumPy's row order does not: one group, parallel over columns only */
      if (k->redop == NUMC_REDUCE_PROD && numc__is_inexact(k->rdtype)) rg = 1;
      if (rg < 1) rg = 1;
      if (rg > k->R) rg = k->R;
      c.G = (k->R + rg - 1) / rg;
      rg = (k->R + c.G - 1) / c.G;
      c.nwork = rg * c.C;
      if (rg == 1 && k->root->dtype == k->rdtype) {
        partials = NULL;
        c.partials = c.out;
      } else {
        partials = numc__aligned_alloc((size_t)(rg * k->K) * risz, false);
        if (!partials) goto oom;
      }
    }
    if (partials) c.partials = partials;
    c.pidx = pidx;
  }

  if (c.nwork == 0) return NUMC_OK; /* empty iteration: nothing to do */
  int64_t work_elems = k->size;
  if (work_elems < NUMC__PAR_MIN || c.nwork < 2) nthreads = 1;
  if (nthreads > c.nwork) nthreads = (int)c.nwork;
  c.chunk = c.nwork / ((int64_t)nthreads * 16);
  if (c.chunk < 1) c.chunk = 1;
  numc__pool_run(nthreads, worker, &c);
  if (atomic_load(&c.err)) goto oom;
  numc__fpe_clear(); /* the combine step below runs on this thread */

  /* combine partials in a fixed order */
  if (k->mode == MODE_INNER && c.nb > 0) {
    for (int64_t s = 0; s < k->K; s++) {
      char *ps = partials + s * c.nb * (int64_t)risz;
      if (c.argred) {
        numc__argcombine_fn comb = numc__argcombine_loop(k->redop, k->rdtype);
        for (int64_t j = 1; j < c.nb; j++)
          comb(1, ps, pidx + s * c.nb, ps + j * (int64_t)risz, pidx + s * c.nb + j);
        ((int64_t *)c.out)[s] = pidx[s * c.nb];
      } else {
        c.segred(1, c.nb, ps, c.out + s * (int64_t)risz);
      }
    }
  } else if (k->mode == MODE_OUTER && partials) {
    /* left to right, as NumPy accumulates rows: with one row per group
     * (G == 1) the order is NumPy's exactly, so prod's overflow and 0 * inf
     * come out as NumPy's (a tree gave (r0*r1)*(r2*r3): NaN where NumPy
     * has 0) */
    int64_t rg = c.nwork / c.C;
    size_t row = (size_t)k->K * risz;
    for (int64_t g = 1; g < rg; g++) {
      char *args[3] = {partials, partials + (size_t)g * row, partials};
      c.acc(k->K, args, NULL);
    }
    memcpy(c.out, partials, row);
  }
  k->fpe = atomic_load(&c.fpe) | numc__fpe_read();
  numc__aligned_free(partials);
  numc__free(pidx);
  return NUMC_OK;
oom:
  numc__aligned_free(partials);
  numc__free(pidx);
  return numc__oom();
}

/* ---- direct execution of one small elementwise op -------------------------- */

/* Element strides of `st` equal the output's (bytes scaled by itemsize) on
 * every axis longer than 1: element i of the output's memory order is
 * element i of the input's. */
static bool same_layout(int nd, const int64_t *shape, const int64_t *st, size_t isz,
                        const int64_t *ost, size_t oisz) {
  for (int i = 0; i < nd; i++)
    if (shape[i] > 1 && st[i] * (int64_t)oisz != ost[i] * (int64_t)isz) return false;
  return true;
}

static bool all_zero(int nd, const int64_t *shape, const int64_t *st) {
  for (int i = 0; i < nd; i++)
    if (shape[i] > 1 && st[i] != 0) return false;
  return true;
}

int numc__vm_direct(numc_array *out, int op, numc_dtype ldtype, const numc_dtype *in_ldt,
                    int nin, const numc_array *const *in, int64_t *const *bstrides) {
  int nd = out->ndim;
  const int64_t *shape = out->shape, *ost = out->strides;
  size_t oisz = numc__isz(out->dtype);
  enum { LINEAR, CONSTANT } kind[3];
  for (int i = 0; i < nin; i++) {
    size_t isz = numc__isz(in[i]->dtype);
    if (all_zero(nd, shape, bstrides[i]))
      kind[i] = CONSTANT;
    else if (same_layout(nd, shape, bstrides[i], isz, ost, oisz))
      kind[i] = LINEAR;
    else
      return 1;
  }
  numc__loop_fn fn = op == NUMC__MAP_COPY ? numc__cast_loop(in[0]->dtype, out->dtype)
                                          : numc__map_loop(op, ldtype);
  if (fn == NULL) return numc__err(NUMC_EINTERNAL, "no loop for %s", numc__map_name(op));
  int64_t size = numc__shape_size(nd, shape);
  if (size == 0) return NUMC_OK; /* never touch the (possibly empty) inputs */
  size_t slot = (size_t)NUMC__BLOCK * 16;
  char *scr = thread_scratch((size_t)nin * slot);
  if (scr == NULL) return numc__oom();
  numc_dtype want[3];
  for (int i = 0; i < nin; i++) {
    want[i] = op == NUMC__MAP_COPY ? in[i]->dtype : (in_ldt ? in_ldt[i] : ldtype);
    if (kind[i] == CONSTANT) { /* convert once, then repeat */
      char *s = scr + (size_t)i * slot;
      char *cargs[2] = {numc__array_ptr(in[i]), s};
      numc__cast_loop(in[i]->dtype, want[i])(1, cargs, NULL);
      size_t isz = numc__isz(want[i]);
      repeat_first(s, isz, size < NUMC__BLOCK ? size : NUMC__BLOCK);
    }
  }
  char *obase = numc__array_ptr(out);
  for (int64_t start = 0; start < size; start += NUMC__BLOCK) {
    int64_t n = size - start < NUMC__BLOCK ? size - start : NUMC__BLOCK;
    char *args[4];
    for (int i = 0; i < nin; i++) {
      char *p = numc__array_ptr(in[i]);
      if (kind[i] == CONSTANT) {
        args[i] = scr + (size_t)i * slot;
      } else if (in[i]->dtype == want[i]) {
        args[i] = p + start * (int64_t)numc__isz(in[i]->dtype);
      } else {
        char *cargs[2] = {p + start * (int64_t)numc__isz(in[i]->dtype),
                          scr + (size_t)i * slot};
        numc__cast_loop(in[i]->dtype, want[i])(n, cargs, NULL);
        args[i] = cargs[1];
      }
    }
    args[nin] = obase + start * (int64_t)oisz;
    fn(n, args, NULL);
  }
  return NUMC_OK;
}

/* ---- explain ------------------------------------------------------------- */

static void describe_operand(numc__strbuf *sb, const numc__kernel *k, const operand *o) {
  numc__sb_printf(sb, "%s %s", numc_dtype_name(o->dtype),
                  o->constant ? "broadcast scalar"
                  : o->linear ? "contiguous"
                              : "strided (gathered per block)");
  (void)k;
}

void numc__kernel_describe(const numc__kernel *k, numc__strbuf *sb, int nthreads) {
  char shp[256];
  numc__shape_str(shp, sizeof shp, k->root->ndim, k->root->shape);
  static const char *modes[] = {"fused elementwise", "fused reduction (inner)",
                                "fused reduction (outer)"};
  if (k->size < NUMC__PAR_MIN) nthreads = 1;
  numc__sb_printf(sb, "%s over %s, %d input%s, %d output%s, %d instruction%s, "
                      "%lld bytes, %d thread%s\n",
                  modes[k->mode], shp, k->nleaves, k->nleaves == 1 ? "" : "s",
                  k->nouts + (k->mode != MODE_MAP), (k->nouts + (k->mode != MODE_MAP)) == 1 ? "" : "s",
                  k->ninstr, k->ninstr == 1 ? "" : "s",
                  (long long)numc__kernel_bytes(k), nthreads, nthreads == 1 ? "" : "s");
  for (int r = 0; r < k->nregs; r++) {
    if (k->regs[r].leaf < 0) continue;
    numc__sb_printf(sb, "    r%d = in%d: ", r, k->regs[r].leaf);
    describe_operand(sb, k, &k->leaves[k->regs[r].leaf]);
    numc__sb_printf(sb, "\n");
  }
  for (int i = 0; i < k->ninstr; i++) {
    const instr *I = &k->ins[i];
    int t = I->args[I->nargs - 1];
    if (I->op == OP_COMPILED) {
      numc__sb_printf(sb, "   ");
      for (int j = I->nargs - I->nout; j < I->nargs; j++) numc__sb_printf(sb, " r%d", I->args[j]);
      numc__sb_printf(sb, " = compiled run of %d instructions (", I->nsteps);
      for (int j = 0; j < I->nargs - I->nout; j++)
        numc__sb_printf(sb, "%sr%d", j ? " " : "", I->args[j]);
      numc__sb_printf(sb, ")");
      for (int j = I->nargs - I->nout; j < I->nargs; j++)
        if (k->regs[I->args[j]].out >= 0)
          numc__sb_printf(sb, "  r%d -> out%d", I->args[j], k->regs[I->args[j]].out);
      numc__sb_printf(sb, "\n");
      continue;
    }
    if (I->op < 0)
      numc__sb_printf(sb, "    r%d = cast r%d %s -> %s", t, I->args[0],
                      numc_dtype_name(I->ldtype), numc_dtype_name(k->regs[t].dtype));
    else {
      numc__sb_printf(sb, "    r%d = %s", t, numc__map_name(I->op));
      for (int j = 0; j < I->nargs - 1; j++) numc__sb_printf(sb, " r%d", I->args[j]);
      numc__sb_printf(sb, " : %s", numc_dtype_name(k->regs[t].dtype));
    }
    if (k->regs[t].out >= 0) numc__sb_printf(sb, "  -> out%d", k->regs[t].out);
    numc__sb_printf(sb, "\n");
  }
  if (k->mode != MODE_MAP) {
    static const char *names[] = {
#define NAME(E, name) #name,
        NUMC_REDUCE_MAP(NAME)
#undef NAME
    };
    numc__sb_printf(sb, "    %s r%d over %lld elements -> %lld output%s (%s)\n",
                    names[k->redop], k->rreg, (long long)k->R, (long long)k->K,
                    k->K == 1 ? "" : "s", numc_dtype_name(k->root->dtype));
  }
}
