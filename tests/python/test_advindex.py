"""Advanced indexing against NumPy: integer arrays (negative, repeated,
empty, broadcast), boolean masks (0-d included), mixed basic/advanced
indices with NumPy's axis placement, the same forms in __setitem__ (value
broadcasting, casting, repeated indices: last write wins), errors
(IndexError out of bounds, shape mismatches), bases that are
non-contiguous or negative-stride views, and copy (not view) results."""
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import numc as nc
from conftest import DTYPES, assert_same


def to_nc(idx):
    """The numc form of a NumPy index: arrays become numc arrays (lists
    and scalars stay as they are)."""
    if isinstance(idx, tuple):
        return tuple(to_nc(i) for i in idx)
    if isinstance(idx, np.ndarray):
        return nc.asarray(idx)
    return idx


def check_get(a, idx, x=None):
    """x[idx] (x = a as numc unless given) equals a[idx], or both raise the
    same exception type."""
    if x is None:
        x = nc.asarray(a)
    try:
        want = a[idx]
    except (IndexError, ValueError, TypeError) as e:
        with pytest.raises(type(e)):
            x[to_nc(idx)]
        return None
    got = x[to_nc(idx)]
    if isinstance(want, np.generic):
        assert isinstance(got, nc.generic)
        assert got.item() == want.item() or (want != want)
        return got
    assert isinstance(got, nc.ndarray)
    assert_same(got, want)
    return got


def check_set(a, idx, value, x=None):
    """x[idx] = value does to x what a[idx] = value does to a."""
    if x is None:
        x = nc.asarray(a.copy())
    ref = a.copy() if x is not None else a
    nvalue = nc.asarray(value) if isinstance(value, np.ndarray) else value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ref[idx] = value
        except (IndexError, ValueError, TypeError, OverflowError) as e:
            with pytest.raises(type(e)):
                x[to_nc(idx)] = nvalue
            return x
    x[to_nc(idx)] = nvalue
    assert_same(x, ref)
    return x


A4 = np.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5)


@pytest.mark.parametrize("idx", [
    np.array([0, 1]),
    np.array([-1, 0, -2]),
    np.array([[1, 0], [0, 1]]),
    [1, 1, 0],
    (np.array([0, 1]), np.array([2, 0])),
    (np.array([0, 1]), np.array([[2], [0]])),  # broadcast
    (slice(None), [0, 1], slice(None), [1, 2]),  # separated: dims first
    ([0], slice(None), [1]),  # separated
    (slice(None), [0, 2], [1, 3]),  # adjacent: in place
    (slice(None), [[0], [2]], [1, 3]),
    (Ellipsis, [0, 1]),
    (Ellipsis, [0, 1], 2),  # int + array adjacent
    (1, slice(None), [0, 1]),  # int counts as advanced: separated
    (None, [0, 1], None, slice(1, 3)),
    ([0, 1], None, [1, 2]),  # newaxis separates
    (np.array([], dtype=np.int64),),
    (slice(None), np.array([], dtype=np.intp)),
    (np.zeros((0, 2), dtype=np.int32), [0, 1]),
    (slice(None, None, -1), [2, 0], slice(None, None, 2)),
    (np.int64(1), [0, 2]),
    np.array([0, 1], dtype=np.uint8),
    np.array([1, 0], dtype=np.uint64),
    np.array(1),  # 0-d integer array: like an int but advanced
    (np.array(1), slice(None), np.array(2)),
])
def test_int_array_get_table(idx):
    check_get(A4, idx)


@pytest.mark.parametrize("idx", [
    np.array([True, False]),
    A4 > 60,
    A4[0] % 2 == 0,
    (slice(None), A4[0, :, :, 0] > 5),
    (Ellipsis, np.array([True, False, True, True, False])),
    np.array(True),
    np.array(False),
    (np.array(True), 0),
    (Ellipsis, np.array(False)),
    True,
    False,
    (True, [0, 1]),
    (np.array([True, True]), slice(None), [1, 0]),
    (np.array([True, False]), [0, 2]),  # bool + int arrays broadcast
    [True, False],  # a list of bools is a mask
    np.zeros((2, 3), dtype=bool),
    np.zeros((0,), dtype=bool),  # wrong length
    np.array([True, False, True]),  # wrong length
])
def test_bool_get_table(idx):
    check_get(A4, idx)


@pytest.mark.parametrize("idx", [
    np.array([2]),
    np.array([-3]),
    (0, np.array([3])),
    (slice(None), [0, 4]),
    (np.array([0, 1]), np.array([0, 1, 2])),  # shape mismatch
    np.array([0.5]),  # float index array
    [0.0, 1.0],
    (slice(None), np.array([True])),
    np.array([[True, False], [False, True], [True, True]]),
])
def test_get_errors(idx):
    check_get(A4, idx)


def test_get_errors_exact_types():
    x = nc.arange(5)
    with pytest.raises(IndexError, match="out of bounds"):
        x[[5]]
    with pytest.raises(IndexError, match="out of bounds"):
        x[nc.asarray([-6])]
    with pytest.raises(IndexError):
        x[nc.asarray([0.0])]
    with pytest.raises(IndexError):
        x[[0, 1], [0]]
    with pytest.raises(IndexError):
        x[nc.zeros(4, dtype=nc.bool)]
    with pytest.raises(IndexError):
        nc.zeros(0)[[0]]


@pytest.mark.parametrize("dt", DTYPES)
def test_every_dtype(dt):
    a = (np.arange(24) % 7).astype(dt).reshape(4, 6)
    x = nc.asarray(a)
    check_get(a, ([3, 0, -1],), x)
    check_get(a, (slice(None), [5, 5, 0]), x)
    check_get(a, a != 0, x)
    check_set(a, ([1, 2], [0, 3]), np.array([1, 0], dtype=dt))
    check_set(a, a != 0, 1)
    check_set(a, (a[:, 0] != 0,), np.zeros(6, dtype=dt))


@pytest.mark.parametrize("base", ["contig", "strided", "negative", "transposed"])
def test_noncontiguous_bases(base):
    big = np.arange(7 * 8, dtype=np.float64).reshape(7, 8)
    xb = nc.asarray(big.copy())
    views = {
        "contig": (lambda t: t),
        "strided": (lambda t: t[1::2, ::3]),
        "negative": (lambda t: t[::-1, ::-2]),
        "transposed": (lambda t: t.T),
    }
    f = views[base]
    a, x = f(big), f(xb)
    for idx in [([0, -1, 1],), (slice(None), [1, 0]), (a > 20,),
                ([[0], [1]], [0, 1]), (Ellipsis, [-1])]:
        check_get(a, idx, x)
    # set through the view writes into the base
    ref_big = big.copy()
    rv = f(ref_big)
    rv[[0, -1], 1] = -5.0
    x[[0, -1], 1] = -5.0
    assert_same(xb, ref_big)
    m = rv > 30
    rv[m] = 0.5
    x[nc.asarray(m)] = 0.5
    assert_same(xb, ref_big)


def test_result_is_a_copy(lazy):
    a = np.arange(10.0)
    x = nc.asarray(a.copy())
    y = x[[1, 2, 3]]
    z = x[x > 4]
    assert y.base is None or not nc.may_share_memory(y, x)
    x[1] = 100
    x[5] = -1
    assert y.tolist() == [1, 2, 3]
    assert z.tolist() == [5, 6, 7, 8, 9]
    # a pending base is read when the gather is computed, with the values it
    # had when indexed
    w = x * 2
    g = w[[0, 1]]
    x[0] = 7
    assert g.tolist() == [0, 200]


def test_index_arrays_read_at_call(lazy):
    x = nc.arange(5) * 10
    i = nc.asarray([0, 1])
    y = x[i]
    i[0] = 4
    assert y.tolist() == [0, 10]
    pending = nc.asarray([1, 2]) + 1
    assert x[pending].tolist() == [20, 30]


def test_repeated_indices_set():
    a = np.zeros(5)
    check_set(a, ([1, 1, 3, 1],), np.array([1.0, 2.0, 3.0, 4.0]))
    check_set(a, (np.array([0, 0, 0]),), 7.0)
    b = np.zeros((3, 3))
    check_set(b, ([0, 0], [1, 1]), np.array([5.0, 6.0]))
    check_set(b, ([[0], [0]], [1, 2]), np.arange(4.0).reshape(2, 2))


@pytest.mark.parametrize("idx,vshape", [
    (([0, -1],), (4, 5)),
    (([0, -1],), (5,)),
    (([0, -1],), (2, 1, 1)),
    (([0, -1],), (1, 2, 3, 4, 5)),  # leading length-1 axes ignored
    ((slice(None), [0, 1], slice(None), [1, 2]), (2, 2, 4)),
    ((slice(None), [0, 1], slice(None), [1, 2]), (4,)),
    ((slice(None), [0, 1], slice(None), [1, 2]), (3,)),  # mismatch
    (([0], slice(None), [1]), (1, 3, 5)),
    ((A4 > 50,), ()),
    ((A4 > 50,), (69,)),
    ((A4 > 50,), (2,)),  # mismatch
    ((Ellipsis, [0, 0, 1]), (3,)),
    ((np.array(True),), (2, 3, 4, 5)),
    ((np.array(False),), (7,)),  # NumPy: broadcast to (0, ...) fails
    ((np.array([], dtype=int),), ()),
    ((np.array([], dtype=int),), (0, 3, 4, 5)),
    # extra leading axes of an empty value fold away (NumPy reshapes it)
    ((np.array([], dtype=int),), (2, 0, 3, 4, 5)),
    ((np.array([], dtype=int),), (0, 0, 3, 4, 5)),
    ((np.array([], dtype=int),), (3, 0, 4, 5)),  # mismatch
    ((np.array([], dtype=int), 0), (2, 0, 4, 5)),
])
def test_set_broadcasting(idx, vshape):
    a = np.zeros(A4.shape)
    v = np.arange(int(np.prod(vshape)), dtype=np.float64).reshape(vshape) + 1
    check_set(a, idx, v)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("value", [1, -1, 2.5, True, 1 + 1j, 300,
                                   np.array([1.5, 2.5]), np.array([1, 0], dtype=np.uint8)])
def test_set_casting(dt, value):
    a = np.zeros(4, dtype=dt)
    check_set(a, ([0, 3],), value)
    check_set(a, (np.array([True, False, False, True]),), value)


def test_set_errors():
    x = nc.zeros(5)
    with pytest.raises(IndexError):
        x[[5]] = 1
    with pytest.raises(IndexError):
        x[[-6]] = 1
    with pytest.raises(IndexError):
        x[nc.asarray([True, False])] = 1
    with pytest.raises(ValueError):
        x[[0, 1]] = nc.ones(3)
    assert x.tolist() == [0] * 5  # nothing was written
    x.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        x[[0]] = 1
    with pytest.raises(ValueError, match="read-only"):
        x[x == 0] = 1
    y = nc.zeros(3, dtype=nc.int8)
    with pytest.raises(OverflowError):
        y[[0]] = 300
    with pytest.raises(TypeError):
        y[[0]] = "x"


def test_set_value_overlaps_base(lazy):
    a = np.arange(6.0)
    x = nc.asarray(a.copy())
    x[[1, 2, 3]] = x[[0, 1, 2]]
    a[[1, 2, 3]] = a[[0, 1, 2]]
    assert_same(x, a)
    m = a > 2
    x[x > 2] = x[::-1][nc.asarray(m)]
    a[m] = a[::-1][m]
    assert_same(x, a)
    y = x + 1  # pending reader of x sees the old values
    x[[0]] = 100
    assert y[0] == a[0] + 1


def test_zero_d_bases():
    a = np.array(5.0)
    x = nc.asarray(a.copy())
    check_get(a, np.array(True), x)
    check_get(a, np.array(False), x)
    check_get(a, (None, np.array(True)), x)
    check_get(a, (Ellipsis, np.array(True)), x)
    check_set(a, np.array(True), 3.0)
    check_set(a, np.array(False), 3.0)
    with pytest.raises(IndexError):
        x[[0]]


def test_element_set_refuses_sequences():
    for idx in [0, (0,), np.array(0), -1]:
        for v in [[5], np.array([5]), [[5]]]:
            check_set(np.zeros(3), idx, v)
            check_set(np.zeros((1, 1)), (0, idx), v)
    check_set(np.zeros(()), (), np.array([5]))
    check_set(np.zeros(()), Ellipsis, np.array([5]))
    check_set(np.zeros(3), 0, np.array(5))


@given(st.data())
def test_random_int_array_get_set(data):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=4))
    a = np.arange(int(np.prod(shape)), dtype=np.int32).reshape(shape)
    idx = data.draw(hnp.integer_array_indices(shape, result_shape=hnp.array_shapes(
        min_dims=0, max_dims=2, min_side=0, max_side=3)))
    # mix in basic indices at random positions
    idx = list(idx)
    if data.draw(st.booleans()) and len(idx) < len(shape):
        pos = data.draw(st.integers(0, len(idx)))
        idx.insert(pos, data.draw(st.sampled_from([slice(None), slice(None, None, -1),
                                                   slice(1, None), 0, Ellipsis])))
    idx = tuple(idx)
    x = nc.asarray(a)
    check_get(a, idx, x)
    try:
        tshape = a[idx].shape
    except IndexError:
        return
    v = data.draw(hnp.arrays(np.int32, hnp.broadcastable_shapes(tshape, min_side=0)))
    check_set(a, idx, v)


@given(st.data())
def test_random_bool_mask(data):
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    a = data.draw(hnp.arrays(np.float64, shape))
    k = data.draw(st.integers(0, len(shape)))
    lead = data.draw(st.integers(0, len(shape) - k))
    mask = data.draw(hnp.arrays(np.bool_, shape[lead:lead + k]))
    idx = (slice(None),) * lead + (mask,)
    x = nc.asarray(a)
    check_get(a, idx, x)
    check_set(a, idx, -1.5)
    n = int(mask.sum())
    v = np.arange(n, dtype=np.float64).reshape((n,) + (1,) * (len(shape) - lead - k))
    check_set(a, idx, v)


def test_take_and_take_along_axis():
    a = np.arange(24.0).reshape(2, 3, 4)
    x = nc.asarray(a)
    for ind, axis in [([0, 2], 1), ([[1], [0]], 0), ([-1, 0], -1), ([5, 23], None),
                      (np.array([], dtype=int), 2), (1, 1), (np.array([True, False]), 0)]:
        want = np.take(a, ind, axis=axis)
        got = nc.take(x, nc.asarray(ind) if isinstance(ind, np.ndarray) else ind, axis=axis)
        assert_same(got, want)
        assert_same(x.take(ind, axis=axis), want)
    with pytest.raises(IndexError):
        nc.take(x, [3], axis=1)
    with pytest.raises(IndexError):
        nc.take(nc.zeros((0, 2)), [0], axis=0)
    with pytest.raises((TypeError, IndexError)):
        nc.take(x, nc.asarray([0.5]), axis=0)
    with pytest.raises(nc.AxisError):
        nc.take(x, [0], axis=3)
    # empty operands: NumPy reads (and checks) no index when an axis before
    # `axis` is empty
    for shape, ind, axis in [((0, 2), [5], 1), ((2, 0, 1), [-7, 3], 2), ((2, 3, 0), [5], 1),
                             ((2, 0, 0), [1], 1), ((0,), [1], None), ((0, 3), [], 0)]:
        e = np.zeros(shape)
        try:
            want = np.take(e, ind, axis=axis)
        except IndexError:
            with pytest.raises(IndexError):
                nc.take(nc.asarray(e), ind, axis=axis)
            continue
        assert_same(nc.take(nc.asarray(e), ind, axis=axis), want)
    # take_along_axis with argsort indices
    b = np.array([[3.0, 1.0, 2.0], [0.0, -1.0, 5.0]])
    y = nc.asarray(b)
    for axis in [0, 1, -1]:
        i = np.argsort(b, axis=axis)
        assert_same(nc.take_along_axis(y, nc.asarray(i), axis=axis),
                    np.take_along_axis(b, i, axis=axis))
    i = np.array([[0], [2]])
    assert_same(nc.take_along_axis(y, nc.asarray(i), axis=1), np.take_along_axis(b, i, axis=1))
    assert_same(nc.take_along_axis(y, nc.asarray(i), -1), np.take_along_axis(b, i, axis=-1))
    with pytest.raises(ValueError):
        nc.take_along_axis(y, nc.asarray([0, 1]), axis=0)
    with pytest.raises(IndexError):
        nc.take_along_axis(y, nc.asarray([[3]]), axis=1)


def test_put():
    a = np.zeros((3, 4))
    x = nc.asarray(a.copy())
    for ind, vals in [([0, 5, -1], [1.0, 2.0, 3.0]), ([1, 2, 3, 4], [7.0, 8.0]),
                      ([0], 9), (np.array([], dtype=int), [1.0]), ([], [])]:
        np.put(a, ind, vals)
        nc.put(x, ind, vals)
        assert_same(x, a)
    x.put([2], [4.5])
    a.put([2], [4.5])
    assert_same(x, a)
    with pytest.raises(IndexError):
        nc.put(x, [12], [1.0])
    # through a non-contiguous view
    b = np.arange(12.0).reshape(3, 4)
    y = nc.asarray(b.copy())
    np.put(b.T, [0, 1], [-1, -2]) if b.T.flags.writeable else None
    v = y.T
    nc.put(v, [0, 1], [-1, -2])
    assert_same(y, b)


@pytest.mark.parametrize("dt", DTYPES)
def test_scalar_subscript(dt):
    """numc scalars index like NumPy scalars (as 0-d arrays)."""
    s = nc.asarray(np.ones((), dtype=dt))[()]
    n = np.ones((), dtype=dt)[()]
    assert isinstance(s, nc.generic)
    for k in [(), Ellipsis, None, True, False, np.array(True), (None, Ellipsis, None)]:
        got, want = s[to_nc(k)], n[k]
        if isinstance(want, np.generic):
            assert isinstance(got, nc.generic) and got == want
        else:
            assert_same(got, want)
    for k in [0, slice(None), [0]]:
        with pytest.raises(IndexError):
            s[k]


def test_set_empty_result_accepts_empty_value_of_more_dims():
    # NumPy lets (0, 0) broadcast into an empty (0,) result; (2, 3) still fails
    a = np.arange(4)
    empty = np.array([], dtype=np.int64)
    check_set(a, (empty,), np.zeros((0, 0)))
    check_set(a, (empty,), np.zeros((2, 3)))
    check_set(a, (empty,), np.zeros((1, 0)))
