"""Dtypes are the scalar types: attributes, lookup, equality, promotion,
casting rules and machine limits, checked pair by pair against NumPy."""
import itertools
import pickle

import numpy as np
import pytest

import numc as nc
from conftest import DTYPES

PY_SCALARS = [True, 1, -1, 2**40, 2**63, 1.5, 1e300, 1j]


@pytest.mark.parametrize("name", DTYPES)
def test_dtype_objects(name):
    d = getattr(nc, name)
    npd = np.dtype(name)
    assert isinstance(d, nc.dtype) and isinstance(d, type)
    assert nc.dtype(name) is d
    assert nc.dtype(npd) is d and nc.dtype(npd.type) is d
    assert nc.dtype(npd.str) is d and nc.dtype(npd.char) is d
    assert d.name == npd.name and str(d) == npd.name
    assert repr(d) == f"dtype('{name}')"
    assert d.kind == npd.kind and d.char == npd.char
    assert d.itemsize == npd.itemsize and d.str == npd.str
    assert d.num == npd.num and d.alignment == npd.alignment
    assert d.type is d
    assert d == name and d == npd and not (d != name)
    assert hash(d) == hash(nc.dtype(name))
    assert {d: 1}[nc.dtype(name)] == 1
    assert pickle.loads(pickle.dumps(d)) is d
    assert issubclass(d, nc.generic)
    assert nc.zeros(2, dtype=d).dtype is d
    assert nc.zeros(2, dtype=npd).dtype is d
    assert nc.zeros(2, dtype=name).dtype is d


def test_python_types_and_aliases():
    assert nc.dtype(float) is nc.float64
    assert nc.dtype(int) is nc.int64
    assert nc.dtype(bool) is nc.bool
    assert nc.dtype(complex) is nc.complex128
    assert nc.dtype(None) is nc.float64
    for alias, name in [("double", "float64"), ("f4", "float32"),
                        ("<c16", "complex128"), ("|b1", "bool"),
                        ("i8", "int64"), ("uint", "uint64")]:
        assert nc.dtype(alias) is getattr(nc, name)
    assert issubclass(nc.float64, float)
    assert issubclass(nc.complex128, complex)
    assert nc.float64 != nc.float32 and nc.float64 != "float32"
    assert nc.float64 != None  # noqa: E711


@pytest.mark.parametrize("bad", ["float16", "object", "S3", "nonsense", 3.5,
                                 np.dtype(">f8")])
def test_bad_dtypes(bad):
    with pytest.raises(TypeError):
        nc.dtype(bad)
    with pytest.raises(TypeError):
        nc.zeros(2, dtype=bad)


@pytest.mark.parametrize("a,b", list(itertools.product(DTYPES, DTYPES)))
def test_promote_pairs(a, b):
    want = np.result_type(np.dtype(a), np.dtype(b)).name
    assert nc.result_type(getattr(nc, a), getattr(nc, b)).name == want
    x, y = nc.zeros(1, dtype=a), nc.zeros(1, dtype=b)
    assert nc.result_type(x, y).name == want
    assert (x + y).dtype.name == want or "bool" in (a, b)


@pytest.mark.parametrize("a,s", list(itertools.product(DTYPES, PY_SCALARS)))
def test_result_type_python_scalars(a, s):
    try:
        want = np.result_type(np.dtype(a), s).name
    except (OverflowError, TypeError) as e:
        with pytest.raises(type(e)):
            nc.result_type(getattr(nc, a), s)
        return
    assert nc.result_type(getattr(nc, a), s).name == want
    assert nc.result_type(nc.zeros(2, dtype=a), s).name == want


def test_result_type_only_scalars():
    assert nc.result_type(1, 2.0) is nc.float64
    assert nc.result_type(1) is nc.int64
    assert nc.result_type(True) is nc.bool
    assert nc.result_type(1j, 1) is nc.complex128
    with pytest.raises(ValueError):
        nc.result_type()


@pytest.mark.parametrize("a,b", list(itertools.product(DTYPES, DTYPES)))
def test_can_cast_pairs(a, b):
    for casting in ["no", "equiv", "safe", "same_kind", "unsafe"]:
        want = np.can_cast(np.dtype(a), np.dtype(b), casting=casting)
        got = nc.can_cast(getattr(nc, a), getattr(nc, b), casting=casting)
        assert got == want, casting
    assert nc.can_cast(nc.zeros(1, dtype=a), b) == np.can_cast(a, b)


def test_can_cast_rejects_python_scalars():
    with pytest.raises(TypeError):
        nc.can_cast(1, nc.int8)


@pytest.mark.parametrize("name", ["float32", "float64", "complex64", "complex128"])
def test_finfo(name):
    f, g = nc.finfo(getattr(nc, name)), np.finfo(np.dtype(name))
    for attr in ["bits", "eps", "max", "min", "smallest_normal", "tiny",
                 "resolution", "precision", "epsneg", "smallest_subnormal",
                 "nmant", "nexp", "minexp", "maxexp"]:
        assert getattr(f, attr) == getattr(g, attr), attr
    assert f.dtype.name == g.dtype.name
    assert isinstance(f.eps, float)
    assert nc.finfo(nc.zeros(1, dtype=name)).bits == g.bits


@pytest.mark.parametrize("name", [d for d in DTYPES if d[0] in "iu"])
def test_iinfo(name):
    f, g = nc.iinfo(getattr(nc, name)), np.iinfo(np.dtype(name))
    assert (f.bits, f.min, f.max) == (g.bits, g.min, g.max)
    assert f.dtype is getattr(nc, name)


def test_info_errors():
    with pytest.raises(TypeError):
        nc.finfo(nc.int32)
    with pytest.raises(TypeError):
        nc.iinfo(nc.float64)
    with pytest.raises(TypeError):
        nc.iinfo(nc.bool)


KINDS = ["bool", "signed integer", "unsigned integer", "integral",
         "real floating", "complex floating", "numeric"]


@pytest.mark.parametrize("name", DTYPES)
def test_isdtype(name):
    d = getattr(nc, name)
    for kind in KINDS:
        assert nc.isdtype(d, kind) == np.isdtype(np.dtype(name), kind), kind
    assert nc.isdtype(d, d)
    assert nc.isdtype(d, ("bool", d))
    assert nc.isdtype(d, (nc.float32, "complex floating")) == \
        np.isdtype(np.dtype(name), (np.float32, "complex floating"))
    with pytest.raises(ValueError):
        nc.isdtype(d, "nothing")
    with pytest.raises(TypeError):
        nc.isdtype(name, "bool")


@pytest.mark.parametrize("name", ["bool", "int8", "int16", "int32", "int64",
                                  "uint8", "uint16", "uint32", "uint64",
                                  "float32", "float64", "complex64",
                                  "complex128"])
def test_numpy_understands_numc_dtypes(name):
    """NumPy reads a type's .dtype: numc dtypes given to NumPy must mean the
    same dtype, never silently object."""
    d = getattr(nc, name)
    assert np.dtype(d) == np.dtype(name)
    assert np.zeros(2, dtype=d).dtype == np.dtype(name)
    assert np.arange(3).astype(d).dtype == np.dtype(name)
    assert np.dtype(nc.ones(2, dtype=d).dtype) == np.dtype(name)
    assert np.empty(0, dtype=[("x", d)]).dtype["x"] == np.dtype(name)
