import Foundation
import GRDB

/// One posting as the audit tests see it.
public struct AuditPosting: Sendable, Hashable {
    public var id: Int64
    public var date: CivilDate
    public var documentId: String
    public var product: String
    public var costCenter: String
    public var account: String
    public var vendor: String
    public var amount: Money
    public init(id: Int64, date: CivilDate, documentId: String, product: String, costCenter: String = "",
                account: String, vendor: String, amount: Money) {
        self.id = id; self.date = date; self.documentId = documentId; self.product = product
        self.costCenter = costCenter; self.account = account; self.vendor = vendor; self.amount = amount
    }
    /// Expense accounts (classes 5 and 7) with a positive amount: a payment.
    var isPayment: Bool { amount.cents > 0 && (account.first == "5" || account.first == "7") }
    var isExpenseAccount: Bool { account.first == "5" || account.first == "7" }
}

/// A string key hashed and compared by its UTF-8 bytes: hashing a million non-ASCII vendor names
/// as `String` (which normalises them first) costs seconds. Names that differ only in Unicode
/// normalisation count as different vendors, as they would in the source system.
struct ByteKey: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
}

/// What an audit test found.
public enum AuditTestKind: String, Sendable, Codable, CaseIterable {
    case duplicatePayment = "duplicate-payment"
    case duplicateDocument = "duplicate-document"
    case roundAmount = "round-amount"
    case splitBelowThreshold = "split-below-threshold"
    case weekend
    case holiday
    case benford

    public var german: String {
        switch self {
        case .duplicatePayment: return "Mögliche Doppelzahlung"
        case .duplicateDocument: return "Belegnummer mehrfach"
        case .roundAmount: return "Runde Beträge"
        case .splitBelowThreshold: return "Gestückelte Zahlung unter Wertgrenze"
        case .weekend: return "Buchung am Wochenende"
        case .holiday: return "Buchung an Feiertag"
        case .benford: return "Benford-Abweichung"
        }
    }
}

/// One finding with the postings behind it.
public struct AuditFinding: Sendable, Hashable {
    public var kind: AuditTestKind
    /// What was found, in German, e.g. `Kreditor X: 2 × 1.234,00 € innerhalb von 3 Tagen`.
    public var text: String
    /// The sum of the postings behind the finding.
    public var amount: Money
    public var postingIds: [Int64]
    public var documentIds: [String]
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

/// The audit of one year's ledger.
public struct AuditReport: Sendable {
    public var year: Int
    public var postingCount: Int
    public var findings: [AuditFinding]
    public var benfordFirstDigit: BenfordTest
    public var benfordFirstTwoDigits: BenfordTest
    public var growthAccounts: [SpendingGrowth]
    public var growthVendors: [SpendingGrowth]
    public var voluntary: VoluntaryShare

    public func findings(_ kind: AuditTestKind) -> [AuditFinding] { findings.filter { $0.kind == kind } }
}

/// The tests auditors run on a ledger (as in IDEA or ACL), each finding with its postings.
///
/// - Possible duplicate payments: same vendor and amount within `duplicateWindowDays`; the same
///   document id on more than one posting.
/// - Benford first digit and first two digits (`BenfordTest`) over payments of at least 10 €.
/// - Round amounts: payments that are a whole multiple of `roundAmountMultiple`, from `roundAmountMinimum`.
/// - Split payments: payments of one vendor, each below an approval threshold (and at least
///   `splitMinimumShare` of it), that within `splitWindowDays` add up to the threshold or more.
/// - Postings on Saturdays, Sundays and NRW public holidays (`NRWHolidays`), one finding per day.
/// - Spending review: expense accounts and vendors with the largest growth against the prior year.
/// - Share of voluntary services, by the products flagged in the parameters.
///
///     let report = try LedgerAudit.run(store, year: 2025, parameters: .init())
public enum LedgerAudit {
    /// Loads the year's postings (and the prior year's totals) from the store and runs all tests.
    public static func run(_ store: Store, year: Int? = nil, parameters: AuditParameters) throws -> AuditReport {
        guard let year = try year ?? store.read({ try Int.fetchOne($0, sql: "SELECT max(fiscalYear) FROM posting") }) else {
            throw PruefstandError.other("Keine Buchungen im Speicher: erst `pruefstand import` ausführen.")
        }
        let (postings, priorAccounts, priorVendors) = try store.read { db in
            var postings: [AuditPosting] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, postingDate, documentId, product, costCenter, account, vendor, amountCents
                FROM posting WHERE fiscalYear = ? ORDER BY id
                """, arguments: [year])
            while let r = try cursor.next() {
                let iso: String = r[1]
                guard let date = LedgerAudit.parseISODate(iso) else {
                    throw PruefstandError.input(path: "posting", line: nil, message: "Buchung \(r[0] as Int64): Datum „\(iso)“ ist kein ISO-Datum")
                }
                postings.append(AuditPosting(id: r[0], date: date, documentId: r[2], product: r[3], costCenter: r[4],
                                             account: r[5], vendor: r[6], amount: Money(cents: r[7])))
            }
            let accounts = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT account, sum(amountCents) FROM posting WHERE fiscalYear = ? AND substr(account, 1, 1) IN ('5', '7') GROUP BY account
                """, arguments: [year - 1]).map { ($0[0] as String, $0[1] as Int64) })
            let vendors = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT vendor, sum(amountCents) FROM posting WHERE fiscalYear = ? AND substr(account, 1, 1) IN ('5', '7') GROUP BY vendor
                """, arguments: [year - 1]).map { ($0[0] as String, $0[1] as Int64) })
            return (postings, accounts, vendors)
        }
        return run(postings: postings, year: year, priorByAccount: priorAccounts, priorByVendor: priorVendors, parameters: parameters)
    }

    /// `yyyy-mm-dd` from its bytes (the store keeps ISO dates; `CivilDate(iso:)` splits strings, which
    /// is slow for a million postings).
    static func parseISODate(_ text: String) -> CivilDate? {
        var t = text
        return t.withUTF8 { b -> CivilDate? in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return CivilDate(iso: text) }
            func num(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r { let d = Int(b[i]) - 48; guard (0...9).contains(d) else { return nil }; v = v * 10 + d }
                return v
            }
            guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
            return CivilDate(year: y, month: m, day: d)
        }
    }

    /// Runs all tests on postings in memory.
    public static func run(postings: [AuditPosting], year: Int, priorByAccount: [String: Int64] = [:],
                           priorByVendor: [String: Int64] = [:], parameters p: AuditParameters) -> AuditReport {
        var findings: [AuditFinding] = []
        findings += duplicatePayments(postings, windowDays: p.duplicateWindowDays)
        findings += duplicateDocuments(postings)
        findings += roundAmounts(postings, multiple: p.roundAmountMultiple, minimum: p.roundAmountMinimum)
        findings += splitPayments(postings, thresholds: p.approvalThresholds, windowDays: p.splitWindowDays, minimumShare: p.splitMinimumShare)
        findings += nonWorkingDays(postings)
        let amounts = postings.filter(\.isPayment).map(\.amount.cents)
        let b1 = BenfordTest.run(amounts, kind: .firstDigit)
        let b2 = BenfordTest.run(amounts, kind: .firstTwoDigits)
        findings += benfordFindings(b1, postings) + benfordFindings(b2, postings)
        let (ga, gv) = spendingGrowth(postings, priorByAccount: priorByAccount, priorByVendor: priorByVendor, top: p.spendingReviewTop)
        return AuditReport(year: year, postingCount: postings.count, findings: findings, benfordFirstDigit: b1,
                           benfordFirstTwoDigits: b2, growthAccounts: ga, growthVendors: gv,
                           voluntary: voluntaryShare(postings, p.voluntaryProducts))
    }

    static func finding(_ kind: AuditTestKind, _ text: String, _ ps: [AuditPosting]) -> AuditFinding {
        var docs: [String] = [], seen = Set<String>()
        for q in ps where seen.insert(q.documentId).inserted { docs.append(q.documentId) }
        return AuditFinding(kind: kind, text: text, amount: ps.map(\.amount).sum(), postingIds: ps.map(\.id), documentIds: docs)
    }

    /// Same vendor and amount, each posting within `windowDays` of the previous one in the cluster.
    public static func duplicatePayments(_ postings: [AuditPosting], windowDays: Int) -> [AuditFinding] {
        // Sort payment indices by amount (integers are cheap), then group equal amounts by vendor:
        // hashing a million vendor names (non-ASCII, so normalised) would cost seconds.
        // A payment without a vendor (salaries, internal allocations) cannot be a duplicate payment to someone.
        var order = postings.indices.filter { postings[$0].isPayment && !postings[$0].vendor.isEmpty }
        order.sort { postings[$0].amount.cents < postings[$1].amount.cents }
        var groups: [(key: (vendor: String, cents: Int64), list: [Int])] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            let cents = postings[order[start]].amount.cents
            while end < order.count && postings[order[end]].amount.cents == cents { end += 1 }
            if end - start > 1 {
                var byVendor: [ByteKey: [Int]] = [:]
                for i in order[start..<end] { byVendor[ByteKey(postings[i].vendor), default: []].append(i) }
                for (vendor, list) in byVendor where list.count > 1 { groups.append(((vendor.text, cents), list)) }
            }
            start = end
        }
        var out: [AuditFinding] = []
        for (key, var list) in groups {
            list.sort { (postings[$0].date, postings[$0].id) < (postings[$1].date, postings[$1].id) }
            var cluster: [Int] = [list[0]]
            func flush() {
                if cluster.count > 1 {
                    let days = postings[cluster.last!].date.dayNumber - postings[cluster[0]].date.dayNumber
                    out.append(finding(.duplicatePayment, "\(key.vendor): \(cluster.count) × \(Money(cents: key.cents).germanString) innerhalb von \(days) Tag(en)",
                                       cluster.map { postings[$0] }))
                }
            }
            for i in list.dropFirst() {
                if postings[i].date.dayNumber - postings[cluster.last!].date.dayNumber <= windowDays { cluster.append(i) }
                else { flush(); cluster = [i] }
            }
            flush()
        }
        return out.sorted { ($0.amount, $1.postingIds.first ?? 0) > ($1.amount, $0.postingIds.first ?? 0) }
    }

    /// The same document id on more than one posting.
    public static func duplicateDocuments(_ postings: [AuditPosting]) -> [AuditFinding] {
        var first: [String: Int] = [:]
        var groups: [String: [Int]] = [:]
        first.reserveCapacity(postings.count)
        for (i, q) in postings.enumerated() where !q.documentId.isEmpty {
            if let f = first[q.documentId] {
                if groups[q.documentId] == nil { groups[q.documentId] = [f] }
                groups[q.documentId]!.append(i)
            } else { first[q.documentId] = i }
        }
        return groups.sorted { $0.key < $1.key }
            .map { finding(.duplicateDocument, "Beleg \($0.key): \($0.value.count) Buchungen", $0.value.map { postings[$0] }) }
    }

    /// Payments that are whole multiples of `multiple`, from `minimum`; one finding per vendor.
    public static func roundAmounts(_ postings: [AuditPosting], multiple: Money, minimum: Money) -> [AuditFinding] {
        guard multiple.cents > 0 else { return [] }
        var byVendor: [String: [AuditPosting]] = [:]
        for q in postings where q.isPayment && q.amount >= minimum && q.amount.cents % multiple.cents == 0 {
            byVendor[q.vendor, default: []].append(q)
        }
        return byVendor.sorted { $0.key < $1.key }.map { vendor, list in
            finding(.roundAmount, "\(vendor): \(list.count) Zahlung(en) in vollen \(multiple.germanString)", list)
        }
    }

    /// Payments of one vendor, each below a threshold but at least `minimumShare` of it, that within
    /// `windowDays` (from the first) reach the threshold together.
    public static func splitPayments(_ postings: [AuditPosting], thresholds: [AuditParameters.ApprovalThreshold],
                                     windowDays: Int, minimumShare: Decimal) -> [AuditFinding] {
        var byVendor: [String: [AuditPosting]] = [:]
        for q in postings where q.isPayment && !q.vendor.isEmpty { byVendor[q.vendor, default: []].append(q) }
        var out: [AuditFinding] = []
        for t in thresholds {
            let floor = t.amount.multiplied(by: minimumShare, rounding: .up)
            for (vendor, all) in byVendor.sorted(by: { $0.key < $1.key }) {
                let list = all.filter { $0.amount < t.amount && $0.amount >= floor }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
                var i = 0
                while i < list.count {
                    var j = i, sum = Money.zero
                    while j < list.count && list[j].date.dayNumber - list[i].date.dayNumber <= windowDays { sum += list[j].amount; j += 1 }
                    if j - i >= 2 && sum >= t.amount {
                        let group = Array(list[i..<j])
                        out.append(finding(.splitBelowThreshold,
                            "\(vendor): \(group.count) Zahlungen je unter \(t.amount.germanString) (\(t.description)), zusammen \(sum.germanString) vom \(group[0].date.german) bis \(group.last!.date.german)", group))
                        i = j
                    } else { i += 1 }
                }
            }
        }
        return out
    }

    /// One finding per Saturday, Sunday or NRW holiday with postings.
    public static func nonWorkingDays(_ postings: [AuditPosting]) -> [AuditFinding] {
        var byDate: [CivilDate: [AuditPosting]] = [:]
        var holidayCache: [Int: [CivilDate: String]] = [:]
        func holiday(_ d: CivilDate) -> String? {
            if holidayCache[d.year] == nil { holidayCache[d.year] = NRWHolidays.holidays(in: d.year) }
            return holidayCache[d.year]![d]
        }
        for q in postings where q.date.weekday >= 5 || holiday(q.date) != nil { byDate[q.date, default: []].append(q) }
        let dayNames = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
        return byDate.sorted { $0.key < $1.key }.map { date, list in
            if let name = holiday(date) {
                return finding(.holiday, "\(date.german) (\(name), \(dayNames[date.weekday])): \(list.count) Buchung(en)", list)
            }
            return finding(.weekend, "\(date.german) (\(dayNames[date.weekday])): \(list.count) Buchung(en)", list)
        }
    }

    /// When MAD says nonconformity: the three digits with the largest excess (z > 1.96), with their postings.
    static func benfordFindings(_ test: BenfordTest, _ postings: [AuditPosting]) -> [AuditFinding] {
        guard test.conformity == .nonconformity else { return [] }
        let n = test.kind == .firstDigit ? 1 : 2
        let excess = test.digits.indices
            .filter { Double(test.observed[$0]) > test.expectedProportions[$0] * Double(test.count) && test.zStatistic(ofDigitAt: $0) > 1.96 }
            .sorted { test.zStatistic(ofDigitAt: $0) > test.zStatistic(ofDigitAt: $1) }
            .prefix(3)
        let label = test.kind == .firstDigit ? "Erste Ziffer" : "Erste zwei Ziffern"
        return excess.map { i in
            let digit = test.digits[i]
            let list = postings.filter { $0.isPayment && BenfordTest.leadingDigits($0.amount.cents, count: n) == digit }
            let share = Double(test.observed[i]) / Double(test.count) * 100
            let expected = test.expectedProportions[i] * 100
            return finding(.benford, String(format: "%@ %d: %.1f %% beobachtet, %.1f %% erwartet (MAD %.4f, %@)",
                                            label, digit, share, expected, test.mad, test.conformity.german), list)
        }
    }

    /// Expense accounts and vendors with the largest growth against the prior year.
    public static func spendingGrowth(_ postings: [AuditPosting], priorByAccount: [String: Int64], priorByVendor: [String: Int64],
                                      top: Int) -> ([SpendingGrowth], [SpendingGrowth]) {
        var accountSums: [ByteKey: Int64] = [:], vendorSums: [ByteKey: Int64] = [:]
        for i in postings.indices where postings[i].isExpenseAccount {
            accountSums[ByteKey(postings[i].account), default: 0] += postings[i].amount.cents
            vendorSums[ByteKey(postings[i].vendor), default: 0] += postings[i].amount.cents
        }
        let accounts = Dictionary(uniqueKeysWithValues: accountSums.map { ($0.key.text, $0.value) })
        let vendors = Dictionary(uniqueKeysWithValues: vendorSums.map { ($0.key.text, $0.value) })
        func growth(_ kind: SpendingGrowth.Kind, _ current: [String: Int64], _ prior: [String: Int64]) -> [SpendingGrowth] {
            let chosen = Set(current.keys).union(prior.keys)
                .map { (key: $0, change: (current[$0] ?? 0) - (prior[$0] ?? 0)) }
                .sorted { ($0.change, $1.key) > ($1.change, $0.key) }
                .prefix(top).filter { $0.change > 0 }
            // The ten largest postings behind each chosen key, in one pass.
            var largest: [ByteKey: [Int]] = Dictionary(uniqueKeysWithValues: chosen.map { (ByteKey($0.key), []) })
            for i in postings.indices where postings[i].isExpenseAccount {
                let k = ByteKey(kind == .account ? postings[i].account : postings[i].vendor)
                guard largest[k] != nil else { continue }
                largest[k]!.append(i)
                if largest[k]!.count > 40 {
                    largest[k]!.sort { (postings[$0].amount, postings[$1].id) > (postings[$1].amount, postings[$0].id) }
                    largest[k]!.removeLast(30)
                }
            }
            return chosen.map { c in
                SpendingGrowth(kind: kind, key: c.key, prior: Money(cents: prior[c.key] ?? 0), current: Money(cents: current[c.key] ?? 0),
                               largestPostingIds: (largest[ByteKey(c.key)] ?? [])
                                   .sorted { (postings[$0].amount, postings[$1].id) > (postings[$1].amount, postings[$0].id) }
                                   .prefix(10).map { postings[$0].id })
            }
        }
        return (growth(.account, accounts, priorByAccount), growth(.vendor, vendors, priorByVendor))
    }

    /// Expenses on products flagged as voluntary, against all expenses of the year.
    public static func voluntaryShare(_ postings: [AuditPosting], _ products: [AuditParameters.VoluntaryProduct]) -> VoluntaryShare {
        var total: Int64 = 0, voluntary: [String: Int64] = [:]
        for q in postings where q.isExpenseAccount {
            total += q.amount.cents
            if products.contains(where: { $0.matches(q.product) }) { voluntary[q.product, default: 0] += q.amount.cents }
        }
        return VoluntaryShare(voluntaryExpense: Money(cents: voluntary.values.reduce(0, +)), totalExpense: Money(cents: total),
                              byProduct: voluntary.map { ($0.key, Money(cents: $0.value)) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) })
    }
}
