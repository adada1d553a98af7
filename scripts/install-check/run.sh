#!/usr/bin/env bash
# Installs eoc-core, eoc-djl, eoc-dl4j and eoc-dl4j-spark into a temporary local Maven repository, builds a small
# DL4J and a small DJL application of a user's own against them (scripts/install-check/*-app: a
# residual MLP and a small CNN each), and runs each network for two training iterations with the
# listener on, once with logback-classic 1.2
# (an SLF4J 1.7-era binding) and once with slf4j-simple 2.x. Passes when every run's log shows
# eoc's initialization line and the listener's report lines; a DL4J-on-Spark application
# (spark-app) runs in local[2] with Spark's own binding and must print the driver's verdicts from
# both workers. Third-party artifacts come
# from ~/.m2/repository (linked, not copied); only dev/eoc is fresh.
#
# usage: scripts/install-check/run.sh [--keep]     (--keep leaves the temporary directory)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
m2="${HOME}/.m2/repository"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/eoc-install-check.XXXXXX")"
[[ "${1:-}" == "--keep" ]] || trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
mkdir -p "$repo"
# every group from the user's repository except dev/eoc (eoc's own), linked
for entry in "$m2"/*; do
  name="$(basename "$entry")"
  [[ "$name" == "dev" ]] || ln -s "$entry" "$repo/$name"
done
mkdir -p "$repo/dev"
for entry in "$m2"/dev/*; do
  [[ "$(basename "$entry")" == "eoc" ]] || ln -s "$entry" "$repo/dev/$(basename "$entry")"
done
# the parent's own version: the first <version> in pom.xml
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
echo "installing eoc $version into $repo"
(cd "$root" && mvn -o -q -B install -DskipTests -Dspotless.check.skip=true -Dmaven.repo.local="$repo" -pl eoc-core,eoc-djl,eoc-dl4j,eoc-dl4j-spark -am)
ls "$repo/dev/eoc"/*/"$version"/*.jar | sed 's:.*/::'

fail=0
for app in dl4j-app djl-app; do
  for binding in logback12 simple2; do
    work="$tmp/$app-$binding"
    cp -r "$here/$app" "$work"
    (cd "$work" && mvn -q -B package -Dmaven.repo.local="$repo" -Deoc.version="$version" -P "$binding" \
       dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime)
    api="$(tr ':' '\n' < "$work/cp.txt" | grep -o 'slf4j-api-[0-9.]*\.jar' || true)"
    main="app.$( [[ $app == dl4j-app ]] && echo Dl4jApp || echo DjlApp )"
    log="$work/run.log"
    OMP_WAIT_POLICY=PASSIVE java -cp "$work/target/classes:$(cat "$work/cp.txt")" "$main" > "$log" 2>&1 || {
      echo "FAIL $app/$binding: exit $?"; tail -20 "$log"; fail=1; continue; }
    init="$(grep -c 'Edge-of-Chaos' "$log" || true)"
    reports="$(grep -c 'PropagationListener.*iter=' "$log" || true)"
    if [[ "$init" -ge 2 && "$reports" -ge 4 ]]; then
      echo "ok   $app/$binding ($api): $init initialization line(s), $reports report lines"
    else
      echo "FAIL $app/$binding ($api): $init initialization lines, $reports report lines (want >= 2, >= 4: the residual network and the CNN)"
      grep -i 'slf4j' "$log" | head -5
      fail=1
    fi
  done
done
# DL4J on Spark: the flags Spark 3.5 needs on Java 17 (README, "Running on Spark")
opens="--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
opens="$opens --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
opens="$opens --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
opens="$opens --add-opens=java.base/java.lang=ALL-UNNAMED"
work="$tmp/spark-app"
cp -r "$here/spark-app" "$work"
(cd "$work" && mvn -q -B package -Dmaven.repo.local="$repo" -Deoc.version="$version" \
   dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime)
log="$work/run.log"
natives="$(tr ':' '\n' < "$work/cp.txt" | grep -c -e opencv -e ffmpeg -e hdf5 || true)"
if OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1 java $opens -cp "$work/target/classes:$(cat "$work/cp.txt")" app.SparkApp > "$log" 2>&1; then
  verdicts="$(grep -c '^verdict .*workers=2' "$log" || true)"
  driver="$(grep -c 'SparkPropagationMonitor.*iter=' "$log" || true)"
  if [[ "$verdicts" -ge 2 && "$driver" -ge 2 && "$natives" == 0 ]]; then
    echo "ok   spark-app (local[2]): $verdicts verdicts from 2 workers, $driver driver log lines, no image/HDF5 natives"
  else
    echo "FAIL spark-app: $verdicts verdicts with 2 workers, $driver driver log lines (want >= 2 each), $natives image/HDF5 native jars (want 0)"
    fail=1
  fi
else
  echo "FAIL spark-app: exit $?"; tail -20 "$log"; fail=1
fi
[[ "$fail" == 0 ]] && echo "install check passed" || { echo "install check FAILED (logs under $tmp with --keep)"; exit 1; }
