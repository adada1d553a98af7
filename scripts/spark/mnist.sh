#!/usr/bin/env bash
# MNIST on DL4J's Spark training (parameter averaging) with eoc's Edge-of-Chaos init and the
# driver-side propagation monitor; prints accuracy, seconds per epoch and the driver's verdicts.
#
# usage: scripts/spark/mnist.sh [--master local[2]] [--init eoc|ordered|both] [--compare-single] ...
#        (scripts/spark/mnist.sh --help lists every option)
# Builds the example on first use. Java 17 with the flags Spark 3.5 needs (README, "Running on
# Spark"); on a cluster, submit an application jar with its dependencies (eoc-dl4j-spark/README.md,
# "Running it"): eoc-examples-spark.jar alone is thin, its dependencies are in target/lib.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$root/examples-spark/target"
stale=$(find "$root/examples-spark/src" "$root/eoc-dl4j-spark/src" -newer "$target/eoc-examples-spark-0.1.0-SNAPSHOT.jar" -print -quit 2>/dev/null || true)
if [ ! -f "$target/eoc-examples-spark-0.1.0-SNAPSHOT.jar" ] || [ ! -d "$target/lib" ] || [ -n "$stale" ]; then
  echo "spark-mnist: building the example (first use or sources changed)..." >&2
  (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true -pl examples-spark -am install)
fi
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
opens="--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
opens="$opens --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
opens="$opens --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
opens="$opens --add-opens=java.base/java.lang=ALL-UNNAMED"
exec java $opens ${EOC_JAVA_OPTS:-} -cp "$target/eoc-examples-spark-0.1.0-SNAPSHOT.jar:$target/lib/*" \
  dev.eoc.examples.spark.SparkMnistMain "$@"
