import AnsatzCore
import Foundation

/// A surrogate over a CSV file of points: each input line is written out with the result columns
/// appended, a chunk of rows at a time.
public enum SurrogateCSV {
    public static let chunkRows = 1 << 16

    /// Shortest decimal that reads back as the same double; "nan" and "inf" as C prints them.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Evaluates at every row of `csv`; `emit` receives the output (header first) in pieces.
    /// Returns the rows evaluated, how many are outside the valid range, and how many have no
    /// prediction (NaN: a log-transformed parameter that is not positive).
    public static func evaluate(_ predictor: SurrogatePredictor, csv: String, source: String, names: [String],
                                eventsPerUnit: Double?, threads: Int?, emit: ([UInt8]) throws -> Void) throws -> (Int, Int, Int) {
        let model = predictor.model
        var lines = csv.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let headerLine = lines.first else { throw Diagnostic(.csv, "\(source) is empty", hint: "the first line names the columns, then one point per line") }
        lines.removeFirst()
        func stripped(_ line: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
            line.last == 13 ? line.dropLast() : line
        }
        let header = String(decoding: stripped(headerLine), as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let indices = try model.parameters.map { p -> Int in
            guard let i = header.firstIndex(of: p.name) else {
                throw Diagnostic(.csv, "\(source) has no column '\(p.name)'; its header has: " + header.joined(separator: ", "),
                                 hint: "name the columns after the model's parameters: " + model.parameters.map(\.name).joined(separator: ", "))
            }
            return i
        }
        try emit(Array(stripped(headerLine)) + Array(names.map { "," + $0 }.joined().utf8) + [10])
        var rows = 0, outside = 0, undefined = 0, lineNumber = 1
        var chunk: [Substring.UTF8View.SubSequence] = []
        var columns = model.parameters.map { _ in [Double]() }
        func flush() throws {
            guard !chunk.isEmpty else { return }
            let prediction = try predictor.predict(columns, threads: threads)
            let results = model.resultColumns(prediction, eventsPerUnit: eventsPerUnit)
            var out: [UInt8] = []
            out.reserveCapacity(chunk.count * 96)
            for (i, line) in chunk.enumerated() {
                out.append(contentsOf: line)
                for r in results {
                    out.append(44)
                    out.append(contentsOf: format(r[i]).utf8)
                }
                out.append(10)
            }
            try emit(out)
            rows += chunk.count
            outside += prediction.outside.reduce(0) { $0 + Int($1) }
            undefined += prediction.value.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            chunk.removeAll(keepingCapacity: true)
            for k in columns.indices { columns[k].removeAll(keepingCapacity: true) }
        }
        for raw in lines {
            lineNumber += 1
            let line = stripped(raw)
            if line.isEmpty { continue }
            var fields: [Substring.UTF8View.SubSequence] = []
            fields.reserveCapacity(header.count)
            var start = line.startIndex
            var i = line.startIndex
            while i < line.endIndex {
                if line[i] == 44 { fields.append(line[start..<i]); start = line.index(after: i) }
                i = line.index(after: i)
            }
            fields.append(line[start..<line.endIndex])
            for (k, index) in indices.enumerated() {
                guard index < fields.count, let v = Double(String(decoding: fields[index], as: UTF8.self).trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw Diagnostic(.csv, "line \(lineNumber) of \(source): \(model.parameters[k].name) is not a finite number",
                                     hint: "every point needs a number in each parameter's column")
                }
                columns[k].append(v)
            }
            chunk.append(line)
            if chunk.count == chunkRows { try flush() }
        }
        try flush()
        return (rows, outside, undefined)
    }
}
