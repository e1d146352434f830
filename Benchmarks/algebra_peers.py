"""The algebra cases of issue 4 for the peers: SymEngine, SymPy, python-flint (polynomial cases only).

Prints one JSON line per tool and case, {"tool":..,"case":..,"seconds":..}, the median of RUNS runs,
with the same case names as `ansatz-bench algebra`. SymPy runs the slow cases once per run.
Usage: algebra_peers.py [--runs N] [--only TEXT] [--tools symengine,sympy,flint]
"""
import argparse
import json
import statistics
import time

import flint
import symengine as se
import sympy as sp

IDENTITIES = [
    ("sin(theta)**2 + cos(theta)**2", {}),
    ("cosh(eta)**2 - sinh(eta)**2", {}),
    ("(m**2 - 2*m*M + M**2)/(m - M)", {}),
    ("(1 - cos(x)**2)/sin(x)", {}),
    ("2*sin(x)*cos(x)/sin(2*x)", {}),
    ("(x**3 + 3*x**2*y + 3*x*y**2 + y**3)/(x + y)**2", {}),
    ("tan(x)*cos(x)", {}),
    ("(s - m**2)**2 + 2*m**2*(s - m**2) - s**2 + m**4", {}),
    ("sqrt(p**2)", {"p": {"positive": True}}),
    ("log(a*b) - log(a) - log(b)", {"a": {"positive": True}, "b": {"positive": True}}),
]


def symengine_cases():
    x, y, z, w = se.symbols("x y z w")
    e20 = se.expand((x + y + z + 1) ** 20)
    product = e20 * (e20 + w)
    f = se.sin(x * y) * se.exp(x ** 2) / (1 + x ** 2)

    def tenth():
        g = f
        for _ in range(10):
            g = g.diff(x)
        return g

    exprs = [se.sympify(sp.parse_expr(s, local_dict={n: sp.Symbol(n, **a) for n, a in assume.items()}))
             for s, assume in IDENTITIES]
    return {
        "expand (x+y+z+w+1)^15": lambda: len(se.expand((x + y + z + w + 1) ** 15).args),
        "expand (x+y+z+w+1)^20": lambda: len(se.expand((x + y + z + w + 1) ** 20).args),
        "e=(x+y+z+1)^20: expand e*(e+w)": lambda: len(se.expand(product).args),
        "expand (x+2*y)^6000": lambda: len(se.expand((x + 2 * y) ** 6000).args),
        "10th x-derivative of sin(x*y)*exp(x^2)/(1+x^2)": tenth,
        # SymEngine has no simplify of its own: .simplify() converts to SymPy and back
        "simplify 10 identities": lambda: [e.simplify() for e in exprs],
    }


def sympy_cases():
    """SymPy caches results (expand of the same power is a dictionary lookup the second time):
    every case clears the cache first."""
    x, y, z, w = sp.symbols("x y z w")
    e20 = sp.expand((x + y + z + 1) ** 20)
    product = e20 * (e20 + w)
    f = sp.sin(x * y) * sp.exp(x ** 2) / (1 + x ** 2)
    exprs = [sp.parse_expr(s, local_dict={n: sp.Symbol(n, **a) for n, a in assume.items()}) for s, assume in IDENTITIES]
    cases = {
        "expand (x+y+z+w+1)^15": lambda: len(sp.expand((x + y + z + w + 1) ** 15).args),
        "expand (x+y+z+w+1)^20": lambda: len(sp.expand((x + y + z + w + 1) ** 20).args),
        "e=(x+y+z+1)^20: expand e*(e+w)": lambda: len(sp.expand(product).args),
        "expand (x+2*y)^6000": lambda: len(sp.expand((x + 2 * y) ** 6000).args),
        "10th x-derivative of sin(x*y)*exp(x^2)/(1+x^2)": lambda: sp.diff(f, x, 10),
        "simplify 10 identities": lambda: [sp.simplify(e) for e in exprs],
    }

    def uncached(body):
        def run():
            sp.core.cache.clear_cache()
            return body()
        return run
    return {name: uncached(body) for name, body in cases.items()}


def flint_cases():
    ctx = flint.fmpz_mpoly_ctx.get(("x", "y", "z", "w"), "lex")
    x, y, z, w = ctx.gens()
    e20 = (x + y + z + 1) ** 20
    return {
        "expand (x+y+z+w+1)^15": lambda: len((x + y + z + w + 1) ** 15),
        "expand (x+y+z+w+1)^20": lambda: len((x + y + z + w + 1) ** 20),
        "e=(x+y+z+1)^20: expand e*(e+w)": lambda: len(e20 * (e20 + w)),
        "expand (x+2*y)^6000": lambda: len((x + 2 * y) ** 6000),
    }


def timed(body, budget=0.2, warm_up=True):
    """Seconds per call: repeated until `budget` seconds have passed (at least once)."""
    if warm_up:
        body()
    count, start = 0, time.perf_counter()
    while True:
        body()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed > budget:
            return elapsed / count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only")
    parser.add_argument("--tools", default="symengine,sympy,flint")
    args = parser.parse_args()
    makers = {"symengine": symengine_cases, "sympy": sympy_cases, "flint": flint_cases}
    for tool in args.tools.split(","):
        cases = makers[tool]()
        for name, body in cases.items():
            if args.only and args.only not in name:
                continue
            # SymPy takes seconds to many minutes per case (its cache is cleared in each call, so a
            # warm-up call would not help): one call per run, at most 3 runs, 1 for e*(e+w)
            if tool == "sympy":
                runs = 1 if "e*(e+w)" in name else min(args.runs, 3)
                seconds = statistics.median(timed(body, 0.0, warm_up=False) for _ in range(runs))
            else:
                seconds = statistics.median(timed(body) for _ in range(args.runs))
            print(json.dumps({"tool": tool, "case": name, "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
