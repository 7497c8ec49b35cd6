#!/usr/bin/env bash
# Every test of the project, in parts that all run even when one fails:
#   rust        cargo test (unit, corpus, CLI, LSP, docs; benches in quick mode)
#   neovim-0.7  the Neovim client test (tests/lsp_nvim.rs, the `nvim` on PATH)
#   editors     editors/test-all.sh: the wheel, VS Code, Neovim ≥0.11, Helix,
#               pre-commit, code-server (its own parts named on failure)
# The last line names what failed, e.g.
#   FAILED: neovim-0.7 (exit 101), editors: pre-commit (exit 1)
# or says "all passed: rust, neovim-0.7, editors".
set -uo pipefail
cd "$(dirname "$0")/.."
NVIM_TEST=neovim_sees_diagnostic_hover_and_completion
failed=() ran=()
part() { # part NAME COMMAND...
  local name=$1 rc; shift
  ran+=("$name")
  printf '\n=== %s: %s\n' "$name" "$*" >&2
  "$@"
  rc=$?
  [ "$rc" -eq 0 ] || failed+=("$name (exit $rc)")
}

part rust cargo test --lib --bins --tests --examples -- --skip "$NVIM_TEST"
part rust-benches cargo test --benches
part neovim-0.7 cargo test --test lsp_nvim -- --exact "$NVIM_TEST"

if [ -x editors/test-all.sh ]; then
  log=$(mktemp /tmp/gongkai-test-all.XXXXXX)
  ran+=(editors)
  printf '\n=== editors: editors/test-all.sh\n' >&2
  editors/test-all.sh 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ]; then
    # test-all.sh ends with "…; FAILED: part (…), part (…)".
    which=$(tail -n1 "$log" | sed -n 's/.*FAILED: //p')
    failed+=("editors: ${which:-exit $rc}")
  fi
  rm -f "$log"
fi

if [ ${#failed[@]} -eq 0 ]; then
  echo "all passed: ${ran[*]}"
else
  out=${failed[0]}
  for f in "${failed[@]:1}"; do out="$out, $f"; done
  echo "FAILED: $out"
fi
[ ${#failed[@]} -eq 0 ]
