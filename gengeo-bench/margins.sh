#!/usr/bin/env bash
# Margin benchmarks (issue 7): normalised margins of 60,000 examples on an MLP 784-512-512-10 against
# one forward pass over them, and the layer-wise margin signature of 10,000 examples against one
# forward and backward pass. Usage: gengeo-bench/margins.sh [THREADS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-1}"
(cd "$ROOT" && mvn -q -B -o -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.MarginsBench "$THREADS"
