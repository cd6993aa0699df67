"""numc._dtypes - NumPy's abstract scalar-type hierarchy and dtype helpers.

numc's dtypes (numc.float64, numc.int32, ...) are the scalar types
themselves (python/numc/dtype.c). NumPy code also asks questions about
kinds of types: ``np.issubdtype(x.dtype, np.floating)``,
``isinstance(v, np.integer)``, ``np.common_type(a, b)``. This module gives
numc the same vocabulary:

- the abstract classes number, integer, signedinteger, unsignedinteger,
  inexact, floating and complexfloating (abc classes with numc's concrete
  dtypes registered, so issubclass/isinstance work; numc.generic is the
  common base of every numc scalar);
- issubdtype, common_type, min_scalar_type, mintypecode, typecodes,
  sctypeDict and ScalarType with NumPy's meanings (numc has no float16 or
  long double: where NumPy would answer float16, numc answers float32).

NumPy's own abstract classes (np.floating, ...) are accepted wherever these
are.
"""
import abc as _abc

from . import _numc as _nc

__all__ = ["number", "integer", "signedinteger", "unsignedinteger",
           "inexact", "floating", "complexfloating", "issubdtype",
           "common_type", "min_scalar_type", "mintypecode", "typecodes",
           "sctypeDict", "ScalarType"]


class number(metaclass=_abc.ABCMeta):
    """Abstract base of numc's numeric scalar types (NumPy's np.number)."""


class integer(number):
    """Abstract base of the integer types (np.integer)."""


class signedinteger(integer):
    """Abstract base of int8..int64 (np.signedinteger)."""


class unsignedinteger(integer):
    """Abstract base of uint8..uint64 (np.unsignedinteger)."""


class inexact(number):
    """Abstract base of the floating and complex types (np.inexact)."""


class floating(inexact):
    """Abstract base of float32 and float64 (np.floating)."""


class complexfloating(inexact):
    """Abstract base of complex64 and complex128 (np.complexfloating)."""


_LEAF_OF_KIND = {"i": signedinteger, "u": unsignedinteger, "f": floating,
                 "c": complexfloating}
_ALL = [_nc.bool, _nc.int8, _nc.int16, _nc.int32, _nc.int64, _nc.uint8,
        _nc.uint16, _nc.uint32, _nc.uint64, _nc.float32, _nc.float64,
        _nc.complex64, _nc.complex128]
for _t in _ALL:
    if _t.kind in _LEAF_OF_KIND:
        _LEAF_OF_KIND[_t.kind].register(_t)

# the dtype kinds each abstract class covers ('b' only under generic)
_KINDS = {_nc.generic: "biufc", number: "iufc", integer: "iu",
          signedinteger: "i", unsignedinteger: "u", inexact: "fc",
          floating: "f", complexfloating: "c"}
_NUMPY_ABSTRACT = {"generic": "biufc", "number": "iufc", "integer": "iu",
                   "signedinteger": "i", "unsignedinteger": "u",
                   "inexact": "fc", "floating": "f", "complexfloating": "c"}


def _abstract_kinds(t):
    """The kinds an abstract class (numc's or NumPy's) covers, or None."""
    if t in _KINDS:
        return _KINDS[t]
    if isinstance(t, type) and getattr(t, "__module__", "") == "numpy":
        return _NUMPY_ABSTRACT.get(t.__name__)
    return None


def issubdtype(arg1, arg2):
    """issubdtype(arg1, arg2): True if dtype arg1 is a subtype of arg2, as
    numpy.issubdtype: arg2 may be an abstract class (numc.floating,
    numpy.integer, numc.generic, ...) or a concrete dtype (then the dtypes
    must be equal); arg1 is anything numc.dtype accepts, or an abstract
    class (compared by the kinds it covers)."""
    k1 = _abstract_kinds(arg1)
    k2 = _abstract_kinds(arg2)
    if k1 is not None:
        return k2 is not None and set(k1) <= set(k2)
    d1 = _nc.dtype(arg1)
    if k2 is not None:
        return d1.kind in k2
    return d1 == _nc.dtype(arg2)


def common_type(*arrays):
    """The inexact scalar type common to the arrays, as numpy.common_type:
    integers count as float64, the largest float wins, complex if any is
    complex. Bool arrays raise TypeError."""
    size, cplx = 4, False
    for a in arrays:
        d = a.dtype
        if d.kind == "b":
            raise TypeError("can't get common type for non-numeric array")
        if d.kind in "iu":
            size = max(size, 8)
        elif d.kind == "f":
            size = max(size, d.itemsize)
        else:
            cplx = True
            size = max(size, d.itemsize // 2)
    if cplx:
        return _nc.complex128 if size == 8 else _nc.complex64
    return _nc.float64 if size == 8 else _nc.float32


def min_scalar_type(a):
    """The smallest dtype that holds a's value, as numpy.min_scalar_type:
    unsigned for non-negative integers, signed otherwise; floats and
    complex keep the smallest type holding them without overflow (float32
    where NumPy answers float16: numc has no float16). Arrays of more than
    one element keep their dtype."""
    arr = _nc.asarray(a)
    if arr.ndim > 0:
        return arr.dtype
    v = arr[()]
    k = arr.dtype.kind
    if k == "b":
        return _nc.bool
    if k in "iu":
        v = int(v)
        if v >= 0:
            for t in (_nc.uint8, _nc.uint16, _nc.uint32, _nc.uint64):
                if v <= _nc.iinfo(t).max:
                    return t
        for t in (_nc.int8, _nc.int16, _nc.int32, _nc.int64):
            if v >= _nc.iinfo(t).min:
                return t
        return arr.dtype
    if k == "f":
        f = float(v)
        finite = f == f and abs(f) != float("inf")
        if not finite or abs(f) <= float(_nc.finfo(_nc.float32).max):
            return _nc.float32
        return _nc.float64
    c = complex(v)
    lim = float(_nc.finfo(_nc.float32).max)
    return _nc.complex64 if abs(c.real) <= lim and abs(c.imag) <= lim \
        else _nc.complex128


def mintypecode(typechars, typeset="GDFgdf", default="d"):
    """The character of the minimum-size type in `typeset` to which the
    types in `typechars` can be safely cast, as numpy.mintypecode: the
    largest of the codes present wins (order GDFgdf...), F with d gives
    D."""
    chars = {t if isinstance(t, str) else _nc.asarray(t).dtype.char
             for t in typechars}
    inter = {t for t in chars if t in typeset}
    if not inter:
        return default
    if "F" in inter and "d" in inter:
        return "D"
    return min(inter, key="GDFgdfQqLlIiHhBb?".index)


typecodes = {
    "Character": "c",
    "Integer": "bhilqnp",
    "UnsignedInteger": "BHILQNP",
    "Float": "efdg",
    "Complex": "FDG",
    "AllInteger": "bBhHiIlLqQnNpP",
    "AllFloat": "efdgFDG",
    "Datetime": "Mm",
    "All": "?bhilqnpBHILQNPefdgFDGSUVOMm",
}


def _make_sctype_dict():
    out = {}
    for t in _ALL:
        out[t.name] = t
        out[t.char] = t
        out[t.str[1:]] = t
    aliases = {"bool_": _nc.bool, "byte": _nc.int8, "ubyte": _nc.uint8,
               "short": _nc.int16, "ushort": _nc.uint16, "intc": _nc.int32,
               "uintc": _nc.uint32, "int": _nc.int64, "uint": _nc.uint64,
               "long": _nc.int64, "ulong": _nc.uint64,
               "longlong": _nc.int64, "ulonglong": _nc.uint64,
               "intp": _nc.int64, "uintp": _nc.uint64,
               "single": _nc.float32, "float": _nc.float64,
               "double": _nc.float64, "csingle": _nc.complex64,
               "complex": _nc.complex128, "cdouble": _nc.complex128,
               "l": _nc.int64, "L": _nc.uint64, "p": _nc.int64,
               "P": _nc.uint64, "n": _nc.int64, "N": _nc.uint64}
    out.update(aliases)
    return out


sctypeDict = _make_sctype_dict()
ScalarType = (int, float, complex, bool, bytes, str, memoryview) + \
    tuple(_ALL)
