import Foundation

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
    /// Expense accounts (the ledger side the code scheme gives: NKF classes 5 and 7) with a positive amount: a payment.
    var isPayment: Bool { amount.cents > 0 && isExpenseAccount }
    var isExpenseAccount: Bool { CodeSchemes.standard.ledgerSide(account: account) == .expense }
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

/// The audit of one year's ledger: the findings of every check, and each check's own result (Benford's
/// tests, the spending review, the voluntary share; read through `benfordFirstDigit`, `growthAccounts`,
/// `voluntary`, declared beside their checks).
public struct AuditReport: Sendable {
    public var year: Int
    public var postingCount: Int
    public var findings: [AuditFinding]
    /// Per check key: the check's own result.
    var results: [String: any Sendable]
    /// The checks that made the report; their tables and JSON entries follow its order.
    var registry: AuditCheckRegistry

    init(year: Int, postingCount: Int, findings: [AuditFinding], results: [String: any Sendable], registry: AuditCheckRegistry) {
        self.year = year; self.postingCount = postingCount; self.findings = findings; self.results = results; self.registry = registry
    }

    /// A report of the shipped checks from its parts (a reference computed elsewhere, as in the tests).
    public init(year: Int, postingCount: Int, findings: [AuditFinding], benfordFirstDigit: BenfordTest, benfordFirstTwoDigits: BenfordTest,
                growthAccounts: [SpendingGrowth], growthVendors: [SpendingGrowth], voluntary: VoluntaryShare) {
        self.init(year: year, postingCount: postingCount, findings: findings, results: [
            BenfordCheck.key: BenfordCheck.Result(firstDigit: benfordFirstDigit, firstTwoDigits: benfordFirstTwoDigits),
            SpendingGrowthCheck.key: SpendingGrowthCheck.Result(accounts: growthAccounts, vendors: growthVendors),
            VoluntaryShareCheck.key: voluntary,
        ], registry: .standard)
    }

    public func findings(_ kind: AuditTestKind) -> [AuditFinding] { findings.filter { $0.kind == kind } }
}

/// The tests auditors run on a ledger (as in IDEA or ACL), each finding with its postings: the checks of
/// `AuditCheckRegistry.standard`, one file each in `Audit/` (duplicate payments and documents, round
/// amounts, split payments, weekends and NRW holidays, Benford, spending review, voluntary services;
/// docs/controlling.md describes each).
///
/// The checks run on `AuditLedger`, the postings in compact columns, side by side; `String`s are made only
/// for the postings behind findings.
///
///     let report = try LedgerAudit.run(store, year: 2025, parameters: .init())
public enum LedgerAudit {
    /// Loads the year's postings (and the prior year's totals) from the store and runs all tests.
    public static func run(_ store: Store, year: Int? = nil, parameters: AuditParameters) throws -> AuditReport {
        guard let year = try year ?? store.latestPostingYear() else {
            throw PruefstandError.other(Phrase(de: "Keine Buchungen im Speicher: erst `pruefstand import` ausführen.", en: "No postings in the store: run `pruefstand import` first."))
        }
        guard FiscalYear(year) != nil else {
            throw PruefstandError.other(Phrase(de: "Haushaltsjahr \(year) liegt außerhalb von \(FiscalYear.supportedRangeText); --year prüfen", en: "fiscal year \(year) is outside \(FiscalYear.supportedRangeText); check --year"))
        }
        let (ledger, priorAccounts, priorVendors) = try AuditLedger.load(store, year: year)
        return try run(ledger, year: year, priorByAccount: priorAccounts, priorByVendor: priorVendors, parameters: parameters)
    }

    /// Runs all tests on postings in memory.
    public static func run(postings: [AuditPosting], year: Int, priorByAccount: [String: Int64] = [:],
                           priorByVendor: [String: Int64] = [:], parameters p: AuditParameters) throws -> AuditReport {
        try run(AuditLedger(postings), year: year, priorByAccount: priorByAccount, priorByVendor: priorByVendor, parameters: p)
    }

    /// Runs the checks of `registry` on postings in memory (a test registers its own check this way).
    static func run(postings: [AuditPosting], year: Int, parameters p: AuditParameters, registry: AuditCheckRegistry) throws -> AuditReport {
        try run(AuditLedger(postings), year: year, priorByAccount: [:], priorByVendor: [:], parameters: p, registry: registry)
    }

    /// Throws when the amounts' totals leave the 64-bit range (`AuditLedger.checkTotals`); a returned
    /// report's sums are exact.
    static func run(_ l: AuditLedger, year: Int, priorByAccount: [String: Int64], priorByVendor: [String: Int64],
                    parameters p: AuditParameters, registry: AuditCheckRegistry = .standard) throws -> AuditReport {
        // Account and vendor sums of the prior year cover the same postings: one of them suffices.
        try l.checkTotals(year: year, prior: Array(priorByAccount.values) + Array(priorByVendor.values))
        var a = AuditChecks(l)
        a.priorByAccount = priorByAccount; a.priorByVendor = priorByVendor
        let checks = a
        // The parameter values in force in the audited fiscal year (docs/parameters.md).
        let p = p.resolved(year: year)
        return try AmountCheck.run("Prüfungsanalysen \(year)") { runChecked(checks, year: year, parameters: p, registry: registry) }
    }

    private static func runChecked(_ a: AuditChecks, year: Int, parameters p: AuditParameters, registry: AuditCheckRegistry) -> AuditReport {
        // The checks are independent and read only: run them side by side (each writes its own slot),
        // then list their postings' ids and document ids (side by side too).
        let outputs = registry.checks.map { _ in Slot<AuditCheckOutput>() }
        let starts = registry.checks.indices.filter { type(of: registry.checks[$0]).startsFirst }
            + registry.checks.indices.filter { !type(of: registry.checks[$0]).startsFirst }
        // Nothing here throws.
        try! Concurrently.run(starts.map { k in { outputs[k].value = registry.checks[k].run(a, parameters: p) } })
        let findings = a.findings(outputs.flatMap { $0.value!.findings }, documentGroup: a.documents.get(a.l).group)
        var results: [String: any Sendable] = [:]
        for (c, o) in zip(registry.checks, outputs) { if let r = o.value!.result { results[type(of: c).key] = r } }
        return AuditReport(year: year, postingCount: a.l.count, findings: findings, results: results, registry: registry)
    }

    /// One check alone on postings in memory, with its parameters out of `parameters`: its findings.
    static func findings<C: AuditCheck>(of check: C, _ postings: [AuditPosting], parameters: AuditParameters = .init()) throws -> [AuditFinding] {
        let l = AuditLedger(postings)
        try l.checkTotals(year: postings.first?.date.year ?? 0, prior: [])
        let a = AuditChecks(l)
        return try AmountCheck.run(C.name.de) { a.findings(check.run(a, parameters: parameters).findings) }
    }
}
