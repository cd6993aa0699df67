#!/usr/bin/env python3
"""Compare every typed loop of libnumc with NumPy on large value grids.

Development aid, not part of the test suite (tests/c/test_loops.c checks a
small committed grid from tools/gen_loop_vectors.py). Runs tools/loopdump
(built from tools/loopdump.c against the library) on edge values plus
random values of every magnitude, and prints per (op, dtype, ISA) the
number of elements that differ from NumPy and the largest difference in
units in the last place (NaN == NaN; zeros and infinities must match
exactly).

Usage: python tools/check_loops.py --loopdump PATH [--isa base,avx2]
                                   [--n 20000] [op ...]
Build loopdump against the static library first, for example:
  cc -std=c11 -O2 -Iinclude -Isrc -DNUMC_STATIC tools/loopdump.c \
     build/libnumc.a -lsleef -llapacke -lopenblas -lm -lpthread -o loopdump
"""
import argparse
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_loop_vectors import (BINARY, PLAIN_CMUL, UNARY, kind,  # noqa: E402
                              native_dtypes, numpy_op, ulps, values)
from gen_loop_vectors import expected as gen_expected  # noqa: E402


def random_values(d, n, rng):
    k = kind(d)
    if k == "b":
        return rng.integers(0, 2, n).astype(bool)
    if k in "iu":
        info = np.iinfo(d)
        bits = rng.integers(1, info.bits + 1, n)
        v = rng.integers(0, 2**62, n, dtype=np.int64) % (2.0 ** bits)
        v = np.array([int(x) for x in v], dtype=object)
        if k == "i":
            v = v * rng.choice([-1, 1], n)
        v = np.array([min(max(int(x), int(info.min)), int(info.max)) for x in v])
        return v.astype(d)
    rd = np.float32 if d in ("float32", "complex64") else np.float64
    fi = np.finfo(rd)
    e = rng.uniform(np.log2(float(fi.smallest_subnormal)), np.log2(float(fi.max)), n)
    r = (rng.choice([-1, 1], n) * 2.0 ** e).astype(rd)
    small = (rng.uniform(-8, 8, n)).astype(rd)   # the interesting range
    r = np.where(rng.random(n) < 0.5, small, r)
    if k == "c":
        i = np.where(rng.random(n) < 0.5, rng.uniform(-8, 8, n).astype(rd),
                     r[rng.permutation(n)])
        return (r + 1j * i).astype(d)
    return r.astype(d)


def grid(d, nin, n, rng):
    v = np.array(values(d), dtype=d)
    if nin == 1:
        return [np.concatenate([v, random_values(d, n, rng)])]
    a = np.repeat(v, len(v))
    b = np.tile(v, len(v))
    return [np.concatenate([a, random_values(d, n, rng)]),
            np.concatenate([b, random_values(d, n, rng)])]


def expected(op, d, ins):
    if op == "round" and kind(d) in "biu":
        return ins[0].copy()
    if op in PLAIN_CMUL and kind(d) == "c":
        return gen_expected(op, d, ins)
    f = numpy_op(op)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if op == "pow" and kind(d) == "f":
            a, b = ins
            r = f(a, b)
            # NumPy's scalar-exponent fast paths, which numc takes per element
            for e, val in ((2, a * a), (1, a), (0, np.ones_like(a)),
                           (-1, (1 / a).astype(d)), (0.5, np.sqrt(a))):
                r = np.where(b == e, val, r)
            return r.astype(d)
        if op in ("fmax", "fmin") and kind(d) == "f":
            a, b = ins  # the C functions (NumPy's scalar path)
            keep = (a >= b) if op == "fmax" else (a <= b)
            return np.where(keep | np.isnan(b), a, b)
        return f(*ins)


def ordered(x):
    if x.dtype == np.float32:
        i = x.view(np.int32).astype(np.int64)
        return np.where(i < 0, np.int64(-2**31) - i, i)
    i = x.view(np.int64)
    return np.where(i < 0, np.iinfo(np.int64).min - i, i)


def compare(got, want):
    """(number of mismatching elements, max ulp distance, mask)."""
    if got.dtype.kind == "c":
        n1, u1, m1 = compare(got.real.copy(), want.real.copy())
        n2, u2, m2 = compare(got.imag.copy(), want.imag.copy())
        m = m1 | m2
        return int(m.sum()), max(u1, u2), m
    if got.dtype.kind != "f":
        m = got != want
        return int(m.sum()), 0, m
    both_nan = np.isnan(got) & np.isnan(want)
    same = (got.view(f"u{got.itemsize}") == want.view(f"u{got.itemsize}"))
    exactly = np.isinf(want) | (want == 0) | np.isnan(want) | np.isnan(got)
    dist = np.abs(ordered(got) - ordered(want))
    dist = np.where(both_nan | same, 0, dist)
    bad_exact = exactly & ~(both_nan | same)
    m = bad_exact | (dist > 0)
    finite = ~exactly
    maxu = int(dist[finite].max()) if finite.any() else 0
    if bad_exact.any():
        maxu = max(maxu, 10**9)
    return int(m.sum()), maxu, m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--loopdump", required=True)
    ap.add_argument("--isa", default="base,avx2")
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--show", type=int, default=3)
    ap.add_argument("ops", nargs="*")
    args = ap.parse_args()
    rng = np.random.default_rng(1234)
    ops = args.ops or (list(UNARY) + list(BINARY) + ["real", "imag"])
    worst = 0
    with tempfile.TemporaryDirectory() as tmp:
        fin, fout = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        for op in ops:
            nin = 1 if (op in UNARY or op in ("real", "imag")) else 2
            for d in native_dtypes(op):
                ins = grid(d, nin, args.n, rng)
                if op == "pow" and kind(d) == "i":  # no negative powers
                    ins[1] = np.where(ins[1] < 0, -(ins[1] + 1), ins[1])
                want = np.asarray(expected(op, d, ins))
                with open(fin, "wb") as f:
                    for x in ins:
                        f.write(np.ascontiguousarray(x).tobytes())
                for isa in args.isa.split(","):
                    rc = subprocess.run([args.loopdump, op, d, isa, fin, fout])
                    if rc.returncode != 0:
                        print(f"{op:12} {d:10} {isa:5} loopdump failed ({rc.returncode})")
                        continue
                    got = np.fromfile(fout, dtype=want.dtype)
                    nbad, maxu, mask = compare(got, want)
                    tol = ulps(op, d)
                    flag = "" if (nbad == 0 or maxu <= tol) else "  <-- exceeds"
                    if nbad:
                        print(f"{op:12} {d:10} {isa:5} {nbad:6} differ, max "
                              f"{'special' if maxu >= 10**9 else maxu} ulp{flag}")
                        for i in np.nonzero(mask)[0][:args.show]:
                            print("      ", *[x[i] for x in ins], "->", got[i],
                                  "numpy", want[i])
                    if flag:
                        worst += 1
    print("loops beyond tolerance:", worst)
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
