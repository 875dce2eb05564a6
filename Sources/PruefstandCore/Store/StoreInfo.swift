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

    public static func text(store: Store, _ lang: Language) throws -> String {
        let de = lang == .de
        func n(_ i: Int) -> String { NumberText.count(i, lang) }
        return try store.read { db in
            var lines = ["Store " + store.path, de ? "Importe:" : "Imports:"]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM v_import ORDER BY import_id") {
                let rows = "\(n(r["rows_read"])) = \(n(r["rows_imported"])) + \(n(r["rows_rejected"]))"
                lines.append("  \(r["import_id"] as Int64) \(r["kind"] as String) \(r["source_file"] as String) sha256 \((r["sha256"] as String).prefix(16))… "
                             + (de ? "Zeilen \(rows) verworfen" : "rows \(rows) rejected"))
            }
            lines.append(de ? "Verlauf (was jeder Import bewirkt hat; Issue 20):" : "History (what each import did; issue 20):")
            lines += try ImportHistory.lines(db, lang)
            lines.append(de ? "Sichten:" : "Views:")
            for v in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name") {
                lines.append("  \(v): \(n(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(v)") ?? 0)) \(de ? "Zeilen" : "rows")")
            }
            return lines.joined(separator: "\n")
        }
    }
}
