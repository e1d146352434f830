import XCTest
@testable import AnsatzNumbers

final class RationalTests: XCTestCase {
    func testCanonicalForm() throws {
        XCTAssertEqual(try Rational(2, 4).description, "1/2")
        XCTAssertEqual(try Rational(-1, -2), try Rational(1, 2))
        XCTAssertEqual(try Rational(3, -6).description, "-1/2")
        XCTAssertEqual(try Rational(0, -5), .zero)
        XCTAssertThrowsError(try Rational(1, 0))
        XCTAssertEqual(Set([try Rational(2, 4), try Rational(1, 2)]).count, 1)
    }

    func testHarmonicNumbersExactly() throws {
        // H(20) and H(30), OEIS A001008 / A002805
        var h = Rational.zero
        for k in 1...20 { h += try Rational(1, k) }
        XCTAssertEqual(h.description, "55835135/15519504")
        for k in 21...30 { h += try Rational(1, k) }
        XCTAssertEqual(h.description, "9304682830147/2329089562800")
        // H(200) leaves the machine fast path; checked against the same sum taken in the other order
        var forward = Rational.zero, backward = Rational.zero
        for k in 1...200 { forward += try Rational(1, k) }
        for k in (1...200).reversed() { backward += try Rational(1, k) }
        XCTAssertEqual(forward, backward)
        // Python's fractions.Fraction: 89 digits, starting 73430450139366304745, float 5.878030948121444
        XCTAssertEqual(forward.numerator.description.count, 89)
        XCTAssertTrue(forward.numerator.description.hasPrefix("73430450139366304745"))
        XCTAssertEqual(forward.doubleValue, 5.878030948121444)
    }

    func testArithmeticAcrossTheFastPathBoundary() throws {
        let a = try Rational(BigInt(Int.max), 3)
        let b = try Rational(BigInt(Int.max), 7)
        let sum = a + b
        XCTAssertEqual(sum, try Rational(BigInt(Int.max) * 10, 21))
        XCTAssertEqual(sum - b, a)
        XCTAssertEqual(try (a * b) / b, a)
        XCTAssertEqual(try Rational(2, 3).power(-3), try Rational(27, 8))
        XCTAssertThrowsError(try Rational.zero.power(-1))
        XCTAssertThrowsError(try Rational(1) / Rational(0))
        XCTAssertTrue(try Rational(1, 3) < Rational(1, 2))
        XCTAssertTrue(try Rational(-1, 2) < Rational(-1, 3))
    }

    func testDecimalLiteralsAreExact() throws {
        XCTAssertEqual(try Rational.parseDecimal("0.1"), try Rational(1, 10))
        XCTAssertEqual(try Rational.parseDecimal("91.1876"), try Rational(911876, 10000))
        XCTAssertEqual(try Rational.parseDecimal("6.674e-11"), try Rational(BigInt(6674), try BigInt(10).power(14)))
        XCTAssertEqual(try Rational.parseDecimal("1E3"), Rational(1000))
        XCTAssertEqual(try Rational.parseDecimal(".5"), try Rational(1, 2))
        XCTAssertThrowsError(try Rational.parseDecimal("1e"))
        XCTAssertThrowsError(try Rational.parseDecimal("1.2.3"))
        XCTAssertThrowsError(try Rational.parseDecimal("1e999999999999")) { error in
            guard case .tooLarge = error as? NumberError else { return XCTFail("\(error)") }
        }
    }

    func testFloorCeilRootsAndDecimals() throws {
        XCTAssertEqual(try Rational(7, 2).floor, 3)
        XCTAssertEqual(try Rational(-7, 2).floor, -4)
        XCTAssertEqual(try Rational(-7, 2).ceiling, -3)
        XCTAssertEqual(try Rational(8, 27).exactRoot(3), try Rational(2, 3))
        XCTAssertNil(Rational(2).exactRoot(2))
        XCTAssertNil(Rational(-4).exactRoot(2))
        XCTAssertEqual(try Rational(981, 100).terminatingDecimal(), "9.81")
        XCTAssertEqual(try Rational(-1, 8).terminatingDecimal(), "-0.125")
        XCTAssertEqual(try Rational(1, 1000).terminatingDecimal(), "0.001")
        XCTAssertNil(try Rational(1, 3).terminatingDecimal())
    }

    func testDoubleConversionIsCorrectlyRounded() throws {
        XCTAssertEqual(try Rational(1, 3).doubleValue, 1.0 / 3.0)
        XCTAssertEqual(try Rational.parseDecimal("0.1").doubleValue, 0.1)
        let tenth = try Rational(try BigInt(10).power(399) + 1, try BigInt(10).power(400))
        XCTAssertEqual(tenth.doubleValue, 0.1)
        XCTAssertEqual(try Rational.parseDecimal("2.2250738585072014e-308").doubleValue, 2.2250738585072014e-308)
    }
}
