import Foundation
import Testing
@testable import PruefstandCore

/// Every `XLSXError.Reason` in German and English, against the texts of the old `switch` (issue 18 moved the words
/// into `Resources/messages/xlsx-errors.tsv`). The expected strings (`Cases/import/xlsx-error-messages.tsv`) were
/// taken from the code at c4ecdbe by a script run once (each `de ? "…" : "…"` with the values below put in), not
/// from the catalogue: a lost line, a changed word or swapped values fail here.
struct XLSXErrorTextTests {
    /// One value of every reason (two of `stringTooLong`: with and without a cell; two of `sheetNotFound`).
    static let reasons: [XLSXError.Reason] = [
        .unreadable("w2"),
        .emptyFile,
        .fileTooLarge(bytes: 1005, limit: 1006),
        .legacyOrEncrypted,
        .notAZip,
        .notAWorkbook,
        .corruptZip("w11"),
        .tooManyEntries(count: 1013, limit: 1014),
        .duplicateEntry,
        .encryptedEntry,
        .unsupportedCompression(method: 1018),
        .entryTooLarge(declared: 1020, limit: 1021),
        .entryInflatesTooLarge(limit: 1023),
        .entryLargerThanDeclared(declared: 1025),
        .entryCorrupt("w27"),
        .totalTooLarge(limit: 1029),
        .compressionRatio(ratio: 1031, limit: 1032),
        .doctypeForbidden,
        .undefinedEntity("w35"),
        .xmlTooDeep(limit: 1037),
        .xmlTokenTooLong(limit: 1039),
        .malformedXML("w41", byteOffset: 1042),
        .stringTooLong(cell: "C44", length: 1045, limit: 1046),
        .stringTooLong(cell: nil, length: 1049, limit: 1050),
        .tooManyRows(row: 1052, limit: 1053),
        .tooManyColumns(reference: "w55", limit: 1056),
        .tooManyCells(limit: 1058),
        .tooManySharedStrings(limit: 1060),
        .gridTooLarge(limit: 1062),
        .badCellReference("w64"),
        .badCellValue(cell: "w66", type: "w67", value: "w68"),
        .sheetNotFound(requested: "w70", available: ["S1", "S2"]),
        .noSheets,
        .sheetNotFound(requested: "x", available: []),
    ]

    /// The expected texts, line by line beside `reasons`: `Cases/import/xlsx-error-messages.tsv`.
    static let expected: [(name: String, de: String, en: String)] = {
        let text = try! String(contentsOf: TestSupport.cases.appendingPathComponent("import/xlsx-error-messages.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1], f[2])
        }
    }()

    @Test(arguments: reasons.indices)
    func everyReasonInBothLanguages(_ i: Int) {
        let reason = Self.reasons[i], (name, de, en) = Self.expected[i]
        #expect(MessageCatalogue.parts(of: reason).name == name)
        let error = XLSXError(file: "b.xlsx", reason: reason)
        #expect(error.message(.de) == "b.xlsx: " + de)
        #expect(error.message(.en) == "b.xlsx: " + en)
        #expect(error.description == "b.xlsx: " + de)
        #expect(error.asPruefstandError == .other(Phrase(de: "b.xlsx: " + de, en: "b.xlsx: " + en)))
    }

    /// Every case of the enum is above, and every line of the catalogue is used by a case.
    @Test func everyCaseAndLineCovered() {
        #expect(Self.expected.count == Self.reasons.count)
        let covered = Set(Self.reasons.map { MessageCatalogue.parts(of: $0).name })
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
