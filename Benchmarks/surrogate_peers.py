"""scikit-learn's GaussianProcessRegressor, the peer of Ansatz's Gaussian-process surrogate
(Benchmarks/run-surrogate-benchmark.sh). Prints JSON lines.

  surrogate_peers.py tables OUTDIR
      writes the training tables both tools fit: gluino_1d.csv (the 1-D gluino table, every
      fourth mass: 126 rows) and grid_2d.csv (the squark-gluino grid on the checkerboard
      (msq/100 + mgl/100) even: 338 rows).
  surrogate_peers.py fit TABLE PARAMS OUTPUT RESTARTS RUNS NAME
      fits GaussianProcessRegressor(ConstantKernel * RBF (one length scale per input) +
      WhiteKernel, n_restarts_optimizer=RESTARTS-1, normalize_y=True) on the data Ansatz's fit
      sees: the log parameters standardised (mean 0, population standard deviation 1) and the
      log output with its least-squares linear mean in those inputs removed (normalize_y then
      divides by the residuals' standard deviation, as Ansatz does). The bounds are Ansatz's:
      signal variance and length scales in [1e-3, 1e3], noise variance in [1e-12, 1]; the first
      start is Ansatz's (1, 1, 1e-6). Median of RUNS fits, including the transforms.
  surrogate_peers.py predict MODEL.json N RUNS LABEL [CHUNK]
      builds the Gaussian process of the Ansatz model (its hyperparameters fixed, its training
      inputs and targets: the same model) and predicts the cross section and its model
      uncertainty at the N points of ansatz-bench (parameter k of point i is
      lo_k + (hi_k − lo_k)·frac(i·c_k) over the valid range), from the raw parameters to the
      cross section (the model uncertainty as Ansatz reports it: xsec·s·sqrt(σ² + the fitted
      noise variance), σ² scikit-learn's latent predictive variance), in chunks of CHUNK points
      (default 10^5: all 10^6 at once would need ~2.7 GB per kernel matrix). Once with the standard deviation (return_std=True) and once
      the mean only. Median of RUNS. LABEL names the thread setting (the caller sets
      OPENBLAS_NUM_THREADS / OMP_NUM_THREADS)."""
import csv
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern, WhiteKernel

STRIDES = [0.6180339887498949, 0.4142135623730951, 0.7320508075688772]
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Examples", "surrogates")


def tables(outdir):
    def read(name):
        with open(os.path.join(EXAMPLES, name), newline="") as f:
            rows = list(csv.reader(f))
        return rows[0], rows[1:]

    def write(name, header, rows):
        with open(os.path.join(outdir, name), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    header, rows = read("gluino_pair_13TeV.csv")
    write("gluino_1d.csv", header, rows[::4])
    header, rows = read("gluino_grid_13TeV.csv")
    write("grid_2d.csv", header, [r for r in rows if (round(float(r[0]) / 100) + round(float(r[1]) / 100)) % 2 == 0])


def read_columns(path, names):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [np.array([float(r[n]) for r in rows]) for n in names]


def fit(table, params, output, restarts, runs, name):
    names = params.split(",")
    columns = read_columns(table, names + [output])
    x_raw, y_raw = np.column_stack(columns[:-1]), columns[-1]
    d = x_raw.shape[1]
    times, reg = [], None
    for _ in range(runs):
        start = time.perf_counter()
        logs = np.log(x_raw)
        z = (logs - logs.mean(axis=0)) / logs.std(axis=0)
        design = np.column_stack([np.ones(len(z)), z])
        t = np.log(y_raw)
        beta = np.linalg.lstsq(design, t, rcond=None)[0]
        residual = t - design @ beta
        kernel = (ConstantKernel(1.0, (1e-3, 1e3)) * RBF([1.0] * d, (1e-3, 1e3))
                  + WhiteKernel(1e-6, (1e-12, 1.0)))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            reg = GaussianProcessRegressor(kernel=kernel, n_restarts_optimizer=restarts - 1, normalize_y=True,
                                           random_state=0).fit(z, residual)
        times.append(time.perf_counter() - start)
    k = reg.kernel_
    print(json.dumps({
        "name": name, "stage": "fit", "seconds": statistics.median(times), "points": len(y_raw), "restarts": restarts,
        "lml": float(reg.log_marginal_likelihood_value_), "signal_variance": float(k.k1.k1.constant_value),
        "length_scales": [float(v) for v in np.atleast_1d(k.k1.k2.length_scale)],
        "noise_variance": float(k.k2.noise_level),
        "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "unrestricted"),
        "convergence_warnings": sum(issubclass(w.category, ConvergenceWarning) for w in caught)}))


def fixed_model(path):
    model = json.load(open(path))
    gp = model["surrogate"]
    assert gp["kind"] == "gaussian_process" and gp["output_transform"] == "log"
    scales = [i["length_scale"] for i in gp["inputs"]]
    if gp["kernel"] == "squared_exponential":
        shape = RBF(scales, length_scale_bounds="fixed")
    else:
        shape = Matern(scales, length_scale_bounds="fixed", nu=2.5)
    z = np.array(gp["training_inputs"]).T
    alpha = np.full(len(z), gp["noise_variance"])
    if gp.get("point_noise"):
        alpha = alpha + np.array(gp["point_noise"])
    if gp["jitter"]:
        alpha = alpha + gp["jitter"] * np.mean(gp["signal_variance"] + alpha)
    reg = GaussianProcessRegressor(kernel=ConstantKernel(gp["signal_variance"], "fixed") * shape, alpha=alpha,
                                   optimizer=None, normalize_y=False).fit(z, np.array(gp["value"]["values"]))
    return model, gp, reg


def predict(path, n, runs, label, chunk):
    model, gp, reg = fixed_model(path)
    i = np.arange(n, dtype=np.float64)
    raw = [p["range"][0] + (p["range"][1] - p["range"][0]) * np.fmod(i * STRIDES[k], 1.0)
           for k, p in enumerate(model["parameters"])]
    shift = np.array([inp["shift"] for inp in gp["inputs"]])
    scale = np.array([inp["scale"] for inp in gp["inputs"]])
    beta = np.array(gp["value"]["mean"])
    s = gp["value"]["scale"]
    noise = gp["noise_variance"]
    log_mean = np.empty(n)
    xsec = np.empty(n)
    unc = np.empty(n)

    def run(with_std):
        for a in range(0, n, chunk):
            b = min(n, a + chunk)
            z = (np.log(np.column_stack([c[a:b] for c in raw])) - shift) / scale
            if with_std:
                mean, std = reg.predict(z, return_std=True)
            else:
                mean = reg.predict(z)
            t = beta[0] + z @ beta[1:] + s * mean
            log_mean[a:b] = t
            xsec[a:b] = np.exp(t)
            if with_std:
                # Ansatz's model uncertainty: the 1σ of a new table entry, latent plus fitted noise
                unc[a:b] = xsec[a:b] * s * np.sqrt(std * std + noise)

    for with_std, what in ((True, "predict, mean and std"), (False, "predict, mean only")):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run(with_std)
            times.append(time.perf_counter() - start)
        row = {"name": f"scikit-learn {what} ({label})", "stage": "predict", "seconds": statistics.median(times),
               "points": n, "checksum": float(np.sum(log_mean)), "chunk": chunk}
        if with_std:
            row["uncertainty_checksum"] = float(np.sum(unc))
        print(json.dumps(row), flush=True)


def main():
    command = sys.argv[1]
    if command == "tables":
        tables(sys.argv[2])
    elif command == "fit":
        table, params, output, restarts, runs, name = sys.argv[2:8]
        fit(table, params, output, int(restarts), int(runs), name)
    elif command == "predict":
        path, n, runs, label = sys.argv[2:6]
        chunk = int(sys.argv[6]) if len(sys.argv) > 6 else 100_000
        predict(path, int(n), int(runs), label, chunk)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
