"""More of NumPy's functions, written over numc's operations (second
compatibility module, next to numc._compat): set operations, lexsort,
insert, index helpers, covariance, polynomials, windows, histogramdd,
apply_along_axis, vectorize, block and friends.

Each follows NumPy's documented signature, results (values, dtypes,
shapes) and exception types; the work is done by numc's lazy, fused
operations, with Python loops only over axes, keys, coefficients or
slices, never over elements (vectorize, piecewise's functions and
apply_along_axis call Python functions by nature). ``numc/__init__.py``
re-exports ``__all__``; NumPy calls on numc arrays reach these through
``__array_function__`` (numc._compat._dispatch_table).
"""
import builtins as _b
import itertools as _it
import math as _math
import operator as _operator
import warnings as _warnings

from . import _numc as _nc
from . import _compat as _c

_arr = _c._arr
_scalar_out = _c._scalar_out
_normalize_axes = _c._normalize_axes


def _axis1(axis, ndim):
    """One normalized axis."""
    return _normalize_axes(axis, ndim)[0]


def _ravel(a):
    """a as a flat numc array."""
    return _nc.reshape(_arr(a), (-1,))


# ---- set operations ---------------------------------------------------------

def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    """Sorted unique values in both arrays; with return_indices also the
    indices of their first occurrences in ar1 and ar2 (flattened)."""
    if not assume_unique:
        if return_indices:
            a1, i1 = _c.unique(ar1, return_index=True)
            a2, i2 = _c.unique(ar2, return_index=True)
        else:
            a1, a2 = _c.unique(ar1), _c.unique(ar2)
    else:
        a1, a2 = _ravel(ar1), _ravel(ar2)
    dt = _nc.result_type(a1, a2)
    aux = _nc.concat([a1.astype(dt), a2.astype(dt)])
    if return_indices:
        order = _nc.argsort(aux, stable=True)
        aux = _nc.take(aux, order)
    else:
        aux = _nc.sort(aux)
    if aux.size == 0:
        mask = _nc.zeros(0, dtype=_nc.bool)
    else:
        mask = aux[1:] == aux[:-1]
    common = aux[:-1][mask] if aux.size else aux
    if not return_indices:
        return common
    if aux.size == 0:
        e = _nc.zeros(0, dtype=_nc.int64)
        return common, e, e
    j1 = order[:-1][mask]
    j2 = order[1:][mask] - a1.size
    if not assume_unique:
        j1, j2 = _nc.take(i1, j1), _nc.take(i2, j2)
    return common, j1, j2


def union1d(ar1, ar2):
    """Sorted unique values in either array."""
    return _c.unique(_nc.concat([_ravel(ar1), _ravel(ar2)]
                                if _arr(ar1).dtype == _arr(ar2).dtype else
                                _c.concatenate((ar1, ar2), axis=None)))


def setdiff1d(ar1, ar2, assume_unique=False):
    """Sorted unique values of ar1 that are not in ar2 (ar1's order kept
    when assume_unique)."""
    a1 = _ravel(ar1) if assume_unique else _c.unique(ar1)
    a2 = _ravel(ar2) if assume_unique else _c.unique(ar2)
    return a1[_nc.isin(a1, a2, invert=True)]


def setxor1d(ar1, ar2, assume_unique=False):
    """Sorted unique values that are in exactly one of the arrays."""
    if not assume_unique:
        ar1, ar2 = _c.unique(ar1), _c.unique(ar2)
    aux = _c.concatenate((ar1, ar2), axis=None)
    if aux.size == 0:
        return aux
    aux = _nc.sort(aux)
    t = _nc.ones(1, dtype=_nc.bool)
    flag = _nc.concat([t, aux[1:] != aux[:-1], t])
    return aux[flag[1:] & flag[:-1]]


# ---- sorting helpers --------------------------------------------------------

def lexsort(keys, axis=-1):
    """Indirect stable sort by several keys, the last key primary (NumPy's
    lexsort): repeated stable argsorts, least significant key first."""
    if isinstance(keys, tuple) or isinstance(keys, list):
        ks = [_arr(k) for k in keys]
    else:
        ka = _arr(keys)
        if ka.ndim == 0:
            raise TypeError("need sequence of keys with len > 0 in lexsort")
        ks = [ka[i] for i in range(ka.shape[0])]
    if not ks:
        raise TypeError("need sequence of keys with len > 0 in lexsort")
    shape = ks[0].shape
    for k in ks:
        if k.shape != shape:
            raise ValueError("all keys need to be the same shape")
    if len(shape) == 0:
        if axis not in (0, -1, None):
            raise _nc.AxisError(f"axis {axis} is out of bounds for array of "
                                "dimension 0")
        return _nc.asarray(0, dtype=_nc.int64)[()]
    ax = _axis1(axis, len(shape))
    order = _nc.broadcast_to(_nc.reshape(
        _nc.arange(shape[ax], dtype=_nc.int64),
        tuple(-1 if i == ax else 1 for i in range(len(shape)))), shape)
    for k in ks:
        kk = _nc.take_along_axis(k, order, axis=ax)
        order = _nc.take_along_axis(order, _nc.argsort(kk, axis=ax,
                                                       stable=True), axis=ax)
    return order


def sort_complex(a):
    """Sorts by real part, then imaginary part; the result is complex
    (complex64 for 8/16-bit integers, else complex128 for real input)."""
    b = _nc.sort(_arr(a))
    if b.dtype.kind == "c":
        return b
    if b.dtype in (_nc.int8, _nc.int16, _nc.uint8, _nc.uint16):
        return b.astype(_nc.complex64)
    return b.astype(_nc.complex128)


# ---- insertion and in-place setting -----------------------------------------

_INSERT_SLICES = 64   # insert: up to this many indices concatenate slices


def insert(arr, obj, values, axis=None):
    """A copy of arr with values inserted before the given indices (an int,
    slice or sequence) along axis (flattened when axis is None)."""
    a = _arr(arr)
    if axis is None:
        a = _nc.reshape(a, (-1,))
        axis = 0
    ax = _axis1(axis, a.ndim) if a.ndim else None
    if ax is None:
        raise _nc.AxisError(f"axis {axis} is out of bounds for array of "
                            "dimension 0")
    n = a.shape[ax]
    if isinstance(obj, slice):
        idx = _nc.arange(*obj.indices(n), dtype=_nc.int64)
    else:
        idx = _arr(obj)
        if idx.dtype == _nc.bool:
            idx = _nc.flatnonzero(idx)   # NumPy 2: a mask of positions
        if idx.ndim > 1:
            raise ValueError("index array argument obj to insert must be "
                             "one dimensional or scalar")
        if idx.size == 0:
            idx = idx.astype(_nc.int64)
        elif idx.dtype.kind not in "iu":
            raise IndexError("arrays used as indices must be of integer (or "
                             "boolean) type")
    shp = list(a.shape)
    if idx.size == 1:
        i = int(_nc.reshape(idx, (-1,))[0])
        if i < -n or i > n:
            raise IndexError(f"index {obj} is out of bounds for axis {ax} "
                             f"with size {n}")
        i = i + n if i < 0 else i
        v = _nc.asarray(values).astype(a.dtype)
        v = _nc.reshape(v, (1,) * (a.ndim - v.ndim) + v.shape)
        if idx.ndim == 0:
            v = _nc.moveaxis(v, 0, ax)
        shp[ax] = v.shape[ax]
        v = _nc.broadcast_to(v, tuple(shp))
        s1 = [slice(None)] * a.ndim
        s2 = [slice(None)] * a.ndim
        s1[ax], s2[ax] = slice(None, i), slice(i, None)
        return _nc.concat([a[tuple(s1)], v, a[tuple(s2)]], axis=ax)
    idx = idx.astype(_nc.int64)
    if idx.size and (int(_nc.min(idx)) < -n or int(_nc.max(idx)) > n):
        bad = int(_nc.max(idx)) if int(_nc.max(idx)) > n else \
            int(_nc.min(idx))
        raise IndexError(f"index {bad} is out of bounds for axis {ax} with "
                         f"size {n + idx.size}")
    idx = _nc.where(idx < 0, idx + n, idx)
    k = idx.size
    order = _nc.argsort(idx, stable=True)
    shp[ax] = k
    v = _nc.broadcast_to(_nc.asarray(values).astype(a.dtype), tuple(shp))
    if k <= _INSERT_SLICES:
        # few indices: the pieces between them, concatenated (no gather)
        parts, prev = [], 0
        si = idx.tolist()
        for j in order.tolist():
            parts += [_c._pad_at(a, ax, prev, si[j]),
                      _c._pad_at(v, ax, j, j + 1)]
            prev = si[j]
        parts.append(_c._pad_at(a, ax, prev, n))
        return _nc.concat(parts, axis=ax)
    newpos = _nc.zeros(k, dtype=_nc.int64)
    if k:
        sorted_idx = _nc.take(idx, order)
        newpos = _nc.take(sorted_idx + _nc.arange(k, dtype=_nc.int64),
                          _nc.argsort(order))
    # an old element i moves right by the count of inserted indices <= i:
    # a running sum of the per-index counts (scattered, k values)
    cnt = _nc.zeros(n + 1, dtype=_nc.int64)
    if k:
        uc = _nc.unique_counts(idx)
        cnt[uc.values] = uc.counts.astype(_nc.int64)
    oldpos = _nc.arange(n, dtype=_nc.int64) + \
        _nc.cumulative_sum(cnt)[:n]
    # src[final position] = position in concat([a, v]) (a scatter)
    src = _nc.zeros(n + k, dtype=_nc.int64)
    src[oldpos] = _nc.arange(n, dtype=_nc.int64)
    if k:
        src[newpos] = _nc.arange(n, n + k, dtype=_nc.int64)
    return _nc.take(_nc.concat([a, v], axis=ax), src, axis=ax)


def _cyclic(values, n, dtype):
    """values (flattened) repeated cyclically to n elements, as dtype."""
    v = _ravel(values)
    if n == 0:
        return _nc.zeros(0, dtype=dtype)
    if v.size == 0:
        raise ValueError("Cannot insert from an empty array!")
    reps = -(-n // v.size)
    return _nc.reshape(_nc.tile(v, reps), (-1,))[:n].astype(dtype)


def putmask(a, mask, values):
    """a[mask] = values in place, values repeating cyclically over a's
    flat positions (NumPy's putmask)."""
    if not isinstance(a, _nc.ndarray):
        raise TypeError("argument a of putmask must be a numc array")
    m = _nc.broadcast_to(_arr(mask, _nc.bool), a.shape)
    if not _nc.can_cast(_arr(values).dtype, a.dtype, casting="safe"):
        raise TypeError(f"Cannot cast array data from dtype("
                        f"'{_arr(values).dtype}') to dtype('{a.dtype}') "
                        "according to the rule 'safe'")
    if _arr(values).size == 0:
        if bool(_nc.any(m)):
            raise ValueError("Cannot insert from an empty array!")
        return None
    v = _nc.reshape(_cyclic(values, a.size, a.dtype), a.shape)
    a[...] = _nc.where(m, v, a)
    return None


def place(arr, mask, vals):
    """arr[mask] = vals in place, vals repeating cyclically over the True
    positions (NumPy's place)."""
    if not isinstance(arr, _nc.ndarray):
        raise TypeError("argument 1 must be numc.ndarray, not "
                        f"{type(arr).__name__}")
    m = _arr(mask, _nc.bool)
    if m.size != arr.size:
        raise ValueError("place: mask and data must be the same size")
    m = _nc.reshape(m, arr.shape)
    cnt = int(_nc.count_nonzero(m))
    if cnt == 0:
        return None
    arr[m] = _cyclic(vals, cnt, arr.dtype)
    return None


def fill_diagonal(a, val, wrap=False):
    """Fills the main diagonal of a (at least 2-d; all dimensions equal
    beyond 2-d) in place; wrap continues below a tall matrix's square."""
    if not isinstance(a, _nc.ndarray):
        raise TypeError("fill_diagonal needs a numc array")
    if a.ndim < 2:
        raise ValueError("array must be at least 2-d")
    end = None
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = a.shape[1] * a.shape[1]
    else:
        if len(set(a.shape)) != 1:
            raise ValueError("All dimensions of input must be of equal "
                             "length")
        step = 1 + sum(_it.accumulate(a.shape[:-1], _operator.mul))
    stop = a.size if end is None else min(end, a.size)
    pos = _nc.arange(0, stop, step, dtype=_nc.int64)
    if pos.size == 0:
        return None
    v = _cyclic(val, pos.size, a.dtype)
    a[_c.unravel_index(pos, a.shape)] = v
    return None


# ---- index helpers ----------------------------------------------------------

def tril_indices(n, k=0, m=None):
    """Row and column indices of the lower triangle (at and below the k-th
    diagonal) of an (n, m) array."""
    return _nc.nonzero(_c.tri(n, m, k=k, dtype=bool))


def triu_indices(n, k=0, m=None):
    """Row and column indices of the upper triangle (at and above the k-th
    diagonal) of an (n, m) array."""
    return _nc.nonzero(~_c.tri(n, m, k=k - 1, dtype=bool))


def _check_2d(arr):
    """arr as a numc array, ValueError unless 2-d."""
    a = _arr(arr)
    if a.ndim != 2:
        raise ValueError("input array must be 2-d")
    return a


def tril_indices_from(arr, k=0):
    """tril_indices for the shape of the 2-d array arr."""
    a = _check_2d(arr)
    return tril_indices(a.shape[-2], k=k, m=a.shape[-1])


def triu_indices_from(arr, k=0):
    """triu_indices for the shape of the 2-d array arr."""
    a = _check_2d(arr)
    return triu_indices(a.shape[-2], k=k, m=a.shape[-1])


def diag_indices(n, ndim=2):
    """Indices of the main diagonal of an n x ... x n array (ndim times
    arange(n))."""
    idx = _nc.arange(n, dtype=_nc.int64)
    return (idx,) * ndim


def diag_indices_from(arr):
    """diag_indices for arr (at least 2-d, all dimensions equal)."""
    a = _arr(arr)
    if a.ndim < 2:
        raise ValueError("input array must be at least 2-d")
    if len(set(a.shape)) != 1:
        raise ValueError("All dimensions of input must be of equal length")
    return diag_indices(a.shape[0], a.ndim)


def mask_indices(n, mask_func, k=0):
    """Indices where mask_func(ones((n, n)), k) is nonzero (e.g. triu)."""
    m = _nc.ones((n, n), dtype=_nc.int64)
    return _nc.nonzero(_arr(mask_func(m, k)) != 0)


def ix_(*args):
    """Open mesh from 1-d sequences: the k-th result has shape 1 except
    along axis k (boolean sequences become their nonzero indices)."""
    out = []
    nd = len(args)
    for k, s in enumerate(args):
        a = _arr(s)
        if isinstance(s, (list, tuple)) and len(s) == 0:
            a = a.astype(_nc.int64)
        if a.ndim != 1:
            raise ValueError("Cross index must be 1 dimensional")
        if a.dtype == _nc.bool:
            a = _nc.nonzero(a)[0]
        out.append(_nc.reshape(a, (1,) * k + (a.size,) + (1,) * (nd - k - 1)))
    return tuple(out)


class ndindex:
    """Iterator over the N-d indices (tuples, C order) of a shape:
    ``for i in ndindex(2, 3)`` or ``ndindex((2, 3))``."""

    def __init__(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], tuple):
            shape = shape[0]
        self._shape = tuple(_operator.index(s) for s in shape)
        for s in self._shape:
            if s < 0:
                raise ValueError("negative dimensions are not allowed")
        self._it = _it.product(*(range(s) for s in self._shape))

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)


class ndenumerate:
    """Iterator of (index tuple, element) pairs of an array in C order."""

    def __init__(self, arr):
        self._a = _arr(arr)
        self._idx = ndindex(self._a.shape)
        self._flat = iter(_nc.reshape(self._a, (-1,)).tolist()) \
            if self._a.ndim else iter([self._a[()]])

    def __iter__(self):
        return self

    def __next__(self):
        i = next(self._idx)
        v = next(self._flat)
        return i, (v if isinstance(v, _nc.generic) else
                   _nc.asarray(v, dtype=self._a.dtype)[()])


class _IndexExpression:
    """``s_[...]`` gives the index object itself; ``index_exp[...]`` always
    a tuple (NumPy's IndexExpression)."""

    def __init__(self, maketuple):
        self.maketuple = maketuple

    def __getitem__(self, item):
        if self.maketuple and not isinstance(item, tuple):
            return (item,)
        return item


index_exp = _IndexExpression(maketuple=True)
s_ = _IndexExpression(maketuple=False)


# ---- shapes -----------------------------------------------------------------

def rollaxis(a, axis, start=0):
    """Rolls axis backwards until it lies before position start (NumPy's
    rollaxis; moveaxis is the clearer spelling)."""
    x = _arr(a)
    n = x.ndim
    axis = _axis1(axis, n)
    if start < 0:
        start += n
    if not 0 <= start < n + 1:
        raise _nc.AxisError(f"'start' arg requires {-n} <= start < {n + 1}")
    if axis < start:
        start -= 1
    if axis == start:
        return x[...]
    axes = list(range(n))
    axes.remove(axis)
    axes.insert(start, axis)
    return _nc.permute_dims(x, tuple(axes))


def _block_depth(x, path=()):
    """(list nesting depth, largest ndim of the blocks) of block()'s
    argument, with NumPy's errors for tuples, empty lists, ragged depth."""
    if isinstance(x, tuple):
        raise TypeError(f"arrays is a tuple. Only lists can be used to "
                        f"arrange blocks, and np.block does not allow "
                        f"implicit conversion from tuple to ndarray.")
    if isinstance(x, list):
        if not x:
            raise ValueError(f"List at arrays{''.join(f'[{i}]' for i in path)}"
                             " cannot be empty")
        depths = [_block_depth(e, path + (i,)) for i, e in enumerate(x)]
        d0 = depths[0]
        for d in depths:
            if d[0] != d0[0]:
                raise ValueError("List depths are mismatched. First element "
                                 f"was at depth {d0[0] + 1}, but there is an "
                                 f"element at depth {d[0] + 1}")
        return d0[0] + 1, max(d[1] for d in depths)
    return 0, _arr(x).ndim


def _block_rec(x, depth, nd):
    """Concatenates a nested list level by level (innermost along the last
    axis), blocks padded to nd dimensions."""
    if isinstance(x, list):
        parts = [_block_rec(e, depth - 1, nd) for e in x]
        return _nc.concat(parts, axis=-depth)
    a = _arr(x)
    return _nc.reshape(a, (1,) * (nd - a.ndim) + a.shape)


def block(arrays):
    """Assembles an array from nested lists of blocks: the innermost lists
    concatenate along the last axis, the next along the second last, ..."""
    depth, ndim = _block_depth(arrays)
    nd = max(depth, ndim)
    if depth == 0:
        return _arr(arrays).copy()
    r = _block_rec(arrays, depth, nd)
    return r


def require(a, dtype=None, requirements=None, *, like=None):
    """An array of the given dtype meeting the requirements ('C', 'F',
    'A', 'W', 'O', 'E' or NumPy's long names such as 'C_CONTIGUOUS')."""
    x = _nc.asarray(a, dtype=dtype) if dtype is not None else _arr(a)
    if not requirements:
        return x
    req = {str(r).upper() for r in ([requirements] if isinstance(
        requirements, str) else requirements)}
    alias = {"C_CONTIGUOUS": "C", "CONTIGUOUS": "C", "F_CONTIGUOUS": "F",
             "FORTRAN": "F", "ALIGNED": "A", "WRITEABLE": "W",
             "OWNDATA": "O", "ENSUREARRAY": "E"}
    req = {alias.get(r, r) for r in req}
    for r in req:
        if r not in "CFAWOE" or len(r) != 1:
            raise KeyError(r)
    if "C" in req and "F" in req:
        raise ValueError("Cannot specify both C and Fortran contiguous.")
    if "O" in req or ("C" in req and not x.flags.c_contiguous) or \
            ("W" in req and not x.flags.writeable):
        x = x.copy()
    if "F" in req and not x.flags.f_contiguous:
        x = _c.asfortranarray(x)
    return x


def asarray_chkfinite(a, dtype=None, order=None):
    """asarray, raising ValueError if a float/complex result holds inf or
    NaN."""
    x = _nc.asarray(a, dtype=dtype) if dtype is not None else _arr(a)
    if x.dtype.kind in "fc" and not bool(_nc.all(_nc.isfinite(x))):
        raise ValueError("array must not contain infs or NaNs")
    return x


def iterable(y):
    """True if iter(y) works (0-d arrays are not iterable)."""
    try:
        iter(y)
    except TypeError:
        return False
    return True


def real_if_close(a, tol=100):
    """The real part of complex a when every imaginary part is below tol
    machine epsilons (tol > 1) or tol itself; a unchanged otherwise."""
    x = _arr(a)
    if x.dtype.kind != "c":
        return x
    if tol > 1:
        tol = _nc.finfo(x.dtype).eps * tol
    if bool(_nc.all(_nc.abs(_nc.imag(x)) < tol)):
        return _nc.real(x)
    return x


# ---- elementwise helpers ----------------------------------------------------

def fix(x, out=None):
    """Rounds toward zero (floor of positives, ceil of negatives)."""
    xa = _arr(x)
    r = _nc.where(xa >= 0, _nc.floor(xa), _nc.ceil(xa))
    return _c._store(r, out) if out is not None else _scalar_out(r)


def _no_complex(x):
    """TypeError for complex x (isposinf/isneginf)."""
    if x.dtype.kind == "c":
        raise TypeError("This operation is not supported for complex values "
                        "because it would be ambiguous.")


def isposinf(x, out=None):
    """True where x is +inf (TypeError for complex input)."""
    xa = _arr(x)
    _no_complex(xa)
    r = _nc.isinf(xa) & ~_nc.signbit(xa) if xa.dtype.kind == "f" else \
        _nc.zeros(xa.shape, dtype=_nc.bool)
    return _c._store(r, out) if out is not None else _scalar_out(r)


def isneginf(x, out=None):
    """True where x is -inf (TypeError for complex input)."""
    xa = _arr(x)
    _no_complex(xa)
    r = _nc.isinf(xa) & _nc.signbit(xa) if xa.dtype.kind == "f" else \
        _nc.zeros(xa.shape, dtype=_nc.bool)
    return _c._store(r, out) if out is not None else _scalar_out(r)


def sinc(x):
    """sin(pi x) / (pi x), 1 at 0."""
    xa = _arr(x)
    if xa.dtype.kind not in "fc":
        xa = xa.astype(_nc.float64)
    y = _nc.pi * _nc.where(xa == 0, _nc.asarray(1.0e-20, dtype=xa.dtype), xa)
    return _scalar_out(_nc.sin(y) / y)


def _i0_series(x):
    """I0 by its power series sum ((x/2)^2k / k!^2) (|x| <= 30)."""
    t = (x * 0.5) ** 2
    term = _nc.ones(x.shape)
    acc = term
    for k in range(1, 90):
        term = term * t / (k * k)
        acc = acc + term
    return acc


def _i0_asym(x):
    """I0 by its asymptotic expansion e^x / sqrt(2 pi x) * sum (|x| > 30)."""
    inv = 1.0 / (8.0 * x)
    coef = 1.0
    acc = _nc.ones(x.shape)
    p = _nc.ones(x.shape)
    for k in range(1, 25):
        coef = coef * (2 * k - 1) ** 2 / k
        p = p * inv
        acc = acc + coef * p
    return _nc.exp(x) / _nc.sqrt(2 * _nc.pi * x) * acc


def i0(x):
    """Modified Bessel function of the first kind, order 0 (float input
    keeps its dtype, other real input gives float64)."""
    xa = _arr(x)
    if xa.dtype.kind == "c":
        raise TypeError("i0 not supported for complex values")
    if xa.dtype.kind == "f" and xa.dtype != _nc.float64:
        return i0(xa.astype(_nc.float64)).astype(xa.dtype)
    ax = _nc.abs(xa.astype(_nc.float64))
    with _c.errstate(over="ignore", invalid="ignore"):
        small = _nc.minimum(ax, 30.0)
        big = _nc.maximum(ax, 30.0)
        r = _nc.where(ax <= 30.0, _i0_series(small), _i0_asym(big))
    return r


def unwrap(p, discont=None, axis=-1, *, period=2 * _math.pi):
    """Unwraps phase jumps larger than max(discont, period/2) along axis to
    their period complement (NumPy's unwrap)."""
    pa = _arr(p)
    nd = pa.ndim
    ax = _axis1(axis, nd)
    dd = _nc.diff(pa, axis=ax)
    if discont is None:
        discont = period / 2
    s1 = [slice(None)] * nd
    s1[ax] = slice(1, None)
    integer_input = pa.dtype.kind in "iub" and \
        isinstance(period, int) and not isinstance(period, bool)
    if integer_input:
        interval_high, rem = divmod(period, 2)
        boundary_ambiguous = rem == 0
    else:
        interval_high = period / 2
        boundary_ambiguous = True
    interval_low = -interval_high
    ddmod = _nc.remainder(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        ddmod = _nc.where((ddmod == interval_low) & (dd > 0),
                          _nc.asarray(interval_high, dtype=ddmod.dtype),
                          ddmod)
    ph = ddmod - dd
    ph = _nc.where(_nc.abs(dd) < discont, _nc.zeros((), dtype=ph.dtype), ph)
    dtype = _nc.result_type(pa, ph)
    first = [slice(None)] * nd
    first[ax] = slice(0, 1)
    corr = _nc.cumulative_sum(ph, axis=ax).astype(dtype)
    up = pa.astype(dtype)
    return _nc.concat([up[tuple(first)], up[tuple(s1)] + corr], axis=ax)


def ediff1d(ary, to_end=None, to_begin=None):
    """Differences of consecutive flattened elements, with optional values
    prepended (to_begin) and appended (to_end), in ary's dtype."""
    a = _ravel(ary)
    dt = a.dtype
    parts = []
    for v, name in ((to_begin, "to_begin"), (to_end, "to_end")):
        if v is None:
            parts.append(None)
            continue
        va = _ravel(v)
        if not _nc.can_cast(va.dtype, dt, casting="same_kind"):
            raise TypeError(f"dtype of `{name}` must be compatible with "
                            "input `ary` under the `same_kind` rule.")
        parts.append(va.astype(dt))
    d = _nc.subtract(a[1:], a[:-1]) if a.size else _nc.zeros(0, dtype=dt)
    if dt == _nc.bool:
        d = a[1:] != a[:-1]
    seq = [p for p in (parts[0], d.astype(dt), parts[1]) if p is not None]
    return _nc.concat(seq) if len(seq) > 1 else seq[0]


# ---- windows ----------------------------------------------------------------

def _window(M):
    """(n, M-1) for the symmetric cosine windows, or a finished window."""
    M = _operator.index(M) if not isinstance(M, float) else int(M)
    if M < 1:
        return None, _nc.zeros(0, dtype=_nc.float64)
    if M == 1:
        return None, _nc.ones(1, dtype=_nc.float64)
    return _nc.arange(1 - M, M, 2, dtype=_nc.int64), M - 1


def hamming(M):
    """The Hamming window 0.54 + 0.46 cos(pi n / (M-1))."""
    n, d = _window(M)
    if n is None:
        return d
    return 0.54 + 0.46 * _nc.cos(_nc.pi * n / d)


def hanning(M):
    """The Hann window 0.5 + 0.5 cos(pi n / (M-1))."""
    n, d = _window(M)
    if n is None:
        return d
    return 0.5 + 0.5 * _nc.cos(_nc.pi * n / d)


def blackman(M):
    """The Blackman window."""
    n, d = _window(M)
    if n is None:
        return d
    return 0.42 + 0.5 * _nc.cos(_nc.pi * n / d) + \
        0.08 * _nc.cos(2.0 * _nc.pi * n / d)


def bartlett(M):
    """The Bartlett (triangular) window."""
    n, d = _window(M)
    if n is None:
        return d
    return _nc.where(n <= 0, 1 + n / d, 1 - n / d)


def kaiser(M, beta):
    """The Kaiser window i0(beta sqrt(1 - ((n - alpha)/alpha)^2)) /
    i0(beta)."""
    n, d = _window(M)
    if n is None:
        return d
    k = _nc.arange(0, M, dtype=_nc.int64)
    alpha = (M - 1) / 2.0
    return i0(beta * _nc.sqrt(1 - ((k - alpha) / alpha) ** 2.0)) / \
        i0(float(beta))


# ---- trimming ---------------------------------------------------------------

def trim_zeros(filt, trim="fb", axis=None):
    """filt without its leading ('f') and/or trailing ('b') zeros, along
    every axis (axis None) or the given axes."""
    a = _arr(filt)
    t = trim.lower() if isinstance(trim, str) else trim
    if not isinstance(t, str) or set(t) - {"f", "b"}:
        raise ValueError(f"unexpected character(s) in `trim`: {trim!r}")
    if a.ndim == 0:
        return filt if not isinstance(filt, _nc.ndarray) else a[...]
    axes = tuple(range(a.ndim)) if axis is None else \
        _normalize_axes(axis, a.ndim)
    nz = a != 0
    sl = [slice(None)] * a.ndim
    for ax in axes:
        other = tuple(i for i in range(a.ndim) if i != ax)
        line = _nc.any(nz, axis=other) if other else nz
        idx = _nc.flatnonzero(line)
        if idx.size == 0:
            start = stop = 0
        else:
            start = int(idx[0]) if "f" in t else 0
            stop = int(idx[-1]) + 1 if "b" in t else a.shape[ax]
        sl[ax] = slice(start, stop)
    return a[tuple(sl)]


# ---- statistics -------------------------------------------------------------

def _cov_weights(weights, name, n):
    """cov's fweights/aweights as float64, checked as NumPy (1-d, n
    samples, non-negative); None stays None."""
    if weights is None:
        return None
    w = _arr(weights).astype(_nc.float64)
    if name == "fweights" and not bool(_nc.all(w == _nc.round(w))):
        raise TypeError("fweights must be integer")
    if w.ndim > 1:
        raise RuntimeError(f"cannot handle multidimensional {name}")
    if w.shape[0] != n:
        raise RuntimeError(f"incompatible numbers of samples and {name}")
    if bool(_nc.any(w < 0)):
        raise ValueError(f"{name} cannot be negative")
    return w


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None,
        aweights=None, *, dtype=None):
    """Covariance matrix of the variables (rows, or columns with
    rowvar=False), with frequency and analytic weights (NumPy's cov)."""
    if ddof is not None and ddof != int(ddof):
        raise ValueError("ddof must be integer")
    mm = _arr(m)
    if mm.ndim > 2:
        raise ValueError("m has more than 2 dimensions")
    ya = None
    if y is not None:
        ya = _arr(y)
        if ya.ndim > 2:
            raise ValueError("y has more than 2 dimensions")
    if dtype is None:
        dtype = _nc.result_type(mm, _nc.float64) if ya is None else \
            _nc.result_type(mm, ya, _nc.float64)
    X = mm.astype(dtype)
    X = _nc.reshape(X, (1,) * (2 - X.ndim) + X.shape)
    if not rowvar and mm.ndim != 1:
        X = X.T
    if X.shape[0] == 0:
        return _nc.zeros((0, 0), dtype=dtype)
    if ya is not None:
        Y = ya.astype(dtype)
        Y = _nc.reshape(Y, (1,) * (2 - Y.ndim) + Y.shape)
        if not rowvar and Y.shape[0] != 1:
            Y = Y.T
        X = _nc.concat([X, Y], axis=0)
    if ddof is None:
        ddof = 0 if bias else 1
    fw = _cov_weights(fweights, "fweights", X.shape[1])
    aw = _cov_weights(aweights, "aweights", X.shape[1])
    w = aw if fw is None else fw if aw is None else fw * aw
    if w is None:
        avg = _nc.mean(X, axis=1)
        w_sum = X.shape[1]
        fact = X.shape[1] - ddof
    else:
        avg, w_sum = _c.average(X, axis=1, weights=w, returned=True)
        w_sum = float(_nc.asarray(w_sum)[0])
        if ddof == 0:
            fact = w_sum
        elif aw is None:
            fact = w_sum - ddof
        else:
            fact = w_sum - ddof * float(_nc.sum(w * aw)) / w_sum
    if fact <= 0:
        _warnings.warn("Degrees of freedom <= 0 for slice",
                       RuntimeWarning, stacklevel=2)
        fact = 0.0
    X = X - _nc.reshape(_nc.asarray(avg), (-1, 1))
    XT = X.T if w is None else (X * w).T
    c = _nc.matmul(X, _nc.conj(XT) if XT.dtype.kind == "c" else XT)
    with _c.errstate(divide="ignore", invalid="ignore"):
        c = c * _nc.true_divide(1, _nc.asarray(fact, dtype=_nc.float64))
    c = c.astype(dtype) if c.dtype != dtype else c
    return _nc.squeeze(c)


def corrcoef(x, y=None, rowvar=True, *, dtype=None):
    """Pearson correlation coefficients (cov normalized by the standard
    deviations, clipped to [-1, 1])."""
    c = cov(x, y, rowvar, dtype=dtype)
    c = _arr(c)
    if c.ndim == 0:
        with _c.errstate(divide="ignore", invalid="ignore"):
            return _scalar_out(c / c)
    d = _nc.diagonal(c)
    sd = _nc.sqrt(_nc.real(d) if d.dtype.kind == "c" else d)
    with _c.errstate(divide="ignore", invalid="ignore"):
        c = c / _nc.reshape(sd, (-1, 1))
        c = c / _nc.reshape(sd, (1, -1))
    if c.dtype.kind == "c":
        re = _nc.clip(_nc.real(c), -1, 1)
        im = _nc.clip(_nc.imag(c), -1, 1)
        r = _nc.zeros(c.shape, dtype=c.dtype)
        r.real = re
        r.imag = im
        return r
    return _nc.clip(c, -1, 1)


# ---- products ---------------------------------------------------------------

def kron(a, b):
    """Kronecker product: blocks a[i...] * b (shapes multiplied
    elementwise after padding the shorter with leading 1s)."""
    bb = _arr(b)
    aa = _arr(a)
    if aa.ndim == 0 or bb.ndim == 0:
        return _scalar_out(_nc.multiply(aa, bb))
    nd = max(aa.ndim, bb.ndim)
    as_ = (1,) * (nd - aa.ndim) + aa.shape
    bs = (1,) * (nd - bb.ndim) + bb.shape
    ai = _nc.reshape(aa, tuple(v for s in as_ for v in (s, 1)))
    bi = _nc.reshape(bb, tuple(v for s in bs for v in (1, s)))
    return _nc.reshape(_nc.multiply(ai, bi),
                       tuple(p * q for p, q in zip(as_, bs)))


def vander(x, N=None, increasing=False):
    """Vandermonde matrix: columns x**(N-1), ..., x**0 (or increasing),
    as NumPy's running products."""
    xa = _arr(x)
    if xa.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    n = xa.shape[0] if N is None else _operator.index(N)
    dt = _nc.result_type(xa.dtype, _nc.int64)   # NumPy: promote with int
    if n == 0:
        return _nc.zeros((xa.shape[0], 0), dtype=dt)
    cols = _nc.broadcast_to(_nc.reshape(xa.astype(dt), (-1, 1)),
                            (xa.shape[0], n - 1))
    v = _nc.concat([_nc.ones((xa.shape[0], 1), dtype=dt), cols], axis=1)
    v = _nc.cumulative_prod(v, axis=1).astype(dt)
    return v if increasing else _nc.flip(v, axis=1)


# ---- polynomials ------------------------------------------------------------

def _poly1d_coeffs(p):
    """The coefficient array of a poly1d or array-like."""
    return p.coeffs if isinstance(p, poly1d) else _arr(p)


def polyval(p, x):
    """Value of the polynomial with coefficients p (highest power first)
    at x, by Horner's rule."""
    if isinstance(x, poly1d):
        y = poly1d([0])
        for pv in _poly1d_coeffs(p).tolist():
            y = y * x + pv
        return y
    pa = _poly1d_coeffs(p)
    xa = _arr(x)
    y = _nc.zeros_like(xa)
    for i in range(pa.shape[0]):
        y = y * xa + pa[i]
    return _scalar_out(y)


def _trim_lead(c):
    """Coefficients without leading zeros (at least one left)."""
    nz = _nc.flatnonzero(c != 0)
    if nz.size == 0:
        return c[-1:] if c.size else _nc.zeros(1, dtype=c.dtype)
    return c[int(nz[0]):]


def _poly_result(inputs, c):
    """c as a poly1d when any input was one (NumPy's poly* rule)."""
    return poly1d(c) if any(isinstance(p, poly1d) for p in inputs) else c


def _poly_aligned(a1, a2):
    """The coefficients of two polynomials, the shorter padded with
    leading zeros to the same length."""
    a, b = _nc.reshape(_poly1d_coeffs(a1), (-1,)), \
        _nc.reshape(_poly1d_coeffs(a2), (-1,))
    d = a.size - b.size
    if d > 0:
        b = _nc.concat([_nc.zeros(d, dtype=b.dtype), b])
    elif d < 0:
        a = _nc.concat([_nc.zeros(-d, dtype=a.dtype), a])
    return a, b


def polyadd(a1, a2):
    """Sum of two polynomials (coefficient arrays or poly1d)."""
    a, b = _poly_aligned(a1, a2)
    return _poly_result((a1, a2), a + b)


def polysub(a1, a2):
    """Difference of two polynomials."""
    a, b = _poly_aligned(a1, a2)
    return _poly_result((a1, a2), a - b)


def polymul(a1, a2):
    """Product of two polynomials (convolution of the coefficients, leading
    zeros dropped as NumPy's)."""
    r = _c.convolve(_trim_lead(_nc.reshape(_poly1d_coeffs(a1), (-1,))),
                    _trim_lead(_nc.reshape(_poly1d_coeffs(a2), (-1,))))
    return _poly_result((a1, a2), r)


def polydiv(u, v):
    """(quotient, remainder) of polynomial long division u / v."""
    ua = _poly1d_coeffs(u).astype(_nc.float64) + 0.0 \
        if _poly1d_coeffs(u).dtype.kind != "c" else _poly1d_coeffs(u)
    va = _poly1d_coeffs(v)
    va = va + 0.0 if va.dtype.kind != "c" else va
    w = ua[0] + va[0]
    m, n = ua.size - 1, va.size - 1
    scale = 1.0 / va[0]
    q = _nc.zeros((max(m - n + 1, 1),), dtype=w.dtype)
    r = ua.astype(w.dtype)
    for k in range(0, m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k:k + n + 1] = r[k:k + n + 1] - d * va
    while r.size > 1 and bool(_c.allclose(r[0], 0, rtol=1e-14)):
        r = r[1:]
    if isinstance(u, poly1d) or isinstance(v, poly1d):
        return poly1d(q), poly1d(r)
    return q, r


def polyder(p, m=1):
    """m-th derivative of a polynomial."""
    m = _operator.index(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    truepoly = isinstance(p, poly1d)
    c = _poly1d_coeffs(p)
    if c.ndim == 0:
        raise TypeError("len() of unsized object")
    c = _nc.reshape(c, (-1,))
    for _ in range(m):
        n = c.size - 1
        c = c[:-1] * _nc.arange(n, 0, -1)
    if c.size == 0:
        c = _nc.zeros(1, dtype=c.dtype) if m == 0 else c[:0]
    if truepoly:
        return poly1d(c)
    return c


def polyint(p, m=1, k=None):
    """m-th antiderivative of a polynomial, integration constants k."""
    m = _operator.index(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    if k is None:
        k = _nc.zeros(m, dtype=_nc.float64)
    k = _nc.reshape(_arr(k), (-1,))
    if k.size == 1 and m > 1:
        k = _nc.broadcast_to(k, (m,))
    if k.size < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 "
                         "or >m.")
    truepoly = isinstance(p, poly1d)
    c = _nc.reshape(_poly1d_coeffs(p), (-1,))
    for i in range(m):
        n = c.size
        c = _nc.concat([_nc.true_divide(c, _nc.arange(n, 0, -1)),
                        _nc.reshape(k[i], (1,)).astype(
                            _nc.result_type(c, 1.0))])
    return poly1d(c) if truepoly else c


def poly(seq_of_zeros):
    """Coefficients of the monic polynomial with the given roots (or the
    characteristic polynomial of a square matrix)."""
    s = _arr(seq_of_zeros)
    if s.ndim == 2 and s.shape[0] == s.shape[1] and s.shape[0] != 0:
        s = _nc.linalg.eigvals(s)
    elif s.ndim == 1:
        pass
    else:
        raise ValueError("input must be 1d or non-empty square 2d array.")
    if s.size == 0:
        return _nc.asarray(1.0)
    dt = s.dtype if s.dtype.kind in "fc" else _nc.float64
    a = _nc.ones(1, dtype=dt)
    for z in range(s.shape[0]):
        a = _c.convolve(a, _nc.concat([_nc.ones(1, dtype=dt),
                                       -_nc.reshape(s[z], (1,)).astype(dt)]))
    if a.dtype.kind == "c":
        roots = s.astype(_nc.complex128)
        pos = _nc.sort(roots[_nc.imag(roots) > 0])
        neg = _nc.sort(_nc.conj(roots[_nc.imag(roots) < 0]))
        if pos.shape == neg.shape and bool(_nc.all(pos == neg)):
            a = _nc.real(a).copy()
    return a


def roots(p):
    """Roots of the polynomial with coefficients p (eigenvalues of the
    companion matrix); leading and trailing zeros handled as NumPy."""
    pa = _nc.reshape(_poly1d_coeffs(p), (-1,)) if isinstance(p, poly1d) \
        else _arr(p)
    if pa.ndim != 1:
        raise ValueError("Input must be a rank-1 array.")
    nz = _nc.flatnonzero(pa)
    if nz.size == 0:
        return _nc.zeros(0, dtype=_nc.float64)
    trailing = pa.size - int(nz[-1]) - 1
    pa = pa[int(nz[0]):int(nz[-1]) + 1]
    if pa.dtype.kind not in "fc":
        pa = pa.astype(_nc.float64)
    n = pa.size
    if n > 1:
        A = _c.diag(_nc.ones(n - 2, dtype=pa.dtype), -1)
        A = _nc.concat([_nc.reshape(-pa[1:] / pa[0], (1, -1)), A[1:]],
                       axis=0) if n > 2 else _nc.reshape(-pa[1:] / pa[0],
                                                         (1, 1))
        r = _nc.linalg.eigvals(A)
    else:
        r = _nc.zeros(0, dtype=pa.dtype)
    return _nc.concat([r, _nc.zeros(trailing, dtype=r.dtype)])


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """Least-squares polynomial fit of degree deg (NumPy's polyfit: scaled
    Vandermonde lstsq; full, w and cov as NumPy)."""
    order = _operator.index(deg) + 1
    xa = _arr(x) + 0.0
    ya = _arr(y) + 0.0
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if xa.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if xa.size == 0:
        raise TypeError("expected non-empty vector for x")
    if ya.ndim < 1 or ya.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if xa.shape[0] != ya.shape[0]:
        raise TypeError("expected x and y to have same length")
    if rcond is None:
        rcond = xa.size * _nc.finfo(xa.dtype).eps
    lhs = vander(xa, order)
    rhs = ya
    if w is not None:
        wa = _arr(w) + 0.0
        if wa.ndim != 1:
            raise TypeError("expected a 1-d array for weights")
        if wa.shape[0] != ya.shape[0]:
            raise TypeError("expected w and y to have the same length")
        lhs = lhs * _nc.reshape(wa, (-1, 1))
        rhs = rhs * (wa if rhs.ndim == 1 else _nc.reshape(wa, (-1, 1)))
    scale = _nc.sqrt(_nc.sum(lhs * lhs, axis=0))
    lhs = lhs / scale
    c, resids, rank, s = _nc.linalg.lstsq(lhs, rhs, rcond=rcond)
    c = (c.T / scale).T
    if rank != order and not full:
        _warnings.warn("Polyfit may be poorly conditioned", RuntimeWarning,
                       stacklevel=2)
    if full:
        return c, resids, rank, s, rcond
    if cov:
        Vbase = _nc.linalg.inv(_nc.matmul(lhs.T, lhs))
        Vbase = Vbase / _nc.outer(scale, scale)
        if cov == "unscaled":
            fac = 1
        else:
            if xa.size <= order:
                raise ValueError("the number of data points must exceed "
                                 "order to scale the covariance matrix")
            fac = resids / (xa.size - order)
        if ya.ndim == 1:
            return c, Vbase * fac
        return c, _nc.reshape(Vbase, Vbase.shape + (1,)) * fac
    return c


class poly1d:
    """A one-dimensional polynomial (coefficients highest power first):
    call it, combine with + - * / **, and take roots, deriv, integ."""
    __hash__ = None

    def __init__(self, c_or_r, r=False, variable=None):
        if isinstance(c_or_r, poly1d):
            self._variable = c_or_r._variable
            self._coeffs = c_or_r._coeffs
            if variable is not None:
                self._variable = variable
            return
        if r:
            c_or_r = poly(c_or_r)
        c = _arr(c_or_r)
        if c.ndim > 1:
            raise ValueError("Polynomial must be 1d only.")
        c = _nc.reshape(c, (-1,))
        c = _trim_lead(c) if c.size else _nc.zeros(1, dtype=c.dtype)
        self._coeffs = c
        self._variable = "x" if variable is None else variable

    @property
    def coeffs(self):
        """The coefficients, highest power first."""
        return self._coeffs

    c = coef = coefficients = coeffs

    @property
    def variable(self):
        """The name of the variable in str()."""
        return self._variable

    @property
    def order(self):
        """The degree."""
        return self._coeffs.size - 1

    o = order

    @property
    def roots(self):
        """The roots."""
        return roots(self._coeffs)

    r = roots

    def __array__(self, dtype=None, copy=None):
        import numpy
        return numpy.asarray(self._coeffs, dtype=dtype)

    def __len__(self):
        return self.order

    def __call__(self, val):
        return polyval(self._coeffs, val)

    def __repr__(self):
        vals = repr(self._coeffs)
        vals = vals[6:-1]
        return f"poly1d({vals})"

    def __str__(self):
        terms = []
        n = self.order
        for i, cv in enumerate(self._coeffs.tolist()):
            p = n - i
            if cv == 0 and n > 0:
                continue
            term = f"{cv:g}" if p == 0 or cv != 1 else ""
            if p >= 1:
                term += f" {self._variable}" if term else self._variable
                if p > 1:
                    term += f"**{p}"
            terms.append(term)
        return " + ".join(terms) if terms else "0"

    def __neg__(self):
        return poly1d(-self._coeffs)

    def __pos__(self):
        return self

    def __mul__(self, other):
        if _nc.asarray(other).ndim == 0 and not isinstance(other, poly1d):
            return poly1d(self._coeffs * other)
        return poly1d(polymul(self._coeffs, _poly1d_coeffs(poly1d(other))))

    __rmul__ = __mul__

    def __add__(self, other):
        return poly1d(polyadd(self._coeffs, _poly1d_coeffs(poly1d(other))))

    __radd__ = __add__

    def __sub__(self, other):
        return poly1d(polysub(self._coeffs, _poly1d_coeffs(poly1d(other))))

    def __rsub__(self, other):
        return poly1d(polysub(_poly1d_coeffs(poly1d(other)), self._coeffs))

    def __pow__(self, val):
        if not isinstance(val, int) or val < 0:
            raise ValueError("Power to non-negative integers only.")
        res = _nc.ones(1, dtype=self._coeffs.dtype)
        for _ in range(val):
            res = polymul(self._coeffs, res)
        return poly1d(res)

    def __truediv__(self, other):
        if _nc.asarray(other).ndim == 0 and not isinstance(other, poly1d):
            return poly1d(self._coeffs / other)
        return polydiv(self, poly1d(other))

    def __eq__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        if self._coeffs.shape != other._coeffs.shape:
            return False
        return bool(_nc.all(self._coeffs == other._coeffs))

    def __ne__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return not self.__eq__(other)

    def __getitem__(self, val):
        ind = self.order - val
        if val > self.order or val < 0:
            return self._coeffs.dtype.type(0) if hasattr(
                self._coeffs.dtype, "type") else 0
        return self._coeffs[ind]

    def __iter__(self):
        return iter(self._coeffs)

    def integ(self, m=1, k=0):
        """The m-th antiderivative (constants k)."""
        return poly1d(polyint(self._coeffs, m=m, k=k))

    def deriv(self, m=1):
        """The m-th derivative."""
        return poly1d(polyder(self._coeffs, m=m))


# ---- functional -------------------------------------------------------------

def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """func1d applied to every 1-d slice along axis; the results (same
    shape for all slices) replace that axis."""
    a = _arr(arr)
    nd = a.ndim
    ax = _axis1(axis, nd)
    m = _nc.moveaxis(a, ax, -1)
    outer = m.shape[:-1]
    if 0 in outer:
        raise ValueError("Cannot apply_along_axis when any iteration "
                         "dimensions are 0")
    res = [_arr(func1d(m[i], *args, **kwargs)) for i in ndindex(outer)]
    r = _nc.reshape(_nc.stack(res), outer + res[0].shape)
    rnd = res[0].ndim
    # the result's own axes go where axis was
    perm = list(range(len(outer)))
    perm[ax:ax] = list(range(len(outer), len(outer) + rnd))
    return _nc.permute_dims(r, tuple(perm))


def apply_over_axes(func, a, axes):
    """func(a, axis) repeatedly over axes, keeping dimensions (NumPy's
    apply_over_axes)."""
    val = _arr(a)
    N = val.ndim
    axes = (axes,) if _nc.asarray(axes).ndim == 0 else tuple(axes)
    for axis in axes:
        if axis < 0:
            axis = N + axis
        res = _arr(func(val, axis))
        if res.ndim == val.ndim:
            val = res
        else:
            res = _nc.expand_dims(res, axis=axis)
            if res.ndim == val.ndim:
                val = res
            else:
                raise ValueError("function is not returning an array of the "
                                 "correct shape")
    return val


def _parse_signature(sig):
    """'(m,n),(n)->(m)' -> ([('m','n'), ('n',)], [('m',)])."""
    import re
    sig = sig.replace(" ", "")
    group = r"\([\w,]*\)(,\([\w,]*\))*"
    if not re.match(rf"^({group})->({group})$", sig):
        raise ValueError(f"not a valid gufunc signature: {sig}")
    ins, outs = sig.split("->")

    def parse(s):
        """The core-dimension tuples of one side of a signature."""
        return [tuple(d for d in g.split(",") if d)
                for g in re.findall(r"\(([\w,]*)\)", s)]
    return parse(ins), parse(outs)


class vectorize:
    """Calls a Python function on every element (or, with signature, every
    core sub-array) of broadcast inputs, like NumPy's vectorize: otypes,
    excluded, signature (no caching)."""

    def __init__(self, pyfunc=None, otypes=None, doc=None, excluded=None,
                 cache=False, signature=None):
        if pyfunc is None:
            self._deferred = dict(otypes=otypes, doc=doc, excluded=excluded,
                                  cache=cache, signature=signature)
            self.pyfunc = None
            return
        self.pyfunc = pyfunc
        self.otypes = None if otypes is None else (
            list(otypes) if not isinstance(otypes, str) else list(otypes))
        self.excluded = set(excluded or ())
        self.signature = signature
        self._sig = _parse_signature(signature) if signature else None
        self.__doc__ = pyfunc.__doc__ if doc is None else doc

    def __call__(self, *args, **kwargs):
        if self.pyfunc is None:  # used as @vectorize(otypes=...)
            return vectorize(args[0], **self._deferred)
        excl = {k: v for k, v in kwargs.items() if k in self.excluded}
        kw = {k: v for k, v in kwargs.items() if k not in self.excluded}
        pos = [i for i in range(len(args)) if i not in self.excluded]
        names = list(kw)
        vargs = [args[i] for i in pos] + [kw[k] for k in names]

        def call(*vals):
            """pyfunc with vals in the vectorized positions."""
            full = list(args)
            for i, v in zip(pos, vals[:len(pos)]):
                full[i] = v
            kk = dict(excl)
            kk.update(zip(names, vals[len(pos):]))
            return self.pyfunc(*full, **kk)
        if self._sig is not None:
            return self._call_sig(call, vargs)
        arrs = [_arr(v) for v in vargs]
        shape = _nc.broadcast_shapes(*(a.shape for a in arrs)) if arrs \
            else ()
        flat = [_nc.reshape(_nc.broadcast_to(a, shape), (-1,)).tolist()
                for a in arrs]
        n = _math.prod(shape)
        if n == 0 and self.otypes is None:
            raise ValueError("cannot call `vectorize` on size 0 inputs "
                             "unless `otypes` is set")
        otypes = self.otypes
        if otypes is None and n:
            # NumPy: the output dtypes are those of the first element's
            # results, the function called with array scalars
            first = call(*(_nc.reshape(_nc.broadcast_to(a, shape),
                                       (-1,))[0] for a in arrs))
            otypes = [_nc.asarray(o).dtype for o in
                      (first if isinstance(first, tuple) else (first,))]
        results = [call(*vals) for vals in zip(*flat)] if arrs else [call()]
        multi = results and isinstance(results[0], tuple)
        outs = list(zip(*results)) if multi else [results]
        if n == 0:
            outs = [[] for _ in self.otypes]
        res = []
        for j, o in enumerate(outs):
            dt = None if otypes is None else otypes[j]
            r = _nc.asarray(list(o), dtype=dt) if len(o) else \
                _nc.zeros(0, dtype=dt)
            res.append(_nc.reshape(r, shape))
        return tuple(res) if multi or (self.otypes and len(self.otypes) > 1) \
            else res[0]

    def _call_sig(self, call, vargs):
        """The call with a signature: loops over the broadcast loop
        dimensions, passing core sub-arrays."""
        in_core, out_core = self._sig
        if len(vargs) != len(in_core):
            raise TypeError(f"wrong number of positional arguments: expected "
                            f"{len(in_core)}, got {len(vargs)}")
        arrs = [_arr(v) for v in vargs]
        sizes = {}
        loops = []
        for a, core in zip(arrs, in_core):
            nc_ = len(core)
            if a.ndim < nc_:
                raise ValueError(f"{a.ndim}-dimensional argument does not "
                                 f"have enough dimensions for all core "
                                 f"dimensions {core}")
            for d, s in zip(core, a.shape[a.ndim - nc_:]):
                if sizes.setdefault(d, s) != s:
                    raise ValueError(f"inconsistent size for core dimension "
                                     f"{d!r}: {s} vs {sizes[d]}")
            loops.append(a.shape[:a.ndim - nc_])
        lshape = _nc.broadcast_shapes(*loops)
        bargs = [_nc.broadcast_to(a, lshape + a.shape[len(l):])
                 for a, l in zip(arrs, loops)]
        results = [call(*(b[i] for b in bargs)) for i in ndindex(lshape)]
        nout = len(out_core)
        if nout == 1:
            results = [(r,) for r in results]
        outs = []
        for j in range(nout):
            items = [_arr(r[j]) for r in results]
            if items:
                o = _nc.stack(items)
                o = _nc.reshape(o, lshape + items[0].shape)
            else:
                o = _nc.zeros(lshape + tuple(sizes.get(d, 0)
                                             for d in out_core[j]))
            if self.otypes:
                o = o.astype(self.otypes[j])
            outs.append(o)
        return outs[0] if nout == 1 else tuple(outs)


def piecewise(x, condlist, funclist, *args, **kw):
    """Values from funclist[i] (a function of x[cond], or a constant) where
    condlist[i] holds; one extra function is the otherwise case."""
    xa = _arr(x)
    n2 = len(funclist)
    if _nc.asarray(condlist).ndim == 0 or (
            not (isinstance(condlist[0], list) or
                 getattr(condlist[0], "ndim", 0) > 0) and xa.ndim != 0):
        condlist = [condlist]   # one condition (NumPy's rule)
    conds = [_nc.broadcast_to(_arr(c, _nc.bool), xa.shape) for c in condlist]
    n = len(conds)
    if n == n2 - 1:
        other = ~_nc.any(_nc.stack(conds), axis=0) if conds else \
            _nc.ones(xa.shape, dtype=_nc.bool)
        conds.append(other)
    elif n != n2:
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} "
                         "functions are expected")
    y = _nc.zeros(xa.shape, dtype=xa.dtype)
    for cond, func in zip(conds, funclist):
        if not callable(func):
            y = _nc.where(cond, _nc.asarray(func).astype(xa.dtype), y)
        else:
            if xa.ndim == 0:
                if bool(cond):
                    y = _arr(func(xa, *args, **kw)).astype(xa.dtype)
                continue
            vals = _arr(func(xa[cond], *args, **kw)).astype(xa.dtype)
            if bool(_nc.any(cond)):
                y = y.copy()
                y[cond] = vals
    return y


# ---- histograms in several dimensions ---------------------------------------

def histogramdd(sample, bins=10, range=None, density=None, weights=None):
    """D-dimensional histogram of N points ((N, D) array or a sequence of D
    arrays): (counts as float64, list of D edge arrays)."""
    if isinstance(sample, _nc.ndarray) and sample.ndim == 2:
        s = sample
    else:   # a sequence of D 1-d arrays (or one 1-d array)
        s = _nc.stack([_arr(v) for v in sample]) if isinstance(
            sample, (list, tuple)) else _arr(sample)
        s = _c.atleast_2d(s).T
    N, D = s.shape
    nbin = [0] * D
    edges = [None] * D
    try:
        M = len(bins)
        if M != D:
            raise ValueError("The dimension of bins must be equal to the "
                             "dimension of the sample x.")
    except TypeError:
        bins = D * [bins]
    if range is None:
        range = (None,) * D
    elif len(range) != D:
        raise ValueError("range argument must have one entry per dimension")
    for i in _b.range(D):
        b = bins[i]
        col = s[:, i]
        if _nc.asarray(b).ndim == 0:
            nb = _operator.index(b)
            if nb < 1:
                raise ValueError(f"`bins[{i}]` must be positive, when an "
                                 "integer")
            first, last = _c._hist_outer(col, range[i])
            if range[i] is None and col.size and col.dtype.kind == "f":
                e = _c._linspace_nd(_nc.asarray(first, dtype=col.dtype),
                                    _nc.asarray(last, dtype=col.dtype),
                                    nb + 1)
            else:
                e = _nc.linspace(first, last, nb + 1)
            edges[i] = e
        elif _nc.asarray(b).ndim == 1:
            e = _arr(b)
            if e.size > 1 and bool(_nc.any(_nc.diff(e) < 0)):
                raise ValueError(f"`bins[{i}]` must be monotonically "
                                 "increasing, when an array")
            edges[i] = e
        else:
            raise ValueError(f"`bins[{i}]` must be a scalar or 1d array")
        nbin[i] = edges[i].size + 1
    idx = []
    for i in _b.range(D):
        col = s[:, i]
        c = _nc.searchsorted(edges[i], col, side="right")
        c = c - (col == edges[i][-1]).astype(c.dtype)
        idx.append(c.astype(_nc.int64))
    total = _math.prod(nbin)
    if D:
        xy = _c.ravel_multi_index(tuple(idx), tuple(nbin)) if N else \
            _nc.zeros(0, dtype=_nc.int64)
    else:
        xy = _nc.zeros(N, dtype=_nc.int64)
    w = None if weights is None else _ravel(weights)
    hist = _c.bincount(_nc.reshape(_nc.asarray(xy), (-1,)), weights=w,
                       minlength=total)
    hist = _nc.reshape(hist, tuple(nbin)).astype(_nc.float64) \
        if hist.dtype.kind != "c" else _nc.reshape(hist, tuple(nbin))
    core = tuple(slice(1, -1) for _ in _b.range(D))
    hist = hist[core]
    if density:
        tot = _nc.sum(hist)
        for i in _b.range(D):
            shp = [1] * D
            shp[i] = nbin[i] - 2
            hist = hist / _nc.reshape(_nc.diff(edges[i]), tuple(shp))
        hist = hist / tot
    return hist, edges


def histogram2d(x, y, bins=10, range=None, density=None, weights=None):
    """2-d histogram of points (x, y): (counts, x edges, y edges)."""
    try:
        N = len(bins)
    except TypeError:
        N = 1
    if N != 1 and N != 2:
        xe = ye = _arr(bins)
        bins = [xe, ye]
    hist, edges = histogramdd([x, y], bins, range, density, weights)
    return hist, edges[0], edges[1]


# ---- linalg additions -------------------------------------------------------

def tensorinv(a, ind=2):
    """Inverse of a with respect to tensordot over its first ind axes."""
    x = _arr(a)
    old = x.shape
    if ind <= 0:
        raise ValueError("Invalid ind argument.")
    inv_shape = old[ind:] + old[:ind]
    prod = _math.prod(old[ind:])
    ia = _nc.linalg.inv(_nc.reshape(x, (prod, -1)))
    return _nc.reshape(ia, inv_shape)


def tensorsolve(a, b, axes=None):
    """x with tensordot(a, x, axes=x.ndim) == b."""
    x = _arr(a)
    bb = _arr(b)
    an = x.ndim
    if axes is not None:
        allaxes = list(_b.range(an))
        for k in axes:
            allaxes.remove(k)
            allaxes.insert(an, k)
        x = _nc.permute_dims(x, tuple(allaxes))
    old = x.shape[-(an - bb.ndim):]
    prod = _math.prod(old)
    if x.size != prod ** 2:
        raise _nc.linalg.LinAlgError(
            "Input arrays must satisfy the requirement "
            "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])")
    res = _nc.linalg.solve(_nc.reshape(x, (prod, prod)),
                           _nc.reshape(bb, (-1,)))
    return _nc.reshape(res, old)


def _install_linalg():
    """Adds tensorinv/tensorsolve to the numc.linalg module object."""
    la = _nc.linalg
    for f in (tensorinv, tensorsolve):
        if getattr(la, f.__name__, None) is None:
            setattr(la, f.__name__, f)


_install_linalg()


def diagflat(v, k=0):
    """2-d array with the flattened input on the k-th diagonal."""
    return _c.diag(_ravel(v), k)


__all__ = """
intersect1d union1d setdiff1d setxor1d lexsort sort_complex insert putmask
place fill_diagonal tril_indices triu_indices tril_indices_from
triu_indices_from diag_indices diag_indices_from mask_indices ix_ ndindex
ndenumerate index_exp s_ rollaxis block require asarray_chkfinite iterable
real_if_close fix isposinf isneginf sinc i0 unwrap ediff1d hamming hanning
blackman bartlett kaiser trim_zeros cov corrcoef kron vander polyval polyadd
polysub polymul polydiv polyder polyint poly roots polyfit poly1d
apply_along_axis apply_over_axes vectorize piecewise histogramdd
histogram2d diagflat
""".split()
