import Foundation
import Testing
@testable import PruefstandCore

/// The one mechanism for files the tool writes (`OutputFile`, `ProtectedFiles`) and the one text rule
/// for workbooks (`XMLText`), tested on their own.
@Suite("Export: output files and XML text")
struct OutputFileTests {
    static func dir() throws -> String { try ExportTestSupport.tempDir("outputfile").path }
    static func leftovers(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
    }

    @Test("a write replaces the previous file whole and keeps its permissions; a failed write leaves it and no temporary file")
    func replaceOrKeep() throws {
        let dir = try Self.dir(), path = dir + "/a.csv"
        try OutputFile.write(Array("old".utf8), to: path)
        #expect(chmod(path, 0o640) == 0)
        try OutputFile.write(Array("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o640)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try OutputFile.write(to: path) { tmp in
                try Data("half".utf8).write(to: URL(fileURLWithPath: tmp))
                throw Boom()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try Self.leftovers(dir).isEmpty)
        // An OutputFile dropped without commit removes its temporary file.
        do { let out = try OutputFile(path); try out.write(Array("x".utf8)) }
        #expect(try Self.leftovers(dir).isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }

    @Test("a new file gets 0666 less the umask, not mkstemp's 0600; missing folders are made")
    func newFileMode() throws {
        let dir = try Self.dir(), path = dir + "/sub/deeper/b.csv"
        try OutputFile.write([1, 2, 3], to: path)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o666 & ~OutputFile.processUmask)
    }

    @Test("a folder as the target is refused with a message")
    func folderTarget() throws {
        let dir = try Self.dir()
        #expect(throws: PruefstandError.self) { try OutputFile.write([1], to: dir) }
    }

    @Test("the store is protected by every spelling: itself, -wal, -shm, -journal, '..', a symbolic link (also dangling), a hard link")
    func protectedStore() throws {
        let dir = try Self.dir(), store = dir + "/s.sqlite"
        _ = FileManager.default.createFile(atPath: store, contents: Data("SQLite format 3\0".utf8))
        var p = ProtectedFiles()
        p.add(store: store)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.xlsx", withDestinationPath: store)
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.csv", withDestinationPath: store + "-wal")
        #expect(link(store, dir + "/hard.xlsx") == 0)
        for target in [store, store + "-wal", store + "-shm", store + "-journal", dir + "/../" + (dir as NSString).lastPathComponent + "/s.sqlite",
                       dir + "/link.xlsx", dir + "/dangling.csv", dir + "/hard.xlsx"] {
            #expect(throws: PruefstandError.self, "\(target)") { try p.check(output: target) }
        }
        try p.check(output: dir + "/other.xlsx")
        p.add(input: dir + "/plan.csv")
        #expect(throws: PruefstandError.self) { try p.check(output: dir + "/./plan.csv") }
    }

    @Test("XMLText replaces exactly what XML 1.0 forbids and counts it", arguments: [
        ("plain Ä € 😀", "plain Ä € 😀", 0), ("a\u{0}b", "a\u{FFFD}b", 1), ("\u{FFFE}\u{FFFF}", "\u{FFFD}\u{FFFD}", 2),
        ("\u{1}\u{8}\u{B}\u{C}\u{1F}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}", 5), ("tab\t lf\n cr\r", "tab\t lf\n cr\r", 0),
        ("\u{7F}\u{85}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}", "\u{7F}\u{85}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}", 0),
    ])
    func sanitise(input: String, expected: String, count: Int) {
        let (text, replaced) = XMLText.sanitized(input)
        #expect(text == expected && replaced == count)
    }

    @Test("cell text keeps _xHHHH_ literal by escaping its underscore; other underscores stay", arguments: [
        ("_x0041_", "_x005F_x0041_"), ("a_x00e9_b", "a_x005F_x00e9_b"), ("_x004_", "_x004_"), ("_X0041_", "_X0041_"), ("snake_case_x", "snake_case_x"),
        ("__x0041_", "__x005F_x0041_"),
    ])
    func cellEscape(input: String, expected: String) {
        #expect(XMLText.cell(input).text == expected)
        #expect(XMLText.sanitized(input).text == input)
    }

    @Test("bytes from SQLite: clean UTF-8 passes untouched; NUL, U+FFFE and invalid UTF-8 are replaced and counted")
    func bytes() {
        func run(_ b: [UInt8]) -> (String, Int)? {
            b.withUnsafeBufferPointer { p in XMLText.cell(utf8: p).map { (String(decoding: $0.bytes, as: UTF8.self), $0.replaced) } }
        }
        #expect(run(Array("Müller, 😀 & <b>".utf8)) == nil)
        #expect(run([0x61, 0x00, 0x62])! == ("a\u{FFFD}b", 1))
        #expect(run([0x76, 0xEF, 0xBF, 0xBE, 0x6E])! == ("v\u{FFFD}n", 1))
        #expect(run([0x4D, 0xFC, 0x6C])! == ("M\u{FFFD}l", 1))                  // Latin-1 ü
        #expect(run([0xED, 0xA0, 0x80])!.1 >= 1)                                 // an encoded surrogate
        #expect(run(Array("_x0041_".utf8))! == ("_x005F_x0041_", 0))
    }

    @Test("sheet names: at most 31 UTF-16 units (Excel's count) on whole characters, no XML-forbidden character")
    func sheetNames() {
        let emoji = String(repeating: "😀", count: 20)                            // 40 UTF-16 units
        let name = XlsxWorkbook.sanitizedSheetName(emoji, taken: [])
        #expect(name.utf16.count <= 31 && name.allSatisfy { $0 == "😀" })
        let control = XlsxWorkbook.sanitizedSheetName("Plan\u{0}\u{FFFE}Ist", taken: [])
        #expect(control == "Plan\u{FFFD}\u{FFFD}Ist")
    }

    @Test("sheet names with a forbidden character or apostrophe followed by a combining mark are still made valid (found by FuzzWorkbookWriter)",
          arguments: ["Blatt: Plan/Ist [1]\u{7EC}lte", "CR\rLF\nTab\t", "'\u{301}Zitat'\u{301}", "a]\u{20DD}b", "\u{301}", "History", "''''"])
    func sheetNameCombiningMarks(_ proposed: String) throws {
        let name = XlsxWorkbook.sanitizedSheetName(proposed, taken: [])
        #expect(!name.unicodeScalars.contains { "[]:*?/\\".unicodeScalars.contains($0) }, "\(name)")
        #expect(name.unicodeScalars.first != "'" && name.unicodeScalars.last != "'" && !name.isEmpty && name.lowercased() != "history")
        #expect(!name.unicodeScalars.contains { $0.value < 0x20 }, "an attribute value: tab, LF and CR would read back as spaces")
        // libxlsxwriter accepts it: the workbook is written with that sheet.
        let dir = try Self.dir()
        let b = ReportBuilder(title: "T", lang: .de)
        b.add(table: ReportTable(key: "t", de: proposed, en: proposed, columns: [.init("s", de: "S", en: "S", kind: .text)], rows: [[.text("x")]]))
        try b.writeWorkbook(to: dir + "/s.xlsx")
        #expect(try XLSXReader(path: dir + "/s.xlsx").sheetNames == [name])
    }

    @Test("our XLSX reader decodes _x000D_ followed by a combining mark (one Swift Character) as CR + the mark")
    func escapeBeforeCombiningMark() {
        #expect(decodeOOXMLEscapes("_x000D_\u{301}") == "\r\u{301}")
        #expect(decodeOOXMLEscapes("a_x005F_x0041_b") == "a_x0041_b")
        #expect(decodeOOXMLEscapes("_x00zz_ _x004") == "_x00zz_ _x004")
    }

    @Test("a print header longer than libxlsxwriter's 255 characters (a long title) is cut, not freed and used (found by FuzzWorkbookWriter under ASan)",
          arguments: [String(repeating: "Haushaltssicherungskonzept ", count: 20), String(repeating: "&", count: 300), "A &G B &[Picture] C"])
    func longHeader(_ title: String) throws {
        let dir = try Self.dir()
        let b = ReportBuilder(title: title, lang: .de)
        b.add(table: ReportTable(key: "t", de: title, en: title, columns: [.init("s", de: "S", en: "S", kind: .text)], rows: [[.text("x")]]))
        try b.writeWorkbook(to: dir + "/h.xlsx")
        let sheet = try String(decoding: TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", dir + "/h.xlsx", "xl/worksheets/sheet1.xml"]).out.utf8, as: UTF8.self)
        let header = try #require(sheet.range(of: "<oddHeader>").map { sheet[$0.upperBound...].prefix { $0 != "<" } })
        #expect(header.unicodeScalars.count <= 255 + 40, "\(header.count)")   // XML escapes (&amp; &quot;) add to the stored text
        #expect(!header.contains("&amp;G") && !header.contains("&amp;[Picture]"), "no image placeholder from the title")
    }

    @Test("the workbook writer reports how many characters it replaced")
    func countReported() throws {
        let dir = try Self.dir()
        let b = ReportBuilder(title: "T\u{0}", lang: .de)
        b.add(table: ReportTable(key: "t", de: "Blatt\u{FFFF}", en: "Sheet", columns: [.init("s", de: "S", en: "S", kind: .text)],
                                 rows: [[.text("a\u{1}b\u{FFFE}")], [.text("_x0041_")]], notes: ["Notiz\u{B}"]))
        let changes = try b.writeWorkbook(to: dir + "/c.xlsx")
        // Counted by hand: the document title in the properties (1) and in the print header (1); the table
        // title as sheet name (1), title cell (1) and in the print header (1); the note (1); the cell (2).
        #expect(changes.replacedCharacters == 8)
        #expect(changes.logLine(for: "c.xlsx", .en)?.contains("replaced by U+FFFD") == true)
    }
}
