"""More NumPy programs run unchanged with NumPy and with numc (`import numc
as np`): kernels in the style of public NumPy benchmark collections
(softmax, arc distance, azimuthal integration, Mandelbrot, n-body energy,
horizontal diffusion, Jacobi 2-D, in-place Cholesky, CSR SpMV, 2-D
convolution) and small data-analysis programs (k-means, logistic
regression, PCA, histogram equalisation, Game of Life, Monte Carlo,
descriptive statistics, least-squares and polynomial fits, top-k, one-hot,
distance matrices, batch normalisation). Results must equal NumPy's (to
rounding) with no NumPy fallback taken."""
import numpy
import pytest

import numc

from test_numpy_programs import _compare, laziness  # noqa: F401


def softmax(np, x):
    m = np.max(x, axis=-1, keepdims=True)
    e = np.exp(x - m)
    return e / np.sum(e, axis=-1, keepdims=True)


def arc_distance(np, t1, p1, t2, p2):
    tmp = np.sin((t2 - t1) / 2) ** 2 + \
        np.cos(t1) * np.cos(t2) * np.sin((p2 - p1) / 2) ** 2
    return 2 * np.arctan2(np.sqrt(tmp), np.sqrt(1 - tmp))


def azimint(np, data, radius, npt=12):
    rmax = radius.max()
    res = np.zeros(npt, dtype=np.float64)
    for i in range(npt):
        r1, r2 = rmax * i / npt, rmax * (i + 1) / npt
        sel = np.logical_and(r1 <= radius, radius < r2)
        res[i] = data[sel].mean()
    return res


def mandelbrot(np, xn=40, yn=30, maxiter=20, horizon=2.0):
    X = np.linspace(-2.0, 0.5, xn, dtype=np.float64)
    Y = np.linspace(-1.25, 1.25, yn, dtype=np.float64)
    C = X + Y[:, None] * 1j
    N = np.zeros(C.shape, dtype=np.int64)
    Z = np.zeros(C.shape, dtype=np.complex128)
    for n in range(maxiter):
        inside = np.less(abs(Z), horizon)
        N[inside] = n
        Z[inside] = Z[inside] ** 2 + C[inside]
    N[N == maxiter - 1] = 0
    return Z, N


def nbody_energy(np, mass, pos, vel, G=1.0):
    ke = 0.5 * np.sum(np.sum(mass * vel ** 2))
    x, y, z = pos[:, 0:1], pos[:, 1:2], pos[:, 2:3]
    r = np.sqrt((x.T - x) ** 2 + (y.T - y) ** 2 + (z.T - z) ** 2)
    r[r > 0] = 1.0 / r[r > 0]
    pe = G * np.sum(np.sum(np.triu(-(mass * mass.T) * r, 1)))
    return ke, pe


def hdiff(np, f, coeff):
    I, J = coeff.shape[0], coeff.shape[1]
    lap = 4.0 * f[1:I + 3, 1:J + 3, :] - (
        f[2:I + 4, 1:J + 3, :] + f[0:I + 2, 1:J + 3, :] +
        f[1:I + 3, 2:J + 4, :] + f[1:I + 3, 0:J + 2, :])
    res = lap[1:, 1:J + 1, :] - lap[:-1, 1:J + 1, :]
    flx = np.where(res * (f[2:I + 3, 2:J + 2, :] - f[1:I + 2, 2:J + 2, :]) > 0,
                   0, res)
    res = lap[1:I + 1, 1:, :] - lap[1:I + 1, :-1, :]
    fly = np.where(res * (f[2:I + 2, 2:J + 3, :] - f[2:I + 2, 1:J + 2, :]) > 0,
                   0, res)
    out = np.empty(coeff.shape)
    out[:, :, :] = f[2:I + 2, 2:J + 2, :] - coeff * (
        flx[1:] - flx[:-1] + fly[:, 1:] - fly[:, :-1])
    return out


def jacobi_2d(np, A, B, steps=6):
    for _ in range(1, steps):
        B[1:-1, 1:-1] = 0.2 * (A[1:-1, 1:-1] + A[1:-1, :-2] + A[1:-1, 2:] +
                               A[2:, 1:-1] + A[:-2, 1:-1])
        A[1:-1, 1:-1] = 0.2 * (B[1:-1, 1:-1] + B[1:-1, :-2] + B[1:-1, 2:] +
                               B[2:, 1:-1] + B[:-2, 1:-1])
    return A


def cholesky_inplace(np, A):
    A[0, 0] = np.sqrt(A[0, 0])
    for i in range(1, A.shape[0]):
        for j in range(i):
            A[i, j] -= np.dot(A[i, :j], A[j, :j])
            A[i, j] /= A[j, j]
        A[i, i] -= np.dot(A[i, :i], A[i, :i])
        A[i, i] = np.sqrt(A[i, i])
    return np.tril(A)


def spmv(np, rows, cols, vals, x):
    y = np.empty(rows.size - 1, vals.dtype)
    for i in range(rows.size - 1):
        y[i] = vals[rows[i]:rows[i + 1]] @ x[cols[rows[i]:rows[i + 1]]]
    return y


def conv2d(np, inp, w):
    K, C_out = w.shape[0], w.shape[3]
    N, H, W = inp.shape[0], inp.shape[1] - K + 1, inp.shape[2] - K + 1
    out = np.empty((N, H, W, C_out), dtype=np.float32)
    for i in range(H):
        for j in range(W):
            out[:, i, j, :] = np.sum(inp[:, i:i + K, j:j + K, :, np.newaxis] *
                                     w[np.newaxis, :, :, :], axis=(1, 2, 3))
    return out


def kmeans(np, X, k=3, iters=8):
    C = X[[0, 7, 19]]
    for _ in range(iters):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
        lab = d.argmin(axis=1)
        C = np.array([X[lab == j].mean(axis=0) if (lab == j).any() else C[j]
                      for j in range(k)])
    return C, lab


def logistic_regression(np, X, y, lr=0.1, steps=40):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w -= lr * X.T @ (p - y) / len(y)
        b -= lr * (p - y).mean()
    loss = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
    return w, np.float64(b), loss


def pca(np, X, n=2):
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    comps = Vt[:n] * np.sign(Vt[:n, 0:1])
    return Xc @ comps.T, S[:n] ** 2 / (X.shape[0] - 1)


def histogram_equalise(np, img):
    hist, bins = np.histogram(img.flatten(), 256, [0, 256])
    cdf = hist.cumsum()
    cdf = (cdf - cdf.min()) * 255 / (cdf.max() - cdf.min())
    return np.interp(img.flatten(), bins[:-1], cdf).reshape(img.shape)


def game_of_life(np, G, steps=5):
    for _ in range(steps):
        n = sum(np.roll(np.roll(G, i, 0), j, 1)
                for i in (-1, 0, 1) for j in (-1, 0, 1) if (i, j) != (0, 0))
        G = ((n == 3) | ((G == 1) & (n == 2))).astype(int)
    return G


def monte_carlo_pi(np, n=20000):
    xy = np.random.default_rng(42).random((n, 2))
    return np.float64(4 * np.count_nonzero((xy ** 2).sum(axis=1) <= 1) / n)


def describe(np, x):
    z = (x - x.mean()) / x.std()
    return (np.percentile(x, [25, 50, 75]), np.median(x), np.var(x, ddof=1),
            x[np.abs(z) > 2], np.corrcoef(x[:-1], x[1:])[0, 1],
            np.cov(x[:-1], x[1:]))


def fits(np, x, y):
    A = np.vstack([x, np.ones(len(x))]).T
    sol = np.linalg.lstsq(A, y, rcond=None)[0]
    p = np.polyfit(x, y, 2)
    return sol, p, np.polyval(p, x)


def top_k(np, x, k=5):
    idx = np.argpartition(x, -k)[-k:]
    return np.sort(x[idx])[::-1]


def one_hot(np, labels, n=4):
    out = np.zeros((labels.size, n))
    out[np.arange(labels.size), labels] = 1
    return out


def nearest_neighbour(np, X):
    sq = np.sum(X ** 2, axis=1)
    D = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * X @ X.T, 0))
    np.fill_diagonal(D, np.inf)
    return D.min(axis=1), D.argmin(axis=1)


def batch_norm(np, x, eps=1e-5):
    mu = x.mean(axis=0, keepdims=True)
    var = x.var(axis=0, keepdims=True)
    return (x - mu) / np.sqrt(var + eps)


_R = numpy.random.default_rng(11)
_X = _R.random((60, 3))
_SPD = _R.random((12, 12))
_SPD = _SPD @ _SPD.T + 12 * numpy.eye(12)
CASES = [
    (softmax, (_R.random((4, 8, 16)),)),
    (arc_distance, tuple(_R.random(100) for _ in range(4))),
    (azimint, (_R.random(500), _R.random(500))),
    (mandelbrot, ()),
    (nbody_energy, (_R.random((30, 1)), _R.random((30, 3)), _R.random((30, 3)))),
    (hdiff, (_R.random((12, 12, 5)), _R.random((8, 8, 5)))),
    (jacobi_2d, (_R.random((20, 20)), _R.random((20, 20)))),
    (cholesky_inplace, (_SPD,)),
    (spmv, (numpy.arange(0, 201, 4), _R.integers(0, 50, 200), _R.random(200),
            _R.random(50))),
    (conv2d, (_R.random((2, 8, 8, 3)).astype(numpy.float32),
              _R.random((3, 3, 3, 4)).astype(numpy.float32))),
    (kmeans, (_X,)),
    (logistic_regression, (_X, (_R.random(60) > 0.5).astype(float))),
    (pca, (_X,)),
    (histogram_equalise, (_R.integers(0, 256, (8, 8)),)),
    (game_of_life, ((_R.random((10, 10)) > 0.6).astype(int),)),
    (monte_carlo_pi, ()),
    (describe, (_R.standard_normal(200),)),
    (fits, (_R.random(20), _R.random(20))),
    (top_k, (_R.random(30),)),
    (one_hot, (_R.integers(0, 4, 7),)),
    (nearest_neighbour, (_X,)),
    (batch_norm, (_X,)),
]


def _loose(got, want):
    """_compare with float32-aware tolerances for the float32 programs."""
    if isinstance(want, tuple):
        for g, w in zip(got, want):
            _loose(g, w)
        return
    w = numpy.asarray(want)
    if w.dtype == numpy.float32:
        g = numpy.asarray(got)
        assert g.dtype == w.dtype and g.shape == w.shape
        numpy.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-6)
    else:
        _compare(got, want)


@pytest.mark.parametrize("prog,arrays", CASES, ids=[c[0].__name__ for c in CASES])
def test_program(prog, arrays, laziness):  # noqa: F811
    want = prog(numpy, *[a.copy() for a in arrays])
    numc._compat.fallback_log.clear()
    got = prog(numc, *[numc.asarray(a, copy=True) for a in arrays])
    for r in (got if isinstance(got, tuple) else (got,)):
        assert not isinstance(r, numpy.ndarray), "a NumPy array leaked out"
    _loose(got, want)
    assert numc._compat.fallback_log == [], "a NumPy fallback was taken"
