// swift-tools-version: 6.0
import PackageDescription

// Dependencies, each chosen on purpose:
// - GMP and MPFR (system libraries): exact integers/rationals and correctly rounded floats.
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
        .target(name: "AnsatzNumbers", dependencies: ["CGMP"]),
        .target(name: "AnsatzCore", dependencies: ["AnsatzNumbers"]),
        .target(name: "AnsatzParse", dependencies: ["AnsatzCore"]),
        .target(name: "AnsatzAlgebra", dependencies: ["AnsatzCore"]),
        .target(name: "AnsatzTools", dependencies: ["AnsatzCore", "AnsatzParse", "AnsatzAlgebra"]),
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
                "AnsatzServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AnsatzNumbersTests", dependencies: ["AnsatzNumbers"]),
        .testTarget(name: "AnsatzCoreTests", dependencies: ["AnsatzCore", "AnsatzParse"]),
        .testTarget(name: "AnsatzParseTests", dependencies: ["AnsatzParse", "TestSupport"]),
        .testTarget(name: "AnsatzAlgebraTests", dependencies: ["AnsatzAlgebra", "AnsatzParse", "TestSupport"]),
        .testTarget(name: "AnsatzToolsTests", dependencies: ["AnsatzTools"]),
        .testTarget(name: "AnsatzCLITests", dependencies: ["ansatz"]),
    ]
)
