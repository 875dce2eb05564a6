import CXlsxWriter
import Foundation
import GRDB
import Testing
@testable import PruefstandCore

@Suite("Import from .xlsx")
struct XLSXImportTests {
    @Test("a named sheet with codes stored as text (leading zeros), date cells and numbers imports through a mapping")
    func ledgerFromWorkbook() throws {
        let url = XLSXFixtures.writeWorkbook { wb in
            let notes = workbook_add_worksheet(wb, "Hinweise")
            worksheet_write_string(notes, 0, 0, "Diese Mappe enthält Buchungen.", nil)
            let ws = workbook_add_worksheet(wb, "Buchungen")
            let date = workbook_add_format(wb); format_set_num_format(date, "dd.mm.yyyy")
            let money = workbook_add_format(wb); format_set_num_format(money, "#,##0.00 \"€\"")
            for (c, h) in ["Datum", "Beleg", "Produkt", "KSt", "Sachkonto", "Text", "Kreditor", "Betrag"].enumerated() {
                worksheet_write_string(ws, 0, lxw_col_t(c), h, nil)
            }
            // Excel serials: 2025-01-01 is 45658, so 2025-03-14 is 45658 + 72 = 45730 and 2025-12-31 is 45658 + 364 = 46022
            let rows: [(Double, String, String, String, String, String, String, Double)] = [
                (45730, "0001", "01.11.01", "0042", "521100", "Miete", "Müller GmbH", 1234.56),
                (46022, "0002", "06.01.03", "0042", "531700", "Zuschuss", "Verein e.V.", -0.56),
            ]
            for (r, row) in rows.enumerated() {
                let rr = lxw_row_t(r + 1)
                worksheet_write_number(ws, rr, 0, row.0, date)
                worksheet_write_string(ws, rr, 1, row.1, nil)
                worksheet_write_string(ws, rr, 2, row.2, nil)
                worksheet_write_string(ws, rr, 3, row.3, nil)
                worksheet_write_string(ws, rr, 4, row.4, nil)
                worksheet_write_string(ws, rr, 5, row.5, nil)
                worksheet_write_string(ws, rr, 6, row.6, nil)
                worksheet_write_number(ws, rr, 7, row.7, money)
            }
        }
        let mapping = try Mapping.parse(try StrictYAML.parse("""
            kind: ledger
            format: { sheet: Buchungen }
            columns: { posting_date: Datum, document_id: Beleg, cost_center: KSt, amount: Betrag }
            fixed: { fiscal_year: 2025 }
            """, file: "m.yaml"))
        let (store, dir) = try TestSupport.tempStore()
        var options = ImportOptions(); options.rejectsDirectory = dir
        let s = try Importer(store: store).run(kind: .ledger, path: url.path, mapping: mapping, options: options)
        #expect(s.rowsRead == 2 && s.rowsImported == 2)
        #expect(s.controlStoredCents == 123_400)   // 1234.56 − 0.56
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT postingDate, documentId, product, costCenter, vendor FROM posting ORDER BY sourceLine") }
        #expect(rows.map { $0["postingDate"] as String } == ["2025-03-14", "2025-12-31"])
        #expect(rows.map { $0["documentId"] as String } == ["0001", "0002"])
        #expect(rows.map { $0["costCenter"] as String } == ["0042", "0042"])
        #expect(rows.map { $0["product"] as String } == ["01.11.01", "06.01.03"])
        #expect(rows.first.map { $0["vendor"] as String } == "Müller GmbH")
        #expect(s.rejects.isEmpty, "\(s.rejects.map(\.message))")
    }

    @Test("an .xlsx zip bomb gives a clear error and imports nothing")
    func zipBombRefused() throws {
        let (store, dir) = try TestSupport.tempStore()
        // 16 MiB of zeros deflate to about 16 KiB: a ratio far above the limit.
        let bomb = XLSXFixtures.RawEntry.deflated("xl/worksheets/sheet1.xml", Data(count: 16 << 20))
        let url = URL(fileURLWithPath: dir).appendingPathComponent("bomb.xlsx")
        try XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: bomb)).write(to: url)
        var options = ImportOptions(); options.rejectsDirectory = dir
        #expect { try Importer(store: store).run(kind: .ledger, path: url.path, mapping: nil, options: options) } throws: { "\($0)".contains("bomb.xlsx") }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM importRun") } == 0)
    }
}
