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
            throw Diagnostic(.csv, "the input is empty", hint: "the first line names the columns: m,r")
        }
        let header = fields(headerLine).map { String(decoding: $0, as: UTF8.self).trimmingBlanks.trimmingQuotes }
        var columnOf: [Int] = []
        for name in evaluator.program.inputs {
            guard let i = header.firstIndex(of: name) else {
                throw Diagnostic(.csv, "the expression needs a column '\(name)'; the header has: " + header.joined(separator: ", "),
                                 hint: "name the columns after the symbols in the first line")
            }
            columnOf.append(i)
        }
        try writer.write(trimmedLine(headerLine) + Array(names.map { "," + $0 }.joined().utf8) + [10])
        var summary = Summary()
        var lineNumber = 1
        let k = evaluator.program.inputs.count, outputs = names.count
        let columns = (0..<max(k, 1)).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: chunkRows) }
        let results = (0..<outputs).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: chunkRows) }
        defer {
            columns.forEach { $0.deallocate() }
            results.forEach { $0.deallocate() }
        }
        // whole buffers of complete lines, parsed in place: no copy of a line, no string per field
        while var block = try reader.nextLines() {
            block.append(0)  // strtod stops at the terminator after the last field
            try block.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                let end = bytes.count - 1
                var position = 0
                while position < end {
                    var lines: [Range<Int>] = []
                    lines.reserveCapacity(min(chunkRows, 4096))
                    while lines.count < chunkRows, position < end {
                        var stop = position
                        while stop < end, base[stop] != 10 { stop += 1 }
                        var line = position..<stop
                        position = stop + 1
                        lineNumber += 1
                        if line.upperBound > line.lowerBound, base[line.upperBound - 1] == 13 { line = line.lowerBound..<(line.upperBound - 1) }
                        if line.isEmpty { continue }
                        try parse(base, line, columnOf: columnOf, header: header, row: lines.count, into: columns, lineNumber: lineNumber)
                        lines.append(line)
                    }
                    guard !lines.isEmpty else { continue }
                    evaluator.run(inputs: columns.prefix(k).map { UnsafePointer($0) }, outputs: results, count: lines.count, threads: threads)
                    var out: [UInt8] = []
                    out.reserveCapacity(lines.count * (lines[0].count + 24 * outputs))
                    for (i, line) in lines.enumerated() {
                        out.append(contentsOf: UnsafeBufferPointer(start: base + line.lowerBound, count: line.count))
                        for r in results {
                            let v = r[i]
                            out.append(44)
                            if v.isNaN {
                                summary.nan += 1
                                out.append(contentsOf: "nan".utf8)
                            } else if v.isInfinite {
                                summary.infinite += 1
                                out.append(contentsOf: (v < 0 ? "-inf" : "inf").utf8)
                            } else {
                                out.append(contentsOf: v.description.utf8)
                            }
                        }
                        out.append(10)
                    }
                    try writer.write(out)
                    summary.rows += lines.count
                }
            }
        }
        try writer.flush()
        let d = ContinuousClock.now - start
        summary.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return summary
    }

    /// The needed fields of one line, with strtod where they stand; a field that is not wholly a
    /// number (spaces around are fine; nan and inf are numbers) is an error naming line and column.
    static func parse(_ base: UnsafePointer<UInt8>, _ line: Range<Int>, columnOf: [Int], header: [String], row: Int,
                      into columns: [UnsafeMutablePointer<Double>], lineNumber: Int) throws {
        // the fields' starts, up to the last column needed
        let needed = columnOf.max() ?? -1
        var starts = [line.lowerBound]
        var i = line.lowerBound
        while i < line.upperBound, starts.count <= needed {
            if base[i] == 44 { starts.append(i + 1) }
            i += 1
        }
        for (j, column) in columnOf.enumerated() {
            guard column < starts.count else {
                throw Diagnostic(.csv, "line \(lineNumber) has no column '\(header[column])'", hint: "every row needs as many fields as the header")
            }
            let fieldStart = starts[column]
            var fieldEnd = fieldStart
            while fieldEnd < line.upperBound, base[fieldEnd] != 44 { fieldEnd += 1 }
            var parsedEnd: UnsafeMutablePointer<CChar>?
            let pointer = UnsafeRawPointer(base + fieldStart).assumingMemoryBound(to: CChar.self)
            let v = strtod(pointer, &parsedEnd)
            var after = parsedEnd.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? fieldStart
            while after < fieldEnd, base[after] == 32 || base[after] == 9 { after += 1 }
            guard after == fieldEnd, parsedEnd.map({ UnsafeRawPointer($0) }) != UnsafeRawPointer(pointer) else {
                let text = String(decoding: UnsafeBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart), as: UTF8.self)
                throw Diagnostic(.csv, "line \(lineNumber), column '\(header[column])': '\(text.prefix(40))' is not a number",
                                 hint: "every row needs a number in each column the expression uses (nan and inf are numbers)")
            }
            columns[j][row] = v
        }
    }

    /// A line without its carriage return.
    static func trimmedLine(_ line: [UInt8]) -> [UInt8] { line.last == 13 ? Array(line.dropLast()) : line }

    /// The comma-separated fields of a line (no quoting inside numeric CSVs).
    static func fields(_ line: [UInt8]) -> [ArraySlice<UInt8>] {
        line.split(separator: 44, omittingEmptySubsequences: false)
    }

    /// Lines from a file descriptor, read a megabyte at a time.
    struct LineReader {
        let fd: Int32
        var buffer: [UInt8] = []
        var position = 0
        var atEnd = false

        init(fd: Int32) { self.fd = fd }

        /// Every complete line in the buffer (refilled as needed), as one array ending at a line end
        /// (or at the end of the input); nil at the end.
        mutating func nextLines() throws -> [UInt8]? { try take(throughLastLineEnd: true) }

        /// One line, without its line end; nil at the end.
        mutating func next() throws -> [UInt8]? { try take(throughLastLineEnd: false) }

        mutating func take(throughLastLineEnd all: Bool) throws -> [UInt8]? {
            while true {
                let pending = buffer[position...]
                if let newline = all ? pending.lastIndex(of: 10) : pending.firstIndex(of: 10) {
                    defer { position = newline + 1 }
                    return Array(buffer[position..<(all ? newline + 1 : newline)])
                }
                if atEnd {
                    guard position < buffer.count else { return nil }
                    defer { position = buffer.count }
                    return Array(buffer[position...])
                }
                try fill()
            }
        }

        mutating func fill() throws {
            buffer.removeFirst(position)
            position = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 22)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw Diagnostic(.csv, "cannot read the input (errno \(errno))") }
            if n == 0 { atEnd = true } else { buffer += chunk.prefix(n) }
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
                if n <= 0 { throw Diagnostic(.csv, "cannot write the output (errno \(errno))") }
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
