"""`shuyuan normalize --in - --out -` exactly as a Hadoop Streaming mapper or
a Spark pipe() stage runs it (issue 14): standard input and output are
pipes, standard error is a pipe (no terminal, so no progress bar), the
rejects and the report go to files named after the task. The piped clean
output equals a run on files, the report counts the same rows, and stderr
holds only the one-line summary.
"""

import json
import os
import subprocess
import tempfile
import unittest

BINARY_DIR = os.environ["SHUYUAN_BINARY_DIR"]
SOURCE_DIR = os.environ["SHUYUAN_SOURCE_DIR"]
SHUYUAN = os.path.join(BINARY_DIR, "client", "shuyuan")
CATALOG = os.path.join(SOURCE_DIR, "catalog")
LEGACY = os.path.join(SOURCE_DIR, "examples", "legacy_legal_persons.csv")


class StreamingMapperTest(unittest.TestCase):

    def test_stdin_to_stdout_like_a_mapper(self):
        with tempfile.TemporaryDirectory() as tmp:
            task = "attempt_202611300000_0001_m_000003_0"
            # What a mapper script runs; rejects and report per task.
            mapper = [SHUYUAN, "normalize", "--defs", CATALOG, "--schema",
                      "LEGAL_PERSON_BASIC", "--as-of", "2024-06-01",
                      "--in", "-", "--out", "-",
                      "--rejects", os.path.join(tmp, f"rejects-{task}.jsonl"),
                      "--report", os.path.join(tmp, f"report-{task}.json")]
            with open(LEGACY, "rb") as f:
                data = f.read()
            proc = subprocess.Popen(mapper, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE,
                                    start_new_session=True)  # no terminal
            out, err = proc.communicate(data, timeout=120)
            self.assertEqual(proc.returncode, 0, err.decode())

            files = {k: os.path.join(tmp, "file." + k)
                     for k in ("csv", "rejects", "json")}
            subprocess.run(
                [SHUYUAN, "normalize", "--defs", CATALOG, "--schema",
                 "LEGAL_PERSON_BASIC", "--as-of", "2024-06-01", "--in",
                 LEGACY, "--out", files["csv"], "--rejects",
                 files["rejects"], "--report", files["json"]],
                check=True, stdin=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)
            with open(files["csv"], "rb") as f:
                self.assertEqual(out, f.read())
            with open(files["rejects"], "rb") as f, \
                    open(os.path.join(tmp, f"rejects-{task}.jsonl"),
                         "rb") as g:
                self.assertEqual(g.read(), f.read())
            with open(os.path.join(tmp, f"report-{task}.json")) as f:
                report = json.load(f)
            self.assertEqual(report["input"], "<stdin>")
            self.assertEqual(report["outputs"]["clean"], "<stdout>")
            self.assertEqual(report["rows_in"], 2400)
            self.assertEqual(report["rows_in"],
                             report["rows_clean"] + report["rows_rejected"])
            self.assertEqual(report["input_bytes"], len(data))
            # No progress bar without a terminal: the summary line only.
            lines = err.decode().splitlines()
            self.assertEqual(len(lines), 1, lines)
            self.assertTrue(lines[0].startswith("normalize: 2400 rows"))
            self.assertNotIn("\r", err.decode())


if __name__ == "__main__":
    unittest.main()
