/*
 * numc/io.h - reading and writing NumPy's .npy files.
 *
 * Part of the public API; include <numc.h>, not this file.
 *
 * A .npy file holds one array: the magic "\x93NUMPY", a version, a header
 * (a Python dict literal with 'descr', 'fortran_order' and 'shape') padded
 * so that the data starts at a multiple of 64 bytes, then the raw elements.
 * numc reads versions 1.0, 2.0 and 3.0 and writes 1.0 (2.0 when the header
 * does not fit 1.0's 16-bit length), like np.save. Supported element types
 * are numc's 13 dtypes in little-endian (or byte-order-free) form; both
 * C and Fortran order are read and written.
 *
 * Errors: NUMC_EIO when a file cannot be opened, read or written (the
 * message includes the system's reason); NUMC_EFORMAT for anything that is
 * not a valid .npy numc can read: bad magic, unknown version, malformed
 * header, big-endian data, unsupported dtypes (object, structured, float16,
 * strings, datetimes), truncated data; NUMC_ENOMEM.
 */
#ifndef NUMC_IO_H
#define NUMC_IO_H

#include "array.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes `a` to the file at `path` (created or truncated). An array that is
 * Fortran-contiguous but not C-contiguous is written in Fortran order
 * (fortran_order True), anything else in C order. Evaluates `a`. */
NUMC_API int numc_npy_save(const numc_array *a, const char *path);

/* Reads the .npy file at `path` into a new array (C- or F-contiguous as
 * the file says, writable, owning its data). */
NUMC_API int numc_npy_load(numc_array **out, const char *path);

/*
 * The header numc_npy_save would write for `a` (magic, version, length,
 * dict and padding). *out receives *len bytes owned by the caller (free with
 * numc_free); *fortran receives 1 when the data must follow in Fortran
 * order, 0 for C order. Writing the header and then the nbytes of `a` in
 * that order gives the file numc_npy_save writes. Does not evaluate `a`.
 */
NUMC_API int numc_npy_encode_header(char **out, size_t *len, int *fortran,
                                    const numc_array *a);

/* Reads a whole .npy file image held in memory (len bytes at data) into a
 * new array; the elements are copied, `data` is not retained. */
NUMC_API int numc_npy_load_buffer(numc_array **out, const void *data,
                                  size_t len);

#ifdef __cplusplus
}
#endif
#endif /* NUMC_IO_H */
