/*
 * io/npy.c - NumPy .npy files: the header codec (magic, version, a Python
 * dict literal with 'descr', 'fortran_order' and 'shape', padding to 64
 * bytes) and whole-array reads and writes, from files and from memory.
 *
 * The header parser accepts what np.save writes in every version (1.0, 2.0,
 * 3.0) and the spellings NumPy's own reader accepts (either quote style,
 * any key order, a trailing comma, Python 2 'L' suffixes on extents); it
 * rejects anything else with NUMC_EFORMAT and a message naming the problem.
 * Data is read straight into the new array's buffer.
 */
#include "../core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPY_MAGIC "\x93NUMPY"
#define NPY_MAGIC_LEN 6
#define NPY_ALIGN 64

/* ---- descr <-> dtype ----------------------------------------------------- */

/* NumPy's descr string of a dtype: '|b1', '|i1', '<f8', '<c16'. */
static void descr_of(char *buf, size_t n, numc_dtype dt) {
  size_t sz = numc__isz(dt);
  snprintf(buf, n, "%c%c%zu", sz == 1 ? '|' : '<', numc__kind(dt), sz);
}

static int dtype_of_descr(numc_dtype *out, const char *d) {
  char order = d[0];
  if (order != '<' && order != '>' && order != '|' && order != '=')
    return numc__err(NUMC_EFORMAT,
                     "npy: unsupported dtype descr '%s' (expected a "
                     "byte-order character)", d);
  char kind = d[1];
  char *end;
  long size = strtol(d + 2, &end, 10);
  if (d[2] == '\0' || *end != '\0')
    return numc__err(NUMC_EFORMAT, "npy: unsupported dtype descr '%s'", d);
  if (order == '>' && size > 1)
    return numc__err(NUMC_EFORMAT,
                     "npy: big-endian data ('%s') is not supported", d);
  for (int t = 0; t < NUMC_NDTYPES; t++) {
    if (numc__kind((numc_dtype)t) == kind &&
        (long)numc__isz((numc_dtype)t) == size) {
      *out = (numc_dtype)t;
      return NUMC_OK;
    }
  }
  return numc__err(NUMC_EFORMAT,
                   "npy: dtype '%s' is not supported by numc (bool, "
                   "int8..uint64, float32/64, complex64/128 only)", d);
}

/* ---- header encoding ---------------------------------------------------- */

int numc_npy_encode_header(char **out, size_t *len, int *fortran,
                           const numc_array *a) {
  unsigned fl = numc_array_flags(a);
  int f = !(fl & NUMC_C_CONTIGUOUS) && (fl & NUMC_F_CONTIGUOUS);
  char descr[16], dict[2048 + 24 * NUMC_MAXDIMS];
  descr_of(descr, sizeof descr, a->dtype);
  int n = snprintf(dict, sizeof dict,
                   "{'descr': '%s', 'fortran_order': %s, 'shape': (", descr,
                   f ? "True" : "False");
  for (int i = 0; i < a->ndim; i++)
    n += snprintf(dict + n, sizeof dict - (size_t)n, "%s%lld", i ? ", " : "",
                  (long long)a->shape[i]);
  n += snprintf(dict + n, sizeof dict - (size_t)n, "%s), }",
                a->ndim == 1 ? "," : "");
  /* header + padding + '\n' so that the data starts at a multiple of 64 */
  size_t hlen = (size_t)n + 1;
  int version = 1;
  size_t prefix = NPY_MAGIC_LEN + 2 + 2;
  size_t pad = NPY_ALIGN - (prefix + hlen) % NPY_ALIGN;
  if (hlen + pad > 65535) {
    version = 2;
    prefix = NPY_MAGIC_LEN + 2 + 4;
    pad = NPY_ALIGN - (prefix + hlen) % NPY_ALIGN;
  }
  size_t total = prefix + hlen + pad;
  char *buf = numc__malloc(total);
  if (buf == NULL) return numc__oom();
  memcpy(buf, NPY_MAGIC, NPY_MAGIC_LEN);
  buf[6] = (char)version;
  buf[7] = 0;
  uint32_t body = (uint32_t)(hlen + pad);
  if (version == 1) {
    buf[8] = (char)(body & 0xff);
    buf[9] = (char)(body >> 8);
  } else {
    for (int i = 0; i < 4; i++) buf[8 + i] = (char)((body >> (8 * i)) & 0xff);
  }
  memcpy(buf + prefix, dict, (size_t)n);
  memset(buf + prefix + n, ' ', pad);
  buf[total - 1] = '\n';
  *out = buf;
  *len = total;
  *fortran = f;
  return NUMC_OK;
}

/* ---- header parsing ------------------------------------------------------ */

typedef struct {
  numc_dtype dtype;
  int fortran;
  int ndim;
  int64_t shape[NUMC_MAXDIMS];
} npy_header;

typedef struct {
  const char *p, *end;
} cursor;

static void skip_ws(cursor *c) {
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' ||
                           *c->p == '\r'))
    c->p++;
}

static bool take(cursor *c, char ch) {
  skip_ws(c);
  if (c->p < c->end && *c->p == ch) {
    c->p++;
    return true;
  }
  return false;
}

/* A quoted string literal into buf (no escapes: none occur in headers). */
static bool parse_str(cursor *c, char *buf, size_t n) {
  skip_ws(c);
  if (c->p >= c->end || (*c->p != '\'' && *c->p != '"')) return false;
  char q = *c->p++;
  size_t k = 0;
  while (c->p < c->end && *c->p != q) {
    if (k + 1 >= n) return false;
    buf[k++] = *c->p++;
  }
  if (c->p >= c->end) return false;
  c->p++;
  buf[k] = '\0';
  return true;
}

static bool take_word(cursor *c, const char *w) {
  skip_ws(c);
  size_t n = strlen(w);
  if ((size_t)(c->end - c->p) >= n && memcmp(c->p, w, n) == 0) {
    c->p += n;
    return true;
  }
  return false;
}

static int bad_header(const char *what) {
  return numc__err(NUMC_EFORMAT, "npy: malformed header (%s)", what);
}

static int parse_shape(cursor *c, npy_header *h) {
  if (!take(c, '(')) return bad_header("shape is not a tuple");
  h->ndim = 0;
  for (;;) {
    if (take(c, ')')) return NUMC_OK;
    skip_ws(c);
    if (c->p >= c->end || *c->p < '0' || *c->p > '9')
      return bad_header("shape entries must be non-negative integers");
    int64_t v = 0;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
      if (v > (INT64_MAX - 9) / 10) return bad_header("shape entry too large");
      v = v * 10 + (*c->p++ - '0');
    }
    if (c->p < c->end && (*c->p == 'L' || *c->p == 'l')) c->p++;
    if (h->ndim >= NUMC_MAXDIMS) return bad_header("too many dimensions");
    h->shape[h->ndim++] = v;
    if (take(c, ')')) return NUMC_OK;
    if (!take(c, ',')) return bad_header("shape entries need commas");
  }
}

/* Parses the dict text [p, end). */
static int parse_dict(const char *p, const char *end, npy_header *h) {
  cursor c = {p, end};
  bool seen_descr = false, seen_fortran = false, seen_shape = false;
  if (!take(&c, '{')) return bad_header("not a dict");
  for (;;) {
    if (take(&c, '}')) break;
    char key[32];
    if (!parse_str(&c, key, sizeof key)) return bad_header("bad key");
    if (!take(&c, ':')) return bad_header("missing ':'");
    if (strcmp(key, "descr") == 0) {
      char d[64];
      skip_ws(&c);
      if (c.p < c.end && *c.p == '[')
        return numc__err(NUMC_EFORMAT,
                         "npy: structured dtypes are not supported by numc");
      if (!parse_str(&c, d, sizeof d)) return bad_header("bad descr");
      NUMC__TRY(dtype_of_descr(&h->dtype, d));
      seen_descr = true;
    } else if (strcmp(key, "fortran_order") == 0) {
      if (take_word(&c, "True"))
        h->fortran = 1;
      else if (take_word(&c, "False"))
        h->fortran = 0;
      else
        return bad_header("fortran_order must be True or False");
      seen_fortran = true;
    } else if (strcmp(key, "shape") == 0) {
      NUMC__TRY(parse_shape(&c, h));
      seen_shape = true;
    } else {
      return numc__err(NUMC_EFORMAT, "npy: unexpected header key '%s'", key);
    }
    if (take(&c, '}')) break;
    if (!take(&c, ',')) return bad_header("entries need commas");
  }
  skip_ws(&c);
  if (c.p != c.end) return bad_header("text after the dict");
  if (!seen_descr || !seen_fortran || !seen_shape)
    return bad_header("needs 'descr', 'fortran_order' and 'shape'");
  return NUMC_OK;
}

/* Reads the fixed prefix (magic, version, header length). *prefix_len is 10
 * or 12; *hlen the length of the dict text that follows. */
static int parse_prefix(const unsigned char *b, size_t avail,
                        size_t *prefix_len, size_t *hlen) {
  if (avail < 10 || memcmp(b, NPY_MAGIC, NPY_MAGIC_LEN) != 0)
    return numc__err(NUMC_EFORMAT, "npy: not a .npy file (bad magic string)");
  int major = b[6], minor = b[7];
  if ((major != 1 && major != 2 && major != 3) || minor != 0)
    return numc__err(NUMC_EFORMAT, "npy: unsupported format version %d.%d",
                     major, minor);
  if (major == 1) {
    *prefix_len = 10;
    *hlen = (size_t)b[8] | ((size_t)b[9] << 8);
  } else {
    if (avail < 12)
      return numc__err(NUMC_EFORMAT, "npy: truncated header");
    *prefix_len = 12;
    *hlen = (size_t)b[8] | ((size_t)b[9] << 8) | ((size_t)b[10] << 16) |
            ((size_t)b[11] << 24);
  }
  return NUMC_OK;
}

/* Size check of the described array; *nbytes its data size. */
static int header_nbytes(const npy_header *h, int64_t *nbytes) {
  int64_t n = (int64_t)numc__isz(h->dtype);
  for (int i = 0; i < h->ndim; i++) {
    if (h->shape[i] != 0 && n > INT64_MAX / h->shape[i])
      return numc__err(NUMC_EFORMAT, "npy: array size overflows");
    n *= h->shape[i];
  }
  *nbytes = n;
  return NUMC_OK;
}

/* A new writable array for the header's shape, C or F layout. Lock held. */
static int alloc_for(numc_array **out, const npy_header *h) {
  int64_t strides[NUMC_MAXDIMS], st = (int64_t)numc__isz(h->dtype), nbytes = 0;
  NUMC__TRY(header_nbytes(h, &nbytes));
  if (!h->fortran) return numc__array_alloc(out, h->dtype, h->ndim, h->shape, false);
  for (int i = 0; i < h->ndim; i++) {
    strides[i] = st;
    st *= h->shape[i] > 0 ? h->shape[i] : 1;
  }
  numc__storage *s = numc__storage_new(nbytes, false);
  if (s == NULL) return NUMC_ENOMEM;
  numc_array *a = numc__array_new(s, h->dtype, h->ndim, h->shape, strides, 0,
                                  NUMC_WRITEABLE | NUMC_OWNDATA);
  numc__storage_unref(s);
  if (a == NULL) return NUMC_ENOMEM;
  *out = a;
  return NUMC_OK;
}

/* ---- memory -------------------------------------------------------------- */

int numc_npy_load_buffer(numc_array **out, const void *data, size_t len) {
  if (data == NULL && len > 0) return numc__err(NUMC_EINVAL, "data is NULL");
  const unsigned char *b = data;
  size_t prefix, hlen;
  NUMC__TRY(parse_prefix(b, len, &prefix, &hlen));
  if (len < prefix + hlen)
    return numc__err(NUMC_EFORMAT, "npy: truncated header");
  npy_header h;
  memset(&h, 0, sizeof h);
  NUMC__TRY(parse_dict((const char *)b + prefix, (const char *)b + prefix + hlen,
                       &h));
  int64_t nbytes = 0;
  NUMC__TRY(header_nbytes(&h, &nbytes));
  size_t off = prefix + hlen;
  if ((uint64_t)(len - off) < (uint64_t)nbytes)
    return numc__err(NUMC_EFORMAT,
                     "npy: truncated data (%zu bytes for %lld expected)",
                     len - off, (long long)nbytes);
  numc__lock();
  numc_array *a = NULL;
  int rc = alloc_for(&a, &h);
  if (rc == NUMC_OK && nbytes > 0)
    memcpy(numc__array_ptr(a), b + off, (size_t)nbytes);
  numc__unlock();
  if (rc == NUMC_OK) *out = a;
  return rc;
}

/* ---- files --------------------------------------------------------------- */

static int io_err(const char *what, const char *path) {
  return numc__err(NUMC_EIO, "npy: cannot %s '%s': %s", what, path,
                   strerror(errno));
}

int numc_npy_load(numc_array **out, const char *path) {
  if (path == NULL) return numc__err(NUMC_EINVAL, "path is NULL");
  FILE *f = fopen(path, "rb");
  if (f == NULL) return io_err("open", path);
  unsigned char pre[12];
  size_t got = fread(pre, 1, 10, f);
  int rc;
  size_t prefix = 0, hlen = 0;
  char *hdr = NULL;
  numc_array *a = NULL;
  if (got < 10) {
    rc = ferror(f) ? io_err("read", path)
                   : numc__err(NUMC_EFORMAT, "npy: '%s' is too short", path);
    goto done;
  }
  rc = parse_prefix(pre, 12, &prefix, &hlen);
  if (rc == NUMC_OK && prefix == 12 && fread(pre + 10, 1, 2, f) != 2)
    rc = numc__err(NUMC_EFORMAT, "npy: truncated header in '%s'", path);
  if (rc == NUMC_OK && prefix == 12)
    hlen = (size_t)pre[8] | ((size_t)pre[9] << 8) | ((size_t)pre[10] << 16) |
           ((size_t)pre[11] << 24);
  if (rc != NUMC_OK) goto done;
  hdr = numc__malloc(hlen ? hlen : 1);
  if (hdr == NULL) {
    rc = numc__oom();
    goto done;
  }
  if (fread(hdr, 1, hlen, f) != hlen) {
    rc = numc__err(NUMC_EFORMAT, "npy: truncated header in '%s'", path);
    goto done;
  }
  npy_header h;
  memset(&h, 0, sizeof h);
  rc = parse_dict(hdr, hdr + hlen, &h);
  if (rc != NUMC_OK) goto done;
  int64_t nbytes = 0;
  rc = header_nbytes(&h, &nbytes);
  if (rc != NUMC_OK) goto done;
  numc__lock();
  rc = alloc_for(&a, &h);
  numc__unlock();
  if (rc != NUMC_OK) goto done;
  if (nbytes > 0 &&
      fread(numc__array_ptr(a), 1, (size_t)nbytes, f) != (size_t)nbytes) {
    rc = ferror(f) ? io_err("read", path)
                   : numc__err(NUMC_EFORMAT,
                               "npy: truncated data in '%s' (expected %lld "
                               "bytes)", path, (long long)nbytes);
    goto done;
  }
done:
  if (rc != NUMC_OK && a != NULL) {
    numc_release(a);
    a = NULL;
  }
  numc__free(hdr);
  fclose(f);
  if (rc == NUMC_OK) *out = a;
  return rc;
}

int numc_npy_save(const numc_array *a, const char *path) {
  if (path == NULL) return numc__err(NUMC_EINVAL, "path is NULL");
  char *hdr;
  size_t hlen;
  int fortran;
  NUMC__TRY(numc_npy_encode_header(&hdr, &hlen, &fortran, a));
  /* the data in the order the header announces: the array itself when it is
   * contiguous that way, else a C-ordered copy */
  unsigned fl = numc_array_flags(a);
  numc_array *copy = NULL;
  const numc_array *src = a;
  int rc = NUMC_OK;
  if (!fortran && !(fl & NUMC_C_CONTIGUOUS)) {
    rc = numc_copy(&copy, a, NUMC_ORDER_C);
    src = copy;
  }
  void *data = NULL;
  if (rc == NUMC_OK) rc = numc_array_data(&data, src, NUMC_ACCESS_READ);
  if (rc != NUMC_OK) {
    numc__free(hdr);
    numc_release(copy);
    return rc;
  }
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    rc = io_err("open", path);
  } else {
    size_t nbytes = (size_t)numc_array_nbytes(src);
    if (fwrite(hdr, 1, hlen, f) != hlen ||
        (nbytes && fwrite(data, 1, nbytes, f) != nbytes))
      rc = io_err("write", path);
    if (fclose(f) != 0 && rc == NUMC_OK) rc = io_err("close", path);
  }
  numc__free(hdr);
  numc_release(copy);
  return rc;
}
