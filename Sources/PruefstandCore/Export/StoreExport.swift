import CXlsxWriter
import Foundation
import GRDBSQLite

/// Streams a store table or view into an .xlsx or .csv file, row by row, in constant memory.
///
/// The name must be a table or view of the store (checked against `sqlite_master`). The optional WHERE
/// condition is the user's own SQL on their own store: it runs on a read-only connection, must be one
/// expression (no `;`), and cannot change anything.
///
/// Types follow SQLite's storage class of each value: INTEGER and REAL become numbers, TEXT stays text
/// (always a string cell, never a formula), NULL an empty cell. Columns named `*_cents` are integers
/// (format `#,##0`), `*_eur` are euros (`#,##0.00`; two decimals in CSV). An .xlsx sheet holds 1,048,576 rows including the
/// header; larger exports continue on further sheets ("v_ledger (2)", …).
///
///     let summary = try StoreExport.run(store: store, name: "v_ledger", where: "fiscal_year = 2025",
///                                       to: "ledger.xlsx")
public enum StoreExport {
    public enum Format: String, Sendable { case xlsx, csv }

    public struct Summary: Sendable, Equatable {
        public var rows: Int
        public var sheets: Int
        public var columns: [String]
        /// What the workbook writer changed in texts on their way into XML (none for CSV).
        public var textChanges = TextChanges()
    }

    /// The tables and views a user may export (everything but SQLite's and GRDB's internal tables).
    public static func exportableNames(_ store: Store) throws -> [String] {
        try store.exportableNames()
    }

    /// The format from the output file's extension.
    public static func format(forPath path: String) throws -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "xlsx": return .xlsx
        case "csv": return .csv
        default: throw PruefstandError.input(path: path, line: nil, message: "output must end in .xlsx or .csv")
        }
    }

    /// Exports `name` (optionally filtered) to `path`, replacing an earlier file whole or not at all
    /// (`OutputFile`); the store itself is never a valid target.
    /// - Parameter rowsPerSheet: rows per sheet including the header row (Excel's limit by default; smaller in tests).
    @discardableResult
    public static func run(store: Store, name: String, where condition: String? = nil, to path: String,
                           format: Format? = nil, dialect: CSVDialect = .rfc4180,
                           rowsPerSheet: Int = Int(LXW_ROW_MAX), protecting: ProtectedFiles = ProtectedFiles()) throws -> Summary {
        var protected = protecting
        protected.add(store: store.path)
        let format = try format ?? self.format(forPath: path)
        let names = try exportableNames(store)
        guard let exact = names.first(where: { $0 == name }) ?? names.first(where: { $0.lowercased() == name.lowercased() }) else {
            throw PruefstandError.input(path: store.path, line: nil,
                message: "no table or view named \"\(name)\"; available: \(names.joined(separator: ", "))")
        }
        return try store.withExportQuery(table: exact, where: condition) { statement, connection in
            switch format {
            case .xlsx:
                // ZIP64 only where a part of the file could pass 4 GB (a store of more than 1 GB).
                let size = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int) ?? 0
                return try OutputFile.write(to: path, protecting: protected) { tmp in
                    try streamXLSX(statement, connection: connection, sheetName: exact, path: path, writingTo: tmp,
                                   rowsPerSheet: rowsPerSheet, zip64: size > 1 << 30)
                }
            case .csv:
                let out = try OutputFile(path, protecting: protected)
                let summary = try streamCSV(statement, connection: connection, to: out, dialect: dialect)
                try out.commit()
                return summary
            }
        }
    }

    private static func columnNames(_ statement: OpaquePointer) -> [String] {
        (0..<Int32(sqlite3_column_count(statement))).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    private static func stepError(_ connection: OpaquePointer, _ path: String) -> PruefstandError {
        .store(path: path, message: Phrase(String(cString: sqlite3_errmsg(connection))))
    }

    // MARK: XLSX

    private static func streamXLSX(_ statement: OpaquePointer, connection: OpaquePointer, sheetName: String,
                                   path: String, writingTo temporaryPath: String, rowsPerSheet: Int, zip64: Bool) throws -> Summary {
        precondition(rowsPerSheet >= 2, "a sheet needs room for the header and one row")
        let names = columnNames(statement)
        let ncol = Int32(names.count)
        let wb = try XlsxWorkbook(path: path, writingTo: temporaryPath, constantMemory: true, zip64: zip64)
        let header = wb.format(.header)
        let formats: [UnsafeMutablePointer<lxw_format>?] = names.map { name in
            let n = name.lowercased()
            if n.hasSuffix("_cents") || n.hasSuffix("cents") { return wb.numberFormat(XlsxWorkbook.NumberFormat.integer) }
            if n.hasSuffix("_eur") { return wb.numberFormat("#,##0.00") }
            return nil
        }
        // Widths from the header and the first rows (a streamed sheet cannot look ahead).
        var widths = names.map { Double($0.count) + 3 }
        let sampleRows = 1_000

        var sheets = 0
        var total = 0
        var ws: UnsafeMutablePointer<lxw_worksheet>! = nil
        var sheet: XlsxSheet! = nil
        var row: lxw_row_t = 0
        let maxRow = lxw_row_t(rowsPerSheet)

        func finishSheet() {
            guard let sheet else { return }
            for (c, w) in widths.enumerated() { sheet.setColumn(c, width: min(w, 60)) }
            sheet.autofilter(firstRow: 0, firstCol: 0, lastRow: Int(row) - 1, lastCol: max(0, Int(ncol) - 1))
        }
        func newSheet() throws {
            finishSheet()
            sheets += 1
            sheet = try wb.addSheet(sheets == 1 ? sheetName : "\(sheetName) (\(sheets))")
            ws = sheet.handle
            for (c, name) in names.enumerated() { try sheet.write(string: name, row: 0, col: c, format: header) }
            sheet.freezePanes(row: 1)
            row = 1
        }
        try newSheet()

        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw stepError(connection, path) }
            if row >= maxRow { try newSheet() }
            let sampling = total < sampleRows
            for c in 0..<ncol {
                let col = lxw_col_t(c)
                var err = LXW_NO_ERROR
                switch sqlite3_column_type(statement, c) {
                case SQLITE_INTEGER:
                    err = worksheet_write_number(ws, row, col, Double(sqlite3_column_int64(statement, c)), formats[Int(c)])
                case SQLITE_FLOAT:
                    err = worksheet_write_number(ws, row, col, sqlite3_column_double(statement, c), formats[Int(c)])
                case SQLITE_TEXT:
                    if let text = sqlite3_column_text(statement, c) {
                        let n = Int(sqlite3_column_bytes(statement, c))
                        err = wb.writeCell(utf8: UnsafeBufferPointer(start: text, count: n), worksheet: ws, row: row, col: col)
                        if sampling {
                            if Double(n) + 2 > widths[Int(c)] { widths[Int(c)] = Double(n) + 2 }
                        }
                    }
                case SQLITE_BLOB:
                    let text = "<\(sqlite3_column_bytes(statement, c)) bytes>"
                    err = text.withCString { worksheet_write_string(ws, row, col, $0, nil) }
                default:
                    break   // NULL: empty cell
                }
                if err != LXW_NO_ERROR {
                    throw PruefstandError.file(path: path, message: "sheet \(sheet.name) cell \(XlsxSheet.cellName(row: Int(row), col: Int(c))): \(String(cString: lxw_strerror(err)))")
                }
            }
            if sampling {
                for c in 0..<Int(ncol) where formats[c] != nil && widths[c] < 16 { widths[c] = 16 }
            }
            row += 1
            total += 1
        }
        finishSheet()
        try wb.close()
        return Summary(rows: total, sheets: sheets, columns: names, textChanges: wb.textChanges)
    }

    // MARK: CSV

    private static func streamCSV(_ statement: OpaquePointer, connection: OpaquePointer, to file: OutputFile,
                                  dialect: CSVDialect) throws -> Summary {
        let names = columnNames(statement)
        let ncol = Int32(names.count)
        var buffer: [UInt8] = dialect.byteOrderMark
        buffer.reserveCapacity(1 << 20)
        let sep = dialect.separator, keepText = dialect == .excelDE
        func flush() throws {
            try file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        func appendText(_ p: UnsafePointer<UInt8>, _ n: Int) {
            CSVWriter.appendField(UnsafeBufferPointer(start: p, count: n), isText: true, separator: sep, keepsAsText: keepText, to: &buffer)
        }
        for (i, name) in names.enumerated() {
            if i > 0 { buffer.append(sep) }
            var s = name
            s.withUTF8 { appendText($0.baseAddress!, $0.count) }
        }
        buffer += [13, 10]
        let euro = names.map { $0.lowercased().hasSuffix("_eur") }
        var total = 0
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw stepError(connection, file.path) }
            for c in 0..<ncol {
                if c > 0 { buffer.append(sep) }
                switch sqlite3_column_type(statement, c) {
                case SQLITE_INTEGER:
                    buffer += String(sqlite3_column_int64(statement, c)).utf8
                case SQLITE_FLOAT:
                    let v = sqlite3_column_double(statement, c)
                    var s: String
                    if euro[Int(c)] {
                        s = String(format: "%.2f", v)   // euros: always two decimals
                    } else {
                        s = String(v)
                        if s.hasSuffix(".0") { s.removeLast(2) }
                    }
                    for b in s.utf8 { buffer.append(b == UInt8(ascii: ".") ? dialect.decimalSeparator : b) }
                case SQLITE_TEXT:
                    if let p = sqlite3_column_text(statement, c) {
                        appendText(p, Int(sqlite3_column_bytes(statement, c)))
                    }
                case SQLITE_BLOB:
                    buffer += "<\(sqlite3_column_bytes(statement, c)) bytes>".utf8
                default:
                    break
                }
            }
            buffer += [13, 10]
            total += 1
            if buffer.count > (1 << 20) - 65_536 { try flush() }
        }
        try flush()
        return Summary(rows: total, sheets: 0, columns: names)
    }
}
