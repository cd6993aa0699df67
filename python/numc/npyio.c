/*
 * npyio.c - numc.save / numc.load: .npy files through libnumc's codec
 * (include/numc/io.h), for paths (str, bytes, os.PathLike) and for binary
 * file objects (anything with write()/read()).
 */
#include "pynumc.h"

#include <errno.h>

/* The path of a path-like object as filesystem bytes (new reference), or
 * NULL without an exception when o is not path-like. */
static PyObject *fs_path(PyObject *o, int add_npy) {
  if (!PyUnicode_Check(o) && !PyBytes_Check(o) &&
      !PyObject_HasAttrString(o, "__fspath__"))
    return NULL;
  PyObject *p = PyOS_FSPath(o);
  if (p == NULL) return NULL;
  if (add_npy && PyUnicode_Check(p)) {
    PyObject *suffix = PyUnicode_FromString(".npy");
    int ends = suffix ? PyUnicode_Tailmatch(p, suffix, 0, PY_SSIZE_T_MAX, 1)
                      : -1;
    if (ends == 0) {
      PyObject *q = PyUnicode_Concat(p, suffix);
      Py_DECREF(p);
      p = q;
    }
    Py_XDECREF(suffix);
    if (ends < 0 || p == NULL) {
      Py_XDECREF(p);
      return NULL;
    }
  }
  PyObject *b = NULL;
  if (PyUnicode_Check(p))
    b = PyUnicode_EncodeFSDefault(p);
  else
    b = Py_NewRef(p);
  Py_DECREF(p);
  return b;
}

static PyObject *write_to(PyObject *file, PyObject *bytes_like) {
  PyObject *r = PyObject_CallMethod(file, "write", "O", bytes_like);
  Py_XDECREF(r);
  return r;
}

PyObject *pynumc_save(PyObject *mod, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) {
  (void)mod;
  static const char *const names[] = {"file", "arr", "allow_pickle", NULL};
  static const pynumc_argspec spec = {"save", names, 2, 3, 2};
  PyObject *a[3];
  if (pynumc_parse(&spec, args, nargs, kwnames, a) < 0) return NULL;
  PyObject *arr = pynumc_asarray(a[1], NUMC_DTYPE_DEFAULT, NUMC_COPY_IF_NEEDED);
  if (arr == NULL) return NULL;
  numc_array *x = PYNUMC_ARR(arr);
  PyObject *path = fs_path(a[0], 1);
  int rc;
  if (path != NULL) {
    const char *p = PyBytes_AS_STRING(path);
    Py_BEGIN_ALLOW_THREADS rc = numc_npy_save(x, p);
    Py_END_ALLOW_THREADS
    Py_DECREF(path);
    Py_DECREF(arr);
    if (rc < 0) return pynumc_err(rc);
    Py_RETURN_NONE;
  }
  if (PyErr_Occurred()) {
    Py_DECREF(arr);
    return NULL;
  }
  /* a file object: header, then the data in the announced order */
  char *hdr;
  size_t hlen;
  int fortran;
  rc = numc_npy_encode_header(&hdr, &hlen, &fortran, x);
  if (rc < 0) {
    Py_DECREF(arr);
    return pynumc_err(rc);
  }
  numc_array *src = numc_retain(x);
  if (!fortran && !(numc_array_flags(x) & NUMC_C_CONTIGUOUS)) {
    numc_release(src);
    rc = numc_copy(&src, x, NUMC_ORDER_C);
  }
  PyObject *result = NULL;
  void *data;
  if (rc < 0) {
    pynumc_err(rc);
    src = NULL;
  } else if (pynumc_data(&data, src, NUMC_ACCESS_READ) == 0) {
    PyObject *hb = PyBytes_FromStringAndSize(hdr, (Py_ssize_t)hlen);
    PyObject *mv = PyMemoryView_FromMemory(
        data, (Py_ssize_t)numc_array_nbytes(src), PyBUF_READ);
    if (hb && mv && write_to(a[0], hb) && write_to(a[0], mv))
      result = Py_NewRef(Py_None);
    Py_XDECREF(hb);
    Py_XDECREF(mv);
  }
  numc_free(hdr);
  numc_release(src);
  Py_DECREF(arr);
  return result;
}

PyObject *pynumc_load(PyObject *mod, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) {
  (void)mod;
  static const char *const names[] = {"file", "mmap_mode", "allow_pickle",
                                      NULL};
  static const pynumc_argspec spec = {"load", names, 1, 2, 1};
  PyObject *a[3];
  if (pynumc_parse(&spec, args, nargs, kwnames, a) < 0) return NULL;
  if (a[1] != NULL && a[1] != Py_None) {
    PyErr_SetString(PyExc_NotImplementedError,
                    "numc.load: mmap_mode is not supported");
    return NULL;
  }
  numc_array *out;
  int rc;
  PyObject *path = fs_path(a[0], 0);
  if (path != NULL) {
    const char *p = PyBytes_AS_STRING(path);
    int err = 0;
    Py_BEGIN_ALLOW_THREADS rc = numc_npy_load(&out, p);
    err = errno;
    Py_END_ALLOW_THREADS
    if (rc == NUMC_EIO && err != 0) { /* FileNotFoundError & co. */
      errno = err;
      PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, a[0]);
      Py_DECREF(path);
      return NULL;
    }
    Py_DECREF(path);
    if (rc < 0) return pynumc_err(rc);
    return pynumc_wrap(out, NULL);
  }
  if (PyErr_Occurred()) return NULL;
  PyObject *data = PyObject_CallMethod(a[0], "read", NULL);
  if (data == NULL) return NULL;
  Py_buffer view;
  if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0) {
    Py_DECREF(data);
    return NULL;
  }
  rc = numc_npy_load_buffer(&out, view.buf, (size_t)view.len);
  PyBuffer_Release(&view);
  Py_DECREF(data);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}
