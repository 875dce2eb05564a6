import Foundation

/// Spending review: the expense accounts and vendors with the largest growth against the prior year
/// (`spending_review_top` each, only growing ones), with their ten largest postings. No findings; table
/// `audit_growth`.
struct SpendingGrowthCheck: AuditCheck {
    static let key = "spending-growth"
    static let name = Phrase(de: "Ausgabenkritik: stärkster Anstieg zum Vorjahr", en: "Spending review: largest growth on prior year")
    static let kinds: [AuditTestKind] = []

    struct Result: Sendable { var accounts: [SpendingGrowth]; var vendors: [SpendingGrowth] }

    struct Parameters: AuditCheckParameters {
        /// How many accounts and vendors the spending review lists (at least 1).
        var top: Int
        /// The declared range starts at 1.
        init(_ s: AuditParameterSection) throws {
            top = try s.int("spending_review_top")
        }
    }

    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput {
        let (accounts, vendors) = a.spendingGrowth(priorByAccount: a.priorByAccount, priorByVendor: a.priorByVendor, top: p.top)
        return .init(result: Result(accounts: accounts, vendors: vendors))
    }

    func tables(_ report: AuditReport, lang: Language) -> [ReportTable] {
        let de = lang == .de, year = report.year
        var growth = ReportTable(
            key: "audit_growth", de: Self.name.de, en: Self.name.en,
            columns: ReportColumns.list("kind key prior", table: "audit_growth") + [
                .init("current", de: "Jahr \(year)", en: "Year \(year)", kind: .money),
            ] + ReportColumns.list("change change_share largest_postings", table: "audit_growth"),
            rows: (report.growthAccounts + report.growthVendors).map { g in
                [.text(g.kind == .account ? (de ? "Konto" : "Account") : (de ? "Kreditor" : "Vendor")), .text(g.key), .money(g.prior), .money(g.current),
                 .formula("={col:current}{r}-{col:prior}{r}", cached: .money(g.change)),
                 .formula("=IF({col:prior}{r}=0,\"\",({col:current}{r}-{col:prior}{r})/{col:prior}{r})",
                          cached: g.changeShare.map { .percent($0) } ?? .text("")),
                 .text(g.largestPostingIds.map(String.init).joined(separator: " "))]
            })
        growth.sheetDE = "Stärkster Anstieg zum Vorjahr"; growth.sheetEN = "Largest growth on prior year"
        return [growth]
    }

    func json(_ report: AuditReport) -> [String: Any] {
        func growth(_ g: SpendingGrowth) -> [String: Any] {
            ["kind": g.kind.rawValue, "key": g.key, "prior": g.prior.plainString, "current": g.current.plainString,
             "change": g.change.plainString, "largest_posting_ids": g.largestPostingIds]
        }
        return ["growth_accounts": report.growthAccounts.map(growth), "growth_vendors": report.growthVendors.map(growth)]
    }
}

/// Growth of an account's or vendor's spending against the prior year.
public struct SpendingGrowth: Sendable, Hashable {
    public enum Kind: String, Sendable { case account, vendor }
    public var kind: Kind
    public var key: String
    public var prior: Money
    public var current: Money
    public var change: Money { current - prior }
    /// change ÷ prior, `nil` when the prior year had nothing.
    public var changeShare: Decimal? { prior.cents == 0 ? nil : Decimal(change.cents) / Decimal(prior.cents) }
    /// The largest postings of the year behind it (at most 10).
    public var largestPostingIds: [Int64]
}

extension AuditReport {
    /// Expense accounts with the largest growth against the prior year.
    public var growthAccounts: [SpendingGrowth] { SpendingGrowthCheck.result(self, as: SpendingGrowthCheck.Result.self)?.accounts ?? [] }
    /// Vendors with the largest growth against the prior year.
    public var growthVendors: [SpendingGrowth] { SpendingGrowthCheck.result(self, as: SpendingGrowthCheck.Result.self)?.vendors ?? [] }
}

extension AuditChecks {
    /// Expense accounts and vendors with the largest growth against the prior year.
    func spendingGrowth(priorByAccount: [String: Int64], priorByVendor: [String: Int64], top: Int) -> ([SpendingGrowth], [SpendingGrowth]) {
        var accountSums = [Int64](repeating: 0, count: l.accounts.count), vendorSums = [Int64](repeating: 0, count: l.vendors.count)
        var accountSeen = [Bool](repeating: false, count: l.accounts.count), vendorSeen = [Bool](repeating: false, count: l.vendors.count)
        for i in 0..<l.count where isExpense[Int(l.account[i])] {
            let a = Int(l.account[i]), v = Int(l.vendor[i])
            accountSums[a] += l.cents[i]; accountSeen[a] = true
            vendorSums[v] += l.cents[i]; vendorSeen[v] = true
        }
        // Sums by bytes, then keyed by `String` (as the spending review always keyed them).
        let accounts = Dictionary(uniqueKeysWithValues: accountSums.indices.filter { accountSeen[$0] }.map { (l.accounts.string(Int32($0)), accountSums[$0]) })
        let vendors = Dictionary(uniqueKeysWithValues: vendorSums.indices.filter { vendorSeen[$0] }.map { (l.vendors.string(Int32($0)), vendorSums[$0]) })
        func growth(_ kind: SpendingGrowth.Kind, _ current: [String: Int64], _ prior: [String: Int64]) -> [SpendingGrowth] {
            let chosen = Set(current.keys).union(prior.keys)
                .map { (key: $0, change: (current[$0] ?? 0) - (prior[$0] ?? 0)) }
                .sorted { ($0.change, $1.key) > ($1.change, $0.key) }
                .prefix(top).filter { $0.change > 0 }
            // The ten largest postings behind each chosen key (by its bytes), in one pass.
            let column = kind == .account ? l.account : l.vendor
            let values = kind == .account ? l.accounts : l.vendors
            var slot = [Int32](repeating: -1, count: values.count)
            for (k, c) in chosen.enumerated() { if let id = values.find(c.key) { slot[Int(id)] = Int32(k) } }
            var largest = [[(cents: Int64, id: Int64)]](repeating: [], count: chosen.count)
            @inline(__always) func before(_ a: (cents: Int64, id: Int64), _ b: (cents: Int64, id: Int64)) -> Bool {
                a.cents > b.cents || (a.cents == b.cents && a.id < b.id)
            }
            for i in 0..<l.count where isExpense[Int(l.account[i])] {
                let s = slot[Int(column[i])]
                guard s >= 0 else { continue }
                let p = (cents: l.cents[i], id: l.ids[i])
                var list = largest[Int(s)]
                if list.count == 10 && !before(p, list[9]) { continue }
                largest[Int(s)] = []
                var at = list.count
                while at > 0 && before(p, list[at - 1]) { at -= 1 }
                list.insert(p, at: at)
                if list.count > 10 { list.removeLast() }
                largest[Int(s)] = list
            }
            return chosen.enumerated().map { k, c in
                SpendingGrowth(kind: kind, key: c.key, prior: Money(cents: prior[c.key] ?? 0), current: Money(cents: current[c.key] ?? 0),
                               largestPostingIds: largest[k].map(\.id))
            }
        }
        return (growth(.account, accounts, priorByAccount), growth(.vendor, vendors, priorByVendor))
    }
}
