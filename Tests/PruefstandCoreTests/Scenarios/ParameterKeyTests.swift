import Foundation
import Testing
@testable import PruefstandCore

/// Typed scenario parameter keys (`ParameterKey`, issue 18): the enums name exactly the keys the parameter files
/// write, each model's keys are shipped with the unit the model expects, and a misspelled key in a scenario file
/// is still refused with its file and line.
@Suite("typed parameter keys")
struct ParameterKeyTests {
    /// Every typed key enum.
    static let keyTypes: [any ParameterKey.Type] = [GewerbesteuerKey.self, GrundsteuerBKey.self, KitaKey.self, GFGKey.self, FederalTaxKey.self]

    static func keys<K: ParameterKey>(_ type: K.Type) -> [any ParameterKey] { type.allCases.map { $0 } }
    static var allKeys: [any ParameterKey] { keyTypes.flatMap { keys($0) } }

    /// The keys as the parameter files and docs/scenarios.md spell them, written out by hand (not from the enums).
    static let fileKeys: Set<String> = [
        "gewerbesteuer.messzahl", "gewerbesteuer.freibetrag", "gewerbesteuer.freibetrag_nr2", "gewerbesteuer.abrundung",
        "gewerbesteuer.mindesthebesatz", "gewerbesteuer.umlage_vervielfaeltiger", "gewerbesteuer.hebesatz",
        "gewerbesteuer.basiswachstum", "gewerbesteuer.elastizitaet",
        "grundsteuer_b.hebesatz", "grundsteuer_b.hebesatz_nichtwohnen", "grundsteuer_b.basiswachstum",
        "kita.befreiungsgrenze", "kita.beitragssenkung", "kita.geschwisterermaessigung", "kita.belegung_wachstum",
        "kita.landesausgleich_anteil_kindpauschalen", "kita.befreit_sgb8_anteil",
        "gfg.fiktiver_hebesatz_gewerbesteuer_kreisfrei", "gfg.fiktiver_hebesatz_gewerbesteuer_kreisangehoerig",
        "gfg.fiktiver_hebesatz_grundsteuer_b_kreisfrei", "gfg.fiktiver_hebesatz_grundsteuer_b_kreisangehoerig",
        "gfg.ausgleichsquote", "gfg.anteil_vorjahr",
        "einkommensteuer.anrechnungsfaktor_35", "koerperschaftsteuer.satz", "solidaritaetszuschlag.satz",
    ]

    /// The declared unit of each top-level key of a parameter file, read as text (not through the loader): the
    /// first `  unit:` line below the key.
    static func declaredUnits(_ path: String) throws -> [String: (unit: String, line: Int)] {
        let lines = try String(contentsOfFile: "\(repoRoot)/\(path)", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String: (unit: String, line: Int)] = [:], current: String?
        for (i, line) in lines.enumerated() {
            if let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") { current = String(line[..<colon]); continue }
            let t = line.trimmingCharacters(in: .whitespaces)
            if let key = current, line.hasPrefix("  unit:") {
                out[key] = (String(t.dropFirst("unit:".count)).trimmingCharacters(in: .whitespaces), i + 1)
                current = nil
            }
        }
        return out
    }

    @Test("the typed keys are exactly the keys the parameter files write, each named once, each in its enum's namespace")
    func keysAreTheFileKeys() {
        let keys = Self.allKeys.map(\.key)
        #expect(Set(keys) == Self.fileKeys)
        #expect(keys.count == Set(keys).count, "a key named twice")
        for type in Self.keyTypes where !type.namespace.isEmpty {
            for k in Self.keys(type) { #expect(k.key.hasPrefix(type.namespace + ".") && !k.rawValue.contains("."), "\(k.key)") }
        }
    }

    @Test("every typed key is read by a registered model, and each model's keys come from the enums")
    func everyKeyIsRead() {
        let read = ScenarioModelRegistry.all.flatMap { $0.parameterKeys.map(\.key) }
        #expect(Set(read) == Self.fileKeys)
        #expect(Set(KitaModel.parameterKeys.map(\.key)) == Set(Self.fileKeys.filter { $0.hasPrefix("kita.") }))
        #expect(Set(GrundsteuerModel.parameterKeys.map(\.key)).isSuperset(of: Self.fileKeys.filter { $0.hasPrefix("grundsteuer_b.") }))
        #expect(Set(GewerbesteuerModel.parameterKeys.map(\.key)).isSuperset(of: Self.fileKeys.filter { $0.hasPrefix("gewerbesteuer.") }))
    }

    /// Each model's keys with the unit the model expects, as the arguments of the shipped-unit test.
    static let modelKeys: [(model: String, key: String, unit: String, required: Bool)] = ScenarioModelRegistry.all.flatMap { m in
        m.parameterKeys.map { (m.kind.rawValue, $0.key, $0.unit.rawValue, $0.isRequired) }
    }

    @Test("every key a model reads is in the shipped baseline (Parameters/nrw, the sample city's scenario parameters) with the unit the model expects",
          arguments: modelKeys)
    func shippedWithTheExpectedUnit(_ c: (model: String, key: String, unit: String, required: Bool)) throws {
        var declared: [String: (unit: String, line: Int)] = [:]
        for f in try ScenarioModelRegistryTests.shippedParameterFiles() { declared.merge(try Self.declaredUnits(f)) { a, _ in a } }
        guard let d = declared[c.key] else {
            #expect(!c.required, "\(c.model) reads \(c.key), which no shipped parameter file declares")
            return
        }
        #expect(d.unit == c.unit, "\(c.model) reads \(c.key) in \(c.unit); the shipped file declares \(d.unit) (line \(d.line))")
    }

    @Test("the oracle reads units: the shipped Hebesatz is in percent and the Kita exemption threshold in EUR")
    func oracleReadsUnits() throws {
        #expect(try Self.declaredUnits("Datasets/musterstadt/scenarios/parameters/musterstadt.yaml")["gewerbesteuer.hebesatz"]?.unit == "percent")
        #expect(try Self.declaredUnits("Datasets/musterstadt/scenarios/parameters/musterstadt.yaml")["kita.befreiungsgrenze"]?.unit == "EUR")
        #expect(try Self.declaredUnits("Parameters/nrw/gfg.yaml")["gfg.ausgleichsquote"]?.unit == "share")
    }

    /// Misspellings of keys the models read: a letter dropped, doubled or swapped, a wrong separator.
    static let misspelled = ["gewerbesteuer.hebesaz", "gewerbesteuer.hebesatzz", "grundsteuer_b.hebestaz", "grundsteuer-b.hebesatz",
                             "kita.beitragsenkung", "kita.befreiungsgrenz", "gfg.ausgleichsqoute", "Gewerbesteuer.hebesatz"]

    @Test("a misspelled key in a scenario file is refused with file and line, by scenario check and by every command that loads it",
          arguments: misspelled)
    func misspelledKeyRefused(_ key: String) throws {
        #expect(!Self.fileKeys.contains(key))
        let dir = try writeTemporaryFiles(["s.yaml": TestSupport.scenarioOverriding(key)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/s.yaml"
        let errors = ScenarioCheck.check(file: file).filter { $0.severity == .error }
        #expect(errors.contains { $0.file == file && $0.line == 7 && ($0.key ?? "").hasSuffix(key) }, "\(errors)")
        #expect {
            try ScenarioEngine.load(file: file)
        } throws: { error in
            guard case let PruefstandError.config(path, line, k, _) = error else { return false }
            return path == file && (line == 7 || line == 8) && (k ?? "").hasSuffix(key)
        }
    }

    /// Keys of the sample city's parameter file written in a unit the model does not read them in.
    static let wrongUnits: [(key: String, unit: String, expected: String)] = [
        ("gewerbesteuer.hebesatz", "share", "percent"), ("kita.befreiungsgrenze", "EUR/month", "EUR"), ("grundsteuer_b.basiswachstum", "percent", "share"),
    ]

    @Test("a baseline that writes a key a model reads in another unit is refused with the file and line of the key",
          arguments: wrongUnits.map(\.key))
    func wrongUnitRefused(_ key: String) throws {
        let c = Self.wrongUnits.first { $0.key == key }!
        var lines = try String(contentsOfFile: "\(repoRoot)/Datasets/musterstadt/scenarios/parameters/musterstadt.yaml", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let keyLine = try #require(lines.firstIndex(of: "\(key):"))
        let unitLine = try #require(lines[keyLine...].firstIndex { $0.hasPrefix("  unit:") })
        #expect(lines[unitLine] == "  unit: \(c.expected)")
        lines[unitLine] = "  unit: \(c.unit)"
        let scenario = TestSupport.scenarioOverriding("gewerbesteuer.hebesatz").replacingOccurrences(of: "{repo}/Datasets/musterstadt/scenarios/parameters", with: "p")
        let dir = try writeTemporaryFiles(["p/musterstadt.yaml": lines.joined(separator: "\n"), "s.yaml": scenario])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/s.yaml", params = dir + "/p/musterstadt.yaml"
        let errors = ScenarioCheck.check(file: file).filter { $0.severity == .error }
        #expect(errors.contains { $0.file.hasSuffix(params) && $0.line == keyLine + 1 && $0.key == key && $0.message.contains("reads \(key) in \(c.expected)") },
                "\(errors)")
        #expect {
            try ScenarioEngine.load(file: file)
        } throws: { error in
            guard case let PruefstandError.config(path, line, k, message) = error else { return false }
            return path.hasSuffix(params) && line == keyLine + 1 && k == key && message.en.hasPrefix("unit \(c.unit), but")
        }
    }
}
