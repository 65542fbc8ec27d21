#!/usr/bin/env python3
"""Turns a code-list TSV into a shuyuan definition file (SPEC §2.4, §2.10).

The TSV is UTF-8 with a header row naming its columns: `code` and `name_zh`
are required; `valid_from`, `valid_to` (YYYY-MM-DD, empty = open), `name_en`,
`parent` and `aliases` (separated by ';') are optional. This is the form
`shuyuan codelist import` takes; until the registry serves that command, this
script lets a county-level GB/T 2260 list be used locally with `--defs`:

    python3 scripts/codelist_tsv_to_yaml.py --id GB_T_2260 \\
        --name-zh 中华人民共和国行政区划代码 --standard "GB/T 2260" \\
        -o mydefs/code_lists/GB_T_2260.yaml codes.tsv

With -o the file is written atomically: to a temporary file in the same
folder, renamed over FILE only once the whole list has been converted. A
failed or interrupted run leaves FILE as it was. (A shell redirect,
`> FILE`, would empty FILE before the script even starts.) Without -o the
definition goes to standard output.

Errors name the line and column and exit with status 2 (4 when FILE cannot
be written).
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
KNOWN = ("code", "name_zh", "name_en", "parent", "valid_from", "valid_to",
         "aliases")


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", help="the TSV file, or - for standard input")
    parser.add_argument("--id", required=True, help="code list id")
    parser.add_argument("--name-zh", required=True)
    parser.add_argument("--name-en", default="")
    parser.add_argument("--standard", default="")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write FILE atomically instead of standard output")
    args = parser.parse_args()
    if not re.match(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$", args.id):
        fail(f"--id '{args.id}' is not an identifier [A-Za-z][A-Za-z0-9_.-]*")

    try:
        source = (sys.stdin if args.tsv == "-"
                  else open(args.tsv, encoding="utf-8"))
    except OSError as error:
        fail(f"{args.tsv}: cannot read: {error.strerror}")
    reader = csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = next(reader)
    except StopIteration:
        fail(f"{args.tsv}: empty file; expected a header row")
    header = [h.strip().lstrip("\ufeff") for h in header]
    for name in header:
        if name not in KNOWN:
            fail(f"{args.tsv}:1: unknown column '{name}' (known: "
                 f"{', '.join(KNOWN)})")
    for name in ("code", "name_zh"):
        if name not in header:
            fail(f"{args.tsv}:1: the header has no '{name}' column")

    # Written only once the whole file has been read without error, so that a
    # redirected output never holds half a list.
    out = []
    out.append(f"code_list:\n  id: {quoted(args.id)}\n")
    out.append(f"  name_zh: {quoted(args.name_zh)}\n")
    if args.name_en:
        out.append(f"  name_en: {quoted(args.name_en)}\n")
    if args.standard:
        out.append(f"  standard: {quoted(args.standard)}\n")
    out.append("  entries:\n")
    count = 0
    for line_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            fail(f"{args.tsv}:{line_number}: {len(row)} columns, the header "
                 f"has {len(header)}")
        cells = dict(zip(header, (cell.strip() for cell in row)))
        if not cells.get("code"):
            fail(f"{args.tsv}:{line_number}: column 'code' is empty")
        for name in ("valid_from", "valid_to"):
            value = cells.get(name, "")
            if value and not is_date(value):
                fail(f"{args.tsv}:{line_number}: column '{name}' is "
                     f"'{value}', not a real date written YYYY-MM-DD")
        parts = [f"code: {quoted(cells['code'])}",
                 f"name_zh: {quoted(cells.get('name_zh', ''))}"]
        for name in ("name_en", "parent", "valid_from", "valid_to"):
            if cells.get(name):
                parts.append(f"{name}: {quoted(cells[name])}")
        aliases = [a.strip() for a in cells.get("aliases", "").split(";")
                   if a.strip()]
        if aliases:
            parts.append("aliases: [" + ", ".join(map(quoted, aliases)) + "]")
        out.append("    - {" + ", ".join(parts) + "}\n")
        count += 1
    if count == 0:
        fail(f"{args.tsv}: no entries after the header")
    if args.output:
        write_atomically(args.output, "".join(out))
    else:
        sys.stdout.write("".join(out))


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
