import Foundation

/// A message in both languages of the reports (issue 16: one language per output): the German text and the
/// English one, chosen where the message is printed (`Phrase.text(_:)` or `phrase(lang)` in Vocabulary, by
/// `Language`). Errors, reject reasons, import warnings and audit texts are built as both where they arise,
/// German as a German controller writes it (Umlaute, `1.234,56 €`, `31.12.2025`).
///
/// Errors carry a `Phrase`, so the one error boundary prints them in the command's `--lang` (or a run
/// manifest's `report.lang`). A plain string literal is a phrase with the same text in both languages: a
/// detail quoted as it came (a path, SQLite's or the YAML parser's own words). It lives in Domain because
/// `PruefstandError` does; it names no language type, so it stays below `Language` (docs/architecture.md).
///
///     let p = Phrase(de: "keine solche Datei", en: "no such file")
///     p.en                                   // "no such file"
///     let q: Phrase = "cannot read (\(why))" // the same text in both languages
public struct Phrase: Equatable, Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The German text.
    public let de: String
    /// The English text (what `description` and logs show).
    public let en: String

    public init(de: String, en: String) { self.de = de; self.en = en }
    /// A text that is the same in both languages (a quoted detail).
    public init(_ same: String) { de = same; en = same }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }

    public var description: String { en }

    /// Both texts with `other` after them, each in its language.
    public static func + (a: Phrase, b: Phrase) -> Phrase { Phrase(de: a.de + b.de, en: a.en + b.en) }

    /// Every occurrence of `value` in both texts replaced (a personal value taken out of a reject reason).
    public func replacing(_ value: String, de: String, en: String) -> Phrase {
        Phrase(de: self.de.replacingOccurrences(of: value, with: de), en: self.en.replacingOccurrences(of: value, with: en))
    }

    /// A count with thousands separators in each language: `1.234.567` and `1,234,567` (`NumberText.count`).
    public static func count(_ n: Int) -> Phrase {
        let sign = n < 0 ? "-" : ""
        return Phrase(de: sign + grouped(UInt64(n.magnitude), separator: "."), en: sign + grouped(UInt64(n.magnitude), separator: ","))
    }

    /// Digits in groups of three with `separator` between them.
    public static func grouped(_ n: UInt64, separator: String) -> String {
        var digits = String(n), groups: [Substring] = []
        while digits.count > 3 { groups.insert(digits.suffix(3), at: 0); digits = String(digits.dropLast(3)) }
        groups.insert(Substring(digits), at: 0)
        return groups.joined(separator: separator)
    }

    /// Values quoted in a message stay one bounded line: control characters (newline, tab, escape) shown as
    /// `\u{…}`, and at most `limit` characters with `…` after (a 1 MB value in a file names only its start).
    public static func quoted(_ value: String, limit: Int = 80) -> String {
        var out = "", n = 0
        for scalar in value.unicodeScalars {
            if n >= limit { out += "…"; break }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            n += 1
        }
        return out
    }
}
