import Foundation
import GRDB

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

/// How the annual plan is spread over the months for a year-to-date comparison.
public enum PlanPhasing: String, Sendable, CaseIterable, Codable {
    /// Twelve equal parts (the cents that do not divide go to the earliest months).
    case even
    /// In proportion to the same line's actuals of the prior year, month by month (negative months
    /// count as zero); a line without prior-year actuals is phased evenly.
    case seasonal
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

/// Plan versus actual, exact to the cent.
///
/// Actuals come from `postingTotal` (kept by the importer: sums by import, year, month, product and
/// account), so a comparison over a million postings reads a few ten thousand rows. Cost centre and
/// org unit need the posting table. Plan is the sum of `budgetLine` rows of kind `plan` per product and
/// account; every plan line appears, lines with actuals but no plan are added with plan 0 (the anchor
/// query's row set is the plan rows: see `planRowsOnly`).
///
/// Cost centres have no plan: each plan line is split onto the cost centres that booked on it, in
/// proportion to their prior-year actuals (else the current period's), exactly with
/// `Money.allocated`; a plan line nobody booked on stays on cost centre `—`.
///
///     let report = try VarianceAnalysis.run(store, VarianceOptions(year: 2025, throughMonth: 6))
public enum VarianceAnalysis {
    struct LineKey: Hashable { var product: String; var account: String; var costCenter: String }

    struct Line {
        var plan: Int64 = 0
        var planned = false
        var actual = [Int64](repeating: 0, count: 12)
        var prior = [Int64](repeating: 0, count: 12)
    }

    /// The latest fiscal year with postings, else the latest plan year.
    public static func defaultYear(_ store: Store) throws -> Int? {
        try store.read { db in
            if let y = try Int.fetchOne(db, sql: "SELECT max(fiscalYear) FROM postingTotal") { return y }
            return try Int.fetchOne(db, sql: "SELECT max(fiscalYear) FROM budgetLine WHERE kind = 'plan'")
        }
    }

    /// Runs the comparison.
    /// - Parameter planRowsOnly: keep only lines that have a plan line. Default: for `product,account`
    ///   yes (the anchor query's row set: every plan row, with its actuals), else no (actuals without
    ///   plan count with plan 0).
    ///
    /// Every sum runs checked: amounts whose totals leave the 64-bit range of cents end in a clear error
    /// (`PruefstandError.amountOutOfRange`), never in a trap; a returned report's rows, variances and
    /// totals all fit.
    public static func run(_ store: Store, _ options: VarianceOptions, planRowsOnly: Bool? = nil) throws -> VarianceReport {
        guard let year = try options.year ?? defaultYear(store) else {
            throw PruefstandError.other("Keine Buchungen und kein Plan im Speicher: erst `pruefstand import` ausführen.")
        }
        guard FiscalYear(year) != nil else {
            throw PruefstandError.other("Haushaltsjahr \(year) liegt außerhalb von \(FiscalYear.supportedRangeText); --year prüfen")
        }
        return try AmountCheck.run("Plan/Ist-Vergleich \(year)") {
            let report = try runChecked(store, options, year: year, planRowsOnly: planRowsOnly ?? (options.dimension == .productAccount))
            // The derived figures that outputs read later (outside this scope) are computed here once.
            _ = report.totalPlan; _ = report.totalActual
            for r in report.rows { _ = r.variance }
            return report
        }
    }

    static func runChecked(_ store: Store, _ options: VarianceOptions, year: Int, planRowsOnly: Bool) throws -> VarianceReport {
        let through = options.throughMonth ?? 12
        guard (1...12).contains(through) else {
            throw PruefstandError.other("--through-month muss zwischen 1 und 12 liegen, nicht \(through)")
        }
        let needPrior = options.phasing == .seasonal || through < 12 || options.dimension.needsCostCenter
        var notes: [String] = [], notesEN: [String] = []
        var lines = try store.read { db -> [LineKey: Line] in
            var lines: [LineKey: Line] = [:]
            let planRows = try Row.fetchCursor(db, sql: """
                SELECT product, account, sum(amountCents) FROM budgetLine
                WHERE fiscalYear = ? AND kind = 'plan' GROUP BY product, account
                """, arguments: [year])
            while let r = try planRows.next() {
                let k = LineKey(product: r[0], account: r[1], costCenter: "")
                lines[k, default: Line()].plan = r[2]
                lines[k, default: Line()].planned = true
            }
            if options.dimension.needsCostCenter {
                let sql = """
                    SELECT fiscalYear, CAST(substr(postingDate, 6, 2) AS INTEGER), product, account, costCenter, sum(amountCents)
                    FROM posting WHERE fiscalYear IN (?, ?) GROUP BY 1, 2, 3, 4, 5
                    """
                try accumulate(db, sql: sql, year: year, priorYear: year - 1, hasCostCenter: true, into: &lines)
            } else {
                // The prior year only when phasing or forecasts need it.
                let sql = "SELECT fiscalYear, month, product, account, sum(amountCents) FROM postingTotal WHERE fiscalYear IN (?, ?) GROUP BY 1, 2, 3, 4"
                try accumulate(db, sql: sql, year: year, priorYear: needPrior ? year - 1 : year, hasCostCenter: false, into: &lines)
            }
            return lines
        }
        if options.dimension.needsCostCenter {
            lines = try spreadPlanOntoCostCenters(lines)
            notes.append("Der Plan liegt je Produkt und Konto vor; er ist auf die Kostenstellen nach deren Vorjahres-Ist (sonst Ist des Zeitraums) verteilt. Ohne Buchung bleibt er auf Kostenstelle „—“.")
            notesEN.append("The plan is given per product and account; it is spread onto the cost centres by their prior-year actuals (else the period's actuals). Without a posting it stays on cost centre \"—\".")
        }
        var orgUnitOf: [String: String] = [:]
        if options.dimension == .orgUnit {
            orgUnitOf = try store.read { db in
                try Dictionary(Row.fetchAll(db, sql: "SELECT costCenterId, orgUnitId FROM costCenter").map { ($0[0] as String, $0[1] as String) },
                               uniquingKeysWith: { a, _ in a })
            }
        }

        // Per line, then summed into the dimension's rows.
        struct Acc { var plan: Int64 = 0; var annual: Int64 = 0; var actual: Int64 = 0; var runRate: Int64 = 0; var seasonal: Int64 = 0 }
        var rows: [[String]: Acc] = [:]
        var lineResults: [(LineKey, [String], Int64, Int64)] = []   // key, row keys, phased plan, actual
        var unplanned: Int64 = 0, unplannedLines = 0, evenFallback = 0
        for (key, line) in lines {
            if planRowsOnly && !line.planned {
                let a = try sum(line.actual.prefix(through), "Ist \(key.product)/\(key.account)")
                if a != 0 { unplanned = try Checked.add(unplanned, a, "Ist ohne Planzeile"); unplannedLines += 1 }
                continue
            }
            let rowKeys = keys(for: key, options.dimension, orgUnitOf)
            let phased = phasedPlan(line, through: through, phasing: options.phasing)
            if options.phasing == .seasonal && through < 12 && line.plan != 0 && !line.prior.contains(where: { $0 > 0 }) { evenFallback += 1 }
            let what = "\(rowKeys.joined(separator: "/"))"
            let actual = try sum(line.actual.prefix(through), "Ist \(key.product)/\(key.account)")
            let (runRate, seasonal) = try forecasts(line, actual: actual, through: through)
            var acc = rows[rowKeys] ?? Acc()
            acc.plan = try Checked.add(acc.plan, phased, "Plan \(what)")
            acc.annual = try Checked.add(acc.annual, line.plan, "Jahresplan \(what)")
            acc.actual = try Checked.add(acc.actual, actual, "Ist \(what)")
            acc.runRate = try Checked.add(acc.runRate, runRate, "Hochrechnung \(what)")
            acc.seasonal = try Checked.add(acc.seasonal, seasonal, "saisonale Hochrechnung \(what)")
            rows[rowKeys] = acc
            if options.includeDrivers { lineResults.append((key, rowKeys, phased, actual)) }
        }
        var result: [VarianceRow] = rows.map { keys, acc in
            let row = VarianceRow(keys: keys, plan: Money(cents: acc.plan), annualPlan: Money(cents: acc.annual),
                                  actual: Money(cents: acc.actual), forecastRunRate: Money(cents: acc.runRate),
                                  forecastSeasonal: Money(cents: acc.seasonal), flagged: false, drivers: [])
            var flagged = row
            flagged.flagged = isFlagged(row, options.thresholds)
            return flagged
        }
        if evenFallback > 0 {
            notes.append("\(evenFallback) Planzeile(n) ohne Vorjahres-Ist sind gleichmäßig phasiert.")
            notesEN.append("\(evenFallback) plan line(s) without prior-year actuals are phased evenly.")
        }
        if unplannedLines > 0 {
            notes.append("\(unplannedLines) Produkt/Konto-Kombination(en) mit Ist \(Money(cents: unplanned).germanString) ohne Planzeile sind nicht aufgeführt.")
            notesEN.append("\(unplannedLines) product/account pair(s) with actuals of \(NumberText.euros(Money(cents: unplanned), .en)) and no plan line are not listed.")
        }
        result.sort { a, b in
            if a.variance != b.variance { return a.variance > b.variance }
            return a.keys.lexicographicallyPrecedes(b.keys)
        }
        if options.includeDrivers, result.contains(where: \.flagged) {
            try addDrivers(&result, lineResults: lineResults, store: store, year: year, through: through, options: options, orgUnitOf: orgUnitOf)
        }
        return VarianceReport(year: year, dimension: options.dimension, throughMonth: through, phasing: options.phasing,
                              thresholds: options.thresholds, rows: result, notes: notes, notesEN: notesEN)
    }

    static func accumulate(_ db: Database, sql: String, year: Int, priorYear: Int, hasCostCenter: Bool,
                           into lines: inout [LineKey: Line]) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: [year, priorYear])
        while let r = try cursor.next() {
            let fy: Int = r[0], month: Int = r[1]
            guard (1...12).contains(month) else { continue }
            let key = LineKey(product: r[2], account: r[3], costCenter: hasCostCenter ? r[4] : "")
            let cents: Int64 = r[hasCostCenter ? 5 : 4]
            if fy == year { try Checked.add(into: &lines[key, default: Line()].actual[month - 1], cents, "Ist \(key.product)/\(key.account)") }
            else { try Checked.add(into: &lines[key, default: Line()].prior[month - 1], cents, "Vorjahres-Ist \(key.product)/\(key.account)") }
        }
    }

    /// Splits each (product, account) plan onto the cost-centre lines of the same product and account.
    static func spreadPlanOntoCostCenters(_ lines: [LineKey: Line]) throws -> [LineKey: Line] {
        var out: [LineKey: Line] = [:]
        var byLine: [LineKey: [LineKey]] = [:]
        for (k, l) in lines where !k.costCenter.isEmpty {
            out[k] = l
            byLine[LineKey(product: k.product, account: k.account, costCenter: ""), default: []].append(k)
        }
        for (k, l) in lines where k.costCenter.isEmpty && l.planned {
            let ccs = (byLine[k] ?? []).sorted { $0.costCenter < $1.costCenter }
            let prior = try ccs.map { max(0, try sum(out[$0]!.prior[...], "Vorjahres-Ist \($0.costCenter)")) }
            let current = try ccs.map { max(0, try sum(out[$0]!.actual[...], "Ist \($0.costCenter)")) }
            let weights = prior.contains { $0 > 0 } ? prior : current.contains { $0 > 0 } ? current : nil
            guard let weights else {
                out[LineKey(product: k.product, account: k.account, costCenter: "—")] = l
                continue
            }
            let parts = Money(cents: l.plan).allocated(weights)
            for (cc, part) in zip(ccs, parts) {
                out[cc]!.plan = part.cents
                out[cc]!.planned = true
            }
        }
        return out
    }

    static func keys(for k: LineKey, _ d: VarianceDimension, _ orgUnitOf: [String: String]) -> [String] {
        switch d {
        case .productAccount: return [k.product, k.account]
        case .product: return [k.product]
        case .productGroup: return [String(k.product.prefix(5))]
        case .productArea: return [String(k.product.prefix(2))]
        case .account: return [k.account]
        case .accountGroup: return [String(k.account.prefix(2))]
        case .costCenter: return [k.costCenter]
        case .orgUnit: return [k.costCenter == "—" ? "—" : (orgUnitOf[k.costCenter] ?? "(ohne Zuordnung)")]
        }
    }

    /// The plan of months 1…through of a line.
    static func phasedPlan(_ line: Line, through: Int, phasing: PlanPhasing) -> Int64 {
        if through == 12 || line.plan == 0 { return line.plan }
        if phasing == .seasonal {
            let w = line.prior.map { max(0, $0) }
            if w.contains(where: { $0 > 0 }) {
                return Money(cents: line.plan).allocated(w).prefix(through).reduce(Money.zero, +).cents
            }
        }
        // Even: the same as Money.allocated with twelve equal weights, summed over the first months.
        let m = line.plan.magnitude
        let q = m / 12, r = m % 12
        let part = q * UInt64(through) + min(r, UInt64(through))
        return line.plan < 0 ? -Int64(part) : Int64(part)
    }

    /// Run-rate and seasonal forecasts to year end of one line.
    static func forecasts(_ line: Line, actual: Int64, through: Int) throws -> (Int64, Int64) {
        if through == 12 { return (actual, actual) }
        guard let runRate = VarianceRow.roundedRatio(actual, Int64(through), scale: 12) else {
            throw PruefstandError.amountOutOfRange("Hochrechnung (Ist × 12 ÷ \(through))")
        }
        let w = line.prior.map { max(0, $0) }
        let total = try sum(w[...], "Vorjahres-Ist"), elapsed = try sum(w.prefix(through), "Vorjahres-Ist")
        guard total > 0, elapsed > 0 else { return (runRate, runRate) }
        let value = try Money.rounding(Decimal(actual) * Decimal(total) / Decimal(elapsed) / 100,
                                       checking: "saisonale Hochrechnung (Ist ÷ Vorjahresanteil)")
        return (runRate, value.cents)
    }

    /// The exact sum of cents, or an error naming `what`.
    static func sum(_ values: ArraySlice<Int64>, _ what: @autoclosure () -> String) throws -> Int64 {
        var t = CentsTotal()
        for v in values { t.add(v) }
        return try t.cents(checking: what())
    }

    static func isFlagged(_ row: VarianceRow, _ t: VarianceThresholds) -> Bool {
        guard row.variance.magnitude >= t.absolute else { return false }
        guard let share = row.varianceShare else { return true }
        let pct = share * 100
        return (pct < 0 ? -pct : pct) >= t.percent
    }

    static func addDrivers(_ rows: inout [VarianceRow], lineResults: [(LineKey, [String], Int64, Int64)], store: Store,
                           year: Int, through: Int, options: VarianceOptions, orgUnitOf: [String: String]) throws {
        // Drivers for the flagged rows with the largest absolute variance (at most `driverRowLimit`).
        let flaggedKeys = Set(rows.filter(\.flagged).sorted { $0.variance.magnitude > $1.variance.magnitude }
            .prefix(options.driverRowLimit).map(\.keys))
        let byProduct = options.dimension == .account || options.dimension == .accountGroup
        var inner: [[String]: [String: Int64]] = [:]
        for (key, rowKeys, plan, actual) in lineResults where flaggedKeys.contains(rowKeys) && options.dimension != .productAccount {
            let k = byProduct ? key.product : key.account
            let v = try Checked.subtract(actual, plan, "Abweichung \(key.product)/\(key.account)")
            inner[rowKeys, default: [:]][k] = try Checked.add(inner[rowKeys]?[k] ?? 0, v, "Abweichung \(k)")
        }
        // Vendors: actual of the period against the same months of the prior year.
        var vendors: [[String]: [String: (Int64, Int64)]] = [:]
        try store.read { db in
            // Cost centres only where the dimension needs them: fewer groups to carry over.
            let cc = options.dimension.needsCostCenter ? "costCenter" : "''"
            // Only the products and accounts of flagged rows (bound as parameters).
            let flaggedLines = lineResults.filter { flaggedKeys.contains($0.1) }.map(\.0)
            let products = Array(Set(flaggedLines.map(\.product))).sorted()
            let accounts = Array(Set(flaggedLines.map(\.account))).sorted()
            var filter = ""
            var arguments: StatementArguments = [year, year - 1, through]
            let pairs = Array(Set(flaggedLines.map { [$0.product, $0.account] }))
            if !pairs.isEmpty && pairs.count < 2_000 {
                filter = " AND (product, account) IN (VALUES \(pairs.map { _ in "(?, ?)" }.joined(separator: ", ")))"
                arguments += StatementArguments(pairs.flatMap { $0 })
            } else if !products.isEmpty && products.count + accounts.count < 20_000 {
                filter = " AND product IN (\(products.map { _ in "?" }.joined(separator: ","))) AND account IN (\(accounts.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(products + accounts)
            }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT fiscalYear, product, account, \(cc), vendor, sum(amountCents) FROM posting
                WHERE fiscalYear IN (?, ?) AND CAST(substr(postingDate, 6, 2) AS INTEGER) <= ?\(filter)
                GROUP BY 1, 2, 3, 4, 5
                """, arguments: arguments)
            while let r = try cursor.next() {
                let k = LineKey(product: r[1], account: r[2], costCenter: r[3])
                let rowKeys = keys(for: k, options.dimension, orgUnitOf)
                guard flaggedKeys.contains(rowKeys) else { continue }
                let fy: Int = r[0], cents: Int64 = r[5], vendor: String = r[4]
                var v = vendors[rowKeys, default: [:]][vendor] ?? (0, 0)
                if fy == year { v.0 = try Checked.add(v.0, cents, "Ist \(vendor)") } else { v.1 = try Checked.add(v.1, cents, "Vorjahres-Ist \(vendor)") }
                vendors[rowKeys, default: [:]][vendor] = v
            }
        }
        for i in rows.indices where rows[i].flagged && flaggedKeys.contains(rows[i].keys) {
            let down = rows[i].variance.cents < 0
            // Largest contribution in the direction of the variance first (no multiplication by the sign:
            // −Int64.min does not exist).
            func before(_ a: Int64, _ b: Int64, _ ka: String, _ kb: String) -> Bool {
                a != b ? (down ? a < b : a > b) : ka < kb
            }
            let accounts = (inner[rows[i].keys] ?? [:])
                .sorted { before($0.value, $1.value, $0.key, $1.key) }
                .prefix(options.driverCount)
                .map { VarianceDriver(kind: byProduct ? .product : .account, key: $0.key, amount: Money(cents: $0.value), actual: .zero) }
            let vend = try (vendors[rows[i].keys] ?? [:])
                .map { (name: $0.key, actual: $0.value.0, change: try Checked.subtract($0.value.0, $0.value.1, "Veränderung \($0.key)")) }
                .sorted { before($0.change, $1.change, $0.name, $1.name) }
                .prefix(options.driverCount)
                .map { VarianceDriver(kind: .vendor, key: $0.name, amount: Money(cents: $0.change), actual: Money(cents: $0.actual)) }
            rows[i].drivers = Array(accounts) + Array(vend)
        }
    }
}
