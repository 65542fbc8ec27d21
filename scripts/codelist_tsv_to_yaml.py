#!/usr/bin/env python3
"""Turns a code-list TSV into a shuyuan definition file (SPEC §2.4, §2.10).

The TSV is UTF-8 with a header row naming its columns: `code` and `name_zh`
are required; `valid_from`, `valid_to` (YYYY-MM-DD, empty = open), `name_en`,
`parent` and `aliases` (separated by ';') are optional. This is the form
`shuyuan codelist import` sends to the server; this script turns such a list
into a definition file, to use locally with `--defs` or to check in:

    python3 scripts/codelist_tsv_to_yaml.py --id GB_T_2260 \\
        --name-zh 中华人民共和国行政区划代码 --standard "GB/T 2260" \\
        -o mydefs/code_lists/GB_T_2260.yaml codes.tsv

Year spans. A history published as one table per year (the state on
31 December, as the Ministry of Civil Affairs publishes GB/T 2260) comes as
`code, name, first_year, last_year` (`name` stands for `name_zh`). Each row
then becomes valid_from = first_year-01-01 and valid_to = last_year-12-31,
except that a row still listed in the newest table (`--open-year`, by default
the largest last_year of the file) stays open-ended, and, with
`--oldest-from DATE`, a row listed since the oldest table of the file (the
smallest first_year) is valid from DATE: the day the coding began, when the
history starts later than the codes do.

Overlay (`--overlay FILE`): a TSV with the columns `code`, `name_zh` and any
of `name_en`, `aliases`, `valid_from`, `valid_to`, `parent`, whose values are
set on the entry with that code and name (which must exist, exactly once):
curated attributes, such as English names or exact dates, kept apart from the
rows of the source.

With -o the file is written atomically: to a temporary file in the same
folder, renamed over FILE only once the whole list has been converted. A
failed or interrupted run leaves FILE as it was. (A shell redirect,
`> FILE`, would empty FILE before the script even starts.) Without -o the
definition goes to standard output, once every input has been read.

Errors name the file, line and column and exit with status 2 (4 when FILE
cannot be written).
"""
import argparse
import csv
import datetime
import json
import os
import re
import sys
import tempfile

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR = re.compile(r"^\d{4}$")
KNOWN = ("code", "name_zh", "name_en", "parent", "valid_from", "valid_to",
         "aliases", "name", "first_year", "last_year")
OVERLAY_KNOWN = ("code", "name_zh", "name_en", "parent", "valid_from",
                 "valid_to", "aliases")
# Attributes in the order they are written.
ATTRIBUTES = ("name_en", "parent", "valid_from", "valid_to")


def is_date(text):
    """True for a real date written YYYY-MM-DD."""
    if not DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def quoted(text):
    # JSON strings are valid YAML scalars, and keep codes such as 01 strings.
    return json.dumps(text, ensure_ascii=False)


def read_tsv(path, known):
    """(header, [(line_number, {column: value})]) of a TSV with a header."""
    source = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with source:
        reader = csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            header = next(reader)
        except StopIteration:
            fail(f"{path}: empty file; expected a header row")
        header = [h.strip().lstrip("\ufeff") for h in header]
        for name in header:
            if name not in known:
                fail(f"{path}:1: unknown column '{name}' (known: "
                     f"{', '.join(known)})")
        if len(set(header)) != len(header):
            fail(f"{path}:1: a column is named twice")
        rows = []
        for line_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                fail(f"{path}:{line_number}: {len(row)} columns, the header "
                     f"has {len(header)}")
            rows.append((line_number,
                         dict(zip(header, (cell.strip() for cell in row)))))
    return header, rows


def check_dates(path, line_number, cells):
    for name in ("valid_from", "valid_to"):
        value = cells.get(name, "")
        if value and not is_date(value):
            fail(f"{path}:{line_number}: column '{name}' is '{value}', not a "
                 f"real date written YYYY-MM-DD")


def year_spans_to_dates(path, header, rows, open_year, oldest_from):
    """Rewrites first_year/last_year rows into valid_from/valid_to."""
    for name in ("valid_from", "valid_to", "name_zh"):
        if name in header:
            fail(f"{path}:1: column '{name}' cannot be combined with "
                 f"first_year/last_year (write 'name' for the name)")
    for name in ("name", "first_year", "last_year"):
        if name not in header:
            fail(f"{path}:1: a year-span file needs the columns code, name, "
                 f"first_year and last_year; '{name}' is missing")
    for line_number, cells in rows:
        for name in ("first_year", "last_year"):
            if not YEAR.match(cells.get(name, "")):
                fail(f"{path}:{line_number}: column '{name}' is "
                     f"'{cells.get(name, '')}', not a year YYYY")
    if open_year is None:
        open_year = max(int(cells["last_year"]) for _, cells in rows)
    oldest_year = min(int(cells["first_year"]) for _, cells in rows)
    if oldest_from and oldest_from > f"{oldest_year:04d}-01-01":
        fail(f"--oldest-from {oldest_from} is after the oldest year "
             f"{oldest_year} of {path}")
    for line_number, cells in rows:
        first, last = int(cells.pop("first_year")), int(cells.pop("last_year"))
        if first > last:
            fail(f"{path}:{line_number}: first_year {first} is after "
                 f"last_year {last}")
        if last > open_year:
            fail(f"{path}:{line_number}: last_year {last} is after the "
                 f"newest year {open_year}")
        cells["name_zh"] = cells.pop("name")
        cells["valid_from"] = (oldest_from if first == oldest_year and
                               oldest_from else f"{first:04d}-01-01")
        cells["valid_to"] = "" if last == open_year else f"{last:04d}-12-31"


def apply_overlay(path, entries):
    header, rows = read_tsv(path, OVERLAY_KNOWN)
    for name in ("code", "name_zh"):
        if name not in header:
            fail(f"{path}:1: the overlay has no '{name}' column")
    index = {}
    for cells in entries:
        index.setdefault((cells["code"], cells["name_zh"]), []).append(cells)
    for line_number, cells in rows:
        check_dates(path, line_number, cells)
        key = (cells["code"], cells["name_zh"])
        targets = index.get(key, [])
        if len(targets) != 1:
            fail(f"{path}:{line_number}: {len(targets)} entries have code "
                 f"'{key[0]}' and name '{key[1]}'; an overlay row must match "
                 f"exactly one")
        for name, value in cells.items():
            if name not in ("code", "name_zh") and value:
                targets[0][name] = value


def render(args, entries):
    out = []
    out.append("# Generated by scripts/codelist_tsv_to_yaml.py: do not edit "
               "by hand.\n")
    for line in args.comment:
        out.append(f"# {line}\n" if line else "#\n")
    out.append(f"code_list:\n  id: {quoted(args.id)}\n")
    out.append(f"  name_zh: {quoted(args.name_zh)}\n")
    if args.name_en:
        out.append(f"  name_en: {quoted(args.name_en)}\n")
    if args.standard:
        out.append(f"  standard: {quoted(args.standard)}\n")
    if args.remarks:
        out.append(f"  remarks: {quoted(args.remarks)}\n")
    out.append("  entries:\n")
    for cells in entries:
        parts = [f"code: {quoted(cells['code'])}",
                 f"name_zh: {quoted(cells.get('name_zh', ''))}"]
        for name in ATTRIBUTES:
            if cells.get(name):
                parts.append(f"{name}: {quoted(cells[name])}")
        aliases = [a.strip() for a in cells.get("aliases", "").split(";")
                   if a.strip()]
        if aliases:
            parts.append("aliases: [" + ", ".join(map(quoted, aliases)) + "]")
        out.append("    - {" + ", ".join(parts) + "}\n")
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", help="the TSV file, or - for standard input")
    parser.add_argument("--id", required=True, help="code list id")
    parser.add_argument("--name-zh", required=True)
    parser.add_argument("--name-en", default="")
    parser.add_argument("--standard", default="")
    parser.add_argument("--remarks", default="")
    parser.add_argument("--comment", action="append", default=[],
                        help="a comment line for the top of the file "
                             "(repeatable)")
    parser.add_argument("--overlay", help="a TSV of curated attributes")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write FILE atomically instead of standard output")
    parser.add_argument("--open-year", type=int,
                        help="year spans: rows whose last_year is this year "
                             "stay open (default: the newest last_year)")
    parser.add_argument("--oldest-from",
                        help="year spans: the valid_from (YYYY-MM-DD) of rows "
                             "listed since the oldest year of the file")
    args = parser.parse_args()
    if args.oldest_from is not None and not is_date(args.oldest_from):
        fail(f"--oldest-from '{args.oldest_from}' is not a real date written "
             f"YYYY-MM-DD")
    if not re.match(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$", args.id):
        fail(f"--id '{args.id}' is not an identifier [A-Za-z][A-Za-z0-9_.-]*")

    header, rows = read_tsv(args.tsv, KNOWN)
    if not rows:
        fail(f"{args.tsv}: no entries after the header")
    if "first_year" in header or "last_year" in header:
        year_spans_to_dates(args.tsv, header, rows, args.open_year,
                            args.oldest_from)
    else:
        if args.open_year is not None or args.oldest_from is not None:
            fail("--open-year and --oldest-from apply only to "
                 "first_year/last_year files")
        if "name" in header:
            fail(f"{args.tsv}:1: column 'name' is only for year-span files; "
                 f"write 'name_zh'")
        for name in ("code", "name_zh"):
            if name not in header:
                fail(f"{args.tsv}:1: the header has no '{name}' column")
    for line_number, cells in rows:
        if not cells.get("code"):
            fail(f"{args.tsv}:{line_number}: column 'code' is empty")
        check_dates(args.tsv, line_number, cells)
    entries = [cells for _, cells in rows]
    if args.overlay:
        apply_overlay(args.overlay, entries)
    # Written only once every input has been read without error, so that a
    # redirected output never holds half a list.
    if args.output:
        write_atomically(args.output, render(args, entries))
    else:
        sys.stdout.write(render(args, entries))


def write_atomically(path, text):
    """Writes `text` to a temporary file next to `path`, then renames it."""
    folder = os.path.dirname(path) or "."
    try:
        fd, temp = tempfile.mkstemp(
            dir=folder, prefix="." + os.path.basename(path) + ".tmp-")
    except OSError as error:
        print(f"error: {path}: cannot write: {error.strerror}", file=sys.stderr)
        sys.exit(4)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~current_umask())
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


if __name__ == "__main__":
    main()
