import Foundation

/// A consolidation measure of the Haushaltssicherungskonzept (HSK).
public struct ConsolidationMeasure: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Saves expense (the saving lowers the expenses).
        case expense
        /// Raises revenue.
        case revenue
    }
    /// How far a measure has come.
    public enum Status: String, Sendable, Codable, CaseIterable, Comparable {
        case implemented, decided, inProgress = "in-progress", planned
        public var german: String {
            switch self {
            case .implemented: return "umgesetzt"
            case .decided: return "beschlossen"
            case .inProgress: return "in Umsetzung"
            case .planned: return "geplant"
            }
        }
        var order: Int { Status.allCases.firstIndex(of: self)! }
        public static func < (a: Status, b: Status) -> Bool { a.order < b.order }
    }
    public var id: String
    public var description: String
    /// The full saving (or extra revenue) per year once in effect.
    public var yearlySaving: Money
    public var kind: Kind
    public var status: Status
    /// Probability of realisation, 0…1.
    public var probability: Decimal
    /// First fiscal year in which the saving takes effect (in full).
    public var startYear: Int
    /// The relief parameter whose rate this measure raises (`gewerbesteuer.hebesatz`), if it is a tax or fee
    /// increase: flagged in the projection and the workbook, and a relief scenario that changes the same rate
    /// must say that it replaces the measure (`replaces_measures:`), never be summed with it.
    public var raisesRate: String?
    /// The measure saves on the same positions as the position review (a re-fill freeze, say): the savings
    /// decided in the review are deducted from it each year, so the same positions are counted once.
    public var samePositionsAsReview: Bool

    public init(id: String, description: String, yearlySaving: Money, kind: Kind = .expense, status: Status,
                probability: Decimal, startYear: Int, raisesRate: String? = nil, samePositionsAsReview: Bool = false) {
        self.id = id; self.description = description; self.yearlySaving = yearlySaving; self.kind = kind
        self.status = status; self.probability = probability; self.startYear = startYear; self.raisesRate = raisesRate
        self.samePositionsAsReview = samePositionsAsReview
    }

    /// An implemented measure that started before the plan year is already in the plan: it is listed, never
    /// added to the plan again.
    public func isInPlan(baseYear: Int) -> Bool { status == .implemented && startYear < baseYear }

    /// yearly saving × probability, rounded half away from zero to the cent.
    public var expectedSaving: Money { yearlySaving.multiplied(by: probability) }
}

/// Liquidity loans (Liquiditätskredite), their interest and the old-debt relief (Altschuldenlösung).
public struct DebtModel: Sendable, Hashable {
    /// Stock at the start of the base year.
    public var liquidityLoans: Money
    /// Interest rate per year: each entry holds from its year until the next entry.
    public var interestRates: [(fromYear: Int, rate: Decimal)]
    /// The state takes over a share (or an amount) of the stock at the start of this year.
    public var reliefYear: Int?
    public var reliefShare: Decimal?
    public var reliefAmount: Money?
    /// The plan's account group for interest (Zinsen), replaced by stock × rate. NKF: `55`.
    public var interestAccountGroup: String

    public init(liquidityLoans: Money, interestRates: [(fromYear: Int, rate: Decimal)], reliefYear: Int? = nil,
                reliefShare: Decimal? = nil, reliefAmount: Money? = nil, interestAccountGroup: String = "55") {
        self.liquidityLoans = liquidityLoans; self.interestRates = interestRates.sorted { $0.fromYear < $1.fromYear }
        self.reliefYear = reliefYear; self.reliefShare = reliefShare; self.reliefAmount = reliefAmount
        self.interestAccountGroup = interestAccountGroup
    }

    /// The rate in force in `year` (the latest entry from that year or before; the first entry before it).
    public func rate(in year: Int) -> Decimal {
        interestRates.last { $0.fromYear <= year }?.rate ?? interestRates.first?.rate ?? 0
    }

    public static func == (a: DebtModel, b: DebtModel) -> Bool {
        a.liquidityLoans == b.liquidityLoans && a.interestRates.map(\.fromYear) == b.interestRates.map(\.fromYear)
            && a.interestRates.map(\.rate) == b.interestRates.map(\.rate) && a.reliefYear == b.reliefYear
            && a.reliefShare == b.reliefShare && a.reliefAmount == b.reliefAmount && a.interestAccountGroup == b.interestAccountGroup
    }
    public func hash(into h: inout Hasher) { h.combine(liquidityLoans); h.combine(reliefYear) }
}

/// The assumptions of a consolidation projection, resolved from a scenario file.
///
/// The Musterstadt file is `Datasets/musterstadt/controlling/projection.yaml`; each value there has a
/// source or says "synthetic for Musterstadt". The file is read by `ProjectionScenario+File.swift`: its
/// parameters (growth rates, reserves, liquidity loans, interest rates, old-debt relief) are dated values in the
/// one parameter format (docs/parameters.md), declared in the built-in `Resources/defaults/projection.yaml`.
public struct ProjectionScenario: Sendable, Hashable {
    public var name: String
    /// The plan year to start from; `nil`: the latest plan year in the store.
    public var baseYear: Int?
    /// Years after the base year (default 3, at most 10).
    public var years: Int
    /// Yearly growth rate of account groups without their own rate.
    public var defaultGrowthRate: Decimal
    /// Yearly growth rate per account group (`50` → 0.03).
    public var growthRates: [String: Decimal]
    /// Ausgleichsrücklage at the start of the base year (§ 75 Abs. 3 GO NRW).
    public var ausgleichsruecklage: Money
    /// Allgemeine Rücklage at the start of the base year.
    public var allgemeineRuecklage: Money
    public var measures: [ConsolidationMeasure]
    public var debt: DebtModel?
    /// The dated parameters the values above were resolved from (`resolved(year:)`); nil for a scenario built in
    /// Swift (tests), whose values are taken as given.
    public var parameters: ProjectionParameters?

    public init(name: String = "", baseYear: Int? = nil, years: Int = 3, defaultGrowthRate: Decimal = 0,
                growthRates: [String: Decimal] = [:], ausgleichsruecklage: Money = .zero, allgemeineRuecklage: Money = .zero,
                measures: [ConsolidationMeasure] = [], debt: DebtModel? = nil) {
        self.name = name; self.baseYear = baseYear; self.years = years; self.defaultGrowthRate = defaultGrowthRate
        self.growthRates = growthRates; self.ausgleichsruecklage = ausgleichsruecklage
        self.allgemeineRuecklage = allgemeineRuecklage; self.measures = measures; self.debt = debt
    }

    public func growthRate(forGroup group: String) -> Decimal { growthRates[group] ?? defaultGrowthRate }
}
