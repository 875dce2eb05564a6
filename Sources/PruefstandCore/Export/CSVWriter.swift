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

/// Writes `ReportTable`s as CSV: a header line of column keys, then one line per row; no notes, no totals.
///
/// Formula injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe (`'=HYPERLINK(…)`), so no spreadsheet program evaluates it. Numbers are never
/// prefixed. Money is written with exactly two decimals; a percent cell as its share (0.125 for 12.5 %);
/// a formula cell as its cached value.
public enum CSVWriter {
    public enum LineEnding: String, Sendable { case crlf, lf
        var bytes: [UInt8] { self == .crlf ? [13, 10] : [10] }
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

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    @inline(__always)
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: return true
        default: return false
        }
    }

    /// The text with a leading `'` if it could be read as a formula.
    public static func neutralized(_ text: String) -> String { needsNeutralizing(text) ? "'" + text : text }

    /// The CSV text of one table.
    public static func render(_ table: ReportTable, dialect: CSVDialect, lineEnding: LineEnding? = nil,
                              neutralizeFormulas: Bool = true) -> [UInt8] {
        let eol = (dialect == .excelDE ? .crlf : (lineEnding ?? .crlf)).bytes
        var out = dialect.byteOrderMark
        func field(_ s: String) {
            let bytes = Array(s.utf8)
            let sep = dialect.separator
            let needsQuotes = bytes.contains { quoteTrigger($0, separator: sep) }
            if needsQuotes {
                out.append(UInt8(ascii: "\""))
                for b in bytes {
                    if b == UInt8(ascii: "\"") { out.append(b) }
                    out.append(b)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out += bytes
            }
        }
        for (i, column) in table.columns.enumerated() {
            if i > 0 { out.append(dialect.separator) }
            field(column.key)
        }
        out += eol
        for row in table.rows {
            for i in table.columns.indices {
                if i > 0 { out.append(dialect.separator) }
                let cell = i < row.count ? row[i] : .empty
                field(text(cell, dialect: dialect, neutralizeFormulas: neutralizeFormulas))
            }
            out += eol
        }
        return out
    }

    /// One cell as CSV text (before quoting).
    private static let posix = Locale(identifier: "en_US_POSIX")

    public static func text(_ cell: ReportTable.Cell, dialect: CSVDialect, neutralizeFormulas: Bool = true) -> String {
        let comma = dialect == .excelDE
        switch cell {
        case .empty: return ""
        case .text(let s): return neutralizeFormulas ? neutralized(s) : s
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
        case .formula(_, let cached): return text(cached, dialect: dialect, neutralizeFormulas: neutralizeFormulas)
        }
    }

    /// Writes one table to a file.
    public static func write(_ table: ReportTable, to path: String, dialect: CSVDialect, lineEnding: LineEnding? = nil) throws {
        let bytes = render(table, dialect: dialect, lineEnding: lineEnding)
        try OutputFile.prepare(path)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PruefstandError.file(path: path, message: "cannot write CSV: \(error.localizedDescription)")
        }
    }
}

/// Every file Pruefstand writes goes where the user asked, creating missing folders on the way
/// (`--out reports/2026/bericht.xlsx`), the same as the main job does for its report folder.
enum OutputFile {
    static func prepare(_ path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        guard !dir.isEmpty else { return }
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        catch { throw PruefstandError.file(path: dir, message: "cannot create folder: \(error.localizedDescription)") }
    }
}
