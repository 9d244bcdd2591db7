#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and local clusters, with Grid's schema loaded.
#
#   postgres.sh start <dir> [port]   initdb (first time) + start on 127.0.0.1:<port> (default 55432),
#                                    create database "grid", load deploy/sql/postgresql/*.sql twice;
#                                    the last stdout line is the Npgsql connection string.
#   postgres.sh stop <dir>           fast shutdown; safe to call when it is not running.
#
# Works as root (the server runs as the "postgres" user through runuser, since initdb refuses root)
# or as a normal user (the server runs as that user). Trust authentication, loopback only: never
# point this at anything but a scratch directory.
set -euo pipefail

readonly DEFAULT_PORT=55432
readonly READY_TIMEOUT_SECONDS=30
readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SQL_DIR="$(cd "${SCRIPT_DIR}/../sql/postgresql" && pwd)"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: postgres.sh start <dir> [port]
       postgres.sh stop <dir>
EOF
  exit 2
}

# PG_BIN may point at another installation; otherwise Debian's layout, newest version first.
find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    printf '%s\n' "${PG_BIN}"
    return
  fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    printf '%s\n' /usr/lib/postgresql/15/bin
    return
  fi
  local candidate
  candidate="$(find /usr/lib/postgresql -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "${candidate}" ]]; then
    dirname "${candidate}"
  fi
}

ensure_pg_bin() {
  local bin
  bin="$(find_pg_bin)"
  if [[ -n "${bin}" && -x "${bin}/initdb" && -x "${bin}/pg_ctl" ]]; then
    printf '%s\n' "${bin}"
    return
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin; set PG_BIN to override). Install them as root: apt-get update && apt-get install -y --no-install-recommends postgresql postgresql-client"
  fi
  log "installing PostgreSQL (apt-get)"
  # Installing the Debian package also creates the "postgres" system user used below.
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql postgresql-client >&2
  bin="$(find_pg_bin)"
  [[ -n "${bin}" && -x "${bin}/initdb" ]] || die "apt-get finished but no initdb was found under /usr/lib/postgresql"
  printf '%s\n' "${bin}"
}

# Runs a server-side command as the account that owns the data directory.
as_server_user() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

prepare_dir() {
  local dir="$1"
  mkdir -p "${dir}"
  if [[ "$(id -u)" -eq 0 ]]; then
    getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' user to run the server (install the postgresql package)"
    chown postgres: "${dir}"
    chmod 700 "${dir}"
    runuser -u postgres -- test -w "${dir}" \
      || die "the postgres user cannot write ${dir}: every parent directory must be searchable by it (choose a directory under /tmp)"
  fi
}

write_config() {
  local data="$1" port="$2" dir="$3"
  # Our own settings go in a separate file so initdb's defaults stay untouched and a re-run rewrites them.
  as_server_user tee "${data}/grid.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = ${port}
unix_socket_directories = '${dir}'
# Not UTC on purpose: a timestamp written without its time zone shows up in tests as an 8-hour error.
timezone = 'Asia/Shanghai'
max_connections = 200
EOF
  as_server_user tee "${data}/pg_hba.conf" >/dev/null <<'EOF'
# Throwaway server: anyone on this machine may connect as any role, over loopback or the socket only.
local all all              trust
host  all all 127.0.0.1/32 trust
host  all all ::1/128      trust
EOF
  if ! grep -q "^include_if_exists = 'grid.conf'" "${data}/postgresql.conf"; then
    printf "\ninclude_if_exists = 'grid.conf'\n" | as_server_user tee -a "${data}/postgresql.conf" >/dev/null
  fi
}

is_running() {
  local bin="$1" data="$2"
  [[ -f "${data}/postmaster.pid" ]] && as_server_user "${bin}/pg_ctl" status -D "${data}" >/dev/null 2>&1
}

wait_ready() {
  local bin="$1" port="$2" data="$3" log_file="$4"
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until "${bin}/pg_isready" -q -h 127.0.0.1 -p "${port}" -t 1; do
    if ((SECONDS >= deadline)); then
      log "server log (${log_file}), last lines:"
      tail -n 20 "${log_file}" >&2 || true
      die "PostgreSQL did not accept connections on 127.0.0.1:${port} within ${READY_TIMEOUT_SECONDS}s"
    fi
    sleep 0.2
  done
  # Whoever answers must be this directory's server, not another one already listening on the port.
  local answering
  answering="$("${bin}/psql" -X -tA -h 127.0.0.1 -p "${port}" -U postgres -d postgres -c 'SHOW data_directory')" \
    || die "cannot query the server on 127.0.0.1:${port}"
  if [[ "$(cd "${answering}" 2>/dev/null && pwd -P)" != "$(cd "${data}" && pwd -P)" ]]; then
    die "127.0.0.1:${port} is served by another PostgreSQL (data directory ${answering}); choose another port"
  fi
}

load_schema() {
  local bin="$1" port="$2"
  local files=("${SQL_DIR}"/*.sql)
  [[ -e "${files[0]}" ]] || die "no .sql files in ${SQL_DIR}"
  local pass file
  # Twice: the second pass proves every file is idempotent (and is what an upgrade does).
  for pass in 1 2; do
    for file in "${files[@]}"; do
      PGOPTIONS='--client-min-messages=warning' "${bin}/psql" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "${port}" -U postgres -d grid -f "${file}" >&2 \
        || die "loading ${file} failed (pass ${pass})"
    done
  done
  log "schema loaded twice: ${#files[@]} files from ${SQL_DIR}"
}

start() {
  local dir="$1" port="$2"
  [[ "${port}" =~ ^[0-9]+$ ]] || die "port must be a number, got '${port}'"
  local bin
  bin="$(ensure_pg_bin)"
  prepare_dir "${dir}"
  dir="$(cd "${dir}" && pwd)"
  local data="${dir}/data" log_file="${dir}/postgres.log"

  if [[ ! -f "${data}/PG_VERSION" ]]; then
    log "initdb ${data}"
    as_server_user "${bin}/initdb" -D "${data}" -U postgres -E UTF8 --no-locale --auth=trust --no-sync >"${dir}/initdb.log" 2>&1 \
      || { tail -n 20 "${dir}/initdb.log" >&2; die "initdb failed (log: ${dir}/initdb.log)"; }
  fi

  if is_running "${bin}" "${data}"; then
    local running_port
    running_port="$(sed -n '4p' "${data}/postmaster.pid")"
    [[ "${running_port}" == "${port}" ]] \
      || die "a server from ${dir} is already running on port ${running_port}; stop it first or pass that port"
    log "already running on 127.0.0.1:${port}"
  else
    write_config "${data}" "${port}" "${dir}"
    as_server_user touch "${log_file}"
    log "starting on 127.0.0.1:${port}"
    # -w: pg_ctl returns once the server is up, or as soon as it has died (a taken port, a bad setting).
    as_server_user "${bin}/pg_ctl" start -D "${data}" -l "${log_file}" -w -t "${READY_TIMEOUT_SECONDS}" >/dev/null \
      || { tail -n 20 "${log_file}" >&2; die "PostgreSQL did not start within ${READY_TIMEOUT_SECONDS}s (is port ${port} taken? log: ${log_file})"; }
  fi
  wait_ready "${bin}" "${port}" "${data}" "${log_file}"

  local exists
  exists="$("${bin}/psql" -X -tA -h 127.0.0.1 -p "${port}" -U postgres -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = 'grid'")"
  if [[ "${exists}" != "1" ]]; then
    "${bin}/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port}" -U postgres -d postgres \
      -c 'CREATE DATABASE grid' >&2
  fi
  load_schema "${bin}" "${port}"

  printf 'Host=127.0.0.1;Port=%s;Database=grid;Username=postgres\n' "${port}"
}

stop() {
  local dir="$1"
  local data="${dir}/data"
  if [[ ! -f "${data}/postmaster.pid" ]]; then
    log "not running (${dir})"
    return
  fi
  local bin
  bin="$(find_pg_bin)"
  [[ -n "${bin}" ]] || die "PostgreSQL binaries not found; cannot stop the server in ${dir}"
  if is_running "${bin}" "${data}"; then
    as_server_user "${bin}/pg_ctl" stop -D "${data}" -m fast >/dev/null
    log "stopped (${dir})"
  else
    log "not running (${dir}); stale postmaster.pid left alone"
  fi
}

[[ $# -ge 2 ]] || usage
case "$1" in
  start)
    [[ $# -le 3 ]] || usage
    start "$2" "${3:-${DEFAULT_PORT}}"
    ;;
  stop)
    [[ $# -eq 2 ]] || usage
    stop "$2"
    ;;
  *)
    usage
    ;;
esac
