"""shuyuan_dask on a loopback LocalCluster of 2 worker processes (issue 14).

A generated 200,000-row legal-person CSV with quoted newlines and stray
quotes (shuyuan-datagen --messy), and its GB18030 twin, normalised on the
cluster give byte-identical clean and rejects files and the same report
counts as one `shuyuan normalize` run; so does a run whose worker is killed
mid-task; a run whose parts fail leaves nothing in the output folder.

Run by ctest with /usr/bin/python3 (Debian's python3-dask,
python3-distributed, python3-fsspec); SHUYUAN_BINARY_DIR and
SHUYUAN_SOURCE_DIR name the build and the checkout.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest

from distributed import Client, LocalCluster

from shuyuan_dask import Job, run

BINARY_DIR = os.environ["SHUYUAN_BINARY_DIR"]
SOURCE_DIR = os.environ["SHUYUAN_SOURCE_DIR"]
SHUYUAN = os.path.join(BINARY_DIR, "client", "shuyuan")
DATAGEN = os.path.join(BINARY_DIR, "datagen", "shuyuan-datagen")
CATALOG = os.path.join(SOURCE_DIR, "catalog")
AS_OF = "2024-06-01"
ROWS = 200_000


def counts_section(report_text: str) -> str:
    """Every count of a report (rows_in ... definitions), in order."""
    return report_text[report_text.index('"rows_in"'):
                       report_text.index('"elapsed_s"')]


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


class ShuyuanDaskTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="shuyuan_dask_test_")
        cls.inputs = {}
        cls.single = {}
        for encoding in ("utf-8", "gb18030"):
            path = os.path.join(cls.dir, f"legal-{encoding}.csv")
            subprocess.run(
                [DATAGEN, "--schema", "LEGAL_PERSON_BASIC", "--rows",
                 str(ROWS), "--seed", "14", "--error-rate", "0.05",
                 "--messy", "--encoding", encoding, "--as-of", AS_OF,
                 "--catalog", CATALOG, "--out", path],
                check=True, stdout=subprocess.DEVNULL)
            cls.inputs[encoding] = path
            cls.single[encoding] = cls.normalize_once(path, encoding)
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1,
                                   processes=True, dashboard_address=":0")
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    @classmethod
    def normalize_once(cls, path: str, tag: str) -> dict:
        out = {"clean": os.path.join(cls.dir, f"single-{tag}.csv"),
               "rejects": os.path.join(cls.dir, f"single-{tag}.rejects"),
               "report": os.path.join(cls.dir, f"single-{tag}.json")}
        subprocess.run(
            [SHUYUAN, "normalize", "--defs", CATALOG, "--schema",
             "LEGAL_PERSON_BASIC", "--as-of", AS_OF, "--threads", "2",
             "--in", path, "--out", out["clean"], "--rejects",
             out["rejects"], "--report", out["report"]],
            check=True, stderr=subprocess.DEVNULL)
        return out

    def job(self, encoding: str, name: str, **extra) -> Job:
        settings = dict(input=self.inputs[encoding],
                        output_dir=os.path.join(self.dir, name),
                        schema="LEGAL_PERSON_BASIC", defs=CATALOG,
                        shuyuan=SHUYUAN, as_of=AS_OF)
        settings.update(extra)
        return Job(**settings)

    def assert_same_as_single_run(self, encoding: str, result):
        single = self.single[encoding]
        self.assertEqual(read(result.clean), read(single["clean"]))
        self.assertEqual(read(result.rejects), read(single["rejects"]))
        merged = read(result.report).decode()
        one = read(single["report"]).decode()
        self.assertEqual(counts_section(merged), counts_section(one))
        self.assertEqual(result.rows_in, ROWS)
        self.assertGreater(result.rows_rejected, 0)
        self.assertEqual(sorted(os.listdir(os.path.dirname(result.clean))),
                         ["clean.csv", "rejects.jsonl", "report.json"])

    def test_utf8_input_gives_the_single_run_result(self):
        result = run(self.client, self.job("utf-8", "utf8"), parts=6)
        self.assertEqual(result.parts, 6)
        self.assert_same_as_single_run("utf-8", result)

    def test_gb18030_twin_with_ranges_copied_to_the_workers(self):
        # copy_ranges takes the path of a non-local URL: each task copies
        # the header and its range into a sparse local file.
        job = self.job("gb18030", "gb18030", copy_ranges=True)
        job.input = "file://" + job.input
        result = run(self.client, job, parts=5)
        self.assert_same_as_single_run("gb18030", result)

    def test_a_worker_killed_mid_task_still_gives_the_single_run_result(self):
        pids = self.client.run(os.getpid)
        outcome = {}

        def drive():
            try:
                outcome["result"] = run(self.client,
                                        self.job("utf-8", "killed"), parts=8)
            except Exception as error:  # reported by the assertion below
                outcome["error"] = error

        driver = threading.Thread(target=drive)
        driver.start()
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            busy = [w for w, tasks in self.client.processing().items()
                    if any("normalize_range" in t for t in tasks)]
            if busy:
                victim = busy[0]
            else:
                time.sleep(0.02)
        self.assertIsNotNone(victim, "no task ever ran")
        os.kill(pids[victim], signal.SIGKILL)
        driver.join(120)
        self.assertNotIn("error", outcome)
        self.assert_same_as_single_run("utf-8", outcome["result"])
        self.client.wait_for_workers(2, timeout=60)

    def test_failing_parts_leave_nothing_behind(self):
        job = self.job("utf-8", "failed", as_of="2024-13-45")
        with self.assertRaisesRegex(RuntimeError, "as-of"):
            run(self.client, job, parts=3, retries=1)
        self.assertEqual(os.listdir(job.output_dir), [])


if __name__ == "__main__":
    unittest.main()
