import CXlsxWriter
import Foundation
import Testing
@testable import PruefstandCore

/// Workbooks written by libxlsxwriter and read back. Expected values are what the test wrote, and the
/// Excel serials are counted by hand from 2024-01-01 = 45292 (Microsoft's documented serial for that
/// day: 1900-01-01 = 1 plus Excel's phantom 1900-02-29).
@Suite("XLSX reader", .timeLimit(.minutes(1)))
struct XLSXReaderTests {
    /// Plan 2026 (numbers, dates, codes as text, rich text, a formula), Stellen, and an empty Hinweise.
    static let planWorkbook: URL = XLSXFixtures.writeWorkbook { wb in
        let plan = workbook_add_worksheet(wb, "Plan 2026")
        let stellen = workbook_add_worksheet(wb, "Stellen")
        _ = workbook_add_worksheet(wb, "Hinweise")
        let germanDate = workbook_add_format(wb)
        format_set_num_format(germanDate, "dd.mm.yyyy")
        let builtinDate = workbook_add_format(wb)
        format_set_num_format_index(builtinDate, 14)
        let money = workbook_add_format(wb)
        format_set_num_format(money, "#,##0.00 \"€\"")
        let bold = workbook_add_format(wb)
        format_set_bold(bold)

        for (col, title) in ["Produkt", "Konto", "Bezeichnung", "Ansatz", "Stichtag", "Aktiv"].enumerated() {
            worksheet_write_string(plan, 0, lxw_col_t(col), title, bold)
        }
        worksheet_write_string(plan, 1, 0, "01.11.01", nil)
        worksheet_write_string(plan, 1, 1, "501100", nil)
        worksheet_write_string(plan, 1, 2, "Personal – Bürgermeisteramt", nil)
        worksheet_write_number(plan, 1, 3, 1234.56, money)
        var day1 = lxw_datetime(year: 2026, month: 1, day: 15, hour: 0, min: 0, sec: 0)
        worksheet_write_datetime(plan, 1, 4, &day1, germanDate)
        worksheet_write_boolean(plan, 1, 5, 1, nil)

        worksheet_write_string(plan, 2, 0, "0042", nil)
        worksheet_write_number(plan, 2, 1, 42, nil)
        worksheet_write_string(plan, 2, 2, "<Tag> & \"Zitat\"\nzweite Zeile", nil)
        worksheet_write_number(plan, 2, 3, -0.5, nil)
        var day2 = lxw_datetime(year: 2024, month: 2, day: 29, hour: 0, min: 0, sec: 0)
        worksheet_write_datetime(plan, 2, 4, &day2, builtinDate)
        worksheet_write_boolean(plan, 2, 5, 0, nil)

        // Row 4 is left out; row 5 has a total and a formula with its cached result.
        worksheet_write_string(plan, 4, 2, "Summe", nil)
        worksheet_write_formula_num(plan, 4, 3, "=SUM(D2:D3)", money, 1234.06)
        // Row 6: rich text in two runs; the same text again (shared string reused).
        let a = strdup("Teil A "), b = strdup("Teil B")
        var t1 = lxw_rich_string_tuple(format: nil, string: a)
        var t2 = lxw_rich_string_tuple(format: bold, string: b)
        withUnsafeMutablePointer(to: &t1) { p1 in
            withUnsafeMutablePointer(to: &t2) { p2 in
                var list: [UnsafeMutablePointer<lxw_rich_string_tuple>?] = [p1, p2, nil]
                _ = list.withUnsafeMutableBufferPointer { worksheet_write_rich_string(plan, 5, 0, $0.baseAddress, nil) }
            }
        }
        free(a); free(b)
        worksheet_write_string(plan, 5, 1, "01.11.01", nil)
        worksheet_write_string(plan, 5, 27, "Spalte AB", nil)

        worksheet_write_string(stellen, 0, 0, "Stelle", nil)
        worksheet_write_string(stellen, 0, 1, "Entgeltgruppe", nil)
        worksheet_write_string(stellen, 1, 0, "0815", nil)
        worksheet_write_string(stellen, 1, 1, "EG 9b", nil)
    }

    @Test("Sheet names come in workbook order")
    func sheetNames() throws {
        let reader = try XLSXReader(path: Self.planWorkbook.path)
        #expect(reader.sheetNames == ["Plan 2026", "Stellen", "Hinweise"])
        #expect(!reader.uses1904DateSystem)
    }

    @Test("Shared strings, numbers as exact text, dates, booleans and codes with leading zeros read back as written")
    func values() throws {
        let rows = try XLSXReader(path: Self.planWorkbook.path).rows(sheet: "Plan 2026")
        #expect(rows.map(\.rowNumber) == [1, 2, 3, 5, 6])
        #expect(rows[0].cells.map(\.value) == ["Produkt", "Konto", "Bezeichnung", "Ansatz", "Stichtag", "Aktiv"].map(XLSXValue.text))
        let second = rows[1].cells
        #expect(second.map(\.reference) == ["A2", "B2", "C2", "D2", "E2", "F2"])
        #expect(second.map(\.column) == [1, 2, 3, 4, 5, 6])
        #expect(second[0].value == .text("01.11.01"))
        #expect(second[1].value == .text("501100"))
        #expect(second[2].value == .text("Personal – Bürgermeisteramt"))
        #expect(second[3].value == .number("1234.56"))
        #expect(second[3].isDate == false)   // a currency format has no d, m or y
        // 2026-01-15: 45292 (2024-01-01) + 366 (2024) + 365 (2025) + 14 = 46037.
        #expect(second[4].value == .number("46037"))
        #expect(second[4].isDate)
        #expect(second[4].date == CivilDate(year: 2026, month: 1, day: 15))
        #expect(second[5].value == .bool(true))

        let third = rows[2].cells
        #expect(third[0].value == .text("0042"))
        #expect(third[1].value == .number("42"))
        #expect(third[2].value == .text("<Tag> & \"Zitat\"\nzweite Zeile"))
        #expect(third[3].value == .number("-0.5"))
        // 2024-02-29 with built-in format 14: 45292 + 31 + 28 = 45351.
        #expect(third[4].value == .number("45351"))
        #expect(third[4].isDate)
        #expect(third[4].date == CivilDate(year: 2024, month: 2, day: 29))
        #expect(third[5].value == .bool(false))

        #expect(rows[3].cells.map(\.reference) == ["C5", "D5"])
        #expect(rows[3].cells[1].value == .number("1234.06"))   // the formula's cached result
        #expect(rows[4].cells[0].value == .text("Teil A Teil B"))
        #expect(rows[4].cells[1].value == .text("01.11.01"))
        #expect(rows[4].cells[2].reference == "AB6")
        #expect(rows[4].cells[2].column == 28)
    }

    @Test("Without a sheet name the first sheet is read; names match ignoring case and outer spaces")
    func sheetSelection() throws {
        let reader = try XLSXReader(path: Self.planWorkbook.path)
        #expect(try reader.rows().first?.cells.first?.value == .text("Produkt"))
        let stellen = try reader.rows(sheet: " stellen ")
        #expect(stellen.count == 2)
        #expect(stellen[1].cells.map(\.value) == [.text("0815"), .text("EG 9b")])
        #expect(try reader.rows(sheet: "Hinweise").isEmpty)
        #expect(try reader.sheetName(for: nil) == "Plan 2026")
        #expect(try reader.sheetName(for: "STELLEN") == "Stellen")
    }

    @Test("A missing sheet is an error that lists the sheets there are")
    func missingSheet() throws {
        let reader = try XLSXReader(path: Self.planWorkbook.path)
        #expect {
            try reader.rows(sheet: "Plan 2027")
        } throws: { error in
            guard let e = error as? XLSXError,
                  case let .sheetNotFound(requested, available) = e.reason else { return false }
            return requested == "Plan 2027" && available == ["Plan 2026", "Stellen", "Hinweise"]
                && e.description.contains("Blatt \"Plan 2027\" nicht gefunden")
                && e.message(.en).contains("sheet \"Plan 2027\" not found")
        }
    }

    @Test("The grid puts row r+1, column c+1 at [r][c], numbers as their text, gaps as nil")
    func grid() throws {
        let grid = try XLSXReader.grid(path: Self.planWorkbook.path, sheet: "Plan 2026")
        #expect(grid.count == 6)
        #expect(grid[0] == ["Produkt", "Konto", "Bezeichnung", "Ansatz", "Stichtag", "Aktiv"])
        #expect(grid[1] == ["01.11.01", "501100", "Personal – Bürgermeisteramt", "1234.56", "46037", "TRUE"])
        #expect(grid[2][0] == "0042")
        #expect(grid[3] == [])
        #expect(grid[4] == [nil, nil, "Summe", "1234.06"])
        #expect(grid[5].count == 28)
        #expect(grid[5][27] == "Spalte AB")
        #expect(grid[5][2] == nil)
    }

    @Test("firstRows stops after the requested number of rows")
    func firstRows() throws {
        let rows = try XLSXReader(path: Self.planWorkbook.path).firstRows(count: 2)
        #expect(rows.map(\.rowNumber) == [1, 2])
    }

    @Test("Errors thrown by the row handler come back unchanged")
    func handlerErrorPassesThrough() throws {
        struct Mine: Error, Equatable {}
        let reader = try XLSXReader(path: Self.planWorkbook.path)
        #expect(throws: Mine()) { try reader.forEachRow { _ in throw Mine() } }
    }

    @Test("Inline strings (constant-memory writer) read like shared strings")
    func inlineStrings() throws {
        let url = XLSXFixtures.writeWorkbook(constantMemory: true) { wb in
            let ws = workbook_add_worksheet(wb, "Daten")
            worksheet_write_string(ws, 0, 0, "0042", nil)
            worksheet_write_string(ws, 0, 1, "Straße & Weg", nil)
            worksheet_write_number(ws, 0, 2, 0.1, nil)
        }
        let rows = try XLSXReader(path: url.path).rows()
        #expect(rows.count == 1)
        #expect(rows[0].cells.map(\.value) == [.text("0042"), .text("Straße & Weg"), .number("0.1")])
    }

    @Test("Date formats: built-in 14–22 and 45–47, custom codes with d/m/y outside quotes and brackets")
    func dateFormats() {
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47] { #expect(XLSXReader.isDateFormat(id: id, custom: nil)) }
        for id in [0, 1, 2, 4, 9, 10, 11, 12, 13, 23, 44, 48, 49] { #expect(!XLSXReader.isDateFormat(id: id, custom: nil)) }
        #expect(XLSXReader.isDateFormat(id: 164, custom: "dd.mm.yyyy"))
        #expect(XLSXReader.isDateFormat(id: 164, custom: "[$-407]mmmm yy"))
        #expect(XLSXReader.isDateFormat(id: 164, custom: "yyyy-mm-dd;@"))
        #expect(!XLSXReader.isDateFormat(id: 164, custom: "#,##0.00 \"€\""))
        #expect(!XLSXReader.isDateFormat(id: 164, custom: "[Red]#,##0"))
        #expect(!XLSXReader.isDateFormat(id: 164, custom: "0.00\" Tage\""))
        #expect(!XLSXReader.isDateFormat(id: 164, custom: "#,##0\\d"))
    }

    @Test("Hand-written XML: rows and cells without r, t=\"str\", t=\"e\", t=\"d\", _x000D_ escapes, CDATA, 1904 dates")
    func handWrittenSheet() throws {
        let sheet = XLSXFixtures.sheet("""
            <row><c t="inlineStr"><is><t>a_x000D_b</t></is></c><c><v>1.5E-3</v></c><c t="str"><v>ja</v></c></row>\
            <row><c t="e"><v>#DIV/0!</v></c><c t="d"><v>2026-03-01T00:00:00</v></c><c t="inlineStr"><is><t><![CDATA[<roh>]]></t></is></c></row>\
            <row r="4"><c r="C4" t="s"><v>1</v></c><c r="D4"/></row>
            """)
        let strings = """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">\
            <si><t>null</t></si><si><r><t>Kita </t></r><r><rPr><b/></rPr><t>Sonnenschein</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si></sst>
            """
        let reader = try XLSXReader(data: XLSXFixtures.workbook(sheetXML: sheet, sharedStringsXML: strings), name: "hand.xlsx")
        let rows = try reader.rows()
        #expect(rows.map(\.rowNumber) == [1, 2, 4])
        #expect(rows[0].cells.map(\.reference) == ["A1", "B1", "C1"])
        #expect(rows[0].cells.map(\.value) == [.text("a\rb"), .number("1.5E-3"), .text("ja")])
        #expect(rows[1].cells[0].value == .error("#DIV/0!"))
        #expect(rows[1].cells[1].isDate && rows[1].cells[1].date == CivilDate(year: 2026, month: 3, day: 1))
        #expect(rows[1].cells[2].value == .text("<roh>"))
        #expect(rows[2].cells.map(\.value) == [.text("Kita Sonnenschein"), .empty])
        // 1904 system: serial 0 is 1904-01-01, so 1 is 1904-01-02.
        #expect(SheetHandler.date(serial: "1", uses1904: true) == CivilDate(year: 1904, month: 1, day: 2))
        #expect(SheetHandler.date(serial: "45351.75", uses1904: false) == CivilDate(year: 2024, month: 2, day: 29))
    }

    @Test("A 100,000-row sheet streams: every row read, the last one whole (speed: BENCHMARKS.md)")
    func largeSheet() throws {
        let url = XLSXFixtures.writeWorkbook(constantMemory: true) { wb in
            let ws = workbook_add_worksheet(wb, "Buchungen")
            for r in 0..<100_000 {
                worksheet_write_string(ws, lxw_row_t(r), 0, "01.11.01", nil)
                worksheet_write_number(ws, lxw_row_t(r), 1, Double(r) + 0.25, nil)
                worksheet_write_number(ws, lxw_row_t(r), 2, 501100, nil)
            }
        }
        var count = 0
        var last: XLSXRow?
        try XLSXReader(path: url.path).forEachRow { row in count += 1; last = row }
        #expect(count == 100_000)
        #expect(last?.cells.map(\.value) == [.text("01.11.01"), .number("99999.25"), .number("501100")])
    }
}
