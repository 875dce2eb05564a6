import Foundation
import GRDB

extension Schema {
    /// Code lists (issue 14): the names of a scheme's codes (a Kapitel, a Produktbereich, an account),
    /// one row per code of an imported list, with its dimension and level. Reports show a name next to a
    /// code; a later list of the same dimension names a code anew (`Store.codeNames`).
    static func v5CodeNames(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE codeName (
            id INTEGER PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            scheme TEXT,
            dimension TEXT NOT NULL,
            level TEXT,
            code TEXT NOT NULL,
            name TEXT NOT NULL
        );
        CREATE INDEX codeName_dimension ON codeName(dimension, code);
        CREATE VIEW v_code_names AS
        SELECT c.importId AS import_id, r.sourcePath AS source_file, c.sourceLine AS source_line, c.scheme, c.dimension,
               c.level, c.code, c.name
        FROM codeName c JOIN importRun r ON r.id = c.importId;
        """)
    }
}

/// The SQL of the code-list import (`codeName`).
enum CodeNameSQL {
    static let insert = "INSERT INTO codeName (importId, sourceLine, scheme, dimension, level, code, name) VALUES (?, ?, ?, ?, ?, ?, ?)"
    /// Oldest import first, in file order: a later row names its code anew.
    static let byDimension = "SELECT code, name FROM codeName WHERE dimension = ? ORDER BY importId, sourceLine"
}

extension Store {
    /// The names of the codes of one dimension (`product`, `account`, `cost_center`, `org_unit`, `kapitel`,
    /// …: `CodeDimension.names`), code as written → name, from the imported code lists (`kind: codes`). A
    /// code named by several lists takes the name of the latest import; a code a list gives at two levels
    /// (a BW Kontenart and Konto `614`) the name of the later row.
    ///
    ///     let kapitel = try store.codeNames(dimension: "kapitel")   // ["0200": "Behörde d. Sen. für Kinder und Bildung", …]
    public func codeNames(dimension: String) throws -> [String: String] {
        try read { db in
            var out: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: CodeNameSQL.byDimension, arguments: [dimension])
            while let r = try rows.next() { out[r[0]] = r[1] as String }
            return out
        }
    }
}
