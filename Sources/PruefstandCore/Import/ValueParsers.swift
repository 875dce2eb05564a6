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
    /// The reason in German and English (issue 16).
    public let text: Phrase
    /// The English reason.
    public var message: String { text.en }
    init(de: String, en: String) { text = Phrase(de: de, en: en) }
}

/// Byte-level parsers for the values in municipal exports. They work on UTF-8 field bytes without
/// building Strings, because they run once per cell on millions of rows.
///
/// They accept exactly the grammar in docs/formats.md ("Numbers and dates, exactly"); anything else is a
/// `ValueError` (a rejected row), never a guess. `ValueGrammarPropertyTests` checks them against a
/// reference written another way.
public enum ValueParsers {
    @inline(__always) static func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = p.count
        while s < e, p[s] == 0x20 || p[s] == 0x09 { s += 1 }
        while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x09 { e -= 1 }
        return UnsafeBufferPointer(rebasing: p[s..<e])
    }

    /// Length of a space at `i` going forward (space, tab, no-break space U+00A0, narrow no-break space
    /// U+202F), or 0.
    @inline(__always) static func spaceAhead(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) -> Int {
        let b = p[i]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xC2, i + 1 < e, p[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < e, p[i + 1] == 0x80, p[i + 2] == 0xAF { return 3 }
        return 0
    }

    /// Length of a space ending just before `e`, or 0.
    @inline(__always) static func spaceBehind(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        let b = p[e - 1]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xA0, e - 2 >= s, p[e - 2] == 0xC2 { return 2 }
        if b == 0xAF, e - 3 >= s, p[e - 3] == 0xE2, p[e - 2] == 0x80 { return 3 }
        return 0
    }

    /// Length of a currency mark (`€`, `EUR` in any case, `$`) at `i` going forward, or 0.
    @inline(__always) static func currencyAhead(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) -> Int {
        if p[i] == 0x24 { return 1 }
        guard e - i >= 3 else { return 0 }
        if p[i] == 0xE2, p[i + 1] == 0x82, p[i + 2] == 0xAC { return 3 }
        if p[i] | 0x20 == 0x65, p[i + 1] | 0x20 == 0x75, p[i + 2] | 0x20 == 0x72 { return 3 }
        return 0
    }

    /// Length of a currency mark ending just before `e`, or 0.
    @inline(__always) static func currencyBehind(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        if p[e - 1] == 0x24 { return 1 }
        guard e - s >= 3 else { return 0 }
        if p[e - 3] == 0xE2, p[e - 2] == 0x82, p[e - 1] == 0xAC { return 3 }
        if p[e - 3] | 0x20 == 0x65, p[e - 2] | 0x20 == 0x75, p[e - 1] | 0x20 == 0x72 { return 3 }
        return 0
    }

    /// Parses an amount of money into cents.
    ///
    /// The grammar (docs/formats.md): spaces (also no-break U+00A0 and U+202F) around everything; either
    /// accounting parentheses around the rest, which make it negative and admit no sign inside
    /// (`(12,50)`, `(12,50 €)`), or at most one sign `-`/`+` before or after the number (`-12,50`,
    /// `12,50-`, `- 12,50 €`); at most one currency mark `€`, `EUR` or `$`, before or after the number,
    /// glued or spaced. The number: whole digits, plain (`1234`) or grouped by three with one thousands
    /// separator throughout (`1.234.567` in German, `1,234,567` in English, or a space, a no-break space or
    /// an apostrophe in either), then optionally the decimal mark and at least one decimal (`,5` is 0,50).
    /// More than two decimals is an error (money is never rounded silently) unless the extra digits are
    /// zeros. At most 900 trillion euros (`Money.maxInputCents`).
    public static func cents(_ raw: UnsafeBufferPointer<UInt8>, style: NumberStyle) -> Result<Int64, ValueError> {
        let p = raw
        var s = 0, e = p.count
        @inline(__always) func skipSpaces() {
            while s < e { let n = spaceAhead(p, s, e); if n == 0 { break }; s += n }
            while e > s { let n = spaceBehind(p, s, e); if n == 0 { break }; e -= n }
        }
        skipSpaces()
        if s == e { return .failure(ValueError(de: "leerer Betrag", en: "empty amount")) }
        var negative = false
        let parenthesised = p[s] == 0x28 || p[e - 1] == 0x29
        if parenthesised {
            guard e - s >= 2, p[s] == 0x28, p[e - 1] == 0x29 else { return .failure(ValueError(de: "Klammern passen nicht zusammen", en: "unbalanced parenthesis")) }
            negative = true; s += 1; e -= 1
            skipSpaces()
        }
        var signs = 0, currencies = 0
        // Sign and currency marks before the number, then after it.
        while s < e {
            let space = spaceAhead(p, s, e)
            if space > 0 { s += space; continue }
            let b = p[s]
            if b == 0x2D || b == 0x2B {
                if parenthesised { return .failure(ValueError(de: "ein Vorzeichen in Klammern (Klammern allein bedeuten negativ)", en: "a sign inside parentheses (parentheses alone mean negative)")) }
                signs += 1
                if signs > 1 { return .failure(ValueError(de: "zwei Vorzeichen", en: "two signs")) }
                negative = b == 0x2D; s += 1; continue
            }
            let currency = currencyAhead(p, s, e)
            if currency > 0 {
                currencies += 1
                if currencies > 1 { return .failure(ValueError(de: "zwei Währungszeichen", en: "two currency marks")) }
                s += currency; continue
            }
            break
        }
        while e > s {
            let space = spaceBehind(p, s, e)
            if space > 0 { e -= space; continue }
            let b = p[e - 1]
            if b == 0x2D || b == 0x2B {
                if parenthesised { return .failure(ValueError(de: "ein Vorzeichen in Klammern (Klammern allein bedeuten negativ)", en: "a sign inside parentheses (parentheses alone mean negative)")) }
                signs += 1
                if signs > 1 { return .failure(ValueError(de: "zwei Vorzeichen", en: "two signs")) }
                negative = b == 0x2D; e -= 1; continue
            }
            let currency = currencyBehind(p, s, e)
            if currency > 0 {
                currencies += 1
                if currencies > 1 { return .failure(ValueError(de: "zwei Währungszeichen", en: "two currency marks")) }
                e -= currency; continue
            }
            break
        }
        if s == e { return .failure(ValueError(de: "keine Ziffern im Betrag", en: "no digits in amount")) }
        let decimalMark: UInt8 = style == .german ? 0x2C : 0x2E
        let groupMark: UInt8 = style == .german ? 0x2E : 0x2C
        let maxWhole = Money.maxInputCents / 100
        var whole: Int64 = 0, wholeDigits = 0
        var frac: Int64 = 0, fracDigits = 0
        var seenDecimal = false
        // The thousands separator in use (its first byte, or 0), and digits since the last one.
        var separator: UInt8 = 0, sinceSeparator = 0
        func misplaced(_ b: UInt8) -> ValueError {
            if b == groupMark {
                return style == .german
                    ? ValueError(de: "'.' an falscher Stelle (deutsche Zahlen gruppieren Tausender mit '.' und trennen Dezimalstellen mit ','; format: numbers: en angeben, wenn '.' das Dezimalzeichen ist)",
                                 en: "misplaced '.' (German numbers group thousands with '.' and use ',' for decimals; declare format: numbers: en if '.' is the decimal mark)")
                    : ValueError(de: "',' an falscher Stelle (englische Zahlen gruppieren Tausender mit ',' und trennen Dezimalstellen mit '.'; format: numbers: de angeben, wenn ',' das Dezimalzeichen ist)",
                                 en: "misplaced ',' (English numbers group thousands with ',' and use '.' for decimals; declare format: numbers: de if ',' is the decimal mark)")
            }
            return ValueError(de: "Tausendertrennzeichen an falscher Stelle (Ziffern in Dreiergruppen)", en: "misplaced thousands separator (digits must be grouped by three)")
        }
        var k = s
        while k < e {
            let b = p[k]
            if b >= 0x30 && b <= 0x39 {
                let d = Int64(b - 0x30)
                if seenDecimal {
                    if fracDigits >= 2 {
                        if d != 0 { return .failure(ValueError(de: "mehr als zwei Nachkommastellen", en: "more than two decimals")) }
                    } else {
                        frac = frac * 10 + d
                    }
                    fracDigits += 1
                } else {
                    whole = whole * 10 + d
                    if whole > maxWhole { return .failure(ValueError(de: "Betrag zu groß (mehr als 900 Billionen Euro)", en: "amount too large (more than 900 trillion euros)")) }
                    wholeDigits += 1; sinceSeparator += 1
                }
                k += 1
                continue
            }
            if b == decimalMark {
                if seenDecimal { return .failure(ValueError(de: "zwei Dezimalzeichen", en: "two decimal marks")) }
                if separator != 0 && sinceSeparator != 3 { return .failure(misplaced(separator)) }
                seenDecimal = true
                k += 1
                continue
            }
            // A thousands separator: the style's group mark, a space, a no-break space or an apostrophe.
            var width = 0
            if b == groupMark || b == 0x27 || b == 0x20 { width = 1 }
            else if b == 0xC2, k + 1 < e, p[k + 1] == 0xA0 { width = 2 }
            else if b == 0xE2, k + 2 < e, p[k + 1] == 0x80, p[k + 2] == 0xAF { width = 3 }
            guard width > 0 else { return .failure(ValueError(de: "keine Zahl", en: "not a number")) }
            if seenDecimal {
                return .failure(b != groupMark ? ValueError(de: "ein Tausendertrennzeichen nach dem Dezimalzeichen", en: "a thousands separator after the decimal mark")
                    : style == .german ? ValueError(de: "unerwarteter '.' nach dem Dezimalkomma", en: "unexpected '.' after the decimal comma")
                    : ValueError(de: "unerwartetes ',' nach dem Dezimalpunkt", en: "unexpected ',' after the decimal point"))
            }
            if wholeDigits == 0 { return .failure(ValueError(de: "keine Zahl", en: "not a number")) }
            if separator == 0 {
                if sinceSeparator > 3 { return .failure(misplaced(b)) }
                separator = b
            } else {
                if b != separator { return .failure(ValueError(de: "zwei verschiedene Tausendertrennzeichen", en: "two different thousands separators")) }
                if sinceSeparator != 3 { return .failure(misplaced(b)) }
            }
            sinceSeparator = 0
            k += width
        }
        if wholeDigits == 0 && fracDigits == 0 { return .failure(ValueError(de: "keine Ziffern im Betrag", en: "no digits in amount")) }
        if separator != 0 && !seenDecimal && sinceSeparator != 3 { return .failure(misplaced(separator)) }
        if seenDecimal && fracDigits == 0 { return .failure(ValueError(de: "Dezimalzeichen ohne Nachkommastellen", en: "decimal mark without decimals")) }
        if fracDigits == 1 { frac *= 10 }
        let cents = whole * 100 + frac
        if cents > Money.maxInputCents { return .failure(ValueError(de: "Betrag zu groß (mehr als 900 Billionen Euro)", en: "amount too large (more than 900 trillion euros)")) }
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
    ///
    /// The grammar (docs/formats.md): `d.m.yyyy` and `d.m.yy` (20yy), `yyyy-m-d`, `d/m/yyyy` (or `m/d/yyyy`
    /// when declared), day and month with one or two digits; an Excel serial day (5 digits, or 1 to 6 with
    /// `dates: excel`). After a date with separators a time may follow, after one space or `T`:
    /// `h:mm`, `h:mm:ss` or `h:mm:ss.fff` (hours 0–23, minutes and seconds 0–59); it is ignored. Anything
    /// else after the date is an error. The year must lie in 1900–2100 (`CivilDate.inputYears`).
    public static func date(_ raw: UnsafeBufferPointer<UInt8>, style: DateStyle) -> Result<CivilDate, ValueError> {
        let p = trimmed(raw)
        if p.isEmpty { return .failure(ValueError(de: "leeres Datum", en: "empty date")) }
        let n = p.count
        var parts = (0, 0, 0), lens = (0, 0, 0)
        var idx = 0
        var sep: UInt8 = 0
        var k = 0
        while k < n {
            let b = p[k]
            if b >= 0x30 && b <= 0x39 {
                switch idx {
                case 0: parts.0 = parts.0 * 10 + Int(b - 0x30); lens.0 += 1
                case 1: parts.1 = parts.1 * 10 + Int(b - 0x30); lens.1 += 1
                default: parts.2 = parts.2 * 10 + Int(b - 0x30); lens.2 += 1
                }
                if lens.0 > 6 || lens.1 > 2 || lens.2 > 4 { return .failure(ValueError(de: "kein Datum", en: "not a date")) }
            } else if (b == 0x2E || b == 0x2D || b == 0x2F) && idx < 2 {
                if sep == 0 { sep = b } else if sep != b { return .failure(ValueError(de: "gemischte Trennzeichen im Datum", en: "mixed date separators")) }
                if idx == 0 && lens.0 == 0 || idx == 1 && lens.1 == 0 { return .failure(ValueError(de: "kein Datum", en: "not a date")) }
                idx += 1
            } else if (b == 0x20 || b == 0x54) && idx == 2 {
                guard isTime(p, from: k + 1) else { return .failure(ValueError(de: "kein Datum (nur eine Uhrzeit hh:mm oder hh:mm:ss darf folgen)", en: "not a date (only a time hh:mm or hh:mm:ss may follow it)")) }
                break
            } else {
                return .failure(ValueError(de: "kein Datum", en: "not a date"))
            }
            k += 1
        }
        func inRange(_ d: CivilDate) -> Result<CivilDate, ValueError> {
            CivilDate.inputYears.contains(d.year) ? .success(d)
                : .failure(ValueError(de: "Jahr \(d.year) außerhalb \(CivilDate.inputYears.lowerBound)–\(CivilDate.inputYears.upperBound)",
                                         en: "year \(d.year) outside \(CivilDate.inputYears.lowerBound)–\(CivilDate.inputYears.upperBound)"))
        }
        if idx == 0 {
            guard style == .excelSerial || style == .auto, lens.0 >= 1, lens.0 <= 6 else { return .failure(ValueError(de: "kein Datum", en: "not a date")) }
            if style == .auto && lens.0 != 5 { return .failure(ValueError(de: "kein Datum", en: "not a date")) }
            guard let d = CivilDate(excelSerial: parts.0) else { return .failure(ValueError(de: "kein Datum (Excel-Seriennummer außerhalb des Bereichs)", en: "not a date (Excel serial out of range)")) }
            return inRange(d)
        }
        guard idx == 2, lens.2 > 0 else { return .failure(ValueError(de: "kein Datum", en: "not a date")) }
        let y: Int, m: Int, d: Int
        switch sep {
        case 0x2D:   // yyyy-mm-dd
            guard style == .auto || style == .iso, lens.0 == 4, lens.2 <= 2 else { return .failure(ValueError(de: "kein Datum der Form jjjj-mm-tt", en: "not a yyyy-mm-dd date")) }
            (y, m, d) = (parts.0, parts.1, parts.2)
        case 0x2E:   // dd.mm.yyyy
            guard style == .auto || style == .german, lens.0 <= 2, lens.2 == 4 || lens.2 == 2 else { return .failure(ValueError(de: "kein Datum der Form tt.mm.jjjj", en: "not a dd.mm.yyyy date")) }
            (y, m, d) = (lens.2 == 2 ? 2000 + parts.2 : parts.2, parts.1, parts.0)
        default:     // slashes
            guard style == .auto || style == .slashDMY || style == .slashMDY, lens.0 <= 2, lens.2 == 4 else { return .failure(ValueError(de: "kein Datum der Form tt/mm/jjjj", en: "not a dd/mm/yyyy date")) }
            (y, m, d) = style == .slashMDY ? (parts.2, parts.0, parts.1) : (parts.2, parts.1, parts.0)
        }
        if !CivilDate.inputYears.contains(y) {
            return .failure(ValueError(de: "Jahr \(y) außerhalb \(CivilDate.inputYears.lowerBound)–\(CivilDate.inputYears.upperBound)",
                                         en: "year \(y) outside \(CivilDate.inputYears.lowerBound)–\(CivilDate.inputYears.upperBound)"))
        }
        guard let date = CivilDate(year: y, month: m, day: d) else {
            return .failure(ValueError(de: "diesen Tag gibt es nicht", en: "no such day"))
        }
        return .success(date)
    }

    /// `h:mm`, `h:mm:ss` or `h:mm:ss.f…` from `k` to the end (hours 0–23, minutes and seconds 0–59).
    static func isTime(_ p: UnsafeBufferPointer<UInt8>, from k: Int) -> Bool {
        var i = k
        let n = p.count
        func number(maxDigits: Int, minDigits: Int) -> Int? {
            var v = 0, len = 0
            while i < n, p[i] >= 0x30, p[i] <= 0x39, len < maxDigits { v = v * 10 + Int(p[i] - 0x30); len += 1; i += 1 }
            return len >= minDigits ? v : nil
        }
        guard let h = number(maxDigits: 2, minDigits: 1), h <= 23, i < n, p[i] == 0x3A else { return false }
        i += 1
        guard let m = number(maxDigits: 2, minDigits: 2), m <= 59 else { return false }
        if i == n { return true }
        guard p[i] == 0x3A else { return false }
        i += 1
        guard let sec = number(maxDigits: 2, minDigits: 2), sec <= 59 else { return false }
        if i == n { return true }
        guard p[i] == 0x2E, i + 1 < n else { return false }
        i += 1
        while i < n { guard p[i] >= 0x30, p[i] <= 0x39 else { return false }; i += 1 }
        return true
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
