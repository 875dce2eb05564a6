import Foundation

/// Re-fill review: every post to be re-filled goes on the bench. A case for
/// - each position with an unfilled vacancy expected within the horizon (vacancies file; the earliest per position),
/// - each position vacant now (positions file) without such a vacancy row (kind `vacant`), unless the
///   long-vacancy check is enabled and already makes it a kw case (vacant at least `min_months`), so that a
///   post is not on the bench twice with the same saving,
/// - each vacancy filled within `refilled_lookback_months` before the as-of date whose position has no
///   recorded committee decision (kind `refilled_undecided`: the review was skipped; no saving),
/// and, for a protected post (elected, statutory, third-party financed) among the first two, a line
/// "not a candidate, because …" with its source (kind `protected`: score 0, no saving).
///
/// Saving = (annual salary + employer on-costs) of the grade (latest cost-table year ≤ as-of year) × FTE,
/// half away from zero to the cent. Score = 20 + 40 × (H − m) / H, m = whole months from the as-of date to
/// the expected date (clamped to 0…H; a post vacant now has m = 0): the nearer the vacancy, the higher
/// (20–60). A re-fill without decision scores 20.
public struct RefillCheck: ReviewCheck {
    public static let id = ReviewCheckID.refill

    public struct Parameters: ReviewCheckParameters, Decodable {
        /// Vacancies expected within this many months from the as-of date.
        public var horizonMonths: Int
        /// Vacancies filled within this many months before the as-of date without a recorded committee
        /// decision become cases (the review was skipped).
        public var refilledLookbackMonths: Int
    }

    public init() {}
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        let params = ctx.rules[Self.self], h = params.horizonMonths
        let end = ctx.asOf.adding(months: h)
        var earliest: [String: ReviewVacancy] = [:]
        var refilled: [String: ReviewVacancy] = [:]
        let lookbackStart = ctx.asOf.adding(months: -params.refilledLookbackMonths)
        for v in ctx.input.vacancies {
            if let f = v.filledDate, f <= ctx.asOf {
                if f > lookbackStart, !ctx.input.decidedPositions.contains(v.positionId),
                   (refilled[v.positionId].map { $0.filledDate! < f } ?? true) { refilled[v.positionId] = v }
                continue
            }
            guard v.expectedDate <= end else { continue }
            if let have = earliest[v.positionId], have.expectedDate <= v.expectedDate { continue }
            earliest[v.positionId] = v
        }
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        for (pid, v) in earliest {
            guard let i = ctx.positionIndex[pid] else {
                diags.append(ReviewDiagnostic(positionId: pid, messageDE: "Vakanz für unbekannte Stelle \(pid)",
                                              messageEN: "vacancy for unknown position \(pid)"))
                continue
            }
            let whenDE = v.expectedDate < ctx.asOf ? "ist seit \(v.expectedDate.german) frei" : "wird voraussichtlich am \(v.expectedDate.german) frei"
            let whenEN = v.expectedDate < ctx.asOf ? "has been vacant since \(v.expectedDate.iso)" : "is expected to become vacant on \(v.expectedDate.iso)"
            let reqDE = v.refillRequested ? "Wiederbesetzung beantragt." : "Wiederbesetzung nicht beantragt."
            let reqEN = v.refillRequested ? "Re-fill requested." : "Re-fill not requested."
            let m = min(h, max(0, ctx.asOf.months(until: v.expectedDate)))
            cases.append(candidate(ctx, i, kind: "refill", months: m,
                                   whenDE: "Die Stelle \(whenDE) (\(Self.reasonDE(v.reason))). \(reqDE)",
                                   whenEN: "The position \(whenEN) (\(v.reason)). \(reqEN)", diags: &diags))
        }
        let longVacancy = ctx.rules.isEnabled(.longVacancy) ? ctx.rules[LongVacancyCheck.self].minMonths : nil
        for i in ctx.input.positions.indices where ctx.input.positions[i].isVacant {
            let p = ctx.input.positions[i]
            guard earliest[p.positionId] == nil else { continue }
            if let t = longVacancy, ctx.protection(i) == nil, let since = p.vacantSince, since.months(until: ctx.asOf) >= t { continue }
            let sinceDE = p.vacantSince.map { "ist seit \($0.german) unbesetzt" } ?? "ist laut Stellenplan unbesetzt"
            let sinceEN = p.vacantSince.map { "has been vacant since \($0.iso)" } ?? "is vacant in the position plan"
            cases.append(candidate(ctx, i, kind: "vacant", months: 0,
                                   whenDE: "Die Stelle \(sinceDE) (Stellenplan; keine offene Vakanzmeldung).",
                                   whenEN: "The position \(sinceEN) (position plan; no open vacancy record).", diags: &diags))
        }
        for (pid, v) in refilled {
            guard let i = ctx.positionIndex[pid], ctx.protection(i) == nil else { continue }
            let p = ctx.input.positions[i]
            let src = v.refillSource.map { ["internal": "intern", "external": "extern", "lateral": "Quereinstieg"][$0.rawValue]! } ?? "Herkunft nicht erfasst"
            cases.append(ReviewCase(
                check: .refill, kind: "refilled_undecided", positionId: pid, orgUnitId: p.orgUnitId, score: 20, annualSaving: nil,
                reasonDE: "Die Stelle wurde am \(v.filledDate!.german) wiederbesetzt (\(src)), ohne dass eine Entscheidung der Stellenprüfung erfasst ist. Nachträglich begründen oder Prüfung nachholen.",
                reasonEN: "The position was re-filled on \(v.filledDate!.iso) (\(v.refillSource?.rawValue ?? "source not recorded")) without a recorded review decision. Record the reason or review it afterwards.",
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        return (cases, diags)
    }

    /// A re-fill candidate with its saving, or the protected-post line.
    private func candidate(_ ctx: ReviewContext, _ i: Int, kind: String, months m: Int, whenDE: String, whenEN: String,
                           diags: inout [ReviewDiagnostic]) -> ReviewCase {
        let p = ctx.input.positions[i], h = ctx.rules[Self.self].horizonMonths
        if let prot = ctx.protection(i) {
            return ReviewCase(check: .refill, kind: "protected", positionId: p.positionId, orgUnitId: p.orgUnitId, score: 0,
                              annualSaving: nil, reasonDE: "\(whenDE) \(prot.notCandidate(.de))", reasonEN: "\(whenEN) \(prot.notCandidate(.en))",
                              fte: p.fte, payGrade: p.payGrade, title: p.title)
        }
        let score = ReviewMath.score(Int64(20 * h + 40 * (h - m)), Int64(h))
        let pc = ctx.payCost(grade: p.payGrade)
        let saving = pc.map { ReviewMath.share(p.fte, of: $0.annualCost) }
        if pc == nil { diags.append(missingCost(p)) }
        let reasonDE: String, reasonEN: String
        if let pc, let saving {
            reasonDE = "\(whenDE) Ohne Wiederbesetzung spart die Stadt jährlich \(ReviewText.money(saving, .de)) (\(ctx.costExplanation(p, pc, .de)))."
            reasonEN = "\(whenEN) Not re-filling it saves \(ReviewText.money(saving, .en)) a year (\(ctx.costExplanation(p, pc, .en)))."
        } else {
            reasonDE = "\(whenDE) Keine Personalkosten für \(p.payGrade) hinterlegt."
            reasonEN = "\(whenEN) No pay cost for \(p.payGrade) in the cost table."
        }
        return ReviewCase(check: .refill, kind: kind, positionId: p.positionId, orgUnitId: p.orgUnitId, score: score,
                          annualSaving: saving, reasonDE: reasonDE, reasonEN: reasonEN, fte: p.fte, payGrade: p.payGrade, title: p.title)
    }

    static func reasonDE(_ r: String) -> String {
        ["retirement": "Ruhestand", "resignation": "Kündigung", "transfer": "Versetzung", "new": "neue Stelle", "other": "sonstiger Grund"][r] ?? r
    }
}

extension ReviewCheckID {
    public static let refill = ReviewCheckID("refill")
}
