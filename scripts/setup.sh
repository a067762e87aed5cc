#!/usr/bin/env bash
# Installs what Ticketing needs on a machine that has the .NET SDK and Node, and only what is missing, so it is cheap to
# run before every start, and the .NET tools of dotnet-tools.json. The stores (Stores:Mode, README):
#   local       PostgreSQL, Redis and RabbitMQ server packages from Debian (the project runs its own server processes;
#               Debian's system services are not started)
#   containers  no database packages: the store images, built here (scripts/store-images.sh)
#   scripts/setup.sh [--stores local|containers] [--browser]   local by default; --browser also installs Chromium for
#                                                              the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

stores=local browser=""
while [ $# -gt 0 ]; do
  case "$1" in
    --stores) shift; stores=${1:?--stores needs local or containers} ;;
    --browser) browser=yes ;;
    *) echo "usage: scripts/setup.sh [--stores local|containers] [--browser]" >&2; exit 2 ;;
  esac
  shift
done

need=()
if [ "$stores" = local ]; then
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
  command -v setpriv >/dev/null || need+=(util-linux)
fi
if [ -n "$browser" ]; then
  command -v chromium >/dev/null || need+=(chromium)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  # Keep apt from starting system-wide servers on their default ports: ours run on their own.
  policy=/usr/sbin/policy-rc.d
  created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    created=yes
  fi
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}" >/dev/null
  [ -z "$created" ] || $sudo rm -f "$policy"
fi

dotnet tool restore >/dev/null
[ "$stores" = local ] || { scripts/store-images.sh; exit 0; }

# The stores run as their own users (postgres, rabbitmq) with their data in this clone's .data/, so those users must
# be able to enter every folder above it. A clone inside a private folder (mktemp -d makes one with mode 0700) is
# opened for entering only (o+x: no listing, no reading), folder by folder, where this user owns the folder.
dir=$(pwd -P)
while [ "$dir" != / ]; do
  case "$(stat -c %A "$dir" | cut -c10)" in
    x | t) ;;
    *)
      if [ -O "$dir" ]; then
        echo "setup: letting the database users enter $dir (chmod o+x)"
        chmod o+x "$dir"
      fi ;;
  esac
  dir=$(dirname "$dir")
done
