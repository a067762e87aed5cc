#!/usr/bin/env bash
# Runs the whole Ticketing system on this machine: PostgreSQL, Redis and RabbitMQ, the five services, the gateway and
# the Aspire dashboard. Ctrl+C stops all of it. The stores run as containers when a container engine answers, as local
# processes otherwise (Stores:Mode, README: ./run.sh --Stores:Mode=local to choose). Their data survives restarts: in
# .data/ (git-ignored) as processes, in the volumes ticketing-{postgres,redis,rabbitmq}-data as containers.
set -euo pipefail
cd "$(dirname "$0")"
stores=$(scripts/stores-mode.sh "$@")
scripts/setup.sh --stores "$stores"
scripts/build-web.sh
dotnet build AppHost/Ticketing.AppHost.csproj -c Release -nologo -clp:ErrorsOnly
cat <<MSG

  Ticketing is starting (about a minute on 2 cores), its stores as $stores:
    storefront API  http://localhost:8080/api/v1/events
    dashboard       http://localhost:18888
  Ctrl+C stops everything.

MSG
# Extra arguments go to the AppHost, e.g. ./run.sh --Telemetry:TraceSampleRatio=0.01 for benchmarks.
exec dotnet run --project AppHost/Ticketing.AppHost.csproj -c Release --no-build --launch-profile http -- --Stores:Mode="$stores" "$@"
