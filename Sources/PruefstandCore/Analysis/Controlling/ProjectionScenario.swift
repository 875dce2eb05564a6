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
/// source or says "synthetic for Musterstadt".
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

    public init(name: String = "", baseYear: Int? = nil, years: Int = 3, defaultGrowthRate: Decimal = 0,
                growthRates: [String: Decimal] = [:], ausgleichsruecklage: Money = .zero, allgemeineRuecklage: Money = .zero,
                measures: [ConsolidationMeasure] = [], debt: DebtModel? = nil) {
        self.name = name; self.baseYear = baseYear; self.years = years; self.defaultGrowthRate = defaultGrowthRate
        self.growthRates = growthRates; self.ausgleichsruecklage = ausgleichsruecklage
        self.allgemeineRuecklage = allgemeineRuecklage; self.measures = measures; self.debt = debt
    }

    public func growthRate(forGroup group: String) -> Decimal { growthRates[group] ?? defaultGrowthRate }

    /// Loads and checks a scenario file (unknown keys, missing sources, bad rates are errors).
    public static func load(path: String) throws -> ProjectionScenario {
        try parse(yaml: try ControllingParameterFile.text(path: path), path: path)
    }

    public static func parse(yaml: String, path: String) throws -> ProjectionScenario {
        let f = try ControllingParameterFile.decode(ProjectionScenarioFile.self, yaml: yaml, path: path)
        let req = ControllingParameterFile.requireSource, rate = ControllingParameterFile.rate
        try req(f.default_growth_rate.source, path, "default_growth_rate")
        var rates: [String: Decimal] = [:]
        for (i, g) in f.growth_rates.enumerated() {
            let key = "growth_rates[\(i)]"
            try req(g.source, path, key)
            guard g.group.count == 2, g.group.allSatisfy(\.isASCIIDigitChar), ["4", "5"].contains(g.group.first!) else {
                throw PruefstandError.config(path: path, line: nil, key: key + ".group", message: "„\(g.group)“ ist keine Kontengruppe der Klassen 4 oder 5 (z. B. 50)")
            }
            guard rates[g.group] == nil else {
                throw PruefstandError.config(path: path, line: nil, key: key + ".group", message: "Kontengruppe \(g.group) doppelt")
            }
            rates[g.group] = try rate(g.rate, path, key + ".rate", -0.5...1)
        }
        try req(f.equity.ausgleichsruecklage_euros.source, path, "equity.ausgleichsruecklage_euros")
        try req(f.equity.allgemeine_ruecklage_euros.source, path, "equity.allgemeine_ruecklage_euros")
        var ids = Set<String>()
        let measures = try f.measures.enumerated().map { i, m -> ConsolidationMeasure in
            let key = "measures[\(i)]"
            try req(m.source, path, key)
            guard ids.insert(m.id).inserted else {
                throw PruefstandError.config(path: path, line: nil, key: key + ".id", message: "Maßnahme \(m.id) doppelt")
            }
            guard let kind = ConsolidationMeasure.Kind(rawValue: m.kind) else {
                throw PruefstandError.config(path: path, line: nil, key: key + ".kind", message: "„\(m.kind)“: erlaubt sind expense, revenue")
            }
            guard let status = ConsolidationMeasure.Status(rawValue: m.status) else {
                throw PruefstandError.config(path: path, line: nil, key: key + ".status",
                                             message: "„\(m.status)“: erlaubt sind \(ConsolidationMeasure.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return ConsolidationMeasure(id: m.id, description: m.description, yearlySaving: try Money(euros: m.yearly_saving_euros, checking: "\(path): \(key).yearly_saving_euros"),
                                        kind: kind, status: status, probability: try rate(m.probability, path, key + ".probability", 0...1),
                                        startYear: m.start_year, raisesRate: m.raises_rate,
                                        samePositionsAsReview: m.same_positions_as_review ?? false)
        }
        var debt: DebtModel?
        if let d = f.debt {
            try req(d.liquidity_loans_euros.source, path, "debt.liquidity_loans_euros")
            let path_ = try d.interest_rates.enumerated().map { i, r -> (fromYear: Int, rate: Decimal) in
                try req(r.source, path, "debt.interest_rates[\(i)]")
                return (r.from_year, try rate(r.rate, path, "debt.interest_rates[\(i)].rate", 0...0.5))
            }
            guard !path_.isEmpty else {
                throw PruefstandError.config(path: path, line: nil, key: "debt.interest_rates", message: "mindestens ein Zinssatz nötig")
            }
            var share: Decimal?, amount: Money?, year: Int?
            if let r = d.relief {
                try req(r.source, path, "debt.relief")
                year = r.from_year
                if let s = r.share { share = try rate(s, path, "debt.relief.share", 0...1) }
                if let a = r.amount_euros { amount = try Money(euros: a, checking: "\(path): debt.relief.amount_euros") }
                guard (share == nil) != (amount == nil) else {
                    throw PruefstandError.config(path: path, line: nil, key: "debt.relief", message: "genau eines von share und amount_euros angeben")
                }
            }
            debt = DebtModel(liquidityLoans: try Money(euros: d.liquidity_loans_euros.value, checking: "\(path): debt.liquidity_loans_euros"), interestRates: path_,
                             reliefYear: year, reliefShare: share, reliefAmount: amount,
                             interestAccountGroup: d.interest_account_group ?? "55")
        }
        if let y = f.base_year, !FiscalYear.supportedRange.contains(y) {
            throw PruefstandError.config(path: path, line: nil, key: "base_year", message: "\(y) liegt nicht in \(FiscalYear.supportedRangeText)")
        }
        let years = f.years ?? 3
        guard (1...10).contains(years) else {
            throw PruefstandError.config(path: path, line: nil, key: "years", message: "\(years) liegt nicht in 1…10")
        }
        return ProjectionScenario(
            name: f.name.de, baseYear: f.base_year, years: years,
            defaultGrowthRate: try rate(f.default_growth_rate.value, path, "default_growth_rate", -0.5...1),
            growthRates: rates, ausgleichsruecklage: try Money(euros: f.equity.ausgleichsruecklage_euros.value, checking: "\(path): equity.ausgleichsruecklage_euros"),
            allgemeineRuecklage: try Money(euros: f.equity.allgemeine_ruecklage_euros.value, checking: "\(path): equity.allgemeine_ruecklage_euros"), measures: measures, debt: debt)
    }
}

struct ProjectionScenarioFile: Codable {
    struct Growth: Codable { var group: String; var rate: String; var description: String; var source: String }
    struct Equity: Codable { var ausgleichsruecklage_euros: SourcedFile<Int64>; var allgemeine_ruecklage_euros: SourcedFile<Int64> }
    struct Measure: Codable {
        var id: String; var description: String; var yearly_saving_euros: Int64; var kind: String; var status: String
        var probability: String; var start_year: Int; var source: String; var raises_rate: String?
        var same_positions_as_review: Bool?
    }
    struct Rate: Codable { var from_year: Int; var rate: String; var source: String }
    struct Relief: Codable { var from_year: Int; var share: String?; var amount_euros: Int64?; var source: String }
    struct Debt: Codable {
        var liquidity_loans_euros: SourcedFile<Int64>
        var interest_account_group: String?
        var interest_rates: [Rate]
        var relief: Relief?
    }
    var name: LocalizedNameFile
    var reference_period: String
    var base_year: Int?
    var years: Int?
    var default_growth_rate: SourcedFile<String>
    var growth_rates: [Growth]
    var equity: Equity
    var measures: [Measure]
    var debt: Debt?
}
