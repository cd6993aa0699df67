"""bench/linalg_cases.py - the linear algebra part of `make bench`.

The issue's targets, timed for NumPy and numc on the same data in the same
process (bench/run.py calls run() and report_lines()):

    matmul float64 and float32 2000x2000, batched matmul of 2000 stacks of
    32x32 (float64), solve / cholesky / svd on 1000x1000 (float64).

numc's matmul is lazy, so its timing includes nc.eval of the product;
decompositions compute at the call. Each entry is the median of a few runs
(the big cases are long, so few). numc uses the system OpenBLAS (Debian),
NumPy its bundled scipy-openblas: the report names both.

Standalone: .venv/bin/python bench/linalg_cases.py
"""
import ctypes
import os
import statistics
import time

import numpy as np

import numc as nc


def median_ms(fn, runs):
    """Median milliseconds of `runs` calls, after one warm-up call."""
    fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e3


def _openblas_threads():
    """(numc's OpenBLAS thread count, or None when it cannot be read)."""
    try:
        lib = ctypes.CDLL(nc._numc.__file__)
        f = lib.openblas_get_num_threads
    except (OSError, AttributeError):
        try:
            f = ctypes.CDLL("libopenblas.so.0").openblas_get_num_threads
        except (OSError, AttributeError):
            return None
    f.restype = ctypes.c_int
    return f()


def cases(rng):
    """(name, numpy callable, numc callable, runs) for each target."""
    out = []
    for dt in (np.float64, np.float32):
        a = (rng.random((2000, 2000)) - 0.5).astype(dt)
        b = (rng.random((2000, 2000)) - 0.5).astype(dt)
        x, y = nc.asarray(a, copy=True), nc.asarray(b, copy=True)
        out.append((f"matmul {np.dtype(dt).name} 2000x2000",
                    lambda a=a, b=b: a @ b,
                    lambda x=x, y=y: nc.eval(x @ y), 5))
    a = rng.random((2000, 32, 32)) - 0.5
    b = rng.random((2000, 32, 32)) - 0.5
    x, y = nc.asarray(a, copy=True), nc.asarray(b, copy=True)
    out.append(("matmul 2000 x (32x32) float64", lambda: a @ b,
                lambda: nc.eval(x @ y), 21))
    n = 1000
    m = rng.random((n, n)) - 0.5
    sq = m + np.eye(n) * n / 4
    v = rng.random(n) - 0.5
    spd = m @ m.T + n * np.eye(n)
    xm, xs, xv, xp = (nc.asarray(t, copy=True) for t in (m, sq, v, spd))
    out.append(("solve 1000x1000", lambda: np.linalg.solve(sq, v),
                lambda: nc.linalg.solve(xs, xv), 7))
    out.append(("cholesky 1000x1000", lambda: np.linalg.cholesky(spd),
                lambda: nc.linalg.cholesky(xp), 7))
    out.append(("svd 1000x1000", lambda: np.linalg.svd(m),
                lambda: nc.linalg.svd(xm), 3))
    return out


def run(verbose=True):
    """Times every case; returns [(name, numpy ms, numc ms)]."""
    rng = np.random.default_rng(0)
    rows = []
    for name, f_np, f_nc, runs in cases(rng):
        # each library's BLAS threads spin-wait for a while after its calls
        # (OPENBLAS_THREAD_TIMEOUT): let them fall asleep before the other
        # library is timed, so neither is measured against the other's spin
        time.sleep(0.5)
        t_np = median_ms(f_np, runs)
        time.sleep(0.5)
        t_nc = median_ms(f_nc, runs)
        rows.append((name, t_np, t_nc))
        if verbose:
            print(f"{name:32s} numpy {t_np:10.3f} ms  numc {t_nc:10.3f} ms  "
                  f"numpy/numc {t_np / t_nc:5.2f}", flush=True)
    return rows


def report_lines(rows):
    """The markdown section for bench/results.md."""
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        np_blas = f"{blas['name']} {blas['version']}"
    except Exception:  # pragma: no cover - older NumPy
        np_blas = "unknown"
    ob = _openblas_threads()
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    lines = ["## Linear algebra", "",
             f"- load average when the table was written: {load} (on a busy "
             "machine NumPy's OpenBLAS, whose threads spin-wait, suffers "
             "most; compare runs on the same machine only)",
             f"- NumPy's BLAS: {np_blas}; numc: the system OpenBLAS/LAPACKE; "
             f"numc threads {nc.get_num_threads()}, numc's OpenBLAS thread "
             f"setting between calls {ob if ob is not None else 'unknown'}",
             "- medians in milliseconds (numc's include evaluating the lazy "
             "product); NumPy/numc > 1 means numc is faster", "",
             "| case | NumPy | numc | NumPy/numc |", "|---|---:|---:|---:|"]
    for name, t_np, t_nc in rows:
        lines.append(f"| {name} | {t_np:.3f} | {t_nc:.3f} | "
                     f"{t_np / t_nc:.2f} |")
    lines.append("")
    return lines


if __name__ == "__main__":
    print("\n".join(report_lines(run())))
