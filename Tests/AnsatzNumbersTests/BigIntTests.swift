import XCTest
@testable import AnsatzNumbers

final class BigIntTests: XCTestCase {
    func testFactorialsMatchPublishedValues() throws {
        // OEIS A000142
        XCTAssertEqual(try BigInt.factorial(20).description, "2432902008176640000")
        XCTAssertEqual(try BigInt.factorial(30).description, "265252859812191058636308480000000")
        var product = BigInt.one
        for k in 1...50 { product *= BigInt(k) }
        XCTAssertEqual(product, try BigInt.factorial(50))
        XCTAssertEqual(product.description, "30414093201713378043612608166064768844377641568960512000000000000")
    }

    func testFibonacciByRepeatedAddition() {
        // F(100) and F(200), OEIS A000045
        var (a, b) = (BigInt.zero, BigInt.one)
        for _ in 0..<100 { (a, b) = (b, a + b) }
        XCTAssertEqual(a.description, "354224848179261915075")
        for _ in 0..<100 { (a, b) = (b, a + b) }
        XCTAssertEqual(a.description, "280571172992510140037611932413038677189525")
    }

    func testOverflowPromotesAndDemotes() throws {
        let big = BigInt(Int.max) + 1
        XCTAssertNil(big.intValue)
        XCTAssertEqual(big.description, "9223372036854775808")
        XCTAssertEqual((big - 1).intValue, Int.max)
        XCTAssertEqual(big - 1, BigInt(Int.max))
        XCTAssertEqual((-BigInt(Int.min)).description, "9223372036854775808")
        XCTAssertEqual(try (BigInt(Int.min) / BigInt(-1)).description, "9223372036854775808")
        XCTAssertEqual((BigInt(Int.max) * BigInt(Int.max)).description, "85070591730234615847396907784232501249")
        XCTAssertEqual(Set([big - 1, BigInt(Int.max)]).count, 1)
    }

    func testDivisionAndRemainderFollowSwiftSemantics() throws {
        for (a, b) in [(7, 2), (-7, 2), (7, -2), (-7, -2)] {
            let (q, r) = try BigInt(a).quotientAndRemainder(dividingBy: BigInt(b))
            XCTAssertEqual(q.intValue, a / b)
            XCTAssertEqual(r.intValue, a % b)
        }
        XCTAssertThrowsError(try BigInt(1) / BigInt(0)) { XCTAssertEqual($0 as? NumberError, .divisionByZero) }
        let huge = try BigInt(10).power(40)
        let (q, m) = try (-huge).floorDivMod(BigInt(7))
        XCTAssertEqual(q * 7 + m, -huge)
        XCTAssertTrue(m.signum >= 0)
    }

    func testGcdLcmAndRoots() throws {
        XCTAssertEqual(BigInt.gcd(BigInt(12), BigInt(-18)), 6)
        XCTAssertEqual(BigInt.lcm(BigInt(4), BigInt(6)), 12)
        let p = try BigInt(3).power(100)
        XCTAssertEqual(BigInt.gcd(p * 5, p * 7), p)
        let (r, exact) = try (p * p).root(2)
        XCTAssertTrue(exact)
        XCTAssertEqual(r, p)
        let (r3, exact3) = try BigInt(30).root(3)
        XCTAssertFalse(exact3)
        XCTAssertEqual(r3, 3)
        XCTAssertEqual(try BigInt(-27).root(3).root, -3)
        XCTAssertThrowsError(try BigInt(-4).root(2))
    }

    func testAbsurdSizesAreErrorsNotAborts() {
        // GMP would abort the process computing 2^(10^11); we must refuse first.
        XCTAssertThrowsError(try BigInt(2).power(100_000_000_000)) { error in
            guard case .tooLarge = error as? NumberError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try BigInt(1).shifted(by: Int.max))
        XCTAssertThrowsError(try BigInt.factorial(1_000_000_000))
        XCTAssertEqual(try BigInt(-1).power(Int.max), -1)
        XCTAssertEqual(try BigInt(1).shifted(by: -5), 0)
        XCTAssertEqual(try BigInt(1).shifted(by: 100).description, "1267650600228229401496703205376")
    }

    func testStringsInAndOut() {
        let digits = String(repeating: "1234567890", count: 10)
        XCTAssertEqual(BigInt(digits)?.description, digits)
        XCTAssertEqual(BigInt("-" + digits)?.description, "-" + digits)
        XCTAssertEqual(BigInt("ff", radix: 16), 255)
        XCTAssertNil(BigInt("12a"))
        XCTAssertNil(BigInt(""))
        XCTAssertNil(BigInt(" 1"))
        XCTAssertEqual(BigInt(1 << 40).toString(radix: 2), "1" + String(repeating: "0", count: 40))
    }

    func testDoubleConversionRoundsToNearest() throws {
        // 2^64 + 2049 lies past the midpoint between 2^64 and the next double (2^64 + 4096):
        // truncation (mpz_get_d) would give 2^64, correct rounding gives 2^64 + 4096.
        let x = try BigInt(2).power(64) + 2049
        XCTAssertEqual(x.doubleValue, 18446744073709555712.0)
        XCTAssertEqual((try BigInt(2).power(64) + 2048).doubleValue, 18446744073709551616.0)  // tie: to even
        XCTAssertEqual(try BigInt(10).power(400).doubleValue, .infinity)
    }
}
