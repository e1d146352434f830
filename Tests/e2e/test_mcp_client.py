"""End-to-end: the official Python MCP client drives `ansatz serve` over stdio."""
import asyncio

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def session_run(binary, body):
    async def main():
        params = StdioServerParameters(command=binary, args=["serve"])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                return await body(session, init)

    return asyncio.run(main())


def test_initialize_and_list_tools(binary, registry):
    async def body(session, init):
        assert init.serverInfo.name == "ansatz"
        assert init.capabilities.tools is not None
        listed = await session.list_tools()
        return init.protocolVersion, {t.name: t for t in listed.tools}

    version, tools = session_run(binary, body)
    assert version == "2025-11-25"
    assert set(tools) == {t["name"] for t in registry}
    for entry in registry:
        tool = tools[entry["name"]]
        assert tool.description and "Example" in tool.description
        assert tool.inputSchema["type"] == "object"
        assert set(tool.inputSchema["properties"]) == set(entry["inputSchema"]["properties"])
        assert tool.outputSchema["type"] == "object"


def test_every_tool_with_its_valid_and_invalid_examples(binary, registry):
    async def body(session, _):
        outcomes = []
        for entry in registry:
            for example in entry["examples"]:
                result = await session.call_tool(entry["name"], example["arguments"])
                outcomes.append((entry["name"], example, result))
        return outcomes

    outcomes = session_run(binary, body)
    assert any(example["error"] is None for _, example, _ in outcomes)
    assert any(example["error"] is not None for _, example, _ in outcomes)
    for name, example, result in outcomes:
        structured = result.structuredContent
        assert structured["elapsed_ms"] >= 0, name
        assert result.content and result.content[0].type == "text"
        if example["error"] is None:
            assert not result.isError, (name, example, result.content[0].text)
            assert structured["ok"] is True and structured["stop_reason"] == "completed"
        else:
            assert result.isError, (name, example)
            assert structured["ok"] is False
            assert structured["error"]["code"] == example["error"], (name, example, structured["error"])
            assert structured["error"]["message"] and structured["error"].get("hint")


def test_parse_gives_text_latex_and_ast(binary):
    async def body(session, _):
        return await session.call_tool("parse", {"expression": "\\frac{G_F^2 m_\\mu^5}{192\\pi^3}"})

    result = session_run(binary, body)
    value = result.structuredContent["value"]
    assert value["text"] == "G_F^2*m_mu^5/(192*pi^3)"
    assert value["latex"] == "\\frac{G_{F}^{2} m_{\\mu}^{5}}{192 \\pi^{3}}"
    assert value["ast"]["type"] == "mul"
    assert result.content[0].text == "G_F^2*m_mu^5/(192*pi^3)\nlatex: \\frac{G_{F}^{2} m_{\\mu}^{5}}{192 \\pi^{3}}"


def test_errors_say_where_and_how_to_fix(binary):
    async def body(session, _):
        return await session.call_tool("parse", {"expression": "1/2x"})

    result = session_run(binary, body)
    assert result.isError
    error = result.structuredContent["error"]
    assert error["code"] == "E-PARSE-AMBIGUOUS"
    assert error["argument"] == "expression"
    assert error["span"]["start"] == 1
    assert "1/(2*x)" in error["hint"]
    assert "^" in result.content[0].text  # the caret rendering


def test_concurrent_calls_each_get_their_own_answer(binary):
    async def body(session, _):
        calls = [session.call_tool("parse", {"expression": f"x + x + {i}"}) for i in range(60)]
        return await asyncio.gather(*calls)

    results = session_run(binary, body)
    for i, result in enumerate(results):
        expected = "2*x" if i == 0 else f"2*x + {i}"
        assert result.structuredContent["value"]["text"] == expected
