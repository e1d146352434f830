import AnsatzAlgebra
import AnsatzCore
import Dispatch
import Foundation

/// Runs tool calls on a bounded set of worker threads and answers every call by its deadline.
///
/// Why: a call can sit in a step that no budget check reaches (one MPFR operation at millions of
/// bits, one FLINT call whose cost was misjudged). Run on the caller's thread, such a step froze
/// the server's reader for 92 s; run on one new thread per call, a burst of 200 calls made 200
/// threads. Here calls wait in one queue for a fixed number of large-stack workers; a timer
/// answers each call whose deadline (counted from its arrival) passed by more than `grace`,
/// whether it is still queued or still running, and cancels its budget so the work stops at its
/// next check. A worker stuck in such a step is replaced, up to `maxThreads`, so the abandoned
/// work cannot starve the queue. Exactly one answer per call: the first of the worker and the
/// timer wins.
public final class CallScheduler: @unchecked Sendable {
    /// The process's scheduler: twice as many workers as cores (at least 4), so that a cheap call
    /// shares the cores with expensive ones instead of waiting for them; at most 4 times that many
    /// threads while abandoned work finishes.
    public static let shared: CallScheduler = {
        // a worker that ends (a surplus one, after abandoned work) frees FLINT's and MPFR's caches
        ThreadCaches.releaseOnThreadExit()
        let workers = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        return CallScheduler(workers: workers, maxThreads: 4 * workers)
    }()

    /// Time past a call's deadline before the timer answers for it: cooperative budget checks
    /// answer within milliseconds of the deadline, so only an uninterruptible step reaches this.
    public static let grace: Duration = .milliseconds(250)

    let workers: Int
    let maxThreads: Int
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var head = 0
    private var threads = 0
    private var abandonedRunning = 0
    private var peak = 0
    private let timers = DispatchQueue(label: "ansatz.call-deadlines")

    init(workers: Int, maxThreads: Int) {
        self.workers = max(1, workers)
        self.maxThreads = max(self.workers, maxThreads)
    }

    /// Figures for the soak test and `Docs/limits.md`: worker threads now and at most.
    public var threadCounts: (now: Int, peak: Int) {
        condition.lock(); defer { condition.unlock() }
        return (threads, peak)
    }

    final class Job: @unchecked Sendable {
        let name: String
        let arguments: JSONValue
        let cap: Int?
        let arrival: ContinuousClock.Instant
        let budget: Budget
        let key: String?
        private let reply: @Sendable (ToolResponse) -> Void
        private let lock = NSLock()
        private var answered = false
        private(set) var started = false
        /// Both under the scheduler's lock: the worker is done with it / the timer answered for
        /// it while a worker ran it.
        var finished = false
        var abandoned = false

        init(name: String, arguments: JSONValue, cap: Int?, arrival: ContinuousClock.Instant, key: String?,
             reply: @escaping @Sendable (ToolResponse) -> Void) {
            self.key = key
            self.name = name
            self.arguments = arguments
            self.cap = cap
            self.arrival = arrival
            self.budget = Budget(deadline: ToolRegistry.deadline(arguments, cap: cap, arrival: arrival))
            self.reply = reply
        }

        /// Marks the job started unless it was already answered (by the timer): a worker's claim.
        func start() -> Bool {
            lock.lock(); defer { lock.unlock() }
            if answered { return false }
            started = true
            return true
        }

        /// Claims the one answer: false if it went out already; `running` says whether a worker
        /// had started the job.
        func claimAnswer() -> (won: Bool, running: Bool) {
            lock.lock(); defer { lock.unlock() }
            if answered { return (false, started) }
            answered = true
            return (true, started)
        }

        func deliver(_ response: ToolResponse) { reply(response) }
    }

    /// Calls that a client may cancel, by its key for them (the request id).
    private var cancellable: [String: Job] = [:]

    /// Queues a call; `reply` is called exactly once, on a worker or on the timer's queue.
    /// `key` (a request id) lets `cancel(key:)` find it.
    public func submit(_ name: String, arguments: JSONValue, cap: Int? = ToolRegistry.maxBudgetMilliseconds,
                       arrival: ContinuousClock.Instant = .now, key: String? = nil,
                       reply: @escaping @Sendable (ToolResponse) -> Void) {
        let job = Job(name: name, arguments: arguments, cap: cap, arrival: arrival, key: key, reply: reply)
        if let deadline = job.budget.deadline { armTimer(job, at: deadline + Self.grace) }
        condition.lock()
        if let key { cancellable[key] = job }
        queue.append(job)
        if threads < workers + abandonedRunning && threads < maxThreads { startWorker() }
        condition.signal()
        condition.unlock()
    }

    /// The call's response, waiting for it (the command line).
    public func call(_ name: String, arguments: JSONValue, cap: Int?) -> ToolResponse {
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        submit(name, arguments: arguments, cap: cap) { response in
            box.value = response
            done.signal()
        }
        done.wait()
        return box.value ?? ToolRegistry.failure(Diagnostic(.internalError, "the call ended without an answer", hint: "report this call"), nil, .now)
    }

    private func armTimer(_ job: Job, at instant: ContinuousClock.Instant) {
        let wait = ContinuousClock.now.duration(to: instant)
        // saturating: whole seconds capped at a day before scaling to nanoseconds
        let seconds = min(max(0, wait.components.seconds), 86_400 * 2)
        let nanoseconds = seconds * 1_000_000_000 + max(0, wait.components.attoseconds / 1_000_000_000)
        timers.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [weak self] in
            self?.expire(job)
        }
    }

    /// The client cancelled the call: it is answered with E-CANCELLED (so that it is answered
    /// once, as every request is) and its work stops at the next budget check. False if no call
    /// of that key is waiting or running.
    @discardableResult
    public func cancel(key: String) -> Bool {
        condition.lock()
        let job = cancellable.removeValue(forKey: key)
        condition.unlock()
        guard let job else { return false }
        let (won, running) = job.claimAnswer()
        guard won else { return false }
        job.budget.cancel()
        job.deliver(ToolRegistry.failure(Diagnostic(.cancelled, "the call was cancelled by the client",
                                                    hint: "send it again to have it run"), nil, job.arrival))
        if running { markAbandoned(job) }
        return true
    }

    private func markAbandoned(_ job: Job) {
        condition.lock()
        if !job.finished && !job.abandoned {
            job.abandoned = true
            abandonedRunning += 1
            if head < queue.count && threads < maxThreads { startWorker() }
        }
        condition.unlock()
    }

    /// The deadline and the grace have passed: answer for the call, and stop its work.
    private func expire(_ job: Job) {
        let (won, running) = job.claimAnswer()
        guard won else { return }
        job.budget.cancel()
        let waited = Int(ToolRegistry.milliseconds(since: job.arrival))
        job.deliver(ToolRegistry.failure(
            running
                ? Diagnostic(.budget, "the time budget ran out inside a step that could not be interrupted; the answer was given up after \(waited) ms",
                             hint: "ask for less (a lower precision, a smaller power), or raise budget_ms")
                : Diagnostic(.budget, "the call waited \(waited) ms behind other calls and its budget ran out before it started",
                             hint: "retry, or raise budget_ms"),
            nil, job.arrival))
        condition.lock()
        if let key = job.key, cancellable[key] === job { cancellable[key] = nil }
        condition.unlock()
        // the stuck worker is replaced so the queue keeps moving
        if running { markAbandoned(job) }
    }

    /// Call with the lock held.
    private func startWorker() {
        threads += 1
        peak = max(peak, threads)
        LargeStack.startThread(name: "ansatz.worker") { [self] in workLoop() }
    }

    private func workLoop() {
        while true {
            condition.lock()
            while head == queue.count { condition.wait() }
            let job = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count {  // drop the taken prefix now and then
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            guard job.start() else { continue }  // answered by the timer while it waited
            let response = ToolRegistry.call(job.name, arguments: job.arguments, cap: job.cap, budget: job.budget, arrival: job.arrival)
            if job.claimAnswer().won { job.deliver(response) }
            condition.lock()
            job.finished = true
            if let key = job.key, cancellable[key] === job { cancellable[key] = nil }
            if job.abandoned {
                abandonedRunning -= 1
                // a replacement took this worker's place: the surplus thread ends
                if threads > workers + abandonedRunning {
                    threads -= 1
                    condition.unlock()
                    return
                }
            }
            condition.unlock()
        }
    }
}

private final class ResponseBox: @unchecked Sendable {
    var value: ToolResponse?
}
