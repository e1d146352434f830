import AnsatzCore
import AnsatzParse
import Foundation

/// ansatz-bench parse FILE [--runs N] [--passes P]
/// Each of N runs parses every line of FILE P times over (long enough to time), and prints:
/// {"tool":"ansatz","expressions":..,"seconds":..,"per_second":..}. Checks that every line parses.
/// ansatz-bench algebra [--runs N] [--only TEXT]: the cases of AlgebraBench.
/// ansatz-bench scaling OP SHAPE N [--runs R]: one operation on n generated terms (ScalingBench).
/// ansatz-bench numeric [N] [RUNS]: the batch evaluator on the surrogate formula (NumericBench).
/// ansatz-bench surrogate fit|predict ...: the Gaussian-process surrogate (SurrogateBench).
let args = CommandLine.arguments
if args.count >= 2, args[1] == "algebra" {
    var runs = 5
    if let i = args.firstIndex(of: "--runs"), i + 1 < args.count, let n = Int(args[i + 1]) { runs = n }
    let only = args.firstIndex(of: "--only").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
    try AlgebraBench.run(runs: runs, only: only)
    exit(0)
}
if args.count >= 2, args[1] == "scaling" {
    try ScalingBench.run(Array(args.dropFirst(2)))
    exit(0)
}
if args.count >= 3, args[1] == "csv" {
    try NumericBench.csv(Array(args.dropFirst(2)))
    exit(0)
}
if args.count >= 2, args[1] == "surrogate" {
    try SurrogateBench.run(Array(args.dropFirst(2)))
    exit(0)
}
if args.count >= 2, args[1] == "numeric" {
    try NumericBench.run(Array(args.dropFirst(2)))
    exit(0)
}
guard args.count >= 3, args[1] == "parse" else {
    FileHandle.standardError.write(Data("usage: ansatz-bench parse FILE [--runs N] | ansatz-bench algebra [--runs N]\n".utf8))
    exit(2)
}
let lines = try String(contentsOfFile: args[2], encoding: .utf8).split(separator: "\n").map(String.init)
var runs = 5
if let i = args.firstIndex(of: "--runs"), i + 1 < args.count, let n = Int(args[i + 1]) { runs = n }
var passes = 5
if let i = args.firstIndex(of: "--passes"), i + 1 < args.count, let n = Int(args[i + 1]) { passes = n }
let options = ParseOptions(syntax: .plain)

// warm-up, and correctness: every expression must parse
var keep: [Expr] = []
for line in lines {
    do { keep.append(try ExpressionParser.parse(line, options: options).expr) } catch {
        FileHandle.standardError.write(Data("failed to parse: \(line)\n\(error)\n".utf8))
        exit(1)
    }
}
for _ in 0..<runs {
    let start = ContinuousClock.now
    var count = 0
    for _ in 0..<passes {
        for line in lines {
            if (try? ExpressionParser.parse(line, options: options)) != nil { count += 1 }
        }
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    print("{\"tool\":\"ansatz\",\"expressions\":\(count),\"seconds\":\(seconds),\"per_second\":\(Double(count) / seconds)}")
}
