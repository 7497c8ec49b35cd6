#!/usr/bin/env bash
# A real VS Code: code-server (npm) with the freshly built .vsix installed into
# an isolated profile, served on 127.0.0.1 only, driven by Debian's Chromium
# through playwright-core.
#
#   1. diagnostics: the linux-x64 .vsix with the server inside, no
#      gongkai.server.path and no gongkai on PATH → the bundled server runs
#      (its log line says so); the seed report with one wrong 总计 → the
#      squiggle, the hover text, the Problems entry, Fix All (screenshots in $SHOTS);
#   2. no-server: the .vsix without a server, a bogus gongkai.server.path and
#      no gongkai on PATH → the extension still activates and says so in an
#      error notification (in Chinese).
#
# Env: SCENARIOS (default "diagnostics no-server"), GONGKAI_BIN (default: the
# debug build; gives the expected findings), VSIX (default:
# ../gongkai-linux-x64.vsix), VSIX_NO_SERVER (default: ../gongkai.vsix), both
# built if missing; SHOTS (default: e2e/screenshots), UPDATE_DOCS=1 copies the
# screenshots to docs/img/.
# Last line: "N passed, M failed".
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
EXT_DIR=$(dirname "$HERE")
REPO=$(cd "$EXT_DIR/../.." && pwd)
SHOTS=${SHOTS:-$HERE/screenshots}
VSIX=${VSIX:-$EXT_DIR/gongkai-linux-x64.vsix}
VSIX_NO_SERVER=${VSIX_NO_SERVER:-$EXT_DIR/gongkai.vsix}
log() { printf '[e2e] %s\n' "$*" >&2; }

. "$REPO/editors/lib.sh"
gongkai_bin "$REPO" || { echo "0 passed, 1 failed"; exit 1; }

need=()
for p in chromium fonts-noto-cjk; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -d "$EXT_DIR/node_modules/playwright-core" ] || (cd "$EXT_DIR" && npm ci --no-audit --no-fund >&2)
if [ ! -f "$VSIX" ]; then (cd "$EXT_DIR" && npm run --silent package:linux-x64 >&2) || { echo "0 passed, 1 failed"; exit 1; }; fi
if [ ! -f "$VSIX_NO_SERVER" ]; then (cd "$EXT_DIR" && npm run --silent package >&2) || { echo "0 passed, 1 failed"; exit 1; }; fi
CS_DIR=$(bash "$HERE/install-code-server.sh") || { log "code-server could not be installed"; echo "0 passed, 1 failed"; exit 1; }
CODE_SERVER="$CS_DIR/node_modules/.bin/code-server"

WORK=$(mktemp -d /tmp/gongkai-e2e.XXXXXX)
CS_PID=
cleanup() {
  [ -n "$CS_PID" ] && kill -- -"$CS_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$SHOTS"

REPORT_NAME="建国门街道2020年政府信息公开工作年度报告.txt"

# A PATH without any gongkai on it (the no-server scenario must not find one).
clean_path() {
  local out= d
  IFS=: read -ra dirs <<<"$PATH"
  for d in "${dirs[@]}"; do [ -n "$d" ] && [ ! -e "$d/gongkai" ] && out="${out:+$out:}$d"; done
  echo "$out"
}

# start_code_server NAME SERVER_PATH VSIX → sets URL, CS_PID
start_code_server() {
  local name=$1 server_path=$2 vsix=$3 base="$WORK/$1"
  mkdir -p "$base/user/User" "$base/ext" "$base/ws" "$base/xdg"
  cp "$REPO/editors/fixtures/seed-2020-wrong-total.txt" "$base/ws/$REPORT_NAME"
  cat >"$base/user/User/settings.json" <<JSON
{
  "gongkai.server.path": "$server_path",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.commandCenter.enabled": false,
  "editor.fontFamily": "'Noto Sans Mono CJK SC', monospace",
  "editor.fontSize": 15,
  "editor.hover.delay": 200,
  "editor.minimap.enabled": false,
  "editor.stickyScroll.enabled": false,
  "window.zoomLevel": 0
}
JSON
  log "$name: installing $(basename "$vsix")"
  XDG_CONFIG_HOME="$base/xdg" XDG_DATA_HOME="$base/xdg" "$CODE_SERVER" --config "$base/config.yaml" \
    --user-data-dir "$base/user" --extensions-dir "$base/ext" --install-extension "$vsix" >"$base/install.log" 2>&1 \
    || { log "install failed:"; cat "$base/install.log" >&2; return 1; }
  local port
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  PATH=$(clean_path) XDG_CONFIG_HOME="$base/xdg" XDG_DATA_HOME="$base/xdg" setsid "$CODE_SERVER" --config "$base/config.yaml" \
    --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override --user-data-dir "$base/user" --extensions-dir "$base/ext" "$base/ws" \
    >"$base/code-server.log" 2>&1 </dev/null &
  CS_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || { log "code-server did not come up:"; tail -20 "$base/code-server.log" >&2; return 1; }
  URL="http://127.0.0.1:$port/?folder=$base/ws"
  log "$name: code-server on 127.0.0.1:$port (pid $CS_PID)"
}

stop_code_server() {
  [ -n "$CS_PID" ] && kill -- -"$CS_PID" 2>/dev/null
  [ -n "$CS_PID" ] && wait "$CS_PID" 2>/dev/null
  CS_PID=
}

passed=0 failed=0
tally() { # tally LOGFILE
  local p f
  p=$(grep -c '^ok - ' "$1"); f=$(grep -c '^not ok - ' "$1")
  passed=$((passed + p)); failed=$((failed + f))
  [ "$p" -gt 0 ] || [ "$f" -gt 0 ] || failed=$((failed + 1))
}

SCENARIOS=${SCENARIOS:-diagnostics no-server}
case " $SCENARIOS " in *" diagnostics "*)
# 1. diagnostics, hover, Problems.
expect="$WORK/expect-diagnostics.json"
"$GONGKAI_BIN" check --format json "$REPO/editors/fixtures/seed-2020-wrong-total.txt" >"$WORK/check.json" 2>/dev/null
node -e '
  const all = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const d = all.find((x) => x.code === "GK201");
  if (!d) { console.error("gongkai check found no GK201 in the broken seed"); process.exit(1); }
  const errors = all.filter((x) => x.severity === "error").length;
  const sum = d.fix && d.fix.edits[0].new_text;
  console.log(JSON.stringify({ code: d.code, message: d.message, line: d.range.start.line, column: d.range.start.column, errors, sum }));
' "$WORK/check.json" >"$expect" || { echo "0 passed, 1 failed"; exit 1; }
log "expecting $(cat "$expect")"
if start_code_server diagnostics "" "$VSIX"; then
  node "$HERE/drive.mjs" diagnostics "$URL" "$REPORT_NAME" "$expect" "$SHOTS" | tee "$WORK/diagnostics.out"
  # The extension's output channel, as code-server logs it.
  used=$(grep -rhs 'using .* from bundled' "$WORK/diagnostics/user/logs" | sed -n 1p)
  if [ -n "$used" ]; then echo "ok - the bundled server ran (${used##*using })"; else echo "not ok - the bundled server ran (no 'from bundled' line in the extension's log)"; fi | tee -a "$WORK/diagnostics.out"
  tally "$WORK/diagnostics.out"
else
  failed=$((failed + 1))
fi
stop_code_server
;; esac

case " $SCENARIOS " in *" no-server "*)
# 2. No server: a bogus path, nothing bundled, nothing on PATH.
bogus="$WORK/no-such-dir/gongkai"
printf '{"notification": ["找不到可用的语言服务器", "%s", "PATH 中没有 gongkai"]}\n' "$bogus" >"$WORK/expect-no-server.json"
if start_code_server no-server "$bogus" "$VSIX_NO_SERVER"; then
  node "$HERE/drive.mjs" no-server "$URL" "$REPORT_NAME" "$WORK/expect-no-server.json" "$SHOTS" | tee "$WORK/no-server.out"
  tally "$WORK/no-server.out"
else
  failed=$((failed + 1))
fi
stop_code_server
;; esac

if [ "${UPDATE_DOCS:-0}" = 1 ] && [ -f "$SHOTS/vscode-squiggle.png" ]; then
  mkdir -p "$REPO/docs/img"
  cp "$SHOTS"/vscode-{squiggle,problems,no-server}.png "$REPO/docs/img/" && log "updated docs/img"
fi
log "screenshots in $SHOTS"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
