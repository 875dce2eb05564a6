import Foundation

/// The report's charts with their data (issue 16): consolidation path with and without relief, plan and
/// actual by product area, the monthly cumulative actual against the phased plan, the Monte Carlo fan,
/// review savings by org unit and relief by group of payers. The controlling workbook shows all of them,
/// the council pack those a council member needs.
public struct ReportCharts: Sendable {
    public var path: ChartPage?
    public var planActualByArea: ChartPage?
    public var monthly: ChartPage?
    public var fan: ChartPage?
    public var reviewByOrgUnit: ChartPage?
    public var reliefByGroup: ChartPage?

    public var all: [ChartPage] { [path, reliefByGroup, fan, planActualByArea, monthly, reviewByOrgUnit].compactMap { $0 } }

    /// The year in which relief costs and typical cases are compared: the projection's last year.
    static func comparisonYear(_ r: AnalysisResults) -> Int? { r.projection?.years.last?.year }

    public static func build(store: Store, settings s: RunSettings, results r: AnalysisResults) throws -> ReportCharts {
        let lang = s.language, de = lang == .de
        var c = ReportCharts()
        if let p = r.projection {
            let series = [(de ? "Ohne Entlastung (Basis mit Maßnahmen)" : "Without relief (baseline with measures)", p)]
                + r.scenarios.compactMap { run in run.projection.map { (run.result.scenario.displayTitle(lang), $0) } }
            var t = ReportTable(table: "chart_consolidation_path", lang: lang)
            t.columns += series.indices.map { .init("path_\($0)", de: series[$0].0, en: series[$0].0, kind: .money) }
            t.rows = p.years.map { y in
                [.text(String(y.year))] + series.map { s in s.1.years.first { $0.year == y.year }.map { .money($0.annualResult) } ?? .empty }
            }
            c.path = ChartPage(table: t, kind: .line, series: series.indices.map { "path_\($0)" },
                               titleDE: "Jahresergebnis mit und ohne Entlastung, Mio. €", titleEN: "Annual result with and without relief, € million")
        }
        if let year = comparisonYear(r), !r.scenarios.isEmpty {
            // Groups are labelled "[n] group", n numbering the scenarios (named in the second column): short
            // enough for the chart's axis, and the same group under two scenarios stays apart.
            var rows: [(String, Money, Int?, String)] = []
            for (n, run) in r.scenarios.enumerated() {
                for line in run.result.relief where line.year == year && line.relief != .zero {
                    rows.append(("[\(n + 1)] \(line.group)", line.relief, line.payers, "[\(n + 1)] \(run.result.scenario.displayTitle(lang))"))
                }
            }
            rows.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            var t = ReportTable(table: "chart_relief_by_group", lang: lang, values: ["year": String(year)])
            t.columns.append(.init("relief", de: "Entlastung \(year)", en: "Relief \(year)", kind: .money))
            t.rows = rows.prefix(12).map { [.text($0.0), .text($0.3), $0.2.map { .integer(Int64($0)) } ?? .empty, .money($0.1)] }
            if !t.rows.isEmpty {
                c.reliefByGroup = ChartPage(table: t, kind: .bar, series: ["relief"],
                                            titleDE: "Entlastung nach Gruppen \(year), Mio. €", titleEN: "Relief by group \(year), € million")
            }
        }
        if let (scenario, m) = r.monteCarlo {
            let title = scenario.displayTitle(lang)
            var t = ReportTable(table: "chart_montecarlo", lang: lang, values: ["scenario": title, "draws": String(m.draws), "seed": String(m.seed)])
            t.rows = m.years.indices.map { i in [.text(String(m.years[i])), .money(m.p10[i]), .money(m.p50[i]), .money(m.p90[i])] }
            c.fan = ChartPage(table: t, kind: .fan, series: ["p10", "p50", "p90"],
                              titleDE: "Jahresergebnis: Median und Band (P10–P90), Mio. €", titleEN: "Annual result: median and band (P10–P90), € million")
        }
        if let v = r.variance, v.dimension == .productAccount {
            var byArea: [String: (plan: Money, actual: Money)] = [:]
            for row in v.rows where row.keys.count == 2 && CodeSchemes.standard.side(account: row.keys[1]) == .expense {
                let area = String(row.keys[0].prefix(2))
                byArea[area, default: (.zero, .zero)].plan += row.plan
                byArea[area, default: (.zero, .zero)].actual += row.actual
            }
            var t = ReportTable(table: "chart_plan_actual_by_area", lang: lang, values: ["year": String(v.year), "through_month": String(v.throughMonth)])
            t.rows = byArea.keys.sorted().map { [.text($0), .money(byArea[$0]!.plan), .money(byArea[$0]!.actual)] }
            if !t.rows.isEmpty {
                c.planActualByArea = ChartPage(table: t, kind: .column, series: ["plan", "actual"],
                                               titleDE: "Aufwendungen \(v.year): Plan und Ist nach Produktbereich, Mio. €",
                                               titleEN: "Expenses \(v.year): plan and actual by product area, € million")
            }
            c.monthly = try monthly(store: store, year: v.year, totals: try r.postingTotals(store: store, year: v.year), lang: lang)
        }
        if let review = r.review {
            c.reviewByOrgUnit = try reviewChart(review, k: s.minGroupSize, lang: lang)
        }
        return c
    }

    /// Cumulative expense actuals by month against the plan phased evenly (a twelfth a month).
    static func monthly(store: Store, year: Int, totals: [PostingMonthAccountSum], lang: Language) throws -> ChartPage? {
        let de = lang == .de
        let plan = try store.planTotal(year: year, side: .expense)
        let months = try Store.monthlyExpenseActual(totals, year: year)
        let last = try store.lastPostedMonth(year: year)
        guard plan != 0 || last > 0 else { return nil }
        let names = de ? ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
                       : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var t = ReportTable(table: "chart_monthly", lang: lang, values: ["year": String(year), "through_month": String(last)])
        var actual: Int64 = 0
        for m in 1...12 {
            actual = try Checked.add(actual, months[m - 1], "Ist kumuliert \(year)-\(m)")
            // The phased plan to the cent: the total's share for m months, rounded half away from zero.
            let phased = Money.rounding(Decimal(plan) * Decimal(m) / 1200)
            t.rows.append([.text(names[m - 1]), .money(phased), m <= last ? .money(Money(cents: actual)) : .empty])
        }
        return ChartPage(table: t, kind: .line, series: ["plan_cumulative", "actual_cumulative"],
                         titleDE: "Aufwendungen \(year): Ist kumuliert gegen Plan, Mio. €", titleEN: "Expenses \(year): cumulative actual against plan, € million")
    }

    /// The review's possible savings by org unit; units with fewer than k flagged positions are combined.
    static func reviewChart(_ review: ReviewResult, k: Int, lang: Language) throws -> ChartPage? {
        let de = lang == .de
        var t = ReportTable(table: "chart_review_by_org_unit", lang: lang)
        t.rows = review.summary.map { [.text($0.name.isEmpty ? $0.orgUnitId : "\($0.orgUnitId) \($0.name)"), .integer(Int64($0.positions)), .money($0.potentialSaving)] }
        t = try SmallGroupProtection.apply(to: t, countColumn: "positions", k: k, mode: .aggregate, lang: lang)
        func saving(_ row: [ReportTable.Cell]) -> Int64 { if case .money(let m) = row[2] { return m.cents }; return 0 }
        t.rows.sort { saving($0) > saving($1) }
        if t.rows.count > 12 {
            let rest = t.rows.dropFirst(11)
            var positions: Int64 = 0, cents: Int64 = 0
            for r in rest {
                if case .integer(let n) = r[1] { positions += n }
                cents = try Checked.add(cents, saving(r), "Stellenprüfung übrige Einheiten")
            }
            t.rows = Array(t.rows.prefix(11)) + [[.text(de ? "übrige \(rest.count) Einheiten" : "other \(rest.count) units"), .integer(positions), .money(Money(cents: cents))]]
        }
        // After the notes of the small-group protection.
        t.notes += ReportTables.notes("chart_review_by_org_unit", ["counted_once"], lang: lang, values: ["k": String(k)])
        guard !t.rows.isEmpty else { return nil }
        return ChartPage(table: t, kind: .bar, series: ["potential_saving"],
                         titleDE: "Mögliche Einsparung nach Organisationseinheit, Mio. € im Jahr", titleEN: "Possible saving by org unit, € million a year")
    }
}
