import Foundation
import GRDB

/// One import as the audit trail sheet lists it: from `v_import`, with what the import history says it did;
/// an import a later one replaced comes from the history alone (`gone`).
public struct ImportTrailRecord: FetchableRecord, Sendable {
    /// What the import history recorded of the import (nil for an import stored before the history was kept).
    public struct History: Sendable {
        public var source: String, mode: String, period: String?
        public var added: Int64, addedCents: Int64, skipped: Int64, skippedCents: Int64, replaced: Int64, replacedCents: Int64
        /// The imports this one replaced, comma-separated (empty: none).
        public var replacedImports: String
    }
    public var importId: Int64, kind: String?, sourceFile: String?, sha256: String?, startedAt: String, finishedAt: String
    public var rowsRead: Int64, rowsImported: Int64, rowsRejected: Int64
    public var controlReadCents: Int64?, controlStoredCents: Int64?, controlFileTotalCents: Int64?
    public var mappingFile: String?, mappingSha256: String?, engineVersion: String?
    public var history: History?
    /// Replaced by a later import: no longer in the store.
    public var gone: Bool

    public init(row r: Row) throws {
        importId = r["import_id"]; kind = r["kind"]; sourceFile = r["source_file"]; sha256 = r["sha256"]
        startedAt = r["started_at"]; finishedAt = r["finished_at"]
        rowsRead = r["rows_read"]; rowsImported = r["rows_imported"]; rowsRejected = r["rows_rejected"]
        controlReadCents = r["control_read_cents"]; controlStoredCents = r["control_stored_cents"]
        controlFileTotalCents = r["control_file_total_cents"]
        mappingFile = r["mapping_file"]; mappingSha256 = r["mapping_sha256"]; engineVersion = r["engine_version"]
        gone = (r["gone"] as Int) == 1
        if let mode: String = r["h_mode"] {
            history = History(source: r["h_source"], mode: mode, period: r["h_period"], added: r["added"], addedCents: r["added_cents"],
                              skipped: r["skipped"], skippedCents: r["skipped_cents"], replaced: r["replaced"],
                              replacedCents: r["replaced_cents"], replacedImports: r["replaced_imports"] ?? "")
        }
    }
}

/// One rejected row (`v_rejects`).
public struct RejectRecord: FetchableRecord, Sendable {
    public var importId: Int64?, kind: String?, sourceFile: String?, line: Int64?, column: Int64?
    public var field: String?, value: String?, reason: String?, rawRecord: String?
    /// The reason in German; nil for a row stored before the store kept it (`v7-reject-reasons-de`).
    public var reasonDE: String?

    public init(row r: Row) throws {
        importId = r["import_id"]; kind = r["kind"]; sourceFile = r["source_file"]; line = r["line"]; column = r["column"]
        field = r["field"]; value = r["value"]; reason = r["reason"]; rawRecord = r["raw_record"]; reasonDE = r["reason_de"]
    }

    /// The reason in `lang`: the German one when stored, else the English one.
    public func reason(_ lang: Language) -> String? { reason.map { RejectedRow.reason(en: $0, de: reasonDE, lang) } }
}

/// The statements of the workbook's audit trail and rejected rows sheets (`Export/StoreSections.swift`).
extension Store {
    /// Every import, by id: those in the store with their history, then those a later import replaced.
    public func importTrail() throws -> [ImportTrailRecord] {
        try read { db in
            try ImportTrailRecord.fetchAll(db, sql: """
                SELECT i.*, h.source AS h_source, h.mode AS h_mode, h.period AS h_period, h.added, h.added_cents, h.skipped, h.skipped_cents,
                       h.replaced, h.replaced_cents, h.replaced_imports, 0 AS gone
                FROM v_import i LEFT JOIN v_import_history h ON h.import_id = i.import_id
                UNION ALL
                SELECT h.import_id, h.kind, h.source_file, h.sha256, NULL, NULL, NULL, h.recorded_at, h.recorded_at, h.rows_read,
                       h.added + h.skipped, h.rows_rejected, NULL, NULL, NULL, NULL, NULL,
                       h.source, h.mode, h.period, h.added, h.added_cents, h.skipped, h.skipped_cents, h.replaced, h.replaced_cents,
                       h.replaced_imports, 1 AS gone
                FROM v_import_history h WHERE h.import_id NOT IN (SELECT import_id FROM v_import)
                ORDER BY 1
                """)
        }
    }

    /// The first `limit` rejected rows (by import and line) and how many there are in all, in one snapshot.
    public func rejects(limit: Int) throws -> (rows: [RejectRecord], count: Int) {
        try read { db in
            (try RejectRecord.fetchAll(db, sql: "SELECT * FROM v_rejects ORDER BY import_id, line LIMIT ?", arguments: [limit]),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM v_rejects") ?? 0)
        }
    }

    /// The tables and views a user may export (everything but SQLite's and GRDB's internal tables).
    public func exportableNames() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
                AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
                """)
        }
    }
}
