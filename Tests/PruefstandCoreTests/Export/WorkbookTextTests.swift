import Foundation
import GRDB
import PropertyBased
import Testing
@testable import PruefstandCore

/// Text that XML 1.0 cannot carry never reaches a workbook raw (issue 19): noncharacters, C0 controls
/// and NUL become U+FFFD and are counted; every other text comes back exactly as written.
@Suite("Export: text in workbooks is valid XML")
struct WorkbookTextTests {
    typealias S = ExportTestSupport

    /// The oracle, written from the XML 1.0 `Char` production (§2.2), independent of the code under test.
    static func xmlSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { c -> Unicode.Scalar in
            switch c.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return c
            default: return "\u{FFFD}"
            }
        }))
    }

    /// Texts that broke workbooks: noncharacters, NUL in the middle, controls, OOXML escape look-alikes.
    static let hostile = [
        "vor\u{FFFE}nach", "Ende\u{FFFF}", "a\u{0}b – nach dem NUL", "\u{1}\u{2}\u{1F}Steuerzeichen", "_x0041_ bleibt so",
        "_x005F_x0041_", "CR\rLF\nCRLF\r\nTab\t", "\u{FEFF}BOM und " + String(Character(Unicode.Scalar(0xFDD0)!)), "😀 \u{10FFFF} \u{E000}", "=HYPERLINK(\"x\")", "",
    ]

    static func table(_ texts: [String], title: String = "Texte") -> ReportTable {
        ReportTable(key: "texts", de: title, en: title, columns: [
            .init("n", de: "Nr", en: "No", kind: .integer), .init("text", de: "Text", en: "Text", kind: .text),
        ], rows: texts.enumerated().map { [.integer(Int64($0.offset)), .text($0.element)] } + [[.integer(-1), .text("last row")]])
    }

    static func write(_ t: ReportTable, to path: String) throws {
        let b = ReportBuilder(title: "Titel \u{FFFE}\u{0}", lang: .de)
        b.add(table: t)
        try b.writeWorkbook(to: path)
    }

    /// Column B of the table's data rows (header in row 4: title, one note-less blank row, header).
    static func readBack(_ path: String, sheet: String) throws -> [String] {
        let grid = try XLSXReader.grid(path: path, sheet: sheet)
        return grid.dropFirst(3).map { ($0.count > 1 ? $0[1] : nil) ?? "" }
    }

    @Test("every hostile text comes back from our XLSX reader as the XML-safe text, and every row after it is there")
    func hostileRoundTrip() throws {
        let dir = try S.tempDir("xmltext")
        let path = dir.appendingPathComponent("t.xlsx").path
        try Self.write(Self.table(Self.hostile), to: path)
        let back = try Self.readBack(path, sheet: "Texte")
        #expect(back == Self.hostile.map(Self.xmlSafe) + ["last row"])
    }

    @Test("openpyxl (expat) opens the workbook and reads every text as the XML-safe text")
    func openpyxlOracle() throws {
        let dir = try S.tempDir("xmltext-py")
        let path = dir.appendingPathComponent("t.xlsx").path
        try Self.write(Self.table(Self.hostile), to: path)
        let script = """
        import json, re, sys, zipfile, openpyxl
        import xml.etree.ElementTree as ET
        wb = openpyxl.load_workbook(sys.argv[1])          # must open at all (expat refuses invalid XML)
        # The texts from the XML itself (expat), then ST_Xstring's _xHHHH_ decoded as a spreadsheet does
        # (ECMA-376 Part 1, 22.9.2.19); openpyxl only strips 'x005F_', so it is no oracle for that step.
        ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
        z = zipfile.ZipFile(sys.argv[1])
        sst = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
        unescape = lambda s: re.sub(r'_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)), s)
        out = []
        for row in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter('{%s}row' % ns['m']):
            if int(row.get('r')) < 4: continue
            b = [c for c in row.findall('m:c', ns) if c.get('r').startswith('B')]
            out.append(unescape(sst[int(b[0].find('m:v', ns).text)]) if b and b[0].get('t') == 's' else '')
        print(json.dumps(out))
        print(json.dumps(wb.properties.title))
        """
        try script.write(toFile: dir.appendingPathComponent("read.py").path, atomically: true, encoding: .utf8)
        let r = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", dir.appendingPathComponent("read.py").path, path])
        #expect(r.status == 0, "openpyxl cannot open the workbook: \(r.err.suffix(300))")
        guard r.status == 0 else { return }
        let lines = r.out.split(separator: "\n").map(String.init)
        let texts = try JSONDecoder().decode([String].self, from: Data(lines[0].utf8))
        #expect(texts == Self.hostile.map(Self.xmlSafe) + ["last row"])
        #expect(try JSONDecoder().decode(String.self, from: Data(lines[1].utf8)) == Self.xmlSafe("Titel \u{FFFE}\u{0}"))
    }

    @Test("LibreOffice keeps every row after a noncharacter (it used to drop the cell and all later rows)",
          .enabled(if: ExportTestSupport.hasSoffice, "soffice missing"))
    func libreOfficeKeepsRows() throws {
        let dir = try S.tempDir("xmltext-lo")
        let path = dir.appendingPathComponent("t.xlsx")
        try Self.write(Self.table(Self.hostile), to: path.path)
        let out = dir.appendingPathComponent("csv")
        try S.libreOffice(to: "csv", outDir: out, [path])
        let csv = String(decoding: try Data(contentsOf: out.appendingPathComponent("t.csv")), as: UTF8.self)
        #expect(csv.contains("last row"), "LibreOffice lost rows: \(csv.suffix(300))")
        #expect(csv.contains("nach"), "the text after U+FFFE is kept")
    }

    @Test("any Unicode text through the workbook writer and back through the XML parser is the XML-safe text")
    func anyTextRoundTrip() async throws {
        let specials = ["\u{FFFE}", "\u{FFFF}", "\u{0}", "\u{B}", "\r", "\r\n", "\n", "\t", "_x0041_", "_x005f_", "_X0041_", "_x00e9_",
                        "\u{301}", "=", "'", "\u{FEFF}", "\u{1F600}", "\u{10FFFF}", "\u{D7FF}", "\u{E000}", "&", "<", "]]>", "\""]
        let piece = Gen.int64(in: 0 ... Int64.max).map { v -> String in
            let payload = UInt32(truncatingIfNeeded: v >> 3)
            switch v % 5 {
            case 0: return String(Character(Unicode.Scalar(UInt8(payload % 128))))
            case 1: return specials[Int(payload) % specials.count]
            case 2: return Unicode.Scalar(payload % 0x1_0000).map { String(Character($0)) } ?? "\u{FFFE}"
            case 3: return String(Character(Unicode.Scalar(0x1_0000 + payload % 0x10_0000)!))
            default: return "Wort"
            }
        }
        let text = piece.array(of: 0...12).map { $0.joined() }
        let dir = try S.tempDir("xmltext-prop")
        await propertyCheck(count: 40, input: text.array(of: 1...8)) { texts in
            let path = dir.appendingPathComponent("p-\(UUID().uuidString.prefix(6)).xlsx").path
            do {
                try Self.write(Self.table(texts), to: path)
                let back = try Self.readBack(path, sheet: "Texte")
                #expect(back == texts.map(Self.xmlSafe) + ["last row"], "\(texts.map { Array($0.unicodeScalars.map(\.value)) })")
            } catch {
                Issue.record("\(error) for \(texts.map { Array($0.unicodeScalars.map(\.value)) })")
            }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test("export of a table whose text holds NUL, U+FFFE and bytes that are not UTF-8: the workbook opens, NUL cuts nothing, the change is counted")
    func exportSanitises() throws {
        let (store, dir) = try TestSupport.tempStore()
        try store.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER, s TEXT)")
            try db.execute(sql: "INSERT INTO t VALUES (1, CAST(x'61006200' AS TEXT))")           // a NUL b NUL
            try db.execute(sql: "INSERT INTO t VALUES (2, CAST(x'76efbfbe6e' AS TEXT))")         // v U+FFFE n
            try db.execute(sql: "INSERT INTO t VALUES (3, CAST(x'4dfc6c6c6572' AS TEXT))")       // Müller in Latin-1
            try db.execute(sql: "INSERT INTO t VALUES (4, 'last row')")
        }
        let path = dir + "/t.xlsx"
        let summary = try StoreExport.run(store: store, name: "t", to: path)
        let grid = try XLSXReader.grid(path: path)
        #expect(grid.map { $0.count > 1 ? $0[1] : nil } == ["s", "a\u{FFFD}b\u{FFFD}", "v\u{FFFD}n", "M\u{FFFD}ller", "last row"])
        #expect(summary.textChanges.replacedCharacters == 4)   // two NULs, U+FFFE, one invalid byte
        // The command line says so.
        if let bin = CrashSafetyTests.binary {
            let r = try TestSupport.runProcess(URL(fileURLWithPath: bin), ["export", "t", "--db", store.path, "--out", dir + "/cli.xlsx"])
            #expect(r.status == 0 && r.out.contains("4 in XML unzulässige(s) Zeichen durch U+FFFD ersetzt"), "\(r.out) \(r.err)")   // German by default
            let en = try TestSupport.runProcess(URL(fileURLWithPath: bin), ["export", "t", "--db", store.path, "--out", dir + "/cli-en.xlsx", "--lang", "en"])
            #expect(en.status == 0 && en.out.contains("4 character(s) that XML does not allow replaced by U+FFFD"), "\(en.out) \(en.err)")
        }
    }
}
