// What every libFuzzer target shares: handing its test function to libFuzzer after a warm-up, and the one
// rule each checks, that a loader fails only with the error type it promises (whose message must render).
// With -DFUZZING (scripts/fuzz.sh) `runFuzzer` drives libFuzzer; in a plain build each target is a small
// program that says so, and its code is still compiled, so a changed API breaks the ordinary build.
import Foundation

/// libFuzzer's callback: one input, 0 when it was handled.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzTarget) -> CInt
#endif

/// Runs `target` once on each warm-up input, so that lazy globals (parsers, locales, frames) exist before
/// libFuzzer starts counting allocations (LeakSanitizer would report them as leaks of the first input), then
/// hands over to libFuzzer with the process's arguments. Never returns.
public func runFuzzer(_ name: String, _ target: FuzzTarget, warmUps: [String] = []) -> Never {
    #if FUZZING
    for warmUp in warmUps {
        let bytes = Array(warmUp.utf8)
        _ = bytes.withUnsafeBufferPointer { target($0.baseAddress, $0.count) }
    }
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
    #else
    print("\(name) is a libFuzzer target: run scripts/fuzz.sh")
    exit(0)
    #endif
}

/// Runs `body`: an error of type `E` is an answer (its message must render, and `check` may ask more of it);
/// any other error is a finding, and traps so that libFuzzer keeps the input.
public func expectOnly<E: Error & CustomStringConvertible>(_ type: E.Type, _ what: String, _ body: () throws -> Void,
                                                          check: (E, String) -> Void = { _, _ in }) {
    do { try body() }
    catch let error as E { check(error, error.description) }
    catch { fatalError("\(what) threw an error that is not a \(E.self): \(error)") }
}
