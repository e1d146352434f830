import AnsatzFuzzTargets
import Foundation

// Two builds of one file. With -DFUZZING (Tests/fuzz/run.sh builds with
// `--sanitize=fuzzer --sanitize=address`) this is libFuzzer's entry point, and the target is
// chosen by ANSATZ_FUZZ_TARGET; libFuzzer supplies `main`. In the ordinary build it replays
// files through a target, to reproduce a finding without the sanitizer build:
//     ansatz-fuzz plain crash-1234...
// and `ansatz-fuzz --tool-seeds DIR` writes the registry's example calls as seeds.

#if FUZZING
nonisolated(unsafe) var selected: (@Sendable ([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let name = ProcessInfo.processInfo.environment["ANSATZ_FUZZ_TARGET"] ?? ""
    guard let run = FuzzTargets.target(named: name) else {
        FileHandle.standardError.write(Data("set ANSATZ_FUZZ_TARGET to one of: \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    selected = run
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selected?(bytes)
    return 0
}
#else
@main
struct ReplayFuzzInputs {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "--tool-seeds", let directory = arguments.dropFirst().first {
            // the registry's examples, as seeds for the `tools` target (Tests/fuzz/seed.py)
            for (i, seed) in FuzzTargets.toolSeeds.enumerated() {
                FileManager.default.createFile(atPath: "\(directory)/registry-example-\(i)", contents: Data(seed))
            }
            return
        }
        guard let name = arguments.first, let run = FuzzTargets.target(named: name) else {
            print("usage: ansatz-fuzz TARGET FILE...   (targets: \(FuzzTargets.all.map(\.name).joined(separator: ", ")))")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(2)
            }
            run(Array(data))
            print("\(path): returned")
        }
    }
}
#endif
