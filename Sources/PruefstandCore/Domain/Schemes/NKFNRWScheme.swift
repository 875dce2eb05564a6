import Foundation

/// The NKF NRW framework: products `01.11.01` (Produktbereich 01–17 . Produktgruppe . Produkt, the
/// product level may be absent) and NKF accounts of 6 to 8 digits, class 4 revenue (Erträge), class 5
/// expense (Aufwendungen).
///
/// Legal basis: § 4 KomHVO NRW (Produktrahmen NRW, 17 binding Produktbereiche); NKF-Kontenrahmen NRW.
/// The rules are exactly those the importer had before schemes existed (Musterstadt is unchanged).
public struct NKFNRWScheme: CodeScheme {
    public init() {}
    public var name: String { "nkf-nrw" }
    public var title: String { "NKF NRW: products 01.11.01 (areas 01–17), accounts of 6–8 digits (class 4 revenue, 5 expense)" }
    public var productExample: String { "Produktbereich.Produktgruppe.Produkt, e.g. 01.11.01" }
    public var accountExample: String { "an NKF account, 6 to 8 digits" }

    public func productProblem(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        NKFNRWScheme.isProductCode(p) ? nil : "not a product code (Produktbereich.Produktgruppe.Produkt, e.g. 01.11.01)"
    }
    public func accountProblem(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        p.count >= 6 && p.count <= 8 && CodeBytes.allDigits(p) ? nil : "not an NKF account (6 to 8 digits)"
    }
    /// Class 4 revenue, class 5 expense; the finance and balance classes have no side here.
    @inline(__always) public func side(account p: UnsafeBufferPointer<UInt8>) -> BudgetSide? {
        guard let first = p.first else { return nil }
        return first == UInt8(ascii: "4") ? .revenue : first == UInt8(ascii: "5") ? .expense : nil
    }
    public func place(product: String) -> CodePlace {
        let parts = product.split(separator: ".")
        return CodePlace(level: parts.count >= 3 ? "produkt" : "produktgruppe", area: String(product.prefix(2)),
                         group: parts.prefix(2).joined(separator: "."))
    }

    /// `dd.d{1,3}(.d{1,3})?` with product area 01–17.
    @inline(__always) static func isProductCode(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        CodeBytes.isDottedProduct(p, areas: 1...17, groupDigits: 1...3, maxParts: 2)
    }
}
