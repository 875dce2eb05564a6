import Foundation
import GRDB

/// The load mode of an import, checked before the file is read.
struct LoadPlan {
    var source: String
    /// An earlier import of the same content is taken out (`--mode replace`, `--replace`).
    var replacing: Bool
}

extension Importer {
    /// Checks mode, period and source against the kind; names the source (the option, the mapping's
    /// `source:`, else the kind's name).
    static func loadMode(kind: ImportKind, mapping: Mapping, options: ImportOptions, path: String) throws -> LoadPlan {
        if options.mode == .replacePeriod {
            guard kind == .ledger else {
                throw PruefstandError.input(path: path, line: nil, message: Phrase(
                    de: "--mode replace-period ersetzt die Buchungen eines Zeitraums; für \(kind.rawValue) --mode replace oder --replace-kind verwenden",
                    en: "--mode replace-period replaces ledger postings of a period; for \(kind.rawValue) use --mode replace or --replace-kind"))
            }
            guard options.period != nil else {
                throw PruefstandError.input(path: path, line: nil, message: Phrase(
                    de: "--mode replace-period braucht den Zeitraum, den die Datei abdeckt: --period 2025-03 (oder 2025, 2025-01..2025-03, span)",
                    en: "--mode replace-period needs the period the file covers: --period 2025-03 (or 2025, 2025-01..2025-03, span)"))
            }
        } else if let p = options.period {
            throw PruefstandError.input(path: path, line: nil, message: Phrase(
                de: "ein Zeitraum (\(p)) ist angegeben, aber der Modus ist \(options.mode.rawValue): ein Zeitraum gehört zu --mode replace-period",
                en: "a period (\(p)) is declared, but the mode is \(options.mode.rawValue): a period belongs to --mode replace-period"))
        }
        let source = options.source ?? mapping.source ?? kind.rawValue
        guard ImportSourceName.isValid(source) else { throw PruefstandError.input(path: path, line: nil, message: Phrase(
            de: "Quelle \"\(Phrase.quoted(source))\": ", en: "source \"\(Phrase.quoted(source))\": ") + ImportSourceName.rule) }
        return LoadPlan(source: source, replacing: options.replace || options.mode == .replace)
    }

    /// Takes an earlier import out as a whole (its rows go with it), counting what it held.
    static func remove(_ db: Database, importId: Int64, kind: ImportKind, effect: inout ImportEffect) throws {
        let held = try ImportHistory.held(db, importId: importId, kind: kind)
        effect.replaced += held.count
        effect.replacedCents += held.cents
        try db.execute(sql: ImportRunSQL.delete, arguments: [importId])
    }

    /// Ledger postings against the store: identities set, the period replaced (`replace-period`), and
    /// postings already stored skipped when identical or refused when changed.
    static func applyLoadMode(_ db: Database, sink: LedgerSink, load: LoadPlan, options: ImportOptions, mapping: Mapping,
                              hasLineColumn: Bool, path: String, summary: inout ImportSummary, effect: inout ImportEffect) throws {
        // Postings of this import leave only as skipped ones (identical to stored ones, or kept of the period):
        // then the sum the duplicates' scan read is no longer the store's, and the control total is read again.
        let skippedBefore = effect.skipped
        defer { if effect.skipped != skippedBefore { sink.postingsRemovedSinceScan() } }
        var identity = PostingIdentity(db: db, importId: sink.importId, idsAbove: sink.idsAbove, source: load.source)
        identity.compareDocument = mapping.identity.map { $0.contains("document_id") } ?? true
        let documents = sink.tally.minDocument.flatMap { lo in
            sink.tally.maxDocument.map { (String(decoding: lo, as: UTF8.self), String(decoding: $0, as: UTF8.self)) }
        }
        let keys = try identity.assign(declared: mapping.identity, hasLineColumn: hasLineColumn,
                                       repeatedDocuments: summary.duplicates.map(\.value), documentRange: documents)
        try db.execute(sql: ImportRunSQL.identity, arguments: [keys?.min, keys?.max, sink.idsAbove + 1, sink.importId])
        if options.mode == .replacePeriod, let period = options.period {
            let r = try identity.replacePeriod(period, path: path)
            summary.period = r.period
            effect.replaced += r.removed; effect.replacedCents += r.removedCents
            effect.skipped += r.kept; effect.skippedCents += r.keptCents
            summary.replacement = .init(period: r.period, removed: r.removed, removedCents: r.removedCents, kept: r.kept, keptCents: r.keptCents)
        }
        let appended = try identity.skipIdentical(keys: keys, path: path)
        effect.skipped += appended.skipped
        effect.skippedCents += appended.skippedCents
        effect.skippedExamples += appended.skippedExamples
    }
}
