#!/usr/bin/env bash
# The real pre-commit (PyPI) against a scratch git repository using this
# repository's .pre-commit-hooks.yaml: a commit of a broken report is blocked,
# `gongkai-fix` repairs it, and the fixed report commits.
#
# pre-commit builds gongkai from this repository (`language: rust`, cargo
# install, unoptimised here). Env: GONGKAI_PRECOMMIT_TARGET (cargo target dir
# for that build, kept between runs so that it is incremental). Last line: "N passed, M failed".
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/gongkai-e2e
log() { printf '[pre-commit] %s\n' "$*" >&2; }

passed=0 failed=0
check() { # check NAME CONDITION-EXIT-CODE [DETAIL]
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1${3:+ ($3)}"; fi
}

VENV=${GONGKAI_PRECOMMIT_VENV:-$CACHE/precommit-venv}
if [ ! -x "$VENV/bin/pre-commit" ]; then
  log "installing pre-commit into $VENV"
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q pre-commit >&2 || { echo "0 passed, 1 failed"; exit 1; }
fi
PRE_COMMIT=$VENV/bin/pre-commit
log "$("$PRE_COMMIT" --version)"

WORK=$(mktemp -d /tmp/gongkai-pre-commit.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PRE_COMMIT_HOME="$WORK/pre-commit-home"
export CARGO_TARGET_DIR=${GONGKAI_PRECOMMIT_TARGET:-$CACHE/precommit-target}
# pre-commit runs `cargo install` (a release build); unoptimised, it takes a
# third of the time, and what is tested here is the hook, not the optimiser.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-0}
export CARGO_PROFILE_RELEASE_DEBUG=${CARGO_PROFILE_RELEASE_DEBUG:-0}
export CARGO_PROFILE_RELEASE_INCREMENTAL=${CARGO_PROFILE_RELEASE_INCREMENTAL:-true}
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# The hook repository at a commit: HEAD when the hook files are committed,
# otherwise a snapshot commit of the working tree (what `pre-commit try-repo` does).
if [ -z "$(git -C "$REPO" status --porcelain -- .pre-commit-hooks.yaml Cargo.toml Cargo.lock src)" ]; then
  HOOK_REPO=$REPO
  REV=$(git -C "$REPO" rev-parse HEAD)
else
  log "uncommitted changes: using a snapshot of the working tree"
  HOOK_REPO="$WORK/hook-repo"
  git clone -q --no-hardlinks "$REPO" "$HOOK_REPO"
  (cd "$REPO" && git ls-files -z --cached --others --exclude-standard -- .pre-commit-hooks.yaml Cargo.toml Cargo.lock src data | xargs -0 -I{} cp --parents {} "$HOOK_REPO/")
  git -C "$HOOK_REPO" add -A && git -C "$HOOK_REPO" commit -qm snapshot --allow-empty
  REV=$(git -C "$HOOK_REPO" rev-parse HEAD)
fi
log "hooks from $HOOK_REPO at $REV"

S="$WORK/scratch"
REPORT="北京市东城区建国门街道2020年政府信息公开工作年度报告.txt"
mkdir -p "$S" && cd "$S" && git init -q -b main .
cp "$REPO/editors/fixtures/seed-2020-wrong-total.txt" "$REPORT"
printf '# Reports\n\nNot a report itself: the hooks leave it alone.\n' >README.md
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $HOOK_REPO
    rev: $REV
    hooks:
      - id: gongkai
      - id: gongkai-fix
        stages: [manual]
YAML
git add -A

t0=$SECONDS
"$PRE_COMMIT" install >/dev/null
"$PRE_COMMIT" install-hooks >"$WORK/install-hooks.log" 2>&1
check "pre-commit builds the hook (cargo install, $((SECONDS - t0)) s)" $? "$(tail -5 "$WORK/install-hooks.log")"

git commit -qm "add the report" >"$WORK/commit1.log" 2>&1
rc=$?
[ $rc -ne 0 ]; check "commit of the broken report is blocked" $? "git commit exited $rc"
grep -q 'GK201' "$WORK/commit1.log"; check "the hook output names GK201" $? "$(tail -5 "$WORK/commit1.log")"
grep -q "$REPORT:366:2" "$WORK/commit1.log"; check "…at the 总计 cell ($REPORT:366:2)" $?
! grep -q 'README.md' "$WORK/commit1.log"; check "README.md is not checked" $?
[ -z "$(git log --oneline 2>/dev/null)" ]; check "nothing was committed" $?

"$PRE_COMMIT" run gongkai-fix --hook-stage manual --files "$REPORT" >"$WORK/fix.log" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q 'files were modified by this hook' "$WORK/fix.log"; check "gongkai-fix rewrites the report (and says so)" $? "exit $rc: $(tail -3 "$WORK/fix.log")"
[ "$(sed -n 366p "$REPORT")" = "$(printf '\t6')" ]; check "the 总计 is now the computed sum, 6" $? "$(sed -n 366p "$REPORT" | od -c | head -1)"
cmp -s "$REPORT" "$REPO/tests/fixtures/seed/seed-2020.txt"; check "the fixed report is the published one, byte for byte" $?

git add -A
git commit -qm "add the report" >"$WORK/commit2.log" 2>&1
check "the fixed report commits" $? "$(tail -5 "$WORK/commit2.log")"
grep -q 'Passed' "$WORK/commit2.log"; check "the gongkai hook ran and passed" $? "$(cat "$WORK/commit2.log")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
