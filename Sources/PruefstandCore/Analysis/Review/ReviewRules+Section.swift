import Foundation

/// One check's section of the rules file (`checks.<id>`) for one year, handed to the check's parameter type.
///
/// The type asks for its parameters by key (`int`, `decimal`, `share`): each is a declared parameter
/// (`defaults/review.yaml`, or the rules file's values over it), and the value in force in `year` is returned
/// (docs/parameters.md). Further parts of the section (`node`: a table, a list of norms) come from the rules
/// file. Every key of the section the type did not ask for is refused afterwards (`finish`) with file, line and
/// key, and so is a declared parameter the type does not read, so a check's keys are written once, where its
/// parameter type reads them. A `Decodable` parameter type needs no reader (`ReviewRulesSection+Decoder.swift`);
/// one with a table reads its section itself:
///
///     init(_ s: ReviewRulesSection) throws {
///         threshold = try s.share("threshold")
///         table = try s.node("table").map { try Self.readTable($0, s) } ?? []
///     }
public final class ReviewRulesSection {
    /// The keys every check's section may have (its names and documentation, `enabled`, `parameters`).
    static let commonKeys = ["enabled", "name_de", "name_en", "looks_at", "why", "score", "saving", "parameters"]
    let parser: ReviewRules.Parser
    /// `checks.<id>`, the prefix of every key in an error.
    public let context: String
    /// The year whose values are read.
    public let year: Int
    let entries: ReviewRules.Parser.Entries
    let parameters: [String: ParameterEntry]
    private var sectionKeys = ReviewRulesSection.commonKeys
    private var asked = Set<String>()

    init(_ node: StrictYAML?, context: String, parser: ReviewRules.Parser, parameters: [String: ParameterEntry], year: Int) throws {
        self.parser = parser; self.context = context; self.parameters = parameters; self.year = year
        entries = try node.map { try parser.mapping($0, key: context) } ?? [:]
    }

    func key(_ name: String) -> String { "\(context).parameters.\(name)" }

    /// The dated value of a declared parameter in force in `year`.
    func value(_ name: String) throws -> DatedValue {
        asked.insert(name)
        guard let entry = parameters[name] else {
            throw PruefstandError.config(path: parser.path, line: nil, key: key(name),
                message: "parameter '\(name)' is not declared: declare it with its default values under \(context).parameters in Sources/PruefstandCore/Resources/defaults/review.yaml")
        }
        guard let v = entry.dated(in: year) else {
            throw PruefstandError.config(path: entry.file, line: entry.line, key: key(name),
                message: "parameter '\(name)' has no value for \(year) (first value from \(entry.values.first?.validFrom ?? 0))")
        }
        return v
    }
    /// A whole number (its range is the declaration's).
    public func int(_ name: String) throws -> Int { try value(name).wholeNumber(key: key(name)) }
    /// A number (its range is the declaration's).
    public func decimal(_ name: String) throws -> Decimal { try value(name).value }
    /// A share in 0…1.
    public func share(_ name: String) throws -> Decimal { try value(name).share(key: key(name)) }
    /// The source of the parameter's value in force in `year`.
    public func source(_ name: String) -> String? {
        parameters[name]?.dated(in: year)?.source
    }
    /// A further part of the section beside `parameters` (a table, a list of norms), nil when left out.
    func node(_ name: String) -> StrictYAML? {
        sectionKeys.append(name)
        return entries[name]?.value
    }

    /// Refuses the section's keys the parameter type did not ask for, and declared parameters it does not read.
    func finish() throws {
        try parser.allow(entries, sectionKeys, in: context)
        for name in parameters.keys.sorted() where !asked.contains(name) {
            let e = parameters[name]!
            throw PruefstandError.config(path: e.file, line: e.line, key: key(name),
                                         message: "parameter '\(name)' is declared, but \(context) does not read it")
        }
    }
}
