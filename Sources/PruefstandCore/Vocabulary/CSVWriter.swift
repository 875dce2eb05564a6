import Foundation

/// The CSV flavours Pruefstand writes.
///
/// - `rfc4180`: UTF-8 without BOM, comma, decimal point, ISO dates (yyyy-mm-dd), CRLF (or LF on request),
///   fields quoted only when needed. For programs.
/// - `excel-de`: UTF-8 with BOM, semicolon, decimal comma, German dates (dd.mm.yyyy), CRLF. A double-click
///   in German Excel or LibreOffice shows proper columns, numbers and dates.
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
/// totals. In the dialects, money has exactly two decimals, a percent cell is its share (0.125 for
/// 12.5 %), a formula cell its cached value; callers with their own number formats (the CLI's plain CSV)
/// pass `cellText`.
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

    /// Appends one field: neutralised if `isText` (text from data), quoted if needed.
    @inline(__always)
    public static func appendField(_ bytes: UnsafeBufferPointer<UInt8>, isText: Bool, separator: UInt8, to out: inout [UInt8]) {
        let inject = isText && needsGuard(bytes)
        let needsQuotes = bytes.contains { quoteTrigger($0, separator: separator) }
        if needsQuotes { out.append(0x22) }
        if inject { out.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for b in bytes { if b == 0x22 { out.append(0x22) }; out.append(b) }
            out.append(0x22)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    public static func appendField(_ text: String, isText: Bool, separator: UInt8, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendField($0, isText: isText, separator: separator, to: &out) }
    }

    /// One line of CSV: the fields (text or not), separated and ended.
    public static func appendRecord(_ fields: [(text: String, isText: Bool)], separator: UInt8, lineEnding: LineEnding, to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(separator) }
            appendField(f.text, isText: f.isText, separator: separator, to: &out)
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
    public static func render(_ table: ReportTable, separator: UInt8 = UInt8(ascii: ","), lineEnding: LineEnding,
                              byteOrderMark: [UInt8] = [], cellText: (ReportTable.Cell) -> String) -> [UInt8] {
        var out = byteOrderMark
        out.reserveCapacity(64 * (table.rows.count + 1))
        appendRecord(table.columns.map { ($0.key, true) }, separator: separator, lineEnding: lineEnding, to: &out)
        for row in table.rows {
            appendRecord(table.columns.indices.map { i in
                let cell = i < row.count ? row[i] : .empty
                return (cellText(cell), isText(cell))
            }, separator: separator, lineEnding: lineEnding, to: &out)
        }
        return out
    }

    /// The same, as text.
    public static func string(_ table: ReportTable, lineEnding: LineEnding = .lf, cellText: (ReportTable.Cell) -> String) -> String {
        String(decoding: render(table, lineEnding: lineEnding, cellText: cellText), as: UTF8.self)
    }

    /// The CSV text of one table in a dialect.
    public static func render(_ table: ReportTable, dialect: CSVDialect, lineEnding: LineEnding? = nil) -> [UInt8] {
        let eol = dialect == .excelDE ? .crlf : (lineEnding ?? .crlf)
        return render(table, separator: dialect.separator, lineEnding: eol, byteOrderMark: dialect.byteOrderMark) {
            text($0, dialect: dialect)
        }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// One cell as CSV text in a dialect (before neutralising and quoting).
    public static func text(_ cell: ReportTable.Cell, dialect: CSVDialect) -> String {
        let comma = dialect == .excelDE
        switch cell {
        case .empty: return ""
        case .text(let s): return s
        case .money(let m): return comma ? m.plainString.replacingOccurrences(of: ".", with: ",") : m.plainString
        case .integer(let n): return String(n)
        case .decimal(let d), .percent(let d):
            var value = d
            if case .percent = cell {
                // A share to a millionth (0.0001 %): the exact quotient of two amounts has up to 38 digits.
                var exact = d
                NSDecimalRound(&value, &exact, 6, .plain)
            }
            let s = NSDecimalNumber(decimal: value).description(withLocale: posix)
            return comma ? s.replacingOccurrences(of: ".", with: ",") : s
        case .date(let d): return comma ? d.german : d.iso
        case .formula(_, let cached): return text(cached, dialect: dialect)
        }
    }

    /// Writes one table to a file, whole or not at all (`OutputFile`).
    public static func write(_ table: ReportTable, to path: String, dialect: CSVDialect, lineEnding: LineEnding? = nil,
                             protecting protected: ProtectedFiles = ProtectedFiles()) throws {
        try OutputFile.write(render(table, dialect: dialect, lineEnding: lineEnding), to: path, protecting: protected)
    }
}
