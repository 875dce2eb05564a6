import Foundation

/// Opens the row source for a path: `.xlsx` files through the worksheet reader, a JSON code tree
/// (`json:`) through its reader, all else as CSV; a file without a header line (`format.column_names`)
/// gets the mapping's names as its header.
public enum ImportSource {
    public static func open(path: String, mapping: Mapping?) throws -> RowSource {
        // Before anything opens it: a named pipe would block, a device never end.
        try InputFile.requireRegularFile(path)
        if let tree = mapping?.jsonTree { return try JSONCodeSource(path: path, tree: tree) }
        if let names = mapping?.columnNames {
            return HeaderlessSource(inner: try openFile(path: path, mapping: mapping), header: names)
        }
        return try openFile(path: path, mapping: mapping)
    }

    /// A worksheet or a CSV file, as it is.
    static func openFile(path: String, mapping: Mapping?) throws -> RowSource {
        if path.lowercased().hasSuffix(".xlsx") || path.lowercased().hasSuffix(".xlsm") {
            return try XLSXRowSource(path: path, sheet: mapping?.sheet, numbers: mapping?.numbers)
        }
        return try CSVReader(path: path, delimiter: mapping?.delimiter, encoding: mapping?.encoding)
    }
}
