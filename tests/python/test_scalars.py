"""Scalar types: construction, conversions, hashing, repr/str (NumPy 2's
text with the numc prefix), arithmetic through libnumc (NEP 50, wraparound)
and pickling."""
import math
import operator
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numc as nc
from conftest import DTYPES, INT_DTYPES


def np_repr_to_numc(r):
    r = r.replace("np.True_", "numc.bool(True)").replace("np.False_", "numc.bool(False)")
    return r.replace("np.", "numc.")


@pytest.mark.parametrize("name", DTYPES)
def test_construct_and_attributes(name):
    t = getattr(nc, name)
    z = t()
    assert type(z) is t and z.dtype is t
    assert z.shape == () and z.ndim == 0 and z.size == 1
    assert z.itemsize == np.dtype(name).itemsize
    v = t(1)
    assert v.item() == np.dtype(name).type(1).item()
    assert type(v.item()) is type(np.dtype(name).type(1).item())
    assert isinstance(v, nc.generic)
    assert v.tolist() == v.item()
    assert t(v) == v
    assert t("1") == 1


def test_python_base_classes():
    assert isinstance(nc.float64(1.5), float)
    assert isinstance(nc.complex128(1j), complex)
    assert not isinstance(nc.int64(1), int)
    assert not isinstance(nc.float32(1), float)
    assert math.sqrt(nc.float64(4.0)) == 2.0
    with pytest.raises(TypeError):
        class Sub(nc.float64):  # noqa: F841 - dtypes are final
            pass


def test_construction_errors_and_sequences():
    with pytest.raises(OverflowError):
        nc.uint8(-1)
    with pytest.raises(OverflowError):
        nc.int8(300)
    with pytest.raises(TypeError):
        nc.float64(1j)
    assert nc.int8(nc.float64(3.7)) == 3  # typed values cast unsafely
    a = nc.float32([1, 2])
    assert isinstance(a, nc.ndarray) and a.dtype is nc.float32
    assert nc.float64(np.float32(0.5)) == 0.5
    assert nc.int16(nc.asarray(7)) == 7


@pytest.mark.parametrize("name", DTYPES)
def test_conversions(name):
    v = getattr(nc, name)(1)
    if name.startswith("complex"):
        with pytest.warns(nc.ComplexWarning):
            assert float(getattr(nc, name)(1 + 2j)) == 1.0
        with pytest.warns(nc.ComplexWarning):
            assert int(getattr(nc, name)(3 + 2j)) == 3
        assert complex(v) == 1
    else:
        assert float(v) == 1.0 and int(v) == 1 and complex(v) == 1
    assert bool(v) and not bool(getattr(nc, name)(0))
    if name[0] in "iu":
        assert operator.index(v) == 1
        assert [10, 20][getattr(nc, name)(1)] == 20
    else:
        with pytest.raises(TypeError):
            operator.index(v)


def test_hash_matches_python_values():
    for v in [nc.float64(1.5), nc.float32(0.5), nc.int8(-1), nc.uint64(2**64 - 1),
              nc.complex64(1 + 2j), nc.bool(True), nc.int64(0)]:
        assert hash(v) == hash(v.item())
    d = {1.5: "a", 7: "b"}
    assert d[nc.float64(1.5)] == "a" and d[nc.int32(7)] == "b"


@pytest.mark.parametrize("name", DTYPES)
@pytest.mark.parametrize("value", [0, 1, -1, 7, 100, 0.1, -2.5, 1e20, 1e-7,
                                   float("nan"), float("inf"), -0.0, 1 + 2j,
                                   2.5j, 3e-5 - 1e10j, 123456789.0])
def test_repr_str_like_numpy(name, value):
    npt = np.dtype(name).type
    try:
        with np.errstate(all="ignore"):
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nv = npt(value)
    except (TypeError, OverflowError, ValueError):
        return
    v = getattr(nc, name)(nv.item())
    if nv.item() != v.item() and not (v != v):
        return  # values NumPy and numc convert differently (casts of nan)
    assert str(v) == str(nv)
    assert repr(v) == np_repr_to_numc(repr(nv))


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_float64_text(x):
    assert str(nc.float64(x)) == str(np.float64(x))
    assert repr(nc.float64(x)) == np_repr_to_numc(repr(np.float64(x)))


@given(st.floats(width=32, allow_nan=False))
def test_float32_text(x):
    assert str(nc.float32(x)) == str(np.float32(x))


@given(st.complex_numbers(allow_nan=True, allow_infinity=True))
def test_complex128_text(z):
    assert str(nc.complex128(z)) == str(np.complex128(z))


OPS = [operator.add, operator.sub, operator.mul, operator.truediv,
       operator.floordiv, operator.mod, operator.pow, operator.lt,
       operator.eq, operator.ge, operator.and_, operator.xor, operator.lshift]


@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("a,b", [("int8", "int8"), ("uint8", "int16"),
                                 ("float32", "int64"), ("int32", "float64"),
                                 ("complex64", "float64"), ("bool", "int8"),
                                 ("uint64", "int64")])
def test_scalar_op_scalar(op, a, b):
    x, y = 7, 3
    na, nb = np.dtype(a).type(x if a != "bool" else 1), np.dtype(b).type(y)
    ca, cb = getattr(nc, a)(na.item()), getattr(nc, b)(nb.item())
    try:
        with np.errstate(all="ignore"):
            want = op(na, nb)
    except TypeError:
        with pytest.raises(TypeError):
            op(ca, cb)
        return
    got = op(ca, cb)
    assert isinstance(got, nc.generic)
    assert got.dtype.name == want.dtype.name
    assert got.item() == want.item()


@pytest.mark.parametrize("name", INT_DTYPES + ["float32", "float64"])
def test_scalar_with_python_numbers_nep50(name):
    t, npt = getattr(nc, name), np.dtype(name).type
    for other in [1, 2.5, True]:
        with np.errstate(all="ignore"):
            want = npt(3) + other
            want_r = other * npt(3)
        got, got_r = t(3) + other, other * t(3)
        assert got.dtype.name == want.dtype.name and got.item() == want.item()
        assert got_r.dtype.name == want_r.dtype.name
    if name in ("int8", "uint8"):
        with pytest.raises(OverflowError):
            t(1) + 1000


def test_wraparound_and_arrays():
    assert nc.int8(100) + nc.int8(100) == -56
    assert (nc.int8(100) + nc.int8(100)).dtype is nc.int8
    r = nc.float32(2) * nc.asarray([1.0, 2.0])
    assert isinstance(r, nc.ndarray) and r.dtype is nc.float64
    r = nc.asarray([1, 2], dtype=nc.int16) + nc.int16(1)
    assert r.dtype is nc.int16
    assert -nc.int8(-128) == -128
    assert abs(nc.float32(-2)) == 2 and type(abs(nc.float32(-2))) is nc.float32
    assert (~nc.uint8(0)) == 255


def test_misc_methods():
    v = nc.float32(2.567)
    assert round(nc.float64(2.5)) == 2 and isinstance(round(nc.float64(2.5)), int)
    r = round(v, 1)
    assert type(r) is nc.float32 and float(r) == float(np.float32(round(np.float32(2.567), 1)))
    assert f"{nc.float64(1.5):.3f}" == "1.500"
    assert f"{nc.int8(5)}" == "5"
    assert nc.complex64(1 + 2j).real == 1 and type(nc.complex64(1j).imag) is nc.float32
    assert nc.float32(2).imag == 0
    assert nc.int16(3).astype(nc.float64) == 3.0
    assert np.asarray(nc.int32(7)).dtype == np.int32


@pytest.mark.parametrize("name", DTYPES)
def test_pickle_scalars(name):
    v = getattr(nc, name)(1)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        w = pickle.loads(pickle.dumps(v, protocol=proto))
        assert type(w) is type(v) and w == v


# numc's full reductions return 0-d arrays where NumPy returns scalars: the
# scalar habits of NumPy code (format specs, round) work on them too.
@pytest.mark.parametrize("spec", ["", ".3f", ">10.2e", "g", "+.1%"])
def test_format_of_0d_float_reductions(spec):
    x = np.arange(12.0).reshape(3, 4) / 7
    y = nc.asarray(x)
    for f in (lambda a: a.mean(), lambda a: a.sum(), lambda a: a.max(),
              lambda a: a[1, 2]):
        assert format(f(y), spec) == format(f(x), spec)


@pytest.mark.parametrize("spec", ["", "04d", "x", ",", ">6"])
def test_format_of_0d_int_reductions(spec):
    x = np.arange(-5, 40)
    assert format(nc.asarray(x).sum(), spec) == format(x.sum(), spec)
    assert f"{nc.asarray(x).max():{spec}}" == f"{x.max():{spec}}"


def test_format_of_arrays_and_bool_complex():
    assert format(nc.ones(2)) == format(np.ones(2))
    with pytest.raises(TypeError, match="unsupported format string"):
        format(nc.ones(2), ".2f")
    assert format(nc.asarray(True)) == format(np.True_)
    assert format(nc.asarray(1 + 2j), ".1f") == format(np.complex128(1 + 2j),
                                                        ".1f")


@pytest.mark.parametrize("v", [2.5, 3.5, -2.567, 1e300, 0.125])
def test_round_of_0d_arrays_as_numpy_scalars(v):
    a = nc.asarray(v)
    assert round(a) == round(np.float64(v))
    assert type(round(a)) is type(round(np.float64(v)))
    for nd in (0, 1, 2, -1):
        assert float(round(a, nd)) == float(round(np.float64(v), nd))
    assert round(nc.asarray(7), -1) == round(np.int64(7), -1)
    with pytest.raises(TypeError, match="__round__"):
        round(nc.ones(2))
