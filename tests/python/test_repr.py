"""repr() and str() of arrays match NumPy's default print options exactly:
number formats (unique shortest digits, precision 8, scientific switch,
padding), nan/inf, negative zero, complex, bool, line wrapping at 75
characters, summarization beyond 1000 elements, empty and 0-d arrays."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import numc as nc
from conftest import DTYPES, np_arrays


def check(a):
    x = nc.asarray(a)
    assert repr(x) == repr(a)
    assert str(x) == str(a)


@given(st.sampled_from(DTYPES).flatmap(lambda d: np_arrays(d, max_dims=3, max_side=6)))
def test_random_arrays(a):
    check(a)


@given(st.sampled_from(["float32", "float64", "complex64", "complex128"]).flatmap(
    lambda d: np_arrays(d, min_dims=1, max_dims=2, max_side=8,
                        elements=hnp.from_dtype(np.dtype(d), min_value=-2.0**40, max_value=2.0**40,
                                                allow_nan=False, allow_infinity=False,
                                                allow_subnormal=False)
                        if d.startswith("float") else None)))
def test_random_float_ranges(a):
    check(a)


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=1, max_size=12),
       st.sampled_from([np.float64, np.float32]))
def test_float_lists(values, dt):
    check(np.asarray(values, dtype=dt))


CASES = [
    [1.0, 2.0, 3.0], [0.1, 0.25, 1e-3], [1e-5, 1.0], [1e8, 1.0], [1e7, 1.5],
    [0.0, -0.0], [-0.0], [np.nan, 1.0, -np.inf], [np.nan], [np.inf, -np.inf],
    [1.123456789, 2.0], [123456.789, 0.5], [1e-300, 1e300], [3.0, -np.nan],
    [0.1 + 0.2], [1e16], [2.0**60], [5e-324], [1000.5, 0.001],
]


@pytest.mark.parametrize("values", CASES)
@pytest.mark.parametrize("dt", ["float64", "float32", "complex128", "complex64"])
def test_float_cases(values, dt):
    with np.errstate(all="ignore"):
        a = np.asarray(values, dtype=dt)
    check(a)
    if dt.startswith("complex"):
        check(a * 1j + a[::-1])


@pytest.mark.parametrize("dt", DTYPES)
def test_shapes(dt):
    for shape in [(), (0,), (0, 3), (3, 0), (2, 0, 2), (1,), (1, 1), (2, 3), (2, 3, 4),
                  (4, 1, 2, 1)]:
        a = (np.arange(int(np.prod(shape))) % 7).astype(dt).reshape(shape)
        check(a)


@pytest.mark.parametrize("dt", ["int64", "float64", "bool", "complex64", "uint8", "float32"])
@pytest.mark.parametrize("shape", [(1001,), (2000,), (40, 30), (3, 400), (10, 10, 11), (1, 1, 1001)])
def test_summarized(dt, shape):
    a = (np.arange(int(np.prod(shape))) * 37 % 1001).astype(dt).reshape(shape)
    check(a)
    with np.errstate(all="ignore"):
        check(a / np.asarray(7, dtype=a.dtype) if dt != "bool" else a)


def test_line_wrapping():
    check(np.arange(100.0))
    check(np.arange(30) * 1234567)
    check(np.linspace(0, 1, 40).reshape(4, 10))
    check(np.arange(24, dtype=np.int16).reshape(2, 3, 4) * 1000)
    check(np.full(30, True))
    check(np.arange(40, dtype=np.complex128) * (1 + 1j) / 3)
    check(np.array([1.5, 2.25]))


def test_views_and_lazy(lazy):
    a = np.arange(24.0).reshape(4, 6)
    x = nc.asarray(a)
    assert repr(x[::-1, 1::2]) == repr(a[::-1, 1::2])
    assert repr(x.T) == repr(a.T)
    assert repr((x + 1) / 3) == repr((a + 1) / 3)
    assert str(nc.asarray(2.5)) == "2.5"
    assert repr(nc.asarray(2.5)) == "array(2.5)"
    assert repr(nc.asarray(7, dtype=nc.int32)) == "array(7, dtype=int32)"
