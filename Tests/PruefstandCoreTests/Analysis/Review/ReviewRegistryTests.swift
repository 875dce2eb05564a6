import Testing
import Foundation
import Yams
@testable import PruefstandCore

/// The registry is the one list of review checks: the docs, the shipped rules file and the parser follow it.
@Suite("Review check registry")
struct ReviewRegistryTests {
    static var doc: String {
        get throws { try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/review.md"), encoding: .utf8) }
    }

    @Test("every registered check has its row in docs/review.md's table of checks, in the registry's order")
    func docsRows() throws {
        let doc = try Self.doc
        // The table between the markers is the registry's table, row for row.
        let start = try #require(doc.range(of: "<!-- review-checks:begin -->")), end = try #require(doc.range(of: "<!-- review-checks:end -->"))
        let table = doc[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(table == ReviewCheckRegistry.standard.markdownTable, "docs/review.md: paste ReviewCheckRegistry.standard.markdownTable")
        for id in ReviewCheckRegistry.standard.ids {
            #expect(table.contains("| `\(id.rawValue)` |"), "no docs row for \(id.rawValue)")
        }
    }

    @Test("every registered check has its section in the shipped rules file, with the declared names, and no other section is there")
    func rulesSections() throws {
        let text = try String(contentsOfFile: ReviewRulesTests.shippedPath, encoding: .utf8)
        let checks = try #require(try Yams.compose(yaml: text)?.mapping?["checks"]?.mapping)
        let keys: [String] = Array(checks.keys.compactMap(\.string))
        #expect(keys == ReviewCheckRegistry.standard.ids.map(\.rawValue))
        for id in ReviewCheckRegistry.standard.ids {
            let d = try #require(ReviewCheckRegistry.standard.declaration(id))
            let section = try #require(checks[id.rawValue]?.mapping, "no section checks.\(id.rawValue)")
            #expect(section["name_de"]?.string == d.nameDE && section["name_en"]?.string == d.nameEN, "names of \(id.rawValue)")
            #expect(!d.flags.isEmpty && !d.saving.isEmpty)
        }
    }

    @Test("ids are unique keys; the names the tables show come from the registry")
    func ids() {
        let ids = ReviewCheckRegistry.standard.ids
        #expect(Set(ids).count == ids.count && ids == ReviewCheckID.allCases)
        #expect(ids.map(\.rawValue) == ["refill", "leadership_span", "automation", "long_vacancy", "grade_outlier", "overhead"])
        #expect(ReviewCheckID(rawValue: "Long-Vacancy") == nil && ReviewCheckID(rawValue: "") == nil)
        #expect(ReviewCheckID.longVacancy.name(.de) == "Lange Vakanz" && ReviewCheckID.smallPost.name(.en) == "small_post")
        #expect(ReviewCases.registry.name(.smallPost, .de) == "Kleine Teilzeitstelle")
    }

    @Test("a section is read by its check's own parameter type: a registered test check's keys, defaults and unknown keys", arguments: [
        // Known to the registry with the demonstration check: read by its type.
        ("checks:\n  small_post:\n    parameters:\n      max_fte: {unit: FTE, values: [{from: 2000, value: 0.4, source: test}]}\n", nil, nil),
        // An unknown key in its parameters, in its section, a value out of its range: file, line and key.
        ("checks:\n  small_post:\n    parameters:\n      max_ftes: {values: [{from: 2000, value: 0.4, source: test}]}\n", 4, "checks.small_post.parameters.max_ftes"),
        ("checks:\n  small_post:\n    norms: []\n", 3, "checks.small_post.norms"),
        ("checks:\n  small_post:\n    parameters:\n      max_fte: {values: [{from: 2000, value: 2, source: test}]}\n", 4, "checks.small_post.parameters.max_fte.values[0].value"),
        ("checks:\n  long_vacancy:\n    table: []\n", 3, "checks.long_vacancy.table"),
    ] as [(String, Int?, String?)])
    func sections(yaml: String, line: Int?, key: String?) throws {
        do {
            let r = try ReviewRules.parse(yaml: yaml, path: "t.yaml", registry: ReviewCases.registry)
            #expect(key == nil, "expected an error at \(key ?? "")")
            #expect(r[SmallPostCheck.self].maxFTE == Decimal(string: "0.4"))
            #expect(ReviewRules(registry: ReviewCases.registry)[SmallPostCheck.self].maxFTE == Decimal(string: "0.25"))
        } catch let PruefstandError.config(path, l, k, _) {
            #expect(path == "t.yaml" && l == line && k == key)
        }
    }

    @Test("the shipped registry does not know the test's check: its section is an unknown key")
    func unregistered() {
        #expect { try ReviewRules.parse(yaml: "checks:\n  small_post: {}\n", path: "t.yaml") } throws: { error in
            guard case let PruefstandError.config(_, line, key, _) = error else { return false }
            return line == 2 && key == "checks.small_post"
        }
    }

    @Test("the engine runs a registered test check and ranks and names its cases by the registry")
    func engine() throws {
        let input = ReviewInput(positions: [
            ReviewPosition(positionId: "A", orgUnitId: "U", payGrade: "EG 5", fte: FTE("0.2")!),
            ReviewPosition(positionId: "B", orgUnitId: "U", payGrade: "EG 5", isVacant: true, vacantSince: CivilDate(iso: "2025-12-01")),
        ])
        let result = try ReviewEngine(registry: ReviewCases.registry).run(input, asOf: CivilDate(iso: "2026-01-01")!)
        // A: small post (score 30); B: vacant now, no vacancy row → refill `vacant` (score 60, no cost table).
        #expect(result.cases.map(\.checkKey) == ["refill:vacant", "small_post"])
        let list = result.listTable(lang: .de)
        let nameColumn = try #require(list.columns.firstIndex { $0.key == "check_name" })
        #expect(list.rows.map { $0[nameColumn] } == [.text("Wiederbesetzungsprüfung"), .text("Kleine Teilzeitstelle")])
    }
}
