# shellcheck shell=bash
# An OPA server in the background, serving a policy directory on 127.0.0.1.
#
#   opa_start PORT PIDFILE LOGFILE [POLICY_DIR] [TOKEN_FILE]
#                            start, wait for /health; no-op if running
#   opa_stop PIDFILE         stop; no-op if not running
#   opa_healthy PORT         GET /health answers 200
#   opa_token_file PIDFILE   the default TOKEN_FILE: opa.token next to PIDFILE
#
# OPA runs closed (DESIGN.md §3): --authentication=token --authorization=basic, so
# the policy directory's system.authz policy (policy/system/authz.rego) decides
# every request to OPA's REST API — GET /health for anyone, and keywardd's
# POST /v1/data/keyward/decision with the bearer token; nothing else. The token
# is created once (random, mode 0600) in TOKEN_FILE and given to OPA in its
# environment (KEYWARD_OPA_TOKEN), never on its command line; keywardd reads the
# same file (--opa-token-file). Policies and data change through the files
# (--watch), not through OPA's API.

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

OPA_BIN="${KEYWARD_OPA_BIN:-$LOCAL_DIR/bin/opa}"
OPA_START_TIMEOUT=30
OPA_STOP_TIMEOUT=10

opa_healthy() {
  local port="$1" status
  if have curl; then
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null
    return
  fi
  exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 1
  printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r -t 2 status <&3 || status=""
  exec 3<&-
  [[ "$status" =~ ^HTTP/[0-9.]+\ 200 ]]
}

# Print the pid in PIDFILE if it is a live OPA server.
opa_running_pid() {
  local pidfile="$1" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(head -n 1 "$pidfile")"
  pid_matches "$pid" " run --server" || return 1
  echo "$pid"
}

# The port an OPA server listens on, read from its command line.
opa_running_port() {
  local pid="$1" args addr
  mapfile -d '' -t args <"/proc/$pid/cmdline"
  local i
  for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ "${args[i]}" == --addr ]]; then
      addr="${args[i + 1]}"
      echo "${addr##*:}"
      return 0
    fi
  done
  return 1
}

opa_token_file() {
  echo "$(dirname "$1")/opa.token"
}

# Create TOKEN_FILE (32 random bytes, hex, mode 0600) unless it holds a token.
opa_ensure_token() {
  local token_file="$1"
  [[ -s "$token_file" ]] && { chmod 0600 "$token_file"; return 0; }
  mkdir -p "$(dirname "$token_file")"
  (umask 077 && head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n' >"$token_file.tmp" &&
    echo >>"$token_file.tmp")
  mv "$token_file.tmp" "$token_file"
}

opa_start() {
  local port="$1" pidfile="$2" logfile="$3" policy_dir="${4:-$KEYWARD_ROOT/policy}"
  local token_file="${5:-$(opa_token_file "$2")}" pid
  [[ "$port" =~ ^[0-9]+$ ]] || die "invalid port: '$port'"
  [[ -x "$OPA_BIN" ]] || die "$OPA_BIN not found: run ensure_deps (scripts/lib/deps.sh)"
  [[ -d "$policy_dir" ]] || die "policy directory $policy_dir not found"
  [[ -f "$policy_dir/system/authz.rego" ]] ||
    die "$policy_dir/system/authz.rego not found: OPA would run with its API closed to keywardd too"
  opa_ensure_token "$token_file"
  if pid="$(opa_running_pid "$pidfile")"; then
    [[ "$(opa_running_port "$pid")" == "$port" ]] ||
      die "OPA (pid $pid, $pidfile) already runs on another port; stop it first"
    log "OPA already running (pid $pid, port $port)"
    return 0
  fi
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  rm -f "$pidfile"
  # The inner shell writes its own pid, then becomes OPA: the pidfile is right whether or
  # not setsid forks. setsid keeps the terminal's Ctrl-C away; our callers stop OPA.
  # The token reaches OPA through its environment: /proc/PID/environ is readable by
  # its user only, where the command line is readable by everyone.
  # shellcheck disable=SC2016 # $$ and $1 expand in the inner shell
  KEYWARD_OPA_TOKEN="$(head -n 1 "$token_file")" \
    setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' opa-launcher "$pidfile" \
    "$OPA_BIN" run --server --addr "127.0.0.1:$port" \
    --authentication=token --authorization=basic --watch --log-level error \
    --skip-version-check --shutdown-grace-period 2 --ignore '.*' \
    --set decision_logs.console=true \
    "$policy_dir" >>"$logfile" 2>&1 </dev/null &
  wait_for 5 "OPA pidfile $pidfile" test -s "$pidfile" || die "OPA did not start (log: $logfile)"
  pid="$(head -n 1 "$pidfile")"
  local deadline=$((SECONDS + OPA_START_TIMEOUT))
  until opa_healthy "$port"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      tail -n 20 "$logfile" >&2 || true
      opa_stop "$pidfile"
      die "OPA did not become healthy on port $port (log: $logfile)"
    fi
    sleep 0.2
  done
  log "OPA running (pid $pid) on http://127.0.0.1:$port, policies from $policy_dir," \
    "closed but for health, decisions and compliance findings with the token in $token_file"
}

opa_stop() {
  local pidfile="$1" pid
  if ! pid="$(opa_running_pid "$pidfile")"; then
    rm -f "$pidfile"
    return 0
  fi
  stop_pid "$pid" "$OPA_STOP_TIMEOUT"
  rm -f "$pidfile"
  log "OPA (pid $pid) stopped"
}
