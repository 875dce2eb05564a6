import Testing
import Foundation
@testable import PruefstandCore

/// Issue 17's acceptance on the committed Musterstadt files: the review as a personnel office would read it.
///
/// The oracle reads `positions.csv` and `vacancies.csv` itself (a plain split: the committed files are
/// canonical, comma-separated, and no field of these two holds a comma or a quote, which the test checks), so
/// the counts do not come from the program's own import or query.
@Suite("Review on Musterstadt (issue 17)")
struct ReviewMusterstadtTests {
    static let city = TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt")
    static let asOf = CivilDate(iso: "2026-01-01")!

    /// Rows of a canonical CSV file as dictionaries by header.
    static func rows(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOf: city.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return try lines.map { line in
            #expect(!line.contains("\""), "\(file): a quoted field; the plain split would be wrong")
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == header.count, "\(file): \(line)")
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    /// The review of the committed files, imported into a fresh store, with the shipped rules.
    static func review() throws -> ReviewResult {
        let (store, dir) = try TestSupport.tempStore()
        var options = ImportOptions(); options.rejectsDirectory = dir
        for (kind, file) in [(ImportKind.orgunits, "orgunits.csv"), (.paycosts, "paycosts.csv"), (.positions, "positions.csv"), (.vacancies, "vacancies.csv")] {
            _ = try Importer(store: store).run(kind: kind, path: city.appendingPathComponent(file).path, mapping: nil, options: options)
        }
        let rules = try ReviewRules.load(path: city.appendingPathComponent("rules/review.yaml").path)
        return try ReviewEngine(rules: rules).run(try ReviewInput.load(from: store), asOf: asOf)
    }

    @Test("every vacant and every vacating post has a re-fill case or a stated reason why not; elected and statutory posts carry no automation or non-refill case; no ASD post at S 14 is an outlier; the planted over-large span is found")
    func acceptance() throws {
        let positions = try Self.rows("positions.csv"), vacancies = try Self.rows("vacancies.csv")
        let result = try Self.review()
        let refill = result.cases.filter { $0.check == .refill }
        // A post vacant for 12 months or more is on the bench as a kw case (long vacancy) instead.
        let covered = Set(refill.compactMap(\.positionId)).union(result.cases.filter { $0.check == .longVacancy }.compactMap(\.positionId))

        // 1. Vacant now (positions file): each one has a re-fill or kw case, or "not a candidate, because".
        let vacant = positions.filter { $0["status"] == "vacant" }.map { $0["position_id"]! }
        #expect(vacant.count == 152)
        #expect(Set(vacant).subtracting(covered).isEmpty, "vacant posts without a re-fill case: \(Set(vacant).subtracting(covered).sorted())")
        // 2. Vacating within 24 months and not filled by the as-of date (vacancies file).
        let horizonEnd = Self.asOf.adding(months: 24)
        let vacating = Set(vacancies.filter { v in
            let filled = CivilDate(iso: v["filled_date"] ?? "")
            return (filled == nil || filled! > Self.asOf) && CivilDate(iso: v["expected_date"]!)! <= horizonEnd
        }.map { $0["position_id"]! })
        #expect(!vacating.isEmpty && vacating.subtracting(covered).isEmpty)
        // 3. Re-filled in the last 12 months (no decisions recorded in a fresh store): each is a case.
        let refilled = Set(vacancies.filter { v in
            guard let f = CivilDate(iso: v["filled_date"] ?? "") else { return false }
            return f <= Self.asOf && f > Self.asOf.adding(months: -12)
        }.map { $0["position_id"]! })
        // Protected posts are listed on their own sheet instead.
        let protectedAll = Set(result.protected.map(\.positionId))
        #expect(!refilled.isEmpty && refilled.subtracting(covered).subtracting(protectedAll).isEmpty)
        #expect(Set(refill.filter { $0.kind == "refilled_undecided" }.compactMap(\.positionId)) == refilled.subtracting(protectedAll))

        // Elected and statutory posts: no automation, long-vacancy or saving re-fill case; shown as protected.
        let byId = Dictionary(uniqueKeysWithValues: positions.map { ($0["position_id"]!, $0) })
        let protectedTitles = ["Oberbürgermeister", "Beigeordnete", "Gleichstellungsbeauftragte"]
        let protectedIds = Set(positions.filter { p in protectedTitles.contains { p["title"]!.contains($0) } }.map { $0["position_id"]! })
        #expect(protectedIds.count == 6, "OB, four Beigeordnete, the equal-opportunities officer")
        #expect(protectedIds.isSubset(of: Set(result.protected.map(\.positionId))))
        for c in result.cases where c.positionId.map(protectedIds.contains) == true {
            #expect(c.check != .automation && c.check != .longVacancy, "\(c.positionId!): \(c.checkKey)")
            if c.check == .refill { #expect(c.kind == "protected" && c.annualSaving == nil && c.reasonDE.contains("Kein Kandidat")) }
        }
        let ob = try #require(positions.first { $0["title"]!.hasPrefix("Oberbürgermeister") })
        #expect(ob["kldb"] == "73294", "the OB has an occupation code the automation table would flag")
        #expect(!result.cases.contains { $0.positionId == ob["position_id"] && $0.check == .automation })

        // No ASD social worker at S 14 is a grade outlier.
        let asd = positions.filter { $0["org_unit"] == "FB55" && $0["function"] == "Sozialarbeit" && $0["pay_grade"] == "S 14" }.map { $0["position_id"]! }
        #expect(asd.count >= 90)
        let outliers = Set(result.cases.filter { $0.check == .gradeOutlier }.compactMap(\.positionId))
        #expect(outliers.isDisjoint(with: asd))
        // The planted outlier stays: Bürgerservice EG 9b in FB33.4 against the norm EG 8.
        let planted = positions.filter { $0["org_unit"] == "FB33.4" && $0["function"] == "Sachbearbeitung Bürgerservice" }.map { $0["position_id"]! }
        #expect(!planted.isEmpty && Set(planted).isSubset(of: outliers))

        // The over-large span: the leader of the cleaning staff, over 100 FTE of direct reports (summed here).
        var reportUnits: [String: Int64] = [:]
        for p in positions where !(p["supervisor_id"] ?? "").isEmpty {
            reportUnits[p["supervisor_id"]!, default: 0] += FTE(p["fte"]!)!.units
        }
        let (bigLeader, bigUnits) = try #require(reportUnits.max { $0.value < $1.value })
        #expect(bigUnits > 100 * FTE.scale && byId[bigLeader]?["title"] == "Sachgebietsleitung Gebäudereinigung")
        let span = try #require(result.cases.first { $0.positionId == bigLeader && $0.kind == "span_large" })
        #expect(span.score == 100)
        // Every leader above 40 FTE is flagged, no other.
        let above = Set(reportUnits.filter { $0.value > 40 * FTE.scale && byId[$0.key]?["is_leadership"] == "true" }.map(\.key))
        #expect(Set(result.cases.filter { $0.kind == "span_large" }.compactMap(\.positionId)) == above)

        // Depth per department: the Kita line in FB51 (FB51 head → Abteilung → Bezirk → Kita → Vertretung → Gruppe → Erzieher/in).
        #expect(result.departments.first { $0.departmentId == "FB51" }?.depth == 7)
        #expect(result.cases.contains { $0.kind == "depth" && $0.orgUnitId == "FB51" })
        // Functions without a norm and posts without a KldB code are listed as not assessed.
        let noKldb = positions.filter { ($0["kldb"] ?? "").isEmpty }.count
        let notAssessedAutomation = result.notAssessed.filter { $0.check == .automation }.reduce(0) { $0 + $1.positions }
        let protectedWithoutKldb = result.protected.filter { (byId[$0.positionId]?["kldb"] ?? "").isEmpty }.count
        #expect(notAssessedAutomation + protectedWithoutKldb == noKldb)
        #expect(result.notAssessed.contains { $0.check == .gradeOutlier && $0.messageDE.contains("Sachgebietsleitung") })
    }

    @Test("re-fills by department and year add up to the filled vacancies of the file, by source")
    func refillSources() throws {
        let vacancies = try Self.rows("vacancies.csv"), positions = try Self.rows("positions.csv")
        let result = try Self.review()
        let filled = vacancies.filter { CivilDate(iso: $0["filled_date"] ?? "").map { $0 <= Self.asOf } ?? false }
        #expect(result.refillSources.reduce(0) { $0 + $1.filled } == filled.count)
        for source in ["internal", "external", "lateral"] {
            let want = filled.filter { $0["refill_source"] == source }.count
            let got = result.refillSources.reduce(0) { $0 + (source == "internal" ? $1.internalCount : source == "external" ? $1.externalCount : $1.lateralCount) }
            #expect(got == want, "\(source)")
        }
        // FB51.1 (Kitas) counts under its department FB51.
        let unit = Dictionary(uniqueKeysWithValues: positions.map { ($0["position_id"]!, $0["org_unit"]!) })
        let kita = filled.filter { unit[$0["position_id"]!]?.hasPrefix("FB51") == true }.count
        #expect(result.refillSources.filter { $0.departmentId == "FB51" }.reduce(0) { $0 + $1.filled } == kita)
        #expect(!result.refillSources.contains { $0.departmentId == "FB51.1" })
        // In the workbook small groups are suppressed; the year stays as the row's label (all re-fills are of 2025).
        let shown = try SmallGroupProtection.apply(to: result.refillSourcesTable(lang: .de), countColumn: "filled", k: 3, mode: .suppress)
        #expect(shown.rows.contains { $0[3] == .text("< 3") })
        #expect(shown.rows.allSatisfy { $0[2] == .text("2025") })
    }
}
