import Foundation
import Testing
import Yams
@testable import PruefstandCore

// A new audit check written from docs/contributing.md ("An audit check") as a demonstration, kept in the
// tests only: this file (the check, its parameters, its kind and its test) and its case file
// `Cases/controlling/audit-fixture/year-end-payments.yaml`. The check is registered for the test
// (`AuditCheckRegistry.standard.adding`), not in the product.

/// Payments in the last `year_end_days` days of the year from `year_end_minimum_euros` ("Dezemberfieber":
/// budgets spent before they lapse); one finding per vendor.
struct YearEndPaymentCheck: AuditCheck {
    static let key = "year-end-payment"
    static let name = Phrase(de: "Zahlung zum Jahresende", en: "Payment at the year's end")
    static let kinds = [AuditTestKind.yearEndPayment]

    struct Parameters: AuditCheckParameters {
        var days: Int
        var minimum: Money
        /// Declared with their defaults in `Cases/controlling/audit-fixture/declarations.yaml`.
        init(_ s: AuditParameterSection) throws {
            days = try s.int("year_end_days")
            minimum = try s.euros("year_end_minimum_euros")
        }
    }

    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput { .init(findings: a.yearEndPayments(days: p.days, minimum: p.minimum)) }
}

extension AuditTestKind {
    static let yearEndPayment = AuditTestKind(YearEndPaymentCheck.self)
}

extension AuditChecks {
    /// Payments from `minimum` dated within the last `days` days of their year; one finding per vendor.
    func yearEndPayments(days: Int, minimum: Money) -> [RawFinding] {
        byVendor { i in
            let date = CivilDate(dayNumber: Int(l.days[i]))
            let lastDay = CivilDate(year: date.year, month: 12, day: 31)!.dayNumber
            return isPayment(i) && l.cents[i] >= minimum.cents && lastDay - date.dayNumber < days
        }.map { vendor, list in
            RawFinding(kind: .yearEndPayment, text: "\(vendor): \(list.count) Zahlung(en) in den letzten \(days) Tagen des Jahres", members: list,
                       textEN: "\(vendor): \(list.count) payment(s) in the last \(days) days of the year")
        }
    }
}

/// A case of the demonstration check: the check's part of a parameter file, postings, findings by hand.
struct YearEndCase: Decodable, CustomTestStringConvertible {
    var name: String
    var source: String
    var parameters: String
    var postings: [[String]]
    var expected: [AuditCase.Expected]
    var testDescription: String { name }
}

@Suite("Controlling: an audit check added from the recipe (test fixture)")
struct YearEndPaymentCheckTests {
    /// The shipped checks and this one, with its parameters declared beside its case.
    static let registry = try! AuditCheckRegistry.standard.adding(YearEndPaymentCheck(), declarations: AuditCheckRegistry.declarations(
        path: ControllingFixture.casesURL.appendingPathComponent("audit-fixture/declarations.yaml").path))
    static let header = "name: {de: Testfall, en: Test case}\nreference_period: \"2025\"\n"

    static func load() throws -> YearEndCase {
        let url = ControllingFixture.casesURL.appendingPathComponent("audit-fixture/year-end-payments.yaml")
        return try YAMLDecoder().decode(YearEndCase.self, from: String(contentsOf: url, encoding: .utf8))
    }

    @Test("registered for the test: its findings come out of LedgerAudit.run, the findings table and JSON, beside the others")
    func registered() throws {
        let c = try Self.load()
        let postings = c.postings.map { r in
            AuditPosting(id: Int64(r[0])!, date: CivilDate(iso: r[1])!, documentId: r[2], product: r[3], account: r[4],
                         vendor: r[5], amount: Money(cents: ControllingFixture.cents(r[6])))
        }
        // Its parameters, read from a whole parameter file: a header and the case's values over the declarations.
        let file = Self.header + c.parameters
        let p = try Self.registry.parameters(yaml: file, path: "year-end-payments.yaml")
        #expect(p[YearEndPaymentCheck.self].days == 10)
        let report = try LedgerAudit.run(postings: postings, year: 2025, parameters: p, registry: Self.registry)
        let found = report.findings.filter { $0.kind != .benford }.map {
            AuditCase.Expected(test: $0.kind.rawValue, posting_ids: $0.postingIds.sorted(), amount: $0.amount.plainString)
        }
        #expect(Set(found) == Set(c.expected))
        #expect(found.count == c.expected.count)
        // The findings table and JSON list it by its key and name, after the shipped checks' findings.
        let table = report.reportTables(testKeys: true)[0]
        #expect(table.rows.last?.first == .text("year-end-payment"))
        #expect(report.reportTables(lang: .en)[0].rows.contains { $0.first == .text("Payment at the year's end") })
        #expect((report.jsonObject()["findings"] as? [[String: Any]])?.last?["test_name"] as? String == "Zahlung zum Jahresende")
    }

    @Test("its keys are known to its registry only: the shipped registry refuses them as unknown keys")
    func keys() throws {
        let file = Self.header + (try Self.load()).parameters
        #expect(throws: Never.self) { _ = try Self.registry.parameters(yaml: file, path: "x.yaml") }
        #expect(throws: PruefstandError.self) { _ = try AuditParameters.parse(yaml: file, path: "x.yaml") }
        #expect(Self.registry.builtInParameters()[YearEndPaymentCheck.self].days == 15)
        let missingSource = Self.header + "year_end_days: {values: [{from: 2000, value: 3, source: \"\"}]}\n"
        #expect(throws: PruefstandError.self) { _ = try Self.registry.parameters(yaml: missingSource, path: "x.yaml") }
    }
}
