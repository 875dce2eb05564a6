import Foundation

extension PruefstandError {
    /// The message in `lang`: the frame this type adds (bad rows, already imported, reconciliation) in the
    /// language, counts in its form (`NumberText`); the detail a reader or parser wrote is quoted as it came.
    /// `description` is the English text (logs, tests).
    public func text(_ lang: Language) -> String {
        guard lang == .de else { return description }
        switch self {
        case let .importAborted(path, rejected, first):
            let more = first.isEmpty ? "" : "\n" + first.map { "  " + $0 }.joined(separator: "\n")
            return "\(path): \(NumberText.count(rejected, lang)) fehlerhafte Zeile(n); nichts wurde importiert (--on-error abort). Mit --on-error quarantine "
                + "werden die guten Zeilen importiert und die fehlerhaften als verworfene Zeilen behalten.\(more)"
        case let .alreadyImported(path, sha, id):
            return "\(path): dieser Inhalt (SHA-256 \(sha.prefix(12))…) wurde schon als Import \(id) importiert; mit --replace wird er an seiner Stelle erneut importiert"
        case let .reconciliation(path, message): return "\(path): Abgleich fehlgeschlagen: \(message)"
        case .file, .store, .config, .input, .other: return description
        }
    }
}
