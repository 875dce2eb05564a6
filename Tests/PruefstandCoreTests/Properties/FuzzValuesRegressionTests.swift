import Foundation
import Testing
@testable import PruefstandCore

/// Former FuzzValues findings (Fuzz/regressions/FuzzValues/), replayed through the same checks as the
/// fuzz target: they must parse or be refused, and round-trip when they parse.
@Suite("FuzzValues regressions")
struct FuzzValuesRegressionTests {
    static var files: [URL] {
        let dir = TestSupport.repoRoot.appendingPathComponent("Fuzz/regressions/FuzzValues")
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test("every former finding parses or is refused, and round-trips", arguments: files)
    func replay(_ file: URL) throws {
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        if let f = FTE(text) { #expect(FTE(f.description) == f) }
        if let g = PayGrade(text) { #expect(PayGrade(g.code) == g) }
        _ = ProductCode(text); _ = Account(text)
    }

    @Test("a digit followed by a combining mark is not a digit (the first finding: FTE \"011.100\\u{73A}1\")")
    func combiningMark() {
        #expect(FTE("011.100\u{73A}1") == nil)
        #expect(FTE("0\u{73A}.5") == nil)
        #expect(Account("52110\u{73A}0") == nil)
        #expect(ProductCode("01.1\u{301}1.01") == nil)
        #expect(FTE("0.75") == FTE(units: 7500))
    }
}
