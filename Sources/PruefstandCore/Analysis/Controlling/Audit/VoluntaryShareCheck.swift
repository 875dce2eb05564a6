import Foundation

/// Share of voluntary services (freiwillige Leistungen): expenses on the products flagged in
/// `voluntary_products` (a product code or a prefix: `04`, `15.03`) against all expenses of the year. No
/// findings; table `audit_voluntary`.
struct VoluntaryShareCheck: AuditCheck {
    static let key = "voluntary-share"
    static let name = Phrase(de: "Freiwillige Leistungen", en: "Voluntary services")
    static let kinds: [AuditTestKind] = []

    struct Parameters: AuditCheckParameters {
        var products: [AuditParameters.VoluntaryProduct]
        /// `voluntary_products: [{product, description, source}]` from the file (none: no voluntary share).
        init(_ s: AuditParameterSection) throws {
            products = try s.list("voluntary_products").map { row in
                let r = try row.dictionary(allowed: ["product", "description", "source"], required: ["product", "description", "source"])
                if try r["source"]!.string().trimmingCharacters(in: .whitespaces).isEmpty { throw r["source"]!.fail("Quelle fehlt (source)") }
                let product = try r["product"]!.text()
                let parts = product.split(separator: ".")
                guard (1...3).contains(parts.count), parts[0].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitChar) }) else {
                    throw r["product"]!.fail("„\(product)“ ist kein Produktcode oder Präfix (01, 01.11, 01.11.01)")
                }
                return AuditParameters.VoluntaryProduct(product: product, description: try r["description"]!.string())
            }
        }
    }

    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput { .init(result: a.voluntaryShare(p.products)) }

    func tables(_ report: AuditReport, lang: Language) -> [ReportTable] {
        let de = lang == .de, voluntary = report.voluntary
        return [ReportTable(
            key: "audit_voluntary", de: Self.name.de, en: Self.name.en,
            columns: [
                .init("product", de: "Produkt", en: "Product", kind: .text),
                .init("expense", de: "Aufwand", en: "Expense", kind: .money, total: true),
                .init("share", de: "Anteil am Gesamtaufwand", en: "Share of all expenses", kind: .percent),
            ],
            rows: voluntary.byProduct.map { p in
                [.text(p.product), .money(p.amount),
                 .percent(voluntary.totalExpense.cents == 0 ? 0 : Decimal(p.amount.cents) / Decimal(voluntary.totalExpense.cents))]
            },
            notes: [(de ? "Freiwillige Leistungen \(voluntary.voluntaryExpense.germanString) von \(voluntary.totalExpense.germanString) Aufwand"
                        : "Voluntary services \(NumberText.euros(voluntary.voluntaryExpense, lang)) of \(NumberText.euros(voluntary.totalExpense, lang)) expenses")
                    + (voluntary.share.map { " = \(NumberText.percent($0, lang))" } ?? "")])]
    }

    func json(_ report: AuditReport) -> [String: Any] {
        let v = report.voluntary
        return ["voluntary": ["voluntary_expense": v.voluntaryExpense.plainString, "total_expense": v.totalExpense.plainString,
                              "by_product": v.byProduct.map { ["product": $0.product, "amount": $0.amount.plainString] }] as [String: Any]]
    }
}

/// Share of voluntary services (freiwillige Leistungen) in the year's expenses.
public struct VoluntaryShare: Sendable, Hashable {
    public var voluntaryExpense: Money
    public var totalExpense: Money
    public var share: Decimal? { totalExpense.cents == 0 ? nil : Decimal(voluntaryExpense.cents) / Decimal(totalExpense.cents) }
    /// Per product flagged as voluntary, ordered by amount descending.
    public var byProduct: [(product: String, amount: Money)]
    public static func == (a: VoluntaryShare, b: VoluntaryShare) -> Bool {
        a.voluntaryExpense == b.voluntaryExpense && a.totalExpense == b.totalExpense
            && a.byProduct.map(\.product) == b.byProduct.map(\.product) && a.byProduct.map(\.amount) == b.byProduct.map(\.amount)
    }
    public func hash(into h: inout Hasher) { h.combine(voluntaryExpense); h.combine(totalExpense) }
}

extension AuditReport {
    /// The share of voluntary services (nothing when the check did not run).
    public var voluntary: VoluntaryShare {
        VoluntaryShareCheck.result(self, as: VoluntaryShare.self) ?? VoluntaryShare(voluntaryExpense: .zero, totalExpense: .zero, byProduct: [])
    }
}

extension AuditParameters {
    /// A product (or product group / area prefix) whose services are voluntary (freiwillige Leistung).
    public struct VoluntaryProduct: Sendable, Hashable {
        /// A product code or a prefix of one: `04.01.01`, `04.01` or `04`.
        public var product: String
        public var description: String
        public init(product: String, description: String) { self.product = product; self.description = description }
        func matches(_ code: String) -> Bool {
            code == product || code.hasPrefix(product + ".") || (product.count == 2 && code.hasPrefix(product))
        }
    }
}

extension AuditChecks {
    /// Expenses on products flagged as voluntary, against all expenses of the year.
    func voluntaryShare(_ flagged: [AuditParameters.VoluntaryProduct]) -> VoluntaryShare {
        let isVoluntary = l.products.strings.map { code in flagged.contains { $0.matches(code) } }
        var total: Int64 = 0
        var sums = [Int64](repeating: 0, count: l.products.count)
        var key = [Int32](repeating: -1, count: l.products.count)   // per product class: the id that keys it (its first posting's)
        for i in 0..<l.count where isExpense[Int(l.account[i])] {
            total += l.cents[i]
            let p = l.product[i]
            guard isVoluntary[Int(p)] else { continue }
            let c = Int(productClass[Int(p)])
            if key[c] < 0 { key[c] = p }
            sums[c] += l.cents[i]
        }
        let voluntary = key.indices.filter { key[$0] >= 0 }.map { (l.products.string(key[$0]), sums[$0]) }
        return VoluntaryShare(voluntaryExpense: Money(cents: voluntary.map(\.1).reduce(0, +)), totalExpense: Money(cents: total),
                              byProduct: voluntary.map { ($0.0, Money(cents: $0.1)) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) })
    }
}
