"""NumPy's surface in numc without NumPy fallbacks: options that used to run
through NumPy (quantile methods and weights, string histogram bins, pad
modes, gradient coordinates, interp period/complex, unique axis, ...) and
the NumPy functions numc/_compat2.py adds, each against NumPy on the usual
edge cases, asserting that numc._compat.fallback_log did not grow."""
import warnings

import numpy as np
import pytest

import numc as nc
from conftest import assert_same

RNG = np.random.default_rng(77)
F = RNG.standard_normal((5, 7))
FN = F.copy()
FN[1, 2] = np.nan
FN[3, :] = np.nan
I = RNG.integers(-4, 9, (4, 6))
F32 = RNG.standard_normal(9).astype(np.float32)


def _nc(v):
    return nc.asarray(v) if isinstance(v, np.ndarray) else v


def _cmp(got, want, exact, ulps):
    if isinstance(want, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(want)
        for g, w in zip(got, want):
            _cmp(g, w, exact, ulps)
        return
    if isinstance(want, (bool, np.bool_)) and not isinstance(
            got, (nc.ndarray, nc.generic)):
        assert got == want
        return
    if not isinstance(got, (nc.ndarray, nc.generic)):
        got = nc.asarray(got)
    assert_same(got, want, exact=exact, ulps=ulps)


def check(fn, *args, exact=False, ulps=16, native=True, atol=None,
          **kwargs):
    """numc's fn(nc, ...) equals NumPy's fn(np, ...) (or raises the same
    exception type); with native, no NumPy fallback was taken; atol (for
    float32 results computed through cancellation) compares within
    atol * max|result| instead of ulps."""
    before = list(nc._compat.fallback_log)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            want = fn(np, *args, **kwargs)
        except Exception as e:  # noqa: BLE001
            et = nc.AxisError if isinstance(e, np.exceptions.AxisError) \
                else type(e)
            with pytest.raises(et):
                fn(nc, *[_nc(a) for a in args], **kwargs)
            return
        got = fn(nc, *[_nc(a) for a in args], **kwargs)
    if atol is not None:
        g, w = np.asarray(got), np.asarray(want)
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_allclose(
            g, w, rtol=atol, atol=atol * (np.abs(w).max() if w.size else 0))
    else:
        _cmp(got, want, exact, ulps)
    if native:
        assert nc._compat.fallback_log == before, nc._compat.fallback_log


# ---- quantiles -------------------------------------------------------------

METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear",
           "median_unbiased", "normal_unbiased", "lower", "higher",
           "midpoint", "nearest"]
QARRS = [F, I, F32, FN, np.array([[np.nan, np.nan], [1.0, 2.0]]),
         F[::-1, ::2], np.array([3.0])]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fname", ["quantile", "nanquantile", "percentile",
                                   "nanpercentile"])
def test_quantile_methods(method, fname):
    scale = 100 if "percentile" in fname else 1
    for a in QARRS:
        for q in (0.0, 0.3, 0.5, 1.0, [0.1, 0.77, 1.0]):
            q = [v * scale for v in q] if isinstance(q, list) else q * scale
            for axis in (None, 0, -1, (0, 1)):
                if a.ndim == 1 and axis not in (None, 0, -1):
                    continue
                check(lambda m, x: getattr(m, fname)(
                    x, q, axis=axis, method=method), a)
        check(lambda m, x: getattr(m, fname)(
            x, np.array([0.25, 0.5]) * scale, axis=0, method=method,
            keepdims=True), a)


def test_quantile_out_and_errors():
    out = nc.zeros(7)
    r = nc.quantile(nc.asarray(F), 0.3, axis=0, out=out, method="hazen")
    assert r is out
    assert_same(out, np.quantile(F, 0.3, axis=0, method="hazen"),
                exact=False)
    check(lambda m, x: m.quantile(x, 1.5), F)
    check(lambda m, x: m.percentile(x, -1), F)
    check(lambda m, x: m.quantile(x, 0.5, method="bogus"), F)
    check(lambda m, x: m.quantile(x, 0.5), np.array([1 + 1j]))
    check(lambda m, x: m.quantile(x, 0.5), np.zeros(0))
    with pytest.raises(TypeError):
        nc.quantile(nc.asarray(F), 0.5, interpolation="lower")


@pytest.mark.parametrize("fname", ["quantile", "nanquantile", "percentile",
                                   "nanpercentile"])
def test_quantile_weights(fname):
    scale = 100 if "percentile" in fname else 1
    for a in (F, I, FN, np.array([1.0, np.nan, 3.0, 4.0])):
        w = RNG.integers(0, 3, a.shape).astype(float)
        w[..., 0] += 1
        for q in (0.0, 0.3, 0.5, 1.0, [0.2, 0.9]):
            q = [v * scale for v in q] if isinstance(q, list) else q * scale
            check(lambda m, x, ww: getattr(m, fname)(
                x, q, axis=-1, method="inverted_cdf", weights=ww), a, w)
        if fname.startswith("nan") and a.ndim > 1:
            continue  # NumPy's nan* raise IndexError for 1-d weights here
        # weights along the axis only
        check(lambda m, x, ww: getattr(m, fname)(
            x, 0.4 * scale, axis=-1, method="inverted_cdf", weights=ww),
            a, w[(0,) * (a.ndim - 1)])
    check(lambda m, x, ww: m.quantile(x, 0.5, weights=ww), F,
          np.ones(F.shape))                         # method not inverted_cdf
    check(lambda m, x, ww: m.quantile(x, 0.5, method="inverted_cdf",
                                      weights=ww), F, np.ones(7))
    check(lambda m, x, ww: m.quantile(x, 0.5, method="inverted_cdf",
                                      weights=ww), F, -np.ones(F.shape))
    check(lambda m, x, ww: m.quantile(x, 0.5, axis=1, method="inverted_cdf",
                                      weights=ww), F, np.zeros(F.shape))


# ---- nan reductions with options ---------------------------------------------

W = RNG.random((5, 7)) > 0.3


@pytest.mark.parametrize("a", [FN, FN.astype(np.float32), I[:, :5].repeat(2,
                                                                        0)[:5],
                               FN[:, ::-1]], ids=["f8", "f4", "int", "rev"])
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_nan_reductions_options(a, axis):
    wm = W[:, :a.shape[1]]
    check(lambda m, x, w: m.nanmean(x, axis=axis, where=w), a, wm)
    check(lambda m, x, w: m.nanvar(x, axis=axis, where=w), a, wm)
    check(lambda m, x, w: m.nanstd(x, axis=axis, where=w, ddof=1), a, wm)
    mu = np.nanmean(a, axis=axis, keepdims=True)
    check(lambda m, x, mm: m.nanvar(x, axis=axis, mean=mm), a, mu)
    for f in ("nanmax", "nanmin"):
        check(lambda m, x: getattr(m, f)(x, axis=axis, initial=0.5), a)
        check(lambda m, x, w: getattr(m, f)(x, axis=axis, initial=-7,
                                            where=w), a, wm)
        check(lambda m, x, w: getattr(m, f)(x, axis=axis, where=w), a, wm)


# ---- histogram -----------------------------------------------------------------

HX = [RNG.standard_normal(100), RNG.integers(0, 20, 50), np.array([3.0] * 3),
      np.zeros(0), RNG.standard_normal(7).astype(np.float32),
      RNG.standard_normal(30)[::-2]]


@pytest.mark.parametrize("bins", ["auto", "fd", "doane", "scott", "rice",
                                  "sturges", "sqrt"])
def test_histogram_string_bins(bins):
    for x in HX:
        for rng in (None, (-1, 1)):
            check(lambda m, a: m.histogram(a, bins, range=rng), x)
            check(lambda m, a: m.histogram_bin_edges(a, bins, range=rng), x)
    check(lambda m, a, w: m.histogram(a, bins, weights=w), HX[0],
          np.ones(100))
    check(lambda m, a: m.histogram(a, "nope"), HX[0])


def test_histogram_weights_density():
    x = RNG.standard_normal(40)
    w = RNG.random(40)
    for d in (None, True):
        for b in (7, [-2, -0.5, 0, 3]):
            check(lambda m, a, ww: m.histogram(a, b, weights=ww, density=d),
                  x, w)
            check(lambda m, a: m.histogram(a, b, density=d), x)
    check(lambda m, a, ww: m.histogram(a, 5, weights=ww), x,
          RNG.integers(0, 4, 40))


# ---- spaces -------------------------------------------------------------------------

@pytest.mark.parametrize("se", [(1, 1000), (-1, -16), (1j, 1000j), (-1, 2),
                                (np.array([1, 2.0]), np.array([4, 8.0])),
                                (np.array([[1.0], [2]]), 5), (0, 3)])
def test_geomspace(se):
    s, e = se
    for num in (0, 1, 4):
        for ep in (True, False):
            check(lambda m, a, b: m.geomspace(a, b, num, endpoint=ep), s, e)
    check(lambda m, a, b: m.geomspace(a, b, 3, axis=-1), s, e)
    check(lambda m, a, b: m.geomspace(a, b, 3, dtype=np.complex128), s, e)


def test_logspace_arrays():
    s, e = np.array([0, 1.0]), np.array([2, 3.0])
    check(lambda m, a, b, c: m.logspace(a, b, 5, axis=1, base=c), s, e,
          np.array([2.0, 10]))
    check(lambda m, a, b: m.logspace(a, b, 4, axis=-1), s, e)
    check(lambda m: m.logspace(0, 2, 5, dtype=np.int64))
    check(lambda m: m.logspace(0, 2, 4, axis=0, endpoint=False))


# ---- gradient, interp, convolve --------------------------------------------------------

CX = np.cumsum(RNG.random(5)) + 0.1
CY = np.cumsum(RNG.random(7))


@pytest.mark.parametrize("a", [F, I[:, :5].T, F.astype(np.float32),
                               F[::-1, ::2]], ids=["f8", "int", "f4", "view"])
@pytest.mark.parametrize("eo", [1, 2])
def test_gradient_coordinates(a, eo):
    cx, cy = CX[:a.shape[0]], CY[:a.shape[1]]
    check(lambda m, f: m.gradient(f, edge_order=eo), a)
    check(lambda m, f, x, y: m.gradient(f, x, y, edge_order=eo), a, cx, cy)
    check(lambda m, f, y: m.gradient(f, y, axis=1, edge_order=eo), a, cy)
    check(lambda m, f, y: m.gradient(f, 2.0, y, edge_order=eo), a,
          np.arange(a.shape[1]) * 3)
    check(lambda m, f, y: m.gradient(f, y, axis=1), a, cy[:-1])   # length
    check(lambda m, f: m.gradient(f, 1.0, 2.0, 3.0), a)           # count
    check(lambda m, f: m.gradient(f, edge_order=3), a)


def test_interp_period_complex():
    xp = np.array([0.0, 1, 2.5, 4])
    fp = np.array([1 + 2j, 3 - 1j, 0, 5j])
    x = np.array([-1, 0.5, 2, 3.9, 5, np.nan])
    check(lambda m, a, b, c: m.interp(a, b, c), x, xp, fp)
    check(lambda m, a, b, c: m.interp(a, b, c, left=9j, right=3), x, xp, fp)
    check(lambda m, a, b, c: m.interp(a, b, c, period=3), x, xp, fp.real)
    check(lambda m, a, b, c: m.interp(a, b, c, period=360), x * 100,
          np.array([350, 10, 180.0]), np.array([1, 2, 3.0]))
    check(lambda m, a, b, c: m.interp(a, b, c, period=-3), x, xp, fp)
    check(lambda m, a, b, c: m.interp(a, b, c, period=0), x, xp, fp.real)
    check(lambda m, b, c: m.interp(1.5, b, c), xp, fp)


@pytest.mark.parametrize("av", [([1, 2, 3], [1, 2, 3, 4, 5]),
                                ([1 + 1j, 2, 3], [1j, 2, 3, 4]),
                                ([True, False, True], [True, True]),
                                ([1, 2, 3, 4], [0, 1])])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_convolve_correlate_modes(av, mode):
    a, v = np.array(av[0]), np.array(av[1])
    check(lambda m, x, y: m.correlate(x, y, mode), a, v, exact=True)
    check(lambda m, x, y: m.convolve(x, y, mode), a, v, exact=True)


# ---- pad ------------------------------------------------------------------------------

PADS = [np.array([0, 1, 0, 3]), F[:3, :4], I[:2, :3],
        np.array([[1.0, np.nan], [3, 4]]), F32[:8].reshape(2, 4)[:, ::-1],
        np.array([7]), np.arange(6, dtype=np.uint8)]


@pytest.mark.parametrize("mode", ["maximum", "minimum", "mean", "median",
                                  "linear_ramp", "reflect", "symmetric",
                                  "edge", "wrap"])
def test_pad_modes(mode):
    for a in PADS:
        tol = 1e-6 if a.dtype == np.float32 else None
        for pw in (1, (2, 3), ((1, 0),) * a.ndim, 7):
            check(lambda m, x: m.pad(x, pw, mode), a, atol=tol)
            if mode in ("maximum", "minimum", "mean", "median"):
                for sl in (1, 2, (1, 3), 0):
                    check(lambda m, x: m.pad(x, pw, mode, stat_length=sl), a)
            if mode == "linear_ramp":
                for ev in (5, (-2, 9), ((1, 2),) * a.ndim):
                    check(lambda m, x: m.pad(x, pw, mode, end_values=ev), a,
                          atol=tol)
            if mode in ("reflect", "symmetric"):
                # float32: numc's fused 2*edge - x may round once (FMA)
                check(lambda m, x: m.pad(x, pw, mode, reflect_type="odd"), a,
                      atol=tol)
        check(lambda m, x: m.pad(x, 1, mode, foo=2), a)
    check(lambda m, x: m.pad(x, 1, "nope"), PADS[0])
    check(lambda m, x: m.pad(x, 1, mode), np.zeros((0, 2)))


# ---- unique, ravel_multi_index -------------------------------------------------------------

UA = RNG.integers(0, 3, (6, 3))


@pytest.mark.parametrize("a", [UA, UA.astype(float)[::-1], np.zeros((0, 3)),
                               np.array([[1 + 1j, 2], [1 + 1j, 2], [0, 1j]]),
                               RNG.integers(0, 2, (2, 5, 3)),
                               np.array([1.0, np.nan, np.nan, 2, 1]),
                               np.array([[np.nan, 1], [np.nan, 1]])])
def test_unique_axis_equal_nan(a):
    for axis in ([0, 1, -1] if a.ndim > 1 else [0]) + [None]:
        for ri in (False, True):
            for rc in (False, True):
                check(lambda m, x: m.unique(
                    x, return_index=ri, return_inverse=True,
                    return_counts=rc, axis=axis), a, exact=True)
                check(lambda m, x: m.unique(
                    x, return_index=ri, return_inverse=rc, return_counts=rc,
                    axis=axis, equal_nan=False), a, exact=True)
    check(lambda m, x: m.unique(x, axis=5), a)


@pytest.mark.parametrize("mode,order", [("wrap", "C"), ("clip", "F"),
                                        (("clip", "wrap"), "C"),
                                        ("raise", "F"), ("raise", "C"),
                                        ("bogus", "C")])
def test_ravel_multi_index_modes(mode, order):
    for mi in (([1, 5, -1], [2, 0, 3]), ([1, 2], [2, 0]), ([0], [0])):
        c = tuple(np.array(v) for v in mi)
        check(lambda m, a, b: m.ravel_multi_index((a, b), (4, 3), mode=mode,
                                                  order=order), *c,
              exact=True)
    check(lambda m, a, b: m.ravel_multi_index((a, b), (4, 3)),
          np.array([1.0]), np.array([1.0]))


def test_numpy_functions_dispatch_to_composites():
    x = nc.asarray(F)
    before = list(nc._compat.fallback_log)
    assert_same(np.median(x), np.median(F), exact=False)
    assert_same(np.quantile(x, 0.3, method="weibull"),
                np.quantile(F, 0.3, method="weibull"), exact=False)
    assert_same(np.pad(x, 1, "mean"), np.pad(F, 1, "mean"), exact=False)
    assert nc._compat.fallback_log == before
