#!/usr/bin/python3
"""The peer a pandas user would write instead of shuyuan: read a UTF-8 CSV with
pandas.read_csv (dtype=str) and check LEGAL_PERSON_BASIC or
NATURAL_PERSON_BASIC with vectorised string operations, numpy check
characters, isin for code lists and to_datetime for dates
(bench/peers/pandas_checks.py).

Usage (Debian's python3-pandas, so /usr/bin/python3):
  /usr/bin/python3 bench/peers/pandas_validate.py FILE.csv \
      --catalog-json catalog.json [--schema LEGAL_PERSON_BASIC] \
      [--as-of 2026-11-30] [--invalid-out FILE]

Prints one JSON line: {"rows", "valid", "invalid", "elapsed_s"}; elapsed_s
covers read_csv and the checks (not importing pandas or loading the code
lists). --invalid-out gets the 0-based index of each invalid row. A row
with an invalid UTF-8 sequence (read as U+FFFD) or more columns than the
header is invalid; a row with fewer columns cannot be told from one with
empty trailing values (read_csv fills them), and a stray quote makes
read_csv join lines into one record.
"""

import argparse
import csv
import datetime
import json
import sys
import time

import pandas as pd

import pandas_checks as pc
from pandas_schemas import SCHEMAS


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input")
    parser.add_argument("--catalog-json", required=True)
    parser.add_argument("--schema", default="LEGAL_PERSON_BASIC", choices=sorted(SCHEMAS))
    parser.add_argument("--as-of", default=datetime.date.today().isoformat())
    parser.add_argument("--invalid-out")
    return parser.parse_args()


def read_table(path):
    """The CSV as strings, with the header's columns plus room for extras."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        header = next(csv.reader(f))
    extras = [f"_extra{i}" for i in range(len(header))]
    table = pd.read_csv(path, dtype=str, header=None, skiprows=1, names=header + extras,
                        keep_default_na=False, na_filter=False, encoding="utf-8",
                        encoding_errors="replace", engine="c")
    return table, header, extras


def column_of(field, header, aliases):
    for name in [field] + aliases:
        if name in header:
            return name
    lower = {h.lower(): h for h in header}
    return lower.get(field.lower())


def malformed(table, extras):
    bad = pd.Series(False, index=table.index)
    for col in extras:
        bad |= table[col] != ""
    for col in table.columns:
        bad |= table[col].str.contains("\ufffd", regex=False)
    return bad


def validate(table, header, extras, schema, catalog, as_of_key):
    bad = malformed(table, extras)
    lists = {i: pc.CodeList(l, as_of_key) for i, l in catalog["code_lists"].items()}
    fields = schema.fields(lists, as_of_key, catalog["element_aliases"])
    columns = {c["name"]: c["aliases"] for c in catalog["schemas"][schema.ID]}
    values, field_bad = {}, {}
    empty = pd.Series("", index=table.index)
    for name, (required, steps, check) in fields.items():
        col = column_of(name, header, columns.get(name, []))
        s = table[col] if col is not None else empty
        for step in steps:
            s = step(s)
        present = s != ""
        fb = ~present if required else pd.Series(False, index=table.index)
        if present.any():
            fb[present] = check(s[present]).to_numpy()
        values[name], field_bad[name] = s, fb
        bad |= fb
    bad |= schema.rules_bad(values, field_bad, lists)
    return bad


def main():
    args = parse_args()
    with open(args.catalog_json, encoding="utf-8") as f:
        catalog = json.load(f)
    as_of_key = int(args.as_of.replace("-", ""))
    start = time.perf_counter()
    table, header, extras = read_table(args.input)
    bad = validate(table, header, extras, SCHEMAS[args.schema], catalog, as_of_key)
    elapsed = time.perf_counter() - start
    invalid = bad[bad].index.tolist()
    if args.invalid_out:
        with open(args.invalid_out, "w") as f:
            f.writelines(f"{i}\n" for i in invalid)
    rows = len(table)
    print(json.dumps({"peer": "pandas", "rows": rows, "valid": rows - len(invalid),
                      "invalid": len(invalid), "elapsed_s": round(elapsed, 3)}))


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"pandas_validate: {e}")
