# shellcheck shell=bash
# A Keyward of a test's own on the PostgreSQL and OPA that scripts/test started:
# a fresh database, a pepper, the first OrganizationAdmin bootstrapped, keywardd
# on a free port and keyward-gateway in front of it on another. Used by
# tests/docs/run_examples and tests/browser/run. Sourced after postgres.sh.
#
#   local_stack_start NAME STATE_DIR ADMIN_KEY_FILE [GATEWAY_ARG...]
#       database keyward_NAME_PID; STATE_DIR gets the pepper, the ready files and
#       keywardd.log, gateway.log; ADMIN_KEY_FILE the admin's KEY:SECRET (0600).
#       Sets STACK_ADDRESS (keywardd's host:port) and STACK_HTTP_ADDRESS (the
#       gateway's). Dies, showing the log's tail, when either does not start.
#   local_stack_stop     stop both and drop the database (safe to call twice)
#
# Needs KEYWARD_TEST_DATABASE_URL, KEYWARD_TEST_OPA_URL and
# KEYWARD_TEST_OPA_TOKEN_FILE (scripts/test), and STACK_KEYWARDD and
# STACK_GATEWAY, the binaries to run.

STACK_PSQL="$PG_BIN_DIR/psql"
stack_database=""
stack_keywardd_pid=""
stack_gateway_pid=""

local_stack_require() {
  local name
  for name in KEYWARD_TEST_DATABASE_URL KEYWARD_TEST_OPA_URL KEYWARD_TEST_OPA_TOKEN_FILE; do
    [[ -n "${!name:-}" ]] || die "$name is not set: run this through scripts/test"
  done
  [[ -x "$STACK_KEYWARDD" && -x "$STACK_GATEWAY" ]] ||
    die "$STACK_KEYWARDD and $STACK_GATEWAY not built: run scripts/build"
}

local_stack_start() {
  local name="$1" state="$2" admin_key_file="$3"
  shift 3
  local_stack_require
  mkdir -p "$state"
  stack_database="keyward_${name}_$$"
  "$STACK_PSQL" -q -v ON_ERROR_STOP=1 "$KEYWARD_TEST_DATABASE_URL" \
    -c "CREATE DATABASE $stack_database" >/dev/null
  rm -f "$state/ready" "$state/gateway.ready"
  (umask 077 && head -c 64 /dev/urandom >"$state/pepper")
  # keywardd's settings go to keywardd only, never to what the caller runs next.
  local keywardd_env=(
    KEYWARD_DATABASE_URL="${KEYWARD_TEST_DATABASE_URL%/*}/$stack_database"
    KEYWARD_PEPPER_FILE="$state/pepper"
    KEYWARD_OPA_URL="$KEYWARD_TEST_OPA_URL"
    KEYWARD_OPA_TOKEN_FILE="$KEYWARD_TEST_OPA_TOKEN_FILE"
    KEYWARD_LISTEN=127.0.0.1:0
    # Stacks run side by side (and beside scripts/run): none takes 9464.
    KEYWARD_METRICS_LISTEN=127.0.0.1:0
    KEYWARD_DRAIN_PERIOD=0
    KEYWARD_READY_FILE="$state/ready"
    KEYWARD_TRUSTED_PROXIES=127.0.0.1
  )
  (umask 077 && env "${keywardd_env[@]}" "$STACK_KEYWARDD" bootstrap --email admin@keyward.local \
    >"$admin_key_file" 2>>"$state/keywardd.log") ||
    die "keywardd bootstrap failed (log: $state/keywardd.log)"
  env "${keywardd_env[@]}" "$STACK_KEYWARDD" serve >>"$state/keywardd.log" 2>&1 </dev/null &
  stack_keywardd_pid=$!
  if ! wait_for 60 "keywardd to serve" test -s "$state/ready"; then
    tail -n 20 "$state/keywardd.log" >&2
    die "keywardd did not start (log: $state/keywardd.log)"
  fi
  STACK_ADDRESS="$(head -n 1 "$state/ready")"
  "$STACK_GATEWAY" --listen 127.0.0.1:0 --upstream "$STACK_ADDRESS" --metrics-listen off \
    --ready-file "$state/gateway.ready" "$@" >>"$state/gateway.log" 2>&1 </dev/null &
  stack_gateway_pid=$!
  if ! wait_for 30 "keyward-gateway to serve" test -s "$state/gateway.ready"; then
    tail -n 20 "$state/gateway.log" >&2
    die "keyward-gateway did not start (log: $state/gateway.log)"
  fi
  # shellcheck disable=SC2034 # for the script that sourced this
  STACK_HTTP_ADDRESS="$(head -n 1 "$state/gateway.ready")"
}

local_stack_stop() {
  local pid
  for pid in "$stack_gateway_pid" "$stack_keywardd_pid"; do
    [[ -n "$pid" ]] || continue
    stop_pid "$pid" 15
    wait "$pid" 2>/dev/null || true
  done
  stack_gateway_pid=""
  stack_keywardd_pid=""
  [[ -n "$stack_database" ]] || return 0
  "$STACK_PSQL" -q "$KEYWARD_TEST_DATABASE_URL" \
    -c "DROP DATABASE IF EXISTS $stack_database WITH (FORCE)" >/dev/null 2>&1 || true
  stack_database=""
}
