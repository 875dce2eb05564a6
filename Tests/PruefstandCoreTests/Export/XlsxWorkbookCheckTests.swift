import CPruefstandShims
import CXlsxWriter
import Foundation
import Testing
import ZIPFoundation
@testable import PruefstandCore

/// The check after writing a workbook (`XlsxWorkbook.verifyWritten`) and the thread that inflates the parts
/// while libxlsxwriter writes them (`pf_zip_follow_start`): hand-made archives, each broken in one way,
/// must be refused; the follower's results must agree with the finished file's central directory.
@Suite("Export: the workbook check after writing")
struct XlsxWorkbookCheckTests {
    typealias Entry = XLSXFixtures.RawEntry

    /// A sheet of 3,000 rows (about 200 KB: several deflate blocks) and the same sheet cut in a row,
    /// as libxlsxwriter zips a temporary file it could not finish (honest size and CRC of what is there).
    static let sheet: Data = {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for r in 1...3_000 { xml += #"<row r="\#(r)"><c r="A\#(r)" t="inlineStr"><is><t>Buchung \#(r * 7_919 % 100_003)</t></is></c><c r="B\#(r)"><v>\#(r)</v></c></row>"# }
        return Data((xml + "</sheetData></worksheet>").utf8)
    }()
    static let cutSheet = sheet.prefix(sheet.count * 2 / 3)

    /// One way to break the sheet's entry (or the whole file), and a word the message must contain; nil: it passes.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var expected: String?
        var entry: @Sendable () -> Entry
        var file: @Sendable (Data) -> Data = { $0 }
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "honest deflated parts pass", expected: nil, entry: { .deflated("xl/worksheets/sheet1.xml", sheet) }),
        Case(name: "honest stored parts pass", expected: nil, entry: { .stored("xl/worksheets/sheet1.xml", sheet) }),
        Case(name: "a deflated sheet cut in a row (size and CRC honest) is cut off", expected: "is cut off",
             entry: { .deflated("xl/worksheets/sheet1.xml", Data(cutSheet)) }),
        Case(name: "a stored sheet cut in a row is cut off", expected: "is cut off",
             entry: { .stored("xl/worksheets/sheet1.xml", Data(cutSheet)) }),
        Case(name: "a wrong CRC-32 is refused", expected: "CRC-32", entry: {
            var e = Entry.deflated("xl/worksheets/sheet1.xml", sheet); e.crc32 ^= 1; return e }),
        Case(name: "a part that inflates to less than declared is refused", expected: "declared", entry: {
            var e = Entry.deflated("xl/worksheets/sheet1.xml", sheet); e.declaredUncompressed += 1; return e }),
        Case(name: "a part that inflates to more than declared is refused", expected: "declared", entry: {
            var e = Entry.deflated("xl/worksheets/sheet1.xml", sheet); e.declaredUncompressed -= 1; return e }),
        Case(name: "deflate data that stop halfway are refused", expected: "deflate", entry: {
            var e = Entry.deflated("xl/worksheets/sheet1.xml", sheet); e.payload = e.payload.prefix(e.payload.count / 2); return e }),
        Case(name: "deflate data that are garbage are refused", expected: "not written completely", entry: {
            var e = Entry.deflated("xl/worksheets/sheet1.xml", sheet)
            e.payload = Data((0..<e.payload.count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }); return e }),
        Case(name: "a file cut before its central directory is refused", expected: "not written completely",
             entry: { .deflated("xl/worksheets/sheet1.xml", sheet) }, file: { $0.prefix($0.count - 40) }),
    ]

    static func write(_ data: Data) throws -> String {
        let path = XLSXFixtures.temporaryDirectory().appendingPathComponent("check.xlsx").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func archive(_ sheetEntry: Entry) -> Data {
        XLSXFixtures.zip(XLSXFixtures.workbookEntries(sheet: sheetEntry).map { $0.name == "xl/worksheets/sheet1.xml" ? $0 : .deflated($0.name, $0.payload) })
    }

    @Test("each broken archive is refused with the file named, an honest one passes", arguments: cases)
    func crafted(_ c: Case) throws {
        let path = try Self.write(c.file(Self.archive(c.entry())))
        do {
            try XlsxWorkbook.verifyWritten(path, reportAs: "bericht.xlsx")
            #expect(c.expected == nil, "passed, but should fail with \(c.expected ?? "")")
        } catch {
            let message = "\(error)"
            #expect(c.expected != nil, "refused: \(message)")
            #expect(message.contains(c.expected ?? "\u{0}") && message.contains("bericht.xlsx"), "\(message)")
        }
    }

    /// A follower's record for the sheet of `path`, with the given CRC-32 and length, and the complete sheet's first and last bytes.
    static func hint(for path: String, crc: UInt32, length: UInt64) throws -> pf_zip_followed {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let zip = try XLSXZip(data: data, file: path, limits: XLSXLimits())
        let entry = try #require(zip.entry(named: "xl/worksheets/sheet1.xml"))
        var h = pf_zip_followed()
        h.local_header_offset = entry.localHeaderOffset
        h.data_offset = UInt64(try zip.dataRange(of: entry).lowerBound)
        h.compressed = entry.compressedSize
        h.uncompressed = length
        h.crc32 = crc
        withUnsafeMutableBytes(of: &h.head) { $0.copyBytes(from: sheet.prefix($0.count)) }
        h.head_len = 512
        withUnsafeMutableBytes(of: &h.tail) { $0.copyBytes(from: sheet.suffix($0.count)) }
        h.tail_len = 64
        return h
    }

    @Test("a follower's record that disagrees with the central directory is not trusted: the part is inflated again")
    func disagreeingHint() throws {
        let path = try Self.write(Self.archive(.deflated("xl/worksheets/sheet1.xml", Data(Self.cutSheet))))
        // The complete sheet's CRC and length, the cut file's offsets: ignored, so the cut is found.
        let wrong = try Self.hint(for: path, crc: Self.sheet.crc32(checksum: 0), length: UInt64(Self.sheet.count))
        #expect(throws: PruefstandError.self) { try XlsxWorkbook.verifyWritten(path, reportAs: path, followed: [wrong]) }
        // The same record agreeing with the directory in CRC and length is used (its bytes are not read again):
        // this shows the comparison above is what refused it.
        let agreeing = try Self.hint(for: path, crc: Data(Self.cutSheet).crc32(checksum: 0), length: UInt64(Self.cutSheet.count))
        try XlsxWorkbook.verifyWritten(path, reportAs: path, followed: [agreeing])
    }

    @Test("the follower inflates every part while libxlsxwriter writes; each record agrees with the finished file's directory",
          arguments: [50, 20_000])
    func follower(rows: Int) throws {
        let path = XLSXFixtures.temporaryDirectory().appendingPathComponent("followed.xlsx").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let follower = try #require(pf_zip_follow_start(path))
        var options = lxw_workbook_options()
        options.constant_memory = 1
        let wb = try #require(workbook_new_opt(path, &options))
        let ws = try #require(workbook_add_worksheet(wb, "Daten"))
        for r in 0..<rows {
            _ = worksheet_write_string(ws, lxw_row_t(r), 0, "Zeile \(r * 7_919 % 100_003)", nil)
            _ = worksheet_write_number(ws, lxw_row_t(r), 1, Double(r), nil)
        }
        #expect(workbook_close(wb) == LXW_NO_ERROR)
        var first: UnsafePointer<pf_zip_followed>?
        let count = pf_zip_follow_finish(follower, &first)
        let records = Array(UnsafeBufferPointer(start: first, count: count))
        defer { pf_zip_follow_free(follower) }
        // The oracle: the central directory minizip wrote, read by the import's ZIP reader.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let zip = try XLSXZip(data: data, file: path, limits: XLSXLimits())
        #expect(records.count == zip.entries.count)
        for entry in zip.entries {
            let r = try #require(records.first { $0.local_header_offset == entry.localHeaderOffset }, "\(entry.name) not followed")
            #expect(r.data_offset == UInt64(try zip.dataRange(of: entry).lowerBound))
            #expect(r.compressed == entry.compressedSize && r.uncompressed == entry.uncompressedSize && r.crc32 == entry.crc32, "\(entry.name)")
        }
        try XlsxWorkbook.verifyWritten(path, reportAs: path, followed: records)
    }

    @Test("the follower does not start on a file that already has bytes (an older workbook)")
    func followerRefusesOldFile() throws {
        let path = try Self.write(Self.archive(.deflated("xl/worksheets/sheet1.xml", Self.sheet)))
        #expect(pf_zip_follow_start(path) == nil)
        #expect(pf_zip_follow_start(path + ".missing") == nil)
    }
}
