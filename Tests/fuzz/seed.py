"""Writes the seed corpora of the fuzz targets (issue 16) into Tests/fuzz/corpus/TARGET/, from
the project's own inputs: the examples, the string literals of the parser's tests, the rule files,
the registry's example calls (through `ansatz-fuzz --tool-seeds`) and hand-written CSV and
JSON-RPC streams. Files are named by the SHA-1 of their bytes, as libFuzzer names what it finds,
so rerunning adds nothing twice.

    python3 Tests/fuzz/seed.py --fuzz-binary .build/debug/ansatz-fuzz --ansatz .build/debug/ansatz
"""
import argparse
import hashlib
import json
import pathlib
import re
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Tests" / "fuzz" / "corpus"


def swift_strings(path):
    """String literals of a Swift file: raw #"..."# as written, ordinary "..." unescaped."""
    text = path.read_text()
    for m in re.finditer(r'#"(.*?)"#', text):
        yield m.group(1)
    for m in re.finditer(r'(?<![#\\])"((?:[^"\\\n]|\\.)*)"', text):
        s = m.group(1)
        if "\\(" in s:  # interpolation: not an input
            continue
        yield s.encode().decode("unicode_escape", errors="ignore")


def example_lines(name):
    for line in (ROOT / "Examples" / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def add(target, data):
    if isinstance(data, str):
        data = data.encode()
    if not data or len(data) > 4096:
        return
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz-binary", default=str(ROOT / ".build/debug/ansatz-fuzz"))
    parser.add_argument("--ansatz", default=str(ROOT / ".build/debug/ansatz"))
    args = parser.parse_args()

    texts = set()
    for name in ["expressions.txt", "identities.txt", "units.txt"]:
        for line in example_lines(name):
            texts.update(part.strip() for part in re.split(r"\||->", line) if part.strip())
    for path in sorted((ROOT / "Tests" / "AnsatzParseTests").glob("*.swift")):
        texts.update(s for s in swift_strings(path) if 0 < len(s) < 400)
    plain = sorted(t for t in texts if "\\" not in t)
    latex = sorted(t for t in texts if "\\" in t or "^{" in t)
    for t in plain[:300]:
        add("plain", t)
    for t in latex[:300]:
        add("latex", t)

    # the JSON AST of a sample of the plain seeds, as the parse tool prints it
    for t in plain[:120]:
        out = subprocess.run([args.ansatz, "parse", t, "--format", "json"], capture_output=True, text=True)
        try:
            add("json-ast", json.dumps(json.loads(out.stdout)))
        except (ValueError, KeyError, TypeError):
            pass

    rules_source = (ROOT / "Sources/AnsatzAlgebra/Rules/BuiltinRules.swift").read_text()
    for block in re.findall(r'"""\n(.*?)"""', rules_source, re.S):
        sets = re.split(r"(?m)^(?=\s*\[)", block)
        for s in sets:
            if s.strip():
                add("rules", "\n".join(l.strip() for l in s.splitlines()))
    add("rules", "[mine]\nsq: sqrt(a^2) -> a if a > 0\nlg: log(a*b) -> log(a) + log(b) if a > 0, b > 0\n")
    add("rules", "[p]\nfx: f(x) -> g(x)\npw: x^n -> n*x if n integer\n")

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([args.fuzz_binary, "--tool-seeds", tmp], check=True)
        for p in pathlib.Path(tmp).iterdir():
            add("tools", p.read_bytes())

    for csv in ["m,r\n500,0.1\n800,0.25\n", "r,m\r\n1,2\r\n", '"m","r"\n1e3,-0\n,\n', "m,r,z\n1,2,3\n4,5\n",
                "m,r\nnan,inf\n-1,0\n1e-320,1e308\n", "x,y\n1,2\n", "m;r\n1;2\n", "m,r\n 1 , 2 \n\n\n3,4"]:
        add("csv", csv)
    example = (ROOT / "Examples" / "surrogate_points.csv").read_text().splitlines()
    add("csv", "\n".join(example[:40]) + "\n")

    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}}
    call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "simplify", "arguments": {"expression": "x + x"}}}
    lines = [json.dumps(init), '{"jsonrpc":"2.0","method":"notifications/initialized"}', json.dumps(call),
             '{"jsonrpc":"2.0","id":3,"method":"tools/list"}', '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":2}}',
             "[]", "42", "null", '{"jsonrpc":"2.0","id":1.5,"method":"ping"}', '{"jsonrpc":"2.0","id":null,"method":"ping"}',
             '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}', '{"jsonrpc":"2.0","id":"x","method":"tools/call","params":[]}',
             '{"jsonrpc":"2.0","id":7,"result":{}}', "{" * 40, '"\\ud800"', '{"a":"\\u0000\\n"}']
    add("jsonrpc", "\n".join(lines) + "\n")
    for line in lines:
        add("jsonrpc", line + "\r\n")
    derivation_seeds()
    surrogate_seeds(args.ansatz)


def surrogate_seeds(ansatz):
    folder = ROOT / "Examples" / "surrogates"
    # small fitted models (the shipped ones are over the seed size limit)
    with tempfile.TemporaryDirectory() as tmp:
        table = pathlib.Path(tmp) / "t.csv"
        table.write_text("m,y,u\n" + "".join(f"{m},{30 * (m / 500) ** -4.5:.4g},{3 * (m / 500) ** -4.5:.3g}\n" for m in range(500, 1300, 100)))
        for extra in ([], ["--uncertainty", "u"], ["--experts", "2"], ["--kernel", "matern52", "--units", "m=GeV,y=pb"]):
            out = subprocess.run([ansatz, "surrogate", "fit", str(table), "--params", "m", "--output", "y", "--restarts", "1"] + extra,
                                 capture_output=True, text=True)
            if out.returncode == 0:
                add("surrogate", out.stdout)
    for path in sorted(folder.glob("*.json")):
        add("surrogate", path.read_bytes())
    for path in sorted(folder.glob("*.csv")):
        lines = path.read_text().splitlines()
        add("surrogate", "\n".join(lines[:40:3]) + "\n")
    add("surrogate", "m,y\n1,1\n2,4\n3,9\n4,16\n5,25\n6,36\n7,49\n8,64\n")
    add("surrogate", "m,y\n1,1\n1,1\n1,1\n")
    add("surrogate", "m,y\n-1,-2\n0,0\n1e308,1\n")
    add("surrogate", "m,s,y\n1,2,3\nnan,2,3\n")
    model = {"format": "ansatz-surrogate/1", "name": "f",
             "parameters": [{"name": "m", "unit": "GeV", "range": [500, 1000]}],
             "outputs": [{"name": "xsec", "unit": "pb"}],
             "surrogate": {"kind": "formula", "expression": "exp(a + b*log(m))",
                           "coefficients": [{"name": "a", "value": 31.3}, {"name": "b", "value": -4.5}],
                           "covariance": [[1e-4, 0], [0, 1e-6]], "residuals": "relative", "residual_scale": 0.01}}
    add("surrogate", json.dumps(model))
    model["surrogate"]["expression"] = "exp(a + b*log(m)) + unknown"
    add("surrogate", json.dumps(model))


def derivation_seeds():
    for path in sorted((ROOT / "Examples" / "derivations").glob("*.json")):
        add("derivation", path.read_bytes())
    add("derivation", "\\begin{aligned} (a+b)^2 &= a^2 + 2ab + b^2 \\\\ &= a^2 + b^2 \\end{aligned}")
    add("derivation", "x^2 - 1\n= (x - 1)(x + 1)\n= x^2 - 1\n")
    add("derivation", "x^2 = x\nx = 1\n")


if __name__ == "__main__":
    main()
