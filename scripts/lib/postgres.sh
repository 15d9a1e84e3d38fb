# shellcheck shell=bash
# A private PostgreSQL 15 cluster in a directory of its own, for development and tests.
#
# Layout of DIR:  data/  the cluster (PGDATA)
#                 run/   its unix socket
#                 log/   postgresql.log (server), initdb.log
# It listens on 127.0.0.1:PORT only, trusts local connections, and has a superuser
# `keyward` and a database `keyward`. PostgreSQL refuses to run as root, so when we are
# root the server runs as the OS user `postgres` (or `keyward-pg`, created if needed).
#
#   pg_start DIR PORT   create if needed, start (no-op if running), print the URL
#   pg_stop DIR         fast shutdown; no-op if not running
#   pg_status DIR       print state; 0 when running, 3 when not
#   pg_running_port DIR print the port of the running server, fail if none
#   pg_url PORT

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_BIN_DIR="${KEYWARD_PG_BIN_DIR:-/usr/lib/postgresql/15/bin}"
PG_SUPERUSER=keyward
PG_DATABASE=keyward
PG_START_TIMEOUT=60

pg_url() {
  echo "postgresql://$PG_SUPERUSER@127.0.0.1:$1/$PG_DATABASE"
}

# Sets PG_DIR (absolute), PG_DATA, PG_RUN, PG_LOG_DIR, PG_LOG. DIR must exist.
pg_layout() {
  PG_DIR="$(cd "$1" && pwd -P)" || die "cannot enter $1"
  PG_DATA="$PG_DIR/data"
  PG_RUN="$PG_DIR/run"
  PG_LOG_DIR="$PG_DIR/log"
  PG_LOG="$PG_LOG_DIR/postgresql.log"
}

# The OS user the server runs as: ourselves, or a non-root user when we are root.
pg_os_user() {
  if ((EUID != 0)); then
    id -un
  elif id -u postgres >/dev/null 2>&1; then
    echo postgres
  else
    if ! id -u keyward-pg >/dev/null 2>&1; then
      log "creating system user keyward-pg to run PostgreSQL"
      useradd --system --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin keyward-pg
    fi
    echo keyward-pg
  fi
}

# Run a command as the server's OS user, from / so that our cwd does not matter.
pg_as_user() {
  if ((EUID == 0)); then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

pg_require_binaries() {
  local tool
  for tool in initdb pg_ctl postgres pg_isready psql createdb; do
    [[ -x "$PG_BIN_DIR/$tool" ]] ||
      die "$PG_BIN_DIR/$tool not found: install postgresql-15 (scripts/lib/deps.sh does)"
  done
}

# PostgreSQL's user must be able to reach DIR; name the first directory that blocks it.
pg_check_traversable() {
  pg_as_user test -x "$PG_DIR" -a -w "$PG_DIR" && return 0
  local path="" part parts
  IFS=/ read -ra parts <<<"$PG_DIR"
  for part in "${parts[@]}"; do
    [[ -n "$part" ]] || continue
    path="$path/$part"
    if ! pg_as_user test -x "$path"; then
      die "PostgreSQL runs as OS user '$PG_OS_USER', who cannot enter $path" \
        "($(stat -c '%A %U:%G' "$path")). Use a --data directory elsewhere, or: chmod o+x $path"
    fi
  done
  die "OS user '$PG_OS_USER' cannot write to $PG_DIR"
}

# mkdir -p DIR; whatever the umask, the directories it creates, and those of ours on the
# way (under .local/), stay traversable for the server's user.
pg_mkdir_traversable() {
  local dir="$1" open=()
  while [[ ! -e "$dir" ]]; do
    open+=("$dir")
    dir="$(dirname "$dir")"
  done
  mkdir -p "$1"
  dir="$(cd "$1" && pwd -P)"
  while [[ "$dir" == "$LOCAL_DIR" || "$dir" == "$LOCAL_DIR"/* ]]; do
    open+=("$dir")
    dir="$(dirname "$dir")"
  done
  if ((${#open[@]} > 0)); then chmod a+x "${open[@]}"; fi
}

# Create DIR and its run/ and log/ for the server's user. Sets the PG_* layout.
pg_prepare_dirs() {
  pg_mkdir_traversable "$1"
  pg_layout "$1"
  PG_OS_USER="$(pg_os_user)"
  mkdir -p "$PG_RUN" "$PG_LOG_DIR"
  if ((EUID == 0)); then
    chown "$PG_OS_USER:" "$PG_DIR" "$PG_RUN" "$PG_LOG_DIR"
  fi
  chmod 0700 "$PG_DIR"
  pg_check_traversable
}

# Print the postmaster's pid if a server is running on this data directory.
pg_running_pid() {
  local pidfile="$PG_DATA/postmaster.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(head -n 1 "$pidfile")"
  pid_matches "$pid" "$PG_DATA" || return 1
  echo "$pid"
}

pg_running_port() {
  [[ -d "$1" ]] || return 1
  pg_layout "$1"
  pg_running_pid >/dev/null || return 1
  sed -n 4p "$PG_DATA/postmaster.pid"
}

pg_init_if_needed() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  if [[ -d "$PG_DATA" ]] && [[ -n "$(ls -A "$PG_DATA")" ]]; then
    die "$PG_DATA is not empty and holds no cluster; remove it or choose another --data"
  fi
  log "creating a PostgreSQL cluster in $PG_DATA"
  if ! pg_as_user "$PG_BIN_DIR/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" --auth=trust \
    -E UTF8 --locale=C --no-instructions >"$PG_LOG_DIR/initdb.log" 2>&1; then
    tail -n 20 "$PG_LOG_DIR/initdb.log" >&2
    die "initdb failed (log: $PG_LOG_DIR/initdb.log)"
  fi
  echo "include_if_exists = 'keyward.conf'" >>"$PG_DATA/postgresql.conf"
}

# Settings that depend on this run (port, socket): rewritten on every start.
pg_write_conf() {
  local port="$1" socket_dir="$PG_RUN"
  # A unix socket path may not exceed 107 bytes; TCP is all we need anyway.
  if ((${#PG_RUN} + 16 > 107)); then
    log "note: $PG_RUN is too long for a unix socket; TCP only"
    socket_dir=""
  fi
  cat >"$PG_DATA/keyward.conf" <<CONF
# Written by scripts/pg at every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dir'
max_connections = 200
CONF
  if ((EUID == 0)); then chown "$PG_OS_USER:" "$PG_DATA/keyward.conf"; fi
}

# After a crash or kill -9, postmaster.pid and the socket lock files name a process
# that is gone (or is a zombie not yet reaped, which PostgreSQL takes for alive).
pg_remove_stale_pidfile() {
  local pidfile="$PG_DATA/postmaster.pid"
  [[ -f "$pidfile" ]] || return 0
  pg_running_pid >/dev/null && return 0
  log "removing stale $pidfile (pid $(head -n 1 "$pidfile") is gone)"
  rm -f "$pidfile" "$PG_RUN"/.s.PGSQL.*.lock
}

pg_ctl_start() {
  pg_as_user "$PG_BIN_DIR/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w \
    -t "$PG_START_TIMEOUT" >&2
}

# Start, retrying twice: after a kill -9 the old backends may hold shared memory briefly.
pg_start_server() {
  local attempt
  for attempt in 1 2 3; do
    pg_remove_stale_pidfile
    pg_ctl_start && return 0
    log "start attempt $attempt failed; last lines of $PG_LOG:"
    tail -n 5 "$PG_LOG" >&2 || true
    sleep "$attempt"
  done
  die "PostgreSQL did not start (log: $PG_LOG)"
}

pg_psql() {
  "$PG_BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$PG_SUPERUSER" "${@:2}"
}

pg_ensure_database() {
  local port="$1"
  if [[ "$(pg_psql "$port" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]]; then
    "$PG_BIN_DIR/createdb" -h 127.0.0.1 -p "$port" -U "$PG_SUPERUSER" "$PG_DATABASE"
  fi
}

pg_start() {
  local dir="$1" port="$2" running_port pid
  [[ "$port" =~ ^[0-9]+$ ]] || die "invalid port: '$port'"
  pg_require_binaries
  pg_prepare_dirs "$dir"
  if pid="$(pg_running_pid)"; then
    running_port="$(sed -n 4p "$PG_DATA/postmaster.pid")"
    [[ "$running_port" == "$port" ]] ||
      die "PostgreSQL in $PG_DIR already runs on port $running_port, not $port; stop it first"
    log "PostgreSQL already running in $PG_DIR (pid $pid, port $port)"
  else
    pg_init_if_needed
    pg_write_conf "$port"
    pg_start_server
  fi
  wait_for 30 "PostgreSQL on port $port" \
    "$PG_BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$PG_SUPERUSER" -d postgres ||
    die "PostgreSQL does not accept connections (log: $PG_LOG)"
  pg_ensure_database "$port"
  pg_url "$port"
}

pg_stop() {
  local dir="$1"
  if [[ ! -d "$dir" ]]; then
    log "PostgreSQL not running (no $dir)"
    return 0
  fi
  pg_require_binaries
  pg_layout "$dir"
  PG_OS_USER="$(pg_os_user)"
  if ! pg_running_pid >/dev/null; then
    log "PostgreSQL not running in $PG_DIR"
    return 0
  fi
  if ! pg_as_user "$PG_BIN_DIR/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >&2; then
    log "fast shutdown failed; stopping immediately"
    pg_as_user "$PG_BIN_DIR/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 30 >&2
  fi
}

pg_status() {
  local dir="$1" pid port
  if [[ -d "$dir" ]]; then
    pg_layout "$dir"
    if pid="$(pg_running_pid)"; then
      port="$(sed -n 4p "$PG_DATA/postmaster.pid")"
      echo "running: pid $pid, $(pg_url "$port")"
      return 0
    fi
  fi
  echo "stopped"
  return 3
}
