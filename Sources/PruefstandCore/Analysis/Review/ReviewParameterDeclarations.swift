import Foundation

/// The declared parameters of the position review: for each check its parameters, and the decisions'
/// (`automate_first_share`), each in the one parameter format (docs/parameters.md) with name, unit, range,
/// setter and dated values with sources.
///
/// The shipped declarations are the resource `defaults/review.yaml` (`standard`); a test that registers a
/// further check adds that check's declarations beside it (`ReviewCheckRegistry.adding(_:declarations:)`).
/// A rules file may only set declared parameters (the schema); the values it gives replace the declared
/// ones from their first year on.
///
///     checks:
///       long_vacancy:
///         min_months: {name: …, unit: months, reference_period: …, set_by: Kommune, range: [1, 1200], values: […]}
///     decisions:
///       automate_first_share: {…}
public struct ReviewParameterDeclarations: Sendable {
    public var checks: [ReviewCheckID: [String: ParameterEntry]] = [:]
    public var decisions: [String: ParameterEntry] = [:]

    public init() {}

    /// The shipped declarations, read once from the package's resource; a test reads them for every shipped
    /// check (`ReviewParameterTests`), so this cannot fail in a build that passed its tests.
    public static let standard: ReviewParameterDeclarations = {
        do { return try parse(BundledDefaults.document("review.yaml")) } catch { fatalError("the built-in review parameters cannot be read: \(error)") }
    }()

    public static func load(path: String) throws -> ReviewParameterDeclarations {
        try parse(StrictYAML.load(path: path))
    }

    public static func parse(_ doc: StrictYAML) throws -> ReviewParameterDeclarations {
        var out = ReviewParameterDeclarations()
        let top = try doc.dictionary(allowed: ["checks", "decisions"])
        for (key, node, line) in try top["checks"]?.entries() ?? [] {
            guard let id = ReviewCheckID(rawValue: key) else {
                throw PruefstandError.config(path: doc.file, line: line, key: node.keyPath, message: "not a check key: '\(key)'")
            }
            out.checks[id] = try entries(node)
        }
        if let d = top["decisions"] { out.decisions = try entries(d) }
        return out
    }

    static func entries(_ node: StrictYAML) throws -> [String: ParameterEntry] {
        var out: [String: ParameterEntry] = [:]
        for (key, child, line) in try node.entries() {
            var e = try ParameterFile.parseEntry(key: key, node: child)
            e.line = line
            out[key] = e
        }
        return out
    }

    /// These declarations and `other`'s; a parameter declared in both is an error naming both places.
    public func merging(_ other: ReviewParameterDeclarations) throws -> ReviewParameterDeclarations {
        var out = self
        func add(_ e: ParameterEntry, into d: inout [String: ParameterEntry]) throws {
            if let have = d[e.key] {
                throw PruefstandError.config(path: e.file, line: e.line, key: e.key, message: "parameter '\(e.key)' is already declared in \(have.file):\(have.line ?? 0)")
            }
            d[e.key] = e
        }
        for (id, entries) in other.checks { for e in entries.values { try add(e, into: &out.checks[id, default: [:]]) } }
        for e in other.decisions.values { try add(e, into: &out.decisions) }
        return out
    }

    /// A rules file's `parameters` mapping over `declared`: each key must be declared; its `values` replace
    /// the declared ones from their first year on (`ParameterFile.override`).
    static func overriding(_ declared: [String: ParameterEntry], with node: StrictYAML) throws -> [String: ParameterEntry] {
        var out = declared
        for (key, child, line) in try node.entries() {
            guard let d = declared[key] else {
                throw PruefstandError.config(path: node.file, line: line, key: child.keyPath,
                    message: "unknown parameter '\(key)'; declared: \(declared.keys.sorted().joined(separator: ", "))")
            }
            out[key] = try ParameterFile.override(d, with: child)
        }
        return out
    }
}
