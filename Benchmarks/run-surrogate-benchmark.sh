#!/usr/bin/env bash
# Gaussian-process surrogates (issue 13): Ansatz against scikit-learn's GaussianProcessRegressor,
# in the same run, on two training sets: the 1-D gluino cross section on every fourth mass (126
# points) and the 2-D squark-gluino grid on its checkerboard (338 points).
#  fit      Ansatz: SurrogateFitter.fit in process, squared-exponential kernel (ARD), RESTARTS
#           optimiser starts. scikit-learn: ConstantKernel * RBF(ARD) + WhiteKernel,
#           n_restarts_optimizer = RESTARTS - 1, normalize_y=True, on the same data (log
#           parameters standardised, log cross section less its least-squares linear mean; see
#           surrogate_peers.py), Ansatz's bounds and first start; with OpenBLAS on one thread (as
#           Ansatz's fit runs) and unrestricted. The log marginal likelihood each reaches is shown.
#  predict  the model Ansatz fitted, at POINTS points (cross section and model uncertainty, from
#           the raw parameters): Ansatz's SurrogatePredictor.evaluate on 1 thread and on every
#           core; scikit-learn's predict(return_std=True) on the same model (hyperparameters
#           fixed), and predict() for the mean only, with OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1
#           and unrestricted, in chunks of 10^5 points (all 10^6 at once would need ~2.7 GB per
#           kernel matrix), times summed.
# Usage: bash Benchmarks/run-surrogate-benchmark.sh [ROUNDS] [POINTS] [RESTARTS]
# Contestants are interleaved round by round; a round takes the median of 3 fits (Ansatz's
# predictions: of 3 evaluations; scikit-learn's: one); the tables give the median over rounds and
# peer/Ansatz time ratios (above 1: Ansatz faster). The sums of the predicted log cross sections
# must agree to 1e-8 relative, the sums of the model uncertainties to 1e-6.
set -euo pipefail
rounds="${1:-3}"
points="${2:-1000000}"
restarts="${3:-5}"
source "$(dirname "$0")/setup.sh"
build_bench
bench="$here/.build/release/ansatz-bench"
data="$here/out/surrogate"
mkdir -p "$data"
"$py" "$here/surrogate_peers.py" tables "$data"
log="$here/out/surrogate.jsonl"
: > "$log"
declare -A params=([gluino_1d]=mass_GeV [grid_2d]=msq_GeV,mgl_GeV)
cases=(gluino_1d grid_2d)
tag() { sed "s/^{/{\"case\": \"$1\", /" >> "$log"; }
one=(env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1)
for round in $(seq "$rounds"); do
    echo "round $round of $rounds" >&2
    for c in "${cases[@]}"; do
        "$bench" surrogate fit "$data/$c.csv" "${params[$c]}" xsec_pb squared_exponential "$restarts" 3 "$data/$c.model.json" "Ansatz fit (1 thread)" | tag "$c"
        "${one[@]}" "$py" "$here/surrogate_peers.py" fit "$data/$c.csv" "${params[$c]}" xsec_pb "$restarts" 3 "scikit-learn fit (1 thread)" | tag "$c"
        "$py" "$here/surrogate_peers.py" fit "$data/$c.csv" "${params[$c]}" xsec_pb "$restarts" 3 "scikit-learn fit (all cores)" | tag "$c"
    done
    for c in "${cases[@]}"; do
        "$bench" surrogate predict "$data/$c.model.json" "$points" 3 "Ansatz evaluate" | tag "$c"
        "${one[@]}" "$py" "$here/surrogate_peers.py" predict "$data/$c.model.json" "$points" 1 "1 thread" | tag "$c"
        "$py" "$here/surrogate_peers.py" predict "$data/$c.model.json" "$points" 1 "all cores" | tag "$c"
    done
done
python3 - "$log" "$points" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows.setdefault((r["stage"], r["case"], r["name"]), []).append(r)
points = int(sys.argv[2])
median = {key: statistics.median(r["seconds"] for r in rs) for key, rs in rows.items()}
cases = list(dict.fromkeys(case for _, case, _ in rows))
n_rounds = len(next(iter(rows.values())))
for case in cases:
    sums = [r["checksum"] for (stage, c, _), rs in rows.items() if stage == "predict" and c == case for r in rs]
    spread = (max(sums) - min(sums)) / abs(min(sums))
    assert spread < 1e-8, f"{case}: sums of log cross sections disagree, relative spread {spread:.2e}"
    unc = [r["uncertainty_checksum"] for (stage, c, _), rs in rows.items() if stage == "predict" and c == case for r in rs
           if "uncertainty_checksum" in r]
    uspread = (max(unc) - min(unc)) / abs(min(unc))
    assert uspread < 1e-6, f"{case}: sums of model uncertainties disagree, relative spread {uspread:.2e}"
    print(f"{case}: prediction checksums agree to {spread:.1e} (log cross sections), {uspread:.1e} (model uncertainties)")
print(f"\nFit (median of {n_rounds} rounds, each the median of 3 fits)")
print("| case | points | contestant | s | log marginal likelihood | contestant / Ansatz |")
print("| --- | ---: | --- | ---: | ---: | ---: |")
for case in cases:
    keys = sorted((k for k in median if k[0] == "fit" and k[1] == case), key=lambda k: median[k])
    ansatz = median[("fit", case, "Ansatz fit (1 thread)")]
    for k in keys:
        r = rows[k][-1]
        print(f"| {case} | {r['points']} | {k[2]} | {median[k]:.3f} | {r['lml']:.6f} | {median[k] / ansatz:.2f} |")
print(f"\nPrediction at {points} points (median of {n_rounds} rounds)")
print("| case | contestant | s | M points/s | contestant / Ansatz 1 thread | contestant / Ansatz all threads |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for case in cases:
    keys = sorted((k for k in median if k[0] == "predict" and k[1] == case), key=lambda k: median[k])
    one = median[("predict", case, "Ansatz evaluate (1 thread)")]
    every = [k for k in keys if k[2].startswith("Ansatz evaluate (") and k[2] != "Ansatz evaluate (1 thread)"]
    every = median[every[0]] if every else one
    for k in keys:
        print(f"| {case} | {k[2]} | {median[k]:.3f} | {points / median[k] / 1e6:.3f} | {median[k] / one:.2f} | {median[k] / every:.2f} |")
PY
