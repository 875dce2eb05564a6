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
    public func message(_ lang: Language) -> String { "\(file)\(locationSuffix(lang)): \(reasonText(lang))" }

    private func locationSuffix(_ lang: Language) -> String {
        var location = ""
        if let sheet { location += lang == .de ? ", Blatt \"\(sheet)\"" : ", sheet \"\(sheet)\"" }
        if let entry { location += lang == .de ? ", Eintrag \(entry)" : ", entry \(entry)" }
        return location
    }

    private func reasonText(_ lang: Language) -> String {
        let de = lang == .de
        switch reason {
        case let .unreadable(why):
            return de ? "Datei nicht lesbar: \(why)" : "cannot read the file: \(why)"
        case .emptyFile:
            return de ? "die Datei ist leer (0 Bytes), keine .xlsx-Arbeitsmappe" : "the file is empty (0 bytes), not an .xlsx workbook"
        case let .fileTooLarge(bytes, limit):
            return de ? "Datei hat \(bytes) Bytes, mehr als die Grenze von \(limit) Bytes (maxFileBytes)"
                      : "file has \(bytes) bytes, more than the limit of \(limit) bytes (maxFileBytes)"
        case .legacyOrEncrypted:
            return de ? "keine .xlsx-Datei (Office Open XML): vermutlich eine alte .xls-Datei oder eine kennwortgeschützte Arbeitsmappe; bitte in Excel ohne Kennwort als .xlsx speichern"
                      : "not an .xlsx (Office Open XML) file: probably an old .xls file or a password-protected workbook; save it in Excel as .xlsx without a password"
        case .notAZip:
            return de ? "keine .xlsx-Datei: kein ZIP-Archiv" : "not an .xlsx file: not a ZIP archive"
        case .notAWorkbook:
            return de ? "ZIP-Archiv, aber keine Excel-Arbeitsmappe (xl/workbook.xml fehlt)"
                      : "a ZIP archive but not an Excel workbook (xl/workbook.xml is missing)"
        case let .corruptZip(why):
            return de ? "beschädigtes ZIP-Archiv: \(why)" : "corrupt ZIP archive: \(why)"
        case let .tooManyEntries(count, limit):
            return de ? "\(count) Einträge im ZIP-Archiv, mehr als die Grenze von \(limit) (maxEntries)"
                      : "\(count) entries in the ZIP archive, more than the limit of \(limit) (maxEntries)"
        case .duplicateEntry:
            return de ? "der Eintrag kommt im ZIP-Archiv doppelt vor" : "the entry occurs twice in the ZIP archive"
        case .encryptedEntry:
            return de ? "der Eintrag ist verschlüsselt" : "the entry is encrypted"
        case let .unsupportedCompression(method):
            return de ? "Kompressionsverfahren \(method) wird nicht unterstützt (nur 0 und 8)"
                      : "compression method \(method) is not supported (only 0 and 8)"
        case let .entryTooLarge(declared, limit):
            return de ? "gibt \(declared) Bytes entpackt an, mehr als die Grenze von \(limit) Bytes (maxEntryBytes); nicht entpackt"
                      : "declares \(declared) uncompressed bytes, more than the limit of \(limit) bytes (maxEntryBytes); not inflated"
        case let .entryInflatesTooLarge(limit):
            return de ? "entpackt größer als \(limit) Bytes (Grenze maxEntryBytes); abgebrochen"
                      : "inflates to more than \(limit) bytes (limit maxEntryBytes); stopped"
        case let .entryLargerThanDeclared(declared):
            return de ? "entpackt größer als die angegebenen \(declared) Bytes; abgebrochen"
                      : "inflates to more than its declared \(declared) bytes; stopped"
        case let .entryCorrupt(why):
            return de ? "Eintrag beschädigt: \(why)" : "entry is corrupt: \(why)"
        case let .totalTooLarge(limit):
            return de ? "entpackt insgesamt mehr als \(limit) Bytes (Grenze maxTotalBytes)"
                      : "inflates to more than \(limit) bytes in total (limit maxTotalBytes)"
        case let .compressionRatio(ratio, limit):
            return de ? "Kompressionsverhältnis \(ratio):1 über der Grenze \(limit):1 (maxCompressionRatio), vermutlich eine ZIP-Bombe; abgebrochen"
                      : "compression ratio \(ratio):1 above the limit \(limit):1 (maxCompressionRatio), probably a zip bomb; stopped"
        case .doctypeForbidden:
            return de ? "XML mit DOCTYPE- oder ENTITY-Deklaration wird abgelehnt (keine Entitäten, Schutz vor XML-Entity-Angriffen)"
                      : "XML with a DOCTYPE or ENTITY declaration is refused (no entities, protection against XML entity attacks)"
        case let .undefinedEntity(name):
            return de ? "unbekannte XML-Entität &\(name); (nur &lt; &gt; &amp; &quot; &apos; und Zeichenreferenzen)"
                      : "undefined XML entity &\(name); (only &lt; &gt; &amp; &quot; &apos; and character references)"
        case let .xmlTooDeep(limit):
            return de ? "XML tiefer als \(limit) Ebenen verschachtelt (Grenze maxXMLDepth)"
                      : "XML nested deeper than \(limit) levels (limit maxXMLDepth)"
        case let .xmlTokenTooLong(limit):
            return de ? "ein XML-Tag oder Text ist länger als \(limit) Bytes (Grenze maxXMLTokenBytes)"
                      : "an XML tag or text is longer than \(limit) bytes (limit maxXMLTokenBytes)"
        case let .malformedXML(why, offset):
            return de ? "fehlerhaftes XML bei Byte \(offset): \(why)" : "malformed XML at byte \(offset): \(why)"
        case let .stringTooLong(cell, length, limit):
            let at = cell.map { de ? "Zelle \($0): " : "cell \($0): " } ?? ""
            return de ? "\(at)Text mit \(length) Zeichen, länger als die Grenze von \(limit) (maxStringLength)"
                      : "\(at)text of \(length) characters, longer than the limit of \(limit) (maxStringLength)"
        case let .tooManyRows(row, limit):
            return de ? "Zeile \(row) liegt über der Grenze von \(limit) Zeilen (maxRows)"
                      : "row \(row) is beyond the limit of \(limit) rows (maxRows)"
        case let .tooManyColumns(reference, limit):
            return de ? "Zellbezug \(reference) liegt über der Grenze von \(limit) Spalten (maxColumns)"
                      : "cell reference \(reference) is beyond the limit of \(limit) columns (maxColumns)"
        case let .tooManyCells(limit):
            return de ? "mehr als \(limit) Zellen im Blatt (Grenze maxCells)" : "more than \(limit) cells in the sheet (limit maxCells)"
        case let .tooManySharedStrings(limit):
            return de ? "mehr als \(limit) gemeinsame Texte (Grenze maxSharedStrings)"
                      : "more than \(limit) shared strings (limit maxSharedStrings)"
        case let .gridTooLarge(limit):
            return de ? "das Blatt als Tabelle hätte mehr als \(limit) Zellen (Grenze maxGridCells); zeilenweise lesen"
                      : "the sheet as a grid would hold more than \(limit) cells (limit maxGridCells); read it row by row"
        case let .badCellReference(ref):
            return de ? "ungültiger Zellbezug \"\(ref)\"" : "invalid cell reference \"\(ref)\""
        case let .badCellValue(cell, type, value):
            return de ? "Zelle \(cell): Wert \"\(value)\" passt nicht zum Typ \(type)"
                      : "cell \(cell): value \"\(value)\" does not fit type \(type)"
        case let .sheetNotFound(requested, available):
            return de ? "Blatt \"\(requested)\" nicht gefunden; vorhanden: \(available.map { "\"\($0)\"" }.joined(separator: ", "))"
                      : "sheet \"\(requested)\" not found; available: \(available.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .noSheets:
            return de ? "die Arbeitsmappe enthält kein Tabellenblatt" : "the workbook contains no worksheet"
        }
    }

    /// The same error as the engine-wide `PruefstandError.other`, for the CLI's one error path: the German
    /// text is `description`, the English one `message(.en)` (issue 16).
    public var asPruefstandError: PruefstandError {
        .other(Phrase(de: message(.de), en: message(.en)))
    }
}
