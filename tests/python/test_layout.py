"""Memory order (order='C'/'F'/'A'/'K') of creation functions, reshape,
ravel, flatten, copy and astype, and ndarray.byteswap / resize against
NumPy: values, shapes, strides and contiguity flags."""
import numpy as np
import pytest

import numc as nc


def same_layout(got, want):
    assert got.shape == want.shape
    assert got.dtype.name == want.dtype.name
    if want.size:  # NumPy's strides of empty arrays vary by function
        assert got.strides == want.strides, (got.strides, want.strides)
    assert got.flags.c_contiguous == want.flags.c_contiguous
    assert got.flags.f_contiguous == want.flags.f_contiguous
    np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("shape", [(2, 3), (2, 3, 4), (5,), (), (0, 3)])
def test_creation_order(order, shape):
    same_layout(nc.zeros(shape, order=order), np.zeros(shape, order=order))
    same_layout(nc.ones(shape, nc.int8, order), np.ones(shape, np.int8, order))
    same_layout(nc.full(shape, 7.5, order=order),
                np.full(shape, 7.5, order=order))
    e = nc.empty(shape, order=order)
    w = np.empty(shape, order=order)
    assert e.flags.f_contiguous == w.flags.f_contiguous
    assert e.strides == w.strides or not w.size


@pytest.mark.parametrize("order", ["C", "F", "A", "K", None])
def test_like_order(order):
    f = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    nf = nc.asfortranarray(nc.arange(6.0).reshape(2, 3))
    kw = {} if order is None else {"order": order}
    same_layout(nc.zeros_like(nf, **kw), np.zeros_like(f, **kw))
    same_layout(nc.full_like(nf, 2, **kw), np.full_like(f, 2, **kw))
    same_layout(nc.ones_like(nc.arange(6.0).reshape(2, 3), **kw),
                np.ones_like(np.arange(6.0).reshape(2, 3), **kw))


@pytest.mark.parametrize("order", ["C", "F", "A"])
def test_reshape_ravel_flatten_order(order):
    a = np.arange(24).reshape(2, 3, 4)
    x = nc.arange(24).reshape(2, 3, 4)
    for src, nsrc in ((a, x), (np.asfortranarray(a), nc.asfortranarray(x)),
                      (a[:, ::-1, 1:], x[:, ::-1, 1:]), (a.T, x.T)):
        np.testing.assert_array_equal(
            np.asarray(nsrc.reshape(3, -1, order=order)),
            src.reshape(3, -1, order=order))
        np.testing.assert_array_equal(
            np.asarray(nc.reshape(nsrc, (-1, 3), order=order)),
            np.reshape(src, (-1, 3), order=order))
        np.testing.assert_array_equal(np.asarray(nsrc.ravel(order)),
                                      src.ravel(order))
        np.testing.assert_array_equal(np.asarray(nc.ravel(nsrc, order=order)),
                                      np.ravel(src, order=order))
        np.testing.assert_array_equal(np.asarray(nsrc.flatten(order)),
                                      src.flatten(order))


def test_ravel_f_is_view_of_f_array():
    f = nc.asfortranarray(nc.arange(6.0).reshape(2, 3))
    r = f.ravel("F")
    assert nc.shares_memory(r, f)
    fl = f.flatten("F")
    assert not nc.shares_memory(fl, f)


def test_order_errors():
    with pytest.raises(ValueError):
        np.arange(6).reshape(2, 3, order="K")
    with pytest.raises(ValueError):
        nc.arange(6).reshape(2, 3, order="K")
    with pytest.raises(ValueError):
        nc.zeros(3, order="X")
    with pytest.raises(ValueError):
        nc.arange(3).ravel("Q")


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
def test_copy_astype_order(order):
    a = np.arange(12.0).reshape(3, 4)
    x = nc.arange(12.0).reshape(3, 4)
    for src, nsrc in ((a, x), (np.asfortranarray(a), nc.asfortranarray(x))):
        same_layout(nc.copy(nsrc, order=order), np.copy(src, order=order))
        same_layout(nsrc.copy(order=order), src.copy(order=order))
        same_layout(nsrc.astype(nc.float32, order=order),
                    src.astype(np.float32, order=order))


@pytest.mark.parametrize("dt", ["int8", "int16", "uint32", "int64",
                                "float32", "float64", "complex64",
                                "complex128", "bool"])
def test_byteswap(dt):
    a = (np.arange(6) * 37 + 1).astype(dt).reshape(2, 3)
    x = nc.asarray(a)
    want = a.byteswap()
    got = x.byteswap()
    assert got.dtype.name == want.dtype.name
    np.testing.assert_array_equal(np.asarray(got).view(np.uint8),
                                  want.view(np.uint8))
    y = nc.asarray(a)
    r = y.byteswap(inplace=True)
    assert r is y
    np.testing.assert_array_equal(np.asarray(y).view(np.uint8),
                                  want.view(np.uint8))


@pytest.mark.parametrize("new", [(2, 4), (3,), 7, (0,), (2, 2, 2)])
def test_resize_in_place(new):
    a = np.arange(5.0)
    x = nc.arange(5.0)
    a.resize(new, refcheck=False)
    assert x.resize(new) is None
    np.testing.assert_array_equal(np.asarray(x), a)


def test_resize_errors():
    x = nc.arange(6)
    with pytest.raises(ValueError):
        x[1:].resize(2)
    with pytest.raises(ValueError):
        x.resize((-1, 2))


@pytest.mark.parametrize("order", [None, "C", "F", "A", "K"])
def test_asarray_array_order(order):
    lst = [[1, 2, 3], [4, 5, 6]]
    f = np.asfortranarray(np.array(lst))
    nf = nc.asfortranarray(nc.asarray(lst))
    for fn in ("asarray", "array", "asanyarray"):
        same_layout(getattr(nc, fn)(lst, order=order),
                    getattr(np, fn)(lst, order=order))
        same_layout(getattr(nc, fn)(nf, order=order),
                    getattr(np, fn)(f, order=order))
        assert (getattr(nc, fn)(nf, order=order) is nf) == \
            (getattr(np, fn)(f, order=order) is f)
    with pytest.raises(ValueError):
        nc.asarray(nf, order="C", copy=False)


def test_shares_memory_strided_exact():
    x = nc.arange(40, dtype=nc.int64)
    n = np.arange(40, dtype=np.int64)
    pairs = [(slice(0, None, 2), slice(1, None, 2)),
             (slice(0, None, 3), slice(3, None, 6)),
             (slice(5, 30, 5), slice(1, 40, 4)), (slice(None, None, -2), slice(1, 9, 2))]
    for s1, s2 in pairs:
        assert nc.shares_memory(x[s1], x[s2]) == np.shares_memory(n[s1], n[s2])
    b = nc.arange(24, dtype=nc.int32).reshape(4, 6)
    nb = np.arange(24, dtype=np.int32).reshape(4, 6)
    assert nc.shares_memory(b[:, :3], b[:, 3:]) == np.shares_memory(nb[:, :3], nb[:, 3:])
    assert nc.shares_memory(b[::2], b[1::2]) == np.shares_memory(nb[::2], nb[1::2])
    assert nc.shares_memory(b[:, ::2], b[1, 1:]) == np.shares_memory(nb[:, ::2], nb[1, 1:])
