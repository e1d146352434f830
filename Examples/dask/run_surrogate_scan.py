#!/usr/bin/env python3
"""Fit a committee surrogate and scan it with millions of points on a Dask cluster.

The `ansatz` binary does the numerical work; Dask only places it on workers:

1. Fit: the K experts of a committee (`ansatz surrogate fit --experts K --expert i`) run as K
   tasks. The table's text goes to each task as an argument and each part comes back to the
   client as JSON text, so the workers need no shared filesystem.
2. Combine: the client writes the parts to a temporary folder and runs
   `ansatz surrogate combine`, which gives the same file, byte for byte, as
   `ansatz surrogate fit --experts K` in one process.
3. Scan: N points (default 10^7) in P partitions, one task each. A task makes its own
   partition's points (a numpy generator seeded with (--seed, partition index), or a slice of a
   regular grid), so the same command always scans the same points wherever a partition runs.
   The box is the model's `parameters[].range`, widened by --margin (a fraction of the range,
   in log space for log-transformed parameters) to put some points outside, which the
   `outside_range` column flags. The task writes the points to a worker-local temporary CSV,
   runs `ansatz surrogate eval MODEL --batch points.csv --threads T -o out.csv` (the model's
   JSON text is a task argument) and returns a small summary: rows, sum of the output,
   points outside the range, NaNs, timings. With --out-dir (a filesystem that the workers
   and the client share) the output partitions are kept there as scan-00000.csv, ...: each
   a complete CSV with a header, the inputs and the results.

Only dask.distributed and numpy are needed (both on the workers too), and the `ansatz` binary
on every worker (--worker-ansatz when its path there differs from the client's).

On one machine: a LocalCluster of N single-threaded worker processes.

    python Examples/dask/run_surrogate_scan.py Examples/surrogates/gluino_pair_13TeV.csv \\
        --params mass_GeV --output xsec_pb --uncertainty unc_pb \\
        --units 'mass_GeV=GeV,xsec_pb=pb' --experts 4 --restarts 2 \\
        --model gluino.json --points 10000000 --partitions 40 --local-workers 2

    # scan a model fitted earlier, keeping the results
    python Examples/dask/run_surrogate_scan.py --from-model gluino.json \\
        --points 1000000 --margin 0.1 --out-dir scan/ --local-workers 2

On a cluster: start a scheduler and workers, then give the script the scheduler's address.

    dask scheduler                                     # on one host; prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 16 --nthreads 1     # on each compute node
    python Examples/dask/run_surrogate_scan.py TABLE.csv ... --scheduler tcp://HOST:8786

    Slurm, with dask-jobqueue (not a dependency of this script), in a Python session on the
    login node that stays up while the scan runs:

        from dask_jobqueue import SLURMCluster
        cluster = SLURMCluster(cores=32, processes=32, memory="64GB", walltime="02:00:00",
                               account="...", queue="...")
        cluster.scale(jobs=8)            # 8 Slurm jobs of 32 single-threaded workers
        print(cluster.scheduler_address) # give this to --scheduler

    Kubernetes, with the Dask operator and dask-kubernetes (an image that holds `ansatz`):

        from dask_kubernetes.operator import KubeCluster
        cluster = KubeCluster(name="ansatz-scan", image="registry.example/ansatz-dask:TAG",
                              n_workers=16)
        print(cluster.scheduler_address) # or `kubectl port-forward svc/ansatz-scan-scheduler 8786`

    With --out-dir on a cluster, the folder must be the same path on every worker and the client
    (a parallel filesystem); without it only the summaries travel back.

Exit status: 0 when every task succeeded; 1 when a fit, the combination or an evaluation failed
(the failing command and its stderr are printed); 2 for bad arguments.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time

# ---------------------------------------------------------------------------------------------
# Tasks: these run on the workers (pickled by value), so they import what they use.
# ---------------------------------------------------------------------------------------------


class AnsatzFailed(RuntimeError):
    """An `ansatz` command exited non-zero: the command, its exit status and its stderr."""


def run_ansatz(command):
    """Runs one ansatz command; its stderr on success, AnsatzFailed otherwise."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise AnsatzFailed(f"{shlex.join(command)} exited {result.returncode} on {socket.gethostname()}:\n"
                           f"{result.stderr.strip()}")
    return result.stderr.strip()


def fit_expert(ansatz, table_name, table_bytes, fit_options, experts, expert):
    """Fits expert `expert` of `experts` in a worker-local folder; returns the part's JSON text.

    The table is written under its own file name: the model records that name (fit.table), and
    the combined committee must be the same bytes as a fit in one process."""
    with tempfile.TemporaryDirectory(prefix="ansatz-fit-") as folder:
        table = os.path.join(folder, table_name)
        with open(table, "wb") as f:
            f.write(table_bytes)
        part = os.path.join(folder, f"part_{expert}.json")
        started = time.perf_counter()
        stderr = run_ansatz([ansatz, "surrogate", "fit", table, *fit_options,
                             "--experts", str(experts), "--expert", str(expert), "-o", part])
        seconds = time.perf_counter() - started
        with open(part, encoding="utf-8") as f:
            text = f.read()
    return {"expert": expert, "json": text, "seconds": seconds, "host": socket.gethostname(), "stderr": stderr}


def partition_bounds(points, partitions, index):
    """Rows [start, stop) of partition `index`: sizes differ by at most one."""
    return points * index // partitions, points * (index + 1) // partitions


def scan_box(model, margin):
    """(name, low, high, log) per parameter: the model's range widened by `margin` of its width,
    in log space for a parameter the surrogate log-transforms (so it stays positive)."""
    surrogate = model.get("surrogate", {})
    first = surrogate["experts"][0] if surrogate.get("kind") == "committee" else surrogate
    transforms = {i.get("name"): i.get("transform") for i in first.get("inputs", [])}
    box = []
    for p in model["parameters"]:
        low, high = (float(v) for v in p["range"])
        log = transforms.get(p["name"]) == "log" and low > 0
        if log:
            a, b = math.log(low), math.log(high)
            a, b = a - margin * (b - a), b + margin * (b - a)
            low, high = math.exp(a), math.exp(b)
        else:
            width = high - low
            low, high = low - margin * width, high + margin * width
        box.append((p["name"], low, high, log))
    return box


def partition_points(box, sampling, points, partitions, index, seed):
    """The parameter columns (numpy arrays) of one partition, the same wherever it runs.

    random: uniform in the box (in log space for log parameters), from a generator seeded with
    (seed, index). grid: the first `points` nodes, in C order, of a regular lattice with
    ceil(points^(1/D)) nodes per axis (log-spaced for log parameters)."""
    import numpy as np

    start, stop = partition_bounds(points, partitions, index)
    count = stop - start
    columns = []
    if sampling == "random":
        rng = np.random.default_rng([seed, index])
        for _, low, high, log in box:
            if log:
                columns.append(np.exp(rng.uniform(math.log(low), math.log(high), count)))
            else:
                columns.append(rng.uniform(low, high, count))
    else:
        dims = len(box)
        nodes = max(2, math.ceil(round(points ** (1 / dims), 9)))
        while nodes ** dims < points:
            nodes += 1
        flat = np.arange(start, stop, dtype=np.int64)
        indices = np.unravel_index(flat, (nodes,) * dims)
        for (_, low, high, log), i in zip(box, indices):
            t = i / (nodes - 1)
            if log:
                columns.append(np.exp(math.log(low) + t * (math.log(high) - math.log(low))))
            else:
                columns.append(low + t * (high - low))
    return columns


def write_points(path, names, columns):
    """A CSV of the points: shortest round-trip decimals, which ansatz reads back exactly."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(names) + "\n")
        if len(columns) == 1:
            text = "\n".join(map(repr, columns[0].tolist()))
        else:
            text = "\n".join(",".join(row) for row in zip(*(map(repr, c.tolist()) for c in columns)))
        if text:
            f.write(text + "\n")


ENGINE_TIME = re.compile(r"evaluated (\d+) points in ([0-9.eE+-]+) s")


def scan_partition(ansatz, model_text, box, sampling, points, partitions, index, seed, threads, lumi, out_dir):
    """Makes, evaluates and summarises one partition on a worker (see the module docstring)."""
    import numpy as np

    started = time.perf_counter()
    names = [b[0] for b in box]
    with tempfile.TemporaryDirectory(prefix="ansatz-scan-") as folder:
        model = os.path.join(folder, "model.json")
        with open(model, "w", encoding="utf-8") as f:
            f.write(model_text)
        batch = os.path.join(folder, "points.csv")
        write_points(batch, names, partition_points(box, sampling, points, partitions, index, seed))
        generated = time.perf_counter()
        if out_dir:
            final = os.path.join(out_dir, f"scan-{index:05d}.csv")
            out = os.path.join(out_dir, f".scan-{index:05d}.csv.partial")
        else:
            final = None
            out = os.path.join(folder, "out.csv")
        command = [ansatz, "surrogate", "eval", model, "--batch", batch, "--threads", str(threads), "-o", out]
        if lumi:
            command += ["--lumi", lumi]
        try:
            stderr = run_ansatz(command)
        except AnsatzFailed:
            if out_dir and os.path.exists(out):
                os.remove(out)
            raise
        evaluated = time.perf_counter()
        match = ENGINE_TIME.search(stderr)
        with open(out, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split(",")
        value_column = len(names)  # the output follows the input columns
        data = np.loadtxt(out, delimiter=",", skiprows=1, usecols=(value_column, len(header) - 1), ndmin=2)
        if final:
            os.replace(out, final)  # complete partitions only, under their final names
    values, outside = data[:, 0], data[:, 1]
    finite = np.isfinite(values)
    start, stop = partition_bounds(points, partitions, index)
    return {
        "partition": index,
        "first_row": start,
        "expected_rows": stop - start,
        "rows": int(len(values)),
        "output_column": header[value_column],
        "sum": float(values[finite].sum()),
        "min": float(values[finite].min()) if finite.any() else None,
        "max": float(values[finite].max()) if finite.any() else None,
        "outside_range": int(outside.sum()),
        "nan": int((~finite).sum()),
        "generate_s": generated - started,
        "eval_s": evaluated - generated,
        "engine_s": float(match.group(2)) if match else None,
        "summarise_s": time.perf_counter() - evaluated,
        "total_s": time.perf_counter() - started,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "file": final,
    }


# ---------------------------------------------------------------------------------------------
# Client side
# ---------------------------------------------------------------------------------------------


def fit_options(args):
    """The fit's options, the same for every expert (and for a fit in one process)."""
    options = ["--params", args.params, "--output", args.output]
    if args.uncertainty:
        options += ["--uncertainty", args.uncertainty]
    if args.units:
        options += ["--units", args.units]
    if args.restarts is not None:
        options += ["--restarts", str(args.restarts)]
    for extra in args.fit_option:
        options += shlex.split(extra)
    return options


def fit_committee(client, args, ansatz, worker_ansatz, log=print):
    """Fits the K experts as K tasks and combines them into args.model; returns the report."""
    with open(args.table, "rb") as f:
        table_bytes = f.read()
    name = os.path.basename(args.table)
    options = fit_options(args)
    started = time.perf_counter()
    table_future = client.scatter(table_bytes, broadcast=True)
    futures = [client.submit(fit_expert, worker_ansatz, name, table_future, options, args.experts, i,
                             key=f"ansatz-fit-expert-{i}-of-{args.experts}-{os.getpid()}", pure=False,
                             retries=args.retries)
               for i in range(args.experts)]
    parts = client.gather(futures)
    fitted = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ansatz-parts-") as folder:
        keep = args.parts_dir or folder
        os.makedirs(keep, exist_ok=True)
        paths = []
        for part in sorted(parts, key=lambda p: p["expert"]):
            path = os.path.join(keep, f"part_{part['expert']:04d}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(part["json"])
            paths.append(path)
        run_ansatz([ansatz, "surrogate", "combine", *paths, "-o", args.model])
    combined = time.perf_counter()
    report = {"experts": args.experts, "fit_wall_s": fitted - started, "combine_s": combined - fitted,
              "per_expert_s": [p["seconds"] for p in sorted(parts, key=lambda p: p["expert"])],
              "hosts": sorted({p["host"] for p in parts}), "model": args.model}
    log(f"fit: {args.experts} experts of {name} in {report['fit_wall_s']:.2f} s wall "
        f"(each: {', '.join(f'{s:.2f}' for s in report['per_expert_s'])} s); "
        f"combine {report['combine_s']:.2f} s -> {args.model}")
    return report


def scan(client, args, model_text, worker_ansatz, log=print):
    """Runs the scan's partitions as tasks; returns the report (with the per-partition summaries)."""
    from distributed import as_completed

    model = json.loads(model_text)
    box = scan_box(model, args.margin)
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
    out_dir = os.path.abspath(args.out_dir) if args.out_dir else None
    partitions = min(args.partitions, max(args.points, 1))
    started = time.perf_counter()
    model_future = client.scatter(model_text, broadcast=True)
    futures = [client.submit(scan_partition, worker_ansatz, model_future, box, args.sampling, args.points,
                             partitions, i, args.seed, args.threads, args.lumi, out_dir,
                             key=f"ansatz-scan-{i}-of-{partitions}-{os.getpid()}", pure=False, retries=args.retries)
               for i in range(partitions)]
    summaries = []
    for future in as_completed(futures):
        s = future.result()
        summaries.append(s)
        if args.verbose:
            log(f"  partition {s['partition']}: {s['rows']} rows in {s['total_s']:.2f} s on {s['host']}:{s['pid']}")
    wall = time.perf_counter() - started
    summaries.sort(key=lambda s: s["partition"])
    rows = sum(s["rows"] for s in summaries)
    missing = [s["partition"] for s in summaries if s["rows"] != s["expected_rows"]]
    report = {
        "points": args.points, "partitions": partitions, "rows": rows, "wall_s": wall,
        "points_per_s": rows / wall if wall > 0 else None,
        "outside_range": sum(s["outside_range"] for s in summaries),
        "nan": sum(s["nan"] for s in summaries),
        "sum": math.fsum(s["sum"] for s in summaries),
        "output_column": summaries[0]["output_column"] if summaries else None,
        "box": [{"name": n, "low": lo, "high": hi, "log": lg} for n, lo, hi, lg in box],
        "workers": len(client.scheduler_info()["workers"]),
        "partition_summaries": summaries, "short_partitions": missing,
    }
    describe_scan(report, log)
    return report


def describe_scan(report, log):
    s = report["partition_summaries"]
    log(f"scan: {report['rows']} of {report['points']} points in {report['partitions']} partitions on "
        f"{report['workers']} workers: {report['wall_s']:.2f} s wall, {report['points_per_s']:,.0f} points/s")
    log(f"  {report['output_column']}: sum {report['sum']:.17g}; outside_range {report['outside_range']}"
        f" ({100 * report['outside_range'] / max(report['rows'], 1):.2f}%); NaN {report['nan']}")
    if not s:
        return
    columns = ["generate_s", "eval_s", "engine_s", "summarise_s", "total_s"]

    def spread(key):
        values = sorted(x[key] for x in s if x[key] is not None)
        if not values:
            return "-"
        return f"{values[0]:.2f}/{values[len(values) // 2]:.2f}/{values[-1]:.2f}"

    log("  per partition, min/median/max s: " + "; ".join(f"{c[:-2]} {spread(c)}" for c in columns))
    busy = sum(x["total_s"] for x in s)
    log(f"  task time {busy:.1f} s over {report['workers']} workers in {report['wall_s']:.1f} s wall "
        f"({100 * busy / max(report['workers'] * report['wall_s'], 1e-9):.0f}% busy)")
    if len(s) <= 64:
        log("  partition      rows   generate     eval   engine  summarise    total  host:pid")
        for x in s:
            engine = f"{x['engine_s']:8.2f}" if x["engine_s"] is not None else "       -"
            log(f"  {x['partition']:9d} {x['rows']:9d} {x['generate_s']:10.2f} {x['eval_s']:8.2f} {engine} "
                f"{x['summarise_s']:10.2f} {x['total_s']:8.2f}  {x['host']}:{x['pid']}")
    if report["short_partitions"]:
        log(f"  partitions short of rows: {report['short_partitions']}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Fit a committee surrogate with ansatz on a Dask cluster (one task per expert) "
                    "and scan it with many points (one task per partition).",
        epilog="See the top of this file and Examples/dask/README.md for running it on Slurm or Kubernetes.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("table", nargs="?", help="the CSV table to fit (omit with --from-model)")
    fit = parser.add_argument_group("fit (as `ansatz surrogate fit`)")
    fit.add_argument("--params", help="the parameter columns, comma-separated")
    fit.add_argument("--output", help="the output column")
    fit.add_argument("--uncertainty", help="the column of the output's tabulated uncertainty")
    fit.add_argument("--units", help="units of the columns, e.g. 'mass_GeV=GeV,xsec_pb=pb'")
    fit.add_argument("--experts", type=int, default=4, help="experts of the committee, one task each")
    fit.add_argument("--restarts", type=int, help="optimiser starts per kernel (ansatz's default when omitted)")
    fit.add_argument("--fit-option", action="append", default=[], metavar="OPTIONS",
                     help="more fit options, e.g. --fit-option='--kernel matern52' (repeatable)")
    fit.add_argument("--model", default="model.json", help="where the combined model is written")
    fit.add_argument("--parts-dir", help="keep the experts' part files here (default: a temporary folder)")
    fit.add_argument("--from-model", metavar="MODEL", help="skip the fit and scan this model")
    sc = parser.add_argument_group("scan")
    sc.add_argument("--points", type=int, default=10_000_000, help="points to evaluate (0: fit only)")
    sc.add_argument("--partitions", type=int, default=40, help="tasks the scan is split into")
    sc.add_argument("--sampling", choices=["random", "grid"], default="random",
                    help="uniform random points (seeded per partition) or a regular grid")
    sc.add_argument("--seed", type=int, default=20240601, help="seed of the random points")
    sc.add_argument("--margin", type=float, default=0.0,
                    help="widen each parameter's range by this fraction of its width on both sides")
    sc.add_argument("--threads", type=int, default=1, help="threads of each `ansatz surrogate eval`")
    sc.add_argument("--lumi", help="integrated luminosity for an events column, e.g. 139/fb")
    sc.add_argument("--out-dir", help="keep the output partitions here (shared by the workers and the client)")
    cl = parser.add_argument_group("cluster")
    cl.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://host:8786")
    cl.add_argument("--local-workers", type=int, default=2,
                    help="without --scheduler: worker processes of a LocalCluster, one thread each")
    cl.add_argument("--ansatz", default=os.environ.get("ANSATZ_BIN", "ansatz"),
                    help="the ansatz binary on the client (default: $ANSATZ_BIN, else ansatz on PATH)")
    cl.add_argument("--worker-ansatz", help="the ansatz binary on the workers (default: --ansatz)")
    cl.add_argument("--retries", type=int, default=0, help="retries of a failed task (a lost worker)")
    parser.add_argument("--json-summary", metavar="FILE", help="also write the report as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each partition as it finishes")
    args = parser.parse_args(argv)
    if args.from_model is None:
        if not args.table or not args.params or not args.output:
            parser.error("give TABLE, --params and --output to fit, or --from-model MODEL to scan a fitted model")
        if args.experts < 1:
            parser.error("--experts must be at least 1")
    elif args.table:
        parser.error("give either TABLE (to fit) or --from-model, not both")
    if args.points < 0 or args.partitions < 1 or args.threads < 1 or args.local_workers < 1:
        parser.error("--points must be >= 0 and --partitions, --threads, --local-workers >= 1")
    if args.margin < 0:
        parser.error("--margin must be >= 0")
    return args


def resolve_binary(path):
    """An absolute path for a binary named on PATH or relative to the current folder."""
    if os.sep in path:
        return os.path.abspath(path)
    return shutil.which(path) or path


def main(argv=None):
    args = parse_args(argv)
    from distributed import Client, LocalCluster

    ansatz = resolve_binary(args.ansatz)
    worker_ansatz = args.worker_ansatz or ansatz
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.local_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    report = {"ansatz": ansatz, "worker_ansatz": worker_ansatz}
    status = 0
    try:
        print(f"cluster: {len(client.scheduler_info()['workers'])} workers at {client.scheduler.address}")
        if args.from_model:
            args.model = args.from_model
        else:
            report["fit"] = fit_committee(client, args, ansatz, worker_ansatz)
        with open(args.model, encoding="utf-8") as f:
            model_text = f.read()
        if args.points > 0:
            report["scan"] = scan(client, args, model_text, worker_ansatz)
            if report["scan"]["short_partitions"]:
                status = 1
    except AnsatzFailed as error:
        print(f"error: {error}", file=sys.stderr)
        status = 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if args.json_summary:
        with open(args.json_summary, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
    return status


if __name__ == "__main__":
    sys.exit(main())
