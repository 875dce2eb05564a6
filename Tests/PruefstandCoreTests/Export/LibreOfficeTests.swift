import Foundation
import Testing
@testable import PruefstandCore

/// Acceptance tests with LibreOffice headless (`scripts/lo-recalc.sh`: private profile, recalculation on load).
/// Skipped, with a message, only when `soffice` is missing (the Makefile installs libreoffice-calc-nogui).
@Suite("Export: LibreOffice recalculation", .serialized, .enabled(if: ExportTestSupport.hasSoffice, "soffice not installed: apt-get install libreoffice-calc-nogui"))
struct LibreOfficeTests {
    typealias S = ExportTestSupport

    @Test("Every formula cell of the report recalculates in LibreOffice to the engine's cached value, to the cent")
    func recalculation() throws {
        let dir = try S.tempDir("recalc")
        let file = dir.appendingPathComponent("bericht.xlsx")
        let builder = try S.sampleBuilder(store: try S.store())
        // A sentinel with a deliberately wrong cached value proves that LibreOffice really recalculated.
        builder.add(table: ReportTable(key: "sentinel", de: "Kontrolle", en: "Check",
            columns: [.init("x", de: "x", en: "x", kind: .integer)], rows: [[.formula("1+1", cached: .integer(0))]]))
        try builder.writeWorkbook(to: file.path)
        let outDir = dir.appendingPathComponent("lo")
        try S.libreOffice(outDir: outDir, [file])
        let original = try S.cells(file)
        let recalculated = try S.cells(outDir.appendingPathComponent("bericht.xlsx"))
        #expect(original.map(\.name) == recalculated.map(\.name))

        let sentinel = try #require(recalculated.first { $0.name == "Kontrolle" })
        #expect(sentinel.cells["A4"]?.v.flatMap(Double.init) == 2, "LibreOffice did not recalculate on load")

        var checked = 0
        for sheet in original where sheet.name != "Kontrolle" {
            let other = try #require(recalculated.first { $0.name == sheet.name })
            for (ref, cell) in sheet.cells where cell.f != nil {
                let mine = try #require(cell.v.flatMap(Double.init), "\(sheet.name)!\(ref) has no cached number")
                let theirs = try #require(other.cells[ref]?.v.flatMap(Double.init), "\(sheet.name)!\(ref) missing after recalculation")
                // To the cent for money; percent shares to 1e-9.
                let isShare = cell.fmt.contains("%")
                if isShare {
                    #expect(abs(mine - theirs) < 1e-9, "\(sheet.name)!\(ref) \(cell.f!): engine \(mine), LibreOffice \(theirs)")
                } else {
                    #expect((mine * 100).rounded() == (theirs * 100).rounded(), "\(sheet.name)!\(ref) \(cell.f!): engine \(mine), LibreOffice \(theirs)")
                }
                checked += 1
            }
        }
        // Plan-Ist: 3 variances + 3 shares + 4 totals; projection 2; top variances 10 × 2; audit 1 difference + 3 totals.
        #expect(checked == 10 + 2 + 20 + 4)
    }

    @Test("The excel-de CSV opened by LibreOffice (German locale) gives the rfc4180 file's numbers, dates and texts")
    func excelDEMatchesRFC4180() throws {
        let dir = try S.tempDir("csv-lo")
        let table = S.planActual()
        let rfc = dir.appendingPathComponent("plan.csv")
        let de = dir.appendingPathComponent("plan-de.csv")
        try CSVWriter.write(table, to: rfc.path, dialect: .rfc4180)
        try CSVWriter.write(table, to: de.path, dialect: .excelDE)
        let outDir = dir.appendingPathComponent("lo")
        // separator ';', quote '"', UTF-8 (76), from line 1, standard columns, locale de-DE (1031), detect numbers/dates
        try S.libreOffice(infilter: "CSV:59,34,76,1,,1031,false,true", outDir: outDir, [de])
        let sheet = try #require(try S.cells(outDir.appendingPathComponent("plan-de.xlsx")).first)
        let rows = S.parseCSV(try String(contentsOf: rfc, encoding: .utf8), separator: ",")
        let epoch = -25_569   // Excel serial 25569 is 1970-01-01 (day number 0)
        var numbers = 0
        for (r, row) in rows.enumerated() {
            for (c, field) in row.enumerated() {
                let ref = XlsxSheet.cellName(row: r, col: c)
                let cell = sheet.cells[ref]
                if r > 0, let value = Double(field) {
                    #expect(cell?.t == "n" && cell?.v.flatMap(Double.init) == value, "\(ref): rfc4180 \(field), LibreOffice \(cell?.v ?? "nil")")
                    numbers += 1
                } else if r > 0, let date = CivilDate(iso: field) {
                    #expect(cell?.v.flatMap(Double.init) == Double(date.dayNumber - epoch), "\(ref): date \(field)")
                } else {
                    #expect(cell?.f == nil, "\(ref) became a formula")
                    #expect((cell?.v ?? "") == field, "\(ref): text \(field) became \(cell?.v ?? "nil")")
                }
            }
        }
        #expect(numbers == 3 * 5)
        // The injection texts arrive as text, with the neutralising apostrophe.
        #expect(sheet.cells["B2"]?.v == "'" + S.hyperlink)
        #expect(sheet.cells["B3"]?.v == "'" + S.atSum)
    }

    /// Product codes, accounts and cost-center keys in an excel-de CSV stay text when LibreOffice opens it
    /// in a German locale, whatever the user's import settings ("quoted field as text", "detect special
    /// numbers" on or off), and read back as the code after trimming (issue 16). Without the writer's
    /// leading tab, `05.02.01` becomes the date 05.02.2001 and `0815` the number 815 (checked as the control).
    @Test("A product code stays text in an excel-de CSV opened by LibreOffice in a German locale", arguments: [
        "CSV:59,34,76,1,,1031,false,true", "CSV:59,34,76,1,,1031,true,true", "CSV:59,34,76,1,,1031,false,false",
        "CSV:59,34,76,1,,1031,true,false",
    ])
    func codesStayText(infilter: String) throws {
        let codes = ["05.02.01", "16.01.01", "401300", "0815", "16.01.01 / 401300", "1,5", "12:30"]
        let table = ReportTable(key: "codes", de: "Codes", en: "Codes", columns: [
            .init("code", de: "Code", en: "Code", kind: .text), .init("amount", de: "Betrag", en: "Amount", kind: .money),
        ], rows: codes.map { [.text($0), .money(Money(cents: 150))] })
        let dir = try S.tempDir("csv-codes")
        let de = dir.appendingPathComponent("codes.csv")
        try CSVWriter.write(table, to: de.path, dialect: .excelDE)
        // The control: the same codes written without the writer's protection, as a naive writer would.
        let naive = dir.appendingPathComponent("naive.csv")
        try Data(([0xEF, 0xBB, 0xBF] + Array(("code;amount\r\n" + codes.map { $0 + ";1,50\r\n" }.joined()).utf8))).write(to: naive)
        let outDir = dir.appendingPathComponent("lo")
        try S.libreOffice(infilter: infilter, outDir: outDir, [de, naive])
        let sheet = try #require(try S.cells(outDir.appendingPathComponent("codes.xlsx")).first)
        for (i, code) in codes.enumerated() {
            let cell = sheet.cells["A\(i + 2)"]
            #expect(cell?.t != "n" && cell?.t != "d", "\(infilter): \(code) became a number or date (\(cell?.t ?? "nil") \(cell?.v ?? "nil"))")
            #expect(cell?.v?.trimmingCharacters(in: .whitespaces) == code, "\(infilter): \(code) read as \(cell?.v ?? "nil")")
            #expect(sheet.cells["B\(i + 2)"]?.t == "n", "\(infilter): the amount stays a number")
        }
        let control = try #require(try S.cells(outDir.appendingPathComponent("naive.xlsx")).first)
        #expect(control.cells["A5"]?.t == "n", "\(infilter): the control 0815 should become a number")
    }
}
