#!/usr/bin/env python3
"""Correlation-map moments C(q,c) = E[phi(u1) phi(u2)] and C1(q,c) = E[phi'(u1) phi'(u2)].

(u1, u2) centred Gaussian, Var u1 = Var u2 = q, correlation c;
u1 = sqrt(q) z1, u2 = sqrt(q)(c z1 + sqrt(1-c^2) z2).  Nested composite
Gauss-Legendre quadrature (24 nodes per piece) on [-13, 13]^2 at mp.dps = 30,
pieces split at every kink (outer: kinks of phi(u1); inner: the z1-dependent
kinks of phi(u2)) and graded towards u = 0 where phi has complex
singularities close to the real axis.  Validated in-script against closed
forms (relu arc-cosine kernel, erf), the c = 0 factorisation, mpmath tanh-sinh
nested quadrature and a 48-node rerun.

Writes eoc-core/src/test/resources/reference/cmap.csv.
Usage: python3 scripts/reference/cmap.py        (about 10 minutes, 2 processes)
"""
import os
import sys
import time
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eoc_common import (mp, mpf, mpmath, make_act, moment, gauss_E, z_points, cmoments_gl,  # noqa
                        fmt, out_dir, header_lines)

DPS = 30
ACTS = ['tanh', 'erf', 'relu', 'elu(1)', 'elu(0.5)', 'selu', 'swish', 'gelu', 'hard_tanh',
        'shifted_softplus', 'sigmoid', 'mish']
QS = ['0.1', '1', '4']
ODD = {'tanh', 'erf', 'hard_tanh'}
CS = ['-0.9', '-0.3', '0', '0.5', '0.9', '0.99', '0.999']


def job(args):
    spec, qs, degree = args
    mp.dps = DPS
    act = make_act(spec)
    t = time.time()
    res = []
    for cs in CS:
        C, C1 = cmoments_gl(act, mpf(qs), mpf(cs), degree=degree)
        res.append((cs, C, C1))
    return spec, qs, res, time.time() - t


def check_job(args):
    spec, qs, cs = args
    mp.dps = DPS
    act = make_act(spec)
    return (spec, qs, cs), cmoments_gl(act, mpf(qs), mpf(cs), degree=5)


def read_existing():
    """Rows of an existing cmap.csv (25-digit values) keyed like `table`."""
    old = {}
    with open(os.path.join(out_dir(), 'cmap.csv')) as f:
        for line in f:
            if line.startswith('#') or line.startswith('activation,'):
                continue
            a, qs, cs, C, C1 = line.strip().split(',')
            old[a, qs, cs] = (mpf(C), mpf(C1))
    return old


def main():
    # optional: --acts a,b  recompute only these activations and keep the other
    # rows of the existing cmap.csv (re-read with their 25 printed digits)
    only = None
    if '--acts' in sys.argv:
        only = sys.argv[sys.argv.index('--acts') + 1].split(',')
    t0 = time.time()
    mp.dps = DPS
    acts_run = ACTS if only is None else only
    jobs = [(a, q, 4) for a in acts_run for q in QS]
    checks = [(a, q, c) for a in ['tanh', 'mish', 'hard_tanh', 'elu(0.5)', 'sigmoid', 'erf', 'gelu']
              for q, c in [('4', '0.999'), ('0.1', '-0.9'), ('1', '0.5')] if a in acts_run]
    with Pool(2) as pool:
        results = pool.map(job, jobs, chunksize=1)
        for spec, qs, _, dt in results:
            print('%-18s q=%-4s %.1fs' % (spec, qs, dt), flush=True)
        chk48 = pool.map(check_job, checks, chunksize=1)
    table = {}
    if only is not None:
        mp.dps = DPS
        table.update({k: v for k, v in read_existing().items() if k[0] not in only})
    for spec, qs, res, _ in results:
        for cs, C, C1 in res:
            if cs == '0' and spec in ODD:
                C = mpf(0)  # C(q,0) = M^2 = 0 exactly for odd phi (quadrature: ~1e-33 noise)
            table[spec, qs, cs] = (C, C1)
    mp.dps = DPS
    lines = []

    def rel(a, b):
        return abs(a - b) / abs(b) if b != 0 else abs(a)

    # 48-node rerun
    w = max(max(rel(table[k][0], v[0]), rel(table[k][1], v[1])) for k, v in chk48)
    lines.append('24- vs 48-node GL rerun (%s at (q,c) = (4,0.999),'
                 ' (0.1,-0.9), (1,0.5)): max rel diff %s' % (
                     ', '.join(sorted(set(k[0] for k, _ in chk48))), mpmath.nstr(w, 3)))
    if only is not None:
        lines.insert(0, 'partial rerun (--acts %s): those rows recomputed now; all other rows re-read from the'
                     ' previous cmap.csv (25 digits), so the checks below that involve them are limited to'
                     ' ~1e-25 by that rounding' % ','.join(only))
    # closed forms
    wr = mpf(0)
    we = mpf(0)
    for qs in QS:
        for cs in CS:
            q, c = mpf(qs), mpf(cs)
            C, C1 = table['relu', qs, cs]
            wr = max(wr, rel(C, q / (2 * mp.pi) * (mp.sqrt(1 - c * c) + (mp.pi - mp.acos(c)) * c)),
                     rel(C1, (mp.pi - mp.acos(c)) / (2 * mp.pi)))
            C, C1 = table['erf', qs, cs]
            if c != 0:
                we = max(we, rel(C, 2 / mp.pi * mp.asin(2 * q * c / (1 + 2 * q))))
            else:
                we = max(we, abs(C))
            we = max(we, rel(C1, 4 / mp.pi / mp.sqrt((1 + 2 * q) ** 2 - 4 * q * q * c * c)))
    lines.append('closed form relu (arc-cosine kernel, Cho & Saul 2009) C and C1: max rel diff %s' % mpmath.nstr(wr, 3))
    lines.append('closed form erf C=(2/pi)asin(2qc/(1+2q)), C1=(4/pi)/sqrt((1+2q)^2-4q^2c^2): max rel diff %s'
                 % mpmath.nstr(we, 3))
    # c = 0 factorisation with 1-D tanh-sinh quadrature
    wz = mpf(0)
    for spec in ACTS:
        act = make_act(spec)
        for qs in QS:
            q = mpf(qs)
            sq = mp.sqrt(q)
            M = moment(act, q, 'M')
            Md = gauss_E(lambda t: act.f(sq * t)[1], z_points(act, q))
            C, C1 = table[spec, qs, '0']
            # absolute diff scaled by V (C may vanish for odd phi)
            V = moment(act, q, 'V')
            wz = max(wz, abs(C - M * M) / V, rel(C1, Md * Md))
    lines.append('c = 0 factorisation C = M^2, C1 = E[phi\']^2 (1-D tanh-sinh): max diff %s'
                 ' (relative; for C scaled by V)' % mpmath.nstr(wz, 3))
    # mpmath nested tanh-sinh reference values (computed separately with mp.quad, dps 30)
    refs = {('tanh', '1', '0.5'): ('0.18632441320344808611', '0.38474702844103890153'),
            ('tanh', '4', '0.999'): ('0.63423896955999729255', '0.25518342568841616228'),
            ('tanh', '0.1', '-0.9'): ('-0.075732301654061823737', '0.84715796738924467527')}
    wt = max(max(rel(table[k][0], mpf(v[0])), rel(table[k][1], mpf(v[1]))) for k, v in refs.items())
    lines.append('vs mpmath.quad nested tanh-sinh (tanh, 3 points, reference values given to 20 digits):'
                 ' max rel diff %s' % mpmath.nstr(wt, 3))
    for l in lines:
        print(l)
    elapsed = time.time() - t0
    cols = ['activation: activation spec string', 'q: variance of u1 and u2 (exact decimal)',
            'c: correlation of u1, u2 (exact decimal)', 'C: E[phi(u1) phi(u2)]',
            'C1: E[phi\'(u1) phi\'(u2)] (a.e. derivative)']
    hdr = header_lines('cmap.py', DPS, cols,
                       ['2-D integrals: nested composite Gauss-Legendre (24 nodes/piece) on [-13,13]^2, pieces'
                        ' split at all (inner, z1-dependent) kinks, graded towards u=0;'
                        ' (regenerating only some activations: append --acts a,b to the command)'
                        ' expected accuracy >= 27 significant digits'] + lines +
                       ['run time %.0f s' % elapsed])
    with open(os.path.join(out_dir(), 'cmap.csv'), 'w') as f:
        f.write('\n'.join(hdr) + '\n')
        f.write('activation,q,c,C,C1\n')
        for spec in ACTS:
            for qs in QS:
                for cs in CS:
                    C, C1 = table[spec, qs, cs]
                    f.write('%s,%s,%s,%s,%s\n' % (spec, qs, cs, fmt(C), fmt(C1)))
    print('rows %d, %.0f s' % (len(table), elapsed))


if __name__ == '__main__':
    main()
