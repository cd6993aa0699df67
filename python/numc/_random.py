"""The composite methods of numc.random's Generator and RandomState.

numc/random.c forwards these here (each receives the generator first): they
only arrange calls to the C samplers and to numc's array operations, in the
order NumPy's own Python/Cython code makes them, so the streams match.
"""
import itertools as _itertools
import operator as _operator
import warnings as _warnings

import numc as _nc  # imported on the first forwarded call, numc is complete then


def _shape_list(size):
    if size is None:
        return []
    try:
        return [_operator.index(size)]
    except TypeError:
        return list(size)


def multivariate_normal(rng, mean, cov, size=None, check_valid="warn", tol=1e-8, *,
                        method="svd", _legacy=False):
    """Generator/RandomState.multivariate_normal: mean + z @ factor, z standard
    normals of shape size + (N,), factor from the SVD (RandomState always),
    the eigendecomposition or the Cholesky factor of cov."""
    if method not in {"eigh", "svd", "cholesky"}:
        raise ValueError("method must be one of {'eigh', 'svd', 'cholesky'}")
    mean = _nc.array(mean)
    cov = _nc.array(cov)
    if _nc.isdtype(mean.dtype, "complex floating") or _nc.isdtype(cov.dtype, "complex floating"):
        raise TypeError("mean and cov must not be complex")
    shape = _shape_list(size)
    if mean.ndim != 1:
        raise ValueError("mean must be 1 dimensional")
    if cov.ndim != 2 or cov.shape[0] != cov.shape[1]:
        raise ValueError("cov must be 2 dimensional and square")
    if mean.shape[0] != cov.shape[0]:
        raise ValueError("mean and cov must have same length")
    final_shape = shape + [mean.shape[0]]
    x = rng.standard_normal(tuple(final_shape)).reshape(-1, mean.shape[0])
    cov = cov.astype(_nc.float64)
    la = _nc.linalg
    if method == "svd":
        u, s, vh = la.svd(cov)
    elif method == "eigh":
        s, u = la.eigh(cov)
    else:
        chol = la.cholesky(cov)
    if check_valid != "ignore" and method != "cholesky":
        if check_valid not in ("warn", "raise"):
            raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
        if method == "svd":
            psd = _nc.allclose(_nc.matmul(vh.T * s, vh), cov, rtol=tol, atol=tol)
        else:
            psd = not bool(_nc.any(s < -tol))
        if not psd:
            msg = "covariance is not symmetric positive-semidefinite."
            if check_valid == "warn":
                _warnings.warn(msg, RuntimeWarning, stacklevel=3)
            else:
                raise ValueError(msg)
    if _legacy:
        x = _nc.matmul(x, _nc.sqrt(s)[:, None] * vh)
        x = x + mean
    else:
        if method == "cholesky":
            factor = chol
        elif method == "eigh":
            factor = u * _nc.sqrt(_nc.abs(s))
        else:
            factor = u * _nc.sqrt(s)
        x = mean + _nc.matmul(x, factor.T)
    return x.reshape(tuple(final_shape))


def legacy_multivariate_normal(rng, mean, cov, size=None, check_valid="warn", tol=1e-8):
    """RandomState.multivariate_normal (SVD factor, polar-method normals)."""
    return multivariate_normal(rng, mean, cov, size, check_valid, tol, _legacy=True)


def bytes(rng, length):
    """Generator.bytes / RandomState.bytes: little-endian 32-bit draws, cut."""
    length = _operator.index(length)
    if length < 0:
        raise ValueError("negative dimensions are not allowed")
    n = (length + 3) // 4
    if isinstance(rng, _nc.random.RandomState):
        words = rng.randint(0, 4294967296, size=n, dtype=_nc.uint32)
    else:
        words = rng.integers(0, 4294967296, size=n, dtype=_nc.uint32)
    return words.astype("<u4").tobytes()[:length]


def permuted(rng, x, *, axis=None, out=None):
    """Generator.permuted: every 1-d slice along axis (the flattened array
    for None) shuffled independently, in C order of the other indices."""
    x = _nc.asarray(x)
    if out is None:
        out = x.copy()
    else:
        if not isinstance(out, _nc.ndarray):
            raise TypeError("out must be a numpy array")
        if out.shape != x.shape:
            raise ValueError("out must have the same shape as x")
        _nc.copyto(out, x, casting="safe")
    if axis is None:
        if out.ndim <= 1:
            rng.shuffle(out)
        elif out.flags.c_contiguous:
            rng.shuffle(out.reshape(-1))  # a view of out
        else:
            flat = out.flatten()
            rng.shuffle(flat)
            out[...] = flat.reshape(out.shape)
        return out
    ax = _operator.index(axis)
    if not -out.ndim <= ax < out.ndim:
        raise _nc.AxisError(f"axis {axis} is out of bounds for array of dimension {out.ndim}")
    moved = _nc.moveaxis(out, ax, -1)  # a view: its lanes are out's
    for idx in _itertools.product(*(range(n) for n in moved.shape[:-1])):
        rng.shuffle(moved[idx])
    return out


def shuffle_sequence(rng, x, axis=0):
    """shuffle of a mutable sequence that is not an array (a list ...): the
    Fisher-Yates swaps NumPy makes, taken from a shuffle of arange(len(x))."""
    if axis != 0:
        raise NotImplementedError("Axis argument is only supported on ndarray objects")
    n = len(x)
    if n < 2:
        return None
    idx = _nc.arange(n)
    rng.shuffle(idx)
    items = [x[k] for k in range(n)]
    for i, k in enumerate(idx.tolist()):
        x[i] = items[k]
    return None


def random_integers(rng, low, high=None, size=None):
    """RandomState.random_integers: deprecated integers in [low, high]."""
    if high is None:
        _warnings.warn(f"This function is deprecated. Please call randint(1, {low} + 1) instead",
                       DeprecationWarning, stacklevel=3)
        high = low
        low = 1
    else:
        _warnings.warn(f"This function is deprecated. Please call randint({low}, {high} + 1) "
                       "instead", DeprecationWarning, stacklevel=3)
    return rng.randint(low, int(high) + 1, size=size, dtype=_nc.int64)


# ---- SeedSequence and spawning ----------------------------------------------------


class SeedSequence:
    """SeedSequence(entropy=None, *, spawn_key=(), pool_size=4,
    n_children_spawned=0): NumPy's seed mixer. The entropy (an int or a
    sequence of ints; None: 128 bits from the OS) and the spawn key are
    hashed into `pool`; generate_state(n) expands it into seeding words;
    spawn(n) makes n children with spawn_key + (i,), whose streams are
    independent. Equal arguments give NumPy's SeedSequence's words, so bit
    generators seeded from either draw the same numbers."""

    def __init__(self, entropy=None, *, spawn_key=(), pool_size=4,
                 n_children_spawned=0):
        if entropy is None:
            import secrets
            entropy = secrets.randbits(128)
        self.entropy = entropy
        self.spawn_key = tuple(int(k) for k in spawn_key)
        self.pool_size = int(pool_size)
        self.n_children_spawned = int(n_children_spawned)
        self._pool = _nc.random._seedseq_pool(entropy, self.spawn_key,
                                              self.pool_size)

    @property
    def pool(self):
        """The hashed entropy pool (uint32 array of pool_size words)."""
        return _nc.asarray(self._pool, dtype=_nc.uint32)

    @property
    def state(self):
        """The arguments that recreate this sequence (a dict)."""
        return {"entropy": self.entropy, "spawn_key": self.spawn_key,
                "pool_size": self.pool_size,
                "n_children_spawned": self.n_children_spawned}

    def generate_state(self, n_words, dtype=_nc.uint32):
        """n_words seeding words as uint32 (or uint64, each from two
        uint32 words, low first), as NumPy's generate_state."""
        dt = _nc.dtype(dtype)
        if dt not in (_nc.uint32, _nc.uint64):
            raise ValueError("only support uint32 or uint64")
        n = int(n_words) * (2 if dt == _nc.uint64 else 1)
        w = _nc.random._seedseq_generate(self._pool, n)
        if dt == _nc.uint32:
            return _nc.asarray(w, dtype=_nc.uint32)
        return _nc.asarray([w[2 * i] | (w[2 * i + 1] << 32)
                            for i in range(n // 2)], dtype=_nc.uint64)

    def spawn(self, n_children):
        """n_children new SeedSequences continuing this one's spawn keys
        (spawn_key + (k,) for the next k), as NumPy."""
        first = self.n_children_spawned
        self.n_children_spawned += int(n_children)
        return [SeedSequence(self.entropy, spawn_key=self.spawn_key + (k,),
                             pool_size=self.pool_size)
                for k in range(first, first + int(n_children))]

    def __repr__(self):
        return (f"SeedSequence(entropy={self.entropy!r}, spawn_key="
                f"{self.spawn_key!r}, pool_size={self.pool_size}, "
                f"n_children_spawned={self.n_children_spawned})")


def bitgen_spawn(bg, n_children):
    """BitGenerator.spawn: generators of bg's kind over bg.seed_seq's
    children."""
    if bg.seed_seq is None:
        raise TypeError("The underlying SeedSequence does not implement "
                        "spawning (this generator was made by jumped)")
    return [type(bg)(ss) for ss in bg.seed_seq.spawn(n_children)]


def generator_spawn(rng, n_children):
    """Generator.spawn: Generators over rng.bit_generator.spawn(n)."""
    return [type(rng)(bg) for bg in rng.bit_generator.spawn(n_children)]
