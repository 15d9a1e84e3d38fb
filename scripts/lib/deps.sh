# shellcheck shell=bash
# ensure_deps: install whatever Keyward needs to build, test and run, and only what is
# missing. Debian packages through apt; Go tools (OPA, ghz, grpcurl) with
# `go install` into $LOCAL_DIR/bin, with Go's caches under $LOCAL_DIR/go.
#
#   ensure_deps                          everything below
#   ensure_debian_packages PKG...
#   ensure_go                            put a Go toolchain on PATH
#   ensure_go_tool NAME PACKAGE@VERSION  e.g. ensure_go_tool ghz github.com/bojand/ghz/cmd/ghz@v0.120.0

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KEYWARD_DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libpqxx-dev libcpp-httplib-dev nlohmann-json3-dev libssl-dev prometheus-cpp-dev
  libgtest-dev libgmock-dev googletest
  postgresql-15 postgresql-contrib
  ca-certificates curl git
)

OPA_VERSION=1.22.3
OPA_PACKAGE=github.com/open-policy-agent/opa
GRPCURL_VERSION=1.9.3
GRPCURL_PACKAGE=github.com/fullstorydev/grpcurl/cmd/grpcurl
TOOLS_BIN="$LOCAL_DIR/bin"
GO_STATE_DIR="$LOCAL_DIR/go"
export PATH="$TOOLS_BIN:$PATH"

as_root() {
  if ((EUID == 0)); then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

debian_package_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

ensure_debian_packages() {
  if ! have dpkg-query; then
    log "not a Debian system: make sure these are installed: $*"
    return 0
  fi
  local missing=() pkg
  for pkg in "$@"; do
    debian_package_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ensure_go() {
  if ! have go && [[ -x /usr/local/go/bin/go ]]; then
    export PATH="$PATH:/usr/local/go/bin"
  fi
  have go || ensure_debian_packages golang-go
  have go || die "no Go toolchain after installing golang-go"
}

# Runs go with all its state under $LOCAL_DIR/go, whatever HOME holds.
local_go() {
  env GOPATH="$GO_STATE_DIR" \
    GOMODCACHE="$GO_STATE_DIR/pkg/mod" \
    GOCACHE="$GO_STATE_DIR/cache" \
    GOBIN="$TOOLS_BIN" \
    GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod -modcacherw" \
    CGO_ENABLED=0 \
    go "$@"
}

# Does binary BIN come from PACKAGE at VERSION? (reads the build info Go embeds)
go_binary_is() {
  local bin="$1" package="$2" version="$3" info
  [[ -x "$bin" ]] || return 1
  info="$(go version -m "$bin" 2>/dev/null)" || return 1
  grep -qE "^[[:space:]]+path[[:space:]]+${package}\$" <<<"$info" &&
    grep -qE "^[[:space:]]+mod[[:space:]]+[^[:space:]]+[[:space:]]+${version}([[:space:]]|\$)" <<<"$info"
}

ensure_go_tool() {
  local name="$1" spec="$2"
  local package="${spec%@*}" version="${spec##*@}"
  ensure_go
  go_binary_is "$TOOLS_BIN/$name" "$package" "$version" && return 0
  log "building $name $version with go install (first time only; takes a minute or two)"
  mkdir -p "$TOOLS_BIN" "$GO_STATE_DIR"
  local_go install "$spec"
  [[ -x "$TOOLS_BIN/$name" ]] || die "go install $spec did not produce $TOOLS_BIN/$name"
}

ensure_opa() {
  if [[ -x "$TOOLS_BIN/opa" ]] &&
    "$TOOLS_BIN/opa" version 2>/dev/null | grep -qx "Version: $OPA_VERSION"; then
    return 0
  fi
  ensure_go_tool opa "$OPA_PACKAGE@v$OPA_VERSION"
}

# grpcurl, for the documentation's examples (tests/docs/run_examples).
ensure_grpcurl() {
  ensure_go_tool grpcurl "$GRPCURL_PACKAGE@v$GRPCURL_VERSION"
}

# Safe to call more than once: scripts that call each other only check once.
ensure_deps() {
  [[ "${KEYWARD_DEPS_CHECKED:-}" == 1 ]] && return 0
  ensure_debian_packages "${KEYWARD_DEBIAN_PACKAGES[@]}"
  ensure_opa
  export KEYWARD_DEPS_CHECKED=1
}
