import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzUnits

final class UnitCatalogTests: XCTestCase {
    /// Every unit name the parser accepts has a dimension and a value here.
    func testEveryParsedUnitNameIsInTheCatalog() {
        for name in UnitNames.all {
            XCTAssertNotNil(UnitCatalog.unit(named: name), name)
        }
        XCTAssertNil(UnitCatalog.unit(named: "furlong"))
    }

    func value(_ name: String) throws -> Expr { try XCTUnwrap(UnitCatalog.unit(named: name)).value }
    func exact(_ text: String) throws -> Expr { .rational(try XCTUnwrap(Rational(text))) }

    /// Values from their definitions (SI brochure, 9th edition; IAU 2012 and 2015 resolutions).
    func testExactValues() throws {
        XCTAssertEqual(try value("mb"), try exact("1e-31"))               // 1 barn = 1e-28 m²
        XCTAssertEqual(try value("fb"), try exact("1e-43"))
        XCTAssertEqual(try value("GeV"), try exact("1.602176634e-10"))    // e exact since 2019
        XCTAssertEqual(try value("km"), try exact("1000"))
        XCTAssertEqual(try value("µm"), try exact("1e-6"))
        XCTAssertEqual(try value("um"), try exact("1e-6"))
        XCTAssertEqual(try value("hPa"), try exact("100"))
        XCTAssertEqual(try value("kcal"), try exact("4184"))
        XCTAssertEqual(try value("atm"), try exact("101325"))
        XCTAssertEqual(try value("ly"), try exact("9460730472580800"))    // c × Julian year
        XCTAssertEqual(try value("Myr"), try exact("31557600e6"))
        XCTAssertEqual(try value("min"), try exact("60"))                 // not milli-inch
        XCTAssertEqual(try value("kg"), try exact("1"))
        XCTAssertEqual(try value("deg"), Expr.pi / .integer(180))
        // 1 pc = 648000/π au = 3.0856775814913673e16 m (IAU 2015 B2)
        let pc = try Evaluator.evaluate(try value("pc"), at: [:], precision: 80)
        XCTAssertEqual(pc.doubleValue, 3.0856775814913673e16, accuracy: 1e1)
    }

    func testDimensions() throws {
        func dimension(_ name: String) throws -> String { try XCTUnwrap(UnitCatalog.unit(named: name)).dimension.description }
        XCTAssertEqual(try dimension("T"), "[M T⁻² I⁻¹]")       // the tesla, not the tera prefix
        XCTAssertEqual(try dimension("cd"), "[J]")              // the candela, not a centi-day
        XCTAssertEqual(try dimension("Ω"), "[M L² T⁻³ I⁻²]")
        XCTAssertEqual(try dimension("F"), "[M⁻¹ L⁻² T⁴ I²]")
        XCTAssertEqual(try dimension("eV"), "[M L² T⁻²]")
        XCTAssertEqual(try dimension("pb"), "[L²]")
        XCTAssertEqual(try dimension("rad"), "[1]")
    }
}
