import Foundation

/// A committee decision on a review case, as stored in `reviewDecision.decision`.
public enum ReviewDecisionValue: String, Sendable, Codable, CaseIterable, Labelled {
    case refill = "refill"
    case noRefill = "no-refill"
    case kw = "kw"
    case automateFirst = "automate-first"
    case deferred = "defer"

    /// Its label (`labels.tsv`) is the choice in the workbook's dropdown.
    public static let labelGroup = "review_decision"

    /// Accepts a dropdown label in either language or the stored value (case and surrounding blanks ignored).
    public init?(label: String) {
        let t = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for v in ReviewDecisionValue.allCases where [v.rawValue, v.label(.de).lowercased(), v.label(.en).lowercased()].contains(t) {
            self = v; return
        }
        return nil
    }

    /// Whether the decision saves money in the budget (and so yields a `BudgetEffect`).
    public var saves: Bool { self == .noRefill || self == .kw || self == .automateFirst }
}

/// Column keys of the review list; the decisions read-back finds its columns by these titles.
public enum ReviewColumns {
    public static let list = ReportColumns.list("rank position_id org_unit title pay_grade fte check_key check_name score saving reasons", table: "review")
    public static func decision(_ lang: Language) -> ReportTable.Column {
        var column = ReportColumns.list("decision", table: "review")[0]
        column.choices = ReviewDecisionValue.allCases.map { $0.label(lang) }
        column.isInput = true
        return column
    }
    public static let comment = ReportColumns.list("comment", table: "review")[0]
    public static func all(_ lang: Language) -> [ReportTable.Column] { list + [decision(lang), comment] }
}

extension ReviewCase {
    /// The value of the check-key column: the check, with the kind where the check has several,
    /// e.g. `refill`, `leadership_span:depth`, `overhead:hr`.
    public var checkKey: String { kind == check.rawValue ? check.rawValue : "\(check.rawValue):\(kind)" }
}

extension ReviewResult {
    /// The workbook's review sheets: the ranked list with decision and comment columns, the summary by org
    /// unit, the re-fill KPI, and the further sheets (`furtherTables`: protected posts, not assessed,
    /// leadership by department, re-fills by department).
    ///
    /// The list's key columns (`position_id`, `check_key`, `saving`) let `ReviewDecisions.read` verify a
    /// filled-in workbook against the engine. The as-of date is the first note line (`Stichtag: yyyy-mm-dd`).
    public func reportTables(lang: Language = .de) -> [ReportTable] {
        [listTable(lang: lang), summaryTable(lang: lang), kpiTable(lang: lang)] + furtherTables(lang: lang)
    }

    public func listTable(lang: Language = .de) -> ReportTable {
        var rows: [[ReportTable.Cell]] = []
        rows.reserveCapacity(cases.count)
        for (i, c) in cases.enumerated() {
            rows.append([
                .integer(Int64(i + 1)), c.positionId.map { .text($0) } ?? .empty, .text(c.orgUnitId),
                .text(c.title), .text(c.payGrade), c.positionId == nil ? .empty : .decimal(Decimal(sign: .plus, exponent: -4, significand: Decimal(c.fte.units))),
                .text(c.checkKey), .text(registry.name(c.check, lang)), .integer(Int64(c.score)),
                c.annualSaving.map { .money($0) } ?? .empty, .text(c.reason(lang)), .empty, .empty,
            ])
        }
        let choices = ReviewDecisionValue.allCases.map { "\($0.label(lang)) = \($0.rawValue)" }.joined(separator: ", ")
        var notes: [String] = lang == .de ? [
            "Stichtag: \(asOf.iso)",
            "Regeln: \(rulesOrigin). Sortiert nach Punktwert, dann Einsparung. Einsparung = jährliche Personalkosten (Entgelt bzw. Besoldung + Arbeitgeberanteile, bei Beamten Versorgungs- und Beihilfezuschläge) × VZÄ.",
            "Entscheidung wählen (\(choices)); Spalten Stelle, Prüfschlüssel und Einsparung nicht ändern: sie werden beim Einlesen geprüft.",
            "Die Liste nennt einzelne Stellen und ist für die nichtöffentliche Beratung bestimmt.",
        ] : [
            "As of: \(asOf.iso)",
            "Rules: \(rulesOrigin). Sorted by score, then saving. Saving = annual pay cost (pay or salary + employer on-costs; for civil servants pension and aid allowances) × FTE.",
            "Choose a decision (\(choices)); do not change the columns Position, Check key and Annual saving: they are verified on read-back.",
            "The list names single positions and is meant for closed session.",
        ]
        if !costSources.isEmpty {
            notes.append((lang == .de ? "Personalkosten-Tabellen: " : "Pay-cost tables: ") + costSources.joined(separator: "; "))
        }
        return ReportTable(key: "review", de: "Stellenprüfung", en: "Position review", columns: ReviewColumns.all(lang), rows: rows, notes: notes)
    }

    public func summaryTable(lang: Language = .de) -> ReportTable {
        let cols = ReportColumns.list("org_unit name cases+ positions+ fte+ potential_saving+", table: "review_summary")
        let rows: [[ReportTable.Cell]] = summary.map {
            [.text($0.orgUnitId), .text($0.name), .integer(Int64($0.cases)), .integer(Int64($0.positions)),
             .decimal($0.fte.decimal), .money($0.potentialSaving)]
        }
        let notes = lang == .de ? [
            "Stichtag: \(asOf.iso)",
            "Je Organisationseinheit aggregiert: Fälle aller Prüfungen; Stellen und VZÄ jeder geprüften Stelle einmal; Einsparung je Stelle einmal (der größte Betrag ihrer Fälle), daher keine Doppelzählung.",
            "Stellenübersichten in Ratsvorlagen dürfen keine Gruppen unter 3 Personen zeigen; diese Übersicht enthält nur Summen je Organisationseinheit, keine Personenmerkmale. Einheiten mit weniger als 3 geprüften Stellen vor Veröffentlichung zusammenfassen.",
        ] : [
            "As of: \(asOf.iso)",
            "Aggregated by org unit: cases of all checks; positions and FTE of each flagged position once; saving per position once (the largest of its cases), so nothing is counted twice.",
            "Staffing tables in council reports must not show groups of fewer than 3 persons; this summary holds only totals per org unit, no personal attributes. Combine units with fewer than 3 flagged positions before publishing.",
        ]
        return ReportTable(key: "review_summary", de: "Stellenprüfung Übersicht", en: "Position review summary", columns: cols, rows: rows, notes: notes)
    }

    public func kpiTable(lang: Language = .de) -> ReportTable {
        let cols = ReportColumns.list("source count share", table: "review_kpi")
        let n = Decimal(kpi.knownCount)
        func share(_ c: Int) -> ReportTable.Cell { n == 0 ? .empty : .percent(Decimal(c) / n) }
        let de = lang == .de
        var rows: [[ReportTable.Cell]] = [
            [.text(de ? "intern" : "internal"), .integer(Int64(kpi.internalCount)), share(kpi.internalCount)],
            [.text(de ? "extern" : "external"), .integer(Int64(kpi.externalCount)), share(kpi.externalCount)],
            [.text(de ? "Quereinstieg" : "lateral entrants"), .integer(Int64(kpi.lateralCount)), share(kpi.lateralCount)],
            [.text(de ? "extern oder Quereinstieg" : "external or lateral"), .integer(Int64(kpi.externalCount + kpi.lateralCount)),
             kpi.externalOrLateralShare.map { .percent($0) } ?? .empty],
        ]
        rows.append([.text(de ? "ohne Angabe (nicht im Anteil)" : "not recorded (not in the share)"), .integer(Int64(kpi.unknownCount)), .empty])
        return ReportTable(key: "review_kpi", de: "Wiederbesetzungen nach Herkunft", en: "Re-fills by source", columns: cols, rows: rows,
                           notes: [de ? "Besetzte Vakanzen bis zum Stichtag \(asOf.iso) mit angegebener Herkunft." : "Filled vacancies up to \(asOf.iso) with a recorded source."])
    }
}
