import Foundation
import Yams

/// The values parameter, scenario and city files hold: exact decimals, years and dates of dated values, texts
/// in German and English.
extension StrictYAML {
    public func decimal() throws -> Decimal {
        guard let s = node.scalar?.string else { throw fail(Phrase(de: "erwartet eine Zahl", en: "expected a number")) }
        let cleaned = s.replacingOccurrences(of: "_", with: "")
        guard let d = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")),
              cleaned.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else {
            throw fail(Phrase(de: "'\(Phrase.quoted(s))' ist keine Zahl (mit Dezimalpunkt schreiben, z. B. 3.5)",
                              en: "'\(Phrase.quoted(s))' is not a number (use a decimal point, e.g. 3.5)"))
        }
        return d
    }

    /// The start of a dated value: a year `2027` (month 1), or an ISO date on 1 January or 1 August (the start
    /// of the Kita year: `2027-08-01`, month 8). Other days are refused: the models count in calendar years and,
    /// for Kita fees, in Kita years.
    public func startDate() throws -> (year: Int, month: Int) {
        guard let s = node.scalar?.string else { throw fail(Self.yearOrDate) }
        if let d = CivilDate(iso: s), d.day == 1, d.month == 8, (1900...2200).contains(d.year) { return (d.year, 8) }
        return (try year(), 1)
    }

    /// The end of a dated value (`until:`, inclusive): a year `2026` (its 31 December), an ISO date on 31 December,
    /// or on 31 July (the end of a Kita year: `2028-07-31`, month 7).
    public func endDate() throws -> (year: Int, month: Int) {
        guard let s = node.scalar?.string else { throw fail(Self.yearOrDate) }
        if let y = Int(s), (1900...2200).contains(y) { return (y, 12) }
        if let d = CivilDate(iso: s), (1900...2200).contains(d.year) {
            if d.month == 12 && d.day == 31 { return (d.year, 12) }
            if d.month == 7 && d.day == 31 { return (d.year, 7) }
        }
        throw fail(Phrase(de: "'\(Phrase.quoted(s))' ist kein Enddatum (2026 oder 2026-12-31 schreiben; ein Kita-Wert darf 2028-07-31 enden)",
                          en: "'\(Phrase.quoted(s))' is not an end date (write 2026 or 2026-12-31; a Kita value may end 2028-07-31)"))
    }

    /// A year given as `2027` or as a date `2027-01-01` (only 1 January is accepted for a date).
    public func year() throws -> Int {
        guard let s = node.scalar?.string else { throw fail(Phrase(de: "erwartet ein Jahr", en: "expected a year")) }
        if let y = Int(s), (1900...2200).contains(y) { return y }
        if let d = CivilDate(iso: s), d.month == 1, d.day == 1 { return d.year }
        throw fail(Phrase(de: "'\(Phrase.quoted(s))' ist kein Jahr (2027 oder 2027-01-01 schreiben; ein Kita-Wert darf 2027-08-01 beginnen)",
                          en: "'\(Phrase.quoted(s))' is not a year (write 2027 or 2027-01-01; a Kita value may start 2027-08-01)"))
    }

    static let yearOrDate = Phrase(de: "erwartet ein Jahr oder ein Datum", en: "expected a year or a date")

    /// `{de: ..., en: ...}` or a plain string used for both.
    public func localized() throws -> (de: String, en: String) {
        if node.scalar != nil { let s = try text(); return (s, s) }
        let f = try dictionary(allowed: ["de", "en"], required: ["de", "en"])
        return (try f["de"]!.text(), try f["en"]!.text())
    }
}
