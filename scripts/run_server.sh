#!/usr/bin/env bash
# `make run`: shuyuan-server on 127.0.0.1:50051 with its store in
# ./shuyuan-data, seeded from catalog/, in the foreground until Ctrl-C.
set -euo pipefail
build="${1:-build}"
cd "$(dirname "$0")/.."
server="$build/server/shuyuan-server"
[ -x "$server" ] || { echo "error: $server not built; run 'make build' first" >&2; exit 1; }
listen="${SHUYUAN_LISTEN:-127.0.0.1:50051}"
cat <<MSG
Starting shuyuan-server on $listen (store ./shuyuan-data, seeded from catalog/).
From a second terminal, for example:
  $build/client/shuyuan search 身份
  $build/client/shuyuan validate --schema NATURAL_PERSON_BASIC --record '{"身份证号": "11010519491231002x", "xm": "张三"}'
Stop with Ctrl-C (in-flight calls finish, the store closes).
MSG
exec "$server" --listen "$listen" --data-dir ./shuyuan-data --seed catalog
