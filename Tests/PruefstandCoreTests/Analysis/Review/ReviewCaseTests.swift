import Testing
import Foundation
import Yams
@testable import PruefstandCore

/// One data-driven review case: a small position plan written by hand and the exact cases one check must
/// produce (an empty list where the check must not fire). Its `rules` are written as in a rules file
/// (`checks.<id>.parameters`, `protected_posts`) and read by `ReviewRules.parse` with the check's own
/// parameter type, so a new check's case needs nothing here.
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
    struct Expected: Decodable {
        var kind: String; var position: String?; var unit: String; var score: Int; var saving: String?
        var reason_contains: [String]?
    }
    var name: String
    var source: String
    var check: String
    var as_of: String
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
    /// The case's `rules` section, read as a rules file (the defaults where it has none).
    static func rules(_ file: String, registry: ReviewCheckRegistry) throws -> ReviewRules {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        guard let node = try Yams.compose(yaml: text)?.mapping?["rules"] else { return ReviewRules(registry: registry) }
        return try ReviewRules.parse(yaml: try Yams.serialize(node: node), path: file, registry: registry)
    }
    /// The shipped checks and the demonstration check of `Review/Demo/` (docs/contributing.md).
    /// The demonstration check's parameters are declared beside its case (`Cases/review/declarations/`).
    static let registry = try! ReviewCheckRegistry.standard.adding(SmallPostCheck(), declarations: .load(
        path: directory.appendingPathComponent("declarations/small-post.yaml").path))
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
        let id = try #require(ReviewCheckID(rawValue: c.check).flatMap { ReviewCases.registry.check($0)?.id }, "\(file): unknown check \(c.check)")
        let asOf = try #require(CivilDate(iso: c.as_of))
        let rules = try ReviewCases.rules(file, registry: ReviewCases.registry)
        let result = try ReviewEngine(rules: rules, registry: ReviewCases.registry).run(c.input(), asOf: asOf, only: [id])
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
