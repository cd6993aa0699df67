/*
 * pynumc.h - the internal header shared by the files of the numc._numc
 * extension module.
 *
 * The extension translates between Python and libnumc; it never computes.
 * Its files mirror the roles:
 *   module.c     module init, exceptions, status -> exception mapping,
 *                laziness control (eval/explain/eager/threads), devices
 *   dtype.c      the dtype metaclass (numc.dtype) and the scalar types
 *                (numc.float64 ... are both dtypes and scalar types)
 *   ndarray.c    numc.ndarray: attributes, operators, indexing, methods
 *   convert.c    Python objects -> arrays (asarray, buffers, DLPack, ...)
 *                and arrays -> other libraries (buffer protocol,
 *                __array__, __array_interface__, __dlpack__, pickle)
 *   functions.c  the namespace functions (creation, elementwise,
 *                reductions, manipulation, dtype queries)
 *   manip.c      advanced-index conversion, take/put, concat, stack,
 *                roll, tile, diff, tril/triu, meshgrid, ...
 *   sorting.c    sort, argsort, searchsorted, nonzero, unique_*, isin
 *   linalg.c     matmul and the @ operators, tensordot, einsum, dot, ...,
 *                and the numc.linalg submodule
 *   format.c     repr/str of arrays and scalars, NumPy's print rules
 *   ufunc.c      numc.ufunc objects (numc.add, numc.sin, ...): vectorcall,
 *                out=/where=/dtype=/casting=, forwarding of composites
 *                (reduce, accumulate, __array_ufunc__, ...) to _compat.py
 *   npyio.c      numc.save / numc.load over libnumc's .npy code
 *   layout.c     order= ('C'/'F'/'A'/'K') for creation, reshape, ravel,
 *                flatten, asarray, astype; ndarray.byteswap/resize/tofile/
 *                dump/dumps over numc._compat (numc/_npyio_extra.py)
 *   random.c     the numc.random submodule (Generator, RandomState, ...)
 *
 * Conventions: functions returning PyObject* return a new reference or NULL
 * with an exception set; functions returning int return 0 on success and -1
 * with an exception set (other values are documented where used). Every
 * libnumc call is made with the GIL held unless it may run a computation,
 * in which case the GIL is released around it (PYNUMC_NOGIL).
 */
#ifndef PYNUMC_H
#define PYNUMC_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "numc.h"

#include <stdint.h>
#include <string.h>

/* ---- the array object (ndarray.c) -------------------------------------- */

typedef struct {
  PyObject_HEAD
  numc_array *arr;   /* owned handle, never NULL once initialised */
  PyObject *base;    /* NumPy's .base: the object the view was taken from,
                        or the wrapped exporter; NULL for owners */
  PyObject *weakrefs;
  int computed;      /* 1 once seen not pending (a handle never becomes
                        pending again), so hot paths skip the flag query */
  const char *data;  /* element [0,...,0] once read (numc_array_data with
                        NUMC_ACCESS_READ: valid while the handle lives, and
                        current, since numc performs writes eagerly) */
} PyNumcArray;

extern PyTypeObject PyNumcArray_Type;
#define PyNumcArray_Check(o) PyObject_TypeCheck((o), &PyNumcArray_Type)
#define PYNUMC_ARR(o) (((PyNumcArray *)(o))->arr)

/* Readies numc.ndarray (and its flags type) and adds it to m. */
int pynumc_ndarray_init(PyObject *m);
/* Wraps a handle in a new ndarray, stealing the handle reference (released
 * on failure too). `base` (borrowed, may be NULL) becomes .base; when base
 * is itself an ndarray that has an ndarray base, that base is used instead
 * (NumPy collapses view chains). */
PyObject *pynumc_wrap(numc_array *a, PyObject *base);
/* Wraps the result of an operation: a new array, or when `as_scalar` is set
 * and the result is 0-d, a scalar object. Steals `a`. */
PyObject *pynumc_wrap_result(numc_array *a, int as_scalar);

/* The number methods and comparison of arrays, shared with the scalar
 * types (dtype.c), which use them minus the in-place forms. */
extern PyNumberMethods pynumc_array_as_number;
/* op(a, b) and op(a) as the operators compute them (a scalar when no
 * operand is an array); NotImplemented (new reference) for operand types
 * numc does not take. */
PyObject *pynumc_binop(PyObject *a, PyObject *b, numc_op op);
PyObject *pynumc_unop(PyObject *a, numc_op op);
PyObject *pynumc_richcompare(PyObject *a, PyObject *b, int op);

/* ---- dtypes and scalars (dtype.c) -------------------------------------- */

/* A dtype object is a scalar type whose metaclass is numc.dtype. */
typedef struct {
  PyHeapTypeObject ht;
  numc_dtype code;
} PyNumcDType;

extern PyTypeObject PyNumcDTypeMeta_Type; /* numc.dtype */
extern PyTypeObject PyNumcGeneric_Type;   /* numc.generic */
/* numc.bool ... numc.complex128, indexed by numc_dtype. */
extern PyTypeObject *pynumc_types[NUMC_NDTYPES];

#define PyNumcDType_Check(o) (Py_TYPE(o) == &PyNumcDTypeMeta_Type)
#define PyNumcScalar_Check(o) (Py_TYPE(Py_TYPE(o)) == &PyNumcDTypeMeta_Type)
#define PYNUMC_DTYPE_CODE(t) (((PyNumcDType *)(t))->code)

/* Creates numc.dtype, numc.generic and the 13 scalar types, adds them to m. */
int pynumc_dtype_init(PyObject *m);

/* Borrowed dtype object of a code. */
static inline PyObject *pynumc_dtype_obj(numc_dtype dt) {
  return (PyObject *)pynumc_types[dt];
}

/* Converts anything accepted as dtype= (numc dtypes, names, NumPy dtypes
 * and scalar types, Python float/int/bool/complex) to a code; None gives
 * NUMC_DTYPE_DEFAULT. Returns 0 or -1 (TypeError). */
int pynumc_dtype_from_obj(PyObject *o, numc_dtype *out);

/* A new scalar object holding s (cast to nothing: s.dtype is the type). */
PyObject *pynumc_scalar_new(const numc_scalar *s);
/* The value of a numc scalar object (PyNumcScalar_Check must hold). */
void pynumc_scalar_value(PyObject *o, numc_scalar *out);
/* A Python bool/int/float/complex with the value of s. */
PyObject *pynumc_scalar_to_py(const numc_scalar *s);
/* float(v) or int(v) (type &PyFloat_Type or &PyLong_Type) of a Python
 * number, stealing v (NULL passes through). */
PyObject *pynumc_number_as(PyObject *v, PyTypeObject *type);
/* Truth value of a scalar (non-zero). */
static inline int pynumc_scalar_truth(const numc_scalar *s) {
  switch (numc_dtype_kind(s->dtype)) {
  case 'f':
    return s->dtype == NUMC_FLOAT32 ? s->v.f32 != 0 : s->v.f64 != 0;
  case 'c':
    return s->dtype == NUMC_COMPLEX64 ? (s->v.c64[0] != 0 || s->v.c64[1] != 0)
                                      : (s->v.c128[0] != 0 || s->v.c128[1] != 0);
  default: {
    uint64_t bits = 0;
    memcpy(&bits, &s->v, numc_dtype_itemsize(s->dtype));
    return bits != 0;
  }
  }
}

/* ---- conversions (convert.c) -------------------------------------------- */

/* Python bool/int/float/complex -> weak scalar. Returns 1 if converted, 0 if
 * o is not a Python scalar (numc and NumPy scalars are not), -1 on error
 * (OverflowError for ints beyond uint64). */
int pynumc_pyscalar(PyObject *o, numc_scalar *out);

/* A 0-d weak array for s, from a small cache; new handle reference. Returns
 * NULL with the exception set on failure. */
numc_array *pynumc_weak_array(const numc_scalar *s);

/* What an operand of an operator or function turned out to be. */
enum {
  PYNUMC_OPND_ARRAY = 0,  /* an ndarray or something converted to an array */
  PYNUMC_OPND_SCALAR = 1, /* a numc scalar (typed 0-d) */
  PYNUMC_OPND_PY = 2      /* a Python scalar (weak 0-d) */
};
/* Converts an operand: ndarrays, numc scalars, Python scalars, and (when
 * `convert`) anything asarray accepts. Returns 0 with *out a new handle and
 * *kind set, 1 if the type is not understood (no exception: the caller
 * returns NotImplemented or raises), -1 on error. */
int pynumc_operand(PyObject *o, numc_array **out, int *kind, int convert);

/* True if an operator should defer to `other` (it sets __array_ufunc__ to
 * None, or has a higher __array_priority__ and no __array_ufunc__). */
int pynumc_should_defer(PyObject *other);

/* numc.asarray core: any supported object -> array of dtype dt (default:
 * inferred). `copy` as the Array API. Returns a new ndarray object (the
 * input itself when no conversion or copy is needed and it is an ndarray). */
PyObject *pynumc_asarray(PyObject *o, numc_dtype dt, numc_copy_mode copy);
/* Same, giving a handle; 1 (no exception) if the type is not supported. */
int pynumc_asarray_handle(PyObject *o, numc_dtype dt, numc_copy_mode copy,
                          numc_array **out, PyObject **base);
/* Parses copy=None/True/False. */
int pynumc_copy_from_obj(PyObject *o, numc_copy_mode *out);
/* Checks device= (None, "cpu" or the cpu device object). */
int pynumc_check_device(PyObject *device);

/* Converts a value to a scalar for fills and scalar arguments: Python
 * scalars (weak), numc/NumPy scalars and 0-d arrays (typed). Returns 1 if
 * converted, 0 if not a scalar, -1 on error. */
int pynumc_any_scalar(PyObject *o, numc_scalar *out);

/* NumPy's TypeError for a Python complex stored into an integer or real
 * float dtype ("float() argument must be ... not 'complex'"); 0 if allowed
 * (complex and bool targets, typed complex scalars, which cast). */
int pynumc_no_complex_to_real(const numc_scalar *s, numc_dtype dt);

/* Shape argument (int or sequence of ints) -> (ndim, shape). */
int pynumc_shape_from_obj(PyObject *o, int *ndim, int64_t *shape);
/* A tuple of Python ints from an int64 vector. */
PyObject *pynumc_tuple_i64(int n, const int64_t *v);

/* Buffer protocol, __array__, __array_interface__, DLPack, pickling:
 * slots and methods of ndarray defined in convert.c. */
extern PyBufferProcs pynumc_as_buffer;
PyObject *pynumc_array_dunder_array(PyObject *self, PyObject *const *args,
                                    Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_array_interface_get(PyObject *self, void *closure);
PyObject *pynumc_dlpack(PyObject *self, PyObject *const *args,
                        Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_dlpack_device(PyObject *self, PyObject *unused);
PyObject *pynumc_reduce_ex(PyObject *self, PyObject *protocol);
/* numc.from_dlpack and the pickle reconstructor (module functions). */
PyObject *pynumc_from_dlpack(PyObject *mod, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_reconstruct(PyObject *mod, PyObject *const *args,
                             Py_ssize_t nargs);

/* ---- errors and module state (module.c) --------------------------------- */

extern PyObject *pynumc_AxisError;
extern PyObject *pynumc_LinAlgError;
extern PyObject *pynumc_ComplexWarning;
extern PyObject *pynumc_module; /* borrowed: numc._numc */
extern PyObject *pynumc_cpu_device; /* the single device object */

/* Raises the exception for libnumc status rc (< 0) with numc_last_error()'s
 * message; returns NULL (pynumc_err) or -1 (pynumc_err_int). */
PyObject *pynumc_err(int rc);
int pynumc_err_int(int rc);

/* Argument parsing for METH_FASTCALL|METH_KEYWORDS functions.
 * names: every parameter in order (NULL-terminated); the first `maxpos`
 * may be passed positionally (the first `posonly` only so), the rest are
 * keyword-only; the first `required` are required. out[i] receives a
 * borrowed reference or NULL when absent. Returns 0 or -1 (TypeError). */
typedef struct {
  const char *fname;
  const char *const *names;
  int posonly, maxpos, required;
} pynumc_argspec;
int pynumc_parse(const pynumc_argspec *spec, PyObject *const *args,
                 Py_ssize_t nargs, PyObject *kwnames, PyObject **out);

/* Parses a truth value argument (NULL/None -> dflt). */
int pynumc_bool_arg(PyObject *o, int dflt, int *out);

/* Evaluates a pending array with the GIL released. */
int pynumc_eval1(numc_array *a);
/* Data pointer for reading/writing, evaluating first (GIL released while a
 * pending array computes). */
int pynumc_data(void **out, numc_array *a, unsigned access);

/* Elements of work above which libnumc calls release the GIL. */
#define PYNUMC_NOGIL_SIZE 32768
/* Runs `stmt` with the GIL released when `cond` holds. */
#define PYNUMC_NOGIL_IF(cond, stmt)                                            \
  do {                                                                         \
    if (cond) {                                                                \
      Py_BEGIN_ALLOW_THREADS stmt;                                             \
      Py_END_ALLOW_THREADS                                                     \
    } else {                                                                   \
      stmt;                                                                    \
    }                                                                          \
  } while (0)
/* True when an operation on `a` may compute (pending or large). */
static inline int pynumc_heavy(const numc_array *a) {
  return numc_array_size(a) >= PYNUMC_NOGIL_SIZE ||
         (numc_array_flags(a) & NUMC_PENDING);
}
/* The same for the operand object `o` that gave handle `a`: ndarrays
 * remember once they are computed; converted operands (scalars, lists) are
 * never pending. */
static inline int pynumc_heavy_obj(PyObject *o, const numc_array *a) {
  if (numc_array_size(a) >= PYNUMC_NOGIL_SIZE) return 1;
  if (!PyNumcArray_Check(o)) return 0;
  PyNumcArray *p = (PyNumcArray *)o;
  if (p->computed) return 0;
  if (numc_array_flags(a) & NUMC_PENDING) return 1;
  p->computed = 1;
  return 0;
}
/* Evaluates the ndarray o if it is pending (GIL released meanwhile). */
static inline int pynumc_eval_obj(PyObject *o) {
  PyNumcArray *p = (PyNumcArray *)o;
  if (p->computed) return 0;
  if (pynumc_eval1(p->arr) < 0) return -1;
  p->computed = 1;
  return 0;
}
/* The read pointer of ndarray o (evaluating it first), cached. */
static inline const char *pynumc_read_ptr(PyObject *o) {
  PyNumcArray *p = (PyNumcArray *)o;
  if (p->data == NULL) {
    void *d;
    if (pynumc_data(&d, p->arr, NUMC_ACCESS_READ) < 0) return NULL;
    p->data = d;
    p->computed = 1;
  }
  return p->data;
}
/* pynumc_operand with a borrowed handle for ndarrays (*owned = 0): the
 * object keeps it alive for the call. Release with pynumc_opnd_done. */
static inline int pynumc_operand_b(PyObject *o, numc_array **out, int *kind,
                                   int *owned) {
  if (PyNumcArray_Check(o)) {
    *out = PYNUMC_ARR(o);
    *kind = PYNUMC_OPND_ARRAY;
    *owned = 0;
    return 0;
  }
  *owned = 1;
  return pynumc_operand(o, out, kind, 1);
}
static inline void pynumc_opnd_done(numc_array *a, int owned) {
  if (owned) numc_release(a);
}
/* Both operands of a binary operator through pynumc_operand_b: 0 with
 * both set (release each with pynumc_opnd_done), > 0 when either is not an
 * operand numc handles (return NotImplemented), -1 with an exception. */
static inline int pynumc_operands2(PyObject *a, PyObject *b, numc_array **x,
                                   numc_array **y, int *ka, int *kb, int *oa,
                                   int *ob) {
  int r = pynumc_operand_b(a, x, ka, oa);
  if (r != 0) return r;
  r = pynumc_operand_b(b, y, kb, ob);
  if (r != 0) pynumc_opnd_done(*x, *oa);
  return r;
}

/* ---- namespace functions (functions.c) ---------------------------------- */

/* The module's function table (NULL-terminated), and ndarray methods that
 * share their implementation with a namespace function. */
extern PyMethodDef pynumc_functions[];
PyObject *pynumc_reduce_method(PyObject *self, PyObject *const *args,
                               Py_ssize_t nargs, PyObject *kwnames, int which);
/* Reduction entries usable as methods (index = numc_reduce_op, plus the
 * scans): see ndarray.c. */
enum { PYNUMC_RED_CUMSUM = NUMC_REDUCE__END, PYNUMC_RED_CUMPROD,
       PYNUMC_RED__COUNT };
/* ndarray methods implemented in functions.c. */
PyObject *pynumc_m_astype(PyObject *self, PyObject *const *args,
                          Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_m_reshape(PyObject *self, PyObject *const *args,
                           Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_m_transpose(PyObject *self, PyObject *const *args,
                             Py_ssize_t nargs);
PyObject *pynumc_m_squeeze(PyObject *self, PyObject *const *args,
                           Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_m_clip(PyObject *self, PyObject *const *args,
                        Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_m_round(PyObject *self, PyObject *const *args,
                         Py_ssize_t nargs, PyObject *kwnames);
/* layout.c: order= ('C', 'F', 'A', 'K'; None gives dflt) -> *out, or -1
 * (ValueError); reshape in an order (F: column-major; A: F for
 * F-contiguous x; K: ValueError); *a copied into `order` unless it is
 * already laid out so (A, K and 0-d/1-d: unchanged). */
int pynumc_order_arg(PyObject *o, numc_order dflt, numc_order *out);
int pynumc_reshape_ordered(numc_array **out, const numc_array *x, int ndim,
                           const int64_t *shape, numc_order order,
                           numc_copy_mode copy);
int pynumc_to_order(numc_array **a, numc_order order);
/* Steals array object r: r itself when laid out in `order` already, else a
 * new array copied so (ValueError when !may_copy); NULL passes through. */
PyObject *pynumc_relayout(PyObject *r, numc_order order, int may_copy);
/* 'A'/'K' resolved against x: F when x is F- and not C-contiguous, else
 * C; C and F unchanged. */
numc_order pynumc_order_of(const numc_array *x, numc_order o);
/* ndarray methods of layout.c: flatten/ravel(order=), and byteswap,
 * resize (in place), tofile, dump, dumps over numc._compat. */
PyObject *pynumc_m_flatten(PyObject *self, PyObject *const *args,
                           Py_ssize_t n, PyObject *kw);
PyObject *pynumc_m_ravel(PyObject *self, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw);
PyObject *pynumc_m_swapaxes(PyObject *self, PyObject *const *args,
                            Py_ssize_t nargs);
/* finfo/iinfo struct sequence types. */
int pynumc_functions_init(PyObject *m);

/* ---- manipulation and indexing (manip.c) -------------------------------- */

/* take, take_along_axis, put, put_along_axis, concat/concatenate, stack,
 * unstack, moveaxis, repeat, roll, tile, ravel, diff, tril, triu, meshgrid
 * (NULL-terminated). */
extern PyMethodDef pynumc_manip_functions[];
/* An advanced index entry of x[...] (list, tuple, bool, ndarray or other
 * array-like) as an index array, NumPy's way: sequences become integer
 * arrays (an empty one int64), anything else that does not come out
 * integer or bool is IndexError. New handle in *out; 0 or -1. */
int pynumc_index_array(PyObject *o, numc_array **out);
/* The value of an assignment into an array of dtype dt (ndarray.c), as a
 * new handle: ndarrays as they are, scalars as 0-d arrays (Python scalars
 * stay weak, so an out-of-range int raises at the write), sequences
 * converted straight to dt. 0 or -1. */
int pynumc_value_handle(PyObject *value, numc_dtype dt, numc_array **out);
/* ndarray methods implemented in manip.c. */
PyObject *pynumc_m_take(PyObject *self, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw);
PyObject *pynumc_m_put(PyObject *self, PyObject *const *args, Py_ssize_t n,
                       PyObject *kw);
PyObject *pynumc_m_repeat(PyObject *self, PyObject *const *args, Py_ssize_t n,
                          PyObject *kw);

/* Argument helpers shared by manip.c and sorting.c; each returns 0 or -1
 * with the exception set unless documented otherwise.
 * pynumc_array_arg: anything asarray accepts (scalars included) as a new
 *   handle; NULL with TypeError otherwise.
 * pynumc_int_arg: a Python integer (or __index__ object, not bool).
 * pynumc_ints_arg: an int or a tuple/list of at most NUMC_MAXDIMS ints.
 * pynumc_axis_arg: an int axis, None -> NUMC_AXIS_NONE.
 * pynumc_axes_arg: an int or a tuple/list of axes (no None).
 * pynumc_arrays_arg: n array-likes as a PyMem block of new handles (free it
 *   with pynumc_arrays_done); *heavy set when any may compute.
 * pynumc_tuple_of: a tuple wrapping n handles (stolen, also on failure),
 *   each with .base `base` (may be NULL). */
numc_array *pynumc_array_arg(PyObject *o, const char *fn);
int pynumc_int_arg(PyObject *o, int64_t *out, const char *what);
int pynumc_ints_arg(PyObject *o, int *n, int64_t *v, const char *what);
int pynumc_axis_arg(PyObject *o, int *axis);
int pynumc_axes_arg(PyObject *o, int *naxes, int *axes);
int pynumc_arrays_arg(PyObject *const *items, Py_ssize_t n, const char *fn,
                      numc_array ***out, int *heavy);
void pynumc_arrays_done(numc_array **a, Py_ssize_t n);
PyObject *pynumc_tuple_of(numc_array **a, Py_ssize_t n, PyObject *base);

/* ---- sorting, searching and sets (sorting.c) ------------------------------ */

/* sort, argsort, searchsorted, nonzero, flatnonzero, argwhere, unique_*,
 * isin (NULL-terminated). */
extern PyMethodDef pynumc_sorting_functions[];
/* Readies the unique_* result types (named tuples) and adds them to m. */
int pynumc_sorting_init(PyObject *m);
/* ndarray methods implemented in sorting.c (x.sort() sorts in place). */
PyObject *pynumc_m_sort(PyObject *self, PyObject *const *args, Py_ssize_t n,
                        PyObject *kw);
PyObject *pynumc_m_argsort(PyObject *self, PyObject *const *args, Py_ssize_t n,
                           PyObject *kw);
PyObject *pynumc_m_searchsorted(PyObject *self, PyObject *const *args,
                                Py_ssize_t n, PyObject *kw);
PyObject *pynumc_m_nonzero(PyObject *self, PyObject *unused);

/* ---- matrix products and numc.linalg (linalg.c) ------------------------ */

/* matmul, tensordot, vecdot, outer, inner, dot, vdot, trace, diagonal,
 * einsum, cross (NULL-terminated). */
extern PyMethodDef pynumc_linalg_functions[];
/* Adds pynumc_linalg_functions to m and creates the numc.linalg module
 * (m.linalg), with its result types and m's LinAlgError. */
int pynumc_linalg_init(PyObject *m);
/* The @ and @= operators of ndarray (a @= b writes into a, same_kind). */
PyObject *pynumc_matmul_op(PyObject *a, PyObject *b);
PyObject *pynumc_imatmul_op(PyObject *a, PyObject *b);
/* ndarray methods x.dot(b), x.trace(...), x.diagonal(...). */
PyObject *pynumc_m_dot(PyObject *self, PyObject *const *args, Py_ssize_t n,
                       PyObject *kw);
PyObject *pynumc_m_trace(PyObject *self, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw);
PyObject *pynumc_m_diagonal(PyObject *self, PyObject *const *args,
                            Py_ssize_t n, PyObject *kw);
/* ---- random numbers (random.c) ------------------------------------------ */

/* Creates the numc.random submodule (also in sys.modules) and adds it to m. */
int pynumc_random_init(PyObject *m);

/* ---- ufunc objects (ufunc.c) -------------------------------------------- */

extern PyTypeObject PyNumcUfunc_Type;
/* Readies numc.ufunc and adds one instance per elementwise op to m (under
 * numc's and NumPy's names). */
int pynumc_ufunc_init(PyObject *m);
/* Reports the floating-point warning events libnumc queued on this thread
 * as RuntimeWarnings ("divide by zero encountered in divide"); -1 if a
 * warning was turned into an exception. Call when numc_fpe_pending(). */
int pynumc_fpe_flush(void);
/* Parses casting= ('no' ... 'unsafe'; NULL/None leaves *out). 0 or -1. */
int pynumc_casting_from_obj(PyObject *o, numc_casting *out);
/* Calls numc._compat.<name>(*prefix[:np], *args, **kwargs) (vectorcall
 * convention for args/kwnames); new reference or NULL. */
/* Defines PyObject *fname(self, args, nargs, kwnames) (METH_FASTCALL |
 * METH_KEYWORDS) as a call of numc._compat.<pyname>(self, ...). */
#define PYNUMC_COMPAT_METHOD(linkage, fname, pyname)                           \
  linkage PyObject *fname(PyObject *self, PyObject *const *args,               \
                          Py_ssize_t nargs, PyObject *kwnames) {               \
    return pynumc_compat_call(pyname, &self, 1, args, nargs, kwnames);         \
  }
PyObject *pynumc_compat_call(const char *name, PyObject *const *prefix,
                             int np, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames);

/* ndarray hooks implemented in ufunc.c (forwarding to _compat.py):
 * __array_ufunc__, __array_function__, compress, choose
 * (METH_FASTCALL|METH_KEYWORDS) and the .flat getter/setter. */
PyObject *pynumc_array_ufunc(PyObject *self, PyObject *const *args,
                             Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_array_function(PyObject *self, PyObject *const *args,
                                Py_ssize_t nargs, PyObject *kwnames);
PyObject *pynumc_array_flat(PyObject *self, void *closure);
/* ndarray methods written in Python: pynumc_m_<name> calls
 * numc._compat._m_<name>(self, *args, **kwargs). X(name, doc). */
#define PYNUMC_COMPAT_METHODS(X)                                                 \
  X(compress, "compress(condition, axis=None, out=None): selected slices")      \
  X(choose, "choose(choices, out=None, mode='raise'): choices[self[i]][i]")     \
  X(partition, "partition(kth, axis=-1): partitions in place (kth elements "    \
               "in their sorted places)")                                       \
  X(argpartition, "argpartition(kth, axis=-1): indices that partition the "     \
                  "array")                                                      \
  X(tofile, "tofile(fid, sep='', format='%s'): raw bytes or text to a file")    \
  X(dump, "dump(file): pickles the array to a file")                            \
  X(dumps, "dumps(): the array's pickle as bytes")                              \
  X(byteswap, "byteswap(inplace=False): the elements with their bytes "         \
              "reversed (in place when inplace)")
#define PYNUMC_DECLARE_COMPAT_METHOD(name, doc)                                  \
  PyObject *pynumc_m_##name(PyObject *self, PyObject *const *args,               \
                            Py_ssize_t nargs, PyObject *kwnames);
PYNUMC_COMPAT_METHODS(PYNUMC_DECLARE_COMPAT_METHOD)
#undef PYNUMC_DECLARE_COMPAT_METHOD
int pynumc_array_set_flat(PyObject *self, PyObject *value, void *closure);

/* ---- formatting (format.c) ---------------------------------------------- */

PyObject *pynumc_array_repr(PyObject *self);
/* _set_printoptions / _get_printoptions (NULL-terminated). */
extern PyMethodDef pynumc_format_functions[];
PyObject *pynumc_array_str(PyObject *self);
/* repr()/str() of a scalar value of a numc scalar type. */
PyObject *pynumc_scalar_repr_value(const numc_scalar *s);
PyObject *pynumc_scalar_str_value(const numc_scalar *s);

/* ---- .npy files (npyio.c) ------------------------------------------------ */

PyObject *pynumc_save(PyObject *mod, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames);
PyObject *pynumc_load(PyObject *mod, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames);

#endif /* PYNUMC_H */
