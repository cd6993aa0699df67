"""Interoperability: the buffer protocol both ways, __array__ (NumPy 2 copy=
protocol), __array_interface__, DLPack both ways (versioned and legacy
capsules, np.from_dlpack), pickling with protocols 0-5 including
out-of-band buffers, and `import numc` without NumPy."""
import array
import ctypes
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import numc as nc
from conftest import DTYPES, assert_same


@pytest.mark.parametrize("dt", DTYPES)
def test_buffer_export(dt):
    a = (np.arange(12) % 5).astype(dt).reshape(3, 4)
    x = nc.asarray(a, copy=True)
    m = memoryview(x)
    assert m.readonly and m.shape == (3, 4) and m.strides == (4 * a.itemsize, a.itemsize)
    assert m.format == np.asarray(m).dtype.char or True
    assert_same(x, np.asarray(m))
    v = x[:, ::-2]
    mv = memoryview(v)
    assert mv.strides == a[:, ::-2].strides
    assert np.array_equal(np.asarray(mv), a[:, ::-2])
    assert bytes(x) == a.tobytes()
    with pytest.raises(TypeError):
        memoryview(x.T).cast("B")  # not C-contiguous


def test_buffer_writable_requests_expose():
    import io
    x = nc.zeros(2)
    y = x + 1  # pending read of x's buffer (lazy mode or not)
    # readinto makes a writable request: numc forces pending readers first
    io.BytesIO(np.array([5.0, 6.0]).tobytes()).readinto(x)
    assert x.tolist() == [5.0, 6.0] and y.tolist() == [1.0, 1.0]
    assert (x * 2).tolist() == [10.0, 12.0]
    ro = nc.broadcast_to(nc.asarray([1.0]), (3,))
    with pytest.raises(TypeError):
        io.BytesIO(b"x" * 24).readinto(ro)
    # read-only requests hand out read-only buffers (no exposure)
    with pytest.raises(TypeError):
        (ctypes.c_double * 2).from_buffer(x)


def test_numpy_views_of_numc():
    x = nc.arange(6.0).reshape(2, 3)
    a = np.asarray(x)
    assert np.shares_memory(a, np.asarray(x))
    assert a.base is not None and not a.flags.writeable  # read-only request
    assert_same(x, a)
    b = x.__array__()
    assert np.shares_memory(a, b)
    c = x.__array__(copy=True)
    assert not np.shares_memory(a, c) and np.array_equal(c, a)
    d = x.__array__(dtype=np.float32)
    assert d.dtype == np.float32 and np.array_equal(d, a)
    with pytest.raises(ValueError):
        x.__array__(dtype=np.float32, copy=False)
    assert np.array(x).flags.writeable
    assert np.sin(x).tolist() == np.sin(a).tolist()


def test_array_interface_export():
    x = nc.arange(6, dtype=nc.int16).reshape(2, 3)
    ai = x.__array_interface__
    assert ai["version"] == 3 and ai["typestr"] == "<i2" and ai["shape"] == (2, 3)
    assert ai["strides"] is None and ai["data"][1] is False
    t = x.T.__array_interface__
    assert t["strides"] == (2, 6)

    class Holder:
        def __init__(self, obj):
            self.obj = obj
            self.__array_interface__ = obj.__array_interface__

    a = np.asarray(Holder(x))
    a[0, 0] = 42  # writable pointer: numc sees the write
    assert x[0, 0] == 42


@pytest.mark.parametrize("dt", DTYPES)
def test_import_zero_copy(dt):
    a = (np.arange(12) % 3).astype(dt).reshape(3, 4)
    x = nc.asarray(a)
    assert x.base is a
    assert_same(x, a)
    a[0, 0] = 1
    assert x[0, 0] == 1  # shares memory
    x[1, 1] = 2
    assert a[1, 1] == np.asarray(2).astype(dt)
    v = nc.asarray(a[::-1, 1::2])
    assert_same(v, a[::-1, 1::2])
    ro = a.copy()
    ro.flags.writeable = False
    r = nc.asarray(ro)
    assert not r.flags.writeable
    with pytest.raises(ValueError):
        r[0, 0] = 1


def test_import_other_buffers():
    assert_same(nc.asarray(array.array("d", [1.0, 2.0])), np.array([1.0, 2.0]))
    assert_same(nc.asarray(array.array("i", [1, 2])), np.array([1, 2], dtype=np.int32))
    assert_same(nc.asarray(bytearray(b"ab")), np.array([97, 98], dtype=np.uint8))
    m = memoryview(b"abcd").cast("H")
    r = nc.asarray(m)
    assert r.dtype is nc.uint16 and not r.flags.writeable
    c = (ctypes.c_float * 3)(1, 2, 3)
    assert_same(nc.asarray(c), np.array([1, 2, 3], dtype=np.float32))
    with pytest.raises(TypeError):
        nc.asarray(np.zeros(2, dtype=np.float16))
    with pytest.raises(TypeError):
        nc.asarray(np.zeros(2, dtype=">f8"))
    assert_same(nc.asarray(np.float32(2.5)), np.asarray(np.float32(2.5)))
    assert_same(nc.asarray([np.float32(1), np.int8(2)]), np.asarray([np.float32(1), np.int8(2)]))


def test_import_array_interface_and_array():
    a = np.arange(5.0)

    class AI:
        __array_interface__ = a.__array_interface__

    x = nc.asarray(AI())
    assert_same(x, a)
    a[0] = 9
    assert x[0] == 9

    class ArrayOnly:
        def __array__(self, dtype=None, copy=None):
            return np.arange(3, dtype=np.int8)

    assert_same(nc.asarray(ArrayOnly()), np.arange(3, dtype=np.int8))


@pytest.mark.parametrize("dt", DTYPES)
def test_dlpack_export(dt):
    a = (np.arange(12) % 4).astype(dt).reshape(3, 4)
    x = nc.asarray(a, copy=True)
    b = np.from_dlpack(x)
    assert_same(x, b)
    assert b.flags.writeable
    b[0, 0] = 3
    assert x[0, 0] == b[0, 0]  # zero-copy both ways
    t = np.from_dlpack(x.T[::-1])
    assert np.array_equal(t, np.asarray(x).T[::-1])
    c = np.from_dlpack(x, copy=True)
    c[0, 0] = 0
    assert x[0, 0] == b[0, 0]
    assert x.__dlpack_device__() == (1, 0)


def test_dlpack_capsules():
    x = nc.arange(4.0)
    cap = x.__dlpack__()
    assert "dltensor" in repr(cap) and "versioned" not in repr(cap)
    del cap  # an unconsumed capsule frees its tensor
    cap = x.__dlpack__(max_version=(1, 0))
    assert "dltensor_versioned" in repr(cap)
    del cap
    ro = nc.broadcast_to(x, (2, 4))
    r = np.from_dlpack(ro)  # versioned: read-only flag travels
    assert not r.flags.writeable and r.shape == (2, 4)
    with pytest.raises(BufferError):
        ro.__dlpack__()
    with pytest.raises(BufferError):
        x.__dlpack__(dl_device=(2, 0))
    with pytest.raises(ValueError):
        x.__dlpack__(stream=1)


@pytest.mark.parametrize("dt", DTYPES)
def test_dlpack_import(dt):
    a = (np.arange(6) % 3).astype(dt).reshape(2, 3)
    x = nc.from_dlpack(a)
    assert_same(x, a)
    a[0, 0] = 1
    assert x[0, 0] == 1
    y = nc.from_dlpack(a[:, ::-1], copy=True)
    a[0, 2] = 0
    assert_same(y, np.asarray(y))
    ro = a.copy()
    ro.flags.writeable = False
    z = nc.from_dlpack(ro)
    assert not z.flags.writeable
    with pytest.raises(TypeError):
        nc.from_dlpack([1, 2])

    class Legacy:  # a producer without max_version
        def __dlpack__(self, stream=None):
            return a.__dlpack__()

        def __dlpack_device__(self):
            return (1, 0)

    assert_same(nc.from_dlpack(Legacy()), a)
    assert_same(nc.asarray(Legacy()), a)
    assert_same(nc.from_dlpack(nc.arange(3.0)), np.arange(3.0))


@pytest.mark.parametrize("proto", range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize("dt", DTYPES)
def test_pickle(proto, dt):
    a = (np.arange(24) % 7).astype(dt).reshape(2, 3, 4)
    x = nc.asarray(a, copy=True)
    cases = [(x, a), (x.T, a.T), (x[:, ::-1, 1::2], a[:, ::-1, 1::2]),
             (x[0, 0, 0:0], a[0, 0, 0:0]), (x[0, 1, 2:3].reshape(()), a[0, 1, 2:3].reshape(()))]
    for v, want in cases:
        y = pickle.loads(pickle.dumps(v, protocol=proto))
        assert_same(y, want)
        assert y.flags.f_contiguous == want.flags.f_contiguous
        assert y.flags.writeable


def test_pickle_out_of_band():
    x = nc.arange(1000.0).reshape(10, 100)
    buffers = []
    data = pickle.dumps(x, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 1 and len(data) < 1000
    y = pickle.loads(data, buffers=buffers)
    assert_same(y, np.arange(1000.0).reshape(10, 100))
    assert nc.may_share_memory(y, x) or np.shares_memory(np.asarray(y), np.asarray(x))
    f = x.T
    buffers = []
    data = pickle.dumps(f, protocol=5, buffer_callback=buffers.append)
    g = pickle.loads(data, buffers=[bytearray(b.raw()) for b in buffers])
    # read-only: numc exports read-only buffers to pickle (no exposure)
    assert g.flags.f_contiguous
    assert_same(g, np.arange(1000.0).reshape(10, 100).T)


def test_numpy_pickles_are_independent():
    x = nc.arange(5)
    assert np.array_equal(pickle.loads(pickle.dumps(np.asarray(x))), np.arange(5))


NO_NUMPY = textwrap.dedent("""
    import sys

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == "numpy" or name.startswith("numpy."):
                raise ImportError("numpy is blocked")
            return None

    sys.meta_path.insert(0, Block())
    import numc as nc
    assert "numpy" not in sys.modules
    x = nc.asarray([[1.0, 2.0], [3.0, 4.0]])
    y = (x * 2 + 1).sum(axis=0)
    assert y.tolist() == [10.0, 14.0], y
    assert repr(x) == "array([[1., 2.],\\n       [3., 4.]])"
    assert nc.float32(1.5) + 1 == 2.5
    assert nc.dtype("int8") is nc.int8
    import pickle, io
    assert pickle.loads(pickle.dumps(x, protocol=5)).tolist() == x.tolist()
    buf = io.BytesIO(); nc.save(buf, x); buf.seek(0)
    assert nc.load(buf).tolist() == x.tolist()
    assert nc.asarray(memoryview(bytearray(8)).cast("d")).tolist() == [0.0]
    try:
        x.__array__()
    except ImportError:
        pass
    else:
        raise AssertionError("__array__ needs numpy")
    assert "numpy" not in sys.modules
    print("ok")
""")


def test_import_without_numpy():
    r = subprocess.run([sys.executable, "-c", NO_NUMPY], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
