import CXlsxWriter
import Foundation

/// A small table and the chart drawn from it, laid out to print on one A4 landscape page at 100 %.
///
/// The table's first column holds the categories (years, months, product areas, groups); `series` names
/// the columns that become the chart's series, each named by its header cell. Values are shown in
/// millions (`#,##0.0,,`) when `millions` is set, the unit being named in the chart title.
/// The controlling workbook and the council pack both render these pages (`ReportTableRenderer.renderChartPage`).
///
///     let page = ChartPage(table: path, kind: .line, series: ["baseline", "relief_1"],
///                          titleDE: "Konsolidierungspfad in Mio. €", titleEN: "Consolidation path in € million")
public struct ChartPage: Sendable {
    public enum Kind: Sendable {
        /// Lines with markers (a path over years or months).
        case line
        /// Vertical clustered columns (plan beside actual).
        case column
        /// Horizontal bars, first category on top (long labels: org units, groups of payers).
        case bar
        /// A Monte Carlo fan: the middle series solid and bold, the outer ones dashed (bands).
        case fan
    }
    public var table: ReportTable
    public var kind: Kind
    public var series: [String]
    public var titleDE: String
    public var titleEN: String
    public var millions: Bool

    public init(table: ReportTable, kind: Kind, series: [String], titleDE: String, titleEN: String, millions: Bool = true) {
        self.table = table; self.kind = kind; self.series = series; self.titleDE = titleDE; self.titleEN = titleEN
        self.millions = millions
    }

    /// Chart size in pixels: as wide as the printable page at 100 % allows, about half its height.
    static let chartWidth = 900.0, chartHeight = 330.0
    /// The printable width of an A4 landscape page at 100 % with the report's margins, in pixels (96 dpi).
    static let pageWidth = 950.0
}

extension ReportTableRenderer {
    /// Writes a chart page: title, notes, the table, and the chart below it; printed on one page.
    func renderChartPage(_ page: ChartPage, into sheet: XlsxSheet, workbook wb: XlsxWorkbook, printing: PrintSetup) throws {
        let table = page.table
        sheet.hideGridlines()
        var widths = Self.fittedWidths(table, lang: lang)
        if let first = widths.first { widths[0] = max(first, 14) }
        for (c, w) in widths.enumerated() { sheet.setColumn(c, width: w) }
        let p = TablePlacement(table: table, sheetName: sheet.name, startRow: 0)
        var options = Options()
        options.standalone = false
        options.knownWidths = widths
        try render(table, into: sheet, workbook: wb, placement: p, options: options)
        // Long series names wrap in the header: as many lines as the narrowest column needs.
        let headerLines = zip(table.columns, widths).map { column, w in
            Int((Double(column.title(lang).count) * 1.15 / max(w - 1, 1)).rounded(.up))
        }.max() ?? 1
        if headerLines > 1 { sheet.setRow(p.headerRow, height: 13.5 * Double(min(headerLines, 6))) }
        // Notes wrap in the first column when the table is narrow: give their rows room.
        let textWidth = widths.reduce(0, +)
        for (i, note) in table.notes.enumerated() {
            let lines = max(1, Int((Double(note.count) * 1.1 / max(textWidth, widths[0])).rounded(.up)))
            if lines > 1 { sheet.setRow(p.titleRow + 1 + i, height: 13.5 * Double(lines)) }
        }
        if table.notes.contains(where: { Double($0.count) * 1.1 > widths[0] }) {
            for i in table.notes.indices {
                try sheet.merge(firstRow: p.titleRow + 1 + i, firstCol: 0, lastRow: p.titleRow + 1 + i, lastCol: max(0, table.columns.count - 1),
                                text: table.notes[i], format: wb.format(.note))
            }
        }
        // A long, narrow table has its chart beside it; otherwise the chart goes below the table.
        let ncol = table.columns.count
        let tablePixels = widths.reduce(0) { $0 + $1 * 7 + 5 }
        let beside = table.rows.count > 8 && tablePixels + 24 + 480 <= ChartPage.pageWidth
        let chartWidth = beside ? ChartPage.pageWidth - tablePixels - 24 : ChartPage.chartWidth
        let chartHeight = beside ? max(ChartPage.chartHeight, min(560, Double(table.rows.count + 2) * 20)) : ChartPage.chartHeight
        let (chartRow, chartCol) = beside ? (p.headerRow, ncol + 1) : (p.lastRow + 2, 0)
        if beside { sheet.setColumn(ncol, width: 2) }
        if !table.rows.isEmpty && !page.series.isEmpty {
            let chart = try makeChart(page, placement: p, sheet: sheet, workbook: wb)
            try sheet.insert(chart: chart, row: chartRow, col: chartCol, xScale: chartWidth / 480, yScale: chartHeight / 288)
        }
        // The print area covers the table and the chart (default rows are 20 px; columns 7 px a unit + 5,
        // 64 px for a column of default width).
        var lastCol = ncol - 1, covered = tablePixels
        let needed = beside ? tablePixels + 19 + chartWidth + 8 : chartWidth + 8
        if beside { lastCol += 1; covered += 19 }
        while covered < needed { lastCol += 1; covered += 64 }
        var setup = printing
        setup.printArea = (max(p.lastRow, chartRow + Int((chartHeight / 20).rounded(.up)) + 1), lastCol)
        setup.fitToOnePage = true
        sheet.setupPrinting(setup)
    }

    private func makeChart(_ page: ChartPage, placement p: TablePlacement, sheet: XlsxSheet,
                           workbook wb: XlsxWorkbook) throws -> UnsafeMutablePointer<lxw_chart> {
        let type: lxw_chart_type
        switch page.kind {
        case .line, .fan: type = LXW_CHART_LINE
        case .column: type = LXW_CHART_COLUMN
        case .bar: type = LXW_CHART_BAR
        }
        let chart = wb.addChart(type)
        let q = sheet.quotedName
        let cats = "=\(q)!$A$\(p.firstDataRow + 1):$A$\(p.lastDataRow + 1)"
        let middle = page.series.count / 2
        for (i, key) in page.series.enumerated() {
            guard let c = p.columnIndex[key] else {
                throw PruefstandError.other("chart \(page.table.key): no column \(key)")
            }
            let letter = XlsxSheet.columnLetter(c)
            let series = cats.withCString { ca in
                "=\(q)!$\(letter)$\(p.firstDataRow + 1):$\(letter)$\(p.lastDataRow + 1)".withCString { chart_add_series(chart, ca, $0) }
            }
            "=\(q)!$\(letter)$\(p.headerRow + 1)".withCString { chart_series_set_name(series, $0) }
            switch page.kind {
            case .line:
                chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
            case .fan:
                var line = lxw_chart_line()
                line.color = 0x2F5597
                line.width = i == middle ? 2.75 : 1.5
                line.dash_type = UInt8((i == middle ? LXW_CHART_LINE_DASH_SOLID : LXW_CHART_LINE_DASH_DASH).rawValue)
                chart_series_set_line(series, &line)
                chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_NONE.rawValue))
            case .column, .bar:
                break
            }
        }
        wb.setTitle(lang == .de ? page.titleDE : page.titleEN, of: chart)
        Self.titleFont(chart)
        var font = lxw_chart_font()
        font.size = 10
        let valueAxis = page.kind == .bar ? chart.pointee.x_axis : chart.pointee.y_axis
        let categoryAxis = page.kind == .bar ? chart.pointee.y_axis : chart.pointee.x_axis
        chart_axis_set_num_font(valueAxis, &font)
        chart_axis_set_num_font(categoryAxis, &font)
        chart_legend_set_font(chart, &font)
        if page.millions { Self.millions(valueAxis!) }
        if page.kind == .bar {
            // First category on top, value axis kept at the bottom.
            chart_axis_set_reverse(categoryAxis)
            chart_axis_set_crossing_max(categoryAxis)
        } else {
            chart_axis_set_label_position(categoryAxis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
        }
        chart_legend_set_position(chart, UInt8((page.series.count > 1 ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE).rawValue))
        return chart
    }
}
