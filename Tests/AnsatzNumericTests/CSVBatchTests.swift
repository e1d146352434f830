import Foundation
import XCTest
@testable import AnsatzNumeric
@testable import AnsatzParse

final class CSVBatchTests: XCTestCase {
    /// 150,001 rows cross chunk (65,536 rows) and read-buffer (1 MiB) boundaries; every result is
    /// checked against the formula in Swift, NaNs counted where log meets a negative number.
    func testStreamsAcrossChunksAndCountsNaN() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.csv"), output = dir.appendingPathComponent("out.csv")
        let rows = 150_001
        var text = "id, m ,r\r\n"
        for i in 0..<rows { text += "\(i),\(Double(i % 997) - 10.5),\(Double(i % 13) / 4)\r\n" }
        try text.write(to: input, atomically: true, encoding: .utf8)
        let program = try BatchProgram.compile([try ExpressionParser.parse("log(m)*r + m^2").expr], inputs: ["m", "r"])
        let fin = open(input.path, O_RDONLY), fout = open(output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fin); close(fout) }
        let summary = try CSVBatch.run(BatchEvaluator(program), names: ["f"], input: fin, output: fout)
        XCTAssertEqual(summary.rows, rows)
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, rows + 1)
        XCTAssertEqual(lines[0], "id, m ,r,f")
        var nan = 0
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",")
            let m = Double(cells[1])!, r = Double(cells[2])!, f = Double(cells[3]) ?? .nan
            if m < 0 {
                XCTAssertEqual(cells[3], "nan")
                nan += 1
            } else {
                XCTAssertEqual(f, log(m) * r + m * m, accuracy: 1e-12 * max(1, abs(f)), String(line))
            }
        }
        XCTAssertEqual(summary.nan, nan)
        XCTAssertGreaterThan(nan, 0)
    }
}
