#!/usr/bin/env bash
# Scaling (issue 17): parse, print, expand, cancel, simplify, differentiate, substitute and check
# dimensions on sums and products of n = 10^2 ... 10^6 terms, each size in a process of its own;
# prints seconds per n, the fitted exponent and memory per term. About 5 to 10 minutes.
# Usage: bash Benchmarks/run-scaling-benchmark.sh [MAX_N] [CAP_SECONDS]
#   MAX_N: largest size (default 1000000); CAP_SECONDS: a size whose projected time passes this is
#   skipped and said so (default 20).
set -euo pipefail
max_n="${1:-1000000}"
cap="${2:-20}"
source "$(dirname "$0")/setup.sh"
build_bench
python3 "$here/scaling.py" "$here/.build/release/ansatz-bench" --max-n "$max_n" --cap "$cap" --jsonl "$here/out/scaling.jsonl"
