#!/usr/bin/env bash
# Fails when the layering of STYLE.md is broken: the codec library depends on
# gRPC or RocksDB (its sources include their headers, or its link interface or
# any binary built only from it pulls them in); the registry names RocksDB
# outside its store (registry/internal/store.cc) or gRPC at all; a public
# header of the codec, registry or datagen includes an internal one; the data
# generator (datagen/) includes or links the codec, whose answers its truth
# checks.
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
# The link lines themselves (Ninja writes no link.txt: ask it).
if [ -f "$build"/build.ninja ]; then
  for test_bin in "$build"/codec/*_test; do
    [ -x "$test_bin" ] || continue
    if ninja -C "$build" -t commands "codec/$(basename "$test_bin")" | tail -n 1 |
        grep -oE 'lib(grpc|rocksdb)[^ ]*|-l(grpc|rocksdb)[^ ]*'; then
      echo "error: the link line of $test_bin names gRPC or RocksDB" >&2
      status=1
    fi
  done
fi
if grep -rnE '#include [<"]rocksdb/' registry/ | grep -v '^registry/internal/store.cc:'; then
  echo "error: only registry/internal/store.cc may include RocksDB headers" >&2
  status=1
fi
if grep -rnE '#include [<"](grpc|grpcpp)/' registry/; then
  echo "error: registry/ includes gRPC headers" >&2
  status=1
fi
# The generator's truth checks the codec, so it must not lean on it.
if grep -rnE '#include [<"](codec|registry|client|server|proto|shuyuan)/' datagen/ |
    grep -v '_test.cc:'; then
  echo "error: datagen/ includes a header of the codec or another target" >&2
  status=1
fi
if [ -f "$build"/build.ninja ] &&
    ninja -C "$build" -t commands datagen/shuyuan-datagen | tail -n 1 |
    grep -oE 'lib(shuyuan_(codec|registry|client|server|proto)|grpc|rocksdb)[^ ]*'; then
  echo "error: shuyuan-datagen links a shuyuan library other than datagen" >&2
  status=1
fi
for header in codec/*.h registry/*.h datagen/*.h; do
  if grep -nE '#include "(codec|registry|datagen)/internal/' "$header"; then
    echo "error: public header $header includes an internal one" >&2
    status=1
  fi
done
[ $status = 0 ] && echo "layering ok: codec links neither gRPC nor RocksDB; RocksDB only in registry/internal/store.cc; datagen independent of the codec"
exit $status
