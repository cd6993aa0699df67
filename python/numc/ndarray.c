/*
 * ndarray.c - numc.ndarray: the Python array type over a numc_array handle.
 *
 * Attributes, every Python operator (binary, reflected, in-place, unary,
 * comparisons; Python scalars are weak per NEP 50), conversions with
 * NumPy 2's errors, basic indexing (ints, slices, ..., None) on read and
 * write, iteration, and the methods that mirror namespace functions
 * (implemented once in functions.c). Operators are also the scalar types'
 * operators (dtype.c): a result is a scalar when no operand was an array.
 */
#include "pynumc.h"

#include <string.h>

/* ---- construction ------------------------------------------------------------------- */

PyObject *pynumc_wrap(numc_array *a, PyObject *base) {
  /* warnings from values computed at once (small operations) */
  if (numc_fpe_pending() && pynumc_fpe_flush() < 0) {
    numc_release(a);
    return NULL;
  }
  PyNumcArray *o = PyObject_New(PyNumcArray, &PyNumcArray_Type);
  if (o == NULL) {
    numc_release(a);
    return NULL;
  }
  o->arr = a;
  o->weakrefs = NULL;
  o->computed = 0;
  o->data = NULL;
  /* NumPy's rule: a view's base is the first owner of the data (an array
   * that owns its data, or a non-array exporter). */
  while (base != NULL && PyNumcArray_Check(base) &&
         ((PyNumcArray *)base)->base != NULL &&
         PyNumcArray_Check(((PyNumcArray *)base)->base))
    base = ((PyNumcArray *)base)->base;
  o->base = base ? Py_NewRef(base) : NULL;
  return (PyObject *)o;
}

PyObject *pynumc_wrap_result(numc_array *a, int as_scalar) {
  if (!as_scalar || numc_array_ndim(a) != 0) return pynumc_wrap(a, NULL);
  numc_scalar s;
  int rc = pynumc_eval1(a);
  if (rc == 0) {
    rc = numc_item_get(&s, a, NULL);
    if (rc < 0) pynumc_err(rc);
  }
  numc_release(a);
  return rc < 0 ? NULL : pynumc_scalar_new(&s);
}

static void array_dealloc(PyObject *self) {
  PyNumcArray *o = (PyNumcArray *)self;
  if (o->weakrefs) PyObject_ClearWeakRefs(self);
  numc_array *a = o->arr;
  o->arr = NULL;
  /* releasing may free wrapped memory (callbacks take the GIL themselves) */
  numc_release(a);
  Py_CLEAR(o->base);
  Py_TYPE(self)->tp_free(self);
}

/* numc.ndarray(shape, dtype=float, buffer=None, offset=0, strides=None,
 * order=None): NumPy's low-level constructor, implemented by
 * numc._compat._ndarray_new (an uninitialized array, or a view of a
 * buffer's memory). numc.ndarray has no subclasses. */
static PyObject *array_new(PyTypeObject *t, PyObject *args, PyObject *kwds) {
  if (t != &PyNumcArray_Type) {
    PyErr_SetString(PyExc_TypeError, "numc.ndarray cannot be subclassed");
    return NULL;
  }
  PyObject *mod = PyImport_ImportModule("numc._compat");
  PyObject *fn = mod ? PyObject_GetAttrString(mod, "_ndarray_new") : NULL;
  Py_XDECREF(mod);
  if (fn == NULL) return NULL;
  PyObject *r = PyObject_Call(fn, args, kwds);
  Py_DECREF(fn);
  return r;
}

/* ---- operators ---------------------------------------------------------------------- */

static PyObject *binop(PyObject *a, PyObject *b, numc_op op) {
  numc_array *x, *y, *out;
  int ka, kb, oa, ob, rc;
  int r = pynumc_operands2(a, b, &x, &y, &ka, &kb, &oa, &ob);
  if (r != 0) return r < 0 ? NULL : Py_NewRef(Py_NotImplemented);
  PYNUMC_NOGIL_IF(pynumc_heavy_obj(a, x) || pynumc_heavy_obj(b, y),
                  rc = numc_binary(&out, op, x, y));
  pynumc_opnd_done(x, oa);
  pynumc_opnd_done(y, ob);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap_result(out, ka != PYNUMC_OPND_ARRAY &&
                                     kb != PYNUMC_OPND_ARRAY);
}

/* a op= b, written into a (same_kind casting, as NumPy's in-place
 * operators); returns a. nin 1 applies a unary op to a (fast powers). */
static PyObject *inplace(PyObject *a, PyObject *b, numc_op op, int nin) {
  if (!PyNumcArray_Check(a)) Py_RETURN_NOTIMPLEMENTED;
  numc_array *y = NULL, *out;
  int kb, ob = 0, rc;
  if (nin == 2) {
    int r = pynumc_operand_b(b, &y, &kb, &ob);
    if (r != 0) return r < 0 ? NULL : Py_NewRef(Py_NotImplemented);
  }
  numc_array *dst = PYNUMC_ARR(a);
  const numc_array *in[2] = {dst, y};
  PYNUMC_NOGIL_IF(pynumc_heavy_obj(a, dst) || (y && pynumc_heavy_obj(b, y)),
                  rc = numc_ufunc(&out, op, nin, in, dst, NUMC_DTYPE_DEFAULT,
                                  NUMC_CASTING_SAME_KIND));
  if (y) pynumc_opnd_done(y, ob);
  if (rc < 0) return pynumc_err(rc);
  numc_release(out);
  return Py_NewRef(a);
}

static PyObject *unop(PyObject *a, numc_op op) {
  numc_array *x, *out;
  int k, o, rc;
  int r = pynumc_operand_b(a, &x, &k, &o);
  if (r != 0) return r < 0 ? NULL : Py_NewRef(Py_NotImplemented);
  PYNUMC_NOGIL_IF(pynumc_heavy_obj(a, x), rc = numc_unary(&out, op, x));
  pynumc_opnd_done(x, o);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap_result(out, k != PYNUMC_OPND_ARRAY);
}

PyObject *pynumc_binop(PyObject *a, PyObject *b, numc_op op) {
  return binop(a, b, op);
}
PyObject *pynumc_unop(PyObject *a, numc_op op) { return unop(a, op); }

#define BINARY_SLOT(slot, OP)                                                  \
  static PyObject *nb_##slot(PyObject *a, PyObject *b) {                       \
    return binop(a, b, NUMC_OP_##OP);                                          \
  }                                                                            \
  static PyObject *nb_inplace_##slot(PyObject *a, PyObject *b) {               \
    return inplace(a, b, NUMC_OP_##OP, 2);                                     \
  }
BINARY_SLOT(add, ADD)
BINARY_SLOT(subtract, SUBTRACT)
BINARY_SLOT(multiply, MULTIPLY)
BINARY_SLOT(remainder, REMAINDER)
BINARY_SLOT(lshift, BITWISE_LEFT_SHIFT)
BINARY_SLOT(rshift, BITWISE_RIGHT_SHIFT)
BINARY_SLOT(and, BITWISE_AND)
BINARY_SLOT(xor, BITWISE_XOR)
BINARY_SLOT(or, BITWISE_OR)
BINARY_SLOT(floor_divide, FLOOR_DIVIDE)
BINARY_SLOT(true_divide, DIVIDE)
#undef BINARY_SLOT

#define UNARY_SLOT(slot, OP)                                                   \
  static PyObject *nb_##slot(PyObject *a) { return unop(a, NUMC_OP_##OP); }
UNARY_SLOT(negative, NEGATIVE)
UNARY_SLOT(positive, POSITIVE)
UNARY_SLOT(absolute, ABS)
UNARY_SLOT(invert, BITWISE_INVERT)
#undef UNARY_SLOT

/* NumPy's fast paths of the ** operator for an exact Python int/float
 * exponent: 2 -> square (every dtype: bool ** 2 is int8 as np.square),
 * -1 -> reciprocal and 0.5 -> sqrt (float/complex arrays only). Returns the
 * unary op, or -1 for the general power. */
static int fast_power_op(PyObject *a, PyObject *b) {
  if (!PyNumcArray_Check(a)) return -1;
  char k = numc_dtype_kind(numc_array_dtype(PYNUMC_ARR(a)));
  int inexact = k == 'f' || k == 'c';
  if (PyLong_CheckExact(b)) {
    int overflow;
    long e = PyLong_AsLongAndOverflow(b, &overflow);
    if (overflow) return -1;
    if (e == 2) return NUMC_OP_SQUARE;
    if (e == -1 && inexact) return NUMC_OP_RECIPROCAL;
    return -1;
  }
  if (inexact && PyFloat_CheckExact(b) && PyFloat_AS_DOUBLE(b) == 0.5)
    return NUMC_OP_SQRT;
  return -1;
}

static PyObject *nb_power(PyObject *a, PyObject *b, PyObject *mod) {
  if (mod != Py_None) Py_RETURN_NOTIMPLEMENTED;
  int fast = fast_power_op(a, b);
  if (fast >= 0) return unop(a, (numc_op)fast);
  return binop(a, b, NUMC_OP_POW);
}

static PyObject *nb_inplace_power(PyObject *a, PyObject *b, PyObject *mod) {
  if (mod != Py_None) Py_RETURN_NOTIMPLEMENTED;
  int fast = fast_power_op(a, b);
  if (fast >= 0) return inplace(a, NULL, (numc_op)fast, 1);
  return inplace(a, b, NUMC_OP_POW, 2);
}

static PyObject *nb_divmod(PyObject *a, PyObject *b) {
  PyObject *q = binop(a, b, NUMC_OP_FLOOR_DIVIDE);
  if (q == NULL || q == Py_NotImplemented) return q;
  PyObject *r = binop(a, b, NUMC_OP_REMAINDER);
  if (r == NULL) {
    Py_DECREF(q);
    return NULL;
  }
  return Py_BuildValue("(NN)", q, r);
}


/* ---- conversions ---------------------------------------------------------------------- */

/* The first element (callers check that there is one). */
static int item0(PyObject *self, numc_scalar *s) {
  const char *p = pynumc_read_ptr(self);
  if (p == NULL) return -1;
  s->dtype = numc_array_dtype(PYNUMC_ARR(self));
  s->weak = 0;
  memcpy(&s->v, p, numc_dtype_itemsize(s->dtype));
  return 0;
}

static int nb_bool(PyObject *self) {
  int64_t size = numc_array_size(PYNUMC_ARR(self));
  if (size == 0) {
    PyErr_SetString(PyExc_ValueError,
                    "The truth value of an empty array is ambiguous. Use "
                    "`array.size > 0` to check that an array is not empty.");
    return -1;
  }
  if (size > 1) {
    PyErr_SetString(PyExc_ValueError,
                    "The truth value of an array with more than one element "
                    "is ambiguous. Use a.any() or a.all()");
    return -1;
  }
  numc_scalar s;
  if (item0(self, &s) < 0) return -1;
  return pynumc_scalar_truth(&s);
}

/* The Python value of a 0-d array (TypeError otherwise, as NumPy 2.4). */
static PyObject *value_0d(PyObject *self) {
  if (numc_array_ndim(PYNUMC_ARR(self)) != 0) {
    PyErr_SetString(PyExc_TypeError,
                    "only 0-dimensional arrays can be converted to Python "
                    "scalars");
    return NULL;
  }
  numc_scalar s;
  if (item0(self, &s) < 0) return NULL;
  return pynumc_scalar_to_py(&s);
}

static PyObject *nb_float(PyObject *self) {
  return pynumc_number_as(value_0d(self), &PyFloat_Type);
}

static PyObject *nb_int(PyObject *self) {
  return pynumc_number_as(value_0d(self), &PyLong_Type);
}

static PyObject *nb_index(PyObject *self) {
  numc_array *a = PYNUMC_ARR(self);
  char k = numc_dtype_kind(numc_array_dtype(a));
  if (numc_array_ndim(a) != 0 || (k != 'i' && k != 'u')) {
    PyErr_SetString(PyExc_TypeError,
                    "only integer scalar arrays can be converted to a scalar "
                    "index");
    return NULL;
  }
  return value_0d(self);
}

static PyObject *m_complex(PyObject *self, PyObject *unused) {
  (void)unused;
  PyObject *v = value_0d(self);
  if (v == NULL) return NULL;
  Py_complex c = PyComplex_AsCComplex(v);
  Py_DECREF(v);
  if (c.real == -1.0 && PyErr_Occurred()) return NULL;
  return PyComplex_FromCComplex(c);
}

/* __format__(spec): a 0-d array formats as its element, as in NumPy; numc's
 * full reductions return 0-d arrays where NumPy returns scalars, so
 * f"{x.mean():.3f}" must work. Other arrays take only the empty spec. */
static PyObject *m_format(PyObject *self, PyObject *spec) {
  if (!PyUnicode_Check(spec)) {
    PyErr_SetString(PyExc_TypeError, "__format__() argument must be str");
    return NULL;
  }
  if (numc_array_ndim(PYNUMC_ARR(self)) == 0) {
    PyObject *v = value_0d(self);
    if (v == NULL) return NULL;
    PyObject *r = PyObject_Format(v, spec);
    Py_DECREF(v);
    return r;
  }
  if (PyUnicode_GET_LENGTH(spec) == 0) return PyObject_Str(self);
  PyErr_SetString(PyExc_TypeError,
                  "unsupported format string passed to numc.ndarray.__format__");
  return NULL;
}

/* __round__(ndigits=None) of a 0-d array: its element rounded as NumPy's
 * scalar rounds (round(x.mean(), 2) keeps working where NumPy returns a
 * scalar); other arrays have no __round__, as NumPy's. */
static PyObject *m_round(PyObject *self, PyObject *const *args, Py_ssize_t n) {
  if (numc_array_ndim(PYNUMC_ARR(self)) != 0 || n > 1) {
    PyErr_SetString(PyExc_TypeError, n > 1 ? "__round__() takes at most 1 argument"
                                           : "type numc.ndarray doesn't define "
                                             "__round__ method");
    return NULL;
  }
  numc_scalar s;
  if (item0(self, &s) < 0) return NULL;
  PyObject *v = pynumc_scalar_new(&s);
  if (v == NULL) return NULL;
  PyObject *name = PyUnicode_FromString("__round__");
  PyObject *r = NULL;
  if (name != NULL) {
    PyObject *call[2] = {v, n ? args[0] : NULL};
    r = PyObject_VectorcallMethod(name, call, 1 + (size_t)n, NULL);
    Py_DECREF(name);
  }
  Py_DECREF(v);
  return r;
}

PyNumberMethods pynumc_array_as_number = {
    .nb_add = nb_add,
    .nb_subtract = nb_subtract,
    .nb_multiply = nb_multiply,
    .nb_remainder = nb_remainder,
    .nb_divmod = nb_divmod,
    .nb_power = nb_power,
    .nb_negative = nb_negative,
    .nb_positive = nb_positive,
    .nb_absolute = nb_absolute,
    .nb_bool = nb_bool,
    .nb_invert = nb_invert,
    .nb_lshift = nb_lshift,
    .nb_rshift = nb_rshift,
    .nb_and = nb_and,
    .nb_xor = nb_xor,
    .nb_or = nb_or,
    .nb_int = nb_int,
    .nb_float = nb_float,
    .nb_inplace_add = nb_inplace_add,
    .nb_inplace_subtract = nb_inplace_subtract,
    .nb_inplace_multiply = nb_inplace_multiply,
    .nb_inplace_remainder = nb_inplace_remainder,
    .nb_inplace_power = nb_inplace_power,
    .nb_inplace_lshift = nb_inplace_lshift,
    .nb_inplace_rshift = nb_inplace_rshift,
    .nb_inplace_and = nb_inplace_and,
    .nb_inplace_xor = nb_inplace_xor,
    .nb_inplace_or = nb_inplace_or,
    .nb_floor_divide = nb_floor_divide,
    .nb_true_divide = nb_true_divide,
    .nb_inplace_floor_divide = nb_inplace_floor_divide,
    .nb_inplace_true_divide = nb_inplace_true_divide,
    .nb_index = nb_index,
    .nb_matrix_multiply = pynumc_matmul_op,
    .nb_inplace_matrix_multiply = pynumc_imatmul_op,
};

PyObject *pynumc_richcompare(PyObject *a, PyObject *b, int op) {
  static const numc_op ops[] = {
      [Py_LT] = NUMC_OP_LESS,      [Py_LE] = NUMC_OP_LESS_EQUAL,
      [Py_EQ] = NUMC_OP_EQUAL,     [Py_NE] = NUMC_OP_NOT_EQUAL,
      [Py_GT] = NUMC_OP_GREATER,   [Py_GE] = NUMC_OP_GREATER_EQUAL};
  return binop(a, b, ops[op]);
}

/* x[ii] for a full integer index, as a scalar: straight from the cached
 * read pointer when in bounds, else through numc (bounds errors). */
static PyObject *element(PyObject *self, const int64_t *ii) {
  numc_array *a = PYNUMC_ARR(self);
  int nd = numc_array_ndim(a);
  const int64_t *sh = numc_array_shape(a), *st = numc_array_strides(a);
  int64_t off = 0;
  for (int i = 0; i < nd; i++) {
    int64_t k = ii[i];
    if (k < 0) k += sh[i];
    if (k < 0 || k >= sh[i]) {
      numc_scalar s;
      int rc = numc_item_get(&s, a, ii);
      return rc < 0 ? pynumc_err(rc) : pynumc_scalar_new(&s);
    }
    off += k * st[i];
  }
  const char *p = pynumc_read_ptr(self);
  if (p == NULL) return NULL;
  numc_scalar s;
  s.dtype = numc_array_dtype(a);
  s.weak = 0;
  memcpy(&s.v, p + off, numc_dtype_itemsize(s.dtype));
  return pynumc_scalar_new(&s);
}

/* ---- indexing ------------------------------------------------------------------------------ */

#define MAXIDX (2 * NUMC_MAXDIMS + 2)

typedef struct {
  int n;
  int nint; /* entries that are integers */
  numc_index idx[MAXIDX];
} basic_index;

static const char bad_index_msg[] =
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) "
    "and integer or boolean arrays are valid indices";

enum { IX_BASIC = 0, IX_ADVANCED = 1 };

static int set_int(numc_index *ix, PyObject *o) {
  int overflow;
  long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (overflow) {
    PyErr_SetString(PyExc_IndexError,
                    "cannot fit 'int' into an index-sized integer");
    return -1;
  }
  ix->kind = NUMC_INDEX_INT;
  ix->start = v;
  return 0;
}

/* One index entry: 0 basic, IX_ADVANCED, -1 error. */
static int parse_entry(PyObject *o, numc_index *ix, int *is_int) {
  memset(ix, 0, sizeof *ix);
  *is_int = 0;
  if (PyLong_CheckExact(o)) {
    *is_int = 1;
    return set_int(ix, o);
  }
  if (PySlice_Check(o)) {
    PySliceObject *s = (PySliceObject *)o;
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(o, &start, &stop, &step) < 0) return -1;
    ix->kind = NUMC_INDEX_SLICE;
    ix->has_start = s->start != Py_None;
    ix->has_stop = s->stop != Py_None;
    ix->start = start, ix->stop = stop, ix->step = step;
    return 0;
  }
  if (o == Py_Ellipsis) {
    ix->kind = NUMC_INDEX_ELLIPSIS;
    return 0;
  }
  if (o == Py_None) {
    ix->kind = NUMC_INDEX_NEWAXIS;
    return 0;
  }
  if (PyBool_Check(o)) return IX_ADVANCED;
  if (PyNumcScalar_Check(o)) {
    numc_scalar s;
    pynumc_scalar_value(o, &s);
    char k = numc_dtype_kind(s.dtype);
    if (k == 'b') return IX_ADVANCED;
    if (k != 'i' && k != 'u') goto invalid;
    *is_int = 1;
    ix->kind = NUMC_INDEX_INT;
    if (s.dtype == NUMC_UINT64 && s.v.u64 > INT64_MAX) {
      PyErr_SetString(PyExc_IndexError,
                      "cannot fit 'int' into an index-sized integer");
      return -1;
    }
    numc_scalar t;
    numc_scalar_cast(&t, &s, NUMC_INT64);
    ix->start = t.v.i64;
    return 0;
  }
  if (PyNumcArray_Check(o)) {
    numc_array *a = PYNUMC_ARR(o);
    char k = numc_dtype_kind(numc_array_dtype(a));
    if (numc_array_ndim(a) == 0 && (k == 'i' || k == 'u')) {
      PyObject *v = nb_index(o);
      if (v == NULL) return -1;
      int r = set_int(ix, v);
      Py_DECREF(v);
      *is_int = 1;
      return r;
    }
    return IX_ADVANCED;
  }
  int array_like = PyObject_CheckBuffer(o) ||
                   PyObject_HasAttrString(o, "__array_interface__") ||
                   PyObject_HasAttrString(o, "__array__");
  if (PyLong_Check(o) || (PyIndex_Check(o) && !PyFloat_Check(o))) {
    PyObject *v = PyNumber_Index(o);
    if (v == NULL) {
      /* a NumPy array: integer only when 0-d; otherwise advanced */
      if (!array_like || !PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
      PyErr_Clear();
      return IX_ADVANCED;
    }
    int r = set_int(ix, v);
    Py_DECREF(v);
    *is_int = 1;
    return r;
  }
  if (PyList_Check(o) || PyTuple_Check(o) || array_like) return IX_ADVANCED;
invalid:
  PyErr_SetString(PyExc_IndexError, bad_index_msg);
  return -1;
}

/* Parses a key into basic entries: 0 basic, IX_ADVANCED, -1 error. */
static int parse_index(PyObject *key, basic_index *p) {
  p->n = p->nint = 0;
  if (!PyTuple_Check(key)) {
    int is_int, r = parse_entry(key, &p->idx[0], &is_int);
    if (r != 0) return r;
    p->n = 1, p->nint = is_int;
    return 0;
  }
  Py_ssize_t n = PyTuple_GET_SIZE(key);
  if (n > MAXIDX) {
    PyErr_SetString(PyExc_IndexError, "too many indices for array");
    return -1;
  }
  int advanced = 0;
  for (Py_ssize_t i = 0; i < n; i++) {
    int is_int, r = parse_entry(PyTuple_GET_ITEM(key, i), &p->idx[i], &is_int);
    if (r < 0) return -1;
    if (r == IX_ADVANCED) advanced = 1;
    p->nint += is_int;
  }
  p->n = (int)n;
  return advanced ? IX_ADVANCED : 0;
}

/* ---- advanced indexing: integer arrays, boolean masks, mixed with basic
 * entries; libnumc's numc_index_get/numc_index_set do the work. */

/* A key with array entries, as libnumc takes it: basic entries parsed as
 * for a view, the others converted to index arrays (held here). */
typedef struct {
  int n;
  int heavy; /* an index array may compute */
  numc_index idx[MAXIDX];
  numc_array *held[MAXIDX];
} adv_index;

static void adv_done(adv_index *p) {
  for (int i = 0; i < p->n; i++) numc_release(p->held[i]);
  p->n = 0;
}

static int parse_advanced(PyObject *key, adv_index *p) {
  PyObject *const *items = &key;
  Py_ssize_t n = 1;
  if (PyTuple_Check(key)) {
    items = &PyTuple_GET_ITEM(key, 0);
    n = PyTuple_GET_SIZE(key);
  }
  p->n = 0;
  p->heavy = 0;
  if (n > MAXIDX) {
    PyErr_SetString(PyExc_IndexError, "too many indices for array");
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    int is_int, r = parse_entry(items[i], &p->idx[i], &is_int);
    p->held[i] = NULL;
    p->n = (int)i + 1;
    if (r == IX_ADVANCED) r = pynumc_index_array(items[i], &p->held[i]);
    if (r < 0) {
      adv_done(p);
      return -1;
    }
    if (p->held[i] != NULL) {
      p->idx[i].kind = NUMC_INDEX_ARRAY;
      p->idx[i].array = p->held[i];
      p->heavy |= pynumc_heavy(p->held[i]);
    }
  }
  return 0;
}

static PyObject *advanced_getitem(PyObject *self, PyObject *key) {
  adv_index p;
  if (parse_advanced(key, &p) < 0) return NULL;
  numc_array *a = PYNUMC_ARR(self), *out;
  int rc;
  PYNUMC_NOGIL_IF(p.heavy || pynumc_heavy(a),
                  rc = numc_index_get(&out, a, p.n, p.idx));
  adv_done(&p);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static int advanced_setitem(PyObject *self, PyObject *key, PyObject *value) {
  adv_index p;
  numc_array *a = PYNUMC_ARR(self), *v;
  if (parse_advanced(key, &p) < 0) return -1;
  if (pynumc_value_handle(value, numc_array_dtype(a), &v) < 0) {
    adv_done(&p);
    return -1;
  }
  int rc;
  PYNUMC_NOGIL_IF(p.heavy || pynumc_heavy(a) || pynumc_heavy(v),
                  rc = numc_index_set(a, p.n, p.idx, v));
  adv_done(&p);
  numc_release(v);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

/* True when every entry is an integer and they address one element. */
static int is_element(const basic_index *p, int ndim) {
  return p->nint == p->n && p->n == ndim;
}

static PyObject *array_getitem(PyObject *self, PyObject *key) {
  numc_array *a0 = PYNUMC_ARR(self);
  if (PyLong_CheckExact(key) && numc_array_ndim(a0) == 1) { /* x[i] */
    int overflow;
    long long i = PyLong_AsLongLongAndOverflow(key, &overflow);
    if (!overflow && !(i == -1 && PyErr_Occurred())) {
      int64_t ii = i;
      return element(self, &ii);
    }
    PyErr_Clear();
  }
  basic_index p;
  int r = parse_index(key, &p);
  if (r < 0) return NULL;
  if (r == IX_ADVANCED) return advanced_getitem(self, key);
  numc_array *a = PYNUMC_ARR(self), *out;
  int rc;
  if (is_element(&p, numc_array_ndim(a))) {
    int64_t ii[NUMC_MAXDIMS];
    for (int i = 0; i < p.n; i++) ii[i] = p.idx[i].start;
    return element(self, ii);
  }
  rc = numc_index_view(&out, a, p.n, p.idx);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, self);
}

/* A non-scalar assigned value (not an ndarray) as a handle: sequences
 * convert straight to the destination dtype (as NumPy). */
static int sequence_value(PyObject *value, numc_dtype dt, numc_array **out) {
  int seq = PyList_Check(value) || PyTuple_Check(value);
  int r = pynumc_asarray_handle(value, seq ? dt : NUMC_DTYPE_DEFAULT,
                                NUMC_COPY_IF_NEEDED, out, NULL);
  if (r == 1) {
    PyErr_Format(PyExc_TypeError, "cannot assign '%.200s' to a numc array",
                 Py_TYPE(value)->tp_name);
    return -1;
  }
  return r;
}

int pynumc_value_handle(PyObject *value, numc_dtype dt, numc_array **out) {
  if (PyNumcArray_Check(value)) {
    *out = numc_retain(PYNUMC_ARR(value));
    return 0;
  }
  numc_scalar s;
  int r = pynumc_any_scalar(value, &s);
  if (r < 0) return -1;
  if (r == 0) return sequence_value(value, dt, out);
  if (pynumc_no_complex_to_real(&s, dt) < 0) return -1;
  int rc = numc_from_scalar(out, &s);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

/* dst[...] = value with NumPy's setitem conversions. */
static int assign_value(numc_array *dst, PyObject *value) {
  int rc;
  numc_scalar s;
  numc_dtype dt = numc_array_dtype(dst);
  if (!PyNumcArray_Check(value)) {
    int r = pynumc_any_scalar(value, &s);
    if (r < 0) return -1;
    if (r == 1) {
      if (pynumc_no_complex_to_real(&s, dt) < 0) return -1;
      PYNUMC_NOGIL_IF(pynumc_heavy(dst), rc = numc_fill(dst, &s));
      return rc < 0 ? pynumc_err_int(rc) : 0;
    }
  }
  numc_array *src;
  if (pynumc_value_handle(value, dt, &src) < 0) return -1;
  PYNUMC_NOGIL_IF(pynumc_heavy(dst) || pynumc_heavy(src),
                  rc = numc_assign(dst, src, NUMC_CASTING_UNSAFE));
  numc_release(src);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

/* NumPy refuses an array of ndim > 0 stored into a single element
 * (x[0] = [5] on a 1-d x): ValueError. 0 if value is acceptable. */
static int element_sequence(PyObject *value, numc_dtype dt) {
  numc_array *v;
  if (pynumc_value_handle(value, dt, &v) < 0) return -1;
  int nd = numc_array_ndim(v);
  numc_release(v);
  if (nd > 0) {
    PyErr_SetString(PyExc_ValueError,
                    "setting an array element with a sequence.");
    return -1;
  }
  return 0;
}

static int array_setitem(PyObject *self, PyObject *key, PyObject *value) {
  if (value == NULL) {
    PyErr_SetString(PyExc_ValueError, "cannot delete array elements");
    return -1;
  }
  basic_index p;
  int r = parse_index(key, &p);
  if (r < 0) return -1;
  if (r == IX_ADVANCED) return advanced_setitem(self, key, value);
  numc_array *a = PYNUMC_ARR(self), *view;
  if (!(numc_array_flags(a) & NUMC_WRITEABLE)) {
    PyErr_SetString(PyExc_ValueError, "assignment destination is read-only");
    return -1;
  }
  int rc;
  if (is_element(&p, numc_array_ndim(a))) {
    numc_scalar s;
    r = pynumc_pyscalar(value, &s);
    if (r < 0) return -1;
    if (r == 0 && PyNumcScalar_Check(value)) {
      pynumc_scalar_value(value, &s);
      r = 1;
    }
    if (r == 1) {
      if (pynumc_no_complex_to_real(&s, numc_array_dtype(a)) < 0) return -1;
      int64_t ii[NUMC_MAXDIMS];
      for (int i = 0; i < p.n; i++) ii[i] = p.idx[i].start;
      PYNUMC_NOGIL_IF(pynumc_heavy(a), rc = numc_item_set(a, ii, &s));
      return rc < 0 ? pynumc_err_int(rc) : 0;
    }
    if (element_sequence(value, numc_array_dtype(a)) < 0) return -1;
  }
  rc = numc_index_view(&view, a, p.n, p.idx);
  if (rc < 0) return pynumc_err_int(rc);
  r = assign_value(view, value);
  numc_release(view);
  return r;
}

static Py_ssize_t array_length(PyObject *self) {
  numc_array *a = PYNUMC_ARR(self);
  if (numc_array_ndim(a) == 0) {
    PyErr_SetString(PyExc_TypeError, "len() of unsized object");
    return -1;
  }
  return (Py_ssize_t)numc_array_shape(a)[0];
}

/* x[i] for iteration and the sequence protocol. */
static PyObject *array_item(PyObject *self, Py_ssize_t i) {
  numc_array *a = PYNUMC_ARR(self), *out;
  int rc;
  if (numc_array_ndim(a) == 1) {
    int64_t ii = i;
    return element(self, &ii);
  }
  numc_index ix;
  memset(&ix, 0, sizeof ix);
  ix.kind = NUMC_INDEX_INT;
  ix.start = i;
  rc = numc_index_view(&out, a, 1, &ix);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, self);
}

static int array_contains(PyObject *self, PyObject *value) {
  PyObject *eq = binop(self, value, NUMC_OP_EQUAL);
  if (eq == NULL) return -1;
  if (eq == Py_NotImplemented) {
    Py_DECREF(eq);
    return 0;
  }
  numc_array *any;
  int rc = numc_any(&any, PYNUMC_ARR(eq), -1, NULL, 0);
  Py_DECREF(eq);
  if (rc < 0) return pynumc_err_int(rc);
  numc_scalar s;
  rc = pynumc_eval1(any);
  if (rc == 0) {
    rc = numc_item_get(&s, any, NULL);
    if (rc < 0) pynumc_err(rc);
  }
  numc_release(any);
  return rc < 0 ? -1 : s.v.b != 0;
}

static PyObject *array_iter(PyObject *self) {
  if (numc_array_ndim(PYNUMC_ARR(self)) == 0) {
    PyErr_SetString(PyExc_TypeError, "iteration over a 0-d array");
    return NULL;
  }
  return PySeqIter_New(self);
}

static PySequenceMethods array_as_sequence = {
    .sq_length = array_length,
    .sq_item = array_item,
    .sq_contains = array_contains,
};

static PyMappingMethods array_as_mapping = {
    .mp_length = array_length,
    .mp_subscript = array_getitem,
    .mp_ass_subscript = array_setitem,
};

/* ---- flags -------------------------------------------------------------------------------- */

typedef struct {
  PyObject_HEAD
  PyObject *arr;
} FlagsObject;

static void flags_dealloc(PyObject *self) {
  Py_XDECREF(((FlagsObject *)self)->arr);
  Py_TYPE(self)->tp_free(self);
}

static unsigned flags_bits(PyObject *self) {
  return numc_array_flags(PYNUMC_ARR(((FlagsObject *)self)->arr));
}

#define FLAG_GETTER(name, BIT)                                                 \
  static PyObject *flags_##name(PyObject *self, void *c) {                     \
    (void)c;                                                                   \
    return PyBool_FromLong((flags_bits(self) & (BIT)) != 0);                   \
  }
FLAG_GETTER(c_contiguous, NUMC_C_CONTIGUOUS)
FLAG_GETTER(f_contiguous, NUMC_F_CONTIGUOUS)
FLAG_GETTER(writeable, NUMC_WRITEABLE)
FLAG_GETTER(owndata, NUMC_OWNDATA)
FLAG_GETTER(aligned, NUMC_ALIGNED)
#undef FLAG_GETTER

static PyObject *flags_false(PyObject *self, void *c) {
  (void)self, (void)c;
  Py_RETURN_FALSE;
}

static int set_writeable(PyObject *arr, PyObject *v) {
  if (v == NULL) {
    PyErr_SetString(PyExc_AttributeError, "cannot delete flags");
    return -1;
  }
  int w = PyObject_IsTrue(v);
  if (w < 0) return -1;
  numc_array *a = PYNUMC_ARR(arr);
  if (w) { /* broadcast views (zero strides) stay read-only, as NumPy's */
    const int64_t *sh = numc_array_shape(a), *st = numc_array_strides(a);
    for (int i = 0; i < numc_array_ndim(a); i++) {
      if (st[i] == 0 && sh[i] > 1) {
        PyErr_SetString(PyExc_ValueError,
                        "cannot set WRITEABLE flag to True of this array");
        return -1;
      }
    }
  }
  int rc = numc_array_set_writeable(a, w);
  if (rc < 0) {
    PyErr_SetString(PyExc_ValueError,
                    "cannot set WRITEABLE flag to True of this array");
    return -1;
  }
  return 0;
}

static int flags_set_writeable(PyObject *self, PyObject *v, void *c) {
  (void)c;
  return set_writeable(((FlagsObject *)self)->arr, v);
}

static PyGetSetDef flags_getset[] = {
    {"c_contiguous", flags_c_contiguous, NULL, NULL, NULL},
    {"f_contiguous", flags_f_contiguous, NULL, NULL, NULL},
    {"contiguous", flags_c_contiguous, NULL, NULL, NULL},
    {"writeable", flags_writeable, flags_set_writeable, NULL, NULL},
    {"owndata", flags_owndata, NULL, NULL, NULL},
    {"aligned", flags_aligned, NULL, NULL, NULL},
    {"writebackifcopy", flags_false, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static const struct {
  const char *key;
  unsigned bit;
} flag_keys[] = {{"C_CONTIGUOUS", NUMC_C_CONTIGUOUS}, {"C", NUMC_C_CONTIGUOUS},
                 {"F_CONTIGUOUS", NUMC_F_CONTIGUOUS}, {"F", NUMC_F_CONTIGUOUS},
                 {"WRITEABLE", NUMC_WRITEABLE},       {"W", NUMC_WRITEABLE},
                 {"OWNDATA", NUMC_OWNDATA},           {"O", NUMC_OWNDATA},
                 {"ALIGNED", NUMC_ALIGNED},           {"A", NUMC_ALIGNED},
                 {"WRITEBACKIFCOPY", 0},              {"X", 0}};

static int flag_bit(PyObject *key, unsigned *bit) {
  const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
  for (size_t i = 0; k && i < sizeof flag_keys / sizeof flag_keys[0]; i++) {
    if (strcmp(k, flag_keys[i].key) == 0) {
      *bit = flag_keys[i].bit;
      return 0;
    }
  }
  PyErr_SetString(PyExc_KeyError, "Unknown flag");
  return -1;
}

static PyObject *flags_getitem(PyObject *self, PyObject *key) {
  unsigned bit;
  if (flag_bit(key, &bit) < 0) return NULL;
  return PyBool_FromLong(bit && (flags_bits(self) & bit));
}

static int flags_setitem(PyObject *self, PyObject *key, PyObject *v) {
  unsigned bit;
  if (flag_bit(key, &bit) < 0) return -1;
  if (bit != NUMC_WRITEABLE) {
    PyErr_SetString(PyExc_KeyError, "only WRITEABLE can be set");
    return -1;
  }
  return set_writeable(((FlagsObject *)self)->arr, v);
}

static PyObject *flags_repr(PyObject *self) {
  unsigned b = flags_bits(self);
#define TF(x) ((b & (x)) ? "True" : "False")
  return PyUnicode_FromFormat(
      "  C_CONTIGUOUS : %s\n  F_CONTIGUOUS : %s\n  OWNDATA : %s\n"
      "  WRITEABLE : %s\n  ALIGNED : %s\n  WRITEBACKIFCOPY : False\n",
      TF(NUMC_C_CONTIGUOUS), TF(NUMC_F_CONTIGUOUS), TF(NUMC_OWNDATA),
      TF(NUMC_WRITEABLE), TF(NUMC_ALIGNED));
#undef TF
}

static PyMappingMethods flags_as_mapping = {NULL, flags_getitem,
                                            flags_setitem};

static PyTypeObject Flags_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.flagsobj",
    .tp_basicsize = sizeof(FlagsObject),
    .tp_dealloc = flags_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_repr = flags_repr,
    .tp_as_mapping = &flags_as_mapping,
    .tp_getset = flags_getset,
};

/* ---- attributes ------------------------------------------------------------------------------ */

static PyObject *a_shape(PyObject *self, void *c) {
  (void)c;
  numc_array *a = PYNUMC_ARR(self);
  return pynumc_tuple_i64(numc_array_ndim(a), numc_array_shape(a));
}
static PyObject *a_strides(PyObject *self, void *c) {
  (void)c;
  numc_array *a = PYNUMC_ARR(self);
  return pynumc_tuple_i64(numc_array_ndim(a), numc_array_strides(a));
}
static PyObject *a_dtype(PyObject *self, void *c) {
  (void)c;
  return Py_NewRef(pynumc_dtype_obj(numc_array_dtype(PYNUMC_ARR(self))));
}
static PyObject *a_ndim(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromLong(numc_array_ndim(PYNUMC_ARR(self)));
}
static PyObject *a_size(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromLongLong(numc_array_size(PYNUMC_ARR(self)));
}
static PyObject *a_itemsize(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromSize_t(numc_array_itemsize(PYNUMC_ARR(self)));
}
static PyObject *a_nbytes(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromLongLong(numc_array_nbytes(PYNUMC_ARR(self)));
}
static PyObject *a_device(PyObject *self, void *c) {
  (void)self, (void)c;
  return Py_NewRef(pynumc_cpu_device);
}
static PyObject *a_base(PyObject *self, void *c) {
  (void)c;
  PyObject *b = ((PyNumcArray *)self)->base;
  return Py_NewRef(b ? b : Py_None);
}
static PyObject *a_T(PyObject *self, void *c) {
  (void)c;
  return pynumc_m_transpose(self, NULL, 0);
}
static PyObject *a_mT(PyObject *self, void *c) {
  (void)c;
  numc_array *out;
  int rc = numc_matrix_transpose(&out, PYNUMC_ARR(self));
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, self);
}
static PyObject *a_flags(PyObject *self, void *c) {
  (void)c;
  FlagsObject *f = PyObject_New(FlagsObject, &Flags_Type);
  if (f == NULL) return NULL;
  f->arr = Py_NewRef(self);
  return (PyObject *)f;
}
static PyObject *a_part(PyObject *self, int imag) {
  numc_array *out;
  int rc = imag ? numc_imag_view(&out, PYNUMC_ARR(self))
                : numc_real_view(&out, PYNUMC_ARR(self));
  if (rc < 0) return pynumc_err(rc);
  /* the imaginary part of a real array is a new (read-only) zero array */
  int shares = numc_same_buffer(out, PYNUMC_ARR(self));
  return pynumc_wrap(out, shares ? self : NULL);
}
static PyObject *a_real(PyObject *self, void *c) {
  (void)c;
  return a_part(self, 0);
}
static PyObject *a_imag(PyObject *self, void *c) {
  (void)c;
  return a_part(self, 1);
}
static int set_part(PyObject *self, PyObject *v, int imag) {
  if (v == NULL) {
    PyErr_SetString(PyExc_AttributeError, "cannot delete array attribute");
    return -1;
  }
  numc_array *a = PYNUMC_ARR(self);
  if (imag && numc_dtype_kind(numc_array_dtype(a)) != 'c') {
    PyErr_SetString(PyExc_TypeError,
                    "array does not have imaginary part to set");
    return -1;
  }
  numc_array *view;
  int rc = imag ? numc_imag_view(&view, a) : numc_real_view(&view, a);
  if (rc < 0) return pynumc_err_int(rc);
  int r = assign_value(view, v);
  numc_release(view);
  return r;
}
static int a_set_real(PyObject *self, PyObject *v, void *c) {
  (void)c;
  return set_part(self, v, 0);
}
static int a_set_imag(PyObject *self, PyObject *v, void *c) {
  (void)c;
  return set_part(self, v, 1);
}
static PyObject *a_data(PyObject *self, void *c) {
  (void)c;
  return PyMemoryView_FromObject(self);
}

static PyObject *a_priority(PyObject *self, void *c) {
  (void)self, (void)c;
  return PyFloat_FromDouble(20.0);
}

/* a.shape = new: reshapes a in place when that needs no copy (NumPy's
 * rule), by replacing its handle with a view of the same storage (buffer
 * exports, which keep `a` alive, keep that storage alive too); otherwise
 * AttributeError, as NumPy. */
static int a_set_shape(PyObject *self, PyObject *v, void *c) {
  (void)c;
  if (v == NULL) {
    PyErr_SetString(PyExc_AttributeError, "Cannot delete array shape");
    return -1;
  }
  int nd;
  int64_t shape[NUMC_MAXDIMS];
  if (pynumc_shape_from_obj(v, &nd, shape) < 0) return -1;
  numc_array *r;
  int rc = numc_reshape(&r, PYNUMC_ARR(self), nd, shape, NUMC_COPY_NEVER);
  if (rc == NUMC_EVALUE) {
    numc_clear_error();
    PyErr_SetString(PyExc_AttributeError,
                    "Incompatible shape for in-place modification. Use "
                    "`.reshape()` to make a copy with the desired shape.");
    return -1;
  }
  if (rc < 0) return pynumc_err_int(rc);
  numc_array *old = PYNUMC_ARR(self);
  ((PyNumcArray *)self)->arr = r;
  numc_release(old);
  return 0;
}

/* a.resize(new_shape, refcheck=True): a changes shape and size in place,
 * as NumPy's ndarray.resize: C-order elements kept, new ones zero (the
 * values come from numc._compat._resized). Only arrays owning their data;
 * with refcheck, none referenced elsewhere (NumPy's errors). Views taken
 * before keep the old memory. */
static PyObject *m_resize(PyObject *self, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  int refcheck = 1;
  Py_ssize_t nkw = kw ? PyTuple_GET_SIZE(kw) : 0;
  for (Py_ssize_t k = 0; k < nkw; k++) {
    if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kw, k), "refcheck") != 0) {
      PyErr_Format(PyExc_TypeError, "resize() got an unexpected keyword argument '%S'",
                   PyTuple_GET_ITEM(kw, k));
      return NULL;
    }
    refcheck = PyObject_IsTrue(args[n + k]);
    if (refcheck < 0) return NULL;
  }
  if (((PyNumcArray *)self)->base != NULL ||
      !(numc_array_flags(PYNUMC_ARR(self)) & NUMC_OWNDATA)) {
    PyErr_SetString(PyExc_ValueError,
                    "cannot resize this array: it does not own its data");
    return NULL;
  }
  if (refcheck && Py_REFCNT(self) > 2) {
    PyErr_SetString(PyExc_ValueError,
                    "cannot resize an array that references or is referenced\n"
                    "by another array in this way.\nUse the np.resize function "
                    "or refcheck=False");
    return NULL;
  }
  PyObject *shape = n == 1 ? Py_NewRef(args[0]) : PyTuple_New(n);
  if (shape == NULL) return NULL;
  for (Py_ssize_t i = 0; n != 1 && i < n; i++) PyTuple_SET_ITEM(shape, i, Py_NewRef(args[i]));
  PyObject *pre[2] = {self, shape};
  PyObject *r = pynumc_compat_call("_resized", pre, 2, NULL, 0, NULL);
  Py_DECREF(shape);
  if (r == NULL) return NULL;
  if (!PyNumcArray_Check(r)) {
    Py_DECREF(r);
    PyErr_SetString(PyExc_SystemError, "resize: bad result");
    return NULL;
  }
  numc_array *h;
  int rc = numc_view(&h, PYNUMC_ARR(r));
  Py_DECREF(r);
  if (rc < 0) return pynumc_err(rc);
  numc_array *old = PYNUMC_ARR(self);
  ((PyNumcArray *)self)->arr = h;
  ((PyNumcArray *)self)->data = NULL;
  ((PyNumcArray *)self)->computed = 0;
  numc_release(old);
  Py_RETURN_NONE;
}

static PyGetSetDef array_getset[] = {
    {"shape", a_shape, a_set_shape, "tuple of extents (settable: an in-place "
     "reshape that needs no copy)", NULL},
    {"strides", a_strides, NULL, "tuple of byte strides", NULL},
    {"dtype", a_dtype, NULL, "element dtype", NULL},
    {"ndim", a_ndim, NULL, "number of axes", NULL},
    {"size", a_size, NULL, "number of elements", NULL},
    {"itemsize", a_itemsize, NULL, "bytes per element", NULL},
    {"nbytes", a_nbytes, NULL, "bytes of the elements", NULL},
    {"device", a_device, NULL, "the device ('cpu')", NULL},
    {"base", a_base, NULL, "the object this view was taken from", NULL},
    {"T", a_T, NULL, "view with the axes reversed", NULL},
    {"mT", a_mT, NULL, "view with the last two axes swapped", NULL},
    {"flags", a_flags, NULL, "memory layout flags", NULL},
    {"real", a_real, a_set_real, "real part", NULL},
    {"imag", a_imag, a_set_imag, "imaginary part", NULL},
    {"data", a_data, NULL, "read-only memoryview of the elements", NULL},
    {"__array_interface__", pynumc_array_interface_get, NULL,
     "NumPy array interface (version 3)", NULL},
    {"__array_priority__", a_priority, NULL,
     "20.0: NumPy defers mixed operations to numc", NULL},
    {"flat", pynumc_array_flat, pynumc_array_set_flat,
     "a flat iterator over the elements (NumPy's flatiter)", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

/* ---- methods ------------------------------------------------------------------------------------ */

static PyObject *m_copy(PyObject *self, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw) {
  static const char *const names[] = {"order", NULL};
  static const pynumc_argspec spec = {"copy", names, 0, 1, 0};
  PyObject *a[1];
  if (pynumc_parse(&spec, args, n, kw, a) < 0) return NULL;
  numc_order order = NUMC_ORDER_C;
  if (a[0] != NULL && a[0] != Py_None) {
    const char *s = PyUnicode_Check(a[0]) ? PyUnicode_AsUTF8(a[0]) : NULL;
    if (s == NULL || strlen(s) != 1 || !strchr("CFAK", s[0])) {
      PyErr_SetString(PyExc_ValueError,
                      "order must be one of 'C', 'F', 'A', or 'K'");
      return NULL;
    }
    order = (numc_order)s[0];
  }
  numc_array *out;
  int rc = numc_copy(&out, PYNUMC_ARR(self), order);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *m_copy_noargs(PyObject *self, PyObject *unused) {
  (void)unused;
  return m_copy(self, NULL, 0, NULL);
}

static PyObject *m_deepcopy(PyObject *self, PyObject *memo) {
  (void)memo;
  return m_copy(self, NULL, 0, NULL);
}

/* Nested lists of the elements (C order). */
static PyObject *tolist_rec(const char *p, numc_dtype dt, int ndim,
                            const int64_t *shape, const int64_t *strides) {
  if (ndim == 0) {
    numc_scalar s;
    memset(&s, 0, sizeof s);
    s.dtype = dt;
    memcpy(&s.v, p, numc_dtype_itemsize(dt));
    return pynumc_scalar_to_py(&s);
  }
  PyObject *l = PyList_New((Py_ssize_t)shape[0]);
  if (l == NULL) return NULL;
  for (int64_t i = 0; i < shape[0]; i++) {
    PyObject *e = tolist_rec(p + i * strides[0], dt, ndim - 1, shape + 1,
                             strides + 1);
    if (e == NULL) {
      Py_DECREF(l);
      return NULL;
    }
    PyList_SET_ITEM(l, (Py_ssize_t)i, e);
  }
  return l;
}

static PyObject *m_tolist(PyObject *self, PyObject *unused) {
  (void)unused;
  numc_array *a = PYNUMC_ARR(self);
  void *data;
  if (pynumc_data(&data, a, NUMC_ACCESS_READ) < 0) return NULL;
  return tolist_rec(data, numc_array_dtype(a), numc_array_ndim(a),
                    numc_array_shape(a), numc_array_strides(a));
}

static PyObject *m_tobytes(PyObject *self, PyObject *unused) {
  (void)unused;
  numc_array *a = PYNUMC_ARR(self), *c = NULL;
  if (!(numc_array_flags(a) & NUMC_C_CONTIGUOUS)) {
    int rc = numc_copy(&c, a, NUMC_ORDER_C);
    if (rc < 0) return pynumc_err(rc);
    a = c;
  }
  void *data;
  PyObject *r = NULL;
  if (pynumc_data(&data, a, NUMC_ACCESS_READ) == 0)
    r = PyBytes_FromStringAndSize(data, (Py_ssize_t)numc_array_nbytes(a));
  numc_release(c);
  return r;
}

static PyObject *m_item(PyObject *self, PyObject *const *args, Py_ssize_t n) {
  numc_array *a = PYNUMC_ARR(self);
  int nd = numc_array_ndim(a);
  const int64_t *shape = numc_array_shape(a);
  int64_t ii[NUMC_MAXDIMS] = {0};
  if (n == 0) {
    if (numc_array_size(a) != 1) {
      PyErr_SetString(PyExc_ValueError,
                      "can only convert an array of size 1 to a Python "
                      "scalar");
      return NULL;
    }
  } else if (n == 1 && nd != 1) {
    long long flat = PyLong_AsLongLong(args[0]);
    if (flat == -1 && PyErr_Occurred()) return NULL;
    int64_t size = numc_array_size(a);
    if (flat < 0) flat += size;
    if (flat < 0 || flat >= size) {
      PyErr_Format(PyExc_IndexError, "index %lld is out of bounds for size %lld",
                   flat, (long long)size);
      return NULL;
    }
    for (int i = nd - 1; i >= 0; i--) {
      ii[i] = flat % shape[i];
      flat /= shape[i];
    }
  } else if (n == nd) {
    for (int i = 0; i < nd; i++) {
      ii[i] = PyLong_AsLongLong(args[i]);
      if (ii[i] == -1 && PyErr_Occurred()) return NULL;
    }
  } else {
    PyErr_SetString(PyExc_ValueError, "incorrect number of indices for array");
    return NULL;
  }
  numc_scalar s;
  if (pynumc_eval_obj(self) < 0) return NULL;
  int rc = numc_item_get(&s, a, ii);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_scalar_to_py(&s);
}

static PyObject *m_item_entry(PyObject *self, PyObject *const *args,
                              Py_ssize_t n) {
  if (n == 1 && PyTuple_Check(args[0])) {
    PyObject *t = args[0];
    return m_item(self, &PyTuple_GET_ITEM(t, 0), PyTuple_GET_SIZE(t));
  }
  return m_item(self, args, n);
}

static PyObject *m_to_device(PyObject *self, PyObject *const *args,
                             Py_ssize_t n, PyObject *kw) {
  static const char *const names[] = {"device", "stream", NULL};
  static const pynumc_argspec spec = {"to_device", names, 1, 1, 1};
  PyObject *a[2];
  if (pynumc_parse(&spec, args, n, kw, a) < 0) return NULL;
  if (pynumc_check_device(a[0]) < 0) return NULL;
  if (a[1] != NULL && a[1] != Py_None) {
    PyErr_SetString(PyExc_ValueError, "stream must be None on the CPU");
    return NULL;
  }
  return Py_NewRef(self);
}

static PyObject *m_namespace(PyObject *self, PyObject *const *args,
                             Py_ssize_t n, PyObject *kw) {
  (void)self;
  static const char *const names[] = {"api_version", NULL};
  static const pynumc_argspec spec = {"__array_namespace__", names, 0, 0, 0};
  PyObject *a[1];
  if (pynumc_parse(&spec, args, n, kw, a) < 0) return NULL;
  if (a[0] != NULL && a[0] != Py_None) {
    static const char *const ok[] = {"2023.12", "2024.12", "2025.12"};
    const char *v = PyUnicode_Check(a[0]) ? PyUnicode_AsUTF8(a[0]) : NULL;
    int found = 0;
    for (int i = 0; v && i < 3; i++) found |= strcmp(v, ok[i]) == 0;
    if (!found) {
      PyErr_Format(PyExc_ValueError, "Version \"%S\" of the Array API "
                   "Standard is not supported.", a[0]);
      return NULL;
    }
  }
  return PyImport_ImportModule("numc");
}

/* view([dtype][, type]): a new array object on the same memory; with a
 * dtype of another item size the last axis is rescaled (numc_view_dtype).
 * type= may only name numc.ndarray (there are no subclasses). */
static PyObject *m_view(PyObject *self, PyObject *const *args, Py_ssize_t n,
                       PyObject *kw) {
  static const char *const names[] = {"dtype", "type", NULL};
  static const pynumc_argspec spec = {"view", names, 0, 2, 0};
  PyObject *a[2];
  if (pynumc_parse(&spec, args, n, kw, a) < 0) return NULL;
  numc_dtype d = numc_array_dtype(PYNUMC_ARR(self));
  for (int i = 0; i < 2; i++) {
    if (a[i] == NULL || a[i] == Py_None) continue;
    if (PyType_Check(a[i]) && !PyNumcDType_Check(a[i]) &&
        PyType_IsSubtype((PyTypeObject *)a[i], &PyNumcArray_Type))
      continue; /* view(numc.ndarray) */
    if (i == 1) {
      PyErr_SetString(PyExc_TypeError, "view: type must be numc.ndarray");
      return NULL;
    }
    if (pynumc_dtype_from_obj(a[i], &d) < 0) return NULL;
  }
  numc_array *out;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = d == numc_array_dtype(PYNUMC_ARR(self)) ? numc_view(&out, PYNUMC_ARR(self))
                                              : numc_view_dtype(&out, PYNUMC_ARR(self), d);
  Py_END_ALLOW_THREADS
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, self);
}

static PyObject *m_fill(PyObject *self, PyObject *value) {
  numc_array *a = PYNUMC_ARR(self);
  if (!(numc_array_flags(a) & NUMC_WRITEABLE)) {
    PyErr_SetString(PyExc_ValueError, "assignment destination is read-only");
    return NULL;
  }
  if (assign_value(a, value) < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *m_setflags(PyObject *self, PyObject *const *args,
                            Py_ssize_t n, PyObject *kw) {
  static const char *const names[] = {"write", "align", "uic", NULL};
  static const pynumc_argspec spec = {"setflags", names, 0, 3, 0};
  PyObject *a[3];
  if (pynumc_parse(&spec, args, n, kw, a) < 0) return NULL;
  if (a[0] != NULL && a[0] != Py_None && set_writeable(self, a[0]) < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *m_conj(PyObject *self, PyObject *unused) {
  (void)unused;
  return unop(self, NUMC_OP_CONJ);
}

#define RED_METHOD(name, which)                                                \
  static PyObject *m_##name(PyObject *self, PyObject *const *args,             \
                            Py_ssize_t n, PyObject *kw) {                      \
    return pynumc_reduce_method(self, args, n, kw, which);                     \
  }
RED_METHOD(sum, NUMC_REDUCE_SUM)
RED_METHOD(prod, NUMC_REDUCE_PROD)
RED_METHOD(min, NUMC_REDUCE_MIN)
RED_METHOD(max, NUMC_REDUCE_MAX)
RED_METHOD(mean, NUMC_REDUCE_MEAN)
RED_METHOD(var, NUMC_REDUCE_VAR)
RED_METHOD(std, NUMC_REDUCE_STD)
RED_METHOD(all, NUMC_REDUCE_ALL)
RED_METHOD(any, NUMC_REDUCE_ANY)
RED_METHOD(argmin, NUMC_REDUCE_ARGMIN)
RED_METHOD(argmax, NUMC_REDUCE_ARGMAX)
RED_METHOD(cumsum, PYNUMC_RED_CUMSUM)
RED_METHOD(cumprod, PYNUMC_RED_CUMPROD)
#undef RED_METHOD

#define FC(f) (PyCFunction)(void (*)(void))(f)
#define FKW METH_FASTCALL | METH_KEYWORDS
static PyMethodDef array_methods[] = {
    {"astype", FC(pynumc_m_astype), FKW,
     "astype(dtype, order='K', casting='unsafe', subok=True, copy=True)"},
    {"copy", FC(m_copy), FKW, "copy(order='C'): a copy of the array"},
    {"__copy__", m_copy_noargs, METH_NOARGS, NULL},
    {"__deepcopy__", m_deepcopy, METH_O, NULL},
    {"tolist", m_tolist, METH_NOARGS, "the elements as nested Python lists"},
    {"tobytes", m_tobytes, METH_NOARGS, "the elements as bytes (C order)"},
    {"item", FC(m_item_entry), METH_FASTCALL,
     "item(*args): one element as a Python scalar"},
    {"to_device", FC(m_to_device), FKW, "to_device(device, /, *, stream=None)"},
    {"__array_namespace__", FC(m_namespace), FKW,
     "__array_namespace__(*, api_version=None): the numc module"},
    {"__array__", FC(pynumc_array_dunder_array), FKW,
     "__array__(dtype=None, copy=None): a NumPy array (zero-copy when "
     "possible)"},
    {"__dlpack__", FC(pynumc_dlpack), FKW,
     "__dlpack__(*, stream=None, max_version=None, dl_device=None, "
     "copy=None)"},
    {"__dlpack_device__", pynumc_dlpack_device, METH_NOARGS, NULL},
    {"__array_ufunc__", FC(pynumc_array_ufunc), FKW,
     "NumPy ufuncs on numc arrays run in numc (numc/_compat.py)"},
    {"__array_function__", FC(pynumc_array_function), FKW,
     "NumPy functions on numc arrays run in numc (numc/_compat.py)"},
    {"resize", FC(m_resize), FKW,
     "resize(new_shape, refcheck=True): changes shape and size in place "
     "(new elements zero)"},
#define COMPAT_METHOD_ENTRY(name, doc) {#name, FC(pynumc_m_##name), FKW, doc},
    PYNUMC_COMPAT_METHODS(COMPAT_METHOD_ENTRY)
#undef COMPAT_METHOD_ENTRY
    {"__reduce_ex__", pynumc_reduce_ex, METH_O, NULL},
    {"__complex__", m_complex, METH_NOARGS, NULL},
    {"__format__", m_format, METH_O, "format(a, spec): 0-d arrays as their element"},
    {"__round__", FC(m_round), METH_FASTCALL,
     "round(a[, ndigits]): 0-d arrays as their element (NumPy scalar rules)"},
    {"reshape", FC(pynumc_m_reshape), FKW, "reshape(*shape, order='C')"},
    {"transpose", FC(pynumc_m_transpose), METH_FASTCALL, "transpose(*axes)"},
    {"swapaxes", FC(pynumc_m_swapaxes), METH_FASTCALL, "swapaxes(a1, a2)"},
    {"flatten", FC(pynumc_m_flatten), FKW, "flatten(order='C'): a 1-d copy"},
    {"ravel", FC(pynumc_m_ravel), FKW,
     "ravel(order='C'): a 1-d view when possible"},
    {"squeeze", FC(pynumc_m_squeeze), FKW, "squeeze(axis=None)"},
    {"view", FC(m_view), FKW,
     "view(dtype=None, type=None): a new array on the same memory, its "
     "bytes read as dtype (another item size rescales the last axis)"},
    {"fill", m_fill, METH_O, "fill(value): sets every element"},
    {"setflags", FC(m_setflags), FKW, "setflags(write=None)"},
    {"clip", FC(pynumc_m_clip), FKW, "clip(min=None, max=None)"},
    {"round", FC(pynumc_m_round), FKW, "round(decimals=0)"},
    {"conj", m_conj, METH_NOARGS, "complex conjugate"},
    {"conjugate", m_conj, METH_NOARGS, "complex conjugate"},
    {"sum", FC(m_sum), FKW, "sum(axis=None, dtype=None, out=None, keepdims=False)"},
    {"prod", FC(m_prod), FKW, "prod(axis=None, dtype=None, out=None, keepdims=False)"},
    {"min", FC(m_min), FKW, "min(axis=None, out=None, keepdims=False)"},
    {"max", FC(m_max), FKW, "max(axis=None, out=None, keepdims=False)"},
    {"mean", FC(m_mean), FKW, "mean(axis=None, dtype=None, out=None, keepdims=False)"},
    {"var", FC(m_var), FKW, "var(axis=None, dtype=None, out=None, ddof=0, keepdims=False)"},
    {"std", FC(m_std), FKW, "std(axis=None, dtype=None, out=None, ddof=0, keepdims=False)"},
    {"all", FC(m_all), FKW, "all(axis=None, out=None, keepdims=False)"},
    {"any", FC(m_any), FKW, "any(axis=None, out=None, keepdims=False)"},
    {"argmin", FC(m_argmin), FKW, "argmin(axis=None, out=None, keepdims=False)"},
    {"argmax", FC(m_argmax), FKW, "argmax(axis=None, out=None, keepdims=False)"},
    {"cumsum", FC(m_cumsum), FKW, "cumsum(axis=None, dtype=None, out=None)"},
    {"cumprod", FC(m_cumprod), FKW, "cumprod(axis=None, dtype=None, out=None)"},
    {"take", FC(pynumc_m_take), FKW,
     "take(indices, axis=None, out=None, mode='raise'): numc.take(x, ...)"},
    {"put", FC(pynumc_m_put), FKW,
     "put(indices, values, mode='raise'): x.flat[indices] = values"},
    {"repeat", FC(pynumc_m_repeat), FKW,
     "repeat(repeats, axis=None): numc.repeat(x, ...)"},
    {"sort", FC(pynumc_m_sort), FKW,
     "sort(axis=-1, kind=None, order=None, *, descending=False, "
     "stable=True): sorts x in place"},
    {"argsort", FC(pynumc_m_argsort), FKW,
     "argsort(axis=-1, kind=None, order=None, *, descending=False, "
     "stable=True): numc.argsort(x, ...)"},
    {"searchsorted", FC(pynumc_m_searchsorted), FKW,
     "searchsorted(v, side='left', sorter=None): numc.searchsorted(x, v, ...)"},
    {"nonzero", pynumc_m_nonzero, METH_NOARGS,
     "nonzero(): numc.nonzero(x), a tuple of index arrays"},
    {"dot", FC(pynumc_m_dot), FKW, "dot(b): numc.dot(x, b)"},
    {"trace", FC(pynumc_m_trace), FKW,
     "trace(offset=0, axis1=0, axis2=1, dtype=None): numc.trace(x, ...)"},
    {"diagonal", FC(pynumc_m_diagonal), FKW,
     "diagonal(offset=0, axis1=0, axis2=1): numc.diagonal(x, ...)"},
    {NULL, NULL, 0, NULL}};

PyTypeObject PyNumcArray_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.ndarray",
    .tp_basicsize = sizeof(PyNumcArray),
    .tp_dealloc = array_dealloc,
    .tp_repr = pynumc_array_repr,
    .tp_str = pynumc_array_str,
    .tp_as_number = &pynumc_array_as_number,
    .tp_as_sequence = &array_as_sequence,
    .tp_as_mapping = &array_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_as_buffer = &pynumc_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "numc.ndarray: an n-dimensional array over libnumc (lazy, "
              "fused, multithreaded). Create with numc.asarray, numc.zeros, "
              "numc.arange, ...",
    .tp_richcompare = pynumc_richcompare,
    .tp_weaklistoffset = offsetof(PyNumcArray, weakrefs),
    .tp_iter = array_iter,
    .tp_methods = array_methods,
    .tp_getset = array_getset,
    .tp_new = array_new,
};

int pynumc_ndarray_init(PyObject *m) {
  if (PyType_Ready(&Flags_Type) < 0 || PyType_Ready(&PyNumcArray_Type) < 0)
    return -1;
  return PyModule_AddObjectRef(m, "ndarray", (PyObject *)&PyNumcArray_Type);
}
