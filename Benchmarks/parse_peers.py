"""Times SymPy's parse_expr and SymEngine's sympify on the same expressions, one JSON line per run.

    python3 parse_peers.py out/expressions.txt --runs 5 --sympy-limit 200
SymPy is slow (hundreds of expressions per second), so it parses the first --sympy-limit lines only;
rates are per expression, so they compare directly.
"""
import argparse
import json
import sys
import time


def timed(fn, lines, passes=1):
    start = time.perf_counter()
    for _ in range(passes):
        for line in lines:
            fn(line)
    return time.perf_counter() - start


def keep_valid(source, target):
    """Drops the few random expressions with a division by an expression that folds to zero: an
    error for SymEngine with numbers (1/(5 - 5)), complex infinity with symbols (x/(a - a) is zoo),
    and E-DIVISION-BY-ZERO for Ansatz either way, so that every tool parses the same strings (the
    zoo case once stopped the benchmark on a fresh clone, issue 17)."""
    import symengine

    kept = 0
    with open(target, "w") as out:
        for line in open(source).read().split("\n"):
            if not line:
                continue
            try:
                value = str(symengine.sympify(line))
            except Exception:
                continue
            if "zoo" in value or "nan" in value:
                continue
            out.write(line + "\n")
            kept += 1
    print("kept %d expressions" % kept, file=sys.stderr)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "filter":
        return keep_valid(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sympy-limit", type=int, default=200)
    ap.add_argument("--passes", type=int, default=5, help="SymEngine parses the file this many times per run")
    a = ap.parse_args()
    lines = [l for l in open(a.file).read().split("\n") if l]

    import symengine
    from sympy.parsing.sympy_parser import parse_expr

    for line in lines[:20]:  # sanity: peers accept the syntax
        symengine.sympify(line)
        parse_expr(line)
    for _ in range(a.runs):
        s = timed(symengine.sympify, lines, a.passes)
        n = len(lines) * a.passes
        print(json.dumps({"tool": "symengine", "expressions": n, "seconds": s, "per_second": n / s}))
        subset = lines[: a.sympy_limit]
        s = timed(parse_expr, subset)
        print(json.dumps({"tool": "sympy", "expressions": len(subset), "seconds": s, "per_second": len(subset) / s}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
