import Foundation
@testable import PruefstandCore

/// A small city folder for end-to-end tests: the Musterstadt generator at a small scale, written to a
/// temporary folder with a manifest, optionally with hostile texts in names, vendors and cost centres.
enum TestCity {
    /// Cell contents a spreadsheet could run, and a bare carriage return.
    static let hostile = ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1", "\tTab", "a\rb"]

    static var binary: String? { CrashSafetyTests.binary }
    static let repo = TestSupport.repoRoot

    /// The manifest of a test city; `extra` is appended (e.g. a `report:` section).
    static func manifest(planYear: String = "2026", asOf: String? = "2026-01-01", report: String = "  out: out/city.xlsx\n  csv: out/csv\n",
                         extra: String = "") -> String {
        """
        name: Teststadt
        plan_year: \(planYear)
        \(asOf.map { "as_of: \($0)" } ?? "")
        inputs:
          - { kind: orgunits, file: orgunits.csv }
          - { kind: costcenters, file: costcenters.csv }
          - { kind: paycosts, file: paycosts.csv }
          - { kind: positions, file: positions.csv }
          - { kind: vacancies, file: vacancies.csv }
          - { kind: plan, file: plan.csv }
          - { kind: ledger, file: ledger-2024.csv }
          - { kind: ledger, file: ledger-2025.csv, mapping: mappings/ledger-excel-de.yaml }
        report:
        \(report)\(extra)
        """
    }

    /// Writes the city into a new temporary folder and returns its path.
    static func make(scale: Double = 0.01, hostile: Bool = false, manifest: String = TestCity.manifest()) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("city-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir + "/mappings", withIntermediateDirectories: true)
        let sample = try MusterstadtGenerator(scale: scale).generate()
        for file in sample.files() {
            var bytes = file.bytes
            if hostile { bytes = poison(file.name, bytes) }
            try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(file.name)"))
        }
        try FileManager.default.copyItem(atPath: repo.appendingPathComponent("Datasets/musterstadt/mappings/ledger-excel-de.yaml").path,
                                         toPath: "\(dir)/mappings/ledger-excel-de.yaml")
        try manifest.write(toFile: "\(dir)/pruefstand.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// Hostile texts in org unit names, position titles, cost centre names, and in the ledgers' vendors,
    /// descriptions and (for a few rows) cost centres.
    static func poison(_ name: String, _ bytes: [UInt8]) -> [UInt8] {
        let columns: [String: [String]] = [
            "orgunits.csv": ["name"], "positions.csv": ["title"], "costcenters.csv": ["name"],
            "ledger-2024.csv": ["vendor", "description", "cost_center"],
            "ledger-2025.csv": ["Kreditor", "Buchungstext", "Kostenstelle"],
        ]
        guard let targets = columns[name] else { return bytes }
        let german = name == "ledger-2025.csv"
        // ISO-8859-1 maps every byte to one character and back, so Windows-1252 text survives untouched.
        let text = german ? String(bytes.map { Character(Unicode.Scalar($0)) }) : String(decoding: bytes, as: UTF8.self)
        let sep: Character = german ? ";" : ","
        var rows = ExportTestSupport.parseCSV(text, separator: sep)
        let header = rows[0]
        for (k, i) in rows.indices.dropFirst().enumerated() {
            for column in targets {
                guard let c = header.firstIndex(of: column), c < rows[i].count else { continue }
                if column.lowercased().contains("cost") || column == "Kostenstelle" {
                    if k < 60 { rows[i][c] = hostile[k % hostile.count] }   // a few postings on hostile cost centres
                } else {
                    let h = hostile[(k + column.count) % hostile.count]
                    rows[i][c] = k % 2 == 0 ? h : h + " " + rows[i][c]
                }
            }
        }
        func field(_ s: String) -> String {
            s.contains(where: { $0 == sep || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let out = rows.map { $0.map(field).joined(separator: String(sep)) }.joined(separator: "\r\n") + "\r\n"
        return german ? out.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } : Array(out.utf8)
    }

    /// Runs the built binary; (status, stdout, stderr).
    @discardableResult
    static func run(_ arguments: [String], cwd: String? = nil) throws -> TestSupport.ProcessResult {
        try TestSupport.runProcess(URL(fileURLWithPath: binary!), arguments, cwd: cwd)
    }

    static func sha(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { SHA256.hex(of: [UInt8]($0)) }
    }
}
