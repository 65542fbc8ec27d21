#!/usr/bin/python3
"""The peers benchmark (issue 10 item 4): shuyuan normalize against what a user
would pick instead, on the same generated rows, one core each.

For each schema it generates (build/datagen/shuyuan-datagen) the same rows as
a UTF-8 CSV and a JSONL twin with their ground truths, then runs pinned to
core 0 (taskset -c 0):
  - Node + ajv (bench/peers/node/validate_jsonl.js) on the JSONL,
  - pandas (bench/peers/pandas_validate.py, Debian's python3-pandas) on the CSV,
  - `shuyuan normalize --threads 1` on the CSV and on the JSONL.
After checking the peers on the catalog's record-schema examples
(check_examples.py), it checks every tool's invalid rows against the truth
(misses, false flags) and prints rows/s and the ratio shuyuan / faster peer
(bar: >= 10x).

Throughput is rows per second of CPU time (user + system of the process,
from wait4), not wall time: the machine is shared, and CPU time is what a
busy neighbour disturbs least. Each tool also runs on a 1,000-row twin
(STARTUP_ROWS) and that run's CPU time is subtracted, so start-up (imports,
code lists, compiling the schema) is left out for every tool alike.

Usage:
  /usr/bin/python3 bench/peers/run_peers.py [--smoke] [--rows N]
      [--error-rate R] [--schemas LEGAL_PERSON_BASIC,NATURAL_PERSON_BASIC]
      [--build-dir build] [--work-dir DIR] [--seed S] [--as-of YYYY-MM-DD]
--smoke: 3,000 rows, seconds; checks the truth just the same (its rates
mean nothing). The run fails (exit 1) when a tool fails, or flags a clean
row, or misses a rejected row of a class it can see (pandas cannot see rows
that lost a column: peers_table.ALLOWED_MISSES). Node is skipped with a
message when `npm ci` cannot install ajv.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from peers_table import print_table

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
NODE_DIR = os.path.join(HERE, "node")
PYTHON = "/usr/bin/python3"
STARTUP_ROWS = 1000
NPM_TIMEOUT_S = 180


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
    """Runs cmd (on core 0 when pin); returns (stdout, wall s, CPU s)."""
    if pin and shutil.which("taskset"):
        cmd = ["taskset", "-c", "0"] + cmd  # taskset execs cmd: one process
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, text=True, capture_output=capture)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 3):  # 3: shuyuan done, rows rejected
        sys.stderr.write(done.stderr or "")
        raise RuntimeError(f"{' '.join(cmd)}: exit status {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, wall, cpu


def node_ready():
    if os.path.isdir(os.path.join(NODE_DIR, "node_modules", "ajv-formats")):
        return True
    if not shutil.which("npm"):
        print("peers: npm not found; skipping Node + ajv", file=sys.stderr)
        return False
    try:
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR,
                              capture_output=True, text=True, timeout=NPM_TIMEOUT_S)
        failure = done.stderr.strip()[-500:] if done.returncode != 0 else None
    except subprocess.TimeoutExpired:
        failure = f"no answer within {NPM_TIMEOUT_S} s"
    if failure:
        print("peers: `npm ci` failed (registry unreachable?); skipping Node + ajv:\n"
              + failure, file=sys.stderr)
        return False
    return True


def generate(args, schema, fmt, rows, work):
    """Data file, truth file and the generator's summary."""
    base = os.path.join(work, f"{schema}.{rows}.{fmt}")
    out, _, _ = run([os.path.join(args.build_dir, "datagen", "shuyuan-datagen"),
                     "--schema", schema, "--rows", str(rows), "--seed", args.seed,
                     "--error-rate", args.error_rate, "--format", fmt, "--encoding", "utf-8",
                     "--as-of", args.as_of, "--catalog", os.path.join(REPO, "catalog"),
                     "--out", base, "--truth", base + ".truth.tsv"],
                    pin=False)
    return base, base + ".truth.tsv", json.loads(out)


def compare(truth, flag, path):
    out, _, _ = run([PYTHON, os.path.join(HERE, "compare_truth.py"), "--truth", truth,
                     flag, path], pin=False)
    return json.loads(out)


def tools(args, schema, as_of, catalog, with_node):
    """(name, input format, argv builder (data, out prefix) → (argv, kind))."""
    common = ["--catalog-json", catalog, "--schema", schema, "--as-of", as_of]
    shuyuan = os.path.join(args.build_dir, "client", "shuyuan")

    def normalize(data, prefix):
        return [shuyuan, "normalize", "--defs", os.path.join(REPO, "catalog"),
                "--schema", schema, "--in", data, "--out", prefix + ".clean.csv",
                "--rejects", prefix + ".rejects.jsonl", "--report", prefix + ".report.json",
                "--threads", "1", "--as-of", as_of]
    found = []
    if with_node:
        found.append(("node + ajv (jsonl)", "jsonl", lambda data, prefix: [
            "node", os.path.join(NODE_DIR, "validate_jsonl.js"), data, *common,
            "--invalid-out", prefix + ".invalid"]))
    found.append(("pandas (csv)", "csv", lambda data, prefix: [
        PYTHON, os.path.join(HERE, "pandas_validate.py"), data, *common,
        "--invalid-out", prefix + ".invalid"]))
    found.append(("shuyuan normalize (csv)", "csv", normalize))
    found.append(("shuyuan normalize (jsonl)", "jsonl", normalize))
    return found


def run_tool(name, argv, data, truth, prefix):
    """One run: rows, invalid, wall and CPU seconds, and the truth check."""
    out, wall, cpu = run(argv(data, prefix))
    if name.startswith("shuyuan"):
        with open(prefix + ".report.json", encoding="utf-8") as f:
            report = json.load(f)
        rows, invalid = report["rows_in"], report["rows_rejected"]
        check = compare(truth, "--rejects", prefix + ".rejects.jsonl")
    else:
        result = json.loads(out.strip().splitlines()[-1])
        rows, invalid = result["rows"], result["invalid"]
        check = compare(truth, "--indices", prefix + ".invalid")
    return {"tool": name, "rows": rows, "invalid": invalid, "wall_s": wall, "cpu_s": cpu,
            "check": check}


def bench_schema(args, schema, twins, work, with_node):
    catalog = os.path.join(work, "catalog.json")
    results = []
    for name, fmt, argv in tools(args, schema, args.as_of, catalog, with_node):
        (data, truth, _), (small, small_truth, _) = twins[fmt]
        tag = os.path.join(work, f"{schema}.{name.split()[0]}.{fmt}")
        startup = run_tool(name, argv, small, small_truth, tag + ".startup")
        result = run_tool(name, argv, data, truth, tag)
        result["startup_cpu_s"] = startup["cpu_s"]
        result["rows_per_s"] = (result["rows"] - startup["rows"]) / max(
            result["cpu_s"] - startup["cpu_s"], 1e-9)
        results.append(result)
    return results


def run_all(args, work):
    """Every schema's tables; True when every tool agrees with the truth."""
    run([PYTHON, os.path.join(HERE, "catalog_to_json.py"), "--catalog",
         os.path.join(REPO, "catalog"), "--out", os.path.join(work, "catalog.json")], pin=False)
    with_node = node_ready()
    run([PYTHON, os.path.join(HERE, "check_examples.py"), "--catalog-json",
         os.path.join(work, "catalog.json"), "--work-dir", work]
        + ([] if with_node else ["--no-node"]), pin=False, capture=False)
    agree = True
    for schema in args.schemas.split(","):
        try:
            twins = {fmt: (generate(args, schema, fmt, args.rows, work),
                           generate(args, schema, fmt, STARTUP_ROWS, work))
                     for fmt in ("csv", "jsonl")}
        except RuntimeError as e:
            print(f"\n== {schema}: skipped, the generator cannot make it ({e})")
            continue
        results = bench_schema(args, schema, twins, work, with_node)
        agree &= print_table(schema, twins["csv"][0][2], args.as_of, results,
                             rates=not args.smoke)
    return agree


def main():
    args = parse_args()
    for tool in ("datagen/shuyuan-datagen", "client/shuyuan"):
        if not os.access(os.path.join(args.build_dir, tool), os.X_OK):
            sys.exit(f"peers: {args.build_dir}/{tool} is missing; build it first (make build)")
    work = args.work_dir or tempfile.mkdtemp(prefix="shuyuan-peers-")
    os.makedirs(work, exist_ok=True)
    try:
        agree = run_all(args, work)
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    if not agree:
        sys.exit("peers: a tool's invalid rows differ from the ground truth (see above)")


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        sys.exit(f"peers: {e}")
