#!/usr/bin/env bash
# GPU check (issue 14): on a machine with an NVIDIA GPU, builds eoc with the gpu profile
# (mvn -Dgpu: ND4J's CUDA 11.6 backend; no PyTorch CPU natives, so DJL loads a CUDA libtorch),
# runs ./eoc check in DJL and in DL4J, then one depth-200 MNIST epoch in DJL, and prints the
# device, the time per epoch and max |c_l - theory|. About 5 minutes of GPU time.
#
# Needs: nvidia-smi; a CUDA build of libtorch 2.7.1 (PYTORCH_LIBRARY_PATH, or a pip-installed
# torch 2.7.1+cuXXX whose lib/ is used); CUDA 11.6 runtime libraries for ND4J; Maven with access
# to Maven Central for the first build (the CUDA jars are not in a CPU machine's repository);
# MNIST in --data-dir (default ~/.eoc/data; ./eoc fetch-data mnist, or copy it there).
# Maven Central has no CUDA natives of PyTorch 2.7.1 for DJL 0.36 (the newest is
# pytorch-native-cu124 2.5.1), hence the local libtorch.
#
# usage: scripts/gpu/check.sh [--data-dir DIR] [--out DIR]     Untested on a GPU so far.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${HOME}/.eoc/data"
out="${OUT:-runs/gpu-check}"
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--data-dir DIR] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
echo "== device"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader \
  || { echo "check.sh: nvidia-smi failed: no NVIDIA GPU or driver here" >&2; exit 2; }
lscpu | grep 'Model name' || true

if [ -z "${PYTORCH_LIBRARY_PATH:-}" ]; then
  PYTORCH_LIBRARY_PATH="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null || true)"
fi
if [ -z "$PYTORCH_LIBRARY_PATH" ] || [ ! -d "$PYTORCH_LIBRARY_PATH" ]; then
  echo "check.sh: no CUDA libtorch: set PYTORCH_LIBRARY_PATH to the lib/ of a CUDA libtorch 2.7.1" \
       "(e.g. pip install torch==2.7.1 --index-url <the PyTorch CUDA wheel index>)" >&2
  exit 2
fi
export PYTORCH_LIBRARY_PATH PYTORCH_VERSION=2.7.1
export EOC_MKL_AVX512=0   # the CPU-only MKL preload has nothing to do on a GPU run
echo "libtorch: $PYTORCH_LIBRARY_PATH"

echo "== build (mvn -Dgpu)"
rm -rf examples/target/lib   # no CPU natives left from an earlier build
mvn -B -q -Dgpu -DskipTests -Dspotless.check.skip=true install
touch examples/target/.eoc-build-stamp

for fw in djl dl4j; do
  echo "== ./eoc check --framework $fw (tanh, EOC, width 1000, depth 30)"
  /usr/bin/time -f "%e s wall" ./eoc check --framework "$fw" --activation tanh --width 1000 \
    --depth 30 --json > "$out/check-$fw.json"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('max |c_l - theory| =', d['max_abs_c_error'], 'layers outside band:', d['layers_outside_band'], 'verdict:', d['verdict'])" "$out/check-$fw.json"
done

echo "== one depth-200 MNIST epoch (DJL, tanh, EOC, the paper's protocol)"
./eoc train --framework djl --dataset mnist --data-dir "$data" --activation tanh --init eoc \
  --depth 200 --width 300 --epochs 1 --out "$out/mnist-djl-tanh-eoc" 2>&1 | tee "$out/train.log" \
  | grep -E "^seed 1 epoch 1:|init eoc|SGD step"
python3 -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1]) if '\"epoch\"' in l][-1]; print('time per epoch:', r['epoch_seconds'], 's; test accuracy', r['test_accuracy'])" "$out/mnist-djl-tanh-eoc/epochs.jsonl"
echo "results under $out"
