import Foundation

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
        try store.latestVarianceYear()
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
            throw PruefstandError.other(Phrase(de: "Keine Buchungen und kein Plan im Speicher: erst `pruefstand import` ausführen.", en: "No postings and no plan in the store: run `pruefstand import` first."))
        }
        guard FiscalYear(year) != nil else {
            throw PruefstandError.other(Phrase(de: "Haushaltsjahr \(year) liegt außerhalb von \(FiscalYear.supportedRangeText); --year prüfen", en: "fiscal year \(year) is outside \(FiscalYear.supportedRangeText); check --year"))
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
            throw PruefstandError.other(Phrase(de: "--through-month muss zwischen 1 und 12 liegen, nicht \(through)", en: "--through-month must be between 1 and 12, not \(through)"))
        }
        let needPrior = options.phasing == .seasonal || through < 12 || options.dimension.needsCostCenter
        var notes: [String] = [], notesEN: [String] = []
        var lines: [LineKey: Line] = [:]
        // The prior year only when phasing, forecasts or the cost centres' weights need it.
        try store.varianceSums(year: year, priorYear: needPrior ? year - 1 : year, byCostCenter: options.dimension.needsCostCenter,
                               plan: { product, account, cents in
                                   let k = LineKey(product: product, account: account, costCenter: "")
                                   lines[k, default: Line()].plan = cents
                                   lines[k, default: Line()].planned = true
                               },
                               actual: { try accumulate($0, year: year, into: &lines) })
        if options.dimension.needsCostCenter {
            lines = try spreadPlanOntoCostCenters(lines)
            notes.append("Der Plan liegt je Produkt und Konto vor; er ist auf die Kostenstellen nach deren Vorjahres-Ist (sonst Ist des Zeitraums) verteilt. Ohne Buchung bleibt er auf Kostenstelle „—“.")
            notesEN.append("The plan is given per product and account; it is spread onto the cost centres by their prior-year actuals (else the period's actuals). Without a posting it stays on cost centre \"—\".")
        }
        var orgUnitOf: [String: String] = [:]
        if options.dimension == .orgUnit {
            orgUnitOf = try store.costCenterOrgUnits()
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

    static func accumulate(_ s: VarianceActualSum, year: Int, into lines: inout [LineKey: Line]) throws {
        let month = s.month
        guard (1...12).contains(month) else { return }
        let key = LineKey(product: s.product, account: s.account, costCenter: s.costCenter)
        if s.fiscalYear == year { try Checked.add(into: &lines[key, default: Line()].actual[month - 1], s.cents, "Ist \(key.product)/\(key.account)") }
        else { try Checked.add(into: &lines[key, default: Line()].prior[month - 1], s.cents, "Vorjahres-Ist \(key.product)/\(key.account)") }
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
        // Only the products and accounts of flagged rows; cost centres only where the dimension needs them.
        let flaggedLines = lineResults.filter { flaggedKeys.contains($0.1) }.map(\.0)
        try store.varianceVendorSums(year: year, through: through, byCostCenter: options.dimension.needsCostCenter,
                                     pairs: Array(Set(flaggedLines.map { [$0.product, $0.account] })),
                                     products: Array(Set(flaggedLines.map(\.product))).sorted(),
                                     accounts: Array(Set(flaggedLines.map(\.account))).sorted()) { s in
            let rowKeys = keys(for: LineKey(product: s.product, account: s.account, costCenter: s.costCenter), options.dimension, orgUnitOf)
            guard flaggedKeys.contains(rowKeys) else { return }
            var v = vendors[rowKeys, default: [:]][s.vendor] ?? (0, 0)
            if s.fiscalYear == year { v.0 = try Checked.add(v.0, s.cents, "Ist \(s.vendor)") } else { v.1 = try Checked.add(v.1, s.cents, "Vorjahres-Ist \(s.vendor)") }
            vendors[rowKeys, default: [:]][s.vendor] = v
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
