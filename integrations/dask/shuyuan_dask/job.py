"""The driver: split, one task per range, merge, join, rename."""

import dataclasses
import datetime
import json
import os
import shutil
import subprocess
import time
import uuid
from typing import List, Optional

import fsspec

from shuyuan_dask import parts as parts_module


@dataclasses.dataclass
class Job:
    """One normalisation of a whole input on a cluster.

    input: a local path or any fsspec URL the workers can read.
    output_dir: a folder the driver and the workers share; it receives
      clean.csv (clean.jsonl for JSONL input), rejects.jsonl, report.json
      and, with report_html, report.html.
    defs / bundle: the definitions (a directory or bundle path the workers
      can read); a bundle is sent to the workers with the tasks.
    as_of: the reference date; default today in China Standard Time, fixed
      once for every part.
    """

    input: str
    output_dir: str
    schema: str
    defs: Optional[str] = None
    bundle: Optional[str] = None
    shuyuan: str = "shuyuan"
    format: Optional[str] = None
    encoding: str = "auto"
    max_row_bytes: int = 16 << 20
    as_of: Optional[str] = None
    mapping: Optional[str] = None
    threads_per_part: int = 1
    report_html: bool = False
    # Copy each range (and the header) from the input to a local file on the
    # worker even for a local path (always done for other URLs).
    copy_ranges: bool = False


@dataclasses.dataclass
class JobResult:
    clean: str
    rejects: str
    report: str
    parts: int
    rows_in: int
    rows_clean: int
    rows_rejected: int
    # Seconds spent by the driver: split, tasks on the cluster (scheduling
    # included), merge and join, total.
    split_s: float
    tasks_s: float
    merge_s: float
    total_s: float


def _today_in_china() -> str:
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    return now.date().isoformat()


def _is_local(url: str) -> bool:
    protocol = fsspec.utils.get_protocol(url)
    return protocol in ("file", "local")


def _local_path(url: str) -> str:
    return fsspec.utils.stringify_path(url).removeprefix("file://")


def _check(args: List[str], what: str) -> str:
    proc = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {proc.returncode}): "
                           f"{proc.stderr.strip()}")
    return proc.stdout


def _plan(job: Job, parts: int, staging: str) -> dict:
    """`shuyuan split -o json` on the input (a local copy for a URL)."""
    path = _local_path(job.input) if _is_local(job.input) else None
    if path is None:
        path = os.path.join(staging, "input-for-split")
        with fsspec.open(job.input, "rb") as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    args = [job.shuyuan, "split", "--in", path, "--parts", str(parts),
            "--encoding", job.encoding, "--max-row-bytes",
            str(job.max_row_bytes), "-o", "json"]
    if job.format:
        args += ["--format", job.format]
    plan = json.loads(_check(args, "shuyuan split"))
    if path.startswith(staging):
        os.remove(path)
    return plan


def run(client, job: Job, parts: int = 0, retries: int = 2) -> JobResult:
    """Runs `job` on the cluster of `client` (a distributed.Client) in
    `parts` ranges (default: 4 per worker thread). Raises RuntimeError when a
    part fails after `retries` retries, or when the parts do not merge; the
    output folder then holds no new file."""
    started = time.monotonic()
    os.makedirs(job.output_dir, exist_ok=True)
    run_id = uuid.uuid4().hex[:12]
    staging = os.path.join(job.output_dir, f".shuyuan-dask-{run_id}")
    os.makedirs(staging)
    try:
        if parts <= 0:
            parts = 4 * max(1, sum(client.nthreads().values()))
        plan = _plan(job, parts, staging)
        split_done = time.monotonic()
        task = parts_module.task_settings(job, plan, staging,
                                          as_of=job.as_of or _today_in_china())
        if job.bundle:
            with open(job.bundle, "rb") as f:
                task["bundle_bytes"] = client.scatter(f.read(), broadcast=True)
        futures = client.map(parts_module.normalize_range, plan["ranges"],
                             range(len(plan["ranges"])), task=task,
                             retries=retries, pure=False)
        try:
            done = client.gather(futures)
        except BaseException:
            client.cancel(futures)
            raise
        tasks_done = time.monotonic()
        result = _assemble(job, plan, sorted(done, key=lambda p: p["index"]),
                           staging, run_id)
        finished = time.monotonic()
        result.split_s = split_done - started
        result.tasks_s = tasks_done - split_done
        result.merge_s = finished - tasks_done
        result.total_s = finished - started
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _append(out, path: str, skip_header: bool) -> None:
    """Appends the file at `path` to the open file `out`, in the kernel
    (copy_file_range) where it can; without its first line with
    skip_header."""
    with open(path, "rb") as part:
        offset = len(part.readline()) if skip_header else 0
        size = os.fstat(part.fileno()).st_size
        try:
            while offset < size:
                copied = os.copy_file_range(part.fileno(), out.fileno(),
                                            size - offset, offset)
                if copied == 0:
                    break
                offset += copied
        except OSError:  # file systems without it: copy through Python
            part.seek(offset)
            shutil.copyfileobj(part, out, 1 << 20)


def _join(paths: List[str], target: str, skip_header: bool) -> None:
    """Concatenates `paths` into `target`; with skip_header, every file but
    the first loses its first line (the CSV header)."""
    with open(target, "wb") as out:
        for i, path in enumerate(paths):
            _append(out, path, skip_header and i > 0)


def _assemble(job: Job, plan: dict, done: List[dict], staging: str,
              run_id: str) -> JobResult:
    """Joins the parts under temporary names, merges the reports, then gives
    every output its final name."""
    csv_output = plan["format"] != "jsonl"
    names = {
        "clean": "clean.csv" if csv_output else "clean.jsonl",
        "rejects": "rejects.jsonl",
        "report": "report.json",
    }
    if job.report_html:
        names["html"] = "report.html"
    final = {k: os.path.join(job.output_dir, v) for k, v in names.items()}
    temp = {k: os.path.join(staging, "final-" + v) for k, v in names.items()}
    _join([p["clean"] for p in done], temp["clean"], skip_header=csv_output)
    _join([p["rejects"] for p in done], temp["rejects"], skip_header=False)
    args = [job.shuyuan, "report", "merge", *[p["report"] for p in done],
            "-o", temp["report"], "--input", job.input,
            "--out", final["clean"], "--rejects", final["rejects"]]
    if job.report_html:
        args += ["--report-html", temp["html"]]
    _check(args, "shuyuan report merge")
    with open(temp["report"], encoding="utf-8") as f:
        report = json.load(f)
    for key in names:
        os.replace(temp[key], final[key])
    return JobResult(clean=final["clean"], rejects=final["rejects"],
                     report=final["report"], parts=len(done),
                     rows_in=report["rows_in"],
                     rows_clean=report["rows_clean"],
                     rows_rejected=report["rows_rejected"],
                     split_s=0, tasks_s=0, merge_s=0, total_s=0)
