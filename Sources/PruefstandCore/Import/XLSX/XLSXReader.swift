import Foundation

/// Reads worksheets of an `.xlsx` workbook row by row, safely.
///
/// The reader opens the ZIP central directory (`XLSXZip`), finds the workbook through the package
/// relationships, lists its sheets, and streams a sheet's XML through `XMLStreamParser` while it is
/// inflated, so a sheet is never held as a whole. Shared strings and styles are read once, on first
/// use. Every bound in `XLSXLimits` is checked before it can be exceeded; violations throw `XLSXError`.
///
/// What a cell gives (`XLSXCell`): shared strings (rich text runs joined, phonetic runs dropped),
/// inline strings, numbers as their exact text (never through `Double`), booleans, errors, and a date
/// flag from the cell's number format. Codes stored as text (`01.11.01`, `0042`) stay text.
///
///     let reader = try XLSXReader(path: "plan.xlsx")
///     print(reader.sheetNames)                        // ["Plan 2026", "Hinweise"]
///     try reader.forEachRow(sheet: "Plan 2026") { row in
///         for cell in row.cells { print(cell.reference, cell.value) }
///     }
public final class XLSXReader {
    /// The path or name used in error messages.
    public let file: String
    public let limits: XLSXLimits
    /// Sheet names in workbook order (hidden sheets included).
    public let sheetNames: [String]
    /// The workbook counts dates from 1904-01-01 (old Mac Excel) rather than 1900.
    public let uses1904DateSystem: Bool

    private let zip: XLSXZip
    private let sheetEntries: [String]     // entry path per sheet, same order as sheetNames
    private let sharedStringsEntry: String?
    private let stylesEntry: String?
    private var sharedStrings: [String]?
    private var dateStyles: [Bool]?
    private var inflated: Int64 = 0

    /// Opens a workbook file. Refuses files larger than `limits.maxFileBytes` before reading them.
    public convenience init(path: String, limits: XLSXLimits = .default) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw XLSXError(file: path, reason: .unreadable("Datei nicht gefunden / file not found"))
        }
        if isDirectory.boolValue { throw XLSXError(file: path, reason: .unreadable("ein Verzeichnis / a directory")) }
        // Before anything opens it: a named pipe would block the read until something writes to it.
        var st = stat()
        if stat(path, &st) == 0, let what = InputFile.kind(of: st.st_mode) {
            let german: String
            switch st.st_mode & S_IFMT {
            case S_IFIFO: german = "eine benannte Pipe (FIFO)"
            case S_IFCHR, S_IFBLK: german = "ein Gerät"
            default: german = "keine reguläre Datei"
            }
            throw XLSXError(file: path, reason: .unreadable("\(german), keine Datei / \(what), not a file"))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > limits.maxFileBytes {
            throw XLSXError(file: path, reason: .fileTooLarge(bytes: size.int64Value, limit: limits.maxFileBytes))
        }
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) }
        catch { throw XLSXError(file: path, reason: .unreadable(error.localizedDescription)) }
        try self.init(data: data, name: path, limits: limits)
    }

    /// Opens a workbook held in memory; `name` stands for the file in error messages.
    public init(data: Data, name: String = "<xlsx>", limits: XLSXLimits = .default) throws {
        self.file = name
        self.limits = limits
        let zip = try XLSXZip(data: data, file: name, limits: limits)
        self.zip = zip
        var inflated: Int64 = 0

        // The package relationships name the workbook part; xl/workbook.xml is the usual place.
        var workbookPath = "xl/workbook.xml"
        if let rels = zip.entry(named: "_rels/.rels") {
            let handler = RelationshipsHandler()
            try XLSXReader.parse(zip, rels, sheet: nil, handler: handler, limits: limits, inflated: &inflated)
            if let target = handler.relationships.first(where: { $0.type.hasSuffix("/officeDocument") })?.target {
                workbookPath = XLSXReader.resolve(target, relativeTo: "")
            }
        }
        guard let workbook = zip.entry(named: workbookPath) ?? zip.entry(named: "xl/workbook.xml") else {
            throw XLSXError(file: name, reason: .notAWorkbook)
        }
        let workbookHandler = WorkbookHandler()
        try XLSXReader.parse(zip, workbook, sheet: nil, handler: workbookHandler, limits: limits, inflated: &inflated)
        let directory = workbook.name.contains("/") ? String(workbook.name[..<workbook.name.lastIndex(of: "/")!]) + "/" : ""
        let relsPath = directory + "_rels/" + workbook.name.split(separator: "/").last! + ".rels"
        var relationships: [Relationship] = []
        if let rels = zip.entry(named: relsPath) {
            let handler = RelationshipsHandler()
            try XLSXReader.parse(zip, rels, sheet: nil, handler: handler, limits: limits, inflated: &inflated)
            relationships = handler.relationships
        }
        func target(ofType suffix: String) -> String? {
            relationships.first { $0.type.hasSuffix(suffix) && !$0.external }.map { XLSXReader.resolve($0.target, relativeTo: directory) }
        }
        var names: [String] = [], entries: [String] = []
        for (index, sheet) in workbookHandler.sheets.enumerated() {
            let path = relationships.first { $0.id == sheet.relationshipId }.map { XLSXReader.resolve($0.target, relativeTo: directory) }
                ?? "\(directory)worksheets/sheet\(index + 1).xml"
            names.append(sheet.name)
            entries.append(path)
        }
        sheetNames = names
        sheetEntries = entries
        uses1904DateSystem = workbookHandler.date1904
        sharedStringsEntry = target(ofType: "/sharedStrings") ?? (zip.entry(named: directory + "sharedStrings.xml")?.name)
        stylesEntry = target(ofType: "/styles") ?? (zip.entry(named: directory + "styles.xml")?.name)
        self.inflated = inflated
    }

    // MARK: - Rows

    /// Streams the rows of a sheet (by name, or the first sheet when `sheet` is nil) to `body`, in file
    /// order, without holding the sheet in memory. Errors thrown by `body` stop reading and are rethrown
    /// unchanged.
    public func forEachRow(sheet: String? = nil, _ body: (XLSXRow) throws -> Void) throws {
        try forEachRow(sheet: sheet, progress: nil, body)
    }

    /// `forEachRow`, telling `progress` the share of the sheet's XML read so far.
    func forEachRow(sheet: String?, progress: ((Double) -> Void)?, _ body: (XLSXRow) throws -> Void) throws {
        let (name, path) = try resolveSheet(sheet)
        guard let entry = zip.entry(named: path) else {
            throw XLSXError(file: file, entry: path, sheet: name, reason: .corruptZip("Blatt-Eintrag fehlt / sheet entry missing"))
        }
        let strings = try loadSharedStrings()
        let styles = try loadDateStyles()
        try withoutActuallyEscaping(body) { body in
            let handler = SheetHandler(file: file, entry: path, sheet: name, limits: limits, sharedStrings: strings,
                                       dateStyles: styles, uses1904: uses1904DateSystem, body: body)
            let size = Double(max(1, entry.uncompressedSize))
            var read = 0
            try XLSXReader.parse(zip, entry, sheet: name, handler: handler, limits: limits, inflated: &inflated,
                                 onChunk: progress.map { report in { bytes in read += bytes; report(min(1, Double(read) / size)) } })
        }
    }

    /// All rows of a sheet; for sheets that fit in memory. Use `forEachRow` to stream large sheets.
    public func rows(sheet: String? = nil) throws -> [XLSXRow] {
        var rows: [XLSXRow] = []
        try forEachRow(sheet: sheet) { rows.append($0) }
        return rows
    }

    /// The first `count` rows of a sheet (e.g. to find the header), reading no further.
    public func firstRows(sheet: String? = nil, count: Int) throws -> [XLSXRow] {
        var rows: [XLSXRow] = []
        guard count > 0 else { return rows }
        do {
            try forEachRow(sheet: sheet) { row in
                rows.append(row)
                if rows.count >= count { throw StopReading() }
            }
        } catch is StopReading {}
        return rows
    }

    /// The sheet as a grid of texts: `grid[r][c]` is the cell in row r+1, column c+1; numbers as their
    /// stored text, booleans `TRUE`/`FALSE`, empty cells `nil`. Each row is as long as its last stored
    /// cell; rows the file skips are empty arrays. Bounded by `limits.maxGridCells`.
    public func grid(sheet: String? = nil) throws -> [[String?]] {
        var grid: [[String?]] = []
        var cells = 0
        let (name, path) = try resolveSheet(sheet)
        try forEachRow(sheet: name) { row in
            let width = row.cells.map(\.column).max() ?? 0
            cells += width + max(0, row.rowNumber - grid.count)
            if cells > limits.maxGridCells {
                throw XLSXError(file: file, entry: path, sheet: name, reason: .gridTooLarge(limit: limits.maxGridCells))
            }
            while grid.count < row.rowNumber { grid.append([]) }
            var line = grid[row.rowNumber - 1]
            if line.count < width { line += Array(repeating: nil, count: width - line.count) }
            for cell in row.cells { line[cell.column - 1] = cell.value.stringValue }
            grid[row.rowNumber - 1] = line
        }
        return grid
    }

    /// Opens a file and returns the grid of a sheet in one call.
    public static func grid(path: String, sheet: String? = nil, limits: XLSXLimits = .default) throws -> [[String?]] {
        try XLSXReader(path: path, limits: limits).grid(sheet: sheet)
    }

    private struct StopReading: Error {}

    /// The sheet a request selects: the exact name, else one equal ignoring case and outer spaces, else
    /// `sheetNotFound`; nil selects the first sheet. Lets an importer name the sheet it read.
    public func sheetName(for requested: String?) throws -> String { try resolveSheet(requested).name }

    private func resolveSheet(_ requested: String?) throws -> (name: String, path: String) {
        guard !sheetNames.isEmpty else { throw XLSXError(file: file, reason: .noSheets) }
        guard let requested else { return (sheetNames[0], sheetEntries[0]) }
        if let i = sheetNames.firstIndex(of: requested) { return (sheetNames[i], sheetEntries[i]) }
        let key = requested.trimmingCharacters(in: .whitespaces).lowercased()
        if let i = sheetNames.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == key }) {
            return (sheetNames[i], sheetEntries[i])
        }
        throw XLSXError(file: file, reason: .sheetNotFound(requested: requested, available: sheetNames))
    }

    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let path = sharedStringsEntry, let entry = zip.entry(named: path) {
            let handler = SharedStringsHandler(file: file, entry: path, limits: limits)
            try XLSXReader.parse(zip, entry, sheet: nil, handler: handler, limits: limits, inflated: &inflated)
            strings = handler.strings
        }
        sharedStrings = strings
        return strings
    }

    private func loadDateStyles() throws -> [Bool] {
        if let dateStyles { return dateStyles }
        var styles: [Bool] = []
        if let path = stylesEntry, let entry = zip.entry(named: path) {
            let handler = StylesHandler(limits: limits)
            try XLSXReader.parse(zip, entry, sheet: nil, handler: handler, limits: limits, inflated: &inflated)
            styles = handler.cellFormats.map { XLSXReader.isDateFormat(id: $0, custom: handler.customFormats[$0]) }
        }
        dateStyles = styles
        return styles
    }

    // MARK: - Helpers

    static func parse(_ zip: XLSXZip, _ entry: XLSXZip.Entry, sheet: String?, handler: any XMLStreamHandler,
                      limits: XLSXLimits, inflated: inout Int64, onChunk: ((Int) -> Void)? = nil) throws {
        let parser = XMLStreamParser(handler: handler, limits: limits) { reason in
            XLSXError(file: zip.file, entry: entry.name, sheet: sheet, reason: reason)
        }
        try zip.read(entry, sheet: sheet, inflatedSoFar: &inflated) { chunk in
            onChunk?(chunk.count)
            try parser.feed(chunk)
        }
        try parser.finish()
    }

    /// Resolves a relationship target against the folder of the part that names it.
    static func resolve(_ target: String, relativeTo directory: String) -> String {
        var parts: [Substring] = []
        let full = target.hasPrefix("/") ? String(target.dropFirst()) : directory + target
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// Whether a number format shows a date or time: built-in ids 14–22 and 45–47, or a format code
    /// with `d`, `m` or `y` outside quoted text, `[…]` sections and `\`-escaped characters.
    public static func isDateFormat(id: Int, custom code: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) { return true }
        guard let code else { return false }
        var inQuote = false, inBracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\\", "_", "*": escaped = true   // `_x` pads, `*x` repeats: the next character is literal
            case "\"": inQuote = true
            case "[": inBracket = true
            case "d", "D", "m", "M", "y", "Y": return true
            default: break
            }
        }
        return false
    }
}
