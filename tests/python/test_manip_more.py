"""Joining, splitting and rearranging against NumPy: concat/concatenate,
stack, unstack, moveaxis, repeat, roll, tile, diff, tril/triu, meshgrid,
expand_dims with tuple axes, flip, squeeze, broadcast_arrays (a tuple, as
the Array API), broadcast_shapes and reshape(copy=), over every dtype, empty
and 0-d arrays, non-contiguous inputs and bad arguments."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import numc as nc
from conftest import DTYPES, assert_same


def same_error(fnp, fnc):
    """Runs fnp(); if it raises, fnc() must raise the same type; otherwise
    returns both results."""
    try:
        want = fnp()
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)):
            fnc()
        return None, None
    return fnc(), want


@pytest.mark.parametrize("dt", DTYPES)
def test_concat_stack_dtypes(dt):
    a = (np.arange(6) % 3).astype(dt).reshape(2, 3)
    b = (np.arange(3) % 2).astype(dt).reshape(1, 3)
    x, y = nc.asarray(a), nc.asarray(b)
    assert_same(nc.concat((x, y)), np.concatenate((a, b)))
    assert_same(nc.concat([x, y], axis=0), np.concatenate([a, b], axis=0))
    assert_same(nc.concat([x, x], axis=-1), np.concatenate([a, a], axis=-1))
    assert_same(nc.concat([x, y], axis=None), np.concatenate([a, b], axis=None))
    assert_same(nc.stack([x, x]), np.stack([a, a]))
    assert_same(nc.stack([x, x], axis=-1), np.stack([a, a], axis=-1))
    assert_same(nc.stack([x[:, ::-1], x.T.T], axis=1), np.stack([a[:, ::-1], a], axis=1))


def test_concat_promotion_and_errors():
    a = np.arange(3, dtype=np.int8)
    b = np.arange(2, dtype=np.float32)
    c = np.array([True])
    assert_same(nc.concat([nc.asarray(a), nc.asarray(b), nc.asarray(c)]),
                np.concatenate([a, b, c]))
    u = np.array([1], dtype=np.uint64)
    i = np.array([-1], dtype=np.int64)
    assert_same(nc.concat([nc.asarray(u), nc.asarray(i)]), np.concatenate([u, i]))
    e = np.zeros((0, 3))
    assert_same(nc.concat([nc.asarray(e), nc.ones((2, 3))]), np.concatenate([e, np.ones((2, 3))]))
    with pytest.raises(ValueError):
        nc.concat([])
    with pytest.raises(ValueError):
        nc.concat([nc.asarray(1.0), nc.asarray(2.0)])
    with pytest.raises(ValueError):
        nc.concat([nc.ones((2, 3)), nc.ones((2, 4))])
    with pytest.raises(ValueError):
        nc.concat([nc.ones((2, 3)), nc.ones(3)])
    with pytest.raises(nc.AxisError):
        nc.concat([nc.ones(3)], axis=1)
    with pytest.raises(ValueError):
        nc.stack([nc.ones(3), nc.ones(2)])
    with pytest.raises(ValueError):
        nc.stack([])
    assert_same(nc.stack([nc.asarray(1.0), nc.asarray(2.0)]), np.stack([1.0, 2.0]))
    with pytest.raises(nc.AxisError):
        nc.stack([nc.ones(3)], axis=2)


@given(st.data())
def test_concat_random(data):
    ndim = data.draw(st.integers(1, 3))
    base = data.draw(hnp.array_shapes(min_dims=ndim, max_dims=ndim, min_side=0, max_side=3))
    axis = data.draw(st.integers(-ndim, ndim - 1))
    n = data.draw(st.integers(1, 4))
    arrs = []
    for _ in range(n):
        shape = list(base)
        shape[axis] = data.draw(st.integers(0, 3))
        arrs.append(data.draw(hnp.arrays(data.draw(st.sampled_from(
            [np.int16, np.float32, np.uint8, np.bool_])), tuple(shape))))
    assert_same(nc.concat([nc.asarray(a) for a in arrs], axis=axis),
                np.concatenate(arrs, axis=axis))


def test_unstack_moveaxis():
    a = np.arange(24).reshape(2, 3, 4)
    x = nc.asarray(a)
    for axis in [0, 1, 2, -1]:
        got = nc.unstack(x, axis=axis)
        want = np.unstack(a, axis=axis)
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
    assert nc.unstack(nc.zeros((0, 2))) == ()
    with pytest.raises(ValueError):
        nc.unstack(nc.asarray(1.0))
    with pytest.raises(nc.AxisError):
        nc.unstack(x, axis=3)
    for src, dst in [(0, 2), (-1, 0), ((0, 1), (2, 0)), ([0], [-1])]:
        assert_same(nc.moveaxis(x, src, dst), np.moveaxis(a, src, dst))
    assert nc.moveaxis(x, 0, 1).base is x
    with pytest.raises(nc.AxisError):
        nc.moveaxis(x, 3, 0)
    with pytest.raises(ValueError):
        nc.moveaxis(x, (0, 0), (1, 2))
    with pytest.raises(ValueError):
        nc.moveaxis(x, (0, 1), (1,))


@pytest.mark.parametrize("dt", ["bool", "int32", "float64", "complex64", "uint16"])
def test_repeat(dt):
    a = (np.arange(6) % 4).astype(dt).reshape(2, 3)
    x = nc.asarray(a)
    for reps, axis in [(2, None), (0, 0), (3, 1), ([1, 2], 0), ([0, 1, 2], -1),
                       (np.array([2, 0, 1]), 1), (1, None)]:
        r = nc.asarray(reps) if isinstance(reps, np.ndarray) else reps
        assert_same(nc.repeat(x, r, axis=axis), np.repeat(a, reps, axis=axis))
    assert_same(x.repeat(2), a.repeat(2))
    assert_same(nc.repeat(x[:, ::-1], 2, axis=1), np.repeat(a[:, ::-1], 2, axis=1))
    assert_same(nc.repeat(nc.asarray(a[0, 0]), 3), np.repeat(a[0, 0], 3))
    with pytest.raises(ValueError):
        nc.repeat(x, -1)
    with pytest.raises(ValueError):
        nc.repeat(x, [1, 2], axis=1)
    with pytest.raises(nc.AxisError):
        nc.repeat(x, 2, axis=2)


def test_roll_tile():
    a = np.arange(12.0).reshape(3, 4)
    x = nc.asarray(a)
    for shift, axis in [(1, None), (-5, None), (2, 0), (-1, 1), ((1, 2), (0, 1)),
                        ((1, 1), (1, 1)), (7, -1), (0, 0), (100, None)]:
        assert_same(nc.roll(x, shift, axis=axis), np.roll(a, shift, axis=axis))
    assert_same(nc.roll(x[::-1, 1::2], 1, axis=0), np.roll(a[::-1, 1::2], 1, axis=0))
    assert_same(nc.roll(nc.zeros((0, 3)), 2, axis=0), np.roll(np.zeros((0, 3)), 2, axis=0))
    assert_same(nc.roll(nc.asarray(5.0), 3), np.roll(np.array(5.0), 3))
    with pytest.raises(ValueError):
        nc.roll(x, (1, 2, 3), axis=(0, 1))
    with pytest.raises(nc.AxisError):
        nc.roll(x, 1, axis=2)
    for reps in [2, (2,), (1, 2), (2, 1, 3), (0, 2), ()]:
        assert_same(nc.tile(x, reps), np.tile(a, reps))
    assert_same(nc.tile(nc.asarray(1), (2, 2)), np.tile(np.array(1), (2, 2)))
    with pytest.raises(ValueError):
        nc.tile(x, (-1,))


@pytest.mark.parametrize("dt", ["bool", "int8", "uint8", "int64", "float32", "complex128"])
def test_diff(dt):
    a = np.array([[1, 4, 9, 16], [0, 2, 1, 7]]).astype(dt)
    x = nc.asarray(a)
    for n in [0, 1, 2, 3, 5]:
        for axis in [0, 1, -1]:
            assert_same(nc.diff(x, n=n, axis=axis), np.diff(a, n=n, axis=axis))
    assert_same(nc.diff(x, prepend=nc.asarray(a[:, :1]), append=nc.asarray(a[:, :2])),
                np.diff(a, prepend=a[:, :1], append=a[:, :2]))
    assert_same(nc.diff(x, axis=0, prepend=a.dtype.type(0)),
                np.diff(a, axis=0, prepend=a.dtype.type(0)))
    with pytest.raises(ValueError):
        nc.diff(nc.asarray(1.0))
    with pytest.raises(ValueError):
        nc.diff(x, n=-1)
    with pytest.raises(nc.AxisError):
        nc.diff(x, axis=2)


@pytest.mark.parametrize("dt", DTYPES)
def test_tril_triu(dt):
    a = (np.arange(2 * 3 * 4) % 5 + 1).astype(dt).reshape(2, 3, 4)
    x = nc.asarray(a)
    for k in [-5, -1, 0, 1, 2, 10]:
        assert_same(nc.tril(x, k=k), np.tril(a, k=k))
        assert_same(nc.triu(x, k=k), np.triu(a, k=k))
        assert_same(nc.tril(x[0].T, k), np.tril(a[0].T, k))
    assert_same(nc.triu(nc.zeros((0, 3), dtype=dt)), np.triu(np.zeros((0, 3), dtype=dt)))


def test_meshgrid():
    a, b, c = np.arange(3.0), np.arange(2, dtype=np.int32), np.array([1.5])
    x, y, z = nc.asarray(a), nc.asarray(b), nc.asarray(c)
    for indexing in ["xy", "ij"]:
        for args in [(x,), (x, y), (x, y, z), ()]:
            nargs = tuple(np.asarray(v) for v in args)
            got = nc.meshgrid(*args, indexing=indexing)
            want = np.meshgrid(*nargs, indexing=indexing)
            assert isinstance(got, tuple) and len(got) == len(want)
            for g, w in zip(got, want):
                assert_same(g, w)
    with pytest.raises(ValueError):
        nc.meshgrid(x, indexing="xx")
    g = nc.meshgrid(nc.ones((2, 2)), y)  # inputs are flattened
    assert [v.shape for v in g] == [(2, 4), (2, 4)]


def test_expand_dims_tuple_and_flip_squeeze():
    a = np.arange(6).reshape(2, 3)
    x = nc.asarray(a)
    for axis in [0, -1, (0, 1), (0, -1), (3, 0), (-1, -2), (1, 3)]:
        assert_same(nc.expand_dims(x, axis=axis), np.expand_dims(a, axis))
    with pytest.raises(ValueError):
        nc.expand_dims(x, axis=(0, 0))
    with pytest.raises((ValueError, nc.AxisError)):
        nc.expand_dims(x, axis=(0, -4))
    with pytest.raises(nc.AxisError):
        nc.expand_dims(x, axis=(4,))
    b = np.arange(24).reshape(2, 1, 3, 1, 4)
    y = nc.asarray(b)
    for axis in [None, 0, 1, -1, (0, 2), (1, -2)]:
        assert_same(nc.flip(y, axis=axis), np.flip(b, axis=axis))
    for axis in [None, 1, (1, 3), -2, (-4,)]:
        assert_same(nc.squeeze(y, axis=axis), np.squeeze(b, axis=axis))
    with pytest.raises(ValueError):
        nc.squeeze(y, axis=0)
    assert_same(nc.flip(nc.asarray(3.0)), np.flip(np.array(3.0)))
    assert nc.flip(y).base is y


def test_broadcast_arrays_shapes():
    r = nc.broadcast_arrays(nc.zeros((2, 1)), nc.arange(3))
    assert isinstance(r, tuple) and [v.shape for v in r] == [(2, 3), (2, 3)]
    assert nc.broadcast_arrays() == ()
    assert nc.broadcast_shapes() == ()
    assert nc.broadcast_shapes((0, 1), (1, 5)) == (0, 5)
    assert nc.broadcast_shapes((3, 1, 2), (4, 1)) == (3, 4, 2)
    with pytest.raises(ValueError):
        nc.broadcast_arrays(nc.zeros(2), nc.zeros(3))


def test_eye_far_diagonals_and_isdtype_keywords():
    for k in [2**63, -2**63 - 5, 2**63 - 1, -2**63, 3, -3]:
        assert_same(nc.eye(2, 3, k=k), np.eye(2, 3, k=k))
    assert_same(nc.eye(0, k=2**63), np.eye(0, k=2**63))
    assert nc.isdtype(dtype=nc.int8, kind="integral") is True
    assert nc.isdtype(nc.float32, kind=("bool", "complex floating")) is False
    with pytest.raises(TypeError):
        nc.isdtype(nc.int8)


def test_reshape_copy():
    a = np.arange(12.0).reshape(3, 4)
    x = nc.asarray(a.copy())
    v = nc.reshape(x, (4, 3), copy=False)
    assert nc.may_share_memory(v, x)
    c = nc.reshape(x, (4, 3), copy=True)
    c[0, 0] = 9
    assert x[0, 0] == 0
    assert_same(nc.reshape(x, (-1,), copy=None), a.reshape(-1))
    with pytest.raises(ValueError):
        nc.reshape(x.T, (12,), copy=False)
    assert_same(nc.reshape(x[:, ::2], (6,)), a[:, ::2].reshape(6))
    with pytest.raises(ValueError):
        nc.reshape(x, (-1, -1))
    with pytest.raises(ValueError):
        nc.reshape(x, (5, -1))
    assert_same(nc.reshape(nc.zeros((0, 3)), (-1, 0)) if False else nc.reshape(nc.zeros((0, 3)), (3, 0)),
                np.zeros((0, 3)).reshape(3, 0))
