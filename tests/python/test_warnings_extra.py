"""Floating-point conditions reported as NumPy reports them: integer
division by zero (floor_divide, remainder, fmod, divmod, // and %),
sin/cos/tan of infinities (invalid), logarithms of negatives (invalid
only), no warnings for empty inputs, and the 'call', 'print' and 'log'
modes with seterrcall/geterrcall."""

import numpy as np
import pytest

import numc as nc


from test_errstate import _warnings_of  # noqa: E402


def _obs(r):
    if isinstance(r, tuple):
        return tuple(np.asarray(x) for x in r)
    return np.asarray(r)


INT_DTYPES = ["int8", "uint8", "int32", "uint32", "int64", "uint64"]

CASES = [
    ("floor_divide", lambda m, d: m.floor_divide(m.asarray([1, 2], dtype=d), m.asarray([0, 1], dtype=d))),
    ("remainder", lambda m, d: m.remainder(m.asarray([1, 2], dtype=d), m.asarray([0, 1], dtype=d))),
    ("fmod", lambda m, d: m.fmod(m.asarray([1, 2], dtype=d), m.asarray([0, 1], dtype=d))),
    ("divmod", lambda m, d: m.divmod(m.asarray([1, 2], dtype=d), m.asarray([0, 1], dtype=d))),
    ("op//", lambda m, d: m.asarray([5, 3], dtype=d) // 0),
    ("op%", lambda m, d: m.asarray([5, 3], dtype=d) % 0),
    ("no zero", lambda m, d: m.asarray([5, 3], dtype=d) // 2),
    ("min // -1", lambda m, d: m.floor_divide(m.asarray([m.iinfo(d).min, 3], dtype=d),
                                               m.asarray([-1, -1], dtype=d) if d[0] == "i" else 1)),
    ("divmod min", lambda m, d: m.divmod(m.asarray([m.iinfo(d).min, 3], dtype=d),
                                          m.asarray([-1, 1], dtype=d) if d[0] == "i" else 1)),
]


@pytest.mark.parametrize("dt", INT_DTYPES)
@pytest.mark.parametrize("name,fn", CASES, ids=[c[0] for c in CASES])
def test_integer_division_by_zero(name, fn, dt):
    want = _warnings_of(lambda: _obs(fn(np, dt)))
    got = _warnings_of(lambda: _obs(fn(nc, dt)))
    assert got == want
    with np.errstate(all="ignore"):
        expected = _obs(fn(np, dt))
    with nc.errstate(all="ignore"):
        assert _warnings_of(lambda: _obs(fn(nc, dt))) == []
        res = _obs(fn(nc, dt))
    for g, w in zip(res if isinstance(res, tuple) else (res,),
                    expected if isinstance(expected, tuple) else (expected,)):
        np.testing.assert_array_equal(g, w)


def test_integer_division_raise():
    with np.errstate(divide="raise"):
        with pytest.raises(FloatingPointError) as e_np:
            np.array([1]) // 0
    with nc.errstate(divide="raise"):
        with pytest.raises(FloatingPointError) as e_nc:
            _obs(nc.asarray([1]) // 0)
    assert str(e_nc.value) == str(e_np.value)


FLOAT_CASES = [
    ("sin inf", lambda m, d: m.sin(m.asarray([np.inf, 1.0] * 9, dtype=d))),
    ("cos -inf", lambda m, d: m.cos(m.asarray([-np.inf] + [0.5] * 20, dtype=d))),
    ("tan inf tail", lambda m, d: m.tan(m.asarray([0.5] * 17 + [np.inf], dtype=d))),
    ("sin nan quiet", lambda m, d: m.sin(m.asarray([np.nan, 1.0], dtype=d))),
    ("log neg", lambda m, d: m.log(m.asarray([-1.0] + [2.0] * 20, dtype=d))),
    ("log2 neg", lambda m, d: m.log2(m.asarray([-1.0, 2.0, -3.0], dtype=d))),
    ("log10 neg+0", lambda m, d: m.log10(m.asarray([-1.0, 0.0] * 9, dtype=d))),
    ("log1p -2", lambda m, d: m.log1p(m.asarray([-2.0, -0.5] * 9, dtype=d))),
    ("log1p -1", lambda m, d: m.log1p(m.asarray([-1.0], dtype=d))),
    ("log -inf", lambda m, d: m.log(m.asarray([-np.inf], dtype=d))),
    ("log -0", lambda m, d: m.log(m.asarray([-0.0], dtype=d))),
    ("ldexp over", lambda m, d: m.ldexp(m.asarray([1.0, 2.0], dtype=d), 5000)),
    ("empty", lambda m, d: m.log(m.asarray([], dtype=d))),
    ("empty div", lambda m, d: m.floor_divide(m.asarray([], dtype=m.int64), 0)),
]


@pytest.mark.parametrize("dt", ["float32", "float64"])
@pytest.mark.parametrize("name,fn", FLOAT_CASES, ids=[c[0] for c in FLOAT_CASES])
def test_float_conditions(name, fn, dt):
    want = _warnings_of(lambda: _obs(fn(np, dt)))
    got = _warnings_of(lambda: _obs(fn(nc, dt)))
    assert got == want
    with np.errstate(all="ignore"):
        expected = _obs(fn(np, dt))
    with nc.errstate(all="ignore"):  # SLEEF is within a few ULP of NumPy
        np.testing.assert_allclose(_obs(fn(nc, dt)), expected, rtol=1e-6)


def test_lazy_fused_sin_inf():
    x = nc.asarray(np.linspace(0, 1, 100000))
    x[77] = np.inf
    want = _warnings_of(lambda: np.sin(np.asarray(x) * 2 + 1))
    assert _warnings_of(lambda: _obs(nc.sin(x * 2 + 1))) == want


def test_seterrcall_call_mode():
    calls = []
    old = nc.seterrcall(lambda *a: calls.append(a))
    try:
        assert nc.geterrcall() is not None
        with nc.errstate(divide="call", invalid="call"):
            assert nc.geterr()["divide"] == "call"
            _obs(nc.asarray([1.0]) / 0)
            _obs(nc.sqrt(nc.asarray([-1.0])))
            _obs(nc.asarray([1]) // 0)
        np_calls = []
        np.seterrcall(lambda *a: np_calls.append(a))
        try:
            with np.errstate(divide="call", invalid="call"):
                np.array([1.0]) / 0
                np.sqrt(np.array([-1.0]))
                np.array([1]) // 0
        finally:
            np.seterrcall(None)
        assert calls == np_calls
    finally:
        nc.seterrcall(old)


def test_log_and_print_modes(capsys):
    class Log:
        def __init__(self):
            self.lines = []

        def write(self, msg):
            self.lines.append(msg)

    lg = Log()
    with nc.errstate(call=lg, all="log"):
        assert nc.geterr()["over"] == "log"
        assert nc.geterrcall() is lg
        _obs(nc.asarray([1.0]) / 0)
    assert lg.lines == ["Warning: divide by zero encountered in divide\n"]
    with nc.errstate(all="print"):
        _obs(nc.asarray([1.0]) / 0)
    assert capsys.readouterr().out == "Warning: divide by zero encountered in divide\n"


def test_seterrcall_errors():
    with pytest.raises(TypeError):
        np.seterrcall(5)
    with pytest.raises(TypeError):
        nc.seterrcall(5)
    assert nc.seterrcall(None) is None
    with nc.errstate(divide="call"):
        with pytest.raises(NameError):
            _obs(nc.asarray([1.0]) / 0)
    with pytest.raises(ValueError):
        nc.seterr(divide="bogus")
    assert nc.geterr() == np.geterr()
