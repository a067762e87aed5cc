#!/usr/bin/env bash
# A Redis Cluster as local processes: redis-cluster.sh DATA_DIR FIRST_PORT [PERSIST=yes|no]
# Six nodes, three masters with a replica each, clients on FIRST_PORT..FIRST_PORT+5. Each node's cluster bus
# listens on the port six above its own (FIRST_PORT+6..+11): Redis's default of port + 10000 does not exist for
# ports above 55535, which the AppHost's 56379 is. The cluster is created on the first start only; later starts
# just start the nodes, which find each other again through their nodes.conf.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
data=$1 first=$2 persist=${3:-yes}
ports=$(seq "$first" $((first + 5)))
if [ "$persist" = yes ]; then
  persistence=(--appendonly yes --appendfsync everysec --save "")
else
  persistence=(--appendonly no --save "")
fi

pids=()
# Until the nodes are up and joined, a stop stops them too (later forward_and_wait takes over).
trap 'kill -TERM "${pids[@]}" 2>/dev/null; wait; exit 143' TERM INT HUP
for port in $ports; do
  # A start that died before the cluster was created leaves nodes that would refuse to join one: start those afresh.
  [ -e "$data/created" ] || rm -rf "${data:?}/$port"
  mkdir -p "$data/$port"
  # A 2 s node timeout: a replica takes over about 3 s after its master dies. Without full coverage required,
  # events on the other masters keep selling while one master's slots change hands.
  redis-server --bind 127.0.0.1 --port "$port" --dir "$data/$port" --protected-mode yes \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-port $((port + 6)) \
    --cluster-node-timeout 2000 --cluster-require-full-coverage no \
    --maxclients 10000 --loglevel warning "${persistence[@]}" &
  pids+=($!)
done

# answers PORT EXPECTED COMMAND...: waits until the node on PORT answers COMMAND with a line EXPECTED; fails if a node died.
answers() {
  until redis-cli -p "$1" "${@:3}" 2>/dev/null | grep -q "$2"; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a Redis node did not start" >&2; kill -TERM "${pids[@]}" 2>/dev/null; exit 1; }
    done
    sleep 0.1
  done
}
for port in $ports; do
  answers "$port" PONG ping
done
if [ ! -e "$data/created" ]; then
  redis-cli --cluster create $(printf '127.0.0.1:%s ' $ports) --cluster-replicas 1 --cluster-yes > "$data/create.log"
  touch "$data/created"
fi
answers "$first" '^cluster_state:ok' cluster info
# Ready once every master has its replica in sync, so a master lost from the start is taken over too.
for port in $ports; do
  answers "$port" '^connected_slaves:1\|^master_link_status:up' info replication
done
echo "Redis Cluster ready on 127.0.0.1:$first-$((first + 5))"

# Waits for every node; TERM/INT/HUP stops them all (redis-server saves and exits on TERM), a node already gone too.
stop_all() { kill -TERM "${pids[@]}" 2>/dev/null || true; }
for pid in "${pids[@]}"; do
  forward_and_wait "$pid" stop_all
done
