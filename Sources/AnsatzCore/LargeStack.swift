import Foundation
import Synchronization

/// Runs deep recursion on a thread of its own with a large stack, so that the depth limit, not the
/// caller's thread (a worker may have 512 KiB), decides how deep an input may nest. In a debug
/// build one level of nested calls takes about 16 KiB of stack; the limit of 256 levels needs
/// about 4 MiB there, far less in release.
public enum LargeStack {
    public static let size = 64 << 20
    /// Expressions deeper than this are printed on a large stack.
    public static let printDepth = 48

    /// Marks the threads this made, so that work nested in work already on a large stack runs
    /// in place instead of starting another thread (a thread with a 64 MiB stack costs a clone
    /// and an munmap: most of a small simplify, measured).
    static let marker = "ansatz.large-stack"

    /// Run by every thread this starts just before it ends: frees the per-thread caches of the C
    /// libraries (set by AnsatzAlgebra's `ThreadCaches`, which can see them).
    private static let exitHook = Mutex<(@Sendable () -> Void)?>(nil)

    public static func setThreadExitHook(_ hook: @escaping @Sendable () -> Void) {
        exitHook.withLock { $0 = hook }
    }

    /// Call at the end of a thread that used the C libraries.
    public static func threadEnding() {
        exitHook.withLock { $0 }?()
    }

    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        if Thread.current.threadDictionary[marker] != nil { return try body() }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Thread.current.threadDictionary[marker] = true
            do { box.set(.success(try body())) } catch let d as Diagnostic {
                box.set(.failure(d))
            } catch {
                box.set(.failure(Diagnostic(.internalError, "\(error)", hint: "report this input")))
            }
            threadEnding()
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        guard let result = box.get() else {
            throw Diagnostic(.internalError, "the parser thread returned nothing", hint: "report this input")
        }
        return try result.get()
    }
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<T, Diagnostic>?
    func set(_ v: Result<T, Diagnostic>) { lock.lock(); value = v; lock.unlock() }
    func get() -> Result<T, Diagnostic>? { lock.lock(); defer { lock.unlock() }; return value }
}

extension LargeStack {
    /// Starts a long-lived thread with a large stack on which `LargeStack.run` runs in place (a
    /// worker of the call scheduler).
    public static func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            Thread.current.threadDictionary[marker] = true
            body()
            threadEnding()
        }
        thread.name = name
        thread.stackSize = size
        thread.start()
    }

    /// `body()` directly for shallow work, on a large stack when `depth` is large.
    public static func run<T: Sendable>(ifDeeperThan depth: Int, _ body: @escaping @Sendable () throws -> T) throws -> T {
        depth > printDepth ? try run(body) : try body()
    }

    /// `body()` directly for shallow expressions, on a large stack for deep ones. For work that
    /// cannot fail.
    public static func ifDeep<T: Sendable>(_ depth: Int, _ body: @escaping @Sendable () -> T) -> T {
        guard depth > printDepth, let value = try? run(body) else { return body() }
        return value
    }
}
