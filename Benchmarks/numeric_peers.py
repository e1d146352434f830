"""Peers of the batch evaluator on the surrogate-style formula: numexpr, NumPy through
sympy.lambdify, and SymEngine's LLVM Lambdify. Prints one JSON line per peer: the median time of
RUNS evaluations over N points, and a checksum."""
import json
import statistics
import sys
import time

import numexpr
import numpy as np
import symengine
import sympy

FORMULA = ("exp(2.1 - 1.3*log(m/1000) - 0.35*log(m/1000)**2 - 120/m)*(1 + 0.4*sqrt(r) + 0.05*r**3)"
           "/(1 + exp((900 - m)/80))*(1 - 0.2*tanh(r - 0.5)) + 0.001*(m/1000)**(-4.2)")


def points(n):
    i = np.arange(n, dtype=np.float64)
    m = 500.0 + 2500.0 * np.fmod(i * 0.6180339887498949, 1.0)
    r = 0.01 + 0.99 * np.fmod(i * 0.4142135623730951, 1.0)
    return m, r


def timed(f, runs):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), float(np.sum(out))


def main():
    n, runs = int(sys.argv[1]), int(sys.argv[2])
    m, r = points(n)
    results = {}
    for threads in (1, numexpr.detect_number_of_cores()):
        numexpr.set_num_threads(threads)
        results[f"numexpr ({threads} thread{'s' if threads > 1 else ''})"] = timed(lambda: numexpr.evaluate(FORMULA, {"m": m, "r": r}), runs)
    M, R = sympy.symbols("m r")
    expr = sympy.sympify(FORMULA)
    f = sympy.lambdify((M, R), expr, "numpy")
    results["NumPy via sympy.lambdify"] = timed(lambda: f(m, r), runs)
    sm, sr = symengine.symbols("m r")
    g = symengine.Lambdify([sm, sr], [symengine.sympify(FORMULA)], backend="llvm", cse=True)
    stacked = np.column_stack([m, r])
    results["SymEngine Lambdify (LLVM)"] = timed(lambda: g(stacked), runs)
    for name, (seconds, checksum) in results.items():
        print(json.dumps({"name": name, "seconds": seconds, "checksum": checksum}))


if __name__ == "__main__":
    main()
