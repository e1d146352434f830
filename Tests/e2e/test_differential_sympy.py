"""Differential tests: Ansatz against SymPy + mpmath on thousands of seeded random expressions.

Ansatz answers through `ansatz serve` (one process, requests pipelined); SymPy does the same
operation on the same string; both results are evaluated with mpmath at 40 digits at random points
and must agree to 30. A disagreement prints the expression, the point and both values.
"""
import json
import random
import re
import sys

sys.setrecursionlimit(200_000)  # our results are long flat sums: Python compiles them recursively
import subprocess

import mpmath
import sympy
from sympy.parsing.sympy_parser import parse_expr

X, Y, Z = sympy.symbols("x y z")
Z_VALUE = mpmath.mpf(3) / 7
FUNCTIONS = ["sin", "cos", "exp", "log", "sqrt", "atan", "tanh", "sinh", "cosh"]
SYMPY_NAMES = {"x": X, "y": Y, "z": Z, "E": sympy.E, "pi": sympy.pi, "log": sympy.log, "exp": sympy.exp,
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


def agree(rng, what, source, ours_text, theirs, points=2):
    """Checks ours == theirs to 30 digits at random points; returns how many points compared."""
    ours = to_sympy(ours_text)
    f = sympy.lambdify((X, Y, Z), ours, "mpmath")
    g = sympy.lambdify((X, Y, Z), theirs, "mpmath")
    compared = 0
    for _ in range(points):
        x, y = mpmath.mpf(rng.randint(-200, 200)) / 97, mpmath.mpf(rng.randint(50, 200)) / 101
        try:
            a, b = f(x, y, Z_VALUE), g(x, y, Z_VALUE)
        except (ZeroDivisionError, ValueError, OverflowError):
            continue
        if not all(isinstance(v, (mpmath.mpf, int)) for v in (a, b)) or abs(b) > mpmath.mpf(10) ** 30:
            continue  # complex or huge: not a comparison at 30 digits
        scale = max(mpmath.mpf(1), abs(b))
        assert abs(a - b) / scale < mpmath.mpf(10) ** -30, (
            f"{what} {source}\n ansatz: {ours_text} = {a}\n sympy:  {theirs} = {b}\n at x={x}, y={y}")
        compared += 1
    return compared


def test_derivatives_agree_with_sympy(binary):
    rng = random.Random(20261129)
    mpmath.mp.dps = 40
    expressions = [random_expression(rng, 3) for _ in range(2000)]
    results = ansatz_calls(binary, "differentiate",
                           [{"expression": e, "variables": ["x"]} for e in expressions])
    compared = 0
    for source, result in zip(expressions, results):
        assert not result["isError"], (source, result["content"][0]["text"])
        compared += agree(rng, "d/dx", source, result["structuredContent"]["value"]["text"],
                          sympy.diff(to_sympy(source), X))
    assert compared > 2000


def random_rational(rng, depth):
    """Sums, products, whole powers and quotients of polynomials, with a few function atoms."""
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(["x", "y", "x", "y", str(rng.randint(-5, 9)), "sin(x)", "sqrt(y)", "z"])
    a, b = random_rational(rng, depth - 1), random_rational(rng, depth - 1)
    r = rng.random()
    if r < 0.35:
        return f"({a} + {b})"
    if r < 0.6:
        return f"({a})*({b})"
    if r < 0.75:
        return f"({a} - {b})**{rng.randint(2, 3)}"
    if r < 0.9:
        return f"({a})/({b} + {rng.randint(1, 3)}*x + 2)"
    return f"(({a})**2 - ({b})**2)/(({a}) - ({b}))"




MP_NAMES = {"sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan, "exp": mpmath.exp, "log": mpmath.log,
            "sqrt": mpmath.sqrt, "atan": mpmath.atan, "tanh": mpmath.tanh, "sinh": mpmath.sinh,
            "cosh": mpmath.cosh, "abs": abs, "pi": mpmath.pi, "E": mpmath.e, "mpf": mpmath.mpf}
INTEGER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")


def mp_value(text, x, y):
    """Evaluates plain syntax (ours or the generator's) with mpmath, integers exact."""
    code = INTEGER.sub(r"mpf(\1)", text.replace("^", "**"))
    try:
        value = eval(code, {"__builtins__": {}}, {**MP_NAMES, "x": x, "y": y, "z": Z_VALUE})  # noqa: S307
    except (ZeroDivisionError, ValueError, OverflowError):
        return None
    return value if isinstance(value, mpmath.mpf) else None


def run_operation(binary, tool, generator, count, seed, extra=None):
    """Each result must equal its input at two random points, to 30 digits (mpmath at 80)."""
    rng = random.Random(seed)
    mpmath.mp.dps = 80  # expanded forms cancel catastrophically: evaluate far beyond the 30 digits compared
    expressions = [generator(rng) for _ in range(count)]
    results = ansatz_calls(binary, tool, [{"expression": e, **(extra or {})} for e in expressions])
    compared = 0
    for source, result in zip(expressions, results):
        text = result["content"][0]["text"]
        if result["isError"]:
            assert "E-DIVISION-BY-ZERO" in text, (tool, source, text)
            continue
        ours = result["structuredContent"]["value"]["text"]
        for _ in range(2):
            x, y = mpmath.mpf(rng.randint(-200, 200)) / 97, mpmath.mpf(rng.randint(50, 200)) / 101
            a, b = mp_value(ours, x, y), mp_value(source, x, y)
            if a is None or b is None or abs(b) > mpmath.mpf(10) ** 30:
                continue
            assert abs(a - b) / max(mpmath.mpf(1), abs(b)) < mpmath.mpf(10) ** -30, (
                f"{tool} {source}\n ansatz: {ours} = {a}\n input = {b}\n at x={x}, y={y}, z=3/7")
            compared += 1
    return compared


def test_expand_agrees_with_sympy(binary):
    assert run_operation(binary, "expand", lambda rng: random_rational(rng, 3), 2000, 1) > 2000


def test_expand_is_fully_expanded(binary):
    """On polynomials, ours is SymPy's expand exactly (not just equal in value)."""
    rng = random.Random(7)
    sources = [random_polynomial(rng, 4) for _ in range(300)]
    results = ansatz_calls(binary, "expand", [{"expression": e} for e in sources])
    for source, result in zip(sources, results):
        ours = to_sympy(result["structuredContent"]["value"]["text"])
        assert sympy.expand(ours) == ours and sympy.expand(ours - to_sympy(source)) == 0, source


def random_polynomial(rng, depth):
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["x", "y", "z", str(rng.randint(-4, 4))])
    a, b = random_polynomial(rng, depth - 1), random_polynomial(rng, depth - 1)
    r = rng.random()
    if r < 0.4:
        return f"({a} + {b})"
    if r < 0.8:
        return f"({a})*({b})"
    return f"({a} - {b})**{rng.randint(2, 3)}"


def test_cancel_agrees_with_sympy(binary):
    assert run_operation(binary, "cancel", lambda rng: random_rational(rng, 3), 2000, 2) > 2000


def test_cancel_leaves_no_common_factor(binary):
    """Our num/den is in lowest terms: SymPy finds nothing left to cancel."""
    rng = random.Random(8)
    sources = [f"({random_polynomial(rng, 3)})/({random_polynomial(rng, 3)} + x + 1)" for _ in range(300)]
    results = ansatz_calls(binary, "cancel", [{"expression": e} for e in sources])
    for source, result in zip(sources, results):
        if result["isError"]:
            continue
        num, den = sympy.fraction(sympy.together(to_sympy(result["structuredContent"]["value"]["text"])))
        assert sympy.gcd(sympy.expand(num), sympy.expand(den)).is_number, (source, num, den)


def test_factor_agrees_with_sympy(binary):
    assert run_operation(binary, "factor", lambda rng: random_rational(rng, 3), 2000, 3) > 2000


def test_factor_finds_the_same_irreducible_factors(binary):
    rng = random.Random(9)
    sources = [str(sympy.expand(to_sympy(f"({random_polynomial(rng, 2)})*({random_polynomial(rng, 2)} + x)**2")))
               for _ in range(200)]
    results = ansatz_calls(binary, "factor", [{"expression": e} for e in sources])

    def factors(expr):
        _, pairs = sympy.factor_list(expr, X, Y, Z)
        return sorted((str(sympy.Poly(f, X, Y, Z).monic().as_expr()), k) for f, k in pairs)

    for source, result in zip(sources, results):
        ours = to_sympy(result["structuredContent"]["value"]["text"])
        assert sympy.expand(ours - to_sympy(source)) == 0, (source, ours)
        # each of our factors is irreducible: factoring it again finds the same multiset
        mine = sorted((str(sympy.Poly(b, X, Y, Z).monic().as_expr()), int(e))
                      for b, e in (f.as_base_exp() for f in sympy.Mul.make_args(ours)) if not b.is_number)
        assert mine == factors(to_sympy(source)), (source, ours)


def test_collect_agrees_with_sympy(binary):
    assert run_operation(binary, "collect", lambda rng: random_rational(rng, 3), 2000, 4,
                         {"variables": ["x"]}) > 2000


def test_series_agrees_with_mpmath(binary):
    """f(h) - P(h) = O(h^n): at h = 10^-12 the remainder divided by h^n stays bounded, while one
    wrong coefficient of P (of degree k < n) would blow it up by 10^(12(n-k))."""
    rng = random.Random(5)
    mpmath.mp.dps = 150
    order = 5
    sources = [random_expression(rng, 3) for _ in range(2000)]
    results = ansatz_calls(binary, "series", [{"expression": e, "variables": ["x"], "order": order} for e in sources])
    compared = 0
    h = mpmath.mpf(10) ** -12
    for source, result in zip(sources, results):
        text = result["content"][0]["text"]
        if result["isError"]:
            assert "E-SERIES" in text or "E-DIVISION-BY-ZERO" in text, (source, text)
            continue
        ours = result["structuredContent"]["value"]["text"]
        assert result["structuredContent"]["order"] == order
        y = mpmath.mpf(rng.randint(50, 200)) / 101
        for sign in (1, -1):
            a, b = mp_value(ours, sign * h, y), mp_value(source, sign * h, y)
            if a is None or b is None:
                continue
            ratio = abs(a - b) / (h ** order * max(1, abs(b)))
            assert ratio < 10 ** 8, f"series {source}\n ansatz: {ours}\n (f - P)/h^{order} = {ratio} at y={y}"
            compared += 1
    assert compared > 2000


def test_simplify_agrees_with_its_input(binary):
    assert run_operation(binary, "simplify", lambda rng: random_expression(rng, 3), 2000, 6) > 2000


def test_simplify_with_assumptions_agrees_on_their_domain(binary):
    """x > 0 unlocks rules (sqrt(x^2) = x, log splits); the points are then taken with x > 0."""
    rng = random.Random(11)
    mpmath.mp.dps = 80
    sources = [random_expression(rng, 3) for _ in range(1000)]
    results = ansatz_calls(binary, "simplify", [{"expression": e, "assume": "x > 0, y > 0"} for e in sources])
    compared = 0
    for source, result in zip(sources, results):
        assert not result["isError"], (source, result["content"][0]["text"])
        ours = result["structuredContent"]["value"]["text"]
        for _ in range(2):
            x, y = mpmath.mpf(rng.randint(1, 300)) / 97, mpmath.mpf(rng.randint(50, 200)) / 101
            a, b = mp_value(ours, x, y), mp_value(source, x, y)
            if a is None or b is None or abs(b) > mpmath.mpf(10) ** 30:
                continue
            assert abs(a - b) / max(1, abs(b)) < mpmath.mpf(10) ** -30, f"simplify {source}\n ansatz: {ours}\n at x={x}, y={y}"
            compared += 1
    assert compared > 1000


# Cases that trip computer algebra systems: what SymPy answers, what we answer, and the reason.
TRAPS = [
    # (expression, assumptions, expected text)
    ("sqrt(x^2)", "", "sqrt(x^2)"),             # x may be negative or complex: not x
    ("sqrt(x^2)", "x real", "abs(x)"),
    ("sqrt(x^2)", "x > 0", "x"),
    ("(x^2)^(1/2)", "x real", "abs(x)"),
    ("log(exp(x))", "", "log(exp(x))"),         # for complex x it is x + 2*pi*i*k
    ("log(exp(x))", "x real", "x"),
    ("exp(log(x))", "", "x"),                   # holds for every x != 0
    ("x^0", "", "1"),
    ("0^x", "", "0^x"),                         # 0 only when Re x > 0
    ("sin(x)^2 + cos(x)^2", "", "1"),
    ("(a^2-b^2)/(a-b)", "", "a + b"),
]


def test_sympy_traps(binary):
    results = ansatz_calls(binary, "simplify", [{"expression": e, **({"assume": a} if a else {})} for e, a, _ in TRAPS])
    symbols = {"x": X}
    for (source, assume, expected), result in zip(TRAPS, results):
        ours = result["structuredContent"]["value"]["text"]
        assert ours == expected, (source, assume, ours)
        # and SymPy, told the same assumptions, agrees in value
        if assume == "x real":
            symbols = {"x": sympy.Symbol("x", real=True)}
        elif assume == "x > 0":
            symbols = {"x": sympy.Symbol("x", positive=True)}
        else:
            symbols = {"x": sympy.Symbol("x")}
        names = {**SYMPY_NAMES, **symbols}
        theirs = sympy.simplify(parse_expr(source.replace("^", "**"), local_dict=names))
        mine = parse_expr(ours.replace("^", "**"), local_dict=names)
        assert sympy.simplify(theirs - mine) == 0, (source, assume, ours, theirs)


def random_univariate_rational(rng):
    """A quotient of products of small polynomials in x, some repeated, to split into partial fractions."""
    def poly():
        return " + ".join(f"{rng.randint(-4, 4)}*x^{k}" for k in range(rng.randint(1, 3))) + f" + {rng.randint(1, 5)}"
    factors = "*".join(f"({poly()} + x^{rng.randint(1, 2)})^{rng.randint(1, 2)}" for _ in range(rng.randint(1, 3)))
    return f"({poly()} + x^{rng.randint(0, 5)})/({factors})"


def test_apart_agrees_with_its_input(binary):
    assert run_operation(binary, "apart", random_univariate_rational, 2000, 7, {"variables": ["x"]}) > 2000


def test_apart_matches_sympy_apart(binary):
    rng = random.Random(12)
    sources = [random_univariate_rational(rng) for _ in range(100)]
    results = ansatz_calls(binary, "apart", [{"expression": e, "variables": ["x"]} for e in sources])
    for source, result in zip(sources, results):
        ours = to_sympy(result["structuredContent"]["value"]["text"])
        theirs = sympy.apart(to_sympy(source), X)
        assert sympy.simplify(ours - theirs) == 0, (source, ours, theirs)
        # the same decomposition: the same denominators (made monic), term by term
        assert denominators(ours) == denominators(theirs), (source, ours, theirs)


def denominators(e):
    found = []
    for term in sympy.Add.make_args(e):
        den = sympy.fraction(sympy.together(term))[1]
        if den.has(X):
            found.append(str(sympy.Poly(den, X).monic().as_expr()))
    return sorted(found)


def test_substitute_agrees_with_evaluation(binary):
    """Substituting x = q (a random rational) and y = x + 1 at once leaves the x of x + 1 alone
    (simultaneous, not in turn): evaluating the result at x = t is evaluating the input at
    x = q, y = t + 1, for t = q + 3 (a substitution in turn would give y = q + 1)."""
    rng = random.Random(13)
    mpmath.mp.dps = 80
    sources = [random_expression(rng, 3) for _ in range(2000)]
    points = [(rng.randint(-200, 200), 97) for _ in sources]
    results = ansatz_calls(binary, "substitute", [{"expression": e, "at": {"x": f"{p}/{q}", "y": "x + 1"}}
                                                  for e, (p, q) in zip(sources, points)])
    compared = 0
    for source, (p, q), result in zip(sources, points, results):
        text = result["content"][0]["text"]
        if result["isError"]:
            assert "E-DIVISION-BY-ZERO" in text, (source, text)
            continue
        ours = result["structuredContent"]["value"]["text"]
        assert re.search(r"\by\b", ours) is None, (source, ours)  # every y replaced
        x = mpmath.mpf(p) / q
        a = mp_value(ours, x + 3, mpmath.mpf(0))
        b = mp_value(source, x, x + 4)
        if a is None or b is None or abs(b) > mpmath.mpf(10) ** 30:
            continue
        assert abs(a - b) / max(1, abs(b)) < mpmath.mpf(10) ** -30, f"substitute {source} at x={p}/{q}\n ansatz: {ours} = {a}\n input: {b}"
        compared += 1
    assert compared > 1500
