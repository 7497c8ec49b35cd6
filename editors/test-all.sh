#!/usr/bin/env bash
# Every editor-integration test, non-interactively (CI=true, no stdin):
#   wheel       the Python wheel (maturin): built, pip-installed into a fresh
#               venv, `gongkai check` run from it with no Rust on PATH
#   vscode      npm ci, tsc lint, esbuild, the .vsix (@vscode/vsce) without a
#               server and the linux-x64 one with the release server inside
#               (`npm run package:linux-x64`), node --test
#               (server lookup order, settings, and the LSP end to end on the
#               client stack VS Code uses, against the real `gongkai lsp --stdio`)
#   neovim      headless Neovim ≥0.11 with editors/neovim/lsp/gongkai.lua, and the
#               vim.lsp.start snippet
#   helix       editors/helix/languages.toml parses and names the server
#   pre-commit  the real pre-commit in a scratch repo: the hook from the wheel
#               (no Rust) and this repository's hooks (built from source)
#   code-server a real VS Code (code-server) in Chromium: squiggle, hover,
#               Problems, and activation without a server
# Installs what it needs (apt, npm, pip in venvs under ~/.cache/gongkai-e2e),
# idempotently. EDITORS_SKIP="code-server pre-commit" skips parts.
# GONGKAI_BIN: the server to test (default: `cargo build`, then target/debug/gongkai).
# Last line: "N passed, M failed", followed on failure by "; FAILED: " and the
# failed parts, e.g. "40 passed, 1 failed; FAILED: neovim (exit 1)".
set -uo pipefail
export CI=${CI:-true}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SKIP=" ${EDITORS_SKIP:-} "
log() { printf '\n== %s\n' "$*" >&2; }
passed=0 failed=0 failed_parts=()
WORK=$(mktemp -d /tmp/gongkai-editors.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# add_counts PART OUTPUT-FILE EXIT-CODE: reads the part's "N passed, M failed" line.
add_counts() {
  local line p f
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -1)
  if [ -z "$line" ]; then
    echo "not ok - $1: no result line (exit $3)"; failed=$((failed + 1)); return
  fi
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then echo "not ok - $1: exit $3"; failed=$((failed + 1)); fi
  echo "$1: $line" >&2
}
part() { # part NAME COMMAND...
  local name=$1; shift
  case "$SKIP" in *" $name "*) log "$name: skipped"; return ;; esac
  log "$name"
  local t0=$SECONDS f0=$failed rc
  "$@" 2>&1 | tee "$WORK/$name.out"
  rc=${PIPESTATUS[0]}
  add_counts "$name" "$WORK/$name.out" "$rc"
  [ "$failed" -eq "$f0" ] || failed_parts+=("$name (exit $rc, $((failed - f0)) failed)")
  echo "$name: $((SECONDS - t0)) s" >&2
}

# The server under test.
if [ -z "${GONGKAI_BIN:-}" ]; then
  log "cargo build"
  (cd "$REPO" && cargo build --quiet --bin gongkai) || { echo "0 passed, 1 failed; FAILED: cargo build"; exit 1; }
  # Copied at once: a shared CARGO_TARGET_DIR may be rebuilt by someone else meanwhile.
  cp "${CARGO_TARGET_DIR:-$REPO/target}/debug/gongkai" "$WORK/gongkai"
  GONGKAI_BIN=$WORK/gongkai
fi
export GONGKAI_BIN
"$GONGKAI_BIN" --version >&2

vscode() {
  cd "$REPO/editors/vscode" || return 1
  npm ci --no-audit --no-fund --loglevel=error >&2 || { echo "0 passed, 1 failed"; return 1; }
  local p=0 f=0
  if npm run --silent lint >&2; then p=$((p + 1)); echo "ok - tsc --noEmit"; else f=$((f + 1)); echo "not ok - tsc --noEmit"; fi
  rm -f gongkai.vsix gongkai-linux-x64.vsix
  if npm run --silent package >"$WORK/package.log" 2>&1 && [ -s gongkai.vsix ]; then
    p=$((p + 1)); echo "ok - npm run package: $(grep -o 'Packaged: .*' "$WORK/package.log")"
  else
    f=$((f + 1)); echo "not ok - npm run package"; cat "$WORK/package.log"
  fi
  # The documented command; after the wheel part its cargo build is a no-op.
  local t0=$SECONDS
  if npm run --silent package:linux-x64 >"$WORK/package-x64.log" 2>&1 && [ -s gongkai-linux-x64.vsix ]; then
    p=$((p + 1)); echo "ok - npm run package:linux-x64 ($((SECONDS - t0)) s): $(grep -o 'Packaged: .*' "$WORK/package-x64.log")"
  else
    f=$((f + 1)); echo "not ok - npm run package:linux-x64"; cat "$WORK/package-x64.log"
  fi
  # What is inside: the server, executable, answering --version; none in the plain one.
  python3 - gongkai-linux-x64.vsix gongkai.vsix "$WORK/vsix-server" >"$WORK/vsix.tap" 2>&1 <<'PY'
import os, subprocess, sys, zipfile
x64, plain, out = sys.argv[1:]
checks = []
z = zipfile.ZipFile(x64)
manifest = z.read("extension.vsixmanifest").decode()
checks.append(("the linux-x64 .vsix says TargetPlatform=linux-x64", 'TargetPlatform="linux-x64"' in manifest, ""))
try:
    info = z.getinfo("extension/server/gongkai")
    mode = info.external_attr >> 16
    with open(out, "wb") as f:
        f.write(z.read(info))
    os.chmod(out, mode & 0o777)
    checks.append(("it holds extension/server/gongkai, mode 755", mode & 0o777 == 0o755, oct(mode)))
    r = subprocess.run([out, "--version"], capture_output=True, text=True)
    checks.append(("the bundled server runs: --version", r.returncode == 0 and r.stdout.startswith("gongkai "), r.stdout.strip() or r.stderr.strip()))
except KeyError:
    checks.append(("it holds extension/server/gongkai", False, ", ".join(z.namelist())))
names = zipfile.ZipFile(plain).namelist()
checks.append(("the plain .vsix has no server inside", not any(n.startswith("extension/server/") for n in names), ""))
for name, ok, detail in checks:
    print(("ok - " if ok else "not ok - ") + name + (f" ({detail})" if detail and not ok else ""))
PY
  cat "$WORK/vsix.tap"
  p=$((p + $(grep -c '^ok - ' "$WORK/vsix.tap"))); f=$((f + $(grep -c '^not ok - ' "$WORK/vsix.tap")))
  grep -q '^ok - ' "$WORK/vsix.tap" || { f=$((f + 1)); echo "not ok - the .vsix check did not run"; }
  node --test --test-reporter=tap test/*.test.js >"$WORK/node-test.tap" 2>&1
  local rc=$?
  grep -E '^(not )?ok ' "$WORK/node-test.tap"
  [ $rc -eq 0 ] || tail -40 "$WORK/node-test.tap"
  local tp tf
  tp=$(sed -n 's/^# pass //p' "$WORK/node-test.tap"); tf=$(sed -n 's/^# fail //p' "$WORK/node-test.tap")
  p=$((p + ${tp:-0})); f=$((f + ${tf:-1}))
  echo "$p passed, $f failed"
  [ "$f" -eq 0 ]
}

helix() {
  python3 - "$REPO/editors/helix/languages.toml" <<'PY'
import sys, tomllib
cfg = tomllib.load(open(sys.argv[1], "rb"))
checks = []
srv = cfg.get("language-server", {}).get("gongkai", {})
checks.append(("the gongkai server runs `gongkai lsp`", srv.get("command") == "gongkai" and srv.get("args") == ["lsp"]))
checks.append(("its settings sit under the gongkai section", set(srv.get("config", {}).get("gongkai", {})) >= {"reportFormat", "select", "ignore"}))
lang = next((l for l in cfg.get("language", []) if l.get("name") == "gongkai"), {})
globs = [ft.get("glob") for ft in lang.get("file-types", []) if isinstance(ft, dict)]
checks.append(("the gongkai language matches *年度报告*.md/.txt", "*年度报告*.md" in globs and "*年度报告*.txt" in globs))
checks.append(("the gongkai language uses the server", "gongkai" in lang.get("language-servers", [])))
for name, ok in checks:
    print(("ok - " if ok else "not ok - ") + name)
bad = sum(not ok for _, ok in checks)
print(f"{len(checks) - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
PY
}

# The wheel first: its release build is the server the linux-x64 .vsix bundles
# (`npm run package:linux-x64` finds it fresh), and pre-commit installs it.
export GONGKAI_WHEEL_DIR=$WORK/wheels
part wheel bash "$REPO/editors/packaging/test-wheel.sh"
part vscode vscode
part neovim bash "$REPO/editors/neovim/test/run.sh"
part helix helix
part pre-commit bash "$REPO/editors/pre-commit/test.sh"
part code-server env VSIX="$REPO/editors/vscode/gongkai-linux-x64.vsix" VSIX_NO_SERVER="$REPO/editors/vscode/gongkai.vsix" bash "$REPO/editors/vscode/e2e/run.sh"

if [ ${#failed_parts[@]} -eq 0 ]; then
  echo "$passed passed, $failed failed"
else
  which=${failed_parts[0]}
  for p in "${failed_parts[@]:1}"; do which="$which, $p"; done
  echo "$passed passed, $failed failed; FAILED: $which"
fi
[ "$failed" -eq 0 ]
