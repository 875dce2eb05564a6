import Foundation
import Testing
@testable import PruefstandCore

/// The message catalogue's format (`Vocabulary/MessageCatalogue.swift`): what it fills in, and the broken lines
/// it refuses with their line number.
struct MessageCatalogueTests {
    enum Sample { case plain, one(String), two(count: Int, limit: Int64), maybe(cell: String?, n: Int), list([String]) }

    static let text = """
        # a comment
        plain\tschlicht\tplain

        one(what)\tnur {what}\tonly {what}
        two(count, limit)\t{count} über {limit}\t{count} above {limit}
        maybe(cell, n)\t[Zelle {cell}: ]{n} Zeichen\t[cell {cell}: ]{n} characters
        list(names)\tvorhanden: {names}\tavailable: {names}
        """

    @Test(arguments: [
        (Sample.plain, "schlicht", "plain"),
        (.one("x"), "nur x", "only x"),
        (.two(count: 12345, limit: -7), "12345 über -7", "12345 above -7"),
        (.maybe(cell: "B2", n: 3), "Zelle B2: 3 Zeichen", "cell B2: 3 characters"),
        (.maybe(cell: nil, n: 3), "3 Zeichen", "3 characters"),
        (.list(["a", "b c"]), "vorhanden: \"a\", \"b c\"", "available: \"a\", \"b c\""),
        (.one("{what} [x]"), "nur {what} [x]", "only {what} [x]"),
    ])
    func fills(_ value: Sample, _ de: String, _ en: String) throws {
        let catalogue = try MessageCatalogue(Self.text, path: "t.tsv")
        #expect(catalogue.phrase(value) == Phrase(de: de, en: en))
    }

    @Test(arguments: [
        ("one(what)\tnur {what}", 1, "expected 3 tab-separated fields"),
        ("one(what)\t\tonly {what}", 1, "a German and an English text, neither empty"),
        ("# c\none(what)\tnur {what}\tonly {what}\none(what)\tnur {what}\tonly {what}", 3, "one is written twice"),
        ("one(what\tnur {what}\tonly {what}", 1, "a case is written name or name(value, …)"),
        ("one(a, a)\tnur {a}\tonly {a}", 1, "a case is written name or name(value, …)"),
        ("one(what)\tnur {what\tonly {what}", 1, "a [ without its ] or a { without its }"),
        ("one(what)\t[nur {what}\tonly {what}", 1, "a [ without its ] or a { without its }"),
        ("one(what)\tnur {what}\tonly", 1, "both texts name the same values"),
        ("one(what)\tnur {was}\tonly {was}", 1, "both texts name the same values"),
    ])
    func refuses(_ text: String, _ line: Int, _ words: String) {
        #expect {
            _ = try MessageCatalogue(text, path: "bad.tsv")
        } throws: { error in
            guard case let .config(path, at, _, message) = error as? PruefstandError else { return false }
            return path == "bad.tsv" && at == line && message.en.contains(words)
        }
    }
}
