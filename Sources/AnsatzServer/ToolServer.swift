import AnsatzCore
import AnsatzTools
import Dispatch
import Foundation
import Logging
import MCP

/// `ansatz serve`: the registry's tools over MCP on stdin/stdout. Every tool call runs on a
/// dispatch thread under the registry's budget cap, so the server keeps reading and answering
/// while a long call runs; at end of input it answers every request it received, then returns.
public enum ToolServer {
    public static let name = "ansatz"
    public static let version = "0.1.0"

    /// Serves `tools` (all by default; `ansatz serve --tools PROFILE|NAMES` chooses).
    public static func serve(logLevel: Logger.Level = .notice, tools: [AnsatzTools.Tool] = ToolRegistry.tools) async throws {
        let offered = Set(tools.map(\.name))
        var logger = Logger(label: "ansatz.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = logLevel
        let transport = LineTransport(logger: logger, fastPath: { fastAnswer($0, offered: offered, send: $1) })
        let server = await makeServer(logger: logger, tools: tools)
        try await server.start(transport: transport)
        logger.info("serving \(tools.count) tools on stdio")
        await server.waitUntilCompleted()
        await transport.drain()
        logger.info("end of input: every request answered")
    }

    static func makeServer(logger: Logger, tools offered: [AnsatzTools.Tool]) async -> Server {
        let names = Set(offered.map(\.name))
        let server = Server(
            name: name, version: version, title: "Ansatz",
            instructions: ToolRegistry.instructions,
            capabilities: .init(tools: .init(listChanged: false))
        )
        // handlers are in place before the first message is read
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: offered.map { tool in
                Tool(name: tool.name, title: tool.title, description: tool.description,
                     inputSchema: value(tool.compactInputSchema),
                     // read-only and closed-world; the destructive and idempotent hints mean
                     // something only for tools that are not read-only (MCP spec), so they are left out
                     annotations: .init(title: nil, readOnlyHint: true, destructiveHint: nil,
                                        idempotentHint: nil, openWorldHint: false),
                     outputSchema: value(tool.compactOutputSchema))
            })
        }
        await server.withMethodHandler(CallTool.self) { params in
            guard let tool = ToolRegistry.tool(named: params.name), names.contains(tool.name) else {
                throw MCPError.invalidParams(unknownTool(params.name, offered: names))
            }
            let arguments = JSONValue.object((params.arguments ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
            let response = await run(params.name, arguments)
            logger.debug("tools/call \(params.name): \(response.isError ? "error" : "ok")")
            // `Value?`, not `Value`: the SDK's generic initializer would re-encode and re-decode
            // the whole result, running a regular expression on every string in it.
            let structured: Value? = value(response.structured)
            return CallTool.Result(content: [.text(text: response.contentText, annotations: nil, _meta: nil)],
                                   structuredContent: structured, isError: response.isError)
        }
        return server
    }

    /// The reply to a `tools/call` request, built here rather than by the SDK: swift-sdk 0.12.1
    /// decodes every JSON value through `Value`, which builds a regular expression for each string
    /// it meets (Data+Extensions.swift) and round-trips each result through JSON; that cost about
    /// 2 ms a call. The SDK still does the lifecycle, version negotiation, listing and errors for
    /// other methods. Nil passes the request on to the SDK.
    /// Takes the request if it can (returns false to pass it on): an unknown tool is answered at
    /// once, a call goes to the scheduler, which answers through `send` by the call's deadline.
    static func fastAnswer(_ request: JSONValue, offered: Set<String>, send: @escaping @Sendable (JSONValue) -> Void) -> Bool {
        guard let id = request["id"] else { return false }
        guard case .object? = request["params"], let name = request["params"]?["name"]?.stringValue else {
            send(.object([("jsonrpc", .string("2.0")), ("id", id), ("error", .object([
                ("code", .int(-32602)),
                ("message", .string("Invalid params: tools/call needs params {\"name\": TOOL, \"arguments\": {...}}")),
            ]))]))
            return true
        }
        let params = request["params"] ?? .null
        let arrival = ContinuousClock.now
        guard let tool = ToolRegistry.tool(named: name), offered.contains(tool.name) else {
            send(.object([("jsonrpc", .string("2.0")), ("id", id), ("error", .object([
                ("code", .int(-32602)),
                ("message", .string(unknownTool(name, offered: offered))),
            ]))]))
            return true
        }
        let arguments = params["arguments"] ?? .object([])
        CallScheduler.shared.submit(name, arguments: arguments, arrival: arrival, key: LineTransport.requestKey(id)) { response in
            send(.object([("jsonrpc", .string("2.0")), ("id", id), ("result", .object([
                ("content", .array([.object([("type", .string("text")), ("text", .string(response.contentText))])])),
                ("structuredContent", response.structured),
                ("isError", .bool(response.isError)),
            ]))]))
        }
        return true
    }

    static func unknownTool(_ name: String, offered: Set<String>) -> String {
        "unknown tool '\(name.prefix(60))'; tools: " + ToolRegistry.tools.map(\.name).filter(offered.contains).joined(separator: ", ")
    }

    /// Runs a call through the scheduler, so that other requests are served meanwhile.
    static func run(_ name: String, _ arguments: JSONValue) async -> ToolResponse {
        let arrival = ContinuousClock.now
        return await withCheckedContinuation { continuation in
            CallScheduler.shared.submit(name, arguments: arguments, arrival: arrival) { continuation.resume(returning: $0) }
        }
    }

    static func value(_ j: JSONValue) -> Value {
        switch j {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .int(i): return .int(i)
        case let .double(d): return .double(d)
        case let .string(s): return .string(s)
        case let .array(items): return .array(items.map(value))
        case let .object(pairs):
            var dict: [String: Value] = [:]
            for (k, v) in pairs { dict[k] = value(v) }
            return .object(dict)
        }
    }

    static func json(_ v: Value) -> JSONValue {
        switch v {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .int(i): return .int(i)
        case let .double(d): return .double(d)
        case let .string(s): return .string(s)
        case let .data(_, d): return .string(d.base64EncodedString())
        case let .array(items): return .array(items.map(json))
        case let .object(dict): return .object(dict.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        }
    }
}
