import Foundation
import GRDB

/// The import history (issue 20): what each import did to the store, kept after a later import replaces
/// it, so an auditor can see how a month's actuals came to be. Shown by `store info` and on the audit
/// trail sheet (`v_import_history`).
public enum ImportHistory {
    /// Records one committed import's effect (inside its transaction).
    static func record(_ db: Database, summary: ImportSummary, importId: Int64, source: String, mode: ImportMode,
                       period: String?, effect: ImportEffect) throws {
        try db.execute(sql: """
            INSERT INTO importHistory (importId, kind, source, sourcePath, sha256, contentSha256, mode, period, recordedAt,
                rowsRead, rowsRejected, addedCount, addedCents, skippedCount, skippedCents, replacedCount, replacedCents, replacedImports)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [importId, summary.kind.rawValue, source, summary.file, summary.sha256, summary.contentSha256, mode.rawValue,
                             period, ISO8601DateFormatter().string(from: Date()), summary.rowsRead, summary.rowsRejected,
                             effect.added, effect.addedCents, effect.skipped, effect.skippedCents, effect.replaced, effect.replacedCents,
                             effect.replacedImports.map(String.init).joined(separator: ",")])
    }

    /// Records and cents an earlier import holds now (the monthly totals of a ledger import, kept up to
    /// date when postings are taken out; the import's own counts otherwise).
    static func held(_ db: Database, importId: Int64, kind: ImportKind) throws -> (count: Int, cents: Int64) {
        let sql = kind == .ledger
            ? "SELECT coalesce(sum(postingCount), 0) AS n, coalesce(sum(amountCents), 0) AS c FROM postingTotal WHERE importId = ?"
            : "SELECT rowsImported AS n, coalesce(controlStoredCents, 0) AS c FROM importRun WHERE id = ?"
        guard let r = try Row.fetchOne(db, sql: sql, arguments: [importId]) else { return (0, 0) }
        return (r["n"], r["c"])
    }

    /// Lines for `store info`: one per import, oldest first.
    public static func lines(_ db: Database, _ lang: Language) throws -> [String] {
        let de = lang == .de
        return try Row.fetchAll(db, sql: "SELECT * FROM v_import_history ORDER BY history_id").map { r in
            func eur(_ k: String) -> String { NumberText.euros(Money(cents: r[k] as Int64), lang) }
            func n(_ k: String) -> String { NumberText.count(r[k] as Int, lang) }
            let period: String? = r["period"]
            let replacedImports: String = r["replaced_imports"]
            // Recorded as ISO 8601 in UTC (`2026-12-03T06:20:11Z`); German: `03.12.2026 06:20:11 UTC`.
            var recorded: String = r["recorded_at"]
            if de, let day = CivilDate(iso: String(recorded.prefix(10))) {
                recorded = NumberText.date(day, lang) + " " + recorded.dropFirst(11).replacingOccurrences(of: "Z", with: " UTC")
            }
            let head = de ? "  Import \(r["import_id"] as Int64) \(r["kind"] as String) aus \(r["source_file"] as String) (Quelle \(r["source"] as String), "
                          : "  import \(r["import_id"] as Int64) \(r["kind"] as String) from \(r["source_file"] as String) (source \(r["source"] as String), "
            return head + "\(r["mode"] as String)\(period.map { " \($0)" } ?? ""), \(recorded)): "
                + (de ? "hinzugefügt \(n("added")) (\(eur("added_cents"))), übersprungen \(n("skipped")) (\(eur("skipped_cents"))), ersetzt \(n("replaced")) (\(eur("replaced_cents")))"
                      : "added \(n("added")) (\(eur("added_cents"))), skipped \(n("skipped")) (\(eur("skipped_cents"))), replaced \(n("replaced")) (\(eur("replaced_cents")))")
                + (replacedImports.isEmpty ? "" : (de ? ", ersetzt Import \(replacedImports)" : ", replacing import \(replacedImports)"))
        }
    }
}
