#!/usr/bin/env bash
# Builds the store images of containers mode (Stores:Mode, README): PostgreSQL, Redis and RabbitMQ from Debian's
# packages, each started by the same launcher script as a local process (AppHost/infra/*.sh), so both modes run the
# same servers with the same settings. Images that are there already are rebuilt from the container engine's layer
# cache, in seconds. The Debian base comes from a registry when one answers (debian:bookworm-slim), otherwise it is
# made on this machine with debootstrap, so no registry is needed at all.
#   scripts/store-images.sh    builds ticketing/{postgres,redis,rabbitmq}:bookworm; ASPIRE_CONTAINER_RUNTIME=podman for Podman
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${ASPIRE_CONTAINER_RUNTIME:-docker}
base=ticketing/debian:bookworm
started=$(date +%s)
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

if ! "$engine" image inspect "$base" >/dev/null 2>&1; then
  if "$engine" pull -q docker.io/library/debian:bookworm-slim >/dev/null 2>&1; then
    "$engine" tag docker.io/library/debian:bookworm-slim "$base"
  else
    echo "store images: no registry answers; making the Debian base with debootstrap"
    command -v debootstrap >/dev/null || {
      $sudo apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q debootstrap >/dev/null
    }
    rootfs=$(mktemp -d /tmp/ticketing-rootfs.XXXXXX)
    trap '$sudo rm -rf "$rootfs"' EXIT
    $sudo debootstrap --variant=minbase bookworm "$rootfs/root" http://deb.debian.org/debian >"$rootfs/debootstrap.log" 2>&1 \
      || { tail -20 "$rootfs/debootstrap.log" >&2; exit 1; }
    $sudo tar -C "$rootfs/root" -c . | "$engine" import - "$base" >/dev/null
  fi
fi

# The host's network for the builds (apt-get inside): no bridge network is needed, or may exist, on the engine.
for store in postgres redis rabbitmq; do
  if ! out=$("$engine" build -q --network host -t "ticketing/$store:bookworm" -f "AppHost/infra/images/$store.Dockerfile" AppHost/infra 2>&1); then
    echo "$out" >&2
    exit 1
  fi
done
echo "store images: ticketing/{postgres,redis,rabbitmq}:bookworm ready in $(( $(date +%s) - started )) s"
