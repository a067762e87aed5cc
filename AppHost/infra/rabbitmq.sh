#!/usr/bin/env bash
# RabbitMQ as a local process: [RABBITMQ_USER=... RABBITMQ_PASSWORD=...] rabbitmq.sh DATA_DIR AMQP_PORT [MANAGEMENT_PORT]
# Runs its own epmd on AMQP_PORT+1 and Erlang distribution on AMQP_PORT+2, so it never meets a
# system RabbitMQ or another test run; every port listens on loopback only (the Erlang distribution
# port accepts any node that knows the cookie: it must not face a network). The first start creates
# the user RABBITMQ_USER with RABBITMQ_PASSWORD (guest/guest when unset, which RabbitMQ lets in from
# loopback only). Debian's server runs as the 'rabbitmq' user, so every folder it writes is under
# DATA_DIR and owned by that user.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
data=$1 port=$2 management=${3:-}
user=rabbitmq
[ "$(id -u)" = 0 ] || user=$(id -un)

own_dir "$user" "$data"
node="ticketing-$port@localhost"
plugins="[]."
[ -n "$management" ] && plugins="[rabbitmq_management]."
as_user "$user" sh -c "printf '%s\n' '$plugins' > '$data/enabled_plugins'"
conf="$data/rabbitmq.conf"
{
  echo "listeners.tcp.default = $listen_address:$port"
  echo "default_user = ${RABBITMQ_USER:-guest}"
  echo "default_pass = ${RABBITMQ_PASSWORD:-guest}"
  [ -n "$management" ] && echo "management.tcp.port = $management" && echo "management.tcp.ip = $listen_address"
  # guest may sign in from loopback only; in a container on a bridge network every client comes through the engine's
  # published port, on the host's loopback.
  [ "$listen_address" = 127.0.0.1 ] || echo "loopback_users = none"
  echo "log.console = true"
  echo "log.console.level = warning"
  echo "log.file = false"
} > "$conf"
chmod 600 "$conf"
[ "$(id -u)" = 0 ] && chown "$user:" "$conf"

export HOME="$data" ERL_EPMD_PORT=$((port + 1)) RABBITMQ_DIST_PORT=$((port + 2)) ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_NODENAME="$node" RABBITMQ_CONFIG_FILE="$conf" RABBITMQ_ENABLED_PLUGINS_FILE="$data/enabled_plugins"
export RABBITMQ_MNESIA_BASE="$data/mnesia" RABBITMQ_LOG_BASE="$data/log" RABBITMQ_LOGS=- 
export RABBITMQ_PLUGINS_EXPAND_DIR="$data/plugins-expand" RABBITMQ_PID_FILE="$data/rabbit.pid"

start_as "$user" epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1
epmd_pid=$!
start_as "$user" /usr/lib/rabbitmq/bin/rabbitmq-server
pid=$!
# Erlang treats SIGTERM as a clean init:stop(); epmd goes once the node is down.
forward_and_wait "$pid" kill -TERM "$pid"
kill "$epmd_pid" 2>/dev/null || true
wait "$epmd_pid" 2>/dev/null || true
