#!/usr/bin/env bash
# DJL training step of the paper's depth-200 width-300 MNIST network: DJL's Trainer (autograd)
# vs the pipelined hand-written step (DjlStepComparison, both in one JVM), once with MKL on its
# AVX-512 kernels (the library ./eoc preloads on AMD CPUs with AVX-512) and once without, each
# JVM started with OMP_WAIT_POLICY=PASSIVE as ./eoc does. Repeated in alternation.
#
# usage: scripts/benchmarks/djl-step.sh [repeats] [stepsPerRound rounds warmupSteps [eoc|eoc-bn]]
# Needs a built tree (./eoc once). Measure on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeats="${1:-2}"
shift || true
so="$root/examples/target/native/libeoc-mkl-avx512.so"
[ -f "$so" ] || { echo "missing $so: run ./eoc --help once on an AMD CPU with AVX-512" >&2; exit 1; }
cp="$(cd examples && mvn -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
cp="$cp:$root/examples/target/classes"
for r in $(seq 1 "$repeats"); do
  for preload in "$so" ""; do
    echo "== repeat $r, LD_PRELOAD=${preload:-(none)}"
    LD_PRELOAD="$preload" OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -cp "$cp" \
      dev.eoc.examples.bench.DjlStepComparison "$@" 2>/dev/null | grep -E '^(round|median|rate|RESULT)'
  done
done
