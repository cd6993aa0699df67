/*
 * core/error.c - status codes and the thread-local last-error message.
 *
 * The table of names and messages is generated from NUMC_ERRNO_MAP, so a new
 * code needs one line in numc/common.h and nothing here.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

#define NUMC__ERRMSG_MAX 512

static _Thread_local int last_status;
static _Thread_local char last_msg[NUMC__ERRMSG_MAX];

const char *numc_err_name(int status) {
  switch (status) {
  case NUMC_OK:
    return "NUMC_OK";
#define NAME_CASE(name, code, msg)                                             \
  case code:                                                                   \
    return "NUMC_E" #name;
    NUMC_ERRNO_MAP(NAME_CASE)
#undef NAME_CASE
  default:
    return "NUMC_EUNKNOWN";
  }
}

const char *numc_strerror(int status) {
  switch (status) {
  case NUMC_OK:
    return "success";
#define MSG_CASE(name, code, msg)                                              \
  case code:                                                                   \
    return msg;
    NUMC_ERRNO_MAP(MSG_CASE)
#undef MSG_CASE
  default:
    return "unknown error";
  }
}

const char *numc_last_error(void) { return last_msg; }

int numc_last_status(void) { return last_status; }

void numc_clear_error(void) {
  last_status = 0;
  last_msg[0] = '\0';
}

int numc__err(int status, const char *fmt, ...) {
  last_status = status;
  if (fmt == NULL) {
    snprintf(last_msg, sizeof last_msg, "%s", numc_strerror(status));
    return status;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_msg, sizeof last_msg, fmt, ap);
  va_end(ap);
  return status;
}

int numc__oom(void) { return numc__err(NUMC_ENOMEM, "out of memory"); }

const char *numc_version(void) {
#define NUMC__STR2(x) #x
#define NUMC__STR(x) NUMC__STR2(x)
  return NUMC__STR(NUMC_VERSION_MAJOR) "." NUMC__STR(
      NUMC_VERSION_MINOR) "." NUMC__STR(NUMC_VERSION_PATCH);
}
