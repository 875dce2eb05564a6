import Foundation
import Testing

/// The built `pruefstand` binary next to the test bundle (built by `swift build --build-tests`).
let pruefstandBinary: URL = TestSupport.binaryLocation

func runPruefstand(_ args: [String]) throws -> TestSupport.ProcessResult {
    try TestSupport.runProcess(pruefstandBinary, args, cwd: repoRoot)
}

@Suite("scenario command (end to end)", .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)))
struct ScenarioCLITests {
    @Test("montecarlo with the same seed writes byte-identical CSV")
    func monteCarloReproducible() throws {
        let args = ["scenario", "montecarlo", "Datasets/musterstadt/scenarios/kombi.yaml", "--draws", "3000", "--seed", "11", "--format", "csv",
                    "--budget", "Datasets/musterstadt/scenarios/haushalt-basis.yaml"]
        let a = try runPruefstand(args), b = try runPruefstand(args)
        #expect(a.status == 0, "\(a.err)")
        #expect(a.out == b.out)
        #expect(a.out.hasPrefix("scenario,year,p10,p50,p90,share_balanced\n"))
        #expect(!a.out.contains("balance_year_p50,"), "one table per stream: the balance years come with --table balance")
        let balance = try runPruefstand(args + ["--table", "balance"])
        #expect(balance.status == 0 && balance.out.hasPrefix("key,value\nbalance_year_p10,"), "\(balance.out)")
    }

    @Test("check fails on a bad scenario with file, line and key")
    func checkFails() throws {
        let dir = try writeTemporaryFiles(["bad.yaml": TestSupport.scenarioOverriding("gewerbesteuer.hebesatz", value: "150")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runPruefstand(["scenario", "check", dir + "/bad.yaml", "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.out.contains("\(dir)/bad.yaml:8: overrides.gewerbesteuer.hebesatz: value 150 % is outside the plausible range"))
        #expect(r.out.contains("1 error(s)"))
    }

    @Test("every subcommand's help has an example", arguments: ["check", "diff", "run", "explain", "solve", "montecarlo", "test"])
    func helpHasExample(_ sub: String) throws {
        let r = try runPruefstand(["scenario", sub, "--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("Example"))
        #expect(r.out.contains("pruefstand scenario \(sub) "), "the example runs the subcommand itself")
    }
}
