"""Seeded random expressions of about N tokens, in the syntax all three parsers accept
(explicit *, ** for powers, sin cos exp log sqrt, names like x, alpha, m_t).

    python3 gen_expressions.py --seed 1 --count 2000 --tokens 50 > out/expressions.txt
"""
import argparse
import random

NAMES = ["x", "y", "z", "a", "b", "c", "alpha", "rho", "theta", "m_t", "m_W", "sigma", "k", "p", "q"]  # no SymPy function names (beta, gamma)
FUNCS = ["sin", "cos", "exp", "log", "sqrt"]


def atom(rng):
    r = rng.random()
    if r < 0.6:
        return [rng.choice(NAMES)]
    if r < 0.9:
        return [str(rng.randint(1, 99))]
    return [str(rng.randint(1, 99)) + "." + str(rng.randint(0, 99))]


def expr(rng, budget):
    """A token list of roughly `budget` tokens."""
    if budget <= 2:
        return atom(rng)
    r = rng.random()
    if r < 0.15 and budget > 4:
        inner = expr(rng, budget - 3)
        return [rng.choice(FUNCS), "("] + inner + [")"]
    if r < 0.25:
        base = atom(rng)
        return base + ["**", str(rng.randint(2, 5))]
    left = rng.randint(1, budget - 2)
    op = rng.choice(["+", "-", "*", "/", "+", "*"])
    lhs = expr(rng, left)
    rhs = expr(rng, budget - left - 1)
    if op in "*/" and rng.random() < 0.5:
        lhs = ["("] + lhs + [")"]
        rhs = ["("] + rhs + [")"]
    elif op in "*/-":
        rhs = ["("] + rhs + [")"]
    return lhs + [op] + rhs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--tokens", type=int, default=50)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    for _ in range(a.count):
        tokens = expr(rng, a.tokens)
        print(" ".join(tokens))


if __name__ == "__main__":
    main()
