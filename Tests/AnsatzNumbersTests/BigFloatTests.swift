import Foundation
import XCTest
@testable import AnsatzNumbers

final class BigFloatTests: XCTestCase {
    // Published digits, truncated (mpmath 1.3.0 with mp.dps = 110 agrees). Compared on 102 characters of a
    // 110-digit rendering so that rounding of the last shown digit cannot matter.
    let pi100 = "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679"
    let e100 = "2.7182818284590452353602874713526624977572470936999595749669676277240766303535475945713821785251664274"
    let sqrt2_100 = "1.4142135623730950488016887242096980785696718753769480731766797379907324784621070388503875343276415727"

    func testConstantsTo100Digits() throws {
        let p = BigFloat.precision(forDigits: 110)
        XCTAssertEqual(String(try BigFloat.pi(precision: p).toString(digits: 110).prefix(102)), pi100)
        XCTAssertEqual(String(try BigFloat.e(precision: p).toString(digits: 110).prefix(102)), e100)
        XCTAssertEqual(String(try BigFloat(Rational(2), precision: p).squareRoot.toString(digits: 110).prefix(102)), sqrt2_100)
    }

    func testIdentitiesAtHighPrecision() throws {
        let p = 400
        let pi = try BigFloat.pi(precision: p)
        let four = try BigFloat(Rational(4), precision: p)
        let one = try BigFloat(Rational(1), precision: p)
        // 4 atan(1) = pi, exactly up to the last bit or two
        let diff = (four * one.atan - pi).abs
        XCTAssertTrue(BigFloat.compare(diff, try BigFloat(parsing: "1e-118", precision: p))! < 0)
        XCTAssertEqual(try BigFloat.e(precision: p).log.toString(digits: 50), "1.0000000000000000000000000000000000000000000000000")
    }

    func testDoubleRoundTripAndSpecialValues() throws {
        let x = try BigFloat(0.1)
        XCTAssertEqual(x.doubleValue, 0.1)
        XCTAssertEqual(x.description, "0.1")  // shortest form that reads back at 53 bits
        XCTAssertEqual(try BigFloat(parsing: x.toString(digits: nil), precision: 53), x)
        XCTAssertEqual(x.exactRational, try Rational(3602879701896397, BigInt(36028797018963968)))
        let zero = try BigFloat(0.0)
        XCTAssertTrue((try BigFloat(1.0) / zero).isInfinite)
        XCTAssertTrue((zero / zero).isNaN)
        XCTAssertNil(BigFloat.compare(zero / zero, zero))
        XCTAssertThrowsError(try BigFloat(1.0, precision: 1 << 40))
        XCTAssertThrowsError(try BigFloat(parsing: "1.2x", precision: 53))
        XCTAssertEqual(try BigFloat(parsing: "1e30", precision: 100).toString(digits: 5), "1.0000e30")
        XCTAssertEqual(try BigFloat(parsing: "-2.5e-7", precision: 53).description, "-2.5e-7")
    }

    /// Every magnitude from 1e-30 to 1e30 at every digit count from 1 to 25: the text reads back
    /// within half a unit of its last digit, never pads zeros past the digits asked for (1 J in
    /// eV printed 6241509074000000000.0), and never traps.
    func testDecimalsAtEveryMagnitudeAndDigitCount() throws {
        for exponent in -30...30 {
            for digits in 1...25 {
                let x = try BigFloat(parsing: "3.14159265358979323846264338327950288e\(exponent)", precision: 200)
                let text = x.toString(digits: digits)
                let back = try BigFloat(parsing: text.replacingOccurrences(of: ".0e", with: "e"), precision: 200)
                let relative = ((back - x).abs / x).doubleValue
                XCTAssertLessThanOrEqual(relative, 0.51 * pow(10, Double(1 - digits)) * 10, "\(exponent), \(digits): \(text)")
                let significand = text.split(separator: "e").first.map(String.init) ?? text
                let significant = significand.filter(\.isNumber).drop { $0 == "0" }
                XCTAssertLessThanOrEqual(significant.count, max(digits, 1) + 1, "\(exponent), \(digits): \(text) pads digits")
            }
        }
    }
}
