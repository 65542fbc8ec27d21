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
# Batch figures (SPEC §7, issue 10): `shuyuan normalize` on generated 1 GB
# and 100 MB legal-person CSVs and the GB18030 and JSONL twins, beside cat,
# wc -l and the record reader alone. A few minutes.
if [ -x "$build/bench/batch_throughput" ]; then
  echo "== batch_throughput"
  "$build/bench/batch_throughput"
fi
# Service and registry figures (SPEC §7): one table, each figure beside its
# same-run baseline, the bar and whether it is met. About 2.5 minutes.
if [ -x "$build/bench/server_load" ]; then
  echo "== server_load"
  "$build/bench/server_load"
fi
