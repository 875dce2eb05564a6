import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// A replacement position plan that leaves out a position with a vacancy in the store: the vacancy stays (it is
/// another import's), and the positions import says so in a warning, in German and English, naming how many
/// vacancies and the first five positions. Expected counts and ids by hand from the files below.
@Suite("Import: vacancies left without their position by a replacement plan")
struct VacancyWithoutPositionTests {
    static let header = "position_id,org_unit,title,pay_grade,fte,status,is_leadership"

    /// A position plan of the given ids (one post each).
    static func plan(_ ids: [String]) -> String {
        ([header] + ids.map { "\($0),FB1,Sachbearbeitung,EG 9b,1,occupied,nein" }).joined(separator: "\n") + "\n"
    }

    /// Vacancies: one per id, and a second one (a later date) for each id in `twice`.
    static func vacancies(_ ids: [String], twice: [String] = []) -> String {
        (["position_id,expected_date,reason,refill_requested"] + ids.map { "\($0),2026-03-31,Ruhestand,ja" }
            + twice.map { "\($0),2027-06-30,Ruhestand,ja" }).joined(separator: "\n") + "\n"
    }

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let first: [String], vacant: [String], twice: [String], second: [String]
        /// The warning's count and its list of positions; nil: no warning.
        let count: Int?, named: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "two positions with three vacancies left out", first: ["P1", "P2", "P3"], vacant: ["P1", "P2"], twice: ["P1"],
             second: ["P3", "P4"], count: 3, named: "P1, P2"),
        Case(name: "every position with a vacancy kept: no warning", first: ["P1", "P2", "P3"], vacant: ["P1", "P2"], twice: [],
             second: ["P1", "P2", "P5"], count: nil, named: ""),
        Case(name: "seven left out: the first five named, then …", first: (1...8).map { "S\($0)" }, vacant: (1...7).map { "S\($0)" }, twice: [],
             second: ["S8"], count: 7, named: "S1, S2, S3, S4, S5 …"),
    ]

    @Test("a replacement plan that drops positions with vacancies warns, with the count and the first positions (de and en)", arguments: cases)
    func warning(_ c: Case) throws {
        let (store, dir) = try TestSupport.tempStore()
        _ = try AdversarialSupport.importText(Self.plan(c.first), kind: .positions, name: "plan-1.csv", store: (store, dir))
        let (v, _, _) = try AdversarialSupport.importText(Self.vacancies(c.vacant, twice: c.twice), kind: .vacancies, name: "vac.csv", store: (store, dir))
        #expect(v.rowsImported == c.vacant.count + c.twice.count && v.rowsRejected == 0)
        let (s, _, _) = try AdversarialSupport.importText(Self.plan(c.second), kind: .positions, name: "plan-2.csv", store: (store, dir)) {
            $0.replaceKind = true
        }
        #expect(s.status == "committed" && s.rowsImported == c.second.count)
        let de = s.warnings(.de).filter { $0.contains("Vakanz") }, en = s.warnings(.en).filter { $0.contains("vacanc") }
        guard let count = c.count else {
            #expect(de.isEmpty && en.isEmpty, "\(de) \(en)")
            return
        }
        #expect(de == ["\(count) Vakanz(en) im Speicher gehören zu Stellen, die nicht mehr im Stellenplan stehen (\(c.named)); die Vakanzen neu "
                       + "importieren (import vacancies DATEI --replace-kind) oder die Stellen wieder in den Stellenplan aufnehmen"], "\(s.warnings(.de))")
        #expect(en == ["\(count) vacancy(ies) in the store belong to positions no longer in the position plan (\(c.named)); import the vacancies "
                       + "again (import vacancies FILE --replace-kind) or put the positions back into the plan"], "\(s.warnings(.en))")
        // The vacancies themselves stay, as the warning says (counted by an independent query).
        let dangling = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM vacancy v LEFT JOIN position p USING (positionId) WHERE p.positionId IS NULL") }
        #expect(dangling == count)
    }

    @Test("the import summary's text shows the warning in the summary's language")
    func summaryText() throws {
        let (store, dir) = try TestSupport.tempStore()
        _ = try AdversarialSupport.importText(Self.plan(["P1", "P2"]), kind: .positions, name: "plan-1.csv", store: (store, dir))
        _ = try AdversarialSupport.importText(Self.vacancies(["P1"]), kind: .vacancies, name: "vac.csv", store: (store, dir))
        let (s, _, _) = try AdversarialSupport.importText(Self.plan(["P2"]), kind: .positions, name: "plan-2.csv", store: (store, dir)) { $0.replaceKind = true }
        #expect(s.text(.de).contains("Warnung: 1 Vakanz(en) im Speicher gehören zu Stellen, die nicht mehr im Stellenplan stehen (P1)"), "\(s.text(.de))")
        #expect(s.text(.en).contains("warning: 1 vacancy(ies) in the store belong to positions no longer in the position plan (P1)"), "\(s.text(.en))")
    }
}
