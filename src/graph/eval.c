/*
 * graph/eval.c - the planner: from pending storages to executed kernels.
 *
 * numc__force(targets):
 *   1. Collect every pending node the targets depend on, in topological
 *      order (an explicit stack, never recursion: invariant 4).
 *   2. Walking consumers before producers, give each node a fused group.
 *      A MAP node joins the group of its consumers when all of them are in
 *      the plan, in one group, and read its result exactly as it is laid
 *      out (same shape, same strides, no offset). When its consumers sit in
 *      several elementwise groups that no other group reads (sinks, such as
 *      two results evaluated together), those groups are merged and the node
 *      joins them: one kernel with several outputs. Otherwise it starts a
 *      group of its own. REDUCE and EXTERN nodes always start one.
 *   3. A node's result is written to memory ("kept") when a live handle or a
 *      pending node outside the plan still needs it, when it is a target,
 *      when it is read by another group, or when it ends a group. Kept
 *      results inside a group are extra outputs of that group's kernel:
 *      computed once in the same pass (invariant 5).
 *   4. Groups run in the order of their roots, which is a valid dependency
 *      order because groups only read each other's roots.
 *   5. After a group runs, its nodes are freed at once; buffers nothing
 *      references any more go with them.
 */
#include "../core/internal.h"
#include "../cpu/pool.h"
#include "../cpu/vm.h"

#include <stdio.h>

static _Thread_local bool lazy_off;

bool numc__lazy_enabled(void) { return !lazy_off; }

int numc_set_lazy(int lazy) {
  int prev = !lazy_off;
  lazy_off = !lazy;
  return prev;
}

int numc_get_lazy(void) { return !lazy_off; }

typedef struct plan {
  numc__node **nodes; /* topological order */
  bool *keep;
  int32_t *root_of;   /* group id -> topo index of its root */
  int n, ngroups;
  numc__storage *const *targets;
  int ntargets;
  /* numc__force_into: the target whose result goes into an existing view */
  numc__storage *redirect_st;
  numc_array *redirect_dst;
  bool redirected; /* set once the redirected kernel ran */
} plan;

static bool is_target(const plan *p, const numc__storage *st) {
  for (int i = 0; i < p->ntargets; i++)
    if (p->targets[i] == st) return true;
  return false;
}

static void plan_release(plan *p) {
  for (int i = 0; i < p->n; i++) {
    if (!p->nodes[i]) continue; /* already ran and freed */
    p->nodes[i]->pending_eval = 0;
    p->nodes[i]->group = 0;
  }
  numc__free(p->nodes);
  numc__free(p->keep);
  numc__free(p->root_of);
  memset(p, 0, sizeof *p);
}

/* Step 1: post-order DFS over pending producers. */
static int collect(plan *p, numc__storage *const *sts, int nsts) {
  int cap = 16, sp = 0, scap = 16;
  p->nodes = numc__malloc((size_t)cap * sizeof *p->nodes);
  struct frame {
    numc__node *n;
    int i;
  } *stack = numc__malloc((size_t)scap * sizeof *stack);
  if (!p->nodes || !stack) goto oom;
  for (int t = 0; t < nsts; t++) {
    numc__node *root = sts[t] ? sts[t]->producer : NULL;
    if (!root || root->pending_eval) continue;
    root->pending_eval = 1;
    stack[sp++] = (struct frame){root, 0};
    while (sp > 0) {
      struct frame *f = &stack[sp - 1];
      if (f->i < f->n->nin) {
        numc__node *q = f->n->in[f->i++].st->producer;
        if (q && !q->pending_eval) {
          q->pending_eval = 1;
          if (sp == scap) {
            void *ns = numc__malloc((size_t)scap * 2 * sizeof *stack);
            if (!ns) goto oom;
            memcpy(ns, stack, (size_t)sp * sizeof *stack);
            numc__free(stack);
            stack = ns;
            scap *= 2;
          }
          stack[sp++] = (struct frame){q, 0};
        }
        continue;
      }
      if (p->n == cap) {
        void *nn = numc__malloc((size_t)cap * 2 * sizeof *p->nodes);
        if (!nn) goto oom;
        memcpy(nn, p->nodes, (size_t)p->n * sizeof *p->nodes);
        numc__free(p->nodes);
        p->nodes = nn;
        cap *= 2;
      }
      f->n->topo = p->n;
      p->nodes[p->n++] = f->n;
      sp--;
    }
  }
  numc__free(stack);
  return NUMC_OK;
oom:
  /* nodes marked but not yet listed must be unmarked too */
  for (int i = 0; i < sp; i++) stack[i].n->pending_eval = 0;
  numc__free(stack);
  return numc__oom();
}

/* The consumer reads exactly the producer's result layout. */
static bool identity_edge(const numc__edge *e, const numc__node *prod) {
  if (e->st != prod->out || e->offset != 0 || e->dtype != prod->dtype ||
      e->ndim != prod->out_ndim)
    return false;
  for (int d = 0; d < e->ndim; d++) {
    if (e->shape[d] != prod->out_shape[d]) return false;
    if (e->shape[d] != 1 && e->strides[d] != prod->out_strides[d]) return false;
  }
  return true;
}

/* A group another group can be merged with: an elementwise group that no
 * other group reads (a sink, so merging cannot close a cycle) and that is
 * not written into a caller's view (numc__force_into redirects only a
 * group's last node). */
static bool mergeable(const plan *p, const bool *feeds, int32_t g) {
  const numc__node *root = p->nodes[p->root_of[g]];
  return !feeds[g] && root->kind == NUMC__NK_MAP && root->out != p->redirect_st;
}

/* Moves every member of group `from` into group `to` (members all have
 * topological index > lo, the node being placed). */
static void merge_group(plan *p, int lo, int32_t from, int32_t to) {
  for (int j = lo + 1; j < p->n; j++)
    if (p->nodes[j]->group == from) p->nodes[j]->group = to;
  if (p->root_of[from] > p->root_of[to]) p->root_of[to] = p->root_of[from];
  p->root_of[from] = -1; /* never run: it has no members left */
}

/* Steps 2 and 3. Sibling elementwise sinks that share a producer are
 * merged into one group, so t = f(x); r1 = g(t); r2 = h(t) evaluated
 * together is one kernel with outputs t (if kept), r1 and r2. */
static int form_groups(plan *p) {
  p->keep = numc__calloc((size_t)p->n + 1, sizeof *p->keep);
  p->root_of = numc__malloc(((size_t)p->n + 1) * sizeof *p->root_of);
  bool *feeds = numc__calloc((size_t)p->n + 1, sizeof *feeds);
  if (!p->keep || !p->root_of || !feeds) {
    numc__free(feeds);
    return numc__oom();
  }
  for (int i = p->n - 1; i >= 0; i--) {
    numc__node *nd = p->nodes[i];
    numc__storage *st = nd->out;
    bool keep = st->nhandles > 0 || is_target(p, st) || nd->kind != NUMC__NK_MAP;
    bool fuse = nd->kind == NUMC__NK_MAP, several = false;
    int32_t g = -1;
    for (numc__edge *e = st->readers; e; e = e->rnext) {
      numc__node *c = e->node;
      if (!c->pending_eval || c->kind == NUMC__NK_EXTERN || !identity_edge(e, nd)) {
        fuse = false;
        keep = true;
      } else if (g < 0) {
        g = c->group;
      } else if (g != c->group) {
        several = true;
      }
    }
    if (fuse && several) { /* consumers in several groups: merge them? */
      for (numc__edge *e = st->readers; e && fuse; e = e->rnext)
        if (!mergeable(p, feeds, e->node->group)) fuse = false;
      for (numc__edge *e = st->readers; e && fuse; e = e->rnext)
        if (e->node->group != g) merge_group(p, i, e->node->group, g);
      if (!fuse) keep = true;
    }
    if (fuse && g >= 0) {
      nd->group = g;
    } else {
      nd->group = p->ngroups;
      p->root_of[p->ngroups++] = i;
      keep = true;
      /* pending readers in the plan are other groups: this one feeds them */
      for (numc__edge *e = st->readers; e; e = e->rnext)
        if (e->node->pending_eval) feeds[nd->group] = true;
    }
    p->keep[i] = keep;
  }
  numc__free(feeds);
  return NUMC_OK;
}

/* Members of group g in topological order (root last). */
static int group_members(const plan *p, int32_t g, numc__node **members, bool *keep) {
  int m = 0;
  for (int i = 0; i <= p->root_of[g]; i++)
    if (p->nodes[i] && p->nodes[i]->group == g) {
      keep[m] = p->keep[i];
      members[m++] = p->nodes[i];
    }
  return m;
}

static int run_extern(numc__node *nd) {
  numc_array *small[8], **ins = small; /* concat may have many inputs */
  if (nd->nin > 8 && !(ins = numc__malloc((size_t)nd->nin * sizeof *ins)))
    return numc__oom();
  int rc = NUMC_OK, made = 0;
  for (; made < nd->nin; made++) {
    numc__edge *e = &nd->in[made];
    ins[made] = numc__array_new(e->st, e->dtype, e->ndim, e->shape, e->strides,
                                e->offset, 0);
    if (!ins[made]) {
      rc = NUMC_ENOMEM;
      break;
    }
  }
  numc_array *o = NULL;
  if (rc == NUMC_OK) {
    o = numc__array_new(nd->out, nd->dtype, nd->out_ndim, nd->out_shape,
                        nd->out_strides, 0, NUMC_WRITEABLE);
    if (!o) rc = NUMC_ENOMEM;
  }
  if (rc == NUMC_OK) rc = nd->run(nd, (const numc_array *const *)ins, o);
  if (o) numc__array_free(o);
  for (int i = 0; i < made; i++) numc__array_free(ins[i]);
  if (ins != small) numc__free(ins);
  return rc;
}

/* Runs group g; on success its nodes are gone and kept results exist. */
static int run_group(plan *p, int32_t g, numc__node **members, bool *keep) {
  int m = group_members(p, g, members, keep);
  numc__node *root = members[m - 1];
  numc__kernel *k = NULL;
  int rc = NUMC_OK;
  if (root->kind != NUMC__NK_EXTERN && root->out == p->redirect_st) {
    rc = numc__kernel_build(&k, members, m, keep, p->redirect_dst);
    if (rc < 0) return rc;
    if (rc == 0) p->redirected = true;
    keep[m - 1] = rc == 1; /* overlap: compute into a temporary instead */
    if (rc == 1) k = NULL;
  }
  for (int i = 0; i < m; i++)
    if (keep[i]) NUMC__TRY(numc__storage_alloc(members[i]->out));
  if (root->kind == NUMC__NK_EXTERN) {
    rc = run_extern(root);
  } else {
    rc = k ? NUMC_OK : numc__kernel_build(&k, members, m, keep, NULL);
    if (rc == NUMC_OK) {
      rc = numc__kernel_run(k, numc__pool_size());
      unsigned conds = rc == NUMC_OK ? numc__kernel_fpe(k) : 0;
      numc__kernel_free(k);
      if (conds) rc = numc__fpe_report(members, m, conds);
    }
  }
  if (rc < 0) return rc;
  for (int i = 0; i < m; i++) {
    members[i]->out->producer = NULL;
    p->nodes[members[i]->topo] = NULL;
  }
  for (int i = 0; i < m; i++) numc__node_free(members[i]);
  return NUMC_OK;
}

/* Plans and runs the targets; with redirect_dst, the result of
 * redirect_st is written into that view when possible (*redirected tells). */
static int force_plan(numc__storage *const *sts, int n, numc__storage *redirect_st,
                      numc_array *redirect_dst, bool *redirected) {
  plan p;
  memset(&p, 0, sizeof p);
  p.targets = sts;
  p.ntargets = n;
  p.redirect_st = redirect_st;
  p.redirect_dst = redirect_dst;
  int rc = collect(&p, sts, n);
  if (rc == NUMC_OK) rc = form_groups(&p);
  if (rc < 0) {
    plan_release(&p);
    return rc;
  }
  for (int t = 0; t < n; t++)
    if (sts[t]) numc__storage_ref(sts[t]);
  numc__node **members = numc__malloc((size_t)p.n * sizeof *members);
  bool *keep = numc__malloc((size_t)p.n * sizeof *keep);
  if (!members || !keep) rc = numc__oom();
  for (int i = 0; rc == NUMC_OK && i < p.n; i++) {
    numc__node *nd = p.nodes[i];
    if (nd && p.root_of[nd->group] == i) rc = run_group(&p, nd->group, members, keep);
  }
  numc__free(members);
  numc__free(keep);
  if (redirected) *redirected = p.redirected;
  plan_release(&p); /* after an error, nodes that did not run stay pending */
  for (int t = 0; t < n; t++)
    if (sts[t]) numc__storage_unref(sts[t]);
  return rc;
}

int numc__force(numc__storage *const *sts, int n) {
  return force_plan(sts, n, NULL, NULL, NULL);
}

/* Collects the output storages of pending nodes that read `st` but are not
 * part of the graph below `x` (which the caller is about to run). */
static int outside_readers(numc__storage ***out, int *nout, numc__storage *st,
                           numc__storage *x) {
  plan p;
  memset(&p, 0, sizeof p);
  int rc = collect(&p, &x, 1);
  int n = 0;
  numc__storage **list = NULL;
  for (numc__edge *e = st->readers; rc == NUMC_OK && e; e = e->rnext) {
    if (e->node->pending_eval) continue;
    if (list == NULL) {
      int cap = 0;
      for (numc__edge *f = st->readers; f; f = f->rnext) cap++;
      list = numc__malloc((size_t)cap * sizeof *list);
      if (!list) rc = numc__oom();
    }
    if (list) list[n++] = e->node->out;
  }
  plan_release(&p);
  *out = list;
  *nout = n;
  return rc;
}

int numc__force_into(numc_array *dst, numc_array *x) {
  assert(x->st->nhandles == 1 && x->ndim == dst->ndim && x->dtype == dst->dtype);
  NUMC__TRY(numc__force1(dst->st));
  if (!x->st->producer) {
    /* x already ran (small or eager): copy its values over */
    numc_array *y;
    const numc_array *in[1] = {x};
    numc__node_desc d;
    memset(&d, 0, sizeof d);
    d.kind = NUMC__NK_MAP;
    d.op = NUMC__MAP_COPY;
    d.dtype = d.ldtype = x->dtype;
    d.ndim = x->ndim;
    d.shape = x->shape;
    d.nin = 1;
    d.in = in;
    d.defer = true;
    NUMC__TRY(numc__record(&y, &d));
    int rc = numc__force_into(dst, y);
    numc__array_free(y);
    return rc;
  }
  /* pending readers of dst's buffer outside x's graph need the old values */
  numc__storage **readers;
  int nreaders;
  NUMC__TRY(outside_readers(&readers, &nreaders, dst->st, x->st));
  int rc = nreaders ? numc__force(readers, nreaders) : NUMC_OK;
  numc__free(readers);
  if (rc < 0) return rc;
  bool redirected = false;
  numc__storage *xs = x->st;
  NUMC__TRY(force_plan(&xs, 1, xs, dst, &redirected));
  if (redirected) return NUMC_OK;
  return numc__force_into(dst, x); /* x is now computed: copy it over */
}

int numc__prepare_write(numc__storage *st) {
  int n = 0, cap = 8;
  numc__storage *small[8];
  numc__storage **ts = small;
  for (numc__edge *e = st->readers; e; e = e->rnext) {
    if (n == cap) {
      numc__storage **nt = numc__malloc((size_t)cap * 2 * sizeof *nt);
      if (!nt) {
        if (ts != small) numc__free(ts);
        return numc__oom();
      }
      memcpy(nt, ts, (size_t)n * sizeof *nt);
      if (ts != small) numc__free(ts);
      ts = nt;
      cap *= 2;
    }
    ts[n++] = e->node->out;
  }
  int rc = NUMC_OK;
  if (n) rc = numc__force(ts, n);
  if (ts != small) numc__free(ts);
  if (rc == NUMC_OK) rc = numc__force1(st);
  assert(rc < 0 || st->readers == NULL);
  return rc;
}

/* ---- public entry points ------------------------------------------------- */

static int gather_storages(numc__storage ***out, numc__storage **small,
                           numc_array *const *arrays, int n) {
  numc__storage **sts = n <= 8 ? small : numc__malloc((size_t)n * sizeof *sts);
  if (!sts) return numc__oom();
  for (int i = 0; i < n; i++) sts[i] = arrays[i] ? arrays[i]->st : NULL;
  *out = sts;
  return NUMC_OK;
}

int numc_eval(numc_array *const *arrays, int n) {
  if (n < 0 || (n > 0 && arrays == NULL))
    return numc__err(NUMC_EINVAL, "invalid array list");
  numc__storage *small[8], **sts = NULL;
  numc__lock();
  int rc = gather_storages(&sts, small, arrays, n);
  if (rc == NUMC_OK) {
    rc = numc__force(sts, n);
    if (sts != small) numc__free(sts);
  }
  numc__unlock();
  return rc;
}

static void describe_extern(numc__strbuf *sb, const numc__node *nd) {
  char shp[256];
  numc__shape_str(shp, sizeof shp, nd->out_ndim, nd->out_shape);
  numc__sb_printf(sb, "%s -> %s %s (barrier: inputs materialized first)\n",
                  nd->name ? nd->name : "external op", shp, numc_dtype_name(nd->dtype));
}

int numc_explain(char **out, numc_array *const *arrays, int n) {
  if (n < 0 || (n > 0 && arrays == NULL))
    return numc__err(NUMC_EINVAL, "invalid array list");
  numc__strbuf sb = {0};
  numc__storage *small[8], **sts = NULL;
  plan p;
  memset(&p, 0, sizeof p);
  numc__lock();
  int rc = gather_storages(&sts, small, arrays, n);
  if (rc == NUMC_OK) {
    p.targets = sts;
    p.ntargets = n;
    rc = collect(&p, sts, n);
    if (rc == NUMC_OK) rc = form_groups(&p);
  }
  numc__node **members = NULL;
  bool *keep = NULL;
  if (rc == NUMC_OK && p.n > 0) {
    members = numc__malloc((size_t)p.n * sizeof *members);
    keep = numc__malloc((size_t)p.n * sizeof *keep);
    if (!members || !keep) rc = numc__oom();
  }
  int nthreads = numc__pool_size();
  if (rc == NUMC_OK) {
    int nk = 0; /* live groups (merged ones are gone) */
    for (int i = 0; i < p.n; i++)
      if (p.root_of[p.nodes[i]->group] == i) nk++;
    numc__sb_printf(&sb, "numc plan: %d pending node%s in %d kernel%s, pool of %d thread%s\n",
                    p.n, p.n == 1 ? "" : "s", nk, nk == 1 ? "" : "s",
                    nthreads, nthreads == 1 ? "" : "s");
    for (int i = 0; i < n; i++)
      if (arrays[i] && !arrays[i]->st->producer)
        numc__sb_printf(&sb, "array %d: already evaluated\n", i);
    int kno = 0;
    for (int i = 0; rc == NUMC_OK && i < p.n; i++) {
      numc__node *nd = p.nodes[i];
      if (p.root_of[nd->group] != i) continue;
      numc__sb_printf(&sb, "kernel %d: ", ++kno);
      int m = group_members(&p, nd->group, members, keep);
      if (nd->kind == NUMC__NK_EXTERN) {
        describe_extern(&sb, nd);
        continue;
      }
      numc__kernel *k;
      rc = numc__kernel_build(&k, members, m, keep, NULL);
      if (rc == NUMC_OK) {
        numc__kernel_describe(k, &sb, nthreads);
        numc__kernel_free(k);
      }
    }
  }
  numc__free(members);
  numc__free(keep);
  plan_release(&p);
  if (sts && sts != small) numc__free(sts);
  numc__unlock();
  if (rc == NUMC_OK && sb.oom) rc = numc__oom();
  if (rc < 0) {
    numc__free(sb.buf);
    return rc;
  }
  *out = sb.buf ? sb.buf : numc__strdup("");
  if (*out == NULL) return numc__oom();
  return NUMC_OK;
}

void numc_set_eager_threshold(int64_t n) { numc__eager_below = n < 0 ? 0 : n; }

int64_t numc_get_eager_threshold(void) { return numc__eager_below; }
