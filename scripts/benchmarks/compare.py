#!/usr/bin/env python3
"""Side-by-side summary of one run-all.sh run: eoc (JMH) versus the SciPy baseline.

Reads the JMH JSON (SampleTime p0.50 of EocPointBenchmark, TrajectoryBenchmark; mean of the
single shots of PhaseDiagramBenchmark), the SciPy baseline JSON and AccuracyReport's CSV, all
from the same run, and prints the speed ratio scipy median / eoc median per EOC point with both
accuracies, and the trajectory and phase-diagram times against issue 2's targets.

Usage: python3 scripts/benchmarks/compare.py JMH.json SCIPY.json ACCURACY.csv
"""
import json
import sys

# issue 2, "Speed"
TARGET_EOC_US = 200.0
TARGET_TRAJECTORY_MS = 10.0
TARGET_PHASE_DIAGRAM_S = 2.0


def to_unit(value, unit, wanted):
    scale = {'ns/op': 1e-9, 'us/op': 1e-6, 'ms/op': 1e-3, 's/op': 1.0}
    return value * scale[unit] / scale[wanted]


def jmh_results(path):
    """{(short benchmark name, activation): (p50 or mean, unit)}."""
    out = {}
    for r in json.load(open(path)):
        name = r['benchmark'].rsplit('.', 2)[-2] + '.' + r['benchmark'].rsplit('.', 1)[-1]
        pm = r['primaryMetric']
        value = pm['scorePercentiles']['50.0'] if r['mode'] == 'sample' else pm['score']
        out[(name, r['params']['activation'])] = (value, pm['scoreUnit'])
    return out


def accuracy(path):
    rows = {}
    header = True
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if header:
            header = False
            continue
        f = line.split(',')
        rows[(f[0], f[1])] = (float(f[5]), float(f[6]))
    return rows


def main(jmh_path, scipy_path, accuracy_path):
    jmh = jmh_results(jmh_path)
    scipy = json.load(open(scipy_path))
    acc = accuracy(accuracy_path)
    print('One EOC point, median time (eoc: JMH SampleTime p0.50, solver built once; scipy:'
          ' median of %d runs), relative errors vs %s' % (scipy['repeats'], scipy['reference']))
    fmt = '%-6s %-5s | %9s %8s %8s | %11s %8s %8s %8s | %9s %8s %8s %8s'
    print(fmt % ('act', 'sb', 'eoc [us]', 'err_sw', 'err_q', 'notebook[us]', 'ratio',
                 'err_sw', 'err_q', 'qparam[us]', 'ratio', 'err_sw', 'err_q'))
    for p in scipy['points']:
        key = ('EocPointBenchmark.solve', p['activation'])
        if key not in jmh:
            continue
        eoc_us = to_unit(*jmh[key], 'us/op')
        err = acc.get((p['spec'], '%g' % p['sigma_b']), (float('nan'), float('nan')))
        cells = [p['activation'], '%g' % p['sigma_b'], '%.1f' % eoc_us,
                 '%.1e' % err[0], '%.1e' % err[1]]
        for method in ('notebook', 'qparam'):
            m = p[method]
            if 'error' in m:
                cells += ['failed', '-', '-', '-']
            else:
                cells += ['%.0f' % (m['median_s'] * 1e6), '%.0fx' % (m['median_s'] * 1e6 / eoc_us),
                          '%.1e' % m['relerr_sigma_w'], '%.1e' % m['relerr_q_star']]
        print(fmt % tuple(cells))
    print('target: <= %g us median per EOC point; ratio = scipy median / eoc median' % TARGET_EOC_US)
    for (name, act), (value, unit) in sorted(jmh.items()):
        if name == 'EocPointBenchmark.solveStatic':
            print('  EdgeOfChaos.solve(activation, sigma_b) (solver built per call) %-6s p50 %.1f us'
                  % (act, to_unit(value, unit, 'us/op')))
    print()
    for (name, act), (value, unit) in sorted(jmh.items()):
        if name == 'TrajectoryBenchmark.propagate':
            ms = to_unit(value, unit, 'ms/op')
            print('200-layer trajectory %-6s p50 %8.3f ms  (target <= %g ms: %s)'
                  % (act, ms, TARGET_TRAJECTORY_MS, 'ok' if ms <= TARGET_TRAJECTORY_MS else 'MISSED'))
    for (name, act), (value, unit) in sorted(jmh.items()):
        if name == 'PhaseDiagramBenchmark.compute':
            s = to_unit(value, unit, 's/op')
            print('200x200 phase diagram %-6s mean %7.3f s  (one thread; target <= %g s: %s)'
                  % (act, s, TARGET_PHASE_DIAGRAM_S, 'ok' if s <= TARGET_PHASE_DIAGRAM_S else 'MISSED'))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
