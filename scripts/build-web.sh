#!/usr/bin/env bash
# Builds the storefront (web/) into web/dist, which the gateway serves at /. Cheap when nothing
# changed: npm packages are installed only when node_modules is missing or older than the lock
# file, and the build runs only when a source file differs from the last build's fingerprint.
set -euo pipefail
cd "$(dirname "$0")/../web"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "build-web: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

fingerprint=$( { find src public -type f 2>/dev/null; ls index.html package.json package-lock.json tsconfig.json vite.config.ts scripts/*.mjs; } \
  | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
if [ -f dist/index.html ] && [ "$(cat dist/.fingerprint 2>/dev/null)" = "$fingerprint" ]; then
  exit 0
fi

echo "build-web: building web/dist"
npm run --silent build
node scripts/compress.mjs dist
echo "$fingerprint" > dist/.fingerprint
