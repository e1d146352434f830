#!/usr/bin/env bash
# Concurrency (issue 17): calls per second through one `ansatz serve` with 1, 2 and 4 calls in flight.
# Usage: bash Benchmarks/run-concurrency-benchmark.sh [CALLS] [ROUNDS]   (about a minute)
set -euo pipefail
calls="${1:-2000}"
rounds="${2:-5}"
source "$(dirname "$0")/setup.sh"
(cd "$repo" && swift build -c release --product ansatz >/dev/null)
"$py" "$here/concurrency.py" --calls "$calls" --rounds "$rounds" -- "$repo/.build/release/ansatz" serve
