import Foundation
import Testing
@testable import PruefstandCore

/// Issue 15, the rest: the model base calibrated to the plan, the Umlage and GFG levels, every Kita parameter
/// read by a formula, a business's Grundsteuer after deductibility.
@Suite("calibration to the plan, levels, Kita parameters, Grundsteuer net burden")
struct CalibrationAndLevelsTests {
    static let musterstadt = "\(repoRoot)/Datasets/musterstadt"

    /// A scenario file with absolute paths to Musterstadt's data, `calibrate: plan` on.
    static func calibratedScenario() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("s.yaml").path
        try """
            name: gewst-calibrated
            description: Gewerbesteuer 520 → 490 % from 2027, base from the plan
            baseline: ["\(repoRoot)/Parameters/nrw", "\(musterstadt)/scenarios/parameters"]
            city: "\(musterstadt)/scenarios/stadt.yaml"
            calibrate: plan
            replaces_measures: [HSK-03]
            years: {from: 2026, to: 2028}
            models: [gewerbesteuer]
            overrides:
              gewerbesteuer.hebesatz: [{from: 2027, value: 490, source: test}]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("calibrate: the Gewerbesteuer base is derived from the plan: the model meets the plan in the plan year, effects scale",
          arguments: [Int64(150_000_000), 170_000_000])
    func calibration(planEuros: Int64) throws {
        let store = try ControllingFixture.store(postings: [], plan: [(2026, "16.01.01", "401300", planEuros * 100), (2026, "16.01.01", "501100", 1_00)])
        let engine = try ScenarioEngine.load(file: try Self.calibratedScenario())
        #expect(engine.scenario.calibrateToPlan)
        let (calibrated, lines) = try BaselineCalibration.calibrate(engine, store: store, planYear: 2026)
        // Oracle by hand: Musterstadt's Messbeträge sum to 30,000,000 (2024), growth 2 % a year → × 1.0404 in 2026,
        // × 520 % → 162,302,400.00 EUR from the city data; the factor is plan ÷ that.
        let line = try #require(lines.first)
        #expect(lines.count == 1 && line.model == .gewerbesteuer && line.cityRevenue == Money(euros: 162_302_400))
        let factor = Double(planEuros) / 162_302_400
        #expect(abs(line.factor.scenarioDouble - factor) < 1e-11)
        let before = try engine.run(), after = try calibrated.run()
        let rev = after.effects.first { $0.year == 2026 }!.baselineRevenue
        // 12 classes, each Messbetrag rounded to the cent once: the revenue meets the plan within 1 EUR.
        #expect(abs(rev.cents - planEuros * 100) <= 100)
        for (b, a) in zip(before.effects, after.effects) where b.year >= 2027 {
            #expect(abs(Double(a.gross.cents) - Double(b.gross.cents) * factor) <= 200)
        }
        // The reconciliation now says the base was calibrated and is within the tolerance.
        let rec = try BaselineReconciliation.run(calibrated, result: after, store: store, planYear: 2026)
        #expect(rec.count == 1 && !rec[0].exceedsTolerance && rec[0].calibrated && rec[0].text(.en).contains("base calibrated to the plan"))
    }

    @Test("the main job calibrates a 'calibrate: plan' scenario and says so in the log and on the assumptions sheet")
    func mainJobCalibration() throws {
        let store = try ControllingFixture.store(postings: [], plan: [(2026, "16.01.01", "401300", 150_000_000_00), (2026, "16.01.01", "501100", 140_000_000_00),
                                                                  (2026, "61.01.01", "411100", 50_000_000_00)])
        let settings = RunSettings(planYear: 2026, projectionScenario: "\(Self.musterstadt)/controlling/projection.yaml",
                                   scenarioFiles: [try Self.calibratedScenario()], language: .en)
        var log: [String] = []
        let r = try ReportAssembly.analyse(store: store, settings: settings) { log.append($0) }
        #expect(r.calibration.map(\.model) == [.gewerbesteuer])
        #expect(log.contains { $0.hasPrefix("Model base Gewerbesteuer: calibrated to the plan 2026") })
        #expect(log.contains { $0.hasPrefix("Baseline reconciliation Gewerbesteuer 2026") && $0.contains("within the tolerance") && $0.contains("base calibrated") })
        let b = try ReportAssembly.build(store: store, settings: settings, results: r, started: Date())
        let notes = b.tables.first { $0.key == "scenario_assumptions" }?.notes ?? []
        #expect(notes.contains { $0.hasPrefix("Model base Gewerbesteuer: calibrated to the plan 2026") })
        // The levels: the Schlüsselzuweisungen from their plan account 411100 (50 M), unchanged in 2026 (the cut starts 2027).
        #expect(notes.contains { $0.hasPrefix("gewst-calibrated 2026: Gewerbesteuerumlage") && $0.hasSuffix("Schlüsselzuweisungen EUR 50,000,000.00 → EUR 50,000,000.00") })
    }

    @Test("without calibration the reconciliation says the city data were used")
    func notCalibrated() throws {
        let store = try ControllingFixture.store(postings: [], plan: [(2026, "16.01.01", "401300", 150_000_000_00)])
        let engine = try ScenarioEngine.load(file: "\(Self.musterstadt)/scenarios/gewst-490-ab-2027.yaml")
        let rec = try BaselineReconciliation.run(engine, result: try engine.run(), store: store, planYear: 2026)
        #expect(rec.first?.text(.en).contains("base: city data, not calibrated") == true)
    }

    @Test("calibration without plan accounts or without a plan is an error naming the city file")
    func calibrationErrors() throws {
        let store = try ControllingFixture.store(postings: [], plan: [(2026, "16.01.01", "501100", 1_00)])
        let engine = try ScenarioEngine.load(file: try Self.calibratedScenario())
        #expect { try BaselineCalibration.calibrate(engine, store: store, planYear: 2026) } throws: { "\($0)".contains("stadt.yaml") && "\($0)".contains("cannot calibrate") }
        var noAccounts = engine
        noAccounts.city.planAccounts = nil
        #expect { try BaselineCalibration.calibrate(noAccounts, store: store, planYear: 2026) } throws: { "\($0)".contains("plan_accounts") }
    }

    @Test("the Umlage and the GFG tax power are printed as levels: Musterstadt 2026 by hand")
    func levels() throws {
        let engine = try ScenarioEngine.load(file: "\(Self.musterstadt)/scenarios/gewst-490-ab-2027.yaml")
        let result = try engine.run()
        let e = try #require(result.effects.first { $0.model == .gewerbesteuer && $0.year == 2026 })
        // Messbetrag 2026 = 30,000,000 × 1.02² = 31,212,000; Umlage = M × 35 % = 10,924,200;
        // Steuerkraft = M × (fictive 435 − 35) / 100 = 124,848,000 (no change in 2026: the cut starts 2027).
        #expect(e.umlageBaseline == Money(euros: 10_924_200) && e.umlageScenario == Money(euros: 10_924_200))
        #expect(e.steuerkraftBaseline == Money(euros: 124_848_000))
        let t = ScenarioTables.levels(result)
        #expect(t.rows.count == result.effects.count)
        #expect(ScenarioTables.levelNotes(result, lang: .en).first?.contains("EUR 10,924,200.00 → EUR 10,924,200.00") == true)
        let explain = try engine.explain(year: 2027, lang: .en).map { $0.render(.en, number: "1") }.joined()
        #expect(explain.contains("levy baseline") && explain.contains("tax power from the trade tax 2027 baseline"))
    }

    @Test("every Kita parameter in force is read by a formula: changing it changes the Kita result")
    func kitaParametersUsed() throws {
        let engine = try ScenarioEngine.load(file: "\(Self.musterstadt)/scenarios/kita-minus-20.yaml")
        let keys = engine.baseline.keys.filter { $0.hasPrefix("kita.") }
        #expect(keys.count >= 6)
        // The effects, and the state compensation's level (its change cancels when both sides move alike).
        func kita(_ b: ParameterSet, _ p: ParameterSet) throws -> [String] {
            try engine.evaluate(baseline: b, parameters: p).effects.filter { $0.model == .kita }.map { "\($0)" }
                + engine.scenario.years.map { y in
                    let d = try KitaModel.detail(city: engine.city, baseline: b, scenario: p, levers: engine.scenario.kitaLevers, year: y)
                    return "\(d.compB) \(d.compS)"
                }
        }
        let central = try kita(engine.baseline, engine.parameters)
        for key in keys {
            let entry = engine.baseline[key]!
            let current = try engine.baseline.value(key, engine.scenario.years.lowerBound)
            let range = entry.range ?? 0...1
            let other = current == range.upperBound ? range.lowerBound : (current + range.upperBound) / 2
            let (b, p) = try engine.withAssumption(key, other, source: "test")
            #expect(try kita(b, p) != central, "\(key) is listed but no formula reads it")
        }
    }

    @Test("a business's Grundsteuer after deductibility: GmbH, Messbetrag 900 at 1,139 % by hand")
    func businessNetBurden() throws {
        let engine = try ScenarioEngine.load(file: "\(Self.musterstadt)/scenarios/kombi.yaml")
        let t = try #require(try engine.run().typicalCases.first { $0.model == .grundsteuer && $0.year == 2026 && $0.name.contains("GmbH") })
        // 900 × 11.39 = 10,251.00; KSt 15 % × 1.055 (Soli) = 1,622.22; Gewerbesteuer 3.5 % × 520 % = 1,865.68;
        // net 10,251.00 − 1,622.22 − 1,865.68 = 6,763.10.
        #expect(t.baselineBurden == Money(cents: 10_251_00) && t.baselineNetBurden == Money(cents: 6_763_10))
    }
}

/// Hostile inputs of the issue-15 additions: city data for split Grundsteuer bases and business cases, the
/// `calibrate` key, marked values.
@Suite("issue 15 additions: hostile inputs and marked values")
struct Issue15HostileTests {
    @Test("every value marked uncertain in the shipped files is a warning of check (kombi, 2026–2035)")
    func uncertainWarned() throws {
        // Oracle: the keys above each `uncertain:` line, read line by line from the files (not through the parser).
        var marked = Set<String>()
        for file in ["\(repoRoot)/Parameters/nrw/gewerbesteuer.yaml", "\(repoRoot)/Parameters/nrw/gfg.yaml", "\(repoRoot)/Parameters/nrw/kita.yaml",
                     "\(repoRoot)/Datasets/musterstadt/scenarios/parameters/musterstadt.yaml"] {
            var key = ""
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
                if let c = line.first, c != " ", c != "#", line.hasSuffix(":") { key = String(line.dropLast()) }
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("uncertain:") { marked.insert(key) }
            }
        }
        #expect(marked.count >= 9)
        let warned = Set(ScenarioCheck.check(file: "\(repoRoot)/Datasets/musterstadt/scenarios/kombi.yaml")
            .filter { $0.severity == .warning && $0.message.hasPrefix("uncertain value") }.compactMap(\.key))
        #expect(marked.subtracting(warned).isEmpty, "marked but not warned: \(marked.subtracting(warned).sorted())")
    }

    @Test("hostile Grundsteuer city data are refused with file, line and what to do", arguments: [
        ("{year: 2025, source: t, messbetrag: 1, messbetrag_wohnen: 1, messbetrag_nichtwohnen: 1}", "either messbetrag"),
        ("{year: 2025, source: t, messbetrag_wohnen: 1}", "either messbetrag"),
        ("{year: 2025, source: t}", "either messbetrag"),
        ("{year: 2025, source: t, messbetrag_wohnen: -1, messbetrag_nichtwohnen: 1}", "cannot be negative"),
        ("{year: 2025, source: t, messbetrag: 1, typical_cases: [{name: a, kind: owner, messbetrag: 1, legal_form: kapitalgesellschaft}]}", "only a business"),
        ("{year: 2025, source: t, messbetrag: 1, typical_cases: [{name: a, kind: business, messbetrag: 1, legal_form: einzelunternehmen}]}", "needs income_tax_rate"),
        ("{year: 2025, source: t, messbetrag: 1, typical_cases: [{name: a, kind: business, messbetrag: 1, legal_form: einzelunternehmen, income_tax_rate: 4.2, income_tax_rate_source: x}]}", "between 0 and 1"),
        ("{year: 2025, source: t, messbetrag: 1, typical_cases: [{name: a, kind: business, messbetrag: 1, legal_form: kapitalgesellschaft, income_tax_rate: 0.3}]}", "Körperschaftsteuer"),
        ("{year: 2025, source: t, messbetrag: 1, typical_cases: [{name: a, kind: business, messbetrag: 1, legal_form: gmbh}]}", "unknown legal form"),
        ("{year: 2025, source: t, messbetrag: 99999999999999999999999}", "64-bit cents"),
    ])
    func grundsteuerCityData(_ yaml: String, _ message: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gst-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("stadt.yaml").path
        try "name: t\nkreisfrei: true\nsource: t\ngewerbesteuer: {year: 2025, source: t, classes: []}\ngrundsteuer_b: \(yaml)\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        // As `ScenarioEngine.load` does: an amount beyond the 64-bit range of cents is an error naming the file.
        #expect { try AmountCheck.run("\(file): ein Betrag der Stadtdaten") { try CityData.load(file: file) } } throws: { e in
            "\(e)".contains(message) && "\(e)".contains("stadt.yaml")
        }
    }

    @Test("calibrate takes 'plan' or 'none'; anything else is refused with file and line", arguments: ["yes", "[plan]", "Plan"])
    func calibrateKey(_ value: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("s.yaml").path
        try "name: t\ndescription: t\nbaseline: [\(repoRoot)/Parameters/nrw]\ncity: c.yaml\ncalibrate: \(value)\nyears: {from: 2026, to: 2026}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try Scenario.load(file: file) } throws: { e in "\(e)".contains("s.yaml:5") && "\(e)".contains("calibrate") }
    }
}
