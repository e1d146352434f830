#!/usr/bin/env bash
# `ansatz equivalent` against math-verify on 117 labelled answer pairs (numbers, LaTeX forms,
# symbolic, domain, equations, units, intervals), in one run: agreement with the labels and time
# per pair. Usage: bash Benchmarks/run-equivalence-benchmark.sh [REPEAT]
set -euo pipefail
repeat="${1:-5}"
source "$(dirname "$0")/setup.sh"
(cd "$repo" && swift build -c release --product ansatz >/dev/null)
"$py" "$here/equivalence_peers.py" --ansatz "$repo/.build/release/ansatz" --repeat "$repeat"
