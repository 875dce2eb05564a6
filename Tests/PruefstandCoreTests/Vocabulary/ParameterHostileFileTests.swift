import Foundation
import Testing
@testable import PruefstandCore

/// Hostile parameter files (issue 18): every class is refused by the one reader (`YAMLLoader` + `StrictYAML` +
/// `ParameterFile`) with the file, the line (where a line exists) and the key path, whichever reader asks for
/// the file: the review rules (a city's override of declared parameters) and a scenario parameter folder (a
/// declaration). The expected lines are counted by hand in the texts below.
@Suite("Hostile parameter files", .timeLimit(.minutes(2)))
struct ParameterHostileFileTests {
    /// A case's body is the parameter's entry, indented under its key (6 spaces in the rules file).
    typealias Case = HostileFileCase

    static let head = "checks:\n  refill:\n    parameters:\n"   // lines 1-3; the parameter starts on line 4

    static let cases: [Case] = [
        Case(name: "an anchor", body: head + "      horizon_months: &h {values: [{from: 2000, value: 6, source: abc}]}\n", line: 4, says: "anchors"),
        Case(name: "an alias", body: head + "      horizon_months: {values: [{from: 2000, value: 6, source: abc}]}\n      refilled_lookback_months: *h\n", line: 5, says: "aliases"),
        Case(name: "a key given twice", body: head + "      horizon_months: {values: [{from: 2000, value: 6, source: abc}]}\n      horizon_months: {values: [{from: 2000, value: 7, source: abc}]}\n", line: 5, says: "given twice"),
        Case(name: "an undeclared parameter", body: head + "      horizon_month: {values: [{from: 2000, value: 6, source: abc}]}\n", line: 4, says: "unknown parameter 'horizon_month'"),
        Case(name: "an unknown key in a dated value", body: head + "      horizon_months:\n        values:\n          - from: 2000\n            value: 6\n            sorce: abc\n", line: 8, says: "unknown key 'sorce'"),
        Case(name: "a value outside the declared range", body: head + "      horizon_months:\n        values:\n          - from: 2000\n            value: 601\n            source: abc\n", line: 7, says: "outside the plausible range [1, 600]"),
        Case(name: "a date that is not ISO", body: head + "      horizon_months:\n        values:\n          - from: 01.01.2026\n            value: 6\n            source: abc\n", line: 6, says: "is not a year"),
        Case(name: "overlapping dated values", body: head + "      horizon_months:\n        values:\n          - {from: 2000, until: 2027, value: 6, source: abc}\n          - {from: 2026, value: 7, source: abc}\n", line: 7, says: "overlaps"),
        Case(name: "two values from one year", body: head + "      horizon_months:\n        values:\n          - {from: 2026, value: 6, source: abc}\n          - {from: 2026-01-01, value: 7, source: abc}\n", line: 7, says: "two values from 2026"),
        Case(name: "the flat form of the files before issue 18", body: head + "      horizon_months:\n        value: 24\n        source: abc\n", line: 5, says: "values: [{from: 2000"),
        Case(name: "a unit other than the declared one", body: head + "      horizon_months:\n        unit: days\n        values: [{from: 2000, value: 6, source: abc}]\n", line: 5, says: "the unit of 'horizon_months' is months"),
        Case(name: "a 1 MB line (one value)", body: head + "      horizon_months: {values: [{from: 2000, value: 6, source: \"" + String(repeating: "x", count: 1_000_000) + "\"}]}\n", line: 4, says: "a value longer than 65536 bytes"),
        Case(name: "a huge file (5 MiB of comments)", body: head + String(repeating: "# " + String(repeating: "y", count: 1_000) + "\n", count: 5_300), line: nil, says: "file larger than 4 MiB"),
    ]

    static func temp(_ name: String, _ text: String) throws -> String {
        let path = try TestSupport.tempDir("param-hostile").appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a hostile review rules file is refused with file, line and what is wrong", arguments: cases)
    func rules(_ c: Case) throws {
        let path = try Self.temp("review.yaml", c.body)
        #expect { try ReviewRules.load(path: path) } throws: { error in
            guard case let PruefstandError.config(p, line, _, message) = error else { return false }
            return p == path && line == c.line && "\(error)".contains(c.says) && "\(error)".contains(path) && !message.en.isEmpty
        }
    }

    /// A declaration (a scenario parameter file) with its head on lines 1-6; its values start on line 7.
    static let decl = "musterstadt.horizont:\n  name: {de: Horizont, en: Horizon}\n  unit: months\n  reference_period: Jahr\n  set_by: Kommune\n  range: [1, 600]\n"

    static let declarationCases: [Case] = [
        Case(name: "an anchor", body: decl + "  values: &v [{from: 2000, value: 6, source: abc}]\n", line: 7, says: "anchors"),
        Case(name: "an alias", body: decl + "  values: [{from: 2000, value: 6, source: abc}]\nmusterstadt.b: *v\n", line: 8, says: "aliases"),
        Case(name: "a key given twice", body: decl + "  values: [{from: 2000, value: 6, source: abc}]\n  unit: months\n", line: 8, says: "given twice"),
        Case(name: "an unknown key", body: decl + "  valus: [{from: 2000, value: 6, source: abc}]\n", line: 7, says: "unknown key 'valus'"),
        Case(name: "a value outside the range", body: decl + "  values:\n    - from: 2000\n      value: 601\n      source: abc\n", line: 9, says: "outside the plausible range"),
        Case(name: "a date that is not ISO", body: decl + "  values:\n    - from: 2026/01/01\n      value: 6\n      source: abc\n", line: 8, says: "is not a year"),
        Case(name: "overlapping dated values", body: decl + "  values:\n    - {from: 2000, until: 2027, value: 6, source: abc}\n    - {from: 2026, value: 7, source: abc}\n", line: 9, says: "overlaps"),
        Case(name: "the flat form", body: "musterstadt.horizont: 24\n", line: 1, says: "a parameter is dated now"),
        Case(name: "a 1 MB line", body: decl + "  values: [{from: 2000, value: 6, source: \"" + String(repeating: "x", count: 1_000_000) + "\"}]\n", line: 7, says: "a value longer than"),
        Case(name: "a huge file", body: decl + String(repeating: "# " + String(repeating: "y", count: 1_000) + "\n", count: 5_300), line: nil, says: "file larger than"),
    ]

    @Test("a hostile scenario parameter file (a declaration) is refused with file, line and what is wrong", arguments: declarationCases)
    func declaration(_ c: Case) throws {
        let path = try Self.temp("p.yaml", c.body)
        #expect { try ParameterFile.load(file: path) } throws: { error in
            guard case let PruefstandError.config(p, line, _, _) = error else { return false }
            return p == path && line == c.line && "\(error)".contains(c.says)
        }
    }
}
