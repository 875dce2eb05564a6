import Foundation

/// The municipal product and account framework of Baden-Württemberg (VwV Produkt- und Kontenrahmen,
/// 2016): Produktbereiche 11–61, Produktgruppen `dd.dd`, Produkte `dd.dd.dd`; Konten of 3 to 5 digits,
/// class 3 Erträge (revenue) and class 4 Aufwendungen (expense) — not NRW's 4 and 5.
///
/// Source: Innenministerium Baden-Württemberg, VwV Produkt- und Kontenrahmen (2016), Anlagen 29 and 30.2
/// (as extracted by Code for Karlsruhe, `kommunale-haushalte-bw`); the real-data tests compare
/// `areaNames` with that extraction.
public struct BW2016Scheme: CodeScheme {
    public init() {}
    public var name: String { "bw-2016" }

    public func productProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? {
        if p.count == 2 {
            return BW2016Scheme.isArea(p) ? nil : Phrase(de: "kein Produktbereich des baden-württembergischen Rahmens (11, 12, 21, 25–29, 31, 36, 37, 41, 42, 51–57, 61)",
                                                              en: "not a Produktbereich of the BW framework (11, 12, 21, 25–29, 31, 36, 37, 41, 42, 51–57, 61)")
        }
        guard CodeBytes.isDottedProduct(p, areas: 11...61, groupDigits: 2...2, maxParts: 2),
              BW2016Scheme.isArea(UnsafeBufferPointer(rebasing: p[0..<2]))
        else { return Phrase(de: "kein baden-württembergischer Produktcode (Produktbereich.Produktgruppe.Produkt, je zwei Ziffern, Bereiche 11–61, z. B. 11.10.01)",
                                     en: "not a BW product code (Produktbereich.Produktgruppe.Produkt, two digits each, areas 11–61, e.g. 11.10.01)") }
        return nil
    }
    static func isArea(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let area = CodeBytes.leadingPair(p), p.count == 2 else { return false }
        return areaNumbers.contains(area)
    }
    /// The Produktbereiche as numbers, for the byte-level check.
    static let areaNumbers: Set<Int> = Set(areaNames.keys.compactMap { Int($0) })
    public func accountProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? {
        p.count >= 3 && p.count <= 5 && CodeBytes.allDigits(p) ? nil : Phrase(de: "kein baden-württembergisches Konto (3 bis 5 Ziffern)", en: "not a BW Konto (3 to 5 digits)")
    }
    /// Class 3 revenue and 4 expense; in class 5, group 50 revenue and 51 expense (außerordentlich).
    public func side(account p: UnsafeBufferPointer<UInt8>) -> BudgetSide? {
        guard let first = p.first else { return nil }
        switch first {
        case UInt8(ascii: "3"): return .revenue
        case UInt8(ascii: "4"): return .expense
        case UInt8(ascii: "5") where p.count >= 2:
            return p[1] == UInt8(ascii: "0") ? .revenue : p[1] == UInt8(ascii: "1") ? .expense : nil
        default: return nil
        }
    }
    public func place(product: String) -> CodePlace {
        let parts = product.split(separator: ".")
        let level = parts.count >= 3 ? "produkt" : parts.count == 2 ? "produktgruppe" : "produktbereich"
        return CodePlace(level: level, area: String(product.prefix(2)), group: parts.count >= 2 ? parts.prefix(2).joined(separator: ".") : nil)
    }

    /// The 21 Produktbereiche of the BW framework (VwV 2016, Anlage 29 and the Produktrahmen).
    public static let areaNames: [String: String] = [
        "11": "Innere Verwaltung", "12": "Sicherheit und Ordnung", "21": "Schulträgeraufgaben",
        "25": "Museen, Archiv, Zoo", "26": "Theater, Konzerte, Musikschulen",
        "27": "Volkshochschulen, Bibliotheken, kulturpädagogische Einrichtungen", "28": "Sonstige Kulturpflege",
        "29": "Förderung von Kirchengemeinden und sonstigen Religionsgemeinschaften", "31": "Soziale Hilfen",
        "36": "Kinder-, Jugend- und Familienhilfe", "37": "Schwerbehindertenrecht und soziales Entschädigungsrecht",
        "41": "Gesundheitsdienste", "42": "Sport und Bäder", "51": "Räumliche Planung und Entwicklung",
        "52": "Bauen und Wohnen", "53": "Ver- und Entsorgung", "54": "Verkehrsflächen und -anlagen, ÖPNV",
        "55": "Natur- und Landschaftspflege, Friedhofswesen", "56": "Umweltschutz", "57": "Wirtschaft und Tourismus",
        "61": "Allgemeine Finanzwirtschaft",
    ]
}
