import Foundation

extension Phrase {
    /// The text in `lang`.
    public func text(_ lang: Language) -> String { lang == .de ? de : en }
    /// The text in `lang` (`why(.de)`).
    public func callAsFunction(_ lang: Language) -> String { text(lang) }
}

extension PruefstandError {
    /// The message in `lang` (issue 16): `phrase` in the language. `description` is the English text (logs,
    /// tests) and stays byte-identical.
    public func text(_ lang: Language) -> String { phrase.text(lang) }

    /// The message as printed by the error boundary: `text(lang)` with control characters other than the line
    /// breaks between its own lines shown as `\u{…}`, and each line at most 4,000 characters, so that a hostile
    /// value quoted in a message (a 1 MB cell, an escape sequence) stays a bounded line on the terminal.
    public func printable(_ lang: Language) -> String {
        text(lang).split(separator: "\n", omittingEmptySubsequences: false)
            .map { Phrase.quoted(String($0), limit: 4000) }.joined(separator: "\n")
    }
}
