/*
 * core/lock.c - the graph lock, and callbacks deferred until it is released.
 *
 * One recursive mutex guards handles, storages and nodes. It is recursive so
 * that a public function may call another public function (numc_eval from
 * numc_array_data, say) without special internal variants. Pool threads never
 * take it: they only run kernels the planner prepared under it.
 *
 * Ordering with other locks: the graph lock is taken first; code holding it
 * must never wait for a lock a caller may hold while calling numc (such as
 * Python's GIL). That is why the release callbacks of wrapped external memory
 * (which a binding implements by dropping a reference to the exporting
 * object, under its own lock) are queued and run by the thread that releases
 * the graph lock last, after unlocking.
 */
#include "internal.h"

#include <pthread.h>

static pthread_mutex_t graph_lock;
static pthread_once_t graph_lock_once = PTHREAD_ONCE_INIT;
static _Thread_local int lock_depth;

/* Storages whose release callbacks wait for the lock to be released; linked
 * through their `readers` field (unused once a storage is dead). */
static numc__storage *deferred;

static void graph_lock_make(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&graph_lock, &attr);
  pthread_mutexattr_destroy(&attr);
}

/* fork(): the parent holds the lock across the fork so that the child never
 * inherits a graph in the middle of an update; the child starts with a fresh
 * unlocked mutex (the forking thread is the only thread it has). */
static void atfork_prepare(void) { pthread_mutex_lock(&graph_lock); }
static void atfork_parent(void) { pthread_mutex_unlock(&graph_lock); }
static void atfork_child(void) {
  graph_lock_make();
  lock_depth = 0;
}

static void graph_lock_init(void) {
  graph_lock_make();
  pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
}

void numc__lock(void) {
  pthread_once(&graph_lock_once, graph_lock_init);
  pthread_mutex_lock(&graph_lock);
  lock_depth++;
}

void numc__unlock(void) {
  if (--lock_depth > 0 || deferred == NULL) {
    pthread_mutex_unlock(&graph_lock);
    return;
  }
  numc__storage *list = deferred;
  deferred = NULL;
  pthread_mutex_unlock(&graph_lock);
  while (list) {
    numc__storage *next = (numc__storage *)list->readers;
    list->release(list->release_ctx);
    numc__free(list);
    list = next;
  }
}

void numc__defer_release(numc__storage *st) {
  st->readers = (numc__edge *)deferred;
  deferred = st;
}
