import Foundation

/// A file without a header line (`format.column_names`): the mapping names its columns in order, and this
/// source hands them to the importer as a header before the file's first line (as line 0: every line of
/// the file is data and keeps its own number).
final class HeaderlessSource: RowSource {
    let inner: RowSource
    let header: [String]
    private var gaveHeader = false

    init(inner: RowSource, header: [String]) { self.inner = inner; self.header = header }

    var path: String { inner.path }
    var dialectDescription: String { inner.dialectDescription + ", no header line (columns named by the mapping)" }
    var byteCount: Int { inner.byteCount }
    var progress: Double { inner.progress }
    var positionalCells: Bool { inner.positionalCells }
    func sha256() throws -> String { try inner.sha256() }

    func next(_ rec: inout CSVRecord) throws -> Bool {
        guard gaveHeader else {
            gaveHeader = true
            rec.arena.removeAll(keepingCapacity: true)
            rec.bounds.removeAll(keepingCapacity: true)
            rec.unclosedQuote = false; rec.badEncodingField = nil; rec.strayQuoteField = nil
            rec.line = 0; rec.endLine = 0; rec.rawStart = 0; rec.rawEnd = 0
            for name in header {
                rec.bounds.append(rec.arena.count)
                rec.arena.append(contentsOf: name.utf8)
                rec.bounds.append(rec.arena.count)
            }
            return true
        }
        return try inner.next(&rec)
    }

    func rawText(_ rec: CSVRecord) -> String { rec.line == 0 ? header.joined(separator: ",") : inner.rawText(rec) }
}
