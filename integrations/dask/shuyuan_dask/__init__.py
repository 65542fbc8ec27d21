"""shuyuan_dask: `shuyuan normalize` as the map step of a Dask cluster.

The input is split into row-aligned byte ranges (`shuyuan split`), each
range is normalised by one task on the cluster's workers (`shuyuan normalize
--range`), the part reports are merged (`shuyuan report merge`) and the
parts' clean and rejects files are joined in range order. The result is
byte-identical to one `shuyuan normalize` run on the whole file, and the
final files appear only when every part succeeded.

    from distributed import Client
    from shuyuan_dask import Job, run

    job = Job(input="/data/legacy.csv", output_dir="/data/out",
              schema="LEGAL_PERSON_BASIC", defs="/srv/catalog")
    with Client("tcp://scheduler:8786") as client:
        result = run(client, job, parts=16)
    print(result.rows_in, result.clean)

Only Debian's python3-dask, python3-distributed and python3-fsspec are used.
"""

from shuyuan_dask.job import Job, JobResult, run

__all__ = ["Job", "JobResult", "run"]
