"""Issue 13 over MCP: an agent fits a surrogate with surrogate_fit from an inline table, passes
the model object it got back to surrogate_evaluate, and reads predictions, uncertainties, events
and the extrapolation flag; the same model file loads on the command line."""
import csv
import json
import pathlib
import subprocess

from test_mcp_client import session_run

ROOT = pathlib.Path(__file__).resolve().parents[2]


def gluino_table():
    rows = list(csv.DictReader(open(ROOT / "Examples" / "surrogates" / "gluino_pair_13TeV.csv")))
    return [(float(r["mass_GeV"]), float(r["xsec_pb"]), float(r["unc_pb"])) for r in rows]


def test_fit_then_evaluate_through_the_server(binary, tmp_path):
    rows = gluino_table()
    train = rows[::4]
    table = {"mass_GeV": [r[0] for r in train], "xsec_pb": [r[1] for r in train], "unc_pb": [r[2] for r in train]}
    held = [r for i, r in enumerate(rows) if i % 4 == 2][:40]

    async def body(session, _):
        fit = await session.call_tool("surrogate_fit", {"table": table, "params": ["mass_GeV"], "output": "xsec_pb",
                                                        "uncertainty": "unc_pb", "units": {"mass_GeV": "GeV", "xsec_pb": "pb"},
                                                        "kernel": "squared_exponential", "name": "gluino"})
        assert not fit.isError, fit.content[0].text
        model = fit.structuredContent["model"]
        points = {"mass_GeV": [r[0] for r in held] + [3500.0]}
        evaluated = await session.call_tool("surrogate_evaluate", {"model": model, "points": points, "lumi": "139/fb"})
        bad = await session.call_tool("surrogate_evaluate", {"model": model, "points": {"mass": [1000.0]}})
        return model, evaluated, bad

    model, evaluated, bad = session_run(binary, body)
    assert model["format"] == "ansatz-surrogate/1"
    assert model["surrogate"]["kind"] == "gaussian_process"
    assert model["parameters"][0]["range"] == [500.0, 3000.0]
    assert not evaluated.isError, evaluated.content[0].text
    columns = evaluated.structuredContent["columns"]
    assert list(columns) == ["xsec_pb", "xsec_pb_uncertainty", "xsec_pb_model_uncertainty", "xsec_pb_theory_uncertainty",
                             "events", "outside_range"]
    for i, (mass, xsec, unc) in enumerate(held):
        # within 0.5% of a value that rounds to the printed three digits
        rounding = 0.5 * 10 ** (len(str(int(xsec))) - 3) if xsec >= 100 else None
        assert abs(columns["xsec_pb"][i] - xsec) <= 0.005 * xsec + (rounding or xsec * 0.005), (mass, columns["xsec_pb"][i], xsec)
        assert abs(columns["xsec_pb_theory_uncertainty"][i] - unc) <= 0.02 * unc, (mass, columns["xsec_pb_theory_uncertainty"][i], unc)
        assert columns["events"][i] == columns["xsec_pb"][i] * 139000
        assert columns["outside_range"][i] == 0
    assert columns["outside_range"][-1] == 1
    assert evaluated.structuredContent["outside_range"] == 1
    assert any(w["code"] == "W-SURROGATE-RANGE" for w in evaluated.structuredContent["warnings"])
    assert bad.isError and bad.structuredContent["error"]["code"] == "E-CSV"
    # the object the server returned is a model file the command line reads
    path = tmp_path / "gluino.json"
    path.write_text(json.dumps(model))
    out = subprocess.run([binary, "surrogate", "eval", str(path), "--at", f"mass_GeV={held[0][0]:g}"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert float(out.stdout.splitlines()[1].split(",")[1]) == columns["xsec_pb"][0]
