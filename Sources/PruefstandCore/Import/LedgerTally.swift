import CPruefstandShims
import Foundation

/// What the ledger import keeps beside the postings and their monthly totals (`MonthlyTotals`): the
/// document ids that may repeat (a blocked Bloom filter in bounded memory; one scan of the stored postings
/// confirms the candidates at the end), the smallest and largest document id, and the content hash. The
/// pipeline's parsing thread fills it batch by batch before it hands the batch to the writing thread.
struct LedgerTally {
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

    /// The Bloom hashes of the batch being written (`prepare` → `add(batch:)`).
    private var hashes: [UInt64] = []

    /// Hashes the batch's document ids and prefetches their filter blocks.
    mutating func prepare(batch b: LedgerPipeline.View, _ f: Fields) {
        hashes.removeAll(keepingCapacity: true)
        for i in 0..<b.count {
            let h = BloomFilter.hash(b.slice(i, f.document))
            hashes.append(h)
            bloom.prefetch(hash: h)
        }
    }

    /// Tallies every posting of a batch after `prepare(batch:)`: its document id and its content.
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

