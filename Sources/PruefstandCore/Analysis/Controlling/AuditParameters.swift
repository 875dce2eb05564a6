import Foundation

/// Parameters of the ledger audit (`pruefstand audit`): each check's typed parameters, read from a
/// parameter file.
///
/// The Musterstadt file is `Datasets/musterstadt/controlling/audit.yaml`; each value there has a
/// unit and a source (or says "synthetic for Musterstadt"), in the one parameter format (docs/parameters.md).
/// Each check reads its parameters beside it (`DuplicatePaymentCheck.Parameters`); they are declared with their
/// built-in values in the resource `defaults/audit.yaml`, which `AuditParameters()` holds. A value is chosen by
/// the audited fiscal year (`resolved(year:)`, done by `LedgerAudit.run`); until then the newest values hold.
public struct AuditParameters: Sendable {
    /// The checks' parameters from a year on, one entry per year in which a value changes, ascending.
    struct Resolved: Sendable {
        var from: Int
        var values: [String: any AuditCheckParameters]
    }
    private var dated: [Resolved]
    /// Per check key: that check's parameters (for the chosen year, or the newest).
    private var values: [String: any AuditCheckParameters]

    init(values: [String: any AuditCheckParameters]) { self.values = values; dated = [Resolved(from: 0, values: values)] }
    init(dated: [Resolved]) { self.dated = dated; values = dated.last?.values ?? [:] }

    /// The parameters in force in `year` (the audited fiscal year); a year before the first value takes the first.
    public func resolved(year: Int) -> AuditParameters {
        var copy = self
        copy.values = (dated.last(where: { $0.from <= year }) ?? dated.first)?.values ?? values
        return copy
    }

    /// A check's parameters; its built-in defaults when they were not set (set for every year).
    subscript<C: AuditCheck>(_ check: C.Type) -> C.Parameters {
        get {
            if let p = values[C.key] as? C.Parameters { return p }
            return AuditCheckRegistry.standardDefaults.values[C.key] as! C.Parameters
        }
        set { values[C.key] = newValue; for i in dated.indices { dated[i].values[C.key] = newValue } }
    }

    /// The built-in parameters, with the given values replaced (each is a value of its check's `Parameters`,
    /// `windowDays` of `DuplicatePaymentCheck.Parameters`, read back as `p[DuplicatePaymentCheck.self].windowDays`);
    /// no approval thresholds and no voluntary products unless given.
    public init(duplicateWindowDays: Int? = nil, roundAmountMultiple: Money? = nil, roundAmountMinimum: Money? = nil,
                approvalThresholds: [ApprovalThreshold]? = nil, splitWindowDays: Int? = nil, splitMinimumShare: Decimal? = nil,
                spendingReviewTop: Int? = nil, voluntaryProducts: [VoluntaryProduct]? = nil) {
        self = AuditCheckRegistry.standardDefaults
        if let duplicateWindowDays { self[DuplicatePaymentCheck.self].windowDays = duplicateWindowDays }
        if let roundAmountMultiple { self[RoundAmountCheck.self].multiple = roundAmountMultiple }
        if let roundAmountMinimum { self[RoundAmountCheck.self].minimum = roundAmountMinimum }
        if let approvalThresholds { self[SplitPaymentCheck.self].thresholds = approvalThresholds.sorted { $0.amount < $1.amount } }
        if let splitWindowDays { self[SplitPaymentCheck.self].windowDays = splitWindowDays }
        if let splitMinimumShare { self[SplitPaymentCheck.self].minimumShare = splitMinimumShare }
        if let spendingReviewTop { self[SpendingGrowthCheck.self].top = spendingReviewTop }
        if let voluntaryProducts { self[VoluntaryShareCheck.self].products = voluntaryProducts }
    }

    /// Loads and checks a parameter file (unknown keys, missing sources and bad values are errors).
    public static func load(path: String) throws -> AuditParameters {
        try AuditCheckRegistry.standard.parameters(document: StrictYAML.load(path: path), path: path)
    }

    public static func parse(yaml: String, path: String) throws -> AuditParameters {
        try AuditCheckRegistry.standard.parameters(yaml: yaml, path: path)
    }
}
