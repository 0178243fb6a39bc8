#!/usr/bin/env bash
# Stores a finished study directory under results/ the way the README quotes it: its findings, tables,
# JSON and page, with the commit and command that made them (command.txt, from findings.json's
# provenance); without its runs (weights, checkpoints) or the page's re-plot files (the page holds the
# same data); and with the page loading ECharts from results/echarts-5.3.1.min.js instead of inlining
# 1.35 MB of it.
# Usage: results/store.sh STUDY_DIR results/NAME[/FACTOR]
set -euo pipefail
src="$1"; dst="$2"
[ -f "$src/findings.json" ] || { echo "store: $src has no findings.json" >&2; exit 2; }
case "$dst" in results/*) ;; *) echo "store: the destination must be under results/" >&2; exit 2;; esac
up="$(echo "${dst#results/}" | sed -E 's#[^/]+#..#g')"
rm -rf "$dst" && mkdir -p "$dst"
find "$src" -maxdepth 1 -type f \( -name '*.json' -o -name '*.csv' -o -name '*.html' \) -exec cp {} "$dst"/ \;
sed -i -E "s#<script src=\"data:text/javascript;base64,[^\"]*\"></script>#<script src=\"$up/echarts-5.3.1.min.js\"></script>#" "$dst"/*.html
commit="$(sed -n 's/.*"git_commit" : "\([^"]*\)".*/\1/p' "$dst/findings.json" | head -1)"
command="$(sed -n 's/.*"command" : "\([^"]*\)".*/\1/p' "$dst/findings.json" | head -1)"
printf 'commit %s\n%s\n' "$commit" "$command" > "$dst/command.txt"
