import Foundation

/// A code list whose code sits in one of several columns, one per level (`levels:`; BW's Kontenrahmen sheet:
/// Kontenklasse in A, Kontengruppe in B, …, Unterkonto in E). Each record gets two more columns, `code` (the
/// one non-empty level cell, trimmed) and `level` (that column's level), which the mapping reads like any
/// other. A row with no level cell gets an empty code, one with several gets them all (`0 | 00`): either is
/// rejected by the code field's rules, never guessed. The header is the first record that has every level
/// column; lines before it pass unchanged (the preamble).
final class LevelColumnsSource: RowSource {
    let inner: RowSource
    let levels: [(header: String, level: String)]
    private var columns: [Int]?
    private var width = 0

    init(inner: RowSource, levels: [(header: String, level: String)]) { self.inner = inner; self.levels = levels }

    var path: String { inner.path }
    var dialectDescription: String { inner.dialectDescription + ", codes by level column (\(levels.map(\.header).joined(separator: ", ")))" }
    var byteCount: Int { inner.byteCount }
    var progress: Double { inner.progress }
    var positionalCells: Bool { inner.positionalCells }
    func sha256() throws -> String { try inner.sha256() }
    func rawText(_ rec: CSVRecord) -> String { inner.rawText(rec) }

    func next(_ rec: inout CSVRecord) throws -> Bool {
        guard try inner.next(&rec) else { return false }
        guard let columns else {
            let names = rec.fields.map { normalizedHeader($0) }
            let found = levels.map { l in names.firstIndex(of: normalizedHeader(l.header)) }
            if found.allSatisfy({ $0 != nil }) {
                columns = found.map { $0! }
                width = rec.count
                append(["code", "level"], to: &rec)
            }
            return true
        }
        pad(&rec)
        var cells: [(String, String)] = []
        for (i, c) in columns.enumerated() where c < rec.count {
            let text = rec.field(c).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { cells.append((text, levels[i].level)) }
        }
        append(cells.count == 1 ? [cells[0].0, cells[0].1] : [cells.map(\.0).joined(separator: " | "), ""], to: &rec)
        return true
    }

    /// Empty fields up to the header's width, so `code` and `level` sit where the header has them.
    private func pad(_ rec: inout CSVRecord) {
        if rec.count > width { rec.bounds.removeLast(2 * (rec.count - width)) }
        while rec.count < width { rec.bounds.append(rec.arena.count); rec.bounds.append(rec.arena.count) }
    }

    private func append(_ fields: [String], to rec: inout CSVRecord) {
        for f in fields {
            rec.bounds.append(rec.arena.count)
            rec.arena.append(contentsOf: f.utf8)
            rec.bounds.append(rec.arena.count)
        }
    }
}
