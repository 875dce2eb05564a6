import Foundation
import GRDB
@testable import PruefstandCore

/// Helpers for the export tests: paths, the Python cell-dump oracle, LibreOffice, sample data.
enum ExportTestSupport {
    /// `Tests/PruefstandCoreTests/Fixtures/export` in the source tree (golden files are re-recorded there).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/export")
    static let repoRoot = TestSupport.repoRoot

    static func tempDir(_ name: String) throws -> URL { try TestSupport.tempDir("export-" + name) }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let r = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"), [executable] + arguments)
        return (r.status, r.out)
    }

    /// The `pruefstand` executable built next to the test bundle.
    static var binary: String? { TestSupport.binaryPath }

    static var hasSoffice: Bool {
        (try? run("sh", ["-c", "command -v soffice"]).status) == 0
    }

    /// The text dump of a workbook (cells with values, formulas, formats; sheet settings).
    static func dump(_ xlsx: URL) throws -> String {
        let r = try run("python3", [fixtures.appendingPathComponent("xlsx_dump.py").path, xlsx.path])
        guard r.status == 0 else { throw PruefstandError.other("xlsx_dump.py failed on \(xlsx.path)") }
        return r.output
    }

    struct DumpCell: Decodable { var t: String; var v: String?; var f: String?; var fmt: String }
    struct DumpSheet: Decodable { var name: String; var cells: [String: DumpCell]; var props: [String] }
    struct Dump: Decodable { var sheets: [DumpSheet] }

    static func cells(_ xlsx: URL) throws -> [DumpSheet] {
        let r = try run("python3", [fixtures.appendingPathComponent("xlsx_dump.py").path, xlsx.path, "--json"])
        guard r.status == 0 else { throw PruefstandError.other("xlsx_dump.py failed on \(xlsx.path)") }
        return try JSONDecoder().decode(Dump.self, from: Data(r.output.utf8)).sheets
    }

    /// Converts files with LibreOffice (recalculation on load always on) into `outDir`.
    static func libreOffice(to format: String = "xlsx", infilter: String? = nil, outDir: URL, _ files: [URL]) throws {
        var args = ["--to", format]
        if let infilter { args += ["--infilter", infilter] }
        args += [outDir.path] + files.map(\.path)
        let r = try run(repoRoot.appendingPathComponent("scripts/lo-recalc.sh").path, args)
        guard r.status == 0 else { throw PruefstandError.other("lo-recalc.sh failed (\(r.status))") }
    }

    /// A minimal RFC 4180 reader for the test's own files.
    static func parseCSV(_ text: String, separator: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" || c == "\r" {
                row.append(field); field = ""; rows.append(row); row = []
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    static let hyperlink = "=HYPERLINK(\"http://x\",\"y\")"
    static let atSum = "@SUM(1)"

    /// Plan/actual with hand-computed figures:
    /// 1.234,56 − 1.000,00 = 234,56 (23,456 %); 48.500,50 − 50.000,00 = −1.499,50 (−2,999 %);
    /// 0,00 − 0,00 = 0 with no share; totals plan 51.000,00, actual 49.735,06, variance −1.264,94.
    static func planActual() -> ReportTable {
        var t = ReportTable(key: "plan_actual", de: "Plan-Ist", en: "Plan vs actual", columns: [
            .init("product", de: "Produkt", en: "Product", kind: .text),
            .init("vendor", de: "Kreditor", en: "Vendor", kind: .text),
            .init("plan", de: "Plan", en: "Plan", kind: .money, total: true),
            .init("actual", de: "Ist", en: "Actual", kind: .money, total: true),
            .init("variance", de: "Abweichung", en: "Variance", kind: .money, total: true),
            .init("variance_share", de: "Abweichung in %", en: "Variance %", kind: .percent),
            .init("posted_on", de: "Letzte Buchung", en: "Last posting", kind: .date),
            .init("postings", de: "Buchungen", en: "Postings", kind: .integer, total: true),
            .init("over", de: "Überschritten", en: "Over", kind: .text),
        ], notes: ["Quelle: Testdaten, von Hand gerechnet."])
        t.columns[8].flag = .equals("ja")
        func row(_ p: String, _ v: String, _ plan: Int64, _ actual: Int64, _ share: Decimal?, _ d: CivilDate, _ n: Int64, _ over: String) -> [ReportTable.Cell] {
            [.text(p), .text(v), .money(Money(cents: plan)), .money(Money(cents: actual)),
             .formula("{col:actual}{r}-{col:plan}{r}", cached: .money(Money(cents: actual - plan))),
             share.map { .formula("IF({col:plan}{r}=0,0,{col:variance}{r}/{col:plan}{r})", cached: .percent($0)) } ?? .empty,
             .date(d), .integer(n), .text(over)]
        }
        t.rows = [
            row("01.11.01 Verwaltungssteuerung", hyperlink, 100_000, 123_456, Decimal(string: "0.23456")!, CivilDate(year: 2025, month: 3, day: 31)!, 1_234, "ja"),
            row("03.01.01 Schulträgeraufgaben", atSum, 5_000_000, 4_850_050, Decimal(string: "-0.02999")!, CivilDate(year: 2025, month: 12, day: 1)!, 17, "nein"),
            row("-5 Grad; \"kalt\"", "+49 2331 207-0", 0, 0, 0, CivilDate(year: 2024, month: 1, day: 2)!, 0, "nein"),
        ]
        return t
    }

    /// An assumption and a projection that uses it (hand-computed, rounded half away from zero):
    /// 1.234.567,89 × 1,0275 = 1.268.518,506975 → 1.268.518,51; × 1,0275 = 1.303.402,769025 → 1.303.402,77.
    static func assumptionsAndProjection() -> [ReportTable] {
        var a = ReportTable(key: "assumptions", de: "Annahmen", en: "Assumptions", columns: [
            .init("name", de: "Annahme", en: "Assumption", kind: .text),
            .init("value", de: "Wert", en: "Value", kind: .percent, isInput: true),
            .init("unit", de: "Einheit", en: "Unit", kind: .text),
            .init("source", de: "Quelle", en: "Source", kind: .text),
        ])
        a.rows = [[.text("Tarifsteigerung"), .percent(Decimal(string: "0.0275")!), .text("% p. a."), .text("Testannahme")]]
        let p = ReportTable(key: "projection", de: "Projektion", en: "Projection", columns: [
            .init("year", de: "Jahr", en: "Year", kind: .integer),
            .init("personnel", de: "Personalaufwand", en: "Personnel cost", kind: .money),
        ], rows: [
            [.integer(2025), .money(Money(cents: 123_456_789))],
            [.integer(2026), .formula("ROUND({col:personnel}{r-1}*(1+{ref:assumptions:value:Tarifsteigerung}),2)", cached: .money(Money(cents: 126_851_851)))],
            [.integer(2027), .formula("ROUND({col:personnel}{r-1}*(1+{ref:assumptions:value:Tarifsteigerung}),2)", cached: .money(Money(cents: 130_340_277)))],
        ])
        return [a, p]
    }

    /// Overview data; the variances' figures are hand-made (variance = actual − plan).
    static func overview() -> ReportOverview {
        var o = ReportOverview()
        o.keyFigures = [
            .init("Jahresergebnis 2025", .money(Money(cents: -1_234_567_890)), unit: "€", note: "Plan"),
            .init("Stellen (VZÄ)", .decimal(Decimal(string: "120.5")!), unit: "VZÄ"),
            .init("Quote unbesetzter Stellen", .percent(Decimal(string: "0.125")!), unit: "%"),
        ]
        o.consolidationPath = [
            .init("Basis", [.init(2025, Money(euros: -12_345_678)), .init(2026, Money(euros: -10_000_000)),
                            .init(2027, Money(euros: -8_500_000)), .init(2028, Money(euros: -7_000_000))]),
            .init("mit Maßnahmen", [.init(2025, Money(euros: -12_345_678)), .init(2026, Money(euros: -7_500_000)),
                                    .init(2027, Money(euros: -3_000_000)), .init(2028, Money(euros: 250_000))]),
        ]
        o.reliefScenarios = [   // the annual cost to the city: a relief costs, so the amounts are positive
            .init("Grundsteuer B −50 Punkte", Money(euros: 3_100_000)),
            .init("Gewerbesteuer −10 Punkte", Money(euros: 2_450_000)),
            .init("Kita-Beiträge −10 %", Money(euros: 1_800_000)),
        ]
        o.variances = (1...12).map { i in
            .init("Produkt \(i)", plan: Money(euros: Int64(i) * 10_000), actual: Money(euros: Int64(i) * 10_000 + Int64(i * i) * 100))
        }
        return o
    }

    /// A store with one import (control totals equal) and two rejected rows carrying injection text.
    static func store() throws -> Store {
        let store = try Store.inMemory()
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO importRun (id, kind, sourcePath, sha256, byteCount, startedAt, finishedAt, rowsRead, rowsImported,
                  rowsRejected, controlReadCents, controlStoredCents, controlFileTotalCents, onError, engineVersion)
                VALUES (1, 'ledger', 'ledger.csv', 'ab12', 100, '2026-01-05T10:00:00Z', '2026-01-05T10:00:02.5Z', 7, 5, 2,
                  1234567, 1234567, NULL, 'quarantine', '0.1.0');
                INSERT INTO rejectedRow (importId, line, "column", field, value, reason, rawRecord) VALUES
                  (1, 4, 8, 'vendor', ?, 'amount missing', ?),
                  (1, 6, 8, 'vendor', ?, 'bad date', ?);
                """, arguments: [hyperlink, "2025,2025-01-01,D1,01.11.01,K1,521100,x,\(hyperlink),", atSum, "2025,x,D2,01.11.01,K1,521100,y,\(atSum),1.00"])
            for i in 1...5 {
                try db.execute(sql: """
                    INSERT INTO posting (importId, sourceLine, fiscalYear, postingDate, documentId, product, costCenter, account,
                      description, vendor, amountCents) VALUES (1, ?, 2025, ?, ?, '01.11.01', 'K1', '521100', ?, ?, ?)
                    """, arguments: [i + 1, "2025-01-0\(i)", "D\(i)", i == 3 ? hyperlink : "Text \(i)", i == 4 ? atSum : "Lieferant \(i)", i * 12_345])
            }
        }
        return store
    }

    /// The sample report: overview, plan/actual, assumptions, projection, audit trail, rejects.
    static func sampleBuilder(store: Store, lang: Language = .de) throws -> ReportBuilder {
        let b = ReportBuilder(title: "Musterstadt", lang: lang, date: CivilDate(year: 2026, month: 1, day: 15)!)
        b.overview = overview()
        b.add(table: planActual())
        b.add(table: ReportTable(key: "review", de: "Stellenprüfung", en: "Position review", columns: [
            .init("position_id", de: "Stelle", en: "Position", kind: .text),
            .init("decision", de: "Entscheidung", en: "Decision", kind: .text, choices: ["refill", "no-refill", "kw"]),
            .init("comment", de: "Kommentar", en: "Comment", kind: .text, isInput: true),
        ], rows: [[.text("P-001"), .empty, .empty], [.text("P-002"), .text("kw"), .text("=Stelle entfällt")]]))
        for t in assumptionsAndProjection() { b.add(table: t) }
        var audit = AuditTrailSection(store: store, parameterFiles: [ParameterFileHash(path: "params/grundsteuer.yaml", sha256: "ff00")],
                                      runStartedAt: Date(timeIntervalSince1970: 1_768_471_200))
        audit.now = { Date(timeIntervalSince1970: 1_768_471_203) }
        try b.add(audit)
        try b.add(RejectedRowsSection(store: store))
        return b
    }
}
