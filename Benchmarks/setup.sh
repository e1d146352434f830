# Sourced by the run-*.sh scripts: the toolchain on PATH, the system libraries, the pinned Python
# peers in Benchmarks/.venv (installed or brought up to date), and Benchmarks/out.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
source "$repo/.ci/env.sh"
bash "$repo/.ci/install-deps.sh"
[ -x "$here/.venv/bin/python" ] || python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet -r "$here/requirements.txt"
py="$here/.venv/bin/python"
mkdir -p "$here/out"

# Builds ansatz-bench in release mode. SwiftPM can miss a source file added to the parent package;
# dropping the build plan makes it look again.
build_bench() {
    rm -f "$here/.build/release.yaml" "$here/.build/release/description.json"
    (cd "$here" && swift build -c release --product ansatz-bench >/dev/null)
}
