#!/usr/bin/env python3
"""SciPy baseline for the Edge-of-Chaos point: time and accuracy (issue 2, "Speed").

The straightforward approach of published mean-field notebooks: Gaussian expectations by
scipy.integrate.quad over (-inf, inf) with default tolerances, and scipy.optimize.brentq on
sigma_w in [0.5, 5] of chi_1(sigma_w) - 1, where q* comes from iterating q <- F(q) from q = 1
(tolerance 1e-12, at most 1000 steps) for each trial sigma_w ("notebook" columns).

Iterating q <- F(q) only finds attracting fixed points, so where the EOC point is unstable
(chi_q > 1: swish and gelu at sigma_b = 0.2) the notebook method cannot reach it.  For a fair
second opinion the script also times the q*-parametrization that eoc itself uses, written with
the same SciPy tools ("qparam" columns): sigma_w^2 = 1/E[phi'^2], sigma_b^2 = q - E[phi^2]/E[phi'^2],
roots in q bracketed on a log grid (3 points per decade over [1e-6, 1e6]) and refined by brentq.

Errors are relative to the 40-digit mpmath table eoc-core/src/test/resources/reference/
eoc_points.csv (scripts/reference/eoc_points.py), on the root eoc's solver reports (the stable
root with the smallest q*, else the smallest q*).  Without that table, the reference for these
few points is computed here with mpmath at 30 digits (integrals split at kinks, via
scripts/reference/eoc_common.py) and written to benchmarks/target/eoc_points_fallback.csv.

Usage (from the repository root):
    python3 scripts/benchmarks/scipy_baseline.py [--repeats N] [--json OUT] [--reference CSV]
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
import warnings

import numpy
import scipy
from scipy import integrate, optimize

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_REFERENCE = os.path.join(ROOT, 'eoc-core', 'src', 'test', 'resources', 'reference',
                                 'eoc_points.csv')
FALLBACK_REFERENCE = os.path.join(ROOT, 'benchmarks', 'target', 'eoc_points_fallback.csv')

# The points of dev.eoc.benchmarks.EocPointBenchmark: (name in the benchmark, spec in the table).
ACTIVATIONS = [('tanh', 'tanh'), ('elu', 'elu(1)'), ('gelu', 'gelu'), ('swish', 'swish'),
               ('selu', 'selu'), ('erf', 'erf')]
SIGMA_B = '0.2'

# Notebook method settings (see module docstring).
SIGMA_W_BRACKET = (0.5, 5.0)
FIXED_POINT_TOL = 1e-12
FIXED_POINT_MAX_ITER = 1000
Q_START = 1.0
DIVERGED = 1e12  # q beyond this is treated as a diverging variance (as eoc does)

# q*-parametrization settings: eoc's own scan grid (EdgeOfChaos.Q_MIN, Q_MAX, GRID_PER_DECADE).
Q_MIN, Q_MAX, GRID_PER_DECADE = 1e-6, 1e6, 3

SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def _sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _phi_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2))


# (phi, phi') as plain scalar functions: math.* is the fastest honest choice for quad.
ACTS = {
    'tanh': (math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    'elu(1)': (lambda x: x if x > 0 else math.expm1(x), lambda x: 1.0 if x > 0 else math.exp(x)),
    'selu': (lambda x: SELU_LAMBDA * x if x > 0 else SELU_LAMBDA * SELU_ALPHA * math.expm1(x),
             lambda x: SELU_LAMBDA if x > 0 else SELU_LAMBDA * SELU_ALPHA * math.exp(x)),
    'gelu': (lambda x: x * _phi_cdf(x),
             lambda x: _phi_cdf(x) + x * INV_SQRT_2PI * math.exp(-x * x / 2)),
    'swish': (lambda x: x * _sigmoid(x),
              lambda x: _sigmoid(x) * (1 + x * (1 - _sigmoid(x)))),
    'erf': (math.erf, lambda x: 2 / math.sqrt(math.pi) * math.exp(-x * x)),
}


def gauss(g, q):
    """E[g(sqrt(q) Z)], Z ~ N(0, 1), by quad over (-inf, inf) with default tolerances."""
    s = math.sqrt(q)
    return integrate.quad(lambda z: g(s * z) * math.exp(-z * z / 2) * INV_SQRT_2PI,
                          -math.inf, math.inf)[0]


def notebook_eoc(spec, sigma_b):
    """brentq on sigma_w of chi_1 - 1, q* by fixed-point iteration; returns (sigma_w, q*)."""
    phi, dphi = ACTS[spec]
    sb2 = sigma_b * sigma_b

    def q_star(sw):
        q = Q_START
        for _ in range(FIXED_POINT_MAX_ITER):
            q_next = sb2 + sw * sw * gauss(lambda x: phi(x) ** 2, q)
            if abs(q_next - q) < FIXED_POINT_TOL or q_next > DIVERGED:
                return q_next
            q = q_next
        return q

    def chi1_minus_1(sw):
        return sw * sw * gauss(lambda x: dphi(x) ** 2, q_star(sw)) - 1

    sw = optimize.brentq(chi1_minus_1, *SIGMA_W_BRACKET)
    return sw, q_star(sw)


def qparam_eoc(spec, sigma_b):
    """eoc's algorithm with SciPy tools; returns (sigma_w, q*) of the root eoc reports."""
    phi, dphi = ACTS[spec]
    target = sigma_b * sigma_b

    def moments(q):
        v = gauss(lambda x: phi(x) ** 2, q)
        d = gauss(lambda x: dphi(x) ** 2, q)
        return v, d

    def excess(t):
        v, d = moments(math.exp(t))
        return math.exp(t) - v / d - target

    n = int(round(math.log10(Q_MAX / Q_MIN) * GRID_PER_DECADE)) + 1
    ts = numpy.linspace(math.log(Q_MIN), math.log(Q_MAX), n)
    hs = [excess(t) for t in ts]
    roots = []
    for i in range(1, n):
        if hs[i] == 0:
            roots.append(math.exp(ts[i]))
        elif hs[i - 1] != 0 and (hs[i] > 0) != (hs[i - 1] > 0):
            roots.append(math.exp(optimize.brentq(excess, ts[i - 1], ts[i], xtol=1e-14)))
    if not roots:
        raise ValueError('no EOC point for %s at sigma_b = %s' % (spec, sigma_b))
    points = []
    for q in roots:
        v, d = moments(q)
        sw2 = 1 / d
        # chi_q = sigma_w^2 E[X phi(X) phi'(X)] / q (Gaussian integration by parts; no phi'')
        chi_q = sw2 * gauss(lambda x: x * phi(x) * dphi(x), q) / q
        points.append((math.sqrt(sw2), q, chi_q))
    stable = [p for p in points if p[2] < 1]
    chosen = stable[0] if stable else points[0]
    return chosen[0], chosen[1]


def read_reference(path):
    """{(spec, sigma_b): (root_index, q*, sigma_w)} for the root eoc's solver reports."""
    rows = {}
    header = True
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if header:
                header = False
                continue
            spec, sb, idx, q, sw, chi_q = line.split(',')[:6]
            rows.setdefault((spec, sb), []).append((int(idx), float(q), float(sw), float(chi_q)))
    chosen = {}
    for key, roots in rows.items():
        roots.sort(key=lambda r: r[1])
        stable = [r for r in roots if r[3] < 1]
        r = stable[0] if stable else roots[0]
        chosen[key] = (r[0], r[1], r[2])
    return chosen


def compute_fallback_reference(path):
    """mpmath at 30 digits for the benchmark points; roots bracketed by the float scan."""
    sys.path.insert(0, os.path.join(ROOT, 'scripts', 'reference'))
    from eoc_common import make_act, moment, mp, mpf  # noqa: E402
    dps = 30
    mp.dps = dps
    lines = ['# generated by scripts/benchmarks/scipy_baseline.py (fallback: %s missing)'
             % DEFAULT_REFERENCE,
             '# mpmath %s, python %s, mp.dps = %d, integrals split at z = 0 and at kinks'
             % (__import__('mpmath').__version__, platform.python_version(), dps),
             '# roots of q - V(q)/D(q) = sigma_b^2 bracketed on a float log grid, refined by'
             ' mpmath.findroot (anderson) in log q',
             'activation,sigma_b,root_index,q_star,sigma_w,chi_q']
    for _, spec in ACTIVATIONS:
        act = make_act(spec)
        target = mpf(SIGMA_B) ** 2
        phi, dphi = ACTS[spec]
        n = int(round(math.log10(Q_MAX / Q_MIN) * GRID_PER_DECADE)) + 1
        ts = numpy.linspace(math.log(Q_MIN), math.log(Q_MAX), n)

        def excess_float(t):
            q = math.exp(t)
            return q - gauss(lambda x: phi(x) ** 2, q) / gauss(lambda x: dphi(x) ** 2, q) \
                - float(target)

        def excess(t):
            q = mp.exp(t)
            return q - moment(act, q, 'V') / moment(act, q, 'D') - target

        hs = [excess_float(t) for t in ts]
        idx = 0
        for i in range(1, n):
            if (hs[i] > 0) != (hs[i - 1] > 0):
                t = mp.findroot(excess, (mpf(ts[i - 1]), mpf(ts[i])), solver='anderson')
                q = mp.exp(t)
                d = moment(act, q, 'D')
                sw2 = 1 / d
                chi_q = sw2 * (d + moment(act, q, 'P'))
                lines.append('%s,%s,%d,%s,%s,%s' % (spec, SIGMA_B, idx, mp.nstr(q, 25),
                                                    mp.nstr(mp.sqrt(sw2), 25),
                                                    mp.nstr(chi_q, 25)))
                idx += 1
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def timed(fn, repeats):
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def rel(a, b):
    return abs(a - b) / abs(b)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--repeats', type=int, default=5, help='timed runs per point (median)')
    ap.add_argument('--json', help='write the results here as JSON')
    ap.add_argument('--reference', default=DEFAULT_REFERENCE, help='eoc_points.csv table')
    args = ap.parse_args()

    reference_path = args.reference
    if not os.path.exists(reference_path):
        print('%s not found: computing a 30-digit mpmath reference for these points'
              % reference_path, flush=True)
        compute_fallback_reference(FALLBACK_REFERENCE)
        reference_path = FALLBACK_REFERENCE
    reference = read_reference(reference_path)

    print('SciPy baseline: python %s, numpy %s, scipy %s, %s; median of %d runs per point'
          % (platform.python_version(), numpy.__version__, scipy.__version__,
             platform.processor() or platform.machine(), args.repeats))
    print('reference: %s' % reference_path)
    fmt = '%-6s %-7s | %12s %11s %11s | %12s %11s %11s'
    print(fmt % ('act', 'sigma_b', 'notebook', 'relerr_sw', 'relerr_q', 'qparam',
                 'relerr_sw', 'relerr_q'))
    print(fmt % ('', '', 'median [us]', '', '', 'median [us]', '', ''))
    results = []
    for name, spec in ACTIVATIONS:
        idx, q_ref, sw_ref = reference[(spec, SIGMA_B)]
        row = {'activation': name, 'spec': spec, 'sigma_b': float(SIGMA_B), 'root_index': idx,
               'reference_sigma_w': sw_ref, 'reference_q_star': q_ref}
        for method, fn in (('notebook', notebook_eoc), ('qparam', qparam_eoc)):
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')  # quad's IntegrationWarning on far tails
                try:
                    median, (sw, q) = timed(lambda: fn(spec, float(SIGMA_B)), args.repeats)
                    row[method] = {'median_s': median, 'sigma_w': sw, 'q_star': q,
                                   'relerr_sigma_w': rel(sw, sw_ref),
                                   'relerr_q_star': rel(q, q_ref)}
                except (ValueError, RuntimeError) as e:
                    row[method] = {'error': str(e)}
        results.append(row)
        cells = []
        for method in ('notebook', 'qparam'):
            r = row[method]
            if 'error' in r:
                cells += ['failed', '-', '-']
            else:
                cells += ['%.0f' % (r['median_s'] * 1e6), '%.1e' % r['relerr_sigma_w'],
                          '%.1e' % r['relerr_q_star']]
        print(fmt % tuple([name, SIGMA_B] + cells), flush=True)
    print('notebook: brentq on sigma_w in [0.5, 5], q* by iterating q <- F(q) from q = 1;'
          ' it cannot reach an unstable q* (chi_q > 1)')
    print('qparam:   brentq on log q* of q - E[phi^2]/E[phi\'^2] = sigma_b^2 (eoc\'s algorithm)')
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, 'w') as f:
            json.dump({'python': platform.python_version(), 'numpy': numpy.__version__,
                       'scipy': scipy.__version__, 'repeats': args.repeats,
                       'reference': os.path.relpath(reference_path, ROOT),
                       'points': results}, f, indent=1)


if __name__ == '__main__':
    main()
