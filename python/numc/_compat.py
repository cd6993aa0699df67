"""NumPy-compatibility layer of numc, written over numc's C primitives.

Everything here is a composite that is not a per-element hot path: the ufunc
methods (reduce, accumulate, outer, at, reduceat), the ``__array_ufunc__`` /
``__array_function__`` protocol handlers of ``numc.ndarray``, and NumPy
functions built from numc's own operations (median, percentile, histogram,
pad, split, ...). Elementwise work always runs in numc's C kernels; this
module only arranges calls. ``numc/__init__.py`` re-exports the public names
listed in ``__all__``.
"""
import builtins as _b
import contextlib as _contextlib
import math as _math
import operator as _operator

from . import _numc as _nc

_NoValue = object()

# ufunc -> the numc reduction that is the same operation (NumPy's
# add.reduce is sum, and so on); the others reduce pairwise in order.
_REDUCERS = {
    "add": _nc.sum,
    "multiply": _nc.prod,
    "maximum": _nc.max,
    "minimum": _nc.min,
    "logical_and": _nc.all,
    "logical_or": _nc.any,
}
_SCANS = {"add": _nc.cumulative_sum, "multiply": _nc.cumulative_prod}


def _normalize_axes(axis, ndim):
    """The tuple of non-negative axes for axis= (int, tuple or None)."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (tuple, list)):
        axes = tuple(_operator.index(a) for a in axis)
    else:
        axes = (_operator.index(axis),)
    out = []
    for a in axes:
        if not -ndim <= a < ndim:
            raise _nc.AxisError(
                f"axis {a} is out of bounds for array of dimension {ndim}")
        a %= ndim
        if a in out:
            raise ValueError("duplicate value in 'axis'")
        out.append(a)
    return tuple(out)


def _store(res, out):
    """Writes res into out (an ndarray or 1-tuple) and returns out."""
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError("The 'out' tuple must have exactly one entry")
        out = out[0]
    if out is None:
        return res
    if not isinstance(out, _nc.ndarray):
        raise TypeError("out must be a numc array")
    res = _nc.asarray(res)
    if res.shape != out.shape:
        raise ValueError(
            f"output parameter has shape {out.shape}, expected {res.shape}")
    out[...] = res
    return out


def _ufunc_reduce(ufunc, array, axis=0, dtype=None, out=None, keepdims=False,
                  initial=_NoValue, where=True):
    """ufunc.reduce with NumPy's semantics (see the ufunc's docstring)."""
    if ufunc.nin != 2:
        raise ValueError("reduce only supported for binary functions")
    x = _nc.asarray(array)
    if dtype is not None:
        x = x.astype(dtype)
    axes = _normalize_axes(axis, x.ndim)
    name = ufunc.__name__
    ident = ufunc.identity if initial is _NoValue else initial
    if where is not True:
        if ident is None:
            raise ValueError(
                f"reduction operation '{name}' does not have an identity, so "
                "to use a where mask one has to specify 'initial'")
        x = _nc.where(where, x, _nc.asarray(ident, dtype=x.dtype))
    empty = _b.any(x.shape[a] == 0 for a in axes)
    if empty and ident is None:
        raise ValueError(
            f"zero-size array to reduction operation {name} which has no "
            "identity")
    red = _REDUCERS.get(name)
    if red is not None and not (empty and name in ("maximum", "minimum")):
        res = red(x, axis=axes, keepdims=keepdims)
    else:
        res = x
        for a in sorted(axes, reverse=True):
            res = _reduce_axis(ufunc, res, a, ident)
        if keepdims:
            for a in sorted(axes):
                res = _nc.expand_dims(res, axis=a)
    if initial is not _NoValue and initial is not None and not empty:
        res = ufunc(res, initial)
    elif empty and initial is not _NoValue:
        res = _nc.full(res.shape if hasattr(res, "shape") else (), initial,
                       dtype=_nc.result_type(x.dtype, initial))
    if dtype is not None and getattr(res, "dtype", None) != dtype:
        res = _nc.asarray(res).astype(dtype)
    if out is not None:
        return _store(res, out)
    if _nc.asarray(res).ndim == 0:
        return _nc.asarray(res)[()]
    return res


def _reduce_axis(ufunc, x, axis, ident):
    """Left fold of ufunc along one axis (in order, as NumPy does)."""
    x = _nc.moveaxis(x, axis, 0)
    n = x.shape[0]
    if n == 0:
        return _nc.full(x.shape[1:], ident,
                        dtype=ufunc(_nc.zeros((), dtype=x.dtype),
                                    _nc.zeros((), dtype=x.dtype)).dtype)
    acc = x[0]
    for i in range(1, n):
        acc = ufunc(acc, x[i])
    return _nc.asarray(acc)


def _ufunc_accumulate(ufunc, array, axis=0, dtype=None, out=None):
    """ufunc.accumulate: the running result along one axis."""
    if ufunc.nin != 2:
        raise ValueError("accumulate only supported for binary functions")
    x = _nc.asarray(array)
    if x.ndim == 0:
        raise ValueError("accumulate: cannot accumulate a 0-d array")
    (axis,) = _normalize_axes(axis, x.ndim)
    scan = _SCANS.get(ufunc.__name__)
    if scan is not None:
        # add/multiply accumulate as sum/prod do (small ints widen)
        res = scan(x, axis=axis, dtype=dtype)
    else:
        if dtype is None:
            dtype = ufunc(_nc.zeros((), dtype=x.dtype),
                          _nc.zeros((), dtype=x.dtype)).dtype
        m = _nc.moveaxis(x.astype(dtype), axis, 0)
        parts = []
        acc = None
        for i in range(m.shape[0]):
            acc = m[i] if acc is None else ufunc(acc, m[i], dtype=dtype)
            parts.append(acc)
        res = (_nc.moveaxis(_nc.stack(parts), 0, axis) if parts
               else _nc.asarray(x, dtype=dtype))
    return _store(res, out) if out is not None else res


def _ufunc_outer(ufunc, A, B, /, **kwargs):
    """ufunc.outer: op(a, b) for all pairs (result shape A.shape + B.shape)."""
    if ufunc.nin != 2:
        raise ValueError("outer product only supported for binary functions")
    a = _nc.asarray(A)
    b = _nc.asarray(B)
    a = _nc.reshape(a, a.shape + (1,) * b.ndim)
    return ufunc(a, b, **kwargs)


def _ufunc_at(ufunc, a, indices, b=None, /):
    """ufunc.at: unbuffered in place a[indices] op= b; repeated indices apply
    repeatedly (one element at a time, in index order)."""
    if not isinstance(a, _nc.ndarray):
        raise TypeError("ufunc.at: first operand must be a numc array")
    if ufunc.nin == 2 and b is None:
        raise ValueError("second operand needed for ufunc")
    if ufunc.nin == 1 and b is not None:
        raise ValueError("second operand provided when ufunc is unary")
    # positions of every selected element, as flat indices, in index order
    pos = _nc.arange(a.size, dtype=_nc.int64).reshape(a.shape)[indices]
    pos = _nc.reshape(pos, (-1,))
    flat = _nc.reshape(a, (-1,)) if a.flags.c_contiguous else None
    if b is not None:
        bb = _nc.broadcast_to(_nc.asarray(b), _nc.asarray(
            _nc.arange(a.size).reshape(a.shape)[indices]).shape)
        bb = _nc.reshape(bb, (-1,)).tolist()
    plist = pos.tolist()
    shape = a.shape
    for k, p in enumerate(plist):
        idx = _unravel(p, shape)
        cur = a[idx]
        val = ufunc(cur) if b is None else ufunc(cur, bb[k])
        if flat is not None:
            flat[p] = val
        else:
            a[idx] = val


def _unravel(p, shape):
    idx = []
    for n in reversed(shape):
        idx.append(p % n if n else 0)
        p = p // n if n else 0
    return tuple(reversed(idx))


def _ufunc_reduceat(ufunc, array, indices, axis=0, dtype=None, out=None):
    """ufunc.reduceat: reductions over indices[i]:indices[i+1] along axis
    (NumPy's rule: where indices[i] >= indices[i+1] the result is
    array[indices[i]])."""
    x = _nc.asarray(array)
    (axis,) = _normalize_axes(axis, x.ndim)
    idx = [int(i) for i in _nc.asarray(indices).tolist()]
    n = x.shape[axis]
    parts = []
    for k, i in enumerate(idx):
        if not 0 <= i < n:
            raise IndexError(f"index {i} out-of-bounds in {ufunc.__name__}."
                             f"reduceat [0, {n})")
        j = idx[k + 1] if k + 1 < len(idx) else n
        sl = [slice(None)] * x.ndim
        if j <= i:
            sl[axis] = slice(i, i + 1)
        else:
            sl[axis] = slice(i, j)
        parts.append(_ufunc_reduce(ufunc, x[tuple(sl)], axis=axis,
                                   dtype=dtype, keepdims=True))
    res = _nc.concat(parts, axis=axis)
    return _store(res, out) if out is not None else res



# ---- flat iteration ------------------------------------------------------------


class flatiter:
    """NumPy's ``ndarray.flat``: iterates the elements in C order and takes
    integer, slice, list and boolean indices over the flattened array
    (reads give copies; assignments write through to the array)."""

    def __init__(self, base):
        self.base = base
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.index >= self.base.size:
            raise StopIteration
        v = self[self.index]
        self.index += 1
        return v

    def __len__(self):
        return self.base.size

    def _flat(self):
        return _nc.reshape(self.base, (-1,))

    def __getitem__(self, key):
        return self._flat()[key]

    def __setitem__(self, key, value):
        b = self.base
        pos = _nc.arange(b.size, dtype=_nc.int64)[key]
        if isinstance(pos, _nc.ndarray):
            pos = pos.tolist()
            vals = _nc.asarray(value, dtype=b.dtype)
            vals = _nc.reshape(vals, (-1,)).tolist() if vals.ndim else [vals]
            if not vals:
                return
            for k, p in enumerate(pos):
                b[_unravel(p, b.shape)] = vals[k % len(vals)]
        else:
            b[_unravel(int(pos), b.shape)] = value

    def __array__(self, dtype=None, copy=None):
        return self._flat().__array__(dtype)

    def copy(self):
        """A flattened copy of the array."""
        return _nc.reshape(self.base, (-1,)).copy()

    @property
    def coords(self):
        """The N-d index of the current position."""
        return _unravel(self.index, self.base.shape)


def _set_flat(arr, value):
    """``arr.flat = value``: fills arr in C order, repeating value."""
    flatiter(arr)[:] = value


# ---- NumPy dispatch protocols ---------------------------------------------------
#
# NumPy calls ``__array_ufunc__`` for its ufuncs (np.sin(x), np.add(x, 1,
# out=...), np.add.reduce(x)) and ``__array_function__`` for its other
# functions (np.mean(x, axis=0), np.concatenate([x, y])) when an argument is
# a numc array. numc runs the operation itself when it has the same name
# with a NumPy-compatible signature; otherwise (a NumPy function numc lacks,
# or arguments numc's version does not take) the *fallback* converts every
# numc array to NumPy, calls NumPy, and converts array results back to numc
# (NumPy dtypes numc lacks, like float16 or object, stay NumPy arrays).
# ``fallback_log`` keeps the names that took the fallback (most recent
# last, bounded) and ``numc.set_fallback_warning(True)`` makes each fallback
# emit a ``numc.NumPyFallbackWarning``, so slow paths are never silent for
# someone who looks.


class NumPyFallbackWarning(UserWarning):
    """A NumPy function ran through NumPy on converted numc arrays."""


fallback_log = []
_warn_fallback = [False]


def set_fallback_warning(flag):
    """Turns NumPyFallbackWarning for NumPy fallbacks on or off; returns the
    previous setting."""
    old = _warn_fallback[0]
    _warn_fallback[0] = bool(flag)
    return old


def _note_fallback(name):
    fallback_log.append(name)
    del fallback_log[:-100]
    if _warn_fallback[0]:
        import warnings
        warnings.warn(f"numc: {name} ran through NumPy (converted arrays)",
                      NumPyFallbackWarning, stacklevel=4)


def _to_numpy(obj):
    """numc arrays (also inside lists/tuples/dicts) as NumPy arrays."""
    if isinstance(obj, _nc.ndarray):
        import numpy
        return numpy.asarray(obj)
    if isinstance(obj, (list, tuple)):
        t = [_to_numpy(o) for o in obj]
        return type(obj)(t) if type(obj) in (list, tuple) else obj
    if isinstance(obj, dict):
        return {k: _to_numpy(v) for k, v in obj.items()}
    return obj


def _from_numpy(obj):
    """NumPy arrays (also in tuples/lists) as numc arrays, where numc has
    the dtype; anything else unchanged."""
    import numpy
    if type(obj) is numpy.ndarray:
        try:
            return _nc.asarray(obj)
        except (TypeError, ValueError):
            return obj
    if isinstance(obj, tuple) and not hasattr(obj, "_fields"):
        return tuple(_from_numpy(o) for o in obj)
    if type(obj) is list:
        return [_from_numpy(o) for o in obj]
    return obj


def _write_outs(out, res):
    """Copies results computed elsewhere into the caller's out arrays."""
    outs = out if isinstance(out, tuple) else (out,)
    ress = res if isinstance(res, tuple) else (res,)
    import numpy
    for o, r in zip(outs, ress):
        if o is None:
            continue
        if isinstance(o, _nc.ndarray):
            o[...] = _nc.asarray(r) if not isinstance(r, _nc.ndarray) else r
        else:
            numpy.copyto(o, numpy.asarray(r), casting="unsafe")
    return out if isinstance(out, tuple) and len(out) > 1 else outs[0]


def _array_ufunc(self, ufunc, method, *inputs, **kwargs):
    """ndarray.__array_ufunc__: runs NumPy's ufunc `ufunc` (method
    '__call__', 'reduce', 'accumulate', 'outer', 'at', 'reduceat') in numc."""
    nu = getattr(_nc, ufunc.__name__, None)
    out = kwargs.get("out")
    foreign_out = out is not None and _b.any(
        o is not None and not isinstance(o, _nc.ndarray)
        for o in (out if isinstance(out, tuple) else (out,)))
    if isinstance(nu, _nc.ufunc) and not foreign_out:
        try:
            ins = [i if isinstance(i, _nc.ndarray) else _nc.asarray(i)
                   for i in inputs]
        except (TypeError, ValueError):
            ins = None  # a NumPy dtype numc lacks
        if ins is not None:
            fn = nu if method == "__call__" else getattr(nu, method)
            if method == "at":
                ins[1] = inputs[1]  # indices stay as given
            return fn(*ins, **kwargs)
    # fallback: the ufunc runs in NumPy
    _note_fallback(f"{ufunc.__name__}.{method}")
    np_in = [_to_numpy(i) for i in inputs]
    kw = dict(kwargs)
    if out is not None:
        kw.pop("out")
    if method == "at":
        target = inputs[0]
        tmp = np_in[0].copy()
        getattr(ufunc, "at")(tmp, *np_in[1:], **kw)
        target[...] = _nc.asarray(tmp)
        return None
    fn = ufunc if method == "__call__" else getattr(ufunc, method)
    res = fn(*np_in, **_to_numpy(kw))
    if out is not None:
        return _write_outs(out, res)
    return _from_numpy(res)


# NumPy functions whose numc namesake is not a drop-in (different meaning
# or signature): always the fallback.
_NO_DISPATCH = frozenset({
    "where",  # numc.where needs three arguments; one-argument form below
})


def _array_function(self, func, types, args, kwargs):
    """ndarray.__array_function__: runs NumPy function `func` in numc."""
    import numpy
    for t in types:
        if not (issubclass(t, _nc.ndarray) or issubclass(t, numpy.ndarray)):
            return NotImplemented
    name = func.__name__
    mod = getattr(func, "__module__", "") or ""
    impl = None
    if mod == "numpy" and name not in _NO_DISPATCH:
        impl = getattr(_nc, name, None)
    elif mod == "numpy.linalg":
        linalg = getattr(_nc, "linalg", None)
        impl = getattr(linalg, name, None) if linalg is not None else None
    if impl is not None and callable(impl) and not isinstance(impl, type):
        try:
            return impl(*args, **kwargs)
        except TypeError:
            pass  # a signature numc's version does not take: use NumPy
        except NotImplementedError:
            pass
    _note_fallback(name)
    out = kwargs.get("out")
    kw = {k: v for k, v in kwargs.items() if k != "out"}
    if out is not None and not (isinstance(out, _nc.ndarray) or (
            isinstance(out, tuple) and _b.any(isinstance(o, _nc.ndarray)
                                              for o in out))):
        kw["out"] = out  # a NumPy out: NumPy writes it
        out = None
    res = func(*_to_numpy(list(args)), **_to_numpy(kw))
    if out is not None:
        return _write_outs(out, res)
    return _from_numpy(res)


# ---- floating-point error handling (errstate) ----------------------------------
#
# libnumc keeps a per-thread error state and records it with every
# operation; conditions raised when the values are produced (at once for
# small arrays, later in a fused kernel) warn (RuntimeWarning, with NumPy's
# messages) or raise FloatingPointError according to the state recorded.

_FPE_KEYS = ("divide", "over", "under", "invalid")
_FPE_MODES = ("ignore", "warn", "raise")
_FPE_ALIASES = {"call": "warn", "print": "warn", "log": "warn"}


def geterr():
    """How floating-point errors are handled on this thread: a dict with keys
    'divide', 'over', 'under', 'invalid' and values 'ignore', 'warn' or
    'raise' (NumPy's geterr)."""
    s = _nc._get_errstate()
    return {k: _FPE_MODES[(s >> (2 * i)) & 3] for i, k in enumerate(_FPE_KEYS)}


def _mode_code(value):
    value = _FPE_ALIASES.get(value, value)
    if value not in _FPE_MODES:
        raise ValueError(f"invalid error mode {value!r}; expected one of "
                         "'ignore', 'warn', 'raise', 'call', 'print', 'log'")
    return _FPE_MODES.index(value)


def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    """Sets how floating-point errors are handled on this thread and returns
    the previous settings (NumPy's seterr; 'call', 'print' and 'log' act as
    'warn'). Operations recorded afterwards use the new settings."""
    old = geterr()
    new = dict(old)
    if all is not None:
        for k in _FPE_KEYS:
            new[k] = all
    for k, v in zip(_FPE_KEYS, (divide, over, under, invalid)):
        if v is not None:
            new[k] = v
    s = 0
    for i, k in enumerate(_FPE_KEYS):
        s |= _mode_code(new[k]) << (2 * i)
    _nc._set_errstate(s)
    return old


class errstate(_contextlib.ContextDecorator):
    """Context manager (and decorator) for floating-point error handling:
    ``with numc.errstate(divide='ignore'): ...`` as NumPy's errstate. The
    settings apply to operations recorded inside the block, even when their
    values are computed after it."""

    def __init__(self, *, call=None, all=None, divide=None, over=None,
                 under=None, invalid=None):
        if call is not None:
            raise TypeError("numc.errstate does not support call=")
        self._kw = dict(all=all, divide=divide, over=over, under=under,
                        invalid=invalid)
        for v in self._kw.values():
            if v is not None:
                _mode_code(v)
        self._old = []

    def __enter__(self):
        self._old.append(seterr(**self._kw))
        return self

    def __exit__(self, *exc):
        seterr(**self._old.pop())
        return False


# ---- print options ---------------------------------------------------------------

_PRINT_KEYS = ("precision", "threshold", "edgeitems", "linewidth", "suppress")


def get_printoptions():
    """The print options numc's repr/str use (NumPy's names and meanings:
    precision, threshold, edgeitems, linewidth, suppress)."""
    return dict(_nc._get_printoptions())


def set_printoptions(precision=None, threshold=None, edgeitems=None,
                     linewidth=None, suppress=None, **unsupported):
    """Sets the print options (None keeps a value). NumPy's other options
    (floatmode, sign, formatter, legacy, ...) are not supported and raise
    TypeError rather than being ignored."""
    if unsupported:
        raise TypeError("numc.set_printoptions does not support "
                        + ", ".join(sorted(unsupported)))
    cur = get_printoptions()
    new = dict(precision=precision, threshold=threshold, edgeitems=edgeitems,
               linewidth=linewidth, suppress=suppress)
    for k, v in new.items():
        if v is None:
            continue
        if k == "suppress":
            cur[k] = bool(v)
            continue
        if k == "threshold" and isinstance(v, float) and _math.isinf(v):
            v = 2**62
        if isinstance(v, bool) or not isinstance(v, int):
            try:
                v = _operator.index(v)
            except TypeError:
                raise TypeError(f"{k} must be an int") from None
        if v < 0 or (k == "linewidth" and v < 1):
            raise ValueError(f"{k} must be non-negative")
        cur[k] = v
    _nc._set_printoptions(cur["precision"], cur["threshold"],
                          cur["edgeitems"], cur["linewidth"],
                          int(cur["suppress"]))


@_contextlib.contextmanager
def printoptions(**kwargs):
    """Context manager setting print options for the duration of a block."""
    old = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield get_printoptions()
    finally:
        set_printoptions(**old)


__all__ = ["get_printoptions", "set_printoptions", "printoptions", "errstate", "seterr", "geterr", "NumPyFallbackWarning", "set_fallback_warning", "flatiter"]
