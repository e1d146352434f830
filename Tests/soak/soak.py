"""Soak and load test of `ansatz serve` (issue 16).

Several concurrent clients share one server over its stdio JSON-RPC stream for a given time and
send a mix of cheap, expensive, hostile and cancelled requests. Checked: the server never dies,
every request gets exactly one answer (a cancelled one its E-CANCELLED), the thread count stays
bounded, and resident memory at the end is within 10% of its highest level during the first
half of the run (growth past it is a leak; the rise and fall of memory with large results is not). Reported:
requests, p50/p99 latency of cheap calls while expensive ones run, maximum threads, memory.

    python Tests/soak/soak.py --binary .build/debug/ansatz --seconds 3600 --clients 6
"""
import argparse
import asyncio
import itertools
import json
import os
import random
import statistics
import sys
import time

CHEAP = [("parse", {"expression": "x + x"}), ("expand", {"expression": "(x + 1)^3"}),
         ("simplify", {"expression": "sin(x)^2 + cos(x)^2"}), ("differentiate", {"expression": "x^3*y", "variables": ["x"]}),
         ("evaluate", {"expression": "sqrt(x^2 + y^2)", "at": {"x": 3, "y": 4}}),
         ("check_dimensions", {"expression": "E = m*c^2", "units": "E: J, m: kg"})]
EXPENSIVE = [("series", {"expression": "exp(" * 12 + "x" + ")" * 12, "order": 12, "budget_ms": 800}),
             ("expand", {"expression": "(x + y + z + w + 1)^16", "budget_ms": 600}),
             ("evaluate", {"expression": "exp(pi*sqrt(163))", "digits": 20000, "budget_ms": 700}),
             ("parse", {"expression": "sqrt(2.0`4194304)", "budget_ms": 300})]
HOSTILE_CALLS = [("parse", {"expression": "(" * 300 + "x" + ")" * 300}), ("parse", {"expression": "x + * y"}),
                 ("no_such_tool", {}), ("parse", {"expression": 42}), ("evaluate", {"expression": "log(x)", "at": {"x": -2}}),
                 ("expand", {"expression": "(x+y+z)^100000"}), ("evaluate", {"expression": "exp(exp(100))"}),
                 ("substitute", {"expression": "x^2", "at": {"2": "3"}}), ("parse", {"expression": "2^(10^20)"})]
HOSTILE_LINES = ["not json", "[]", "42", '{"jsonrpc":"2.0","id":true,"method":"ping"}', "{" * 300]


class Server:
    def __init__(self, binary):
        self.binary = binary
        self.ids = itertools.count(1)
        self.waiting = {}
        self.answers = {}
        self.unexpected = []

    async def start(self):
        self.proc = await asyncio.create_subprocess_exec(self.binary, "serve", stdin=asyncio.subprocess.PIPE,
                                                         stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
                                                         limit=1 << 26)
        self.reader = asyncio.create_task(self.read())
        await self.request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "soak", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def send(self, message):
        self.proc.stdin.write(((message if isinstance(message, str) else json.dumps(message)) + "\n").encode())

    async def read(self):
        while True:
            line = await self.proc.stdout.readline()
            if not line:
                return
            reply = json.loads(line)
            key = reply.get("id")
            if key in self.waiting:
                self.answers[key] = self.answers.get(key, 0) + 1
                future = self.waiting.pop(key)
                if not future.done():
                    future.set_result(reply)
            elif key is None:
                self.answers[None] = self.answers.get(None, 0) + 1
            else:
                self.unexpected.append(reply)  # a second answer, or an id nobody sent

    async def request(self, method, params):
        key = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.waiting[key] = future
        self.send({"jsonrpc": "2.0", "id": key, "method": method, "params": params})
        return await future

    async def call(self, name, arguments, cancel_after=None):
        key = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.waiting[key] = future
        self.send({"jsonrpc": "2.0", "id": key, "method": "tools/call", "params": {"name": name, "arguments": arguments}})
        if cancel_after is not None:
            await asyncio.sleep(cancel_after)
            self.send({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": key}})
        return await asyncio.wait_for(future, timeout=30)

    def status(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        return int(fields["Threads"]), int(fields["VmRSS"].split()[0])


async def client(server, rng, deadline, stats):
    while time.monotonic() < deadline:
        kind = rng.random()
        start = time.monotonic()
        if kind < 0.55:
            name, arguments = rng.choice(CHEAP)
            reply = await server.call(name, arguments)
            stats["cheap"].append(time.monotonic() - start)
            if not reply["result"]["structuredContent"]["ok"]:
                stats["cheap_failed"].append(reply["result"]["structuredContent"]["error"]["message"][:120])
        elif kind < 0.75:
            name, arguments = rng.choice(EXPENSIVE)
            reply = await server.call(name, arguments)
            assert "result" in reply, reply
        elif kind < 0.85:
            name, arguments = rng.choice(EXPENSIVE)
            reply = await server.call(name, arguments, cancel_after=rng.uniform(0.01, 0.2))
            structured = reply["result"]["structuredContent"]
            stats["cancelled"] += structured.get("error", {}).get("code") == "E-CANCELLED"
        elif kind < 0.95:
            name, arguments = rng.choice(HOSTILE_CALLS)
            reply = await server.call(name, arguments)
            assert "result" in reply or "error" in reply, reply
        else:
            server.send(rng.choice(HOSTILE_LINES))
            stats["lines"] += 1
        stats["requests"] += 1


async def soak(binary, seconds, clients, seed):
    server = Server(binary)
    await server.start()
    stats = {"cheap": [], "cheap_failed": [], "cancelled": 0, "lines": 0, "requests": 0}
    start = time.monotonic()
    deadline = start + seconds
    tasks = [asyncio.create_task(client(server, random.Random(seed + i), deadline, stats)) for i in range(clients)]
    threads_max, rss_samples = 0, []
    while not all(t.done() for t in tasks):
        await asyncio.sleep(0.2)
        threads, rss = server.status()
        threads_max = max(threads_max, threads)
        rss_samples.append((time.monotonic() - start, rss))
        for t in tasks:
            if t.done() and t.exception():
                raise t.exception()
    end_rss = server.status()[1]
    # warm-up: the first half, long enough for the kinds of call to have run side by side (the
    # allocator's and the intern table's high-water mark: a large result's nodes stay until the
    # table's next sweep); a leak shows as growth past that level by the end
    warm_rss = max((r for t, r in rss_samples if t <= seconds * 0.5), default=None)
    server.proc.stdin.close()
    code = await asyncio.wait_for(server.proc.wait(), timeout=60)
    await server.reader
    cheap = sorted(stats["cheap"])
    report = {
        "seconds": seconds, "clients": clients, "requests": stats["requests"], "cancelled": stats["cancelled"],
        "hostile_lines": stats["lines"], "exit_code": code,
        "cheap_p50_ms": round(1000 * statistics.median(cheap), 2) if cheap else None,
        "cheap_p99_ms": round(1000 * cheap[int(0.99 * (len(cheap) - 1))], 2) if cheap else None,
        "threads_max": threads_max, "rss_warm_kb": warm_rss, "rss_end_kb": end_rss, "rss_max_kb": max(r for _, r in rss_samples),
        "unanswered": len(server.waiting), "duplicate_or_unknown_answers": len(server.unexpected),
        "cheap_failed": len(stats["cheap_failed"]), "cheap_failures": stats["cheap_failed"][:3],
    }
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("ANSATZ_BIN", ".build/debug/ansatz"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    report = asyncio.run(soak(args.binary, args.seconds, args.clients, args.seed))
    print(json.dumps(report, indent=2))
    failures = check(report)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    sys.exit(1 if failures else 0)


def check(report, memory_growth=0.10):
    """What the issue asks of a run; `memory_growth` is the allowed growth of resident memory
    past its warm-up level (10%: the issue's criterion)."""
    failures = []
    if report["exit_code"] != 0:
        failures.append(f"server exited {report['exit_code']}")
    if report["unanswered"] or report["duplicate_or_unknown_answers"]:
        failures.append(f"{report['unanswered']} unanswered, {report['duplicate_or_unknown_answers']} extra answers")
    if report["cheap_failed"]:
        failures.append(f"{report['cheap_failed']} cheap calls failed: {report['cheap_failures']}")
    if report["threads_max"] > 96:
        failures.append(f"{report['threads_max']} threads")
    if report["rss_warm_kb"] and report["rss_end_kb"] > (1 + memory_growth) * report["rss_warm_kb"]:
        failures.append(f"resident memory grew from {report['rss_warm_kb']} to {report['rss_end_kb']} kB")
    return failures


if __name__ == "__main__":
    main()
