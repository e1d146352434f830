"""Issue 11, tool surface: the tool list an agent pays for in context stays under 32 KB (25 KB
until issue 15 added the calculus tools: limit, integrate, solve and matrix, about 1.3 KB each), the
shared conventions come once as the server's instructions, and `serve --tools` offers subsets."""
import json
import subprocess

INIT = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e", "version": "1"}}}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}
LIST = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}


def session(binary, *extra, calls=()):
    lines = [INIT, INITIALIZED, LIST, *calls]
    payload = "".join(json.dumps(m) + "\n" for m in lines)
    done = subprocess.run([binary, "serve", *extra], input=payload, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    raw = {}
    for line in done.stdout.splitlines():
        message = json.loads(line)
        raw[message.get("id")] = (len(line.encode()), message)
    return raw


def test_the_whole_tool_list_is_under_32_kb_and_instructions_say_the_rest(binary):
    replies = session(binary)
    size, listing = replies[1]
    tools = listing["result"]["tools"]
    assert len(tools) >= 16
    assert size < 32 * 1024, f"tools/list is {size} bytes"
    instructions = replies[0][1]["result"]["instructions"]
    for phrase in ["plain syntax", "LaTeX", "assume", "budget_ms", "stop_reason", "exp(1)", "sin cos tan"]:
        assert phrase in instructions, phrase
    for tool in tools:
        assert tool["inputSchema"]["type"] == "object" and tool["description"]
        assert "expression" not in tool["inputSchema"]["properties"] or tool["inputSchema"]["properties"]["expression"]["type"] == "string"


def test_profiles_offer_subsets_and_refuse_the_rest(binary):
    call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": {"name": "expand", "arguments": {"expression": "(x + 1)^2"}}}
    algebra = session(binary, "--tools", "algebra", calls=[call])
    names = {t["name"] for t in algebra[1][1]["result"]["tools"]}
    assert {"expand", "differentiate", "series"} <= names and "evaluate" not in names
    assert algebra[2][1]["result"]["structuredContent"]["value"]["text"] == "x^2 + 2*x + 1"
    units = session(binary, "--tools", "units,expand", calls=[call])
    names = {t["name"] for t in units[1][1]["result"]["tools"]}
    assert {"check_dimensions", "convert_units", "expand"} <= names and "series" not in names
    numeric = session(binary, "--tools", "numeric", calls=[call])
    assert numeric[2][1]["error"]["code"] == -32602 and "expand" in numeric[2][1]["error"]["message"]
    bad = subprocess.run([binary, "serve", "--tools", "nonsense"], input="", capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "profiles" in bad.stderr
