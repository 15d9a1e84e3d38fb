# shellcheck shell=bash
# Builds keyward-gateway (gateway/, Go) from proto/: the Go, gRPC and
# grpc-gateway code and the OpenAPI document are generated at every build by the
# protoc plugins gateway/go.mod pins as tools, so they can never drift from the
# protos. Sourced after deps.sh.
#
#   build_gateway BIN_DIR    writes BIN_DIR/keyward-gateway
#   generate_gateway_sources gateway/gen/ and the OpenAPI document (which the
#                            portal's typed client is generated from)
#   gateway_go ARGS...       go, in gateway/, with the module versions go.sum pins
#   pinned_go DIR ARGS...    the same in another Go module (deploy/)

GATEWAY_DIR="$KEYWARD_ROOT/gateway"
GATEWAY_GEN_DIR="$GATEWAY_DIR/gen"
GATEWAY_OPENAPI="$GATEWAY_DIR/internal/openapi/keyward.openapi.json"
GATEWAY_GO_MODULE="keyward.dev/gateway"

gateway_go() {
  pinned_go "$GATEWAY_DIR" "$@"
}

# pinned_go DIR ARGS... — go in the module at DIR, with the versions its go.sum pins.
pinned_go() {
  local dir="$1"
  shift
  (cd "$dir" &&
    env GOPATH="$GO_STATE_DIR" \
      GOMODCACHE="$GO_STATE_DIR/pkg/mod" \
      GOCACHE="$GO_STATE_DIR/cache" \
      GOFLAGS="-mod=readonly -modcacherw" \
      CGO_ENABLED=0 \
      go "$@")
}

generate_gateway_sources() {
  local tools="$GO_STATE_DIR/gateway-tools" work
  ensure_go
  mkdir -p "$tools"
  gateway_go build -o "$tools/" tool
  work="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: work is local
  trap "rm -rf '$work'" RETURN

  local protos=() mappings=() proto plugin
  while IFS= read -r proto; do protos+=("$proto"); done < <(
    cd "$KEYWARD_ROOT/proto" && find keyward -name '*.proto' | sort)
  # The Go package of each proto is the gateway's business, not the API
  # contract's, so it is given here rather than as go_package in proto/.
  for proto in "${protos[@]}"; do
    for plugin in go go-grpc grpc-gateway openapiv3; do
      mappings+=("--${plugin}_opt=M$proto=$GATEWAY_GO_MODULE/gen/keyward/v1;keywardv1")
    done
  done
  mkdir -p "$work/go" "$work/openapi"
  protoc --proto_path="$KEYWARD_ROOT/proto" --proto_path=/usr/include \
    --plugin=protoc-gen-go="$tools/protoc-gen-go" \
    --plugin=protoc-gen-go-grpc="$tools/protoc-gen-go-grpc" \
    --plugin=protoc-gen-grpc-gateway="$tools/protoc-gen-grpc-gateway" \
    --plugin=protoc-gen-openapiv3="$tools/protoc-gen-openapiv3" \
    --go_out="$work/go" --go_opt=module="$GATEWAY_GO_MODULE" \
    --go-grpc_out="$work/go" --go-grpc_opt=module="$GATEWAY_GO_MODULE" \
    --grpc-gateway_out="$work/go" --grpc-gateway_opt=module="$GATEWAY_GO_MODULE" \
    --openapiv3_out="$work/openapi" \
    "${mappings[@]}" "${protos[@]}"
  rm -rf "$GATEWAY_GEN_DIR"
  mv "$work/go/gen" "$GATEWAY_GEN_DIR"
  # One document: the title and Basic authentication of base.openapi.json,
  # then every service's paths and schemas.
  "$tools/openapiv3-merge" "$GATEWAY_DIR/openapi/base.openapi.json" \
    "$work"/openapi/keyward/v1/*.openapi.json >"$work/merged.openapi.json"
  gateway_go run ./cmd/openapi-finish <"$work/merged.openapi.json" >"$work/keyward.openapi.json"
  mv "$work/keyward.openapi.json" "$GATEWAY_OPENAPI"
}

# The generated sources must be there (generate_gateway_sources).
build_gateway() {
  local bin_dir="$1"
  ensure_go
  gateway_go build -trimpath -o "$bin_dir/keyward-gateway" ./cmd/keyward-gateway
}
