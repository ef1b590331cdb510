#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the store tests.
#
#   eval "$(scripts/postgres.sh start)"   # installs postgresql if missing, starts, exports VOC_TEST_POSTGRES_URL
#   scripts/postgres.sh url               # prints the URL of the running server
#   scripts/postgres.sh stop              # stops it and deletes its files
#
# Idempotent: `start` on a running server only prints the export line again. State lives in
# $VOC_PG_DIR (default /tmp/voc-pg). Durability is switched off (fsync=off): test data only.
set -euo pipefail

PG_DIR="${VOC_PG_DIR:-/tmp/voc-pg}"
DB_NAME="${VOC_PG_DB:-voc_test}"
DATA="$PG_DIR/data"

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    [ -x "$bin/initdb" ] && { echo "$bin"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

install_postgres() {
  if find_bin >/dev/null; then return 0; fi
  [ "$(id -u)" -eq 0 ] || { log "PostgreSQL is not installed and we are not root: apt-get install postgresql"; exit 1; }
  log "installing the Debian package postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

# initdb and postgres refuse to run as root: run them as the `postgres` user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url() { echo "postgresql://postgres@127.0.0.1:$(cat "$PG_DIR/port")/$DB_NAME"; }

running() {
  local bin; bin="$(find_bin)" || return 1
  [ -f "$DATA/PG_VERSION" ] && [ -f "$PG_DIR/port" ] && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  install_postgres
  local bin; bin="$(find_bin)"
  if running; then
    log "already running on port $(cat "$PG_DIR/port")"
  else
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
    if [ ! -f "$DATA/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || as_owner "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    local port; port="$(free_port)"
    echo "$port" > "$PG_DIR/port"
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    log "started on 127.0.0.1:$port (data $DATA, log $PG_DIR/server.log)"
  fi
  local port; port="$(cat "$PG_DIR/port")"
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" postgres | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"
  fi
  echo "export VOC_TEST_POSTGRES_URL=$(url)"
}

stop() {
  local bin
  if bin="$(find_bin)" && running; then
    as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    log "stopped"
  fi
  rm -rf "$PG_DIR"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) running && url || { log "not running"; exit 1; } ;;
  status) running && log "running: $(url)" || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
