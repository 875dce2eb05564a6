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
        return ReportTable(table: "review_protected", lang: lang, rows: rows)
    }

    /// What a check could not assess and why.
    public func notAssessedTable(lang: Language = .de) -> ReportTable {
        let rows: [[ReportTable.Cell]] = notAssessed.map { [.text(registry.name($0.check!, lang)), .integer(Int64($0.positions)), .text($0.message(lang))] }
        return ReportTable(table: "review_not_assessed", lang: lang, rows: rows)
    }

    /// Leadership figures per department: FTE, leadership share against the target, depth, largest span.
    public func departmentsTable(lang: Language = .de) -> ReportTable {
        let rows: [[ReportTable.Cell]] = departments.map { f in
            [.text(f.departmentId), .text(f.name), .integer(Int64(f.positions)), .decimal(FTE(units: f.fteUnits).decimal),
             .decimal(FTE(units: f.leaderUnits).decimal), .percent(Self.rounded(f.leadershipShare)), .integer(Int64(f.depth)),
             .text([f.deepestTop, f.deepestLeaf].compactMap { $0 }.joined(separator: " → ")),
             .decimal(FTE(units: f.largestSpanUnits).decimal), f.largestSpanLeader.map { .text($0) } ?? .empty]
        }
        return ReportTable(table: "review_departments", lang: lang, rows: rows)
    }

    /// Re-fills by department, year and source, with the share of external applicants and lateral entrants.
    public func refillSourcesTable(lang: Language = .de) -> ReportTable {
        let rows: [[ReportTable.Cell]] = refillSources.map { r in
            [.text(r.departmentId), .text(r.name), .text(String(r.year)), .integer(Int64(r.filled)), .integer(Int64(r.internalCount)),
             .integer(Int64(r.externalCount)), .integer(Int64(r.lateralCount)), .integer(Int64(r.unknownCount)),
             r.externalOrLateralShare.map { .percent(Self.rounded($0)) } ?? .empty]
        }
        return ReportTable(table: "review_refill_sources", lang: lang, values: ["as_of": asOf.iso], rows: rows)
    }

    /// A share rounded half away from zero to four places (0.1 % in the sheet), so that CSV and JSON carry no
    /// 38-digit quotients.
    static func rounded(_ d: Decimal) -> Decimal {
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, 4, .plain)
        return r
    }
}
