import Foundation
import Yams

/// A YAML node read strictly: unknown keys, wrong types and missing keys are errors that name the
/// file, the line and the key path.
///
/// The one reader of every YAML file Pruefstand reads (issue 18): mapping files, the run manifest, parameter
/// files (scenario, review, audit and projection parameters: docs/parameters.md), scenario and city files,
/// statute cases. The document itself comes from `YAMLLoader`, which has already refused anchors, aliases,
/// duplicate keys, non-UTF-8, oversize files, too-long values, deep nesting and too many nodes with file and
/// line; this type checks a document against its schema (allowed and required keys, value types) and reports
/// every problem as one error type, `PruefstandError.config(path:line:key:message:)`. Numbers are read as
/// exact `Decimal`s from their text, never through `Double`.
///
///     let doc = try StrictYAML.load(path: "Datasets/musterstadt/rules/review.yaml")
///     let top = try doc.dictionary(allowed: ["title", "checks"], required: ["checks"])
public struct StrictYAML: @unchecked Sendable {
    public let node: Node
    public let file: String
    public let keyPath: String

    public init(node: Node, file: String, keyPath: String) {
        self.node = node; self.file = file; self.keyPath = keyPath
    }

    /// Parses a whole file through `YAMLLoader` (anchors, aliases, duplicate keys, non-UTF-8, oversize
    /// input, deep nesting and too many nodes are refused with file and line).
    public static func load(path: String) throws -> StrictYAML {
        StrictYAML(node: try YAMLLoader.load(path: path), file: path, keyPath: "")
    }

    public static func parse(_ text: String, file: String) throws -> StrictYAML {
        StrictYAML(node: try YAMLLoader.parse(text, file: file), file: file, keyPath: "")
    }

    public var line: Int? { node.mark.map { $0.line } }

    /// The node's shape, for readers that walk a document without a schema (the parameter listing), so that no
    /// reader outside Support/ handles Yams nodes.
    public var isMapping: Bool { node.mapping != nil }
    public var isList: Bool { node.sequence != nil }
    /// The text of a single value; nil for a mapping or a list.
    public var scalarText: String? { node.scalar?.string }
    /// A null value (`null`, `~` or nothing).
    public var isNull: Bool { node.null != nil }
    /// The same node under another key path (a section handed to a reader of its own).
    public func at(keyPath: String) -> StrictYAML { StrictYAML(node: node, file: file, keyPath: keyPath) }
    /// The list's items; nil when the node is not a list.
    public var items: [StrictYAML]? { isList ? try? list() : nil }

    /// An error at this node: file, line and key path.
    public func fail(_ message: Phrase) -> PruefstandError {
        .config(path: file, line: line, key: keyPath.isEmpty ? nil : keyPath, message: message)
    }

    func child(_ key: String, _ node: Node) -> StrictYAML {
        StrictYAML(node: node, file: file, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)")
    }

    /// The mapping's entries in file order, with keys as text and the line of each key.
    public func entries() throws -> [(key: String, node: StrictYAML, line: Int?)] {
        guard let m = node.mapping else { throw fail(Phrase(de: "erwartet eine Zuordnung (Zeilen schlüssel: wert)", en: "expected a mapping (key: value lines)")) }
        return try m.map { pair in
            guard let key = pair.key.string else {
                throw PruefstandError.config(path: file, line: pair.key.mark?.line, key: keyPath.isEmpty ? nil : keyPath, message: Phrase(de: "ein Schlüssel muss Text sein", en: "a key must be text"))
            }
            return (key, child(key, pair.value), pair.key.mark?.line)
        }
    }

    /// The entries of a mapping; any key outside `allowed` is an error (nil allows any key), and so is a
    /// missing `required` key.
    public func mapping(allowed: Set<String>? = nil, required: Set<String> = []) throws -> [(key: String, value: StrictYAML)] {
        var out: [(String, StrictYAML)] = []
        var seen = Set<String>()
        for (key, child, keyLine) in try entries() {
            if let allowed, !allowed.contains(key) {
                let shown = Phrase.quoted(key), list = allowed.sorted().joined(separator: ", ")
                throw PruefstandError.config(path: file, line: keyLine, key: Phrase.quoted(child.keyPath, limit: 200),
                                             message: Phrase(de: "unbekannter Schlüssel '\(shown)'; erlaubt: \(list)", en: "unknown key '\(shown)'; allowed: \(list)"))
            }
            // `YAMLLoader` refuses a key given twice before any node is built; this guards hand-built nodes.
            if !seen.insert(key).inserted {
                throw PruefstandError.config(path: file, line: keyLine, key: child.keyPath, message: Phrase(de: "Schlüssel '\(Phrase.quoted(key))' zweimal angegeben", en: "key '\(Phrase.quoted(key))' given twice"))
            }
            out.append((key, child))
        }
        for r in required.sorted() where !seen.contains(r) {
            throw fail(Phrase(de: "Pflichtschlüssel '\(r)' fehlt", en: "required key '\(r)' is missing"))
        }
        return out
    }

    public func dictionary(allowed: Set<String>? = nil, required: Set<String> = []) throws -> [String: StrictYAML] {
        Dictionary(uniqueKeysWithValues: try mapping(allowed: allowed, required: required))
    }

    /// A single value (may be empty).
    public func string() throws -> String {
        guard case .scalar(let s) = node else { throw fail(Phrase(de: "erwartet einen einzelnen Wert", en: "expected a single value")) }
        return s.string
    }

    /// A single value that is not empty.
    public func text() throws -> String {
        guard let s = node.scalar?.string, !s.isEmpty else { throw fail(Phrase(de: "erwartet Text", en: "expected text")) }
        return s
    }

    /// A whole number of at most 15 digits (`_` may group digits), so that arithmetic on it (`bracket − 1`,
    /// `children − fee_free − siblings`, a header row) cannot pass the 64-bit range.
    public func int() throws -> Int {
        let s = node.scalar?.string ?? "?"
        guard node.scalar != nil, let i = Int(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")),
              i.magnitude < 1_000_000_000_000_000 else {
            throw fail(Phrase(de: "erwartet eine ganze Zahl (höchstens 15 Ziffern), gefunden '\(Phrase.quoted(s))'",
                              en: "expected a whole number (at most 15 digits), found '\(Phrase.quoted(s))'"))
        }
        return i
    }

    public func bool() throws -> Bool {
        guard let s = node.scalar?.string else { throw fail(Phrase(de: "erwartet true oder false", en: "expected true or false")) }
        switch s.lowercased() {
        case "true", "yes", "ja", "on": return true
        case "false", "no", "nein", "off": return false
        default: throw fail(Phrase(de: "erwartet true oder false, gefunden '\(Phrase.quoted(s))'", en: "expected true or false, found '\(Phrase.quoted(s))'"))
        }
    }

    /// A single string or a list of strings.
    public func strings() throws -> [String] {
        if case .scalar = node { return [try string()] }
        guard let seq = node.sequence else { throw fail(Phrase(de: "erwartet einen Wert oder eine Liste von Werten", en: "expected a value or a list of values")) }
        return try seq.enumerated().map { i, n in try StrictYAML(node: n, file: file, keyPath: "\(keyPath)[\(i)]").string() }
    }

    public func list() throws -> [StrictYAML] {
        guard let seq = node.sequence else { throw fail(Phrase(de: "erwartet eine Liste", en: "expected a list")) }
        return seq.enumerated().map { i, n in StrictYAML(node: n, file: file, keyPath: "\(keyPath)[\(i)]") }
    }
}
