import Foundation

/// A finding before its posting and document ids are listed: the postings as ledger indices.
struct RawFinding: Sendable {
    var kind: AuditTestKind
    var text: String
    var members: [Int32]
    /// The text in English (issue 16: one language per report).
    var textEN = ""
}

/// The audit tests on a compact ledger (`AuditLedger`), with what they share: which accounts are
/// expense accounts and which vendor and product ids are equal as `String`s. Each test reads only
/// and returns `RawFinding`s, listing postings in ledger order as `LedgerAudit` always has; `findings`
/// then lists their ids and document ids.
struct AuditChecks: @unchecked Sendable {
    let l: AuditLedger
    /// Per account id: an expense account (class 5 or 7, by the account's first character).
    let isExpense: [Bool]
    /// Per vendor id: the empty vendor.
    let vendorIsEmpty: [Bool]
    /// Per vendor / product id: the first id whose value is the same `String`.
    let vendorClass: [Int32], productClass: [Int32]

    init(_ l: AuditLedger) {
        self.l = l
        isExpense = l.accounts.strings.map { $0.first == "5" || $0.first == "7" }
        vendorIsEmpty = l.vendors.strings.map(\.isEmpty)
        vendorClass = l.vendors.stringClasses()
        productClass = l.products.stringClasses()
    }

    @inline(__always) func isPayment(_ i: Int) -> Bool { l.cents[i] > 0 && isExpense[Int(l.account[i])] }

    /// A finding with its postings' ids and their document ids (each once).
    /// - Parameter documentGroup: per posting, its group of postings with the same document id (`DocumentGroups`).
    func finding(_ raw: RawFinding, documentGroup: [Int32]?) -> AuditFinding {
        var amount = Money.zero
        var ids: [Int64] = [], docs: [String] = []
        ids.reserveCapacity(raw.members.count); docs.reserveCapacity(raw.members.count)
        var listed = Set<Int32>()
        for m in raw.members {
            let i = Int(m)
            amount += Money(cents: l.cents[i])
            ids.append(l.ids[i])
            if let g = documentGroup?[i], g >= 0, !listed.insert(g).inserted { continue }
            docs.append(l.documentId(i))
        }
        return AuditFinding(kind: raw.kind, text: raw.text, amount: amount, postingIds: ids, documentIds: docs, textEN: raw.textEN)
    }

    /// The findings, made side by side in pieces of about equal numbers of postings.
    func findings(_ raws: [RawFinding], documentGroup: [Int32]?) -> [AuditFinding] {
        let total = raws.reduce(0) { $0 + $1.members.count }
        guard total > 10_000 else { return raws.map { finding($0, documentGroup: documentGroup) } }
        var cuts = [0], sum = 0
        let pieces = 8
        for (k, r) in raws.enumerated() {
            sum += r.members.count
            if sum * pieces >= total * cuts.count && k + 1 < raws.count { cuts.append(k + 1) }
        }
        cuts.append(raws.count)
        let bounds = cuts
        final class Piece: @unchecked Sendable { var findings: [AuditFinding] = [] }
        let out = (1..<bounds.count).map { _ in Piece() }
        let scope = AmountCheck.token
        DispatchQueue.concurrentPerform(iterations: out.count) { p in
            AmountCheck.inheriting(scope) {
                out[p].findings = raws[bounds[p]..<bounds[p + 1]].map { finding($0, documentGroup: documentGroup) }
            }
        }
        return out.flatMap(\.findings)
    }

    /// Findings of the tests on postings in memory (public single tests).
    func findings(_ raws: [RawFinding]) -> [AuditFinding] {
        findings(raws, documentGroup: AuditChecks.groupDocuments(l).group)
    }

    // MARK: Document ids

    /// Postings whose document ids are equal as `String`s, in groups of two or more.
    ///
    /// When every document id is ASCII (`String` equality is then byte equality), a bit table of
    /// hashes picks the few postings whose hash was seen before, and only those are compared as
    /// `String`s. Otherwise every document id becomes a `String`, keyed as the tests always did.
    static func groupDocuments(_ l: AuditLedger) -> (group: [Int32]?, groups: [(key: String, members: [Int32])]) {
        let n = l.count
        var all: [(key: String, members: [Int32])] = []
        if l.documentIdsAreASCII {
            var candidates: [Int32] = []
            l.documentBytes.withUnsafeBytes { arena in
                l.documentEnds.withUnsafeBufferPointer { ends in
                    var bits = HashBits(count: n)
                    var hashes = [UInt64](repeating: 0, count: n)
                    var start = 0
                    for i in 0..<n {
                        let h = ByteHash.bytes(UnsafeRawBufferPointer(rebasing: arena[start..<ends[i]]))
                        hashes[i] = h
                        bits.add(h)
                        start = ends[i]
                    }
                    guard bits.repeated else { return }
                    for i in 0..<n where bits.isRepeated(hashes[i]) { candidates.append(Int32(i)) }
                }
            }
            // Candidates by full hash, then equal hashes compared by bytes (ASCII: as `String`s).
            let hashes = candidates.map { c in
                l.documentBytes.withUnsafeBytes { ByteHash.bytes(UnsafeRawBufferPointer(rebasing: $0[l.documentRange(Int(c))])) }
            }
            let order = candidates.indices.sorted { (hashes[$0], $0) < (hashes[$1], $1) }
            var start = 0
            while start < order.count {
                var end = start + 1
                while end < order.count && hashes[order[end]] == hashes[order[start]] { end += 1 }
                if end - start > 1 {
                    // Usually one document id; split by bytes if the hash was shared.
                    var groups: [[Int32]] = []
                    for k in order[start..<end] {
                        let c = candidates[k]
                        if let g = groups.firstIndex(where: { l.sameDocumentId(Int($0[0]), Int(c)) }) { groups[g].append(c) } else { groups.append([c]) }
                    }
                    for g in groups where g.count > 1 { all.append((l.documentId(Int(g[0])), g)) }
                }
                start = end
            }
            all.removeAll { $0.members.count < 2 }
        } else {
            // As the test always keyed them: by `String`, a group under the id of its second posting.
            var first: [String: Int32] = [:], groups: [String: [Int32]] = [:], empty: [Int32] = []
            first.reserveCapacity(n)
            for i in 0..<n {
                let doc = l.documentId(i)
                if doc.isEmpty { empty.append(Int32(i)); continue }
                if let f = first[doc] {
                    if groups[doc] == nil { groups[doc] = [f] }
                    groups[doc]!.append(Int32(i))
                } else { first[doc] = Int32(i) }
            }
            all = groups.map { ($0.key, $0.value) }
            if empty.count > 1 { all.append(("", empty)) }
        }
        guard !all.isEmpty else { return (nil, []) }
        var group = [Int32](repeating: -1, count: n)
        for (g, members) in all.map(\.members).enumerated() { for m in members { group[Int(m)] = Int32(g) } }
        return (group, all.filter { !$0.key.isEmpty })
    }

    /// The same document id on more than one posting.
    func duplicateDocuments(_ groups: [(key: String, members: [Int32])]) -> [RawFinding] {
        groups.sorted { $0.key < $1.key }
            .map { RawFinding(kind: .duplicateDocument, text: "Beleg \($0.key): \($0.members.count) Buchungen", members: $0.members,
                              textEN: "Document \($0.key): \($0.members.count) postings") }
    }

    // MARK: Payments

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

    /// Postings grouped by vendor (as `String`s), each group keyed by its first posting's vendor and
    /// ordered by that key.
    private func byVendor(_ include: (Int) -> Bool) -> [(vendor: String, members: [Int32])] {
        var lists = [[Int32]](repeating: [], count: l.vendors.count)
        for i in 0..<l.count where include(i) { lists[Int(vendorClass[Int(l.vendor[i])])].append(Int32(i)) }
        return lists.filter { !$0.isEmpty }.map { (l.vendors.string(l.vendor[Int($0[0])]), $0) }.sorted { $0.vendor < $1.vendor }
    }

    /// Payments that are whole multiples of `multiple`, from `minimum`; one finding per vendor.
    func roundAmounts(multiple: Money, minimum: Money) -> [RawFinding] {
        guard multiple.cents > 0 else { return [] }
        return byVendor { isPayment($0) && l.cents[$0] >= minimum.cents && l.cents[$0] % multiple.cents == 0 }.map { vendor, list in
            RawFinding(kind: .roundAmount, text: "\(vendor): \(list.count) Zahlung(en) in vollen \(multiple.germanString)", members: list,
                       textEN: "\(vendor): \(list.count) payment(s) in whole \(NumberText.euros(multiple, .en))")
        }
    }

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

    // MARK: Dates

    /// One finding per Saturday, Sunday or NRW holiday with postings.
    func nonWorkingDays() -> [RawFinding] {
        guard let low = l.days.min(), let high = l.days.max() else { return [] }
        // Postings per day, then the days that are no working days, then their postings in ledger order.
        var perDay = [Int32](repeating: 0, count: Int(high) - Int(low) + 1)
        l.days.withUnsafeBufferPointer { days in for d in days { perDay[Int(d - low)] += 1 } }
        var holidays: [Int: [CivilDate: String]] = [:]
        var flagged: [(date: CivilDate, holiday: String?, slot: Int)] = []
        var slotOfDay = [Int32](repeating: -1, count: perDay.count)
        for k in perDay.indices where perDay[k] > 0 {
            let date = CivilDate(dayNumber: Int(low) + k)
            if holidays[date.year] == nil { holidays[date.year] = NRWHolidays.holidays(in: date.year) }
            let holiday = holidays[date.year]![date]
            guard date.weekday >= 5 || holiday != nil else { continue }
            slotOfDay[k] = Int32(flagged.count)
            flagged.append((date, holiday, flagged.count))
        }
        var lists = flagged.map { f -> [Int32] in var a: [Int32] = []; a.reserveCapacity(Int(perDay[Int(f.date.dayNumber) - Int(low)])); return a }
        l.days.withUnsafeBufferPointer { days in
            for (i, d) in days.enumerated() {
                let s = slotOfDay[Int(d - low)]
                if s >= 0 { lists[Int(s)].append(Int32(i)) }
            }
        }
        let dayNames = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
        let dayNamesEN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return flagged.map { f in
            let list = lists[f.slot]
            if let name = f.holiday {
                return RawFinding(kind: .holiday, text: "\(f.date.german) (\(name), \(dayNames[f.date.weekday])): \(list.count) Buchung(en)", members: list,
                                  textEN: "\(f.date.iso) (\(name), \(dayNamesEN[f.date.weekday])): \(list.count) posting(s)")
            }
            return RawFinding(kind: .weekend, text: "\(f.date.german) (\(dayNames[f.date.weekday])): \(list.count) Buchung(en)", members: list,
                              textEN: "\(f.date.iso) (\(dayNamesEN[f.date.weekday])): \(list.count) posting(s)")
        }
    }

    // MARK: Benford

    /// Both Benford tests over the payments (one pass), and their findings.
    func benford() -> (BenfordTest, BenfordTest, [RawFinding]) {
        var first = [Int](repeating: 0, count: 9), two = [Int](repeating: 0, count: 90)
        for i in 0..<l.count where isPayment(i) {
            // A payment is positive; from 10 € (1000 cents) it has two leading digits, the first of which is the first digit.
            var v = l.cents[i]
            guard v >= 1000 else { continue }
            while v >= 100 { v /= 10 }
            two[Int(v) - 10] += 1
            first[Int(v) / 10 - 1] += 1
        }
        let b1 = BenfordTest.make(kind: .firstDigit, observed: first), b2 = BenfordTest.make(kind: .firstTwoDigits, observed: two)
        return (b1, b2, benfordFindings(b1) + benfordFindings(b2))
    }

    /// When MAD says nonconformity: the three digits with the largest excess (z > 1.96), with their postings.
    func benfordFindings(_ test: BenfordTest) -> [RawFinding] {
        guard test.conformity == .nonconformity else { return [] }
        let n = test.kind == .firstDigit ? 1 : 2
        let excess = test.digits.indices
            .filter { Double(test.observed[$0]) > test.expectedProportions[$0] * Double(test.count) && test.zStatistic(ofDigitAt: $0) > 1.96 }
            .sorted { test.zStatistic(ofDigitAt: $0) > test.zStatistic(ofDigitAt: $1) }
            .prefix(3)
        let label = test.kind == .firstDigit ? "Erste Ziffer" : "Erste zwei Ziffern"
        return excess.map { k in
            let digit = test.digits[k]
            let list = (0..<l.count).filter { isPayment($0) && BenfordTest.leadingDigits(l.cents[$0], count: n) == digit }.map { Int32($0) }
            let share = Double(test.observed[k]) / Double(test.count) * 100
            let expected = test.expectedProportions[k] * 100
            func f(_ x: Double, _ d: Int, _ lang: Language) -> String { NumberText.fixed(x, decimals: d, lang) }
            return RawFinding(kind: .benford, text: "\(label) \(digit): \(f(share, 1, .de)) % beobachtet, \(f(expected, 1, .de)) % erwartet (MAD \(f(test.mad, 4, .de)), \(test.conformity.german))",
                              members: list, textEN: "\(test.kind == .firstDigit ? "First digit" : "First two digits") \(digit): \(f(share, 1, .en)) % observed, \(f(expected, 1, .en)) % expected (MAD \(f(test.mad, 4, .en)), \(test.conformity.english))")
        }
    }

    // MARK: Spending review

    /// Expense accounts and vendors with the largest growth against the prior year.
    func spendingGrowth(priorByAccount: [String: Int64], priorByVendor: [String: Int64], top: Int) -> ([SpendingGrowth], [SpendingGrowth]) {
        var accountSums = [Int64](repeating: 0, count: l.accounts.count), vendorSums = [Int64](repeating: 0, count: l.vendors.count)
        var accountSeen = [Bool](repeating: false, count: l.accounts.count), vendorSeen = [Bool](repeating: false, count: l.vendors.count)
        for i in 0..<l.count where isExpense[Int(l.account[i])] {
            let a = Int(l.account[i]), v = Int(l.vendor[i])
            accountSums[a] += l.cents[i]; accountSeen[a] = true
            vendorSums[v] += l.cents[i]; vendorSeen[v] = true
        }
        // Sums by bytes, then keyed by `String` (as the spending review always keyed them).
        let accounts = Dictionary(uniqueKeysWithValues: accountSums.indices.filter { accountSeen[$0] }.map { (l.accounts.string(Int32($0)), accountSums[$0]) })
        let vendors = Dictionary(uniqueKeysWithValues: vendorSums.indices.filter { vendorSeen[$0] }.map { (l.vendors.string(Int32($0)), vendorSums[$0]) })
        func growth(_ kind: SpendingGrowth.Kind, _ current: [String: Int64], _ prior: [String: Int64]) -> [SpendingGrowth] {
            let chosen = Set(current.keys).union(prior.keys)
                .map { (key: $0, change: (current[$0] ?? 0) - (prior[$0] ?? 0)) }
                .sorted { ($0.change, $1.key) > ($1.change, $0.key) }
                .prefix(top).filter { $0.change > 0 }
            // The ten largest postings behind each chosen key (by its bytes), in one pass.
            let column = kind == .account ? l.account : l.vendor
            let values = kind == .account ? l.accounts : l.vendors
            var slot = [Int32](repeating: -1, count: values.count)
            for (k, c) in chosen.enumerated() { if let id = values.find(c.key) { slot[Int(id)] = Int32(k) } }
            var largest = [[(cents: Int64, id: Int64)]](repeating: [], count: chosen.count)
            @inline(__always) func before(_ a: (cents: Int64, id: Int64), _ b: (cents: Int64, id: Int64)) -> Bool {
                a.cents > b.cents || (a.cents == b.cents && a.id < b.id)
            }
            for i in 0..<l.count where isExpense[Int(l.account[i])] {
                let s = slot[Int(column[i])]
                guard s >= 0 else { continue }
                let p = (cents: l.cents[i], id: l.ids[i])
                var list = largest[Int(s)]
                if list.count == 10 && !before(p, list[9]) { continue }
                largest[Int(s)] = []
                var at = list.count
                while at > 0 && before(p, list[at - 1]) { at -= 1 }
                list.insert(p, at: at)
                if list.count > 10 { list.removeLast() }
                largest[Int(s)] = list
            }
            return chosen.enumerated().map { k, c in
                SpendingGrowth(kind: kind, key: c.key, prior: Money(cents: prior[c.key] ?? 0), current: Money(cents: current[c.key] ?? 0),
                               largestPostingIds: largest[k].map(\.id))
            }
        }
        return (growth(.account, accounts, priorByAccount), growth(.vendor, vendors, priorByVendor))
    }

    /// Expenses on products flagged as voluntary, against all expenses of the year.
    func voluntaryShare(_ flagged: [AuditParameters.VoluntaryProduct]) -> VoluntaryShare {
        let isVoluntary = l.products.strings.map { code in flagged.contains { $0.matches(code) } }
        var total: Int64 = 0
        var sums = [Int64](repeating: 0, count: l.products.count)
        var key = [Int32](repeating: -1, count: l.products.count)   // per product class: the id that keys it (its first posting's)
        for i in 0..<l.count where isExpense[Int(l.account[i])] {
            total += l.cents[i]
            let p = l.product[i]
            guard isVoluntary[Int(p)] else { continue }
            let c = Int(productClass[Int(p)])
            if key[c] < 0 { key[c] = p }
            sums[c] += l.cents[i]
        }
        let voluntary = key.indices.filter { key[$0] >= 0 }.map { (l.products.string(key[$0]), sums[$0]) }
        return VoluntaryShare(voluntaryExpense: Money(cents: voluntary.map(\.1).reduce(0, +)), totalExpense: Money(cents: total),
                              byProduct: voluntary.map { ($0.0, Money(cents: $0.1)) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) })
    }
}

/// Sorting helpers for index lists.
enum AuditSort {
    /// Stable LSD radix sort of `keys` (11 bits a pass, passes over constant digits skipped),
    /// carrying `values` along.
    static func radixSort(_ keys: inout [UInt64], _ values: inout [Int32]) {
        let n = keys.count
        guard n > 1 else { return }
        let digitBits = 11, buckets = 1 << digitBits, passes = (64 + digitBits - 1) / digitBits
        var counts = [Int](repeating: 0, count: buckets * passes)
        for k in keys {
            for p in 0..<passes { counts[p * buckets + Int((k >> UInt64(p * digitBits)) & UInt64(buckets - 1))] += 1 }
        }
        var keys2 = [UInt64](repeating: 0, count: n), values2 = [Int32](repeating: 0, count: n)
        for p in 0..<passes {
            let base = p * buckets
            // A digit that is the same in every key leaves the order as it is.
            if counts[base..<(base + buckets)].contains(n) { continue }
            var sum = 0
            for b in 0..<buckets { let c = counts[base + b]; counts[base + b] = sum; sum += c }
            let shift = UInt64(p * digitBits)
            keys.withUnsafeBufferPointer { k in
                values.withUnsafeBufferPointer { v in
                    keys2.withUnsafeMutableBufferPointer { k2 in
                        values2.withUnsafeMutableBufferPointer { v2 in
                            counts.withUnsafeMutableBufferPointer { c in
                                for i in 0..<n {
                                    let b = base + Int((k[i] >> shift) & UInt64(buckets - 1))
                                    let at = c[b]
                                    k2[at] = k[i]; v2[at] = v[i]
                                    c[b] = at + 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keys2); swap(&values, &values2)
        }
    }
}

/// Two bit tables over hashes: which were added once, which more than once. A hash whose bit is
/// not set in `twice` was added at most once (its key is unique); set bits may be collisions, so
/// the keys behind them are compared exactly afterwards.
struct HashBits {
    private var once: [UInt64], twice: [UInt64]
    private let mask: UInt64
    private(set) var repeated = false

    /// Sized for `count` keys at 16 bits each (about 6 % of unique keys land on a set bit).
    init(count: Int) {
        var bits = 1024
        while bits < count * 16 { bits *= 2 }
        once = [UInt64](repeating: 0, count: bits / 64)
        twice = once
        mask = UInt64(bits - 1)
    }

    @inline(__always) mutating func add(_ hash: UInt64) {
        let b = hash & mask, w = Int(b >> 6), m = UInt64(1) << (b & 63)
        if once[w] & m != 0 { twice[w] |= m; repeated = true } else { once[w] |= m }
    }

    @inline(__always) func isRepeated(_ hash: UInt64) -> Bool {
        let b = hash & mask
        return twice[Int(b >> 6)] & (UInt64(1) << (b & 63)) != 0
    }
}
