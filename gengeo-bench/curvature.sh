#!/usr/bin/env bash
# Curvature benchmarks: (1) time of one gradient and one Hessian-vector product, gengeo vs PyTorch
# for Python (double backward, as PyHessian), same model, data and threads; (2) products Lanczos and
# power iteration need for the top 10 eigenvalues at relative error 1e-3. Optional: LARGE=1 also
# runs the top-10 eigenvalues of an MLP 784-512-512-10 over 60,000 Fashion-MNIST images and prints
# the peak resident memory (needs dataset-fashion-mnist; several minutes).
# Usage: gengeo-bench/curvature.sh [THREADS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-1}"
PYTHON="${GENGEO_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c "import torch" 2>/dev/null || { echo "curvature: $PYTHON cannot import torch (apt-get install python3-torch)" >&2; exit 2; }
[ "${GENGEO_BENCH_BUILT:-0}" = 1 ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.CurvatureBench "$PYTHON" "$ROOT/gengeo-bench/python/curvature_hv.py" "$THREADS"
java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.EigenSolverBench "$THREADS"
if [ "${LARGE:-0}" = 1 ]; then
  java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.LargeHessianBench "$THREADS"
fi
