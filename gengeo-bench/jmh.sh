#!/usr/bin/env bash
# JMH benchmark of one gengeo training step. Usage: gengeo-bench/jmh.sh [THREADS] [extra JMH args]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-1}"; shift || true
(cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
CP="$ROOT/gengeo-bench/target/classes:$(cat "$ROOT/gengeo-bench/target/classpath.txt")"
exec java -cp "$CP" org.openjdk.jmh.Main TrainStepBenchmark -jvmArgsAppend "-Dai.djl.pytorch.num_threads=$THREADS" "$@"
