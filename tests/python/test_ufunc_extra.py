"""The ufuncs ldexp, frexp (two outputs), spacing and bitwise_count against
NumPy: values, result dtypes, out=/where=/dtype=, errors, dispatch from
numpy.<name>(numc array) through __array_ufunc__, and fusion with other
elementwise operations (same values lazily as eagerly)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import numc as nc

FLOATS = [0.0, -0.0, 1.0, -3.0, 0.1, 1e300, -1e-310, 5e-324, np.inf,
          -np.inf, np.nan, 2.0**-1022, 1.7976931348623157e308]
INTS = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32",
        "int64", "uint64"]


def same(got, want):
    got = np.asarray(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_spacing_frexp_floats(dt):
    x = np.array(FLOATS, dt)
    same(nc.spacing(nc.asarray(x)), np.spacing(x))
    m, e = nc.frexp(nc.asarray(x))
    wm, we = np.frexp(x)
    same(m, wm)
    same(e, we)


@pytest.mark.parametrize("dt", INTS)
def test_int_inputs(dt):
    x = np.arange(-3, 9).astype(dt) if dt != "bool" else np.array([True, False])
    for name in ("spacing", "bitwise_count"):
        want = getattr(np, name)(x)
        if want.dtype == np.float16:  # numc computes in float32 instead
            want = getattr(np, name)(x.astype(np.float32))
        same(getattr(nc, name)(nc.asarray(x)), want)
    wm, we = np.frexp(x)
    m, e = nc.frexp(nc.asarray(x))
    same(m, wm.astype(np.float32) if wm.dtype == np.float16 else wm)
    same(e, we)


@pytest.mark.parametrize("dt", ["int8", "int16", "int32", "int64", "uint8",
                                "uint64"])
def test_bitwise_count_extremes(dt):
    info = np.iinfo(dt)
    x = np.array([info.min, info.max, 0, 1], dt)
    same(nc.bitwise_count(nc.asarray(x)), np.bitwise_count(x))


def test_bitwise_count_float_raises():
    with pytest.raises(TypeError):
        np.bitwise_count(np.array([1.0]))
    with pytest.raises(TypeError):
        nc.bitwise_count(nc.asarray([1.0]))


@pytest.mark.parametrize("xdt", ["float32", "float64", "int8", "int32",
                                 "bool"])
@pytest.mark.parametrize("edt", ["int8", "int32", "int64", "bool", "uint16"])
def test_ldexp_types(xdt, edt):
    x = np.array([1, 0, 1, 1], xdt)
    e = np.array([3, 1, 0, 1], edt)
    want = np.ldexp(x, e)
    if want.dtype == np.float16:
        want = want.astype(np.float32)
    same(nc.ldexp(nc.asarray(x), nc.asarray(e)), want)


def test_ldexp_values_and_scalars():
    x = np.array(FLOATS)
    e = np.array([3, -2000, 2000, -1074, 1, 0, 5, -1, 7, -7, 2, -1, 1])
    same(nc.ldexp(nc.asarray(x), nc.asarray(e)), np.ldexp(x, e))
    same(nc.ldexp(nc.asarray(x), 4), np.ldexp(x, 4))
    same(nc.ldexp(1.5, nc.asarray([1, 2])), np.ldexp(1.5, np.array([1, 2])))
    assert float(nc.ldexp(nc.float32(1), 2)) == 4.0
    assert nc.ldexp(nc.float32(1), 2).dtype == nc.float32


@pytest.mark.parametrize("args", [(1.0, 2.0), (np.array([1.0]), np.array([2.0])),
                                  (np.array([1.0]), np.array([2], np.uint64))])
def test_ldexp_bad_exponent(args):
    with pytest.raises(TypeError):
        np.ldexp(*args)
    with pytest.raises(TypeError):
        nc.ldexp(*[nc.asarray(a) for a in args])


def test_out_where_dtype():
    x = np.array([1.0, 2.0, 3.0])
    o = nc.zeros(3)
    r = nc.spacing(nc.asarray(x), out=o)
    assert r is o
    same(o, np.spacing(x))
    o2 = nc.full(3, 7.0)
    nc.ldexp(nc.asarray(x), 2, out=o2, where=nc.asarray([True, False, True]))
    same(o2, np.array([4.0, 7.0, 12.0]))
    same(nc.spacing(nc.asarray(x), dtype=nc.float32),
         np.spacing(x, dtype=np.float32))


def test_frexp_ufunc_object_and_out():
    assert isinstance(nc.frexp, nc.ufunc)
    assert (nc.frexp.nin, nc.frexp.nout, nc.frexp.nargs) == (1, 2, 3)
    assert (nc.ldexp.nin, nc.ldexp.nout) == (2, 1)
    assert isinstance(nc.spacing, nc.ufunc) and isinstance(nc.bitwise_count, nc.ufunc)
    x = np.array([[1.0, 6.0], [-0.25, 0.0]])
    m, e = nc.zeros((2, 2)), nc.zeros((2, 2), dtype=nc.int32)
    r = nc.frexp(nc.asarray(x), out=(m, e))
    assert r[0] is m and r[1] is e
    wm, we = np.frexp(x)
    same(m, wm)
    same(e, we)
    m2, e2 = nc.zeros((2, 2)), nc.zeros((2, 2), dtype=nc.int32)
    nc.frexp(nc.asarray(x), m2, e2)
    same(e2, we)
    with pytest.raises(ValueError):
        nc.frexp(nc.asarray(x), out=(m,))
    with pytest.raises(TypeError):
        nc.frexp(nc.asarray(x), m, e, m)


def test_types_lists():
    assert nc.frexp.types == ["f->fi", "d->di"]
    assert nc.ldexp.types == ["fi->f", "fq->f", "di->d", "dq->d"]
    assert nc.ldexp.ntypes == 4
    assert "q->B" in nc.bitwise_count.types
    assert nc.spacing.types[-2:] == ["f->f", "d->d"]


def test_noncontiguous_and_empty_and_0d():
    x = np.linspace(-5, 5, 24).reshape(4, 6)[::-1, ::2]
    same(nc.spacing(nc.asarray(np.linspace(-5, 5, 24)).reshape(4, 6)[::-1, ::2]),
         np.spacing(x))
    m, e = nc.frexp(nc.asarray(np.empty((0, 3))))
    assert m.shape == (0, 3) and e.dtype == nc.int32
    m, e = nc.frexp(nc.asarray(np.float64(12.0)))
    assert float(m) == 0.75 and int(e) == 4


def test_numpy_dispatch():
    x = nc.asarray([1.0, 2.5, -8.0])
    for name in ("spacing", "frexp", "bitwise_count", "ldexp"):
        before = len(nc.fallback_log) if hasattr(nc, "fallback_log") else 0
        if name == "ldexp":
            r = np.ldexp(x, nc.asarray([1, 2, 3]))
            assert isinstance(r, nc.ndarray)
            same(r, np.ldexp(np.asarray(x), [1, 2, 3]))
        elif name == "frexp":
            m, e = np.frexp(x)
            assert isinstance(m, nc.ndarray) and isinstance(e, nc.ndarray)
            same(e, np.frexp(np.asarray(x))[1])
        elif name == "bitwise_count":
            xi = nc.asarray([7, -1, 255])
            r = np.bitwise_count(xi)
            assert isinstance(r, nc.ndarray)
            same(r, np.bitwise_count(np.asarray(xi)))
        else:
            r = np.spacing(x)
            assert isinstance(r, nc.ndarray)
            same(r, np.spacing(np.asarray(x)))
        if hasattr(nc, "fallback_log"):
            assert len(nc.fallback_log) == before  # ran in numc


def test_fused_lazy_equals_eager():
    xs = np.linspace(-100, 100, 5001)
    x = nc.asarray(xs)
    m, e = nc.frexp(x * 3 + 1)
    r = nc.ldexp(m, e) - (x * 3 + 1)  # exact round trip
    same(r, np.zeros_like(xs))
    same(nc.spacing(x * 2) + nc.bitwise_count(nc.asarray(np.arange(5001))),
         np.spacing(xs * 2) + np.bitwise_count(np.arange(5001)))


def test_nextafter_heaviside_gcd_lcm_exist():
    for name in ("nextafter", "heaviside", "gcd", "lcm"):
        assert isinstance(getattr(nc, name), nc.ufunc)
    same(nc.float_power(nc.asarray([2, 3]), 2), np.float_power([2, 3], 2))
    q, r = nc.divmod(nc.asarray([7, -7]), 2)
    wq, wr = np.divmod(np.array([7, -7]), 2)
    same(q, wq)
    same(r, wr)
    f, i = nc.modf(nc.asarray([1.5, -2.25]))
    wf, wi = np.modf(np.array([1.5, -2.25]))
    same(f, wf)
    same(i, wi)


@pytest.mark.parametrize("dt", ["float64", "complex128", "int32"])
def test_matvec_vecmat(dt):
    rng = np.random.default_rng(0)
    a = (rng.integers(-5, 5, (2, 3, 4)) + (1j if dt == "complex128" else 0)
         * rng.integers(-5, 5, (2, 3, 4))).astype(dt)
    v = (rng.integers(-5, 5, (4,)) + (1j if dt == "complex128" else 0)
         * rng.integers(-5, 5, (4,))).astype(dt)
    w = (rng.integers(-5, 5, (3,)) + (2j if dt == "complex128" else 0)).astype(dt)
    for got, want in ((nc.matvec(nc.asarray(a), nc.asarray(v)), np.matvec(a, v)),
                      (nc.vecmat(nc.asarray(w), nc.asarray(a)), np.vecmat(w, a)),
                      (np.matvec(nc.asarray(a), nc.asarray(v)), np.matvec(a, v)),
                      (np.vecmat(nc.asarray(w), nc.asarray(a)), np.vecmat(w, a))):
        assert isinstance(got, nc.ndarray)
        same(got, want)
    o = nc.zeros((2, 3), dtype=dt)
    assert nc.matvec(nc.asarray(a), nc.asarray(v), out=o) is o
    same(o, np.matvec(a, v))
    with pytest.raises(ValueError):
        np.matvec(a, w)
    with pytest.raises(ValueError):
        nc.matvec(nc.asarray(a), nc.asarray(w))
    with pytest.raises(ValueError):
        nc.vecmat(nc.asarray(v), nc.asarray(a))


@given(hnp.arrays(st.sampled_from([np.float32, np.float64]),
                  hnp.array_shapes(max_dims=3, max_side=6),
                  elements={"allow_nan": True, "allow_infinity": True}),
       st.integers(-1100, 1100))
def test_hypothesis_frexp_ldexp_spacing(x, k):
    y = nc.asarray(x)
    m, e = nc.frexp(y)
    wm, we = np.frexp(x)
    same(m, wm)
    same(e, we)
    same(nc.spacing(y), np.spacing(x))
    with np.errstate(all="ignore"), nc.errstate(all="ignore"):
        same(nc.ldexp(y, k), np.ldexp(x, k))
        same(nc.ldexp(m, e), np.ldexp(wm, we))
