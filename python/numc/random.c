/*
 * random.c - the numc.random submodule over libnumc's numc/random.h:
 * the bit generators (PCG64, PCG64DXSM, MT19937, Philox, SFC64), Generator
 * and default_rng, the legacy RandomState, and NumPy's module-level legacy
 * functions (bound methods of one global RandomState, as in NumPy). The
 * distributions map onto numc_random through one table of methods
 * (DIST_METHOD); composites (multivariate_normal, permuted, bytes, list
 * shuffles, random_integers) are forwarded to numc/_random.py.
 *
 * Seeds are turned into SeedSequence entropy words as NumPy does, so the
 * same seed gives NumPy's streams. Arguments are parsed and translated
 * here; all drawing happens in libnumc (GIL released for large outputs).
 */
#include "pynumc.h"

#include <sys/random.h>

/* ---- seeds -------------------------------------------------------------- */

typedef struct words {
  uint32_t *v;
  int64_t n, cap;
} words;

static int words_push(words *w, uint32_t x) {
  if (w->n == w->cap) {
    int64_t cap = w->cap ? 2 * w->cap : 16;
    uint32_t *v = PyMem_Realloc(w->v, sizeof(uint32_t) * (size_t)cap);
    if (v == NULL) {
      PyErr_NoMemory();
      return -1;
    }
    w->v = v, w->cap = cap;
  }
  w->v[w->n++] = x;
  return 0;
}

/* NumPy's _coerce_to_uint32_array: an int becomes its 32-bit words (least
 * significant first, 0 is one word), a sequence the concatenation of its
 * items' words. */
static int seed_words(PyObject *o, words *w) {
  if (PyNumcArray_Check(o)) { /* as NumPy treats arrays: their items */
    PyObject *l = PyObject_CallMethod(o, "tolist", NULL);
    int rc = l ? seed_words(l, w) : -1;
    Py_XDECREF(l);
    return rc;
  }
  if (PyIndex_Check(o) && !PyBool_Check(o)) {
    PyObject *v = PyNumber_Index(o);
    if (v == NULL) return -1;
    int neg = PyObject_RichCompareBool(v, Py_False, Py_LT);
    if (neg != 0) {
      Py_DECREF(v);
      if (neg > 0) PyErr_SetString(PyExc_ValueError, "expected non-negative integer");
      return -1;
    }
    PyObject *mask = PyLong_FromUnsignedLong(0xffffffffu), *sh = PyLong_FromLong(32);
    int rc = mask && sh ? 0 : -1;
    do {
      PyObject *lo = rc == 0 ? PyNumber_And(v, mask) : NULL;
      if (lo == NULL || words_push(w, (uint32_t)PyLong_AsUnsignedLong(lo)) < 0) rc = -1;
      Py_XDECREF(lo);
      PyObject *nv = rc == 0 ? PyNumber_Rshift(v, sh) : NULL;
      Py_SETREF(v, nv);
      if (v == NULL) rc = -1;
    } while (rc == 0 && PyObject_IsTrue(v));
    Py_XDECREF(v);
    Py_XDECREF(mask);
    Py_XDECREF(sh);
    return rc;
  }
  if (PyFloat_Check(o) || PyComplex_Check(o) || PyUnicode_Check(o) || PyBool_Check(o) ||
      !PySequence_Check(o)) {
    PyErr_Format(PyExc_TypeError, "SeedSequence expects int or sequence of ints for entropy not %R", o);
    return -1;
  }
  PyObject *seq = PySequence_Fast(o, "seed must be an int or a sequence of ints");
  if (seq == NULL) return -1;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++)
    if (seed_words(PySequence_Fast_GET_ITEM(seq, i), w) < 0) {
      Py_DECREF(seq);
      return -1;
    }
  Py_DECREF(seq);
  return 0;
}

/* The pool of SeedSequence(None): 128 bits of OS entropy, hashed. (Seeds
 * given by the caller go through numc.random.SeedSequence, bitgen_make.) */
static int entropy_pool(uint32_t pool[NUMC_SEEDSEQ_POOL_SIZE]) {
  uint32_t e[4];
  if (getentropy(e, sizeof e) != 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  int r = numc_seedseq_pool(pool, NUMC_SEEDSEQ_POOL_SIZE, e, 4, NULL, 0);
  return r < 0 ? pynumc_err_int(r) : 0;
}

/* A tuple of n uint32 words as Python ints (new reference or NULL). */
static PyObject *u32_tuple(const uint32_t *w, Py_ssize_t n) {
  PyObject *t = PyTuple_New(n);
  for (Py_ssize_t i = 0; t && i < n; i++) {
    PyObject *v = PyLong_FromUnsignedLong(w[i]);
    if (v == NULL) Py_CLEAR(t);
    else PyTuple_SET_ITEM(t, i, v);
  }
  return t;
}

/* ---- bit generators ---------------------------------------------------------- */

typedef struct {
  PyObject_HEAD
  numc_bitgen *bg;
  PyObject *seed_seq; /* the SeedSequence it was seeded from, or NULL */
} BitGenObject;

static PyTypeObject BitGen_Type, PCG64_Type, MT19937_Type, Philox_Type, SFC64_Type,
    PCG64DXSM_Type;

#define FASTM(name, fn, doc) {name, (PyCFunction)(void (*)(void))fn, METH_FASTCALL | METH_KEYWORDS, doc}

static void bitgen_dealloc(PyObject *self) {
  numc_bitgen_release(((BitGenObject *)self)->bg);
  Py_CLEAR(((BitGenObject *)self)->seed_seq);
  Py_TYPE(self)->tp_free(self);
}

static PyObject *forward(const char *name, PyObject *self, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw);

/* The SeedSequence behind `seed` (new reference): seed itself when it is
 * one (numc's, NumPy's: anything with .pool and .spawn), else
 * numc.random.SeedSequence(seed) (None: fresh OS entropy). */
static PyObject *seed_sequence_of(PyObject *seed) {
  if (seed != NULL && seed != Py_None && PyObject_HasAttrString(seed, "pool") &&
      PyObject_HasAttrString(seed, "spawn"))
    return Py_NewRef(seed);
  PyObject *arg = seed ? seed : Py_None;
  return forward("SeedSequence", arg, NULL, 0, NULL);
}

/* A new bit generator object of a kind seeded by `seed` through its
 * SeedSequence's pool (NumPy's PCG64(seed) ...); it keeps the sequence as
 * .seed_seq (for spawn). */
static PyObject *bitgen_make(PyTypeObject *type, numc_bitgen_kind kind, PyObject *seed) {
  PyObject *ss = seed_sequence_of(seed);
  if (ss == NULL) return NULL;
  PyObject *pool = PyObject_GetAttrString(ss, "pool");
  PyObject *seq = pool ? PySequence_Fast(pool, "SeedSequence.pool must be a sequence") : NULL;
  Py_XDECREF(pool);
  if (seq == NULL) {
    Py_DECREF(ss);
    return NULL;
  }
  Py_ssize_t np = PySequence_Fast_GET_SIZE(seq);
  uint32_t *words = PyMem_Malloc(sizeof(uint32_t) * (size_t)(np ? np : 1));
  int bad = words == NULL;
  for (Py_ssize_t i = 0; !bad && i < np; i++) {
    unsigned long long v = PyLong_AsUnsignedLongLongMask(PySequence_Fast_GET_ITEM(seq, i));
    bad = v == (unsigned long long)-1 && PyErr_Occurred();
    words[i] = (uint32_t)v;
  }
  Py_DECREF(seq);
  BitGenObject *o = bad ? NULL : (BitGenObject *)type->tp_alloc(type, 0);
  int rc = o ? numc_bitgen_new(&o->bg, kind, words, (int)np) : 0;
  PyMem_Free(words);
  if (o == NULL || rc < 0) {
    if (words == NULL) PyErr_NoMemory();
    Py_XDECREF(o);
    Py_DECREF(ss);
    return rc < 0 ? pynumc_err(rc) : NULL;
  }
  o->seed_seq = ss;
  return (PyObject *)o;
}

/* numc.random._seedseq_pool(entropy, spawn_key, pool_size): the hashed
 * pool words of SeedSequence(entropy, spawn_key=..., pool_size=...)
 * (numc_seedseq_pool), as a tuple of ints. */
static PyObject *seedseq_pool_py(PyObject *m, PyObject *args) {
  (void)m;
  PyObject *entropy, *key;
  int pool_size;
  if (!PyArg_ParseTuple(args, "OOi", &entropy, &key, &pool_size)) return NULL;
  if (pool_size < 4 || pool_size > 1 << 20) {
    PyErr_SetString(PyExc_ValueError, "The size of the entropy pool should be at least 4");
    return NULL;
  }
  words e = {0}, k = {0};
  uint32_t *pool = PyMem_Malloc(sizeof(uint32_t) * (size_t)pool_size);
  int rc = pool ? seed_words(entropy, &e) : -1;
  if (rc == 0) rc = seed_words(key, &k);
  if (rc == 0) {
    int r = numc_seedseq_pool(pool, pool_size, e.v, e.n, k.v, k.n);
    if (r < 0) rc = pynumc_err_int(r);
  }
  PyObject *t = rc == 0 ? u32_tuple(pool, pool_size) : NULL;
  if (pool == NULL) PyErr_NoMemory();
  PyMem_Free(pool);
  PyMem_Free(e.v);
  PyMem_Free(k.v);
  return t;
}

/* numc.random._seedseq_generate(pool, n_words): generate_state's 32-bit
 * words of the sequence with that pool (numc_seedseq_generate). */
static PyObject *seedseq_generate_py(PyObject *m, PyObject *args) {
  (void)m;
  PyObject *poolo;
  Py_ssize_t nw;
  if (!PyArg_ParseTuple(args, "On", &poolo, &nw)) return NULL;
  if (nw < 0) {
    PyErr_SetString(PyExc_ValueError, "n_words must be non-negative");
    return NULL;
  }
  words p = {0};
  if (seed_words(poolo, &p) < 0) return NULL;
  uint32_t *out = PyMem_Malloc(sizeof(uint32_t) * (size_t)(nw ? nw : 1));
  int r = out ? numc_seedseq_generate(out, nw, p.v, (int)p.n) : 0;
  PyObject *t = out && r == 0 ? u32_tuple(out, nw) : NULL;
  if (out == NULL) PyErr_NoMemory();
  else if (r < 0) pynumc_err(r);
  PyMem_Free(out);
  PyMem_Free(p.v);
  return t;
}

static PyObject *bitgen_new_kind(PyTypeObject *type, PyObject *args, PyObject *kw,
                                 numc_bitgen_kind kind) {
  static char *names[] = {"seed", NULL};
  PyObject *seed = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|O", names, &seed)) return NULL;
  return bitgen_make(type, kind, seed);
}

static PyObject *pcg64_new(PyTypeObject *t, PyObject *a, PyObject *k) {
  return bitgen_new_kind(t, a, k, NUMC_BITGEN_PCG64);
}
static PyObject *mt19937_new(PyTypeObject *t, PyObject *a, PyObject *k) {
  return bitgen_new_kind(t, a, k, NUMC_BITGEN_MT19937);
}
static PyObject *philox_new(PyTypeObject *t, PyObject *a, PyObject *k) {
  return bitgen_new_kind(t, a, k, NUMC_BITGEN_PHILOX);
}
static PyObject *sfc64_new(PyTypeObject *t, PyObject *a, PyObject *k) {
  return bitgen_new_kind(t, a, k, NUMC_BITGEN_SFC64);
}
static PyObject *pcg64dxsm_new(PyTypeObject *t, PyObject *a, PyObject *k) {
  return bitgen_new_kind(t, a, k, NUMC_BITGEN_PCG64DXSM);
}

/* size= as (ndim, shape); None gives ndim -1. */
static int size_arg(PyObject *o, int *ndim, int64_t *shape) {
  if (o == NULL || o == Py_None) {
    *ndim = -1;
    return 0;
  }
  if (pynumc_shape_from_obj(o, ndim, shape) < 0) return -1;
  for (int d = 0; d < *ndim; d++)
    if (shape[d] < 0) {
      PyErr_SetString(PyExc_ValueError, "negative dimensions are not allowed");
      return -1;
    }
  return 0;
}

static int64_t size_count(int ndim, const int64_t *shape) {
  int64_t n = 1;
  for (int d = 0; d < ndim; d++) n *= shape[d];
  return n;
}

/* Wraps a result; size=None (as_scalar) with a 0-d result gives a scalar:
 * a Python number when `py` is set (NumPy returns Python floats from its
 * float distributions and Python ints from randint(dtype=int) and
 * choice(int)), a numc scalar otherwise. */
static PyObject *finish(numc_array *a, int as_scalar, int py) {
  if (!as_scalar || numc_array_ndim(a) != 0) return pynumc_wrap(a, NULL);
  numc_scalar s;
  int rc = numc_item_get(&s, a, NULL);
  numc_release(a);
  if (rc < 0) return pynumc_err(rc);
  return py ? pynumc_scalar_to_py(&s) : pynumc_scalar_new(&s);
}

static PyObject *bitgen_random_raw(PyObject *self, PyObject *const *args, Py_ssize_t n,
                                   PyObject *kw) {
  static const char *const N[] = {"size", "output", NULL};
  static const pynumc_argspec sp = {"random_raw", N, 0, 2, 0};
  PyObject *a[2];
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
  if (pynumc_parse(&sp, args, n, kw, a) < 0 || size_arg(a[0], &ndim, shape) < 0) return NULL;
  numc_array *out;
  int rc = numc_bitgen_random_raw(&out, ((BitGenObject *)self)->bg, ndim < 0 ? 0 : ndim, shape);
  if (rc < 0) return pynumc_err(rc);
  return finish(out, ndim < 0, 1);
}

/* state: NumPy's dict for each kind. */
static PyObject *u128_obj(uint64_t hi, uint64_t lo) {
  PyObject *h = PyLong_FromUnsignedLongLong(hi), *l = PyLong_FromUnsignedLongLong(lo);
  PyObject *s = PyLong_FromLong(64), *r = NULL;
  if (h && l && s) {
    PyObject *t = PyNumber_Lshift(h, s);
    if (t) r = PyNumber_Or(t, l);
    Py_XDECREF(t);
  }
  Py_XDECREF(h), Py_XDECREF(l), Py_XDECREF(s);
  return r;
}

static PyObject *words_array(numc_dtype dt, int64_t n, const void *data) {
  numc_array *a;
  int rc = numc_from_copy(&a, dt, 1, &n, NULL, data);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(a, NULL);
}

static PyObject *bitgen_state_get(PyObject *self, void *closure) {
  (void)closure;
  numc_bitgen_state st;
  int rc = numc_bitgen_get_state(&st, ((BitGenObject *)self)->bg);
  if (rc < 0) return pynumc_err(rc);
  switch (st.kind) {
  case NUMC_BITGEN_PCG64:
  case NUMC_BITGEN_PCG64DXSM:
    return Py_BuildValue("{s:s,s:{s:N,s:N},s:i,s:k}", "bit_generator",
                         st.kind == NUMC_BITGEN_PCG64 ? "PCG64" : "PCG64DXSM", "state", "state",
                         u128_obj(st.u.pcg64.state_high, st.u.pcg64.state_low), "inc",
                         u128_obj(st.u.pcg64.inc_high, st.u.pcg64.inc_low), "has_uint32",
                         (int)st.has_uint32, "uinteger", (unsigned long)st.uinteger);
  case NUMC_BITGEN_MT19937:
    return Py_BuildValue("{s:s,s:{s:N,s:i}}", "bit_generator", "MT19937", "state", "key",
                         words_array(NUMC_UINT32, 624, st.u.mt19937.key), "pos",
                         (int)st.u.mt19937.pos);
  case NUMC_BITGEN_SFC64:
    return Py_BuildValue("{s:s,s:{s:N},s:i,s:k}", "bit_generator", "SFC64", "state", "state",
                         words_array(NUMC_UINT64, 4, st.u.sfc64.state), "has_uint32",
                         (int)st.has_uint32, "uinteger", (unsigned long)st.uinteger);
  default:
    return Py_BuildValue("{s:s,s:{s:N,s:N},s:N,s:i,s:i,s:k}", "bit_generator", "Philox", "state",
                         "counter", words_array(NUMC_UINT64, 4, st.u.philox.counter), "key",
                         words_array(NUMC_UINT64, 2, st.u.philox.key), "buffer",
                         words_array(NUMC_UINT64, 4, st.u.philox.buffer), "buffer_pos",
                         (int)st.u.philox.buffer_pos, "has_uint32", (int)st.has_uint32,
                         "uinteger", (unsigned long)st.uinteger);
  }
}

/* ---- state setter: NumPy's dicts back into a numc_bitgen_state ---------- */

/* d[key] as a borrowed reference; KeyError-like ValueError when missing. */
static PyObject *state_item(PyObject *d, const char *key) {
  PyObject *v = PyDict_Check(d) ? PyDict_GetItemString(d, key) : NULL;
  if (v == NULL && !PyErr_Occurred())
    PyErr_Format(PyExc_ValueError, "state must be a dict with a '%s' entry", key);
  return v;
}

/* An integer (anything with __index__) as its low 64 bits / as a long. */
static int state_u64(PyObject *o, uint64_t *out) {
  PyObject *v = o ? PyNumber_Index(o) : NULL;
  if (v == NULL) return -1;
  *out = PyLong_AsUnsignedLongLongMask(v);
  Py_DECREF(v);
  return (*out == (uint64_t)-1 && PyErr_Occurred()) ? -1 : 0;
}

static int state_int(PyObject *d, const char *key, int32_t *out) {
  uint64_t v;
  if (state_u64(state_item(d, key), &v) < 0) return -1;
  *out = (int32_t)v;
  return 0;
}

/* A 128-bit Python int as (hi, lo). */
static int state_u128(PyObject *o, uint64_t *hi, uint64_t *lo) {
  PyObject *sh = PyLong_FromLong(64), *h = sh && o ? PyNumber_Rshift(o, sh) : NULL;
  Py_XDECREF(sh);
  if (h == NULL) return -1;
  int rc = state_u64(h, hi) < 0 || state_u64(o, lo) < 0 ? -1 : 0;
  Py_DECREF(h);
  return rc;
}

/* n words of a sequence (list, NumPy or numc array). */
static int state_words(PyObject *o, int n, uint64_t *w64, uint32_t *w32) {
  PyObject *seq = o ? PySequence_Fast(o, "state entries must be sequences of integers") : NULL;
  if (seq == NULL) return -1;
  int rc = 0;
  if (PySequence_Fast_GET_SIZE(seq) != n) {
    PyErr_Format(PyExc_ValueError, "state entry must have %d words", n);
    rc = -1;
  }
  for (int i = 0; i < n && rc == 0; i++) {
    uint64_t v;
    rc = state_u64(PySequence_Fast_GET_ITEM(seq, i), &v);
    if (w64) w64[i] = v;
    if (w32) w32[i] = (uint32_t)v;
  }
  Py_DECREF(seq);
  return rc;
}

/* Parses NumPy's state dict for the generator's kind into st (st->kind
 * set by the caller); RandomState's has_gauss/gauss are read when present. */
static int state_parse(PyObject *d, numc_bitgen_state *st) {
  static const char *const names[] = {"MT19937", "PCG64", "Philox", "SFC64", "PCG64DXSM"};
  PyObject *name = state_item(d, "bit_generator"), *in = name ? state_item(d, "state") : NULL;
  if (in == NULL) return -1;
  if (!PyUnicode_Check(name) || PyUnicode_CompareWithASCIIString(name, names[st->kind]) != 0) {
    PyErr_Format(PyExc_ValueError, "state must be for a %s %s", names[st->kind],
                 st->kind == NUMC_BITGEN_PCG64 || st->kind == NUMC_BITGEN_PCG64DXSM ? "RNG" : "PRNG");
    return -1;
  }
  int rc = 0;
  switch (st->kind) {
  case NUMC_BITGEN_MT19937:
    rc = state_words(state_item(in, "key"), 624, NULL, st->u.mt19937.key) < 0 ||
         state_int(in, "pos", &st->u.mt19937.pos) < 0;
    break;
  case NUMC_BITGEN_PCG64:
  case NUMC_BITGEN_PCG64DXSM:
    rc = state_u128(state_item(in, "state"), &st->u.pcg64.state_high, &st->u.pcg64.state_low) < 0 ||
         state_u128(state_item(in, "inc"), &st->u.pcg64.inc_high, &st->u.pcg64.inc_low) < 0;
    break;
  case NUMC_BITGEN_SFC64:
    rc = state_words(state_item(in, "state"), 4, st->u.sfc64.state, NULL) < 0;
    break;
  default:
    rc = state_words(state_item(in, "counter"), 4, st->u.philox.counter, NULL) < 0 ||
         state_words(state_item(in, "key"), 2, st->u.philox.key, NULL) < 0 ||
         state_words(state_item(d, "buffer"), 4, st->u.philox.buffer, NULL) < 0 ||
         state_int(d, "buffer_pos", &st->u.philox.buffer_pos) < 0;
  }
  if (rc) return -1;
  uint64_t u = 0;
  if (st->kind != NUMC_BITGEN_MT19937) {
    if (state_int(d, "has_uint32", &st->has_uint32) < 0 || state_u64(state_item(d, "uinteger"), &u) < 0)
      return -1;
    st->uinteger = (uint32_t)u;
  }
  PyObject *hg = PyDict_GetItemString(d, "has_gauss");
  if (hg != NULL) {
    PyObject *g = state_item(d, "gauss");
    if (state_int(d, "has_gauss", &st->has_gauss) < 0 || g == NULL) return -1;
    st->gauss = PyFloat_AsDouble(g);
    if (st->gauss == -1.0 && PyErr_Occurred()) return -1;
  }
  return 0;
}

static int bitgen_state_set(PyObject *self, PyObject *value, void *closure) {
  (void)closure;
  if (value == NULL) {
    PyErr_SetString(PyExc_AttributeError, "cannot delete the state");
    return -1;
  }
  numc_bitgen *bg = ((BitGenObject *)self)->bg;
  numc_bitgen_state st;
  int rc = numc_bitgen_get_state(&st, bg); /* keeps RandomState's gauss cache */
  if (rc < 0) return pynumc_err_int(rc);
  if (state_parse(value, &st) < 0) return -1;
  rc = numc_bitgen_set_state(bg, &st);
  return rc < 0 ? pynumc_err_int(rc) : 0;
}

/* The low 64 * nw bits of a Python int as words, least significant first
 * (NumPy's wrap_int: negative values wrap). */
static int int_words(PyObject *o, uint64_t *w, int nw) {
  PyObject *v = PyNumber_Index(o);
  if (v == NULL) return -1;
  PyObject *mask = PyLong_FromUnsignedLongLong(UINT64_MAX), *sh = PyLong_FromLong(64);
  int rc = mask && sh ? 0 : -1;
  for (int i = 0; i < nw && rc == 0; i++) {
    PyObject *lo = PyNumber_And(v, mask);
    if (lo == NULL) {
      rc = -1;
      break;
    }
    w[i] = PyLong_AsUnsignedLongLong(lo);
    Py_DECREF(lo);
    Py_SETREF(v, PyNumber_Rshift(v, sh));
    if (v == NULL || PyErr_Occurred()) rc = -1;
  }
  Py_XDECREF(v);
  Py_XDECREF(mask);
  Py_XDECREF(sh);
  return rc;
}

/* advance(delta) of PCG64 (128-bit delta) and Philox (256-bit). */
static PyObject *bitgen_advance(PyObject *self, PyObject *delta) {
  numc_bitgen *bg = ((BitGenObject *)self)->bg;
  numc_bitgen_kind kind = numc_bitgen_get_kind(bg);
  if (kind == NUMC_BITGEN_MT19937 || kind == NUMC_BITGEN_SFC64) {
    PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute 'advance'",
                 kind == NUMC_BITGEN_SFC64 ? "SFC64" : "MT19937");
    return NULL;
  }
  int nw = kind == NUMC_BITGEN_PHILOX ? 4 : 2;
  uint64_t w[4] = {0, 0, 0, 0};
  if (int_words(delta, w, nw) < 0) return NULL;
  int rc = numc_bitgen_advance(bg, w, nw);
  if (rc < 0) return pynumc_err(rc);
  return Py_NewRef(self);
}

/* jumped(jumps=1): a new generator of the same kind advanced as if
 * jumps * 2^128 draws (Philox) or jumps * 0x9e37...c835 steps (PCG64, the
 * golden-ratio step) were made, as NumPy. */
static PyObject *bitgen_jumped(PyObject *self, PyObject *const *args, Py_ssize_t n, PyObject *kw) {
  static const char *const N[] = {"jumps", NULL};
  static const pynumc_argspec sp = {"jumped", N, 0, 1, 0};
  PyObject *a[1];
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL;
  numc_bitgen *bg = ((BitGenObject *)self)->bg;
  numc_bitgen_kind kind = numc_bitgen_get_kind(bg);
  if (kind == NUMC_BITGEN_MT19937 || kind == NUMC_BITGEN_SFC64) {
    PyErr_Format(kind == NUMC_BITGEN_SFC64 ? PyExc_AttributeError : PyExc_NotImplementedError,
                 kind == NUMC_BITGEN_SFC64 ? "'SFC64' object has no attribute 'jumped'"
                                           : "numc: MT19937.jumped is not implemented");
    return NULL;
  }
  PyObject *jumps = a[0] ? PyNumber_Index(a[0]) : PyLong_FromLong(1);
  PyObject *step = kind != NUMC_BITGEN_PHILOX
                       ? PyLong_FromString("9e3779b97f4a7c15f39cc0605cedc835", NULL, 16)
                       : PyLong_FromString("100000000000000000000000000000000", NULL, 16);
  PyObject *delta = jumps && step ? PyNumber_Multiply(step, jumps) : NULL;
  Py_XDECREF(jumps);
  Py_XDECREF(step);
  if (delta == NULL) return NULL;
  BitGenObject *o = (BitGenObject *)Py_TYPE(self)->tp_alloc(Py_TYPE(self), 0);
  int rc = o ? numc_bitgen_copy(&o->bg, bg) : 0;
  PyObject *r = NULL;
  if (o != NULL && rc < 0) pynumc_err(rc);
  else if (o != NULL) r = bitgen_advance((PyObject *)o, delta);
  Py_DECREF(delta);
  Py_XDECREF(o);
  return r;
}

static PyObject *bitgen_seed_seq(PyObject *self, void *c) {
  (void)c;
  PyObject *ss = ((BitGenObject *)self)->seed_seq;
  return Py_NewRef(ss ? ss : Py_None);
}

static PyObject *bitgen_spawn(PyObject *self, PyObject *const *args, Py_ssize_t n, PyObject *kw) {
  return forward("bitgen_spawn", self, args, n, kw);
}

static PyMethodDef bitgen_methods[] = {
    {"advance", bitgen_advance, METH_O,
     "advance(delta)\n--\n\nMoves PCG64 or Philox delta draws ahead (buffered values "
     "dropped), as NumPy; returns self."},
    FASTM("spawn", bitgen_spawn,
          "spawn(n_children)\n--\n\nn_children independent generators of the same kind, "
          "seeded from seed_seq.spawn(n_children), as NumPy."),
    FASTM("jumped", bitgen_jumped,
          "jumped(jumps=1)\n--\n\nA copy of the generator jumped ahead, as NumPy's jumped."),
    {"random_raw", (PyCFunction)(void (*)(void))bitgen_random_raw, METH_FASTCALL | METH_KEYWORDS,
     "random_raw(size=None)\n--\n\nRaw draws of the bit generator as uint64 (MT19937: 32-bit "
     "words)."},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef bitgen_getset[] = {
    {"state", bitgen_state_get, bitgen_state_set,
     "The state of the generator as NumPy's dict (assignable).", NULL},
    {"seed_seq", bitgen_seed_seq, NULL,
     "The SeedSequence the generator was seeded from (None for copies made by jumped).",
     NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyTypeObject BitGen_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.random.BitGenerator",
    .tp_basicsize = sizeof(BitGenObject),
    .tp_dealloc = bitgen_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Base class of numc's bit generators (PCG64, PCG64DXSM, MT19937, Philox, SFC64).",
    .tp_methods = bitgen_methods,
    .tp_getset = bitgen_getset,
};

#define BITGEN_SUBTYPE(var, name, newfn, doc)                                  \
  static PyTypeObject var = {                                                  \
      PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.random." name,            \
      .tp_basicsize = sizeof(BitGenObject),                                    \
      .tp_dealloc = bitgen_dealloc,                                            \
      .tp_flags = Py_TPFLAGS_DEFAULT,                                          \
      .tp_doc = doc,                                                           \
      .tp_base = &BitGen_Type,                                                 \
      .tp_new = newfn,                                                         \
  };
BITGEN_SUBTYPE(PCG64_Type, "PCG64", pcg64_new,
               "PCG64(seed=None)\n--\n\nNumPy's PCG64 (128-bit LCG, XSL-RR output), seeded "
               "through SeedSequence(seed).")
BITGEN_SUBTYPE(MT19937_Type, "MT19937", mt19937_new,
               "MT19937(seed=None)\n--\n\nThe Mersenne Twister seeded through "
               "SeedSequence(seed), as NumPy's MT19937.")
BITGEN_SUBTYPE(Philox_Type, "Philox", philox_new,
               "Philox(seed=None)\n--\n\nPhilox 4x64-10 (counter based) seeded through "
               "SeedSequence(seed), as NumPy's Philox.")
BITGEN_SUBTYPE(PCG64DXSM_Type, "PCG64DXSM", pcg64dxsm_new,
               "PCG64DXSM(seed=None)\n--\n\nNumPy's PCG64DXSM (128-bit LCG with the cheap "
               "multiplier, DXSM output), seeded through SeedSequence(seed).")
BITGEN_SUBTYPE(SFC64_Type, "SFC64", sfc64_new,
               "SFC64(seed=None)\n--\n\nChris Doty-Humphrey's Small Fast Chaotic PRNG seeded "
               "through SeedSequence(seed), as NumPy's SFC64.")

/* ---- Generator and RandomState ------------------------------------------------ */

typedef struct {
  PyObject_HEAD
  PyObject *bitgen; /* the BitGenObject */
  unsigned legacy;  /* NUMC_RANDOM_LEGACY for RandomState */
} RNGObject;

static PyTypeObject Generator_Type, RandomState_Type;

#define RNG_BG(self) (((BitGenObject *)((RNGObject *)(self))->bitgen)->bg)

static void rng_dealloc(PyObject *self) {
  Py_CLEAR(((RNGObject *)self)->bitgen);
  Py_TYPE(self)->tp_free(self);
}

static PyObject *rng_wrap(PyTypeObject *type, PyObject *bitgen, unsigned legacy) {
  RNGObject *o = (RNGObject *)type->tp_alloc(type, 0);
  if (o == NULL) return NULL;
  o->bitgen = Py_NewRef(bitgen);
  o->legacy = legacy;
  return (PyObject *)o;
}

static PyObject *generator_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
  static char *names[] = {"bit_generator", NULL};
  PyObject *bg;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O!", names, &BitGen_Type, &bg)) return NULL;
  return rng_wrap(type, bg, 0);
}

/* RandomState's seeding (MT19937._legacy_seeding). */
static int legacy_seed(numc_bitgen *bg, PyObject *seed) {
  if (seed != NULL && PyNumcArray_Check(seed)) {
    PyObject *l = PyObject_CallMethod(seed, "tolist", NULL);
    int rc = l ? legacy_seed(bg, l) : -1;
    Py_XDECREF(l);
    return rc;
  }
  if (seed == NULL || seed == Py_None) {
    uint32_t pool[NUMC_SEEDSEQ_POOL_SIZE];
    if (entropy_pool(pool) < 0) return -1;
    numc_bitgen *fresh;
    int rc = numc_bitgen_new(&fresh, NUMC_BITGEN_MT19937, pool, NUMC_SEEDSEQ_POOL_SIZE);
    if (rc < 0) return pynumc_err_int(rc);
    numc_bitgen_state st;
    numc_bitgen_get_state(&st, fresh);
    numc_bitgen_release(fresh);
    rc = numc_bitgen_set_state(bg, &st);
    return rc < 0 ? pynumc_err_int(rc) : 0;
  }
  if (PyIndex_Check(seed) && !PyBool_Check(seed)) {
    PyObject *v = PyNumber_Index(seed);
    if (v == NULL) return -1;
    int overflow;
    long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    Py_DECREF(v);
    if (x == -1 && PyErr_Occurred()) return -1;
    if (overflow || x < 0 || x > 0xffffffffLL) {
      PyErr_SetString(PyExc_ValueError, "Seed must be between 0 and 2**32 - 1");
      return -1;
    }
    uint32_t k = (uint32_t)x;
    int rc = numc_bitgen_seed_legacy(bg, &k, 1, 1);
    return rc < 0 ? pynumc_err_int(rc) : 0;
  }
  if (PyFloat_Check(seed)) {
    PyErr_SetString(PyExc_TypeError, "Cannot cast scalar from dtype('float64') to "
                                     "dtype('int64') according to the rule 'safe'");
    return -1;
  }
  PyObject *seq = PySequence_Fast(seed, "Seed must be an int or a sequence of ints");
  if (seq == NULL) return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  uint32_t *key = PyMem_Malloc(sizeof(uint32_t) * (size_t)(n ? n : 1));
  int rc = key ? 0 : (PyErr_NoMemory(), -1);
  for (Py_ssize_t i = 0; i < n && rc == 0; i++) {
    PyObject *it = PySequence_Fast_GET_ITEM(seq, i);
    long long x = (PyIndex_Check(it) && !PyBool_Check(it)) ? PyLong_AsLongLong(it) : -2;
    if (x == -1 && PyErr_Occurred())
      rc = -1;
    else if (x == -2 && !PyIndex_Check(it)) {
      PyErr_SetString(PyExc_TypeError, "Seed array must be 1-d and of integers");
      rc = -1;
    } else if (x < 0 || x > 0xffffffffLL) {
      PyErr_SetString(PyExc_ValueError, "Seed must be between 0 and 2**32 - 1");
      rc = -1;
    } else {
      key[i] = (uint32_t)x;
    }
  }
  if (rc == 0) {
    int r = numc_bitgen_seed_legacy(bg, key, n, 0);
    if (r < 0) rc = pynumc_err_int(r);
  }
  PyMem_Free(key);
  Py_DECREF(seq);
  return rc;
}

static PyObject *randomstate_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
  static char *names[] = {"seed", NULL};
  PyObject *seed = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|O", names, &seed)) return NULL;
  if (seed != NULL && PyObject_TypeCheck(seed, &BitGen_Type)) return rng_wrap(type, seed, NUMC_RANDOM_LEGACY);
  uint32_t pool[NUMC_SEEDSEQ_POOL_SIZE] = {0};
  BitGenObject *bg = (BitGenObject *)MT19937_Type.tp_alloc(&MT19937_Type, 0);
  if (bg == NULL) return NULL;
  int rc = numc_bitgen_new(&bg->bg, NUMC_BITGEN_MT19937, pool, NUMC_SEEDSEQ_POOL_SIZE);
  if (rc < 0 || legacy_seed(bg->bg, seed) < 0) {
    if (rc < 0) pynumc_err(rc);
    Py_DECREF(bg);
    return NULL;
  }
  PyObject *r = rng_wrap(type, (PyObject *)bg, NUMC_RANDOM_LEGACY);
  Py_DECREF(bg);
  return r;
}

/* Converts a distribution parameter: Python numbers stay scalars (*is_arr
 * 0, value in *v); anything else becomes an array handle. */
static int param_arg(PyObject *o, double dflt, double *v, numc_array **arr) {
  *arr = NULL;
  if (o == NULL) {
    *v = dflt;
    return 0;
  }
  if (PyFloat_Check(o) || (PyLong_Check(o) && !PyBool_Check(o))) {
    *v = PyFloat_AsDouble(o);
    return (*v == -1.0 && PyErr_Occurred()) ? -1 : 0;
  }
  *arr = pynumc_array_arg(o, "random");
  return *arr ? 0 : -1;
}

/* The body of every float distribution method: np parameters (with their
 * defaults), size and dtype. */
static PyObject *draw(PyObject *self, numc_random_dist dist, PyObject *const *pa,
                      const double *dflt, int np, PyObject *size, PyObject *dtype_obj) {
  numc_dtype dt = NUMC_DTYPE_DEFAULT;
  if (dtype_obj != NULL && dtype_obj != Py_None) {
    if (pynumc_dtype_from_obj(dtype_obj, &dt) < 0) return NULL;
    if (dt != NUMC_FLOAT64 && dt != NUMC_FLOAT32 && dt != NUMC_DTYPE_DEFAULT) {
      PyObject *d = pynumc_dtype_obj(dt);
      PyErr_Format(PyExc_TypeError, "Unsupported dtype %R for %s", d, numc_random_dist_name(dist));
      return NULL;
    }
  }
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
  if (size_arg(size, &ndim, shape) < 0) return NULL;
  double v[3];
  numc_array *arr[3] = {NULL, NULL, NULL};
  int any_arr = 0, rc = 0, as_scalar = ndim < 0;
  for (int k = 0; k < np && rc == 0; k++) {
    rc = param_arg(pa[k], dflt[k], &v[k], &arr[k]);
    if (arr[k]) any_arr = 1;
  }
  numc_array *out = NULL;
  unsigned flags = ((RNGObject *)self)->legacy;
  numc_bitgen *bg = RNG_BG(self);
  if (rc == 0) {
    int big = ndim >= 0 && size_count(ndim, shape) >= PYNUMC_NOGIL_SIZE;
    if (!any_arr) {
      PYNUMC_NOGIL_IF(big, rc = numc_random_s(&out, bg, flags, dist, dt, v, ndim, shape));
    } else {
      for (int k = 0; k < np && rc == 0; k++) {
        if (arr[k] == NULL) {
          numc_scalar s = {.dtype = NUMC_FLOAT64, .v.f64 = v[k]};
          rc = numc_from_scalar(&arr[k], &s);
        } else if (numc_array_ndim(arr[k]) != 0) {
          as_scalar = 0;
        }
      }
      if (rc == 0)
        PYNUMC_NOGIL_IF(big, rc = numc_random(&out, bg, flags, dist, dt,
                                              (const numc_array *const *)arr, ndim, shape));
    }
    if (rc < 0) pynumc_err(rc);
  }
  for (int k = 0; k < np; k++)
    if (arr[k]) numc_release(arr[k]);
  if (rc < 0) return NULL;
  return finish(out, as_scalar, 1);
}

#define ARGS PyObject *self, PyObject *const *args, Py_ssize_t n, PyObject *kw
#define PARSE(fname, maxpos, required, ...)                                    \
  static const char *const N[] = {__VA_ARGS__, NULL};                          \
  static const pynumc_argspec sp = {fname, N, 0, maxpos, required};            \
  PyObject *a[sizeof N / sizeof N[0] - 1];                                     \
  if (pynumc_parse(&sp, args, n, kw, a) < 0) return NULL

static const double DFLT_01[2] = {0.0, 1.0}, DFLT_1[1] = {1.0}, DFLT_REQ[3] = {0, 0, 0};

static PyObject *g_random(ARGS) {
  PARSE("random", 3, 0, "size", "dtype", "out");
  return draw(self, NUMC_RANDOM_RANDOM, NULL, NULL, 0, a[0], a[1]);
}
static PyObject *g_standard_normal(ARGS) {
  PARSE("standard_normal", 3, 0, "size", "dtype", "out");
  return draw(self, NUMC_RANDOM_STANDARD_NORMAL, NULL, NULL, 0, a[0], a[1]);
}
static PyObject *g_standard_exponential(ARGS) {
  PARSE("standard_exponential", 4, 0, "size", "dtype", "method", "out");
  if (a[2] && !(PyUnicode_Check(a[2]) && PyUnicode_CompareWithASCIIString(a[2], "zig") == 0)) {
    PyErr_SetString(PyExc_NotImplementedError, "standard_exponential: only method='zig' is supported");
    return NULL;
  }
  return draw(self, NUMC_RANDOM_STANDARD_EXPONENTIAL, NULL, NULL, 0, a[0], a[1]);
}
/* A method drawing `dist` with np parameters named first in the argument
 * list (`required` of them without defaults), then size. */
#define DIST_METHOD(fn, name, dist, np, required, dflt, ...)                   \
  static PyObject *fn(ARGS) {                                                  \
    PARSE(name, np + 1, required, __VA_ARGS__);                                \
    return draw(self, dist, a, dflt, np, a[np], NULL);                         \
  }
DIST_METHOD(r_sample, "random_sample", NUMC_RANDOM_RANDOM, 0, 0, NULL, "size")
DIST_METHOD(r_standard_normal, "standard_normal", NUMC_RANDOM_STANDARD_NORMAL, 0, 0, NULL, "size")
DIST_METHOD(r_standard_exponential, "standard_exponential", NUMC_RANDOM_STANDARD_EXPONENTIAL, 0, 0, NULL, "size")
DIST_METHOD(m_normal, "normal", NUMC_RANDOM_NORMAL, 2, 0, DFLT_01, "loc", "scale", "size")
DIST_METHOD(m_uniform, "uniform", NUMC_RANDOM_UNIFORM, 2, 0, DFLT_01, "low", "high", "size")
DIST_METHOD(m_exponential, "exponential", NUMC_RANDOM_EXPONENTIAL, 1, 0, DFLT_1, "scale", "size")
DIST_METHOD(r_standard_gamma, "standard_gamma", NUMC_RANDOM_STANDARD_GAMMA, 1, 1, DFLT_1, "shape", "size")
DIST_METHOD(m_gamma, "gamma", NUMC_RANDOM_GAMMA, 2, 1, DFLT_01, "shape", "scale", "size")
DIST_METHOD(m_beta, "beta", NUMC_RANDOM_BETA, 2, 2, DFLT_01, "a", "b", "size")
DIST_METHOD(m_poisson, "poisson", NUMC_RANDOM_POISSON, 1, 0, DFLT_1, "lam", "size")
DIST_METHOD(m_binomial, "binomial", NUMC_RANDOM_BINOMIAL, 2, 2, DFLT_01, "n", "p", "size")
DIST_METHOD(m_chisquare, "chisquare", NUMC_RANDOM_CHISQUARE, 1, 1, DFLT_REQ, "df", "size")
DIST_METHOD(m_noncentral_chisquare, "noncentral_chisquare", NUMC_RANDOM_NONCENTRAL_CHISQUARE, 2, 2,
            DFLT_REQ, "df", "nonc", "size")
DIST_METHOD(m_f, "f", NUMC_RANDOM_F, 2, 2, DFLT_REQ, "dfnum", "dfden", "size")
DIST_METHOD(m_noncentral_f, "noncentral_f", NUMC_RANDOM_NONCENTRAL_F, 3, 3, DFLT_REQ, "dfnum",
            "dfden", "nonc", "size")
DIST_METHOD(m_lognormal, "lognormal", NUMC_RANDOM_LOGNORMAL, 2, 0, DFLT_01, "mean", "sigma", "size")
DIST_METHOD(m_standard_t, "standard_t", NUMC_RANDOM_STANDARD_T, 1, 1, DFLT_REQ, "df", "size")
DIST_METHOD(m_standard_cauchy, "standard_cauchy", NUMC_RANDOM_STANDARD_CAUCHY, 0, 0, NULL, "size")
DIST_METHOD(m_laplace, "laplace", NUMC_RANDOM_LAPLACE, 2, 0, DFLT_01, "loc", "scale", "size")
DIST_METHOD(m_logistic, "logistic", NUMC_RANDOM_LOGISTIC, 2, 0, DFLT_01, "loc", "scale", "size")
DIST_METHOD(m_gumbel, "gumbel", NUMC_RANDOM_GUMBEL, 2, 0, DFLT_01, "loc", "scale", "size")
DIST_METHOD(m_weibull, "weibull", NUMC_RANDOM_WEIBULL, 1, 1, DFLT_REQ, "a", "size")
DIST_METHOD(m_pareto, "pareto", NUMC_RANDOM_PARETO, 1, 1, DFLT_REQ, "a", "size")
DIST_METHOD(m_power, "power", NUMC_RANDOM_POWER, 1, 1, DFLT_REQ, "a", "size")
DIST_METHOD(m_rayleigh, "rayleigh", NUMC_RANDOM_RAYLEIGH, 1, 0, DFLT_1, "scale", "size")
DIST_METHOD(m_triangular, "triangular", NUMC_RANDOM_TRIANGULAR, 3, 3, DFLT_REQ, "left", "mode",
            "right", "size")
DIST_METHOD(m_vonmises, "vonmises", NUMC_RANDOM_VONMISES, 2, 2, DFLT_REQ, "mu", "kappa", "size")
DIST_METHOD(m_wald, "wald", NUMC_RANDOM_WALD, 2, 2, DFLT_REQ, "mean", "scale", "size")
DIST_METHOD(m_geometric, "geometric", NUMC_RANDOM_GEOMETRIC, 1, 1, DFLT_REQ, "p", "size")
DIST_METHOD(m_negative_binomial, "negative_binomial", NUMC_RANDOM_NEGATIVE_BINOMIAL, 2, 2, DFLT_REQ,
            "n", "p", "size")
DIST_METHOD(m_hypergeometric, "hypergeometric", NUMC_RANDOM_HYPERGEOMETRIC, 3, 3, DFLT_REQ, "ngood",
            "nbad", "nsample", "size")
DIST_METHOD(m_logseries, "logseries", NUMC_RANDOM_LOGSERIES, 1, 1, DFLT_REQ, "p", "size")
DIST_METHOD(m_zipf, "zipf", NUMC_RANDOM_ZIPF, 1, 1, DFLT_REQ, "a", "size")

static PyObject *g_standard_gamma(ARGS) {
  PARSE("standard_gamma", 4, 1, "shape", "size", "dtype", "out");
  if (a[2] != NULL && a[2] != Py_None) { /* NumPy has float32 too; numc only float64 */
    numc_dtype dt;
    if (pynumc_dtype_from_obj(a[2], &dt) < 0) return NULL;
    if (dt != NUMC_FLOAT64) {
      PyErr_Format(PyExc_TypeError, "Unsupported dtype %R for standard_gamma", pynumc_dtype_obj(dt));
      return NULL;
    }
  }
  return draw(self, NUMC_RANDOM_STANDARD_GAMMA, a, DFLT_1, 1, a[1], NULL);
}

/* multinomial(n, pvals, size) and dirichlet(alpha, size): array arguments
 * converted, the counts or proportions along a new last axis. */
static PyObject *vector_draw(PyObject *self, PyObject *first, PyObject *pvals, PyObject *size) {
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
  if (size_arg(size, &ndim, shape) < 0) return NULL;
  numc_array *a = pynumc_array_arg(first, "random"), *p = NULL, *out = NULL;
  if (a == NULL) return NULL;
  if (pvals != NULL && (p = pynumc_array_arg(pvals, "random")) == NULL) {
    numc_release(a);
    return NULL;
  }
  unsigned flags = ((RNGObject *)self)->legacy;
  numc_bitgen *bg = RNG_BG(self);
  int big = ndim >= 0 && size_count(ndim, shape) >= PYNUMC_NOGIL_SIZE, rc;
  if (p != NULL)
    PYNUMC_NOGIL_IF(big, rc = numc_random_multinomial(&out, bg, flags, a, p, ndim, shape));
  else
    PYNUMC_NOGIL_IF(big, rc = numc_random_dirichlet(&out, bg, flags, a, ndim, shape));
  numc_release(a);
  if (p) numc_release(p);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *g_multivariate_hypergeometric(ARGS) {
  PARSE("multivariate_hypergeometric", 4, 2, "colors", "nsample", "size", "method");
  int count = 0;
  if (a[3] != NULL) {
    if (PyUnicode_Check(a[3]) && PyUnicode_CompareWithASCIIString(a[3], "count") == 0)
      count = 1;
    else if (!(PyUnicode_Check(a[3]) && PyUnicode_CompareWithASCIIString(a[3], "marginals") == 0)) {
      PyErr_SetString(PyExc_ValueError, "method must be \"count\" or \"marginals\".");
      return NULL;
    }
  }
  if (!PyIndex_Check(a[1]) || PyBool_Check(a[1])) {
    PyErr_SetString(PyExc_ValueError, "nsample must be an integer");
    return NULL;
  }
  int overflow;
  long long ns = PyLong_AsLongLongAndOverflow(a[1], &overflow);
  if (ns == -1 && PyErr_Occurred()) return NULL;
  if (overflow > 0) {
    PyErr_SetString(PyExc_ValueError, "nsample must not exceed 9223372036854775807");
    return NULL;
  }
  if (overflow < 0) ns = -1;
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
  if (size_arg(a[2], &ndim, shape) < 0) return NULL;
  numc_array *colors = pynumc_array_arg(a[0], "multivariate_hypergeometric"), *out = NULL;
  if (colors == NULL) return NULL;
  int rc = numc_random_multivariate_hypergeometric(&out, RNG_BG(self), colors, ns, count, ndim,
                                                   shape);
  numc_release(colors);
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}

static PyObject *m_multinomial(ARGS) {
  PARSE("multinomial", 3, 2, "n", "pvals", "size");
  return vector_draw(self, a[0], a[1], a[2]);
}
static PyObject *m_dirichlet(ARGS) {
  PARSE("dirichlet", 2, 1, "alpha", "size");
  return vector_draw(self, a[0], NULL, a[1]);
}

/* ---- composites in numc/_random.py -------------------------------------------- */

/* numc._random.<name>(self, *args, **kwargs). */
static PyObject *forward(const char *name, PyObject *self, PyObject *const *args, Py_ssize_t n,
                         PyObject *kw) {
  static PyObject *mod = NULL;
  if (mod == NULL && (mod = PyImport_ImportModule("numc._random")) == NULL) return NULL;
  PyObject *fn = PyObject_GetAttrString(mod, name);
  if (fn == NULL) return NULL;
  Py_ssize_t nkw = kw ? PyTuple_GET_SIZE(kw) : 0, total = 1 + n + nkw;
  PyObject **buf = PyMem_Malloc(sizeof(PyObject *) * (size_t)total);
  PyObject *r = NULL;
  if (buf == NULL) {
    PyErr_NoMemory();
  } else {
    buf[0] = self;
    for (Py_ssize_t i = 0; i < n + nkw; i++) buf[1 + i] = args[i];
    r = PyObject_Vectorcall(fn, buf, 1 + n, kw);
    PyMem_Free(buf);
  }
  Py_DECREF(fn);
  return r;
}

#define FORWARD(fn, pyname)                                                    \
  static PyObject *fn(ARGS) { return forward(pyname, self, args, n, kw); }
FORWARD(g_multivariate_normal, "multivariate_normal")
FORWARD(r_multivariate_normal, "legacy_multivariate_normal")
FORWARD(m_bytes, "bytes")
FORWARD(g_spawn, "generator_spawn")
FORWARD(g_permuted, "permuted")
FORWARD(r_random_integers, "random_integers")
#undef FORWARD

/* rand(d0, d1, ...) / randn(...): the dimensions as separate arguments. */
static PyObject *dims_draw(PyObject *self, PyObject *args, numc_random_dist dist) {
  Py_ssize_t nd = PyTuple_GET_SIZE(args);
  if (nd == 0) return draw(self, dist, NULL, NULL, 0, NULL, NULL);
  return draw(self, dist, NULL, NULL, 0, args, NULL);
}
static PyObject *r_rand(PyObject *self, PyObject *args) {
  return dims_draw(self, args, NUMC_RANDOM_RANDOM);
}
static PyObject *r_randn(PyObject *self, PyObject *args) {
  return dims_draw(self, args, NUMC_RANDOM_STANDARD_NORMAL);
}

/* Checks a Python int bound beyond the 64-bit range: -1 with NumPy's
 * ValueError, 2 for exactly 2**64 as high, 0 otherwise (not an int, or in
 * range: the library checks it against the dtype). */
static int py_bound_check(PyObject *o, int is_high, numc_dtype dt) {
  if (o == NULL || !PyLong_Check(o)) return 0;
  int overflow;
  long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
  (void)v;
  if (overflow == 0) return 0;
  if (overflow > 0) {
    unsigned long long u = PyLong_AsUnsignedLongLong(o);
    if (!(u == (unsigned long long)-1 && PyErr_Occurred())) return 0;
    PyErr_Clear();
    PyObject *two64 = PyLong_FromUnsignedLongLong(UINT64_MAX), *one = PyLong_FromLong(1);
    PyObject *lim = two64 && one ? PyNumber_Add(two64, one) : NULL;
    int eq = lim ? PyObject_RichCompareBool(o, lim, Py_EQ) : -1;
    Py_XDECREF(two64), Py_XDECREF(one), Py_XDECREF(lim);
    if (eq < 0) return -1;
    if (eq && is_high && dt == NUMC_UINT64) return 2;
  }
  PyErr_Format(PyExc_ValueError, "%s is out of bounds for %s", is_high ? "high" : "low",
               numc_dtype_name(dt));
  return -1;
}

/* integers / randint. */
static PyObject *int_draw(PyObject *self, PyObject *low, PyObject *high, PyObject *size,
                          PyObject *dtype_obj, int endpoint, int pyint_default, const char *fname) {
  numc_dtype dt = NUMC_INT64;
  int pyint = pyint_default;
  if (dtype_obj != NULL && dtype_obj != Py_None) {
    if (dtype_obj != (PyObject *)&PyLong_Type) pyint = 0;
    if (pynumc_dtype_from_obj(dtype_obj, &dt) < 0) return NULL;
    if (dt == NUMC_DTYPE_DEFAULT) dt = NUMC_INT64;
  }
  if (!(numc_dtype_kind(dt) == 'i' || numc_dtype_kind(dt) == 'u' || dt == NUMC_BOOL)) {
    PyErr_Format(PyExc_TypeError, "Unsupported dtype %R for %s", dtype_obj, fname);
    return NULL;
  }
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
  if (size_arg(size, &ndim, shape) < 0) return NULL;
  if (high == NULL || high == Py_None) {
    high = low;
    low = NULL;
  }
  /* Python ints beyond 64 bits: NumPy's bounds errors, and high = 2**64
   * (exclusive) for uint64 as the closed 2**64 - 1 */
  PyObject *high_fixed = NULL;
  int wide = py_bound_check(low, 0, dt);
  if (wide == 0) wide = py_bound_check(high, 1, dt);
  if (wide < 0) return NULL;
  if (wide == 2 && !endpoint) {
    high_fixed = PyLong_FromUnsignedLongLong(UINT64_MAX);
    if (high_fixed == NULL) return NULL;
    high = high_fixed;
    endpoint = 1;
  } else if (wide == 2) {
    PyErr_Format(PyExc_ValueError, "high is out of bounds for %s", numc_dtype_name(dt));
    return NULL;
  }
  numc_array *lo = NULL, *hi = pynumc_array_arg(high, "integers");
  Py_XDECREF(high_fixed);
  if (hi == NULL) return NULL;
  if (low == NULL) {
    numc_scalar z = {.dtype = NUMC_INT64, .v.i64 = 0};
    int rc = numc_from_scalar(&lo, &z);
    if (rc < 0) lo = NULL, pynumc_err(rc);
  } else {
    lo = pynumc_array_arg(low, "integers");
  }
  if (lo == NULL) {
    numc_release(hi);
    return NULL;
  }
  int as_scalar = ndim < 0 && numc_array_ndim(lo) == 0 && numc_array_ndim(hi) == 0;
  unsigned flags = ((RNGObject *)self)->legacy | (endpoint ? NUMC_RANDOM_ENDPOINT : 0);
  numc_array *out;
  int big = ndim >= 0 && size_count(ndim, shape) >= PYNUMC_NOGIL_SIZE, rc;
  PYNUMC_NOGIL_IF(big, rc = numc_random_integers(&out, RNG_BG(self), flags, lo, hi, dt, ndim, shape));
  numc_release(lo);
  numc_release(hi);
  if (rc < 0) return pynumc_err(rc);
  return finish(out, as_scalar, pyint);
}

static PyObject *g_integers(ARGS) {
  PARSE("integers", 5, 1, "low", "high", "size", "dtype", "endpoint");
  int endpoint;
  if (pynumc_bool_arg(a[4], 0, &endpoint) < 0) return NULL;
  return int_draw(self, a[0], a[1], a[2], a[3], endpoint, 0, "integers");
}
static PyObject *r_randint(ARGS) {
  PARSE("randint", 4, 1, "low", "high", "size", "dtype");
  return int_draw(self, a[0], a[1], a[2], a[3], 0, 1, "randint");
}

/* shuffle / permutation. */
static PyObject *shuffle_impl(PyObject *self, PyObject *x, PyObject *axis_obj) {
  if (!PyNumcArray_Check(x)) { /* a list or other mutable sequence */
    PyObject *fa[2] = {x, axis_obj ? axis_obj : NULL};
    return forward("shuffle_sequence", self, fa, axis_obj ? 2 : 1, NULL);
  }
  int axis = 0;
  if (axis_obj != NULL && pynumc_axis_arg(axis_obj, &axis) < 0) return NULL;
  if (numc_array_ndim(PYNUMC_ARR(x)) == 0) {
    PyErr_SetString(((RNGObject *)self)->legacy ? PyExc_TypeError : pynumc_AxisError,
                    ((RNGObject *)self)->legacy ? "object of type 'numc.ndarray' has no len()"
                                                : "axis 0 is out of bounds for array of dimension 0");
    return NULL;
  }
  int rc;
  PYNUMC_NOGIL_IF(pynumc_heavy(PYNUMC_ARR(x)), rc = numc_random_shuffle(RNG_BG(self), PYNUMC_ARR(x), axis));
  if (rc < 0) return pynumc_err(rc);
  Py_RETURN_NONE;
}
static PyObject *g_shuffle(ARGS) {
  PARSE("shuffle", 2, 1, "x", "axis");
  return shuffle_impl(self, a[0], a[1]);
}
static PyObject *r_shuffle(ARGS) {
  PARSE("shuffle", 1, 1, "x");
  return shuffle_impl(self, a[0], NULL);
}

static PyObject *permutation_impl(PyObject *self, PyObject *x, PyObject *axis_obj) {
  numc_array *out;
  int rc;
  if (PyIndex_Check(x) && !PyNumcArray_Check(x) && !PyBool_Check(x)) {
    int64_t v;
    if (pynumc_int_arg(x, &v, "x") < 0) return NULL;
    if (v < 0) v = 0; /* arange(v) is empty */
    PYNUMC_NOGIL_IF(v >= PYNUMC_NOGIL_SIZE, rc = numc_random_permutation_n(&out, RNG_BG(self), v));
  } else {
    int axis = 0;
    if (axis_obj != NULL && pynumc_axis_arg(axis_obj, &axis) < 0) return NULL;
    numc_array *arr = pynumc_array_arg(x, "permutation");
    if (arr == NULL) return NULL;
    if (numc_array_ndim(arr) == 0 && !((RNGObject *)self)->legacy) {
      numc_release(arr); /* Generator normalizes the axis first */
      PyErr_SetString(pynumc_AxisError, "axis 0 is out of bounds for array of dimension 0");
      return NULL;
    }
    PYNUMC_NOGIL_IF(pynumc_heavy(arr), rc = numc_random_permutation(&out, RNG_BG(self), arr, axis));
    numc_release(arr);
  }
  if (rc < 0) return pynumc_err(rc);
  return pynumc_wrap(out, NULL);
}
static PyObject *g_permutation(ARGS) {
  PARSE("permutation", 2, 1, "x", "axis");
  return permutation_impl(self, a[0], a[1]);
}
static PyObject *r_permutation(ARGS) {
  PARSE("permutation", 1, 1, "x");
  return permutation_impl(self, a[0], NULL);
}

/* choice(a, size, replace, p[, axis, shuffle]). */
static PyObject *choice_impl(PyObject *self, PyObject *ao, PyObject *size, PyObject *replace_o,
                             PyObject *p_o, PyObject *axis_o, PyObject *shuffle_o) {
  int legacy = ((RNGObject *)self)->legacy != 0, replace, shuffle, axis = 0, ndim;
  int64_t shape[NUMC_MAXDIMS], pop;
  if (pynumc_bool_arg(replace_o, 1, &replace) < 0 || pynumc_bool_arg(shuffle_o, 1, &shuffle) < 0 ||
      (axis_o != NULL && pynumc_axis_arg(axis_o, &axis) < 0) || size_arg(size, &ndim, shape) < 0)
    return NULL;
  numc_array *arr = NULL;
  if (PyIndex_Check(ao) && !PyNumcArray_Check(ao) && !PyBool_Check(ao)) {
    if (pynumc_int_arg(ao, &pop, "a") < 0) return NULL;
    if (pop < 0 || (pop == 0 && (ndim < 0 || size_count(ndim, shape) != 0))) {
      PyErr_SetString(PyExc_ValueError, legacy ? "a must be greater than 0 unless no samples are taken"
                                               : "a must be a positive integer unless no samples are taken");
      return NULL;
    }
  } else {
    arr = pynumc_array_arg(ao, "choice");
    if (arr == NULL) return NULL;
    int and = numc_array_ndim(arr);
    if (and == 0 && numc_dtype_kind(numc_array_dtype(arr)) != 'f' &&
        numc_dtype_kind(numc_array_dtype(arr)) != 'c') { /* a 0-d integer: arange(a) */
      numc_scalar sv, iv;
      int r = numc_item_get(&sv, arr, NULL);
      if (r == 0) r = numc_scalar_cast(&iv, &sv, NUMC_INT64);
      numc_release(arr);
      if (r < 0) return pynumc_err(r);
      PyObject *o = PyLong_FromLongLong(iv.v.i64);
      if (o == NULL) return NULL;
      PyObject *res = choice_impl(self, o, size, replace_o, p_o, axis_o, shuffle_o);
      Py_DECREF(o);
      return res;
    }
    if (and == 0 || (legacy && and != 1)) {
      numc_release(arr);
      PyErr_SetString(PyExc_ValueError, legacy ? "a must be 1-dimensional"
                                               : "a must be a sequence or an integer, not a 0-d array");
      return NULL;
    }
    if (axis < 0) axis += and;
    if (axis < 0 || axis >= and) {
      numc_release(arr);
      PyErr_Format(pynumc_AxisError, "axis %d is out of bounds for array of dimension %d", axis, and);
      return NULL;
    }
    pop = numc_array_shape(arr)[axis];
  }
  numc_array *p = NULL;
  if (p_o != NULL && p_o != Py_None) {
    p = pynumc_array_arg(p_o, "choice");
    if (p == NULL) {
      if (arr) numc_release(arr);
      return NULL;
    }
  }
  unsigned flags = (legacy ? NUMC_RANDOM_LEGACY : 0) | (replace ? NUMC_RANDOM_REPLACE : 0) |
                   (shuffle ? NUMC_RANDOM_SHUFFLE : 0);
  numc_array *idx = NULL, *out = NULL;
  int rc = numc_random_choice(&idx, RNG_BG(self), flags, pop, p, ndim, shape);
  if (p) numc_release(p);
  if (rc == 0 && arr) {
    rc = numc_take(&out, arr, idx, axis);
    numc_release(idx);
  } else {
    out = idx;
  }
  if (arr) numc_release(arr);
  if (rc < 0) return pynumc_err(rc);
  return finish(out, ndim < 0, arr == NULL);
}
static PyObject *g_choice(ARGS) {
  PARSE("choice", 6, 1, "a", "size", "replace", "p", "axis", "shuffle");
  return choice_impl(self, a[0], a[1], a[2], a[3], a[4], a[5]);
}
static PyObject *r_choice(ARGS) {
  PARSE("choice", 4, 1, "a", "size", "replace", "p");
  return choice_impl(self, a[0], a[1], a[2], a[3], NULL, NULL);
}

static PyObject *r_seed(ARGS) {
  PARSE("seed", 1, 0, "seed");
  if (legacy_seed(RNG_BG(self), a[0]) < 0) return NULL;
  Py_RETURN_NONE;
}

/* RandomState.get_state(legacy=True): NumPy's ('MT19937', key, pos,
 * has_gauss, cached_gaussian) tuple, or the dict form. */
static PyObject *r_get_state(ARGS) {
  PARSE("get_state", 1, 0, "legacy");
  int legacy;
  if (pynumc_bool_arg(a[0], 1, &legacy) < 0) return NULL;
  numc_bitgen_state st;
  int rc = numc_bitgen_get_state(&st, RNG_BG(self));
  if (rc < 0) return pynumc_err(rc);
  if (legacy)
    return Py_BuildValue("sNiid", "MT19937", words_array(NUMC_UINT32, 624, st.u.mt19937.key),
                         (int)st.u.mt19937.pos, (int)st.has_gauss, st.gauss);
  PyObject *d = bitgen_state_get(((RNGObject *)self)->bitgen, NULL);
  if (d == NULL) return NULL;
  PyObject *hg = PyLong_FromLong(st.has_gauss), *g = PyFloat_FromDouble(st.gauss);
  if (hg == NULL || g == NULL || PyDict_SetItemString(d, "has_gauss", hg) < 0 ||
      PyDict_SetItemString(d, "gauss", g) < 0)
    Py_CLEAR(d);
  Py_XDECREF(hg);
  Py_XDECREF(g);
  return d;
}

/* RandomState.set_state(state): the tuple or the dict form. */
static PyObject *r_set_state(ARGS) {
  PARSE("set_state", 1, 1, "state");
  numc_bitgen *bg = RNG_BG(self);
  numc_bitgen_state st;
  int rc = numc_bitgen_get_state(&st, bg);
  if (rc < 0) return pynumc_err(rc);
  if (PyTuple_Check(a[0])) {
    PyObject *t = a[0];
    Py_ssize_t n = PyTuple_GET_SIZE(t);
    if (n < 3 || !PyUnicode_Check(PyTuple_GET_ITEM(t, 0)) ||
        PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(t, 0), "MT19937") != 0) {
      PyErr_SetString(PyExc_ValueError,
                      "set_state can only be used with legacy MT19937 state instances.");
      return NULL;
    }
    uint64_t pos, hg = 0;
    if (state_words(PyTuple_GET_ITEM(t, 1), 624, NULL, st.u.mt19937.key) < 0 ||
        state_u64(PyTuple_GET_ITEM(t, 2), &pos) < 0 ||
        (n >= 5 && state_u64(PyTuple_GET_ITEM(t, 3), &hg) < 0))
      return NULL;
    st.u.mt19937.pos = (int32_t)pos;
    st.has_gauss = (int32_t)hg;
    st.gauss = n >= 5 ? PyFloat_AsDouble(PyTuple_GET_ITEM(t, 4)) : 0.0;
    if (st.gauss == -1.0 && PyErr_Occurred()) return NULL;
  } else if (state_parse(a[0], &st) < 0) {
    return NULL;
  }
  rc = numc_bitgen_set_state(bg, &st);
  if (rc < 0) return pynumc_err(rc);
  Py_RETURN_NONE;
}

static PyObject *rng_bit_generator(PyObject *self, void *closure) {
  (void)closure;
  return Py_NewRef(((RNGObject *)self)->bitgen);
}

static PyObject *rng_repr(PyObject *self) {
  return PyUnicode_FromFormat("%s(%s) at %p", ((RNGObject *)self)->legacy ? "RandomState" : "Generator",
                              Py_TYPE(((RNGObject *)self)->bitgen)->tp_name + strlen("numc.random."),
                              self);
}

#define FAST(name, fn, doc) {name, (PyCFunction)(void (*)(void))fn, METH_FASTCALL | METH_KEYWORDS, doc}

/* Methods with the same signature in Generator and RandomState. */
#define SHARED_METHODS                                                         \
  FAST("uniform", m_uniform, "uniform(low=0.0, high=1.0, size=None)\n--\n\nFloats in [low, high)."), \
  FAST("exponential", m_exponential, "exponential(scale=1.0, size=None)\n--\n\nExponential draws."), \
  FAST("gamma", m_gamma, "gamma(shape, scale=1.0, size=None)\n--\n\nGamma draws."),         \
  FAST("beta", m_beta, "beta(a, b, size=None)\n--\n\nBeta draws."),                          \
  FAST("poisson", m_poisson, "poisson(lam=1.0, size=None)\n--\n\nPoisson draws (int64)."),   \
  FAST("binomial", m_binomial, "binomial(n, p, size=None)\n--\n\nBinomial draws (int64)."), \
  FAST("chisquare", m_chisquare, "chisquare(df, size=None)\n--\n\nChi-square draws."),      \
  FAST("noncentral_chisquare", m_noncentral_chisquare,                         \
       "noncentral_chisquare(df, nonc, size=None)\n--\n\nNoncentral chi-square draws."), \
  FAST("f", m_f, "f(dfnum, dfden, size=None)\n--\n\nF (Fisher) draws."),                   \
  FAST("noncentral_f", m_noncentral_f,                                         \
       "noncentral_f(dfnum, dfden, nonc, size=None)\n--\n\nNoncentral F draws."),           \
  FAST("lognormal", m_lognormal,                                               \
       "lognormal(mean=0.0, sigma=1.0, size=None)\n--\n\nLog-normal draws."),                \
  FAST("standard_t", m_standard_t, "standard_t(df, size=None)\n--\n\nStudent's t draws."),  \
  FAST("standard_cauchy", m_standard_cauchy,                                   \
       "standard_cauchy(size=None)\n--\n\nStandard Cauchy (Lorentz) draws."),               \
  FAST("laplace", m_laplace, "laplace(loc=0.0, scale=1.0, size=None)\n--\n\nLaplace draws."), \
  FAST("logistic", m_logistic,                                                 \
       "logistic(loc=0.0, scale=1.0, size=None)\n--\n\nLogistic draws."),                   \
  FAST("gumbel", m_gumbel, "gumbel(loc=0.0, scale=1.0, size=None)\n--\n\nGumbel draws."),    \
  FAST("weibull", m_weibull, "weibull(a, size=None)\n--\n\nWeibull draws (scale 1)."),      \
  FAST("pareto", m_pareto, "pareto(a, size=None)\n--\n\nPareto II (Lomax) draws."),         \
  FAST("power", m_power, "power(a, size=None)\n--\n\nPower-function draws in [0, 1]."),     \
  FAST("rayleigh", m_rayleigh, "rayleigh(scale=1.0, size=None)\n--\n\nRayleigh draws."),    \
  FAST("triangular", m_triangular,                                             \
       "triangular(left, mode, right, size=None)\n--\n\nTriangular draws."),                \
  FAST("vonmises", m_vonmises, "vonmises(mu, kappa, size=None)\n--\n\nvon Mises draws."),   \
  FAST("wald", m_wald, "wald(mean, scale, size=None)\n--\n\nWald (inverse Gaussian) draws."), \
  FAST("geometric", m_geometric, "geometric(p, size=None)\n--\n\nGeometric draws (int64)."), \
  FAST("negative_binomial", m_negative_binomial,                               \
       "negative_binomial(n, p, size=None)\n--\n\nNegative binomial draws (int64)."),       \
  FAST("hypergeometric", m_hypergeometric,                                     \
       "hypergeometric(ngood, nbad, nsample, size=None)\n--\n\nHypergeometric draws "        \
       "(int64)."),                                                            \
  FAST("logseries", m_logseries,                                               \
       "logseries(p, size=None)\n--\n\nLogarithmic series draws (int64)."),                 \
  FAST("zipf", m_zipf, "zipf(a, size=None)\n--\n\nZipf draws (int64)."), \
  FAST("bytes", m_bytes, "bytes(length)\n--\n\nlength random bytes."), \
  FAST("multinomial", m_multinomial,                                           \
       "multinomial(n, pvals, size=None)\n--\n\nMultinomial counts (int64), categories "     \
       "along the last axis."),                                                \
  FAST("dirichlet", m_dirichlet,                                               \
       "dirichlet(alpha, size=None)\n--\n\nDirichlet draws along the last axis."),

static PyMethodDef generator_methods[] = {
    FAST("random", g_random, "random(size=None, dtype=float64)\n--\n\nFloats in [0, 1)."),
    FAST("integers", g_integers,
         "integers(low, high=None, size=None, dtype=int64, endpoint=False)\n--\n\n"
         "Integers in [low, high) (or [low, high] with endpoint)."),
    FAST("normal", m_normal, "normal(loc=0.0, scale=1.0, size=None)\n--\n\nNormal draws."),
    FAST("standard_normal", g_standard_normal,
         "standard_normal(size=None, dtype=float64)\n--\n\nStandard normal draws (ziggurat)."),
    FAST("standard_exponential", g_standard_exponential,
         "standard_exponential(size=None, dtype=float64, method='zig')\n--\n\n"
         "Standard exponential draws (ziggurat)."),
    FAST("standard_gamma", g_standard_gamma,
         "standard_gamma(shape, size=None, dtype=float64)\n--\n\nGamma draws of scale 1."),
    SHARED_METHODS
    FAST("choice", g_choice,
         "choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)\n--\n\n"
         "A random sample of a (an array, or arange(a) for an int)."),
    FAST("permutation", g_permutation,
         "permutation(x, axis=0)\n--\n\nA shuffled copy of x (or of arange(x) for an int)."),
    FAST("shuffle", g_shuffle, "shuffle(x, axis=0)\n--\n\nShuffles the array x in place along axis."),
    FAST("multivariate_hypergeometric", g_multivariate_hypergeometric,
         "multivariate_hypergeometric(colors, nsample, size=None, method='marginals')\n--\n\n"
         "Counts of each color in samples of nsample drawn without replacement."),
    FAST("spawn", g_spawn,
         "spawn(n_children)\n--\n\nn_children independent Generators over bit generators "
         "spawned from this one's (bit_generator.spawn), as NumPy."),
    FAST("permuted", g_permuted,
         "permuted(x, *, axis=None, out=None)\n--\n\nA copy of x (or out) with every slice "
         "along axis (the flattened array for None) shuffled independently."),
    FAST("multivariate_normal", g_multivariate_normal,
         "multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8, *, "
         "method='svd')\n--\n\nMultivariate normal draws (factor by svd, eigh or cholesky)."),
    {NULL, NULL, 0, NULL}};

static PyMethodDef randomstate_methods[] = {
    FAST("seed", r_seed, "seed(seed=None)\n--\n\nReseeds the legacy MT19937 generator."),
    FAST("get_state", r_get_state,
         "get_state(legacy=True)\n--\n\nThe state: NumPy's legacy tuple or its dict."),
    FAST("set_state", r_set_state,
         "set_state(state)\n--\n\nRestores a state from get_state (either form)."),
    {"rand", (PyCFunction)r_rand, METH_VARARGS,
     "rand(d0, d1, ..., dn)\n--\n\nFloats in [0, 1) of shape (d0, ..., dn)."},
    {"randn", (PyCFunction)r_randn, METH_VARARGS,
     "randn(d0, d1, ..., dn)\n--\n\nStandard normals of shape (d0, ..., dn)."},
    FAST("random_sample", r_sample, "random_sample(size=None)\n--\n\nFloats in [0, 1)."),
    FAST("random", r_sample, "random(size=None)\n--\n\nFloats in [0, 1)."),
    FAST("normal", m_normal, "normal(loc=0.0, scale=1.0, size=None)\n--\n\nNormal draws (polar method)."),
    FAST("standard_normal", r_standard_normal, "standard_normal(size=None)\n--\n\nStandard normals."),
    FAST("standard_exponential", r_standard_exponential,
         "standard_exponential(size=None)\n--\n\nStandard exponential draws."),
    FAST("standard_gamma", r_standard_gamma,
         "standard_gamma(shape, size=None)\n--\n\nGamma draws of scale 1."),
    SHARED_METHODS
    FAST("randint", r_randint,
         "randint(low, high=None, size=None, dtype=int)\n--\n\nIntegers in [low, high)."),
    FAST("choice", r_choice,
         "choice(a, size=None, replace=True, p=None)\n--\n\nA random sample of a 1-d array or "
         "of arange(a)."),
    FAST("permutation", r_permutation,
         "permutation(x)\n--\n\nA shuffled copy of x along axis 0 (or of arange(x))."),
    FAST("shuffle", r_shuffle, "shuffle(x)\n--\n\nShuffles the array x in place along axis 0."),
    FAST("multivariate_normal", r_multivariate_normal,
         "multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8)\n--\n\n"
         "Multivariate normal draws (SVD factor)."),
    FAST("random_integers", r_random_integers,
         "random_integers(low, high=None, size=None)\n--\n\nDeprecated: integers in "
         "[low, high]."),
    FAST("ranf", r_sample, "ranf(size=None)\n--\n\nFloats in [0, 1) (alias of random_sample)."),
    FAST("sample", r_sample, "sample(size=None)\n--\n\nFloats in [0, 1) (alias of "
         "random_sample)."),
    {NULL, NULL, 0, NULL}};

static PyGetSetDef rng_getset[] = {
    {"bit_generator", rng_bit_generator, NULL, "The bit generator drawn from.", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyTypeObject Generator_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.random.Generator",
    .tp_basicsize = sizeof(RNGObject),
    .tp_dealloc = rng_dealloc,
    .tp_repr = rng_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Generator(bit_generator)\n--\n\nNumPy's Generator: draws the same streams as "
              "numpy.random.Generator over the same bit generator state.",
    .tp_methods = generator_methods,
    .tp_getset = rng_getset,
    .tp_new = generator_new,
};

static PyTypeObject RandomState_Type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "numc.random.RandomState",
    .tp_basicsize = sizeof(RNGObject),
    .tp_dealloc = rng_dealloc,
    .tp_repr = rng_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "RandomState(seed=None)\n--\n\nNumPy's legacy RandomState over MT19937: the same "
              "seed gives numpy.random.RandomState's streams.",
    .tp_methods = randomstate_methods,
    .tp_getset = rng_getset,
    .tp_new = randomstate_new,
};

/* ---- the module ---------------------------------------------------------------- */

static PyObject *default_rng(PyObject *m, PyObject *const *args, Py_ssize_t n, PyObject *kw) {
  (void)m;
  PARSE("default_rng", 1, 0, "seed");
  PyObject *seed = a[0];
  if (seed != NULL && PyObject_TypeCheck(seed, &Generator_Type)) return Py_NewRef(seed);
  if (seed != NULL && PyObject_TypeCheck(seed, &BitGen_Type))
    return rng_wrap(&Generator_Type, seed, 0);
  PyObject *bg = bitgen_make(&PCG64_Type, NUMC_BITGEN_PCG64, seed);
  if (bg == NULL) return NULL;
  PyObject *r = rng_wrap(&Generator_Type, bg, 0);
  Py_DECREF(bg);
  return r;
}

/* The RandomState behind the module-level legacy functions (owned by the
 * module as numc.random._rand; borrowed here). */
static PyObject *global_rand = NULL;

static PyObject *get_bit_generator(PyObject *m, PyObject *unused) {
  (void)m, (void)unused;
  return Py_NewRef(((RNGObject *)global_rand)->bitgen);
}

static PyObject *set_bit_generator(PyObject *m, PyObject *bitgen) {
  (void)m;
  if (!PyObject_TypeCheck(bitgen, &BitGen_Type)) {
    PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute 'capsule'",
                 Py_TYPE(bitgen)->tp_name);
    return NULL;
  }
  Py_SETREF(((RNGObject *)global_rand)->bitgen, Py_NewRef(bitgen));
  Py_RETURN_NONE;
}

static PyMethodDef random_functions[] = {
    {"get_bit_generator", get_bit_generator, METH_NOARGS,
     "get_bit_generator()\n--\n\nThe bit generator behind the module-level legacy functions."},
    {"set_bit_generator", set_bit_generator, METH_O,
     "set_bit_generator(bitgen)\n--\n\nSwaps the bit generator behind the module-level legacy "
     "functions (numc.random.seed, rand, ...)."},
    {"_seedseq_pool", seedseq_pool_py, METH_VARARGS,
     "_seedseq_pool(entropy, spawn_key, pool_size): SeedSequence's hashed pool words."},
    {"_seedseq_generate", seedseq_generate_py, METH_VARARGS,
     "_seedseq_generate(pool, n_words): SeedSequence.generate_state's uint32 words."},
    {"default_rng", (PyCFunction)(void (*)(void))default_rng, METH_FASTCALL | METH_KEYWORDS,
     "default_rng(seed=None)\n--\n\nA Generator over PCG64(seed): the same numbers as "
     "numpy.random.default_rng(seed)."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef random_module = {
    PyModuleDef_HEAD_INIT, "numc.random",
    "Random numbers stream-compatible with numpy.random: default_rng / Generator (PCG64), the "
    "legacy RandomState (MT19937) and its module-level functions.",
    -1, random_functions, NULL, NULL, NULL, NULL};

/* The legacy functions bound to the global RandomState. */
static const char *const legacy_names[] = {
    "seed", "get_state", "set_state", "rand", "randn", "random", "random_sample", "uniform", "normal", "randint",
    "choice", "shuffle", "permutation", "standard_normal", "exponential",
    "standard_exponential", "standard_gamma", "gamma", "beta", "poisson", "binomial",
    "chisquare", "noncentral_chisquare", "f", "noncentral_f", "lognormal", "standard_t",
    "standard_cauchy", "laplace", "logistic", "gumbel", "weibull", "pareto", "power", "rayleigh",
    "triangular", "vonmises", "wald", "geometric", "negative_binomial", "hypergeometric",
    "logseries", "zipf", "multinomial", "dirichlet", "multivariate_normal", "bytes",
    "random_integers", "ranf", "sample", NULL};

int pynumc_random_init(PyObject *m) {
  PyTypeObject *types[] = {&BitGen_Type, &PCG64_Type, &MT19937_Type, &Philox_Type,
                           &SFC64_Type, &PCG64DXSM_Type, &Generator_Type, &RandomState_Type};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (PyType_Ready(types[i]) < 0) return -1;
  PyObject *rm = PyModule_Create(&random_module);
  if (rm == NULL) return -1;
  const char *tnames[] = {"BitGenerator", "PCG64", "MT19937", "Philox", "SFC64", "PCG64DXSM",
                          "Generator", "RandomState"};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (PyModule_AddObjectRef(rm, tnames[i], (PyObject *)types[i]) < 0) goto fail;
  PyObject *rs = PyObject_CallNoArgs((PyObject *)&RandomState_Type);
  if (rs == NULL) goto fail;
  int rc = PyModule_AddObjectRef(rm, "_rand", rs);
  global_rand = rs; /* the module keeps it alive */
  for (int i = 0; legacy_names[i] && rc == 0; i++) {
    PyObject *f = PyObject_GetAttrString(rs, legacy_names[i]);
    rc = f ? PyModule_AddObjectRef(rm, legacy_names[i], f) : -1;
    Py_XDECREF(f);
  }
  Py_DECREF(rs);
  if (rc < 0) goto fail;
  PyObject *mods = PyImport_GetModuleDict();
  if (PyDict_SetItemString(mods, "numc.random", rm) < 0) goto fail;
  rc = PyModule_AddObjectRef(m, "random", rm);
  Py_DECREF(rm);
  return rc;
fail:
  Py_DECREF(rm);
  return -1;
}
