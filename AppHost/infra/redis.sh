#!/usr/bin/env bash
# Redis as a local process: redis.sh DATA_DIR PORT [PERSIST=yes|no]
# With PERSIST=yes holds, queues and sessions survive a restart (append-only file).
set -euo pipefail
data=$1 port=$2 persist=${3:-yes}
mkdir -p "$data"
if [ "$persist" = yes ]; then
  persistence=(--appendonly yes --appendfsync everysec --save "")
else
  persistence=(--appendonly no --save "")
fi
exec redis-server --bind 127.0.0.1 --port "$port" --dir "$data" --protected-mode yes \
  --maxclients 10000 --loglevel warning "${persistence[@]}"
