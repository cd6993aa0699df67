"""numc.ufunc objects against NumPy's: attributes, out=/where=/dtype=/
casting= keywords (including out aliasing an input under lazy evaluation),
and the methods reduce, accumulate, outer, at and reduceat."""
import numpy as np
import pytest

import numc as nc
from conftest import assert_same

UFUNC_NAMES = ["add", "subtract", "multiply", "divide", "power", "absolute",
               "sin", "arctan2", "maximum", "minimum", "logical_and",
               "bitwise_or", "invert", "left_shift", "conjugate", "rint",
               "true_divide", "mod", "negative", "sqrt", "hypot",
               "logaddexp", "bitwise_not", "degrees", "radians"]


@pytest.mark.parametrize("name", UFUNC_NAMES)
def test_attributes(name):
    u, v = getattr(nc, name), getattr(np, name)
    assert isinstance(u, nc.ufunc)
    assert (u.nin, u.nout, u.nargs) == (v.nin, v.nout, v.nargs)
    if name not in ("degrees", "radians"):  # numc: aliases of rad2deg/...
        assert u.__name__ == v.__name__
        assert repr(u) == repr(v)
    ident = u.identity
    assert (ident is None) == (v.identity is None)
    if ident is not None:
        assert ident == v.identity
    assert u.ntypes == len(u.types) > 0


def test_aliases_are_same_object():
    assert nc.abs is nc.absolute
    assert nc.pow is nc.power
    assert nc.acos is nc.arccos
    assert nc.bitwise_invert is nc.invert is nc.bitwise_not
    assert callable(nc.round) and not isinstance(nc.round, nc.ufunc)


def test_plain_call_scalar_and_array(mode):
    a = np.arange(6.0).reshape(2, 3)
    assert_same(nc.add(nc.asarray(a), 1), np.add(a, 1))
    assert_same(nc.sin(nc.asarray(a)), np.sin(a), exact=False)
    s = nc.add(nc.float32(1), 2)
    assert isinstance(s, nc.generic) and s.dtype == nc.float32


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex128"])
def test_out_and_alias(dtype, mode):
    a = np.arange(6).astype(dtype).reshape(2, 3)
    x = nc.asarray(a.copy())
    before = x + 0          # pending read of x's buffer
    r = nc.multiply(x, 2, out=x)
    assert r is x
    assert_same(x, a * 2)
    assert_same(before, a)  # earlier result unchanged by the write
    o = nc.empty((2, 3), dtype=dtype)
    r = nc.add(x, x, o)     # positional out
    assert r is o
    assert_same(o, a * 4)
    r = nc.negative(x, out=(x,))
    assert_same(x, np.negative(a * 2))


def test_out_errors():
    x = nc.arange(6)
    with pytest.raises(TypeError):
        nc.add(x, 1.5, out=x)          # float into int64 under same_kind
    with pytest.raises(ValueError):
        nc.add(x, 1, out=nc.empty(5, dtype=nc.int64))
    with pytest.raises(TypeError):
        nc.add(x, 1, out=[1, 2])
    with pytest.raises(TypeError):
        nc.add(x, 1, out=x, bogus=1)
    with pytest.raises(TypeError):
        nc.add(x, 1, x, out=x)
    with pytest.raises(ValueError):
        nc.add(x, 1, casting="maybe")
    with pytest.raises(ValueError):
        nc.add(x, 1, out=(x, x))
    with pytest.raises(TypeError):
        nc.add(x)
    with pytest.raises(TypeError):
        nc.add(x, object())


def test_casting_and_dtype():
    a = np.arange(5, dtype=np.int64)
    x = nc.asarray(a)
    o = nc.zeros(5, dtype=nc.int64)
    nc.add(x, 1.5, out=o, casting="unsafe")
    assert_same(o, np.add(a, 1.5, out=np.zeros(5, np.int64), casting="unsafe"))
    assert_same(nc.add(x, x, dtype=nc.float32),
                np.add(a, a, dtype=np.float32))
    assert_same(nc.sqrt(x, dtype="float32"), np.sqrt(a, dtype="float32"),
                exact=False)
    with pytest.raises(TypeError):
        nc.add(x, x, dtype=nc.int8, casting="safe")
    with pytest.raises(TypeError):
        np.add(a, a, dtype=np.int8, casting="safe")


def test_where(mode):
    a = np.arange(6.0)
    m = a > 2
    x = nc.asarray(a)
    o = nc.full(6, -1.0)
    r = nc.sqrt(x, out=o, where=nc.asarray(m))
    want = np.full(6, -1.0)
    np.sqrt(a, out=want, where=m)
    assert r is o
    assert_same(o, want)
    o2 = nc.zeros((2, 6))
    nc.add(x, 1, out=o2, where=[True, False, True, False, True, False])
    w2 = np.zeros((2, 6))
    np.add(a, 1, out=w2, where=[True, False, True, False, True, False])
    assert_same(o2, w2)
    # without out: selected elements are right (others unspecified)
    r = nc.add(x, 1, where=m)
    assert np.array_equal(np.asarray(r)[m], (a + 1)[m])
    o3 = nc.ones(6)
    nc.add(x, 1, out=o3, where=False)
    assert_same(o3, np.ones(6))


def test_reduce_matches_numpy():
    a = np.arange(24, dtype=np.int32).reshape(2, 3, 4) - 5
    x = nc.asarray(a)
    for name in ["add", "multiply", "maximum", "minimum", "subtract",
                 "bitwise_or", "bitwise_xor", "logical_and", "logical_or"]:
        u, v = getattr(nc, name), getattr(np, name)
        for axis in [0, 1, -1, None, (0, 2)]:
            if name == "subtract" and (axis is None or isinstance(axis, tuple)):
                continue
            assert_same(nc.asarray(u.reduce(x, axis=axis)),
                        v.reduce(a, axis=axis))
        assert_same(u.reduce(x, axis=1, keepdims=True),
                    v.reduce(a, axis=1, keepdims=True))
    f = a.astype(np.float64)
    y = nc.asarray(f)
    assert_same(nc.add.reduce(y, axis=0, initial=10.0),
                np.add.reduce(f, axis=0, initial=10.0))
    assert_same(nc.maximum.reduce(y, axis=2, initial=100.0),
                np.maximum.reduce(f, axis=2, initial=100.0))
    w = f > 0
    assert_same(nc.add.reduce(y, axis=1, where=nc.asarray(w)),
                np.add.reduce(f, axis=1, where=w))
    assert_same(nc.add.reduce(y, axis=0, dtype=nc.float32),
                np.add.reduce(f, axis=0, dtype=np.float32))
    assert_same(nc.logaddexp.reduce(y, axis=0),
                np.logaddexp.reduce(f, axis=0), exact=False)
    o = nc.zeros(4)
    r = nc.add.reduce(y, axis=(0, 1), out=o)
    assert r is o
    assert_same(o, np.add.reduce(f, axis=(0, 1)))


def test_reduce_edge_cases():
    e = np.zeros((0, 3))
    assert_same(nc.add.reduce(nc.asarray(e), axis=0),
                np.add.reduce(e, axis=0))
    assert_same(nc.maximum.reduce(nc.asarray(e), axis=0, initial=-1.0),
                np.maximum.reduce(e, axis=0, initial=-1.0))
    with pytest.raises(ValueError):
        nc.maximum.reduce(nc.asarray(e), axis=0)
    with pytest.raises(ValueError):
        nc.subtract.reduce(nc.asarray(e), axis=0)
    with pytest.raises(ValueError):
        nc.sin.reduce(nc.arange(3.0))
    with pytest.raises(ValueError):
        nc.maximum.reduce(nc.arange(3.0), where=nc.asarray([True, False, True]))
    with pytest.raises(nc.AxisError):
        nc.add.reduce(nc.arange(3.0), axis=1)
    s = nc.add.reduce(nc.arange(4))
    assert isinstance(s, nc.generic) and int(s) == 6
    n = np.array([1.0, np.nan, 2.0])
    assert_same(nc.asarray(nc.maximum.reduce(nc.asarray(n))),
                np.asarray(np.maximum.reduce(n)))


def test_accumulate():
    a = np.arange(1, 13, dtype=np.int8).reshape(3, 4)
    x = nc.asarray(a)
    for name in ["add", "multiply", "maximum", "subtract", "logical_or"]:
        u, v = getattr(nc, name), getattr(np, name)
        for axis in [0, 1]:
            assert_same(u.accumulate(x, axis=axis), v.accumulate(a, axis=axis))
    f = a.astype(np.float64)
    assert_same(nc.add.accumulate(nc.asarray(f), dtype=nc.float32),
                np.add.accumulate(f, dtype=np.float32))
    b = np.array([True, False, True])
    assert_same(nc.add.accumulate(nc.asarray(b)), np.add.accumulate(b))
    o = nc.zeros((3, 4))
    assert nc.add.accumulate(x, axis=1, out=o) is o
    assert_same(o, np.add.accumulate(a, axis=1).astype(np.float64))
    with pytest.raises(ValueError):
        nc.sin.accumulate(x)


def test_outer():
    a = np.arange(3.0)
    b = np.arange(4).reshape(2, 2)
    for name in ["add", "multiply", "subtract", "greater", "power"]:
        assert_same(getattr(nc, name).outer(nc.asarray(a), nc.asarray(b)),
                    getattr(np, name).outer(a, b))
    with pytest.raises(ValueError):
        nc.sin.outer(a, a)


def test_at():
    a = np.arange(6.0)
    x = nc.asarray(a.copy())
    idx = [0, 1, 1, 5, 1]
    nc.add.at(x, idx, 1.0)
    np.add.at(a, idx, 1.0)
    assert_same(x, a)
    nc.multiply.at(x, [2, 2], [3.0, 4.0])
    np.multiply.at(a, [2, 2], [3.0, 4.0])
    assert_same(x, a)
    nc.negative.at(x, [0, 0])
    np.negative.at(a, [0, 0])
    assert_same(x, a)
    m = np.arange(12).reshape(3, 4)
    y = nc.asarray(m.copy())
    nc.add.at(y, (slice(None), [0, 0, 3]), 10)
    np.add.at(m, (slice(None), [0, 0, 3]), 10)
    assert_same(y, m)
    with pytest.raises(ValueError):
        nc.add.at(x, [0])
    with pytest.raises(IndexError):
        nc.add.at(x, [10], 1.0)


def test_reduceat():
    a = np.arange(8.0)
    idx = [0, 4, 1, 5]
    assert_same(nc.add.reduceat(nc.asarray(a), idx), np.add.reduceat(a, idx))
    m = np.arange(12.0).reshape(3, 4)
    assert_same(nc.multiply.reduceat(nc.asarray(m), [0, 2], axis=1),
                np.multiply.reduceat(m, [0, 2], axis=1))


def test_pickle_and_copy_by_name():
    import copy
    import pickle
    for u in (nc.add, nc.absolute, nc.rint, nc.power):
        assert pickle.loads(pickle.dumps(u)) is u
        assert copy.deepcopy(u) is u
