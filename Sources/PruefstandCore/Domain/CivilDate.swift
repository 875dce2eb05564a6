import Foundation

/// A calendar day without time zone (a posting date, a vacancy date).
///
/// Stored in SQLite as ISO text `yyyy-mm-dd`, so that SQL date functions and string order work.
/// Day arithmetic uses the proleptic Gregorian calendar (Howard Hinnant's civil-day algorithms).
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1,
              day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// A day already known to be valid (calendar arithmetic), whatever its year.

    /// The years a date read from an input file may have: a posting, a vacancy or a plan year far outside
    /// them is a typing error, and the analyses add years and months to input dates, which must stay
    /// within the range this type represents (1900–2200).
    public static let inputYears = 1900...2100
    /// The years a fiscal year in an input may have.
    public static let fiscalYears = 1990...2100

    /// Parses `yyyy-mm-dd`.
    public init?(iso: String) {
        let p = iso.split(separator: "-")
        guard p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0); month = m; day = d
    }

    /// Converts an Excel serial day number (1900 date system, with Excel's phantom 29 Feb 1900).
    public init?(excelSerial: Int) {
        guard excelSerial >= 1, excelSerial < 120_000, excelSerial != 60 else { return nil }
        // Serial 25569 is 1970-01-01; serials below 60 are off by one because of the phantom day.
        let n = excelSerial < 60 ? excelSerial - 25568 : excelSerial - 25569
        let d = CivilDate(dayNumber: n)
        // Only days this type represents everywhere (1900–2200), so every parsed date round-trips.
        guard (1900...2200).contains(d.year) else { return nil }
        self = d
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }
    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }
    /// Adds calendar months, clamping the day to the month's length.
    ///
    /// The result may lie outside 1900–2200 (an as-of date in 2199 plus a 24-month horizon): it is a
    /// valid day of the proleptic calendar, only not one that `init(year:month:day:)` accepts from input.
    public func adding(months: Int) -> CivilDate {
        let (shifted, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        let total = overflow ? (months > 0 ? Int.max : Int.min) / 2 : shifted
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return CivilDate(validYear: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))
    }

    /// A day known to be valid (month 1–12, day within the month), of any year.
    private init(validYear: Int, month: Int, day: Int) {
        year = validYear; self.month = month; self.day = day
    }
    /// Whole months from `self` to `other` (negative when `other` is earlier).
    public func months(until other: CivilDate) -> Int {
        var m = (other.year - year) * 12 + (other.month - month)
        if other.day < day { m -= 1 }
        return m
    }

    public var iso: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
    public var german: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(pad(day)).\(pad(month)).\(year)"
    }
    public var description: String { iso }
    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Today in the local calendar (for defaults only; analyses take an explicit `--as-of`).
    public static func today() -> CivilDate {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

extension CivilDate {
    /// Writes `yyyy-mm-dd` (10 bytes) without building a String (import hot path).
    @inline(__always)
    public static func writeISO(_ d: CivilDate, into p: UnsafeMutablePointer<UInt8>) {
        var y = d.year
        for k in (0..<4).reversed() { p[k] = UInt8(0x30 + y % 10); y /= 10 }
        p[4] = 0x2D
        p[5] = UInt8(0x30 + d.month / 10); p[6] = UInt8(0x30 + d.month % 10)
        p[7] = 0x2D
        p[8] = UInt8(0x30 + d.day / 10); p[9] = UInt8(0x30 + d.day % 10)
    }
}
