"""numc: NumPy-compatible n-dimensional arrays over libnumc.

Operations are lazy and fused: numc records them and runs the whole pending
expression as one multithreaded kernel when a result is observed (repr,
tolist, float(), buffer export, ...). Results equal eager NumPy's.

    >>> import numc as nc
    >>> x = nc.arange(5.0)
    >>> (x * 2 + 1).sum()
    array(25.)

Everything lives in the C extension numc._numc; this module only re-exports
(NumPy composites written over numc's C primitives come from numc._compat).
"""
import sys as _sys

from . import _numc
from . import _linalg
_linalg.install()  # Python forms of einsum/cross/linalg options, on _numc
from ._numc import *  # noqa: F401,F403
from ._numc import (  # noqa: F401  (names `import *` does not cover)
    __array_api_version__,
    __array_namespace_info__,
    _get_eager_threshold,
    _set_eager_threshold,
    _is_pending,
    _is_lazy,
)
from . import _compat
from ._compat import *  # noqa: F401,F403  (NumPy-compatibility composites)
from . import _compat2
from ._compat2 import *  # noqa: F401,F403  (more NumPy functions)

# numc.linalg is a module object made by the extension; registering it
# makes `import numc.linalg` and `from numc.linalg import ...` work
_sys.modules[__name__ + ".linalg"] = _numc.linalg
from . import _random  # noqa: E402
_numc.random.SeedSequence = _random.SeedSequence  # Python class, C module

__version__ = "0.1.0"
__all__ = [name for name in dir(_numc) if not name.startswith("_")] + \
    list(_compat.__all__) + list(_compat2.__all__)
