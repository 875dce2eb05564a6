import Foundation
import GRDB

/// Where the rows of an input file come from: a CSV file or a worksheet.
public protocol RowSource: AnyObject {
    var path: String { get }
    var dialectDescription: String { get }
    var byteCount: Int { get }
    /// The next record (fields as UTF-8 in the record's arena); false at the end.
    func next(_ rec: inout CSVRecord) throws -> Bool
    /// SHA-256 of the whole file's bytes.
    func sha256() throws -> String
    var progress: Double { get }
    /// Raw text of a record, for diagnostics (the fuzzer); a rejected row keeps only the mapped fields (`RowParser.mappedRecord`).
    func rawText(_ rec: CSVRecord) -> String
    /// Cells carry their column (a worksheet): a record's width says nothing about misplaced fields.
    var positionalCells: Bool { get }
}

extension CSVReader: RowSource {
    public var dialectDescription: String { "CSV, " + dialect.description }
    public var byteCount: Int { fileSize }
    public var positionalCells: Bool { false }
}

/// Options of one import.
public struct ImportOptions: Sendable {
    public var onError: OnError = .abort
    /// Import again a file whose content was already imported, in place of the earlier import (the
    /// same as `mode = .replace`).
    public var replace = false
    /// How the import relates to what the store holds (`append`, `replace-period`, `replace`).
    public var mode: ImportMode = .append
    /// The period a `replace-period` import covers.
    public var period: ImportPeriod?
    /// Which system and ledger the file comes from; nil: the mapping's `source:`, else the kind's name.
    public var source: String?
    /// Remove all earlier imports of this kind first (a new position plan replaces the old one).
    public var replaceKind = false
    /// Accept a file without data rows.
    public var allowEmpty = false
    /// Where to write the rejected rows as CSV (nil: don't write).
    public var rejectsDirectory: String? = "Reports/out"
    /// The language of the rejects file's reasons (the CLI and the main job pass `--lang`, default German).
    public var language: Language = .en
    public var progress: (@Sendable (Double) -> Void)?
    public init() {}
}

/// Imports one file of one kind into the store: validates every row, stores the good ones, keeps
/// the bad ones as rejects with file, line, column and reason, reconciles control totals, and does
/// all of it in one transaction (a killed import leaves the store as it was).
///
/// A replacement (`replace`, `replaceKind`) is part of the same transaction: the earlier import's rows are
/// taken out first, so that the new rows are validated against the store without them, and if the new
/// import is not complete (a rejected row) or fails, the transaction rolls back and the earlier import
/// stays as it was.
///
///     let summary = try Importer(store: store).run(kind: .ledger, path: "ledger.csv", mapping: nil, options: .init())
///     print(summary.text(.de))
public final class Importer {
    let store: Store
    public init(store: Store) { self.store = store }

    /// Rejected rows kept in the summary for messages; all of them go to the rejects file and table.
    static let rejectsInSummary = 20

    public func run(kind: ImportKind, path: String, mapping givenMapping: Mapping?, options: ImportOptions) throws -> ImportSummary {
        do {
            return try runImport(kind: kind, path: path, mapping: givenMapping, options: options)
        } catch let error as DatabaseError {
            throw StoreFailure.describe(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)", input: path, store: store.path)
        } catch let error as PruefstandError {
            if case .other(let text) = error, let code = StoreFailure.sqliteCode(in: text.en) {
                throw StoreFailure.describe(code: code, message: text.en, input: path, store: store.path)
            }
            throw error
        }
    }

    private func runImport(kind: ImportKind, path: String, mapping givenMapping: Mapping?, options: ImportOptions) throws -> ImportSummary {
        let started = Date()
        if let m = givenMapping, m.kind != kind {
            throw PruefstandError.config(path: m.sourcePath ?? "mapping", line: nil, key: "kind",
                                         message: "the mapping is for kind \(m.kind.rawValue), not \(kind.rawValue)")
        }
        let mapping = givenMapping ?? Mapping(kind: kind)
        let load = try Importer.loadMode(kind: kind, mapping: mapping, options: options, path: path)
        let source = try ImportSource.open(path: path, mapping: givenMapping)
        var summary = ImportSummary(kind: kind, file: path)
        summary.dialect = source.dialectDescription
        summary.convertedSha256 = (source as? ConvertedSource)?.workbook.sha256
        summary.bytes = source.byteCount
        summary.mappingFile = givenMapping?.sourcePath
        summary.source = load.source
        summary.mode = options.mode

        var rec = CSVRecord()
        rec.arena.reserveCapacity(4096)
        // 1. Header.
        let layout = try findHeader(source: source, mapping: mapping, record: &rec, summary: &summary)
        summary.headerLine = layout.headerLine
        let numberStyle = mapping.numbers ?? layout.defaultNumberStyle
        let parser = RowParser(kind: kind, mapping: mapping, layout: layout, numbers: numberStyle, path: path)
        try parser.checkFixedValues()
        // A replacement of the same content must know it before any row is checked against the store.
        let knownSHA = load.replacing ? try source.sha256() : nil

        let rejectsFile = options.rejectsDirectory.map { RejectsWriter(directory: $0, kind: kind, input: path, language: options.language) }
        defer { rejectsFile?.discard() }
        var incompleteReplacement: (replaced: [Int64], rejected: Int, read: Int)?
        let result: ImportSummary = try store.writer.writeWithoutTransaction { db -> ImportSummary in
            var summary = summary
            try db.inTransaction(.immediate) {
                let now = ISO8601DateFormatter().string(from: started)
                // 2. What this import replaces goes first, inside the transaction: the new rows are checked
                // against the store without it, and a rollback brings it back.
                var replaced: [Int64] = []
                if options.replaceKind {
                    replaced += try ImportRunSQL.ids(db, kind: kind)
                }
                if let sha = knownSHA {
                    replaced += try ImportRunSQL.ids(db, kind: kind, sha256: sha)
                }
                replaced = Array(Set(replaced)).sorted()
                var effect = ImportEffect()
                for id in replaced { try Importer.remove(db, importId: id, kind: kind, effect: &effect) }
                if let sha = knownSHA, !replaced.isEmpty {
                    let ids = replaced.map(String.init).joined(separator: ", ")
                    summary.warn(Phrase(de: "Import \(ids) mit demselben Inhalt ersetzt", en: "replaced import \(ids) of the same content"))
                }
                try db.execute(sql: ImportRunSQL.begin, arguments: [kind.rawValue, path, "pending-\(UUID().uuidString)", source.byteCount, mapping.sourcePath, mapping.sha256,
                                     now, now, options.onError.rawValue, Engine.version, load.source, options.mode.rawValue, options.period?.description])
                let importId = db.lastInsertedRowID
                summary.importId = importId
                let sink = try makeSink(kind: kind, db: db, importId: importId, byteCount: source.byteCount, scheme: mapping.scheme,
                                        codeScheme: mapping.schemeNamed ? mapping.scheme.name : nil, normalizeText: mapping.normalizeText)

                var importedCents: Int64 = 0
                let hasAmounts = kind.amountField != nil
                // With --on-error abort any reject rolls the import back: the rejects table is not written.
                let keepRejects = options.onError == .quarantine
                let insertReject = try RawStatement(db, sql: ImportRunSQL.insertReject)
                func reject(_ r: RejectedRow) throws {
                    summary.rowsRejected += 1
                    if summary.rejects.count < Importer.rejectsInSummary { summary.rejects.append(r) }
                    try rejectsFile?.append(r)
                    guard keepRejects else { return }
                    // Text bound with its length: a NUL inside a raw record must not cut it short.
                    func text(_ i: Int32, _ s: String?) {
                        guard var s else { insertReject.bindNull(i); return }
                        s.withUTF8 { insertReject.bind(i, bytes: $0) }
                    }
                    insertReject.bind(1, importId); insertReject.bind(2, r.line)
                    if let c = r.column { insertReject.bind(3, c) } else { insertReject.bindNull(3) }
                    text(4, r.field); text(5, r.value); text(6, r.reason); text(7, r.rawRecord); text(8, r.reasonDE)
                    try insertReject.step()
                }
                let pump = try RowPump(source: source, parser: parser, mapping: mapping, path: path, progress: options.progress)
                try Importer.installInvariants(on: pump, mapping: mapping, layout: layout, parser: parser, path: path)
                var content = ContentHasher(kind: kind)
                if let ledger = sink as? LedgerSink {
                    // Ledger postings cannot fail at insert time: parsing and validating run on one core
                    // while this thread writes the batches into SQLite on the other.
                    let result = try LedgerPipeline.run(pump: pump, sink: ledger, writeback: WALWriteback(db), onReject: reject)
                    summary.rowsImported += result.rowsImported
                    summary.recordsStored += result.rowsImported
                    importedCents += result.importedCents
                } else {
                    try pump.run(onRows: { rows, rec in
                        var rowCents: Int64 = 0
                        for r in rows { rowCents += r.cents }
                        if let problem = try sink.insert(rows, record: rec, raw: { parser.mappedRecord(rec) }) {
                            try reject(parser.rejected(problem, rec))
                            if let key = parser.keyText(rec) { sink.noteRejected(key: key, line: rec.line) }
                        } else {
                            importedCents += rowCents
                            content.add(rows)
                            summary.rowsImported += 1
                            summary.recordsStored += rows.count
                        }
                    }, onReject: { r, rec in
                        try reject(r)
                        if let key = parser.keyText(rec) { sink.noteRejected(key: key, line: rec.line) }
                    })
                }
                let readCents = pump.readCents
                summary.rowsRead = pump.rowsRead
                summary.fileTotalCents = pump.fileTotalCents
                summary.fileTotalLine = pump.fileTotalLine
                if !mapping.subtotals.isEmpty { summary.subtotalFileCents = pump.subtotalFileCents }
                for (k, v) in pump.skipped { summary.skipped[k, default: 0] += v }
                Importer.recordInvariants(of: pump, into: &summary)
                options.progress?(1.0)
                // 3. Checks that need all rows (supervisors, references, duplicates).
                for late in try sink.finish(db: db, path: path, rawText: { _ in nil }) {
                    summary.rowsImported -= 1
                    summary.recordsStored -= late.records
                    importedCents -= late.cents
                    try reject(late.row)
                }
                summary.duplicates = try sink.duplicates(db: db)
                sink.warnings.forEach { summary.warn($0) }

                summary.sha256 = try knownSHA ?? source.sha256()
                let ledgerSink = sink as? LedgerSink
                summary.contentSha256 = ledgerSink.map { $0.tally.content.finalize() } ?? content.finalize()
                if summary.rowsRead == 0 && !options.allowEmpty {
                    // Rows the mapping left out are not "no rows": say how many and why.
                    let leftOut = summary.skipped.filter { $0.key != "blank" && $0.key != "preamble" && $0.value > 0 }
                        .sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                    throw PruefstandError.input(path: path, line: layout.headerLine, message: leftOut.isEmpty
                        ? "no data rows after the header (use --allow-empty to import an empty list)"
                        : "no data rows left to import: every row after the header was left out (\(leftOut.joined(separator: ", "))); check the mapping's filters and total_row, or use --allow-empty to import an empty list")
                }
                // 4. Idempotency: the same content again (the same bytes, or the same rows re-saved) is refused
                // unless --replace, which takes the earlier import out.
                let sameContent = summary.rowsImported > 0 ? summary.contentSha256 : "-"
                if load.replacing {
                    let more = try ImportRunSQL.ids(db, kind: kind, contentSha256: sameContent, except: importId).filter { !replaced.contains($0) }
                    for id in more { try Importer.remove(db, importId: id, kind: kind, effect: &effect) }
                    replaced += more
                    if !more.isEmpty {
                        let ids = more.map(String.init).joined(separator: ", ")
                        summary.warn(Phrase(de: "Import \(ids) mit demselben Inhalt ersetzt (neu gespeichert)", en: "replaced import \(ids) of the same content (re-saved)"))
                    }
                }
                if let earlier = try ImportRunSQL.earlier(db, kind: kind, sha256: summary.sha256, contentSha256: sameContent, except: importId) {
                    throw PruefstandError.alreadyImported(path: path, sha256: earlier.sameBytes ? summary.sha256 : summary.contentSha256,
                                                          importId: earlier.id)
                }
                // 5. Every posting counted once: overlaps with earlier imports by the load mode.
                if let ledgerSink {
                    let identityStarted = Date()
                    defer { summary.identitySeconds = Date().timeIntervalSince(identityStarted) }
                    try Importer.applyLoadMode(db, sink: ledgerSink, load: load, options: options, mapping: mapping,
                                               hasLineColumn: layout.columns["document_line"] != nil, path: path,
                                               summary: &summary, effect: &effect)
                }
                // 6. Control totals, the stored sum read back from the store, independent of the importer's own
                // count (the ledger's by the tail's one scan of its postings, `LedgerSink.finish`).
                if hasAmounts {
                    summary.controlReadCents = readCents
                    summary.controlReadFileCents = pump.readFileCents
                    summary.signRules = mapping.signRulesDescription
                    summary.controlImportedCents = importedCents
                    let stored = try sink.storedCents(db: db) ?? 0
                    summary.controlStoredCents = stored
                    guard stored == importedCents - effect.skippedCents else {
                        throw PruefstandError.reconciliation(path: path, message: "imported rows sum to \(Money(cents: importedCents).germanString)"
                            + (effect.skipped > 0 ? ", less \(Money(cents: effect.skippedCents).germanString) already in the store," : "")
                            + " but the store holds \(Money(cents: stored).germanString)")
                    }
                    effect.addedCents = stored
                    if let total = summary.fileTotalCents, total != pump.readFileCents {
                        let msg = "the file's total row says \(Money(cents: total).germanString), the rows read sum to \(Money(cents: pump.readFileCents).germanString)"
                        if summary.rowsRejected == 0 {
                            throw PruefstandError.reconciliation(path: path, message: Phrase(
                                de: "die Summenzeile der Datei nennt \(Money(cents: total).germanString), die gelesenen Zeilen ergeben \(Money(cents: pump.readFileCents).germanString)",
                                en: msg))
                        }
                        summary.warn(Phrase(de: "die Summenzeile der Datei nennt \(NumberText.euros(Money(cents: total), .de)), die gelesenen Zeilen ergeben "
                                                       + "\(NumberText.euros(Money(cents: pump.readFileCents), .de)) (einige Zeilen wurden verworfen)",
                                                   en: msg + " (some rows were rejected)"))
                    }
                }
                summary.seconds = Date().timeIntervalSince(started)
                try db.execute(sql: ImportRunSQL.finish, arguments: [summary.sha256, ISO8601DateFormatter().string(from: Date()), summary.rowsRead, summary.rowsImported,
                                     summary.rowsRejected, summary.controlReadCents, summary.controlStoredCents, summary.fileTotalCents,
                                     summary.contentSha256, summary.period ?? options.period?.description, importId])
                effect.added = summary.recordsStored - effect.skipped
                effect.replacedImports = replaced
                summary.effect = effect
                try ImportHistory.record(db, summary: summary, importId: importId, source: load.source, mode: options.mode,
                                         period: summary.period, effect: effect)
                guard summary.balanced else {
                    throw PruefstandError.other("\(path): internal error: rows read \(summary.rowsRead) ≠ imported \(summary.rowsImported) + rejected \(summary.rowsRejected); nothing was imported")
                }
                if summary.rowsRejected > 0 && options.onError == .abort {
                    summary.status = "aborted"
                    summary.importId = nil
                    return .rollback
                }
                if summary.rowsRejected > 0 && !replaced.isEmpty {
                    // A replacement must be complete: the earlier import stays.
                    incompleteReplacement = (replaced, summary.rowsRejected, summary.rowsRead)
                    summary.status = "aborted"
                    summary.importId = nil
                    return .rollback
                }
                return .commit
            }
            return summary
        }
        summary = result
        summary.droppedPersonalColumns = layout.personalColumns
        summary.ignoredColumns = layout.ignoredColumns
        summary.rejectsFile = try rejectsFile?.finish(importId: summary.importId)
        if let refused = incompleteReplacement {
            throw PruefstandError.input(path: path, line: nil, message:
                "\(refused.rejected) of \(refused.read) rows were rejected, so this import does not replace import \(refused.replaced.map(String.init).joined(separator: ", ")): "
                + "a replacement must be complete; nothing was changed"
                + (summary.rejectsFile.map { ". The rejected rows are in \($0)" } ?? "")
                + (summary.rejects.first.map { ". First: \($0.message)" } ?? ""))
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}
