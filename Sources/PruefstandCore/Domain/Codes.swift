import Foundation

/// A budget year (Haushaltsjahr). NRW municipalities budget by calendar year.
public struct FiscalYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let value: Int
    public init?(_ value: Int) {
        guard (1990...2100).contains(value) else { return nil }
        self.value = value
    }
    public static func < (a: FiscalYear, b: FiscalYear) -> Bool { a.value < b.value }
    public var description: String { String(value) }
}

/// An NRW product code (Produktbereich.Produktgruppe.Produkt), e.g. `01.11.01`.
///
/// Legal basis: § 4 KomHVO NRW with the binding Produktbereiche 01–17 (Produktrahmen NRW).
/// The area has two digits (01–17); group and product have one to three digits each; the
/// product level may be absent where a plan is kept by product group.
public struct ProductCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let code: String

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigitChar) }),
              parts[0].count == 2, let area = Int(parts[0]), (1...17).contains(area)
        else { return nil }
        code = text
    }

    /// Produktbereich, e.g. `01` (Innere Verwaltung).
    public var area: String { String(code.prefix(2)) }
    /// Produktgruppe, e.g. `01.11`.
    public var group: String { code.split(separator: ".").prefix(2).joined(separator: ".") }
    public static func < (a: ProductCode, b: ProductCode) -> Bool { a.code < b.code }
    public var description: String { code }

    /// The 17 binding product areas of the NRW Produktrahmen.
    public static let areaNames: [String: String] = [
        "01": "Innere Verwaltung", "02": "Sicherheit und Ordnung", "03": "Schulträgeraufgaben",
        "04": "Kultur und Wissenschaft", "05": "Soziale Leistungen", "06": "Kinder-, Jugend- und Familienhilfe",
        "07": "Gesundheitsdienste", "08": "Sportförderung", "09": "Räumliche Planung und Entwicklung, Geoinformationen",
        "10": "Bauen und Wohnen", "11": "Ver- und Entsorgung", "12": "Verkehrsflächen und -anlagen, ÖPNV",
        "13": "Natur- und Landschaftspflege", "14": "Umweltschutz", "15": "Wirtschaft und Tourismus",
        "16": "Allgemeine Finanzwirtschaft", "17": "Stiftungen",
    ]
}

extension Character {
    /// Exactly one ASCII digit (a digit followed by a combining mark is a different character).
    var isASCIIDigitChar: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}

/// An NKF account (Sachkonto), 6 to 8 digits, e.g. `501100`.
///
/// Legal basis: NKF-Kontenrahmen NRW (VV Muster zur KomHVO). Class 4 holds revenue (Erträge),
/// class 5 expenses (Aufwendungen); the first two digits are the Kontengruppe.
public struct Account: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let number: String

    public init?(_ text: String) {
        guard (6...8).contains(text.count), text.allSatisfy(\.isASCIIDigitChar) else { return nil }
        number = text
    }

    /// Kontenklasse: 4 revenue, 5 expenses, 6/7 finance accounts, others balance-sheet.
    public var accountClass: Character { number.first! }
    /// Kontengruppe, the first two digits, e.g. `50`.
    public var group: String { String(number.prefix(2)) }
    public var isRevenue: Bool { NKFNRWScheme().ledgerSide(account: number) == .revenue }
    public var isExpense: Bool { NKFNRWScheme().ledgerSide(account: number) == .expense }
    public var groupName: String { Account.groupNames[group] ?? "Kontengruppe \(group)" }
    public static func < (a: Account, b: Account) -> Bool { a.number < b.number }
    public var description: String { number }

    /// Kontengruppen of the NKF-Kontenrahmen NRW (Ergebnisplan).
    public static let groupNames: [String: String] = [
        "40": "Steuern und ähnliche Abgaben", "41": "Zuwendungen und allgemeine Umlagen",
        "42": "Sonstige Transfererträge", "43": "Öffentlich-rechtliche Leistungsentgelte",
        "44": "Privatrechtliche Leistungsentgelte", "45": "Kostenerstattungen und Kostenumlagen",
        "46": "Sonstige ordentliche Erträge", "47": "Aktivierte Eigenleistungen und Bestandsveränderungen",
        "48": "Erträge aus internen Leistungsbeziehungen", "49": "Außerordentliche Erträge",
        "50": "Personalaufwendungen", "51": "Versorgungsaufwendungen",
        "52": "Aufwendungen für Sach- und Dienstleistungen", "53": "Transferaufwendungen",
        "54": "Sonstige ordentliche Aufwendungen", "55": "Zinsen und sonstige Finanzaufwendungen",
        "57": "Bilanzielle Abschreibungen", "58": "Aufwendungen aus internen Leistungsbeziehungen",
        "59": "Außerordentliche Aufwendungen",
    ]
}

/// A pay grade: TVöD (EG 1–15 with 9a/9b/9c, 15Ü), TVöD SuE (S 2–S 18 with a/b suffixes),
/// Beamte A 2–A 16 and B 1–B 11.
///
/// Accepted spellings: `EG 9b`, `E9b`, `TVöD EG 9b`, `S 11b`, `A 13`, `B2`. The canonical form is
/// `EG 9b`, `S 11b`, `A 13`, `B 2`.
public struct PayGrade: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public enum System: String, Sendable, Codable, CaseIterable {
        case tvoed = "EG"   // Tarifbeschäftigte TVöD-VKA
        case sue = "S"      // Sozial- und Erziehungsdienst
        case beamteA = "A"  // Besoldungsordnung A
        case beamteB = "B"  // Besoldungsordnung B
    }
    public let system: System
    public let level: Int
    public let suffix: String   // "", "a", "b", "c", "Ü"

    public init?(_ raw: String) {
        var s = raw.trimmingCharacters(in: .whitespaces)
        for prefix in ["TVöD-VKA", "TVöD", "TVOED", "LBesG", "BesO"] where s.uppercased().hasPrefix(prefix.uppercased()) {
            s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        s = s.replacingOccurrences(of: " ", with: "")
        let upper = s.uppercased()
        let system: System
        var rest: Substring
        if upper.hasPrefix("EG") { system = .tvoed; rest = s.dropFirst(2) }
        else if upper.hasPrefix("E") { system = .tvoed; rest = s.dropFirst(1) }
        else if upper.hasPrefix("S") { system = .sue; rest = s.dropFirst(1) }
        else if upper.hasPrefix("A") { system = .beamteA; rest = s.dropFirst(1) }
        else if upper.hasPrefix("B") { system = .beamteB; rest = s.dropFirst(1) }
        else { return nil }
        let digits = rest.prefix(while: \.isASCIIDigitChar)
        guard let level = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        let suffix = String(rest).lowercased() == "ü" ? "Ü" : String(rest).lowercased()
        let ok: Bool
        switch system {
        case .tvoed: ok = (1...15).contains(level) && (suffix.isEmpty || (level == 9 && ["a", "b", "c"].contains(suffix)) || (level == 15 && suffix == "Ü"))
        case .sue: ok = (2...18).contains(level) && (suffix.isEmpty || ["a", "b"].contains(suffix))
        case .beamteA: ok = (2...16).contains(level) && suffix.isEmpty
        case .beamteB: ok = (1...11).contains(level) && suffix.isEmpty
        }
        guard ok else { return nil }
        self.system = system; self.level = level; self.suffix = suffix
    }

    /// Beamte are paid by Besoldung (pension and Beihilfe instead of social security).
    public var isCivilServant: Bool { system == .beamteA || system == .beamteB }
    public var code: String { "\(system.rawValue) \(level)\(suffix)" }
    public var description: String { code }
    /// A rough ordering across systems for peer comparison (higher is more senior).
    public var rank: Int {
        let sub = suffix == "a" ? 1 : suffix == "b" ? 2 : suffix == "c" ? 3 : suffix == "Ü" ? 4 : 0
        switch system {
        case .tvoed: return level * 10 + sub
        case .sue: return level * 10 + sub
        case .beamteA: return level * 10 + sub
        case .beamteB: return 170 + level * 10
        }
    }
    public static func < (a: PayGrade, b: PayGrade) -> Bool { (a.system.rawValue, a.rank) < (b.system.rawValue, b.rank) }
}

/// Full-time equivalents as an exact decimal with four places (1 FTE = 10,000 units).
public struct FTE: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let units: Int64
    public static let scale: Int64 = 10_000
    public init(units: Int64) { self.units = units }
    public static let zero = FTE(units: 0)
    public static let one = FTE(units: scale)

    /// Parses `0.75`, `0,75` or `1`. At most four decimals; negative values are invalid.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0, whole < 100 else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= 4, f.allSatisfy(\.isASCIIDigitChar) else { return nil }
            frac = Int64(f.padding(toLength: 4, withPad: "0", startingAt: 0))!
        }
        units = whole * FTE.scale + frac
    }

    public var decimal: Decimal { Decimal(units) / Decimal(FTE.scale) }
    public static func + (a: FTE, b: FTE) -> FTE { FTE(units: a.units + b.units) }
    public static func < (a: FTE, b: FTE) -> Bool { a.units < b.units }
    public var description: String {
        let w = units / FTE.scale, f = units % FTE.scale
        if f == 0 { return "\(w)" }
        var fs = String(f); fs = String(repeating: "0", count: 4 - fs.count) + fs
        while fs.hasSuffix("0") { fs.removeLast() }
        return "\(w).\(fs)"
    }
    /// The annual cost of this share of a full-time position, rounded to the cent.
    public func share(of fullTime: Money) -> Money { fullTime.multiplied(by: decimal) }
}
