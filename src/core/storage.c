/*
 * core/storage.c - refcounted buffers, pending or materialized.
 *
 * A storage dies when its last reference (handle, edge or evaluation hold)
 * goes. Dying frees its pending producer, whose edges drop their references
 * to input storages, which may die in turn: that cascade runs through an
 * explicit list, never by recursion, so a chain of a million pending nodes
 * frees in constant stack (DESIGN.md invariant 4).
 */
#include "internal.h"

numc__storage *numc__storage_new(int64_t nbytes, bool zero) {
  numc__storage *st = numc__calloc(1, sizeof *st);
  if (st == NULL) {
    numc__oom();
    return NULL;
  }
  st->data = numc__aligned_alloc((size_t)nbytes, zero);
  if (st->data == NULL) {
    numc__free(st);
    numc__oom();
    return NULL;
  }
  st->refs = 1;
  st->nbytes = nbytes;
  return st;
}

numc__storage *numc__storage_pending(int64_t nbytes, numc__node *producer) {
  numc__storage *st = numc__calloc(1, sizeof *st);
  if (st == NULL) {
    numc__oom();
    return NULL;
  }
  st->refs = 1;
  st->nbytes = nbytes;
  st->producer = producer;
  producer->out = st;
  return st;
}

int numc__storage_alloc(numc__storage *st) {
  if (st->data) return NUMC_OK;
  st->data = numc__aligned_alloc((size_t)st->nbytes, false);
  return st->data ? NUMC_OK : numc__oom();
}

static numc__storage *dead;
static bool draining;

static void destroy(numc__storage *st) {
  assert(st->readers == NULL);
  if (st->producer) {
    numc__node *n = st->producer;
    st->producer = NULL;
    numc__node_free(n);
  }
  if (st->flags & NUMC__ST_EXTERNAL) {
    if (st->release) {
      numc__defer_release(st);
      return;
    }
  } else {
    numc__aligned_free(st->data);
  }
  numc__free(st);
}

void numc__storage_unref(numc__storage *st) {
  assert(st->refs > 0);
  if (--st->refs > 0) return;
  st->next_dead = dead;
  dead = st;
  if (draining) return;
  draining = true;
  while (dead) {
    numc__storage *s = dead;
    dead = s->next_dead;
    destroy(s);
  }
  draining = false;
}
