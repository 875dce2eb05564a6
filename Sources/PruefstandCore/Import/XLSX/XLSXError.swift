import Foundation

/// Why an `.xlsx` file could not be read, with the file, the ZIP entry or sheet, and the limit crossed.
///
/// The message is German by default (`description`); `message(.en)` gives the English text.
///
///     do { _ = try XLSXReader(path: "bombe.xlsx") }
///     catch let error as XLSXError { print(error) }
///     // bombe.xlsx, Eintrag xl/worksheets/sheet1.xml: entpackt größer als 1073741824 Bytes (Grenze maxEntryBytes) …
public struct XLSXError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path (or name) of the workbook.
    public var file: String
    /// The ZIP entry being read, e.g. `xl/worksheets/sheet1.xml`.
    public var entry: String?
    /// The sheet name, when the entry is a worksheet.
    public var sheet: String?
    public var reason: Reason

    public init(file: String, entry: String? = nil, sheet: String? = nil, reason: Reason) {
        self.file = file; self.entry = entry; self.sheet = sheet; self.reason = reason
    }

    public enum Reason: Equatable, Sendable {
        /// The file could not be opened or read.
        case unreadable(String)
        /// The file has no bytes.
        case emptyFile
        /// The file is larger than `maxFileBytes`.
        case fileTooLarge(bytes: Int64, limit: Int64)
        /// An OLE compound file: an old `.xls` or a password-protected (encrypted) workbook.
        case legacyOrEncrypted
        /// No ZIP structure at all.
        case notAZip
        /// A ZIP archive, but not a workbook (no `xl/workbook.xml` or equivalent).
        case notAWorkbook
        /// The ZIP structure is broken (truncated, offsets outside the file, bad signatures).
        case corruptZip(String)
        /// More entries than `maxEntries`.
        case tooManyEntries(count: Int, limit: Int)
        /// Two entries have the same name.
        case duplicateEntry
        /// The entry is encrypted.
        case encryptedEntry
        /// A compression method other than stored (0) or deflate (8).
        case unsupportedCompression(method: Int)
        /// The entry declares more uncompressed bytes than `maxEntryBytes`; refused without inflating.
        case entryTooLarge(declared: UInt64, limit: Int64)
        /// The entry inflated beyond `maxEntryBytes` although it declared less.
        case entryInflatesTooLarge(limit: Int64)
        /// The entry inflated beyond the size its header declares.
        case entryLargerThanDeclared(declared: UInt64)
        /// The entry inflated to fewer bytes than declared, or its checksum is wrong.
        case entryCorrupt(String)
        /// All entries together declare, or this reader inflated, more than `maxTotalBytes`.
        case totalTooLarge(limit: Int64)
        /// Uncompressed ÷ compressed size beyond `maxCompressionRatio`.
        case compressionRatio(ratio: Int64, limit: Int64)
        /// A `<!DOCTYPE` or `<!ENTITY` declaration (refused: no entity expansion at all).
        case doctypeForbidden
        /// An entity reference other than the five predefined ones or a character reference.
        case undefinedEntity(String)
        /// Elements nested deeper than `maxXMLDepth`.
        case xmlTooDeep(limit: Int)
        /// A tag or text run longer than `maxXMLTokenBytes`.
        case xmlTokenTooLong(limit: Int)
        /// The XML is not well-formed.
        case malformedXML(String, byteOffset: Int)
        /// A cell value or shared string longer than `maxStringLength`.
        case stringTooLong(cell: String?, length: Int, limit: Int)
        /// A row number beyond `maxRows`.
        case tooManyRows(row: Int, limit: Int)
        /// A column beyond `maxColumns` (e.g. `XFE1`).
        case tooManyColumns(reference: String, limit: Int)
        /// More cells in the sheet than `maxCells`.
        case tooManyCells(limit: Int)
        /// More shared strings than `maxSharedStrings`.
        case tooManySharedStrings(limit: Int)
        /// `grid(sheet:)` would hold more than `maxGridCells` cells.
        case gridTooLarge(limit: Int)
        /// A cell reference that is not letters then digits.
        case badCellReference(String)
        /// A cell whose value does not fit its type (a number cell with `abc`, a shared-string index
        /// beyond the table).
        case badCellValue(cell: String, type: String, value: String)
        /// The requested sheet does not exist.
        case sheetNotFound(requested: String, available: [String])
        /// The workbook lists no sheets.
        case noSheets
    }

    public var description: String { message(.de) }

    /// The message in the given language: location first, then what is wrong and the limit.
    public func message(_ lang: Language) -> String { phrase.text(lang) }

    /// The message in both languages; the reason's words are data, `Resources/messages/xlsx-errors.tsv`.
    public var phrase: Phrase {
        var location = Phrase("")
        if let sheet { location = location + Phrase(de: ", Blatt \"\(sheet)\"", en: ", sheet \"\(sheet)\"") }
        if let entry { location = location + Phrase(de: ", Eintrag \(entry)", en: ", entry \(entry)") }
        return Phrase(file) + location + Phrase(": ") + XLSXError.messages.phrase(reason)
    }

    /// The reasons' messages, read once from the package's resource (`ErrorMessageTextTests` renders every case).
    static let messages: MessageCatalogue = {
        let path = "Sources/PruefstandCore/Resources/messages/xlsx-errors.tsv"
        do { return try MessageCatalogue(String(decoding: PackageResources.xlsx_errors_tsv, as: UTF8.self), path: path) } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// The same error as the engine-wide `PruefstandError.other`, for the CLI's one error path: the German
    /// text is `description`, the English one `message(.en)` (issue 16).
    public var asPruefstandError: PruefstandError {
        .other(phrase)
    }
}
