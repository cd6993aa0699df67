"""Fused evaluation equals eager evaluation and NumPy.

Random expression trees over a few inputs are built three ways: with NumPy,
with numc in eager mode (every operation runs at once) and with numc lazily
(the planner fuses the pending graph into kernels). The results must agree:
exactly between the two numc modes, and with NumPy exactly for + - * and
comparisons, to a few ULP for the transcendental functions. Sizes straddle
the VM's block (1024 elements) and the eager threshold, inputs are
broadcast, strided and reversed, intermediates are shared and kept alive
(so they become extra kernel outputs), reductions run over every axis, and
the thread count varies from 1 to 4.
"""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import numc as nc

SIZES = [1023, 1024, 1025, 4097, 20011]
UNARY = ["negative", "abs", "sqrt", "exp", "sin", "log1p", "square", "tanh"]
BINARY = ["add", "subtract", "multiply", "maximum", "minimum", "hypot"]
REDUCE = ["sum", "mean", "max", "min", "prod"]


@pytest.fixture(params=[1, 2, 3, 4])
def threads(request):
    old = nc.get_num_threads()
    nc.set_num_threads(request.param)
    yield request.param
    nc.set_num_threads(old)


def build(xp, leaves, program):
    """Runs a program (a list of (op, args) over value slots) in xp; the
    slots start as the leaves. Returns every slot, so intermediates stay
    alive and shared."""
    vals = list(leaves)
    for op, args in program:
        f = getattr(xp, op)
        v = f(*[vals[i] for i in args])
        if op in ("sqrt", "log1p"):  # keep the domain: sqrt(|x|), log1p(|x|)
            v = f(xp.abs(vals[args[0]]))
        vals.append(v)
    return vals


@st.composite
def programs(draw, nleaves):
    prog = []
    for i in range(draw(st.integers(1, 10))):
        n = nleaves + i
        if draw(st.booleans()):
            prog.append((draw(st.sampled_from(UNARY)), (draw(st.integers(0, n - 1)),)))
        else:
            prog.append((draw(st.sampled_from(BINARY)),
                         (draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1)))))
    return prog


def leaves_for(rng, shape, dtype, layout):
    """Three inputs of `shape`: contiguous, reversed and strided views, and a
    row broadcast along axis 0 (as a NumPy array and its numc twin)."""
    n = int(np.prod(shape))
    base = rng.uniform(-2, 2, size=2 * n).astype(dtype)
    a = base[:n].reshape(shape)
    if layout == "reversed":
        a = a[::-1]
    elif layout == "strided":
        a = base[::2].reshape(shape)
    b = rng.uniform(-2, 2, size=shape).astype(dtype)
    row = rng.uniform(-2, 2, size=shape[-1:]).astype(dtype)
    x = nc.asarray(base)
    xa = x[:n].reshape(shape)
    if layout == "reversed":
        xa = xa[::-1]
    elif layout == "strided":
        xa = x[::2].reshape(shape)
    return [a, b, row], [xa, nc.asarray(b), nc.asarray(row)]


def close(got, want, dtype):
    """got (numc) matches NumPy's want: same dtype and shape, values to a
    few ULP of the largest magnitude involved (cancellation in a - b
    leaves only an absolute bound)."""
    got = np.asarray(got)
    assert got.dtype == want.dtype and got.shape == want.shape
    fin = np.isfinite(want)
    scale = 1.0 + (np.abs(want[fin]).max() if fin.any() else 0.0)
    tol = 1e-4 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol * scale, equal_nan=True)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_fused_equals_eager_and_numpy(threads, data):
    size = data.draw(st.sampled_from(SIZES))
    dtype = data.draw(st.sampled_from([np.float64, np.float32]))
    layout = data.draw(st.sampled_from(["contiguous", "reversed", "strided"]))
    shape = (size,) if data.draw(st.booleans()) else (size // 7 + 1, 7)
    shape = (int(np.prod(shape)) // shape[-1], shape[-1]) if len(shape) == 2 else shape
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    np_leaves, nc_leaves = leaves_for(rng, shape, dtype, layout)
    prog = data.draw(programs(len(np_leaves)))
    with np.errstate(all="ignore"):
        want = build(np, np_leaves, prog)
    with nc.errstate(all="ignore"):
        lazy = build(nc, nc_leaves, prog)
        nc.eval(*lazy[3:])
        with nc.eager():
            eager = build(nc, nc_leaves, prog)
    for w, l, e in zip(want[3:], lazy[3:], eager[3:]):
        np.testing.assert_array_equal(np.asarray(l), np.asarray(e))
        close(l, w, dtype)


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_fused_reductions_every_axis(threads, data):
    rows = data.draw(st.sampled_from([1, 3, 1024, 1025]))
    cols = data.draw(st.sampled_from([1, 5, 1023, 1025]))
    dtype = data.draw(st.sampled_from([np.float64, np.float32, np.int32]))
    red = data.draw(st.sampled_from(REDUCE))
    axis = data.draw(st.sampled_from([None, 0, 1, -1, (0, 1)]))
    keep = data.draw(st.booleans())
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    a = (rng.uniform(-3, 3, size=(rows, cols)) * (1 if dtype != np.int32 else 10)).astype(dtype)
    b = rng.uniform(0.5, 1.5, size=(cols,)).astype(dtype if dtype != np.int32 else np.float64)
    x, y = nc.asarray(a), nc.asarray(b)
    if red == "prod":  # keep products finite
        a, x = np.sign(a) + 0 * a, nc.sign(x) + 0 * x
    want = getattr(np, red)(a * b - a, axis=axis, keepdims=keep)
    got = getattr(nc, red)(x * y - x, axis=axis, keepdims=keep)
    with nc.eager():
        eager = getattr(nc, red)(x * y - x, axis=axis, keepdims=keep)
    np.testing.assert_array_equal(np.asarray(got), np.asarray(eager))
    got = np.asarray(got)
    assert got.shape == want.shape and got.dtype == want.dtype
    tol = 1e-4 if want.dtype == np.float32 else 1e-10
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol * max(1, rows * cols) ** 0.5)


@pytest.mark.parametrize("n", SIZES)
def test_shared_intermediate_is_an_extra_output(n):
    """An intermediate with a live handle is an extra output of the kernel
    that consumes it (computed once, never recomputed): one kernel, and its
    values are those of evaluating it alone."""
    a = np.linspace(-1, 1, n)
    x = nc.linspace(-1, 1, n)
    nc.eval(x)
    t = nc.exp(x) * 2.0           # kept alive, read twice below
    r = nc.sin(t) + t * t
    if n >= nc._get_eager_threshold():
        plan = nc.explain(r)
        assert "in 1 kernel" in plan and "2 outputs" in plan
    nc.eval(r)
    tn = np.exp(a) * 2.0
    np.testing.assert_allclose(np.asarray(t), tn, rtol=1e-15)
    np.testing.assert_allclose(np.asarray(r), np.sin(tn) + tn * tn, rtol=1e-14)


@pytest.mark.parametrize("n", SIZES)
def test_two_roots_sharing_an_intermediate(n):
    a = np.linspace(-1, 1, n)
    x = nc.linspace(-1, 1, n)
    t = nc.exp(x) * 2.0
    r1 = nc.sin(t) + t
    r2 = t - nc.cos(t)
    if n >= nc._get_eager_threshold():
        plan = nc.explain(r1, r2)  # sibling sinks merge: t, r1, r2 in one pass
        assert "in 1 kernel" in plan and "3 outputs" in plan
    nc.eval(r1, r2)
    tn = np.exp(a) * 2.0
    np.testing.assert_allclose(np.asarray(r1), np.sin(tn) + tn, rtol=1e-14)
    np.testing.assert_allclose(np.asarray(r2), tn - np.cos(tn), rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(np.asarray(t), tn, rtol=1e-15)


@pytest.mark.parametrize("n", SIZES)
def test_sibling_that_feeds_another_is_not_merged(n):
    """r2 reads r1 reversed (not fusable), so r1's group feeds r2's: merging
    them would make a cycle. The plan keeps them apart and stays correct."""
    a = np.linspace(-1, 1, n)
    x = nc.linspace(-1, 1, n)
    t = nc.exp(x) * 2.0
    r1 = nc.sin(t) + t
    r2 = nc.cos(t) + r1[::-1]
    r3 = t * 3.0
    nc.eval(r2, r3, r1)
    tn = np.exp(a) * 2.0
    r1n = np.sin(tn) + tn
    np.testing.assert_allclose(np.asarray(r1), r1n, rtol=1e-14)
    np.testing.assert_allclose(np.asarray(r2), np.cos(tn) + r1n[::-1], rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(np.asarray(r3), tn * 3.0, rtol=1e-15)
