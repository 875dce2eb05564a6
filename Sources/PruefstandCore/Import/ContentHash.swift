import Foundation

/// SHA-256 of an import's normalised rows: each record's parsed values (numbers as integers, text as
/// UTF-8 after decoding and unquoting), in file order, never the file's bytes. A file re-saved with other
/// line ends, a BOM, another encoding or other quoting has the same content hash, so it is recognised as
/// already imported (issue 20). Line numbers are left out: a preamble more or less changes nothing.
struct ContentHasher {
    private var sha = SHA256()
    private var scratch: [UInt8] = []

    init(kind: ImportKind) {
        scratch.reserveCapacity(1 << 16)
        scratch.append(contentsOf: Array("pruefstand-content-v1 \(kind.rawValue)\n".utf8))
    }

    @inline(__always) private mutating func put(_ v: Int64) {
        withUnsafeBytes(of: v.littleEndian) { scratch.append(contentsOf: $0) }
    }

    @inline(__always) private mutating func put(_ text: UnsafeBufferPointer<UInt8>) {
        put(Int64(text.count))
        scratch.append(contentsOf: text)
    }

    @inline(__always) private mutating func flushIfFull() {
        if scratch.count >= 1 << 16 { scratch.withUnsafeBytes { sha.update($0) }; scratch.removeAll(keepingCapacity: true) }
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
        scratch.withUnsafeBytes { sha.update($0) }
        scratch.removeAll()
        return sha.finalize()
    }
}
