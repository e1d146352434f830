#!/usr/bin/env bash
# MCP server latency: Ansatz vs mcp-sympy, both driven by the official Python client in one run.
# Usage: bash Benchmarks/run-mcp-benchmark.sh [CALLS]
set -euo pipefail
calls="${1:-1000}"
source "$(dirname "$0")/setup.sh"
(cd "$repo" && swift build -c release --product ansatz >/dev/null)
{
    for client in --raw ""; do
        "$py" "$here/mcp_latency.py" $client --calls "$calls" ansatz parse '{"expression": "x^2 + 2*x + 1"}' -- "$repo/.build/release/ansatz" serve
        "$py" "$here/mcp_latency.py" $client --calls "$calls" mcp-sympy sympy_sympify '{"expr": "x**2 + 2*x + 1"}' -- "$py" -m mcp_sympy
    done
} > "$here/out/mcp-latency.jsonl" 2>/dev/null
"$py" - "$here/out/mcp-latency.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("%-10s %-6s %12s %14s %12s" % ("server", "client", "startup ms", "call median ms", "call p99 ms"))
for r in rows:
    print("%-10s %-6s %12.1f %14.3f %12.3f" % (r["server"], r["client"], r["startup_ms"], r["call_median_ms"], r["call_p99_ms"]))
for client in ("raw", "mcp"):
    a = next(r for r in rows if r["server"] == "ansatz" and r["client"] == client)
    s = next(r for r in rows if r["server"] == "mcp-sympy" and r["client"] == client)
    print("%s client: mcp-sympy / ansatz = start-up %.0f x, call median %.1f x, call p99 %.1f x" % (
        client, s["startup_ms"] / a["startup_ms"], s["call_median_ms"] / a["call_median_ms"], s["call_p99_ms"] / a["call_p99_ms"]))
PY
