// libFuzzer target for the review rules file: arbitrary bytes through `ReviewRules.load` (the file path,
// with `YAMLLoader`'s checks of size and UTF-8) and `ReviewRules.parse`. Every input must load or end in a
// `PruefstandError` naming the file, quickly and in bounded memory: no crash, no hang, no alias expansion
// (issue 19: a 1.7 KB alias bomb took 48 s and 3.3 GB). Built only with -DFUZZING (scripts/fuzz.sh).
#if FUZZING
import Foundation
import PruefstandCore

let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-rules-\(getpid()).yaml").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReviewRules(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: size)
    FileManager.default.createFile(atPath: path, contents: data)
    do {
        let rules = try ReviewRules.load(path: path)
        // A loaded rule set must be usable: its lookups and bounded parameters.
        _ = rules[AutomationCheck.self].share(kldb: "73294")
        let horizon = rules[RefillCheck.self].horizonMonths
        precondition((1...600).contains(horizon), "horizon out of its bounds")
        _ = CivilDate(iso: "2026-01-01")!.adding(months: horizon)
    } catch let error as PruefstandError {
        _ = error.description   // every message must render
    } catch {
        fatalError("not a PruefstandError: \(error)")
    }
    if let text = String(data: data, encoding: .utf8) {
        do { _ = try ReviewRules.parse(yaml: text, path: "rules.yaml") } catch let error as PruefstandError { _ = error.description }
        catch { fatalError("not a PruefstandError: \(error)") }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

// Lazy globals (parsers, locales) are made once before libFuzzer starts counting leaks.
let warmUp = Array("checks:\n  refill:\n    parameters:\n      horizon_months: 24\n".utf8)
_ = warmUp.withUnsafeBufferPointer { fuzzReviewRules($0.baseAddress, $0.count) }
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzReviewRules))
#else
print("FuzzReviewRules is a libFuzzer target: run scripts/fuzz.sh")
#endif
