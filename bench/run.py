#!/usr/bin/env python3
"""numc's benchmark suite (`make bench`).

Times every expression with NumPy, numexpr, a hand-written fused C loop
(bench/baseline/fused.c, -O3 -march=native -fopenmp) and numc, on the same
data in the same run, for float64 and float32 at several sizes; numc is timed
with all threads and with one. numc timings include evaluation. Each entry is
the median of several runs. Also measures the peak memory of a 6-operator
expression on 10**8 float64 values in NumPy and numc (separate processes),
and the linear algebra targets (bench/linalg_cases.py: matmul, batched
matmul, solve, cholesky, svd) as a second table.

Writes bench/results.md (tables, machine, versions, thread counts) and
bench/speedup.png. Never asserts anything about timings.

    python bench/run.py [--quick] [--sizes 1000,100000] [--skip-memory]
                        [--skip-linalg | --linalg-only]
"""
import argparse
import ctypes
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import textwrap
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

try:
    import numexpr as ne
except ImportError:  # pragma: no cover - make bench installs it
    ne = None

import numc as nc

sys.path.insert(0, HERE)
import linalg_cases  # noqa: E402


# ---- the hand-fused C baseline -------------------------------------------------

def build_baseline():
    """Compiles bench/baseline/fused.c twice (cached): the baseline proper,
    vectorised with SLEEF's 1-ULP functions (numc's accuracy), and a
    fast-math reference using glibc's libmvec (up to 4 ULP, FMA)."""
    src = os.path.join(HERE, "baseline", "fused.c")
    out_dir = os.path.join(ROOT, "build", "bench")
    os.makedirs(out_dir, exist_ok=True)
    variants = {
        "sleef": (["-DBASELINE_SLEEF"], ["-lsleefgnuabi", "-lm"]),
        "fast": (["-ffast-math"], ["-lm"]),
    }
    libs = {}
    for name, (cflags, ldflags) in variants.items():
        lib = os.path.join(out_dir, f"libfused_{name}.so")
        if not os.path.exists(lib) or os.path.getmtime(lib) < os.path.getmtime(src):
            subprocess.check_call(["cc", "-O3", "-march=native", "-fopenmp",
                                   "-fno-math-errno", *cflags,
                                   "-shared", "-fPIC", src, "-o", lib, *ldflags])
        libs[name] = ctypes.CDLL(lib)
    gomp = ctypes.CDLL("libgomp.so.1")
    return libs, gomp


def ptr(a):
    return a.ctypes.data_as(ctypes.c_void_p)


# ---- expressions ------------------------------------------------------------------
# Each expression: (name, numpy/numc function, numexpr function, C function,
# input builder). The numpy/numc function receives the module (np or nc) and
# its inputs; it is the same source text for both.

def poly6(xp, x):
    return ((((((0.5 * x - 1) * x + 2) * x - 3) * x + 4) * x - 5) * x + 6)


def cnd(xp, d):
    return 0.5 * (1 + xp.tanh(0.7978845608028654 * (d + 0.044715 * d * d * d)))


def blackscholes(xp, s, k, t):
    r, v = 0.05, 0.2
    sq = v * xp.sqrt(t)
    d1 = (xp.log(s / k) + (r + 0.5 * v * v) * t) / sq
    d2 = d1 - sq
    return s * cnd(xp, d1) - k * xp.exp(-r * t) * cnd(xp, d2)


def standardize(xp, x):
    return (x - xp.mean(x, axis=0)) / xp.std(x, axis=0)


BS_NE = ("s * (0.5 * (1 + tanh(0.7978845608028654 * (d1 + 0.044715 * d1**3))))"
         " - k * exp(-r * t) * (0.5 * (1 + tanh(0.7978845608028654 * "
         "(d2 + 0.044715 * d2**3))))")


def ne_blackscholes(s, k, t):
    r, v = 0.05, 0.2
    sq = ne.evaluate("v * sqrt(t)")
    d1 = ne.evaluate("(log(s / k) + (r + 0.5 * v * v) * t) / sq")
    d2 = ne.evaluate("d1 - sq")
    return ne.evaluate(BS_NE)


def ne_standardize(x):
    rows = x.shape[0]
    m = ne.evaluate("sum(x, axis=0)") / rows
    d = ne.evaluate("(x - m)**2")
    s = np.sqrt(ne.evaluate("sum(d, axis=0)") / rows)
    return ne.evaluate("(x - m) / s")


def inputs(n, dtype, kind, rng):
    def u(lo, hi):
        return rng.uniform(lo, hi, n).astype(dtype)
    if kind == "abcd":
        return [u(-2, 2), u(-2, 2), u(0.5, 4), u(-2, 2)]
    if kind == "ab":
        return [u(-2, 2), u(-2, 2)]
    if kind == "abc":
        return [u(-2, 2), u(-2, 2), u(0.5, 4)]
    if kind == "a":
        return [u(-2, 2)]
    if kind == "bs":
        s = u(50, 150)
        return [s, (s * rng.uniform(0.8, 1.2, n)).astype(dtype), u(0.1, 2)]
    if kind == "2d":
        cols = 1000 if n >= 10**5 else 10
        rows = max(n // cols, 2)
        return [rng.standard_normal((rows, cols)).astype(dtype)]
    raise ValueError(kind)


def c_call(c, fn, dtype, arrs):
    s = "f64" if dtype == np.float64 else "f32"
    T = ctypes.c_double if dtype == np.float64 else ctypes.c_float
    n = ctypes.c_int64(arrs[0].size)
    f = getattr(c, f"{fn}_{s}")
    if fn == "sqdiff":
        f.restype = ctypes.c_double
        return lambda: f(n, ptr(arrs[0]), ptr(arrs[1]))
    if fn == "standardize":
        x = arrs[0]
        rows, cols = x.shape
        o, m, sd = np.empty_like(x), np.empty(cols, dtype), np.empty(cols, dtype)
        return lambda: f(ctypes.c_int64(rows), ctypes.c_int64(cols), ptr(x), ptr(o),
                         ptr(m), ptr(sd))
    if fn == "blackscholes":
        o = np.empty_like(arrs[0])
        return lambda: f(n, *[ptr(a) for a in arrs], T(0.05), T(0.2), ptr(o))
    o = np.empty_like(arrs[0])
    return lambda: f(n, *[ptr(a) for a in arrs], ptr(o))


EXPRESSIONS = [
    ("a*b+c*d", lambda xp, a, b, c, d: a * b + c * d,
     lambda a, b, c, d: ne.evaluate("a*b+c*d"), "axpy2", "abcd"),
    ("sqrt(a**2+b**2)", lambda xp, a, b: xp.sqrt(a**2 + b**2),
     lambda a, b: ne.evaluate("sqrt(a**2+b**2)"), "hypot", "ab"),
    ("sum((a-b)**2)", lambda xp, a, b: xp.sum((a - b)**2),
     lambda a, b: ne.evaluate("sum((a-b)**2)"), "sqdiff", "ab"),
    ("exp(-a*a/2)*sin(b)+log(c)", lambda xp, a, b, c: xp.exp(-a * a / 2) * xp.sin(b) + xp.log(c),
     lambda a, b, c: ne.evaluate("exp(-a*a/2)*sin(b)+log(c)"), "gauss", "abc"),
    ("where(a>0, a, 0.01*a)", lambda xp, a: xp.where(a > 0, a, 0.01 * a),
     lambda a: ne.evaluate("where(a>0, a, 0.01*a)"), "leaky", "a"),
    ("poly6 (Horner)", poly6,
     lambda x: ne.evaluate("(((((0.5*x - 1)*x + 2)*x - 3)*x + 4)*x - 5)*x + 6"), "poly6", "a"),
    ("(x-mean(x,0))/std(x,0)", standardize, ne_standardize, "standardize", "2d"),
    ("black-scholes", blackscholes, ne_blackscholes, "blackscholes", "bs"),
]


# ---- timing ---------------------------------------------------------------------

def median_time(fn, budget=0.4, min_runs=5, max_runs=200):
    """Median seconds per call; batches tiny calls so each sample is >= 1 ms."""
    fn()  # warm up (and let numc compile/cache what it needs)
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    inner = max(1, int(1e-3 / one))
    runs = int(min(max_runs, max(min_runs, budget / (one * inner))))
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - t0) / inner)
    return statistics.median(samples)


def numc_runner(fn, arrs):
    xs = [nc.asarray(a, copy=True) for a in arrs]
    nc.eval(*xs)

    def run():
        r = fn(nc, *xs)
        nc.eval(r)
        return r
    return run


def tiny_loop(xp, steps=1000):
    """1000 dependent operations on 8 elements with a scalar read each step."""
    x = xp.asarray([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0])
    acc = 0.0
    for _ in range(steps):
        x = x * 0.999 + 0.001
        acc += float(x[3])
    return acc


def random_times(n=10**7):
    """(name, NumPy s, numc s) for n draws from default_rng(0) (same streams)."""
    g, h = np.random.default_rng(0), nc.random.default_rng(0)
    cases = [("standard_normal", lambda r: r.standard_normal(n)),
             ("random (uniform [0, 1))", lambda r: r.random(n)),
             ("uniform(-1, 1)", lambda r: r.uniform(-1, 1, n))]
    return [(name, median_time(lambda: f(g), 1.0, 3, 10), median_time(lambda: f(h), 1.0, 3, 10))
            for name, f in cases]


# ---- peak memory ------------------------------------------------------------------

MEMORY_SCRIPT = textwrap.dedent("""
    import resource, sys
    import numpy as np
    lib = sys.argv[1]
    n = int(sys.argv[2])
    xp = np if lib == "numpy" else __import__("numc")
    a = xp.ones(n) * 1.5
    b = xp.ones(n) * 2.5
    c = xp.ones(n) * 0.5
    if lib == "numc":
        xp.eval(a, b, c)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = xp.sqrt(a * b + c * c - a / b) * xp.exp(-c)   # 6 operators
    if lib == "numc":
        xp.eval(r)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(base, peak)
""")


def peak_memory(n):
    out = {}
    for lib in ("numpy", "numc"):
        p = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, lib, str(n)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            out[lib] = None
            print(p.stderr, file=sys.stderr)
            continue
        base, peak = (int(v) for v in p.stdout.split())
        out[lib] = (base / 2**20, peak / 2**20)  # KiB -> GiB
    return out


# ---- main -----------------------------------------------------------------------

def machine_info():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer sizes, shorter runs")
    ap.add_argument("--sizes", default=None)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-linalg", action="store_true")
    ap.add_argument("--linalg-only", action="store_true",
                    help="only the linear algebra table")
    ap.add_argument("--out", default=os.path.join(HERE, "results.md"))
    args = ap.parse_args()

    sizes = [10, 10**3, 10**5, 10**7]
    if args.quick:
        sizes = [10, 10**3, 10**5, 10**6]
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    threads = nc.get_num_threads()
    libs, gomp = build_baseline()
    if ne is not None:
        ne.set_num_threads(threads)
    rng = np.random.default_rng(0)
    rows = []  # (dtype, n, expr, t_np, t_ne, t_c, t_nc, t_nc1, t_cfast)
    budget = 0.15 if args.quick else 0.4
    if args.linalg_only:
        sizes = []
    for dtype in (np.float64, np.float32):
        for n in sizes:
            for name, fn, ne_fn, c_fn, kind in EXPRESSIONS:
                arrs = inputs(n, dtype, kind, rng)
                t_np = median_time(lambda: fn(np, *arrs), budget)
                t_ne = median_time(lambda: ne_fn(*arrs), budget) if ne else float("nan")
                gomp.omp_set_num_threads(threads)
                t_c = median_time(c_call(libs["sleef"], c_fn, dtype, arrs), budget)
                t_cf = median_time(c_call(libs["fast"], c_fn, dtype, arrs), budget)
                run = numc_runner(fn, arrs)
                ref = fn(np, *arrs)
                got = np.asarray(run())
                tol = 1e-4 if dtype == np.float32 else 1e-9
                if not np.allclose(got, ref, rtol=tol, atol=tol):
                    print(f"MISMATCH {name} {n} {dtype.__name__}", file=sys.stderr)
                nc.set_num_threads(threads)
                t_nc = median_time(run, budget)
                nc.set_num_threads(1)
                t_nc1 = median_time(run, budget)
                nc.set_num_threads(threads)
                rows.append((dtype.__name__, n, name, t_np, t_ne, t_c, t_nc, t_nc1, t_cf))
                print(f"{dtype.__name__:8s} {n:>9d} {name:28s} numpy {t_np*1e3:9.3f} ms"
                      f"  numexpr {t_ne*1e3:9.3f}  C {t_c*1e3:9.3f}  numc {t_nc*1e3:9.3f}"
                      f"  numc(1t) {t_nc1*1e3:9.3f}", flush=True)

    if args.linalg_only:
        t_tiny_np = t_tiny_nc = None
        rnd = ()
    else:
        t_tiny_np = median_time(lambda: tiny_loop(np), 1.0)
        t_tiny_nc = median_time(lambda: tiny_loop(nc), 1.0)
        print(f"tiny loop: numpy {t_tiny_np*1e3:.3f} ms, numc {t_tiny_nc*1e3:.3f} ms")
        rnd = random_times(10**6 if args.quick else 10**7)
        for name, a, b in rnd:
            print(f"random {name}: numpy {a*1e3:.1f} ms, numc {b*1e3:.1f} ms")
    mem = None if args.skip_memory or args.linalg_only else peak_memory(
        10**8 if not args.quick else 10**7)
    la_rows = None if args.skip_linalg else linalg_cases.run()
    write_report(args.out, rows, sizes, threads, t_tiny_np, t_tiny_nc, mem,
                 la_rows, rnd)
    if rows:
        plot(rows, os.path.join(HERE, "speedup.png"))


def geo(vals):
    vals = [v for v in vals if v > 0 and math.isfinite(v)]
    return math.exp(sum(math.log(v) for v in vals) / len(vals)) if vals else float("nan")


def write_report(path, rows, sizes, threads, t_np, t_nc, mem, la_rows=None, rnd=()):
    lines = ["# numc benchmark results", "",
             f"- machine: {machine_info()}, {os.cpu_count()} logical CPUs; "
             f"numc threads: {threads} (and 1 for the single-thread column)",
             f"- numpy {np.__version__}, numexpr {ne.__version__ if ne else 'absent'}, "
             f"numc {nc.__version__}, Python {platform.python_version()}",
             "- C fused: bench/baseline/fused.c, -O3 -march=native -fopenmp, "
             f"{threads} OpenMP threads, vector math from SLEEF's 1-ULP functions (numc's "
             "accuracy); C fast-math: the same loops with -ffast-math and glibc's libmvec "
             "(up to 4 ULP, FMA contraction), for reference",
             "- times are medians in milliseconds and include numc's evaluation; "
             "ratios > 1 mean numc is faster", ""]
    for dtype in ("float64", "float32") if rows else ():
        lines += [f"## {dtype}", "",
                  "| n | expression | NumPy | numexpr | C fused | C fast-math | numc | "
                  "numc 1 thread | NumPy/numc | numexpr/numc | C/numc | C fast-math/numc | "
                  "NumPy/numc (1 thread) |",
                  "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for d, n, name, a, b, c, x, x1, cf in rows:
            if d != dtype:
                continue
            lines.append(f"| {n} | `{name}` | {a*1e3:.3f} | {b*1e3:.3f} | {c*1e3:.3f} | "
                         f"{cf*1e3:.3f} | {x*1e3:.3f} | {x1*1e3:.3f} | {a/x:.2f} | {b/x:.2f} | "
                         f"{c/x:.2f} | {cf/x:.2f} | {a/x1:.2f} |")
        big = max(sizes)
        sel = [r for r in rows if r[0] == dtype and r[1] == big]
        if sel:
            lines += ["", f"Geometric means at n = {big}: NumPy/numc "
                      f"{geo([r[3]/r[6] for r in sel]):.2f}, numexpr/numc "
                      f"{geo([r[4]/r[6] for r in sel]):.2f}, C/numc "
                      f"{geo([r[5]/r[6] for r in sel]):.2f} (C fast-math/numc "
                      f"{geo([r[8]/r[6] for r in sel]):.2f}), single-thread NumPy/numc "
                      f"{geo([r[3]/r[7] for r in sel]):.2f}", ""]
    if t_np is not None:
        lines += ["## Tiny arrays", "",
                  "1000 dependent operations `x = x * 0.999 + 0.001` on 8 elements, reading "
                  "`float(x[3])` each step:", "",
                  "| NumPy | numc | NumPy/numc |", "|---:|---:|---:|",
                  f"| {t_np*1e3:.3f} ms | {t_nc*1e3:.3f} ms | {t_np/t_nc:.2f} |", ""]
    if rnd:
        lines += ["## Random numbers", "",
                  "Generator draws from `default_rng(0)` (numc draws NumPy's streams), "
                  "float64 output:", "",
                  "| draws | NumPy | numc | NumPy/numc |", "|---|---:|---:|---:|"]
        lines += [f"| `{name}` | {a*1e3:.1f} ms | {b*1e3:.1f} ms | {a/b:.2f} |"
                  for name, a, b in rnd] + [""]
    if mem:
        lines += ["## Peak memory", "",
                  "`sqrt(a*b + c*c - a/b) * exp(-c)` (6 operators) on float64 inputs; peak "
                  "resident set size of the process (GiB), before and after computing:", "",
                  "| library | inputs only | peak |", "|---|---:|---:|"]
        for lib, v in mem.items():
            if v:
                lines.append(f"| {lib} | {v[0]:.2f} | {v[1]:.2f} |")
        lines.append("")
    if la_rows:
        lines += linalg_cases.report_lines(la_rows)
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {path}")


def plot(rows, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no plot")
        return
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
    for ax, dtype in zip(axes, ("float64", "float32")):
        names = sorted({r[2] for r in rows}, key=[e[0] for e in EXPRESSIONS].index)
        for name in names:
            pts = sorted((r[1], r[3] / r[6]) for r in rows if r[0] == dtype and r[2] == name)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=name)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.axhline(1, color="gray", lw=0.8)
        ax.set_title(f"numc speedup over NumPy ({dtype})")
        ax.set_xlabel("elements")
    axes[0].set_ylabel("NumPy time / numc time")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
