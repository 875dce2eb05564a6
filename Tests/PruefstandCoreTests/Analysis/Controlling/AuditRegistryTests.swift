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
        #expect(p[DuplicatePaymentCheck.self].windowDays == 14 && p[SplitPaymentCheck.self].windowDays == 14)
        #expect(p[RoundAmountCheck.self].multiple == Money(euros: 1_000) && p[RoundAmountCheck.self].minimum == Money(euros: 1_000))
        #expect(p[SplitPaymentCheck.self].thresholds.isEmpty && p[VoluntaryShareCheck.self].products.isEmpty)
        #expect(p[SplitPaymentCheck.self].minimumShare == Decimal(string: "0.3") && p[SpendingGrowthCheck.self].top == 10)
        // A check's parameters not set at all fall back to its own defaults.
        #expect(AuditParameters(values: [:])[DuplicatePaymentCheck.self].windowDays == 14)
        // The built-in declarations are read like a file (every value with a source and a range) and every declared
        // parameter is read by a check.
        let d = try ParameterFile.declarations(BundledDefaults.document("audit.yaml"))
        #expect(d.values.allSatisfy { $0.range != nil && $0.values.allSatisfy { $0.source.count >= 3 } })
        #expect(Set(d.keys) == Set(AuditCheckRegistry.standard.checks.flatMap { type(of: $0).parameterKeys }).subtracting(["approval_thresholds", "voluntary_products"]))
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
        let changed = try AuditParameters.parse(yaml: text.replacingOccurrences(of: "spending_review_top:\n  unit: rows\n  values:\n    - from: 2000\n      value: 10",
                                                                                with: "spending_review_top:\n  unit: rows\n  values:\n    - from: 2000\n      value: 3"), path: path)
        #expect(changed[SpendingGrowthCheck.self].top == 3 && p[SpendingGrowthCheck.self].top != 3)
        #expect(changed[DuplicatePaymentCheck.self].windowDays == p[DuplicatePaymentCheck.self].windowDays && changed[SplitPaymentCheck.self].thresholds == p[SplitPaymentCheck.self].thresholds)
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
        let base = "name: {de: T, en: T}\nreference_period: \"2025\"\n"
        #expect(Self.message { _ = try AuditParameters.parse(yaml: base + "duplicate_windw_days: 3\n", path: "a.yaml") } == "a.yaml:3 (duplicate_windw_days): unbekannter Schlüssel „duplicate_windw_days“ (unknown key; declared: duplicate_window_days, round_amount_minimum_euros, round_amount_multiple_euros, spending_review_top, split_minimum_share, split_window_days)")
        let noSource = base + "split_window_days:\n  values:\n    - {from: 2000, value: 14, source: \" \"}\n"
        #expect(Self.message { _ = try AuditParameters.parse(yaml: noSource, path: "a.yaml") }?.contains("split_window_days") == true)
        let badDays = base + "duplicate_window_days:\n  values:\n    - {from: 2000, value: 400, source: test}\n"
        #expect(Self.message { _ = try AuditParameters.parse(yaml: badDays, path: "a.yaml") }?.contains("[0, 366]") == true)
        // The flat form of the files before issue 18: refused with the hint how to convert it.
        let flat = base + "duplicate_window_days:\n  value: 3\n  unit: days\n  source: test\n"
        #expect(Self.message { _ = try AuditParameters.parse(yaml: flat, path: "a.yaml") }?.contains("a parameter is dated now") == true)
        // A value is chosen by the audited fiscal year: 2025 keeps the declared 14 days, 2026 on takes 3.
        let dated = try AuditParameters.parse(yaml: base + "duplicate_window_days:\n  values:\n    - {from: 2026, value: 3, source: test}\n", path: "a.yaml")
        #expect(dated.resolved(year: 2025)[DuplicatePaymentCheck.self].windowDays == 14 && dated.resolved(year: 2026)[DuplicatePaymentCheck.self].windowDays == 3)
    }

    static func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }
}
