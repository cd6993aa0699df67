/*
 * ufunc.c - numc.ufunc: NumPy's universal-function objects over libnumc's
 * elementwise operations (one instance per entry of NUMC_UNARY_MAP and
 * NUMC_BINARY_MAP, named as NumPy names them: numc.add, numc.absolute, ...).
 *
 * A call goes through vectorcall. Positional operands without keywords take
 * the operators' path (pynumc_binop/pynumc_unop: numc_binary/numc_unary),
 * as the former builtin functions did; out=, where=, dtype=, casting= (and
 * NumPy's harmless order=/subok=/signature=None) take the general path over
 * numc_ufunc, whose writes into out are ordered after pending reads of out's
 * buffer (DESIGN.md invariant 3), so out may alias an input.
 *
 * The methods reduce, accumulate, outer and at, and the __array_ufunc__ /
 * __array_function__ protocol of ndarray, are composites: they are written
 * in Python (numc/_compat.py) over numc's C primitives, and the C entries
 * here only forward to them.
 */
#include "pynumc.h"

#include <math.h>
#include <string.h>

typedef struct {
  PyObject_HEAD
  vectorcallfunc vectorcall;
  numc_op op;
  int nin;
  int nout;    /* 1, or 2: op gives output 0 and op2 output 1 (frexp) */
  numc_op op2;
  const char *name; /* NumPy's name: "add", "absolute", ... */
  const char *doc;
} PyNumcUfunc;

/* NumPy's names for the operations numc (the Array API) spells otherwise. */
static const char *numpy_name(numc_op op) {
  switch (op) {
  case NUMC_OP_ABS: return "absolute";
  case NUMC_OP_ACOS: return "arccos";
  case NUMC_OP_ACOSH: return "arccosh";
  case NUMC_OP_ASIN: return "arcsin";
  case NUMC_OP_ASINH: return "arcsinh";
  case NUMC_OP_ATAN: return "arctan";
  case NUMC_OP_ATANH: return "arctanh";
  case NUMC_OP_ATAN2: return "arctan2";
  case NUMC_OP_BITWISE_INVERT: return "invert";
  case NUMC_OP_BITWISE_LEFT_SHIFT: return "left_shift";
  case NUMC_OP_BITWISE_RIGHT_SHIFT: return "right_shift";
  case NUMC_OP_CONJ: return "conjugate";
  case NUMC_OP_POW: return "power";
  case NUMC_OP_ROUND: return "rint";
  default: return numc_op_name(op);
  }
}

/* ---- calling --------------------------------------------------------------------------- */

static PyObject *unsupported(PyObject *o, const char *fn) {
  PyErr_Format(PyExc_TypeError,
               "ufunc '%s' not supported for the input type '%.200s'", fn,
               Py_TYPE(o)->tp_name);
  return NULL;
}

/* The fast path: positional operands only, computed as the operators
 * compute them; types numc does not take are a TypeError here. */
static PyObject *call_plain(PyNumcUfunc *u, PyObject *const *args) {
  PyObject *r = u->nin == 1 ? pynumc_unop(args[0], u->op)
                            : pynumc_binop(args[0], args[1], u->op);
  if (r != Py_NotImplemented) return r;
  Py_DECREF(r);
  if (u->nin == 1) return unsupported(args[0], u->name);
  PyErr_Format(PyExc_TypeError,
               "ufunc '%s' not supported for the input types ('%.100s', "
               "'%.100s')",
               u->name, Py_TYPE(args[0])->tp_name, Py_TYPE(args[1])->tp_name);
  return NULL;
}

/* casting= names, indexed by numc_casting. */
static const char *const CASTING_NAMES[] = {"no", "equiv", "safe",
                                            "same_kind", "unsafe"};

int pynumc_casting_from_obj(PyObject *o, numc_casting *out) {
  if (o == NULL || o == Py_None) return 0;
  if (PyUnicode_Check(o))
    for (int i = 0; i < 5; i++)
      if (PyUnicode_CompareWithASCIIString(o, CASTING_NAMES[i]) == 0) {
        *out = (numc_casting)i;
        return 0;
      }
  PyErr_Format(PyExc_ValueError,
               "casting must be one of 'no', 'equiv', 'safe', 'same_kind', "
               "or 'unsafe' (got %R)",
               o);
  return -1;
}

/* out= as NumPy takes it: None, an array, or a 1-tuple of either. Sets
 * *dst (borrowed; NULL for none). */
static int out_arg(PyObject *o, const char *fn, PyObject **dst) {
  *dst = NULL;
  if (o == NULL || o == Py_None) return 0;
  if (PyTuple_Check(o)) {
    if (PyTuple_GET_SIZE(o) != 1) {
      PyErr_Format(PyExc_ValueError,
                   "The 'out' tuple must have exactly one entry per ufunc "
                   "output (%s has 1)", fn);
      return -1;
    }
    o = PyTuple_GET_ITEM(o, 0);
    if (o == Py_None) return 0;
  }
  if (!PyNumcArray_Check(o)) {
    PyErr_Format(PyExc_TypeError,
                 "return arrays must be of ArrayType (numc.ndarray), not "
                 "'%.200s'", Py_TYPE(o)->tp_name);
    return -1;
  }
  *dst = o;
  return 0;
}

/* result written into dst only where mask is true (NumPy's where= with
 * out=): res is cast to dst's dtype under `casting`, then
 * dst = where(mask, res, dst). Steals res. */
static int masked_store(numc_array *dst, numc_array *res, numc_array *mask,
                        numc_casting casting, const char *fn) {
  numc_dtype dt = numc_array_dtype(dst);
  numc_array *cast = NULL, *sel = NULL;
  int rc;
  if (!numc_can_cast(numc_array_dtype(res), dt, casting)) {
    PyErr_Format(PyExc_TypeError,
                 "Cannot cast ufunc '%s' output from dtype('%s') to "
                 "dtype('%s') with casting rule '%s'",
                 fn, numc_dtype_name(numc_array_dtype(res)),
                 numc_dtype_name(dt), CASTING_NAMES[casting]);
    numc_release(res);
    return -1;
  }
  rc = numc_astype(&cast, res, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED);
  numc_release(res);
  if (rc == 0) rc = numc_where(&sel, mask, cast, dst);
  numc_release(cast);
  if (rc == 0 && (numc_array_ndim(sel) != numc_array_ndim(dst) ||
                  memcmp(numc_array_shape(sel), numc_array_shape(dst),
                         sizeof(int64_t) * numc_array_ndim(dst)) != 0)) {
    numc_release(sel);
    PyErr_SetString(PyExc_ValueError,
                    "non-broadcastable where= or operands for the output "
                    "operand");
    return -1;
  }
  if (rc == 0) rc = numc_assign(dst, sel, NUMC_CASTING_UNSAFE);
  numc_release(sel);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

static const char *const CALL_NAMES[] = {"out",   "where", "dtype",
                                         "casting", "order", "subok",
                                         "signature", NULL};

/* The general path: out=, where=, dtype=, casting=. */
static PyObject *call_general(PyNumcUfunc *u, PyObject *const *args,
                              Py_ssize_t nargs, PyObject *kwnames) {
  if (nargs < u->nin || nargs > u->nin + 1) {
    PyErr_Format(PyExc_TypeError,
                 "%s() takes from %d to %d positional arguments but %zd "
                 "were given",
                 u->name, u->nin, u->nin + 1, nargs);
    return NULL;
  }
  PyObject *kw[7] = {NULL};
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t k = 0; k < nkw; k++) {
    PyObject *key = PyTuple_GET_ITEM(kwnames, k);
    int i = 0;
    while (CALL_NAMES[i] &&
           PyUnicode_CompareWithASCIIString(key, CALL_NAMES[i]) != 0)
      i++;
    if (CALL_NAMES[i] == NULL) {
      PyErr_Format(PyExc_TypeError,
                   "%s() got an unexpected keyword argument '%U'", u->name,
                   key);
      return NULL;
    }
    kw[i] = args[nargs + k];
  }
  if (nargs == u->nin + 1) {
    if (kw[0] != NULL) {
      PyErr_SetString(PyExc_TypeError,
                      "cannot specify 'out' as both a positional and keyword "
                      "argument");
      return NULL;
    }
    kw[0] = args[u->nin];
  }
  if (kw[6] != NULL && kw[6] != Py_None) {
    PyErr_Format(PyExc_TypeError, "%s(): numc ufuncs do not take signature=",
                 u->name);
    return NULL;
  }
  PyObject *outobj;
  numc_dtype dt = NUMC_DTYPE_DEFAULT;
  numc_casting casting = NUMC_CASTING_SAME_KIND;
  if (out_arg(kw[0], u->name, &outobj) < 0 ||
      pynumc_dtype_from_obj(kw[2], &dt) < 0 ||
      pynumc_casting_from_obj(kw[3], &casting) < 0)
    return NULL;
  int plain_where = kw[1] == NULL || kw[1] == Py_True;
  if (kw[1] != NULL && kw[1] != Py_True && PyBool_Check(kw[1])) {
    /* where=False: nothing is computed (NumPy leaves out untouched) */
    plain_where = 0;
  }
  numc_array *x[2] = {NULL, NULL}, *mask = NULL, *res = NULL;
  int kind[2], owned[2] = {0, 0}, rc = 0, heavy = 0, scalar = 1, nx = 0;
  for (; nx < u->nin; nx++) {
    int r = pynumc_operand_b(args[nx], &x[nx], &kind[nx], &owned[nx]);
    if (r != 0) {
      if (r > 0) unsupported(args[nx], u->name);
      goto fail;
    }
    heavy |= pynumc_heavy_obj(args[nx], x[nx]);
    scalar &= kind[nx] != PYNUMC_OPND_ARRAY;
  }
  if (!plain_where) {
    int mk;
    int r = pynumc_operand(kw[1], &mask, &mk, 1);
    if (r != 0) {
      if (r > 0) unsupported(kw[1], u->name);
      goto fail;
    }
    if (numc_array_dtype(mask) != NUMC_BOOL) {
      numc_array *b;
      if (!numc_can_cast(numc_array_dtype(mask), NUMC_BOOL,
                         NUMC_CASTING_SAFE)) {
        PyErr_Format(PyExc_TypeError,
                     "Cannot cast array data from dtype('%s') to "
                     "dtype('bool') according to the rule 'safe'",
                     numc_dtype_name(numc_array_dtype(mask)));
        goto fail;
      }
      rc = numc_astype(&b, mask, NUMC_BOOL, NUMC_CASTING_UNSAFE, NUMC_COPY_IF_NEEDED);
      if (rc < 0) goto fail;
      numc_release(mask);
      mask = b;
    }
    heavy |= pynumc_heavy(mask);
  }
  numc_array *dst = outobj ? PYNUMC_ARR(outobj) : NULL;
  if (dst) heavy |= pynumc_heavy_obj(outobj, dst);
  const numc_array *in[2] = {x[0], x[1]};
  if (mask == NULL) {
    PYNUMC_NOGIL_IF(heavy,
                    rc = numc_ufunc(&res, u->op, u->nin, in, dst, dt, casting));
    if (rc < 0) goto fail;
  } else {
    PYNUMC_NOGIL_IF(heavy,
                    rc = numc_ufunc(&res, u->op, u->nin, in, NULL, dt,
                                    casting));
    if (rc < 0) goto fail;
    if (dst == NULL) {
      /* NumPy leaves unselected elements uninitialised; numc zero-fills */
      numc_array *z;
      rc = numc_zeros_like(&z, res, numc_array_dtype(res));
      if (rc < 0) goto fail;
      /* broadcast z against the mask so the result has the full shape */
      numc_array *sel;
      rc = numc_where(&sel, mask, res, z);
      numc_release(z);
      if (rc < 0) goto fail;
      numc_release(res);
      res = sel;
      scalar = 0;
    } else {
      numc_array *r0 = res;
      res = NULL;
      if (masked_store(dst, r0, mask, casting, u->name) < 0) goto fail_set;
    }
  }
  for (int i = 0; i < nx; i++) pynumc_opnd_done(x[i], owned[i]);
  if (mask) numc_release(mask);
  if (outobj) {
    if (res) numc_release(res);
    if (PyNumcArray_Check(outobj)) ((PyNumcArray *)outobj)->computed = 0;
    return Py_NewRef(outobj);
  }
  return pynumc_wrap_result(res, scalar);

fail:
  if (rc < 0) pynumc_err(rc);
fail_set:
  for (int i = 0; i < nx; i++) pynumc_opnd_done(x[i], owned[i]);
  if (mask) numc_release(mask);
  if (res) numc_release(res);
  return NULL;
}

/* A two-output ufunc (frexp): each output is a one-output call of its own
 * op over the same inputs and keywords, with out= split between them
 * (NumPy's out=(o1, o2), or the outputs given positionally). Both are
 * recorded before either is observed, so they fuse into one kernel. */
static PyObject *call_two(PyNumcUfunc *u, PyObject *const *args,
                          Py_ssize_t nargs, PyObject *kwnames) {
  PyObject *outs[2] = {NULL, NULL};
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  if (nargs < u->nin || nargs > u->nin + 2) {
    PyErr_Format(PyExc_TypeError,
                 "%s() takes from %d to %d positional arguments but %zd "
                 "were given", u->name, u->nin, u->nin + 2, nargs);
    return NULL;
  }
  for (Py_ssize_t i = u->nin; i < nargs; i++) outs[i - u->nin] = args[i];
  PyObject *names = PyTuple_New(nkw + 1);
  PyObject **vals = PyMem_Malloc(sizeof(PyObject *) * (size_t)(u->nin + nkw + 1));
  if (names == NULL || vals == NULL) {
    Py_XDECREF(names);
    PyMem_Free(vals);
    return PyErr_NoMemory();
  }
  Py_ssize_t k = 0;
  PyObject *res[2] = {NULL, NULL};
  int ok = 1;
  for (int i = 0; i < u->nin; i++) vals[i] = args[i];
  for (Py_ssize_t j = 0; j < nkw; j++) {
    PyObject *key = PyTuple_GET_ITEM(kwnames, j);
    if (PyUnicode_CompareWithASCIIString(key, "out") == 0) {
      PyObject *o = args[nargs + j];
      if (nargs > u->nin) {
        PyErr_SetString(PyExc_TypeError, "cannot specify 'out' as both a "
                                         "positional and keyword argument");
        ok = 0;
      } else if (PyTuple_Check(o) && PyTuple_GET_SIZE(o) == 2) {
        outs[0] = PyTuple_GET_ITEM(o, 0);
        outs[1] = PyTuple_GET_ITEM(o, 1);
      } else if (o != Py_None) {
        PyErr_Format(PyExc_ValueError,
                     "The 'out' tuple must have exactly one entry per ufunc "
                     "output (%s has 2)", u->name);
        ok = 0;
      }
      continue;
    }
    PyTuple_SET_ITEM(names, k, Py_NewRef(key));
    vals[u->nin + k++] = args[nargs + j];
  }
  PyTuple_SET_ITEM(names, k, PyUnicode_FromString("out"));
  PyObject *kn = ok && PyTuple_GET_ITEM(names, k) ? PyTuple_GetSlice(names, 0, k + 1) : NULL;
  PyObject *kn0 = ok && kn ? PyTuple_GetSlice(names, 0, k) : NULL;
  for (int j = 0; j < 2 && ok && kn && kn0; j++) {
    PyNumcUfunc one = *u;
    one.nout = 1;
    one.op = j == 0 ? u->op : u->op2;
    one.nin = u->nin;
    vals[u->nin + k] = outs[j];
    res[j] = outs[j] && outs[j] != Py_None
                 ? call_general(&one, vals, u->nin, kn)
                 : call_general(&one, vals, u->nin, k ? kn0 : NULL);
    if (res[j] == NULL) ok = 0;
  }
  Py_XDECREF(kn);
  Py_XDECREF(kn0);
  Py_DECREF(names);
  PyMem_Free(vals);
  if (!ok || res[0] == NULL || res[1] == NULL) {
    Py_XDECREF(res[0]);
    Py_XDECREF(res[1]);
    return NULL;
  }
  PyObject *t = PyTuple_Pack(2, res[0], res[1]);
  Py_DECREF(res[0]);
  Py_DECREF(res[1]);
  return t;
}

static PyObject *ufunc_vectorcall(PyObject *self, PyObject *const *args,
                                  size_t nargsf, PyObject *kwnames) {
  PyNumcUfunc *u = (PyNumcUfunc *)self;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (u->nout == 2) return call_two(u, args, nargs, kwnames);
  if (kwnames == NULL && nargs == u->nin) return call_plain(u, args);
  return call_general(u, args, nargs, kwnames);
}

/* ---- attributes and methods -------------------------------------------------------- */

static PyObject *ufunc_repr(PyObject *self) {
  return PyUnicode_FromFormat("<ufunc '%s'>", ((PyNumcUfunc *)self)->name);
}

static PyObject *get_nin(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromLong(((PyNumcUfunc *)self)->nin);
}
static PyObject *get_nout(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromLong(((PyNumcUfunc *)self)->nout);
}
static PyObject *get_nargs(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromLong(((PyNumcUfunc *)self)->nin +
                         ((PyNumcUfunc *)self)->nout);
}
static PyObject *get_name(PyObject *self, void *c) {
  (void)c;
  return PyUnicode_FromString(((PyNumcUfunc *)self)->name);
}
static PyObject *get_doc(PyObject *self, void *c) {
  (void)c;
  PyNumcUfunc *u = (PyNumcUfunc *)self;
  return PyUnicode_FromFormat(
      "%s(%s, /, out=None, *, where=True, casting='same_kind', dtype=None)"
      "\n\nElementwise %s.",
      u->name, u->nin == 1 ? "x" : "x1, x2", u->doc);
}
static PyObject *get_signature(PyObject *self, void *c) {
  (void)self, (void)c;
  Py_RETURN_NONE;
}

/* NumPy's identity: the value a reduction over nothing gives. */
static PyObject *get_identity(PyObject *self, void *c) {
  (void)c;
  switch (((PyNumcUfunc *)self)->op) {
  case NUMC_OP_ADD: case NUMC_OP_BITWISE_OR: case NUMC_OP_BITWISE_XOR:
  case NUMC_OP_GCD: case NUMC_OP_HYPOT:
    return PyLong_FromLong(0);
  case NUMC_OP_MULTIPLY: return PyLong_FromLong(1);
  case NUMC_OP_BITWISE_AND: return PyLong_FromLong(-1);
  case NUMC_OP_LOGICAL_AND: Py_RETURN_TRUE;
  case NUMC_OP_LOGICAL_OR: case NUMC_OP_LOGICAL_XOR: Py_RETURN_FALSE;
  case NUMC_OP_LOGADDEXP: case NUMC_OP_LOGADDEXP2:
    return PyFloat_FromDouble(-INFINITY);
  default: Py_RETURN_NONE;
  }
}

/* The loops as NumPy lists them ('dd->d'): every numc dtype the op takes
 * with the dtype it gives. */
static PyObject *get_types(PyObject *self, void *c) {
  (void)c;
  PyNumcUfunc *u = (PyNumcUfunc *)self;
  PyObject *list = PyList_New(0);
  if (list == NULL) return NULL;
  for (int d = 0; d < NUMC_NDTYPES; d++) {
    numc_dtype r, r2;
    if (u->op == NUMC_OP_LDEXP || u->nout == 2) {
      /* ldexp: float x with int32 / int64 exponents; frexp: two outputs */
      if (numc_dtype_kind((numc_dtype)d) != 'f') continue;
      char ch = numc_dtype_char((numc_dtype)d);
      PyObject *s1 = NULL, *s2 = NULL;
      if (u->nout == 2) {
        int rc = numc_op_result_dtype(&r2, u->op2, (numc_dtype)d, 0,
                                      (numc_dtype)d, 0);
        if (rc < 0) {
          Py_DECREF(list);
          return pynumc_err(rc);
        }
        s1 = PyUnicode_FromFormat("%c->%c%c", ch, ch, numc_dtype_char(r2));
      } else {
        s1 = PyUnicode_FromFormat("%c%c->%c", ch, numc_dtype_char(NUMC_INT32), ch);
        s2 = PyUnicode_FromFormat("%c%c->%c", ch, numc_dtype_char(NUMC_INT64), ch);
      }
      int bad = s1 == NULL || PyList_Append(list, s1) < 0 ||
                (u->nout == 1 && (s2 == NULL || PyList_Append(list, s2) < 0));
      Py_XDECREF(s1);
      Py_XDECREF(s2);
      if (bad) {
        Py_DECREF(list);
        return NULL;
      }
      continue;
    }
    if (numc_op_result_dtype(&r, u->op, (numc_dtype)d, 0, (numc_dtype)d, 0) <
        0) {
      numc_clear_error();
      continue;
    }
    char ch = numc_dtype_char((numc_dtype)d);
    PyObject *s = u->nin == 1
                      ? PyUnicode_FromFormat("%c->%c", ch, numc_dtype_char(r))
                      : PyUnicode_FromFormat("%c%c->%c", ch, ch,
                                             numc_dtype_char(r));
    if (s == NULL || PyList_Append(list, s) < 0) {
      Py_XDECREF(s);
      Py_DECREF(list);
      return NULL;
    }
    Py_DECREF(s);
  }
  return list;
}
static PyObject *get_ntypes(PyObject *self, void *c) {
  PyObject *t = get_types(self, c);
  if (t == NULL) return NULL;
  Py_ssize_t n = PyList_GET_SIZE(t);
  Py_DECREF(t);
  return PyLong_FromSsize_t(n);
}

static PyGetSetDef ufunc_getset[] = {
    {"nin", get_nin, NULL, "Number of inputs.", NULL},
    {"nout", get_nout, NULL, "Number of outputs (1, or 2 for frexp).", NULL},
    {"nargs", get_nargs, NULL, "Number of arguments (nin + nout).", NULL},
    {"__name__", get_name, NULL, "NumPy's name of the function.", NULL},
    {"__doc__", get_doc, NULL, NULL, NULL},
    {"identity", get_identity, NULL, "Identity of the operation or None.",
     NULL},
    {"types", get_types, NULL, "The loops, as 'dd->d' strings.", NULL},
    {"ntypes", get_ntypes, NULL, "Number of loops.", NULL},
    {"signature", get_signature, NULL, "None: numc ufuncs are elementwise.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL}};

/* ---- forwarding to numc._compat ---------------------------------------------------- */

/* numc._compat.<name>(*prefix, *args, **kwargs); prefix holds `np` objects
 * (at most 2). */
PyObject *pynumc_compat_call(const char *name, PyObject *const *prefix,
                             int np, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
  static PyObject *mod = NULL;
  if (mod == NULL) {
    mod = PyImport_ImportModule("numc._compat");
    if (mod == NULL) return NULL;
  }
  PyObject *fn = PyObject_GetAttrString(mod, name);
  if (fn == NULL) return NULL;
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  Py_ssize_t total = np + nargs + nkw;
  PyObject *small[16], **buf = small;
  if (total > 16) {
    buf = PyMem_Malloc(sizeof(PyObject *) * total);
    if (buf == NULL) {
      Py_DECREF(fn);
      return PyErr_NoMemory();
    }
  }
  for (int i = 0; i < np; i++) buf[i] = prefix[i];
  for (Py_ssize_t i = 0; i < nargs + nkw; i++) buf[np + i] = args[i];
  PyObject *r = PyObject_Vectorcall(fn, buf, np + nargs, kwnames);
  if (buf != small) PyMem_Free(buf);
  Py_DECREF(fn);
  return r;
}

#define FORWARD(meth)                                                          \
  PYNUMC_COMPAT_METHOD(static, ufunc_##meth, "_ufunc_" #meth)
FORWARD(reduce)
FORWARD(accumulate)
FORWARD(outer)
FORWARD(at)
FORWARD(reduceat)
#undef FORWARD

/* ndarray.__array_ufunc__(ufunc, method, *inputs, **kwargs) and
 * ndarray.__array_function__(func, types, args, kwargs): NumPy's dispatch
 * protocols (NEP 13, NEP 18), handled by _compat._array_ufunc and
 * _compat._array_function. */
PyObject *pynumc_array_ufunc(PyObject *self, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames) {
  return pynumc_compat_call("_array_ufunc", &self, 1, args, nargs, kwnames);
}
PyObject *pynumc_array_function(PyObject *self, PyObject *const *args,
                                Py_ssize_t nargs, PyObject *kwnames) {
  return pynumc_compat_call("_array_function", &self, 1, args, nargs,
                            kwnames);
}
/* The ndarray methods of PYNUMC_COMPAT_METHODS: numc._compat._m_<name>. */
#define COMPAT_METHOD(name, doc) PYNUMC_COMPAT_METHOD(, pynumc_m_##name, "_m_" #name)
PYNUMC_COMPAT_METHODS(COMPAT_METHOD)
#undef COMPAT_METHOD
/* ndarray.flat: a _compat.flatiter over the array. */
PyObject *pynumc_array_flat(PyObject *self, void *closure) {
  (void)closure;
  return pynumc_compat_call("flatiter", &self, 1, NULL, 0, NULL);
}
int pynumc_array_set_flat(PyObject *self, PyObject *value, void *closure) {
  (void)closure;
  if (value == NULL) {
    PyErr_SetString(PyExc_AttributeError, "cannot delete flat");
    return -1;
  }
  PyObject *pre[2] = {self, value};
  PyObject *r = pynumc_compat_call("_set_flat", pre, 2, NULL, 0, NULL);
  if (r == NULL) return -1;
  Py_DECREF(r);
  return 0;
}

/* Pickled by name, as NumPy's ufuncs: numc.<name> is the same object. */
static PyObject *ufunc_reduce_ex(PyObject *self, PyObject *unused) {
  (void)unused;
  return PyUnicode_FromString(((PyNumcUfunc *)self)->name);
}

#define FKW (PyCFunction)(void (*)(void))
static PyMethodDef ufunc_methods[] = {
    {"__reduce__", ufunc_reduce_ex, METH_NOARGS, NULL},
    {"reduce", FKW ufunc_reduce, METH_FASTCALL | METH_KEYWORDS,
     "reduce(array, axis=0, dtype=None, out=None, keepdims=False, "
     "initial=<no value>, where=True)\n--\n\n"
     "Reduces array's dimension(s) by applying the ufunc along them."},
    {"accumulate", FKW ufunc_accumulate, METH_FASTCALL | METH_KEYWORDS,
     "accumulate(array, axis=0, dtype=None, out=None)\n--\n\n"
     "Running result of the ufunc along an axis."},
    {"outer", FKW ufunc_outer, METH_FASTCALL | METH_KEYWORDS,
     "outer(A, B, /, **kwargs)\n--\n\n"
     "op(a, b) for every pair a in A, b in B (shape A.shape + B.shape)."},
    {"at", FKW ufunc_at, METH_FASTCALL | METH_KEYWORDS,
     "at(a, indices, b=None, /)\n--\n\n"
     "Unbuffered in-place a[indices] = op(a[indices], b) (repeated indices "
     "accumulate)."},
    {"reduceat", FKW ufunc_reduceat, METH_FASTCALL | METH_KEYWORDS,
     "reduceat(array, indices, axis=0, dtype=None, out=None)\n--\n\n"
     "Reductions over slices indices[i]:indices[i+1] along an axis."},
    {NULL, NULL, 0, NULL}};

PyTypeObject PyNumcUfunc_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.ufunc",
    .tp_basicsize = sizeof(PyNumcUfunc),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "An elementwise function over numc arrays, with NumPy's ufunc "
              "interface (out=, where=, dtype=, casting=, reduce, "
              "accumulate, outer, at).",
    .tp_vectorcall_offset = offsetof(PyNumcUfunc, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_repr = ufunc_repr,
    .tp_getset = ufunc_getset,
    .tp_methods = ufunc_methods,
};

int pynumc_ufunc_op(PyObject *o, int *op, int *nin) {
  if (Py_TYPE(o) != &PyNumcUfunc_Type) return 0;
  *op = ((PyNumcUfunc *)o)->op;
  *nin = ((PyNumcUfunc *)o)->nin;
  return 1;
}

/* ---- floating-point status ---------------------------------------------------------- */

int pynumc_fpe_flush(void) {
  numc_fpe_event ev[8];
  int n = numc_fpe_take(ev, 8);
  for (int i = 0; i < n; i++) {
    const char *op = ev[i].op >= 0 ? numpy_name((numc_op)ev[i].op) : ev[i].name;
    if (ev[i].mode == NUMC_FPE_CALL) { /* numc._compat._fpe_callback */
      PyObject *a[3] = {PyUnicode_FromString(numc_fpe_cond_text(ev[i].cond)),
                        PyUnicode_FromString(op), PyLong_FromLong(ev[i].cond)};
      PyObject *r = a[0] && a[1] && a[2]
                        ? pynumc_compat_call("_fpe_callback", NULL, 0, a, 3, NULL)
                        : NULL;
      for (int j = 0; j < 3; j++) Py_XDECREF(a[j]);
      if (r == NULL) return -1;
      Py_DECREF(r);
      continue;
    }
    if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "%s encountered in %s",
                         numc_fpe_cond_text(ev[i].cond), op) < 0)
      return -1;
  }
  return 0;
}

static PyObject *m_set_errstate(PyObject *mod, PyObject *arg) {
  (void)mod;
  unsigned long v = PyLong_AsUnsignedLong(arg);
  if (v == (unsigned long)-1 && PyErr_Occurred()) return NULL;
  if (v > 0xff) {
    PyErr_SetString(PyExc_ValueError, "invalid error state");
    return NULL;
  }
  return PyLong_FromUnsignedLong(numc_set_errstate((unsigned)v));
}

static PyObject *m_get_errstate(PyObject *mod, PyObject *unused) {
  (void)mod, (void)unused;
  return PyLong_FromUnsignedLong(numc_get_errstate());
}

static PyMethodDef fpe_functions[] = {
    {"_set_errstate", m_set_errstate, METH_O,
     "Sets this thread's libnumc error state (2 bits per condition: divide, "
     "over, under, invalid; 0 ignore, 1 warn, 2 raise); returns the old "
     "one. Use numc.seterr / numc.errstate."},
    {"_get_errstate", m_get_errstate, METH_NOARGS,
     "This thread's libnumc error state (see _set_errstate)."},
    {NULL, NULL, 0, NULL}};

/* ---- module setup ------------------------------------------------------------------- */

static int add_ufunc(PyObject *m, numc_op op, const char *name,
                     const char *doc) {
  PyNumcUfunc *u = PyObject_New(PyNumcUfunc, &PyNumcUfunc_Type);
  if (u == NULL) return -1;
  u->vectorcall = ufunc_vectorcall;
  u->op = op;
  u->op2 = op;
  u->nout = 1;
  u->nin = numc_op_nin(op);
  u->name = numpy_name(op);
  u->doc = doc;
  int rc = 0;
  if (op == NUMC_OP_FREXP_MANTISSA) { /* the two halves make numc.frexp */
    u->nout = 2;
    u->op2 = NUMC_OP_FREXP_EXPONENT;
    name = u->name = "frexp";
  }
  /* numc.round stays the function with decimals= (NumPy's np.round) */
  if (op != NUMC_OP_ROUND && op != NUMC_OP_FREXP_EXPONENT)
    rc = PyModule_AddObjectRef(m, name, (PyObject *)u);
  if (rc == 0 && strcmp(name, u->name) != 0)
    rc = PyModule_AddObjectRef(m, u->name, (PyObject *)u);
  Py_DECREF(u);
  return rc;
}

int pynumc_ufunc_init(PyObject *m) {
  if (PyType_Ready(&PyNumcUfunc_Type) < 0) return -1;
  if (PyModule_AddObjectRef(m, "ufunc", (PyObject *)&PyNumcUfunc_Type) < 0 ||
      PyModule_AddFunctions(m, fpe_functions) < 0)
    return -1;
#define ADD(E, name, doc)                                                      \
  if (add_ufunc(m, NUMC_OP_##E, #name, doc) < 0) return -1;
  NUMC_UNARY_MAP(ADD)
  NUMC_BINARY_MAP(ADD)
#undef ADD
  /* further NumPy spellings of the same objects */
  static const char *const aliases[][2] = {
      {"bitwise_not", "invert"}, {"true_divide", "divide"},
      {"mod", "remainder"},      {"degrees", "rad2deg"},
      {"radians", "deg2rad"},    {NULL, NULL}};
  for (int i = 0; aliases[i][0]; i++) {
    PyObject *o = PyObject_GetAttrString(m, aliases[i][1]);
    if (o == NULL) return -1;
    int rc = PyModule_AddObjectRef(m, aliases[i][0], o);
    Py_DECREF(o);
    if (rc < 0) return -1;
  }
  return 0;
}
