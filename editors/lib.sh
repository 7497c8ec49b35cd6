# Sourced by the editor test scripts.

# gongkai_bin REPO: sets GONGKAI_BIN (absolute) to the server under test —
# GONGKAI_BIN if set, else the debug build — or fails with a message.
gongkai_bin() {
  local repo=$1 c
  if [ -z "${GONGKAI_BIN:-}" ]; then
    for c in "${CARGO_TARGET_DIR:-$repo/target}/debug/gongkai" "$repo/target/debug/gongkai"; do
      [ -x "$c" ] && { GONGKAI_BIN=$c; break; }
    done
  fi
  if [ ! -x "${GONGKAI_BIN:-}" ]; then
    echo "no gongkai binary: cargo build, or set GONGKAI_BIN" >&2
    return 1
  fi
  GONGKAI_BIN=$(readlink -f "$GONGKAI_BIN")
  export GONGKAI_BIN
}

# The cache for tools the tests install (venvs, code-server).
GONGKAI_E2E_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/gongkai-e2e

# build_wheel REPO OUTDIR: builds the Python wheel (pyproject.toml, maturin from
# PyPI in a cached venv) into OUTDIR and sets WHEEL to its path. The release
# build goes to the repository's cargo target dir (or CARGO_TARGET_DIR), so a
# second build of the same sources is a no-op.
build_wheel() {
  local repo=$1 out=$2 venv=${GONGKAI_MATURIN_VENV:-$GONGKAI_E2E_CACHE/maturin-venv} w
  if [ ! -x "$venv/bin/maturin" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q 'maturin>=1.5,<2' >&2 || return 1
  fi
  mkdir -p "$out"
  (cd "$repo" && "$venv/bin/maturin" build --release --locked --out "$out" >&2) || return 1
  WHEEL=
  for w in "$out"/gongkai-*.whl; do [ -f "$w" ] && WHEEL=$w; done
  [ -n "$WHEEL" ]
}
