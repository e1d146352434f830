import Foundation
import XCTest

/// Runs the real `ansatz` binary: exit codes, streams and crash-freedom can only be checked out of process.
final class CLITests: XCTestCase {
    struct Run {
        var status: Int32
        var signaled: Bool
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("ansatz"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ansatz"),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                              .deletingLastPathComponent().appendingPathComponent(".build/debug/ansatz")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    func run(_ arguments: [String], stdin: String? = nil) throws -> Run { try Self.run(arguments, stdin: stdin) }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ansatz-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err"), input = dir.appendingPathComponent("in")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        FileManager.default.createFile(atPath: input.path, contents: Data((stdin ?? "").utf8))
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = try FileHandle(forReadingFrom: input)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   signaled: process.terminationReason == .uncaughtSignal,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func testTheIssueExamplesPrintCanonicalText() throws {
        let gauss = try run(["parse", "exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)"])
        XCTAssertEqual(gauss.status, 0)
        XCTAssertEqual(gauss.stdout, "sqrt(2)*exp(-theta^2/(2*sigma^2))/(2*sqrt(pi)*sigma)\n")
        let muonWidth = try run(["parse", "\\frac{G_F^2 m_\\mu^5}{192\\pi^3}"])
        XCTAssertEqual(muonWidth.status, 0)
        XCTAssertEqual(muonWidth.stdout, "G_F^2*m_mu^5/(192*pi^3)\n")
    }

    func testMalformedInputGetsACaretAndExitTwo() throws {
        let r = try run(["parse", "x + * y"])
        XCTAssertEqual(r.status, 2)
        XCTAssertFalse(r.signaled)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("error[E-PARSE-MISSING-OPERAND]"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 | x + * y\n  |     ^"), r.stderr)
        XCTAssertTrue(r.stderr.contains("hint:"), r.stderr)
    }

    func testFormatsAndStdin() throws {
        let latex = try run(["print", "sqrt(x^2 + 1)/(2*alpha)", "--format", "latex"])
        XCTAssertEqual(latex.stdout, "\\frac{\\sqrt{x^{2} + 1}}{2 \\alpha}\n")
        let json = try run(["print", "x/2", "--format", "json"])
        XCTAssertEqual(json.stdout, "{\"type\":\"mul\",\"factors\":[{\"type\":\"rational\",\"numerator\":\"1\",\"denominator\":\"2\"},{\"type\":\"symbol\",\"name\":\"x\"}]}\n")
        let piped = try run(["parse", "-"], stdin: "x + x\n")
        XCTAssertEqual(piped.stdout, "2*x\n")
        let leadingMinus = try run(["parse", "-x^2", "--syntax", "plain"])
        XCTAssertEqual(leadingMinus.stdout, "-x^2\n")
        let bad = try run(["print", "x", "--format", "yaml"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertFalse(bad.signaled)
    }

    /// `ansatz check` exits 0 when consistent, 1 with the offending operand under a caret when not,
    /// 2 for bad input; `ansatz convert` takes the target after the quantity.
    func testUnitsCommands() throws {
        let ok = try run(["check", "E = m*c^2 + p*c", "--units", "E: J, m: kg, p: momentum"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.hasPrefix("consistent\n  left: [M L² T⁻²]"), ok.stdout)
        let no = try run(["check", "E = m*c^2 + p", "--units", "E: J, m: kg, p: momentum"])
        XCTAssertEqual(no.status, 1)
        XCTAssertTrue(no.stdout.contains("cannot add m*c^2 [M L² T⁻²] and p [M L T⁻¹]"), no.stdout)
        XCTAssertTrue(no.stdout.contains("1 | E = m*c^2 + p\n  |             ^"), no.stdout)
        let undeclared = try run(["check", "v*t", "--units", "v: m/s"])
        XCTAssertEqual(undeclared.status, 2)
        XCTAssertTrue(undeclared.stderr.contains("E-DIMENSION-UNDECLARED"), undeclared.stderr)
        let natural = try run(["check", "Gamma = G_F^2 m_mu^5/(192 pi^3)", "--natural"])
        XCTAssertEqual(natural.status, 0, natural.stderr)
        XCTAssertTrue(natural.stdout.contains("energy^1"), natural.stdout)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString).txt")
        try "# kinematics\nx: m\nv: m/s\nt: s\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try run(["check", "x = v*t", "--units", "@" + file.path])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)

        let convert = try run(["convert", "1 GeV^-2", "mb", "--natural"])
        XCTAssertEqual(convert.status, 0, convert.stderr)
        XCTAssertTrue(convert.stdout.hasPrefix("1 GeV^-2 = 0.3893793722 mb\n"), convert.stdout)
        XCTAssertTrue(convert.stdout.contains("multiplied by ħ^2 c^2"), convert.stdout)
        let count = try run(["convert", "1.2 fb^-1 * 3.4 pb", ""])
        XCTAssertEqual(count.stdout.split(separator: "\n").first, "1.2 fb^-1 * 3.4 pb = 4080")
        let unknown = try run(["convert", "3 Gev", "J"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'GeV'?"), unknown.stderr)
        let celsius = try run(["convert", "20 °C", "K"])
        XCTAssertEqual(celsius.status, 2)
        XCTAssertTrue(celsius.stderr.contains("E-UNIT-OFFSET"), celsius.stderr)
        let units = try run(["units", "cross_section"])
        XCTAssertTrue(units.stdout.contains("b (+prefixes): barn = 1e-28 m^2"), units.stdout)
        let constants = try run(["constants", "G_F"])
        XCTAssertTrue(constants.stdout.contains("G_F: Fermi coupling constant = 1.1663787e-5 GeV^-2"), constants.stdout)
    }

    /// `ansatz eval` at a point (exact, MPFR, a domain error) and over a CSV (stdin to stdout, the
    /// summary with the NaN count on stderr).
    func testEvalCommands() throws {
        let exact = try run(["eval", "sqrt(x^2 + y^2)", "x=3", "y=4"])
        XCTAssertEqual(exact.stdout, "5\n")
        let digits = try run(["eval", "exp(pi*sqrt(163))", "--digits", "40"])
        XCTAssertEqual(digits.stdout, "262537412640768743.9999999999992500725972\n")
        let units = try run(["eval", "m^2", "--at", "m=173.1 GeV"])
        XCTAssertTrue(units.stdout.hasPrefix("29963.61 GeV^2\n"), units.stdout)
        let domain = try run(["eval", "log(x)", "x=-2"])
        XCTAssertEqual(domain.status, 2)
        XCTAssertTrue(domain.stderr.contains("E-EVAL-DOMAIN"), domain.stderr)
        let batch = try run(["eval", "log(m)*r", "--batch", "-"], stdin: "m,r\n1,2\n-1,1\n2.5,1\n")
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertEqual(batch.stdout, "m,r,value\n1,2,0.0\n-1,1,nan\n2.5,1,\(log(2.5))\n")
        XCTAssertTrue(batch.stderr.contains("evaluated 3 points") && batch.stderr.contains("1 NaN"), batch.stderr)
        let missing = try run(["eval", "x*y", "--batch", "-"], stdin: "x\n1\n")
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("needs a column 'y'"), missing.stderr)
    }

    func testWarningsGoToStderrAndDoNotFail() throws {
        let r = try run(["parse", "2 m"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "2 m\n")
        XCTAssertTrue(r.stderr.contains("warning[W-PARSE-UNIT]"), r.stderr)
    }

    func testHugeAndDeepInputsNeverCrash() throws {
        let deep = 100_000
        let inputs = [
            String(repeating: "(", count: deep) + "x" + String(repeating: ")", count: deep),
            String(repeating: "-", count: deep) + "x",
            Array(repeating: "x", count: deep).joined(separator: "^"),
            String(repeating: "\\frac{1}{", count: deep) + "x" + String(repeating: "}", count: deep),
            String(repeating: "(", count: 5_000_000),
            String(repeating: ")", count: 5_000_000),
        ]
        for input in inputs {
            let r = try run(["parse", "-"], stdin: input)
            XCTAssertFalse(r.signaled, "signal on input starting \(input.prefix(20))")
            XCTAssertEqual(r.status, 2, r.stderr.prefix(300).description)
            XCTAssertTrue(r.stderr.contains("error[E-PARSE-"), r.stderr.prefix(300).description)
        }
    }

    func testTenMegabyteInputParses() throws {
        // 1.25 million terms, 10 MB: a correct answer, not a crash
        let input = Array(repeating: "x + 2*y", count: 1_250_000).joined(separator: " + ")
        XCTAssertGreaterThanOrEqual(input.utf8.count, 10_000_000)
        let r = try run(["parse", "-"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr.prefix(300).description)
        XCTAssertEqual(r.stdout, "1250000*x + 2500000*y\n")
    }

    func testBudgetExhaustionExitsThree() throws {
        let input = Array(repeating: "x", count: 2_000_000).joined(separator: "+")
        let r = try run(["parse", "-", "--budget-ms", "1"], stdin: input)
        XCTAssertEqual(r.status, 3, r.stderr.prefix(300).description)
        XCTAssertTrue(r.stderr.contains("E-BUDGET"))
    }

    func testExamplesFileRuns() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/expressions.txt")
        let r = try run(["print", "--file", examples.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("text:"))
    }
}

extension CLITests {
    func testEveryToolArgumentIsAFlag() throws {
        let tools = try run(["tools", "--json"])
        XCTAssertEqual(tools.status, 0)
        let list = try JSONSerialization.jsonObject(with: Data(tools.stdout.utf8)) as? [[String: Any]] ?? []
        XCTAssertFalse(list.isEmpty)
        // the hand-written subcommands over a tool, and the generic `call` for every tool
        let dedicated = ["parse": ["print", "--help"]]
        for tool in list {
            let name = tool["name"] as? String ?? "?"
            let schema = tool["inputSchema"] as? [String: Any]
            let properties = schema?["properties"] as? [String: Any] ?? [:]
            let helps = try ([["call", name, "--help"]] + (dedicated[name].map { [$0] } ?? [])).map { try run($0).stdout }
            for argument in properties.keys where argument != "expression" {
                let flag = "--" + argument.replacingOccurrences(of: "_", with: "-")
                for help in helps { XCTAssertTrue(help.contains(flag), "\(name): no flag \(flag)") }
            }
        }
        // a tool without a subcommand of its own is one on the command line all the same
        let direct = try run(["differentiate", "x^3", "--variables", "x"])
        XCTAssertEqual(direct.stdout, "3*x^2\n", direct.stderr)
    }

    func testUsageErrorsExitTwo() throws {
        let r = try run(["parse", "--syntax", "klingon", "x"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("E-ARGS-VALUE"), r.stderr)
        let unknown = try run(["frobnicate"])
        XCTAssertEqual(unknown.status, 2)
        // an unknown option is refused, not read into the expression (`x --format json` was
        // parsed as x + format*json); a single leading minus is still a sign
        let option = try run(["parse", "x", "--formt", "json"])
        XCTAssertEqual(option.status, 2)
        XCTAssertTrue(option.stderr.contains("unknown option '--formt'"), option.stderr)
        XCTAssertEqual(try run(["parse", "-x^2"]).stdout, "-x^2\n")
        // parse takes --format like every tool
        XCTAssertEqual(try run(["parse", "x^2", "--format", "json"]).stdout,
                       #"{"type":"pow","base":{"type":"symbol","name":"x"},"exponent":{"type":"integer","value":"2"}}"# + "\n")
    }
}

extension CLITests {
    func testCallRunsAnyRegistryToolWithFlagsFromItsArguments() throws {
        let plain = try run(["call", "parse", "x + x"])
        XCTAssertEqual(plain.stdout, "2*x\n")
        let json = try run(["call", "parse", "sqrt(p^2)", "--assumptions", "p:positive", "--json"])
        XCTAssertEqual(json.status, 0)
        let structured = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((structured?["value"] as? [String: Any])?["text"] as? String, "p")
        let bad = try run(["call", "parse", "1/2x"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("E-PARSE-AMBIGUOUS"), bad.stderr)
        XCTAssertEqual(try run(["call", "parse", "x", "--no-such-flag"]).status, 2)
        XCTAssertEqual(try run(["call", "no_such_tool", "x"]).status, 2)
        XCTAssertTrue(try run(["call", "parse", "--help"]).stdout.contains("--budget-ms"))
    }
}
