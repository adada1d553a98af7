#!/usr/bin/env bash
# MNIST at the paper's depth 200 / width 300 (SGD lr 1e-4, batch 64): EOC vs ordered phase for
# ReLU, ELU and tanh in one framework, one seed, the epochs you can afford. Each setting writes its
# own run directory under $OUT; an interrupted series is continued by running it again (--resume).
#
# usage: scripts/experiments/mnist-depth200.sh FRAMEWORK EPOCHS [extra ./eoc train options...]
#   e.g. scripts/experiments/mnist-depth200.sh djl 1
#        scripts/experiments/mnist-depth200.sh dl4j 1 --limit-train 20000
# env:   OUT (default runs/mnist-depth200), EOC (default ./eoc), INITS (default "eoc ordered"),
#        ACTIVATIONS (default "tanh elu relu")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
framework="${1:?framework: djl or dl4j}"
epochs="${2:?epochs}"
shift 2
out="${OUT:-$root/runs/mnist-depth200}"
eoc="${EOC:-$root/eoc}"
for activation in ${ACTIVATIONS:-tanh elu relu}; do
  for init in ${INITS:-eoc ordered}; do
    dir="$out/$framework-$activation-$init"
    echo "== $framework $activation $init -> $dir ($(date -u +%H:%M:%S))"
    $eoc train --framework "$framework" --dataset mnist --activation "$activation" \
      --init "$init" --depth 200 --width 300 --batch 64 --lr 1e-4 --epochs "$epochs" \
      --seeds 1 --out "$dir" --resume "$@"
  done
done
