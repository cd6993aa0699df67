/*
 * numc/common.h - export macro, status codes, error reporting, allocator.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * Conventions used by every numc function:
 *   - A fallible function returns int: NUMC_OK (0) on success or a negative
 *     NUMC_E* code. On failure a message describing the error is available
 *     from numc_last_error() on the same thread until the next failing call.
 *   - Results are returned through the first pointer argument. On failure
 *     that argument is left untouched (no partial results escape).
 *   - A function named numc_<constructor> that returns a handle through its
 *     first argument transfers one reference to the caller, who must give it
 *     back with exactly one matching release (numc_release for arrays,
 *     numc_free for strings).
 *   - numc never exits, aborts or prints on user error.
 */
#ifndef NUMC_COMMON_H
#define NUMC_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(NUMC_STATIC)
#define NUMC_API
#elif defined(_WIN32)
#if defined(NUMC_BUILDING)
#define NUMC_API __declspec(dllexport)
#else
#define NUMC_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define NUMC_API __attribute__((visibility("default")))
#else
#define NUMC_API
#endif

#define NUMC_VERSION_MAJOR 0
#define NUMC_VERSION_MINOR 1
#define NUMC_VERSION_PATCH 0

/* Maximum number of dimensions of an array (NumPy 2 uses 64 as well). */
#define NUMC_MAXDIMS 64

/*
 * Status codes. One list generates the enum, numc_err_name() and
 * numc_strerror(). The comment after each entry is the Python exception the
 * binding maps it to.
 */
#define NUMC_ERRNO_MAP(X)                                                      \
  X(NOMEM, -1, "out of memory")                          /* MemoryError */     \
  X(INVAL, -2, "invalid argument")                       /* ValueError */      \
  X(SHAPE, -3, "incompatible or invalid shape")          /* ValueError */      \
  X(AXIS, -4, "axis out of bounds")                      /* AxisError */       \
  X(DTYPE, -5, "operation not supported for this dtype") /* TypeError */       \
  X(CAST, -6, "cannot cast under the casting rule")      /* TypeError */       \
  X(INDEX, -7, "index out of bounds")                    /* IndexError */      \
  X(OVERFLOW, -8, "value out of range for the type")     /* OverflowError */   \
  X(VALUE, -9, "invalid value")                          /* ValueError */      \
  X(READONLY, -10, "array is read-only")                 /* ValueError */      \
  X(LINALG, -11, "linear algebra error")                 /* LinAlgError */     \
  X(IO, -12, "input/output error")                       /* OSError */         \
  X(FORMAT, -13, "malformed data or file format")        /* ValueError */      \
  X(NOTIMPL, -14, "not implemented")                     /* NotImplementedError */ \
  X(FPE, -15, "floating-point error")                    /* FloatingPointError */ \
  X(TYPE, -16, "argument of the wrong kind")             /* TypeError */       \
  X(INTERNAL, -17, "internal error")                     /* RuntimeError */

typedef enum numc_status {
  NUMC_OK = 0,
#define NUMC__ERRNO_ENUM(name, code, msg) NUMC_E##name = (code),
  NUMC_ERRNO_MAP(NUMC__ERRNO_ENUM)
#undef NUMC__ERRNO_ENUM
  NUMC__ERRNO_LAST = -18
} numc_status;

/* Returns the symbolic name of a status ("NUMC_ESHAPE"); never NULL.
 * Unknown codes give "NUMC_EUNKNOWN". */
NUMC_API const char *numc_err_name(int status);

/* Returns a static, generic description of a status; never NULL. */
NUMC_API const char *numc_strerror(int status);

/* Returns the message of the last failing numc call on this thread (a
 * specific text such as "operands could not be broadcast together with
 * shapes (3,) (4,)"), or "" if none failed yet. The pointer stays valid until
 * the next numc call on this thread. */
NUMC_API const char *numc_last_error(void);

/* Returns the status of the last failing numc call on this thread, 0 if none. */
NUMC_API int numc_last_status(void);

/* Clears the thread's last error (status 0, empty message). */
NUMC_API void numc_clear_error(void);

/*
 * Replaceable allocator. All memory numc allocates (handles, graph nodes and
 * array data) goes through it, so tests can inject allocation failures.
 * malloc_fn/free_fn have the semantics of malloc/free (free_fn(NULL) is a
 * no-op); ctx is passed through. numc_set_allocator(NULL) restores malloc/free.
 * Must be called while no numc object allocated under the previous allocator
 * is alive; returns NUMC_EINVAL (and changes nothing) if a field is NULL.
 */
typedef struct numc_allocator {
  void *(*malloc_fn)(void *ctx, size_t size);
  void (*free_fn)(void *ctx, void *ptr);
  void *ctx;
} numc_allocator;

NUMC_API int numc_set_allocator(const numc_allocator *allocator);

/* Returns to the operating system the large buffers numc keeps for reuse
 * (freed results are cached, up to 1/8 of RAM or 1 GiB, so the next result
 * of a similar size needs no page faults). Never fails; safe at any time. */
NUMC_API void numc_trim_memory(void);

/* Frees memory numc returned to the caller (for example the text from
 * numc_explain). NULL is a no-op. */
NUMC_API void numc_free(void *ptr);

/* Library version as a string "MAJOR.MINOR.PATCH". */
NUMC_API const char *numc_version(void);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_COMMON_H */
