import AnsatzCore
import AnsatzNumbers

/// An exact value in SI base units with its dimension: `1 GeV` is 1.602176634e-10 [M L² T⁻²].
/// The value is an expression (a rational, times powers of π where the SI puts them), never a float
/// unless the input had one.
public struct Quantity: Sendable {
    public var value: Expr
    public var dimension: Dimension

    public init(_ value: Expr, _ dimension: Dimension) {
        self.value = value
        self.dimension = dimension
    }

    public static func number(_ value: Expr) -> Quantity { Quantity(value, .dimensionless) }

    public static func * (a: Quantity, b: Quantity) -> Quantity {
        Quantity(Expr.mul([a.value, b.value]), a.dimension * b.dimension)
    }

    public static func / (a: Quantity, b: Quantity) -> Quantity {
        Quantity(Expr.mul([a.value, Expr.pow(b.value, .minusOne)]), a.dimension / b.dimension)
    }

    public func power(_ p: Rational) -> Quantity {
        Quantity(Expr.pow(value, .rational(p)), dimension.power(p))
    }
}

/// The change of basis of natural units: ħ = c = 1, optionally k_B = 1, and optionally a
/// convention that makes ε₀ a number (Heaviside-Lorentz ε₀ = 1, or Gaussian 4πε₀ = 1). Two
/// dimensions are the same in natural units exactly when their ratio is a product of powers of
/// the constants set to 1; a conversion between them multiplies by that product and says so.
public struct NaturalUnits: Sendable, Equatable {
    public enum ChargeConvention: String, Sendable, CaseIterable {
        /// Current and charge keep their own dimension.
        case none
        /// ε₀ = 1 (α = e²/4π): particle physics.
        case heavisideLorentz = "heaviside_lorentz"
        /// 4πε₀ = 1 (α = e²): atomic physics in Gaussian units.
        case gaussian
    }

    public var boltzmannOne: Bool
    public var charge: ChargeConvention

    public init(boltzmannOne: Bool = false, charge: ChargeConvention = .none) {
        self.boltzmannOne = boltzmannOne
        self.charge = charge
    }

    /// How a dimension maps to a power of energy under these conventions; nil when it does not.
    public func energyPower(_ d: Dimension) -> Rational? {
        guard d[.amount].isZero, d[.luminousIntensity].isZero else { return nil }
        guard boltzmannOne || d[.temperature].isZero else { return nil }
        guard charge != .none || d[.current].isZero else { return nil }
        // with ε₀ a number, [I]² = [ε₀⁻¹ I² T⁴ M⁻¹ L⁻³]·[M L³ T⁻⁴] = [M L³ T⁻⁴]: a current is an energy
        return d[.mass] - d[.length] - d[.time] + d[.temperature] + d[.current]
    }

    /// Do two dimensions agree once the constants are 1?
    public func equivalent(_ a: Dimension, _ b: Dimension) -> Bool {
        a == b || energyPower(a / b) == .zero
    }

    /// The powers of the constants set to 1 whose product has the dimension `ratio`: with
    /// q = ħ^ħ c^c k_B^k ε^e, a quantity of dimension `b·ratio` equals one of dimension `b` times q.
    /// Nil when the ratio is not such a product.
    public func bridge(_ ratio: Dimension) -> Bridge? {
        guard energyPower(ratio) == .zero else { return nil }
        // solve ratio = ħ^a c^b k_B^k ε₀^q over M, L, Θ, I (T then agrees: the energy power is 0)
        let q = ratio[.current] * Rational.half
        let k = -ratio[.temperature]
        let a = ratio[.mass] - k + q
        let b = ratio[.length] - a * Rational(2) - k * Rational(2) + q * Rational(3)
        return Bridge(hbar: a, c: b, boltzmann: k, epsilon0: q, charge: charge)
    }

    /// A product ħ^hbar c^c k_B^boltzmann ε^epsilon0, where ε is ε₀ (Heaviside-Lorentz) or 4πε₀ (Gaussian).
    public struct Bridge: Sendable, Equatable, CustomStringConvertible {
        public let hbar: Rational, c: Rational, boltzmann: Rational, epsilon0: Rational
        public let charge: ChargeConvention

        public var isOne: Bool { hbar.isZero && c.isZero && boltzmann.isZero && epsilon0.isZero }

        /// The product in SI, exact.
        public var quantity: Quantity {
            var q = Quantity.number(.one)
            let epsilon = charge == .gaussian
                ? Quantity.number(Expr.mul([.integer(4), .pi])) * PhysicalConstants.value("epsilon_0")
                : PhysicalConstants.value("epsilon_0")
            for (constant, exponent) in [(PhysicalConstants.value("hbar"), hbar), (PhysicalConstants.value("c"), c),
                                         (PhysicalConstants.value("k_B"), boltzmann), (epsilon, epsilon0)] where !exponent.isZero {
                q = q * constant.power(exponent)
            }
            return q
        }

        /// The reciprocal product: what a number is multiplied by when a quantity of dimension
        /// `b·ratio` is written in units of dimension `b`.
        public var inverse: Bridge {
            Bridge(hbar: -hbar, c: -c, boltzmann: -boltzmann, epsilon0: -epsilon0, charge: charge)
        }

        /// `ħ^2 c^2`, `(4πε₀)^-1`; "1" when nothing was inserted.
        public var description: String {
            var parts: [String] = []
            func add(_ name: String, _ e: Rational) {
                guard !e.isZero else { return }
                parts.append(e.isOne ? name : "\(name)^\(e.isInteger ? e.description : "(\(e))")")
            }
            add("ħ", hbar)
            add("c", c)
            add("k_B", boltzmann)
            add(charge == .gaussian ? "(4πε₀)" : "ε₀", epsilon0)
            return parts.isEmpty ? "1" : parts.joined(separator: " ")
        }
    }
}
