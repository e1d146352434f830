import AnsatzCore

/// What the parser read at one sum, relation, power or call, before the canonical constructors
/// merged it: the operands as written, each with its span. Checks that must see the input as
/// written (dimensions: `E + p - p` is inconsistent although its canonical form is `E`) read
/// these notes; they are recorded only when `ParseOptions.recordSyntax` asks for them.
public struct SyntaxNote: Sendable {
    public enum Shape: Sendable, Equatable {
        /// Terms of one written sum (`a + b - c`: operands a, b, c).
        case sum
        /// The two sides of the input's relation.
        case relation(Relation)
        /// `base ^ exponent` (operands base, exponent).
        case power
        /// A call by its written name (`sqrt`, `ln`, `exp` for LaTeX `e^{x}`, a declared function).
        case call(String)
        /// A divisor as written (`x` in `x/x`, the denominator of `\frac`): evaluation is of the
        /// input as written, so a divisor that is 0 at a point leaves the input undefined there
        /// even when the canonical form cancelled it.
        case divisor
    }

    public struct Operand: Sendable {
        public let expr: Expr
        public let span: SourceSpan
    }

    public let shape: Shape
    public let operands: [Operand]
    /// The whole construct.
    public let span: SourceSpan
}
