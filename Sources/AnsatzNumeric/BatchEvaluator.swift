import Foundation
import AnsatzCore
import CMathVec
import Dispatch

/// Runs a `BatchProgram` over columns of `Double`s: blocks of `blockSize` points, one
/// instruction at a time over the whole block (the dispatch cost is paid once per block, and each
/// instruction is a loop the C compiler vectorizes or a libmvec call), blocks shared among threads.
public struct BatchEvaluator: Sendable {
    public let program: BatchProgram
    /// Points per block: 512 doubles per register keeps a typical program's live registers in L1/L2.
    public var blockSize = 512

    public init(_ program: BatchProgram) { self.program = program }

    /// Whether the vectorized libmvec functions (AVX2) are in use on this machine.
    public static var usesVectorFunctions: Bool { ans_mathvec_avx2() != 0 }

    /// The machine's cores, the default parallelism.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Evaluates at `count` points: `inputs[j]` holds `count` values of `program.inputs[j]`;
    /// `outputs[k]` receives `count` values of expression k. Below 4 blocks per thread, fewer threads.
    /// With a `budget`, each thread stops between blocks once it is spent (the special functions
    /// cost up to a millisecond a point): false when the outputs are incomplete.
    @discardableResult
    public func run(inputs: [UnsafePointer<Double>], outputs: [UnsafeMutablePointer<Double>], count: Int, threads: Int? = nil,
                    budget: Budget? = nil) -> Bool {
        guard count > 0 else { return true }
        let blocks = (count + blockSize - 1) / blockSize
        let workers = max(1, min(threads ?? Self.cores, blocks / 4 == 0 ? 1 : blocks / 4))
        let inputAddresses = inputs.map { UInt(bitPattern: $0) }
        let outputAddresses = outputs.map { UInt(bitPattern: $0) }
        if workers == 1 {
            work(range: 0..<blocks, count: count, inputs: inputAddresses, outputs: outputAddresses, budget: budget)
            return !(budget?.isExhausted ?? false)
        }
        // contiguous shares of blocks, as even as integers allow: each thread streams through its
        // own part of the columns. (Rounding the share up left the last threads an empty or
        // inverted range: 29 blocks over 7 threads gave thread 6 the range 30..<29, a trap.)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let range = Self.share(of: blocks, part: w, of: workers)
            if !range.isEmpty { work(range: range, count: count, inputs: inputAddresses, outputs: outputAddresses, budget: budget) }
        }
        return !(budget?.isExhausted ?? false)
    }

    /// Part `part` of `0..<blocks` cut into `parts` contiguous ranges whose sizes differ by at most
    /// one; the ranges cover every block once, in order, and none is inverted.
    static func share(of blocks: Int, part: Int, of parts: Int) -> Range<Int> {
        let lower = blocks / parts * part + min(part, blocks % parts)
        let upper = blocks / parts * (part + 1) + min(part + 1, blocks % parts)
        return lower..<upper
    }

    /// Convenience for arrays: one result array per expression; with a budget, E-BUDGET when it
    /// runs out before the last block.
    public func run(columns: [[Double]], threads: Int? = nil, budget: Budget) throws -> [[Double]] {
        let results = run(columns: columns, threads: threads, stoppingAt: budget)
        try budget.spend(1, doing: "evaluating the points")  // throws E-BUDGET once it is spent
        return results
    }

    /// Convenience for arrays: one result array per expression.
    public func run(columns: [[Double]], threads: Int? = nil) -> [[Double]] { run(columns: columns, threads: threads, stoppingAt: nil) }

    func run(columns: [[Double]], threads: Int?, stoppingAt budget: Budget?) -> [[Double]] {
        let count = columns.first?.count ?? 0
        var results = [[Double]](repeating: [Double](repeating: 0, count: count), count: program.outputRegisters.count)
        let inputPointers = columns.map { column -> UnsafeMutablePointer<Double> in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            column.withUnsafeBufferPointer { if let base = $0.baseAddress { p.initialize(from: base, count: count) } }
            return p
        }
        let outputPointers = results.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1)) }
        defer {
            inputPointers.forEach { $0.deallocate() }
            outputPointers.forEach { $0.deallocate() }
        }
        run(inputs: inputPointers.map { UnsafePointer($0) }, outputs: outputPointers, count: count, threads: threads, budget: budget)
        for k in results.indices {
            results[k] = Array(UnsafeBufferPointer(start: outputPointers[k], count: count))
        }
        return results
    }

    /// One thread's part: its own registers, constants written once, then block after block.
    func work(range: Range<Int>, count: Int, inputs: [UInt], outputs: [UInt], budget: Budget? = nil) {
        let registers = UnsafeMutablePointer<Double>.allocate(capacity: program.registerCount * blockSize)
        defer { registers.deallocate() }
        let table = UnsafeMutablePointer<UnsafeMutablePointer<Double>?>.allocate(capacity: program.registerCount)
        defer { table.deallocate() }
        for r in 0..<program.registerCount { table[r] = registers + r * blockSize }
        program.constants.withUnsafeBufferPointer { constants in
            ans_run_block(constants.baseAddress, constants.count, table, blockSize)
        }
        program.body.withUnsafeBufferPointer { body in
            for block in range {
                if let budget, budget.isExhausted { return }
                let start = block * blockSize
                let n = min(blockSize, count - start)
                // inputs are read in place: their registers point into the columns
                for (j, register) in program.inputRegisters.enumerated() {
                    table[register] = UnsafeMutablePointer<Double>(bitPattern: inputs[j]).map { $0 + start }
                }
                ans_run_block(body.baseAddress, body.count, table, n)
                for (k, register) in program.outputRegisters.enumerated() {
                    guard let destination = UnsafeMutablePointer<Double>(bitPattern: outputs[k]), let source = table[register] else { continue }
                    (destination + start).update(from: source, count: n)
                }
            }
        }
    }
}
