"""The task that runs on a worker: `shuyuan normalize --range` on one range.

Each attempt writes its outputs under names of its own in the staging
folder (shuyuan itself writes them under temporary names and renames them on
success), so a retried or duplicated attempt never leaves a half part where
the driver looks, and the driver only uses the names a successful attempt
returned. The shuyuan process is tied to the worker: if the worker dies, it
gets SIGTERM and removes its temporary files.
"""

import ctypes
import os
import signal
import subprocess
import tempfile
import uuid

import fsspec

_PR_SET_PDEATHSIG = 1
# Bytes past a range's end that the reader may need to decide the range's
# last row (a quoted field that would run on is judged within
# max_row_bytes + 2 bytes of its row's start).
_LOOKAHEAD_SLACK = 4096


def task_settings(job, plan: dict, staging: str, as_of: str) -> dict:
    """What every task needs, as plain data (sent once with the tasks)."""
    return {
        "shuyuan": job.shuyuan,
        "input": job.input,
        "copy": job.copy_ranges or fsspec.utils.get_protocol(job.input)
        not in ("file", "local"),
        "schema": job.schema,
        "defs": job.defs,
        "bundle_bytes": None,
        "format": plan["format"],
        "encoding": plan["encoding"],  # resolved once, by split
        "input_size": plan["input_size"],
        "data_start": plan["data_start"],
        "max_row_bytes": job.max_row_bytes,
        "as_of": as_of,
        "mapping": job.mapping,
        "threads": job.threads_per_part,
        "staging": staging,
    }


def _die_with_parent() -> None:
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _copy_range(task: dict, rng: dict, scratch: str) -> str:
    """A sparse local file of the input's size holding the header, the
    range and the bytes after it the reader may look at, each at its own
    offset, so that offsets, line numbers and the range hash are the whole
    file's."""
    size = task["input_size"]
    start = max(rng["start"] - 1, task["data_start"])  # the LF before start
    end = min(size, rng["end"] + task["max_row_bytes"] + _LOOKAHEAD_SLACK)
    path = os.path.join(scratch, "range-input")
    fs, path_in_fs = fsspec.core.url_to_fs(task["input"])
    with open(path, "wb") as out:
        out.truncate(size)
        for lo, hi in ((0, task["data_start"]), (start, end)):
            if hi > lo:
                out.seek(lo)
                out.write(fs.cat_file(path_in_fs, start=lo, end=hi))
    return path


def normalize_range(rng: dict, index: int, task: dict) -> dict:
    """Runs one part; returns its index, output paths and rows. Raises
    RuntimeError (so that Dask retries) when shuyuan fails."""
    attempt = uuid.uuid4().hex[:8]
    base = os.path.join(task["staging"], f"part-{index:05d}.{attempt}")
    outputs = {"clean": base + ".clean", "rejects": base + ".rejects.jsonl",
               "report": base + ".report.json"}
    with tempfile.TemporaryDirectory(prefix="shuyuan-dask-") as scratch:
        source = ["--defs", task["defs"]] if task["defs"] else []
        if task["bundle_bytes"] is not None:
            bundle = os.path.join(scratch, "schema.bundle")
            with open(bundle, "wb") as f:
                f.write(task["bundle_bytes"])
            source = ["--bundle", bundle]
        path = (_copy_range(task, rng, scratch) if task["copy"] else
                fsspec.utils.stringify_path(task["input"])
                .removeprefix("file://"))
        args = [task["shuyuan"], "normalize", *source,
                "--schema", task["schema"], "--in", path,
                "--range", f"{rng['start']}:{rng['end']}",
                "--first-line", str(rng["first_line"]),
                "--format", task["format"], "--encoding", task["encoding"],
                "--max-row-bytes", str(task["max_row_bytes"]),
                "--as-of", task["as_of"], "--threads", str(task["threads"]),
                "--out", outputs["clean"], "--rejects", outputs["rejects"],
                "--report", outputs["report"]]
        if task["mapping"]:
            args += ["--mapping", task["mapping"]]
        proc = subprocess.run(args, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True,
                              preexec_fn=_die_with_parent)
    if proc.returncode != 0:
        raise RuntimeError(
            f"part {index} ({rng['start']}:{rng['end']}): shuyuan normalize "
            f"exit {proc.returncode}: {proc.stderr.strip()}")
    return {"index": index, **outputs}
