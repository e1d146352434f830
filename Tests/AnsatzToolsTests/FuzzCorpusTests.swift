import AnsatzFuzzTargets
import Foundation
import XCTest

/// Every input in the checked-in fuzz corpora (Tests/fuzz/corpus/TARGET/), replayed through its
/// target in the ordinary build: the seeds, and every input that ever crashed, hung or ran out of
/// memory under the fuzzer, stay regression tests here (a trap kills this test process).
final class FuzzCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/corpus")

    func testEveryCorpusInputReturns() throws {
        var replayed: [String: Int] = [:]
        for (name, run) in FuzzTargets.all {
            let folder = Self.corpus.appendingPathComponent(name)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            for file in files {
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                run(Array(data))
            }
            replayed[name] = files.count
        }
        // each target has a corpus (an empty or missing folder would make this test pass vacuously)
        for (name, _) in FuzzTargets.all {
            XCTAssertGreaterThan(replayed[name] ?? 0, 5, "corpus of \(name)")
        }
    }

    /// The target names are the folders, the dictionaries and the script's list.
    func testTargetsMatchTheirFiles() throws {
        let names = Set(FuzzTargets.all.map(\.name))
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path))
        XCTAssertEqual(folders, names)
        let dictionaries = Set(try FileManager.default.contentsOfDirectory(atPath: Self.corpus.deletingLastPathComponent().appendingPathComponent("dict").path))
        XCTAssertEqual(dictionaries, Set(names.map { $0 + ".dict" }))
        let script = try String(contentsOf: Self.corpus.deletingLastPathComponent().appendingPathComponent("run.sh"), encoding: .utf8)
        XCTAssertTrue(script.contains("all_targets=(" + FuzzTargets.all.map(\.name).joined(separator: " ") + ")"))
    }
}
