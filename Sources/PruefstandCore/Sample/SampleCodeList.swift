import Foundation

/// Musterstadt's code list (`codes.csv`, import kind `codes`): the names of its product areas, product
/// groups, products and accounts, so that reports show a name beside every code (issue 16).
///
/// The 17 product areas carry the names of the NRW product framework (NKF, Runderlass "Produktrahmen",
/// Produktbereiche 01–17); the accounts the names of the sample's NKF accounts (`SampleBudget.accounts`). Groups
/// and products are synthetic: the area's name with a numbered group, and one of five kinds of service.
public struct SampleCodeName: Sendable, Equatable {
    public var code: String, name: String, dimension: String, level: String
}

enum SampleCodeList {
    /// NRW product areas (Produktbereiche) of the NKF product framework: the names `ProductCode` knows.
    static var areaNames: [String: String] { ProductCode.areaNames }

    /// The kinds of service a synthetic product stands for, by its number within the group (1–5).
    static let serviceKinds = ["Steuerung und Planung", "Leistungen für Bürgerinnen und Bürger", "Einrichtungen und Anlagen",
                               "Förderung und Zuschüsse", "Aufsicht und Genehmigungen"]

    /// Areas, groups and products of `products` (codes `area.group.product`), then the accounts, in code order.
    static func rows(products: [String]) -> [SampleCodeName] {
        var out: [SampleCodeName] = []
        var seenAreas: Set<String> = [], seenGroups: Set<String> = []
        for code in products.sorted() {
            let parts = code.split(separator: ".").map(String.init)
            guard parts.count == 3, let area = areaNames[parts[0]] else { continue }
            if seenAreas.insert(parts[0]).inserted {
                out.append(.init(code: parts[0], name: area, dimension: "product", level: "produktbereich"))
            }
            let group = parts[0] + "." + parts[1]
            if seenGroups.insert(group).inserted {
                out.append(.init(code: group, name: "\(area), Produktgruppe \(Int(parts[1]) ?? 0)", dimension: "product", level: "produktgruppe"))
            }
            let kind = serviceKinds[((Int(parts[2]) ?? 1) - 1) % serviceKinds.count]
            out.append(.init(code: code, name: "\(area): \(kind) (Gruppe \(Int(parts[1]) ?? 0))", dimension: "product", level: "produkt"))
        }
        for spec in SampleBudget.accounts.sorted(by: { $0.account < $1.account }) {
            out.append(.init(code: spec.account, name: spec.name, dimension: "account", level: "konto"))
        }
        return out
    }
}
