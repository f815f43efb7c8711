#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback (and makes sure the sqlite3 CLI exists) for the
# real-database tests. Idempotent: installs Debian's postgresql / sqlite3 packages only when
# missing, then creates a fresh cluster in a temporary folder.
#
#   scripts/test-db.sh start [DIR]   → prints KEY=VALUE lines: PGHOST PGPORT PGUSER PGDIR PGBIN SQLITE3
#   scripts/test-db.sh stop DIR      → stops that cluster and removes DIR
#
# Exits non-zero (with the reason on stderr) when the database cannot be set up: the tests fail then.
set -euo pipefail

log() { printf 'test-db: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else die "need root to run: $*"; fi
}

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "cannot install $*: no apt-get on this system"
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    apt_updated=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || die "apt-get install $* failed"
}

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then printf '%s\n' "$d"; return; fi
  local i
  i=$(command -v initdb 2>/dev/null || true)
  if [ -n "$i" ] && command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$i")"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Runs a PostgreSQL server program as a user it accepts (initdb and postgres refuse root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "no postgres user to run the server as"
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

start() {
  local bin dir port
  bin=$(pg_bin)
  if [ -z "$bin" ]; then apt_install postgresql; bin=$(pg_bin); fi
  [ -n "$bin" ] || die "PostgreSQL server binaries not found after install"
  command -v psql >/dev/null 2>&1 || [ -x "$bin/psql" ] || apt_install postgresql-client
  command -v sqlite3 >/dev/null 2>&1 || apt_install sqlite3

  # As root the server runs as postgres, which must reach the folder: use /tmp, not root's TMPDIR.
  local base=${TMPDIR:-/tmp}
  if [ "$(id -u)" = 0 ]; then base=/tmp; fi
  dir=${1:-$(mktemp -d "$base/seatbelt-pg.XXXXXX")}
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  chmod 700 "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  port=$(free_port)
  as_pg mkdir -p "$dir/sock"
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2 \
    || { cat "$dir/server.log" >&2 || true; die "the server did not start"; }
  local psql_bin
  psql_bin=$(command -v psql 2>/dev/null || printf '%s' "$bin/psql")
  printf 'PGHOST=127.0.0.1\nPGPORT=%s\nPGUSER=postgres\nPGDIR=%s\nPGBIN=%s\nPSQL=%s\nSQLITE3=%s\n' \
    "$port" "$dir" "$bin" "$psql_bin" "$(command -v sqlite3)"
}

stop() {
  local dir=${1:?usage: test-db.sh stop DIR} bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true; fi
  case "$dir" in */seatbelt-pg.*) rm -rf "$dir" ;; *) log "left $dir in place (not made by this script)" ;; esac
}

case "${1:-start}" in
  start) shift || true; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: test-db.sh start [DIR] | stop DIR" ;;
esac
