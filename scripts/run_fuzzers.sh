#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/fuzz for SECONDS each, seeded from
# fuzz/corpus/<target>/ when present (and the definition fuzzers from
# catalog/). Fails on the first crash.
set -euo pipefail
build="${1:-build-fuzz}"
seconds="${2:-20}"
cd "$(dirname "$0")/.."
found=0
for fuzzer in "$build"/fuzz/*_fuzzer; do
  [ -x "$fuzzer" ] || continue
  found=1
  name=$(basename "$fuzzer")
  work=$(mktemp -d)
  seeds=()
  [ -d "fuzz/corpus/$name" ] && seeds=("fuzz/corpus/$name")
  # Definition fuzzers start from the real catalog.
  case "$name" in
    definition_fuzzer|compile_fuzzer)
      seeds+=(catalog/code_lists catalog/coding_rules catalog/data_elements catalog/record_schemas) ;;
  esac
  echo "fuzzing $name for ${seconds}s"
  "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=0 \
    -artifact_prefix="$work/" "$work" "${seeds[@]}" 2>&1 | tail -n 3
  rm -rf "$work"
done
[ $found = 1 ] || { echo "error: no fuzzers found in $build/fuzz" >&2; exit 1; }
