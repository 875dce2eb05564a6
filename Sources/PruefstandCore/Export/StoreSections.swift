import Foundation

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
        let rows = try store.importTrail()
        let finishedAt = now()
        let runText = String(format: "%.1f", max(0, finishedAt.timeIntervalSince(runStartedAt)))
        var table = ReportTable(table: "audit_trail", lang: lang, values: [
            "stamp": ISO8601DateFormatter().string(from: finishedAt), "version": Engine.version,
            "seconds": de ? runText.replacingOccurrences(of: ".", with: ",") : runText,
        ])
        func money(_ v: Int64?) -> ReportTable.Cell { v.map { .money(Money(cents: $0)) } ?? .empty }
        func text(_ v: String?) -> ReportTable.Cell { v.map { .text($0) } ?? .empty }
        for r in rows {
            let read = r.controlReadCents
            let stored = r.controlStoredCents
            let difference: ReportTable.Cell = (read != nil && stored != nil)
                ? .formula("{col:control_read}{r}-{col:control_stored}{r}", cached: .money(Money(cents: read! - stored!)))
                : .empty
            let started = r.startedAt
            let finished = r.finishedAt
            table.rows.append([
                .integer(r.importId), text(r.kind), text(r.sourceFile), text(r.sha256), .text(started),
                Self.seconds(from: started, to: finished).map { .decimal($0) } ?? .empty,
                .integer(r.rowsRead), .integer(r.rowsImported), .integer(r.rowsRejected),
                money(read), money(stored), difference, money(r.controlFileTotalCents),
                text(r.mappingFile), text(r.mappingSha256), text(r.engineVersion),
            ] + Self.historyCells(r, de: de))
        }
        for file in parameterFiles {
            var row = [ReportTable.Cell](repeating: .empty, count: table.columns.count)
            row[1] = .text(de ? "Parameterdatei" : "parameter file")
            row[2] = .text(file.path)
            row[3] = .text(file.sha256)
            row[15] = .text(Engine.version)
            table.rows.append(row)
        }
        return [table]
    }

    /// The history columns of one import (empty for an import stored before the history was kept).
    static func historyCells(_ r: ImportTrailRecord, de: Bool) -> [ReportTable.Cell] {
        guard let h = r.history else { return Array(repeating: .empty, count: 9) }
        var notes: [String] = []
        if !h.replacedImports.isEmpty { notes.append(de ? "ersetzt Import \(h.replacedImports)" : "replaces import \(h.replacedImports)") }
        if r.gone { notes.append(de ? "später ersetzt (nicht mehr im Bestand)" : "replaced later (no longer in the store)") }
        return [.text(h.source), .text(h.mode + (h.period.map { " " + $0 } ?? "")),
                .integer(h.added), .money(Money(cents: h.addedCents)), .integer(h.skipped), .money(Money(cents: h.skippedCents)),
                .integer(h.replaced), .money(Money(cents: h.replacedCents)), notes.isEmpty ? .empty : .text(notes.joined(separator: "; "))]
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
        let (rows, count) = try store.rejects(limit: limit)
        var table = ReportTable(table: "rejected_rows", lang: lang, values: ["count": String(count), "shown": String(rows.count)],
                                notes: count > rows.count ? ["first_shown"] : [])
        func text(_ v: String?) -> ReportTable.Cell { v.map { .text($0) } ?? .empty }
        func int(_ v: Int64?) -> ReportTable.Cell { v.map { .integer($0) } ?? .empty }
        table.rows = rows.map { r in
            [int(r.importId), text(r.kind), text(r.sourceFile), int(r.line), int(r.column),
             text(r.field), text(r.value), text(r.reason(lang)), text(r.rawRecord.map { RejectedRow.rawRecord($0, lang) })]
        }
        return [table]
    }
}
