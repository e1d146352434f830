#!/usr/bin/env bash
# The unit tests under a sanitizer (issue 16): AddressSanitizer finds out-of-bounds and
# use-after-free in the C and unsafe-pointer code (GMP/MPFR/FLINT wrappers, the batch kernel,
# the line readers); ThreadSanitizer finds data races in what runs concurrently (the call
# scheduler, the batch evaluator's threads, the intern table, the server's transport).
#
#   bash Tests/sanitizers/run.sh address [SWIFT-TEST-OPTIONS]    (.build/asan)
#   bash Tests/sanitizers/run.sh thread  [SWIFT-TEST-OPTIONS]    (.build/tsan)
#
# Options go to `swift test` (`--filter X`, `--skip Y`; default: every test). CI runs
# `address --skip 'SweepTests|CLITests|BudgetTests'`: the sweep stress tests (the intern table
# swept every few dozen node constructions) take 275 s under ASan, the CLI tests run the binary
# out of process, 10 MB inputs included, and the budget tests assert wall-clock deadlines that a
# sanitized build overshoots (1.9 s for a 0.8 s bound). Leak detection is off: Swift
# keeps enum case tags in the spare bits of payload pointers, which LeakSanitizer cannot follow,
# so it reports live expression nodes as leaked; the soak test measures memory growth instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/env.sh

mode="${1:?usage: run.sh address|thread [swift test options]}"
shift
case "$mode" in
    address) path=.build/asan ;;
    thread) path=.build/tsan ;;
    *) echo "unknown sanitizer '$mode': address or thread"; exit 2 ;;
esac

echo "== building the tests with --sanitize=$mode into $path"
swift build --build-tests --build-path "$path" --sanitize="$mode" 2>&1 | grep -E "error|warning: .*sanitiz|Build complete" || true
[ -d "$path/debug" ] || { echo "the $mode build failed"; exit 1; }

export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:${ASAN_OPTIONS:-}"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/Tests/sanitizers/tsan.supp:${TSAN_OPTIONS:-}"
echo "== swift test --sanitize=$mode $*"
start=$(date +%s)
set +e
swift test --skip-build --build-path "$path" --sanitize="$mode" "$@" > "$path/test.log" 2>&1
status=$?
set -e
grep -E "Executed .* tests|error:|ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer|SUMMARY" "$path/test.log" | head -40 || true
echo "== $mode sanitizer: unit tests exit $status after $(( $(date +%s) - start )) s"

# ANSATZ_SOAK_SECONDS=N: also drive the sanitized server with the concurrent soak for N seconds
# (the transport, the scheduler and cancellation run only there); any report fails the run
if [ -n "${ANSATZ_SOAK_SECONDS:-}" ]; then
    logs=$(mktemp -d)
    [ -x .venv/bin/python ] || { python3 -m venv .venv; .venv/bin/pip install --quiet -r Tests/e2e/requirements.txt; }
    ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$logs/report" TSAN_OPTIONS="$TSAN_OPTIONS:log_path=$logs/report" \
        .venv/bin/python Tests/soak/soak.py --binary "$path/debug/ansatz" --seconds "$ANSATZ_SOAK_SECONDS" --clients 4 || true
    if ls "$logs"/report* >/dev/null 2>&1; then
        echo "== $mode sanitizer reports from the server:"; head -60 "$logs"/report*; status=1
    else
        echo "== $mode sanitizer: no report from the server during the soak"
    fi
fi
exit "$status"
