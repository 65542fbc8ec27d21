"""The peers benchmark's report: one table per schema (rows, invalid rows,
CPU and wall time, start-up, rows/s, misses and false flags against the
ground truth) and the ratios shuyuan / faster peer (bar >= 10x) and
shuyuan / Node on the same JSONL; and whether every tool agrees with the
truth. Used by run_peers.py.

    agree = print_table("LEGAL_PERSON_BASIC", summary, "2024-06-01", results)
"""

import json
import os

BAR = 10.0


def append_figure(figure):
    """Adds a figure to `make bench`'s table (bench/run_all.py) when it asked
    for them through $SHUYUAN_FIGURES."""
    path = os.environ.get("SHUYUAN_FIGURES")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(figure, ensure_ascii=False) + "\n")


def print_rows(results):
    print(f"{'tool':<26} {'rows':>8} {'invalid':>8} {'cpu s':>7} {'start s':>7} "
          f"{'rows/s':>9} {'wall s':>7} {'misses':>7} {'false':>6}")
    for r in results:
        c = r["check"]
        print(f"{r['tool']:<26} {r['rows']:>8} {r['invalid']:>8} {r['cpu_s']:>7.2f} "
              f"{r['startup_cpu_s']:>7.2f} {r['rows_per_s']:>9.0f} {r['wall_s']:>7.2f} "
              f"{c['misses']:>7} {c['false_flags']:>6}")
        if c["misses"] or c["false_flags"]:
            print(f"    missed by issue {c['missed_by_issue']}; examples: missed "
                  f"{c['miss_examples']}, false {c['false_flag_examples']}")


def print_ratios(schema, results):
    peers = [r for r in results if not r["tool"].startswith("shuyuan")]
    by_tool = {r["tool"]: r for r in results}
    shuyuan = by_tool["shuyuan normalize (csv)"]
    fastest = max(peers, key=lambda r: r["rows_per_s"])
    ratio = shuyuan["rows_per_s"] / fastest["rows_per_s"]
    print(f"shuyuan (csv) / fastest peer, {fastest['tool']}: {ratio:.1f}x "
          f"(bar >= {BAR:.0f}x: {'met' if ratio >= BAR else 'NOT met'})")
    append_figure({"figure": f"{schema}: shuyuan normalize (csv) vs the faster peer, 1 core",
                   "value": f"{shuyuan['rows_per_s']:,.0f} rows/CPU-s",
                   "baseline": f"{fastest['tool']} {fastest['rows_per_s']:,.0f} rows/CPU-s",
                   "ratio": ratio, "bar": f"ratio >= {BAR:.0f}", "met": ratio >= BAR})
    node = by_tool.get("node + ajv (jsonl)")
    if node:
        same = by_tool["shuyuan normalize (jsonl)"]
        print(f"shuyuan (jsonl) / node + ajv (jsonl), same input: "
              f"{same['rows_per_s'] / node['rows_per_s']:.1f}x")


def print_table(schema, summary, as_of, results, rates=True):
    """Prints the table (ratios only when `rates`: a smoke run's CPU times
    are too short to divide); True when every tool agrees with the truth
    (agrees_with_truth)."""
    print(f"\n== {schema}: {summary['rows']} rows, {summary['rejected']} rejected by the "
          f"truth, as of {as_of}; rows/s = rows per CPU second after start-up")
    print_rows(results)
    if rates:
        print_ratios(schema, results)
    else:
        print("(smoke run: rows/s and ratios mean nothing at this size)")
    return all(agrees_with_truth(r) for r in results)


# The one class a peer may miss: read_csv pads a row that lost a column and
# keeps a stray quote inside an unquoted field as data (bench/README.md).
ALLOWED_MISSES = {"pandas (csv)": {"MALFORMED_ROW"}}


def agrees_with_truth(result):
    """No false flags, and misses only of classes the tool cannot see."""
    check = result["check"]
    allowed = ALLOWED_MISSES.get(result["tool"], set())
    missed = set(check["missed_by_issue"]) - allowed
    if check["false_flags"] == 0 and not missed:
        return True
    print(f"    {result['tool']} disagrees with the truth: {check['false_flags']} false flags, "
          f"misses of {sorted(missed) or 'none'}")
    return False
