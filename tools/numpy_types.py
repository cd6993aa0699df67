#!/usr/bin/env python3
"""Dump NumPy's result dtype for every numc elementwise op and input dtype(s).

Development aid (NumPy is the oracle): prints one line per op with the result
dtype for each input dtype (unary) or dtype pair (binary), "-" where NumPy
has no loop. float16 results are shown as float32, numc's documented
substitute. Usage: python tools/numpy_types.py [op ...]
"""
import sys
import warnings

import numpy as np

class _Part:
    """A numc op that NumPy spells differently: frexp's two outputs as two
    unary ops, ldexp's float loop (numc converts the integer exponent to
    the float type; `loop` gives NumPy's answer for such an exponent)."""

    def __init__(self, fn, nin, types, pick=None, loop=None):
        self.fn, self.nin, self.types = fn, nin, types
        self.pick, self.loop = pick, loop

    def __call__(self, *args):
        r = self.fn(*args)
        return r if self.pick is None else r[self.pick]


def _ldexp_loop(a, b):
    e = np.clip(np.nan_to_num(b, nan=0), -100000, 100000).astype(np.int64)
    return np.where(np.isnan(b), a + b, np.ldexp(a, e)).astype(a.dtype)


DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32",
          "int64", "uint64", "float32", "float64", "complex64", "complex128"]
UNARY = {"abs": np.absolute, "acos": np.arccos, "acosh": np.arccosh,
         "asin": np.arcsin, "asinh": np.arcsinh, "atan": np.arctan,
         "atanh": np.arctanh, "bitwise_invert": np.invert, "ceil": np.ceil,
         "conj": np.conjugate, "cos": np.cos, "cosh": np.cosh, "exp": np.exp,
         "expm1": np.expm1, "floor": np.floor, "isfinite": np.isfinite,
         "isinf": np.isinf, "isnan": np.isnan, "log": np.log,
         "log1p": np.log1p, "log2": np.log2, "log10": np.log10,
         "logical_not": np.logical_not, "negative": np.negative,
         "positive": np.positive, "reciprocal": np.reciprocal,
         "round": np.rint, "sign": np.sign, "signbit": np.signbit,
         "sin": np.sin, "sinh": np.sinh, "sqrt": np.sqrt, "square": np.square,
         "tan": np.tan, "tanh": np.tanh, "trunc": np.trunc, "exp2": np.exp2,
         "cbrt": np.cbrt, "deg2rad": np.deg2rad, "rad2deg": np.rad2deg,
         "fabs": np.fabs, "spacing": np.spacing,
         "bitwise_count": np.bitwise_count,
         "frexp_mantissa": _Part(np.frexp, 1, ["f->f", "d->d"], 0),
         "frexp_exponent": _Part(np.frexp, 1, ["f->i", "d->i"], 1)}
BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply,
          "divide": np.divide, "floor_divide": np.floor_divide,
          "remainder": np.remainder, "pow": np.power, "atan2": np.arctan2,
          "hypot": np.hypot, "copysign": np.copysign,
          "nextafter": np.nextafter, "logaddexp": np.logaddexp,
          "logaddexp2": np.logaddexp2, "maximum": np.maximum,
          "minimum": np.minimum, "fmax": np.fmax, "fmin": np.fmin,
          "fmod": np.fmod, "heaviside": np.heaviside, "equal": np.equal,
          "not_equal": np.not_equal, "less": np.less,
          "less_equal": np.less_equal, "greater": np.greater,
          "greater_equal": np.greater_equal, "logical_and": np.logical_and,
          "logical_or": np.logical_or, "logical_xor": np.logical_xor,
          "bitwise_and": np.bitwise_and, "bitwise_or": np.bitwise_or,
          "bitwise_xor": np.bitwise_xor,
          "bitwise_left_shift": np.left_shift,
          "bitwise_right_shift": np.right_shift, "gcd": np.gcd, "lcm": np.lcm,
          "ldexp": _Part(np.ldexp, 2, ["ff->f", "dd->d"], loop=_ldexp_loop)}


def result(f, *dts):
    args = [np.ones(1, dtype=d) for d in dts]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = f(*args)
    except TypeError:
        return "-"
    name = r.dtype.name
    return "float32" if name == "float16" else name


def table():
    """{op: {dtype or (dtype, dtype): result name or '-'}}"""
    out = {}
    for name, f in UNARY.items():
        out[name] = {d: result(f, d) for d in DTYPES}
    for name, f in BINARY.items():
        out[name] = {(a, b): result(f, a, b) for a in DTYPES for b in DTYPES}
    return out


if __name__ == "__main__":
    want = set(sys.argv[1:])
    t = table()
    for name, row in t.items():
        if want and name not in want:
            continue
        if name in UNARY:
            print(name, " ".join(f"{d}:{row[d]}" for d in DTYPES))
        else:
            print(name, " ".join(f"{a}:{row[(a, a)]}" for a in DTYPES))
