import XCTest
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzParse
@testable import AnsatzUnits

final class DimensionCheckTests: XCTestCase {
    func check(_ text: String, _ units: String = "", natural: NaturalUnits? = nil) throws -> DimensionCheck.Report {
        let environment = UnitEnvironment(declared: try UnitEnvironment.declarations(units), natural: natural)
        return try DimensionCheck.check(text, environment: environment)
    }

    /// The diagnostic of a check that must fail.
    func failure(_ text: String, _ units: String = "", natural: NaturalUnits? = nil) -> Diagnostic? {
        do {
            _ = try check(text, units, natural: natural)
            XCTFail("\(text) passed")
            return nil
        } catch {
            return error as? Diagnostic
        }
    }

    func slice(_ text: String, _ span: SourceSpan?) -> String {
        guard let span else { return "<no span>" }
        let s = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(s[span.start..<span.end]))
    }

    let energy = Dimension.kinds["energy"]!

    func testConsistentEquations() throws {
        let r = try check("E = m*c^2 + p*c", "E: J, m: kg, p: momentum")
        XCTAssertEqual(r.sides, [energy, energy])
        XCTAssertEqual(r.constants, ["c"])
        XCTAssertEqual(try check("x = v*t + a*t^2/2", "x: m, v: m/s, t: s, a: m/s^2").sides.first, .length)
        // kinetic energy with a square root: sqrt(m E) is a momentum
        XCTAssertEqual(try check("p = sqrt(2*m*E)", "p: kg m/s, m: mass, E: energy").sides[0], Dimension.kinds["momentum"])
        // a damped oscillation: exponent and phase dimensionless
        XCTAssertEqual(try check("x = A*exp(-g*t)*cos(w*t + phi)", "x: m, A: m, g: s^-1, t: s, w: Hz, phi: 1").sides[0], .length)
        // declared by dimension symbols and by kinds
        XCTAssertEqual(try check("v = L0/t", "v: L T^-1, L0: length, t: time").sides[0], Dimension.kinds["velocity"])
        // the fine-structure constant is dimensionless in SI
        XCTAssertEqual(try check("alpha = e^2/(4*pi*epsilon_0*hbar*c)").sides, [.dimensionless, .dimensionless])
    }

    /// A declared name is a symbol even where a unit would fit: `2m` is twice the mass m, not two
    /// metres; `3s` is three times s (a Mandelstam s), not three seconds. Undeclared, `2 m` stays the
    /// metre, and the parser's warning reaches the report.
    func testDeclaredNamesAreNotUnits() throws {
        let kinetic = try check("E = \\frac{p^2}{2m} + m c^2", "E: J, p: momentum, m: kg")
        XCTAssertEqual(kinetic.sides, [energy, energy])
        let sigma = try check("\\sigma = \\frac{4\\pi\\alpha^2}{3s}", "sigma: pb, s: GeV^2", natural: NaturalUnits())
        XCTAssertEqual(sigma.energyPowers, [Rational(-2), Rational(-2)])
        let metres = try check("x = 2 m", "x: m")
        XCTAssertEqual(metres.sides, [.length, .length])
        XCTAssertEqual(metres.warnings.map(\.code), ["W-PARSE-UNIT"])
    }

    func testMismatchPointsAtTheOperand() throws {
        let text = "E = m*c^2 + p"
        let d = try XCTUnwrap(failure(text, "E: J, m: kg, p: kg m/s"))
        XCTAssertEqual(d.code, "E-DIMENSION")
        XCTAssertEqual(slice(text, d.span), "p")
        XCTAssertTrue(d.message.contains("cannot add m*c^2 [M L² T⁻²] and p [M L T⁻¹]"), d.message)
        // a mismatch that the canonical form would hide: E + p - p is E
        let hidden = "E + p - p"
        let h = try XCTUnwrap(failure(hidden, "E: J, p: momentum"))
        XCTAssertEqual(slice(hidden, h.span), "p")
        // the two sides of a relation
        let relation = "E = p*c^2"
        let r = try XCTUnwrap(failure(relation, "E: J, p: momentum"))
        XCTAssertEqual(slice(relation, r.span), "p*c^2")
        XCTAssertTrue(r.message.contains("the two sides differ"), r.message)
        // a number added to a length
        XCTAssertEqual(slice("x + 1", failure("x + 1", "x: m")?.span), "1")
    }

    func testFunctionsAndExponents() throws {
        let log = "log(m)"
        let d = try XCTUnwrap(failure(log, "m: kg"))
        XCTAssertEqual(slice(log, d.span), "m")
        XCTAssertTrue(d.message.contains("argument of log"), d.message)
        XCTAssertEqual(slice("sin(w)", failure("sin(w)", "w: Hz")?.span), "w")
        let tex = "\\sin{w t} + \\cos(w)"
        XCTAssertEqual(slice(tex, failure(tex, "w: Hz, t: m")?.span), "{w t}")
        // an exponent with a dimension
        let exponent = "2^t"
        XCTAssertEqual(slice(exponent, failure(exponent, "t: s")?.span), "t")
        // a symbolic exponent on a dimensioned base
        let symbolic = "x^n"
        let s = try XCTUnwrap(failure(symbolic, "x: m, n: 1"))
        XCTAssertEqual(slice(symbolic, s.span), "n")
        XCTAssertTrue(s.message.contains("not a known number"), s.message)
        // but a numeric one, or a dimensionless base, is fine
        XCTAssertEqual(try check("x^(3/2)", "x: m").sides[0], Dimension.length.power(try Rational(3, 2)))
        XCTAssertEqual(try check("(x/y)^n", "x: m, y: m, n: 1").sides[0], .dimensionless)
        // e^{...} in LaTeX is exp
        let latex = "e^{t}"
        XCTAssertEqual(slice(latex, failure(latex, "t: s")?.span), "{t}")
    }

    func testUndeclaredAndInferred() throws {
        let d = try XCTUnwrap(failure("v*t", "v: m/s"))
        XCTAssertEqual(d.code, "E-DIMENSION-UNDECLARED")
        XCTAssertEqual(slice("v*t", d.span), "t")
        // a definition: the left side takes the right side's dimension
        let r = try check("P = F*v", "F: N, v: m/s")
        XCTAssertEqual(r.inferred.first?.name, "P")
        XCTAssertEqual(r.inferred.first?.dimension, Dimension.kinds["power"])
        // a declared function has no known dimension
        XCTAssertEqual(failure("f(x)", "x: m")?.code, "E-PARSE-AMBIGUOUS")
    }

    /// Natural units: Γ(μ → eνν) = G_F² m_μ⁵/(192π³) is an energy; a cross section is GeV⁻².
    func testNaturalUnits() throws {
        let r = try check("Gamma = G_F^2*m_mu^5/(192*pi^3)", natural: NaturalUnits())
        XCTAssertEqual(r.energyPowers, [Rational(1), Rational(1)])
        XCTAssertEqual(r.constants, ["G_F", "m_mu"])
        // in SI the same formula is missing ħ and c
        XCTAssertEqual(failure("Gamma_mu = G_F^2*m_mu^5/(192*pi^3)", "Gamma_mu: energy")?.code, "E-DIMENSION")
        let sigma = try check("sigma = 4*pi*alpha^2/(3*s)", "sigma: pb, s: GeV^2", natural: NaturalUnits())
        XCTAssertEqual(sigma.energyPowers, [Rational(-2), Rational(-2)])
        // log(s/m^2) with s an energy squared and m a mass: dimensionless only in natural units
        XCTAssertNoThrow(try check("log(s/m^2)", "s: GeV^2, m: mass", natural: NaturalUnits()))
        XCTAssertEqual(failure("log(s/m^2)", "s: GeV^2, m: mass")?.code, "E-DIMENSION")
        // a cross section is not an energy even in natural units
        XCTAssertEqual(failure("sigma + E", "sigma: pb, E: GeV", natural: NaturalUnits())?.code, "E-DIMENSION")
        // temperature is an energy only with k_B = 1
        XCTAssertNoThrow(try check("E + T", "E: GeV, T: K", natural: NaturalUnits(boltzmannOne: true)))
        XCTAssertEqual(failure("E + T", "E: GeV, T: K", natural: NaturalUnits())?.code, "E-DIMENSION")
    }

    func testDeclarations() throws {
        let d = try UnitEnvironment.declarations("v: m/s, t: s\nE: energy # the energy\nx: L T^-1; n: 1")
        XCTAssertEqual(d["v"], Dimension.kinds["velocity"])
        XCTAssertEqual(d["E"], energy)
        XCTAssertEqual(d["x"], Dimension.kinds["velocity"])
        XCTAssertEqual(d["n"], .dimensionless)
        XCTAssertEqual(try UnitEnvironment.declarations("B: unit(T)")["B"], try Dimension(parsing: "M T^-2 I^-1"))
        XCTAssertEqual(try UnitEnvironment.declarations("L_int: fb^-1")["L_int"], Dimension.kinds["luminosity"])
        // a lone letter that is a unit is the unit (N the newton, T the tesla); T and L (time or
        // tesla, length or litre) earn a warning; brackets make a letter a dimension
        let (ambiguous, warnings) = try UnitEnvironment.declarationsWithWarnings("F: N, B: T, t: [T], E: energy")
        XCTAssertEqual(ambiguous["F"], Dimension.kinds["force"])
        XCTAssertEqual(ambiguous["B"], try Dimension(parsing: "M T^-2 I^-1"))
        XCTAssertEqual(ambiguous["t"], .time)
        XCTAssertEqual(warnings.map(\.code), ["W-UNITS-AMBIGUOUS"])
        XCTAssertTrue(warnings[0].message.contains("tesla"), warnings[0].message)
        XCTAssertEqual(try UnitEnvironment.declarations("m: M")["m"], .mass)  // M is no unit
        for bad in ["v m/s", "v: furlong", "2: m", "v: "] {
            XCTAssertThrowsError(try UnitEnvironment.declarations(bad), bad)
        }
    }

    func testOffsetTemperatureRefused() {
        XCTAssertEqual(failure("T + 20 °C", "T: K")?.code, "E-UNIT-OFFSET")
        XCTAssertEqual(failure("T + 20*degC", "T: K")?.code, "E-UNIT-OFFSET")
    }
}
