import CPruefstandShims
import Foundation

/// What the ledger import keeps beside the postings: the monthly totals by product and account
/// (`postingTotal`) and the document ids that may repeat (a blocked Bloom filter in bounded memory;
/// the candidates are confirmed with one SQL query at the end). The pipeline fills it batch by batch
/// on the writing thread, which has time to spare while the other thread parses.
struct LedgerTally {
    /// Year, month, product code (up to 10 bytes, packed) and account (up to 8 digits, packed).
    struct TotalKey: Hashable {
        var yearMonth: Int32; var product0: UInt64; var product1: UInt16; var account: UInt64
        /// One mixed word instead of four: the dictionary is probed once per posting.
        func hash(into h: inout Hasher) {
            h.combine((product0 &* 0x9E3779B97F4A7C15) ^ (account &* 0xC2B2AE3D27D4EB4F) ^ (UInt64(product1) << 40) ^ UInt64(UInt32(bitPattern: yearMonth)))
        }
    }
    var totals: [TotalKey: (cents: Int64, count: Int64)] = [:]
    var bloom: BloomFilter
    var candidates = Set<String>()
    /// The SHA-256 of the normalised postings (`ContentHasher`).
    var content = ContentHasher(kind: .ledger)
    /// The smallest and largest document id of the file (bytewise, as SQLite compares text): the overlap
    /// check with earlier imports looks only at stored postings in this range.
    var minDocument: [UInt8]?
    var maxDocument: [UInt8]?

    /// The filter is sized from the file (about one posting per 64 bytes), at most for 50 million postings
    /// (64 MB): a huge file must not allocate gigabytes before its first row is read.
    init(expectedPostings: Int) { bloom = BloomFilter(expected: min(50_000_000, max(1 << 16, expectedPostings))) }

    @inline(__always) static func pack(_ p: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt16) {
        var a: UInt64 = 0, b: UInt16 = 0
        for (k, byte) in p.enumerated() {
            if k < 8 { a |= UInt64(byte) << (8 * UInt64(k)) } else { b |= UInt16(byte) << (8 * UInt16(k - 8)) }
        }
        return (a, b)
    }
    static func unpack(_ a: UInt64, _ b: UInt16) -> [UInt8] {
        var out: [UInt8] = []
        for k in 0..<8 { let byte = UInt8(truncatingIfNeeded: a >> (8 * UInt64(k))); if byte == 0 { return out }; out.append(byte) }
        for k in 0..<2 { let byte = UInt8(truncatingIfNeeded: b >> (8 * UInt16(k))); if byte == 0 { return out }; out.append(byte) }
        return out
    }

    @inline(__always)
    private mutating func tallyTotal(year: Int64, day: Int64, amount: Int64, product: UnsafeBufferPointer<UInt8>,
                                     account: UnsafeBufferPointer<UInt8>) {
        let month = CivilDate(dayNumber: Int(day)).month
        let (p0, p1) = LedgerTally.pack(product)
        let key = TotalKey(yearMonth: Int32(year) * 100 + Int32(month), product0: p0, product1: p1, account: LedgerTally.pack(account).0)
        if let i = totals.index(forKey: key) {
            totals.values[i].cents += amount; totals.values[i].count += 1
        } else {
            totals[key] = (amount, 1)
        }
    }

    /// The Bloom hashes of the batch being written (`prepare` → `add(batch:)`).
    private var hashes: [UInt64] = []

    /// Hashes the batch's document ids and prefetches their filter blocks; the SQLite writes of the
    /// batch run while the cache lines arrive.
    mutating func prepare(batch b: LedgerPipeline.View, _ f: Fields) {
        hashes.removeAll(keepingCapacity: true)
        for i in 0..<b.count {
            let h = BloomFilter.hash(b.slice(i, f.document))
            hashes.append(h)
            bloom.prefetch(hash: h)
        }
    }

    /// Tallies every posting of a batch after `prepare(batch:)`.
    mutating func add(batch b: LedgerPipeline.View, _ f: Fields) {
        content.add(batch: b)
        for i in 0..<b.count {
            let doc = b.slice(i, f.document)
            if !bloom.insert(hash: hashes[i]) {
                candidates.insert(String(decoding: doc, as: UTF8.self))
            }
            if let lo = minDocument, let hi = maxDocument {
                if LedgerTally.less(doc, lo) { minDocument = Array(doc) } else if LedgerTally.less(hi, doc) { maxDocument = Array(doc) }
            } else {
                minDocument = Array(doc); maxDocument = Array(doc)
            }
            tallyTotal(year: b.num(i, f.year), day: b.num(i, f.date), amount: b.num(i, f.amount),
                       product: b.slice(i, f.product), account: b.slice(i, f.account))
        }
    }

    /// Bytewise order (SQLite's BINARY collation).
    @inline(__always) static func less(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { bp in
            let c = memcmp(a.baseAddress ?? UnsafePointer(bitPattern: 1)!, bp.baseAddress ?? UnsafePointer(bitPattern: 1)!, min(a.count, bp.count))
            return c < 0 || (c == 0 && a.count < bp.count)
        }
    }
    @inline(__always) static func less(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.withUnsafeBufferPointer { ap in
            let c = memcmp(ap.baseAddress ?? UnsafePointer(bitPattern: 1)!, b.baseAddress ?? UnsafePointer(bitPattern: 1)!, min(ap.count, b.count))
            return c < 0 || (c == 0 && ap.count < b.count)
        }
    }

    /// Where the tallied fields sit in a parsed row.
    struct Fields: Sendable { var year, date, document, product, account, amount: Int }
}

/// A blocked Bloom filter over byte strings (about 10 bits per expected item, 6 probes inside one
/// 512-bit block, so one cache miss per item): bounded memory for duplicate detection over tens of
/// millions of document ids. Past its capacity it only yields more candidates, which the exact SQL
/// check then clears.
struct BloomFilter {
    var bits: [UInt64]
    let blockMask: UInt64
    init(expected: Int) {
        var blocks = 1
        while blocks * 512 < expected * 10 { blocks <<= 1 }
        bits = Array(repeating: 0, count: blocks * 8)
        blockMask = UInt64(blocks - 1)
    }
    /// Adds the item; returns false if it may have been there already.
    mutating func insert(_ p: UnsafeBufferPointer<UInt8>) -> Bool { insert(hash: BloomFilter.hash(p)) }

    /// The filter's hash of an item (`ByteHash`).
    @inline(__always) static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.bytes(UnsafeRawBufferPointer(p)) }

    /// Brings the item's block into the cache ahead of `insert(hash:)`: one miss per item otherwise.
    @inline(__always) func prefetch(hash h: UInt64) {
        bits.withUnsafeBufferPointer { pf_prefetch($0.baseAddress! + Int((h & blockMask) << 3)) }
    }

    @inline(__always) mutating func insert(hash h: UInt64) -> Bool {
        let base = Int((h & blockMask) << 3)
        var g = (h ^ 0x9E3779B97F4A7C15) &* 0xc4ceb9fe1a85ec53
        g ^= g >> 29
        var present = true
        bits.withUnsafeMutableBufferPointer { w in
            for _ in 0..<6 {
                let bit = Int(g & 511); g >>= 9
                let m = UInt64(1) << UInt64(bit & 63)
                if w[base + (bit >> 6)] & m == 0 { present = false; w[base + (bit >> 6)] |= m }
            }
        }
        return !present
    }
}

