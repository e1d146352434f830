"""Issue 14: Ansatz's simplify against SymPy's simplify on the corpus of Benchmarks/simplify_corpus.py.

The corpus (about 350 seeded cases: trigonometric, exp/log, powers, radicals, rational functions,
special functions, complex, physics formulas and random expressions) goes through
Benchmarks/simplify_compare.py with one run per case, in a subprocess with a fixed
PYTHONHASHSEED so SymPy's answers are the same every time. About 15 s with a debug binary on the
project machine. The full benchmark, with timings over several runs, is
`bash Benchmarks/run-simplify-benchmark.sh`.
"""
import json
import os
import pathlib
import subprocess
import sys
import warnings

ROOT = pathlib.Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "Benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from simplify_compare import summarize  # noqa: E402

# The share of cases where Ansatz's result is as simple as SymPy's by SymPy's count_ops. The goal of
# issue 14 is 0.85 or more. This threshold is the share measured last (0.997 on 2026-11-30,
# release build: 353 of 354; it was 0.898 when the test was written) minus 0.02, rounded down to
# a percent, so that a regression fails. Raise it as Ansatz improves.
SHARE_GOAL = 0.97
SYMPY_TIMEOUT_S = 10  # a case SymPy needs longer for is skipped (none were when this was written)


def test_simplify_is_as_simple_as_sympy_and_never_changes_a_value(binary, tmp_path):
    corpus = tmp_path / "simplify-corpus.json"
    with open(corpus, "w") as f:
        subprocess.run([sys.executable, str(BENCHMARKS / "simplify_corpus.py")], stdout=f, check=True)
    rows_path = tmp_path / "simplify-compare.jsonl"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "simplify_compare.py"), binary, str(corpus), "--runs", "1", "--quiet",
         "--sympy-timeout", str(SYMPY_TIMEOUT_S), "--out", str(rows_path)],
        env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-5000:]
    rows = [json.loads(line) for line in rows_path.read_text().splitlines()]
    overall = summarize(rows)["overall"]
    print(done.stdout)  # the summary and every case not as simple, shown with -s or on failure

    skipped = [r["id"] for r in rows if r["sympy_skipped"]]
    if skipped:
        warnings.warn(f"SymPy took more than {SYMPY_TIMEOUT_S} s on {len(skipped)} cases, skipped: {skipped}")

    changed = [f"{r['id']}: {r['expression']} [{r['assume']}] -> {r['ansatz_result']}: {r['value_change']}"
               for r in rows if r["value_change"]]
    assert changed == [], "simplify changed the value:\n" + "\n".join(changed)
    errors = [f"{r['id']}: {r['expression']} [{r['assume']}]: {r['ansatz_status']}: {r['ansatz_error']}"
              for r in rows if r["ansatz_status"] not in ("ok", "budget")]
    assert errors == [], "Ansatz failed:\n" + "\n".join(errors)
    assert overall["judged"] >= 300
    assert overall["share"] >= SHARE_GOAL, (
        f"as simple as SymPy in {overall['as_simple']} of {overall['judged']} cases ({overall['share']:.3f}), "
        f"below {SHARE_GOAL}:\n{done.stdout}")


def test_corpus_is_deterministic_and_reads_in_sympy():
    """Two generations are the same, and every case reads in SymPy with its assumptions."""
    from simplify_corpus import corpus, to_sympy

    first, second = corpus(), corpus()
    assert first == second
    assert len({c["id"] for c in first}) == len(first)
    classes = {}
    for case in first:
        classes[case["class"]] = classes.get(case["class"], 0) + 1
        to_sympy(case["expression"], case)
    assert set(classes) == {"trig", "explog", "powers", "radicals", "rational", "special", "complex", "physics",
                            "random"}
    assert all(30 <= n <= 50 for n in classes.values()), classes

