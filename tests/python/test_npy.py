"""numc.save / numc.load: .npy files written by numc read by NumPy and the
reverse, through paths (str, pathlib) and binary file objects, every dtype,
C and Fortran order, 0-d and empty arrays, format versions, and errors."""
import io
import pathlib

import numpy as np
import pytest

import numc as nc
from conftest import DTYPES, assert_same

SHAPES = [(), (0,), (5,), (2, 3), (3, 0, 2), (2, 3, 4)]


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("shape", SHAPES)
def test_numc_to_numpy(tmp_path, dt, shape):
    a = (np.arange(int(np.prod(shape))) % 5).astype(dt).reshape(shape)
    x = nc.asarray(a, copy=True)
    p = tmp_path / "a.npy"
    nc.save(p, x)
    assert_same(x, np.load(p))
    assert p.read_bytes() == _np_bytes(a)  # byte-identical to np.save
    buf = io.BytesIO()
    nc.save(buf, x)
    assert buf.getvalue() == _np_bytes(a)


def _np_bytes(a):
    b = io.BytesIO()
    np.save(b, a)
    return b.getvalue()


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("shape", SHAPES)
def test_numpy_to_numc(tmp_path, dt, shape):
    a = (np.arange(int(np.prod(shape))) % 5).astype(dt).reshape(shape)
    p = tmp_path / "b.npy"
    np.save(p, a)
    assert_same(nc.load(p), a)
    assert_same(nc.load(str(p)), a)
    with open(p, "rb") as f:
        assert_same(nc.load(f), a)
    assert_same(nc.load(io.BytesIO(p.read_bytes())), a)


def test_fortran_and_strided(tmp_path):
    a = np.arange(12.0).reshape(3, 4)
    x = nc.asarray(a, copy=True)
    p = tmp_path / "f.npy"
    nc.save(p, x.T)
    b = np.load(p)
    assert b.flags.f_contiguous and np.array_equal(b, a.T)
    assert p.read_bytes() == _np_bytes(a.T)
    np.save(p, np.asfortranarray(a))
    y = nc.load(p)
    assert y.flags.f_contiguous and not y.flags.c_contiguous
    assert_same(y, a)
    nc.save(p, x[::-1, 1::2])
    assert np.array_equal(np.load(p), a[::-1, 1::2])
    buf = io.BytesIO()
    nc.save(buf, x.T)
    buf.seek(0)
    assert_same(nc.load(buf), a.T)


def test_paths_and_suffix(tmp_path):
    x = nc.arange(3)
    nc.save(str(tmp_path / "noext"), x)
    assert (tmp_path / "noext.npy").exists()
    assert_same(nc.load(tmp_path / "noext.npy"), np.arange(3))
    nc.save(tmp_path / "lst.npy", [1.5, 2.5])
    assert np.load(tmp_path / "lst.npy").tolist() == [1.5, 2.5]
    y = nc.load(tmp_path / "lst.npy")
    y[0] = 7  # loaded arrays are writable and own their data
    assert y.flags.owndata and y[0] == 7


def test_lazy_save(tmp_path, lazy):
    x = nc.arange(10.0)
    y = x * 2 + 1  # pending
    nc.save(tmp_path / "y.npy", y)
    assert np.array_equal(np.load(tmp_path / "y.npy"), np.arange(10.0) * 2 + 1)


def test_versions(tmp_path):
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    for version in [(1, 0), (2, 0), (3, 0)]:
        buf = io.BytesIO()
        np.lib.format.write_array(buf, a, version=version)
        buf.seek(0)
        assert_same(nc.load(buf), a)


def test_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        nc.load(tmp_path / "missing.npy")
    with pytest.raises(OSError):
        nc.save(tmp_path / "no" / "dir.npy", nc.arange(2))
    for bad in [np.zeros(2, dtype=">f8"), np.zeros(2, dtype=np.float16),
                np.zeros(2, dtype="U3"), np.zeros(2, dtype=[("a", "<f8")])]:
        p = tmp_path / "bad.npy"
        np.save(p, bad)
        with pytest.raises(ValueError):
            nc.load(p)
    p = tmp_path / "obj.npy"
    np.save(p, np.array([None, 1], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError):
        nc.load(p)
    data = _np_bytes(np.arange(10.0))
    with pytest.raises(ValueError, match="truncated"):
        nc.load(io.BytesIO(data[:-8]))
    with pytest.raises(ValueError):
        nc.load(io.BytesIO(b"not a npy file at all"))
    with pytest.raises(ValueError):
        nc.load(io.BytesIO(data.replace(b"'descr'", b"'dxscr'")))
