import Synchronization

/// How much work an operation may do: wall time and steps, checked cooperatively in loops. Running
/// out throws a diagnostic with code `E-BUDGET` instead of hanging or being killed by a signal.
public final class Budget: Sendable {
    public let deadline: ContinuousClock.Instant?
    public let maxSteps: Int
    private let steps = Atomic<Int>(0)
    /// Set by `cancel()`: the caller gave up on the answer (its deadline passed, or the client
    /// cancelled the request), so the next `spend` stops the work.
    private let cancelled = Atomic<Bool>(false)

    public init(milliseconds: Int? = nil, maxSteps: Int = Int.max) {
        self.deadline = milliseconds.map { ContinuousClock.now.advanced(by: .milliseconds($0)) }
        self.maxSteps = maxSteps
    }

    /// A budget whose time runs out at `deadline` (counted from a request's arrival, not from the
    /// start of its work).
    public init(deadline: ContinuousClock.Instant?, maxSteps: Int = Int.max) {
        self.deadline = deadline
        self.maxSteps = maxSteps
    }

    /// Stops the work at its next check, with E-BUDGET.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    public static var unlimited: Budget { Budget() }

    /// True once the steps or the time are spent: every further `spend` throws.
    public var isExhausted: Bool {
        isCancelled || steps.load(ordering: .relaxed) > maxSteps || deadline.map { ContinuousClock.now > $0 } ?? false
    }

    /// Time left before the deadline (nil without one).
    public var remaining: Duration? { deadline.map { max(.zero, $0 - ContinuousClock.now) } }

    /// Refuses up front a single step that cannot be interrupted once started (a FLINT call) when
    /// its estimated duration is more than the time left.
    public func check(estimatedSeconds: Double, doing what: @autoclosure () -> String) throws(Diagnostic) {
        if let remaining, estimatedSeconds > Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18 {
            throw Diagnostic(.budget, "\(what()) would take about \(Self.format(estimatedSeconds)), more than the time budget left",
                             hint: "raise budget_ms or ask for less")
        }
        try spend(0, doing: what())
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : seconds < 1e6 ? "\(Int(seconds.rounded())) s" : "over 10^6 s"
    }

    /// Counts `n` steps and throws when the step or time budget is spent.
    public func spend(_ n: Int = 1, doing what: @autoclosure () -> String) throws(Diagnostic) {
        if isCancelled {
            throw Diagnostic(.budget, "the call was given up while \(what())",
                             hint: "its deadline passed or it was cancelled")
        }
        let total = steps.add(n, ordering: .relaxed).newValue
        if total > maxSteps {
            throw Diagnostic(.budget, "step budget of \(maxSteps) ran out while \(what())",
                             hint: "raise budget or simplify the input")
        }
        if let deadline, ContinuousClock.now > deadline {
            throw Diagnostic(.budget, "time budget ran out while \(what())",
                             hint: "raise budget_ms or simplify the input")
        }
    }
}
