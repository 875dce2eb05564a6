import Foundation
@testable import PruefstandCore

/// Demonstration of docs/contributing.md, "A review check" (issue 18): a check written from the recipe,
/// registered for the tests only (`ReviewCases.registry`), with its declaration (names, what it flags, its
/// saving and its parameter: `Cases/review/declarations/small-post.yaml`) and one case
/// (`Cases/review/small-post.yaml`). It is not shipped.
///
/// Small post: an occupied position below `max_fte` FTE (a small part-time post) is flagged "consider
/// pooling it with a neighbouring post". Score 30. No saving.
struct SmallPostCheck: ReviewCheck {
    static let id = ReviewCheckID.smallPost

    /// Declared with its default in `Cases/review/declarations/small-post.yaml` (`max_fte`).
    struct Parameters: ReviewCheckParameters, Decodable {
        /// Occupied positions below this FTE are flagged.
        var maxFTE: Decimal
    }

    init() {}

    func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        let limit = ctx.rules[Self.self].maxFTE
        var cases: [ReviewCase] = []
        for p in ctx.input.positions where !p.isVacant && p.fte.decimal < limit {
            cases.append(ReviewCase(
                check: .smallPost, kind: "small_post", positionId: p.positionId, orgUnitId: p.orgUnitId, score: 30,
                annualSaving: nil,
                reasonDE: "Stelle mit \(ReviewText.fte(p.fte, .de)) VZÄ, unter \(ReviewText.decimal(limit, .de)) VZÄ: Bündelung mit einer Nachbarstelle prüfen.",
                reasonEN: "Position of \(ReviewText.fte(p.fte, .en)) FTE, below \(ReviewText.decimal(limit, .en)) FTE: consider pooling it with a neighbouring post.",
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        return (cases, [])
    }
}

extension ReviewCheckID {
    static let smallPost = ReviewCheckID("small_post")
}
