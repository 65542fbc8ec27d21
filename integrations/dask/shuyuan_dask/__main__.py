"""python3 -m shuyuan_dask: run `shuyuan normalize` on a Dask cluster.

    python3 -m shuyuan_dask --scheduler tcp://10.0.0.5:8786 \
        --defs /srv/catalog --schema LEGAL_PERSON_BASIC \
        --in s3://bucket/legacy.csv --out-dir /shared/out [--parts 64]
    python3 -m shuyuan_dask --local 2 ...     # a LocalCluster of 2 workers

Prints a JSON summary; exit 0 on success, 1 on failure (nothing written).
"""

import argparse
import dataclasses
import json
import sys

from shuyuan_dask.job import Job, run


def _parse(argv):
    p = argparse.ArgumentParser(prog="python3 -m shuyuan_dask",
                                description=__doc__.split("\n")[0])
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a Dask scheduler")
    where.add_argument("--local", type=int, metavar="N",
                       help="start a LocalCluster of N worker processes")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--defs", help="definitions folder or bundle, "
                        "readable by the workers")
    source.add_argument("--bundle", help="bundle file, sent to the workers")
    p.add_argument("--schema", required=True)
    p.add_argument("--in", dest="input", required=True,
                   help="input path or fsspec URL the workers can read")
    p.add_argument("--out-dir", required=True,
                   help="output folder shared by driver and workers")
    p.add_argument("--parts", type=int, default=0,
                   help="ranges (default: 4 per worker thread)")
    p.add_argument("--retries", type=int, default=2)
    p.add_argument("--shuyuan", default="shuyuan",
                   help="the shuyuan binary on the workers")
    p.add_argument("--format")
    p.add_argument("--encoding", default="auto")
    p.add_argument("--max-row-bytes", type=int, default=16 << 20)
    p.add_argument("--as-of")
    p.add_argument("--mapping")
    p.add_argument("--threads-per-part", type=int, default=1)
    p.add_argument("--report-html", action="store_true")
    p.add_argument("--copy-ranges", action="store_true",
                   help="copy each range to the worker even for a local path")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = _parse(argv)
    from distributed import Client, LocalCluster
    job = Job(input=args.input, output_dir=args.out_dir, schema=args.schema,
              defs=args.defs, bundle=args.bundle, shuyuan=args.shuyuan,
              format=args.format, encoding=args.encoding,
              max_row_bytes=args.max_row_bytes, as_of=args.as_of,
              mapping=args.mapping, threads_per_part=args.threads_per_part,
              report_html=args.report_html, copy_ranges=args.copy_ranges)
    try:
        if args.local:
            with LocalCluster(n_workers=args.local, threads_per_worker=1,
                              processes=True, dashboard_address=":0") as cluster, \
                    Client(cluster) as client:
                result = run(client, job, args.parts, args.retries)
        else:
            with Client(args.scheduler) as client:
                result = run(client, job, args.parts, args.retries)
    except Exception as error:  # reported, not a traceback
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps(dataclasses.asdict(result), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
