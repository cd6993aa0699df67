"""NumPy names numc provides for drop-in use (`import numc as np`), each
against NumPy: dtypes, shapes, edge cases (empty, 0-d, NaN/inf,
non-contiguous views) and the exception type of bad arguments."""
import warnings

import numpy as np
import pytest

import numc as nc
from conftest import assert_same

RNG = np.random.default_rng(1234)
F = RNG.standard_normal((6, 5))
FN = F.copy()
FN[1, 2] = np.nan
FN[4, :] = np.nan
I = RNG.integers(0, 9, 30)
FT = F.T  # non-contiguous


def check(fn, *args, exact=True, ulps=8, **kwargs):
    """numc's result equals NumPy's; where NumPy raises, numc raises the
    same exception type."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            want = fn(np, *args, **kwargs)
        except Exception as e:  # noqa: BLE001
            raises_like(fn, *args, **kwargs)
            return
        conv = [nc.asarray(a) if isinstance(a, np.ndarray) else a
                for a in args]
        got = fn(nc, *conv, **kwargs)
    _cmp(got, want, exact, ulps)


def _cmp(got, want, exact, ulps):
    if exact == "close" and isinstance(want, (tuple, list)):
        for g, w in zip(got, want):
            _cmp(g, w, exact, ulps)
        return
    if exact == "close":  # sums in another order: relative 1e-12
        g = np.asarray(got)
        w = np.asarray(want)
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)
        return
    if isinstance(want, (tuple, list)) and exact != "close":
        assert isinstance(got, (tuple, list)) and len(got) == len(want)
        for g, w in zip(got, want):
            _cmp(g, w, exact, ulps)
        return
    if isinstance(want, (bool, np.bool_)) and not isinstance(got, nc.generic):
        assert got == want and isinstance(got, bool) == isinstance(want, bool)
        return
    if not isinstance(got, (nc.ndarray, nc.generic)):
        got = nc.asarray(got)
    assert_same(got, want, exact=exact, ulps=ulps)


def raises_like(fn, *args, **kwargs):
    """numc raises the exception type NumPy raises (numc.AxisError for
    NumPy's AxisError)."""
    with pytest.raises(Exception) as w:
        fn(np, *args, **kwargs)
    conv = [nc.asarray(a) if isinstance(a, np.ndarray) else a for a in args]
    want = type(w.value)
    if want is np.exceptions.AxisError:
        want = nc.AxisError
    with pytest.raises(want):
        fn(nc, *conv, **kwargs)


# ---- names ------------------------------------------------------------------

def test_aliases():
    for name in ["bool_", "int_", "intp", "uint", "double", "single",
                 "cdouble", "csingle", "intc", "longlong", "ubyte"]:
        assert nc.dtype(getattr(nc, name)).name == np.dtype(
            getattr(np, name)).name
    for name in ["pi", "e", "inf", "newaxis"]:
        assert getattr(nc, name) == getattr(np, name)
    assert np.isnan(nc.nan)


@pytest.mark.parametrize("a", [F, FT, I, np.zeros((0, 3)), np.float64(2.5)])
def test_ndim_shape_size(a):
    x = nc.asarray(a)
    assert nc.ndim(x) == np.ndim(a) and nc.shape(x) == np.shape(a)
    assert nc.size(x) == np.size(a)
    assert nc.ndim([[1, 2]]) == 2 and nc.shape([1, 2, 3]) == (3,)
    if np.ndim(a) == 2:
        assert nc.size(x, 1) == np.size(a, 1)


# ---- reductions and their NumPy spellings ---------------------------------------

@pytest.mark.parametrize("a", [F, FT, I, I.astype(np.int8)])
def test_amax_amin_ptp(a):
    check(lambda m, x: m.amax(x, axis=0), a)
    check(lambda m, x: m.amin(x, 1, keepdims=True), a)
    check(lambda m, x: m.amax(x, axis=0, initial=3), a)
    check(lambda m, x: m.ptp(x, axis=0), a)
    check(lambda m, x: m.max(x, 0), a)  # NumPy's positional axis


def test_reductions_numpy_positional():
    check(lambda m, x: m.sum(x, 0), F, exact=False)
    check(lambda m, x: m.sum(x, 1, np.float32), F, exact=False)
    check(lambda m, x: m.mean(x, 1, None, None, True), F, exact=False)
    check(lambda m, x: m.std(x, 0, None, None, 1), F, exact=False)
    check(lambda m, x: m.var(x, None, None, None, 2), F, exact=False)
    check(lambda m, x: m.argmax(x, 1), F)
    o = nc.zeros(5)
    assert nc.sum(nc.asarray(F), 0, None, o) is o


@pytest.mark.parametrize("a", [F, FT, I, I.astype(np.uint8),
                               np.array([True, False, True])])
def test_cumsum_cumprod(a):
    check(lambda m, x: m.cumsum(x), a)
    check(lambda m, x: m.cumprod(x[:4]), a, exact=False)
    if a.ndim == 2:
        check(lambda m, x: m.cumsum(x, axis=1), a)
        check(lambda m, x: m.cumsum(x, 0, np.float32), a, exact=False)
    check(lambda m, x: m.cumsum(x, dtype=np.int64), a.astype(np.int32))


def test_around_copy_asarray_family():
    check(lambda m, x: m.around(x, 2), F)
    check(lambda m, x: m.around(x, -1), I * 7)
    check(lambda m, x: m.ascontiguousarray(x), FT)
    check(lambda m: m.ascontiguousarray(3.0))
    check(lambda m, x: m.asanyarray(x, dtype=np.float32), I)
    x = nc.asarray(F)
    c = nc.copy(x)
    assert c is not x and not nc.may_share_memory(c, x)
    assert_same(c, F)
    assert nc.ascontiguousarray(nc.asarray(FT)).flags.c_contiguous


def test_fromfunction_indices_grids():
    check(lambda m: m.fromfunction(lambda i, j: i * 10 + j, (3, 4)))
    check(lambda m: m.fromfunction(lambda i: i * 2, (5,), dtype=int))
    check(lambda m: m.indices((2, 3)))
    check(lambda m: m.indices((2, 3), sparse=True))
    check(lambda m: m.indices((0, 3)))
    check(lambda m: m.mgrid[0:3, 0:4:2])
    check(lambda m: m.mgrid[-1:1:5j])
    check(lambda m: m.mgrid[0:1:3j, 0:2])
    check(lambda m: m.ogrid[0:3, 0:4])
    check(lambda m: m.r_[1:4, 7, np.array([8, 9])])
    check(lambda m: m.r_[0:1:4j])
    check(lambda m: m.c_[np.array([1, 2]), np.array([3, 4])])
    check(lambda m: m.r_["0,2", np.array([1, 2]), np.array([3, 4])])


# ---- comparisons -----------------------------------------------------------------

def test_isclose_allclose():
    a = np.array([1.0, np.inf, -np.inf, np.nan, 1e-9, 0.0, 1e10])
    b = np.array([1.00001, np.inf, np.inf, np.nan, 0.0, -0.0, 1.00001e10])
    check(lambda m, x, y: m.isclose(x, y), a, b)
    check(lambda m, x, y: m.isclose(x, y, equal_nan=True), a, b)
    check(lambda m, x, y: m.isclose(x, y, rtol=0, atol=1e-8), a, b)
    check(lambda m, x, y: m.isclose(x, y), I, I + 1)
    assert isinstance(nc.isclose(1.0, 1.0000001), nc.generic)
    assert bool(nc.isclose(1.0, 1.0000001)) == np.isclose(1.0, 1.0000001)
    assert nc.allclose(nc.asarray(F), F + 1e-9) is True
    assert nc.allclose(nc.asarray(a), b) is False
    assert nc.allclose(nc.asarray(a), a, equal_nan=True) is True
    check(lambda m, x: m.isclose(x, x.T), F[:5, :5])


def test_array_equal_equiv():
    for f in [lambda m, x, y: m.array_equal(x, y),
              lambda m, x, y: m.array_equal(x, y, equal_nan=True),
              lambda m, x, y: m.array_equiv(x, y)]:
        check(f, FN, FN)
        check(f, F, F[:3])
        check(f, I, I.astype(np.float64))
        check(f, F[:1], F)
    assert nc.array_equal([1, 2], [1, 2]) is True


# ---- NaN reductions ---------------------------------------------------------------

NAN_FNS = ["nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmax",
           "nanmin", "nancumsum", "nancumprod"]


@pytest.mark.parametrize("name", NAN_FNS)
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_nan_reductions(name, axis):
    exact = name in ("nanmax", "nanmin")
    check(lambda m, x: getattr(m, name)(x, axis=axis), FN, exact=exact)
    check(lambda m, x: getattr(m, name)(x, axis=axis), F.astype(np.float32),
          exact=exact, ulps=64)
    check(lambda m, x: getattr(m, name)(x, axis=axis), I.reshape(5, 6),
          exact=exact)


def test_nan_reductions_options_and_warnings():
    check(lambda m, x: m.nanmean(x, axis=1, keepdims=True), FN, exact=False)
    check(lambda m, x: m.nanvar(x, axis=0, ddof=1), FN, exact=False)
    check(lambda m, x: m.nansum(x, axis=0, dtype=np.float32), FN,
          exact=False)
    check(lambda m, x: m.nanargmax(x, axis=0), FN)
    check(lambda m, x: m.nanargmin(x), FN)
    raises_like(lambda m, x: m.nanargmax(x, axis=1), FN)
    x = nc.asarray(FN)
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        nc.nanmean(x, axis=1)
    with pytest.warns(RuntimeWarning, match="All-NaN slice"):
        nc.nanmax(x, axis=1)


# ---- order statistics ---------------------------------------------------------------

@pytest.mark.parametrize("a", [F, FT, I.reshape(5, 6), F.astype(np.float32)])
@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
def test_median_quantile_percentile(a, axis):
    check(lambda m, x: m.median(x, axis=axis), a)
    check(lambda m, x: m.quantile(x, 0.3, axis=axis), a)
    check(lambda m, x: m.quantile(x, [0.0, 0.25, 1.0], axis=axis), a)
    check(lambda m, x: m.percentile(x, [10, 90], axis=axis, keepdims=True), a)
    for method in ["lower", "higher", "nearest", "midpoint"]:
        check(lambda m, x: m.quantile(x, 0.4, axis=axis, method=method), a)


def test_quantile_nan_and_errors():
    check(lambda m, x: m.median(x, axis=1), FN)
    check(lambda m, x: m.median(x), FN)
    check(lambda m, x: m.nanmedian(x, axis=0), FN)
    check(lambda m, x: m.nanpercentile(x, [20, 70], axis=0), FN)
    check(lambda m, x: m.nanquantile(x, 0.5), FN)
    check(lambda m, x: m.quantile(x, 0.5, method="inverted_cdf"), F)
    raises_like(lambda m, x: m.quantile(x, 1.5), F)
    raises_like(lambda m, x: m.percentile(x, -1), F)
    check(lambda m, x: m.median(x), np.zeros(0))
    check(lambda m, x: m.median(x, axis=0), np.zeros((0, 3)))
    o = nc.zeros(5)
    assert nc.median(nc.asarray(F), axis=0, out=o) is o
    assert_same(o, np.median(F, axis=0))


def test_average():
    w = np.arange(1.0, 6.0)
    check(lambda m, x: m.average(x), F, exact=False)
    check(lambda m, x: m.average(x, axis=0), F, exact=False)
    check(lambda m, x, y: m.average(x, axis=1, weights=y), F, w, exact=False)
    check(lambda m, x, y: m.average(x, weights=y, returned=True), F, F * F,
          exact=False)
    check(lambda m, x: m.average(x, axis=0, returned=True), F, exact=False)
    check(lambda m, x: m.average(x, axis=0, keepdims=True), I.reshape(5, 6),
          exact=False)
    raises_like(lambda m, x, y: m.average(x, weights=y), F, w)
    raises_like(lambda m, x, y: m.average(x, axis=1, weights=y), F,
                np.zeros(5))


# ---- counting and binning ---------------------------------------------------------

def test_bincount_digitize():
    check(lambda m, x: m.bincount(x), I)
    check(lambda m, x: m.bincount(x, minlength=20), I)
    check(lambda m, x: m.bincount(x), np.zeros(0, dtype=np.int64))
    check(lambda m, x: m.bincount(x, weights=np.arange(30.0)), I,
          exact=False)
    raises_like(lambda m, x: m.bincount(x), np.array([1, -1]))
    raises_like(lambda m, x: m.bincount(x), np.array([1.5]))
    raises_like(lambda m, x: m.bincount(x), np.ones((2, 2), dtype=int))
    bins = np.array([-1.0, 0.0, 0.5, 2.0])
    check(lambda m, x, b: m.digitize(x, b), F, bins)
    check(lambda m, x, b: m.digitize(x, b, right=True), F, bins)
    check(lambda m, x, b: m.digitize(x, b), F, bins[::-1].copy())
    check(lambda m, x, b: m.digitize(x, b), I, np.array([2, 4, 4, 6]))
    raises_like(lambda m, x, b: m.digitize(x, b), F, np.array([1, 0, 2.0]))


@pytest.mark.parametrize("kw", [{}, dict(bins=5), dict(bins=7, range=(-1, 1)),
                                dict(bins=4, density=True),
                                dict(bins=[-3, -1, 0, 0.5, 3])])
@pytest.mark.parametrize("a", [F, I, np.zeros(0), np.full(4, 2.0)])
def test_histogram(kw, a):
    check(lambda m, x: m.histogram(x, **kw), a, exact="density" not in kw)


def test_histogram_weights_and_errors():
    check(lambda m, x, w: m.histogram(x, bins=4, weights=w), F, F * F,
          exact="close")
    check(lambda m, x, w: m.histogram(x, bins=3, weights=w), I, I)
    check(lambda m, x: m.histogram(x, bins="auto"), F)
    check(lambda m, x: m.histogram_bin_edges(x, bins=6), F)
    raises_like(lambda m, x: m.histogram(x, bins=0), F)
    raises_like(lambda m, x: m.histogram(x, range=(2, 1)), F)
    raises_like(lambda m, x: m.histogram(x), np.array([1.0, np.inf]))


# ---- signal-style functions -----------------------------------------------------------

@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_convolve_correlate(mode):
    a, v = RNG.standard_normal(17), RNG.standard_normal(4)
    check(lambda m, x, y: m.convolve(x, y, mode), a, v, exact="close")
    check(lambda m, x, y: m.convolve(x, y, mode=mode), v, a, exact="close")
    check(lambda m, x, y: m.convolve(x, y, mode), I[:7], I[:3])
    check(lambda m, x, y: m.correlate(x, y, mode), a, v, exact="close")
    c = a + 1j * a[::-1]
    check(lambda m, x, y: m.correlate(x, y, mode), c, v + 2j,
          exact="close")
    raises_like(lambda m, x, y: m.convolve(x, y), np.zeros(0), v)
    raises_like(lambda m, x, y: m.convolve(x, y, mode="bad"), a, v)


def test_interp():
    xp = np.array([-2.0, 0.0, 1.0, 2.5])
    fp = np.array([0.0, 3.0, -1.0, 2.0])
    x = np.concatenate([np.linspace(-3, 3, 41), [np.nan, 1.0, 2.5, -2.0]])
    check(lambda m, a, b, c: m.interp(a, b, c), x, xp, fp)
    check(lambda m, a, b, c: m.interp(a, b, c, left=-9, right=9), x, xp, fp)
    check(lambda m, a, b, c: m.interp(a, b, c), x, np.array([1.0]),
          np.array([5.0]))
    check(lambda m: m.interp(0.5, [0, 1], [0, 10]))
    check(lambda m, a: m.interp(a, [0, 1], [0, 10], period=1), x[:-4])
    raises_like(lambda m, a, b, c: m.interp(a, b, c), x, xp, fp[:3])
    raises_like(lambda m, a: m.interp(a, [], []), x)


@pytest.mark.parametrize("a", [F, I.reshape(5, 6), np.arange(10.0) ** 2])
def test_gradient(a):
    check(lambda m, x: m.gradient(x), a)
    check(lambda m, x: m.gradient(x, 0.5), a)
    check(lambda m, x: m.gradient(x, edge_order=2), a)
    check(lambda m, x: m.gradient(x, axis=-1), a)
    if a.ndim == 2:
        check(lambda m, x: m.gradient(x, 2.0, 3.0), a)
    check(lambda m, x: m.gradient(x, np.cumsum(np.ones(x.shape[-1])),
                                  axis=-1), a)
    raises_like(lambda m, x: m.gradient(x), np.ones(1))


def test_trapezoid():
    check(lambda m, x: m.trapezoid(x), F, exact=False)
    check(lambda m, x: m.trapezoid(x, dx=0.1, axis=0), F, exact=False)
    check(lambda m, x, y: m.trapezoid(x, x=y), F, np.array([0, 1, 3, 4, 8.0]),
          exact=False)


# ---- padding, splitting, stacking ----------------------------------------------------

PAD_CASES = [(2, {}), (((1, 2), (0, 3)), dict(constant_values=7)),
             ((1, 2), dict(constant_values=((1, 2), (3, 4)))),
             (3, dict(mode="edge")), (6, dict(mode="reflect")),
             ((2, 7), dict(mode="symmetric")), (9, dict(mode="wrap")),
             (1, dict(mode="mean")), (2, dict(mode="linear_ramp")),
             (2, dict(mode="reflect", reflect_type="odd"))]


@pytest.mark.parametrize("pw,kw", PAD_CASES)
@pytest.mark.parametrize("a", [F[:3, :4], I[:5], FT[:2, :3]])
def test_pad(pw, kw, a):
    if a.ndim == 1 and isinstance(pw, tuple) and isinstance(pw[0], tuple):
        pw = pw[0]
    if a.ndim == 1 and "constant_values" in kw and \
            isinstance(kw["constant_values"], tuple):
        return
    check(lambda m, x: m.pad(x, pw, **kw), a, exact=kw.get("mode") not in
          ("mean", "linear_ramp"))


def test_pad_errors_and_single():
    check(lambda m, x: m.pad(x, 3, mode="reflect"), np.array([5.0]))
    raises_like(lambda m, x: m.pad(x, -1), F)
    raises_like(lambda m, x: m.pad(x, 1, mode="edge"), np.zeros((0, 2)))
    raises_like(lambda m, x: m.pad(x, 1, mode="edge", constant_values=1), F)


def test_split_family():
    a = np.arange(24).reshape(4, 6)
    check(lambda m, x: m.split(x, 2), a)
    check(lambda m, x: m.split(x, [1, 4], axis=1), a)
    check(lambda m, x: m.array_split(x, 4), np.arange(10))
    check(lambda m, x: m.array_split(x, 3, axis=1), a)
    check(lambda m, x: m.hsplit(x, 3), a)
    check(lambda m, x: m.vsplit(x, [1]), a)
    check(lambda m, x: m.dsplit(x, 2), a.reshape(2, 3, 4))
    raises_like(lambda m, x: m.split(x, 4), np.arange(10))
    raises_like(lambda m, x: m.vsplit(x, 2), np.arange(10))
    parts = nc.split(nc.asarray(a), 2)
    assert parts[0].base is not None  # views, as NumPy


def test_stacking():
    a, b = np.arange(3), np.arange(3, 6)
    for f in [lambda m, x, y: m.hstack([x, y]),
              lambda m, x, y: m.vstack([x, y]),
              lambda m, x, y: m.vstack((x, y), dtype=np.float32),
              lambda m, x, y: m.dstack([x, y]),
              lambda m, x, y: m.column_stack([x, y]),
              lambda m, x, y: m.concatenate([x, y], axis=None),
              lambda m, x, y: m.concatenate([x, y], dtype=np.int8,
                                            casting="unsafe")]:
        check(f, a, b)
        check(f, F, F)
    check(lambda m, x: m.hstack([x, x]), np.float64(1.0))
    raises_like(lambda m, x: m.concatenate([x, x], dtype=np.int8), F)
    o = nc.zeros(6, dtype=nc.int64)
    assert nc.concatenate([nc.asarray(a), nc.asarray(b)], out=o) is o


def test_atleast():
    for a in [np.float64(3.0), np.arange(3), F, np.zeros((2, 3, 4))]:
        check(lambda m, x: m.atleast_1d(x), a)
        check(lambda m, x: m.atleast_2d(x), a)
        check(lambda m, x: m.atleast_3d(x), a)
    check(lambda m: m.atleast_2d(1, [1, 2]))


# ---- other manipulation ------------------------------------------------------------------

def test_manipulation_misc():
    check(lambda m, x: m.diag(x), F)
    check(lambda m, x: m.diag(x, 2), F)
    check(lambda m, x: m.diag(x, -3), F)
    check(lambda m, x: m.diag(x, 1), np.arange(3))
    check(lambda m, x: m.diag(x, -2), np.arange(3.0))
    for k in range(-1, 5):
        check(lambda m, x: m.rot90(x, k), F)
    check(lambda m, x: m.rot90(x, 1, axes=(1, 2)), np.zeros((2, 3, 4)))
    check(lambda m, x: m.fliplr(x), F)
    check(lambda m, x: m.flipud(x), I)
    check(lambda m, x: m.append(x, [[1, 2]]), I[:3])
    check(lambda m, x: m.append(x, x, axis=0), F)
    check(lambda m, x: m.delete(x, [0, 2], axis=1), F)
    check(lambda m, x: m.delete(x, slice(1, 3)), I)
    check(lambda m, x: m.delete(x, 1, axis=0), F)
    check(lambda m, x: m.resize(x, (3, 7)), I[:5])
    check(lambda m, x: m.resize(x, 4), np.zeros(0))
    check(lambda m, x: m.extract(x > 0, x), F)
    check(lambda m, x: m.select([x > 0.5, x < -0.5], [x, -x], 0.0), F)
    check(lambda m, x: m.unravel_index(x, (3, 10)), I)
    check(lambda m: m.unravel_index(7, (3, 4)))
    check(lambda m, x, y: m.ravel_multi_index((x, y), (3, 4)),
          np.array([1, 2]), np.array([3, 0]))
    raises_like(lambda m, x: m.unravel_index(x, (2, 2)), np.array([4]))
    raises_like(lambda m, x: m.delete(x, 9), np.arange(3))
    raises_like(lambda m: m.select([np.array([1, 0])], [np.array([1, 2])]))
    check(lambda m, x: m.tri(3, 4, 1), None)
    check(lambda m: m.identity(3, dtype=np.int32))
    check(lambda m: m.logspace(0, 3, 4))
    check(lambda m: m.logspace(0, 1, 5, base=2.0, endpoint=False))
    check(lambda m: m.geomspace(1, 1000, 4), exact=False)
    check(lambda m: m.geomspace(-1, -256, 9), exact=False)


def test_partition_and_unique():
    a = RNG.permutation(20)
    for k in [0, 5, 19]:
        p = np.asarray(nc.partition(nc.asarray(a), k))
        assert p[k] == np.partition(a, k)[k]
        assert (p[:k] <= p[k]).all() and (p[k:] >= p[k]).all()
        ip = np.asarray(nc.argpartition(nc.asarray(a), k))
        assert a[ip[k]] == np.partition(a, k)[k]
    check(lambda m, x: m.unique(x), I)
    check(lambda m, x: m.unique(x, return_counts=True), I)
    check(lambda m, x: m.unique(x, return_index=True, return_inverse=True,
                                return_counts=True), I)
    check(lambda m, x: m.unique(x, axis=0), np.array([[1, 2], [1, 2], [0, 1]]))


def test_copyto_and_elementwise_composites():
    d = nc.zeros((2, 3))
    nc.copyto(d, nc.asarray([1.0, 2.0, 3.0]))
    assert_same(d, np.tile([1.0, 2.0, 3.0], (2, 1)))
    nc.copyto(d, 9.0, where=nc.asarray([True, False, True]))
    assert_same(d, np.array([[9.0, 2, 9], [9, 2, 9]]))
    with pytest.raises(TypeError):
        nc.copyto(nc.zeros(3, dtype=nc.int64), nc.asarray([1.5, 2, 3]))
    check(lambda m, x: m.divmod(x, 3), I - 4)
    check(lambda m, x: m.divmod(x, -0.75), F)
    check(lambda m, x: m.modf(x), np.array([1.5, -2.25, np.inf, -0.0, 3.0]))
    check(lambda m, x: m.float_power(x, 2), I)
    check(lambda m, x: m.float_power(x, 0.5), F, exact=False)
    check(lambda m, x: m.nan_to_num(x), np.array([np.nan, np.inf, -np.inf,
                                                  1.0]))
    check(lambda m, x: m.nan_to_num(x, nan=-1, posinf=5),
          np.array([np.nan, np.inf, 2], dtype=np.float32))
    check(lambda m, x: m.nan_to_num(x), np.array([complex(np.nan, np.inf)]))
    check(lambda m, x: m.angle(x), np.array([1 + 1j, -1, -1j]))
    check(lambda m, x: m.angle(x, deg=True), F)
    assert nc.isscalar(3.0) and nc.isscalar(nc.float32(1)) and \
        not nc.isscalar(nc.asarray([1]))
    assert nc.iscomplexobj(nc.asarray([1j])) and nc.isrealobj([1.0])
    check(lambda m, x: m.iscomplex(x), np.array([1 + 0j, 1j]))
    check(lambda m, x: m.isreal(x), np.array([1 + 0j, 1j]))


def test_compress_choose():
    c = np.array([True, False, True])
    check(lambda m, x, y: m.compress(y, x, axis=0), F, c)
    check(lambda m, x, y: m.compress(y, x, axis=1), F, c)
    check(lambda m, x, y: m.compress(y, x), F, c)
    check(lambda m, x, y: x.compress(y, axis=1), F, c)
    raises_like(lambda m, x, y: m.compress(y, x, axis=0), F,
                np.ones(9, dtype=bool))
    idx = np.array([0, 2, 1, 2])
    ch = [np.arange(4), np.arange(4) * 10, np.arange(4) * 100]
    check(lambda m, i: m.choose(i, [m.asarray(c) for c in ch]), idx)
    check(lambda m, i: i.choose([m.asarray(c) for c in ch]), idx)
    check(lambda m, i: m.choose(i, [m.asarray(c) for c in ch], mode="wrap"),
          idx + 3)
    check(lambda m, i: m.choose(i, [m.asarray(c) for c in ch], mode="clip"),
          idx - 1)
    raises_like(lambda m, i: m.choose(i, [m.asarray(c) for c in ch]),
                idx + 3)


# ---- small names: long/ulong, True_/False_, euler_gamma, typename, broadcast ----

def test_small_aliases_and_constants():
    assert nc.long == nc.int64 and nc.ulong == nc.uint64
    assert np.dtype(nc.long) == np.dtype(np.long)
    assert bool(nc.True_) is True and bool(nc.False_) is False
    assert nc.True_.dtype == nc.bool
    assert nc.euler_gamma == np.euler_gamma
    for c in "?bBhHiIlLqQfdFD":
        assert nc.typename(c) == np.typename(c)
    with pytest.raises(KeyError):
        nc.typename("z")


@pytest.mark.parametrize("shapes", [[(3, 1), (2,), ()], [(4,)], [(0, 3), (3,)],
                                    [(2, 1, 3), (1, 4, 1)], []])
def test_broadcast_object(shapes):
    arrs = [np.arange(int(np.prod(s))).reshape(s) for s in shapes]
    want = np.broadcast(*arrs)
    got = nc.broadcast(*[nc.asarray(a) for a in arrs])
    assert (got.shape, got.ndim, got.nd, got.size, got.numiter) == \
        (want.shape, want.ndim, want.nd, want.size, want.numiter)
    assert [tuple(int(v) for v in t) for t in got] == \
        [tuple(int(v) for v in t) for t in want]
    assert got.index == want.index
    got.reset()
    assert got.index == 0


def test_broadcast_object_errors_and_nesting():
    with pytest.raises(ValueError):
        nc.broadcast(nc.ones(3), nc.ones(4))
    b = nc.broadcast(nc.ones((2, 1)), nc.ones(3))
    bb = nc.broadcast(b, nc.ones((1, 3)))
    assert bb.numiter == 3 and bb.shape == (2, 3)
    next(b)
    assert [len(list(i)) for i in b.iters] == [5, 5]


@pytest.mark.parametrize("cond", [[0, 1, 1, 0], [[True, False], [False, True]],
                                  np.zeros((0, 3)), np.arange(24).reshape(2, 3, 4) % 5 == 0])
def test_where_condition_only_is_nonzero(cond):
    c = np.asarray(cond)
    want = np.where(c)
    got = nc.where(nc.asarray(c))
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(np.asarray(g), w)
    got = np.where(nc.asarray(c))  # NumPy's where dispatches to numc's
    assert all(isinstance(g, nc.ndarray) for g in got)
    with pytest.raises(ValueError, match="both or neither"):
        nc.where(nc.asarray(c), 1)
