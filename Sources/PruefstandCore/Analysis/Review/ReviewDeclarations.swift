import Foundation

/// The declarations of the position review: for each check its names, what it flags, its saving and its
/// parameters (`ReviewCheckDeclaration`), and the decisions' parameters (`automate_first_share`), each parameter
/// in the one parameter format (docs/parameters.md) with name, unit, range, setter and dated values with sources.
///
/// A check's metadata is data beside its parameters, so that its Swift file declares only its id, its parameter
/// type and its rule. The shipped declarations are the resource `defaults/review.yaml` (`standard`); a test that
/// registers a further check adds that check's declaration beside it (`ReviewCheckRegistry.adding(_:declarations:)`).
/// The key paths are the rules file's (`checks.<id>.parameters.<key>`, `decisions.parameters.<key>`): a rules
/// file may only set declared parameters (the schema), and the values it gives replace the declared ones from
/// their first year on. Unknown and duplicate keys, anchors, a missing name, `flags` or `saving` are refused with
/// file, line and key path.
///
///     checks:
///       long_vacancy:
///         name: {de: Lange Vakanz, en: Long vacancy}
///         flags: a position vacant for at least `min_months` whole months …
///         saving: annual cost of the position
///         parameters:
///           min_months: {name: …, unit: months, reference_period: …, set_by: Kommune, range: [1, 1200], values: […]}
///     decisions:
///       parameters:
///         automate_first_share: {…}
public struct ReviewDeclarations: Sendable {
    public var checks: [ReviewCheckID: ReviewCheckDeclaration] = [:]
    public var decisions: [String: ParameterEntry] = [:]
    /// The files read, in order (for a message about a check declared nowhere).
    public var files: [String] = []

    public init() {}

    /// The shipped declarations, read once from the package's resource; a test reads them for every shipped
    /// check (`ReviewParameterTests`, `ReviewDeclarationsTests`), so this cannot fail in a build that passed its tests.
    public static let standard: ReviewDeclarations = {
        do { return try parse(BundledDefaults.document("review.yaml")) } catch { fatalError("the built-in review declarations cannot be read: \(error)") }
    }()

    public static func load(path: String) throws -> ReviewDeclarations {
        try parse(StrictYAML.load(path: path))
    }

    public static func parse(_ doc: StrictYAML) throws -> ReviewDeclarations {
        var out = ReviewDeclarations()
        out.files = [doc.file]
        let top = try doc.dictionary(allowed: ["checks", "decisions"])
        for (key, node, line) in try top["checks"]?.entries() ?? [] {
            guard let id = ReviewCheckID(rawValue: key) else {
                throw PruefstandError.config(path: doc.file, line: line, key: node.keyPath,
                                             message: Phrase(de: "kein Prüfungsschlüssel: '\(Phrase.quoted(key))'", en: "not a check key: '\(Phrase.quoted(key))'"))
            }
            out.checks[id] = try ReviewCheckDeclaration(id: id, node: node, line: line)
        }
        if let d = top["decisions"] {
            out.decisions = try d.dictionary(allowed: ["parameters"])["parameters"].map(entries) ?? [:]
        }
        return out
    }

    /// The parameters of a `parameters` mapping, each with the line of its key.
    static func entries(_ node: StrictYAML) throws -> [String: ParameterEntry] {
        var out: [String: ParameterEntry] = [:]
        for (key, child, line) in try node.entries() {
            var e = try ParameterFile.parseEntry(key: key, node: child)
            e.line = line
            out[key] = e
        }
        return out
    }

    /// These declarations and `other`'s; a check or a decision's parameter declared in both is an error naming both places.
    public func merging(_ other: ReviewDeclarations) throws -> ReviewDeclarations {
        var out = self
        out.files += other.files
        for (id, c) in other.checks.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let have = checks[id] {
                throw PruefstandError.config(path: c.file, line: c.line, key: "checks.\(id)",
                    message: Phrase(de: "Prüfung '\(id)' ist bereits deklariert in \(have.file):\(have.line ?? 0)",
                                    en: "check '\(id)' is already declared in \(have.file):\(have.line ?? 0)"))
            }
            out.checks[id] = c
        }
        for e in other.decisions.values.sorted(by: { $0.key < $1.key }) {
            if let have = decisions[e.key] {
                throw PruefstandError.config(path: e.file, line: e.line, key: e.key,
                    message: Phrase(de: "Parameter '\(e.key)' ist bereits deklariert in \(have.file):\(have.line ?? 0)",
                                    en: "parameter '\(e.key)' is already declared in \(have.file):\(have.line ?? 0)"))
            }
            out.decisions[e.key] = e
        }
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

/// What the docs, the CLI and the workbook say about a check, and its parameters: its section `checks.<id>` of
/// the declarations (`defaults/review.yaml`).
public struct ReviewCheckDeclaration: Sendable {
    public var id: ReviewCheckID
    public var nameDE: String
    public var nameEN: String
    /// What the check flags, one sentence (the docs' table of checks).
    public var flags: String
    /// How its saving is computed, or `none`.
    public var saving: String
    /// Its declared parameters with their default values, by key.
    public var parameters: [String: ParameterEntry]
    /// Where it is declared (the line of its key).
    public var file: String
    public var line: Int?

    public func name(_ lang: Language) -> String { lang == .de ? nameDE : nameEN }

    /// Reads `checks.<id>`: `name` (`{de:, en:}`), `flags` and `saving` required, `parameters` optional (a check
    /// without parameters leaves it out).
    init(id: ReviewCheckID, node: StrictYAML, line: Int?) throws {
        let f = try node.dictionary(allowed: ["name", "flags", "saving", "parameters"], required: ["name", "flags", "saving"])
        let name = try f["name"]!.localized()
        self.id = id; nameDE = name.de; nameEN = name.en
        flags = try f["flags"]!.text(); saving = try f["saving"]!.text()
        parameters = try f["parameters"].map(ReviewDeclarations.entries) ?? [:]
        file = node.file; self.line = line
    }
}
