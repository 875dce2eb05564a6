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

// MARK: - Part handlers

struct Relationship {
    var id: String, type: String, target: String, external: Bool
}

final class RelationshipsHandler: XMLStreamHandler {
    var relationships: [Relationship] = []
    var wantsText: Bool { false }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        guard name == "Relationship", relationships.count < 100_000 else { return }
        var id = "", type = "", target = "", external = false
        for a in attributes {
            switch a.name {
            case "Id": id = a.value
            case "Type": type = a.value
            case "Target": target = a.value
            case "TargetMode": external = a.value == "External"
            default: break
            }
        }
        relationships.append(Relationship(id: id, type: type, target: target, external: external))
    }
    func endElement(_ name: String) throws {}
    func text(_ text: String) throws {}
}

final class WorkbookHandler: XMLStreamHandler {
    var sheets: [(name: String, relationshipId: String)] = []
    var date1904 = false
    var wantsText: Bool { false }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "sheet":
            guard sheets.count < 100_000 else { return }
            let sheetName = attributes.first { $0.name == "name" }?.value ?? "Sheet\(sheets.count + 1)"
            let id = attributes.first { $0.name == "id" }?.value ?? ""
            sheets.append((sheetName, id))
        case "workbookPr":
            if let v = attributes.first(where: { $0.name == "date1904" })?.value { date1904 = v == "1" || v == "true" }
        default: break
        }
    }
    func endElement(_ name: String) throws {}
    func text(_ text: String) throws {}
}

final class StylesHandler: XMLStreamHandler {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    private var inCellXfs = false
    private let limits: XLSXLimits
    init(limits: XLSXLimits) { self.limits = limits }
    var wantsText: Bool { false }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "numFmt":
            if customFormats.count < 100_000,
               let id = attributes.first(where: { $0.name == "numFmtId" }).flatMap({ Int($0.value) }),
               let code = attributes.first(where: { $0.name == "formatCode" })?.value {
                customFormats[id] = code
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            if cellFormats.count < 1_000_000 {
                cellFormats.append(attributes.first { $0.name == "numFmtId" }.flatMap { Int($0.value) } ?? 0)
            }
        default: break
        }
    }
    func endElement(_ name: String) throws { if name == "cellXfs" { inCellXfs = false } }
    func text(_ text: String) throws {}
}

/// Decodes OOXML's `_xHHHH_` escapes for characters XML cannot carry (e.g. `_x000D_` for a carriage return).
/// Works on Unicode scalars: `_x000D_` followed by a combining mark is one Swift Character ending in `_́`,
/// yet still an escape (found by the workbook writer's round-trip property).
func decodeOOXMLEscapes(_ s: String) -> String {
    guard s.contains("_x") else { return s }
    let scalars = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
        if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
           scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }),
           let v = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16), let scalar = Unicode.Scalar(v) {
            out.append(scalar)
            i += 7
            continue
        }
        out.append(scalars[i])
        i += 1
    }
    return String(out)
}

final class SharedStringsHandler: XMLStreamHandler {
    var strings: [String] = []
    private var current = ""
    private var currentLength = 0   // UTF-16 units, counted per run so many tiny runs stay linear
    private var inItem = false, inText = false, phoneticDepth = 0
    private let file: String, entry: String, limits: XLSXLimits
    init(file: String, entry: String, limits: XLSXLimits) { self.file = file; self.entry = entry; self.limits = limits }
    var wantsText: Bool { inText && phoneticDepth == 0 }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "si":
            if strings.count >= limits.maxSharedStrings {
                throw XLSXError(file: file, entry: entry, reason: .tooManySharedStrings(limit: limits.maxSharedStrings))
            }
            inItem = true; current = ""; currentLength = 0
        case "t" where inItem: inText = true
        case "rPh": phoneticDepth += 1
        default: break
        }
    }
    func endElement(_ name: String) throws {
        switch name {
        case "si":
            strings.append(decodeOOXMLEscapes(current))
            inItem = false; current = ""; currentLength = 0
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }
    func text(_ text: String) throws {
        currentLength += text.utf16.count
        if currentLength > limits.maxStringLength {
            throw XLSXError(file: file, entry: entry,
                            reason: .stringTooLong(cell: nil, length: currentLength, limit: limits.maxStringLength))
        }
        current += text
    }
}

final class SheetHandler: XMLStreamHandler {
    private let file: String, entry: String, sheet: String
    private let limits: XLSXLimits
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let uses1904: Bool
    private let body: (XLSXRow) throws -> Void

    private var rowNumber = 0
    private var inRow = false
    private var cells: [XLSXCell] = []
    private var cellCount = 0
    private var column = 0
    private var cellType = ""
    private var cellStyle = 0
    private var cellOpen = false
    private var collecting = false
    private var hasValue = false
    private var value = ""
    private var valueLength = 0
    private var inInline = false, phoneticDepth = 0

    init(file: String, entry: String, sheet: String, limits: XLSXLimits, sharedStrings: [String], dateStyles: [Bool],
         uses1904: Bool, body: @escaping (XLSXRow) throws -> Void) {
        self.file = file; self.entry = entry; self.sheet = sheet; self.limits = limits
        self.sharedStrings = sharedStrings; self.dateStyles = dateStyles; self.uses1904 = uses1904; self.body = body
    }

    private func fail(_ reason: XLSXError.Reason) -> XLSXError { XLSXError(file: file, entry: entry, sheet: sheet, reason: reason) }

    var wantsText: Bool { collecting && phoneticDepth == 0 }

    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "row":
            if let r = attributes.first(where: { $0.name == "r" })?.value {
                guard let n = Int(r), n >= 1 else { throw fail(.badCellReference(r)) }
                rowNumber = n
            } else {
                rowNumber += 1
            }
            if rowNumber > limits.maxRows { throw fail(.tooManyRows(row: rowNumber, limit: limits.maxRows)) }
            inRow = true; cells = []; column = 0
        case "c" where inRow:
            var reference: String?
            cellType = ""; cellStyle = 0
            for a in attributes {
                switch a.name {
                case "r": reference = a.value
                case "t": cellType = a.value
                case "s": cellStyle = Int(a.value) ?? 0
                default: break
                }
            }
            if let reference {
                let letters = reference.utf8.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
                let digits = reference.utf8.dropFirst(letters.count)
                guard !letters.isEmpty, !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    throw fail(.badCellReference(String(reference.prefix(40))))
                }
                guard let c = XLSXColumn.number(Substring(reference).prefix(letters.count)), c <= limits.maxColumns else {
                    throw fail(.tooManyColumns(reference: String(reference.prefix(40)), limit: limits.maxColumns))
                }
                column = c
            } else {
                column += 1
                if column > limits.maxColumns {
                    throw fail(.tooManyColumns(reference: "\(XLSXColumn.letters(column))\(rowNumber)", limit: limits.maxColumns))
                }
            }
            cellCount += 1
            if cellCount > limits.maxCells { throw fail(.tooManyCells(limit: limits.maxCells)) }
            if cells.count >= limits.maxColumns {
                throw fail(.tooManyColumns(reference: "\(XLSXColumn.letters(column))\(rowNumber)", limit: limits.maxColumns))
            }
            cellOpen = true; hasValue = false; value = ""; valueLength = 0; inInline = false
        case "v" where cellOpen:
            collecting = true; hasValue = true
        case "is" where cellOpen:
            inInline = true; hasValue = true
        case "t" where inInline:
            collecting = true
        case "rPh" where inInline:
            phoneticDepth += 1
        default: break
        }
    }

    func endElement(_ name: String) throws {
        switch name {
        case "v", "t": collecting = false
        case "rPh" where inInline: phoneticDepth -= 1
        case "is": inInline = false
        case "c" where cellOpen:
            cellOpen = false
            try finishCell()
        case "row" where inRow:
            inRow = false
            try body(XLSXRow(rowNumber: rowNumber, cells: cells))
            cells = []
        default: break
        }
    }

    func text(_ text: String) throws {
        valueLength += text.utf16.count
        if valueLength > limits.maxStringLength {
            throw fail(.stringTooLong(cell: reference, length: valueLength, limit: limits.maxStringLength))
        }
        value += text
    }

    private var reference: String { "\(XLSXColumn.letters(max(1, column)))\(rowNumber)" }

    private func finishCell() throws {
        let ref = reference
        let dateStyled = cellStyle >= 0 && cellStyle < dateStyles.count && dateStyles[cellStyle]
        var isDate = false
        var date: CivilDate?
        let result: XLSXValue
        if !hasValue {
            result = .empty
        } else {
            switch cellType {
            case "s":
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard let index = Int(trimmed), index >= 0, index < sharedStrings.count else {
                    throw fail(.badCellValue(cell: ref, type: "s", value: String(value.prefix(40))))
                }
                result = .text(sharedStrings[index])
            case "inlineStr":
                result = .text(decodeOOXMLEscapes(value))
            case "str":
                result = .text(decodeOOXMLEscapes(value))
            case "b":
                switch value.trimmingCharacters(in: .whitespaces) {
                case "1", "true": result = .bool(true)
                case "0", "false": result = .bool(false)
                default: throw fail(.badCellValue(cell: ref, type: "b", value: String(value.prefix(40))))
                }
            case "e":
                result = .error(value)
            case "d":
                result = .text(value)
                isDate = true
                date = CivilDate(iso: String(value.prefix(10)))
            case "", "n":
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard SheetHandler.isNumber(trimmed) else {
                    throw fail(.badCellValue(cell: ref, type: "n", value: String(value.prefix(40))))
                }
                result = .number(trimmed)
                if dateStyled {
                    isDate = true
                    date = SheetHandler.date(serial: trimmed, uses1904: uses1904)
                }
            default:
                throw fail(.badCellValue(cell: ref, type: String(cellType.prefix(20)), value: String(value.prefix(40))))
            }
        }
        if case .empty = result, dateStyled { isDate = true }
        cells.append(XLSXCell(column: column, reference: ref, value: result, isDate: isDate, date: date))
    }

    /// A decimal number as OOXML writes it: `-12`, `3.25`, `1.5E-3`.
    static func isNumber(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        var c = it.next()
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
        var digits = 0
        while let d = c, d >= 0x30 && d <= 0x39 { digits += 1; c = it.next() }
        if c == UInt8(ascii: ".") {
            c = it.next()
            while let d = c, d >= 0x30 && d <= 0x39 { digits += 1; c = it.next() }
        }
        guard digits > 0 else { return false }
        if c == UInt8(ascii: "E") || c == UInt8(ascii: "e") {
            c = it.next()
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
            var exponent = 0
            while let d = c, d >= 0x30 && d <= 0x39 { exponent += 1; c = it.next() }
            guard exponent > 0 else { return false }
        }
        return c == nil
    }

    /// The day of an Excel date serial's whole part (fractions are the time of day).
    static func date(serial: String, uses1904: Bool) -> CivilDate? {
        guard !serial.contains("E"), !serial.contains("e"), !serial.hasPrefix("-") else { return nil }
        let whole = serial.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard whole.count <= 6, let n = Int(whole) else { return nil }
        if uses1904 {
            // Serial 0 is 1904-01-01, day number -24107 since 1970-01-01.
            guard n < 120_000 else { return nil }
            let date = CivilDate(dayNumber: n - 24_107)
            return CivilDate(year: date.year, month: date.month, day: date.day)
        }
        return CivilDate(excelSerial: n)
    }
}
