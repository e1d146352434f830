#!/usr/bin/env bash
# Simplify (issue 14): Ansatz's simplify against SymPy's on the seeded corpus of simplify_corpus.py
# (about 350 cases in 9 classes): the share of cases where Ansatz is as simple as SymPy by SymPy's
# count_ops (goal >= 85 %), value changes (goal: none), and the median time per case of each tool.
# Usage: bash Benchmarks/run-simplify-benchmark.sh [RUNS]    (runs per case, default 3; about a minute)
# The binary is not built here: ANSATZ_BIN, default the release build of the repository
# (swift build -c release --product ansatz).
set -euo pipefail
runs="${1:-3}"
bin="${ANSATZ_BIN:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/ansatz}"
if [ ! -x "$bin" ]; then
    echo "no ansatz binary at $bin: build it (swift build -c release --product ansatz) or set ANSATZ_BIN" >&2
    exit 1
fi
source "$(dirname "$0")/setup.sh"
"$py" "$here/simplify_corpus.py" > "$here/out/simplify-corpus.json"
# A fixed hash seed: SymPy's results must not depend on Python's string hashing.
PYTHONHASHSEED=0 "$py" "$here/simplify_compare.py" "$bin" "$here/out/simplify-corpus.json" --runs "$runs" --quiet \
    --out "$here/out/simplify-compare.jsonl" | tee "$here/out/simplify-summary.txt"
