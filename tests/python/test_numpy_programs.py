"""Realistic NumPy programs, written once against the `np` they are given,
run unchanged with NumPy and with numc (`import numc as np`) and compared:
a heat-diffusion stencil, pairwise distances, log-likelihoods, an image
filter with Sobel edges, a Gray-Scott reaction-diffusion step and the
Harris corner response. They use NumPy's names and habits (np.newaxis,
axis as a positional argument, in-place slice updates, np.pad, np.gradient,
np.percentile, np.histogram, ufunc methods)."""
import numpy

import numc
import pytest

RNG = numpy.random.default_rng(7)


def heat_equation(np, n=48, steps=40, alpha=0.2):
    u = np.zeros((n, n))
    u[n // 4:3 * n // 4, n // 4:3 * n // 4] = 1.0
    u[0, :] = 0.5
    for _ in range(steps):
        lap = (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:]
               - 4.0 * u[1:-1, 1:-1])
        u[1:-1, 1:-1] += alpha * lap
    total = u.sum()
    profile = np.mean(u, 0)
    hottest = np.unravel_index(np.argmax(u), u.shape)
    return u, total, profile, np.max(u), np.array(hottest)


def pairwise_distances(np, X):
    sq = np.sum(X ** 2, axis=1)
    gram = (X[:, np.newaxis, :] * X[np.newaxis, :, :]).sum(-1)
    d2 = np.maximum(sq[:, np.newaxis] + sq[np.newaxis, :] - 2 * gram, 0.0)
    D = np.sqrt(d2)
    diff = X[:, None, :] - X[None, :, :]
    D2 = np.sqrt((diff ** 2).sum(axis=-1))
    nearest = np.argsort(D2 + np.eye(len(X)) * 1e300, axis=1)[:, 0]
    close = np.isclose(D, D2, atol=1e-6).all()
    return D, D2, nearest, np.array(close), np.triu(D2, 1).max()


def log_likelihoods(np, x, y, w):
    mu, sigma = np.mean(x), np.std(x, ddof=1)
    ll = -0.5 * np.log(2 * np.pi * sigma ** 2) - (x - mu) ** 2 / (2 * sigma ** 2)
    z = (x[:, np.newaxis] * w[np.newaxis, :]).sum(axis=1)
    p = 1.0 / (1.0 + np.exp(-z))
    eps = 1e-12
    bce = -np.mean(y * np.log(p + eps) + (1 - y) * np.log1p(-p + eps))
    logsumexp = np.logaddexp.reduce(ll)
    softmax = np.exp(ll - np.max(ll))
    softmax /= softmax.sum()
    return ll.sum(), bce, logsumexp, softmax, np.cumsum(ll)[-5:]


def image_filter(np, img):
    padded = np.pad(img, 1, mode="edge")
    blur = np.zeros_like(img)
    for dy in range(3):
        for dx in range(3):
            blur += padded[dy:dy + img.shape[0], dx:dx + img.shape[1]]
    blur /= 9.0
    p = np.pad(blur, 1, mode="reflect")
    gx = (p[1:-1, 2:] - p[1:-1, :-2]) * 2 + (p[:-2, 2:] - p[:-2, :-2]) + \
        (p[2:, 2:] - p[2:, :-2])
    gy = (p[2:, 1:-1] - p[:-2, 1:-1]) * 2 + (p[2:, :-2] - p[:-2, :-2]) + \
        (p[2:, 2:] - p[:-2, 2:])
    mag = np.hypot(gx, gy)
    lo, hi = np.percentile(mag, [5, 95])
    norm = np.clip((mag - lo) / (hi - lo), 0, 1)
    edges = norm > 0.5
    counts, bins = np.histogram(norm, bins=8, range=(0, 1))
    u8 = np.round(norm * 255).astype(np.uint8)
    return blur, mag, norm, edges, counts, bins, u8, np.median(u8, axis=0)


def gray_scott(np, n=32, steps=20, Du=0.16, Dv=0.08, F=0.035, k=0.065):
    U = np.ones((n, n))
    V = np.zeros((n, n))
    r = slice(n // 2 - 4, n // 2 + 4)
    U[r, r] = 0.50
    V[r, r] = 0.25

    def lap(Z):
        return (np.roll(Z, 1, 0) + np.roll(Z, -1, 0) + np.roll(Z, 1, 1)
                + np.roll(Z, -1, 1) - 4 * Z)
    for _ in range(steps):
        uvv = U * V * V
        U += Du * lap(U) - uvv + F * (1 - U)
        V += Dv * lap(V) + uvv - (F + k) * V
    return U, V, np.array([U.min(), V.max()]), np.where(V > 0.1, 1, 0)


def harris(np, img, k=0.05):
    Iy, Ix = np.gradient(img)

    def box(a):
        p = np.pad(a, 1, mode="constant")
        return sum(p[i:i + a.shape[0], j:j + a.shape[1]]
                   for i in range(3) for j in range(3))
    Sxx, Syy, Sxy = box(Ix * Ix), box(Iy * Iy), box(Ix * Iy)
    det = Sxx * Syy - Sxy ** 2
    trace = Sxx + Syy
    R = det - k * trace ** 2
    thresh = 0.1 * R.max()
    corners = np.argwhere(R > thresh)
    return R, corners, np.count_nonzero(R > thresh), np.nanmax(R)


def _compare(got, want):
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            _compare(g, w)
        return
    g = numpy.asarray(got)
    w = numpy.asarray(want)
    assert g.shape == w.shape, (g.shape, w.shape)
    assert g.dtype == w.dtype, (g.dtype, w.dtype)
    if w.dtype.kind in "fc":
        numpy.testing.assert_allclose(g, w, rtol=1e-10, atol=1e-12)
    else:
        assert numpy.array_equal(g, w)


def _run(prog, *arrays, **kw):
    want = prog(numpy, *arrays, **kw)
    got = prog(numc, *[numc.asarray(a) for a in arrays], **kw)
    for r in (got if isinstance(got, tuple) else (got,)):
        assert not isinstance(r, numpy.ndarray), "a NumPy array leaked out"
    _compare(got, want)


@pytest.fixture(params=["default", "lazy"])
def laziness(request):
    if request.param == "lazy":
        old = numc._set_eager_threshold(0)
        yield
        numc._set_eager_threshold(old)
    else:
        yield


def test_heat_equation(laziness):
    _run(heat_equation)


def test_pairwise_distances(laziness):
    _run(pairwise_distances, RNG.standard_normal((30, 4)))


def test_log_likelihoods(laziness):
    x = RNG.standard_normal(200) * 2 + 1
    y = (RNG.random(200) > 0.5).astype(numpy.float64)
    w = RNG.standard_normal(200) * 0.01
    _run(log_likelihoods, x, y, w)


def test_image_filter(laziness):
    img = numpy.add.outer(numpy.sin(numpy.linspace(0, 6, 40)),
                          numpy.cos(numpy.linspace(0, 4, 30)))
    img += RNG.standard_normal(img.shape) * 0.05
    _run(image_filter, img)


def test_gray_scott(laziness):
    _run(gray_scott)


def test_harris(laziness):
    img = numpy.zeros((24, 24))
    img[6:18, 6:18] = 1.0
    img += RNG.standard_normal(img.shape) * 0.01
    _run(harris, img)


def test_numpy_functions_on_numc_arrays():
    """The same programs called with NumPy's module on numc arrays run in
    numc through __array_function__/__array_ufunc__ (numc results)."""
    x = numc.asarray(RNG.standard_normal((12, 3)))
    res = pairwise_distances(numpy, x)
    assert isinstance(res[0], numc.ndarray)
    _compare(res, pairwise_distances(numpy, numpy.asarray(x)))
