import CXlsxWriter
import Foundation

/// One worksheet of an `XlsxWorkbook`. Rows and columns are 0-based as in libxlsxwriter.
public struct XlsxSheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public let name: String
    unowned let workbook: XlsxWorkbook

    /// The name quoted for use in a formula: `'Plan-Ist'`.
    public var quotedName: String { XlsxSheet.quote(name) }

    static func quote(_ name: String) -> String { "'" + name.replacingOccurrences(of: "'", with: "''") + "'" }

    func check(_ rc: lxw_error, _ row: Int, _ col: Int) throws {
        guard rc == LXW_NO_ERROR else {
            throw PruefstandError.file(path: workbook.path,
                message: "sheet \"\(name)\" cell \(XlsxSheet.cellName(row: row, col: col)): \(String(cString: lxw_strerror(rc)))")
        }
    }

    public func write(number: Double, row: Int, col: Int, format: UnsafeMutablePointer<lxw_format>? = nil) throws {
        try check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(col), number, format), row, col)
    }

    /// Always a string cell, whatever the text begins with; through `XMLText`. Text longer than Excel's
    /// 32,767 characters is cut.
    public func write(string: String, row: Int, col: Int, format: UnsafeMutablePointer<lxw_format>? = nil) throws {
        try check(workbook.cell(string).withCString { worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), $0, format) }, row, col)
    }

    /// A formula with the engine's value as its cached result.
    public func write(formula: String, cached: Double, row: Int, col: Int, format: UnsafeMutablePointer<lxw_format>? = nil) throws {
        try check(workbook.xml(formula).withCString {
            worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(col), $0, format, cached)
        }, row, col)
    }

    /// A formula whose cached result is text.
    public func write(formula: String, cachedText: String, row: Int, col: Int, format: UnsafeMutablePointer<lxw_format>? = nil) throws {
        try check(workbook.xml(formula).withCString { f in
            workbook.xml(cachedText).withCString { worksheet_write_formula_str(handle, lxw_row_t(row), lxw_col_t(col), f, format, $0) }
        }, row, col)
    }

    public func write(date: CivilDate, row: Int, col: Int, format: UnsafeMutablePointer<lxw_format>? = nil) throws {
        var dt = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
        try check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(col), &dt, format), row, col)
    }

    /// An internal hyperlink (`'Sheet'!A5`) on a cell; the cell's value is written afterwards and keeps the link.
    public func link(row: Int, col: Int, to target: String) throws {
        try check(("internal:" + target).withCString { worksheet_write_url(handle, lxw_row_t(row), lxw_col_t(col), $0, nil) }, row, col)
    }

    public func writeBlank(row: Int, col: Int, format: UnsafeMutablePointer<lxw_format>?) throws {
        try check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(col), format), row, col)
    }

    public func setColumn(_ col: Int, width: Double, format: UnsafeMutablePointer<lxw_format>? = nil) {
        _ = worksheet_set_column(handle, lxw_col_t(col), lxw_col_t(col), width, format)
    }

    public func setRow(_ row: Int, height: Double, format: UnsafeMutablePointer<lxw_format>? = nil) {
        _ = worksheet_set_row(handle, lxw_row_t(row), height, format)
    }

    public func merge(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, text: String,
                      format: UnsafeMutablePointer<lxw_format>?) throws {
        try check(workbook.cell(text).withCString {
            worksheet_merge_range(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol), $0, format)
        }, firstRow, firstCol)
    }

    public func freezePanes(row: Int, col: Int = 0) { worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(col)) }

    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        _ = worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol))
    }

    /// A dropdown list on a range; values outside the list are refused.
    public func dropdown(firstRow: Int, lastRow: Int, col: Int, choices: [String], lang: Language) throws {
        // Excel limits an explicit list to 255 characters including the separating commas; a choice
        // cannot itself contain a comma. Otherwise the cells stay highlighted inputs without a list.
        let choices = choices.map { workbook.xml($0) }
        guard !choices.isEmpty, choices.joined(separator: ",").count <= 255, !choices.contains(where: { $0.contains(",") }) else { return }
        var cStrings: [UnsafeMutablePointer<CChar>?] = choices.map { strdup($0) }
        cStrings.append(nil)
        defer { cStrings.forEach { free($0) } }
        let title = lang == .de ? "Eingabe" : "Input"
        let message = lang == .de ? "Bitte einen Wert aus der Liste wählen." : "Please choose a value from the list."
        try cStrings.withUnsafeMutableBufferPointer { list in
            try title.withCString { t in
                try message.withCString { m in
                    var dv = lxw_data_validation()
                    dv.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
                    dv.value_list = list.baseAddress
                    dv.input_title = UnsafeMutablePointer(mutating: t)
                    dv.input_message = UnsafeMutablePointer(mutating: m)
                    dv.error_title = UnsafeMutablePointer(mutating: t)
                    dv.error_message = UnsafeMutablePointer(mutating: m)
                    try check(worksheet_data_validation_range(handle, lxw_row_t(firstRow), lxw_col_t(col),
                                                              lxw_row_t(lastRow), lxw_col_t(col), &dv), firstRow, col)
                }
            }
        }
    }

    /// Highlights cells of a range that meet a flag condition.
    public func highlight(firstRow: Int, lastRow: Int, col: Int, when flag: ReportTable.Flag,
                          format: UnsafeMutablePointer<lxw_format>) throws {
        var cf = lxw_conditional_format()
        cf.format = format
        var owned: UnsafeMutablePointer<CChar>? = nil
        defer { free(owned) }
        switch flag {
        case .equals(let text):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            owned = strdup("\"" + workbook.xml(text).replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            cf.value_string = owned
        case .nonEmpty:
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_NO_BLANKS.rawValue)
        case .above(let limit):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
            cf.value = ReportTableRenderer.double(limit)
        case .notZero:
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO.rawValue)
            cf.value = 0
        case .below(let limit):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
            cf.value = ReportTableRenderer.double(limit)
        }
        try check(worksheet_conditional_format_range(handle, lxw_row_t(firstRow), lxw_col_t(col),
                                                     lxw_row_t(lastRow), lxw_col_t(col), &cf), firstRow, col)
    }

    /// Protects the sheet so that only unlocked (input) cells can be edited; filtering, sorting and
    /// resizing stay allowed. No password: this guards against slips, not against intent.
    public func protectKeepingInputs() {
        var p = lxw_protection()
        p.autofilter = 1; p.sort = 1; p.format_columns = 1; p.format_rows = 1
        worksheet_protect(handle, nil, &p)
    }

    public func insert(chart: UnsafeMutablePointer<lxw_chart>, row: Int, col: Int, xScale: Double = 1, yScale: Double = 1) throws {
        var o = lxw_chart_options()
        o.x_scale = xScale; o.y_scale = yScale
        o.x_offset = 4; o.y_offset = 4
        try check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(col), chart, &o), row, col)
    }

    public func hideGridlines() { worksheet_gridlines(handle, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue)) }
    public func activate() { worksheet_activate(handle) }

    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
    public static func columnLetter(_ col: Int) -> String {
        var n = col + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// `B7` for row 6, column 1 (0-based).
    public static func cellName(row: Int, col: Int) -> String { columnLetter(col) + String(row + 1) }
}
