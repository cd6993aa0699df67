"""Sorting, searching and sets against NumPy: sort/argsort (stable,
descending per the Array API, any axis, NaN last, every dtype),
searchsorted (side, sorter, scalars), nonzero, count_nonzero,
argmax/argmin (keepdims), unique_* (NaN handling), isin, and the
statistics functions with cumulative_sum/prod(include_initial)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import numc as nc
from conftest import DTYPES, NUMERIC_DTYPES, assert_same

SPECIAL = np.array([3.0, np.nan, -0.0, 1.0, np.inf, 0.0, -np.inf, np.nan, 1.0, -2.0])


def sample(dt, n=20, seed=0):
    rng = np.random.default_rng(seed)
    if dt == "bool":
        return rng.integers(0, 2, n).astype(bool)
    if np.dtype(dt).kind in "iu":
        info = np.iinfo(dt)
        return rng.integers(max(info.min, -50), min(info.max, 50), n, endpoint=True).astype(dt)
    v = rng.integers(-5, 5, n).astype(dt)
    if np.dtype(dt).kind == "c":
        v = v + 1j * rng.integers(-2, 2, n).astype(dt)
    return v


def desc_ref_argsort(a, axis):
    """The Array API's descending stable argsort: reversed order, ties in
    input order (NumPy has no descending)."""
    flip = np.flip(a, axis=axis)
    i = np.flip(np.argsort(flip, axis=axis, kind="stable"), axis=axis)
    return a.shape[axis] - 1 - i


@pytest.mark.parametrize("dt", DTYPES)
def test_sort_argsort_dtypes(dt):
    a = sample(dt, 24).reshape(4, 6)
    x = nc.asarray(a)
    for axis in [0, 1, -1, None]:
        assert_same(nc.sort(x, axis=axis) if axis is not None else nc.sort(x.reshape(-1)),
                    np.sort(a, axis=axis, kind="stable") if axis is not None
                    else np.sort(a.reshape(-1), kind="stable"))
    for axis in [0, -1]:
        assert_same(nc.argsort(x, axis=axis), np.argsort(a, axis=axis, kind="stable"))
        assert_same(nc.argsort(x, axis=axis, stable=True),
                    np.argsort(a, axis=axis, kind="stable"))
        i = desc_ref_argsort(a, axis)
        assert_same(nc.argsort(x, axis=axis, descending=True), i)
        assert_same(nc.sort(x, axis=axis, descending=True), np.take_along_axis(a, i, axis))


@pytest.mark.parametrize("dt", ["float32", "float64", "complex64", "complex128"])
def test_sort_nan_last(dt):
    a = SPECIAL.astype(dt)
    if np.dtype(dt).kind == "c":
        a = a + 1j * np.roll(SPECIAL, 3).astype(dt)
    x = nc.asarray(a)
    assert_same(nc.sort(x), np.sort(a, kind="stable"))
    assert_same(nc.argsort(x), np.argsort(a, kind="stable"))
    i = desc_ref_argsort(a, 0)
    assert_same(nc.argsort(x, descending=True), i)
    assert_same(nc.sort(x[::-1]), np.sort(a[::-1], kind="stable"))


def test_sort_edge_cases():
    assert_same(nc.sort(nc.zeros(0)), np.sort(np.zeros(0)))
    assert_same(nc.argsort(nc.zeros((3, 0)), axis=0), np.argsort(np.zeros((3, 0)), axis=0))
    with pytest.raises(nc.AxisError):
        nc.sort(nc.ones(3), axis=1)
    with pytest.raises(nc.AxisError):
        nc.sort(nc.asarray(1.0))
    b = np.arange(20.0).reshape(4, 5)[::-1, ::2]
    y = nc.asarray(np.arange(20.0).reshape(4, 5))[::-1, ::2]
    assert_same(nc.sort(y, axis=0), np.sort(b, axis=0))
    # x.sort() sorts in place
    z = nc.asarray([3, 1, 2])
    z.sort()
    assert z.tolist() == [1, 2, 3]


@given(st.data())
def test_argsort_random(data):
    dt = data.draw(st.sampled_from(["int8", "uint32", "float32", "float64", "bool"]))
    a = data.draw(hnp.arrays(dt, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
                             elements=hnp.from_dtype(np.dtype(dt)) if dt != "float32" else
                             st.sampled_from([0.0, -0.0, 1.0, np.nan, -np.inf, 2.5])))
    axis = data.draw(st.integers(-a.ndim, a.ndim - 1))
    x = nc.asarray(a)
    assert_same(nc.argsort(x, axis=axis), np.argsort(a, axis=axis, kind="stable"))
    assert_same(nc.sort(x, axis=axis), np.sort(a, axis=axis, kind="stable"))
    assert_same(nc.argsort(x, axis=axis, descending=True), desc_ref_argsort(a, axis))


@pytest.mark.parametrize("dt", NUMERIC_DTYPES)
def test_searchsorted(dt):
    a = np.sort(sample(dt, 15))
    v = sample(dt, 8, seed=3).reshape(2, 4)
    x, y = nc.asarray(a), nc.asarray(v)
    for side in ["left", "right"]:
        assert_same(nc.searchsorted(x, y, side=side), np.searchsorted(a, v, side=side))
        assert_same(x.searchsorted(y, side=side), a.searchsorted(v, side=side))
    s = np.argsort(a[::-1], kind="stable")
    assert_same(nc.searchsorted(nc.asarray(a[::-1]), y, sorter=nc.asarray(s)),
                np.searchsorted(a[::-1], v, sorter=s))


def test_searchsorted_scalars_and_errors():
    a = np.array([0.0, 1.0, 1.0, 2.5, np.nan])
    x = nc.asarray(a)
    for v in [1.0, 1, True, -np.inf, np.nan, 3]:
        for side in ["left", "right"]:
            got = nc.searchsorted(x, v, side=side)
            want = np.searchsorted(a, v, side=side)
            assert int(got) == int(want) and np.asarray(got).ndim == 0
    assert_same(nc.searchsorted(nc.asarray(np.array([1, 5], dtype=np.uint8)), 300),
                np.searchsorted(np.array([1, 5], dtype=np.uint8), 300))
    assert_same(nc.searchsorted(nc.zeros(0), nc.ones(3)), np.searchsorted(np.zeros(0), np.ones(3)))
    with pytest.raises(ValueError):
        nc.searchsorted(nc.ones((2, 2)), 1.0)
    with pytest.raises(ValueError):
        nc.searchsorted(x, 1.0, side="middle")
    with pytest.raises(ValueError):
        nc.searchsorted(x, 1.0, sorter=nc.asarray([0, 1]))


@pytest.mark.parametrize("dt", DTYPES)
def test_nonzero_count_nonzero(dt):
    a = sample(dt, 24).reshape(2, 3, 4)
    x = nc.asarray(a)
    got, want = nc.nonzero(x), np.nonzero(a)
    assert isinstance(got, tuple) and len(got) == 3
    for g, w in zip(got, want):
        assert_same(g, w)
    for axis in [None, 0, (0, 2), -1]:
        for keepdims in [False, True]:
            g = nc.count_nonzero(x, axis=axis, keepdims=keepdims)
            w = np.count_nonzero(a, axis=axis, keepdims=keepdims)
            assert np.array_equal(np.asarray(g), w) and np.asarray(g).shape == np.shape(w)
    assert_same(nc.nonzero(x[:, ::-1])[1], np.nonzero(a[:, ::-1])[1])
    with pytest.raises(ValueError):
        nc.nonzero(nc.asarray(1.0))
    assert [v.shape for v in nc.nonzero(nc.zeros((0, 2)))] == [(0,), (0,)]


@pytest.mark.parametrize("dt", NUMERIC_DTYPES + ["bool"])
def test_argmax_argmin(dt):
    a = sample(dt, 24).reshape(4, 6)
    x = nc.asarray(a)
    for f in ["argmax", "argmin"]:
        for axis in [None, 0, 1, -1]:
            for keepdims in [False, True]:
                g = getattr(nc, f)(x, axis=axis, keepdims=keepdims)
                w = getattr(np, f)(a, axis=axis, keepdims=keepdims)
                assert np.array_equal(np.asarray(g), w)
                assert np.asarray(g).shape == np.shape(w)
                assert np.asarray(g).dtype == np.int64
    f = np.array([1.0, np.nan, 3.0, np.nan])
    assert int(nc.argmax(nc.asarray(f))) == 1 and int(nc.argmin(nc.asarray(f))) == 1
    with pytest.raises(ValueError):
        nc.argmax(nc.zeros(0))
    with pytest.raises(ValueError):
        nc.argmin(nc.zeros((0, 3)), axis=0)


@pytest.mark.parametrize("dt", DTYPES)
def test_unique(dt):
    a = sample(dt, 30).reshape(5, 6)
    x = nc.asarray(a)
    check_unique(x, a)


def check_unique(x, a):
    assert_same(nc.unique_values(x), np.unique(a.reshape(-1)))
    v, c = nc.unique_counts(x)
    w = np.unique_counts(a)
    assert_same(v, np.sort(w.values))
    assert_same(c, w.counts[np.argsort(w.values, kind="stable")])
    r = nc.unique_inverse(x)
    assert_same(r.values, np.unique(a))
    assert_same(r.inverse_indices, np.unique(a, return_inverse=True)[1].reshape(a.shape))
    r = nc.unique_all(x)
    vals, idx, inv, cnt = np.unique(a.reshape(-1), return_index=True, return_inverse=True,
                                    return_counts=True)
    assert_same(r.values, vals)
    assert_same(r.indices, idx)
    assert_same(r.inverse_indices, inv.reshape(a.shape))
    assert_same(r.counts, cnt)
    assert r._fields == ("values", "indices", "inverse_indices", "counts")


def test_unique_nan_and_zeros():
    a = np.array([np.nan, 1.0, -0.0, np.nan, 0.0, 1.0, np.inf, np.nan])
    x = nc.asarray(a)
    u = nc.unique_values(x)
    assert np.isnan(np.asarray(u)).sum() == 3  # each NaN distinct
    # the Array API allows either zero: numc keeps the first one seen
    assert_same(u + 0.0, np.unique(a, equal_nan=False) + 0.0)
    assert float(u[0]) == -0.0 and np.signbit(float(u[0]))
    v, c = nc.unique_counts(x)
    assert np.asarray(c).sum() == a.size
    r = nc.unique_all(x)
    assert np.array_equal(np.asarray(r.values)[np.asarray(r.inverse_indices)], a, equal_nan=True)
    assert_same(nc.unique_values(nc.zeros(0)), np.unique(np.zeros(0)))
    assert_same(nc.unique_values(nc.asarray(2.0)), np.unique(np.array(2.0)))
    c = np.array([1 + 1j, np.nan + 0j, 1 + 1j, 0j])
    assert_same(nc.unique_values(nc.asarray(c)), np.unique(c, equal_nan=False))


@pytest.mark.parametrize("dt", ["int8", "uint64", "int64", "float32", "float64", "complex64", "bool"])
def test_isin(dt):
    a = sample(dt, 12).reshape(3, 4)
    b = sample(dt, 5, seed=7)
    x, y = nc.asarray(a), nc.asarray(b)
    assert_same(nc.isin(x, y), np.isin(a, b))
    assert_same(nc.isin(x, y, invert=True), np.isin(a, b, invert=True))
    assert_same(nc.isin(x, nc.zeros(0, dtype=dt)), np.isin(a, np.zeros(0, dtype=dt)))
    f = np.array([np.nan, 0.0, -0.0, 1.0])
    assert_same(nc.isin(nc.asarray(f), nc.asarray([np.nan, 0.0])), np.isin(f, [np.nan, 0.0]))
    i = np.array([2**63 - 1, 5], dtype=np.int64)
    u = np.array([2**63 - 1], dtype=np.uint64)
    assert_same(nc.isin(nc.asarray(i), nc.asarray(u)), np.isin(i, u))
    assert_same(nc.isin(nc.asarray(3), nc.asarray([1, 3])), np.isin(3, [1, 3]))


@pytest.mark.parametrize("dt", NUMERIC_DTYPES + ["bool"])
@pytest.mark.parametrize("func", ["cumulative_sum", "cumulative_prod"])
def test_cumulative(dt, func):
    a = sample(dt, 12)
    if np.dtype(dt).kind in "iuf":
        a = a % 3
    a = a.reshape(3, 4)
    x = nc.asarray(a)
    f = getattr(nc, func)
    g = getattr(np, func)
    for axis in [0, 1, -1]:
        for inc in [False, True]:
            assert_same(f(x, axis=axis, include_initial=inc),
                        g(a, axis=axis, include_initial=inc))
    for d in ["float64", "int64"]:
        assert_same(f(x, axis=1, dtype=d), g(a, axis=1, dtype=d))
    one = a.reshape(-1)
    assert_same(f(nc.asarray(one)), g(one))
    assert_same(f(nc.asarray(one), include_initial=True), g(one, include_initial=True))
    assert_same(f(nc.zeros((0,), dtype=dt), include_initial=True),
                g(np.zeros((0,), dtype=dt), include_initial=True))
    with pytest.raises(ValueError):
        f(x)  # axis required for ndim > 1
    with pytest.raises(nc.AxisError):
        f(x, axis=2)


@pytest.mark.parametrize("dt", ["int16", "uint8", "float32", "float64", "complex128", "bool"])
def test_statistics(dt):
    a = sample(dt, 24).reshape(2, 3, 4)
    x = nc.asarray(a)
    for name in ["sum", "prod", "min", "max", "mean", "var", "std", "all", "any"]:
        if name in ("mean", "var", "std") and dt == "bool":
            continue
        for axis in [None, 0, (0, 2), -1, ()]:
            for keepdims in [False, True]:
                want = getattr(np, name)(a, axis=axis, keepdims=keepdims)
                got = getattr(nc, name)(x, axis=axis, keepdims=keepdims)
                assert_same(nc.asarray(got), np.asarray(want), exact=name not in (
                    "mean", "var", "std"), ulps=64)
    for correction in [0, 1, 1.5]:
        if dt == "bool":
            continue
        assert_same(nc.var(x, axis=1, correction=correction),
                    np.var(a, axis=1, ddof=correction), exact=False, ulps=64)
        assert_same(nc.std(x, correction=correction), np.std(a, ddof=correction)
                    if True else None, exact=False, ulps=64)


def test_statistics_empty():
    e = np.zeros((0, 3))
    x = nc.asarray(e)
    assert_same(nc.sum(x, axis=0), e.sum(axis=0))
    assert_same(nc.prod(x), np.prod(e))
    with pytest.raises(ValueError):
        nc.max(x)
    with pytest.raises(ValueError):
        nc.min(x, axis=0)
    assert_same(nc.max(x, axis=1), e.max(axis=1))
    with np.errstate(all="ignore"):
        assert_same(nc.mean(x, axis=0), e.mean(axis=0))
    assert_same(nc.all(x), np.all(e)) if False else None
    assert bool(nc.all(x)) is True and bool(nc.any(x)) is False


@pytest.mark.parametrize("rows", [4, 100, 5000])
def test_prod_leading_axis_row_order(rows, mode):
    """prod over a leading axis multiplies rows in NumPy's order (0 * 0 *
    1e16 * 1e300 is 0; grouping the last rows first overflows to NaN)."""
    a = np.zeros((rows, 3))
    a[-2, 0], a[-1, 0] = 1e16, 1e300
    a[:, 1] = 1.5
    assert_same(nc.prod(nc.asarray(a), axis=0), np.prod(a, axis=0))
    assert_same(nc.prod(nc.asarray(a.astype(np.complex128)), axis=0),
                np.prod(a.astype(np.complex128), axis=0))
