import Foundation
import Yams

/// A YAML document as a plain tree of texts, loaded with the bounds a mapping or parameter file needs.
///
/// Yams composes aliases by sharing the anchored node, so composing is cheap, but walking the result
/// is exponential for an alias bomb ("billion laughs"); hashing or comparing such a `Node` is too.
/// This loader therefore bounds the input size, refuses nesting deeper than `maxDepth`, stops after
/// `maxNodes` visited nodes (aliases counted each time they are reached), refuses keys that are not
/// scalars and duplicate keys, and keeps every scalar as text (no `Double` for amounts).
/// The engine's `StrictYAML` loader should keep the same bounds; FuzzYAML exercises them.
enum YAMLTree: Equatable {
    case scalar(String)
    case sequence([YAMLTree])
    case mapping([String: YAMLTree])

    struct Limits {
        var maxBytes = 4 << 20
        var maxDepth = 64
        var maxNodes = 100_000
        var maxScalarBytes = 1 << 20
    }

    struct LoadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func load(_ data: Data, limits: Limits = Limits()) throws -> YAMLTree? {
        guard data.count <= limits.maxBytes else { throw LoadError(message: "larger than \(limits.maxBytes) bytes") }
        guard let text = String(data: data, encoding: .utf8) else { throw LoadError(message: "not UTF-8 text") }
        let node: Node?
        do { node = try Yams.compose(yaml: text) }
        catch { throw LoadError(message: "not valid YAML: \(error)") }
        guard let node else { return nil }
        var budget = limits.maxNodes
        return try convert(node, depth: 0, budget: &budget, limits: limits)
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int, limits: Limits) throws -> YAMLTree {
        budget -= 1
        guard budget >= 0 else { throw LoadError(message: "more than \(limits.maxNodes) nodes (alias expansion?)") }
        guard depth < limits.maxDepth else { throw LoadError(message: "nested deeper than \(limits.maxDepth)") }
        switch node {
        case let .scalar(scalar):
            guard scalar.string.utf8.count <= limits.maxScalarBytes else { throw LoadError(message: "value longer than \(limits.maxScalarBytes) bytes") }
            return .scalar(scalar.string)
        case let .sequence(sequence):
            var items: [YAMLTree] = []
            for item in sequence { items.append(try convert(item, depth: depth + 1, budget: &budget, limits: limits)) }
            return .sequence(items)
        case let .mapping(mapping):
            var entries: [String: YAMLTree] = [:]
            for (key, value) in mapping {
                guard case let .scalar(k) = key else { throw LoadError(message: "a key is not text") }
                budget -= 1
                let converted = try convert(value, depth: depth + 1, budget: &budget, limits: limits)
                guard entries.updateValue(converted, forKey: k.string) == nil else {
                    throw LoadError(message: "key '\(k.string.prefix(40))' given twice")
                }
            }
            return .mapping(entries)
        case .alias:
            throw LoadError(message: "aliases are not allowed")
        }
    }
}
