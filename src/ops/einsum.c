/*
 * ops/einsum.c - numc_einsum: Einstein summation as views, sums and matmuls.
 *
 * The subscripts are parsed into label ids per operand dimension (letters
 * 'A'-'Z', 'a'-'z' are 0..51 in ASCII order; the dimensions an ellipsis
 * stands for get ids from 52 on, right-aligned across operands so that they
 * broadcast). Then, all lazily:
 *   1. operands are cast to the promoted dtype;
 *   2. a label repeated within an operand becomes a diagonal view;
 *   3. length-1 dimensions broadcast against the other operands (views);
 *   4. a label found in one operand only and not in the output is summed;
 *   5. operands are contracted pairwise. With three or more, the pair is
 *      chosen greedily as np.einsum_path(optimize='greedy') does: among
 *      pairs sharing a label, the one whose result is smallest relative to
 *      its inputs (size(result) - size(a) - size(b)); the result goes to the
 *      end of the list. A pair with labels to contract is permuted and
 *      reshaped to (batch, m, k) @ (batch, k, n) and handed to numc_matmul
 *      (GEMM for float and complex, through its transposed layouts); a pair
 *      without is a broadcast multiply;
 *   6. the last operand is permuted to the output order.
 * A single operand that needs no sum comes back as a view, as in NumPy.
 */
#include "linalg_internal.h"

#include <stdio.h>

#define NLETTERS 52
#define MAXLABELS (NLETTERS + NUMC_MAXDIMS)
#define MAXOPS 64

typedef struct ein_op {
  numc_array *a; /* owned */
  int nl;
  uint8_t lab[NUMC_MAXDIMS];
} ein_op;

typedef struct ein {
  int n;
  ein_op ops[MAXOPS];
  int nout;
  uint8_t out[MAXLABELS];
  bool in_out[MAXLABELS];
  int64_t dim[MAXLABELS];
  numc_dtype dt;
} ein;

static int label_id(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return 26 + c - 'a';
  return -1;
}

static char label_char(int id) {
  return id < 26 ? (char)('A' + id) : id < NLETTERS ? (char)('a' + id - 26) : '.';
}

/* Parses one term [s, e): letters into lab, the ellipsis position (or -1)
 * into *ell. */
static int parse_term(const char *s, const char *e, int opno, uint8_t *lab, int *nlab,
                      int *ell) {
  *nlab = 0;
  *ell = -1;
  for (const char *p = s; p < e; p++) {
    if (*p == ' ') continue;
    if (*p == '.') {
      if (*ell >= 0 || e - p < 3 || p[1] != '.' || p[2] != '.') {
        if (opno < 0)
          return numc__err(NUMC_EVALUE, "einstein sum subscripts string contains a '.' "
                                        "that is not part of an ellipsis ('...') in the output");
        return numc__err(NUMC_EVALUE,
                         "einstein sum subscripts string contains a '.' that is not part of "
                         "an ellipsis ('...') in operand %d",
                         opno);
      }
      *ell = *nlab;
      p += 2;
      continue;
    }
    int id = label_id(*p);
    if (id < 0)
      return numc__err(NUMC_EVALUE,
                       "invalid subscript '%c' in einstein sum subscripts string, subscripts "
                       "must be letters",
                       *p);
    if (*nlab >= NUMC_MAXDIMS)
      return numc__err(NUMC_EVALUE, "too many subscripts in einsum");
    lab[(*nlab)++] = (uint8_t)id;
  }
  return NUMC_OK;
}

static const char ELL_MSG[] =
    "output has more dimensions than subscripts given in einstein sum, but no '...' "
    "ellipsis provided to broadcast the extra dimensions.";

/* Parses the subscripts and fills e->ops[i].lab / e->out. Operand handles
 * are set by the caller. */
static int parse(ein *e, const char *subs, int n, const numc_array *const *in) {
  const char *arrow = strstr(subs, "->");
  const char *end_in = arrow ? arrow : subs + strlen(subs);
  for (const char *p = subs; p < end_in; p++)
    if (*p == '-' || *p == '>')
      return numc__err(NUMC_EVALUE, "einstein sum subscript string does not contain proper "
                                    "'->' output specified");
  int nterms = 1;
  for (const char *p = subs; p < end_in; p++) nterms += *p == ',';
  if (nterms < n)
    return numc__err(NUMC_EVALUE, "more operands provided to einstein sum function than "
                                  "specified in the subscripts string");
  if (nterms > n)
    return numc__err(NUMC_EVALUE, "fewer operands provided to einstein sum function than "
                                  "specified in the subscripts string");
  int ellmax = 0;
  const char *s = subs;
  int count[MAXLABELS] = {0};
  for (int i = 0; i < n; i++) {
    const char *t = s;
    while (t < end_in && *t != ',') t++;
    uint8_t lab[NUMC_MAXDIMS];
    int nl, ell;
    NUMC__TRY(parse_term(s, t, i, lab, &nl, &ell));
    int nd = in[i]->ndim;
    if (nl > nd)
      return numc__err(NUMC_EVALUE,
                       "einstein sum subscripts string contains too many subscripts for "
                       "operand %d",
                       i);
    if (ell < 0 && nl < nd)
      return numc__err(NUMC_EVALUE, "operand has more dimensions than subscripts given in "
                                    "einstein sum, but no '...' ellipsis provided to "
                                    "broadcast the extra dimensions.");
    int ne = nd - nl;
    if (ne > ellmax) ellmax = ne;
    ein_op *o = &e->ops[i];
    o->nl = nd;
    /* ellipsis dims get ids 52 + (ellmax_final - ne) ..., fixed up below */
    for (int k = 0, d = 0; k <= nl; k++) {
      if (k == ell)
        for (int q = 0; q < ne; q++) o->lab[d++] = (uint8_t)(NLETTERS + q); /* provisional */
      if (k < nl) o->lab[d++] = lab[k], count[lab[k]]++;
    }
    s = t + 1;
  }
  /* right-align the ellipsis dims: operand with ne dims uses the last ne ids */
  for (int i = 0; i < n; i++) {
    ein_op *o = &e->ops[i];
    int ne = 0;
    for (int d = 0; d < o->nl; d++) ne += o->lab[d] >= NLETTERS;
    for (int d = 0; d < o->nl; d++)
      if (o->lab[d] >= NLETTERS) o->lab[d] = (uint8_t)(o->lab[d] + ellmax - ne);
  }
  e->nout = 0;
  if (arrow) {
    uint8_t lab[NUMC_MAXDIMS];
    int nl, ell;
    const char *os = arrow + 2;
    for (const char *p = os; *p; p++)
      if (*p == '-' || *p == '>')
        return numc__err(NUMC_EVALUE, "einstein sum subscript string does not contain "
                                      "proper '->' output specified");
    NUMC__TRY(parse_term(os, os + strlen(os), -1, lab, &nl, &ell));
    if (ell < 0 && ellmax > 0) return numc__err(NUMC_EVALUE, "%s", ELL_MSG);
    for (int k = 0; k <= nl; k++) {
      if (k == ell)
        for (int q = 0; q < ellmax; q++) e->out[e->nout++] = (uint8_t)(NLETTERS + q);
      if (k == nl) break;
      int id = lab[k];
      if (!count[id])
        return numc__err(NUMC_EVALUE,
                         "einstein sum subscripts string included output subscript '%c' "
                         "which never appeared in an input",
                         label_char(id));
      for (int q = 0; q < e->nout; q++)
        if (e->out[q] == id)
          return numc__err(NUMC_EVALUE,
                           "einstein sum subscripts string includes output subscript '%c' "
                           "multiple times",
                           label_char(id));
      e->out[e->nout++] = (uint8_t)id;
    }
  } else { /* implicit: broadcast dims, then labels seen once, in order */
    for (int q = 0; q < ellmax; q++) e->out[e->nout++] = (uint8_t)(NLETTERS + q);
    for (int id = 0; id < NLETTERS; id++)
      if (count[id] == 1) e->out[e->nout++] = (uint8_t)id;
  }
  if (e->nout > NUMC_MAXDIMS) return numc__err(NUMC_EVALUE, "too many output subscripts");
  for (int q = 0; q < e->nout; q++) e->in_out[e->out[q]] = true;
  return NUMC_OK;
}

/* Replaces o->a by a view where repeated labels are one diagonal axis. */
static int collapse_repeats(ein_op *o) {
  int64_t shape[NUMC_MAXDIMS], strides[NUMC_MAXDIMS];
  uint8_t lab[NUMC_MAXDIMS];
  int nd = 0;
  bool any = false;
  const numc_array *a = o->a;
  for (int d = 0; d < o->nl; d++) {
    int k = 0;
    while (k < nd && lab[k] != o->lab[d]) k++;
    if (k < nd) {
      if (shape[k] != a->shape[d])
        return numc__err(NUMC_EVALUE,
                         "dimensions in single operand for collapsing index '%c' don't match "
                         "(%lld != %lld)",
                         label_char(o->lab[d]), (long long)shape[k], (long long)a->shape[d]);
      strides[k] += a->strides[d];
      any = true;
      continue;
    }
    lab[nd] = o->lab[d], shape[nd] = a->shape[d], strides[nd++] = a->strides[d];
  }
  if (!any) return NUMC_OK;
  numc__lock();
  numc_array *v = numc__array_new(a->st, a->dtype, nd, shape, strides, a->offset,
                                  a->flags & NUMC_WRITEABLE);
  numc__unlock();
  if (!v) return NUMC_ENOMEM;
  numc_release(o->a);
  o->a = v;
  o->nl = nd;
  memcpy(o->lab, lab, (size_t)nd);
  return NUMC_OK;
}

/* Checks that every label has one size (1 broadcasts) and broadcasts the
 * operands' length-1 dims. */
static int broadcast_labels(ein *e) {
  for (int l = 0; l < MAXLABELS; l++) e->dim[l] = -1;
  for (int i = 0; i < e->n; i++) {
    ein_op *o = &e->ops[i];
    for (int d = 0; d < o->nl; d++) {
      int64_t s = o->a->shape[d], *dl = &e->dim[o->lab[d]];
      if (*dl < 0 || *dl == 1)
        *dl = s;
      else if (s != 1 && s != *dl)
        return numc__err(NUMC_ESHAPE,
                         "operands could not be broadcast together: einsum dimension '%c' "
                         "of operand %d has size %lld, expected %lld",
                         label_char(o->lab[d]), i, (long long)s, (long long)*dl);
    }
  }
  for (int i = 0; i < e->n; i++) {
    ein_op *o = &e->ops[i];
    int64_t shape[NUMC_MAXDIMS];
    bool need = false;
    for (int d = 0; d < o->nl; d++) {
      shape[d] = e->dim[o->lab[d]];
      if (shape[d] != o->a->shape[d]) need = true;
    }
    if (!need) continue;
    numc_array *b;
    NUMC__TRY(numc_broadcast_to(&b, o->a, o->nl, shape));
    numc_release(o->a);
    o->a = b;
  }
  return NUMC_OK;
}

/* Does any operand other than i and j (j may be -1) hold label l? */
static bool used_elsewhere(const ein *e, int l, int i, int j) {
  if (e->in_out[l]) return true;
  for (int k = 0; k < e->n; k++) {
    if (k == i || k == j) continue;
    for (int d = 0; d < e->ops[k].nl; d++)
      if (e->ops[k].lab[d] == l) return true;
  }
  return false;
}

static bool has_label(const ein_op *o, int l) {
  for (int d = 0; d < o->nl; d++)
    if (o->lab[d] == l) return true;
  return false;
}

/* Sums the labels of operand i that nothing else needs (other than the
 * partner j, which also keeps a label alive). */
static int sum_private(ein *e, int i, int j) {
  ein_op *o = &e->ops[i];
  int axes[NUMC_MAXDIMS], na = 0;
  uint8_t lab[NUMC_MAXDIMS];
  int nl = 0;
  for (int d = 0; d < o->nl; d++) {
    int l = o->lab[d];
    if (!used_elsewhere(e, l, i, -1) && (j < 0 || !has_label(&e->ops[j], l)))
      axes[na++] = d;
    else
      lab[nl++] = (uint8_t)l;
  }
  if (na == 0) return NUMC_OK;
  numc_array *s;
  NUMC__TRY(numc_sum(&s, o->a, na, axes, 0, e->dt));
  numc_release(o->a);
  o->a = s;
  o->nl = nl;
  memcpy(o->lab, lab, (size_t)nl);
  return NUMC_OK;
}

static double op_size(const ein *e, const uint8_t *lab, int nl) {
  double s = 1;
  for (int d = 0; d < nl; d++) s *= (double)e->dim[lab[d]];
  return s;
}

/* Labels of contracting i and j: those still needed by the output or by
 * another operand. */
static int pair_labels(const ein *e, int i, int j, uint8_t *lab) {
  int nl = 0;
  for (int pass = 0; pass < 2; pass++) {
    const ein_op *o = &e->ops[pass ? j : i];
    for (int d = 0; d < o->nl; d++) {
      int l = o->lab[d];
      if (pass && has_label(&e->ops[i], l)) continue;
      if (used_elsewhere(e, l, i, j)) lab[nl++] = (uint8_t)l;
    }
  }
  return nl;
}

/* Permutes operand o's axes to the label order `want` (a subset equal to
 * its labels) and reshapes to `nd` dims `shape`. */
static int arrange(numc_array **out, const ein_op *o, const uint8_t *want, int nd,
                   const int64_t *shape) {
  int perm[NUMC_MAXDIMS];
  for (int k = 0; k < o->nl; k++)
    for (int d = 0; d < o->nl; d++)
      if (o->lab[d] == want[k]) perm[k] = d;
  numc_array *p;
  NUMC__TRY(numc_permute_dims(&p, o->a, perm));
  int rc = numc_reshape(out, p, nd, shape, NUMC_COPY_IF_NEEDED);
  numc_release(p);
  return rc;
}

/* Contracts operands i and j into *res (labels: batch, left, right). */
static int contract(ein *e, int i, int j, ein_op *res) {
  NUMC__TRY(sum_private(e, i, j));
  NUMC__TRY(sum_private(e, j, i));
  const ein_op *A = &e->ops[i], *B = &e->ops[j];
  uint8_t batch[NUMC_MAXDIMS], left[NUMC_MAXDIMS], right[NUMC_MAXDIMS], con[NUMC_MAXDIMS];
  int nb = 0, nlf = 0, nr = 0, nc = 0;
  for (int d = 0; d < A->nl; d++) {
    int l = A->lab[d];
    bool keep = used_elsewhere(e, l, i, j);
    if (has_label(B, l) && keep)
      batch[nb++] = (uint8_t)l;
    else if (has_label(B, l))
      con[nc++] = (uint8_t)l;
    else
      left[nlf++] = (uint8_t)l;
  }
  for (int d = 0; d < B->nl; d++)
    if (!has_label(A, B->lab[d])) right[nr++] = B->lab[d];
  if (nb + nlf + nr > NUMC_MAXDIMS)
    return numc__err(NUMC_ESHAPE, "einsum: intermediate result has too many dimensions");
  res->nl = 0;
  for (int k = 0; k < nb; k++) res->lab[res->nl++] = batch[k];
  for (int k = 0; k < nlf; k++) res->lab[res->nl++] = left[k];
  for (int k = 0; k < nr; k++) res->lab[res->nl++] = right[k];
  int64_t rshape[NUMC_MAXDIMS];
  for (int k = 0; k < res->nl; k++) rshape[k] = e->dim[res->lab[k]];
  uint8_t wa[NUMC_MAXDIMS], wb[NUMC_MAXDIMS];
  int na = 0, nbb = 0;
  numc_array *ta = NULL, *tb = NULL, *r = NULL;
  int rc;
  if (nc == 0) { /* no sum: a broadcast multiply */
    int64_t sa[NUMC_MAXDIMS], sb[NUMC_MAXDIMS];
    for (int k = 0; k < nb; k++) wa[na] = batch[k], sa[na++] = e->dim[batch[k]];
    for (int k = 0; k < nlf; k++) wa[na] = left[k], sa[na++] = e->dim[left[k]];
    for (int k = 0; k < nb; k++) wb[nbb] = batch[k], sb[nbb++] = e->dim[batch[k]];
    for (int k = 0; k < nr; k++) wb[nbb] = right[k], sb[nbb++] = e->dim[right[k]];
    /* a: (batch, left, 1...), b: (batch, 1..., right) */
    int64_t fa[NUMC_MAXDIMS], fb[NUMC_MAXDIMS];
    int fna = 0, fnb = 0;
    for (int k = 0; k < nb; k++) fa[fna++] = sa[k], fb[fnb++] = sb[k];
    for (int k = 0; k < nlf; k++) fa[fna++] = sa[nb + k], fb[fnb++] = 1;
    for (int k = 0; k < nr; k++) fa[fna++] = 1, fb[fnb++] = sb[nb + k];
    rc = arrange(&ta, A, wa, fna, fa);
    if (rc == NUMC_OK) rc = arrange(&tb, B, wb, fnb, fb);
    if (rc == NUMC_OK) rc = numc_multiply(&res->a, ta, tb);
  } else {
    int64_t bsz = 1, m = 1, n = 1, k = 1;
    for (int q = 0; q < nb; q++) bsz *= e->dim[batch[q]], wa[na++] = batch[q], wb[nbb++] = batch[q];
    for (int q = 0; q < nlf; q++) m *= e->dim[left[q]], wa[na++] = left[q];
    for (int q = 0; q < nc; q++) k *= e->dim[con[q]], wa[na++] = con[q], wb[nbb++] = con[q];
    for (int q = 0; q < nr; q++) n *= e->dim[right[q]], wb[nbb++] = right[q];
    int64_t s3a[3] = {bsz, m, k}, s3b[3] = {bsz, k, n};
    rc = arrange(&ta, A, wa, 3, s3a);
    if (rc == NUMC_OK) rc = arrange(&tb, B, wb, 3, s3b);
    if (rc == NUMC_OK) rc = numc_matmul(&r, ta, tb);
    if (rc == NUMC_OK) rc = numc_reshape(&res->a, r, res->nl, rshape, NUMC_COPY_IF_NEEDED);
  }
  numc_release(ta);
  numc_release(tb);
  numc_release(r);
  return rc;
}

/* Greedy pair choice (np.einsum_path's 'greedy'): pairs sharing a label
 * first, minimal size(result) - size(a) - size(b). */
static void choose_pair(const ein *e, int *bi, int *bj) {
  double best = 0;
  bool found = false, found_shared = false;
  for (int i = 0; i < e->n; i++)
    for (int j = i + 1; j < e->n; j++) {
      bool shared = false;
      for (int d = 0; d < e->ops[i].nl && !shared; d++)
        shared = has_label(&e->ops[j], e->ops[i].lab[d]);
      if (found_shared && !shared) continue;
      uint8_t lab[2 * NUMC_MAXDIMS];
      int nl = pair_labels(e, i, j, lab);
      double cost = op_size(e, lab, nl) - op_size(e, e->ops[i].lab, e->ops[i].nl) -
                    op_size(e, e->ops[j].lab, e->ops[j].nl);
      if (!found || (shared && !found_shared) || cost < best) {
        best = cost;
        *bi = i, *bj = j;
        found = true;
        found_shared = found_shared || shared;
      }
    }
}

int numc_einsum(numc_array **out, const char *subscripts, int n,
                const numc_array *const *operands) {
  if (!out || !subscripts || (n > 0 && !operands))
    return numc__err(NUMC_EINVAL, "einsum: NULL argument");
  if (n < 1) return numc__err(NUMC_EVALUE, "No input operands");
  if (n > MAXOPS) return numc__err(NUMC_EVALUE, "einsum: at most %d operands", MAXOPS);
  for (int i = 0; i < n; i++)
    if (!operands[i]) return numc__err(NUMC_EINVAL, "einsum: NULL operand");
  ein *e = numc__calloc(1, sizeof *e);
  if (!e) return numc__oom();
  int rc = parse(e, subscripts, n, operands);
  e->dt = operands[0]->dtype;
  for (int i = 1; rc == NUMC_OK && i < n; i++)
    rc = numc_promote_types(&e->dt, e->dt, operands[i]->dtype);
  for (int i = 0; rc == NUMC_OK && i < n; i++) {
    rc = numc__as_dtype(&e->ops[i].a, operands[i], e->dt);
    e->n = i + 1;
    if (rc == NUMC_OK) rc = collapse_repeats(&e->ops[i]);
  }
  if (rc == NUMC_OK) rc = broadcast_labels(e);
  for (int i = 0; rc == NUMC_OK && i < e->n; i++) rc = sum_private(e, i, -1);
  while (rc == NUMC_OK && e->n > 1) {
    int i = 0, j = 1;
    if (e->n > 2) choose_pair(e, &i, &j);
    ein_op r;
    memset(&r, 0, sizeof r);
    rc = contract(e, i, j, &r);
    if (rc < 0) break;
    numc_release(e->ops[i].a);
    numc_release(e->ops[j].a);
    /* drop i and j, append the result */
    int k = 0;
    for (int q = 0; q < e->n; q++)
      if (q != i && q != j) e->ops[k++] = e->ops[q];
    e->ops[k++] = r;
    e->n = k;
  }
  if (rc == NUMC_OK) {
    ein_op *o = &e->ops[0];
    int perm[NUMC_MAXDIMS];
    assert(o->nl == e->nout);
    for (int q = 0; q < e->nout; q++)
      for (int d = 0; d < o->nl; d++)
        if (o->lab[d] == e->out[q]) perm[q] = d;
    rc = numc_permute_dims(out, o->a, perm);
  }
  for (int i = 0; i < e->n; i++) numc_release(e->ops[i].a);
  numc__free(e);
  return rc;
}
