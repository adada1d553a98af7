#!/usr/bin/env python3
"""1-D Gaussian moments V, D, S, P, M of every activation at several variances q.

Writes eoc-core/src/test/resources/reference/moments.csv.
Usage: python3 scripts/reference/moments.py      (about 1-2 minutes)
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eoc_common import mp, mpf, mpmath, make_act, moment, ALL_ACTS, fmt, out_dir, header_lines  # noqa

DPS = 40
ODD = {'tanh', 'erf', 'hard_tanh', 'linear'}
QS = ['0.01', '0.1', '0.5', '1', '2', '5', '20', '100']


def closed_form_checks(table):
    """Compare with known closed forms; returns max relative deviation lines."""
    lines = []
    mp.dps = DPS

    def rel(a, b):
        return abs(a - b) / abs(b) if b != 0 else abs(a)

    worst = {}

    def upd(name, r):
        worst[name] = max(worst.get(name, mpf(0)), r)

    for qs in QS:
        q = mpf(qs)
        t = table
        # relu: V = q/2, D = 1/2, M = sqrt(q/(2 pi))
        upd('relu V=q/2, D=1/2, M=sqrt(q/2pi)', max(rel(t['relu', qs][0], q / 2), rel(t['relu', qs][1], mpf(1) / 2),
                                                   rel(t['relu', qs][4], mp.sqrt(q / (2 * mp.pi)))))
        # erf: V = (2/pi) asin(2q/(1+2q)), D = (4/pi)/sqrt(1+4q)
        upd('erf V=(2/pi)asin(2q/(1+2q)), D=(4/pi)/sqrt(1+4q)',
            max(rel(t['erf', qs][0], 2 / mp.pi * mp.asin(2 * q / (1 + 2 * q))),
                rel(t['erf', qs][1], 4 / mp.pi / mp.sqrt(1 + 4 * q))))
        # hard_tanh: D = erf(1/sqrt(2q))
        upd('hard_tanh D=erf(1/sqrt(2q))', rel(t['hard_tanh', qs][1], mp.erf(1 / mp.sqrt(2 * q))))
        # linear: V = q, D = 1
        upd('linear V=q, D=1', max(rel(t['linear', qs][0], q), rel(t['linear', qs][1], mpf(1))))
        # leaky_relu(0.2): V = q (1+a^2)/2, D = (1+a^2)/2
        a2 = mpf('0.2') ** 2
        upd('leaky_relu(0.2) V=q(1+a^2)/2, D=(1+a^2)/2',
            max(rel(t['leaky_relu(0.2)', qs][0], q * (1 + a2) / 2), rel(t['leaky_relu(0.2)', qs][1], (1 + a2) / 2)))
        # gelu: M = E[x Phi(x)] = q / sqrt(2 pi (1+q))
        upd('gelu M=q/sqrt(2pi(1+q))', rel(t['gelu', qs][4], q / mp.sqrt(2 * mp.pi * (1 + q))))
        # elu(alpha): D = 1/2 + alpha^2 e^{2q} Phi(-2 sqrt q)
        for a in ('1', '0.5'):
            al = mpf(a)
            upd('elu D=1/2+a^2 e^{2q} Phi(-2 sqrt q)',
                rel(t['elu(%s)' % a, qs][1], mpf(1) / 2 + al ** 2 * mp.exp(2 * q) * mp.ncdf(-2 * mp.sqrt(q))))
    for k, v in worst.items():
        lines.append('closed-form check %s: max rel diff %s' % (k, mpmath.nstr(v, 3)))
    return lines


def main():
    t0 = time.time()
    mp.dps = DPS
    table = {}
    for spec in ALL_ACTS:
        act = make_act(spec)
        for qs in QS:
            vals = [moment(act, mpf(qs), w) for w in 'VDSPM']
            if spec in ODD:
                vals[4] = mpf(0)  # M = 0 exactly by symmetry (quadrature gives ~1e-42 noise)
            table[spec, qs] = tuple(vals)
        print('%-18s done %.1fs' % (spec, time.time() - t0), flush=True)
    checks = closed_form_checks(table)
    # precision check: a few values at dps 50
    prec_lines = []
    worst = mpf(0)
    for spec in ['tanh', 'mish', 'selu', 'hard_tanh', 'gelu_sigmoid', 'softplus']:
        for qs in ['0.01', '1', '100']:
            mp.dps = 50
            act = make_act(spec)
            v50 = [moment(act, mpf(qs), w) for w in 'VDSPM']
            V = v50[0]
            for a, b in zip(table[spec, qs], v50):
                # relative difference; for values that vanish by symmetry (|b| < 1e-30 V)
                # the absolute difference scaled by V
                if abs(b) > mpf(10) ** -30 * V:
                    worst = max(worst, abs(a - b) / abs(b))
                else:
                    worst = max(worst, abs(a - b) / V)
    mp.dps = DPS
    prec_lines.append('precision check: 6 activations x q in {0.01,1,100}, all 5 moments, dps 40 vs dps 50:'
                      ' max rel diff %s (M of odd activations, exactly 0, set to 0)' % mpmath.nstr(worst, 3))
    for l in checks + prec_lines:
        print(l)
    elapsed = time.time() - t0
    cols = ['activation: activation spec string',
            'q: variance of the pre-activation (exact decimal)',
            'V: E[phi(sqrt(q) Z)^2]', 'D: E[phi\'(sqrt(q) Z)^2]', 'S: E[phi\'\'(sqrt(q) Z)^2] (a.e. phi\'\')',
            'P: E[phi(sqrt(q) Z) phi\'\'(sqrt(q) Z)]', 'M: E[phi(sqrt(q) Z)]']
    hdr = header_lines('moments.py', DPS, cols,
                       ['quadrature: mpmath.quad (tanh-sinh) over (-inf, breakpoints, inf) in z, split at'
                        ' z = 0 and at kinks/sqrt(q)'] + checks + prec_lines + ['run time %.0f s' % elapsed])
    with open(os.path.join(out_dir(), 'moments.csv'), 'w') as f:
        f.write('\n'.join(hdr) + '\n')
        f.write('activation,q,V,D,S,P,M\n')
        for spec in ALL_ACTS:
            for qs in QS:
                f.write('%s,%s,%s\n' % (spec, qs, ','.join(fmt(x) for x in table[spec, qs])))
    print('rows %d, %.0f s' % (len(table), elapsed))


if __name__ == '__main__':
    main()
