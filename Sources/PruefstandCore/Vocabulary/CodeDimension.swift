import Foundation

/// What a code list names (`kind: codes`, `dimension:`): the codes of one dimension of a scheme.
public enum CodeDimension {
    /// The dimensions, each with its German spellings (normalised: trimmed, lower case).
    public static let names = ["product", "account", "cost_center", "org_unit", "einzelplan", "kapitel", "titel", "function"]
    /// A dimension's German name for messages (`product` → `Produkt`).
    public static func germanName(_ dimension: String) -> String {
        ["product": "Produkt", "account": "Konto", "cost_center": "Kostenstelle", "org_unit": "Organisationseinheit", "einzelplan": "Einzelplan",
         "kapitel": "Kapitel", "titel": "Titel", "function": "Funktion"][dimension] ?? dimension
    }
    static let spellings: [String: String] = {
        var out = Dictionary(uniqueKeysWithValues: names.map { ($0, $0) })
        for (k, v) in ["produkt": "product", "konto": "account", "sachkonto": "account", "kostenstelle": "cost_center",
                       "organisationseinheit": "org_unit", "oe": "org_unit", "funktion": "function"] { out[k] = v }
        return out
    }()
}
