import Foundation

/// One step of a computation as an auditor redoes it: what is computed, the formula, the result,
/// and the inputs with their values, units and sources. `scenario explain` prints the tree.
public struct ComputationStep: Sendable {
    public var labelDE: String
    public var labelEN: String
    public var formula: String
    public var result: String
    public var inputs: [ComputationInput]
    public var children: [ComputationStep]
    public var noteDE: String?
    public var noteEN: String?

    public init(de: String, en: String, formula: String, result: String, inputs: [ComputationInput] = [],
                children: [ComputationStep] = [], noteDE: String? = nil, noteEN: String? = nil) {
        labelDE = de; labelEN = en; self.formula = formula; self.result = result; self.inputs = inputs
        self.children = children; self.noteDE = noteDE; self.noteEN = noteEN
    }

    /// The tree as indented text.
    public func render(_ lang: Language, indent: String = "", number: String = "1") -> String {
        var out = "\(indent)[\(number)] \(lang == .de ? labelDE : labelEN) = \(result)\n"
        let pad = indent + "    "
        if !formula.isEmpty { out += "\(pad)\(lang == .de ? "Formel" : "Formula"): \(formula)\n" }
        var seen = Set<ComputationInput>()
        for input in inputs where seen.insert(input).inserted { out += "\(pad)- \(input.render(lang))\n" }
        if let note = lang == .de ? noteDE : noteEN { out += "\(pad)\(lang == .de ? "Hinweis" : "Note"): \(note)\n" }
        for (i, child) in children.enumerated() {
            out += child.render(lang, indent: pad, number: "\(number).\(i + 1)")
        }
        return out
    }
}

/// An input of a computation step: a parameter (with key, validity and source) or a data value.
public struct ComputationInput: Sendable, Hashable {
    public var key: String
    public var nameDE: String
    public var nameEN: String
    public var value: String
    public var unit: String
    public var validFrom: Int?
    public var source: String

    public func render(_ lang: Language) -> String {
        let name = lang == .de ? nameDE : nameEN
        let valid = validFrom.map { lang == .de ? ", gültig ab \($0)" : ", valid from \($0)" } ?? ""
        let k = key.isEmpty ? "" : "\(key) "
        return "\(k)(\(name)) = \(value) \(unit)\(valid); \(lang == .de ? "Quelle" : "Source"): \(source)"
    }

    /// A parameter value in force in `year`.
    public static func parameter(_ set: ParameterSet, _ key: String, _ year: Int) throws -> ComputationInput {
        let v = try set.dated(key, year)
        let entry = set[key]!
        return ComputationInput(key: key, nameDE: entry.nameDE, nameEN: entry.nameEN, value: "\(v.value)",
                                unit: entry.unit.label, validFrom: v.validFrom, source: v.citation)
    }

    /// A typed key's value in force in `year`.
    public static func parameter(_ set: ParameterSet, _ key: some ParameterKey, _ year: Int) throws -> ComputationInput {
        try parameter(set, key.key, year)
    }

    public static func data(_ de: String, _ en: String, _ value: String, unit: String = "", source: String) -> ComputationInput {
        ComputationInput(key: "", nameDE: de, nameEN: en, value: value, unit: unit, validFrom: nil, source: source)
    }
}

extension Money {
    func scenarioText(_ lang: Language) -> String { lang == .de ? germanString : "\(plainString) EUR" }
}

extension Decimal {
    /// Rounds to `scale` decimals, half away from zero (for display of factors).
    func scenarioRounded(_ scale: Int) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
    var scenarioDouble: Double { NSDecimalNumber(decimal: self).doubleValue }
}
