import Foundation

/// Automation potential: KldB 2010 occupation → share of tasks that software could already do (IAB
/// substitutability potentials); above the threshold the position is flagged "check automation".
///
/// Protected posts (elected, statutory, third-party financed: `ProtectedPost`) are never candidates. Positions
/// without a KldB code are not assessed; the check says so once per function (a "not assessed" line).
///
/// Score = share × 100. No saving (the saving follows from an "automate first" decision).
public struct AutomationCheck: ReviewCheck {
    public init() {}
    public var id: ReviewCheckID { .automation }
    static let levelDE = [1: "Helfer", 2: "Fachkraft", 3: "Spezialist", 4: "Experte"]
    static let levelEN = [1: "helper", 2: "skilled worker", 3: "specialist", 4: "expert"]
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        var cases: [ReviewCase] = []
        let t = ctx.rules.automationThreshold
        // The reason depends only on the KldB code: render it once per code.
        var lookup: [String: (score: Int, de: String, en: String)?] = [:]
        let src = ctx.rules.automationSource.isEmpty ? "IAB" : ctx.rules.automationSource
        var missing: [String: Int] = [:]
        for (i, p) in ctx.input.positions.enumerated() {
            if ctx.protection(i) != nil { continue }
            guard let k = p.kldb, !k.isEmpty else { missing[ReviewText.trimmed(p.function).isEmpty ? p.title : ReviewText.trimmed(p.function), default: 0] += 1; continue }
            if lookup[k] == nil {
                if let e = ctx.rules.automationShare(kldb: k), e.share > t {
                    let approxDE = e.approximated ? "; Wert angenähert" : "", approxEN = e.approximated ? "; approximated value" : ""
                    let levelDigit = k.count >= 5 ? Int(String(Array(k)[4])) : nil
                    let lvlDE = levelDigit.flatMap { Self.levelDE[$0] }.map { ", Anforderungsniveau \($0)" } ?? ""
                    let lvlEN = levelDigit.flatMap { Self.levelEN[$0] }.map { ", requirement level \($0)" } ?? ""
                    let tasksDE = e.tasks.isEmpty ? "" : " (Tätigkeiten: \(e.tasks))", tasksEN = e.tasks.isEmpty ? "" : " (tasks: \(e.tasks))"
                    lookup[k] = .some((reviewScore(e.share * 100),
                        "Beruf KldB \(k) (\(e.name)\(lvlDE)): \(ReviewText.percent(e.share, .de)) der Tätigkeiten\(tasksDE) könnten schon heute von Software erledigt werden (Schwelle \(ReviewText.percent(t, .de)); Quelle: \(src)\(approxDE)). Vor einer Wiederbesetzung Automatisierung prüfen.",
                        "Occupation KldB \(k) (\(e.name)\(lvlEN)): \(ReviewText.percent(e.share, .en)) of the tasks\(tasksEN) could already be done by software (threshold \(ReviewText.percent(t, .en)); source: \(src)\(approxEN)). Check automation before re-filling."))
                } else {
                    lookup[k] = .some(nil)
                }
            }
            guard let r = lookup[k]! else { continue }
            cases.append(ReviewCase(
                check: .automation, kind: "automation", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: r.score, annualSaving: nil, reasonDE: r.de, reasonEN: r.en,
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        let gaps = missing.map { f, n in
            ReviewDiagnostic(positionId: nil,
                             messageDE: "Funktion „\(f)“: \(n) Stellen ohne KldB-Code; Automatisierungspotenzial nicht bewertet (Berufskennziffer im Stellenplan nachtragen).",
                             messageEN: "function \"\(f)\": \(n) positions without a KldB code; automation potential not assessed (add the occupation code to the position plan).",
                             check: .automation, positions: n)
        }
        return (cases, gaps)
    }
}
