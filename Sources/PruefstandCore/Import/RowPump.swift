import Foundation

/// Reads the data rows after the header: skips blank lines, the total row (kept for reconciliation) and
/// its footer, applies the mapping's filters, parses and validates each row, and hands the result on.
/// Counts what it read; the caller stores.
final class RowPump: @unchecked Sendable {
    let source: RowSource
    let parser: RowParser
    let mapping: Mapping
    let path: String
    let progress: (@Sendable (Double) -> Void)?
    let totalRegex: NSRegularExpression
    private(set) var skipped: [String: Int] = [:]
    private(set) var rowsRead = 0
    /// Every amount that could be read, imported or rejected.
    private(set) var readCents: Int64 = 0
    private(set) var fileTotalCents: Int64?
    private(set) var fileTotalLine: Int?

    init(source: RowSource, parser: RowParser, mapping: Mapping, path: String, progress: (@Sendable (Double) -> Void)?) throws {
        self.source = source; self.parser = parser; self.mapping = mapping; self.path = path; self.progress = progress
        totalRegex = try NSRegularExpression(pattern: mapping.totalLabel, options: [.caseInsensitive])
    }

    func run(onRows: (ArraySlice<ParsedRow>, CSVRecord) throws -> Void, onReject: (RejectedRow) throws -> Void) throws {
        var rec = CSVRecord()
        rec.arena.reserveCapacity(4096)
        var afterTotal = false
        var lastProgress = 0.0
        while try source.next(&rec) {
            if let progress, source.progress - lastProgress > 0.01 { lastProgress = source.progress; progress(lastProgress) }
            if rec.isBlank { skipped["blank", default: 0] += 1; continue }
            if afterTotal { skipped["footer after total row", default: 0] += 1; continue }
            // A total row: its first non-empty cell starts with a letter and matches the label.
            if let label = parser.firstText(rec), let first = label.unicodeScalars.first, CharacterSet.letters.contains(first),
               totalRegex.firstMatch(in: label, range: NSRange(label.startIndex..., in: label)) != nil {
                skipped["total row", default: 0] += 1
                fileTotalLine = rec.line
                if let total = parser.totalAmount(rec) { fileTotalCents = (fileTotalCents ?? 0) + total }
                if mapping.stopAfterTotal { afterTotal = true }
                continue
            }
            if !parser.passesFilters(rec) { skipped["filtered by mapping", default: 0] += 1; continue }
            rowsRead += 1
            switch parser.parse(rec) {
            case .failure(let problem):
                if let c = problem.readCents { readCents += c }
                try onReject(RejectedRow(file: path, line: rec.line, column: problem.column, field: problem.field,
                                         value: problem.value, reason: problem.reason, rawRecord: source.rawText(rec)))
            case .success(let n):
                let rows = parser.rows[0..<n]
                for r in rows { readCents += r.cents }
                try onRows(rows, rec)
            }
        }
        progress?(1.0)
    }
}

/// The ledger import on two cores: a producer thread reads, parses and validates rows into batches
/// (flat arrays, no allocation per row); the calling thread, which owns the database connection,
/// binds them into SQLite. A bounded queue keeps memory flat. An error on either side stops both.
enum LedgerPipeline {
    struct Result { var rowsImported = 0; var importedCents: Int64 = 0; var rejects: [RejectedRow] = [] }

    final class Batch {
        var count = 0
        var lines: [Int] = []
        var nums: [Int64] = []
        var text: [UInt8] = []
        var bounds: [Int] = []
        var rejects: [RejectedRow] = []
        let fields: Int
        init(fields: Int, capacity: Int) {
            self.fields = fields
            lines.reserveCapacity(capacity); nums.reserveCapacity(capacity * fields)
            bounds.reserveCapacity(capacity * fields * 2); text.reserveCapacity(capacity * 96)
        }
        func reset() {
            count = 0; lines.removeAll(keepingCapacity: true); nums.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true); bounds.removeAll(keepingCapacity: true); rejects.removeAll()
        }
        func append(_ row: ParsedRow, line: Int) {
            lines.append(line)
            nums.append(contentsOf: row.num)
            let base = text.count
            text.append(contentsOf: row.text)
            for b in row.bounds { bounds.append(b + base) }
            count += 1
        }
    }

    /// A bounded hand-over of batches between the two threads.
    final class Channel: @unchecked Sendable {
        let cond = NSCondition()
        var ready: [Batch] = []
        var free: [Batch]
        var finished = false
        var failure: Error?
        var consumerFailed = false
        init(batches: Int, fields: Int, capacity: Int) { free = (0..<batches).map { _ in Batch(fields: fields, capacity: capacity) } }

        /// Producer: an empty batch to fill (waits while all are in use); nil when the consumer gave up.
        func emptyBatch() -> Batch? {
            cond.lock(); defer { cond.unlock() }
            while free.isEmpty && !consumerFailed { cond.wait() }
            if consumerFailed { return nil }
            return free.removeLast()
        }
        func send(_ b: Batch) { cond.lock(); ready.append(b); cond.broadcast(); cond.unlock() }
        func finish(_ error: Error?) { cond.lock(); finished = true; failure = error; cond.broadcast(); cond.unlock() }
        /// Consumer: the next filled batch, or nil at the end.
        func next() -> Batch? {
            cond.lock(); defer { cond.unlock() }
            while ready.isEmpty && !finished { cond.wait() }
            return ready.isEmpty ? nil : ready.removeFirst()
        }
        func recycle(_ b: Batch) { b.reset(); cond.lock(); free.append(b); cond.broadcast(); cond.unlock() }
        func abandon() { cond.lock(); consumerFailed = true; cond.broadcast(); cond.unlock() }
    }

    static func run(pump: RowPump, sink: LedgerSink, storeReject: (RejectedRow) throws -> Void) throws -> Result {
        let capacity = 2048
        let channel = Channel(batches: 4, fields: sink.fields.count, capacity: capacity)
        final class Box: @unchecked Sendable { var result = Result() }
        let box = Box()
        let tallyFields = sink.tallyFields
        let done = DispatchSemaphore(value: 0)
        let producer = Thread {
            var current = channel.emptyBatch()
            do {
                try pump.run(onRows: { rows, rec in
                    guard let b = current else { throw CancellationError() }
                    for r in rows { b.append(r, line: rec.line); box.result.importedCents += r.cents }
                    box.result.rowsImported += 1
                    if b.count >= capacity { channel.send(b); current = channel.emptyBatch() }
                }, onReject: { r in
                    guard let b = current else { throw CancellationError() }
                    b.rejects.append(r); box.result.rejects.append(r)
                })
                if let b = current { channel.send(b) }
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
            done.signal()
        }
        producer.stackSize = 8 << 20
        producer.start()
        do {
            while let b = channel.next() {
                // The monthly totals and the duplicate filter are kept here: the parsing thread is the busier one.
                sink.tally.prepare(batch: b, tallyFields)
                try sink.insert(batch: b)
                sink.tally.add(batch: b, tallyFields)
                for r in b.rejects { try storeReject(r) }
                channel.recycle(b)
            }
        } catch {
            channel.abandon()
            done.wait()
            throw error
        }
        done.wait()
        if let failure = channel.failure { throw failure }
        return box.result
    }
}
