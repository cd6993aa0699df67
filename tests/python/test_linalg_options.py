"""The NumPy forms of linear algebra composed in python/numc/_linalg.py,
against NumPy: einsum's interleaved form and einsum_path, cross of
2-element vectors, pinv/matrix_rank with per-matrix (array) tolerances and
hermitian=True, svd(hermitian=True)."""
import warnings

import numpy as np
import pytest

import numc as nc
import numc.linalg as la

INEXACT = ["float32", "float64", "complex64", "complex128"]
TOL = {"float32": 2e-4, "complex64": 2e-4, "float64": 1e-10,
       "complex128": 1e-10}


def rand(shape, dtype="float64", seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def herm(shape, dtype="float64", seed=0):
    """Hermitian (indefinite, some eigenvalues negative) stacks."""
    a = rand(shape, dtype, seed)
    return (a + np.conj(np.swapaxes(a, -1, -2))) / 2


def lowrank(shape, rank, seed=0):
    """Real stacks of the given rank (exact up to rounding)."""
    rng = np.random.default_rng(seed)
    m, n = shape[-2:]
    return rng.standard_normal(shape[:-2] + (m, rank)) @ \
        rng.standard_normal(shape[:-2] + (rank, n))


# ---- einsum interleaved form and einsum_path ------------------------------------

INTERLEAVED = [
    ([(2, 3), [0, 1], (3, 4), [1, 2]], None),
    ([(2, 3), [0, 1], (3, 4), [1, 2]], [0, 2]),
    ([(2, 3), [0, 1], (3, 4), [1, 2]], [2, 0]),
    ([(3, 3), [0, 0]], None),                 # trace
    ([(3, 3), [0, 0]], [0]),                  # diagonal
    ([(4,), [5], (4,), [5]], []),             # inner product
    ([(2, 3, 4), [Ellipsis, 1], (4,), [1]], [Ellipsis]),
    ([(5, 2, 3), [0, Ellipsis], (5,), [0]], [Ellipsis]),
    ([(2, 3), [30, 51], (3,), [51]], [30]),   # capital labels
]


@pytest.mark.parametrize("spec,out", INTERLEAVED)
def test_einsum_interleaved_matches_numpy(spec, out):
    args_np, args_nc = [], []
    for i in range(0, len(spec), 2):
        a = rand(spec[i], seed=i)
        args_np += [a, spec[i + 1]]
        args_nc += [nc.asarray(a), spec[i + 1]]
    if out is not None:
        args_np.append(out)
        args_nc.append(out)
    want = np.einsum(*args_np)
    got = nc.einsum(*args_nc)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12, atol=1e-12)


def test_einsum_interleaved_bad_labels():
    a = nc.ones((2, 2))
    with pytest.raises(ValueError):
        nc.einsum(a, [0, 60])
    with pytest.raises(TypeError):
        nc.einsum(a, [0, "x"])
    with pytest.raises(TypeError):
        nc.einsum(a, [0, 1], casting="unsafe")


def test_einsum_interleaved_out_and_dtype():
    a, b = rand((3, 4)), rand((4, 2), seed=1)
    o = nc.empty((3, 2))
    r = nc.einsum(nc.asarray(a), [0, 1], nc.asarray(b), [1, 2], [0, 2], out=o)
    assert r is o
    np.testing.assert_allclose(np.asarray(o), a @ b, rtol=1e-12)
    i = np.arange(6).reshape(2, 3)
    got = nc.einsum(nc.asarray(i), [0, 1], [1], dtype="float64")
    want = np.einsum(i, [0, 1], [1], dtype="float64")
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(np.asarray(got), want)


CHAINS = [
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]),
    ("ij,jk,kl,lm->im", [(2, 3), (3, 4), (4, 5), (5, 9)]),
    ("ij,jk,kl,lm->im", [(9, 8), (8, 2), (2, 8), (8, 9)]),
    ("ab,bc,cd", [(10, 2), (2, 10), (10, 3)]),
    ("ij,j->i", [(4, 3), (3,)]),
]


@pytest.mark.parametrize("subs,shapes", CHAINS)
def test_einsum_path_greedy_as_numpy(subs, shapes):
    ops = [rand(s, seed=i) for i, s in enumerate(shapes)]
    want, _ = np.einsum_path(subs, *ops, optimize="greedy")
    got, report = nc.einsum_path(subs, *[nc.asarray(o) for o in ops])
    assert got == want
    assert "Complete contraction" in report
    # einsum takes the path (numc chooses its own order; the values agree)
    r = nc.einsum(subs, *[nc.asarray(o) for o in ops], optimize=got)
    np.testing.assert_allclose(np.asarray(r), np.einsum(subs, *ops),
                               rtol=1e-10)


def test_einsum_path_no_optimize_and_errors():
    a, b = nc.ones((2, 3)), nc.ones((3, 4))
    assert nc.einsum_path("ij,jk", a, b, optimize=False)[0] == \
        ["einsum_path", (0, 1)]
    with pytest.raises(ValueError):
        nc.einsum_path("ij,jk", a, nc.ones((2, 4)))
    with pytest.raises(ValueError):
        nc.einsum_path("ij,jk", a)


def test_numpy_einsum_interleaved_dispatches_to_numc():
    nc._compat.fallback_log.clear()
    a, b = rand((2, 3)), rand((3, 4), seed=1)
    r = np.einsum(nc.asarray(a), [0, 1], nc.asarray(b), [1, 2])
    assert isinstance(r, nc.ndarray)
    np.testing.assert_allclose(np.asarray(r), a @ b, rtol=1e-12)
    assert "einsum" not in nc._compat.fallback_log


# ---- cross with 2-element vectors ----------------------------------------------

CROSS = [
    ((2,), (2,), {}),
    ((2,), (3,), {}),
    ((3,), (2,), {}),
    ((4, 2), (4, 2), {}),
    ((4, 2), (3,), {}),
    ((2, 5), (5, 3), {"axisa": 0}),
    ((5, 2), (3, 5), {"axisb": 0, "axisc": 0}),
    ((2, 4), (2, 4), {"axis": 0}),
    ((3, 2), (1, 3), {}),
]


@pytest.mark.parametrize("sa,sb,kw", CROSS)
@pytest.mark.parametrize("dtype", ["float64", "int32", "complex128"])
def test_cross_two_element_vectors(sa, sb, kw, dtype):
    a = (rand(sa, seed=1) * 4).astype(dtype)
    b = (rand(sb, seed=2) * 4).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        want = np.cross(a, b, **kw)
    with pytest.warns(DeprecationWarning, match="2-dimensional vectors"):
        got = nc.cross(nc.asarray(a), nc.asarray(b), **kw)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12)


def test_cross_bad_sizes_and_three_unchanged():
    with pytest.raises(ValueError, match="dimension must be 2 or 3"):
        nc.cross(nc.ones(4), nc.ones(3))
    with pytest.raises(ValueError, match="dimension must be 2 or 3"):
        nc.cross(nc.ones(2), nc.ones(1))
    a, b = rand((5, 3)), rand((5, 3), seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 3-element vectors: no warning
        got = nc.cross(nc.asarray(a), nc.asarray(b))
    np.testing.assert_allclose(np.asarray(got), np.cross(a, b), rtol=1e-12)
    with pytest.raises(ValueError):  # the Array API function: 3 only
        la.cross(nc.ones(2), nc.ones(2))


# ---- pinv and matrix_rank with array tolerances; hermitian paths ----------------


@pytest.mark.parametrize("dtype", INEXACT)
def test_pinv_array_rtol(dtype):
    a = rand((3, 4, 3), dtype)
    a[1] = lowrank((4, 3), 1).astype(dtype)
    rtol = np.array([1e-15, 0.5, 1e-2])
    want = np.linalg.pinv(a, rtol=rtol)
    got = la.pinv(nc.asarray(a), rtol=nc.asarray(rtol))
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(np.asarray(got), want, rtol=TOL[dtype] * 10,
                               atol=TOL[dtype] * 10)
    # rcond spelled positionally, as a list
    want = np.linalg.pinv(a, [1e-15, 0.5, 1e-2])
    got = la.pinv(nc.asarray(a), [1e-15, 0.5, 1e-2])
    np.testing.assert_allclose(np.asarray(got), want, rtol=TOL[dtype] * 10,
                               atol=TOL[dtype] * 10)


def test_pinv_rtol_none_and_conflicts():
    a = lowrank((2, 5, 4), 2)
    np.testing.assert_allclose(np.asarray(la.pinv(nc.asarray(a), rtol=None)),
                               np.linalg.pinv(a, rtol=None), atol=1e-10)
    with pytest.raises(ValueError, match="can't be both set"):
        la.pinv(nc.asarray(a), rcond=1e-3, rtol=1e-3)
    with pytest.raises(ValueError, match="can't be both set"):
        la.matrix_rank(nc.asarray(a), tol=1e-3, rtol=1e-3)
    with pytest.raises(ValueError):  # a tolerance stack wider than a's
        np.linalg.pinv(a[0], rtol=np.array([0.1]))
    with pytest.raises(ValueError, match="non-broadcastable"):
        la.pinv(nc.asarray(a[0]), rtol=nc.asarray([0.1]))


@pytest.mark.parametrize("dtype", INEXACT)
def test_pinv_hermitian(dtype):
    a = herm((2, 4, 4), dtype)
    want = np.linalg.pinv(a, hermitian=True)
    got = la.pinv(nc.asarray(a), hermitian=True)
    assert got.dtype == want.dtype
    np.testing.assert_allclose(np.asarray(got), want, rtol=TOL[dtype] * 50,
                               atol=TOL[dtype] * 50)
    # a singular Hermitian matrix: the dropped eigenvalue stays dropped
    s = np.diag([3.0, -2.0, 0.0]).astype(dtype)
    np.testing.assert_allclose(np.asarray(la.pinv(nc.asarray(s),
                                                  hermitian=True)),
                               np.linalg.pinv(s, hermitian=True), atol=1e-6)


def test_matrix_rank_array_tolerances():
    a = np.stack([lowrank((5, 5), r, seed=r) for r in (1, 3, 5)])
    for kw in ({"rtol": np.array([1e-12, 1e-12, 1e-12])},
               {"rtol": np.array([1e-12, 0.9, 1e-12])},
               {"tol": np.array([1e-9, 1e3, 0.0])},
               {"tol": [[1e-9], [1e3]]}):   # broadcasts to a (2, 3) result
        want = np.linalg.matrix_rank(a, **kw)
        got = la.matrix_rank(nc.asarray(a),
                             **{k: nc.asarray(v) for k, v in kw.items()})
        assert got.shape == want.shape
        np.testing.assert_array_equal(np.asarray(got), want)


@pytest.mark.parametrize("dtype", INEXACT)
def test_matrix_rank_hermitian(dtype):
    a = herm((3, 4, 4), dtype)
    a[1] = np.diag([1.0, -1.0, 0.0, 0.0]).astype(dtype)
    want = np.linalg.matrix_rank(a, hermitian=True)
    got = la.matrix_rank(nc.asarray(a), hermitian=True)
    np.testing.assert_array_equal(np.asarray(got), want)
    r = la.matrix_rank(nc.asarray(a[1]), hermitian=True)
    assert int(r) == 2 and np.ndim(r) == 0


@pytest.mark.parametrize("dtype", INEXACT)
def test_svd_hermitian(dtype):
    a = herm((2, 5, 5), dtype)
    u, s, vh = la.svd(nc.asarray(a), hermitian=True)
    nu, ns, nvh = np.linalg.svd(a, hermitian=True)
    assert u.dtype == nu.dtype and s.dtype == ns.dtype
    np.testing.assert_allclose(np.asarray(s), ns, rtol=TOL[dtype] * 10)
    assert np.all(np.diff(np.asarray(s), axis=-1) <= 0)  # descending
    rec = (np.asarray(u) * np.asarray(s)[..., None, :]) @ np.asarray(vh)
    np.testing.assert_allclose(rec, a, rtol=TOL[dtype] * 10,
                               atol=TOL[dtype] * 10)
    sv = la.svd(nc.asarray(a), compute_uv=False, hermitian=True)
    np.testing.assert_allclose(np.asarray(sv), ns, rtol=TOL[dtype] * 10)


def test_numpy_dispatch_of_options():
    nc._compat.fallback_log.clear()
    a = lowrank((2, 4, 4), 2)
    r = np.linalg.matrix_rank(nc.asarray(a), rtol=nc.asarray([1e-12, 0.9]))
    np.testing.assert_array_equal(np.asarray(r),
                                  np.linalg.matrix_rank(a,
                                                        rtol=[1e-12, 0.9]))
    p = np.linalg.pinv(nc.asarray(herm((3, 3))), hermitian=True)
    assert isinstance(p, nc.ndarray)
    assert nc._compat.fallback_log == []


# ---- eigh with NaN/inf: LAPACK decides, as in NumPy -----------------------------

def _nonfinite_cases():
    rng = np.random.default_rng(5)
    out = []
    for t in range(40):
        n = int(rng.integers(1, 7))
        a = rng.standard_normal((n, n))
        a = a + a.T
        for _ in range(int(rng.integers(1, 3))):
            i, j = rng.integers(0, n, 2)
            a[i, j] = a[j, i] = [np.nan, np.inf, -np.inf][t % 3]
        out.append(a)
    return out


@pytest.mark.parametrize("fn", ["eigh", "eigvalsh"])
def test_eigh_nonfinite_as_numpy(fn):
    """NaN in the matrix gives NumPy's (LAPACK's) NaN pattern, infinities
    LinAlgError when LAPACK does not converge, as NumPy."""
    for a in _nonfinite_cases():
        try:
            want = getattr(np.linalg, fn)(a)
        except np.linalg.LinAlgError:
            with pytest.raises(la.LinAlgError):
                getattr(la, fn)(nc.asarray(a))
            continue
        got = getattr(la, fn)(nc.asarray(a))
        w = want[0] if fn == "eigh" else want
        g = got[0] if fn == "eigh" else got
        np.testing.assert_array_equal(np.isnan(np.asarray(g)), np.isnan(w))
