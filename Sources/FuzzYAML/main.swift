// libFuzzer target for YAML loading (Yams + YAMLTree's bounds): arbitrary bytes must load or throw,
// never crash, hang or exhaust memory. Built only with -DFUZZING (scripts/fuzz.sh).
#if FUZZING
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    do { _ = try YAMLTree.load(Data(bytes: bytes, count: size)) }
    catch let error as YAMLTree.LoadError { _ = error.description }
    catch { fatalError("unexpected error type: \(error)") }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzYAML))
#else
print("FuzzYAML is a libFuzzer target: run scripts/fuzz.sh")
#endif
