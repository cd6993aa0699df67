/*
 * ops/elementwise.c - elementwise functions: type resolution and recording.
 *
 * Type resolution follows NumPy 2's ufunc machinery:
 *   1. Promote the inputs (NEP 50: 0-d arrays flagged NUMC_WEAK stand for
 *      Python scalars and take the kind of the arrays they meet).
 *   2. Pick the loop: the first dtype L (in dtype order) that has a loop for
 *      the op and to which the promoted dtype casts safely. A few ops have
 *      NumPy's special rules (integer true division runs in float64, logical
 *      ops run on bool, bool has no negative/subtract/sign, int64 vs uint64
 *      comparisons are exact).
 *   3. Range-check weak Python ints against L (OverflowError as NumPy);
 *      comparisons with out-of-range ints are answered exactly instead.
 * Everything is validated here, at the call; the node is then recorded.
 */
#include "../core/internal.h"
#include "../cpu/loops.h"

#include <pthread.h>
#include <stdio.h>

#define NOPS NUMC_OP__COUNT

static bool is_weak(const numc_array *a) { return (a->flags & NUMC_WEAK) != 0; }

/* The Python scalar a weak 0-d array stands for (weak arrays are always
 * materialized 0-d arrays). */
static void weak_value(numc_scalar *s, const numc_array *a) {
  numc__scalar_load(s, a->dtype, a->st->data + a->offset);
  s->weak = 1;
}

/* NEP 50 promotion of the inputs without range checks. */
static int promote(numc_dtype *P, int nin, const numc_array *const *in) {
  numc_dtype dts[4];
  numc_scalar scs[4];
  int nd = 0, ns = 0;
  for (int i = 0; i < nin; i++) {
    if (is_weak(in[i])) {
      weak_value(&scs[ns], in[i]);
      /* range checks happen against the loop dtype later */
      if (scs[ns].dtype == NUMC_UINT64 || scs[ns].dtype == NUMC_INT64) {
        scs[ns].dtype = NUMC_INT64;
        scs[ns].v.i64 = 0;
        if (in[i]->dtype == NUMC_UINT64 && nin == 1) scs[ns].dtype = NUMC_UINT64;
      }
      ns++;
    } else {
      dts[nd++] = in[i]->dtype;
    }
  }
  return numc_result_type(P, nd, dts, ns, scs);
}

/* first_loop[op][P]: the loop dtype the default rule picks for promoted
 * dtype P (the first dtype with a loop that P casts to safely), or -1.
 * Computed once: loop availability does not depend on the ISA. */
static int8_t first_loop[NUMC_OP__COUNT][NUMC_NDTYPES];
static pthread_once_t first_loop_once = PTHREAD_ONCE_INIT;

static void first_loop_init(void) {
  for (int op = 0; op < NUMC_OP__COUNT; op++)
    for (int p = 0; p < NUMC_NDTYPES; p++) {
      first_loop[op][p] = -1;
      for (int d = 0; d < NUMC_NDTYPES; d++)
        if (numc__map_loop(op, (numc_dtype)d) &&
            numc_can_cast((numc_dtype)p, (numc_dtype)d, NUMC_CASTING_SAFE)) {
          first_loop[op][p] = (int8_t)d;
          break;
        }
    }
}

static bool is_logical(int op) {
  return op == NUMC_OP_LOGICAL_AND || op == NUMC_OP_LOGICAL_OR ||
         op == NUMC_OP_LOGICAL_XOR || op == NUMC_OP_LOGICAL_NOT;
}

static bool is_comparison(int op) {
  return op >= NUMC_OP_EQUAL && op <= NUMC_OP_GREATER_EQUAL;
}

static bool no_bool(int op) {
  return op == NUMC_OP_NEGATIVE || op == NUMC_OP_POSITIVE || op == NUMC_OP_SIGN ||
         op == NUMC_OP_SUBTRACT || op == NUMC_OP_GCD || op == NUMC_OP_LCM;
}

static int bool_error(int op) {
  if (op == NUMC_OP_NEGATIVE)
    return numc__err(NUMC_EDTYPE,
                     "The numpy boolean negative, the `-` operator, is not "
                     "supported, use the `~` operator or the logical_not "
                     "function instead.");
  if (op == NUMC_OP_SUBTRACT)
    return numc__err(NUMC_EDTYPE,
                     "numpy boolean subtract, the `-` operator, is not "
                     "supported, use the bitwise_xor, the `^` operator, or the "
                     "logical_xor function instead.");
  return numc__err(NUMC_EDTYPE, "ufunc '%s' did not contain a loop with signature "
                                "matching types bool",
                   numc__map_name(op));
}

static int no_loop_error(int op, int nin, const numc_array *const *in) {
  if (nin == 1)
    return numc__err(NUMC_EDTYPE, "ufunc '%s' not supported for the input types %s",
                     numc__map_name(op), numc_dtype_name(in[0]->dtype));
  return numc__err(NUMC_EDTYPE,
                   "ufunc '%s' not supported for the input types (%s, %s), and "
                   "the inputs could not be safely coerced to any supported "
                   "types according to the casting rule 'safe'",
                   numc__map_name(op), numc_dtype_name(in[0]->dtype),
                   numc_dtype_name(in[1]->dtype));
}

typedef struct resolved {
  int op;             /* possibly an internal op (exact mixed comparisons) */
  numc_dtype L;       /* loop dtype */
  numc_dtype out;     /* result dtype */
  numc_dtype ldt[3];  /* per input cast target */
  bool swap;          /* inputs swapped (exact mixed comparisons) */
  int constant;       /* -1 none; else 0/1: a comparison's known answer */
} resolved;

/* Exact int64-vs-uint64 comparison ops, with the signed operand first. */
static int mixed_cmp(int op, bool swapped) {
  static const int su[] = {NUMC__MAP_CMP_SU_EQ, NUMC__MAP_CMP_SU_NE, NUMC__MAP_CMP_SU_LT,
                           NUMC__MAP_CMP_SU_LE, NUMC__MAP_CMP_SU_GT, NUMC__MAP_CMP_SU_GE};
  static const int mirror[] = {0, 1, 4, 5, 2, 3}; /* a<b == b>a */
  int i = op - NUMC_OP_EQUAL;
  return su[swapped ? mirror[i] : i];
}

/* A comparison of an integer array with a weak int outside its range has a
 * known answer: 1/0 for every element. */
static int out_of_range_cmp(int op, bool scalar_second, bool scalar_big) {
  /* normalise to "array OP scalar" */
  int i = op - NUMC_OP_EQUAL;
  static const int mirror[] = {0, 1, 4, 5, 2, 3};
  if (!scalar_second) i = mirror[i];
  switch (i) {
  case 0: return 0;                 /* == */
  case 1: return 1;                 /* != */
  case 2: case 3: return scalar_big; /* < <= : true iff scalar above range */
  default: return !scalar_big;      /* > >= */
  }
}

/* ldexp(x, e): NumPy's loops take a float x and an integer e (int32 or
 * int64: bool and integers up to int64, not uint64, nor floats). The loop
 * dtype L is x's float type (want when given), e is converted to L (an
 * integral value; the loop clamps far beyond the exponent range). */
static int resolve_ldexp(resolved *r, const numc_array *const *in, numc_dtype want) {
  numc_dtype e = in[1]->dtype;
  bool e_ok = (numc__is_int(e) || e == NUMC_BOOL) && (is_weak(in[1]) || e != NUMC_UINT64);
  numc_dtype x = in[0]->dtype;
  if (is_weak(in[0]) && !numc__is_inexact(x)) x = NUMC_INT64;
  numc_dtype L = NUMC_DTYPE_DEFAULT;
  if (want != NUMC_DTYPE_DEFAULT) {
    if (numc__map_loop(NUMC_OP_LDEXP, want) && e_ok) L = want;
  } else if (e_ok) {
    pthread_once(&first_loop_once, first_loop_init);
    if (first_loop[NUMC_OP_LDEXP][x] >= 0) L = (numc_dtype)first_loop[NUMC_OP_LDEXP][x];
  }
  if (L == NUMC_DTYPE_DEFAULT) return no_loop_error(NUMC_OP_LDEXP, 2, in);
  r->L = r->out = L;
  r->ldt[0] = r->ldt[1] = L;
  return NUMC_OK;
}

static int resolve(resolved *r, int op, int nin, const numc_array *const *in,
                   numc_dtype want, numc_casting casting) {
  memset(r, 0, sizeof *r);
  r->op = op;
  r->constant = -1;
  if (op == NUMC_OP_LDEXP) return resolve_ldexp(r, in, want);
  numc_dtype P;
  NUMC__TRY(promote(&P, nin, in));
  numc_dtype L = NUMC_DTYPE_DEFAULT;
  if (is_logical(op)) {
    L = NUMC_BOOL;
  } else if (want != NUMC_DTYPE_DEFAULT) {
    if (!numc__dtype_valid(want)) return numc__err(NUMC_ETYPE, "invalid dtype %d", (int)want);
    L = want;
    if (op == NUMC_OP_DIVIDE && !numc__is_inexact(L)) L = NUMC_DTYPE_DEFAULT;
    else if (numc__map_loop(op, L) == NULL) L = NUMC_DTYPE_DEFAULT;
    if (L == NUMC_DTYPE_DEFAULT)
      return numc__err(NUMC_EDTYPE,
                       "No loop matching the specified signature and casting was "
                       "found for ufunc %s",
                       numc__map_name(op));
    for (int i = 0; i < nin; i++)
      if (!is_weak(in[i]) && !numc_can_cast(in[i]->dtype, L, casting)) {
        static const char *rules[] = {"no", "equiv", "safe", "same_kind", "unsafe"};
        return numc__err(NUMC_ECAST,
                         "Cannot cast ufunc '%s' input %d from dtype('%s') to "
                         "dtype('%s') with casting rule '%s'",
                         numc__map_name(op), i, numc_dtype_name(in[i]->dtype),
                         numc_dtype_name(L), rules[casting]);
      }
  } else {
    if (P == NUMC_BOOL && no_bool(op)) return bool_error(op);
    if (op == NUMC_OP_DIVIDE && !numc__is_inexact(P)) {
      L = NUMC_FLOAT64;
    } else if (op == NUMC_OP_ROUND && !numc__is_inexact(P)) {
      L = P;
    } else if (is_comparison(op) && nin == 2 && !is_weak(in[0]) && !is_weak(in[1]) &&
               numc__is_int(in[0]->dtype) && numc__is_int(in[1]->dtype) &&
               numc__kind(in[0]->dtype) != numc__kind(in[1]->dtype) &&
               P == NUMC_FLOAT64) {
      r->swap = numc__kind(in[0]->dtype) == 'u';
      r->op = mixed_cmp(op, r->swap);
      r->L = NUMC_INT64;
      r->ldt[0] = NUMC_INT64;
      r->ldt[1] = NUMC_UINT64;
      r->out = NUMC_BOOL;
      return NUMC_OK;
    } else if (nin == 2 && !is_weak(in[0]) && !is_weak(in[1]) &&
               in[0]->dtype != in[1]->dtype) {
      /* NumPy's loop search casts each input to the loop separately, so an
       * op with float loops only takes int8 and uint16 to float32 although
       * they promote to int32 (which would need float64) */
      for (int d = 0; d < NUMC_NDTYPES && L == NUMC_DTYPE_DEFAULT; d++)
        if (numc__map_loop(op, (numc_dtype)d) &&
            numc_can_cast(in[0]->dtype, (numc_dtype)d, NUMC_CASTING_SAFE) &&
            numc_can_cast(in[1]->dtype, (numc_dtype)d, NUMC_CASTING_SAFE))
          L = (numc_dtype)d;
    } else {
      pthread_once(&first_loop_once, first_loop_init);
      if (first_loop[op][P] >= 0) L = (numc_dtype)first_loop[op][P];
    }
  }
  if (L == NUMC_DTYPE_DEFAULT || numc__map_loop(op, L) == NULL)
    return no_loop_error(op, nin, in);
  r->L = L;
  r->out = numc__map_out_dtype(op, L);
  for (int i = 0; i < nin; i++) r->ldt[i] = L;
  /* weak Python ints must fit the loop dtype */
  for (int i = 0; i < nin; i++) {
    if (!is_weak(in[i])) continue;
    numc_scalar s;
    weak_value(&s, in[i]);
    if (numc__weak_int_fits(&s, L)) continue;
    if (is_comparison(op) && nin == 2) {
      bool big = s.dtype == NUMC_UINT64 || s.v.i64 >= 0;
      r->constant = out_of_range_cmp(op, i == 1, big);
      r->out = NUMC_BOOL;
      return NUMC_OK;
    }
    numc_scalar tmp;
    return numc_scalar_cast(&tmp, &s, L); /* sets the OverflowError */
  }
  return NUMC_OK;
}

/* True when `a` holds a single computed element equal to v (a Python
 * scalar, a 0-d or size-1 array). */
static bool scalar_is(const numc_array *a, double v) {
  if (numc__shape_size(a->ndim, a->shape) != 1 || a->st->producer) return false;
  numc_scalar s, d;
  numc__scalar_load(&s, a->dtype, a->st->data + a->offset);
  numc__scalar_convert(&d, &s, NUMC_FLOAT64);
  return numc__is_inexact(a->dtype) ? d.v.f64 == v && !numc__is_complex(a->dtype) : false;
}

/* Integer powers with a negative exponent are an error at the call, as in
 * NumPy. Pending exponent arrays are evaluated to look at their values. */
static int check_int_pow(const numc_array *b) {
  if (numc__kind(b->dtype) != 'i') return NUMC_OK;
  if (is_weak(b)) {
    numc_scalar s;
    weak_value(&s, b);
    return s.v.i64 < 0 ? numc__err(NUMC_EVALUE,
                                   "Integers to negative integer powers are not allowed.")
                       : NUMC_OK;
  }
  NUMC__TRY(numc__force1(b->st));
  int64_t n = numc__shape_size(b->ndim, b->shape);
  int64_t idx[NUMC_MAXDIMS] = {0};
  for (int64_t k = 0; k < n; k++) {
    const char *p = b->st->data + b->offset;
    for (int d = 0; d < b->ndim; d++) p += idx[d] * b->strides[d];
    numc_scalar s, t;
    numc__scalar_load(&s, b->dtype, p);
    numc__scalar_convert(&t, &s, NUMC_INT64);
    if (t.v.i64 < 0)
      return numc__err(NUMC_EVALUE, "Integers to negative integer powers are not allowed.");
    for (int d = b->ndim - 1; d >= 0; d--) {
      if (++idx[d] < b->shape[d]) break;
      idx[d] = 0;
    }
  }
  return NUMC_OK;
}

/* Replaces weak inputs by typed 0-d constants of their loop dtype, so the
 * kernel never converts a constant per block. Lock held. */
static int typed_inputs(const numc_array **in, numc_array **owned, int nin,
                        const resolved *r) {
  for (int i = 0; i < nin; i++) {
    owned[i] = NULL;
    if (!is_weak(in[i])) continue;
    numc_scalar s, v;
    weak_value(&s, in[i]);
    numc__scalar_convert(&v, &s, r->ldt[i]);
    NUMC__TRY(numc__array_alloc(&owned[i], r->ldt[i], 0, NULL, false));
    memcpy(owned[i]->st->data, &v.v, numc__isz(r->ldt[i]));
    in[i] = owned[i];
  }
  return NUMC_OK;
}

/* Shape of the broadcast inputs (NumPy's error otherwise). */
static int broadcast_inputs(int *nd, int64_t *shape, int nin, const numc_array *const *in) {
  int ndims[4];
  const int64_t *shapes[4];
  for (int i = 0; i < nin; i++) ndims[i] = in[i]->ndim, shapes[i] = in[i]->shape;
  return numc__broadcast(nd, shape, nin, ndims, shapes);
}

/* Records op over inputs that resolve() accepted. Lock held. */
static int record_map(numc_array **out, const resolved *r, int nin,
                      const numc_array *const *in_, int nd, const int64_t *shape,
                      bool defer) {
  const numc_array *in[3] = {NULL, NULL, NULL};
  numc_array *owned[3] = {NULL, NULL, NULL};
  for (int i = 0; i < nin; i++) in[i] = in_[i];
  if (r->swap) {
    const numc_array *t = in[0];
    in[0] = in[1];
    in[1] = t;
  }
  int rc = NUMC_OK;
  if (r->constant >= 0) {
    /* the answer is known: a broadcast constant, still recorded lazily */
    numc_scalar v = numc_weak_bool(r->constant);
    return numc_full(out, NUMC_BOOL, nd, shape, &v);
  }
  rc = typed_inputs(in, owned, nin, r);
  if (rc == NUMC_OK) {
    numc__node_desc d;
    memset(&d, 0, sizeof d);
    d.kind = NUMC__NK_MAP;
    d.op = r->op;
    d.dtype = r->out;
    d.ldtype = r->L;
    d.in_ldtypes = r->ldt;
    d.ndim = nd;
    d.shape = shape;
    d.nin = nin;
    d.in = in;
    d.defer = defer;
    rc = numc__record(out, &d);
  }
  for (int i = 0; i < nin; i++)
    if (owned[i]) numc__array_free(owned[i]);
  return rc;
}

static int check_handles(int nin, const numc_array *const *in) {
  for (int i = 0; i < nin; i++)
    if (in[i] == NULL) return numc__err(NUMC_EINVAL, "input %d is NULL", i);
  return NUMC_OK;
}

static int op_arity(int op) {
  if (op < 0 || op >= NOPS) return 0;
  return op < NUMC_OP__NUNARY ? 1 : 2;
}

static const char *casting_name(numc_casting c) {
  static const char *names[] = {"no", "equiv", "safe", "same_kind", "unsafe"};
  return (unsigned)c <= NUMC_CASTING_UNSAFE ? names[c] : "?";
}

int numc_ufunc(numc_array **out, numc_op op, int nin, const numc_array *const *in,
               numc_array *dst, numc_dtype dtype, numc_casting casting) {
  if (op_arity(op) == 0 || op_arity(op) != nin)
    return numc__err(NUMC_EINVAL, "invalid op %d with %d inputs", (int)op, nin);
  if ((unsigned)casting > NUMC_CASTING_UNSAFE)
    return numc__err(NUMC_EINVAL, "invalid casting rule %d", (int)casting);
  NUMC__TRY(check_handles(nin, in));
  int nd;
  int64_t shape[NUMC_MAXDIMS];
  NUMC__TRY(broadcast_inputs(&nd, shape, nin, in));
  resolved r;
  numc__lock();
  int rc = resolve(&r, op, nin, in, dtype, casting);
  if (rc == NUMC_OK && op == NUMC_OP_POW && numc__is_int(r.L)) rc = check_int_pow(in[1]);
  if (rc == NUMC_OK && dst) {
    /* the output must have the full broadcast shape */
    int ndims[2] = {nd, dst->ndim};
    const int64_t *shapes[2] = {shape, dst->shape};
    int bnd;
    int64_t bshape[NUMC_MAXDIMS];
    if (numc__broadcast(&bnd, bshape, 2, ndims, shapes) < 0 || bnd != dst->ndim ||
        memcmp(bshape, dst->shape, (size_t)bnd * sizeof(int64_t)) != 0) {
      char s1[256], s2[256];
      numc__shape_str_compact(s1, sizeof s1, dst->ndim, dst->shape);
      numc__shape_str_compact(s2, sizeof s2, nd, shape);
      rc = numc__err(NUMC_ESHAPE,
                     "non-broadcastable output operand with shape %s doesn't "
                     "match the broadcast shape %s",
                     s1, s2);
    } else if (!(dst->flags & NUMC_WRITEABLE) || (dst->st->flags & NUMC__ST_READONLY)) {
      rc = numc__err(NUMC_EREADONLY, "output array is read-only");
    } else if (!numc_can_cast(r.out, dst->dtype, casting)) {
      rc = numc__err(NUMC_ECAST,
                     "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') "
                     "with casting rule '%s'",
                     numc__map_name(op), numc_dtype_name(r.out),
                     numc_dtype_name(dst->dtype), casting_name(casting));
    } else {
      nd = dst->ndim;
      memcpy(shape, dst->shape, (size_t)nd * sizeof(int64_t));
    }
  }
  /* NumPy's power takes sqrt for a scalar (broadcast) exponent of 0.5; an
   * array exponent goes through pow(), which differs at -0.0 and -inf */
  numc_array *one_in[1];
  if (rc == NUMC_OK && op == NUMC_OP_POW && numc__is_float(r.L) && scalar_is(in[1], 0.5)) {
    const numc_array *x[1] = {in[0]};
    rc = resolve(&r, NUMC_OP_SQRT, 1, x, r.L, NUMC_CASTING_UNSAFE);
    one_in[0] = (numc_array *)in[0];
    in = (const numc_array *const *)one_in;
    nin = 1;
  }
  numc_array *res = NULL;
  if (rc == NUMC_OK) rc = record_map(&res, &r, nin, in, nd, shape, dst != NULL);
  if (rc == NUMC_OK && dst) {
    if (res->dtype != dst->dtype) {
      numc_array *c = NULL;
      const numc_array *cin[1] = {res};
      numc__node_desc d;
      memset(&d, 0, sizeof d);
      d.kind = NUMC__NK_MAP;
      d.op = NUMC__MAP_COPY;
      d.dtype = dst->dtype;
      d.ldtype = res->dtype;
      d.ndim = nd;
      d.shape = shape;
      d.nin = 1;
      d.in = cin;
      d.defer = true;
      rc = numc__record(&c, &d);
      numc__array_free(res);
      res = c;
    }
    if (rc == NUMC_OK) rc = numc__force_into(dst, res);
    if (res) numc__array_free(res);
    res = NULL;
    if (rc == NUMC_OK) {
      dst->refs++;
      res = dst;
    }
  }
  numc__unlock();
  if (rc == NUMC_OK) *out = res;
  return rc;
}

int numc_unary(numc_array **out, numc_op op, const numc_array *x) {
  if (op_arity(op) != 1) return numc__err(NUMC_EINVAL, "op %d is not unary", (int)op);
  const numc_array *in[1] = {x};
  return numc_ufunc(out, op, 1, in, NULL, NUMC_DTYPE_DEFAULT, NUMC_CASTING_SAME_KIND);
}

int numc_binary(numc_array **out, numc_op op, const numc_array *a, const numc_array *b) {
  if (op_arity(op) != 2) return numc__err(NUMC_EINVAL, "op %d is not binary", (int)op);
  const numc_array *in[2] = {a, b};
  return numc_ufunc(out, op, 2, in, NULL, NUMC_DTYPE_DEFAULT, NUMC_CASTING_SAME_KIND);
}

#define DEF_UNARY(E, name, doc)                                                \
  int numc_##name(numc_array **out, const numc_array *x) {                     \
    return numc_unary(out, NUMC_OP_##E, x);                                    \
  }
#define DEF_BINARY(E, name, doc)                                               \
  int numc_##name(numc_array **out, const numc_array *a, const numc_array *b) { \
    return numc_binary(out, NUMC_OP_##E, a, b);                                \
  }
NUMC_UNARY_MAP(DEF_UNARY)
NUMC_BINARY_MAP(DEF_BINARY)
#undef DEF_UNARY
#undef DEF_BINARY

/* A 0-d operand standing for dtype dt (weak: a Python scalar of that kind
 * with value 0, which fits every dtype). */
static int probe_operand(numc_array **out, numc_dtype dt, int weak) {
  numc_scalar s;
  memset(&s, 0, sizeof s);
  s.dtype = dt;
  s.weak = weak;
  return numc_from_scalar(out, &s);
}

int numc_op_result_dtype(numc_dtype *out, numc_op op, numc_dtype a, int weak_a,
                         numc_dtype b, int weak_b) {
  int nin = op_arity(op);
  if (nin == 0) return numc__err(NUMC_EINVAL, "invalid op %d", (int)op);
  if (!numc__dtype_valid(a) || (nin == 2 && !numc__dtype_valid(b)))
    return numc__err(NUMC_ETYPE, "invalid dtype");
  numc_array *arr[2] = {NULL, NULL};
  int rc = probe_operand(&arr[0], a, weak_a);
  if (rc == NUMC_OK && nin == 2) rc = probe_operand(&arr[1], b, weak_b);
  if (rc == NUMC_OK) {
    resolved r;
    numc__lock();
    rc = resolve(&r, op, nin, (const numc_array *const *)arr, NUMC_DTYPE_DEFAULT,
                 NUMC_CASTING_SAME_KIND);
    numc__unlock();
    if (rc == NUMC_OK) *out = r.out;
  }
  numc_release(arr[0]);
  numc_release(arr[1]);
  return rc;
}

/* ---- where and clip ----------------------------------------------------------- */

int numc_where(numc_array **out, const numc_array *cond, const numc_array *x,
               const numc_array *y) {
  const numc_array *in[3] = {cond, x, y};
  NUMC__TRY(check_handles(3, in));
  int nd;
  int64_t shape[NUMC_MAXDIMS];
  NUMC__TRY(broadcast_inputs(&nd, shape, 3, in));
  numc__lock();
  resolved r;
  memset(&r, 0, sizeof r);
  r.constant = -1;
  r.op = NUMC__MAP_WHERE;
  numc_dtype P;
  int rc = promote(&P, 2, in + 1);
  if (rc == NUMC_OK) {
    r.L = r.out = P;
    r.ldt[0] = NUMC_BOOL;
    r.ldt[1] = r.ldt[2] = P;
    for (int i = 1; i < 3 && rc == NUMC_OK; i++)
      if (is_weak(in[i])) {
        numc_scalar s, t;
        weak_value(&s, in[i]);
        rc = numc_scalar_cast(&t, &s, P);
      }
  }
  if (rc == NUMC_OK) rc = record_map(out, &r, 3, in, nd, shape, false);
  numc__unlock();
  return rc;
}

/* A weak int clip bound outside the range of an integer dtype is clamped to
 * the range (NumPy 2's clip does the same). Writes the bound to use, or NULL
 * when it cannot matter. */
static int clip_bound(numc_array **owned, const numc_array **bound, numc_dtype xdt,
                      bool lower) {
  *owned = NULL;
  if (*bound == NULL || !is_weak(*bound) || !numc__is_int(xdt)) return NUMC_OK;
  numc_scalar s;
  weak_value(&s, *bound);
  if (!(s.dtype == NUMC_INT64 || s.dtype == NUMC_UINT64) || numc__weak_int_fits(&s, xdt))
    return NUMC_OK;
  numc_iinfo info;
  numc_iinfo_get(&info, xdt);
  bool big = s.dtype == NUMC_UINT64 || s.v.i64 >= 0;
  if (big != lower) { /* lower bound below the range / upper above: no effect */
    *bound = NULL;
    return NUMC_OK;
  }
  numc_scalar c = numc_weak_int(0);
  if (big) {
    c.dtype = NUMC_UINT64;
    c.v.u64 = info.max;
  } else {
    c.v.i64 = info.min;
  }
  NUMC__TRY(numc_from_scalar(owned, &c));
  *bound = *owned;
  return NUMC_OK;
}

int numc_clip(numc_array **out, const numc_array *x, const numc_array *lo,
              const numc_array *hi) {
  if (x == NULL) return numc__err(NUMC_EINVAL, "input is NULL");
  numc_array *olo, *ohi;
  NUMC__TRY(clip_bound(&olo, &lo, x->dtype, true));
  int rc = clip_bound(&ohi, &hi, x->dtype, false);
  numc_array *cur = NULL, *tmp = NULL;
  if (rc == NUMC_OK) rc = numc_view(&cur, x);
  if (rc == NUMC_OK && lo) {
    rc = numc_binary(&tmp, NUMC_OP_MAXIMUM, cur, lo);
    numc_release(cur);
    cur = rc == NUMC_OK ? tmp : NULL;
  }
  if (rc == NUMC_OK && hi) {
    rc = numc_binary(&tmp, NUMC_OP_MINIMUM, cur, hi);
    numc_release(cur);
    cur = rc == NUMC_OK ? tmp : NULL;
  }
  numc_release(olo);
  numc_release(ohi);
  if (rc == NUMC_OK) *out = cur;
  return rc;
}
