#!/usr/bin/env bash
# Runs every test suite against real PostgreSQL, Redis and RabbitMQ. They are started here, once,
# on free ports in a temporary folder (with the same scripts the AppHost uses), shared by all
# test assemblies, and stopped at the end. The end-to-end suite also boots the whole AppHost.
set -euo pipefail
cd "$(dirname "$0")"

# ./test.sh runs every suite against shared stores, then the fault suite (RESILIENCE.md), which boots the whole
# AppHost with its own stores and kills and restarts processes under a purchase rush. Inside the solution the
# fault project is not a test project (it must not run beside the others), so it is built and run on its own.
#   ./test.sh --faults      only the fault suite
#   ./test.sh --no-faults   everything but the fault suite (a quicker run while developing)
#   ./test.sh --containers  the platform, inventory and orders suites with their stores in containers (containers mode,
#                           README): each suite's test process starts its own PostgreSQL, Redis and RabbitMQ from the
#                           store images (scripts/store-images.sh) with Testcontainers and removes them when it ends;
#                           then the AppHost boots in containers mode for the purchase journey. Needs a container
#                           engine, not the database packages
# Every other run keeps its stores local processes, even on a machine with a container engine (TICKETING_TEST_STORES).
mode=${1:-all}
case "$mode" in
  all | --faults | --no-faults | --containers) ;;
  *) echo "usage: ./test.sh [--faults | --no-faults | --containers]" >&2; exit 2 ;;
esac

run_faults() {
  dotnet build tests/Ticketing.Faults.Tests -c Release -nologo -clp:ErrorsOnly
  dotnet test tests/Ticketing.Faults.Tests -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$1"
}

# run_in_containers: the --containers run. No TICKETING_TEST_*_PORT variables, so the fixture (TestInfrastructure.cs)
# starts stores of its own, here as containers (TICKETING_TEST_STORES=containers). Its containers carry this run's id
# (TICKETING_TEST_RUN, ContainerOwnership.cs), so the ones a killed suite could not remove go at this script's exit.
run_in_containers() {
  local engine=${ASPIRE_CONTAINER_RUNTIME:-docker} run="ticketing-test-$$" data status=0 suite
  data=$(mktemp -d /tmp/ticketing-containers.XXXXXX)
  # shellcheck disable=SC2064 # the values are this run's, fixed now
  trap "remove_run_containers '$engine' '$run'; rm -rf '$data'" EXIT
  scripts/store-images.sh
  scripts/build-web.sh
  for suite in Platform Inventory Orders EndToEnd; do
    dotnet build "tests/Ticketing.$suite.Tests" -c Release -nologo -clp:ErrorsOnly
  done
  for suite in Platform Inventory Orders; do
    env -u TICKETING_TEST_POSTGRES_PORT -u TICKETING_TEST_REDIS_PORT -u TICKETING_TEST_RABBITMQ_PORT \
      -u TICKETING_TEST_RABBITMQ_MANAGEMENT_PORT -u TICKETING_TEST_REDIS_CLUSTER_PORT -u TICKETING_TEST_REDIS_CLUSTER \
      TICKETING_TEST_STORES=containers TICKETING_TEST_RUN="$run" TICKETING_TEST_STORES_LOG="$data/stores-$suite.log" \
      dotnet test "tests/Ticketing.$suite.Tests" -c Release --no-build --nologo 2>&1 | tee -a "$data/test.log" || status=$?
    echo "$suite suite: $(cat "$data/stores-$suite.log" 2>/dev/null || echo "no store containers started")"
  done
  # The whole system booted by the AppHost in containers mode (Aspire's container resources on the same images),
  # checked to be so (ContainersModeTests) and used for a purchase, its tickets and a cancellation.
  TICKETING_TEST_STORES=containers dotnet test tests/Ticketing.EndToEnd.Tests -c Release --no-build --nologo \
    --filter "FullyQualifiedName~ContainersModeTests|FullyQualifiedName~PurchaseJourneyTests" 2>&1 | tee -a "$data/test.log" || status=$?
  awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } n++ }
       END { printf "%s!  - Failed: %d, Passed: %d (platform, inventory and orders suites and the AppHost in containers)\n", (f > 0 || n < 4) ? "Failed" : "Passed", f, p
             printf "%d passed, %d failed\n", p, f }' "$data/test.log"
  awk '/^[ \t]+Failed [A-Za-z]/ { if (!shown++) print "failed tests:"; left = 3; print; next }
       left > 0 && !/Error Message:/ { print substr($0, 1, 300); left-- }' "$data/test.log"
  return $status
}

# remove_run_containers ENGINE RUN: removes the store containers of test run RUN, with their volumes.
remove_run_containers() {
  local ids
  ids=$("$1" ps -aq --filter "label=ticketing.test-run=$2" 2>/dev/null) || return 0
  # A container whose test process is removing it already is refused ("removal in progress"): it goes anyway.
  [ -z "$ids" ] || "$1" rm -f -v $ids >/dev/null 2>&1 || true
}

# Without Debian's packages (macOS, Windows, another Linux) but with a container engine, the whole run is the
# containers run: the rest needs the stores as local processes (the fault suite kills them) and Debian's Chromium.
if [ "$mode" = all ] && ! command -v apt-get >/dev/null && [ "$(scripts/stores-mode.sh --Stores:Mode=auto)" = containers ]; then
  echo "test.sh: no apt-get here but a container engine: running ./test.sh --containers"
  mode=--containers
fi
if [ "$mode" = --containers ]; then
  run_in_containers
  exit
fi
export TICKETING_TEST_STORES=local

if [ "$mode" = --faults ]; then
  scripts/setup.sh
  scripts/build-web.sh
  log=$(mktemp /tmp/ticketing-faults-log.XXXXXX)
  status=0
  run_faults "$log" || status=$?
  rm -f "$log"
  exit $status
fi
scripts/setup.sh --browser
scripts/build-web.sh
dotnet build Ticketing.sln -c Release -nologo -clp:ErrorsOnly

data=$(mktemp -d /tmp/ticketing-tests.XXXXXX)
chmod 755 "$data"
pids=()
stop_servers() {
  [ ${#pids[@]} -eq 0 ] || kill -TERM "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  pids=()
}
trap 'stop_servers; rm -rf "$data"' EXIT

# free_port [SPAN]: the first of SPAN consecutive free loopback ports, from 10000-19999: below the kernel's
# ephemeral range (outgoing connections' source ports) and apart from the ports the test code takes (FreePorts.cs).
free_port() {
  local span=${1:-1} port taken
  while true; do
    port=$(shuf -i 10000-19999 -n 1)
    taken=$(ss -Htln | awk '{print $4}' | sed 's/.*://' | sort -u)
    local ok=yes
    for p in $(seq "$port" $((port + span - 1))); do
      grep -qx "$p" <<< "$taken" && ok=no
    done
    [ $ok = yes ] && { echo "$port"; return; }
  done
}

export TICKETING_TEST_POSTGRES_PORT=$(free_port)
export TICKETING_TEST_REDIS_PORT=$(free_port)
export TICKETING_TEST_RABBITMQ_PORT=$(free_port 3)
export TICKETING_TEST_RABBITMQ_MANAGEMENT_PORT=$(free_port)
infra=AppHost/infra
POSTGRES_PASSWORD=ticketing-test $infra/postgres.sh "$data/postgres" "$TICKETING_TEST_POSTGRES_PORT" > "$data/postgres.log" 2>&1 &
pids+=($!)
$infra/redis.sh "$data/redis" "$TICKETING_TEST_REDIS_PORT" no > "$data/redis.log" 2>&1 &
pids+=($!)
$infra/rabbitmq.sh "$data/rabbitmq" "$TICKETING_TEST_RABBITMQ_PORT" "$TICKETING_TEST_RABBITMQ_MANAGEMENT_PORT" > "$data/rabbitmq.log" 2>&1 &
pids+=($!)

# The test fixture waits until each server really answers before the first test.
status=0
dotnet test Ticketing.sln -c Release --no-build --nologo 2>&1 | tee "$data/test.log" || status=$?
# The storefront's own logic (web/test, Node's test runner), summed up in the same form.
(cd web && npm run --silent test) > "$data/web-test.log" 2>&1 || status=1
grep -E "^not ok|^# (pass|fail)" "$data/web-test.log" || cat "$data/web-test.log"
awk '/^# pass/ { p = $3 } /^# fail/ { f = $3 } END { printf "%s!  - Failed: %d, Passed: %d (storefront unit tests)\n", (f > 0 || p == 0) ? "Failed" : "Passed", f, p }' \
  "$data/web-test.log" >> "$data/test.log"
# The Kubernetes manifests (deploy/): every overlay rendered by kubectl kustomize, each object checked offline
# against the Kubernetes API schemas (deploy/validate, its npm packages installed there on first use).
deploy/validate/run.sh > "$data/deploy-test.log" 2>&1 || status=1
grep -E "^not ok" "$data/deploy-test.log" || true
awk '/^ok - overlay/ { p++ } /^not ok - overlay/ { f++ } END { printf "%s!  - Failed: %d, Passed: %d (Kubernetes manifests)\n", (f > 0 || p == 0) ? "Failed" : "Passed", f, p }' \
  "$data/deploy-test.log" >> "$data/test.log"
# The inventory and queue suites again, on a Redis Cluster (infra/redis-cluster.sh: six nodes, an event's keys on one of
# three masters) instead of one server, with their cluster-only tests (RedisClusterTests, a master killed mid-rush),
# which the run above skips. A script touching a key it does not declare fails here, not in production.
cluster_port=$(free_port 12)
$infra/redis-cluster.sh "$data/redis-cluster" "$cluster_port" no > "$data/redis-cluster.log" 2>&1 &
pids+=($!)
for suite in Inventory Queue; do
  TICKETING_TEST_REDIS_CLUSTER_PORT=$cluster_port dotnet test "tests/Ticketing.$suite.Tests" -c Release --no-build --nologo 2>&1 \
    | tee -a "$data/cluster-test.log" || status=$?
done
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } n++ }
     END { printf "%s!  - Failed: %d, Passed: %d (inventory and queue on a Redis Cluster)\n", (f > 0 || n < 2) ? "Failed" : "Passed", f, p }' \
  "$data/cluster-test.log" >> "$data/test.log"
# The shared stores are not needed any more: the fault suite starts its own.
stop_servers
if [ "$mode" = all ]; then
  run_faults "$data/faults.log" || status=$?
  # vstest's summary of the fault run, in the same form as the solution's.
  awk '/^[ \t]+Passed: [0-9]/ { p = $2 } /^[ \t]+Failed: [0-9]/ { f = $2 } END { printf "Passed!  - Failed: %d, Passed: %d (fault suite)\n", f, p }' "$data/faults.log" >> "$data/test.log"
fi
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "$data/test.log"
# The failed tests (name and the start of the message) last, where a CI log that keeps only its tail shows them.
grep -h "^not ok" "$data/web-test.log" 2>/dev/null | sed 's/^/  Failed storefront: /' || true
cat "$data/test.log" "$data/cluster-test.log" "$data/faults.log" 2>/dev/null | awk '
  /^[ \t]+Failed [A-Za-z]/ { if (!shown++) print "failed tests:"; left = 3; print; next }
  left > 0 && !/Error Message:/ { print substr($0, 1, 300); left-- }' || true
exit $status
