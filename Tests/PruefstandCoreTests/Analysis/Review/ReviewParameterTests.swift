import Foundation
import Testing
@testable import PruefstandCore

/// The review's parameters come from the shipped resource `defaults/review.yaml` (issue 18): no Swift literal in
/// a check's parameter type, every declared parameter read by its check, a changed declaration changes the
/// check's value, and a value is chosen by the year of the as-of date.
@Suite("Review parameters from the resource file")
struct ReviewParameterTests {
    static let checksFolder = TestSupport.repoRoot.appendingPathComponent("Sources/PruefstandCore/Analysis/Review/Checks")

    /// The text of the parameter type's initialiser from a section (`init(_ s: ReviewRulesSection) … { … }`) in a
    /// Swift source, by counting braces; nil when there is none.
    static func parametersBody(_ source: String) -> String? {
        guard let start = source.range(of: "init(_ s: ReviewRulesSection)") else { return nil }
        var depth = 0, began = false
        var out = ""
        for ch in source[start.lowerBound...] {
            out.append(ch)
            if ch == "{" { depth += 1; began = true }
            if ch == "}" { depth -= 1; if began && depth == 0 { break } }
        }
        return out
    }

    @Test("no check reads a parameter with a number in Swift: its values (and ranges) are in defaults/review.yaml")
    func noLiterals() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.checksFolder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 6)
        var bodies = 0, decodable = 0
        for f in files {
            let text = try String(contentsOf: Self.checksFolder.appendingPathComponent(f), encoding: .utf8)
            // A `Decodable` parameter type has no reader of its own: its properties name the declared parameters.
            if text.contains("struct Parameters: ReviewCheckParameters, Decodable {") { decodable += 1; continue }
            guard let body = Self.parametersBody(text) else { continue }
            bodies += 1
            // Code lines only (comments may name values), without string literals (keys like "benchmark_hr").
            let code = body.split(separator: "\n").map { line -> String in
                let l = line.components(separatedBy: "//")[0]
                return l.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
            }.joined(separator: "\n")
            // A digit that does not continue a name (`s2`) or a closure argument (`$0`) is a number.
            let number = try Regex(#"(^|[^A-Za-z_0-9$])[0-9]"#)
            #expect(code.firstMatch(of: number) == nil, "\(f): a number in the parameter type: \(code.firstMatch(of: number).map { String(code[$0.range]) } ?? "")")
            #expect(!text.contains("static let defaults"), "\(f)")
        }
        #expect(decodable >= 3 && bodies + decodable >= 6, "\(decodable) Decodable parameter types, \(bodies) readers")
    }

    @Test("every shipped check's declared parameters are read by it, and every parameter it reads is declared")
    func declaredAndRead() throws {
        let d = try ReviewDeclarations.parse(BundledDefaults.document("review.yaml"))
        #expect(Set(d.checks.keys) == Set(ReviewCheckRegistry.standard.ids))
        #expect(d.decisions.keys.sorted() == ["automate_first_share"])
        // Reading the built-in rules builds every check's parameters from the declarations and refuses a
        // declared parameter no check reads (`ReviewRulesSection.finish`); it must not throw.
        _ = try ReviewRules.parse(root: nil, path: "built-in", registry: .standard)
        for (id, check) in d.checks {
            for e in check.parameters.values {
                #expect(!e.values.isEmpty && e.values.allSatisfy { $0.source.count >= 3 }, "\(id).\(e.key)")
                #expect(e.range != nil, "\(id).\(e.key) has no range")
            }
        }
    }

    /// A copy of the shipped declarations with one value replaced, as a registry.
    static func registry(replacing old: String, with new: String, after key: String) throws -> ReviewCheckRegistry {
        var text = try BundledDefaults.text("review.yaml")
        let at = try #require(text.range(of: "\(key):"))
        let v = try #require(text.range(of: "value: \(old)\n", range: at.upperBound..<text.endIndex))
        text.replaceSubrange(v, with: "value: \(new)\n")
        let d = try ReviewDeclarations.parse(StrictYAML.parse(text, file: "changed.yaml"))
        return try ReviewCheckRegistry(ReviewCheckRegistry.standard.checks, declarations: d)
    }

    @Test("a value changed in the declarations reaches the check (the value is not also in Swift)")
    func changedValue() throws {
        #expect(ReviewRules(registry: try Self.registry(replacing: "12", with: "13", after: "min_months"))[LongVacancyCheck.self].minMonths == 13)
        #expect(ReviewRules(registry: try Self.registry(replacing: "24", with: "7", after: "horizon_months"))[RefillCheck.self].horizonMonths == 7)
        #expect(ReviewRules(registry: try Self.registry(replacing: "0.5", with: "0.7", after: "threshold"))[AutomationCheck.self].threshold == Decimal(string: "0.7"))
        #expect(ReviewRules(registry: try Self.registry(replacing: "1.5", with: "1.25", after: "benchmark_hr"))[OverheadCheck.self].benchmarks["hr"] == Decimal(string: "1.25"))
        #expect(ReviewRules(registry: try Self.registry(replacing: "0.2", with: "0.3", after: "max_leadership_share"))[LeadershipSpanCheck.self].maxLeadershipShare == Decimal(string: "0.3"))
        #expect(ReviewRules(registry: try Self.registry(replacing: "0.5", with: "0.25", after: "automate_first_share")).automateFirstShare == Decimal(string: "0.25"))
    }

    @Test("a value is chosen by the year of the as-of date; years before a city's first value keep the declared ones")
    func dated() throws {
        let yaml = """
            checks:
              long_vacancy:
                parameters:
                  min_months:
                    values:
                      - {from: 2026, value: 18, source: Ratsbeschluss 2025}
                      - {from: 2028-01-01, value: 6, source: Ratsbeschluss 2027}
            """
        let r = try ReviewRules.parse(yaml: yaml, path: "dated.yaml")
        // By hand: 2025 keeps the declared 12; 2026 and 2027 take 18; 2028 on take 6.
        #expect([2025, 2026, 2027, 2028, 2035].map { r.resolved(year: $0)[LongVacancyCheck.self].minMonths } == [12, 18, 18, 6, 6])
        // The newest values until a year is chosen.
        #expect(r[LongVacancyCheck.self].minMonths == 6)
        // The engine chooses by the as-of date: a post vacant since 2025-03-01 has 10 whole months on 2026-01-01
        // (below 18: no case) and on 2028-01-01 34 months (at least 6: a case).
        let input = ReviewInput(positions: [ReviewPosition(positionId: "A", orgUnitId: "U", payGrade: "EG 5", isVacant: true,
                                                           vacantSince: CivilDate(iso: "2025-03-01"))])
        let in2026 = try ReviewEngine(rules: r).run(input, asOf: CivilDate(iso: "2026-01-01")!, only: [.longVacancy])
        let in2028 = try ReviewEngine(rules: r).run(input, asOf: CivilDate(iso: "2028-01-01")!, only: [.longVacancy])
        #expect(in2026.cases.isEmpty && in2028.cases.map(\.positionId) == ["A"])
    }
}
