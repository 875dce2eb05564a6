import Foundation

/// Opens the row source for a path: `.xlsx` files through the worksheet reader (`.xls` and `.ods` converted
/// to `.xlsx` first: `SpreadsheetConversion`), a JSON code tree
/// (`json:`) through its reader, all else as CSV; a file without a header line (`format.column_names`)
/// gets the mapping's names as its header.
public enum ImportSource {
    public static func open(path: String, mapping: Mapping?) throws -> RowSource {
        // Before anything opens it: a named pipe would block, a device never end.
        try InputFile.requireRegularFile(path)
        if let tree = mapping?.jsonTree { return try JSONCodeSource(path: path, tree: tree) }
        var source = try openFile(path: path, mapping: mapping)
        if let names = mapping?.columnNames { source = HeaderlessSource(inner: source, header: names, at: mapping?.headerLine) }
        if let levels = mapping?.levelColumns, !levels.isEmpty { source = LevelColumnsSource(inner: source, levels: levels) }
        return source
    }

    /// A worksheet or a CSV file, as it is.
    static func openFile(path: String, mapping: Mapping?) throws -> RowSource {
        if SpreadsheetConversion.needsConversion(path) { return try ConvertedSource(path: path, mapping: mapping) }
        if path.lowercased().hasSuffix(".xlsx") || path.lowercased().hasSuffix(".xlsm") {
            return try XLSXRowSource(path: path, sheet: mapping?.sheet, numbers: mapping?.numbers)
        }
        return try CSVReader(path: path, delimiter: mapping?.delimiter, encoding: mapping?.encoding)
    }
}
