"""Python operators on numc arrays: arithmetic, reflected and in-place
forms, comparisons, bitwise and unary operators, ** fast paths, divmod,
conversions (__bool__, __int__, __float__, __complex__, __index__) with
NumPy 2.4's errors, and deferral to other libraries' operators."""
import operator

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numc as nc
from conftest import DTYPES, assert_same, np_arrays

BINOPS = [operator.add, operator.sub, operator.mul, operator.truediv,
          operator.floordiv, operator.mod, operator.pow, operator.and_,
          operator.or_, operator.xor, operator.lshift, operator.rshift,
          operator.lt, operator.le, operator.eq, operator.ne, operator.gt,
          operator.ge]
INPLACE = [operator.iadd, operator.isub, operator.imul, operator.itruediv,
           operator.ifloordiv, operator.imod, operator.ipow, operator.iand,
           operator.ior, operator.ixor, operator.ilshift, operator.irshift]


def run(f, *args):
    with np.errstate(all="ignore"):
        return f(*args)


def check_op(op, a, b, x, y):
    try:
        want = run(op, a, b)
    except Exception as e:  # noqa: BLE001 - same exception type expected
        with pytest.raises(type(e) if not isinstance(e, TypeError) else TypeError):
            op(x, y)
        return
    got = run(op, x, y)
    assert_same(got if isinstance(got, (nc.ndarray, nc.generic)) else nc.asarray(got),
                want)


@pytest.mark.parametrize("op", BINOPS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dt", DTYPES)
def test_binary_operators(op, dt, mode):
    a = np.array([0, 1, 2, 3, 5, 7], dtype=dt) if dt != "bool" else np.array([True, False, True])
    b = a[::-1].copy()
    if dt[0] in "iu" and op in (operator.pow, operator.lshift, operator.rshift):
        b = b % 4
    x, y = nc.asarray(a), nc.asarray(b)
    check_op(op, a, b, x, y)
    for s in [2, 2.5, True, 1j]:
        check_op(op, a, s, x, s)
        check_op(op, s, a, s, x)
    check_op(op, a, list(b), x, list(b))
    check_op(op, list(a), b, list(a), y)


@pytest.mark.parametrize("op", INPLACE, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dt", ["int8", "uint8", "int32", "float32", "float64",
                                "complex128", "bool"])
@pytest.mark.parametrize("other", ["same", 2, 1.5, "float64", "int64"])
def test_inplace_operators(op, dt, other):
    a = np.array([1, 2, 3, 4], dtype=dt)
    if other == "same":
        b = a.copy()
    elif isinstance(other, str):
        b = np.array([1, 2, 1, 2], dtype=other)
    else:
        b = other
    x = nc.asarray(a.copy())
    y = nc.asarray(b) if isinstance(b, np.ndarray) else b
    ref = a.copy()
    try:
        ref = run(op, ref, b)
    except Exception as e:  # noqa: BLE001
        before = x.tolist()
        with pytest.raises(TypeError if isinstance(e, TypeError) else type(e)) as info:
            op(x, y)
        if isinstance(e, TypeError) and "Cannot cast" in str(e):
            # same text up to the ufunc name (numc uses Array API names)
            assert str(info.value).split("output")[1] == str(e).split("output")[1]
        assert x.tolist() == before
        return
    x_id = id(x)
    x = run(op, x, y)
    assert id(x) == x_id  # in place: same object
    assert_same(x, ref)


def test_inplace_on_views_and_readonly():
    x = nc.arange(6.0).reshape(2, 3)
    v = x[:, 1]
    v += 10
    assert x.tolist() == [[0, 11, 2], [3, 14, 5]]
    b = nc.broadcast_to(nc.asarray([1.0]), (3,))
    with pytest.raises(ValueError):
        b += 1
    x.flags.writeable = False
    with pytest.raises(ValueError):
        x += 1


@pytest.mark.parametrize("dt", DTYPES)
def test_unary_operators(dt):
    a = np.array([0, 1, 2, 5], dtype=dt)
    x = nc.asarray(a)
    for op in [operator.neg, operator.pos, abs, operator.invert]:
        try:
            want = run(op, a)
        except TypeError:
            with pytest.raises(TypeError):
                op(x)
            continue
        assert_same(op(x), want)


@pytest.mark.parametrize("dt", ["float32", "float64", "complex64", "complex128",
                                "int8", "int64", "uint16", "bool"])
@pytest.mark.parametrize("e", [2, 0.5, -1, 1, 0, 3, 2.0, -1.0, -2])
def test_power_fast_paths(dt, e):
    a = np.array([4.0, 0.25, -0.0, -np.inf, np.inf, 2.0, -2.0] if dt[0] in "fc"
                 else [0, 1, 2, 3], dtype=dt)
    x = nc.asarray(a)
    check_op(operator.pow, a, e, x, e)
    y = nc.asarray(a.copy())
    if dt == "bool" and e < 0:
        return  # NumPy reports the cast, numc the negative power: both refuse
    try:
        ref = run(operator.ipow, a.copy(), e)
    except Exception as exc:  # noqa: BLE001
        with pytest.raises(type(exc) if not isinstance(exc, TypeError) else TypeError):
            y **= e
        return
    y **= e
    assert_same(y, ref)


def test_divmod_and_matmul():
    a = np.array([7, -7, 5, 0], dtype=np.int32)
    b = np.array([2, 2, -3, 3], dtype=np.int32)
    q, r = divmod(nc.asarray(a), nc.asarray(b))
    wq, wr = divmod(a, b)
    assert_same(q, wq)
    assert_same(r, wr)
    q, r = divmod(nc.asarray(a), 3)
    assert_same(r, a % 3)
    m = np.arange(4.0).reshape(2, 2)
    assert_same(nc.asarray(m) @ nc.asarray(m), m @ m)  # more: test_linalg.py


@given(st.sampled_from(BINOPS[:12]), st.sampled_from(["int16", "float64", "uint8", "float32"]),
       st.data())
def test_operators_random(op, dt, data):
    a = data.draw(np_arrays(dt, min_dims=1, max_dims=2, max_side=4))
    b = data.draw(np_arrays(dt, shape=a.shape[1:]))
    if dt[0] in "iu" and op in (operator.pow, operator.lshift, operator.rshift):
        b = np.abs(b % 5).astype(dt)
    check_op(op, a, b, nc.asarray(a), nc.asarray(b))


def test_comparisons_and_unknown_objects():
    x = nc.asarray([1, 2, 3])
    assert (x == 2).tolist() == [False, True, False]
    assert (x != None).tolist() if False else (x == None) is False  # noqa: E711
    assert x.__eq__("a") is NotImplemented
    with pytest.raises(TypeError):
        x + "a"
    with pytest.raises(TypeError):
        x < object()
    assert 2 in x and 7 not in x
    with pytest.raises(TypeError):
        hash(x)


class Deferring:
    __array_ufunc__ = None

    def __add__(self, other):
        return "deferring.add"

    __radd__ = __add__

    def __rmul__(self, other):
        return "deferring.rmul"


class Priority:
    __array_priority__ = 100.0

    def __radd__(self, other):
        return "priority.radd"


def test_deferral_to_other_libraries():
    x = nc.arange(3)
    assert x + Deferring() == "deferring.add"
    assert Deferring() + x == "deferring.add"
    assert x * Deferring() == "deferring.rmul"
    assert x + Priority() == "priority.radd"


def test_numpy_operands():
    x = nc.asarray([1.0, 2.0])
    a = np.array([3.0, 4.0])
    r = x + a
    assert isinstance(r, nc.ndarray) and r.tolist() == [4.0, 6.0]
    r = a + x  # NumPy defers to numc's __array_ufunc__
    assert isinstance(r, nc.ndarray) and r.tolist() == [4.0, 6.0]
    r = x * np.float32(2)
    assert r.dtype is nc.float64
    r = nc.asarray([1, 2], dtype=nc.float32) * np.float64(2)
    assert r.dtype is nc.float64  # NumPy scalars are strongly typed


@pytest.mark.parametrize("shape", [(), (1,), (1, 1)])
@pytest.mark.parametrize("dt", ["int32", "float64", "complex128", "bool", "uint8"])
def test_conversions_size_one(shape, dt):
    a = np.full(shape, 3 if dt != "bool" else 1, dtype=dt)
    x = nc.asarray(a)
    assert bool(x) == bool(a)
    for conv in [int, float, complex, operator.index]:
        try:
            want = conv(a)
        except Exception as e:  # noqa: BLE001
            with pytest.raises(type(e)) as info:
                conv(x)
            assert str(info.value) == str(e).replace("numpy.", "numc.")
            continue
        got = conv(x)
        assert got == want and type(got) is type(want)


def test_conversion_errors():
    for a in [np.zeros(0), np.ones(3)]:
        x = nc.asarray(a)
        with pytest.raises(ValueError) as ours:
            bool(x)
        with pytest.raises(ValueError) as theirs:
            bool(a)
        assert str(ours.value) == str(theirs.value)
    with pytest.raises(ValueError, match="cannot convert float NaN"):
        int(nc.asarray(float("nan")))
    assert int(nc.asarray(2.7)) == 2
    assert int(nc.asarray(1e300)) == int(1e300)
    with pytest.raises(TypeError, match="len"):
        len(nc.asarray(1.0))
    with pytest.raises(TypeError, match="iteration over a 0-d array"):
        iter(nc.asarray(1.0))
    assert [0, 1, 2][nc.asarray(1)] == 1
    assert float(nc.asarray(2.5, dtype=nc.float32)) == 2.5
