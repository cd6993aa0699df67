#!/usr/bin/env python3
"""Generate tests/c/loop_vectors.h: NumPy's answers for numc's typed loops.

Development aid (NumPy is the oracle; the C test must not need Python):
for every elementwise op and every dtype NumPy has a native loop for, the
expected outputs of that loop on a grid of edge values, plus NumPy's result
dtype table for type resolution. tests/c/test_loops.c runs the loops on the
same inputs and compares (bit for bit, NaN == NaN; within `ulps` units in
the last place for the few ops where NumPy itself is not bit-reproducible,
see ULPS below).

Usage: python tools/gen_loop_vectors.py [-o tests/c/loop_vectors.h]
"""
import argparse
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_types import BINARY, DTYPES, UNARY, table  # noqa: E402

# numc dtype order and NumPy type characters of the native loops.
CHARS = {"bool": "?", "int8": "b", "uint8": "B", "int16": "h",
         "uint16": "H", "int32": "i", "uint32": "I", "int64": "lq",
         "uint64": "LQ", "float32": "f", "float64": "d", "complex64": "F",
         "complex128": "D"}
NUMC_CHAR = {"bool": "?", "int8": "b", "uint8": "B", "int16": "h",
             "uint16": "H", "int32": "i", "uint32": "I", "int64": "q",
             "uint64": "Q", "float32": "f", "float64": "d",
             "complex64": "F", "complex128": "D"}
LOGICAL = {"logical_and", "logical_or", "logical_xor", "logical_not"}
BOOL_OUT = {"equal", "not_equal", "less", "less_equal", "greater",
            "greater_equal", "isfinite", "isinf", "isnan", "signbit"} | LOGICAL
REAL_OUT = {"abs", "real", "imag"}
FIXED_OUT = {"bitwise_count": "uint8", "frexp_exponent": "int32"}

# SLEEF (1.0 ULP) against NumPy's own implementations (its SIMD code or
# the C library, each with its own error): up to 2 ULP apart on x86-64 with
# AVX2 (tools/check_loops.py over large grids); the test allows 4 so that
# vectors generated where NumPy uses other code (AVX-512 SVML) still hold.
SLEEF_OPS = {"exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "sin",
             "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
             "asinh", "acosh", "atanh"}
SLEEF_ULPS = 4
# NumPy's complex abs is a SIMD formula (with FMA where the CPU has it);
# numc uses hypot(), NumPy's scalar fallback: up to 2 ULP apart.
CABS_ULPS = 2
# NumPy's complex multiply/square use FMA on CPUs that have it, so its
# results depend on the machine; numc computes the plain formula
# (ar*br - ai*bi, ar*bi + ai*br) with separately rounded products, which is
# what the expected values below are computed with (NumPy's real
# arithmetic, as NumPy without FMA gives).
PLAIN_CMUL = {"multiply", "square"}


def kind(d):
    return np.dtype(d).kind


def native_dtypes(op):
    """The dtypes numc gives `op` a loop for: NumPy's native loops, with
    numc's rules (logical ops on bool only, round keeps integers)."""
    if op in LOGICAL:
        return ["bool"]
    if op in ("real", "imag"):
        return list(DTYPES)
    f = UNARY.get(op) or BINARY[op]
    nin = f.nin
    out = []
    for d in DTYPES:
        if any(t.split("->")[0] == c * nin for t in f.types for c in CHARS[d]):
            out.append(d)
    if op == "round":
        out = [d for d in DTYPES if kind(d) in "biu"] + out
    return out


def values(d):
    """The grid of interesting values of dtype d."""
    k = kind(d)
    if k == "b":
        return [False, True]
    if k in "iu":
        info = np.iinfo(d)
        lo, hi = int(info.min), int(info.max)
        cand = [lo, lo + 1, -100, -7, -2, -1, 0, 1, 2, 3, 5, 7, 64, 100,
                hi // 2, hi // 2 + 1, hi - 1, hi]
        out = []
        for v in cand:
            if lo <= v <= hi and v not in out:
                out.append(v)
        return out
    if k == "f":
        fi = np.finfo(d)
        return [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, -7.25,
                0.1, 1e-3, 100.0, 700.0, 1e30, float(fi.max), -float(fi.max),
                float(fi.smallest_subnormal), -float(fi.smallest_normal),
                np.inf, -np.inf, np.nan]
    inf, nan = np.inf, np.nan
    return [complex(r, i) for r, i in
            [(0, 0), (-0.0, -0.0), (0, -0.0), (1, 0), (-1, 0), (-1, -0.0),
             (-4, -0.0), (0, 2), (0, -2), (1, 1), (-2, 3), (0.5, -0.25),
             (3, -4), (-1e-3, 1e-3), (1e30, 1e30), (inf, 0), (-inf, 1),
             (0, inf), (inf, inf), (nan, 0), (1, nan)]]


def pair_sets(d):
    """{name: [(i, j), ...]}: index pairs into values(d) for binary ops."""
    v = values(d)
    ix = {repr(x): i for i, x in enumerate(v)}

    def idx(xs):
        return [ix[repr(x)] for x in xs if repr(x) in ix]

    def cross(a, b):
        return [(i, j) for i in idx(a) for j in idx(b)]

    k = kind(d)
    if k == "b":
        return {"bin": cross(v, v)}
    if k in "iu":
        info = np.iinfo(d)
        lo, hi, bits = int(info.min), int(info.max), info.bits
        a = [lo, -7, -1, 0, 1, 7, 100, hi // 2 + 1, hi]
        b = [lo, -2, -1, 0, 1, 2, 3, 7, hi]
        sh = [-1, 0, 1, 3, 7, 64, 100, hi]
        sh = [s for s in sh if s <= bits + 1 or s in (64, 100, hi)]
        pw = [0, 1, 2, 3, 5, 7, 64, 100, hi]
        out = {"bin": cross(a, b), "pow": cross([lo, -7, -2, -1, 0, 1, 2, 3, 7,
                                                100, hi], pw)}
        # shift counts around the width, as values of the dtype
        extra = [bits - 1, bits, bits + 1]
        shv = idx(sh) + [len(v) + i for i in range(len(extra))]
        out["shift"] = [(i, j) for i in idx(a) for j in shv]
        out["_extra"] = extra
        return out
    if k == "f":
        fi = np.finfo(d)
        a = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -7.25, 3.0, 1e30, float(fi.max),
             np.inf, -np.inf, np.nan]
        b = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 100.0, np.inf, -np.inf,
             np.nan]
        return {"bin": cross(a, b)}
    a = [v[i] for i in (0, 1, 3, 4, 7, 10, 11, 14, 15, 16, 19, 20)]
    b = [v[i] for i in (0, 2, 3, 5, 9, 10, 12, 15, 17, 19)]
    return {"bin": cross(a, b)}


def all_values(d):
    v = values(d)
    extra = pair_sets(d).get("_extra", [])
    return v + [e for e in extra]


def hexbytes(arr):
    return arr.tobytes().hex()


def numpy_op(op):
    if op == "real":
        return np.real
    if op == "imag":
        return np.imag
    return UNARY.get(op) or BINARY[op]


def expected(op, d, ins):
    """NumPy's output of `op` on the input arrays (all of dtype d)."""
    if op == "round" and kind(d) in "biu":
        return ins[0].copy()
    f = numpy_op(op)
    f = getattr(f, "loop", None) or f
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if op in PLAIN_CMUL and kind(d) == "c":
            a = ins[0]
            b = ins[1] if op == "multiply" else ins[0]
            r = np.empty(a.shape, d)
            r.real = a.real * b.real - a.imag * b.imag
            r.imag = a.real * b.imag + a.imag * b.real
        elif op in ("fmax", "fmin") and kind(d) == "f":
            # NumPy's SIMD and scalar paths disagree on fmax(-0.0, 0.0);
            # numc follows the C function (NumPy's scalar path).
            r = np.array([f(np.array([x]), np.array([y]))[0]
                          for x, y in zip(*ins)], dtype=d)
        else:
            r = f(*ins)
    if op in FIXED_OUT:
        want = FIXED_OUT[op]
    elif op in BOOL_OUT:
        want = "bool"
    elif op in REAL_OUT:
        want = np.empty(0, d).real.dtype.name
    else:
        want = d
    if r.dtype.name != np.dtype(want).name:
        raise SystemExit(f"{op}({d}) gives {r.dtype}, expected {want}")
    return np.ascontiguousarray(r)


def ulps(op, d):
    if op in SLEEF_OPS and kind(d) == "f":
        return SLEEF_ULPS
    if op == "abs" and kind(d) == "c":
        return CABS_ULPS
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "c",
        "loop_vectors.h"))
    args = ap.parse_args()

    lines = []
    w = lines.append
    w("/*")
    w(" * tests/c/loop_vectors.h - NumPy's answers for numc's typed loops.")
    w(f" * Generated by tools/gen_loop_vectors.py from NumPy {np.__version__};")
    w(" * do not edit. Hex strings hold little-endian element bytes.")
    w(" */")
    w("#ifndef NUMC_TEST_LOOP_VECTORS_H")
    w("#define NUMC_TEST_LOOP_VECTORS_H")
    w("")
    w("/* Value grid of each dtype (numc enum order): count and elements. */")
    w("static const int lv_nvalues[13] = {" +
      ", ".join(str(len(all_values(d))) for d in DTYPES) + "};")
    w("static const char *const lv_values[13] = {")
    for d in DTYPES:
        w(f'    "{hexbytes(np.array(all_values(d), dtype=d))}", /* {d} */')
    w("};")
    w("")

    # Index sets: unary = every value; binary sets per dtype.
    sets = []  # (dtype index, nin, a-index list, b-index list)
    set_id = {}
    for di, d in enumerate(DTYPES):
        set_id[(d, "un")] = len(sets)
        sets.append((di, 1, list(range(len(values(d)))), []))
        for name, pairs in pair_sets(d).items():
            if name.startswith("_"):
                continue
            set_id[(d, name)] = len(sets)
            sets.append((di, 2, [p[0] for p in pairs], [p[1] for p in pairs]))
    w("/* Input index sets: element k of input 0 (1) is value a[k] (b[k]) of")
    w(" * the dtype's grid; indices are hex bytes. */")
    w("typedef struct lv_set {")
    w("  int dtype, nin, n;")
    w("  const char *a, *b;")
    w("} lv_set;")
    w("static const lv_set lv_sets[] = {")
    for di, nin, a, b in sets:
        ha = bytes(a).hex()
        hb = bytes(b).hex()
        w(f'    {{{di}, {nin}, {len(a)}, "{ha}", "{hb}"}},')
    w("};")
    w("")

    w("/* One loop: op name, dtype, input set, tolerance in ULPs (0: exact),")
    w(" * expected output bytes (dtype numc__map_out_dtype(op, dtype)). */")
    w("typedef struct lv_case {")
    w("  const char *op;")
    w("  int dtype, set, ulps;")
    w("  const char *out;")
    w("} lv_case;")
    w("static const lv_case lv_cases[] = {")
    ncases = 0
    for op in list(UNARY) + list(BINARY) + ["real", "imag"]:
        nin = 1 if (op in UNARY or op in ("real", "imag")) else 2
        for d in native_dtypes(op):
            vals = np.array(all_values(d), dtype=d)
            if nin == 1:
                sid = set_id[(d, "un")]
            elif op in ("bitwise_left_shift", "bitwise_right_shift"):
                sid = set_id[(d, "shift")]
            elif op == "pow" and kind(d) in "iu":
                sid = set_id[(d, "pow")]
            else:
                sid = set_id[(d, "bin")]
            _, _, a, b = sets[sid]
            ins = [vals[a]] + ([vals[b]] if nin == 2 else [])
            if op == "pow" and kind(d) == "i":
                keep = ins[1] >= 0  # negative integer powers are errors
                assert keep.all()
            out = expected(op, d, ins)
            w(f'    {{"{op}", {DTYPES.index(d)}, {sid}, {ulps(op, d)}, '
              f'"{hexbytes(out)}"}},')
            ncases += 1
    w("};")
    w("")

    w("/* NumPy's result dtype (numc type character, '-' for none) of each op")
    w(" * on two (one) arrays of each dtype, in numc enum order; float16 shown")
    w(" * as float32. From tools/numpy_types.py. */")
    w("typedef struct lv_types {")
    w("  const char *op, *result;")
    w("} lv_types;")
    w("static const lv_types lv_result_types[] = {")
    t = table()
    for op, row in t.items():
        res = []
        for d in DTYPES:
            r = row[d] if op in UNARY else row[(d, d)]
            res.append("-" if r == "-" else NUMC_CHAR[r])
        text = "".join(res).replace("?", "\\?")  # no trigraphs
        w(f'    {{"{op}", "{text}"}},')
    w("};")
    w("")
    w("/* NumPy's sums (np.add.reduce) of the first n elements of the test")
    w(" * data x_i = ((i * 2654435761 mod 2**32) / 2**32 - 0.5) * 2**(i % 11):")
    w(" * float64 x, float32 x, complex128 x_i + x_(i+7) j. */")
    w("typedef struct lv_sum {")
    w("  int n;")
    w("  const char *f64, *f32, *c128;")
    w("} lv_sum;")
    w("static const lv_sum lv_sums[] = {")
    big = 5000
    x = np.array([((i * 2654435761) % 2**32 / 2**32 - 0.5) * 2.0**(i % 11)
                  for i in range(big + 7)])
    xc = x[:big] + 1j * x[7:big + 7]
    for n in [1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 128, 129, 200, 255,
              256, 257, 1000, 1023, 1024, 1025, 4097]:
        f64 = np.add.reduce(x[:n])
        f32 = np.add.reduce(x[:n].astype(np.float32))
        c128 = np.add.reduce(xc[:n])
        w(f'    {{{n}, "{np.float64(f64).tobytes().hex()}", '
          f'"{np.float32(f32).tobytes().hex()}", '
          f'"{np.complex128(c128).tobytes().hex()}"}},')
    w("};")
    w("")
    w("#endif /* NUMC_TEST_LOOP_VECTORS_H */")
    with open(args.o, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.o}: {ncases} loops, {os.path.getsize(args.o)} bytes")


if __name__ == "__main__":
    main()
