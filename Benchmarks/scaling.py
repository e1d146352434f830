"""Drives `ansatz-bench scaling`: each (operation, shape, n) in a process of its own, n = 10^2 ...
10^6, a size skipped when the last one's time, scaled by the exponent so far, projects past the
cap. Prints the seconds per n, the fitted exponent (least squares of log t on log n over the sizes
that took at least 5 ms; smaller times are mostly fixed costs) and memory per term.

usage: scaling.py BENCH [--max-n N] [--cap SECONDS] [--ops a,b] [--shapes a,b]
"""
import argparse
import json
import math
import subprocess
import sys
import time

OPS = ["parse", "print", "expand", "expand-mul", "cancel", "simplify", "differentiate", "substitute", "check_dimensions"]
SHAPES = ["few", "many", "product"]


def run(bench, op, shape, n, timeout):
    runs = 3 if n <= 10_000 else 1
    try:
        out = subprocess.run([bench, "scaling", op, shape, str(n), "--runs", str(runs)], capture_output=True,
                             text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        sys.stderr.write(f"{op} {shape} {n}: {out.stderr.strip()[:300]}\n")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def fit(points):
    pts = [(math.log(n), math.log(t)) for n, t in points if t >= 0.005]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx > 0 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--max-n", type=int, default=1_000_000)
    ap.add_argument("--cap", type=float, default=20.0)
    ap.add_argument("--ops", default=",".join(OPS))
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--jsonl", default=None)
    a = ap.parse_args()
    sizes = [n for n in (100, 1_000, 10_000, 100_000, 1_000_000) if n <= a.max_n]
    rows = []
    log = open(a.jsonl, "w") if a.jsonl else None
    start = time.time()
    for shape in a.shapes.split(","):
        for op in a.ops.split(","):
            points, last, memory, skipped = [], None, None, None
            for n in sizes:
                if last is not None:
                    slope = fit(points) or 1.0
                    projected = last["seconds"] * (n / last["n"]) ** max(1.0, slope)
                    if projected > a.cap:
                        skipped = (n, f"skipped (about {projected:.0f} s)")
                        break
                r = run(a.bench, op, shape, n, timeout=max(60.0, 4 * a.cap))
                if r is None:
                    skipped = (n, "failed or timed out")
                    break
                if log:
                    log.write(json.dumps(r) + "\n")
                points.append((n, r["seconds"]))
                last = r
                memory = (r["peak_bytes"] / n, r["input_bytes_per_term"])
            rows.append((op, shape, points, fit(points), memory, skipped))
            cells = "  ".join(f"{n:>7}: {t:9.4f} s" for n, t in points)
            e = rows[-1][3]
            print(f"{op:17} {shape:8} {cells}  exponent {e:.2f}" if e is not None else f"{op:17} {shape:8} {cells}", flush=True)
    print(f"\n(total {time.time() - start:.0f} s)\n")
    header = "| operation | shape | " + " | ".join(f"n = {n:,}" for n in sizes) + " | exponent | peak bytes / term at largest n | input bytes / term |"
    print(header)
    print("| --- | --- |" + " ---: |" * (len(sizes) + 3))
    for op, shape, points, e, memory, skipped in rows:
        times = {n: t for n, t in points}
        cells = [f"{times[n]:.3g} s" if n in times else (skipped[1] if skipped and skipped[0] == n else "–") for n in sizes]
        mem = f"{memory[0]:,.0f}" if memory else "–"
        inp = f"{memory[1]:,.0f}" if memory else "–"
        exponent = f"{e:.2f}" if e is not None else "–"
        print(f"| {op} | {shape} | " + " | ".join(cells) + f" | {exponent} | {mem} | {inp} |")


if __name__ == "__main__":
    main()
