import Foundation

/// One check of the position review. Checks are independent: each reads the shared context and
/// returns its cases, so a test can run one check alone.
public protocol ReviewCheck: Sendable {
    var id: ReviewCheckID { get }
    func run(_ context: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic])
}

extension ReviewCheckID {
    /// The check implementation for this id.
    public var check: any ReviewCheck {
        switch self {
        case .refill: return RefillCheck()
        case .leadershipSpan: return LeadershipSpanCheck()
        case .automation: return AutomationCheck()
        case .longVacancy: return LongVacancyCheck()
        case .gradeOutlier: return GradeOutlierCheck()
        case .overhead: return OverheadCheck()
        }
    }
}

func missingCost(_ p: ReviewPosition) -> ReviewDiagnostic {
    ReviewDiagnostic(positionId: p.positionId,
                     messageDE: "Stelle \(p.positionId): keine Personalkosten für \(p.payGrade) in der Kostentabelle; Einsparung nicht berechnet",
                     messageEN: "position \(p.positionId): no pay cost for \(p.payGrade) in the cost table; saving not computed")
}
