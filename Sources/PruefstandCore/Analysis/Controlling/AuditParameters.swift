import Foundation

/// Parameters of the ledger audit (`pruefstand audit`), resolved from a parameter file.
///
/// The Musterstadt file is `Datasets/musterstadt/controlling/audit.yaml`; each value there has a
/// unit and a source (or says "synthetic for Musterstadt").
public struct AuditParameters: Sendable, Hashable {
    /// An approval limit (Wertgrenze): payments at or above it need a higher sign-off.
    public struct ApprovalThreshold: Sendable, Hashable {
        public var amount: Money
        public var description: String
        public init(amount: Money, description: String) { self.amount = amount; self.description = description }
    }
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

    /// Same vendor and amount within this many days counts as a possible duplicate payment.
    public var duplicateWindowDays: Int
    /// Amounts that are a whole multiple of this are "round".
    public var roundAmountMultiple: Money
    /// Round amounts below this are not reported.
    public var roundAmountMinimum: Money
    /// Approval limits, ascending.
    public var approvalThresholds: [ApprovalThreshold]
    /// Postings of one vendor within this many days are added up for the split test.
    public var splitWindowDays: Int
    /// A posting counts as "just below" a threshold from this share of it (0.3 = from 30 %).
    public var splitMinimumShare: Decimal
    /// How many accounts and vendors the spending review lists.
    public var spendingReviewTop: Int
    public var voluntaryProducts: [VoluntaryProduct]

    public init(duplicateWindowDays: Int = 14, roundAmountMultiple: Money = Money(euros: 1_000),
                roundAmountMinimum: Money = Money(euros: 1_000), approvalThresholds: [ApprovalThreshold] = [],
                splitWindowDays: Int = 14, splitMinimumShare: Decimal = Decimal(string: "0.3")!,
                spendingReviewTop: Int = 10, voluntaryProducts: [VoluntaryProduct] = []) {
        self.duplicateWindowDays = duplicateWindowDays; self.roundAmountMultiple = roundAmountMultiple
        self.roundAmountMinimum = roundAmountMinimum; self.approvalThresholds = approvalThresholds.sorted { $0.amount < $1.amount }
        self.splitWindowDays = splitWindowDays; self.splitMinimumShare = splitMinimumShare
        self.spendingReviewTop = spendingReviewTop; self.voluntaryProducts = voluntaryProducts
    }

    /// Loads and checks a parameter file (unknown keys, missing sources and bad values are errors).
    public static func load(path: String) throws -> AuditParameters {
        try parse(yaml: try ControllingParameterFile.text(path: path), path: path)
    }

    public static func parse(yaml: String, path: String) throws -> AuditParameters {
        let f = try ControllingParameterFile.decode(AuditParametersFile.self, yaml: yaml, path: path)
        let req = ControllingParameterFile.requireSource
        try req(f.duplicate_window_days.source, path, "duplicate_window_days")
        try req(f.round_amount_multiple_euros.source, path, "round_amount_multiple_euros")
        try req(f.round_amount_minimum_euros.source, path, "round_amount_minimum_euros")
        try req(f.split_window_days.source, path, "split_window_days")
        try req(f.split_minimum_share.source, path, "split_minimum_share")
        try req(f.spending_review_top.source, path, "spending_review_top")
        for (i, t) in f.approval_thresholds.enumerated() {
            try req(t.source, path, "approval_thresholds[\(i)]")
            if t.euros <= 0 { throw PruefstandError.config(path: path, line: nil, key: "approval_thresholds[\(i)].euros", message: "muss positiv sein") }
        }
        for (i, v) in f.voluntary_products.enumerated() {
            try req(v.source, path, "voluntary_products[\(i)]")
            let parts = v.product.split(separator: ".")
            guard (1...3).contains(parts.count), parts[0].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitChar) }) else {
                throw PruefstandError.config(path: path, line: nil, key: "voluntary_products[\(i)].product", message: "„\(v.product)“ ist kein Produktcode oder Präfix (01, 01.11, 01.11.01)")
            }
        }
        for (key, days) in [("duplicate_window_days", f.duplicate_window_days.value), ("split_window_days", f.split_window_days.value)]
        where !(0...366).contains(days) {
            throw PruefstandError.config(path: path, line: nil, key: key, message: "\(days) Tage liegt nicht in 0…366")
        }
        return AuditParameters(
            duplicateWindowDays: f.duplicate_window_days.value,
            roundAmountMultiple: try Money(euros: max(1, f.round_amount_multiple_euros.value), checking: "\(path): round_amount_multiple_euros"),
            roundAmountMinimum: try Money(euros: f.round_amount_minimum_euros.value, checking: "\(path): round_amount_minimum_euros"),
            approvalThresholds: try f.approval_thresholds.map { ApprovalThreshold(amount: try Money(euros: $0.euros, checking: "\(path): approval_thresholds"), description: $0.description) },
            splitWindowDays: f.split_window_days.value,
            splitMinimumShare: try ControllingParameterFile.rate(f.split_minimum_share.value, path: path, key: "split_minimum_share", range: 0...1),
            spendingReviewTop: max(1, f.spending_review_top.value),
            voluntaryProducts: f.voluntary_products.map { VoluntaryProduct(product: $0.product, description: $0.description) })
    }
}

struct AuditParametersFile: Codable {
    struct Threshold: Codable { var euros: Int64; var description: String; var source: String }
    struct Voluntary: Codable { var product: String; var description: String; var source: String }
    var name: LocalizedNameFile
    var reference_period: String
    var duplicate_window_days: SourcedFile<Int>
    var round_amount_multiple_euros: SourcedFile<Int64>
    var round_amount_minimum_euros: SourcedFile<Int64>
    var approval_thresholds: [Threshold]
    var split_window_days: SourcedFile<Int>
    var split_minimum_share: SourcedFile<String>
    var spending_review_top: SourcedFile<Int>
    var voluntary_products: [Voluntary]
}
