"""numc demo: Monte-Carlo pricing of European options, NumPy vs numc.

The same code runs on both libraries (it only uses the shared array API):
simulate terminal prices of a geometric Brownian motion for a few million
paths, then price a call and a put, estimate the call's delta and the
payoff's standard error, for several strikes. NumPy computes each line as
separate passes over memory; numc records the expressions and runs them as
fused, multithreaded kernels when the results are needed (numc.eval runs all
of them in one plan, reading the random numbers once).

Run with `make run` (or `python examples/demo.py [n_paths]`).
"""
import math
import sys
import time

import numpy as np

import numc as nc

S0, R, SIGMA, T = 100.0, 0.03, 0.25, 1.5
STRIKES = [80.0, 100.0, 120.0]


def price(xp, z, strike):
    """Discounted call/put prices, call delta and the call's standard error
    over the normal draws z (xp is numpy or numc)."""
    drift = (R - 0.5 * SIGMA**2) * T
    vol = SIGMA * math.sqrt(T)
    disc = math.exp(-R * T)
    st = S0 * xp.exp(drift + vol * z)               # terminal prices
    call_payoff = xp.maximum(st - strike, 0.0)
    call = disc * xp.mean(call_payoff)
    put = disc * xp.mean(xp.maximum(strike - st, 0.0))
    delta = disc * xp.mean(xp.where(st > strike, st / S0, 0.0))
    stderr = disc * xp.std(call_payoff) / math.sqrt(z.shape[0])
    return [call, put, delta, stderr]


def black_scholes_call(strike):
    d1 = (math.log(S0 / strike) + (R + 0.5 * SIGMA**2) * T) / (SIGMA * math.sqrt(T))
    d2 = d1 - SIGMA * math.sqrt(T)
    cdf = lambda x: 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))  # noqa: E731
    return S0 * cdf(d1) - strike * math.exp(-R * T) * cdf(d2)


def run_numpy(z):
    return [[float(v) for v in price(np, z, k)] for k in STRIKES]


def run_numc(z):
    results = [price(nc, z, k) for k in STRIKES]
    nc.eval(*[v for row in results for v in row])  # one fused plan
    return [[float(v) for v in row] for row in results]


def best_time(fn, *args, repeat=3):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4_000_000
    z_np = np.random.default_rng(2024).standard_normal(n)
    z_np.flags.writeable = False           # shared read-only: numc stays lazy
    z_nc = nc.asarray(z_np)                # zero-copy view of NumPy's memory

    t_np, res_np = best_time(run_numpy, z_np)
    t_nc, res_nc = best_time(run_numc, z_nc)

    print(f"Monte-Carlo European options: {n:,} paths, {len(STRIKES)} strikes, "
          f"{nc.get_num_threads()} numc threads")
    print(f"{'strike':>8} {'call':>10} {'(B-S)':>10} {'put':>10} {'delta':>8} {'stderr':>8}")
    for k, row in zip(STRIKES, res_nc):
        call, put, delta, se = row
        print(f"{k:8.1f} {call:10.4f} {black_scholes_call(k):10.4f} {put:10.4f} "
              f"{delta:8.4f} {se:8.4f}")
    print(f"NumPy {np.__version__}: {t_np * 1e3:8.1f} ms")
    print(f"numc  {nc.__version__}: {t_nc * 1e3:8.1f} ms   ({t_np / t_nc:.2f}x)")

    got, want = np.array(res_nc), np.array(res_np)
    assert np.allclose(got, want, rtol=1e-10, atol=1e-12), (got, want)
    for k, row in zip(STRIKES, res_nc):  # the estimate agrees with the formula
        assert abs(row[0] - black_scholes_call(k)) < 6 * row[3] + 1e-3
    print("results agree with NumPy (rtol 1e-10)")


if __name__ == "__main__":
    main()
