#!/usr/bin/env bash
# Algebra (issue 4): Ansatz vs SymEngine, SymPy and python-flint on the same cases, same run.
# Usage: bash Benchmarks/run-algebra-benchmark.sh [RUNS] [PEERS]
#   PEERS: comma-separated, default symengine,sympy,flint (SymPy alone takes about 10 minutes)
# Prints the median seconds per case for each tool and the ratios peer/ansatz (above 1: Ansatz faster).
set -euo pipefail
runs="${1:-5}"
peers="${2:-symengine,sympy,flint}"
source "$(dirname "$0")/setup.sh"
build_bench
"$here/.build/release/ansatz-bench" algebra --runs "$runs" > "$here/out/algebra-ansatz.jsonl"
"$py" "$here/algebra_peers.py" --runs "$runs" --tools "$peers" > "$here/out/algebra-peers.jsonl"
cat "$here/out/algebra-ansatz.jsonl" "$here/out/algebra-peers.jsonl" | python3 -c '
import json, sys
table = {}
for line in sys.stdin:
    r = json.loads(line)
    table.setdefault(r["case"], {})[r["tool"]] = r["seconds"]
tools = ["ansatz", "symengine", "sympy", "flint"]
print("%-48s" % "case (median seconds)" + "".join("%12s" % t for t in tools) + "   symengine/ansatz  sympy/ansatz  flint/ansatz")
for case, row in table.items():
    cells = "".join("%12s" % ("%.4g" % row[t] if t in row else "-") for t in tools)
    ratios = "".join("%16s" % ("%.2f" % (row[t] / row["ansatz"]) if t in row else "-") for t in tools[1:])
    print("%-48s%s%s" % (case, cells, ratios))
'
