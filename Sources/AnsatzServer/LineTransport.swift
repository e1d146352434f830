import AnsatzCore
import AnsatzParse
import AnsatzTools
import Dispatch
import Foundation
import Logging
import MCP

#if canImport(Glibc)
import Glibc
#endif

/// MCP over stdio, one JSON-RPC message per line.
///
/// Why not the SDK's `StdioTransport`: it polls standard input every 10 ms (so a call waits up to
/// 10 ms for nothing) and can drop replies still in flight when input ends. Here a thread blocks
/// in `read(2)` and hands each line over at once; writes go through `write(2)`, one message per
/// call; and the transport counts requests in and responses out, so that `drain()` can wait, at
/// end of input, until every request received has been answered.
public actor LineTransport: Transport {
    public nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let messages: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private let ledger = Ledger()
    private var started = false
    /// Takes some requests from the SDK (see `ToolServer.fastAnswer`), answering them through the
    /// closure it is given; false means "pass it on".
    public typealias FastPath = @Sendable (JSONValue, @escaping @Sendable (JSONValue) -> Void) -> Bool
    private let fastPath: FastPath?

    public init(input: Int32 = 0, output: Int32 = 1, logger: Logger,
                fastPath: FastPath? = nil) {
        self.input = input
        self.output = output
        self.logger = logger
        self.fastPath = fastPath
        (messages, continuation) = AsyncThrowingStream<Data, Swift.Error>.makeStream()
    }

    public func connect() async throws {
        guard !started else { return }
        started = true
        let reader = Thread { [input, output, continuation, ledger, logger, fastPath] in
            LineTransport.readLines(from: input, { line in
                // Not JSON (or nested past any sense): answer the parse error here, as JSON-RPC
                // says, with a null id; the SDK would answer it under a made-up id.
                guard let message = try? JSONReader.parse(String(decoding: line, as: UTF8.self), maxDepth: 256) else {
                    logger.notice("unparsable message of \(line.count) bytes")
                    let reply = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: not a JSON-RPC message (or nested deeper than 256)"}}"#
                    try? LineTransport.writeAll(Data((reply + "\n").utf8), to: output)
                    return
                }
                // The envelope, checked here so that every request gets an answer with the right
                // id: the SDK leaves requests with a float, bool, object or array id unanswered,
                // and answers [] or 42 under made-up ids.
                if let problem = LineTransport.envelopeProblem(message) {
                    logger.notice("invalid request: \(problem)")
                    let reply = JSONValue.object([("jsonrpc", .string("2.0")), ("id", .null), ("error", .object([
                        ("code", .int(-32600)), ("message", .string("Invalid Request: " + problem)),
                    ]))])
                    try? LineTransport.writeAll(Data((reply.serialized() + "\n").utf8), to: output)
                    return
                }
                // A cancellation stops the call and answers it (E-CANCELLED), so that every
                // request still gets exactly one answer and the worker is freed.
                if message["method"]?.stringValue == "notifications/cancelled", let id = message["params"]?["requestId"] {
                    CallScheduler.shared.cancel(key: LineTransport.requestKey(id))
                    return
                }
                ledger.received(message)
                // Tool calls never run here: the scheduler runs them and answers each by its
                // deadline, so a slow call cannot hold up reading.
                if let fastPath, ledger.initialized, message["method"]?.stringValue == "tools/call", message["id"] != nil {
                    let taken = fastPath(message) { reply in
                        try? LineTransport.writeAll(Data((reply.serialized() + "\n").utf8), to: output)
                        ledger.sent(reply)
                    }
                    if taken { return }
                }
                if message["method"]?.stringValue == "initialize" { ledger.markInitialized() }
                continuation.yield(line)
            }, tooLong: { bytes in
                logger.notice("message of \(bytes) bytes skipped")
                let reply = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request: a message line over "# + "\(LineTransport.maxLineBytes >> 20)" + #" MiB was skipped"}}"#
                try? LineTransport.writeAll(Data((reply + "\n").utf8), to: output)
            })
            logger.debug("end of input")
            continuation.finish()
        }
        reader.stackSize = 1 << 20
        reader.start()
    }

    public func disconnect() async {
        continuation.finish()
    }

    public func send(_ data: Data) async throws {
        var message = data
        if message.last != UInt8(ascii: "\n") { message.append(UInt8(ascii: "\n")) }
        try LineTransport.writeAll(message, to: output)
        if let sent = try? JSONReader.parse(String(decoding: data, as: UTF8.self), maxDepth: 256) { ledger.sent(sent) }
    }

    public func receive() -> AsyncThrowingStream<Data, Swift.Error> { messages }

    /// Waits until every request received has been answered (or `timeout` passes).
    public func drain(timeout: Duration = .seconds(60)) async {
        let deadline = ContinuousClock.now + timeout
        while !ledger.allAnswered && !LineTransport.outputClosed.isSet && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Why a message is not a JSON-RPC message this server can answer (nil: it is one). MCP
    /// 2025-11-25: one object per message (no batches); a request's id is a string or an integer,
    /// never null.
    package static func envelopeProblem(_ message: JSONValue) -> String? {
        guard case let .object(pairs) = message else {
            return message.arrayValue != nil ? "batches are not part of MCP; send one object per line" : "a message is a JSON object"
        }
        guard pairs.contains(where: { $0.0 == "method" }) else { return nil }  // a response to us
        guard let id = message["id"] else { return nil }  // a notification
        switch id {
        case .string, .int: return nil
        case let .double(d) where d == d.rounded() && abs(d) < 9e15: return nil
        case .null: return "the id must not be null"
        default: return "the id must be a string or an integer"
        }
    }

    /// The key of a request id for cancellation: 1 and 1.0 are one id.
    package static func requestKey(_ id: JSONValue) -> String {
        if case let .double(d) = id, d == d.rounded(), abs(d) < 9e15 { return String(Int(d)) }
        return id.serialized()
    }

    /// Longest message line read: the 64 MiB input limit plus room for JSON escapes.
    public static let maxLineBytes = 80 << 20

    /// Blocking line reader: calls `handle` with each non-blank line (without its newline), and
    /// `tooLong` (with the bytes seen) instead for a line over `maxLine` bytes, whose rest it skips.
    /// Each byte is looked at once: a long line arriving in many reads costs its length, not its
    /// length squared (an 8 MB line took 34 s when every read rescanned the pending bytes).
    package static func readLines(from fd: Int32, maxLine: Int = maxLineBytes, _ handle: (Data) -> Void, tooLong: (Int) -> Void) {
        var pending = Data()
        var skipped = -1  // >= 0 while skipping the rest of an over-long line: bytes dropped so far
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        func isBlank<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
            bytes.allSatisfy { $0 == 32 || $0 == 13 || $0 == 9 || $0 == 10 }
        }
        func take(_ piece: ArraySlice<UInt8>, endsLine: Bool) {
            if skipped >= 0 {
                skipped += piece.count
            } else if pending.count + piece.count > maxLine {
                skipped = pending.count + piece.count
                pending = Data()
            } else {
                pending.append(contentsOf: piece)
            }
            guard endsLine else { return }
            if skipped >= 0 {
                tooLong(skipped)
                skipped = -1
            } else if !isBlank(pending) {
                handle(pending)
            }
            pending = Data()
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var start = 0
            while let newline = chunk[start..<n].firstIndex(of: UInt8(ascii: "\n")) {
                take(chunk[start..<newline], endsLine: true)
                start = newline + 1
            }
            take(chunk[start..<n], endsLine: false)
        }
        if skipped >= 0 { tooLong(skipped) } else if !isBlank(pending) { handle(pending) }
    }

    /// One message at a time on the output, whichever thread writes it.
    static let writeLock = NSLock()
    /// Set when a write finds the output closed.
    static let outputClosed = Flag()

    static func writeAll(_ data: Data, to fd: Int32) throws {
        writeLock.lock()
        defer { writeLock.unlock() }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var base = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let n = write(fd, base, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { outputClosed.set() }  // the client is gone: nobody left to answer
                    throw MCPError.transportError(NSError(domain: "ansatz.stdio", code: Int(errno)))
                }
                left -= n
                base += n
            }
        }
    }
}

/// Requests in, responses out. Thread-safe: the reader thread and the writer both record here.
final class Ledger: @unchecked Sendable {
    private let lock = NSLock()
    private var requests = 0
    private var responses = 0

    func received(_ message: JSONValue) {
        let n = Ledger.count(message, requests: true)
        lock.lock(); requests += n; lock.unlock()
    }

    func sent(_ message: JSONValue) {
        let n = Ledger.count(message, requests: false)
        lock.lock(); responses += n; lock.unlock()
    }

    private var initializeSeen = false
    func markInitialized() { lock.lock(); initializeSeen = true; lock.unlock() }
    /// An `initialize` request has come in (tool calls before it go to the SDK, which refuses them).
    var initialized: Bool { lock.lock(); defer { lock.unlock() }; return initializeSeen }

    var allAnswered: Bool {
        lock.lock(); defer { lock.unlock() }
        return responses >= requests
    }

    /// Requests (an `id` and a `method`) or responses (an `id`, no `method`) in one message or batch.
    static func count(_ value: JSONValue, requests: Bool) -> Int {
        func isOne(_ v: JSONValue) -> Bool {
            guard let id = v["id"], id != .null else { return false }
            return (v["method"] != nil) == requests
        }
        if let items = value.arrayValue { return items.filter(isOne).count }
        return isOne(value) ? 1 : 0
    }
}

/// A thread-safe one-way switch.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
