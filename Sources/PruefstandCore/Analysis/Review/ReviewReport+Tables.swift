import Foundation

extension ReviewResult {
    /// The review's further sheets: protected posts, what was not assessed, leadership by department and
    /// re-fills by department and source. Each shows what the list alone would hide.
    public func furtherTables(lang: Language = .de) -> [ReportTable] {
        [protectedTable(lang: lang), notAssessedTable(lang: lang), departmentsTable(lang: lang), refillSourcesTable(lang: lang)]
    }

    /// Posts that are no saving candidates, each with its reason and source.
    public func protectedTable(lang: Language = .de) -> ReportTable {
        let de = lang == .de
        let rows: [[ReportTable.Cell]] = protected.map { r in
            [.text(r.positionId), .text(r.orgUnitId), .text(r.title), .text(r.payGrade), .decimal(r.fte.decimal),
             .text(r.isVacant ? (de ? "ja" : "yes") : (de ? "nein" : "no")), .text(r.post.kind.label(lang)),
             .text(de ? r.post.reasonDE : r.post.reasonEN), .text(r.post.source), r.post.refundAccount.map { .text($0) } ?? .empty]
        }
        return ReportTable(key: "review_protected", de: "Geschützte Stellen", en: "Protected posts",
                           columnKeys: "position_id org_unit title pay_grade fte vacant kind reason source refund_account", rows: rows, notes: [
            de ? "Wahlämter, gesetzlich vorgeschriebene und drittfinanzierte Stellen (Regeldatei, Abschnitt protected_posts): keine Fälle für Nicht-Wiederbesetzung, Automatisierung oder kw-Vermerk. Unbesetzte oder frei werdende erscheinen in der Liste als „Kein Kandidat, weil …“."
               : "Elected, statutory and third-party financed posts (rules file, section protected_posts): no cases for non-refill, automation or a kw note. Vacant or vacating ones appear in the list as \"not a candidate, because …\".",
        ])
    }

    /// What a check could not assess and why.
    public func notAssessedTable(lang: Language = .de) -> ReportTable {
        let rows: [[ReportTable.Cell]] = notAssessed.map { [.text(registry.name($0.check!, lang)), .integer(Int64($0.positions)), .text($0.message(lang))] }
        return ReportTable(key: "review_not_assessed", de: "Nicht geprüft", en: "Not assessed",
                           columnKeys: "check positions+ what", rows: rows, notes: [
            lang == .de ? "Wo eine Prüfung keine Grundlage hat (keine Tarifnorm für die Funktion, kein KldB-Code), sagt sie es hier, statt zu schätzen."
                        : "Where a check has no basis (no tariff norm for the function, no KldB code), it says so here instead of guessing.",
        ])
    }

    /// Leadership figures per department: FTE, leadership share against the target, depth, largest span.
    public func departmentsTable(lang: Language = .de) -> ReportTable {
        let rows: [[ReportTable.Cell]] = departments.map { f in
            [.text(f.departmentId), .text(f.name), .integer(Int64(f.positions)), .decimal(FTE(units: f.fteUnits).decimal),
             .decimal(FTE(units: f.leaderUnits).decimal), .percent(Self.rounded(f.leadershipShare)), .integer(Int64(f.depth)),
             .text([f.deepestTop, f.deepestLeaf].compactMap { $0 }.joined(separator: " → ")),
             .decimal(FTE(units: f.largestSpanUnits).decimal), f.largestSpanLeader.map { .text($0) } ?? .empty]
        }
        return ReportTable(key: "review_departments", de: "Leitung nach Fachbereich", en: "Leadership by department",
                           columnKeys: "department name positions+ fte+ leader_fte+ leadership_share depth deepest largest_span largest_span_leader", rows: rows, notes: [
            lang == .de ? "Fachbereich = Organisationseinheit unter Verwaltungsvorstand oder Dezernat, mit ihren Untereinheiten. Ebenen: die längste Vorgesetztenkette im Fachbereich (1 = Leitung). Spanne: VZÄ der direkt unterstellten Stellen."
                        : "Department = org unit below the Verwaltungsvorstand or a Dezernat, with its sub-units. Levels: the longest supervisor chain inside the department (1 = its head). Span: FTE of the direct reports.",
        ])
    }

    /// Re-fills by department, year and source, with the share of external applicants and lateral entrants.
    public func refillSourcesTable(lang: Language = .de) -> ReportTable {
        let rows: [[ReportTable.Cell]] = refillSources.map { r in
            [.text(r.departmentId), .text(r.name), .text(String(r.year)), .integer(Int64(r.filled)), .integer(Int64(r.internalCount)),
             .integer(Int64(r.externalCount)), .integer(Int64(r.lateralCount)), .integer(Int64(r.unknownCount)),
             r.externalOrLateralShare.map { .percent(Self.rounded($0)) } ?? .empty]
        }
        return ReportTable(key: "review_refill_sources", de: "Wiederbesetzung je Fachbereich", en: "Re-fills by department",
                           columnKeys: "department name year filled+ internal+ external+ lateral+ not_recorded+ external_or_lateral_share", rows: rows, notes: [
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
