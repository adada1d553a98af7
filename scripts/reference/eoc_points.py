#!/usr/bin/env python3
"""Edge-of-Chaos points: all roots q* in [1e-6, 1e6] of sb2(q) = q - V(q)/D(q) = sigma_b^2.

Writes eoc-core/src/test/resources/reference/eoc_points.csv and eoc_absent.csv.
Usage: python3 scripts/reference/eoc_points.py        (about 10 minutes, 2 processes)
"""
import os
import sys
import time
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eoc_common import mp, mpf, mpmath, make_act, moment, ALL_ACTS, fmt, out_dir, header_lines  # noqa

DPS = 40
SIGMA_BS = ['0.05', '0.1', '0.2', '0.3', '0.5', '1.0']
NGRID = 401  # log grid on [1e-6, 1e6], ratio 10^0.03
BETA_ACTS = {'tanh', 'erf', 'sigmoid', 'swish', 'gelu', 'gelu_sigmoid', 'softplus',
             'shifted_softplus', 'mish', 'elu(1)'}


def grid():
    return [mpf(10) ** (mpf(-6) + mpf(12) * i / (NGRID - 1)) for i in range(NGRID)]


def sb2(act, q):
    return q - moment(act, q, 'V') / moment(act, q, 'D')


def scan(spec):
    mp.dps = DPS
    act = make_act(spec)
    t = time.time()
    vals = [(q, sb2(act, q)) for q in grid()]
    return spec, vals, time.time() - t


def refine(act, target, qa, fa, qb, fb):
    """Illinois (modified regula falsi) in t = log q on a bracket; returns q."""
    ta, tb = mp.log(qa), mp.log(qb)
    fa, fb = fa - target, fb - target
    side = 0
    for _ in range(200):
        tc = (ta * fb - tb * fa) / (fb - fa)
        fc = sb2(act, mp.exp(tc)) - target
        if fc == 0:
            return mp.exp(tc)
        if (fc > 0) == (fb > 0):
            tb, fb = tc, fc
            if side == -1:
                fa /= 2
            side = -1
        else:
            ta, fa = tc, fc
            if side == 1:
                fb /= 2
            side = 1
        if abs(tb - ta) < mpf(10) ** (-(mp.dps - 3)):
            break
    return mp.exp((ta * fb - tb * fa) / (fb - fa))


def eoc_row_values(act, q):
    V, D, S, P = (moment(act, q, w) for w in 'VDSP')
    sw2 = 1 / D
    chi_q = sw2 * (D + P)
    beta = 2 * D / (q * S) if act.name in BETA_ACTS else None
    return mp.sqrt(sw2), chi_q, beta


def roots_for(args):
    spec, vals = args
    mp.dps = DPS
    act = make_act(spec)
    out = []
    absent = []
    t = time.time()
    for sbs in SIGMA_BS:
        target = mpf(sbs) ** 2
        roots = []
        for (qa, fa), (qb, fb) in zip(vals[:-1], vals[1:]):
            da, db = fa - target, fb - target
            if da == 0:
                roots.append(qa)
            elif (da > 0) != (db > 0) and db != 0:
                roots.append(refine(act, target, qa, fa, qb, fb))
        if vals[-1][1] - target == 0:
            roots.append(vals[-1][0])
        if not roots:
            diffs = [f - target for _, f in vals]
            absent.append((spec, sbs, min(diffs), max(diffs)))
        for i, q in enumerate(roots):
            sw, chi_q, beta = eoc_row_values(act, q)
            out.append((spec, sbs, i, q, sw, chi_q, beta))
    return spec, out, absent, time.time() - t


def precision_check(rows):
    """Re-solve some roots at dps 40 and at dps 50 (bracket q* (1 -+ 1e-3),
    fresh quadratures) and compare (q*, sigma_w, chi_q)."""
    lines = []
    for spec, sbs in [('tanh', '0.2'), ('erf', '0.05'), ('swish', '0.5'), ('elu(1)', '0.3'),
                      ('sigmoid', '1.0'), ('hard_tanh', '0.1'), ('mish', '0.1')]:
        found = [r for r in rows if r[0] == spec and r[1] == sbs]
        if not found:
            continue
        q0 = found[0][3]
        res = {}
        for dps in (DPS, 50):
            mp.dps = dps
            act = make_act(spec)
            target = mpf(sbs) ** 2
            qa, qb = mpf(q0) * mpf('0.999'), mpf(q0) * mpf('1.001')
            q = refine(act, target, qa, sb2(act, qa), qb, sb2(act, qb))
            sw, chi_q, beta = eoc_row_values(act, q)
            res[dps] = (q, sw, chi_q)
        mp.dps = 50
        rel = max(abs(a - b) / abs(b) for a, b in zip(res[DPS], res[50]))
        rel40 = max(abs(a - b) / abs(b) for a, b in zip(res[DPS], found[0][3:6]))
        digits = -mp.log10(rel) if rel > 0 else mpf(99)
        lines.append('%s sigma_b=%s: max rel diff of (q*, sigma_w, chi_q): dps40 vs dps50 %s'
                     ' (%s digits); table vs re-solve at dps40 %s' % (
                         spec, sbs, mpmath.nstr(rel, 3), mpmath.nstr(digits, 3),
                         mpmath.nstr(rel40, 3)))
    mp.dps = DPS
    return lines


def main():
    t0 = time.time()
    mp.dps = DPS
    with Pool(2) as pool:
        scans = pool.map(scan, ALL_ACTS, chunksize=1)
        for spec, _, dt in scans:
            print('scan %-18s %.1fs' % (spec, dt), flush=True)
        results = pool.map(roots_for, [(s, v) for s, v, _ in scans], chunksize=1)
    rows, absent = [], []
    for spec, out, ab, dt in results:
        print('roots %-18s %.1fs  %d root rows' % (spec, dt, len(out)), flush=True)
        rows += out
        absent += ab
    chk = precision_check(rows)
    for l in chk:
        print(l, flush=True)
    # cross-checks
    mp.dps = DPS
    extra = []
    erf_rows = [r for r in rows if r[0] == 'erf' and r[1] == '0.05']
    if erf_rows:
        extra.append('check: erf sigma_b=0.05 sigma_w=%s vs sqrt(pi)/2=%s (sigma_b->0 limit)' % (
            mpmath.nstr(erf_rows[0][4], 12), mpmath.nstr(mp.sqrt(mp.pi) / 2, 12)))
    for e in extra:
        print(e)
    elapsed = time.time() - t0
    d = out_dir()
    cols = ['activation: activation spec string',
            'sigma_b: bias standard deviation (exact decimal)',
            'root_index: 0-based index of the root, ordered by increasing q_star',
            'q_star: fixed-point variance q* (root of q - V(q)/D(q) = sigma_b^2)',
            'sigma_w: sqrt(1/D(q*)) (so chi_1 = 1)',
            'chi_q: F\'(q*) = sigma_w^2 (D(q*) + P(q*)), P = E[phi phi\'\'] (a.e. phi\'\')',
            'beta_q: 2 D(q*)/(q* S(q*)), empty where phi\' is not continuous']
    hdr = header_lines('eoc_points.py', DPS, cols, [
        'roots searched on a %d-point log grid q in [1e-6, 1e6] (sign changes), refined by'
        ' Illinois regula falsi in log q to ~37 digits' % NGRID,
        'precision check (dps 40 vs 50):'] + ['  ' + l for l in chk] + extra +
        ['run time %.0f s' % elapsed])
    with open(os.path.join(d, 'eoc_points.csv'), 'w') as f:
        f.write('\n'.join(hdr) + '\n')
        f.write('activation,sigma_b,root_index,q_star,sigma_w,chi_q,beta_q\n')
        for spec, sbs, i, q, sw, chi, beta in rows:
            f.write('%s,%s,%d,%s,%s,%s,%s\n' % (spec, sbs, i, fmt(q), fmt(sw), fmt(chi),
                                                fmt(beta) if beta is not None else ''))
    cols2 = ['activation, sigma_b: pairs with no root of sb2(q) = sigma_b^2 on the grid',
             'min_over_grid_of_sb2_minus_target: min over the q grid of (q - V/D) - sigma_b^2',
             'max_over_grid_of_sb2_minus_target: max over the q grid of (q - V/D) - sigma_b^2']
    hdr2 = header_lines('eoc_points.py', DPS, cols2, [
        'grid: %d log-spaced q in [1e-6, 1e6] (endpoints included)' % NGRID,
        'relu, leaky_relu, linear: q - V/D == 0 identically (values are rounding noise around -sigma_b^2)',
        'run time (whole script) %.0f s' % elapsed])
    with open(os.path.join(d, 'eoc_absent.csv'), 'w') as f:
        f.write('\n'.join(hdr2) + '\n')
        f.write('activation,sigma_b,min_over_grid_of_sb2_minus_target,max_over_grid_of_sb2_minus_target\n')
        for spec, sbs, mn, mx in absent:
            f.write('%s,%s,%s,%s\n' % (spec, sbs, fmt(mn), fmt(mx)))
    print('rows %d, absent %d, %.0f s' % (len(rows), len(absent), elapsed))


if __name__ == '__main__':
    main()
