/*
 * core/alloc.c - every byte numc allocates, through one replaceable allocator.
 *
 * Tests install an allocator that fails after N calls to check that every
 * constructor reports NUMC_ENOMEM cleanly and leaks nothing.
 */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

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
  numc_trim_memory(); /* cached blocks belong to the old allocator's era */
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

/*
 * Aligned blocks. Every block is preceded by a small header recording how it
 * was obtained:
 *   - small blocks come from the replaceable allocator (over-allocated and
 *     aligned by hand);
 *   - large blocks (>= NUMC__LARGE, default allocator only) are mapped
 *     directly, 2 MiB aligned with MADV_HUGEPAGE so the kernel can back them
 *     with huge pages (512x fewer page faults), and when freed they go to a
 *     bounded reuse cache instead of back to the kernel: a result of the same
 *     size next time needs no page faults at all. That is where numc's
 *     fresh-result cost goes otherwise (DESIGN.md: "large buffers may come
 *     from a reuse pool").
 */
#define NUMC__LARGE ((size_t)1 << 20)
#define NUMC__HUGE ((size_t)2 << 20)
#define CACHE_SLOTS 16

typedef struct block_header {
  void *raw;        /* what to give back: malloc'd pointer or mapping base */
  size_t mapped;    /* bytes mapped (0: came from the allocator) */
} block_header;

_Static_assert(sizeof(block_header) <= NUMC__ALIGN, "header fits the alignment gap");

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
  void *base;
  size_t mapped;
} cache[CACHE_SLOTS];
static size_t cache_bytes;

/* At most this much freed memory is kept for reuse. */
static size_t cache_limit(void) {
  static size_t limit;
  if (limit == 0) {
    long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGE_SIZE);
    size_t ram = pages > 0 && psz > 0 ? (size_t)pages * (size_t)psz : ((size_t)4 << 30);
    limit = ram / 8 < ((size_t)1 << 30) ? ram / 8 : ((size_t)1 << 30);
  }
  return limit;
}

/* Takes a cached mapping of at least `need` bytes (and not much larger). */
static void *cache_take(size_t need, size_t *mapped) {
  void *best = NULL;
  int bi = -1;
  pthread_mutex_lock(&cache_mu);
  for (int i = 0; i < CACHE_SLOTS; i++) {
    if (!cache[i].base || cache[i].mapped < need || cache[i].mapped > need + need / 2)
      continue;
    if (bi < 0 || cache[i].mapped < cache[bi].mapped) bi = i;
  }
  if (bi >= 0) {
    best = cache[bi].base;
    *mapped = cache[bi].mapped;
    cache_bytes -= cache[bi].mapped;
    cache[bi].base = NULL;
  }
  pthread_mutex_unlock(&cache_mu);
  return best;
}

/* Keeps a mapping for reuse; returns false if the cache is full. */
static bool cache_put(void *base, size_t mapped) {
  bool kept = false;
  pthread_mutex_lock(&cache_mu);
  if (cache_bytes + mapped <= cache_limit()) {
    for (int i = 0; i < CACHE_SLOTS; i++)
      if (!cache[i].base) {
        cache[i].base = base;
        cache[i].mapped = mapped;
        cache_bytes += mapped;
        kept = true;
        break;
      }
  }
  pthread_mutex_unlock(&cache_mu);
  return kept;
}

void numc_trim_memory(void) {
  pthread_mutex_lock(&cache_mu);
  for (int i = 0; i < CACHE_SLOTS; i++)
    if (cache[i].base) {
      munmap(cache[i].base, cache[i].mapped);
      cache[i].base = NULL;
    }
  cache_bytes = 0;
  pthread_mutex_unlock(&cache_mu);
}

/* A fresh 2 MiB-aligned mapping of `mapped` bytes, or NULL. */
static void *map_huge(size_t mapped) {
  size_t len = mapped + NUMC__HUGE;
  char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return NULL;
  char *base = (char *)(((uintptr_t)m + NUMC__HUGE - 1) & ~(uintptr_t)(NUMC__HUGE - 1));
  if (base > m) munmap(m, (size_t)(base - m));
  size_t tail = (size_t)(m + len - (base + mapped));
  if (tail) munmap(base + mapped, tail);
#ifdef MADV_HUGEPAGE
  madvise(base, mapped, MADV_HUGEPAGE);
#endif
  return base;
}

static void *alloc_large(size_t n, bool zero) {
  size_t mapped = (n + NUMC__ALIGN + NUMC__HUGE - 1) & ~(NUMC__HUGE - 1);
  size_t got = 0;
  char *base = cache_take(n + NUMC__ALIGN, &got);
  bool recycled = base != NULL;
  if (!recycled) {
    base = map_huge(mapped);
    if (base == NULL) { /* give the cache back to the kernel and retry */
      numc_trim_memory();
      base = map_huge(mapped);
      if (base == NULL) return NULL;
    }
    got = mapped;
  }
  char *p = base + NUMC__ALIGN;
  block_header *h = (block_header *)p - 1;
  h->raw = base;
  h->mapped = got;
  if (zero && recycled) memset(p, 0, n); /* fresh mappings are zero already */
  return p;
}

void *numc__aligned_alloc(size_t n, bool zero) {
  if (n >= NUMC__LARGE && allocator.malloc_fn == default_malloc) return alloc_large(n, zero);
  size_t extra = NUMC__ALIGN - 1 + sizeof(block_header);
  if (n > SIZE_MAX - extra) return NULL;
  void *raw = numc__malloc(n + extra);
  if (raw == NULL) return NULL;
  uintptr_t p = ((uintptr_t)raw + sizeof(block_header) + NUMC__ALIGN - 1) &
                ~(uintptr_t)(NUMC__ALIGN - 1);
  block_header *h = (block_header *)p - 1;
  h->raw = raw;
  h->mapped = 0;
  if (zero) memset((void *)p, 0, n);
  return (void *)p;
}

void numc__aligned_free(void *p) {
  if (p == NULL) return;
  block_header *h = (block_header *)p - 1;
  if (h->mapped == 0) {
    numc__free(h->raw);
  } else if (!cache_put(h->raw, h->mapped)) {
    munmap(h->raw, h->mapped);
  }
}
