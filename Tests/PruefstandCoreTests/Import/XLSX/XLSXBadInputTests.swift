import Foundation
import Testing
@testable import PruefstandCore

/// Malicious and broken workbooks, each built by hand in the test: every one must end in its own
/// `XLSXError` (naming file, entry or sheet, and the limit), quickly and without a crash.
@Suite("XLSX bad input", .timeLimit(.minutes(1)))
struct XLSXBadInputTests {
    /// Reads the workbook fully (sheet names and every row of the first sheet) and returns the error.
    static func failure(_ data: Data, limits: XLSXLimits = .default, name: String = "bad.xlsx") -> XLSXError? {
        do {
            let reader = try XLSXReader(data: data, name: name, limits: limits)
            _ = try reader.grid()
            return nil
        } catch let error as XLSXError {
            return error
        } catch {
            Issue.record("not an XLSXError: \(error)")
            return nil
        }
    }

    static let sheetPath = "xl/worksheets/sheet1.xml"

    /// 50 MB of the same row markup: deflates to about 50 KB, a ratio near 1,000:1.
    static let bombContent: Data = {
        let row = Data("<row><c><v>0</v></c></row>".utf8)
        var content = Data("<worksheet><sheetData>".utf8)
        content.reserveCapacity(50_000_100)
        while content.count < 50_000_000 { content.append(row) }
        content.append(Data("</sheetData></worksheet>".utf8))
        return content
    }()
    static let bombDeflated = XLSXFixtures.deflate(bombContent)

    @Test("A zip bomb that declares its size is refused by its compression ratio before inflating")
    func zipBombHonest() throws {
        let entry = XLSXFixtures.RawEntry(name: Self.sheetPath, payload: Self.bombDeflated, method: 8,
                                          crc32: Self.bombContent.crc32(checksum: 0),
                                          declaredUncompressed: UInt64(Self.bombContent.count))
        let error = try #require(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: entry))))
        guard case let .compressionRatio(ratio, limit) = error.reason else { Issue.record("\(error)"); return }
        #expect(ratio > 200 && limit == 200, "ratio \(ratio)")
        #expect(error.entry == Self.sheetPath && error.sheet == "Daten")
        #expect(error.description.contains("ZIP-Bombe"))
    }

    @Test("A zip bomb that understates its size is stopped while inflating at the declared size")
    func zipBombLying() throws {
        let entry = XLSXFixtures.RawEntry(name: Self.sheetPath, payload: Self.bombDeflated, method: 8,
                                          crc32: 0, declaredUncompressed: 100_000)
        let error = try #require(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: entry))))
        #expect(error.reason == .entryLargerThanDeclared(declared: 100_000))
        #expect(error.entry == Self.sheetPath)
    }

    @Test("An entry claiming 50 GB (ZIP64) is refused from the directory, nothing inflated")
    func fiftyGigabyteClaim() throws {
        var entry = XLSXFixtures.RawEntry.stored(Self.sheetPath, XLSXFixtures.sheet(""))
        entry.method = 8
        entry.zip64 = true
        entry.declaredUncompressed = 50_000_000_000
        let error = try #require(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: entry))))
        #expect(error.reason == .entryTooLarge(declared: 50_000_000_000, limit: 1 << 30))
        #expect(error.entry == Self.sheetPath)
        #expect(error.message(.en).contains("declares 50000000000 uncompressed bytes"))
    }

    @Test("Limits are configurable: a 2 MB sheet is refused under a 1 MB entry limit")
    func configurableEntryLimit() throws {
        var limits = XLSXLimits.default
        limits.maxEntryBytes = 1 << 20
        let rows = String(repeating: "<row><c><v>1</v></c></row>", count: 80_000)
        let error = try #require(Self.failure(XLSXFixtures.workbook(sheetXML: XLSXFixtures.sheet(rows)), limits: limits))
        guard case .entryTooLarge(_, 1 << 20) = error.reason else { Issue.record("\(error)"); return }
    }

    @Test("Billion laughs: internal entity declarations are refused, nothing expanded")
    func billionLaughs() throws {
        var decl = "<!ENTITY lol \"lol\">"
        for i in 1...9 { decl += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(decl)]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"
        let error = try #require(Self.failure(XLSXFixtures.workbook(sheetXML: xml)))
        #expect(error.reason == .doctypeForbidden)
        #expect(error.sheet == "Daten")
    }

    @Test("A DOCTYPE with an external entity (file:///etc/passwd) is refused")
    func externalEntity() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><sst><si><t>&xxe;</t></si></sst>"
        let error = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row><c t=\"s\"><v>0</v></c></row>"), sharedStringsXML: xml)))
        #expect(error.reason == .doctypeForbidden)
        #expect(error.entry == "xl/sharedStrings.xml")
    }

    @Test("An entity reference that was never declared is refused")
    func undefinedEntity() throws {
        let error = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"))))
        #expect(error.reason == .undefinedEntity("xxe"))
    }

    @Test("XML nested 100,000 deep stops at the depth limit")
    func deepNesting() throws {
        let xml = "<worksheet>" + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</worksheet>"
        let error = try #require(Self.failure(XLSXFixtures.workbook(sheetXML: xml)))
        #expect(error.reason == .xmlTooDeep(limit: 64))
    }

    @Test("A shared string of 40,000 characters is longer than Excel allows and is refused")
    func hugeSharedString() throws {
        let sst = "<sst><si><t>" + String(repeating: "x", count: 40_000) + "</t></si></sst>"
        let error = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row><c t=\"s\"><v>0</v></c></row>"), sharedStringsXML: sst)))
        guard case .stringTooLong(nil, _, 32_767) = error.reason else { Issue.record("\(error)"); return }
        #expect(error.entry == "xl/sharedStrings.xml")
    }

    @Test("A shared string split into 100,000 rich-text runs is refused quickly (length counted per run)")
    func manyTinyRuns() throws {
        let sst = "<sst><si>" + String(repeating: "<r><t>x</t></r>", count: 100_000) + "</si></sst>"
        let start = Date()
        let error = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row><c t=\"s\"><v>0</v></c></row>"), sharedStringsXML: sst)))
        #expect(error.reason == .stringTooLong(cell: nil, length: 32_768, limit: 32_767))
        #expect(Date().timeIntervalSince(start) < 20)   // A hang guard, not a speed goal: the unguarded behaviour took minutes (or never ended).
    }

    @Test("A 900 KB attribute value, under the token limit, is read (long tokens are not re-scanned per chunk)")
    func longTokenWithinLimit() throws {
        let xml = XLSXFixtures.sheet("<row spans=\"" + String(repeating: "1", count: 900_000) + "\"><c><v>5</v></c></row>")
        let reader = try XLSXReader(data: XLSXFixtures.workbook(sheetXML: xml))
        #expect(try reader.grid() == [["5"]])
    }

    @Test("A 2 MB attribute value exceeds the XML token limit")
    func hugeToken() throws {
        let xml = XLSXFixtures.sheet("<row spans=\"" + String(repeating: "1", count: 2_000_000) + "\"/>")
        let error = try #require(Self.failure(XLSXFixtures.workbook(sheetXML: xml)))
        #expect(error.reason == .xmlTokenTooLong(limit: 1 << 20))
    }

    @Test("A cell reference beyond column XFD (XFE1, AAAA1) is refused")
    func tooManyColumns() throws {
        for reference in ["XFE1", "AAAA1"] {
            let error = try #require(Self.failure(XLSXFixtures.workbook(
                sheetXML: XLSXFixtures.sheet("<row r=\"1\"><c r=\"\(reference)\"><v>1</v></c></row>"))))
            #expect(error.reason == .tooManyColumns(reference: reference, limit: 16_384))
        }
    }

    @Test("A row number beyond 1,048,576 is refused")
    func tooManyRows() throws {
        let error = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row r=\"2000000\"><c r=\"A2000000\"><v>1</v></c></row>"))))
        #expect(error.reason == .tooManyRows(row: 2_000_000, limit: 1_048_576))
    }

    @Test("Cells beyond the cell limit are refused")
    func tooManyCells() throws {
        var limits = XLSXLimits.default
        limits.maxCells = 10
        let rows = (1...11).map { "<row r=\"\($0)\"><c><v>1</v></c></row>" }.joined()
        let error = try #require(Self.failure(XLSXFixtures.workbook(sheetXML: XLSXFixtures.sheet(rows)), limits: limits))
        #expect(error.reason == .tooManyCells(limit: 10))
    }

    @Test("A malformed cell reference is refused")
    func badReference() throws {
        let error = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row><c r=\"1A\"><v>1</v></c></row>"))))
        #expect(error.reason == .badCellReference("1A"))
    }

    @Test("Binary garbage is not a ZIP archive")
    func binaryGarbage() throws {
        var generator = ScenarioMonteCarlo.SplitMix64(seed: 42)
        let bytes = Data((0..<100_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        #expect(Self.failure(bytes)?.reason == .notAZip)
        // Garbage behind a ZIP signature.
        #expect(Self.failure(Data([0x50, 0x4B, 0x03, 0x04]) + bytes)?.reason == .notAZip)
    }

    @Test("An empty file is refused as empty")
    func emptyFile() throws {
        let error = try #require(Self.failure(Data()))
        #expect(error.reason == .emptyFile)
        #expect(error.description == "bad.xlsx: die Datei ist leer (0 Bytes), keine .xlsx-Arbeitsmappe")
    }

    @Test("An empty file on disk is refused naming its path")
    func emptyFileOnDisk() throws {
        let url = XLSXFixtures.temporaryDirectory().appendingPathComponent("leer.xlsx")
        try Data().write(to: url)
        #expect {
            try XLSXReader(path: url.path)
        } throws: { error in
            (error as? XLSXError)?.reason == .emptyFile && (error as? XLSXError)?.file == url.path
        }
    }

    @Test("A ZIP archive that is not a workbook says so")
    func nonWorkbookZip() throws {
        let error = try #require(Self.failure(XLSXFixtures.zip([.stored("readme.txt", "Hallo")])))
        #expect(error.reason == .notAWorkbook)
    }

    @Test("An old .xls or password-protected workbook (OLE compound file) is named as such")
    func oleCompoundFile() throws {
        let data = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 4096)
        #expect(Self.failure(data)?.reason == .legacyOrEncrypted)
    }

    @Test("A workbook cut off in the middle (truncated download) is refused")
    func truncatedFile() throws {
        let whole = XLSXFixtures.workbook(sheetXML: XLSXFixtures.sheet("<row><c><v>1</v></c></row>"))
        #expect(Self.failure(whole.prefix(whole.count / 2))?.reason == .notAZip)
    }

    @Test("A deflate stream that ends early ends in an error, not a hang")
    func truncatedDeflate() throws {
        let content = Data(XLSXFixtures.sheet((1...2000).map { "<row r=\"\($0)\"><c><v>\($0)</v></c></row>" }.joined()).utf8)
        let deflated = XLSXFixtures.deflate(content)
        let entry = XLSXFixtures.RawEntry(name: Self.sheetPath, payload: deflated.prefix(deflated.count / 2), method: 8,
                                          crc32: content.crc32(checksum: 0), declaredUncompressed: UInt64(content.count))
        let error = try #require(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: entry))))
        // zlib is fed zeros after the real bytes, so the parser may see garbage before zlib gives up:
        // either way the error names the entry and reading stops.
        switch error.reason {
        case .entryCorrupt, .malformedXML: break
        default: Issue.record("\(error)")
        }
        #expect(error.entry == Self.sheetPath)
    }

    @Test("A wrong CRC-32 is detected")
    func wrongChecksum() throws {
        var entry = XLSXFixtures.RawEntry.deflated(Self.sheetPath, Data(XLSXFixtures.sheet("<row><c><v>1</v></c></row>").utf8))
        entry.crc32 ^= 0xFFFF
        let error = try #require(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: entry))))
        #expect(error.reason == .entryCorrupt("Prüfsumme (CRC-32) falsch / wrong checksum (CRC-32)"))
    }

    @Test("An encrypted entry, an unknown compression method and a duplicate entry are refused")
    func zipOddities() throws {
        var encrypted = XLSXFixtures.RawEntry.stored(Self.sheetPath, XLSXFixtures.sheet(""))
        encrypted.flags = 1
        #expect(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: encrypted)))?.reason == .encryptedEntry)
        var bzip2 = XLSXFixtures.RawEntry.stored(Self.sheetPath, XLSXFixtures.sheet(""))
        bzip2.method = 12
        #expect(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: bzip2)))?.reason == .unsupportedCompression(method: 12))
        let entries = XLSXFixtures.workbookEntries(sheet: .stored(Self.sheetPath, XLSXFixtures.sheet("")))
        #expect(Self.failure(XLSXFixtures.zip(entries + [entries[2]]))?.reason == .duplicateEntry)
    }

    @Test("More ZIP entries than the limit are refused")
    func tooManyEntries() throws {
        var limits = XLSXLimits.default
        limits.maxEntries = 3
        let data = XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: .stored(Self.sheetPath, XLSXFixtures.sheet(""))))
        #expect(Self.failure(data, limits: limits)?.reason == .tooManyEntries(count: 5, limit: 3))
    }

    @Test("Mismatched tags are malformed XML, with the byte offset")
    func mismatchedTags() throws {
        let error = try #require(Self.failure(XLSXFixtures.workbook(sheetXML: "<worksheet><sheetData></worksheet>")))
        guard case let .malformedXML(_, offset) = error.reason else { Issue.record("\(error)"); return }
        #expect(offset == 22)
    }

    @Test("Invalid UTF-8 in a cell is malformed XML")
    func invalidUTF8() throws {
        var xml = Data(XLSXFixtures.sheet("<row><c t=\"inlineStr\"><is><t>X</t></is></c></row>").utf8)
        xml[xml.firstIndex(of: UInt8(ascii: "X"))!] = 0xFF
        let error = try #require(Self.failure(XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: .stored(Self.sheetPath, xml)))))
        guard case .malformedXML = error.reason else { Issue.record("\(error)"); return }
    }

    @Test("A number cell holding text and a shared-string index beyond the table are refused")
    func badCellValues() throws {
        let number = try #require(Self.failure(XLSXFixtures.workbook(sheetXML: XLSXFixtures.sheet("<row r=\"3\"><c r=\"B3\"><v>abc</v></c></row>"))))
        #expect(number.reason == .badCellValue(cell: "B3", type: "n", value: "abc"))
        let index = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row><c t=\"s\"><v>7</v></c></row>"), sharedStringsXML: "<sst><si><t>a</t></si></sst>")))
        #expect(index.reason == .badCellValue(cell: "A1", type: "s", value: "7"))
    }

    @Test("A file larger than the file limit is refused before it is read")
    func fileTooLarge() throws {
        var limits = XLSXLimits.default
        limits.maxFileBytes = 1000
        let url = XLSXFixtures.temporaryDirectory().appendingPathComponent("gross.xlsx")
        try Data(count: 5000).write(to: url)
        #expect {
            try XLSXReader(path: url.path, limits: limits)
        } throws: { error in (error as? XLSXError)?.reason == .fileTooLarge(bytes: 5000, limit: 1000) }
    }

    @Test("The grid of a sparse sheet is bounded by maxGridCells")
    func gridBound() throws {
        var limits = XLSXLimits.default
        limits.maxGridCells = 1000
        let error = try #require(Self.failure(XLSXFixtures.workbook(
            sheetXML: XLSXFixtures.sheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")), limits: limits))
        #expect(error.reason == .gridTooLarge(limit: 1000))
    }
}
