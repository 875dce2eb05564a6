import Foundation

/// Years side by side per product area (issue 16): actual Y−1, plan Y, actual Y (to date), plan Y+1, with the
/// variance of Y as a formula. Actual Y−1 comes from the plan file's actual lines of that year, else from the
/// ledger; actual Y from the ledger through the variance's month.
public enum YearComparison {
    /// The store's record types (`Store+YearComparison.swift`), named here as the table's.
    public typealias Key = YearComparisonKey
    public typealias Sums = YearComparisonSums

    /// The table for year `year`, actuals through `throughMonth` (12: the whole year).
    public static func table(store: Store, year: Int, throughMonth: Int, lang: Language) throws -> ReportTable {
        let sums = try store.yearComparisonSums(year: year, throughMonth: throughMonth)
        let de = lang == .de
        let toDate = throughMonth == 12 ? "" : (de ? " (bis Monat \(throughMonth))" : " (through month \(throughMonth))")
        var t = ReportTable(table: "year_comparison", lang: lang, values: [
            "prev": String(year - 1), "year": String(year), "through_month": throughMonth == 12 ? nil : String(throughMonth),
        ])
        // Titled with their years.
        t.columns += [
            .init("actual_prev", de: "Ist \(year - 1)", en: "Actual \(year - 1)", kind: .money, total: true),
            .init("plan", de: "Plan \(year)", en: "Plan \(year)", kind: .money, total: true),
            .init("actual", de: "Ist \(year)\(toDate)", en: "Actual \(year)\(toDate)", kind: .money, total: true),
            .init("plan_next", de: "Plan \(year + 1)", en: "Plan \(year + 1)", kind: .money, total: true),
            .init("variance", de: "Ist − Plan \(year)", en: "Actual − plan \(year)", kind: .money, total: true),
        ]
        for key in sums.keys.sorted() {
            let s = sums[key]!
            let side = key.side == "revenue" ? (de ? "Ertrag" : "Revenue") : key.side == "expense" ? (de ? "Aufwand" : "Expense") : key.side
            t.rows.append([.text(key.area), .text(side), .money(Money(cents: s.actualPrev)), .money(Money(cents: s.plan)),
                           .money(Money(cents: s.actual)), .money(Money(cents: s.planNext)),
                           .formula("={col:actual}{r}-{col:plan}{r}", cached: .money(Money(cents: s.actual - s.plan)))])
        }
        return t
    }
}
