// libFuzzer target for the workbook writer: any text, as document title, sheet name, note, chart title,
// key-figure label and cells, must give a workbook whose every XML part is valid XML 1.0 text and whose
// cells read back (our XLSX reader) as the text with only XML's forbidden characters replaced
// (`XMLText`). Never a crash, a thrown error or a cut text. Driven by libFuzzer when built with -DFUZZING (scripts/fuzz.sh, FuzzSupport).
import Foundation
import FuzzSupport
import PruefstandCore
import ZIPFoundation

let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-workbook-\(getpid())").path
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let path = dir + "/f.xlsx"

/// The first byte picks how the rest becomes text: even → UTF-8 (repaired); odd → three bytes per
/// scalar (any code point, surrogates as U+FFFE), so noncharacters and controls are reached directly.
func texts(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var scalars = String.UnicodeScalarView()
    let rest = bytes.dropFirst()
    if bytes[0] & 1 == 0 {
        scalars = String(decoding: rest, as: UTF8.self).unicodeScalars
    } else {
        var i = rest.startIndex
        while i + 2 < rest.endIndex {
            let v = (UInt32(rest[i]) << 16 | UInt32(rest[i + 1]) << 8 | UInt32(rest[i + 2])) % 0x11_0000
            scalars.append(Unicode.Scalar(v) ?? "\u{FFFE}")
            i += 3
        }
    }
    // U+001E separates the texts; at most 12 of at most 2,000 characters each.
    return String(scalars).split(separator: "\u{1E}", omittingEmptySubsequences: false).prefix(12).map { String($0.prefix(2_000)) }
}

func fail(_ what: String, _ input: [String]) -> Never {
    fatalError("\(what) for \(input.map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbookWriter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let t = texts(UnsafeBufferPointer(start: data, count: size))
    func text(_ i: Int) -> String { i < t.count ? t[i] : "" }
    let cells = Array(t.dropFirst(4))
    let table = ReportTable(key: "t", de: text(1), en: text(1), columns: [
        .init("n", de: "Nr", en: "No", kind: .integer), .init("text", de: text(2), en: text(2), kind: .text),
    ], rows: cells.enumerated().map { [.integer(Int64($0.offset)), .text($0.element)] }, notes: [text(3)])
    let builder = ReportBuilder(title: text(0), lang: .de)
    var overview = ReportOverview()
    overview.keyFigures = [.init(text(3), .text(text(2)))]
    overview.tornadoTitle = text(1)
    overview.tornado = [.init(text(2), atLow: Money(cents: -100), atHigh: Money(cents: 100))]
    builder.overview = overview
    builder.add(table: table)
    let sheetName = builder.plannedSheetNames()[1]
    do {
        try builder.writeWorkbook(to: path)
    } catch {
        fail("writing failed: \(error)", t)
    }
    // Every part is UTF-8 of characters XML allows.
    do {
        // From memory: Archive(url:) leaks Foundation's fileSystemRepresentation (not ours to fix).
        let archive = try Archive(data: try Data(contentsOf: URL(fileURLWithPath: path)), accessMode: .read)
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            guard let xml = String(data: bytes, encoding: .utf8) else { fail("\(entry.path) is not UTF-8", t) }
            if let bad = xml.unicodeScalars.first(where: { !XMLText.isAllowed($0.value) }) {
                fail("\(entry.path) holds U+\(String(bad.value, radix: 16))", t)
            }
        }
    } catch {
        fail("cannot unzip: \(error)", t)
    }
    // The cells read back as the sanitised texts.
    do {
        let reader = try XLSXReader(path: path)
        guard reader.sheetNames.contains(sheetName) else { fail("sheet \(sheetName) missing: \(reader.sheetNames)", t) }
        let grid = try reader.grid(sheet: sheetName)
        if (grid.first?.first ?? nil) ?? "" != XMLText.expectedReadBack(text(1)) { fail("title reads back as \(String(describing: grid.first))", t) }
        let firstData = 4   // title, note, blank row, header
        for (i, cell) in cells.enumerated() {
            let row = firstData + i
            let got = row < grid.count && grid[row].count > 1 ? grid[row][1] ?? "" : ""
            if got != XMLText.expectedReadBack(cell) { fail("cell \(i) reads back as \(got.unicodeScalars.map { String($0.value, radix: 16) })", t) }
        }
    } catch {
        fail("cannot read back: \(error)", t)
    }
    return 0
}

runFuzzer("FuzzWorkbookWriter", fuzzWorkbookWriter, warmUps: ["\u{0}Titel\u{1E}Blatt\u{1E}Spalte\u{1E}Notiz\u{1E}a\u{1E}b", "\u{1}\u{0}\u{FF}\u{FE}"])
