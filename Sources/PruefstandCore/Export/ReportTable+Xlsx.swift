import CXlsxWriter
import Foundation

/// Where a `ReportTable` lands on its sheet: used to resolve formula templates before anything is written.
///
/// Rows are 0-based sheet rows (libxlsxwriter); formulas use 1-based row numbers (`row + 1`).
public struct TablePlacement: Sendable {
    public var sheetName: String
    public var titleRow: Int
    public var headerRow: Int
    public var firstDataRow: Int
    /// Equal to `headerRow` when the table has no rows.
    public var lastDataRow: Int
    public var totalsRow: Int?
    public var columnIndex: [String: Int]
    /// The last row written (totals row, last data row or the "no entries" line).
    public var lastRow: Int

    /// Lays a table out from `startRow`: title, notes, one blank row, header, data, totals.
    public init(table: ReportTable, sheetName: String, startRow: Int = 0) {
        self.sheetName = sheetName
        titleRow = startRow
        headerRow = startRow + 1 + table.notes.count + 1
        firstDataRow = headerRow + 1
        lastDataRow = headerRow + table.rows.count
        let hasTotals = !table.rows.isEmpty && table.columns.contains { $0.total }
        totalsRow = hasTotals ? lastDataRow + 1 : nil
        columnIndex = Dictionary(table.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        lastRow = totalsRow ?? (table.rows.isEmpty ? firstDataRow : lastDataRow)
    }
}

/// Renders `ReportTable`s into an `XlsxWorkbook`: one table per sheet (or several stacked on one sheet).
///
/// Formula templates (`ReportTable.Cell.formula`) may use these placeholders:
/// - `{r}`: this row's number (1-based); `{r-1}`, `{r+2}`: a row above or below (within the data rows);
///   `{first}`, `{last}`: first and last data row; `{total}`: totals row;
/// - `{col:KEY}`: the letter of this table's column KEY;
/// - `{sheet:TABLE}`: the quoted sheet name of table TABLE (by `ReportTable.key`);
/// - `{range:TABLE:COLUMN}`: the absolute range of a column's data rows, such as `'Belegung'!$F$5:$F$73`;
/// - `{ref:TABLE:COLUMN:ROW}`: an absolute reference such as `'Annahmen'!$C$7`, where ROW is the 0-based
///   data row index, the text of the row's first cell, or `total`.
/// Function names and argument separators are the file's (English) syntax: `SUM(C5:C9)`, `ROUND(x,2)`.
public struct ReportTableRenderer {
    public var lang: Language
    public var documentTitle: String
    public var dateText: String
    /// Protect sheets that have input columns so only the input cells can be edited (no password).
    public var protectSheetsWithInputs: Bool = true
    private(set) var placements: [String: TablePlacement] = [:]
    private(set) var tables: [String: ReportTable] = [:]

    public init(lang: Language, documentTitle: String, dateText: String) {
        self.lang = lang; self.documentTitle = documentTitle; self.dateText = dateText
    }

    /// Registers where a table will be placed so other tables' formulas can refer to it.
    public mutating func register(_ table: ReportTable, placement: TablePlacement) {
        placements[table.key] = placement
        tables[table.key] = table
    }

    // MARK: Rendering

    struct Options {
        var standalone = true        // freeze, autofilter, print setup, widths
        var titleStyle: XlsxWorkbook.Style = .title
        /// Column widths set by the caller (stacked tables); used to decide whether headers wrap.
        var knownWidths: [Double] = []
    }

    /// Text columns wider than this wrap instead of growing.
    static let maxTextWidth = 42.0

    /// Writes one table on its own sheet with header, data, totals, print setup and input cells.
    public func render(_ table: ReportTable, into sheet: XlsxSheet, workbook wb: XlsxWorkbook) throws {
        let placement = placements[table.key] ?? TablePlacement(table: table, sheetName: sheet.name)
        try render(table, into: sheet, workbook: wb, placement: placement, options: Options())
    }

    func render(_ table: ReportTable, into sheet: XlsxSheet, workbook wb: XlsxWorkbook,
                placement p: TablePlacement, options: Options) throws {
        let ncol = table.columns.count
        let widths = options.standalone ? Self.sheetWidths(table, lang: lang) : options.knownWidths
        let wraps = table.columns.indices.map { c in
            table.columns[c].kind == .text && c < widths.count && widths[c] >= Self.maxTextWidth
        }

        try sheet.write(string: table.title(lang), row: p.titleRow, col: 0, format: wb.format(options.titleStyle))
        let textWidth = max(60, widths.reduce(0, +))
        for (i, note) in table.notes.enumerated() {
            let row = p.titleRow + 1 + i
            if ncol > 1 && options.standalone {
                try sheet.merge(firstRow: row, firstCol: 0, lastRow: row, lastCol: ncol - 1, text: note, format: wb.format(.note))
            } else {
                try sheet.write(string: note, row: row, col: 0, format: wb.format(.note))
            }
            let lines = max(1, Int((Double(note.count) * 1.1 / textWidth).rounded(.up)))
            if options.standalone && lines > 1 { sheet.setRow(row, height: 13.5 * Double(lines)) }
        }

        // Header
        var headerWraps = false
        for (c, column) in table.columns.enumerated() {
            let numeric = column.kind != .text && column.kind != .date
            try sheet.write(string: column.title(lang), row: p.headerRow, col: c, format: wb.format(numeric ? .headerRight : .header))
            if c < widths.count, Double(column.title(lang).count) * 1.1 > widths[c] - 1 { headerWraps = true }
        }
        if headerWraps { sheet.setRow(p.headerRow, height: 27) }

        // Data
        if table.rows.isEmpty {
            try sheet.write(string: lang == .de ? "(keine Einträge)" : "(no entries)", row: p.firstDataRow, col: 0, format: wb.format(.note))
        }
        var links: [Int: [Int: String]] = [:]   // row → column → target (drill-down)
        for l in table.rowLinks {
            guard let c = p.columnIndex[l.column], let target = placements[l.table] else { continue }
            links[l.row, default: [:]][c] = XlsxSheet.quote(target.sheetName) + "!A" + String(target.firstDataRow + l.targetRow + 1)
        }
        var formulas = [CompiledFormula?](repeating: nil, count: ncol)   // the last template of each column, compiled
        for (i, cells) in table.rows.enumerated() {
            let row = p.firstDataRow + i
            for (c, column) in table.columns.enumerated() {
                let cell = c < cells.count ? cells[c] : .empty
                if let target = links[i]?[c] { try sheet.link(row: row, col: c, to: target) }
                let format = (wraps[c] && !column.isInput ? XlsxWorkbook.Style.wrappedText : Self.style(for: column, cell: cell)).map { wb.format($0) }
                try write(cell, row: row, col: c, format: format, sheet: sheet, table: table, placement: p, formulas: &formulas)
            }
            // Viewers do not fit row heights to wrapped text on load: give the row the height its longest
            // wrapped cell needs, so printed pages show every line.
            var lines = 1
            for c in table.columns.indices where wraps[c] && c < cells.count {
                if case .text(let t) = cells[c], c < widths.count, widths[c] > 0 {
                    lines = max(lines, Int((Double(t.count) / (widths[c] * 1.15)).rounded(.up)))
                }
            }
            if lines > 1 { sheet.setRow(row, height: 13 * Double(min(lines, 15))) }
        }

        // Totals
        if let t = p.totalsRow {
            for (c, column) in table.columns.enumerated() {
                let letter = XlsxSheet.columnLetter(c)
                if column.total {
                    let formula = "SUM(\(letter)\(p.firstDataRow + 1):\(letter)\(p.lastDataRow + 1))"
                    let style: XlsxWorkbook.Style
                    switch column.kind {
                    case .money: style = .totalMoney
                    case .integer: style = .totalInteger
                    case .fte: style = .totalFTE
                    default: style = .totalDecimal
                    }
                    try sheet.write(formula: formula, cached: Self.total(of: table, column: c), row: t, col: c, format: wb.format(style))
                } else if c == 0 {
                    try sheet.write(string: lang == .de ? "Summe" : "Total", row: t, col: c, format: wb.format(.totalLabel))
                } else {
                    try sheet.writeBlank(row: t, col: c, format: wb.format(.totalLabel))
                }
            }
        }

        // Inputs and flags
        if !table.rows.isEmpty {
            for (c, column) in table.columns.enumerated() {
                if let choices = column.choices {
                    try sheet.dropdown(firstRow: p.firstDataRow, lastRow: p.lastDataRow, col: c, choices: choices, lang: lang)
                }
                if let flag = column.flag {
                    try sheet.highlight(firstRow: p.firstDataRow, lastRow: p.lastDataRow, col: c, when: flag, format: wb.format(.flag))
                }
            }
        }

        guard options.standalone else { return }
        for (c, w) in widths.enumerated() { sheet.setColumn(c, width: w) }
        sheet.freezePanes(row: p.headerRow + 1)
        sheet.autofilter(firstRow: p.headerRow, firstCol: 0, lastRow: max(p.headerRow, p.lastDataRow), lastCol: max(0, ncol - 1))
        var printing = PrintSetup(title: "\(documentTitle) – \(table.title(lang))", date: dateText, lang: lang)
        printing.repeatRows = p.headerRow...p.headerRow
        printing.printArea = (p.lastRow, max(0, ncol - 1))
        // Too wide for one page at 80 %: printed at 80 % across pages, the leading key column(s) on each.
        printing.contentWidth = widths.reduce(0, +)
        printing.repeatColumns = 0...((widths.first ?? 20) < 12 && ncol > 2 ? 1 : 0)
        sheet.setupPrinting(printing)
        if protectSheetsWithInputs && table.columns.contains(where: { $0.isInput }) { sheet.protectKeepingInputs() }
    }

    /// The cell style: by the column's kind; in a `.decimal` column (e.g. key figures of mixed units)
    /// a money, percent, integer or date cell keeps its own format.
    static func style(for column: ReportTable.Column, cell: ReportTable.Cell) -> XlsxWorkbook.Style? {
        if column.isInput {
            // An input column of mixed units (the what-if inputs: shares, Hebesätze in points) keeps each cell's own format.
            switch cell {
            case .decimal: return .input(.decimal)
            case .money: return .input(.money)
            default: return .input(column.kind)
            }
        }
        if column.kind == .integer && isCodeLike(column.key) { return .plainInteger }
        if column.kind == .decimal {
            var c = cell
            if case .formula(_, let cached) = cell { c = cached }
            switch c {
            case .money: return .money
            case .percent: return .percent
            case .integer: return .integer
            case .date: return .date
            case .text: return .keyText
            default: break
            }
        }
        switch column.kind {
        case .text: return .text
        case .money: return .money
        case .integer: return .integer
        case .decimal: return .decimal
        case .percent: return .percent
        case .date: return .date
        case .fte: return .fte
        }
    }

    private func write(_ cell: ReportTable.Cell, row: Int, col: Int, format: UnsafeMutablePointer<lxw_format>?,
                       sheet: XlsxSheet, table: ReportTable, placement: TablePlacement, formulas: inout [CompiledFormula?]) throws {
        switch cell {
        case .empty:
            if format != nil, table.columns[col].isInput { try sheet.writeBlank(row: row, col: col, format: format) }
        case .text(let s): try sheet.write(string: s, row: row, col: col, format: format)
        case .date(let d): try sheet.write(date: d, row: row, col: col, format: format)
        case .money, .integer, .decimal, .percent:
            try sheet.write(number: Self.number(cell) ?? 0, row: row, col: col, format: format)
        case .formula(let template, let cached):
            if formulas[col]?.template != template { formulas[col] = compile(template, table: table, placement: placement) }
            let formula = try formulas[col]!.resolve(row: row)
            if case .text(let s) = cached {
                try sheet.write(formula: formula, cachedText: s, row: row, col: col, format: format)
            } else {
                try sheet.write(formula: formula, cached: Self.number(cached) ?? 0, row: row, col: col, format: format)
            }
        }
    }

    /// Integer columns that hold years, ids or line numbers get no thousands separator ("2025", not "2.025").
    static func isCodeLike(_ key: String) -> Bool {
        let k = key.lowercased()
        return k.hasSuffix("year") || k.hasSuffix("id") || k == "line" || k == "column" || k.hasSuffix("_line")
            || k.hasSuffix("_number") || k.hasSuffix("_no")
    }

    /// An exact decimal as the nearest double (via its text; `NSDecimalNumber.doubleValue` can be off by an ulp).
    static func double(_ d: Decimal) -> Double {
        if let v = exactDouble(d) { return v }
        return Double(NSDecimalNumber(decimal: d).description(withLocale: Locale(identifier: "en_US_POSIX"))) ?? NSDecimalNumber(decimal: d).doubleValue
    }

    /// The nearest double without `NSDecimalNumber` (issue 18: the workbook's decimal cells). A mantissa of
    /// at most 2^53 and a power of ten of at most 10^22 are both doubles exactly, so one IEEE multiplication
    /// or division rounds the exact value once, to nearest, as reading its text does; any other mantissa and
    /// exponent are read from their own exact text (`DecimalWords.text`). Nil for NaN, and always nil if
    /// `DecimalWords` does not read this Foundation's `Decimal` right.
    static func exactDouble(_ d: Decimal) -> Double? {
        guard DecimalWords.readable, !d.isNaN, let words = DecimalWords.mantissa(d), words != (0, 0) || d.sign == .plus else { return nil }
        let exponent = d.exponent
        guard words.high == 0, words.low <= 1 << 53, (-22...22).contains(exponent) else { return DecimalWords.text(d).flatMap { Double($0) } }
        let mantissa = words.low
        let v = exponent >= 0 ? Double(mantissa) * powersOfTen[exponent] : Double(mantissa) / powersOfTen[-exponent]
        return d.sign == .minus ? -v : v
    }

    /// 10^0 … 10^22, each exactly a double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// The number a cell stores in the workbook: money in euros, a percent as its share, a date as its serial.
    public static func number(_ cell: ReportTable.Cell) -> Double? {
        switch cell {
        case .money(let m): return Double(m.cents) / 100
        case .integer(let n): return Double(n)
        case .decimal(let d), .percent(let d): return double(d)
        case .date(let d): return Double(d.dayNumber + 25_569)   // Excel serial (1900 system; 25569 is 1970-01-01)
        case .formula(_, let cached): return number(cached)
        case .empty, .text: return nil
        }
    }

    /// The exact total of a column (money summed in cents, decimals as `Decimal`), as the cached value.
    static func total(of table: ReportTable, column c: Int) -> Double {
        var cents = CentsTotal()   // a column of amounts may add up past the 64-bit range: never a trap
        var exact = Decimal(0)
        func add(_ cell: ReportTable.Cell) {
            switch cell {
            case .money(let m): cents.add(m.cents)
            case .integer(let n): exact += Decimal(n)
            case .decimal(let d), .percent(let d): exact += d
            case .formula(_, let cached): add(cached)
            default: break
            }
        }
        for row in table.rows where c < row.count { add(row[c]) }
        let centsExact = Decimal(cents.wrapped) + Decimal(cents.wraps) * Decimal(string: "18446744073709551616")!
        return double(exact + centsExact / 100)
    }
}
