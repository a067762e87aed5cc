#!/usr/bin/env bash
# PostgreSQL as a local process: POSTGRES_PASSWORD=... postgres.sh DATA_DIR PORT
# First start creates the cluster (superuser 'postgres' with PASSWORD, scram on TCP, loopback only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
data=$1 port=$2 password=${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

own_dir postgres "$data"
if [ ! -s "$data/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$password" > "$pwfile"
  chmod 644 "$pwfile"
  as_user postgres "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # In a container on a bridge network clients come from the engine's gateway address, not loopback.
  [ "$listen_address" = 127.0.0.1 ] || echo "host all all all scram-sha-256" | as_user postgres tee -a "$data/pg_hba.conf" >/dev/null
fi

# Sized for a 2-core development machine with several services and an on-sale rush. pg_stat_statements is
# loaded for profiling (BENCHMARKS.md): CREATE EXTENSION pg_stat_statements; in the database that reads it.
start_as postgres "$bin/postgres" -D "$data" -p "$port" -h "$listen_address" -c unix_socket_directories= \
  -c max_connections=300 -c shared_buffers=256MB -c synchronous_commit=on -c fsync=on \
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all \
  -c log_min_messages=warning -c log_line_prefix=''
pid=$!
# SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions and stop now.
forward_and_wait "$pid" kill -INT "$pid"
