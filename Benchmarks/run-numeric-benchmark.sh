#!/usr/bin/env bash
# Batch evaluation (issue 6): the surrogate-style formula of numeric_peers.py (30 operations after
# CSE: log, 2 exp, sqrt, pow, tanh, powers, divisions) over 10^6 points, against a hand-written C
# loop built with gcc -O3 -march=native (IEEE) and with -ffast-math (libmvec), numexpr, NumPy via
# sympy.lambdify and SymEngine's LLVM Lambdify, all in the same run.
# Usage: bash Benchmarks/run-numeric-benchmark.sh [ROUNDS] [POINTS]
# Every contestant runs ROUNDS times (interleaved), each round the median of 9 (5 for Python)
# evaluations; the table gives the median over rounds, M points/s, and peer/ansatz ratios
# (above 1: Ansatz faster). Checksums must agree to 1e-9.
set -euo pipefail
rounds="${1:-5}"
points="${2:-1000000}"
source "$(dirname "$0")/setup.sh"
build_bench
gcc -O3 -march=native -o "$here/out/surrogate-ieee" "$here/c/surrogate.c" -lm
gcc -O3 -march=native -ffast-math -o "$here/out/surrogate-fast" "$here/c/surrogate.c" -lmvec -lm
log="$here/out/numeric.jsonl"
: > "$log"
for _ in $(seq "$rounds"); do
    "$here/.build/release/ansatz-bench" numeric "$points" 9 >> "$log"
    read -r t sum < <("$here/out/surrogate-ieee" "$points" 9)
    echo "{\"name\": \"C gcc -O3 -march=native (IEEE)\", \"seconds\": $t, \"checksum\": $sum}" >> "$log"
    read -r t sum < <("$here/out/surrogate-fast" "$points" 9)
    echo "{\"name\": \"C gcc -O3 -march=native -ffast-math (libmvec)\", \"seconds\": $t, \"checksum\": $sum}" >> "$log"
    "$py" "$here/numeric_peers.py" "$points" 5 >> "$log"
done
python3 - "$log" "$points" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows.setdefault(r["name"], []).append(r)
points = int(sys.argv[2])
median = {name: statistics.median(r["seconds"] for r in rs) for name, rs in rows.items()}
checksums = [r["checksum"] for rs in rows.values() for r in rs]
spread = (max(checksums) - min(checksums)) / abs(min(checksums))
assert spread < 1e-9, f"checksums disagree: relative spread {spread:.2e}"
one = median["Ansatz batch (1 thread)"]
every = [n for n in median if n.startswith("Ansatz batch (") and n != "Ansatz batch (1 thread)"]
print(f"{points} points, median of {len(next(iter(rows.values())))} rounds; checksums agree to {spread:.1e}")
print("| contestant | ms | M points/s | contestant / Ansatz 1 thread |" + (f" contestant / {every[0]} |" if every else ""))
print("| --- | ---: | ---: | ---: |" + (" ---: |" if every else ""))
for name, seconds in sorted(median.items(), key=lambda kv: kv[1]):
    cells = f"| {name} | {seconds * 1e3:.1f} | {points / seconds / 1e6:.1f} | {seconds / one:.2f} |"
    if every:
        cells += f" {seconds / median[every[0]]:.2f} |"
    print(cells)
PY
