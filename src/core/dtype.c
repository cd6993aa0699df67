/*
 * core/dtype.c - dtype table, names, promotion (NumPy 2 / NEP 50), casting
 * rules, scalar conversion, finfo/iinfo.
 *
 * Promotion is computed from each dtype's kind and width rather than stored
 * as a 13x13 table; tests/python/test_dtype.py checks every pair against
 * np.promote_types and np.can_cast.
 */
#include "internal.h"
#include "convert.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const numc__dtype_info numc__dtypes[NUMC_NDTYPES] = {
#define INFO(E, name, ctype, size, kind, ch) {#name, size, kind, ch},
    NUMC_DTYPE_MAP(INFO)
#undef INFO
};

size_t numc_dtype_itemsize(numc_dtype dt) {
  return numc__dtype_valid(dt) ? numc__dtypes[dt].size : 0;
}
const char *numc_dtype_name(numc_dtype dt) {
  return numc__dtype_valid(dt) ? numc__dtypes[dt].name : "invalid";
}
char numc_dtype_kind(numc_dtype dt) {
  return numc__dtype_valid(dt) ? numc__dtypes[dt].kind : 0;
}
char numc_dtype_char(numc_dtype dt) {
  return numc__dtype_valid(dt) ? numc__dtypes[dt].ch : 0;
}

numc_dtype numc_dtype_real(numc_dtype dt) {
  if (dt == NUMC_COMPLEX64) return NUMC_FLOAT32;
  if (dt == NUMC_COMPLEX128) return NUMC_FLOAT64;
  return dt;
}

static const struct {
  const char *name;
  numc_dtype dt;
} aliases[] = {
    {"bool", NUMC_BOOL},         {"bool_", NUMC_BOOL},
    {"?", NUMC_BOOL},            {"b1", NUMC_BOOL},
    {"int8", NUMC_INT8},         {"i1", NUMC_INT8},
    {"b", NUMC_INT8},            {"byte", NUMC_INT8},
    {"uint8", NUMC_UINT8},       {"u1", NUMC_UINT8},
    {"B", NUMC_UINT8},           {"ubyte", NUMC_UINT8},
    {"int16", NUMC_INT16},       {"i2", NUMC_INT16},
    {"h", NUMC_INT16},           {"short", NUMC_INT16},
    {"uint16", NUMC_UINT16},     {"u2", NUMC_UINT16},
    {"H", NUMC_UINT16},          {"ushort", NUMC_UINT16},
    {"int32", NUMC_INT32},       {"i4", NUMC_INT32},
    {"i", NUMC_INT32},           {"intc", NUMC_INT32},
    {"uint32", NUMC_UINT32},     {"u4", NUMC_UINT32},
    {"I", NUMC_UINT32},          {"uintc", NUMC_UINT32},
    {"int64", NUMC_INT64},       {"i8", NUMC_INT64},
    {"q", NUMC_INT64},           {"l", NUMC_INT64},
    {"long", NUMC_INT64},        {"longlong", NUMC_INT64},
    {"int", NUMC_INT64},         {"intp", NUMC_INT64},
    {"p", NUMC_INT64},           {"int_", NUMC_INT64},
    {"uint64", NUMC_UINT64},     {"u8", NUMC_UINT64},
    {"Q", NUMC_UINT64},          {"L", NUMC_UINT64},
    {"ulong", NUMC_UINT64},      {"ulonglong", NUMC_UINT64},
    {"uint", NUMC_UINT64},       {"uintp", NUMC_UINT64},
    {"P", NUMC_UINT64},          {"float32", NUMC_FLOAT32},
    {"f4", NUMC_FLOAT32},        {"f", NUMC_FLOAT32},
    {"single", NUMC_FLOAT32},    {"float64", NUMC_FLOAT64},
    {"f8", NUMC_FLOAT64},        {"d", NUMC_FLOAT64},
    {"double", NUMC_FLOAT64},    {"float", NUMC_FLOAT64},
    {"float_", NUMC_FLOAT64},    {"complex64", NUMC_COMPLEX64},
    {"c8", NUMC_COMPLEX64},      {"F", NUMC_COMPLEX64},
    {"csingle", NUMC_COMPLEX64}, {"complex128", NUMC_COMPLEX128},
    {"c16", NUMC_COMPLEX128},    {"D", NUMC_COMPLEX128},
    {"cdouble", NUMC_COMPLEX128}, {"complex", NUMC_COMPLEX128},
    {"complex_", NUMC_COMPLEX128},
};

int numc_dtype_from_name(numc_dtype *out, const char *name) {
  if (name == NULL) return numc__err(NUMC_ETYPE, "dtype name is NULL");
  const char *n = name;
  if (n[0] == '>' && n[1] != '\0' && strcmp(n + 1, "i1") && strcmp(n + 1, "u1") &&
      strcmp(n + 1, "b1"))
    return numc__err(NUMC_ETYPE,
                     "data type '%s' is big-endian; numc supports native "
                     "(little-endian) byte order only",
                     name);
  if ((n[0] == '<' || n[0] == '=' || n[0] == '|' || n[0] == '>') && n[1] != '\0')
    n++;
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
    if (strcmp(n, aliases[i].name) == 0) {
      *out = aliases[i].dt;
      return NUMC_OK;
    }
  }
  return numc__err(NUMC_ETYPE, "data type '%s' not understood", name);
}

/* ---- promotion ---------------------------------------------------------- */

static int kind_rank(numc_dtype d) {
  switch (numc__kind(d)) {
  case 'b':
    return 0;
  case 'i':
  case 'u':
    return 1;
  case 'f':
    return 2;
  default:
    return 3;
  }
}

/* Bits of the value (complex: of one component). */
static int value_bits(numc_dtype d) {
  int b = (int)numc__isz(d) * 8;
  return numc__is_complex(d) ? b / 2 : b;
}

static numc_dtype int_of_bits(int bits, bool is_signed) {
  switch (bits) {
  case 8:
    return is_signed ? NUMC_INT8 : NUMC_UINT8;
  case 16:
    return is_signed ? NUMC_INT16 : NUMC_UINT16;
  case 32:
    return is_signed ? NUMC_INT32 : NUMC_UINT32;
  default:
    return is_signed ? NUMC_INT64 : NUMC_UINT64;
  }
}

static numc_dtype float_of_bits(int bits, bool cplx) {
  if (bits <= 32) return cplx ? NUMC_COMPLEX64 : NUMC_FLOAT32;
  return cplx ? NUMC_COMPLEX128 : NUMC_FLOAT64;
}

/* Smallest float width that holds every value of an integer dtype as NumPy
 * decides it: up to 16-bit integers fit float32, wider ones need float64. */
static int float_bits_for_int(numc_dtype d) { return value_bits(d) <= 16 ? 32 : 64; }

static numc_dtype promote2(numc_dtype a, numc_dtype b) {
  if (a == b) return a;
  if (a == NUMC_BOOL) return b;
  if (b == NUMC_BOOL) return a;
  int ra = kind_rank(a), rb = kind_rank(b);
  if (ra == 1 && rb == 1) {
    bool sa = numc__kind(a) == 'i', sb = numc__kind(b) == 'i';
    int ba = value_bits(a), bb = value_bits(b);
    if (sa == sb) return ba >= bb ? a : b;
    int bs = sa ? ba : bb, bu = sa ? bb : ba;
    if (bs > bu) return sa ? a : b;
    if (bu < 64) return int_of_bits(bu * 2, true);
    return NUMC_FLOAT64;
  }
  if (ra == 1 || rb == 1) { /* integer with inexact */
    numc_dtype i = ra == 1 ? a : b, f = ra == 1 ? b : a;
    int bits = float_bits_for_int(i);
    int fb = value_bits(f);
    return float_of_bits(bits > fb ? bits : fb, numc__is_complex(f));
  }
  /* both inexact */
  int bits = value_bits(a) > value_bits(b) ? value_bits(a) : value_bits(b);
  return float_of_bits(bits, numc__is_complex(a) || numc__is_complex(b));
}

int numc_promote_types(numc_dtype *out, numc_dtype a, numc_dtype b) {
  if (!numc__dtype_valid(a) || !numc__dtype_valid(b))
    return numc__err(NUMC_EINVAL, "invalid dtype");
  *out = promote2(a, b);
  return NUMC_OK;
}

int numc_can_cast(numc_dtype from, numc_dtype to, numc_casting casting) {
  if (!numc__dtype_valid(from) || !numc__dtype_valid(to)) return 0;
  switch (casting) {
  case NUMC_CASTING_NO:
  case NUMC_CASTING_EQUIV:
    return from == to;
  case NUMC_CASTING_SAFE:
    return promote2(from, to) == to;
  case NUMC_CASTING_SAME_KIND: {
    /* NumPy's kind order b < u < i < f < c: signed -> unsigned is not
     * same_kind (np.can_cast(int8, uint8, 'same_kind') is False) */
    static const char order[] = "buifc";
    return promote2(from, to) == to ||
           strchr(order, numc__kind(from)) <= strchr(order, numc__kind(to));
  }
  case NUMC_CASTING_UNSAFE:
    return 1;
  }
  return 0;
}

bool numc__weak_int_fits(const numc_scalar *s, numc_dtype to) {
  if (!s->weak || !(s->dtype == NUMC_INT64 || s->dtype == NUMC_UINT64) ||
      !numc__is_int(to))
    return true;
  numc_iinfo info;
  numc_iinfo_get(&info, to);
  if (s->dtype == NUMC_UINT64) return s->v.u64 <= info.max;
  if (s->v.i64 < 0) return s->v.i64 >= info.min;
  return (uint64_t)s->v.i64 <= info.max;
}

static int weak_range_error(const numc_scalar *s, numc_dtype to) {
  if (s->dtype == NUMC_UINT64)
    return numc__err(NUMC_EOVERFLOW, "Python integer %llu out of bounds for %s",
                     (unsigned long long)s->v.u64, numc_dtype_name(to));
  return numc__err(NUMC_EOVERFLOW, "Python integer %lld out of bounds for %s",
                   (long long)s->v.i64, numc_dtype_name(to));
}

/* Kind of a weak scalar: 0 bool, 1 int, 2 float, 3 complex. */
static int weak_rank(const numc_scalar *s) { return kind_rank(s->dtype); }

/* NEP 50: the dtype an array dtype d becomes when it meets a weak scalar of
 * rank r (the scalar's value never widens a dtype of its own kind). */
static numc_dtype promote_weak(numc_dtype d, int r) {
  int rd = kind_rank(d);
  if (r <= rd) return d;
  switch (r) {
  case 1:
    return NUMC_DEFAULT_INT;
  case 2:
    return NUMC_DEFAULT_FLOAT;
  default: /* complex: keep the float precision of d */
    return rd == 2 ? float_of_bits(value_bits(d), true) : NUMC_DEFAULT_COMPLEX;
  }
}

int numc_result_type(numc_dtype *out, int ndtypes, const numc_dtype *dtypes,
                     int nscalars, const numc_scalar *scalars) {
  bool have = false;
  numc_dtype r = NUMC_BOOL;
  for (int i = 0; i < ndtypes; i++) {
    if (!numc__dtype_valid(dtypes[i]))
      return numc__err(NUMC_EINVAL, "invalid dtype");
    r = have ? promote2(r, dtypes[i]) : dtypes[i];
    have = true;
  }
  for (int i = 0; i < nscalars; i++) {
    if (!numc__dtype_valid(scalars[i].dtype))
      return numc__err(NUMC_EINVAL, "invalid scalar dtype");
    if (!scalars[i].weak) {
      r = have ? promote2(r, scalars[i].dtype) : scalars[i].dtype;
      have = true;
    }
  }
  int wr = -1;
  bool big = false; /* a weak int above INT64_MAX */
  for (int i = 0; i < nscalars; i++) {
    if (!scalars[i].weak) continue;
    if (weak_rank(&scalars[i]) > wr) wr = weak_rank(&scalars[i]);
    if (scalars[i].dtype == NUMC_UINT64) big = true;
  }
  if (!have && wr < 0)
    return numc__err(NUMC_EINVAL, "at least one array or dtype is required");
  if (!have) {
    static const numc_dtype defaults[] = {NUMC_BOOL, NUMC_DEFAULT_INT,
                                          NUMC_DEFAULT_FLOAT,
                                          NUMC_DEFAULT_COMPLEX};
    r = (wr == 1 && big) ? NUMC_UINT64 : defaults[wr];
  } else if (wr >= 0) {
    r = promote_weak(r, wr);
  }
  *out = r;
  return NUMC_OK;
}

/* ---- scalars ------------------------------------------------------------ */

void numc__scalar_load(numc_scalar *out, numc_dtype dt, const void *p) {
  memset(out, 0, sizeof *out);
  out->dtype = dt;
  memcpy(&out->v, p, numc__isz(dt));
}

/* Converts the element of dtype `from` at p to dtype `to` at q. */
#define FROM_CASE(E, to)                                                       \
  case NUMC_##E: {                                                             \
    NUMC__CT_##E x;                                                            \
    memcpy(&x, p, sizeof x);                                                   \
    r = NUMC__FROM_##E(to, x);                                                 \
    break;                                                                     \
  }
#define FROM_CASES(to)                                                         \
  FROM_CASE(BOOL, to) FROM_CASE(INT8, to) FROM_CASE(UINT8, to)                 \
  FROM_CASE(INT16, to) FROM_CASE(UINT16, to) FROM_CASE(INT32, to)              \
  FROM_CASE(UINT32, to) FROM_CASE(INT64, to) FROM_CASE(UINT64, to)             \
  FROM_CASE(FLOAT32, to) FROM_CASE(FLOAT64, to) FROM_CASE(COMPLEX64, to)       \
  FROM_CASE(COMPLEX128, to)
#define TO_CASE(E, name, ctype, size, kind, ch)                                \
  case NUMC_##E: {                                                             \
    NUMC__CT_##E r;                                                            \
    memset(&r, 0, sizeof r);                                                   \
    switch (from) {                                                            \
      FROM_CASES(E)                                                         \
    default:                                                                   \
      break;                                                                   \
    }                                                                          \
    memcpy(q, &r, sizeof r);                                                   \
    break;                                                                     \
  }

static void convert_elem(void *q, numc_dtype to, const void *p, numc_dtype from) {
  switch (to) {
    NUMC_DTYPE_MAP(TO_CASE)
  default:
    break;
  }
}
#undef TO_CASE
#undef FROM_CASES
#undef FROM_CASE

void numc__scalar_convert(numc_scalar *out, const numc_scalar *s, numc_dtype to) {
  numc_scalar r;
  memset(&r, 0, sizeof r);
  r.dtype = to;
  convert_elem(&r.v, to, &s->v, s->dtype);
  *out = r;
}

void numc__scalar_store(void *p, numc_dtype dt, const numc_scalar *s) {
  convert_elem(p, dt, &s->v, s->dtype);
}

int numc_scalar_cast(numc_scalar *out, const numc_scalar *s, numc_dtype to) {
  if (!numc__dtype_valid(to) || !numc__dtype_valid(s->dtype))
    return numc__err(NUMC_EINVAL, "invalid dtype");
  if (!numc__weak_int_fits(s, to)) return weak_range_error(s, to);
  numc__scalar_convert(out, s, to);
  return NUMC_OK;
}

/* ---- finfo / iinfo ------------------------------------------------------ */

int numc_finfo_get(numc_finfo *out, numc_dtype dt) {
  if (!numc__dtype_valid(dt) || !numc__is_inexact(dt))
    return numc__err(NUMC_EDTYPE, "data type %s not inexact",
                     numc_dtype_name(dt));
  numc_finfo f;
  memset(&f, 0, sizeof f);
  if (numc_dtype_real(dt) == NUMC_FLOAT32) {
    f.dtype = NUMC_FLOAT32;
    f.bits = 32;
    f.precision = 6;
    f.eps = (double)FLT_EPSILON;
    f.epsneg = ldexp(1.0, -24);
    f.max = (double)FLT_MAX;
    f.smallest_normal = (double)FLT_MIN;
    f.smallest_subnormal = ldexp(1.0, -149);
    f.nmant = 23, f.nexp = 8, f.minexp = -126, f.maxexp = 128;
  } else {
    f.dtype = NUMC_FLOAT64;
    f.bits = 64;
    f.precision = 15;
    f.eps = DBL_EPSILON;
    f.epsneg = ldexp(1.0, -53);
    f.max = DBL_MAX;
    f.smallest_normal = DBL_MIN;
    f.smallest_subnormal = ldexp(1.0, -1074);
    f.nmant = 52, f.nexp = 11, f.minexp = -1022, f.maxexp = 1024;
  }
  f.min = -f.max;
  f.resolution = pow(10.0, -f.precision);
  *out = f;
  return NUMC_OK;
}

int numc_iinfo_get(numc_iinfo *out, numc_dtype dt) {
  if (!numc__dtype_valid(dt) || !numc__is_int(dt))
    return numc__err(NUMC_EDTYPE, "Invalid integer data type '%c'.",
                     numc__dtype_valid(dt) ? numc__kind(dt) : '?');
  int bits = (int)numc__isz(dt) * 8;
  out->dtype = dt;
  out->bits = bits;
  if (numc__kind(dt) == 'u') {
    out->min = 0;
    out->max = bits == 64 ? UINT64_MAX : (((uint64_t)1 << bits) - 1);
  } else {
    out->min = bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
    out->max = ((uint64_t)1 << (bits - 1)) - 1;
  }
  return NUMC_OK;
}
