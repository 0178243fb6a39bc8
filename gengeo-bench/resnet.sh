#!/usr/bin/env bash
# ResNet-20 side by side with PyTorch for Python (same network, data sizes and threads, one invocation):
# a training step on 128 3x32x32 images (SGD, momentum 0.9, weight decay 5e-4, batch norm in training mode),
# a Hessian-vector product over 1,000 images, and gengeo's per-example conv gradient norms against one
# forward+backward pass and against a per-example loop. The last line reads
# "resnet20 step ratio gengeo/pytorch: X".
# Needs Debian's python3-torch and python3-torchvision; uses /usr/bin/python3.
# Usage: gengeo-bench/resnet.sh [THREADS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-1}"
PYTHON="${GENGEO_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c "import torch, torchvision" 2>/dev/null || { echo "resnet: $PYTHON cannot import torch and torchvision (apt-get install python3-torch python3-torchvision)" >&2; exit 2; }
[ "${GENGEO_BENCH_BUILT:-0}" = 1 ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
exec java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.ResNetBench "$PYTHON" "$ROOT/gengeo-bench/python/resnet_bench.py" "$THREADS"
