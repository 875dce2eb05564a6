import Foundation

/// Public holidays (gesetzliche Feiertage) in North Rhine-Westphalia.
///
/// Legal basis: § 2 Feiertagsgesetz NW (FTG NW): Neujahr, Karfreitag, Ostermontag, 1. Mai,
/// Christi Himmelfahrt, Pfingstmontag, Fronleichnam, Tag der Deutschen Einheit (3. Oktober),
/// Allerheiligen, 1. und 2. Weihnachtstag. Easter Sunday is computed with the Gregorian computus
/// (anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
///
///     NRWHolidays.holidays(in: 2026)[CivilDate(year: 2026, month: 4, day: 3)!]  // "Karfreitag"
public enum NRWHolidays {
    /// Easter Sunday of a Gregorian year.
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }

    /// The eleven NRW holidays of a year, date → German name.
    public static func holidays(in year: Int) -> [CivilDate: String] {
        let easter = easterSunday(year)
        func fixed(_ m: Int, _ d: Int) -> CivilDate { CivilDate(year: year, month: m, day: d)! }
        return [
            fixed(1, 1): "Neujahr",
            easter.adding(days: -2): "Karfreitag",
            easter.adding(days: 1): "Ostermontag",
            fixed(5, 1): "Tag der Arbeit",
            easter.adding(days: 39): "Christi Himmelfahrt",
            easter.adding(days: 50): "Pfingstmontag",
            easter.adding(days: 60): "Fronleichnam",
            fixed(10, 3): "Tag der Deutschen Einheit",
            fixed(11, 1): "Allerheiligen",
            fixed(12, 25): "1. Weihnachtstag",
            fixed(12, 26): "2. Weihnachtstag",
        ]
    }

    /// The holiday's name, or `nil` on a working day or weekend that is no holiday.
    public static func holidayName(_ date: CivilDate) -> String? { holidays(in: date.year)[date] }
}
