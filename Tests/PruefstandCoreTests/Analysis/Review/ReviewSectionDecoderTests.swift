import Foundation
import Testing
@testable import PruefstandCore

/// A check's `Decodable` parameter type read from its section (`ReviewRulesSection+Decoder.swift`): property names
/// become parameter keys, `Int` is a whole number, `Decimal` a number or (unit `share`) a share, and anything else
/// is refused naming the section.
@Suite("Review parameters as Decodable types")
struct ReviewSectionDecoderTests {
    @Test("a property name is its parameter key in snake case, an acronym one word", arguments: [
        ("minMonths", "min_months"), ("threshold", "threshold"), ("maxFTE", "max_fte"),
        ("minDirectReportsFTE", "min_direct_reports_fte"), ("FTEShare", "fte_share"), ("refilledLookbackMonths", "refilled_lookback_months"),
    ])
    func names(property: String, key: String) {
        #expect(ReviewRulesSection.parameterName(property) == key)
    }

    struct Sample: ReviewCheckParameters, Decodable {
        var minMonths: Int
        var maxFTE: Decimal
        var topShare: Decimal
    }
    struct Wrong: ReviewCheckParameters, Decodable {
        var label: String
    }

    static func entry(_ key: String, _ unit: ParameterUnit, _ value: Decimal) -> ParameterEntry {
        ParameterEntry(key: key, nameDE: key, nameEN: key, unit: unit, referencePeriod: "-", setBy: .kommune,
                       values: [DatedValue(validFrom: 2000, value: value, source: "by hand")], file: "decl.yaml", line: 7)
    }
    static func section(share: Decimal, months: Decimal = 6) throws -> ReviewRulesSection {
        let declared = [entry("min_months", .months, months), entry("max_fte", .fte, Decimal(string: "2.5")!), entry("top_share", .share, share)]
        return try ReviewRulesSection(nil, context: "checks.sample", parser: ReviewRules.Parser(path: "rules.yaml"),
                                      parameters: Dictionary(uniqueKeysWithValues: declared.map { ($0.key, $0) }), year: 2026)
    }

    @Test("each property gets its declared value, and the section has then read every declared parameter")
    func values() throws {
        let s = try Self.section(share: Decimal(string: "0.4")!)
        let p = try Sample(s)
        #expect(p.minMonths == 6 && p.maxFTE == Decimal(string: "2.5")! && p.topShare == Decimal(string: "0.4")!)
        try s.finish()
    }

    @Test("a share above 1, a fraction for a whole number and a property of another type are errors naming the key")
    func refused() throws {
        let share = try Self.section(share: Decimal(string: "1.5")!)
        #expect { try Sample(share) } throws: { "\($0)".contains("checks.sample.parameters.top_share") && "\($0)".contains("share between 0 and 1") }
        let months = try Self.section(share: 0, months: Decimal(string: "6.5")!)
        #expect { try Sample(months) } throws: { "\($0)".contains("checks.sample.parameters.min_months") && "\($0)".contains("whole number") }
        #expect { try Wrong(Self.section(share: 0)) } throws: { "\($0)".contains("checks.sample") && "\($0)".contains("String ('label')") }
    }

    @Test("a fraction for a whole number and a share above 1 are refused in German and in English, with the value's file and line")
    func bothLanguages() throws {
        let rules = "checks:\n  long_vacancy:\n    parameters:\n      min_months:\n        values: [{from: 2000, value: 12.5, source: by hand}]\n"
        #expect { try ReviewRules.parse(yaml: rules, path: "r.yaml") } throws: { error in
            guard case let PruefstandError.config(path, line, key, message) = error else { return false }
            return path == "r.yaml" && line == 5 && key == "checks.long_vacancy.parameters.min_months"
                && message.de == "erwartet eine ganze Zahl, gefunden 12,5" && message.en == "expected a whole number, found 12.5"
        }
        let share = try Self.section(share: Decimal(string: "1.5")!)
        #expect { try Sample(share) } throws: { error in
            guard case let PruefstandError.config(_, _, key, message) = error else { return false }
            return key == "checks.sample.parameters.top_share"
                && message.de == "erwartet einen Anteil zwischen 0 und 1, gefunden 1,5" && message.en == "expected a share between 0 and 1, found 1.5"
        }
    }
}
