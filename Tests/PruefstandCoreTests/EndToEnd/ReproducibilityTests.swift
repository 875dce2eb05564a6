import Foundation
import Testing
@testable import PruefstandCore

/// Reproducibility across processes (issue 18): the main job on Musterstadt, run twice by the built binary in
/// two separate processes into two folders, writes the same outputs. CSV files are compared byte for byte,
/// the workbook and the council pack cell by cell (value, type, formula, number format) and sheet by sheet
/// (names, order, print and view settings) through `xlsx_dump.py`, a reader independent of the engine.
///
/// The volatile parts, and only these, are left out of the comparison (`Volatile`):
/// - `csv/audit_trail.csv`: the columns `started_at` (when each import ran, UTC) and `run_seconds` (its run
///   time); every other column of it is compared.
/// - workbook sheet `Prüfpfad`: cell A2 (when the report was written and the report run's time) and, in the
///   rows of the imports (column A an import id), the cells of the same two columns.
/// - what the run prints: it names the output folder (not compared; the exit status is).
/// The store itself is not compared (it records the same two timestamps); what the reports read of it is.
@Suite("Reproducibility across two processes", .serialized, .enabled(if: TestSupport.hasBinary, "the pruefstand binary is built beside the tests"))
struct ReproducibilityTests {
    enum Volatile {
        static let auditTrailCSV = "audit_trail.csv"
        static let csvColumns = ["started_at", "run_seconds"]
        static let sheet = "Prüfpfad"
        static let cells: Set<String> = ["A2"]
    }

    /// Runs `pruefstand run Datasets/musterstadt` from the repository root, as a user would, into `dir`.
    static func run(into dir: URL) throws -> URL {
        let r = try TestSupport.runProcess(TestSupport.binaryURL!, ["run", "Datasets/musterstadt", "--db", dir.appendingPathComponent("m.sqlite").path,
                                                                    "--out", dir.appendingPathComponent("musterstadt.xlsx").path,
                                                                    "--csv", dir.appendingPathComponent("csv").path],
                                           cwd: TestSupport.repoRoot.path)
        guard r.status == 0 else { throw PruefstandError.other("pruefstand run failed (\(r.status)):\n\(r.err)") }
        return dir
    }

    /// The two runs, one after the other, each its own process.
    static let runs: Result<(URL, URL), Error> = Result {
        (try run(into: TestSupport.tempDir("repro-a")), try run(into: TestSupport.tempDir("repro-b")))
    }

    static func files(_ dir: URL, _ ext: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix("." + ext) }.sorted()
    }

    /// A CSV file's lines with the volatile columns emptied (the audit trail's); other files unchanged.
    /// The excel-de dialect: `;`, quotes only around fields that need them; the volatile columns never hold one.
    static func comparable(_ name: String, _ data: Data) throws -> Data {
        guard name == Volatile.auditTrailCSV else { return data }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n")
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ";")
        let drop = Volatile.csvColumns.map { header.firstIndex(of: $0) }
        #expect(!drop.contains(nil), "the audit trail has columns \(Volatile.csvColumns): \(header)")
        for i in lines.indices.dropFirst() where !lines[i].isEmpty {
            var f = lines[i].components(separatedBy: ";")
            for c in drop.compactMap({ $0 }) where c < f.count { f[c] = "" }
            lines[i] = f.joined(separator: ";")
        }
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    @Test("every CSV file byte for byte, the audit trail's two time columns aside")
    func csvIdentical() throws {
        let (a, b) = try Self.runs.get()
        let dirA = a.appendingPathComponent("csv"), dirB = b.appendingPathComponent("csv")
        let names = try Self.files(dirA, "csv")
        #expect(names.count >= 30, "the run wrote \(names.count) CSV files")
        #expect(try Self.files(dirB, "csv") == names)
        for name in names {
            let da = try Data(contentsOf: dirA.appendingPathComponent(name)), db = try Data(contentsOf: dirB.appendingPathComponent(name))
            #expect(try Self.comparable(name, da) == Self.comparable(name, db), "\(name) differs between the two runs")
        }
        // The left-out columns really are the volatile ones: timestamps in the first run.
        let trail = String(decoding: try Data(contentsOf: dirA.appendingPathComponent(Volatile.auditTrailCSV)), as: UTF8.self)
        #expect(trail.range(of: #";20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ;"#, options: .regularExpression) != nil)
    }

    @Test("the workbook and the council pack cell by cell, the audit trail's times aside", arguments: ["musterstadt.xlsx", "musterstadt-rat.xlsx"])
    func workbooksIdentical(_ name: String) throws {
        let (a, b) = try Self.runs.get()
        #expect(try Self.files(a, "xlsx") == ["musterstadt-rat.xlsx", "musterstadt.xlsx"])
        let sa = try ExportTestSupport.cells(a.appendingPathComponent(name)), sb = try ExportTestSupport.cells(b.appendingPathComponent(name))
        #expect(sa.map(\.name) == sb.map(\.name))
        #expect(sa.reduce(0) { $0 + $1.cells.count } > (name == "musterstadt.xlsx" ? 10_000 : 100), "\(name) has cells")
        for (x, y) in zip(sa, sb) {
            #expect(x.props == y.props, "\(name) sheet \(x.name): settings differ")
            var ignored = x.name == Volatile.sheet ? Volatile.cells : []
            if x.name == Volatile.sheet {
                // The import rows: column A an import id; their started_at and run_seconds cells (the audit trail CSV's columns).
                let header = String(decoding: try Data(contentsOf: a.appendingPathComponent("csv/\(Volatile.auditTrailCSV)")), as: UTF8.self)
                    .prefix { $0 != "\r" && $0 != "\n" }.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ";")
                let letters = Volatile.csvColumns.compactMap { header.firstIndex(of: $0) }.map { String(UnicodeScalar(UInt8(65 + $0))) }
                for (ref, cell) in x.cells where ref.hasPrefix("A") && ref.dropFirst().allSatisfy(\.isNumber) && cell.t == "n" {
                    for l in letters { ignored.insert(l + ref.dropFirst()) }
                }
                #expect(ignored.count > 10, "the audit trail's import rows were found")
            }
            let keys = Set(x.cells.keys).union(y.cells.keys).subtracting(ignored)
            for k in keys.sorted() {
                let cx = x.cells[k], cy = y.cells[k]
                #expect(cx?.t == cy?.t && cx?.v == cy?.v && cx?.f == cy?.f && cx?.fmt == cy?.fmt,
                        "\(name) \(x.name)!\(k): \(String(describing: cx)) vs \(String(describing: cy))")
            }
        }
    }
}
