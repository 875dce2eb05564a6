import Testing
import Foundation
@testable import PruefstandCore

/// End to end: the built `pruefstand` binary on a store file, as a user would run it.
@Suite("Review CLI")
struct ReviewCLITests {
    static var binary: URL? { TestSupport.binaryURL }

    static func run(_ args: [String]) throws -> TestSupport.ProcessResult {
        guard let exe = binary else { throw PruefstandError.other("pruefstand binary not built") }
        return try TestSupport.runProcess(exe, args)
    }

    @Test("review prints the ranked list as CSV; decisions filled by a script are read back and stored once",
          .enabled(if: binary != nil, "the pruefstand binary is built by swift build --build-tests"))
    func roundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("review-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        let input = ReviewBenchmark.makeSynthetic(positions: 1_000, vacancies: 200)
        try ReviewBenchmark.write(input, to: try Store.open(path: db))
        let rules = ReviewRulesTests.shippedPath
        let expected = try ReviewEngine(rules: try ReviewRules.load(path: rules)).run(input, asOf: CivilDate(iso: "2026-01-01")!)

        let list = try Self.run(["review", "--db", db, "--as-of", "2026-01-01", "--rules", rules, "--format", "csv"])
        #expect(list.status == 0, "\(list.err)")
        let grid = ReviewDecisions.csvGrid(list.out)
        let header = try #require(grid.first)
        #expect(header.prefix(3) == ["rank", "position_id", "org_unit"])
        let rows = grid.dropFirst()
        #expect(rows.count == expected.cases.count, "one table per stream: the summary comes with --table summary")

        // The script: every re-fill case "nicht wiederbesetzen".
        let k = try #require(header.firstIndex(of: "check_key")), d = try #require(header.firstIndex(of: "decision"))
        var g = grid
        for r in 1..<g.count where g[r].count > d && g[r][k] == "refill" { g[r][d] = "nicht wiederbesetzen" }
        let filled = g.map { row in row.map { c in
            let t = c ?? ""
            return t.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : t
        }.joined(separator: ",") }
        let csv = dir.appendingPathComponent("filled.csv")
        try filled.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)

        let refills = expected.cases.filter { $0.check == .refill && $0.kind == "refill" }.count
        #expect(refills > 0)
        let read = try Self.run(["review", "decisions", csv.path, "--db", db, "--as-of", "2026-01-01", "--rules", rules, "--decided-on", "2026-02-01"])
        #expect(read.status == 0, "\(read.err)")
        #expect(read.out.contains("\(refills) gespeichert"))
        let again = try Self.run(["review", "decisions", csv.path, "--db", db, "--as-of", "2026-01-01", "--rules", rules])
        #expect(again.status == 0 && again.out.contains("\(refills) unverändert"))
        #expect(try ReviewDecisions.current(in: try Store.open(path: db)).count == refills)
    }

    @Test("--help shows an example", .enabled(if: binary != nil))
    func help() throws {
        let h = try Self.run(["review", "--help"])
        #expect(h.status == 0 && h.out.contains("pruefstand review --as-of 2026-01-01"))
    }
}
