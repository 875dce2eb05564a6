import Foundation
import Testing
@testable import PruefstandCore

@Suite("Export: workbook writer")
struct XlsxReportTests {
    typealias S = ExportTestSupport

    static let sheetNameCases: [(String, Set<String>, String)] = [
        ("Plan/Ist [2025]: Abweichungen*?", [], "Plan-Ist -2025-"),
        ("Plan/Ist [2025]: Abw.*?", [], "Plan-Ist -2025- – Abw.--"),
        ("Benford: erste Ziffer", [], "Benford – erste Ziffer"),
        ("Ausgabenkritik: stärkster Anstieg zum Vorjahr", [], "Ausgabenkritik – stärkster"),
        ("Treiber auffälliger Abweichungen", [], "Treiber auffälliger"),
        ("'Annahmen'", [], "Annahmen"),
        ("Übersicht", ["übersicht"], "Übersicht (2)"),
        (String(repeating: "x", count: 40), [String(repeating: "x", count: 31)], String(repeating: "x", count: 27) + " (2)"),
        ("", [], "Tabelle"),
    ]

    @Test("Sheet names are cut to 31 characters after a whole word, lose []:*?/\\ and stay unique", arguments: sheetNameCases)
    func sheetNames(proposed: String, taken: Set<String>, expected: String) {
        #expect(XlsxWorkbook.sanitizedSheetName(proposed, taken: taken) == expected)
    }

    @Test("Column letters follow Excel: A, Z, AA, AZ, BA, XFD")
    func columnLetters() {
        #expect([0, 25, 26, 51, 52, 16383].map(XlsxSheet.columnLetter) == ["A", "Z", "AA", "AZ", "BA", "XFD"])
    }

    @Test("A formula template that names an unknown column or table is an error with the table's key")
    func badTemplate() throws {
        var t = ReportTable(key: "t", de: "T", en: "T", columns: [.init("a", de: "A", en: "A", kind: .money)])
        t.rows = [[.formula("{col:nope}{r}*2", cached: .money(.zero))]]
        let b = ReportBuilder(lang: .de)
        b.add(table: t)
        let dir = try S.tempDir("bad")
        #expect(throws: PruefstandError.other("table t: formula \"{col:nope}{r}*2\": no column nope")) {
            try b.writeWorkbook(to: dir.appendingPathComponent("x.xlsx").path)
        }
        t.rows = [[.formula("{ref:other:a:0}", cached: .money(.zero))]]
        let b2 = ReportBuilder(lang: .de)
        b2.add(table: t)
        #expect(throws: PruefstandError.other("table t: formula \"{ref:other:a:0}\": no table other in the workbook")) {
            try b2.writeWorkbook(to: dir.appendingPathComponent("y.xlsx").path)
        }
    }

    /// Golden cell dump of the sample report (German). Re-record with PRUEFSTAND_RECORD=1 and review the diff.
    @Test("The sample workbook's cells, formulas, formats and print settings match the golden dump")
    func golden() throws {
        let dir = try S.tempDir("golden")
        let file = dir.appendingPathComponent("bericht.xlsx")
        try S.sampleBuilder(store: try S.store()).writeWorkbook(to: file.path)
        if let sample = ProcessInfo.processInfo.environment["PRUEFSTAND_SAMPLE_OUT"] {   // for looking at it
            try? FileManager.default.removeItem(atPath: sample)
            try FileManager.default.copyItem(atPath: file.path, toPath: sample)
        }
        let dump = try S.dump(file)
        let golden = S.fixtures.appendingPathComponent("golden-report-de.txt")
        if ProcessInfo.processInfo.environment["PRUEFSTAND_RECORD"] == "1" {
            try dump.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(dump == expected, "re-record with PRUEFSTAND_RECORD=1 if the change is intended")
    }

    @Test("English report: English sheet names and labels")
    func english() throws {
        let b = try S.sampleBuilder(store: try S.store(), lang: .en)
        #expect(b.plannedSheetNames() == ["Overview", "Plan vs actual", "Position review", "Assumptions", "Projection", "Audit trail", "Rejected rows"])
        let dir = try S.tempDir("en")
        let file = dir.appendingPathComponent("report.xlsx")
        try b.writeWorkbook(to: file.path)
        let sheets = try S.cells(file)
        #expect(sheets.map(\.name) == b.plannedSheetNames())
        let plan = try #require(sheets.first { $0.name == "Plan vs actual" })
        #expect(plan.cells["A8"]?.v == "Total")
        #expect(plan.props.contains("footer=&LPruefstand \(Engine.version)&RPage &P of &N"))
    }

    @Test("Vendor texts =HYPERLINK(…) and @SUM(1) are string cells in the workbook, never formulas")
    func injectionXLSX() throws {
        let dir = try S.tempDir("inj")
        let file = dir.appendingPathComponent("bericht.xlsx")
        try S.sampleBuilder(store: try S.store()).writeWorkbook(to: file.path)
        let sheets = try S.cells(file)
        var found = 0
        for sheet in sheets {
            for (_, cell) in sheet.cells where cell.v == S.hyperlink || cell.v == S.atSum {
                #expect(cell.f == nil)
                #expect(cell.t == "s" || cell.t == "inlineStr")
                found += 1
            }
        }
        #expect(found == 4)   // two vendors on Plan-Ist, two rejected values
    }
}

@Suite("Export: column widths")
struct ColumnWidthTests {
    @Test("The width of an amount is counted exactly as long as its German text", arguments: [
        Int64(0), 5, -5, 99, 100, -100, 99_999, 100_000, 123_456_789, -123_456_789, 100_000_000_000, Int64.max, Int64.min + 1,
    ])
    func germanWidth(cents: Int64) {
        #expect(ReportTableRenderer.germanWidth(Money(cents: cents)) == Money(cents: cents).germanString.count)
    }
}
