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

    /// Rows of one hand-over in flat, preallocated memory: the numbers, the UTF-8 text of all fields and
    /// each field's byte range in it. Filled by the parsing thread, read by the writer through `view`
    /// (plain pointers: no reference counting or exclusivity checks per row).
    final class Batch {
        let fields: Int
        private(set) var capacity: Int
        private(set) var lines: UnsafeMutablePointer<Int>
        private(set) var nums: UnsafeMutablePointer<Int64>
        private(set) var bounds: UnsafeMutablePointer<Int>
        private(set) var text: UnsafeMutablePointer<UInt8>
        private(set) var textCapacity: Int
        private(set) var count = 0
        private(set) var textCount = 0
        var rejects: [RejectedRow] = []

        init(fields: Int, capacity: Int) {
            self.fields = fields; self.capacity = capacity
            lines = .allocate(capacity: capacity)
            nums = .allocate(capacity: capacity * fields)
            bounds = .allocate(capacity: capacity * fields * 2)
            textCapacity = capacity * 128
            text = .allocate(capacity: textCapacity)
        }
        deinit { lines.deallocate(); nums.deallocate(); bounds.deallocate(); text.deallocate() }

        func reset() { count = 0; textCount = 0; rejects.removeAll() }

        /// Makes room for `rows` more rows if it can: false when they do not fit beside the rows already
        /// there. An empty batch always takes them, growing for a record that alone is larger than a batch
        /// (an unpivot of very many columns).
        @discardableResult
        func makeRoom(for rows: Int) -> Bool {
            if count + rows <= capacity { return true }
            if count == 0 { growRows(to: rows); return true }
            return false
        }

        /// Appends `rows[i]` (read in place: no copy of the row's arrays).
        func append(_ rows: UnsafeBufferPointer<ParsedRow>, _ i: Int, line: Int) {
            let c = count, base = textCount, n = fields
            precondition(c < capacity, "batch overflow")
            lines[c] = line
            rows[i].num.withUnsafeBufferPointer { (nums + c * n).update(from: $0.baseAddress!, count: n) }
            rows[i].text.withUnsafeBufferPointer { t in
                if base + t.count > textCapacity { growText(to: base + t.count) }
                if let src = t.baseAddress { (text + base).update(from: src, count: t.count) }
                textCount = base + t.count
            }
            let out = bounds + c * n * 2
            rows[i].bounds.withUnsafeBufferPointer { b in
                for k in 0..<(n * 2) { out[k] = b[k] + base }
            }
            count = c + 1
        }

        private func growText(to needed: Int) {
            var size = textCapacity * 2
            while size < needed { size *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            bigger.update(from: text, count: textCount)
            text.deallocate()
            text = bigger; textCapacity = size
        }

        private func growRows(to rows: Int) {
            precondition(count == 0)
            lines.deallocate(); nums.deallocate(); bounds.deallocate()
            capacity = rows
            lines = .allocate(capacity: rows)
            nums = .allocate(capacity: rows * fields)
            bounds = .allocate(capacity: rows * fields * 2)
        }

        var view: View { View(count: count, fields: fields, lines: lines, nums: nums, bounds: bounds, text: text) }
    }

    /// A read-only look at a filled batch.
    struct View {
        let count: Int
        let fields: Int
        let lines: UnsafeMutablePointer<Int>
        let nums: UnsafeMutablePointer<Int64>
        let bounds: UnsafeMutablePointer<Int>
        let text: UnsafeMutablePointer<UInt8>
        @inline(__always) func num(_ row: Int, _ field: Int) -> Int64 { nums[row * fields + field] }
        @inline(__always) func slice(_ row: Int, _ field: Int) -> UnsafeBufferPointer<UInt8> {
            let o = (row * fields + field) * 2
            return UnsafeBufferPointer(start: text + bounds[o], count: bounds[o + 1] - bounds[o])
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
                var cents: Int64 = 0, imported = 0
                defer { box.result.importedCents = cents; box.result.rowsImported = imported }
                try pump.run(onRows: { rows, rec in
                    guard var b = current else { throw CancellationError() }
                    if !b.makeRoom(for: rows.count) {
                        channel.send(b)
                        guard let next = channel.emptyBatch() else { current = nil; throw CancellationError() }
                        current = next; b = next
                        b.makeRoom(for: rows.count)
                    }
                    rows.withUnsafeBufferPointer { rs in
                        for i in rs.indices { b.append(rs, i, line: rec.line); cents += rs[i].cents }
                    }
                    imported += 1
                }, onReject: { r in
                    guard let b = current else { throw CancellationError() }
                    b.rejects.append(r); box.result.rejects.append(r)
                })
                if let b = current, b.count > 0 || !b.rejects.isEmpty { channel.send(b) }
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
                let view = b.view
                sink.tally.prepare(batch: view, tallyFields)
                try sink.insert(batch: view)
                sink.tally.add(batch: view, tallyFields)
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
