import Foundation
import Testing
@testable import PruefstandCore

/// Repository root (for shipped parameters and Musterstadt data used by the cases).
let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// A fresh temporary folder with the given files (`{repo}` replaced by the repository root).
func writeTemporaryFiles(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-scen-\(UUID().uuidString)")
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.replacingOccurrences(of: "{repo}", with: repoRoot).write(to: url, atomically: true, encoding: .utf8)
    }
    return dir.path
}

enum ScenarioCases {
    static var directory: URL {
        Bundle.module.url(forResource: "Cases", withExtension: nil)!.appendingPathComponent("scenarios")
    }
    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }
}

@Suite("Scenario cases (hand-computed)")
struct ScenarioCaseTests {
    @Test("there are hand-computed cases")
    func casesExist() { #expect(ScenarioCases.files.count >= 10) }

    @Test("case", arguments: ScenarioCases.files)
    func runCase(_ name: String) throws {
        let root = try ScenarioYAML.load(file: ScenarioCases.directory.appendingPathComponent(name).path)
        let f = try root.fields(allowed: ["name", "source", "kind", "inputs", "expected"], required: ["name", "source", "kind", "inputs", "expected"])
        let inputs = f["inputs"]!, expected = try f["expected"]!.fields(allowed: Set(try f["expected"]!.entries().map(\.key)))
        func money(_ n: ScenarioYAML) throws -> Money { Money.rounding(try n.decimal()) }
        switch try f["kind"]!.string() {
        case "gewerbesteuer_assessment":
            let i = try inputs.fields(allowed: ["legal_form", "gewerbeertrag", "hebesatz", "income_tax_attributable"])
            let a = GewerbesteuerModel.assess(
                gewerbeertrag: try money(i["gewerbeertrag"]!), legalForm: LegalForm(rawValue: try i["legal_form"]!.string())!,
                incomeTaxAttributable: try i["income_tax_attributable"].map(money),
                parameters: GewerbesteuerParameters(hebesatz: try i["hebesatz"]!.decimal()))
            #expect(a.roundedErtrag == (try money(expected["rounded_ertrag"]!)), "\(name)")
            #expect(a.messbetrag == (try money(expected["messbetrag"]!)), "\(name)")
            #expect(a.tax == (try money(expected["tax"]!)), "\(name)")
            #expect(a.credit == (try money(expected["credit"]!)), "\(name)")
            #expect(a.netBurden == (try money(expected["net_burden"]!)), "\(name)")
        case "gewerbesteuer_relief":
            let i = try inputs.fields(allowed: ["legal_form", "gewerbeertrag", "hebesatz_before", "hebesatz_after"])
            let t = TypicalBusiness(name: name, legalForm: LegalForm(rawValue: try i["legal_form"]!.string())!, gewerbeertrag: try money(i["gewerbeertrag"]!))
            let r = GewerbesteuerModel.typicalCase(t, year: 2027, pb: GewerbesteuerParameters(hebesatz: try i["hebesatz_before"]!.decimal()),
                                                   ps: GewerbesteuerParameters(hebesatz: try i["hebesatz_after"]!.decimal()))
            #expect(r.grossRelief == (try money(expected["gross_relief"]!)), "\(name)")
            #expect(r.netRelief == (try money(expected["net_relief"]!)), "\(name)")
        case "umlage":
            let i = try inputs.fields(allowed: ["revenue", "hebesatz", "vervielfaeltiger"])
            let u = GewerbesteuerModel.umlage(revenue: try money(i["revenue"]!), hebesatz: try i["hebesatz"]!.decimal(),
                                              vervielfaeltiger: try i["vervielfaeltiger"]!.decimal())
            #expect(u == (try money(expected["umlage"]!)), "\(name)")
        case "kita_revenue":
            let i = try inputs.fields(allowed: ["table", "rows", "rules"])
            let table = try KitaFeeTable.parse(i["table"]!)
            var cells: [KitaEnrollment.Cell] = []
            for row in try i["rows"]!.sequence() {
                let v = try row.sequence()
                cells.append(.init(bracket: try v[0].int() - 1, age: KitaAge(rawValue: try v[1].string())!, hours: try v[2].int(),
                                   children: try v[3].int(), feeFree: try v[4].int(), siblings: try v[5].int()))
            }
            let enrollment = KitaEnrollment(year: 2025, source: "test", cells: cells, kindpauschalenUe3: .zero)
            let want = try expected["annual_revenue"]!.sequence().map(money)
            let rules = try i["rules"]!.sequence()
            #expect(rules.count == want.count)
            for (r, w) in zip(rules, want) {
                let rf = try r.fields(allowed: ["threshold", "cut", "sibling_discount"])
                let got = KitaModel.annualRevenue(enrollment, rules: .init(table: table, threshold: try money(rf["threshold"]!),
                                                                          cut: try rf["cut"]!.decimal(), siblingDiscount: try rf["sibling_discount"]!.decimal(),
                                                                          bracketCuts: [:]))
                #expect(got == w, "\(name): rules line \(r.line ?? 0)")
            }
        case "scenario_run":
            let i = try inputs.fields(allowed: ["scenario", "files"])
            var files: [String: String] = [:]
            for (k, v, _) in try i["files"]!.entries() { files[k] = try v.string() }
            let dir = try writeTemporaryFiles(files)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let result = try ScenarioEngine.load(file: dir + "/" + (try i["scenario"]!.string())).run()
            for (field, byYear, _) in try f["expected"]!.entries() {
                for (y, v, _) in try byYear.entries() {
                    let e = result.effects.filter { $0.year == Int(y)! }
                    let got: Money
                    switch field {
                    case "gross": got = e.map(\.gross).sum()
                    case "umlage_change": got = e.map(\.umlageChange).sum()
                    case "equalisation_change": got = e.map(\.equalisationChange).sum()
                    case "net": got = e.map(\.net).sum()
                    default: Issue.record("unknown expected field \(field)"); continue
                    }
                    #expect(got == (try money(v)), "\(name): \(field) \(y)")
                }
            }
        case "check_rejects":
            let i = try inputs.fields(allowed: ["scenario"])
            let dir = try writeTemporaryFiles(["scenario.yaml": try i["scenario"]!.string()])
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let file = dir + "/scenario.yaml"
            let errors = ScenarioCheck.check(file: file).filter { $0.severity == .error }
            let key = try expected["key"]?.string()
            let line = try expected["line"]?.int()
            let text = try expected["message_contains"]!.string()
            let match = errors.first { $0.message.contains(text) }
            #expect(match != nil, "\(name): no error containing '\(text)' in \(errors.map(\.description))")
            if let match {
                if let key { #expect(match.key == key, "\(name)") }
                if let line { #expect(match.line == line, "\(name)"); #expect(match.file == file, "\(name)") }
                #expect(match.description.contains(match.file), "\(name)")
            }
        case let other:
            Issue.record("unknown case kind \(other) in \(name)")
        }
    }
}
