"""Calls per second through one `ansatz serve` with 1, 2 and 4 requests in flight (a client that
keeps k calls outstanding on the stdio connection: k concurrent clients as the server sees them).
The calls build many new expressions (expansions and simplifications with a different symbol in
each call, so that no answer comes from a cache and every call interns fresh nodes), which is
where a global lock on expression construction would serialise the workers.

usage: concurrency.py [--calls N] [--rounds R] -- COMMAND...
Prints one JSON line per (k, round) and a summary table of medians.
"""
import argparse
import json
import os
import selectors
import statistics
import subprocess
import sys
import time


def call(i):
    s = f"s{i}"
    kinds = [
        ("expand", {"expression": f"(x + y + {s} + 1)^9 * (x - {s})^2"}),
        ("simplify", {"expression": f"(sin({s})^2 + cos({s})^2)*({s}^2 - 1)/({s} - 1) + ({s}^3 + 3*{s}^2*y + 3*{s}*y^2 + y^3)/({s} + y)^2"}),
        ("differentiate", {"expression": f"sin({s}*x)*exp(x^2)/(1 + x^2)", "variables": ["x", "x", "x", "x"]}),
        ("cancel", {"expression": f"(x^6 - {s}^6)/(x^2 - {s}^2) + (x^4 - y^4)/(x - y)"}),
    ]
    return kinds[i % len(kinds)]


class Server:
    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        self.buffer = b""
        self.next_id = 0

    def send(self, method, params, id=None):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if id is not None:
            msg["id"] = id
        self.proc.stdin.write((json.dumps(msg) + "\n").encode())

    def read_line(self):
        while b"\n" not in self.buffer:
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                raise RuntimeError("server closed its output")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def initialize(self):
        self.send("initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}}, id=0)
        self.read_line()
        self.proc.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def run(server, k, calls, offset):
    """k calls outstanding until `calls` are answered; returns seconds."""
    sent = answered = 0
    start = time.perf_counter()
    while sent < min(k, calls):
        name, args = call(offset + sent)
        sent += 1
        server.send("tools/call", {"name": name, "arguments": args}, id=offset + sent)
    while answered < calls:
        reply = server.read_line()
        answered += 1
        if "error" in reply or reply.get("result", {}).get("isError"):
            raise RuntimeError(f"call failed: {json.dumps(reply)[:300]}")
        if sent < calls:
            name, args = call(offset + sent)
            sent += 1
            server.send("tools/call", {"name": name, "arguments": args}, id=offset + sent)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("command", nargs="+")
    a = ap.parse_args()
    server = Server(a.command)
    server.initialize()
    run(server, 1, 200, 10_000_000)  # warm-up
    results = {1: [], 2: [], 4: []}
    offset = 0
    for r in range(a.rounds):
        for k in (1, 2, 4):  # interleaved, so that a slow spell of the machine hits all
            seconds = run(server, k, a.calls, offset)
            offset += a.calls
            results[k].append(a.calls / seconds)
            print(json.dumps({"in_flight": k, "round": r, "calls_per_second": a.calls / seconds}), flush=True)
    server.close()
    base = statistics.median(results[1])
    print("\n| calls in flight | calls / s (median of %d rounds) | speed-up over 1 |" % a.rounds)
    print("| ---: | ---: | ---: |")
    for k in (1, 2, 4):
        m = statistics.median(results[k])
        print(f"| {k} | {m:,.0f} | {m / base:.2f} |")


if __name__ == "__main__":
    main()
