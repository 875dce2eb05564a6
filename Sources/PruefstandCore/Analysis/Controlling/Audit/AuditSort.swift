import Foundation

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
