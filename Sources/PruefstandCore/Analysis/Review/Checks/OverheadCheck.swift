import Foundation

/// Overhead: cross-cutting staff (org unit categories hr, finance, it, administration) per 100 FTE of the
/// whole administration above the category's benchmark flags every unit of that category.
///
/// Score = 50 + 50 × (ratio − benchmark) / benchmark, capped at 100. No saving.
public struct OverheadCheck: ReviewCheck {
    public static let id = ReviewCheckID.overhead

    /// The org unit categories of cross-cutting staff.
    public static let categories = ["hr", "finance", "it", "administration"]

    public struct Parameters: ReviewCheckParameters {
        /// Benchmark FTE per 100 FTE of the whole administration, by org unit category.
        public var benchmarks: [String: Decimal]
        /// The source of each benchmark the rules file gives one for.
        public var sources: [String: String]
        public init(benchmarks: [String: Decimal], sources: [String: String]) { self.benchmarks = benchmarks; self.sources = sources }
        public init(_ s: ReviewRulesSection) throws {
            benchmarks = [:]; sources = [:]
            for cat in OverheadCheck.categories {
                benchmarks[cat] = try s.decimal("benchmark_\(cat)")
                sources[cat] = s.source("benchmark_\(cat)")
            }
        }
    }

    public init() {}
    static let categoryDE = ["hr": "Personal", "finance": "Finanzen", "it": "IT", "administration": "Zentrale Verwaltung"]
    static let categoryEN = ["hr": "HR", "finance": "finance", "it": "IT", "administration": "central administration"]
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        let total = ctx.unitFTE.values.reduce(0, +)
        guard total > 0 else { return ([], []) }
        var catFTE: [String: Int64] = [:]
        var unitsByCat: [String: [String]] = [:]
        for (unit, fte) in ctx.unitFTE {
            guard let cat = ctx.orgUnits[unit]?.category, Self.categories.contains(cat) else { continue }
            catFTE[cat, default: 0] += fte
            unitsByCat[cat, default: []].append(unit)
        }
        var cases: [ReviewCase] = []
        let benchmarks = ctx.rules[Self.self].benchmarks
        let totalD = Decimal(total) / Decimal(FTE.scale)
        for cat in Self.categories {
            guard let b = benchmarks[cat], b > 0, let cf = catFTE[cat] else { continue }
            let ratio = Decimal(cf) * 100 / Decimal(total)
            guard ratio > b else { continue }
            for unit in unitsByCat[cat] ?? [] {
                let uf = Decimal(ctx.unitFTE[unit] ?? 0) / Decimal(FTE.scale)
                cases.append(ReviewCase(
                    check: .overhead, kind: cat, positionId: nil, orgUnitId: unit,
                    score: reviewScore(50 + 50 * (ratio - b) / b), annualSaving: nil,
                    reasonDE: "Querschnittsbereich \(Self.categoryDE[cat]!): \(ReviewText.decimal(ratio, .de)) VZÄ je 100 VZÄ der Verwaltung (\(ReviewText.decimal(Decimal(cf) / Decimal(FTE.scale), places: 4, .de)) von \(ReviewText.decimal(totalD, places: 4, .de))), Richtwert \(ReviewText.decimal(b, .de)). \(ctx.unitName(unit)) trägt \(ReviewText.decimal(uf, places: 4, .de)) VZÄ bei.",
                    reasonEN: "Cross-cutting area \(Self.categoryEN[cat]!): \(ReviewText.decimal(ratio, .en)) FTE per 100 FTE of the administration (\(ReviewText.decimal(Decimal(cf) / Decimal(FTE.scale), places: 4, .en)) of \(ReviewText.decimal(totalD, places: 4, .en))), benchmark \(ReviewText.decimal(b, .en)). \(ctx.unitName(unit)) contributes \(ReviewText.decimal(uf, places: 4, .en)) FTE."))
            }
        }
        return (cases, [])
    }
}

extension ReviewCheckID {
    public static let overhead = ReviewCheckID("overhead")
}
