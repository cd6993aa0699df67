"""NumPy helpers over numc's C primitives: the abstract scalar type
hierarchy (generic > number > integer > ...), issubdtype, promote_types,
min_scalar_type, common_type, mintypecode, typecodes, sctypeDict;
memory layout queries (isfortran, shares_memory with an exact answer);
binary_repr, base_repr, packbits/unpackbits. Re-exported by
numc/_compat.py.
"""
import builtins as _b

from . import _numc as _nc

__all__ = ["number", "integer", "signedinteger", "unsignedinteger",
           "inexact", "floating", "complexfloating", "issubdtype",
           "promote_types", "min_scalar_type", "common_type", "mintypecode",
           "typecodes", "sctypeDict", "isfortran", "shares_memory",
           "TooHardError", "binary_repr", "base_repr", "packbits",
           "unpackbits", "matvec", "vecmat", "ScalarType"]

# ---- the abstract scalar types ------------------------------------------------

_KINDS = {"number": "biufc", "integer": "iu", "signedinteger": "i",
          "unsignedinteger": "u", "inexact": "fc", "floating": "f",
          "complexfloating": "c"}


class _AbstractMeta(type):
    """Metaclass of the abstract types: a concrete numc scalar type (or
    dtype) is a subclass when its kind is among the abstract type's kinds
    (bool is a generic but not a number, as in NumPy)."""

    def __subclasscheck__(cls, sub):
        if isinstance(sub, _AbstractMeta):
            return type.__subclasscheck__(cls, sub)
        if isinstance(sub, _nc.dtype):
            k = sub.kind
            return k in cls._kinds and not (k == "b")
        return False

    def __instancecheck__(cls, obj):
        return cls.__subclasscheck__(type(obj))


def _abstract(name, parent):
    kinds = _KINDS[name]
    return _AbstractMeta(name, (parent,) if parent else (),
                         {"_kinds": kinds, "__module__": "numc",
                          "__doc__": f"Abstract base of numc's {name} "
                                     "scalar types (NumPy's numpy." + name
                                     + ")."})


class number(metaclass=_AbstractMeta):
    """Abstract base of numc's numeric scalar types (numpy.number)."""
    _kinds = "iufc"
    __module__ = "numc"


integer = _abstract("integer", number)
signedinteger = _abstract("signedinteger", integer)
unsignedinteger = _abstract("unsignedinteger", integer)
inexact = _abstract("inexact", number)
floating = _abstract("floating", inexact)
complexfloating = _abstract("complexfloating", inexact)
_ABSTRACT = {c.__name__: c for c in (number, integer, signedinteger,
                                     unsignedinteger, inexact, floating,
                                     complexfloating)}


def _as_type(x):
    """An abstract type, numc.generic, or a concrete numc dtype for x
    (numc/NumPy dtypes and scalar types, their abstract types, Python
    types, names)."""
    if isinstance(x, _AbstractMeta) or x is _nc.generic:
        return x
    name = getattr(x, "__name__", None)
    mod = getattr(x, "__module__", "")
    if isinstance(x, type) and mod.startswith("numpy"):
        if name in _ABSTRACT:
            return _ABSTRACT[name]
        if name == "generic":
            return _nc.generic
    return _nc.dtype(x)


def issubdtype(arg1, arg2):
    """True if arg1 is lower than or equal to arg2 in the type hierarchy
    (NumPy's issubdtype): issubdtype(x.dtype, numc.floating)."""
    a = _as_type(arg1)
    b = _as_type(arg2)
    if b is _nc.generic:
        return True
    if a is _nc.generic:
        return False
    if isinstance(b, _AbstractMeta):
        return issubclass(a, b)
    if isinstance(a, _AbstractMeta):
        return False
    return a == b


def promote_types(type1, type2):
    """The smallest dtype both cast to safely (NumPy's promote_types)."""
    return _nc.result_type(_nc.dtype(type1), _nc.dtype(type2))


def min_scalar_type(a):
    """The smallest dtype that holds the value a (NumPy's min_scalar_type:
    unsigned for non-negative integers; for arrays, their dtype)."""
    if isinstance(a, _nc.ndarray) and a.ndim > 0:
        return a.dtype
    v = a.item() if hasattr(a, "item") else a
    if isinstance(v, bool):
        return _nc.dtype("bool")
    if isinstance(v, int):
        order = (["uint8", "uint16", "uint32", "uint64"] if v >= 0 else
                 ["int8", "int16", "int32", "int64"])
        for name in order:
            info = _nc.iinfo(name)
            if info.min <= v <= info.max:
                return _nc.dtype(name)
        raise OverflowError(f"Python int {v} too large for any integer dtype")
    if isinstance(v, float):
        f32 = _nc.finfo("float32")
        if v != v or abs(v) == float("inf") or abs(v) <= float(f32.max):
            return _nc.dtype("float32")  # numc has no float16
        return _nc.dtype("float64")
    if isinstance(v, complex):
        f32 = float(_nc.finfo("float32").max)
        if _b.max(abs(v.real), abs(v.imag)) <= f32:
            return _nc.dtype("complex64")
        return _nc.dtype("complex128")
    return _nc.asarray(a).dtype


def common_type(*arrays):
    """The inexact scalar type common to the arrays (NumPy's common_type:
    integers count as float64)."""
    complex_ = False
    prec = 0
    for a in arrays:
        dt = _nc.asarray(a).dtype
        k = dt.kind
        if k == "b":
            raise TypeError("can't get common type for non-numeric array")
        if k in "iu":
            p = 8
        elif k == "c":
            complex_ = True
            p = dt.itemsize // 2
        else:
            p = dt.itemsize
        prec = _b.max(prec, p)
    if complex_:
        return _nc.complex64 if prec <= 4 else _nc.complex128
    return _nc.float32 if prec == 4 else _nc.float64 if prec else _nc.float32


typecodes = {"Character": "c", "Integer": "bhilqnp", "UnsignedInteger":
             "BHILQNP", "Float": "efdg", "Complex": "FDG", "AllInteger":
             "bBhHiIlLqQnNpP", "AllFloat": "efdgFDG", "Datetime": "Mm",
             "All": "?bhilqnpBHILQNPefdgFDGSUVOMm"}


def mintypecode(typechars, typeset="GDFgdf", default="d"):
    """The character of the smallest type of typeset that the types in
    typechars can be converted to safely (NumPy's mintypecode)."""
    typecodes_ = {(isinstance(t, str) and t) or _nc.asarray(t).dtype.char
                  for t in typechars}
    intersection = {t for t in typecodes_ if t in typeset}
    if not intersection:
        return default
    if "F" in intersection and "d" in intersection:
        return "D"
    return min(intersection, key=lambda c: "GDFgdf".index(c)
               if c in "GDFgdf" else len("GDFgdf"))


def _sctype_dict():
    d = {}
    for name in ("bool", "int8", "uint8", "int16", "uint16", "int32",
                 "uint32", "int64", "uint64", "float32", "float64",
                 "complex64", "complex128"):
        t = getattr(_nc, name)
        d[name] = t
        d[_nc.dtype(name).char] = t
    d.update({"float": _nc.float64, "int": _nc.int64, "complex":
              _nc.complex128, "double": _nc.float64, "single": _nc.float32,
              "intp": _nc.int64, "uintp": _nc.uint64, "long": _nc.int64,
              "ulong": _nc.uint64, "byte": _nc.int8, "ubyte": _nc.uint8,
              "short": _nc.int16, "ushort": _nc.uint16, "intc": _nc.int32,
              "uintc": _nc.uint32, "longlong": _nc.int64, "ulonglong":
              _nc.uint64, "cdouble": _nc.complex128, "csingle":
              _nc.complex64, "bool_": _nc.bool})
    return d


sctypeDict = _sctype_dict()

# ---- memory layout -------------------------------------------------------------


def isfortran(a):
    """True if a is Fortran-contiguous and not C-contiguous (NumPy's
    isfortran)."""
    return bool(a.flags.f_contiguous and not a.flags.c_contiguous)


class TooHardError(RuntimeError):
    """shares_memory needed more work than max_work allows (NumPy's
    numpy.exceptions.TooHardError)."""


def _extent(a):
    """(address of element 0, shape, strides, itemsize) of array a."""
    return (a.__array_interface__["data"][0], a.shape, a.strides,
            a.itemsize)


def _starts(addr, shape, strides):
    """Sorted start addresses of the elements of a strided array."""
    offs = [addr]
    for n, st in zip(shape, strides):
        offs = [o + i * st for o in offs for i in range(n)]
    return sorted(offs)


def shares_memory(a, b, max_work=None):
    """True if a and b share any byte of memory, exactly (NumPy's
    shares_memory). max_work bounds the elements examined (0: only compare
    the memory bounds, as may_share_memory); more work than that raises
    TooHardError. The exact answer sweeps the sorted element intervals of
    both arrays (contiguous arrays: the bounds decide)."""
    if not isinstance(a, _nc.ndarray) or not isinstance(b, _nc.ndarray):
        return False
    if a.size == 0 or b.size == 0:
        return False
    if not _nc.may_share_memory(a, b):
        return False
    if max_work == 0 or (a.flags.c_contiguous or a.flags.f_contiguous) and \
            (b.flags.c_contiguous or b.flags.f_contiguous):
        return True
    if max_work is not None and max_work > 0 and a.size + b.size > max_work:
        raise TooHardError("Exceeded max_work")
    pa, sha, sta, ia = _extent(a)
    pb, shb, stb, ib = _extent(b)
    xs, ys = _starts(pa, sha, sta), _starts(pb, shb, stb)
    i = j = 0
    while i < len(xs) and j < len(ys):
        x, y = xs[i], ys[j]
        if x < y + ib and y < x + ia:
            return True
        if x + ia <= y + ib:
            i += 1
        else:
            j += 1
    return False


# ---- bits and digits -----------------------------------------------------------


def binary_repr(num, width=None):
    """The binary string of an integer: two's complement of negative numbers
    when width is given, else a minus sign (NumPy's binary_repr); a width
    too small is a ValueError."""
    num = int(num)
    if width is None:
        return bin(num)[2:] if num >= 0 else "-" + bin(-num)[2:]
    if num >= 0:
        s = bin(num)[2:]
        binwidth = len(s)
    else:
        binwidth = len(bin(-num)) - 2 + (-num & (-num - 1) != 0 or 0)
        binwidth = _b.max(binwidth, (-num - 1).bit_length() + 1)
        s = bin((1 << width) + num)[2:] if width >= binwidth else ""
    if width < binwidth:
        raise ValueError(f"Insufficient bit width={width} provided for "
                         f"binwidth={binwidth}")
    return s.zfill(width)


def base_repr(number, base=2, padding=0):
    """The string of number in the given base (2..36), with `padding`
    leading zeros (NumPy's base_repr)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if base > len(digits):
        raise ValueError("Bases greater than 36 not handled in base_repr.")
    if base < 2:
        raise ValueError("Bases less than 2 not handled in base_repr.")
    num = abs(int(number))
    res = []
    while num:
        res.append(digits[num % base])
        num //= base
    if padding:
        res.append("0" * padding)
    if number < 0:
        res.append("-")
    return "".join(reversed(res or "0"))


def _bits_axis(a, axis):
    if axis is None:
        return _nc.reshape(a, (-1,)), 0
    if not -a.ndim <= axis < a.ndim:
        raise _nc.AxisError(f"axis {axis} is out of bounds for array of "
                            f"dimension {a.ndim}")
    return a, axis % a.ndim


def packbits(a, axis=None, bitorder="big"):
    """Packs the truth values of a into the bits of uint8 (NumPy's
    packbits): groups of 8 along axis (flattened when None), zero-padded."""
    a = _nc.asarray(a)
    if a.dtype.kind not in "biu":
        raise TypeError("Expected an input array of integer or boolean data "
                        "type")
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    a, ax = _bits_axis(a, axis)
    a = _nc.moveaxis(a != 0, ax, -1).astype(_nc.uint8)
    n = a.shape[-1]
    pad = (-n) % 8
    if pad:
        a = _nc.concat([a, _nc.zeros(a.shape[:-1] + (pad,), dtype=_nc.uint8)],
                       axis=-1)
    a = _nc.reshape(a, a.shape[:-1] + ((n + pad) // 8, 8))
    w = [1 << (7 - i) if bitorder == "big" else 1 << i for i in range(8)]
    r = _nc.sum(a * _nc.asarray(w, dtype=_nc.uint8), axis=-1, dtype=_nc.uint8)
    return _nc.moveaxis(r, -1, ax)


def unpackbits(a, axis=None, count=None, bitorder="big"):
    """Unpacks uint8 elements into bits (NumPy's unpackbits), keeping
    `count` of them along axis (negative: drop from the end)."""
    a = _nc.asarray(a)
    if a.dtype != _nc.uint8:
        raise TypeError("Expected an input array of unsigned byte data type")
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    a, ax = _bits_axis(a, axis)
    a = _nc.moveaxis(a, ax, -1)
    sh = [7 - i if bitorder == "big" else i for i in range(8)]
    bits = (a[..., None] >> _nc.asarray(sh, dtype=_nc.uint8)) & 1
    bits = _nc.reshape(bits, a.shape[:-1] + (a.shape[-1] * 8,))
    if count is not None:
        count = int(count)
        n = bits.shape[-1]
        if count < -n:
            raise ValueError("-count larger than number of elements")
        keep = count if count >= 0 else n + count
        if keep > n:
            bits = _nc.concat([bits, _nc.zeros(bits.shape[:-1] + (keep - n,),
                                               dtype=_nc.uint8)], axis=-1)
        else:
            bits = bits[..., :keep]
    return _nc.moveaxis(bits.astype(_nc.uint8), -1, ax)


# ---- matrix-vector products (NumPy 2.2's gufuncs) ----------------------------


def _gufunc_out(res, out, dtype):
    """res cast to dtype (if given) and stored into out (if given)."""
    from ._compat import _store
    if dtype is not None:
        res = res.astype(_nc.dtype(dtype))
    return _store(res, out)


def _core_check(name, sig, a, b, need, axes):
    """NumPy's gufunc errors: operands with too few dimensions, or core
    dimensions axes[0] of a and axes[1] of b that differ."""
    for i, (x, nd) in enumerate(((a, need[0]), (b, need[1]))):
        if x.ndim < nd:
            raise ValueError(f"{name}: Input operand {i} does not have "
                             "enough dimensions")
    if a.shape[axes[0]] != b.shape[axes[1]]:
        raise ValueError(f"{name}: Input operand 1 has a mismatch in its core "
                         f"dimension 0, with gufunc signature {sig} (size "
                         f"{b.shape[axes[1]]} is different from "
                         f"{a.shape[axes[0]]})")


def matvec(x1, x2, /, out=None, *, dtype=None, **kwargs):
    """Matrix-vector product over the last two axes of x1 (m, n) and the
    last axis of x2 (n,), broadcasting the rest (NumPy's matvec gufunc,
    signature (m,n),(n)->(m))."""
    a, v = _nc.asarray(x1), _nc.asarray(x2)
    _core_check("matvec", "(m,n),(n)->(m)", a, v, (2, 1), (-1, -1))
    res = _nc.matmul(a, v[..., None])[..., 0]
    return _gufunc_out(res, out, dtype)


def vecmat(x1, x2, /, out=None, *, dtype=None, **kwargs):
    """Vector-matrix product of the conjugated last axis of x1 (n,) with
    the last two axes of x2 (n, m), broadcasting the rest (NumPy's vecmat
    gufunc, signature (n),(n,m)->(m))."""
    v, a = _nc.asarray(x1), _nc.asarray(x2)
    _core_check("vecmat", "(n),(n,m)->(m)", v, a, (1, 2), (-1, -2))
    if v.dtype.kind == "c":
        v = _nc.conj(v)
    res = _nc.matmul(v[..., None, :], a)[..., 0, :]
    return _gufunc_out(res, out, dtype)


# NumPy's ScalarType: the Python scalar types and numc's (NumPy's tuple).
ScalarType = (int, float, complex, bool, bytes, str, memoryview) + tuple(
    getattr(_nc, n) for n in ("bool", "int8", "int16", "int32", "int64",
                              "uint8", "uint16", "uint32", "uint64",
                              "float32", "float64", "complex64",
                              "complex128"))
