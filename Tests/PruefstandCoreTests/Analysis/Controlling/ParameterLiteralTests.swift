import Foundation
import Testing
@testable import PruefstandCore

/// No Swift literal duplicates an audit or projection parameter (issue 18): their values and ranges are written
/// once, in `Resources/defaults/audit.yaml` and `projection.yaml`. The review's checks have the same guard in
/// `ReviewParameterTests`.
@Suite("Audit and projection parameters: no Swift literal repeats them")
struct ParameterLiteralTests {
    static let sources = TestSupport.repoRoot.appendingPathComponent("Sources/PruefstandCore/Analysis/Controlling")

    /// The Swift files that read or use the parameters of a defaults file.
    static let readers: [(resource: String, files: [String])] = [
        ("audit.yaml", ["AuditParameters.swift"] + ((try? FileManager.default.contentsOfDirectory(atPath: sources.appendingPathComponent("Audit").path)) ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted().map { "Audit/\($0)" }),
        ("projection.yaml", ["ProjectionScenario.swift", "ProjectionScenario+File.swift", "ProjectionModel.swift", "Projection+WhatIf.swift"]),
    ]

    /// Code without comments and string literals, one line each, with `_` digit grouping removed.
    static func code(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.components(separatedBy: "//")[0]
                .replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
                .replacingOccurrences(of: #"(?<=[0-9])_(?=[0-9])"#, with: "", options: .regularExpression)
        }
    }

    /// Numbers in the readers that equal a declared value but are not that parameter (file and literal: why).
    static let notParameters: [String: String] = [
        "Audit/AuditChecks.swift 10000": "postings from which findings are made side by side (work splitting)",
        "Audit/BenfordCheck.swift 1000": "10 EUR in cents: from there a payment has two leading digits",
        "Audit/BenfordCheck.swift 10": "decimal digits (Benford's first and first-two digits)",
        "Audit/SpendingGrowthCheck.swift 10": "the ten largest postings behind a listed key (the drill-down), not spending_review_top",
    ]

    /// Every number a defaults file declares (values and range bounds), except 0 and 1 (counting and identity).
    static func declaredNumbers(_ resource: String) throws -> Set<Decimal> {
        var out = Set<Decimal>()
        for e in try ParameterFile.declarations(BundledDefaults.document(resource)).values {
            out.formUnion(e.values.map(\.value))
            if let r = e.range { out.insert(r.lowerBound); out.insert(r.upperBound) }
        }
        return out.subtracting([0, 1, -1])
    }

    @Test("the guard has something to guard: each defaults file declares numbers and each reader file exists", arguments: readers.map(\.resource))
    func guarded(_ resource: String) throws {
        #expect(try Self.declaredNumbers(resource).count >= 4)
        let files = Self.readers.first { $0.resource == resource }!.files
        #expect(files.count >= 4)
        for f in files { #expect(FileManager.default.fileExists(atPath: Self.sources.appendingPathComponent(f).path), "\(f)") }
    }

    @Test("no number declared in a defaults file (value or range bound) is written in the code that reads it", arguments: readers.map(\.resource))
    func noDeclaredNumberInCode(_ resource: String) throws {
        let declared = try Self.declaredNumbers(resource)
        let number = try NSRegularExpression(pattern: #"(?<![A-Za-z_0-9$.])-?[0-9]+(\.[0-9]+)?(?![A-Za-z_0-9])"#)
        for f in Self.readers.first(where: { $0.resource == resource })!.files {
            let lines = Self.code(try String(contentsOf: Self.sources.appendingPathComponent(f), encoding: .utf8))
            for (i, line) in lines.enumerated() {
                for m in number.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    let text = (line as NSString).substring(with: m.range)
                    guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                          Self.notParameters["\(f) \(text)"] == nil else { continue }
                    #expect(!declared.contains(d) && !declared.contains(-d), "\(f):\(i + 1): \(text) repeats a parameter of defaults/\(resource): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }

    /// The lines that read a single value (`x = try s.int("key")`); the lists' rows (approval thresholds, voluntary
    /// products) are the city's records and check their own shape.
    @Test("an audit check's parameter type names only keys: no number where `init(_ s: AuditParameterSection)` reads a value")
    func auditParameterTypes() throws {
        var bodies = 0
        for f in Self.readers[0].files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(f), encoding: .utf8)
            guard let start = text.range(of: "init(_ s: AuditParameterSection)") else { continue }
            var depth = 0, began = false, body = ""
            for ch in text[start.lowerBound...] {
                body.append(ch)
                if ch == "{" { depth += 1; began = true }
                if ch == "}" { depth -= 1; if began && depth == 0 { break } }
            }
            let code = Self.code(body).filter { $0.contains("= try s.") }.joined(separator: "\n")
            guard !code.isEmpty else { continue }   // the protocol's requirement, a check without parameters
            bodies += 1
            let number = try Regex(#"(^|[^A-Za-z_0-9$])[0-9]"#)
            #expect(code.firstMatch(of: number) == nil, "\(f): a number in the parameter type: \(code.firstMatch(of: number).map { String(code[$0.range]) } ?? "")")
        }
        #expect(bodies >= 5)
    }

    @Test("a value changed in defaults/projection.yaml reaches a projection without a city's file (it is not also in Swift)")
    func projectionDefaultsReach() throws {
        let s = try ProjectionScenario.builtIn()
        let declared = try ParameterFile.declarations(BundledDefaults.document("projection.yaml"))
        #expect(s.defaultGrowthRate == declared["default_growth_rate"]!.values.last!.value)
        #expect(s.allgemeineRuecklage.cents == NSDecimalNumber(decimal: declared["allgemeine_ruecklage"]!.values.last!.value * 100).int64Value)
        #expect(s.parameters?.defaultGrowthRate.range == declared["default_growth_rate"]!.range)
    }
}
