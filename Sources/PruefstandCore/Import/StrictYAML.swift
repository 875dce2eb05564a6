import Foundation
import Yams

/// A YAML node read strictly: unknown keys, wrong types and missing keys are errors that name the
/// file, the line and the key path. Used for mapping files, the run manifest and parameter listings;
/// the document itself comes from `YAMLLoader`, the one strict loader of every YAML file the tool reads.
public struct StrictYAML {
    public let node: Node
    public let file: String
    public let keyPath: String

    /// Parses a whole file through `YAMLLoader` (anchors, aliases, duplicate keys, non-UTF-8, oversize
    /// input, deep nesting and too many nodes are refused with file and line).
    public static func load(path: String) throws -> StrictYAML {
        StrictYAML(node: try YAMLLoader.load(path: path), file: path, keyPath: "")
    }

    public static func parse(_ text: String, file: String) throws -> StrictYAML {
        StrictYAML(node: try YAMLLoader.parse(text, file: file), file: file, keyPath: "")
    }

    public var line: Int? { node.mark.map { $0.line } }

    func fail(_ message: String) -> PruefstandError {
        .config(path: file, line: line, key: keyPath.isEmpty ? nil : keyPath, message: message)
    }

    /// The entries of a mapping; any key outside `allowed` is an error (nil allows any key).
    public func mapping(allowed: Set<String>? = nil, required: Set<String> = []) throws -> [(key: String, value: StrictYAML)] {
        guard let m = node.mapping else { throw fail("expected a mapping (key: value)") }
        var out: [(String, StrictYAML)] = []
        var seen = Set<String>()
        for (k, v) in m {
            guard let key = k.string else { throw fail("a key is not text") }
            let child = StrictYAML(node: v, file: file, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)")
            if let allowed, !allowed.contains(key) {
                throw PruefstandError.config(path: file, line: k.mark?.line, key: child.keyPath,
                                             message: "unknown key '\(key)'; allowed: \(allowed.sorted().joined(separator: ", "))")
            }
            if !seen.insert(key).inserted {
                throw PruefstandError.config(path: file, line: k.mark?.line, key: child.keyPath, message: "key given twice")
            }
            out.append((key, child))
        }
        for r in required.sorted() where !seen.contains(r) {
            throw fail("missing key '\(r)'")
        }
        return out
    }

    public func dictionary(allowed: Set<String>? = nil, required: Set<String> = []) throws -> [String: StrictYAML] {
        Dictionary(uniqueKeysWithValues: try mapping(allowed: allowed, required: required))
    }

    public func string() throws -> String {
        guard case .scalar(let s) = node else { throw fail("expected a single value") }
        return s.string
    }

    public func int() throws -> Int {
        guard let i = Int(try string().trimmingCharacters(in: .whitespaces)) else { throw fail("expected a whole number") }
        return i
    }

    public func bool() throws -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "ja", "on": return true
        case "false", "no", "nein", "off": return false
        default: throw fail("expected true or false")
        }
    }

    /// A single string or a list of strings.
    public func strings() throws -> [String] {
        if case .scalar = node { return [try string()] }
        guard let seq = node.sequence else { throw fail("expected a value or a list of values") }
        return try seq.enumerated().map { i, n in try StrictYAML(node: n, file: file, keyPath: "\(keyPath)[\(i)]").string() }
    }

    public func list() throws -> [StrictYAML] {
        guard let seq = node.sequence else { throw fail("expected a list") }
        return seq.enumerated().map { i, n in StrictYAML(node: n, file: file, keyPath: "\(keyPath)[\(i)]") }
    }
}
