/*
 * manip.c - the namespace functions over libnumc's numc/manip.h: indexing
 * (take, take_along_axis, put, put_along_axis, and the conversion of
 * advanced index entries used by ndarray.__getitem__/__setitem__), joining
 * and splitting (concat/concatenate, stack, unstack), rearranging (moveaxis,
 * repeat, roll, tile, ravel), differences (diff), triangles (tril, triu)
 * and meshgrid; plus the argument helpers that sorting.c shares.
 *
 * Keyword names and defaults are the Array API's; where NumPy spells a
 * function differently (positional axis, concatenate's dtype/casting, ...)
 * the NumPy spelling is accepted too. Every computation is libnumc's: these
 * functions only convert arguments and wrap results.
 */
#include "pynumc.h"

#include <string.h>

/* ---- shared argument helpers ---------------------------------------------------- */

static int is_none(PyObject *o) { return o == NULL || o == Py_None; }

numc_array *pynumc_array_arg(PyObject *o, const char *fn) {
  numc_array *a;
  int kind;
  int r = pynumc_operand(o, &a, &kind, 1);
  if (r == 1)
    PyErr_Format(PyExc_TypeError, "%s(): unsupported argument type '%.200s'",
                 fn, Py_TYPE(o)->tp_name);
  return r == 0 ? a : NULL;
}

int pynumc_int_arg(PyObject *o, int64_t *out, const char *what) {
  if (PyBool_Check(o) || !PyIndex_Check(o)) {
    PyErr_Format(PyExc_TypeError,
                 "'%.200s' object cannot be interpreted as an integer (%s)",
                 Py_TYPE(o)->tp_name, what);
    return -1;
  }
  PyObject *v = PyNumber_Index(o);
  if (v == NULL) return -1;
  long long r = PyLong_AsLongLong(v);
  Py_DECREF(v);
  if (r == -1 && PyErr_Occurred()) return -1;
  *out = r;
  return 0;
}

int pynumc_axis_arg(PyObject *o, int *axis) {
  if (is_none(o)) {
    *axis = NUMC_AXIS_NONE;
    return 0;
  }
  int64_t v;
  if (pynumc_int_arg(o, &v, "axis") < 0) return -1;
  if (v <= INT32_MIN || v > INT32_MAX) {
    PyErr_Format(pynumc_AxisError, "axis %lld is out of bounds", (long long)v);
    return -1;
  }
  *axis = (int)v;
  return 0;
}

int pynumc_ints_arg(PyObject *o, int *n, int64_t *v, const char *what) {
  if (!PyTuple_Check(o) && !PyList_Check(o)) {
    *n = 1;
    return pynumc_int_arg(o, &v[0], what);
  }
  Py_ssize_t len = PySequence_Fast_GET_SIZE(o);
  if (len > NUMC_MAXDIMS) {
    PyErr_Format(PyExc_ValueError, "%s: too many entries", what);
    return -1;
  }
  for (Py_ssize_t i = 0; i < len; i++)
    if (pynumc_int_arg(PySequence_Fast_GET_ITEM(o, i), &v[i], what) < 0)
      return -1;
  *n = (int)len;
  return 0;
}

int pynumc_axes_arg(PyObject *o, int *naxes, int *axes) {
  int64_t v[NUMC_MAXDIMS];
  if (pynumc_ints_arg(o, naxes, v, "axis") < 0) return -1;
  for (int i = 0; i < *naxes; i++) {
    if (v[i] <= INT32_MIN || v[i] > INT32_MAX) {
      PyErr_Format(pynumc_AxisError, "axis %lld is out of bounds",
                   (long long)v[i]);
      return -1;
    }
    axes[i] = (int)v[i];
  }
  return 0;
}

int pynumc_arrays_arg(PyObject *const *items, Py_ssize_t n, const char *fn,
                      numc_array ***out, int *heavy) {
  numc_array **a = PyMem_Calloc(n > 0 ? (size_t)n : 1, sizeof *a);
  if (a == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  *heavy = 0;
  for (Py_ssize_t i = 0; i < n; i++) {
    if ((a[i] = pynumc_array_arg(items[i], fn)) == NULL) {
      pynumc_arrays_done(a, i);
      return -1;
    }
    *heavy |= pynumc_heavy(a[i]);
  }
  *out = a;
  return 0;
}

void pynumc_arrays_done(numc_array **a, Py_ssize_t n) {
  for (Py_ssize_t i = 0; a && i < n; i++) numc_release(a[i]);
  PyMem_Free(a);
}

/* The items of a sequence argument (a tuple or list of arrays) as a new
 * reference to a tuple or list (PySequence_Fast); TypeError for an array or
 * anything that is not a sequence. */
static PyObject *sequence_arg(PyObject *o, const char *fn) {
  if (PyNumcArray_Check(o) || !PySequence_Check(o)) {
    PyErr_Format(PyExc_TypeError, "%s(): expected a sequence of arrays, got "
                 "'%.200s'", fn, Py_TYPE(o)->tp_name);
    return NULL;
  }
  return PySequence_Fast(o, "expected a sequence of arrays");
}

PyObject *pynumc_tuple_of(numc_array **a, Py_ssize_t n, PyObject *base) {
  PyObject *t = PyTuple_New(n);
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *o = t ? pynumc_wrap(a[i], base) : NULL;
    if (t == NULL) numc_release(a[i]);
    else if (o == NULL) Py_CLEAR(t);
    else PyTuple_SET_ITEM(t, i, o);
  }
  return t;
}

/* Runs a libnumc call with the GIL released when an input is heavy. */
#define CALL(heavy, rc, expr) PYNUMC_NOGIL_IF(heavy, rc = (expr))
#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)
#define KW(f) FASTCALL(f), METH_FASTCALL | METH_KEYWORDS

/* The `base` a view result records: the source object when it is an
 * ndarray. */
static PyObject *view_base(PyObject *src) {
  return PyNumcArray_Check(src) ? src : NULL;
}

/* Wraps the result of a libnumc call (rc < 0: raises, nothing to wrap). */
static PyObject *result(int rc, numc_array *out) {
  return rc < 0 ? pynumc_err(rc) : pynumc_wrap(out, NULL);
}

/* ---- advanced index entries ------------------------------------------------------- */

static const char bad_index_msg[] =
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) "
    "and integer or boolean arrays are valid indices";

int pynumc_index_array(PyObject *o, numc_array **out) {
  int seq = PyList_Check(o) || PyTuple_Check(o);
  numc_array *a;
  int r = pynumc_asarray_handle(o, NUMC_DTYPE_DEFAULT, NUMC_COPY_IF_NEEDED, &a,
                                NULL);
  if (r < 0 && seq && PyErr_ExceptionMatches(PyExc_TypeError)) {
    PyErr_Clear();
    r = 1;
  }
  if (r == 1) {
    PyErr_SetString(PyExc_IndexError, bad_index_msg);
    return -1;
  }
  if (r < 0) return -1;
  if (seq) {
    /* NumPy converts a sequence to an intp array: an empty one is empty
     * integers, anything else must have come out integer or bool */
    char k = numc_dtype_kind(numc_array_dtype(a));
    if (numc_array_size(a) == 0 && k != 'i' && k != 'u' && k != 'b') {
      numc_array *t;
      int rc = numc_astype(&t, a, NUMC_INTP, NUMC_CASTING_UNSAFE,
                           NUMC_COPY_IF_NEEDED);
      numc_release(a);
      if (rc < 0) return pynumc_err_int(rc);
      a = t;
    } else if (k != 'i' && k != 'u' && k != 'b') {
      numc_release(a);
      PyErr_SetString(PyExc_IndexError, bad_index_msg);
      return -1;
    }
  }
  *out = a;
  return 0;
}

/* ---- take / put ------------------------------------------------------------------------ */

/* mode= of take/put: only NumPy's default 'raise' (libnumc never wraps or
 * clips indices). */
static int check_mode(PyObject *mode) {
  if (is_none(mode) || (PyUnicode_Check(mode) &&
                        PyUnicode_CompareWithASCIIString(mode, "raise") == 0))
    return 0;
  PyErr_SetString(PyExc_NotImplementedError,
                  "only mode='raise' is supported");
  return -1;
}

/* NumPy converts index sequences to intp, so [] is an empty integer array:
 * *ind (converted from io) becomes int64 when io is an empty list/tuple.
 * On failure *ind is released and set to NULL. */
static int empty_seq_intp(PyObject *io, numc_array **ind) {
  if (!(PyList_Check(io) || PyTuple_Check(io)) || numc_array_size(*ind) != 0 ||
      numc_dtype_kind(numc_array_dtype(*ind)) != 'f')
    return 0;
  numc_array *t;
  int rc = numc_astype(&t, *ind, NUMC_INTP, NUMC_CASTING_UNSAFE,
                       NUMC_COPY_IF_NEEDED);
  numc_release(*ind);
  *ind = rc < 0 ? NULL : t;
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

/* x and indices of take/take_along_axis/put...: two new handles, and
 * whether the indices came from a scalar. */
static int two_arrays(PyObject *xo, PyObject *io, const char *fn,
                      numc_array **x, numc_array **ind, int *ind_scalar) {
  int kind;
  if ((*x = pynumc_array_arg(xo, fn)) == NULL) return -1;
  int r = pynumc_operand(io, ind, &kind, 1);
  if (r != 0) {
    numc_release(*x);
    if (r == 1)
      PyErr_Format(PyExc_TypeError, "%s(): unsupported argument type "
                   "'%.200s'", fn, Py_TYPE(io)->tp_name);
    return -1;
  }
  if (ind_scalar) *ind_scalar = kind != PYNUMC_OPND_ARRAY;
  if (empty_seq_intp(io, ind) < 0) {
    numc_release(*x);
    return -1;
  }
  return 0;
}

static PyObject *take_impl(PyObject *xo, PyObject *io, PyObject *axis_obj,
                           PyObject *mode) {
  int axis, scalar, rc;
  numc_array *x, *ind, *out;
  if (pynumc_axis_arg(axis_obj, &axis) < 0 || check_mode(mode) < 0 ||
      two_arrays(xo, io, "take", &x, &ind, &scalar) < 0)
    return NULL;
  CALL(pynumc_heavy(x) || pynumc_heavy(ind), rc,
       numc_take(&out, x, ind, axis));
  numc_release(x);
  numc_release(ind);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap_result(out, scalar);
}

static PyObject *fn_take(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "indices", "axis", "out", "mode", NULL};
  static const pynumc_argspec sp = {"take", N, 2, 3, 2};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  if (!is_none(a[3])) {
    PyErr_SetString(PyExc_NotImplementedError, "take: out= is not supported");
    return NULL;
  }
  return take_impl(a[0], a[1], a[2], a[4]);
}

PyObject *pynumc_m_take(PyObject *self, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw) {
  static const char *const N[] = {"indices", "axis", "out", "mode", NULL};
  static const pynumc_argspec sp = {"take", N, 0, 4, 1};
  PyObject *a[4];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  if (!is_none(a[2])) {
    PyErr_SetString(PyExc_NotImplementedError, "take: out= is not supported");
    return NULL;
  }
  return take_impl(self, a[0], a[1], a[3]);
}

static PyObject *fn_take_along_axis(PyObject *m, PyObject *const *args,
                                    Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "indices", "axis", NULL};
  static const pynumc_argspec sp = {"take_along_axis", N, 2, 3, 2};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int axis = -1, rc;
  numc_array *x, *ind, *out;
  if ((a[2] != NULL && pynumc_axis_arg(a[2], &axis) < 0) ||
      two_arrays(a[0], a[1], "take_along_axis", &x, &ind, NULL) < 0)
    return NULL;
  CALL(pynumc_heavy(x) || pynumc_heavy(ind), rc,
       numc_take_along_axis(&out, x, ind, axis));
  numc_release(x);
  numc_release(ind);
  return result(rc, out);
}

/* The destination of put/put_along_axis: an ndarray (NumPy's error for
 * anything else). */
static int put_target(PyObject *o, const char *fn) {
  if (PyNumcArray_Check(o)) return 0;
  PyErr_Format(PyExc_TypeError, "%s: first argument must be a numc array, "
               "not %.200s", fn, Py_TYPE(o)->tp_name);
  return -1;
}

static PyObject *put_impl(PyObject *xo, PyObject *io, PyObject *vo,
                          PyObject *mode) {
  if (put_target(xo, "put") < 0 || check_mode(mode) < 0) return NULL;
  numc_array *x = PYNUMC_ARR(xo), *ind, *v = NULL;
  numc_dtype dt = numc_array_dtype(x);
  int rc;
  if ((ind = pynumc_array_arg(io, "put")) == NULL ||
      empty_seq_intp(io, &ind) < 0)
    return NULL;
  if (pynumc_value_handle(vo, dt, &v) < 0) {
    numc_release(ind);
    return NULL;
  }
  CALL(pynumc_heavy(x) || pynumc_heavy(ind) || pynumc_heavy(v), rc,
       numc_put(x, ind, v));
  numc_release(ind);
  numc_release(v);
  if (rc < 0) return pynumc_err(rc);
  Py_RETURN_NONE;
}

static PyObject *fn_put(PyObject *m, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "ind", "v", "mode", NULL};
  static const pynumc_argspec sp = {"put", N, 0, 4, 3};
  PyObject *a[4];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return put_impl(a[0], a[1], a[2], a[3]);
}

PyObject *pynumc_m_put(PyObject *self, PyObject *const *args, Py_ssize_t n,
                       PyObject *kw) {
  static const char *const N[] = {"indices", "values", "mode", NULL};
  static const pynumc_argspec sp = {"put", N, 0, 3, 2};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return put_impl(self, a[0], a[1], a[2]);
}

static PyObject *fn_put_along_axis(PyObject *m, PyObject *const *args,
                                   Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"arr", "indices", "values", "axis", NULL};
  static const pynumc_argspec sp = {"put_along_axis", N, 0, 4, 4};
  PyObject *a[4];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int axis, rc;
  if (put_target(a[0], "put_along_axis") < 0 ||
      pynumc_axis_arg(a[3], &axis) < 0)
    return NULL;
  numc_array *x = PYNUMC_ARR(a[0]), *ind, *v = NULL;
  if ((ind = pynumc_array_arg(a[1], "put_along_axis")) == NULL) return NULL;
  if (pynumc_value_handle(a[2], numc_array_dtype(x), &v) < 0) {
    numc_release(ind);
    return NULL;
  }
  CALL(pynumc_heavy(x) || pynumc_heavy(ind) || pynumc_heavy(v), rc,
       numc_put_along_axis(x, ind, v, axis));
  numc_release(ind);
  numc_release(v);
  if (rc < 0) return pynumc_err(rc);
  Py_RETURN_NONE;
}

/* ---- joining and splitting ---------------------------------------------------------------- */

/* casting= of concatenate/stack. */
static int casting_arg(PyObject *o, numc_casting *out) {
  static const char *const rules[] = {"no", "equiv", "safe", "same_kind",
                                      "unsafe"};
  *out = NUMC_CASTING_SAME_KIND;
  if (is_none(o)) return 0;
  const char *s = PyUnicode_Check(o) ? PyUnicode_AsUTF8(o) : NULL;
  for (int i = 0; s && i < 5; i++) {
    if (strcmp(s, rules[i]) == 0) {
      *out = (numc_casting)i;
      return 0;
    }
  }
  PyErr_SetString(PyExc_ValueError, "casting must be one of 'no', 'equiv', "
                  "'safe', 'same_kind', or 'unsafe'");
  return -1;
}

/* Casts each of n handles to dt under `casting` (NumPy's dtype= of
 * concatenate and stack), replacing them in place. */
static int cast_all(numc_array **a, Py_ssize_t n, numc_dtype dt,
                    numc_casting casting) {
  for (Py_ssize_t i = 0; i < n; i++) {
    numc_array *t;
    int rc = numc_astype(&t, a[i], dt, casting, NUMC_COPY_IF_NEEDED);
    if (rc < 0) return pynumc_err_int(rc);
    numc_release(a[i]);
    a[i] = t;
  }
  return 0;
}

/* Writes res into out= (same_kind casting, as NumPy) and returns out. */
static PyObject *into_out(numc_array *res, PyObject *outobj) {
  if (!PyNumcArray_Check(outobj)) {
    numc_release(res);
    PyErr_SetString(PyExc_TypeError, "out must be a numc array");
    return NULL;
  }
  int rc;
  CALL(pynumc_heavy(res), rc,
       numc_assign(PYNUMC_ARR(outobj), res, NUMC_CASTING_SAME_KIND));
  numc_release(res);
  if (rc < 0) return pynumc_err(rc);
  return Py_NewRef(outobj);
}

typedef enum { JOIN_CONCAT, JOIN_STACK } join_kind;

/* concat/concatenate/stack: arrays (a sequence), axis (None: flattened, for
 * concatenation), dtype/casting/out as NumPy's. */
static PyObject *join_impl(join_kind kind, const char *fn, PyObject *seq_obj,
                           PyObject *axis_obj, PyObject *dt_obj,
                           PyObject *cast_obj, PyObject *out_obj) {
  int axis = 0, heavy, rc;
  numc_dtype dt;
  numc_casting casting;
  if ((axis_obj != NULL && pynumc_axis_arg(axis_obj, &axis) < 0) ||
      pynumc_dtype_from_obj(dt_obj, &dt) < 0 ||
      casting_arg(cast_obj, &casting) < 0)
    return NULL;
  if (kind == JOIN_STACK && axis == NUMC_AXIS_NONE) {
    PyErr_SetString(PyExc_TypeError, "stack: axis must be an integer");
    return NULL;
  }
  PyObject *seq = sequence_arg(seq_obj, fn);
  if (seq == NULL) return NULL;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  numc_array **xs, *out;
  if (pynumc_arrays_arg(PySequence_Fast_ITEMS(seq), n, fn, &xs, &heavy) < 0) {
    Py_DECREF(seq);
    return NULL;
  }
  Py_DECREF(seq);
  if (n > INT32_MAX) {
    pynumc_arrays_done(xs, n);
    PyErr_SetString(PyExc_ValueError, "too many arrays");
    return NULL;
  }
  if (dt != NUMC_DTYPE_DEFAULT && cast_all(xs, n, dt, casting) < 0) {
    pynumc_arrays_done(xs, n);
    return NULL;
  }
  const numc_array *const *in = (const numc_array *const *)xs;
  if (kind == JOIN_CONCAT)
    CALL(heavy, rc, numc_concat(&out, (int)n, in, axis));
  else
    CALL(heavy, rc, numc_stack(&out, (int)n, in, axis));
  pynumc_arrays_done(xs, n);
  if (rc < 0) return pynumc_err(rc);
  if (!is_none(out_obj)) return into_out(out, out_obj);
  return pynumc_wrap(out, NULL);
}

static PyObject *fn_concat(PyObject *m, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  (void)m;
  static const char *const N[] = {"arrays", "axis", NULL};
  static const pynumc_argspec sp = {"concat", N, 1, 1, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return join_impl(JOIN_CONCAT, "concat", a[0], a[1], NULL, NULL, NULL);
}

static PyObject *fn_concatenate(PyObject *m, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"arrays", "axis",    "out",
                                  "dtype",  "casting", NULL};
  static const pynumc_argspec sp = {"concatenate", N, 1, 3, 1};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return join_impl(JOIN_CONCAT, "concatenate", a[0], a[1], a[3], a[4], a[2]);
}

static PyObject *fn_stack(PyObject *m, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  (void)m;
  static const char *const N[] = {"arrays", "axis",    "out",
                                  "dtype",  "casting", NULL};
  static const pynumc_argspec sp = {"stack", N, 1, 3, 1};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return join_impl(JOIN_STACK, "stack", a[0], a[1], a[3], a[4], a[2]);
}

static PyObject *fn_unstack(PyObject *m, PyObject *const *args, Py_ssize_t n,
                            PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "axis", NULL};
  static const pynumc_argspec sp = {"unstack", N, 1, 1, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int axis = 0;
  if (a[1] != NULL && pynumc_axis_arg(a[1], &axis) < 0) return NULL;
  numc_array *x = pynumc_array_arg(a[0], "unstack");
  if (x == NULL) return NULL;
  int nd = numc_array_ndim(x), ax = axis < 0 ? axis + nd : axis;
  Py_ssize_t count = nd > 0 && ax >= 0 && ax < nd ? numc_array_shape(x)[ax] : 0;
  numc_array **outs = PyMem_Calloc(count > 0 ? (size_t)count : 1,
                                   sizeof *outs);
  if (outs == NULL) {
    numc_release(x);
    return PyErr_NoMemory();
  }
  int rc = numc_unstack(outs, x, axis);
  numc_release(x);
  PyObject *r = rc < 0 ? pynumc_err(rc)
                       : pynumc_tuple_of(outs, count, view_base(a[0]));
  PyMem_Free(outs);
  return r;
}

/* ---- rearranging ---------------------------------------------------------------------------- */

static PyObject *fn_moveaxis(PyObject *m, PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "source", "destination", NULL};
  static const pynumc_argspec sp = {"moveaxis", N, 1, 3, 3};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int src[NUMC_MAXDIMS], dst[NUMC_MAXDIMS], ns, nd, rc;
  if (pynumc_axes_arg(a[1], &ns, src) < 0 ||
      pynumc_axes_arg(a[2], &nd, dst) < 0)
    return NULL;
  if (ns != nd) {
    PyErr_SetString(PyExc_ValueError, "`source` and `destination` arguments "
                    "must have the same number of elements");
    return NULL;
  }
  numc_array *x = pynumc_array_arg(a[0], "moveaxis"), *out;
  if (x == NULL) return NULL;
  rc = numc_moveaxis(&out, x, ns, src, dst);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, view_base(a[0]));
}

static PyObject *repeat_impl(PyObject *xo, PyObject *rep_obj,
                             PyObject *axis_obj) {
  int axis, rc;
  if (pynumc_axis_arg(axis_obj, &axis) < 0) return NULL;
  numc_array *x = pynumc_array_arg(xo, "repeat"), *out;
  if (x == NULL) return NULL;
  if (PyLong_Check(rep_obj) && !PyBool_Check(rep_obj)) {
    int64_t r;
    if (pynumc_int_arg(rep_obj, &r, "repeats") < 0) {
      numc_release(x);
      return NULL;
    }
    CALL(pynumc_heavy(x), rc, numc_repeat_n(&out, x, r, axis));
  } else {
    numc_array *reps = pynumc_array_arg(rep_obj, "repeat");
    if (reps == NULL) {
      numc_release(x);
      return NULL;
    }
    CALL(pynumc_heavy(x) || pynumc_heavy(reps), rc,
         numc_repeat(&out, x, reps, axis));
    numc_release(reps);
  }
  numc_release(x);
  return result(rc, out);
}

static PyObject *fn_repeat(PyObject *m, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "repeats", "axis", NULL};
  static const pynumc_argspec sp = {"repeat", N, 2, 3, 2};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return repeat_impl(a[0], a[1], a[2]);
}

PyObject *pynumc_m_repeat(PyObject *self, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  static const char *const N[] = {"repeats", "axis", NULL};
  static const pynumc_argspec sp = {"repeat", N, 0, 2, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return repeat_impl(self, a[0], a[1]);
}

static PyObject *fn_roll(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "shift", "axis", NULL};
  static const pynumc_argspec sp = {"roll", N, 1, 3, 2};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int64_t shifts[NUMC_MAXDIMS];
  int axes[NUMC_MAXDIMS], nshift, naxes = -1, rc;
  if (pynumc_ints_arg(a[1], &nshift, shifts, "shift") < 0) return NULL;
  if (!is_none(a[2]) && pynumc_axes_arg(a[2], &naxes, axes) < 0) return NULL;
  numc_array *x = pynumc_array_arg(a[0], "roll"), *out;
  if (x == NULL) return NULL;
  CALL(pynumc_heavy(x), rc, numc_roll(&out, x, nshift, shifts, naxes, axes));
  numc_release(x);
  return result(rc, out);
}

static PyObject *fn_tile(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "repetitions", NULL};
  static const pynumc_argspec sp = {"tile", N, 2, 2, 2};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int64_t reps[NUMC_MAXDIMS];
  int nreps, rc;
  if (pynumc_ints_arg(a[1], &nreps, reps, "repetitions") < 0) return NULL;
  numc_array *x = pynumc_array_arg(a[0], "tile"), *out;
  if (x == NULL) return NULL;
  CALL(pynumc_heavy(x), rc, numc_tile(&out, x, nreps, reps));
  numc_release(x);
  return result(rc, out);
}

static PyObject *fn_ravel(PyObject *m, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "order", NULL};
  static const pynumc_argspec sp = {"ravel", N, 1, 2, 1};
  PyObject *a[2];
  numc_order order;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_order_arg(a[1], NUMC_ORDER_C, &order) < 0)
    return NULL;
  int64_t shape[1] = {-1};
  int rc;
  numc_array *x = pynumc_array_arg(a[0], "ravel"), *out;
  if (x == NULL) return NULL;
  if (order == NUMC_ORDER_K) order = NUMC_ORDER_A;
  if (order != NUMC_ORDER_C) {
    rc = pynumc_reshape_ordered(&out, x, 1, shape, order, NUMC_COPY_IF_NEEDED);
    if (rc < 0) {
      numc_release(x);
      return NULL;
    }
  } else {
    CALL(pynumc_heavy(x), rc,
         numc_reshape(&out, x, 1, shape, NUMC_COPY_IF_NEEDED));
  }
  int view = rc >= 0 && numc_same_buffer(out, x);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, view ? view_base(a[0]) : NULL);
}

/* ---- diff, tril/triu, meshgrid ---------------------------------------------------------------- */

static PyObject *fn_diff(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "n", "axis", "prepend", "append", NULL};
  static const pynumc_argspec sp = {"diff", N, 1, 3, 1};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int64_t order = 1;
  int axis = -1, rc = 0;
  if (!is_none(a[1]) && pynumc_int_arg(a[1], &order, "n") < 0) return NULL;
  if (order < INT32_MIN || order > INT32_MAX) {
    PyErr_SetString(PyExc_ValueError, "diff: n is out of range");
    return NULL;
  }
  if (a[2] != NULL && pynumc_axis_arg(a[2], &axis) < 0) return NULL;
  numc_array *x = pynumc_array_arg(a[0], "diff"), *pre = NULL, *app = NULL;
  numc_array *out = NULL;
  PyObject *base = NULL;
  if (x == NULL) return NULL;
  if (!is_none(a[3]) && (pre = pynumc_array_arg(a[3], "diff")) == NULL)
    goto done;
  if (!is_none(a[4]) && (app = pynumc_array_arg(a[4], "diff")) == NULL)
    goto done;
  CALL(pynumc_heavy(x), rc, numc_diff(&out, x, (int)order, axis, pre, app));
  /* n == 0 gives x back: a view of it */
  if (rc >= 0 && numc_same_buffer(out, x)) base = view_base(a[0]);
done:
  numc_release(x);
  numc_release(pre);
  numc_release(app);
  if (PyErr_Occurred()) return NULL;
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, base);
}

static PyObject *tri_impl(int upper, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  static const char *const N[] = {"x", "k", NULL};
  static const pynumc_argspec lo = {"tril", N, 1, 2, 1};
  static const pynumc_argspec up = {"triu", N, 1, 2, 1};
  PyObject *a[2];
  if (pynumc_parse(upper ? &up : &lo, args, n, kw, a) < 0) return NULL;
  int64_t k = 0;
  int rc;
  if (!is_none(a[1]) && pynumc_int_arg(a[1], &k, "k") < 0) return NULL;
  numc_array *x = pynumc_array_arg(a[0], upper ? "triu" : "tril"), *out;
  if (x == NULL) return NULL;
  CALL(pynumc_heavy(x), rc,
       upper ? numc_triu(&out, x, k) : numc_tril(&out, x, k));
  numc_release(x);
  return result(rc, out);
}

static PyObject *fn_tril(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  return tri_impl(0, args, n, kw);
}

static PyObject *fn_triu(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  return tri_impl(1, args, n, kw);
}

/* meshgrid(..., sparse=True): each 1-D input reshaped to length 1 on every
 * output axis but its own (axes 0 and 1 swapped for 'xy'); copies when
 * `copy`. Fills outs[0..n). */
static int sparse_grid(numc_array **outs, int n, numc_array **xs, int xy,
                       int copy) {
  for (int i = 0; i < n; i++) {
    int64_t shape[NUMC_MAXDIMS];
    for (int d = 0; d < n; d++) shape[d] = 1;
    int ax = xy && n >= 2 && i < 2 ? 1 - i : i;
    shape[ax] = -1;
    int rc = numc_reshape(&outs[i], xs[i], n, shape,
                          copy ? NUMC_COPY_ALWAYS : NUMC_COPY_IF_NEEDED);
    if (rc < 0) {
      for (int j = 0; j < i; j++) numc_release(outs[j]);
      return rc;
    }
  }
  return NUMC_OK;
}

static PyObject *fn_meshgrid(PyObject *m, PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  (void)m;
  static const char *const N[] = {"indexing", "copy", "sparse", NULL};
  static const pynumc_argspec sp = {"meshgrid", N, 0, 0, 0};
  PyObject *a[3];
  if (pynumc_parse(&sp, args + n, 0, kw, a) < 0) return NULL;
  numc_meshgrid_indexing ix = NUMC_MESHGRID_XY;
  int copy, sparse, heavy, rc;
  if (!is_none(a[0])) {
    const char *s = PyUnicode_Check(a[0]) ? PyUnicode_AsUTF8(a[0]) : NULL;
    if (s == NULL || (strcmp(s, "xy") != 0 && strcmp(s, "ij") != 0)) {
      PyErr_SetString(PyExc_ValueError,
                      "Valid values for `indexing` are 'xy' and 'ij'.");
      return NULL;
    }
    ix = s[0] == 'i' ? NUMC_MESHGRID_IJ : NUMC_MESHGRID_XY;
  }
  if (pynumc_bool_arg(a[1], 1, &copy) < 0 ||
      pynumc_bool_arg(a[2], 0, &sparse) < 0)
    return NULL;
  if (n > NUMC_MAXDIMS) {
    PyErr_Format(PyExc_ValueError, "meshgrid: at most %d arrays",
                 NUMC_MAXDIMS);
    return NULL;
  }
  numc_array **xs, *outs[NUMC_MAXDIMS];
  if (pynumc_arrays_arg(args, n, "meshgrid", &xs, &heavy) < 0) return NULL;
  if (sparse) {
    rc = NUMC_OK;
    for (Py_ssize_t i = 0; i < n && rc >= 0; i++) {
      if (numc_array_ndim(xs[i]) != 1) {
        /* NumPy flattens every input first */
        int64_t flat[1] = {-1};
        numc_array *t;
        rc = numc_reshape(&t, xs[i], 1, flat, NUMC_COPY_IF_NEEDED);
        if (rc >= 0) {
          numc_release(xs[i]);
          xs[i] = t;
        }
      }
    }
    if (rc >= 0) rc = sparse_grid(outs, (int)n, xs, ix == NUMC_MESHGRID_XY, copy);
  } else {
    CALL(heavy, rc,
         numc_meshgrid(outs, (int)n, (const numc_array *const *)xs, ix, copy));
  }
  pynumc_arrays_done(xs, n);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_tuple_of(outs, n, NULL);
}

/* ---- the function table -------------------------------------------------------------------------- */

PyMethodDef pynumc_manip_functions[] = {
    {"take", KW(fn_take),
     "take(x, indices, /, axis=None, *, out=None, mode='raise')\n--\n\n"
     "Elements of x at `indices` along `axis` (None: of the flattened x);\n"
     "the result has shape x.shape[:axis] + indices.shape + "
     "x.shape[axis+1:].\nOut-of-range indices raise IndexError. A scalar "
     "index gives a scalar."},
    {"take_along_axis", KW(fn_take_along_axis),
     "take_along_axis(x, indices, /, axis=-1)\n--\n\n"
     "Picks values of x with an integer array of x's ndim along `axis` (the\n"
     "other axes broadcast); axis=None takes from the flattened x with 1-D\n"
     "indices."},
    {"put", KW(fn_put),
     "put(a, ind, v, mode='raise')\n--\n\n"
     "a.flat[ind] = v in place (v cast to a's dtype and repeated as needed);\n"
     "out-of-range indices raise IndexError. Returns None."},
    {"put_along_axis", KW(fn_put_along_axis),
     "put_along_axis(arr, indices, values, axis)\n--\n\n"
     "The in-place counterpart of take_along_axis. Returns None."},
    {"concat", KW(fn_concat),
     "concat(arrays, /, *, axis=0)\n--\n\n"
     "Joins a sequence of arrays along an existing axis (None: flattened).\n"
     "The result dtype is the promotion of the inputs' dtypes."},
    {"concatenate", KW(fn_concatenate),
     "concatenate(arrays, /, axis=0, out=None, *, dtype=None, "
     "casting='same_kind')\n--\n\n"
     "NumPy's spelling of concat; dtype= casts every input under `casting`\n"
     "first, out= receives the result."},
    {"stack", KW(fn_stack),
     "stack(arrays, /, axis=0, out=None, *, dtype=None, casting='same_kind')"
     "\n--\n\nJoins arrays of one shape along a new axis."},
    {"unstack", KW(fn_unstack),
     "unstack(x, /, *, axis=0)\n--\n\n"
     "A tuple of views of x, one per position along `axis`."},
    {"moveaxis", KW(fn_moveaxis),
     "moveaxis(x, source, destination, /)\n--\n\n"
     "A view with the axes `source` moved to `destination` (ints or "
     "tuples);\nthe other axes keep their order."},
    {"repeat", KW(fn_repeat),
     "repeat(x, repeats, /, axis=None)\n--\n\n"
     "Each element along `axis` (None: of the flattened x) repeated\n"
     "`repeats` times (an int, or one count per element)."},
    {"roll", KW(fn_roll),
     "roll(x, /, shift, axis=None)\n--\n\n"
     "Elements shifted along the axes (cyclically); axis=None rolls the\n"
     "flattened array and restores the shape. Always a new array."},
    {"tile", KW(fn_tile),
     "tile(x, repetitions, /)\n--\n\n"
     "x repeated repetitions[i] times along each axis (NumPy's rules for\n"
     "mismatched lengths)."},
    {"ravel", KW(fn_ravel),
     "ravel(x, /, order='C')\n--\n\nThe flattened x: a view when possible."},
    {"diff", KW(fn_diff),
     "diff(x, /, n=1, axis=-1, *, prepend=None, append=None)\n--\n\n"
     "The n-th forward difference along `axis` (bool: !=), after joining\n"
     "prepend/append to x along it; n=0 returns x."},
    {"tril", KW(fn_tril),
     "tril(x, /, k=0)\n--\n\n"
     "Copy of x with the elements above diagonal k of the last two axes\n"
     "zeroed."},
    {"triu", KW(fn_triu),
     "triu(x, /, k=0)\n--\n\n"
     "Copy of x with the elements below diagonal k of the last two axes\n"
     "zeroed."},
    {"meshgrid", KW(fn_meshgrid),
     "meshgrid(*arrays, indexing='xy', copy=True, sparse=False)\n--\n\n"
     "A tuple of coordinate arrays from coordinate vectors ('xy':\n"
     "Cartesian, 'ij': matrix indexing); copy=False gives read-only views,\n"
     "sparse=True arrays of length 1 on the other axes."},
    {NULL, NULL, 0, NULL}};
