"""numc.random against numpy.random: the same seed must give the same
streams (Generator over PCG64 from default_rng, the legacy RandomState over
MT19937), the same shapes, dtypes and scalar types, and the same errors.

Float64 normals and exponentials of Generator use ziggurat tables that
tools/gen_ziggurat.py computes exactly, while NumPy ships tables with
float64 rounding drift: those values agree to ~1e-13 relative (and the
draws consumed are the same, which the follow-up draws check exactly).
Everything else is compared bit for bit.
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numc as nc

SEEDS = [0, 1, 42, 12345, 2**32 - 1, 2**40 + 7, 2**64 + 3]
LEGACY_SEEDS = [0, 1, 42, 12345, 2**32 - 1]
SIZES = [None, 0, 1, 7, (2, 3), (4, 0, 2), (1000,)]
ZIG_RTOL = 1e-12


def np_of(x):
    """A numc result as NumPy (arrays through the buffer protocol)."""
    if isinstance(x, nc.ndarray):
        return np.asarray(x)
    return x


def assert_same(got, want, rtol=0.0):
    """Same type family, dtype, shape and values (exact unless rtol)."""
    if isinstance(want, np.ndarray):
        assert isinstance(got, nc.ndarray), type(got)
        g = np.asarray(got)
        assert g.dtype == want.dtype and g.shape == want.shape
        if rtol:  # atol: loc + scale * z may cancel to near 0
            np.testing.assert_allclose(g, want, rtol=rtol, atol=rtol)
        else:
            np.testing.assert_array_equal(g, want)
        return
    if isinstance(want, (float, int)) and not isinstance(want, np.generic):
        assert type(got) is type(want), (type(got), type(want))
    else:
        assert not isinstance(got, (nc.ndarray, np.ndarray))
        assert np.dtype(str(got.dtype)) == want.dtype
    if rtol:
        assert abs(float(got) - float(want)) <= rtol * (1 + abs(float(want)))
    else:
        assert got == want


def numc_exc(e):
    """The exception type numc raises where NumPy raised e."""
    return nc.AxisError if isinstance(e, np.exceptions.AxisError) else type(e)


def pair(seed):
    return np.random.default_rng(seed), nc.random.default_rng(seed)


def legacy_pair(seed):
    return np.random.RandomState(seed), nc.random.RandomState(seed)


# ---- bit generators and seeding -----------------------------------------

@pytest.mark.parametrize("kind", ["PCG64", "MT19937", "Philox"])
@pytest.mark.parametrize("seed", SEEDS + [[1, 2, 3], [2**40, 0], []])
def test_bit_generator_raw(kind, seed):
    want = getattr(np.random, kind)(seed).random_raw(50)
    got = getattr(nc.random, kind)(seed).random_raw(50)
    assert_same(got, want)


def test_bit_generator_state_and_types():
    assert_same(nc.random.PCG64(3).random_raw(), np.random.PCG64(3).random_raw())
    s, t = nc.random.PCG64(5).state, np.random.PCG64(5).state
    assert s == t
    m, n = nc.random.MT19937(5).state, np.random.MT19937(5).state
    assert m["state"]["pos"] == n["state"]["pos"]
    np.testing.assert_array_equal(np.asarray(m["state"]["key"]), n["state"]["key"])
    p, q = nc.random.Philox(5).state, np.random.Philox(5).state
    np.testing.assert_array_equal(np.asarray(p["state"]["key"]), q["state"]["key"])
    g = nc.random.default_rng(1)
    assert isinstance(g.bit_generator, nc.random.PCG64)
    assert nc.random.default_rng(g) is g
    h = nc.random.Generator(nc.random.Philox(9))
    assert_same(h.random(5), np.random.Generator(np.random.Philox(9)).random(5))
    assert repr(g).startswith("Generator(PCG64)")
    import numc.random as ncr  # the submodule is importable
    assert ncr is nc.random


@pytest.mark.parametrize("kind", ["PCG64", "MT19937", "Philox"])
def test_state_roundtrip(kind):
    a, b = getattr(np.random, kind)(5), getattr(nc.random, kind)(7)
    a.random_raw(3)
    b.state = a.state
    assert_same(b.random_raw(9), a.random_raw(9))
    a.state = b.state  # and back, from numc's dict (numc arrays inside)
    assert_same(b.random_raw(2), a.random_raw(2))
    other = "MT19937" if kind != "MT19937" else "PCG64"
    with pytest.raises(ValueError) as want:
        getattr(np.random, kind)(1).state = getattr(np.random, other)(1).state
    with pytest.raises(ValueError) as got:
        getattr(nc.random, kind)(1).state = getattr(np.random, other)(1).state
    assert str(got.value) == str(want.value)
    with pytest.raises(ValueError):
        getattr(nc.random, kind)(1).state = {"bit_generator": kind}


def test_state_buffered_halves_and_gauss():
    g = np.random.default_rng(3)
    g.random(dtype=np.float32)  # leaves half a 64-bit draw buffered
    h = nc.random.default_rng(0)
    h.bit_generator.state = g.bit_generator.state
    assert_same(h.random(5, dtype=nc.float32), g.random(5, dtype=np.float32))
    r, s = legacy_pair(1)
    r.randn(3)  # leaves a cached normal
    s.set_state(r.get_state())
    assert_same(s.randn(5), r.randn(5))
    s.set_state(r.get_state(legacy=False))
    assert_same(s.randn(3), r.randn(3))
    st = s.get_state()
    assert st[0] == "MT19937" and st[3] == r.get_state()[3]
    r.set_state((st[0], np.asarray(st[1]), st[2], st[3], st[4]))
    assert_same(s.randn(5), r.randn(5))
    assert set(s.get_state(legacy=False)) == {"bit_generator", "state", "has_gauss", "gauss"}
    nc.random.set_state(np.random.RandomState(4).get_state())
    assert_same(nc.random.rand(3), np.random.RandomState(4).rand(3))
    with pytest.raises(ValueError):
        s.set_state(("X",))


def test_seed_errors():
    with pytest.raises(ValueError):
        nc.random.default_rng(-1)
    with pytest.raises(TypeError):
        nc.random.default_rng(1.5)
    with pytest.raises(TypeError):
        nc.random.PCG64("abc")
    for bad in (-1, 2**32):
        with pytest.raises(ValueError):
            nc.random.seed(bad)
    with pytest.raises(ValueError):
        nc.random.RandomState([])
    with pytest.raises(ValueError):
        nc.random.RandomState([1, -2])
    with pytest.raises(TypeError):
        nc.random.seed(1.5)
    with pytest.raises(TypeError):
        nc.random.Generator(3)


def test_unseeded_generators_differ():
    a = nc.random.default_rng().integers(0, 2**62, 4)
    b = nc.random.default_rng().integers(0, 2**62, 4)
    assert not np.array_equal(np.asarray(a), np.asarray(b))
    nc.random.seed()  # reseeds from the OS: no error
    assert 0 <= nc.random.rand() < 1


# ---- Generator: streams ------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("size", SIZES)
def test_generator_random_uniform(seed, size):
    g, h = pair(seed)
    assert_same(h.random(size), g.random(size))
    assert_same(h.random(size, dtype=nc.float32), g.random(size, dtype=np.float32))
    assert_same(h.uniform(-2, 5.5, size), g.uniform(-2, 5.5, size))
    assert_same(h.uniform(size=size), g.uniform(size=size))
    assert_same(h.random(), g.random())


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("size", SIZES)
def test_generator_normal_exponential(seed, size):
    g, h = pair(seed)
    assert_same(h.standard_normal(size), g.standard_normal(size), ZIG_RTOL)
    assert_same(h.standard_normal(size, dtype=nc.float32),
                g.standard_normal(size, dtype=np.float32))
    assert_same(h.normal(1.5, 3.0, size), g.normal(1.5, 3.0, size), ZIG_RTOL)
    assert_same(h.normal(size=size), g.normal(size=size), ZIG_RTOL)
    assert_same(h.exponential(2.0, size), g.exponential(2.0, size), ZIG_RTOL)
    assert_same(h.standard_exponential(size), g.standard_exponential(size), ZIG_RTOL)
    # the same number of draws was consumed
    assert_same(h.random(17), g.random(17))


def test_generator_normal_large_stream():
    g, h = pair(2024)
    assert_same(h.standard_normal(200_000), g.standard_normal(200_000), ZIG_RTOL)
    assert_same(h.standard_normal(100_000, dtype=nc.float32),
                g.standard_normal(100_000, dtype=np.float32))
    assert_same(h.integers(0, 10**9, 5), g.integers(0, 10**9, 5))


@pytest.mark.parametrize("kind", ["PCG64", "Philox"])
@pytest.mark.parametrize("threads", [1, None])
def test_generator_large_fills(kind, threads):
    # large random/uniform fills run in blocks on the thread pool
    saved = nc.get_num_threads()
    if threads:
        nc.set_num_threads(threads)
    try:
        g = np.random.Generator(getattr(np.random, kind)(11))
        h = nc.random.Generator(getattr(nc.random, kind)(11))
        assert_same(h.random(dtype=nc.float32), g.random(dtype=np.float32))
        for n in (262143, 262144, 600_001):
            assert_same(h.random(n), g.random(n))
            assert_same(h.uniform(-3, 7, n), g.uniform(-3, 7, n))
        assert_same(h.uniform(nc.asarray([0.0, 1.0]), 2.0, (150_000, 2)),
                    g.uniform([0.0, 1.0], 2.0, (150_000, 2)))
        assert_same(h.random(5, dtype=nc.float32), g.random(5, dtype=np.float32))
    finally:
        nc.set_num_threads(saved)


def test_generator_float32_exponential_close():
    # four float32 exponential table entries differ by one float ulp from
    # NumPy's (see tools/gen_ziggurat.py): values agree to 1 ulp
    g, h = pair(7)
    got = np.asarray(h.standard_exponential(20_000, dtype=nc.float32))
    want = g.standard_exponential(20_000, dtype=np.float32)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=3e-7)
    assert_same(h.random(3), g.random(3))


def test_generator_broadcast_params():
    g, h = pair(3)
    loc = [[0.0], [10.0], [20.0]]
    scale = [1.0, 2.0]
    assert_same(h.normal(nc.asarray(loc), nc.asarray(scale)), g.normal(loc, scale), ZIG_RTOL)
    assert_same(h.normal(nc.asarray(loc), 2.0, size=(2, 3, 2)),
                g.normal(loc, 2.0, size=(2, 3, 2)), ZIG_RTOL)
    assert_same(h.uniform(nc.asarray([0.0, 1.0]), nc.asarray([[2.0], [3.0]])),
                g.uniform([0.0, 1.0], [[2.0], [3.0]]))
    assert_same(h.exponential(nc.asarray([1.0, 2.0, 0.0])), g.exponential([1.0, 2.0, 0.0]),
                ZIG_RTOL)
    # a 0-d array parameter with size=None gives a Python float
    assert_same(h.normal(nc.asarray(1.0)), g.normal(np.asarray(1.0)), ZIG_RTOL)
    # non-contiguous / reversed parameter views
    base = np.arange(12.0).reshape(3, 4)
    assert_same(h.uniform(nc.asarray(base)[:, ::-2], 100.0), g.uniform(base[:, ::-2], 100.0))
    # NaN parameters are accepted
    got, want = h.normal(np.nan, 1.0), g.normal(np.nan, 1.0)
    assert np.isnan(got) and np.isnan(want)


INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]


@pytest.mark.parametrize("seed", SEEDS[:4])
@pytest.mark.parametrize("dtype", INT_DTYPES + ["bool"])
def test_generator_integers_dtypes(seed, dtype):
    g, h = pair(seed)
    info = np.iinfo(dtype) if dtype != "bool" else None
    lo, hi = (0, 2) if dtype == "bool" else (int(info.min), int(info.max))
    ranges = [(lo, hi), (lo, lo + 1)] if dtype == "bool" else [
        (0, 10), (lo, hi), (lo, lo + 1), (max(lo, -3), 100), (hi - 5, hi)]
    ndt = getattr(nc, dtype)
    for a, b in ranges:
        for size in (None, 1, 33, (3, 4)):
            assert_same(h.integers(a, b, size, dtype=ndt), g.integers(a, b, size, dtype=dtype))
            b1 = b - 1 if dtype == "bool" else b
            assert_same(h.integers(a, b1, size, dtype=ndt, endpoint=True),
                        g.integers(a, b1, size, dtype=dtype, endpoint=True))


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_integers_ranges(seed):
    g, h = pair(seed)
    for a, b in [(0, 1), (0, 2**32 - 1), (0, 2**32), (0, 2**32 + 1), (-2**63, 2**63 - 1),
                 (-2**63, 2**63), (5, 10**15), (-7, -2)]:
        assert_same(h.integers(a, b, 25), g.integers(a, b, 25))
    assert_same(h.integers(10), g.integers(10))
    assert_same(h.integers(10, size=5), g.integers(10, size=5))
    assert_same(h.integers(0, 2**64 - 1, 9, dtype=nc.uint64, endpoint=True),
                g.integers(0, 2**64 - 1, 9, dtype=np.uint64, endpoint=True))
    # broadcast bounds (8-bit draws share a buffer across elements)
    assert_same(h.integers(nc.asarray([0, 5, 10]), nc.asarray([[20], [30]]), dtype=nc.int8),
                g.integers([0, 5, 10], [[20], [30]], dtype=np.int8))
    assert_same(h.integers(nc.asarray([3, 4]), 9, size=(5, 2)), g.integers([3, 4], 9, size=(5, 2)))
    assert_same(h.integers(2.7, 9.2, 6), g.integers(2.7, 9.2, 6))


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_generator_choice(seed):
    g, h = pair(seed)
    assert_same(h.choice(10), g.choice(10))
    assert_same(h.choice(10, 20), g.choice(10, 20))
    assert_same(h.choice(10, (3, 4)), g.choice(10, (3, 4)))
    assert_same(h.choice(100, 20, replace=False), g.choice(100, 20, replace=False))
    assert_same(h.choice(100, 20, replace=False, shuffle=False),
                g.choice(100, 20, replace=False, shuffle=False))
    assert_same(h.choice(50000, 5000, replace=False), g.choice(50000, 5000, replace=False))
    assert_same(h.choice(50000, 2000, replace=False, shuffle=False),
                g.choice(50000, 2000, replace=False, shuffle=False))
    p = np.array([0.1, 0.0, 0.3, 0.6])
    assert_same(h.choice(4, 30, p=nc.asarray(p)), g.choice(4, 30, p=p))
    assert_same(h.choice(4, 3, replace=False, p=nc.asarray(p)), g.choice(4, 3, replace=False, p=p))
    assert_same(h.choice(4, p=list(p)), g.choice(4, p=list(p)))
    a = np.array([1.5, -2.0, 3.25, 7.0, 9.0])
    assert_same(h.choice(nc.asarray(a), 6), g.choice(a, 6))
    assert_same(h.choice(nc.asarray(a)), g.choice(a))
    assert_same(h.choice([1.5, 2.5]), g.choice([1.5, 2.5]))
    m = np.arange(12).reshape(3, 4)
    assert_same(h.choice(nc.asarray(m), 2), g.choice(m, 2))
    assert_same(h.choice(nc.asarray(m), 3, axis=1, replace=False), g.choice(m, 3, axis=1, replace=False))
    assert_same(h.choice(nc.asarray(5)), g.choice(np.asarray(5)))
    assert_same(h.choice(0, 0), g.choice(0, 0))


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_generator_permutation_shuffle(seed):
    g, h = pair(seed)
    assert_same(h.permutation(10), g.permutation(10))
    assert_same(h.permutation(0), g.permutation(0))
    assert_same(h.permutation(-2), g.permutation(-2))
    x = np.arange(24.0).reshape(4, 6)
    assert_same(h.permutation(nc.asarray(x)), g.permutation(x))
    assert_same(h.permutation(nc.asarray(x), axis=1), g.permutation(x, axis=1))
    assert_same(h.permutation(nc.asarray(x[0])), g.permutation(x[0]))
    for dt in ["int8", "float32", "complex128", "bool"]:
        a = (np.arange(30) % 7).astype(dt)
        b = nc.asarray(a)
        g.shuffle(a)
        h.shuffle(b)
        assert_same(b, a)
    a = np.arange(20).reshape(4, 5)
    b = nc.asarray(a)
    g.shuffle(a, axis=1)
    h.shuffle(b, axis=1)
    assert_same(b, a)
    # a non-contiguous view is shuffled in place, through the view
    a = np.arange(20)
    b = nc.arange(20)
    g.shuffle(a[::-3])
    h.shuffle(b[::-3])
    assert_same(b, a)


def test_shuffle_respects_pending_reads():
    h = nc.random.default_rng(0)
    x = nc.arange(10)
    y = x * 2  # recorded lazily before the shuffle
    h.shuffle(x)
    np.testing.assert_array_equal(np.asarray(y), np.arange(10) * 2)
    assert sorted(np.asarray(x).tolist()) == list(range(10))


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_counts_gamma_beta(seed):
    for legacy in (False, True):
        m, h = legacy_pair(seed % 2**32) if legacy else pair(seed)
        tol = 0.0 if legacy else ZIG_RTOL  # Generator's use the ziggurat normals
        for lam in (0.0, 0.5, 3.5, 9.99, 10.0, 250.0, 1e6):
            assert_same(h.poisson(lam, 300), m.poisson(lam, 300))
        assert_same(h.poisson(), m.poisson())
        assert_same(h.poisson(nc.asarray([1.0, 30.0]), size=(3, 2)), m.poisson([1.0, 30.0], size=(3, 2)))
        for n_, p_ in ((0, 0.5), (5, 0.0), (5, 1.0), (20, 0.3), (20, 0.9), (1000, 0.4),
                       (1000, 0.9), (10**9, 0.25), (100, 0.5)):
            assert_same(h.binomial(n_, p_, 300), m.binomial(n_, p_, 300))
        assert_same(h.binomial(10, 0.5), m.binomial(10, 0.5))
        assert_same(h.binomial(nc.asarray([5, 500]), nc.asarray([[0.1], [0.7]])),
                    m.binomial([5, 500], [[0.1], [0.7]]))
        for shape in (0.0, 0.3, 1.0, 2.5, 40.0):
            assert_same(h.standard_gamma(shape, 200), m.standard_gamma(shape, 200), tol)
            assert_same(h.gamma(shape, 3.0, 200), m.gamma(shape, 3.0, 200), tol)
        assert_same(h.gamma(2.0), m.gamma(2.0), tol)
        for a_, b_ in ((0.5, 0.7), (1.0, 1.0), (2.5, 3.7), (0.3, 5.0), (1e-3, 1e-3)):
            assert_same(h.beta(a_, b_, 200), m.beta(a_, b_, 200), tol)
        assert_same(h.random_sample(5) if legacy else h.random(5),
                    m.random_sample(5) if legacy else m.random(5))


def test_counts_gamma_beta_errors():
    for legacy in (False, True):
        m, h = legacy_pair(0) if legacy else pair(0)
        for name, args in [("poisson", (-1,)), ("poisson", (np.nan,)), ("poisson", (1e19,)),
                           ("binomial", (-1, 0.5)), ("binomial", (5, 1.5)),
                           ("binomial", (5, np.nan)), ("gamma", (-1,)), ("gamma", (1, -1)),
                           ("standard_gamma", (-1,)), ("beta", (0, 1)), ("beta", (1, -1))]:
            with pytest.raises(ValueError) as want:
                getattr(m, name)(*args)
            with pytest.raises(ValueError) as got:
                getattr(h, name)(*args)
            assert str(got.value) == str(want.value)
    np.random.seed(3)
    nc.random.seed(3)
    assert_same(nc.random.poisson(4.0, 5), np.random.poisson(4.0, 5))
    assert_same(nc.random.binomial(9, 0.5, 5), np.random.binomial(9, 0.5, 5))
    assert_same(nc.random.gamma(2.0, size=3), np.random.gamma(2.0, size=3))
    assert_same(nc.random.beta(2.0, 3.0, 3), np.random.beta(2.0, 3.0, 3))


# ---- Generator: errors ---------------------------------------------------------

GEN_ERRORS = [
    ("normal", (0, -1), ValueError), ("normal", (0, -0.0), ValueError),
    ("exponential", (-1,), ValueError), ("uniform", (-np.inf, 0), OverflowError),
    ("uniform", (0, np.nan), OverflowError), ("uniform", (1, 0), ValueError),
    ("uniform", (0.0, -0.0), ValueError), ("integers", (5, 5), ValueError),
    ("integers", (0,), ValueError), ("integers", (-1, 3), None),
    ("choice", (0,), ValueError), ("choice", (-3,), ValueError),
    ("choice", (5, 6, False), ValueError), ("permutation", (3.5,), None),
    ("normal", ([1.0, 2.0], 1, 3), ValueError),
]


@pytest.mark.parametrize("name,args,exc", GEN_ERRORS)
def test_generator_errors(name, args, exc):
    g, h = pair(0)
    if exc is None:  # NumPy's outcome (value or error) must match
        try:
            want = getattr(g, name)(*args)
        except Exception as e:  # noqa: BLE001
            with pytest.raises(numc_exc(e)):
                getattr(h, name)(*args)
            return
        assert_same(np_of(getattr(h, name)(*args)), np_of(want))
        return
    with pytest.raises(exc) as want:
        getattr(g, name)(*args)
    with pytest.raises(exc) as got:
        getattr(h, name)(*args)
    if name != "normal" or len(args) < 3:
        assert str(got.value) == str(want.value)


def test_generator_error_messages():
    g, h = pair(0)
    cases = [
        lambda m, D: m.integers(0, 300, dtype=D.int8),
        lambda m, D: m.integers(-1, 3, dtype=D.uint8),
        lambda m, D: m.integers(10, 5, endpoint=True),
        lambda m, D: m.integers(0, 5, dtype=D.float64),
        lambda m, D: m.random(dtype=D.int32),
        lambda m, D: m.random(size=-1),
        lambda m, D: m.standard_normal(2, dtype=D.int64),
        lambda m, D: m.choice(3, p=[0.5, 0.6, 0.1]),
        lambda m, D: m.choice(3, p=[0.5, 0.5]),
        lambda m, D: m.choice(3, p=[1.5, -0.5, 0]),
        lambda m, D: m.choice(3, p=[np.nan, 0.5, 0.5]),
        lambda m, D: m.choice(3, 3, replace=False, p=[0.5, 0.5, 0]),
        lambda m, D: m.choice(D.asarray([])),
        lambda m, D: m.permutation(D.asarray(5)),
    ]
    for case in cases:
        try:
            case(g, np)
        except Exception as e:  # noqa: BLE001
            want = e
        else:
            raise AssertionError("NumPy did not raise")
        with pytest.raises(numc_exc(want)) as got:
            case(h, nc)
        assert str(got.value) == str(want), (str(got.value), str(want))
    # a failed call leaves the stream untouched
    with pytest.raises(ValueError):
        h.normal(0, [-1.0, 1.0])
    assert_same(h.random(4), g.random(4))


def test_integers_edge_bounds():
    g, h = pair(0)
    cases = [
        lambda m, D: m.integers(np.nan, 5), lambda m, D: m.integers(0, np.inf),
        lambda m, D: m.integers(0, D.asarray([1.0, np.nan])),
        lambda m, D: m.integers(2**70), lambda m, D: m.integers(-2**70, 0),
        lambda m, D: m.integers(0, 2**64), lambda m, D: m.integers(0, 2**64, dtype=D.uint64, endpoint=True),
        lambda m, D: m.integers(0, 1e300), lambda m, D: m.choice(3, p=[1j, 0, 0]),
    ]
    for case in cases:
        with pytest.raises(Exception) as want:
            case(g, np)
        with pytest.raises(type(want.value)) as got:
            case(h, nc)
        assert str(got.value) == str(want.value)
    assert_same(h.integers(0, 2**64, 5, dtype=nc.uint64), g.integers(0, 2**64, 5, dtype=np.uint64))
    assert_same(h.integers(0, 2**64 - 1, 5, dtype=nc.uint64), g.integers(0, 2**64 - 1, 5, dtype=np.uint64))
    assert_same(h.integers(True, 5), g.integers(True, 5))
    # numc arrays as seeds
    assert_same(nc.random.default_rng(nc.asarray([1, 2])).random(3),
                np.random.default_rng(np.asarray([1, 2])).random(3))
    s = nc.random.RandomState(nc.asarray([1, 2]))
    assert_same(s.rand(3), np.random.RandomState([1, 2]).rand(3))
    s.seed(nc.asarray(7))
    assert_same(s.rand(2), np.random.RandomState(7).rand(2))


def test_shuffle_errors():
    h = nc.random.default_rng(0)
    with pytest.raises(TypeError):  # lists shuffle (test_random_dist.py); ints do not
        h.shuffle(5)
    with pytest.raises(TypeError):  # nor immutable sequences
        h.shuffle((1, 2, 3))
    x = nc.arange(5.0)
    x.flags.writeable = False
    with pytest.raises(ValueError):
        h.shuffle(x)
    with pytest.raises(nc.AxisError):
        h.shuffle(nc.asarray(3.0))
    with pytest.raises(nc.AxisError):
        h.shuffle(nc.arange(4), axis=1)
    with pytest.raises(IndexError):  # NumPy: IndexError (tuple index)
        h.choice(nc.asarray([[1, 2]]), axis=2)


# ---- RandomState and the legacy module functions ------------------------------

@pytest.mark.parametrize("seed", LEGACY_SEEDS + [[1, 2, 3], [0], list(range(700))])
def test_legacy_streams(seed):
    r, s = legacy_pair(seed)
    assert_same(s.random_sample(10), r.random_sample(10))
    assert_same(s.rand(3, 4), r.rand(3, 4))
    assert_same(s.rand(), r.rand())
    assert_same(s.randn(7), r.randn(7))  # odd count: a cached normal remains
    assert_same(s.standard_normal((2, 3)), r.standard_normal((2, 3)))
    assert_same(s.normal(1.0, 2.0, 5), r.normal(1.0, 2.0, 5))
    assert_same(s.normal(), r.normal())
    assert_same(s.uniform(-1, 1, 9), r.uniform(-1, 1, 9))
    assert_same(s.uniform(3, 1, 4), r.uniform(3, 1, 4))  # low > high is allowed
    assert_same(s.exponential(3.0, 9), r.exponential(3.0, 9))
    assert_same(s.standard_exponential(4), r.standard_exponential(4))
    assert_same(s.random(3), r.random(3))
    assert_same(s.randint(0, 100, 20), r.randint(0, 100, 20))
    assert_same(s.randint(5), r.randint(5))
    assert_same(s.randint(-2**63, 2**63 - 1, 5), r.randint(-2**63, 2**63 - 1, 5))
    for dt in INT_DTYPES + ["bool"]:
        hi = 2 if dt == "bool" else 50
        assert_same(s.randint(0, hi, 11, dtype=getattr(nc, dt)), r.randint(0, hi, 11, dtype=dt))
    assert_same(s.randint(7, dtype=nc.int32), r.randint(7, dtype=np.int32))


@pytest.mark.parametrize("seed", LEGACY_SEEDS)
def test_legacy_choice_permutation_shuffle(seed):
    r, s = legacy_pair(seed)
    assert_same(s.choice(10), r.choice(10))
    assert_same(s.choice(10, 20), r.choice(10, 20))
    assert_same(s.choice(10, 5, replace=False), r.choice(10, 5, replace=False))
    assert_same(s.choice(10, (2, 2), replace=False), r.choice(10, (2, 2), replace=False))
    p = np.array([0.5, 0.25, 0.0, 0.25])
    assert_same(s.choice(4, 12, p=nc.asarray(p)), r.choice(4, 12, p=p))
    assert_same(s.choice(4, 3, replace=False, p=nc.asarray(p)), r.choice(4, 3, replace=False, p=p))
    a = np.array([2.5, 3.5, 4.5])
    assert_same(s.choice(nc.asarray(a), 4), r.choice(a, 4))
    assert_same(s.permutation(12), r.permutation(12))
    x = np.arange(12).reshape(4, 3)
    assert_same(s.permutation(nc.asarray(x)), r.permutation(x))
    a = np.arange(15.0)
    b = nc.asarray(a)
    r.shuffle(a)
    s.shuffle(b)
    assert_same(b, a)
    a = np.arange(12).reshape(4, 3)
    b = nc.asarray(a)
    r.shuffle(a)
    s.shuffle(b)
    assert_same(b, a)


def test_legacy_module_functions():
    for seed in (0, 7, 2**31):
        np.random.seed(seed)
        nc.random.seed(seed)
        assert_same(nc.random.rand(2, 3), np.random.rand(2, 3))
        assert_same(nc.random.randn(5), np.random.randn(5))
        assert_same(nc.random.random(), np.random.random())
        assert_same(nc.random.random_sample((2, 2)), np.random.random_sample((2, 2)))
        assert_same(nc.random.uniform(0, 10, 3), np.random.uniform(0, 10, 3))
        assert_same(nc.random.normal(5, 0.5, 3), np.random.normal(5, 0.5, 3))
        assert_same(nc.random.standard_normal(3), np.random.standard_normal(3))
        assert_same(nc.random.exponential(1.5, 3), np.random.exponential(1.5, 3))
        assert_same(nc.random.randint(10, size=(2, 5)), np.random.randint(10, size=(2, 5)))
        assert_same(nc.random.randint(3, 9), np.random.randint(3, 9))
        assert_same(nc.random.choice(8, 4), np.random.choice(8, 4))
        assert_same(nc.random.permutation(6), np.random.permutation(6))
        a, b = np.arange(9), nc.arange(9)
        np.random.shuffle(a)
        nc.random.shuffle(b)
        assert_same(b, a)
    np.random.seed([3, 4])
    nc.random.seed([3, 4])
    assert_same(nc.random.rand(4), np.random.rand(4))


def test_legacy_errors():
    r, s = legacy_pair(0)
    cases = [
        lambda m, D: m.randint(0), lambda m, D: m.randint(5, 3),
        lambda m, D: m.randint(0, 300, dtype=D.uint8),
        lambda m, D: m.normal(0, -1), lambda m, D: m.exponential(-2.0),
        lambda m, D: m.uniform(0, np.inf),
        lambda m, D: m.choice(0), lambda m, D: m.choice(D.asarray([[1, 2]])),
        lambda m, D: m.choice(5, 6, replace=False), lambda m, D: m.choice(3, p=[0.5, 0.6, 0.1]),
        lambda m, D: m.choice(3, p=[0.5, 0.5]), lambda m, D: m.choice(D.asarray([]), 2),
        lambda m, D: m.permutation(D.asarray(5)), lambda m, D: m.seed(2**32),
        lambda m, D: m.seed([]),
    ]
    for case in cases:
        try:
            case(r, np)
        except Exception as e:  # noqa: BLE001
            want = e
        else:
            raise AssertionError("NumPy did not raise")
        with pytest.raises(numc_exc(want)) as got:
            case(s, nc)
        assert str(got.value) == str(want), (str(got.value), str(want))


# ---- properties --------------------------------------------------------------

@given(seed=st.integers(0, 2**64 - 1), n=st.integers(0, 300),
       low=st.integers(-2**40, 2**40), span=st.integers(1, 2**41))
def test_hypothesis_integers_uniform(seed, n, low, span):
    g, h = pair(seed)
    assert_same(h.integers(low, low + span, n), g.integers(low, low + span, n))
    assert_same(h.uniform(low, low + span, n), g.uniform(low, low + span, n))
    assert_same(h.standard_normal(n), g.standard_normal(n), ZIG_RTOL)
    assert_same(h.random(n), g.random(n))


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 200), high=st.integers(1, 2**31))
def test_hypothesis_legacy(seed, n, high):
    r, s = legacy_pair(seed)
    assert_same(s.randint(high, size=n), r.randint(high, size=n))
    assert_same(s.randn(n), r.randn(n))
    assert_same(s.rand(n), r.rand(n))


# ---- SeedSequence and spawn: NumPy's words and streams ---------------------------

@pytest.mark.parametrize("entropy", [0, 42, 2**100 + 7, [1, 2, 3], []])
@pytest.mark.parametrize("key", [(), (3,), (1, 2**40)])
def test_seed_sequence_words_as_numpy(entropy, key):
    for pool in (4, 8):
        want = np.random.SeedSequence(entropy, spawn_key=key, pool_size=pool)
        got = nc.random.SeedSequence(entropy, spawn_key=key, pool_size=pool)
        np.testing.assert_array_equal(np.asarray(got.pool), want.pool)
        for dt in (np.uint32, np.uint64):
            np.testing.assert_array_equal(
                np.asarray(got.generate_state(5, getattr(nc, dt.__name__))),
                want.generate_state(5, dt))
    assert got.state["spawn_key"] == tuple(key)


def test_spawn_streams_as_numpy():
    ss_np, ss_nc = np.random.SeedSequence(2024), nc.random.SeedSequence(2024)
    for a, b in zip(ss_np.spawn(3), ss_nc.spawn(3)):
        assert a.spawn_key == b.spawn_key
        np.testing.assert_array_equal(np.asarray(b.generate_state(4)),
                                      a.generate_state(4))
    assert ss_nc.n_children_spawned == 3
    assert ss_nc.spawn(1)[0].spawn_key == (3,)   # continues counting
    g_np, g_nc = np.random.default_rng(9), nc.random.default_rng(9)
    for a, b in zip(g_np.spawn(2), g_nc.spawn(2)):
        np.testing.assert_array_equal(np.asarray(b.integers(0, 1000, 6)),
                                      a.integers(0, 1000, 6))
    for kind in ("PCG64", "Philox", "MT19937", "SFC64", "PCG64DXSM"):
        a = getattr(np.random, kind)(5).spawn(2)[1]
        b = getattr(nc.random, kind)(5).spawn(2)[1]
        assert type(b).__name__ == kind
        np.testing.assert_array_equal(np.asarray(b.random_raw(3)),
                                      a.random_raw(3))


def test_bit_generators_take_seed_sequences():
    ss = nc.random.SeedSequence(11, spawn_key=(4,))
    bg = nc.random.Philox(ss)
    assert bg.seed_seq is ss
    want = np.random.Philox(np.random.SeedSequence(11, spawn_key=(4,)))
    np.testing.assert_array_equal(np.asarray(bg.random_raw(3)),
                                  want.random_raw(3))
    # NumPy's SeedSequence works too
    np.testing.assert_array_equal(
        np.asarray(nc.random.PCG64(np.random.SeedSequence(3)).random_raw(2)),
        np.random.PCG64(3).random_raw(2))
    with pytest.raises(TypeError):
        nc.random.PCG64(1).jumped().spawn(1)
    with pytest.raises(ValueError):
        nc.random.SeedSequence(1, pool_size=2)
    with pytest.raises(ValueError):
        nc.random.SeedSequence(1).generate_state(2, nc.float64)
    a = nc.random.SeedSequence()                  # OS entropy: differs
    assert a.entropy != nc.random.SeedSequence().entropy
