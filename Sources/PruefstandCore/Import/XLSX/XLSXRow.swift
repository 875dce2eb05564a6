import Foundation

/// A cell's value as the workbook stores it: text, a number kept as its exact decimal text, a boolean,
/// an Excel error such as `#DIV/0!`, or nothing.
///
/// Numbers are never converted through `Double`: `number("1234.56")` is the text in the file, so an
/// importer parses it exactly (to `Money`, `Decimal` or an Excel date serial).
public enum XLSXValue: Hashable, Sendable {
    case text(String)
    case number(String)
    case bool(Bool)
    case error(String)
    case empty

    /// The value as text for a grid: numbers as stored, booleans `TRUE`/`FALSE`, errors as written,
    /// `nil` for an empty cell.
    public var stringValue: String? {
        switch self {
        case let .text(s), let .number(s), let .error(s): return s
        case let .bool(b): return b ? "TRUE" : "FALSE"
        case .empty: return nil
        }
    }
}

/// One cell of a worksheet row.
public struct XLSXCell: Hashable, Sendable {
    /// 1-based column (A = 1, XFD = 16,384).
    public var column: Int
    /// The A1-style reference, e.g. `B12`.
    public var reference: String
    public var value: XLSXValue
    /// The cell's style shows a date or time (built-in formats 14–22 and 45–47, or a custom format
    /// with `d`, `m` or `y` outside quotes and brackets), or it is an ISO date cell (`t="d"`).
    public var isDate: Bool
    /// For a date-styled number: the calendar day of its serial (whole part; the workbook's 1900 or
    /// 1904 date system applied). `nil` otherwise or when the serial is out of range.
    public var date: CivilDate?

    public init(column: Int, reference: String, value: XLSXValue, isDate: Bool = false, date: CivilDate? = nil) {
        self.column = column; self.reference = reference; self.value = value; self.isDate = isDate; self.date = date
    }
}

/// One worksheet row: its 1-based number and the cells the file stores for it, in file order.
public struct XLSXRow: Hashable, Sendable {
    public var rowNumber: Int
    public var cells: [XLSXCell]

    public init(rowNumber: Int, cells: [XLSXCell]) { self.rowNumber = rowNumber; self.cells = cells }

    /// The cell in a 1-based column, if the file stores one.
    public subscript(column column: Int) -> XLSXCell? { cells.first { $0.column == column } }
}

/// Column letters ↔ numbers (A = 1 … XFD = 16,384).
public enum XLSXColumn {
    /// `"B"` → 2; nil for anything but 1–3 ASCII letters.
    public static func number(_ letters: Substring) -> Int? {
        guard (1...3).contains(letters.utf8.count) else { return nil }
        var n = 0
        for b in letters.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): n = n * 26 + Int(b - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): n = n * 26 + Int(b - UInt8(ascii: "a")) + 1
            default: return nil
            }
        }
        return n
    }

    /// 2 → `"B"`.
    public static func letters(_ number: Int) -> String {
        precondition(number >= 1)
        var n = number
        var out: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }
}
