#!/usr/bin/env bash
# DJL (PyTorch engine, OpenMP) training throughput of the depth-200 width-300 MLP under three
# OpenMP wait policies, each in its own JVM (libgomp reads the variables at start-up), repeated
# in alternation so that load changes hit all three alike: OMP_WAIT_POLICY=PASSIVE (what ./eoc
# sets for DL4J's sake), unset (libgomp's default: spin GOMP_SPINCOUNT=300000 then sleep) and
# ACTIVE. Prints each run's samples/s and the median per policy.
#
# usage: scripts/benchmarks/djl-wait-policy.sh [repeats] [depth width batch stepsPerRound rounds]
# Needs a built tree (./eoc once, or mvn install -DskipTests). Measure on an idle machine: with
# other processes running, spinning threads steal their cores (that is why PASSIVE is our default).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeats="${1:-3}"
shift || true
args=("${@:-200 300 64 10 3}")
# shellcheck disable=SC2206
args=(${args[*]})
cp="$(cd examples && mvn -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
cp="$cp:$root/examples/target/classes"
declare -A results
for r in $(seq 1 "$repeats"); do
  for policy in PASSIVE unset ACTIVE; do
    if [ "$policy" = unset ]; then
      sps="$(env -u OMP_WAIT_POLICY java -Dai.djl.offline=true -cp "$cp" \
        dev.eoc.examples.bench.DjlThroughput "${args[@]}" 2>/dev/null \
        | sed -n 's/^RESULT djl .* a_sps=\([^ ]*\).*/\1/p')"
    else
      sps="$(OMP_WAIT_POLICY=$policy java -Dai.djl.offline=true -cp "$cp" \
        dev.eoc.examples.bench.DjlThroughput "${args[@]}" 2>/dev/null \
        | sed -n 's/^RESULT djl .* a_sps=\([^ ]*\).*/\1/p')"
    fi
    echo "repeat $r policy $policy: $sps samples/s (load $(cut -d' ' -f1 /proc/loadavg))"
    results[$policy]="${results[$policy]:-} $sps"
  done
done
for policy in PASSIVE unset ACTIVE; do
  median="$(tr ' ' '\n' <<<"${results[$policy]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  echo "MEDIAN $policy $median samples/s (runs:${results[$policy]})"
done
