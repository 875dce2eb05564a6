import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// One published code list, its mapping in `Datasets/realdata/` and the shape its oracle reads it as.
struct RealCodeListCase: CustomTestStringConvertible, Sendable {
    var file: String
    var mapping: String
    /// `oracles/code_lists.py SHAPE FILE`.
    var shape: String
    var dimension: String
    /// The file writes each code's level (a JSON tree, level columns); a CSV list writes none.
    var writesLevels = false
    var testDescription: String { file }

    static let all: [RealCodeListCase] = [
        RealCodeListCase(file: "bremen/kapitel.csv", mapping: "bremen-kapitel.yaml", shape: "kapitel", dimension: "kapitel"),
        RealCodeListCase(file: "schleswig-holstein/kapitel.csv", mapping: "schleswig-holstein-kapitel.yaml", shape: "kapitel", dimension: "kapitel"),
        RealCodeListCase(file: "schemes-bw/vwv-anlage_29-produktbereiche.csv", mapping: "schemes-bw-anlage_29-produktbereiche.yaml",
                         shape: "anlage29", dimension: "product"),
        RealCodeListCase(file: "schemes-bw/produktrahmen.json", mapping: "schemes-bw-produktrahmen.yaml", shape: "produktrahmen", dimension: "product", writesLevels: true),
        RealCodeListCase(file: "schemes-bw/vwv-anlage_30.2-kontenrahmen.json", mapping: "schemes-bw-kontenrahmen.yaml",
                         shape: "kontenrahmen", dimension: "account", writesLevels: true),
        RealCodeListCase(file: "schemes-bw/AnlagenzurVwVzumVersand.xlsx", mapping: "schemes-bw-AnlagenzurVwVzumVersand.yaml",
                         shape: "anlage30.2", dimension: "account", writesLevels: true),
    ]
}

@Suite("Real published code lists import through a mapping and agree with the oracle (issue 14)", .serialized)
struct RealDataCodeListTests {
    @Test("every entry read; the stored names, code by code, are those the oracle reads from the file; entries without a name rejected",
          RealData.enabled, arguments: RealCodeListCase.all)
    func codeList(_ c: RealCodeListCase) throws {
        let path = try RealData.file(c.file)
        let dir = TestSupport.repoRoot.appendingPathComponent("Tests/PruefstandCoreTests/RealData/oracles").path
        let (status, out) = try TestSupport.shell("python3 '\(dir)/code_lists.py' \(c.shape) '\(path)'")
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? Int)
        let names = try #require(json["names"] as? [String: String])
        let unnamed = try #require(json["unnamed"] as? [[String]])
        let levels = try #require(json["levels"] as? [String: Int])
        #expect(json["duplicate_keys"] as? Int == 0)

        let mapping = try Mapping.load(path: TestSupport.repoRoot.appendingPathComponent("Datasets/realdata/\(c.mapping)").path)
        let (store, tmp) = try TestSupport.tempStore()
        var options = ImportOptions()
        options.onError = .quarantine
        options.rejectsDirectory = tmp
        let s = try Importer(store: store).run(kind: .codes, path: path, mapping: mapping, options: options)
        // A sheet with rows that are no entries says how many it reads and rejects; a list's rejected rows are its unnamed entries.
        let read = json["read"] as? Int ?? rows, rejected = json["rejected"] as? Int ?? unnamed.count
        #expect(s.rowsRead == read)
        #expect(s.rowsRejected == rejected)
        #expect(s.rowsImported == read - rejected)
        if json["read"] == nil { #expect(s.rejects.map(\.field) == unnamed.map { _ in "name" }) }
        #expect(try store.codeNames(dimension: c.dimension) == names)
        // The JSON trees write each code's level; a CSV list writes none (its level is the oracle's reading only).
        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT coalesce(level, '-') AS level, count(*) AS n FROM codeName GROUP BY 1")
                .reduce(into: [String: Int]()) { $0[$1[0] as String] = $1[1] }
        }
        var expected = c.writesLevels ? levels : ["-": levels.values.reduce(0, +)]
        for u in unnamed { expected[c.writesLevels ? u[0] : "-", default: 0] -= 1 }
        #expect(stored == expected)
    }

    /// The Excel sheet and the JSON extraction are two publications of one Kontenrahmen: their oracles must
    /// agree code by code, so either import checks the other.
    @Test("the Kontenrahmen in the Excel annex and in the JSON extraction name the same codes the same, but for the differences listed", RealData.enabled)
    func excelAgreesWithJSON() throws {
        let dir = TestSupport.repoRoot.appendingPathComponent("Tests/PruefstandCoreTests/RealData/oracles").path
        func names(_ shape: String, _ file: String) throws -> [String: String] {
            let (status, out) = try TestSupport.shell("python3 '\(dir)/code_lists.py' \(shape) '\(try RealData.file(file))'")
            #expect(status == 0)
            return try #require((try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])?["names"] as? [String: String])
        }
        let excel = try names("anlage30.2", "schemes-bw/AnlagenzurVwVzumVersand.xlsx")
        let json = try names("kontenrahmen", "schemes-bw/vwv-anlage_30.2-kontenrahmen.json")
        #expect(excel.count == 758 && json.count == 758)
        // Where they differ, and why: the ranges are written `671 - 678` in the sheet and `671678` in the JSON;
        // code 1 is a Kontenklasse and a Kontenart (Konzessionen), and the two files list them in another order
        // (a code's name is its later entry's); four names go on in a note row of the sheet (`(nur für Kommunalen
        // Versorgungsverband Baden-Württemberg)`, rejected there as a row without a code), which the JSON joined.
        #expect(Set(excel.keys).symmetricDifference(json.keys) == ["671 - 678", "771 - 778", "671678", "771778"])
        let differing = Set(excel.keys.filter { json[$0] != nil && json[$0] != excel[$0] })
        #expect(differing == ["1", "4051", "4061", "4151", "4161"])
        for code in differing where code != "1" { #expect(json[code]?.hasPrefix(excel[code]! + " (") == true, "\(code)") }
    }
}
