/*
 * functions.c - the namespace functions of numc: creation, elementwise
 * (generated from NUMC_UNARY_MAP / NUMC_BINARY_MAP), reductions and scans
 * (one table), where/clip/round, manipulation, dtype queries (result_type,
 * can_cast, finfo, iinfo, isdtype).
 *
 * Keyword names and defaults follow the Array API (x positional-only,
 * options keyword-only), plus NumPy spellings where they are harmless.
 * ndarray methods that mirror a function (x.sum(), x.reshape(), ...) call
 * the same implementation with self as x.
 */
#include "pynumc.h"

#include <math.h>
#include <string.h>

/* ---- shared helpers ------------------------------------------------------------------ */

/* Index of `name` in a NULL-terminated names list (compile-time constant
 * lists: the loop is a handful of strcmp). */
static PyObject *arg(const pynumc_argspec *sp, PyObject **a, const char *name) {
  for (int i = 0; sp->names[i]; i++)
    if (strcmp(sp->names[i], name) == 0) return a[i];
  return NULL;
}

static int is_none(PyObject *o) { return o == NULL || o == Py_None; }

static PyObject *unsupported(PyObject *o, const char *fn) {
  PyErr_Format(PyExc_TypeError, "%s(): unsupported argument type '%.200s'",
               fn, Py_TYPE(o)->tp_name);
  return NULL;
}

/* An operand that must be convertible (TypeError otherwise). */
static int operand(PyObject *o, numc_array **out, int *kind, const char *fn) {
  int r = pynumc_operand(o, out, kind, 1);
  if (r == 1) {
    unsupported(o, fn);
    return -1;
  }
  return r;
}

/* An array argument (anything asarray accepts, scalars included). */
static numc_array *array_arg(PyObject *o, const char *fn) {
  numc_array *a;
  int kind;
  return operand(o, &a, &kind, fn) < 0 ? NULL : a;
}

/* Result wrapping with the base set to the source ndarray for views. */
static PyObject *wrap_view(numc_array *a, PyObject *src) {
  return pynumc_wrap(a, PyNumcArray_Check(src) ? src : NULL);
}

static int parse_int(PyObject *o, int *out, const char *what) {
  if (PyBool_Check(o) || !PyIndex_Check(o)) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as "
                 "an integer (%s)", Py_TYPE(o)->tp_name, what);
    return -1;
  }
  Py_ssize_t v = PyNumber_AsSsize_t(o, PyExc_OverflowError);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (v < INT32_MIN + 1 || v > INT32_MAX) {
    PyErr_Format(pynumc_AxisError, "%s %zd is out of bounds", what, v);
    return -1;
  }
  *out = (int)v;
  return 0;
}

/* axis=None/int/tuple -> (naxes, axes); None gives naxes -1. */
static int parse_axes(PyObject *o, int *naxes, int *axes) {
  if (is_none(o)) {
    *naxes = -1;
    return 0;
  }
  if (PyTuple_Check(o) || PyList_Check(o)) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    if (n > NUMC_MAXDIMS) {
      PyErr_SetString(PyExc_ValueError, "too many axes");
      return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++)
      if (parse_int(PySequence_Fast_GET_ITEM(o, i), &axes[i], "axis") < 0)
        return -1;
    *naxes = (int)n;
    return 0;
  }
  if (parse_int(o, &axes[0], "axis") < 0) return -1;
  *naxes = 1;
  return 0;
}

/* Single axis or None (NUMC_AXIS_NONE). */
static int parse_axis1(PyObject *o, int *axis) {
  if (is_none(o)) {
    *axis = NUMC_AXIS_NONE;
    return 0;
  }
  return parse_int(o, axis, "axis");
}

int pynumc_shape_from_obj(PyObject *o, int *ndim, int64_t *shape) {
  if (PyIndex_Check(o) && !PyBool_Check(o)) {
    Py_ssize_t v = PyNumber_AsSsize_t(o, PyExc_OverflowError);
    if (v == -1 && PyErr_Occurred()) return -1;
    *ndim = 1;
    shape[0] = v;
    return 0;
  }
  PyObject *seq = PySequence_Fast(o, "shape must be an integer or a sequence "
                                     "of integers");
  if (seq == NULL) return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  if (n > NUMC_MAXDIMS) {
    Py_DECREF(seq);
    PyErr_Format(PyExc_ValueError, "maximum supported dimension for an "
                 "ndarray is %d, found %zd", NUMC_MAXDIMS, n);
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *it = PySequence_Fast_GET_ITEM(seq, i);
    if (PyBool_Check(it) || !PyIndex_Check(it)) {
      PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted "
                   "as an integer", Py_TYPE(it)->tp_name);
      Py_DECREF(seq);
      return -1;
    }
    Py_ssize_t v = PyNumber_AsSsize_t(it, PyExc_OverflowError);
    if (v == -1 && PyErr_Occurred()) {
      Py_DECREF(seq);
      return -1;
    }
    shape[i] = v;
  }
  Py_DECREF(seq);
  *ndim = (int)n;
  return 0;
}

PyObject *pynumc_tuple_i64(int n, const int64_t *v) {
  PyObject *t = PyTuple_New(n);
  if (t == NULL) return NULL;
  for (int i = 0; i < n; i++) {
    PyObject *x = PyLong_FromLongLong(v[i]);
    if (x == NULL) {
      Py_DECREF(t);
      return NULL;
    }
    PyTuple_SET_ITEM(t, i, x);
  }
  return t;
}

/* Runs a libnumc call with the GIL released when an input is heavy. */
#define CALL(heavy, rc, expr) PYNUMC_NOGIL_IF(heavy, rc = (expr))

/* ---- elementwise ---------------------------------------------------------------------- */

/* The elementwise functions are numc.ufunc objects (ufunc.c). */
#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)

/* ---- reductions and scans ---------------------------------------------------------------- */

typedef struct {
  const char *fname;   /* namespace function */
  const char *mname;   /* method */
  int op;              /* numc_reduce_op or PYNUMC_RED_CUMSUM/CUMPROD */
  pynumc_argspec fspec, mspec;
} red_entry;

/* Functions take NumPy's positional order (x, axis, dtype, out, ...), a
 * superset of the Array API's keyword-only options; methods the same
 * without x. */
static const char *const N_SUM_F[] = {"x", "axis", "dtype", "out", "keepdims",
                                      NULL};
static const char *const N_SUM_M[] = {"axis", "dtype", "out", "keepdims", NULL};
static const char *const N_MIN_F[] = {"x", "axis", "out", "keepdims", NULL};
static const char *const N_MIN_M[] = {"axis", "out", "keepdims", NULL};
static const char *const N_VAR_F[] = {"x", "axis", "dtype", "out", "ddof",
                                      "keepdims", "correction", NULL};
static const char *const N_VAR_M[] = {"axis", "dtype", "out", "ddof",
                                      "keepdims", "correction", NULL};
static const char *const N_CUM_F[] = {"x", "axis", "dtype", "include_initial",
                                      NULL};
static const char *const N_CUM_M[] = {"axis", "dtype", "out", NULL};

#define SPEC_F(fn, names) {fn, names, 1, 1, 1}
#define SPEC_FP(fn, names, maxpos) {fn, names, 1, maxpos, 1}
#define SPEC_M(fn, names, maxpos) {fn, names, 0, maxpos, 0}

static const red_entry red_table[PYNUMC_RED__COUNT] = {
    [NUMC_REDUCE_SUM] = {"sum", "sum", NUMC_REDUCE_SUM, SPEC_FP("sum", N_SUM_F, 5),
                         SPEC_M("sum", N_SUM_M, 4)},
    [NUMC_REDUCE_PROD] = {"prod", "prod", NUMC_REDUCE_PROD,
                          SPEC_FP("prod", N_SUM_F, 5), SPEC_M("prod", N_SUM_M, 4)},
    [NUMC_REDUCE_MIN] = {"min", "min", NUMC_REDUCE_MIN, SPEC_FP("min", N_MIN_F, 4),
                         SPEC_M("min", N_MIN_M, 3)},
    [NUMC_REDUCE_MAX] = {"max", "max", NUMC_REDUCE_MAX, SPEC_FP("max", N_MIN_F, 4),
                         SPEC_M("max", N_MIN_M, 3)},
    [NUMC_REDUCE_MEAN] = {"mean", "mean", NUMC_REDUCE_MEAN,
                          SPEC_FP("mean", N_SUM_F, 5), SPEC_M("mean", N_SUM_M, 4)},
    [NUMC_REDUCE_VAR] = {"var", "var", NUMC_REDUCE_VAR, SPEC_FP("var", N_VAR_F, 6),
                         SPEC_M("var", N_VAR_M, 5)},
    [NUMC_REDUCE_STD] = {"std", "std", NUMC_REDUCE_STD, SPEC_FP("std", N_VAR_F, 6),
                         SPEC_M("std", N_VAR_M, 5)},
    [NUMC_REDUCE_ALL] = {"all", "all", NUMC_REDUCE_ALL, SPEC_FP("all", N_MIN_F, 4),
                         SPEC_M("all", N_MIN_M, 3)},
    [NUMC_REDUCE_ANY] = {"any", "any", NUMC_REDUCE_ANY, SPEC_FP("any", N_MIN_F, 4),
                         SPEC_M("any", N_MIN_M, 3)},
    [NUMC_REDUCE_COUNT_NONZERO] = {"count_nonzero", NULL,
                                   NUMC_REDUCE_COUNT_NONZERO,
                                   SPEC_F("count_nonzero", N_MIN_F),
                                   SPEC_M("count_nonzero", N_MIN_M, 3)},
    [NUMC_REDUCE_ARGMIN] = {"argmin", "argmin", NUMC_REDUCE_ARGMIN,
                            SPEC_FP("argmin", N_MIN_F, 3),
                            SPEC_M("argmin", N_MIN_M, 2)},
    [NUMC_REDUCE_ARGMAX] = {"argmax", "argmax", NUMC_REDUCE_ARGMAX,
                            SPEC_FP("argmax", N_MIN_F, 3),
                            SPEC_M("argmax", N_MIN_M, 2)},
    [PYNUMC_RED_CUMSUM] = {"cumulative_sum", "cumsum", PYNUMC_RED_CUMSUM,
                           SPEC_F("cumulative_sum", N_CUM_F),
                           SPEC_M("cumsum", N_CUM_M, 3)},
    [PYNUMC_RED_CUMPROD] = {"cumulative_prod", "cumprod", PYNUMC_RED_CUMPROD,
                            SPEC_F("cumulative_prod", N_CUM_F),
                            SPEC_M("cumprod", N_CUM_M, 3)},
};

/* Writes `res` into out= (NumPy's out for reductions) and returns out. */
static PyObject *to_out(numc_array *res, PyObject *out) {
  if (!PyNumcArray_Check(out)) {
    numc_release(res);
    PyErr_SetString(PyExc_TypeError, "out must be a numc array");
    return NULL;
  }
  int rc;
  CALL(pynumc_heavy(res), rc,
       numc_assign(PYNUMC_ARR(out), res, NUMC_CASTING_SAME_KIND));
  numc_release(res);
  if (rc < 0) return pynumc_err(rc);
  return Py_NewRef(out);
}

/* One implementation behind numc.sum(x, ...) and x.sum(...). */
static PyObject *reduce_impl(int which, PyObject *xobj, int method,
                             PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames) {
  const red_entry *e = &red_table[which];
  const pynumc_argspec *sp = method ? &e->mspec : &e->fspec;
  PyObject *a[8];
  if (pynumc_parse(sp, args, nargs, kwnames, a) < 0) return NULL;
  if (!method) xobj = a[0];
  numc_dtype dt = NUMC_DTYPE_DEFAULT;
  int keepdims = 0, rc;
  if (pynumc_dtype_from_obj(arg(sp, a, "dtype"), &dt) < 0) return NULL;
  if (pynumc_bool_arg(arg(sp, a, "keepdims"), 0, &keepdims) < 0) return NULL;
  PyObject *outobj = arg(sp, a, "out");
  numc_array *x, *res = NULL;
  int kind, owned;
  int r = pynumc_operand_b(xobj, &x, &kind, &owned);
  if (r != 0) return r < 0 ? NULL : unsupported(xobj, e->fname);
  int heavy = pynumc_heavy_obj(xobj, x);
  if (which == PYNUMC_RED_CUMSUM || which == PYNUMC_RED_CUMPROD) {
    int axis, incl = 0;
    if (parse_axis1(arg(sp, a, "axis"), &axis) < 0 ||
        pynumc_bool_arg(arg(sp, a, "include_initial"), 0, &incl) < 0)
      goto fail;
    if (!method && axis == NUMC_AXIS_NONE && numc_array_ndim(x) > 1) {
      PyErr_SetString(PyExc_ValueError,
                      "axis must be specified for arrays with more than one "
                      "dimension");
      goto fail;
    }
    if (which == PYNUMC_RED_CUMSUM)
      CALL(heavy, rc, numc_cumulative_sum(&res, x, axis, dt, incl));
    else
      CALL(heavy, rc, numc_cumulative_prod(&res, x, axis, dt, incl));
  } else if (which == NUMC_REDUCE_ARGMIN || which == NUMC_REDUCE_ARGMAX) {
    int axis;
    if (parse_axis1(arg(sp, a, "axis"), &axis) < 0) goto fail;
    int naxes = axis == NUMC_AXIS_NONE ? -1 : 1;
    CALL(heavy, rc,
         numc_reduce(&res, (numc_reduce_op)which, x, naxes, &axis, keepdims,
                     NUMC_DTYPE_DEFAULT, 0.0));
  } else {
    int naxes, axes[NUMC_MAXDIMS];
    double corr = 0.0;
    if (parse_axes(arg(sp, a, "axis"), &naxes, axes) < 0) goto fail;
    PyObject *c = arg(sp, a, "correction"), *dd = arg(sp, a, "ddof");
    if (!is_none(c) && !is_none(dd)) {
      PyErr_SetString(PyExc_ValueError,
                      "ddof and correction can't be provided simultaneously.");
      goto fail;
    }
    if (is_none(c)) c = dd;
    if (!is_none(c)) {
      corr = PyFloat_AsDouble(c);
      if (corr == -1.0 && PyErr_Occurred()) goto fail;
    }
    CALL(heavy, rc,
         numc_reduce(&res, (numc_reduce_op)which, x, naxes, axes, keepdims,
                     dt, corr));
  }
  pynumc_opnd_done(x, owned);
  if (rc < 0) return pynumc_err(rc);
  if (!is_none(outobj)) return to_out(res, outobj);
  /* x.sum() and the other methods give NumPy's scalar when the result is
   * 0-d (NumPy code formats, hashes and isinstance-checks them); the
   * functions numc.sum(x), ... keep the Array API's lazy 0-d array */
  return pynumc_wrap_result(res, method && numc_array_ndim(res) == 0);
fail:
  pynumc_opnd_done(x, owned);
  return NULL;
}

PyObject *pynumc_reduce_method(PyObject *self, PyObject *const *args,
                               Py_ssize_t nargs, PyObject *kwnames, int which) {
  return reduce_impl(which, self, 1, args, nargs, kwnames);
}

#define RED_FN(cname, which)                                                   \
  static PyObject *fn_r_##cname(PyObject *m, PyObject *const *args,            \
                                Py_ssize_t n, PyObject *kw) {                  \
    (void)m;                                                                   \
    return reduce_impl(which, NULL, 0, args, n, kw);                           \
  }
RED_FN(sum, NUMC_REDUCE_SUM)
RED_FN(prod, NUMC_REDUCE_PROD)
RED_FN(min, NUMC_REDUCE_MIN)
RED_FN(max, NUMC_REDUCE_MAX)
RED_FN(mean, NUMC_REDUCE_MEAN)
RED_FN(var, NUMC_REDUCE_VAR)
RED_FN(std, NUMC_REDUCE_STD)
RED_FN(all, NUMC_REDUCE_ALL)
RED_FN(any, NUMC_REDUCE_ANY)
RED_FN(count_nonzero, NUMC_REDUCE_COUNT_NONZERO)
RED_FN(argmin, NUMC_REDUCE_ARGMIN)
RED_FN(argmax, NUMC_REDUCE_ARGMAX)
RED_FN(cumulative_sum, PYNUMC_RED_CUMSUM)
RED_FN(cumulative_prod, PYNUMC_RED_CUMPROD)

/* ---- creation ------------------------------------------------------------------------------- */

static int dtype_and_device(PyObject *dt_obj, PyObject *dev, numc_dtype *dt) {
  if (pynumc_dtype_from_obj(dt_obj, dt) < 0) return -1;
  return pynumc_check_device(dev);
}

/* Fill-value conversion with NumPy's TypeError for complex into real. */
static int fill_scalar(PyObject *o, numc_scalar *s, numc_dtype dt) {
  int r = pynumc_any_scalar(o, s);
  if (r < 0) return -1;
  if (r == 0) {
    PyErr_Format(PyExc_TypeError, "fill_value must be a scalar, not %.200s",
                 Py_TYPE(o)->tp_name);
    return -1;
  }
  return pynumc_no_complex_to_real(s, dt);
}

typedef enum { CR_EMPTY, CR_ZEROS, CR_ONES, CR_FULL } creator;

static PyObject *create(creator kind, const char *fname, PyObject *const *args,
                        Py_ssize_t n, PyObject *kw) {
  static const char *const N[] = {"shape", "dtype", "order", "device", NULL};
  static const char *const NF[] = {"shape", "fill_value", "dtype", "order",
                                   "device", NULL};
  pynumc_argspec sp = {fname, kind == CR_FULL ? NF : N, 0,
                       kind == CR_FULL ? 4 : 3, kind == CR_FULL ? 2 : 1};
  PyObject *a[5];
  numc_order order;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_order_arg(arg(&sp, a, "order"), NUMC_ORDER_C, &order) < 0)
    return NULL;
  numc_dtype dt;
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
  if (dtype_and_device(arg(&sp, a, "dtype"), arg(&sp, a, "device"), &dt) < 0)
    return NULL;
  if (pynumc_shape_from_obj(a[0], &ndim, shape) < 0) return NULL;
  numc_array *out;
  int rc;
  numc_dtype d = dt == NUMC_DTYPE_DEFAULT ? NUMC_DEFAULT_FLOAT : dt;
  switch (kind) {
  case CR_EMPTY:
    rc = numc_empty(&out, d, ndim, shape);
    break;
  case CR_ZEROS:
    rc = numc_zeros(&out, d, ndim, shape);
    break;
  case CR_ONES:
    rc = numc_ones(&out, d, ndim, shape);
    break;
  default: {
    numc_scalar s;
    if (fill_scalar(a[1], &s, dt) < 0) return NULL;
    rc = numc_full(&out, dt, ndim, shape, &s);
  }
  }
  if (rc < 0) return pynumc_err(rc);
  if (pynumc_to_order(&out, order) < 0) {
    numc_release(out);
    return NULL;
  }
  return pynumc_wrap(out, NULL);
}

static PyObject *create_like(creator kind, const char *fname,
                             PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  static const char *const N[] = {"x", "dtype", "order", "device", NULL};
  static const char *const NF[] = {"x", "fill_value", "dtype", "order",
                                   "device", NULL};
  pynumc_argspec sp = {fname, kind == CR_FULL ? NF : N, 1,
                       kind == CR_FULL ? 2 : 1, kind == CR_FULL ? 2 : 1};
  PyObject *a[5];
  numc_order order;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_order_arg(arg(&sp, a, "order"), NUMC_ORDER_K, &order) < 0)
    return NULL;
  numc_dtype dt;
  if (dtype_and_device(arg(&sp, a, "dtype"), arg(&sp, a, "device"), &dt) < 0)
    return NULL;
  numc_array *x = array_arg(a[0], fname), *out;
  if (x == NULL) return NULL;
  int rc;
  switch (kind) {
  case CR_EMPTY:
    rc = numc_empty_like(&out, x, dt);
    break;
  case CR_ZEROS:
    rc = numc_zeros_like(&out, x, dt);
    break;
  case CR_ONES:
    rc = numc_ones_like(&out, x, dt);
    break;
  default: {
    numc_scalar s;
    if (fill_scalar(a[1], &s,
                    dt == NUMC_DTYPE_DEFAULT ? numc_array_dtype(x) : dt) < 0) {
      numc_release(x);
      return NULL;
    }
    rc = numc_full_like(&out, x, dt, &s);
  }
  }
  order = pynumc_order_of(x, order);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  if (pynumc_to_order(&out, order) < 0) {
    numc_release(out);
    return NULL;
  }
  return pynumc_wrap(out, NULL);
}

/* numc.zeros(...) -> create(CR_ZEROS, "zeros", ...), and the *_like. */
#define CREATOR(name, impl, kind)                                              \
  static PyObject *fn_##name(PyObject *m, PyObject *const *a, Py_ssize_t n,    \
                             PyObject *kw) {                                   \
    (void)m;                                                                   \
    return impl(kind, #name, a, n, kw);                                        \
  }
CREATOR(empty, create, CR_EMPTY)
CREATOR(zeros, create, CR_ZEROS)
CREATOR(ones, create, CR_ONES)
CREATOR(full, create, CR_FULL)
CREATOR(empty_like, create_like, CR_EMPTY)
CREATOR(zeros_like, create_like, CR_ZEROS)
CREATOR(ones_like, create_like, CR_ONES)
CREATOR(full_like, create_like, CR_FULL)
#undef CREATOR

static int scalar_arg(PyObject *o, numc_scalar *s, const char *what) {
  int r = pynumc_any_scalar(o, s);
  if (r < 0) return -1;
  if (r == 0) {
    PyErr_Format(PyExc_TypeError, "%s must be a real or complex scalar, not "
                 "%.200s", what, Py_TYPE(o)->tp_name);
    return -1;
  }
  return 0;
}

static PyObject *fn_arange(PyObject *m, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  (void)m;
  static const char *const N[] = {"start", "stop", "step", "dtype", "device",
                                  NULL};
  static const pynumc_argspec sp = {"arange", N, 1, 4, 1};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  numc_dtype dt;
  if (dtype_and_device(a[3], a[4], &dt) < 0) return NULL;
  numc_scalar start, stop, step;
  if (is_none(a[1])) {
    start = numc_weak_int(0);
    if (scalar_arg(a[0], &stop, "stop") < 0) return NULL;
  } else {
    if (scalar_arg(a[0], &start, "start") < 0 ||
        scalar_arg(a[1], &stop, "stop") < 0)
      return NULL;
  }
  if (is_none(a[2]))
    step = numc_weak_int(1);
  else if (scalar_arg(a[2], &step, "step") < 0)
    return NULL;
  if (dt == NUMC_DTYPE_DEFAULT) {
    /* NumPy's arange picks int64/float64/complex128 from the kinds of the
     * bounds, whatever their own precision */
    const numc_scalar *v[3] = {&start, &stop, &step};
    dt = NUMC_INT64;
    for (int i = 0; i < 3; i++) {
      char k = numc_dtype_kind(v[i]->dtype);
      if (k == 'c') dt = NUMC_COMPLEX128;
      else if ((k == 'f' || (v[i]->dtype == NUMC_UINT64 && v[i]->weak)) &&
               dt != NUMC_COMPLEX128)
        dt = NUMC_FLOAT64;
    }
  }
  numc_array *out;
  int rc = numc_arange(&out, dt, &start, &stop, &step);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *fn_linspace(PyObject *m, PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  (void)m;
  static const char *const N[] = {"start", "stop", "num", "dtype", "device",
                                  "endpoint", NULL};
  static const pynumc_argspec sp = {"linspace", N, 2, 3, 2};
  PyObject *a[6];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  numc_dtype dt;
  numc_scalar lo, hi;
  int endpoint;
  long long num = 50;
  if (dtype_and_device(a[3], a[4], &dt) < 0) return NULL;
  if (scalar_arg(a[0], &lo, "start") < 0 || scalar_arg(a[1], &hi, "stop") < 0)
    return NULL;
  if (!is_none(a[2])) {
    if (PyBool_Check(a[2]) || !PyIndex_Check(a[2])) {
      PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as "
                   "an integer", Py_TYPE(a[2])->tp_name);
      return NULL;
    }
    num = PyLong_AsLongLong(a[2]);
    if (num == -1 && PyErr_Occurred()) return NULL;
  }
  if (pynumc_bool_arg(a[5], 1, &endpoint) < 0) return NULL;
  numc_array *out;
  int rc = numc_linspace(&out, dt, &lo, &hi, num, endpoint);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *fn_eye(PyObject *m, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw) {
  (void)m;
  static const char *const N[] = {"n_rows", "n_cols", "k", "dtype", "device",
                                  NULL};
  static const pynumc_argspec sp = {"eye", N, 2, 3, 1};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  numc_dtype dt;
  if (dtype_and_device(a[3], a[4], &dt) < 0) return NULL;
  long long rows = PyLong_AsLongLong(a[0]), cols = -1, k = 0;
  if (rows == -1 && PyErr_Occurred()) return NULL;
  if (!is_none(a[1])) {
    cols = PyLong_AsLongLong(a[1]);
    if (cols == -1 && PyErr_Occurred()) return NULL;
    if (cols < 0) {
      PyErr_SetString(PyExc_ValueError, "negative dimensions are not allowed");
      return NULL;
    }
  }
  if (!is_none(a[2])) {
    /* beyond int64 the diagonal is outside any matrix: saturate */
    int overflow;
    k = PyLong_AsLongLongAndOverflow(a[2], &overflow);
    if (k == -1 && PyErr_Occurred()) return NULL;
    if (overflow) k = overflow > 0 ? INT64_MAX : INT64_MIN;
  }
  numc_array *out;
  int rc = numc_eye(&out, dt == NUMC_DTYPE_DEFAULT ? NUMC_DEFAULT_FLOAT : dt,
                    rows, cols, k);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *asarray_common(const char *fname, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw,
                                numc_copy_mode dflt) {
  static const char *const N[] = {"obj", "dtype", "order", "device", "copy",
                                  NULL};
  pynumc_argspec sp = {fname, N, 1, 3, 1};
  PyObject *a[5];
  numc_order order;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      pynumc_order_arg(a[2], NUMC_ORDER_K, &order) < 0)
    return NULL;
  numc_dtype dt;
  numc_copy_mode copy = dflt;
  if (dtype_and_device(a[1], a[3], &dt) < 0) return NULL;
  if (a[4] != NULL && pynumc_copy_from_obj(a[4], &copy) < 0) return NULL;
  /* 'K'/'A' keep an F-ordered ndarray F-ordered (also when copying) */
  if (PyNumcArray_Check(a[0])) order = pynumc_order_of(PYNUMC_ARR(a[0]), order);
  PyObject *r = pynumc_asarray(a[0], dt, copy);
  if (r == NULL || order == NUMC_ORDER_A || order == NUMC_ORDER_K ||
      !PyNumcArray_Check(r))
    return r;
  return pynumc_relayout(r, order, copy != NUMC_COPY_NEVER);
}

static PyObject *fn_asarray(PyObject *m, PyObject *const *a, Py_ssize_t n,
                            PyObject *kw) {
  (void)m;
  return asarray_common("asarray", a, n, kw, NUMC_COPY_IF_NEEDED);
}
static PyObject *fn_array(PyObject *m, PyObject *const *a, Py_ssize_t n,
                          PyObject *kw) {
  (void)m;
  return asarray_common("array", a, n, kw, NUMC_COPY_ALWAYS);
}

/* ---- astype / where / clip / round -------------------------------------------------------- */

static PyObject *astype_impl(PyObject *xobj, PyObject *dtobj, PyObject *copyobj,
                             PyObject *device, PyObject *casting) {
  numc_dtype dt;
  int copy = 1;
  numc_casting cast = NUMC_CASTING_UNSAFE;
  if (pynumc_dtype_from_obj(dtobj, &dt) < 0) return NULL;
  if (dt == NUMC_DTYPE_DEFAULT) dt = NUMC_DEFAULT_FLOAT;
  if (pynumc_check_device(device) < 0) return NULL;
  if (pynumc_bool_arg(copyobj, 1, &copy) < 0) return NULL;
  if (!is_none(casting)) {
    static const char *const rules[] = {"no", "equiv", "safe", "same_kind",
                                        "unsafe"};
    const char *s = PyUnicode_Check(casting) ? PyUnicode_AsUTF8(casting) : NULL;
    int found = -1;
    for (int i = 0; s && i < 5; i++)
      if (strcmp(s, rules[i]) == 0) found = i;
    if (found < 0) {
      PyErr_SetString(PyExc_ValueError,
                      "casting must be one of 'no', 'equiv', 'safe', "
                      "'same_kind', or 'unsafe'");
      return NULL;
    }
    cast = (numc_casting)found;
  }
  numc_array *x = array_arg(xobj, "astype"), *out;
  if (x == NULL) return NULL;
  if (!copy && numc_array_dtype(x) == dt && PyNumcArray_Check(xobj)) {
    numc_release(x);
    return Py_NewRef(xobj);
  }
  int rc;
  CALL(pynumc_heavy(x), rc,
       numc_astype(&out, x, dt, cast,
                   copy ? NUMC_COPY_ALWAYS : NUMC_COPY_IF_NEEDED));
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *fn_astype(PyObject *m, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "dtype", "copy", "device", "casting",
                                  NULL};
  static const pynumc_argspec sp = {"astype", N, 2, 2, 2};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return astype_impl(a[0], a[1], a[2], a[3], a[4]);
}

PyObject *pynumc_m_astype(PyObject *self, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw) {
  static const char *const N[] = {"dtype", "order", "casting", "subok", "copy",
                                  "device", NULL};
  static const pynumc_argspec sp = {"astype", N, 0, 5, 1};
  PyObject *a[6];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  numc_order order;
  if (pynumc_order_arg(a[1], NUMC_ORDER_K, &order) < 0) return NULL;
  order = pynumc_order_of(PYNUMC_ARR(self), order);
  PyObject *r = astype_impl(self, a[0], a[4], a[5], a[2]);
  if (r == NULL || !PyNumcArray_Check(r) || r == self) return r;
  return pynumc_relayout(r, order, 1);
}

/* where(condition, x1, x2): elementwise choice; where(condition) alone is
 * NumPy's asarray(condition).nonzero() (numc.nonzero of the module). */
static PyObject *fn_where(PyObject *m, PyObject *const *args, Py_ssize_t n) {
  if (n == 1) return PyObject_CallMethod(m, "nonzero", "O", args[0]);
  if (n != 3) {
    PyErr_SetString(n == 2 ? PyExc_ValueError : PyExc_TypeError,
                    n == 2 ? "either both or neither of x and y should be given"
                           : "where() takes 1 or 3 arguments (condition[, x1, x2])");
    return NULL;
  }
  numc_array *in[3] = {NULL, NULL, NULL}, *out;
  int kind, rc, heavy = 0;
  for (int i = 0; i < 3; i++) {
    if (operand(args[i], &in[i], &kind, "where") < 0) {
      for (int j = 0; j < i; j++) numc_release(in[j]);
      return NULL;
    }
    heavy |= pynumc_heavy(in[i]);
  }
  CALL(heavy, rc, numc_where(&out, in[0], in[1], in[2]));
  for (int i = 0; i < 3; i++) numc_release(in[i]);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *clip_impl(PyObject *xobj, PyObject *lo_obj, PyObject *hi_obj) {
  numc_array *x, *lo = NULL, *hi = NULL, *out;
  int kx, kind, rc, all_scalar;
  if (operand(xobj, &x, &kx, "clip") < 0) return NULL;
  all_scalar = kx != PYNUMC_OPND_ARRAY;
  if (!is_none(lo_obj)) {
    if (operand(lo_obj, &lo, &kind, "clip") < 0) goto fail;
    all_scalar &= kind != PYNUMC_OPND_ARRAY;
  }
  if (!is_none(hi_obj)) {
    if (operand(hi_obj, &hi, &kind, "clip") < 0) goto fail;
    all_scalar &= kind != PYNUMC_OPND_ARRAY;
  }
  CALL(pynumc_heavy(x), rc, numc_clip(&out, x, lo, hi));
  numc_release(x);
  numc_release(lo);
  numc_release(hi);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap_result(out, all_scalar);
fail:
  numc_release(x);
  numc_release(lo);
  return NULL;
}

static PyObject *fn_clip(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "min", "max", NULL};
  static const pynumc_argspec sp = {"clip", N, 1, 3, 1};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return clip_impl(a[0], a[1], a[2]);
}

PyObject *pynumc_m_clip(PyObject *self, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw) {
  static const char *const N[] = {"min", "max", NULL};
  static const pynumc_argspec sp = {"clip", N, 0, 2, 0};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return clip_impl(self, a[0], a[1]);
}

/* round(x, decimals) of a real float array: NumPy's algorithm,
 * rint(x * 10**d) / 10**d (the factor a weak Python float), or
 * rint(x / 10**-d) * 10**-d. */
static int round_real(numc_array **out, const numc_array *x, long dec) {
  numc_scalar fs = numc_weak_float(pow(10.0, (double)(dec >= 0 ? dec : -dec)));
  numc_array *f = pynumc_weak_array(&fs), *t1 = NULL, *t2 = NULL;
  if (f == NULL) return NUMC_ENOMEM;
  numc_op op1 = dec >= 0 ? NUMC_OP_MULTIPLY : NUMC_OP_DIVIDE;
  numc_op op2 = dec >= 0 ? NUMC_OP_DIVIDE : NUMC_OP_MULTIPLY;
  int rc = numc_binary(&t1, op1, x, f);
  if (rc >= 0) rc = numc_unary(&t2, NUMC_OP_ROUND, t1);
  if (rc >= 0) rc = numc_binary(out, op2, t2, f);
  numc_release(t1);
  numc_release(t2);
  numc_release(f);
  return rc;
}

/* Complex arrays round their real and imaginary parts separately (as
 * NumPy), into a new array. */
static int round_complex(numc_array **out, const numc_array *x, long dec) {
  numc_array *part = NULL, *r = NULL, *o = NULL, *ov = NULL;
  int rc = numc_empty_like(&o, x, NUMC_DTYPE_DEFAULT);
  for (int imag = 0; imag < 2 && rc >= 0; imag++) {
    rc = imag ? numc_imag_view(&part, x) : numc_real_view(&part, x);
    if (rc >= 0) rc = round_real(&r, part, dec);
    if (rc >= 0) rc = imag ? numc_imag_view(&ov, o) : numc_real_view(&ov, o);
    if (rc >= 0) rc = numc_assign(ov, r, NUMC_CASTING_UNSAFE);
    numc_release(part);
    numc_release(r);
    numc_release(ov);
    part = r = ov = NULL;
  }
  if (rc < 0) {
    numc_release(o);
    return rc;
  }
  *out = o;
  return rc;
}

static PyObject *round_impl(PyObject *xobj, PyObject *dec_obj) {
  long dec = 0;
  if (!is_none(dec_obj)) {
    dec = PyLong_AsLong(dec_obj);
    if (dec == -1 && PyErr_Occurred()) return NULL;
  }
  numc_array *x, *out = NULL;
  int kind, rc;
  if (operand(xobj, &x, &kind, "round") < 0) return NULL;
  int heavy = pynumc_heavy(x);
  char k = numc_dtype_kind(numc_array_dtype(x));
  if (dec == 0 || ((k == 'i' || k == 'u' || k == 'b') && dec > 0)) {
    CALL(heavy, rc, numc_unary(&out, NUMC_OP_ROUND, x));
  } else if (k == 'f') {
    CALL(heavy, rc, round_real(&out, x, dec));
  } else if (k == 'c') {
    CALL(heavy, rc, round_complex(&out, x, dec));
  } else {
    numc_release(x);
    PyErr_SetString(PyExc_NotImplementedError,
                    "round with negative decimals is not implemented for "
                    "integer arrays");
    return NULL;
  }
  numc_release(x);
  if (rc < 0) return PyErr_Occurred() ? NULL : pynumc_err(rc);
  return pynumc_wrap_result(out, kind != PYNUMC_OPND_ARRAY);
}

static PyObject *fn_round_dec(PyObject *m, PyObject *const *args, Py_ssize_t n,
                              PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "decimals", NULL};
  static const pynumc_argspec sp = {"round", N, 1, 2, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return round_impl(a[0], a[1]);
}

PyObject *pynumc_m_round(PyObject *self, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  static const char *const N[] = {"decimals", "out", NULL};
  static const pynumc_argspec sp = {"round", N, 0, 2, 0};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  if (!is_none(a[1])) {
    PyErr_SetString(PyExc_NotImplementedError, "round: out= is not supported");
    return NULL;
  }
  return round_impl(self, a[0]);
}

/* ---- manipulation --------------------------------------------------------------------------- */

static PyObject *reshape_impl(PyObject *xobj, PyObject *shape_obj,
                              PyObject *copy_obj, PyObject *order_obj) {
  int ndim, rc;
  int64_t shape[NUMC_MAXDIMS];
  numc_copy_mode copy = NUMC_COPY_IF_NEEDED;
  if (pynumc_shape_from_obj(shape_obj, &ndim, shape) < 0) return NULL;
  if (copy_obj && pynumc_copy_from_obj(copy_obj, &copy) < 0) return NULL;
  numc_order order;
  if (pynumc_order_arg(order_obj, NUMC_ORDER_C, &order) < 0) return NULL;
  numc_array *x = array_arg(xobj, "reshape"), *out;
  if (x == NULL) return NULL;
  if (order != NUMC_ORDER_C) {
    rc = pynumc_reshape_ordered(&out, x, ndim, shape, order, copy);
    int view = rc == 0 && numc_same_buffer(out, x);
    numc_release(x);
    if (rc < 0) return NULL;
    return view ? wrap_view(out, xobj) : pynumc_wrap(out, NULL);
  }
  CALL(pynumc_heavy(x), rc, numc_reshape(&out, x, ndim, shape, copy));
  int view = rc >= 0 && numc_same_buffer(out, x);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return view ? wrap_view(out, xobj) : pynumc_wrap(out, NULL);
}


static PyObject *fn_reshape(PyObject *m, PyObject *const *args, Py_ssize_t n,
                            PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "shape", "order", "copy", NULL};
  static const pynumc_argspec sp = {"reshape", N, 1, 3, 2};
  PyObject *a[4];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return reshape_impl(a[0], a[1], a[3], a[2]);
}

PyObject *pynumc_m_reshape(PyObject *self, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  /* x.reshape(2, 3) or x.reshape((2, 3)); order= and copy= keywords */
  static const char *const N[] = {"order", "copy", NULL};
  static const pynumc_argspec sp = {"reshape", N, 0, 0, 0};
  PyObject *a[2];
  if (pynumc_parse(&sp, args + n, 0, kw, a) < 0) return NULL;
  if (n == 0) {
    PyErr_SetString(PyExc_TypeError, "reshape() missing the shape argument");
    return NULL;
  }
  if (n == 1) return reshape_impl(self, args[0], a[1], a[0]);
  PyObject *t = PyTuple_New(n);
  if (t == NULL) return NULL;
  for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, Py_NewRef(args[i]));
  PyObject *r = reshape_impl(self, t, a[1], a[0]);
  Py_DECREF(t);
  return r;
}


static PyObject *permute_impl(PyObject *xobj, PyObject *axes_obj) {
  int axes[NUMC_MAXDIMS], naxes = -1, rc;
  numc_array *x = array_arg(xobj, "permute_dims"), *out;
  if (x == NULL) return NULL;
  if (!is_none(axes_obj)) {
    if (parse_axes(axes_obj, &naxes, axes) < 0) goto fail;
    if (naxes != numc_array_ndim(x)) {
      PyErr_SetString(PyExc_ValueError, "axes don't match array");
      goto fail;
    }
  }
  rc = numc_permute_dims(&out, x, naxes < 0 ? NULL : axes);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return wrap_view(out, xobj);
fail:
  numc_release(x);
  return NULL;
}

static PyObject *fn_permute_dims(PyObject *m, PyObject *const *args,
                                 Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "axes", NULL};
  static const pynumc_argspec sp = {"permute_dims", N, 1, 2, 2};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return permute_impl(a[0], a[1]);
}

static PyObject *fn_transpose(PyObject *m, PyObject *const *args, Py_ssize_t n,
                              PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "axes", NULL};
  static const pynumc_argspec sp = {"transpose", N, 1, 2, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return permute_impl(a[0], a[1]);
}

PyObject *pynumc_m_transpose(PyObject *self, PyObject *const *args,
                             Py_ssize_t n) {
  if (n == 0) return permute_impl(self, NULL);
  if (n == 1) return permute_impl(self, args[0]);
  PyObject *t = PyTuple_New(n);
  if (t == NULL) return NULL;
  for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, Py_NewRef(args[i]));
  PyObject *r = permute_impl(self, t);
  Py_DECREF(t);
  return r;
}

static PyObject *fn_matrix_transpose(PyObject *m, PyObject *const *args,
                                     Py_ssize_t n) {
  (void)m;
  if (n != 1) {
    PyErr_SetString(PyExc_TypeError, "matrix_transpose() takes one argument");
    return NULL;
  }
  numc_array *x = array_arg(args[0], "matrix_transpose"), *out;
  if (x == NULL) return NULL;
  int rc = numc_matrix_transpose(&out, x);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return wrap_view(out, args[0]);
}

static PyObject *swapaxes_impl(PyObject *xobj, PyObject *a1, PyObject *a2) {
  int i1, i2;
  if (parse_int(a1, &i1, "axis1") < 0 || parse_int(a2, &i2, "axis2") < 0)
    return NULL;
  numc_array *x = array_arg(xobj, "swapaxes"), *out;
  if (x == NULL) return NULL;
  int rc = numc_swapaxes(&out, x, i1, i2);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return wrap_view(out, xobj);
}

static PyObject *fn_swapaxes(PyObject *m, PyObject *const *args, Py_ssize_t n) {
  (void)m;
  if (n != 3) {
    PyErr_SetString(PyExc_TypeError, "swapaxes(x, axis1, axis2)");
    return NULL;
  }
  return swapaxes_impl(args[0], args[1], args[2]);
}

PyObject *pynumc_m_swapaxes(PyObject *self, PyObject *const *args,
                            Py_ssize_t n) {
  if (n != 2) {
    PyErr_SetString(PyExc_TypeError, "swapaxes(axis1, axis2)");
    return NULL;
  }
  return swapaxes_impl(self, args[0], args[1]);
}

/* expand_dims / squeeze / flip share the (x, axis) shape. */
typedef enum { AX_EXPAND, AX_SQUEEZE, AX_FLIP } axis_view;

static PyObject *axis_view_impl(axis_view kind, PyObject *xobj,
                                PyObject *axis_obj) {
  int axes[NUMC_MAXDIMS], naxes, rc;
  if (kind == AX_EXPAND && axis_obj == NULL) {
    naxes = 1, axes[0] = 0;
  } else if (parse_axes(axis_obj, &naxes, axes) < 0) {
    return NULL;
  }
  const char *fn = kind == AX_EXPAND ? "expand_dims"
                   : kind == AX_SQUEEZE ? "squeeze"
                                        : "flip";
  if (kind == AX_EXPAND && naxes < 0) {
    PyErr_SetString(PyExc_TypeError, "expand_dims: axis must be an int or a "
                    "tuple of ints");
    return NULL;
  }
  numc_array *x = array_arg(xobj, fn), *out;
  if (x == NULL) return NULL;
  if (kind == AX_EXPAND)
    rc = numc_expand_dims(&out, x, naxes, axes);
  else if (kind == AX_SQUEEZE)
    rc = numc_squeeze(&out, x, naxes, axes);
  else
    rc = numc_flip(&out, x, naxes, axes);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return wrap_view(out, xobj);
}

static PyObject *fn_expand_dims(PyObject *m, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "axis", NULL};
  static const pynumc_argspec sp = {"expand_dims", N, 1, 2, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return axis_view_impl(AX_EXPAND, a[0], a[1]);
}

static PyObject *fn_squeeze(PyObject *m, PyObject *const *args, Py_ssize_t n,
                            PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "axis", NULL};
  static const pynumc_argspec sp = {"squeeze", N, 1, 2, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return axis_view_impl(AX_SQUEEZE, a[0], a[1]);
}

PyObject *pynumc_m_squeeze(PyObject *self, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  static const char *const N[] = {"axis", NULL};
  static const pynumc_argspec sp = {"squeeze", N, 0, 1, 0};
  PyObject *a[1];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return axis_view_impl(AX_SQUEEZE, self, a[0]);
}

static PyObject *fn_flip(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "axis", NULL};
  static const pynumc_argspec sp = {"flip", N, 1, 2, 1};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return axis_view_impl(AX_FLIP, a[0], a[1]);
}

static PyObject *fn_broadcast_to(PyObject *m, PyObject *const *args,
                                 Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x", "shape", NULL};
  static const pynumc_argspec sp = {"broadcast_to", N, 1, 2, 2};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
  if (pynumc_shape_from_obj(a[1], &ndim, shape) < 0) return NULL;
  numc_array *x = array_arg(a[0], "broadcast_to"), *out;
  if (x == NULL) return NULL;
  int rc = numc_broadcast_to(&out, x, ndim, shape);
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return wrap_view(out, a[0]);
}

static PyObject *fn_broadcast_arrays(PyObject *m, PyObject *const *args,
                                     Py_ssize_t n) {
  (void)m;
  numc_array **xs = PyMem_Calloc(n ? (size_t)n : 1, sizeof *xs);
  int *ndims = PyMem_Calloc(n ? (size_t)n : 1, sizeof *ndims);
  const int64_t **shapes = PyMem_Calloc(n ? (size_t)n : 1, sizeof *shapes);
  PyObject *list = NULL;
  if (!xs || !ndims || !shapes) {
    PyErr_NoMemory();
    goto done;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    if ((xs[i] = array_arg(args[i], "broadcast_arrays")) == NULL) goto done;
    ndims[i] = numc_array_ndim(xs[i]);
    shapes[i] = numc_array_shape(xs[i]);
  }
  int ond;
  int64_t oshape[NUMC_MAXDIMS];
  int rc = numc_broadcast_shapes(&ond, oshape, (int)n, ndims, shapes);
  if (rc < 0) {
    pynumc_err(rc);
    goto done;
  }
  list = PyTuple_New(n); /* a tuple, as NumPy 2 and the Array API 2025.12 */
  if (list == NULL) goto done;
  for (Py_ssize_t i = 0; i < n; i++) {
    numc_array *out;
    rc = numc_broadcast_to(&out, xs[i], ond, oshape);
    PyObject *o = rc < 0 ? pynumc_err(rc) : wrap_view(out, args[i]);
    if (o == NULL) {
      Py_CLEAR(list);
      goto done;
    }
    PyTuple_SET_ITEM(list, i, o);
  }
done:
  for (Py_ssize_t i = 0; xs && i < n; i++) numc_release(xs[i]);
  PyMem_Free(xs);
  PyMem_Free(ndims);
  PyMem_Free(shapes);
  return list;
}

static PyObject *fn_broadcast_shapes(PyObject *m, PyObject *const *args,
                                     Py_ssize_t n) {
  (void)m;
  int64_t *buf = PyMem_Malloc(sizeof(int64_t) * NUMC_MAXDIMS * (n ? n : 1));
  int *ndims = PyMem_Malloc(sizeof(int) * (n ? n : 1));
  const int64_t **shapes = PyMem_Malloc(sizeof(*shapes) * (n ? n : 1));
  PyObject *r = NULL;
  if (!buf || !ndims || !shapes) {
    PyErr_NoMemory();
    goto done;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    shapes[i] = buf + i * NUMC_MAXDIMS;
    if (pynumc_shape_from_obj(args[i], &ndims[i], buf + i * NUMC_MAXDIMS) < 0)
      goto done;
  }
  int ond;
  int64_t oshape[NUMC_MAXDIMS];
  int rc = numc_broadcast_shapes(&ond, oshape, (int)n, ndims, shapes);
  r = rc < 0 ? pynumc_err(rc) : pynumc_tuple_i64(ond, oshape);
done:
  PyMem_Free(buf);
  PyMem_Free(ndims);
  PyMem_Free(shapes);
  return r;
}

/* ---- dtype queries ----------------------------------------------------------------------------- */

static PyObject *fn_result_type(PyObject *m, PyObject *const *args,
                                Py_ssize_t n) {
  (void)m;
  numc_dtype dts[64] = {0};
  numc_scalar scs[64];
  memset(scs, 0, sizeof scs);
  int nd = 0, ns = 0, nints = 0;
  if (n > 64) {
    PyErr_SetString(PyExc_ValueError, "result_type: too many arguments");
    return NULL;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *o = args[i];
    if (PyNumcArray_Check(o)) {
      dts[nd++] = numc_array_dtype(PYNUMC_ARR(o));
      continue;
    }
    if (PyNumcScalar_Check(o)) {
      dts[nd++] = PYNUMC_DTYPE_CODE(Py_TYPE(o));
      continue;
    }
    if (PyLong_Check(o) && !PyBool_Check(o)) {
      /* NumPy ignores the value of a Python int next to dtypes (NEP 50);
       * alone it gives int64, or uint64 beyond int64's range */
      scs[ns] = numc_weak_int(0);
      if (n == 1 && pynumc_pyscalar(o, &scs[ns]) < 0) return NULL;
      ns++, nints++;
      continue;
    }
    int r = pynumc_pyscalar(o, &scs[ns]);
    if (r < 0) return NULL;
    if (r == 1) {
      ns++;
      continue;
    }
    if (pynumc_dtype_from_obj(o, &dts[nd]) == 0) {
      if (dts[nd] == NUMC_DTYPE_DEFAULT) {
        PyErr_SetString(PyExc_TypeError, "result_type: None is not a dtype");
        return NULL;
      }
      nd++;
      continue;
    }
    /* an array-like: its dtype */
    PyErr_Clear();
    numc_array *x = array_arg(o, "result_type");
    if (x == NULL) return NULL;
    dts[nd++] = numc_array_dtype(x);
    numc_release(x);
  }
  if (n == 1 && nints == 1 && scs[0].dtype == NUMC_UINT64)
    return Py_NewRef(pynumc_dtype_obj(NUMC_UINT64));
  numc_dtype out;
  int rc = numc_result_type(&out, nd, dts, ns, scs);
  if (rc < 0) {
    if (n == 0) {
      PyErr_SetString(PyExc_ValueError,
                      "at least one array or dtype is required");
      return NULL;
    }
    return pynumc_err(rc);
  }
  return Py_NewRef(pynumc_dtype_obj(out));
}

/* A dtype from a dtype-like or an array (as can_cast/finfo/iinfo take). */
static int dtype_or_array(PyObject *o, numc_dtype *out, const char *fn) {
  if (PyNumcArray_Check(o)) {
    *out = numc_array_dtype(PYNUMC_ARR(o));
    return 0;
  }
  if (PyNumcScalar_Check(o)) {
    *out = PYNUMC_DTYPE_CODE(Py_TYPE(o));
    return 0;
  }
  if (PyLong_Check(o) || PyFloat_CheckExact(o) || PyComplex_CheckExact(o)) {
    PyErr_Format(PyExc_TypeError,
                 "%s() does not support Python ints, floats, and complex "
                 "because the result used to depend on the value.", fn);
    return -1;
  }
  if (o == Py_None) {
    PyErr_Format(PyExc_TypeError, "%s(): None is not a dtype", fn);
    return -1;
  }
  return pynumc_dtype_from_obj(o, out);
}

static PyObject *fn_can_cast(PyObject *m, PyObject *const *args, Py_ssize_t n,
                             PyObject *kw) {
  (void)m;
  static const char *const N[] = {"from_", "to", "casting", NULL};
  static const pynumc_argspec sp = {"can_cast", N, 2, 3, 2};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  numc_dtype from, to;
  if (dtype_or_array(a[0], &from, "can_cast") < 0 ||
      dtype_or_array(a[1], &to, "can_cast") < 0)
    return NULL;
  numc_casting c = NUMC_CASTING_SAFE;
  if (!is_none(a[2])) {
    static const char *const rules[] = {"no", "equiv", "safe", "same_kind",
                                        "unsafe"};
    const char *s = PyUnicode_Check(a[2]) ? PyUnicode_AsUTF8(a[2]) : NULL;
    int found = -1;
    for (int i = 0; s && i < 5; i++)
      if (strcmp(s, rules[i]) == 0) found = i;
    if (found < 0) {
      PyErr_SetString(PyExc_ValueError,
                      "casting must be one of 'no', 'equiv', 'safe', "
                      "'same_kind', or 'unsafe'");
      return NULL;
    }
    c = (numc_casting)found;
  }
  return PyBool_FromLong(numc_can_cast(from, to, c));
}

static PyTypeObject FInfo_Type, IInfo_Type;

static PyStructSequence_Field finfo_fields[] = {
    {"bits", "bits in the type"},
    {"eps", "difference between 1.0 and the next float"},
    {"max", "largest finite value"},
    {"min", "smallest finite value (-max)"},
    {"smallest_normal", "smallest positive normal value"},
    {"dtype", "the real dtype described"},
    {"tiny", "alias of smallest_normal"},
    {"resolution", "10**-precision"},
    {"precision", "approximate decimal digits"},
    {"epsneg", "difference between 1.0 and the previous float"},
    {"smallest_subnormal", "smallest positive subnormal value"},
    {"nmant", "mantissa bits"},
    {"nexp", "exponent bits"},
    {"minexp", "most negative power of 2 of a normal value"},
    {"maxexp", "smallest power of 2 that overflows"},
    {NULL, NULL}};
static PyStructSequence_Desc finfo_desc = {
    "numc.finfo", "Machine limits of a floating dtype (np.finfo).",
    finfo_fields, 15};

static PyStructSequence_Field iinfo_fields[] = {
    {"bits", "bits in the type"},
    {"max", "largest value"},
    {"min", "smallest value"},
    {"dtype", "the dtype described"},
    {NULL, NULL}};
static PyStructSequence_Desc iinfo_desc = {
    "numc.iinfo", "Limits of an integer dtype (np.iinfo).", iinfo_fields, 4};

static PyObject *fn_finfo(PyObject *m, PyObject *arg0) {
  (void)m;
  numc_dtype d;
  if (dtype_or_array(arg0, &d, "finfo") < 0) {
    if (!(PyFloat_CheckExact(arg0) || PyComplex_CheckExact(arg0))) return NULL;
    PyErr_Clear();
    d = PyFloat_CheckExact(arg0) ? NUMC_FLOAT64 : NUMC_COMPLEX128;
  }
  numc_finfo f;
  int rc = numc_finfo_get(&f, d);
  if (rc < 0) return pynumc_err(rc);
  PyObject *r = PyStructSequence_New(&FInfo_Type);
  if (r == NULL) return NULL;
  PyObject *v[15] = {
      PyLong_FromLong(f.bits), PyFloat_FromDouble(f.eps),
      PyFloat_FromDouble(f.max), PyFloat_FromDouble(f.min),
      PyFloat_FromDouble(f.smallest_normal),
      Py_NewRef(pynumc_dtype_obj(f.dtype)),
      PyFloat_FromDouble(f.smallest_normal), PyFloat_FromDouble(f.resolution),
      PyLong_FromLong(f.precision), PyFloat_FromDouble(f.epsneg),
      PyFloat_FromDouble(f.smallest_subnormal), PyLong_FromLong(f.nmant),
      PyLong_FromLong(f.nexp), PyLong_FromLong(f.minexp),
      PyLong_FromLong(f.maxexp)};
  int bad = 0;
  for (int i = 0; i < 15; i++) {
    if (v[i] == NULL) bad = 1;
    PyStructSequence_SET_ITEM(r, i, v[i] ? v[i] : Py_NewRef(Py_None));
  }
  if (bad) {
    Py_DECREF(r);
    return NULL;
  }
  return r;
}

static PyObject *fn_iinfo(PyObject *m, PyObject *arg0) {
  (void)m;
  numc_dtype d;
  if (dtype_or_array(arg0, &d, "iinfo") < 0) {
    if (!PyLong_CheckExact(arg0)) return NULL;
    PyErr_Clear();
    d = NUMC_INT64;
  }
  numc_iinfo f;
  int rc = numc_iinfo_get(&f, d);
  if (rc < 0) return pynumc_err(rc);
  PyObject *r = PyStructSequence_New(&IInfo_Type);
  if (r == NULL) return NULL;
  PyObject *v[4] = {PyLong_FromLong(f.bits),
                    PyLong_FromUnsignedLongLong(f.max),
                    PyLong_FromLongLong(f.min),
                    Py_NewRef(pynumc_dtype_obj(f.dtype))};
  int bad = 0;
  for (int i = 0; i < 4; i++) {
    if (v[i] == NULL) bad = 1;
    PyStructSequence_SET_ITEM(r, i, v[i] ? v[i] : Py_NewRef(Py_None));
  }
  if (bad) {
    Py_DECREF(r);
    return NULL;
  }
  return r;
}

/* isdtype(dtype, kind): Array API kind strings, dtypes, or tuples. */
static int isdtype_one(numc_dtype d, PyObject *kind) {
  if (PyTuple_Check(kind)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kind); i++) {
      int r = isdtype_one(d, PyTuple_GET_ITEM(kind, i));
      if (r != 0) return r;
    }
    return 0;
  }
  if (PyNumcDType_Check(kind)) return PYNUMC_DTYPE_CODE(kind) == d;
  if (!PyUnicode_Check(kind)) {
    PyErr_Format(PyExc_TypeError,
                 "kind argument must be comprised of dtypes or strings only, "
                 "but is a '%.200s'", Py_TYPE(kind)->tp_name);
    return -1;
  }
  const char *s = PyUnicode_AsUTF8(kind);
  if (s == NULL) return -1;
  char k = numc_dtype_kind(d);
  if (strcmp(s, "bool") == 0) return k == 'b';
  if (strcmp(s, "signed integer") == 0) return k == 'i';
  if (strcmp(s, "unsigned integer") == 0) return k == 'u';
  if (strcmp(s, "integral") == 0) return k == 'i' || k == 'u';
  if (strcmp(s, "real floating") == 0) return k == 'f';
  if (strcmp(s, "complex floating") == 0) return k == 'c';
  if (strcmp(s, "numeric") == 0) return k != 'b';
  PyErr_Format(PyExc_ValueError, "kind argument is a string, but '%s' is not "
               "a known kind name.", s);
  return -1;
}

static PyObject *fn_isdtype(PyObject *m, PyObject *const *args0,
                            Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"dtype", "kind", NULL};
  static const pynumc_argspec sp = {"isdtype", N, 0, 2, 2};
  PyObject *args[2];
  if (pynumc_parse(&sp, args0, n, kw, args) < 0) return NULL;
  if (!PyNumcDType_Check(args[0])) {
    PyErr_Format(PyExc_TypeError, "dtype argument must be a numc dtype, but "
                 "it is a %.200s.", Py_TYPE(args[0])->tp_name);
    return NULL;
  }
  int r = isdtype_one(PYNUMC_DTYPE_CODE(args[0]), args[1]);
  return r < 0 ? NULL : PyBool_FromLong(r);
}

/* ---- __array_namespace_info__ (Array API inspection) ------------------------------- */

typedef struct {
  PyObject_HEAD
} InfoObject;

static int info_device_kw(PyObject *const *args, Py_ssize_t n, PyObject *kw,
                          const char *fn, PyObject **kind) {
  static const char *const names[] = {"device", "kind", NULL};
  pynumc_argspec sp = {fn, names, 0, 0, 0};
  PyObject *a[2];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return -1;
  if (kind) *kind = a[1];
  else if (a[1] != NULL) {
    PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument "
                 "'kind'", fn);
    return -1;
  }
  return pynumc_check_device(a[0]);
}

static PyObject *info_capabilities(PyObject *self, PyObject *unused) {
  (void)self, (void)unused;
  /* boolean masks index and assign; nonzero, unique_* and masks give
   * shapes that depend on values */
  return Py_BuildValue("{s:O,s:O,s:i}", "boolean indexing", Py_True,
                       "data-dependent shapes", Py_True, "max dimensions",
                       NUMC_MAXDIMS);
}

static PyObject *info_default_device(PyObject *self, PyObject *unused) {
  (void)self, (void)unused;
  return Py_NewRef(pynumc_cpu_device);
}

static PyObject *info_devices(PyObject *self, PyObject *unused) {
  (void)self, (void)unused;
  return Py_BuildValue("(O)", pynumc_cpu_device); /* a tuple since 2025.12 */
}

static PyObject *info_default_dtypes(PyObject *self, PyObject *const *args,
                                     Py_ssize_t n, PyObject *kw) {
  (void)self;
  if (info_device_kw(args, n, kw, "default_dtypes", NULL) < 0) return NULL;
  return Py_BuildValue(
      "{s:O,s:O,s:O,s:O}", "real floating", pynumc_dtype_obj(NUMC_DEFAULT_FLOAT),
      "complex floating", pynumc_dtype_obj(NUMC_DEFAULT_COMPLEX), "integral",
      pynumc_dtype_obj(NUMC_DEFAULT_INT), "indexing", pynumc_dtype_obj(NUMC_INTP));
}

static PyObject *info_dtypes(PyObject *self, PyObject *const *args,
                             Py_ssize_t n, PyObject *kw) {
  (void)self;
  PyObject *kind = NULL;
  if (info_device_kw(args, n, kw, "dtypes", &kind) < 0) return NULL;
  PyObject *d = PyDict_New();
  for (int t = 0; d && t < NUMC_NDTYPES; t++) {
    int r = kind == NULL || kind == Py_None ? 1 : isdtype_one((numc_dtype)t, kind);
    if (r < 0 || (r && PyDict_SetItemString(d, numc_dtype_name((numc_dtype)t),
                                            pynumc_dtype_obj((numc_dtype)t)) < 0))
      Py_CLEAR(d);
  }
  return d;
}

static PyMethodDef info_methods[] = {
    {"capabilities", info_capabilities, METH_NOARGS,
     "capabilities(): {'boolean indexing': True, 'data-dependent shapes':\n"
     "True, 'max dimensions': 64}."},
    {"default_device", info_default_device, METH_NOARGS,
     "default_device(): the cpu device (numc's only device)."},
    {"devices", info_devices, METH_NOARGS,
     "devices(): a tuple of the supported devices, (cpu,)."},
    {"default_dtypes", FASTCALL(info_default_dtypes),
     METH_FASTCALL | METH_KEYWORDS,
     "default_dtypes(*, device=None): the default dtypes by kind\n"
     "('real floating', 'complex floating', 'integral', 'indexing')."},
    {"dtypes", FASTCALL(info_dtypes), METH_FASTCALL | METH_KEYWORDS,
     "dtypes(*, device=None, kind=None): {name: dtype} of the supported\n"
     "dtypes, limited to `kind` (an isdtype kind, or a tuple of them)."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject Info_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.__array_namespace_info__",
    .tp_basicsize = sizeof(InfoObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Array API inspection: capabilities, devices and dtypes.",
    .tp_methods = info_methods,
};

static PyObject *fn_namespace_info(PyObject *m, PyObject *unused) {
  (void)m, (void)unused;
  return PyType_GenericAlloc(&Info_Type, 0);
}

/* ---- the function table ------------------------------------------------------------------------ */

#define KW(f) FASTCALL(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef pynumc_functions[] = {
    /* round is a function, not the ufunc: it takes decimals= */
    {"round", KW(fn_round_dec),
     "round(x, /, decimals=0)\n--\n\nRound half to even (decimals as NumPy)."},
    {"sum", KW(fn_r_sum),
     "sum(x, /, axis=None, dtype=None, out=None, keepdims=False)\n--\n\n"},
    {"prod", KW(fn_r_prod),
     "prod(x, /, axis=None, dtype=None, out=None, keepdims=False)\n--\n\n"},
    {"min", KW(fn_r_min), "min(x, /, axis=None, out=None, keepdims=False)\n--\n\n"},
    {"max", KW(fn_r_max), "max(x, /, axis=None, out=None, keepdims=False)\n--\n\n"},
    {"mean", KW(fn_r_mean),
     "mean(x, /, axis=None, dtype=None, out=None, keepdims=False)\n--\n\n"},
    {"var", KW(fn_r_var),
     "var(x, /, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, correction=None)\n--\n\n"},
    {"std", KW(fn_r_std),
     "std(x, /, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, correction=None)\n--\n\n"},
    {"all", KW(fn_r_all), "all(x, /, axis=None, out=None, keepdims=False)\n--\n\n"},
    {"any", KW(fn_r_any), "any(x, /, axis=None, out=None, keepdims=False)\n--\n\n"},
    {"count_nonzero", KW(fn_r_count_nonzero),
     "count_nonzero(x, /, *, axis=None, keepdims=False)\n--\n\n"},
    {"argmin", KW(fn_r_argmin),
     "argmin(x, /, axis=None, out=None, keepdims=False)\n--\n\n"},
    {"argmax", KW(fn_r_argmax),
     "argmax(x, /, axis=None, out=None, keepdims=False)\n--\n\n"},
    {"cumulative_sum", KW(fn_r_cumulative_sum),
     "cumulative_sum(x, /, *, axis=None, dtype=None, include_initial=False)"
     "\n--\n\n"},
    {"cumulative_prod", KW(fn_r_cumulative_prod),
     "cumulative_prod(x, /, *, axis=None, dtype=None, include_initial=False)"
     "\n--\n\n"},
    {"empty", KW(fn_empty), "empty(shape, dtype=None, order='C', *, device=None)\n--\n\n"},
    {"zeros", KW(fn_zeros), "zeros(shape, dtype=None, order='C', *, device=None)\n--\n\n"},
    {"ones", KW(fn_ones), "ones(shape, dtype=None, order='C', *, device=None)\n--\n\n"},
    {"full", KW(fn_full),
     "full(shape, fill_value, dtype=None, order='C', *, device=None)\n--\n\n"},
    {"empty_like", KW(fn_empty_like),
     "empty_like(x, /, *, dtype=None, order='K', device=None)\n--\n\n"},
    {"zeros_like", KW(fn_zeros_like),
     "zeros_like(x, /, *, dtype=None, order='K', device=None)\n--\n\n"},
    {"ones_like", KW(fn_ones_like),
     "ones_like(x, /, *, dtype=None, order='K', device=None)\n--\n\n"},
    {"full_like", KW(fn_full_like),
     "full_like(x, /, fill_value, *, dtype=None, order='K', device=None)\n--\n\n"},
    {"arange", KW(fn_arange),
     "arange(start, /, stop=None, step=1, *, dtype=None, device=None)\n--\n\n"},
    {"linspace", KW(fn_linspace),
     "linspace(start, stop, /, num=50, *, dtype=None, device=None, "
     "endpoint=True)\n--\n\n"},
    {"eye", KW(fn_eye),
     "eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None)\n--\n\n"},
    {"asarray", KW(fn_asarray),
     "asarray(obj, /, dtype=None, order=None, *, device=None, copy=None)\n--\n\n"
     "Converts obj to a numc array (zero-copy when possible)."},
    {"array", KW(fn_array),
     "array(obj, /, dtype=None, order=None, *, device=None, copy=True)\n--\n\n"
     "Like asarray, copying by default (NumPy's np.array)."},
    {"from_dlpack", KW(pynumc_from_dlpack),
     "from_dlpack(x, /, *, device=None, copy=None)\n--\n\n"},
    {"astype", KW(fn_astype),
     "astype(x, dtype, /, *, copy=True, device=None)\n--\n\n"},
    {"where", FASTCALL(fn_where), METH_FASTCALL,
     "where(condition, x1, x2, /) or where(condition, /)\n\n"
     "Elements of x1 where condition is true, else of x2 (broadcast "
     "together); with the condition alone, its nonzero() indices."},
    {"clip", KW(fn_clip), "clip(x, /, min=None, max=None)\n--\n\n"},
    {"reshape", KW(fn_reshape),
     "reshape(x, /, shape, *, copy=None)\n--\n\n"},
    {"permute_dims", KW(fn_permute_dims),
     "permute_dims(x, /, axes)\n--\n\n"},
    {"transpose", KW(fn_transpose), "transpose(x, /, axes=None)\n--\n\n"},
    {"matrix_transpose", FASTCALL(fn_matrix_transpose), METH_FASTCALL,
     "matrix_transpose(x, /)\n--\n\n"},
    {"swapaxes", FASTCALL(fn_swapaxes), METH_FASTCALL,
     "swapaxes(x, axis1, axis2, /)\n--\n\n"},
    {"expand_dims", KW(fn_expand_dims),
     "expand_dims(x, /, axis=0)\n--\n\n"},
    {"squeeze", KW(fn_squeeze), "squeeze(x, /, axis=None)\n--\n\n"},
    {"flip", KW(fn_flip), "flip(x, /, *, axis=None)\n--\n\n"},
    {"broadcast_to", KW(fn_broadcast_to),
     "broadcast_to(x, /, shape)\n--\n\n"},
    {"broadcast_arrays", FASTCALL(fn_broadcast_arrays), METH_FASTCALL,
     "broadcast_arrays(*arrays)\n--\n\n"},
    {"broadcast_shapes", FASTCALL(fn_broadcast_shapes), METH_FASTCALL,
     "broadcast_shapes(*shapes)\n--\n\n"},
    {"result_type", FASTCALL(fn_result_type), METH_FASTCALL,
     "result_type(*arrays_and_dtypes)\n--\n\n"},
    {"can_cast", KW(fn_can_cast),
     "can_cast(from_, to, /, casting='safe')\n--\n\n"},
    {"finfo", fn_finfo, METH_O, "finfo(type, /)\n--\n\n"},
    {"iinfo", fn_iinfo, METH_O, "iinfo(type, /)\n--\n\n"},
    {"isdtype", KW(fn_isdtype),
     "isdtype(dtype, kind)\n--\n\n"},
    {"__array_namespace_info__", fn_namespace_info, METH_NOARGS,
     "The Array API inspection object of numc."},
    {"save", KW(pynumc_save), "save(file, arr, /)\n--\n\nWrites a .npy file."},
    {"load", KW(pynumc_load), "load(file, /)\n--\n\nReads a .npy file."},
    {NULL, NULL, 0, NULL}};

int pynumc_functions_init(PyObject *m) {
  if (PyType_Ready(&Info_Type) < 0) return -1;
  if (FInfo_Type.tp_name == NULL &&
      PyStructSequence_InitType2(&FInfo_Type, &finfo_desc) < 0)
    return -1;
  if (IInfo_Type.tp_name == NULL &&
      PyStructSequence_InitType2(&IInfo_Type, &iinfo_desc) < 0)
    return -1;
  if (PyModule_AddObjectRef(m, "finfo_object", (PyObject *)&FInfo_Type) < 0 ||
      PyModule_AddObjectRef(m, "iinfo_object", (PyObject *)&IInfo_Type) < 0)
    return -1;
  return 0;
}
