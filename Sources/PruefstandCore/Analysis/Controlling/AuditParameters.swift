import Foundation

/// Parameters of the ledger audit (`pruefstand audit`): each check's typed parameters, read from a
/// parameter file.
///
/// The Musterstadt file is `Datasets/musterstadt/controlling/audit.yaml`; each value there has a
/// unit and a source (or says "synthetic for Musterstadt"). Each check declares its parameters beside it
/// (`DuplicatePaymentCheck.Parameters`) with its keys of the file and its built-in default;
/// `AuditParameters()` holds those defaults.
public struct AuditParameters: Sendable {
    /// Per check key: that check's parameters.
    private var values: [String: any AuditCheckParameters]

    init(values: [String: any AuditCheckParameters]) { self.values = values }

    /// A check's parameters; its built-in defaults when they were not set.
    subscript<C: AuditCheck>(_ check: C.Type) -> C.Parameters {
        get {
            if let p = values[C.key] as? C.Parameters { return p }
            return AuditCheckRegistry([C.init()]).builtInParameters().values[C.key] as! C.Parameters
        }
        set { values[C.key] = newValue }
    }

    /// The built-in parameters, with the given values replaced (each named by its check's accessor,
    /// `duplicateWindowDays` in `DuplicatePaymentCheck.swift`); no approval thresholds and no voluntary
    /// products unless given.
    public init(duplicateWindowDays: Int? = nil, roundAmountMultiple: Money? = nil, roundAmountMinimum: Money? = nil,
                approvalThresholds: [ApprovalThreshold]? = nil, splitWindowDays: Int? = nil, splitMinimumShare: Decimal? = nil,
                spendingReviewTop: Int? = nil, voluntaryProducts: [VoluntaryProduct]? = nil) {
        self = AuditCheckRegistry.standardDefaults
        if let duplicateWindowDays { self.duplicateWindowDays = duplicateWindowDays }
        if let roundAmountMultiple { self.roundAmountMultiple = roundAmountMultiple }
        if let roundAmountMinimum { self.roundAmountMinimum = roundAmountMinimum }
        if let approvalThresholds { self.approvalThresholds = approvalThresholds }
        if let splitWindowDays { self.splitWindowDays = splitWindowDays }
        if let splitMinimumShare { self.splitMinimumShare = splitMinimumShare }
        if let spendingReviewTop { self.spendingReviewTop = spendingReviewTop }
        if let voluntaryProducts { self.voluntaryProducts = voluntaryProducts }
    }

    /// Loads and checks a parameter file (unknown keys, missing sources and bad values are errors).
    public static func load(path: String) throws -> AuditParameters {
        try parse(yaml: try ControllingParameterFile.text(path: path), path: path)
    }

    public static func parse(yaml: String, path: String) throws -> AuditParameters {
        try AuditCheckRegistry.standard.parameters(yaml: yaml, path: path)
    }
}
