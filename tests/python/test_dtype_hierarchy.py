"""The abstract scalar types and dtype helpers (issubdtype, promote_types,
min_scalar_type, common_type, mintypecode, sctypeDict), memory layout
queries (asfortranarray, isfortran, shares_memory) and binary_repr,
base_repr, packbits, unpackbits, against NumPy."""
import numpy as np
import pytest

import numc as nc

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32",
          "int64", "uint64", "float32", "float64", "complex64", "complex128"]
ABSTRACT = ["number", "integer", "signedinteger", "unsignedinteger",
            "inexact", "floating", "complexfloating", "generic"]


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("ab", ABSTRACT)
def test_issubdtype_matches_numpy(dt, ab):
    want = np.issubdtype(np.dtype(dt), getattr(np, ab))
    assert nc.issubdtype(nc.dtype(dt), getattr(nc, ab)) == want
    assert nc.issubdtype(nc.zeros(1, dtype=dt).dtype, getattr(np, ab)) == want
    assert nc.issubdtype(getattr(nc, dt), getattr(nc, ab)) == want


@pytest.mark.parametrize("a,b", [("float64", float), ("float32", float),
                                 ("int64", int), ("complex128", complex),
                                 ("int8", "int8"), ("int8", "int16")])
def test_issubdtype_concrete(a, b):
    assert nc.issubdtype(a, b) == np.issubdtype(a, b)


def test_abstract_relations():
    assert issubclass(nc.floating, nc.inexact)
    assert issubclass(nc.signedinteger, nc.integer)
    assert not nc.issubdtype(nc.floating, nc.float64)
    assert nc.issubdtype(nc.floating, nc.inexact)
    assert isinstance(nc.float64(1.0), nc.floating)
    assert not isinstance(nc.int8(1), nc.floating)


@pytest.mark.parametrize("a", DTYPES)
@pytest.mark.parametrize("b", ["int8", "uint16", "int64", "uint64",
                               "float32", "complex64", "bool"])
def test_promote_types(a, b):
    assert nc.promote_types(a, b).name == np.promote_types(a, b).name


@pytest.mark.parametrize("v", [0, 1, 255, 256, -1, -129, 2**40, 2**63, True,
                               1.5, 1e300, complex(1, 2)])
def test_min_scalar_type(v):
    want = np.min_scalar_type(v).name
    got = nc.min_scalar_type(v).name
    assert got == ("float32" if want == "float16" else want)


def test_common_type_mintypecode_typecodes():
    for dts in (["int8"], ["float32"], ["float32", "complex64"],
                ["int32", "float32"], ["complex128", "float32"]):
        got = nc.common_type(*[nc.zeros(1, dtype=d) for d in dts])
        want = np.common_type(*[np.zeros(1, dtype=d) for d in dts])
        assert nc.dtype(got).name == np.dtype(want).name
    with pytest.raises(TypeError):
        nc.common_type(nc.zeros(1, dtype=nc.bool))
    for chars in (["d", "f"], ["F", "d"], ["i"], "fF"):
        assert nc.mintypecode(chars) == np.mintypecode(chars)
    assert nc.typecodes == np.typecodes
    for k in ("float64", "int8", "complex128", "double", "intc"):
        assert nc.dtype(nc.sctypeDict[k]).name == np.dtype(np.sctypeDict[k]).name


def test_asfortranarray_isfortran():
    x = np.arange(6.0).reshape(2, 3)
    f = nc.asfortranarray(nc.asarray(x))
    assert f.flags.f_contiguous and not f.flags.c_contiguous
    assert f.strides == np.asfortranarray(x).strides
    np.testing.assert_array_equal(np.asarray(f), x)
    assert nc.isfortran(f) == np.isfortran(np.asfortranarray(x)) == True
    assert nc.isfortran(nc.asarray(x)) == np.isfortran(x) == False
    assert nc.asfortranarray(f) is f
    assert nc.asfortranarray(nc.float64(2)).shape == np.asfortranarray(np.float64(2)).shape
    assert nc.isfortran(nc.ones(3)) == np.isfortran(np.ones(3))


def _views(m):
    x = m.arange(24).reshape(4, 6)
    return [(x[0], x[1]), (x[:, ::2], x[:, 1::2]), (x, x[1]), (x[::-1], x[0]),
            (x[:, 0], x[:, 1]), (x[1:3, 2:4], x[2, 3:]), (x[:0], x),
            (x.T, x[2])]


def test_shares_memory_exact():
    for (a, b), (na, nb) in zip(_views(nc), _views(np)):
        assert nc.shares_memory(a, b) == np.shares_memory(na, nb)
        assert nc.may_share_memory(a, b) == np.may_share_memory(na, nb)
    assert nc.shares_memory(nc.ones(3), nc.ones(3)) is False
    x = nc.arange(100)
    with pytest.raises(nc.TooHardError):
        nc.shares_memory(x[::2], x[1::2], max_work=1)
    assert issubclass(nc.TooHardError, RuntimeError)


@pytest.mark.parametrize("n,w", [(0, None), (5, None), (-5, None), (5, 8),
                                 (-3, 4), (-128, 8), (127, 8), (-1, 1)])
def test_binary_repr(n, w):
    assert nc.binary_repr(n, width=w) == np.binary_repr(n, width=w)


def test_binary_repr_too_narrow():
    for n, w in [(-9, 3), (9, 2)]:
        with pytest.raises(ValueError):
            np.binary_repr(n, width=w)
        with pytest.raises(ValueError):
            nc.binary_repr(n, width=w)


@pytest.mark.parametrize("n,base,pad", [(0, 2, 0), (255, 16, 0), (-35, 36, 2),
                                        (10, 3, 3)])
def test_base_repr(n, base, pad):
    assert nc.base_repr(n, base, pad) == np.base_repr(n, base, pad)
    with pytest.raises(ValueError):
        nc.base_repr(3, 37)


@pytest.mark.parametrize("axis", [None, 0, 1, -1])
@pytest.mark.parametrize("order", ["big", "little"])
def test_packbits_roundtrip(axis, order):
    rng = np.random.default_rng(1)
    a = rng.integers(0, 2, (3, 11)).astype(bool)
    want = np.packbits(a, axis=axis, bitorder=order)
    got = nc.packbits(nc.asarray(a), axis=axis, bitorder=order)
    assert got.dtype == nc.uint8
    np.testing.assert_array_equal(np.asarray(got), want)
    for count in (None, 5, -2, 20):
        w = np.unpackbits(want, axis=axis, count=count, bitorder=order)
        g = nc.unpackbits(nc.asarray(want), axis=axis, count=count, bitorder=order)
        np.testing.assert_array_equal(np.asarray(g), w)


def test_packbits_errors():
    with pytest.raises(TypeError):
        nc.packbits(nc.asarray([1.0]))
    with pytest.raises(TypeError):
        nc.unpackbits(nc.asarray([1]))
    with pytest.raises(ValueError):
        nc.packbits(nc.asarray([1]), bitorder="middle")
    with pytest.raises(nc.AxisError):
        nc.packbits(nc.asarray([1]), axis=2)
