import XCTest
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzUnits

final class DimensionTests: XCTestCase {
    func q(_ n: Int, _ d: Int = 1) throws -> Rational { try Rational(n, d) }

    func testAlgebraAndPrinting() throws {
        let energy = try XCTUnwrap(Dimension.kinds["energy"])
        XCTAssertEqual(energy.description, "[M L² T⁻²]")
        XCTAssertEqual(Dimension.dimensionless.description, "[1]")
        // sqrt(m E) is a momentum: exponents ½ + ½ = 1 for M, and 1 for L, -1 for T
        XCTAssertEqual((Dimension.mass * energy).power(try q(1, 2)), Dimension.kinds["momentum"])
        XCTAssertEqual(Dimension.length.power(try q(1, 2)).description, "[L¹ᐟ²]")
        XCTAssertEqual(energy / energy, .dimensionless)
        XCTAssertTrue((Dimension.length / Dimension.length).isDimensionless)  // an angle
    }

    func testParsing() throws {
        XCTAssertEqual(try Dimension(parsing: "M L^2 T^-2"), Dimension.kinds["energy"])
        XCTAssertEqual(try Dimension(parsing: "L T^-1"), Dimension.kinds["velocity"])
        XCTAssertEqual(try Dimension(parsing: "L*T^-1"), Dimension.kinds["velocity"])
        XCTAssertEqual(try Dimension(parsing: "L^(1/2)"), Dimension.length.power(try q(1, 2)))
        XCTAssertEqual(try Dimension(parsing: "cross_section"), Dimension.length.power(2))
        XCTAssertEqual(try Dimension(parsing: "K"), Dimension.temperature)
        XCTAssertEqual(try Dimension(parsing: "1"), .dimensionless)
        for bad in ["Q", "L^x", "L^"] {
            XCTAssertThrowsError(try Dimension(parsing: bad), bad) { error in
                XCTAssertEqual((error as? Diagnostic)?.code, "E-DIMENSION")
            }
        }
    }

    /// In natural units (ħ = c = 1) a dimension is a power of energy. Facts used: a cross section
    /// is GeV⁻² (so (ħc)² converts it to mb), G_F is GeV⁻² (PDG), a length and a time are GeV⁻¹,
    /// a velocity and an action are pure numbers, an integrated luminosity (fb⁻¹) is GeV².
    func testNaturalUnits() throws {
        func power(_ kind: String) throws -> Rational? { try XCTUnwrap(Dimension.kinds[kind]).naturalEnergyPower() }
        XCTAssertEqual(try power("energy"), Rational(1))
        XCTAssertEqual(try power("mass"), Rational(1))
        XCTAssertEqual(try power("momentum"), Rational(1))
        XCTAssertEqual(try power("length"), Rational(-1))
        XCTAssertEqual(try power("time"), Rational(-1))
        XCTAssertEqual(try power("cross_section"), Rational(-2))
        XCTAssertEqual(try power("luminosity"), Rational(2))
        XCTAssertEqual(try power("velocity"), Rational(0))
        XCTAssertEqual(try power("action"), Rational(0))
        // G_F has the dimension of energy × volume (J m³ before dividing by (ħc)³)
        let fermi = try XCTUnwrap(Dimension.kinds["energy"]) * Dimension.length.power(3)
        XCTAssertEqual(fermi.naturalEnergyPower(), Rational(-2))
        XCTAssertNil(Dimension.temperature.naturalEnergyPower())
        XCTAssertEqual(Dimension.temperature.naturalEnergyPower(boltzmannOne: true), Rational(1))
        XCTAssertNil(Dimension.current.naturalEnergyPower())
    }
}
