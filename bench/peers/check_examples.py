#!/usr/bin/python3
"""Runs the peer validators on the record-schema examples of the catalog
(catalog/record_schemas/*.yaml, `examples:` with `valid: true|false`) and
checks that each peer finds exactly the examples marked invalid: the peers'
own test, run by run_peers.py before it measures anything.

Usage:
  /usr/bin/python3 bench/peers/check_examples.py --catalog-json catalog.json \
      --work-dir DIR [--no-node]
Exit status 1 when a peer disagrees with an example (each is named).
Examples with their own `as_of` are skipped (one reference date per run).
"""

import argparse
import csv
import json
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
AS_OF = "2026-11-30"


def write_examples(schema_id, work):
    """One CSV and one JSONL row per example, keyed by each field's first
    alias; returns the paths and the expected invalid indices."""
    path = os.path.join(REPO, "catalog", "record_schemas", f"{schema_id}.yaml")
    with open(path, encoding="utf-8") as f:
        schema = yaml.safe_load(f)["record_schema"]
    column = {}
    for field in schema["fields"]:
        for name in [field["name"]] + field.get("aliases", []):
            column[name] = field["aliases"][0]
    header = [field["aliases"][0] for field in schema["fields"]]
    examples = [e for e in schema.get("examples", []) if "as_of" not in e]
    csv_path = os.path.join(work, f"{schema_id}.examples.csv")
    jsonl_path = os.path.join(work, f"{schema_id}.examples.jsonl")
    with open(csv_path, "w", encoding="utf-8", newline="") as c, \
            open(jsonl_path, "w", encoding="utf-8") as j:
        writer = csv.writer(c)
        writer.writerow(header)
        for example in examples:
            record = {column.get(k, k): str(v) for k, v in example["record"].items()}
            row = {h: record.get(h, "") for h in header}
            writer.writerow(row.values())
            j.write(json.dumps(row, ensure_ascii=False) + "\n")
    expected = {i for i, e in enumerate(examples) if not e["valid"]}
    return csv_path, jsonl_path, expected, examples


def flagged_by(cmd, invalid_out):
    subprocess.run(cmd + ["--invalid-out", invalid_out], check=True, capture_output=True)
    with open(invalid_out, encoding="utf-8") as f:
        return {int(line) for line in f if line.strip()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--catalog-json", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--no-node", action="store_true")
    args = parser.parse_args()
    failures = 0
    for schema_id in ("LEGAL_PERSON_BASIC", "NATURAL_PERSON_BASIC"):
        csv_path, jsonl_path, expected, examples = write_examples(schema_id, args.work_dir)
        common = ["--catalog-json", args.catalog_json, "--schema", schema_id, "--as-of", AS_OF]
        peers = {"pandas": ["/usr/bin/python3", os.path.join(HERE, "pandas_validate.py"), csv_path]}
        if not args.no_node:
            peers["node"] = ["node", os.path.join(HERE, "node", "validate_jsonl.js"), jsonl_path]
        before = failures
        for peer, cmd in peers.items():
            out = os.path.join(args.work_dir, f"{schema_id}.examples.{peer}.invalid")
            flagged = flagged_by(cmd + common, out)
            for i in sorted(flagged ^ expected):
                failures += 1
                want = "invalid" if i in expected else "valid"
                print(f"check_examples: {peer}: {schema_id} example {i} should be {want}: "
                      f"{json.dumps(examples[i]['record'], ensure_ascii=False)}", file=sys.stderr)
        verdict = "agree" if failures == before else f"disagree on {failures - before}"
        print(f"{schema_id}: {len(examples)} examples, {len(expected)} invalid; "
              f"{', '.join(peers)} {verdict}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
