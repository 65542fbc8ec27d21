#!/usr/bin/env bash
# `make bench`: runs every benchmark binary once with a short minimum time and
# prints the throughput lines. Figures for bench/README.md come from here.
set -euo pipefail
build="${1:-build}"
cd "$(dirname "$0")/.."
for b in "$build"/bench/*_benchmark; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" --benchmark_min_time=0.2 --benchmark_counters_tabular=true
done
# Service and registry figures (SPEC §7): one table, each figure beside its
# same-run baseline, the bar and whether it is met. About 2.5 minutes.
if [ -x "$build/bench/server_load" ]; then
  echo "== server_load"
  "$build/bench/server_load"
fi
