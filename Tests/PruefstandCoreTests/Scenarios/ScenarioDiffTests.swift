import Foundation
import Testing
@testable import PruefstandCore

/// `scenario diff` shows every difference that changes a result (issue 15): not only parameter values.
@Suite("scenario diff: every input and every result line")
struct ScenarioDiffTests {
    static let musterstadt = "\(repoRoot)/Datasets/musterstadt/scenarios"

    static func scenario(city: String, years: String = "{from: 2026, to: 2029}", models: String = "[gewerbesteuer, kita]",
                         source: String = "test") -> String {
        """
        name: s
        description: s
        baseline: ["{repo}/Parameters/nrw", "{repo}/Datasets/musterstadt/scenarios/parameters"]
        city: "\(city)"
        years: \(years)
        models: \(models)
        overrides:
          gewerbesteuer.hebesatz:
            - {from: 2027, value: 490, source: \(source)}
        """
    }

    /// Musterstadt's city data in a folder of its own, with one Messbetrag changed (or none), and its tables copied.
    static func cityCopy(_ dir: String, messbetragFrom: String, to: String) throws -> String {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for f in ["kita-beitragstabelle.yaml", "kita-belegung.yaml", "gebuehren.yaml"] {
            try FileManager.default.copyItem(atPath: "\(musterstadt)/\(f)", toPath: "\(dir)/\(f)")
        }
        let text = try String(contentsOfFile: "\(musterstadt)/stadt.yaml", encoding: .utf8)
        #expect(text.contains(messbetragFrom))
        try text.replacingOccurrences(of: messbetragFrom, with: to).write(toFile: "\(dir)/stadt.yaml", atomically: true, encoding: .utf8)
        return "\(dir)/stadt.yaml"
    }

    /// The Messbetrag total of a city file, summed here from its lines (the oracle for the summary).
    static func messbetragTotal(_ file: String) throws -> Int {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let section = text.components(separatedBy: "grundsteuer_b:")[0]
        return try NSRegularExpression(pattern: #"messbetrag: ([0-9]+)\}"#).matches(in: section, range: NSRange(section.startIndex..., in: section))
            .map { Int(section[Range($0.range(at: 1), in: section)!])! }.reduce(0, +)
    }

    @Test("two scenarios that differ only in city data: the city row and every changed result line, no parameter row")
    func cityDataOnly() throws {
        let dir = try writeTemporaryFiles([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let other = try Self.cityCopy(dir + "/c", messbetragFrom: "businesses: 1900, messbetrag: 600000}", to: "businesses: 1900, messbetrag: 700000}")
        let files = try writeTemporaryFiles(["a.yaml": Self.scenario(city: "\(Self.musterstadt)/stadt.yaml"), "b.yaml": Self.scenario(city: other)])
        defer { try? FileManager.default.removeItem(atPath: files) }
        let a = try ScenarioEngine.load(file: files + "/a.yaml"), b = try ScenarioEngine.load(file: files + "/b.yaml")
        #expect(ScenarioDiff.diff(a, b).isEmpty)
        let rows = ScenarioDiff.inputs(a, b)
        #expect(rows.map(\.what) == ["city.gewerbesteuer"], "\(rows)")
        let totalA = try Self.messbetragTotal("\(Self.musterstadt)/stadt.yaml"), totalB = try Self.messbetragTotal(other)
        #expect(totalB == totalA + 100_000)
        #expect(rows.first?.a.hasPrefix("Messbetrag \(totalA).00 EUR") == true && rows.first?.b.hasPrefix("Messbetrag \(totalB).00 EUR") == true, "\(rows)")
        // Every Gewerbesteuer year changes its baseline revenue (a larger base); the Kita lines do not change.
        let results = try ScenarioDiff.resultTable(a, b)
        #expect(results.rows.count == 4)
        #expect(results.rows.allSatisfy { $0[0] == .text("gewerbesteuer") && $0[2] != $0[3] })
        // The same data in another folder (a copy of the tables) is no difference.
        let same = try Self.cityCopy(dir + "/same", messbetragFrom: "name: Musterstadt", to: "name: Musterstadt")
        try Self.scenario(city: same).replacingOccurrences(of: "{repo}", with: repoRoot).write(toFile: dir + "/c.yaml", atomically: true, encoding: .utf8)
        let c = try ScenarioEngine.load(file: dir + "/c.yaml")
        #expect(ScenarioDiff.inputs(a, c).isEmpty)
        #expect(try ScenarioDiff.resultTable(a, c).rows.isEmpty)
    }

    @Test("years, models and a source alone are differences", arguments: ["years", "models", "source"])
    func otherInputs(_ what: String) throws {
        let city = "\(Self.musterstadt)/stadt.yaml"
        let b: String
        switch what {
        case "years": b = Self.scenario(city: city, years: "{from: 2026, to: 2030}")
        case "models": b = Self.scenario(city: city, models: "[gewerbesteuer]")
        default: b = Self.scenario(city: city, source: "another council decision")
        }
        let files = try writeTemporaryFiles(["a.yaml": Self.scenario(city: city), "b.yaml": b])
        defer { try? FileManager.default.removeItem(atPath: files) }
        let ea = try ScenarioEngine.load(file: files + "/a.yaml"), eb = try ScenarioEngine.load(file: files + "/b.yaml")
        switch what {
        case "years":
            #expect(ScenarioDiff.inputs(ea, eb).contains(.init(what: "years", a: "2026–2029", b: "2026–2030")))
            #expect(try ScenarioDiff.resultTable(ea, eb).rows.contains { $0[1] == .integer(2030) })
        case "models":
            #expect(ScenarioDiff.inputs(ea, eb).contains(.init(what: "models", a: "gewerbesteuer, kita", b: "gewerbesteuer")))
        default:
            let rows = ScenarioDiff.diff(ea, eb)
            #expect(rows.contains { $0.key == "gewerbesteuer.hebesatz" && $0.a == 490 && $0.b == 490 && $0.sourceB == "another council decision" })
        }
    }
}

extension ScenarioDiffTests {
    @Test("the Schlüsselzuweisungen flag, the plan accounts and calibrate are differences too",
          arguments: ["schluesselzuweisungen", "plan_accounts", "calibrate"])
    func issue15Inputs(_ what: String) throws {
        let dir = try writeTemporaryFiles([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var cityB = "\(Self.musterstadt)/stadt.yaml", scenarioB = Self.scenario(city: cityB)
        switch what {
        case "schluesselzuweisungen": cityB = try Self.cityCopy(dir + "/c", messbetragFrom: "kreisfrei: true", to: "kreisfrei: true\nschluesselzuweisungen: false")
        case "plan_accounts": cityB = try Self.cityCopy(dir + "/c", messbetragFrom: "kita: [\"432600\"]", to: "kita: [\"4326\"]")
        default: scenarioB = Self.scenario(city: cityB).replacingOccurrences(of: "years:", with: "calibrate: plan\nyears:")
        }
        if what != "calibrate" { scenarioB = Self.scenario(city: cityB) }
        let files = try writeTemporaryFiles(["a.yaml": Self.scenario(city: "\(Self.musterstadt)/stadt.yaml"), "b.yaml": scenarioB])
        defer { try? FileManager.default.removeItem(atPath: files) }
        let rows = ScenarioDiff.inputs(try ScenarioEngine.load(file: files + "/a.yaml"), try ScenarioEngine.load(file: files + "/b.yaml"))
        #expect(rows.map(\.what) == [what == "calibrate" ? "calibrate" : "city.\(what)"], "\(rows)")
    }
}
