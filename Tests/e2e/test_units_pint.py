"""Differential tests of unit conversion against pint (pinned in requirements.txt), through the
MCP server, and of natural-unit conversions against CODATA arithmetic done here with mpmath.

Random products of units with SI prefixes and exponents are converted to SI base units and to
a differently prefixed product of the same units; the factors must agree with pint's to 1e-12
relative, and the dimensions must be the same. Where pint and Ansatz define a unit differently on
purpose, the unit is left out of the random draw and the difference is tested on its own."""
import random

import mpmath
import pint
import pytest

from test_differential_sympy import ansatz_calls

UREG = pint.UnitRegistry()
CASES = 2000

# (ours, pint, takes prefixes). Left out: pc (pint uses au/tan(1″), the IAU defines 648000/π au:
# 8e-12 apart), gauss (pint's is the Gaussian-CGS unit with half-integer dimensions), Da and u
# (both are CODATA values; compared once below).
UNITS = [
    ("m", "m", True), ("g", "g", True), ("s", "s", True), ("A", "A", True), ("K", "K", True),
    ("mol", "mol", True), ("cd", "cd", True), ("Hz", "Hz", True), ("N", "N", True), ("Pa", "Pa", True),
    ("J", "J", True), ("W", "W", True), ("C", "C", True), ("V", "V", True), ("F", "F", True),
    ("ohm", "ohm", True), ("S", "S", True), ("Wb", "Wb", True), ("T", "T", True), ("H", "H", True),
    ("Gy", "Gy", True), ("Sv", "Sv", True), ("L", "L", True), ("eV", "eV", True), ("b", "b", True),
    ("bar", "bar", True), ("yr", "yr", True), ("min", "min", False), ("h", "h", False), ("d", "d", False),
    ("au", "au", False), ("ly", "ly", False), ("angstrom", "angstrom", False), ("erg", "erg", False),
    ("dyn", "dyn", False), ("atm", "atm", False), ("Torr", "torr", False), ("mmHg", "mmHg", False),
    ("cal", "cal", False), ("kcal", "kcal", False), ("barn", "barn", False), ("fermi", "fermi", False),
    ("micron", "micron", False), ("day", "day", False), ("hour", "hour", False), ("minute", "minute", False),
    ("year", "year", False),
]
PREFIXES = ["q", "r", "y", "z", "a", "f", "p", "n", "u", "µ", "m", "c", "d", "da", "h", "k", "M", "G",
            "T", "P", "E", "Z", "Y", "R", "Q"]
SUPERSCRIPT = str.maketrans("0123456789-/", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻ᐟ")
PINT_DIMENSIONS = [("[mass]", "M"), ("[length]", "L"), ("[time]", "T"), ("[current]", "I"),
                   ("[temperature]", "Θ"), ("[substance]", "N"), ("[luminosity]", "J")]


def dimension_text(q):
    """pint's dimensionality in Ansatz's notation: [M L² T⁻²], [1] for none."""
    dims = q.dimensionality
    parts = []
    for key, symbol in PINT_DIMENSIONS:
        e = dims.get(key, 0)
        if e:
            parts.append(symbol if e == 1 else symbol + str(int(e) if float(e).is_integer() else e).translate(SUPERSCRIPT))
    return "[" + " ".join(parts) + "]" if parts else "[1]"


def random_product(rng):
    """A product of 1 to 4 units, each with a prefix (sometimes) and an exponent in -3..3."""
    picks = rng.sample(UNITS, rng.randint(1, 4))
    terms = []
    for ours, theirs, prefixable in picks:
        prefix = prefix_for(rng, ours) if prefixable and rng.random() < 0.6 else ""
        exponent = rng.choice([-3, -2, -1, 1, 1, 1, 2, 3])
        terms.append((prefix, ours, theirs, exponent, prefixable))
    return terms


def ours_text(terms):
    return " ".join(f"{p}{u}" + ("" if e == 1 else f"^{e}") for p, u, _, e, _ in terms)


PREFIX_NAMES = {"q": "quecto", "r": "ronto", "y": "yocto", "z": "zepto", "a": "atto", "f": "femto", "p": "pico",
                "n": "nano", "u": "micro", "µ": "micro", "m": "milli", "c": "centi", "d": "deci", "da": "deca",
                "h": "hecto", "k": "kilo", "M": "mega", "G": "giga", "T": "tera", "P": "peta", "E": "exa",
                "Z": "zetta", "Y": "yotta", "R": "ronna", "Q": "quetta"}


def pint_text(terms):
    """Spelled out for pint (millicandela), which would read mcd as a micro-day too."""
    return " * ".join(PREFIX_NAMES.get(p, "") + UREG.get_name(t) + ("" if e == 1 else f" ** {e}")
                      for p, _, t, e, _ in terms)


def prefix_for(rng, unit):
    """A random SI prefix; never h on bar (hbar is ħ, in Ansatz and in pint)."""
    while True:
        p = rng.choice(PREFIXES)
        if p + unit != "hbar":
            return p


def reprefixed(rng, terms):
    """The same units with other prefixes: a target of the same dimension."""
    return [(prefix_for(rng, u) if prefixable else "", u, t, e, prefixable) for _, u, t, e, prefixable in terms]


def relative_error(ours, theirs):
    return abs(mpmath.mpf(ours) - mpmath.mpf(theirs)) / abs(mpmath.mpf(theirs))


def test_conversion_factors_agree_with_pint(binary):
    rng = random.Random(20261129)
    cases = []
    for _ in range(CASES):
        terms = random_product(rng)
        target = reprefixed(rng, terms) if rng.random() < 0.5 else None
        cases.append((terms, target))
    calls = []
    for terms, target in cases:
        arguments = {"expression": "1 " + ours_text(terms), "digits": 20}
        if target is not None:
            arguments["to"] = ours_text(target)
        calls.append(arguments)
    results = ansatz_calls(binary, "convert_units", calls)
    worst = 0
    for (terms, target), result, label in zip(cases, results, calls):
        structured = result["structuredContent"]
        assert structured["ok"], (label, structured)
        quantity = UREG.Quantity(1, pint_text(terms))
        if target is None:
            theirs = quantity.to_base_units()
        else:
            theirs = quantity.to(UREG.Unit(pint_text(target)))
        magnitude = theirs.magnitude
        error = relative_error(structured["value"]["text"], magnitude)
        worst = max(worst, error)
        assert error < 1e-12, (label, structured["value"]["text"], magnitude)
        assert structured["dimensions"]["from"] == dimension_text(quantity), (label, structured["dimensions"])
    print(f"{CASES} conversions, worst relative difference from pint {float(worst):.2e}")


def test_deliberate_differences_from_pint(binary):
    """The parsec: IAU 2015 B2 defines 648000/π au; pint divides by tan(1″) instead."""
    [result] = ansatz_calls(binary, "convert_units", [{"expression": "1 pc", "to": "m", "digits": 20}])
    iau = mpmath.mpf(149597870700) * 648000 / mpmath.pi
    assert relative_error(result["structuredContent"]["value"]["text"], iau) < 1e-18
    assert relative_error(result["structuredContent"]["value"]["text"], UREG.Quantity(1, "pc").to("m").magnitude) < 1e-11
    [dalton] = ansatz_calls(binary, "convert_units", [{"expression": "1 Da", "to": "kg", "digits": 20}])
    assert relative_error(dalton["structuredContent"]["value"]["text"], UREG.Quantity(1, "Da").to("kg").magnitude) < 1e-12


def test_natural_unit_conversions_against_codata_arithmetic(binary):
    """E^n converted to lengths, times, cross sections: the factor is (ħc)^-n, ħ^-n, ... computed
    here from the exact SI constants with mpmath at 50 digits."""
    mpmath.mp.dps = 50
    hbar = mpmath.mpf("6.62607015e-34") / (2 * mpmath.pi)
    c = mpmath.mpf(299792458)
    ev = mpmath.mpf("1.602176634e-19")
    energy_prefixes = {"": 0, "k": 3, "M": 6, "G": 9, "T": 12, "m": -3}
    targets = {"m": ("length", 1), "fm": ("length", mpmath.mpf("1e-15")), "s": ("time", 1), "ns": ("time", mpmath.mpf("1e-9")),
               "mb": ("area", mpmath.mpf("1e-31")), "pb": ("area", mpmath.mpf("1e-40")), "kg": ("mass", 1)}
    rng = random.Random(7)
    cases, calls = [], []
    for _ in range(300):
        prefix = rng.choice(list(energy_prefixes))
        unit, (kind, scale) = rng.choice(list(targets.items()))
        power = {"length": -1, "time": -1, "area": -2, "mass": 1}[kind] * rng.choice([1, 2, 3])
        per = power // {"length": -1, "time": -1, "area": -2, "mass": 1}[kind]
        cases.append((prefix, power, unit, kind, scale, per))
        calls.append({"expression": f"1 {prefix}eV^{power}", "to": f"{unit}^{per}" if per != 1 else unit,
                      "natural": True, "digits": 25})
    results = ansatz_calls(binary, "convert_units", calls)
    for (prefix, power, unit, kind, scale, per), result, call in zip(cases, results, calls):
        structured = result["structuredContent"]
        assert structured["ok"], (call, structured)
        energy = ev * mpmath.mpf(10) ** energy_prefixes[prefix]  # joules
        si = {"length": hbar * c / energy, "time": hbar / energy, "area": (hbar * c / energy) ** 2,
              "mass": energy / c ** 2}[kind]
        # one unit of E^power is (si per unit of the kind)^per
        expected = (si / scale) ** per
        assert relative_error(structured["value"]["text"], expected) < mpmath.mpf("1e-20"), (call, structured["value"]["text"], expected)
