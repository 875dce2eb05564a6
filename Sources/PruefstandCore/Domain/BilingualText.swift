import Foundation

/// A message in German and English, built as both where it arises (issue 16: one language per report).
///
/// A reject reason, an import warning, an audit text: the parser or check that knows what went wrong writes
/// it once in each language, German as a German controller would write it (Umlaute, `1.234,56 €`,
/// `31.12.2025`), and the output picks one by `--lang` (`text(.de)`, in `BilingualText+Language.swift`).
/// It lives in Domain because the code schemes (`CodeScheme.productProblem`) give their reasons in it.
///
///     let why = BilingualText(de: "Betrag ist keine Zahl", en: "not a number")
///     why(.de)   // "Betrag ist keine Zahl"
public struct BilingualText: Sendable, Hashable, Codable {
    public var de: String
    public var en: String

    public init(de: String, en: String) { self.de = de; self.en = en }

    /// A text that is the same in both languages (a code, a value quoted from a file).
    public init(_ both: String) { de = both; en = both }

    /// Both texts joined: `a + b` is `a.de + b.de` and `a.en + b.en`.
    public static func + (a: BilingualText, b: BilingualText) -> BilingualText { BilingualText(de: a.de + b.de, en: a.en + b.en) }

    /// Every occurrence of `value` in both texts replaced (a personal value taken out of a reason).
    public func replacing(_ value: String, de: String, en: String) -> BilingualText {
        BilingualText(de: self.de.replacingOccurrences(of: value, with: de), en: self.en.replacingOccurrences(of: value, with: en))
    }
}
