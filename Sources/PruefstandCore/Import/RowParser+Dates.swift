import Foundation

/// The fiscal calendar applied to a ledger row (`Mapping.FiscalCalendar`).
extension RowParser {
    /// Takes the fiscal year from the posting date when the mapping says so, then checks that the posting
    /// date lies in the mapping's window around the fiscal year.
    func checkPostingDate(_ row: inout ParsedRow) -> RowProblem? {
        guard let d = dateIndex, let y = yearIndex, row.present[d] else { return nil }
        let calendar = mapping.fiscalCalendar
        if calendar.fromPostingDate {
            let date = CivilDate(dayNumber: Int(row.num[d]))
            let year = calendar.fiscalYear(of: date)
            guard CivilDate.fiscalYears.contains(year) else {
                return RowProblem(column: sourceColumn[d].map { $0 + 1 }, field: "posting_date", value: date.iso,
                                  reason: .init(de: "das Haushaltsjahr dieses Buchungsdatums, \(year), liegt außerhalb \(CivilDate.fiscalYears.lowerBound)–\(CivilDate.fiscalYears.upperBound)",
                                                en: "the fiscal year of this posting date, \(year), is outside \(CivilDate.fiscalYears.lowerBound)–\(CivilDate.fiscalYears.upperBound)"),
                                  readCents: row.cents, readFileCents: fileCents(of: row))
            }
            row.num[y] = Int64(year); row.present[y] = true
            return nil
        }
        guard row.present[y] else { return nil }
        let year = Int(row.num[y])
        // The window in day numbers, computed once per fiscal year (a ledger has one or two): per row two
        // comparisons, no calendar arithmetic. The same test as `calendar.accepts`.
        var cached = postingWindow
        if cached.year != year {
            let w = calendar.window(of: year)
            cached = (year, w.from.dayNumber, w.to.dayNumber)
            postingWindow = cached
        }
        let day = Int(row.num[d])
        if day >= cached.from && day <= cached.to { return nil }
        let date = CivilDate(dayNumber: day)
        let w = calendar.window(of: year)
        return RowProblem(column: sourceColumn[d].map { $0 + 1 }, field: "posting_date", value: date.iso,
                          reason: .init(de: "das Buchungsdatum liegt außerhalb des Zeitraums des Haushaltsjahres \(year) (\(NumberText.date(w.from, .de)) bis \(NumberText.date(w.to, .de)): "
                                            + "\(calendar.monthsBefore) Monate davor und \(calendar.monthsAfter) danach; das Mapping legt sie mit fiscal_year.window fest)",
                                        en: "posting date lies outside the window of fiscal year \(year) (\(w.from.iso) to \(w.to.iso): \(calendar.monthsBefore) months before and \(calendar.monthsAfter) after it; the mapping's fiscal_year.window sets them)"),
                          readCents: row.cents, readFileCents: fileCents(of: row))
    }
}
