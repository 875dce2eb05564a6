import Foundation

/// Numbers, amounts and dates in report text, in the report's language (issue 16): German `1.234.567,89 €`,
/// `15,507`, `02.12.2026`; English `EUR 1,234,567.89`, `15.507`, `2026-12-02`. A German reader never sees a
/// decimal point that reads as a thousands separator ("kritischer Wert 15.507").
///
///     NumberText.euros(Money(cents: -560856599), .de)   // "-5.608.565,99 €"
///     NumberText.fixed(15.5073, decimals: 3, .de)        // "15,507"
public enum NumberText {
    /// An amount: `-5.608.565,99 €` or `EUR -5,608,565.99`.
    public static func euros(_ m: Money, _ lang: Language) -> String {
        guard lang == .en else { return m.germanString }
        let g = m.germanString.dropLast(2)   // "-5.608.565,99"
        return "EUR " + String(g.map { $0 == "." ? "," : ($0 == "," ? "." : $0) })
    }

    /// An exact decimal as written (`10`, `2.5`), with a decimal comma in German.
    public static func decimal(_ d: Decimal, _ lang: Language) -> String {
        let s = NSDecimalNumber(decimal: d).description(withLocale: Locale(identifier: "en_US_POSIX"))
        return lang == .de ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// A measured value with a fixed number of decimals (`15,507`), no thousands separator.
    public static func fixed(_ x: Double, decimals: Int, _ lang: Language) -> String {
        let s = String(format: "%.\(decimals)f", x)
        return lang == .de ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// A share as percent with one decimal: `12,3 %` or `12.3 %` (0.12345).
    public static func percent(_ share: Decimal, _ lang: Language) -> String {
        let s = percentPlain(share)
        return (lang == .de ? s.replacingOccurrences(of: ".", with: ",") : s) + " %"
    }

    /// A share as percent with one decimal, half away from zero, decimal point: 0.12345 → `12.3`.
    public static func percentPlain(_ share: Decimal) -> String {
        var v = share * 1000, r = Decimal()
        NSDecimalRound(&r, &v, 0, .plain)
        let t = NSDecimalNumber(decimal: r).int64Value
        return "\(t < 0 ? "-" : "")\(t.magnitude / 10).\(t.magnitude % 10)"
    }

    /// A count with thousands separators: `1.234.567` or `1,234,567`.
    public static func count(_ n: Int, _ lang: Language) -> String { Phrase.count(n).text(lang) }

    /// Digits in groups of three: `1.234.567` or `1,234,567`.
    public static func grouped(_ n: UInt64, _ lang: Language) -> String { Phrase.grouped(n, separator: lang == .de ? "." : ",") }

    /// Seconds with one decimal: `2,5 s` or `2.5 s`.
    public static func seconds(_ s: Double, _ lang: Language) -> String { fixed(s, decimals: 1, lang) + " s" }

    /// A date: `02.12.2026` or `2026-12-02`.
    public static func date(_ d: CivilDate, _ lang: Language) -> String { lang == .de ? d.german : d.iso }
}
