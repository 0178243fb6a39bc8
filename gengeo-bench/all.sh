#!/usr/bin/env bash
# Every side-by-side figure of issue 17 in one invocation, at one thread count: the training steps
# (side-by-side.sh), the Hessian-vector product (curvature.sh), m-coherence and the winsorised step
# (per-example.sh), ResNet-20 (resnet.sh), the imported TorchScript ResNet-18 (imported-hv.sh) and the
# engine-overhead breakdown; each script's own output is kept in full, then one line per ratio.
# Needs Debian's python3-torch (and python3-torchvision for the imported model).
# Usage: gengeo-bench/all.sh [THREADS]   (about 15 minutes on one quiet core)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${1:-1}"
B="$ROOT/gengeo-bench"
(cd "$ROOT" && mvn -q -B -DskipTests -pl gengeo-bench -am package)
export GENGEO_BENCH_BUILT=1
LOG="$(mktemp -d)"
run() { # name, command...: runs it, shows its output, keeps it for the summary; a failed figure is reported, not fatal
  local name="$1"; shift
  echo "== $name"
  if "$@" 2>&1 | tee "$LOG/$name.txt"; then :; else echo "all: $name failed" | tee -a "$LOG/$name.txt"; fi
}
run steps "$B/side-by-side.sh" "$THREADS"
run curvature "$B/curvature.sh" "$THREADS"
run per-example "$B/per-example.sh" "$THREADS"
run resnet "$B/resnet.sh" "$THREADS"
run imported "$B/imported-hv.sh" "$THREADS"
run overhead "$B/engine-overhead.sh" "$THREADS"
echo "== ratios (threads $THREADS; gengeo / PyTorch unless stated)"
awk '$1 ~ /^784-/ {printf "training step, MLP %s, batch %s: %s\n", $1, $2, $5}' "$LOG/steps.txt"
sed -n 's/^gengeo Hv \/ PyTorch Hv: /Hessian-vector product, MLP: /p' "$LOG/curvature.txt"
sed -n 's/.*m-coherence [0-9.]* ms (ratio \([0-9.]*\)); per-example loop [0-9.]* ms (speed-up \([0-9.]*x\)).*/m-coherence \/ forward+backward: \1\nper-example loop \/ m-coherence: \2/p' "$LOG/per-example.txt"
sed -n 's/.*winsorised (c = 4) step [0-9.]* ms; ratio \([0-9.]*\)/winsorised step \/ plain SGD step: \1/p' "$LOG/per-example.txt"
sed -n 's/^resnet20 step ratio gengeo\/pytorch: /training step, ResNet-20, batch 128: /p; s/^resnet20 Hv ratio gengeo\/pytorch: /Hessian-vector product, ResNet-20: /p; s/^per-example norms \/ forward+backward: /per-example norms \/ forward+backward, ResNet-20: /p' "$LOG/resnet.txt"
sed -n 's/^gengeo \/ PyTorch: /Hessian-vector product, imported ResNet-18: /p' "$LOG/imported.txt"
awk '/^(add|in-place|scope|matmul)/ {name = substr($0, 1, 34); sub(/ +$/, "", name); printf "engine: %s: %s\n", name, $NF}' "$LOG/overhead.txt"
grep -h "^all: " "$LOG"/*.txt || true
