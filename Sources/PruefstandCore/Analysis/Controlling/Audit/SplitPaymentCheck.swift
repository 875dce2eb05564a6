import Foundation

/// Split payments: per approval threshold, payments of one vendor, each below it and at least
/// `split_minimum_share` of it, that within `split_window_days` of the first reach the threshold together.
struct SplitPaymentCheck: AuditCheck {
    static let key = "split-below-threshold"
    static let name = Phrase(de: "Gestückelte Zahlung unter Wertgrenze", en: "Split payment below approval threshold")
    static let kinds = [AuditTestKind.splitBelowThreshold]

    struct Parameters: AuditCheckParameters {
        /// Approval limits, ascending.
        var thresholds: [AuditParameters.ApprovalThreshold]
        /// Postings of one vendor within this many days are added up.
        var windowDays: Int
        /// A posting counts as "just below" a threshold from this share of it (0.3 = from 30 %).
        var minimumShare: Decimal
        /// `approval_thresholds: [{euros, description, source}]` from the file (none: the check finds nothing).
        init(_ s: AuditParameterSection) throws {
            windowDays = try s.int("split_window_days")
            minimumShare = try s.share("split_minimum_share")
            thresholds = try s.list("approval_thresholds").map { row in
                let r = try row.dictionary(allowed: ["euros", "description", "source"], required: ["euros", "description", "source"])
                let euros = try r["euros"]!.int()
                guard euros > 0 else { throw r["euros"]!.fail("muss positiv sein (must be positive)") }
                if try r["source"]!.string().trimmingCharacters(in: .whitespaces).isEmpty { throw r["source"]!.fail("Quelle fehlt (source)") }
                return AuditParameters.ApprovalThreshold(amount: try Money(euros: Int64(euros), checking: "\(s.file): approval_thresholds"),
                                                         description: try r["description"]!.string())
            }.sorted { $0.amount < $1.amount }
        }
    }

    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput {
        .init(findings: a.splitPayments(thresholds: p.thresholds, windowDays: p.windowDays, minimumShare: p.minimumShare))
    }
}

extension AuditTestKind {
    public static let splitBelowThreshold = AuditTestKind(SplitPaymentCheck.self)
}

extension AuditParameters {
    /// An approval limit (Wertgrenze): payments at or above it need a higher sign-off.
    public struct ApprovalThreshold: Sendable, Hashable {
        public var amount: Money
        public var description: String
        public init(amount: Money, description: String) { self.amount = amount; self.description = description }
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
