import Foundation

extension StrictYAML {
    /// A one-line text for people (a scenario's `title` or `summary`): `{de: …, en: …}` or one text for both.
    ///
    /// Refused: an empty text, more than `maxLength` characters, and any control or line-separator character
    /// (a line break, tab, NUL, U+2028): the text stands on one line in sheet titles, chart legends and the CLI.
    public func oneLine(maxLength: Int) throws -> (de: String, en: String) {
        let (de, en) = try localized()
        for (lang, text) in [("de", de), ("en", en)] {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw fail(Phrase(de: "der Text \(lang) ist leer", en: "the \(lang) text is empty")) }
            guard text.count <= maxLength else {
                throw fail(Phrase(de: "der Text \(lang) hat \(Phrase.count(text.count).de) Zeichen; höchstens \(maxLength) passen in eine Zeile eines Blatts oder Diagramms",
                                  en: "the \(lang) text has \(text.count) characters; at most \(maxLength) fit on one line of a sheet or chart"))
            }
            if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator
                || $0.properties.generalCategory == .format && $0.value != 0x200D }) {
                let code = String(format: "U+%04X", bad.value)
                throw fail(Phrase(de: "der Text \(lang) enthält das Steuerzeichen \(code); ihn in einer Zeile ohne Steuerzeichen schreiben",
                                  en: "the \(lang) text contains the control character \(code); write it on one line without control characters"))
            }
        }
        return (de, en)
    }
}
