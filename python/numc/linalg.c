/*
 * linalg.c - matrix products and the numc.linalg submodule over libnumc's
 * numc/linalg.h.
 *
 * Namespace functions: matmul (and the @ / @= operators of ndarray),
 * tensordot, vecdot, outer, inner, dot, vdot, trace, diagonal, einsum and
 * cross, with NumPy's signatures. The numc.linalg module (a module object
 * made here, attached to numc._numc as `linalg` and registered in
 * sys.modules as numc.linalg by numc/__init__.py) holds the Array API linalg
 * extension plus NumPy's norm, lstsq, cond and multi_dot; its tuple results
 * are named tuples (struct sequences) with NumPy's field names, and its
 * errors are numc.linalg.LinAlgError (the same class as numc.LinAlgError, a
 * ValueError subclass).
 *
 * Products and compositions of elementwise work stay lazy (the GIL is
 * released when an operand is pending or large); decompositions and solvers
 * compute at the call, always without the GIL. Where NumPy returns a scalar
 * for a 0-d result (matmul of two vectors, det of one matrix, a norm, ...)
 * so does numc.
 */
#include "pynumc.h"

#include <math.h>
#include <string.h>

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)
#define KW(f) FASTCALL(f), METH_FASTCALL | METH_KEYWORDS
#define CALL(heavy, rc, expr) PYNUMC_NOGIL_IF(heavy, rc = (expr))

static int is_none(PyObject *o) { return o == NULL || o == Py_None; }

/* Wraps the result of a libnumc call (rc < 0: raises). `scalar`: a 0-d
 * result becomes a scalar, as NumPy's functions return. */
static PyObject *result(int rc, numc_array *out, int scalar) {
  return rc < 0 ? pynumc_err(rc) : pynumc_wrap_result(out, scalar);
}

/* n results in a tuple of type `type` (a struct sequence; NULL: a plain
 * tuple), each 0-d one a scalar when `scalar`. Steals the handles. */
static PyObject *pack(PyTypeObject *type, numc_array **r, int n, int scalar) {
  PyObject *t = type ? PyStructSequence_New(type) : PyTuple_New(n);
  for (int i = 0; i < n; i++) {
    PyObject *o = t ? pynumc_wrap_result(r[i], scalar) : NULL;
    if (t == NULL) numc_release(r[i]);
    else if (o == NULL) Py_CLEAR(t);
    else if (type) PyStructSequence_SET_ITEM(t, i, o);
    else PyTuple_SET_ITEM(t, i, o);
  }
  return t;
}

/* Two array arguments as new handles (*x, *y); 0 or -1. */
static int two_arrays(PyObject *a, PyObject *b, const char *fn, numc_array **x,
                      numc_array **y) {
  if ((*x = pynumc_array_arg(a, fn)) == NULL) return -1;
  if ((*y = pynumc_array_arg(b, fn)) == NULL) {
    numc_release(*x);
    return -1;
  }
  return 0;
}

/* A libnumc call on two arrays with extra arguments behind ctx. */
typedef int (*pair_fn)(numc_array **out, const numc_array *x,
                       const numc_array *y, const void *ctx);

/* Converts a and b, runs f (without the GIL when `compute` is set or an
 * operand is heavy) and wraps its result (`scalar`: 0-d as a scalar). */
static PyObject *pair_call(PyObject *a, PyObject *b, const char *fn, pair_fn f,
                           const void *ctx, int compute, int scalar) {
  numc_array *x, *y, *out;
  if (two_arrays(a, b, fn, &x, &y) < 0) return NULL;
  int rc;
  CALL(compute || pynumc_heavy(x) || pynumc_heavy(y), rc, f(&out, x, y, ctx));
  numc_release(x);
  numc_release(y);
  return result(rc, out, scalar);
}

/* pair_fn adapters of the libnumc calls. */
static int call_matmul(numc_array **out, const numc_array *x,
                       const numc_array *y, const void *ctx) {
  (void)ctx;
  return numc_matmul(out, x, y);
}

static int call_solve(numc_array **out, const numc_array *x,
                      const numc_array *y, const void *ctx) {
  (void)ctx;
  return numc_solve(out, x, y);
}

static int call_vecdot(numc_array **out, const numc_array *x,
                       const numc_array *y, const void *ctx) {
  return numc_vecdot(out, x, y, *(const int *)ctx);
}

static int call_cross(numc_array **out, const numc_array *x,
                      const numc_array *y, const void *ctx) {
  return numc_cross(out, x, y, *(const int *)ctx);
}

/* A double argument (None/absent: dflt). */
static int double_arg(PyObject *o, double dflt, double *out) {
  if (is_none(o)) {
    *out = dflt;
    return 0;
  }
  double v = PyFloat_AsDouble(o);
  if (v == -1.0 && PyErr_Occurred()) return -1;
  *out = v;
  return 0;
}

/* An int argument (absent: dflt) within int range. */
static int small_int_arg(PyObject *o, int dflt, int *out, const char *what) {
  int64_t v = dflt;
  if (o != NULL && pynumc_int_arg(o, &v, what) < 0) return -1;
  if (v < INT32_MIN || v > INT32_MAX) {
    PyErr_Format(PyExc_ValueError, "%s out of range", what);
    return -1;
  }
  *out = (int)v;
  return 0;
}

/* ---- matmul and the @ operator ---------------------------------------------------------- */

PyObject *pynumc_matmul_op(PyObject *a, PyObject *b) {
  numc_array *x, *y, *out;
  int ka, kb, oa, ob, rc;
  int r = pynumc_operands2(a, b, &x, &y, &ka, &kb, &oa, &ob);
  if (r != 0) return r < 0 ? NULL : Py_NewRef(Py_NotImplemented);
  CALL(pynumc_heavy_obj(a, x) || pynumc_heavy_obj(b, y), rc,
       numc_matmul(&out, x, y));
  pynumc_opnd_done(x, oa);
  pynumc_opnd_done(y, ob);
  return result(rc, out, 1);
}

PyObject *pynumc_imatmul_op(PyObject *a, PyObject *b) {
  if (!PyNumcArray_Check(a)) Py_RETURN_NOTIMPLEMENTED;
  numc_array *dst = PYNUMC_ARR(a), *y, *out;
  int kb, ob, rc;
  int r = pynumc_operand_b(b, &y, &kb, &ob);
  if (r != 0) return r < 0 ? NULL : Py_NewRef(Py_NotImplemented);
  if (numc_array_ndim(dst) < 1 || numc_array_ndim(y) < 2) {
    pynumc_opnd_done(y, ob);
    PyErr_SetString(PyExc_ValueError,
                    "inplace matrix multiplication requires the first operand "
                    "to have at least one and the second at least two "
                    "dimensions.");
    return NULL;
  }
  CALL(pynumc_heavy_obj(a, dst) || pynumc_heavy_obj(b, y), rc,
       numc_matmul(&out, dst, y));
  pynumc_opnd_done(y, ob);
  if (rc < 0) return pynumc_err(rc);
  int nd = numc_array_ndim(out);
  if (nd != numc_array_ndim(dst) ||
      memcmp(numc_array_shape(out), numc_array_shape(dst),
             (size_t)nd * sizeof(int64_t)) != 0) {
    numc_release(out);
    PyErr_SetString(PyExc_ValueError,
                    "matmul: Output operand 0 has a mismatch in its core "
                    "dimension: the result of a @= b must have a's shape");
    return NULL;
  }
  CALL(1, rc, numc_assign(dst, out, NUMC_CASTING_SAME_KIND));
  numc_release(out);
  if (rc < 0) return pynumc_err(rc);
  ((PyNumcArray *)a)->computed = 0;
  return Py_NewRef(a);
}

static PyObject *fn_matmul(PyObject *m, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x1", "x2", NULL};
  static const pynumc_argspec sp = {"matmul", N, 2, 2, 2};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return pair_call(a[0], a[1], "matmul", call_matmul, NULL, 0, 1);
}

/* ---- tensordot, vecdot, outer, inner, dot, vdot -------------------------------------------- */

/* One side of tensordot's axes pair: an int or a sequence of ints. */
static int axes_side(PyObject *o, int *n, int *axes) {
  if (PyTuple_Check(o) || PyList_Check(o)) return pynumc_axes_arg(o, n, axes);
  if (!PySequence_Check(o) || PyUnicode_Check(o)) {
    *n = 1;
    return small_int_arg(o, 0, &axes[0], "axes");
  }
  PyObject *t = PySequence_Tuple(o);
  if (t == NULL) return -1;
  int r = pynumc_axes_arg(t, n, axes);
  Py_DECREF(t);
  return r;
}

/* tensordot's axes: n (naxes < 0) or the pair lists. */
typedef struct {
  int naxes, n;
  const int *axa, *axb;
} tdot_args;

static int call_tensordot(numc_array **out, const numc_array *x,
                          const numc_array *y, const void *ctx) {
  const tdot_args *t = ctx;
  return t->naxes < 0 ? numc_tensordot(out, x, y, t->n)
                      : numc_tensordot_axes(out, x, y, t->naxes, t->axa,
                                            t->axb);
}

static PyObject *fn_tensordot(PyObject *m, PyObject *const *args,
                              Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "b", "axes", NULL};
  static const pynumc_argspec sp = {"tensordot", N, 0, 3, 2};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int naxes = 2, na = 0, nb = 0;
  int axa[NUMC_MAXDIMS], axb[NUMC_MAXDIMS], pair = 0;
  if (a[2] != NULL && (PyTuple_Check(a[2]) || PyList_Check(a[2]))) {
    if (PySequence_Fast_GET_SIZE(a[2]) != 2) {
      PyErr_SetString(PyExc_ValueError,
                      "tensordot: axes must be an int or a pair of axes");
      return NULL;
    }
    if (axes_side(PySequence_Fast_GET_ITEM(a[2], 0), &na, axa) < 0 ||
        axes_side(PySequence_Fast_GET_ITEM(a[2], 1), &nb, axb) < 0)
      return NULL;
    if (na != nb) {
      PyErr_SetString(PyExc_ValueError, "shape-mismatch for sum");
      return NULL;
    }
    pair = 1;
  } else if (small_int_arg(a[2], 2, &naxes, "axes") < 0) {
    return NULL;
  }
  tdot_args t = {pair ? na : -1, naxes, axa, axb};
  return pair_call(a[0], a[1], "tensordot", call_tensordot, &t, 0, 0);
}

static PyObject *fn_vecdot(PyObject *m, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x1", "x2", "axis", NULL};
  static const pynumc_argspec sp = {"vecdot", N, 2, 2, 2};
  PyObject *a[3];
  int axis;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      small_int_arg(a[2], -1, &axis, "axis") < 0)
    return NULL;
  return pair_call(a[0], a[1], "vecdot", call_vecdot, &axis, 0, 1);
}

/* A 1-D view (or copy) of x, in C order. New handle in *out. */
static int ravel(numc_array **out, const numc_array *x) {
  int64_t flat = -1;
  return numc_reshape(out, x, 1, &flat, NUMC_COPY_IF_NEEDED);
}

/* The two-operand products that differ only in how they combine x and y. */
typedef enum { P_OUTER, P_LOUTER, P_INNER, P_DOT, P_VDOT } product_kind;

static int product(numc_array **out, const numc_array *x,
                   const numc_array *y, const void *ctx) {
  product_kind k = *(const product_kind *)ctx;
  numc_array *fx = NULL, *fy = NULL;
  int rc, last = -1;
  switch (k) {
  case P_LOUTER:
    return numc_outer(out, x, y);
  case P_OUTER:
  case P_VDOT:
    rc = ravel(&fx, x);
    if (rc == 0) rc = ravel(&fy, y);
    if (rc == 0)
      rc = k == P_OUTER ? numc_outer(out, fx, fy)
                        : numc_vecdot(out, fx, fy, -1);
    numc_release(fx);
    numc_release(fy);
    return rc;
  default: /* inner, dot: a multiply when either is 0-d */
    if (numc_array_ndim(x) == 0 || numc_array_ndim(y) == 0)
      return numc_binary(out, NUMC_OP_MULTIPLY, x, y);
    if (k == P_DOT && numc_array_ndim(x) == 2 && numc_array_ndim(y) <= 2)
      return numc_matmul(out, x, y);
    if (k == P_DOT) last = numc_array_ndim(y) >= 2 ? -2 : 0;
    int axa = -1;
    return numc_tensordot_axes(out, x, y, 1, &axa, &last);
  }
}

static PyObject *product_fn(product_kind k, const char *fn,
                            PyObject *const *args, Py_ssize_t n,
                            PyObject *kw) {
  static const char *const N[] = {"a", "b", NULL};
  pynumc_argspec sp = {fn, N, 0, 2, 2};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return pair_call(a[0], a[1], fn, product, &k, 0,
                   k != P_OUTER && k != P_LOUTER);
}

#define PRODUCT_FN(name, kind)                                                 \
  static PyObject *fn_##name(PyObject *m, PyObject *const *args,               \
                             Py_ssize_t n, PyObject *kw) {                     \
    (void)m;                                                                   \
    return product_fn(kind, #name, args, n, kw);                               \
  }
PRODUCT_FN(outer, P_OUTER)
PRODUCT_FN(inner, P_INNER)
PRODUCT_FN(dot, P_DOT)
PRODUCT_FN(vdot, P_VDOT)
#undef PRODUCT_FN

PyObject *pynumc_m_dot(PyObject *self, PyObject *const *args, Py_ssize_t n,
                       PyObject *kw) {
  static const char *const N[] = {"b", NULL};
  static const pynumc_argspec sp = {"dot", N, 0, 1, 1};
  PyObject *a[1];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  PyObject *both[2] = {self, a[0]};
  return product_fn(P_DOT, "dot", both, 2, NULL);
}

static PyObject *fn_linalg_outer(PyObject *m, PyObject *const *args,
                                 Py_ssize_t n, PyObject *kw) {
  (void)m;
  return product_fn(P_LOUTER, "outer", args, n, kw);
}

/* ---- trace and diagonal ------------------------------------------------------------------ */

/* trace (with dtype) or diagonal over axes (axis1, axis2). */
static PyObject *diag_impl(int trace, PyObject *xo, PyObject *offo,
                           PyObject *a1o, PyObject *a2o, PyObject *dto,
                           int dflt1, int dflt2) {
  const char *fn = trace ? "trace" : "diagonal";
  int64_t off = 0;
  int ax1, ax2;
  numc_dtype dt = NUMC_DTYPE_DEFAULT;
  if ((offo != NULL && pynumc_int_arg(offo, &off, "offset") < 0) ||
      small_int_arg(a1o, dflt1, &ax1, "axis1") < 0 ||
      small_int_arg(a2o, dflt2, &ax2, "axis2") < 0 ||
      pynumc_dtype_from_obj(dto, &dt) < 0)
    return NULL;
  numc_array *x = pynumc_array_arg(xo, fn), *out;
  if (x == NULL) return NULL;
  int rc;
  CALL(trace && pynumc_heavy(x), rc,
       trace ? numc_trace(&out, x, off, ax1, ax2, dt)
             : numc_diagonal(&out, x, off, ax1, ax2));
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  if (trace) return pynumc_wrap_result(out, 1);
  return pynumc_wrap(out, PyNumcArray_Check(xo) ? xo : NULL);
}

static PyObject *fn_trace(PyObject *m, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "offset", "axis1", "axis2", "dtype",
                                  NULL};
  static const pynumc_argspec sp = {"trace", N, 0, 5, 1};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return diag_impl(1, a[0], a[1], a[2], a[3], a[4], 0, 1);
}

static PyObject *fn_diagonal(PyObject *m, PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "offset", "axis1", "axis2", NULL};
  static const pynumc_argspec sp = {"diagonal", N, 0, 4, 1};
  PyObject *a[4];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return diag_impl(0, a[0], a[1], a[2], a[3], NULL, 0, 1);
}

/* x.trace(...) / x.diagonal(...): the namespace functions with x first. */
static PyObject *diag_method(int trace, PyObject *self, PyObject *const *args,
                             Py_ssize_t n, PyObject *kw) {
  static const char *const N[] = {"offset", "axis1", "axis2", "dtype", NULL};
  static const pynumc_argspec st = {"trace", N, 0, 4, 0};
  static const pynumc_argspec sd = {"diagonal", N, 0, 3, 0};
  PyObject *a[4];
  if (pynumc_parse(trace ? &st : &sd, args, n, kw, a) < 0) return NULL;
  if (!trace && a[3] != NULL) {
    PyErr_SetString(PyExc_TypeError,
                    "diagonal() got an unexpected keyword argument 'dtype'");
    return NULL;
  }
  return diag_impl(trace, self, a[0], a[1], a[2], a[3], 0, 1);
}

PyObject *pynumc_m_trace(PyObject *self, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  return diag_method(1, self, args, n, kw);
}

PyObject *pynumc_m_diagonal(PyObject *self, PyObject *const *args,
                            Py_ssize_t n, PyObject *kw) {
  return diag_method(0, self, args, n, kw);
}

static PyObject *fn_linalg_trace(PyObject *m, PyObject *const *args,
                                 Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "offset", "dtype", NULL};
  static const pynumc_argspec sp = {"trace", N, 1, 1, 1};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return diag_impl(1, a[0], a[1], NULL, NULL, a[2], -2, -1);
}

static PyObject *fn_linalg_diagonal(PyObject *m, PyObject *const *args,
                                    Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "offset", NULL};
  static const pynumc_argspec sp = {"diagonal", N, 1, 1, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return diag_impl(0, a[0], a[1], NULL, NULL, NULL, -2, -1);
}

/* ---- einsum -------------------------------------------------------------------------------- */

/* einsum(subscripts, *operands, out=None, dtype=None, order='K',
 * casting='safe', optimize=False): parsed by hand for the varargs. dtype
 * casts the operands under casting='safe'; order and optimize are accepted
 * (numc always picks its contraction order). */
static PyObject *fn_einsum(PyObject *m, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  (void)m;
  PyObject *outo = NULL, *dto = NULL;
  Py_ssize_t nkw = kw ? PyTuple_GET_SIZE(kw) : 0;
  for (Py_ssize_t k = 0; k < nkw; k++) {
    const char *key = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kw, k));
    if (key == NULL) return NULL;
    if (strcmp(key, "out") == 0) outo = args[n + k];
    else if (strcmp(key, "dtype") == 0) dto = args[n + k];
    else if (strcmp(key, "optimize") != 0 && strcmp(key, "order") != 0) {
      PyErr_Format(PyExc_TypeError,
                   "einsum() got an unexpected keyword argument '%s'", key);
      return NULL;
    }
  }
  if (n < 1 || !PyUnicode_Check(args[0])) {
    PyErr_SetString(PyExc_TypeError,
                    "einsum(): the first argument must be the subscripts "
                    "string (the interleaved form is not supported)");
    return NULL;
  }
  if (!is_none(outo) && !PyNumcArray_Check(outo)) {
    PyErr_SetString(PyExc_TypeError, "einsum(): out must be a numc.ndarray");
    return NULL;
  }
  numc_dtype dt;
  if (pynumc_dtype_from_obj(dto, &dt) < 0) return NULL;
  const char *subs = PyUnicode_AsUTF8(args[0]);
  if (subs == NULL) return NULL;
  numc_array **ops, *out = NULL;
  int heavy, rc = 0;
  if (pynumc_arrays_arg(args + 1, n - 1, "einsum", &ops, &heavy) < 0)
    return NULL;
  for (Py_ssize_t i = 0; dt != NUMC_DTYPE_DEFAULT && rc == 0 && i < n - 1;
       i++) {
    numc_array *c;
    rc = numc_astype(&c, ops[i], dt, NUMC_CASTING_SAFE, NUMC_COPY_IF_NEEDED);
    if (rc == 0) {
      numc_release(ops[i]);
      ops[i] = c;
    }
  }
  if (rc == 0)
    CALL(heavy, rc,
         numc_einsum(&out, subs, (int)(n - 1),
                     (const numc_array *const *)ops));
  pynumc_arrays_done(ops, n - 1);
  if (rc < 0) return pynumc_err(rc);
  if (is_none(outo)) return pynumc_wrap_result(out, 1);
  CALL(1, rc, numc_assign(PYNUMC_ARR(outo), out, NUMC_CASTING_SAFE));
  numc_release(out);
  if (rc < 0) return pynumc_err(rc);
  ((PyNumcArray *)outo)->computed = 0;
  return Py_NewRef(outo);
}

/* ---- cross ------------------------------------------------------------------------------------ */

/* x with axis `axis` moved to the end (view). */
static int axis_to_end(numc_array **out, const numc_array *x, int axis) {
  int nd = numc_array_ndim(x), perm[NUMC_MAXDIMS], j = 0;
  if (axis < -nd || axis >= nd) return numc_view(out, x); /* cross reports */
  if (axis < 0) axis += nd;
  for (int i = 0; i < nd; i++)
    if (i != axis) perm[j++] = i;
  perm[j] = axis;
  return numc_permute_dims(out, x, perm);
}

/* np.cross's general form (a pair_fn; ctx: int[3]): the vectors along axisa
 * of a and axisb of b, the result's vectors along axisc. */
static int cross_axes(numc_array **out, const numc_array *x,
                      const numc_array *y, const void *ctx) {
  const int *ax = ctx;
  int axa = ax[0], axb = ax[1], axc = ax[2];
  if (axa == axb && axb == axc) return numc_cross(out, x, y, axa);
  numc_array *px = NULL, *py = NULL, *r = NULL;
  int rc = axis_to_end(&px, x, axa);
  if (rc == 0) rc = axis_to_end(&py, y, axb);
  if (rc == 0) rc = numc_cross(&r, px, py, -1);
  numc_release(px);
  numc_release(py);
  if (rc < 0) return rc;
  int nd = numc_array_ndim(r), perm[NUMC_MAXDIMS];
  if (axc < -nd || axc >= nd) {
    numc_release(r);
    numc_clear_error(); /* AxisError with libnumc's generic message */
    return NUMC_EAXIS;
  }
  if (axc < 0) axc += nd;
  for (int i = 0, j = 0; i < nd; i++)
    perm[i] = i == axc ? nd - 1 : j++;
  rc = numc_permute_dims(out, r, perm);
  numc_release(r);
  return rc;
}

static PyObject *fn_cross(PyObject *m, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a",     "b",     "axisa", "axisb",
                                  "axisc", "axis",  NULL};
  static const pynumc_argspec sp = {"cross", N, 0, 6, 2};
  PyObject *a[6];
  int ax[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  for (int i = 0; i < 3; i++) {
    PyObject *o = is_none(a[5]) ? a[2 + i] : a[5];
    if (small_int_arg(o, -1, &ax[i], "axis") < 0) return NULL;
  }
  return pair_call(a[0], a[1], "cross", cross_axes, ax, 0, 0);
}

static PyObject *fn_linalg_cross(PyObject *m, PyObject *const *args,
                                 Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x1", "x2", "axis", NULL};
  static const pynumc_argspec sp = {"cross", N, 2, 2, 2};
  PyObject *a[3];
  int axis;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      small_int_arg(a[2], -1, &axis, "axis") < 0)
    return NULL;
  return pair_call(a[0], a[1], "cross", call_cross, &axis, 0, 0);
}

/* ---- the linalg module: result types -------------------------------------------------------- */

static PyStructSequence_Field eig_fields[] = {
    {"eigenvalues", NULL}, {"eigenvectors", NULL}, {NULL, NULL}};
static PyStructSequence_Field qr_fields[] = {
    {"Q", NULL}, {"R", NULL}, {NULL, NULL}};
static PyStructSequence_Field slogdet_fields[] = {
    {"sign", NULL}, {"logabsdet", NULL}, {NULL, NULL}};
static PyStructSequence_Field svd_fields[] = {
    {"U", NULL}, {"S", NULL}, {"Vh", NULL}, {NULL, NULL}};
static PyStructSequence_Desc eig_desc = {
    "numc.linalg.EigResult", "eig's result: (eigenvalues, eigenvectors).",
    eig_fields, 2};
static PyStructSequence_Desc eigh_desc = {
    "numc.linalg.EighResult", "eigh's result: (eigenvalues, eigenvectors).",
    eig_fields, 2};
static PyStructSequence_Desc qr_desc = {
    "numc.linalg.QRResult", "qr's result: (Q, R).", qr_fields, 2};
static PyStructSequence_Desc slogdet_desc = {
    "numc.linalg.SlogdetResult", "slogdet's result: (sign, logabsdet).",
    slogdet_fields, 2};
static PyStructSequence_Desc svd_desc = {
    "numc.linalg.SVDResult", "svd's result: (U, S, Vh).", svd_fields, 3};
static PyTypeObject EigResult_Type, EighResult_Type, QRResult_Type,
    SlogdetResult_Type, SVDResult_Type;

/* ---- decompositions and solvers -------------------------------------------------------------- */

/* The functions of one array: one libnumc call (chosen by kind, options in
 * opts) with one or two outputs, run without the GIL. */
typedef enum {
  U_DET, U_INV, U_EIG, U_EIGVALS, U_SLOGDET, U_SVDVALS, U_CHOLESKY, U_PINV,
  U_RANK, U_POWER, U_VNORM, U_MNORM, U_COND
} unary_kind;

typedef struct {
  int flag;          /* cholesky: upper; norms: keepdims */
  int naxes;         /* vector_norm's axes (naxes < 0: all) */
  const int *axes;
  double d1, d2;     /* pinv: rtol; matrix_rank: tol, rtol; vector_norm: ord */
  int64_t n;         /* matrix_power's exponent */
  numc_norm_ord ord; /* matrix_norm, cond */
} unary_opts;

static const unary_opts NO_OPTS;

static int unary_call(unary_kind k, numc_array **r, const numc_array *x,
                      const unary_opts *o) {
  switch (k) {
  case U_DET: return numc_det(&r[0], x);
  case U_INV: return numc_inv(&r[0], x);
  case U_EIG: return numc_eig(&r[0], &r[1], x);
  case U_EIGVALS: return numc_eigvals(&r[0], x);
  case U_SLOGDET: return numc_slogdet(&r[0], &r[1], x);
  case U_SVDVALS: return numc_svdvals(&r[0], x);
  case U_CHOLESKY: return numc_cholesky(&r[0], x, o->flag);
  case U_PINV: return numc_pinv(&r[0], x, o->d1);
  case U_RANK: return numc_matrix_rank(&r[0], x, o->d1, o->d2);
  case U_POWER: return numc_matrix_power(&r[0], x, o->n);
  case U_VNORM:
    return numc_vector_norm(&r[0], x, o->naxes, o->axes, o->flag, o->d1);
  case U_MNORM: return numc_matrix_norm(&r[0], x, o->ord, o->flag);
  default: return numc_cond(&r[0], x, o->ord);
  }
}

static PyObject *unary_impl(unary_kind k, PyObject *xo, const char *fn,
                            const unary_opts *o) {
  numc_array *x = pynumc_array_arg(xo, fn), *r[2] = {NULL, NULL};
  if (x == NULL) return NULL;
  int rc;
  CALL(1, rc, unary_call(k, r, x, o));
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  if (k == U_EIG) return pack(&EigResult_Type, r, 2, 0);
  if (k == U_SLOGDET) return pack(&SlogdetResult_Type, r, 2, 1);
  int scalar = k == U_DET || k == U_RANK || k == U_VNORM || k == U_MNORM ||
               k == U_COND;
  return pynumc_wrap_result(r[0], scalar);
}

#define UNARY_FN(name, kind)                                                   \
  static PyObject *fn_##name(PyObject *m, PyObject *x) {                       \
    (void)m;                                                                   \
    return unary_impl(kind, x, #name, &NO_OPTS);                               \
  }
UNARY_FN(det, U_DET)
UNARY_FN(inv, U_INV)
UNARY_FN(eig, U_EIG)
UNARY_FN(eigvals, U_EIGVALS)
UNARY_FN(slogdet, U_SLOGDET)
UNARY_FN(svdvals, U_SVDVALS)
#undef UNARY_FN

static PyObject *fn_cholesky(PyObject *m, PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "upper", NULL};
  static const pynumc_argspec sp = {"cholesky", N, 1, 1, 1};
  PyObject *a[2];
  unary_opts o = NO_OPTS;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_bool_arg(a[1], 0, &o.flag) < 0)
    return NULL;
  return unary_impl(U_CHOLESKY, a[0], "cholesky", &o);
}

/* UPLO='L'/'U' (either case, as NumPy). */
static int uplo_arg(PyObject *o, char *out) {
  *out = 'L';
  if (o == NULL) return 0;
  const char *s = PyUnicode_Check(o) ? PyUnicode_AsUTF8(o) : NULL;
  if (s == NULL || strlen(s) != 1 || !strchr("LUlu", s[0])) {
    PyErr_Clear();
    PyErr_SetString(PyExc_ValueError, "UPLO argument must be 'L' or 'U'");
    return -1;
  }
  *out = (char)(s[0] & ~0x20);
  return 0;
}

static PyObject *eigh_impl(int vectors, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  static const char *const N[] = {"a", "UPLO", NULL};
  static const pynumc_argspec s1 = {"eigh", N, 0, 2, 1};
  static const pynumc_argspec s2 = {"eigvalsh", N, 0, 2, 1};
  PyObject *a[2];
  char uplo;
  if (pynumc_parse(vectors ? &s1 : &s2, args, n, kw, a) < 0 ||
      uplo_arg(a[1], &uplo) < 0)
    return NULL;
  numc_array *x = pynumc_array_arg(a[0], vectors ? "eigh" : "eigvalsh");
  numc_array *r[2] = {NULL, NULL};
  if (x == NULL) return NULL;
  int rc;
  CALL(1, rc, vectors ? numc_eigh(&r[0], &r[1], x, uplo)
                      : numc_eigvalsh(&r[0], x, uplo));
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return vectors ? pack(&EighResult_Type, r, 2, 0) : pynumc_wrap(r[0], NULL);
}

static PyObject *fn_eigh(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  return eigh_impl(1, args, n, kw);
}

static PyObject *fn_eigvalsh(PyObject *m, PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  (void)m;
  return eigh_impl(0, args, n, kw);
}

static PyObject *fn_solve(PyObject *m, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "b", NULL};
  static const pynumc_argspec sp = {"solve", N, 0, 2, 2};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return pair_call(a[0], a[1], "solve", call_solve, NULL, 1, 0);
}

static PyObject *fn_svd(PyObject *m, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "full_matrices", "compute_uv",
                                  "hermitian", NULL};
  static const pynumc_argspec sp = {"svd", N, 0, 4, 1};
  PyObject *a[4];
  int full, uv, herm, rc;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_bool_arg(a[1], 1, &full) < 0 ||
      pynumc_bool_arg(a[2], 1, &uv) < 0 || pynumc_bool_arg(a[3], 0, &herm) < 0)
    return NULL;
  numc_array *x = pynumc_array_arg(a[0], "svd"), *r[3] = {NULL, NULL, NULL};
  if (x == NULL) return NULL;
  CALL(1, rc, uv ? numc_svd(&r[0], &r[1], &r[2], x, full)
                 : numc_svdvals(&r[1], x));
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return uv ? pack(&SVDResult_Type, r, 3, 0) : pynumc_wrap(r[1], NULL);
}

static PyObject *fn_qr(PyObject *m, PyObject *const *args, Py_ssize_t n,
                       PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "mode", NULL};
  static const pynumc_argspec sp = {"qr", N, 0, 2, 1};
  static const char *const modes[] = {"reduced", "complete", "r", "raw"};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int mode = NUMC_QR_REDUCED, rc;
  if (a[1] != NULL) {
    const char *s = PyUnicode_Check(a[1]) ? PyUnicode_AsUTF8(a[1]) : NULL;
    mode = -1;
    for (int i = 0; s && i < 4; i++)
      if (strcmp(s, modes[i]) == 0) mode = i;
    if (mode < 0) {
      PyErr_Clear();
      PyErr_Format(PyExc_ValueError, "Unrecognized mode '%S'", a[1]);
      return NULL;
    }
  }
  numc_array *x = pynumc_array_arg(a[0], "qr"), *r[2] = {NULL, NULL};
  if (x == NULL) return NULL;
  CALL(1, rc, numc_qr(mode == NUMC_QR_R ? NULL : &r[0], &r[1], x,
                      (numc_qr_mode)mode));
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  if (mode == NUMC_QR_R) return pynumc_wrap(r[1], NULL);
  return pack(mode == NUMC_QR_RAW ? NULL : &QRResult_Type, r, 2, 0);
}

static PyObject *fn_lstsq(PyObject *m, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "b", "rcond", NULL};
  static const pynumc_argspec sp = {"lstsq", N, 0, 3, 2};
  PyObject *a[3];
  double rcond;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      double_arg(a[2], -1.0, &rcond) < 0)
    return NULL;
  numc_array *x, *y, *r[4] = {NULL, NULL, NULL, NULL};
  if (two_arrays(a[0], a[1], "lstsq", &x, &y) < 0) return NULL;
  int rc;
  CALL(1, rc, numc_lstsq(&r[0], &r[1], &r[2], &r[3], x, y, rcond));
  numc_release(x);
  numc_release(y);
  if (rc < 0) return pynumc_err(rc);
  /* rank is a scalar, the rest arrays (0-d only for rank) */
  PyObject *t = PyTuple_New(4);
  for (int i = 0; i < 4; i++) {
    PyObject *o = t ? pynumc_wrap_result(r[i], i == 2) : NULL;
    if (t == NULL) numc_release(r[i]);
    else if (o == NULL) Py_CLEAR(t);
    else PyTuple_SET_ITEM(t, i, o);
  }
  return t;
}

static PyObject *fn_pinv(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "rcond", "hermitian", "rtol", NULL};
  static const pynumc_argspec sp = {"pinv", N, 0, 3, 1};
  PyObject *a[4];
  int herm;
  unary_opts o = NO_OPTS;
  o.d1 = 1e-15; /* NumPy's default when neither is given */
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_bool_arg(a[2], 0, &herm) < 0)
    return NULL;
  if (!is_none(a[1]) && a[3] != NULL) {
    PyErr_SetString(PyExc_ValueError, "`rtol` and `rcond` can't be both set.");
    return NULL;
  }
  if (!is_none(a[1]) ? double_arg(a[1], 0, &o.d1) < 0
                     : a[3] != NULL && double_arg(a[3], -1.0, &o.d1) < 0)
    return NULL;
  return unary_impl(U_PINV, a[0], "pinv", &o);
}

static PyObject *fn_matrix_rank(PyObject *m, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"A", "tol", "hermitian", "rtol", NULL};
  static const pynumc_argspec sp = {"matrix_rank", N, 0, 3, 1};
  PyObject *a[4];
  int herm;
  unary_opts o = NO_OPTS;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_bool_arg(a[2], 0, &herm) < 0 || double_arg(a[1], -1, &o.d1) < 0 ||
      double_arg(a[3], -1, &o.d2) < 0)
    return NULL;
  if (!is_none(a[1]) && !is_none(a[3])) {
    PyErr_SetString(PyExc_ValueError, "`tol` and `rtol` can't be both set.");
    return NULL;
  }
  return unary_impl(U_RANK, a[0], "matrix_rank", &o);
}

static PyObject *fn_matrix_power(PyObject *m, PyObject *const *args,
                                 Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"a", "n", NULL};
  static const pynumc_argspec sp = {"matrix_power", N, 0, 2, 2};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  if (PyBool_Check(a[1]) || !PyIndex_Check(a[1])) {
    PyErr_SetString(PyExc_TypeError, "exponent must be an integer");
    return NULL;
  }
  unary_opts o = NO_OPTS;
  if (pynumc_int_arg(a[1], &o.n, "n") < 0) return NULL;
  return unary_impl(U_POWER, a[0], "matrix_power", &o);
}

static PyObject *fn_multi_dot(PyObject *m, PyObject *const *args,
                              Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"arrays", "out", NULL};
  static const pynumc_argspec sp = {"multi_dot", N, 0, 1, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  if (!is_none(a[1])) {
    PyErr_SetString(PyExc_NotImplementedError,
                    "multi_dot(): out= is not supported by numc");
    return NULL;
  }
  if (PyNumcArray_Check(a[0]) || !PySequence_Check(a[0])) {
    PyErr_SetString(PyExc_TypeError,
                    "multi_dot(): expected a sequence of arrays");
    return NULL;
  }
  PyObject *seq = PySequence_Fast(a[0], "expected a sequence of arrays");
  if (seq == NULL) return NULL;
  Py_ssize_t cnt = PySequence_Fast_GET_SIZE(seq);
  if (cnt < 2) {
    Py_DECREF(seq);
    PyErr_SetString(PyExc_ValueError, "Expecting at least two arrays.");
    return NULL;
  }
  numc_array **arrs, *out;
  int heavy, rc;
  if (pynumc_arrays_arg(PySequence_Fast_ITEMS(seq), cnt, "multi_dot", &arrs,
                        &heavy) < 0) {
    Py_DECREF(seq);
    return NULL;
  }
  Py_DECREF(seq);
  CALL(heavy, rc,
       numc_multi_dot(&out, (int)cnt, (const numc_array *const *)arrs));
  pynumc_arrays_done(arrs, cnt);
  return result(rc, out, 1);
}

/* ---- norms ------------------------------------------------------------------------------------ */

/* A matrix norm order: 'fro', 'nuc' or one of 1, -1, 2, -2, inf, -inf
 * (None: dflt). */
static int matrix_ord_arg(PyObject *o, numc_norm_ord dflt, numc_norm_ord *out) {
  *out = dflt;
  if (is_none(o)) return 0;
  if (PyUnicode_Check(o)) {
    if (PyUnicode_CompareWithASCIIString(o, "fro") == 0 ||
        PyUnicode_CompareWithASCIIString(o, "f") == 0)
      return *out = NUMC_NORM_FRO, 0;
    if (PyUnicode_CompareWithASCIIString(o, "nuc") == 0)
      return *out = NUMC_NORM_NUC, 0;
  } else if (PyNumber_Check(o) && !PyComplex_Check(o)) {
    double v = PyFloat_AsDouble(o);
    if (v == -1.0 && PyErr_Occurred()) return -1;
    static const struct { double v; numc_norm_ord ord; } t[] = {
        {1, NUMC_NORM_1},          {-1, NUMC_NORM_NEG1},
        {2, NUMC_NORM_2},          {-2, NUMC_NORM_NEG2},
        {INFINITY, NUMC_NORM_INF}, {-INFINITY, NUMC_NORM_NEG_INF}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
      if (v == t[i].v) return *out = t[i].ord, 0;
  }
  PyErr_SetString(PyExc_ValueError, "Invalid norm order for matrices.");
  return -1;
}

/* A vector norm order: any real number (None: 2); strings are ValueError. */
static int vector_ord_arg(PyObject *o, double *out) {
  if (o != NULL && PyUnicode_Check(o)) {
    PyErr_Format(PyExc_ValueError, "Invalid norm order '%U' for vectors", o);
    return -1;
  }
  return double_arg(o, 2.0, out);
}

/* The matrix norm of x over axes (row, col) (any two distinct axes). */
static int matrix_norm_axes(numc_array **out, const numc_array *x, int row,
                            int col, numc_norm_ord ord, int keepdims) {
  int nd = numc_array_ndim(x), perm[NUMC_MAXDIMS], j = 0;
  for (int i = 0; i < nd; i++)
    if (i != row && i != col) perm[j++] = i;
  perm[j] = row, perm[j + 1] = col;
  numc_array *p = NULL, *r = NULL;
  int rc = numc_permute_dims(&p, x, perm);
  if (rc == 0) rc = numc_matrix_norm(keepdims ? &r : out, p, ord, 0);
  numc_release(p);
  if (rc < 0 || !keepdims) return rc;
  int pos[2] = {row < col ? row : col, row < col ? col : row};
  rc = numc_expand_dims(out, r, 2, pos);
  numc_release(r);
  return rc;
}

/* Normalises an axis for ndim nd (AxisError as NumPy). */
static int norm_axis(int *axis, int nd) {
  if (*axis < -nd || *axis >= nd) {
    PyErr_Format(pynumc_AxisError,
                 "axis %d is out of bounds for array of dimension %d", *axis,
                 nd);
    return -1;
  }
  if (*axis < 0) *axis += nd;
  return 0;
}

static PyObject *fn_norm(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "ord", "axis", "keepdims", NULL};
  static const pynumc_argspec sp = {"norm", N, 0, 4, 1};
  PyObject *a[4];
  int keep, naxes = -1, axes[NUMC_MAXDIMS];
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_bool_arg(a[3], 0, &keep) < 0)
    return NULL;
  if (!is_none(a[2])) {
    if (PyList_Check(a[2])) {
      PyErr_SetString(PyExc_TypeError,
                      "'axis' must be None, an integer or a tuple of integers");
      return NULL;
    }
    if (pynumc_axes_arg(a[2], &naxes, axes) < 0) return NULL;
  }
  numc_array *x = pynumc_array_arg(a[0], "norm"), *out = NULL;
  if (x == NULL) return NULL;
  int nd = numc_array_ndim(x), rc = 0;
  PyObject *ord = is_none(a[1]) ? NULL : a[1];
  if (naxes < 0) {
    int whole = ord == NULL;
    if (!whole && nd == 2 && PyUnicode_Check(ord))
      whole = PyUnicode_CompareWithASCIIString(ord, "fro") == 0 ||
              PyUnicode_CompareWithASCIIString(ord, "f") == 0;
    if (whole) {
      CALL(pynumc_heavy(x), rc, numc_vector_norm(&out, x, -1, NULL, keep, 2));
      numc_release(x);
      return result(rc, out, 1);
    }
    naxes = nd;
    for (int i = 0; i < nd; i++) axes[i] = i;
  }
  if (naxes == 1) {
    double p;
    if (vector_ord_arg(ord, &p) == 0)
      CALL(pynumc_heavy(x), rc,
           numc_vector_norm(&out, x, 1, axes, keep, p));
    else rc = 1;
  } else if (naxes == 2) {
    numc_norm_ord o;
    if (matrix_ord_arg(ord, NUMC_NORM_FRO, &o) < 0 ||
        norm_axis(&axes[0], nd) < 0 || norm_axis(&axes[1], nd) < 0) {
      rc = 1;
    } else if (axes[0] == axes[1]) {
      PyErr_SetString(PyExc_ValueError, "Duplicate axes given.");
      rc = 1;
    } else {
      CALL(1, rc, matrix_norm_axes(&out, x, axes[0], axes[1], o, keep));
    }
  } else {
    PyErr_SetString(PyExc_ValueError, "Improper number of dimensions to norm.");
    rc = 1;
  }
  numc_release(x);
  if (rc == 1) return NULL;
  return result(rc, out, 1);
}

static PyObject *fn_vector_norm(PyObject *m, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "axis", "keepdims", "ord", NULL};
  static const pynumc_argspec sp = {"vector_norm", N, 1, 1, 1};
  PyObject *a[4];
  int axes[NUMC_MAXDIMS];
  unary_opts o = NO_OPTS;
  o.naxes = -1, o.axes = axes, o.d1 = 2;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_bool_arg(a[2], 0, &o.flag) < 0 ||
      (a[3] != NULL && vector_ord_arg(a[3], &o.d1) < 0) ||
      (!is_none(a[1]) && pynumc_axes_arg(a[1], &o.naxes, axes) < 0))
    return NULL;
  return unary_impl(U_VNORM, a[0], "vector_norm", &o);
}

static PyObject *fn_matrix_norm(PyObject *m, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "keepdims", "ord", NULL};
  static const pynumc_argspec sp = {"matrix_norm", N, 1, 1, 1};
  PyObject *a[3];
  unary_opts o = NO_OPTS;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_bool_arg(a[1], 0, &o.flag) < 0 ||
      matrix_ord_arg(a[2], NUMC_NORM_FRO, &o.ord) < 0)
    return NULL;
  return unary_impl(U_MNORM, a[0], "matrix_norm", &o);
}

static PyObject *fn_cond(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "p", NULL};
  static const pynumc_argspec sp = {"cond", N, 0, 2, 1};
  PyObject *a[2];
  unary_opts o = NO_OPTS;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      matrix_ord_arg(a[1], NUMC_NORM_2, &o.ord) < 0)
    return NULL;
  return unary_impl(U_COND, a[0], "cond", &o);
}

/* ---- tables and init ---------------------------------------------------------------------------- */

PyMethodDef pynumc_linalg_functions[] = {
    {"matmul", KW(fn_matmul),
     "matmul(x1, x2, /)\n--\n\n"
     "Matrix product with NumPy's rules: stacks (..., n, k) @ (..., k, m)\n"
     "broadcast; a 1-D operand is a row (first) or column (second) vector\n"
     "whose added axis is removed. 0-d operands: ValueError. Lazy (a fusion\n"
     "barrier); float/complex run on OpenBLAS, integers and bool exactly."},
    {"tensordot", KW(fn_tensordot),
     "tensordot(a, b, axes=2)\n--\n\n"
     "Sum of products over the last `axes` axes of a and the first of b, or\n"
     "over the axes pair (axes_a, axes_b). Result: a's free axes, then b's."},
    {"vecdot", KW(fn_vecdot),
     "vecdot(x1, x2, /, *, axis=-1)\n--\n\n"
     "sum(conj(x1) * x2) along `axis`; other dimensions broadcast."},
    {"outer", KW(fn_outer),
     "outer(a, b)\n--\n\nOuter product of the flattened a and b."},
    {"inner", KW(fn_inner),
     "inner(a, b)\n--\n\n"
     "Sum of products over the last axes of a and b (no conjugation); a\n"
     "0-d operand multiplies."},
    {"dot", KW(fn_dot),
     "dot(a, b)\n--\n\n"
     "NumPy's dot: 2-D is matmul, 1-D an inner product, N-D sums over a's\n"
     "last axis and b's second-to-last; a 0-d operand multiplies."},
    {"vdot", KW(fn_vdot),
     "vdot(a, b)\n--\n\n"
     "sum(conj(a.ravel()) * b.ravel()) (equal sizes required)."},
    {"trace", KW(fn_trace),
     "trace(a, offset=0, axis1=0, axis2=1, dtype=None)\n--\n\n"
     "Sum along the diagonal of the (axis1, axis2) planes (offset > 0:\n"
     "above the main diagonal); bool/signed ints sum as int64."},
    {"diagonal", KW(fn_diagonal),
     "diagonal(a, offset=0, axis1=0, axis2=1)\n--\n\n"
     "Read-only view of the diagonals of the (axis1, axis2) planes, as the\n"
     "last axis."},
    {"einsum", KW(fn_einsum),
     "einsum(subscripts, *operands, out=None, dtype=None, order='K', "
     "optimize=False)\n--\n\n"
     "Einstein summation ('ij,jk->ik', implicit output, repeated indices,\n"
     "'...'). Contractions run pairwise on matmul (GEMM for float/complex),\n"
     "in a greedy cost order; dtype= casts the operands (casting='safe')."},
    {"cross", KW(fn_cross),
     "cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)\n--\n\n"
     "Cross product of 3-element vectors along axisa of a and axisb of b,\n"
     "the result's vectors along axisc (axis= sets all three)."},
    {NULL, NULL, 0, NULL}};

static PyMethodDef linalg_methods[] = {
    {"cholesky", KW(fn_cholesky),
     "cholesky(a, /, *, upper=False)\n--\n\n"
     "Cholesky factor L (a = L @ L^H) or, with upper, U (a = U^H @ U) of\n"
     "Hermitian positive-definite stacks. LinAlgError if not positive\n"
     "definite."},
    {"cross", KW(fn_linalg_cross),
     "cross(x1, x2, /, *, axis=-1)\n--\n\n"
     "Cross product of 3-element vectors along `axis`."},
    {"det", fn_det, METH_O,
     "det(a, /)\n--\n\nDeterminant of each matrix of a square stack."},
    {"diagonal", KW(fn_linalg_diagonal),
     "diagonal(x, /, *, offset=0)\n--\n\n"
     "View of the diagonals of the last two axes."},
    {"eig", fn_eig, METH_O,
     "eig(a, /)\n--\n\n"
     "EigResult(eigenvalues, eigenvectors) of general square stacks (real\n"
     "when every eigenvalue is real). NaN/inf input: LinAlgError."},
    {"eigvals", fn_eigvals, METH_O,
     "eigvals(a, /)\n--\n\nEigenvalues of general square stacks."},
    {"eigh", KW(fn_eigh),
     "eigh(a, UPLO='L')\n--\n\n"
     "EighResult(eigenvalues, eigenvectors) of Hermitian stacks, reading\n"
     "the UPLO triangle; eigenvalues ascending."},
    {"eigvalsh", KW(fn_eigvalsh),
     "eigvalsh(a, UPLO='L')\n--\n\nEigenvalues (ascending) of Hermitian "
     "stacks."},
    {"inv", fn_inv, METH_O,
     "inv(a, /)\n--\n\nInverse of each matrix; singular: LinAlgError."},
    {"matrix_norm", KW(fn_matrix_norm),
     "matrix_norm(x, /, *, keepdims=False, ord='fro')\n--\n\n"
     "Matrix norm over the last two axes: 'fro', 'nuc', 1, -1, 2, -2, inf,\n"
     "-inf."},
    {"matrix_power", KW(fn_matrix_power),
     "matrix_power(a, n)\n--\n\n"
     "a raised to the integer n (0: identity, < 0: powers of inv(a))."},
    {"matrix_rank", KW(fn_matrix_rank),
     "matrix_rank(A, tol=None, hermitian=False, *, rtol=None)\n--\n\n"
     "Number of singular values above tol (default max(M, N) * eps * max(s),\n"
     "or rtol * max(s))."},
    {"outer", KW(fn_linalg_outer),
     "outer(x1, x2, /)\n--\n\nOuter product of two 1-D arrays."},
    {"pinv", KW(fn_pinv),
     "pinv(a, rcond=None, hermitian=False, *, rtol=<unset>)\n--\n\n"
     "Moore-Penrose pseudo-inverse; singular values <= rcond * max(s) are\n"
     "dropped (default 1e-15; rtol=None: max(M, N) * eps)."},
    {"qr", KW(fn_qr),
     "qr(a, mode='reduced')\n--\n\n"
     "QRResult(Q, R) ('reduced', 'complete'), R alone ('r') or (h, tau)\n"
     "('raw')."},
    {"slogdet", fn_slogdet, METH_O,
     "slogdet(a, /)\n--\n\n"
     "SlogdetResult(sign, logabsdet): det = sign * exp(logabsdet)."},
    {"solve", KW(fn_solve),
     "solve(a, b)\n--\n\n"
     "x with a @ x = b; b is a vector only when 1-D. Singular: LinAlgError."},
    {"svd", KW(fn_svd),
     "svd(a, full_matrices=True, compute_uv=True, hermitian=False)\n--\n\n"
     "SVDResult(U, S, Vh) with a = U * S @ Vh (S descending); compute_uv\n"
     "False gives S alone."},
    {"svdvals", fn_svdvals, METH_O,
     "svdvals(x, /)\n--\n\nSingular values, descending."},
    {"trace", KW(fn_linalg_trace),
     "trace(x, /, *, offset=0, dtype=None)\n--\n\n"
     "Sum of the diagonals of the last two axes."},
    {"vector_norm", KW(fn_vector_norm),
     "vector_norm(x, /, *, axis=None, keepdims=False, ord=2)\n--\n\n"
     "Vector p-norm over `axis` (None: all): inf, -inf, 0, 1, 2 or any p."},
    {"norm", KW(fn_norm),
     "norm(x, ord=None, axis=None, keepdims=False)\n--\n\n"
     "NumPy's norm: vector norms over one axis, matrix norms over two, the\n"
     "2-norm of the flattened x when ord and axis are None."},
    {"lstsq", KW(fn_lstsq),
     "lstsq(a, b, rcond=None)\n--\n\n"
     "(x, residuals, rank, s): least-squares solution of a @ x = b for a 2-D\n"
     "a (rcond None: eps * max(M, N))."},
    {"cond", KW(fn_cond),
     "cond(x, p=None)\n--\n\n"
     "Condition number in the norm p (None: 2, from singular values)."},
    {"multi_dot", KW(fn_multi_dot),
     "multi_dot(arrays, *, out=None)\n--\n\n"
     "Product of the arrays in the cheapest multiplication order (the first\n"
     "may be 1-D, the last may be 1-D)."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef linalg_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "numc.linalg",
    .m_doc = "numc.linalg: the Array API linear algebra extension over\n"
             "OpenBLAS and LAPACK, plus NumPy's norm, lstsq, cond and "
             "multi_dot.",
    .m_size = -1,
    .m_methods = linalg_methods,
};

int pynumc_linalg_init(PyObject *m) {
  if (PyModule_AddFunctions(m, pynumc_linalg_functions) < 0) return -1;
  PyObject *lm = PyModule_Create(&linalg_module);
  if (lm == NULL) return -1;
  struct {
    PyTypeObject *type;
    PyStructSequence_Desc *desc;
  } types[] = {{&EigResult_Type, &eig_desc},
               {&EighResult_Type, &eigh_desc},
               {&QRResult_Type, &qr_desc},
               {&SlogdetResult_Type, &slogdet_desc},
               {&SVDResult_Type, &svd_desc}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    if (types[i].type->tp_name == NULL &&
        PyStructSequence_InitType2(types[i].type, types[i].desc) < 0)
      goto fail;
    const char *name = strrchr(types[i].desc->name, '.') + 1;
    if (PyModule_AddObjectRef(lm, name, (PyObject *)types[i].type) < 0)
      goto fail;
  }
  /* shared with the main namespace: the same function objects */
  static const char *const shared[] = {"matmul", "tensordot", "vecdot",
                                       "matrix_transpose", "LinAlgError"};
  for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++) {
    PyObject *f = PyObject_GetAttrString(m, shared[i]);
    if (f == NULL) goto fail;
    int r = PyModule_AddObjectRef(lm, shared[i], f);
    Py_DECREF(f);
    if (r < 0) goto fail;
  }
  if (PyModule_AddObjectRef(m, "linalg", lm) < 0) goto fail;
  Py_DECREF(lm);
  return 0;
fail:
  Py_DECREF(lm);
  return -1;
}
