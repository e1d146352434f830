"""The documented scale-out on Dask (Examples/dask/run_surrogate_scan.py), on a LocalCluster of
two single-threaded worker processes.

One run of the script fits the gluino committee (K=4, one task per expert) and scans 10^5 points
in 4 partitions, with the range widened by 10% so that some points fall outside. Then:
(i) the committee combined from the Dask-fitted parts is byte for byte the file that
`ansatz surrogate fit --experts 4` writes in one process with the same options;
(ii) every row comes back, each partition is byte for byte what `ansatz surrogate eval --batch`
writes for the same points in this process, and a handful of rows agree with `eval --at`;
(iii) outside_range is 1 exactly where a point leaves the model's range."""
import csv
import difflib
import importlib.util
import json
import math
import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("dask", reason="dask is not installed (pip install -r Tests/e2e/requirements.txt)")
pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install -r Tests/e2e/requirements.txt)")

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "Examples" / "dask" / "run_surrogate_scan.py"
TABLE = ROOT / "Examples" / "surrogates" / "gluino_pair_13TeV.csv"
FIT = ["--params", "mass_GeV", "--output", "xsec_pb", "--uncertainty", "unc_pb",
       "--units", "mass_GeV=GeV,xsec_pb=pb", "--restarts", "2"]
EXPERTS = 4
POINTS = 100_000
PARTITIONS = 4
MARGIN = 0.1
SEED = 7
# A point's prediction must not depend on the other points of its batch: each kernel row and
# mean is computed in a fixed order per point, and the variances of a block by BLAS over a full
# block (padded), whose columns BLAS computes alike. So a scan row and `eval --at` of the same
# point are the same bits in every column (a committee's mean weighs its experts by their
# variances, so those must agree too).
AT_RTOL = 0.0


def load_script():
    spec = importlib.util.spec_from_file_location("run_surrogate_scan", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def json_differences(a, b, path="$"):
    """Where two JSON values differ (paths, at most a few), to say what a mismatch is."""
    if type(a) is not type(b):
        return [f"{path}: {a!r:.80} vs {b!r:.80}"]
    if isinstance(a, dict):
        out = [f"{path}.{k}: only in one" for k in sorted(set(a) ^ set(b))]
        for k in sorted(set(a) & set(b)):
            out += json_differences(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list):
        out = [f"{path}: length {len(a)} vs {len(b)}"] if len(a) != len(b) else []
        for i, (x, y) in enumerate(zip(a, b)):
            out += json_differences(x, y, f"{path}[{i}]")
        return out
    return [] if a == b else [f"{path}: {a!r} vs {b!r}"]


@pytest.fixture(scope="module")
def dask_run(binary, tmp_path_factory):
    work = tmp_path_factory.mktemp("dask")
    model = work / "dask_model.json"
    summary = work / "summary.json"
    out_dir = work / "scan"
    command = [sys.executable, str(SCRIPT), str(TABLE), *FIT, "--experts", str(EXPERTS),
               "--model", str(model), "--parts-dir", str(work / "parts"),
               "--points", str(POINTS), "--partitions", str(PARTITIONS), "--margin", str(MARGIN),
               "--seed", str(SEED), "--out-dir", str(out_dir), "--local-workers", "2",
               "--ansatz", binary, "--json-summary", str(summary)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, cwd=work)
    assert result.returncode == 0, f"{' '.join(command)}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr[-4000:]}"
    return {"work": work, "model": model, "out_dir": out_dir, "stdout": result.stdout,
            "report": json.loads(summary.read_text())}


def test_committee_from_dask_parts_is_the_one_process_fit(binary, dask_run):
    work = dask_run["work"]
    reference = work / "one_process.json"
    subprocess.run([binary, "surrogate", "fit", str(TABLE), *FIT, "--experts", str(EXPERTS), "-o", str(reference)],
                   check=True, capture_output=True, text=True, cwd=work)
    ours, theirs = dask_run["model"].read_bytes(), reference.read_bytes()
    if ours != theirs:
        where = json_differences(json.loads(ours), json.loads(theirs))
        lines = list(difflib.unified_diff(theirs.decode().splitlines(), ours.decode().splitlines(),
                                          "fit --experts 4", "combine of Dask parts", lineterm="", n=1))
        pytest.fail("the combined committee differs from the one-process fit:\n" + "\n".join(where[:20])
                    + "\n" + "\n".join(lines[:60]))
    fit = dask_run["report"]["fit"]
    assert fit["experts"] == EXPERTS and len(fit["per_expert_s"]) == EXPERTS
    assert sorted(p.name for p in (work / "parts").iterdir()) == [f"part_{i:04d}.json" for i in range(EXPERTS)]


def test_scan_returns_every_row_as_one_process_would(binary, dask_run, tmp_path):
    script = load_script()
    model_text = dask_run["model"].read_text()
    model = json.loads(model_text)
    box = script.scan_box(model, MARGIN)
    report = dask_run["report"]["scan"]
    assert report["rows"] == POINTS and report["partitions"] == PARTITIONS and not report["short_partitions"]
    assert report["workers"] == 2
    expected_header = ["mass_GeV", "xsec_pb", "xsec_pb_uncertainty", "xsec_pb_model_uncertainty",
                       "xsec_pb_theory_uncertainty", "outside_range"]
    files = sorted(dask_run["out_dir"].iterdir())
    assert [f.name for f in files] == [f"scan-{i:05d}.csv" for i in range(PARTITIONS)], "only complete partitions"
    total = 0
    for i, path in enumerate(files):
        header, rows = read_csv(path)
        assert header == expected_header
        start, stop = script.partition_bounds(POINTS, PARTITIONS, i)
        assert len(rows) == stop - start == report["partition_summaries"][i]["rows"]
        total += len(rows)
        # the same points evaluated here, in one process, give the same bytes
        points = tmp_path / f"points-{i}.csv"
        script.write_points(points, [b[0] for b in box], script.partition_points(box, "random", POINTS, PARTITIONS, i, SEED))
        here = tmp_path / f"here-{i}.csv"
        subprocess.run([binary, "surrogate", "eval", str(dask_run["model"]), "--batch", str(points), "-o", str(here)],
                       check=True, capture_output=True, text=True)
        assert here.read_bytes() == path.read_bytes(), f"partition {i} differs from a one-process eval of its points"
        # the summary the worker sent matches the file
        values = [float(r[1]) for r in rows]
        assert math.isclose(report["partition_summaries"][i]["sum"], math.fsum(values), rel_tol=1e-12)
    assert total == POINTS


def test_rows_agree_with_eval_at(binary, dask_run):
    files = sorted(dask_run["out_dir"].iterdir())
    checked = 0
    for i, path in enumerate(files):
        header, rows = read_csv(path)
        # first and last rows of the partition, and two inside: the first one inside the range
        # and the first one outside
        inside = next(r for r in rows if r[-1] == "0")
        outside = next(r for r in rows if r[-1] == "1")
        for row in [rows[0], rows[-1], inside, outside]:
            out = subprocess.run([binary, "surrogate", "eval", str(dask_run["model"]), "--at", f"mass_GeV={row[0]}"],
                                 check=True, capture_output=True, text=True).stdout
            at_header, at_rows = out.splitlines()[0].split(","), [l.split(",") for l in out.splitlines()[1:]]
            assert at_header == header and len(at_rows) == 1
            at = at_rows[0]
            assert at[0] == row[0] and at[-1] == row[-1], (row, at)
            for name, a, b in zip(header[1:-1], row[1:-1], at[1:-1]):
                x, y = float(a), float(b)
                ref = abs(float(at[1])) if name == "xsec_pb" else abs(float(at[2]))
                assert abs(x - y) <= AT_RTOL * ref, f"{name} at mass_GeV={row[0]}: scan {a}, --at {b} ({abs(x - y) / ref:.2e} relative)"
            checked += 1
    assert checked == 4 * PARTITIONS


def test_points_outside_the_range_are_flagged(dask_run):
    model = json.loads(dask_run["model"].read_text())
    low, high = model["parameters"][0]["range"]
    below = above = inside = 0
    for path in sorted(dask_run["out_dir"].iterdir()):
        _, rows = read_csv(path)
        for row in rows:
            mass, flag = float(row[0]), row[-1]
            out = not (low <= mass <= high)
            assert flag == ("1" if out else "0"), row
            assert all(math.isfinite(float(v)) for v in row[1:-1]), row
            below += mass < low
            above += mass > high
            inside += not out
    # a 10% margin on each side of the (log) range: about 1/12 of the points on each side
    assert below > POINTS / 20 and above > POINTS / 20 and inside > POINTS / 2
    assert dask_run["report"]["scan"]["outside_range"] == below + above
    assert dask_run["report"]["scan"]["nan"] == 0
