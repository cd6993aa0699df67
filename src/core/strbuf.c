/*
 * core/strbuf.c - a growable text buffer for messages and explain output.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

void numc__sb_printf(numc__strbuf *sb, const char *fmt, ...) {
  if (sb->oom) return;
  for (;;) {
    size_t room = sb->cap - sb->len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(sb->buf ? sb->buf + sb->len : NULL, sb->buf ? room : 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
      sb->oom = true;
      return;
    }
    if (sb->buf && (size_t)n < room) {
      sb->len += (size_t)n;
      return;
    }
    size_t cap = sb->cap ? sb->cap * 2 : 256;
    while (cap < sb->len + (size_t)n + 1) cap *= 2;
    char *nb = numc__malloc(cap);
    if (nb == NULL) {
      sb->oom = true;
      return;
    }
    if (sb->buf) {
      memcpy(nb, sb->buf, sb->len + 1);
      numc__free(sb->buf);
    } else {
      nb[0] = '\0';
    }
    sb->buf = nb;
    sb->cap = cap;
  }
}
