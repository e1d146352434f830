#!/usr/bin/env bash
# Calculus (issue 15): Ansatz's limit, solve and integrate on the corpora of Tests/fixtures against
# SymPy's limit, solve and integrate in the same run, graded by the same judge
# (Benchmarks/calculus_compare.py): right, unable and wrong per class (integrals as Rubi grades
# them: optimal, larger, unable), and the median time per case of each tool.
# Usage: bash Benchmarks/run-calculus-benchmark.sh [RUNS] [SYMPY_TIMEOUT_S]    (default 3 runs, 10 s)
# SymPy runs once per case, in a forked child killed at the timeout (counted unable). About 15
# minutes, most of it SymPy's integrate.
# The binary is not built here: ANSATZ_BIN, default the release build of the repository
# (swift build -c release --product ansatz).
set -euo pipefail
runs="${1:-3}"
timeout="${2:-10}"
bin="${ANSATZ_BIN:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/ansatz}"
if [ ! -x "$bin" ]; then
    echo "no ansatz binary at $bin: build it (swift build -c release --product ansatz) or set ANSATZ_BIN" >&2
    exit 1
fi
source "$(dirname "$0")/setup.sh"
for kind in limits solve integrals; do
    PYTHONHASHSEED=0 "$py" "$here/calculus_compare.py" "$bin" --kind "$kind" --runs "$runs" --sympy --sympy-timeout "$timeout" \
        --quiet --out "$here/out/calculus-$kind.jsonl" | tee "$here/out/calculus-$kind-summary.txt"
done
