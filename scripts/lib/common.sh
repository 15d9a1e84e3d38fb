# shellcheck shell=bash
# Shared helpers for Keyward's scripts. Source it; do not execute it.
#
#   KEYWARD_ROOT  absolute path of the repository root
#   LOCAL_DIR     $KEYWARD_ROOT/.local, git-ignored machine-local state
#   log MSG...    print to stderr
#   die MSG...    log and exit 1
#   free_port     print a loopback TCP port that is free right now
#   port_is_free PORT
#   wait_for SECONDS WHAT CMD...   poll CMD until it succeeds or time runs out

[[ -n "${KEYWARD_COMMON_SH_LOADED:-}" ]] && return 0
KEYWARD_COMMON_SH_LOADED=1

KEYWARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
LOCAL_DIR="$KEYWARD_ROOT/.local"
export KEYWARD_ROOT LOCAL_DIR

log() {
  printf '[%s] %s\n' "${KEYWARD_LOG_TAG:-$(basename "$0")}" "$*" >&2
}

die() {
  log "error: $*"
  exit 1
}

have() {
  command -v "$1" >/dev/null 2>&1
}

# Succeeds when nothing can bind 127.0.0.1:PORT (a listener, even ours, makes it busy).
port_is_free() {
  local port="$1"
  if have python3; then
    python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
  else
    # Nothing accepts a connection there: good enough without python3.
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

free_port() {
  if have python3; then
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local port attempt
  for attempt in $(seq 1 100); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
    if port_is_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found after $attempt attempts"
}

# wait_for SECONDS WHAT CMD... — run CMD every 0.2 s until it succeeds.
wait_for() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

# Is PID a live process whose command line contains PATTERN?
pid_matches() {
  local pid="$1" pattern="$2" cmdline
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$pattern"* ]]
}

# claim_instance PIDFILE — make sure only one copy of this script uses PIDFILE's state:
# fail if the pid recorded there is a live copy of this script, else record ours.
claim_instance() {
  local pidfile="$1" name pid
  name="$(basename "$0")"
  if [[ -f "$pidfile" ]]; then
    pid="$(head -n 1 "$pidfile")"
    if [[ "$pid" != "$$" ]] && pid_matches "$pid" "$name"; then
      die "another $name is running (pid $pid, $pidfile)"
    fi
  fi
  mkdir -p "$(dirname "$pidfile")"
  echo "$$" >"$pidfile"
}

# stop_pid PID [SECONDS] — TERM, then KILL if still alive after SECONDS (default 10).
stop_pid() {
  local pid="$1" timeout="${2:-10}"
  kill -TERM "$pid" 2>/dev/null || return 0
  # shellcheck disable=SC2016 # $1 expands in the inner shell
  wait_for "$timeout" "pid $pid to exit" bash -c '! kill -0 "$1" 2>/dev/null' _ "$pid" ||
    kill -KILL "$pid" 2>/dev/null || true
}

# release_instance PIDFILE — undo claim_instance (only if the file still names us).
release_instance() {
  [[ -f "$1" && "$(head -n 1 "$1")" == "$$" ]] && rm -f "$1"
  return 0
}
