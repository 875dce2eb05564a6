import Foundation

/// The level at which plan and actual are compared.
///
/// Plan lines (`budgetLine`, kind `plan`) are kept by product and account; the product group is the
/// first five characters of the product (`01.11`), the product area the first two (`01`), the account
/// group the first two digits of the account (`50`). Cost centre and org unit have no plan of their
/// own: see `VarianceAnalysis` for how the plan is spread onto them.
public enum VarianceDimension: String, Sendable, CaseIterable, Codable {
    case productAccount = "product,account"
    case product
    case productGroup = "product-group"
    case productArea = "product-area"
    case account
    case accountGroup = "account-group"
    case costCenter = "cost-center"
    case orgUnit = "org-unit"

    /// Column keys of the dimension, e.g. `["product", "account"]`.
    public var keyColumns: [String] {
        switch self {
        case .productAccount: return ["product", "account"]
        case .product: return ["product"]
        case .productGroup: return ["product_group"]
        case .productArea: return ["product_area"]
        case .account: return ["account"]
        case .accountGroup: return ["account_group"]
        case .costCenter: return ["cost_center"]
        case .orgUnit: return ["org_unit"]
        }
    }

    var needsCostCenter: Bool { self == .costCenter || self == .orgUnit }
}

/// How the annual plan is spread over the months for a year-to-date comparison (`help` says how each value does it).
public enum PlanPhasing: String, NamedChoice {
    case even, seasonal

    public var help: String {
        switch self {
        case .even: "twelve equal parts (the cents that do not divide go to the earliest months)"
        case .seasonal: "in proportion to the same line's actuals of the prior year, month by month (negative months count as zero); a line without prior-year actuals is phased evenly"
        }
    }
}

/// When a variance is worth a look: both the absolute amount and the share of the plan must pass.
///
/// A line without plan (plan 0) is flagged on the absolute amount alone.
public struct VarianceThresholds: Sendable, Hashable, Codable {
    /// Smallest absolute variance that is flagged.
    public var absolute: Money
    /// Smallest absolute variance in percent of the plan that is flagged (10 = 10 %).
    public var percent: Decimal
    public init(absolute: Money = Money(euros: 10_000), percent: Decimal = 10) {
        self.absolute = absolute; self.percent = percent
    }
}

/// What to compare.
public struct VarianceOptions: Sendable {
    /// The fiscal year; `nil` takes the latest year with postings (else the latest plan year).
    public var year: Int?
    public var dimension: VarianceDimension
    /// Year to date through this month (1–12); `nil` is the whole year.
    public var throughMonth: Int?
    public var phasing: PlanPhasing
    public var thresholds: VarianceThresholds
    /// Find the largest drivers (accounts or products, and vendors) of each flagged row. Reads the
    /// posting table, so the fast CSV path leaves it off.
    public var includeDrivers: Bool
    /// How many drivers of each kind per flagged row.
    public var driverCount: Int
    /// Drivers are found for at most this many flagged rows, those with the largest absolute variance.
    public var driverRowLimit: Int

    public init(year: Int? = nil, dimension: VarianceDimension = .productAccount, throughMonth: Int? = nil,
                phasing: PlanPhasing = .even, thresholds: VarianceThresholds = VarianceThresholds(),
                includeDrivers: Bool = true, driverCount: Int = 3, driverRowLimit: Int = 100) {
        self.year = year; self.dimension = dimension; self.throughMonth = throughMonth; self.phasing = phasing
        self.thresholds = thresholds; self.includeDrivers = includeDrivers; self.driverCount = driverCount
        self.driverRowLimit = driverRowLimit
    }
}

/// One contributor to a flagged variance.
public struct VarianceDriver: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case account, product, vendor }
    public var kind: Kind
    /// The account number, product code or vendor name.
    public var key: String
    /// For accounts and products: their variance (actual − phased plan) inside the row.
    /// For vendors: actual of the period minus the same period of the prior year (vendors have no plan).
    public var amount: Money
    /// For vendors: actual of the period.
    public var actual: Money
}

/// One compared row.
public struct VarianceRow: Sendable, Hashable, Codable {
    /// The dimension values, in the order of `VarianceDimension.keyColumns`.
    public var keys: [String]
    /// The plan of the compared period (phased when year to date).
    public var plan: Money
    /// The plan of the whole year.
    public var annualPlan: Money
    /// Actual of the compared period.
    public var actual: Money
    /// actual − plan.
    public var variance: Money { actual - plan }
    /// Year-end forecast: actual × 12 ÷ months elapsed (half away from zero, per line).
    public var forecastRunRate: Money
    /// Year-end forecast by the prior year's seasonality: actual ÷ prior-year share of the months
    /// elapsed (per line; run rate where the prior year has nothing to go by).
    public var forecastSeasonal: Money
    public var flagged: Bool
    public var drivers: [VarianceDriver]

    /// variance ÷ plan as an exact share, `nil` when the plan is zero.
    public var varianceShare: Decimal? {
        plan.cents == 0 ? nil : Decimal(variance.cents) / Decimal(plan.cents)
    }
    /// 100 × variance ÷ plan rounded half away from zero to one decimal, in tenths of a percent
    /// (`123` = 12.3 %); `nil` when the plan is zero. The same as SQL `round(100.0*(a-p)/p, 1)`.
    public var variancePercentTenths: Int64? {
        VarianceRow.roundedRatio(variance.cents, plan.cents, scale: 1000)
    }
    /// `12.3`, `-5.0`, or empty when the plan is zero. A negative share that rounds to zero prints
    /// `-0.0`, as DuckDB and Python's Decimal do.
    public var variancePercentString: String {
        guard let t = variancePercentTenths else { return "" }
        let m = t.magnitude
        let negative = (variance.cents < 0) != (plan.cents < 0) && variance.cents != 0
        return "\(negative ? "-" : "")\(m / 10).\(m % 10)"
    }

    /// round(scale × a ÷ b) half away from zero, exactly (128-bit intermediate); `nil` when b is zero or
    /// the result does not fit in 64 bits.
    static func roundedRatio(_ a: Int64, _ b: Int64, scale: Int64) -> Int64? {
        guard b != 0 else { return nil }
        let negative = (a < 0) != (b < 0)
        let num = a.magnitude.multipliedFullWidth(by: UInt64(scale))
        let den = b.magnitude
        guard num.high < den else { return nil }
        let (q, r) = den.dividingFullWidth(num)
        let (rounded, carry) = r >= den - r ? q.addingReportingOverflow(1) : (q, false)   // r ≥ den/2, without overflow
        // Beyond the 64-bit range (a run rate of an amount near the bound): nil, never a trap.
        guard !carry, rounded <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(rounded) : Int64(rounded)
    }
}

/// The result of a plan/actual comparison.
public struct VarianceReport: Sendable, Codable {
    public var year: Int
    public var dimension: VarianceDimension
    /// 12 for the whole year.
    public var throughMonth: Int
    public var phasing: PlanPhasing
    public var thresholds: VarianceThresholds
    /// Ordered by variance descending, then by keys.
    public var rows: [VarianceRow]
    /// Notes on method (how a plan was spread onto cost centres, fallbacks), in German.
    public var notes: [String]
    /// The same notes in English, in the same order.
    public var notesEN: [String] = []

    public var totalPlan: Money { rows.map(\.plan).sum() }
    public var totalActual: Money { rows.map(\.actual).sum() }
    public var flaggedRows: [VarianceRow] { rows.filter(\.flagged) }
    /// The `n` rows with the largest absolute variance.
    public func largest(_ n: Int) -> [VarianceRow] {
        Array(rows.sorted { a, b in
            a.variance.magnitude != b.variance.magnitude ? a.variance.magnitude > b.variance.magnitude
                : a.keys.lexicographicallyPrecedes(b.keys)
        }.prefix(n))
    }
}
