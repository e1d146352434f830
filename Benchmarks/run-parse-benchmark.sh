#!/usr/bin/env bash
# Parse throughput: Ansatz vs SymEngine vs SymPy on the same seeded 50-token expressions, same run.
# Usage: bash Benchmarks/run-parse-benchmark.sh [RUNS]
# Prints each tool's median expressions/second over RUNS runs and the ratios.
set -euo pipefail
runs="${1:-5}"
source "$(dirname "$0")/setup.sh"
python3 "$here/gen_expressions.py" --seed 1 --count 2000 --tokens 50 > "$here/out/generated.txt"
"$here/.venv/bin/python" "$here/parse_peers.py" filter "$here/out/generated.txt" "$here/out/expressions.txt"
build_bench
# the tools alternate, run by run, so that a slow spell of the machine hits all of them
: > "$here/out/parse-ansatz.jsonl"
: > "$here/out/parse-peers.jsonl"
for _ in $(seq "$runs"); do
    "$here/.build/release/ansatz-bench" parse "$here/out/expressions.txt" --runs 1 --passes 5 >> "$here/out/parse-ansatz.jsonl"
    "$here/.venv/bin/python" "$here/parse_peers.py" "$here/out/expressions.txt" --runs 1 --passes 5 >> "$here/out/parse-peers.jsonl"
done
cat "$here/out/parse-ansatz.jsonl" "$here/out/parse-peers.jsonl" | python3 -c '
import json, statistics, sys
rates = {}
for line in sys.stdin:
    r = json.loads(line)
    rates.setdefault(r["tool"], []).append(r["per_second"])
med = {t: statistics.median(v) for t, v in rates.items()}
print("parse throughput, 50-token expressions (median of %d runs)" % len(rates["ansatz"]))
for t in ("ansatz", "symengine", "sympy"):
    print("  %-10s %12.0f expr/s" % (t, med[t]))
print("  ansatz / symengine = %.2f" % (med["ansatz"] / med["symengine"]))
print("  ansatz / sympy     = %.0f" % (med["ansatz"] / med["sympy"]))
'
