/*
 * core/alloc.c - every byte numc allocates, through one replaceable allocator.
 *
 * Tests install an allocator that fails after N calls to check that every
 * constructor reports NUMC_ENOMEM cleanly and leaks nothing. Aligned blocks
 * over-allocate and keep the original pointer just before the aligned one.
 */
#include "internal.h"

#include <stdlib.h>

static void *default_malloc(void *ctx, size_t n) {
  (void)ctx;
  return malloc(n);
}
static void default_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

static numc_allocator allocator = {default_malloc, default_free, NULL};

int numc_set_allocator(const numc_allocator *a) {
  if (a == NULL) {
    allocator.malloc_fn = default_malloc;
    allocator.free_fn = default_free;
    allocator.ctx = NULL;
    return NUMC_OK;
  }
  if (a->malloc_fn == NULL || a->free_fn == NULL)
    return numc__err(NUMC_EINVAL, "allocator functions must not be NULL");
  allocator = *a;
  return NUMC_OK;
}

void *numc__malloc(size_t n) {
  return allocator.malloc_fn(allocator.ctx, n ? n : 1);
}

void *numc__calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return NULL;
  size_t n = count * size;
  void *p = numc__malloc(n);
  if (p) memset(p, 0, n ? n : 1);
  return p;
}

void numc__free(void *p) {
  if (p) allocator.free_fn(allocator.ctx, p);
}

void numc_free(void *p) { numc__free(p); }

char *numc__strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = numc__malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/* Large zeroed blocks come from calloc when the default allocator is in use,
 * so the kernel can hand out zero pages lazily (np.zeros of 10^8 elements
 * costs nothing until touched). */
#define NUMC__CALLOC_MIN ((size_t)1 << 20)

void *numc__aligned_alloc(size_t n, bool zero) {
  size_t extra = NUMC__ALIGN + sizeof(void *);
  if (n > SIZE_MAX - extra) return NULL;
  void *raw;
  if (zero && n >= NUMC__CALLOC_MIN && allocator.malloc_fn == default_malloc) {
    raw = calloc(1, n + extra);
    zero = false;
  } else {
    raw = numc__malloc(n + extra);
  }
  if (raw == NULL) return NULL;
  uintptr_t p = ((uintptr_t)raw + extra) & ~(uintptr_t)(NUMC__ALIGN - 1);
  ((void **)p)[-1] = raw;
  if (zero) memset((void *)p, 0, n);
  return (void *)p;
}

void numc__aligned_free(void *p) {
  if (p) numc__free(((void **)p)[-1]);
}
