import Foundation

/// How a CSV file is written: delimiter, quote and encoding.
public struct CSVInputFormat: Sendable, Equatable, CustomStringConvertible {
    public var delimiter: UInt8
    public var quote: UInt8 = UInt8(ascii: "\"")
    public var encoding: TextEncoding
    public init(delimiter: UInt8, encoding: TextEncoding) { self.delimiter = delimiter; self.encoding = encoding }

    public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
    public static func delimiterName(_ d: UInt8) -> String {
        switch d {
        case UInt8(ascii: "\t"): return "tab"
        default: return String(UnicodeScalar(d))
        }
    }
    public var description: String { "delimiter \(CSVInputFormat.delimiterName(delimiter)), \(encoding.rawValue)" }
}

/// One CSV record. Field `i` is the UTF-8 text `arena[bounds[2i] ..< bounds[2i+1]]`, already
/// unquoted and transcoded; the record is valid until the next call to `CSVReader.next`.
public struct CSVRecord {
    public init() {}
    /// Physical line (1-based) where the record starts, and where it ends.
    public var line = 0
    public var endLine = 0
    public var arena: [UInt8] = []
    public var bounds: [Int] = []
    /// The record ran into the end of the file inside a quoted field.
    public var unclosedQuote = false
    /// A field held bytes that are not valid in the file's encoding (its index).
    public var badEncodingField: Int?
    /// A closing quote was followed by other text before the delimiter (field index).
    public var strayQuoteField: Int?
    /// Where the record's raw bytes lie in the reader's buffer (valid until the next read).
    var rawStart = 0
    var rawEnd = 0

    public var count: Int { bounds.count / 2 }
    public func field(_ i: Int) -> String {
        String(decoding: arena[bounds[2 * i] ..< bounds[2 * i + 1]], as: UTF8.self)
    }
    public var fields: [String] { (0..<count).map(field) }
    public var isBlank: Bool {
        for i in 0..<count where bounds[2 * i + 1] > bounds[2 * i] {
            for b in arena[bounds[2 * i] ..< bounds[2 * i + 1]] where b != 0x20 && b != 0x09 { return false }
        }
        return true
    }
    @inline(__always) public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { p in
            try body(UnsafeBufferPointer(rebasing: p[bounds[2 * i] ..< bounds[2 * i + 1]]))
        }
    }
    /// The record's fields joined with commas, for records that did not come from a CSV buffer.
    public var joinedText: String { fields.joined(separator: ",") }

    /// The record emptied and placed at `line`, for sources that build records instead of reading a CSV
    /// buffer (a workbook's rows, a JSON code tree, a header named by the mapping).
    @inline(__always) mutating func reset(line: Int) {
        arena.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
        unclosedQuote = false; badEncodingField = nil; strayQuoteField = nil
        self.line = line; endLine = line; rawStart = 0; rawEnd = 0
    }

    /// The record holding `fields` at `line`.
    mutating func set(_ fields: [String], line: Int) {
        reset(line: line)
        for f in fields {
            bounds.append(arena.count)
            arena.append(contentsOf: f.utf8)
            bounds.append(arena.count)
        }
    }
}

/// A streaming CSV reader over bytes: constant memory (a block buffer that grows only for a record
/// longer than a block, up to `maxRecordBytes`), RFC 4180 quoting with embedded delimiters, quotes
/// and line breaks, CRLF / LF / CR line ends (mixed is fine), UTF-8 (with or without BOM),
/// Windows-1252 and ISO-8859-1.
///
/// Every byte read is also fed to a SHA-256 of the file, so the fingerprint costs no second pass.
public final class CSVReader {
    public let path: String
    public private(set) var dialect: CSVInputFormat
    public let fileSize: Int
    public var maxRecordBytes = 64 << 20
    public var maxFields = 100_000
    public private(set) var bytesConsumed = 0

    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0       // first unconsumed byte in buffer
    private var end = 0         // one past the last valid byte in buffer
    private var eof = false
    private var line = 1        // physical line at `start`
    private var hashDone: String?
    private let hashGroup = DispatchGroup()
    private let hashBox = HashBox()
    final class HashBox: @unchecked Sendable { var value: Result<String, Error>? }
    private static let blockSize = 1 << 20

    /// Opens a file; a delimiter or encoding left nil is detected from the first block.
    public init(path: String, delimiter declaredDelimiter: UInt8? = nil, encoding declaredEncoding: TextEncoding? = nil) throws {
        self.path = path
        // Checked before opening: a named pipe would block `open` until something writes to it.
        fd = try InputFile.open(path)
        var st = stat()
        fstat(fd, &st)
        fileSize = Int(st.st_size)
        buffer = [UInt8](repeating: 0, count: CSVReader.blockSize)
        dialect = CSVInputFormat(delimiter: UInt8(ascii: ","), encoding: .utf8)
        try fill()
        // BOMs
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
            start += 3
            bytesConsumed = 3
            dialect.encoding = .utf8
        } else if end - start >= 2, (buffer[start] == 0xFF && buffer[start + 1] == 0xFE) || (buffer[start] == 0xFE && buffer[start + 1] == 0xFF) {
            close(fd)
            throw PruefstandError.input(path: path, line: nil, message: "the file is UTF-16; save it as UTF-8 or Windows-1252 CSV")
        }
        if end - start == 0 {
            close(fd)
            throw PruefstandError.input(path: path, line: nil, message: "the file is empty")
        }
        let head = buffer[start..<min(end, start + 65536)]
        if head.contains(0) {
            close(fd)
            throw PruefstandError.input(path: path, line: nil, message: "binary data (NUL bytes) at the start: this is not a CSV text file")
        }
        let hadBOM = start == 3
        let enc: TextEncoding = hadBOM ? .utf8 : declaredEncoding
            ?? (head.withUnsafeBufferPointer { TextEncoding.isValidUTF8($0, allowTruncatedEnd: !eof) } ? .utf8 : .windows1252)
        let delim = try declaredDelimiter ?? CSVReader.detectDelimiter(Array(head), path: path)
        self.dialect = CSVInputFormat(delimiter: delim, encoding: enc)
        startHashing()
    }

    /// Waits for the fingerprint still being computed on the other thread: a reader given up early (a file
    /// refused at its header) must not leave that thread reading while the process exits (it crashed there,
    /// `BadInputCorpusTests`).
    deinit { hashGroup.wait(); close(fd) }

    /// Picks the delimiter whose per-line count is most consistent (and non-zero) over the first
    /// lines, ignoring quoted text. Ambiguity is an error that asks for a declaration.
    static func detectDelimiter(_ sample: [UInt8], path: String) throws -> UInt8 {
        var lines: [[Int]] = []   // per line, counts of each candidate
        var counts = [Int](repeating: 0, count: CSVInputFormat.candidates.count)
        var inQuotes = false
        var nonEmpty = false
        for b in sample {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D {
                if nonEmpty { lines.append(counts) }
                counts = [Int](repeating: 0, count: counts.count); nonEmpty = false
                if lines.count >= 30 { break }
                continue
            }
            nonEmpty = true
            if let k = CSVInputFormat.candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        if nonEmpty && lines.count < 30 { lines.append(counts) }
        var best: (score: Int, modal: Int, index: Int)? = nil
        var tie = false
        for k in CSVInputFormat.candidates.indices {
            var freq: [Int: Int] = [:]
            for l in lines where l[k] > 0 { freq[l[k], default: 0] += 1 }
            guard let (modal, score) = freq.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }) else { continue }
            if let b = best {
                if score > b.score || (score == b.score && modal > b.modal) { best = (score, modal, k); tie = false }
                else if score == b.score && modal == b.modal { tie = true }
            } else { best = (score, modal, k) }
        }
        guard let best else { return UInt8(ascii: ",") }   // one column: any delimiter reads it
        if tie {
            throw PruefstandError.input(path: path, line: nil, message: "cannot tell the delimiter from the first lines; declare it in a mapping (format: delimiter)")
        }
        return CSVInputFormat.candidates[best.index]
    }

    private func fill() throws {
        if start > 0 && start == end { start = 0; end = 0 }
        if end == buffer.count {
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { p in
                    _ = memmove(p.baseAddress!, p.baseAddress! + start, end - start)
                }
                end -= start; start = 0
            } else {
                if buffer.count >= maxRecordBytes {
                    throw PruefstandError.input(path: path, line: line, message: "a record is longer than \(maxRecordBytes >> 20) MiB; is a quote left open?")
                }
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
        }
        let n = buffer.withUnsafeMutableBufferPointer { p in read(fd, p.baseAddress! + end, p.count - end) }
        if n < 0 { throw PruefstandError.file(path: path, message: Phrase(String(cString: strerror(errno)))) }
        if n == 0 { eof = true; return }
        end += n
    }

    /// The SHA-256 of the whole file; reads to the end if the records were not all consumed.
    public func sha256() throws -> String {
        if let hashDone { return hashDone }
        hashGroup.wait()
        let h = try hashBox.value!.get()
        hashDone = h
        return h
    }

    /// The fingerprint is computed on the second core while the first parses and stores.
    private func startHashing() {
        let path = self.path, box = hashBox
        hashGroup.enter()
        DispatchQueue.global().async { [hashGroup] in
            box.value = Result { try SHA256.file(at: path) }
            hashGroup.leave()
        }
    }

    /// The record's raw text as it stands in the file (valid until the next read), for rejects.
    public func rawText(_ rec: CSVRecord) -> String {
        guard rec.rawEnd > rec.rawStart, rec.rawEnd <= end else { return rec.joinedText }
        let slice = buffer[rec.rawStart..<rec.rawEnd]
        if dialect.encoding == .utf8 { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        for b in slice {
            if b < 0x80 { out.append(b) } else if !TextEncoding.appendSingleByte(b, encoding: dialect.encoding, to: &out) { out.append(0x3F) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads the next record into `rec`; false at the end of the file.
    public func next(_ rec: inout CSVRecord) throws -> Bool {
        while true {
            if start == end {
                if eof { return false }
                try fill()
                continue
            }
            if let consumed = parse(&rec) {
                start += consumed
                bytesConsumed += consumed
                line = rec.endLine + 1
                return true
            }
            if eof {
                // Incomplete record at end of file: only possible inside quotes.
                guard let consumed = parse(&rec, atEOF: true) else { return false }
                start += consumed
                bytesConsumed += consumed
                line = rec.endLine + 1
                return true
            }
            try fill()
        }
    }

    /// Parses one record starting at `start`. Returns the bytes consumed, or nil when the buffer
    /// ends before the record does (and more input may follow).
    private func parse(_ rec: inout CSVRecord, atEOF: Bool = false) -> Int? {
        let delim = dialect.delimiter, quote = dialect.quote, enc = dialect.encoding
        // Read once: each read of a stored property inside the loop below is an exclusivity check.
        let start = self.start, end = self.end, eof = self.eof, maxFields = self.maxFields
        rec.arena.removeAll(keepingCapacity: true)
        rec.bounds.removeAll(keepingCapacity: true)
        rec.unclosedQuote = false
        rec.badEncodingField = nil
        rec.strayQuoteField = nil
        rec.line = line
        var lines = 0
        var highBytes = false
        let result: Int? = buffer.withUnsafeBufferPointer { buf -> Int? in
            let p = buf.baseAddress!
            var i = start
            let n = end
            func appendBytes(_ from: Int, _ to: Int, field: Int) {
                if to <= from { return }
                if enc == .utf8 {
                    rec.arena.append(contentsOf: UnsafeBufferPointer(start: p + from, count: to - from))
                    if !highBytes {
                        for k in from..<to where p[k] >= 0x80 { highBytes = true; break }
                    }
                } else {
                    for k in from..<to {
                        let b = p[k]
                        if b < 0x80 { rec.arena.append(b) }
                        else if !TextEncoding.appendSingleByte(b, encoding: enc, to: &rec.arena) {
                            if rec.badEncodingField == nil { rec.badEncodingField = field }
                        }
                    }
                }
            }
            var field = 0
            while true {
                let fieldStartArena = rec.arena.count
                if i < n && p[i] == quote {
                    // Quoted field.
                    i += 1
                    var segment = i
                    var closed = false
                    while i < n {
                        let b = p[i]
                        if b == quote {
                            if i + 1 < n && p[i + 1] == quote {
                                appendBytes(segment, i + 1, field: field)
                                i += 2; segment = i
                                continue
                            }
                            if i + 1 >= n && !atEOF && !eof { return nil }
                            appendBytes(segment, i, field: field)
                            i += 1; closed = true
                            break
                        }
                        if b == 0x0A { lines += 1 } else if b == 0x0D && !(i + 1 < n && p[i + 1] == 0x0A) { lines += 1 }
                        i += 1
                    }
                    if !closed {
                        if !atEOF { return nil }
                        appendBytes(segment, i, field: field)
                        rec.unclosedQuote = true
                        rec.bounds.append(fieldStartArena); rec.bounds.append(rec.arena.count)
                        rec.endLine = rec.line + lines
                        rec.rawStart = start; rec.rawEnd = i
                        return i - start
                    }
                    // Text between the closing quote and the delimiter is kept but marked.
                    let after = i
                    while i < n && p[i] != delim && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
                    if i > after {
                        if rec.strayQuoteField == nil { rec.strayQuoteField = field }
                        appendBytes(after, i, field: field)
                    }
                } else {
                    let s = i
                    while i < n {
                        let b = p[i]
                        if b == delim || b == 0x0A || b == 0x0D { break }
                        i += 1
                    }
                    appendBytes(s, i, field: field)
                }
                rec.bounds.append(fieldStartArena); rec.bounds.append(rec.arena.count)
                if rec.bounds.count / 2 > maxFields {
                    // Absurdly wide record: stop splitting, keep the rest as one field so memory stays bounded.
                    while i < n && p[i] != 0x0A && p[i] != 0x0D { i += 1 }
                }
                if i >= n {
                    if !atEOF && !eof { return nil }
                    rec.endLine = rec.line + lines
                    rec.rawStart = start; rec.rawEnd = i
                    return i - start
                }
                let b = p[i]
                if b == delim { i += 1; field += 1; continue }
                // Line end: CRLF, LF or CR.
                let recordEnd = i
                if b == 0x0D {
                    if i + 1 >= n && !atEOF && !eof { return nil }
                    i += (i + 1 < n && p[i + 1] == 0x0A) ? 2 : 1
                } else { i += 1 }
                rec.endLine = rec.line + lines
                rec.rawStart = start; rec.rawEnd = recordEnd
                return i - start
            }
        }
        if result != nil, highBytes, enc == .utf8 {
            // Find which field holds invalid UTF-8, if any.
            rec.arena.withUnsafeBufferPointer { a in
                for f in 0..<(rec.bounds.count / 2) {
                    let slice = UnsafeBufferPointer(rebasing: a[rec.bounds[2 * f] ..< rec.bounds[2 * f + 1]])
                    if !TextEncoding.isValidUTF8(slice) { rec.badEncodingField = f; break }
                }
            }
        }
        return result
    }

    /// Bytes read so far, for a progress bar.
    public var progress: Double { fileSize == 0 ? 1 : Double(bytesConsumed) / Double(fileSize) }
}
