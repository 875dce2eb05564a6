import Foundation

/// One validated record, typed, ready for a sink. Numbers (years, cents, day numbers, booleans,
/// FTE units) are in `num`; text is UTF-8 in `text` with per-field bounds.
struct ParsedRow {
    var num: [Int64]
    var present: [Bool]
    var text: [UInt8] = []
    var bounds: [Int]
    /// The amount of this record in cents as stored (0 for kinds without money). As the file writes it
    /// (what its total row adds up) it is `RowParser.fileCents(of:)`.
    var cents: Int64 = 0

    init(fieldCount: Int) {
        num = Array(repeating: 0, count: fieldCount)
        present = Array(repeating: false, count: fieldCount)
        bounds = Array(repeating: 0, count: fieldCount * 2)
        text.reserveCapacity(512)
    }
    mutating func reset() {
        text.removeAll(keepingCapacity: true)
        // Whole buffers at once (once per row): no bounds or uniqueness check per element.
        present.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        num.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        bounds.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        cents = 0
    }
    func string(_ f: Int) -> String? {
        guard present[f] else { return nil }
        return String(decoding: text[bounds[2 * f] ..< bounds[2 * f + 1]], as: UTF8.self)
    }
    @inline(__always) func withText<R>(_ f: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try text.withUnsafeBufferPointer { p in try body(UnsafeBufferPointer(rebasing: p[bounds[2 * f] ..< bounds[2 * f + 1]])) }
    }
}
