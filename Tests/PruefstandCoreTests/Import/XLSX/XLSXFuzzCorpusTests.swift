import Foundation
import Testing
@testable import PruefstandCore

/// Replays the committed fuzz inputs through the reader exactly as the FuzzXLSX target does: the seeds
/// in `Fuzz/corpus/FuzzXLSX/` and every former finding in `Fuzz/regressions/FuzzXLSX/` (a file dropped
/// there is a regression test from then on). Each must read or fail with an `XLSXError`.
@Suite("XLSX fuzz corpus", .timeLimit(.minutes(1)))
struct XLSXFuzzCorpusTests {
    static let repository = TestSupport.repoRoot

    static func inputs() -> [URL] {
        ["Fuzz/corpus/FuzzXLSX", "Fuzz/regressions/FuzzXLSX"].flatMap { folder -> [URL] in
            let url = repository.appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }.sorted { $0.path < $1.path }
    }

    /// The FuzzXLSX framing: first byte even → the rest is an .xlsx; odd → the rest is sheet XML (and,
    /// with bit 1, also the shared string table) inside a workbook frame.
    static func workbook(fromFuzzInput bytes: Data) -> Data {
        let mode = bytes.first ?? 0
        let rest = bytes.dropFirst()
        if mode & 1 == 0 { return Data(rest) }
        return XLSXFixtures.zip(XLSXFixtures.workbookEntries(
            sheet: .stored("xl/worksheets/sheet1.xml", Data(rest)),
            sharedStrings: mode & 2 != 0 ? .stored("xl/sharedStrings.xml", Data(rest)) : nil))
    }

    @Test("Every committed fuzz input reads or fails with an XLSXError")
    func replay() throws {
        let inputs = Self.inputs()
        #expect(inputs.count >= 5, "seed corpus missing under \(Self.repository.path)")
        for url in inputs {
            let data = Self.workbook(fromFuzzInput: try Data(contentsOf: url))
            do {
                let reader = try XLSXReader(data: data, name: url.lastPathComponent)
                for name in reader.sheetNames.prefix(4) { _ = try? reader.grid(sheet: name) }
            } catch is XLSXError {
            } catch {
                Issue.record("\(url.lastPathComponent): not an XLSXError: \(error)")
            }
        }
    }

    @Test("The zipfile-made seed: absolute and ../ relationship targets, custom date format, 1904 dates")
    func zipfileSeed() throws {
        let url = Self.repository.appendingPathComponent("Fuzz/corpus/FuzzXLSX/00-zipfile-deflate.seed")
        let reader = try XLSXReader(data: Self.workbook(fromFuzzInput: try Data(contentsOf: url)))
        #expect(reader.sheetNames == ["A", "B"])
        #expect(reader.uses1904DateSystem)
        let a = try reader.rows(sheet: "A")
        // Style 1 is custom format 164 "[$-407]dd/mm/yyyy;@"; serial 45000 in the 1904 system is
        // 1904-01-01 + 45000 days = 2027-03-16 (Python's datetime as the oracle).
        #expect(a[0].cells[0].value == .number("45000.5"))
        #expect(a[0].cells[0].isDate)
        #expect(a[0].cells[0].date == CivilDate(year: 2027, month: 3, day: 16))
        #expect(a[0].cells[1].isDate)   // style 2 is built-in format 14
        #expect(try reader.grid(sheet: "B") == [[], [], [nil, nil, "7"]])
    }
}
