import Foundation

/// The dated parameters of a consolidation projection, as a projection file sets them over the built-in
/// declarations (`Resources/defaults/projection.yaml`, docs/parameters.md).
///
/// A growth rate, a reserve and the liquidity-loan stock are chosen by the projection's base year (the plan year:
/// `ProjectionScenario.resolved(year:)`, done by `ProjectionModel`); the interest rates are a schedule, each value
/// from its year on; the old-debt relief takes effect once, in the year its value starts.
public struct ProjectionParameters: Sendable, Hashable {
    public var defaultGrowthRate: ParameterEntry
    /// Per account group (`50`): an override of the city's `default_growth_rate` from its first value on.
    public var growthRates: [String: ParameterEntry]
    public var ausgleichsruecklage: ParameterEntry
    public var allgemeineRuecklage: ParameterEntry
    /// Nil when the file has no `debt` section (no debt model).
    public var liquidityLoans: ParameterEntry?
}

extension ProjectionScenario {
    /// The keys of a projection file; `name`, `reference_period`, `base_year`, `years` and `measures` are records,
    /// the others parameters (or sections of parameters).
    static let fileKeys: Set<String> = ["name", "reference_period", "base_year", "years", "default_growth_rate",
                                        "growth_rates", "equity", "measures", "debt"]
    static let measureKeys: Set<String> = ["id", "description", "yearly_saving_euros", "kind", "status", "probability",
                                           "start_year", "source", "raises_rate", "same_positions_as_review"]

    /// Loads and checks a projection file through the one YAML reader (anchors, duplicate and unknown keys,
    /// values outside a declared range, undated values are errors with file, line and key path).
    public static func load(path: String) throws -> ProjectionScenario {
        try read(StrictYAML.load(path: path))
    }

    public static func parse(yaml: String, path: String) throws -> ProjectionScenario {
        try read(StrictYAML.parse(yaml, file: path))
    }

    /// The projection without a city's file: the built-in declarations' values (no growth, no reserves, no debt).
    public static func builtIn() throws -> ProjectionScenario {
        let d = try declarations()
        var s = ProjectionScenario()
        s.parameters = ProjectionParameters(defaultGrowthRate: try d.entry("default_growth_rate"), growthRates: [:],
                                            ausgleichsruecklage: try d.entry("ausgleichsruecklage"),
                                            allgemeineRuecklage: try d.entry("allgemeine_ruecklage"), liquidityLoans: nil)
        return s.resolved(year: Int.max)
    }

    /// The scenario with its parameters' values in force in `year` (the base year); before the first value, the
    /// first. A scenario without dated parameters (built in Swift) is returned as it is.
    public func resolved(year: Int) -> ProjectionScenario {
        guard let p = parameters else { return self }
        var s = self
        s.defaultGrowthRate = p.defaultGrowthRate.inForce(year)?.value ?? defaultGrowthRate
        s.growthRates = p.growthRates.compactMapValues { $0.inForce(year)?.value }
        s.ausgleichsruecklage = p.ausgleichsruecklage.inForce(year).map(Self.euros) ?? ausgleichsruecklage
        s.allgemeineRuecklage = p.allgemeineRuecklage.inForce(year).map(Self.euros) ?? allgemeineRuecklage
        if let loans = p.liquidityLoans?.inForce(year) { s.debt?.liquidityLoans = Self.euros(loans) }
        return s
    }

    /// A whole-euro value (checked when read) as money.
    static func euros(_ v: DatedValue) -> Money { Money(cents: NSDecimalNumber(decimal: v.value * 100).int64Value) }

    static func declarations() throws -> [String: ParameterEntry] {
        try ParameterFile.declarations(BundledDefaults.document("projection.yaml"))
    }

    static func read(_ doc: StrictYAML) throws -> ProjectionScenario {
        try refuseOldForm(doc)
        let declared = try declarations()
        let f = try doc.dictionary(allowed: fileKeys, required: ["name", "reference_period"])
        let name = try f["name"]!.localized()
        _ = try f["reference_period"]!.text()
        let growth = try override(declared.entry("default_growth_rate"), f["default_growth_rate"])
        var groups: [String: ParameterEntry] = [:]
        for (group, node, line) in try f["growth_rates"]?.entries() ?? [] {
            guard group.count == 2, group.allSatisfy(\.isASCIIDigitChar), ["4", "5"].contains(group.first!) else {
                throw PruefstandError.config(path: doc.file, line: line, key: node.keyPath,
                                             message: "'\(group)' is not an account group of class 4 or 5 (e.g. 50)")
            }
            groups[group] = try wholeEuros(ParameterFile.override(growth, with: node))
        }
        let equity = try f["equity"]?.dictionary(allowed: ["ausgleichsruecklage", "allgemeine_ruecklage"]) ?? [:]
        var scenario = ProjectionScenario(name: name.de, measures: try measures(f["measures"]), debt: try debt(f["debt"], declared))
        if let b = f["base_year"] {
            let y = try b.int()
            guard FiscalYear.supportedRange.contains(y) else { throw b.fail("\(y) is not in \(FiscalYear.supportedRangeText)") }
            scenario.baseYear = y
        }
        if let n = f["years"] {
            scenario.years = try n.int()
            guard (1...10).contains(scenario.years) else { throw n.fail("\(scenario.years) years: a projection covers 1 to 10 years") }
        }
        scenario.parameters = ProjectionParameters(
            defaultGrowthRate: growth, growthRates: groups,
            ausgleichsruecklage: try override(declared.entry("ausgleichsruecklage"), equity["ausgleichsruecklage"]),
            allgemeineRuecklage: try override(declared.entry("allgemeine_ruecklage"), equity["allgemeine_ruecklage"]),
            liquidityLoans: try f["debt"].map { try override(declared.entry("liquidity_loans"), $0.dictionary()["liquidity_loans"]) })
        // Until a base year is known (the store's latest plan year), the newest values hold.
        return scenario.resolved(year: scenario.baseYear ?? Int.max)
    }

    /// A declared parameter as the file sets it (or the declaration, when the file leaves it out).
    static func override(_ declared: ParameterEntry, _ node: StrictYAML?) throws -> ParameterEntry {
        guard let node else { return declared }
        return try wholeEuros(ParameterFile.override(declared, with: node))
    }

    /// A value in EUR is a whole number of euros (as the plan's figures in a projection are).
    static func wholeEuros(_ e: ParameterEntry) throws -> ParameterEntry {
        if e.unit == .eur { for v in e.values { _ = try v.wholeNumber(key: e.key) } }
        return e
    }

    /// The HSK measures: records, each with its source.
    static func measures(_ node: StrictYAML?) throws -> [ConsolidationMeasure] {
        var ids = Set<String>()
        return try (node?.list() ?? []).map { item in
            let m = try item.dictionary(allowed: measureKeys, required: measureKeys.subtracting(["raises_rate", "same_positions_as_review"]))
            let id = try m["id"]!.text()
            guard ids.insert(id).inserted else { throw m["id"]!.fail("measure \(id) given twice") }
            let kindText = try m["kind"]!.text(), statusText = try m["status"]!.text()
            guard let kind = ConsolidationMeasure.Kind(rawValue: kindText) else {
                throw m["kind"]!.fail("unknown kind '\(kindText)'; allowed: \(ConsolidationMeasure.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let status = ConsolidationMeasure.Status(rawValue: statusText) else {
                throw m["status"]!.fail("unknown status '\(statusText)'; allowed: \(ConsolidationMeasure.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let probability = try m["probability"]!.decimal()
            guard probability >= 0, probability <= 1 else { throw m["probability"]!.fail("a probability is a share between 0 and 1, found \(probability)") }
            _ = try m["source"]!.text()
            let saving = m["yearly_saving_euros"]!
            return ConsolidationMeasure(id: id, description: try m["description"]!.text(),
                                        yearlySaving: try Money(euros: Int64(saving.int()), checking: "\(saving.file):\(saving.line ?? 0): \(saving.keyPath)"),
                                        kind: kind, status: status, probability: probability, startYear: try m["start_year"]!.year(),
                                        raisesRate: try m["raises_rate"]?.text(),
                                        samePositionsAsReview: try m["same_positions_as_review"]?.bool() ?? false)
        }
    }

    /// The debt model: liquidity loans (resolved by the base year), the interest schedule and the old-debt relief.
    static func debt(_ node: StrictYAML?, _ declared: [String: ParameterEntry]) throws -> DebtModel? {
        guard let node else { return nil }
        let d = try node.dictionary(allowed: ["liquidity_loans", "interest_rates", "interest_account_group", "relief_share", "relief_amount"],
                                    required: ["liquidity_loans", "interest_rates"])
        // The schedule from the file's first value on (earlier years: its first rate, `DebtModel.rate(in:)`).
        let rates = try override(declared.entry("interest_rates"), d["interest_rates"])
        let first = try ownValues(d["interest_rates"]!).first!.validFrom
        var model = DebtModel(liquidityLoans: .zero, interestRates: rates.values.filter { $0.validFrom >= first }.map { ($0.validFrom, $0.value) },
                              interestAccountGroup: try d["interest_account_group"]?.text() ?? "55")
        if d["relief_share"] != nil && d["relief_amount"] != nil {
            throw d["relief_amount"]!.fail("give one of relief_share and relief_amount, not both")
        }
        for key in ["relief_share", "relief_amount"] {
            guard let r = d[key] else { continue }
            _ = try override(declared.entry(key), r)
            let own = try ownValues(r)
            guard own.count == 1 else {
                throw PruefstandError.config(path: r.file, line: own[1].line, key: r.keyPath,
                    message: "the old-debt relief takes effect once: give one dated value (from: the year the state takes over)")
            }
            model.reliefYear = own[0].validFrom
            if key == "relief_share" { model.reliefShare = own[0].value } else { model.reliefAmount = euros(own[0]) }
        }
        return model
    }

    /// The dated values a file writes for a parameter (without the declaration's), checked as an override's are.
    static func ownValues(_ node: StrictYAML) throws -> [DatedValue] {
        try ParameterFile.parseValues(node.dictionary()["values"] ?? node, range: nil)
    }

    /// The projection files before issue 18 (`default_growth_rate: {value: …}`, a `growth_rates` list,
    /// `…_euros` stocks, `from_year` schedules, `relief: {from_year: …}`) are refused with a one-line hint.
    static func refuseOldForm(_ doc: StrictYAML) throws {
        guard doc.isMapping else { return }
        let hint = "a projection parameter is dated now: write `values: [{from: 2000, value: …, source: \"…\"}]`; growth_rates is a mapping by account group (\"50\": {values: …}), and equity.ausgleichsruecklage, debt.liquidity_loans, debt.interest_rates, debt.relief_share or relief_amount replace the `_euros`, `from_year` and `relief` keys (docs/parameters.md, \"Converting a projection file\")"
        func old(_ node: StrictYAML) -> PruefstandError { node.fail(Phrase(hint)) }
        let d = try doc.dictionary()
        if let g = d["default_growth_rate"] {
            if g.scalarText != nil { throw old(g) }
            if g.isMapping, try g.dictionary()["value"] != nil { throw old(g) }
        }
        if let g = d["growth_rates"], g.isList { throw old(g) }
        for section in ["equity", "debt"] {
            guard let s = d[section], s.isMapping else { continue }
            for (key, node, _) in try s.entries() where key.hasSuffix("_euros") || key == "relief" || (key == "interest_rates" && node.isList) {
                throw old(node)
            }
        }
    }
}

private extension Dictionary where Key == String, Value == ParameterEntry {
    /// A declared parameter of the built-in file (a missing one is an error in the shipped resource).
    func entry(_ key: String) throws -> ParameterEntry {
        guard let e = self[key] else {
            throw PruefstandError.config(path: BundledDefaults.sourcePath("projection.yaml"), line: nil, key: key, message: "parameter '\(key)' is not declared")
        }
        return e
    }
}
