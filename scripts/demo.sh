#!/usr/bin/env bash
# `make run`: a short tour of the codec on the shipped catalog, using the
# local commands of the `shuyuan` CLI (no server needed).
set -euo pipefail
build="${1:-build}"
cd "$(dirname "$0")/.."
cli="$build/client/shuyuan"
[ -x "$cli" ] || { echo "error: $cli not built; run 'make build' first" >&2; exit 1; }

run() {
  printf '\n$ shuyuan'
  printf ' %q' "$@"
  printf '\n'
  "$cli" "$@"
}

echo "shuyuan codec demo — definitions from catalog/ (see README.md)"
run check --defs catalog --element GMSFHM 11010519491231002x 440524800101001 "１１０１０５１９４９１２３１００２Ｘ" 110105194912310021
run check --defs catalog --element XBDM 男 F 3
run check --defs catalog --element CSRQ 2021年7月8日 二〇二一年七月八日 20210230
run check --defs catalog --element TYSHXYDM "91110000 600037341L" 91110000600037341N
run decode --defs catalog --element GMSFHM 11010519491231002X
run decode --defs catalog --element TYSHXYDM 91110000600037341L
run encode --defs catalog --element GMSFHM 11010519491231002

out="$(mktemp -d)"
run normalize --defs catalog --schema LEGAL_PERSON_BASIC \
  --in examples/legacy_legal_persons.csv --out "$out/clean.csv" \
  --rejects "$out/rejects.jsonl" --report "$out/report.json" \
  --report-html "$out/report.html"
python3 - "$out/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
print({k: report[k] for k in ("rows_in", "rows_clean", "rows_with_warnings",
                              "rows_rejected", "lines_in")})
PY
echo "clean rows, rejects with reasons and the HTML report are in $out"
echo
echo "Next: 'make test' runs the test suite; 'make bench' the benchmarks."
