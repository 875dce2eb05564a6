import Foundation
import Testing
@testable import PruefstandCore

@Suite("Schema documentation")
struct SchemaDocTests {
    @Test("docs/schema.md shows exactly what sqlite3 .schema prints for a new store")
    func schemaDocMatches() throws {
        let (store, _) = try TestSupport.tempStore()
        let (status, schema) = try TestSupport.shell("sqlite3 '\(store.path)' .schema")
        #expect(status == 0)
        let doc = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/schema.md"), encoding: .utf8)
        guard let begin = doc.range(of: "<!-- schema:begin -->\n```sql\n"), let end = doc.range(of: "```\n<!-- schema:end -->") else {
            Issue.record("schema markers missing in docs/schema.md"); return
        }
        let documented = String(doc[begin.upperBound..<end.lowerBound])
        #expect(documented == schema, "run scripts/update-schema-doc.sh after a new migration")
    }

    @Test("every table and public view in the store is described in docs/schema.md")
    func everyObjectDescribed() throws {
        let (store, _) = try TestSupport.tempStore()
        let names = try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'") }
        let doc = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/schema.md"), encoding: .utf8)
        let described = doc.components(separatedBy: "## Full schema")[0]
        for n in names { #expect(described.contains("`\(n)`"), "\(n) is not described") }
    }
}
