/// 64-bit hashes for our own tables (the import's Bloom filter, the audit's interning and grouping):
/// unseeded and fast on short keys (Swift's `Hasher` is seeded per process and normalises non-ASCII
/// strings first).
enum ByteHash {
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) static func bytes(_ p: UnsafeRawBufferPointer) -> UInt64 {
        let n = p.count
        var h = UInt64(truncatingIfNeeded: n) &* 0xA076_1D64_78BD_642F
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xE703_7ED1_A0B4_28DB
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0, shift: UInt64 = 0
            while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0xE703_7ED1_A0B4_28DB
        }
        return mix(h)
    }
}
