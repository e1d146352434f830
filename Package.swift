// swift-tools-version: 6.0
import PackageDescription

// Dependencies, each chosen on purpose:
// - GMP and MPFR (system libraries): exact integers/rationals and correctly rounded floats.
// - FLINT (system library): sparse multivariate polynomials over Q, their GCD and factorisation,
//   behind expand/cancel/factor. Measured before choosing it: FLINT's fmpz_mpoly expands
//   (x+y+z+w+1)^15 in ~0.3 ms against SymEngine's ~4 ms; a multivariate GCD and a factoriser over Q
//   are each thousands of lines we would otherwise write and test ourselves.
// - Arb (system library, with FLINT): complex ball arithmetic with proven error bounds. The
//   verifier tests steps at random points in the complex plane, where log, sqrt and powers take
//   their principal branches (MPFR is real only); a ball that excludes zero proves a
//   counterexample. The alternative was writing complex interval versions of ~25 functions.
//   It is also every special function's kernel (Γ, ζ, Li_s, erf, Bessel, E_ν, K(m), W...):
//   rigorous at any precision, so evaluation proves its digits, where MPFR has only some of
//   them (no Bessel K or I of real order, no polylog, no elliptic integrals) and no bounds.
// - OpenBLAS (system library, Debian's libopenblas-dev): LAPACK's Cholesky factorisation and
//   solves (dpotrf/dpotrs/dpotri) and BLAS's blocked triangular solve (dtrsm) for the
//   Gaussian-process surrogates. The predictive variance of a block of points is one dtrsm, at
//   near the machine's peak; a hand-written Cholesky would be slower and less tested.
// - swift-argument-parser: the `ansatz` command line (subcommands, help, typed flags).
// - modelcontextprotocol/swift-sdk: the MCP protocol (lifecycle, version negotiation, tool
//   messages) for `ansatz serve`; we supply only the stdio transport. swift-log comes with it and
//   is used for the server's stderr log.
let package = Package(
    name: "Ansatz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ansatz", targets: ["ansatz"]),
        .library(name: "AnsatzCore", targets: ["AnsatzNumbers", "AnsatzCore", "AnsatzParse"]),
        .library(name: "AnsatzAlgebra", targets: ["AnsatzAlgebra"]),
        .library(name: "AnsatzNumeric", targets: ["AnsatzNumeric"]),
        .library(name: "AnsatzSurrogate", targets: ["AnsatzSurrogate"]),
        .library(name: "AnsatzUnits", targets: ["AnsatzUnits"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "mpfr",
            providers: [.apt(["libgmp-dev", "libmpfr-dev", "pkg-config"])]
        ),
        .systemLibrary(name: "CFlint", providers: [.apt(["libflint-dev", "libflint-arb-dev"])]),
        .systemLibrary(name: "CLapack", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "AnsatzNumbers", dependencies: ["CGMP"]),
        // The function catalog's numeric kernels in C over Arb (complex balls at any precision;
        // doubles through a precision loop); the catalog itself is Swift, in AnsatzCore.
        .target(
            name: "CFunctions",
            linkerSettings: [.linkedLibrary("flint-arb"), .linkedLibrary("flint"), .linkedLibrary("mpfr"), .linkedLibrary("gmp")]
        ),
        .target(name: "AnsatzCore", dependencies: ["AnsatzNumbers", "CFunctions"]),
        .target(name: "AnsatzParse", dependencies: ["AnsatzCore"]),
        .target(name: "AnsatzAlgebra", dependencies: ["AnsatzCore", "AnsatzParse", "CFlint"]),
        .target(name: "AnsatzUnits", dependencies: ["AnsatzCore", "AnsatzParse", "AnsatzAlgebra"]),
        // The batch kernel in C: simple loops the C compiler vectorizes, and glibc's libmvec
        // (part of libc6, nothing to install) for vector exp/log/pow/sin... with AVX2.
        .target(
            name: "CMathVec",
            dependencies: ["CFunctions"],
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])],
            linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]
        ),
        .target(name: "AnsatzNumeric", dependencies: ["AnsatzCore", "AnsatzAlgebra", "AnsatzUnits", "CMathVec", "CFlint", "CFunctions"]),
        .target(name: "AnsatzSurrogate", dependencies: ["AnsatzCore", "AnsatzParse", "AnsatzAlgebra", "AnsatzUnits", "AnsatzNumeric", "CMathVec", "CLapack"]),
        // Limits, integrals, equations and matrices, each answer checked before it is returned.
        .target(name: "AnsatzCalculus", dependencies: ["AnsatzCore", "AnsatzAlgebra", "AnsatzNumeric", "CFlint"]),
        .target(name: "AnsatzVerify", dependencies: ["AnsatzCore", "AnsatzParse", "AnsatzAlgebra", "AnsatzUnits", "AnsatzNumeric"]),
        .target(name: "AnsatzTools", dependencies: ["AnsatzCore", "AnsatzParse", "AnsatzAlgebra", "AnsatzUnits", "AnsatzNumeric", "AnsatzVerify", "AnsatzSurrogate", "AnsatzCalculus"]),
        .target(
            name: "AnsatzServer",
            dependencies: [
                "AnsatzTools",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ansatz",
            dependencies: [
                "AnsatzTools",
                "AnsatzNumeric",
                "AnsatzParse",
                "AnsatzServer",
                "AnsatzSurrogate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The fuzz targets (issue 16), replayed on their corpora by AnsatzToolsTests; `ansatz-fuzz`
        // links them to libFuzzer in the sanitizer build of Tests/fuzz/run.sh.
        .target(name: "AnsatzFuzzTargets", dependencies: ["AnsatzTools", "AnsatzServer", "AnsatzNumeric", "AnsatzParse", "AnsatzAlgebra", "AnsatzVerify", "AnsatzSurrogate"]),
        .executableTarget(name: "ansatz-fuzz", dependencies: ["AnsatzFuzzTargets"]),
        .target(name: "TestSupport", dependencies: ["AnsatzCore"], path: "Tests/TestSupport"),
        .testTarget(name: "AnsatzNumbersTests", dependencies: ["AnsatzNumbers"]),
        .testTarget(name: "AnsatzCoreTests", dependencies: ["AnsatzCore", "AnsatzParse"]),
        .testTarget(name: "AnsatzParseTests", dependencies: ["AnsatzParse", "TestSupport"]),
        .testTarget(name: "AnsatzAlgebraTests", dependencies: ["AnsatzAlgebra", "AnsatzParse", "TestSupport"]),
        .testTarget(name: "AnsatzToolsTests", dependencies: ["AnsatzTools", "AnsatzUnits", "AnsatzFuzzTargets", "AnsatzVerify"]),
        .testTarget(name: "AnsatzUnitsTests", dependencies: ["AnsatzUnits", "AnsatzAlgebra", "AnsatzParse", "TestSupport"]),
        .testTarget(name: "AnsatzNumericTests", dependencies: ["AnsatzNumeric", "AnsatzAlgebra", "AnsatzParse", "CMathVec", "TestSupport"]),
        .testTarget(name: "AnsatzCLITests", dependencies: ["ansatz"]),
        .testTarget(name: "AnsatzSurrogateTests", dependencies: ["AnsatzSurrogate", "AnsatzCore", "TestSupport"]),
        .testTarget(name: "AnsatzCalculusTests", dependencies: ["AnsatzCalculus", "AnsatzAlgebra", "AnsatzParse", "AnsatzCore", "AnsatzNumbers", "TestSupport"]),
        .testTarget(name: "AnsatzVerifyTests", dependencies: ["AnsatzVerify", "AnsatzCore", "AnsatzParse", "AnsatzAlgebra", "AnsatzNumeric", "AnsatzNumbers", "TestSupport"]),
    ]
)
