/*
 * module.c - the numc._numc module: initialisation, exceptions, the mapping
 * from libnumc statuses to Python exceptions, argument parsing for the
 * FASTCALL functions, laziness control (eval, explain, eager, threads) and
 * the device object.
 */
#include "pynumc.h"

#include <string.h>

PyObject *pynumc_AxisError;
PyObject *pynumc_LinAlgError;
PyObject *pynumc_ComplexWarning;
PyObject *pynumc_module;
PyObject *pynumc_cpu_device;

/* ---- status -> exception ------------------------------------------------ */

static PyObject *exc_for(int rc) {
  switch (rc) {
  case NUMC_ENOMEM:
    return PyExc_MemoryError;
  case NUMC_EAXIS:
    return pynumc_AxisError;
  case NUMC_EDTYPE:
  case NUMC_ECAST:
  case NUMC_ETYPE:
    return PyExc_TypeError;
  case NUMC_EINDEX:
    return PyExc_IndexError;
  case NUMC_EOVERFLOW:
    return PyExc_OverflowError;
  case NUMC_ELINALG:
    return pynumc_LinAlgError;
  case NUMC_EIO:
    return PyExc_OSError;
  case NUMC_ENOTIMPL:
    return PyExc_NotImplementedError;
  case NUMC_EFPE:
    return PyExc_FloatingPointError;
  case NUMC_EINTERNAL:
    return PyExc_RuntimeError;
  default: /* INVAL, SHAPE, VALUE, READONLY, FORMAT */
    return PyExc_ValueError;
  }
}

PyObject *pynumc_err(int rc) {
  if (rc == NUMC_ENOMEM) return PyErr_NoMemory();
  const char *msg = numc_last_error();
  if (msg == NULL || msg[0] == '\0') msg = numc_strerror(rc);
  PyErr_SetString(exc_for(rc), msg);
  return NULL;
}

int pynumc_err_int(int rc) {
  pynumc_err(rc);
  return -1;
}

/* ---- argument parsing ---------------------------------------------------- */

int pynumc_parse(const pynumc_argspec *spec, PyObject *const *args,
                 Py_ssize_t nargs, PyObject *kwnames, PyObject **out) {
  int n = 0;
  while (spec->names[n]) n++;
  if (nargs > spec->maxpos) {
    PyErr_Format(PyExc_TypeError,
                 "%s() takes at most %d positional argument%s (%zd given)",
                 spec->fname, spec->maxpos, spec->maxpos == 1 ? "" : "s",
                 nargs);
    return -1;
  }
  for (int i = 0; i < n; i++) out[i] = i < nargs ? args[i] : NULL;
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t k = 0; k < nkw; k++) {
    PyObject *key = PyTuple_GET_ITEM(kwnames, k);
    int found = -1;
    for (int i = spec->posonly; i < n; i++) {
      if (PyUnicode_CompareWithASCIIString(key, spec->names[i]) == 0) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      PyErr_Format(PyExc_TypeError,
                   "%s() got an unexpected keyword argument '%U'",
                   spec->fname, key);
      return -1;
    }
    if (out[found] != NULL) {
      PyErr_Format(PyExc_TypeError,
                   "%s() got multiple values for argument '%s'", spec->fname,
                   spec->names[found]);
      return -1;
    }
    out[found] = args[nargs + k];
  }
  for (int i = 0; i < spec->required; i++) {
    if (out[i] == NULL) {
      PyErr_Format(PyExc_TypeError,
                   "%s() missing required argument '%s' (pos %d)",
                   spec->fname, spec->names[i], i + 1);
      return -1;
    }
  }
  return 0;
}

int pynumc_bool_arg(PyObject *o, int dflt, int *out) {
  if (o == NULL || o == Py_None) {
    *out = dflt;
    return 0;
  }
  int r = PyObject_IsTrue(o);
  if (r < 0) return -1;
  *out = r;
  return 0;
}

/* ---- evaluation helpers --------------------------------------------------- */

int pynumc_eval1(numc_array *a) {
  if (!(numc_array_flags(a) & NUMC_PENDING))
    return numc_fpe_pending() ? pynumc_fpe_flush() : 0;
  int rc;
  Py_BEGIN_ALLOW_THREADS rc = numc_eval(&a, 1);
  Py_END_ALLOW_THREADS
  if (rc < 0) return pynumc_err_int(rc);
  return numc_fpe_pending() ? pynumc_fpe_flush() : 0;
}

int pynumc_data(void **out, numc_array *a, unsigned access) {
  int rc;
  PYNUMC_NOGIL_IF(numc_array_flags(a) & NUMC_PENDING,
                  rc = numc_array_data(out, a, access));
  if (rc < 0) return pynumc_err_int(rc);
  return numc_fpe_pending() ? pynumc_fpe_flush() : 0;
}

/* ---- laziness control ----------------------------------------------------- */

/* The handles of n ndarray arguments, in `stack` when they fit (else a new
 * block, freed with PyMem_Free). NULL with TypeError for a non-array. */
static numc_array **array_args(const char *fn, PyObject *const *args,
                               Py_ssize_t n, numc_array **stack) {
  numc_array **arrs = n <= 16 ? stack : PyMem_Malloc(sizeof(*arrs) * n);
  if (arrs == NULL) return (numc_array **)PyErr_NoMemory();
  for (Py_ssize_t i = 0; i < n; i++) {
    if (!PyNumcArray_Check(args[i])) {
      if (arrs != stack) PyMem_Free(arrs);
      PyErr_Format(PyExc_TypeError, "%s() expects numc arrays, got %.200s", fn,
                   Py_TYPE(args[i])->tp_name);
      return NULL;
    }
    arrs[i] = PYNUMC_ARR(args[i]);
  }
  return arrs;
}

static PyObject *m_eval(PyObject *mod, PyObject *const *args, Py_ssize_t n) {
  (void)mod;
  numc_array *stack[16];
  numc_array **arrs = array_args("eval", args, n, stack);
  if (arrs == NULL) return NULL;
  int rc;
  Py_BEGIN_ALLOW_THREADS rc = numc_eval(arrs, (int)n);
  Py_END_ALLOW_THREADS
  if (arrs != stack) PyMem_Free(arrs);
  if (rc < 0) return pynumc_err(rc);
  if (numc_fpe_pending() && pynumc_fpe_flush() < 0) return NULL;
  Py_RETURN_NONE;
}

static PyObject *m_explain(PyObject *mod, PyObject *const *args,
                           Py_ssize_t n) {
  (void)mod;
  if (n < 1) {
    PyErr_SetString(PyExc_TypeError, "explain() expects at least one array");
    return NULL;
  }
  numc_array *stack[16];
  numc_array **arrs = array_args("explain", args, n, stack);
  if (arrs == NULL) return NULL;
  char *text = NULL;
  int rc = numc_explain(&text, arrs, (int)n);
  if (arrs != stack) PyMem_Free(arrs);
  if (rc < 0) return pynumc_err(rc);
  PyObject *s = PyUnicode_FromString(text);
  numc_free(text);
  return s;
}

static PyObject *m_set_num_threads(PyObject *mod, PyObject *arg) {
  (void)mod;
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred()) return NULL;
  if (n < 1 || n > 4096) {
    PyErr_SetString(PyExc_ValueError, "number of threads must be in [1, 4096]");
    return NULL;
  }
  int rc = numc_set_num_threads((int)n);
  if (rc < 0) return pynumc_err(rc);
  Py_RETURN_NONE;
}

static PyObject *m_get_num_threads(PyObject *mod, PyObject *unused) {
  (void)mod, (void)unused;
  return PyLong_FromLong(numc_get_num_threads());
}

static PyObject *m_set_eager_threshold(PyObject *mod, PyObject *arg) {
  (void)mod;
  long long n = PyLong_AsLongLong(arg);
  if (n == -1 && PyErr_Occurred()) return NULL;
  int64_t prev = numc_get_eager_threshold();
  numc_set_eager_threshold(n);
  return PyLong_FromLongLong(prev);
}

static PyObject *m_get_eager_threshold(PyObject *mod, PyObject *unused) {
  (void)mod, (void)unused;
  return PyLong_FromLongLong(numc_get_eager_threshold());
}

static PyObject *m_is_lazy(PyObject *mod, PyObject *unused) {
  (void)mod, (void)unused;
  return PyBool_FromLong(numc_get_lazy());
}

static PyObject *m_is_pending(PyObject *mod, PyObject *arg) {
  (void)mod;
  if (!PyNumcArray_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "expected a numc array");
    return NULL;
  }
  return PyBool_FromLong(numc_array_flags(PYNUMC_ARR(arg)) & NUMC_PENDING);
}

static PyObject *m_shares_memory(PyObject *mod, PyObject *const *args,
                                 Py_ssize_t n) {
  (void)mod;
  if (n != 2 || !PyNumcArray_Check(args[0]) || !PyNumcArray_Check(args[1])) {
    PyErr_SetString(PyExc_TypeError,
                    "may_share_memory() expects two numc arrays");
    return NULL;
  }
  return PyBool_FromLong(
      numc_may_share_memory(PYNUMC_ARR(args[0]), PYNUMC_ARR(args[1])));
}

/* `with numc.eager():` - turns laziness off for this thread, restoring the
 * previous setting on exit (so contexts nest). */
typedef struct {
  PyObject_HEAD
  int prev;
  int entered;
} EagerObject;

static PyObject *eager_enter(PyObject *self, PyObject *unused) {
  (void)unused;
  EagerObject *e = (EagerObject *)self;
  if (e->entered) {
    PyErr_SetString(PyExc_RuntimeError, "numc.eager() context already entered");
    return NULL;
  }
  e->prev = numc_set_lazy(0);
  e->entered = 1;
  return Py_NewRef(self);
}

static PyObject *eager_exit(PyObject *self, PyObject *const *args,
                            Py_ssize_t n) {
  (void)args, (void)n;
  EagerObject *e = (EagerObject *)self;
  if (e->entered) {
    numc_set_lazy(e->prev);
    e->entered = 0;
  }
  Py_RETURN_FALSE;
}

static PyMethodDef eager_methods[] = {
    {"__enter__", eager_enter, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)(void (*)(void))eager_exit, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}};

static PyTypeObject Eager_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.eager",
    .tp_basicsize = sizeof(EagerObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Context manager: operations inside run eagerly (this thread).",
    .tp_methods = eager_methods,
    .tp_new = PyType_GenericNew,
};

/* ---- the device object ----------------------------------------------------- */

typedef struct {
  PyObject_HEAD
} DeviceObject;

static PyObject *device_repr(PyObject *self) {
  (void)self;
  return PyUnicode_FromString("cpu");
}

static PyObject *device_richcompare(PyObject *a, PyObject *b, int op) {
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  int eq = a == b || (PyUnicode_Check(b) &&
                      PyUnicode_CompareWithASCIIString(b, "cpu") == 0);
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_hash_t device_hash(PyObject *self) {
  (void)self;
  PyObject *s = PyUnicode_FromString("cpu");
  if (s == NULL) return -1;
  Py_hash_t h = PyObject_Hash(s);
  Py_DECREF(s);
  return h;
}

static PyTypeObject Device_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.Device",
    .tp_basicsize = sizeof(DeviceObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The device an array lives on (only 'cpu' for now).",
    .tp_repr = device_repr,
    .tp_str = device_repr,
    .tp_richcompare = device_richcompare,
    .tp_hash = device_hash,
};

int pynumc_check_device(PyObject *device) {
  if (device == NULL || device == Py_None || device == pynumc_cpu_device)
    return 0;
  if (PyUnicode_Check(device) &&
      PyUnicode_CompareWithASCIIString(device, "cpu") == 0)
    return 0;
  PyErr_Format(PyExc_ValueError, "unsupported device %R (numc has 'cpu')",
               device);
  return -1;
}

/* ---- module ----------------------------------------------------------------- */

static PyMethodDef module_methods[] = {
    {"eval", (PyCFunction)(void (*)(void))m_eval, METH_FASTCALL,
     "eval(*arrays)\n--\n\nEvaluates the arrays together in one fused pass."},
    {"explain", (PyCFunction)(void (*)(void))m_explain, METH_FASTCALL,
     "explain(*arrays)\n--\n\nThe plan numc would run to evaluate the arrays."},
    {"set_num_threads", m_set_num_threads, METH_O,
     "set_num_threads(n)\n--\n\nSets the size of numc's thread pool."},
    {"get_num_threads", m_get_num_threads, METH_NOARGS,
     "get_num_threads()\n--\n\nThe size of numc's thread pool."},
    {"_set_eager_threshold", m_set_eager_threshold, METH_O,
     "Sets the size below which operations run at once; returns the old one."},
    {"_get_eager_threshold", m_get_eager_threshold, METH_NOARGS, NULL},
    {"_is_lazy", m_is_lazy, METH_NOARGS, NULL},
    {"_is_pending", m_is_pending, METH_O,
     "True if the array's data is not computed yet."},
    {"may_share_memory", (PyCFunction)(void (*)(void))m_shares_memory,
     METH_FASTCALL,
     "may_share_memory(a, b)\n--\n\nTrue if a and b may share memory."},
    {"_reconstruct", (PyCFunction)(void (*)(void))pynumc_reconstruct,
     METH_FASTCALL, "Rebuilds a pickled array."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef numc_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "numc._numc",
    .m_doc = "numc: NumPy-compatible lazy, fused, multithreaded arrays "
             "(the C extension over libnumc).",
    .m_size = -1,
    .m_methods = module_methods,
};

static int add_type(PyObject *m, PyTypeObject *t, const char *name) {
  if (PyType_Ready(t) < 0) return -1;
  Py_INCREF(t);
  if (PyModule_AddObject(m, name, (PyObject *)t) < 0) {
    Py_DECREF(t);
    return -1;
  }
  return 0;
}

/* PyModule_AddObject that always consumes `o` (NULL: error already set). */
static int add_steal(PyObject *m, const char *name, PyObject *o) {
  if (o == NULL) return -1;
  int r = PyModule_AddObjectRef(m, name, o);
  Py_DECREF(o);
  return r;
}

PyMODINIT_FUNC PyInit__numc(void) {
  PyObject *m = PyModule_Create(&numc_module);
  if (m == NULL) return NULL;
  pynumc_module = m;

  pynumc_AxisError = PyErr_NewExceptionWithDoc(
      "numc.AxisError", "Axis supplied was invalid.",
      PyTuple_Pack(2, PyExc_ValueError, PyExc_IndexError), NULL);
  if (pynumc_AxisError == NULL ||
      PyModule_AddObjectRef(m, "AxisError", pynumc_AxisError) < 0)
    goto fail;
  pynumc_LinAlgError = PyErr_NewExceptionWithDoc(
      "numc.LinAlgError", "Generic linear algebra error.", PyExc_ValueError,
      NULL);
  if (pynumc_LinAlgError == NULL ||
      PyModule_AddObjectRef(m, "LinAlgError", pynumc_LinAlgError) < 0)
    goto fail;

  pynumc_ComplexWarning = PyErr_NewExceptionWithDoc(
      "numc.ComplexWarning",
      "Casting a complex value to a real one discards the imaginary part.",
      PyExc_RuntimeWarning, NULL);
  if (pynumc_ComplexWarning == NULL ||
      PyModule_AddObjectRef(m, "ComplexWarning", pynumc_ComplexWarning) < 0)
    goto fail;

  if (add_type(m, &Eager_Type, "eager") < 0) goto fail;
  if (add_type(m, &Device_Type, "Device") < 0) goto fail;
  pynumc_cpu_device = PyType_GenericAlloc(&Device_Type, 0);
  if (pynumc_cpu_device == NULL ||
      PyModule_AddObjectRef(m, "cpu", pynumc_cpu_device) < 0)
    goto fail;

  if (pynumc_dtype_init(m) < 0) goto fail;
  if (pynumc_ndarray_init(m) < 0) goto fail;
  if (pynumc_functions_init(m) < 0) goto fail;
  if (PyModule_AddFunctions(m, pynumc_functions) < 0) goto fail;
  if (pynumc_ufunc_init(m) < 0) goto fail;
  if (PyModule_AddFunctions(m, pynumc_format_functions) < 0) goto fail;
  if (pynumc_sorting_init(m) < 0) goto fail;
  if (pynumc_random_init(m) < 0) goto fail;
  if (PyModule_AddFunctions(m, pynumc_manip_functions) < 0) goto fail;
  if (PyModule_AddFunctions(m, pynumc_sorting_functions) < 0) goto fail;
  if (pynumc_linalg_init(m) < 0) goto fail;
  if (PyModule_AddStringConstant(m, "__array_api_version__", "2025.12") < 0)
    goto fail;
  if (add_steal(m, "pi", PyFloat_FromDouble(3.141592653589793)) < 0 ||
      add_steal(m, "e", PyFloat_FromDouble(2.718281828459045)) < 0 ||
      add_steal(m, "inf", PyFloat_FromDouble(Py_HUGE_VAL)) < 0 ||
      add_steal(m, "nan", PyFloat_FromDouble(Py_NAN)) < 0 ||
      PyModule_AddObjectRef(m, "newaxis", Py_None) < 0)
    goto fail;
  if (PyModule_AddStringConstant(m, "_libnumc_version", numc_version()) < 0)
    goto fail;
  return m;

fail:
  Py_DECREF(m);
  return NULL;
}
