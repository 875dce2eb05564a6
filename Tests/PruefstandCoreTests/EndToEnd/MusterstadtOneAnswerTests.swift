import Foundation
import Testing
@testable import PruefstandCore

/// Issue 15's first acceptance point on Musterstadt itself: the main job (workbook and log), `scenario solve` and
/// `scenario montecarlo` answer "largest affordable relief" over the same store baseline and name it.
@Suite("Musterstadt: one answer from the main job, solve and Monte Carlo (end to end)",
       .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)))
struct MusterstadtOneAnswerTests {
    @Test("the main job, solve and montecarlo agree on gewst-490-ab-2027 (balanced from 2029) and name the same baseline")
    func oneAnswer() throws {
        // A copy of the city and the parameters, so the main job writes nowhere in the repository.
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("muster-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: tmp + "/Datasets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(repoRoot)/Datasets/musterstadt", toPath: tmp + "/Datasets/musterstadt")
        try FileManager.default.copyItem(atPath: "\(repoRoot)/Parameters", toPath: tmp + "/Parameters")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try? FileManager.default.removeItem(atPath: tmp + "/Datasets/musterstadt/out")
        let db = tmp + "/store.sqlite", scenario = tmp + "/Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml"
        let run = try TestSupport.runProcess(pruefstandBinary, ["run", tmp + "/Datasets/musterstadt", "--db", db, "--lang", "en"], cwd: tmp)
        #expect(run.status == 0, "\(run.err)")
        let line = try #require((run.out + run.err).split(separator: "\n").first { $0.hasPrefix("Largest affordable relief (gewst-490-ab-2027): ") })
        let solve = try TestSupport.runProcess(pruefstandBinary, ["scenario", "solve", scenario, "--target", "balanced-from", "2029",
                                                                  "--lever", "gewerbesteuer.hebesatz", "--db", db, "--lang", "en"], cwd: tmp)
        let mc = try TestSupport.runProcess(pruefstandBinary, ["scenario", "montecarlo", scenario, "--db", db, "--draws", "200", "--lang", "en"], cwd: tmp)
        #expect(mc.status == 0, "\(mc.err)")
        // The same projection (plan year and horizon) in all three.
        let basis = "consolidation projection over the store (plan 2026, 2026–2029"
        #expect(line.contains(basis) && solve.out.contains(basis) && mc.out.contains(basis), "\(line)\n\(solve.out)\n\(mc.out)")
        // The answer: a value from solve is the main job's value; no value is "none" in both.
        let solveFirst = String(solve.out.split(separator: "\n").first ?? "")
        if let r = solveFirst.range(of: "largest relief with a balanced budget from 2029: ") {
            let value = solveFirst[r.upperBound...].split(separator: " ").first.map(String.init) ?? "?"
            #expect(line.contains("gewerbesteuer.hebesatz \(value) %"), "main job: \(line); solve: \(solveFirst)")
        } else {
            #expect(solveFirst.hasPrefix("No balanced budget from 2029") && line.contains("none: no balanced budget from 2029"), "\(line)\n\(solveFirst)")
            #expect(solve.status == 1)
        }
    }
}
