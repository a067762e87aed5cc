#!/usr/bin/env bash
# Redis as a local process: redis.sh DATA_DIR PORT [PERSIST=yes|no]
# With PERSIST=yes holds, queues and sessions survive a restart (append-only file). With REDIS_PASSWORD set (Aspire's
# Redis resource in containers mode sets it), clients must give it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
data=$1 port=$2 persist=${3:-yes}
mkdir -p "$data"
if [ "$persist" = yes ]; then
  persistence=(--appendonly yes --appendfsync everysec --save "")
else
  persistence=(--appendonly no --save "")
fi
auth=()
[ -z "${REDIS_PASSWORD:-}" ] || auth=(--requirepass "$REDIS_PASSWORD")
exec redis-server --bind "$listen_address" --port "$port" --dir "$data" --protected-mode yes \
  --maxclients 10000 --loglevel warning "${persistence[@]}" "${auth[@]}"
