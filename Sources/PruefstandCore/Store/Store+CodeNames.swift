import Foundation
import GRDB

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
            while let r = try rows.next() { out[r["code"]] = r["name"] as String }
            return out
        }
    }
}
