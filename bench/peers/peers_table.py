"""The peers benchmark's report: one table per schema (rows, invalid rows,
CPU and wall time, start-up, rows/s, misses and false flags against the
ground truth) and the ratios shuyuan / faster peer (bar >= 10x) and
shuyuan / Node on the same JSONL. Used by run_peers.py.

    honest = print_table("LEGAL_PERSON_BASIC", summary, "2024-06-01", results)
"""

BAR = 10.0


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


def print_ratios(results):
    peers = [r for r in results if not r["tool"].startswith("shuyuan")]
    by_tool = {r["tool"]: r for r in results}
    shuyuan = by_tool["shuyuan normalize (csv)"]
    fastest = max(peers, key=lambda r: r["rows_per_s"])
    ratio = shuyuan["rows_per_s"] / fastest["rows_per_s"]
    print(f"shuyuan (csv) / fastest peer, {fastest['tool']}: {ratio:.1f}x "
          f"(bar >= {BAR:.0f}x: {'met' if ratio >= BAR else 'NOT met'})")
    node = by_tool.get("node + ajv (jsonl)")
    if node:
        same = by_tool["shuyuan normalize (jsonl)"]
        print(f"shuyuan (jsonl) / node + ajv (jsonl), same input: "
              f"{same['rows_per_s'] / node['rows_per_s']:.1f}x")


def print_table(schema, summary, as_of, results, rates=True):
    """Prints the table (ratios only when `rates`: a smoke run's CPU times
    are too short to divide); True when shuyuan agrees with the truth."""
    print(f"\n== {schema}: {summary['rows']} rows, {summary['rejected']} rejected by the "
          f"truth, as of {as_of}; rows/s = rows per CPU second after start-up")
    print_rows(results)
    if rates:
        print_ratios(results)
    else:
        print("(smoke run: rows/s and ratios mean nothing at this size)")
    return all(r["check"]["misses"] == 0 and r["check"]["false_flags"] == 0
               for r in results if r["tool"].startswith("shuyuan"))
