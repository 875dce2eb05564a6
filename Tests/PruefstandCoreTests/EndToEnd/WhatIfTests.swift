import Foundation
import Testing
@testable import PruefstandCore

/// What-if in the workbook (issue 16): a controller changes one input cell on "Annahmen (Eingaben)",
/// LibreOffice recalculates, and the consolidation path equals `pruefstand projection` run on a projection
/// file with the same changed assumption, to the cent. The oracle is the CLI on an edited YAML file (not the
/// workbook's own cached values); the workbook is edited with openpyxl, which drops every cached value, so the
/// numbers read back come from LibreOffice alone.
@Suite("What-if: input cells recalculate the path in LibreOffice", .serialized,
       .enabled(if: ExportTestSupport.hasSoffice, "soffice not installed: apt-get install libreoffice-calc-nogui"))
struct WhatIfTests {
    /// One changed assumption: the input cell's label and value, and the same change as a text edit of the
    /// projection file (Musterstadt's `controlling/projection.yaml`).
    struct Change: CustomTestStringConvertible {
        var name: String, label: String, value: String, yamlOld: String, yamlNew: String
        var testDescription: String { name }
    }

    static let changes = [
        Change(name: "growth-50", label: "Wachstumsrate Kontengruppe 50", value: "0.05",
               yamlOld: "      - {from: 2000, value: 0.028, source: \"TVöD",
               yamlNew: "      - {from: 2000, value: 0.05, source: \"TVöD"),
        Change(name: "growth-40", label: "Wachstumsrate Kontengruppe 40", value: "-0.013",
               yamlOld: "Steuern und ähnliche Abgaben\"\n    unit: share\n    values:\n      - {from: 2000, value: 0.03,",
               yamlNew: "Steuern und ähnliche Abgaben\"\n    unit: share\n    values:\n      - {from: 2000, value: -0.013,"),
        Change(name: "probability-HSK-05", label: "Wahrscheinlichkeit HSK-05", value: "0.3",
               yamlOld: "yearly_saving_euros: 1200000, kind: expense, status: planned, probability: \"0.8\"",
               yamlNew: "yearly_saving_euros: 1200000, kind: expense, status: planned, probability: \"0.3\""),
        Change(name: "probability-HSK-01-same-positions", label: "Wahrscheinlichkeit HSK-01", value: "0.333",
               yamlOld: "probability: \"0.95\", start_year: 2026, same_positions_as_review: true",
               yamlNew: "probability: \"0.333\", start_year: 2026, same_positions_as_review: true"),
        Change(name: "interest-2028", label: "Zinssatz Liquiditätskredite 2028", value: "0.0457",
               yamlOld: "      - {from: 2029, value: 0.03,",
               yamlNew: "      - {from: 2028, value: 0.0457, source: \"test\"}\n      - {from: 2029, value: 0.03,"),
    ]

    static let helper = ExportTestSupport.fixtures.appendingPathComponent("whatif_cells.py").path
    static let sheet = "Annahmen (Eingaben)", path = "Konsolidierungspfad"

    static func python(_ args: [String]) throws -> String {
        let r = try TestSupport.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", helper] + args)
        guard r.status == 0 else { throw PruefstandError.other("whatif_cells.py \(args.first ?? ""): \(r.err)") }
        return r.out
    }

    /// Rows of numbers × 100, rounded: money in cents (the year and the interest-rate share are compared
    /// coarsely; the money columns are the point), from CSV text whose first line may be a header; an empty or
    /// non-numeric field (a cell LibreOffice left without a value) is `Int64.min`.
    static func cents(_ csv: String, header: Bool) -> [[Int64]] {
        csv.split(whereSeparator: \.isNewline).dropFirst(header ? 1 : 0).map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0).map { Int64(($0 * 100).rounded()) } ?? .min }
        }
    }

    @Test("the unchanged workbook recalculates to its cached values; each changed input gives the CLI's path to the cent")
    func changedInputs() throws {
        let dir = try TestCity.make(manifest: TestCity.manifest(extra: "controlling:\n  projection: controlling/projection.yaml\n"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let yaml = try String(contentsOfFile: TestCity.repo.appendingPathComponent("Datasets/musterstadt/controlling/projection.yaml").path, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/controlling", withIntermediateDirectories: true)
        try yaml.write(toFile: dir + "/controlling/projection.yaml", atomically: true, encoding: .utf8)
        let db = dir + "/city.sqlite", book = dir + "/out/city.xlsx"
        let r = try TestCity.run(["run", dir, "--db", db, "--quiet"])
        try #require(r.status == 0, "\(r.err)")

        // Every changed workbook, and the unchanged one, through one LibreOffice call.
        var files = [URL(fileURLWithPath: book)]
        for c in Self.changes {
            let out = "\(dir)/\(c.name).xlsx"
            _ = try Self.python(["set", book, out, Self.sheet, c.label, c.value])
            files.append(URL(fileURLWithPath: out))
        }
        let lo = URL(fileURLWithPath: dir + "/lo")
        try ExportTestSupport.libreOffice(outDir: lo, files)

        // Unchanged: every formula of the workbook recalculates to the engine's cached value.
        let same = try Self.python(["compare", book, lo.appendingPathComponent("city.xlsx").path])
        let counts = same.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.count == 2 && counts[0] > 100 && counts[1] == 0, "\(same)")
        let before = Self.cents(try Self.python(["table", book, Self.path]), header: false)
        let cli = Self.cents(try TestCity.run(["projection", "--db", db, "--format", "csv", "--scenario", dir + "/controlling/projection.yaml"]).out, header: true)
        #expect(before == cli, "the cached path is not the CLI's")

        for c in Self.changes {
            #expect(yaml.components(separatedBy: c.yamlOld).count == 2, "\(c.name): the projection file no longer has \(c.yamlOld)")
            let changedYAML = dir + "/\(c.name).yaml"
            try yaml.replacingOccurrences(of: c.yamlOld, with: c.yamlNew).write(toFile: changedYAML, atomically: true, encoding: .utf8)
            let p = try TestCity.run(["projection", "--db", db, "--format", "csv", "--scenario", changedYAML])
            try #require(p.status == 0, "\(c.name): \(p.err)")
            let want = Self.cents(p.out, header: true)
            let got = Self.cents(try Self.python(["table", lo.appendingPathComponent("\(c.name).xlsx").path, Self.path]), header: false)
            #expect(want.count == 4 && got.count == want.count, "\(c.name): \(got.count) rows, CLI \(want.count)")
            #expect(want != cli, "\(c.name): the change does not move the path")
            for (w, g) in zip(want, got) {
                #expect(w == g, "\(c.name) year \(w.first.map { $0 / 100 } ?? 0): CLI \(w), LibreOffice \(g)")
            }
        }
    }
}
