import Foundation

/// The one rule for text that reaches a workbook's XML: cell strings, sheet names, notes, headers and
/// footers, chart titles, document properties, data-validation texts, formulas.
///
/// XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF, nothing else
/// (§2.2 `Char`). libxlsxwriter writes other characters raw (U+FFFE, U+FFFF) or cuts the text at a NUL
/// (it takes C strings), and LibreOffice then drops the cell and every later row. So every character
/// XML forbids becomes U+FFFD (the replacement character) and is counted; the count is reported.
///
/// Cell strings get one more, lossless, step: Excel and LibreOffice read `_xHHHH_` in a cell as the
/// character U+HHHH, so text that itself contains `_x0041_` would come back as `A`. Its underscore is
/// written as `_x005F_`, which readers turn back into `_` (ECMA-376 Part 1, §22.9.2.19 ST_Xstring).
///
///     XMLText.sanitized("a\u{0}b\u{FFFE}")   // ("a\u{FFFD}b\u{FFFD}", 2)
///     XMLText.cell("_x0041_")                 // ("_x005F_x0041_", 0)
public enum XMLText {
    /// The replacement for a character XML cannot carry.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// `true` if XML 1.0 allows the character.
    @inline(__always)
    public static func isAllowed(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The text with every character XML forbids replaced by U+FFFD, and how many were replaced.
    public static func sanitized(_ text: String) -> (text: String, replaced: Int) {
        guard needsWork(text, cell: false) else { return (text, 0) }
        return rebuild(text, cell: false)
    }

    /// `sanitized`, and `_xHHHH_` escaped as `_x005F_xHHHH_`: for text stored in a cell.
    public static func cell(_ text: String) -> (text: String, replaced: Int) {
        guard needsWork(text, cell: true) else { return (text, 0) }
        return rebuild(text, cell: true)
    }

    /// What a reader gets back for `text` written as a cell: the sanitised text.
    public static func expectedReadBack(_ text: String) -> String { sanitized(text).text }

    /// A fast scan over the UTF-8 bytes: C0 controls, U+FFFE/U+FFFF (EF BF BE/BF), and `_x` in cells.
    private static func needsWork(_ text: String, cell: Bool) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for b in text.utf8 {
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return true }
            if (b == 0xBE || b == 0xBF) && previous == 0xBF && beforePrevious == 0xEF { return true }
            if cell && b == UInt8(ascii: "x") && previous == UInt8(ascii: "_") { return true }
            beforePrevious = previous
            previous = b
        }
        return false
    }

    private static func rebuild(_ text: String, cell: Bool) -> (text: String, replaced: Int) {
        var out = String.UnicodeScalarView()
        var replaced = 0
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if !isAllowed(s.value) {
                out.append(replacement)
                replaced += 1
            } else if cell && s == "_" && isEscapeLike(scalars, at: i) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(s)
            }
            i += 1
        }
        return (String(out), replaced)
    }

    /// `_x` + four hex digits + `_` starting at `i`: what a reader would decode.
    private static func isEscapeLike(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    // MARK: Bytes (text from SQLite, which need not even be valid UTF-8)

    /// Sanitised bytes for a cell, or nil when `bytes` can be written as they are. Invalid UTF-8
    /// sequences count as forbidden characters too (one U+FFFD each, as Swift's decoder makes them).
    public static func cell(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], replaced: Int)? {
        if isCleanCell(bytes) { return nil }
        let decoded = String(decoding: bytes, as: UTF8.self)
        let (text, replaced) = cell(decoded)
        return (Array(text.utf8), replaced + countInvalidUTF8(bytes))
    }

    /// Well-formed UTF-8 (Unicode Table 3-7) of characters XML allows, without `_x`: written as it is.
    static func isCleanCell(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < n && p[k] >= lo && p[k] <= hi
        }
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // Eight bytes at a time while they are printable ASCII without `_` (the export's usual text):
            // no byte ≥ 0x80, none < 0x20 (tab, LF, CR go the byte path below), none equal to `_`.
            if i + 8 <= n {
                let w = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let control = (w &- ones &* 0x20) & ~w & high
                let u = w ^ (ones &* 0x5F)
                if (w & high) | control | ((u &- ones) & ~u & high) == 0 { i += 8; continue }
            }
            let b = p[i]
            if b < 0x80 {
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
                if b == UInt8(ascii: "_") && i + 1 < n && p[i + 1] == UInt8(ascii: "x") { return false }
                i += 1
                continue
            }
            switch b {
            case 0xC2...0xDF:
                guard cont(i + 1) else { return false }
                i += 2
            case 0xE0:
                guard cont(i + 1, 0xA0), cont(i + 2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE:
                guard cont(i + 1), cont(i + 2) else { return false }
                i += 3
            case 0xED:
                guard cont(i + 1, 0x80, 0x9F), cont(i + 2) else { return false }
                i += 3
            case 0xEF:
                guard cont(i + 1), cont(i + 2) else { return false }
                if p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF) { return false }   // U+FFFE, U+FFFF
                i += 3
            case 0xF0:
                guard cont(i + 1, 0x90), cont(i + 2), cont(i + 3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard cont(i + 1), cont(i + 2), cont(i + 3) else { return false }
                i += 4
            case 0xF4:
                guard cont(i + 1, 0x80, 0x8F), cont(i + 2), cont(i + 3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    /// How many U+FFFD the UTF-8 decoder put in for invalid sequences.
    private static func countInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: n += 1
            }
        }
        return n
    }
}

/// Counts what the workbook writers changed in text on its way into XML; shown in the run log.
public struct TextChanges: Sendable, Equatable {
    /// Characters XML 1.0 forbids (NUL and other C0 controls, U+FFFE, U+FFFF, invalid UTF-8), replaced by U+FFFD.
    public var replacedCharacters = 0
    /// Texts cut to Excel's 32,767 characters per cell.
    public var truncatedTexts = 0
    public init() {}
    public var isEmpty: Bool { replacedCharacters == 0 && truncatedTexts == 0 }

    /// One line for the log, or nil when nothing changed.
    public func logLine(for path: String, _ lang: Language) -> String? {
        guard !isEmpty else { return nil }
        var parts: [String] = []
        let de = lang == .de
        if replacedCharacters > 0 {
            let n = NumberText.count(replacedCharacters, lang)
            parts.append(de ? "\(n) in XML unzulässige(s) Zeichen durch U+FFFD ersetzt" : "\(n) character(s) that XML does not allow replaced by U+FFFD")
        }
        if truncatedTexts > 0 {
            let n = NumberText.count(truncatedTexts, lang)
            parts.append(de ? "\(n) Text(e) über 32.767 Zeichen gekürzt" : "\(n) text(s) longer than 32,767 characters cut")
        }
        return "\(path): " + parts.joined(separator: "; ")
    }
}
