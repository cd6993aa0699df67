"""ndarray.view(dtype) (bytes reinterpreted, numc_view_dtype) and the
numc.ndarray(shape, dtype, buffer, offset) constructor, against NumPy."""
import numpy as np
import pytest

import numc as nc

from conftest import DTYPES

NONBOOL = [d for d in DTYPES if d != "bool"]


def base(dtype, n=24):
    return (np.arange(n) * 37 % 251).astype(dtype)


@pytest.mark.parametrize("src", DTYPES)
@pytest.mark.parametrize("dst", NONBOOL)
def test_view_every_dtype_pair(src, dst):
    x = base(src).reshape(2, 12)
    y = nc.asarray(x.copy())
    try:
        want = x.view(dst)
    except ValueError:
        with pytest.raises(ValueError):
            y.view(dst)
        return
    got = y.view(dst)
    assert got.shape == want.shape and got.dtype == want.dtype
    assert got.tobytes() == want.tobytes()
    assert nc.shares_memory(got, y)


def test_view_writes_alias_and_keywords():
    y = nc.arange(4, dtype=nc.int32)
    v = y.view(dtype=nc.float32)
    v[0] = 1.0
    assert int(y[0]) == np.array(1.0, np.float32).view(np.int32)
    assert y.view(nc.ndarray).shape == (4,)
    assert y.view(type=nc.ndarray).dtype == nc.int32
    assert y.view().shape == (4,)
    with pytest.raises(TypeError):
        y.view(type=int)


@pytest.mark.parametrize("make", [
    lambda m: m.arange(6.0)[::2],                    # last axis strided
    lambda m: m.arange(3, dtype=m.int32),            # 12 bytes -> float64
    lambda m: m.asarray(1.0),                        # 0-d, other size
])
def test_view_errors_as_numpy(make):
    with pytest.raises(ValueError):
        make(np).view(np.int32 if make(np).dtype.itemsize == 8 else np.float64)
    with pytest.raises(ValueError):
        make(nc).view(nc.int32 if make(nc).dtype.itemsize == 8 else nc.float64)


def test_view_as_bool_only_of_zero_one_bytes():
    with pytest.raises(ValueError, match="as bool"):
        nc.arange(3.0).view(nc.bool)
    u = nc.asarray([0, 1, 1, 0], dtype=nc.uint8)
    np.testing.assert_array_equal(np.asarray(u.view(nc.bool)),
                                  [False, True, True, False])
    assert u.view(nc.bool).sum() == 2
    b = nc.asarray([True, False])
    np.testing.assert_array_equal(np.asarray(b.view(nc.uint8)), [1, 0])


def test_view_of_pending_and_transposed():
    x = nc.exp(nc.arange(6.0))                       # pending
    np.testing.assert_array_equal(np.asarray(x.view(nc.int64)),
                                  np.exp(np.arange(6.0)).view(np.int64))
    t = nc.asarray(np.arange(12.0).reshape(3, 4)).T  # same size: any layout
    np.testing.assert_array_equal(np.asarray(t.view(nc.uint64)),
                                  np.arange(12.0).reshape(3, 4).T.view(
                                      np.uint64))
    with pytest.raises(ValueError):                  # other size: contiguous
        t.view(nc.float32)


def test_ndarray_constructor():
    a = nc.ndarray((2, 3))
    assert a.shape == (2, 3) and a.dtype == nc.float64
    assert nc.ndarray(4, dtype=nc.int8).shape == (4,)
    buf = bytearray(np.arange(4.0).tobytes())
    v = nc.ndarray((2, 2), dtype=nc.float64, buffer=buf)
    np.testing.assert_array_equal(np.asarray(v), np.arange(4.0).reshape(2, 2))
    v[1, 1] = -1.0                                   # writes the buffer
    assert np.frombuffer(buf)[3] == -1.0
    w = nc.ndarray(2, dtype=nc.float64, buffer=buf, offset=16)
    np.testing.assert_array_equal(np.asarray(w), [2.0, -1.0])
    r = nc.ndarray(2, dtype=nc.uint8, buffer=b"\x01\x02")
    assert not r.flags.writeable and r.tolist() == [1, 2]
    with pytest.raises(TypeError, match="too small"):
        nc.ndarray(5, buffer=buf)
    with pytest.raises(TypeError, match="too small"):
        nc.ndarray(2, buffer=buf, offset=24)
    with pytest.raises(NotImplementedError):
        nc.ndarray(2, buffer=buf, strides=(16,))
    sub = type("Sub", (nc.ndarray,), {})
    with pytest.raises(TypeError, match="subclassed"):
        sub((2,))
