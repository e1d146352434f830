"""Differential tests: Ansatz against SymPy + mpmath on thousands of seeded random expressions.

Ansatz answers through `ansatz serve` (one process, requests pipelined); SymPy does the same
operation on the same string; both results are evaluated with mpmath at 40 digits at random points
and must agree to 30. A disagreement prints the expression, the point and both values.
"""
import json
import random
import subprocess

import mpmath
import sympy
from sympy.parsing.sympy_parser import parse_expr

X, Y = sympy.symbols("x y")
FUNCTIONS = ["sin", "cos", "exp", "log", "sqrt", "atan", "tanh", "sinh", "cosh"]
SYMPY_NAMES = {"x": X, "y": Y, "E": sympy.E, "pi": sympy.pi, "log": sympy.log, "exp": sympy.exp,
               "sqrt": sympy.sqrt, "abs": sympy.Abs, "sign": sympy.sign,
               "cbrt": lambda z: sympy.real_root(z, 3), "atan2": sympy.atan2}


def random_expression(rng, depth):
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["x", "x", "y", str(rng.randint(1, 9))])
    a = random_expression(rng, depth - 1)
    r = rng.random()
    if r < 0.2:
        return f"({a} + {random_expression(rng, depth - 1)})"
    if r < 0.4:
        return f"({a} * {random_expression(rng, depth - 1)})"
    if r < 0.5:
        return f"({a} / ({random_expression(rng, depth - 1)} + 3))"
    if r < 0.6:
        return f"({a})**{rng.randint(2, 4)}"
    if r < 0.65:
        return f"(x**2 + 1)**({a} / 7)"
    return f"{rng.choice(FUNCTIONS)}({a} / {rng.randint(2, 6)})"


def to_sympy(text):
    return parse_expr(text.replace("^", "**"), local_dict=SYMPY_NAMES)


def ansatz_calls(binary, tool, argument_list):
    """One server, every call written at once; replies collected by id."""
    lines = [json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                         "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                                    "clientInfo": {"name": "differential", "version": "1"}}}),
             json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"})]
    for i, arguments in enumerate(argument_list, start=1):
        lines.append(json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                                 "params": {"name": tool, "arguments": arguments}}))
    done = subprocess.run([binary, "serve"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=600)
    replies = {}
    for line in done.stdout.splitlines():
        message = json.loads(line)
        replies[message.get("id")] = message
    return [replies[i]["result"] for i in range(1, len(argument_list) + 1)]


def numeric(expr, point):
    value = sympy.N(expr.subs(point), 40)
    if not value.is_real or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    return mpmath.mpf(str(value))


def test_derivatives_agree_with_sympy(binary):
    rng = random.Random(20261129)
    mpmath.mp.dps = 40
    expressions = [random_expression(rng, 3) for _ in range(2000)]
    results = ansatz_calls(binary, "differentiate",
                           [{"expression": e, "variables": ["x"]} for e in expressions])
    compared = 0
    for source, result in zip(expressions, results):
        assert not result["isError"], (source, result["content"][0]["text"])
        ours = to_sympy(result["structuredContent"]["value"]["text"])
        theirs = sympy.diff(to_sympy(source), X)
        for _ in range(2):
            point = {X: sympy.Rational(rng.randint(-200, 200), 97), Y: sympy.Rational(rng.randint(50, 200), 101)}
            a, b = numeric(ours, point), numeric(theirs, point)
            if a is None or b is None or abs(b) > mpmath.mpf(10) ** 30:
                continue
            scale = max(mpmath.mpf(1), abs(b))
            assert abs(a - b) / scale < mpmath.mpf(10) ** -30, (
                f"d/dx {source}\n ansatz: {result['structuredContent']['value']['text']} = {a}\n"
                f" sympy:  {theirs} = {b}\n at {point}")
            compared += 1
    assert compared > 2000
