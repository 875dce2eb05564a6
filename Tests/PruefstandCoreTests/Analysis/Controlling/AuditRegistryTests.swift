import Foundation
import Testing
@testable import PruefstandCore

@Suite("Controlling: the audit check registry")
struct AuditRegistryTests {
    @Test("the shipped checks in report order, their finding kinds and keys each once")
    func order() {
        let checks = AuditCheckRegistry.standard.checks.map { type(of: $0).key }
        #expect(checks == ["duplicate-payment", "duplicate-document", "round-amount", "split-below-threshold", "non-working-day",
                           "benford", "spending-growth", "voluntary-share"])
        #expect(AuditTestKind.allCases.map(\.rawValue) == ["duplicate-payment", "duplicate-document", "round-amount", "split-below-threshold",
                                                           "weekend", "holiday", "benford"])
        // Started first, as before the registry: the duplicate payments and the non-working days.
        #expect(AuditCheckRegistry.standard.checks.filter { type(of: $0).startsFirst }.map { type(of: $0).key } == ["duplicate-payment", "non-working-day"])
        #expect(Set(AuditTestKind.allCases).count == AuditTestKind.allCases.count)
        #expect(AuditTestKind(rawValue: "weekend") == .weekend && AuditTestKind(rawValue: "nothing") == nil)
        #expect(AuditTestKind.holiday.name(.en) == "Posting on a public holiday" && AuditTestKind.holiday.name(.de) == "Buchung an Feiertag")
    }

    @Test("the built-in parameters (each check's defaults, read like a file) are the documented ones")
    func builtIn() throws {
        let p = AuditParameters()
        // docs/controlling.md, "Parameters": 14-day windows, round from 1,000 EUR in multiples of 1,000 EUR, no thresholds,
        // 30 % share, top 10, no voluntary products.
        #expect(p.duplicateWindowDays == 14 && p.splitWindowDays == 14)
        #expect(p.roundAmountMultiple == Money(euros: 1_000) && p.roundAmountMinimum == Money(euros: 1_000))
        #expect(p.approvalThresholds.isEmpty && p.voluntaryProducts.isEmpty)
        #expect(p.splitMinimumShare == Decimal(string: "0.3") && p.spendingReviewTop == 10)
        // A check's parameters not set at all fall back to its own defaults.
        #expect(AuditParameters(values: [:])[DuplicatePaymentCheck.self].windowDays == 14)
        // The built-in file passes the same checks as a user's file (every key known, every value with a source).
        #expect(throws: Never.self) { _ = try AuditParameters.parse(yaml: AuditCheckRegistry.standard.defaultsYAML, path: "defaults") }
    }

    @Test("the shipped Musterstadt file sets every parameter of every check (none falls back to a built-in default)")
    func shippedComplete() throws {
        let path = TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt/controlling/audit.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for check in AuditCheckRegistry.standard.checks {
            for key in type(of: check).parameterKeys {
                #expect(text.contains("\n\(key):"), "\(key) of \(type(of: check).key) missing in audit.yaml")
            }
        }
        // And it is read by the registry, check by check: a changed value changes that check's parameters only.
        let p = try AuditParameters.load(path: path)
        let changed = try AuditParameters.parse(yaml: text.replacingOccurrences(of: "spending_review_top:\n  value: 10", with: "spending_review_top:\n  value: 3"), path: path)
        #expect(changed.spendingReviewTop == 3 && p.spendingReviewTop != 3)
        #expect(changed.duplicateWindowDays == p.duplicateWindowDays && changed.approvalThresholds == p.approvalThresholds)
    }

    @Test("docs/controlling.md has a row for every check: key, file, kinds and parameter keys")
    func docs() throws {
        let text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/controlling.md"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for check in AuditCheckRegistry.standard.checks {
            let c = type(of: check)
            let row = rows.first { $0.hasPrefix("| `\(c.key)` |") }
            #expect(row != nil, "no row for \(c.key) in docs/controlling.md")
            guard let row else { continue }
            #expect(row.contains("`\(String(describing: c)).swift`"), "\(c.key): file")
            for k in c.kinds { #expect(row.contains("`\(k.rawValue)`"), "\(c.key): kind \(k.rawValue)") }
            for k in c.parameterKeys { #expect(row.contains("`\(k)`"), "\(c.key): parameter \(k)") }
        }
    }

    @Test("unknown keys are refused with their line, a value without a source names its key")
    func refused() throws {
        let base = AuditCheckRegistry.standard.defaultsYAML
        #expect(Self.message { _ = try AuditParameters.parse(yaml: base + "duplicate_windw_days: 3\n", path: "a.yaml") }?.contains("duplicate_windw_days") == true)
        let noSource = base.replacingOccurrences(of: "split_window_days:\n  value: 14\n  unit: days\n  source: \"built-in default (no parameter file)\"",
                                                 with: "split_window_days:\n  value: 14\n  source: \" \"")
        #expect(noSource != base)
        #expect(Self.message { _ = try AuditParameters.parse(yaml: noSource, path: "a.yaml") }?.contains("split_window_days") == true)
        let badDays = base.replacingOccurrences(of: "duplicate_window_days:\n  value: 14", with: "duplicate_window_days:\n  value: 400")
        #expect(Self.message { _ = try AuditParameters.parse(yaml: badDays, path: "a.yaml") }?.contains("0…366") == true)
    }

    static func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }
}
