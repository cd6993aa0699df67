/*
 * core/internal.h - the internal model shared by every layer of libnumc.
 *
 * Three objects make up numc's data model:
 *
 *   numc__storage  a refcounted buffer. While pending it has no data yet and a
 *                  `producer` node that will write all of it (C-contiguous in
 *                  the node's output order). It keeps the list of pending
 *                  edges that read it (`readers`), so a write to the buffer
 *                  can first complete every computation that still needs the
 *                  old values (DESIGN.md invariant 3).
 *   numc_array     the public handle: dtype, shape, strides, offset into a
 *                  storage. Handles never change once made; several handles
 *                  may view one storage.
 *   numc__node     one recorded operation: op, output dtype and shape, and
 *                  input edges (strided views of storages). A node is owned
 *                  by the storage it produces and freed when that storage is
 *                  computed or dies; edges hold strong references to their
 *                  storages, so the graph is a DAG without cycles.
 *
 * All of these are protected by one recursive graph lock (numc__lock). Every
 * public entry point that touches handles, storages or nodes takes it; pool
 * threads running a kernel never do.
 *
 * Naming: public symbols numc_*, internal non-static numc__* (hidden by
 * -fvisibility=hidden), file-local static functions without prefix.
 */
#ifndef NUMC_CORE_INTERNAL_H
#define NUMC_CORE_INTERNAL_H

#include "numc.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define NUMC__LIKELY(x) __builtin_expect(!!(x), 1)
#define NUMC__UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NUMC__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define NUMC__LIKELY(x) (x)
#define NUMC__UNLIKELY(x) (x)
#define NUMC__PRINTF(a, b)
#endif

#define NUMC__ALIGN 64 /* buffer alignment in bytes */

/* ---- errors (core/error.c) --------------------------------------------- */

/* Records `status` and a printf-style message as this thread's last error and
 * returns status, so callers write `return numc__err(NUMC_ESHAPE, ...)`. */
int numc__err(int status, const char *fmt, ...) NUMC__PRINTF(2, 3);
/* Shorthand for running out of memory. */
int numc__oom(void);

#define NUMC__TRY(expr)                                                        \
  do {                                                                         \
    int numc__rc_ = (expr);                                                    \
    if (NUMC__UNLIKELY(numc__rc_ < 0)) return numc__rc_;                       \
  } while (0)

/* ---- memory (core/alloc.c) --------------------------------------------- */

/* Allocation through the replaceable allocator. Return NULL on failure and
 * set no error (callers report with numc__oom()). */
void *numc__malloc(size_t n);
void *numc__calloc(size_t count, size_t size);
void numc__free(void *p);
/* 64-byte aligned block of n bytes (n may be 0); zeroed when `zero`. */
void *numc__aligned_alloc(size_t n, bool zero);
void numc__aligned_free(void *p);
/* Duplicates a string with numc__malloc (for text handed to the caller). */
char *numc__strdup(const char *s);

/* ---- text (core/strbuf.c) ---------------------------------------------- */

/* A growable string; start zeroed. On allocation failure `oom` is set and
 * further appends are ignored. buf is NUL-terminated once non-NULL; free it
 * with numc__free. */
typedef struct numc__strbuf {
  char *buf;
  size_t len, cap;
  bool oom;
} numc__strbuf;
void numc__sb_printf(numc__strbuf *sb, const char *fmt, ...) NUMC__PRINTF(2, 3);

/* ---- the graph lock (core/lock.c) -------------------------------------- */

void numc__lock(void);
/* Releases the lock; the outermost unlock of a thread then runs the release
 * callbacks of external memory freed meanwhile. */
void numc__unlock(void);
struct numc__storage;
/* Queues st->release(st->release_ctx) and the freeing of st until the lock is
 * released. Lock held. */
void numc__defer_release(struct numc__storage *st);

/* ---- dtypes (core/dtype.c) --------------------------------------------- */

typedef struct numc__dtype_info {
  const char *name;
  size_t size;
  char kind;
  char ch;
} numc__dtype_info;

extern const numc__dtype_info numc__dtypes[NUMC_NDTYPES];

static inline bool numc__dtype_valid(int dt) {
  return dt >= 0 && dt < NUMC_NDTYPES;
}
static inline size_t numc__isz(numc_dtype dt) { return numc__dtypes[dt].size; }
static inline char numc__kind(numc_dtype dt) { return numc__dtypes[dt].kind; }
static inline bool numc__is_bool(numc_dtype dt) { return dt == NUMC_BOOL; }
static inline bool numc__is_int(numc_dtype dt) {
  char k = numc__kind(dt);
  return k == 'i' || k == 'u';
}
static inline bool numc__is_float(numc_dtype dt) { return numc__kind(dt) == 'f'; }
static inline bool numc__is_complex(numc_dtype dt) {
  return numc__kind(dt) == 'c';
}
static inline bool numc__is_inexact(numc_dtype dt) {
  char k = numc__kind(dt);
  return k == 'f' || k == 'c';
}

/* Reads element `p` of dtype dt into a typed scalar; writes a scalar (cast
 * unsafely to dt) to `p`. */
void numc__scalar_load(numc_scalar *out, numc_dtype dt, const void *p);
void numc__scalar_store(void *p, numc_dtype dt, const numc_scalar *s);
/* Unsafe C-style conversion of a scalar to `to` (no range check). */
void numc__scalar_convert(numc_scalar *out, const numc_scalar *s, numc_dtype to);
/* True if a weak integer scalar fits dtype `to` (always true for non-integer
 * targets and non-integer scalars). */
bool numc__weak_int_fits(const numc_scalar *s, numc_dtype to);

/* ---- storage (core/storage.c) ------------------------------------------ */

struct numc__node;
struct numc__edge;

enum {
  NUMC__ST_EXTERNAL = 0x1u, /* memory wrapped from outside (release fn) */
  NUMC__ST_EXPOSED = 0x2u,  /* a writable pointer was handed out */
  NUMC__ST_READONLY = 0x4u, /* must never be written */
};

typedef struct numc__storage {
  int64_t refs;     /* handles + edges + evaluation holds referencing it */
  int64_t nhandles; /* live handles viewing it (the planner's "live") */
  char *data;       /* element memory; NULL while pending */
  int64_t nbytes;
  unsigned flags;
  struct numc__node *producer; /* pending computation filling it */
  struct numc__edge *readers;  /* pending edges reading it (list head) */
  numc_release_fn release;     /* external memory only */
  void *release_ctx;
  struct numc__storage *next_dead; /* free list while being torn down */
} numc__storage;

/* A new materialized storage of nbytes (aligned; zeroed when `zero`).
 * NULL on allocation failure (error set). refs starts at 1. */
numc__storage *numc__storage_new(int64_t nbytes, bool zero);
/* A new pending storage for `producer` (which becomes owned by it). refs 1. */
numc__storage *numc__storage_pending(int64_t nbytes, struct numc__node *producer);
/* Allocates the data of a pending storage before its producer runs. */
int numc__storage_alloc(numc__storage *st);
static inline void numc__storage_ref(numc__storage *st) { st->refs++; }
/* Drops a reference; frees the storage (and a pending producer, and through
 * it the producer's inputs, iteratively) when none is left. Lock held. */
void numc__storage_unref(numc__storage *st);
/* True if the storage may be read lazily: pending computations may be
 * recorded against it (not externally writable). */
static inline bool numc__storage_lazy_ok(const numc__storage *st) {
  return !(st->flags & NUMC__ST_EXPOSED);
}

/* ---- handles (core/array.c) -------------------------------------------- */

struct numc_array {
  int64_t refs;
  numc__storage *st;
  int64_t offset; /* bytes from st->data to element [0,...,0] */
  numc_dtype dtype;
  int ndim;
  unsigned flags;  /* NUMC_WRITEABLE | NUMC_OWNDATA | NUMC_WEAK */
  int64_t *shape;  /* -> dims[0 .. ndim) */
  int64_t *strides; /* -> dims[ndim .. 2*ndim) */
  int64_t dims[];
};

/* Allocates a handle viewing `st` (takes one new storage reference). shape
 * and strides are copied; strides NULL means C-contiguous. NULL on failure
 * (error set). Lock held. */
numc_array *numc__array_new(numc__storage *st, numc_dtype dtype, int ndim,
                            const int64_t *shape, const int64_t *strides,
                            int64_t offset, unsigned flags);
/* Frees a handle (drops its storage reference). Lock held. */
void numc__array_free(numc_array *a);
/* Element pointer of a materialized array. */
static inline char *numc__array_ptr(const numc_array *a) {
  return a->st->data + a->offset;
}
int64_t numc__shape_size(int ndim, const int64_t *shape);
/* Fills C-contiguous strides for shape; returns the byte size, or -1 if it
 * overflows int64. */
int64_t numc__c_strides(int64_t *strides, int ndim, const int64_t *shape,
                        size_t itemsize);
bool numc__is_c_contig(int ndim, const int64_t *shape, const int64_t *strides,
                       size_t itemsize);
bool numc__is_f_contig(int ndim, const int64_t *shape, const int64_t *strides,
                       size_t itemsize);
/* A new uninitialised, C-contiguous, materialized array; error set on
 * failure. Lock held. */
int numc__array_alloc(numc_array **out, numc_dtype dtype, int ndim,
                      const int64_t *shape, bool zero);
/* Validates a user shape (ndim range, extents >= 0, byte size fits). */
int numc__check_shape(int ndim, const int64_t *shape, numc_dtype dtype);
/* Normalizes axis into [0, ndim) or fails with NUMC_EAXIS ("axis 3 is out of
 * bounds for array of dimension 2"). */
int numc__norm_axis(int *axis, int ndim);
/* Normalizes a list of axes into a bit mask (bit i = axis i). naxes < 0
 * selects all. Repeated: NUMC_EVALUE. */
int numc__axes_mask(uint64_t *mask, int naxes, const int *axes, int ndim);
/* Writes "(3, 4)" style text of a shape into buf (Python's tuple form, as
 * NumPy's reshape messages use it); the compact form "(3,4)" is the one
 * NumPy's broadcasting messages use. */
void numc__shape_str(char *buf, size_t n, int ndim, const int64_t *shape);
void numc__shape_str_compact(char *buf, size_t n, int ndim, const int64_t *shape);

/* Broadcasts shapes: the result shape goes to out/out_ndim. NUMC_ESHAPE with
 * NumPy's message ("operands could not be broadcast together with shapes
 * (3,) (4,)") if incompatible. */
int numc__broadcast(int *out_ndim, int64_t *out, int n, const int *ndims,
                    const int64_t *const *shapes);
/* Strides of `a` broadcast to (ndim, shape) (0 for broadcast axes); the
 * caller has checked compatibility. */
void numc__broadcast_strides(int64_t *strides, const numc_array *a, int ndim,
                             const int64_t *shape);

/* ---- graph (graph/node.c) ---------------------------------------------- */

/* What a node computes; the VM and planner dispatch on this. */
typedef enum numc__node_kind {
  NUMC__NK_MAP = 0,  /* elementwise: out[i] = f(in0[i], in1[i], ...) */
  NUMC__NK_REDUCE,   /* reduction over axes of its (single) input */
  NUMC__NK_EXTERN,   /* barrier: runs a C callback on materialized inputs */
} numc__node_kind;

/* One input of a node: a view of a storage laid over the node's iteration
 * space. `strides` has the node's iteration ndim entries (0 where
 * broadcast). The edge holds a reference to its storage and sits in the
 * storage's reader list while the node is pending. */
typedef struct numc__edge {
  numc__storage *st;
  struct numc__node *node;
  struct numc__edge *rprev, *rnext;
  int64_t offset;
  numc_dtype dtype;  /* element dtype in the storage */
  numc_dtype ldtype; /* dtype the op consumes (the VM casts dtype -> ldtype) */
  int ndim;          /* MAP/REDUCE: the node's iteration ndim; EXTERN: own */
  int64_t *shape;
  int64_t *strides;
} numc__edge;

/* Map ops: numc_op values, then these internal ones. */
enum {
  NUMC__MAP_COPY = NUMC_OP__COUNT, /* identity with a dtype conversion */
  NUMC__MAP_WHERE,                 /* where(bool, T, T) -> T */
  /* exact comparisons of (int64, uint64), as NumPy 2's mixed loops */
  NUMC__MAP_CMP_SU_EQ,
  NUMC__MAP_CMP_SU_NE,
  NUMC__MAP_CMP_SU_LT,
  NUMC__MAP_CMP_SU_LE,
  NUMC__MAP_CMP_SU_GT,
  NUMC__MAP_CMP_SU_GE,
  NUMC__MAP_NOPS
};

/* Callback of an EXTERN node. `in` holds nin materialized input arrays (the
 * node's private views of its inputs), `out` a materialized output array
 * with the node's output layout. Runs on the evaluating thread with the
 * graph lock held (it is recursive, so the callback may call numc
 * functions); may use the thread pool. Returns a status (error set). */
typedef int (*numc__extern_fn)(const struct numc__node *node,
                               const numc_array *const *in, numc_array *out);

typedef struct numc__reduce_params {
  uint64_t axes;   /* bit mask of reduced axes of the input */
  int keepdims;
  int op;          /* numc_reduce_op (SUM, PROD, MIN, MAX, ALL, ANY, ARGMIN, ARGMAX) */
} numc__reduce_params;

typedef struct numc__node {
  uint8_t kind;        /* numc__node_kind */
  uint8_t pending_eval; /* planner mark */
  uint16_t op;         /* map op / reduce op */
  uint16_t fpe;        /* errstate when recorded (numc_get_errstate) */
  numc_dtype dtype;    /* output dtype */
  numc_dtype ldtype;   /* loop dtype (selects the typed loop; edges carry
                          the per-input dtypes they are cast to) */
  int ndim;            /* iteration ndim (input shape for reductions) */
  int out_ndim;
  int nin;
  int depth;           /* longest pending chain below, for graph bounds */
  int weight;          /* pending nodes below (saturating), for graph bounds */
  int64_t size;        /* iteration size */
  int64_t *shape;      /* iteration shape */
  int64_t *out_shape;  /* output shape */
  int64_t *out_strides; /* output layout strides (bytes) */
  int *order;          /* iteration order for the output: order[0] outermost */
  numc__edge *in;
  numc__storage *out;  /* the storage this node fills (weak back pointer) */
  numc__reduce_params red;
  numc__extern_fn run; /* EXTERN only */
  void *params;        /* EXTERN only: callback parameters, freed with node */
  void (*free_params)(void *);
  const char *name;    /* for explain */
  /* planner scratch */
  int32_t group; /* fused group id while being planned */
  int32_t topo;  /* index in the plan's topological order */
  int32_t local; /* index inside its group's kernel */
} numc__node;

/* Describes a node to be recorded. The recorder broadcasts the inputs over
 * `shape`, chooses the output layout and decides whether to run it at once
 * (eager mode, small sizes, externally writable inputs). */
typedef struct numc__node_desc {
  numc__node_kind kind;
  int op;
  numc_dtype dtype;  /* output */
  numc_dtype ldtype; /* loop dtype */
  const numc_dtype *in_ldtypes; /* per input cast target; NULL: all ldtype */
  int ndim;
  const int64_t *shape; /* iteration shape (inputs broadcast to it) */
  int nin;
  const numc_array *const *in;
  numc__reduce_params red;  /* REDUCE */
  int out_ndim;             /* REDUCE/EXTERN: output shape */
  const int64_t *out_shape;
  numc__extern_fn run;      /* EXTERN */
  void *params;
  void (*free_params)(void *);
  const char *name;
  char layout;  /* output memory order: 'C', 'F', or 0/'K' (follow inputs) */
  bool defer;   /* never run at once (the caller will redirect the output) */
} numc__node_desc;

/* Records a node and returns a handle on its (pending or, when it ran at
 * once, computed) result. Takes ownership of desc->params even on failure.
 * Lock held. */
int numc__record(numc_array **out, const numc__node_desc *desc);

/* Frees a node: unlinks and drops its edges (iteratively through storages
 * that die). Lock held. */
void numc__node_free(numc__node *n);

/* NumPy's order='K' axis order for an output over `shape` whose layout
 * follows the given operand strides (nops arrays of nd strides). */
void numc__choose_order(int *order, int nd, const int64_t *shape, int nops,
                        int64_t *const *strides);
/* Strides (bytes) of a contiguous layout with axis order `order`
 * (order[0] outermost). */
void numc__order_strides(int64_t *strides, int nd, const int64_t *shape,
                         const int *order, size_t itemsize);

/* ---- floating-point conditions (core/fpe.c) ----------------------------- */

/* The conditions raised since the last clear on this thread, as bits
 * 1 << numc_fpe_cond, and clearing them (cheap: one status-register read,
 * a write only when something is set). Inline on x86-64, where all float
 * math is in SSE/AVX and the status is MXCSR (IE 0x01, ZE 0x04, OE 0x08,
 * UE 0x10); fenv.h elsewhere (core/fpe.c). */
#if defined(__x86_64__)
#include <xmmintrin.h>
#define NUMC__MXCSR_MASK 0x1du
static inline unsigned numc__fpe_read(void) {
  unsigned m = _mm_getcsr() & NUMC__MXCSR_MASK;
  if (m == 0) return 0;
  return ((m & 0x04u) ? 1u << NUMC_FPE_DIVIDE : 0) |
         ((m & 0x08u) ? 1u << NUMC_FPE_OVERFLOW : 0) |
         ((m & 0x10u) ? 1u << NUMC_FPE_UNDERFLOW : 0) |
         ((m & 0x01u) ? 1u << NUMC_FPE_INVALID : 0);
}
static inline void numc__fpe_clear(void) {
  unsigned m = _mm_getcsr();
  if (m & NUMC__MXCSR_MASK) _mm_setcsr(m & ~NUMC__MXCSR_MASK);
}
#else
unsigned numc__fpe_read(void);
void numc__fpe_clear(void);
#endif
/* Reports conditions `conds` raised while nodes[0..n) (a kernel's members
 * in order) ran: each condition is blamed on the first node that can
 * produce it and handled by that node's recorded errstate. Returns NUMC_OK
 * or NUMC_EFPE (error set) for mode raise. */
int numc__fpe_report(numc__node *const *nodes, int n, unsigned conds);
/* The same for one map op run at once under errstate `state`. */
int numc__fpe_report_op(int op, unsigned state, unsigned conds);

/* ---- evaluation (graph/eval.c) ----------------------------------------- */

/* Computes every pending storage among sts (n entries). Lock held; the lock
 * stays held while kernels run. */
int numc__force(numc__storage *const *sts, int n);
static inline int numc__force1(numc__storage *st) {
  return st->producer ? numc__force(&st, 1) : NUMC_OK;
}
/* Before writing into `st`: completes every pending computation reading it
 * (so they see the old values) and the storage itself. Lock held. */
int numc__prepare_write(numc__storage *st);

/* Computes the internal array `x` (a fresh result of the same shape and
 * dtype as dst, owned by the caller and seen by nobody else) straight into
 * the view dst: dst[...] = x in one pass when possible. Pending readers of
 * dst's buffer outside x's own graph complete first. dst must be writable
 * (checked by the caller). Lock held. */
int numc__force_into(numc_array *dst, numc_array *x);

/* Thread-local laziness switch (graph/eval.c). */
bool numc__lazy_enabled(void);

/* Element count below which operations run at once (invariant 6). */
extern int64_t numc__eager_below;

#endif /* NUMC_CORE_INTERNAL_H */
