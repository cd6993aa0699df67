"""Array creation: asarray from Python objects (NumPy's dtype inference,
ragged errors), copy semantics, and the creation functions (empty, zeros,
ones, full, *_like, arange, linspace, eye) against NumPy."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numc as nc
from conftest import DTYPES, assert_same, np_arrays

LISTS = [
    [], [[]], [[], []], [1, 2, 3], [1.0, 2], [True, False], [True, 2],
    [1, 2.5, 3j], [[1, 2], [3, 4]], ((1, 2), [3, 4]), [2**63], [2**63, 1],
    [-1, 2**63], [2**64 - 1], [[[1.5]]], [0.1, -0.0], (1,), 5, 2.5, True, 1j,
    -7, [np.float32(1), 2], [np.int8(1), 2], [nc.float32(1), 2],
    [nc.int8(1), nc.uint8(2)], [np.uint64(1), -1], [range(3), range(3)],
]


@pytest.mark.parametrize("obj", LISTS, ids=repr)
def test_asarray_inference(obj):
    want = np.asarray(obj if not isinstance(obj, list) or not any(
        isinstance(v, nc.generic) for v in obj) else [v.item() if isinstance(v, nc.generic)
                                                     else v for v in obj])
    if any(isinstance(v, nc.generic) for v in (obj if isinstance(obj, list) else [])):
        want = np.asarray([np.dtype(v.dtype.name).type(v.item()) if isinstance(v, nc.generic)
                           else v for v in obj])
    got = nc.asarray(obj)
    assert_same(got, want)


@pytest.mark.parametrize("obj", [[1, [2, 3]], [[1], [2, 3]], [[1, 2], 3],
                                 [[[1, 2]], [[3]]], [[], 1]])
def test_ragged(obj):
    with pytest.raises(ValueError) as ours:
        nc.asarray(obj)
    with pytest.raises(ValueError) as theirs:
        np.asarray(obj)
    assert str(ours.value) == str(theirs.value)


def test_bad_inputs():
    with pytest.raises(OverflowError):
        nc.asarray([2**64])
    with pytest.raises(TypeError):
        nc.asarray(["a", "b"])
    with pytest.raises(TypeError):
        nc.asarray("abc")
    with pytest.raises(TypeError):
        nc.asarray({1: 2})
    with pytest.raises(TypeError):
        nc.asarray(object())


@pytest.mark.parametrize("dt", DTYPES)
def test_asarray_with_dtype(dt):
    for obj in [[1, 0, 3], [[1.5, 2.5]], 7, [True]]:
        with np.errstate(all="ignore"):
            want = np.asarray(obj, dtype=dt)
        assert_same(nc.asarray(obj, dtype=dt), want)
        assert_same(nc.asarray(obj, dtype=getattr(nc, dt)), want)
        assert_same(nc.asarray(obj, dtype=np.dtype(dt)), want)
    if dt[0] in "iu":
        with pytest.raises(OverflowError):
            nc.asarray([1, 2**70], dtype=dt)
        if dt in ("uint8", "int8"):
            with pytest.raises(OverflowError):
                nc.asarray([300], dtype=dt)
    if dt[0] in "fiu":
        with pytest.raises(TypeError):
            nc.asarray([1j], dtype=dt)


@given(st.sampled_from(DTYPES).flatmap(lambda d: np_arrays(d)))
def test_from_numpy_and_lists(a):
    assert_same(nc.asarray(a), a)
    assert_same(nc.asarray(a.tolist(), dtype=a.dtype.name),
                np.asarray(a.tolist(), dtype=a.dtype))
    if a.ndim:
        assert_same(nc.asarray(list(a)), np.asarray(list(a)))


def test_nested_arrays():
    x = nc.asarray([1.0, 2.0])
    assert_same(nc.asarray([x, x]), np.asarray([[1.0, 2.0]] * 2))
    assert_same(nc.asarray([x[::-1], [3, 4]]), np.asarray([[2.0, 1.0], [3, 4]]))
    assert_same(nc.asarray([np.arange(2), x]), np.asarray([[0.0, 1.0], [1.0, 2.0]]))
    assert_same(nc.asarray([nc.asarray(1), 2]), np.asarray([1, 2]))
    assert_same(nc.asarray([x, x], dtype=nc.int8), np.asarray([[1, 2]] * 2, dtype=np.int8))


def test_copy_semantics():
    x = nc.arange(4.0)
    assert nc.asarray(x) is x
    assert nc.asarray(x, copy=None) is x
    y = nc.asarray(x, copy=True)
    assert y is not x and not nc.may_share_memory(x, y)
    assert nc.asarray(x, copy=False) is x
    with pytest.raises(ValueError):
        nc.asarray(x, dtype=nc.float32, copy=False)
    with pytest.raises(ValueError):
        nc.asarray([1, 2], copy=False)
    z = nc.asarray(x, dtype=nc.float32)
    assert z.dtype is nc.float32 and z.tolist() == [0, 1, 2, 3]
    a = np.arange(3.0)
    w = nc.asarray(a, copy=True)
    a[0] = 9
    assert w[0] == 0
    assert nc.array([1, 2]).dtype is nc.int64
    x2 = nc.array(x)
    assert x2 is not x and x2.tolist() == x.tolist()


@pytest.mark.parametrize("dt", [None] + DTYPES)
def test_filled(dt):
    for shape in [(), 3, (2, 3), (0, 2), [4]]:
        for name in ["zeros", "ones"]:
            assert_same(getattr(nc, name)(shape, dtype=dt), getattr(np, name)(shape, dtype=dt))
        e = nc.empty(shape, dtype=dt)
        assert e.shape == np.empty(shape).shape and e.dtype.name == np.dtype(dt).name
        assert_same(nc.full(shape, 1, dtype=dt), np.full(shape, 1, dtype=dt))
        like = np.zeros(shape, dtype=np.int16)
        nl = nc.asarray(like)
        for name in ["zeros_like", "ones_like"]:
            assert_same(getattr(nc, name)(nl, dtype=dt), getattr(np, name)(like, dtype=dt))
        assert nc.empty_like(nl, dtype=dt).shape == like.shape
        assert_same(nc.full_like(nl, 3, dtype=dt), np.full_like(like, 3, dtype=dt))


def test_full_inference_and_errors():
    for v in [1, 2.5, True, 1j, np.float32(2), nc.int8(3), 2**63]:
        want = np.full(2, v if not isinstance(v, nc.generic) else np.int8(3))
        assert_same(nc.full(2, v), want)
    with pytest.raises(OverflowError):
        nc.full(2, 300, dtype=nc.uint8)
    with pytest.raises(TypeError):
        nc.full(2, 1j, dtype=nc.float64)
    with pytest.raises(ValueError):
        nc.zeros(-1)
    with pytest.raises(TypeError):
        nc.zeros(2.5)
    with pytest.raises(TypeError):
        nc.zeros(2, dtype="float16")
    with pytest.raises(OverflowError):
        nc.full_like(nc.zeros(2, dtype=nc.int8), 1000)


ARANGE = [(5,), (2, 7), (1, 10, 3), (10, 1, -2), (0.5, 3), (0, 1, 0.1),
          (-3.5, 2.25, 0.75), (5, 1), (3.0,), (1, 2, 0.3)]


@pytest.mark.parametrize("args", ARANGE)
@pytest.mark.parametrize("dt", [None, "int32", "float32", "float64", "uint8", "complex128"])
def test_arange(args, dt):
    if dt in ("uint8", "int32") and any(isinstance(a, float) for a in args):
        return
    assert_same(nc.arange(*args, dtype=dt), np.arange(*args, dtype=dt))


def test_arange_keywords_and_errors():
    assert_same(nc.arange(2, stop=8, step=2), np.arange(2, 8, 2))
    assert_same(nc.arange(nc.int8(2), 5), np.arange(np.int8(2), 5))
    with pytest.raises(ValueError):
        nc.arange(0, 5, 0)


LINSPACE = [(0, 1, 5), (1, 0, 7), (0, 10, 1), (0, 10, 0), (-1.5, 2.5, 9),
            (0, 1, 50), (1j, 2, 4), (3, 3, 3)]


@pytest.mark.parametrize("args", LINSPACE)
@pytest.mark.parametrize("endpoint", [True, False])
def test_linspace(args, endpoint):
    want = np.linspace(*args, endpoint=endpoint)
    assert_same(nc.linspace(*args, endpoint=endpoint), want, exact=False, ulps=2)
    if not isinstance(args[0], complex):
        with np.errstate(all="ignore"):
            assert_same(nc.linspace(*args, endpoint=endpoint, dtype=nc.float32),
                        np.linspace(*args, endpoint=endpoint, dtype=np.float32),
                        exact=False, ulps=2)
            assert_same(nc.linspace(*args, endpoint=endpoint, dtype=nc.int32),
                        np.linspace(*args, endpoint=endpoint, dtype=np.int32))
    with pytest.raises(ValueError):
        nc.linspace(0, 1, -1)


@pytest.mark.parametrize("args,kw", [((3,), {}), ((3, 4), {}), ((4, 2), {"k": 1}),
                                     ((4,), {"k": -2}), ((3,), {"k": 5}), ((0,), {})])
@pytest.mark.parametrize("dt", [None, "int8", "bool", "complex64"])
def test_eye(args, kw, dt):
    assert_same(nc.eye(*args, dtype=dt, **kw), np.eye(*args, dtype=dt, **kw))


def test_device_argument():
    assert nc.zeros(2, device="cpu").device == "cpu"
    assert nc.zeros(2, device=nc.cpu).device == nc.cpu
    with pytest.raises(ValueError):
        nc.zeros(2, device="cuda")
    x = nc.ones(3)
    assert x.to_device("cpu") is x
    assert repr(x.device) == "cpu"
