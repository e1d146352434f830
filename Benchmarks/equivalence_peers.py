"""`ansatz equivalent` against math-verify on labelled answer pairs (Benchmarks/data/equivalence_pairs.json).

    python equivalence_peers.py --ansatz .build/release/ansatz [--repeat 5]

Each pair has a label (mathematical truth; symbols are complex unless the pair declares them).
Ansatz runs as one `ansatz serve` process, driven with raw JSON-RPC lines, so a pair's time is a
tool call's round trip (JSON included) without process start-up; math-verify runs in this process
(`verify(parse(a), parse(b))`). Times are the median over --repeat passes of each pair's time,
after one warm-up pass. Prints the agreement table by category and the timings, and writes the
rows to out/equivalence.jsonl. Then times verify_derivation per step on Examples/derivations.
"""
import argparse
import json
import os
import statistics
import sys
import time

from math_verify import parse, verify

from ansatz_server import AnsatzServer

HERE = os.path.dirname(os.path.abspath(__file__))


class Ansatz(AnsatzServer):
    def equivalent(self, pair):
        arguments = {"expression": pair["a"], "other": pair["b"]}
        if "symbols" in pair:
            arguments["symbols"] = pair["symbols"]
        t0 = time.perf_counter()
        reply = self.request("tools/call", {"name": "equivalent", "arguments": arguments})
        elapsed = time.perf_counter() - t0
        result = reply["result"]["structuredContent"]
        if not result["ok"]:
            return "refused", elapsed, result["error"]["code"] + ": " + result["error"]["message"][:100]
        value = result["equivalent"]
        return ("undecided" if value is None else value), elapsed, result.get("detail", "")[:100]




def math_verify(pair):
    t0 = time.perf_counter()
    try:
        value = bool(verify(parse(pair["a"]), parse(pair["b"])))
    except Exception as e:  # it should not raise, but a benchmark must not stop
        value = "error: %s" % e
    return value, time.perf_counter() - t0


def grade(value, label):
    if value in ("refused", "undecided") or isinstance(value, str):
        return "refused"
    return "right" if value == label else "wrong"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ansatz", required=True)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    pairs = json.load(open(os.path.join(HERE, "data", "equivalence_pairs.json")))["pairs"]
    ansatz = Ansatz(args.ansatz)
    for pair in pairs:  # warm-up: first calls load and cache
        ansatz.equivalent(pair)
        math_verify(pair)
    rows = []
    a_times = {i: [] for i in range(len(pairs))}
    m_times = {i: [] for i in range(len(pairs))}
    for _ in range(args.repeat):
        for i, pair in enumerate(pairs):
            a_value, a_t, a_detail = ansatz.equivalent(pair)
            m_value, m_t = math_verify(pair)
            a_times[i].append(a_t)
            m_times[i].append(m_t)
    for i, pair in enumerate(pairs):
        a_value, _, a_detail = ansatz.equivalent(pair)
        m_value, _ = math_verify(pair)
        rows.append({**pair, "ansatz": a_value, "ansatz_grade": grade(a_value, pair["equivalent"]), "ansatz_detail": a_detail,
                     "ansatz_ms": 1e3 * statistics.median(a_times[i]),
                     "math_verify": m_value, "math_verify_grade": grade(m_value, pair["equivalent"]),
                     "math_verify_ms": 1e3 * statistics.median(m_times[i])})
    # time per step of verify_derivation on Examples/derivations (the whole call divided by its steps)
    folder = os.path.join(HERE, "..", "Examples", "derivations")
    per_step = []
    for name in sorted(os.listdir(folder)):
        derivation = json.load(open(os.path.join(folder, name)))
        times = []
        for _ in range(args.repeat + 1):
            t0 = time.perf_counter()
            ansatz.request("tools/call", {"name": "verify_derivation", "arguments": {"derivation": derivation}})
            times.append(time.perf_counter() - t0)
        per_step.append(1e3 * statistics.median(times[1:]) / len(derivation["steps"]))
    ansatz.close()
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    with open(os.path.join(HERE, "out", "equivalence.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")

    categories = sorted({r["category"] for r in rows}, key=lambda c: [r["category"] for r in rows].index(c))
    print("%-10s %5s | %-23s | %-23s" % ("category", "pairs", "ansatz right/wrong/refused", "math-verify right/wrong"))
    for c in categories + ["all"]:
        rs = [r for r in rows if c == "all" or r["category"] == c]
        count = lambda k, g: sum(r[k] == g for r in rs)
        print("%-10s %5d | %7d %7d %7d   | %7d %7d" % (c, len(rs), count("ansatz_grade", "right"), count("ansatz_grade", "wrong"),
                                                 count("ansatz_grade", "refused"), count("math_verify_grade", "right"),
                                                 count("math_verify_grade", "wrong") + count("math_verify_grade", "refused")))
    a_ms = [r["ansatz_ms"] for r in rows]
    m_ms = [r["math_verify_ms"] for r in rows]
    print("time per pair, median over pairs: ansatz %.3f ms (p90 %.3f), math-verify %.3f ms (p90 %.3f); ratio %.1f x" % (
        statistics.median(a_ms), sorted(a_ms)[int(0.9 * len(a_ms))], statistics.median(m_ms), sorted(m_ms)[int(0.9 * len(m_ms))],
        statistics.median(m_ms) / statistics.median(a_ms)))
    print("verify_derivation on %d example derivations: time per step median %.2f ms, max %.2f ms" % (
        len(per_step), statistics.median(per_step), max(per_step)))
    for r in rows:
        if r["ansatz_grade"] != "right":
            print("ansatz %-7s %-40s %-30s label=%s: %s" % (r["ansatz_grade"], r["a"][:40], r["b"][:30], r["equivalent"], r["ansatz_detail"]))


if __name__ == "__main__":
    main()
