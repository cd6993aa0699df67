"""Times a few NumPy-surface composites (numc/_compat.py, _compat2.py)
against NumPy: best of 3 wall-clock runs each, results forced.

    .venv/bin/python bench/surface_numpy.py
"""
import time, numpy as np, numc as nc
R=np.random.default_rng(0)
def t(f, n=3):
    """Best wall time of n runs of f (its result forced), in ms."""
    best=1e9
    for _ in range(n):
        s=time.perf_counter(); r=f(); 
        if isinstance(r, tuple): r=r[0]
        np.asarray(r); best=min(best,time.perf_counter()-s)
    return best*1e3
a=R.standard_normal(1_000_000); A=nc.asarray(a)
m=R.standard_normal((1000,1000)); M=nc.asarray(m)
u=R.integers(0,4,(100_000,3)); U=nc.asarray(u)
c=R.standard_normal((100,10000)); C=nc.asarray(c)
k1=R.integers(0,100,1_000_000); k2=R.integers(0,100,1_000_000); K1=nc.asarray(k1); K2=nc.asarray(k2)
ix=R.integers(0,1_000_000,1000); IX=nc.asarray(ix)
cases=[("quantile(1e6, [.1,.5,.9], method='hazen')", lambda: np.quantile(a,[.1,.5,.9],method='hazen'), lambda: nc.quantile(A,[.1,.5,.9],method='hazen')),
("histogram(1e6, bins='auto')", lambda: np.histogram(a,'auto'), lambda: nc.histogram(A,'auto')),
("pad(1000x1000, 5, 'mean')", lambda: np.pad(m,5,'mean'), lambda: nc.pad(M,5,'mean')),
("unique(100000x3 ints, axis=0)", lambda: np.unique(u,axis=0), lambda: nc.unique(U,axis=0)),
("cov(100x10000)", lambda: np.cov(c), lambda: nc.cov(C)),
("lexsort((k1, k2)) 1e6", lambda: np.lexsort((k1,k2)), lambda: nc.lexsort((K1,K2))),
("insert(1e6, 1000 idx, 0.0)", lambda: np.insert(a,ix,0.0), lambda: nc.insert(A,IX,0.0)),
("kron(100x100, 10x10)", lambda: np.kron(m[:100,:100], m[:10,:10]), lambda: nc.kron(M[:100,:100], M[:10,:10])),
]
for name,fn,fc in cases:
    print(f"{name:45s} numpy {t(fn):8.1f} ms   numc {t(fc):8.1f} ms")
