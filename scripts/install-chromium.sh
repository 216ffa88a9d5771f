#!/usr/bin/env bash
# Install Debian's Chromium (never a browser download) for the browser tests, if missing.
# Prints the path of the chromium binary on stdout; everything else goes to stderr.
set -euo pipefail
log() { echo "install-chromium: $*" >&2; }
bin=$(command -v chromium || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" != 0 ]; then log "chromium is not installed and we are not root"; exit 1; fi
  log "installing chromium from Debian"
  export DEBIAN_FRONTEND=noninteractive
  log_file=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq chromium; } >"$log_file" 2>&1; then
    cat "$log_file" >&2; log "apt-get failed"; exit 1
  fi
  bin=$(command -v chromium)
fi
echo "$bin"
