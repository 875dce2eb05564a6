import Foundation

/// A worksheet as a row source for the importer: cells placed in their columns, date-styled numbers as
/// ISO dates, numbers as their exact stored text (a decimal point; a decimal comma when the mapping says
/// German numbers), booleans as true/false.
///
/// The sheet streams: a reading thread inflates and parses the sheet's XML (`XLSXReader.forEachRow`) and
/// hands rows over in small chunks through a bounded queue, so a sheet of a million rows never sits in
/// memory as a whole. Cells are positional (a cell's column is in the file), so a record is padded to the
/// widest row seen so far, and a row's cells right of the header are not a misplaced field as in CSV.
final class XLSXRowSource: RowSource {
    let path: String
    let sheet: String?
    let german: Bool
    let byteCount: Int
    var dialectDescription: String { "Excel workbook" + (sheet.map { ", sheet \($0)" } ?? ", first sheet") }
    var positionalCells: Bool { true }

    private let feed = RowFeed()
    private var chunk: [XLSXRow] = []
    private var chunkIndex = 0
    private var width = 0
    /// The row last handed out, for `rawText`.
    private var current: XLSXRow?

    /// Rows per hand-over and hand-overs waiting: at most 4 × 256 rows between the threads.
    static let chunkRows = 256

    init(path: String, sheet: String?, numbers: NumberStyle?) throws {
        self.path = path
        self.sheet = sheet
        german = numbers == .german
        let reader: XLSXReader
        do {
            reader = try XLSXReader(path: path)
            _ = try reader.sheetName(for: sheet)
        } catch let e as XLSXError {
            throw e.asPruefstandError
        }
        byteCount = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        final class ReaderBox: @unchecked Sendable { let reader: XLSXReader; init(_ r: XLSXReader) { reader = r } }
        let box = ReaderBox(reader), feed = self.feed
        let thread = Thread {
            var rows: [XLSXRow] = []
            rows.reserveCapacity(XLSXRowSource.chunkRows)
            do {
                try box.reader.forEachRow(sheet: sheet, progress: { feed.setProgress($0) }) { row in
                    rows.append(row)
                    if rows.count >= XLSXRowSource.chunkRows {
                        try feed.put(rows)
                        rows.removeAll(keepingCapacity: true)
                    }
                }
                if !rows.isEmpty { try feed.put(rows) }
                feed.finish(nil)
            } catch {
                feed.finish(error)
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    deinit { feed.cancel() }

    func next(_ rec: inout CSVRecord) throws -> Bool {
        if chunkIndex >= chunk.count {
            do {
                guard let more = try feed.take() else { current = nil; return false }
                chunk = more; chunkIndex = 0
            } catch let e as XLSXError {
                throw e.asPruefstandError
            }
        }
        let row = chunk[chunkIndex]
        chunkIndex += 1
        current = row
        rec.reset(line: row.rowNumber)
        var ordered = true, previous = 0
        for cell in row.cells {
            if cell.column > width { width = cell.column }
            if cell.column <= previous { ordered = false }
            previous = cell.column
        }
        // Cells in column order (as every writer stores them) go straight in; others by their column, the
        // last of a column winning.
        let cells = ordered ? row.cells : Dictionary(row.cells.map { ($0.column, $0) }, uniquingKeysWith: { $1 }).values.sorted { $0.column < $1.column }
        var column = 1
        for cell in cells where cell.column >= 1 {
            // Empty cells up to this one.
            while column < cell.column { rec.bounds.append(rec.arena.count); rec.bounds.append(rec.arena.count); column += 1 }
            let start = rec.arena.count
            append(cell, to: &rec.arena)
            rec.bounds.append(start); rec.bounds.append(rec.arena.count)
            column += 1
        }
        while column <= width { rec.bounds.append(rec.arena.count); rec.bounds.append(rec.arena.count); column += 1 }
        return true
    }

    private func append(_ cell: XLSXCell, to arena: inout [UInt8]) {
        switch cell.value {
        case .text(let s): arena.append(contentsOf: s.utf8)
        case .number(let s):
            if cell.isDate, let d = cell.date { arena.append(contentsOf: d.iso.utf8) }
            else {
                let n = XLSXRowSource.excelPrecision(s)
                arena.append(contentsOf: (german ? n.replacingOccurrences(of: ".", with: ",") : n).utf8)
            }
        case .bool(let b): arena.append(contentsOf: (b ? "true" : "false").utf8)
        case .error(let e): arena.append(contentsOf: e.utf8)
        case .empty: break
        }
    }

    /// A workbook number is an IEEE double; writers store its round-trip text (`1234.5599999999999`).
    /// Excel shows and computes with 15 significant digits, so that is the value the file means
    /// (`1234.56`). Integers and short decimals pass through unchanged.
    static func excelPrecision(_ s: String) -> String {
        guard s.count > 15, let d = Double(s), d.isFinite else { return s }
        var t = String(format: "%.15g", d)
        if t.contains("e") || t.contains("E") {
            guard abs(d) < 1e15, abs(d) >= 1e-6 else { return t }
            t = String(format: "%.6f", d)
        }
        if t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        return t
    }

    func sha256() throws -> String { try SHA256.file(at: path) }
    var progress: Double { feed.progress }
    /// The cells of the row last read (the record being rejected), as `A2=…; B2=…`.
    func rawText(_ rec: CSVRecord) -> String {
        guard let row = current, row.rowNumber == rec.line else { return rec.joinedText }
        return row.cells.map { "\($0.reference)=\($0.value.stringValue ?? "")" }.joined(separator: "; ")
    }
}

/// The bounded hand-over of row chunks from the sheet-reading thread to the importer.
final class RowFeed: @unchecked Sendable {
    private let cond = NSCondition()
    private var queue: [[XLSXRow]] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private var fraction = 0.0
    static let capacity = 4

    /// Reader: hands over a chunk, waiting while the queue is full; throws once the importer has gone.
    func put(_ rows: [XLSXRow]) throws {
        cond.lock(); defer { cond.unlock() }
        while queue.count >= RowFeed.capacity && !cancelled { cond.wait() }
        if cancelled { throw CancellationError() }
        queue.append(rows)
        cond.broadcast()
    }

    func finish(_ error: Error?) {
        cond.lock(); finished = true; failure = error; cond.broadcast(); cond.unlock()
    }

    /// Importer: the next chunk; nil at the end of the sheet; the reader's error if it failed.
    func take() throws -> [XLSXRow]? {
        cond.lock(); defer { cond.unlock() }
        while queue.isEmpty && !finished { cond.wait() }
        if !queue.isEmpty {
            let rows = queue.removeFirst()
            cond.broadcast()
            return rows
        }
        if let failure { throw failure }
        return nil
    }

    /// The importer stops reading (done or failed): the reader stops at its next hand-over.
    func cancel() { cond.lock(); cancelled = true; queue.removeAll(); cond.broadcast(); cond.unlock() }

    func setProgress(_ f: Double) { cond.lock(); fraction = f; cond.unlock() }
    var progress: Double { cond.lock(); defer { cond.unlock() }; return fraction }
}
