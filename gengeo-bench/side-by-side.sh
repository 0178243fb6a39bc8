#!/usr/bin/env bash
# Side-by-side training-step benchmark: gengeo (this JVM) against PyTorch for Python, same steps,
# same thread count, one invocation; prints both medians and the ratio gengeo / PyTorch.
# Needs Debian's python3-torch (apt-get install python3-torch); uses /usr/bin/python3.
# Usage: gengeo-bench/side-by-side.sh [THREADS] [STEPS] [REPEATS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-1}"
PYTHON="${GENGEO_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c "import torch" 2>/dev/null || { echo "side-by-side: $PYTHON cannot import torch (apt-get install python3-torch)" >&2; exit 2; }
[ "${GENGEO_BENCH_BUILT:-0}" = 1 ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
exec java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.SideBySide "$PYTHON" "$ROOT/gengeo-bench/python/train_step.py" "$THREADS" "${2:-500}" "${3:-5}"
