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
