import Foundation

/// How numbers are written in a file.
public enum NumberStyle: String, Sendable, Codable {
    /// `1.234,56` — decimal comma, optional thousands dots.
    case german = "de"
    /// `1,234.56` — decimal point, optional thousands commas.
    case english = "en"
}

/// How dates are written in a file. `auto` accepts `dd.mm.yyyy`, `yyyy-mm-dd` and `dd/mm/yyyy`.
public enum DateStyle: String, Sendable, Codable {
    case auto
    case german = "dd.mm.yyyy"
    case iso = "yyyy-mm-dd"
    case slashDMY = "dd/mm/yyyy"
    case slashMDY = "mm/dd/yyyy"
    /// Excel serial day numbers (1900 system).
    case excelSerial = "excel"
}

/// Why a value could not be read; becomes the reason of a rejected row.
public struct ValueError: Error, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}

/// Byte-level parsers for the values in municipal exports. They work on UTF-8 field bytes without
/// building Strings, because they run once per cell on millions of rows.
public enum ValueParsers {
    @inline(__always) static func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = p.count
        while s < e, p[s] == 0x20 || p[s] == 0x09 { s += 1 }
        // UTF-8 no-break space (C2 A0) at the ends, common in Excel exports
        while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x09 { e -= 1 }
        return UnsafeBufferPointer(rebasing: p[s..<e])
    }

    /// Parses an amount of money into cents.
    ///
    /// Accepts a sign before or after the number (`-12,50`, `12,50-`), parentheses for negatives,
    /// currency marks glued or spaced (`€`, `EUR`, `$`), no-break spaces, quotes already removed by the
    /// CSV reader. In the German style `.` groups thousands and `,` is the decimal mark; in the English
    /// style the reverse. Thousands separators must group by three. More than two decimals is an
    /// error (money is never rounded silently) unless the extra digits are zeros.
    public static func cents(_ raw: UnsafeBufferPointer<UInt8>, style: NumberStyle) -> Result<Int64, ValueError> {
        var p = trimmed(raw)
        if p.isEmpty { return .failure(ValueError("empty amount")) }
        var negative = false
        var s = 0, e = p.count
        // strip currency marks and no-break spaces at both ends
        func stripEnds() {
            var changed = true
            while changed && s < e {
                changed = false
                if p[s] == 0x20 || p[s] == 0x09 { s += 1; changed = true; continue }
                if p[e - 1] == 0x20 || p[e - 1] == 0x09 { e -= 1; changed = true; continue }
                if e - s >= 2, p[s] == 0xC2, p[s + 1] == 0xA0 { s += 2; changed = true; continue }
                if e - s >= 2, p[e - 2] == 0xC2, p[e - 1] == 0xA0 { e -= 2; changed = true; continue }
                if e - s >= 3, p[s] == 0xE2, p[s + 1] == 0x82, p[s + 2] == 0xAC { s += 3; changed = true; continue }     // €
                if e - s >= 3, p[e - 3] == 0xE2, p[e - 2] == 0x82, p[e - 1] == 0xAC { e -= 3; changed = true; continue }
                if e - s >= 3, p[s] | 0x20 == 0x65, p[s + 1] | 0x20 == 0x75, p[s + 2] | 0x20 == 0x72 { s += 3; changed = true; continue } // EUR
                if e - s >= 3, p[e - 3] | 0x20 == 0x65, p[e - 2] | 0x20 == 0x75, p[e - 1] | 0x20 == 0x72 { e -= 3; changed = true; continue }
                if p[s] == 0x24 { s += 1; changed = true; continue }     // $
                if p[e - 1] == 0x24 { e -= 1; changed = true; continue }
            }
        }
        stripEnds()
        if s < e, p[s] == 0x28, p[e - 1] == 0x29 { negative = true; s += 1; e -= 1; stripEnds() }
        if s < e, p[s] == 0x2D || p[s] == 0x2B { negative = p[s] == 0x2D ? !negative : negative; s += 1; stripEnds() }
        else if s < e, p[e - 1] == 0x2D || p[e - 1] == 0x2B { negative = p[e - 1] == 0x2D ? !negative : negative; e -= 1; stripEnds() }
        p = UnsafeBufferPointer(rebasing: p[s..<e])
        if p.isEmpty { return .failure(ValueError("no digits in amount")) }
        let decimalMark: UInt8 = style == .german ? 0x2C : 0x2E
        let groupMark: UInt8 = style == .german ? 0x2E : 0x2C
        var whole: Int64 = 0
        var frac: Int64 = 0
        var fracDigits = 0
        var seenDecimal = false
        var digitsSinceGroup = 0
        var sawGroup = false
        var wholeDigits = 0
        for k in 0..<p.count {
            let b = p[k]
            if b >= 0x30 && b <= 0x39 {
                let d = Int64(b - 0x30)
                if seenDecimal {
                    if fracDigits >= 2 {
                        if d != 0 { return .failure(ValueError("more than two decimals")) }
                        fracDigits += 1
                        continue
                    }
                    frac = frac * 10 + d; fracDigits += 1
                } else {
                    let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(d)
                    if o1 || o2 || a > 90_000_000_000_000_000 / 100 { return .failure(ValueError("amount too large")) }
                    whole = a; digitsSinceGroup += 1; wholeDigits += 1
                }
            } else if b == decimalMark {
                if seenDecimal { return .failure(ValueError("two decimal marks")) }
                if sawGroup && digitsSinceGroup != 3 { return .failure(ValueError("misplaced thousands separator")) }
                if wholeDigits == 0 && k > 0 { return .failure(ValueError("not a number")) }
                seenDecimal = true
            } else if b == groupMark {
                if seenDecimal || wholeDigits == 0 { return .failure(ValueError(style == .german ? "unexpected '.' (German numbers use ',' for decimals)" : "unexpected ',' (English numbers use '.' for decimals)")) }
                if sawGroup && digitsSinceGroup != 3 { return .failure(ValueError("misplaced thousands separator")) }
                if !sawGroup && digitsSinceGroup > 3 { return .failure(ValueError(style == .german ? "misplaced '.' (declare number style en if '.' is the decimal mark)" : "misplaced ',' (declare number style de if ',' is the decimal mark)")) }
                sawGroup = true; digitsSinceGroup = 0
            } else if b == 0x27 || b == 0x20 {
                // apostrophe or space as thousands separator (Swiss / ISO style)
                if seenDecimal || wholeDigits == 0 { return .failure(ValueError("unexpected separator")) }
                sawGroup = true; digitsSinceGroup = 0
            } else {
                return .failure(ValueError("not a number"))
            }
        }
        if wholeDigits == 0 && fracDigits == 0 { return .failure(ValueError("no digits in amount")) }
        if sawGroup && !seenDecimal && digitsSinceGroup != 3 { return .failure(ValueError("misplaced thousands separator")) }
        if seenDecimal && fracDigits == 0 { return .failure(ValueError("decimal mark without decimals")) }
        if fracDigits == 1 { frac *= 10 }
        let cents = whole * 100 + frac
        return .success(negative ? -cents : cents)
    }

    public static func cents(_ text: String, style: NumberStyle) -> Result<Int64, ValueError> {
        var t = text
        return t.withUTF8 { cents($0, style: style) }
    }

    /// An unsigned integer (years, counts), no separators.
    public static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        let p = trimmed(raw)
        if p.isEmpty || p.count > 18 { return nil }
        var v = 0
        for b in p {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    public static func date(_ text: String, style: DateStyle) -> Result<CivilDate, ValueError> {
        var t = text
        return t.withUTF8 { date($0, style: style) }
    }

    /// Parses a date in the given style.
    public static func date(_ raw: UnsafeBufferPointer<UInt8>, style: DateStyle) -> Result<CivilDate, ValueError> {
        let p = trimmed(raw)
        if p.isEmpty { return .failure(ValueError("empty date")) }
        // Split into up to 3 digit groups and the separators between them.
        var parts = (0, 0, 0), lens = (0, 0, 0)
        var idx = 0
        var sep: UInt8 = 0
        var timeTail = false
        for k in 0..<p.count {
            let b = p[k]
            if b >= 0x30 && b <= 0x39 {
                switch idx {
                case 0: parts.0 = parts.0 * 10 + Int(b - 0x30); lens.0 += 1
                case 1: parts.1 = parts.1 * 10 + Int(b - 0x30); lens.1 += 1
                default: parts.2 = parts.2 * 10 + Int(b - 0x30); lens.2 += 1
                }
                if lens.0 > 6 || lens.1 > 4 || lens.2 > 4 { return .failure(ValueError("not a date")) }
            } else if (b == 0x2E || b == 0x2D || b == 0x2F) && idx < 2 {
                if sep == 0 { sep = b } else if sep != b { return .failure(ValueError("mixed date separators")) }
                idx += 1
            } else if (b == 0x20 || b == 0x54) && idx == 2 {
                // a time part after the date (`2025-01-31 00:00:00`, `31.01.2025 00:00`) is ignored
                timeTail = true
                break
            } else {
                return .failure(ValueError("not a date"))
            }
        }
        _ = timeTail
        if idx == 0 {
            guard style == .excelSerial || style == .auto, lens.0 >= 1, lens.0 <= 6,
                  let d = CivilDate(excelSerial: parts.0) else { return .failure(ValueError("not a date")) }
            if style == .auto && lens.0 != 5 { return .failure(ValueError("not a date")) }
            return .success(d)
        }
        guard idx == 2 else { return .failure(ValueError("not a date")) }
        let y: Int, m: Int, d: Int
        switch sep {
        case 0x2D:   // yyyy-mm-dd
            guard style == .auto || style == .iso, lens.0 == 4 else { return .failure(ValueError("not a yyyy-mm-dd date")) }
            (y, m, d) = (parts.0, parts.1, parts.2)
        case 0x2E:   // dd.mm.yyyy
            guard style == .auto || style == .german, lens.2 == 4 || lens.2 == 2 else { return .failure(ValueError("not a dd.mm.yyyy date")) }
            (y, m, d) = (lens.2 == 2 ? 2000 + parts.2 : parts.2, parts.1, parts.0)
        default:     // slashes
            guard style == .auto || style == .slashDMY || style == .slashMDY, lens.2 == 4 else { return .failure(ValueError("not a dd/mm/yyyy date")) }
            (y, m, d) = style == .slashMDY ? (parts.2, parts.0, parts.1) : (parts.2, parts.1, parts.0)
        }
        guard let date = CivilDate(year: y, month: m, day: d) else {
            return .failure(ValueError("no such day"))
        }
        return .success(date)
    }

    /// Booleans as municipal lists write them: ja/nein, j/n, x/empty, true/false, 1/0, yes/no, wahr/falsch.
    public static func bool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "ja", "j", "x", "true", "wahr", "1", "yes", "y": return true
        case "nein", "n", "", "false", "falsch", "0", "no", "-": return false
        default: return nil
        }
    }
}
