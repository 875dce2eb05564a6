import Foundation

/// A finding before its posting and document ids are listed: the postings as ledger indices.
struct RawFinding: Sendable {
    var kind: AuditTestKind
    var text: String
    var members: [Int32]
    /// The text in English (issue 16: one language per report).
    var textEN = ""
}

/// What the audit's checks share over a compact ledger (`AuditLedger`): which accounts are
/// expense accounts and which vendor and product ids are equal as `String`s. Each check (`AuditCheck`, one file each, as
/// an extension of this type) reads only and returns `RawFinding`s, listing postings in ledger order as
/// `LedgerAudit` always has; `findings` then lists their ids and document ids.
struct AuditChecks: @unchecked Sendable {
    let l: AuditLedger
    /// Per account id: an expense account (the ledger side the code scheme gives: NKF classes 5 and 7).
    let isExpense: [Bool]
    /// Per vendor id: the empty vendor.
    let vendorIsEmpty: [Bool]
    /// Per vendor / product id: the first id whose value is the same `String`.
    let vendorClass: [Int32], productClass: [Int32]

    init(_ l: AuditLedger) {
        self.l = l
        isExpense = l.accounts.strings.map { CodeSchemes.standard.ledgerSide(account: $0) == .expense }
        vendorIsEmpty = l.vendors.strings.map(\.isEmpty)
        vendorClass = l.vendors.stringClasses()
        productClass = l.products.stringClasses()
    }

    @inline(__always) func isPayment(_ i: Int) -> Bool { l.cents[i] > 0 && isExpense[Int(l.account[i])] }

    /// The prior year's expense totals per account and per vendor (the spending review's baseline).
    var priorByAccount: [String: Int64] = [:], priorByVendor: [String: Int64] = [:]
    /// Postings with equal document ids, grouped once per run by whichever needs them first.
    let documents = DocumentGroups()

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
        findings(raws, documentGroup: documents.get(l).group)
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

    /// Postings grouped by vendor (as `String`s), each group keyed by its first posting's vendor and
    /// ordered by that key.
    func byVendor(_ include: (Int) -> Bool) -> [(vendor: String, members: [Int32])] {
        var lists = [[Int32]](repeating: [], count: l.vendors.count)
        for i in 0..<l.count where include(i) { lists[Int(vendorClass[Int(l.vendor[i])])].append(Int32(i)) }
        return lists.filter { !$0.isEmpty }.map { (l.vendors.string(l.vendor[Int($0[0])]), $0) }.sorted { $0.vendor < $1.vendor }
    }

}

/// Postings whose document ids are equal (`AuditChecks.groupDocuments`), computed once by whichever
/// needs them first: the duplicate-document check while the others run, or the listing of the findings'
/// document ids after them.
final class DocumentGroups: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (group: [Int32]?, groups: [(key: String, members: [Int32])])?

    func get(_ l: AuditLedger) -> (group: [Int32]?, groups: [(key: String, members: [Int32])]) {
        lock.lock(); defer { lock.unlock() }
        if let value { return value }
        let v = AuditChecks.groupDocuments(l)
        value = v
        return v
    }
}
