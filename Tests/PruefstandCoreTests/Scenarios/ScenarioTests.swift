import Foundation
import Testing
import PropertyBased
@testable import PruefstandCore

let musterstadt = repoRoot + "/Datasets/musterstadt/scenarios"

/// A hand-made projection for tests: fixed baseline results plus the effects, no interest.
struct FlatProjection: BudgetProjecting {
    var base: [Int: Money]
    func annualResults(with effects: [BudgetEffect]) throws -> [Int: Money] {
        var r = base
        for e in effects { r[e.fiscalYear, default: .zero] += e.resultChange }
        return r
    }
}

@Suite("Scenario parameters and engine")
struct ScenarioTests {
    /// GETTSIM-style completeness: every shipped parameter has a source for every value and covers
    /// every supported year.
    @Test("every shipped parameter file is complete", arguments: [repoRoot + "/Parameters/nrw", musterstadt + "/parameters"])
    func completeness(_ dir: String) throws {
        let set = try ParameterFile.load(directory: dir)
        #expect(!set.keys.isEmpty)
        for key in set.keys {
            let e = set[key]!
            #expect(!e.nameDE.isEmpty && !e.nameEN.isEmpty, "\(key)")
            for v in e.values { #expect(v.source.count >= 3, "\(key) from \(v.validFrom) has no source") }
            for y in ParameterSet.supportedYears { #expect(e.dated(in: y) != nil, "\(key) has no value for \(y)") }
            if let r = e.range { for v in e.values { #expect(r.contains(v.value), "\(key)") } }
        }
    }

    @Test("the shipped Gewerbesteuer values are the statutory ones")
    func statutoryValues() throws {
        let p = try ParameterFile.load(directory: repoRoot + "/Parameters/nrw")
        #expect(try p.value("gewerbesteuer.messzahl", 2027) == Decimal(string: "3.5")!)
        #expect(try p.value("gewerbesteuer.freibetrag", 2027) == 24_500)
        #expect(try p.value("gewerbesteuer.freibetrag_nr2", 2027) == 5_000)   // § 11 Abs. 1 Satz 3 Nr. 2 GewStG
        #expect(try p.dated("einkommensteuer.anrechnungsfaktor_35", 2027).source.contains("Zweites Corona-Steuerhilfegesetz") )
        // The resolved parameters give an association its 5,000 EUR (not 0) and no § 35 credit.
        var all = p
        try all.merge(ParameterFile.load(directory: repoRoot + "/Datasets/musterstadt/scenarios/parameters"))
        let verein = GewerbesteuerModel.assess(gewerbeertrag: Money(euros: 20_049), legalForm: .verein,
                                               parameters: try GewerbesteuerParameters(all, year: 2027, kreisfrei: true))
        #expect(verein.freibetragUsed == Money(euros: 5_000) && verein.messbetrag == Money(euros: 525) && verein.credit == .zero)
        #expect(try p.value("gewerbesteuer.abrundung", 2027) == 100)
        #expect(try p.value("gewerbesteuer.mindesthebesatz", 2027) == 200)
        #expect(try p.value("gewerbesteuer.umlage_vervielfaeltiger", 2027) == 35)
        #expect(try p.value("einkommensteuer.anrechnungsfaktor_35", 2019) == Decimal(string: "3.8")!)
        #expect(try p.value("einkommensteuer.anrechnungsfaktor_35", 2027) == 4)
    }

    @Test("a parameter file with an unknown key fails with file, key and line")
    func unknownParameterKey() throws {
        let dir = try writeTemporaryFiles(["p/a.yaml": """
            gewerbesteuer.hebesatz:
              name: {de: H, en: H}
              unit: percent
              reference_period: year
              set_by: Kommune
              colour: red
              values: [{from: 2020, value: 500, source: test}]
            """])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            try ParameterFile.load(directory: dir + "/p")
        } throws: { error in
            guard case let PruefstandError.config(path, line, key, _) = error else { return false }
            return path.hasSuffix("a.yaml") && line == 6 && key == "gewerbesteuer.hebesatz.colour"
        }
    }

    @Test("every Musterstadt example scenario passes check")
    func examplesPassCheck() throws {
        for name in ["gewst-490-ab-2027", "kita-minus-20", "kita-befreiung-50000", "kombi"] {
            let errors = ScenarioCheck.check(file: "\(musterstadt)/\(name).yaml").filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
    }

    @Test("check warns when the Kita exemption threshold lies inside an income bracket")
    func thresholdInsideBracket() throws {
        let dir = try writeTemporaryFiles(["s.yaml": """
            name: t
            description: t
            baseline: ["{repo}/Parameters/nrw", "{repo}/Datasets/musterstadt/scenarios/parameters"]
            city: "{repo}/Datasets/musterstadt/scenarios/stadt.yaml"
            years: {from: 2026, to: 2027}
            models: [kita]
            overrides:
              kita.befreiungsgrenze: [{from: 2027, value: 40000, source: test}]
            """])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let d = ScenarioCheck.check(file: dir + "/s.yaml")
        #expect(!d.contains { $0.severity == .error }, "\(d)")
        #expect(d.contains { $0.severity == .warning && $0.key == "kita.befreiungsgrenze" && $0.line == 8 && $0.message.contains("inside a bracket") })
    }

    @Test("Musterstadt's tax bases have the magnitudes of Hagen")
    func magnitudes() throws {
        let e = try ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml")
        #expect(e.city.gewerbesteuer.total == Money(euros: 30_000_000))
        // 2024 Messbetrag 30 M × 520 % = 156 M (within Hagen's 150–157 M).
        let rev2024 = e.city.gewerbesteuer.total.multiplied(by: Decimal(string: "5.2")!)
        #expect(rev2024 >= Money(euros: 150_000_000) && rev2024 <= Money(euros: 157_000_000))
        // Grundsteuer B 2025: 5.9 M × 1,139 % = 67,201,000 (within 65–70 M).
        #expect(e.city.grundsteuerB.messbetrag.multiplied(by: Decimal(string: "11.39")!) == Money(euros: 67_201_000))
        #expect((6_000...7_000).contains(e.city.kita!.enrollment.totalChildren))
    }

    @Test("budget effects add up to the net effect per year")
    func budgetEffects() throws {
        let e = try ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml")
        let r = try e.run()
        var byYear: [Int: Money] = [:]
        for b in r.budgetEffects { byYear[b.fiscalYear, default: .zero] += b.resultChange }
        for (y, net) in r.netByYear where net != .zero { #expect(byYear[y] == net, "\(y)") }
        #expect(r.budgetEffects.allSatisfy { $0.source == "scenario:kombi" })
    }

    @Test("explain shows every parameter with its source")
    func explainHasSources() throws {
        let e = try ScenarioEngine.load(file: "\(musterstadt)/gewst-490-ab-2027.yaml")
        let text = try e.explain(year: 2028, model: .gewerbesteuer, lang: .en).map { $0.render(.en) }.joined()
        #expect(text.contains("§ 6 Abs. 3 GemFinRefG"))
        #expect(text.contains("gewerbesteuer.hebesatz (Trade tax multiplier) = 490 %, valid from 2027"))
        #expect(text.contains("fictive rate"))
        let net = try e.run().netByYear[2028]!
        #expect(text.contains("net effect for the city = \(net.plainString) EUR"))
    }

    @Test("the report tables carry every assumption with value, unit, valid-from and source")
    func reportTables() throws {
        let e = try ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml")
        let r = try e.run()
        let tables = e.reportTables(r, tornado: try ScenarioSensitivity.tornado(e))
        #expect(tables.map(\.key) == ["scenario_effects", "scenario_relief", "scenario_typical_cases", "scenario_assumptions", "scenario_tornado"])
        let assumptions = tables[3]
        #expect(assumptions.rows.contains { $0[0] == .text("gewerbesteuer.hebesatz") && $0[2] == .decimal(505) && $0[6] == .text("Szenario") })   // German table: the origin in German (issue 16)
        let english = e.reportTables(r, lang: .en)[3]
        #expect(english.rows.contains { $0[0] == .text("gewerbesteuer.hebesatz") && $0[6] == .text("scenario") })
        #expect(assumptions.rows.allSatisfy { if case let .text(s) = $0[5] { return s.count >= 3 } else { return false } })
    }

    @Test("diff lists the differing assumptions")
    func diff() throws {
        let a = try ScenarioEngine.load(file: "\(musterstadt)/gewst-490-ab-2027.yaml")
        let b = try ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml")
        let rows = ScenarioDiff.diff(a, b)
        #expect(rows.contains { $0.key == "gewerbesteuer.hebesatz" && $0.year == 2027 && $0.toYear == 2027 && $0.a == 490 && $0.b == 520 })
        #expect(rows.contains { $0.key == "gewerbesteuer.hebesatz" && $0.year == 2028 && $0.toYear == 2035 && $0.a == 490 && $0.b == 505 })
        #expect(!rows.contains { $0.key == "gewerbesteuer.messzahl" })
    }

    @Test("solve finds the lowest Hebesatz that keeps every year from the target balanced")
    func solve() throws {
        let e = try ScenarioEngine.load(file: "\(musterstadt)/gewst-490-ab-2027.yaml")
        // Hand-made baseline: 6 M EUR surplus every year from 2029; deficits before.
        var base: [Int: Money] = [:]
        for y in 2026...2035 { base[y] = y < 2029 ? Money(euros: -50_000_000) : Money(euros: 6_000_000) }
        let projection = FlatProjection(base: base)
        let s = try ScenarioSolver.solve(e, lever: "gewerbesteuer.hebesatz", balancedFrom: 2029, projection: projection)
        let v = try #require(s.value)
        #expect(v < 520 && v >= 200)
        func ok(_ h: Decimal) throws -> Bool {
            let p = try e.parameters.overriding("gewerbesteuer.hebesatz", with: [DatedValue(validFrom: 2027, value: h, source: "t")])
            let r = try projection.annualResults(with: try e.evaluate(baseline: e.baseline, parameters: p).budgetEffects)
            return r.filter { $0.key >= 2029 }.allSatisfy { $0.value >= .zero }
        }
        #expect(try ok(v))
        #expect(try !ok(v - 1))
        // The path gives each year from the target at least the uniform relief and stays balanced.
        #expect(!s.path.isEmpty)
        for (y, pv) in s.path { #expect(pv <= v, "\(y)"); if y < 2029 { #expect(pv == v) } }
        #expect(s.pathResults.filter { $0.key >= 2029 }.allSatisfy { $0.value >= .zero })
    }

    @Test("the Monte Carlo kernel reproduces the exact model at the central values")
    func kernelMatchesExact() throws {
        for name in ["gewst-490-ab-2027", "kita-minus-20", "kombi"] {
            let e = try ScenarioEngine.load(file: "\(musterstadt)/\(name).yaml")
            let exact = try e.run().netByYear
            let kernel = try ScenarioMonteCarlo.centralNet(e)
            for (i, y) in e.scenario.years.enumerated() {
                // Exact model rounds per taxpayer class and step; the kernel does not: a few cents apart.
                #expect(abs(exact[y]!.decimalEuros.scenarioDouble - kernel[i]) < 1.0, "\(name) \(y)")
            }
        }
    }

    @Test("Monte Carlo is reproducible: same seed, byte-identical CSV; another seed differs")
    func reproducible() throws {
        let e = try ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml")
        let projection = try SimpleBudgetProjection.load(file: "\(musterstadt)/haushalt-basis.yaml")
        func csv(_ seed: UInt64) throws -> String {
            ScenarioText.csv(ScenarioTables.monteCarlo(try ScenarioMonteCarlo.run(e, projection: projection, draws: 2_000, seed: seed), scenario: "kombi"))
        }
        let a = try csv(1), b = try csv(1), c = try csv(2)
        #expect(a == b)
        #expect(a != c)
        let s = try ScenarioMonteCarlo.run(e, projection: projection, draws: 2_000, seed: 1)
        for i in s.years.indices { #expect(s.p10[i] <= s.p50[i] && s.p50[i] <= s.p90[i]) }
    }

    @Test("the plain run is reproducible to the byte")
    func runReproducible() throws {
        let a = ScenarioText.csv(ScenarioTables.effects(try ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml").run()))
        let b = ScenarioText.csv(ScenarioTables.effects(try ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml").run()))
        #expect(a == b)
    }

    @Test("SimpleBudgetProjection adds effects and interest on the cumulated change")
    func simpleProjection() throws {
        let p = SimpleBudgetProjection(baseResults: [2026: Money(euros: 0), 2027: Money(euros: 0)], interestRate: Decimal(string: "0.05")!)
        let r = try p.annualResults(with: [BudgetEffect(source: "t", description: "t", fiscalYear: 2026, revenueChange: Money(euros: -1_000))])
        // 2026: −1,000; 2027: 5 % interest on the cumulated −1,000 = −50 (by hand).
        #expect(r[2026] == Money(euros: -1_000))
        #expect(r[2027] == Money(euros: -50))
        #expect(ScenarioSolver.balanceYear([2026: Money(euros: -1), 2027: .zero, 2028: Money(euros: 5)]) == 2027)
        #expect(ScenarioSolver.balanceYear([2026: Money(euros: 1), 2027: Money(euros: -1)]) == nil)
    }
}

@Suite("Scenario properties")
struct ScenarioPropertyTests {
    static let engine: ScenarioEngine = try! ScenarioEngine.load(file: "\(musterstadt)/kombi.yaml")
    static let gewst: ScenarioEngine = try! ScenarioEngine.load(file: "\(musterstadt)/gewst-490-ab-2027.yaml")

    /// The baseline's own value as override: no change, so no effect in any model and year.
    @Test("zero change gives zero effect")
    func zeroChange() async throws {
        let e = Self.engine
        await propertyCheck(count: 12, input: Gen.int(in: 2026...2035), Gen.int(in: 0...2)) { year, model in
            let key = ["gewerbesteuer.hebesatz", "grundsteuer_b.hebesatz", "kita.beitragssenkung"][model]
            let baseValue = try! e.baseline.value(key, year)
            let p = try! e.baseline.overriding(key, with: [DatedValue(validFrom: year, value: baseValue, source: "t")])
            var s = e.scenario
            s.kitaLevers = .init()
            let eng = try! ScenarioEngine(scenario: Scenario(name: "zero", description: "zero", file: s.file, baselineDirectories: s.baselineDirectories,
                                                             cityFile: s.cityFile, projectionFile: nil, solve: nil, lawChange: nil, years: s.years, models: s.models, overrides: [:],
                                                             overrideLines: [:], kitaLevers: .init(), distributions: nil, sensitivity: []),
                                          city: e.city, baseline: e.baseline)
            let r = try! eng.evaluate(baseline: e.baseline, parameters: p)
            #expect(r.effects.allSatisfy { $0.net == .zero && $0.gross == .zero })
            #expect(r.budgetEffects.isEmpty)
        }
    }

    /// A deeper cut never relieves less: the net effect is monotone in the Hebesatz.
    @Test("relief is monotone in the rate cut")
    func monotone() async throws {
        let e = Self.gewst
        await propertyCheck(count: 15, input: Gen.int(in: 200...519), Gen.int(in: 200...519)) { a, b in
            let lo = min(a, b), hi = max(a, b)
            func net(_ h: Int) -> Money {
                let p = try! e.baseline.overriding("gewerbesteuer.hebesatz", with: [DatedValue(validFrom: 2027, value: Decimal(h), source: "t")])
                return try! e.evaluate(baseline: e.baseline, parameters: p).netByYear.values.sum()
            }
            let nLo = net(lo), nHi = net(hi)
            #expect(nLo <= nHi, "cut to \(lo) % must cost at least as much as a cut to \(hi) %")
            #expect(nHi <= .zero)
        }
    }

    @Test("Kita relief is monotone in the percentage cut")
    func kitaMonotone() async throws {
        let e = Self.engine
        await propertyCheck(count: 12, input: Gen.int(in: 0...100), Gen.int(in: 0...100)) { a, b in
            func gross(_ pct: Int) -> Money {
                let p = try! e.baseline.overriding("kita.beitragssenkung", with: [DatedValue(validFrom: 2027, value: Decimal(pct) / 100, source: "t")])
                return try! e.evaluate(baseline: e.baseline, parameters: p).effects.filter { $0.model == .kita }.map(\.gross).sum()
            }
            #expect(gross(max(a, b)) <= gross(min(a, b)))
        }
    }
}
