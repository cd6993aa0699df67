/*
 * cpu/jit.c - the kernel compiler (see jit.h): C source for a run of
 * element operations, built by the system C compiler in a background
 * thread, cached in memory and on disk, loaded with dlopen.
 *
 * A run is identified by its source text (FNV-1a 64-bit hash of the text
 * and the compiler flags). The in-memory table remembers each run's state:
 * queued, ready (with its loop) or failed. On disk, DIR/<hash>.so is the
 * compiled run; the headers the source includes are written to DIR/inc
 * once per process, and DIR itself is named after a hash of those headers,
 * so a library with different element functions never loads stale code.
 */
#include "jit.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The headers of cpu/loops_elems.h, embedded at build time. */
extern const char *const numc__jit_header_names[];
extern const char *const numc__jit_header_texts[];

#define JIT_FLAGS                                                              \
  "-O3 -march=native -std=gnu11 -ffp-contract=off -fno-math-errno "           \
  "-fno-strict-aliasing -fPIC -shared -w"

enum { MODE_OFF = 0, MODE_BACKGROUND = 1, MODE_SYNC = 2 };
enum { E_EMPTY = 0, E_QUEUED, E_READY, E_FAILED };

#define TABLE_SIZE 4096

typedef struct entry {
  uint64_t key;
  int state;
  numc__loop_fn fn;
} entry;

typedef struct job {
  struct job *next;
  uint64_t key;
  char *source;
} job;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t idle = PTHREAD_COND_INITIALIZER;
static entry table[TABLE_SIZE];
static job *queue_head, *queue_tail;
static bool worker_running, busy;
static int mode = -1; /* -1: not read from the environment yet */
static char dir[1024];
static bool dir_ready, dir_failed;

static const char *dtype_enum(numc_dtype dt) {
  static const char *const names[] = {
#define NAME(E, name, ctype, size, kind, ch) #E,
      NUMC_DTYPE_MAP(NAME)
#undef NAME
  };
  return names[dt];
}

static uint64_t fnv1a(const char *s, uint64_t h) {
  for (; *s; s++) h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
  return h;
}

static void init_mode(void) {
  if (mode >= 0) return;
  const char *env = getenv("NUMC_JIT");
  mode = MODE_BACKGROUND;
  if (env && (!strcmp(env, "0") || !strcmp(env, "off"))) mode = MODE_OFF;
  if (env && !strcmp(env, "sync")) mode = MODE_SYNC;
}

bool numc__jit_enabled(void) {
  pthread_mutex_lock(&mu);
  init_mode();
  bool on = mode != MODE_OFF && !dir_failed;
  pthread_mutex_unlock(&mu);
  return on;
}

int numc__jit_set_mode(int m) {
  pthread_mutex_lock(&mu);
  init_mode();
  int prev = mode;
  mode = m;
  pthread_mutex_unlock(&mu);
  return prev;
}

bool numc__jit_step_ok(int op, numc_dtype ldtype, numc_dtype out) {
  if (numc__is_complex(ldtype) || numc__is_complex(out)) return false;
  if (op == NUMC__MAP_COPY) return true;
  if (op >= NUMC__MAP_CMP_SU_EQ) return false; /* no public element function */
  return numc__map_is_elementwise(op, ldtype);
}

/* ---- source ---------------------------------------------------------------- */

static void value_name(numc__strbuf *sb, const numc__jit_prog *p, int v) {
  if (v < p->nin)
    numc__sb_printf(sb, p->in_scalar[v] ? "s%d" : "i%d[i]", v);
  else
    numc__sb_printf(sb, "v%d", v);
}

static void emit_source(numc__strbuf *sb, const numc__jit_prog *p) {
  numc__sb_printf(sb, "#include \"cpu/loops_elems.h\"\n"
                      "void numc_jit_kernel(int64_t n, char *const *args, const void *aux) {\n"
                      "  (void)aux;\n");
  for (int k = 0; k < p->nin; k++) {
    const char *t = dtype_enum(p->in_dtype[k]);
    if (p->in_scalar[k])
      numc__sb_printf(sb, "  const NUMC__CT_%s s%d = *(const NUMC__CT_%s *)args[%d];\n", t, k,
                      t, k);
    else
      numc__sb_printf(sb, "  const NUMC__CT_%s *i%d = (const NUMC__CT_%s *)args[%d];\n", t, k,
                      t, k);
  }
  for (int j = 0; j < p->nout; j++) {
    int v = p->out[j];
    const char *t = dtype_enum(v < p->nin ? p->in_dtype[v] : p->steps[v - p->nin].out);
    numc__sb_printf(sb, "  NUMC__CT_%s *o%d = (NUMC__CT_%s *)args[%d];\n", t, j, t,
                    p->nin + j);
  }
  numc__sb_printf(sb, "  for (int64_t i = 0; i < n; i++) {\n");
  for (int k = 0; k < p->nsteps; k++) {
    const numc__jit_step *s = &p->steps[k];
    numc__sb_printf(sb, "    NUMC__CT_%s v%d = ", dtype_enum(s->out), p->nin + k);
    if (s->op == NUMC__MAP_COPY) {
      numc__sb_printf(sb, "NUMC__FROM_%s(%s, ", dtype_enum(s->ldtype), dtype_enum(s->out));
      value_name(sb, p, s->in[0]);
      numc__sb_printf(sb, ")");
    } else if (s->op == NUMC__MAP_WHERE) {
      value_name(sb, p, s->in[0]);
      numc__sb_printf(sb, " ? ");
      value_name(sb, p, s->in[1]);
      numc__sb_printf(sb, " : ");
      value_name(sb, p, s->in[2]);
    } else {
      numc__sb_printf(sb, "el_%s_%s(", numc__map_name(s->op), dtype_enum(s->ldtype));
      for (int j = 0; j < s->nin; j++) {
        if (j) numc__sb_printf(sb, ", ");
        value_name(sb, p, s->in[j]);
      }
      numc__sb_printf(sb, ")");
    }
    numc__sb_printf(sb, ";\n");
  }
  for (int j = 0; j < p->nout; j++) {
    numc__sb_printf(sb, "    o%d[i] = ", j);
    value_name(sb, p, p->out[j]);
    numc__sb_printf(sb, ";\n");
  }
  numc__sb_printf(sb, "  }\n}\n");
}

/* ---- the cache directory ----------------------------------------------------- */

static int mkdirs(const char *path) {
  char tmp[1024];
  snprintf(tmp, sizeof tmp, "%s", path);
  for (char *p = tmp + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST) return -1;
    *p = '/';
  }
  return (mkdir(tmp, 0700) == 0 || errno == EEXIST) ? 0 : -1;
}

static bool write_file(const char *path, const char *text) {
  char tmp[1200];
  snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (!f) return false;
  bool ok = fputs(text, f) >= 0;
  ok = fclose(f) == 0 && ok;
  return ok && rename(tmp, path) == 0;
}

/* Chooses and fills the cache directory (mu held). */
static bool ensure_dir(void) {
  if (dir_ready) return true;
  if (dir_failed) return false;
  uint64_t h = 0xcbf29ce484222325ull;
  for (int i = 0; numc__jit_header_texts[i]; i++) h = fnv1a(numc__jit_header_texts[i], h);
  h = fnv1a(JIT_FLAGS, h);
  const char *base = getenv("NUMC_JIT_DIR");
  char def[900];
  if (!base || !*base) {
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
      snprintf(def, sizeof def, "%s/numc/jit", xdg);
    else if (home && *home)
      snprintf(def, sizeof def, "%s/.cache/numc/jit", home);
    else
      snprintf(def, sizeof def, "/tmp/numc-jit-%ld", (long)getuid());
    base = def;
  }
  snprintf(dir, sizeof dir, "%s/%016llx", base, (unsigned long long)h);
  char inc[1100];
  bool ok = mkdirs(dir) == 0;
  for (int i = 0; ok && numc__jit_header_names[i]; i++) {
    snprintf(inc, sizeof inc, "%s/inc/%s", dir, numc__jit_header_names[i]);
    char *slash = strrchr(inc, '/');
    *slash = '\0';
    ok = mkdirs(inc) == 0;
    *slash = '/';
    struct stat stt;
    if (ok && stat(inc, &stt) != 0) ok = write_file(inc, numc__jit_header_texts[i]);
  }
  dir_ready = ok;
  dir_failed = !ok;
  return ok;
}

/* ---- compiling and loading ------------------------------------------------------ */

static numc__loop_fn load(const char *so) {
  void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
  if (!h) return NULL;
  void *fn = dlsym(h, "numc_jit_kernel");
  numc__loop_fn f;
  memcpy(&f, &fn, sizeof f);
  return f; /* the handle stays open for the life of the process */
}

/* Runs the C compiler on `source`; true when DIR/<key>.so exists after. */
static bool compile(uint64_t key, const char *source) {
  char c[1100], so[1100], tmp[1200], inc[1100];
  snprintf(c, sizeof c, "%s/%016llx.c", dir, (unsigned long long)key);
  snprintf(so, sizeof so, "%s/%016llx.so", dir, (unsigned long long)key);
  snprintf(tmp, sizeof tmp, "%s/%016llx.%ld.so", dir, (unsigned long long)key, (long)getpid());
  snprintf(inc, sizeof inc, "-I%s/inc", dir);
  if (!write_file(c, source)) return false;
  const char *cc = getenv("NUMC_JIT_CC");
  if (!cc || !*cc) cc = "cc";
  char flags[] = JIT_FLAGS, *save = NULL;
  char *argv[40];
  int n = 0;
  argv[n++] = (char *)cc;
  for (char *tok = strtok_r(flags, " ", &save); tok && n < 30;
       tok = strtok_r(NULL, " ", &save))
    argv[n++] = tok;
  argv[n++] = inc;
  argv[n++] = c;
  argv[n++] = (char *)"-o";
  argv[n++] = tmp;
  argv[n++] = (char *)"-lm";
  argv[n] = NULL;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int rc = posix_spawnp(&pid, cc, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return false;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    unlink(tmp);
    return false;
  }
  return rename(tmp, so) == 0;
}

static entry *find(uint64_t key, bool insert) {
  for (size_t i = 0; i < TABLE_SIZE; i++) {
    entry *e = &table[(key + i) % TABLE_SIZE];
    if (e->state != E_EMPTY && e->key == key) return e;
    if (e->state == E_EMPTY) {
      if (!insert) return NULL;
      e->key = key;
      return e;
    }
  }
  return NULL; /* full: no more compiled runs this process */
}

/* Compiles and publishes one run (mu not held). */
static void build(uint64_t key, const char *source) {
  bool ok = compile(key, source);
  char so[1100];
  snprintf(so, sizeof so, "%s/%016llx.so", dir, (unsigned long long)key);
  numc__loop_fn fn = ok ? load(so) : NULL;
  pthread_mutex_lock(&mu);
  entry *e = find(key, true);
  if (e) {
    e->fn = fn;
    e->state = fn ? E_READY : E_FAILED;
  }
  pthread_mutex_unlock(&mu);
}

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  for (;;) {
    while (!queue_head) {
      busy = false;
      pthread_cond_broadcast(&idle);
      pthread_cond_wait(&wake, &mu);
    }
    job *j = queue_head;
    queue_head = j->next;
    if (!queue_head) queue_tail = NULL;
    busy = true;
    pthread_mutex_unlock(&mu);
    build(j->key, j->source);
    free(j->source);
    free(j);
    pthread_mutex_lock(&mu);
  }
  return NULL;
}

static void atfork_child(void) {
  /* the worker does not exist in the child: forget queued work */
  pthread_mutex_init(&mu, NULL);
  pthread_cond_init(&wake, NULL);
  pthread_cond_init(&idle, NULL);
  worker_running = false;
  busy = false;
  queue_head = queue_tail = NULL; /* leaked in the child: harmless */
  for (int i = 0; i < TABLE_SIZE; i++)
    if (table[i].state == E_QUEUED) table[i].state = E_FAILED;
}

static pthread_once_t fork_once = PTHREAD_ONCE_INIT;
static void fork_init(void) { pthread_atfork(NULL, NULL, atfork_child); }

numc__loop_fn numc__jit_get(const numc__jit_prog *p) {
  numc__strbuf sb = {0};
  emit_source(&sb, p);
  if (sb.oom) {
    numc__free(sb.buf);
    return NULL;
  }
  uint64_t key = fnv1a(JIT_FLAGS, fnv1a(sb.buf, 0xcbf29ce484222325ull));
  numc__loop_fn fn = NULL;
  bool sync = false;
  pthread_once(&fork_once, fork_init);
  pthread_mutex_lock(&mu);
  init_mode();
  entry *e = NULL;
  if (mode != MODE_OFF && ensure_dir()) e = find(key, false);
  if (e && e->state == E_READY) {
    fn = e->fn;
  } else if (!e && mode != MODE_OFF && !dir_failed && (e = find(key, true)) != NULL) {
    char so[1100];
    snprintf(so, sizeof so, "%s/%016llx.so", dir, (unsigned long long)key);
    struct stat st;
    if (stat(so, &st) == 0 && (fn = load(so)) != NULL) { /* compiled earlier */
      e->state = E_READY;
      e->fn = fn;
    } else if (mode == MODE_SYNC) {
      e->state = E_QUEUED;
      sync = true;
    } else {
      job *j = malloc(sizeof *j);
      char *src = j ? malloc(strlen(sb.buf) + 1) : NULL;
      if (j && src) {
        strcpy(src, sb.buf);
        j->next = NULL;
        j->key = key;
        j->source = src;
        if (queue_tail)
          queue_tail->next = j;
        else
          queue_head = j;
        queue_tail = j;
        e->state = E_QUEUED;
        busy = true;
        if (!worker_running) {
          pthread_t t;
          pthread_attr_t attr;
          pthread_attr_init(&attr);
          pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
          worker_running = pthread_create(&t, &attr, worker, NULL) == 0;
          pthread_attr_destroy(&attr);
          if (!worker_running) { /* no thread: no background compiles */
            e->state = E_FAILED;
            queue_head = queue_tail = NULL;
            free(j->source);
            free(j);
            busy = false;
            mode = MODE_OFF;
          }
        }
        pthread_cond_signal(&wake);
      } else {
        free(j);
        free(src);
        e->state = E_FAILED;
      }
    }
  }
  pthread_mutex_unlock(&mu);
  if (sync) {
    build(key, sb.buf);
    pthread_mutex_lock(&mu);
    e = find(key, false);
    fn = e && e->state == E_READY ? e->fn : NULL;
    pthread_mutex_unlock(&mu);
  }
  numc__free(sb.buf);
  return fn;
}

void numc__jit_wait(void) {
  pthread_mutex_lock(&mu);
  while (busy || queue_head) pthread_cond_wait(&idle, &mu);
  pthread_mutex_unlock(&mu);
}
