import Foundation

/// Reads the data rows after the header: skips blank lines, the total row (kept for reconciliation) and
/// its footer, applies the mapping's filters, parses and validates each row, and hands the result on.
/// Counts what it read; the caller stores.
///
/// A total row is never guessed from a word alone. A row whose first text matches `total_row.label`
/// (`Summe`, `Gesamt`, …) is the total row only when its amount equals the sum of the rows above it (all
/// of them, or those since the previous total row), or when the mapping names its line
/// (`total_row.line`); otherwise it is a data row like any other (an org unit `Gesamt-Personalrat`).
/// After the total row, lines that are not valid data rows are a footer; valid data rows are still read.
///
/// The amounts counted stay within `Money.maxImportTotalCents` (the sum of their magnitudes), so no total
/// of the import can leave `Int64`; a file beyond it stops with an error naming the line.
final class RowPump: @unchecked Sendable {
    let source: RowSource
    let parser: RowParser
    let mapping: Mapping
    let path: String
    let progress: (@Sendable (Double) -> Void)?
    let totalRegex: NSRegularExpression
    private(set) var skipped: [String: Int] = [:]
    private(set) var rowsRead = 0
    /// Every amount that could be read, imported or rejected, as stored (sign rules applied).
    private(set) var readCents: Int64 = 0
    /// The same amounts as the file writes them: what its total row adds up.
    private(set) var readFileCents: Int64 = 0
    /// The sum of the magnitudes of every amount counted (bounded by `Money.maxImportTotalCents`).
    private var magnitudeCents: Int64 = 0
    private var readFileCentsAtTotal: Int64 = 0
    private(set) var fileTotalCents: Int64?
    /// The amounts of the subtotal rows as the file writes them (all their year columns together).
    private(set) var subtotalFileCents: Int64 = 0
    private(set) var fileTotalLine: Int?
    /// The mapping's row rules (`invariants:`): every data row, subtotal rows included, is noted.
    var invariants: InvariantChecker?
    /// The mapping's column rules (`invariants.columns`): every data row, subtotal rows included, is checked.
    var columnInvariants: ColumnInvariantChecker?

    init(source: RowSource, parser: RowParser, mapping: Mapping, path: String, progress: (@Sendable (Double) -> Void)?) throws {
        self.source = source; self.parser = parser; self.mapping = mapping; self.path = path; self.progress = progress
        totalRegex = try NSRegularExpression(pattern: mapping.totalLabel, options: [.caseInsensitive])
    }

    /// Counts an amount read; throws once the magnitudes of the import's amounts pass the limit.
    @inline(__always) private func count(stored: Int64, file: Int64, line: Int) throws {
        magnitudeCents += Int64(stored.magnitude)
        if magnitudeCents > Money.maxImportTotalCents {
            throw PruefstandError.input(path: path, line: line, message:
                "the amounts up to this line add up to more than 900 trillion euros (the sum of their magnitudes), beyond the limit for the totals of one import; check the amounts and the mapping's unit, or split the file")
        }
        readCents += stored
        readFileCents += file
    }

    /// A row whose first non-empty cell starts with a letter and matches the total label.
    private func looksLikeTotal(_ rec: CSVRecord) -> Bool {
        guard let label = parser.firstText(rec), let first = label.unicodeScalars.first, CharacterSet.letters.contains(first) else { return false }
        return RowParser.matches(totalRegex, label) == true
    }

    func run(onRows: (ArraySlice<ParsedRow>, CSVRecord) throws -> Void, onReject: (RejectedRow, CSVRecord) throws -> Void) throws {
        var rec = CSVRecord()
        rec.arena.reserveCapacity(4096)
        var afterTotal = false
        var lastProgress = 0.0
        let totalLine = mapping.totalLine
        // Decided once: a kind without amounts has no total row to prove; no filters, nothing to check.
        let canHaveTotal = parser.amountIndex != nil || !parser.layout.unpivot.isEmpty
        let hasFilters = !parser.filterColumns.isEmpty
        let hasSubtotals = !parser.subtotalColumns.isEmpty
        let changesSigns = parser.changesSigns
        // Nil for every file without row rules (all ledgers): one test of a local per row.
        let invariants = self.invariants
        let columnInvariants = self.columnInvariants
        while try source.next(&rec) {
            if let progress, source.progress - lastProgress > 0.01 { lastProgress = source.progress; progress(lastProgress) }
            if rec.isBlank { skipped["blank", default: 0] += 1; continue }
            var notTotal: Phrase?
            if let totalLine {
                if rec.line == totalLine {
                    // Named by the mapping: the total row, whatever it says; the reconciliation checks its amount.
                    skipped["total row", default: 0] += 1
                    fileTotalLine = rec.line
                    fileTotalCents = parser.totalAmount(rec)
                    if mapping.stopAfterTotal { afterTotal = true }
                    continue
                }
            } else if canHaveTotal, looksLikeTotal(rec) {
                let amount = parser.totalAmount(rec)
                let sinceLast = readFileCents - readFileCentsAtTotal
                if let amount, amount == readFileCents || (fileTotalLine != nil && amount == sinceLast) {
                    skipped["total row", default: 0] += 1
                    fileTotalLine = rec.line
                    fileTotalCents = amount == readFileCents ? amount : (fileTotalCents ?? 0) + amount
                    readFileCentsAtTotal = readFileCents
                    if mapping.stopAfterTotal { afterTotal = true }
                    continue
                }
                notTotal = amount.map {
                    Phrase(de: "sie beginnt wie eine Summenzeile, aber ihr Betrag \(NumberText.euros(Money(cents: $0), .de)) ist nicht die Summe der Zeilen darüber "
                                      + "(\(NumberText.euros(Money(cents: readFileCents), .de))), daher als Daten gelesen",
                                  en: "it starts like a total row, but its amount \(Money(cents: $0).germanString) is not the sum of the rows above it (\(Money(cents: readFileCents).germanString)), so it was read as data")
                } ?? Phrase(de: "sie beginnt wie eine Summenzeile, hat aber keinen Betrag, daher als Daten gelesen",
                                   en: "it starts like a total row, but has no amount, so it was read as data")
            }
            switch hasFilters ? parser.passesFilters(rec) : .pass {
            case .pass: break
            case .filtered: skipped["filtered by mapping", default: 0] += 1; continue
            case .failed(let problem):
                rowsRead += 1
                try onReject(parser.rejected(problem, rec), rec)
                continue
            }
            if let invariants { invariants.observe(rec) }
            if let columnInvariants { columnInvariants.check(rec) }
            // A subtotal row (a sum of other rows, by the mapping's rule) is counted, never imported as detail.
            switch hasSubtotals ? parser.subtotalVerdict(rec) : .pass {
            case .pass: break
            case .filtered:
                skipped["subtotal row", default: 0] += 1
                subtotalFileCents += parser.totalAmount(rec) ?? 0
                continue
            case .failed(let problem):
                rowsRead += 1
                try onReject(parser.rejected(problem, rec), rec)
                continue
            }
            let parsed = parser.parse(rec)
            if afterTotal, case .failure = parsed {
                skipped["footer after total row", default: 0] += 1
                continue
            }
            rowsRead += 1
            switch parsed {
            case .failure(let problem):
                if let c = problem.readCents { try count(stored: c, file: problem.readFileCents ?? c, line: rec.line) }
                let reason = notTotal.map { problem.reason + Phrase("; ") + $0 } ?? problem.reason
                try onReject(parser.rejected(problem, rec, reason: reason), rec)
            case .success(let n):
                let rows = parser.rows[0..<n]
                if changesSigns {
                    for r in rows { try count(stored: r.cents, file: parser.fileCents(of: r), line: rec.line) }
                } else {
                    for r in rows { try count(stored: r.cents, file: r.cents, line: rec.line) }
                }
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
    struct Result { var rowsImported = 0; var importedCents: Int64 = 0 }

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
        /// The field holding a day number whose ISO date (10 bytes per row, in `iso`) the writer binds
        /// without a copy: written here, on the parsing thread.
        let dateField: Int?
        private(set) var iso: UnsafeMutablePointer<UInt8>
        private(set) var count = 0
        private(set) var textCount = 0
        var rejects: [RejectedRow] = []

        init(fields: Int, capacity: Int, dateField: Int? = nil) {
            self.fields = fields; self.capacity = capacity; self.dateField = dateField
            lines = .allocate(capacity: capacity)
            iso = .allocate(capacity: capacity * 10)
            nums = .allocate(capacity: capacity * fields)
            bounds = .allocate(capacity: capacity * fields * 2)
            textCapacity = capacity * 128
            text = .allocate(capacity: textCapacity)
        }
        deinit { lines.deallocate(); nums.deallocate(); bounds.deallocate(); text.deallocate(); iso.deallocate() }

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
            if let d = dateField { CivilDate.writeISO(CivilDate(dayNumber: Int(nums[c * n + d])), into: iso + c * 10) }
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
            lines.deallocate(); nums.deallocate(); bounds.deallocate(); iso.deallocate()
            capacity = rows
            iso = .allocate(capacity: rows * 10)
            lines = .allocate(capacity: rows)
            nums = .allocate(capacity: rows * fields)
            bounds = .allocate(capacity: rows * fields * 2)
        }

        var view: View { View(count: count, fields: fields, lines: lines, nums: nums, bounds: bounds, text: text, iso: iso) }
    }

    /// A read-only look at a filled batch.
    struct View {
        let count: Int
        let fields: Int
        let lines: UnsafeMutablePointer<Int>
        let nums: UnsafeMutablePointer<Int64>
        let bounds: UnsafeMutablePointer<Int>
        let text: UnsafeMutablePointer<UInt8>
        let iso: UnsafeMutablePointer<UInt8>
        /// The row's date as `yyyy-mm-dd` (the batch's `dateField`).
        @inline(__always) func isoDate(_ row: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: iso + row * 10, count: 10) }
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
        init(batches: Int, fields: Int, capacity: Int, dateField: Int?) {
            free = (0..<batches).map { _ in Batch(fields: fields, capacity: capacity, dateField: dateField) }
        }

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

    /// At most this many rejected rows wait in a batch: a file of bad rows streams its rejects too.
    static let rejectsPerBatch = 1024

    /// Batches between two starts of the log's write-back (`WALWriteback`): about 3 MB of postings.
    static let batchesPerWriteback = 16

    static func run(pump: RowPump, sink: LedgerSink, writeback: WALWriteback? = nil, onReject: (RejectedRow) throws -> Void) throws -> Result {
        let capacity = 2048
        let channel = Channel(batches: 4, fields: sink.fields.count, capacity: capacity, dateField: sink.fDate)
        final class Box: @unchecked Sendable { var result = Result(); var tally = LedgerTally(expectedPostings: 0) }
        let box = Box()
        let tallyFields = sink.tallyFields
        // The duplicate filter, the document range and the content hash are kept on the parsing thread, which
        // hands each batch over tallied; the monthly totals on the writing thread, beside its SQLite writes
        // (the split that keeps both threads about equally busy). The sink gets the tally back when both are done.
        box.tally = sink.tally
        sink.tally = LedgerTally(expectedPostings: 0)   // not a second copy of the filter while the thread fills it
        let done = DispatchSemaphore(value: 0)
        let producer = Thread {
            var current = channel.emptyBatch()
            func send(_ b: Batch) {
                let view = b.view
                box.tally.prepare(batch: view, tallyFields)
                box.tally.add(batch: view, tallyFields)
                channel.send(b)
            }
            do {
                var cents: Int64 = 0, imported = 0
                defer { box.result.importedCents = cents; box.result.rowsImported = imported }
                try pump.run(onRows: { rows, rec in
                    guard var b = current else { throw CancellationError() }
                    if !b.makeRoom(for: rows.count) {
                        send(b)
                        guard let next = channel.emptyBatch() else { current = nil; throw CancellationError() }
                        current = next; b = next
                        b.makeRoom(for: rows.count)
                    }
                    rows.withUnsafeBufferPointer { rs in
                        for i in rs.indices { b.append(rs, i, line: rec.line); cents += rs[i].cents }
                    }
                    imported += 1
                }, onReject: { r, _ in
                    guard let b = current else { throw CancellationError() }
                    b.rejects.append(r)
                    if b.rejects.count >= rejectsPerBatch {
                        send(b)
                        guard let next = channel.emptyBatch() else { current = nil; throw CancellationError() }
                        current = next
                    }
                })
                if let b = current, b.count > 0 || !b.rejects.isEmpty { send(b) }
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
            done.signal()
        }
        producer.stackSize = 8 << 20
        producer.start()
        do {
            var written = 0
            while let b = channel.next() {
                let view = b.view
                sink.totals.prepare(batch: view, tallyFields)
                try sink.insert(batch: view)
                sink.totals.add(batch: view, tallyFields)
                written += 1
                if written % batchesPerWriteback == 0 { writeback?.start() }
                for r in b.rejects { try onReject(r) }
                channel.recycle(b)
            }
        } catch {
            channel.abandon()
            done.wait()
            throw error
        }
        done.wait()
        if let failure = channel.failure { throw failure }
        sink.tally = box.tally
        return box.result
    }
}
