import CPruefstandShims
import Foundation

/// The ledger's monthly totals by year, month, product and account (`postingTotal`, what makes the variance
/// fast), kept by the pipeline's writing thread batch by batch beside its SQLite writes.
///
/// Short codes (NKF: products up to 10 bytes, accounts up to 8) are packed into a fixed key in an
/// open-addressing table (linear probing, at most half full, an unseeded hash), probed once per posting,
/// its slots prefetched a batch ahead. Longer codes, or codes with a NUL byte, are tallied by their full text.
struct MonthlyTotals {
    /// Year and month, product (up to 10 bytes, packed) and account (up to 8 bytes, packed).
    struct Key: Equatable { var yearMonth: Int32; var product1: UInt16; var product0: UInt64; var account: UInt64 }
    private struct Slot { var key: Key; var cents: Int64; var count: Int64 }   // count 0: empty

    private var slots: [Slot]
    private var mask: Int
    private var used = 0
    struct LongKey: Hashable { var yearMonth: Int32; var product: [UInt8]; var account: [UInt8] }
    private var long: [LongKey: (cents: Int64, count: Int64)] = [:]
    /// The slot hash (-1: a long code) and key of each posting of the batch being written (`prepare` → `add`).
    private var pending: [(hash: Int, key: Key)] = []

    init() {
        slots = Array(repeating: Slot(key: Key(yearMonth: 0, product1: 0, product0: 0, account: 0), cents: 0, count: 0), count: 1 << 12)
        mask = (1 << 12) - 1
    }

    /// The number of distinct monthly totals.
    var count: Int { used + long.count }

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
    @inline(__always) static func fits(_ p: UnsafeBufferPointer<UInt8>, _ limit: Int) -> Bool {
        guard p.count <= limit else { return false }
        for b in p where b == 0 { return false }
        return true
    }
    /// Never negative (-1 marks a long code in `pending`).
    @inline(__always) static func hash(_ k: Key) -> Int {
        Int(truncatingIfNeeded: ByteHash.mix((k.product0 &* 0x9E37_79B9_7F4A_7C15) ^ (k.account &* 0xC2B2_AE3D_27D4_EB4F)
                                             ^ (UInt64(k.product1) << 40) ^ UInt64(UInt32(bitPattern: k.yearMonth))) >> 1)
    }

    /// The posting's key, nil for codes that do not fit it.
    @inline(__always) static func key(_ b: LedgerPipeline.View, _ i: Int, _ f: LedgerTally.Fields) -> Key? {
        let product = b.slice(i, f.product), account = b.slice(i, f.account)
        guard fits(product, 10), fits(account, 8) else { return nil }
        // The month from the ISO date the batch holds for the writer (`yyyy-mm-dd`).
        let iso = b.isoDate(i)
        let month = Int32(iso[5] &- 0x30) * 10 + Int32(iso[6] &- 0x30)
        let (p0, p1) = pack(product)
        return Key(yearMonth: Int32(b.num(i, f.year)) * 100 + month, product1: p1, product0: p0, account: pack(account).0)
    }

    /// Makes room for a batch and prefetches the slots its postings will update; the SQLite writes of the
    /// batch run while the cache lines arrive.
    mutating func prepare(batch b: LedgerPipeline.View, _ f: LedgerTally.Fields) {
        if (used + b.count) * 2 > slots.count { grow(to: used + b.count) }
        var pending = self.pending
        pending.removeAll(keepingCapacity: true)
        self.pending = []
        let mask = self.mask
        slots.withUnsafeBufferPointer { s in
            for i in 0..<b.count {
                guard let key = Self.key(b, i, f) else { pending.append((-1, Key(yearMonth: 0, product1: 0, product0: 0, account: 0))); continue }
                let h = Self.hash(key)
                pending.append((h, key))
                pf_prefetch(s.baseAddress! + (h & mask))
            }
        }
        self.pending = pending
    }

    /// Adds every posting of a batch after `prepare(batch:)`.
    mutating func add(batch b: LedgerPipeline.View, _ f: LedgerTally.Fields) {
        let mask = self.mask, pending = self.pending
        var added = 0
        var longRows: [Int] = []
        slots.withUnsafeMutableBufferPointer { s in
            pending.withUnsafeBufferPointer { ps in
                for i in 0..<b.count {
                    let (h, key) = ps[i]
                    if h < 0 { longRows.append(i); continue }
                    let amount = b.num(i, f.amount)
                    var j = h & mask
                    while true {
                        if s[j].count == 0 { s[j] = Slot(key: key, cents: amount, count: 1); added += 1; break }
                        if s[j].key == key { s[j].cents += amount; s[j].count += 1; break }
                        j = (j + 1) & mask
                    }
                }
            }
        }
        used += added
        for i in longRows { addLong(b, i, f, b.num(i, f.amount)) }
    }

    private mutating func addLong(_ b: LedgerPipeline.View, _ i: Int, _ f: LedgerTally.Fields, _ amount: Int64) {
        let iso = b.isoDate(i)
        let month = Int32(iso[5] &- 0x30) * 10 + Int32(iso[6] &- 0x30)
        let key = LongKey(yearMonth: Int32(b.num(i, f.year)) * 100 + month, product: Array(b.slice(i, f.product)), account: Array(b.slice(i, f.account)))
        long[key, default: (0, 0)].cents += amount
        long[key, default: (0, 0)].count += 1
    }

    /// Doubles the table until `entries` fill at most half of it.
    private mutating func grow(to entries: Int) {
        var size = slots.count
        while entries * 2 > size { size *= 2 }
        let old = slots
        slots = Array(repeating: Slot(key: Key(yearMonth: 0, product1: 0, product0: 0, account: 0), cents: 0, count: 0), count: size)
        mask = size - 1
        for slot in old where slot.count > 0 {
            var j = Self.hash(slot.key) & mask
            while slots[j].count != 0 { j = (j + 1) & mask }
            slots[j] = slot
        }
    }

    /// Bytewise order, as SQLite compares text (a prefix first): negative, zero or positive.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let c = a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                min(ap.count, bp.count) == 0 ? 0 : Int(memcmp(ap.baseAddress!, bp.baseAddress!, min(ap.count, bp.count)))
            }
        }
        return c != 0 ? c : a.count - b.count
    }

    /// One monthly total, as stored in `postingTotal`.
    struct Total { var year: Int64; var month: Int64; var product: [UInt8]; var account: [UInt8]; var cents: Int64; var count: Int64 }

    /// The totals in the order of `postingTotal`'s primary key (year, month, then product and account
    /// bytewise, as SQLite compares text): each insert appends to the B-tree instead of landing anywhere in it.
    func sorted() -> [Total] {
        var out: [Total] = []
        out.reserveCapacity(count)
        for s in slots where s.count > 0 {
            out.append(Total(year: Int64(s.key.yearMonth / 100), month: Int64(s.key.yearMonth % 100),
                             product: Self.unpack(s.key.product0, s.key.product1), account: Self.unpack(s.key.account, 0),
                             cents: s.cents, count: s.count))
        }
        for (k, v) in long {
            out.append(Total(year: Int64(k.yearMonth / 100), month: Int64(k.yearMonth % 100), product: k.product, account: k.account,
                             cents: v.cents, count: v.count))
        }
        out.sort { a, b in
            if a.year != b.year { return a.year < b.year }
            if a.month != b.month { return a.month < b.month }
            let p = Self.compare(a.product, b.product)
            return p != 0 ? p < 0 : Self.compare(a.account, b.account) < 0
        }
        return out
    }
}
