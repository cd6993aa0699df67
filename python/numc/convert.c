/*
 * convert.c - between Python objects and numc arrays.
 *
 * Into numc: Python scalars (weak, NEP 50), numc and NumPy scalars, nested
 * lists/tuples (NumPy's dtype inference and ragged-shape errors), any
 * buffer-protocol exporter, __array_interface__ (v3), DLPack producers and
 * __array__ objects. Zero-copy imports keep the exporter alive until libnumc
 * releases the memory; that release callback may run on a thread without
 * the GIL, so it takes the GIL itself.
 *
 * Out of numc: the buffer protocol (read-only requests read, writable
 * requests expose the buffer: DESIGN.md invariant 3), __array__ (NumPy 2
 * copy= protocol), __array_interface__, __dlpack__/__dlpack_device__
 * (versioned and legacy capsules), and pickling (protocol 5 out-of-band
 * buffers, bytes for older protocols).
 */
#include "pynumc.h"
#include "dlpack.h"

#include <string.h>

/* ---- scalars ----------------------------------------------------------------------- */

/* Python int -> weak scalar: int64, uint64 beyond INT64_MAX, else NumPy's
 * OverflowError. */
static int weak_from_long(PyObject *o, numc_scalar *out) {
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (overflow == 0) {
    *out = numc_weak_int(v);
    return 1;
  }
  if (overflow > 0) {
    unsigned long long u = PyLong_AsUnsignedLongLong(o);
    if (!(u == (unsigned long long)-1 && PyErr_Occurred())) {
      *out = numc_weak_int(0);
      out->dtype = NUMC_UINT64;
      out->v.u64 = u;
      return 1;
    }
    PyErr_Clear();
  }
  PyErr_SetString(PyExc_OverflowError,
                  "Python int too large to convert to C long");
  return -1;
}

PyObject *pynumc_number_as(PyObject *v, PyTypeObject *type) {
  if (v == NULL || Py_IS_TYPE(v, type)) return v;
  PyObject *r = type == &PyFloat_Type ? PyNumber_Float(v) : PyNumber_Long(v);
  Py_DECREF(v);
  return r;
}

int pynumc_pyscalar(PyObject *o, numc_scalar *out) {
  if (PyFloat_CheckExact(o)) {
    *out = numc_weak_float(PyFloat_AS_DOUBLE(o));
    return 1;
  }
  if (PyLong_CheckExact(o)) return weak_from_long(o, out);
  if (PyBool_Check(o)) {
    *out = numc_weak_bool(o == Py_True);
    return 1;
  }
  if (PyComplex_CheckExact(o)) {
    Py_complex c = ((PyComplexObject *)o)->cval;
    *out = numc_weak_complex(c.real, c.imag);
    return 1;
  }
  if (PyNumcScalar_Check(o)) return 0;
  /* Subclasses: NumPy's float64/complex128 export a buffer (typed scalars);
   * other subclasses of int/float/complex are Python scalars. */
  if (PyLong_Check(o)) return weak_from_long(o, out);
  if ((PyFloat_Check(o) || PyComplex_Check(o)) && !PyObject_CheckBuffer(o)) {
    if (PyFloat_Check(o)) {
      *out = numc_weak_float(PyFloat_AS_DOUBLE(o));
    } else {
      Py_complex c = ((PyComplexObject *)o)->cval;
      *out = numc_weak_complex(c.real, c.imag);
    }
    return 1;
  }
  return 0;
}

/* Weak 0-d arrays are immutable and never reach Python, so a tiny
 * direct-mapped cache (GIL-protected) spares an allocation per `a * 2.0`. */
#define WCACHE 64
static struct {
  numc_scalar s;
  numc_array *a;
} wcache[WCACHE];

static unsigned scalar_hash(const numc_scalar *s) {
  uint64_t w[2];
  memcpy(w, &s->v, sizeof w);
  uint64_t h = (w[0] ^ (w[1] * 0x9E3779B97F4A7C15ull)) * 0xff51afd7ed558ccdull;
  h ^= (uint64_t)s->dtype * 31 + (uint64_t)s->weak;
  return (unsigned)(h >> 40) % WCACHE;
}

static numc_array *cached_scalar_array(const numc_scalar *s) {
  unsigned h = scalar_hash(s);
  numc_array *c = wcache[h].a;
  if (c != NULL && wcache[h].s.dtype == s->dtype &&
      wcache[h].s.weak == s->weak &&
      memcmp(&wcache[h].s.v, &s->v, sizeof s->v) == 0)
    return numc_retain(c);
  numc_array *a;
  int rc = numc_from_scalar(&a, s);
  if (rc < 0) {
    pynumc_err(rc);
    return NULL;
  }
  if (c != NULL) numc_release(c);
  wcache[h].s = *s;
  wcache[h].a = numc_retain(a);
  return a;
}

numc_array *pynumc_weak_array(const numc_scalar *s) {
  return cached_scalar_array(s);
}

/* The 0-d buffer of a NumPy scalar (or any 0-d exporter) as a typed scalar.
 * Returns 1, 0 (not such an object), -1. */
static int buffer_scalar(PyObject *o, numc_scalar *out);

int pynumc_any_scalar(PyObject *o, numc_scalar *out) {
  int r = pynumc_pyscalar(o, out);
  if (r != 0) return r;
  if (PyNumcScalar_Check(o)) {
    pynumc_scalar_value(o, out);
    return 1;
  }
  if (PyNumcArray_Check(o)) {
    numc_array *a = PYNUMC_ARR(o);
    if (numc_array_ndim(a) != 0) return 0;
    if (pynumc_eval1(a) < 0) return -1;
    int rc = numc_item_get(out, a, NULL);
    return rc < 0 ? pynumc_err_int(rc) : 1;
  }
  return buffer_scalar(o, out);
}

/* ---- operands ------------------------------------------------------------------------- */

int pynumc_should_defer(PyObject *other) {
  static PyObject *s_ufunc, *s_prio;
  if (s_ufunc == NULL) {
    s_ufunc = PyUnicode_InternFromString("__array_ufunc__");
    s_prio = PyUnicode_InternFromString("__array_priority__");
    if (s_ufunc == NULL || s_prio == NULL) {
      PyErr_Clear();
      return 0;
    }
  }
  PyTypeObject *t = Py_TYPE(other);
  if (t == &PyList_Type || t == &PyTuple_Type) return 0;
  PyObject *uf = _PyType_Lookup(t, s_ufunc);
  if (uf != NULL) return uf == Py_None;
  if (_PyType_Lookup(t, s_prio) == NULL) return 0;
  PyObject *p = PyObject_GetAttr(other, s_prio);
  if (p == NULL) {
    PyErr_Clear();
    return 0;
  }
  double v = PyFloat_AsDouble(p);
  Py_DECREF(p);
  if (v == -1.0 && PyErr_Occurred()) {
    PyErr_Clear();
    return 0;
  }
  return v > 0.0;
}

static PyObject *numpy_generic(void) {
  PyObject *np = PyDict_GetItemString(PyImport_GetModuleDict(), "numpy");
  if (np == NULL) return NULL;
  PyObject *g = PyObject_GetAttrString(np, "generic");
  if (g == NULL) PyErr_Clear();
  return g;
}

int pynumc_operand(PyObject *o, numc_array **out, int *kind, int convert) {
  if (PyNumcArray_Check(o)) {
    *out = numc_retain(PYNUMC_ARR(o));
    *kind = PYNUMC_OPND_ARRAY;
    return 0;
  }
  numc_scalar s;
  if (PyNumcScalar_Check(o)) {
    pynumc_scalar_value(o, &s);
    *kind = PYNUMC_OPND_SCALAR;
    return (*out = cached_scalar_array(&s)) ? 0 : -1;
  }
  int r = pynumc_pyscalar(o, &s);
  if (r < 0) return -1;
  if (r == 1) {
    *kind = PYNUMC_OPND_PY;
    return (*out = cached_scalar_array(&s)) ? 0 : -1;
  }
  if (!convert || pynumc_should_defer(o)) return 1;
  r = pynumc_asarray_handle(o, NUMC_DTYPE_DEFAULT, NUMC_COPY_IF_NEEDED, out,
                            NULL);
  if (r != 0) return r;
  *kind = PYNUMC_OPND_ARRAY;
  if (numc_array_ndim(*out) == 0) { /* a NumPy scalar counts as a scalar */
    PyObject *g = numpy_generic();
    if (g != NULL) {
      if (PyObject_IsInstance(o, g) == 1) *kind = PYNUMC_OPND_SCALAR;
      Py_DECREF(g);
    }
  }
  return 0;
}

int pynumc_copy_from_obj(PyObject *o, numc_copy_mode *out) {
  if (o == NULL || o == Py_None) {
    *out = NUMC_COPY_IF_NEEDED;
    return 0;
  }
  int t = PyObject_IsTrue(o);
  if (t < 0) return -1;
  *out = t ? NUMC_COPY_ALWAYS : NUMC_COPY_NEVER;
  return 0;
}

static int copy_error(void) {
  PyErr_SetString(PyExc_ValueError,
                  "Unable to avoid copy while creating an array as requested.");
  return -1;
}

/* ---- buffer protocol import ----------------------------------------------------------- */

/* The integer dtype of `bytes` bytes; -1 if there is none. */
static int int_dtype(int64_t bytes, int is_unsigned, numc_dtype *out) {
  switch (bytes) {
  case 1:
    return *out = is_unsigned ? NUMC_UINT8 : NUMC_INT8, 0;
  case 2:
    return *out = is_unsigned ? NUMC_UINT16 : NUMC_INT16, 0;
  case 4:
    return *out = is_unsigned ? NUMC_UINT32 : NUMC_INT32, 0;
  case 8:
    return *out = is_unsigned ? NUMC_UINT64 : NUMC_INT64, 0;
  default:
    return -1;
  }
}

/* A struct-module format + itemsize -> dtype; -1 if unsupported. */
static int dtype_from_format(const char *fmt, Py_ssize_t itemsize,
                             numc_dtype *out) {
  if (fmt == NULL) fmt = "B";
  if (*fmt == '@' || *fmt == '=' || *fmt == '<' || *fmt == '^') fmt++;
  else if ((*fmt == '>' || *fmt == '!') && itemsize != 1) return -1;
  else if (*fmt == '>' || *fmt == '!') fmt++;
  char c = fmt[0];
  if (c == 'Z') {
    if (fmt[1] == 'f' && fmt[2] == '\0' && itemsize == 8)
      return *out = NUMC_COMPLEX64, 0;
    if (fmt[1] == 'd' && fmt[2] == '\0' && itemsize == 16)
      return *out = NUMC_COMPLEX128, 0;
    return -1;
  }
  if (c == '\0' || fmt[1] != '\0') return -1;
  switch (c) {
  case '?':
    return itemsize == 1 ? (*out = NUMC_BOOL, 0) : -1;
  case 'f':
    return itemsize == 4 ? (*out = NUMC_FLOAT32, 0) : -1;
  case 'd':
    return itemsize == 8 ? (*out = NUMC_FLOAT64, 0) : -1;
  case 'b':
  case 'h':
  case 'i':
  case 'l':
  case 'q':
  case 'n':
  case 'B':
  case 'H':
  case 'I':
  case 'L':
  case 'Q':
  case 'N':
    return int_dtype(itemsize, c >= 'A' && c <= 'Z', out);
  default:
    return -1;
  }
}

typedef struct {
  Py_buffer view;
} buf_ctx;

static void buf_release(void *p) {
  buf_ctx *c = p;
  PyGILState_STATE g = PyGILState_Ensure();
  PyBuffer_Release(&c->view);
  PyMem_RawFree(c);
  PyGILState_Release(g);
}

static int get_view(PyObject *o, Py_buffer *view, int *readonly) {
  if (PyObject_GetBuffer(o, view, PyBUF_RECORDS) == 0) {
    *readonly = view->readonly;
    return 0;
  }
  /* refusals of a writable export differ (BufferError, NumPy's ValueError,
   * TypeError): retry read-only, which reports the real problem if any */
  PyErr_Clear();
  if (PyObject_GetBuffer(o, view, PyBUF_RECORDS_RO) < 0) return -1;
  *readonly = 1;
  return 0;
}

static int view_dtype(const Py_buffer *v, numc_dtype *dt) {
  if (dtype_from_format(v->format, v->itemsize, dt) < 0) {
    PyErr_Format(PyExc_TypeError,
                 "numc does not support buffers of format '%s' (itemsize %zd)",
                 v->format ? v->format : "B", v->itemsize);
    return -1;
  }
  return 0;
}

/* Wraps a buffer exporter without copying. 1 if o has no buffer. */
static int from_buffer(PyObject *o, numc_array **out) {
  if (!PyObject_CheckBuffer(o)) return 1;
  buf_ctx *c = PyMem_RawMalloc(sizeof *c);
  if (c == NULL) {
    PyErr_NoMemory();
    return -1;
  }
  int ro;
  if (get_view(o, &c->view, &ro) < 0) {
    PyMem_RawFree(c);
    return -1;
  }
  Py_buffer *v = &c->view;
  numc_dtype dt;
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  if (view_dtype(v, &dt) < 0 || v->ndim > NUMC_MAXDIMS) {
    if (!PyErr_Occurred())
      PyErr_SetString(PyExc_ValueError, "buffer has too many dimensions");
    PyBuffer_Release(v);
    PyMem_RawFree(c);
    return -1;
  }
  for (int i = 0; i < v->ndim; i++) {
    shape[i] = v->shape[i];
    strides[i] = v->strides ? v->strides[i] : 0;
  }
  int rc = numc_from_data(out, dt, v->ndim, shape, v->strides ? strides : NULL,
                          v->buf, ro ? NUMC_DATA_READONLY : 0, buf_release, c);
  if (rc < 0) {
    PyBuffer_Release(v);
    PyMem_RawFree(c);
    return pynumc_err_int(rc);
  }
  return 0;
}

static int buffer_scalar(PyObject *o, numc_scalar *out) {
  if (PyNumcArray_Check(o) || !PyObject_CheckBuffer(o) || PyBytes_Check(o) ||
      PyByteArray_Check(o) || PyMemoryView_Check(o))
    return 0;
  Py_buffer v;
  if (PyObject_GetBuffer(o, &v, PyBUF_RECORDS_RO) < 0) {
    PyErr_Clear();
    return 0;
  }
  int r = 0;
  numc_dtype dt;
  if (v.ndim == 0 && dtype_from_format(v.format, v.itemsize, &dt) == 0) {
    memset(out, 0, sizeof *out);
    out->dtype = dt;
    memcpy(&out->v, v.buf, (size_t)v.itemsize);
    r = 1;
  }
  PyBuffer_Release(&v);
  return r;
}

/* ---- __array_interface__ import -------------------------------------------------------- */

typedef struct {
  PyObject *owner;
  Py_buffer view; /* when the data came through a buffer */
  int has_view;
} ai_ctx;

static void ai_release(void *p) {
  ai_ctx *c = p;
  PyGILState_STATE g = PyGILState_Ensure();
  if (c->has_view) PyBuffer_Release(&c->view);
  Py_XDECREF(c->owner);
  PyMem_RawFree(c);
  PyGILState_Release(g);
}

static int from_array_interface(PyObject *o, numc_array **out) {
  PyObject *ai = PyObject_GetAttrString(o, "__array_interface__");
  if (ai == NULL) {
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
      PyErr_Clear();
      return 1;
    }
    return -1;
  }
  int ret = -1;
  ai_ctx *c = NULL;
  if (!PyDict_Check(ai)) {
    PyErr_SetString(PyExc_ValueError, "__array_interface__ must be a dict");
    goto done;
  }
  PyObject *ts = PyDict_GetItemString(ai, "typestr");
  PyObject *shp = PyDict_GetItemString(ai, "shape");
  PyObject *data = PyDict_GetItemString(ai, "data");
  PyObject *strd = PyDict_GetItemString(ai, "strides");
  PyObject *mask = PyDict_GetItemString(ai, "mask");
  PyObject *ver = PyDict_GetItemString(ai, "version");
  PyObject *off = PyDict_GetItemString(ai, "offset");
  if (ts == NULL || shp == NULL || !PyUnicode_Check(ts) || !PyTuple_Check(shp)) {
    PyErr_SetString(PyExc_ValueError,
                    "__array_interface__ needs 'typestr' (str) and 'shape' "
                    "(tuple)");
    goto done;
  }
  if (ver != NULL && PyLong_Check(ver) && PyLong_AsLong(ver) != 3) {
    PyErr_SetString(PyExc_ValueError,
                    "__array_interface__ version must be 3");
    goto done;
  }
  if (mask != NULL && mask != Py_None) {
    PyErr_SetString(PyExc_ValueError,
                    "__array_interface__ masks are not supported");
    goto done;
  }
  numc_dtype dt;
  int rc = numc_dtype_from_name(&dt, PyUnicode_AsUTF8(ts));
  if (rc < 0) {
    pynumc_err(rc);
    goto done;
  }
  int ndim = (int)PyTuple_GET_SIZE(shp);
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  if (ndim > NUMC_MAXDIMS) {
    PyErr_SetString(PyExc_ValueError, "too many dimensions");
    goto done;
  }
  for (int i = 0; i < ndim; i++) {
    shape[i] = PyLong_AsLongLong(PyTuple_GET_ITEM(shp, i));
    if (shape[i] == -1 && PyErr_Occurred()) goto done;
  }
  int has_strides = strd != NULL && strd != Py_None;
  if (has_strides) {
    if (!PyTuple_Check(strd) || PyTuple_GET_SIZE(strd) != ndim) {
      PyErr_SetString(PyExc_ValueError,
                      "__array_interface__ strides must match shape");
      goto done;
    }
    for (int i = 0; i < ndim; i++) {
      strides[i] = PyLong_AsLongLong(PyTuple_GET_ITEM(strd, i));
      if (strides[i] == -1 && PyErr_Occurred()) goto done;
    }
  }
  c = PyMem_RawCalloc(1, sizeof *c);
  if (c == NULL) {
    PyErr_NoMemory();
    goto done;
  }
  char *ptr;
  int ro = 0;
  if (data != NULL && PyTuple_Check(data) && PyTuple_GET_SIZE(data) == 2) {
    ptr = PyLong_AsVoidPtr(PyTuple_GET_ITEM(data, 0));
    if (ptr == NULL && PyErr_Occurred()) goto done;
    ro = PyObject_IsTrue(PyTuple_GET_ITEM(data, 1));
    if (ro < 0) goto done;
  } else {
    PyObject *src = data == NULL || data == Py_None ? o : data;
    if (get_view(src, &c->view, &ro) < 0) goto done;
    c->has_view = 1;
    ptr = c->view.buf;
  }
  if (off != NULL && off != Py_None) {
    Py_ssize_t k = PyNumber_AsSsize_t(off, PyExc_OverflowError);
    if (k == -1 && PyErr_Occurred()) goto done;
    ptr += k;
  }
  c->owner = Py_NewRef(o);
  rc = numc_from_data(out, dt, ndim, shape, has_strides ? strides : NULL, ptr,
                      ro ? NUMC_DATA_READONLY : 0, ai_release, c);
  if (rc < 0) {
    pynumc_err(rc);
    goto done;
  }
  c = NULL; /* owned by the array now */
  ret = 0;
done:
  if (c != NULL) {
    if (c->has_view) PyBuffer_Release(&c->view);
    Py_XDECREF(c->owner);
    PyMem_RawFree(c);
  }
  Py_DECREF(ai);
  return ret;
}

/* ---- DLPack import ------------------------------------------------------------------------ */

typedef struct {
  void *managed;
  int versioned;
} dl_ctx;

static void dl_release(void *p) {
  dl_ctx *c = p;
  PyGILState_STATE g = PyGILState_Ensure();
  if (c->versioned) {
    PynumcDLManagedTensorVersioned *m = c->managed;
    if (m->deleter) m->deleter(m);
  } else {
    PynumcDLManagedTensor *m = c->managed;
    if (m->deleter) m->deleter(m);
  }
  PyMem_RawFree(c);
  PyGILState_Release(g);
}

static int dtype_from_dl(PynumcDLDataType t, numc_dtype *out) {
  if (t.lanes != 1) return -1;
  switch (t.code) {
  case PYNUMC_DL_BOOL:
    return t.bits == 8 ? (*out = NUMC_BOOL, 0) : -1;
  case PYNUMC_DL_INT:
  case PYNUMC_DL_UINT:
    return t.bits % 8 ? -1 : int_dtype(t.bits / 8, t.code == PYNUMC_DL_UINT, out);
  case PYNUMC_DL_FLOAT:
    return t.bits == 32 ? (*out = NUMC_FLOAT32, 0)
           : t.bits == 64 ? (*out = NUMC_FLOAT64, 0)
                          : -1;
  case PYNUMC_DL_COMPLEX:
    return t.bits == 64 ? (*out = NUMC_COMPLEX64, 0)
           : t.bits == 128 ? (*out = NUMC_COMPLEX128, 0)
                           : -1;
  }
  return -1;
}

/* Imports o.__dlpack__(); 1 if o has no __dlpack__. */
static int from_dlpack_obj(PyObject *o, numc_array **out) {
  PyObject *meth = PyObject_GetAttrString(o, "__dlpack__");
  if (meth == NULL) {
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
      PyErr_Clear();
      return 1;
    }
    return -1;
  }
  PyObject *cap = NULL;
  {
    PyObject *kw = Py_BuildValue("{s:(ii)}", "max_version", PYNUMC_DLPACK_MAJOR,
                                 PYNUMC_DLPACK_MINOR);
    PyObject *args = PyTuple_New(0);
    if (kw && args) cap = PyObject_Call(meth, args, kw);
    Py_XDECREF(kw);
    Py_XDECREF(args);
    if (cap == NULL && PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear(); /* an older producer without max_version */
      cap = PyObject_CallNoArgs(meth);
    }
  }
  Py_DECREF(meth);
  if (cap == NULL) return -1;
  int versioned;
  void *managed;
  PynumcDLTensor *t;
  uint64_t flags = 0;
  if (PyCapsule_IsValid(cap, "dltensor_versioned")) {
    versioned = 1;
    PynumcDLManagedTensorVersioned *m =
        PyCapsule_GetPointer(cap, "dltensor_versioned");
    if (m->version.major > PYNUMC_DLPACK_MAJOR) {
      PyErr_Format(PyExc_BufferError, "DLPack version %u.%u is not supported",
                   m->version.major, m->version.minor);
      Py_DECREF(cap);
      return -1;
    }
    managed = m, t = &m->dl_tensor, flags = m->flags;
  } else if (PyCapsule_IsValid(cap, "dltensor")) {
    versioned = 0;
    PynumcDLManagedTensor *m = PyCapsule_GetPointer(cap, "dltensor");
    managed = m, t = &m->dl_tensor;
  } else {
    PyErr_SetString(PyExc_TypeError,
                    "__dlpack__ did not return a DLPack capsule");
    Py_DECREF(cap);
    return -1;
  }
  numc_dtype dt;
  if (t->device.device_type != PYNUMC_DL_CPU &&
      t->device.device_type != PYNUMC_DL_CUDA_HOST) {
    PyErr_SetString(PyExc_BufferError,
                    "numc can only import DLPack tensors on the CPU");
    Py_DECREF(cap);
    return -1;
  }
  if (dtype_from_dl(t->dtype, &dt) < 0 || t->ndim > NUMC_MAXDIMS ||
      t->ndim < 0) {
    PyErr_Format(PyExc_BufferError,
                 "unsupported DLPack tensor (type code %d, %d bits, %d lanes, "
                 "ndim %d)", t->dtype.code, t->dtype.bits, t->dtype.lanes,
                 (int)t->ndim);
    Py_DECREF(cap);
    return -1;
  }
  int64_t strides[NUMC_MAXDIMS];
  size_t isz = numc_dtype_itemsize(dt);
  for (int i = 0; t->strides && i < t->ndim; i++)
    strides[i] = t->strides[i] * (int64_t)isz;
  dl_ctx *c = PyMem_RawMalloc(sizeof *c);
  if (c == NULL) {
    Py_DECREF(cap);
    PyErr_NoMemory();
    return -1;
  }
  c->managed = managed, c->versioned = versioned;
  int rc = numc_from_data(out, dt, t->ndim, t->shape,
                          t->strides ? strides : NULL,
                          (char *)t->data + t->byte_offset,
                          (flags & PYNUMC_DLPACK_FLAG_READ_ONLY)
                              ? NUMC_DATA_READONLY
                              : 0,
                          dl_release, c);
  if (rc < 0) {
    PyMem_RawFree(c);
    Py_DECREF(cap);
    return pynumc_err_int(rc);
  }
  /* consumed: the producer's capsule destructor must not free it now */
  PyCapsule_SetName(cap, versioned ? "used_dltensor_versioned" : "used_dltensor");
  Py_DECREF(cap);
  return 0;
}

PyObject *pynumc_from_dlpack(PyObject *mod, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames) {
  (void)mod;
  static const char *const names[] = {"x", "device", "copy", NULL};
  static const pynumc_argspec spec = {"from_dlpack", names, 1, 1, 1};
  PyObject *a[3];
  if (pynumc_parse(&spec, args, nargs, kwnames, a) < 0) return NULL;
  numc_copy_mode copy;
  if (pynumc_check_device(a[1]) < 0 || pynumc_copy_from_obj(a[2], &copy) < 0)
    return NULL;
  numc_array *arr;
  int r = from_dlpack_obj(a[0], &arr);
  if (r == 1) {
    PyErr_Format(PyExc_TypeError,
                 "from_dlpack: '%.200s' object has no __dlpack__ method",
                 Py_TYPE(a[0])->tp_name);
    return NULL;
  }
  if (r < 0) return NULL;
  if (copy == NUMC_COPY_ALWAYS) {
    numc_array *c;
    int rc = numc_copy(&c, arr, NUMC_ORDER_K);
    numc_release(arr);
    if (rc < 0) return pynumc_err(rc);
    return pynumc_wrap(c, NULL);
  }
  return pynumc_wrap(arr, a[0]);
}

/* ---- nested sequences ---------------------------------------------------------------------- */

typedef struct {
  int ndim;    /* leaf depth, -1 until the first leaf */
  int known;   /* axes with a known extent */
  int64_t shape[NUMC_MAXDIMS];
  int have_dt;
  numc_dtype dt;
  int ragged;  /* consistent axes before an inhomogeneity, -1 none */
  numc_array **arrs; /* array leaves in walk order */
  int narr, carr;
} discover_t;

static int note_extent(discover_t *d, int depth, int64_t n) {
  if (depth >= NUMC_MAXDIMS) {
    PyErr_Format(PyExc_ValueError, "maximum supported dimension for an "
                 "ndarray is %d", NUMC_MAXDIMS);
    return -1;
  }
  if (d->ndim >= 0 && depth >= d->ndim) {
    if (d->ragged < 0 || d->ndim < d->ragged) d->ragged = d->ndim;
    return 0;
  }
  if (depth < d->known) {
    if (d->shape[depth] != n && (d->ragged < 0 || depth < d->ragged))
      d->ragged = depth;
  } else if (depth == d->known) {
    d->shape[depth] = n;
    d->known++;
  }
  return 0;
}

static void note_leaf(discover_t *d, int depth, numc_dtype dt) {
  if (d->ndim < 0) {
    if (d->known > depth) {
      if (d->ragged < 0 || depth < d->ragged) d->ragged = depth;
    }
    d->ndim = depth;
  } else if (depth != d->ndim) {
    int r = depth < d->ndim ? depth : d->ndim;
    if (d->ragged < 0 || r < d->ragged) d->ragged = r;
  }
  if (!d->have_dt) {
    d->dt = dt;
    d->have_dt = 1;
  } else if (d->dt != dt) {
    numc_promote_types(&d->dt, d->dt, dt);
  }
}

static int is_seq(PyObject *o) {
  return PyList_Check(o) || PyTuple_Check(o);
}

static int discover(discover_t *d, PyObject *o, int depth) {
  if (is_seq(o)) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    if (note_extent(d, depth, n) < 0) return -1;
    if (Py_EnterRecursiveCall(" in numc.asarray") < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
      if (discover(d, PySequence_Fast_GET_ITEM(o, i), depth + 1) < 0) {
        Py_LeaveRecursiveCall();
        return -1;
      }
    }
    Py_LeaveRecursiveCall();
    return 0;
  }
  numc_scalar s;
  int r = pynumc_pyscalar(o, &s);
  if (r < 0) return -1;
  if (r == 1) {
    note_leaf(d, depth, s.dtype);
    return 0;
  }
  if (PyNumcScalar_Check(o)) {
    note_leaf(d, depth, PYNUMC_DTYPE_CODE(Py_TYPE(o)));
    return 0;
  }
  r = buffer_scalar(o, &s); /* NumPy scalars */
  if (r < 0) return -1;
  if (r == 1) {
    note_leaf(d, depth, s.dtype);
    return 0;
  }
  if (PyUnicode_Check(o) || PyBytes_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "numc arrays cannot hold strings");
    return -1;
  }
  numc_array *a;
  r = pynumc_asarray_handle(o, NUMC_DTYPE_DEFAULT, NUMC_COPY_IF_NEEDED, &a,
                            NULL);
  if (r < 0) return -1;
  if (r == 1) {
    if (PySequence_Check(o)) { /* another sequence type: as a list */
      PyObject *f = PySequence_Fast(o, "");
      if (f == NULL) return -1;
      int rr = discover(d, f, depth);
      Py_DECREF(f);
      return rr;
    }
    PyErr_Format(PyExc_TypeError,
                 "numc.asarray: unsupported element type '%.200s'",
                 Py_TYPE(o)->tp_name);
    return -1;
  }
  if (d->narr == d->carr) {
    int nc = d->carr ? 2 * d->carr : 8;
    numc_array **p = PyMem_Realloc(d->arrs, sizeof(*p) * (size_t)nc);
    if (p == NULL) {
      numc_release(a);
      PyErr_NoMemory();
      return -1;
    }
    d->arrs = p, d->carr = nc;
  }
  d->arrs[d->narr++] = a;
  int nd = numc_array_ndim(a);
  const int64_t *sh = numc_array_shape(a);
  for (int i = 0; i < nd; i++)
    if (note_extent(d, depth + i, sh[i]) < 0) return -1;
  note_leaf(d, depth + nd, numc_array_dtype(a));
  return 0;
}

int pynumc_no_complex_to_real(const numc_scalar *s, numc_dtype dt) {
  char k = numc_dtype_kind(dt);
  if (!s->weak || s->dtype != NUMC_COMPLEX128 || dt == NUMC_DTYPE_DEFAULT ||
      (k != 'i' && k != 'u' && k != 'f'))
    return 0;
  PyErr_SetString(PyExc_TypeError,
                  k == 'f' ? "float() argument must be a string or a real "
                             "number, not 'complex'"
                           : "int() argument must be a string, a bytes-like "
                             "object or a real number, not 'complex'");
  return -1;
}

/* Stores a weak/typed scalar into p as dtype dt. */
static int store_scalar(char *p, numc_dtype dt, const numc_scalar *s) {
  numc_scalar t;
  if (pynumc_no_complex_to_real(s, dt) < 0) return -1;
  int rc = numc_scalar_cast(&t, s, dt);
  if (rc < 0) return pynumc_err_int(rc);
  memcpy(p, &t.v, numc_dtype_itemsize(dt));
  return 0;
}

typedef struct {
  numc_dtype dt;
  size_t isz;
  char *pos;
  int next_arr;
  discover_t *d;
} fill_t;

/* Copies an array leaf (any layout) element by element with a cast. */
static int fill_array(fill_t *f, numc_array *a) {
  void *data;
  if (pynumc_data(&data, a, NUMC_ACCESS_READ) < 0) return -1;
  int nd = numc_array_ndim(a);
  const int64_t *sh = numc_array_shape(a), *st = numc_array_strides(a);
  int64_t size = numc_array_size(a);
  numc_dtype sdt = numc_array_dtype(a);
  size_t sisz = numc_dtype_itemsize(sdt);
  int64_t idx[NUMC_MAXDIMS] = {0};
  const char *p = data;
  for (int64_t k = 0; k < size; k++) {
    numc_scalar s;
    memset(&s, 0, sizeof s);
    s.dtype = sdt;
    memcpy(&s.v, p, sisz);
    if (sdt == f->dt) {
      memcpy(f->pos, p, sisz);
    } else if (store_scalar(f->pos, f->dt, &s) < 0) {
      return -1;
    }
    f->pos += f->isz;
    for (int i = nd - 1; i >= 0; i--) { /* advance the C-order index */
      p += st[i];
      if (++idx[i] < sh[i]) break;
      p -= st[i] * sh[i];
      idx[i] = 0;
    }
  }
  return 0;
}

static int fill(fill_t *f, PyObject *o) {
  if (is_seq(o)) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    for (Py_ssize_t i = 0; i < n; i++)
      if (fill(f, PySequence_Fast_GET_ITEM(o, i)) < 0) return -1;
    return 0;
  }
  if (f->dt == NUMC_FLOAT64 && PyFloat_CheckExact(o)) {
    double v = PyFloat_AS_DOUBLE(o);
    memcpy(f->pos, &v, 8);
    f->pos += 8;
    return 0;
  }
  numc_scalar s;
  int r = pynumc_pyscalar(o, &s);
  if (r < 0) return -1;
  if (r == 0 && PyNumcScalar_Check(o)) {
    pynumc_scalar_value(o, &s);
    r = 1;
  }
  if (r == 0) r = buffer_scalar(o, &s);
  if (r < 0) return -1;
  if (r == 1) {
    if (store_scalar(f->pos, f->dt, &s) < 0) return -1;
    f->pos += f->isz;
    return 0;
  }
  if (f->next_arr < f->d->narr) {
    /* the same walk order as discover(): the next array leaf is this one */
    return fill_array(f, f->d->arrs[f->next_arr++]);
  }
  /* a generic sequence element */
  PyObject *fs = PySequence_Fast(o, "");
  if (fs == NULL) return -1;
  int rr = fill(f, fs);
  Py_DECREF(fs);
  return rr;
}

/* Nested list/tuple -> new C-contiguous array (dtype dt or inferred). */
static int from_nested(PyObject *o, numc_dtype want, numc_array **out) {
  discover_t d;
  memset(&d, 0, sizeof d);
  d.ndim = -1;
  d.ragged = -1;
  int ret = -1;
  char stackbuf[256];
  char *buf = NULL;
  if (discover(&d, o, 0) < 0) goto done;
  if (d.ragged >= 0) {
    PyObject *shp = pynumc_tuple_i64(d.ragged, d.shape);
    if (shp == NULL) goto done;
    PyObject *txt = PyObject_Repr(shp);
    Py_DECREF(shp);
    if (txt == NULL) goto done;
    PyErr_Format(PyExc_ValueError,
                 "setting an array element with a sequence. The requested "
                 "array has an inhomogeneous shape after %d dimensions. The "
                 "detected shape was %U + inhomogeneous part.",
                 d.ragged, txt);
    Py_DECREF(txt);
    goto done;
  }
  if (d.ndim < 0) d.ndim = d.known;
  numc_dtype dt = want != NUMC_DTYPE_DEFAULT ? want
                  : d.have_dt                ? d.dt
                                             : NUMC_DEFAULT_FLOAT;
  int64_t size = 1;
  for (int i = 0; i < d.ndim; i++) size *= d.shape[i];
  size_t isz = numc_dtype_itemsize(dt);
  size_t nbytes = (size_t)size * isz;
  if (size == 0) {
    int rc = numc_empty(out, dt, d.ndim, d.shape);
    if (rc < 0) pynumc_err(rc);
    else ret = 0;
    goto done;
  }
  buf = nbytes <= sizeof stackbuf ? stackbuf : PyMem_Malloc(nbytes);
  if (buf == NULL) {
    PyErr_NoMemory();
    goto done;
  }
  fill_t f = {dt, isz, buf, 0, &d};
  if (fill(&f, o) < 0) goto done;
  int rc = numc_from_copy(out, dt, d.ndim, d.shape, NULL, buf);
  if (rc < 0) {
    pynumc_err(rc);
    goto done;
  }
  ret = 0;
done:
  for (int i = 0; i < d.narr; i++) numc_release(d.arrs[i]);
  PyMem_Free(d.arrs);
  if (buf != stackbuf) PyMem_Free(buf);
  return ret;
}

/* ---- asarray ------------------------------------------------------------------------------ */

/* A 0-d array of a scalar, cast to dt (default: its own dtype). */
static int from_scalar_value(const numc_scalar *s, numc_dtype dt,
                             numc_array **out) {
  numc_scalar t;
  if (dt == NUMC_DTYPE_DEFAULT) dt = s->dtype;
  if (pynumc_no_complex_to_real(s, dt) < 0) return -1;
  int rc = numc_scalar_cast(&t, s, dt);
  if (rc >= 0) rc = numc_from_scalar(out, &t);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

int pynumc_asarray_handle(PyObject *o, numc_dtype dt, numc_copy_mode copy,
                          numc_array **out, PyObject **base) {
  numc_array *a = NULL;
  int shared = 0, r;
  if (base) *base = NULL;
  if (PyNumcArray_Check(o)) {
    a = numc_retain(PYNUMC_ARR(o));
    shared = 1;
  } else {
    numc_scalar s;
    r = pynumc_pyscalar(o, &s);
    if (r < 0) return -1;
    if (r == 0 && PyNumcScalar_Check(o)) {
      pynumc_scalar_value(o, &s);
      r = 1;
    }
    if (r == 1) {
      if (copy == NUMC_COPY_NEVER) return copy_error();
      return from_scalar_value(&s, dt, out);
    }
    if (is_seq(o)) {
      if (copy == NUMC_COPY_NEVER) return copy_error();
      return from_nested(o, dt, out);
    }
    if (PyUnicode_Check(o) || PyBytes_Check(o)) return 1;
    r = from_buffer(o, &a);
    if (r == 1) r = from_array_interface(o, &a);
    if (r == 1) r = from_dlpack_obj(o, &a);
    if (r == 1) {
      PyObject *m = PyObject_GetAttrString(o, "__array__");
      if (m == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
        PyErr_Clear();
        if (PySequence_Check(o) && !PyDict_Check(o)) {
          if (copy == NUMC_COPY_NEVER) return copy_error();
          PyObject *f = PySequence_Fast(o, "");
          if (f == NULL) return -1;
          r = from_nested(f, dt, out);
          Py_DECREF(f);
          return r;
        }
        return 1;
      }
      PyObject *arr = PyObject_CallNoArgs(m);
      Py_DECREF(m);
      if (arr == NULL) return -1;
      r = from_buffer(arr, &a);
      if (r == 1) {
        PyErr_Format(PyExc_TypeError, "__array__ of '%.200s' did not return "
                     "an array", Py_TYPE(o)->tp_name);
        r = -1;
      }
      if (r == 0 && base) *base = arr;
      else Py_DECREF(arr);
      if (r < 0) return -1;
      shared = 1;
      goto convert;
    }
    if (r < 0) return -1;
    shared = 1;
  }
  if (base && shared) *base = Py_NewRef(o);
convert:
  if (dt != NUMC_DTYPE_DEFAULT && dt != numc_array_dtype(a)) {
    if (copy == NUMC_COPY_NEVER) {
      numc_release(a);
      if (base) Py_CLEAR(*base);
      return copy_error();
    }
    numc_array *t;
    int rc = numc_astype(&t, a, dt, NUMC_CASTING_UNSAFE, NUMC_COPY_ALWAYS);
    numc_release(a);
    if (base) Py_CLEAR(*base);
    if (rc < 0) return pynumc_err_int(rc);
    *out = t;
    return 0;
  }
  if (copy == NUMC_COPY_ALWAYS && shared) {
    numc_array *t;
    int rc = numc_copy(&t, a, NUMC_ORDER_K);
    numc_release(a);
    if (base) Py_CLEAR(*base);
    if (rc < 0) return pynumc_err_int(rc);
    *out = t;
    return 0;
  }
  *out = a;
  return 0;
}

PyObject *pynumc_asarray(PyObject *o, numc_dtype dt, numc_copy_mode copy) {
  if (PyNumcArray_Check(o) && copy != NUMC_COPY_ALWAYS &&
      (dt == NUMC_DTYPE_DEFAULT || dt == numc_array_dtype(PYNUMC_ARR(o))))
    return Py_NewRef(o);
  numc_array *a;
  PyObject *base = NULL;
  int r = pynumc_asarray_handle(o, dt, copy, &a, &base);
  if (r == 1) {
    PyErr_Format(PyExc_TypeError,
                 "numc.asarray: cannot convert '%.200s' to an array",
                 Py_TYPE(o)->tp_name);
    return NULL;
  }
  if (r < 0) return NULL;
  PyObject *res = pynumc_wrap(a, base);
  Py_XDECREF(base);
  return res;
}

/* ---- buffer protocol export ------------------------------------------------------------------ */

static const char *format_of(numc_dtype dt) {
  static const char *const f[NUMC_NDTYPES] = {"?", "b", "B", "h", "H",
                                              "i", "I", "q", "Q", "f",
                                              "d", "Zf", "Zd"};
  return f[dt];
}

static int array_getbuffer(PyObject *self, Py_buffer *view, int flags) {
  numc_array *a = PYNUMC_ARR(self);
  unsigned fl = numc_array_flags(a);
  int writable = (flags & PyBUF_WRITABLE) == PyBUF_WRITABLE;
  if (writable && !(fl & NUMC_WRITEABLE)) {
    PyErr_SetString(PyExc_BufferError, "buffer source array is read-only");
    return -1;
  }
  if ((flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS &&
      !(fl & NUMC_C_CONTIGUOUS)) {
    PyErr_SetString(PyExc_BufferError, "ndarray is not C-contiguous");
    return -1;
  }
  if ((flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS &&
      !(fl & NUMC_F_CONTIGUOUS)) {
    PyErr_SetString(PyExc_BufferError, "ndarray is not Fortran contiguous");
    return -1;
  }
  if ((flags & PyBUF_ANY_CONTIGUOUS) == PyBUF_ANY_CONTIGUOUS &&
      !(fl & (NUMC_C_CONTIGUOUS | NUMC_F_CONTIGUOUS))) {
    PyErr_SetString(PyExc_BufferError, "ndarray is not contiguous");
    return -1;
  }
  if (!(flags & PyBUF_STRIDES) && !(fl & NUMC_C_CONTIGUOUS)) {
    PyErr_SetString(PyExc_BufferError, "ndarray is not C-contiguous");
    return -1;
  }
  void *data;
  if (pynumc_data(&data, a, writable ? NUMC_ACCESS_WRITE : NUMC_ACCESS_READ) <
      0)
    return -1;
  int nd = numc_array_ndim(a);
  Py_ssize_t *dims = NULL;
  if (nd > 0) {
    dims = PyMem_Malloc(sizeof(Py_ssize_t) * 2 * (size_t)nd);
    if (dims == NULL) {
      PyErr_NoMemory();
      return -1;
    }
    const int64_t *sh = numc_array_shape(a), *st = numc_array_strides(a);
    for (int i = 0; i < nd; i++) {
      dims[i] = (Py_ssize_t)sh[i];
      dims[nd + i] = (Py_ssize_t)st[i];
    }
  }
  numc_dtype dt = numc_array_dtype(a);
  view->buf = data;
  view->obj = Py_NewRef(self);
  view->len = (Py_ssize_t)numc_array_nbytes(a);
  view->itemsize = (Py_ssize_t)numc_dtype_itemsize(dt);
  view->readonly = !writable;
  view->ndim = nd;
  view->format = (flags & PyBUF_FORMAT) ? (char *)format_of(dt) : NULL;
  view->shape = (flags & PyBUF_ND) ? dims : NULL;
  view->strides = (flags & PyBUF_STRIDES) ? (dims ? dims + nd : NULL) : NULL;
  view->suboffsets = NULL;
  view->internal = dims;
  if (!(flags & PyBUF_ND)) view->ndim = 1; /* a plain byte span */
  return 0;
}

static void array_releasebuffer(PyObject *self, Py_buffer *view) {
  (void)self;
  PyMem_Free(view->internal);
  view->internal = NULL;
}

PyBufferProcs pynumc_as_buffer = {array_getbuffer, array_releasebuffer};

/* ---- __array__ / __array_interface__ ------------------------------------------------------------ */

PyObject *pynumc_array_dunder_array(PyObject *self, PyObject *const *args,
                                    Py_ssize_t nargs, PyObject *kwnames) {
  static const char *const names[] = {"dtype", "copy", NULL};
  static const pynumc_argspec spec = {"__array__", names, 0, 2, 0};
  PyObject *a[2];
  if (pynumc_parse(&spec, args, nargs, kwnames, a) < 0) return NULL;
  numc_dtype dt;
  numc_copy_mode copy;
  if (pynumc_dtype_from_obj(a[0], &dt) < 0 ||
      pynumc_copy_from_obj(a[1], &copy) < 0)
    return NULL;
  PyObject *src = pynumc_asarray(self, dt, copy);
  if (src == NULL) return NULL;
  PyObject *np = PyImport_ImportModule("numpy");
  PyObject *mv = np ? PyMemoryView_FromObject(src) : NULL;
  PyObject *r = mv ? PyObject_CallMethod(np, "asarray", "O", mv) : NULL;
  Py_XDECREF(mv);
  Py_XDECREF(np);
  Py_DECREF(src);
  return r;
}

PyObject *pynumc_array_interface_get(PyObject *self, void *closure) {
  (void)closure;
  numc_array *a = PYNUMC_ARR(self);
  unsigned fl = numc_array_flags(a);
  int writable = (fl & NUMC_WRITEABLE) != 0;
  void *data;
  if (pynumc_data(&data, a, writable ? NUMC_ACCESS_WRITE : NUMC_ACCESS_READ) <
      0)
    return NULL;
  numc_dtype dt = numc_array_dtype(a);
  char ts[8];
  size_t sz = numc_dtype_itemsize(dt);
  PyOS_snprintf(ts, sizeof ts, "%c%c%zu", sz == 1 ? '|' : '<',
                numc_dtype_kind(dt), sz);
  int nd = numc_array_ndim(a);
  PyObject *shape = pynumc_tuple_i64(nd, numc_array_shape(a));
  PyObject *strides = (fl & NUMC_C_CONTIGUOUS)
                          ? Py_NewRef(Py_None)
                          : pynumc_tuple_i64(nd, numc_array_strides(a));
  if (shape == NULL || strides == NULL) {
    Py_XDECREF(shape);
    Py_XDECREF(strides);
    return NULL;
  }
  return Py_BuildValue("{s:N,s:s,s:[(s,s)],s:(NO),s:N,s:i}", "shape", shape,
                       "typestr", ts, "descr", "", ts, "data",
                       PyLong_FromVoidPtr(data), writable ? Py_False : Py_True,
                       "strides", strides, "version", 3);
}

/* ---- DLPack export --------------------------------------------------------------------------------- */

/* One allocation holds the managed struct, shape and strides. */
typedef struct {
  union {
    PynumcDLManagedTensorVersioned v;
    PynumcDLManagedTensor l;
  } m;
  PyObject *owner;
  int64_t dims[];
} dl_export;

static void dl_free(dl_export *e) {
  PyGILState_STATE g = PyGILState_Ensure();
  Py_XDECREF(e->owner);
  PyMem_RawFree(e);
  PyGILState_Release(g);
}
static void dl_deleter_v(PynumcDLManagedTensorVersioned *m) {
  dl_free((dl_export *)m);
}
static void dl_deleter_l(PynumcDLManagedTensor *m) { dl_free((dl_export *)m); }

static void dl_capsule_destructor(PyObject *cap) {
  /* An unconsumed capsule frees its tensor. */
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  if (PyCapsule_IsValid(cap, "dltensor_versioned")) {
    PynumcDLManagedTensorVersioned *m =
        PyCapsule_GetPointer(cap, "dltensor_versioned");
    if (m->deleter) m->deleter(m);
  } else if (PyCapsule_IsValid(cap, "dltensor")) {
    PynumcDLManagedTensor *m = PyCapsule_GetPointer(cap, "dltensor");
    if (m->deleter) m->deleter(m);
  }
  PyErr_Restore(t, v, tb);
}

static PynumcDLDataType dl_dtype(numc_dtype dt) {
  PynumcDLDataType t;
  t.lanes = 1;
  t.bits = (uint8_t)(numc_dtype_itemsize(dt) * 8);
  switch (numc_dtype_kind(dt)) {
  case 'b':
    t.code = PYNUMC_DL_BOOL;
    break;
  case 'i':
    t.code = PYNUMC_DL_INT;
    break;
  case 'u':
    t.code = PYNUMC_DL_UINT;
    break;
  case 'f':
    t.code = PYNUMC_DL_FLOAT;
    break;
  default:
    t.code = PYNUMC_DL_COMPLEX;
  }
  return t;
}

PyObject *pynumc_dlpack(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames) {
  static const char *const names[] = {"stream", "max_version", "dl_device",
                                      "copy", NULL};
  static const pynumc_argspec spec = {"__dlpack__", names, 0, 0, 0};
  PyObject *a[4];
  if (pynumc_parse(&spec, args, nargs, kwnames, a) < 0) return NULL;
  if (a[0] != NULL && a[0] != Py_None) {
    PyErr_SetString(PyExc_ValueError,
                    "stream must be None for arrays on the CPU");
    return NULL;
  }
  int versioned = 0;
  if (a[1] != NULL && a[1] != Py_None) {
    if (!PyTuple_Check(a[1]) || PyTuple_GET_SIZE(a[1]) != 2) {
      PyErr_SetString(PyExc_TypeError, "max_version must be a (major, minor) "
                      "tuple");
      return NULL;
    }
    long major = PyLong_AsLong(PyTuple_GET_ITEM(a[1], 0));
    if (major == -1 && PyErr_Occurred()) return NULL;
    versioned = major >= 1;
  }
  if (a[2] != NULL && a[2] != Py_None) {
    long dtp = -1, did = -1;
    if (PyTuple_Check(a[2]) && PyTuple_GET_SIZE(a[2]) == 2) {
      dtp = PyLong_AsLong(PyTuple_GET_ITEM(a[2], 0));
      did = PyLong_AsLong(PyTuple_GET_ITEM(a[2], 1));
      if (PyErr_Occurred()) return NULL;
    }
    if (dtp != PYNUMC_DL_CPU || did != 0) {
      PyErr_SetString(PyExc_BufferError,
                      "numc arrays can only be exported to the CPU device");
      return NULL;
    }
  }
  numc_copy_mode copy;
  if (pynumc_copy_from_obj(a[3], &copy) < 0) return NULL;
  PyObject *src = self;
  int copied = 0;
  if (copy == NUMC_COPY_ALWAYS) {
    src = pynumc_asarray(self, NUMC_DTYPE_DEFAULT, NUMC_COPY_ALWAYS);
    if (src == NULL) return NULL;
    copied = 1;
  } else {
    Py_INCREF(src);
  }
  numc_array *arr = PYNUMC_ARR(src);
  int readonly = !(numc_array_flags(arr) & NUMC_WRITEABLE);
  if (readonly && !versioned) {
    Py_DECREF(src);
    PyErr_SetString(PyExc_BufferError,
                    "Cannot export readonly array since signalling readonly is "
                    "unsupported by DLPack (supported by newer DLPack "
                    "version).");
    return NULL;
  }
  void *data;
  if (pynumc_data(&data, arr,
                  readonly ? NUMC_ACCESS_READ : NUMC_ACCESS_WRITE) < 0) {
    Py_DECREF(src);
    return NULL;
  }
  int nd = numc_array_ndim(arr);
  numc_dtype dt = numc_array_dtype(arr);
  int64_t isz = (int64_t)numc_dtype_itemsize(dt);
  dl_export *e = PyMem_RawMalloc(sizeof *e + sizeof(int64_t) * 2 * (size_t)nd);
  if (e == NULL) {
    Py_DECREF(src);
    return PyErr_NoMemory();
  }
  memset(&e->m, 0, sizeof e->m);
  e->owner = src; /* the reference taken above */
  const int64_t *sh = numc_array_shape(arr), *st = numc_array_strides(arr);
  for (int i = 0; i < nd; i++) {
    e->dims[i] = sh[i];
    e->dims[nd + i] = st[i] / isz;
  }
  PynumcDLTensor *t = versioned ? &e->m.v.dl_tensor : &e->m.l.dl_tensor;
  t->data = data;
  t->device.device_type = PYNUMC_DL_CPU;
  t->device.device_id = 0;
  t->ndim = nd;
  t->dtype = dl_dtype(dt);
  t->shape = e->dims;
  t->strides = e->dims + nd;
  t->byte_offset = 0;
  if (versioned) {
    e->m.v.version.major = PYNUMC_DLPACK_MAJOR;
    e->m.v.version.minor = PYNUMC_DLPACK_MINOR;
    e->m.v.manager_ctx = e;
    e->m.v.deleter = dl_deleter_v;
    e->m.v.flags = (readonly ? PYNUMC_DLPACK_FLAG_READ_ONLY : 0) |
                   (copied ? PYNUMC_DLPACK_FLAG_IS_COPIED : 0);
  } else {
    e->m.l.manager_ctx = e;
    e->m.l.deleter = dl_deleter_l;
  }
  PyObject *cap = PyCapsule_New(&e->m, versioned ? "dltensor_versioned"
                                                 : "dltensor",
                                dl_capsule_destructor);
  if (cap == NULL) {
    Py_DECREF(src);
    PyMem_RawFree(e);
  }
  return cap;
}

PyObject *pynumc_dlpack_device(PyObject *self, PyObject *unused) {
  (void)self, (void)unused;
  return Py_BuildValue("(ii)", PYNUMC_DL_CPU, 0);
}

/* ---- pickling ------------------------------------------------------------------------------------- */

PyObject *pynumc_reduce_ex(PyObject *self, PyObject *protocol_obj) {
  long protocol = PyLong_AsLong(protocol_obj);
  if (protocol == -1 && PyErr_Occurred()) return NULL;
  numc_array *a = PYNUMC_ARR(self);
  unsigned fl = numc_array_flags(a);
  int fortran = !(fl & NUMC_C_CONTIGUOUS) && (fl & NUMC_F_CONTIGUOUS);
  PyObject *src;
  if (fl & (NUMC_C_CONTIGUOUS | NUMC_F_CONTIGUOUS)) {
    src = Py_NewRef(self);
  } else { /* pickle a contiguous copy */
    numc_array *c;
    int rc = numc_copy(&c, a, NUMC_ORDER_C);
    if (rc < 0) return pynumc_err(rc);
    src = pynumc_wrap(c, NULL);
    if (src == NULL) return NULL;
  }
  numc_array *sa = PYNUMC_ARR(src);
  PyObject *buf;
  if (protocol >= 5) {
    buf = PyPickleBuffer_FromObject(src);
  } else {
    void *data;
    if (pynumc_data(&data, sa, NUMC_ACCESS_READ) < 0) {
      Py_DECREF(src);
      return NULL;
    }
    buf = PyBytes_FromStringAndSize(data, (Py_ssize_t)numc_array_nbytes(sa));
  }
  PyObject *shape = buf ? pynumc_tuple_i64(numc_array_ndim(sa),
                                           numc_array_shape(sa))
                        : NULL;
  const char *dtname = numc_dtype_name(numc_array_dtype(sa));
  PyObject *fn = shape ? PyObject_GetAttrString(pynumc_module, "_reconstruct")
                       : NULL;
  PyObject *r = fn ? Py_BuildValue("N(NsNO)", fn, buf, dtname, shape,
                                   fortran ? Py_True : Py_False)
                   : NULL;
  if (r == NULL && fn == NULL) {
    Py_XDECREF(buf);
    Py_XDECREF(shape);
  }
  Py_DECREF(src); /* after the last use of its handle */
  return r;
}

/* _reconstruct(buffer, dtype_name, shape, fortran): bytes (in-band data)
 * are copied, keeping C/F order, into a writable array; other buffers
 * (out-of-band) are wrapped zero-copy with their writability. */
PyObject *pynumc_reconstruct(PyObject *mod, PyObject *const *args,
                             Py_ssize_t nargs) {
  (void)mod;
  if (nargs != 4) {
    PyErr_SetString(PyExc_TypeError, "_reconstruct takes 4 arguments");
    return NULL;
  }
  numc_dtype dt;
  int ndim;
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  if (pynumc_dtype_from_obj(args[1], &dt) < 0 ||
      pynumc_shape_from_obj(args[2], &ndim, shape) < 0)
    return NULL;
  int fortran = PyObject_IsTrue(args[3]);
  if (fortran < 0) return NULL;
  int64_t st = (int64_t)numc_dtype_itemsize(dt), size = 1;
  for (int k = 0; k < ndim; k++) {
    int i = fortran ? k : ndim - 1 - k;
    strides[i] = st;
    st *= shape[i] > 0 ? shape[i] : 1;
    size *= shape[i];
  }
  int64_t nbytes = size * (int64_t)numc_dtype_itemsize(dt);
  numc_array *out;
  int is_bytes = PyBytes_Check(args[0]);
  buf_ctx *c = PyMem_RawMalloc(sizeof *c);
  if (c == NULL) return PyErr_NoMemory();
  int ro;
  if (get_view(args[0], &c->view, &ro) < 0) {
    PyMem_RawFree(c);
    return NULL;
  }
  if (c->view.len != nbytes ||
      !PyBuffer_IsContiguous(&c->view, 'A')) {
    PyBuffer_Release(&c->view);
    PyMem_RawFree(c);
    goto bad_size;
  }
  int rc = numc_from_data(&out, dt, ndim, shape, strides, c->view.buf,
                          ro ? NUMC_DATA_READONLY : 0, buf_release, c);
  if (rc < 0) {
    PyBuffer_Release(&c->view);
    PyMem_RawFree(c);
    return pynumc_err(rc);
  }
  if (is_bytes) { /* in-band data: an owned, writable copy in the same order */
    numc_array *copy;
    rc = numc_copy(&copy, out, NUMC_ORDER_K);
    numc_release(out);
    if (rc < 0) return pynumc_err(rc);
    return pynumc_wrap(copy, NULL);
  }
  return pynumc_wrap(out, args[0]);
bad_size:
  PyErr_SetString(PyExc_ValueError,
                  "pickled array data does not match its shape and dtype");
  return NULL;
}
