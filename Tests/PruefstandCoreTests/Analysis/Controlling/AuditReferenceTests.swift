import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The audit as it was before the compact ledger (postings as structs of `String`s), kept as the
/// reference the compact one must match finding for finding.
enum ReferenceAudit {
    struct ByteKey: Hashable {
        let text: String
        init(_ text: String) { self.text = text }
        func hash(into h: inout Hasher) {
            var t = text
            t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    }
    /// Runs all tests on postings in memory.
    static func run(postings: [AuditPosting], year: Int, priorByAccount: [String: Int64] = [:],
                           priorByVendor: [String: Int64] = [:], parameters p: AuditParameters) -> AuditReport {
        var findings: [AuditFinding] = []
        findings += duplicatePayments(postings, windowDays: p[DuplicatePaymentCheck.self].windowDays)
        findings += duplicateDocuments(postings)
        findings += roundAmounts(postings, multiple: p[RoundAmountCheck.self].multiple, minimum: p[RoundAmountCheck.self].minimum)
        findings += splitPayments(postings, thresholds: p[SplitPaymentCheck.self].thresholds, windowDays: p[SplitPaymentCheck.self].windowDays, minimumShare: p[SplitPaymentCheck.self].minimumShare)
        findings += nonWorkingDays(postings)
        let amounts = postings.filter(\.isPayment).map(\.amount.cents)
        let b1 = BenfordTest.run(amounts, kind: .firstDigit)
        let b2 = BenfordTest.run(amounts, kind: .firstTwoDigits)
        findings += benfordFindings(b1, postings) + benfordFindings(b2, postings)
        let (ga, gv) = spendingGrowth(postings, priorByAccount: priorByAccount, priorByVendor: priorByVendor, top: p[SpendingGrowthCheck.self].top)
        return AuditReport(year: year, postingCount: postings.count, findings: findings, benfordFirstDigit: b1,
                           benfordFirstTwoDigits: b2, growthAccounts: ga, growthVendors: gv,
                           voluntary: voluntaryShare(postings, p[VoluntaryShareCheck.self].products))
    }

    static func finding(_ kind: AuditTestKind, _ text: String, _ ps: [AuditPosting]) -> AuditFinding {
        var docs: [String] = [], seen = Set<String>()
        for q in ps where seen.insert(q.documentId).inserted { docs.append(q.documentId) }
        return AuditFinding(kind: kind, text: text, amount: ps.map(\.amount).sum(), postingIds: ps.map(\.id), documentIds: docs)
    }

    /// Same vendor and amount, each posting within `windowDays` of the previous one in the cluster.
    static func duplicatePayments(_ postings: [AuditPosting], windowDays: Int) -> [AuditFinding] {
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
    static func duplicateDocuments(_ postings: [AuditPosting]) -> [AuditFinding] {
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
    static func roundAmounts(_ postings: [AuditPosting], multiple: Money, minimum: Money) -> [AuditFinding] {
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
    static func splitPayments(_ postings: [AuditPosting], thresholds: [AuditParameters.ApprovalThreshold],
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
    static func nonWorkingDays(_ postings: [AuditPosting]) -> [AuditFinding] {
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
            // German text, German numbers (issue 16): a decimal comma.
            return finding(.benford, String(format: "%@ %d: %.1f %% beobachtet, %.1f %% erwartet (MAD %.4f, %@)",
                                            label, digit, share, expected, test.mad, test.conformity.german)
                                .replacingOccurrences(of: #"(\d)\.(\d)"#, with: "$1,$2", options: .regularExpression), list)
        }
    }

    /// Expense accounts and vendors with the largest growth against the prior year.
    static func spendingGrowth(_ postings: [AuditPosting], priorByAccount: [String: Int64], priorByVendor: [String: Int64],
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
    static func voluntaryShare(_ postings: [AuditPosting], _ products: [AuditParameters.VoluntaryProduct]) -> VoluntaryShare {
        var total: Int64 = 0, voluntary: [String: Int64] = [:]
        for q in postings where q.isExpenseAccount {
            total += q.amount.cents
            if products.contains(where: { $0.matches(q.product) }) { voluntary[q.product, default: 0] += q.amount.cents }
        }
        return VoluntaryShare(voluntaryExpense: Money(cents: voluntary.values.reduce(0, +)), totalExpense: Money(cents: total),
                              byProduct: voluntary.map { ($0.key, Money(cents: $0.value)) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) })
    }
}

extension ReferenceAudit {
    /// The store loader as it was: a GRDB `Row` per posting and two more scans for the prior year.
    static func run(_ store: Store, year: Int, parameters: AuditParameters) throws -> AuditReport {
        let (postings, priorAccounts, priorVendors) = try store.read { db in
            var postings: [AuditPosting] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, postingDate, documentId, product, costCenter, account, vendor, amountCents
                FROM posting WHERE fiscalYear = ? ORDER BY id
                """, arguments: [year])
            while let r = try cursor.next() {
                let iso: String = r[1]
                postings.append(AuditPosting(id: r[0], date: CivilDate(iso: iso)!, documentId: r[2], product: r[3], costCenter: r[4],
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
}

@Suite("Controlling: ledger audit against the reference")
struct AuditReferenceTests {
    static let parameters = AuditParameters(
        duplicateWindowDays: 5, roundAmountMultiple: Money(euros: 100), roundAmountMinimum: Money(euros: 100),
        approvalThresholds: [.init(amount: Money(euros: 5_000), description: "Amtsleitung"), .init(amount: Money(euros: 1_000), description: "Sachgebiet")],
        splitWindowDays: 10, splitMinimumShare: Decimal(string: "0.3")!, spendingReviewTop: 4,
        voluntaryProducts: [.init(product: "04", description: "Kultur"), .init(product: "08.01", description: "Sport")])

    /// Small pools, so that amounts, vendors and document ids repeat; non-ASCII vendors and
    /// products (one product in composed and decomposed form), document ids equal only as `String`s
    /// ("é" composed and decomposed, "K" and the Kelvin sign) unless `asciiDocuments`.
    static func ledger(seed: UInt64, count: Int, asciiDocuments: Bool, year: Int = 2025) -> [ControllingFixture.Posting] {
        var r = ScenarioMonteCarlo.SplitMix64(seed: seed)
        let vendors = ["Bäckerei Groß", "IT-Dienstleister \"Süd\" AG", "N.N.", "", "Öffentliche Kasse", "Café Krümel"]
        let accounts = ["521100", "501100", "701200", "401100", "541000", "5"]
        let products = ["04.01.01", "04.02.01", "01.01.01", "08.01.02", "08.02.01", "04.01.\u{E9}", "04.01.e\u{301}"]
        let documents = asciiDocuments ? ["B1", "B2", "B3", "", "K"] : ["B1", "B2", "", "K", "\u{212A}", "\u{E9}", "e\u{301}"]
        let amounts: [Int64] = [100_000, 99_000, 450_000, 123_456, 10_000, 200_000, 170_000, 30_000, 999, -50_000]
        return (0..<count).map { i in
            let day = CivilDate(year: year, month: 1, day: 1)!.adding(days: Int.random(in: 0..<90, using: &r))
            let amount = Bool.random(using: &r) ? amounts.randomElement(using: &r)! : Int64.random(in: -100_000...900_000, using: &r)
            let doc = Int.random(in: 0..<4, using: &r) == 0 ? documents.randomElement(using: &r)! : "D\(year)-\(i)"
            return ControllingFixture.Posting(date: day.iso, product: products.randomElement(using: &r)!, account: accounts.randomElement(using: &r)!,
                                              amountCents: amount, vendor: vendors.randomElement(using: &r)!, documentId: doc)
        }
    }

    static func expectSame(_ a: AuditReport, _ b: AuditReport) {
        #expect(a.postingCount == b.postingCount)
        #expect(a.findings.count == b.findings.count)
        for (x, y) in zip(a.findings, b.findings) where x != y {
            Issue.record("finding differs:\n\(x)\n\(y)")
            break
        }
        #expect(a.benfordFirstDigit == b.benfordFirstDigit)
        #expect(a.benfordFirstTwoDigits == b.benfordFirstTwoDigits)
        #expect(a.growthAccounts == b.growthAccounts)
        #expect(a.growthVendors == b.growthVendors)
        #expect(a.voluntary == b.voluntary)
        #expect(a.voluntary.byProduct.map(\.product) == b.voluntary.byProduct.map(\.product))
    }

    @Test("in memory: the same findings as the reference, ids ascending or shuffled, document ids ASCII or not", arguments: 0..<40)
    func inMemory(_ seed: Int) throws {
        let ascii = seed % 2 == 0
        var r = ScenarioMonteCarlo.SplitMix64(seed: UInt64(seed) &+ 1000)
        let raw = Self.ledger(seed: UInt64(seed), count: 400, asciiDocuments: ascii)
        var ids = (1...Int64(raw.count)).map { $0 * 3 }
        if seed % 4 >= 2 { ids.shuffle(using: &r) }
        let postings = zip(ids, raw).map { id, p in
            AuditPosting(id: id, date: CivilDate(iso: p.date)!, documentId: p.documentId.isEmpty ? "D\(id)" : p.documentId, product: p.product,
                         account: p.account, vendor: p.vendor, amount: Money(cents: p.amountCents))
        }
        let prior = (["521100": Int64(1_000_000), "701200": 50], ["N.N.": Int64(2_000_000), "Café Krümel": 10])
        Self.expectSame(try LedgerAudit.run(postings: postings, year: 2025, priorByAccount: prior.0, priorByVendor: prior.1, parameters: Self.parameters),
                        ReferenceAudit.run(postings: postings, year: 2025, priorByAccount: prior.0, priorByVendor: prior.1, parameters: Self.parameters))
    }

    @Test("the random ledgers find every kind of finding (so the comparison covers every test)")
    func coverage() throws {
        var kinds = Set<AuditTestKind>()
        for seed in 0..<8 {
            let postings = Self.ledger(seed: UInt64(seed), count: 400, asciiDocuments: seed % 2 == 0).enumerated().map { i, p in
                AuditPosting(id: Int64(i + 1), date: CivilDate(iso: p.date)!, documentId: p.documentId.isEmpty ? "D\(i)" : p.documentId,
                             product: p.product, account: p.account, vendor: p.vendor, amount: Money(cents: p.amountCents))
            }
            kinds.formUnion(try LedgerAudit.run(postings: postings, year: 2025, parameters: Self.parameters).findings.map(\.kind))
        }
        #expect(kinds == Set(AuditTestKind.allCases))
    }

    @Test("through the store (with a prior year): the same report as the reference loader", arguments: 0..<6)
    func throughStore(_ seed: Int) throws {
        let postings = Self.ledger(seed: UInt64(seed) &+ 77, count: 300, asciiDocuments: true, year: 2024)
            + Self.ledger(seed: UInt64(seed), count: 500, asciiDocuments: seed % 2 == 0)
        let store = try ControllingFixture.store(postings: postings, plan: [])
        Self.expectSame(try LedgerAudit.run(store, year: 2025, parameters: Self.parameters),
                        try ReferenceAudit.run(store, year: 2025, parameters: Self.parameters))
    }
}
