#!/usr/bin/env bash
# Volume-measure benchmark: log P(f) on 1,500 points (kernel, EP, Laplace) and the empirical NNGP
# kernel of 1,000 random 784-40-40-1 networks, against the same in PyTorch for Python.
# Needs Debian's python3-torch; uses /usr/bin/python3. Usage: gengeo-bench/volume-bench.sh [THREADS] [POINTS] [NETWORKS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${GENGEO_PYTHON:-/usr/bin/python3}"
"$PYTHON" -c "import torch" 2>/dev/null || { echo "volume-bench: $PYTHON cannot import torch (apt-get install python3-torch)" >&2; exit 2; }
(cd "$ROOT" && mvn -o -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
exec java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.VolumeBench "$PYTHON" "$ROOT/gengeo-bench/python/nngp_empirical.py" "${1:-2}" "${2:-1500}" "${3:-1000}"
