# shellcheck shell=bash
# Builds the self-service portal (web/: TypeScript, React, Vite) into web/dist,
# which keyward-gateway serves at / (--portal-dir). Its typed API client is
# generated from the gateway's OpenAPI document, so this runs after
# generate_gateway_sources (scripts/lib/gateway.sh). Sourced after deps.sh.
#
#   build_web    npm ci when node_modules is missing or package-lock.json changed,
#                then `npm run build` when web/ or the OpenAPI document changed
#   ensure_node  Node.js >= 20.19 with npm on PATH, or die naming what is missing
#   web_npm ARGS...   npm, in web/, with its cache under .local/npm
#
# npm's cache is under .local/ (not HOME), like Go's: a fresh machine, or a test
# with an empty HOME, needs nothing from the user's home directory.

WEB_DIR="$KEYWARD_ROOT/web"
WEB_DIST_DIR="$WEB_DIR/dist"
WEB_NODE_MIN_VERSION=20.19
# Stamps live in node_modules/: removing it starts both steps afresh.
WEB_INSTALL_STAMP="$WEB_DIR/node_modules/.keyward-install-stamp"
WEB_BUILD_STAMP="$WEB_DIR/node_modules/.keyward-build-stamp"

web_npm() {
  (cd "$WEB_DIR" &&
    env npm_config_cache="${npm_config_cache:-$LOCAL_DIR/npm}" \
      npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
      npm "$@")
}

# Is Node.js VERSION (like 20.20.2) at least WEB_NODE_MIN_VERSION?
web_node_is_recent() {
  [[ "$(printf '%s\n%s\n' "$WEB_NODE_MIN_VERSION" "$1" | sort -V | head -n 1)" == "$WEB_NODE_MIN_VERSION" ]]
}

# Nothing is installed here: Debian bookworm's nodejs is 18, too old for
# Vite 8, and its npm package would pull that one in.
ensure_node() {
  local needed="the portal (Vite 8) needs Node.js >= $WEB_NODE_MIN_VERSION with npm"
  needed+=" (Debian bookworm's nodejs is 18, too old): install Node.js 22, or $WEB_NODE_MIN_VERSION or newer,"
  needed+=" from NodeSource's nodejs package or nodejs.org, and re-run"
  have node || die "no Node.js on PATH: $needed"
  local version
  version="$(node -p 'process.versions.node')"
  web_node_is_recent "$version" || die "Node.js $version is too old: $needed"
  have npm || die "Node.js $version has no npm on PATH: $needed"
}

# web_sources_hash — one hash of what the build reads: web/'s files that git
# tracks or would (not node_modules/ or dist/, which it ignores), the lock file
# among them, and the OpenAPI document the client is generated from.
web_sources_hash() {
  (
    cd "$KEYWARD_ROOT" || exit
    {
      git ls-files -z --cached --others --exclude-standard -- web |
        while IFS= read -r -d '' file; do
          [[ -f "$file" ]] && printf '%s\0' "$file"
        done | sort -z | xargs -0 -r sha256sum
      sha256sum "${GATEWAY_OPENAPI#"$KEYWARD_ROOT"/}"
      node --version
    } | sha256sum | cut -d' ' -f1
  )
}

web_install() {
  local lock_hash
  lock_hash="$( (sha256sum "$WEB_DIR/package-lock.json" && node --version) | sha256sum | cut -d' ' -f1)"
  if [[ -d "$WEB_DIR/node_modules" && -f "$WEB_INSTALL_STAMP" && "$(<"$WEB_INSTALL_STAMP")" == "$lock_hash" ]]; then
    return 0
  fi
  log "installing the portal's dependencies (npm ci: package-lock.json pins them)"
  web_npm ci --no-audit --no-fund
  echo "$lock_hash" >"$WEB_INSTALL_STAMP"
}

build_web() {
  ensure_node
  [[ -f "$GATEWAY_OPENAPI" ]] ||
    die "$GATEWAY_OPENAPI is missing: the portal's client is generated from it (generate_gateway_sources)"
  web_install
  local sources_hash
  sources_hash="$(web_sources_hash)"
  if [[ -f "$WEB_DIST_DIR/index.html" && -f "$WEB_BUILD_STAMP" && "$(<"$WEB_BUILD_STAMP")" == "$sources_hash" ]]; then
    return 0
  fi
  log "building the portal into web/dist (generate the typed client, tsc, vite build)"
  rm -f "$WEB_BUILD_STAMP"
  web_npm run build --silent
  [[ -f "$WEB_DIST_DIR/index.html" ]] || die "npm run build wrote no $WEB_DIST_DIR/index.html"
  echo "$sources_hash" >"$WEB_BUILD_STAMP"
}
