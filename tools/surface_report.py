#!/usr/bin/env python3
"""Lists which parts of NumPy's public surface numc does not provide yet.

Compares the public names of numpy, numpy.ndarray, numpy.linalg,
numpy.random, numpy.random.Generator and numpy.random.RandomState with
numc's, and names the functions of numc._compat that still route some
options through NumPy (calls of _numpy_call). Used for the "what is still
missing" list of the drop-in NumPy work; NumPy is needed to run it.

Usage: .venv/bin/python tools/surface_report.py [--markdown]
"""
import pathlib
import re
import sys

import numpy as np

import numc as nc

# NumPy names numc leaves out on purpose (no counterpart in an array library
# over libnumc, or deprecated/testing/packaging helpers).
_OUT_OF_SCOPE = {
    "core", "lib", "f2py", "ctypeslib", "testing", "test", "typing", "ma",
    "rec", "char", "strings", "polynomial", "fft", "dtypes", "exceptions",
    "emath", "version", "show_config", "show_runtime", "get_include", "info",
    "matrix", "asmatrix", "bmat", "memmap", "recarray", "record", "nditer",
    "nested_iters", "busday_count", "busday_offset", "busdaycalendar",
    "is_busday", "datetime64", "timedelta64", "datetime_as_string",
    "datetime_data", "isnat", "float16", "half", "float128", "complex256",
    "longdouble", "clongdouble", "object_", "bytes_", "str_", "void",
    "character", "flexible", "getbufsize", "setbufsize", "little_endian",
}


def missing(np_obj, nc_obj, skip=()):
    return sorted(n for n in dir(np_obj)
                  if not n.startswith("_") and n not in skip
                  and not hasattr(nc_obj, n))


def fallbacks():
    """numc._compat functions with a _numpy_call inside (NumPy runs some of
    their options)."""
    out = set()
    for path in pathlib.Path(nc.__file__).parent.glob("_*.py"):
        current = None
        for line in path.read_text().splitlines():
            m = re.match(r"def (\w+)\(", line)
            if m:
                current = m.group(1)
            elif "_numpy_call(" in line and current and \
                    current != "_numpy_call":
                out.add(current)
    return sorted(out)


def main():
    md = "--markdown" in sys.argv
    g_np, g_nc = np.random.default_rng(), nc.random.default_rng()
    sections = [
        ("numpy", missing(np, nc, _OUT_OF_SCOPE)),
        ("numpy (out of scope, not counted)",
         sorted(n for n in _OUT_OF_SCOPE if hasattr(np, n)
                and not hasattr(nc, n))),
        ("ndarray methods/attributes", missing(np.ndarray, nc.ndarray)),
        ("numpy.linalg", missing(np.linalg, nc.linalg, {"test"})),
        ("numpy.random", missing(np.random, nc.random,
                                 {"test", "mtrand", "bit_generator"})),
        ("Generator", missing(g_np, g_nc)),
        ("RandomState", missing(np.random.RandomState(0),
                                nc.random.RandomState(0))),
        ("functions with options still run by NumPy", fallbacks()),
    ]
    for title, names in sections:
        if md:
            print(f"- {title} ({len(names)}): " +
                  (", ".join(f"`{n}`" for n in names) or "none"))
        else:
            print(f"{title} ({len(names)}):\n  " + (" ".join(names) or "-"))


if __name__ == "__main__":
    main()
