import Foundation

/// Errors that stop a run. Bad input rows are not errors but `RowDiagnostic`s collected by the
/// importer; this type is for what cannot go on (a missing file, a broken mapping, a store that
/// cannot be opened). Each case carries its context so the message names file, line and reason.
public enum PruefstandError: Error, CustomStringConvertible, Equatable {
    /// A file could not be read or written.
    case file(path: String, message: Phrase)
    /// The store could not be opened or written.
    case store(path: String, message: Phrase)
    /// A configuration file (mapping, manifest, rules, parameters) is invalid at a location.
    case config(path: String, line: Int?, key: String?, message: Phrase)
    /// An import found bad rows and `--on-error abort` was in force: nothing was written.
    case importAborted(path: String, rejected: Int, firstProblems: [String])
    /// The same file content was already imported.
    case alreadyImported(path: String, sha256: String, importId: Int64)
    /// A figure that must reconcile does not.
    case reconciliation(path: String, message: Phrase)
    /// Input that is wrong as a whole (empty file, no header, unknown format).
    case input(path: String, line: Int?, message: Phrase)
    /// Anything else, with a plain message.
    ///
    /// Every message is a `Phrase` (German and English, issue 16); `description` is the English text (logs,
    /// tests), `text(_:)` in Vocabulary the one in a language.
    case other(Phrase)

    /// The message in both languages: the frame this type adds (store, line, bad rows, already imported,
    /// reconciliation) around the message each case carries, with the paths shown as one bounded line
    /// (`shownPaths`). The German count of bad rows is grouped (`1.234`), the English one is not.
    public var phrase: Phrase {
        switch shownPaths {
        case let .file(path, message): return Phrase("\(path): ") + message
        case let .store(path, message): return Phrase(de: "Speicher \(path): ", en: "store \(path): ") + message
        case let .config(path, line, key, message):
            var loc = path
            if let line { loc += ":\(line)" }
            if let key { loc += " (\(key))" }
            return Phrase("\(loc): ") + message
        case let .importAborted(path, rejected, first):
            let more = first.isEmpty ? "" : "\n" + first.map { "  " + $0 }.joined(separator: "\n")
            return Phrase(de: "\(path): \(Phrase.count(rejected).de) fehlerhafte Zeile(n); nichts wurde importiert (--on-error abort). Mit --on-error quarantine "
                              + "werden die guten Zeilen importiert und die fehlerhaften als verworfene Zeilen behalten.\(more)",
                          en: "\(path): \(rejected) bad row(s); nothing was imported (--on-error abort). Use --on-error quarantine to import the good rows and keep the bad ones as rejects.\(more)")
        case let .alreadyImported(path, sha, id):
            return Phrase(de: "\(path): dieser Inhalt (SHA-256 \(sha.prefix(12))…) wurde schon als Import \(id) importiert; mit --replace wird er an seiner Stelle erneut importiert",
                          en: "\(path): this content (SHA-256 \(sha.prefix(12))…) was already imported as import \(id); use --replace to import it again in its place")
        case let .reconciliation(path, message):
            return Phrase(de: "\(path): Abgleich fehlgeschlagen: ", en: "\(path): reconciliation failed: ") + message
        case let .input(path, line, message):
            return Phrase(line.map { "\(path):\($0): " } ?? "\(path): ") + message
        case let .other(message): return message
        }
    }

    /// The English message (logs, tests); `text(_:)` in Vocabulary gives the one in a language.
    public var description: String { phrase.en }

    /// The error with its paths shown as one bounded line (`Phrase.quoted`): a path with a line break or an
    /// escape sequence cannot break the message apart or colour the terminal. Plain paths stay as they are.
    public var shownPaths: PruefstandError {
        func q(_ p: String) -> String { Phrase.quoted(p, limit: 1000) }
        switch self {
        case let .file(path, message): return .file(path: q(path), message: message)
        case let .store(path, message): return .store(path: q(path), message: message)
        case let .config(path, line, key, message): return .config(path: q(path), line: line, key: key.map { Phrase.quoted($0, limit: 200) }, message: message)
        case let .importAborted(path, rejected, first): return .importAborted(path: q(path), rejected: rejected, firstProblems: first)
        case let .alreadyImported(path, sha, id): return .alreadyImported(path: q(path), sha256: sha, importId: id)
        case let .reconciliation(path, message): return .reconciliation(path: q(path), message: message)
        case let .input(path, line, message): return .input(path: q(path), line: line, message: message)
        case .other: return self
        }
    }
}
