#!/usr/bin/env bash
# CPU time of `gongkai check` over 1,000 reports next to ripgrep and typos
# reading the same bytes (issue 11's yardstick: ≤ 10× ripgrep, < typos).
#   scripts/bench-peers.sh [runs]     (needs: cargo; rg and typos are found on
#   PATH, else ripgrep comes from apt and typos from PyPI into a temp venv)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cargo build --release --quiet
bin=$PWD/target/release/gongkai
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

typos_bin=$(command -v typos || true)
if [ -z "$typos_bin" ]; then
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q typos
  typos_bin=$work/venv/bin/typos
fi
command -v rg >/dev/null || { echo "ripgrep missing: apt-get install -y ripgrep" >&2; exit 2; }

# The corpus's reports and the seed, copied round-robin into one folder.
mapfile -t src < <(ls tests/fixtures/corpus/*.txt tests/fixtures/seed/seed-2020.txt)
mkdir "$work/reports"
for i in $(seq 0 999); do
  cp "${src[$((i % ${#src[@]}))]}" "$work/reports/$(printf %04d "$i").txt"
done
echo "1,000 reports, $(du -sb "$work/reports" | cut -f1) bytes; CPU = user+sys, median of $runs runs"

# Median CPU milliseconds (user+sys, from getrusage, µs resolution) of a
# command; its exit status is ignored (gongkai exits 1: the corpus has real
# findings).
cpu_ms() {
  python3 - "$runs" "$@" <<'PY'
import resource, subprocess, sys
runs, cmd = int(sys.argv[1]), sys.argv[2:]
samples = []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    samples.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
samples.sort()
print(f"{samples[len(samples) // 2]:.1f}")
PY
}
g=$(cpu_ms "$bin" check --quiet "$work/reports")
r=$(cpu_ms rg -c 总计 "$work/reports")
t=$(cpu_ms "$typos_bin" "$work/reports")
printf '%-20s %6s ms CPU\n' "gongkai check" "$g" "ripgrep -c 总计" "$r" "typos" "$t"
awk -v g="$g" -v r="$r" -v t="$t" 'BEGIN{
  printf "gongkai / ripgrep = %.1f×   gongkai / typos = %.2f×\n", g/(r>0?r:1), g/(t>0?t:1) }'
