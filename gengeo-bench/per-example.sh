#!/usr/bin/env bash
# Per-example gradient benchmarks (coherent-gradients issue): m-coherence of an MLP 784-256-256-256-10
# over 1,000 examples against one forward and backward pass and against a per-example loop; a
# winsorised SGD step (batch 100, c = 4) against a plain SGD step. Ratios from one run.
# Usage: gengeo-bench/per-example.sh [THREADS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "${GENGEO_BENCH_BUILT:-0}" = 1 ] || (cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
java -Dai.djl.offline=true -cp "$CP" org.gengeo.bench.PerExampleBench "${1:-1}"
