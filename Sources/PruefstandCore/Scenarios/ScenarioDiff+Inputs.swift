import Foundation

/// `scenario diff` beyond parameter values (issue 15): every input that can change a result — years, models,
/// baseline folders, city data, Kita tables, the projection, replaced measures, law change — and the change
/// in each result line, so two scenarios whose results differ never show an empty diff.
extension ScenarioDiff {
    public struct InputRow: Sendable, Hashable {
        public var what: String
        public var a: String
        public var b: String
    }

    /// The inputs other than parameter values that differ between `a` and `b`.
    public static func inputs(_ a: ScenarioEngine, _ b: ScenarioEngine) -> [InputRow] {
        var rows: [InputRow] = []
        func add(_ what: String, _ x: String, _ y: String) { if x != y { rows.append(InputRow(what: what, a: x, b: y)) } }
        let sa = a.scenario, sb = b.scenario
        add("years", "\(sa.years.lowerBound)–\(sa.years.upperBound)", "\(sb.years.lowerBound)–\(sb.years.upperBound)")
        add("models", sa.models.map(\.rawValue).joined(separator: ", "), sb.models.map(\.rawValue).joined(separator: ", "))
        add("baseline", sa.baselineDirectories.map(standard).joined(separator: ", "), sb.baselineDirectories.map(standard).joined(separator: ", "))
        // City data: compared by content (the file name alone says nothing), field by field.
        var ca = a.city, cb = b.city
        ca.file = ""; cb.file = ""
        func city(_ field: String, _ x: Any, _ y: Any, _ summary: (CityData) -> String) {
            if canonical(x) != canonical(y) {
                rows.append(InputRow(what: "city.\(field)", a: "\(summary(a.city)) (\(a.city.file))", b: "\(summary(b.city)) (\(b.city.file))"))
            }
        }
        city("name", ca.name, cb.name) { $0.name }
        city("kreisfrei", ca.kreisfrei, cb.kreisfrei) { "\($0.kreisfrei)" }
        // Each model's own part of the city data, in the registry's order.
        for (x, y) in ScenarioModelRegistry.cityInputs(a.city, b.city) where canonical(x.content) != canonical(y.content) {
            rows.append(InputRow(what: "city.\(x.field)", a: "\(x.summary) (\(a.city.file))", b: "\(y.summary) (\(b.city.file))"))
        }
        city("schluesselzuweisungen", ca.receivesSchluesselzuweisungen, cb.receivesSchluesselzuweisungen) { "\($0.receivesSchluesselzuweisungen)" }
        city("plan_accounts", ca.planAccounts as Any, cb.planAccounts as Any) { c in
            c.planAccounts.map { pa in pa.accounts.keys.sorted { $0.rawValue < $1.rawValue }.map { "\($0.rawValue) \(pa.accounts[$0]!.joined(separator: "/"))" }.joined(separator: ", ") } ?? "none"
        }
        let ta = sa.kitaLevers.newTable.map { canonical($0) } ?? "", tb = sb.kitaLevers.newTable.map { canonical($0) } ?? ""
        if ta != tb || sa.kitaLevers.newTableFrom != sb.kitaLevers.newTableFrom {
            func t(_ s: Scenario) -> String { s.kitaLevers.newTable.map { "\($0.file) from \(s.kitaLevers.newTableFrom ?? 0) (\(s.kitaLevers.newTableSource ?? ""))" } ?? "none" }
            rows.append(InputRow(what: "kita.fee_table", a: t(sa), b: t(sb)))
        }
        add("projection", sa.projectionFile.map(standard) ?? "", sb.projectionFile.map(standard) ?? "")
        add("replaces_measures", sa.replacesMeasures.joined(separator: ", "), sb.replacesMeasures.joined(separator: ", "))
        add("law_change", sa.lawChange ?? "", sb.lawChange ?? "")
        add("calibrate", sa.calibrateToPlan ? "plan" : "none", sb.calibrateToPlan ? "plan" : "none")
        return rows
    }

    /// A text of a value's whole content with dictionaries and sets in sorted order, so that equal data gives
    /// equal text (a dictionary's own order depends on its history).
    static func canonical(_ x: Any) -> String {
        let m = Mirror(reflecting: x)
        if m.children.isEmpty { return String(reflecting: x) }
        switch m.displayStyle {
        case .dictionary, .set: return "[" + m.children.map { canonical($0.value) }.sorted().joined(separator: ",") + "]"
        default: return "(" + m.children.map { "\($0.label ?? ""):\(canonical($0.value))" }.joined(separator: ",") + ")"
        }
    }

    static func standard(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    public static func inputTable(_ a: ScenarioEngine, _ b: ScenarioEngine) -> ReportTable {
        var t = ReportTable(table: "scenario_diff_inputs", lang: nil, rows: inputs(a, b).map { [.text($0.what), .text($0.a), .text($0.b)] })
        t.columns += [.init("a", de: a.scenario.name, en: a.scenario.name, kind: .text), .init("b", de: b.scenario.name, en: b.scenario.name, kind: .text)]
        return t
    }

    /// Every result line (model and year) whose baseline revenue, scenario revenue or net effect differs.
    public static func resultTable(_ a: ScenarioEngine, _ b: ScenarioEngine) throws -> ReportTable {
        let ra = try a.run().effects, rb = try b.run().effects
        struct Key: Hashable, Comparable {
            var model: ScenarioModelKind, year: Int
            static func < (x: Key, y: Key) -> Bool {
                let i = ScenarioModelKind.allCases.firstIndex(of: x.model)!, j = ScenarioModelKind.allCases.firstIndex(of: y.model)!
                return i != j ? i < j : x.year < y.year
            }
        }
        let ea = Dictionary(ra.map { (Key(model: $0.model, year: $0.year), $0) }, uniquingKeysWith: { x, _ in x })
        let eb = Dictionary(rb.map { (Key(model: $0.model, year: $0.year), $0) }, uniquingKeysWith: { x, _ in x })
        var t = ReportTable(table: "scenario_diff_results", lang: nil)
        for k in Set(ea.keys).union(eb.keys).sorted() {
            let x = ea[k], y = eb[k]
            guard x?.baselineRevenue != y?.baselineRevenue || x?.scenarioRevenue != y?.scenarioRevenue || x?.net != y?.net else { continue }
            func m(_ v: Money?) -> ReportTable.Cell { v.map { .money($0) } ?? .empty }
            t.rows.append([.text(k.model.rawValue), .integer(Int64(k.year)), m(x?.baselineRevenue), m(y?.baselineRevenue),
                           m(x?.net), m(y?.net), .money((y?.net ?? .zero) - (x?.net ?? .zero))])
        }
        return t
    }
}
