"""Start-up and call latency of MCP servers over stdio.

    python mcp_latency.py [--raw] --starts 10 --calls 1000 -- NAME TOOL ARGS_JSON COMMAND [ARGS...]
Prints one JSON object: start-up (spawn to initialized session) median over --starts, and the
median and 99th percentile of --calls sequential tool calls, in milliseconds.

Default: the official Python client (mcp). It validates every structured result against the
tool's output schema with `jsonschema`, which costs the client milliseconds per call for a server
that declares output schemas. --raw: a minimal client writing JSON-RPC lines and reading the
replies, which times the servers themselves.
"""
import argparse
import asyncio
import json
import statistics
import sys
import time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def start_once(params):
    t0 = time.perf_counter()
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            return (time.perf_counter() - t0) * 1e3


async def calls(params, tool, arguments, n):
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            for _ in range(20):  # warm-up
                await session.call_tool(tool, arguments)
            times = []
            for _ in range(n):
                t0 = time.perf_counter()
                result = await session.call_tool(tool, arguments)
                times.append((time.perf_counter() - t0) * 1e3)
                if result.isError:
                    raise SystemExit(f"{tool} failed: {result.content}")
            return times


class RawClient:
    """JSON-RPC over the server's stdin/stdout, one message per line, nothing else."""

    def __init__(self, command):
        import subprocess

        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0

    def request(self, method, params):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()
        while True:
            reply = json.loads(self.proc.stdout.readline())
            if reply.get("id") == self.next_id:
                return reply

    def initialize(self):
        self.request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                    "clientInfo": {"name": "bench", "version": "1"}})
        self.proc.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
        self.proc.stdin.flush()

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def raw_start_once(command):
    t0 = time.perf_counter()
    client = RawClient(command)
    client.initialize()
    elapsed = (time.perf_counter() - t0) * 1e3
    client.close()
    return elapsed


def raw_calls(command, tool, arguments, n):
    client = RawClient(command)
    client.initialize()
    for _ in range(20):
        client.request("tools/call", {"name": tool, "arguments": arguments})
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        reply = client.request("tools/call", {"name": tool, "arguments": arguments})
        times.append((time.perf_counter() - t0) * 1e3)
        if "error" in reply or reply["result"].get("isError"):
            raise SystemExit(f"{tool} failed: {reply}")
    client.close()
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", action="store_true")
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("name")
    ap.add_argument("tool")
    ap.add_argument("arguments")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    command = [c for c in a.command if c != "--"]
    if a.raw:
        starts = [raw_start_once(command) for _ in range(a.starts)]
        times = sorted(raw_calls(command, a.tool, json.loads(a.arguments), a.calls))
    else:
        params = StdioServerParameters(command=command[0], args=command[1:])
        starts = [asyncio.run(start_once(params)) for _ in range(a.starts)]
        times = sorted(asyncio.run(calls(params, a.tool, json.loads(a.arguments), a.calls)))
    p99 = times[min(len(times) - 1, int(round(0.99 * len(times))) - 1)]
    print(json.dumps({"server": a.name, "client": "raw" if a.raw else "mcp", "startup_ms": statistics.median(starts),
                      "call_median_ms": statistics.median(times), "call_p99_ms": p99, "calls": len(times)}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
