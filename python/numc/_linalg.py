"""numc._linalg - the linear algebra options written over numc's C entry points.

The C extension implements matmul, einsum, cross and the numc.linalg module
(python/numc/linalg.c over libnumc's LAPACK layer). This module adds the
NumPy forms those entry points do not take, as compositions of them:

- einsum's interleaved form  einsum(x, [0, 1], y, [1, 2], [0, 2])  and
  einsum_path;
- cross of 2-element vectors (NumPy 2 still computes them, with a
  DeprecationWarning);
- pinv / matrix_rank with array tolerances (one per matrix of a stack) and
  hermitian=True; svd(hermitian=True) from eigh, as NumPy computes it.

Each wrapper keeps the C function's fast path for the common call and only
composes when an option needs it. numc/__init__.py installs them on the
extension module (and numc.linalg), so NumPy dispatch through
__array_function__ finds them as well.
"""
import warnings as _warnings

from . import _numc as _nc

_c_einsum = _nc.einsum
_c_cross = _nc.cross
_la = _nc.linalg
_c_pinv = _la.pinv
_c_matrix_rank = _la.matrix_rank
_c_svd = _la.svd
_c_svdvals = _la.svdvals

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_UNSET = object()


# ---- einsum ----------------------------------------------------------------------


def _sublist_to_str(sub):
    """An interleaved-form subscript list ([0, 1, Ellipsis, ...]) as letters."""
    out = []
    for s in sub:
        if s is Ellipsis:
            out.append("...")
            continue
        try:
            i = s.__index__()
        except AttributeError:
            raise TypeError("For this input type lists must contain either "
                            "int or Ellipsis") from None
        if not 0 <= i < len(_LETTERS):
            raise ValueError(f"subscript is not within the valid range [0, 52)")
        out.append(_LETTERS[i])
    return "".join(out)


def _interleaved_to_subscripts(args):
    """(subscripts string, operands) from einsum's interleaved form
    op0, sub0, op1, sub1, ..., [sub_out]."""
    ops = list(args[0::2])
    subs = [_sublist_to_str(s) for s in args[1::2]]
    if len(args) % 2:  # odd: the last element is the output list
        out_sub = _sublist_to_str(args[-1])
        ops = ops[:-1]
        return ",".join(subs) + "->" + out_sub, ops
    return ",".join(subs), ops


def einsum(*operands, out=None, dtype=None, order="K", casting="safe",
           optimize=False):
    """einsum(subscripts, *operands, out=None, dtype=None, order='K',
    casting='safe', optimize=False), or the interleaved form
    einsum(op0, sublist0, op1, sublist1, ..., [sublistout]).

    Evaluates the Einstein summation convention on the operands, as
    numpy.einsum. numc picks the contraction order itself (pairwise, the
    cheapest first, GEMM where a pair is a matrix product); `optimize` and
    `order` are accepted for compatibility. casting other than 'safe' is
    not supported (TypeError)."""
    if not operands:
        raise TypeError("einsum() missing required argument: 'subscripts'")
    if casting != "safe":
        raise TypeError("einsum(): only casting='safe' is supported")
    if isinstance(operands[0], str):
        subs, ops = operands[0], operands[1:]
    else:
        subs, ops = _interleaved_to_subscripts(operands)
    kw = {}
    if out is not None:
        kw["out"] = out
    if dtype is not None:
        kw["dtype"] = dtype
    return _c_einsum(subs, *ops, **kw)


def _split_subscripts(subs, shapes):
    """(input term list, output term) of an explicit or implicit subscripts
    string, with '...' replaced by capital-free placeholder letters."""
    subs = subs.replace(" ", "")
    if "->" in subs:
        lhs, rhs = subs.split("->")
    else:
        lhs, rhs = subs, None
    terms = lhs.split(",")
    if len(terms) != len(shapes):
        raise ValueError("more operands provided to einstein sum function "
                         "than specified in the subscripts string"
                         if len(shapes) > len(terms) else
                         "fewer operands provided to einstein sum function "
                         "than specified in the subscripts string")
    unused = [c for c in _LETTERS if c not in subs]
    ell = 0
    for t, s in zip(terms, shapes):
        if "..." in t:
            ell = max(ell, len(s) - (len(t) - 3))
    fill = "".join(unused[:ell])
    terms = [t.replace("...", fill[ell - (len(s) - (len(t) - 3)):] if
                       len(s) - (len(t) - 3) > 0 else "")
             for t, s in zip(terms, shapes)]
    if rhs is None:
        counts = {}
        for t in terms:
            for c in t:
                counts[c] = counts.get(c, 0) + 1
        rhs = fill + "".join(sorted(c for c, k in counts.items()
                                    if k == 1 and c not in fill))
    else:
        rhs = rhs.replace("...", fill)
    return terms, rhs


def einsum_path(*operands, optimize="greedy", einsum_call=False):
    """einsum_path(subscripts, *operands, optimize='greedy')

    The pairwise contraction order for einsum, as numpy.einsum_path: a list
    ['einsum_path', (i, j), ...] (operand positions in the shrinking list,
    NumPy's convention) and a printable report. The order is greedy: at each
    step the pair whose contraction shrinks the operands' total size the
    most (intermediate size minus the pair's sizes; ties: fewest
    multiply-adds), NumPy's greedy criterion. optimize=False gives the single contraction of
    all operands; an explicit path list is returned as given.
    einsum(..., optimize=path) accepts the result."""
    if einsum_call:
        raise TypeError("einsum_path(): einsum_call is not supported")
    if not operands:
        raise TypeError("einsum_path() missing required argument: "
                        "'subscripts'")
    if isinstance(operands[0], str):
        subs, ops = operands[0], list(operands[1:])
    else:
        subs, ops = _interleaved_to_subscripts(operands)
    shapes = [tuple(getattr(o, "shape", ())) for o in ops]
    terms, out = _split_subscripts(subs, shapes)
    size = {}
    for t, s in zip(terms, shapes):
        if len(t) != len(s):
            raise ValueError("einstein sum subscripts string contains too "
                             "many subscripts for operand")
        for c, d in zip(t, s):
            if size.get(c, 1) != 1 and d != 1 and size[c] != d:
                raise ValueError(f"Size of label '{c}' for operand does not "
                                 f"match previous terms.")
            size[c] = max(size.get(c, 1), d)

    def cost(labels):
        n = 1
        for c in labels:
            n *= size[c]
        return n

    naive = cost(set("".join(terms)) | set(out)) * max(len(terms), 1)
    if isinstance(optimize, (list, tuple)):
        if not optimize or optimize[0] != "einsum_path":
            raise TypeError("einsum_path(): a path must start with "
                            "'einsum_path'")
        path = list(optimize)
    elif optimize is False or len(terms) < 2:
        path = ["einsum_path", tuple(range(len(terms)))]
    elif optimize in (True, "greedy", "optimal"):
        path = ["einsum_path"]
        work = list(terms)
        while len(work) > 1:
            best = None
            for i in range(len(work)):
                for j in range(i + 1, len(work)):
                    rest = set(out).union(*(work[k] for k in range(len(work))
                                            if k not in (i, j)))
                    both = set(work[i]) | set(work[j])
                    keep = "".join(sorted(c for c in both if c in rest))
                    key = (cost(keep) - cost(work[i]) - cost(work[j]),
                           cost(both), i, j)
                    if best is None or key < best[0]:
                        best = (key, keep)
            (_, _, i, j), keep = best
            path.append((i, j))
            work = [t for k, t in enumerate(work) if k not in (i, j)]
            work.append(keep)
    else:
        raise TypeError(f"einsum_path(): did not understand optimize="
                        f"{optimize!r}")
    opt = 0
    work = list(terms)
    for step in path[1:]:
        picked = [work[k] for k in step]
        rest = set(out).union(*(work[k] for k in range(len(work))
                                if k not in step))
        both = set("".join(picked))
        keep = "".join(sorted(c for c in both if c in rest))
        opt += cost(both) * max(len(step) - 1, 1)
        work = [t for k, t in enumerate(work) if k not in step] + [keep]
    lines = [f"  Complete contraction:  {','.join(terms)}->{out}",
             f"         Naive scaling:  {len(size)}",
             f"  Naive FLOP count:  {naive:.3e}",
             f"  Optimized FLOP count:  {opt:.3e}",
             f"   Theoretical speedup:  {naive / max(opt, 1):.3f}"]
    return path, "\n".join(lines)


# ---- cross -------------------------------------------------------------------------


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)

    The cross product of (stacks of) 2- or 3-element vectors, as
    numpy.cross: vectors lie along axisa of a and axisb of b (axis= sets all
    three), the result's along axisc. Two 2-element vectors give the z
    component alone (no vector axis); a 2-element vector with a 3-element
    one gets a zero z. 2-element vectors emit NumPy 2's DeprecationWarning.
    Sizes other than 2 and 3 raise ValueError."""
    if axis is not None:
        axisa = axisb = axisc = axis
    x, y = _nc.asarray(a), _nc.asarray(b)
    try:
        na = x.shape[axisa] if x.ndim else None
        nb = y.shape[axisb] if y.ndim else None
    except IndexError:
        na = nb = None  # the C function reports the axis error
    if na not in (2, 3) or nb not in (2, 3) or (na == 3 and nb == 3):
        if na is not None and nb is not None and (na not in (2, 3) or
                                                  nb not in (2, 3)):
            raise ValueError("incompatible dimensions for cross product\n"
                             "(dimension must be 2 or 3)")
        return _c_cross(x, y, axisa=axisa, axisb=axisb, axisc=axisc)
    _warnings.warn("Arrays of 2-dimensional vectors are deprecated. Use "
                   "arrays of 3-dimensional vectors instead. (deprecated in "
                   "NumPy 2.0)", DeprecationWarning, stacklevel=2)
    x = _nc.moveaxis(x, axisa, -1)
    y = _nc.moveaxis(y, axisb, -1)
    if na == 2 and nb == 2:
        return x[..., 0] * y[..., 1] - x[..., 1] * y[..., 0]

    def to3(v):
        z = _nc.zeros(v.shape[:-1] + (1,), dtype=v.dtype)
        return _nc.concat([v, z], axis=-1)

    x3 = to3(x) if na == 2 else x
    y3 = to3(y) if nb == 2 else y
    return _c_cross(x3, y3, axisa=-1, axisb=-1, axisc=axisc)


# ---- svd, pinv and matrix_rank options ---------------------------------------------


def _svd_hermitian(a, compute_uv=True):
    """svd of (stacks of) Hermitian matrices from eigh: singular values are
    |eigenvalues| sorted descending, U the matching eigenvectors and
    Vh = (U * sign(w))^H, NumPy's construction."""
    if not compute_uv:
        s = _nc.abs(_la.eigvalsh(a))
        return _nc.flip(_nc.sort(s, axis=-1), axis=-1)
    w, u = _la.eigh(a)
    sgn = _nc.sign(w)
    s = _nc.abs(w)
    order = _nc.flip(_nc.argsort(s, axis=-1, stable=True), axis=-1)
    sgn = _nc.take_along_axis(sgn, order, axis=-1)
    s = _nc.take_along_axis(s, order, axis=-1)
    u = _nc.take_along_axis(u, order[..., None, :], axis=-1)
    vh = _nc.conj(_nc.matrix_transpose(u * sgn[..., None, :]))
    return _la.SVDResult((u, s, vh))


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """svd(a, full_matrices=True, compute_uv=True, hermitian=False)

    Singular value decomposition of (stacks of) matrices, as
    numpy.linalg.svd: SVDResult(U, S, Vh) with a == U @ diag(S) @ Vh, or S
    alone with compute_uv=False. hermitian=True takes a as Hermitian (only
    its lower triangle is read) and computes the result from eigh, as
    NumPy does."""
    if not hermitian:
        return _c_svd(a, full_matrices=full_matrices, compute_uv=compute_uv)
    return _svd_hermitian(_nc.asarray(a), compute_uv)


def _tolerance(t, name):
    """A tolerance argument: a Python float for a scalar, else an array."""
    if isinstance(t, (int, float)) and not isinstance(t, bool):
        return float(t)
    arr = _nc.asarray(t)
    if arr.ndim == 0:
        return float(arr)
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must be real")
    return arr


def pinv(a, rcond=None, hermitian=False, *, rtol=_UNSET):
    """pinv(a, rcond=None, hermitian=False, *, rtol=<unset>)

    Moore-Penrose pseudo-inverse of (stacks of) matrices, as
    numpy.linalg.pinv: singular values at most rtol * max(s) are dropped.
    The tolerance is rcond or rtol (not both; default 1e-15, rtol=None
    means max(M, N) * eps) and may be an array broadcast against the stack
    (one tolerance per matrix). hermitian=True uses eigh."""
    if rcond is not None and rtol is not _UNSET:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    tol = rcond if rcond is not None else (1e-15 if rtol is _UNSET else rtol)
    tol = None if tol is None else _tolerance(tol, "rcond")
    if not hermitian and not isinstance(tol, _nc.ndarray):
        return _c_pinv(a, rtol=tol) if tol is not None else _c_pinv(a, rtol=None)
    a = _nc.asarray(a)
    if a.ndim < 2:
        return _c_pinv(a)  # the C function's dimension error
    m, n = a.shape[-2:]
    if tol is None:
        tol = max(m, n) * float(_nc.finfo(a.dtype).eps
                                if a.dtype.kind in "fc" else
                                _nc.finfo(_nc.float64).eps)
    if isinstance(tol, _nc.ndarray):
        stack = _nc.broadcast_shapes(a.shape[:-2], tol.shape)
        if stack != a.shape[:-2]:  # NumPy's result keeps a's stack shape
            raise ValueError(f"non-broadcastable output operand with shape "
                             f"{a.shape[:-2]} doesn't match the broadcast "
                             f"shape {stack}")
    if m == 0 or n == 0:
        return _c_pinv(a)  # empty: the C path's shape and dtype
    if hermitian:
        u, s, vh = _svd_hermitian(a)
    else:
        u, s, vh = _c_svd(a, full_matrices=False)
    cut = _nc.asarray(tol)[..., None] * _nc.max(s, axis=-1, keepdims=True)
    large = s > cut
    sinv = _nc.where(large, 1 / _nc.where(large, s, 1), 0).astype(s.dtype)
    return _nc.matmul(_nc.conj(_nc.matrix_transpose(vh)),
                      sinv[..., None] * _nc.conj(_nc.matrix_transpose(u)))


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """matrix_rank(A, tol=None, hermitian=False, *, rtol=None)

    Rank of (stacks of) matrices by SVD, as numpy.linalg.matrix_rank: the
    number of singular values above tol, or above rtol * max(s) (default
    rtol max(M, N) * eps). tol and rtol may be arrays broadcast against the
    stack; hermitian=True takes singular values from eigvalsh."""
    if tol is not None and rtol is not None:
        raise ValueError("`tol` and `rtol` can't be both set.")
    t = None if tol is None else _tolerance(tol, "tol")
    r = None if rtol is None else _tolerance(rtol, "rtol")
    if not hermitian and not isinstance(t, _nc.ndarray) and \
            not isinstance(r, _nc.ndarray):
        return _c_matrix_rank(A, tol=t, rtol=r)
    A = _nc.asarray(A)
    if A.ndim < 2:
        return _c_matrix_rank(A)
    s = _svd_hermitian(A, compute_uv=False) if hermitian else _c_svdvals(A)
    if t is None:
        if r is None:
            eps = _nc.finfo(s.dtype).eps
            r = max(A.shape[-2:]) * eps
        smax = _nc.max(s, axis=-1, keepdims=True) if s.shape[-1] else \
            _nc.zeros(s.shape[:-1] + (1,), dtype=s.dtype)
        cut = smax * _nc.asarray(r)[..., None]
    else:
        cut = _nc.asarray(t)[..., None]
    r = _nc.count_nonzero(s > cut, axis=-1)
    return r[()] if r.ndim == 0 else r


def install():
    """Puts the wrappers on the extension module and on numc.linalg (called
    once by numc/__init__.py before its star imports)."""
    _nc.einsum = einsum
    _nc.einsum_path = einsum_path
    _nc.cross = cross
    for f in (pinv, matrix_rank, svd):
        setattr(_la, f.__name__, f)
        f.__module__ = "numc.linalg"
    for f in (einsum, einsum_path, cross):
        f.__module__ = "numc"
