"""IO against NumPy: .npz archives (savez, savez_compressed, load ->
NpzFile, both directions between numc and NumPy), savetxt/loadtxt/
genfromtxt, frombuffer/fromiter/fromstring/fromfile/tofile, dump/dumps,
and the printing helpers (array2string, array_repr, array_str,
format_float_positional, format_float_scientific)."""
import io
import pickle

import numpy as np
import pytest

import numc as nc


def eq(got, want):
    got = np.asarray(got)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("compressed", [False, True])
def test_savez_roundtrip(tmp_path, compressed):
    a = np.arange(12, dtype=np.int16).reshape(3, 4)
    b = np.array([1.5, np.nan, -np.inf])
    c = np.array(3 + 4j)
    save = nc.savez_compressed if compressed else nc.savez
    p = tmp_path / "x.npz"
    save(p, nc.asarray(a), b=nc.asarray(b), c=nc.asarray(c))
    with np.load(p) as f:
        assert sorted(f.files) == ["arr_0", "b", "c"]
        eq(f["arr_0"], a)
        eq(f["b"], b)
    with nc.load(p) as f:
        assert sorted(f.files) == ["arr_0", "b", "c"]
        assert isinstance(f["b"], nc.ndarray)
        eq(f["c"], c)
        assert "b" in f and len(f) == 3
    q = tmp_path / "n.npz"
    (np.savez_compressed if compressed else np.savez)(q, a, b=b)
    f = nc.load(str(q))
    eq(f["arr_0"], a)
    eq(f["b.npy"], b)
    with pytest.raises(KeyError):
        f["zz"]
    f.close()


def test_savez_file_object_and_npy_load():
    buf = io.BytesIO()
    nc.savez(buf, x=nc.arange(3))
    buf.seek(0)
    eq(nc.load(buf)["x"], np.arange(3))
    buf = io.BytesIO()
    nc.save(buf, nc.arange(4.0))
    buf.seek(0)
    eq(nc.load(buf), np.arange(4.0))
    with pytest.raises(ValueError):
        nc.savez(io.BytesIO(), nc.arange(2), arr_0=nc.arange(3))


def test_load_paths_and_errors(tmp_path):
    p = tmp_path / "a.npy"
    nc.save(str(p), nc.arange(3))
    eq(nc.load(p), np.arange(3))
    eq(nc.load(str(p)), np.arange(3))
    with pytest.raises(FileNotFoundError):
        nc.load(tmp_path / "missing.npy")
    with pytest.raises(NotImplementedError):
        nc.load(p, mmap_mode="r+")


def test_savetxt_matches_numpy():
    a = np.array([[1.5, -2.0, 3.25], [0.0, 1e-5, 7.0]])
    for kw in ({}, {"fmt": "%.3f", "delimiter": ","},
               {"fmt": ["%d", "%.2e", "%g"], "header": "a b\nc",
                "footer": "end", "comments": "// "}):
        s1, s2 = io.StringIO(), io.StringIO()
        nc.savetxt(s1, nc.asarray(a), **kw)
        np.savetxt(s2, a, **kw)
        assert s1.getvalue() == s2.getvalue()
    s1, s2 = io.StringIO(), io.StringIO()
    nc.savetxt(s1, nc.arange(4), fmt="%d")
    np.savetxt(s2, np.arange(4), fmt="%d")
    assert s1.getvalue() == s2.getvalue()
    with pytest.raises(ValueError):
        nc.savetxt(io.StringIO(), nc.zeros((2, 2, 2)))


TEXT = "# comment\n1, 2, 3\n4, 5, 6 # trailing\n\n7, 8, 9\n"


@pytest.mark.parametrize("kw", [
    {"delimiter": ","}, {"delimiter": ",", "dtype": int},
    {"delimiter": ",", "usecols": (0, 2)}, {"delimiter": ",", "usecols": 1},
    {"delimiter": ",", "skiprows": 2}, {"delimiter": ",", "max_rows": 1},
    {"delimiter": ",", "ndmin": 2, "usecols": 1},
    {"delimiter": ",", "unpack": True}, {"delimiter": ",", "skiprows": 4},
])
@pytest.mark.filterwarnings("ignore:Input line")  # NumPy's max_rows note
def test_loadtxt_matches_numpy(kw):
    want = np.loadtxt(io.StringIO(TEXT), **kw)
    got = nc.loadtxt(io.StringIO(TEXT), **kw)
    if isinstance(want, tuple) or (kw.get("unpack") and want.ndim > 1):
        for g, w in zip(got, want):
            eq(g, w)
    else:
        eq(got, want)


def test_loadtxt_whitespace_and_errors(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("1 2\n3 4\n")
    eq(nc.loadtxt(p), np.loadtxt(p))
    eq(nc.loadtxt(str(p), ndmin=1), np.loadtxt(str(p), ndmin=1))
    with pytest.raises(ValueError):
        nc.loadtxt(io.StringIO("1 2\n3\n"))
    with pytest.raises(ValueError):
        nc.loadtxt(io.StringIO("1 x\n"))


def test_genfromtxt_missing():
    text = "1,,3\n4,5,x\n"
    eq(nc.genfromtxt(io.StringIO(text), delimiter=","),
       np.genfromtxt(io.StringIO(text), delimiter=","))
    text = "a b\n1 2\n3 N/A\n"
    eq(nc.genfromtxt(io.StringIO(text), skip_header=1, missing_values="N/A"),
       np.genfromtxt(io.StringIO(text), skip_header=1, missing_values="N/A"))


@pytest.mark.parametrize("dt", ["int8", "uint16", "int32", "float32",
                                "float64", "complex128", "bool"])
def test_frombuffer_fromiter(dt):
    a = (np.arange(8) % 2 if dt == "bool" else np.arange(8)).astype(dt)
    eq(nc.frombuffer(a.tobytes(), dtype=dt), np.frombuffer(a.tobytes(), dtype=dt))
    isz = a.itemsize
    eq(nc.frombuffer(a.tobytes(), dtype=dt, count=3, offset=isz),
       np.frombuffer(a.tobytes(), dtype=dt, count=3, offset=isz))
    eq(nc.fromiter(iter(a.tolist()), dtype=dt), np.fromiter(iter(a.tolist()), dtype=dt))
    eq(nc.fromiter(iter(a.tolist()), dtype=dt, count=2),
       np.fromiter(iter(a.tolist()), dtype=dt, count=2))


def test_frombuffer_shares_memory():
    buf = bytearray(np.arange(4.0).tobytes())
    x = nc.frombuffer(buf, dtype=nc.float64)
    buf[0:8] = np.float64(9.0).tobytes()
    assert float(x[0]) == 9.0
    assert x.flags.writeable
    r = nc.frombuffer(b"\x00" * 8, dtype=nc.int32)
    assert not r.flags.writeable
    assert not np.frombuffer(b"\x00" * 8, dtype=np.int32).flags.writeable


def test_buffer_errors():
    with pytest.raises(ValueError):
        np.frombuffer(b"abc", dtype=np.int16)
    with pytest.raises(ValueError):
        nc.frombuffer(b"abc", dtype=nc.int16)
    with pytest.raises(ValueError):
        nc.fromiter(iter([1]), dtype=float, count=3)
    with pytest.raises(ValueError):
        nc.fromstring("1 2", sep="")


def test_fromstring_tofile_fromfile(tmp_path):
    eq(nc.fromstring("1, 2, 3.5", sep=","), np.fromstring("1, 2, 3.5", sep=","))
    eq(nc.fromstring("1 2 3", dtype=int, sep=" "),
       np.fromstring("1 2 3", dtype=int, sep=" "))
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    p = tmp_path / "raw.bin"
    nc.asarray(a).tofile(p)
    eq(np.fromfile(p, dtype=np.int32), a.ravel())
    eq(nc.fromfile(p, dtype=nc.int32), a.ravel())
    q = tmp_path / "t.txt"
    nc.asarray(a).tofile(str(q), sep=",")
    a.tofile(str(tmp_path / "w.txt"), sep=",")
    assert q.read_text() == (tmp_path / "w.txt").read_text()
    eq(nc.fromfile(q, dtype=nc.int32, sep=","), a.ravel())


def test_dump_dumps(tmp_path):
    x = nc.arange(5.0)
    r = pickle.loads(x.dumps())
    assert isinstance(r, nc.ndarray)
    eq(r, np.arange(5.0))
    p = tmp_path / "x.pkl"
    x.dump(p)
    with open(p, "rb") as f:
        eq(pickle.load(f), np.arange(5.0))


def test_array_repr_str_array2string():
    a = np.array([[1.123456789, 2.0], [3.5, -4.25]])
    x = nc.asarray(a)
    assert nc.array_repr(x) == np.array_repr(a)
    assert nc.array_str(x) == np.array_str(a)
    assert nc.array_repr(x, precision=3) == np.array_repr(a, precision=3)
    assert nc.array_str(x, precision=2) == np.array_str(a, precision=2)
    for sep in (" ", ", ", ","):
        assert nc.array2string(x, separator=sep) == np.array2string(a, separator=sep)
    assert nc.array2string(nc.arange(3), separator=",") == "[0,1,2]"
    # options numc's printer lacks: NumPy's array2string, recorded
    kw = {"sign": "+", "floatmode": "fixed", "prefix": "x = "}
    assert nc.array2string(x, **kw) == np.array2string(a, **kw)
    assert "array2string" in nc._compat.fallback_log


@pytest.mark.parametrize("v", [0.1, 1e20, 2.0, -0.5, 0.0, -0.0, 1 / 3,
                               123456.789, 5e-324, np.inf, -np.inf, np.nan])
def test_format_float(v):
    assert nc.format_float_positional(v) == np.format_float_positional(v)
    assert nc.format_float_scientific(v) == np.format_float_scientific(v)
    for p in (0, 2, 5):
        assert nc.format_float_positional(v, precision=p) == \
            np.format_float_positional(v, precision=p)
        assert nc.format_float_scientific(v, precision=p) == \
            np.format_float_scientific(v, precision=p)
    for trim in ("k", ".", "0", "-"):
        assert nc.format_float_positional(v, trim=trim) == \
            np.format_float_positional(v, trim=trim)
    assert nc.format_float_positional(v, sign=True) == \
        np.format_float_positional(v, sign=True)


def test_format_float32():
    for v in (0.1, 1 / 3, 16777217.0):
        assert nc.format_float_positional(nc.float32(v)) == \
            np.format_float_positional(np.float32(v))
