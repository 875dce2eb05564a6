import Foundation

/// Leadership span: leaders with too few or too many direct reports, departments with a deep line of
/// command or a leadership share above the city's target, and small sibling units that could merge.
///
/// Departments: `ReviewDepartments` (an org unit below the Verwaltungsvorstand or a Dezernat, with its
/// sub-units). Scores: span too small 50 + 50 × (T − s) / T (s = FTE of direct reports); span too large
/// 50 + 50 × (s − T) / T; depth 50 + 50 × (d − T) / T (d = levels of the department's longest line of
/// command); leadership share 50 + 50 × (p − T) / T; merge 40. All capped to 0…100. No saving (the saving
/// follows from the decision).
public struct LeadershipSpanCheck: ReviewCheck {
    public static let id = ReviewCheckID.leadershipSpan

    public struct Parameters: ReviewCheckParameters, Decodable {
        /// Fewer FTE-weighted direct reports than this flags a leader.
        public var minDirectReportsFTE: Decimal
        /// More FTE-weighted direct reports than this flags a leader (span too large).
        public var maxDirectReportsFTE: Decimal
        /// A department whose longest line of command has more levels than this is flagged (level 1 = the
        /// department's head).
        public var maxDepartmentDepth: Int
        /// Departments whose leadership FTE share is above this target are flagged.
        public var maxLeadershipShare: Decimal
        /// Sibling units below this many FTE are "small" (merge candidates).
        public var smallUnitFTE: Decimal
    }

    public init() {}
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        let r = ctx.rules[Self.self]
        let positions = ctx.input.positions
        var cases: [ReviewCase] = []
        let (reports, reportCount) = ReviewDepartments.reportUnits(positions)
        let t = r.minDirectReportsFTE, big = r.maxDirectReportsFTE
        for p in positions where p.isLeadership {
            let s = Decimal(reports[p.positionId] ?? 0) / Decimal(FTE.scale)
            let n = reportCount[p.positionId] ?? 0
            func spanCase(_ kind: String, score: Int, de: String, en: String) -> ReviewCase {
                let sDE = ReviewText.decimal(s, places: 4, .de), sEN = ReviewText.decimal(s, places: 4, .en)
                return ReviewCase(check: .leadershipSpan, kind: kind, positionId: p.positionId, orgUnitId: p.orgUnitId, score: score,
                           annualSaving: nil, reasonDE: "Leitungsstelle mit \(n) direkt unterstellten Stellen (\(sDE) VZÄ), \(de)",
                           reasonEN: "Leadership position with \(n) direct reports (\(sEN) FTE), \(en)", fte: p.fte, payGrade: p.payGrade, title: p.title)
            }
            if s < t {
                cases.append(spanCase("span", score: reviewScore(50 + 50 * (t - s) / t),
                    de: "weniger als die Mindestspanne von \(ReviewText.decimal(t, .de)) VZÄ. Leitung bündeln oder Aufgaben zusammenlegen prüfen.",
                    en: "fewer than the minimum span of \(ReviewText.decimal(t, .en)) FTE. Consider pooling leadership or merging tasks."))
            } else if s > big {
                cases.append(spanCase("span_large", score: reviewScore(50 + 50 * (s - big) / big),
                    de: "mehr als die Höchstspanne von \(ReviewText.decimal(big, .de)) VZÄ: Führung, Beurteilung und Mitarbeitergespräche sind so nicht zu leisten. Teams mit eigener Leitung (ohne zusätzliche Ebene darüber) oder Vertretungsregel prüfen.",
                    en: "more than the maximum span of \(ReviewText.decimal(big, .en)) FTE: leading, appraising and holding staff talks cannot be done at that size. Consider teams with their own lead (without an extra level above) or a deputy rule."))
            }
        }
        let (figures, diags) = ReviewDepartments.figures(ctx, reportUnits: reports)
        for f in figures {
            let unit = f.departmentId
            if f.depth > r.maxDepartmentDepth, let top = f.deepestTop, let leaf = f.deepestLeaf {
                let d = f.depth, tt = r.maxDepartmentDepth
                cases.append(ReviewCase(
                    check: .leadershipSpan, kind: "depth", positionId: nil, orgUnitId: unit,
                    score: reviewScore(50 + 50 * Decimal(d - tt) / Decimal(tt)), annualSaving: nil,
                    reasonDE: "Die längste Linie in \(ctx.unitName(unit)) hat \(d) Ebenen (von Stelle \(top) bis Stelle \(leaf)), mehr als die Höchsttiefe von \(tt) je Fachbereich. Ebenen zusammenlegen prüfen.",
                    reasonEN: "The longest line of command in \(ctx.unitName(unit)) has \(d) levels (from position \(top) down to position \(leaf)), more than the maximum of \(tt) per department. Consider removing levels."))
            }
            // A department of leaders only (its staff sit in other departments) is left to the span check.
            let tt = r.maxLeadershipShare
            guard f.fteUnits > f.leaderUnits, tt > 0, f.leadershipShare > tt else { continue }
            let share = f.leadershipShare
            let lfD = Decimal(f.leaderUnits) / Decimal(FTE.scale), totD = Decimal(f.fteUnits) / Decimal(FTE.scale)
            cases.append(ReviewCase(
                check: .leadershipSpan, kind: "leadership_share", positionId: nil, orgUnitId: unit,
                score: reviewScore(50 + 50 * (share - tt) / tt), annualSaving: nil,
                reasonDE: "In \(ctx.unitName(unit)) (mit Untereinheiten) sind \(ReviewText.decimal(lfD, places: 4, .de)) von \(ReviewText.decimal(totD, places: 4, .de)) VZÄ Leitungsstellen (\(ReviewText.percent(share, .de))), mehr als der Zielwert der Stadt von \(ReviewText.percent(tt, .de)).",
                reasonEN: "In \(ctx.unitName(unit)) (with its sub-units), \(ReviewText.decimal(lfD, places: 4, .en)) of \(ReviewText.decimal(totD, places: 4, .en)) FTE are leadership positions (\(ReviewText.percent(share, .en))), more than the city's target of \(ReviewText.percent(tt, .en))."))
        }
        // Small sibling units (same parent, same category) that could merge.
        var small: [String: [ReviewOrgUnit]] = [:]
        let limit = Int64(truncating: NSDecimalNumber(decimal: r.smallUnitFTE * Decimal(FTE.scale)))
        for u in ctx.input.orgUnits {
            guard let parent = u.parentId, (ctx.unitFTE[u.orgUnitId] ?? 0) < limit else { continue }
            small["\(parent)|\(u.category)", default: []].append(u)
        }
        for (key, units) in small where units.count >= 2 {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            let sorted = units.sorted { $0.orgUnitId < $1.orgUnitId }
            func list(_ lang: Language) -> String {
                sorted.map { "\($0.orgUnitId) \($0.name) (\(ReviewText.decimal(Decimal(ctx.unitFTE[$0.orgUnitId] ?? 0) / Decimal(FTE.scale), places: 4, lang)) \(lang == .de ? "VZÄ" : "FTE"))" }
                    .joined(separator: ", ")
            }
            cases.append(ReviewCase(
                check: .leadershipSpan, kind: "merge:\(parts[1])", positionId: nil, orgUnitId: parts[0], score: 40, annualSaving: nil,
                reasonDE: "Unter \(ctx.unitName(parts[0])) gibt es \(sorted.count) kleine Einheiten gleicher Art mit weniger als \(ReviewText.decimal(r.smallUnitFTE, .de)) VZÄ: \(list(.de)). Zusammenlegung prüfen.",
                reasonEN: "Below \(ctx.unitName(parts[0])) there are \(sorted.count) small units of the same kind with fewer than \(ReviewText.decimal(r.smallUnitFTE, .en)) FTE: \(list(.en)). Consider merging them."))
        }
        return (cases, diags)
    }
}

extension ReviewCheckID {
    public static let leadershipSpan = ReviewCheckID("leadership_span")
}
