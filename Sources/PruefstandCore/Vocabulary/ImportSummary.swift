import Foundation

/// What to do with bad rows: `abort` (the default) writes nothing if any row is bad; `quarantine` imports the
/// good rows and keeps the bad ones in the rejects table and a CSV file.
public enum OnError: String, NamedChoice {
    case abort, quarantine

    public var help: String {
        switch self {
        case .abort: "nothing is written if any row is bad"
        case .quarantine: "import good rows, keep bad ones as rejects"
        }
    }
}

/// A row that was not imported, with where and why.
public struct RejectedRow: Sendable, Codable, Hashable {
    public var file: String
    public var line: Int
    /// 1-based source column, when one column is to blame.
    public var column: Int?
    public var field: String?
    public var value: String?
    /// Why, in English (the `reason` column of `rejectedRow`, unchanged since the first store version).
    public var reason: String
    public var rawRecord: String
    /// Why, in German (`reasonDE`, issue 16); nil for a row stored before the stores kept it.
    public var reasonDE: String? = nil

    /// The reason in `lang`: German when there is one, else the English one.
    public func reason(_ lang: Language) -> String { Self.reason(en: reason, de: reasonDE, lang) }

    /// A stored reason in `lang`: the German one where there is one (rows stored before `v7-reject-reasons-de` have none).
    public static func reason(en: String, de: String?, _ lang: Language) -> String { lang == .de ? de ?? en : en }

    /// What stands in `rawRecord` for a personal column's value (RowParser+Privacy.swift): stored in English, the
    /// one marker a mapped record holds, and shown in the output's language (`rawRecord(_:)`).
    public static let personalMarker = Phrase(de: "(personenbezogene Daten, nicht gespeichert)", en: "(personal data, not kept)")

    /// The mapped fields in `lang`: the personal-data marker in the language, the values as read.
    public func rawRecord(_ lang: Language) -> String { Self.rawRecord(rawRecord, lang) }

    /// `record` (a stored raw record) with the personal-data marker in `lang`.
    public static func rawRecord(_ record: String, _ lang: Language) -> String {
        lang == .de ? record.replacingOccurrences(of: personalMarker.en, with: personalMarker.de) : record
    }

    /// `file:line:column: reason [field F, value "V"]` (the reason as the parser wrote it).
    public var message: String { message(.en) }

    /// The same in `lang`: the reason and the frame's words `[Feld F, Wert "V"]`.
    public func message(_ lang: Language) -> String {
        var loc = "\(file):\(line)"
        if let column { loc += ":\(column)" }
        var s = "\(loc): \(reason(lang))"
        if let field {
            s += (lang == .de ? " [Feld \(field)" : " [field \(field)")
                + (value.map { (lang == .de ? ", Wert" : ", value") + " \"\($0.prefix(60))\"" } ?? "") + "]"
        }
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
    /// Warnings in English (as in the JSON summary before issue 16) and, at the same index, in German: only
    /// `warn(_:)` adds them, to both at once; `warnings(_:)` reads them in a language.
    public private(set) var warnings: [String] = []
    public private(set) var warningsDE: [String] = []
    public var rejects: [RejectedRow] = []
    public var rejectsFile: String?
    /// committed, aborted (bad rows with --on-error abort), or skipped (already imported).
    public var status: String = "committed"
    public var seconds: Double = 0

    public var balanced: Bool { rowsRead == rowsImported + rowsRejected }

    /// Adds a warning in both languages.
    public mutating func warn(_ text: Phrase) { warnings.append(text.en); warningsDE.append(text.de) }

    /// The warnings in `lang` (a warning without its German text in English).
    public func warnings(_ lang: Language) -> [String] {
        lang == .de ? warnings.indices.map { $0 < warningsDE.count ? warningsDE[$0] : warnings[$0] } : warnings
    }

    /// A human-readable report of the import, in `lang` throughout: the sentences, the amounts and counts in the
    /// language's form (`NumberText`): German `1.234,56 €`, `12.000 Zeilen`; English `EUR 1,234.56`, `12,000 rows`.
    /// Reject reasons and warnings are in `lang` too (built in both languages, issue 16); what the file said is
    /// quoted as it was written.
    public func text(_ lang: Language) -> String {
        let de = lang == .de
        func eur(_ c: Int64?) -> String { c.map { NumberText.euros(Money(cents: $0), lang) } ?? "–" }
        func n(_ i: Int) -> String { NumberText.count(i, lang) }
        func t(_ german: String, _ english: String) -> String { de ? german : english }
        var l: [String] = []
        let aborted = status == "aborted"
        // A refused import says why in its first line, and no line of it counts records as stored.
        l.append(aborted
            ? t("NICHT importiert: \(kind.rawValue) aus \(file): \(n(rowsRejected)) von \(n(rowsRead)) Zeilen verworfen (--on-error abort); nichts gespeichert",
                "NOT imported \(kind.rawValue) from \(file): \(n(rowsRejected)) of \(n(rowsRead)) rows rejected (--on-error abort); nothing stored")
            : status == "committed"
                ? t("Importiert: \(kind.rawValue) aus \(file)\(importId.map { " als Import \($0)" } ?? "")", "Imported \(kind.rawValue) from \(file)\(importId.map { " as import \($0)" } ?? "")")
                : t("Übersprungen: \(kind.rawValue) aus \(file)\(importId.map { " als Import \($0)" } ?? "")", "Skipped \(kind.rawValue) from \(file)\(importId.map { " as import \($0)" } ?? "")"))
        l.append("  SHA-256 \(sha256), \(n(bytes)) \(t("Bytes", "bytes")), \(de ? Self.germanDialect(dialect) : dialect)\(mappingFile.map { t(", Mapping \($0)", ", mapping \($0)") } ?? ""), "
                 + t("Kopfzeile in Zeile \(headerLine)", "header at line \(headerLine)"))
        l.append(aborted
            ? t("  Zeilen gelesen \(n(rowsRead)) = gut \(n(rowsImported)) + verworfen \(n(rowsRejected))", "  rows read \(n(rowsRead)) = good \(n(rowsImported)) + rejected \(n(rowsRejected))")
            : t("  Zeilen gelesen \(n(rowsRead)) = importiert \(n(rowsImported)) + verworfen \(n(rowsRejected))", "  rows read \(n(rowsRead)) = imported \(n(rowsImported)) + rejected \(n(rowsRejected))")
              + (recordsStored != rowsImported ? t(" (Datensätze gespeichert: \(n(recordsStored)))", " (records stored: \(n(recordsStored)))") : ""))
        if !skipped.isEmpty {
            l.append(t("  Zeilen übersprungen (keine Daten): ", "  lines skipped (not data): ")
                     + skipped.sorted { $0.key < $1.key }.map { "\(de ? Self.skipReasonDE[$0.key] ?? $0.key : $0.key) \(n($0.value))" }.joined(separator: ", "))
        }
        if controlReadCents != nil {
            l.append(aborted
                ? t("  Kontrollsummen: gelesen \(eur(controlReadCents)), gute Zeilen \(eur(controlImportedCents)) (zurückgerollt)",
                    "  control totals: read \(eur(controlReadCents)), good rows \(eur(controlImportedCents)) (rolled back)")
                : t("  Kontrollsummen: gelesen \(eur(controlReadCents)), importiert \(eur(controlImportedCents)), im Store \(eur(controlStoredCents))",
                    "  control totals: read \(eur(controlReadCents)), imported \(eur(controlImportedCents)), in store \(eur(controlStoredCents))"))
        }
        if let file = controlReadFileCents, let read = controlReadCents, file != read || signRules != nil {
            l.append(t("  wie die Datei sie schreibt (vor den Vorzeichenregeln\(signRules.map { " \($0)" } ?? "")): gelesen \(eur(file)), danach \(eur(read))",
                       "  as the file writes them (before the sign rules\(signRules.map { " \($0)" } ?? "")): read \(eur(file)), after them \(eur(read))"))
        }
        if let sub = subtotalFileCents, let c = skipped["subtotal row"] {
            l.append(t("  Zwischensummenzeilen: \(n(c)), ihre Beträge \(eur(sub)) (nicht importiert)", "  subtotal rows: \(n(c)), their amounts \(eur(sub)) (not imported)"))
        }
        if let total = fileTotalCents {
            let read = controlReadFileCents ?? controlReadCents ?? 0
            l.append(t("  Summenzeile der Datei (Zeile \(fileTotalLine ?? 0)): \(eur(total)) — ", "  file total row (line \(fileTotalLine ?? 0)): \(eur(total)) — ")
                     + (total == read ? t("stimmt mit den gelesenen Zeilen überein", "matches the rows read")
                                      : t("WEICHT um \(eur(read - total)) von den gelesenen Zeilen AB", "DIFFERS from the rows read by \(eur(read - total))")))
        }
        if status == "committed" && kind == .ledger {
            let p = period.map { " \($0)" } ?? ""
            l.append(t("  Quelle \(source), Modus \(mode.rawValue)\(p): hinzugefügt \(n(effect.added)) (\(eur(effect.addedCents))), "
                       + "schon gespeichert und übersprungen \(n(effect.skipped)) (\(eur(effect.skippedCents))), ersetzt \(n(effect.replaced)) (\(eur(effect.replacedCents)))",
                       "  source \(source), mode \(mode.rawValue)\(p): added \(n(effect.added)) (\(eur(effect.addedCents))), "
                       + "already in the store and skipped \(n(effect.skipped)) (\(eur(effect.skippedCents))), replaced \(n(effect.replaced)) (\(eur(effect.replacedCents)))"))
            if !effect.skippedExamples.isEmpty && mode == .append {
                let more = effect.skipped - effect.skippedExamples.count
                l.append(t("  übersprungen (gleich, von einem früheren Import gespeichert): ", "  skipped (identical, stored by an earlier import): ")
                         + effect.skippedExamples.joined(separator: ", ") + (more > 0 ? t(", … \(n(more)) weitere", ", … \(n(more)) more") : ""))
            }
            if let r = replacement {
                l.append(t("  Periode \(r.period) abgeglichen: vorher entfernt \(n(r.removed)) (\(eur(r.removedCents))) + behalten \(n(r.kept)) (\(eur(r.keptCents))); "
                           + "jetzt behalten \(n(r.kept)) + hinzugefügt \(n(effect.added)) (\(eur(effect.addedCents))) = die \(n(r.kept + effect.added)) Buchungen der Datei (\(eur(r.keptCents + effect.addedCents)))",
                           "  period \(r.period) reconciled: before removed \(n(r.removed)) (\(eur(r.removedCents))) + kept \(n(r.kept)) (\(eur(r.keptCents))); "
                           + "now kept \(n(r.kept)) + added \(n(effect.added)) (\(eur(effect.addedCents))) = the file's \(n(r.kept + effect.added)) postings (\(eur(r.keptCents + effect.addedCents)))"))
            }
        }
        if let c = invariantsChecked {
            let exact = c - invariantsWithinTolerance - invariantFindings.count
            l.append(t("  Zeilenregeln (invariants): \(n(c)) Werte geprüft, \(n(exact)) exakt, \(n(invariantsWithinTolerance)) innerhalb der Toleranz, \(n(invariantFindings.count)) verletzt",
                       "  row rules (invariants): \(n(c)) values checked, \(n(exact)) exact, \(n(invariantsWithinTolerance)) within the tolerance, \(n(invariantFindings.count)) violated"))
            for f in invariantFindings { l.append(t("  BEFUND ", "  FINDING ") + f.message(lang)) }
        }
        if let c = columnRulesChecked {
            let violated = columnRuleViolations - columnRulesUnreadable
            let exact = c - columnRulesWithinTolerance - violated
            l.append(t("  Spaltenregeln (invariants.columns): \(n(c)) Werte geprüft, \(n(exact)) exakt, \(n(columnRulesWithinTolerance)) innerhalb der Toleranz, "
                       + "\(n(violated)) verletzt; \(n(columnRulesUnreadable)) nicht geprüft (eine Zelle ist kein Betrag)",
                       "  column rules (invariants.columns): \(n(c)) values checked, \(n(exact)) exact, \(n(columnRulesWithinTolerance)) within the tolerance, "
                       + "\(n(violated)) violated; \(n(columnRulesUnreadable)) not checked (a cell not an amount)"))
            for f in columnFindings { l.append(t("  BEFUND ", "  FINDING ") + f.message(lang)) }
            if columnRuleViolations > columnFindings.count {
                let more = columnRuleViolations - columnFindings.count
                l.append(t("  … \(n(more)) weitere Befunde der Spaltenregeln (die ersten \(n(columnFindings.count)) stehen oben)",
                           "  … \(n(more)) more column-rule findings (the first \(n(columnFindings.count)) are listed)"))
            }
        }
        if !droppedPersonalColumns.isEmpty { l.append(t("  personenbezogene Daten nicht gespeichert: Spalten ", "  personal data not stored: columns ") + droppedPersonalColumns.joined(separator: ", ")) }
        if !ignoredColumns.isEmpty { l.append(t("  nicht verwendete Spalten: ", "  columns not used: ") + ignoredColumns.joined(separator: ", ")) }
        for d in duplicates.prefix(10) {
            let lines = d.lines.prefix(5).map(String.init).joined(separator: ", ")
            l.append(t("  doppelter Schlüssel \(d.field) \"\(d.value)\" ×\(n(d.count)) (Zeilen \(lines))", "  duplicate \(d.field) \"\(d.value)\" ×\(n(d.count)) (lines \(lines))"))
        }
        if duplicates.count > 10 { l.append(t("  … \(n(duplicates.count - 10)) weitere doppelte Schlüssel", "  … \(n(duplicates.count - 10)) more duplicate keys")) }
        for w in warnings(lang) { l.append(t("  Warnung: ", "  warning: ") + w) }
        for r in rejects.prefix(20) { l.append(t("  verworfen ", "  rejected ") + r.message(lang)) }
        if rowsRejected > 20 { l.append(t("  … \(n(rowsRejected - 20)) weitere verworfene Zeilen", "  … \(n(rowsRejected - 20)) more rejected rows")) }
        if let f = rejectsFile { l.append(t("  verworfene Zeilen geschrieben nach \(f)", "  rejected rows written to \(f)")) }
        return l.joined(separator: "\n")
    }

    /// The dialect as the readers describe it (stored in English in `importRun`) in German words.
    static func germanDialect(_ d: String) -> String {
        [("delimiter ", "Trennzeichen "), ("Excel workbook", "Excel-Arbeitsmappe"), (", first sheet", ", erstes Blatt"), (", sheet ", ", Blatt "),
         (" workbook converted by LibreOffice to .xlsx", "-Arbeitsmappe, von LibreOffice in .xlsx umgewandelt"), ("JSON code tree", "JSON-Codebaum"),
         (" entries", " Einträge"), (", header named by the mapping", ", Kopfzeile vom Mapping benannt"), (", codes by level column", ", Codes nach Ebenenspalten")]
            .reduce(d) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// The German names of the reasons a line is not data (the keys of `skipped`, which stay English in JSON).
    static let skipReasonDE = ["blank": "leer", "preamble": "Vorspann", "total row": "Summenzeile", "subtotal row": "Zwischensummenzeile",
                               "filtered by mapping": "vom Mapping ausgefiltert", "footer after total row": "Fußzeilen nach der Summenzeile"]
}
