import Foundation
import GRDB
import GRDBSQLite

/// The statement of `pruefstand export` (`Export/StoreExport.swift`).
extension Store {
    /// Prepares `SELECT * FROM "table"`, with the user's `condition` as its WHERE clause, and gives the statement
    /// and its connection to `body` inside one read (a snapshot). The condition is the user's own SQL on their
    /// own store: it must be one expression (no `;`) and must not change anything.
    func withExportQuery<T>(table: String, where condition: String?,
                            _ body: (_ statement: OpaquePointer, _ connection: OpaquePointer) throws -> T) throws -> T {
        var sql = "SELECT * FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\""
        if let condition, !condition.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            sql += " WHERE (\(condition)\n)"
        }
        return try read { db in
            guard let connection = db.sqliteConnection else { throw PruefstandError.store(path: path, message: "closed") }
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v2(connection, sql, -1, &statement, &tail)
            defer { sqlite3_finalize(statement) }
            guard rc == SQLITE_OK, let statement else {
                throw PruefstandError.input(path: path, line: nil,
                    message: "--where \"\(condition ?? "")\": \(String(cString: sqlite3_errmsg(connection)))")
            }
            if let tail, !String(cString: tail).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw PruefstandError.input(path: path, line: nil, message: "--where must be one condition, without ';'")
            }
            guard sqlite3_stmt_readonly(statement) != 0 else {
                throw PruefstandError.input(path: path, line: nil, message: "--where must not change the store")
            }
            return try body(statement, connection)
        }
    }
}
