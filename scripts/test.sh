#!/usr/bin/env bash
# Every test of the project: the Rust suite (unit, corpus, CLI, LSP and the
# Neovim client test), then the editor integrations if their tools are here.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets
if [ -x editors/test-all.sh ]; then
  editors/test-all.sh
fi
