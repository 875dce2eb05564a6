import Foundation
import Testing
@testable import PruefstandCore

/// The council pack and the controlling workbook of Musterstadt as printed pages (issue 16): both are
/// converted to PDF by LibreOffice headless (`scripts/lo-recalc.sh --to pdf`) and read back with poppler
/// (`pdfinfo`, `pdftotext`, `pdftotext -bbox`, `pdffonts`).
///
/// How the smallest font is measured: `pdftotext -bbox` gives every word's box in points. For one font a
/// box is as high as the font's ascent plus descent times the printed size (scale included), so
/// size = height / k. k is read from the pack itself, from the one text whose size is known and printed at
/// 100 %: the summary's title, set in 16 pt (the test checks that k is Carlito's 1.30 ± 0.03, so the method
/// and the font are what we think). Every word of both PDFs must then be at least 8 pt (7.95, for rounding of
/// the boxes). The workbook asks for Calibri; LibreOffice uses the metric-compatible Carlito
/// (fonts-crosextra-carlito, installed by `make test`), so line breaks and widths are those Excel shows.
@Suite("Printed pages: council pack and workbook as PDF", .serialized,
       .enabled(if: CrashSafetyTests.binary != nil && ExportTestSupport.hasSoffice, "the pruefstand binary and soffice are needed"))
struct PrintedPagesTests {
    struct Word { var page: Int; var height: Double; var text: String }

    /// The PDFs of one main-job run (shared with `MainJobTests`).
    static let pdfs: Result<(pack: String, workbook: String, run: String, db: String), Error> = Result {
        let r = try MainJobTests.run.get()
        let pack = (r.xlsx as NSString).deletingPathExtension + "-rat.xlsx"
        let out = URL(fileURLWithPath: r.dir).appendingPathComponent("pdf")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try ExportTestSupport.libreOffice(to: "pdf", outDir: out, [URL(fileURLWithPath: pack), URL(fileURLWithPath: r.xlsx)])
        return (out.appendingPathComponent("musterstadt-rat.pdf").path, out.appendingPathComponent("musterstadt.pdf").path, r.output, r.db)
    }

    static func tool(_ command: String) throws -> String {
        let (status, out) = try TestSupport.shell(command + " 2>&1")
        guard status == 0 else { throw PruefstandError.other("\(command) failed (\(status)): \(out.prefix(300))") }
        return out
    }

    static func pageCount(_ pdf: String) throws -> Int {
        let info = try tool("pdfinfo '\(pdf)'")
        let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") })
        return try #require(Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)))
    }

    /// The text of one page (1-based) or of all, in reading order.
    static func text(_ pdf: String, page: Int? = nil) throws -> String {
        try tool("pdftotext " + (page.map { "-f \($0) -l \($0) " } ?? "") + "'\(pdf)' -")
    }

    /// Every word with its page and box height (points).
    static func words(_ pdf: String) throws -> [Word] {
        let xml = try tool("pdftotext -bbox '\(pdf)' -")
        var page = 0, out: [Word] = []
        let regex = try NSRegularExpression(pattern: #"yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>"#)
        for line in xml.split(separator: "\n") {
            if line.contains("<page ") { page += 1; continue }
            let s = String(line)
            guard let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { continue }
            func group(_ i: Int) -> String { String(s[Range(m.range(at: i), in: s)!]) }
            out.append(Word(page: page, height: Double(group(2))! - Double(group(1))!, text: group(3)))
        }
        return out
    }

    /// Whitespace removed, so a text wrapped over lines in a cell is still found whole.
    static func squeezed(_ s: String) -> String { String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init)) }

    /// A scenario's title or summary as the YAML file writes it (`title: {de: "…", …}`), read by a regex.
    static func scenarioText(_ file: String, key: String) throws -> String {
        let yaml = try String(contentsOfFile: MainJobTests.city + "/scenarios/" + file, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "^\(key): \\{de: \"([^\"]+)\"", options: .anchorsMatchLines)
        let m = try #require(regex.firstMatch(in: yaml, range: NSRange(yaml.startIndex..., in: yaml)), "\(file) has no \(key)")
        return String(yaml[Range(m.range(at: 1), in: yaml)!])
    }

    static let scenarioFiles = ["gewst-490-ab-2027.yaml", "kita-minus-20.yaml", "kita-befreiung-50000.yaml", "kombi.yaml"]

    @Test("the council pack prints one page per sheet, at most 20 pages, and every page has its title, the data date, the source and 'Seite x von n'")
    func packPages() throws {
        let (pack, _, _, _) = try Self.pdfs.get()
        let sheets = try XLSXReader(path: (try MainJobTests.run.get().xlsx as NSString).deletingPathExtension + "-rat.xlsx").sheetNames
        let pages = try Self.pageCount(pack)
        #expect(pages == sheets.count, "each sheet of the pack is laid out for one page: \(sheets)")
        #expect(pages <= 20 && pages >= 8, "\(pages) pages")
        for page in 1...pages {
            let text = Self.squeezed(try Self.text(pack, page: page))
            #expect(text.contains(Self.squeezed("Haushaltslage Musterstadt")), "page \(page): no title")
            #expect(text.contains(Self.squeezed("Datenstand: 01.01.2026")), "page \(page): no data date (the manifest's as_of)")
            #expect(text.contains(Self.squeezed("Quelle: Haushaltsplan, Buchungen und Stellenplan")), "page \(page): no source line")
            #expect(text.contains(Self.squeezed("Seite \(page) von \(pages)")), "page \(page): no page number")
        }
        // The pages a council member expects, by their titles (the issue's list of charts and tables).
        let all = Self.squeezed(try Self.text(pack))
        for title in ["Konsolidierungspfad mit und ohne Entlastung", "Entlastungen im Überblick (2029)", "Entlastung nach Gruppen der Zahlenden 2029",
                      "Unsicherheit: Kombination", "Aufwendungen 2025: Plan und Ist nach Produktbereich", "Aufwendungen 2025: Ist kumuliert gegen Plan",
                      "Die 10 größten Abweichungen", "Stellenprüfung: mögliche Einsparung nach Organisationseinheit"] {
            #expect(all.contains(Self.squeezed(title)), "no page titled \(title)")
        }
    }

    @Test("page 1 is a summary in plain German: headings, the plan's totals in German millions (oracle: Python over plan.csv), every scenario by its title")
    func summaryPage() throws {
        let (pack, _, _, _) = try Self.pdfs.get()
        let page1 = try Self.text(pack, page: 1)
        let squeezed = Self.squeezed(page1)
        for heading in ["Wo die Stadt steht", "Der Konsolidierungspfad", "Was jede Entlastung kostet und bringt (2029)",
                        "Was die Stellenprüfung sparen würde", "Lesehilfe"] {
            #expect(squeezed.contains(Self.squeezed(heading)), "no heading \(heading)")
        }
        // Oracle: the plan 2026 by account class (4 revenue, 5 expense), Decimal sums of the file as committed.
        let script = """
        import csv, decimal, sys
        s = {'4': decimal.Decimal(0), '5': decimal.Decimal(0)}
        for r in csv.DictReader(open(sys.argv[1], encoding='utf-8', newline='')):
            if r['fiscal_year'] == '2026' and r['kind'] == 'plan' and r['account'][0] in s:
                s[r['account'][0]] += decimal.Decimal(r['plan_amount'])
        print(s['4'], s['5'])
        """
        let out = try Self.tool("python3 -c \"\(script.replacingOccurrences(of: "\"", with: "\\\""))\" '\(MainJobTests.city)/plan.csv'")
        let sums = out.split(separator: " ").map { Decimal(string: $0.trimmingCharacters(in: .whitespacesAndNewlines))! }
        func germanMillions(_ euros: Decimal) -> String {
            // One decimal, comma, thousands dots: 1007000000 → "1.007,0 Mio. €"
            var tenths = euros / 100_000, rounded = Decimal()
            NSDecimalRound(&rounded, &tenths, 0, .plain)
            let n = NSDecimalNumber(decimal: rounded).intValue
            var whole = String(n / 10), groups: [String] = []
            while whole.count > 3 { groups.insert(String(whole.suffix(3)), at: 0); whole.removeLast(3) }
            groups.insert(whole, at: 0)
            return groups.joined(separator: ".") + "," + String(n % 10) + " Mio. €"
        }
        let revenue = germanMillions(sums[0]), expenses = germanMillions(sums[1]), deficit = germanMillions(sums[1] - sums[0])
        #expect(revenue == "934,3 Mio. €" && expenses == "1.007,0 Mio. €", "oracle: \(revenue), \(expenses)")
        #expect(squeezed.contains(Self.squeezed("Der Haushaltsplan 2026 sieht Erträge von \(revenue) und Aufwendungen von \(expenses) vor: ein Fehlbetrag von \(deficit).")),
                "page 1: \(page1.prefix(600))")
        for file in Self.scenarioFiles {
            let title = try Self.scenarioText(file, key: "title")
            #expect(squeezed.contains(Self.squeezed(title)), "page 1 does not name \(file) by its title \(title)")
            #expect(!squeezed.contains(Self.squeezed((file as NSString).deletingPathExtension + ".")), "page 1 names the file slug of \(file)")
        }
        // No English sentence and no raw number on the summary page.
        for english in ["The budget", "relief", "deficit", "Source:"] { #expect(!page1.contains(english), "English on page 1: \(english)") }
        #expect(page1.range(of: #"\d{5,}"#, options: .regularExpression) == nil, "a number without thousands separators on page 1")
    }

    @Test("no text is cut: each scenario's title and one-line summary appears whole in the pack, and no cell shows ### in either PDF")
    func nothingCut() throws {
        let (pack, workbook, _, _) = try Self.pdfs.get()
        let packText = try Self.text(pack)
        for file in Self.scenarioFiles {
            for key in ["title", "summary"] {
                let text = try Self.scenarioText(file, key: key)
                #expect(Self.squeezed(packText).contains(Self.squeezed(text)), "\(file) \(key) cut or missing: \(text)")
            }
        }
        #expect(!packText.contains("###"), "a number too wide for its column in the pack")
        #expect(!(try Self.text(workbook)).contains("###"), "a number too wide for its column in the workbook")
    }

    @Test("every word of both PDFs prints at 8 pt or more (word box heights, calibrated on the pack's 16-pt title), in Carlito")
    func smallestFont() throws {
        let (pack, workbook, _, _) = try Self.pdfs.get()
        for pdf in [pack, workbook] {
            let fonts = try Self.tool("pdffonts '\(pdf)'")
            #expect(fonts.contains("Carlito"), "LibreOffice did not use Carlito (apt-get install fonts-crosextra-carlito): \(fonts)")
        }
        let packWords = try Self.words(pack)
        // Calibration: the first "Haushaltslage" in the page body (below the header) is the 16-pt title.
        let title = try #require(packWords.filter { $0.page == 1 && $0.text == "Haushaltslage" }.max { $0.height < $1.height })
        let k = title.height / 16
        #expect(abs(k - 1.30) < 0.03, "box height per point \(k): the measuring method or the font is not what the test assumes")
        for (name, words) in [("pack", packWords), ("workbook", try Self.words(workbook))] {
            let smallest = try #require(words.min { $0.height < $1.height })
            let size = smallest.height / k
            #expect(size >= 7.95, "\(name): '\(smallest.text)' on page \(smallest.page) prints at \(String(format: "%.2f", size)) pt")
        }
    }

    @Test("report --pack council --lang en writes the English pack: its summary headings in English, no German ones, at most 20 pages")
    func englishPack() throws {
        let (_, _, _, db) = try Self.pdfs.get()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pack-en-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("council.xlsx")
        _ = try Self.tool("'\(CrashSafetyTests.binary!)' report --city '\(MainJobTests.city)' --db '\(db)' --pack council --lang en --out '\(out.path)'")
        try ExportTestSupport.libreOffice(to: "pdf", outDir: dir, [out])
        let pdf = dir.appendingPathComponent("council.pdf").path
        #expect(try Self.pageCount(pdf) <= 20)
        let page1 = try Self.text(pdf, page: 1)
        for heading in ["Where the city stands", "The consolidation path", "What the position review would save", "Page 1 of"] {
            #expect(Self.squeezed(page1).contains(Self.squeezed(heading)), "no \(heading)")
        }
        for german in ["Wo die Stadt steht", "Fehlbetrag", "Seite 1", "Mio. €"] { #expect(!page1.contains(german), "German on the English page 1: \(german)") }
        #expect(page1.contains("€934.3 million"), "English amounts: \(page1.prefix(400))")
    }
}
