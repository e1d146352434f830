"""Ansatz's simplify against SymPy's simplify on the corpus of simplify_corpus.py (issue 14).

    python simplify_compare.py BINARY CORPUS.json [--runs N] [--only CLASS] [--out FILE.jsonl]

For every case:
- Ansatz: `BINARY serve` (one process for the whole corpus, raw JSON-RPC lines, one call at a time)
  answers tools/call simplify with {"expression", "assume", "complex", "budget_ms"}; its result is
  the first run's, its time the median over --runs of the server's own `elapsed_ms`.
- SymPy: sympy.simplify on the input as SymPy reads it (simplify_corpus.to_sympy); its time is the
  median over --runs of time.perf_counter() around sympy.simplify alone (parsing excluded, SymPy's
  cache cleared before each run). A case SymPy needs more than --sympy-timeout seconds for
  (SIGALRM) is skipped: it counts in no share, and the summary says how many there were.
- Size: sympy.count_ops(..., visual=False) of SymPy's result and of Ansatz's result read by SymPy
  with the same translation (parse_expr evaluates as it reads, as it does for any input). "As
  simple" means ansatz_ops <= sympy_ops; a case Ansatz did not answer is not as simple. Because
  parse_expr's evaluation can finish Ansatz's work (sqrt(2)*sqrt(3) becomes sqrt(6), erf(-x) becomes
  -erf(x)), the share is also given with Ansatz's text read unevaluated ("written").
- Value check: the input and Ansatz's result are evaluated by SymPy (evalf(30, subs=...)) at 3
  (--points) random points that satisfy the assumptions (positive and nonnegative symbols in
  (0.1, 3), real ones in (-3, 3), integers small integers, other symbols complex with both parts in
  (-3, 3)), exact rationals seeded by the case id. |a - b| > 1e-12 max(|a|, |b|) + 1e-22 is a
  VALUE CHANGE (the floor is for values that are 0, which evalf gives as noise far below it).
  Points where either side is not a finite number are skipped. Random points can miss a change
  that holds on part of the domain only (log(x*y) = log(x) + log(y) fails for a quarter of
  complex x, y): no value change is evidence, not proof.

Writes one JSON line per case to --out (default out/simplify-compare.jsonl) and prints the
summary: per class and overall, the share of cases as simple as SymPy, value changes, Ansatz
errors and budget stops, SymPy skips, the median time per case of each tool and their ratio; then
the cases where Ansatz is not as simple, the value changes and the errors.
"""
import argparse
import json
import os
import random
import signal
import statistics
import sys
import time
import zlib

import mpmath
import sympy
from sympy.core.cache import clear_cache

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ansatz_server import AnsatzServer  # noqa: E402
from simplify_corpus import parse_assume, sympy_symbols, to_sympy  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = 30
RELATIVE = mpmath.mpf("1e-12")
FLOOR = mpmath.mpf("1e-22")


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def guarded(seconds, fn):
    """fn() with a wall-clock limit (SIGALRM: main thread only); raises Timeout past it."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Ansatz(AnsatzServer):
    """`ansatz serve` over stdio, one JSON-RPC message per line; restarted if it dies or hangs."""

    def __init__(self, binary, budget_ms):
        self.budget_ms = budget_ms
        super().__init__(binary, client="simplify-compare")

    def simplify(self, case):
        """{"ok", "text", "stop_reason", "error", "elapsed_ms"} for one call."""
        arguments = {"expression": case["expression"], "assume": case["assume"], "complex": case["complex"],
                     "budget_ms": self.budget_ms}
        try:
            # The server keeps to its budget; the guard is for a server that hangs.
            reply = guarded(self.budget_ms / 1000 + 60,
                            lambda: self.request("tools/call", {"name": "simplify", "arguments": arguments}))
        except (Timeout, RuntimeError, ValueError, BrokenPipeError) as failure:
            self.close(kill=True)
            self.start()
            return {"ok": False, "text": None, "stop_reason": "crash", "error": f"E-CLIENT: {failure!r}",
                    "elapsed_ms": None}
        if "error" in reply:
            return {"ok": False, "text": None, "stop_reason": "error", "elapsed_ms": None,
                    "error": f"JSON-RPC {reply['error'].get('code')}: {reply['error'].get('message')}"}
        result = reply["result"]["structuredContent"]
        error = result.get("error")
        return {"ok": bool(result.get("ok")), "text": (result.get("value") or {}).get("text"),
                "stop_reason": result.get("stop_reason"), "elapsed_ms": result.get("elapsed_ms"),
                "error": f"{error['code']}: {error['message']}" if error else None}


def sympy_simplify(expr, runs, timeout):
    """(result, [seconds per run]) or (None, reason) when SymPy takes too long or fails."""
    result, times = None, []
    for _ in range(runs):
        clear_cache()  # a repeated simplify would otherwise be partly a cache lookup
        t0 = time.perf_counter()
        try:
            value = guarded(timeout, lambda: sympy.simplify(expr))
        except Timeout:
            return None, f"more than {timeout:g} s"
        except Exception as failure:  # noqa: BLE001 - SymPy's own failure: no comparison
            return None, f"sympy failed: {failure!r}"[:200]
        times.append(time.perf_counter() - t0)
        if result is None:
            result = value
    return result, times


def sample_point(rng, names, facts):
    """Exact random values for the symbols, satisfying their assumptions."""
    point = {}
    for name in sorted(names):
        symbol = names[name]
        if not isinstance(symbol, sympy.Symbol):
            continue
        f = facts.get(name, set())

        def uniform(lo, hi):
            return sympy.Rational(round(rng.uniform(lo, hi) * 10**6), 10**6)

        if "integer" in f:
            lo = 1 if "positive" in f else 0 if "nonnegative" in f else -4
            value = sympy.Integer(rng.randint(lo, 6))
            if value == 0 and "nonzero" in f:
                value = sympy.Integer(1)
        elif f & {"positive", "nonnegative"}:
            value = uniform(0.1, 3)
        elif f & {"real", "nonzero"}:  # SymPy's nonzero implies real
            value = uniform(-3, 3)
            while "nonzero" in f and abs(value) < sympy.Rational(1, 10):
                value = uniform(-3, 3)
        else:
            value = uniform(-3, 3) + sympy.I * uniform(-3, 3)
        point[symbol] = value
    return point


def numeric(expr, point):
    """expr at the point as an mpmath complex, or None where it is not a finite number."""
    try:
        value = guarded(30, lambda: expr.evalf(DIGITS, subs=point))
        if not value.is_number or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return None
        re_part, im_part = value.as_real_imag()
        z = mpmath.mpc(mpmath.mpf(str(sympy.Float(re_part, DIGITS))), mpmath.mpf(str(sympy.Float(im_part, DIGITS))))
    except Exception:  # noqa: BLE001 - Timeout, or a value SymPy cannot give as a number
        return None
    return z if mpmath.isfinite(z) else None


def value_check(case, names, input_expr, result_expr, seed, points=3):
    """(points compared, None or a description of the first point where the values differ)."""
    rng = random.Random(zlib.crc32(case["id"].encode()) ^ seed)
    facts = parse_assume(case["assume"])
    compared = 0
    with mpmath.workdps(DIGITS + 10):
        for _ in range(points):
            point = sample_point(rng, names, facts)
            a, b = numeric(input_expr, point), numeric(result_expr, point)
            if a is None or b is None:
                continue
            compared += 1
            if abs(a - b) > RELATIVE * max(abs(a), abs(b)) + FLOOR:
                where = ", ".join(f"{k} = {v}" for k, v in point.items())
                return compared, f"at {where or 'any point'}: input {mpmath.nstr(a, 15)}, result {mpmath.nstr(b, 15)}"
    return compared, None


def written_ops(text, case, names):
    """count_ops of Ansatz's text read without SymPy's evaluation (None if SymPy cannot)."""
    try:
        return int(sympy.count_ops(to_sympy(text, case, names, evaluate=False), visual=False))
    except Exception:  # noqa: BLE001
        return None


def compare_case(case, ansatz, runs, sympy_timeout, seed, points=3, check_sympy=False):
    """One output row: both results, their sizes and times, and the value check."""
    row = {k: case[k] for k in ("id", "class", "expression", "assume", "complex", "source")}
    names = sympy_symbols(case)
    input_expr = to_sympy(case["expression"], case, names)
    row["input_ops"] = int(sympy.count_ops(input_expr, visual=False))

    calls = [ansatz.simplify(case) for _ in range(runs)]
    first = calls[0]
    times = [c["elapsed_ms"] for c in calls if c["elapsed_ms"] is not None]
    row.update(ansatz_status="ok" if first["ok"] else "budget" if first["stop_reason"] == "budget" else "error",
               ansatz_result=first["text"], ansatz_error=first["error"],
               ansatz_ms=statistics.median(times) if times else None)

    result, sympy_times = sympy_simplify(input_expr, runs, sympy_timeout)
    if result is None:
        row.update(sympy_result=None, sympy_ms=None, sympy_ops=None, sympy_skipped=sympy_times)
    else:
        row.update(sympy_result=sympy.sstr(result), sympy_ms=statistics.median(sympy_times) * 1e3,
                   sympy_ops=int(sympy.count_ops(result, visual=False)), sympy_skipped=None)

    row.update(ansatz_ops=None, ansatz_ops_written=None, value_points=0, value_change=None)
    if first["ok"]:
        try:
            names = sympy_symbols(case, first["text"])
            ansatz_expr = to_sympy(first["text"], case, names)
            row["ansatz_ops"] = int(sympy.count_ops(ansatz_expr, visual=False))
            row["ansatz_ops_written"] = written_ops(first["text"], case, names)
        except Exception as failure:  # noqa: BLE001
            row.update(ansatz_status="unreadable", ansatz_error=f"SymPy cannot read the result: {failure!r}"[:300])
        else:
            row["value_points"], row["value_change"] = value_check(case, names, input_expr, ansatz_expr, seed, points)
    if check_sympy and result is not None:
        row["sympy_value_points"], row["sympy_value_change"] = value_check(case, names, input_expr, result, seed, points)

    if row["sympy_ops"] is None:
        row["as_simple"] = None  # SymPy skipped: the case counts in no share
    else:
        row["as_simple"] = row["ansatz_ops"] is not None and row["ansatz_ops"] <= row["sympy_ops"]
    # The same with Ansatz's text as written: parse_expr's evaluation can simplify it further.
    row["as_simple_written"] = None if row["as_simple"] is None else (
        row["ansatz_ops_written"] is not None and row["ansatz_ops_written"] <= row["sympy_ops"])
    return row


def summarize(rows):
    """Per class (in corpus order) and "overall": counts, the share as simple, median times."""
    classes = list(dict.fromkeys(r["class"] for r in rows)) + ["overall"]
    summary = {}
    for cls in classes:
        group = [r for r in rows if cls == "overall" or r["class"] == cls]
        judged = [r for r in group if r["as_simple"] is not None]
        ansatz_ms = [r["ansatz_ms"] for r in group if r["ansatz_ms"] is not None]
        sympy_ms = [r["sympy_ms"] for r in group if r["sympy_ms"] is not None]
        s = {
            "cases": len(group),
            "judged": len(judged),
            "as_simple": sum(1 for r in judged if r["as_simple"]),
            "as_simple_written": sum(1 for r in judged if r["as_simple_written"]),
            "value_changes": sum(1 for r in group if r["value_change"]),
            "unchecked": sum(1 for r in group if r["ansatz_status"] == "ok" and r["value_points"] == 0),
            "ansatz_errors": sum(1 for r in group if r["ansatz_status"] in ("error", "unreadable")),
            "ansatz_budget": sum(1 for r in group if r["ansatz_status"] == "budget"),
            "sympy_skipped": sum(1 for r in group if r["sympy_skipped"]),
            "ansatz_ms_median": statistics.median(ansatz_ms) if ansatz_ms else None,
            "sympy_ms_median": statistics.median(sympy_ms) if sympy_ms else None,
        }
        s["share"] = s["as_simple"] / s["judged"] if s["judged"] else None
        s["share_written"] = s["as_simple_written"] / s["judged"] if s["judged"] else None
        s["ratio"] = (s["sympy_ms_median"] / s["ansatz_ms_median"]
                      if s["sympy_ms_median"] and s["ansatz_ms_median"] else None)
        summary[cls] = s
    return summary


def print_summary(rows, summary, out=sys.stdout):
    def fmt(v, spec):
        return "-" if v is None else format(v, spec)

    def percent(v):
        return "-" if v is None else "%.1f%%" % (100 * v)

    print("%-9s %5s %6s %7s %8s %6s %6s %6s %6s %11s %10s %9s" % (
        "class", "cases", "simple", "share", "written", "value", "error", "budget", "skip", "ansatz ms", "sympy ms",
        "sympy/an"), file=out)
    for cls, s in summary.items():
        print("%-9s %5d %6d %7s %8s %6d %6d %6d %6d %11s %10s %9s" % (
            cls, s["cases"], s["as_simple"], percent(s["share"]), percent(s["share_written"]), s["value_changes"],
            s["ansatz_errors"], s["ansatz_budget"], s["sympy_skipped"], fmt(s["ansatz_ms_median"], ".3f"),
            fmt(s["sympy_ms_median"], ".2f"), fmt(s["ratio"], ".1f")), file=out)
    print("simple: cases where count_ops of Ansatz's result (read by parse_expr) <= count_ops of SymPy's; share: of\n"
          "the cases SymPy finished; written: the share with Ansatz's text read unevaluated; value: VALUE CHANGES;\n"
          "error: Ansatz errors; budget: Ansatz budget stops; skip: SymPy over its time limit; ms: median per case\n"
          "(Ansatz: the server's elapsed_ms; SymPy: sympy.simplify alone); sympy/an: the ratio of the medians.", file=out)

    def show(r):
        got = r["ansatz_result"] if r["ansatz_status"] == "ok" else f"[{r['ansatz_status']}: {r['ansatz_error']}]"
        return f"  {r['id']} | {r['expression']} [{r['assume']}] | {got} | {r['sympy_result']} | " \
               f"{fmt(r['ansatz_ops'], 'd')}/{r['sympy_ops']}"

    worse = [r for r in rows if r["as_simple"] is False]
    print(f"\nNot as simple as SymPy ({len(worse)}): id | input [assume] | Ansatz | SymPy | ops Ansatz/SymPy", file=out)
    for r in worse:
        print(show(r), file=out)
    rescued = [r for r in rows if r["as_simple"] and not r["as_simple_written"]]
    print(f"\nAs simple only once parse_expr evaluated Ansatz's text ({len(rescued)}; ops as written in the last column):",
          file=out)
    for r in rescued:
        print(show(r) + f" (written {fmt(r['ansatz_ops_written'], 'd')})", file=out)

    changed = [r for r in rows if r["value_change"]]
    print(f"\nVALUE CHANGES ({len(changed)}):", file=out)
    for r in changed:
        print(f"  {r['id']} | {r['expression']} [{r['assume']}] -> {r['ansatz_result']} | {r['value_change']}", file=out)
    failed = [r for r in rows if r["ansatz_status"] != "ok"]
    print(f"\nAnsatz errors and budget stops ({len(failed)}):", file=out)
    for r in failed:
        print(f"  {r['id']} | {r['expression']} [{r['assume']}] | {r['ansatz_status']}: {r['ansatz_error']}", file=out)
    skipped = [r for r in rows if r["sympy_skipped"]]
    print(f"\nSymPy skipped ({len(skipped)}):", file=out)
    for r in skipped:
        print(f"  {r['id']} | {r['expression']} | {r['sympy_skipped']}", file=out)
    unchecked = [r for r in rows if r["ansatz_status"] == "ok" and r["value_points"] == 0]
    if unchecked:
        print(f"\nNo point to check the value at ({len(unchecked)}): " + ", ".join(r["id"] for r in unchecked), file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", help="one class of the corpus")
    ap.add_argument("--out", default=os.path.join(HERE, "out", "simplify-compare.jsonl"))
    ap.add_argument("--budget-ms", type=int, default=10000)
    ap.add_argument("--sympy-timeout", type=float, default=10.0, help="seconds; slower cases are skipped")
    ap.add_argument("--seed", type=int, default=14, help="seed of the value-check points")
    ap.add_argument("--points", type=int, default=3, help="value-check points per case")
    ap.add_argument("--check-sympy", action="store_true", help="also value-check SymPy's results")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    a = ap.parse_args()
    sys.setrecursionlimit(100_000)  # SymPy recurses on deep expressions

    with open(a.corpus) as f:
        cases = [c for c in json.load(f) if a.only is None or c["class"] == a.only]
    if not cases:
        raise SystemExit(f"no cases (class {a.only!r})")
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    ansatz = Ansatz(a.binary, a.budget_ms)
    rows = []
    with open(a.out, "w") as out:
        for i, case in enumerate(cases, start=1):
            row = compare_case(case, ansatz, a.runs, a.sympy_timeout, a.seed, a.points, a.check_sympy)
            rows.append(row)
            out.write(json.dumps(row) + "\n")
            out.flush()
            if not a.quiet:
                print(f"[{i}/{len(cases)}] {case['id']}: ansatz {row['ansatz_ops']} ops, sympy {row['sympy_ops']} ops"
                      + (" VALUE CHANGE" if row["value_change"] else ""), file=sys.stderr)
    ansatz.close()
    print_summary(rows, summarize(rows))
    print(f"\nrows: {a.out}")


if __name__ == "__main__":
    main()
