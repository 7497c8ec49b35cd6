#!/usr/bin/env bash
# The Python wheel (pyproject.toml, maturin `bindings = "bin"`): built with
# maturin from PyPI, installed with pip into a fresh venv without an index,
# and the installed `gongkai` run with no Rust toolchain on PATH: --version,
# the bundled example (exit 0, no error) and the broken one (exit 1, GK201 at
# the 总计 cell).
#
# Env: GONGKAI_WHEEL_DIR (where the wheel is written and kept, for the other
# tests; default a temp dir). Last line: "N passed, M failed".
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
log() { printf '[wheel] %s\n' "$*" >&2; }
. "$REPO/editors/lib.sh"

passed=0 failed=0
check() { # check NAME EXIT-CODE [DETAIL]
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1${3:+ ($3)}"; fi
}

WORK=$(mktemp -d /tmp/gongkai-wheel.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OUT=${GONGKAI_WHEEL_DIR:-$WORK/wheels}

t0=$SECONDS
build_wheel "$REPO" "$OUT"
check "maturin builds the wheel ($((SECONDS - t0)) s)" $?
if [ -z "${WHEEL:-}" ]; then echo "$passed passed, $failed failed"; exit 1; fi
log "$WHEEL ($(du -k "$WHEEL" | cut -f1) KiB)"

VERSION=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["package"]["version"])' "$REPO/Cargo.toml")
names=$(python3 -c 'import sys, zipfile; print(" ".join(sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if not n.startswith("gongkai-") or ".data/" in n)))' "$WHEEL")
[ "$names" = "gongkai-$VERSION.data/scripts/gongkai" ]
check "the wheel holds the gongkai binary as a script, and nothing else" $? "$names"

python3 -m venv "$WORK/venv" >&2
"$WORK/venv/bin/pip" install -q --no-index "$WHEEL" >"$WORK/pip.log" 2>&1
check "pip installs it into a fresh venv, offline" $? "$(tail -3 "$WORK/pip.log")"

# What a user without Rust has: the venv and the system, no cargo or rustc.
NORUST_PATH=$WORK/venv/bin:/usr/local/bin:/usr/bin:/bin
env -i HOME="$WORK" PATH="$NORUST_PATH" sh -c '! command -v cargo && ! command -v rustc' >/dev/null
check "no Rust toolchain on the PATH used below" $?

want_version="gongkai $VERSION"
got=$(env -i HOME="$WORK" PATH="$NORUST_PATH" gongkai --version 2>&1)
[ "$got" = "$want_version" ]; check "\`gongkai --version\` from the venv's PATH says $want_version" $? "$got"
[ "$(env -i PATH="$NORUST_PATH" sh -c 'command -v gongkai')" = "$WORK/venv/bin/gongkai" ]
check "it is the venv's gongkai" $?

env -i HOME="$WORK" PATH="$NORUST_PATH" gongkai check "$REPO/tests/fixtures/seed/seed-2020.txt" >"$WORK/seed.out" 2>&1
rc=$?
last=$(tail -n1 "$WORK/seed.out")
[ $rc -eq 0 ] && [[ $last == "检查了 1 个文件：0 个错误，0 个警告"* ]]
check "gongkai check on the bundled example: exit 0, 0 errors" $? "exit $rc: $(tail -n1 "$WORK/seed.out")"

env -i HOME="$WORK" PATH="$NORUST_PATH" gongkai check "$REPO/editors/fixtures/seed-2020-wrong-total.txt" >"$WORK/broken.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'seed-2020-wrong-total.txt:366:2: .*\[GK201\]' "$WORK/broken.out"
check "…on the example with a wrong 总计: exit 1, GK201 at 366:2" $? "exit $rc: $(tail -n1 "$WORK/broken.out")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
