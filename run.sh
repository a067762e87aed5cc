#!/usr/bin/env bash
# Runs the whole Ticketing system on this machine: PostgreSQL, Redis and RabbitMQ as local
# processes, the five services, the gateway and the Aspire dashboard. Ctrl+C stops all of it.
# Data lives in .data/ (git-ignored) and survives restarts; delete the folder for a fresh start.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
scripts/build-web.sh
dotnet build AppHost/Ticketing.AppHost.csproj -c Release -nologo -clp:ErrorsOnly
cat <<MSG

  Ticketing is starting (about a minute on 2 cores):
    storefront API  http://localhost:8080/api/v1/events
    dashboard       http://localhost:18888
  Ctrl+C stops everything.

MSG
# Extra arguments go to the AppHost, e.g. ./run.sh --Telemetry:TraceSampleRatio=0.01 for benchmarks.
exec dotnet run --project AppHost/Ticketing.AppHost.csproj -c Release --no-build --launch-profile http -- "$@"
