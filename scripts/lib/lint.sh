# shellcheck shell=bash
# The checks of `scripts/test lint`, each over the files git tracks, with pinned tools
# (Debian bookworm's clang-format 14.0.6 and ShellCheck 0.9.0, installed when missing)
# so that every machine reports the same findings.
#
#   lint_cpp    clang-format-14 --dry-run -Werror on every *.cc and *.h (style: .clang-format)
#   lint_shell  shellcheck on every shell script: *.sh and files whose #! names sh or bash
#   lint_rego   opa fmt on the policies and the documented policy examples
#   lint_go     gofmt on every *.go (the gateway)
#   lint_web    prettier --check over the portal (web/; the version package-lock.json pins)
#   ensure_lint_tools

# shellcheck source=scripts/lib/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
# shellcheck source=scripts/lib/opa.sh
source "$(dirname "${BASH_SOURCE[0]}")/opa.sh"
# shellcheck source=scripts/lib/web.sh
source "$(dirname "${BASH_SOURCE[0]}")/web.sh"

LINT_CLANG_FORMAT=clang-format-14
LINT_DEBIAN_PACKAGES=(clang-format-14 shellcheck)
LINT_REGO_DIRS=(policy docs/examples)

ensure_lint_tools() {
  ensure_debian_packages "${LINT_DEBIAN_PACKAGES[@]}"
  have "$LINT_CLANG_FORMAT" || die "$LINT_CLANG_FORMAT not found after installing it"
  have shellcheck || die "shellcheck not found after installing it"
}

# Paths relative to the repository root, NUL-separated.
lint_tracked_files() {
  git -C "$KEYWARD_ROOT" ls-files -z -- "$@" ||
    die "git ls-files failed: lint needs a git checkout"
}

lint_cpp() {
  local output files
  output="$(cd "$KEYWARD_ROOT" && lint_tracked_files '*.cc' '*.h' |
    xargs -0 -r "$LINT_CLANG_FORMAT" --dry-run -Werror 2>&1)" && return 0
  files="$(grep -oE '^[^: ]+:[0-9]+:[0-9]+: error' <<<"$output" | cut -d: -f1 | sort -u)"
  if [[ -z "$files" ]]; then
    printf '%s\n' "$output" >&2
    return 1
  fi
  log "not formatted as .clang-format says ($(wc -l <<<"$files") files): ${files//$'\n'/ }"
  log "fix with: $LINT_CLANG_FORMAT -i FILE..."
  return 1
}

lint_shell_files() {
  local file
  while IFS= read -r -d '' file; do
    [[ -f "$KEYWARD_ROOT/$file" ]] || continue
    if [[ "$file" == *.sh ]] ||
      head -n 1 "$KEYWARD_ROOT/$file" | grep -qE '^#!.*[/ ](ba)?sh([[:space:]]|$)'; then
      printf '%s\0' "$file"
    fi
  done < <(lint_tracked_files)
}

# -x follows `source` into scripts/lib/; the `# shellcheck source=` paths are relative
# to the repository root.
lint_shell() {
  (cd "$KEYWARD_ROOT" && lint_shell_files | xargs -0 -r shellcheck -x)
}

lint_rego() {
  (cd "$KEYWARD_ROOT" && "$OPA_BIN" fmt --list --fail "${LINT_REGO_DIRS[@]}")
}

lint_go() {
  ensure_go
  local unformatted
  unformatted="$(cd "$KEYWARD_ROOT" && lint_tracked_files '*.go' | xargs -0 -r gofmt -l)" || return 1
  [[ -z "$unformatted" ]] && return 0
  log "not formatted as gofmt says: ${unformatted//$'\n'/ }"
  log "fix with: gofmt -w FILE..."
  return 1
}

lint_web() {
  ensure_node
  web_install
  web_npm run --silent format:check
}
