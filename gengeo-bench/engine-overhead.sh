#!/usr/bin/env bash
# Where a small step's time goes, gengeo's engine vs PyTorch for Python at the same thread count: the
# per-call cost of a one-element native op (new result, in place, in its own memory scope) and bare
# float32 matrix-product GFLOP/s at the MLP step shapes and at 2048 (the GEMM kernel each libtorch picks).
# Needs Debian's python3-torch. Usage: gengeo-bench/engine-overhead.sh [THREADS] [REPEATS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${GENGEO_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c "import torch" 2>/dev/null || { echo "engine-overhead: $PYTHON cannot import torch (apt-get install python3-torch)" >&2; exit 2; }
[ "${GENGEO_BENCH_BUILT:-0}" = 1 ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
exec java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.EngineOverheadBench "$PYTHON" "$ROOT/gengeo-bench/python/engine_overhead.py" "${1:-1}" "${2:-5}"
