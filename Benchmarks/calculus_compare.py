"""Issue 15: Ansatz's limit, solve and integrate on the corpora of Tests/fixtures, graded against
answers computed independently (SymPy, confirmed with mpmath when the corpora were made), and, for
integrals, side by side with SymPy's integrate.

    python Benchmarks/calculus_compare.py BINARY --kind limits|solve|integrals [--runs N]
        [--sympy] [--sympy-timeout S] [--out rows.jsonl] [--quiet]

Every Ansatz answer is judged by numbers, not by its form: a limit by its value at random values of
the parameters (within their assumptions); a solution set by matching each solution with one of
the expected set; an antiderivative F by F(b) - F(a) against the published one's at random points
(so the constant of integration does not matter). Grades, as Rubi's test suite grades them:
optimal (correct, leaf count at most twice the published optimal antiderivative's), larger
(correct and bigger), discontinuous (its derivative is the integrand, but it jumps between two
points where the published antiderivative does not: valid on each interval only, as tan(x/2)
forms are), unable (refused, or not in time); and wrong (a value that disagrees), which the
tests require to be zero.
"""
import argparse
import json
import math
import pathlib
import random
import statistics
import sys
import time

import mpmath
import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ansatz_server import AnsatzServer  # noqa: E402

FIXTURES = HERE.parent / "Tests" / "fixtures"
CORPORA = {"limits": FIXTURES / "limits.json", "solve": FIXTURES / "solve.json", "integrals": FIXTURES / "integrals.json"}
mpmath.mp.dps = 40

NAMES = {
    "cbrt": lambda z: sympy.real_root(z, 3), "abs": sympy.Abs, "heaviside": sympy.Heaviside,
    "dirac_delta": sympy.DiracDelta, "lambertw": sympy.LambertW, "oo": sympy.oo, "pi": sympy.pi, "I": sympy.I,
    "E": sympy.Symbol("E"), "e": sympy.Symbol("e"), "S": sympy.Symbol("S"), "N": sympy.Symbol("N"), "Q": sympy.Symbol("Q"),
    "beta": sympy.Symbol("beta"), "gamma": sympy.gamma, "zeta": sympy.zeta, "erf": sympy.erf, "erfi": sympy.erfi,
}


def assumptions_of(names):
    """SymPy assumptions from the corpus's {"x": ["positive"]}."""
    out = {}
    for name, facts in (names or {}).items():
        out[name] = {f: True for f in facts}
    return out


def to_sympy(text, assumptions=None, extra=None):
    table = dict(NAMES)
    for name, facts in (assumptions or {}).items():
        table[name] = sympy.Symbol(name, **facts)
    table.update(extra or {})
    text = text.replace("'", "")
    return parse_expr(text, local_dict=table, transformations=standard_transformations + (convert_xor,), evaluate=True)


def draw(symbols, assumptions, rng):
    """Random values: positive ones in [0.5, 3], real ones in [-2, 2] away from 0, others like positive."""
    values = {}
    for s in symbols:
        facts = (assumptions or {}).get(s.name, {})
        if facts.get("integer"):
            values[s] = rng.randint(1, 4)
        elif facts.get("real") and not facts.get("positive") and not facts.get("nonnegative"):
            v = rng.uniform(0.3, 2) * rng.choice([-1, 1])
            values[s] = sympy.Rational(round(v * 1000), 1000)
        else:
            values[s] = sympy.Rational(round(rng.uniform(0.5, 3) * 1000), 1000)
    return values


def number(e, values):
    z = sympy.N(e.subs(values), 30)
    return complex(z)


def close(a, b, tol=1e-12):
    if any(map(math.isnan, [a.real, a.imag, b.real, b.imag])):
        return False
    return abs(a - b) <= tol * max(1.0, abs(b))


def leaves(e):
    """Leaf count, as Rubi counts it: the atoms of the expression tree."""
    if not e.args:
        return 1
    return sum(leaves(a) for a in e.args)


def call(server, tool, arguments, timeout_ms):
    start = time.perf_counter()
    reply = server.request("tools/call", {"name": tool, "arguments": {**arguments, "budget_ms": timeout_ms}})
    elapsed = time.perf_counter() - start
    result = reply.get("result", {})
    structured = result.get("structuredContent") or {}
    # the server's own time for the call, as SymPy's is timed around its call alone
    if isinstance(structured.get("elapsed_ms"), (int, float)):
        elapsed = structured["elapsed_ms"] / 1000
    return structured, elapsed


def assume_text(assumptions):
    return ", ".join(f"{name} {fact}" for name, facts in (assumptions or {}).items() for fact in facts)


# MARK: limits


def judge_limit(case, structured):
    assumptions = assumptions_of(case.get("assumptions"))
    expected = case["expected"]
    if not structured.get("ok"):
        message = structured.get("error", {}).get("message", "")
        if expected == "dne" and "does not exist" in message:
            return "correct", message
        return ("unable", structured.get("error", {}).get("code", "") + ": " + message)
    text = structured["value"]["text"]
    if expected == "dne":
        return "wrong", f"gave {text}, but the limit does not exist"
    if expected in ("oo", "-oo") or text in ("oo", "-oo"):
        return ("correct", text) if text == expected else ("wrong", f"gave {text}, expected {expected}")
    got, want = to_sympy(text, assumptions), to_sympy(expected, assumptions)
    rng = random.Random(7)
    symbols = sorted(got.free_symbols | want.free_symbols, key=lambda s: s.name)
    for _ in range(3):
        values = draw(symbols, assumptions, rng)
        if not close(number(got, values), number(want, values), 1e-20):
            return "wrong", f"gave {text}, expected {expected}"
    return "correct", text


def run_limits(server, corpus, timeout_ms, use_sympy=False, sympy_timeout=10):
    rows = []
    for i, case in enumerate(corpus):
        arguments = {"expression": case["expression"], "variables": [case["variable"]], "point": case["point"],
                     "direction": case.get("direction", "both")}
        if case.get("assumptions"):
            arguments["assume"] = assume_text(case["assumptions"])
        structured, elapsed = call(server, "limit", arguments, timeout_ms)
        grade, detail = judge_limit(case, structured)
        row = {"id": i, "class": case.get("class", ""), "case": case["expression"], "grade": grade, "detail": detail,
               "seconds": elapsed}
        if use_sympy:
            row.update(sympy_limit(case, sympy_timeout))
        rows.append(row)
    return rows


# MARK: solve


def judge_solve(case, structured):
    assumptions = assumptions_of(case.get("assumptions"))
    if not structured.get("ok"):
        return "unable", structured.get("error", {}).get("code", "") + ": " + structured.get("error", {}).get("message", "")
    unknowns = case["unknowns"]
    got = structured["solutions"]
    equations = []
    for text in case["equations"]:
        lhs, _, rhs = text.partition("=")
        equations.append(to_sympy(lhs, assumptions) - (to_sympy(rhs, assumptions) if rhs else 0))
    params = sorted(set().union(*[e.free_symbols for e in equations]) - {sympy.Symbol(u, **assumptions.get(u, {})) for u in unknowns},
                    key=lambda s: s.name)
    rng = random.Random(11)
    values = draw(params, assumptions, rng)
    # the case's conditions on its parameters (theta < pi/2 for a positive range): values inside them
    relations = []
    for text in case.get("conditions", []):
        if "!=" in text:
            continue
        try:
            relations.append(sympy.sympify(text.replace("^", "**"), locals={p.name: p for p in params}))
        except (sympy.SympifyError, TypeError, SyntaxError):
            pass
    for _ in range(200):
        if all(bool(r.subs(values)) for r in relations if hasattr(r, "subs")):
            break
        values = draw(params, assumptions, rng)
    unknown_symbols = [sympy.Symbol(u, **assumptions.get(u, {})) for u in unknowns]
    free = set(case.get("free", []))

    def point(solution):
        """The solution's values, free unknowns (left out, or given as themselves) at 1/3."""
        out = {}
        free_here = {u for u in unknowns if (u in free and u not in solution) or solution.get(u, "").strip() == u}
        for u, s in zip(unknowns, unknown_symbols):
            if u in free_here:
                out[s] = sympy.Rational(1, 3)
        for u, s in zip(unknowns, unknown_symbols):
            if u in solution and u not in free_here:
                v = to_sympy(solution[u], assumptions).subs(values)
                out[s] = v.subs({k: w for k, w in out.items() if k.name in free_here})
        return out

    # every solution Ansatz gives must satisfy every equation
    for solution in got:
        at = point(solution)
        for e in equations:
            residual = complex(sympy.N(e.subs(values).subs(at), 30))
            if not abs(residual) <= 1e-15 * max(1.0, max((abs(complex(sympy.N(v, 30))) for v in at.values()), default=1.0)):
                return "wrong", f"{solution} does not satisfy {e} = 0 (residual {residual:.2e})"
    if not case.get("complete_expected", True):
        return ("correct" if got else "unable"), f"{len(got)} principal solutions"

    def key(solution):
        at = point(solution)
        return [complex(sympy.N(at[s], 25)) for s in unknown_symbols if s in at]

    expected = [key(s) for s in case["solutions"]]
    found = [key(s) for s in got]
    def same(f, e):
        return len(f) == len(e) and all(close(a, b, 1e-15) for a, b in zip(f, e))

    missing = [e for e in expected if not any(same(f, e) for f in found)]
    extra = [f for f in found if not any(same(f, e) for e in expected)]
    if extra:
        # it satisfies the equations (checked above) but is not a solution the assumptions allow
        return "wrong", f"{len(extra)} solutions outside the expected set (the unknowns' assumptions exclude them)"
    if missing:
        if structured.get("complete"):
            return "wrong", f"claims complete but misses {len(missing)} of {len(expected)} solutions"
        return "unable", f"found {len(expected) - len(missing)} of {len(expected)} (says incomplete)"
    return "correct", f"{len(found)} solutions"


def run_solve(server, corpus, timeout_ms, use_sympy=False, sympy_timeout=10):
    rows = []
    for i, case in enumerate(corpus):
        arguments = {"expressions": case["equations"], "variables": case["unknowns"], "complex": True}
        if case.get("assumptions"):
            arguments["assume"] = assume_text(case["assumptions"])
        structured, elapsed = call(server, "solve", arguments, timeout_ms)
        try:
            grade, detail = judge_solve(case, structured)
        except Exception as error:  # noqa: BLE001 - an answer the judge cannot read is reported, not fatal
            grade, detail = "unreadable", f"{type(error).__name__}: {error}"
        row = {"id": i, "class": case.get("class", ""), "case": "; ".join(case["equations"]), "grade": grade,
               "detail": detail, "seconds": elapsed}
        if use_sympy:
            row.update(sympy_solve(case, sympy_timeout))
        rows.append(row)
    return rows


# MARK: integrals


def judge_antiderivative(case, text, x_name="x"):
    """Correct when F(b) - F(a) matches the published antiderivative's at random a, b."""
    assumptions = assumptions_of(case.get("assumptions"))
    x = sympy.Symbol(x_name, **assumptions.get(x_name, {}))
    got = to_sympy(text, assumptions, {x_name: x})
    want = to_sympy(case["antiderivative"], assumptions, {x_name: x})
    params = sorted((got.free_symbols | want.free_symbols) - {x}, key=lambda s: s.name)
    rng = random.Random(5)
    agreed = 0
    for _ in range(6):
        values = draw(params, assumptions, rng)
        a, b = sympy.Rational(rng.randint(11, 40), 37), sympy.Rational(rng.randint(41, 90), 37)
        try:
            # the differences at 30 digits, before rounding to doubles (F's terms may be large)
            gs, ws = got.subs(values), want.subs(values)
            g = complex(sympy.N(gs.subs(x, b) - gs.subs(x, a), 30))
            w = complex(sympy.N(ws.subs(x, b) - ws.subs(x, a), 30))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if any(map(math.isnan, [g.real, g.imag, w.real, w.imag])) or any(map(math.isinf, [w.real, w.imag])):
            continue
        # branches: logs of negative arguments differ by i*pi between forms; compare real parts then
        if not (close(g, w, 1e-15) or close(complex(g.real, 0), complex(w.real, 0), 1e-15)):
            # a jump between a and b (tan(x/2), atan(tan(x))): an antiderivative on each interval
            # only, if its derivative is the integrand; else wrong
            if derivative_agrees(got, case, assumptions, x, rng):
                return "discontinuous", f"F(b) - F(a) = {g} against {w}; F' is the integrand"
            return "wrong", f"F(b) - F(a) = {g} against {w}"
        agreed += 1
    if agreed < 2:
        return "unchecked", "too few points where both antiderivatives have values"
    # both counted the same way (the corpus's own leaf counts follow Mathematica's conventions)
    ratio = leaves(got) / max(1, leaves(want))
    return ("optimal" if ratio <= 2 else "larger"), f"leaf ratio {ratio:.2f}"


def derivative_agrees(got, case, assumptions, x, rng):
    """d/dx F equals the integrand at random points (SymPy differentiates, mpmath evaluates)."""
    f = to_sympy(case["integrand"], assumptions, {x.name: x})
    d = sympy.diff(got, x) - f
    params = sorted(d.free_symbols - {x}, key=lambda s: s.name)
    for _ in range(4):
        values = draw(params, assumptions, rng)
        values[x] = sympy.Rational(rng.randint(3, 60), 37)
        z = complex(sympy.N(d.subs(values), 30))
        if not abs(z) <= 1e-20:
            return False
    return True


def run_integrals(server, corpus, timeout_ms, use_sympy=False, sympy_timeout=10):
    rows = []
    for i, case in enumerate(corpus):
        arguments = {"expression": case["integrand"], "variables": [case.get("variable", "x")]}
        if case.get("assumptions"):
            arguments["assume"] = assume_text(case["assumptions"])
        structured, elapsed = call(server, "integrate", arguments, timeout_ms)
        if structured.get("ok"):
            try:
                grade, detail = judge_antiderivative(case, structured["value"]["text"], case.get("variable", "x"))
            except Exception as error:  # noqa: BLE001
                grade, detail = "unreadable", f"{type(error).__name__}: {error}"
        else:
            grade, detail = "unable", structured.get("error", {}).get("code", "")
        row = {"id": i, "class": case.get("class", ""), "case": case["integrand"], "grade": grade, "detail": detail,
               "seconds": elapsed, "answer": structured.get("value", {}).get("text")}
        if use_sympy:
            row.update(sympy_integral(case, sympy_timeout))
        rows.append(row)
    return rows


def sympy_text(value):
    """SymPy's result in Ansatz's plain syntax (E is Euler's number there, a symbol here)."""
    import re
    return re.sub(r"\bE\b", "exp(1)", str(value).replace("**", "^"))


def in_child(work, timeout):
    """work() in a forked child (SymPy cannot be interrupted otherwise): (result, seconds) or None."""
    import multiprocessing

    def body(queue):
        start = time.perf_counter()
        try:
            result = work()
        except Exception as error:  # noqa: BLE001 - SymPy's refusals are data here
            result = ("error", f"{type(error).__name__}: {error}")
        queue.put((result, time.perf_counter() - start))

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=body, args=(queue,))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return None if queue.empty() else queue.get()


def sympy_limit(case, timeout):
    """SymPy's limit (two-sided as '+-'), graded by the same judge as Ansatz's."""
    assumptions = assumptions_of(case.get("assumptions"))
    direction = {"+": "+", "-": "-"}.get(case.get("direction", "both"), "+-")

    def work():
        x = sympy.Symbol(case["variable"], **assumptions.get(case["variable"], {}))
        e = to_sympy(case["expression"], assumptions, {x.name: x})
        point = {"oo": sympy.oo, "-oo": -sympy.oo}.get(case["point"]) or to_sympy(case["point"], assumptions)
        if point in (sympy.oo, -sympy.oo):
            value = sympy.limit(e, x, point)
        else:
            value = sympy.limit(e, x, point, dir=direction)
        return sympy_text(value)

    done = in_child(work, timeout)
    if done is None:
        return {"sympy_grade": "unable", "sympy_seconds": timeout}
    result, seconds = done
    if isinstance(result, tuple):
        structured = {"ok": False, "error": {"code": "sympy", "message": "does not exist" if "not exist" in result[1] or "differ" in result[1] else result[1]}}
    elif any(word in result for word in ("AccumBounds", "Limit", "nan", "zoo")):
        structured = {"ok": False, "error": {"code": "sympy", "message": result}}
    else:
        structured = {"ok": True, "value": {"text": result}}
    try:
        grade, _ = judge_limit(case, structured)
    except Exception:  # noqa: BLE001
        grade = "unreadable"
    return {"sympy_grade": grade, "sympy_seconds": seconds}


def sympy_solve(case, timeout):
    """SymPy's solve (dict=True), graded by the same judge as Ansatz's."""
    assumptions = assumptions_of(case.get("assumptions"))

    def work():
        unknowns = [sympy.Symbol(u, **assumptions.get(u, {})) for u in case["unknowns"]]
        local = {u.name: u for u in unknowns}
        equations = []
        for text in case["equations"]:
            lhs, _, rhs = text.partition("=")
            equations.append(sympy.Eq(to_sympy(lhs, assumptions, local), to_sympy(rhs, assumptions, local) if rhs else 0))
        solutions = sympy.solve(equations, unknowns, dict=True)
        return [{k.name: sympy_text(v) for k, v in s.items()} for s in solutions]

    done = in_child(work, timeout)
    if done is None:
        return {"sympy_grade": "unable", "sympy_seconds": timeout}
    result, seconds = done
    if isinstance(result, tuple):
        return {"sympy_grade": "unable", "sympy_seconds": seconds}
    # SymPy leaves out the unknowns it leaves free: give them as themselves, as Ansatz does
    solutions = [{u: s.get(u, u) for u in case["unknowns"]} for s in result]
    try:
        grade, _ = judge_solve(case, {"ok": True, "solutions": solutions, "complete": True})
    except Exception:  # noqa: BLE001
        grade = "unreadable"
    return {"sympy_grade": grade, "sympy_seconds": seconds}


def sympy_integral(case, timeout):
    """SymPy's integrate in a child process (it cannot be interrupted otherwise), graded the same way."""
    def work():
        assumptions = assumptions_of(case.get("assumptions"))
        x = sympy.Symbol(case.get("variable", "x"), **assumptions.get(case.get("variable", "x"), {}))
        result = sympy.integrate(to_sympy(case["integrand"], assumptions, {x.name: x}), x)
        return sympy_text(result), result.has(sympy.Integral)

    done = in_child(work, timeout)
    if done is None:
        return {"sympy_grade": "unable", "sympy_seconds": timeout}
    result, seconds = done
    if result[0] == "error" or result[1] is True:  # SymPy failed, or left the integral unevaluated
        return {"sympy_grade": "unable", "sympy_seconds": seconds}
    text = result[0]
    try:
        grade, _ = judge_antiderivative(case, text.replace("Abs", "abs"), case.get("variable", "x"))
    except Exception:  # noqa: BLE001
        grade = "unreadable"
    return {"sympy_grade": grade, "sympy_seconds": seconds}


def summarize(rows, key="grade"):
    grades = {}
    for r in rows:
        grades[r[key]] = grades.get(r[key], 0) + 1
    return grades


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--kind", choices=sorted(CORPORA), required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sympy", action="store_true", help="integrals: SymPy's integrate side by side")
    parser.add_argument("--sympy-timeout", type=float, default=10)
    parser.add_argument("--timeout-ms", type=int, default=10000)
    parser.add_argument("--out")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    corpus = json.loads(CORPORA[args.kind].read_text())
    if isinstance(corpus, dict):  # a corpus with its provenance around the list
        corpus = corpus.get("problems") or corpus.get("cases") or []
    server = AnsatzServer(args.binary)
    runs = []
    try:
        for run in range(args.runs):
            first = args.sympy and run == 0
            if args.kind == "limits":
                rows = run_limits(server, corpus, args.timeout_ms, use_sympy=first, sympy_timeout=args.sympy_timeout)
            elif args.kind == "solve":
                rows = run_solve(server, corpus, args.timeout_ms, use_sympy=first, sympy_timeout=args.sympy_timeout)
            else:
                rows = run_integrals(server, corpus, args.timeout_ms, use_sympy=args.sympy and run == 0, sympy_timeout=args.sympy_timeout)
            runs.append(rows)
    finally:
        server.close(kill=True)
    rows = runs[0]
    for r in rows:  # the median time over the runs
        r["seconds"] = statistics.median(run[r["id"]]["seconds"] for run in runs)
    if args.out:
        with open(args.out, "w") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")
    print(f"{args.kind}: {len(rows)} cases, grades {summarize(rows)}; median {statistics.median(r['seconds'] for r in rows) * 1000:.1f} ms per case")
    if args.sympy:
        print(f"sympy: grades {summarize(rows, 'sympy_grade')}; median "
              f"{statistics.median(r['sympy_seconds'] for r in rows if r.get('sympy_seconds') is not None) * 1000:.1f} ms per case")
        by_class = {}
        for r in rows:
            by_class.setdefault(r["class"], []).append(r)
        grades = ["optimal", "larger", "discontinuous", "unable", "wrong"] if args.kind == "integrals" else ["correct", "unable", "wrong"]
        print("| class | cases | " + " | ".join(f"Ansatz {g}" for g in grades) + " | " + " | ".join(f"SymPy {g}" for g in grades)
              + " | Ansatz median ms | SymPy median ms | ratio |")
        print("| --- | ---: | " + " | ".join("---:" for _ in grades * 2) + " | ---: | ---: | ---: |")
        for name, group in sorted(by_class.items()) + [("all", rows)]:
            a, s = summarize(group), summarize(group, "sympy_grade")
            st = [r["sympy_seconds"] for r in group if r.get("sympy_seconds") is not None]
            ours = statistics.median(r["seconds"] for r in group) * 1000
            theirs = statistics.median(st) * 1000 if st else float("nan")
            print(f"| {name} | {len(group)} | " + " | ".join(str(a.get(g, 0)) for g in grades) + " | "
                  + " | ".join(str(s.get(g, 0)) for g in grades) + f" | {ours:.1f} | {theirs:.1f} | {theirs / ours:.1f}x |")
    if not args.quiet:
        for r in rows:
            if r["grade"] not in ("correct", "optimal", "larger"):
                print(f"  {r['grade']:9} #{r['id']} [{r['class']}] {r['case']}: {r['detail']}")


if __name__ == "__main__":
    main()
