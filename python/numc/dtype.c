/*
 * dtype.c - dtypes and scalar types, which are the same objects.
 *
 * numc.float64 is a class (its instances are float64 scalars) whose
 * metaclass is numc.dtype, a C subclass of `type`. The metaclass gives each
 * dtype its attributes (name, kind, itemsize, char, str, num, type) and its
 * dtype-style repr, equality and hashing; numc.dtype(x) looks a dtype up.
 *
 * The scalar classes are made at import from one table: numc.float64
 * derives from numc.generic and Python's float, numc.complex128 from
 * numc.generic and complex (as in NumPy), the others from an internal base
 * holding a numc_scalar. numc.generic carries every behaviour (operators
 * through libnumc on 0-d arrays, conversions, repr), so each of the 13
 * classes is the same code with a different dtype code.
 */
#include "pynumc.h"

#include <math.h>
#include <string.h>

PyTypeObject *pynumc_types[NUMC_NDTYPES];

/* Instances of the classes other than float64/complex128. */
typedef struct {
  PyObject_HEAD
  numc_scalar s;
} ScalarObject;

/* ---- the metaclass: numc.dtype ---------------------------------------------- */

static numc_dtype meta_code(PyObject *self) { return PYNUMC_DTYPE_CODE(self); }

static PyObject *meta_name(PyObject *self, void *c) {
  (void)c;
  return PyUnicode_FromString(numc_dtype_name(meta_code(self)));
}
static PyObject *meta_kind(PyObject *self, void *c) {
  (void)c;
  return PyUnicode_FromFormat("%c", numc_dtype_kind(meta_code(self)));
}
static PyObject *meta_char(PyObject *self, void *c) {
  (void)c;
  /* NumPy's int64/uint64 are C long on LP64 platforms: 'l'/'L' */
  numc_dtype d = meta_code(self);
  char ch = d == NUMC_INT64 ? 'l' : d == NUMC_UINT64 ? 'L' : numc_dtype_char(d);
  return PyUnicode_FromFormat("%c", ch);
}
static PyObject *meta_itemsize(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromSize_t(numc_dtype_itemsize(meta_code(self)));
}
static PyObject *meta_alignment(PyObject *self, void *c) {
  (void)c;
  numc_dtype d = meta_code(self);
  size_t sz = numc_dtype_itemsize(d);
  return PyLong_FromSize_t(numc_dtype_kind(d) == 'c' ? sz / 2 : sz);
}
static PyObject *meta_byteorder(PyObject *self, void *c) {
  (void)c;
  return PyUnicode_FromString(numc_dtype_itemsize(meta_code(self)) == 1 ? "|"
                                                                          : "=");
}
/* NumPy's typestr: '<f8', '|b1', '<c16'. */
static void typestr(char *buf, size_t n, numc_dtype d) {
  size_t sz = numc_dtype_itemsize(d);
  PyOS_snprintf(buf, n, "%c%c%zu", sz == 1 ? '|' : '<', numc_dtype_kind(d),
                sz);
}
static PyObject *meta_str(PyObject *self, void *c) {
  (void)c;
  char buf[16];
  typestr(buf, sizeof buf, meta_code(self));
  return PyUnicode_FromString(buf);
}
static PyObject *meta_type(PyObject *self, void *c) {
  (void)c;
  return Py_NewRef(self);
}
static PyObject *meta_num(PyObject *self, void *c) {
  (void)c;
  /* NumPy's type numbers (bool 0, int8 1, ... complex128 15). */
  static const int nums[NUMC_NDTYPES] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12,
                                         14, 15};
  return PyLong_FromLong(nums[meta_code(self)]);
}
/* shape () and ndim 0: of every dtype and of every scalar */
static PyObject *get_shape0(PyObject *self, void *c) {
  (void)self, (void)c;
  return PyTuple_New(0);
}
static PyObject *get_ndim0(PyObject *self, void *c) {
  (void)self, (void)c;
  return PyLong_FromLong(0);
}

static PyObject *numpy_module(void);

/* .dtype of a dtype: NumPy's equal dtype, when NumPy is imported. NumPy
 * reads a type's .dtype attribute, so numpy.dtype(numc.float32) and NumPy
 * functions given dtype=numc.float32 get float32 (not object). Without
 * NumPy loaded: AttributeError. */
static PyObject *meta_npdtype(PyObject *self, void *c) {
  (void)c;
  PyObject *np = numpy_module();
  if (np == NULL) {
    PyErr_SetString(PyExc_AttributeError,
                    "numc dtype: .dtype is NumPy's dtype (NumPy not imported)");
    return NULL;
  }
  char buf[16];
  typestr(buf, sizeof buf, meta_code(self));
  return PyObject_CallMethod(np, "dtype", "s", buf);
}

static PyGetSetDef meta_getset[] = {
    {"dtype", meta_npdtype, NULL, "NumPy's equal dtype (for NumPy interop)", NULL},
    {"name", meta_name, NULL, "canonical name ('float64')", NULL},
    {"kind", meta_kind, NULL, "kind character: b i u f c", NULL},
    {"char", meta_char, NULL, "NumPy type character ('d')", NULL},
    {"itemsize", meta_itemsize, NULL, "bytes per element", NULL},
    {"alignment", meta_alignment, NULL, "required alignment in bytes", NULL},
    {"byteorder", meta_byteorder, NULL, "'=' native, '|' not applicable", NULL},
    {"str", meta_str, NULL, "array-protocol typestring ('<f8')", NULL},
    {"type", meta_type, NULL, "the scalar type (the dtype itself)", NULL},
    {"num", meta_num, NULL, "NumPy's type number", NULL},
    {"shape", get_shape0, NULL, "() for every dtype", NULL},
    {"ndim", get_ndim0, NULL, "0 for every dtype", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyObject *meta_repr(PyObject *self) {
  return PyUnicode_FromFormat("dtype('%s')", numc_dtype_name(meta_code(self)));
}
static PyObject *meta_tostr(PyObject *self) {
  return PyUnicode_FromString(numc_dtype_name(meta_code(self)));
}

static Py_hash_t meta_hash(PyObject *self) { return _Py_HashPointer(self); }

static PyObject *meta_richcompare(PyObject *a, PyObject *b, int op) {
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  int eq;
  if (a == b) {
    eq = 1;
  } else if (PyNumcDType_Check(b) || b == Py_None) {
    eq = 0;
  } else {
    numc_dtype d;
    if (pynumc_dtype_from_obj(b, &d) < 0) {
      PyErr_Clear();
      eq = 0;
    } else {
      eq = d == meta_code(a);
    }
  }
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static PyObject *meta_new(PyTypeObject *t, PyObject *args, PyObject *kwds) {
  (void)t;
  if (kwds && PyDict_GET_SIZE(kwds)) {
    PyErr_SetString(PyExc_TypeError, "numc.dtype() takes no keyword arguments");
    return NULL;
  }
  if (PyTuple_GET_SIZE(args) != 1) {
    PyErr_SetString(PyExc_TypeError,
                    "numc.dtype(obj) takes one argument (new dtypes cannot be "
                    "defined)");
    return NULL;
  }
  PyObject *o = PyTuple_GET_ITEM(args, 0);
  numc_dtype d;
  if (o == Py_None) {
    d = NUMC_DEFAULT_FLOAT; /* np.dtype(None) is float64 */
  } else if (pynumc_dtype_from_obj(o, &d) < 0) {
    return NULL;
  }
  return Py_NewRef(pynumc_dtype_obj(d));
}

PyTypeObject PyNumcDTypeMeta_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.dtype",
    .tp_basicsize = sizeof(PyNumcDType),
    .tp_itemsize = sizeof(PyMemberDef),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "numc.dtype(obj)\n--\n\nThe dtype of obj (a name, a NumPy dtype, "
              "a Python type...). Dtypes are the scalar types: "
              "numc.dtype('float64') is numc.float64.",
    .tp_repr = meta_repr,
    .tp_str = meta_tostr,
    .tp_hash = meta_hash,
    .tp_richcompare = meta_richcompare,
    .tp_getset = meta_getset,
    .tp_new = meta_new,
};

/* ---- dtype conversion ---------------------------------------------------------- */

static PyObject *numpy_module(void) {
  PyObject *mods = PyImport_GetModuleDict();
  return PyDict_GetItemString(mods, "numpy"); /* borrowed, may be NULL */
}

int pynumc_dtype_from_obj(PyObject *o, numc_dtype *out) {
  if (o == NULL || o == Py_None) {
    *out = NUMC_DTYPE_DEFAULT;
    return 0;
  }
  if (PyNumcDType_Check(o)) {
    *out = PYNUMC_DTYPE_CODE(o);
    return 0;
  }
  if (PyUnicode_Check(o)) {
    const char *s = PyUnicode_AsUTF8(o);
    if (s == NULL) return -1;
    int rc = numc_dtype_from_name(out, s);
    return rc < 0 ? pynumc_err_int(rc) : 0;
  }
  if (o == (PyObject *)&PyFloat_Type) return *out = NUMC_FLOAT64, 0;
  if (o == (PyObject *)&PyLong_Type) return *out = NUMC_INT64, 0;
  if (o == (PyObject *)&PyBool_Type) return *out = NUMC_BOOL, 0;
  if (o == (PyObject *)&PyComplex_Type) return *out = NUMC_COMPLEX128, 0;
  if (PyType_Check(o)) {
    /* A NumPy scalar type (np.float32): ask NumPy for its dtype. */
    PyObject *np = numpy_module();
    if (np != NULL) {
      PyObject *d = PyObject_CallMethod(np, "dtype", "O", o);
      if (d != NULL) {
        int r = pynumc_dtype_from_obj(d, out);
        Py_DECREF(d);
        return r;
      }
      PyErr_Clear();
    }
  } else {
    /* A NumPy dtype instance (or anything dtype-like with a typestring). */
    PyObject *np = numpy_module();
    PyObject *dtype_t = np ? PyObject_GetAttrString(np, "dtype") : NULL;
    if (dtype_t == NULL) PyErr_Clear();
    int is_np = dtype_t && PyType_Check(dtype_t) &&
                PyObject_TypeCheck(o, (PyTypeObject *)dtype_t);
    Py_XDECREF(dtype_t);
    if (is_np) {
      PyObject *ts = PyObject_GetAttrString(o, "str");
      if (ts == NULL) return -1;
      int r = PyUnicode_Check(ts) ? pynumc_dtype_from_obj(ts, out) : -2;
      Py_DECREF(ts);
      if (r != -2) return r;
    }
  }
  PyErr_Format(PyExc_TypeError, "Cannot interpret '%R' as a data type", o);
  return -1;
}

/* ---- scalar values --------------------------------------------------------------- */

void pynumc_scalar_value(PyObject *o, numc_scalar *out) {
  numc_dtype d = PYNUMC_DTYPE_CODE(Py_TYPE(o));
  if (d == NUMC_FLOAT64) {
    memset(out, 0, sizeof *out);
    out->dtype = d;
    out->v.f64 = ((PyFloatObject *)o)->ob_fval;
  } else if (d == NUMC_COMPLEX128) {
    memset(out, 0, sizeof *out);
    out->dtype = d;
    out->v.c128[0] = ((PyComplexObject *)o)->cval.real;
    out->v.c128[1] = ((PyComplexObject *)o)->cval.imag;
  } else {
    *out = ((ScalarObject *)o)->s;
  }
  out->weak = 0;
}

PyObject *pynumc_scalar_new(const numc_scalar *s) {
  /* scalars are small, never GC-tracked: a plain allocation (the heap type
   * reference is taken by PyObject_Init, given back by scalar_dealloc) */
  PyTypeObject *t = pynumc_types[s->dtype];
  PyObject *o = PyObject_Malloc((size_t)t->tp_basicsize);
  if (o == NULL) return PyErr_NoMemory();
  PyObject_Init(o, t);
  if (s->dtype == NUMC_FLOAT64) {
    ((PyFloatObject *)o)->ob_fval = s->v.f64;
  } else if (s->dtype == NUMC_COMPLEX128) {
    ((PyComplexObject *)o)->cval.real = s->v.c128[0];
    ((PyComplexObject *)o)->cval.imag = s->v.c128[1];
  } else {
    ((ScalarObject *)o)->s = *s;
    ((ScalarObject *)o)->s.weak = 0;
  }
  return o;
}

PyObject *pynumc_scalar_to_py(const numc_scalar *s) {
  switch (s->dtype) {
  case NUMC_BOOL:
    return PyBool_FromLong(s->v.b);
  case NUMC_INT8:
    return PyLong_FromLong(s->v.i8);
  case NUMC_UINT8:
    return PyLong_FromLong(s->v.u8);
  case NUMC_INT16:
    return PyLong_FromLong(s->v.i16);
  case NUMC_UINT16:
    return PyLong_FromLong(s->v.u16);
  case NUMC_INT32:
    return PyLong_FromLong(s->v.i32);
  case NUMC_UINT32:
    return PyLong_FromUnsignedLong(s->v.u32);
  case NUMC_INT64:
    return PyLong_FromLongLong(s->v.i64);
  case NUMC_UINT64:
    return PyLong_FromUnsignedLongLong(s->v.u64);
  case NUMC_FLOAT32:
    return PyFloat_FromDouble(s->v.f32);
  case NUMC_FLOAT64:
    return PyFloat_FromDouble(s->v.f64);
  case NUMC_COMPLEX64:
    return PyComplex_FromDoubles(s->v.c64[0], s->v.c64[1]);
  case NUMC_COMPLEX128:
    return PyComplex_FromDoubles(s->v.c128[0], s->v.c128[1]);
  default:
    PyErr_SetString(PyExc_SystemError, "invalid numc dtype");
    return NULL;
  }
}

/* ---- numc.generic: behaviour shared by every scalar class ----------------------- */

static PyObject *gen_item(PyObject *self, PyObject *const *args, Py_ssize_t n) {
  (void)args;
  if (n > 1 || (n == 1 && !(PyTuple_Check(args[0]) &&
                            PyTuple_GET_SIZE(args[0]) == 0) &&
                PyNumber_AsSsize_t(args[0], NULL) != 0)) {
    if (!PyErr_Occurred())
      PyErr_SetString(PyExc_IndexError, "index out of bounds for a scalar");
    return NULL;
  }
  numc_scalar s;
  pynumc_scalar_value(self, &s);
  return pynumc_scalar_to_py(&s);
}

static PyObject *gen_tolist(PyObject *self, PyObject *unused) {
  (void)unused;
  numc_scalar s;
  pynumc_scalar_value(self, &s);
  return pynumc_scalar_to_py(&s);
}

static PyObject *gen_dtype(PyObject *self, void *c) {
  (void)c;
  return Py_NewRef((PyObject *)Py_TYPE(self));
}
static PyObject *gen_size(PyObject *self, void *c) {
  (void)self, (void)c;
  return PyLong_FromLong(1);
}
static PyObject *gen_itemsize(PyObject *self, void *c) {
  (void)c;
  return PyLong_FromSize_t(numc_dtype_itemsize(PYNUMC_DTYPE_CODE(Py_TYPE(self))));
}
static PyObject *gen_T(PyObject *self, void *c) {
  (void)c;
  return Py_NewRef(self);
}

/* The real/imaginary part as a scalar of the real dtype. */
static PyObject *gen_part(PyObject *self, int imag) {
  numc_scalar s, r;
  pynumc_scalar_value(self, &s);
  numc_dtype rd = numc_dtype_real(s.dtype);
  memset(&r, 0, sizeof r);
  r.dtype = rd;
  if (s.dtype == NUMC_COMPLEX64)
    r.v.f32 = s.v.c64[imag];
  else if (s.dtype == NUMC_COMPLEX128)
    r.v.f64 = s.v.c128[imag];
  else if (!imag)
    r = s;
  return pynumc_scalar_new(&r);
}
static PyObject *gen_real(PyObject *self, void *c) {
  (void)c;
  return gen_part(self, 0);
}
static PyObject *gen_imag(PyObject *self, void *c) {
  (void)c;
  return gen_part(self, 1);
}

static PyGetSetDef gen_getset[] = {
    {"dtype", gen_dtype, NULL, "the scalar's dtype (its type)", NULL},
    {"shape", get_shape0, NULL, "() (a scalar has no axes)", NULL},
    {"ndim", get_ndim0, NULL, "0", NULL},
    {"size", gen_size, NULL, "1", NULL},
    {"itemsize", gen_itemsize, NULL, "bytes of the value", NULL},
    {"nbytes", gen_itemsize, NULL, "bytes of the value", NULL},
    {"T", gen_T, NULL, "the scalar itself", NULL},
    {"real", gen_real, NULL, "real part", NULL},
    {"imag", gen_imag, NULL, "imaginary part", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyObject *gen_astype(PyObject *self, PyObject *const *args,
                            Py_ssize_t n, PyObject *kwnames) {
  static const char *const names[] = {"dtype", "copy", "device", NULL};
  static const pynumc_argspec spec = {"astype", names, 0, 1, 1};
  PyObject *a[3];
  if (pynumc_parse(&spec, args, n, kwnames, a) < 0) return NULL;
  numc_dtype d;
  if (pynumc_dtype_from_obj(a[0], &d) < 0) return NULL;
  if (pynumc_check_device(a[2]) < 0) return NULL;
  numc_scalar s, r;
  pynumc_scalar_value(self, &s);
  if (d == NUMC_DTYPE_DEFAULT) d = NUMC_DEFAULT_FLOAT;
  int rc = numc_scalar_cast(&r, &s, d);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_scalar_new(&r);
}

static PyObject *gen_reduce(PyObject *self, PyObject *unused) {
  (void)unused;
  PyObject *v = gen_tolist(self, NULL);
  if (v == NULL) return NULL;
  return Py_BuildValue("O(N)", (PyObject *)Py_TYPE(self), v);
}

static PyObject *gen_format(PyObject *self, PyObject *spec) {
  PyObject *v = gen_tolist(self, NULL);
  if (v == NULL) return NULL;
  PyObject *r;
  if (PyUnicode_Check(spec) && PyUnicode_GET_LENGTH(spec) == 0)
    r = PyObject_Str(self);
  else
    r = PyObject_Format(v, spec);
  Py_DECREF(v);
  return r;
}

static PyObject *gen_round(PyObject *self, PyObject *const *args,
                           Py_ssize_t n) {
  PyObject *v = gen_tolist(self, NULL);
  if (v == NULL) return NULL;
  PyObject *nd = n > 0 ? args[0] : Py_None;
  if (nd == Py_None) {
    PyObject *r = PyObject_CallMethod(v, "__round__", NULL);
    Py_DECREF(v);
    return r;
  }
  PyObject *r = PyObject_CallMethod(v, "__round__", "O", nd);
  Py_DECREF(v);
  if (r == NULL) return NULL;
  PyObject *out = PyObject_CallOneArg((PyObject *)Py_TYPE(self), r);
  Py_DECREF(r);
  return out;
}

static PyObject *gen_array(PyObject *self, PyObject *const *args, Py_ssize_t n,
                           PyObject *kwnames) {
  static const char *const names[] = {"dtype", "copy", NULL};
  static const pynumc_argspec spec = {"__array__", names, 0, 2, 0};
  PyObject *a[2];
  if (pynumc_parse(&spec, args, n, kwnames, a) < 0) return NULL;
  PyObject *np = PyImport_ImportModule("numpy");
  if (np == NULL) return NULL;
  PyObject *v = gen_tolist(self, NULL);
  PyObject *r = NULL;
  if (v != NULL) {
    PyObject *dt = a[0] && a[0] != Py_None
                       ? Py_NewRef(a[0])
                       : PyUnicode_FromString(
                             numc_dtype_name(PYNUMC_DTYPE_CODE(Py_TYPE(self))));
    if (dt != NULL) r = PyObject_CallMethod(np, "asarray", "OO", v, dt);
    Py_XDECREF(dt);
    Py_DECREF(v);
  }
  Py_DECREF(np);
  return r;
}

static PyMethodDef gen_methods[] = {
    {"item", (PyCFunction)(void (*)(void))gen_item, METH_FASTCALL,
     "The value as a Python bool/int/float/complex."},
    {"tolist", gen_tolist, METH_NOARGS, "The value as a Python object."},
    {"astype", (PyCFunction)(void (*)(void))gen_astype,
     METH_FASTCALL | METH_KEYWORDS, "The value cast to another dtype."},
    {"__reduce__", gen_reduce, METH_NOARGS, NULL},
    {"__format__", gen_format, METH_O, NULL},
    {"__round__", (PyCFunction)(void (*)(void))gen_round, METH_FASTCALL, NULL},
    {"__array__", (PyCFunction)(void (*)(void))gen_array,
     METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};

/* scalar[key]: NumPy scalars index like 0-d arrays (s[()] is the scalar,
 * s[...] a 0-d array, s[None] shape (1,), s[True] shape (1,)); generic code
 * (the Array API's x[()] on what an array operation returned) relies on it.
 * The scalar becomes a 0-d array and that array is indexed. */
static PyObject *gen_subscript(PyObject *self, PyObject *key) {
  numc_scalar s;
  numc_array *a;
  pynumc_scalar_value(self, &s);
  int rc = numc_from_scalar(&a, &s);
  if (rc < 0) return pynumc_err(rc);
  PyObject *arr = pynumc_wrap(a, NULL);
  if (arr == NULL) return NULL;
  PyObject *r = PyObject_GetItem(arr, key);
  Py_DECREF(arr);
  return r;
}

static PyMappingMethods gen_as_mapping = {NULL, gen_subscript, NULL};

static Py_hash_t gen_hash(PyObject *self) {
  PyObject *v = gen_tolist(self, NULL);
  if (v == NULL) return -1;
  Py_hash_t h = PyObject_Hash(v);
  Py_DECREF(v);
  return h;
}

static PyObject *gen_repr(PyObject *self) {
  numc_scalar s;
  pynumc_scalar_value(self, &s);
  return pynumc_scalar_repr_value(&s);
}
static PyObject *gen_str(PyObject *self) {
  numc_scalar s;
  pynumc_scalar_value(self, &s);
  return pynumc_scalar_str_value(&s);
}

/* A complex scalar converted to a real Python number keeps the real part,
 * with NumPy's ComplexWarning. Returns 0, or -1 if the warning raised. */
static int drop_imag(numc_scalar *s) {
  if (numc_dtype_kind(s->dtype) != 'c') return 0;
  if (PyErr_WarnEx(pynumc_ComplexWarning,
                   "Casting complex values to real discards the imaginary "
                   "part", 1) < 0)
    return -1;
  numc_scalar r;
  numc_scalar_cast(&r, s, numc_dtype_real(s->dtype));
  *s = r;
  return 0;
}

/* float()/int() of a scalar. */
static PyObject *gen_as(PyObject *self, PyTypeObject *type) {
  numc_scalar s;
  pynumc_scalar_value(self, &s);
  if (drop_imag(&s) < 0) return NULL;
  return pynumc_number_as(pynumc_scalar_to_py(&s), type);
}
static PyObject *gen_float(PyObject *self) { return gen_as(self, &PyFloat_Type); }
static PyObject *gen_int(PyObject *self) { return gen_as(self, &PyLong_Type); }
static PyObject *gen_index(PyObject *self) {
  numc_scalar s;
  pynumc_scalar_value(self, &s);
  char k = numc_dtype_kind(s.dtype);
  if (k != 'i' && k != 'u') {
    PyErr_Format(PyExc_TypeError,
                 "'%.200s' object cannot be interpreted as an integer",
                 Py_TYPE(self)->tp_name);
    return NULL;
  }
  return pynumc_scalar_to_py(&s);
}
static int gen_bool(PyObject *self) {
  numc_scalar s;
  pynumc_scalar_value(self, &s);
  return pynumc_scalar_truth(&s);
}

static PyObject *gen_complex(PyObject *self, PyObject *unused) {
  (void)unused;
  numc_scalar s, c;
  pynumc_scalar_value(self, &s);
  numc_scalar_cast(&c, &s, NUMC_COMPLEX128);
  return PyComplex_FromDoubles(c.v.c128[0], c.v.c128[1]);
}

static PyMethodDef gen_complex_method = {"__complex__", gen_complex,
                                         METH_NOARGS, NULL};

/* Number methods: the array operators (ndarray.c) with the scalar
 * conversions; in-place forms are absent (scalars are immutable). */
static PyNumberMethods gen_as_number;

static PyObject *gen_new(PyTypeObject *t, PyObject *args, PyObject *kwds) {
  (void)args, (void)kwds;
  PyErr_Format(PyExc_TypeError, "cannot create '%.200s' instances",
               t->tp_name);
  return NULL;
}

PyTypeObject PyNumcGeneric_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.generic",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Base class of numc's scalar types.",
    .tp_repr = gen_repr,
    .tp_str = gen_str,
    .tp_hash = gen_hash,
    .tp_richcompare = pynumc_richcompare,
    .tp_as_number = &gen_as_number,
    .tp_as_mapping = &gen_as_mapping,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
    .tp_new = gen_new,
};

static void storage_dealloc(PyObject *self) { Py_TYPE(self)->tp_free(self); }

/* Internal base holding the value of the non-float64/complex128 scalars. */
static PyTypeObject Storage_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc._scalar",
    .tp_basicsize = sizeof(ScalarObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_dealloc = storage_dealloc,
    .tp_base = &PyNumcGeneric_Type,
    .tp_new = gen_new,
};

/* numc.float64(x): x a Python/numc/NumPy scalar, 0-d array or string gives a
 * scalar (cast; Python ints range-checked); a sequence or array gives an
 * array of this dtype (as NumPy). */
static PyObject *scalar_new(PyTypeObject *t, PyObject *args, PyObject *kwds) {
  numc_dtype d = PYNUMC_DTYPE_CODE(t);
  if (kwds && PyDict_GET_SIZE(kwds)) {
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments",
                 t->tp_name);
    return NULL;
  }
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n > 1) {
    PyErr_Format(PyExc_TypeError, "%s() takes at most 1 argument", t->tp_name);
    return NULL;
  }
  numc_scalar s, r;
  if (n == 0) {
    memset(&r, 0, sizeof r);
    r.dtype = d;
    return pynumc_scalar_new(&r);
  }
  PyObject *v = PyTuple_GET_ITEM(args, 0);
  PyObject *tmp = NULL;
  if (PyUnicode_Check(v) || PyBytes_Check(v)) {
    char k = numc_dtype_kind(d);
    PyTypeObject *pt = k == 'b' ? &PyBool_Type
                       : k == 'c' ? &PyComplex_Type
                       : k == 'f' ? &PyFloat_Type
                                  : &PyLong_Type;
    tmp = PyObject_CallOneArg((PyObject *)pt, v);
    if (tmp == NULL) return NULL;
    v = tmp;
  }
  int r1 = pynumc_any_scalar(v, &s);
  if (r1 < 0) {
    Py_XDECREF(tmp);
    return NULL;
  }
  if (r1 == 0) {
    Py_XDECREF(tmp);
    return pynumc_asarray(v, d, NUMC_COPY_IF_NEEDED);
  }
  Py_XDECREF(tmp);
  if (pynumc_no_complex_to_real(&s, d) < 0) return NULL;
  int rc = numc_scalar_cast(&r, &s, d);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_scalar_new(&r);
}

/* Instances hold no references: free them and drop the type reference
 * (subtype_dealloc's general machinery is not needed). */
static void scalar_dealloc(PyObject *self) {
  PyTypeObject *t = Py_TYPE(self);
  PyObject_Free(self);
  Py_DECREF(t);
}

/* Makes one scalar class through type() with the metaclass, then points its
 * construction at scalar_new and closes it to subclassing. */
static PyTypeObject *make_scalar_type(numc_dtype d) {
  PyObject *bases;
  if (d == NUMC_FLOAT64)
    bases = PyTuple_Pack(2, &PyNumcGeneric_Type, &PyFloat_Type);
  else if (d == NUMC_COMPLEX128)
    bases = PyTuple_Pack(2, &PyNumcGeneric_Type, &PyComplex_Type);
  else
    bases = PyTuple_Pack(1, &Storage_Type);
  if (bases == NULL) return NULL;
  PyObject *dict = Py_BuildValue(
      "{s:s,s:(),s:s}", "__module__", "numc", "__slots__", "__doc__",
      "numc scalar type; also the dtype object of its arrays.");
  PyObject *args = dict ? Py_BuildValue("(sOO)", numc_dtype_name(d), bases,
                                        dict)
                        : NULL;
  Py_DECREF(bases);
  Py_XDECREF(dict);
  if (args == NULL) return NULL;
  PyObject *t = PyType_Type.tp_new(&PyNumcDTypeMeta_Type, args, NULL);
  Py_DECREF(args);
  if (t == NULL) return NULL;
  PyTypeObject *tp = (PyTypeObject *)t;
  ((PyNumcDType *)t)->code = d;
  tp->tp_new = scalar_new;
  tp->tp_flags &= ~Py_TPFLAGS_BASETYPE;
  /* Heap types are GC types so that instances can visit their type; scalar
   * types live as long as the module, and their instances hold nothing
   * else, so instances are plain (untracked) objects as NumPy's are. */
  tp->tp_flags &= ~Py_TPFLAGS_HAVE_GC;
  tp->tp_traverse = NULL;
  tp->tp_clear = NULL;
  tp->tp_free = PyObject_Free;
  tp->tp_dealloc = scalar_dealloc;
  char k = numc_dtype_kind(d);
  /* operator.index() only for integer types (as NumPy: not bool/float). */
  if (k != 'i' && k != 'u') tp->tp_as_number->nb_index = NULL;
  PyType_Modified(tp);
  return tp;
}

int pynumc_dtype_init(PyObject *m) {
  PyNumcDTypeMeta_Type.tp_base = &PyType_Type;
  if (PyType_Ready(&PyNumcDTypeMeta_Type) < 0) return -1;

  /* Scalars use the array operators, minus in-place forms, plus their own
   * conversions. */
  gen_as_number = pynumc_array_as_number;
  gen_as_number.nb_inplace_add = NULL;
  gen_as_number.nb_inplace_subtract = NULL;
  gen_as_number.nb_inplace_multiply = NULL;
  gen_as_number.nb_inplace_remainder = NULL;
  gen_as_number.nb_inplace_power = NULL;
  gen_as_number.nb_inplace_lshift = NULL;
  gen_as_number.nb_inplace_rshift = NULL;
  gen_as_number.nb_inplace_and = NULL;
  gen_as_number.nb_inplace_xor = NULL;
  gen_as_number.nb_inplace_or = NULL;
  gen_as_number.nb_inplace_floor_divide = NULL;
  gen_as_number.nb_inplace_true_divide = NULL;
  gen_as_number.nb_inplace_matrix_multiply = NULL;
  gen_as_number.nb_bool = gen_bool;
  gen_as_number.nb_int = gen_int;
  gen_as_number.nb_float = gen_float;
  gen_as_number.nb_index = gen_index;

  if (PyType_Ready(&PyNumcGeneric_Type) < 0) return -1;
  PyObject *cm = PyDescr_NewMethod(&PyNumcGeneric_Type, &gen_complex_method);
  if (cm == NULL ||
      PyDict_SetItemString(PyNumcGeneric_Type.tp_dict, "__complex__", cm) < 0) {
    Py_XDECREF(cm);
    return -1;
  }
  Py_DECREF(cm);
  PyType_Modified(&PyNumcGeneric_Type);
  if (PyType_Ready(&Storage_Type) < 0) return -1;

  Py_INCREF(&PyNumcDTypeMeta_Type);
  if (PyModule_AddObject(m, "dtype", (PyObject *)&PyNumcDTypeMeta_Type) < 0)
    return -1;
  Py_INCREF(&PyNumcGeneric_Type);
  if (PyModule_AddObject(m, "generic", (PyObject *)&PyNumcGeneric_Type) < 0)
    return -1;
  for (int d = 0; d < NUMC_NDTYPES; d++) {
    PyTypeObject *t = make_scalar_type((numc_dtype)d);
    if (t == NULL) return -1;
    pynumc_types[d] = t; /* the module keeps the reference below */
    if (PyModule_AddObjectRef(m, numc_dtype_name((numc_dtype)d),
                              (PyObject *)t) < 0)
      return -1;
  }
  return 0;
}
