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
            guard !trimmed.isEmpty else { throw fail("the \(lang) text is empty") }
            guard text.count <= maxLength else {
                throw fail("the \(lang) text has \(text.count) characters; at most \(maxLength) fit on one line of a sheet or chart")
            }
            if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator
                || $0.properties.generalCategory == .format && $0.value != 0x200D }) {
                throw fail(String(format: "the \(lang) text contains the control character U+%04X; write it on one line without control characters", bad.value))
            }
        }
        return (de, en)
    }
}
