"""The corpus of the simplify comparison with SymPy (issue 14), and the translation to SymPy.

    python simplify_corpus.py [--seed 14] > out/simplify-corpus.json

Writes a JSON list of cases, the same for the same seed: {"id", "class", "expression" (Ansatz
plain syntax), "assume" (Ansatz assumption text), "complex" (I is the imaginary unit), "source",
"sympy" (the expression in SymPy syntax), "sympy_symbols" (each symbol's SymPy assumptions)}.

Classes: trig, explog, powers, radicals, rational, special, complex, physics (textbook formulas
written the redundant way they are often first written, each with its source), and random (seeded
random expressions of depth 3 or 4 over x, y, z).

simplify_compare.py and Tests/e2e/test_simplify_vs_sympy.py import the translation from here, so
that the input, Ansatz's answer and SymPy's answer are read by SymPy the same way:
`^` is `**`, the Ansatz function names map to SymPy's (FUNCTIONS), `pi` is sympy.pi, `I` is
sympy.I in complex cases, and every other name is a Symbol with the case's assumptions (E, S, N
are symbols, as they are in Ansatz; Euler's number is exp(1)).

Conventions of the hand-written cases: symbols are complex unless the case declares them (as in
both tools); `x != 0` is only used together with `x real`, since SymPy's nonzero implies real;
names that are SymPy or Ansatz functions (gamma, beta, zeta) are never used as symbols, and no
symbol is called e or E (Ansatz reads e^(...) as exp(...)).
"""
import argparse
import json
import random
import re
import sys

import sympy
from sympy.parsing.sympy_parser import parse_expr

# ---------------------------------------------------------------------------------------------
# Translation to SymPy.

# Ansatz function names (Docs/functions.md) whose SymPy spelling differs; the others
# (sin ... atanh, exp, log, sqrt, sign, gamma, loggamma, digamma, polygamma, beta, factorial,
# binomial, zeta, polylog, erf, erfc, erfi, besselj, bessely, besseli, besselk, expint, Ei,
# elliptic_k, elliptic_e, re, im, conjugate, arg) are SymPy's own names.
RENAMED = {
    "abs": "Abs",
    "lambertw": "LambertW",
    "heaviside": "Heaviside",
    "dirac_delta": "DiracDelta",
    "hurwitz_zeta": "zeta",
    "ln": "log",
    "log10": "_log10",
    "cbrt": "_cbrt",
}
# Functions that need a definition of their own in SymPy.
EXTRA = {
    "_log10": lambda z: sympy.log(z) / sympy.log(10),
    "_cbrt": lambda z: sympy.real_root(z, 3),  # Ansatz's cbrt is the real cube root
}
FUNCTIONS = {
    "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh",
    "asinh", "acosh", "atanh", "exp", "log", "log10", "ln", "cbrt", "abs", "sign", "sqrt", "gamma",
    "loggamma", "digamma", "polygamma", "beta", "factorial", "binomial", "zeta", "hurwitz_zeta",
    "polylog", "Li2", "erf", "erfc", "erfi", "besselj", "bessely", "besseli", "besselk", "expint",
    "Ei", "elliptic_k", "elliptic_e", "lambertw", "heaviside", "dirac_delta", "re", "im",
    "conjugate", "arg",
}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
CALL = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(")


def sympy_text(text):
    """Ansatz plain syntax to SymPy syntax: ** for ^, SymPy's function names, Li2(x) as polylog(2, x)."""
    text = text.replace("^", "**")

    def rename(match):
        name = match.group(1)
        if name == "Li2":
            return "polylog(2, "
        return RENAMED.get(name, name) + "("

    return CALL.sub(rename, text)


def parse_assume(assume):
    """'x > 0, y real, n integer, z != 0' -> {"x": {"positive"}, "y": {"real"}, ...}."""
    facts = {}
    for clause in filter(None, (c.strip() for c in assume.split(","))):
        m = re.fullmatch(r"(\w+)\s*(>|>=|!=)\s*0", clause)
        if m:
            fact = {">": "positive", ">=": "nonnegative", "!=": "nonzero"}[m.group(2)]
            facts.setdefault(m.group(1), set()).add(fact)
            continue
        m = re.fullmatch(r"(\w+)\s+(real|positive|nonnegative|nonzero|integer)", clause)
        if not m:
            raise ValueError(f"assumption not understood: {clause!r}")
        facts.setdefault(m.group(1), set()).add(m.group(2))
    return facts


def symbol_names(*texts, is_complex=False):
    """The names in the texts that are neither called functions nor constants (pi; I when complex)."""
    constants = ("pi", "I") if is_complex else ("pi",)
    names = set()
    for text in texts:
        called = {m.group(1) for m in CALL.finditer(text)}
        for name in NAME.findall(text):
            if name not in called and name not in constants:
                names.add(name)
    return names


def sympy_symbols(case, *texts):
    """A local_dict for parse_expr: each name a Symbol with the case's assumptions."""
    facts = parse_assume(case["assume"])
    names = {}
    for name in symbol_names(case["expression"], *texts, is_complex=case["complex"]) | set(facts):
        names[name] = sympy.Symbol(name, **{fact: True for fact in sorted(facts.get(name, ()))})
    names.update(EXTRA)
    names["pi"] = sympy.pi
    if case["complex"]:
        names["I"] = sympy.I
    return names


def to_sympy(text, case, names=None, evaluate=True):
    """Reads an Ansatz plain-syntax text (the case's input or an answer) as a SymPy expression.

    parse_expr evaluates as it reads (sqrt(2)*sqrt(3) becomes sqrt(6), erfc(-x) 2 - erfc(x));
    evaluate=False keeps the text as written."""
    if names is None:
        names = sympy_symbols(case, text)
    return parse_expr(sympy_text(text), local_dict=names, evaluate=evaluate)


# ---------------------------------------------------------------------------------------------
# Hand-written cases: (expression, assume, source). Complex cases are in their own class.

TRIG = [
    ("sin(x + y) + sin(x - y)", "", "identity: sum of sines of sum and difference"),
    ("1/cos(x)^2 - 1", "", "identity: sec^2 - 1 = tan^2"),
    ("sin(x)^4 - cos(x)^4", "", "identity: difference of fourth powers"),
    ("tan(x)*cos(x)", "", "identity: tan = sin/cos"),
    ("sin(x)^2 + cos(x)^2", "", "identity: Pythagorean"),
    ("2*sin(x)*cos(x)", "", "identity: double angle"),
    ("cos(x)^2 - sin(x)^2", "", "identity: double angle"),
    ("1 - 2*sin(x)^2", "", "identity: double angle"),
    ("2*cos(x)^2 - 1", "", "identity: double angle"),
    ("(1 - cos(2*x))/2", "", "identity: half angle (power reduction)"),
    ("(1 + cos(2*x))/2", "", "identity: half angle (power reduction)"),
    ("sin(2*x)/(2*sin(x))", "", "identity: double angle"),
    ("sin(x)*cos(y) + cos(x)*sin(y)", "", "identity: angle addition"),
    ("cos(x)*cos(y) - sin(x)*sin(y)", "", "identity: angle addition"),
    ("cos(x + y) + cos(x - y)", "", "identity: sum to product"),
    ("cos(x - y) - cos(x + y)", "", "identity: sum to product"),
    ("sin(3*x) - 3*sin(x) + 4*sin(x)^3", "", "identity: triple angle"),
    ("cos(3*x) - 4*cos(x)^3 + 3*cos(x)", "", "identity: triple angle"),
    ("tan(x) - sin(x)/cos(x)", "", "identity: tan = sin/cos"),
    ("sec(x)^2 - tan(x)^2", "", "identity: Pythagorean (secant)"),
    ("csc(x)^2 - cot(x)^2", "", "identity: Pythagorean (cosecant)"),
    ("(sin(x) + cos(x))^2 - sin(2*x)", "", "identity: square of a sum"),
    ("sin(x)/(1 + cos(x))", "", "identity: tangent half angle"),
    ("(1 - cos(x))/sin(x)", "", "identity: tangent half angle"),
    ("2*sin(x/2)*cos(x/2)", "", "identity: double angle of x/2"),
    ("cos(x/2)^2 - sin(x/2)^2", "", "identity: double angle of x/2"),
    ("sin(pi/2 - x)", "", "identity: cofunction"),
    ("cos(pi - x)", "", "identity: supplementary angle"),
    ("sin(x + 2*pi)", "", "identity: period"),
    ("cosh(x)^2 - sinh(x)^2", "", "identity: hyperbolic Pythagorean"),
    ("2*sinh(x)*cosh(x)", "", "identity: hyperbolic double angle"),
    ("(exp(x) + exp(-x))/2", "", "identity: cosh as exponentials"),
    ("tan(2*x)*(1 - tan(x)^2)", "", "identity: tangent double angle"),
    ("sin(x)^3 + sin(x)*cos(x)^2", "", "identity: Pythagorean, factored"),
    ("cos(x)^4 - sin(x)^4", "", "identity: difference of fourth powers"),
    ("1/(1 + tan(x)^2)", "", "identity: 1 + tan^2 = sec^2"),
    ("sin(x)*cos(x)/(cos(x)^2 - sin(x)^2)", "", "identity: tangent double angle"),
    ("4*sin(x)*cos(x)*cos(2*x)", "", "identity: double angle twice"),
    ("cos(pi/12)", "", "exact value at pi/12"),
    ("sin(x)^2*cos(x)^2 + sin(x)^4 + cos(x)^2", "", "identity: Pythagorean twice"),
]

EXPLOG = [
    ("log(2) + log(3)", "", "identity: log of a product of positive numbers"),
    ("log(x^2)", "x > 0", "identity: log of a power"),
    ("exp(a)*exp(b)", "", "identity: product of exponentials"),
    ("log(exp(x))", "x real", "identity: log inverts exp on the reals"),
    ("log(x*y) - log(x)", "x > 0, y > 0", "identity: log of a product"),
    ("log(x/y)", "x > 0, y > 0", "identity: log of a quotient"),
    ("exp(log(x))", "", "identity: exp inverts log"),
    ("exp(2*log(x))", "", "identity: exp of a multiple of log"),
    ("exp(x)^2", "", "identity: integer power of exp"),
    ("exp(x + log(y))", "", "identity: exp of a sum"),
    ("log(8)/log(2)", "", "identity: change of base"),
    ("log(sqrt(x))", "x > 0", "identity: log of a root"),
    ("exp(a)/exp(b)", "", "identity: quotient of exponentials"),
    ("log(x^3) - 3*log(x)", "x > 0", "identity: log of a power"),
    ("log(exp(x)*exp(y))", "x real, y real", "identity: log inverts exp on the reals"),
    ("exp(log(x)/2)", "x > 0", "identity: exp of half a log"),
    ("log(4) - 2*log(2)", "", "identity: log of a power of a number"),
    ("log(1/x)", "x > 0", "identity: log of a reciprocal"),
    ("log(a) + log(b) - log(a*b)", "a > 0, b > 0", "identity: log of a product"),
    ("exp(3*log(2))", "", "identity: exp of a multiple of log"),
    ("log(100)/log(10)", "", "identity: change of base"),
    ("10^(log(x)/log(10))", "x > 0", "identity: change of base"),
    ("exp(x)*exp(-x)", "", "identity: product of exponentials"),
    ("(exp(x) - 1)/(exp(x/2) + 1)", "", "identity: difference of squares in exp(x/2)"),
    ("exp(2*x) - 2*exp(x) + 1", "", "identity: square of exp(x) - 1"),
    ("log(x*exp(x))", "x > 0", "identity: log of a product"),
    ("log(exp(2))", "", "identity: log of exp of a number"),
    ("x^(1/log(x))", "x > 0", "identity: x^(1/log x) = e"),
    ("log(sqrt(2))", "", "identity: log of a root"),
    ("log(x^2*y^3)", "x > 0, y > 0", "identity: log of a product of powers"),
    ("exp(log(x) + log(y))", "", "identity: exp of a sum of logs"),
    ("log(exp(x)^2)", "x real", "identity: log inverts exp on the reals"),
    ("(exp(2*x) - 1)/(exp(x) - 1)", "", "identity: difference of squares in exp(x)"),
    ("exp(-log(x))", "", "identity: exp of minus a log"),
    ("log(2*x) - log(x)", "x > 0", "identity: log of a product"),
    ("sinh(log(x))", "x > 0", "identity: hyperbolic functions as exponentials"),
    ("log(x^4)/4 - log(x)", "x > 0", "identity: log of a power"),
    ("exp(x*log(2))", "", "identity: power as exp of log"),
    # Traps: rewrites that hold for positive or real symbols only; the right answer keeps the input.
    ("log(x*y)", "", "trap: log(x) + log(y) is wrong for complex x, y"),
    ("log(exp(x))", "", "trap: x is wrong for complex x"),
    ("log(x^2)", "x real", "trap: 2*log(x) is wrong for x < 0"),
    ("exp(x)^y", "", "trap: exp(x*y) is wrong for complex x, y"),
]

POWERS = [
    ("2^(x + 2)/4", "", "identity: power of a sum in the exponent"),
    ("x^a*x^b", "", "identity: product of powers with one base"),
    ("sqrt(x^4)", "x real", "identity: root of an even power"),
    ("(x^2)^(1/2)", "x > 0", "identity: root of a square"),
    ("4^x/2^x", "", "identity: powers of related bases"),
    ("(x^3)^(1/3)", "x > 0", "identity: root of a cube"),
    ("sqrt(x)*sqrt(x)", "", "identity: square of a root"),
    ("(x*y)^2/(x^2*y)", "", "identity: power of a product"),
    ("2^x*3^x", "", "identity: product of powers with one exponent"),
    ("x^(1/2)*x^(1/3)", "x > 0", "identity: product of powers with one base"),
    ("(x^a)^b", "x > 0, a real", "identity: power of a power"),
    ("8^(1/3)", "", "exact root"),
    ("27^(2/3)", "", "exact root"),
    ("(1/4)^(-1/2)", "", "exact root"),
    ("x^2/x^(1/2)", "x > 0", "identity: quotient of powers"),
    ("sqrt(x^2*y^2)", "x > 0, y > 0", "identity: root of a product of squares"),
    ("(x^2 + 2*x + 1)^(1/2)", "x > 0", "identity: root of a perfect square"),
    ("9^(x/2)", "", "identity: powers of related bases"),
    ("2^(2*x) - 4^x", "", "identity: powers of related bases"),
    ("x^(-2)*x^5", "", "identity: product of powers"),
    ("(2^x)^2", "", "identity: integer power of a power"),
    ("sqrt(4*x^2)", "x > 0", "identity: root of a square"),
    ("sqrt(x^3)/x", "x > 0", "identity: quotient of powers"),
    ("(x^4)^(1/4)", "x real", "identity: root of an even power"),
    ("sqrt(exp(x))", "x real", "identity: root of an exponential"),
    ("2^(1/2)*2^(1/3)", "", "identity: product of powers of a number"),
    ("(x^2)^(3/2)", "x > 0", "identity: power of a power"),
    ("x^(3/2)*x^(1/2)", "", "identity: product of powers with one base"),
    ("3^(x + 1) - 3*3^x", "", "identity: power of a sum in the exponent"),
    ("(a^2*b)^(1/2)/a", "a > 0, b > 0", "identity: root of a product"),
    ("16^(1/4)*x^0", "", "exact root"),
    ("(x^(1/3))^3", "", "identity: integer power of a root"),
    ("(x^2)^(1/2)", "x real", "identity: root of a square"),
    ("x^3*y^3/(x*y)^2", "", "identity: power of a product"),
    ("(4*x^2*y^4)^(1/2)", "x > 0, y real", "identity: root of a product of squares"),
    ("sqrt(x)^3*sqrt(x)", "", "identity: product of powers of a root"),
    ("(x^(1/2) + 1)*(x^(1/2) - 1)", "", "identity: difference of squares with roots"),
    # Traps: rewrites that hold for positive or real symbols only; the right answer keeps the input.
    ("sqrt(x)*sqrt(y)", "", "trap: sqrt(x*y) is wrong for negative x, y"),
    ("(x^3)^(1/3)", "x real", "trap: x is wrong for x < 0"),
    ("(x^y)^z", "x > 0", "trap: x^(y*z) is wrong for complex y"),
    ("1/sqrt(x) - sqrt(1/x)", "x real", "trap: 0 is wrong for x < 0"),
]

RADICALS = [
    ("1/(1 + sqrt(2))", "", "rationalising a denominator"),
    ("sqrt(5 + 2*sqrt(6))", "", "denesting: sqrt(2) + sqrt(3)"),
    ("sqrt(8)/2", "", "root of a non-square integer"),
    ("1/(sqrt(2) + sqrt(3))", "", "rationalising a denominator"),
    ("sqrt(1 + sqrt(3)) + sqrt(3 + 3*sqrt(3)) - sqrt(10 + 6*sqrt(3))", "", "nested radicals that sum to 0"),
    ("sqrt(3 + 2*sqrt(2))", "", "denesting: 1 + sqrt(2)"),
    ("sqrt(7 - 4*sqrt(3))", "", "denesting: 2 - sqrt(3)"),
    ("sqrt(11 + 6*sqrt(2))", "", "denesting: 3 + sqrt(2)"),
    ("sqrt(12) - 2*sqrt(3)", "", "root of a non-square integer"),
    ("(sqrt(2) + 1)*(sqrt(2) - 1)", "", "difference of squares"),
    ("(1 + sqrt(2))^2", "", "square of a sum with a root"),
    ("sqrt(2)/sqrt(8)", "", "quotient of roots"),
    ("1/(2 - sqrt(3))", "", "rationalising a denominator"),
    ("(sqrt(3) - 1)/(sqrt(3) + 1)", "", "rationalising a denominator"),
    ("sqrt(x)/sqrt(x*y)", "x > 0, y > 0", "quotient of roots of positive symbols"),
    ("sqrt(2)*sqrt(6)", "", "product of roots"),
    ("2^(1/3)*4^(1/3)", "", "product of cube roots"),
    ("sqrt(6 + 4*sqrt(2))", "", "denesting: 2 + sqrt(2)"),
    ("sqrt(9 - 4*sqrt(5))", "", "denesting: sqrt(5) - 2"),
    ("sqrt(2 + sqrt(3))", "", "denesting: (sqrt(2) + sqrt(6))/2"),
    ("sqrt(4 + 2*sqrt(3))", "", "denesting: 1 + sqrt(3)"),
    ("1/(sqrt(5) - 2)", "", "rationalising a denominator"),
    ("(sqrt(5) + 1)/2 - 2/(sqrt(5) - 1)", "", "golden ratio, two ways: 0"),
    ("sqrt(x^2 + 2*x*sqrt(y) + y)", "x > 0, y > 0", "root of a perfect square with a root"),
    ("(sqrt(x) - sqrt(y))*(sqrt(x) + sqrt(y))", "", "difference of squares with roots"),
    ("(x - y)/(sqrt(x) - sqrt(y))", "x > 0, y > 0", "difference of squares with roots"),
    ("sqrt(18) + sqrt(50)", "", "sum of roots of non-square integers"),
    ("sqrt(2 + sqrt(3))*sqrt(2 - sqrt(3))", "", "product of conjugate nested roots: 1"),
    ("1/(1 + sqrt(2) + sqrt(3))", "", "rationalising a denominator with two roots"),
    ("sqrt(3)/(sqrt(3) - sqrt(2))", "", "rationalising a denominator"),
    ("(sqrt(2) + sqrt(3))^2 - 2*sqrt(6)", "", "square of a sum of roots"),
    ("sqrt(16 - 6*sqrt(7))", "", "denesting: 3 - sqrt(7)"),
    ("(7 + 5*sqrt(2))^(1/3)", "", "cube root denesting: 1 + sqrt(2)"),
    ("sqrt(2)/2 - 1/sqrt(2)", "", "root in a denominator"),
    ("(1 + sqrt(5))^2/4 - (3 + sqrt(5))/2", "", "golden ratio squared: 0"),
    ("sqrt(10 + 2*sqrt(21))", "", "denesting: sqrt(3) + sqrt(7)"),
    ("(2 + sqrt(3))^2 + (2 - sqrt(3))^2", "", "sum of conjugate squares: 14"),
]

RATIONAL = [
    ("(x^2 - 1)/(x - 1)", "", "cancel a common factor"),
    ("1/(x - 1) - 1/(x + 1)", "", "partial fractions recombined"),
    ("(x^3 - 1)/(x - 1)", "", "cancel a common factor"),
    ("(x^2 + 2*x + 1)/(x + 1)", "", "cancel a common factor"),
    ("1/x + 1/y", "", "sum of fractions"),
    ("(x^2 - y^2)/(x + y)", "", "cancel a common factor"),
    ("1/(x + 1) + x/(x + 1)", "", "sum of fractions with one denominator"),
    ("(a*x + a*y)/(x + y)", "", "cancel a common factor"),
    ("x/(x^2 + x)", "", "cancel a common factor"),
    ("1/(1 + 1/x)", "", "compound fraction"),
    ("(1/x - 1/y)/(x - y)", "", "compound fraction"),
    ("(x^4 - 1)/(x^2 + 1)", "", "cancel a common factor"),
    ("3/(x - 1) - 2/(x - 2)", "", "partial fractions recombined"),
    ("1/x - 1/(x + 1)", "", "partial fractions recombined"),
    ("(x^2 + 3*x + 2)/(x^2 + 5*x + 6)", "", "cancel a common factor"),
    ("(x^3 + x^2 + x + 1)/(x^2 + 1)", "", "cancel a common factor"),
    ("((x + y)^2 - (x - y)^2)/(4*x*y)", "", "cancel after expanding"),
    ("(x^2 - 4)/(x^2 + 4*x + 4)", "", "cancel a common factor"),
    ("(1 + x)^2 - x^2 - 2*x", "", "expand"),
    ("(x - 1)*(x + 1) - x^2", "", "expand"),
    ("x/(x - y) + y/(y - x)", "", "sum of fractions with opposite denominators"),
    ("(a^3 - b^3)/(a - b)", "", "cancel a common factor"),
    ("1/(x - 1) + 1/(x + 1) - 2*x/(x^2 - 1)", "", "partial fractions recombined: 0"),
    ("(x^6 - 1)/(x^3 - 1)", "", "cancel a common factor"),
    ("((x + 1)/(x - 1) - 1)*(x - 1)", "", "compound fraction"),
    ("(x^2 + x)/(x^3 - x)", "", "cancel a common factor"),
    ("(2*x^2 + 3*x + 1)/(2*x + 1)", "", "cancel a common factor"),
    ("(1/(x + h) - 1/x)/h", "", "difference quotient of 1/x"),
    ("((x + h)^2 - x^2)/h", "", "difference quotient of x^2"),
    ("1/(1 - x) + 1/(1 + x)", "", "partial fractions recombined"),
    ("x^2/(x - 1) - 1/(x - 1)", "", "sum of fractions with one denominator"),
    ("(x^2*y + x*y^2)/(x*y)", "", "cancel a common factor"),
    ("(x^3 - 3*x^2 + 3*x - 1)/(x - 1)^2", "", "cancel a common factor"),
    ("1/(x - 3) - 1/(x - 2)", "", "partial fractions recombined"),
    ("(x^2 - 2*x*y + y^2)/(x - y)", "", "cancel a common factor"),
    ("1/(x^2 - 1) - 1/(2*(x - 1)) + 1/(2*(x + 1))", "", "partial fractions recombined: 0"),
]

SPECIAL = [
    ("gamma(x + 1)/gamma(x)", "", "recurrence of Gamma"),
    ("factorial(n + 1)/factorial(n)", "n integer, n >= 0", "recurrence of the factorial"),
    ("binomial(5, 2)", "", "binomial coefficient value"),
    ("zeta(2)", "", "Basel problem"),
    ("erf(0)", "", "value of erf"),
    ("Li2(1)", "", "value of the dilogarithm"),
    ("gamma(1/2)", "", "value of Gamma at 1/2"),
    ("gamma(5)", "", "value of Gamma at an integer"),
    ("factorial(5)/factorial(3)", "", "factorial values"),
    ("gamma(x + 2)/gamma(x)", "", "recurrence of Gamma, twice"),
    ("beta(a, b)*gamma(a + b)/(gamma(a)*gamma(b))", "", "Beta in terms of Gamma"),
    ("erf(x) + erfc(x)", "", "erfc = 1 - erf"),
    ("erfc(-x) + erfc(x)", "", "reflection of erfc"),
    ("erf(-x) + erf(x)", "", "erf is odd"),
    ("zeta(4)", "", "zeta at an even integer"),
    ("zeta(0)", "", "zeta at 0"),
    ("zeta(-1)", "", "zeta at a negative integer"),
    ("polylog(2, 1/2)", "", "value of the dilogarithm at 1/2"),
    ("binomial(n, 1)", "n integer, n > 0", "binomial coefficient"),
    ("binomial(n, k)/binomial(n, k - 1)", "n integer, k integer, n > 0, k > 0", "ratio of binomial coefficients"),
    ("polygamma(1, 1)", "", "trigamma at 1"),
    ("gamma(x)*x - gamma(x + 1)", "", "recurrence of Gamma: 0"),
    ("heaviside(x) + heaviside(-x)", "x real", "Heaviside step with H(0) = 1/2"),
    ("lambertw(0)", "", "value of Lambert W"),
    ("lambertw(x)*exp(lambertw(x))", "", "defining equation of Lambert W"),
    ("besselj(0, 0)", "", "value of J_0"),
    ("elliptic_k(0)", "", "value of K"),
    ("elliptic_e(1)", "", "value of E"),
    ("sign(x)*abs(x)", "x real", "sign times absolute value"),
    ("abs(x)/x", "x > 0", "absolute value of a positive symbol"),
    ("exp(loggamma(x))", "x > 0", "exp of log Gamma"),
    ("factorial(n)/(n*factorial(n - 1))", "n integer, n > 0", "recurrence of the factorial"),
    ("gamma(x)*gamma(1 - x)", "", "reflection formula of Gamma"),
    ("besseli(0, 0) + erfi(0)", "", "values of I_0 and erfi"),
    ("zeta(2)*6/pi^2", "", "Basel problem"),
    ("gamma(x + 1) - x*gamma(x)", "", "recurrence of Gamma: 0"),
    ("beta(1, x)", "x > 0", "Beta with a unit argument"),
    ("dirac_delta(-x) - dirac_delta(x)", "x real", "the delta is even"),
    ("factorial(n + 2)/factorial(n)", "n integer, n >= 0", "recurrence of the factorial, twice"),
    ("abs(x*y)/(abs(x)*abs(y))", "x real, y real, x != 0, y != 0", "absolute value of a product"),
]

COMPLEX = [
    ("abs(3 + 4*I)", "", "modulus of a complex number"),
    ("1/(1 + I)", "", "reciprocal of a complex number"),
    ("abs(1/(s - M^2 + I*M*G))^2", "s real, M real, G real", "PDG 2024 review 'Resonances': relativistic Breit-Wigner propagator squared"),
    ("re(exp(I*x))", "x real", "Euler's formula"),
    ("conjugate(x + I*y)", "x real, y real", "conjugate of a complex number"),
    ("(1 + I)^2", "", "square of a complex number"),
    ("I^2", "", "the imaginary unit squared"),
    ("exp(I*pi)", "", "Euler's identity"),
    ("(2 + 3*I)*(2 - 3*I)", "", "product of conjugates"),
    ("abs(exp(I*x))", "x real", "modulus of a phase"),
    ("im(exp(I*x))", "x real", "Euler's formula"),
    ("(exp(I*x) + exp(-I*x))/2", "", "cosine as exponentials"),
    ("(exp(I*x) - exp(-I*x))/(2*I)", "", "sine as exponentials"),
    ("re(x + I*y)", "x real, y real", "real part"),
    ("im((x + I*y)^2)", "x real, y real", "imaginary part of a square"),
    ("abs(x + I*y)^2", "x real, y real", "modulus squared"),
    ("(x + I*y)*(x - I*y)", "x real, y real", "product of conjugates"),
    ("conjugate(exp(I*x))", "x real", "conjugate of a phase"),
    ("arg(1 + I)", "", "argument of a complex number"),
    ("arg(I)", "", "argument of the imaginary unit"),
    ("abs(I*x)", "x real", "modulus of an imaginary number"),
    ("1/I", "", "reciprocal of the imaginary unit"),
    ("(1 + I)/(1 - I)", "", "quotient of conjugates"),
    ("exp(I*x)*exp(-I*x)", "", "product of phases"),
    ("abs(exp(x + I*y))", "x real, y real", "modulus of an exponential"),
    ("re(1/(a + I*b))", "a real, b real", "real part of a reciprocal"),
    ("sqrt(-4)", "", "root of a negative number"),
    ("(cos(x) + I*sin(x))^2 - cos(2*x) - I*sin(2*x)", "", "de Moivre's formula: 0"),
    ("conjugate(conjugate(z))", "", "conjugation is an involution"),
    ("abs(z)^2 - z*conjugate(z)", "", "modulus squared: 0"),
    ("re(z) + I*im(z) - z", "", "real and imaginary parts: 0"),
    ("(z + conjugate(z))/2 - re(z)", "", "real part as a mean: 0"),
    ("abs((1 + I*x)/(1 - I*x))", "x real", "modulus of a Cayley transform"),
    ("I*(x + I*y) + y", "x real, y real", "multiplication by I"),
    ("sign(-2*I)", "", "sign of an imaginary number"),
    ("M*G*abs(1/(s - M^2 + I*M*G))^2", "s real, M > 0, G > 0", "PDG 2024 review 'Resonances': Breit-Wigner line shape"),
    ("cos(I*x)", "", "cosine of an imaginary argument"),
    ("exp(I*x/2)^2", "", "square of a phase"),
]

# Physics: textbook formulas in the redundant form they are often first written in.
PHYSICS = [
    ("(m*v)^2/(2*m)", "m > 0, v real", "kinetic energy p^2/(2m) with p = m v (Goldstein, Classical Mechanics, ch. 1)"),
    ("1/(1 - v^2/c^2) - v^2/(c^2 - v^2)", "v > 0, c > 0", "gamma^2 - gamma^2 beta^2 = 1 (PDG 2024 review 'Kinematics')"),
    ("(m*c^2/sqrt(1 - v^2/c^2))^2 - (m*v/sqrt(1 - v^2/c^2))^2*c^2", "m > 0, c > 0, v > 0", "E^2 - p^2 c^2 = m^2 c^4 (Jackson, Classical Electrodynamics, ch. 11)"),
    ("sqrt(1 - 4*m^2/s)^2", "m > 0, s > 0", "two-body phase space velocity squared (PDG 2024 review 'Kinematics')"),
    ("(1 - sqrt(1 - 4*m^2/s)^2)*s/4", "m > 0, s > 0", "m^2 from the velocity beta (PDG 2024 review 'Kinematics')"),
    ("sqrt((M^2 - 4*m^2)*M^2)/(2*M)", "M > 0, m > 0", "two-body decay momentum, equal masses (PDG 2024 review 'Kinematics')"),
    ("G_F^2*m_mu^5/(192*pi^3) + 3*G_F^2*m_mu^5/(192*pi^3)", "G_F > 0, m_mu > 0", "muon decay width, summed channels (PDG 2024 review 'Electroweak model')"),
    ("(Gam/2)^2/((En - E0)^2 + (Gam/2)^2)", "Gam > 0, En real, E0 real", "non-relativistic Breit-Wigner (PDG 2024 review 'Resonances')"),
    ("(1/sqrt(1 - b^2) - 1)*(1/sqrt(1 - b^2) + 1)", "b > 0", "gamma^2 - 1 = gamma^2 beta^2 (PDG 2024 review 'Kinematics')"),
    ("b^2/(1 - b^2) - 1/(1 - b^2)", "b > 0", "gamma^2 beta^2 - gamma^2 = -1 (PDG 2024 review 'Kinematics')"),
    ("log((m*cosh(y) + m*sinh(y))/(m*cosh(y) - m*sinh(y)))/2", "m > 0, y real", "rapidity from E = m cosh y, p = m sinh y (PDG 2024 review 'Kinematics')"),
    ("2*E1*E2*(1 - cos(theta))", "E1 > 0, E2 > 0, theta real", "invariant mass of two massless particles (PDG 2024 review 'Kinematics')"),
    ("hbar*omega*(n + 1/2) - hbar*omega/2", "hbar > 0, omega > 0", "harmonic oscillator excitation energy (Griffiths, Quantum Mechanics, ch. 2)"),
    ("sqrt((1 + b)/(1 - b))*sqrt((1 - b)/(1 + b))", "b > 0", "relativistic Doppler factors, forward times backward (Jackson, ch. 11)"),
    ("1/(4*pi*eps0)*q1*q2/r^2*r", "eps0 > 0, r > 0", "Coulomb energy from the force times distance (Griffiths, Electrodynamics, ch. 2)"),
    ("p*V/(n*R*T)*n*R*T/V", "p > 0, V > 0, n > 0, R > 0, T > 0", "ideal gas law (Reif, Statistical Physics)"),
    ("8*pi*h*(c/lam)^3/c^3", "h > 0, c > 0, lam > 0", "Planck spectrum prefactor in wavelength (Reif, Statistical Physics, ch. 9)"),
    ("sqrt(m^2*c^4 + m^2*c^4*b^2/(1 - b^2))", "m > 0, c > 0, b > 0", "E = sqrt(m^2 c^4 + p^2 c^2) with p = gamma m v (PDG 2024 review 'Kinematics')"),
    ("G_F*M_W^3/(6*sqrt(2)*pi)", "G_F > 0, M_W > 0", "W partial width to a lepton pair (PDG 2024 review 'Electroweak model')"),
    ("G_F*M_Z^3/(6*sqrt(2)*pi)*(gV^2 + gA^2) + G_F*M_Z^3/(6*sqrt(2)*pi)*(gV^2 - gA^2)", "G_F > 0, M_Z > 0, gV real, gA real", "Z partial width, vector and axial parts summed (PDG 2024 review 'Electroweak model')"),
    ("4*pi*alpha^2/(3*(2*Eb)^2)", "alpha > 0, Eb > 0", "e+e- -> mu+mu- with s = 4 E_beam^2 (PDG 2024 review 'Cross-section formulae for specific processes')"),
    ("G*M*m/r^2*r", "G > 0, M > 0, m > 0, r > 0", "gravitational energy from force times distance (Goldstein, ch. 3)"),
    ("sqrt(l/g)*sqrt(g/l)", "l > 0, g > 0", "pendulum period ratio (Kleppner & Kolenkow, ch. 3)"),
    ("1/(1/f - 1/d_o)", "f > 0, d_o > 0", "thin-lens equation solved for the image distance (Hecht, Optics, ch. 5)"),
    ("1/(1/m1 + 1/m2)", "m1 > 0, m2 > 0", "reduced mass (Goldstein, ch. 3)"),
    ("1/(1/R1 + 1/R2 + 1/R3)", "R1 > 0, R2 > 0, R3 > 0", "parallel resistors (Purcell, Electricity and Magnetism, ch. 4)"),
    ("(u + v)/(1 + u*v/c^2)", "u real, v real, c > 0", "relativistic velocity addition (Jackson, ch. 11)"),
    ("sqrt(p^2 + m^2)^2/m^2 - p^2/m^2", "p real, m > 0", "gamma^2 - (gamma beta)^2 in natural units (PDG 2024 review 'Kinematics')"),
    ("t/sqrt(1 - v^2/c^2)*sqrt(1 - v^2/c^2)", "t > 0, v > 0, c > 0", "time dilation and back (Jackson, ch. 11)"),
    ("sqrt(p^2 + m^2)^2 - m^2", "p real, m > 0", "E^2 - m^2 = p^2 (PDG 2024 review 'Kinematics')"),
    ("-m*q^4/(8*eps0^2*(2*pi*hbar)^2*n^2)", "m > 0, q > 0, eps0 > 0, hbar > 0, n > 0", "Bohr energy levels with h = 2 pi hbar (Griffiths, Quantum Mechanics, ch. 4)"),
    ("sqrt(1 - 4*m^2/s)*(3 - sqrt(1 - 4*m^2/s)^2)/2", "m > 0, s > 0", "e+e- -> f fbar with fermion mass (PDG 2024 review 'Cross-section formulae for specific processes')"),
    ("(E1 + E2)^2 - (p1 + p2)^2 - (E1^2 - p1^2) - (E2^2 - p2^2)", "E1 > 0, E2 > 0, p1 real, p2 real", "invariant mass squared minus the masses, collinear (PDG 2024 review 'Kinematics')"),
    ("hbar^2*k^2/(2*m) + hbar^2*k^2/(2*m)*(m/m_e - 1)", "hbar > 0, k real, m > 0, m_e > 0", "free-particle energy with effective mass (Ashcroft & Mermin, ch. 12)"),
    ("m*c^2*(1/sqrt(1 - v^2/c^2) - 1) - m*c^2/sqrt(1 - v^2/c^2)", "m > 0, c > 0, v > 0", "relativistic kinetic energy minus total energy (Jackson, ch. 11)"),
    ("(k*x0^2/2)*cos(omega*t)^2 + (k*x0^2/2)*sin(omega*t)^2", "k > 0, x0 real, omega > 0, t real", "energy of a harmonic oscillator (Goldstein, ch. 6)"),
    ("sqrt(k/m)/(2*pi)*2*pi/sqrt(k/m)", "k > 0, m > 0", "period times frequency of a spring (Kleppner & Kolenkow, ch. 3)"),
    ("exp(-En/(k_B*T))/exp(-E0/(k_B*T))", "En real, E0 real, k_B > 0, T > 0", "ratio of Boltzmann factors (Reif, Statistical Physics, ch. 6)"),
    ("log(exp(-En/(k_B*T)))*(-k_B*T)", "En real, k_B > 0, T > 0", "energy from a Boltzmann factor (Reif, Statistical Physics, ch. 6)"),
    ("alpha*hbar*c/(q^2/(4*pi*eps0))", "alpha > 0, hbar > 0, c > 0, q > 0, eps0 > 0", "fine-structure constant definition (CODATA 2022)"),
]

HAND_WRITTEN = [("trig", TRIG, False), ("explog", EXPLOG, False), ("powers", POWERS, False),
                ("radicals", RADICALS, False), ("rational", RATIONAL, False), ("special", SPECIAL, False),
                ("complex", COMPLEX, True), ("physics", PHYSICS, False)]

# ---------------------------------------------------------------------------------------------
# Random cases.

RANDOM_FUNCTIONS = ["sin", "cos", "exp", "log", "sqrt"]
RANDOM_ASSUMPTIONS = ["", "x real, y real, z real", "x > 0, y > 0, z > 0"]


def atomic(text):
    """True for a name, a number or one whole call such as sin(x + y): no parentheses needed."""
    m = re.fullmatch(r"\w+", text) or re.match(r"\w+\(", text)
    if m is None:
        return False
    if m.end() == len(text):
        return True
    depth = 0
    for i in range(m.end() - 1, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i == len(text) - 1
    return False


def wrap(text):
    return text if atomic(text) else f"({text})"


def random_expression(rng, depth):
    """A random expression of at most `depth` levels over x, y, z and small integers."""
    if depth == 0 or rng.random() < 0.15:
        return rng.choice(["x", "y", "z", "x", "y", str(rng.randint(1, 5))])
    r = rng.random()
    a = random_expression(rng, depth - 1)
    if r < 0.2:
        return f"{a} + {random_expression(rng, depth - 1)}"
    if r < 0.32:
        return f"{a} - {wrap(random_expression(rng, depth - 1))}"
    if r < 0.5:
        return f"{wrap(a)}*{wrap(random_expression(rng, depth - 1))}"
    if r < 0.62:
        return f"{wrap(a)}/{wrap(random_expression(rng, depth - 1))}"
    if r < 0.74:
        return f"{wrap(a)}^{rng.choice(['2', '2', '3', '(-1)', '(-2)'])}"
    return f"{rng.choice(RANDOM_FUNCTIONS)}({a})"


def random_cases(rng, count):
    """`count` distinct random expressions that SymPy reads as finite and not a bare number or symbol."""
    cases, seen = [], set()
    while len(cases) < count:
        text = random_expression(rng, rng.choice([3, 4]))
        assume = rng.choice(RANDOM_ASSUMPTIONS)
        if text in seen:
            continue
        case = {"expression": text, "assume": assume, "complex": False}
        expr = to_sympy(text, case)
        if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or expr.is_Atom or sympy.count_ops(expr) < 3:
            continue  # a division by an exact zero, or nothing to simplify
        seen.add(text)
        cases.append((text, assume, "random"))
    return cases


def corpus(seed=14, random_count=40):
    """The list of cases; the same for the same seed."""
    rng = random.Random(seed)
    groups = HAND_WRITTEN + [("random", random_cases(rng, random_count), False)]
    cases = []
    for cls, entries, is_complex in groups:
        for i, (expression, assume, source) in enumerate(entries, start=1):
            case = {"id": f"{cls}-{i:03d}", "class": cls, "expression": expression, "assume": assume,
                    "complex": is_complex, "source": source, "sympy": sympy_text(expression)}
            facts = parse_assume(assume)
            case["sympy_symbols"] = {name: {fact: True for fact in sorted(facts.get(name, ()))}
                                     for name in sorted(symbol_names(expression, is_complex=is_complex) | set(facts))}
            cases.append(case)
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--random", type=int, default=40, help="number of random cases")
    a = ap.parse_args()
    json.dump(corpus(a.seed, a.random), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
