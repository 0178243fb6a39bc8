#!/usr/bin/env bash
# Hessian-vector product of an imported TorchScript ResNet-18 (CIFAR stem, 10 classes) on 256 images:
# gengeo (import path, HessianOperator) vs PyTorch for Python's double backward, same module file,
# same images, same threads, one invocation.
# Usage: gengeo-bench/imported-hv.sh [THREADS] [EXAMPLES]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-1}"
PYTHON="${GENGEO_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c "import torch, torchvision" 2>/dev/null || { echo "imported-hv: $PYTHON cannot import torch and torchvision" >&2; exit 2; }
[ "${GENGEO_BENCH_BUILT:-0}" = 1 ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.ImportedHvBench "$PYTHON" "$ROOT/gengeo-bench/python/imported_hv.py" "$THREADS" "${2:-256}"
