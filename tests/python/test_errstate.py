"""Floating-point error handling (errstate, seterr, geterr) and print
options (set_printoptions, printoptions) against NumPy: the same
RuntimeWarnings/FloatingPointErrors, emitted when values are produced,
under the settings in force when the operation was recorded."""
import warnings

import numpy as np
import pytest

import numc as nc


def _warnings_of(fn):
    """The RuntimeWarning messages fn() emits (sorted, deduplicated)."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fn()
    return sorted({str(x.message) for x in w
                   if issubclass(x.category, RuntimeWarning)})


def _observe(r):
    return np.asarray(r)


CASES = [
    ("divide", lambda m: m.divide(m.asarray([1.0, 0.0, -1.0]), 0.0)),
    ("log0", lambda m: m.log(m.asarray([0.0, 1.0]))),
    ("sqrt", lambda m: m.sqrt(m.asarray([-1.0, 4.0]))),
    ("over", lambda m: m.multiply(m.asarray([1e308, 1.0]), 10.0)),
    ("exp", lambda m: m.exp(m.asarray([1000.0, 0.0]))),
    ("inf-inf", lambda m: m.subtract(m.asarray([np.inf]), np.inf)),
    ("cast", lambda m: m.asarray([np.nan, 1.5]).astype(m.int32)),
    ("f32", lambda m: m.asarray([1e300]).astype(m.float32)),
    ("arcsin", lambda m: m.arcsin(m.asarray([2.0, 0.5]))),
    ("sin inf", lambda m: m.sin(m.asarray([np.inf, 1.0]))),
    ("quiet", lambda m: m.add(m.asarray([np.nan, 1.0]), 1.0)),
    ("cmp", lambda m: m.less(m.asarray([np.nan, 1.0]), 1.0)),
    ("max", lambda m: m.max(m.asarray([np.nan, 1.0]))),
    ("f32-sq", lambda m: m.square(m.asarray([1e30], dtype=m.float32))),
]


@pytest.mark.parametrize("name,case", CASES, ids=[c[0] for c in CASES])
def test_warnings_match_numpy(name, case, mode):
    want = _warnings_of(lambda: _observe(case(np)))
    got = _warnings_of(lambda: _observe(case(nc)))
    assert got == want


def test_fused_kernel_blames_function(lazy):
    x = nc.asarray([1.0, 0.0, -1.0])
    got = _warnings_of(lambda: _observe(nc.exp(x * 1000.0)))
    assert got == ["overflow encountered in exp"]
    got = _warnings_of(lambda: _observe(nc.sqrt(x - 2.0)))
    assert got == ["invalid value encountered in sqrt"]


@pytest.mark.parametrize("kw", [dict(all="ignore"), dict(divide="ignore"),
                                dict(invalid="ignore", divide="warn")])
def test_errstate_ignore(kw, mode):
    def run(m):
        with m.errstate(**kw):
            r = m.divide(m.asarray([1.0, 0.0]), 0.0)
        return np.asarray(r)
    assert _warnings_of(lambda: run(nc)) == _warnings_of(lambda: run(np))


def test_recorded_setting_applies_at_evaluation(lazy):
    x = nc.asarray([-1.0, 4.0])
    with nc.errstate(invalid="ignore"):
        r = nc.sqrt(x)
    assert nc._is_pending(r)
    assert _warnings_of(lambda: _observe(r)) == []
    with nc.errstate(invalid="raise"):
        s = nc.sqrt(x)
    with pytest.raises(FloatingPointError, match="invalid value encountered"):
        _observe(s)
    with nc.errstate(invalid="warn"):
        t = nc.sqrt(x)
    with nc.errstate(all="ignore"):  # not in force when t was recorded
        assert _warnings_of(lambda: _observe(t)) == [
            "invalid value encountered in sqrt"]


def test_raise_at_call_for_small_arrays():
    with nc.errstate(divide="raise"):
        with pytest.raises(FloatingPointError,
                           match="divide by zero encountered in divide"):
            nc.asarray([1.0]) / 0.0
    with np.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            np.asarray([1.0]) / 0.0


def test_warning_as_error_is_raised():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(RuntimeWarning):
            nc.asarray([1.0]) / 0.0
    # the queue is drained: later operations do not re-raise
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert float((nc.asarray([1.0]) / 1.0)[0]) == 1.0


def test_seterr_geterr_roundtrip():
    assert nc.geterr() == np.geterr()
    old = nc.seterr(all="raise")
    try:
        assert old == {"divide": "warn", "over": "warn", "under": "ignore",
                       "invalid": "warn"}
        assert nc.geterr() == dict.fromkeys(old, "raise")
        nc.seterr(under="ignore", divide="call")
        assert nc.geterr()["under"] == "ignore"
        assert nc.geterr()["divide"] == "call"  # as NumPy
    finally:
        nc.seterr(**old)
    assert nc.geterr() == old
    with pytest.raises(ValueError):
        nc.seterr(divide="sometimes")
    with pytest.raises(ValueError):
        nc.errstate(over="never")


def test_errstate_decorator_and_nesting():
    @nc.errstate(all="ignore")
    def f():
        return nc.geterr()
    assert set(f().values()) == {"ignore"}
    with nc.errstate(divide="raise"):
        with nc.errstate(divide="ignore"):
            assert nc.geterr()["divide"] == "ignore"
        assert nc.geterr()["divide"] == "raise"
    assert nc.geterr()["divide"] == "warn"


PRINT_CASES = [
    np.linspace(0, 1, 7) * 1e-5,
    np.linspace(-3, 3, 11),
    np.arange(2000.0).reshape(40, 50),
    np.array([1e-9, 1.0, 12345.678]),
    np.arange(24).reshape(2, 3, 4),
    np.array([np.nan, np.inf, -1.5, 2.25]),
]
PRINT_OPTS = [dict(precision=3), dict(precision=0), dict(suppress=True),
              dict(threshold=5, edgeitems=2), dict(linewidth=30),
              dict(threshold=10, edgeitems=1, precision=2, suppress=True)]


@pytest.mark.parametrize("kw", PRINT_OPTS)
@pytest.mark.parametrize("i", range(len(PRINT_CASES)))
def test_printoptions_match_numpy(kw, i):
    a = PRINT_CASES[i]
    x = nc.asarray(a)
    with nc.printoptions(**kw), np.printoptions(**kw):
        assert repr(x) == repr(a)
        assert str(x) == str(a)
    assert nc.get_printoptions()["precision"] == 8


def test_set_printoptions_errors_and_restore():
    old = nc.get_printoptions()
    try:
        nc.set_printoptions(precision=4)
        assert nc.get_printoptions()["precision"] == 4
        assert repr(nc.asarray([1 / 3])) == "array([0.3333])"
        with pytest.raises(TypeError):
            nc.set_printoptions(floatmode="fixed")
        with pytest.raises(ValueError):
            nc.set_printoptions(precision=-1)
        with pytest.raises(TypeError):
            nc.set_printoptions(precision="a")
    finally:
        nc.set_printoptions(**old)
    assert nc.get_printoptions() == old


def test_numpy_errstate_applies_to_numpy_calls_on_numc_arrays():
    x = nc.asarray([1.0, 0.0])
    with np.errstate(divide="ignore"):
        assert _warnings_of(lambda: _observe(np.divide(x, 0.0))) == [
            "invalid value encountered in divide"]
    with np.errstate(all="raise"):
        with pytest.raises(FloatingPointError):
            _observe(np.log(x))
    assert nc.geterr()["divide"] == "warn"
