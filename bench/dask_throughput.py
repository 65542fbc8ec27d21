#!/usr/bin/python3
"""Rows/s of the Dask path (integrations/dask) with 1 and 2 workers against
one `shuyuan normalize --threads 2` on the same file, in the same run, and
the Dask path's overhead (split, scheduling and process starts, merge and
join) as a share of its wall time. Issue 14; figures in bench/README.md.

    /usr/bin/python3 bench/dask_throughput.py [--rows 500000] [--rounds 3]
        [--build build] [--parts-per-worker 4] [--smoke]

--smoke: 5,000 rows, one round (seconds; its times mean nothing). Every run
checks that each Dask result's clean and rejects files are byte-identical
to the single run's and exits 1 otherwise. With $SHUYUAN_FIGURES set (make
bench, bench/run_all.py) the figures are appended there as JSON lines.

Each round runs the three contenders back to back (single, 1 worker,
2 workers), so that load from elsewhere hits them alike; medians are
printed. Each worker is one process with one thread, and each part runs
`shuyuan normalize --threads 1`: 1 worker uses one core, 2 workers two, like
the single run's --threads 2. Needs Debian's python3-dask,
python3-distributed and python3-fsspec (/usr/bin/python3).
"""

import argparse
import filecmp
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "integrations", "dask"))

from distributed import Client, LocalCluster  # noqa: E402

from shuyuan_dask import Job, run  # noqa: E402

AS_OF = "2024-06-01"


def single_run(shuyuan, catalog, path, out):
    started = time.monotonic()
    subprocess.run(
        [shuyuan, "normalize", "--defs", catalog, "--schema",
         "LEGAL_PERSON_BASIC", "--as-of", AS_OF, "--threads", "2", "--in",
         path, "--out", os.path.join(out, "single.csv"), "--rejects",
         os.path.join(out, "single.rejects"), "--report",
         os.path.join(out, "single.json")],
        check=True, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def dask_run(client, workers, args, shuyuan, catalog, path, out):
    job = Job(input=path, output_dir=os.path.join(out, f"dask{workers}"),
              schema="LEGAL_PERSON_BASIC", defs=catalog, shuyuan=shuyuan,
              as_of=AS_OF)
    result = run(client, job, parts=args.parts_per_worker * workers)
    with open(result.report) as f:
        work_s = json.load(f)["elapsed_s"]  # the parts' normalize time, added
    # Beyond the parts' own normalising, spread over the workers.
    overhead = result.total_s - work_s / workers
    return result, overhead


def same_as_single(result, out):
    """Names the first of the Dask run's files that differs from the single
    run's, or returns None."""
    for mine, single in ((result.clean, "single.csv"),
                         (result.rejects, "single.rejects")):
        if not filecmp.cmp(mine, os.path.join(out, single), shallow=False):
            return mine
    return None


def append_figures(figures):
    path = os.environ.get("SHUYUAN_FIGURES")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as f:
        for figure in figures:
            f.write(json.dumps(figure, ensure_ascii=False) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=500_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--build", default=os.path.join(SOURCE, "build"))
    p.add_argument("--parts-per-worker", type=int, default=4)
    p.add_argument("--smoke", action="store_true")
    args = p.parse_args()
    if args.smoke:
        args.rows, args.rounds = 5_000, 1
    shuyuan = os.path.join(args.build, "client", "shuyuan")
    datagen = os.path.join(args.build, "datagen", "shuyuan-datagen")
    catalog = os.path.join(SOURCE, "catalog")
    with tempfile.TemporaryDirectory(prefix="dask_bench_") as out:
        path = os.path.join(out, "legal.csv")
        subprocess.run([datagen, "--schema", "LEGAL_PERSON_BASIC", "--rows",
                        str(args.rows), "--seed", "14", "--messy", "--as-of",
                        AS_OF, "--catalog", catalog, "--out", path],
                       check=True, stdout=subprocess.DEVNULL)
        size_mb = os.path.getsize(path) / 1e6
        times = {"single": [], 1: [], 2: []}
        differences = []
        shares = {1: [], 2: []}
        phases = {1: [], 2: []}
        clusters = {w: LocalCluster(n_workers=w, threads_per_worker=1,
                                    processes=True, dashboard_address=":0")
                    for w in (1, 2)}
        clients = {w: Client(c) for w, c in clusters.items()}
        try:
            for _ in range(args.rounds):
                times["single"].append(single_run(shuyuan, catalog, path, out))
                for w in (1, 2):
                    result, overhead = dask_run(clients[w], w, args, shuyuan,
                                                catalog, path, out)
                    differs = same_as_single(result, out)
                    if differs:
                        differences.append(f"{w} worker(s): {differs} differs "
                                           "from the single run's output")
                    times[w].append(result.total_s)
                    shares[w].append(overhead / result.total_s)
                    phases[w].append((result.split_s, result.tasks_s,
                                      result.merge_s))
        finally:
            for w in (1, 2):
                clients[w].close()
                clusters[w].close()
    single = statistics.median(times["single"])
    print(f"input: {args.rows} rows, {size_mb:.1f} MB (datagen --messy), "
          f"load average {os.getloadavg()[0]:.1f}, medians of {args.rounds}")
    print("| run | wall s | rows/s | vs. single --threads 2 | overhead share "
          "| split / tasks / merge s |")
    print("|---|---|---|---|---|---|")
    print(f"| shuyuan normalize --threads 2 | {single:.2f} | "
          f"{args.rows / single:,.0f} | 1.00 | – | – |")
    for w in (1, 2):
        t = statistics.median(times[w])
        split, tasks, merge = (statistics.median(x) for x in zip(*phases[w]))
        n = args.parts_per_worker * w
        print(f"| Dask, {w} worker{'s' if w > 1 else ''}, "
              f"{n} part{'s' if n > 1 else ''} | {t:.2f} | "
              f"{args.rows / t:,.0f} | {single / t:.2f} | "
              f"{statistics.median(shares[w]):.0%} | "
              f"{split:.2f} / {tasks:.2f} / {merge:.2f} |")


    figures = []
    for w in (1, 2):
        t = statistics.median(times[w])
        figures.append({
            "figure": f"Dask, {w} worker{'s' if w > 1 else ''} x 1 thread, "
                      f"{args.rows:,} messy legal-person rows",
            "value": f"{args.rows / t:,.0f} rows/s "
                     f"(overhead {statistics.median(shares[w]):.0%})",
            "baseline": f"normalize --threads 2 {args.rows / single:,.0f} rows/s",
            "ratio": single / t, "bar": "", "met": None})
    figures += [{"failure": d} for d in differences]
    append_figures(figures)
    for d in differences:
        print(f"error: {d}", file=sys.stderr)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
