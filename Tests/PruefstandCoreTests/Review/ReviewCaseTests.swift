import Testing
import Foundation
import Yams
@testable import PruefstandCore

/// One data-driven review case: a small position plan written by hand and the exact cases one check must
/// produce (an empty list where the check must not fire).
struct ReviewCaseFile: Decodable {
    struct Unit: Decodable { var id: String; var name: String?; var parent: String?; var category: String? }
    struct Cost: Decodable { var year: Int; var grade: String; var salary: String; var on_costs: String }
    struct Pos: Decodable {
        var id: String; var unit: String; var supervisor: String?; var title: String?; var function: String?
        var grade: String; var fte: String?; var status: String?; var vacant_since: String?; var leader: Bool?
        var kldb: String?; var count: Int?
    }
    struct Vac: Decodable {
        var position: String; var expected: String; var reason: String?; var refill_requested: Bool?
        var source: String?; var filled: String?
    }
    struct Row: Decodable { var kldb: String?; var level: Int?; var share: String; var approximated: Bool? }
    struct Norm: Decodable { var function: String; var org_units: [String]?; var grade: String; var source: String }
    struct Protected: Decodable {
        var kind: String; var title_contains: [String]?; var function: String?; var org_unit: String?; var refund_account: String?
        var source: String
    }
    struct Rules: Decodable {
        var horizon_months: Int?; var refilled_lookback_months: Int?; var min_direct_reports_fte: String?
        var max_direct_reports_fte: String?; var max_department_depth: Int?
        var max_leadership_share: String?; var small_unit_fte: String?; var automation_threshold: String?
        var automation_table: [Row]?; var long_vacancy_months: Int?; var grade_norms: [Norm]?
        var protected: [Protected]?
        var benchmarks: [String: String]?
    }
    struct Expected: Decodable {
        var kind: String; var position: String?; var unit: String; var score: Int; var saving: String?
        var reason_contains: [String]?
    }
    var name: String
    var source: String
    var check: String
    var as_of: String
    var rules: Rules?
    var org_units: [Unit]?
    var pay_costs: [Cost]?
    var positions: [Pos]
    var vacancies: [Vac]?
    /// Positions with a recorded committee decision.
    var decided: [String]?
    var expected: [Expected]

    func money(_ s: String) -> Money { Money.rounding(Decimal(string: s)!) }

    func input() -> ReviewInput {
        var positions: [ReviewPosition] = []
        for p in self.positions {
            let ids = (p.count ?? 1) == 1 ? [p.id] : (1...(p.count!)).map { "\(p.id)-\($0)" }
            for id in ids {
                positions.append(ReviewPosition(
                    positionId: id, orgUnitId: p.unit, supervisorId: p.supervisor, title: p.title ?? "", function: p.function ?? "",
                    payGrade: p.grade, fte: FTE(p.fte ?? "1")!, isVacant: p.status == "vacant",
                    vacantSince: p.vacant_since.flatMap(CivilDate.init(iso:)), isLeadership: p.leader ?? false, kldb: p.kldb))
            }
        }
        return ReviewInput(
            positions: positions,
            vacancies: (vacancies ?? []).map {
                ReviewVacancy(positionId: $0.position, expectedDate: CivilDate(iso: $0.expected)!, reason: $0.reason ?? "retirement",
                              refillRequested: $0.refill_requested ?? true, refillSource: $0.source.flatMap(ReviewVacancy.RefillSource.init(rawValue:)),
                              filledDate: $0.filled.flatMap(CivilDate.init(iso:)))
            },
            orgUnits: (org_units ?? []).map { ReviewOrgUnit(orgUnitId: $0.id, name: $0.name ?? "", parentId: $0.parent, category: $0.category ?? "line") },
            payCosts: (pay_costs ?? []).map { ReviewPayCost(fiscalYear: $0.year, payGrade: $0.grade, annualSalary: money($0.salary), employerOnCosts: money($0.on_costs)) },
            decidedPositions: Set(decided ?? []))
    }

    func reviewRules() -> ReviewRules {
        var r = ReviewRules()
        guard let o = rules else { return r }
        if let v = o.horizon_months { r.refillHorizonMonths = v }
        if let v = o.min_direct_reports_fte { r.minDirectReportsFTE = Decimal(string: v)! }
        if let v = o.refilled_lookback_months { r.refilledLookbackMonths = v }
        if let v = o.max_direct_reports_fte { r.maxDirectReportsFTE = Decimal(string: v)! }
        if let v = o.max_department_depth { r.maxDepartmentDepth = v }
        if let v = o.max_leadership_share { r.maxLeadershipShare = Decimal(string: v)! }
        if let v = o.small_unit_fte { r.smallUnitFTE = Decimal(string: v)! }
        if let v = o.automation_threshold { r.automationThreshold = Decimal(string: v)! }
        if let t = o.automation_table {
            r.automationTable = t.map { .init(kldbPrefix: $0.kldb ?? "", level: $0.level, name: $0.kldb ?? "level \($0.level ?? 0)",
                                              share: Decimal(string: $0.share)!, approximated: $0.approximated ?? false) }
        }
        if let v = o.long_vacancy_months { r.longVacancyMonths = v }
        if let n = o.grade_norms {
            r.gradeNorms = n.map { GradeNorm(function: $0.function, orgUnits: $0.org_units ?? [], grade: PayGrade($0.grade)!.code, source: $0.source) }
        }
        if let p = o.protected {
            r.protectedPosts = p.map {
                ProtectedPost(kind: ProtectedPost.Kind(rawValue: $0.kind)!, titleContains: $0.title_contains ?? [], function: $0.function,
                              orgUnit: $0.org_unit, refundAccount: $0.refund_account, reasonDE: "Grund", reasonEN: "reason", source: $0.source)
            }
        }
        for (k, v) in o.benchmarks ?? [:] { r.overheadBenchmarks[k] = Decimal(string: v)! }
        r.reindex()
        return r
    }
}

enum ReviewCases {
    static var directory: URL { Bundle.module.url(forResource: "Cases", withExtension: nil)!.appendingPathComponent("review") }
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }
    static func load(_ file: String) throws -> ReviewCaseFile {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        return try YAMLDecoder().decode(ReviewCaseFile.self, from: text)
    }
}

@Suite("Review cases")
struct ReviewCaseTests {
    @Test("there are cases for every check, firing and not firing")
    func coverage() throws {
        let cases = try ReviewCases.files.map(ReviewCases.load)
        for id in ReviewCheckID.allCases {
            let mine = cases.filter { $0.check == id.rawValue }
            #expect(mine.contains { !$0.expected.isEmpty }, "no firing case for \(id.rawValue)")
            #expect(mine.contains { c in
                // A case must show positions the check leaves alone: more positions than flagged ones, or none flagged.
                c.expected.isEmpty || c.input().positions.count > c.expected.filter { $0.position != nil }.count
            }, "no not-firing case for \(id.rawValue)")
        }
    }

    @Test("hand-computed review cases", arguments: ReviewCases.files)
    func reviewCase(file: String) throws {
        let c = try ReviewCases.load(file)
        let id = try #require(ReviewCheckID(rawValue: c.check), "\(file): unknown check \(c.check)")
        let asOf = try #require(CivilDate(iso: c.as_of))
        let result = try ReviewEngine(rules: c.reviewRules()).run(c.input(), asOf: asOf, only: [id])
        func key(_ k: String, _ p: String?, _ u: String) -> String { "\(k)|\(p ?? "-")|\(u)" }
        let got = Dictionary(uniqueKeysWithValues: result.cases.map { (key($0.kind, $0.positionId, $0.orgUnitId), $0) })
        let want = Dictionary(uniqueKeysWithValues: c.expected.map { (key($0.kind, $0.position, $0.unit), $0) })
        #expect(Set(got.keys) == Set(want.keys), "\(file) (\(c.name)): cases differ")
        for (k, w) in want {
            guard let g = got[k] else { continue }
            #expect(g.score == w.score, "\(file) \(k): score")
            #expect(g.annualSaving == w.saving.map(c.money), "\(file) \(k): saving")
            for s in w.reason_contains ?? [] {
                #expect(g.reasonDE.contains(s) || g.reasonEN.contains(s), "\(file) \(k): reason lacks '\(s)'")
            }
        }
        #expect(result.cases.allSatisfy { $0.check == id })
    }
}
