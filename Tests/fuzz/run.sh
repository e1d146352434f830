#!/usr/bin/env bash
# Coverage-guided fuzzing (issue 16): builds `ansatz-fuzz` with libFuzzer and AddressSanitizer
# into .build/fuzz, then runs each target for SECONDS from the checked-in corpus
# (Tests/fuzz/corpus/TARGET) with its token dictionary (Tests/fuzz/dict/TARGET.dict).
#
#   bash Tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]     (default 8 s, every target)
#
# New inputs go to .build/fuzz/corpus/TARGET (merge them into the checked-in corpus with
# `-merge=1` when they add coverage); a crash, a timeout (30 s: the largest documented input,
# a 2^24-bit float printed in full, takes 5 s in a debug build and about 15 s under ASan) or an
# out-of-memory input goes to
# .build/fuzz/findings/ and fails the run. Replay one without sanitizers with
# `.build/debug/ansatz-fuzz TARGET FILE`, then add it to Tests/fuzz/corpus/TARGET/: the unit
# tests replay every corpus file, so it stays a regression test.
#
# Leak detection is off: Swift keeps enum case tags in the spare bits of payload pointers
# (an expression node's children), which LeakSanitizer cannot follow, so it reports live
# nodes as leaked. Memory growth is measured by the soak test instead (Tests/soak).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/env.sh

seconds="${1:-8}"
shift || true
all_targets=(plain latex json-ast rules tools csv jsonrpc derivation surrogate)

[ "$#" -gt 0 ] && targets=("$@") || targets=("${all_targets[@]}")

if [ -z "${ANSATZ_FUZZ_NO_BUILD:-}" ]; then
    echo "== building ansatz-fuzz with -sanitize=fuzzer,address"
    # SwiftPM's --sanitize=fuzzer (so that libFuzzer supplies main), then one -sanitize=fuzzer,address
    # flag last: SwiftPM's --sanitize=fuzzer --sanitize=address passes two flags in no fixed order,
    # and swiftc keeps only the last, so a build had either no coverage (1,603 counters, the C
    # target's) or no AddressSanitizer
    swift build --build-path .build/fuzz --product ansatz-fuzz --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
        -Xswiftc -DFUZZING 2>&1 | grep -E "error|Compiling ansatz|Build complete|Build of product" || true
fi
binary=.build/fuzz/debug/ansatz-fuzz
[ -x "$binary" ] || { echo "no $binary: the build failed"; exit 1; }
mkdir -p .build/fuzz/findings

failed=0
summary=()
for target in "${targets[@]}"; do
    work=.build/fuzz/corpus/$target
    mkdir -p "$work"
    log=.build/fuzz/$target.log
    set +e
    ANSATZ_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$binary" \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 \
        -dict=Tests/fuzz/dict/$target.dict -artifact_prefix=.build/fuzz/findings/$target- \
        "$work" Tests/fuzz/corpus/$target > "$log" 2>&1
    code=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
    corpus=$(ls "$work" | wc -l)
    line=$(printf "%-9s %9s runs %7s exec/s  cov %6s edges  ft %6s  corpus %5s  %ss" "$target" "$runs" "$rate" "$cov" "$ft" "$corpus" "$seconds")
    if [ "$code" -ne 0 ]; then
        failed=1
        line="$line  FAILED (exit $code): $(grep -m1 -E 'ERROR|SUMMARY|Fatal error|timeout|No such' "$log" | cut -c1-160 || true)"
        grep -E "Test unit written|^Fatal error|ERROR:" "$log" | head -5 || true
    fi
    summary+=("$line")
    echo "$line"
done
echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
exit $failed
