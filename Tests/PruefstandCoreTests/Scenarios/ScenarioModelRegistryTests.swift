import Foundation
import Testing
@testable import PruefstandCore

/// The relief model registry (issue 18): one model per kind, in the kinds' order; the parameter keys the models
/// declare are the keys the parameter files ship and the docs list; the Monte Carlo keys have a range to draw over.
@Suite("Scenario model registry")
struct ScenarioModelRegistryTests {
    /// The shipped parameter files: the state's and the sample city's.
    static func shippedParameterFiles() throws -> [String] {
        try ["Parameters/nrw", "Datasets/musterstadt/scenarios/parameters"].flatMap { dir in
            try FileManager.default.contentsOfDirectory(atPath: "\(repoRoot)/\(dir)").filter { $0.hasSuffix(".yaml") }.sorted().map { "\(dir)/\($0)" }
        }
    }

    /// The top-level keys of a parameter file, read as text (not through the loader under test).
    static func topLevelKeys(_ path: String) throws -> Set<String> {
        let text = try String(contentsOfFile: "\(repoRoot)/\(path)", encoding: .utf8)
        return Set(text.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        })
    }

    @Test("every model kind has exactly one registered model, in the order of the kinds, with distinct names")
    func oneModelPerKind() {
        #expect(ScenarioModelRegistry.all.map { $0.kind } == ScenarioModelKind.allCases)
        for kind in ScenarioModelKind.allCases {
            #expect(ScenarioModelRegistry.model(kind).kind == kind)
            #expect(!kind.label(.de).isEmpty && !kind.label(.en).isEmpty)
        }
        #expect(Set(ScenarioModelKind.allCases.map { $0.label(.de) }).count == ScenarioModelKind.allCases.count)
        #expect(ScenarioModelKind.kita.label(.de) == "Kita-Elternbeiträge" && ScenarioModelKind.fees.label(.en) == "Fees")
    }

    @Test("the engine runs what the registry lists: a scenario of one model gives effects of that model only", arguments: ScenarioModelKind.allCases)
    func engineIteratesTheRegistry(_ kind: ScenarioModelKind) throws {
        var engine = try ScenarioEngine.load(file: "\(repoRoot)/Datasets/musterstadt/scenarios/kombi.yaml")
        engine.scenario.models = [kind]
        let result = try engine.run()
        #expect(Set(result.effects.map(\.model)).isSubset(of: [kind]))
        #expect(!result.effects.isEmpty, "Musterstadt has data for \(kind.rawValue)")
        let year = engine.scenario.years.lowerBound + 2
        #expect(try engine.explain(year: year, lang: .en).count == 1)
    }

    @Test("every parameter key a model declares is shipped in the parameter files or documented as optional; every shipped key is read by a model or is a fee rate of the city")
    func keysMatchTheParameterFiles() throws {
        var shipped = Set<String>()
        for f in try Self.shippedParameterFiles() { shipped.formUnion(try Self.topLevelKeys(f)) }
        let declared = Set(ScenarioModelRegistry.all.flatMap { $0.parameterKeys.map(\.key) })
        let docs = try String(contentsOfFile: "\(repoRoot)/docs/scenarios.md", encoding: .utf8)
        for key in declared.subtracting(shipped).sorted() {
            #expect(docs.contains("`\(key)`") && docs.contains("optional"), "\(key) is neither shipped nor documented")
        }
        let city = try CityData.load(file: "\(repoRoot)/Datasets/musterstadt/scenarios/stadt.yaml")
        let feeRates = Set(city.fees.flatMap { $0.items.map(\.rateParameter) })
        #expect(shipped.subtracting(declared).subtracting(feeRates).isEmpty, "read by no model: \(shipped.subtracting(declared).subtracting(feeRates).sorted())")
    }

    @Test("every Monte Carlo key belongs to its model's parameter keys and has a plausible range in the shipped files")
    func monteCarloKeysHaveRanges() throws {
        let engine = try ScenarioEngine.load(file: "\(repoRoot)/Datasets/musterstadt/scenarios/kombi.yaml")
        for model in ScenarioModelRegistry.all {
            for key in model.monteCarloKeys {
                #expect(model.parameterKeys.map(\.key).contains(key), "\(key)")
                #expect(engine.baseline[key]?.range != nil, "\(key) has no range to draw over")
            }
            #expect(try model.fastPath(engine).map { $0.drawnKeys } ?? [] == model.monteCarloKeys)
        }
        #expect(ScenarioMonteCarlo.supportedKeys == Set(["gewerbesteuer.basiswachstum", "gewerbesteuer.elastizitaet", "gewerbesteuer.hebesatz",
                                                         "grundsteuer_b.basiswachstum", "grundsteuer_b.hebesatz", "kita.belegung_wachstum"]))
    }

    @Test("docs/scenarios.md lists every registered model with its parameter and Monte Carlo keys")
    func docsListTheRegistry() throws {
        let docs = try String(contentsOfFile: "\(repoRoot)/docs/scenarios.md", encoding: .utf8)
        let rows = docs.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for model in ScenarioModelRegistry.all {
            let row = try #require(rows.first { $0.hasPrefix("| `\(model.kind.rawValue)`") }, "no row for \(model.kind.rawValue)")
            for key in model.parameterKeys.map(\.key) + model.monteCarloKeys { #expect(row.contains(key), "\(model.kind.rawValue): \(key)") }
        }
    }
}
