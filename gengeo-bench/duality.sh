#!/usr/bin/env bash
# Duality benchmarks (issue 5): the exact same-class nearest-neighbour search over full Fashion-MNIST
# (10,000 test x 60,000 training images) against a double loop. Needs dataset-fashion-mnist.
# The analysis itself reports its time split in duality.json ("timings"), see README.
# Usage: gengeo-bench/duality.sh [THREADS] [LOOP_IMAGES]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -B -o -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.NeighbourBench "${1:-1}" "${2:-200}"
