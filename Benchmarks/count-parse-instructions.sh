#!/usr/bin/env bash
# Instructions per parsed expression, counted by valgrind (repeatable, unlike wall time), for one
# or more commits: each is built in a temporary worktree with its own benchmark driver (whose
# `parse FILE --runs N --passes P` has not changed), stripped (this valgrind cannot read the debug
# information of current Swift builds).
# Usage: bash Benchmarks/count-parse-instructions.sh [COMMIT ...]   (default: HEAD)
# Needs Benchmarks/out/expressions.txt (run run-parse-benchmark.sh once).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
source "$repo/.ci/env.sh"
command -v valgrind >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq valgrind >/dev/null; }
head -300 "$here/out/expressions.txt" > "$here/out/sample300.txt"
count() {  # total instructions of one ansatz-bench invocation
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | awk '/refs:/ {gsub(",", "", $4); print $4}'
}
[ "$#" -gt 0 ] || set -- HEAD
for commit in "$@"; do
    tree="$(mktemp -d)/tree"
    git -C "$repo" worktree add -f "$tree" "$commit" >/dev/null 2>&1
    (cd "$tree/Benchmarks" && swift build -c release --product ansatz-bench >/dev/null)
    bench="$tree/ansatz-bench-stripped"
    strip -o "$bench" "$tree/Benchmarks/.build/release/ansatz-bench"
    one=$(count "$bench" parse "$here/out/sample300.txt" --runs 1 --passes 1)
    three=$(count "$bench" parse "$here/out/sample300.txt" --runs 3 --passes 1)
    # two extra passes over 300 expressions: start-up and warm-up cancel out
    echo "$commit $(( (three - one) / 600 )) instructions per expression"
    git -C "$repo" worktree remove --force "$tree"
done
