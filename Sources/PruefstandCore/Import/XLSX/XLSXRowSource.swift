import Foundation

/// A worksheet as a row source for the importer: cells placed in their columns (rows padded to the
/// sheet's width), date-styled numbers as ISO dates, numbers as their exact stored text (a decimal
/// point; a decimal comma when the mapping says German numbers), booleans as true/false.
final class XLSXRowSource: RowSource {
    let path: String
    let sheet: String?
    let rows: [XLSXRow]
    let width: Int
    var index = 0
    let german: Bool
    var dialectDescription: String { "Excel workbook" + (sheet.map { ", sheet \($0)" } ?? ", first sheet") }
    let byteCount: Int

    init(path: String, sheet: String?, numbers: NumberStyle?) throws {
        self.path = path
        self.sheet = sheet
        german = numbers == .german
        do {
            let reader = try XLSXReader(path: path)
            rows = try reader.rows(sheet: sheet)
        } catch let e as XLSXError {
            throw e.asPruefstandError
        }
        width = rows.map { $0.cells.map(\.column).max() ?? 0 }.max() ?? 0
        byteCount = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    func next(_ rec: inout CSVRecord) throws -> Bool {
        guard index < rows.count else { return false }
        let row = rows[index]
        index += 1
        rec.arena.removeAll(keepingCapacity: true)
        rec.bounds.removeAll(keepingCapacity: true)
        rec.unclosedQuote = false; rec.badEncodingField = nil; rec.strayQuoteField = nil
        rec.line = row.rowNumber; rec.endLine = row.rowNumber
        rec.rawStart = 0; rec.rawEnd = 0
        var texts = [String](repeating: "", count: width)
        for cell in row.cells where cell.column >= 1 && cell.column <= width {
            switch cell.value {
            case .text(let s): texts[cell.column - 1] = s
            case .number(let s):
                if cell.isDate, let d = cell.date { texts[cell.column - 1] = d.iso }
                else {
                    let n = XLSXRowSource.excelPrecision(s)
                    texts[cell.column - 1] = german ? n.replacingOccurrences(of: ".", with: ",") : n
                }
            case .bool(let b): texts[cell.column - 1] = b ? "true" : "false"
            case .error(let e): texts[cell.column - 1] = e
            case .empty: break
            }
        }
        for t in texts {
            let start = rec.arena.count
            rec.arena.append(contentsOf: Array(t.utf8))
            rec.bounds.append(start); rec.bounds.append(rec.arena.count)
        }
        return true
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
    var progress: Double { rows.isEmpty ? 1 : Double(index) / Double(rows.count) }
    func rawText(_ rec: CSVRecord) -> String {
        guard rec.line >= 1, let row = rows.first(where: { $0.rowNumber == rec.line }) else { return rec.joinedText }
        return row.cells.map { "\($0.reference)=\($0.value.stringValue ?? "")" }.joined(separator: "; ")
    }
}
