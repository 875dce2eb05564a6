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
    var testDescription: String { file }

    static let all: [RealCodeListCase] = [
        RealCodeListCase(file: "bremen/kapitel.csv", mapping: "bremen-kapitel.yaml", shape: "kapitel", dimension: "kapitel"),
        RealCodeListCase(file: "schleswig-holstein/kapitel.csv", mapping: "schleswig-holstein-kapitel.yaml", shape: "kapitel", dimension: "kapitel"),
        RealCodeListCase(file: "schemes-bw/vwv-anlage_29-produktbereiche.csv", mapping: "schemes-bw-anlage_29-produktbereiche.yaml",
                         shape: "anlage29", dimension: "product"),
        RealCodeListCase(file: "schemes-bw/produktrahmen.json", mapping: "schemes-bw-produktrahmen.yaml", shape: "produktrahmen", dimension: "product"),
        RealCodeListCase(file: "schemes-bw/vwv-anlage_30.2-kontenrahmen.json", mapping: "schemes-bw-kontenrahmen.yaml",
                         shape: "kontenrahmen", dimension: "account"),
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
        #expect(s.rowsRead == rows)
        #expect(s.rowsRejected == unnamed.count)
        #expect(s.rowsImported == rows - unnamed.count)
        #expect(s.rejects.map(\.field) == unnamed.map { _ in "name" })
        #expect(try store.codeNames(dimension: c.dimension) == names)
        // The JSON trees write each code's level; a CSV list writes none (its level is the oracle's reading only).
        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT coalesce(level, '-') AS level, count(*) AS n FROM codeName GROUP BY 1")
                .reduce(into: [String: Int]()) { $0[$1[0] as String] = $1[1] }
        }
        var expected = c.file.hasSuffix(".json") ? levels : ["-": levels.values.reduce(0, +)]
        for u in unnamed { expected[c.file.hasSuffix(".json") ? u[0] : "-", default: 0] -= 1 }
        #expect(stored == expected)
    }
}
