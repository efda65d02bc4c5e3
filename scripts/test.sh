#!/usr/bin/env bash
# Runs every test, on the embedded SQLite and on a real PostgreSQL server.
# Without SHENPI_TEST_PG it starts a throwaway PostgreSQL cluster in a
# temporary directory (installing Debian's postgresql package first if no
# server binaries are found) and stops it afterwards. Extra arguments go to
# `go test`, e.g. ./scripts/test.sh -run TestLogin ./internal/auth/
set -euo pipefail
cd "$(dirname "$0")/.."

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

start_postgres() {
  local bin
  if ! bin=$(find_pg_bin); then
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL is not installed; run: sudo apt-get install -y postgresql (or set SHENPI_TEST_PG)" >&2
      exit 1
    fi
    echo "Installing PostgreSQL from Debian's packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(find_pg_bin)
  fi
  PGTMP=$(mktemp -d)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PGTMP"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$PGTMP/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
  PGPORT=$((20000 + RANDOM % 20000))
  "${as[@]}" "$bin/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w \
    -o "-k $PGTMP -p $PGPORT -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null
  trap 'stop_postgres' EXIT
  export SHENPI_TEST_PG="postgres://postgres@/postgres?host=$PGTMP&port=$PGPORT&sslmode=disable"
  STOP_PG=("${as[@]}" "$bin/pg_ctl" -D "$PGTMP/data" -m fast stop)
}

stop_postgres() {
  "${STOP_PG[@]}" >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}

if [ -z "${SHENPI_TEST_PG:-}" ]; then
  start_postgres
fi
export SHENPI_TEST_PG_REQUIRED=1

# Without Chromium the browser journeys skip and everything still says ok;
# say so where it cannot be missed, before and after the run.
no_browser() {
  [ -n "${SHENPI_TEST_BROWSER_REQUIRED:-}" ] && return 1
  [ -x /usr/bin/chromium ] && return 1
  command -v chromium >/dev/null 2>&1 && return 1
  return 0
}
warn_no_browser() {
  if no_browser; then
    cat >&2 <<'WARN'
################################################################################
#  CHROMIUM IS NOT INSTALLED: the browser tests (internal/web) are SKIPPED.    #
#  "ok" below does not cover them. Install it as .ci/run does:                 #
#    apt-get install -y chromium fonts-wqy-microhei                            #
#  or set SHENPI_TEST_BROWSER_REQUIRED=1 to make their absence a failure.       #
################################################################################
WARN
  fi
}
warn_no_browser

if [ $# -eq 0 ]; then
  set -- ./...
fi
status=0
# The web package alone runs for minutes on a busy 2-core machine: more than go test's
# default 10 minutes must not fail the suite. A -timeout given as an argument wins.
go test -count=1 -timeout 30m "$@" || status=$?
warn_no_browser
exit "$status"
