/*
 * layout.c - memory order (NumPy's order='C'/'F'/'A'/'K') for the
 * functions that take it (creation, reshape, ravel, flatten, astype), and
 * the ndarray methods written over numc._compat: byteswap, resize (in
 * place), tofile, dump, dumps.
 *
 * numc stores arrays in any strided layout; an F-ordered result is the
 * transpose of a C-ordered array of the reversed shape, which is what
 * NumPy's F order is (flags.f_contiguous, the same strides).
 */
#include "pynumc.h"

int pynumc_order_arg(PyObject *o, numc_order dflt, numc_order *out) {
  *out = dflt;
  if (o == NULL || o == Py_None) return 0;
  const char *s = PyUnicode_Check(o) ? PyUnicode_AsUTF8(o) : NULL;
  if (s == NULL || strlen(s) != 1 || !strchr("CFAKcfak", s[0])) {
    PyErr_Clear();
    PyErr_SetString(PyExc_ValueError,
                    "order must be one of 'C', 'F', 'A', or 'K'");
    return -1;
  }
  *out = (numc_order)(s[0] & ~0x20); /* upper case */
  return 0;
}

/* 'A' and 'K' for array x: F when x is F-contiguous and not C-contiguous
 * (NumPy's 'A'; numc's 'K' follows the same rule for the orders it makes). */
numc_order pynumc_order_of(const numc_array *x, numc_order o) {
  if (o != NUMC_ORDER_A && o != NUMC_ORDER_K) return o;
  unsigned f = numc_array_flags(x);
  return (f & NUMC_F_CONTIGUOUS) && !(f & NUMC_C_CONTIGUOUS) ? NUMC_ORDER_F
                                                             : NUMC_ORDER_C;
}

/* x with its axes reversed (a view). */
static int reversed_axes(numc_array **out, const numc_array *x) {
  int nd = numc_array_ndim(x), axes[NUMC_MAXDIMS];
  for (int i = 0; i < nd; i++) axes[i] = nd - 1 - i;
  return numc_permute_dims(out, x, axes);
}

int pynumc_reshape_ordered(numc_array **out, const numc_array *x, int ndim,
                           const int64_t *shape, numc_order order,
                           numc_copy_mode copy) {
  if (order == NUMC_ORDER_K) {
    PyErr_SetString(PyExc_ValueError,
                    "order 'K' is not permitted for reshaping");
    return -1;
  }
  order = pynumc_order_of(x, order);
  int rc;
  if (order != NUMC_ORDER_F) {
    rc = numc_reshape(out, x, ndim, shape, copy);
    return rc < 0 ? pynumc_err_int(rc) : 0;
  }
  /* F order: reverse the axes, reshape to the reversed shape, reverse */
  int64_t rshape[NUMC_MAXDIMS];
  for (int i = 0; i < ndim; i++) rshape[i] = shape[ndim - 1 - i];
  numc_array *t = NULL, *r = NULL;
  rc = reversed_axes(&t, x);
  if (rc == 0) rc = numc_reshape(&r, t, ndim, rshape, copy);
  numc_release(t);
  if (rc == 0) rc = reversed_axes(out, r);
  numc_release(r);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

int pynumc_to_order(numc_array **a, numc_order order) {
  if (order == NUMC_ORDER_A || order == NUMC_ORDER_K || numc_array_ndim(*a) < 2)
    return 0;
  unsigned f = numc_array_flags(*a);
  unsigned want = order == NUMC_ORDER_F ? NUMC_F_CONTIGUOUS : NUMC_C_CONTIGUOUS;
  if (f & want) return 0;
  numc_array *c;
  int rc = numc_copy(&c, *a, order);
  if (rc < 0) return pynumc_err_int(rc);
  numc_release(*a);
  *a = c;
  return 0;
}

PyObject *pynumc_relayout(PyObject *r, numc_order order, int may_copy) {
  if (r == NULL || !PyNumcArray_Check(r)) return r;
  numc_array *h = numc_retain(PYNUMC_ARR(r)), *h0 = h;
  if (pynumc_to_order(&h, order) < 0) {
    numc_release(h);
    Py_DECREF(r);
    return NULL;
  }
  if (h == h0) { /* already laid out so */
    numc_release(h);
    return r;
  }
  Py_DECREF(r);
  if (!may_copy) {
    numc_release(h);
    PyErr_SetString(PyExc_ValueError, "Unable to avoid copy while creating "
                                      "an array as requested.");
    return NULL;
  }
  return pynumc_wrap(h, NULL);
}

/* ravel (view when possible) and flatten (always a copy) with order=. */
static PyObject *flat(PyObject *self, PyObject *const *args, Py_ssize_t n,
                      PyObject *kw, const char *fname, numc_copy_mode copy) {
  static const char *const N[] = {"order", NULL};
  pynumc_argspec sp = {fname, N, 0, 1, 0};
  PyObject *a[1];
  numc_order order;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_order_arg(a[0], NUMC_ORDER_C, &order) < 0)
    return NULL;
  numc_array *x = PYNUMC_ARR(self), *out;
  if (order == NUMC_ORDER_K) order = NUMC_ORDER_A;
  int64_t shape[1] = {-1};
  if (pynumc_reshape_ordered(&out, x, 1, shape, order, copy) < 0) return NULL;
  int view = numc_same_buffer(out, x);
  return pynumc_wrap(out, view ? self : NULL);
}

PyObject *pynumc_m_ravel(PyObject *self, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  return flat(self, args, n, kw, "ravel", NUMC_COPY_IF_NEEDED);
}

PyObject *pynumc_m_flatten(PyObject *self, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  return flat(self, args, n, kw, "flatten", NUMC_COPY_ALWAYS);
}

