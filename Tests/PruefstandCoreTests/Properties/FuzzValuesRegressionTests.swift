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
        for style in [DateStyle.auto, .german, .iso, .slashDMY, .slashMDY, .excelSerial] {
            if case .success(let d) = ValueParsers.date(text, style: style) {
                #expect(CivilDate(iso: d.iso) == d && CivilDate(dayNumber: d.dayNumber) == d)
            }
        }
        for style in [NumberStyle.german, .english] {
            if case .success(let cents) = ValueParsers.cents(text, style: style) {
                #expect(cents.magnitude <= UInt64(Money.maxInputCents))
                #expect(ValueParsers.cents(Money(cents: cents).plainString, style: .english) == .success(cents))
                #expect(ValueParsers.cents(Money(cents: cents).germanString, style: .german) == .success(cents))
            }
        }
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

    @Test("an Excel serial beyond 2200 is not a date (the second finding: 110075)")
    func excelSerialRange() {
        #expect(CivilDate(excelSerial: 110_075) == nil)
        #expect(CivilDate(excelSerial: 109_574)?.iso == "2199-12-31")   // 2200-01-01 is serial 109575
        #expect(CivilDate(excelSerial: 45_658)?.iso == "2025-01-01")
    }

    @Test("the lax readings the adversarial tester found (issue 19) are refused, and a no-break space groups thousands")
    func laxParsingFindings() {
        for bad in ["1 23 456,00", "(-5,00)"] {
            if case .success(let c) = ValueParsers.cents(bad, style: .german) { Issue.record("\(bad) read as \(c)") }
        }
        if case .success(let d) = ValueParsers.date("2025-01-3 1", style: .auto) { Issue.record("2025-01-3 1 read as \(d)") }
        #expect(ValueParsers.cents("1\u{A0}234,56", style: .german) == .success(123_456))
    }
}
