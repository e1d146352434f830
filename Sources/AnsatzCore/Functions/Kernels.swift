import AnsatzNumbers
import CFunctions

/// How a catalog kernel ended (the `ANS_FN_*` outcomes of `Sources/CFunctions`).
public enum KernelOutcome: Int32, Sendable {
    case ok = 0
    /// No value here: a pole, log 0, a distribution at its support.
    case undefined = 1
    /// Not defined for such arguments (cbrt of a complex value).
    case unsupported = 2
    /// The value is not real.
    case notReal = 3
    /// The balls stayed too wide up to the precision limit (a value that is exactly 0, or
    /// one that needs more precision than allowed).
    case unresolved = 4
    case badKernel = 5
    /// Arguments past the range computed in bounded time (`FunctionEntry.costLimit` says which).
    case tooCostly = 6
}

extension FunctionEntry {
    /// For `.tooCostly`: the argument range refused ("|Im s| > 2^43 (about 8.8e12)").
    public var costLimit: String { String(cString: ans_fn_limit(Int32(kernel))) }

    /// The real value at real arguments, rounded to `precision` bits from a ball whose relative
    /// radius is below 2^-(precision+2) (the bits are proven), working up to `maxPrecision`.
    public func realValue(_ args: [BigFloat], precision: Int, maxPrecision: Int) -> (BigFloat?, KernelOutcome) {
        guard args.count == arity else { return (nil, .badKernel) }
        func withPointers<R>(_ rest: ArraySlice<BigFloat>, _ done: [UnsafeMutableRawPointer?],
                             _ body: ([UnsafeMutableRawPointer?]) -> R) -> R {
            guard let first = rest.first else { return body(done) }
            return first.withMPFR { withPointers(rest.dropFirst(), done + [UnsafeMutableRawPointer(mutating: $0)], body) }
        }
        guard let (value, status) = try? BigFloat.filled(precision: precision, { result in
            withPointers(args[...], []) { pointers in
                Int32(ans_fn_mpfr(Int32(kernel), result, pointers, pointers.count, max(maxPrecision, precision)))
            }
        }) else { return (nil, .badKernel) }
        let outcome = KernelOutcome(rawValue: status) ?? .badKernel
        return (outcome == .ok ? value : nil, outcome)
    }
}
