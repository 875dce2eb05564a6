import GRDB

/// Read-only summaries of a store for `pruefstand store`.
public enum StoreInfo {
    /// The schema as `sqlite3 FILE .schema` prints it: each object's SQL followed by `;`, in creation order.
    public static func schema(store: Store) throws -> String {
        try store.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
                .map { $0 + ";\n" }.joined()
        }
    }

    public static func text(store: Store) throws -> String {
        try store.read { db in
            var lines = ["Store \(store.path)", "Imports:"]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM v_import ORDER BY import_id") {
                lines.append("  \(r["import_id"] as Int64) \(r["kind"] as String) \(r["source_file"] as String) sha256 \((r["sha256"] as String).prefix(16))… rows \(r["rows_read"] as Int) = \(r["rows_imported"] as Int) + \(r["rows_rejected"] as Int) rejected")
            }
            lines.append("History (what each import did; issue 20):")
            lines += try ImportHistory.lines(db)
            lines.append("Views:")
            for v in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name") {
                lines.append("  \(v): \(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(v)") ?? 0) rows")
            }
            return lines.joined(separator: "\n")
        }
    }
}
