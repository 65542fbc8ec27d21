#!/usr/bin/python3
"""The peers benchmark (issue 10 item 4): shuyuan normalize against what a user
would pick instead, on the same generated rows, one core each.

For each schema it generates (build/datagen/shuyuan-datagen) the same rows as
a UTF-8 CSV and a JSONL twin with their ground truths, then runs pinned to
core 0 (taskset -c 0):
  - Node + ajv (bench/peers/node/validate_jsonl.js) on the JSONL,
  - pandas (bench/peers/pandas_validate.py, Debian's python3-pandas) on the CSV,
  - `shuyuan normalize --threads 1` on the CSV and on the JSONL,
after checking the peers on the catalog's record-schema examples
(check_examples.py), checks every tool's invalid rows against the truth
(misses, false flags),
and prints rows/s and the ratio shuyuan / faster peer (bar: >= 10x).

Usage:
  /usr/bin/python3 bench/peers/run_peers.py [--smoke] [--rows N]
      [--error-rate R] [--schemas LEGAL_PERSON_BASIC,NATURAL_PERSON_BASIC]
      [--build-dir build] [--work-dir DIR] [--seed S] [--as-of YYYY-MM-DD]
--smoke: 3,000 rows, seconds; checks the truth just the same. The run fails
(exit 1) when shuyuan's rejects differ from the truth or a tool fails;
a peer's misses and false flags are reported, not fatal. Node is skipped
with a message when its packages cannot be installed (`npm ci`, offline).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
NODE_DIR = os.path.join(HERE, "node")
PYTHON = "/usr/bin/python3"
BAR = 10.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--rows", type=int, default=200000)
    parser.add_argument("--error-rate", default="0.05")
    parser.add_argument("--seed", default="20261130")
    parser.add_argument("--schemas", default="LEGAL_PERSON_BASIC,NATURAL_PERSON_BASIC")
    parser.add_argument("--build-dir", default=os.path.join(REPO, "build"))
    parser.add_argument("--work-dir")
    parser.add_argument("--as-of", default="2024-06-01",
                        help="reference date the rows are generated for and checked at")
    args = parser.parse_args()
    if args.smoke:
        args.rows = 3000
    return args


def run(cmd, pin=True, capture=True):
    """Runs cmd (on core 0 when pin); returns (stdout, wall seconds)."""
    if pin and shutil.which("taskset"):
        cmd = ["taskset", "-c", "0"] + cmd
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, text=True, capture_output=capture)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 3):
        sys.stderr.write(done.stderr or "")
        raise RuntimeError(f"{' '.join(cmd)}: exit status {done.returncode}")
    return done.stdout, wall


def node_ready():
    if os.path.isdir(os.path.join(NODE_DIR, "node_modules", "ajv-formats")):
        return True
    if not shutil.which("npm"):
        print("peers: npm not found; skipping Node + ajv", file=sys.stderr)
        return False
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR,
                          capture_output=True, text=True)
    if done.returncode != 0:
        print("peers: `npm ci` failed (registry unreachable?); skipping Node + ajv:\n"
              + done.stderr.strip()[-500:], file=sys.stderr)
        return False
    return True


def generate(args, schema, fmt, work):
    base = os.path.join(work, f"{schema}.{fmt}")
    out, _ = run([os.path.join(args.build_dir, "datagen", "shuyuan-datagen"),
                  "--schema", schema, "--rows", str(args.rows), "--seed", args.seed,
                  "--error-rate", args.error_rate, "--format", fmt, "--encoding", "utf-8",
                  "--as-of", args.as_of,
                  "--out", base, "--truth", base + ".truth.tsv"], pin=False)
    return base, base + ".truth.tsv", json.loads(out)


def compare(truth, flag, path):
    out, _ = run([PYTHON, os.path.join(HERE, "compare_truth.py"), "--truth", truth,
                  flag, path], pin=False)
    return json.loads(out)


def run_peer(name, cmd, truth, invalid_out):
    out, wall = run(cmd + ["--invalid-out", invalid_out])
    result = json.loads(out.strip().splitlines()[-1])
    result.update(tool=name, wall_s=wall, check=compare(truth, "--indices", invalid_out))
    return result


def run_shuyuan(args, schema, data, truth, as_of, work, fmt):
    prefix = os.path.join(work, f"{schema}.{fmt}.shuyuan")
    _, wall = run([os.path.join(args.build_dir, "client", "shuyuan"), "normalize",
                   "--defs", os.path.join(REPO, "catalog"), "--schema", schema,
                   "--in", data, "--out", prefix + ".clean.csv", "--rejects", prefix + ".rejects.jsonl",
                   "--report", prefix + ".report.json", "--threads", "1", "--as-of", as_of])
    with open(prefix + ".report.json", encoding="utf-8") as f:
        report = json.load(f)
    return {"tool": f"shuyuan normalize ({fmt})", "rows": report["rows_in"],
            "invalid": report["rows_rejected"], "elapsed_s": report["elapsed_s"], "wall_s": wall,
            "check": compare(truth, "--rejects", prefix + ".rejects.jsonl")}


def bench_schema(args, schema, csv_twin, work, with_node):
    csv_path, csv_truth, summary = csv_twin
    jsonl_path, jsonl_truth, _ = generate(args, schema, "jsonl", work)
    as_of = args.as_of
    catalog = os.path.join(work, "catalog.json")
    common = ["--catalog-json", catalog, "--schema", schema, "--as-of", as_of]
    results = []
    if with_node:
        results.append(run_peer("node + ajv (jsonl)", ["node", os.path.join(NODE_DIR, "validate_jsonl.js"),
                                                      jsonl_path] + common,
                                jsonl_truth, os.path.join(work, f"{schema}.node.invalid")))
    results.append(run_peer("pandas (csv)", [PYTHON, os.path.join(HERE, "pandas_validate.py"),
                                             csv_path] + common,
                            csv_truth, os.path.join(work, f"{schema}.pandas.invalid")))
    results.append(run_shuyuan(args, schema, csv_path, csv_truth, as_of, work, "csv"))
    results.append(run_shuyuan(args, schema, jsonl_path, jsonl_truth, as_of, work, "jsonl"))
    return summary, as_of, results


def print_table(schema, summary, as_of, results):
    print(f"\n== {schema}: {summary['rows']} rows, {summary['rejected']} rejected by the truth, "
          f"as of {as_of}")
    print(f"{'tool':<26} {'rows':>8} {'invalid':>8} {'elapsed s':>10} {'rows/s':>10} "
          f"{'wall s':>7} {'misses':>7} {'false':>6}")
    for r in results:
        r["rows_per_s"] = r["rows"] / max(r["elapsed_s"], 1e-9)
        c = r["check"]
        print(f"{r['tool']:<26} {r['rows']:>8} {r['invalid']:>8} {r['elapsed_s']:>10.3f} "
              f"{r['rows_per_s']:>10.0f} {r['wall_s']:>7.2f} {c['misses']:>7} {c['false_flags']:>6}")
        if c["misses"] or c["false_flags"]:
            print(f"    missed by issue {c['missed_by_issue']}; examples: missed "
                  f"{c['miss_examples']}, false {c['false_flag_examples']}")
    peers = [r for r in results if not r["tool"].startswith("shuyuan")]
    shuyuan = next(r for r in results if r["tool"] == "shuyuan normalize (csv)")
    fastest = max(peers, key=lambda r: r["rows_per_s"])
    ratio = shuyuan["rows_per_s"] / fastest["rows_per_s"]
    print(f"shuyuan (csv) / fastest peer ({fastest['tool']}): {ratio:.1f}x "
          f"(bar >= {BAR:.0f}x: {'met' if ratio >= BAR else 'NOT met'})")
    node = next((r for r in results if r["tool"].startswith("node")), None)
    if node:
        same = next(r for r in results if r["tool"] == "shuyuan normalize (jsonl)")
        print(f"shuyuan (jsonl) / node + ajv (jsonl), same input: "
              f"{same['rows_per_s'] / node['rows_per_s']:.1f}x")
    return all(r["check"]["misses"] == 0 and r["check"]["false_flags"] == 0
               for r in results if r["tool"].startswith("shuyuan"))


def main():
    args = parse_args()
    work = args.work_dir or tempfile.mkdtemp(prefix="shuyuan-peers-")
    os.makedirs(work, exist_ok=True)
    for tool in ("datagen/shuyuan-datagen", "client/shuyuan"):
        if not os.access(os.path.join(args.build_dir, tool), os.X_OK):
            sys.exit(f"peers: {args.build_dir}/{tool} is missing; build it first (make build)")
    run([PYTHON, os.path.join(HERE, "catalog_to_json.py"), "--catalog",
         os.path.join(REPO, "catalog"), "--out", os.path.join(work, "catalog.json")], pin=False)
    with_node = node_ready()
    run([PYTHON, os.path.join(HERE, "check_examples.py"), "--catalog-json",
         os.path.join(work, "catalog.json"), "--work-dir", work]
        + ([] if with_node else ["--no-node"]), pin=False, capture=False)
    honest = True
    for schema in args.schemas.split(","):
        try:
            csv_twin = generate(args, schema, "csv", work)
        except RuntimeError as e:
            print(f"\n== {schema}: skipped, the generator cannot make it ({e})")
            continue
        summary, as_of, results = bench_schema(args, schema, csv_twin, work, with_node)
        honest &= print_table(schema, summary, as_of, results)
    if not args.work_dir:
        shutil.rmtree(work)
    if not honest:
        sys.exit("peers: shuyuan's rejects differ from the ground truth")


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        sys.exit(f"peers: {e}")
