import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

/// One formula per rule (issue 18): the Monte Carlo kernel (the fast path on `Double`s) against the exact models at
/// random draws over the whole plausible range of every supported key, not only at the central values.
@Suite("Monte Carlo kernel against the exact models (property)")
struct MonteCarloPropertyTests {
    /// Each supported key with its plausible range from the parameter files (the whole range is drawn).
    static let keys: [String] = ScenarioMonteCarlo.supportedKeys.sorted()

    @Test("at random values of all six keys at once, the kernel's net effect per year is the exact model's (kombi, Musterstadt)")
    func kernelMatchesExactAtRandomDraws() async throws {
        let engine = try ScenarioEngine.load(file: "\(repoRoot)/Datasets/musterstadt/scenarios/kombi.yaml")
        let kernel = try ScenarioMonteCarlo.kernel(engine)
        let ranges = try Self.keys.map { key -> ClosedRange<Decimal> in try #require(engine.baseline[key]?.range, "\(key) has no range") }
        // A draw: per key a point of its range in 10,000 steps (exact decimals, so both paths see the same value).
        await propertyCheck(count: 60, input: Gen.int(in: 0...10_000).array(of: Self.keys.count)) { steps in
            let values = zip(ranges, steps).map { r, s in r.lowerBound + (r.upperBound - r.lowerBound) * Decimal(s) / 10_000 }
            // Exact: a lever (a key the scenario overrides) takes the value from its first override year; any other key
            // is an assumption that moves the scenario against the central baseline (as the kernel does).
            var p = engine.parameters
            for (key, v) in zip(Self.keys, values) {
                if let first = engine.scenario.overrides[key]?.map(\.validFrom).min() {
                    p = try p.overriding(key, with: [DatedValue(validFrom: first, value: v, source: "draw")])
                } else {
                    p = try p.fixing(key, at: v, source: "draw")
                }
            }
            let exact = try engine.evaluate(baseline: engine.baseline, parameters: p).netByYear
            let d = Dictionary(uniqueKeysWithValues: zip(Self.keys, values.map { $0.scenarioDouble }))
            typealias K = ParameterKey
            var sk = [Double](repeating: 0, count: max(kernel.m, 1)), out = [Double](repeating: 0, count: kernel.n)
            sk.withUnsafeMutableBufferPointer { skp in
                out.withUnsafeMutableBufferPointer { op in
                    kernel.net(g: d[K.gewstWachstum]!, eps: d[K.gewstElastizitaet]!, hs: d[K.gewstHebesatz]!, gg: d[K.grundstWachstum]!,
                               ghs: d[K.grundstHebesatz]!, kg: d[K.kitaWachstum]!, sk: skp.baseAddress!, out: op.baseAddress!)
                }
            }
            for (i, y) in engine.scenario.years.enumerated() {
                let e = exact[y]!.decimalEuros.scenarioDouble
                // The exact models round per class and step to the cent; the kernel does not.
                #expect(abs(e - out[i]) <= max(2.0, 1e-9 * abs(e)), "\(y): exact \(e), kernel \(out[i]) at \(values)")
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
        let kernel = try ScenarioMonteCarlo.kernel(engine)
        await propertyCheck(count: 40, input: Gen.int(in: 0...10_000), Gen.int(in: 0...10_000)) { gStep, hStep in
            let g = Decimal(-1000 + gStep * 2) / 10_000, h = Decimal(hStep * 3) / 10   // growth −0.1…0.1, Hebesatz 0…3000
            let p = try engine.parameters.fixing(ParameterKey.grundstWachstum, at: g, source: "draw")
                .overriding(ParameterKey.grundstHebesatz, with: [DatedValue(validFrom: 2027, value: h, source: "draw")])
            let exact = try engine.evaluate(baseline: engine.baseline, parameters: p).netByYear
            var sk = [Double](repeating: 0, count: 1), out = [Double](repeating: 0, count: kernel.n)
            sk.withUnsafeMutableBufferPointer { skp in
                out.withUnsafeMutableBufferPointer { op in
                    kernel.net(g: .nan, eps: .nan, hs: .nan, gg: g.scenarioDouble, ghs: h.scenarioDouble, kg: .nan, sk: skp.baseAddress!, out: op.baseAddress!)
                }
            }
            for (i, y) in engine.scenario.years.enumerated() {
                let e = exact[y]!.decimalEuros.scenarioDouble
                #expect(abs(e - out[i]) <= max(2.0, 1e-9 * abs(e)), "\(y): exact \(e), kernel \(out[i]) at g \(g), h \(h)")
            }
        }
    }
}
