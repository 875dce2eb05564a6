import Foundation
import Testing
@testable import PruefstandCore

/// Hostile projection files (issue 18): the projection file is read by the one reader (`YAMLLoader` +
/// `StrictYAML` + `ParameterFile`), its parameters declared in `Resources/defaults/projection.yaml`. Every class is
/// refused with the file, the line (where a line exists) and what is wrong. The lines are counted by hand in
/// the texts below: the head is lines 1-2, a case's body starts on line 3.
@Suite("Hostile projection files", .timeLimit(.minutes(2)))
struct ProjectionFileHostileTests {
    typealias Case = HostileFileCase

    static let head = "name: {de: P, en: P}\nreference_period: \"2026\"\n"
    static let growth = "{values: [{from: 2000, value: 0.02, source: abc}]}"
    static let measure = "{id: M1, description: x, yearly_saving_euros: 1000, kind: expense, status: planned, probability: 0.5, start_year: 2027, source: abc"
    static let rates = "  interest_rates: {values: [{from: 2000, value: 0.02, source: abc}]}\n"

    static let cases: [Case] = [
        Case(name: "an anchor", body: "default_growth_rate: &g \(growth)\n", line: 3, says: "anchors"),
        Case(name: "an alias", body: "default_growth_rate: \(growth)\ngrowth_rates: {\"50\": *g}\n", line: 4, says: "aliases"),
        Case(name: "a key given twice", body: "default_growth_rate: \(growth)\ndefault_growth_rate: \(growth)\n", line: 4, says: "given twice"),
        Case(name: "an account group given twice", body: "growth_rates:\n  \"50\": \(growth)\n  \"50\": \(growth)\n", line: 5, says: "given twice"),
        Case(name: "an unknown key", body: "defaul_growth_rate: \(growth)\n", line: 3, says: "unknown key 'defaul_growth_rate'"),
        Case(name: "an unknown key in a measure", body: "measures:\n  - \(measure), owner: x}\n", line: 4, says: "unknown key 'owner'"),
        Case(name: "an unknown key in a dated value", body: "default_growth_rate:\n  values:\n    - {from: 2000, value: 0.02, sorce: abc}\n", line: 5, says: "unknown key 'sorce'"),
        Case(name: "an unknown key in the debt section", body: "debt:\n  liquidity_loans: \(growth.replacingOccurrences(of: "0.02", with: "1"))\n\(rates)  penalty_rate: \(growth)\n", line: 6, says: "unknown key 'penalty_rate'"),
        Case(name: "a growth rate of 5.0 (500 %)", body: "default_growth_rate:\n  values:\n    - {from: 2000, value: 5.0, source: abc}\n", line: 5, says: "outside the plausible range [-0.5, 1]"),
        Case(name: "a group's growth rate out of range", body: "growth_rates:\n  \"50\":\n    values:\n      - {from: 2000, value: -0.9, source: abc}\n", line: 6, says: "outside the plausible range [-0.5, 1]"),
        Case(name: "a negative liquidity-loan stock", body: "debt:\n  liquidity_loans:\n    values:\n      - {from: 2000, value: -1, source: abc}\n\(rates)", line: 6, says: "outside the plausible range [0, 1000000000000]"),
        Case(name: "an interest rate of 60 %", body: "debt:\n  liquidity_loans: {values: [{from: 2000, value: 1, source: abc}]}\n  interest_rates:\n    values:\n      - {from: 2000, value: 0.6, source: abc}\n", line: 7, says: "outside the plausible range [0, 0.5]"),
        Case(name: "a stock in cents", body: "equity:\n  allgemeine_ruecklage:\n    values:\n      - {from: 2000, value: 100.5, source: abc}\n", line: 6, says: "expected a whole number"),
        Case(name: "a date that is not ISO", body: "default_growth_rate:\n  values:\n    - from: 01.01.2026\n      value: 0.02\n      source: abc\n", line: 5, says: "is not a year"),
        Case(name: "overlapping dated values", body: "default_growth_rate:\n  values:\n    - {from: 2000, until: 2027, value: 0.02, source: abc}\n    - {from: 2026, value: 0.03, source: abc}\n", line: 6, says: "overlaps"),
        Case(name: "a missing source", body: "default_growth_rate:\n  values:\n    - {from: 2000, value: 0.02}\n", line: 5, says: "required key 'source' is missing"),
        Case(name: "a unit other than the declared one", body: "default_growth_rate:\n  unit: percent\n  values: [{from: 2000, value: 2, source: abc}]\n", line: 4, says: "the unit of 'default_growth_rate' is share"),
        Case(name: "the flat form of a rate (before issue 18)", body: "default_growth_rate: {value: \"0.02\", unit: per year, source: abc}\n", line: 3, says: "a projection parameter is dated now"),
        Case(name: "the growth_rates list (before issue 18)", body: "growth_rates:\n  - {group: \"50\", rate: \"0.028\", description: x, source: abc}\n", line: 4, says: "a projection parameter is dated now"),
        Case(name: "a stock in euros (before issue 18)", body: "equity:\n  ausgleichsruecklage_euros: {value: 0, source: abc}\n", line: 4, says: "a projection parameter is dated now"),
        Case(name: "from_year interest rates (before issue 18)", body: "debt:\n  liquidity_loans: \(growth)\n  interest_rates:\n    - {from_year: 2025, rate: \"0.025\", source: abc}\n", line: 6, says: "a projection parameter is dated now"),
        Case(name: "an account group of class 6", body: "growth_rates:\n  \"60\": \(growth)\n", line: 4, says: "'60' is not an account group of class 4 or 5"),
        Case(name: "two old-debt reliefs", body: "debt:\n  liquidity_loans: {values: [{from: 2000, value: 1, source: abc}]}\n\(rates)  relief_amount:\n    values:\n      - {from: 2027, value: 5, source: abc}\n      - {from: 2028, value: 5, source: abc}\n", line: 9, says: "takes effect once"),
        Case(name: "a measure's probability of 1.5", body: "measures:\n  - \(measure.replacingOccurrences(of: "0.5", with: "1.5"))}\n", line: 4, says: "a probability is a share between 0 and 1"),
        Case(name: "a measure given twice", body: "measures:\n  - \(measure)}\n  - \(measure)}\n", line: 5, says: "measure M1 given twice"),
        Case(name: "a 1 MB line (one value)", body: "default_growth_rate: {values: [{from: 2000, value: 0.02, source: \"" + String(repeating: "x", count: 1_000_000) + "\"}]}\n", line: 3, says: "a value longer than 65536 bytes"),
        Case(name: "a huge file (5 MiB of comments)", body: String(repeating: "# " + String(repeating: "y", count: 1_000) + "\n", count: 5_300), line: nil, says: "file larger than 4 MiB"),
    ]

    @Test("a hostile projection file is refused with file, line and what is wrong", arguments: cases)
    func hostile(_ c: Case) throws {
        let path = try TestSupport.tempDir("projection-hostile").appendingPathComponent("projection.yaml").path
        try Data((Self.head + c.body).utf8).write(to: URL(fileURLWithPath: path))
        #expect { try ProjectionScenario.load(path: path) } throws: { error in
            guard case let PruefstandError.config(p, line, _, message) = error else { return false }
            return p == path && line == c.line && "\(error)".contains(c.says) && "\(error)".contains(path)
                && !message.en.contains("\n") && !message.de.contains("\n")
        }
    }

    @Test("the hostile bodies are refused for what they are: the same file with a clean body loads")
    func cleanBodyLoads() throws {
        let s = try ProjectionScenario.parse(yaml: Self.head + "default_growth_rate: \(Self.growth)\nmeasures:\n  - \(Self.measure)}\n", path: "p.yaml")
        #expect(s.defaultGrowthRate == Decimal(string: "0.02")!)
        #expect(s.measures.map(\.probability) == [Decimal(string: "0.5")!])
    }
}
