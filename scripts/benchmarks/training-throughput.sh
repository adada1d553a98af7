#!/usr/bin/env bash
# DJL vs DL4J training throughput in one run, on the same MLP (784 -> depth x width tanh -> 10,
# batch of random MNIST-shaped data, SGD, EOC-initialized): builds once, then runs
# dev.eoc.examples.bench.DjlThroughput and dev.eoc.examples.bench.Dl4jThroughput one after the
# other (never concurrently) with the same arguments and OMP_WAIT_POLICY=PASSIVE (as in
# dl4j-throughput.sh), and prints the DL4J/DJL samples/s ratio of this run and the listener
# overhead ratios. Outputs (stdout per framework, logs, summary) go to benchmarks/target/training/.
#
# Usage: scripts/benchmarks/training-throughput.sh [depth width batch stepsPerRound rounds]
# Defaults 200 300 64 25 4: 100 timed steps per variant, so that DJL's default-interval listener
# (a report every 100 batches) reports once inside the timed steps; about 6-9 minutes on an idle
# 2-core machine, most of it DL4J's four variants (one of them double precision).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
depth="${1:-200}" width="${2:-300}" batch="${3:-64}" steps="${4:-25}" rounds="${5:-4}"
args=("$depth" "$width" "$batch" "$steps" "$rounds")
out="$root/benchmarks/target/training"
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
rev="$(git describe --always --dirty 2>/dev/null || echo unknown)"

echo "== build (mvn install, offline, no tests)"
mvn -q -B -o -DskipTests -Dspotless.check.skip=true install >/dev/null
cp="$(cd examples && mvn -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
cp="$cp:$root/examples/target/classes"
export OMP_WAIT_POLICY=PASSIVE

run() { # name class
  echo "== $1: ${args[*]} (stdout $out/$1-$stamp.txt, log $out/$1-$stamp.log)"
  java -Dai.djl.offline=true -Deoc.gitRevision="$rev" -cp "$cp" "$2" "${args[@]}" \
    2>"$out/$1-$stamp.log" | tee "$out/$1-$stamp.txt"
}
run djl dev.eoc.examples.bench.DjlThroughput
run dl4j dev.eoc.examples.bench.Dl4jThroughput

djl_line="$(grep '^RESULT djl ' "$out/djl-$stamp.txt")"
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$djl_line"; }
# Dl4jThroughput prints: "<variant name> <samples/s> samples/s  ratio <r>  rounds [...]"
dl4j_sps() { grep -F "$1" "$out/dl4j-$stamp.txt" | sed -n 's/.* \([0-9.]*\) samples\/s .*/\1/p'; }
dl4j_ratio() { grep -F "$1" "$out/dl4j-$stamp.txt" | sed -n 's/.*ratio \([0-9.]*\).*/\1/p'; }
dl4j_a="$(dl4j_sps 'float, workspaces on (default)')"
dl4j_c="$(dl4j_ratio 'float + listener every 10')"
djl_a="$(kv a_sps)"
ratio="$(awk -v a="$dl4j_a" -v b="$djl_a" 'BEGIN { printf "%.3f", a / b }')"
{
  echo "== summary $stamp, git $rev, depth $depth width $width batch $batch, $rounds rounds x $steps steps, OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
  echo "DJL  (PyTorch, float32, no listener): $djl_a samples/s (median round)"
  echo "DL4J (float, workspaces on):          $dl4j_a samples/s (median round)"
  echo "DL4J/DJL samples/s ratio:             $ratio"
  echo "DJL listener, default interval:      b/a = $(kv b_over_a) (median rounds), $(kv b_over_a_all) (all rounds)"
  echo "DJL listener, interval 10:           c/a = $(kv c_over_a) (median rounds), $(kv c_over_a_all) (all rounds)"
  echo "DL4J listener, every 10:             $dl4j_c"
  echo "DJL matmul 1024^3: $(kv matmul_gflops) GFLOP/s; DJL training: $(kv train_gflops) GFLOP/s ($(kv gflop_per_step) GFLOP/step)"
  echo "RESULT training depth=$depth width=$width batch=$batch steps=$steps rounds=$rounds djl_sps=$djl_a dl4j_sps=$dl4j_a dl4j_over_djl=$ratio djl_b_over_a=$(kv b_over_a) djl_c_over_a=$(kv c_over_a) dl4j_listener10_ratio=$dl4j_c"
} | tee "$out/summary-$stamp.txt"
