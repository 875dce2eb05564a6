import Foundation

/// The NKF NRW framework: products `01.11.01` (Produktbereich 01–17 . Produktgruppe . Produkt, the
/// product level may be absent) and NKF accounts of 6 to 8 digits, class 4 revenue (Erträge), class 5
/// expense (Aufwendungen).
///
/// Legal basis: § 4 KomHVO NRW (Produktrahmen NRW, 17 binding Produktbereiche); NKF-Kontenrahmen NRW;
/// §§ 2, 3 KomHVO NRW (the lines of the Ergebnisplan and the Finanzplan).
/// The default options are exactly the rules the importer had before schemes existed (Musterstadt is
/// unchanged). Options for published plans: `lines` (the account is the plan's line number, as in Köln's
/// Teilergebnispläne), `products: undotted` (`0101` Teilplan = Produktbereich 01 + Produktgruppe 01) and
/// `extra_areas` (a city's own Produktbereiche beyond 17, Köln's 18); undotted, `00` is the whole city (level
/// `gesamt`, for a Gesamtergebnisplan).
public struct NKFNRWScheme: CodeScheme {
    /// The line lists of the NKF plans: a published plan by line instead of account.
    public enum Lines: String, Sendable, CaseIterable {
        case ergebnisplan, finanzplan
        /// Lines that are revenue: Ergebnisplan 01–09 Erträge, 19 Finanzerträge, 23 außerordentliche Erträge;
        /// Finanzplan (investment part) 01–05 Einzahlungen, 15, 16 Finanzierungseinzahlungen.
        var revenue: Set<Int> { self == .ergebnisplan ? Set(1...9).union([19, 23]) : Set(1...5).union([15, 16]) }
        /// Lines that are expense: Ergebnisplan 11–16 Aufwendungen, 20 Finanzaufwendungen, 24 außerordentliche
        /// Aufwendungen, 27 interne Leistungsbeziehungen (Aufwand); Finanzplan 07–12, 18, 19 Auszahlungen.
        var expense: Set<Int> { self == .ergebnisplan ? Set(11...16).union([20, 24, 27]) : Set(7...12).union([18, 19]) }
        /// Every line number of the list (sums and balances included).
        var all: ClosedRange<Int> { self == .ergebnisplan ? 1...28 : 1...19 }
    }
    public let lines: Lines?
    public let undotted: Bool
    public let extraAreas: Set<Int>

    public init() { lines = nil; undotted = false; extraAreas = [] }
    public init(lines: Lines?, undotted: Bool, extraAreas: Set<Int>) {
        self.lines = lines; self.undotted = undotted; self.extraAreas = extraAreas
    }

    public var name: String { "nkf-nrw" }

    private var isPlain: Bool { !undotted && extraAreas.isEmpty }
    private func isArea(_ area: Int) -> Bool { (1...17).contains(area) || extraAreas.contains(area) }

    public func productProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? {
        if isPlain { return NKFNRWScheme.isProductCode(p) ? nil : Phrase(de: "kein Produktcode (Produktbereich.Produktgruppe.Produkt, z. B. 01.11.01)",
                                                                                   en: "not a product code (Produktbereich.Produktgruppe.Produkt, e.g. 01.11.01)") }
        if undotted {
            // `00`: the scheme's root, the whole city (a Gesamtergebnisplan has no product column).
            if p.count == 2, p[0] == 0x30, p[1] == 0x30 { return nil }
            guard [2, 4, 6].contains(p.count), CodeBytes.allDigits(p), let area = CodeBytes.leadingPair(p), isArea(area) else {
                return Phrase(de: "kein Produktcode ohne Punkte (Produktbereich 01, Teilplan 0101, Produkt 010101; Bereiche 01–17 und die extra_areas des Mappings; 00 die ganze Stadt)",
                                     en: "not an undotted product code (Produktbereich 01, Teilplan 0101, Produkt 010101; areas 01–17 and the mapping's extra_areas; 00 the whole city)")
            }
            return nil
        }
        guard CodeBytes.isDottedProduct(p, areas: 1...99, groupDigits: 1...3, maxParts: 2), let area = CodeBytes.leadingPair(p), isArea(area) else {
            return Phrase(de: "kein Produktcode (Produktbereich.Produktgruppe.Produkt, z. B. 01.11.01; Bereiche 01–17 und die extra_areas des Mappings)",
                                 en: "not a product code (Produktbereich.Produktgruppe.Produkt, e.g. 01.11.01; areas 01–17 and the mapping's extra_areas)")
        }
        return nil
    }
    public func accountProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? {
        if let lines {
            guard p.count == 2, let n = CodeBytes.leadingPair(p), lines.all.contains(n) else {
                return Phrase(de: "keine Zeile des \(lines.rawValue) (zwei Ziffern, 01–\(lines.all.upperBound))",
                                     en: "not a line of the \(lines.rawValue) (two digits, 01–\(lines.all.upperBound))")
            }
            return nil
        }
        return p.count >= 6 && p.count <= 8 && CodeBytes.allDigits(p) ? nil : Phrase(de: "kein NKF-Konto (6 bis 8 Ziffern)", en: "not an NKF account (6 to 8 digits)")
    }
    /// Class 4 revenue, class 5 expense; the finance and balance classes have no side here. With `lines`,
    /// the side of the plan line (sums and balances have none).
    @inline(__always) public func side(account p: UnsafeBufferPointer<UInt8>) -> BudgetSide? {
        if let lines {
            guard let n = CodeBytes.leadingPair(p) else { return nil }
            return lines.revenue.contains(n) ? .revenue : lines.expense.contains(n) ? .expense : nil
        }
        guard let first = p.first else { return nil }
        return first == UInt8(ascii: "4") ? .revenue : first == UInt8(ascii: "5") ? .expense : nil
    }
    /// Class 4 and 6 (Einzahlungen) revenue, 5 and 7 (Auszahlungen) expense; with `lines`, the plan line's side.
    @inline(__always) public func ledgerSide(account p: UnsafeBufferPointer<UInt8>) -> BudgetSide? {
        if lines != nil { return side(account: p) }
        guard let first = p.first else { return nil }
        switch first {
        case UInt8(ascii: "4"), UInt8(ascii: "6"): return .revenue
        case UInt8(ascii: "5"), UInt8(ascii: "7"): return .expense
        default: return nil
        }
    }
    public func place(product: String) -> CodePlace {
        if undotted {
            if product == "00" { return CodePlace(level: "gesamt", area: nil, group: nil) }
            let u = product.utf8.count
            return CodePlace(level: u == 2 ? "produktbereich" : u == 4 ? "produktgruppe" : "produkt", area: String(product.prefix(2)),
                             group: u >= 4 ? String(product.prefix(4)) : nil)
        }
        let parts = product.split(separator: ".")
        return CodePlace(level: parts.count >= 3 ? "produkt" : "produktgruppe", area: String(product.prefix(2)),
                         group: parts.prefix(2).joined(separator: "."))
    }

    /// `dd.d{1,3}(.d{1,3})?` with product area 01–17.
    @inline(__always) static func isProductCode(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        CodeBytes.isDottedProduct(p, areas: 1...17, groupDigits: 1...3, maxParts: 2)
    }
}
