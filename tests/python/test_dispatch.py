"""NumPy calls on numc arrays: __array_ufunc__ and __array_function__ run
them in numc (results are numc arrays), mixed numc/NumPy operands give numc
arrays, and functions numc lacks fall back through NumPy with the same
values (recorded in numc._compat.fallback_log, optionally warned)."""
import warnings

import numpy as np
import pytest

import numc as nc
from conftest import assert_same


def _pair(shape=(3, 4), dtype=np.float64):
    a = (np.arange(np.prod(shape), dtype=dtype).reshape(shape) - 3) / 2
    return a, nc.asarray(a)


def test_priority_and_protocols_present():
    x = nc.arange(3)
    assert x.__array_priority__ > 0
    assert hasattr(x, "__array_ufunc__") and hasattr(x, "__array_function__")


@pytest.mark.parametrize("fn", [np.sin, np.exp, np.negative, np.sqrt,
                                np.isnan, np.abs])
def test_unary_ufuncs_run_in_numc(fn, mode):
    a, x = _pair()
    before = len(nc._compat.fallback_log)
    r = fn(x)
    assert isinstance(r, nc.ndarray)
    assert_same(r, fn(a), exact=False)
    assert len(nc._compat.fallback_log) == before


def test_binary_ufunc_out_and_mixed(mode):
    a, x = _pair()
    o = nc.zeros(a.shape)
    assert np.add(x, 1, out=o) is o
    assert_same(o, a + 1)
    # mixed operands, both orders, operators and ufuncs
    for r in (a + x, x + a, np.multiply(a, x), np.maximum(x, a), a < x):
        assert isinstance(r, nc.ndarray)
    assert_same(a * x, a * a)
    assert_same(np.subtract(a, x), a - a)
    # NumPy out with numc inputs: NumPy's array is written
    no = np.zeros(a.shape)
    r = np.add(x, x, out=no)
    assert r is no
    assert np.array_equal(no, a + a)


def test_ufunc_methods_dispatch():
    a, x = _pair()
    assert_same(np.add.reduce(x, axis=1), np.add.reduce(a, axis=1))
    assert_same(np.multiply.accumulate(x, axis=0),
                np.multiply.accumulate(a, axis=0))
    assert_same(np.subtract.outer(x[0], x[1]), np.subtract.outer(a[0], a[1]))
    y = x.copy()
    b = a.copy()
    np.add.at(y, (0, [1, 1, 2]), 5.0)
    np.add.at(b, (0, [1, 1, 2]), 5.0)
    assert_same(y, b)


def test_numpy_ufunc_numc_lacks_falls_back():
    # numc's ldexp/frexp (Python composites) take no where=: NumPy runs it
    a, x = _pair()
    with warnings.catch_warnings():
        warnings.simplefilter("error", nc.NumPyFallbackWarning)
        old = nc.set_fallback_warning(True)
        try:
            with pytest.raises(nc.NumPyFallbackWarning):
                np.sin(x, out=np.empty(a.shape))  # a NumPy out: NumPy runs
        finally:
            nc.set_fallback_warning(old)
    o = np.empty(a.shape)
    r = np.sin(x, out=o)
    assert r is o
    assert_same(nc.asarray(r), np.sin(a))
    assert "sin.__call__" in nc._compat.fallback_log
    # ldexp and frexp are numc ufuncs now: no fallback
    nc._compat.fallback_log.clear()
    m, e = np.frexp(x)
    assert isinstance(m, nc.ndarray) and isinstance(e, nc.ndarray)
    assert_same(m, np.frexp(a)[0])
    assert_same(np.ldexp(x, 2), np.ldexp(a, 2))
    assert nc._compat.fallback_log == []


def test_array_function_dispatch():
    a, x = _pair()
    assert_same(np.mean(x, axis=0), np.mean(a, axis=0))
    assert_same(np.concatenate([x, x]), np.concatenate([a, a]))
    assert_same(np.concatenate([x, a], axis=1), np.concatenate([a, a], axis=1))
    assert_same(np.transpose(x), np.transpose(a))
    assert_same(np.reshape(x, (4, 3)), np.reshape(a, (4, 3)))
    assert_same(np.sum(x, 0), np.sum(a, 0))
    assert_same(np.stack([x, x], axis=1), np.stack([a, a], axis=1))
    assert_same(np.clip(x, -1, 1), np.clip(a, -1, 1))
    r = np.where(x > 0)
    assert isinstance(r, tuple)
    for g, w in zip(r, np.where(a > 0)):
        assert_same(g, w)
    assert_same(np.where(x > 0, x, 0.0), np.where(a > 0, a, 0.0))
    s = np.median(x)
    assert float(s) == np.median(a)
    q = np.percentile(x, [10, 90], axis=0)
    assert_same(q, np.percentile(a, [10, 90], axis=0))


def test_array_function_out_numc():
    a, x = _pair()
    o = nc.zeros(4)
    r = np.mean(x, axis=0, out=o)
    assert r is o
    assert_same(o, np.mean(a, axis=0))


def test_unknown_types_not_implemented():
    class Other:
        __array_function__ = None

    x = nc.arange(3.0)
    assert x.__array_function__(np.mean, (nc.ndarray, Other), (x,), {}) \
        is NotImplemented


def test_unsupported_numpy_dtype_stays_numpy():
    a = np.arange(3, dtype=np.float16)
    x = nc.arange(3.0)
    r = np.add(x, a)
    assert_same(r, np.arange(3.0) + a.astype(np.float64))
    s = np.array(["a", "b"])
    r = np.concatenate([s, s])
    assert isinstance(r, np.ndarray)


def test_flat():
    a, x = _pair((2, 3))
    assert [float(v) for v in x.flat] == a.ravel().tolist()
    assert len(x.flat) == 6
    assert float(x.flat[4]) == a.flat[4]
    assert_same(x.flat[1:4], a.flat[1:4])
    x.flat[[0, 5]] = 9
    a.flat[[0, 5]] = 9
    assert_same(x, a)
    x.flat = 1.5
    a.flat = 1.5
    assert_same(x, a)
    t = x.T
    assert [float(v) for v in t.flat] == a.T.ravel().tolist()
