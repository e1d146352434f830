import AnsatzCore
import Foundation

/// `ansatz eval EXPR --batch points.csv`: reads a CSV whose header names the symbols, evaluates
/// the compiled expressions chunk by chunk (so a 10 GB file needs a chunk's memory, not 10 GB),
/// and writes each input line with the result columns appended.
public enum CSVBatch {
    public struct Summary: Sendable {
        public var rows = 0
        public var nan = 0
        public var infinite = 0
        public var seconds = 0.0
    }

    /// Rows evaluated together: large enough to use every core, small enough to stay in memory.
    public static let chunkRows = 1 << 16

    /// Streams `input` to `output` (file descriptors); `names` are the result columns' headers.
    public static func run(_ evaluator: BatchEvaluator, names: [String], input: Int32, output: Int32,
                           threads: Int? = nil) throws -> Summary {
        let start = ContinuousClock.now
        var reader = LineReader(fd: input)
        var writer = Writer(fd: output)
        guard let headerLine = try reader.next() else {
            throw Diagnostic("E-CSV", "the input is empty", hint: "the first line names the columns: m,r")
        }
        let header = fields(headerLine).map { String(decoding: $0, as: UTF8.self).trimmingBlanks.trimmingQuotes }
        var columnOf: [Int] = []
        for name in evaluator.program.inputs {
            guard let i = header.firstIndex(of: name) else {
                throw Diagnostic("E-CSV", "the expression needs a column '\(name)'; the header has: " + header.joined(separator: ", "),
                                 hint: "name the columns after the symbols in the first line")
            }
            columnOf.append(i)
        }
        try writer.write(trimmedLine(headerLine) + Array(names.map { "," + $0 }.joined().utf8) + [10])
        var summary = Summary()
        var lineNumber = 1
        var done = false
        let k = evaluator.program.inputs.count, outputs = names.count
        let columns = (0..<max(k, 1)).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: chunkRows) }
        let results = (0..<outputs).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: chunkRows) }
        defer {
            columns.forEach { $0.deallocate() }
            results.forEach { $0.deallocate() }
        }
        while !done {
            var lines: [[UInt8]] = []
            lines.reserveCapacity(chunkRows)
            while lines.count < chunkRows {
                guard let line = try reader.next() else { done = true; break }
                lineNumber += 1
                let trimmed = trimmedLine(line)
                if trimmed.isEmpty { continue }
                let cells = fields(trimmed)
                for (j, column) in columnOf.enumerated() {
                    guard column < cells.count, let v = number(cells[column]) else {
                        let text = column < cells.count ? String(decoding: cells[column], as: UTF8.self) : ""
                        throw Diagnostic("E-CSV", "line \(lineNumber), column '\(header[column])': '\(text.prefix(40))' is not a number",
                                         hint: "every row needs a number in each column the expression uses (nan and inf are numbers)")
                    }
                    columns[j][lines.count] = v
                }
                lines.append(trimmed)
            }
            guard !lines.isEmpty else { continue }
            evaluator.run(inputs: columns.prefix(k).map { UnsafePointer($0) }, outputs: results, count: lines.count, threads: threads)
            var out: [UInt8] = []
            out.reserveCapacity(lines.count * (lines[0].count + 24 * outputs))
            for (i, line) in lines.enumerated() {
                out += line
                for r in results {
                    let v = r[i]
                    if v.isNaN { summary.nan += 1 } else if v.isInfinite { summary.infinite += 1 }
                    out.append(44)
                    out += Array((v.isNaN ? "nan" : v.isInfinite ? (v < 0 ? "-inf" : "inf") : v.description).utf8)
                }
                out.append(10)
            }
            try writer.write(out)
            summary.rows += lines.count
        }
        try writer.flush()
        let d = ContinuousClock.now - start
        summary.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return summary
    }

    /// A line without its carriage return.
    static func trimmedLine(_ line: [UInt8]) -> [UInt8] { line.last == 13 ? Array(line.dropLast()) : line }

    /// The comma-separated fields of a line (no quoting inside numeric CSVs).
    static func fields(_ line: [UInt8]) -> [ArraySlice<UInt8>] {
        line.split(separator: 44, omittingEmptySubsequences: false)
    }

    /// A field as a double: decimal or scientific notation, nan, inf; spaces around are fine.
    static func number(_ field: ArraySlice<UInt8>) -> Double? {
        let text = String(decoding: field, as: UTF8.self).trimmingBlanks
        guard !text.isEmpty else { return nil }
        return Double(text)
    }

    /// Lines from a file descriptor, read a megabyte at a time.
    struct LineReader {
        let fd: Int32
        var buffer: [UInt8] = []
        var position = 0
        var atEnd = false

        init(fd: Int32) { self.fd = fd }

        mutating func next() throws -> [UInt8]? {
            while true {
                if let newline = buffer[position...].firstIndex(of: 10) {
                    let line = Array(buffer[position..<newline])
                    position = newline + 1
                    return line
                }
                if atEnd {
                    guard position < buffer.count else { return nil }
                    let line = Array(buffer[position...])
                    position = buffer.count
                    return line
                }
                buffer.removeFirst(position)
                position = 0
                var chunk = [UInt8](repeating: 0, count: 1 << 20)
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 { throw Diagnostic("E-CSV", "cannot read the input (errno \(errno))") }
                if n == 0 { atEnd = true } else { buffer += chunk.prefix(n) }
            }
        }
    }

    /// Output gathered into large writes.
    struct Writer {
        let fd: Int32
        var pending: [UInt8] = []

        init(fd: Int32) { self.fd = fd }

        mutating func write(_ bytes: [UInt8]) throws {
            pending += bytes
            if pending.count >= 1 << 20 { try flush() }
        }

        mutating func flush() throws {
            var offset = 0
            while offset < pending.count {
                let n = pending[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { throw Diagnostic("E-CSV", "cannot write the output (errno \(errno))") }
                offset += n
            }
            pending.removeAll(keepingCapacity: true)
        }
    }
}

extension String {
    /// Without one pair of surrounding double quotes.
    var trimmingQuotes: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
