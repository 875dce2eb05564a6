import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// `mapping suggest` on the real published exports (issue 14): on every file the suggestion is a mapping
/// that parses; on every budget file with a working mapping it proposes amounts only from columns that
/// hold amounts (no row rejected), and the file imports through the suggestion unchanged and reconciles
/// with the independent oracle as the working mapping does. The line-by-line comparison with the working
/// mappings is measured by `suggest_measure.py` (docs/formats.md).
@Suite("Mapping suggestion on the real exports", .serialized)
struct SuggestRealDataTests {
    @Test("every real CSV and .xlsx file gets a suggestion that parses as a mapping", RealData.enabled)
    func everyFileParses() throws {
        let root = try RealData.file("README.md")
        let folder = URL(fileURLWithPath: root).deletingLastPathComponent()
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }.sorted()
        #expect(files.count >= 14)
        for f in files {
            let yaml = try MappingSuggestion.suggest(file: folder.appendingPathComponent(f).path, kind: .plan)
            #expect(throws: Never.self, "\(f)") { _ = try Mapping.parse(try StrictYAML.parse(yaml, file: f)) }
        }
    }

    @Test("the suggestion imports the file with no row rejected and reconciles with the oracle", RealData.enabled, arguments: RealDataCase.all.filter { $0.suggestLimit == nil })
    func importsAsSuggested(_ c: RealDataCase) throws {
        let path = try RealData.file(c.file)
        let yaml = try MappingSuggestion.suggest(file: path, kind: .plan)
        let mapping = try Mapping.parse(try StrictYAML.parse(yaml, file: "suggested.yaml"))
        let (store, dir) = try TestSupport.tempStore()
        var options = ImportOptions()
        options.onError = .quarantine
        options.rejectsDirectory = dir
        let s = try Importer(store: store).run(kind: .plan, path: path, mapping: mapping, options: options)
        // No amount column that holds text: a text cell in a proposed amount column would reject its row.
        #expect(s.rowsRejected == 0, "\(s.rejects.first?.message ?? "")")
        let oracle = try RealDataOracle.run(c.oracle, on: path)
        #expect(s.rowsImported == oracle.detailRows)
        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT fiscalYear, kind, side, sum(amountCents) AS c FROM budgetLine GROUP BY 1, 2, 3")
                .reduce(into: [String: Int64]()) { out, r in out["\(r[0] as Int)|\(r[1] as String)|\((r[2] as String?) ?? "none")"] = r["c"] }
        }
        #expect(stored == oracle.detailTotals.filter { key, _ in !c.notImported.contains(String(key.split(separator: "|")[1])) })
    }
}
