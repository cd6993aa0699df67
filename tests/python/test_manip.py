"""Array attributes and shape manipulation against NumPy: reshape (views
when possible, copy= semantics), permute_dims/transpose/T/mT, swapaxes,
expand_dims, squeeze, flip, broadcast_to/arrays/shapes, astype, copy,
real/imag views, flags, strides, nbytes, the Array API namespace hooks."""
import numpy as np
import pytest

import numc as nc
from conftest import DTYPES, assert_same


@pytest.mark.parametrize("dt", DTYPES)
def test_attributes(dt):
    a = np.zeros((2, 3, 4), dtype=dt)[:, ::-1, 1::2]
    x = nc.asarray(np.ascontiguousarray(np.zeros((2, 3, 4), dtype=dt)))[:, ::-1, 1::2]
    assert x.shape == a.shape and x.ndim == a.ndim and x.size == a.size
    assert x.itemsize == a.itemsize and x.nbytes == a.nbytes
    assert x.strides == a.strides
    assert x.dtype == a.dtype
    assert x.flags.c_contiguous == a.flags.c_contiguous
    assert x.flags["F_CONTIGUOUS"] == a.flags["F_CONTIGUOUS"]
    assert x.flags.aligned and x.flags["A"]
    assert "C_CONTIGUOUS" in repr(x.flags)


def test_reshape():
    a = np.arange(24).reshape(2, 3, 4)
    x = nc.asarray(a)
    for shape in [(24,), (4, 6), (-1, 2), (2, -1, 3), 24, (1, 24, 1)]:
        assert_same(x.reshape(shape), a.reshape(shape))
        assert_same(nc.reshape(x, shape), a.reshape(shape))
    assert_same(x.reshape(6, 4), a.reshape(6, 4))
    assert x.reshape(6, 4).base is x  # a view
    t = x.T
    r = t.reshape(24)  # needs a copy
    assert_same(r, a.T.reshape(24))
    with pytest.raises(ValueError):
        nc.reshape(t, (24,), copy=False)
    with pytest.raises(ValueError):
        x.reshape(5, 5)
    c = nc.reshape(x, (24,), copy=True)
    assert not nc.may_share_memory(c, x)
    assert_same(x.ravel(), a.ravel())
    assert_same(x.flatten(), a.flatten())
    assert not nc.may_share_memory(x.flatten(), x)
    assert_same(x.reshape(24, order="F"), a.reshape(24, order="F"))


def test_transposes():
    a = np.arange(24.0).reshape(2, 3, 4)
    x = nc.asarray(a)
    assert_same(x.T, a.T)
    assert_same(x.mT, np.swapaxes(a, -1, -2))
    assert_same(nc.matrix_transpose(x), np.matrix_transpose(a))
    assert_same(nc.permute_dims(x, (1, 0, 2)), np.permute_dims(a, (1, 0, 2)))
    assert_same(x.transpose(2, 0, 1), a.transpose(2, 0, 1))
    assert_same(x.transpose((2, 0, 1)), a.transpose((2, 0, 1)))
    assert_same(x.transpose(), a.transpose())
    assert_same(nc.transpose(x), np.transpose(a))
    assert_same(nc.swapaxes(x, 0, 2), np.swapaxes(a, 0, 2))
    assert_same(x.swapaxes(-1, 0), a.swapaxes(-1, 0))
    with pytest.raises(ValueError):
        nc.permute_dims(x, (0, 1))
    with pytest.raises((ValueError, nc.AxisError)):
        nc.permute_dims(x, (0, 1, 1))
    with pytest.raises(ValueError):
        nc.arange(3).mT
    assert x.T.base is x


def test_expand_squeeze_flip():
    a = np.arange(6).reshape(1, 2, 1, 3)
    x = nc.asarray(a)
    assert_same(nc.squeeze(x), np.squeeze(a))
    assert_same(nc.squeeze(x, axis=0), np.squeeze(a, axis=0))
    assert_same(x.squeeze((0, 2)), a.squeeze((0, 2)))
    with pytest.raises(ValueError):
        nc.squeeze(x, axis=1)
    assert_same(nc.expand_dims(x, axis=0), np.expand_dims(a, 0))
    assert_same(nc.expand_dims(x, axis=-1), np.expand_dims(a, -1))
    assert_same(nc.expand_dims(x, axis=(0, 3)), np.expand_dims(a, (0, 3)))
    assert_same(nc.expand_dims(x), np.expand_dims(a, 0))
    with pytest.raises(nc.AxisError):
        nc.expand_dims(x, axis=9)
    for axis in [None, 0, 1, -1, (1, 3)]:
        assert_same(nc.flip(x, axis=axis), np.flip(a, axis=axis))


def test_broadcasting_functions():
    a = np.arange(3.0)
    x = nc.asarray(a)
    b = nc.broadcast_to(x, (2, 3))
    assert_same(b, np.broadcast_to(a, (2, 3)))
    assert b.strides == (0, 8) and not b.flags.writeable
    with pytest.raises(ValueError):
        nc.broadcast_to(x, (4,))
    r = nc.broadcast_arrays(x, nc.zeros((2, 1)), 5)
    want = np.broadcast_arrays(a, np.zeros((2, 1)), 5)
    assert isinstance(r, tuple) and len(r) == 3
    for g, w in zip(r, want):
        assert_same(g, w)
    assert nc.broadcast_shapes((2, 1), (3,), ()) == np.broadcast_shapes((2, 1), (3,), ())
    assert nc.broadcast_shapes(5, (1,)) == (5,)
    with pytest.raises(ValueError):
        nc.broadcast_shapes((2,), (3,))


@pytest.mark.parametrize("src", DTYPES)
@pytest.mark.parametrize("dst", DTYPES)
def test_astype(src, dst):
    a = np.array([0, 1, 2, 3, 127], dtype=src)
    x = nc.asarray(a)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = a.astype(dst)
    assert_same(x.astype(dst), want)
    assert_same(nc.astype(x, getattr(nc, dst)), want)
    assert x.astype(dst).base is None
    same = x.astype(src, copy=False)
    assert same is x
    assert nc.astype(x, src, copy=True) is not x
    ok = np.can_cast(src, dst, "same_kind")
    if ok:
        x.astype(dst, casting="same_kind")
    else:
        with pytest.raises(TypeError):
            x.astype(dst, casting="same_kind")


def test_copy_and_views():
    a = np.arange(6.0).reshape(2, 3)
    x = nc.asarray(a, copy=True)
    c = x.copy()
    c[0, 0] = 9
    assert x[0, 0] == 0
    f = x.copy(order="F")
    assert f.flags.f_contiguous and not f.flags.c_contiguous
    assert_same(f, a)
    import copy
    assert_same(copy.copy(x), a)
    assert_same(copy.deepcopy(x), a)
    v = x.view()
    assert v.base is x and v.shape == x.shape
    x.fill(3)
    assert x.tolist() == [[3, 3, 3]] * 2
    assert x.tobytes() == np.full((2, 3), 3.0).tobytes()
    assert x.T.tobytes() == np.full((2, 3), 3.0).T.tobytes()


def test_real_imag():
    a = np.array([1 + 2j, 3 - 4j])
    x = nc.asarray(a, copy=True)
    assert_same(x.real, a.real)
    assert_same(x.imag, a.imag)
    assert x.real.base is x
    x.imag[0] = 10
    x.real = [5, 6]
    assert x.tolist() == [5 + 10j, 6 - 4j]
    x.imag = 0
    assert x.tolist() == [5, 6]
    r = nc.asarray([1.0, 2.0])
    assert_same(r.real, np.array([1.0, 2.0]))
    assert_same(r.imag, np.zeros(2))
    with pytest.raises(TypeError):
        r.imag = 1
    assert_same(nc.asarray([1, 2], dtype=nc.complex64).real, np.array([1, 2], dtype=np.float32))


def test_array_api_hooks():
    x = nc.ones(3)
    assert x.__array_namespace__() is nc
    for v in ["2023.12", "2024.12", "2025.12", None]:
        assert x.__array_namespace__(api_version=v) is nc
    with pytest.raises(ValueError):
        x.__array_namespace__(api_version="2021.01")
    assert x.device == "cpu" and x.to_device(x.device) is x
    with pytest.raises(ValueError):
        x.to_device("gpu")
    assert nc.__array_api_version__ == "2025.12"
    assert isinstance(nc.__version__, str)
    for name in ["asarray", "float64", "ndarray", "sum", "sin", "eval", "eager"]:
        assert name in nc.__all__


def test_namespace_info():
    info = nc.__array_namespace_info__()
    caps = info.capabilities()
    assert caps["max dimensions"] == 64 and caps["boolean indexing"] is True
    assert caps["data-dependent shapes"] is True
    assert info.default_device() == "cpu" and info.devices() == (nc.cpu,)
    assert info.default_dtypes() == {"real floating": nc.float64,
                                     "complex floating": nc.complex128,
                                     "integral": nc.int64, "indexing": nc.int64}
    assert len(info.dtypes()) == 13
    assert set(info.dtypes(kind="signed integer")) == {"int8", "int16", "int32", "int64"}
    assert set(info.dtypes(kind=("bool", "real floating"))) == {"bool", "float32", "float64"}
    with pytest.raises(ValueError):
        info.dtypes(device="gpu")


def test_shape_assignment_reshapes_in_place():
    x, y = np.arange(12.0), nc.arange(12.0)
    x.shape = (3, 4)
    y.shape = (3, 4)
    np.testing.assert_array_equal(np.asarray(y), x)
    x.shape = (-1, 6)
    y.shape = (-1, 6)
    assert y.shape == x.shape == (2, 6)
    v, w = x[:, ::2], y[:, ::2]          # (2, 3) with strides (48, 16)
    v.shape = (6,)
    w.shape = (6,)
    np.testing.assert_array_equal(np.asarray(w), v)
    with pytest.raises(ValueError, match="cannot reshape"):
        y.shape = (5,)
    t = y.T
    with pytest.raises(AttributeError, match="Incompatible shape"):
        t.shape = (12,)
    with pytest.raises(AttributeError):
        del y.shape
    m = memoryview(y)                    # an export keeps its own shape
    y.shape = (12,)
    assert m.shape == (2, 6) and m[1, 1] == 7.0
    z = nc.exp(nc.arange(6.0))           # pending: reshaped lazily
    z.shape = (2, 3)
    np.testing.assert_allclose(np.asarray(z),
                               np.exp(np.arange(6.0)).reshape(2, 3))
