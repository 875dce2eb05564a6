import CXlsxWriter
import Foundation

/// The council pack: a short workbook that prints as a paper for a committee (issue 16).
///
/// Page 1 is a one-page summary in plain language; then one page per chart (`ChartPage`) and per key
/// table. Every page is A4 landscape, printed at 100 % (nothing below the report's 10 pt body text; the
/// pages are laid out to fit), with the title and the data date in the header and the source and page
/// number in the footer. The full controlling workbook keeps every table; this pack keeps what a council
/// member reads.
///
///     var pack = CouncilPack(title: "Haushaltslage Musterstadt", dataDate: "Datenstand: 01.01.2026", source: "Quelle: …")
///     pack.summary = [.init(heading: "Wo die Stadt steht", text: "Der Plan 2026 …")]
///     pack.pages = [.chart(pathChart), .table(topVariances)]
///     try pack.write(to: "rat.xlsx", lang: .de)
public struct CouncilPack: Sendable {
    /// One section of the summary page: a heading and a paragraph (or several lines).
    public struct Paragraph: Sendable {
        public var heading: String
        public var lines: [String]
        public init(heading: String, lines: [String]) { self.heading = heading; self.lines = lines }
    }
    public enum Page: Sendable {
        case chart(ChartPage)
        case table(ReportTable)
    }

    public var title: String
    /// The header's right part on every page, e.g. "Datenstand: 01.01.2026".
    public var dataDate: String
    /// The footer's left part on every page: where the figures come from.
    public var source: String
    public var summary: [Paragraph] = []
    public var pages: [Page] = []

    public init(title: String, dataDate: String, source: String) {
        self.title = title; self.dataDate = dataDate; self.source = source
    }

    /// Width of the summary's text column (Excel character units): the printable width at 100 %.
    static let summaryWidth = 138.0

    /// Writes the pack (replaced whole or not at all, never over a protected file).
    @discardableResult
    public func write(to path: String, lang: Language, protecting protected: ProtectedFiles = ProtectedFiles()) throws -> TextChanges {
        try OutputFile.write(to: path, protecting: protected) { tmp in
            let wb = try XlsxWorkbook(path: path, writingTo: tmp)
            wb.setProperties(title: title, subject: lang == .de ? "Ratsvorlage Haushalt" : "Council paper on the budget")
            let renderer = ReportTableRenderer(lang: lang, documentTitle: title, dateText: dataDate)
            let summarySheet = try wb.addSheet(lang == .de ? "Zusammenfassung" : "Summary")
            try writeSummary(into: summarySheet, workbook: wb, lang: lang)
            summarySheet.activate()
            for page in pages {
                switch page {
                case .chart(let chart):
                    let sheet = try wb.addSheet(chart.table.sheetName(lang))
                    try renderer.renderChartPage(chart, into: sheet, workbook: wb, printing: setup(chart.table.title(lang), lang))
                case .table(let table):
                    let sheet = try wb.addSheet(table.sheetName(lang))
                    try renderer.render(table, into: sheet, workbook: wb)
                    var s = setup(table.title(lang), lang)
                    let p = TablePlacement(table: table, sheetName: sheet.name)
                    s.repeatRows = p.headerRow...p.headerRow
                    s.printArea = (p.lastRow, max(0, table.columns.count - 1))
                    s.contentWidth = ReportTableRenderer.fittedWidths(table, lang: lang).reduce(0, +)
                    sheet.setupPrinting(s)   // the pack's header and footer over the table's defaults
                }
            }
            try wb.close()
            return wb.textChanges
        }
    }

    private func setup(_ pageTitle: String, _ lang: Language) -> PrintSetup {
        PrintSetup(title: "\(title) – \(pageTitle)", date: dataDate, source: source, lang: lang)
    }

    /// Page 1: title, data date, then each paragraph as a bold heading and wrapped lines, one column wide.
    private func writeSummary(into sheet: XlsxSheet, workbook wb: XlsxWorkbook, lang: Language) throws {
        sheet.hideGridlines()
        sheet.setColumn(0, width: Self.summaryWidth)
        func format(size: Double, bold: Bool = false) -> UnsafeMutablePointer<lxw_format> {
            let f = workbook_add_format(wb.handle)!
            format_set_font_name(f, "Calibri")
            format_set_font_size(f, size)
            if bold { format_set_bold(f) }
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            return f
        }
        let titleFormat = format(size: 16, bold: true), headingFormat = format(size: 12, bold: true), textFormat = format(size: 11)
        try sheet.write(string: title, row: 0, col: 0, format: titleFormat)
        sheet.setRow(0, height: 24)
        try sheet.write(string: dataDate, row: 1, col: 0, format: wb.format(.note))
        var row = 3
        for paragraph in summary {
            try sheet.write(string: paragraph.heading, row: row, col: 0, format: headingFormat)
            sheet.setRow(row, height: 17)
            row += 1
            for line in paragraph.lines {
                try sheet.write(string: line, row: row, col: 0, format: textFormat)
                // Calibri 11 fits about 1.25 characters of running text per width unit; a line is 15 pt high.
                let lines = max(1, Int((Double(line.count) / (Self.summaryWidth * 1.25)).rounded(.up)))
                sheet.setRow(row, height: 15 * Double(lines) + 1)
                row += 1
            }
            row += 1
        }
        var s = PrintSetup(title: title, date: dataDate, source: source, lang: lang)
        s.printArea = (row, 0)
        s.fitToOnePage = true
        sheet.setupPrinting(s)
    }
}
