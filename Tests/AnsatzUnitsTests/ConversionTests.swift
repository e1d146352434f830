import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzUnits

/// Conversions checked against published values. Sources: CODATA 2022 (Docs/data), the PDG
/// "Physical constants" table ((ħc)² = 0.3893793721 GeV² mb), and textbook results computed here
/// by hand or with mpmath (the comment gives the computation).
final class ConversionTests: XCTestCase {
    func convert(_ q: String, _ target: String, natural: NaturalUnits? = nil, digits: Int = 10) throws -> Conversion.Result {
        try Conversion.convert(q, to: target, natural: natural, digits: digits).0
    }

    func value(_ q: String, _ target: String, natural: NaturalUnits? = NaturalUnits()) throws -> Double {
        let r = try convert(q, target, natural: natural)
        return try Evaluator.evaluate(r.value, at: [:], precision: 200).doubleValue
    }

    /// (ħc)² = 0.3893793721 GeV² mb (PDG 2024 Physical constants; CODATA ħc = 197.3269804 MeV fm).
    func testHbarCSquared() throws {
        // PDG truncates to 0.3893793721; correctly rounded to 12 digits (mpmath) it is 0.389379372172
        let r = try convert("1 GeV^-2", "mb", natural: NaturalUnits(), digits: 12)
        XCTAssertEqual(r.decimal, "0.389379372172")
        XCTAssertEqual(r.multipliedBy?.description, "ħ^2 c^2")
        let back = try convert("0.3894 mb", "GeV^-2", natural: NaturalUnits())
        XCTAssertEqual(try Evaluator.evaluate(back.value, at: [:], precision: 100).doubleValue, 0.3894 / 0.3893793721, accuracy: 1e-9)
        // CODATA: 197.326 980 4... (truncated); mpmath: 197.3269804593
        XCTAssertEqual(try convert("hbar*c", "MeV fm", digits: 13).decimal, "197.3269804593")
        // the result is exact: (ħc)² is a rational over π²
        XCTAssertTrue(r.value.description.contains("pi"), r.value.description)
    }

    /// 1/GeV as a time and as a length (CODATA: ħ = 6.582119569e-16 eV s, ħc = 197.3269804 MeV fm).
    func testInverseGeV() throws {
        // mpmath: ħ/GeV = 6.582119569509e-25 s, ħc/GeV = 0.1973269804593 fm
        XCTAssertEqual(try convert("1/(1 GeV)", "s", natural: NaturalUnits(), digits: 13).decimal, "6.582119569509e-25")
        XCTAssertEqual(try convert("1 GeV^-1", "fm", natural: NaturalUnits(), digits: 13).decimal, "0.1973269804593")
        let r = try convert("1 GeV^-1", "fm", natural: nil)
        XCTAssertEqual(r.multipliedBy?.description, "ħ c")
        let (_, warnings) = try Conversion.convert("1 GeV^-1", to: "fm", natural: nil)
        XCTAssertEqual(warnings.map(\.code), ["W-NATURAL-UNITS"])
    }

    /// σ(e⁺e⁻ → μ⁺μ⁻) = 4πα²/(3s) = 86.85 nb/s[GeV²]: 0.8685 nb at √s = 10 GeV.
    func testMuonPairCrossSection() throws {
        let r = try convert("4*pi*alpha^2/(3*(10 GeV)^2)", "nb", natural: NaturalUnits(), digits: 4)
        XCTAssertEqual(r.decimal, "0.8685")
        XCTAssertEqual(r.constants, ["alpha"])
    }

    /// Tree-level muon lifetime τ = 192π³ħ/(G_F² m_μ⁵) = 2.18735 µs (mpmath from G_F = 1.1663787e-5
    /// GeV⁻², m_μ = 0.1056583755 GeV, ħ = 6.582119569e-25 GeV s: 2.187347622e-6 s).
    func testMuonLifetime() throws {
        let r = try convert("192*pi^3/(G_F^2*m_mu^5)", "us", natural: NaturalUnits(), digits: 7)
        XCTAssertEqual(r.decimal, "2.187348")
        // the width, an energy, through the same formula
        let width = try convert("G_F^2*m_mu^5/(192*pi^3)", "eV", natural: NaturalUnits(), digits: 6)
        XCTAssertEqual(width.decimal, "3.00918e-10")
    }

    /// σ_T = (8π/3) r_e², r_e = e²/(4πε₀ m_e c²) in SI, and 8πα²/(3m_e²) in natural units, against
    /// CODATA's σ_T = 6.6524587051e-29 m² (relative uncertainty 9e-10).
    func testThomsonCrossSection() throws {
        let si = try value("8*pi/3*(e^2/(4*pi*epsilon_0*m_e*c^2))^2", "m^2", natural: nil)
        XCTAssertEqual(si / 6.6524587051e-29, 1, accuracy: 3e-9)
        let natural = try value("8*pi*alpha^2/(3*m_e^2)", "barn")
        XCTAssertEqual(natural / 0.66524587051, 1, accuracy: 3e-9)
    }

    /// a₀ = ħ/(m_e c α) against CODATA a₀ = 5.29177210544e-11 m (relative uncertainty 1.6e-10).
    func testBohrRadius() throws {
        XCTAssertEqual(try value("hbar/(m_e*c*alpha)", "m", natural: nil) / 5.29177210544e-11, 1, accuracy: 1e-9)
        // and 1/(α m_e) in natural units
        XCTAssertEqual(try value("1/(alpha*m_e)", "angstrom") / 0.529177210544, 1, accuracy: 1e-9)
    }

    /// Expected events N = σ L: gluino pairs at 2000 GeV, σ = 0.00101 pb (LHC SUSY XS WG, 13 TeV,
    /// Docs/data/gluino_pair_13TeV.csv), with 139 fb⁻¹: 0.00101 × 1000 × 139 = 140.39, exactly.
    func testEventCount() throws {
        let r = try convert("0.00101 pb * 139 fb^-1", "", natural: nil)
        XCTAssertEqual(r.value, .rational(try XCTUnwrap(Rational("140.39"))))
        XCTAssertEqual(r.decimal, "140.39")
        XCTAssertNil(r.multipliedBy)
        XCTAssertEqual(try convert("1.2 fb^-1 * 3.4 pb", "").decimal, "4080")
    }

    func testExactSIConversions() throws {
        XCTAssertEqual(try convert("1 eV", "J").value, .rational(try XCTUnwrap(Rational("1.602176634e-19"))))
        XCTAssertEqual(try convert("1 km/h", "m/s").value, .rational(try Rational(5, 18)))
        XCTAssertEqual(try convert("1 atm", "Pa").decimal, "101325")
        XCTAssertEqual(try convert("180 deg", "rad").value, .pi)
        XCTAssertEqual(try convert("1 ly", "pc", digits: 6).decimal, "0.306601")   // IAU: 1 pc = 3.26156 ly
        XCTAssertEqual(try convert("1 erg", "J").decimal, "1e-7")
        XCTAssertEqual(try convert("1 barn", "fm^2").decimal, "100")
        XCTAssertEqual(try convert("1 gauss", "T").decimal, "0.0001")
        XCTAssertEqual(try convert("1 year", "day").decimal, "365.25")
        // the factor: 1 mb = 2.568 GeV^-2, and 0.3894 of them
        let r = try convert("0.3894 mb", "GeV^-2", natural: NaturalUnits(), digits: 6)
        XCTAssertEqual(r.coefficient, .rational(try XCTUnwrap(Rational("0.3894"))))
        XCTAssertEqual(r.factorDecimal, "2.56819")
    }

    func testTemperatureWithBoltzmann() throws {
        // k_B T at 300 K is 25.85 meV; with k_B = 1, 1 K = 8.617333262e-5 eV (CODATA)
        XCTAssertEqual(try convert("k_B*300 K", "meV", digits: 4).decimal, "25.85")
        XCTAssertEqual(try convert("1 K", "eV", natural: NaturalUnits(boltzmannOne: true)).decimal, "0.00008617333262")
        XCTAssertThrowsError(try convert("1 K", "eV", natural: NaturalUnits())) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-DIMENSION")
        }
    }

    func testChargeConventions() throws {
        // e²/(4π ε₀ ħ c) = α; with ε₀ = 1 (Heaviside-Lorentz), e = sqrt(4πα) = 0.30282212
        let hl = NaturalUnits(charge: .heavisideLorentz)
        XCTAssertEqual(try convert("e", "", natural: hl, digits: 8).decimal, "0.30282212")
        // Gaussian (4πε₀ = 1): e = sqrt(α) = 0.085424543 (mpmath)
        XCTAssertEqual(try convert("e", "", natural: NaturalUnits(charge: .gaussian), digits: 8).decimal, "0.085424543")
    }

    func testRefusals() throws {
        func code(_ q: String, _ t: String) -> String? {
            do { _ = try convert(q, t); return nil } catch { return (error as? Diagnostic)?.code }
        }
        XCTAssertEqual(code("1 kg", "mol"), "E-DIMENSION")
        XCTAssertEqual(code("20 degC", "K"), "E-UNIT-OFFSET")
        XCTAssertEqual(code("20 °C", "K"), "E-UNIT-OFFSET")
        XCTAssertEqual(code("3 K", "°F"), "E-UNIT-OFFSET")
        XCTAssertEqual(code("x GeV", "J"), "E-UNIT-UNKNOWN")
        XCTAssertEqual(code("3 GeV", "Gev"), "E-UNIT-UNKNOWN")
        do {
            _ = try convert("3 GeV", "Gev")
        } catch let d as Diagnostic {
            XCTAssertTrue(d.hint?.contains("did you mean 'GeV'") == true, d.hint ?? "")
        }
    }

    func testSuggestions() {
        XCTAssertEqual(UnitSuggestions.suggestions(for: "Gev").first, "GeV")
        XCTAssertEqual(UnitSuggestions.suggestions(for: "gev").first, "GeV")
        XCTAssertTrue(UnitSuggestions.suggestions(for: "hbarr").contains("hbar"))
        XCTAssertTrue(UnitSuggestions.suggestions(for: "zzzzzzzzzz").isEmpty)
    }
}
