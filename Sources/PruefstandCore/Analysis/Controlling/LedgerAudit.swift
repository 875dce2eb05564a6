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

/// What an audit test found.
public enum AuditTestKind: String, Sendable, Codable, CaseIterable {
    case duplicatePayment = "duplicate-payment"
    case duplicateDocument = "duplicate-document"
    case roundAmount = "round-amount"
    case splitBelowThreshold = "split-below-threshold"
    case weekend
    case holiday
    case benford

    /// The test's name in a report's language; the machine key (`duplicate-payment`) stays in CSV and JSON.
    public func name(_ lang: Language) -> String {
        guard lang == .en else { return german }
        switch self {
        case .duplicatePayment: return "Possible duplicate payment"
        case .duplicateDocument: return "Document number used twice"
        case .roundAmount: return "Round amounts"
        case .splitBelowThreshold: return "Split payment below approval threshold"
        case .weekend: return "Posting on a weekend"
        case .holiday: return "Posting on a public holiday"
        case .benford: return "Benford deviation"
        }
    }

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
    /// The same in English (issue 16); empty for a finding built elsewhere.
    public var textEN: String = ""

    /// The text in a report's language.
    public func text(_ lang: Language) -> String { lang == .en && !textEN.isEmpty ? textEN : text }

    /// Two findings are the same when kind, German text, amount and postings agree; the English text is a
    /// rendering of the German one, not part of what was found.
    public static func == (a: AuditFinding, b: AuditFinding) -> Bool {
        a.kind == b.kind && a.text == b.text && a.amount == b.amount && a.postingIds == b.postingIds && a.documentIds == b.documentIds
    }
    public func hash(into h: inout Hasher) { h.combine(kind); h.combine(text); h.combine(amount); h.combine(postingIds); h.combine(documentIds) }
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
/// The tests run on `AuditLedger`, the postings in compact columns; `String`s are made only for
/// the postings behind findings.
///
///     let report = try LedgerAudit.run(store, year: 2025, parameters: .init())
public enum LedgerAudit {
    /// Loads the year's postings (and the prior year's totals) from the store and runs all tests.
    public static func run(_ store: Store, year: Int? = nil, parameters: AuditParameters) throws -> AuditReport {
        guard let year = try year ?? store.read({ try Int.fetchOne($0, sql: "SELECT max(fiscalYear) FROM posting") }) else {
            throw PruefstandError.other("Keine Buchungen im Speicher: erst `pruefstand import` ausführen.")
        }
        guard FiscalYear(year) != nil else {
            throw PruefstandError.other("Haushaltsjahr \(year) liegt außerhalb von \(FiscalYear.supportedRangeText); --year prüfen")
        }
        let (ledger, priorAccounts, priorVendors) = try store.read { db in try AuditLedger.load(db, year: year) }
        return try run(ledger, year: year, priorByAccount: priorAccounts, priorByVendor: priorVendors, parameters: parameters)
    }

    /// Runs all tests on postings in memory.
    public static func run(postings: [AuditPosting], year: Int, priorByAccount: [String: Int64] = [:],
                           priorByVendor: [String: Int64] = [:], parameters p: AuditParameters) throws -> AuditReport {
        try run(AuditLedger(postings), year: year, priorByAccount: priorByAccount, priorByVendor: priorByVendor, parameters: p)
    }

    /// Throws when the amounts' totals leave the 64-bit range (`AuditLedger.checkTotals`); a returned
    /// report's sums are exact.
    static func run(_ l: AuditLedger, year: Int, priorByAccount: [String: Int64], priorByVendor: [String: Int64],
                    parameters p: AuditParameters) throws -> AuditReport {
        // Account and vendor sums of the prior year cover the same postings: one of them suffices.
        try l.checkTotals(year: year, prior: Array(priorByAccount.values) + Array(priorByVendor.values))
        return try AmountCheck.run("Prüfungsanalysen \(year)") { runChecked(l, year: year, priorByAccount: priorByAccount, priorByVendor: priorByVendor, parameters: p) }
    }

    private static func runChecked(_ l: AuditLedger, year: Int, priorByAccount: [String: Int64], priorByVendor: [String: Int64],
                                   parameters p: AuditParameters) -> AuditReport {
        let a = AuditChecks(l)
        // The tests are independent and read only: run them side by side (each writes its own
        // slot), then list their postings' ids and document ids (side by side too).
        let raws = (0..<5).map { _ in Slot<[RawFinding]>() }
        let documents = Slot<(group: [Int32]?, groups: [(key: String, members: [Int32])])>()
        let benford = Slot<(BenfordTest, BenfordTest, [RawFinding])>()
        let growth = Slot<([SpendingGrowth], [SpendingGrowth])>(), voluntary = Slot<VoluntaryShare>()
        // Nothing here throws.
        try! Concurrently.run([
            { raws[0].value = a.duplicatePayments(windowDays: p.duplicateWindowDays) },
            { raws[4].value = a.nonWorkingDays() },
            {
                documents.value = AuditChecks.groupDocuments(l)
                raws[1].value = a.duplicateDocuments(documents.value!.groups)
            },
            { raws[2].value = a.roundAmounts(multiple: p.roundAmountMultiple, minimum: p.roundAmountMinimum) },
            { raws[3].value = a.splitPayments(thresholds: p.approvalThresholds, windowDays: p.splitWindowDays, minimumShare: p.splitMinimumShare) },
            { benford.value = a.benford() },
            { growth.value = a.spendingGrowth(priorByAccount: priorByAccount, priorByVendor: priorByVendor, top: p.spendingReviewTop) },
            { voluntary.value = a.voluntaryShare(p.voluntaryProducts) },
        ])
        let (b1, b2, benfordRaws) = benford.value!
        let (ga, gv) = growth.value!
        let findings = a.findings(raws.flatMap { $0.value! } + benfordRaws, documentGroup: documents.value!.group)
        return AuditReport(year: year, postingCount: l.count, findings: findings, benfordFirstDigit: b1,
                           benfordFirstTwoDigits: b2, growthAccounts: ga, growthVendors: gv, voluntary: voluntary.value!)
    }

    /// Same vendor and amount, each posting within `windowDays` of the previous one in the cluster.
    public static func duplicatePayments(_ postings: [AuditPosting], windowDays: Int) throws -> [AuditFinding] {
        let a = try checked(postings); return a.findings(a.duplicatePayments(windowDays: windowDays))
    }

    /// The tests on postings in memory, after `AuditLedger.checkTotals`.
    static func checked(_ postings: [AuditPosting], prior: [Int64] = []) throws -> AuditChecks {
        let l = AuditLedger(postings)
        try l.checkTotals(year: postings.first?.date.year ?? 0, prior: prior)
        return AuditChecks(l)
    }

    /// The same document id on more than one posting.
    public static func duplicateDocuments(_ postings: [AuditPosting]) throws -> [AuditFinding] {
        let a = try checked(postings), documents = AuditChecks.groupDocuments(a.l)
        return a.findings(a.duplicateDocuments(documents.groups), documentGroup: documents.group)
    }

    /// Payments that are whole multiples of `multiple`, from `minimum`; one finding per vendor.
    public static func roundAmounts(_ postings: [AuditPosting], multiple: Money, minimum: Money) throws -> [AuditFinding] {
        let a = try checked(postings); return a.findings(a.roundAmounts(multiple: multiple, minimum: minimum))
    }

    /// Payments of one vendor, each below a threshold but at least `minimumShare` of it, that within
    /// `windowDays` (from the first) reach the threshold together.
    public static func splitPayments(_ postings: [AuditPosting], thresholds: [AuditParameters.ApprovalThreshold],
                                     windowDays: Int, minimumShare: Decimal) throws -> [AuditFinding] {
        let a = try checked(postings)
        return try AmountCheck.run("Gestückelte Zahlungen") { a.findings(a.splitPayments(thresholds: thresholds, windowDays: windowDays, minimumShare: minimumShare)) }
    }

    /// One finding per Saturday, Sunday or NRW holiday with postings.
    public static func nonWorkingDays(_ postings: [AuditPosting]) throws -> [AuditFinding] {
        let a = try checked(postings); return a.findings(a.nonWorkingDays())
    }

    /// Expense accounts and vendors with the largest growth against the prior year.
    public static func spendingGrowth(_ postings: [AuditPosting], priorByAccount: [String: Int64], priorByVendor: [String: Int64],
                                      top: Int) throws -> ([SpendingGrowth], [SpendingGrowth]) {
        try checked(postings, prior: Array(priorByAccount.values) + Array(priorByVendor.values))
            .spendingGrowth(priorByAccount: priorByAccount, priorByVendor: priorByVendor, top: top)
    }

    /// Expenses on products flagged as voluntary, against all expenses of the year.
    public static func voluntaryShare(_ postings: [AuditPosting], _ products: [AuditParameters.VoluntaryProduct]) throws -> VoluntaryShare {
        try checked(postings).voluntaryShare(products)
    }
}
