/*
 * sorting.c - the namespace functions over libnumc's numc/sort.h: sort,
 * argsort, searchsorted, nonzero/flatnonzero/argwhere, the Array API set
 * functions unique_all/unique_counts/unique_inverse/unique_values (with
 * NumPy's named-tuple results) and isin; plus the ndarray methods
 * x.sort() (in place, as NumPy), x.argsort(), x.nonzero() and
 * x.searchsorted().
 *
 * Signatures are the Array API's (x positional-only, options keyword-only)
 * and accept NumPy's spellings too: a positional axis, kind= (every numc
 * sort is stable, so any valid kind gives the same result), order=None.
 */
#include "pynumc.h"

#include <string.h>

#define FASTCALL(f) (PyCFunction)(void (*)(void))(f)
#define KW(f) FASTCALL(f), METH_FASTCALL | METH_KEYWORDS
#define CALL(heavy, rc, expr) PYNUMC_NOGIL_IF(heavy, rc = (expr))

static int is_none(PyObject *o) { return o == NULL || o == Py_None; }

/* ---- sort / argsort ---------------------------------------------------------------------- */

/* NumPy's kind= (checked by its first letter, as NumPy does) and order=
 * (no structured dtypes in numc: must be None). */
static int check_kind_order(PyObject *kind, PyObject *order) {
  if (!is_none(kind)) {
    const char *s = PyUnicode_Check(kind) ? PyUnicode_AsUTF8(kind) : NULL;
    if (s == NULL || s[0] == '\0' || !strchr("qhms", s[0])) {
      PyErr_Format(PyExc_ValueError, "sort kind must be one of 'quick', "
                   "'heap', or 'stable' (got %R)", kind);
      return -1;
    }
  }
  if (!is_none(order)) {
    PyErr_SetString(PyExc_ValueError,
                    "Cannot specify order when the array has no fields.");
    return -1;
  }
  return 0;
}

/* The options shared by every sort spelling, parsed into the libnumc
 * arguments: axis (default -1, None: flattened), descending, stable. */
typedef struct {
  int axis, descending, stable;
} sort_opts;

static int sort_opts_parse(sort_opts *o, PyObject *axis, PyObject *kind,
                           PyObject *order, PyObject *desc, PyObject *stable) {
  o->axis = -1;
  if (axis != NULL && pynumc_axis_arg(axis, &o->axis) < 0) return -1;
  if (check_kind_order(kind, order) < 0) return -1;
  if (pynumc_bool_arg(desc, 0, &o->descending) < 0) return -1;
  return pynumc_bool_arg(stable, 1, &o->stable);
}

/* numc_sort or numc_argsort of the array-like xo. */
static int sort_call(numc_array **out, PyObject *xo, const sort_opts *o,
                     int arg, const char *fn) {
  numc_array *x = pynumc_array_arg(xo, fn);
  if (x == NULL) return -1;
  int rc;
  CALL(pynumc_heavy(x), rc,
       arg ? numc_argsort(out, x, o->axis, o->descending, o->stable)
           : numc_sort(out, x, o->axis, o->descending, o->stable));
  numc_release(x);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

static const char *const SORT_F[] = {"x",          "axis",   "kind", "order",
                                     "descending", "stable", NULL};
static const char *const SORT_M[] = {"axis",       "kind",   "order",
                                     "descending", "stable", NULL};

static PyObject *sort_fn(int arg, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  static const pynumc_argspec s = {"sort", SORT_F, 1, 4, 1};
  static const pynumc_argspec as = {"argsort", SORT_F, 1, 4, 1};
  PyObject *a[6];
  sort_opts o;
  numc_array *out;
  if (pynumc_parse(arg ? &as : &s, args, n, kw, a) < 0 ||
      sort_opts_parse(&o, a[1], a[2], a[3], a[4], a[5]) < 0 ||
      sort_call(&out, a[0], &o, arg, arg ? "argsort" : "sort") < 0)
    return NULL;
  return pynumc_wrap(out, NULL);
}

static PyObject *fn_sort(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  return sort_fn(0, args, n, kw);
}

static PyObject *fn_argsort(PyObject *m, PyObject *const *args, Py_ssize_t n,
                            PyObject *kw) {
  (void)m;
  return sort_fn(1, args, n, kw);
}

PyObject *pynumc_m_sort(PyObject *self, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw) {
  static const pynumc_argspec sp = {"sort", SORT_M, 0, 3, 0};
  PyObject *a[5];
  sort_opts o;
  numc_array *sorted, *x = PYNUMC_ARR(self);
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      sort_opts_parse(&o, a[0], a[1], a[2], a[3], a[4]) < 0)
    return NULL;
  if (o.axis == NUMC_AXIS_NONE) {
    PyErr_SetString(PyExc_ValueError, "sort: axis=None is not allowed for "
                    "the in-place sort");
    return NULL;
  }
  if (!(numc_array_flags(x) & NUMC_WRITEABLE)) {
    PyErr_SetString(PyExc_ValueError, "assignment destination is read-only");
    return NULL;
  }
  if (sort_call(&sorted, self, &o, 0, "sort") < 0) return NULL;
  int rc;
  CALL(pynumc_heavy(sorted), rc, numc_assign(x, sorted, NUMC_CASTING_NO));
  numc_release(sorted);
  if (rc < 0) return pynumc_err(rc);
  Py_RETURN_NONE;
}

PyObject *pynumc_m_argsort(PyObject *self, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw) {
  static const pynumc_argspec sp = {"argsort", SORT_M, 0, 3, 0};
  PyObject *a[5];
  sort_opts o;
  numc_array *out;
  if (pynumc_parse(&sp, args, n, kw, a) < 0 ||
      sort_opts_parse(&o, a[0], a[1], a[2], a[3], a[4]) < 0 ||
      sort_call(&out, self, &o, 1, "argsort") < 0)
    return NULL;
  return pynumc_wrap(out, NULL);
}

/* ---- searchsorted ------------------------------------------------------------------------- */

static PyObject *searchsorted_impl(PyObject *x1o, PyObject *x2o,
                                   PyObject *side, PyObject *sorter_obj) {
  int right = 0, kind = PYNUMC_OPND_ARRAY, rc;
  if (!is_none(side)) {
    const char *s = PyUnicode_Check(side) ? PyUnicode_AsUTF8(side) : NULL;
    if (s == NULL || (strcmp(s, "left") != 0 && strcmp(s, "right") != 0)) {
      PyErr_Format(PyExc_ValueError, "search side must be 'left' or 'right' "
                   "(got %R)", side);
      return NULL;
    }
    right = s[0] == 'r';
  }
  numc_array *x1 = NULL, *x2 = NULL, *sorter = NULL, *out = NULL;
  if ((x1 = pynumc_array_arg(x1o, "searchsorted")) == NULL) return NULL;
  int r = pynumc_operand(x2o, &x2, &kind, 1);
  if (r != 0) {
    if (r == 1)
      PyErr_Format(PyExc_TypeError, "searchsorted(): unsupported argument "
                   "type '%.200s'", Py_TYPE(x2o)->tp_name);
    goto done;
  }
  if (!is_none(sorter_obj) &&
      (sorter = pynumc_array_arg(sorter_obj, "searchsorted")) == NULL)
    goto done;
  CALL(pynumc_heavy(x1) || pynumc_heavy(x2) ||
           (sorter != NULL && pynumc_heavy(sorter)),
       rc, numc_searchsorted(&out, x1, x2, right, sorter));
  if (rc < 0) pynumc_err(rc);
done:
  numc_release(x1);
  numc_release(x2);
  numc_release(sorter);
  if (out == NULL) return NULL;
  return pynumc_wrap_result(out, kind != PYNUMC_OPND_ARRAY);
}

static PyObject *fn_searchsorted(PyObject *m, PyObject *const *args,
                                 Py_ssize_t n, PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x1", "x2", "side", "sorter", NULL};
  static const pynumc_argspec sp = {"searchsorted", N, 2, 4, 2};
  PyObject *a[4];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return searchsorted_impl(a[0], a[1], a[2], a[3]);
}

PyObject *pynumc_m_searchsorted(PyObject *self, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw) {
  static const char *const N[] = {"v", "side", "sorter", NULL};
  static const pynumc_argspec sp = {"searchsorted", N, 0, 3, 1};
  PyObject *a[3];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  return searchsorted_impl(self, a[0], a[1], a[2]);
}

/* ---- nonzero / flatnonzero / argwhere ------------------------------------------------------- */

static PyObject *nonzero_impl(PyObject *xo) {
  numc_array *x = pynumc_array_arg(xo, "nonzero");
  if (x == NULL) return NULL;
  int nd = numc_array_ndim(x), rc;
  numc_array *outs[NUMC_MAXDIMS];
  CALL(pynumc_heavy(x), rc, numc_nonzero(outs, x));
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_tuple_of(outs, nd, NULL);
}

static PyObject *fn_nonzero(PyObject *m, PyObject *arg) {
  (void)m;
  return nonzero_impl(arg);
}

PyObject *pynumc_m_nonzero(PyObject *self, PyObject *unused) {
  (void)unused;
  return nonzero_impl(self);
}

/* flatnonzero / argwhere: one array in, one computed array out. */
static PyObject *index_list(PyObject *xo, int flat) {
  const char *fn = flat ? "flatnonzero" : "argwhere";
  numc_array *x = pynumc_array_arg(xo, fn), *out;
  if (x == NULL) return NULL;
  int rc;
  CALL(pynumc_heavy(x), rc,
       flat ? numc_flatnonzero(&out, x) : numc_argwhere(&out, x));
  numc_release(x);
  return rc < 0 ? pynumc_err(rc) : pynumc_wrap(out, NULL);
}

static PyObject *fn_flatnonzero(PyObject *m, PyObject *arg) {
  (void)m;
  return index_list(arg, 1);
}

static PyObject *fn_argwhere(PyObject *m, PyObject *arg) {
  (void)m;
  return index_list(arg, 0);
}

/* ---- set functions ---------------------------------------------------------------------------- */

static PyStructSequence_Field all_fields[] = {
    {"values", "the unique values, sorted"},
    {"indices", "index of each value's first occurrence in the flattened x"},
    {"inverse_indices", "position in values of each element of x (x's shape)"},
    {"counts", "occurrences of each value"},
    {NULL, NULL}};
static PyStructSequence_Field counts_fields[] = {
    {"values", "the unique values, sorted"},
    {"counts", "occurrences of each value"},
    {NULL, NULL}};
static PyStructSequence_Field inverse_fields[] = {
    {"values", "the unique values, sorted"},
    {"inverse_indices", "position in values of each element of x (x's shape)"},
    {NULL, NULL}};
static PyStructSequence_Desc all_desc = {
    "numc.UniqueAllResult", "Result of unique_all (a named tuple).",
    all_fields, 4};
static PyStructSequence_Desc counts_desc = {
    "numc.UniqueCountsResult", "Result of unique_counts (a named tuple).",
    counts_fields, 2};
static PyStructSequence_Desc inverse_desc = {
    "numc.UniqueInverseResult", "Result of unique_inverse (a named tuple).",
    inverse_fields, 2};
static PyTypeObject UniqueAll_Type, UniqueCounts_Type, UniqueInverse_Type;

typedef enum { UQ_VALUES, UQ_COUNTS, UQ_INVERSE, UQ_ALL } unique_kind;

/* One implementation for the four unique_* functions: the libnumc call for
 * `kind`, its results packed into the named tuple (values alone for
 * unique_values). */
static PyObject *unique_impl(unique_kind kind, PyObject *xo, const char *fn) {
  numc_array *x = pynumc_array_arg(xo, fn), *r[4] = {NULL, NULL, NULL, NULL};
  if (x == NULL) return NULL;
  int rc, nres = 1;
  PyTypeObject *type = NULL;
  switch (kind) {
  case UQ_VALUES:
    CALL(pynumc_heavy(x), rc, numc_unique_values(&r[0], x));
    break;
  case UQ_COUNTS:
    CALL(pynumc_heavy(x), rc, numc_unique_counts(&r[0], &r[1], x));
    type = &UniqueCounts_Type, nres = 2;
    break;
  case UQ_INVERSE:
    CALL(pynumc_heavy(x), rc, numc_unique_inverse(&r[0], &r[1], x));
    type = &UniqueInverse_Type, nres = 2;
    break;
  default:
    CALL(pynumc_heavy(x), rc, numc_unique_all(&r[0], &r[1], &r[2], &r[3], x));
    type = &UniqueAll_Type, nres = 4;
  }
  numc_release(x);
  if (rc < 0) return pynumc_err(rc);
  if (type == NULL) return pynumc_wrap(r[0], NULL);
  PyObject *t = PyStructSequence_New(type);
  for (int i = 0; i < nres; i++) {
    PyObject *o = t ? pynumc_wrap(r[i], NULL) : NULL;
    if (t == NULL) numc_release(r[i]);
    else if (o == NULL) Py_CLEAR(t);
    else PyStructSequence_SET_ITEM(t, i, o);
  }
  return t;
}

#define UNIQUE_FN(name, kind)                                                  \
  static PyObject *fn_##name(PyObject *m, PyObject *arg) {                     \
    (void)m;                                                                   \
    return unique_impl(kind, arg, #name);                                      \
  }
UNIQUE_FN(unique_values, UQ_VALUES)
UNIQUE_FN(unique_counts, UQ_COUNTS)
UNIQUE_FN(unique_inverse, UQ_INVERSE)
UNIQUE_FN(unique_all, UQ_ALL)
#undef UNIQUE_FN

static PyObject *fn_isin(PyObject *m, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  (void)m;
  static const char *const N[] = {"x1", "x2", "assume_unique", "invert",
                                  "kind", NULL};
  static const pynumc_argspec sp = {"isin", N, 2, 4, 2};
  PyObject *a[5];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  int invert, rc;
  if (pynumc_bool_arg(a[3], 0, &invert) < 0) return NULL;
  if (!is_none(a[4])) {
    const char *s = PyUnicode_Check(a[4]) ? PyUnicode_AsUTF8(a[4]) : NULL;
    if (s == NULL || (strcmp(s, "sort") != 0 && strcmp(s, "table") != 0)) {
      PyErr_Format(PyExc_ValueError, "Invalid kind: %R. Please use None, "
                   "'sort' or 'table'.", a[4]);
      return NULL;
    }
  }
  numc_array *x1 = pynumc_array_arg(a[0], "isin"), *x2, *out;
  if (x1 == NULL) return NULL;
  if ((x2 = pynumc_array_arg(a[1], "isin")) == NULL) {
    numc_release(x1);
    return NULL;
  }
  CALL(pynumc_heavy(x1) || pynumc_heavy(x2), rc,
       numc_isin(&out, x1, x2, invert));
  numc_release(x1);
  numc_release(x2);
  return rc < 0 ? pynumc_err(rc) : pynumc_wrap(out, NULL);
}

/* ---- the function table and init ---------------------------------------------------------------- */

PyMethodDef pynumc_sorting_functions[] = {
    {"sort", KW(fn_sort),
     "sort(x, /, axis=-1, kind=None, order=None, *, descending=False, "
     "stable=True)\n--\n\n"
     "A sorted copy of x along `axis` (None: the flattened x), in NumPy's\n"
     "order (NaNs last; -0.0 == 0.0). Always stable; descending keeps equal\n"
     "elements in input order (so NaNs come first)."},
    {"argsort", KW(fn_argsort),
     "argsort(x, /, axis=-1, kind=None, order=None, *, descending=False, "
     "stable=True)\n--\n\n"
     "int64 indices that sort x along `axis`, as sort orders it (ties in\n"
     "ascending index order)."},
    {"searchsorted", KW(fn_searchsorted),
     "searchsorted(x1, x2, /, side='left', sorter=None)\n--\n\n"
     "For each element of x2, the index that keeps the 1-D sorted x1 sorted\n"
     "when it is inserted before it ('left': before equal elements, "
     "'right':\nafter them). sorter: indices that sort x1. A scalar x2 "
     "gives a scalar."},
    {"nonzero", fn_nonzero, METH_O,
     "nonzero(x, /)\n--\n\n"
     "A tuple of int64 arrays, one per axis, with the coordinates of the\n"
     "non-zero elements in C order (0-d x: ValueError)."},
    {"flatnonzero", fn_flatnonzero, METH_O,
     "flatnonzero(x, /)\n--\n\nIndices of the non-zero elements of the "
     "flattened x."},
    {"argwhere", fn_argwhere, METH_O,
     "argwhere(x, /)\n--\n\n"
     "Coordinates of the non-zero elements as an int64 (N, x.ndim) array."},
    {"unique_values", fn_unique_values, METH_O,
     "unique_values(x, /)\n--\n\n"
     "The unique elements of the flattened x, sorted (each NaN distinct)."},
    {"unique_counts", fn_unique_counts, METH_O,
     "unique_counts(x, /)\n--\n\n"
     "UniqueCountsResult(values, counts) of the flattened x."},
    {"unique_inverse", fn_unique_inverse, METH_O,
     "unique_inverse(x, /)\n--\n\n"
     "UniqueInverseResult(values, inverse_indices); inverse_indices has\n"
     "x's shape and values[inverse_indices] == x."},
    {"unique_all", fn_unique_all, METH_O,
     "unique_all(x, /)\n--\n\n"
     "UniqueAllResult(values, indices, inverse_indices, counts): indices are\n"
     "first occurrences in the flattened x."},
    {"isin", KW(fn_isin),
     "isin(x1, x2, /, assume_unique=False, invert=False, *, kind=None)\n--\n\n"
     "bool array of x1's shape: True where the element equals (==) some\n"
     "element of x2 (NaN is in nothing); invert negates."},
    {NULL, NULL, 0, NULL}};

/* Gives a struct sequence type namedtuple's `_fields` (the field names),
 * so code that inspects named tuples generically works on the results. */
static int add_fields(PyTypeObject *type, const PyStructSequence_Desc *desc) {
  PyObject *names = PyTuple_New(desc->n_in_sequence);
  if (names == NULL) return -1;
  for (int i = 0; i < desc->n_in_sequence; i++) {
    PyObject *s = PyUnicode_FromString(desc->fields[i].name);
    if (s == NULL) {
      Py_DECREF(names);
      return -1;
    }
    PyTuple_SET_ITEM(names, i, s);
  }
  int r = PyDict_SetItemString(type->tp_dict, "_fields", names);
  Py_DECREF(names);
  PyType_Modified(type);
  return r;
}

int pynumc_sorting_init(PyObject *m) {
  struct {
    PyTypeObject *type;
    PyStructSequence_Desc *desc;
    const char *name;
  } types[] = {{&UniqueAll_Type, &all_desc, "UniqueAllResult"},
               {&UniqueCounts_Type, &counts_desc, "UniqueCountsResult"},
               {&UniqueInverse_Type, &inverse_desc, "UniqueInverseResult"}};
  for (int i = 0; i < 3; i++) {
    if (types[i].type->tp_name == NULL &&
        PyStructSequence_InitType2(types[i].type, types[i].desc) < 0)
      return -1;
    if (add_fields(types[i].type, types[i].desc) < 0) return -1;
    if (PyModule_AddObjectRef(m, types[i].name, (PyObject *)types[i].type) < 0)
      return -1;
  }
  return 0;
}
