#!/usr/bin/env bash
# Prints where this start's stores come from, local or containers (Stores:Mode, README), decided as the AppHost
# decides it: --Stores:Mode=VALUE among the AppHost's arguments, else Stores__Mode from the environment, else auto:
# containers when a container engine answers (ASPIRE_CONTAINER_RUNTIME, docker by default), local processes otherwise.
#   scripts/stores-mode.sh [APPHOST ARGUMENTS...]
set -euo pipefail
mode=${Stores__Mode:-auto}
while [ $# -gt 0 ]; do
  case "$1" in
    --Stores:Mode=*) mode=${1#*=} ;;
    --Stores:Mode) shift; mode=${1:-} ;;
  esac
  shift
done
engine_answers() {
  local engine=${ASPIRE_CONTAINER_RUNTIME:-docker}
  command -v "$engine" >/dev/null || return 1
  if command -v timeout >/dev/null; then timeout 10 "$engine" info >/dev/null 2>&1; else "$engine" info >/dev/null 2>&1; fi
}
case "$(printf '%s' "$mode" | tr '[:upper:]' '[:lower:]')" in
  local) echo local ;;
  containers) echo containers ;;
  auto) if engine_answers; then echo containers; else echo local; fi ;;
  *) echo "Stores:Mode is '$mode'; it must be local, containers or auto" >&2; exit 2 ;;
esac
