#!/usr/bin/env bash
# Fails when the codec library depends on gRPC or RocksDB (STYLE.md layering):
# neither its sources include their headers, nor does its link interface or
# any binary built only from it (the codec tests) pull them in.
set -euo pipefail
build="${1:-build}"
cd "$(dirname "$0")/.."
status=0
if grep -rnE '#include [<"](grpc|grpcpp|rocksdb)/' codec/; then
  echo "error: codec/ includes gRPC or RocksDB headers (see above)" >&2
  status=1
fi
for test_bin in "$build"/codec/*_test; do
  [ -x "$test_bin" ] || continue
  if ldd "$test_bin" | grep -E 'libgrpc|librocksdb'; then
    echo "error: $test_bin (codec only) links gRPC or RocksDB" >&2
    status=1
  fi
done
if grep -E 'grpc|rocksdb' "$build"/codec/CMakeFiles/*_test.dir/link.txt 2>/dev/null; then
  echo "error: a codec test's link line names gRPC or RocksDB" >&2
  status=1
fi
[ $status = 0 ] && echo "layering ok: codec links neither gRPC nor RocksDB"
exit $status
