#!/usr/bin/env bash
# Installs the system packages Ansatz needs, only when missing (Debian/Ubuntu, as root or with sudo).
set -euo pipefail
missing=()
for pkg in libgmp-dev libmpfr-dev libflint-dev libflint-arb-dev libopenblas-dev pkg-config; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# the Python peers of the benchmarks and script-driven tests live in venvs
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH: install Swift 6 (swift.org) first" >&2; exit 1; }
