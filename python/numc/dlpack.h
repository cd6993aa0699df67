/*
 * dlpack.h - the DLPack ABI (https://dmlc.github.io/dlpack/latest/), as
 * numc uses it: the structs a producer hands to a consumer inside a
 * PyCapsule, written from the specification's data layout.
 *
 * Two capsule kinds exist: "dltensor" holds a PynumcDLManagedTensor (the
 * unversioned ABI, DLPack < 1.0) and "dltensor_versioned" holds a
 * PynumcDLManagedTensorVersioned (DLPack >= 1.0, with a version and flags).
 * A consumer renames the capsule to "used_dltensor[_versioned]" and calls
 * the tensor's deleter when it no longer needs the memory.
 */
#ifndef PYNUMC_DLPACK_H
#define PYNUMC_DLPACK_H

#include <stdint.h>

/* The ABI version numc produces and understands. */
#define PYNUMC_DLPACK_MAJOR 1
#define PYNUMC_DLPACK_MINOR 0

typedef struct {
  uint32_t major;
  uint32_t minor;
} PynumcDLPackVersion;

/* Device types (DLDeviceType, an int32 enum in the ABI). */
enum {
  PYNUMC_DL_CPU = 1,
  PYNUMC_DL_CUDA = 2,
  PYNUMC_DL_CUDA_HOST = 3,
};

typedef struct {
  int32_t device_type;
  int32_t device_id;
} PynumcDLDevice;

/* Type codes (DLDataTypeCode). */
enum {
  PYNUMC_DL_INT = 0,
  PYNUMC_DL_UINT = 1,
  PYNUMC_DL_FLOAT = 2,
  PYNUMC_DL_OPAQUE = 3,
  PYNUMC_DL_BFLOAT = 4,
  PYNUMC_DL_COMPLEX = 5,
  PYNUMC_DL_BOOL = 6,
};

typedef struct {
  uint8_t code;
  uint8_t bits;
  uint16_t lanes;
} PynumcDLDataType;

typedef struct {
  void *data;               /* start of the allocation (+ byte_offset) */
  PynumcDLDevice device;
  int32_t ndim;
  PynumcDLDataType dtype;
  int64_t *shape;           /* ndim extents */
  int64_t *strides;         /* ndim strides in elements; NULL: C order */
  uint64_t byte_offset;     /* bytes from data to the first element */
} PynumcDLTensor;

typedef struct PynumcDLManagedTensor {
  PynumcDLTensor dl_tensor;
  void *manager_ctx;
  void (*deleter)(struct PynumcDLManagedTensor *self);
} PynumcDLManagedTensor;

/* Flags of the versioned struct. */
#define PYNUMC_DLPACK_FLAG_READ_ONLY (UINT64_C(1) << 0)
#define PYNUMC_DLPACK_FLAG_IS_COPIED (UINT64_C(1) << 1)

typedef struct PynumcDLManagedTensorVersioned {
  PynumcDLPackVersion version;
  void *manager_ctx;
  void (*deleter)(struct PynumcDLManagedTensorVersioned *self);
  uint64_t flags;
  PynumcDLTensor dl_tensor;
} PynumcDLManagedTensorVersioned;

#endif /* PYNUMC_DLPACK_H */
