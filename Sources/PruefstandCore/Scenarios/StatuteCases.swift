import Foundation

/// Statute cases written as YAML (inputs, expected outputs, source), run by `pruefstand scenario test DIR` and by
/// the test suite — as OpenFisca's and GETTSIM's YAML tests: an auditor adds a case without writing Swift.
///
///     name: A GmbH with 100,000 EUR at 400 % pays 14,000 EUR
///     source: Computed by hand from § 11 Abs. 2 GewStG and § 16 GewStG.
///     kind: gewerbesteuer_assessment     # or gewerbesteuer_relief, umlage, kita_revenue, scenario_run, check_rejects
///     inputs: {legal_form: kapitalgesellschaft, gewerbeertrag: 100000, hebesatz: 400}
///     expected: {rounded_ertrag: 100000, messbetrag: 3500, tax: 14000, credit: 0, net_burden: 14000}
///
/// `{repo}` in a case's files stands for the root folder given (the repository, for the shipped parameters).
public enum StatuteCases {
    /// One expected value that the program does not reproduce: file, line, what, expected, got, difference.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var what: Phrase
        public var expected: Phrase
        public var got: Phrase
        public var description: String { text(.en) }
        /// The failure in `lang` (issue 16): `datei:12: Fall: erwartet 1,00, berechnet 2,00 (Differenz 1,00)`.
        public func text(_ lang: Language) -> String {
            "\(file)\(line.map { ":\($0)" } ?? ""): \(what.text(lang)): "
                + (lang == .de ? "erwartet \(expected.de), berechnet \(got.de)" : "expected \(expected.en), got \(got.en)")
        }
    }

    /// The case files (`*.yaml`) of a folder, sorted.
    public static func files(in directory: String) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw PruefstandError.file(path: directory, message: Phrase(de: "der Ordner der Fälle ist nicht lesbar", en: "the case folder cannot be read"))
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// The folder `{repo}` stands for when no `--root` is given: the nearest folder at or above the case folder
    /// that holds `Parameters/` with a parameter set in it (the repository, wherever `scenario test` is run from), else
    /// the current folder.
    public static func defaultRoot(forCases directory: String) -> String {
        var dir = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            // A parameter folder holds parameter sets (`Parameters/nrw/…`): an empty or unrelated `Parameters`
            // folder (a test folder of that name) is passed over.
            let sets = (try? FileManager.default.contentsOfDirectory(at: dir.appendingPathComponent("Parameters"), includingPropertiesForKeys: [.isDirectoryKey])) ?? []
            if sets.contains(where: { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }) { return dir.path }
            let up = dir.deletingLastPathComponent()
            if up.path == dir.path { break }
            dir = up
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    }

    /// Runs one case; returns the values that differ (empty: the case holds). A malformed case throws.
    public static func run(file: String, root: String) throws -> [Failure] {
        let rootNode = try StrictYAML.load(path: file)
        let f = try rootNode.dictionary(allowed: ["name", "source", "kind", "inputs", "expected"], required: ["name", "source", "kind", "inputs", "expected"])
        let name = try f["name"]!.text()
        let inputs = f["inputs"]!, expectedNode = f["expected"]!
        let expected = try expectedNode.dictionary(allowed: Set(try expectedNode.entries().map(\.key)))
        var failures: [Failure] = []
        func money(_ n: StrictYAML) throws -> Money { Money.rounding(try n.decimal()) }
        func compare(_ what: String, _ got: Money, _ node: StrictYAML?) throws {
            guard let node else { throw expectedNode.fail(Phrase(de: "erwarteter Wert '\(what)' fehlt", en: "expected '\(what)' is missing")) }
            let want = try money(node)
            if got != want {
                func amount(_ m: Money) -> Phrase { Phrase(de: m.plainString.replacingOccurrences(of: ".", with: ","), en: m.plainString) }
                let diff = amount(got - want)
                failures.append(Failure(file: file, line: node.line, what: "\(name): \(what)", expected: amount(want),
                                        got: amount(got) + Phrase(de: " (Differenz \(diff.de))", en: " (difference \(diff.en))")))
            }
        }
        func legalForm(_ n: StrictYAML) throws -> LegalForm {
            let s = try n.text()
            guard let l = LegalForm(rawValue: s) else { throw n.fail("unknown legal_form '\(s)'; allowed: \(LegalForm.allCases.map(\.rawValue).joined(separator: ", "))") }
            return l
        }
        switch try f["kind"]!.text() {
        case "gewerbesteuer_assessment":
            let i = try inputs.dictionary(allowed: ["legal_form", "gewerbeertrag", "hebesatz", "income_tax_attributable"], required: ["legal_form", "gewerbeertrag", "hebesatz"])
            let a = GewerbesteuerModel.assess(gewerbeertrag: try money(i["gewerbeertrag"]!), legalForm: try legalForm(i["legal_form"]!),
                                              incomeTaxAttributable: try i["income_tax_attributable"].map(money),
                                              parameters: GewerbesteuerParameters(hebesatz: try i["hebesatz"]!.decimal()))
            try compare("rounded_ertrag", a.roundedErtrag, expected["rounded_ertrag"])
            try compare("messbetrag", a.messbetrag, expected["messbetrag"])
            try compare("tax", a.tax, expected["tax"])
            try compare("credit", a.credit, expected["credit"])
            try compare("net_burden", a.netBurden, expected["net_burden"])
        case "gewerbesteuer_relief":
            let i = try inputs.dictionary(allowed: ["legal_form", "gewerbeertrag", "hebesatz_before", "hebesatz_after"], required: ["legal_form", "gewerbeertrag", "hebesatz_before", "hebesatz_after"])
            let t = TypicalBusiness(name: name, legalForm: try legalForm(i["legal_form"]!), gewerbeertrag: try money(i["gewerbeertrag"]!))
            let r = GewerbesteuerModel.typicalCase(t, year: 2027, pb: GewerbesteuerParameters(hebesatz: try i["hebesatz_before"]!.decimal()),
                                                   ps: GewerbesteuerParameters(hebesatz: try i["hebesatz_after"]!.decimal()))
            try compare("gross_relief", r.grossRelief, expected["gross_relief"])
            try compare("net_relief", r.netRelief, expected["net_relief"])
        case "umlage":
            let i = try inputs.dictionary(allowed: ["revenue", "hebesatz", "vervielfaeltiger"], required: ["revenue", "hebesatz", "vervielfaeltiger"])
            try compare("umlage", GewerbesteuerModel.umlage(revenue: try money(i["revenue"]!), hebesatz: try i["hebesatz"]!.decimal(),
                                                            vervielfaeltiger: try i["vervielfaeltiger"]!.decimal()), expected["umlage"])
        case "kita_revenue":
            let i = try inputs.dictionary(allowed: ["table", "rows", "rules"], required: ["table", "rows", "rules"])
            let table = try KitaFeeTable.parse(i["table"]!)
            var cells: [KitaEnrollment.Cell] = []
            for row in try i["rows"]!.list() {
                let v = try row.list()
                guard v.count == 6, let age = KitaAge(rawValue: try v[1].text()) else { throw row.fail("a row is [bracket, u3|ue3, hours, children, fee_free, siblings]") }
                cells.append(.init(bracket: try v[0].int() - 1, age: age, hours: try v[2].int(), children: try v[3].int(), feeFree: try v[4].int(), siblings: try v[5].int()))
            }
            let enrollment = KitaEnrollment(year: 2025, source: "case", cells: cells, kindpauschalenUe3: .zero)
            guard let wantNode = expected["annual_revenue"] else { throw expectedNode.fail("expected 'annual_revenue' is missing") }
            let want = try wantNode.list(), rules = try i["rules"]!.list()
            guard rules.count == want.count else { throw wantNode.fail("one expected revenue per rules line (\(rules.count))") }
            for (r, w) in zip(rules, want) {
                let rf = try r.dictionary(allowed: ["threshold", "cut", "sibling_discount", "exempt_share"], required: ["threshold", "cut", "sibling_discount"])
                let got = KitaModel.annualRevenue(enrollment, rules: .init(table: table, threshold: try money(rf["threshold"]!), cut: try rf["cut"]!.decimal(),
                                                                          siblingDiscount: try rf["sibling_discount"]!.decimal(), bracketCuts: [:],
                                                                          exemptShare: try rf["exempt_share"]?.decimal() ?? 0))
                try compare("annual_revenue (rules line \(r.line ?? 0))", got, w)
            }
        case "scenario_run":
            let i = try inputs.dictionary(allowed: ["scenario", "files"], required: ["scenario", "files"])
            let dir = try writeFiles(try i["files"]!.entries().map { ($0.key, try $0.node.text()) }, root: root)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let result = try ScenarioEngine.load(file: dir + "/" + (try i["scenario"]!.text())).run()
            for (field, byYear, _) in try expectedNode.entries() {
                for (y, v, _) in try byYear.entries() {
                    guard let year = Int(y) else { throw byYear.fail("'\(y)' is not a year") }
                    let e = result.effects.filter { $0.year == year }
                    let got: Money
                    switch field {
                    case "gross": got = e.map(\.gross).sum()
                    case "umlage_change": got = e.map(\.umlageChange).sum()
                    case "equalisation_change": got = e.map(\.equalisationChange).sum()
                    case "net": got = e.map(\.net).sum()
                    default: throw byYear.fail("unknown expected field '\(field)'; allowed: gross, umlage_change, equalisation_change, net")
                    }
                    try compare("\(field) \(year)", got, v)
                }
            }
        case "check_rejects":
            let i = try inputs.dictionary(allowed: ["scenario"], required: ["scenario"])
            let dir = try writeFiles([("scenario.yaml", try i["scenario"]!.text())], root: root)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let scenarioFile = dir + "/scenario.yaml"
            let errors = ScenarioCheck.check(file: scenarioFile).filter { $0.severity == .error }
            guard let textNode = expected["message_contains"] else { throw expectedNode.fail("expected 'message_contains' is missing") }
            let text = try textNode.text()
            if let match = errors.first(where: { $0.message.contains(text) }) {
                if let k = expected["key"], try k.text() != match.key {
                    failures.append(Failure(file: file, line: k.line, what: Phrase(de: "\(name): Schlüssel", en: "\(name): key"), expected: Phrase(try k.text()),
                                            got: match.key.map { Phrase($0) } ?? Phrase(de: "keiner", en: "none")))
                }
                if let l = expected["line"], try l.int() != match.line || match.file != scenarioFile {
                    failures.append(Failure(file: file, line: l.line, what: Phrase(de: "\(name): Zeile", en: "\(name): line"), expected: "\(try l.int())",
                                            got: "\(match.file):\(match.line ?? 0)"))
                }
            } else {
                failures.append(Failure(file: file, line: textNode.line, what: Phrase(de: "\(name): Prüffehler", en: "\(name): check error"),
                                        expected: Phrase(de: "ein Fehler mit '\(text)'", en: "an error containing '\(text)'"),
                                        got: errors.isEmpty ? Phrase(de: "kein Fehler", en: "no error")
                                            : Phrase(de: errors.map(\.phrase.de).joined(separator: " | "), en: errors.map(\.message).joined(separator: " | "))))
            }
        case let other:
            throw f["kind"]!.fail("unknown kind '\(other)'; allowed: gewerbesteuer_assessment, gewerbesteuer_relief, umlage, kita_revenue, scenario_run, check_rejects")
        }
        return failures
    }

    /// Writes a case's files into a fresh temporary folder, `{repo}` replaced by `root`.
    static func writeFiles(_ files: [(String, String)], root: String) throws -> String {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("pruefstand-case-\(UUID().uuidString)")
        for (name, text) in files {
            guard !name.contains(".."), !name.hasPrefix("/") else { throw PruefstandError.other("case file name '\(name)' must stay inside the case folder") }
            let path = (dir as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.replacingOccurrences(of: "{repo}", with: root).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }
}
