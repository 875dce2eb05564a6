import Foundation

/// Grade outlier: a position graded above the grade the tariff gives its job (`GradeNorm`, rules file
/// `checks.grade_outlier.norms`, each with its source). A function without a norm is not assessed, and the
/// check says so once per function; no unit median or peer grade stands in for a missing norm. Elected
/// offices are skipped (their grade is set by law for the office).
///
/// "Above" means paid more: the cost table decides where both grades are in it; otherwise the rank within
/// one pay system (ranks of different systems are not comparable: S 17 is paid less than EG 12, and such a
/// pair without costs is reported as not assessed).
///
/// Saving = (annual cost of the grade − annual cost of the norm grade) × FTE, half away from zero to the
/// cent. Score = 50 + 2 × (rank − norm rank) with `PayGrade.rank` (one level = 10, a/b/c = 1–3) within one
/// pay system, 60 across systems; capped at 100.
public struct GradeOutlierCheck: ReviewCheck {
    public static let id = ReviewCheckID.gradeOutlier

    public struct Parameters: ReviewCheckParameters {
        /// The grade the tariff gives each function (no norm: the function is not assessed), from `norms`.
        public var norms: [GradeNorm]
        public init(norms: [GradeNorm]) { self.norms = norms }
        /// The norms from the rules file (none: every function is listed as not assessed).
        public init(_ s: ReviewRulesSection) throws {
            norms = try s.node("norms").map { try s.parser.gradeNorms($0, in: s.context) } ?? []
        }
    }

    public init() {}
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        // Norms by function (the rules' order kept): a norm naming the unit wins over one for all units.
        var byFunction: [String: [GradeNorm]] = [:]
        for n in ctx.rules[Self.self].norms { byFunction[n.function, default: []].append(n) }
        var noNorm: [String: Int] = [:], incomparable: [String: Int] = [:]
        for (i, p) in ctx.input.positions.enumerated() {
            let f = ReviewText.trimmed(p.function)
            guard !f.isEmpty else { continue }
            if let prot = ctx.protection(i), prot.kind == .elected { continue }
            guard let list = byFunction[f], let norm = ReviewRules.mostSpecific(list, orgUnit: p.orgUnitId) else { noNorm[f, default: 0] += 1; continue }
            guard let g = ctx.payGrade(p.payGrade), let n = ctx.payGrade(norm.grade) else { continue }
            let a = ctx.payCost(grade: g.code), b = ctx.payCost(grade: n.code)
            if let a, let b {
                guard a.annualCost > b.annualCost else { continue }
            } else if g.system == n.system {
                guard g.rank > n.rank else { continue }
            } else {
                incomparable[f + " (\(g.code) / \(n.code))", default: 0] += 1
                continue
            }
            var saving: Money?
            if let a, let b { saving = ReviewMath.share(p.fte, of: a.annualCost - b.annualCost) } else { diags.append(missingCost(p)) }
            let approxDE = norm.approximated ? "; Norm angenähert" : "", approxEN = norm.approximated ? "; norm approximated" : ""
            let sDE = saving.map { " Eingruppierung nach \(n.code) spart jährlich \(ReviewText.money($0, .de)) (Kostendifferenz je Vollzeitstelle × \(ReviewText.fte(p.fte, .de)) VZÄ)." } ?? ""
            let sEN = saving.map { " Grading it \(n.code) saves \(ReviewText.money($0, .en)) a year (cost difference per full-time position × \(ReviewText.fte(p.fte, .en)) FTE)." } ?? ""
            cases.append(ReviewCase(
                check: .gradeOutlier, kind: "grade_outlier", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: g.system == n.system ? min(100, 50 + 2 * (g.rank - n.rank)) : 60, annualSaving: saving,
                reasonDE: "Die Funktion „\(f)“ ist hier mit \(g.code) bewertet, über der tariflichen Norm \(n.code) (Quelle: \(norm.source)\(approxDE)). Stellenbewertung prüfen.\(sDE)",
                reasonEN: "The function \"\(f)\" is graded \(g.code) here, above its tariff norm \(n.code) (source: \(norm.source)\(approxEN)). Check the job evaluation.\(sEN)",
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        for (f, n) in noNorm {
            diags.append(ReviewDiagnostic(positionId: nil,
                messageDE: "Funktion „\(f)“: \(n) Stellen ohne tarifliche Eingruppierungsnorm in den Regeln; Eingruppierung nicht geprüft.",
                messageEN: "function \"\(f)\": \(n) positions without a tariff grade norm in the rules; grading not assessed.",
                check: .gradeOutlier, positions: n))
        }
        for (f, n) in incomparable {
            diags.append(ReviewDiagnostic(positionId: nil,
                messageDE: "Funktion „\(f)“: \(n) Stellen in einem anderen Besoldungs-/Entgeltsystem als die Norm, ohne Personalkosten zum Vergleich; nicht geprüft.",
                messageEN: "function \"\(f)\": \(n) positions in another pay system than the norm and no pay costs to compare; not assessed.",
                check: .gradeOutlier, positions: n))
        }
        return (cases, diags)
    }
}

extension ReviewCheckID {
    public static let gradeOutlier = ReviewCheckID("grade_outlier")
}
