#!/usr/bin/env bash
# DL4J training throughput under the settings that are read when ND4J's native library loads
# (one JVM each): default, OMP_WAIT_POLICY=PASSIVE, + one OpenMP thread, + the AVX-512 build of
# nd4j-native with OPENBLAS_CORETYPE=SkylakeX. In-process variants (float/double, workspaces,
# listener overhead) are inside each run. Usage: scripts/benchmarks/dl4j-throughput.sh [ARGS]
# with ARGS as for dev.eoc.examples.bench.Dl4jThroughput (depth width batch perRound rounds).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -q -B -o -DskipTests -Dspotless.check.skip=true install -pl eoc-core,eoc-dl4j,examples -am >/dev/null
cp="$(cd examples && mvn -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
cp="$cp:$root/examples/target/classes"
jopts=()
run() { echo "== $* ${jopts[*]}"; env "$@" java "${jopts[@]}" -cp "$cp" dev.eoc.examples.bench.Dl4jThroughput "${ARGS[@]}"; }
ARGS=("$@")
run OMP_WAIT_POLICY=ACTIVE
run OMP_WAIT_POLICY=PASSIVE
run OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1
if grep -q avx512f /proc/cpuinfo; then
  avx="$(cd examples && mvn -q -o dependency:build-classpath -Dnd4j.classifier=linux-x86_64-avx512 \
        -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)"
  cp="$avx:$root/examples/target/classes"
  # JavaCPP loads the -avx512 binaries only when asked to
  jopts=(-Dorg.bytedeco.javacpp.platform.extension=-avx512)
  run OMP_WAIT_POLICY=PASSIVE OPENBLAS_CORETYPE=SkylakeX
fi
