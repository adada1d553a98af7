#!/usr/bin/env python3
"""Chebyshev coefficients for eoc-core's erf/erfc (dev.eoc.core.internal.SpecialFunctions).

Regenerate: python3 scripts/codegen/erfc_chebyshev.py > /tmp/coeffs.txt (mpmath, 50 digits).
Pieces (x >= 0):
  A: erf(x)/x as a Chebyshev series in u = 8 x^2 - 1 on x in [0, 0.5]
  B: erfcx(x) = exp(x^2) erfc(x) on [0.5, 1], [1, 2], [2, 4] in u = affine map to [-1, 1]
  C: x erfcx(x) as a series in u = 2 (4/x)^2 - 1 ... on x in [4, 27], i.e. t = 16/x^2 in (0, 1]
Each series is truncated where the next coefficient is below 1e-19 in magnitude.
"""
from mpmath import mp, mpf, erf, erfc, exp, cos, pi, chebyfit
mp.dps = 50

def cheb(f, a, b, n):
    # coefficients c_k of f(x) ~ sum c_k T_k(u), u = (2x - a - b)/(b - a), by Chebyshev nodes
    N = n + 20
    nodes = [cos(pi * (j + mpf(1) / 2) / N) for j in range(N)]
    vals = [f((b - a) / 2 * u + (a + b) / 2) for u in nodes]
    cs = []
    for k in range(n):
        s = sum(vals[j] * cos(pi * k * (j + mpf(1) / 2) / N) for j in range(N))
        cs.append(s * 2 / N)
    cs[0] /= 2
    while len(cs) > 1 and abs(cs[-1]) < mpf(10) ** -19:
        cs.pop()
    return cs

def emit(name, cs):
    print("    private static final double[] %s = {" % name)
    for c in cs:
        print("        %s," % mp.nstr(c, 20, min_fixed=1, max_fixed=0))
    print("    };")

# A: g(u) = erf(x)/x with x = sqrt((u + 1)/8), u in [-1, 1] covers x in [0, 0.5]
def gA(u):
    x = mp.sqrt((u + 1) / 8)
    return erf(x) / x if x != 0 else 2 / mp.sqrt(pi)
emit("ERF_SMALL", cheb(gA, -1, 1, 40))
for (a, b) in [(0.5, 1), (1, 2), (2, 4)]:
    emit("ERFCX_%s_%s" % (str(a).replace('.', '_'), b), cheb(lambda x: exp(x * x) * erfc(x), mpf(a), mpf(b), 60))
# C: h(t) = x erfcx(x) with x = 4 / sqrt(t), t in [16/27^2, 1]; use u = t mapped from [0, 1]
def gC(t):
    if t == 0:
        return 1 / mp.sqrt(pi)
    x = 4 / mp.sqrt(t)
    return x * exp(x * x) * erfc(x)
emit("ERFCX_LARGE", cheb(gC, mpf(0), mpf(1), 60))
