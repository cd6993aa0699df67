/*
 * ops/linalg.c - linear algebra composed from views, elementwise ops,
 * reductions, matmul and the LAPACK decompositions.
 *
 * Nothing here touches memory or LAPACK directly:
 *   diagonal is a view (strides summed); trace sums it; outer is a broadcast
 *   multiply; vecdot is conj(a) * b summed over one axis (one fused kernel);
 *   vector norms and the 'fro'/1/inf matrix norms are elementwise ops plus a
 *   reduction, all lazy. tensordot permutes and reshapes (views when the
 *   strides allow) into one matmul; multi_dot orders a chain of matmuls;
 *   matrix_power squares repeatedly. pinv, matrix_rank, cond and the 2/-2/
 *   'nuc' norms take singular values or inverses at the call (lapack.c) and
 *   finish lazily, following NumPy's own formulas so results match.
 */
#include "linalg_internal.h"

#include <math.h>
#include <stdio.h>

/* ---- small helpers ----------------------------------------------------------- */

static int with_scalar(numc_array **out, numc_op op, const numc_array *a, numc_scalar s,
                       bool scalar_first) {
  numc_array *c;
  NUMC__TRY(numc_from_scalar(&c, &s));
  int rc = scalar_first ? numc_binary(out, op, c, a) : numc_binary(out, op, a, c);
  numc_release(c);
  return rc;
}

/* x with integer/bool dtypes cast to float64 (NumPy's norm does x.astype(float)). */
static int as_inexact(numc_array **out, const numc_array *x) {
  return numc__as_dtype(out, x, numc__is_inexact(x->dtype) ? x->dtype : NUMC_FLOAT64);
}

/* |x|^2 as a real array: x*x, or real(conj(x) * x) for complex (NumPy's
 * (x.conj() * x).real). */
static int abs2(numc_array **out, const numc_array *x) {
  if (!numc__is_complex(x->dtype)) return numc_multiply(out, x, x);
  numc_array *cj = NULL, *p = NULL;
  int rc = numc_conj(&cj, x);
  if (rc == NUMC_OK) rc = numc_multiply(&p, cj, x);
  if (rc == NUMC_OK) rc = numc_real(out, p);
  numc_release(cj);
  numc_release(p);
  return rc;
}

/* Moves axis `ax` (normalized) of x to the end (a view). */
static int axis_to_end(numc_array **out, const numc_array *x, int ax) {
  int perm[NUMC_MAXDIMS];
  for (int i = 0, k = 0; i < x->ndim; i++)
    if (i != ax) perm[k++] = i;
  perm[x->ndim - 1] = ax;
  return numc_permute_dims(out, x, perm);
}

static int reshape_view(numc_array **out, const numc_array *x, int nd, const int64_t *shape) {
  return numc_reshape(out, x, nd, shape, NUMC_COPY_IF_NEEDED);
}

/* max over `axes` with NumPy's initial=0: zeros when the reduction is empty
 * (the sum of nothing), max otherwise. x holds absolute values. */
static int max0(numc_array **out, const numc_array *x, int naxes, const int *axes, int keepdims) {
  uint64_t mask;
  NUMC__TRY(numc__axes_mask(&mask, naxes, axes, x->ndim));
  bool empty = false;
  for (int i = 0; i < x->ndim; i++)
    if (((mask >> i) & 1) && x->shape[i] == 0) empty = true;
  if (empty) return numc_sum(out, x, naxes, axes, keepdims, x->dtype);
  return numc_max(out, x, naxes, axes, keepdims);
}

/* ---- diagonal, trace, outer, vecdot ---------------------------------------------- */

int numc_diagonal(numc_array **out, const numc_array *x, int64_t offset, int axis1,
                  int axis2) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "diagonal: NULL argument");
  if (x->ndim < 2)
    return numc__err(NUMC_EVALUE, "diag requires an array of at least two dimensions");
  NUMC__TRY(numc__norm_axis(&axis1, x->ndim));
  NUMC__TRY(numc__norm_axis(&axis2, x->ndim));
  if (axis1 == axis2) return numc__err(NUMC_EVALUE, "axis1 and axis2 cannot be the same");
  int64_t n1 = x->shape[axis1], n2 = x->shape[axis2], len, start;
  if (offset >= 0) {
    len = offset >= n2 ? 0 : (n1 < n2 - offset ? n1 : n2 - offset);
    start = len > 0 ? offset * x->strides[axis2] : 0;
  } else {
    len = offset <= -n1 ? 0 : (n1 + offset < n2 ? n1 + offset : n2);
    start = len > 0 ? -offset * x->strides[axis1] : 0;
  }
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  int nd = 0;
  for (int i = 0; i < x->ndim; i++)
    if (i != axis1 && i != axis2) shape[nd] = x->shape[i], strides[nd++] = x->strides[i];
  shape[nd] = len;
  strides[nd++] = x->strides[axis1] + x->strides[axis2];
  numc__lock();
  /* read-only, as NumPy's diagonal view */
  numc_array *v = numc__array_new(x->st, x->dtype, nd, shape, strides, x->offset + start, 0);
  numc__unlock();
  if (!v) return NUMC_ENOMEM;
  *out = v;
  return NUMC_OK;
}

int numc_trace(numc_array **out, const numc_array *x, int64_t offset, int axis1, int axis2,
               numc_dtype dtype) {
  numc_array *d;
  NUMC__TRY(numc_diagonal(&d, x, offset, axis1, axis2));
  int last = -1;
  int rc = numc_sum(out, d, 1, &last, 0, dtype);
  numc_release(d);
  return rc;
}

int numc_outer(numc_array **out, const numc_array *a, const numc_array *b) {
  if (!out || !a || !b) return numc__err(NUMC_EINVAL, "outer: NULL argument");
  if (a->ndim != 1 || b->ndim != 1)
    return numc__err(NUMC_EVALUE,
                     "Input arrays must be one-dimensional, but they are x1.ndim=%d and "
                     "x2.ndim=%d.",
                     a->ndim, b->ndim);
  int64_t sa[2] = {a->shape[0], 1}, sb[2] = {1, b->shape[0]};
  numc_array *ca = NULL, *cb = NULL;
  int rc = reshape_view(&ca, a, 2, sa);
  if (rc == NUMC_OK) rc = reshape_view(&cb, b, 2, sb);
  if (rc == NUMC_OK) rc = numc_multiply(out, ca, cb);
  numc_release(ca);
  numc_release(cb);
  return rc;
}

int numc_vecdot(numc_array **out, const numc_array *a, const numc_array *b, int axis) {
  if (!out || !a || !b) return numc__err(NUMC_EINVAL, "vecdot: NULL argument");
  for (int o = 0; o < 2; o++)
    if ((o ? b : a)->ndim == 0)
      return numc__err(NUMC_ESHAPE,
                       "vecdot: Input operand %d does not have enough dimensions (has 0, "
                       "gufunc core with signature (n),(n)->() requires 1)",
                       o);
  int axa = axis, axb = axis;
  NUMC__TRY(numc__norm_axis(&axa, a->ndim));
  NUMC__TRY(numc__norm_axis(&axb, b->ndim));
  if (a->shape[axa] != b->shape[axb])
    return numc__err(NUMC_ESHAPE,
                     "vecdot: Input operand 1 has a mismatch in its core dimension 0, with "
                     "gufunc signature (n),(n)->() (size %lld is different from %lld)",
                     (long long)b->shape[axb], (long long)a->shape[axa]);
  numc_dtype dt;
  NUMC__TRY(numc_promote_types(&dt, a->dtype, b->dtype));
  numc_array *ta = NULL, *tb = NULL, *cj = NULL, *p = NULL;
  int rc = axis_to_end(&ta, a, axa);
  if (rc == NUMC_OK) rc = axis_to_end(&tb, b, axb);
  if (rc == NUMC_OK && numc__is_complex(a->dtype)) rc = numc_conj(&cj, ta);
  if (rc == NUMC_OK) rc = numc_multiply(&p, cj ? cj : ta, tb);
  int last = -1;
  if (rc == NUMC_OK) rc = numc_sum(out, p, 1, &last, 0, dt);
  numc_release(ta);
  numc_release(tb);
  numc_release(cj);
  numc_release(p);
  return rc;
}

/* ---- tensordot, dot, multi_dot, matrix_power -------------------------------------- */

int numc_tensordot_axes(numc_array **out, const numc_array *a, const numc_array *b,
                        int naxes, const int *axes_a, const int *axes_b) {
  if (!out || !a || !b || (naxes > 0 && (!axes_a || !axes_b)))
    return numc__err(NUMC_EINVAL, "tensordot: NULL argument");
  if (naxes < 0 || naxes > a->ndim || naxes > b->ndim)
    return numc__err(NUMC_EVALUE, "tensordot: invalid number of axes %d", naxes);
  int aa[NUMC_MAXDIMS], ab[NUMC_MAXDIMS];
  uint64_t ma = 0, mb = 0;
  for (int k = 0; k < naxes; k++) {
    aa[k] = axes_a[k], ab[k] = axes_b[k];
    NUMC__TRY(numc__norm_axis(&aa[k], a->ndim));
    NUMC__TRY(numc__norm_axis(&ab[k], b->ndim));
    if (a->shape[aa[k]] != b->shape[ab[k]])
      return numc__err(NUMC_ESHAPE, "shape-mismatch for sum");
    if ((ma >> aa[k]) & 1 || (mb >> ab[k]) & 1)
      return numc__err(NUMC_EVALUE, "repeated axis in transpose");
    ma |= (uint64_t)1 << aa[k], mb |= (uint64_t)1 << ab[k];
  }
  int pa[NUMC_MAXDIMS], pb[NUMC_MAXDIMS], np = 0;
  int64_t oshape[2 * NUMC_MAXDIMS], m2 = 1, n2 = 1, p2 = 1;
  int ond = 0;
  for (int i = 0; i < a->ndim; i++)
    if (!((ma >> i) & 1)) pa[np++] = i, m2 *= a->shape[i], oshape[ond++] = a->shape[i];
  for (int k = 0; k < naxes; k++) pa[np++] = aa[k], n2 *= a->shape[aa[k]];
  np = 0;
  for (int k = 0; k < naxes; k++) pb[np++] = ab[k];
  for (int i = 0; i < b->ndim; i++)
    if (!((mb >> i) & 1)) pb[np++] = i, p2 *= b->shape[i], oshape[ond++] = b->shape[i];
  if (ond > NUMC_MAXDIMS)
    return numc__err(NUMC_ESHAPE, "tensordot: result has more than %d dimensions", NUMC_MAXDIMS);
  numc_array *ta = NULL, *tb = NULL, *ra = NULL, *rb = NULL, *r = NULL;
  int64_t sa[2] = {m2, n2}, sb[2] = {n2, p2};
  int rc = numc_permute_dims(&ta, a, pa);
  if (rc == NUMC_OK) rc = numc_permute_dims(&tb, b, pb);
  if (rc == NUMC_OK) rc = reshape_view(&ra, ta, 2, sa);
  if (rc == NUMC_OK) rc = reshape_view(&rb, tb, 2, sb);
  if (rc == NUMC_OK) rc = numc_matmul(&r, ra, rb);
  if (rc == NUMC_OK) rc = reshape_view(out, r, ond, oshape);
  numc_release(ta);
  numc_release(tb);
  numc_release(ra);
  numc_release(rb);
  numc_release(r);
  return rc;
}

int numc_tensordot(numc_array **out, const numc_array *a, const numc_array *b, int n) {
  if (!a || !b) return numc__err(NUMC_EINVAL, "tensordot: NULL argument");
  if (n < 0 || n > a->ndim || n > b->ndim)
    return numc__err(NUMC_EVALUE, "tensordot: invalid number of axes %d", n);
  int aa[NUMC_MAXDIMS], ab[NUMC_MAXDIMS];
  for (int k = 0; k < n; k++) aa[k] = a->ndim - n + k, ab[k] = k;
  return numc_tensordot_axes(out, a, b, n, aa, ab);
}

/* np.dot(a, b): multiply for 0-d operands, else a sum over a's last axis and
 * b's second-to-last (its only axis when 1-D). */
static int dot(numc_array **out, const numc_array *a, const numc_array *b) {
  if (a->ndim == 0 || b->ndim == 0) return numc_multiply(out, a, b);
  if (a->ndim <= 2 && b->ndim <= 2) return numc_matmul(out, a, b);
  int la = a->ndim - 1, lb = b->ndim == 1 ? 0 : b->ndim - 2;
  if (a->shape[la] != b->shape[lb]) {
    char s1[256], s2[256];
    numc__shape_str(s1, sizeof s1, a->ndim, a->shape);
    numc__shape_str(s2, sizeof s2, b->ndim, b->shape);
    return numc__err(NUMC_ESHAPE, "shapes %s and %s not aligned: %lld (dim %d) != %lld (dim %d)",
                     s1, s2, (long long)a->shape[la], la, (long long)b->shape[lb], lb);
  }
  return numc_tensordot_axes(out, a, b, 1, &la, &lb);
}

typedef struct chain {
  numc_array **arrays;
  int n;
  int *split; /* split[i * n + j]: k at which A_i..A_j is split */
} chain;

static int chain_product(numc_array **out, const chain *c, int i, int j) {
  if (i == j) {
    *out = numc_retain(c->arrays[i]);
    return NUMC_OK;
  }
  int k = c->split[i * c->n + j];
  numc_array *l = NULL, *r = NULL;
  int rc = chain_product(&l, c, i, k);
  if (rc == NUMC_OK) rc = chain_product(&r, c, k + 1, j);
  if (rc == NUMC_OK) rc = numc_matmul(out, l, r);
  numc_release(l);
  numc_release(r);
  return rc;
}

int numc_multi_dot(numc_array **out, int n, const numc_array *const *arrays) {
  if (!out || !arrays) return numc__err(NUMC_EINVAL, "multi_dot: NULL argument");
  if (n < 2) return numc__err(NUMC_EVALUE, "Expecting at least two arrays.");
  for (int i = 0; i < n; i++)
    if (!arrays[i]) return numc__err(NUMC_EINVAL, "multi_dot: NULL array");
  if (n == 2) return dot(out, arrays[0], arrays[1]);
  int nd_first = arrays[0]->ndim, nd_last = arrays[n - 1]->ndim;
  numc_array **as = numc__calloc((size_t)n, sizeof *as);
  int *split = NULL;
  double *cost = NULL, *p = NULL;
  if (!as) return numc__oom();
  int rc = NUMC_OK;
  for (int i = 0; rc == NUMC_OK && i < n; i++) {
    const numc_array *x = arrays[i];
    if (x->ndim == 1 && (i == 0 || i == n - 1)) {
      int64_t s[2] = {i == 0 ? 1 : x->shape[0], i == 0 ? x->shape[0] : 1};
      rc = reshape_view(&as[i], x, 2, s);
    } else if (x->ndim != 2) {
      rc = numc__err(NUMC_ELINALG,
                     "%d-dimensional array given. Array must be two-dimensional", x->ndim);
    } else {
      as[i] = numc_retain((numc_array *)x);
    }
  }
  for (int i = 0; rc == NUMC_OK && i + 1 < n; i++)
    if (as[i]->shape[1] != as[i + 1]->shape[0]) {
      char s1[64], s2[64];
      numc__shape_str(s1, sizeof s1, 2, as[i]->shape);
      numc__shape_str(s2, sizeof s2, 2, as[i + 1]->shape);
      rc = numc__err(NUMC_ESHAPE, "shapes %s and %s not aligned: %lld (dim 1) != %lld (dim 0)",
                     s1, s2, (long long)as[i]->shape[1], (long long)as[i + 1]->shape[0]);
    }
  if (rc == NUMC_OK) {
    split = numc__calloc((size_t)n * (size_t)n, sizeof *split);
    cost = numc__calloc((size_t)n * (size_t)n, sizeof *cost);
    p = numc__malloc(((size_t)n + 1) * sizeof *p);
    if (!split || !cost || !p) rc = numc__oom();
  }
  if (rc == NUMC_OK) {
    /* dims p[i] = rows of A_i, p[n] = columns of the last */
    for (int i = 0; i < n; i++) p[i] = (double)as[i]->shape[0];
    p[n] = (double)as[n - 1]->shape[1];
    if (n == 3) { /* NumPy's _multi_dot_three */
      double cost1 = p[0] * p[2] * (p[1] + p[3]), cost2 = p[1] * p[3] * (p[0] + p[2]);
      split[0 * n + 2] = cost1 < cost2 ? 1 : 0;
      split[0 * n + 1] = 0, split[1 * n + 2] = 1;
    } else { /* Cormen's matrix chain order, as _multi_dot_matrix_chain_order */
      for (int l = 1; l < n; l++)
        for (int i = 0; i < n - l; i++) {
          int j = i + l;
          cost[i * n + j] = INFINITY;
          for (int k = i; k < j; k++) {
            double q = cost[i * n + k] + cost[(k + 1) * n + j] + p[i] * p[k + 1] * p[j + 1];
            if (q < cost[i * n + j]) {
              cost[i * n + j] = q;
              split[i * n + j] = k;
            }
          }
        }
    }
    chain c = {as, n, split};
    numc_array *r = NULL;
    rc = chain_product(&r, &c, 0, n - 1);
    if (rc == NUMC_OK) {
      if (nd_first == 1 && nd_last == 1) {
        rc = reshape_view(out, r, 0, NULL);
      } else if (nd_first == 1 || nd_last == 1) {
        int64_t m1 = -1;
        rc = reshape_view(out, r, 1, &m1);
      } else {
        *out = numc_retain(r);
      }
    }
    numc_release(r);
  }
  numc__release_n(n, as);
  numc__free(as);
  numc__free(split);
  numc__free(cost);
  numc__free(p);
  return rc;
}

int numc_matrix_power(numc_array **out, const numc_array *x, int64_t n) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "matrix_power: NULL argument");
  NUMC__TRY(numc__la_check_stack(x, true));
  if (n == 0) {
    numc_array *e = NULL, *bc = NULL;
    int64_t m = x->shape[x->ndim - 1];
    int rc = numc_eye(&e, x->dtype, m, m, 0);
    if (rc == NUMC_OK) rc = numc_broadcast_to(&bc, e, x->ndim, x->shape);
    if (rc == NUMC_OK) rc = numc_copy(out, bc, NUMC_ORDER_C);
    numc_release(e);
    numc_release(bc);
    return rc;
  }
  numc_array *a = NULL;
  uint64_t p = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
  NUMC__TRY(n < 0 ? numc_inv(&a, x) : numc_view(&a, x));
  int rc = NUMC_OK;
  numc_array *result = NULL, *z = NULL;
  if (p == 1) {
    result = numc_retain(a);
  } else if (p == 2) {
    rc = numc_matmul(&result, a, a);
  } else if (p == 3) {
    numc_array *t = NULL;
    rc = numc_matmul(&t, a, a);
    if (rc == NUMC_OK) rc = numc_matmul(&result, t, a);
    numc_release(t);
  } else { /* NumPy's binary decomposition, squaring z */
    while (rc == NUMC_OK && p > 0) {
      numc_array *nz = NULL;
      if (!z)
        nz = numc_retain(a);
      else
        rc = numc_matmul(&nz, z, z);
      numc_release(z);
      z = nz;
      if (rc == NUMC_OK && (p & 1)) {
        numc_array *nr = NULL;
        if (!result)
          nr = numc_retain(z);
        else
          rc = numc_matmul(&nr, result, z);
        numc_release(result);
        result = nr;
      }
      p >>= 1;
    }
  }
  numc_release(z);
  numc_release(a);
  if (rc < 0) {
    numc_release(result);
    return rc;
  }
  *out = result;
  return NUMC_OK;
}

/* ---- cross ------------------------------------------------------------------------------ */

/* x[..., i] as a view (x's last axis indexed). */
static int component(numc_array **out, const numc_array *x, int64_t i) {
  numc_index idx[2];
  memset(idx, 0, sizeof idx);
  idx[0].kind = NUMC_INDEX_ELLIPSIS;
  idx[1].kind = NUMC_INDEX_INT;
  idx[1].start = i;
  return numc_index_view(out, x, 2, idx);
}

int numc_cross(numc_array **out, const numc_array *a, const numc_array *b, int axis) {
  if (!out || !a || !b) return numc__err(NUMC_EINVAL, "cross: NULL argument");
  int axa = axis, axb = axis;
  NUMC__TRY(numc__norm_axis(&axa, a->ndim));
  NUMC__TRY(numc__norm_axis(&axb, b->ndim));
  if (a->shape[axa] != 3 || b->shape[axb] != 3)
    return numc__err(NUMC_EVALUE,
                     "Both input arrays must be (arrays of) 3-dimensional vectors, but they "
                     "are %lld and %lld dimensional instead.",
                     (long long)a->shape[axa], (long long)b->shape[axb]);
  numc_dtype dt;
  NUMC__TRY(numc_promote_types(&dt, a->dtype, b->dtype));
  if (dt == NUMC_BOOL)
    return numc__err(NUMC_EDTYPE,
                     "numpy boolean subtract, the `-` operator, is not supported, use the "
                     "bitwise_xor, the `^` operator, or the logical_xor function instead.");
  numc_array *ta = NULL, *tb = NULL, *ca[3] = {0}, *cb[3] = {0}, *res = NULL, *moved = NULL;
  int rc = axis_to_end(&ta, a, axa);
  if (rc == NUMC_OK) rc = axis_to_end(&tb, b, axb);
  for (int i = 0; rc == NUMC_OK && i < 3; i++) {
    rc = component(&ca[i], ta, i);
    if (rc == NUMC_OK) rc = component(&cb[i], tb, i);
  }
  int nd = 0;
  int64_t shape[NUMC_MAXDIMS + 1];
  if (rc == NUMC_OK) {
    int nds[2] = {ca[0]->ndim, cb[0]->ndim};
    const int64_t *shs[2] = {ca[0]->shape, cb[0]->shape};
    rc = numc__broadcast(&nd, shape, 2, nds, shs);
  }
  if (rc == NUMC_OK && nd + 1 > NUMC_MAXDIMS) rc = numc__err(NUMC_ESHAPE, "cross: too many dims");
  if (rc == NUMC_OK) {
    shape[nd] = 3;
    rc = numc_empty(&res, dt, nd + 1, shape);
  }
  /* c_i = a_j * b_k - a_k * b_j for (i, j, k) cyclic */
  for (int i = 0; rc == NUMC_OK && i < 3; i++) {
    int jx = (i + 1) % 3, kx = (i + 2) % 3;
    numc_array *p1 = NULL, *p2 = NULL, *d = NULL, *slot = NULL;
    rc = numc_multiply(&p1, ca[jx], cb[kx]);
    if (rc == NUMC_OK) rc = numc_multiply(&p2, ca[kx], cb[jx]);
    if (rc == NUMC_OK) rc = numc_subtract(&d, p1, p2);
    if (rc == NUMC_OK) rc = component(&slot, res, i);
    if (rc == NUMC_OK) rc = numc_assign(slot, d, NUMC_CASTING_UNSAFE);
    numc_release(p1), numc_release(p2), numc_release(d), numc_release(slot);
  }
  if (rc == NUMC_OK) { /* the vector axis goes to `axis` of the result */
    int axc = axis;
    rc = numc__norm_axis(&axc, nd + 1);
    int perm[NUMC_MAXDIMS];
    for (int i = 0, k = 0; rc == NUMC_OK && i <= nd; i++) perm[i] = i == axc ? nd : k++;
    if (rc == NUMC_OK) rc = numc_permute_dims(&moved, res, perm);
  }
  numc_release(ta), numc_release(tb), numc_release(res);
  numc__release_n(3, ca);
  numc__release_n(3, cb);
  if (rc < 0) return rc;
  *out = moved;
  return NUMC_OK;
}

/* ---- norms ---------------------------------------------------------------------------------- */

int numc_vector_norm(numc_array **out, const numc_array *x, int naxes, const int *axes,
                     int keepdims, double ord) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "vector_norm: NULL argument");
  uint64_t mask;
  NUMC__TRY(numc__axes_mask(&mask, naxes, axes, x->ndim));
  numc_array *xf = NULL, *t = NULL, *u = NULL, *s = NULL;
  NUMC__TRY(as_inexact(&xf, x));
  numc_dtype rdt = numc_dtype_real(xf->dtype);
  int rc;
  if (isinf(ord)) {
    rc = numc_abs(&t, xf);
    if (rc == NUMC_OK)
      rc = ord > 0 ? max0(out, t, naxes, axes, keepdims) : numc_min(out, t, naxes, axes, keepdims);
  } else if (ord == 0) {
    rc = with_scalar(&t, NUMC_OP_NOT_EQUAL, xf, numc_weak_int(0), false);
    if (rc == NUMC_OK) rc = numc__as_dtype(&u, t, rdt);
    if (rc == NUMC_OK) rc = numc_sum(out, u, naxes, axes, keepdims, rdt);
  } else if (ord == 1) {
    rc = numc_abs(&t, xf);
    if (rc == NUMC_OK) rc = numc_sum(out, t, naxes, axes, keepdims, rdt);
  } else if (ord == 2) {
    rc = abs2(&t, xf);
    if (rc == NUMC_OK) rc = numc_sum(&s, t, naxes, axes, keepdims, rdt);
    if (rc == NUMC_OK) rc = numc_sqrt(out, s);
  } else {
    /* (sum |x|^ord)^(1/ord), 1/ord rounded to the result's precision */
    double inv = rdt == NUMC_FLOAT32 ? (double)(1.0f / (float)ord) : 1.0 / ord;
    rc = numc_abs(&t, xf);
    if (rc == NUMC_OK) rc = with_scalar(&u, NUMC_OP_POW, t, numc_weak_float(ord), false);
    if (rc == NUMC_OK) rc = numc_sum(&s, u, naxes, axes, keepdims, rdt);
    if (rc == NUMC_OK) rc = with_scalar(out, NUMC_OP_POW, s, numc_weak_float(inv), false);
  }
  numc_release(xf), numc_release(t), numc_release(u), numc_release(s);
  return rc;
}

/* Adds the two length-1 matrix axes back for keepdims. */
static int keep_matrix_dims(numc_array **out, numc_array *r, int keepdims) {
  if (!keepdims) {
    *out = r;
    return NUMC_OK;
  }
  int axes[2] = {r->ndim, r->ndim + 1};
  int rc = numc_expand_dims(out, r, 2, axes);
  numc_release(r);
  return rc;
}

/* Reduction `op` of singular values (float64, last axis), in the result
 * precision of x as NumPy (which reduces the cast values). */
static int svd_norm(numc_array **out, const numc_array *x, numc_norm_ord ord) {
  numc_array *s = NULL, *sc = NULL;
  NUMC__TRY(numc__svdvals_f64(&s, x));
  numc_dtype rdt = numc_dtype_real(numc__is_inexact(x->dtype) ? x->dtype : NUMC_FLOAT64);
  int rc = numc__as_dtype(&sc, s, rdt);
  int last = -1;
  if (rc == NUMC_OK) {
    if (ord == NUMC_NORM_2)
      rc = max0(out, sc, 1, &last, 0);
    else if (ord == NUMC_NORM_NEG2)
      rc = numc_min(out, sc, 1, &last, 0);
    else
      rc = numc_sum(out, sc, 1, &last, 0, rdt);
  }
  numc_release(s);
  numc_release(sc);
  return rc;
}

int numc_matrix_norm(numc_array **out, const numc_array *x, numc_norm_ord ord, int keepdims) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "matrix_norm: NULL argument");
  if (x->ndim < 2) {
    int ax = -2;
    return numc__norm_axis(&ax, x->ndim);
  }
  if ((unsigned)ord > NUMC_NORM_NEG_INF)
    return numc__err(NUMC_EVALUE, "Invalid norm order for matrices.");
  numc_array *xf = NULL, *t = NULL, *s = NULL, *r = NULL;
  NUMC__TRY(as_inexact(&xf, x));
  numc_dtype rdt = numc_dtype_real(xf->dtype);
  int both[2] = {-2, -1}, last = -1, row = -2;
  int rc = NUMC_OK;
  switch (ord) {
  case NUMC_NORM_FRO:
    rc = abs2(&t, xf);
    if (rc == NUMC_OK) rc = numc_sum(&s, t, 2, both, 0, rdt);
    if (rc == NUMC_OK) rc = numc_sqrt(&r, s);
    break;
  case NUMC_NORM_1:
  case NUMC_NORM_NEG1:
  case NUMC_NORM_INF:
  case NUMC_NORM_NEG_INF: {
    /* 1: column sums (over rows) then max over columns; inf: row sums */
    bool cols = ord == NUMC_NORM_1 || ord == NUMC_NORM_NEG1;
    bool mx = ord == NUMC_NORM_1 || ord == NUMC_NORM_INF;
    rc = numc_abs(&t, xf);
    if (rc == NUMC_OK) rc = numc_sum(&s, t, 1, cols ? &row : &last, 0, rdt);
    if (rc == NUMC_OK) rc = mx ? max0(&r, s, 1, &last, 0) : numc_min(&r, s, 1, &last, 0);
    break;
  }
  default:
    rc = svd_norm(&r, x, ord);
    break;
  }
  numc_release(xf), numc_release(t), numc_release(s);
  if (rc < 0) return rc;
  return keep_matrix_dims(out, r, keepdims);
}

/* ---- cond, pinv, matrix_rank ------------------------------------------------------------------ */

static bool empty_2d(const numc_array *x) {
  int64_t size = numc__shape_size(x->ndim, x->shape), p = 1;
  for (int i = x->ndim - 2; i < x->ndim; i++)
    if (i >= 0) p *= x->shape[i];
  return size == 0 && p == 0;
}

int numc_cond(numc_array **out, const numc_array *x, numc_norm_ord p) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "cond: NULL argument");
  if (empty_2d(x)) return numc__err(NUMC_ELINALG, "cond is not defined on empty arrays");
  if ((unsigned)p > NUMC_NORM_NEG_INF)
    return numc__err(NUMC_EVALUE, "Invalid norm order for matrices.");
  numc_dtype rdt = numc_dtype_real(numc__is_inexact(x->dtype) ? x->dtype : NUMC_FLOAT64);
  numc_array *r = NULL, *a = NULL, *b = NULL, *inv = NULL;
  int rc;
  if (p == NUMC_NORM_2 || p == NUMC_NORM_NEG2) {
    NUMC__TRY(numc__la_check_stack(x, false));
    numc_array *s = NULL, *sc = NULL;
    rc = numc__svdvals_f64(&s, x);
    if (rc == NUMC_OK) rc = numc__as_dtype(&sc, s, rdt);
    int64_t kk = x->shape[x->ndim - 1] < x->shape[x->ndim - 2] ? x->shape[x->ndim - 1]
                                                               : x->shape[x->ndim - 2];
    if (rc == NUMC_OK) rc = component(&a, sc, p == NUMC_NORM_2 ? 0 : kk - 1);
    if (rc == NUMC_OK) rc = component(&b, sc, p == NUMC_NORM_2 ? kk - 1 : 0);
    if (rc == NUMC_OK) rc = numc_divide(&r, a, b);
    numc_release(s), numc_release(sc);
  } else {
    NUMC__TRY(numc__la_check_stack(x, true));
    numc_array *r64 = NULL;
    rc = numc__inv_nan(&inv, x);
    if (rc == NUMC_OK) rc = numc_matrix_norm(&a, x, p, 0);
    if (rc == NUMC_OK) rc = numc_matrix_norm(&b, inv, p, 0);
    if (rc == NUMC_OK) rc = numc_multiply(&r64, a, b);
    if (rc == NUMC_OK) rc = numc__as_dtype(&r, r64, rdt);
    numc_release(r64);
  }
  numc_release(a), numc_release(b), numc_release(inv);
  if (rc < 0) {
    numc_release(r);
    return rc;
  }
  /* NaN (a failed inverse) becomes inf unless x itself had a NaN */
  numc_array *rn = NULL, *xn = NULL, *xa = NULL, *ok = NULL, *mask = NULL, *inf = NULL;
  int both[2] = {-2, -1};
  rc = numc_isnan(&rn, r);
  if (rc == NUMC_OK) rc = numc_isnan(&xn, x);
  if (rc == NUMC_OK) rc = numc_any(&xa, xn, 2, both, 0);
  if (rc == NUMC_OK) rc = numc_logical_not(&ok, xa);
  if (rc == NUMC_OK) rc = numc_logical_and(&mask, rn, ok);
  if (rc == NUMC_OK) {
    numc_scalar v = numc_weak_float(INFINITY);
    rc = numc_from_scalar(&inf, &v);
  }
  if (rc == NUMC_OK) rc = numc_where(out, mask, inf, r);
  numc_release(rn), numc_release(xn), numc_release(xa), numc_release(ok);
  numc_release(mask), numc_release(inf), numc_release(r);
  return rc;
}

/* eps of the real dtype of a result dtype. */
static double eps_of(numc_dtype dt) {
  numc_finfo fi;
  numc_finfo_get(&fi, numc__is_inexact(dt) ? dt : NUMC_FLOAT64);
  return fi.eps;
}

int numc_pinv(numc_array **out, const numc_array *x, double rtol) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "pinv: NULL argument");
  NUMC__TRY(numc__la_check_stack(x, false));
  int64_t m = x->shape[x->ndim - 2], n = x->shape[x->ndim - 1];
  if (empty_2d(x)) {
    int64_t shape[NUMC_MAXDIMS];
    memcpy(shape, x->shape, (size_t)x->ndim * sizeof(int64_t));
    shape[x->ndim - 2] = n, shape[x->ndim - 1] = m;
    return numc_empty(out, x->dtype, x->ndim, shape);
  }
  double rcond = rtol >= 0 ? rtol : (double)(m > n ? m : n) * eps_of(x->dtype);
  numc_array *ac = NULL, *u = NULL, *s = NULL, *vt = NULL, *mx = NULL, *cut = NULL;
  numc_array *large = NULL, *rs = NULL, *zero = NULL, *sinv = NULL, *se = NULL, *ut = NULL,
             *vtt = NULL, *prod = NULL;
  int last = -1, rc = NUMC_OK;
  if (numc__is_complex(x->dtype))
    rc = numc_conj(&ac, x);
  else
    ac = numc_retain((numc_array *)x);
  if (rc == NUMC_OK) rc = numc_svd(&u, &s, &vt, ac, 0);
  /* cutoff = rcond * max(s); s -> 1/s where s > cutoff, else 0 */
  if (rc == NUMC_OK) rc = numc_max(&mx, s, 1, &last, 1);
  if (rc == NUMC_OK) rc = with_scalar(&cut, NUMC_OP_MULTIPLY, mx, numc_weak_float(rcond), false);
  if (rc == NUMC_OK) rc = numc_greater(&large, s, cut);
  if (rc == NUMC_OK) rc = with_scalar(&rs, NUMC_OP_DIVIDE, s, numc_weak_int(1), true);
  if (rc == NUMC_OK) rc = numc_zeros_like(&zero, s, NUMC_DTYPE_DEFAULT);
  if (rc == NUMC_OK) rc = numc_where(&sinv, large, rs, zero);
  if (rc == NUMC_OK) rc = numc_expand_dims(&se, sinv, 1, &last);
  if (rc == NUMC_OK) rc = numc_matrix_transpose(&ut, u);
  if (rc == NUMC_OK) rc = numc_matrix_transpose(&vtt, vt);
  if (rc == NUMC_OK) rc = numc_multiply(&prod, se, ut);
  if (rc == NUMC_OK) rc = numc_matmul(out, vtt, prod);
  numc_array *all[] = {ac, u, s, vt, mx, cut, large, rs, zero, sinv, se, ut, vtt, prod};
  numc__release_n((int)(sizeof all / sizeof *all), all);
  return rc;
}

int numc_matrix_rank(numc_array **out, const numc_array *x, double tol, double rtol) {
  if (!out || !x) return numc__err(NUMC_EINVAL, "matrix_rank: NULL argument");
  if (tol >= 0 && rtol >= 0) return numc__err(NUMC_EVALUE, "`tol` and `rtol` can't be both set.");
  int rc;
  if (x->ndim < 2) { /* int(not all(x == 0)) */
    numc_array *a = NULL;
    rc = numc_any(&a, x, -1, NULL, 0);
    if (rc == NUMC_OK) rc = numc__as_dtype(out, a, NUMC_INT64);
    numc_release(a);
    return rc;
  }
  int64_t m = x->shape[x->ndim - 2], n = x->shape[x->ndim - 1];
  numc_dtype sdt = numc_dtype_real(numc__is_inexact(x->dtype) ? x->dtype : NUMC_FLOAT64);
  numc_array *s = NULL, *sc = NULL, *mx = NULL, *t = NULL, *gt = NULL;
  int last = -1;
  rc = numc__svdvals_f64(&s, x);
  if (rc == NUMC_OK) rc = numc__as_dtype(&sc, s, sdt);
  if (rc == NUMC_OK) {
    if (tol >= 0) {
      rc = with_scalar(&gt, NUMC_OP_GREATER, sc, numc_weak_float(tol), false);
    } else {
      double r = rtol >= 0 ? rtol : (double)(m > n ? m : n) * eps_of(sdt);
      rc = max0(&mx, sc, 1, &last, 1);
      if (rc == NUMC_OK) rc = with_scalar(&t, NUMC_OP_MULTIPLY, mx, numc_weak_float(r), false);
      if (rc == NUMC_OK) rc = numc_greater(&gt, sc, t);
    }
  }
  if (rc == NUMC_OK) rc = numc_count_nonzero(out, gt, 1, &last, 0);
  numc_release(s), numc_release(sc), numc_release(mx), numc_release(t), numc_release(gt);
  return rc;
}
