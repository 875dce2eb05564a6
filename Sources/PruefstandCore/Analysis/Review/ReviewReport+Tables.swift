import Foundation

extension ReviewResult {
    /// The review's further sheets: protected posts, what was not assessed, leadership by department and
    /// re-fills by department and source. Each shows what the list alone would hide.
    public func furtherTables(lang: Language = .de) -> [ReportTable] {
        [protectedTable(lang: lang), notAssessedTable(lang: lang), departmentsTable(lang: lang), refillSourcesTable(lang: lang)]
    }

    /// Posts that are no saving candidates, each with its reason and source.
    public func protectedTable(lang: Language = .de) -> ReportTable {
        let cols: [ReportTable.Column] = [
            .init("position_id", de: "Stelle", en: "Position", kind: .text),
            .init("org_unit", de: "Organisationseinheit", en: "Org unit", kind: .text),
            .init("title", de: "Bezeichnung", en: "Title", kind: .text),
            .init("pay_grade", de: "Entgelt-/Besoldungsgruppe", en: "Pay grade", kind: .text),
            .init("fte", de: "VZÄ", en: "FTE", kind: .fte),
            .init("vacant", de: "unbesetzt", en: "vacant", kind: .text),
            .init("kind", de: "Art", en: "Kind", kind: .text),
            .init("reason", de: "Kein Kandidat, weil", en: "Not a candidate, because", kind: .text),
            .init("source", de: "Quelle", en: "Source", kind: .text),
            .init("refund_account", de: "Erstattungskonto", en: "Refund account", kind: .text),
        ]
        let de = lang == .de
        let rows: [[ReportTable.Cell]] = protected.map { r in
            [.text(r.positionId), .text(r.orgUnitId), .text(r.title), .text(r.payGrade), .decimal(r.fte.decimal),
             .text(r.isVacant ? (de ? "ja" : "yes") : (de ? "nein" : "no")), .text(r.post.kind.name(lang)),
             .text(de ? r.post.reasonDE : r.post.reasonEN), .text(r.post.source), r.post.refundAccount.map { .text($0) } ?? .empty]
        }
        return ReportTable(key: "review_protected", de: "Geschützte Stellen", en: "Protected posts", columns: cols, rows: rows, notes: [
            de ? "Wahlämter, gesetzlich vorgeschriebene und drittfinanzierte Stellen (Regeldatei, Abschnitt protected_posts): keine Fälle für Nicht-Wiederbesetzung, Automatisierung oder kw-Vermerk. Unbesetzte oder frei werdende erscheinen in der Liste als „Kein Kandidat, weil …“."
               : "Elected, statutory and third-party financed posts (rules file, section protected_posts): no cases for non-refill, automation or a kw note. Vacant or vacating ones appear in the list as \"not a candidate, because …\".",
        ])
    }

    /// What a check could not assess and why.
    public func notAssessedTable(lang: Language = .de) -> ReportTable {
        let cols: [ReportTable.Column] = [
            .init("check", de: "Prüfung", en: "Check", kind: .text),
            .init("positions", de: "Stellen", en: "Positions", kind: .integer, total: true),
            .init("what", de: "Nicht geprüft", en: "Not assessed", kind: .text),
        ]
        let rows: [[ReportTable.Cell]] = notAssessed.map { [.text(registry.name($0.check!, lang)), .integer(Int64($0.positions)), .text($0.message(lang))] }
        return ReportTable(key: "review_not_assessed", de: "Nicht geprüft", en: "Not assessed", columns: cols, rows: rows, notes: [
            lang == .de ? "Wo eine Prüfung keine Grundlage hat (keine Tarifnorm für die Funktion, kein KldB-Code), sagt sie es hier, statt zu schätzen."
                        : "Where a check has no basis (no tariff norm for the function, no KldB code), it says so here instead of guessing.",
        ])
    }

    /// Leadership figures per department: FTE, leadership share against the target, depth, largest span.
    public func departmentsTable(lang: Language = .de) -> ReportTable {
        let cols: [ReportTable.Column] = [
            .init("department", de: "Fachbereich", en: "Department", kind: .text),
            .init("name", de: "Name", en: "Name", kind: .text),
            .init("positions", de: "Stellen", en: "Positions", kind: .integer, total: true),
            .init("fte", de: "VZÄ", en: "FTE", kind: .fte, total: true),
            .init("leader_fte", de: "Leitungs-VZÄ", en: "Leadership FTE", kind: .fte, total: true),
            .init("leadership_share", de: "Leitungsanteil", en: "Leadership share", kind: .percent),
            .init("depth", de: "Ebenen (längste Linie)", en: "Levels (longest line)", kind: .integer),
            .init("deepest", de: "Längste Linie", en: "Longest line", kind: .text),
            .init("largest_span", de: "Größte Spanne (VZÄ)", en: "Largest span (FTE)", kind: .fte),
            .init("largest_span_leader", de: "Leitungsstelle", en: "Leader", kind: .text),
        ]
        let rows: [[ReportTable.Cell]] = departments.map { f in
            [.text(f.departmentId), .text(f.name), .integer(Int64(f.positions)), .decimal(FTE(units: f.fteUnits).decimal),
             .decimal(FTE(units: f.leaderUnits).decimal), .percent(Self.rounded(f.leadershipShare)), .integer(Int64(f.depth)),
             .text([f.deepestTop, f.deepestLeaf].compactMap { $0 }.joined(separator: " → ")),
             .decimal(FTE(units: f.largestSpanUnits).decimal), f.largestSpanLeader.map { .text($0) } ?? .empty]
        }
        return ReportTable(key: "review_departments", de: "Leitung nach Fachbereich", en: "Leadership by department", columns: cols, rows: rows, notes: [
            lang == .de ? "Fachbereich = Organisationseinheit unter Verwaltungsvorstand oder Dezernat, mit ihren Untereinheiten. Ebenen: die längste Vorgesetztenkette im Fachbereich (1 = Leitung). Spanne: VZÄ der direkt unterstellten Stellen."
                        : "Department = org unit below the Verwaltungsvorstand or a Dezernat, with its sub-units. Levels: the longest supervisor chain inside the department (1 = its head). Span: FTE of the direct reports.",
        ])
    }

    /// Re-fills by department, year and source, with the share of external applicants and lateral entrants.
    public func refillSourcesTable(lang: Language = .de) -> ReportTable {
        let cols: [ReportTable.Column] = [
            .init("department", de: "Fachbereich", en: "Department", kind: .text),
            .init("name", de: "Name", en: "Name", kind: .text),
            // A label (text), so that privacy suppression of a small group keeps it.
            .init("year", de: "Jahr", en: "Year", kind: .text),
            .init("filled", de: "Besetzt", en: "Filled", kind: .integer, total: true),
            .init("internal", de: "intern", en: "internal", kind: .integer, total: true),
            .init("external", de: "extern", en: "external", kind: .integer, total: true),
            .init("lateral", de: "Quereinstieg", en: "lateral entrants", kind: .integer, total: true),
            .init("not_recorded", de: "ohne Angabe", en: "not recorded", kind: .integer, total: true),
            .init("external_or_lateral_share", de: "Anteil extern oder Quereinstieg", en: "External or lateral share", kind: .percent),
        ]
        let rows: [[ReportTable.Cell]] = refillSources.map { r in
            [.text(r.departmentId), .text(r.name), .text(String(r.year)), .integer(Int64(r.filled)), .integer(Int64(r.internalCount)),
             .integer(Int64(r.externalCount)), .integer(Int64(r.lateralCount)), .integer(Int64(r.unknownCount)),
             r.externalOrLateralShare.map { .percent(Self.rounded($0)) } ?? .empty]
        }
        return ReportTable(key: "review_refill_sources", de: "Wiederbesetzung je Fachbereich", en: "Re-fills by department", columns: cols, rows: rows, notes: [
            lang == .de ? "Regel des Programms: externe Bewerber und Quereinsteiger bei gleicher Qualifikation bevorzugen. Besetzte Vakanzen bis zum Stichtag \(asOf.iso) nach Fachbereich der Stelle und Jahr der Besetzung; der Anteil zählt nur Besetzungen mit angegebener Herkunft."
                        : "The program's rule: prefer external applicants and lateral entrants at equal qualification. Vacancies filled up to \(asOf.iso) by department of the position and year filled; the share counts only re-fills with a recorded source.",
        ])
    }

    /// A share rounded half away from zero to four places (0.1 % in the sheet), so that CSV and JSON carry no
    /// 38-digit quotients.
    static func rounded(_ d: Decimal) -> Decimal {
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, 4, .plain)
        return r
    }
}
