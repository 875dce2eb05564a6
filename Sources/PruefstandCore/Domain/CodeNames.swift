import Foundation

/// The names of codes, per dimension: `product` `16.01.01` → "Allgemeine Finanzwirtschaft", `account`
/// `401300` → "Gewerbesteuer", `org_unit`, `cost_center`. Reports show a name beside every code (issue 16).
///
/// Where the names come from is the store's business (`Store.codeNameBook()`: org units and cost centers
/// from their own files, products and accounts from code lists, the `codes` import kind). A product area
/// (`16`) or group (`16.01`) is looked up in its own dimension first and then among the products (a code
/// list of the product framework holds every level); an account group (`40`) likewise among the accounts.
///
///     var names = CodeNames()
///     names.set("product", ["16.01.01": "Steuern, allgemeine Zuweisungen"])
///     names.name(of: "16.01.01", in: "product")   // "Steuern, allgemeine Zuweisungen"
public struct CodeNames: Sendable, Equatable {
    public private(set) var byDimension: [String: [String: String]] = [:]

    public init() {}

    /// Adds names of one dimension; a name already there for a code is kept unless `replacing`.
    public mutating func set(_ dimension: String, _ names: [String: String], replacing: Bool = true) {
        byDimension[dimension, default: [:]].merge(names) { old, new in replacing ? new : old }
    }

    /// The dimensions a code column may be looked up in, most specific first.
    static func lookupOrder(_ dimension: String) -> [String] {
        switch dimension {
        case "product_area", "product_group": return [dimension, "product"]
        case "account_group": return [dimension, "account"]
        default: return [dimension]
        }
    }

    /// The name of a code, or nil. Surrounding spaces of the code do not matter.
    public func name(of code: String, in dimension: String) -> String? {
        let key = code.trimmingCharacters(in: .whitespaces)
        for d in Self.lookupOrder(dimension) {
            if let n = byDimension[d]?[key], !n.isEmpty { return n }
        }
        return nil
    }

    /// `true` if no dimension has a name.
    public var isEmpty: Bool { byDimension.values.allSatisfy(\.isEmpty) }

    /// The code columns a report table may carry, with their dimension (the column key is the dimension).
    public static let codeColumns: Set<String> = ["product", "account", "cost_center", "org_unit", "product_area",
                                                   "product_group", "account_group"]
}
