import Foundation

/// The distinct values of one text column, each once by its UTF-8 bytes, numbered in the order
/// first seen. Bytes that are not valid UTF-8 are stored as the `String` that decodes them
/// (invalid sequences replaced), so equal ids mean equal `String`s byte for byte.
struct ByteInterner {
    private(set) var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private(set) var isASCII = true

    var count: Int { ends.count }

    @inline(__always) func range(_ id: Int32) -> Range<Int> { (id == 0 ? 0 : ends[Int(id) - 1])..<ends[Int(id)] }

    func string(_ id: Int32) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(id)]), as: UTF8.self) }
    }

    /// All values in id order.
    var strings: [String] { (0..<Int32(count)).map(string) }

    @inline(__always) private func equal(_ id: Int32, _ p: UnsafeRawBufferPointer) -> Bool {
        let r = range(id)
        guard r.count == p.count else { return false }
        if r.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + r.lowerBound, p.baseAddress!, r.count) == 0 }
    }

    /// The id of these bytes, if they were interned.
    func find(_ p: UnsafeRawBufferPointer) -> Int32? {
        let h = ByteHash.bytes(p)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[s]
            if id < 0 { return nil }
            if hashes[Int(id)] == h && equal(id, p) { return id }
            s = (s + 1) & mask
        }
    }

    func find(_ text: String) -> Int32? {
        var t = text
        return t.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always) mutating func intern(_ p: UnsafeRawBufferPointer) -> Int32 {
        let h = ByteHash.bytes(p)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[s]
            if id < 0 { break }
            if hashes[Int(id)] == h && equal(id, p) { return id }
            s = (s + 1) & mask
        }
        return insert(p, hash: h, slot: s)
    }

    mutating func intern(_ text: String) -> Int32 {
        var t = text
        return t.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    private mutating func insert(_ p: UnsafeRawBufferPointer, hash h: UInt64, slot s: Int) -> Int32 {
        var ascii = true
        for b in p where b >= 0x80 { ascii = false; break }
        if !ascii {
            // Only valid UTF-8 is stored: what `String` makes of invalid bytes is interned instead.
            let decoded = String(decoding: p, as: UTF8.self)
            if !decoded.utf8.elementsEqual(p) { return intern(decoded) }
            isASCII = false
        }
        let id = Int32(ends.count)
        bytes.append(contentsOf: p)
        ends.append(bytes.count)
        hashes.append(h)
        slots[s] = id
        if ends.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (k, h) in hashes.enumerated() {
                var s = Int(truncatingIfNeeded: h) & mask
                while slots[s] >= 0 { s = (s + 1) & mask }
                slots[s] = Int32(k)
            }
        }
        return id
    }

    /// Per id, the id of the first value equal to it as a Swift `String` (canonical equivalence,
    /// as `[String: …]` groups): the identity when all values are ASCII.
    func stringClasses() -> [Int32] {
        if isASCII { return Array(0..<Int32(count)) }
        var first: [String: Int32] = [:]
        return (0..<Int32(count)).map { id in
            let s = string(id)
            if let c = first[s] { return c }
            first[s] = id
            return id
        }
    }
}

/// One year's postings in columns, compact: dates as day numbers, amounts as cents, vendor, account
/// and product as ids of distinct values, document ids as bytes in one buffer. `String`s are made
/// only for postings that end up in findings.
///
/// Before any test runs, `checkTotals` proves that the sum of the amounts' magnitudes (with the prior
/// year's) fits in 64 bits: then every sum over any part of the postings, and every difference of two
/// such sums, fits too, so the tests add cents without a check per addition.
struct AuditLedger {
    var ids: [Int64] = []
    /// Days since 1970-01-01 (`CivilDate.dayNumber`).
    var days: [Int32] = []
    var cents: [Int64] = []
    var vendor: [Int32] = [], account: [Int32] = [], product: [Int32] = []
    var vendors = ByteInterner(), accounts = ByteInterner(), products = ByteInterner()
    /// Document ids, one after the other; posting i's is `documentBytes[documentEnds[i-1]..<documentEnds[i]]`.
    var documentBytes: [UInt8] = []
    var documentEnds: [Int] = []

    var count: Int { ids.count }

    init() {}

    /// Throws when Σ |amount| over the postings and the prior year's sums passes the 64-bit range (see the
    /// type's documentation); the message names the year.
    func checkTotals(year: Int, prior: [Int64]) throws {
        var total: UInt64 = 0
        var overflow = false
        for c in cents { let (t, o) = total.addingReportingOverflow(c.magnitude); total = t; overflow = overflow || o }
        for c in prior { let (t, o) = total.addingReportingOverflow(c.magnitude); total = t; overflow = overflow || o }
        if overflow || total > UInt64(Int64.max) {
            throw PruefstandError.amountOutOfRange("Prüfungsanalysen \(year): Summe der Buchungsbeträge (Beträge \(year) und Vorjahr)")
        }
    }

    /// The compact form of postings in memory (the order is kept).
    init(_ postings: [AuditPosting]) {
        reserve(postings.count)
        for q in postings {
            var doc = q.documentId
            doc.withUTF8 { documentBytes.append(contentsOf: $0) }
            append(id: q.id, day: Int32(q.date.dayNumber), cents: q.amount.cents,
                   vendor: vendors.intern(q.vendor), account: accounts.intern(q.account), product: products.intern(q.product))
        }
    }

    mutating func reserve(_ n: Int) {
        ids.reserveCapacity(n); days.reserveCapacity(n); cents.reserveCapacity(n)
        vendor.reserveCapacity(n); account.reserveCapacity(n); product.reserveCapacity(n); documentEnds.reserveCapacity(n)
    }

    /// Appends a posting whose document id was just appended to `documentBytes`.
    @inline(__always) mutating func append(id: Int64, day: Int32, cents c: Int64, vendor v: Int32, account a: Int32, product p: Int32) {
        ids.append(id); days.append(day); cents.append(c)
        vendor.append(v); account.append(a); product.append(p)
        documentEnds.append(documentBytes.count)
    }

    @inline(__always) func documentRange(_ i: Int) -> Range<Int> { (i == 0 ? 0 : documentEnds[i - 1])..<documentEnds[i] }

    func documentId(_ i: Int) -> String {
        documentBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[documentRange(i)]), as: UTF8.self) }
    }

    /// Whether every document id is ASCII (then `String` equality is byte equality).
    var documentIdsAreASCII: Bool {
        documentBytes.withUnsafeBytes { b -> Bool in
            var i = 0, acc: UInt64 = 0
            while i + 8 <= b.count { acc |= b.loadUnaligned(fromByteOffset: i, as: UInt64.self); i += 8 }
            while i < b.count { acc |= UInt64(b[i]); i += 1 }
            return acc & 0x8080_8080_8080_8080 == 0
        }
    }

    func sameDocumentId(_ i: Int, _ j: Int) -> Bool {
        let (a, b) = (documentRange(i), documentRange(j))
        return a.count == b.count && documentBytes[a].elementsEqual(documentBytes[b])
    }

    /// Whether ids ascend with the ledger order (they do when read from the store).
    var idsAscending: Bool {
        ids.withUnsafeBufferPointer { ids in
            for i in ids.indices.dropFirst() where ids[i - 1] >= ids[i] { return false }
            return true
        }
    }
}

// MARK: - Loading from the store

extension AuditLedger {
    /// Day number of `yyyy-mm-dd` bytes: digits read directly when the dashes are in place, else
    /// through `CivilDate(iso:)`; `nil` when it is no valid date.
    @inline(__always) static func dayNumber(iso b: UnsafeRawBufferPointer) -> Int? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else {
            return CivilDate(iso: String(decoding: b, as: UTF8.self))?.dayNumber
        }
        @inline(__always) func num(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for i in from..<to { let d = Int(b[i]) &- 48; guard d >= 0 && d <= 9 else { return nil }; v = v * 10 + d }
            return v
        }
        guard let y = num(0, 4), let m = num(5, 7), let d = num(8, 10) else { return nil }
        return CivilDate(year: y, month: m, day: d)?.dayNumber
    }

    /// Reads the year's postings in id order and, in the same scan of the table, the prior year's
    /// expenses (accounts on the scheme's ledger expense side: NKF classes 5 and 7) by account and by vendor.
    static func load(_ store: Store, year: Int) throws -> (ledger: AuditLedger, priorByAccount: [String: Int64], priorByVendor: [String: Int64]) {
        try store.scanAuditPostings(year: year) { yearCount, q in try load(q, yearCount: yearCount, year: year) }
    }

    private static func load(_ q: LedgerScan, yearCount: Int?, year: Int) throws
        -> (ledger: AuditLedger, priorByAccount: [String: Int64], priorByVendor: [String: Int64]) {
        var l = AuditLedger()
        // The store's control totals count the year's postings: room for them at once.
        if let n = yearCount, n > 0 {
            l.reserve(n)
            l.documentBytes.reserveCapacity(n * 16)
        }
        let scheme = CodeSchemes.standard
        var priorAccounts = ByteInterner(), priorVendors = ByteInterner()
        var priorAccountSums: [Int64] = [], priorVendorSums: [Int64] = []
        var priorMagnitude: UInt64 = 0, priorOverflow = false
        let y = Int64(year)
        // Days of date strings seen, by month and day digits (the year is checked with the bytes).
        var dateCache = [(bytes: (UInt64, UInt16), day: Int32)](repeating: ((0, 0), 0), count: 1024)
        while try q.next() {
            if q.fiscalYear != y {
                let a = q.account
                guard scheme.ledgerSide(account: a.assumingMemoryBound(to: UInt8.self)) == .expense else { continue }
                let c = q.amountCents
                let ai = Int(priorAccounts.intern(a)), vi = Int(priorVendors.intern(q.vendor))
                if ai == priorAccountSums.count { priorAccountSums.append(0) }
                if vi == priorVendorSums.count { priorVendorSums.append(0) }
                // Wrapping: `LedgerAudit.run` checks Σ |amount| of these rows (`priorMagnitude`) before use.
                priorAccountSums[ai] &+= c
                priorVendorSums[vi] &+= c
                let (m, o) = priorMagnitude.addingReportingOverflow(c.magnitude)
                priorMagnitude = m; priorOverflow = priorOverflow || o
                continue
            }
            let id = q.id
            let date = q.postingDate
            let day: Int32
            var slot = -1, bytes: (UInt64, UInt16) = (0, 0)
            if date.count == 10 {
                bytes = (date.loadUnaligned(as: UInt64.self), date.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
                slot = ((Int(date[5]) &* 10 &+ Int(date[6])) &* 32 &+ Int(date[8]) &* 10 &+ Int(date[9])) & 1023
            }
            // An entry with all-zero bytes is empty: no date string is ten NUL bytes (NUL ends a text here).
            if slot >= 0, dateCache[slot].bytes == bytes {
                day = dateCache[slot].day
            } else {
                guard let d = dayNumber(iso: date) else {
                    throw PruefstandError.input(path: "posting", line: nil,
                                                message: "Buchung \(id): Datum „\(String(decoding: date, as: UTF8.self))“ ist kein ISO-Datum")
                }
                day = Int32(d)
                if slot >= 0 { dateCache[slot] = (bytes, day) }
            }
            l.documentBytes.append(contentsOf: q.documentId)
            let p = l.products.intern(q.product), a = l.accounts.intern(q.account), v = l.vendors.intern(q.vendor)
            l.append(id: id, day: day, cents: q.amountCents, vendor: v, account: a, product: p)
        }
        if priorOverflow || priorMagnitude > UInt64(Int64.max) {
            throw PruefstandError.amountOutOfRange("Prüfungsanalysen \(year): Summe der Vorjahresbuchungen")
        }
        let byAccount = Dictionary(uniqueKeysWithValues: priorAccounts.strings.enumerated().map { ($0.element, priorAccountSums[$0.offset]) })
        let byVendor = Dictionary(uniqueKeysWithValues: priorVendors.strings.enumerated().map { ($0.element, priorVendorSums[$0.offset]) })
        return (l, byAccount, byVendor)
    }
}
