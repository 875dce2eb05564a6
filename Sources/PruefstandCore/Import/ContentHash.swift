import Foundation

/// SHA-256 of an import's normalised rows: each record's parsed values (numbers as integers, text as
/// UTF-8 after decoding and unquoting), in file order, never the file's bytes. A file re-saved with other
/// line ends, a BOM, another encoding or other quoting has the same content hash, so it is recognised as
/// already imported (issue 20). Line numbers are left out: a preamble more or less changes nothing.
struct ContentHasher {
    private var sha = SHA256()
    /// The bytes not yet hashed, written through a pointer (no uniqueness or capacity check per value);
    /// hashed in blocks of about 64 KiB. Shared by copies, as the SHA-256 context is: one copy is used at a time.
    private final class Scratch {
        static let capacity = 1 << 17
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: Scratch.capacity)
        var count = 0
        deinit { p.deallocate() }
    }
    private let scratch = Scratch()
    private static let flushAt = 1 << 16

    init(kind: ImportKind) {
        var head = Array("pruefstand-content-v1 \(kind.rawValue)\n".utf8)
        head.withUnsafeMutableBufferPointer { put($0.baseAddress!, $0.count) }
    }

    private mutating func flush() {
        sha.update(UnsafeRawBufferPointer(start: scratch.p, count: scratch.count))
        scratch.count = 0
    }

    @inline(__always) private mutating func put(_ v: Int64) {
        if scratch.count + 8 > Scratch.capacity { flush() }
        UnsafeMutableRawPointer(scratch.p + scratch.count).storeBytes(of: v.littleEndian, as: Int64.self)
        scratch.count += 8
    }

    @inline(__always) private mutating func put(_ p: UnsafePointer<UInt8>?, _ n: Int) {
        guard n > 0, let p else { return }
        if scratch.count + n > Scratch.capacity {
            flush()
            if n > Scratch.capacity { sha.update(UnsafeRawBufferPointer(start: p, count: n)); return }
        }
        (scratch.p + scratch.count).update(from: p, count: n)
        scratch.count += n
    }

    @inline(__always) private mutating func put(_ text: UnsafeBufferPointer<UInt8>) {
        put(Int64(text.count))
        put(text.baseAddress, text.count)
    }

    @inline(__always) private mutating func flushIfFull() {
        if scratch.count >= ContentHasher.flushAt { flush() }
    }

    /// Adds every record of a ledger batch.
    mutating func add(batch b: LedgerPipeline.View) {
        for i in 0..<b.count {
            for f in 0..<b.fields { put(b.num(i, f)); put(b.slice(i, f)) }
            flushIfFull()
        }
    }

    /// Adds the records of one source row (more than one when a wide file is unpivoted).
    mutating func add(_ rows: ArraySlice<ParsedRow>) {
        for r in rows {
            for f in r.num.indices {
                put(r.present[f] ? 1 : 0)
                put(r.num[f])
                r.withText(f) { put($0) }
            }
            flushIfFull()
        }
    }

    mutating func finalize() -> String {
        flush()
        return sha.finalize()
    }
}
