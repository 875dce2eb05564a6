import Foundation
import Testing
@testable import PruefstandCore

/// Every case of `PruefstandError` in German and English, against the texts the two hand-written switches
/// (`description` and `text(.de)`) gave before they became one `phrase` (issue 18): the expected strings were
/// written by hand from the old code at c4ecdbe, so a lost frame, a changed word or a swapped language fails.
struct ErrorMessageTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let error: PruefstandError
        let de: String
        let en: String
        var testDescription: String { name }
    }

    static let message = Phrase(de: "Spalte fehlt", en: "column missing")

    static let cases: [Case] = [
        Case(name: "file", error: .file(path: "a.csv", message: message),
             de: "a.csv: Spalte fehlt", en: "a.csv: column missing"),
        Case(name: "store", error: .store(path: "s.sqlite", message: message),
             de: "Speicher s.sqlite: Spalte fehlt", en: "store s.sqlite: column missing"),
        Case(name: "config with line and key", error: .config(path: "m.yaml", line: 7, key: "columns", message: message),
             de: "m.yaml:7 (columns): Spalte fehlt", en: "m.yaml:7 (columns): column missing"),
        Case(name: "config without line or key", error: .config(path: "m.yaml", line: nil, key: nil, message: message),
             de: "m.yaml: Spalte fehlt", en: "m.yaml: column missing"),
        Case(name: "config with a key only", error: .config(path: "m.yaml", line: nil, key: "scheme", message: message),
             de: "m.yaml (scheme): Spalte fehlt", en: "m.yaml (scheme): column missing"),
        Case(name: "import aborted, a count with thousands and two problems",
             error: .importAborted(path: "l.csv", rejected: 12345, firstProblems: ["Zeile 2: x", "Zeile 3: y"]),
             de: "l.csv: 12.345 fehlerhafte Zeile(n); nichts wurde importiert (--on-error abort). Mit --on-error quarantine "
                + "werden die guten Zeilen importiert und die fehlerhaften als verworfene Zeilen behalten.\n  Zeile 2: x\n  Zeile 3: y",
             en: "l.csv: 12345 bad row(s); nothing was imported (--on-error abort). Use --on-error quarantine to import the good rows "
                + "and keep the bad ones as rejects.\n  Zeile 2: x\n  Zeile 3: y"),
        Case(name: "import aborted without problems", error: .importAborted(path: "l.csv", rejected: 1, firstProblems: []),
             de: "l.csv: 1 fehlerhafte Zeile(n); nichts wurde importiert (--on-error abort). Mit --on-error quarantine "
                + "werden die guten Zeilen importiert und die fehlerhaften als verworfene Zeilen behalten.",
             en: "l.csv: 1 bad row(s); nothing was imported (--on-error abort). Use --on-error quarantine to import the good rows "
                + "and keep the bad ones as rejects."),
        Case(name: "already imported", error: .alreadyImported(path: "l.csv", sha256: "0123456789abcdef0123", importId: 4),
             de: "l.csv: dieser Inhalt (SHA-256 0123456789ab…) wurde schon als Import 4 importiert; mit --replace wird er an seiner Stelle erneut importiert",
             en: "l.csv: this content (SHA-256 0123456789ab…) was already imported as import 4; use --replace to import it again in its place"),
        Case(name: "reconciliation", error: .reconciliation(path: "p.csv", message: message),
             de: "p.csv: Abgleich fehlgeschlagen: Spalte fehlt", en: "p.csv: reconciliation failed: column missing"),
        Case(name: "input with a line", error: .input(path: "p.csv", line: 3, message: message),
             de: "p.csv:3: Spalte fehlt", en: "p.csv:3: column missing"),
        Case(name: "input without a line", error: .input(path: "p.csv", line: nil, message: message),
             de: "p.csv: Spalte fehlt", en: "p.csv: column missing"),
        Case(name: "other", error: .other(message), de: "Spalte fehlt", en: "column missing"),
        Case(name: "a path with a line break and an escape is shown as one line",
             error: .file(path: "a\nb\u{1B}[31m.csv", message: message),
             de: "a\\u{a}b\\u{1b}[31m.csv: Spalte fehlt", en: "a\\u{a}b\\u{1b}[31m.csv: column missing"),
        Case(name: "a hostile config key is quoted", error: .config(path: "m.yaml", line: 1, key: "k\te", message: "x"),
             de: "m.yaml:1 (k\\u{9}e): x", en: "m.yaml:1 (k\\u{9}e): x"),
    ]

    @Test(arguments: cases)
    func bothLanguages(_ c: Case) {
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
