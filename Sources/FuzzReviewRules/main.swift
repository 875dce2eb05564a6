// libFuzzer target for the review rules file: arbitrary bytes through `ReviewRules.load` (the file path,
// with `YAMLLoader`'s checks of size and UTF-8) and `ReviewRules.parse`. Every input must load or end in a
// `PruefstandError` naming the file, quickly and in bounded memory: no crash, no hang, no alias expansion
// (issue 19: a 1.7 KB alias bomb took 48 s and 3.3 GB). Driven by libFuzzer when built with -DFUZZING (scripts/fuzz.sh, FuzzSupport).
import Foundation
import FuzzSupport
import PruefstandCore

let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-rules-\(getpid()).yaml").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReviewRules(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: size)
    _ = FileManager.default.createFile(atPath: path, contents: data)
    expectOnly(PruefstandError.self, "ReviewRules.load") {
        let rules = try ReviewRules.load(path: path)
        // A loaded rule set must be usable: its lookups and bounded parameters.
        _ = rules[AutomationCheck.self].share(kldb: "73294")
        let horizon = rules[RefillCheck.self].horizonMonths
        precondition((1...600).contains(horizon), "horizon out of its bounds")
        _ = CivilDate(iso: "2026-01-01")!.adding(months: horizon)
    }
    if let text = String(data: data, encoding: .utf8) {
        expectOnly(PruefstandError.self, "ReviewRules.parse") { _ = try ReviewRules.parse(yaml: text, path: "rules.yaml") }
    }
    return 0
}

// Lazy globals (parsers, locales) are made once before libFuzzer starts counting leaks.
runFuzzer("FuzzReviewRules", fuzzReviewRules, warmUps: ["checks:\n  refill:\n    parameters:\n      horizon_months: 24\n"])
