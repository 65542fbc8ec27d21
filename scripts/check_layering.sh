#!/usr/bin/env bash
# Fails when the layering of STYLE.md is broken: the codec library depends on
# gRPC or RocksDB (its sources include their headers, or its link interface or
# any binary built only from it pulls them in); the registry names RocksDB
# outside its store (registry/internal/store.cc) or gRPC at all; a public
# header of the registry includes an internal one.
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
if grep -rnE '#include [<"]rocksdb/' registry/ | grep -v '^registry/internal/store.cc:'; then
  echo "error: only registry/internal/store.cc may include RocksDB headers" >&2
  status=1
fi
if grep -rnE '#include [<"](grpc|grpcpp)/' registry/; then
  echo "error: registry/ includes gRPC headers" >&2
  status=1
fi
for header in codec/*.h registry/*.h; do
  if grep -nE '#include "(codec|registry)/internal/' "$header"; then
    echo "error: public header $header includes an internal one" >&2
    status=1
  fi
done
[ $status = 0 ] && echo "layering ok: codec links neither gRPC nor RocksDB; RocksDB only in registry/internal/store.cc"
exit $status
