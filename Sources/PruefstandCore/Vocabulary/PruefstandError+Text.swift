import Foundation

extension Phrase {
    /// The text in `lang`.
    public func text(_ lang: Language) -> String { lang == .de ? de : en }
    /// The text in `lang` (`why(.de)`).
    public func callAsFunction(_ lang: Language) -> String { text(lang) }
}

extension PruefstandError {
    /// The message in `lang` (issue 16): the frame this type adds (store, line, bad rows, already imported,
    /// reconciliation) and the message each case carries (a `Phrase`) in the language, counts in its form
    /// (`NumberText`). `description` is the English text (logs, tests) and stays byte-identical.
    public func text(_ lang: Language) -> String {
        guard lang == .de else { return description }
        switch shownPaths {
        case let .file(path, message): return "\(path): \(message.de)"
        case let .store(path, message): return "Speicher \(path): \(message.de)"
        case let .config(path, line, key, message):
            var loc = path
            if let line { loc += ":\(line)" }
            if let key { loc += " (\(key))" }
            return "\(loc): \(message.de)"
        case let .importAborted(path, rejected, first):
            let more = first.isEmpty ? "" : "\n" + first.map { "  " + $0 }.joined(separator: "\n")
            return "\(path): \(NumberText.count(rejected, lang)) fehlerhafte Zeile(n); nichts wurde importiert (--on-error abort). Mit --on-error quarantine "
                + "werden die guten Zeilen importiert und die fehlerhaften als verworfene Zeilen behalten.\(more)"
        case let .alreadyImported(path, sha, id):
            return "\(path): dieser Inhalt (SHA-256 \(sha.prefix(12))…) wurde schon als Import \(id) importiert; mit --replace wird er an seiner Stelle erneut importiert"
        case let .reconciliation(path, message): return "\(path): Abgleich fehlgeschlagen: \(message.de)"
        case let .input(path, line, message):
            return line.map { "\(path):\($0): \(message.de)" } ?? "\(path): \(message.de)"
        case let .other(message): return message.de
        }
    }

    /// The message as printed by the error boundary: `text(lang)` with control characters other than the line
    /// breaks between its own lines shown as `\u{…}`, and each line at most 4,000 characters, so that a hostile
    /// value quoted in a message (a 1 MB cell, an escape sequence) stays a bounded line on the terminal.
    public func printable(_ lang: Language) -> String {
        text(lang).split(separator: "\n", omittingEmptySubsequences: false)
            .map { Phrase.quoted(String($0), limit: 4000) }.joined(separator: "\n")
    }
}
