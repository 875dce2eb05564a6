// libFuzzer target for YAML loading (Yams + YAMLTree's bounds): arbitrary bytes must load or throw,
// never crash, hang or exhaust memory. Driven by libFuzzer when built with -DFUZZING (scripts/fuzz.sh, FuzzSupport).
import Foundation
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    expectOnly(YAMLTree.LoadError.self, "YAMLTree.load") { _ = try YAMLTree.load(Data(bytes: bytes, count: size)) }
    return 0
}

runFuzzer("FuzzYAML", fuzzYAML)
