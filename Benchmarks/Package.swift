// swift-tools-version: 6.0
import PackageDescription

// Benchmarks live in their own package so that nothing here slows the main build.
let package = Package(
    name: "AnsatzBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Ansatz", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "ansatz-bench",
            dependencies: [
                .product(name: "AnsatzCore", package: "Ansatz"),
                .product(name: "AnsatzAlgebra", package: "Ansatz"),
                .product(name: "AnsatzNumeric", package: "Ansatz"),
                .product(name: "AnsatzSurrogate", package: "Ansatz"),
                .product(name: "AnsatzUnits", package: "Ansatz"),
            ],
        ),
    ]
)
