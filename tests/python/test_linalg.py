"""Matrix products and numc.linalg against NumPy (the oracle).

Products of integers and bool are compared exactly; float products and
decompositions with tolerances by precision. Decompositions are checked by
reconstruction (Q@R, U*S@Vh, L@L^H, V diag(w) V^H) since their factors are
unique only up to signs/phases.
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numc as nc
import numc.linalg as la

from conftest import DTYPES, np_of

INEXACT = ["float32", "float64", "complex64", "complex128"]
RTOL = {"float32": 2e-4, "complex64": 2e-4, "float64": 1e-10,
        "complex128": 1e-10}


def rand(shape, dtype, seed=0):
    """Deterministic values of a dtype: small integers for exact kinds,
    normal floats (complex parts) for inexact ones."""
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        return rng.integers(0, 5, shape).astype(dt)
    x = rng.standard_normal(shape)
    if dt.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def spd(shape, dtype, seed=0):
    """Hermitian positive-definite stacks."""
    a = rand(shape, dtype, seed)
    n = shape[-1]
    return (a @ np.conj(np.swapaxes(a, -1, -2)) + n * np.eye(n)).astype(dtype)


def close(got, want, dtype=None, atol_scale=1.0):
    got = np_of(got)
    want = np.asarray(want)
    dtype = dtype or want.dtype.name
    rtol = RTOL.get(np.dtype(dtype).name, 1e-10)
    assert np.shape(got) == want.shape
    np.testing.assert_allclose(got, want, rtol=rtol,
                               atol=rtol * atol_scale * 10)


def same(got, want):
    """Exact equality with dtype and shape."""
    got = np_of(got)
    want = np.asarray(want)
    assert np.asarray(got).dtype == want.dtype, (np.asarray(got).dtype,
                                                 want.dtype)
    assert np.shape(got) == want.shape
    np.testing.assert_array_equal(got, want)


# ---- matmul ---------------------------------------------------------------

MATMUL_SHAPES = [
    ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)),
    ((5, 2, 3), (3, 4)), ((2, 3), (5, 3, 4)), ((5, 1, 2, 3), (4, 3, 2)),
    ((1, 3), (3, 1)), ((0, 3), (3, 4)), ((2, 0), (0, 4)), ((2, 3), (3, 0)),
    ((0, 2, 3), (3, 2)), ((3,), (2, 3, 4)), ((2, 2, 3), (3,)),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shapes", MATMUL_SHAPES)
def test_matmul_dtypes_shapes(dtype, shapes):
    a = rand(shapes[0], dtype, 1)
    b = rand(shapes[1], dtype, 2)
    want = np.matmul(a, b)
    for got in (nc.matmul(nc.asarray(a), nc.asarray(b)),
                nc.asarray(a) @ nc.asarray(b), la.matmul(a, b)):
        if np.dtype(dtype).kind in "biu":
            same(got, want)
        else:
            close(got, want)
    if want.ndim == 0:  # NumPy returns a scalar
        assert not isinstance(nc.asarray(a) @ nc.asarray(b), nc.ndarray)


@pytest.mark.parametrize("dt1,dt2", [("int8", "float32"), ("bool", "int64"),
                                     ("uint8", "int8"), ("float32",
                                                         "complex128"),
                                     ("int32", "float64")])
def test_matmul_mixed_dtypes(dt1, dt2):
    a, b = rand((3, 4), dt1), rand((4, 2), dt2)
    got = nc.asarray(a) @ nc.asarray(b)
    assert np_of(got).dtype == np.matmul(a, b).dtype
    close(got, np.matmul(a, b).astype(np.complex128 if "complex" in dt2
                                      else np.float64),
          dtype="float64" if "32" not in dt2 else dt2)


def test_matmul_large_int_wraps():
    a = np.full((4, 70), 100, np.int8)
    b = np.full((70, 3), 100, np.int8)
    same(nc.asarray(a) @ nc.asarray(b), a @ b)
    a = np.full((3, 3), 2**62, np.int64)
    same(nc.asarray(a) @ nc.asarray(a), a @ a)


@pytest.mark.parametrize("shapes", [((2, 3), (4, 5)), ((3,), (4,)),
                                    ((2, 3, 4), (3, 4, 5)),
                                    ((2, 2, 3), (3, 3, 4))])
def test_matmul_shape_errors(shapes):
    a, b = np.ones(shapes[0]), np.ones(shapes[1])
    with pytest.raises(ValueError):
        np.matmul(a, b)
    with pytest.raises(ValueError):
        nc.matmul(a, b)
    with pytest.raises(ValueError):
        nc.asarray(a) @ nc.asarray(b)


def test_matmul_0d_errors():
    x = nc.ones((2, 2))
    for bad in (2, 2.0, nc.asarray(3.0)):
        with pytest.raises(ValueError):
            x @ bad
        with pytest.raises(ValueError):
            bad @ x
        with pytest.raises(ValueError):
            nc.matmul(x, bad)


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128",
                                   "int32", "bool"])
def test_matmul_views(dtype):
    base = rand((9, 8), dtype, 3)
    x = nc.asarray(base)
    views = [
        (lambda a: a.T, lambda a: a[:, :6]),
        (lambda a: a[::-1, ::-1], lambda a: a.T[::-1]),
        (lambda a: a[::2, 1::2], lambda a: a[1::2, ::-2].T),
        (lambda a: a[1:4, ::3], lambda a: a[:3, :5]),
        (lambda a: a[::-2, :].T[:, :3], lambda a: a[::3, ::-1][:3, :2].T),
    ]
    for f, g in views:
        try:
            want = np.matmul(f(base), g(base)[: f(base).shape[-1]])
        except ValueError:
            continue
        got = f(x) @ g(x)[: f(base).shape[-1]]
        if np.dtype(dtype).kind in "biu":
            same(got, want)
        else:
            close(got, want)


def test_matmul_broadcast_stride0():
    a = np.broadcast_to(rand((1, 3, 4), "float64"), (5, 3, 4))
    b = rand((4, 2), "float64")
    close(nc.broadcast_to(nc.asarray(a[:1]), (5, 3, 4)) @ nc.asarray(b), a @ b)


@given(st.integers(0, 3), st.integers(1, 6), st.integers(0, 6),
       st.integers(0, 6), st.sampled_from(["float64", "complex64", "int16"]),
       st.booleans())
def test_matmul_hypothesis(nb, n, k, m, dtype, transpose):
    a = rand((nb, n, k) if nb else (n, k), dtype, n)
    b = rand((k, m), dtype, m)
    if transpose:
        a = np.ascontiguousarray(np.swapaxes(a, -1, -2))
        x = nc.asarray(a).mT
        a = np.swapaxes(a, -1, -2)
    else:
        x = nc.asarray(a)
    want = a @ b
    if np.dtype(dtype).kind == "i":
        same(x @ nc.asarray(b), want)
    else:
        close(x @ nc.asarray(b), want)


def test_rmatmul_and_list_operands():
    a = rand((2, 3), "float64")
    b = rand((3, 2), "float64")
    close(b.tolist() @ nc.asarray(a), np.asarray(b.tolist()) @ a)
    close(nc.asarray(a) @ b.tolist(), a @ b)


def test_imatmul():
    a = rand((3, 3), "float64")
    b = rand((3, 3), "float64", 5)
    x = nc.asarray(a.copy())
    xid = id(x)
    x @= nc.asarray(b)
    assert id(x) == xid
    close(x, a @ b)
    v = nc.asarray(a[0].copy())
    v @= nc.asarray(b)
    close(v, a[0] @ b)
    # aliasing: a @= a
    y = nc.asarray(a.copy())
    y @= y
    close(y, a @ a)
    with pytest.raises(ValueError):
        z = nc.ones((2, 3))
        z @= nc.ones((3, 4))
    with pytest.raises(ValueError):
        z = nc.ones((3, 3))
        z @= nc.ones(3)
    with pytest.raises(TypeError):
        z = nc.ones((2, 2), dtype="int64")
        z @= nc.ones((2, 2))
    zi = nc.ones((2, 2), dtype="float64")
    zi @= nc.ones((2, 2), dtype="int64")
    same(zi, np.full((2, 2), 2.0))


# ---- other products --------------------------------------------------------

@pytest.mark.parametrize("dtype", ["int32", "float64", "complex128", "bool"])
@pytest.mark.parametrize("shapes,axes", [
    (((3, 4, 5), (4, 5, 2)), 2), (((3, 4), (4, 5)), 1), (((2, 3), (4,)), 0),
    (((3, 4, 5), (5, 3, 2)), ([0, 2], [1, 0])), (((3, 4), (3, 2)), (0, 0)),
    (((2, 3), (2, 3)), ([-1, -2], [-1, -2])), (((3,), (3,)), 1),
])
def test_tensordot(dtype, shapes, axes):
    a, b = rand(shapes[0], dtype, 1), rand(shapes[1], dtype, 2)
    want = np.tensordot(a, b, axes)
    got = nc.tensordot(nc.asarray(a), nc.asarray(b), axes)
    assert isinstance(got, nc.ndarray)
    if dtype in ("int32", "bool"):
        same(got, want)
    else:
        close(got, want)
    close(la.tensordot(a, b, axes=axes), want, dtype="float64")


def test_tensordot_errors():
    a, b = np.ones((2, 3)), np.ones((4, 3))
    for axes in (1, ([0], [0]), ([0, 1], [0])):
        with pytest.raises(ValueError):
            np.tensordot(a, b, axes)
        with pytest.raises(ValueError):
            nc.tensordot(a, b, axes)


@pytest.mark.parametrize("dtype", ["int64", "float32", "complex128", "bool"])
def test_vecdot(dtype):
    a, b = rand((4, 3), dtype, 1), rand((2, 1, 3), dtype, 2)
    want = np.vecdot(a, b)
    if dtype in ("int64", "bool"):
        same(nc.vecdot(a, b), want)
    else:
        close(nc.vecdot(a, b), want)
    a2, b2 = rand((3, 4), dtype, 1), rand((3, 4), dtype, 2)
    close(la.vecdot(a2, b2, axis=0), np.linalg.vecdot(a2, b2, axis=0),
          dtype="float64")
    with pytest.raises(ValueError):
        nc.vecdot(np.ones(3), np.ones(4))


@pytest.mark.parametrize("dtype", ["int16", "float64", "complex64", "bool"])
def test_outer_inner_dot_vdot(dtype):
    v, w = rand(4, dtype, 1), rand(3, dtype, 2)
    m, p = rand((3, 4), dtype, 3), rand((2, 5, 4), dtype, 4)
    ex = dtype in ("int16", "bool")
    chk = same if ex else close
    chk(nc.outer(v, w), np.outer(v, w))
    chk(nc.outer(m, w), np.outer(m, w))
    chk(la.outer(v, w), np.linalg.outer(v, w))
    with pytest.raises(ValueError):
        la.outer(m, w)
    chk(nc.inner(v, v), np.inner(v, v))
    chk(nc.inner(m, v), np.inner(m, v))
    chk(nc.inner(p, m), np.inner(p, m))
    chk(nc.inner(v, v[0]), np.inner(v, v[0]))
    chk(nc.dot(m, v), np.dot(m, v))
    chk(nc.dot(v, v), np.dot(v, v))
    chk(nc.dot(m, m.T), np.dot(m, m.T))
    chk(nc.dot(p, m.T), np.dot(p, m.T))
    pt = np.swapaxes(p, 1, 2)
    chk(nc.dot(m, pt), np.dot(m, pt))
    chk(nc.dot(v[0], m), np.dot(v[0], m))
    chk(nc.asarray(m).dot(v), m.dot(v))
    chk(nc.vdot(m, m), np.vdot(m, m))
    chk(nc.vdot(v, v), np.vdot(v, v))
    for f in (nc.dot, nc.inner, nc.vdot):
        with pytest.raises(ValueError):
            f(v, w)


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint32", "float32",
                                   "complex128"])
def test_trace_diagonal(dtype):
    a = rand((3, 4, 5), dtype)
    ex = np.dtype(dtype).kind in "biu"
    chk = same if ex else close
    for off in (-2, 0, 1, 7):
        for ax in ((0, 1), (1, 2), (2, 0), (-1, -2)):
            chk(nc.trace(a, off, *ax), np.trace(a, off, *ax))
            d = nc.diagonal(nc.asarray(a), off, *ax)
            same(d, np.diagonal(a, off, *ax))
    chk(nc.trace(a[0]), np.trace(a[0]))
    chk(la.trace(a, offset=1), np.linalg.trace(a, offset=1))
    same(la.diagonal(a, offset=-1), np.linalg.diagonal(a, offset=-1))
    same(nc.trace(a, dtype="float64"), np.trace(a, dtype="float64"))
    x = nc.asarray(a)
    assert nc.diagonal(x).base is x
    same(x.diagonal(1, 0, 2), a.diagonal(1, 0, 2))
    chk(x.trace(axis2=2), a.trace(axis2=2))
    chk(x[0].trace(), a[0].trace())
    with pytest.raises(ValueError):
        nc.diagonal(np.ones(3))
    with pytest.raises(ValueError):
        nc.diagonal(x, 0, 1, 1)


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex64"])
def test_cross(dtype):
    a, b = rand((4, 3), dtype, 1), rand((3,), dtype, 2)
    chk = same if dtype == "int32" else close
    chk(nc.cross(a, b), np.cross(a, b))
    chk(la.cross(a, b), np.linalg.cross(a, b))
    c, d = rand((3, 5), dtype, 3), rand((5, 3), dtype, 4)
    chk(nc.cross(c, d, axisa=0), np.cross(c, d, axisa=0))
    chk(nc.cross(c, d, axisa=0, axisc=0), np.cross(c, d, axisa=0, axisc=0))
    chk(nc.cross(c, c, axis=0), np.cross(c, c, axis=0))
    chk(la.cross(c, c, axis=0), np.linalg.cross(c, c, axis=0))
    with pytest.raises(ValueError):
        la.cross(np.ones(4), np.ones(4))


# ---- einsum ----------------------------------------------------------------

EINSUM_CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]), ("ij,jk", [(3, 4), (4, 5)]),
    ("ii->i", [(4, 4)]), ("ii", [(4, 4)]), ("ij->ji", [(3, 4)]),
    ("ij->", [(3, 4)]), ("i,i", [(5,), (5,)]), ("i,j->ij", [(3,), (4,)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]), ("...ij,...jk", [(2, 3, 4),
                                                            (4, 5)]),
    ("ijk,kl,lm->im", [(2, 3, 4), (4, 5), (5, 2)]), ("iij->ij", [(3, 3, 2)]),
    ("i,i,i->", [(4,), (4,), (4,)]), ("ij,ij->ij", [(3, 4), (3, 4)]),
    ("ij,ij->", [(3, 4), (3, 4)]), ("abc,cd,de->abe", [(2, 3, 4), (4, 5),
                                                      (5, 3)]),
    ("i...->...", [(3, 2, 2)]), ("ba,ca->bc", [(3, 4), (5, 4)]),
    ("ij,j", [(3, 4), (4,)]), ("Ab,bC->AC", [(2, 3), (3, 2)]),
    ("ij,kl->ijkl", [(2, 3), (2, 2)]), (",ij->ij", [(), (2, 3)]),
    ("iji->j", [(3, 2, 3)]), ("ij,jk,kl,lm", [(2, 3), (3, 4), (4, 2),
                                               (2, 5)]),
    ("i,jk->", [(0,), (2, 3)]),
]


@pytest.mark.parametrize("dtype", ["int64", "float64", "complex128", "bool",
                                   "float32"])
@pytest.mark.parametrize("subs,shapes", EINSUM_CASES)
def test_einsum(subs, shapes, dtype):
    ops = [rand(s, dtype, i) for i, s in enumerate(shapes)]
    want = np.einsum(subs, *ops)
    got = nc.einsum(subs, *[nc.asarray(o) for o in ops])
    if dtype in ("int64", "bool"):
        same(got, want)
    else:
        close(got, want, atol_scale=10)


def test_einsum_options_and_errors():
    a, b = rand((3, 4), "float32"), rand((4, 2), "float32")
    close(nc.einsum("ij,jk", a, b, dtype="float64", optimize=True),
          np.einsum("ij,jk", a, b, dtype="float64"))
    out = nc.zeros((3, 2))
    r = nc.einsum("ij,jk->ik", a, b, out=out)
    assert r is out
    close(out, np.einsum("ij,jk->ik", a, b).astype("float64"),
          dtype="float32")
    with pytest.raises(TypeError):
        nc.einsum("ij", rand((2, 2), "float64"), dtype="int32")
    for subs, ops in [("ij,jk", [a, a]), ("ij->k", [a]), ("ij,jk", [a]),
                      ("i->ii", [rand(3, "float64")]), ("i$", [a])]:
        with pytest.raises(ValueError):
            np.einsum(subs, *ops)
        with pytest.raises(ValueError):
            nc.einsum(subs, *ops)
    with pytest.raises(TypeError):
        nc.einsum("ij", a, bogus=1)
    close(nc.einsum(a, [0, 1]), np.einsum(a, [0, 1]))  # interleaved form


# ---- decompositions ---------------------------------------------------------

def hT(x):
    return np.conj(np.swapaxes(x, -1, -2))


@pytest.mark.parametrize("dtype", INEXACT)
@pytest.mark.parametrize("shape", [(4, 4), (3, 5, 5), (2, 2, 3, 3), (1, 1)])
def test_cholesky(dtype, shape):
    a = spd(shape, dtype)
    L = np_of(la.cholesky(a))
    assert L.dtype == np.dtype(dtype)
    close(L @ hT(L), a, atol_scale=shape[-1])
    assert np.allclose(np.triu(L, 1), 0)
    U = np_of(la.cholesky(nc.asarray(a), upper=True))
    close(hT(U) @ U, a, atol_scale=shape[-1])
    assert np.allclose(np.tril(U, -1), 0)
    close(L, np.linalg.cholesky(a), atol_scale=shape[-1])


def test_cholesky_not_pd():
    a = -np.eye(3)
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.cholesky(a)
    with pytest.raises(la.LinAlgError):
        la.cholesky(a)
    assert issubclass(la.LinAlgError, ValueError)
    assert la.LinAlgError is nc.LinAlgError


@pytest.mark.parametrize("dtype", INEXACT)
@pytest.mark.parametrize("shape", [(4, 3), (3, 5), (2, 4, 4), (3, 1, 6, 2)])
@pytest.mark.parametrize("mode", ["reduced", "complete"])
def test_qr(dtype, shape, mode):
    a = rand(shape, dtype)
    res = la.qr(nc.asarray(a), mode=mode)
    Q, R = np_of(res.Q), np_of(res.R)
    wq, wr = np.linalg.qr(a, mode=mode)
    assert Q.shape == wq.shape and R.shape == wr.shape
    assert Q.dtype == wq.dtype and R.dtype == wr.dtype
    close(Q @ R, a, atol_scale=10)
    k = Q.shape[-1]
    close(hT(Q) @ Q, np.broadcast_to(np.eye(k), Q.shape[:-2] + (k, k)),
          dtype=dtype, atol_scale=10)
    assert np.allclose(np.tril(R, -1), 0)
    r = np_of(la.qr(a, "r"))
    close(np.abs(r), np.abs(wr) if mode == "reduced" else
          np.abs(np.linalg.qr(a, "r")), atol_scale=10)
    h, tau = la.qr(a, mode="raw")
    wh, wtau = np.linalg.qr(a, mode="raw")
    assert np_of(h).shape == wh.shape and np_of(tau).shape == wtau.shape
    close(h, wh, atol_scale=10)
    close(tau, wtau, atol_scale=10)
    with pytest.raises(ValueError):
        la.qr(a, mode="bogus")


@pytest.mark.parametrize("dtype", INEXACT)
@pytest.mark.parametrize("shape", [(4, 3), (3, 5), (2, 4, 4), (2, 3, 2, 6)])
@pytest.mark.parametrize("full", [True, False])
def test_svd(dtype, shape, full):
    a = rand(shape, dtype)
    U, S, Vh = la.svd(nc.asarray(a), full_matrices=full)
    U, S, Vh = np_of(U), np_of(S), np_of(Vh)
    wu, ws, wvh = np.linalg.svd(a, full_matrices=full)
    assert (U.shape, S.shape, Vh.shape) == (wu.shape, ws.shape, wvh.shape)
    assert (U.dtype, S.dtype, Vh.dtype) == (wu.dtype, ws.dtype, wvh.dtype)
    k = S.shape[-1]
    close((U[..., :, :k] * S[..., None, :]) @ Vh[..., :k, :], a,
          atol_scale=10)
    close(S, ws, atol_scale=10)
    close(la.svdvals(a), np.linalg.svdvals(a), atol_scale=10)
    close(la.svd(a, compute_uv=False), ws, atol_scale=10)
    res = la.svd(a)
    assert res.U.shape == np.linalg.svd(a).U.shape


@pytest.mark.parametrize("dtype", INEXACT)
@pytest.mark.parametrize("shape", [(4, 4), (3, 5, 5), (1, 1)])
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh(dtype, shape, uplo):
    a = spd(shape, dtype) - 2 * shape[-1] * np.eye(shape[-1], dtype=dtype)
    w, v = la.eigh(nc.asarray(a), UPLO=uplo)
    w, v = np_of(w), np_of(v)
    ww, wv = np.linalg.eigh(a, UPLO=uplo)
    assert w.dtype == ww.dtype and v.dtype == wv.dtype
    close(w, ww, atol_scale=10)
    close((v * w[..., None, :]) @ hT(v), a, atol_scale=10)
    close(la.eigvalsh(a, uplo), np.linalg.eigvalsh(a, uplo), atol_scale=10)
    res = la.eigh(a)
    assert res.eigenvalues.shape == ww.shape
    # only the named triangle is read
    t = np.tril(a) if uplo == "L" else np.triu(a)
    close(la.eigvalsh(t, UPLO=uplo), ww, atol_scale=10)
    with pytest.raises(ValueError):
        la.eigh(a, UPLO="X")


@pytest.mark.parametrize("dtype", INEXACT)
@pytest.mark.parametrize("shape", [(4, 4), (3, 3, 3)])
def test_eig(dtype, shape):
    a = rand(shape, dtype)
    w, v = la.eig(nc.asarray(a))
    w, v = np_of(w), np_of(v)
    ww, wv = np.linalg.eig(a)
    assert w.dtype == ww.dtype and v.dtype == wv.dtype
    close(a @ v, v * w[..., None, :], dtype=dtype, atol_scale=10)
    key = lambda z: np.sort_complex(np.asarray(z, complex))  # noqa: E731
    close(key(w), key(ww), dtype=dtype, atol_scale=10)
    close(key(la.eigvals(a)), key(np.linalg.eigvals(a)), dtype=dtype,
          atol_scale=10)
    sym = a + np.swapaxes(a, -1, -2) if dtype.startswith("f") else None
    if sym is not None:  # real eigenvalues stay real
        assert np_of(la.eigvals(sym)).dtype == np.linalg.eigvals(sym).dtype


@pytest.mark.parametrize("dtype", INEXACT + ["int64", "bool"])
@pytest.mark.parametrize("shape", [(3, 3), (2, 4, 4), (0, 0), (2, 0, 0),
                                   (0, 3, 3)])
def test_inv_det_slogdet(dtype, shape):
    a = rand(shape, dtype)
    if dtype == "bool":
        a = (np.eye(shape[-1], dtype=bool) | a) if shape[-1] else a
    try:
        winv = np.linalg.inv(a)
    except np.linalg.LinAlgError:
        with pytest.raises(la.LinAlgError):
            la.inv(a)
    else:
        close(la.inv(nc.asarray(a)), winv, atol_scale=100)
    close(la.det(a), np.linalg.det(a), atol_scale=10)
    s, l = la.slogdet(a)
    ws, wl = np.linalg.slogdet(a)
    close(s, ws, atol_scale=10)
    close(l, wl, atol_scale=10)
    res = la.slogdet(a)
    assert res.sign is not None and res.logabsdet is not None
    if len(shape) == 2 and shape[0]:
        assert not isinstance(la.det(a), nc.ndarray)


@pytest.mark.parametrize("dtype", INEXACT)
def test_solve(dtype):
    a = rand((3, 4, 4), dtype) + 4 * np.eye(4, dtype=dtype)
    for b in (rand(4, dtype, 1), rand((4, 2), dtype, 1),
              rand((3, 4, 2), dtype, 1), rand((2, 1, 4, 3), dtype, 1)):
        want = np.linalg.solve(a, b)
        got = la.solve(nc.asarray(a), nc.asarray(b))
        close(got, want, atol_scale=10)
    with pytest.raises(ValueError):
        la.solve(a, rand(5, dtype))
    with pytest.raises(la.LinAlgError):
        la.solve(np.zeros((3, 3), dtype), np.ones(3, dtype))
    close(la.solve(np.eye(2), [1, 2]), [1.0, 2.0])


@pytest.mark.parametrize("func", ["inv", "cholesky", "det", "slogdet",
                                  "eigvals", "eigvalsh", "svdvals", "qr",
                                  "matrix_rank", "pinv"])
def test_needs_square_or_2d(func):
    for bad in (np.ones(3), np.ones((2, 3))):
        try:
            getattr(np.linalg, func)(bad)
        except (np.linalg.LinAlgError, ValueError) as e:
            with pytest.raises(type(e) if isinstance(
                    e, np.linalg.LinAlgError) is False else la.LinAlgError):
                getattr(la, func)(bad)
        else:
            got = getattr(la, func)(bad)
            assert got is not None


def test_singular_matrices():
    s = np.array([[1.0, 2.0], [2.0, 4.0]])
    for f in ("inv", "solve"):
        args = (s,) if f == "inv" else (s, np.ones(2))
        with pytest.raises(np.linalg.LinAlgError):
            getattr(np.linalg, f)(*args)
        with pytest.raises(la.LinAlgError):
            getattr(la, f)(*args)
    assert float(la.det(s)) == 0.0
    sign, logdet = la.slogdet(s)
    assert float(sign) == 0.0 and float(logdet) == -np.inf
    assert int(la.matrix_rank(s)) == 1
    close(la.pinv(s), np.linalg.pinv(s))
    assert np.isinf(float(la.cond(s, 1))) == np.isinf(np.linalg.cond(s, 1))
    with pytest.raises(la.LinAlgError):
        la.inv(np.stack([np.eye(2), s]))


@pytest.mark.parametrize("func", ["inv", "det", "slogdet", "solve", "svd",
                                  "svdvals", "eigh", "eigvalsh", "eig",
                                  "cholesky", "qr", "pinv", "matrix_rank",
                                  "cond", "lstsq"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_inf_no_crash(func, bad):
    a = np.eye(3) + 0.5
    a[1, 1] = bad
    args = (a, np.ones(3)) if func in ("solve", "lstsq") else (a,)
    try:
        want = getattr(np.linalg, func)(*args)
    except np.linalg.LinAlgError:
        want = None
    try:
        got = getattr(la, func)(*args)
    except la.LinAlgError:
        got = None
    if want is None:
        return  # numc may compute a NaN result where NumPy's LAPACK fails
    if got is None:
        pytest.fail(f"{func} raised where NumPy did not")
    outs = lambda r: r if isinstance(r, tuple) else (r,)  # noqa: E731
    if any(np.isnan(np.asarray(w)).any() for w in outs(want)):
        assert any(np.isnan(np_of(g)).any() for g in outs(got))


@pytest.mark.parametrize("dtype", INEXACT)
def test_pinv_lstsq_rank(dtype):
    a = rand((5, 3), dtype)
    close(la.pinv(a), np.linalg.pinv(a), atol_scale=10)
    close(la.pinv(rand((2, 3, 4), dtype), rtol=None),
          np.linalg.pinv(rand((2, 3, 4), dtype), rtol=None), atol_scale=10)
    with pytest.raises(ValueError):
        la.pinv(a, 1e-3, rtol=1e-3)
    b = rand((5, 2), dtype, 1)
    got = la.lstsq(a, b)
    want = np.linalg.lstsq(a, b)
    for g, w in zip(got, want):
        close(g, w, atol_scale=10)
    assert int(got[2]) == want[2]
    got1 = la.lstsq(a, b[:, 0])
    close(got1[0], np.linalg.lstsq(a, b[:, 0])[0], atol_scale=10)
    with pytest.raises(la.LinAlgError):
        la.lstsq(a, rand(4, dtype))
    m = rand((3, 4, 4), dtype)
    m[1, :, 0] = 0
    same(la.matrix_rank(m), np.linalg.matrix_rank(m))
    assert int(la.matrix_rank(np.eye(4))) == 4
    assert int(la.matrix_rank(np.zeros(4))) == 0
    assert int(la.matrix_rank(np.ones(4))) == 1
    same(la.matrix_rank(m, rtol=0.5), np.linalg.matrix_rank(m, rtol=0.5))
    same(la.matrix_rank(m, tol=0.5), np.linalg.matrix_rank(m, tol=0.5))
    with pytest.raises(ValueError):
        la.matrix_rank(m, tol=1, rtol=1)


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex128"])
def test_matrix_power_multi_dot(dtype):
    a = rand((2, 3, 3), dtype)
    for n in (0, 1, 2, 3, 7):
        want = np.linalg.matrix_power(a, n)
        if dtype == "int32":
            same(la.matrix_power(a, n), want)
        else:
            close(la.matrix_power(a, n), want, atol_scale=100)
    if dtype != "int32":
        b = a + 3 * np.eye(3)
        close(la.matrix_power(b, -2), np.linalg.matrix_power(b, -2),
              atol_scale=100)
    with pytest.raises(TypeError):
        la.matrix_power(a, 1.5)
    ms = [rand((3, 4), dtype, 1), rand((4, 6), dtype, 2),
          rand((6, 2), dtype, 3), rand((2,), dtype, 4)]
    chk = same if dtype == "int32" else close
    chk(la.multi_dot(ms), np.linalg.multi_dot(ms))
    chk(la.multi_dot([ms[0][0], ms[1], ms[2]]),
        np.linalg.multi_dot([ms[0][0], ms[1], ms[2]]))
    chk(la.multi_dot(ms[:2]), np.linalg.multi_dot(ms[:2]))
    with pytest.raises(ValueError):
        la.multi_dot([ms[0]])


# ---- norms -------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128",
                                   "int64"])
def test_norms(dtype):
    x = rand((3, 4, 5), dtype)
    v = rand((6,), dtype)
    m = rand((4, 5), dtype)
    rd = np.linalg.norm(x).dtype.name
    for ord_ in (None, 1, 2, np.inf, -np.inf, 0, 3, -1.5):
        close(la.norm(v, ord_), np.linalg.norm(v, ord_), dtype=rd)
        close(la.norm(x, ord_, axis=1), np.linalg.norm(x, ord_, axis=1),
              dtype=rd)
        o = 2 if ord_ is None else ord_
        close(la.vector_norm(x, axis=(0, 2), ord=o, keepdims=True),
              np.linalg.vector_norm(x, axis=(0, 2), ord=o, keepdims=True),
              dtype=rd)
    close(la.norm(x), np.linalg.norm(x), dtype=rd)
    close(la.norm(x, keepdims=True), np.linalg.norm(x, keepdims=True),
          dtype=rd)
    close(la.vector_norm(x), np.linalg.vector_norm(x), dtype=rd)
    for ord_ in (None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf):
        close(la.norm(m, ord_), np.linalg.norm(m, ord_), dtype=rd)
        for ax in ((0, 2), (2, 1), (-1, 0)):
            close(la.norm(x, ord_, axis=ax),
                  np.linalg.norm(x, ord_, axis=ax), dtype=rd)
            close(la.norm(x, ord_, axis=ax, keepdims=True),
                  np.linalg.norm(x, ord_, axis=ax, keepdims=True), dtype=rd)
        o = "fro" if ord_ is None else ord_
        close(la.matrix_norm(x, ord=o), np.linalg.matrix_norm(x, ord=o),
              dtype=rd)
    with pytest.raises(ValueError):
        la.norm(x, 1)
    with pytest.raises(ValueError):
        la.norm(m, 3)
    with pytest.raises(ValueError):
        la.norm(v, "fro")
    with pytest.raises(ValueError):
        la.norm(x, axis=(1, 1))
    assert not isinstance(la.norm(v), nc.ndarray)


@pytest.mark.parametrize("p", [None, 1, -1, 2, -2, np.inf, -np.inf, "fro",
                               "nuc"])
def test_cond(p):
    a = rand((2, 3, 3), "float64") + 2 * np.eye(3)
    close(la.cond(a, p), np.linalg.cond(a, p), atol_scale=100)


# ---- empty and edge shapes -------------------------------------------------------------

def test_empty_matrices():
    e = np.zeros((0, 0))
    close(la.det(e), np.linalg.det(e))
    same(la.inv(e), np.linalg.inv(e))
    same(la.cholesky(e), np.linalg.cholesky(e))
    w, v = la.eigh(e)
    assert np_of(w).shape == (0,) and np_of(v).shape == (0, 0)
    u, s, vh = la.svd(np.zeros((0, 3)))
    wu, ws, wvh = np.linalg.svd(np.zeros((0, 3)))
    assert (np_of(u).shape, np_of(s).shape, np_of(vh).shape) == (
        wu.shape, ws.shape, wvh.shape)
    q, r = la.qr(np.zeros((3, 0)))
    wq, wr = np.linalg.qr(np.zeros((3, 0)))
    assert np_of(q).shape == wq.shape and np_of(r).shape == wr.shape
    same(la.solve(np.zeros((2, 0, 0)), np.zeros((2, 0, 1))),
         np.linalg.solve(np.zeros((2, 0, 0)), np.zeros((2, 0, 1))))
    same(la.pinv(np.zeros((0, 3))), np.linalg.pinv(np.zeros((0, 3))))
    same(nc.zeros((3, 0)) @ nc.zeros((0, 4)), np.zeros((3, 4)))
    same(la.matrix_norm(np.zeros((0, 0))),
         np.linalg.matrix_norm(np.zeros((0, 0))))


def test_result_types_and_module():
    import importlib
    m = importlib.import_module("numc.linalg")
    assert m is nc.linalg
    from numc.linalg import svd  # noqa: F401
    for name in ("cholesky", "cross", "det", "diagonal", "eig", "eigvals",
                 "eigh", "eigvalsh", "inv", "matmul", "matrix_norm",
                 "matrix_power", "matrix_rank", "matrix_transpose", "outer",
                 "pinv", "qr", "slogdet", "solve", "svd", "svdvals",
                 "tensordot", "trace", "vecdot", "vector_norm", "norm",
                 "lstsq", "cond", "multi_dot", "LinAlgError"):
        assert hasattr(la, name), name
        f = getattr(la, name)
        assert f.__doc__ or getattr(f, "__text_signature__", None), name
    a = spd((3, 3), "float64")
    for res, fields in ((la.eigh(a), ("eigenvalues", "eigenvectors")),
                        (la.eig(a), ("eigenvalues", "eigenvectors")),
                        (la.qr(a), ("Q", "R")),
                        (la.slogdet(a), ("sign", "logabsdet")),
                        (la.svd(a), ("U", "S", "Vh"))):
        assert isinstance(res, tuple)
        for i, f in enumerate(fields):
            assert getattr(res, f) is res[i]
    same(la.matrix_transpose(a), a.T)


def test_bad_arguments():
    with pytest.raises(TypeError):
        nc.matmul(nc.ones((2, 2)), object())
    with pytest.raises(TypeError):
        la.det("abc")
    with pytest.raises(TypeError):
        la.svd(np.eye(2), bogus=1)
    with pytest.raises(TypeError):
        nc.tensordot(np.eye(2), np.eye(2), axes="x")


# ---- laziness ------------------------------------------------------------------------------

def test_lazy_around_matmul(lazy):
    a = rand((6, 5), "float64")
    b = rand((5, 4), "float64", 1)
    x, y = nc.asarray(a.copy()), nc.asarray(b)
    r = (nc.sin(x) * 2 + 1) @ (y - 0.5)
    s = nc.exp(r * 0.1) + r.sum(axis=0)
    want_r = (np.sin(a) * 2 + 1) @ (b - 0.5)
    close(s, np.exp(want_r * 0.1) + want_r.sum(axis=0))
    close(r, want_r)
    # a write after the product is recorded does not change it
    p = x @ y
    x[0, 0] = 100.0
    close(p, a @ b)
    a2 = a.copy()
    a2[0, 0] = 100.0
    close(x @ y, a2 @ b)
    # vecdot/outer/trace stay lazy and fuse
    v = nc.vecdot(x + 1, x * 2) - nc.trace(x[:5] @ y[:, :5] * 3)
    a3 = a2
    close(v, np.vecdot(a3 + 1, a3 * 2) - np.trace(a3[:5] @ b[:, :5] * 3))


def test_lazy_decomposition_inputs(lazy):
    a = spd((4, 4), "float64")
    x = nc.asarray(a)
    L = la.cholesky(x * 2 + 0)
    close(nc.asarray(L) @ nc.asarray(L).mT, 2 * a, atol_scale=10)
    close(la.solve(x + 1, nc.ones(4) * 3), np.linalg.solve(a + 1,
                                                           np.full(4, 3.0)))


@st.composite
def einsum_case(draw):
    """Random explicit einsum: 1-3 operands over letters a-d (repeats within
    an operand allowed: diagonals), output a unique subset."""
    sizes = {c: draw(st.integers(0 if c == "d" else 1, 3)) for c in "abcd"}
    nops = draw(st.integers(1, 3))
    terms = [draw(st.text("abcd", min_size=0, max_size=3))
             for _ in range(nops)]
    used = sorted(set("".join(terms)))
    out = draw(st.permutations(used).map(
        lambda p: "".join(p[:draw(st.integers(0, len(p)))])))
    shapes = [tuple(sizes[c] for c in t) for t in terms]
    return ",".join(terms) + "->" + out, shapes


@given(einsum_case(), st.sampled_from(["int64", "float64"]))
def test_einsum_hypothesis(case, dtype):
    subs, shapes = case
    ops = [rand(s, dtype, i) for i, s in enumerate(shapes)]
    want = np.einsum(subs, *ops)
    got = nc.einsum(subs, *ops)
    if dtype == "int64":
        same(got, want)
    else:
        close(got, want, atol_scale=10)


@given(st.lists(st.integers(1, 3), max_size=2), st.integers(0, 5),
       st.sampled_from(INEXACT))
def test_decompositions_hypothesis(batch, n, dtype):
    shape = tuple(batch) + (n, n)
    a = rand(shape, dtype) + 3 * np.eye(n, dtype=dtype)
    b = rand(shape[:-1], dtype, 1)[..., None]
    close(la.solve(a, b), np.linalg.solve(a, b), atol_scale=100)
    close(la.inv(a) @ nc.asarray(a),
          np.broadcast_to(np.eye(n, dtype=dtype), shape), atol_scale=100)
    q, r = la.qr(a)
    close(nc.asarray(q) @ nc.asarray(r), a, atol_scale=100)
    close(la.det(a), np.linalg.det(a), atol_scale=100)
