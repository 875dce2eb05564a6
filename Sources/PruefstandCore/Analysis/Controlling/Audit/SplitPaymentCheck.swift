import Foundation

/// Split payments: per approval threshold, payments of one vendor, each below it and at least
/// `split_minimum_share` of it, that within `split_window_days` of the first reach the threshold together.
struct SplitPaymentCheck: AuditCheck {
    static let key = "split-below-threshold"
    static let name = AuditText(de: "Gestückelte Zahlung unter Wertgrenze", en: "Split payment below approval threshold")
    static let kinds = [AuditTestKind.splitBelowThreshold]

    struct Parameters: AuditCheckParameters {
        /// Approval limits, ascending.
        var thresholds: [AuditParameters.ApprovalThreshold]
        /// Postings of one vendor within this many days are added up.
        var windowDays: Int
        /// A posting counts as "just below" a threshold from this share of it (0.3 = from 30 %).
        var minimumShare: Decimal
        struct File: Codable {
            struct Threshold: Codable { var euros: Int64; var description: String; var source: String }
            var approval_thresholds: [Threshold]
            var split_window_days: SourcedFile<Int>
            var split_minimum_share: SourcedFile<String>
        }
        init(file f: File, path: String) throws {
            let req = ControllingParameterFile.requireSource
            try req(f.split_window_days.source, path, "split_window_days")
            try req(f.split_minimum_share.source, path, "split_minimum_share")
            for (i, t) in f.approval_thresholds.enumerated() {
                try req(t.source, path, "approval_thresholds[\(i)]")
                if t.euros <= 0 { throw PruefstandError.config(path: path, line: nil, key: "approval_thresholds[\(i)].euros", message: "muss positiv sein") }
            }
            windowDays = try ControllingParameterFile.days(f.split_window_days.value, path: path, key: "split_window_days")
            thresholds = try f.approval_thresholds.map {
                AuditParameters.ApprovalThreshold(amount: try Money(euros: $0.euros, checking: "\(path): approval_thresholds"), description: $0.description)
            }.sorted { $0.amount < $1.amount }
            minimumShare = try ControllingParameterFile.rate(f.split_minimum_share.value, path: path, key: "split_minimum_share", range: 0...1)
        }
        static let defaults = """
            approval_thresholds: []
            split_window_days:
              value: 14
              unit: days
              source: "built-in default (no parameter file)"
            split_minimum_share:
              value: "0.3"
              unit: share of the threshold
              source: "built-in default (no parameter file)"
            """
    }

    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput {
        .init(findings: a.splitPayments(thresholds: p.thresholds, windowDays: p.windowDays, minimumShare: p.minimumShare))
    }
}

extension AuditTestKind {
    public static let splitBelowThreshold = AuditTestKind(SplitPaymentCheck.key, de: SplitPaymentCheck.name.de, en: SplitPaymentCheck.name.en)
}

extension AuditParameters {
    /// An approval limit (Wertgrenze): payments at or above it need a higher sign-off.
    public struct ApprovalThreshold: Sendable, Hashable {
        public var amount: Money
        public var description: String
        public init(amount: Money, description: String) { self.amount = amount; self.description = description }
    }
    /// Approval limits, ascending (sorted when set).
    public var approvalThresholds: [ApprovalThreshold] {
        get { self[SplitPaymentCheck.self].thresholds }
        set { self[SplitPaymentCheck.self].thresholds = newValue.sorted { $0.amount < $1.amount } }
    }
    /// Postings of one vendor within this many days are added up for the split test.
    public var splitWindowDays: Int {
        get { self[SplitPaymentCheck.self].windowDays }
        set { self[SplitPaymentCheck.self].windowDays = newValue }
    }
    /// A posting counts as "just below" a threshold from this share of it (0.3 = from 30 %).
    public var splitMinimumShare: Decimal {
        get { self[SplitPaymentCheck.self].minimumShare }
        set { self[SplitPaymentCheck.self].minimumShare = newValue }
    }
}

extension AuditChecks {
    /// Payments of one vendor, each below a threshold but at least `minimumShare` of it, that within
    /// `windowDays` (from the first) reach the threshold together.
    func splitPayments(thresholds: [AuditParameters.ApprovalThreshold], windowDays: Int, minimumShare: Decimal) -> [RawFinding] {
        guard !thresholds.isEmpty else { return [] }
        let vendors = byVendor { isPayment($0) && !vendorIsEmpty[Int(l.vendor[$0])] }
        let (cents, days, ids) = (l.cents, l.days, l.ids)
        var out: [RawFinding] = []
        for t in thresholds {
            let floor = t.amount.multiplied(by: minimumShare, rounding: .up)
            for (vendor, all) in vendors {
                var list = all.filter { cents[Int($0)] < t.amount.cents && cents[Int($0)] >= floor.cents }
                list.sort { a, b in
                    let (i, j) = (Int(a), Int(b))
                    if days[i] != days[j] { return days[i] < days[j] }
                    if ids[i] != ids[j] { return ids[i] < ids[j] }
                    return a < b
                }
                var i = 0
                while i < list.count {
                    var j = i, sum = Money.zero
                    while j < list.count && Int(days[Int(list[j])]) - Int(days[Int(list[i])]) <= windowDays { sum += Money(cents: cents[Int(list[j])]); j += 1 }
                    if j - i >= 2 && sum >= t.amount {
                        let group = Array(list[i..<j])
                        let from = CivilDate(dayNumber: Int(days[Int(group[0])])), to = CivilDate(dayNumber: Int(days[Int(group.last!)]))
                        out.append(RawFinding(kind: .splitBelowThreshold, text:
                            "\(vendor): \(group.count) Zahlungen je unter \(t.amount.germanString) (\(t.description)), zusammen \(sum.germanString) vom \(from.german) bis \(to.german)", members: group,
                            textEN: "\(vendor): \(group.count) payments each below \(NumberText.euros(t.amount, .en)) (\(t.description)), together \(NumberText.euros(sum, .en)) from \(from.iso) to \(to.iso)"))
                        i = j
                    } else { i += 1 }
                }
            }
        }
        return out
    }
}
