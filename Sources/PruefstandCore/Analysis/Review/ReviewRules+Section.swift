import Foundation
import Yams

/// One check's section of the rules file (`checks.<id>`), handed to the check's parameter type.
///
/// The type asks for its parameters by key (`int`, `decimal`, `share`) and for further parts of the section
/// (`node`: a table, a list of norms). A parameter is a bare value or a mapping with `value`, `unit`,
/// `description`, `source`, `approximated`, `reference_period`. Every key of the section or of its
/// `parameters` that the type did not ask for is refused afterwards (`finish`) with file, line and key, so
/// a check's keys are written once, where its parameter type reads them.
///
///     mutating func read(_ s: ReviewRulesSection) throws {
///         if let v = try s.int("min_months", min: 1, max: 1_200) { minMonths = v }
///     }
public final class ReviewRulesSection {
    /// The keys every check's section may have (its names and documentation, `enabled`, `parameters`).
    static let commonKeys = ["enabled", "name_de", "name_en", "looks_at", "why", "score", "saving", "parameters"]
    let parser: ReviewRules.Parser
    /// `checks.<id>`, the prefix of every key in an error.
    public let context: String
    let entries: ReviewRules.Parser.Entries
    let parameters: ReviewRules.Parser.Entries
    private var sectionKeys = ReviewRulesSection.commonKeys
    private var parameterKeys: [String] = []

    init(_ node: Node, context: String, parser: ReviewRules.Parser) throws {
        self.parser = parser; self.context = context
        entries = try parser.mapping(node, key: context)
        parameters = try entries["parameters"].map { try parser.mapping($0.value, key: "\(context).parameters") } ?? [:]
    }

    /// `enabled: true|false`, nil when left out.
    func enabled() throws -> Bool? {
        guard let e = entries["enabled"] else { return nil }
        guard let b = e.value.bool else { throw parser.fail(e.value, "\(context).enabled", "expected true or false") }
        return b
    }

    func key(_ name: String) -> String { "\(context).parameters.\(name)" }

    /// The value of a parameter, nil when the file leaves it out.
    func value(_ name: String) throws -> Node? {
        parameterKeys.append(name)
        guard let e = parameters[name] else { return nil }
        return try parser.parameterValue(e.value, key: key(name))
    }
    /// A whole number in `min...max`.
    public func int(_ name: String, min: Int, max: Int) throws -> Int? {
        try value(name).map { try parser.int($0, key: key(name), min: min, max: max) }
    }
    /// A number in `range`.
    public func decimal(_ name: String, in range: ClosedRange<Decimal>) throws -> Decimal? {
        try value(name).map { try parser.decimal($0, key: key(name), in: range) }
    }
    /// A share in 0…1.
    public func share(_ name: String) throws -> Decimal? {
        try value(name).map { try parser.share($0, key: key(name)) }
    }
    /// The parameter's `source`, where it is written as a mapping with one.
    public func source(_ name: String) -> String? {
        parameters[name]?.value.mapping?["source"]?.string
    }
    /// A further part of the section beside `parameters` (a table, a list of norms), nil when left out.
    func node(_ name: String) -> Node? {
        sectionKeys.append(name)
        return entries[name]?.value
    }

    /// Refuses the keys the parameter type did not ask for: first the section's, then its parameters'.
    func finish() throws {
        try parser.allow(entries, sectionKeys, in: context)
        try parser.allow(parameters, parameterKeys, in: "\(context).parameters")
    }
}
