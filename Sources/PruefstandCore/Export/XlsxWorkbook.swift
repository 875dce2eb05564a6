import CPruefstandShims
import CXlsxWriter
import Foundation

/// A thin, owning wrapper around a libxlsxwriter workbook: the only place that talks to the C library.
///
/// Every text on its way to the file's XML (cells, sheet names, notes, headers and footers, chart
/// titles, document properties, validation texts, formulas) passes `XMLText`: characters XML 1.0
/// forbids become U+FFFD and are counted in `textChanges`, so a NUL never cuts a text and a
/// noncharacter never makes LibreOffice drop the rest of a sheet.
///
/// The workbook is written by file name; callers give it the temporary path of an `OutputFile`
/// (`ReportBuilder` and `StoreExport` do), so an earlier file is replaced whole or not at all.
///
/// libxlsxwriter computes nothing itself: a formula is stored with the cached value we give it
/// (`worksheet_write_formula_num`), otherwise 0. Text is always written with `worksheet_write_string`,
/// so text that begins with `=`, `+`, `-` or `@` stays text (formula injection cannot happen here).
///
/// Number formats are written in the file's locale-independent syntax (`#,##0.00`); German Excel and
/// LibreOffice show them as `#.##0,00`.
///
///     let wb = try XlsxWorkbook(path: "/tmp/a.xlsx")
///     let ws = try wb.addSheet("Übersicht")
///     try ws.write(number: 1.5, row: 0, col: 0, format: wb.format(.money))
///     try wb.close()
public final class XlsxWorkbook {
    /// The named cell styles the report uses; created once per workbook.
    public enum Style: Hashable, Sendable {
        case title, note, header, headerRight, text, wrappedText, money, integer, decimal, percent, date, fte
        case totalLabel, totalMoney, totalInteger, totalDecimal, totalFTE
        case flag, keyLabel, keyMoney, keyInteger, keyPercent, keyText
        /// An input cell (unlocked, highlighted) with the number format of its column's kind.
        case input(ReportTable.Kind)
        /// An integer without thousands separator (years, ids, line numbers).
        case plainInteger
    }

    /// Excel number formats (file syntax; shown localised by the spreadsheet program).
    public enum NumberFormat {
        /// Shown in German Excel as `#.##0,00 €`, negatives in red.
        public static let money = #"#,##0.00\ "€";[Red]\-#,##0.00\ "€""#
        /// Shown as `#.##0`.
        public static let integer = "#,##0"
        /// FTE with two to four decimals, shown as `0,00##`.
        public static let fte = "0.00##"
        /// A share shown as `12,5 %`.
        public static let percent = #"0.0\ %"#
        /// Shown as `TT.MM.JJJJ`.
        public static let date = "dd.mm.yyyy"
        public static let decimal = "#,##0.00##"
    }

    /// The file the user asked for (named in messages).
    public let path: String
    /// What `XMLText` changed in the texts written so far.
    public private(set) var textChanges = TextChanges()
    let handle: UnsafeMutablePointer<lxw_workbook>
    private var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]
    private var customFormats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []
    private var closed = false

    /// Creates the workbook for `path`, writing it to `temporaryPath` (an `OutputFile`'s) if given;
    /// `constantMemory` streams rows to a temporary file (rows must then be written in order, one row
    /// finished before the next starts).
    public init(path: String, writingTo temporaryPath: String? = nil, constantMemory: Bool = false, zip64: Bool = false) throws {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = zip64 ? 1 : 0
        if temporaryPath == nil { try OutputFile.prepare(path) }
        writtenPath = temporaryPath ?? path
        guard let wb = (temporaryPath ?? path).withCString({ workbook_new_opt($0, &options) }) else {
            throw PruefstandError.file(path: path, message: "cannot create workbook")
        }
        handle = wb
    }

    deinit {
        if !closed { _ = workbook_close(handle) }
    }

    // MARK: Text into XML

    /// `text` made valid for XML (counted).
    func xml(_ text: String) -> String {
        let (clean, replaced) = XMLText.sanitized(text)
        textChanges.replacedCharacters += replaced
        return clean
    }

    /// Counts what `XMLText` replaces in `text` that reached the file already sanitised (a planned sheet name).
    func countReplacements(in text: String) { textChanges.replacedCharacters += XMLText.sanitized(text).replaced }

    /// `text` for a cell: valid for XML, `_xHHHH_` kept literal, and within Excel's 32,767 characters.
    func cell(_ text: String) -> String {
        var (clean, replaced) = XMLText.cell(text)
        textChanges.replacedCharacters += replaced
        if clean.unicodeScalars.count > 32_767 { clean = Self.cut(clean); textChanges.truncatedTexts += 1 }
        return clean
    }

    /// The first 32,000 characters (whole graphemes) and "…".
    static func cut(_ text: String) -> String {
        var out = "", scalars = 0
        for g in text {
            scalars += g.unicodeScalars.count
            if scalars > 32_000 { break }
            out.append(g)
        }
        return out + "…"
    }

    /// Writes a cell from UTF-8 bytes that need not be valid (text from SQLite), sanitised like `cell(_:)`.
    /// `bytes` must be followed by a NUL (SQLite's text is).
    func writeCell(utf8 bytes: UnsafeBufferPointer<UInt8>, worksheet ws: UnsafeMutablePointer<lxw_worksheet>,
                   row: lxw_row_t, col: lxw_col_t, format: UnsafeMutablePointer<lxw_format>? = nil) -> lxw_error {
        var err: lxw_error
        if let (clean, replaced) = XMLText.cell(utf8: bytes) {
            textChanges.replacedCharacters += replaced
            err = (clean + [0]).withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { worksheet_write_string(ws, row, col, $0, format) }
            }
        } else if let base = bytes.baseAddress {
            err = base.withMemoryRebound(to: CChar.self, capacity: bytes.count + 1) { worksheet_write_string(ws, row, col, $0, format) }
        } else {
            err = LXW_NO_ERROR
        }
        if err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED {
            textChanges.truncatedTexts += 1
            let cut = Self.cut(XMLText.cell(String(decoding: bytes, as: UTF8.self)).text)
            err = cut.withCString { worksheet_write_string(ws, row, col, $0, format) }
        }
        return err
    }

    /// Sets the document properties (title shown by viewers, author, company).
    public func setProperties(title: String, subject: String? = nil, author: String = "Pruefstand") {
        let title = xml(title), author = xml(author), subject = subject.map(xml)
        title.withCString { t in
            author.withCString { a in
                (subject ?? "").withCString { s in
                    var p = lxw_doc_properties()
                    p.title = UnsafeMutablePointer(mutating: t)
                    p.author = UnsafeMutablePointer(mutating: a)
                    if subject != nil { p.subject = UnsafeMutablePointer(mutating: s) }
                    _ = workbook_set_properties(handle, &p)
                }
            }
        }
    }

    /// A valid, unique sheet name derived from `proposed`: at most 31 characters (UTF-16 units, as Excel
    /// counts; a longer name is cut after a whole word where one fits), ": " becomes " – ", none of
    /// `[]:*?/\`, no character XML forbids, no leading or trailing apostrophe; a repeated name gets
    /// " (2)", " (3)", ….
    public func uniqueSheetName(_ proposed: String) -> String {
        Self.sanitizedSheetName(proposed, taken: sheetNames)
    }

    static func sanitizedSheetName(_ proposed: String, taken: Set<String>) -> String {
        // Checked on Unicode scalars, as libxlsxwriter checks bytes: `]` followed by a combining mark is one
        // Swift Character that is not `]`, but still a `]` in the file (found by FuzzWorkbookWriter).
        let forbidden = Set("[]:*?/\\".unicodeScalars)
        let valid = XMLText.sanitized(proposed).text.replacingOccurrences(of: ": ", with: " – ")
        // A sheet name is an XML attribute: a reader turns tab, LF and CR in it into spaces (attribute-value
        // normalisation), and formulas would then name a sheet that is not there. So they become spaces here.
        var base = String(String.UnicodeScalarView(valid.unicodeScalars.map { forbidden.contains($0) ? "-" : ($0.value < 0x20 ? " " : $0) }))
        func trimmed(_ s: String) -> String {
            var s = s
            while true {
                let before = s
                s = s.trimmingCharacters(in: .whitespaces)
                while s.unicodeScalars.first == "'" { s.unicodeScalars.removeFirst() }
                while s.unicodeScalars.last == "'" { s.unicodeScalars.removeLast() }
                if s == before { return s }
            }
        }
        base = trimmed(base)
        if base.isEmpty { base = "Tabelle" }
        func fit(_ s: String, suffix: String) -> String {
            let room = 31 - suffix.utf16.count
            var head = "", used = 0
            for g in s {
                used += g.utf16.count
                if used > room { break }
                head.append(g)
            }
            // Cut after a whole word when the name is too long and a word boundary leaves most of it.
            if head.count < s.count, let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= room / 2 {
                head = String(head[..<space])
            }
            head = trimmed(head)
            while head.unicodeScalars.last == "–" { head.unicodeScalars.removeLast(); head = trimmed(head) }
            return (head.isEmpty ? "Tabelle" : head) + suffix
        }
        var name = fit(base, suffix: "")
        var n = 2
        // Excel compares sheet names case-insensitively and reserves "History".
        let lowered = Set(taken.map { $0.lowercased() } + ["history"])
        while lowered.contains(name.lowercased()) {
            name = fit(base, suffix: " (\(n))")
            n += 1
        }
        return name
    }

    /// Adds a worksheet; the name is made valid and unique first (see `uniqueSheetName`).
    public func addSheet(_ proposed: String) throws -> XlsxSheet {
        let name = uniqueSheetName(xml(proposed))
        guard let ws = name.withCString({ workbook_add_worksheet(handle, $0) }) else {
            throw PruefstandError.file(path: path, message: "cannot add sheet \"\(name)\"")
        }
        sheetNames.insert(name)
        return XlsxSheet(handle: ws, name: name, workbook: self)
    }

    /// The shared format for a style.
    public func format(_ style: Style) -> UnsafeMutablePointer<lxw_format> {
        if let f = formats[style] { return f }
        let f = workbook_add_format(handle)!
        format_set_font_name(f, "Calibri")
        format_set_font_size(f, 10)
        func num(_ s: String) { s.withCString { format_set_num_format(f, $0) } }
        switch style {
        case .title: format_set_bold(f); format_set_font_size(f, 14)
        case .note: format_set_italic(f); format_set_text_wrap(f); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
                    format_set_font_color(f, 0x404040)
        case .header:
            format_set_bold(f); format_set_bg_color(f, 0xD9E1F2); format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .headerRight:
            format_set_bold(f); format_set_bg_color(f, 0xD9E1F2); format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .text: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .wrappedText: format_set_text_wrap(f); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .money: num(NumberFormat.money); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .integer: num(NumberFormat.integer); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .decimal: num(NumberFormat.decimal); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .percent: num(NumberFormat.percent); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .date: num(NumberFormat.date); format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue)); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .fte: num(NumberFormat.fte); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .totalLabel, .totalMoney, .totalInteger, .totalDecimal, .totalFTE:
            format_set_bold(f); format_set_top(f, UInt8(LXW_BORDER_THIN.rawValue))
            switch style {
            case .totalMoney: num(NumberFormat.money)
            case .totalInteger: num(NumberFormat.integer)
            case .totalDecimal: num(NumberFormat.decimal)
            case .totalFTE: num(NumberFormat.fte)
            default: break
            }
        case .input(let kind):
            format_set_unlocked(f); format_set_bg_color(f, 0xFFF2CC); format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_border_color(f, 0xBF9000)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            switch kind {
            case .money: num(NumberFormat.money)
            case .integer: num(NumberFormat.integer)
            case .decimal: num(NumberFormat.decimal)
            case .percent: num(NumberFormat.percent)
            case .date: num(NumberFormat.date)
            case .fte: num(NumberFormat.fte)
            case .text: format_set_text_wrap(f)
            }
        case .plainInteger: num("0"); format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .flag: format_set_bg_color(f, 0xF8CBAD); format_set_font_color(f, 0x9C0006)
        case .keyLabel: format_set_bold(f)
        case .keyMoney: num(NumberFormat.money); format_set_font_size(f, 11); format_set_bold(f)
        case .keyInteger: num(NumberFormat.integer); format_set_font_size(f, 11); format_set_bold(f)
        case .keyPercent: num(NumberFormat.percent); format_set_font_size(f, 11); format_set_bold(f)
        case .keyText: format_set_font_size(f, 11); format_set_bold(f); format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        formats[style] = f
        return f
    }

    /// A plain format with just a number format (cached per format string).
    public func numberFormat(_ numFormat: String, bold: Bool = false) -> UnsafeMutablePointer<lxw_format> {
        let key = (bold ? "b|" : "|") + numFormat
        if let f = customFormats[key] { return f }
        let f = workbook_add_format(handle)!
        format_set_font_name(f, "Calibri")
        format_set_font_size(f, 10)
        if bold { format_set_bold(f) }
        if !numFormat.isEmpty { numFormat.withCString { format_set_num_format(f, $0) } }
        customFormats[key] = f
        return f
    }

    /// Sets a chart's title (through `XMLText`).
    public func setTitle(_ title: String, of chart: UnsafeMutablePointer<lxw_chart>) {
        xml(title).withCString { chart_title_set_name(chart, $0) }
    }

    /// Adds a chart object, to be filled and inserted into a sheet.
    public func addChart(_ type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart> {
        workbook_add_chart(handle, UInt8(type.rawValue))!
    }

    /// Writes the file and frees the workbook, then checks what was written (`verifyWritten`). Must be called once.
    public func close() throws {
        guard !closed else { return }
        closed = true
        // The check's inflating runs on a second thread while libxlsxwriter still deflates the later parts
        // (nil, e.g. for a file that is not new: then the check inflates every part afterwards).
        let follower = pf_zip_follow_start(writtenPath)
        let rc = workbook_close(handle)
        var followed: [pf_zip_followed] = []
        if let follower {
            var first: UnsafePointer<pf_zip_followed>?
            let count = pf_zip_follow_finish(follower, &first)
            followed = Array(UnsafeBufferPointer(start: first, count: count))
            pf_zip_follow_free(follower)
        }
        if rc != LXW_NO_ERROR {
            throw PruefstandError.file(path: path, message: "cannot write workbook: \(String(cString: lxw_strerror(rc)))")
        }
        try Self.verifyWritten(writtenPath, reportAs: path, followed: followed)
    }

    /// The file libxlsxwriter wrote (an `OutputFile`'s temporary file, or `path`).
    let writtenPath: String
}
