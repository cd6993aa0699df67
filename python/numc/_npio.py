"""numc._npio - NumPy's file and buffer functions beyond single .npy files.

libnumc reads and writes .npy (numc.save / the C numc.load); this module
adds, with NumPy's signatures and file formats:

- savez / savez_compressed and load of .npz archives (NpzFile, a lazy
  mapping, usable as a context manager);
- load(file, mmap_mode=None, allow_pickle=False, ...) dispatching between
  .npy and .npz;
- savetxt / loadtxt / genfromtxt for delimited text;
- frombuffer / fromfile / fromstring and ndarray.tofile / dump / dumps.

Text parsing runs in Python (a line at a time), then builds one numc array.
"""
import io as _io
import os as _os
import pickle as _pickle
import zipfile as _zipfile

from . import _numc as _nc

__all__ = ["savez", "savez_compressed", "load", "NpzFile", "savetxt",
           "loadtxt", "genfromtxt", "frombuffer", "fromfile", "fromstring"]

_c_load = _nc.load
_ZIP_MAGIC = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"


# ---- .npz -------------------------------------------------------------------------


def _savez(file, args, kwds, compress):
    named = dict(kwds)
    for i, a in enumerate(args):
        key = f"arr_{i}"
        if key in named:
            raise ValueError(f"Cannot use un-named variables and keyword "
                             f"{key}")
        named[key] = a
    if isinstance(file, (str, _os.PathLike)):
        file = _os.fspath(file)
        if not file.endswith(".npz"):
            file = file + ".npz"
    mode = _zipfile.ZIP_DEFLATED if compress else _zipfile.ZIP_STORED
    with _zipfile.ZipFile(file, mode="w", compression=mode,
                          allowZip64=True) as zf:
        for key, val in named.items():
            buf = _io.BytesIO()
            _nc.save(buf, _nc.asarray(val))
            zf.writestr(key + ".npy", buf.getvalue())


def savez(file, *args, **kwds):
    """savez(file, *args, **kwds): several arrays in one uncompressed .npz
    archive (a zip of .npy files), as numpy.savez: positional arrays are
    named arr_0, arr_1, ..., keyword arrays by their keyword. A path
    without the .npz extension gets it."""
    _savez(file, args, kwds, False)


def savez_compressed(file, *args, **kwds):
    """savez_compressed(file, *args, **kwds): as savez, zip-deflated."""
    _savez(file, args, kwds, True)


class NpzFile:
    """The arrays of a .npz archive, read lazily: ``f['x']`` (or
    ``f['x.npy']``) loads one member, ``f.files`` lists the names; a
    context manager that closes the archive, as numpy.lib.npyio.NpzFile."""

    def __init__(self, fid, own_fid=False):
        self.zip = _zipfile.ZipFile(fid)
        self._files = self.zip.namelist()
        self.files = [f[:-4] if f.endswith(".npy") else f
                      for f in self._files]
        self.fid = fid if own_fid else None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Closes the archive (and the file when load opened it)."""
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        if self.fid is not None:
            self.fid.close()
            self.fid = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def __len__(self):
        return len(self.files)

    def __iter__(self):
        return iter(self.files)

    def __contains__(self, key):
        return key in self.files or key in self._files

    def keys(self):
        return list(self.files)

    def values(self):
        return [self[k] for k in self.files]

    def items(self):
        return [(k, self[k]) for k in self.files]

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __getitem__(self, key):
        if self.zip is None:
            raise ValueError("the archive is closed")
        member = key if key in self._files else key + ".npy"
        if member not in self._files:
            raise KeyError(f"{key} is not a file in the archive")
        data = self.zip.read(member)
        if not data.startswith(b"\x93NUMPY"):
            raise ValueError(f"{key}: not a .npy member")
        return _c_load(_io.BytesIO(data))

    def __repr__(self):
        return f"NpzFile with keys: {', '.join(self.files[:5])}" + \
            ("..." if len(self.files) > 5 else "")


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True,
         encoding="ASCII", *, max_header_size=None):
    """load(file, mmap_mode=None, allow_pickle=False, ...): an array from a
    .npy file, or an NpzFile for a .npz archive, as numpy.load (file: a
    path or a binary file object). mmap_mode='r' reads the file normally
    (the result is an ordinary array); writable memory maps ('r+', 'w+',
    'c') are not supported (NotImplementedError). Pickled object arrays are
    never loaded (numc has no object dtype)."""
    if mmap_mode not in (None, "r"):
        raise NotImplementedError("numc.load: only mmap_mode=None or 'r'")
    own = False
    if isinstance(file, (str, bytes, _os.PathLike)):
        fid = open(file, "rb")
        own = True
    else:
        fid = file
    try:
        pos = fid.tell() if hasattr(fid, "tell") else None
        magic = fid.read(4)
        if pos is not None:
            fid.seek(pos)
        else:  # not seekable: keep what was read
            rest = fid.read()
            fid = _io.BytesIO(magic + rest)
        if magic.startswith(_ZIP_MAGIC) or magic.startswith(_ZIP_EMPTY):
            r = NpzFile(fid, own_fid=own)
            own = False
            return r
        return _c_load(fid)
    finally:
        if own:
            fid.close()


# ---- text ----------------------------------------------------------------------------


def _open_text(fname, mode, encoding):
    if isinstance(fname, (str, _os.PathLike)):
        return open(fname, mode, encoding=encoding or "latin1"), True
    return fname, False


def _fmt_row(fmt, row, delimiter):
    if isinstance(fmt, (list, tuple)):
        if len(fmt) != len(row):
            raise ValueError(f"fmt has wrong number of % formats: {fmt}")
        return delimiter.join(f % v for f, v in zip(fmt, row))
    if fmt.count("%") > 1:
        try:
            return fmt % tuple(row)
        except TypeError as e:
            raise ValueError(f"fmt has wrong number of % formats: {fmt}") \
                from e
    return delimiter.join(fmt % v for v in row)


def savetxt(fname, X, fmt="%.18e", delimiter=" ", newline="\n", header="",
            footer="", comments="# ", encoding=None):
    """savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n',
    header='', footer='', comments='# ', encoding=None): a 1-d or 2-d array
    as text, one row per line, as numpy.savetxt. fmt is one format (for
    every column), a sequence of formats, or one string with a format per
    column; complex values are written as '%s' of (real, imag) pairs with
    the format applied to both parts (' (re+imj)' as NumPy)."""
    X = _nc.asarray(X)
    if X.ndim == 0 or X.ndim > 2:
        raise ValueError(f"Expected 1D or 2D array, got {X.ndim}D array "
                         "instead")
    rows = X.tolist()
    if X.ndim == 1:
        rows = [[v] for v in rows]
    cplx = X.dtype.kind == "c"
    fh, own = _open_text(fname, "w", encoding)
    binary = not own and isinstance(fh, (_io.BufferedIOBase,
                                         _io.RawIOBase)) or \
        (not own and "b" in getattr(fh, "mode", ""))

    def write(s):
        fh.write(s.encode(encoding or "latin1") if binary else s)

    try:
        if header:
            write(comments + header.replace("\n", "\n" + comments) + newline)
        for row in rows:
            if cplx:
                f = fmt if isinstance(fmt, str) else fmt[0]
                line = delimiter.join(
                    " (" + (f % v.real) + ("+" if v.imag >= 0 else "-") +
                    (f % abs(v.imag)) + "j)" for v in row)
            else:
                line = _fmt_row(fmt, row, delimiter)
            write(line + newline)
        if footer:
            write(comments + footer.replace("\n", "\n" + comments) + newline)
    finally:
        if own:
            fh.close()


def _lines(fname, encoding):
    if isinstance(fname, (str, _os.PathLike)):
        with open(fname, "r", encoding=encoding or "latin1") as f:
            return f.read().splitlines()
    if isinstance(fname, (list, tuple)):
        return [ln.decode() if isinstance(ln, bytes) else ln for ln in fname]
    data = fname.read()
    if isinstance(data, bytes):
        data = data.decode(encoding or "latin1")
    return data.splitlines()


def _strip_comment(line, comments):
    for c in comments:
        i = line.find(c)
        if i >= 0:
            line = line[:i]
    return line


def _table(fname, comments, delimiter, skiprows, usecols, max_rows,
           encoding, missing=None):
    """Rows of string fields from a text file (comments and blank lines
    dropped)."""
    if comments is None:
        comments = []
    elif isinstance(comments, str):
        comments = [comments]
    rows = []
    for line in _lines(fname, encoding)[skiprows:]:
        line = _strip_comment(line, comments).strip("\r\n")
        if not line.strip():
            continue
        fields = line.split(delimiter) if delimiter is not None \
            else line.split()
        fields = [f.strip() for f in fields]
        if usecols is not None:
            try:
                fields = [fields[c] for c in usecols]
            except IndexError:
                raise ValueError(f"invalid column index in usecols "
                                 f"{list(usecols)} for a row of "
                                 f"{len(fields)} columns") from None
        rows.append(fields)
        if max_rows is not None and len(rows) >= max_rows:
            break
    return rows


def _usecols(usecols):
    if usecols is None:
        return None
    if isinstance(usecols, int):
        return [usecols]
    return [int(c) for c in usecols]


def _convert_field(s, kind):
    if kind == "c":
        return complex(s.replace("+-", "-"))
    if kind in "iu":
        try:
            return int(s)
        except ValueError:
            return int(float(s))
    if kind == "b":
        return s.lower() in ("1", "true")
    return float(s)


def loadtxt(fname, dtype=float, comments="#", delimiter=None,
            converters=None, skiprows=0, usecols=None, unpack=False, ndmin=0,
            encoding=None, max_rows=None, *, quotechar=None, like=None):
    """loadtxt(fname, dtype=float, comments='#', delimiter=None,
    converters=None, skiprows=0, usecols=None, unpack=False, ndmin=0,
    encoding=None, max_rows=None): a numeric table from text, as
    numpy.loadtxt (fname: path, file object or list of lines; delimiter
    None splits on whitespace; converters: a callable for every column or
    a dict column -> callable). Rows of different lengths raise
    ValueError; structured dtypes and quotechar are not supported."""
    if quotechar is not None or like is not None:
        raise NotImplementedError("numc.loadtxt: quotechar/like are not "
                                  "supported")
    dt = _nc.dtype(dtype)
    cols = _usecols(usecols)
    rows = _table(fname, comments, delimiter, skiprows, cols, max_rows,
                  encoding)
    if rows and any(len(r) != len(rows[0]) for r in rows):
        n = len(rows[0])
        bad = next(i for i, r in enumerate(rows) if len(r) != n)
        raise ValueError(f"the number of columns changed from {n} to "
                         f"{len(rows[bad])} at row {bad + 1}; use "
                         "`usecols` to select a subset and avoid this error")
    conv = {}
    if callable(converters):
        conv = {i: converters for i in range(len(rows[0]) if rows else 0)}
    elif converters:
        conv = dict(converters)
    try:
        vals = [[conv[j](f) if j in conv else _convert_field(f, dt.kind)
                 for j, f in enumerate(r)] for r in rows]
    except ValueError as e:
        raise ValueError(f"could not convert string to {dt.name}: {e}") \
            from None
    return _shape_result(vals, dt, ndmin, unpack)


def _shape_result(vals, dt, ndmin, unpack):
    """The table (a list of equal-length rows) as an array, squeezed as
    NumPy's loadtxt: ndmin=2 keeps (rows, cols); ndmin=1 drops a length-1
    axis; ndmin=0 drops every length-1 axis (one value: 0-d). unpack gives
    the columns."""
    if ndmin not in (0, 1, 2):
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    if not vals:
        arr = _nc.empty((0, 1) if ndmin == 2 else (0,), dtype=dt)
    else:
        arr = _nc.asarray(vals, dtype=dt)
        r, c = arr.shape
        if ndmin == 1 and (r == 1 or c == 1):
            arr = arr.reshape(-1)
        elif ndmin == 0:
            arr = arr.reshape(tuple(n for n in (r, c) if n != 1))
    return arr.T if unpack else arr


def genfromtxt(fname, dtype=float, comments="#", delimiter=None,
               skip_header=0, skip_footer=0, converters=None,
               missing_values=None, filling_values=None, usecols=None,
               names=None, unpack=None, ndmin=0, max_rows=None,
               encoding=None, autostrip=False, invalid_raise=True, **kw):
    """genfromtxt(fname, dtype=float, comments='#', delimiter=None,
    skip_header=0, skip_footer=0, missing_values=None, filling_values=None,
    usecols=None, unpack=None, ndmin=0, max_rows=None, ...): a numeric
    table from text where fields may be missing, as numpy.genfromtxt:
    empty fields and those in missing_values become filling_values (NaN by
    default for floats, -1 for integers, as NumPy). Rows with a different
    number of fields raise ValueError (invalid_raise=False drops them).
    Structured results (names=, dtype=None) are not supported."""
    if names not in (None, False) or dtype is None or kw:
        raise NotImplementedError("numc.genfromtxt: names=, dtype=None and "
                                  f"{sorted(kw)} are not supported")
    dt = _nc.dtype(dtype)
    cols = _usecols(usecols)
    lines = _lines(fname, encoding)
    if skip_footer:
        lines = lines[:-skip_footer]
    rows = _table(lines, comments, delimiter, skip_header, cols, max_rows,
                  encoding)
    if missing_values is None:
        miss = {""}
    elif isinstance(missing_values, str):
        miss = set(missing_values.split(",")) | {""}
    else:
        miss = set(missing_values) | {""}
    if filling_values is None:
        fill = float("nan") if dt.kind in "fc" else -1
    else:
        fill = filling_values
    n = len(rows[0]) if rows else 0
    keep = []
    for i, r in enumerate(rows):
        if len(r) != n:
            if invalid_raise:
                raise ValueError(f"Some errors were detected !\n    Line #"
                                 f"{i + 1 + skip_header} (got {len(r)} "
                                 f"columns instead of {n})")
            continue
        keep.append(r)
    conv = dict(converters or {})
    vals = [[conv[j](f) if j in conv else
             fill if f in miss else _convert_field(f, dt.kind)
             for j, f in enumerate(r)] for r in keep]
    return _shape_result(vals, dt, ndmin, bool(unpack))


# ---- buffers and raw files --------------------------------------------------------------


def frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None):
    """frombuffer(buffer, dtype=float, count=-1, offset=0): a 1-d array
    sharing the memory of a buffer-protocol object, as numpy.frombuffer
    (read-only when the buffer is; count=-1 takes everything after
    offset, which must be a whole number of items)."""
    dt = _nc.dtype(dtype)
    mv = memoryview(buffer)
    if not mv.c_contiguous:
        raise ValueError("frombuffer: the buffer must be contiguous")
    raw = _nc.asarray(mv.cast("B"))
    n = raw.shape[0]
    if offset < 0 or offset > n:
        raise ValueError("offset must be non-negative and no greater than "
                         "buffer length (%d)" % n)
    avail = n - offset
    if count < 0:
        if avail % dt.itemsize:
            raise ValueError("buffer size must be a multiple of element "
                             "size")
        count = avail // dt.itemsize
    elif count * dt.itemsize > avail:
        raise ValueError("buffer is smaller than requested size")
    return raw[offset:offset + count * dt.itemsize].view(dt)


def fromstring(string, dtype=float, count=-1, *, sep, like=None):
    """fromstring(string, dtype=float, count=-1, *, sep): a 1-d array from
    numbers in a text string separated by `sep` (whitespace around it is
    ignored; sep=' ' splits on any whitespace), as numpy.fromstring's text
    mode. The binary mode (sep='') is deprecated in NumPy: use
    frombuffer."""
    if sep == "":
        raise ValueError("The binary mode of fromstring is removed, use "
                         "frombuffer instead")
    dt = _nc.dtype(dtype)
    if isinstance(string, bytes):
        string = string.decode("latin1")
    parts = string.split() if sep.strip() == "" else \
        [p.strip() for p in string.split(sep)]
    parts = [p for p in parts if p]
    if count >= 0:
        if count > len(parts):
            raise ValueError(f"fromstring: only {len(parts)} items, "
                             f"{count} requested")
        parts = parts[:count]
    return _nc.asarray([_convert_field(p, dt.kind) for p in parts],
                       dtype=dt) if parts else _nc.empty((0,), dtype=dt)


def fromfile(file, dtype=float, count=-1, sep="", offset=0, *, like=None):
    """fromfile(file, dtype=float, count=-1, sep='', offset=0): a 1-d array
    from a file's raw bytes (sep='': native byte order, skipping `offset`
    bytes) or from its text (sep given), as numpy.fromfile."""
    dt = _nc.dtype(dtype)
    own = isinstance(file, (str, bytes, _os.PathLike))
    fh = open(file, "rb") if own else file
    try:
        if sep == "":
            fh.seek(offset, 1)
            nbytes = -1 if count < 0 else count * dt.itemsize
            data = fh.read(nbytes) if nbytes >= 0 else fh.read()
            data = data[:len(data) - len(data) % dt.itemsize]
            return frombuffer(bytearray(data), dtype=dt)
        text = fh.read()
        if isinstance(text, bytes):
            text = text.decode("latin1")
        return fromstring(text, dtype=dt, count=count, sep=sep)
    finally:
        if own:
            fh.close()


def _m_tofile(a, fid, sep="", format="%s"):
    """ndarray.tofile(fid, sep='', format='%s'): the elements in C order as
    raw native bytes (sep='') or as text separated by sep, as NumPy."""
    own = isinstance(fid, (str, bytes, _os.PathLike))
    fh = open(fid, "wb") if own else fid
    try:
        if sep == "":
            fh.write(a.tobytes())
        else:
            text = sep.join(format % v for v in a.reshape(-1).tolist())
            fh.write(text.encode("latin1") if "b" in getattr(fh, "mode", "b")
                     else text)
    finally:
        if own:
            fh.close()


def _m_dumps(a):
    """ndarray.dumps(): the pickle of the array (bytes)."""
    return _pickle.dumps(a, protocol=2)


def _m_dump(a, file):
    """ndarray.dump(file): pickles the array to a path or file object."""
    if isinstance(file, (str, bytes, _os.PathLike)):
        with open(file, "wb") as f:
            _pickle.dump(a, f, protocol=2)
    else:
        _pickle.dump(a, file, protocol=2)
