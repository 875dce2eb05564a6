import Foundation

/// Postings on Saturdays, Sundays and NRW public holidays (`NRWHolidays`), one finding per day; a holiday
/// on a weekend counts as holiday.
struct NonWorkingDayCheck: AuditCheck {
    static let key = "non-working-day"
    static let name = Phrase(de: "Buchung an Wochenende oder Feiertag", en: "Posting on a weekend or public holiday")
    static let kinds = [AuditTestKind.weekend, .holiday]
    static let startsFirst = true

    func run(_ a: AuditChecks, _ p: NoAuditParameters) -> AuditCheckOutput { .init(findings: a.nonWorkingDays()) }
}

extension AuditTestKind {
    public static let weekend = AuditTestKind("weekend", de: "Buchung am Wochenende", en: "Posting on a weekend")
    public static let holiday = AuditTestKind("holiday", de: "Buchung an Feiertag", en: "Posting on a public holiday")
}

extension AuditChecks {
    /// One finding per Saturday, Sunday or NRW holiday with postings.
    func nonWorkingDays() -> [RawFinding] {
        guard let low = l.days.min(), let high = l.days.max() else { return [] }
        // Postings per day, then the days that are no working days, then their postings in ledger order.
        var perDay = [Int32](repeating: 0, count: Int(high) - Int(low) + 1)
        l.days.withUnsafeBufferPointer { days in for d in days { perDay[Int(d - low)] += 1 } }
        var holidays: [Int: [CivilDate: String]] = [:]
        var flagged: [(date: CivilDate, holiday: String?, slot: Int)] = []
        var slotOfDay = [Int32](repeating: -1, count: perDay.count)
        for k in perDay.indices where perDay[k] > 0 {
            let date = CivilDate(dayNumber: Int(low) + k)
            if holidays[date.year] == nil { holidays[date.year] = NRWHolidays.holidays(in: date.year) }
            let holiday = holidays[date.year]![date]
            guard date.weekday >= 5 || holiday != nil else { continue }
            slotOfDay[k] = Int32(flagged.count)
            flagged.append((date, holiday, flagged.count))
        }
        var lists = flagged.map { f -> [Int32] in var a: [Int32] = []; a.reserveCapacity(Int(perDay[Int(f.date.dayNumber) - Int(low)])); return a }
        l.days.withUnsafeBufferPointer { days in
            for (i, d) in days.enumerated() {
                let s = slotOfDay[Int(d - low)]
                if s >= 0 { lists[Int(s)].append(Int32(i)) }
            }
        }
        let dayNames = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
        let dayNamesEN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return flagged.map { f in
            let list = lists[f.slot]
            if let name = f.holiday {
                return RawFinding(kind: .holiday, text: "\(f.date.german) (\(name), \(dayNames[f.date.weekday])): \(list.count) Buchung(en)", members: list,
                                  textEN: "\(f.date.iso) (\(name), \(dayNamesEN[f.date.weekday])): \(list.count) posting(s)")
            }
            return RawFinding(kind: .weekend, text: "\(f.date.german) (\(dayNames[f.date.weekday])): \(list.count) Buchung(en)", members: list,
                              textEN: "\(f.date.iso) (\(dayNamesEN[f.date.weekday])): \(list.count) posting(s)")
        }
    }
}
