import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

/// One formula per rule (issue 18): each registered model's Monte Carlo fast path (`ScenarioFastPath`, `Double`s)
/// against the same model's exact formula (`ScenarioModel.evaluate`, cents) at random draws over the whole
/// plausible range of every key it draws (the `range` of the parameter files), and at the ranges' corners.
///
/// Tolerance: the exact models round to the cent at each step (each rounding is off by at most ½ cent); the fast
/// paths do not round. A rounded amount that is later multiplied by a factor f (a Hebesatz / 100, a fictive rate,
/// the Umlage's V / h) moves the result by at most ½ cent × f. So the bound per year is ½ cent × Σ over the exact
/// path's roundings of the largest factor applied after it (`roundingBound`), plus the `Double`'s own error,
/// relative 1e-12 of the revenues the net effect is the difference of (about a hundred operations at 2⁻⁵³ each).
/// For Musterstadt that is about 6 EUR a year for the Gewerbesteuer (12 classes, three years through the GFG, rates
/// up to 900 %), 0.62 EUR for the Grundsteuer B (rates up to 3000 %), 2 cents for the Kita fees — far below any
/// formula error (a missing GFG delay or Umlage moves the net effect by tens of thousands of euros).
@Suite("Monte Carlo fast paths against the exact models (property)")
struct MonteCarloPropertyTests {
    static let kombi = "\(repoRoot)/Datasets/musterstadt/scenarios/kombi.yaml"
    /// The registered models that have a fast path.
    static let kinds: [ScenarioModelKind] = ScenarioModelRegistry.all.filter { !$0.monteCarloKeys.isEmpty }.map { $0.kind }

    /// The most the exact model's cent roundings can move one year's net effect (see the suite's comment).
    static func roundingBound(_ kind: ScenarioModelKind, _ engine: ScenarioEngine) throws -> Double {
        let p = engine.parameters, years = engine.scenario.years
        func maxValue(_ key: some ParameterKey) throws -> Double {
            try years.map { try p.value(key, $0).scenarioDouble }.max() ?? 0
        }
        switch kind {
        case .gewerbesteuer:
            // Per class and year: the baseline and scenario Messbetrag (× the rate into the revenue, × (f − V) into
            // the Steuerkraft, × V / h into the Umlage) and the two revenues (× 1 and × V / h); the GFG reaches back
            // two years; then the Umlage (2), the Steuerkraft changes (3) and the weighted GFG terms (3).
            let h = max(try #require(engine.baseline[GewerbesteuerKey.hebesatz]?.range).upperBound.scenarioDouble, try maxValue(GewerbesteuerKey.hebesatz)) / 100
            let f = try maxValue(GFGKey.fiktiverHebesatzGewerbesteuer(kreisfrei: engine.city.kreisfrei)) / 100
            let classes = Double(engine.city.gewerbesteuer.classes.count)
            return 0.005 * (3 * classes * (2 * (h + f + 1) + 2 * 2) + 8)
        case .grundsteuer:
            // Four Messbeträge (residential and non-residential, baseline and scenario) × the rate, four revenues × 1.
            let h = max(try #require(engine.baseline[GrundsteuerBKey.hebesatz]?.range).upperBound.scenarioDouble, try maxValue(GrundsteuerBKey.hebesatz)) / 100
            return 0.005 * (4 * h + 4)
        case .kita:
            // The fee revenue and the compensation, baseline and scenario, each rounded once after the growth.
            return 0.005 * 4
        case .fees:
            return 0
        }
    }

    /// The exact parameters of a draw: a lever (a key the scenario overrides) takes the value from its first
    /// override year; any other key is an assumption that moves the scenario against the central baseline (as the
    /// fast paths do).
    static func drawn(_ engine: ScenarioEngine, _ values: [(String, Decimal)]) throws -> ParameterSet {
        var p = engine.parameters
        for (key, v) in values {
            if let first = engine.scenario.overrides[key]?.map(\.validFrom).min() {
                p = try p.overriding(key, with: [DatedValue(validFrom: first, value: v, source: "draw")])
            } else {
                p = try p.fixing(key, at: v, source: "draw")
            }
        }
        return p
    }

    /// Compares one model's fast path with its exact formula at one draw; returns the failures.
    static func compare(_ kind: ScenarioModelKind, _ engine: ScenarioEngine, _ values: [(String, Decimal)]) throws -> [String] {
        let model = ScenarioModelRegistry.model(kind)
        let path = try #require(try model.fastPath(engine))
        let p = try drawn(engine, values)
        let exact = try model.evaluate(ScenarioModelInput(city: engine.city, baseline: engine.baseline, parameters: p, scenario: engine.scenario))
        let given = Dictionary(uniqueKeysWithValues: values.map { ($0.0, $0.1.scenarioDouble) })
        let drawnValues = path.drawnKeys.map { given[$0] ?? .nan }
        let years = engine.scenario.years
        var sk = [Double](repeating: 0, count: max(path.scratchCount, 1)), out = [Double](repeating: 0, count: years.count)
        drawnValues.withUnsafeBufferPointer { dp in
            sk.withUnsafeMutableBufferPointer { skp in
                out.withUnsafeMutableBufferPointer { op in path.add(drawn: dp.baseAddress!, scratch: skp.baseAddress!, out: op.baseAddress!) }
            }
        }
        let bound = try roundingBound(kind, engine)
        var failures: [String] = []
        for (i, y) in years.enumerated() {
            let effects = exact.effects.filter { $0.year == y }
            let e = effects.map { $0.net.decimalEuros.scenarioDouble }.reduce(0, +)
            let size = effects.map { abs($0.baselineRevenue.decimalEuros.scenarioDouble) + abs($0.scenarioRevenue.decimalEuros.scenarioDouble) }.reduce(0, +)
            if !(abs(e - out[i]) <= bound + 1e-12 * size) {
                failures.append("\(kind.rawValue) \(y): exact \(e), fast \(out[i]) (bound \(bound)) at \(values)")
            }
        }
        return failures
    }

    @Test("every registered model's fast path equals its exact formula at random draws over the whole ranges (kombi, Musterstadt)",
          arguments: kinds)
    func fastPathMatchesExact(_ kind: ScenarioModelKind) async throws {
        let engine = try ScenarioEngine.load(file: Self.kombi)
        let keys = ScenarioModelRegistry.model(kind).monteCarloKeys
        let ranges = try keys.map { key -> ClosedRange<Decimal> in try #require(engine.baseline[key]?.range, "\(key) has no range") }
        // A draw: per key a point of its range in 10,000 steps (exact decimals, so both paths see the same value).
        await propertyCheck(count: 60, input: Gen.int(in: 0...10_000).array(of: keys.count)) { steps in
            let values = zip(ranges, steps).map { r, s in r.lowerBound + (r.upperBound - r.lowerBound) * Decimal(s) / 10_000 }
            let failures = try Self.compare(kind, engine, Array(zip(keys, values)))
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
        // The corners of the ranges (every key at its lower or upper bound), and the central values (nothing drawn).
        for corner in 0..<(1 << keys.count) {
            let values = ranges.enumerated().map { i, r in corner & (1 << i) == 0 ? r.lowerBound : r.upperBound }
            #expect(try Self.compare(kind, engine, Array(zip(keys, values))) == [])
        }
        #expect(try Self.compare(kind, engine, []) == [])
    }

    @Test("the tolerance is tight enough to catch a formula error: the Gewerbesteuer without its GFG equalisation fails it")
    func toleranceCatchesAnError() throws {
        let engine = try ScenarioEngine.load(file: Self.kombi)
        let p = try Self.drawn(engine, [(GewerbesteuerKey.elastizitaet.key, -1)])
        let r = try GewerbesteuerModel.evaluate(ScenarioModelInput(city: engine.city, baseline: engine.baseline, parameters: p, scenario: engine.scenario))
        let largest = r.effects.map { abs($0.equalisationChange.decimalEuros.scenarioDouble) }.max() ?? 0
        #expect(largest > 100 * (try Self.roundingBound(.gewerbesteuer, engine)))
    }

    @Test("the kernel (all fast paths plus the fees' exact effect) equals the engine at random values of all drawn keys at once (kombi)")
    func kernelMatchesExactAtRandomDraws() async throws {
        let engine = try ScenarioEngine.load(file: Self.kombi)
        let kernel = try ScenarioMonteCarlo.kernel(engine)
        let keys = ScenarioMonteCarlo.supportedKeys.sorted()
        let ranges = try keys.map { key -> ClosedRange<Decimal> in try #require(engine.baseline[key]?.range, "\(key) has no range") }
        let bound = try Self.kinds.map { try Self.roundingBound($0, engine) }.reduce(0, +)
        await propertyCheck(count: 30, input: Gen.int(in: 0...10_000).array(of: keys.count)) { steps in
            let values = zip(ranges, steps).map { r, s in r.lowerBound + (r.upperBound - r.lowerBound) * Decimal(s) / 10_000 }
            let exact = try engine.evaluate(baseline: engine.baseline, parameters: try Self.drawn(engine, Array(zip(keys, values)))).netByYear
            let out = kernel.net(Dictionary(uniqueKeysWithValues: zip(keys, values.map { $0.scenarioDouble })))
            for (i, y) in engine.scenario.years.enumerated() {
                let e = exact[y]!.decimalEuros.scenarioDouble
                #expect(abs(e - out[i]) <= bound + 1e-9 * abs(e), "\(y): exact \(e), kernel \(out[i]) at \(values)")
            }
        }
    }

    @Test("the Grundsteuer fast path with differentiated rates on separate bases matches the exact model at random draws")
    func differentiatedGrundsteuer() async throws {
        let dir = try writeTemporaryFiles([
            "s.yaml": """
                name: split
                description: t
                baseline: ["{repo}/Parameters/nrw", local]
                city: city.yaml
                years: {from: 2026, to: 2030}
                models: [grundsteuer]
                overrides:
                  grundsteuer_b.hebesatz: [{from: 2027, value: 1014, source: test}]
                  grundsteuer_b.hebesatz_nichtwohnen: [{from: 2027, value: 1521, source: test}]
                """,
            "local/p.yaml": """
                grundsteuer_b.hebesatz: {name: H, unit: percent, reference_period: y, set_by: Kommune, range: [0, 3000], values: [{from: 2025, value: 1139, source: test}]}
                grundsteuer_b.hebesatz_nichtwohnen: {name: N, unit: percent, reference_period: y, set_by: Kommune, range: [0, 3000], values: [{from: 2025, value: 1139, source: test}]}
                grundsteuer_b.basiswachstum: {name: G, unit: share, reference_period: y, set_by: Annahme, range: [-0.1, 0.1], values: [{from: 2020, value: 0.01, source: test}]}
                """,
            "city.yaml": """
                name: T
                kreisfrei: true
                source: t
                gewerbesteuer: {year: 2025, source: t, classes: []}
                grundsteuer_b: {year: 2025, source: t, messbetrag_wohnen: 4445000, messbetrag_nichtwohnen: 1455000}
                """])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let engine = try ScenarioEngine.load(file: dir + "/s.yaml")
        await propertyCheck(count: 40, input: Gen.int(in: 0...10_000), Gen.int(in: 0...10_000)) { gStep, hStep in
            let g = Decimal(-1000 + gStep * 2) / 10_000, h = Decimal(hStep * 3) / 10   // growth −0.1…0.1, Hebesatz 0…3000
            let failures = try Self.compare(.grundsteuer, engine, [(GrundsteuerBKey.basiswachstum.key, g), (GrundsteuerBKey.hebesatz.key, h)])
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }
}
