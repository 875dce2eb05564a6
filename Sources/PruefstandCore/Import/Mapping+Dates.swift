import Foundation

extension Mapping {
    /// The fiscal calendar of a ledger (`fiscal_year:` in a mapping): the first month of the fiscal year,
    /// whether the fiscal year is taken from the posting date, and the window of posting dates accepted
    /// around the fiscal year.
    ///
    /// Without it the fiscal year is a calendar year given by a column, and a posting date is accepted from
    /// 12 months before the fiscal year's first day to 12 months after its last (the rule of earlier versions:
    /// the posting year within one year of the fiscal year). Example, a utility whose year starts in July,
    /// named by the calendar year in which it starts, with postings of the closing period until September:
    ///
    ///     fiscal_year: { from_posting_date: true, first_month: 7, window: { months_before: 0, months_after: 3 } }
    public struct FiscalCalendar: Sendable, Equatable {
        /// 1–12: the month in which a fiscal year begins.
        public var firstMonth = 1
        /// The fiscal year is computed from the posting date (no fiscal year column).
        public var fromPostingDate = false
        /// A fiscal year that begins in July 2025 and ends in June 2026 is 2025 (`start`) or 2026 (`end`).
        public var namedByEnd = false
        public var monthsBefore = 12
        public var monthsAfter = 12

        /// The fiscal year a date falls in.
        func fiscalYear(of d: CivilDate) -> Int {
            let startYear = d.month >= firstMonth ? d.year : d.year - 1
            return namedByEnd && firstMonth != 1 ? startYear + 1 : startYear
        }

        /// Month index (year × 12 + month − 1) of the fiscal year's first month.
        private func firstMonthIndex(of year: Int) -> Int {
            let startYear = namedByEnd && firstMonth != 1 ? year - 1 : year
            return startYear * 12 + firstMonth - 1
        }

        /// The first and last day on which a posting of `year` is accepted.
        func window(of year: Int) -> (from: CivilDate, to: CivilDate) {
            let first = firstMonthIndex(of: year) - monthsBefore
            let afterLast = firstMonthIndex(of: year) + 12 + monthsAfter   // the month after the window
            let from = CivilDate(year: first / 12, month: first % 12 + 1, day: 1)!
            let next = CivilDate(year: afterLast / 12, month: afterLast % 12 + 1, day: 1)!
            return (from, CivilDate(dayNumber: next.dayNumber - 1))
        }

        func accepts(_ d: CivilDate, year: Int) -> Bool {
            let w = window(of: year)
            return d.dayNumber >= w.from.dayNumber && d.dayNumber <= w.to.dayNumber
        }
    }

    static func parseFiscalCalendar(_ node: StrictYAML, kind: ImportKind) throws -> FiscalCalendar {
        guard kind == .ledger else { throw node.fail("fiscal_year (the fiscal calendar) applies to the ledger kind") }
        let d = try node.dictionary(allowed: ["first_month", "from_posting_date", "named_by", "window"])
        var c = FiscalCalendar()
        if let v = d["first_month"] {
            let m = try v.int()
            guard (1...12).contains(m) else { throw v.fail("first_month must be a month, 1–12") }
            c.firstMonth = m
        }
        if let v = d["from_posting_date"] { c.fromPostingDate = try v.bool() }
        if let v = d["named_by"] {
            switch try v.string() {
            case "start": c.namedByEnd = false
            case "end": c.namedByEnd = true
            default: throw v.fail("named_by must be start (the calendar year in which the fiscal year begins) or end")
            }
        }
        if let w = d["window"] {
            let wd = try w.dictionary(allowed: ["months_before", "months_after"])
            for (key, path) in [("months_before", \FiscalCalendar.monthsBefore), ("months_after", \FiscalCalendar.monthsAfter)] {
                guard let v = wd[key] else { continue }
                let n = try v.int()
                guard (0...120).contains(n) else { throw v.fail("\(key) must be 0–120 months") }
                c[keyPath: path] = n
            }
        }
        return c
    }
}

extension Mapping {
    /// Fields the mapping computes rather than reads (no column needed).
    var derivedFields: Set<String> {
        var out: Set<String> = []
        if fiscalCalendar.fromPostingDate { out.insert("fiscal_year") }
        if groupRows != nil { out.insert("position_id") }
        return out
    }
}
