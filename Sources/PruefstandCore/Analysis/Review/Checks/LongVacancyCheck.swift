import Foundation

/// Long vacancy: a position vacant for at least the threshold in whole months is a candidate for a
/// kw-Vermerk (künftig wegfallend: the position lapses when it is next vacated, here: now).
///
/// Protected posts (`ProtectedPost`) are never candidates (the re-fill check lists them with the reason).
///
/// Saving = annual cost of the position. Score = 50 + 50 × (m − T) / T, capped at 100.
public struct LongVacancyCheck: ReviewCheck {
    public static let id = ReviewCheckID.longVacancy

    public struct Parameters: ReviewCheckParameters, Decodable {
        /// Vacant for at least this many full months.
        public var minMonths: Int
    }

    public init() {}
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        let t = ctx.rules[Self.self].minMonths
        for (i, p) in ctx.input.positions.enumerated() where p.isVacant && ctx.protection(i) == nil {
            guard let since = p.vacantSince else { continue }
            let m = since.months(until: ctx.asOf)
            guard m >= t else { continue }
            let pc = ctx.payCost(grade: p.payGrade)
            if pc == nil { diags.append(missingCost(p)) }
            let saving = pc.map { ReviewMath.share(p.fte, of: $0.annualCost) }
            let costDE = pc.map { row in " Ein kw-Vermerk spart jährlich \(ReviewText.money(saving!, .de)) (\(ctx.costExplanation(p, row, .de)))." } ?? ""
            let costEN = pc.map { row in " A kw note saves \(ReviewText.money(saving!, .en)) a year (\(ctx.costExplanation(p, row, .en)))." } ?? ""
            cases.append(ReviewCase(
                check: .longVacancy, kind: "long_vacancy", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: ReviewMath.score(Int64(50 * m), Int64(t)), annualSaving: saving,
                reasonDE: "Die Stelle ist seit \(since.german) unbesetzt (\(m) Monate, Schwelle \(t)); die Aufgaben werden offenbar anders erledigt. Kandidat für einen kw-Vermerk (künftig wegfallend).\(costDE)",
                reasonEN: "The position has been vacant since \(since.iso) (\(m) months, threshold \(t)); its tasks are evidently done otherwise. Candidate for a kw note (künftig wegfallend, to lapse).\(costEN)",
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        return (cases, diags)
    }
}

extension ReviewCheckID {
    public static let longVacancy = ReviewCheckID("long_vacancy")
}
