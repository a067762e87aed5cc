#!/usr/bin/env bash
# Renders every overlay of deploy/overlays and checks each object offline (validate.mjs). Installs its two npm
# packages into deploy/validate/node_modules (git-ignored) the first time, or when package-lock.json changed.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v kubectl >/dev/null; then
  echo "not ok - kubectl is missing: install kubectl 1.27 or newer (its built-in kustomize renders the overlays)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
node validate.mjs
