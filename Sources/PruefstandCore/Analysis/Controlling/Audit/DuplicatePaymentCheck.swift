import Foundation

/// Possible duplicate payments: same vendor and amount, each posting within `duplicate_window_days` of the
/// previous one in the cluster. A payment without a vendor (salaries, internal allocations) cannot be a
/// duplicate payment to someone.
struct DuplicatePaymentCheck: AuditCheck {
    static let key = "duplicate-payment"
    static let name = Phrase(de: "Mögliche Doppelzahlung", en: "Possible duplicate payment")
    static let kinds = [AuditTestKind.duplicatePayment]
    static let startsFirst = true

    struct Parameters: AuditCheckParameters {
        /// Same vendor and amount within this many days counts as a possible duplicate payment.
        var windowDays: Int
        init(_ s: AuditParameterSection) throws {
            windowDays = try s.int("duplicate_window_days")
        }
    }

    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput { .init(findings: a.duplicatePayments(windowDays: p.windowDays)) }
}

extension AuditTestKind {
    public static let duplicatePayment = AuditTestKind(DuplicatePaymentCheck.self)
}

extension AuditChecks {
    /// Same vendor and amount, each posting within `windowDays` of the previous one in the cluster.
    /// A payment without a vendor (salaries, internal allocations) cannot be a duplicate payment to someone.
    func duplicatePayments(windowDays: Int) -> [RawFinding] {
        let n = l.count
        let (cents, vendor, days, ids) = (l.cents, l.vendor, l.days, l.ids)
        // Only payments whose (amount, vendor) hash repeats can be duplicates: a bit table finds
        // them in two passes.
        var candidates: [Int32] = []
        cents.withUnsafeBufferPointer { cents in
            vendor.withUnsafeBufferPointer { vendor in
                l.account.withUnsafeBufferPointer { account in
                    isExpense.withUnsafeBufferPointer { expense in
                        vendorIsEmpty.withUnsafeBufferPointer { noVendor in
                            @inline(__always) func key(_ i: Int) -> UInt64? {
                                guard cents[i] > 0, expense[Int(account[i])], !noVendor[Int(vendor[i])] else { return nil }
                                return ByteHash.mix(UInt64(bitPattern: cents[i]) ^ (UInt64(UInt32(bitPattern: vendor[i])) << 44))
                            }
                            var bits = HashBits(count: n)
                            for i in 0..<n { if let h = key(i) { bits.add(h) } }
                            guard bits.repeated else { return }
                            for i in 0..<n { if let h = key(i), bits.isRepeated(h) { candidates.append(Int32(i)) } }
                        }
                    }
                }
            }
        }
        guard !candidates.isEmpty else { return [] }
        // Ordered by amount, vendor, date, then id and ledger order, so that equal amount and vendor
        // come together with their dates in order. Usually all of it fits one 64-bit key (ids
        // ascend with the ledger order, which a stable radix sort keeps): then the groups and dates
        // are read from the sorted keys alone.
        @inline(__always) func bits(_ v: UInt64) -> UInt64 { UInt64(UInt64.bitWidth - v.leadingZeroBitCount) }
        let lowDay = candidates.lazy.map { days[Int($0)] }.min()!, highDay = candidates.lazy.map { days[Int($0)] }.max()!
        let maxCents = UInt64(candidates.lazy.map { cents[Int($0)] }.max()!)
        let dayBits = bits(UInt64(Int(highDay) - Int(lowDay))), vendorBits = bits(UInt64(l.vendors.count))
        let dayMask = (UInt64(1) << dayBits) &- 1
        var keys: [UInt64] = []
        if l.idsAscending, bits(maxCents) + vendorBits + dayBits <= 64 {
            keys = candidates.map { i in
                (UInt64(cents[Int(i)]) << (vendorBits + dayBits)) | (UInt64(vendor[Int(i)]) << dayBits) | UInt64(Int(days[Int(i)]) - Int(lowDay))
            }
            AuditSort.radixSort(&keys, &candidates)
        } else {
            candidates.sort { a, b in
                let (i, j) = (Int(a), Int(b))
                if cents[i] != cents[j] { return cents[i] < cents[j] }
                if vendor[i] != vendor[j] { return vendor[i] < vendor[j] }
                if days[i] != days[j] { return days[i] < days[j] }
                if ids[i] != ids[j] { return ids[i] < ids[j] }
                return a < b
            }
            // Group keys that are equal exactly when amount and vendor are, and the day in the low bits.
            var group: UInt64 = 0
            keys = candidates.indices.map { k in
                let (i, p) = (Int(candidates[k]), k == 0 ? -1 : Int(candidates[k - 1]))
                if k > 0 && (cents[i] != cents[p] || vendor[i] != vendor[p]) { group += 1 }
                return (group << dayBits) | UInt64(Int(days[i]) - Int(lowDay))
            }
        }
        let names = l.vendors.strings
        var out: [(raw: RawFinding, amount: Int64, firstId: Int64)] = []
        var start = 0
        keys.withUnsafeBufferPointer { keys in
            while start < keys.count {
                let group = keys[start] >> dayBits
                var end = start + 1
                while end < keys.count && keys[end] >> dayBits == group { end += 1 }
                if end - start > 1 {
                    var first = start, last = start
                    func flush() {
                        guard last > first else { return }
                        let s = Int(candidates[first])
                        let span = (keys[last] & dayMask) - (keys[first] & dayMask)
                        let raw = RawFinding(kind: .duplicatePayment, text: "\(names[Int(vendor[s])]): \(last - first + 1) × \(Money(cents: cents[s]).germanString) innerhalb von \(span) Tag(en)",
                                             members: Array(candidates[first...last]),
                                             textEN: "\(names[Int(vendor[s])]): \(last - first + 1) × \(NumberText.euros(Money(cents: cents[s]), .en)) within \(span) day(s)")
                        out.append((raw, raw.members.reduce(Money.zero) { $0 + Money(cents: cents[Int($1)]) }.cents, ids[s]))
                    }
                    for k in (start + 1)..<end {
                        if Int(keys[k] & dayMask) - Int(keys[last] & dayMask) <= windowDays { last = k } else { flush(); first = k; last = k }
                    }
                    flush()
                }
                start = end
            }
        }
        return out.sorted { ($0.amount, $1.firstId) > ($1.amount, $0.firstId) }.map(\.raw)
    }
}
