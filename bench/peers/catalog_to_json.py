#!/usr/bin/python3
"""Converts the catalog's code lists and record-schema columns to one JSON file
that the peer validators (bench/peers/node, bench/peers/pandas_validate.py)
load at startup, so they check codes against the same lists as shuyuan.

Usage (run by bench/peers/run_peers.sh; needs Debian's python3-yaml):
  /usr/bin/python3 bench/peers/catalog_to_json.py --catalog catalog \
      --out /tmp/peers/catalog.json

Output:
  {"code_lists": {ID: {"codes": {CODE: [[FROM, TO], ...]},
                       "names": {NAME_OR_ALIAS: [[CODE, FROM, TO], ...]}}},
   "element_aliases": {ELEMENT_ID: {LEGACY_VALUE: CODE}},
   "schemas": {SCHEMA_ID: [{"name", "aliases", "required"}]}}
Dates are integers YYYYMMDD; an open start is 0 and an open end 99999999.
"""

import argparse
import glob
import json
import os
import sys

import yaml

OPEN_START = 0
OPEN_END = 99999999
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def date_key(text, default):
    if not text:
        return default
    return int(str(text).replace("-", ""))


def convert_list(code_list):
    codes, names = {}, {}
    for entry in code_list.get("entries", []):
        code = str(entry["code"])
        period = [date_key(entry.get("valid_from"), OPEN_START),
                  date_key(entry.get("valid_to"), OPEN_END)]
        codes.setdefault(code, []).append(period)
        labels = [entry.get("name_zh")] + list(entry.get("aliases") or [])
        for label in labels:
            if label is not None:
                names.setdefault(str(label), []).append([code] + period)
    return {"codes": codes, "names": names}


def load_documents(pattern):
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            for doc in yaml.load_all(f, Loader=Loader):
                if doc:
                    yield path, doc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--catalog", default="catalog")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    code_lists = {}
    for _, doc in load_documents(os.path.join(args.catalog, "code_lists", "*.yaml")):
        code_list = doc["code_list"]
        code_lists[code_list["id"]] = convert_list(code_list)
    element_aliases = {}
    for _, doc in load_documents(os.path.join(args.catalog, "data_elements", "*.yaml")):
        element = doc["data_element"]
        if element.get("aliases"):
            element_aliases[element["id"]] = {
                str(k): str(v) for k, v in element["aliases"].items()}
    schemas = {}
    for _, doc in load_documents(os.path.join(args.catalog, "record_schemas", "*.yaml")):
        schema = doc["record_schema"]
        schemas[schema["id"]] = [
            {"name": f["name"], "aliases": [str(a) for a in f.get("aliases", [])],
             "required": bool(f.get("required", False))}
            for f in schema["fields"]]
    if not code_lists or not schemas:
        sys.exit(f"catalog_to_json: no code lists or schemas under {args.catalog}")
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"code_lists": code_lists, "element_aliases": element_aliases,
                   "schemas": schemas}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
