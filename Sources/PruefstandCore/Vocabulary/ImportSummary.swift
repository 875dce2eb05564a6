import Foundation

/// What to do with bad rows.
public enum OnError: String, Sendable, Codable, CaseIterable {
    /// Nothing is written if any row is bad (the default).
    case abort
    /// Good rows are imported; bad rows go to the rejects table and a CSV file.
    case quarantine
}

/// A row that was not imported, with where and why.
public struct RejectedRow: Sendable, Codable, Hashable {
    public var file: String
    public var line: Int
    /// 1-based source column, when one column is to blame.
    public var column: Int?
    public var field: String?
    public var value: String?
    public var reason: String
    public var rawRecord: String

    public var message: String {
        var loc = "\(file):\(line)"
        if let column { loc += ":\(column)" }
        var s = "\(loc): \(reason)"
        if let field { s += " [field \(field)" + (value.map { ", value \"\($0.prefix(60))\"" } ?? "") + "]" }
        return s
    }
}

/// A key that occurs more than once (document id, position id).
public struct DuplicateKey: Sendable, Codable, Hashable {
    public var field: String
    public var value: String
    public var count: Int
    public var lines: [Int]
}

/// What a `replace-period` import did to its period: the earlier postings removed and kept; the file's
/// postings are the kept ones and the added ones (`ImportEffect.added`).
public struct PeriodReplacement: Sendable, Codable, Equatable {
    public var period: String
    public var removed: Int
    public var removedCents: Int64
    public var kept: Int
    public var keptCents: Int64
}

/// Everything an import did, printed after each import and stored in `importRun`.
public struct ImportSummary: Sendable, Codable {
    public var importId: Int64?
    public var kind: ImportKind
    public var file: String
    public var sha256: String = ""
    /// SHA-256 of the normalised rows (`ContentHasher`): the same for a re-saved file.
    public var contentSha256: String = ""
    /// Which system and ledger the file comes from, the load mode and its period (issue 20).
    public var source: String = ""
    public var mode: ImportMode = .append
    public var period: String?
    /// What the import did to the store: added, skipped as already there, replaced.
    public var effect = ImportEffect()
    /// The reconciliation of a `replace-period` import.
    public var replacement: PeriodReplacement?
    /// Seconds spent comparing the postings with the store (identities, period, overlap), for BENCHMARKS.md.
    public var identitySeconds: Double = 0
    public var bytes: Int = 0
    public var dialect: String = ""
    /// A converted `.xls`/`.ods`: the SHA-256 of the `.xlsx` LibreOffice made of it (`sha256` is the original's).
    public var convertedSha256: String?
    public var mappingFile: String?
    public var headerLine: Int = 0
    /// Data rows after the header (not counting skipped lines): rowsRead = rowsImported + rowsRejected.
    public var rowsRead = 0
    public var rowsImported = 0
    public var rowsRejected = 0
    /// Records stored: equals rowsImported unless a wide file was unpivoted.
    public var recordsStored = 0
    /// Lines that are not data, by reason (preamble, blank, total row, footer, filtered).
    public var skipped: [String: Int] = [:]
    /// Sum of every amount that could be read (imported and rejected rows), in cents.
    public var controlReadCents: Int64?
    /// The same amounts as the file writes them (before the mapping's sign rules): what its total row adds up.
    public var controlReadFileCents: Int64?
    /// The mapping's sign rules (`invert`, `revenue_negative`, `expense_negative`), nil without any: with
    /// them the summary states the control total before and after them.
    public var signRules: String?
    /// Sum of the imported rows' amounts as computed while reading.
    public var controlImportedCents: Int64?
    /// Sum of the amounts in the store after the import (independent SQL sum).
    public var controlStoredCents: Int64?
    /// The file's own `Summe`/`Total` row, if it has one.
    public var fileTotalCents: Int64?
    public var fileTotalLine: Int?
    /// The amounts of the subtotal rows (`subtotals:`), all their values together as the file writes them:
    /// counted, never imported.
    public var subtotalFileCents: Int64?
    public var duplicates: [DuplicateKey] = []
    /// The mapping's row rules (`invariants:`): values checked, those within the tolerance, and each
    /// violation (a finding: the import stores its rows all the same).
    public var invariantsChecked: Int?
    public var invariantsWithinTolerance = 0
    public var invariantFindings: [InvariantFinding] = []
    /// The column rules (`invariants.columns`): values checked, those within the tolerance, violations (and
    /// rows where a cell was not an amount) counted, the first 1,000 kept as findings.
    public var columnRulesChecked: Int?
    public var columnRulesWithinTolerance = 0
    public var columnRuleViolations = 0
    /// Of the violations: rows where the rule could not be checked (a cell not an amount).
    public var columnRulesUnreadable = 0
    public var columnFindings: [ColumnFinding] = []
    public var droppedPersonalColumns: [String] = []
    public var ignoredColumns: [String] = []
    public var warnings: [String] = []
    public var rejects: [RejectedRow] = []
    public var rejectsFile: String?
    /// committed, aborted (bad rows with --on-error abort), or skipped (already imported).
    public var status: String = "committed"
    public var seconds: Double = 0

    public var balanced: Bool { rowsRead == rowsImported + rowsRejected }

    /// A human-readable report of the import.
    /// The amounts in the language's form (`NumberText`): German `1.234,56 €` (the default: `import` has no
    /// --lang), English `EUR 1,234.56` (a run with --lang en). The sentences are English.
    public func text(_ lang: Language = .de) -> String {
        func eur(_ c: Int64?) -> String { c.map { NumberText.euros(Money(cents: $0), lang) } ?? "–" }
        var l: [String] = []
        let aborted = status == "aborted"
        // A refused import says why in its first line, and no line of it counts records as stored.
        l.append(aborted
            ? "NOT imported \(kind.rawValue) from \(file): \(rowsRejected) of \(rowsRead) rows rejected (--on-error abort); nothing stored"
            : "\(status == "committed" ? "Imported" : "Skipped") \(kind.rawValue) from \(file)\(importId.map { " as import \($0)" } ?? "")")
        l.append("  SHA-256 \(sha256), \(bytes) bytes, \(dialect)\(mappingFile.map { ", mapping \($0)" } ?? ""), header at line \(headerLine)")
        l.append(aborted
            ? "  rows read \(rowsRead) = good \(rowsImported) + rejected \(rowsRejected)"
            : "  rows read \(rowsRead) = imported \(rowsImported) + rejected \(rowsRejected)" + (recordsStored != rowsImported ? " (records stored: \(recordsStored))" : ""))
        if !skipped.isEmpty { l.append("  lines skipped (not data): " + skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) }
        if controlReadCents != nil {
            l.append(status == "aborted"
                ? "  control totals: read \(eur(controlReadCents)), good rows \(eur(controlImportedCents)) (rolled back)"
                : "  control totals: read \(eur(controlReadCents)), imported \(eur(controlImportedCents)), in store \(eur(controlStoredCents))")
        }
        if let file = controlReadFileCents, let read = controlReadCents, file != read || signRules != nil {
            l.append("  as the file writes them (before the sign rules\(signRules.map { " \($0)" } ?? "")): read \(eur(file)), after them \(eur(read))")
        }
        if let sub = subtotalFileCents, let n = skipped["subtotal row"] {
            l.append("  subtotal rows: \(n), their amounts \(eur(sub)) (not imported)")
        }
        if let t = fileTotalCents {
            let read = controlReadFileCents ?? controlReadCents ?? 0
            l.append("  file total row (line \(fileTotalLine ?? 0)): \(eur(t)) — \(t == read ? "matches the rows read" : "DIFFERS from the rows read by \(eur(read - t))")")
        }
        if status == "committed" && kind == .ledger {
            l.append("  source \(source), mode \(mode.rawValue)\(period.map { " \($0)" } ?? ""): added \(effect.added) (\(eur(effect.addedCents))), "
                     + "already in the store and skipped \(effect.skipped) (\(eur(effect.skippedCents))), replaced \(effect.replaced) (\(eur(effect.replacedCents)))")
            if !effect.skippedExamples.isEmpty && mode == .append {
                l.append("  skipped (identical, stored by an earlier import): " + effect.skippedExamples.joined(separator: ", ")
                         + (effect.skipped > effect.skippedExamples.count ? ", … \(effect.skipped - effect.skippedExamples.count) more" : ""))
            }
            if let r = replacement {
                l.append("  period \(r.period) reconciled: before removed \(r.removed) (\(eur(r.removedCents))) + kept \(r.kept) (\(eur(r.keptCents))); "
                         + "now kept \(r.kept) + added \(effect.added) (\(eur(effect.addedCents))) = the file's \(r.kept + effect.added) postings (\(eur(r.keptCents + effect.addedCents)))")
            }
        }
        if let n = invariantsChecked {
            l.append("  row rules (invariants): \(n) values checked, \(n - invariantsWithinTolerance - invariantFindings.count) exact, "
                     + "\(invariantsWithinTolerance) within the tolerance, \(invariantFindings.count) violated")
            for f in invariantFindings { l.append("  FINDING \(f.message)") }
        }
        if let n = columnRulesChecked {
            let violated = columnRuleViolations - columnRulesUnreadable
            l.append("  column rules (invariants.columns): \(n) values checked, \(n - columnRulesWithinTolerance - violated) exact, "
                     + "\(columnRulesWithinTolerance) within the tolerance, \(violated) violated; \(columnRulesUnreadable) not checked (a cell not an amount)")
            for f in columnFindings { l.append("  FINDING \(f.message)") }
            if columnRuleViolations > columnFindings.count { l.append("  … \(columnRuleViolations - columnFindings.count) more column-rule findings (the first \(columnFindings.count) are listed)") }
        }
        if !droppedPersonalColumns.isEmpty { l.append("  personal data not stored: columns \(droppedPersonalColumns.joined(separator: ", "))") }
        if !ignoredColumns.isEmpty { l.append("  columns not used: \(ignoredColumns.joined(separator: ", "))") }
        for d in duplicates.prefix(10) {
            l.append("  duplicate \(d.field) \"\(d.value)\" ×\(d.count) (lines \(d.lines.prefix(5).map(String.init).joined(separator: ", ")))")
        }
        if duplicates.count > 10 { l.append("  … \(duplicates.count - 10) more duplicate keys") }
        for w in warnings { l.append("  warning: \(w)") }
        for r in rejects.prefix(20) { l.append("  rejected \(r.message)") }
        if rowsRejected > 20 { l.append("  … \(rowsRejected - 20) more rejected rows") }
        if let f = rejectsFile { l.append("  rejected rows written to \(f)") }
        return l.joined(separator: "\n")
    }
}
