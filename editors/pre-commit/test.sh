#!/usr/bin/env bash
# The real pre-commit (PyPI) in scratch git repositories, two ways of getting
# gongkai, each with a report that has a wrong 总计 and a README:
#
#   wheel      the no-Rust set-up of docs/editors.md: a `repo: local` hook,
#              `language: python`, installing the built wheel
#              (additional_dependencies), run with no cargo/rustc on PATH:
#              the commit is blocked (GK201 at the cell), the README is not
#              checked, `gongkai-fix` repairs the report, the commit goes through;
#   hook-repo  this repository as the hook repository (.pre-commit-hooks.yaml,
#              `language: python`) pinned at a commit: pre-commit pip-installs
#              it, pip builds the wheel with maturin (needs Rust); the commit
#              is blocked, the README is not checked.
#
# Env: GONGKAI_WHEEL_DIR (a folder holding the built wheel; built here when it
# has none). The hook-repo build uses the repository's cargo target dir (or
# CARGO_TARGET_DIR), so the dependencies built for the wheel are reused.
# Last line: "N passed, M failed".
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
log() { printf '[pre-commit] %s\n' "$*" >&2; }
. "$REPO/editors/lib.sh"

passed=0 failed=0
check() { # check NAME EXIT-CODE [DETAIL]
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1${3:+ ($3)}"; fi
}

VENV=${GONGKAI_PRECOMMIT_VENV:-$GONGKAI_E2E_CACHE/precommit-venv}
if [ ! -x "$VENV/bin/pre-commit" ]; then
  log "installing pre-commit into $VENV"
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q pre-commit >&2 || { echo "0 passed, 1 failed"; exit 1; }
fi
PRE_COMMIT=$VENV/bin/pre-commit
log "$("$PRE_COMMIT" --version)"

WORK=$(mktemp -d /tmp/gongkai-pre-commit.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
REPORT="北京市东城区建国门街道2020年政府信息公开工作年度报告.txt"

WHEEL=
for w in "${GONGKAI_WHEEL_DIR:-/nonexistent}"/gongkai-*.whl; do [ -f "$w" ] && WHEEL=$w; done
if [ -z "$WHEEL" ]; then
  log "no wheel in GONGKAI_WHEEL_DIR: building it"
  build_wheel "$REPO" "$WORK/wheels" || { echo "not ok - the wheel builds"; echo "0 passed, 1 failed"; exit 1; }
fi
log "wheel: $WHEEL"

# scratch NAME CONFIG: a new git repository with the broken report, a README
# and CONFIG as .pre-commit-config.yaml; cd into it.
scratch() {
  mkdir -p "$WORK/scratch-$1" && cd "$WORK/scratch-$1" && git init -q -b main .
  cp "$REPO/editors/fixtures/seed-2020-wrong-total.txt" "$REPORT"
  printf '# Reports\n\nNot a report itself: the hooks leave it alone.\n' >README.md
  printf '%s\n' "$2" >.pre-commit-config.yaml
  git add -A
  export PRE_COMMIT_HOME="$WORK/$1-home"
}

# blocked NAME: the first commit is stopped by the gongkai hook, at the cell.
blocked() {
  git commit -qm "add the report" >"$WORK/$1-commit1.log" 2>&1
  local rc=$?
  [ $rc -ne 0 ]; check "$1: the commit of the broken report is blocked" $? "git commit exited $rc"
  grep -q "$REPORT:366:2: 错误\[GK201\]" "$WORK/$1-commit1.log"
  check "$1: the hook output names GK201 at the 总计 cell ($REPORT:366:2)" $? "$(tail -5 "$WORK/$1-commit1.log")"
  ! grep -q 'README.md' "$WORK/$1-commit1.log"; check "$1: README.md is not checked" $?
  [ -z "$(git log --oneline 2>/dev/null)" ]; check "$1: nothing was committed" $?
}

# ---- 1. wheel: no Rust ------------------------------------------------------
NORUST_PATH=/usr/local/bin:/usr/bin:/bin
scratch wheel "repos:
  - repo: local
    hooks:
      - id: gongkai
        name: gongkai
        entry: gongkai check --only-reports
        language: python
        additional_dependencies: [\"$WHEEL\"]
        types_or: [markdown, text]
      - id: gongkai-fix
        name: gongkai --fix
        entry: gongkai check --only-reports --fix
        language: python
        additional_dependencies: [\"$WHEEL\"]
        types_or: [markdown, text]
        require_serial: true
        stages: [manual]"
(export PATH=$NORUST_PATH
  ! command -v cargo >/dev/null && ! command -v rustc >/dev/null) ; check "wheel: no cargo or rustc on the PATH used here" $?
t0=$SECONDS
PATH=$NORUST_PATH "$PRE_COMMIT" install >/dev/null
PATH=$NORUST_PATH "$PRE_COMMIT" install-hooks >"$WORK/wheel-install.log" 2>&1
check "wheel: pre-commit installs the hooks from the wheel ($((SECONDS - t0)) s)" $? "$(tail -5 "$WORK/wheel-install.log")"
PATH=$NORUST_PATH blocked wheel

PATH=$NORUST_PATH "$PRE_COMMIT" run gongkai-fix --hook-stage manual --files "$REPORT" >"$WORK/fix.log" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q 'files were modified by this hook' "$WORK/fix.log"; check "wheel: gongkai-fix rewrites the report (and says so)" $? "exit $rc: $(tail -3 "$WORK/fix.log")"
[ "$(sed -n 366p "$REPORT")" = "$(printf '\t6')" ]; check "wheel: the 总计 is now the computed sum, 6" $? "$(sed -n 366p "$REPORT" | od -c | sed -n 1p)"
cmp -s "$REPORT" "$REPO/tests/fixtures/seed/seed-2020.txt"; check "wheel: the fixed report is the published one, byte for byte" $?
git add -A
PATH=$NORUST_PATH git commit -qm "add the report" >"$WORK/commit2.log" 2>&1
check "wheel: the fixed report commits" $? "$(tail -5 "$WORK/commit2.log")"
grep -q 'gongkai.*Passed' "$WORK/commit2.log"; check "wheel: the gongkai hook ran and passed" $? "$(cat "$WORK/commit2.log")"

# ---- 2. this repository as the hook repository (builds: needs Rust) ---------
# At HEAD when the files pip builds from are committed, otherwise a snapshot
# commit of the working tree (what `pre-commit try-repo` does).
BUILD_FILES=(.pre-commit-hooks.yaml pyproject.toml Cargo.toml Cargo.lock README.md LICENSE src data)
if [ -z "$(git -C "$REPO" status --porcelain -- "${BUILD_FILES[@]}")" ]; then
  HOOK_REPO=$REPO
  REV=$(git -C "$REPO" rev-parse HEAD)
else
  log "uncommitted changes: using a snapshot of the working tree"
  HOOK_REPO="$WORK/hook-repo"
  git clone -q --no-hardlinks "$REPO" "$HOOK_REPO"
  (cd "$REPO" && git ls-files -z --cached --others --exclude-standard -- "${BUILD_FILES[@]}" | xargs -0 -I{} cp --parents {} "$HOOK_REPO/")
  git -C "$HOOK_REPO" add -A && git -C "$HOOK_REPO" commit -qm snapshot --allow-empty
  REV=$(git -C "$HOOK_REPO" rev-parse HEAD)
fi
log "hooks from $HOOK_REPO at $REV"
scratch hook-repo "repos:
  - repo: $HOOK_REPO
    rev: $REV
    hooks:
      - id: gongkai"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
t0=$SECONDS
"$PRE_COMMIT" install >/dev/null
"$PRE_COMMIT" install-hooks >"$WORK/hook-repo-install.log" 2>&1
check "hook-repo: pre-commit installs the hook, pip building the wheel with maturin ($((SECONDS - t0)) s)" $? "$(tail -5 "$WORK/hook-repo-install.log")"
blocked hook-repo

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
