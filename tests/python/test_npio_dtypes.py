"""NumPy's dtype vocabulary (numc._dtypes) and file/buffer functions
(numc._npio, ndarray.tofile/dump/dumps/byteswap/resize) against NumPy."""
import io
import pickle

import numpy as np
import pytest

import numc as nc

from conftest import DTYPES

ABSTRACT = ["generic", "number", "integer", "signedinteger",
            "unsignedinteger", "inexact", "floating", "complexfloating"]


# ---- dtype hierarchy -------------------------------------------------------------

@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("ab", ABSTRACT)
def test_issubdtype_abstract(dt, ab):
    want = np.issubdtype(np.dtype(dt), getattr(np, ab))
    assert nc.issubdtype(getattr(nc, dt), getattr(nc, ab)) == want
    assert nc.issubdtype(dt, getattr(np, ab)) == want       # NumPy's classes
    if ab != "generic":
        assert issubclass(getattr(nc, dt), getattr(nc, ab)) == want
        assert isinstance(nc.ones(1, dtype=dt)[0], getattr(nc, ab)) == want


@pytest.mark.parametrize("a", ABSTRACT)
@pytest.mark.parametrize("b", ABSTRACT)
def test_issubdtype_between_abstract(a, b):
    assert nc.issubdtype(getattr(nc, a), getattr(nc, b)) == \
        np.issubdtype(getattr(np, a), getattr(np, b))


@pytest.mark.parametrize("a,b", [("f4", float), ("f8", float), ("i8", int),
                                 ("int32", "i4"), ("c16", complex),
                                 ("?", bool), ("u1", "uint8"), ("f8", "f4")])
def test_issubdtype_concrete(a, b):
    assert nc.issubdtype(a, b) == np.issubdtype(a, b)


def test_common_and_min_types():
    for arrs in ([np.arange(3)], [np.arange(3), np.ones(2, np.float32)],
                 [np.ones(2, np.float32)], [np.ones(1, np.complex64)],
                 [np.ones(1, np.complex64), np.ones(1)],
                 [np.ones(1, np.int8), np.ones(1, np.complex64)]):
        want = np.common_type(*arrs)
        got = nc.common_type(*[nc.asarray(a) for a in arrs])
        assert np.dtype(got) == np.dtype(want)
    with pytest.raises(TypeError):
        nc.common_type(nc.ones(2, dtype=bool))
    for v in (0, 255, 256, -1, -128, -129, 70000, 2**40, -2**40, 2**63,
              True, 1e300, 1e30, 1j, np.inf):
        want = np.min_scalar_type(v)
        if want == np.float16:
            want = np.dtype(np.float32)  # numc has no float16
        if want == np.complex64 and abs(v) < 65504:
            pass
        assert np.dtype(nc.min_scalar_type(v)) == want, v
    assert nc.min_scalar_type(nc.arange(3)) == nc.int64
    for chars in (["d", "f"], ["f"], ["F", "d"], ["i"], ["G", "f"],
                  [nc.ones(2, dtype=nc.float32)]):
        np_chars = [np.ones(2, np.float32) if not isinstance(c, str) else c
                    for c in chars]
        assert nc.mintypecode(chars) == np.mintypecode(np_chars)
    assert nc.typecodes == np.typecodes
    for k, v in np.sctypeDict.items():
        if k in nc.sctypeDict:
            assert np.dtype(nc.sctypeDict[k]) == np.dtype(v), k
    assert nc.float64 in nc.ScalarType and float in nc.ScalarType


# ---- .npz ------------------------------------------------------------------------

def test_savez_roundtrip_and_numpy_compat(tmp_path):
    a = np.arange(12.0).reshape(3, 4)
    b = np.array([1, 2, 3], dtype=np.int16)
    c = (np.arange(4) + 1j).astype(np.complex64)
    for save, compressed in ((nc.savez, False), (nc.savez_compressed, True)):
        p = tmp_path / f"x{compressed}"
        save(str(p), nc.asarray(a), b=nc.asarray(b), c=nc.asarray(c))
        path = str(p) + ".npz"
        with np.load(path) as f:           # numc writes what NumPy reads
            assert sorted(f.files) == ["arr_0", "b", "c"]
            np.testing.assert_array_equal(f["arr_0"], a)
            assert f["b"].dtype == np.int16 and f["c"].dtype == np.complex64
        with nc.load(path) as f:
            assert sorted(f.files) == ["arr_0", "b", "c"] and len(f) == 3
            np.testing.assert_array_equal(np.asarray(f["b"]), b)
            np.testing.assert_array_equal(np.asarray(f["c.npy"]), c)
            assert "b" in f and "zz" not in f
            with pytest.raises(KeyError):
                f["zz"]
    q = tmp_path / "np.npz"                # NumPy writes what numc reads
    np.savez_compressed(q, a, k=b)
    f = nc.load(str(q))
    np.testing.assert_array_equal(np.asarray(f["arr_0"]), a)
    assert dict(f.items()).keys() == {"arr_0", "k"}
    f.close()
    buf = io.BytesIO()
    nc.savez(buf, z=nc.zeros(2))
    buf.seek(0)
    assert nc.load(buf)["z"].shape == (2,)
    with pytest.raises(ValueError):
        nc.savez(buf, nc.ones(1), arr_0=nc.ones(1))
    p1 = tmp_path / "one.npy"
    nc.save(str(p1), nc.asarray(a))
    with pytest.raises(NotImplementedError):
        nc.load(str(p1), mmap_mode="r+")
    np.testing.assert_array_equal(np.asarray(nc.load(str(p1), mmap_mode="r")),
                                  a)


# ---- text -------------------------------------------------------------------------

@pytest.mark.parametrize("X,kw", [
    (np.arange(12.0).reshape(3, 4) / 7, {}),
    (np.arange(12.0).reshape(3, 4) / 7, {"fmt": "%.3f", "delimiter": ","}),
    (np.arange(6).reshape(2, 3), {"fmt": "%d", "header": "a b\nc",
                                  "footer": "end"}),
    (np.arange(6).reshape(2, 3), {"fmt": ["%d", "%.1f", "%x"]}),
    (np.arange(6).reshape(2, 3), {"fmt": "%d|%d|%d"}),
    (np.arange(5.0), {"fmt": "%g", "newline": ";"}),
    (np.array([[1 + 2j, 3 - 4j]]), {"fmt": "%.2f"}),
])
def test_savetxt_matches_numpy(X, kw):
    want, got = io.StringIO(), io.StringIO()
    np.savetxt(want, X, **kw)
    nc.savetxt(got, nc.asarray(X), **kw)
    assert got.getvalue() == want.getvalue()


TEXT = "# header\n1 2 3\n4 5 6 # note\n\n7 8 9\n"


@pytest.mark.parametrize("text,kw", [
    (TEXT, {}),
    (TEXT, {"dtype": int}),
    (TEXT, {"usecols": (0, 2)}),
    (TEXT, {"usecols": 1}),
    (TEXT, {"skiprows": 2}),
    (TEXT, {"max_rows": 2}),
    (TEXT, {"unpack": True}),
    (TEXT, {"ndmin": 2, "usecols": 1}),
    ("1,2\n3,4\n", {"delimiter": ","}),
    ("5\n", {}),
    ("5\n", {"ndmin": 1}),
    ("5\n", {"ndmin": 2}),
    ("1 2 3\n", {}),
    ("1 2 3\n", {"ndmin": 2}),
    ("1\n2\n3\n", {"ndmin": 2}),
    ("1;2\n3;4\n", {"delimiter": ";", "converters": {0: lambda s: float(s) * 10}}),
])
def test_loadtxt_matches_numpy(text, kw):
    want = np.loadtxt(io.StringIO(text), **kw)
    got = nc.loadtxt(io.StringIO(text), **kw)
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            np.testing.assert_array_equal(np.asarray(g), w)
        return
    assert got.shape == want.shape and np.dtype(got.dtype) == want.dtype
    np.testing.assert_array_equal(np.asarray(got), want)


def test_loadtxt_errors_and_files(tmp_path):
    with pytest.raises(ValueError):
        nc.loadtxt(io.StringIO("1 2\n3\n"))
    with pytest.raises(ValueError):
        nc.loadtxt(io.StringIO("1 x\n"))
    p = tmp_path / "t.txt"
    nc.savetxt(str(p), nc.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(np.asarray(nc.loadtxt(str(p))),
                                  np.loadtxt(str(p)))
    np.testing.assert_array_equal(np.asarray(nc.loadtxt(["1 2", "3 4"])),
                                  [[1, 2], [3, 4]])


@pytest.mark.parametrize("text,kw", [
    ("1,2,3\n4,,6\n7,8,\n", {"delimiter": ","}),
    ("1,2,3\n4,N/A,6\n", {"delimiter": ",", "missing_values": "N/A"}),
    ("1,2,3\n4,,6\n", {"delimiter": ",", "filling_values": 0}),
    ("h1\nh2\n1 2\n3 4\nfooter\n", {"skip_header": 2, "skip_footer": 1}),
    ("1,2\n3,\n", {"delimiter": ",", "dtype": int}),
])
def test_genfromtxt_matches_numpy(text, kw):
    want = np.genfromtxt(io.StringIO(text), **kw)
    got = nc.genfromtxt(io.StringIO(text), **kw)
    assert got.shape == want.shape and np.dtype(got.dtype) == want.dtype
    np.testing.assert_array_equal(np.asarray(got), want)


def test_genfromtxt_invalid_rows():
    with pytest.raises(ValueError):
        nc.genfromtxt(io.StringIO("1 2\n3 4 5\n"))
    got = nc.genfromtxt(io.StringIO("1 2\n3 4 5\n6 7\n"), invalid_raise=False)
    np.testing.assert_array_equal(np.asarray(got), [[1, 2], [6, 7]])


# ---- buffers, raw files, methods -----------------------------------------------

@pytest.mark.parametrize("dt", DTYPES)
def test_frombuffer_tofile_fromfile(dt, tmp_path):
    x = (np.arange(10) % 3).astype(dt)
    raw = x.tobytes()
    got = nc.frombuffer(raw, dtype=dt)
    np.testing.assert_array_equal(np.asarray(got), np.frombuffer(raw, dtype=dt))
    assert not got.flags.writeable
    isz = np.dtype(dt).itemsize
    np.testing.assert_array_equal(
        np.asarray(nc.frombuffer(raw, dtype=dt, count=3, offset=isz)),
        np.frombuffer(raw, dtype=dt, count=3, offset=isz))
    p = tmp_path / "raw.bin"
    nc.asarray(x).tofile(str(p))
    np.testing.assert_array_equal(np.fromfile(str(p), dtype=dt), x)
    np.testing.assert_array_equal(np.asarray(nc.fromfile(str(p), dtype=dt)), x)
    np.testing.assert_array_equal(
        np.asarray(nc.fromfile(str(p), dtype=dt, count=2, offset=isz)), x[1:3])


def test_frombuffer_shares_and_errors():
    b = bytearray(16)
    v = nc.frombuffer(b, dtype=nc.int32)
    v[1] = 7
    assert b[4] == 7 and v.flags.writeable
    with pytest.raises(ValueError):
        nc.frombuffer(b"\x00" * 5, dtype=nc.int32)
    with pytest.raises(ValueError):
        nc.frombuffer(b"\x00" * 8, dtype=nc.int32, count=3)


def test_text_tofile_fromstring(tmp_path):
    x = np.arange(5.0) / 4
    p = tmp_path / "t.txt"
    nc.asarray(x).tofile(str(p), sep=",", format="%.2f")
    q = tmp_path / "n.txt"
    x.tofile(str(q), sep=",", format="%.2f")
    assert p.read_text() == q.read_text()
    np.testing.assert_array_equal(np.asarray(nc.fromfile(str(p), sep=",")),
                                  np.fromfile(str(p), sep=","))
    for s, kw in (("1 2  3", {"sep": " "}), ("1,2,3", {"sep": ","}),
                  ("1,2,3", {"sep": ",", "dtype": int, "count": 2})):
        np.testing.assert_array_equal(np.asarray(nc.fromstring(s, **kw)),
                                      np.fromstring(s, **kw))
    with pytest.raises(ValueError):
        nc.fromstring("abc", sep="")


@pytest.mark.parametrize("dt", DTYPES)
def test_byteswap(dt):
    x = (np.arange(7) * 37 + 1).astype(dt)
    got = nc.asarray(x).byteswap()
    assert got.tobytes() == x.byteswap().tobytes()
    y = nc.asarray(x, copy=True)
    assert y.byteswap(inplace=True) is y
    assert y.tobytes() == x.byteswap().tobytes()
    t = nc.asarray(x.reshape(7, 1).T)      # a non-contiguous layout
    assert t.byteswap().tobytes() == x.reshape(7, 1).T.byteswap().tobytes()


@pytest.mark.parametrize("new", [(2, 4), (3,), 10, (0,), (2, 2, 2)])
def test_resize_in_place(new):
    x = np.arange(5.0)
    y = nc.arange(5.0)
    x.resize(new, refcheck=False)
    assert y.resize(new) is None
    assert y.shape == x.shape
    np.testing.assert_array_equal(np.asarray(y), x)


def test_resize_errors():
    y = nc.arange(6.0)
    v = y[1:]
    with pytest.raises(ValueError, match="own its data"):
        v.resize(3)
    keep = y  # noqa: F841  (a second reference)
    with pytest.raises(ValueError, match="referenced"):
        y.resize(3)
    y.resize(3, refcheck=False)
    assert y.shape == (3,)
    np.testing.assert_array_equal(np.asarray(v), [1, 2, 3, 4, 5])


def test_dump_dumps(tmp_path):
    x = nc.arange(6.0).reshape(2, 3)
    y = pickle.loads(x.dumps())
    np.testing.assert_array_equal(np.asarray(y), np.asarray(x))
    p = tmp_path / "x.pkl"
    x.dump(str(p))
    with open(p, "rb") as f:
        np.testing.assert_array_equal(np.asarray(pickle.load(f)),
                                      np.asarray(x))


# ---- memory overlap ---------------------------------------------------------------

def _pairs():
    a = np.arange(24.0).reshape(4, 6)
    return [
        (lambda m, x: (x, x)),
        (lambda m, x: (x[:2], x[2:])),
        (lambda m, x: (x[:, ::2], x[:, 1::2])),
        (lambda m, x: (x[:, ::2], x[:, 2::2])),
        (lambda m, x: (x.T, x[1])),
        (lambda m, x: (x[::-1], x[0, :1])),
        (lambda m, x: (x.reshape(-1)[1:], x.reshape(-1)[:1])),
        (lambda m, x: (x.view(m.int32)[:, 1::2], x[:, :])),
        (lambda m, x: (x.view(m.int32)[:, ::12], x[:, 3:])),
        (lambda m, x: (x[0:0], x)),
        (lambda m, x: (x, m.ones(3))),
    ], a


def test_shares_memory_as_numpy():
    pairs, a = _pairs()
    x = nc.asarray(a, copy=True)
    for f in pairs:
        wa, wb = f(np, a)
        ga, gb = f(nc, x)
        assert nc.shares_memory(ga, gb) == np.shares_memory(wa, wb)
        assert nc.may_share_memory(ga, gb) == np.may_share_memory(wa, wb)
        assert nc.shares_memory(ga, gb, max_work=0) == \
            np.may_share_memory(wa, wb)
    assert not nc.shares_memory(x, 3.0)
    with pytest.raises(nc.TooHardError):
        nc.shares_memory(x[:, ::2], x[:, 1::2], max_work=5)
