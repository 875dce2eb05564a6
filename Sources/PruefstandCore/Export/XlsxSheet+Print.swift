import CXlsxWriter
import Foundation

/// How a sheet is printed: A4 landscape, a header with title and date, a footer with the source and the page.
///
/// Nothing prints below 8 pt: the report's smallest font is 10 pt, so a sheet is scaled to no less than 80 %.
/// A table that fits one page wide at 80 % or more is fitted to the page width; a wider one prints at 80 %
/// across several pages, its first column(s) repeated on each (`repeatColumns`).
public struct PrintSetup: Sendable {
    /// Left part of the page header (bold): the document's and the sheet's title.
    public var title: String
    /// Right part of the header, e.g. "Datenstand: 01.01.2026" or just the date.
    public var date: String
    /// Left part of the footer: where the figures come from; default "Pruefstand <version>".
    public var source: String? = nil
    public var lang: Language
    public var repeatRows: ClosedRange<Int>? = nil
    public var repeatColumns: ClosedRange<Int>? = nil
    public var printArea: (lastRow: Int, lastCol: Int)? = nil
    /// Fit everything on one page (the page is then scaled down as far as needed: only for pages laid out
    /// to fit at 100 %, such as the overview and the council pack's pages).
    public var fitToOnePage = false
    /// Content width in Excel character units, to decide between fitting to the width and printing at 80 %.
    public var contentWidth: Double? = nil

    public init(title: String, date: String, source: String? = nil, lang: Language) {
        self.title = title; self.date = date; self.source = source; self.lang = lang
    }

    /// The smallest print scale the report allows (10 pt × 80 % = 8 pt).
    public static let minimumScale = 80
    /// The printable width of an A4 landscape page with the report's margins, in Excel character units
    /// at 100 %: 297 mm − 2 × 0.5 in ≈ 770 pt ≈ 1,026 px, and LibreOffice gives a unit about 7.5 px
    /// (Excel 7 px + 5 px a column): measured on the council pack's PDF.
    public static let pageWidthCharacters = 135.0

    /// True when a table of this width would print below `minimumScale` if fitted to one page width.
    public static func tooWideToFit(_ width: Double) -> Bool {
        width * Double(minimumScale) / 100 > pageWidthCharacters
    }
}

extension XlsxSheet {
    /// Print setup for council members: A4 landscape, header rows repeated, a header with the title and
    /// date and a footer with the source and "Seite x von y" (or "Page x of y").
    public func setupPrinting(title: String, date: String, lang: Language, repeatRows: ClosedRange<Int>?,
                              printArea: (lastRow: Int, lastCol: Int)?, fitToOnePage: Bool = false) {
        var p = PrintSetup(title: title, date: date, lang: lang)
        p.repeatRows = repeatRows; p.printArea = printArea; p.fitToOnePage = fitToOnePage
        setupPrinting(p)
    }

    public func setupPrinting(_ p: PrintSetup) {
        worksheet_set_landscape(handle)
        worksheet_set_paper(handle, 9)   // A4
        worksheet_set_margins(handle, 0.5, 0.5, 0.75, 0.75)
        if let w = p.contentWidth, !p.fitToOnePage, PrintSetup.tooWideToFit(w) {
            // At 80 %, across pages (LibreOffice's "fit to N pages wide" went below 80 % at column breaks).
            worksheet_set_print_scale(handle, UInt16(PrintSetup.minimumScale))
            if let c = p.repeatColumns { _ = worksheet_repeat_columns(handle, lxw_col_t(c.lowerBound), lxw_col_t(c.upperBound)) }
        } else {
            worksheet_fit_to_pages(handle, 1, p.fitToOnePage ? 1 : 0)
        }
        if let r = p.repeatRows { _ = worksheet_repeat_rows(handle, lxw_row_t(r.lowerBound), lxw_row_t(r.upperBound)) }
        if let a = p.printArea { _ = worksheet_print_area(handle, 0, 0, lxw_row_t(a.lastRow), lxw_col_t(a.lastCol)) }
        let header = Self.headerFooter(left: p.title, leftBold: true, right: p.date, workbook: workbook)
        let page = p.lang == .de ? "Seite &P von &N" : "Page &P of &N"
        let footer = Self.headerFooter(left: p.source ?? "Pruefstand \(Engine.version)", leftBold: false, right: page,
                                       rightIsCode: true, workbook: workbook)
        _ = header.withCString { worksheet_set_header(handle, $0) }
        _ = footer.withCString { worksheet_set_footer(handle, $0) }
    }

    /// A header or footer `&L…&R…` within libxlsxwriter's 255 characters.
    ///
    /// '&' starts a header/footer code ('&&' would be a literal one, but libxlsxwriter still reads '&G' and
    /// '&[Picture]' in it as image placeholders): ampersands in texts become '＆'. libxlsxwriter 1.1.4 frees a
    /// header longer than its 255 characters but keeps using it (a use-after-free found by FuzzWorkbookWriter),
    /// so the left text is cut to fit first.
    static func headerFooter(left: String, leftBold: Bool, right: String, rightIsCode: Bool = false, workbook: XlsxWorkbook) -> String {
        let head = leftBold ? "&L&\"Calibri,Bold\"" : "&L"
        let safeRight = rightIsCode ? right : workbook.xml(right).replacingOccurrences(of: "&", with: "＆")
        let tail = "&R" + safeRight
        var safeLeft = workbook.xml(left).replacingOccurrences(of: "&", with: "＆")
        let room = 255 - head.unicodeScalars.count - tail.unicodeScalars.count
        if safeLeft.unicodeScalars.count > room {
            var cut = "", n = 0
            for g in safeLeft {
                n += g.unicodeScalars.count
                if n > room - 1 { break }
                cut.append(g)
            }
            safeLeft = cut + "…"
        }
        return head + safeLeft + tail
    }
}
