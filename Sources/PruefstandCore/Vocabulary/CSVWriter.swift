import Foundation

/// The CSV flavours Pruefstand writes.
///
/// - `rfc4180`: UTF-8 without BOM, comma, decimal point, ISO dates (yyyy-mm-dd), CRLF (or LF on request),
///   fields quoted only when needed. For programs.
/// - `excel-de`: UTF-8 with BOM, semicolon, decimal comma, German dates (dd.mm.yyyy), CRLF. A double-click
///   in German Excel or LibreOffice shows proper columns, numbers and dates; a text field that a spreadsheet
///   would read as a number or a date (a product code `05.02.01`, an account `401300`, `0815`) is written
///   quoted with a leading tab (`"\t05.02.01"`), which both programs keep as text (`CSVWriter.keepsAsText`,
///   docs/reports.md "CSV files").
public enum CSVDialect: String, Sendable, CaseIterable, Codable {
    case rfc4180
    case excelDE = "excel-de"

    public var separator: UInt8 { self == .rfc4180 ? UInt8(ascii: ",") : UInt8(ascii: ";") }
    public var decimalSeparator: UInt8 { self == .rfc4180 ? UInt8(ascii: ".") : UInt8(ascii: ",") }
    public var byteOrderMark: [UInt8] { self == .rfc4180 ? [] : [0xEF, 0xBB, 0xBF] }
}

/// The one CSV writer of Pruefstand: every CSV the tool writes (report tables, `export`, the CLI's
/// `--format csv`, rejected rows) is quoted and neutralised here, by one rule.
///
/// Formula injection: a text field that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe (`'=HYPERLINK(…)`), so no spreadsheet program evaluates it (OWASP's rule, in
/// `SpreadsheetFormula`, shared with the rejects file). Numbers are never prefixed.
/// A field that holds the separator, a quote, CR or LF is quoted, with quotes doubled.
///
/// `ReportTable`s are written with a header line of column keys, then one line per row; no notes, no
/// totals; one table per file or stream. Money has exactly two decimals, a percent cell is written as its
/// share (`0.125` for 12.5 %, to six decimals) in every CSV Pruefstand writes, a formula cell its cached
/// value. The unit is in the column key: `…_share`, `probability`, `…_rate` are shares; the one column in
/// percent is `variance_pct` of `variance --format csv` (the benchmark's format, `round(100·v/p, 1)`).
/// The command line's CSV is `cli(_:)`: the rfc4180 dialect with `\n` line ends.
public enum CSVWriter {
    public enum LineEnding: String, Sendable { case crlf, lf
        public var bytes: [UInt8] { self == .crlf ? [13, 10] : [10] }
    }

    /// `true` if a spreadsheet program could read the text as a formula (the shared rule, `SpreadsheetFormula`).
    public static func needsNeutralizing(_ text: String) -> Bool { SpreadsheetFormula.needsGuard(text) }

    /// Separator, quote, LF or CR: the field must be quoted.
    @inline(__always)
    static func quoteTrigger(_ byte: UInt8, separator: UInt8) -> Bool {
        switch byte {
        case separator, 0x22, 0x0A, 0x0D: return true
        default: return false
        }
    }

    /// `SpreadsheetFormula.needsGuard` on UTF-8 bytes: a field that starts with printable ASCII is decided by
    /// its first byte (`=`, `+`, `-`, `@`); any other start (space, control, non-ASCII) by the shared rule.
    @inline(__always)
    static func needsGuard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = bytes.first else { return false }
        if b > 0x20 && b < 0x7F { return b == 0x3D || b == 0x2B || b == 0x2D || b == 0x40 }
        return SpreadsheetFormula.needsGuard(String(decoding: bytes, as: UTF8.self))
    }

    /// The text with a leading `'` if it could be read as a formula.
    public static func neutralized(_ text: String) -> String { needsNeutralizing(text) ? "'" + text : text }

    /// `true` for text that a spreadsheet opening a CSV by double-click would turn into a number or a date:
    /// it starts with a digit and holds only digits, `.`, `,`, `/`, `:`, `-`, `%` and spaces (`05.02.01`,
    /// `401300`, `0815`, `16.01.01 / 401300`). An ISO date (`2025-03-01`) is left to be read as a date.
    @inline(__always)
    public static func looksLikeNumberOrDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first >= 0x30 && first <= 0x39 else { return false }
        for b in bytes {
            switch b {
            case 0x30...0x39, 0x2E, 0x2C, 0x2F, 0x3A, 0x2D, 0x25, 0x20: continue
            default: return false
            }
        }
        if bytes.count == 10 && bytes[4] == 0x2D && bytes[7] == 0x2D { return false }
        return true
    }

    /// Appends one field: neutralised if `isText` (text from data), quoted if needed. With `keepsAsText`
    /// (the excel-de dialect), text that a spreadsheet would read as a number or date is written quoted with
    /// a leading tab: German Excel and LibreOffice (with or without "detect special numbers" and "quoted field
    /// as text") keep such a field as text, a program's `strip()`/`trim` and Excel's `CLEAN` remove the tab;
    /// `="05.02.01"` and a leading apostrophe would stay in the value a re-reading auditor sees.
    @inline(__always)
    public static func appendField(_ bytes: UnsafeBufferPointer<UInt8>, isText: Bool, separator: UInt8,
                                   keepsAsText: Bool = false, to out: inout [UInt8]) {
        let inject = isText && needsGuard(bytes)
        let tab = keepsAsText && isText && !inject && looksLikeNumberOrDate(bytes)
        let needsQuotes = tab || bytes.contains { quoteTrigger($0, separator: separator) }
        if needsQuotes { out.append(0x22) }
        if inject { out.append(UInt8(ascii: "'")) }
        if tab { out.append(0x09) }
        if needsQuotes {
            for b in bytes { if b == 0x22 { out.append(0x22) }; out.append(b) }
            out.append(0x22)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    public static func appendField(_ text: String, isText: Bool, separator: UInt8, keepsAsText: Bool = false, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendField($0, isText: isText, separator: separator, keepsAsText: keepsAsText, to: &out) }
    }

    /// One line of CSV: the fields (text or not), separated and ended.
    public static func appendRecord(_ fields: [(text: String, isText: Bool)], separator: UInt8, lineEnding: LineEnding,
                                    keepsAsText: Bool = false, to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(separator) }
            appendField(f.text, isText: f.isText, separator: separator, keepsAsText: keepsAsText, to: &out)
        }
        out += lineEnding.bytes
    }

    /// `true` for a cell whose text comes from data (neutralised), `false` for numbers and dates.
    static func isText(_ cell: ReportTable.Cell) -> Bool {
        switch cell {
        case .text: return true
        case .formula(_, let cached): return isText(cached)
        default: return false
        }
    }

    /// The CSV bytes of one table with the caller's cell texts: the header of column keys, then the rows.
    static func render(_ table: ReportTable, separator: UInt8, lineEnding: LineEnding, byteOrderMark: [UInt8],
                       keepsAsText: Bool, cellText: (ReportTable.Cell) -> String) -> [UInt8] {
        var out = byteOrderMark
        out.reserveCapacity(64 * (table.rows.count + 1))
        appendRecord(table.columns.map { ($0.key, true) }, separator: separator, lineEnding: lineEnding, to: &out)
        for row in table.rows {
            appendRecord(table.columns.indices.map { i in
                let cell = i < row.count ? row[i] : .empty
                return (cellText(cell), isText(cell))
            }, separator: separator, lineEnding: lineEnding, keepsAsText: keepsAsText, to: &out)
        }
        return out
    }

    /// The CSV text of one table in a dialect.
    public static func render(_ table: ReportTable, dialect: CSVDialect, lineEnding: LineEnding? = nil) -> [UInt8] {
        let eol = dialect == .excelDE ? .crlf : (lineEnding ?? .crlf)
        return render(table, separator: dialect.separator, lineEnding: eol, byteOrderMark: dialect.byteOrderMark,
                      keepsAsText: dialect == .excelDE) { text($0, dialect: dialect) }
    }

    /// The command line's CSV of one table (`--format csv` of every command): rfc4180, `\n` line ends,
    /// header of column keys; the same cell texts as `report --csv --dialect rfc4180`.
    public static func cli(_ table: ReportTable) -> String {
        String(decoding: render(table, dialect: .rfc4180, lineEnding: .lf), as: UTF8.self)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// One cell as CSV text in a dialect (before neutralising and quoting).
    public static func text(_ cell: ReportTable.Cell, dialect: CSVDialect) -> String {
        let comma = dialect == .excelDE
        switch cell {
        case .empty: return ""
        case .text(let s): return s
        case .money(let m): return comma ? decimalComma(m.plainString) : m.plainString
        case .integer(let n): return String(n)
        case .decimal(let d), .percent(let d):
            var value = d
            if case .percent = cell {
                // A share to a millionth (0.0001 %): the exact quotient of two amounts has up to 38 digits.
                var exact = d
                NSDecimalRound(&value, &exact, 6, .plain)
            }
            let s = NSDecimalNumber(decimal: value).description(withLocale: posix)
            return comma ? decimalComma(s) : s
        case .date(let d): return comma ? d.german : d.iso
        case .formula(_, let cached): return text(cached, dialect: dialect)
        }
    }

    /// A number's text with its decimal point as a comma (byte by byte: Foundation's `replacingOccurrences`
    /// took a tenth of the main job's CSV tables).
    static func decimalComma(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: ".")) else { return s }
        return String(decoding: s.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
    }

    /// Writes one table to a file, whole or not at all (`OutputFile`).
    public static func write(_ table: ReportTable, to path: String, dialect: CSVDialect, lineEnding: LineEnding? = nil,
                             protecting protected: ProtectedFiles = ProtectedFiles()) throws {
        try OutputFile.write(render(table, dialect: dialect, lineEnding: lineEnding), to: path, protecting: protected)
    }
}
