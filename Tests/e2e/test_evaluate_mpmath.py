"""The evaluate tool against mpmath at 50, 100 and 1000 digits.

Random expressions (the generator of the SymPy differential suite: sums, products, quotients,
powers, sin cos exp log sqrt atan tanh sinh cosh) at random rational points. Ansatz's decimal
must be within one unit of its last digit of mpmath's value computed with 40 extra digits; where
mpmath finds no real value (log of a negative number, division by zero), Ansatz must fail with a
domain, division or overflow error, never print a number."""
import random
import signal
import sys

sys.set_int_max_str_digits(0)  # exact results can have thousands of digits

import mpmath

from test_differential_sympy import INTEGER, MP_NAMES, Z_VALUE, ansatz_calls, random_expression

FAILURES = ("E-EVAL-DOMAIN", "E-DIVISION-BY-ZERO", "E-EVAL-OVERFLOW", "E-LIMIT")


class Slow(Exception):
    pass


def alarm(*_):
    raise Slow()


def bounded(f, *args, seconds=3):
    """f(*args), or Slow when mpmath takes longer (cos of exp(10^40) reduces mod 2π forever)."""
    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return f(*args)
    finally:
        signal.alarm(0)


def real_only(f):
    """The function, refusing complex arguments: evaluation in the reals, as Ansatz's."""
    def g(*args):
        if any(isinstance(a, mpmath.mpc) for a in args):
            raise ValueError("complex intermediate value")
        value = f(*args)
        if isinstance(value, mpmath.mpc):
            raise ValueError("complex value")
        return value
    return g


REAL_NAMES = {name: real_only(f) if callable(f) and name != "mpf" else f for name, f in MP_NAMES.items()}


def reference_value(text, x, y, digits, names=MP_NAMES):
    """mpmath's value; with MP_NAMES complex intermediate values are fine when the result is
    real ((x*sqrt(x))^4 at x < 0); None when it is not real or not defined."""
    code = INTEGER.sub(r"mpf(\1)", text.replace("^", "**"))
    try:
        value = eval(code, {"__builtins__": {}}, {**names, "x": x, "y": y, "z": Z_VALUE})  # noqa: S307
    except (ZeroDivisionError, ValueError, OverflowError):
        return None
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > abs(value.real) * mpmath.mpf(10) ** -(digits + 20):
            return None
        return value.real
    return value


def decimal(text):
    """Our decimal as an mpf; the exponent applied separately (mpf("8e271609661") would build
    10^271609661 as an integer first)."""
    mantissa, _, exponent = text.partition("e")
    return mpmath.mpf(mantissa) * mpmath.power(10, int(exponent or 0))


def check(binary, digits, count, seed):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        text = random_expression(rng, 4)
        x = (rng.randint(-300, 300), rng.randint(1, 97))
        y = (rng.randint(1, 300), rng.randint(1, 101))
        cases.append((text, x, y))
    calls = [{"expression": text, "at": {"x": f"{x[0]}/{x[1]}", "y": f"{y[0]}/{y[1]}"}, "digits": digits}
             for text, x, y in cases]
    results = ansatz_calls(binary, "evaluate", calls)
    compared = refused = skipped = 0
    mpmath.mp.dps = digits + 40
    for (text, x, y), result in zip(cases, results):
        structured = result["structuredContent"]
        label = f"{text} at x={x[0]}/{x[1]}, y={y[0]}/{y[1]}, {digits} digits"
        try:
            reference = bounded(reference_value, text, mpmath.mpf(x[0]) / x[1], mpmath.mpf(y[0]) / y[1], digits)
        except Slow:
            skipped += 1
            continue
        if not structured["ok"]:
            code = structured["error"]["code"]
            assert code in FAILURES, (label, structured["error"])
            if code == "E-LIMIT":  # a trigonometric function of a number past 2^65536
                refused += 1
                continue
            # mpmath agrees there is no real value (None: complex or undefined), or the value is
            # beyond MPFR's exponent range (2^(2^30), about 10^323228496), which mpmath does not have
            beyond = reference is not None and reference != 0 and mpmath.log10(abs(reference)) > 323228000
            # evaluation in the reals may refuse what passes through complex numbers on the way
            # (cos(sqrt(-a)) = cosh(sqrt(a)) is real); the reals-only reference must fail too
            real = bounded(reference_value, text, mpmath.mpf(x[0]) / x[1], mpmath.mpf(y[0]) / y[1], digits, REAL_NAMES)
            assert reference is None or real is None or (code == "E-EVAL-OVERFLOW" and beyond), (label, structured["error"], reference)
            refused += 1
            continue
        if reference is None:
            # mpmath gave a complex or no value: a real answer here is wrong
            raise AssertionError((label, structured["value"]["text"]))
        ours = decimal(structured["value"]["text"])
        if reference == 0:
            assert ours == 0 or abs(ours) < mpmath.mpf(10) ** (-digits), (label, ours)
        else:
            # one unit in the last printed digit
            ulp = mpmath.mpf(10) ** (mpmath.floor(mpmath.log10(abs(reference))) - digits + 1)
            assert abs(ours - reference) <= ulp, (label, structured["value"]["text"], mpmath.nstr(reference, digits + 5))
        compared += 1
    assert compared > count // 2, (compared, refused, skipped)
    print(f"{digits} digits: {compared} values agree with mpmath, {refused} refused as not real, {skipped} too slow for mpmath")
    return compared, refused


def test_50_digits(binary):
    check(binary, 50, 600, 1)


def test_100_digits(binary):
    check(binary, 100, 300, 2)


def test_1000_digits(binary):
    check(binary, 1000, 60, 3)


def test_exact_results_are_exact(binary):
    calls = [{"expression": "(3/2)^2 + 1"}, {"expression": "sqrt(x^2 + y^2)", "at": {"x": "3", "y": "4"}},
             {"expression": "x^10", "at": {"x": "1/3"}}, {"expression": "0.1 + 0.2"}]
    results = [r["structuredContent"] for r in ansatz_calls(binary, "evaluate", calls)]
    assert [r.get("exact") for r in results] == ["13/4", "5", "1/59049", "3/10"]
    assert [r["bits"] for r in results] == [0, 0, 0, 0]
    assert results[3]["value"]["text"] == "0.3"


def test_units_carry_through(binary):
    calls = [{"expression": "m^2", "at": {"m": "173.1 GeV"}},
             {"expression": "x/t", "at": {"x": "100 m", "t": "9.58 s"}, "to": "km/h"},
             {"expression": "hbar/Gamma", "at": {"Gamma": "2.4955 GeV"}, "to": "s", "natural": True}]
    results = [r["structuredContent"] for r in ansatz_calls(binary, "evaluate", calls)]
    assert (results[0]["value"]["text"], results[0]["unit"], results[0]["exact"]) == ("29963.61", "GeV^2", "2996361/100")
    # 100 m in 9.58 s: 37.578288100208768... km/h (exact 18000/479)
    assert results[1]["exact"] == "18000/479" and results[1]["unit"] == "km/h"
    # the Z lifetime: ħ/Γ_Z = 6.582119569509066e-25 GeV s / 2.4955 GeV
    expected = mpmath.mpf("6.582119569509066e-25") / mpmath.mpf("2.4955")
    assert abs(mpmath.mpf(results[2]["value"]["text"]) / expected - 1) < mpmath.mpf("1e-14")
