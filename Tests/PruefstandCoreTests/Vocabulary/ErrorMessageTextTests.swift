import Foundation
import Testing
@testable import PruefstandCore

/// Every case of `PruefstandError` in German and English, against the texts the two hand-written switches
/// (`description` and `text(.de)`) gave before they became one `phrase` (issue 18): the expected strings were
/// written by hand from the old code at c4ecdbe, so a lost frame, a changed word or a swapped language fails.
struct ErrorMessageTextTests {
    static let message = Phrase(de: "Spalte fehlt", en: "column missing")

    /// Each error with its German and English message.
    static let cases: [(error: PruefstandError, de: String, en: String)] = [
        (.file(path: "a.csv", message: message),
             "a.csv: Spalte fehlt", "a.csv: column missing"),
        (.store(path: "s.sqlite", message: message),
             "Speicher s.sqlite: Spalte fehlt", "store s.sqlite: column missing"),
        (.config(path: "m.yaml", line: 7, key: "columns", message: message),
             "m.yaml:7 (columns): Spalte fehlt", "m.yaml:7 (columns): column missing"),
        (.config(path: "m.yaml", line: nil, key: nil, message: message),
             "m.yaml: Spalte fehlt", "m.yaml: column missing"),
        (.config(path: "m.yaml", line: nil, key: "scheme", message: message),
             "m.yaml (scheme): Spalte fehlt", "m.yaml (scheme): column missing"),
        // A count with thousands (German grouped, English as before: plain digits) and two problems.
        (.importAborted(path: "l.csv", rejected: 12345, firstProblems: ["Zeile 2: x", "Zeile 3: y"]),
             "l.csv: 12.345 fehlerhafte Zeile(n); nichts wurde importiert (--on-error abort). Mit --on-error quarantine "
                + "werden die guten Zeilen importiert und die fehlerhaften als verworfene Zeilen behalten.\n  Zeile 2: x\n  Zeile 3: y",
             "l.csv: 12345 bad row(s); nothing was imported (--on-error abort). Use --on-error quarantine to import the good rows "
                + "and keep the bad ones as rejects.\n  Zeile 2: x\n  Zeile 3: y"),
        (.importAborted(path: "l.csv", rejected: 1, firstProblems: []),
             "l.csv: 1 fehlerhafte Zeile(n); nichts wurde importiert (--on-error abort). Mit --on-error quarantine "
                + "werden die guten Zeilen importiert und die fehlerhaften als verworfene Zeilen behalten.",
             "l.csv: 1 bad row(s); nothing was imported (--on-error abort). Use --on-error quarantine to import the good rows "
                + "and keep the bad ones as rejects."),
        (.alreadyImported(path: "l.csv", sha256: "0123456789abcdef0123", importId: 4),
             "l.csv: dieser Inhalt (SHA-256 0123456789ab…) wurde schon als Import 4 importiert; mit --replace wird er an seiner Stelle erneut importiert",
             "l.csv: this content (SHA-256 0123456789ab…) was already imported as import 4; use --replace to import it again in its place"),
        (.reconciliation(path: "p.csv", message: message),
             "p.csv: Abgleich fehlgeschlagen: Spalte fehlt", "p.csv: reconciliation failed: column missing"),
        (.input(path: "p.csv", line: 3, message: message),
             "p.csv:3: Spalte fehlt", "p.csv:3: column missing"),
        (.input(path: "p.csv", line: nil, message: message),
             "p.csv: Spalte fehlt", "p.csv: column missing"),
        (.other(message), "Spalte fehlt", "column missing"),
        // A path with a line break and an escape sequence is shown as one line.
        (.file(path: "a\nb\u{1B}[31m.csv", message: message),
             "a\\u{a}b\\u{1b}[31m.csv: Spalte fehlt", "a\\u{a}b\\u{1b}[31m.csv: column missing"),
        // A hostile key is quoted the same way.
        (.config(path: "m.yaml", line: 1, key: "k\te", message: "x"),
             "m.yaml:1 (k\\u{9}e): x", "m.yaml:1 (k\\u{9}e): x"),
    ]

    @Test(arguments: cases.indices)
    func bothLanguages(_ i: Int) {
        let c = Self.cases[i]
        #expect(c.error.text(.de) == c.de)
        #expect(c.error.text(.en) == c.en)
        #expect(c.error.description == c.en)
        #expect(c.error.phrase == Phrase(de: c.de, en: c.en))
    }

    /// Every case of the enum has a row above (a new case fails here until it gets one).
    @Test func everyCaseCovered() {
        func name(_ e: PruefstandError) -> String { Mirror(reflecting: e).children.first?.label ?? "" }
        let covered = Set(Self.cases.map { name($0.error) })
        #expect(covered == ["file", "store", "config", "importAborted", "alreadyImported", "reconciliation", "input", "other"])
    }
}
