#!/usr/bin/env bash
# Install (Debian package) and start a local PostgreSQL server on loopback for the store tests.
# Prints the SQLAlchemy URL of a fresh test database on stdout; everything else goes to stderr.
# Used by .ci/run (CI runs as root on a clean machine); safe to run again.
set -euo pipefail
log() { echo "start-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then log "PostgreSQL is not installed and we are not root"; exit 1; fi
  log "installing postgresql from Debian"
  export DEBIAN_FRONTEND=noninteractive
  log_file=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq postgresql; } >"$log_file" 2>&1; then
    cat "$log_file" >&2; log "apt-get failed"; exit 1
  fi
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $version/main on port $port"
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  if su postgres -c "psql -p $port -h 127.0.0.1 -qAtc 'select 1'" >/dev/null 2>&1 \
     || su postgres -c "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -p $port -qAtc \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='newsdesk') THEN CREATE ROLE newsdesk LOGIN PASSWORD 'newsdesk' CREATEDB; END IF; END\\\$\\\$;\"" >&2
su postgres -c "psql -p $port -qAtc 'DROP DATABASE IF EXISTS newsdesk_test'" >&2
su postgres -c "psql -p $port -qAtc 'CREATE DATABASE newsdesk_test OWNER newsdesk'" >&2
echo "postgresql+psycopg://newsdesk:newsdesk@127.0.0.1:$port/newsdesk_test"
