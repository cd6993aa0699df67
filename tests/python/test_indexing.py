"""Basic indexing on read and write: integers (Python, numc, NumPy, objects
with __index__), slices with any step, ..., None; scalars for full integer
indices; views share memory like NumPy's (writes through a view are seen by
the base and the reverse); __setitem__ broadcasting and casting; errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import numc as nc
from conftest import DTYPES, assert_same


class Idx:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


@given(st.data())
def test_basic_indices_random(data):
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5))
    a = np.arange(int(np.prod(shape)), dtype=np.int32).reshape(shape)
    idx = data.draw(hnp.basic_indices(shape, allow_newaxis=True, allow_ellipsis=True))
    x = nc.asarray(a)
    want = a[idx]
    got = x[idx]
    if np.isscalar(want) or isinstance(want, np.generic):
        assert isinstance(got, nc.generic) and got.item() == want.item()
        assert got.dtype is nc.int32
    else:
        assert isinstance(got, nc.ndarray)
        assert_same(got, want)
        if want.size:
            assert got.strides == want.strides


@given(st.data())
def test_setitem_random(data):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5))
    a = np.zeros(shape, dtype=np.float64)
    idx = data.draw(hnp.basic_indices(shape, allow_newaxis=True, allow_ellipsis=True))
    target_shape = a[idx].shape
    vshape = data.draw(hnp.broadcastable_shapes(target_shape, max_dims=len(target_shape),
                                                min_side=0))
    v = data.draw(hnp.arrays(np.int16, vshape))
    x = nc.asarray(a.copy())
    try:
        a[idx] = v
    except ValueError:
        with pytest.raises(ValueError):
            x[idx] = nc.asarray(v)
        return
    x[idx] = nc.asarray(v)
    assert_same(x, a)
    x[idx] = 2.5
    a[idx] = 2.5
    assert_same(x, a)


def test_integer_kinds():
    a = np.arange(12).reshape(3, 4)
    x = nc.asarray(a)
    for i in [1, -1, nc.int8(2), np.int64(1), Idx(2), nc.asarray(1), nc.uint16(0)]:
        r = x[i]
        assert isinstance(r, nc.ndarray)
        assert r.tolist() == a[int(i)].tolist()
    assert x[1, 2] == 6 and type(x[1, 2]) is nc.int64
    assert x[-1][-1] == 11
    assert x[Idx(1), nc.int16(3)] == 7
    z = nc.asarray(5.5)
    assert isinstance(z[()], nc.float64) and z[()] == 5.5
    assert isinstance(z[...], nc.ndarray) and z[...].shape == ()
    assert x[()].shape == (3, 4)
    assert x[None].shape == (1, 3, 4)
    assert x[..., None, 1].shape == (3, 1)


BAD = [1.0, "a", nc.float64(1), {}, object()]


def test_index_errors():
    x = nc.arange(6).reshape(2, 3)
    a = np.arange(6).reshape(2, 3)
    for k in BAD:
        with pytest.raises(IndexError) as e:
            x[k]
        assert "valid indices" in str(e.value)
        with pytest.raises(IndexError):
            x[k] = 0
    for k in [5, (0, 5), (-3,)]:
        with pytest.raises(IndexError) as ours:
            x[k]
        with pytest.raises(IndexError) as theirs:
            a[k]
        assert str(ours.value) == str(theirs.value)
    with pytest.raises(IndexError):
        x[0, 0, 0]
    with pytest.raises(IndexError):
        x[..., ...]
    with pytest.raises(ValueError):
        x[::0]
    with pytest.raises(IndexError):
        x[2**70]
    with pytest.raises(ValueError):
        del x[0]


def test_views_share_memory(lazy):
    a = np.arange(12.0).reshape(3, 4)
    x = nc.asarray(a, copy=True)
    v = x[1:, ::-2]
    assert v.base is x and nc.may_share_memory(x, v)
    vv = v[0]
    assert vv.base is x  # bases collapse to the owner, as NumPy
    v[...] = -1
    a[1:, ::-2] = -1
    assert_same(x, a)
    x[2, 3] = 100
    a[2, 3] = 100
    assert_same(v, a[1:, ::-2])
    t = x.T
    t[0, 0] = 7
    assert x[0, 0] == 7 and t.base is x
    assert x.base is None and x.flags.owndata and not v.flags.owndata
    y = x + 1  # pending result
    x[0, 0] = 0  # write after a lazy read: y keeps the old values
    assert y[0, 0] == 8


@pytest.mark.parametrize("dt", DTYPES)
def test_setitem_casting(dt):
    a = np.zeros(4, dtype=dt)
    x = nc.asarray(a.copy())
    for val in [1, True, 2.7, [1, 0, 1, 0], np.array([3, 2, 1, 0], dtype=np.uint8),
                nc.asarray([1.5, 2.5, 3.5, 4.5]), 1 + 2j, nc.complex128(1 + 1j), -1, 300]:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                ref = a.copy()
                ref[:] = val if not isinstance(val, (nc.ndarray, nc.generic)) else np.asarray(val)
            except Exception as e:  # noqa: BLE001
                with pytest.raises(type(e)):
                    x[:] = val
                if not isinstance(val, list):
                    with pytest.raises(type(e)):
                        x[0] = val
                continue
            x[:] = val
            assert_same(x, ref)
            if not isinstance(val, (list, np.ndarray, nc.ndarray)):
                x[1] = val
                ref[1] = val if not isinstance(val, nc.generic) else np.asarray(val)
                assert_same(x, ref)


def test_setitem_broadcast_errors_and_readonly():
    x = nc.zeros((2, 3))
    with pytest.raises(ValueError):
        x[:] = nc.ones(4)
    x[:, 0] = [1, 2]
    assert x.tolist() == [[1, 0, 0], [2, 0, 0]]
    x[0] = nc.ones(3)
    x.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        x[0, 0] = 1
    with pytest.raises(ValueError, match="read-only"):
        x[:] = 1
    x.flags.writeable = True
    b = nc.broadcast_to(x, (2, 2, 3))
    assert not b.flags.writeable
    with pytest.raises(ValueError):
        b.flags.writeable = True
    with pytest.raises(TypeError):
        x[0] = "abc"


def test_iteration_and_len(mode):
    x = nc.arange(6).reshape(3, 2)
    assert len(x) == 3
    rows = list(x)
    assert all(isinstance(r, nc.ndarray) for r in rows)
    assert [r.tolist() for r in rows] == [[0, 1], [2, 3], [4, 5]]
    assert [type(v) for v in nc.arange(3.0)] == [nc.float64] * 3
    assert list(nc.zeros((0, 2))) == []
    total = 0
    y = nc.arange(100) * 2
    for i in range(len(y)):
        total += int(y[i])
    assert total == 9900


def test_item_and_tolist():
    a = np.arange(6, dtype=np.uint8).reshape(2, 3)
    x = nc.asarray(a)
    assert x.item(4) == a.item(4) and type(x.item(4)) is int
    assert x.item(1, 2) == a.item(1, 2)
    assert x.item((1, 0)) == a.item((1, 0))
    assert x.item(-1) == 5
    with pytest.raises(ValueError):
        x.item()
    with pytest.raises(IndexError):
        x.item(6)
    assert nc.asarray([[2.5]]).item() == 2.5
    for dt in DTYPES:
        b = (np.arange(6) % 3).astype(dt).reshape(3, 2)
        assert nc.asarray(b).tolist() == b.tolist()
        assert nc.asarray(b)[:, ::-1].tolist() == b[:, ::-1].tolist()
    assert nc.asarray(3.5).tolist() == 3.5
