#!/usr/bin/env bash
# Adds an EF Core migration to a service: scripts/add-migration.sh SERVICE NAME
# e.g. scripts/add-migration.sh catalog AddEvents. No store needs to run: the design-time host
# only needs connection strings to parse.
set -euo pipefail
service=$1 name=$2
root=$(cd "$(dirname "$0")/.." && pwd)
Service="$(tr '[:lower:]' '[:upper:]' <<< "${service:0:1}")${service:1}"
project="$root/services/$service/Ticketing.$Service"
cd "$root"
dotnet tool restore >/dev/null
export "ConnectionStrings__${service}db=Host=127.0.0.1;Database=${service}db" \
  ConnectionStrings__redis=127.0.0.1:1 ConnectionStrings__rabbitmq=amqp://guest:guest@127.0.0.1:1/
dotnet ef migrations add "$name" --project "$project" --output-dir Data/Migrations
