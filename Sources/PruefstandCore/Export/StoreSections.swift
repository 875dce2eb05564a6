import Foundation
import GRDB

/// The audit trail sheet: every import (file, SHA-256, rows read / imported / rejected, control totals,
/// engine version, run time) and every parameter file the run used, with its SHA-256.
///
/// The control difference (read − stored) is a workbook formula and is highlighted when not zero. The
/// import history (issue 20) adds what each import did: source, load mode and period, postings added,
/// skipped as already stored and replaced, with their totals; an import that a later one replaced stays
/// listed from the history, so the sheet shows how a month's actuals came to be.
public struct AuditTrailSection: ReportSectionProvider {
    public var store: Store
    public var parameterFiles: [ParameterFileHash]
    /// When the run that writes the report started; the sheet states the run time up to now.
    public var runStartedAt: Date
    public var now: () -> Date = Date.init

    public init(store: Store, parameterFiles: [ParameterFileHash] = [], runStartedAt: Date = Date()) {
        self.store = store; self.parameterFiles = parameterFiles; self.runStartedAt = runStartedAt
    }

    public func tables(lang: Language) throws -> [ReportTable] {
        let de = lang == .de
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: """
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
        let columns: [ReportTable.Column] = [
            .init("import_id", de: "Import", en: "Import", kind: .integer),
            .init("kind", de: "Art", en: "Kind", kind: .text),
            .init("source_file", de: "Datei", en: "File", kind: .text),
            .init("sha256", de: "SHA-256", en: "SHA-256", kind: .text),
            .init("started_at", de: "Beginn", en: "Started", kind: .text),
            .init("run_seconds", de: "Laufzeit (s)", en: "Run time (s)", kind: .decimal),
            .init("rows_read", de: "Zeilen gelesen", en: "Rows read", kind: .integer, total: true),
            .init("rows_imported", de: "Zeilen importiert", en: "Rows imported", kind: .integer, total: true),
            .init("rows_rejected", de: "Zeilen abgewiesen", en: "Rows rejected", kind: .integer, total: true),
            .init("control_read", de: "Kontrollsumme gelesen", en: "Control total read", kind: .money),
            .init("control_stored", de: "Kontrollsumme gespeichert", en: "Control total stored", kind: .money),
            .init("control_difference", de: "Differenz gelesen − gespeichert", en: "Difference read − stored", kind: .money),
            .init("control_file_total", de: "Summenzeile der Datei", en: "File's own total", kind: .money),
            .init("mapping_file", de: "Zuordnungsdatei", en: "Mapping file", kind: .text),
            .init("mapping_sha256", de: "SHA-256 Zuordnung", en: "Mapping SHA-256", kind: .text),
            .init("engine_version", de: "Engine-Version", en: "Engine version", kind: .text),
            .init("source", de: "Quelle", en: "Source", kind: .text),
            .init("load_mode", de: "Lademodus", en: "Load mode", kind: .text),
            .init("added", de: "Hinzugefügt", en: "Added", kind: .integer),
            .init("added_total", de: "Summe hinzugefügt", en: "Added total", kind: .money),
            .init("skipped", de: "Schon vorhanden (übersprungen)", en: "Already stored (skipped)", kind: .integer),
            .init("skipped_total", de: "Summe übersprungen", en: "Skipped total", kind: .money),
            .init("replaced", de: "Ersetzt", en: "Replaced", kind: .integer),
            .init("replaced_total", de: "Summe ersetzt", en: "Replaced total", kind: .money),
            .init("history_note", de: "Verlauf", en: "History", kind: .text),
        ]
        var table = ReportTable(key: "audit_trail", de: "Prüfpfad", en: "Audit trail", columns: columns)
        table.columns[11].flag = .notZero
        func money(_ v: Int64?) -> ReportTable.Cell { v.map { .money(Money(cents: $0)) } ?? .empty }
        func text(_ v: String?) -> ReportTable.Cell { v.map { .text($0) } ?? .empty }
        for r in rows {
            let read: Int64? = r["control_read_cents"]
            let stored: Int64? = r["control_stored_cents"]
            let difference: ReportTable.Cell = (read != nil && stored != nil)
                ? .formula("{col:control_read}{r}-{col:control_stored}{r}", cached: .money(Money(cents: read! - stored!)))
                : .empty
            let started: String = r["started_at"]
            let finished: String = r["finished_at"]
            table.rows.append([
                .integer(r["import_id"]), text(r["kind"]), text(r["source_file"]), text(r["sha256"]), .text(started),
                Self.seconds(from: started, to: finished).map { .decimal($0) } ?? .empty,
                .integer(r["rows_read"]), .integer(r["rows_imported"]), .integer(r["rows_rejected"]),
                money(read), money(stored), difference, money(r["control_file_total_cents"]),
                text(r["mapping_file"]), text(r["mapping_sha256"]), text(r["engine_version"]),
            ] + Self.historyCells(r, de: de))
        }
        for file in parameterFiles {
            var row = [ReportTable.Cell](repeating: .empty, count: columns.count)
            row[1] = .text(de ? "Parameterdatei" : "parameter file")
            row[2] = .text(file.path)
            row[3] = .text(file.sha256)
            row[15] = .text(Engine.version)
            table.rows.append(row)
        }
        let finishedAt = now()
        let runSeconds = max(0, finishedAt.timeIntervalSince(runStartedAt))
        let stamp = ISO8601DateFormatter().string(from: finishedAt)
        let runText = String(format: "%.1f", runSeconds)
        table.notes = de ? [
            "Bericht erstellt am \(stamp) mit Pruefstand \(Engine.version); Laufzeit des Berichtslaufs \(runText.replacingOccurrences(of: ".", with: ",")) s.",
            "Kontrollsummen: Summe der Beträge beim Lesen der Datei und nach dem Speichern; die Differenz muss 0 sein (rot markiert, wenn nicht).",
            "SHA-256 identifiziert den Inhalt jeder Datei; dieselbe Datei ergibt denselben Wert.",
        ] : [
            "Report written at \(stamp) by Pruefstand \(Engine.version); run time \(runText) s.",
            "Control totals: sum of amounts as read from the file and as stored; the difference must be 0 (red when not).",
            "SHA-256 identifies each file's content; the same file gives the same value.",
        ]
        return [table]
    }

    /// The history columns of one import (empty for an import stored before the history was kept).
    static func historyCells(_ r: Row, de: Bool) -> [ReportTable.Cell] {
        guard let mode: String = r["h_mode"] else { return Array(repeating: .empty, count: 9) }
        let period: String? = r["h_period"]
        var notes: [String] = []
        let replacedImports: String = r["replaced_imports"] ?? ""
        if !replacedImports.isEmpty { notes.append(de ? "ersetzt Import \(replacedImports)" : "replaces import \(replacedImports)") }
        if (r["gone"] as Int) == 1 { notes.append(de ? "später ersetzt (nicht mehr im Bestand)" : "replaced later (no longer in the store)") }
        func money(_ k: String) -> ReportTable.Cell { .money(Money(cents: r[k] as Int64)) }
        return [.text(r["h_source"] as String), .text(mode + (period.map { " " + $0 } ?? "")),
                .integer(r["added"]), money("added_cents"), .integer(r["skipped"]), money("skipped_cents"),
                .integer(r["replaced"]), money("replaced_cents"), notes.isEmpty ? .empty : .text(notes.joined(separator: "; "))]
    }

    /// Seconds between two ISO 8601 timestamps, to a tenth of a second (nil if either cannot be read).
    static func seconds(from start: String, to end: String) -> Decimal? {
        func parse(_ s: String) -> Date? {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let d = f.date(from: s) { return d }
            f.formatOptions = [.withInternetDateTime]
            return f.date(from: s)
        }
        guard let a = parse(start), let b = parse(end) else { return nil }
        let tenths = (b.timeIntervalSince(a) * 10).rounded()
        return Decimal(Int(tenths)) / 10
    }
}

/// The rejected rows sheet: every input row the importer refused, with file, line, field, value and reason.
///
/// Values and raw records come from imported files; they are written as text (never as formulas) and
/// neutralised in CSV. At most `limit` rows are listed; the sheet says how to export the rest.
public struct RejectedRowsSection: ReportSectionProvider {
    public var store: Store
    public var limit: Int

    public init(store: Store, limit: Int = 10_000) { self.store = store; self.limit = limit }

    public func tables(lang: Language) throws -> [ReportTable] {
        let de = lang == .de
        let (rows, count) = try store.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM v_rejects ORDER BY import_id, line LIMIT ?", arguments: [limit]),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM v_rejects") ?? 0)
        }
        var table = ReportTable(key: "rejected_rows", de: "Abgewiesene Zeilen", en: "Rejected rows", columns: [
            .init("import_id", de: "Import", en: "Import", kind: .integer),
            .init("kind", de: "Art", en: "Kind", kind: .text),
            .init("source_file", de: "Datei", en: "File", kind: .text),
            .init("line", de: "Zeile", en: "Line", kind: .integer),
            .init("column", de: "Spalte", en: "Column", kind: .integer),
            .init("field", de: "Feld", en: "Field", kind: .text),
            .init("value", de: "Wert", en: "Value", kind: .text),
            .init("reason", de: "Grund", en: "Reason", kind: .text),
            .init("raw_record", de: "Gelesene Felder", en: "Mapped fields", kind: .text),
        ])
        func text(_ v: String?) -> ReportTable.Cell { v.map { .text($0) } ?? .empty }
        func int(_ v: Int64?) -> ReportTable.Cell { v.map { .integer($0) } ?? .empty }
        table.rows = rows.map { r in
            [int(r["import_id"]), text(r["kind"]), text(r["source_file"]), int(r["line"]), int(r["column"]),
             text(r["field"]), text(r["value"]), text(r["reason"]), text(r["raw_record"])]
        }
        table.notes = [de ? "\(count) abgewiesene Zeile(n) insgesamt." : "\(count) rejected row(s) in total."]
        if count > rows.count {
            table.notes.append(de
                ? "Gezeigt werden die ersten \(rows.count); alle: pruefstand export v_rejects --out abgewiesen.xlsx"
                : "The first \(rows.count) are shown; all of them: pruefstand export v_rejects --out rejects.xlsx")
        }
        return [table]
    }
}
