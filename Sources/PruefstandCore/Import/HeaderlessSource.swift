import Foundation

/// A file without a usable header line (`format.column_names`): the mapping names its columns in order, and
/// this source hands them to the importer as the header. Without `format.header_line` the header comes
/// before the file's first line (as line 0: every line of the file is data and keeps its number). With it,
/// the lines before `header_line` pass unchanged (the importer counts them as preamble) and line
/// `header_line` itself is replaced by the names: for a header written over several lines, or not at all.
final class HeaderlessSource: RowSource {
    let inner: RowSource
    let header: [String]
    let headerLine: Int
    private var gaveHeader = false
    private var pending: CSVRecord?

    init(inner: RowSource, header: [String], at line: Int? = nil) {
        self.inner = inner; self.header = header; headerLine = line ?? 0
    }

    var path: String { inner.path }
    var dialectDescription: String { inner.dialectDescription + ", header named by the mapping" }
    var byteCount: Int { inner.byteCount }
    var progress: Double { inner.progress }
    var positionalCells: Bool { inner.positionalCells }
    func sha256() throws -> String { try inner.sha256() }

    func next(_ rec: inout CSVRecord) throws -> Bool {
        if gaveHeader {
            if let p = pending { rec = p; pending = nil; return true }
            return try inner.next(&rec)
        }
        if headerLine > 0 {
            guard try inner.next(&rec) else { return false }
            if rec.line < headerLine { return true }
            if rec.line > headerLine { pending = rec }
        }
        gaveHeader = true
        rec.set(header, line: headerLine)
        return true
    }

    func rawText(_ rec: CSVRecord) -> String { rec.line == headerLine ? header.joined(separator: ",") : inner.rawText(rec) }
}
