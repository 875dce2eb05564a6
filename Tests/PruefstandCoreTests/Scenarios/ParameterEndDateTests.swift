import Foundation
import Testing
@testable import PruefstandCore

/// Dated values with an optional end (`until:`), validated with file and line (issue 15).
@Suite("parameter values with an end date")
struct ParameterEndDateTests {
    static func parse(_ values: String) throws -> ParameterSet {
        let text = """
            test.satz:
              name: {de: Satz, en: Rate}
              unit: percent
              reference_period: year
              set_by: Kommune
              values:
            \(values)
            """
        return try ParameterFile.parse(try StrictYAML.parse(text, file: "p.yaml"))
    }

    @Test("a value holds from its start to its end; the next one takes over; ISO dates and plain years")
    func holds() throws {
        let set = try Self.parse("""
                - {from: 2020-01-01, until: 2024-12-31, value: 10, source: test one}
                - {from: 2025, until: 2026, value: 12, source: test two}
                - {from: 2027, value: 14, source: test three}
            """)
        let want: [Int: Decimal] = [2020: 10, 2024: 10, 2025: 12, 2026: 12, 2027: 14, 2035: 14]
        for (y, v) in want { #expect(try set.value("test.satz", y) == v) }
    }

    @Test("end before start, overlaps and a gap where a value is needed are errors with file and line",
          arguments: [
            ("    - {from: 2025, until: 2024-12-31, value: 1, source: test}\n", "before it starts", 7),
            ("    - {from: 2020, until: 2026, value: 1, source: test}\n    - {from: 2025, value: 2, source: test}\n", "overlaps the value from 2020", 8),
            ("    - {from: 2020, until: 2026-06-30, value: 1, source: test}\n", "not an end date", 7),
            ("    - {from: 2020, until: 2026-07-31, value: 1, source: test}\n", "closes a Kita year", 7),
          ])
    func refused(_ values: String, _ message: String, _ line: Int) throws {
        #expect { try Self.parse(values) } throws: { e in "\(e)".contains(message) && "\(e)".contains("p.yaml:\(line)") }
    }

    @Test("a gap is an error when the value is needed, naming the value that ended")
    func gap() throws {
        let set = try Self.parse("""
                - {from: 2020, until: 2024, value: 10, source: test one}
                - {from: 2027, value: 14, source: test three}
            """)
        #expect(try set.value("test.satz", 2024) == 10 && set.value("test.satz", 2027) == 14)
        #expect { try set.value("test.satz", 2025) } throws: { e in "\(e)".contains("ends 2024") && "\(e)".contains("p.yaml:7") }
    }

    @Test("an override with an end replaces the baseline only for its years; the baseline resumes after it")
    func temporaryOverride() throws {
        let set = try Self.parse("""
                - {from: 2015, value: 520, source: baseline}
                - {from: 2030, value: 530, source: baseline later}
            """)
        let o = try set.overriding("test.satz", with: [DatedValue(validFrom: 2027, value: 490, source: "cut")].map { var v = $0; v.validUntil = 2028; return v })
        let want: [Int: Decimal] = [2026: 520, 2027: 490, 2028: 490, 2029: 520, 2030: 530]
        for (y, v) in want { #expect(try o.value("test.satz", y) == v) }
    }

    @Test("a Kita value from 1 August may end on 31 July: the Kita years it covers")
    func kitaYear() throws {
        let set = try Self.parse("""
                - {from: 2020, value: 0, source: test}
                - {from: 2027-08-01, until: 2029-07-31, value: 0.2, source: test cut}
                - {from: 2029-08-01, value: 0, source: test}
            """)
        #expect(try set.value("test.satz", 2026) == 0 && set.value("test.satz", 2027) == Decimal(string: "0.2")! && set.value("test.satz", 2028) == Decimal(string: "0.2")!)
        #expect(try set.value("test.satz", 2029) == 0)
    }
}
