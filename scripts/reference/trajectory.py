#!/usr/bin/env python3
"""Layer-by-layer mean-field trajectories (q_l, c_l).

q_{l+1} = sb2 + sw2 V(q_l);  c_{l+1} = (sb2 + sw2 C(q_l, c_l)) / q_{l+1};  layer 0 = (q0, c0).

Cases:
 a) relu, sigma_b = 0, sigma_w = sqrt(2), q0 = 1, c0 = 0.5, layers 0..200, closed form
    C(q,c) = q/(2 pi) (sqrt(1-c^2) + (pi - arccos c) c)  (arc-cosine kernel, Cho & Saul 2009), dps 40.
 b) tanh, sigma_b = 0.2, sigma_w = EOC sigma_w (recomputed here, dps 40), q0 = q*, c0 = 0.5,
    layers 0..30; V by 1-D tanh-sinh (dps 40), C by nested Gauss-Legendre (dps 30).
 c) tanh, sigma_b = 1, sigma_w = 1, q0 = 1, c0 = 0.5, layers 0..20 (as b).
 d) erf, sigma_b = 0.3, sigma_w = 1.5, q0 = 2, c0 = -0.4, layers 0..20, closed forms
    E[erf(u1) erf(u2)] = (2/pi) asin(2qc/(1+2q)), E[erf(u)^2] = (2/pi) asin(2q/(1+2q)), dps 40.

Writes eoc-core/src/test/resources/reference/trajectory.csv.
Usage: python3 scripts/reference/trajectory.py     (a few minutes, 1 process)
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eoc_common import mp, mpf, mpmath, make_act, moment, cmoments_gl, fmt, out_dir, header_lines  # noqa
import eoc_points  # noqa  (refine, sb2, grid)

DPS = 40
DPS_2D = 30


def relu_case():
    mp.dps = DPS
    sw2 = mpf(2)
    q, c = mpf(1), mpf('0.5')
    rows = [(0, q, c)]
    for l in range(1, 201):
        C = q / (2 * mp.pi) * (mp.sqrt(1 - c * c) + (mp.pi - mp.acos(c)) * c)
        qn = sw2 * q / 2
        c = sw2 * C / qn
        q = qn
        rows.append((l, q, c))
    return ('relu', '0', mp.sqrt(2), '1', '0.5', rows)


def erf_case():
    mp.dps = DPS
    sb2, sw2 = mpf('0.3') ** 2, mpf('1.5') ** 2
    q, c = mpf(2), mpf('-0.4')
    rows = [(0, q, c)]
    for l in range(1, 21):
        V = 2 / mp.pi * mp.asin(2 * q / (1 + 2 * q))
        C = 2 / mp.pi * mp.asin(2 * q * c / (1 + 2 * q))
        qn = sb2 + sw2 * V
        c = (sb2 + sw2 * C) / qn
        q = qn
        rows.append((l, q, c))
    return ('erf', '0.3', mpf('1.5'), '2', '-0.4', rows)


def tanh_eoc_02():
    """EOC (q*, sigma_w) of tanh at sigma_b = 0.2 (first root on the eoc_points grid)."""
    mp.dps = DPS
    act = make_act('tanh')
    target = mpf('0.2') ** 2
    g = eoc_points.grid()
    prev = None
    for q in g:
        f = eoc_points.sb2(act, q)
        if prev is not None and (prev[1] - target > 0) != (f - target > 0):
            qs = eoc_points.refine(act, target, prev[0], prev[1], q, f)
            return qs, mp.sqrt(1 / moment(act, qs, 'D'))
        prev = (q, f)
    raise RuntimeError('no root')


def tanh_case(sb, sw, q0, c0, layers):
    act = make_act('tanh')
    mp.dps = DPS
    sb2, sw2 = mpf(sb) ** 2, mpf(sw) ** 2
    q, c = mpf(q0), mpf(c0)
    rows = [(0, q, c)]
    for l in range(1, layers + 1):
        mp.dps = DPS
        qn = sb2 + sw2 * moment(act, q, 'V')
        mp.dps = DPS_2D
        C, _ = cmoments_gl(act, q, c)
        mp.dps = DPS
        c = (sb2 + sw2 * C) / qn
        q = qn
        rows.append((l, q, c))
    return rows


def main():
    t0 = time.time()
    cases = [relu_case()]
    notes = []
    # relu cross-check: C(q,1) = q/2 and C(q,0) = q/(2 pi)
    mp.dps = DPS
    notes.append('relu checks: C(1,1) - 1/2 = %s, C(1,0) - 1/(2 pi) = %s' % (
        mpmath.nstr(1 / (2 * mp.pi) * (0 + mp.pi) - mpf(1) / 2, 3),
        mpmath.nstr(1 / (2 * mp.pi) * (1 + 0) - 1 / (2 * mp.pi), 3)))
    qs, sw = tanh_eoc_02()
    notes.append('case b: tanh EOC at sigma_b=0.2: q* = %s, sigma_w = %s' % (fmt(qs), fmt(sw)))
    print(notes[-1], flush=True)
    t1 = time.time()
    rb = tanh_case('0.2', sw, qs, '0.5', 30)
    print('case b %.0fs' % (time.time() - t1), flush=True)
    cases.append(('tanh', '0.2', sw, fmt(qs), '0.5', rb))
    t1 = time.time()
    rc = tanh_case('1', '1', '1', '0.5', 20)
    print('case c %.0fs' % (time.time() - t1), flush=True)
    cases.append(('tanh', '1', mpf(1), '1', '0.5', rc))
    cases.append(erf_case())
    # erf closed form vs numerical 2-D quadrature for the first two steps
    mp.dps = DPS_2D
    act = make_act('erf')
    er = cases[-1][5]
    dev = mpf(0)
    for l in range(2):
        _, q, c = er[l]
        C, _ = cmoments_gl(act, q, c)
        dev = max(dev, abs(C - 2 / mp.pi * mp.asin(2 * q * c / (1 + 2 * q))))
    notes.append('case d: erf closed-form C vs nested GL quadrature at layers 0,1: max abs diff %s'
                 % mpmath.nstr(dev, 3))
    mp.dps = DPS
    elapsed = time.time() - t0
    for n in notes:
        print(n)
    cols = ['activation, sigma_b, sigma_w, q0, c0: the case (sigma_w of the tanh EOC case to 25 digits)',
            'layer: l = 0 .. L (layer 0 = (q0, c0))',
            'q: q_l', 'c: c_l', 'one_minus_c: 1 - c_l (computed directly, not from the printed c)']
    extra = ['cases a (relu, arc-cosine kernel closed form, Cho & Saul 2009) and d (erf closed form): dps 40',
             'cases b, c (tanh): q map via 1-D tanh-sinh at dps 40; C(q,c) via nested Gauss-Legendre at dps 30,'
             ' so c_l (and q_l of case b, which sits at the fixed point) carry ~28 correct digits;'
             ' 1 - c_l then has an absolute error ~1e-30, i.e. in case c (1 - c_20 ~ 3e-9) only ~20'
             ' correct significant digits'] + notes + \
            ['run time %.0f s' % elapsed]
    hdr = header_lines('trajectory.py', '40 (2-D integrals: 30)', cols, extra)
    with open(os.path.join(out_dir(), 'trajectory.csv'), 'w') as f:
        f.write('\n'.join(hdr) + '\n')
        f.write('activation,sigma_b,sigma_w,q0,c0,layer,q,c,one_minus_c\n')
        n = 0
        for act, sb, sw, q0, c0, rows in cases:
            for l, q, c in rows:
                mp.dps = DPS
                f.write('%s,%s,%s,%s,%s,%d,%s,%s,%s\n' % (act, sb, fmt(sw), q0, c0, l, fmt(q), fmt(c),
                                                           fmt(1 - c)))
                n += 1
    print('rows %d, %.0f s' % (n, elapsed))


if __name__ == '__main__':
    main()
