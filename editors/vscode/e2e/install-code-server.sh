#!/usr/bin/env bash
# Installs code-server (a real VS Code in the browser) from npm, for the e2e test.
# Idempotent: a finished install is reused. Prints the install folder last.
#
# code-server's own postinstall downloads things this machine cannot reach, so
# it is installed with --ignore-scripts and its postinstall done by hand
# (node-gyp against the installed Node headers, ripgrep from Debian).
set -euo pipefail

VERSION=4.100.3   # the last code-server that accepts Node 20
DIR=${GONGKAI_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gongkai-e2e/code-server-$VERSION}
STAMP="$DIR/.installed"
log() { printf '[code-server] %s\n' "$*" >&2; }

if [ -f "$STAMP" ] && [ -x "$DIR/node_modules/.bin/code-server" ]; then
  log "reusing $DIR"
  echo "$DIR"
  exit 0
fi

need_apt=()
for p in build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
LOG="$DIR/install.log"
trap 'rc=$?; [ $rc -eq 0 ] || { log "failed; the end of $LOG:"; tail -n 40 "$LOG" >&2; }' EXIT
printf '{"name":"gongkai-e2e-code-server","private":true}\n' > package.json

export npm_config_nodedir=/usr          # node-gyp: use the installed Node headers, no download
export npm_config_yes=true              # node-pty runs `npx node-gyp`, which would ask
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

log "npm install code-server@$VERSION --ignore-scripts"
npm install --no-save "code-server@$VERSION" --ignore-scripts --loglevel=error >>"$LOG" 2>&1
log "npm rebuild argon2"
npm rebuild argon2 --loglevel=error >>"$LOG" 2>&1

VS="$DIR/node_modules/code-server/lib/vscode"
cd "$VS"
log "vscode: npm install --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts --loglevel=error >>"$LOG" 2>&1
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
log "vscode: npm rebuild"
npm rebuild --loglevel=error >>"$LOG" 2>&1
ln -sf code-linux.sh bin/remote-cli/code-server
ln -sf browser-linux.sh bin/helpers/browser.sh
log "vscode/extensions: npm install --omit=dev"
(cd extensions && npm install --omit=dev --loglevel=error >>"$LOG" 2>&1)

XDG_CONFIG_HOME="$DIR/.config" "$DIR/node_modules/.bin/code-server" --version >&2
touch "$STAMP"
log "installed in $DIR"
echo "$DIR"
