import Foundation

/// The fiscal calendar applied to a ledger row (`Mapping.FiscalCalendar`).
extension RowParser {
    /// Takes the fiscal year from the posting date when the mapping says so, then checks that the posting
    /// date lies in the mapping's window around the fiscal year.
    func checkPostingDate(_ row: inout ParsedRow) -> RowProblem? {
        guard let d = dateIndex, let y = yearIndex, row.present[d] else { return nil }
        let calendar = mapping.fiscalCalendar
        let date = CivilDate(dayNumber: Int(row.num[d]))
        if calendar.fromPostingDate {
            let year = calendar.fiscalYear(of: date)
            guard CivilDate.fiscalYears.contains(year) else {
                return RowProblem(column: sourceColumn[d].map { $0 + 1 }, field: "posting_date", value: date.iso,
                                  reason: "the fiscal year of this posting date, \(year), is outside \(CivilDate.fiscalYears.lowerBound)–\(CivilDate.fiscalYears.upperBound)",
                                  readCents: row.cents, readFileCents: fileCents(of: row))
            }
            row.num[y] = Int64(year); row.present[y] = true
            return nil
        }
        guard row.present[y] else { return nil }
        let year = Int(row.num[y])
        guard !calendar.accepts(date, year: year) else { return nil }
        let w = calendar.window(of: year)
        return RowProblem(column: sourceColumn[d].map { $0 + 1 }, field: "posting_date", value: date.iso,
                          reason: "posting date lies outside the window of fiscal year \(year) (\(w.from.iso) to \(w.to.iso): \(calendar.monthsBefore) months before and \(calendar.monthsAfter) after it; the mapping's fiscal_year.window sets them)",
                          readCents: row.cents, readFileCents: fileCents(of: row))
    }
}
