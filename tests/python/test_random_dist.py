"""The distributions of numc.random beyond normal/gamma/beta/Poisson/binomial
against numpy.random: chisquare ... zipf, for Generator (default_rng) and the
legacy RandomState / module functions.

The same seed must give the same numbers: bit for bit where NumPy's
algorithm uses no Generator normal (the only float64 draw whose ziggurat
tables differ from NumPy's by a few ulps, see test_random.py), within
1e-12 relative otherwise. A follow-up draw checks that as many raw draws
were consumed. Legacy streams use the polar-method normals and are exact.
"""
import numpy as np
import pytest

import numc as nc

SEEDS = [0, 1, 42, 12345]
ZIG_RTOL = 1e-12

# name, parameters, whether Generator's draws go through a normal
CASES = [
    ("chisquare", (3.5,), True),
    ("chisquare", (0.7,), False),
    ("noncentral_chisquare", (3.0, 2.0), True),
    ("noncentral_chisquare", (0.5, 2.0), True),
    ("noncentral_chisquare", (3.0, 0.0), True),
    ("f", (3.0, 5.0), True),
    ("noncentral_f", (3.0, 5.0, 1.5), True),
    ("noncentral_f", (0.5, 5.0, 1.5), True),
    ("lognormal", (1.0, 0.5), True),
    ("standard_t", (4.0,), True),
    ("standard_t", (0.8,), True),
    ("standard_cauchy", (), True),
    ("laplace", (1.0, 2.0), False),
    ("logistic", (1.0, 2.0), False),
    ("gumbel", (1.0, 2.0), False),
    ("weibull", (1.5,), False),
    ("weibull", (0.0,), False),
    ("pareto", (2.0,), False),
    ("power", (2.0,), False),
    ("rayleigh", (2.0,), False),
    ("triangular", (0.0, 0.3, 2.0), False),
    ("triangular", (-1.0, -1.0, 2.0), False),
    ("vonmises", (0.5, 2.0), False),
    ("vonmises", (-3.0, 1e-6), False),
    ("vonmises", (0.5, 1e-9), False),
    ("vonmises", (3.0, 1e7), True),
    ("wald", (1.0, 2.0), True),
    ("geometric", (0.5,), False),
    ("geometric", (0.01,), False),
    ("negative_binomial", (5, 0.3), True),
    ("negative_binomial", (0.5, 0.7), False),
    ("hypergeometric", (10, 20, 5), False),
    ("hypergeometric", (100, 200, 50), False),
    ("hypergeometric", (100, 20, 115), False),
    ("hypergeometric", (5, 5, 10), False),
    ("hypergeometric", (1000, 2000, 1500), False),
    ("hypergeometric", (200, 300, 7), False),
    ("logseries", (0.6,), False),
    ("logseries", (0.99,), False),
    ("zipf", (2.0,), False),
    ("zipf", (1.3,), False),
]
# Generator only: RandomState's zipf never ends for such a (NumPy's too).
GEN_ONLY = [("zipf", (2000.0,), False), ("hypergeometric", (10, 20, 0), False)]

INT_VALUED = {"geometric", "negative_binomial", "hypergeometric", "logseries", "zipf"}


def compare(want, got, rtol):
    g = np.asarray(got)
    assert g.dtype == want.dtype and g.shape == want.shape
    if rtol:
        np.testing.assert_allclose(g, want, rtol=rtol, atol=rtol)
    else:
        np.testing.assert_array_equal(g, want)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name,args,normal", CASES + GEN_ONLY)
def test_generator_streams(seed, name, args, normal):
    rn, rc = np.random.default_rng(seed), nc.random.default_rng(seed)
    want = getattr(rn, name)(*args, size=500)
    got = getattr(rc, name)(*args, size=500)
    compare(want, got, ZIG_RTOL if normal else 0)
    assert rc.random() == rn.random()  # as many draws consumed


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name,args,normal", CASES)
def test_legacy_streams(seed, name, args, normal):
    rn, rc = np.random.RandomState(seed), nc.random.RandomState(seed)
    want = getattr(rn, name)(*args, size=500)
    got = getattr(rc, name)(*args, size=500)
    compare(want, got, 0)
    assert rc.random_sample() == rn.random_sample()


@pytest.mark.parametrize("name,args,normal", CASES[::3])
@pytest.mark.parametrize("size", [None, (), 0, 3, (2, 3), (4, 0, 2)])
@pytest.mark.parametrize("legacy", [False, True])
def test_sizes_and_scalar_types(name, args, normal, size, legacy):
    rn = np.random.RandomState(3) if legacy else np.random.default_rng(3)
    rc = nc.random.RandomState(3) if legacy else nc.random.default_rng(3)
    want = getattr(rn, name)(*args, size=size)
    got = getattr(rc, name)(*args, size=size)
    if isinstance(want, np.ndarray):
        assert isinstance(got, nc.ndarray)
        compare(want, got, ZIG_RTOL if normal and not legacy else 0)
    else:
        assert type(got) is type(want), (type(got), type(want))
        np.testing.assert_allclose(got, want, rtol=ZIG_RTOL)


@pytest.mark.parametrize("legacy", [False, True])
def test_array_parameters_broadcast(legacy):
    cases = [
        ("laplace", ([0.0, 1.0, 2.0], [[1.0], [2.0]])),
        ("triangular", ([0.0, -1.0], 0.5, [[1.0], [2.0], [3.0]])),
        ("hypergeometric", ([10, 50, 100], 60, [[5], [20]])),
        ("zipf", (np.array([1.5, 2.0, 3.0]),)),
        ("wald", (np.arange(1.0, 7.0).reshape(2, 3)[:, ::-1], 1.5)),
        ("pareto", (np.float64(2.0),)),
    ]
    for name, args in cases:
        rn = np.random.RandomState(5) if legacy else np.random.default_rng(5)
        rc = nc.random.RandomState(5) if legacy else nc.random.default_rng(5)
        cargs = [nc.asarray(a) if isinstance(a, np.ndarray) else a for a in args]
        want = getattr(rn, name)(*args)
        got = getattr(rc, name)(*cargs)
        rtol = ZIG_RTOL if name == "wald" and not legacy else 0
        if isinstance(want, np.ndarray):
            compare(want, got, rtol)
        else:
            assert type(got) is type(want)
            np.testing.assert_allclose(got, want, rtol=ZIG_RTOL)
        # size must match the broadcast shape
        want = getattr(rn, name)(*args, size=(4,) + np.broadcast(*args).shape)
        got = getattr(rc, name)(*cargs, size=(4,) + np.broadcast(*args).shape)
        compare(want, got, rtol)


BAD = [
    ("chisquare", (0.0,)), ("chisquare", (-1.0,)), ("chisquare", ([1.0, -2.0],)),
    ("noncentral_chisquare", (1.0, -0.0)), ("noncentral_chisquare", (0.0, 1.0)),
    ("f", (1.0, 0.0)), ("noncentral_f", (1.0, 2.0, -1.0)),
    ("lognormal", (0.0, -1.0)), ("standard_t", (0.0,)),
    ("laplace", (0.0, -1.0)), ("logistic", (0.0, -1.0)), ("gumbel", (0.0, -1.0)),
    ("weibull", (-1.0,)), ("pareto", (0.0,)), ("power", (-1.0,)), ("rayleigh", (-1.0,)),
    ("triangular", (1.0, 0.0, 2.0)), ("triangular", (0.0, 3.0, 2.0)),
    ("triangular", (1.0, 1.0, 1.0)), ("triangular", ([0.0, 1.0], [0.5, 0.5], 2.0)),
    ("vonmises", (0.0, -1.0)), ("wald", (0.0, 1.0)), ("wald", (1.0, 0.0)),
    ("geometric", (0.0,)), ("geometric", (1.5,)), ("geometric", (np.nan,)),
    ("geometric", ([0.5, np.nan],)),
    ("negative_binomial", (0.0, 0.5)), ("negative_binomial", (np.nan, 0.5)),
    ("negative_binomial", (1.0, 0.0)), ("negative_binomial", (1.0, np.nan)),
    ("negative_binomial", (1e20, 1e-10)),
    ("hypergeometric", (-1, 5, 2)), ("hypergeometric", (5, -1, 2)),
    ("hypergeometric", (5, 5, 11)), ("hypergeometric", (5, 5, -1)),
    ("hypergeometric", (10**9, 5, 2)), ("hypergeometric", ([5, 6], 5, [3, 12])),
    ("logseries", (1.0,)), ("logseries", (-0.1,)), ("logseries", (np.nan,)),
    ("logseries", ([0.5, np.nan],)),
    ("zipf", (1.0,)), ("zipf", (np.nan,)), ("zipf", ([2.0, 0.5],)),
]


# RandomState accepts these and then never returns (NumPy's too)
LEGACY_HANGS = [("negative_binomial", (np.nan, 0.5)), ("negative_binomial", (1.0, 0.0))]


@pytest.mark.parametrize("legacy", [False, True])
@pytest.mark.parametrize("name,args", BAD)
def test_bad_parameters(legacy, name, args):
    if legacy and (name, args) in LEGACY_HANGS:
        return
    rn = np.random.RandomState(0) if legacy else np.random.default_rng(0)
    rc = nc.random.RandomState(0) if legacy else nc.random.default_rng(0)
    cargs = [nc.asarray(a) if isinstance(a, list) else a for a in args]
    try:
        getattr(rn, name)(*args)
    except ValueError as e:
        with pytest.raises(ValueError) as info:
            getattr(rc, name)(*cargs)
        assert str(info.value) == str(e)
        return
    getattr(rc, name)(*cargs)  # NumPy accepts it: so must numc


def test_missing_arguments_raise_typeerror():
    rng = nc.random.default_rng(0)
    with pytest.raises(TypeError):
        rng.chisquare()
    with pytest.raises(TypeError):
        rng.triangular(0.0, 1.0)
    with pytest.raises(TypeError):
        rng.zipf(2.0, 3, 4)


def test_nan_parameters_propagate():
    for legacy in (False, True):
        rn = np.random.RandomState(0) if legacy else np.random.default_rng(0)
        rc = nc.random.RandomState(0) if legacy else nc.random.default_rng(0)
        for name, args in [("noncentral_chisquare", (0.5, np.nan)), ("vonmises", (0.0, np.nan)),
                           ("noncentral_chisquare", (3.0, np.nan))]:
            want = getattr(rn, name)(*args, size=3)
            got = getattr(rc, name)(*args, size=3)
            compare(want, got, 0)


def test_module_functions_follow_the_global_state():
    names = ["chisquare", "f", "lognormal", "standard_cauchy", "laplace", "zipf",
             "hypergeometric", "geometric", "triangular", "wald", "vonmises"]
    args = {"chisquare": (2.0,), "f": (2.0, 3.0), "lognormal": (), "standard_cauchy": (),
            "laplace": (), "zipf": (2.0,), "hypergeometric": (5, 6, 4), "geometric": (0.3,),
            "triangular": (0.0, 1.0, 2.0), "wald": (1.0, 1.0), "vonmises": (0.0, 1.0)}
    np.random.seed(7)
    nc.random.seed(7)
    for name in names:
        want = getattr(np.random, name)(*args[name], size=5)
        got = getattr(nc.random, name)(*args[name], size=5)
        compare(want, got, 0)


@pytest.mark.parametrize("name,args,mean,var", [
    ("chisquare", (4.0,), 4.0, 8.0),
    ("f", (5.0, 10.0), 10.0 / 8.0, 2 * 100 * 13 / (5 * 64 * 6)),
    ("standard_t", (5.0,), 0.0, 5.0 / 3.0),
    ("laplace", (1.0, 2.0), 1.0, 8.0),
    ("logistic", (1.0, 2.0), 1.0, 4 * np.pi**2 / 3),
    ("gumbel", (0.0, 1.0), 0.5772156649, np.pi**2 / 6),
    ("rayleigh", (1.0,), np.sqrt(np.pi / 2), (4 - np.pi) / 2),
    ("triangular", (0.0, 1.0, 3.0), 4.0 / 3.0, (9 + 1 - 3) / 18.0),
    ("wald", (2.0, 3.0), 2.0, 8.0 / 3.0),
    ("geometric", (0.25,), 4.0, 0.75 / 0.0625),
    ("negative_binomial", (3.0, 0.4), 4.5, 3 * 0.6 / 0.16),
    ("hypergeometric", (30, 70, 20), 6.0, 20 * 0.3 * 0.7 * 80 / 99),
    ("vonmises", (0.0, 4.0), 0.0, None),
])
def test_statistics(name, args, mean, var):
    x = np.asarray(getattr(nc.random.default_rng(2024), name)(*args, size=200000))
    sd = np.sqrt(var) if var is not None else np.std(x)
    assert abs(x.mean() - mean) < 5 * sd / np.sqrt(x.size)
    if var is not None:
        assert abs(x.var() / var - 1) < 0.05


# ---- multivariate draws and the composite methods --------------------------

@pytest.mark.parametrize("legacy", [False, True])
@pytest.mark.parametrize("size", [None, 4, (2, 3), 0])
def test_multinomial(legacy, size):
    for n, pvals in [(20, [0.2, 0.3, 0.5]), (1000, [0.1, 0.6, 0.1, 0.2]), (5, [1.0]),
                     (0, [0.5, 0.5]), (7, [0.0, 1.0])]:
        rn = np.random.RandomState(3) if legacy else np.random.default_rng(3)
        rc = nc.random.RandomState(3) if legacy else nc.random.default_rng(3)
        compare(rn.multinomial(n, pvals, size=size), rc.multinomial(n, pvals, size=size), 0)
        assert rc.random_sample() == rn.random_sample() if legacy else rc.random() == rn.random()


def test_multinomial_broadcast_and_errors():
    n, p = [[10], [20]], [[0.2, 0.8], [0.5, 0.5], [0.1, 0.9]]
    want = np.random.default_rng(5).multinomial(n, p)
    got = nc.random.default_rng(5).multinomial(nc.asarray(n), nc.asarray(p))
    compare(want, got, 0)
    want = np.random.default_rng(5).multinomial(n, p, size=(2, 3))
    got = nc.random.default_rng(5).multinomial(nc.asarray(n), nc.asarray(p), size=(2, 3))
    compare(want, got, 0)
    for legacy in (False, True):
        for args in [(5, [0.5, 0.6, 0.1]), (-1, [0.5, 0.5]), (5, [-0.1, 1.1]), (5, [0.5, np.nan])]:
            rn = np.random.RandomState(0) if legacy else np.random.default_rng(0)
            rc = nc.random.RandomState(0) if legacy else nc.random.default_rng(0)
            with pytest.raises(ValueError) as want:
                rn.multinomial(*args)
            with pytest.raises(ValueError) as got:
                rc.multinomial(*args)
            assert str(got.value) == str(want.value)
    with pytest.raises(ValueError, match="at least 1 dimension"):
        nc.random.default_rng(0).multinomial(5, [])


@pytest.mark.parametrize("legacy", [False, True])
@pytest.mark.parametrize("alpha", [[1.0, 2.0, 3.0], [0.05, 0.02, 0.01], [0.5, 0.3], [4.0]])
@pytest.mark.parametrize("size", [None, 4, (2, 3)])
def test_dirichlet(legacy, alpha, size):
    rn = np.random.RandomState(3) if legacy else np.random.default_rng(3)
    rc = nc.random.RandomState(3) if legacy else nc.random.default_rng(3)
    want, got = rn.dirichlet(alpha, size=size), rc.dirichlet(alpha, size=size)
    compare(want, got, 0 if legacy else ZIG_RTOL)


def test_dirichlet_edges_and_errors():
    compare(np.random.default_rng(1).dirichlet([0.0, 0.0], 3),
            nc.random.default_rng(1).dirichlet([0.0, 0.0], 3), 0)
    for legacy, bad, msg in [(False, [1.0, -1.0], "alpha < 0"), (True, [1.0, 0.0], "alpha <= 0")]:
        rc = nc.random.RandomState(0) if legacy else nc.random.default_rng(0)
        with pytest.raises(ValueError, match=msg):
            rc.dirichlet(bad)
    with pytest.raises(ValueError):
        nc.random.default_rng(0).dirichlet([[1.0, 2.0]])


COV = [[2.0, 0.5, 0.1], [0.5, 1.0, 0.2], [0.1, 0.2, 0.5]]


@pytest.mark.parametrize("method", ["svd", "eigh", "cholesky"])
@pytest.mark.parametrize("size", [None, 5, (4, 2)])
def test_multivariate_normal(method, size):
    mean = [1.0, 2.0, -1.0]
    want = np.random.default_rng(1).multivariate_normal(mean, COV, size=size, method=method)
    got = nc.random.default_rng(1).multivariate_normal(mean, COV, size=size, method=method)
    compare(want, got, 1e-10)
    want = np.random.RandomState(1).multivariate_normal(mean, COV, size=size)
    got = nc.random.RandomState(1).multivariate_normal(mean, COV, size=size)
    compare(want, got, 1e-10)


def test_multivariate_normal_errors():
    rng = nc.random.default_rng(0)
    bad_cov = [[1.0, 2.0], [2.0, 1.0]]
    with pytest.raises(ValueError, match="positive-semidefinite"):
        rng.multivariate_normal([0, 0], bad_cov, check_valid="raise")
    with pytest.warns(RuntimeWarning):
        rng.multivariate_normal([0, 0], bad_cov)
    rng.multivariate_normal([0, 0], bad_cov, check_valid="ignore")
    for args, msg in [(([0, 0], [[1, 0], [0, 1]], None, "no"), "check_valid"),
                      (([[0, 0]], [[1, 0], [0, 1]]), "mean must be 1 dimensional"),
                      (([0, 0], [1, 0]), "cov must be 2 dimensional"),
                      (([0, 0, 0], [[1, 0], [0, 1]]), "same length")]:
        with pytest.raises(ValueError, match=msg):
            rng.multivariate_normal(*args)
    with pytest.raises(ValueError, match="method"):
        rng.multivariate_normal([0], [[1]], method="qr")


def test_bytes_permuted_lists():
    for seed in SEEDS:
        for n in (0, 1, 7, 16):
            assert nc.random.default_rng(seed).bytes(n) == np.random.default_rng(seed).bytes(n)
            assert nc.random.RandomState(seed).bytes(n) == np.random.RandomState(seed).bytes(n)
    x = np.arange(24).reshape(4, 6)
    for axis in (None, 0, 1, -1):
        want = np.random.default_rng(2).permuted(x, axis=axis)
        got = nc.random.default_rng(2).permuted(nc.asarray(x), axis=axis)
        compare(want, got, 0)
    out = nc.zeros((4, 6), dtype=nc.int64)
    r = nc.random.default_rng(2).permuted(nc.asarray(x), axis=1, out=out)
    assert r is out
    compare(np.random.default_rng(2).permuted(x, axis=1), out, 0)
    with pytest.raises(nc.AxisError):
        nc.random.default_rng(2).permuted(nc.asarray(x), axis=2)
    with pytest.raises(ValueError):
        nc.random.default_rng(2).permuted(nc.asarray(x), out=nc.zeros(3))
    for legacy in (False, True):
        a, b = list(range(10)), list(range(10))
        (np.random.RandomState(4) if legacy else np.random.default_rng(4)).shuffle(a)
        (nc.random.RandomState(4) if legacy else nc.random.default_rng(4)).shuffle(b)
        assert a == b
    with pytest.raises(NotImplementedError):
        nc.random.default_rng(0).shuffle([1, 2, 3], axis=1)


def test_legacy_aliases():
    with pytest.warns(DeprecationWarning):
        got = nc.random.RandomState(5).random_integers(3, 9, size=10)
    with pytest.warns(DeprecationWarning):
        want = np.random.RandomState(5).random_integers(3, 9, size=10)
    compare(want, got, 0)
    with pytest.warns(DeprecationWarning):
        assert nc.random.RandomState(5).random_integers(5) == 4
    np.random.seed(3)
    nc.random.seed(3)
    compare(np.random.ranf(3), nc.random.ranf(3), 0)
    assert nc.random.sample() == np.random.sample()
    compare(np.random.multinomial(10, [0.5, 0.5], 2), nc.random.multinomial(10, [0.5, 0.5], 2), 0)


def test_get_set_bit_generator():
    old = nc.random.get_bit_generator()
    try:
        bg = nc.random.PCG64(3)
        nc.random.set_bit_generator(bg)
        assert nc.random.get_bit_generator() is bg
        nbg = np.random.get_bit_generator()
        np.random.set_bit_generator(np.random.PCG64(3))
        try:
            assert nc.random.random() == np.random.random()
            assert nc.random.standard_normal() == np.random.standard_normal()
        finally:
            np.random.set_bit_generator(nbg)
        with pytest.raises(AttributeError):
            nc.random.set_bit_generator(5)
    finally:
        nc.random.set_bit_generator(old)
    assert nc.random.get_bit_generator() is old


@pytest.mark.parametrize("kind", ["PCG64", "Philox"])
def test_advance_and_jumped(kind):
    a, b = getattr(np.random, kind)(5), getattr(nc.random, kind)(5)
    compare(a.random_raw(3), b.random_raw(3), 0)
    for jumps in (1, 3, 2**40):
        ja, jb = a.jumped(jumps), b.jumped(jumps)
        assert type(jb) is type(b)
        compare(ja.random_raw(5), jb.random_raw(5), 0)
    compare(a.random_raw(2), b.random_raw(2), 0)  # jumped leaves the original alone
    for delta in (1, 2**70 + 5, -3, 2**300 + 1):
        assert b.advance(delta) is b
        a.advance(delta)
        compare(a.random_raw(5), b.random_raw(5), 0)
    with pytest.raises(TypeError):
        b.advance(1.5)
    with pytest.raises(AttributeError):
        nc.random.MT19937(1).advance(1)


@pytest.mark.parametrize("seed", SEEDS + [2**70, [1, 2, 3]])
def test_sfc64(seed):
    a, b = np.random.SFC64(seed), nc.random.SFC64(seed)
    compare(a.random_raw(10), b.random_raw(10), 0)
    ga, gb = np.random.Generator(a), nc.random.Generator(b)
    compare(ga.integers(0, 10, 20, dtype=np.int8), gb.integers(0, 10, 20, dtype=nc.int8), 0)
    compare(ga.normal(size=5), gb.normal(size=5), ZIG_RTOL)
    compare(ga.random(300), gb.random(300), 0)
    sa, sb = a.state, b.state
    assert sb["bit_generator"] == "SFC64"
    assert np.asarray(sb["state"]["state"]).tolist() == sa["state"]["state"].tolist()
    assert (sb["has_uint32"], sb["uinteger"]) == (sa["has_uint32"], sa["uinteger"])
    b.state = sa  # NumPy's dict is accepted
    compare(a.random_raw(3), b.random_raw(3), 0)
    with pytest.raises(ValueError):
        b.state = nc.random.PCG64(1).state
    with pytest.raises(AttributeError):
        b.advance(1)
    with pytest.raises(AttributeError):
        b.jumped()
    assert repr(gb).startswith("Generator(SFC64) at 0x")


def test_sfc64_large_fill_and_legacy():
    want = np.random.Generator(np.random.SFC64(9)).random(300000)
    compare(want, nc.random.Generator(nc.random.SFC64(9)).random(300000), 0)
    want = np.random.RandomState(np.random.SFC64(4)).chisquare(2.5, 50)
    compare(want, nc.random.RandomState(nc.random.SFC64(4)).chisquare(2.5, 50), 0)


@pytest.mark.parametrize("seed", SEEDS + [2**70, [1, 2, 3]])
def test_pcg64dxsm(seed):
    a, b = np.random.PCG64DXSM(seed), nc.random.PCG64DXSM(seed)
    compare(a.random_raw(10), b.random_raw(10), 0)
    ga, gb = np.random.Generator(a), nc.random.Generator(b)
    compare(ga.integers(0, 10, 20, dtype=np.int8), gb.integers(0, 10, 20, dtype=nc.int8), 0)
    compare(ga.standard_exponential(5), gb.standard_exponential(5), ZIG_RTOL)
    assert b.state["bit_generator"] == "PCG64DXSM"
    assert b.state["state"] == a.state["state"]
    for jumps in (1, 5):
        compare(a.jumped(jumps).random_raw(4), b.jumped(jumps).random_raw(4), 0)
    a.advance(2**90 + 7)
    b.advance(2**90 + 7)
    compare(a.random_raw(4), b.random_raw(4), 0)
    b.state = a.state
    compare(a.random_raw(4), b.random_raw(4), 0)
    with pytest.raises(ValueError):
        b.state = nc.random.PCG64(1).state
    want = np.random.Generator(np.random.PCG64DXSM(seed)).random(300000)
    compare(want, nc.random.Generator(nc.random.PCG64DXSM(seed)).random(300000), 0)


@pytest.mark.parametrize("method", ["marginals", "count"])
@pytest.mark.parametrize("colors,nsample", [([3, 2, 5], 4), ([10, 20, 30, 40], 70),
                                            ([16, 8, 0, 4], 20), ([5], 3), ([], 0),
                                            ([10, 20], 0)])
@pytest.mark.parametrize("size", [None, 5, (2, 3), 0])
def test_multivariate_hypergeometric(method, colors, nsample, size):
    want = np.random.default_rng(1).multivariate_hypergeometric(colors, nsample, size=size,
                                                                 method=method)
    got = nc.random.default_rng(1).multivariate_hypergeometric(colors, nsample, size=size,
                                                                method=method)
    compare(want, got, 0)


@pytest.mark.parametrize("args,kw", [
    (([3, 2], 6), {}), (([3, -2], 1), {}), (([3.0, 2.0], 1), {}), (([3, 2], -1), {}),
    (([3, 2], 1.5), {}), (([3, 2], 1), {"method": "x"}), (([10**9], 1), {}),
    (([[1, 2]], 1), {}),
])
def test_multivariate_hypergeometric_errors(args, kw):
    with pytest.raises(ValueError) as want:
        np.random.default_rng(0).multivariate_hypergeometric(*args, **kw)
    with pytest.raises(ValueError) as got:
        nc.random.default_rng(0).multivariate_hypergeometric(*args, **kw)
    assert str(got.value) == str(want.value)
