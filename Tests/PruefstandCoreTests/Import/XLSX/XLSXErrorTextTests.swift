import Foundation
import Testing
@testable import PruefstandCore

/// Every `XLSXError.Reason` in German and English, against the texts of the old `switch` (issue 18 moved the words
/// into `Resources/messages/xlsx-errors.tsv`). The expected strings were taken from the code at c4ecdbe by a script
/// run once (each `de ? "…" : "…"` with the values below put in), not from the catalogue: a lost line, a changed
/// word or swapped values fail here.
struct XLSXErrorTextTests {
    static let reasons: [(XLSXError.Reason, String, String)] = [
        (.unreadable("w2"),
         "Datei nicht lesbar: w2",
         "cannot read the file: w2"),
        (.emptyFile,
         "die Datei ist leer (0 Bytes), keine .xlsx-Arbeitsmappe",
         "the file is empty (0 bytes), not an .xlsx workbook"),
        (.fileTooLarge(bytes: 1005, limit: 1006),
         "Datei hat 1005 Bytes, mehr als die Grenze von 1006 Bytes (maxFileBytes)",
         "file has 1005 bytes, more than the limit of 1006 bytes (maxFileBytes)"),
        (.legacyOrEncrypted,
         "keine .xlsx-Datei (Office Open XML): vermutlich eine alte .xls-Datei oder eine kennwortgeschützte Arbeitsmappe; bitte in Excel ohne Kennwort als .xlsx speichern",
         "not an .xlsx (Office Open XML) file: probably an old .xls file or a password-protected workbook; save it in Excel as .xlsx without a password"),
        (.notAZip,
         "keine .xlsx-Datei: kein ZIP-Archiv",
         "not an .xlsx file: not a ZIP archive"),
        (.notAWorkbook,
         "ZIP-Archiv, aber keine Excel-Arbeitsmappe (xl/workbook.xml fehlt)",
         "a ZIP archive but not an Excel workbook (xl/workbook.xml is missing)"),
        (.corruptZip("w11"),
         "beschädigtes ZIP-Archiv: w11",
         "corrupt ZIP archive: w11"),
        (.tooManyEntries(count: 1013, limit: 1014),
         "1013 Einträge im ZIP-Archiv, mehr als die Grenze von 1014 (maxEntries)",
         "1013 entries in the ZIP archive, more than the limit of 1014 (maxEntries)"),
        (.duplicateEntry,
         "der Eintrag kommt im ZIP-Archiv doppelt vor",
         "the entry occurs twice in the ZIP archive"),
        (.encryptedEntry,
         "der Eintrag ist verschlüsselt",
         "the entry is encrypted"),
        (.unsupportedCompression(method: 1018),
         "Kompressionsverfahren 1018 wird nicht unterstützt (nur 0 und 8)",
         "compression method 1018 is not supported (only 0 and 8)"),
        (.entryTooLarge(declared: 1020, limit: 1021),
         "gibt 1020 Bytes entpackt an, mehr als die Grenze von 1021 Bytes (maxEntryBytes); nicht entpackt",
         "declares 1020 uncompressed bytes, more than the limit of 1021 bytes (maxEntryBytes); not inflated"),
        (.entryInflatesTooLarge(limit: 1023),
         "entpackt größer als 1023 Bytes (Grenze maxEntryBytes); abgebrochen",
         "inflates to more than 1023 bytes (limit maxEntryBytes); stopped"),
        (.entryLargerThanDeclared(declared: 1025),
         "entpackt größer als die angegebenen 1025 Bytes; abgebrochen",
         "inflates to more than its declared 1025 bytes; stopped"),
        (.entryCorrupt("w27"),
         "Eintrag beschädigt: w27",
         "entry is corrupt: w27"),
        (.totalTooLarge(limit: 1029),
         "entpackt insgesamt mehr als 1029 Bytes (Grenze maxTotalBytes)",
         "inflates to more than 1029 bytes in total (limit maxTotalBytes)"),
        (.compressionRatio(ratio: 1031, limit: 1032),
         "Kompressionsverhältnis 1031:1 über der Grenze 1032:1 (maxCompressionRatio), vermutlich eine ZIP-Bombe; abgebrochen",
         "compression ratio 1031:1 above the limit 1032:1 (maxCompressionRatio), probably a zip bomb; stopped"),
        (.doctypeForbidden,
         "XML mit DOCTYPE- oder ENTITY-Deklaration wird abgelehnt (keine Entitäten, Schutz vor XML-Entity-Angriffen)",
         "XML with a DOCTYPE or ENTITY declaration is refused (no entities, protection against XML entity attacks)"),
        (.undefinedEntity("w35"),
         "unbekannte XML-Entität &w35; (nur &lt; &gt; &amp; &quot; &apos; und Zeichenreferenzen)",
         "undefined XML entity &w35; (only &lt; &gt; &amp; &quot; &apos; and character references)"),
        (.xmlTooDeep(limit: 1037),
         "XML tiefer als 1037 Ebenen verschachtelt (Grenze maxXMLDepth)",
         "XML nested deeper than 1037 levels (limit maxXMLDepth)"),
        (.xmlTokenTooLong(limit: 1039),
         "ein XML-Tag oder Text ist länger als 1039 Bytes (Grenze maxXMLTokenBytes)",
         "an XML tag or text is longer than 1039 bytes (limit maxXMLTokenBytes)"),
        (.malformedXML("w41", byteOffset: 1042),
         "fehlerhaftes XML bei Byte 1042: w41",
         "malformed XML at byte 1042: w41"),
        (.stringTooLong(cell: "C44", length: 1045, limit: 1046),
         "Zelle C44: Text mit 1045 Zeichen, länger als die Grenze von 1046 (maxStringLength)",
         "cell C44: text of 1045 characters, longer than the limit of 1046 (maxStringLength)"),
        (.stringTooLong(cell: nil, length: 1049, limit: 1050),
         "Text mit 1049 Zeichen, länger als die Grenze von 1050 (maxStringLength)",
         "text of 1049 characters, longer than the limit of 1050 (maxStringLength)"),
        (.tooManyRows(row: 1052, limit: 1053),
         "Zeile 1052 liegt über der Grenze von 1053 Zeilen (maxRows)",
         "row 1052 is beyond the limit of 1053 rows (maxRows)"),
        (.tooManyColumns(reference: "w55", limit: 1056),
         "Zellbezug w55 liegt über der Grenze von 1056 Spalten (maxColumns)",
         "cell reference w55 is beyond the limit of 1056 columns (maxColumns)"),
        (.tooManyCells(limit: 1058),
         "mehr als 1058 Zellen im Blatt (Grenze maxCells)",
         "more than 1058 cells in the sheet (limit maxCells)"),
        (.tooManySharedStrings(limit: 1060),
         "mehr als 1060 gemeinsame Texte (Grenze maxSharedStrings)",
         "more than 1060 shared strings (limit maxSharedStrings)"),
        (.gridTooLarge(limit: 1062),
         "das Blatt als Tabelle hätte mehr als 1062 Zellen (Grenze maxGridCells); zeilenweise lesen",
         "the sheet as a grid would hold more than 1062 cells (limit maxGridCells); read it row by row"),
        (.badCellReference("w64"),
         "ungültiger Zellbezug \"w64\"",
         "invalid cell reference \"w64\""),
        (.badCellValue(cell: "w66", type: "w67", value: "w68"),
         "Zelle w66: Wert \"w68\" passt nicht zum Typ w67",
         "cell w66: value \"w68\" does not fit type w67"),
        (.sheetNotFound(requested: "w70", available: ["S1", "S2"]),
         "Blatt \"w70\" nicht gefunden; vorhanden: \"S1\", \"S2\"",
         "sheet \"w70\" not found; available: \"S1\", \"S2\""),
        (.noSheets,
         "die Arbeitsmappe enthält kein Tabellenblatt",
         "the workbook contains no worksheet"),
        (.sheetNotFound(requested: "x", available: []),
         "Blatt \"x\" nicht gefunden; vorhanden: ",
         "sheet \"x\" not found; available: "),
    ]

    @Test(arguments: reasons.indices)
    func everyReasonInBothLanguages(_ i: Int) {
        let (reason, de, en) = Self.reasons[i]
        let error = XLSXError(file: "b.xlsx", reason: reason)
        #expect(error.message(.de) == "b.xlsx: " + de)
        #expect(error.message(.en) == "b.xlsx: " + en)
        #expect(error.description == "b.xlsx: " + de)
        #expect(error.asPruefstandError == .other(Phrase(de: "b.xlsx: " + de, en: "b.xlsx: " + en)))
    }

    /// Every case of the enum is above, and every line of the catalogue is used by a case.
    @Test func everyCaseAndLineCovered() {
        let covered = Set(Self.reasons.map { MessageCatalogue.parts(of: $0.0).name })
        #expect(covered.count == 32)
        #expect(covered == Set(XLSXError.messages.entries.keys))
    }

    @Test(arguments: [
        ("Blatt1", nil, "b.xlsx, Blatt \"Blatt1\": der Eintrag ist verschlüsselt", "b.xlsx, sheet \"Blatt1\": the entry is encrypted"),
        (nil, "xl/a.xml", "b.xlsx, Eintrag xl/a.xml: der Eintrag ist verschlüsselt", "b.xlsx, entry xl/a.xml: the entry is encrypted"),
        ("S", "xl/s.xml", "b.xlsx, Blatt \"S\", Eintrag xl/s.xml: der Eintrag ist verschlüsselt",
         "b.xlsx, sheet \"S\", entry xl/s.xml: the entry is encrypted"),
    ] as [(String?, String?, String, String)])
    func location(_ sheet: String?, _ entry: String?, _ de: String, _ en: String) {
        let error = XLSXError(file: "b.xlsx", entry: entry, sheet: sheet, reason: .encryptedEntry)
        #expect(error.message(.de) == de && error.message(.en) == en)
    }

    /// A value with braces or brackets is put in as it is, not read as a placeholder.
    @Test func valuesAreNotTemplates() {
        let error = XLSXError(file: "{why}.xlsx", reason: .badCellValue(cell: "[A1]", type: "n", value: "{type}"))
        #expect(error.message(.en) == "{why}.xlsx: cell [A1]: value \"{type}\" does not fit type n")
    }
}
