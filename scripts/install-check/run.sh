#!/usr/bin/env bash
# Installs eoc-core, eoc-djl and eoc-dl4j into a temporary local Maven repository, builds a small
# DL4J and a small DJL application of a user's own against them (scripts/install-check/*-app),
# and runs each for two training iterations with the listener on, once with logback-classic 1.2
# (an SLF4J 1.7-era binding) and once with slf4j-simple 2.x. Passes when every run's log shows
# eoc's initialization line and the listener's report lines. Third-party artifacts come
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
(cd "$root" && mvn -o -q -B install -DskipTests -Dspotless.check.skip=true -Dmaven.repo.local="$repo" -pl eoc-core,eoc-djl,eoc-dl4j -am)
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
    if [[ "$init" -ge 1 && "$reports" -ge 2 ]]; then
      echo "ok   $app/$binding ($api): $init initialization line(s), $reports report lines"
    else
      echo "FAIL $app/$binding ($api): $init initialization lines, $reports report lines (want >= 1, >= 2)"
      grep -i 'slf4j' "$log" | head -5
      fail=1
    fi
  done
done
[[ "$fail" == 0 ]] && echo "install check passed" || { echo "install check FAILED (logs under $tmp with --keep)"; exit 1; }
