"""Issue 15: limit, integrate, solve and matrix from the command line and over MCP, and the three
corpora (Tests/fixtures: limits, equations and systems, Rubi's integrals) graded by
Benchmarks/calculus_compare.py against answers computed independently (SymPy, confirmed with
mpmath when the corpora were made). Zero wrong answers is required; the shares below are the
rates measured when the thresholds were set, less a margin, so that a regression fails.
About a minute and a half with a debug binary.
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Benchmarks"))
from ansatz_server import AnsatzServer  # noqa: E402
import calculus_compare  # noqa: E402

# measured on 2026-11-30 (debug build): limits 189 of 223 (0.85), equations 172 of 177 (0.97),
# integrals 464 of 610 (0.76: 430 optimal, 34 larger; 2 more valid only between the jumps of tan(x/2))
LIMIT_SHARE = 0.82
SOLVE_SHARE = 0.94
INTEGRAL_SHARE = 0.73


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)


def reads_back(binary, text):
    """The first line of an answer parses to itself."""
    done = run(binary, "parse", text)
    assert done.returncode == 0, (text, done.stderr)
    return done.stdout.strip()


def test_command_shapes_and_first_lines(binary):
    limit = run(binary, "limit", "(sqrt(p^2 + m^2) - m)/p^2", "p", "0", "--assume", "m > 0")
    assert limit.returncode == 0, limit.stderr
    assert limit.stdout.splitlines()[0] == "1/(2*m)"
    assert reads_back(binary, "1/(2*m)") == "1/(2*m)"
    assert run(binary, "limit", "x*log(x)", "x", "0", "--direction", "+").stdout.splitlines()[0] == "0"
    assert run(binary, "limit", "exp(x)/x^3", "x", "oo").stdout.splitlines()[0] == "oo"
    sides = run(binary, "limit", "1/x", "x", "0")
    assert sides.returncode == 2 and "E-LIMIT-VALUE" in sides.stderr and "from the left it is -oo" in sides.stderr

    assert run(binary, "integrate", "x*exp(-x)", "x", "--from", "0", "--to", "oo").stdout.splitlines()[0] == "1"
    anti = run(binary, "integrate", "x^2*exp(x)", "x").stdout.splitlines()[0]
    assert reads_back(binary, anti) == anti

    solved = run(binary, "solve", "x^2 + y^2 = 1", "y = x", "--for", "x", "y", "--format", "json")
    assert solved.returncode == 0, solved.stderr
    result = json.loads(solved.stdout)
    assert result["complete"] is True
    assert sorted(s["x"] for s in result["solutions"]) == ["-sqrt(2)/2", "sqrt(2)/2"]
    assert all(set(s) == {"x", "y"} for s in result["solutions"])
    text = run(binary, "solve", "x^2 - 3*x + 2 = 0").stdout.splitlines()
    assert text[:2] == ["x = 1", "x = 2"]
    assert reads_back(binary, text[0]) == "x = 1"

    assert run(binary, "matrix", "[[1, 2], [3, 4]]").stdout.strip() == "-2"
    inverse = run(binary, "matrix", "[[1, 2], [3, 4]]", "inverse").stdout.strip()
    assert inverse == "[[-2, 1], [3/2, -1/2]]"


def test_mcp_calls_carry_structured_answers(binary):
    server = AnsatzServer(binary, client="e2e")
    try:
        reply = server.request("tools/call", {"name": "limit", "arguments": {"expression": "(1 + 1/x)^x", "point": "oo"}})
        structured = reply["result"]["structuredContent"]
        assert structured["value"]["text"] == "exp(1)" and structured["infinite"] == ""
        assert structured["check"].startswith("checked numerically")
        reply = server.request("tools/call", {"name": "integrate", "arguments": {"expression": "x^3/(exp(x) - 1)", "from": "0", "to": "oo"}})
        structured = reply["result"]["structuredContent"]
        assert structured["value"]["text"] == "pi^4/15" and structured["exact"] is True
        assert structured["decimal"]["text"].startswith("6.4939394022668")
        reply = server.request("tools/call", {"name": "solve", "arguments": {
            "expressions": ["E = sqrt(p^2*c^2 + m^2*c^4)"], "variables": ["p"], "assume": "p > 0, c > 0, m > 0, E > 0"}})
        structured = reply["result"]["structuredContent"]
        assert structured["solutions"] == [{"p": "sqrt(E^2 - c^4*m^2)/c"}] and structured["complete"] is True
        reply = server.request("tools/call", {"name": "jacobian", "arguments": {
            "expressions": ["r*cos(phi)", "r*sin(phi)"], "variables": ["r", "phi"]}})
        assert reply["result"]["structuredContent"]["determinant"]["text"] == "r"
    finally:
        server.close(kill=True)


def graded(binary, kind):
    corpus = json.loads(calculus_compare.CORPORA[kind].read_text())
    if isinstance(corpus, dict):
        corpus = corpus["problems"]
    server = AnsatzServer(binary, client="e2e")
    try:
        runner = {"limits": calculus_compare.run_limits, "solve": calculus_compare.run_solve,
                  "integrals": calculus_compare.run_integrals}[kind]
        rows = runner(server, corpus, 10000)
    finally:
        server.close(kill=True)
    return rows


def check(rows, good, share, minimum):
    wrong = [f"#{r['id']} {r['case']}: {r['detail']}" for r in rows if r["grade"] in ("wrong", "unreadable")]
    assert wrong == [], "wrong answers:\n" + "\n".join(wrong)
    assert len(rows) >= minimum
    right = sum(r["grade"] in good for r in rows)
    print(f"{right} of {len(rows)} right; grades {calculus_compare.summarize(rows)}")
    assert right / len(rows) >= share, calculus_compare.summarize(rows)


def test_limit_corpus(binary):
    check(graded(binary, "limits"), {"correct"}, LIMIT_SHARE, 60)


def test_solve_corpus(binary):
    check(graded(binary, "solve"), {"correct"}, SOLVE_SHARE, 100)


def test_integral_corpus(binary):
    check(graded(binary, "integrals"), {"optimal", "larger"}, INTEGRAL_SHARE, 500)
