/*
 * numc.h - the public C API of libnumc, NumPy's array model in C.
 *
 * This is the only header a program includes. Its parts live in
 * include/numc/: common.h (status codes, errors, allocator), dtype.h (dtypes,
 * scalars, promotion), array.h (handles, creation, views, data access),
 * ops.h (elementwise, reductions, scans), eval.h (lazy evaluation control),
 * manip.h (advanced indexing, take/put, concat, roll, tile, ...),
 * linalg.h (matrix products, einsum, decompositions), io.h (.npy files),
 * sort.h (sorting, searching, set operations), random.h (random numbers
 * stream-compatible with NumPy), fpe.h (errstate and floating-point
 * warnings).
 *
 * Build:  cc prog.c $(pkg-config --cflags --libs numc)
 *
 * Every fallible function returns 0 (NUMC_OK) or a negative NUMC_E* status
 * and explains a failure in numc_last_error(); results come back through the
 * first pointer argument; each constructor's result is given back with one
 * numc_release().
 */
#ifndef NUMC_H
#define NUMC_H

#include "numc/common.h"
#include "numc/dtype.h"
#include "numc/array.h"
#include "numc/ops.h"
#include "numc/eval.h"
#include "numc/manip.h"
#include "numc/linalg.h"
#include "numc/io.h"
#include "numc/sort.h"
#include "numc/random.h"
#include "numc/fpe.h"

#endif /* NUMC_H */
