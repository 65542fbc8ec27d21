#!/usr/bin/python3
"""Compares a validator's invalid rows with the data generator's ground truth.

Usage:
  compare_truth.py --truth T.tsv --indices FILE    # 0-based row indices
  compare_truth.py --truth T.tsv --rejects FILE    # shuyuan's rejects JSONL

The truth file is shuyuan-datagen's TSV (index, line, verdict, issue, field;
one line per data row). Prints one JSON line: rows, the truth's rejected
count, flagged (rows the validator found invalid), misses (rejected rows it
passed), false_flags (clean rows it flagged), misses by expected issue,
and up to five examples of each kind (row indices).
"""

import argparse
import collections
import csv
import json
import sys


def read_truth(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        if row["verdict"] not in ("clean", "rejected"):
            sys.exit(f"{path}: index {row['index']}: verdict '{row['verdict']}' "
                     "is neither clean nor rejected")
    return rows


def flagged_from_indices(path):
    with open(path, encoding="utf-8") as f:
        return {int(line) for line in f if line.strip()}


def flagged_from_rejects(path, truth):
    by_line = {int(row["line"]): int(row["index"]) for row in truth}
    flagged = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            reject_line = json.loads(line)["line"]
            if reject_line not in by_line:
                sys.exit(f"{path}:{n}: reject at input line {reject_line}, "
                         "which starts no row of the truth")
            flagged.add(by_line[reject_line])
    return flagged


def compare(truth, flagged):
    misses, false_flags = [], []
    missed_by_issue = collections.Counter()
    for row in truth:
        index, rejected = int(row["index"]), row["verdict"] == "rejected"
        if rejected and index not in flagged:
            misses.append(index)
            missed_by_issue[row["issue"] or "?"] += 1
        elif not rejected and index in flagged:
            false_flags.append(index)
    beyond = sorted(i for i in flagged if i >= len(truth))
    return {
        "rows": len(truth),
        "rejected": sum(row["verdict"] == "rejected" for row in truth),
        "flagged": len(flagged),
        "misses": len(misses),
        "false_flags": len(false_flags) + len(beyond),
        "missed_by_issue": dict(sorted(missed_by_issue.items())),
        "miss_examples": misses[:5],
        "false_flag_examples": (false_flags + beyond)[:5],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--truth", required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--indices")
    source.add_argument("--rejects")
    args = parser.parse_args()
    truth = read_truth(args.truth)
    flagged = (flagged_from_indices(args.indices) if args.indices
               else flagged_from_rejects(args.rejects, truth))
    print(json.dumps(compare(truth, flagged), ensure_ascii=False))


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"compare_truth: {e}")
