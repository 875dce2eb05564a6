import Foundation
import Testing
@testable import PruefstandCore

/// The review prints the same twice, in two processes, when it has warnings: a city whose cost table lacks most
/// pay grades gets one "no pay cost" warning per position concerned. The re-fill check collects its candidates in
/// a dictionary, whose order Swift seeds anew in every process; before the engine ordered the warnings, two runs
/// of `pruefstand review` printed the same hundreds of warnings in different orders (text and JSON).
@Suite("Review: the same warnings in the same order in two processes", .serialized,
       .enabled(if: TestSupport.hasBinary, "the pruefstand binary is built beside the tests"))
struct ReviewReproducibilityTests {
    /// Musterstadt's org units, cost centers, positions and vacancies, and a cost table of its first two rows only.
    static let store: Result<String, Error> = Result {
        let dir = try TestSupport.tempDir("review-repro")
        let city = TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt")
        let costs = try String(contentsOf: city.appendingPathComponent("paycosts.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).prefix(3).joined(separator: "\n") + "\n"
        let costFile = dir.appendingPathComponent("paycosts.csv")
        try costs.write(to: costFile, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("s.sqlite").path
        for (kind, file) in [("orgunits", city.appendingPathComponent("orgunits.csv")), ("costcenters", city.appendingPathComponent("costcenters.csv")),
                             ("positions", city.appendingPathComponent("positions.csv")), ("vacancies", city.appendingPathComponent("vacancies.csv")),
                             ("paycosts", costFile)] {
            let r = try TestSupport.runProcess(TestSupport.binaryURL!, ["import", kind, file.path, "--db", db])
            guard r.status == 0 else { throw PruefstandError.other("import \(kind) failed (\(r.status)):\n\(r.err)") }
        }
        return db
    }

    static func review(_ db: String, _ extra: [String]) throws -> TestSupport.ProcessResult {
        try TestSupport.runProcess(TestSupport.binaryURL!, ["review", "list", "--db", db, "--as-of", "2026-01-01"] + extra)
    }

    @Test("text and JSON, German and English", arguments: [["--lang", "de"], ["--lang", "en", "--format", "json"], ["--format", "csv"]])
    func sameTwice(_ args: [String]) throws {
        let db = try Self.store.get()
        let a = try Self.review(db, args), b = try Self.review(db, args)
        #expect(a.status == 0 && b.status == 0, "\(a.err.prefix(300))")
        // The premise: many warnings, each a position without its pay cost.
        let warnings = (a.err + a.out).components(separatedBy: "P-").count - 1
        #expect(warnings > 100, "expected hundreds of positions named in warnings, found \(warnings)")
        #expect(a.out == b.out, "standard output differs between two runs")
        #expect(a.err == b.err, "the warnings differ between two runs")
    }

    @Test("the warnings are ordered by position")
    func ordered() throws {
        let db = try Self.store.get()
        let r = try Self.review(db, ["--lang", "en"])
        let ids = r.err.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("warning: position ") else { return nil }
            return line.dropFirst("warning: position ".count).split(separator: ":").first.map(String.init)
        }
        #expect(ids.count > 100)
        #expect(ids == ids.sorted(), "warnings not in position order: \(ids.prefix(5))")
    }
}
