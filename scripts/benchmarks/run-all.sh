#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs the JMH suite (settings in the benchmark
# annotations: 1 fork; EOC point and trajectory 3 x 2 s warm-up + 5 x 2 s measurement,
# SampleTime; phase diagram 1 + 3 single shots), the eoc accuracy report, the SciPy baseline,
# and prints the side-by-side comparison. About 8-10 minutes on an idle 2-core machine; run it
# on an idle machine for numbers worth publishing. Everything lands in benchmarks/target/.
#
# Usage (from anywhere): scripts/benchmarks/run-all.sh [extra JMH options, e.g. -p activation=tanh]
# SKIP_BUILD=1 reuses an existing benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=benchmarks/target
JAR=$OUT/benchmarks.jar
REFERENCE=eoc-core/src/test/resources/reference/eoc_points.csv

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (eoc-core from this tree + benchmarks jar)"
  mvn -B -q -pl benchmarks -am package -DskipTests
fi

{
  echo "git: $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc)"
  echo "load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -version 2>&1 | head -n 2 | sed 's/^/java: /'
  echo "python: $(python3 -c 'import sys, numpy, scipy; print(sys.version.split()[0], "numpy", numpy.__version__, "scipy", scipy.__version__)')"
} | tee "$OUT/provenance.txt"

echo "== JMH (EOC point, trajectory, phase diagram)"
java -jar "$JAR" -rf json -rff "$OUT/jmh.json" "$@" | tee "$OUT/jmh.log"

echo "== SciPy baseline"
python3 scripts/benchmarks/scipy_baseline.py --repeats 5 --json "$OUT/scipy_baseline.json" \
  | tee "$OUT/scipy_baseline.txt"
[ -f "$REFERENCE" ] || REFERENCE=$OUT/eoc_points_fallback.csv

echo "== eoc accuracy"
java -cp "$JAR" dev.eoc.benchmarks.AccuracyReport --csv "$REFERENCE" --out "$OUT/accuracy_eoc.csv" \
  | tee "$OUT/accuracy_eoc.txt"

echo "== comparison (same run)"
python3 scripts/benchmarks/compare.py "$OUT/jmh.json" "$OUT/scipy_baseline.json" \
  "$OUT/accuracy_eoc.csv" | tee "$OUT/comparison.txt"
echo "load after run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/provenance.txt"
