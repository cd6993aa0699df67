"""bench/linalg_numpy.py - NumPy's side of bench/cbench_linalg.c.

Same cases, same sizes, best of several runs in milliseconds:
    .venv/bin/python bench/linalg_numpy.py
Compare its table with the one cbench_linalg prints on the same machine.
NumPy uses its own bundled OpenBLAS (scipy-openblas); the versions are
printed so the comparison can be read correctly.
"""
import time

import numpy as np


def best(fn, reps):
    t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t * 1e3


def main():
    rng = np.random.default_rng(0)
    cfg = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    print(f"numpy {np.__version__}, BLAS {cfg['name']} {cfg['version']}")
    rows = []
    for dt in (np.float64, np.float32):
        a = rng.random((2000, 2000)).astype(dt) - 0.5
        b = rng.random((2000, 2000)).astype(dt) - 0.5
        a @ b
        rows.append((f"matmul {'f64' if dt is np.float64 else 'f32'} 2000x2000", best(lambda: a @ b, 7)))
    a = rng.random((2000, 32, 32)) - 0.5
    b = rng.random((2000, 32, 32)) - 0.5
    rows.append(("matmul 2000 x (32x32) f64", best(lambda: a @ b, 21)))
    n = 1000
    a = rng.random((n, n)) - 0.5 + np.eye(n) * n / 4
    v = rng.random(n) - 0.5
    rows.append(("solve 1000x1000", best(lambda: np.linalg.solve(a, v), 7)))
    m = rng.random((n, n)) - 0.5
    spd = m @ m.T + n * np.eye(n)
    rows.append(("cholesky 1000x1000", best(lambda: np.linalg.cholesky(spd), 7)))
    rows.append(("svd 1000x1000", best(lambda: np.linalg.svd(m), 3)))
    print(f"{'case':28s} {'numpy ms':>12s}")
    for name, t in rows:
        print(f"{name:28s} {t:12.3f}")


if __name__ == "__main__":
    main()
