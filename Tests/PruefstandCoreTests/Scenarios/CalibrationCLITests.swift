import Foundation
import Testing
@testable import PruefstandCore

/// `--calibrate` and `--table levels` through the built binary (issue 15).
@Suite("calibration and levels (end to end)", .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)))
struct CalibrationCLITests {
    static let scenario = """
        name: gewst-cli
        description: t
        baseline: ["{repo}/Parameters/nrw", "{repo}/Datasets/musterstadt/scenarios/parameters"]
        city: "{repo}/Datasets/musterstadt/scenarios/stadt.yaml"
        years: {from: 2026, to: 2028}
        models: [gewerbesteuer]
        overrides:
          gewerbesteuer.hebesatz: [{from: 2027, value: 490, source: test}]
        distributions:
          seed: 1
          parameters:
            gewerbesteuer.elastizitaet: {distribution: uniform, min: -0.6, max: 0, source: test}
        """

    @Test("scenario run/solve/montecarlo --calibrate name the calibrated base; --budget with --calibrate is a usage error")
    func calibrateFlag() throws {
        let dir = try writeTemporaryFiles(["s.yaml": Self.scenario, "p.yaml": OneBaselineTests.projectionYAML])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/store.sqlite"
        // The plan of the base year (2026: the projection's base year is the store's plan year) on the Gewerbesteuer account.
        _ = try ControllingFixture.store(postings: [], plan: [(2026, "16.01.01", "401300", 150_000_000_00), (2026, "16.01.01", "501100", 100_000_000_00)], path: db)
        let file = dir + "/s.yaml"
        let common = ["--projection", dir + "/p.yaml", "--db", db, "--lang", "en"]
        for args in [["scenario", "run", file, "--calibrate"], ["scenario", "montecarlo", file, "--draws", "10", "--calibrate"],
                     ["scenario", "solve", file, "--target", "balanced-from", "2027", "--lever", "gewerbesteuer.hebesatz", "--calibrate"]] {
            let r = try runPruefstand(args + common)
            #expect(r.out.contains("Model base Gewerbesteuer: calibrated to the plan 2026 (accounts 401300: EUR 150,000,000.00; city data EUR 162,302,400.00"),
                    "\(args[1]): \(r.out) \(r.err)")
        }
        let plain = try runPruefstand(["scenario", "montecarlo", file, "--draws", "10"] + common)
        #expect(plain.out.contains("model base: city data (not calibrated)"))
        let bad = try runPruefstand(["scenario", "solve", file, "--target", "balanced-from", "2027", "--lever", "gewerbesteuer.hebesatz",
                                     "--calibrate", "--budget", "\(repoRoot)/Datasets/musterstadt/scenarios/haushalt-basis.yaml"])
        #expect(bad.status == 2 && bad.err.contains("--calibrate"))
    }

    @Test("scenario run --table levels --db: the Schlüsselzuweisungen's level from the plan account, baseline + change")
    func schluesselzuweisungenLevel() throws {
        let dir = try writeTemporaryFiles(["p.yaml": OneBaselineTests.projectionYAML])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/store.sqlite"
        _ = try ControllingFixture.store(postings: [], plan: [(2026, "61.01.01", "411100", 220_000_000_00), (2026, "16.01.01", "501100", 1_00)], path: db)
        let r = try runPruefstand(["scenario", "run", "Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml", "--format", "csv", "--table", "levels",
                                   "--db", db, "--projection", dir + "/p.yaml"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first?.suffix(2) == ["schluesselzuweisungen_baseline", "schluesselzuweisungen_scenario"])
        let rows = lines.dropFirst().filter { $0.count == 10 && $0[1] == "gewerbesteuer" }
        #expect(rows.count == 10)
        for row in rows {
            // Oracle: baseline = the plan written above; scenario = baseline + the change of the same row.
            let change = Decimal(string: row[7])!, base = Decimal(string: row[8])!, scen = Decimal(string: row[9])!
            #expect(base == 220_000_000 && scen == base + change, "\(row)")
        }
        #expect(rows.contains { Decimal(string: $0[7])! != 0 })
    }

    @Test("scenario run --table levels: the Umlage and the GFG tax power per year, as CSV (hand values for 2026)")
    func levelsCSV() throws {
        let r = try runPruefstand(["scenario", "run", "Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml", "--format", "csv", "--table", "levels"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("scenario,model,year,umlage_baseline,umlage_scenario,steuerkraft_baseline,steuerkraft_scenario,equalisation_change\n"))
        #expect(r.out.contains("gewst-490-ab-2027,gewerbesteuer,2026,10924200.00,10924200.00,124848000.00,124848000.00,0.00\n"), "\(r.out)")
    }
}
