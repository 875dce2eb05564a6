import Testing
import Foundation
import GRDB
@testable import PruefstandCore

@Suite("Review rules and store")
struct ReviewRulesTests {
    static var shippedPath: String { TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt/rules/review.yaml").path }

    @Test("the shipped rules file loads, enables every check and states the built-in defaults")
    func shipped() throws {
        let rules = try ReviewRules.load(path: Self.shippedPath)
        let d = ReviewRules()
        #expect(ReviewCheckID.allCases.allSatisfy { rules.isEnabled($0) })
        let rf = rules[RefillCheck.self], drf = d[RefillCheck.self]
        #expect(rf.horizonMonths == drf.horizonMonths && rf.horizonMonths == 24)
        #expect(rf.refilledLookbackMonths == drf.refilledLookbackMonths && rf.refilledLookbackMonths == 12)
        let l = rules[LeadershipSpanCheck.self], dl = d[LeadershipSpanCheck.self]
        #expect(l.minDirectReportsFTE == dl.minDirectReportsFTE && l.maxDepartmentDepth == dl.maxDepartmentDepth && l.maxDepartmentDepth == 4)
        #expect(l.maxDirectReportsFTE == dl.maxDirectReportsFTE && l.maxDirectReportsFTE == 40)
        #expect(l.maxLeadershipShare == dl.maxLeadershipShare && l.smallUnitFTE == dl.smallUnitFTE)
        let a = rules[AutomationCheck.self]
        #expect(a.threshold == d[AutomationCheck.self].threshold)
        #expect(rules[LongVacancyCheck.self].minMonths == d[LongVacancyCheck.self].minMonths && rules[LongVacancyCheck.self].minMonths == 12)
        #expect(rules[OverheadCheck.self].benchmarks == d[OverheadCheck.self].benchmarks)
        let r = rules
        // Grade norms and protected posts are data with a source each; the ASD norm is S 14, the general one S 12.
        #expect(!r[GradeOutlierCheck.self].norms.isEmpty && r[GradeOutlierCheck.self].norms.allSatisfy { !$0.source.isEmpty && PayGrade($0.grade) != nil })
        #expect(r.gradeNorm(function: "Sozialarbeit", orgUnit: "FB55")?.grade == "S 14")
        #expect(r.gradeNorm(function: "Sozialarbeit", orgUnit: "FB50")?.grade == "S 12")
        #expect(r.protectedPosts.allSatisfy { !$0.source.isEmpty && !$0.reasonDE.isEmpty && !$0.reasonEN.isEmpty })
        #expect(Set(r.protectedPosts.map(\.kind)) == Set(ProtectedPost.Kind.allCases))
        #expect(r.protectedPosts.filter { $0.kind == .thirdParty }.allSatisfy { $0.refundAccount != nil })
        for law in ["GO NRW", "LGG NRW", "SGB IX", "DSGVO"] { #expect(r.protectedPosts.contains { $0.source.contains(law) }, "no entry citing \(law)") }
        #expect(r.automateFirstShare == d.automateFirstShare)
        #expect(Set(r[OverheadCheck.self].sources.keys) == Set(OverheadCheck.categories))
        #expect(a.source.contains("IAB"))
        // The table covers every requirement level, and every value is in 0…1 and marked as approximated.
        #expect(Set(a.table.filter { $0.kldbPrefix.isEmpty }.compactMap(\.level)) == [1, 2, 3, 4])
        #expect(a.table.allSatisfy { $0.share >= 0 && $0.share <= 1 && $0.approximated && !$0.tasks.isEmpty })
        // Lookup: Verwaltung (73) uses its segment value; an unknown group falls back to the level.
        #expect(a.share(kldb: "73202")?.kldbPrefix == "73")
        #expect(a.share(kldb: "99994")?.level == 4)
    }

    @Test("unknown keys and bad values are errors naming file, key and line", arguments: [
        ("checks:\n  refill:\n    parameters:\n      horizon: 3\n", 4, "checks.refill.parameters.horizon"),
        ("checks:\n  foo: {}\n", 2, "checks.foo"),
        ("title: x\nchecks:\n  automation:\n    parameters:\n      threshold: {value: 1.5}\n", 5, "checks.automation.parameters.threshold"),
        ("checks:\n  refill:\n    parameters:\n      horizon_months: {values: [{from: 2000, value: 24, sorce: x}]}\n", 4, "checks.refill.parameters.horizon_months.values[0].sorce"),
        // The flat form of the files before issue 18 is refused with a hint how to convert it.
        ("checks:\n  refill:\n    parameters:\n      horizon_months: {value: 24, unit: months, source: x}\n", 4, "checks.refill.parameters.horizon_months"),
        ("colour: blue\n", 1, "(document).colour"),
        ("protected_posts:\n  entries:\n    - {kind: mayor, title_contains: [X], reason_de: a, reason_en: b, source: c}\n", 3, "protected_posts.entries[].kind"),
        ("protected_posts:\n  entries:\n    - {kind: elected, reason_de: a, reason_en: b, source: c}\n", 3, "protected_posts.entries[]"),
        ("protected_posts:\n  entries:\n    - {kind: third_party, function: F, reason_de: a, reason_en: b, source: c}\n", 3, "protected_posts.entries[].refund_account"),
        ("protected_posts:\n  entries:\n    - {kind: elected, function: F, reason_de: a, reason_en: b}\n", nil, "protected_posts.entries[].source"),
        ("checks:\n  grade_outlier:\n    norms:\n      - {function: F, grade: \"Q 99\", source: s}\n", 4, "checks.grade_outlier.norms[].grade"),
        ("checks:\n  grade_outlier:\n    norms:\n      - {function: F, grade: \"EG 9a\", source: s}\n      - {function: F, grade: \"EG 9b\", source: t}\n", 5, "checks.grade_outlier.norms[]"),
        ("checks:\n  grade_outlier:\n    parameters:\n      min_peers: 2\n", 4, "checks.grade_outlier.parameters.min_peers"),
        ("protected_posts:\n  entries:\n    - {kind: elected, title_contains: [\"\"], reason_de: a, reason_en: b, source: c}\n", 3, "protected_posts.entries[].title_contains"),
        ("protected_posts:\n  entries: {kind: elected}\n", 2, "protected_posts.entries"),
    ] as [(String, Int?, String)])
    func errors(yaml: String, line: Int?, key: String) {
        do {
            _ = try ReviewRules.parse(yaml: yaml, path: "rules.yaml")
            Issue.record("expected an error")
        } catch let PruefstandError.config(path, l, k, _) {
            #expect(path == "rules.yaml" && l == line && k == key)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("long lists of norms and protected posts load and apply; each entry matches only what it names; beyond the YAML node limit a clear error")
    func hugeLists() throws {
        var y = "protected_posts:\n  entries:\n"
        for i in 0..<2_000 { y += "    - {kind: statutory, title_contains: [\"Amt \(i)\"], reason_de: a, reason_en: b, source: \"§ \(i)\"}\n" }
        y += "checks:\n  grade_outlier:\n    norms:\n"
        for i in 0..<8_000 { y += "      - {function: \"F\(i)\", grade: \"EG \(1 + i % 15)\", source: \"s\(i)\"}\n" }
        let r = try ReviewRules.parse(yaml: y, path: "huge.yaml")
        #expect(r.protectedPosts.count == 2_000 && r[GradeOutlierCheck.self].norms.count == 8_000)
        // F7 has the norm EG 8; the post "Amt 1999" is protected, "Dienst 1" is not.
        let input = ReviewInput(positions: [
            ReviewPosition(positionId: "A", orgUnitId: "U", title: "Amt 1999", function: "F7", payGrade: "EG 9a", isVacant: true),
            ReviewPosition(positionId: "B", orgUnitId: "U", title: "Dienst 1", function: "F7", payGrade: "EG 9a", isVacant: true),
        ])
        let result = try ReviewEngine(rules: r).run(input, asOf: CivilDate(iso: "2026-01-01")!, only: [.refill, .gradeOutlier])
        #expect(result.protected.map(\.positionId) == ["A"])
        #expect(Set(result.cases.filter { $0.check == .gradeOutlier }.compactMap(\.positionId)) == ["A", "B"])
        #expect(result.cases.first { $0.positionId == "A" && $0.check == .refill }?.kind == "protected")
        #expect(result.cases.first { $0.positionId == "B" && $0.check == .refill }?.kind == "vacant")
        // 20,000 norms are more YAML nodes than any reader accepts: refused with file and line, not loaded slowly.
        var big = "checks:\n  grade_outlier:\n    norms:\n"
        for i in 0..<20_000 { big += "      - {function: \"F\(i)\", grade: \"EG 5\", source: s}\n" }
        #expect { try ReviewRules.parse(yaml: big, path: "big.yaml") } throws: { "\($0)".contains("big.yaml") && "\($0)".contains("YAML nodes") }
    }

    @Test("docs/review.md and the shipped rules name every check, every case kind and every parameter")
    func documented() throws {
        let doc = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/review.md"), encoding: .utf8)
        let rules = try String(contentsOfFile: Self.shippedPath, encoding: .utf8)
        for id in ReviewCheckID.allCases { #expect(doc.contains("`\(id.rawValue)`") && rules.contains("  \(id.rawValue):"), "\(id.rawValue)") }
        for kind in ["vacant", "refilled_undecided", "protected", "span", "span_large", "depth", "leadership_share"] {
            #expect(doc.contains("`\(kind)`"), "kind \(kind) not in docs/review.md")
        }
        for parameter in ["horizon_months", "refilled_lookback_months", "min_direct_reports_fte", "max_direct_reports_fte",
                          "max_department_depth", "max_leadership_share", "small_unit_fte", "threshold", "min_months"] {
            #expect(doc.contains("`\(parameter)`") && rules.contains("\(parameter):"), "parameter \(parameter)")
        }
    }

    @Test("parameters left out keep their defaults; a check can be switched off")
    func partial() throws {
        let r = try ReviewRules.parse(yaml: "checks:\n  long_vacancy:\n    enabled: false\n    parameters:\n      min_months: {values: [{from: 2000, value: 18, source: test}]}\n", path: "p.yaml")
        #expect(!r.isEnabled(.longVacancy) && r[LongVacancyCheck.self].minMonths == 18 && r[RefillCheck.self].horizonMonths == 24)
    }

    @Test("the review reads the store's tables")
    func store() throws {
        let store = try Store.inMemory()
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO importRun (id, kind, sourcePath, sha256, byteCount, startedAt, finishedAt, rowsRead, rowsImported, rowsRejected, onError, engineVersion)
                VALUES (1, 'positions', 'p.csv', 'x', 1, 't', 't', 1, 1, 0, 'abort', 'test');
                INSERT INTO orgUnit VALUES ('U1', 1, 2, 'Bürgeramt', NULL, 'line');
                INSERT INTO position (positionId, importId, sourceLine, orgUnitId, supervisorId, title, function, payGrade, fteUnits, status, vacantSince, isLeadership, kldb)
                VALUES ('P1', 1, 2, 'U1', NULL, 'SB', 'SB', 'EG 9b', 5000, 'vacant', '2024-01-01', 0, '73202');
                INSERT INTO vacancy (importId, sourceLine, positionId, expectedDate, reason, refillRequested, refillSource, filledDate)
                VALUES (1, 2, 'P1', '2024-01-01', 'resignation', 1, 'external', '2025-01-01'),
                       (1, 3, 'X', '2023-01-01', 'retirement', 1, 'internal', '2023-06-01'),
                       (1, 4, 'Y', '2023-01-01', 'retirement', 1, 'lateral', '2023-06-01');
                INSERT INTO payCost (importId, sourceLine, fiscalYear, payGrade, annualSalaryCents, employerOnCostCents, source)
                VALUES (1, 2, 2026, 'EG 9b', 5000000, 1234567, 'test');
                """)
        }
        let input = try ReviewInput.load(from: store)
        #expect(input.positions.count == 1 && input.positions[0].fte == FTE("0.5") && input.positions[0].isVacant)
        var rules = ReviewRules(); rules.enabled = [.longVacancy: true, .refill: false, .leadershipSpan: false, .automation: false, .gradeOutlier: false, .overhead: false]
        let result = try ReviewEngine(rules: rules).run(input, asOf: CivilDate(iso: "2026-01-01")!)
        // 24 months vacant → score 100; 62,345.67 × 0.5 = 31,172.835 → 31,172.84
        #expect(result.cases.map(\.annualSaving) == [Money(cents: 3_117_284)])
        // Re-fills: 1 external, 1 lateral, 1 internal → 2/3 external or lateral.
        #expect(result.kpi.externalOrLateralShare == Decimal(2) / Decimal(3))
        #expect(result.summary.first?.potentialSaving == Money(cents: 3_117_284))
    }

    @Test("the summary counts each position once, with its largest saving")
    func summary() throws {
        let input = DecisionFixture.input
        let r = try ReviewEngine(rules: DecisionFixture.rules).run(input, asOf: DecisionFixture.asOf)
        // P1 has two cases (refill 62,345.67 and automation without saving), P2 one (52,500.00).
        #expect(r.summary.count == 1)
        let s = r.summary[0]
        #expect(s.cases == 3 && s.positions == 2 && s.fte == FTE("1.5") && s.potentialSaving == Money(cents: 6_234_567 + 5_250_000))
        let t = r.summaryTable(lang: .de)
        #expect(t.notes.contains { $0.contains("unter 3 Personen") })
    }
}

@Suite("Review report tables")
struct ReviewReportTests {
    @Test("the list carries the dropdown in the chosen language, the key columns and the as-of note")
    func list() throws {
        let r = try ReviewEngine(rules: DecisionFixture.rules).run(DecisionFixture.input, asOf: DecisionFixture.asOf)
        let en = r.listTable(lang: .en), de = r.listTable(lang: .de)
        let dec = try #require(en.columns.first { $0.key == "decision" })
        #expect(dec.choices == ["re-fill", "do not re-fill", "kw note", "automate first", "defer"] && dec.isInput)
        #expect(de.columns.first { $0.key == "decision" }?.choices
                == ["wiederbesetzen", "nicht wiederbesetzen", "kw-Vermerk", "erst automatisieren", "zurückstellen"])
        #expect(de.columns.first { $0.key == "comment" }?.isInput == true)
        #expect(Set(de.columns.map(\.key)).isSuperset(of: ["position_id", "check_key", "saving"]))
        #expect(de.notes.first == "Stichtag: 2026-01-01" && en.notes.first == "As of: 2026-01-01")
        #expect(de.rows.count == 3 && de.rows[0][9] == .money(Money(cents: 5_250_000)))
    }

    @Test("the KPI table: 1 external, 1 lateral, 2 internal filled; 1 without source is not in the share")
    func kpi() throws {
        var input = DecisionFixture.input
        let d = CivilDate(iso: "2025-03-01")!
        input.vacancies += [
            ReviewVacancy(positionId: "X1", expectedDate: d, refillSource: .external, filledDate: d),
            ReviewVacancy(positionId: "X2", expectedDate: d, refillSource: .lateral, filledDate: d),
            ReviewVacancy(positionId: "X3", expectedDate: d, refillSource: .internal, filledDate: d),
            ReviewVacancy(positionId: "X4", expectedDate: d, refillSource: .internal, filledDate: d),
            ReviewVacancy(positionId: "X5", expectedDate: d, refillSource: nil, filledDate: d),
            // filled after the as-of date: not counted yet
            ReviewVacancy(positionId: "X6", expectedDate: d, refillSource: .external, filledDate: CivilDate(iso: "2026-02-01")),
        ]
        let r = try ReviewEngine(rules: DecisionFixture.rules).run(input, asOf: DecisionFixture.asOf)
        #expect(r.kpi.externalOrLateralShare == Decimal(string: "0.5"))   // (1 + 1) / 4
        #expect(r.kpi.unknownCount == 1)
        let t = r.kpiTable(lang: .de)
        #expect(t.rows[3][1] == .integer(2) && t.rows[3][2] == .percent(Decimal(string: "0.5")!))
    }
}
