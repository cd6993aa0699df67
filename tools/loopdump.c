/*
 * tools/loopdump.c - runs one typed loop of libnumc on inputs from a file
 * and writes its output, for tools/check_loops.py (a development aid that
 * compares every loop with NumPy on large grids; not part of the tests).
 *
 * Usage: loopdump OP DTYPE ISA IN OUT
 *   OP     a map op name (numc_op_name) or "cast:TO" for the cast to TO
 *   DTYPE  the loop dtype (the inputs' dtype)
 *   ISA    "base", "avx2" or "auto"
 *   IN     nin arrays of n elements of DTYPE, one after the other
 *   OUT    receives the n output elements
 * Exit status 2 when the op has no loop for DTYPE.
 */
#include "cpu/loops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  void *p = malloc(len > 0 ? (size_t)len : 1);
  if (p && fread(p, 1, (size_t)len, f) != (size_t)len) len = -1;
  fclose(f);
  *n = (size_t)len;
  return p;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: loopdump OP DTYPE ISA IN OUT\n");
    return 1;
  }
  numc_dtype dt, odt;
  numc__loop_fn f;
  int nin;
  if (numc_dtype_from_name(&dt, argv[2]) != NUMC_OK ||
      numc__loops_select_isa(strcmp(argv[3], "auto") ? argv[3] : NULL) !=
          NUMC_OK) {
    fprintf(stderr, "loopdump: %s\n", numc_last_error());
    return 1;
  }
  if (strncmp(argv[1], "cast:", 5) == 0) {
    if (numc_dtype_from_name(&odt, argv[1] + 5) != NUMC_OK) return 1;
    f = numc__cast_loop(dt, odt);
    nin = 1;
  } else {
    numc_op op;
    if (numc_op_from_name(&op, argv[1]) != NUMC_OK) {
      fprintf(stderr, "loopdump: %s\n", numc_last_error());
      return 1;
    }
    f = numc__map_loop(op, dt);
    odt = numc__map_out_dtype(op, dt);
    nin = numc_op_nin(op);
  }
  if (!f) return 2;
  size_t bytes;
  char *in = slurp(argv[4], &bytes);
  if (!in) return 1;
  size_t sz = numc_dtype_itemsize(dt);
  int64_t n = (int64_t)(bytes / sz / (size_t)nin);
  char *out = malloc((size_t)n * numc_dtype_itemsize(odt) + 1);
  char *args[3] = {in, in + (size_t)n * sz, NULL};
  args[nin] = out;
  f(n, args, NULL);
  FILE *o = fopen(argv[5], "wb");
  if (!o) return 1;
  fwrite(out, numc_dtype_itemsize(odt), (size_t)n, o);
  fclose(o);
  free(in);
  free(out);
  return 0;
}
