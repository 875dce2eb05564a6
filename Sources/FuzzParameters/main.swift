// libFuzzer target for the loaders of assumptions: NRW parameter files, relief scenarios, review rules,
// audit parameters and the projection scenario. Arbitrary text must load or end in an error that names
// the file, never a crash or a hang. The first byte picks the loader. Driven by libFuzzer when built with -DFUZZING.
import Foundation
import FuzzSupport
import PruefstandCore

let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-params-\(getpid()).yaml").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParameters(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes, size > 0 else { return 0 }
    let rest = Data(bytes: bytes + 1, count: size - 1)
    let text = String(decoding: rest, as: UTF8.self)
    do {
        switch bytes[0] % 5 {
        case 0:
            _ = FileManager.default.createFile(atPath: path, contents: rest)
            _ = try ParameterFile.load(file: path)
        case 1:
            _ = FileManager.default.createFile(atPath: path, contents: rest)
            _ = try Scenario.load(file: path)
        case 2: _ = try ReviewRules.parse(yaml: text, path: "rules.yaml")
        case 3: _ = try AuditParameters.parse(yaml: text, path: "audit.yaml")
        default: _ = try ProjectionScenario.parse(yaml: text, path: "projection.yaml")
        }
    } catch {
        _ = "\(error)"   // every message must render
    }
    return 0
}

runFuzzer("FuzzParameters", fuzzParameters, warmUps: ["\u{2}checks: {}\n", "\u{3}name: x\n", "\u{4}name: x\n"])
