import Foundation
import Testing
@testable import PruefstandCore

/// A scenario's `title` and one-line `summary` (issue 16): shown instead of the file's slug, validated.
@Suite("Scenario title and summary")
struct ScenarioTitleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var lines: String
        /// nil: loads; else a part of the error message.
        var error: String?
        var title: (de: String, en: String)?
        var testDescription: String { name }
    }

    static let base = "name: slug-a\ndescription: Beschreibung\nbaseline: parameters\ncity: stadt.yaml\nyears: {from: 2026, to: 2030}\n"

    static let cases: [Case] = [
        Case(name: "a plain title is used for both languages", lines: "title: Gewerbesteuer senken\n", error: nil, title: ("Gewerbesteuer senken", "Gewerbesteuer senken")),
        Case(name: "a title with de and en", lines: "title: {de: Kita günstiger, en: Cheaper Kita}\nsummary: {de: Beiträge −20 %, en: Fees −20 %}\n",
             error: nil, title: ("Kita günstiger", "Cheaper Kita")),
        Case(name: "80 characters fit", lines: "title: \(String(repeating: "x", count: 80))\n", error: nil,
             title: (String(repeating: "x", count: 80), String(repeating: "x", count: 80))),
        Case(name: "81 characters are refused", lines: "title: \(String(repeating: "x", count: 81))\n", error: "81 characters; at most 80"),
        Case(name: "a summary of 201 characters is refused", lines: "summary: \(String(repeating: "ä", count: 201))\n", error: "201 characters; at most 200"),
        Case(name: "a title of one million characters is refused quickly", lines: "title: \(String(repeating: "y", count: 1_000_000))\n", error: "a value longer than 65536 bytes"),
        Case(name: "a line break in a title is refused", lines: "title: \"zwei\\nZeilen\"\n", error: "control character U+000A"),
        Case(name: "a tab is refused", lines: "title: \"a\\tb\"\n", error: "control character U+0009"),
        Case(name: "a NUL is refused", lines: "title: \"a\\0b\"\n", error: "control character U+0000"),
        Case(name: "a line separator U+2028 is refused", lines: "title: \"a\\u2028b\"\n", error: "U+2028"),
        Case(name: "a bidi override U+202E is refused", lines: "title: \"a\\u202Eb\"\n", error: "U+202E"),
        Case(name: "an empty title is refused", lines: "title: \"\"\n", error: "expected text"),
        Case(name: "blanks only are refused", lines: "title: \"   \"\n", error: "is empty"),
        Case(name: "a list is refused", lines: "title: [a, b]\n", error: "title"),
        Case(name: "de without en is refused", lines: "title: {de: nur deutsch}\n", error: "required key 'en' is missing"),
        Case(name: "an unknown language key is refused", lines: "title: {de: a, en: b, fr: c}\n", error: "unknown key 'fr'"),
        Case(name: "without title the name is shown", lines: "", error: nil, title: ("slug-a", "slug-a")),
    ]

    @Test("title and summary", arguments: cases)
    func load(_ c: Case) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("title-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        try (Self.base + c.lines).write(toFile: file, atomically: true, encoding: .utf8)
        if let expected = c.error {
            do {
                _ = try Scenario.load(file: file)
                Issue.record("loaded, expected an error with \(expected)")
            } catch {
                let message = "\(error)"
                #expect(message.contains(expected), "\(message.prefix(300))")
                #expect(message.contains("s.yaml"), "the error names the file: \(message.prefix(200))")
            }
        } else {
            let s = try Scenario.load(file: file)
            #expect(s.displayTitle(.de) == c.title?.de && s.displayTitle(.en) == c.title?.en)
        }
    }

    @Test("every Musterstadt scenario of the manifest has a title and a summary in both languages, none equal to its slug")
    func musterstadtTitles() throws {
        for file in ["gewst-490-ab-2027", "kita-minus-20", "kita-befreiung-50000", "kombi"] {
            let s = try Scenario.load(file: musterstadt + "/\(file).yaml")
            let title = try #require(s.title, "\(file) has no title"), summary = try #require(s.summary, "\(file) has no summary")
            #expect(title.de != file && title.en != file && title.de != title.en)
            #expect(summary.de.count > 20 && summary.en.count > 20)
        }
    }
}
