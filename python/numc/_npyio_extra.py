"""NumPy's file and buffer IO over numc: .npz archives (savez,
savez_compressed, load -> NpzFile), text files (savetxt, loadtxt,
genfromtxt), raw data (frombuffer, fromiter, fromstring, fromfile and
ndarray.tofile), pickles (ndarray.dump/dumps), ndarray.byteswap and
ndarray.resize, and the printing helpers array2string, array_repr,
array_str, format_float_positional, format_float_scientific.
Re-exported by numc/_compat.py; the ndarray methods reach the _m_*
functions through the extension (layout.c).
"""
import builtins as _b
import ctypes as _ctypes
import io as _io
import os as _os
import pickle as _pickle
import zipfile as _zipfile

from . import _numc as _nc

__all__ = ["savez", "savez_compressed", "load", "NpzFile", "savetxt",
           "loadtxt", "genfromtxt", "frombuffer", "fromiter", "fromstring",
           "fromfile", "array2string", "array_repr", "array_str",
           "format_float_positional", "format_float_scientific"]

_load_npy = _nc.load  # the extension's .npy reader


def _typestr(dt):
    dt = _nc.dtype(dt)
    return ("|" if dt.itemsize == 1 else "<") + dt.kind + str(dt.itemsize)


def _from_bytes(data, dtype, count):
    """A new array of `count` elements of dtype read from bytes-like data
    (a copy; numc arrays own their memory)."""
    buf = bytearray(data)
    dt = _nc.dtype(dtype)
    if count == 0 or not buf:
        return _nc.empty((count,), dtype=dt)
    addr = _ctypes.addressof(_ctypes.c_char.from_buffer(buf))

    class _Exporter:
        __array_interface__ = {"shape": (count,), "typestr": _typestr(dt),
                               "data": (addr, False), "version": 3}
    return _nc.asarray(_Exporter(), copy=True)


# ---- raw data ----------------------------------------------------------------


# memoryview formats of the numc dtypes it can cast to (no complex)
_MV_FORMATS = {"bool": "?", "int8": "b", "uint8": "B", "int16": "h",
               "uint16": "H", "int32": "i", "uint32": "I", "int64": "q",
               "uint64": "Q", "float32": "f", "float64": "d"}


def frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None):
    """A 1-d array of the elements in a buffer (NumPy's frombuffer): a view
    of the buffer's memory (read-only for a read-only buffer); complex
    data not aligned for its dtype is copied."""
    dt = _nc.dtype(dtype)
    mv = memoryview(buffer).cast("B")
    n = len(mv) - offset
    if offset < 0 or n < 0:
        raise ValueError("offset must be non-negative and no greater than "
                         "buffer length (%d)" % len(mv))
    if count < 0:
        if n % dt.itemsize:
            raise ValueError("buffer size must be a multiple of element size")
        count = n // dt.itemsize
    elif count * dt.itemsize > n:
        raise ValueError("buffer is smaller than requested size")
    part = mv[offset:offset + count * dt.itemsize]
    fmt = _MV_FORMATS.get(dt.name)
    if fmt is not None:
        return _nc.asarray(part.cast(fmt))
    try:  # complex: the bytes viewed as the dtype, when aligned for it
        return _nc.asarray(part).view(dt)
    except ValueError:
        return _from_bytes(part, dt, count)


def fromiter(iter, dtype, count=-1, *, like=None):
    """A 1-d array from the values of an iterable (NumPy's fromiter)."""
    vals = []
    for i, v in enumerate(iter):
        if count >= 0 and i >= count:
            break
        vals.append(v)
    if count >= 0 and len(vals) < count:
        raise ValueError(f"iterator too short: Expected {count} but "
                         f"iterator had only {len(vals)} items.")
    return _nc.asarray(vals, dtype=_nc.dtype(dtype)) if vals else \
        _nc.empty((0,), dtype=_nc.dtype(dtype))


def _parse_text(text, dtype, count, sep):
    parts = [p for p in text.split(sep.strip() or None)] if sep.strip() \
        else text.split()
    parts = [p.strip() for p in parts if p.strip()]
    if count >= 0:
        parts = parts[:count]
    dt = _nc.dtype(dtype)
    conv = complex if dt.kind == "c" else float if dt.kind == "f" else \
        (lambda s: bool(int(s))) if dt.kind == "b" else int
    return _nc.asarray([conv(p) for p in parts], dtype=dt) if parts else \
        _nc.empty((0,), dtype=dt)


def fromstring(string, dtype=float, count=-1, *, sep, like=None):
    """A 1-d array from numbers in a string separated by `sep` (NumPy's
    fromstring in text mode; the binary mode, sep='', is an error as in
    NumPy 2: use frombuffer)."""
    if sep == "":
        raise ValueError("The binary mode of fromstring is removed, use "
                         "frombuffer instead")
    if isinstance(string, bytes):
        string = string.decode()
    return _parse_text(string, dtype, count, sep)


def _open(file, mode):
    if hasattr(file, "read") or hasattr(file, "write"):
        return file, False
    return open(_os.fspath(file), mode), True


def fromfile(file, dtype=float, count=-1, sep="", offset=0, *, like=None):
    """An array from the raw bytes (sep='') or text (sep given) of a file
    (NumPy's fromfile)."""
    f, own = _open(file, "rb")
    try:
        if offset:
            f.seek(offset, 1)
        data = f.read()
    finally:
        if own:
            f.close()
    if sep == "":
        dt = _nc.dtype(dtype)
        n = len(data) // dt.itemsize if count < 0 else count
        return _from_bytes(data[:n * dt.itemsize], dt, n)
    return _parse_text(data.decode(), dtype, count, sep)


def _m_tofile(self, fid, sep="", format="%s"):
    """ndarray.tofile: the elements in C order as raw bytes (sep='') or as
    text joined by sep."""
    f, own = _open(fid, "wb")
    try:
        if sep == "":
            f.write(self.tobytes())
        else:
            vals = self.reshape(-1).tolist()
            f.write(sep.join(format % v for v in vals).encode())
    finally:
        if own:
            f.close()


def _m_dumps(self):
    """ndarray.dumps: the pickle of the array."""
    return _pickle.dumps(self, protocol=2)


def _m_dump(self, file):
    """ndarray.dump: pickles the array to a file (path or file object)."""
    f, own = _open(file, "wb")
    try:
        _pickle.dump(self, f, protocol=2)
    finally:
        if own:
            f.close()


def _m_byteswap(self, inplace=False):
    """ndarray.byteswap: the elements with their bytes reversed (a new
    array, or written into self when inplace)."""
    k = self.itemsize
    data = self.tobytes()
    out = bytearray(len(data))
    if k == 1:
        out[:] = data
    for j in range(k) if k > 1 else ():
        out[j::k] = data[k - 1 - j::k]
    if self.dtype.kind == "c":  # NumPy swaps each part of a complex
        half = k // 2
        out2 = bytearray(len(data))
        for j in range(half):
            out2[j::k] = data[half - 1 - j::k]
            out2[half + j::k] = data[k - 1 - j::k]
        out = out2
    res = _from_bytes(out, self.dtype, self.size).reshape(self.shape)
    if inplace:
        self[...] = res
        return self
    return res


# ---- .npz ------------------------------------------------------------------------


def _npy_bytes(arr):
    b = _io.BytesIO()
    _nc.save(b, _nc.asarray(arr))
    return b.getvalue()


def _savez(file, args, kwds, compress):
    names = dict(kwds)
    for i, a in enumerate(args):
        key = f"arr_{i}"
        if key in names:
            raise ValueError(f"Cannot use un-named variables and keyword {key}")
        names[key] = a
    if isinstance(file, (str, _os.PathLike)):
        file = _os.fspath(file)
        if not file.endswith(".npz"):
            file = file + ".npz"
    mode = _zipfile.ZIP_DEFLATED if compress else _zipfile.ZIP_STORED
    with _zipfile.ZipFile(file, mode="w", compression=mode,
                          allowZip64=True) as z:
        for key, val in names.items():
            z.writestr(key + ".npy", _npy_bytes(val))


def savez(file, *args, allow_pickle=True, **kwds):
    """Saves arrays into an uncompressed .npz archive: positional arrays as
    arr_0, arr_1, ..., keyword arrays under their names (NumPy's savez)."""
    _savez(file, args, kwds, False)


def savez_compressed(file, *args, allow_pickle=True, **kwds):
    """savez with zip deflate compression (NumPy's savez_compressed)."""
    _savez(file, args, kwds, True)


class NpzFile:
    """A lazily loaded .npz archive (NumPy's NpzFile): a read-only mapping
    of names to arrays, each read when first accessed; .files lists the
    names; a context manager that closes the archive."""

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
        """Closes the archive (and the file it opened)."""
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        if self.fid is not None:
            self.fid.close()
            self.fid = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __iter__(self):
        return iter(self.files)

    def __len__(self):
        return len(self.files)

    def __contains__(self, key):
        return key in self.files

    def keys(self):
        return list(self.files)

    def values(self):
        return [self[k] for k in self.files]

    def items(self):
        return [(k, self[k]) for k in self.files]

    def get(self, key, default=None):
        return self[key] if key in self.files else default

    def __getitem__(self, key):
        if key in self.files:
            member = self._files[self.files.index(key)]
        elif key in self._files:
            member = key
        else:
            raise KeyError(f"{key} is not a file in the archive")
        if self.zip is None:
            raise ValueError("the NpzFile is closed")
        with self.zip.open(member) as f:
            return _load_npy(_io.BytesIO(f.read()))

    def __repr__(self):
        return f"NpzFile {self.fid!r} with keys: {', '.join(self.files[:5])}"


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True,
         encoding="ASCII", *, max_header_size=10000):
    """Loads a .npy file (an array, read by the extension) or a .npz
    archive (an NpzFile), from a path or a file object (NumPy's load).
    mmap_mode='r' reads the file into an ordinary array (no memory map);
    the writable modes are not supported (NotImplementedError)."""
    if mmap_mode == "r":
        mmap_mode = None
    if isinstance(file, (str, bytes, _os.PathLike)):
        with open(file, "rb") as f:
            magic = f.read(4)
        if magic.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return NpzFile(open(file, "rb"), own_fid=True)
        return _load_npy(file, mmap_mode, allow_pickle=allow_pickle)
    pos = file.tell()
    magic = file.read(4)
    file.seek(pos)
    if magic.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return NpzFile(file)
    return _load_npy(file, mmap_mode, allow_pickle=allow_pickle)


# ---- text files --------------------------------------------------------------------


def savetxt(fname, X, fmt="%.18e", delimiter=" ", newline="\n", header="",
            footer="", comments="# ", encoding=None):
    """Writes a 1-d or 2-d array to a text file, one row per line
    (NumPy's savetxt): fmt one format or one per column, header/footer
    lines prefixed with comments."""
    X = _nc.asarray(X)
    if X.ndim == 0 or X.ndim > 2:
        raise ValueError("Expected 1D or 2D array, got %dD array instead"
                         % X.ndim)
    rows = X.reshape(-1, 1).tolist() if X.ndim == 1 else X.tolist()
    ncol = len(rows[0]) if rows else (X.shape[1] if X.ndim == 2 else 1)
    iscomplex = X.dtype.kind == "c"
    if isinstance(fmt, (list, tuple)):
        if len(fmt) != ncol:
            raise AttributeError("fmt has wrong shape.  %s" % str(fmt))
        row_fmt = delimiter.join(fmt)
    elif isinstance(fmt, str):
        n = fmt.count("%")
        if n == 1:
            row_fmt = delimiter.join([fmt] * ncol)
        elif n == ncol or (iscomplex and n == 2 * ncol):
            row_fmt = fmt
        else:
            raise ValueError("fmt has wrong number of %% formats:  %s" % fmt)
    else:
        raise ValueError("invalid fmt: %r" % (fmt,))
    lines = []
    if header:
        lines.append(comments + header.replace("\n", "\n" + comments))
    for r in rows:
        if iscomplex:
            vals = []
            for v in r:
                vals += [v.real, v.imag]
            cfmt = row_fmt if row_fmt.count("%") == 2 * ncol else \
                delimiter.join([" (%s+%sj)".replace("%s", f)
                                for f in ([fmt] * ncol)])
            lines.append((cfmt % tuple(vals)).replace("+-", "-"))
        else:
            lines.append(row_fmt % tuple(r))
    if footer:
        lines.append(comments + footer.replace("\n", "\n" + comments))
    text = "".join(line + newline for line in lines)
    if hasattr(fname, "write"):
        try:
            fname.write(text)
        except TypeError:
            fname.write(text.encode(encoding or "latin1"))
    else:
        with open(_os.fspath(fname), "w", encoding=encoding) as f:
            f.write(text)


def _text_lines(fname, encoding):
    if hasattr(fname, "read"):
        text = fname.read()
    elif isinstance(fname, (list, tuple)):
        return list(fname)
    else:
        with open(_os.fspath(fname), encoding=encoding) as f:
            text = f.read()
    if isinstance(text, bytes):
        text = text.decode(encoding or "latin1")
    return text.splitlines()


def _strip_comment(line, comments):
    for c in comments:
        i = line.find(c)
        if i >= 0:
            line = line[:i]
    return line.strip()


def _convert(tok, dt):
    if dt.kind == "c":
        return complex(tok.replace("+-", "-"))
    if dt.kind in "iu":
        try:
            return int(tok)
        except ValueError:
            f = float(tok)
            if f != int(f):
                raise
            return int(f)
    if dt.kind == "b":
        return bool(int(float(tok))) if tok not in ("True", "False") else \
            tok == "True"
    return float(tok)


def loadtxt(fname, dtype=float, comments="#", delimiter=None,
            converters=None, skiprows=0, usecols=None, unpack=False, ndmin=0,
            encoding=None, max_rows=None, *, quotechar=None, like=None):
    """Reads a table of numbers from a text file (NumPy's loadtxt):
    delimiter (None: whitespace), comments, skiprows, usecols, unpack,
    ndmin, max_rows, converters (dict column -> callable)."""
    dt = _nc.dtype(dtype)
    if ndmin not in (0, 1, 2):
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    if comments is None:
        comments = []
    elif isinstance(comments, str):
        comments = [comments]
    if isinstance(usecols, int):
        usecols = [usecols]
    lines = _text_lines(fname, encoding)[skiprows:]
    rows = []
    for line in lines:
        line = _strip_comment(line, comments)
        if not line:
            continue
        toks = [t.strip() for t in line.split(delimiter)]
        if usecols is not None:
            try:
                toks = [toks[c] for c in usecols]
            except IndexError:
                raise ValueError("invalid column index in usecols") from None
        vals = []
        for j, t in enumerate(toks):
            col = usecols[j] if usecols is not None else j
            if converters and (col in converters or callable(converters)):
                conv = converters if callable(converters) else converters[col]
                vals.append(conv(t))
            else:
                try:
                    vals.append(_convert(t, dt))
                except ValueError:
                    raise ValueError(f"could not convert string {t!r} to "
                                     f"{dt.name}") from None
        if rows and len(vals) != len(rows[0]):
            raise ValueError(f"the number of columns changed from "
                             f"{len(rows[0])} to {len(vals)} at row "
                             f"{len(rows) + 1}; use `usecols` to select a "
                             "subset and avoid this error")
        rows.append(vals)
        if max_rows is not None and len(rows) >= max_rows:
            break
    if rows:
        arr = _nc.asarray(rows, dtype=dt)
    else:
        arr = _nc.empty((0,), dtype=dt)
    if arr.ndim == 2 and arr.shape[1] == 1 and ndmin < 2:
        arr = arr.reshape(-1)
    if arr.ndim == 2 and arr.shape[0] == 1 and ndmin < 2:
        arr = arr.reshape(-1)
    if arr.ndim == 1 and arr.size == 1 and ndmin == 0:
        arr = arr.reshape(())
    while arr.ndim < ndmin:
        arr = arr.reshape((1,) + arr.shape) if arr.ndim == 1 and ndmin == 2 \
            and not (rows and len(rows[0]) == 1 and len(rows) > 1) else \
            arr.reshape(arr.shape + (1,))
    return arr.T if unpack else arr


def genfromtxt(fname, dtype=float, comments="#", delimiter=None,
               skip_header=0, skip_footer=0, missing_values=None,
               filling_values=None, usecols=None, unpack=None, ndmin=0,
               encoding=None, max_rows=None, invalid_raise=True, **kwargs):
    """Reads a table from text, with missing or unparsable entries as NaN
    for floats, -1 for integers (or filling_values) (NumPy's genfromtxt,
    numeric dtypes only). A row with another number of fields raises
    ValueError, or is dropped with invalid_raise=False."""
    dt = _nc.dtype(dtype)
    miss = set()
    if isinstance(missing_values, str):
        miss = set(missing_values.split(","))
    elif missing_values is not None:
        miss = set(missing_values)
    fill = filling_values if filling_values is not None else \
        float("nan") if dt.kind in "fc" else -1
    if isinstance(comments, str):
        comments = [comments]
    lines = _text_lines(fname, encoding)[skip_header:]
    if skip_footer:
        lines = lines[:-skip_footer]
    if isinstance(usecols, int):
        usecols = [usecols]
    rows = []
    for line in lines:
        line = _strip_comment(line, comments or [])
        if not line:
            continue
        toks = [t.strip() for t in line.split(delimiter)]
        if usecols is not None:
            toks = [toks[c] for c in usecols]
        vals = []
        for t in toks:
            if t == "" or t in miss:
                vals.append(fill)
                continue
            try:
                vals.append(_convert(t, dt) if dt.kind in "fc" else float(t))
            except ValueError:
                vals.append(fill)
        rows.append(vals)
        if max_rows is not None and len(rows) >= max_rows:
            break
    if rows:
        ncol = len(rows[0])
        bad = [i for i, r in enumerate(rows) if len(r) != ncol]
        if bad and invalid_raise:
            raise ValueError(f"Some errors were detected !\n    Line #"
                             f"{bad[0] + 1 + skip_header} (got "
                             f"{len(rows[bad[0]])} columns instead of {ncol})")
        rows = [r for r in rows if len(r) == ncol]
    arr = _nc.asarray(rows, dtype=dt) if rows else _nc.empty((0,), dtype=dt)
    if arr.ndim == 2 and 1 in arr.shape:
        arr = arr.reshape(-1)
    while arr.ndim < ndmin:
        arr = arr.reshape((1,) + arr.shape)
    return arr.T if unpack else arr


# ---- printing ----------------------------------------------------------------------


def _printed(fn, a, max_line_width, precision, suppress_small, **more):
    """fn(asarray(a)) (repr or str) under the given print options."""
    from . import _compat
    opts = {k: v for k, v in (("linewidth", max_line_width),
                              ("precision", precision),
                              ("suppress", suppress_small))
            if v is not None}
    opts.update({k: v for k, v in more.items() if v is not None})
    with _compat.printoptions(**opts):
        return fn(_nc.asarray(a))


def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
    """repr(arr) under the given print options (NumPy's array_repr)."""
    return _printed(repr, arr, max_line_width, precision, suppress_small)


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    """str(a) under the given print options (NumPy's array_str)."""
    return _printed(str, a, max_line_width, precision, suppress_small)


def array2string(a, max_line_width=None, precision=None, suppress_small=None,
                 separator=" ", prefix="", style=None, formatter=None,
                 threshold=None, edgeitems=None, sign=None,
                 floatmode=None, suffix="", *, legacy=None):
    """The elements of a as text (NumPy's array2string): str(a) under the
    given options, with `separator` between elements. The options numc's
    printer lacks (prefix, suffix, formatter, sign, floatmode, style,
    legacy) run NumPy's array2string (the documented fallback)."""
    if prefix or suffix or any(o is not None for o in
                               (style, formatter, sign, floatmode, legacy)):
        from . import _compat
        return _compat._numpy_call(
            "array2string", a, max_line_width=max_line_width,
            precision=precision, suppress_small=suppress_small,
            separator=separator, prefix=prefix, formatter=formatter,
            threshold=threshold, edgeitems=edgeitems, sign=sign,
            floatmode=floatmode, suffix=suffix, legacy=legacy)
    args = (max_line_width, precision, suppress_small)
    if separator.strip() == "":
        return _printed(str, a, *args, threshold=threshold,
                        edgeitems=edgeitems)
    r = _printed(repr, a, *args, threshold=threshold, edgeitems=edgeitems)
    # repr separates with ", ": take its body and re-join with separator
    body = r[r.index("(") + 1:r.rindex(")")]
    if body.endswith(")") or ", dtype=" in body:
        body = body[:body.rindex(", dtype=")] if ", dtype=" in body else body
    body = body.replace("\n      ", "\n")
    return body.replace(", ", separator)


def _digits(x, precision, unique, scientific):
    """(sign, digit string, decimal exponent) of float x: the shortest
    round-trip digits (unique) or `precision` significant/fraction digits."""
    import decimal
    if unique and precision is None:
        d = decimal.Decimal(repr(float(x)) if not hasattr(x, "dtype") or
                            x.dtype.itemsize != 4 else _shortest32(float(x)))
    else:
        d = decimal.Decimal(float(x))
    return d


def _shortest32(v):
    """The shortest decimal string that rounds to float32 value v."""
    import struct
    want = struct.pack("<f", v)
    for p in range(1, 10):
        s = "%.*g" % (p, v)
        if struct.pack("<f", float(s)) == want:
            return s
    return repr(v)


def format_float_positional(x, precision=None, unique=True, fractional=True,
                            trim="k", sign=False, pad_left=None,
                            pad_right=None, min_digits=None):
    """x in positional notation (NumPy's format_float_positional): the
    shortest round-trip digits when unique and precision is None, else at
    most `precision` fraction digits; trim 'k' keeps a trailing '.', '.'
    keeps '.0' trimmed to '.', '0' keeps '.0', '-' drops the point."""
    import decimal
    v = float(x)
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return ("+" if sign and v > 0 else "") + ("inf" if v > 0 else "-inf")
    d = _digits(x, None, unique, False)
    keep_zeros = False
    if precision is not None:
        if not unique:
            d = decimal.Decimal(v)
        if _b.max(0, -d.as_tuple().exponent) > precision:
            # digits are cut: the rounded value keeps its trailing zeros
            d = d.quantize(decimal.Decimal(1).scaleb(-precision),
                           rounding=decimal.ROUND_HALF_EVEN)
            keep_zeros = True
    s = format(d, "f")
    neg = s.startswith("-")
    s = s.lstrip("-")
    if "." not in s:
        s += "."
    ip, fp = s.split(".")
    if not keep_zeros or trim == "-":
        fp = fp.rstrip("0")
    if min_digits is not None and len(fp) < min_digits:
        fp = fp + "0" * (min_digits - len(fp))
    if fp == "":
        s = {"k": ip + ".", ".": ip + ".", "0": ip + ".0", "-": ip}[trim]
    else:
        s = ip + "." + fp
    if neg or (v == 0 and str(v).startswith("-")):
        s = "-" + s
    elif sign:
        s = "+" + s
    if pad_left is not None:
        i = s.find(".") if "." in s else len(s)
        s = " " * (pad_left - i) + s
    if pad_right is not None:
        i = len(s) - s.find(".") - 1 if "." in s else 0
        s = s + " " * (pad_right - i)
    return s


def format_float_scientific(x, precision=None, unique=True, trim="k",
                            sign=False, pad_left=None, exp_digits=None,
                            min_digits=None):
    """x in scientific notation (NumPy's format_float_scientific): the
    shortest round-trip digits when unique and precision is None, else at
    most `precision` fraction digits; at least 2 exponent digits."""
    import decimal
    v = float(x)
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return ("+" if sign and v > 0 else "") + ("inf" if v > 0 else "-inf")
    d = _digits(x, None, True, True) if unique else decimal.Decimal(v)
    neg = d.is_signed()
    d = abs(d)
    if d == 0:
        mant, e = "0", 0
    else:
        t = d.as_tuple()
        digs = "".join(map(str, t.digits)).rstrip("0") or "0"
        e = len(t.digits) + t.exponent - 1
        mant = digs
        if precision is not None and len(mant) - 1 > precision:
            q = decimal.Decimal(mant[0] + "." + mant[1:]).quantize(
                decimal.Decimal(1).scaleb(-precision),
                rounding=decimal.ROUND_HALF_EVEN)
            if q >= 10:
                q /= 10
                e += 1
            mant = str(q).replace(".", "").rstrip("0") or "0"
    fp = mant[1:]
    if min_digits is not None and len(fp) < min_digits:
        fp += "0" * (min_digits - len(fp))
    if fp == "":
        body = {"k": mant[0] + ".", ".": mant[0] + ".", "0": mant[0] + ".0",
                "-": mant[0]}[trim]
    else:
        body = mant[0] + "." + fp
    ed = _b.max(exp_digits or 2, 2 if exp_digits is None else exp_digits)
    s = body + "e" + ("-" if e < 0 else "+") + str(abs(e)).zfill(ed)
    if neg:
        s = "-" + s
    elif sign:
        s = "+" + s
    if pad_left is not None:
        i = s.find(".") if "." in s else s.find("e")
        s = " " * (pad_left - i) + s
    return s
