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
import itertools as _itertools
import math as _math
import operator as _operator
import threading as _threading

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
        # NumPy casts initial to the reduction's dtype
        res = ufunc(res, _nc.asarray(initial).astype(_nc.asarray(res).dtype))
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
    if nu is None:  # a NumPy ufunc numc provides as a Python composite
        nu = _dispatch_table().get(ufunc.__name__)
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
            import numpy
            npe = numpy.geterr()
            if npe != geterr():  # a NumPy call follows np.errstate
                with errstate(**npe):
                    return fn(*ins, **kwargs)
            return fn(*ins, **kwargs)
    elif callable(nu) and method == "__call__" and not foreign_out:
        # a NumPy ufunc numc provides as a function (e.g. matmul)
        try:
            return nu(*inputs, **kwargs)
        except TypeError:
            pass
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
_NO_DISPATCH = frozenset()


def _dispatch_table():
    """NumPy name -> numc's Python composite (the public names of the numc
    package that are not in the C extension), built once."""
    if not _DISPATCH:
        import sys
        pkg = sys.modules["numc"]
        for n in getattr(pkg, "__all__", ()):
            f = getattr(pkg, n, None)
            if callable(f) and not isinstance(f, type) and \
                    getattr(_nc, n, None) is None:
                _DISPATCH[n] = f
    return _DISPATCH


_DISPATCH = {}


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
        if impl is None:  # a composite of numc/_compat.py or _compat2.py
            impl = _dispatch_table().get(name)
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
_FPE_MODES = ("ignore", "warn", "raise", "call")
_FPE_CALLBACK_MODES = ("call", "print", "log")
_FPE_FLAGS = (1, 2, 4, 8)  # NumPy's flag per condition, as _FPE_KEYS
# per thread: which callback mode ('call', 'print', 'log') each condition
# in libnumc's NUMC_FPE_CALL mode stands for, and the seterrcall callback
_fpe_local = _threading.local()


def _callback_modes():
    m = getattr(_fpe_local, "modes", None)
    if m is None:
        m = _fpe_local.modes = dict.fromkeys(_FPE_KEYS, "call")
    return m


def geterr():
    """How floating-point errors are handled on this thread: a dict with keys
    'divide', 'over', 'under', 'invalid' and values 'ignore', 'warn',
    'raise', 'call', 'print' or 'log' (NumPy's geterr)."""
    s = _nc._get_errstate()
    cb = _callback_modes()
    out = {}
    for i, k in enumerate(_FPE_KEYS):
        mode = _FPE_MODES[(s >> (2 * i)) & 3]
        out[k] = cb[k] if mode == "call" else mode
    return out


def _mode_code(value):
    if value in _FPE_CALLBACK_MODES:
        return 3
    if value not in _FPE_MODES[:3]:
        raise ValueError(f"invalid error mode {value!r}; expected one of "
                         "'ignore', 'warn', 'raise', 'call', 'print', 'log'")
    return _FPE_MODES.index(value)


def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    """Sets how floating-point errors are handled on this thread and returns
    the previous settings (NumPy's seterr, with 'call' (seterrcall's
    function), 'print' (to stdout) and 'log' (seterrcall's .write)).
    Operations recorded afterwards use the new settings; which of 'call',
    'print' and 'log' applies is the one in force when the result is
    computed."""
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
    cb = _callback_modes()
    for k in _FPE_KEYS:
        if new[k] in _FPE_CALLBACK_MODES:
            cb[k] = new[k]
    _nc._set_errstate(s)
    return old


def geterrcall():
    """The current floating-point error callback (NumPy's geterrcall):
    None, a callable or an object with a write method."""
    return getattr(_fpe_local, "call", None)


def seterrcall(func):
    """Sets the function called for floating-point errors in 'call' mode
    (func(message, flag), message as 'divide by zero', flag 1, 2, 4, 8 for
    divide, over, under, invalid) or the object written to in 'log' mode
    (func.write('Warning: ... encountered in ...\\n')); returns the old
    one (NumPy's seterrcall). None clears it."""
    if func is not None and not callable(func) and not callable(
            getattr(func, "write", None)):
        raise TypeError("Only callable can be used as callback")
    old = geterrcall()
    _fpe_local.call = func
    return old


def _report_conditions(flags, opname):
    """Reports floating-point conditions (NumPy flags 1, 2, 4, 8) caught
    while computing a composite as conditions of `opname`, under the
    current error settings."""
    texts = ("divide by zero", "overflow", "underflow", "invalid value")
    modes = geterr()
    for cond, key in enumerate(_FPE_KEYS):
        if _FPE_FLAGS[cond] not in flags or modes[key] == "ignore":
            continue
        if modes[key] == "raise":
            raise FloatingPointError(f"{texts[cond]} encountered in {opname}")
        if modes[key] == "warn":
            import warnings
            warnings.warn(f"{texts[cond]} encountered in {opname}",
                          RuntimeWarning, stacklevel=3)
        else:
            _fpe_callback(texts[cond], opname, cond)


def _fpe_callback(text, opname, cond):
    """Handles a floating-point condition queued in NUMC_FPE_CALL mode
    (called by the extension when it reports the conditions)."""
    key = _FPE_KEYS[cond]
    mode = _callback_modes()[key]
    func = geterrcall()
    if mode == "print":
        print(f"Warning: {text} encountered in {opname}")
    elif mode == "log":
        if func is None or not callable(getattr(func, "write", None)):
            raise ValueError(f"log specified for {text} (in {opname}) but "
                             "no object with write method found.")
        func.write(f"Warning: {text} encountered in {opname}\n")
    else:
        if func is None:
            raise NameError(f"python callback specified for {text} (in  "
                            f"{opname}) but no function found.")
        if callable(func):
            func(text, _FPE_FLAGS[cond])
        else:
            func.write(f"Warning: {text} encountered in {opname}\n")


class errstate(_contextlib.ContextDecorator):
    """Context manager (and decorator) for floating-point error handling:
    ``with numc.errstate(divide='ignore'): ...`` as NumPy's errstate. The
    settings apply to operations recorded inside the block, even when their
    values are computed after it."""

    def __init__(self, *, call=_NoValue, all=None, divide=None, over=None,
                 under=None, invalid=None):
        self._call = call
        self._kw = dict(all=all, divide=divide, over=over, under=under,
                        invalid=invalid)
        for v in self._kw.values():
            if v is not None:
                _mode_code(v)
        self._old = []

    def __enter__(self):
        old_call = (seterrcall(self._call) if self._call is not _NoValue
                    else _NoValue)
        self._old.append((seterr(**self._kw), old_call))
        return self

    def __exit__(self, *exc):
        old, old_call = self._old.pop()
        seterr(**old)
        if old_call is not _NoValue:
            seterrcall(old_call)
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


# ---- NumPy functions built on numc primitives ----------------------------------
#
# Each follows NumPy's documented signature and semantics for the options it
# takes; an option it does not implement raises (or, where noted, runs the
# NumPy function on converted arrays through _numpy_call) instead of being
# ignored.


def _numpy_call(name, *args, **kwargs):
    """Runs numpy.<name> on NumPy copies of numc arrays and converts array
    results back: the documented fallback for options numc does not
    implement (recorded in fallback_log)."""
    import numpy
    _note_fallback(name)
    fn = numpy
    for part in name.split("."):
        fn = getattr(fn, part)
    return _from_numpy(fn(*_to_numpy(list(args)), **_to_numpy(kwargs)))


def _ndarray_new(shape, dtype=float, buffer=None, offset=0, strides=None,
                 order=None):
    """numc.ndarray(shape, dtype=float, buffer=None, offset=0, strides=None,
    order=None): NumPy's low-level constructor. Without a buffer, an
    uninitialized array (numc.empty). With one (any C-contiguous object
    exporting the buffer protocol), a view of its memory from byte
    `offset`, C order, writable when the buffer is; too small a buffer is a
    TypeError, as NumPy. strides= is not supported (NotImplementedError)."""
    if buffer is None:
        if strides is not None:
            raise ValueError("numc.ndarray: strides= needs a buffer")
        if order in (None, "C"):
            return _nc.empty(shape, dtype=dtype)
        return _nc.empty(shape, dtype=dtype, order=order)
    if strides is not None:
        raise NotImplementedError("numc.ndarray: strides= with a buffer is "
                                  "not supported")
    if order not in (None, "C"):
        raise NotImplementedError("numc.ndarray: only order='C' with a "
                                  "buffer")
    shape = (shape,) if isinstance(shape, int) else tuple(
        _operator.index(s) for s in shape)
    dt = _nc.empty(0, dtype=dtype).dtype
    n = _math.prod(shape) * dt.itemsize
    mv = memoryview(buffer)
    if not mv.c_contiguous:
        raise ValueError("numc.ndarray: the buffer must be C-contiguous")
    raw = _nc.asarray(mv.cast("B"))
    offset = _operator.index(offset)
    if offset < 0 or offset + n > raw.shape[0]:
        raise TypeError("buffer is too small for requested array")
    return raw[offset:offset + n].view(dt).reshape(shape)


def _arr(a, dtype=None):
    return a if dtype is None and isinstance(a, _nc.ndarray) else \
        _nc.asarray(a, dtype=dtype)


def _scalar_out(r):
    """A 0-d result as a scalar, as NumPy returns from reductions."""
    return r[()] if isinstance(r, _nc.ndarray) and r.ndim == 0 else r


def _float_dtype(x):
    """The dtype NumPy computes means/quantiles in for x."""
    k = x.dtype.kind
    return x.dtype if k in "fc" else _nc.float64


# -- names and aliases -------------------------------------------------------

bool_ = _nc.bool
int_ = _nc.int64
intp = _nc.int64
uintp = _nc.uint64
uint = _nc.uint64
double = _nc.float64
single = _nc.float32
cdouble = _nc.complex128
csingle = _nc.complex64
byte, ubyte = _nc.int8, _nc.uint8
short, ushort = _nc.int16, _nc.uint16
intc, uintc = _nc.int32, _nc.uint32
longlong, ulonglong = _nc.int64, _nc.uint64
long, ulong = _nc.int64, _nc.uint64  # NumPy 2: C long (LP64)
True_, False_ = _nc.bool(True), _nc.bool(False)
euler_gamma = 0.577215664901532860606512090082402431

_TYPENAMES = {
    "?": "bool", "b": "signed char", "B": "unsigned char", "h": "short",
    "H": "unsigned short", "i": "integer", "I": "unsigned integer",
    "l": "long integer", "L": "unsigned long integer",
    "q": "long long integer", "Q": "unsigned long long integer",
    "f": "single precision", "d": "double precision",
    "g": "long precision", "F": "complex single precision",
    "D": "complex double precision", "G": "complex long double precision",
    "S": "string", "U": "unicode", "V": "void", "O": "object",
}


def typename(char):
    """typename(char): the description of a one-character type code, as
    numpy.typename ('d' -> 'double precision'). KeyError for unknown codes."""
    return _TYPENAMES[char]


class broadcast:
    """broadcast(*arrays): the broadcast of up to 64 array-likes, as
    numpy.broadcast: .shape, .ndim (.nd), .size, .numiter, .index, .iters
    (one flat iterator per input over the broadcast shape), .reset(), and
    iteration yielding tuples of the inputs' elements in C order."""

    def __init__(self, *args):
        if len(args) > 64:
            raise ValueError("Need at least 0 and at most 64 array objects.")
        arrs = [a if isinstance(a, broadcast) else _nc.asarray(a)
                for a in args]
        flat = []
        for a in arrs:  # a broadcast object contributes its inputs
            flat.extend(a._arrays if isinstance(a, broadcast) else [a])
        self._arrays = flat
        self.shape = _nc.broadcast_shapes(*[a.shape for a in flat]) \
            if flat else ()
        self._views = [_nc.broadcast_to(a, self.shape) for a in flat]
        self.index = 0

    ndim = property(lambda self: len(self.shape))
    nd = ndim
    size = property(lambda self: _math.prod(self.shape))
    numiter = property(lambda self: len(self._arrays))

    @property
    def iters(self):
        import itertools
        return tuple(itertools.islice(v.flat, self.index, None)
                     for v in self._views)

    def reset(self):
        """Restarts the iteration at the first element."""
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.index >= self.size:
            raise StopIteration
        idx, rest = [], self.index
        for d in reversed(self.shape):
            idx.append(rest % d)
            rest //= d
        idx = tuple(reversed(idx))
        self.index += 1
        return tuple(v[idx] for v in self._views)


def amax(a, axis=None, out=None, keepdims=False, initial=_NoValue,
         where=True):
    """NumPy's amax/max with initial= and where=."""
    if initial is _NoValue and where is True:
        return _nc.max(a, axis=axis, out=out, keepdims=keepdims)
    return _ufunc_reduce(_nc.maximum, a, axis=axis, out=out,
                         keepdims=keepdims, initial=initial, where=where)


def amin(a, axis=None, out=None, keepdims=False, initial=_NoValue,
         where=True):
    """NumPy's amin/min with initial= and where=."""
    if initial is _NoValue and where is True:
        return _nc.min(a, axis=axis, out=out, keepdims=keepdims)
    return _ufunc_reduce(_nc.minimum, a, axis=axis, out=out,
                         keepdims=keepdims, initial=initial, where=where)


def ptp(a, axis=None, out=None, keepdims=False):
    """Range of values (max - min) along an axis."""
    x = _arr(a)
    r = _nc.subtract(_nc.max(x, axis=axis, keepdims=keepdims),
                     _nc.min(x, axis=axis, keepdims=keepdims))
    return _store(r, out) if out is not None else r


def _cum(scan, a, axis, dtype, out):
    x = _arr(a)
    if axis is None:
        x = _nc.reshape(x, (-1,))
        axis = 0
    r = scan(x, axis=axis, dtype=dtype)
    return _store(r, out) if out is not None else r


def cumsum(a, axis=None, dtype=None, out=None):
    """Cumulative sum; axis=None works on the flattened array."""
    return _cum(_nc.cumulative_sum, a, axis, dtype, out)


def cumprod(a, axis=None, dtype=None, out=None):
    """Cumulative product; axis=None works on the flattened array."""
    return _cum(_nc.cumulative_prod, a, axis, dtype, out)


def around(a, decimals=0, out=None):
    """Round to the given number of decimals (half to even)."""
    x = _arr(a)
    if decimals < 0 and x.dtype.kind in "biu":
        f = 10.0 ** -decimals
        r = (_nc.round(x.astype(_nc.float64) / f) * f).astype(x.dtype)
    else:
        r = _nc.round(x, decimals=decimals)
    return _store(r, out) if out is not None else r


def asanyarray(a, dtype=None, order=None, *, like=None):
    """numc has no array subclasses: the same as asarray."""
    return _nc.asarray(a, dtype=dtype, order=order)


def ascontiguousarray(a, dtype=None, *, like=None):
    """A C-contiguous array (at least 1-d, as NumPy) with a's values."""
    x = _nc.asarray(a, dtype=dtype)
    if x.ndim == 0:
        x = _nc.reshape(x, (1,))
    return x if x.flags.c_contiguous else x.copy()


def asfortranarray(a, dtype=None, *, like=None):
    """The values of a in a Fortran-ordered (column-major) array, a itself
    when it already is one (NumPy's asfortranarray)."""
    x = _nc.asarray(a, dtype=dtype)
    if x.ndim <= 1:
        return ascontiguousarray(x)
    if x.flags.f_contiguous:
        return x
    return ascontiguousarray(x.T).T


def copy(a, order="K", subok=False):
    """A copy of a as a numc array, laid out in `order` ('K' and 'A' keep an
    F-ordered array F-ordered)."""
    return _nc.asarray(a).copy(order=order)


def ndim(a):
    """Number of dimensions of a."""
    return a.ndim if isinstance(a, _nc.ndarray) else _nc.asarray(a).ndim


def shape(a):
    """Shape of a."""
    return a.shape if isinstance(a, _nc.ndarray) else _nc.asarray(a).shape


def size(a, axis=None):
    """Number of elements (along axis, if given)."""
    s = shape(a)
    if axis is None:
        return _math.prod(s)
    return s[_normalize_axes(axis, len(s))[0]]


def isscalar(element):
    """True for scalars (Python numbers, strings, numc/NumPy scalars)."""
    if isinstance(element, (int, float, complex, str, bytes, bool,
                            _nc.generic)):
        return True
    try:
        import numpy
        return numpy.isscalar(element)
    except ImportError:
        return False


def iscomplexobj(x):
    """True if x has a complex dtype (or is a complex value)."""
    dt = getattr(x, "dtype", None)
    if dt is None:
        dt = _nc.asarray(x).dtype
    return dt.kind == "c"


def isrealobj(x):
    """Not iscomplexobj(x)."""
    return not iscomplexobj(x)


def iscomplex(x):
    """Elementwise: imaginary part non-zero."""
    x = _arr(x)
    if x.dtype.kind != "c":
        return _nc.zeros(x.shape, dtype=_nc.bool) if x.ndim else False
    return _scalar_out(_nc.imag(x) != 0)


def isreal(x):
    """Elementwise: imaginary part zero."""
    x = _arr(x)
    if x.dtype.kind != "c":
        return _nc.ones(x.shape, dtype=_nc.bool) if x.ndim else True
    return _scalar_out(_nc.imag(x) == 0)


def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    """function(*indices(shape, dtype)), as NumPy."""
    return function(*indices(shape, dtype=dtype), **kwargs)


def indices(dimensions, dtype=int, sparse=False):
    """Grid of indices: array of shape (N,) + dimensions, or (sparse) a tuple
    of broadcastable arrays."""
    dims = tuple(int(d) for d in dimensions)
    n = len(dims)
    parts = []
    for i, d in enumerate(dims):
        shp = (1,) * i + (d,) + (1,) * (n - i - 1)
        parts.append(_nc.reshape(_nc.arange(d, dtype=dtype), shp))
    if sparse:
        return tuple(parts)
    if n == 0:
        return _nc.empty((0,), dtype=dtype)
    return _nc.stack([_nc.broadcast_to(p, dims) for p in parts])


def identity(n, dtype=None, *, like=None):
    """The n x n identity matrix."""
    return _nc.eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=float, *, like=None):
    """Ones at and below the k-th diagonal."""
    M = N if M is None else M
    r = _nc.greater_equal(_nc.reshape(_nc.arange(N), (N, 1)),
                          _nc.reshape(_nc.arange(M), (1, M)) - k)
    return r.astype(dtype)


def _linspace_nd(start, stop, num, endpoint=True, dtype=None, axis=0):
    """NumPy's linspace algorithm for array (broadcast) start/stop: the
    samples along a new axis, integer dtypes floored."""
    num = _operator.index(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    s, e = _arr(start), _arr(stop)
    dt = _nc.result_type(start, stop, 1.0)   # Python scalars stay weak
    div = (num - 1) if endpoint else num
    delta = _nc.subtract(e.astype(dt), s.astype(dt))
    bshape = _nc.broadcast_shapes(s.shape, e.shape)
    y = _nc.reshape(_nc.arange(num, dtype=dt), (-1,) + (1,) * len(bshape))
    if div > 0:
        step = delta / div
        if bool(_nc.any(step == 0)):
            y = y / div * delta
        else:
            y = y * step
    else:
        y = y * delta
    y = y + s.astype(dt)
    if endpoint and num > 1:
        last = _nc.reshape(_nc.arange(num) == num - 1,
                           (-1,) + (1,) * len(bshape))
        y = _nc.where(last, e.astype(dt), y)
    y = _nc.broadcast_to(y, (num,) + bshape)
    if axis != 0:
        y = _nc.moveaxis(y, 0, _normalize_axes(axis, y.ndim)[0])
    if dtype is not None and _nc.dtype(dtype).kind in "iub":
        y = _nc.floor(y)
    return y.astype(dtype) if dtype is not None else y


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None,
             axis=0):
    """base ** linspace(start, stop, num); start, stop and base may be
    arrays (broadcast, samples along axis)."""
    scalar = all(_nc.asarray(v).ndim == 0 for v in (start, stop, base))
    if scalar and axis == 0 and not any(
            isinstance(v, complex) for v in (start, stop)):
        y = _nc.linspace(start, stop, num=num, endpoint=endpoint)
        r = _nc.power(base, y)
        return r.astype(dtype) if dtype is not None else r
    b = base if isinstance(base, (int, float, complex)) else _arr(base)
    if _nc.asarray(b).ndim:
        nd = len(_nc.broadcast_shapes(_nc.asarray(start).shape,
                                      _nc.asarray(stop).shape, b.shape))
        b = _nc.reshape(b, (1,) * (nd - b.ndim) + b.shape)
        b = _nc.expand_dims(b, axis=axis)
    y = _linspace_nd(start, stop, num, endpoint, None, axis)
    r = _nc.power(b, y)
    return r.astype(dtype) if dtype is not None else r


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """Numbers spaced evenly on a log scale with exact endpoints (NumPy's
    algorithm: rotate start to the positive real axis, logspace, rotate
    back); arrays, negative and complex endpoints allowed."""
    s, e = _arr(start), _arr(stop)
    if bool(_nc.any(s == 0)) or bool(_nc.any(e == 0)):
        raise ValueError("Geometric sequence cannot include zero")
    # NumPy promotes with a 0-d array of dtype (float64 by default)
    dt = _nc.result_type(s, e, 1.0, _nc.float64 if dtype is None else
                         _nc.dtype(dtype))
    s, e = s.astype(dt), e.astype(dt)
    sign = _nc.sign(s)
    s = s / sign
    e = e / sign
    with errstate(invalid="ignore"):
        r = _linspace_nd(_nc.log10(s), _nc.log10(e), num, endpoint)
        r = _nc.power(_nc.asarray(10.0, dtype=dt), r).astype(dt)
    _warn_nan = dt.kind == "f" and bool(_nc.any(_nc.isnan(r)))
    if _warn_nan:
        _warn("invalid value encountered in log10")
    bshape = r.shape[1:]
    idx = _nc.reshape(_nc.arange(num), (-1,) + (1,) * len(bshape))
    if num > 0:
        r = _nc.where(idx == 0, s, r)
        if num > 1 and endpoint:
            r = _nc.where(idx == num - 1, e, r)
    r = r * sign
    if axis != 0:
        r = _nc.moveaxis(r, 0, _normalize_axes(axis, r.ndim)[0])
    return r.astype(dtype) if dtype is not None else r


# -- comparisons of whole arrays ----------------------------------------------

def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """|a - b| <= atol + rtol * |b| elementwise, with NumPy's handling of
    infinities (equal only to themselves) and NaN (equal_nan)."""
    x, y = _arr(a), _arr(b)
    dt = _nc.result_type(x, y, 1.0)
    if dt.kind not in "fc":
        dt = _nc.float64
    xf, yf = x.astype(dt), y.astype(dt)
    with errstate(invalid="ignore", over="ignore"):
        finite = _nc.isfinite(xf) & _nc.isfinite(yf)
        close = _nc.abs(xf - yf) <= atol + rtol * _nc.abs(yf)
        r = _nc.where(finite, close, xf == yf)
        if equal_nan:
            r = r | (_nc.isnan(xf) & _nc.isnan(yf))
    return _scalar_out(r)


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True if isclose holds everywhere."""
    return bool(_nc.all(isclose(a, b, rtol=rtol, atol=atol,
                                equal_nan=equal_nan)))


def array_equal(a1, a2, equal_nan=False):
    """True if a1 and a2 have the same shape and elements."""
    try:
        x, y = _arr(a1), _arr(a2)
    except (TypeError, ValueError):
        return False
    if x.shape != y.shape:
        return False
    eq = x == y
    if equal_nan and (x.dtype.kind in "fc" or y.dtype.kind in "fc"):
        eq = eq | (_nc.isnan(x) & _nc.isnan(y))
    return bool(_nc.all(eq))


def array_equiv(a1, a2):
    """True if a1 and a2 broadcast together and are equal everywhere."""
    try:
        x, y = _arr(a1), _arr(a2)
        _nc.broadcast_shapes(x.shape, y.shape)
    except (TypeError, ValueError):
        return False
    return bool(_nc.all(x == y))


# -- NaN-ignoring reductions --------------------------------------------------

def _nan_fill(x, value):
    if x.dtype.kind not in "fc":
        return x, None
    m = _nc.isnan(x)
    return _nc.where(m, _nc.asarray(value, dtype=x.dtype), x), m


def _nan_where(x, value, where):
    """(x with NaN and where-excluded values set to value, mask of those
    values) for the nan* reductions' where=."""
    if where is True:
        y, m = _nan_fill(x, value)
        return (y, m) if m is not None else (x, _nc.zeros(x.shape, _nc.bool))
    wb = _nc.broadcast_to(_arr(where, _nc.bool), x.shape)
    m = ~wb if x.dtype.kind not in "fc" else _nc.isnan(x) | ~wb
    return _nc.where(m, _nc.asarray(value, dtype=x.dtype), x), m


def _warn(msg):
    import warnings
    warnings.warn(msg, RuntimeWarning, stacklevel=3)


def nansum(a, axis=None, dtype=None, out=None, keepdims=False,
           initial=_NoValue, where=True):
    """Sum treating NaN as zero."""
    x, _ = _nan_fill(_arr(a), 0)
    if initial is not _NoValue or where is not True:
        return _ufunc_reduce(_nc.add, x, axis=axis, dtype=dtype, out=out,
                             keepdims=keepdims, initial=initial, where=where)
    return _nc.sum(x, axis=axis, dtype=dtype, out=out, keepdims=keepdims)


def nanprod(a, axis=None, dtype=None, out=None, keepdims=False,
            initial=_NoValue, where=True):
    """Product treating NaN as one."""
    x, _ = _nan_fill(_arr(a), 1)
    if initial is not _NoValue or where is not True:
        return _ufunc_reduce(_nc.multiply, x, axis=axis, dtype=dtype,
                             out=out, keepdims=keepdims, initial=initial,
                             where=where)
    return _nc.prod(x, axis=axis, dtype=dtype, out=out, keepdims=keepdims)


def nancumsum(a, axis=None, dtype=None, out=None):
    """Cumulative sum treating NaN as zero."""
    return cumsum(_nan_fill(_arr(a), 0)[0], axis=axis, dtype=dtype, out=out)


def nancumprod(a, axis=None, dtype=None, out=None):
    """Cumulative product treating NaN as one."""
    return cumprod(_nan_fill(_arr(a), 1)[0], axis=axis, dtype=dtype, out=out)


def _nan_count(m, axis, keepdims):
    return _nc.sum(~m, axis=axis, keepdims=keepdims)


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *,
            where=True):
    """Mean of the non-NaN values ("Mean of empty slice" warning and NaN
    where there are none)."""
    x = _arr(a)
    if x.dtype.kind not in "fc" and where is True:
        r = _nc.mean(x, axis=axis, dtype=dtype, out=out, keepdims=keepdims)
        return r if out is not None else _scalar_out(r)
    y, m = _nan_where(x, 0, where)
    cnt = _nan_count(m, axis, keepdims)
    s = _nc.sum(y, axis=axis, dtype=dtype, keepdims=keepdims)
    if bool(_nc.any(cnt == 0)):
        _warn("Mean of empty slice")
    with errstate(invalid="ignore", divide="ignore"):
        r = s / cnt
    if dtype is not None:
        r = r.astype(dtype)
    elif r.dtype != x.dtype and x.dtype.kind in "fc":
        r = r.astype(x.dtype)
    return _store(r, out) if out is not None else _scalar_out(r)


def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *,
           where=True, mean=None, correction=None):
    """Variance of the non-NaN values."""
    x = _arr(a)
    if correction is not None:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided "
                             "simultaneously.")
        ddof = correction
    if x.dtype.kind not in "fc" and where is True and mean is None:
        r = _nc.var(x, axis=axis, dtype=dtype, out=out, ddof=ddof,
                    keepdims=keepdims)
        return r if out is not None else _scalar_out(r)
    y, m = _nan_where(x, 0, where)
    cnt = _nan_count(m, axis, True)
    with errstate(invalid="ignore", divide="ignore"):
        mu = _nc.sum(y, axis=axis, keepdims=True) / cnt if mean is None \
            else _arr(mean)
        d = _nc.where(m, _nc.asarray(0, dtype=x.dtype), x - mu)
        sq = _nc.real(d * _nc.conj(d)) if x.dtype.kind == "c" else d * d
        dof = cnt - ddof
        if bool(_nc.any(dof <= 0)):
            _warn("Degrees of freedom <= 0 for slice.")
        r = _nc.sum(sq, axis=axis, keepdims=True) / _nc.maximum(dof, 0)
    if not keepdims:
        r = _nc.squeeze(r, axis=_normalize_axes(axis, x.ndim)) \
            if x.ndim else r
    r = r.astype(dtype if dtype is not None else
                 (_nc.float32 if x.dtype in (_nc.float32, _nc.complex64)
                  else _nc.float64))
    return _store(r, out) if out is not None else _scalar_out(r)


def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *,
           where=True, mean=None, correction=None):
    """Standard deviation of the non-NaN values."""
    v = nanvar(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims,
               where=where, mean=mean, correction=correction)
    r = _nc.sqrt(_nc.asarray(v))
    return _store(r, out) if out is not None else _scalar_out(r)


def _nan_extreme(red, a, axis, out, keepdims, fill, initial=_NoValue,
                 where=True):
    """nanmax/nanmin: red over x with NaN (and where-excluded values) set
    to fill; NaN with a warning for slices with nothing left and no
    initial (NumPy's fmax/fmin.reduce)."""
    x = _arr(a)
    plain = initial is _NoValue and where is True
    amx = amax if red is _nc.max else amin
    if x.dtype.kind not in "fc":
        return red(x, axis=axis, out=out, keepdims=keepdims) if plain else \
            amx(x, axis=axis, out=out, keepdims=keepdims, initial=initial,
                where=where)
    y, m = _nan_fill(x, fill)
    if where is not True:
        m = m | ~_nc.broadcast_to(_arr(where, _nc.bool), x.shape)
    allnan = _nc.all(m, axis=axis, keepdims=keepdims)
    if initial is not _NoValue:
        allnan = allnan & False
    r = red(y, axis=axis, keepdims=keepdims) if plain else \
        amx(y, axis=axis, keepdims=keepdims, initial=initial, where=where)
    if bool(_nc.any(allnan)):
        _warn("All-NaN slice encountered")
        r = _nc.where(allnan, _nc.asarray(float("nan"), dtype=x.dtype), r)
    return _store(r, out) if out is not None else _scalar_out(r)


def nanmax(a, axis=None, out=None, keepdims=False, initial=_NoValue,
           where=True):
    """Maximum ignoring NaN (NaN with a warning for all-NaN slices)."""
    return _nan_extreme(_nc.max, a, axis, out, keepdims, float("-inf"),
                        initial, where)


def nanmin(a, axis=None, out=None, keepdims=False, initial=_NoValue,
           where=True):
    """Minimum ignoring NaN (NaN with a warning for all-NaN slices)."""
    return _nan_extreme(_nc.min, a, axis, out, keepdims, float("inf"),
                        initial, where)


def _nan_arg(red, a, axis, out, keepdims, fill):
    x = _arr(a)
    if x.dtype.kind in "fc":
        y, m = _nan_fill(x, fill)
        if bool(_nc.any(_nc.all(m, axis=axis))):
            raise ValueError("All-NaN slice encountered")
        x = y
    r = red(x, axis=axis, keepdims=keepdims)
    return _store(r, out) if out is not None else _scalar_out(r)


def nanargmax(a, axis=None, out=None, *, keepdims=False):
    """argmax ignoring NaN; ValueError for an all-NaN slice."""
    return _nan_arg(_nc.argmax, a, axis, out, keepdims, float("-inf"))


def nanargmin(a, axis=None, out=None, *, keepdims=False):
    """argmin ignoring NaN; ValueError for an all-NaN slice."""
    return _nan_arg(_nc.argmin, a, axis, out, keepdims, float("inf"))


# -- order statistics -------------------------------------------------------------

def _axes_last(x, axis):
    """x with the axes to reduce (axis: int, tuple or None) merged into one
    last axis, and those axes normalized."""
    nd = x.ndim
    if axis is None:
        return _nc.reshape(x, (-1,)), tuple(range(nd))
    axes = _normalize_axes(axis, nd)
    keep = [i for i in range(nd) if i not in axes]
    y = _nc.permute_dims(x, tuple(keep) + axes)
    return _nc.reshape(y, tuple(x.shape[i] for i in keep) + (-1,)), axes


def _kept_shape(shape, axes):
    """shape with the reduced axes kept as length 1 (keepdims)."""
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


# name -> (alpha, beta) of the continuous Hyndman & Fan methods whose
# virtual index is n*q + alpha + q*(1 - alpha - beta) - 1
_QCONT = {"interpolated_inverted_cdf": (0.0, 1.0), "hazen": (0.5, 0.5),
          "weibull": (0.0, 0.0), "median_unbiased": (1 / 3.0, 1 / 3.0),
          "normal_unbiased": (3 / 8.0, 3 / 8.0)}
_QDISCRETE = ("inverted_cdf", "closest_observation", "lower", "higher",
              "nearest")
_QMETHODS = _QDISCRETE + tuple(_QCONT) + ("averaged_inverted_cdf",
                                          "linear", "midpoint")


def _q_index(method, nf, qi):
    """NumPy's virtual index for quantile qi of slices with nf (float64
    array) values: an integral index for the discrete methods, else
    (virtual index, gamma fix) for the interpolating ones."""
    if method in ("inverted_cdf", "closest_observation"):
        v = nf * qi - 1 - (0.5 if method == "closest_observation" else 0)
        prev = _nc.floor(v)
        cond = (v - prev) == 0
        if method == "closest_observation":
            cond = cond & (_nc.remainder(prev, 2) == 1)
        return _nc.maximum(_nc.where(cond, prev, prev + 1), 0), None
    if method == "lower":
        return _nc.floor((nf - 1) * qi), None
    if method == "higher":
        return _nc.ceil((nf - 1) * qi), None
    if method == "nearest":
        return _nc.round((nf - 1) * qi), None
    if method == "linear":
        return (nf - 1) * qi, None
    if method == "averaged_inverted_cdf":
        return nf * qi - 1, lambda g, v: _nc.where(g == 0, 0.5, 1.0)
    if method == "midpoint":
        v = (nf - 1) * qi
        return 0.5 * (_nc.floor(v) + _nc.ceil(v)), \
            lambda g, v: _nc.where(_nc.remainder(v, 1) == 0, 0.0, 0.5)
    alpha, beta = _QCONT[method]
    return nf * qi + (alpha + qi * (1 - alpha - beta)) - 1, None


def _weights_valid(x, weights, axis):
    """weights checked against x (same shape, or the shape of x along
    axis) and reshaped to broadcast against x (NumPy's _weights_are_valid,
    for average and quantile)."""
    w = _arr(weights)
    if w.shape == x.shape:
        return w
    if axis is None:
        raise TypeError("Axis must be specified when shapes of a and "
                        "weights differ.")
    axes = _normalize_axes(axis, x.ndim)
    if w.shape != tuple(x.shape[i] for i in axes):
        raise ValueError("Shape of weights must be consistent with shape of "
                         "a along specified axis.")
    order = sorted(range(len(axes)), key=lambda i: axes[i])
    w = _nc.permute_dims(w, tuple(order))
    return _nc.reshape(w, tuple(n if i in axes else 1
                                for i, n in enumerate(x.shape)))


def _q_prepare(a, q, weights, method, axis, pct):
    """Validates quantile arguments as NumPy does; returns (x, q as a
    float64 array, weights broadcast to x's shape or None)."""
    x = _arr(a)
    if x.dtype.kind == "c":
        raise TypeError("a must be an array of real numbers")
    qa = _arr(q, dtype=_nc.float64)
    if pct:
        qa = _nc.true_divide(qa, 100)
    if qa.size and not (bool(_nc.all(qa >= 0)) and bool(_nc.all(qa <= 1))):
        raise ValueError("Percentiles must be in the range [0, 100]" if pct
                         else "Quantiles must be in the range [0, 1]")
    if method not in _QMETHODS:
        raise ValueError(f"{method!r} is not a valid method. Use one of: "
                         f"{_QMETHODS}")
    if weights is None:
        return x, qa, None
    if method != "inverted_cdf":
        raise ValueError("Only method 'inverted_cdf' supports weights. "
                         f"Got: {method}.")
    w = _nc.broadcast_to(_weights_valid(x, weights, axis), x.shape)
    if w.size and bool(_nc.any(w < 0)):
        raise ValueError("Weights must be non-negative.")
    return x, qa, w


def _quantile(x, qa, axis, out, method, keepdims, ignore_nan, weak_q,
              w=None):
    """NumPy's quantile algorithm (sort, virtual index, _lerp; for weights
    the inverted weighted CDF) for all 13 methods, vectorized over slices;
    ignore_nan gives the nan* variants (NaN values excluded per slice)."""
    y, axes = _axes_last(x, axis)
    n = y.shape[-1]
    if n == 0 and not ignore_nan:
        raise IndexError("cannot do a non-empty take from an empty axes.")
    isf = x.dtype.kind == "f"
    order = _nc.argsort(y, axis=-1, stable=True)
    ys = _nc.take_along_axis(y, order, axis=-1)          # NaN sorts last
    discrete = w is not None or method in _QDISCRETE
    rdt = x.dtype if discrete else _float_dtype(x)
    if not discrete and not weak_q:
        rdt = _nc.result_type(rdt, _nc.float64)
    if ignore_nan and isf:
        nvalid = _nc.sum(~_nc.isnan(ys), axis=-1, keepdims=True)
        allnan = _nc.squeeze(nvalid, axis=-1) == 0
        if n and bool(_nc.any(allnan)):
            _warn("All-NaN slice encountered")
    else:
        nvalid = _nc.full(ys.shape[:-1] + (1,), n, dtype=_nc.int64)
        allnan = None
    nf = nvalid.astype(_nc.float64)
    hi = _nc.maximum(nvalid - 1, 0)
    if w is not None:
        ws = _nc.take_along_axis(_axes_last(w, axis)[0], order,
                                 axis=-1).astype(_nc.float64)
        if ignore_nan and isf:
            ws = _nc.where(_nc.isnan(ys), 0.0, ws)
        cdf = _nc.cumulative_sum(ws, axis=-1)
        tot = cdf[..., -1:] if n else _nc.zeros(cdf.shape[:-1] + (1,))
        with errstate(all="ignore"):
            cdf = cdf / tot
        bad_w = _nc.isnan(tot) | _nc.isinf(tot) | (tot == 0)
        if allnan is not None:
            bad_w = bad_w & ~_nc.reshape(allnan, bad_w.shape)
        if n and bool(_nc.any(bad_w)):
            raise ValueError("Weights included NaN, inf or were all zero.")
        cdf = _nc.where(cdf == 0, -1.0, cdf)
    results = []
    for qi in _nc.reshape(qa, (-1,)).tolist():
        if n == 0:
            results.append(_nc.full(ys.shape[:-1], float("nan"), dtype=rdt))
            continue
        if w is not None:
            cnt = _nc.sum(cdf < qi, axis=-1, keepdims=True)
            idx, fix = _nc.minimum(cnt, hi).astype(_nc.float64), None
        else:
            idx, fix = _q_index(method, nf, qi)
        if discrete:
            pi = _nc.clip(idx, 0, hi).astype(_nc.int64)
            r = _nc.take_along_axis(ys, pi, axis=-1).astype(rdt)
        else:
            prev = _nc.floor(idx)
            prev = _nc.where(idx >= nf - 1, -1.0, _nc.where(idx < 0, 0.0,
                                                            prev))
            gamma = idx - prev
            if fix is not None:
                gamma = fix(gamma, idx)
            pi = _nc.where(prev == -1, hi, _nc.clip(prev, 0, hi))
            ni = _nc.where((idx >= nf - 1) | (idx < 0), pi,
                           _nc.clip(prev + 1, 0, hi))
            lo_x = _nc.take_along_axis(ys, pi.astype(_nc.int64), axis=-1)
            hi_x = _nc.take_along_axis(ys, ni.astype(_nc.int64), axis=-1)
            with errstate(invalid="ignore"):
                diff = _nc.subtract(hi_x, lo_x).astype(rdt)
                lo_v, hi_v, g = lo_x.astype(rdt), hi_x.astype(rdt), \
                    gamma.astype(rdt)
                r = _nc.where(g >= 0.5, hi_v - diff * (1 - g),
                              lo_v + diff * g)
        r = _nc.squeeze(r, axis=-1)
        if isf:
            bad = (_nc.isnan(ys[..., -1]) if not ignore_nan else allnan)
            r = _nc.where(bad, _nc.asarray(float("nan"), dtype=rdt), r)
        results.append(r)
    res = _nc.stack(results) if results else \
        _nc.empty((0,) + ys.shape[:-1], dtype=rdt)
    res = _nc.reshape(res, qa.shape + ys.shape[:-1])
    if keepdims:
        res = _nc.reshape(res, qa.shape + _kept_shape(x.shape, axes))
    return _store(res, out) if out is not None else _scalar_out(res)


def quantile(a, q, axis=None, out=None, overwrite_input=False,
             method="linear", keepdims=False, *, weights=None):
    """q-th quantiles (q in [0, 1]) along axis with any of NumPy's 13
    methods; weights (method 'inverted_cdf') give the weighted inverse
    CDF."""
    x, qa, w = _q_prepare(a, q, weights, method, axis, False)
    return _quantile(x, qa, axis, out, method, keepdims, False,
                     type(q) in (int, float), w)


def percentile(a, q, axis=None, out=None, overwrite_input=False,
               method="linear", keepdims=False, *, weights=None):
    """q-th percentiles (q in [0, 100]) along axis (see quantile)."""
    x, qa, w = _q_prepare(a, q, weights, method, axis, True)
    return _quantile(x, qa, axis, out, method, keepdims, False,
                     type(q) in (int, float), w)


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """Median along axis: the middle element, or the mean of the two middle
    ones (NaN if a slice holds NaN)."""
    return _median(a, axis, out, keepdims, False)


def _median(a, axis, out, keepdims, ignore_nan):
    x = _arr(a)
    y, axes = _axes_last(x, axis)
    rdt = _float_dtype(x)
    n = y.shape[-1]
    if n == 0:
        _warn("Mean of empty slice")
        res = _nc.full(y.shape[:-1], float("nan"), dtype=rdt)
    else:
        ys = _nc.sort(y, axis=-1)
        if ignore_nan and x.dtype.kind == "f":
            nv = _nc.sum(~_nc.isnan(ys), axis=-1, keepdims=True)
        else:
            nv = _nc.full(ys.shape[:-1] + (1,), n, dtype=_nc.int64)
        hi = _nc.maximum(nv - 1, 0)
        i0 = _nc.clip(_nc.floor_divide(nv - 1, 2), 0, hi)
        i1 = _nc.clip(_nc.floor_divide(nv, 2), 0, hi)
        lo_v = _nc.take_along_axis(ys, i0, axis=-1)
        hi_v = _nc.take_along_axis(ys, i1, axis=-1)
        # NumPy: mean of the middle pair, i.e. (lo + hi) / 2 in rdt
        res = _nc.squeeze(_nc.add(lo_v, hi_v, dtype=rdt) / 2, axis=-1)
        res = res.astype(rdt)
        if x.dtype.kind == "f":
            if ignore_nan:
                bad = _nc.squeeze(nv, axis=-1) == 0
                if bool(_nc.any(bad)):
                    _warn("All-NaN slice encountered")
            else:
                bad = _nc.any(_nc.isnan(ys), axis=-1)
            res = _nc.where(bad, _nc.asarray(float("nan"), dtype=rdt), res)
    if keepdims:
        res = _nc.reshape(res, _kept_shape(x.shape, axes))
    return _store(res, out) if out is not None else _scalar_out(res)


def nanquantile(a, q, axis=None, out=None, overwrite_input=False,
                method="linear", keepdims=False, *, weights=None):
    """quantile ignoring NaN (NaN with a warning for all-NaN slices)."""
    x, qa, w = _q_prepare(a, q, weights, method, axis, False)
    return _quantile(x, qa, axis, out, method, keepdims, True,
                     type(q) in (int, float), w)


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False,
                  method="linear", keepdims=False, *, weights=None):
    """percentile ignoring NaN."""
    x, qa, w = _q_prepare(a, q, weights, method, axis, True)
    return _quantile(x, qa, axis, out, method, keepdims, True,
                     type(q) in (int, float), w)


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """median ignoring NaN."""
    return _median(a, axis, out, keepdims, True)


def average(a, axis=None, weights=None, returned=False, *, keepdims=False):
    """Weighted average along axis (plain mean without weights)."""
    x = _arr(a)
    if weights is None:
        avg = _nc.mean(x, axis=axis, keepdims=keepdims)
        scl = _nc.asarray(x.size / max(avg.size, 1) if x.size else 0.0,
                          dtype=avg.dtype)
    else:
        w = _weights_valid(x, weights, axis)
        dt = _nc.result_type(x.dtype, w.dtype, _nc.float64) \
            if x.dtype.kind in "biu" else _nc.result_type(x.dtype, w.dtype)
        scl = _nc.sum(_nc.broadcast_to(w, x.shape).astype(dt), axis=axis,
                      keepdims=keepdims)
        if bool(_nc.any(scl == 0.0)):
            raise ZeroDivisionError(
                "Weights sum to zero, can't be normalized")
        avg = _nc.sum(_nc.multiply(x, w, dtype=dt), axis=axis,
                      keepdims=keepdims) / scl
    avg = _scalar_out(avg)
    if returned:
        if isinstance(avg, _nc.ndarray) and getattr(scl, "shape", None) != \
                avg.shape:
            scl = _nc.broadcast_to(_nc.asarray(scl), avg.shape).copy()
        return avg, _scalar_out(scl)
    return avg


# -- counting and binning -------------------------------------------------------------

def bincount(x, weights=None, minlength=0):
    """Occurrences of each non-negative int (weighted sums with weights)."""
    xi = _arr(x)
    if xi.ndim != 1:
        raise ValueError("object too deep for desired array" if xi.ndim > 1
                         else "object of too small depth for desired array")
    if xi.dtype.kind not in "biu":
        if xi.size == 0:
            xi = xi.astype(_nc.int64)
        else:
            raise TypeError("Cannot cast array data from dtype('"
                            f"{xi.dtype}') to dtype('int64') according to "
                            "the rule 'safe'")
    if minlength is None or minlength < 0:
        raise ValueError("'minlength' must not be negative")
    xi = xi.astype(_nc.int64)
    if xi.size and int(_nc.min(xi)) < 0:
        raise ValueError("'list' argument must have no negative elements")
    n = max(int(_nc.max(xi)) + 1 if xi.size else 0, int(minlength))
    order = _nc.argsort(xi, stable=True)
    xs = _nc.take(xi, order)
    bounds = _nc.searchsorted(xs, _nc.arange(n + 1, dtype=_nc.int64),
                              side="left")
    if weights is None:
        return _nc.diff(bounds)
    w = _arr(weights).astype(_nc.float64)
    if w.shape != xi.shape:
        raise ValueError("The weights and list don't have the same length.")
    ws = _nc.take(w, order)
    cs = _nc.concat([_nc.zeros(1), _nc.cumulative_sum(ws)])
    return _nc.take(cs, bounds[1:]) - _nc.take(cs, bounds[:-1])


def digitize(x, bins, right=False):
    """Indices of the bins each value of x falls in (bins monotonic)."""
    xa, b = _arr(x), _arr(bins)
    if b.ndim != 1:
        raise ValueError("bins must be 1d")
    if xa.dtype.kind == "c" or b.dtype.kind == "c":
        raise TypeError("x may not be complex")
    d = _nc.diff(b) if b.size > 1 else _nc.zeros(0)
    if bool(_nc.all(d >= 0)):
        inc = True
    elif bool(_nc.all(d <= 0)):
        inc = False
    else:
        raise ValueError("bins must be monotonically increasing or "
                         "decreasing")
    side = "left" if right else "right"
    if inc:
        return _nc.searchsorted(b, xa, side=side)
    return len(b) - _nc.searchsorted(_nc.flip(b), xa, side=side)


def _hist_bin_width(name, x, rng):
    """NumPy's bin-width estimators for string bins (x non-empty; rng the
    outer edges, used by 'stone')."""
    n = x.size
    xf = x.astype(_nc.float64)
    ptp_ = float(_nc.max(x)) - float(_nc.min(x))
    if name == "stone":
        return _hist_stone(x, n, ptp_, rng)
    if name == "sqrt":
        return ptp_ / _math.sqrt(n)
    if name == "sturges":
        return ptp_ / (_math.log2(n) + 1.0)
    if name == "rice":
        return ptp_ / (2.0 * n ** (1.0 / 3))
    if name == "scott":
        return (24.0 * _math.pi ** 0.5 / n) ** (1.0 / 3.0) * \
            float(_nc.std(xf))
    if name == "doane":
        if n > 2:
            sg1 = _math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)))
            sigma = float(_nc.std(xf))
            if sigma > 0.0:
                g1 = float(_nc.mean(((xf - _nc.mean(xf)) / sigma) ** 3))
                return ptp_ / (1.0 + _math.log2(n) +
                               _math.log2(1.0 + abs(g1) / sg1))
        return 0.0
    q75, q25 = _nc.asarray(percentile(x, [75, 25])).tolist()
    fd = 2.0 * (q75 - q25) * n ** (-1.0 / 3.0)
    if name == "fd":
        return fd
    st = _hist_bin_width("sturges", x, rng)
    return min(fd, st) if fd else st                       # auto


_HIST_ESTIMATORS = ("auto", "fd", "doane", "rice", "scott", "sqrt",
                    "sturges", "stone")


def _hist_stone(x, n, ptp_, rng):
    """Stone's rule: the width minimizing the leave-one-out cross-validation
    estimate of the integrated squared error, over 1..max(100, sqrt n)
    bins."""
    if n <= 1 or ptp_ == 0:
        return 0
    upper = max(100, int(_math.sqrt(n)))
    best, best_j = 1, None
    for nb in range(1, upper + 1):
        pk = histogram(x, bins=nb, range=rng)[0] / n
        j = (2 - (n + 1) * float(_nc.sum(pk * pk))) / (ptp_ / nb)
        if best_j is None or j < best_j:
            best, best_j = nb, j
    if best == upper:
        _warn("The number of bins estimated may be suboptimal.")
    return ptp_ / best


def _hist_str_bins(x, name, rng, weights):
    """(number of equal bins, range) for a string bins= (NumPy's
    _get_bin_edges)."""
    if name not in _HIST_ESTIMATORS:
        raise ValueError(f"{name!r} is not a valid estimator for `bins`")
    if weights is not None:
        raise TypeError("Automated estimation of the number of bins is not "
                        "supported for weighted data")
    first, last = _hist_outer(x, rng)
    if rng is not None:
        x = x[(x >= first) & (x <= last)]
    if x.size == 0:
        return 1, rng
    width = _hist_bin_width(name, x, (first, last))
    if width:
        if x.dtype.kind in "iu" and width < 1:
            width = 1
        return int(_math.ceil((last - first) / width)), rng
    return 1, rng


def _hist_outer(x, rng):
    """NumPy's _get_outer_edges: the range of the bins."""
    if rng is not None:
        first, last = float(rng[0]), float(rng[1])
        if first > last:
            raise ValueError("max must be larger than min in range "
                             "parameter.")
        if not (_math.isfinite(first) and _math.isfinite(last)):
            raise ValueError(f"supplied range of [{first}, {last}] is not "
                             "finite")
    elif x.size == 0:
        first, last = 0.0, 1.0
    else:
        first, last = float(_nc.min(x)), float(_nc.max(x))
        if not (_math.isfinite(first) and _math.isfinite(last)):
            raise ValueError(f"autodetected range of [{first}, {last}] is "
                             "not finite")
    if first == last:
        first -= 0.5
        last += 0.5
    return first, last


def _hist_input(a):
    """a flattened; bool as uint8 with NumPy's warning."""
    x = _nc.reshape(_arr(a), (-1,))
    if x.dtype == _nc.bool:
        _warn("Converting input from bool to <class 'numpy.uint8'> for "
              "compatibility.")
        x = x.astype(_nc.uint8)
    return x


def histogram_bin_edges(a, bins=10, range=None, weights=None):
    """The bin edges histogram would use (string bins: NumPy's width
    estimators)."""
    x = _hist_input(a)
    if isinstance(bins, str):
        nb, rng = _hist_str_bins(x, bins, range, weights)
        return _hist_edges(x, nb, rng)[0]
    return _hist_edges(x, bins, range)[0]


def _hist_edges(x, bins, rng):
    """(edges, (nbins, first, last) for equal bins or None) of an integer
    or array bins=."""
    if isinstance(bins, str):
        raise NotImplementedError
    if _nc.asarray(bins).ndim == 1:
        e = _arr(bins)
        if e.size and bool(_nc.any(_nc.diff(e) < 0)):
            raise ValueError("`bins` must increase monotonically, when an "
                             "array")
        return e, None
    if _nc.asarray(bins).ndim > 1:
        raise ValueError("`bins` must be 1d, when an array")
    nb = _operator.index(bins)
    if nb < 1:
        raise ValueError("`bins` must be positive, when an integer")
    first, last = _hist_outer(x, rng)
    dt = _nc.result_type(x.dtype, 1.0) if x.dtype.kind == "f" else \
        _nc.float64
    if rng is None and x.dtype.kind == "f" and x.size:
        # NumPy: autodetected edges are x's scalars; linspace in x's dtype
        edges = _linspace_nd(_nc.asarray(first, dtype=x.dtype),
                             _nc.asarray(last, dtype=x.dtype), nb + 1)
        edges = edges.astype(dt)
    else:
        edges = _nc.linspace(first, last, nb + 1, dtype=dt)
    return edges, (nb, first, last)


def histogram(a, bins=10, range=None, density=None, weights=None):
    """Histogram of a: (counts, bin_edges), NumPy's binning rules (the
    last bin includes its right edge; string bins use NumPy's width
    estimators)."""
    x = _hist_input(a)
    if isinstance(bins, str):
        bins, range = _hist_str_bins(x, bins, range, weights)
    edges, uni = _hist_edges(x, bins, range)
    w = None if weights is None else _nc.reshape(_arr(weights), (-1,))
    if w is not None and w.shape != x.shape:
        raise ValueError("weights should have the same shape as a.")
    nb = edges.size - 1
    if uni is not None:
        _, first, last = uni
        keep = (x >= first) & (x <= last)
        xk = x[keep]
        wk = None if w is None else w[keep]
        norm = nb / (last - first)
        fi = (xk.astype(edges.dtype) - first) * norm
        idx = fi.astype(_nc.int64)
        idx = _nc.where(idx == nb, nb - 1, idx)
        dec = xk < _nc.take(edges, idx)
        idx = idx - dec.astype(_nc.int64)
        inc = (xk >= _nc.take(edges, _nc.minimum(idx + 1, nb))) & \
            (idx != nb - 1)
        idx = idx + inc.astype(_nc.int64)
    else:
        # right-closed last bin: searchsorted on the sorted values
        keep = (x >= edges[0]) & (x <= edges[-1]) if nb >= 0 else x != x
        xk = x[keep]
        wk = None if w is None else w[keep]
        idx = _nc.searchsorted(edges, xk, side="right") - 1
        idx = _nc.where(idx == nb, nb - 1, idx)
    counts = bincount(idx, weights=wk, minlength=nb)[:nb] if nb > 0 else \
        _nc.zeros(0, dtype=_nc.int64)
    if w is not None and w.dtype.kind in "biu" and counts.dtype.kind == "f":
        counts = counts.astype(w.dtype)
    if density:
        db = _nc.diff(edges).astype(_nc.float64)
        return counts / db / _nc.sum(counts), edges
    return counts, edges


# -- signal-style functions -------------------------------------------------------------

def convolve(a, v, mode="full"):
    """Discrete linear convolution of two 1-d sequences (full, same,
    valid), computed as a sum of shifted products in numc."""
    x, y = _arr(a), _arr(v)
    if x.ndim > 1 or y.ndim > 1:
        raise ValueError("object too deep for desired array")
    x, y = _nc.reshape(x, (-1,)), _nc.reshape(y, (-1,))
    if x.size == 0:
        raise ValueError("a cannot be empty")
    if y.size == 0:
        raise ValueError("v cannot be empty")
    if y.size > x.size:
        x, y = y, x
    n, m = x.size, y.size
    dt = _nc.result_type(x, y)
    if dt == _nc.bool:  # OR of ANDs, as NumPy's bool convolution
        r = convolve(x.astype(_nc.int64), y.astype(_nc.int64), mode=mode)
        return r != 0
    L = n + m - 1
    xp = _nc.concat([_nc.zeros(m - 1, dtype=dt), x.astype(dt),
                     _nc.zeros(m - 1, dtype=dt)])
    acc = None
    for j in range(m):
        term = y[j].astype(dt) * xp[m - 1 - j:m - 1 - j + L]
        acc = term if acc is None else acc + term
    if mode == "full":
        return acc
    if mode == "same":
        s = (m - 1) // 2
        return acc[s:s + n]
    if mode == "valid":
        return acc[m - 1:n]
    raise ValueError(f"mode must be one of 'valid', 'same', or 'full' "
                     f"(got {mode!r})")


def correlate(a, v, mode="valid"):
    """Cross-correlation of two 1-d sequences: sum_n a[n+k] * conj(v[n])."""
    x, y = _arr(a), _arr(v)
    yc = _nc.conj(y) if y.dtype.kind == "c" else y
    return convolve(x, _nc.flip(_nc.reshape(yc, (-1,))), mode=mode)


def interp(x, xp, fp, left=None, right=None, period=None):
    """Piecewise-linear interpolation of (xp, fp) at x (xp increasing), with
    NumPy's formula and edge rules; period= wraps x and xp, complex fp
    interpolates the real and imaginary parts."""
    for v in ((x, xp) if period is None else ()):
        if _arr(v).dtype.kind == "c":
            raise TypeError(f"Cannot cast array data from dtype("
                            f"'{_arr(v).dtype}') to dtype('float64') "
                            "according to the rule 'safe'")
    xpa = _arr(xp).astype(_nc.float64)
    fpa = _arr(fp)
    cplx = fpa.dtype.kind == "c"
    fpa = fpa.astype(_nc.complex128 if cplx else _nc.float64)
    if period is not None:
        if period == 0:
            raise ValueError("period must be a non-zero value")
        period = abs(period)
        left = right = None
        if xpa.ndim != 1 or fpa.ndim != 1:
            raise ValueError("Data points must be 1-D sequences")
        if xpa.shape[0] != fpa.shape[0]:
            raise ValueError("fp and xp are not of the same length")
        x = _nc.remainder(_arr(x).astype(_nc.float64), period)
        xpa = _nc.remainder(xpa, period)
        o = _nc.argsort(xpa, stable=True)
        xpa, fpa = _nc.take(xpa, o), _nc.take(fpa, o)
        xpa = _nc.concat([xpa[-1:] - period, xpa, xpa[0:1] + period])
        fpa = _nc.concat([fpa[-1:], fpa, fpa[0:1]])
    if cplx:
        xa = _arr(x).astype(_nc.float64)
        lc = None if left is None else complex(left)
        rc = None if right is None else complex(right)
        re = _nc.asarray(interp(xa, xpa, _nc.real(fpa),
                                None if lc is None else lc.real,
                                None if rc is None else rc.real))
        im = _nc.asarray(interp(xa, xpa, _nc.imag(fpa),
                                None if lc is None else lc.imag,
                                None if rc is None else rc.imag))
        r = _nc.zeros(re.shape, dtype=_nc.complex128)
        r.real = re
        r.imag = _nc.where(_nc.isnan(xa), 0.0, im)
        return _scalar_out(r)
    xa = _arr(x).astype(_nc.float64)
    if xpa.ndim != 1 or fpa.ndim != 1:
        raise ValueError("object too deep for desired array")
    if xpa.size != fpa.size:
        raise ValueError("fp and xp are not of the same length.")
    if xpa.size == 0:
        raise ValueError("array of sample points is empty")
    n = xpa.size
    lval = fpa[0] if left is None else _nc.asarray(float(left))
    rval = fpa[-1] if right is None else _nc.asarray(float(right))
    if n == 1:  # NumPy: fp[0] unless strictly left or right (NaN too)
        r = _nc.where(xa < xpa[0], lval, _nc.where(xa > xpa[0], rval,
                                                   fpa[0]))
        return _scalar_out(r)
    j = _nc.searchsorted(xpa, xa, side="right") - 1
    jc = _nc.clip(j, 0, max(n - 2, 0))
    x0, x1 = _nc.take(xpa, jc), _nc.take(xpa, _nc.minimum(jc + 1, n - 1))
    y0, y1 = _nc.take(fpa, jc), _nc.take(fpa, _nc.minimum(jc + 1, n - 1))
    with errstate(all="ignore"):
        slope = (y1 - y0) / (x1 - x0)
        r = slope * (xa - x0) + y0
        r2 = slope * (xa - x1) + y1
        r = _nc.where(_nc.isnan(r), r2, r)
        r = _nc.where(_nc.isnan(r) & (y0 == y1), y0, r)
    r = _nc.where(xa == x0, y0, r)
    r = _nc.where(xa == xpa[-1], fpa[-1], r)
    r = _nc.where(xa > xpa[-1], rval, r)
    r = _nc.where(xa < xpa[0], lval, r)
    r = _nc.where(_nc.isnan(xa), xa, r)
    return _scalar_out(r)


def gradient(f, *varargs, axis=None, edge_order=1):
    """Second-order central differences inside, one-sided (edge_order 1 or
    2) at the ends; spacing per axis is a scalar or a 1-d coordinate array
    (NumPy's non-uniform formulas)."""
    x = _arr(f)
    nd = x.ndim
    axes = _normalize_axes(axis, nd)
    na = len(axes)
    if len(varargs) == 0:
        dx = [1.0] * na
    elif len(varargs) == 1 and _nc.asarray(varargs[0]).ndim == 0:
        dx = [varargs[0]] * na
    elif len(varargs) == na:
        dx = list(varargs)
        for i, d in enumerate(dx):
            d = _arr(d)
            if d.ndim == 0:
                continue
            if d.ndim != 1:
                raise ValueError("distances must be either scalars or 1d")
            if d.shape[0] != x.shape[axes[i]]:
                raise ValueError("when 1d, distances must match the length "
                                 "of the corresponding dimension")
            if d.dtype.kind in "iub":
                d = d.astype(_nc.float64)
            dd = _nc.diff(d)
            dx[i] = dd[0] if dd.size and bool(_nc.all(dd == dd[0])) else dd
    else:
        raise TypeError("invalid number of arguments")
    if edge_order > 2:
        raise ValueError("'edge_order' greater than 2 not supported")
    if x.dtype == _nc.bool:
        raise TypeError("numpy boolean subtract, the `-` operator, is not "
                        "supported, use the bitwise_xor, the `^` operator, "
                        "or the logical_xor function instead.")
    dt = x.dtype if x.dtype.kind in "fc" else _nc.float64
    y = x.astype(dt)
    outs = []
    for ax, h in zip(axes, dx):
        n = x.shape[ax]
        if n < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a "
                             "numerical gradient, at least (edge_order + 1) "
                             "elements are required.")

        def sl(a, b=None):
            s = [slice(None)] * nd
            s[ax] = slice(a, b) if b is not None or a is None else \
                slice(a, a + 1 if a != -1 else None)
            return y[tuple(s)]
        # Python scalars stay weak; spacings from coordinates are float64
        h = _arr(h) if isinstance(h, _nc.ndarray) else \
            _nc.asarray(h).tolist()
        if not isinstance(h, _nc.ndarray) or h.ndim == 0:
            mid = (sl(2, n) - sl(0, n - 2)) / (2.0 * h)
            if edge_order == 1:
                first = (sl(1) - sl(0)) / h
                last = (sl(-1) - sl(-2)) / h
            else:
                first = (-1.5 / h) * sl(0) + (2.0 / h) * sl(1) + \
                    (-0.5 / h) * sl(2)
                last = (0.5 / h) * sl(-3) + (-2.0 / h) * sl(-2) + \
                    (1.5 / h) * sl(-1)
        else:
            shp = [1] * nd
            shp[ax] = -1
            d1, d2 = h[:-1], h[1:]
            a = _nc.reshape(-d2 / (d1 * (d1 + d2)), shp)
            b = _nc.reshape((d2 - d1) / (d1 * d2), shp)
            c = _nc.reshape(d1 / (d2 * (d1 + d2)), shp)
            mid = a * sl(0, n - 2) + b * sl(1, n - 1) + c * sl(2, n)
            if edge_order == 1:
                first = (sl(1) - sl(0)) / h[0]
                last = (sl(-1) - sl(-2)) / h[-1]
            else:
                d1, d2 = h[0], h[1]
                first = (-(2.0 * d1 + d2) / (d1 * (d1 + d2))) * sl(0) + \
                    ((d1 + d2) / (d1 * d2)) * sl(1) + \
                    (-d1 / (d2 * (d1 + d2))) * sl(2)
                d1, d2 = h[-2], h[-1]
                last = (d2 / (d1 * (d1 + d2))) * sl(-3) + \
                    (-(d2 + d1) / (d1 * d2)) * sl(-2) + \
                    ((2.0 * d2 + d1) / (d2 * (d1 + d2))) * sl(-1)
        outs.append(_nc.concat([first, mid, last], axis=ax).astype(dt))
    return outs[0] if len(outs) == 1 else tuple(outs)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integral by the trapezoidal rule along axis."""
    ya = _arr(y)
    nd = ya.ndim
    ax = _normalize_axes(axis, nd)[0]
    s1 = [slice(None)] * nd
    s2 = [slice(None)] * nd
    s1[ax] = slice(1, None)
    s2[ax] = slice(None, -1)
    if x is None:
        d = dx
    else:
        xa = _arr(x)
        if xa.ndim == 1:
            d = _nc.diff(xa)
            shp = [1] * nd
            shp[ax] = d.shape[0]
            d = _nc.reshape(d, tuple(shp))
        else:
            d = _nc.diff(xa, axis=ax)
    r = _nc.sum(d * (ya[tuple(s1)] + ya[tuple(s2)]) / 2.0, axis=ax)
    return _scalar_out(r)


# -- padding, splitting, stacking -------------------------------------------------------

def _pad_widths(pad_width, nd):
    """pad_width as a per-axis [before, after] list (integers only)."""
    if _nc.asarray(pad_width).dtype.kind not in "iu":
        raise TypeError("`pad_width` must be of integral type.")
    return [list(p) for p in _pad_pairs(pad_width, nd, as_index=True)]


def _pad_index(n, before, after, mode):
    i = _nc.arange(-before, n + after, dtype=_nc.int64)
    if mode == "edge":
        return _nc.clip(i, 0, n - 1)
    if mode == "wrap":
        return _nc.remainder(i, n)
    if mode == "symmetric":
        p = _nc.remainder(i, 2 * n)
        return _nc.where(p >= n, 2 * n - 1 - p, p)
    # reflect
    if n == 1:
        return _nc.zeros(i.shape, dtype=_nc.int64)
    p = _nc.remainder(i, 2 * (n - 1))
    return _nc.where(p >= n, 2 * (n - 1) - p, p)


_PAD_KWARGS = {"constant": {"constant_values"}, "empty": set(),
               "edge": set(), "wrap": set(), "linear_ramp": {"end_values"},
               "maximum": {"stat_length"}, "minimum": {"stat_length"},
               "mean": {"stat_length"}, "median": {"stat_length"},
               "reflect": {"reflect_type"}, "symmetric": {"reflect_type"}}


def _pad_pairs(value, nd, as_index=False):
    """A per-axis (before, after) list from a scalar, pair or (nd, 2)
    array-like (NumPy's _as_pairs); None stays None."""
    if value is None:
        return [(None, None)] * nd
    v = _nc.asarray(value)
    if as_index:
        v = _nc.round(v).astype(_nc.int64)
    if v.ndim > 2 or (v.ndim == 2 and v.shape[1] != 2) or \
            (v.ndim == 1 and v.shape[0] not in (1, 2)):
        raise ValueError(f"operands could not be broadcast together with "
                         f"remapped shapes [original->remapped]: "
                         f"{v.shape} and requested shape ({nd},2)")
    pairs = _nc.broadcast_to(_nc.reshape(v, (-1, v.shape[-1])) if v.ndim
                             else _nc.reshape(v, (1, 1)), (nd, 2)).tolist() \
        if nd else []
    if as_index and any(p < 0 for pr in pairs for p in pr):
        raise ValueError("index can't contain negative values")
    return [tuple(p) for p in pairs]


def _pad_at(x, ax, a, b=None):
    """x[..., a:b, ...] with the slice on axis ax."""
    s = [slice(None)] * x.ndim
    s[ax] = slice(a, b)
    return x[tuple(s)]


def _pad_block(val, x, ax, width):
    """val (keepdims along ax) repeated width times along ax, x's dtype."""
    shp = list(x.shape)
    shp[ax] = width
    return _nc.broadcast_to(_nc.asarray(val).astype(x.dtype), tuple(shp))


def _pad_stat(x, ax, n, b, a, mode, lengths):
    """The (before, after) blocks of a stat mode along ax."""
    fn = {"maximum": _nc.max, "minimum": _nc.min, "mean": _nc.mean,
          "median": median}[mode]
    out = []
    for side, width, ln in ((0, b, lengths[0]), (1, a, lengths[1])):
        ln = n if ln is None or ln > n else ln
        if ln == 0 and mode in ("maximum", "minimum"):
            raise ValueError("stat_length of 0 yields no value for padding")
        if not width:
            out.append(None)
            continue
        chunk = _pad_at(x, ax, 0, ln) if side == 0 else \
            _pad_at(x, ax, n - ln, n)
        with errstate(invalid="ignore", divide="ignore"):
            st = _nc.asarray(fn(chunk, axis=ax, keepdims=True))
        if x.dtype.kind in "iu" and st.dtype.kind == "f":
            st = _nc.round(st)
        out.append(_pad_block(st, x, ax, width))
    return out


def _pad_ramp(x, ax, n, b, a, ends):
    """The (before, after) linear ramps from end values to the edges."""
    out = []
    for side, width, ev in ((0, b, ends[0]), (1, a, ends[1])):
        if not width:
            out.append(None)
            continue
        edge = _nc.squeeze(_pad_at(x, ax, 0, 1) if side == 0 else
                           _pad_at(x, ax, n - 1, n), axis=ax)
        r = _linspace_nd(ev, edge, width, endpoint=False, dtype=x.dtype,
                         axis=ax)
        out.append(r if side == 0 else _nc.flip(r, axis=ax))
    return out


def _pad_odd(x, ax, b, a, mode):
    """reflect/symmetric with reflect_type='odd': chunks of at most one
    period, each reflected about the current edge (2*edge - mirror)."""
    n = x.shape[ax]
    period = n if mode == "symmetric" else n - 1
    off = 0 if mode == "symmetric" else 1
    if period == 0:
        return _nc.take(x, _nc.zeros(b + n + a, dtype=_nc.int64), axis=ax)
    while b or a:
        cur = x.shape[ax]
        parts = [x]
        if b:
            k = min(b, period)
            m = _nc.flip(_pad_at(x, ax, off, off + k), axis=ax)
            parts.insert(0, 2 * _pad_at(x, ax, 0, 1) - m)
            b -= k
        if a:
            k = min(a, period)
            m = _nc.flip(_pad_at(x, ax, cur - off - k, cur - off), axis=ax)
            parts.append(2 * _pad_at(x, ax, cur - 1, cur) - m)
            a -= k
        x = _nc.concat(parts, axis=ax).astype(x.dtype)
    return x


def _pad_callable(x, pad_width, func, kwargs):
    """pad with a function: zero padding, then func(vector, (before,
    after), axis, kwargs) edits every 1-d line along each axis in place
    (NumPy's protocol; a Python call per line, by nature)."""
    pw = _pad_widths(pad_width, x.ndim)
    padded = pad(x, pad_width, "constant").copy()
    for ax in range(padded.ndim):
        view = _nc.moveaxis(padded, ax, -1)
        for ind in _itertools.product(*(range(n) for n in view.shape[:-1])):
            func(view[ind + (Ellipsis,)], tuple(pw[ax]), ax, kwargs)
    return padded


def pad(array, pad_width, mode="constant", **kwargs):
    """Pads an array with NumPy's modes (constant, edge, linear_ramp,
    maximum, mean, median, minimum, reflect, symmetric, wrap, empty) and
    options (constant_values, end_values, stat_length, reflect_type); a
    callable mode gets NumPy's per-line protocol."""
    x = _arr(array)
    if callable(mode):
        return _pad_callable(x, pad_width, mode, kwargs)
    if mode not in _PAD_KWARGS:
        raise ValueError(f"mode '{mode}' is not supported")
    bad = set(kwargs) - _PAD_KWARGS[mode]
    if bad:
        raise ValueError(f"unsupported keyword arguments for mode "
                         f"'{mode}': {bad}")
    rtype = kwargs.get("reflect_type", "even")
    if rtype not in ("even", "odd"):
        raise ValueError(f"reflect_type must be 'even' or 'odd', not "
                         f"{rtype!r}")
    pw = _pad_widths(pad_width, x.ndim)
    if mode in ("constant", "empty"):
        cv = _nc.asarray(kwargs.get("constant_values", 0))
        cvs = _nc.broadcast_to(cv if cv.ndim == 2 else
                               _nc.reshape(cv, (1, -1)) if cv.ndim else
                               _nc.reshape(cv, (1, 1)), (x.ndim, 2)).tolist() \
            if x.ndim else []
        for ax, (b, a) in enumerate(pw):
            shp = list(x.shape)
            parts = []
            if b:
                shp[ax] = b
                parts.append(_nc.full(tuple(shp), cvs[ax][0], dtype=x.dtype))
            parts.append(x)
            if a:
                shp[ax] = a
                parts.append(_nc.full(tuple(shp), cvs[ax][1], dtype=x.dtype))
            if len(parts) > 1:
                x = _nc.concat(parts, axis=ax)
        return x if x is not array else x.copy()
    stat = _pad_pairs(kwargs.get("stat_length"), x.ndim, True)
    ends = _pad_pairs(kwargs.get("end_values", 0), x.ndim)
    for ax, (b, a) in enumerate(pw):
        n = x.shape[ax]
        if (b or a) and n == 0:
            raise ValueError(f"can't extend empty axis {ax} using modes "
                             "other than 'constant' or 'empty'")
        if not (b or a):
            continue
        if mode in ("maximum", "minimum", "mean", "median", "linear_ramp"):
            lo, hi = _pad_stat(x, ax, n, b, a, mode, stat[ax]) \
                if mode != "linear_ramp" else \
                _pad_ramp(x, ax, n, b, a, ends[ax])
            x = _nc.concat([p for p in (lo, x, hi) if p is not None],
                           axis=ax)
        elif rtype == "odd" and mode in ("reflect", "symmetric"):
            x = _pad_odd(x, ax, b, a, mode)
        else:
            x = _nc.take(x, _pad_index(n, b, a, mode), axis=ax)
    return x if x is not array else x.copy()


def array_split(ary, indices_or_sections, axis=0):
    """Splits into sub-arrays (views); sections need not divide evenly."""
    x = _arr(ary)
    ax = _normalize_axes(axis, x.ndim)[0]
    n = x.shape[ax]
    if isinstance(indices_or_sections, (int,)) or (
            hasattr(indices_or_sections, "__index__") and
            not hasattr(indices_or_sections, "__len__")):
        ns = _operator.index(indices_or_sections)
        if ns <= 0:
            raise ValueError("number sections must be larger than 0.")
        each, extra = _b.divmod(n, ns)
        sizes = [each + 1] * extra + [each] * (ns - extra)
        bounds = [0]
        for s in sizes:
            bounds.append(bounds[-1] + s)
    else:
        bounds = [0] + [int(i) for i in indices_or_sections] + [n]
    out = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        s = [slice(None)] * x.ndim
        s[ax] = slice(lo, hi)
        out.append(x[tuple(s)])
    return out


def split(ary, indices_or_sections, axis=0):
    """Splits into equal sub-arrays (ValueError if sections do not divide
    the axis) or at the given indices."""
    x = _arr(ary)
    if not hasattr(indices_or_sections, "__len__"):
        ns = _operator.index(indices_or_sections)
        n = x.shape[_normalize_axes(axis, x.ndim)[0]]
        if ns == 0 or n % ns:
            raise ValueError("array split does not result in an equal "
                             "division")
    return array_split(x, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    """Split along axis 1 (axis 0 for 1-d)."""
    x = _arr(ary)
    if x.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more "
                         "dimensions")
    return split(x, indices_or_sections, 1 if x.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    """Split along axis 0 (arrays of 2 or more dimensions)."""
    x = _arr(ary)
    if x.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more "
                         "dimensions")
    return split(x, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    """Split along axis 2 (arrays of 3 or more dimensions)."""
    x = _arr(ary)
    if x.ndim < 3:
        raise ValueError("dsplit only works on arrays of 3 or more "
                         "dimensions")
    return split(x, indices_or_sections, 2)


def _atleast(nd, arys):
    res = []
    for a in arys:
        x = _arr(a)
        if x.ndim < nd:
            if nd == 1:
                shp = (1,)
            elif nd == 2:
                shp = (1,) * (2 - x.ndim) + x.shape
            else:
                shp = {0: (1, 1, 1), 1: (1,) + x.shape + (1,),
                       2: x.shape + (1,)}[x.ndim]
            x = _nc.reshape(x, shp)
        res.append(x)
    return res[0] if len(res) == 1 else tuple(res)


def atleast_1d(*arys):
    """Views with at least one dimension."""
    return _atleast(1, arys)


def atleast_2d(*arys):
    """Views with at least two dimensions (new axes in front)."""
    return _atleast(2, arys)


def atleast_3d(*arys):
    """Views with at least three dimensions (NumPy's placement)."""
    return _atleast(3, arys)


def _as_list(tup, fn):
    if not isinstance(tup, (list, tuple)):
        raise TypeError(f"arrays to {fn} must be passed as a sequence type "
                        "such as list or tuple.")
    return list(tup)


def vstack(tup, *, dtype=None, casting="same_kind"):
    """Stack arrays vertically (row wise)."""
    arrs = _atleast(2, _as_list(tup, "stack")) if tup else []
    arrs = [arrs] if isinstance(arrs, _nc.ndarray) else list(arrs)
    return concatenate(arrs, axis=0, dtype=dtype, casting=casting)


row_stack = vstack


def hstack(tup, *, dtype=None, casting="same_kind"):
    """Stack arrays horizontally (column wise; 1-d arrays end to end)."""
    arrs = _atleast(1, _as_list(tup, "stack")) if tup else []
    arrs = [arrs] if isinstance(arrs, _nc.ndarray) else list(arrs)
    ax = 0 if arrs and arrs[0].ndim == 1 else 1
    return concatenate(arrs, axis=ax, dtype=dtype, casting=casting)


def dstack(tup):
    """Stack arrays along the third axis."""
    arrs = _atleast(3, _as_list(tup, "stack"))
    arrs = [arrs] if isinstance(arrs, _nc.ndarray) else list(arrs)
    return _nc.concat(arrs, axis=2)


def column_stack(tup):
    """Stack 1-d arrays as columns of a 2-d array."""
    cols = []
    for a in _as_list(tup, "stack"):
        x = _arr(a)
        if x.ndim < 2:
            x = _nc.reshape(x, (-1, 1))
        cols.append(x)
    return _nc.concat(cols, axis=1)


def concatenate(arrays, axis=0, out=None, *, dtype=None,
                casting="same_kind"):
    """Join arrays along an existing axis (axis=None: flattened)."""
    if out is None and dtype is None and axis is not None:
        return _nc.concat(arrays, axis=axis)
    arrs = [_arr(a) for a in arrays]
    if axis is None:
        arrs = [_nc.reshape(a, (-1,)) for a in arrs]
        axis = 0
    if dtype is not None:
        for a in arrs:
            if not _nc.can_cast(a.dtype, dtype, casting=casting):
                raise TypeError(f"Cannot cast array data from dtype('"
                                f"{a.dtype}') to dtype('{_nc.dtype(dtype)}"
                                f"') according to the rule '{casting}'")
        arrs = [a.astype(dtype) for a in arrs]
    r = _nc.concat(arrs, axis=axis)
    return _store(r, out) if out is not None else r


# -- grids and index tricks --------------------------------------------------------------

def _slice_range(s):
    start = 0 if s.start is None else s.start
    step = 1 if s.step is None else s.step
    if isinstance(step, complex):
        return _nc.linspace(start, s.stop, int(abs(step)))
    return _nc.arange(start, s.stop, step)


class _Grid:
    """mgrid (dense) and ogrid (open): grid[a:b:c, ...] with NumPy's rules
    (a complex step gives that many points, endpoint included)."""

    def __init__(self, sparse):
        self.sparse = sparse

    def __getitem__(self, key):
        if isinstance(key, slice):
            return _slice_range(key)
        axes = [_slice_range(k) for k in key]
        dt = _nc.result_type(*[a.dtype for a in axes]) if axes else \
            _nc.float64
        nd = len(axes)
        parts = [_nc.reshape(a.astype(dt), (1,) * i + (-1,) +
                             (1,) * (nd - i - 1)) for i, a in
                 enumerate(axes)]
        if self.sparse:
            return tuple(parts)
        shp = tuple(a.shape[0] for a in axes)
        return _nc.stack([_nc.broadcast_to(p, shp) for p in parts])


mgrid = _Grid(False)
ogrid = _Grid(True)


class _Concat:
    """r_ and c_: concatenation by index expressions with NumPy's rules
    (slices become ranges, scalars join by weak promotion, a first string
    "axis[,ndmin[,trans1d]]" sets the layout; c_ is '-1,2,0'). The matrix
    directives 'r'/'c' go through NumPy (numc has no matrix class)."""

    def __init__(self, column):
        self.column = column

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = (key,)
        if key and isinstance(key[0], str) and key[0] in ("r", "c"):
            import numpy
            _note_fallback("r_/c_")
            src = numpy.c_ if self.column else numpy.r_
            return _from_numpy(src[tuple(_to_numpy(list(key)))])
        axis, ndmin, trans1d = (-1, 2, 0) if self.column else (0, 1, -1)
        objs, rtypes = [], []
        for k, item in enumerate(key):
            if isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first "
                                     "entry.")
                try:
                    vec = [int(v) for v in item.split(",")]
                except ValueError:
                    raise ValueError(f"unknown special directive {item!r}") \
                        from None
                if len(vec) > 3:
                    raise ValueError(f"unknown special directive {item!r}")
                axis = vec[0]
                if len(vec) > 1:
                    ndmin = vec[1]
                if len(vec) > 2:
                    trans1d = vec[2]
                continue
            if isinstance(item, slice):
                obj = _concat_ndmin(_slice_range(item), ndmin)
                if ndmin > 1 and trans1d != -1:
                    obj = _nc.swapaxes(obj, -1, trans1d)
                rtypes.append(obj.dtype)
            elif isinstance(item, (bool, int, float, complex)):
                obj = item
                rtypes.append(item)
            else:
                x = _arr(item)
                obj = _concat_ndmin(x, ndmin)
                if trans1d != -1 and x.ndim < ndmin:
                    k2 = ndmin - x.ndim
                    k1 = trans1d + k2 + 1 if trans1d < 0 else trans1d
                    d = list(range(ndmin))
                    obj = _nc.permute_dims(obj, tuple(d[:k1] + d[k2:] +
                                                      d[k1:k2]))
                rtypes.append(obj.dtype)
            objs.append(obj)
        if not objs:
            raise ValueError("need at least one array to concatenate")
        dt = _nc.result_type(*rtypes)
        objs = [_concat_ndmin(_nc.asarray(o).astype(dt), ndmin)
                for o in objs]
        return _nc.concat(objs, axis=axis)


def _concat_ndmin(x, ndmin):
    """x with leading length-1 axes up to ndmin dimensions."""
    return _nc.reshape(x, (1,) * (ndmin - x.ndim) + x.shape) \
        if x.ndim < ndmin else x


r_ = _Concat(False)
c_ = _Concat(True)


def diag(v, k=0):
    """The k-th diagonal of a 2-d array, or a 2-d array with v on it."""
    x = _arr(v)
    if x.ndim == 1:
        n = x.shape[0] + abs(k)
        r = _nc.zeros((n, n), dtype=x.dtype)
        i = _nc.arange(x.shape[0])
        rows, cols = (i, i + k) if k >= 0 else (i - k, i)
        r[rows, cols] = x
        return r
    if x.ndim != 2:
        raise ValueError("Input must be 1- or 2-d.")
    n0, n1 = x.shape
    if k >= 0:
        m = max(0, min(n0, n1 - k))
        i = _nc.arange(m)
        return x[i, i + k] if m else _nc.empty(0, dtype=x.dtype)
    m = max(0, min(n0 + k, n1))
    i = _nc.arange(m)
    return x[i - k, i] if m else _nc.empty(0, dtype=x.dtype)


def fliplr(m):
    """Reverse the order of columns (axis 1)."""
    x = _arr(m)
    if x.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return _nc.flip(x, axis=1)


def flipud(m):
    """Reverse the order of rows (axis 0)."""
    x = _arr(m)
    if x.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return _nc.flip(x, axis=0)


def rot90(m, k=1, axes=(0, 1)):
    """Rotate by 90 degrees k times in the plane of axes."""
    x = _arr(m)
    a0, a1 = _normalize_axes(axes, x.ndim)
    k %= 4
    if k == 0:
        return x[...]
    if k == 2:
        return _nc.flip(_nc.flip(x, axis=a0), axis=a1)
    perm = list(range(x.ndim))
    perm[a0], perm[a1] = perm[a1], perm[a0]
    if k == 1:
        return _nc.permute_dims(_nc.flip(x, axis=a1), tuple(perm))
    return _nc.flip(_nc.permute_dims(x, tuple(perm)), axis=a1)


def append(arr, values, axis=None):
    """arr with values appended (flattened when axis is None)."""
    x, v = _arr(arr), _arr(values)
    if axis is None:
        return _nc.concat([_nc.reshape(x, (-1,)), _nc.reshape(v, (-1,))])
    return _nc.concat([x, v], axis=axis)


def delete(arr, obj, axis=None):
    """arr without the entries obj (int, slice or index list) along axis."""
    x = _arr(arr)
    if axis is None:
        x = _nc.reshape(x, (-1,))
        axis = 0
    ax = _normalize_axes(axis, x.ndim)[0]
    n = x.shape[ax]
    keep = _nc.ones(n, dtype=_nc.bool)
    if isinstance(obj, slice):
        keep[obj] = False
    else:
        idx = _arr(obj)
        if idx.dtype == _nc.bool:
            keep = ~idx
        else:
            if idx.size and (int(_nc.max(idx)) >= n or
                             int(_nc.min(idx)) < -n):
                raise IndexError(f"index {obj} is out of bounds for axis "
                                 f"{ax} with size {n}")
            keep[idx] = False
    return _nc.take(x, _nc.nonzero(keep)[0], axis=ax)


def resize(a, new_shape):
    """A new array of new_shape filled by repeating a (C order)."""
    x = _nc.reshape(_arr(a), (-1,))
    shp = (new_shape,) if isinstance(new_shape, int) else tuple(new_shape)
    n = _math.prod(shp)
    if x.size == 0 or n == 0:
        return _nc.zeros(shp, dtype=x.dtype)
    reps = -(-n // x.size)
    return _nc.reshape(_nc.tile(x, reps)[:n], shp)


def select(condlist, choicelist, default=0):
    """Elements from choicelist where the first matching condition holds."""
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of "
                         "conditions")
    if not condlist:
        raise ValueError("select with an empty condition list is not "
                         "possible")
    choices = [_arr(c) for c in choicelist]
    conds = [_arr(c) for c in condlist]
    for i, c in enumerate(conds):
        if c.dtype != _nc.bool:
            raise TypeError(f"invalid entry {i} in condlist: should be "
                            "boolean ndarray")
    dt = _nc.result_type(*choices, default)
    r = _nc.asarray(default, dtype=dt)
    for c, v in zip(reversed(conds), reversed(choices)):
        r = _nc.where(c, v.astype(dt), r)
    return r


def compress(condition, a, axis=None, out=None):
    """The slices of a along axis (flattened a when None) where condition
    (1-d, may be shorter than the axis) is true."""
    x = _arr(a)
    c = _arr(condition)
    if c.ndim != 1:
        raise ValueError("condition must be a 1-d array")
    if axis is None:
        x, axis = _nc.reshape(x, (-1,)), 0
    ax = _normalize_axes(axis, x.ndim)[0]
    n = x.shape[ax]
    if c.shape[0] > n:
        sel = _nc.nonzero(c)[0]
        if sel.size and int(sel[-1]) >= n:
            raise IndexError(f"index {int(sel[-1])} is out of bounds for "
                             f"axis {ax} with size {n}")
    r = _nc.take(x, _nc.nonzero(c)[0], axis=ax)
    return _store(r, out) if out is not None else r


def choose(a, choices, out=None, mode="raise"):
    """choices[a[i]][i] elementwise (mode 'raise', 'wrap' or 'clip')."""
    idx = _arr(a)
    if idx.dtype.kind not in "biu":
        raise TypeError("Cannot cast array data from dtype('"
                        f"{idx.dtype}') to dtype('int64') according to the "
                        "rule 'safe'")
    ch = [_arr(c) for c in choices]
    n = len(ch)
    if mode == "wrap":
        idx = _nc.remainder(idx, n)
    elif mode == "clip":
        idx = _nc.clip(idx, 0, n - 1)
    elif idx.size and (int(_nc.min(idx)) < 0 or int(_nc.max(idx)) >= n):
        raise ValueError("invalid entry in choice array")
    dt = _nc.result_type(*ch)
    r = _nc.zeros(_nc.broadcast_shapes(idx.shape, *[c.shape for c in ch]),
                  dtype=dt)
    for k, c in enumerate(ch):
        r = _nc.where(idx == k, c.astype(dt), r)
    return _store(r, out) if out is not None else r


def _m_compress(self, condition, axis=None, out=None):
    return compress(condition, self, axis=axis, out=out)


def _m_choose(self, choices, out=None, mode="raise"):
    return choose(self, choices, out=out, mode=mode)


def extract(condition, arr):
    """The elements of arr where condition is non-zero (both flattened)."""
    c = _nc.reshape(_arr(condition), (-1,))
    return _nc.take(_nc.reshape(_arr(arr), (-1,)), _nc.nonzero(c)[0])


def copyto(dst, src, casting="same_kind", where=True):
    """dst[...] = src (broadcast), under casting, where `where` holds."""
    s = _arr(src)
    if not _nc.can_cast(s.dtype, dst.dtype, casting=casting):
        raise TypeError(f"Cannot cast scalar from dtype('{s.dtype}') to "
                        f"dtype('{dst.dtype}') according to the rule "
                        f"'{casting}'")
    if where is True:
        dst[...] = _nc.broadcast_to(s, dst.shape)
    else:
        dst[...] = _nc.where(where, s.astype(dst.dtype), dst)


def unravel_index(indices, shape, order="C"):
    """Tuple of coordinate arrays for flat indices into shape."""
    idx = _arr(indices)
    if idx.dtype.kind not in "iu":
        raise TypeError("only int indices permitted")
    shp = (shape,) if isinstance(shape, int) else tuple(shape)
    total = _math.prod(shp)
    if idx.size and (int(_nc.min(idx)) < 0 or int(_nc.max(idx)) >= total):
        raise ValueError(f"index {int(_nc.max(idx))} is out of bounds for "
                         f"array with size {total}")
    out = []
    rem = idx.astype(_nc.int64)
    dims = shp if order == "C" else shp[::-1]
    for d in reversed(dims):
        out.append(_scalar_out(_nc.remainder(rem, d)))
        rem = _nc.floor_divide(rem, d)
    out = out[::-1]
    return tuple(out if order == "C" else out[::-1])


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    """Flat indices of coordinate arrays into dims; mode 'raise', 'wrap' or
    'clip' (or one per dimension), order 'C' or 'F'."""
    dims = (dims,) if isinstance(dims, int) else tuple(
        _operator.index(d) for d in dims)
    coords = [_arr(c) for c in multi_index]
    if len(coords) != len(dims):
        raise ValueError("parameter multi_index must be a sequence of "
                         f"length {len(dims)}")
    for c in coords:
        if c.dtype.kind not in "iu":
            raise TypeError("only int indices permitted")
    modes = (mode,) * len(dims) if isinstance(mode, str) else tuple(mode)
    if len(modes) != len(dims):
        raise ValueError("mode must be a string or a sequence of length "
                         f"{len(dims)}")
    if order not in ("C", "F"):
        raise ValueError("only 'C' or 'F' order is permitted")
    if _math.prod(dims) > 2**63 - 1:
        raise ValueError("invalid dims: array size defined by dims is "
                         "larger than the maximum possible size.")
    fixed = []
    for c, d, m in zip(coords, dims, modes):
        c = c.astype(_nc.int64)
        if m == "wrap":
            c = _nc.remainder(c, d) if d else c
        elif m == "clip":
            c = _nc.clip(c, 0, max(d - 1, 0))
        elif m == "raise":
            if c.size and (int(_nc.min(c)) < 0 or int(_nc.max(c)) >= d):
                raise ValueError("invalid entry in coordinates array")
        else:
            raise ValueError(f"clipmode must be one of 'clip', 'raise', or "
                             f"'wrap' (got {m!r})")
        fixed.append((c, d))
    if order == "F":
        fixed.reverse()
    r = _nc.zeros((), dtype=_nc.int64)
    for c, d in fixed:
        r = r * d + c
    return _scalar_out(r)


def _check_kth(x, kth, axis, kind, order):
    """NumPy's argument checks of partition/argpartition."""
    if kind != "introselect":
        raise ValueError(f"{kind!r} is not a valid kind of selection "
                         "(use 'introselect')")
    if order is not None:
        raise ValueError("Cannot specify order when the array has no "
                         "fields.")
    if x.ndim == 0:
        raise _nc.AxisError("axis -1 is out of bounds for array of "
                            "dimension 0")
    n = x.shape[_normalize_axes(axis, x.ndim)[0]]
    k = _nc.asarray(kth)
    if k.dtype.kind not in "iu" or k.ndim > 1:
        raise TypeError("Partition index must be integer")
    for v in _nc.reshape(k, (-1,)).tolist():
        if not -n <= v < n:
            raise ValueError(f"kth(={v}) out of bounds ({n})")


def partition(a, kth, axis=-1, kind="introselect", order=None):
    """A full sort is a valid partition (every kth element in place, smaller
    before, larger after); NumPy's order within the parts may differ."""
    x = _arr(a)
    if axis is None:
        x, axis = _nc.reshape(x, (-1,)), -1
    _check_kth(x, kth, axis, kind, order)
    return _nc.sort(x, axis=axis)


def argpartition(a, kth, axis=-1, kind="introselect", order=None):
    """Indices that partition a (a stable full argsort)."""
    x = _arr(a)
    if axis is None:
        x, axis = _nc.reshape(x, (-1,)), -1
    _check_kth(x, kth, axis, kind, order)
    return _nc.argsort(x, axis=axis, stable=True)


def _m_partition(self, kth, axis=-1, kind="introselect", order=None):
    """ndarray.partition: partitions self in place (by a full sort)."""
    _check_kth(self, kth, axis, kind, order)
    self[...] = _nc.sort(self, axis=axis)


def _m_argpartition(self, kth, axis=-1, kind="introselect", order=None):
    """ndarray.argpartition: argpartition(self, ...)."""
    return argpartition(self, kth, axis=axis, kind=kind, order=order)


def _unique_sorted(keys, n, equal_nan):
    """(permutation sorting the n items, flags of first-of-run in sorted
    order) for items compared by the columns of keys (a list of 1-d
    arrays, most significant first; NaN equal to NaN iff equal_nan)."""
    perm = _nc.arange(n, dtype=_nc.int64)
    for k in reversed(keys):      # least significant key first, stable
        perm = _nc.take(perm, _nc.argsort(_nc.take(k, perm), stable=True))
    if n == 0:
        return perm, _nc.zeros(0, dtype=_nc.bool)
    diff = _nc.zeros(n - 1, dtype=_nc.bool)
    for k in keys:
        ks = _nc.take(k, perm)
        ne = ks[1:] != ks[:-1]
        if equal_nan and k.dtype.kind in "fc":
            ne = ne & ~(_nc.isnan(ks[1:]) & _nc.isnan(ks[:-1]))
        diff = diff | ne
    return perm, _nc.concat([_nc.ones(1, dtype=_nc.bool), diff])


def _unique_general(x, return_index, return_inverse, return_counts, axis,
                    equal_nan):
    """unique along an axis (rows compared lexicographically) or, with
    axis None, of the flattened values."""
    if axis is None:
        flat = _nc.reshape(x, (-1,))
        keys, n = [flat], flat.size
    else:
        ax = _normalize_axes(axis, x.ndim)[0]
        m = _nc.moveaxis(x, ax, 0)
        n = m.shape[0]
        rows = _nc.reshape(m, (n, -1)) if n else \
            _nc.zeros((0, _math.prod(m.shape[1:])), dtype=x.dtype)
        keys = [rows[:, j] for j in range(rows.shape[1])]
        if len(keys) > 1:
            equal_nan = False  # NumPy compares multi-field rows: NaN != NaN
    perm, first = _unique_sorted(keys, n, equal_nan)
    starts = _nc.flatnonzero(first)
    sel = _nc.take(perm, starts)
    if axis is None:
        vals = _nc.take(keys[0], sel)
    else:
        vals = _nc.moveaxis(_nc.take(m, sel, axis=0), 0, ax)
    res = [vals]
    if return_index:
        res.append(sel)
    if return_inverse:
        grp = _nc.cumulative_sum(first.astype(_nc.int64)) - 1
        inv = _nc.take(grp, _nc.argsort(perm)) if n else \
            _nc.zeros(0, dtype=_nc.int64)
        res.append(_nc.reshape(inv, x.shape) if axis is None and x.ndim
                   else inv)
    if return_counts:
        res.append(_nc.diff(_nc.concat([starts, _nc.asarray([n])])))
    return res[0] if len(res) == 1 else tuple(res)


def unique(ar, return_index=False, return_inverse=False,
           return_counts=False, axis=None, *, equal_nan=True, sorted=True):
    """Sorted unique elements (with first indices, inverse, counts); axis=
    finds unique sub-arrays, equal_nan=False keeps every NaN."""
    x = _arr(ar)
    if axis is not None or (x.dtype.kind in "fc" and
                            bool(_nc.any(_nc.isnan(x)))):
        # numc's C unique (below) keeps every NaN apart
        return _unique_general(x, return_index, return_inverse,
                               return_counts, axis, equal_nan)
    flat = _nc.reshape(x, (-1,))
    if not (return_index or return_inverse or return_counts):
        return _nc.unique_values(flat)
    u = _nc.unique_all(flat)
    res = [u.values]
    if return_index:
        res.append(u.indices)
    if return_inverse:
        res.append(_nc.reshape(u.inverse_indices, x.shape))
    if return_counts:
        res.append(u.counts)
    return tuple(res)


# -- elementwise composites ------------------------------------------------------------------

def divmod_(x1, x2, out=None, **kwargs):
    """(floor_divide(x1, x2), remainder(x1, x2)), computed at once;
    floating-point conditions are reported as NumPy reports them, once
    each and attributed to divmod."""
    seen = set()
    with errstate(call=lambda text, flag: seen.add(flag), all="call"):
        q = _nc.floor_divide(x1, x2, **kwargs)
        r = _nc.remainder(x1, x2, **kwargs)
        _nc.eval(*[a for a in (q, r) if isinstance(a, _nc.ndarray)])
    _report_conditions(seen, "divmod")
    if out is not None:
        _store(q, out[0])
        _store(r, out[1])
        return out
    return q, r


def modf(x, out=None, **kwargs):
    """(fractional part, integral part), both with x's sign."""
    xa = _arr(x)
    if xa.dtype.kind not in "f":
        xa = xa.astype(_nc.float64)
    ip = _nc.trunc(xa)
    with errstate(invalid="ignore"):
        fp = _nc.where(_nc.isinf(xa), _nc.copysign(0.0, xa), xa - ip)
    fp = _nc.copysign(fp, xa)
    if out is not None:
        _store(fp, out[0])
        _store(ip, out[1])
        return out
    return _scalar_out(fp), _scalar_out(ip)


def float_power(x1, x2, out=None, **kwargs):
    """x1 ** x2 computed in float64 (complex128 for complex input)."""
    a, b = _arr(x1), _arr(x2)
    dt = _nc.complex128 if "c" in (a.dtype.kind, b.dtype.kind) else \
        _nc.float64
    return _nc.power(a.astype(dt), b.astype(dt), out=out, **kwargs)


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """NaN -> nan, +inf -> posinf (default the largest finite value),
    -inf -> neginf (default the most negative)."""
    xa = _arr(x)
    if xa.dtype.kind not in "fc":
        return xa.copy() if copy else xa

    def fix(v):
        fi = _nc.finfo(v.dtype)
        p = fi.max if posinf is None else posinf
        n = fi.min if neginf is None else neginf
        v = _nc.where(_nc.isnan(v), _nc.asarray(nan, dtype=v.dtype), v)
        v = _nc.where(_nc.isposinf(v) if hasattr(_nc, "isposinf") else
                      (v == float("inf")), _nc.asarray(p, dtype=v.dtype), v)
        return _nc.where(v == float("-inf"), _nc.asarray(n, dtype=v.dtype),
                         v)
    if xa.dtype.kind == "c":
        r = fix(_nc.real(xa)) + 1j * fix(_nc.imag(xa))
        r = r.astype(xa.dtype)
    else:
        r = fix(xa)
    if not copy and isinstance(x, _nc.ndarray):
        x[...] = r
        return x
    return _scalar_out(r) if not isinstance(x, _nc.ndarray) else r


def angle(z, deg=False):
    """Angle of complex values (radians, or degrees)."""
    za = _arr(z)
    if za.dtype.kind == "c":
        r = _nc.arctan2(_nc.imag(za), _nc.real(za))
    else:
        r = _nc.arctan2(_nc.zeros(za.shape), za.astype(_nc.float64))
    return _nc.rad2deg(r) if deg else r


_EXPORTS = """
bool_ int_ intp uintp uint double single cdouble csingle byte ubyte short
ushort intc uintc longlong ulonglong amax amin ptp cumsum cumprod around
asanyarray ascontiguousarray asfortranarray copy ndim shape size isscalar
iscomplexobj isrealobj iscomplex isreal fromfunction indices identity tri
logspace geomspace isclose allclose array_equal array_equiv nansum nanprod
nancumsum nancumprod nanmean nanvar nanstd nanmax nanmin nanargmax nanargmin
quantile percentile median nanquantile nanpercentile nanmedian average
bincount digitize histogram histogram_bin_edges convolve correlate interp
gradient trapezoid pad array_split split hsplit vsplit dsplit atleast_1d
atleast_2d atleast_3d vstack row_stack hstack dstack column_stack
concatenate mgrid ogrid r_ c_ diag fliplr flipud rot90 append delete resize
select extract compress choose copyto unravel_index ravel_multi_index partition argpartition
unique modf float_power nan_to_num angle long ulong True_ False_ euler_gamma
typename broadcast
""".split()
divmod_.__name__ = divmod_.__qualname__ = "divmod"
divmod = divmod_  # noqa: A001  (NumPy's name; numc.divmod, not builtins)

from . import _extras, _npyio_extra  # noqa: E402
from ._extras import *  # noqa: E402,F401,F403
from ._npyio_extra import *  # noqa: E402,F401,F403
from ._npyio_extra import (  # noqa: E402,F401  (ndarray methods, layout.c)
    _m_byteswap, _m_dump, _m_dumps, _m_tofile)
__all__ = _EXPORTS + list(_extras.__all__) + list(_npyio_extra.__all__) + ["divmod", "get_printoptions", "set_printoptions", "printoptions", "errstate", "seterr", "geterr", "seterrcall", "geterrcall", "NumPyFallbackWarning", "set_fallback_warning", "flatiter"]


def _resized(a, shape):
    """The values of ndarray.resize(shape): a's elements in C order,
    truncated or followed by zeros (a new array)."""
    shape = (shape,) if isinstance(shape, int) else tuple(
        _operator.index(s) for s in (shape if shape is not None else ()))
    if any(s < 0 for s in shape):
        raise ValueError("negative dimensions not allowed")
    n = _math.prod(shape)
    flat = a.reshape(-1)
    out = _nc.zeros(n, dtype=a.dtype)
    k = min(n, flat.shape[0])
    if k:
        out[:k] = flat[:k]
    return out.reshape(shape)
