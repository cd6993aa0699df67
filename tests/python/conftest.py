"""Shared fixtures and helpers for numc's Python tests (NumPy is the oracle).

Hypothesis runs a modest number of examples per test so the suite stays
within a few minutes on 2 cores; set NUMC_SLOW=1 (or pass --slow) for a
thorough run. CI sets NUMC_CI=1, which derandomizes hypothesis: every CI
run draws the same examples, so a landing is never decided by a lucky or
unlucky draw (local runs keep exploring new examples).
"""
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import numc as nc


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False,
                     help="run hypothesis tests with many more examples")


def pytest_configure(config):
    # NumPy (the oracle) and numc warn about overflow/invalid values and
    # complex casts the tests make on purpose (test_errstate.py checks the
    # warnings themselves)
    config.addinivalue_line("filterwarnings", "ignore::RuntimeWarning")
    config.addinivalue_line("filterwarnings",
                            "ignore::numpy.exceptions.ComplexWarning")
    slow = config.getoption("--slow") or os.environ.get("NUMC_SLOW")
    settings.register_profile(
        "numc", max_examples=400 if slow else 40, deadline=None,
        derandomize=bool(os.environ.get("NUMC_CI")),
        suppress_health_check=[HealthCheck.too_slow,
                               HealthCheck.function_scoped_fixture,
                               HealthCheck.data_too_large])
    settings.load_profile("numc")


DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32",
          "int64", "uint64", "float32", "float64", "complex64", "complex128"]
INT_DTYPES = [d for d in DTYPES if d.startswith(("int", "uint"))]
FLOAT_DTYPES = ["float32", "float64"]
COMPLEX_DTYPES = ["complex64", "complex128"]
NUMERIC_DTYPES = [d for d in DTYPES if d != "bool"]


@pytest.fixture
def lazy():
    """Defers every operation (no eager fast path for small arrays)."""
    old = nc._set_eager_threshold(0)
    try:
        yield
    finally:
        nc._set_eager_threshold(old)


@pytest.fixture(params=["eager_small", "lazy"])
def mode(request):
    """Runs a test twice: with the default small-array fast path and with
    every operation deferred."""
    if request.param == "lazy":
        old = nc._set_eager_threshold(0)
        yield "lazy"
        nc._set_eager_threshold(old)
    else:
        yield "eager_small"


def np_of(x):
    """A NumPy copy of a numc array or scalar (via tolist-free protocols)."""
    if isinstance(x, nc.ndarray):
        return np.array(x)
    if isinstance(x, nc.generic):
        return np.array(x.item(), dtype=x.dtype.name)[()]
    return x


def expected_dtype(np_dtype):
    """numc has no float16: where NumPy gives float16 numc gives float32."""
    name = np.dtype(np_dtype).name
    return "float32" if name == "float16" else name


def assert_same(got, want, exact=True, ulps=4):
    """got (numc) equals want (NumPy): dtype, shape and values (NaN equal to
    NaN, signed zeros distinguished for exact comparisons)."""
    assert isinstance(got, (nc.ndarray, nc.generic)), type(got)
    want = np.asarray(want)
    g = np_of(got)
    g = np.asarray(g)
    assert g.dtype.name == expected_dtype(want.dtype), (g.dtype, want.dtype)
    assert g.shape == want.shape, (g.shape, want.shape)
    if want.dtype == np.float16:
        # NumPy computed in float16, numc in float32: compare at float16
        with np.errstate(all="ignore"):
            g16 = g.astype(np.float16)
        assert_close(g16, want, ulps=2)
        return
    if exact or want.dtype.kind in "biu":
        assert np.array_equal(g, want, equal_nan=True), (g, want)
        if want.dtype.kind in "fc":
            for part in ((lambda a: a.real), (lambda a: a.imag)):
                gp, wp = part(g), part(want)
                zero = (wp == 0) & (gp == 0)
                assert np.array_equal(np.signbit(gp[zero]),
                                      np.signbit(wp[zero])), (g, want)
    else:
        assert_close(g, want, ulps)


def assert_close(g, want, ulps=4):
    with np.errstate(all="ignore"):
        _assert_close(g, want, ulps)


def _assert_close(g, want, ulps):
    g = np.asarray(g)
    want = np.asarray(want)
    if want.dtype.kind == "c":
        assert_close(g.real, want.real, ulps)
        assert_close(g.imag, want.imag, ulps)
        return
    if want.dtype.kind not in "f":
        assert np.array_equal(g, want)
        return
    both_nan = np.isnan(g) & np.isnan(want)
    same_inf = np.isinf(g) & (g == want)
    ok = both_nan | same_inf
    gf = g.astype(np.float64)
    wf = want.astype(np.float64)
    tol = ulps * np.spacing(np.maximum(np.abs(gf), np.abs(wf)).astype(want.dtype)).astype(np.float64)
    # absolute slack near zero (results of cancellation, e.g. sin(pi))
    tol = np.maximum(tol, ulps * np.finfo(want.dtype).eps * 1e-3)
    with np.errstate(invalid="ignore"):
        ok |= np.abs(gf - wf) <= tol
    assert ok.all(), (g[~ok], want[~ok])


def dtype_strategy(dtypes=DTYPES):
    return st.sampled_from(dtypes)


def finite_elements(dtype):
    return hnp.from_dtype(np.dtype(dtype), allow_nan=False, allow_infinity=False)


def np_arrays(dtype, shape=None, min_dims=0, max_dims=3, max_side=5,
              elements=None):
    """Hypothesis strategy of NumPy arrays of `dtype` (special float values
    included by default)."""
    if shape is None:
        shape = hnp.array_shapes(min_dims=min_dims, max_dims=max_dims,
                                 min_side=0, max_side=max_side)
    return hnp.arrays(np.dtype(dtype), shape, elements=elements)
