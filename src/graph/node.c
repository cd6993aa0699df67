/*
 * graph/node.c - recording operations as graph nodes.
 *
 * numc__record is the one place where an operation becomes pending work: it
 * lays the inputs over the iteration space (broadcast strides), links the new
 * node into the reader lists of its input buffers, picks the output memory
 * layout (NumPy's order='K' for elementwise results), and then decides
 * whether to run the node at once:
 *   - the thread is in eager mode (numc_set_lazy(0));
 *   - the work is small (below numc__eager_below elements; invariant 6);
 *   - an input buffer is externally writable (invariant 3);
 *   - the pending graph below it grew past the depth or size bound
 *     (invariant 4).
 * Argument validation happens before this, in the op's own file, so that
 * errors surface at the call (invariant 2).
 */
#include "../core/internal.h"
#include "../cpu/vm.h"

#include <stdlib.h>

/* Pending chains deeper than this, or graphs with more nodes than
 * NUMC__MAX_WEIGHT below a node, are evaluated when the next node is
 * recorded. */
#define NUMC__MAX_DEPTH 64
#define NUMC__MAX_WEIGHT 512

int64_t numc__eager_below = 4096;

static void edge_link(numc__edge *e) {
  numc__storage *st = e->st;
  e->rprev = NULL;
  e->rnext = st->readers;
  if (st->readers) st->readers->rprev = e;
  st->readers = e;
}

static void edge_unlink(numc__edge *e) {
  if (e->rprev)
    e->rprev->rnext = e->rnext;
  else
    e->st->readers = e->rnext;
  if (e->rnext) e->rnext->rprev = e->rprev;
  e->rprev = e->rnext = NULL;
}

void numc__node_free(numc__node *n) {
  for (int i = 0; i < n->nin; i++) {
    numc__edge *e = &n->in[i];
    edge_unlink(e);
    numc__storage_unref(e->st);
  }
  if (n->free_params) n->free_params(n->params);
  numc__free(n);
}

/* NumPy's order='K': axes of the output follow the memory order of the
 * inputs. Axis x moves outside axis y when every input that strides both
 * (non-zero strides, extents > 1) has |stride_x| > |stride_y|; ties and
 * disagreement keep C order. order[0] is the outermost axis. */
void numc__choose_order(int *order, int nd, const int64_t *shape, int nops,
                         int64_t *const *strides) {
  for (int i = 0; i < nd; i++) order[i] = i;
  for (int i = 1; i < nd; i++) {
    int x = order[i], pos = i;
    for (int j = i - 1; j >= 0; j--) {
      int y = order[j];
      bool decisive = false, swap = true;
      if (shape[x] > 1 && shape[y] > 1) {
        for (int k = 0; k < nops; k++) {
          int64_t sx = strides[k][x], sy = strides[k][y];
          if (sx == 0 || sy == 0) continue;
          decisive = true;
          if (llabs(sx) <= llabs(sy)) swap = false;
        }
      }
      if (!decisive) continue;
      if (!swap) break;
      pos = j;
    }
    for (int j = i; j > pos; j--) order[j] = order[j - 1];
    order[pos] = x;
  }
}

/* Strides of a contiguous layout with the given axis order. */
void numc__order_strides(int64_t *strides, int nd, const int64_t *shape,
                          const int *order, size_t itemsize) {
  int64_t s = (int64_t)itemsize;
  for (int i = nd - 1; i >= 0; i--) {
    int ax = order[i];
    strides[ax] = s;
    if (shape[ax]) s *= shape[ax];
  }
}

/* The fast path: an elementwise op whose inputs are all computed and that
 * runs at once is executed straight into a new array, with no node. Returns
 * 1 when it does not apply. */
static int record_direct(numc_array **out, const numc__node_desc *d) {
  int nd = d->ndim, nin = d->nin;
  int64_t bstr[3][NUMC_MAXDIMS];
  int64_t *bp[3], *ostr_in[3];
  int nops = 0;
  for (int i = 0; i < nin; i++) {
    numc__broadcast_strides(bstr[i], d->in[i], nd, d->shape);
    bp[i] = bstr[i];
    if (!(d->in[i]->flags & NUMC_WEAK)) ostr_in[nops++] = bstr[i];
  }
  int order[NUMC_MAXDIMS];
  if (d->layout == 0 || d->layout == 'K')
    numc__choose_order(order, nd, d->shape, nops, ostr_in);
  else
    for (int i = 0; i < nd; i++) order[i] = d->layout == 'F' ? nd - 1 - i : i;
  int64_t ostr[NUMC_MAXDIMS];
  numc__order_strides(ostr, nd, d->shape, order, numc__isz(d->dtype));
  /* cheap eligibility test before allocating anything */
  for (int i = 0; i < nin; i++) {
    bool zero = true, same = true;
    size_t isz = numc__isz(d->in[i]->dtype), oisz = numc__isz(d->dtype);
    for (int k = 0; k < nd; k++) {
      if (d->shape[k] <= 1) continue;
      if (bstr[i][k] != 0) zero = false;
      if (bstr[i][k] * (int64_t)oisz != ostr[k] * (int64_t)isz) same = false;
    }
    if (!zero && !same) return 1;
  }
  int64_t nbytes = numc__shape_size(nd, d->shape) * (int64_t)numc__isz(d->dtype);
  numc__storage *st = numc__storage_new(nbytes, false);
  if (st == NULL) return NUMC_ENOMEM;
  numc_array *a =
      numc__array_new(st, d->dtype, nd, d->shape, ostr, 0, NUMC_WRITEABLE | NUMC_OWNDATA);
  numc__storage_unref(st);
  if (a == NULL) return NUMC_ENOMEM;
  numc__fpe_clear();
  int rc = numc__vm_direct(a, d->op, d->ldtype, d->in_ldtypes, nin, d->in, bp);
  unsigned conds = numc__fpe_read();
  if (rc == NUMC_OK && conds)
    rc = numc__fpe_report_op(d->op, numc_get_errstate(), conds);
  if (rc != NUMC_OK) {
    numc__array_free(a);
    return rc;
  }
  *out = a;
  return NUMC_OK;
}

int numc__record(numc_array **out, const numc__node_desc *d) {
  if (d->kind == NUMC__NK_MAP && !d->defer && d->nin <= 3) {
    int64_t size = numc__shape_size(d->ndim, d->shape);
    bool computed = true, exposed = false;
    for (int i = 0; i < d->nin; i++) {
      if (d->in[i]->st->producer) computed = false;
      if (!numc__storage_lazy_ok(d->in[i]->st)) exposed = true;
    }
    if (computed && (!numc__lazy_enabled() || exposed || size < numc__eager_below)) {
      int rc = record_direct(out, d);
      if (rc != 1) {
        if (rc < 0 && d->free_params) d->free_params(d->params);
        return rc;
      }
    }
  }
  int nd = d->ndim, nin = d->nin;
  bool map = d->kind == NUMC__NK_MAP;
  int ond = map ? nd : d->out_ndim;
  const int64_t *oshape = map ? d->shape : d->out_shape;
  size_t edge_dims = 0;
  for (int i = 0; i < nin; i++)
    edge_dims += (size_t)(d->kind == NUMC__NK_EXTERN ? d->in[i]->ndim : nd);

  size_t sz = sizeof(numc__node) + (size_t)nin * sizeof(numc__edge) +
              sizeof(int64_t) * ((size_t)nd + 2 * (size_t)ond + 2 * edge_dims) +
              sizeof(int) * (size_t)(nd > ond ? nd : ond);
  numc__node *n = numc__calloc(1, sz);
  if (n == NULL) {
    if (d->free_params) d->free_params(d->params);
    return numc__oom();
  }
  numc__edge *edges = (numc__edge *)(n + 1);
  int64_t *p = (int64_t *)(edges + nin);
  n->kind = (uint8_t)d->kind;
  n->op = (uint16_t)d->op;
  n->fpe = (uint16_t)numc_get_errstate();
  n->dtype = d->dtype;
  n->ldtype = d->ldtype;
  n->ndim = nd;
  n->out_ndim = ond;
  n->nin = nin;
  n->in = edges;
  n->red = d->red;
  n->run = d->run;
  n->params = d->params;
  n->free_params = d->free_params;
  n->name = d->name;
  n->shape = p, p += nd;
  n->out_shape = p, p += ond;
  n->out_strides = p, p += ond;
  if (nd) memcpy(n->shape, d->shape, (size_t)nd * sizeof(int64_t));
  if (ond) memcpy(n->out_shape, oshape, (size_t)ond * sizeof(int64_t));
  n->size = numc__shape_size(nd, n->shape);

  int depth = 0, weight = 1;
  bool exposed = false;
  int64_t *ostr[8]; /* strides that decide the output layout */
  int nops = 0;
  for (int i = 0; i < nin; i++) {
    const numc_array *a = d->in[i];
    numc__edge *e = &edges[i];
    e->node = n;
    e->st = a->st;
    e->offset = a->offset;
    e->dtype = a->dtype;
    e->ldtype = d->in_ldtypes ? d->in_ldtypes[i] : d->ldtype;
    if (d->kind == NUMC__NK_EXTERN) {
      e->ndim = a->ndim;
      e->shape = p, p += a->ndim;
      e->strides = p, p += a->ndim;
      if (a->ndim) {
        memcpy(e->shape, a->shape, (size_t)a->ndim * sizeof(int64_t));
        memcpy(e->strides, a->strides, (size_t)a->ndim * sizeof(int64_t));
      }
    } else {
      e->ndim = nd;
      e->shape = n->shape;
      e->strides = p, p += nd;
      p += nd; /* keep the layout uniform with EXTERN edges */
      numc__broadcast_strides(e->strides, a, nd, n->shape);
      if (!(a->flags & NUMC_WEAK) && nops < 8) ostr[nops++] = e->strides;
    }
    numc__storage_ref(e->st);
    edge_link(e);
    if (!numc__storage_lazy_ok(a->st)) exposed = true;
    numc__node *pn = a->st->producer;
    if (pn) {
      if (pn->depth + 1 > depth) depth = pn->depth + 1;
      weight += pn->weight;
    }
  }
  n->depth = depth;
  n->weight = weight > NUMC__MAX_WEIGHT ? NUMC__MAX_WEIGHT + 1 : weight;

  n->order = (int *)p;
  if (map && (d->layout == 0 || d->layout == 'K')) {
    numc__choose_order(n->order, nd, n->shape, nops, ostr);
  } else {
    for (int i = 0; i < ond; i++) n->order[i] = d->layout == 'F' ? ond - 1 - i : i;
  }
  numc__order_strides(n->out_strides, ond, n->out_shape, n->order,
                      numc__isz(d->dtype));

  int64_t nbytes = numc__shape_size(ond, n->out_shape) * (int64_t)numc__isz(d->dtype);
  numc__storage *st = numc__storage_pending(nbytes, n);
  if (st == NULL) {
    numc__node_free(n);
    return NUMC_ENOMEM;
  }
  numc_array *a = numc__array_new(st, d->dtype, ond, n->out_shape,
                                  n->out_strides, 0, NUMC_WRITEABLE | NUMC_OWNDATA);
  numc__storage_unref(st); /* the handle (if any) keeps it */
  if (a == NULL) return NUMC_ENOMEM;

  bool now = !d->defer &&
             (!numc__lazy_enabled() || exposed || n->size < numc__eager_below ||
              depth >= NUMC__MAX_DEPTH || weight > NUMC__MAX_WEIGHT);
  if (now) {
    int rc = numc__force1(st);
    if (rc < 0) {
      numc__array_free(a);
      return rc;
    }
  }
  *out = a;
  return NUMC_OK;
}
