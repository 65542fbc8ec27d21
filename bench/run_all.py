#!/usr/bin/env python3
"""`make bench`: every benchmark, one table.

Runs each benchmark program of a build once, and prints one table: each
figure beside the baseline measured in the same run, their ratio, the bar
(SPEC §7 or the issue that set it) and whether it is met. Google Benchmark
programs are read through their JSON output; the tools (server_load, the
batch, peer and Dask drivers) append their own figures as JSON lines to the
file named by $SHUYUAN_FIGURES. A step whose correctness check fails (a
count against the ground truth, a wrong answer) fails the whole run, whatever
its speed.

  bench/run_all.py --build build-release          # everything, < 10 minutes
  bench/run_all.py --build build --smoke          # CI: seconds per step
  bench/run_all.py --build build --only ceiling,batch

Each step's own output goes to <results>/<step>.log (default
bench-results/). Standard library only: runs under any python3.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Figure:
    """One row of the table."""

    def __init__(self, figure, value, baseline, ratio=None, bar="", met=None):
        self.figure = figure
        self.value = value
        self.baseline = baseline
        self.ratio = ratio
        self.bar = bar
        self.met = met


def rate(per_second, unit):
    """'1.23 M rec/s' style text for a rate."""
    for scale, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if per_second >= scale:
            return f"{per_second / scale:.2f} {prefix}{unit}/s"
    return f"{per_second:.1f} {unit}/s"


# --- Google Benchmark programs ----------------------------------------------

class GbFigure:
    """A figure read from a Google Benchmark program's JSON output.

    `name` and `baseline` are benchmark names (the run's `name` field, e.g.
    "BM_Record_Clean/threads:1"); `metric` is "items" (items_per_second) or
    "time" (the inverse of cpu_time). `bar` is a ratio the figure must reach
    against the baseline, or an absolute rate with `absolute=True`.
    """

    def __init__(self, figure, name, baseline, unit, bar=None, absolute=None,
                 metric="items"):
        self.figure = figure
        self.name = name
        self.baseline = baseline
        self.unit = unit
        self.bar = bar
        self.absolute = absolute
        self.metric = metric


GB_STEPS = {
    "record": ("record_benchmark", [
        GbFigure("codec, clean legal-person records (1 core)",
                 "BM_Record_Clean/real_time/threads:1",
                 "BM_Baseline_Re2PerField", "rec", absolute=1e6),
        GbFigure("codec, dirty legal-person records (1 core)",
                 "BM_Record_Dirty/real_time/threads:1",
                 "BM_Baseline_Re2PerField", "rec"),
    ]),
    # Issue 10: the codec against a hand-written validator of the same
    # rules, on generated rows checked against their ground truth.
    "ceiling": ("ceiling_benchmark", [
        GbFigure(f"codec vs hand-written, {label}",
                 f"BM_Codec_{name}", f"BM_Hand_{name}", "rec", bar=0.5)
        for name, label in (
            ("LegalPerson_Clean", "legal persons, clean"),
            ("LegalPerson_Errors5", "legal persons, 5% errors"),
            ("NaturalPerson_Clean", "natural persons, clean"),
            ("NaturalPerson_Errors5", "natural persons, 5% errors"))
    ]),
    "checksum": ("checksum_benchmark", [
        GbFigure("GB 11643 full verification", "BM_Checksum_GB11643",
                 "BM_Baseline_Re2Shape_GB11643", "val"),
    ]),
    "coding_rule": ("coding_rule_benchmark", [
        GbFigure("coding rule GB_32100 vs built-in GB 32100",
                 "BM_CodingRule_GB32100", "BM_Checksum_GB32100", "val",
                 bar=0.5),
    ]),
    "normalizer": ("normalizer_benchmark", [
        GbFigure("nfc step on clean Chinese names", "BM_Normalize_Nfc_Clean",
                 "BM_Baseline_IcuNfc", "val", metric="time"),
    ]),
    "json_line": ("json_line_benchmark", [
        GbFigure("JSONL row parse: simdjson (the reader's first try)",
                 "BM_JsonLine_Simdjson", "BM_JsonLine_HandWritten", "row"),
    ]),
    "code_list": ("code_list_benchmark", [
        GbFigure("1 M-entry code list: check code + date",
                 "BM_CodeList_Check", "BM_Baseline_HashSetContains", "val",
                 metric="time"),
    ]),
}


def per_second(run, metric):
    if metric == "items" and "items_per_second" in run:
        return run["items_per_second"]
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[run["time_unit"]]
    return 1.0 / (run["cpu_time"] * scale)


def run_gb_program(build, program, specs, smoke, log):
    path = os.path.join(build, "bench", program)
    if not os.access(path, os.X_OK):
        raise StepError(f"{path} is missing: build the benchmarks first")
    names = sorted({s.name.split("/")[0] for s in specs} |
                   {s.baseline.split("/")[0] for s in specs})
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [path, f"--benchmark_filter=^({'|'.join(names)})(/|$)",
                   f"--benchmark_out={out.name}", "--benchmark_out_format=json",
                   "--benchmark_min_time=" + ("0.01" if smoke else "0.3")]
        run_logged(command, log)
        report = json.load(open(out.name))
    runs = {r["name"]: r for r in report["benchmarks"]}
    for r in report["benchmarks"]:
        if r.get("error_occurred"):
            raise StepError(f"{program} {r['name']}: {r.get('error_message')}")
    figures = []
    for s in specs:
        if s.name not in runs or s.baseline not in runs:
            raise StepError(f"{program}: no run named {s.name} or {s.baseline}")
        value = per_second(runs[s.name], s.metric)
        base = per_second(runs[s.baseline], s.metric)
        ratio = value / base
        if s.absolute is not None:
            bar, met = f">= {rate(s.absolute, s.unit)}", value >= s.absolute
        elif s.bar is not None:
            bar, met = f"ratio >= {s.bar}", ratio >= s.bar
        else:
            bar, met = "", None
        figures.append(Figure(s.figure, rate(value, s.unit),
                              f"{s.baseline} {rate(base, s.unit)}", ratio,
                              bar, met))
    return figures


# --- Tools that write their own figures ---------------------------------------

def tool_steps(build, smoke):
    """Steps whose programs append JSON figure lines to $SHUYUAN_FIGURES.

    Each is (name, command); a step whose program is missing is reported as
    such, so a partial build fails loudly rather than printing a short table.
    """
    smoke_flag = ["--smoke"] if smoke else []
    # Full runs sized to keep `make bench` under 10 minutes here: the 1 GB
    # batch bar in full, the twins, peers and Dask on smaller inputs (each
    # tool's own defaults are larger; bench/README.md says which was used).
    return {
        "batch": [os.path.join(build, "bench", "batch_throughput")] +
        (smoke_flag or ["--twin-mb", "200"]),
        "peers": ["/usr/bin/python3",
                  os.path.join(ROOT, "bench", "peers", "run_peers.py"),
                  "--build-dir", build] + (smoke_flag or ["--rows", "100000"]),
        "dask": ["/usr/bin/python3",
                 os.path.join(ROOT, "bench", "dask_throughput.py"),
                 "--build", build] +
        (smoke_flag or ["--rows", "300000", "--rounds", "1"]),
        "server": [os.path.join(build, "bench", "server_load")] + smoke_flag,
    }


def read_figure_lines(path, step):
    figures, failures = [], []
    if not os.path.exists(path):
        return figures, failures
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        item = json.loads(line)
        if "failure" in item:
            failures.append(f"{step}: {item['failure']}")
            continue
        figures.append(Figure(item["figure"], item["value"],
                              item.get("baseline", ""), item.get("ratio"),
                              item.get("bar", ""), item.get("met")))
    return figures, failures


# --- Running ------------------------------------------------------------------

class StepError(Exception):
    pass


def run_logged(command, log, env=None):
    with open(log, "a", encoding="utf-8") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT,
                                env=env, cwd=ROOT)
    if result.returncode != 0:
        raise StepError(f"{os.path.basename(command[0])} exited with "
                        f"{result.returncode} (see {log})")


def print_table(figures, out=sys.stdout):
    rows = [("figure", "value", "baseline (same run)", "ratio", "bar", "met")]
    for f in figures:
        met = "-" if f.met is None else ("met" if f.met else "NOT MET")
        rows.append((f.figure, f.value, f.baseline,
                     "-" if f.ratio is None else f"{f.ratio:.2f}",
                     f.bar or "-", met))
    widths = [max(len(r[c]) for r in rows) for c in range(6)]

    def line(row):
        return "| " + " | ".join(v.ljust(w) for v, w in zip(row, widths)) + " |"

    print(line(rows[0]), file=out)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|", file=out)
    for row in rows[1:]:
        print(line(row), file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build",
                        help="the CMake build folder holding bench/")
    parser.add_argument("--smoke", action="store_true",
                        help="small inputs, seconds per step (CI)")
    parser.add_argument("--only", default="",
                        help="comma-separated steps to run (default all)")
    parser.add_argument("--results", default=os.path.join(ROOT,
                                                          "bench-results"),
                        help="folder for each step's log")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    os.makedirs(args.results, exist_ok=True)

    tools = tool_steps(build, args.smoke)
    order = list(GB_STEPS) + list(tools)
    chosen = [s for s in args.only.split(",") if s] or order
    unknown = [s for s in chosen if s not in order]
    if unknown:
        parser.error(f"unknown step(s) {', '.join(unknown)}; "
                     f"steps are {', '.join(order)}")

    figures, failures = [], []
    start = time.monotonic()
    for step in [s for s in order if s in chosen]:
        log = os.path.join(args.results, f"{step}.log")
        open(log, "w").close()
        step_start = time.monotonic()
        print(f"== {step}", end="", flush=True)
        try:
            if step in GB_STEPS:
                program, specs = GB_STEPS[step]
                figures += run_gb_program(build, program, specs, args.smoke,
                                          log)
            else:
                command = tools[step]
                if not os.path.exists(command[0]) or (
                        command[0] == "/usr/bin/python3" and
                        not os.path.exists(command[1])):
                    raise StepError(f"{command[-1] if command[0] == '/usr/bin/python3' else command[0]} "
                                    "is missing: build the benchmarks first")
                figure_file = os.path.join(args.results, f"{step}.figures")
                if os.path.exists(figure_file):
                    os.remove(figure_file)
                env = dict(os.environ, SHUYUAN_FIGURES=figure_file)
                try:
                    run_logged(command, log, env)
                finally:
                    got, bad = read_figure_lines(figure_file, step)
                    figures += got
                    failures += bad
        except StepError as e:
            failures.append(f"{step}: {e}")
        print(f" ({time.monotonic() - step_start:.0f} s)", flush=True)

    print(f"\nmake bench{' (smoke)' if args.smoke else ''}: "
          f"{os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; {time.monotonic() - start:.0f} s\n")
    if args.smoke:
        # Tiny inputs: the figures show that each step ran, not how fast.
        for f in figures:
            f.met = None
        print("smoke run: figures from tiny inputs; no bar is judged\n")
    print_table(figures)
    if failures:
        print(f"\ncorrectness checks: {len(failures)} FAILED")
        for f in failures:
            print(f"  - {f}")
        return 1
    print("\ncorrectness checks: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
