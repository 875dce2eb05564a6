import Foundation
import Testing
@testable import PruefstandCore

/// Validation everywhere (issue 15): every command that runs a scenario checks it like `scenario check`, and a
/// scenario may change only what the city sets unless it declares itself a law change with a source.
@Suite("scenario validation in every command")
struct ScenarioValidationTests {
    static func scenario(_ overrides: String, lawChange: String? = nil) -> String {
        """
        name: t
        description: t
        baseline: ["{repo}/Parameters/nrw", "{repo}/Datasets/musterstadt/scenarios/parameters"]
        city: "{repo}/Datasets/musterstadt/scenarios/stadt.yaml"
        projection: p.yaml
        years: {from: 2026, to: 2029}
        models: [gewerbesteuer]
        \(lawChange.map { "law_change: {source: \"\($0)\"}" } ?? "")
        overrides:
        \(overrides)
        distributions:
          seed: 1
          draws: 10
          parameters:
            gewerbesteuer.elastizitaet: {distribution: triangular, min: -0.9, mode: -0.3, max: 0, source: test}
        """
    }

    static func hebesatz(_ v: String) -> String { "  gewerbesteuer.hebesatz:\n    - {from: 2027, value: \(v), source: test}" }

    /// What the message must name for each bad value: the range, its source, the file and the line.
    static let badValues: [(value: String, expected: [String])] = [
        ("150", ["value 150 % is outside the plausible range [200, 900]", "§ 16 Abs. 4 Satz 2 GewStG", "s.yaml:11"]),
        ("4900", ["value 4900 % is outside the plausible range [200, 900]", "typo", "s.yaml:11"]),
    ]

    @Test("a Hebesatz of 150 % or 4,900 % stops run, explain, solve, montecarlo, diff and projection --relief with exit 1",
          .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)),
          arguments: badValues.map(\.value))
    func badHebesatzEverywhere(_ value: String) throws {
        let expected = Self.badValues.first { $0.value == value }!.expected
        let dir = try writeTemporaryFiles(["s.yaml": Self.scenario(Self.hebesatz(value)), "p.yaml": OneBaselineTests.projectionYAML])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/store.sqlite"
        _ = try ControllingFixture.store(postings: [], plan: OneBaselineTests.plan(surplusEuros: 1_000_000), path: db)
        let file = dir + "/s.yaml"
        let commands: [[String]] = [
            ["scenario", "run", file], ["scenario", "explain", file, "--year", "2027"],
            ["scenario", "solve", file, "--target", "balanced-from", "2027", "--lever", "gewerbesteuer.hebesatz", "--db", db],
            ["scenario", "montecarlo", file, "--db", db], ["scenario", "diff", file, file],
            ["projection", "--scenario", dir + "/p.yaml", "--relief", file, "--db", db],
        ]
        for args in commands {
            let r = try runPruefstand(args)
            #expect(r.status == 1, "\(args): \(r.out) \(r.err)")
            for e in expected { #expect(r.err.contains(e), "\(args) should name \(e): \(r.err)") }
            #expect(!r.out.contains("2027"), "\(args) computed something: \(r.out)")
        }
    }

    @Test("the main job refuses a scenario that fails its check, before computing")
    func mainJobRefuses() throws {
        let dir = try writeTemporaryFiles(["s.yaml": Self.scenario(Self.hebesatz("4900")), "p.yaml": OneBaselineTests.projectionYAML])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try ControllingFixture.store(postings: [], plan: OneBaselineTests.plan(surplusEuros: 1_000_000))
        let settings = RunSettings(projectionScenario: dir + "/p.yaml", scenarioFiles: [dir + "/s.yaml"])
        #expect { try ReportAssembly.analyse(store: store, settings: settings) } throws: { "\($0)".contains("outside the plausible range") }
    }

    /// Overrides of parameters the city does not set: Bund (the Umlage multiplier, the Messzahl) and Land (the GFG share).
    static let lawParameters: [(key: String, value: String, setBy: String)] = [
        ("gewerbesteuer.umlage_vervielfaeltiger", "0", "Bund"),
        ("gewerbesteuer.messzahl", "3", "Bund"),
        ("gfg.ausgleichsquote", "0.5", "Land"),
    ]

    @Test("overriding a Bund or Land parameter is an error unless the scenario declares a law change with a source",
          arguments: lawParameters.map(\.key))
    func whoDecides(_ key: String) throws {
        let p = Self.lawParameters.first { $0.key == key }!
        let overrides = "  \(key):\n    - {from: 2027, value: \(p.value), source: test}"
        let dir = try writeTemporaryFiles(["s.yaml": Self.scenario(overrides), "law.yaml": Self.scenario(overrides, lawChange: "Entwurf eines Gesetzes (test)"),
                                           "p.yaml": OneBaselineTests.projectionYAML])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let d = ScenarioCheck.check(file: dir + "/s.yaml").filter { $0.severity == .error }
        #expect(d.contains { $0.key == "overrides.\(key)" && $0.line == 10 && $0.message.contains("set by the \(p.setBy)") && $0.message.contains("law_change") }, "\(d)")
        #expect(throws: PruefstandError.self) { try ScenarioEngine.loadChecked(file: dir + "/s.yaml") }
        // Declared as a law change: allowed, and marked in the assumptions.
        let (engine, _) = try ScenarioEngine.loadChecked(file: dir + "/law.yaml")
        #expect(engine.scenario.lawChange == "Entwurf eines Gesetzes (test)")
        #expect(try engine.run().assumptions.contains { $0.key == key && $0.origin == "scenario (law change)" })
    }

    @Test("every shipped parameter says who sets it; a Hebesatz is set by the city, the Umlage by the Bund, the GFG by the Land")
    func shippedSetters() throws {
        let set = try Scenario.load(file: "\(repoRoot)/Datasets/musterstadt/scenarios/kombi.yaml").loadBaseline()
        #expect(set["gewerbesteuer.hebesatz"]?.setBy == .kommune)
        #expect(set["grundsteuer_b.hebesatz"]?.setBy == .kommune)
        #expect(set["gewerbesteuer.umlage_vervielfaeltiger"]?.setBy == .bund)
        #expect(set["einkommensteuer.anrechnungsfaktor_35"]?.setBy == .bund)
        #expect(set.keys.filter { $0.hasPrefix("gfg.") }.allSatisfy { set[$0]?.setBy == .land })
        #expect(set["gewerbesteuer.elastizitaet"]?.setBy == .annahme)
    }

    @Test("a parameter file without set_by, or with an unknown one, is refused with file and line", arguments: ["", "set_by: Stadtrat"])
    func setByRequired(_ line: String) throws {
        let dir = try writeTemporaryFiles(["a.yaml": """
            x.y:
              name: {de: X, en: X}
              unit: share
              reference_period: year
              \(line)
              values: [{from: 2020, value: 0, source: test}]
            """])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try ParameterFile.load(file: dir + "/a.yaml") } throws: { "\($0)".contains("set_by") && "\($0)".contains("a.yaml") }
    }
}
