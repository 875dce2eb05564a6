import Foundation
import Yams

/// The parameters of the position review, resolved from a rules file (YAML) or the built-in defaults.
///
/// Each check's parameters are its own type beside the check (`LongVacancyCheck.Parameters`), read from the
/// check's section `checks.<id>` by that type and reached by `rules[LongVacancyCheck.self]`; a check the
/// file leaves out, or a key a section leaves out, keeps the type's `defaults`. The shipped file
/// `Datasets/musterstadt/rules/review.yaml` documents every check (what it looks at, why, its score formula)
/// and every parameter with its value, unit and source (a test checks the values equal the defaults).
/// Unknown keys are errors that name the file, the key and the line. Besides the checks: the protected posts
/// (`ReviewRules+Posts.swift`) and the decisions' `automate_first_share`.
///
///     let rules = try ReviewRules.load(path: "Datasets/musterstadt/rules/review.yaml")
///     let result = try ReviewEngine(rules: rules).run(input, asOf: CivilDate(iso: "2026-01-01")!)
///     let months = rules[LongVacancyCheck.self].minMonths
public struct ReviewRules: Sendable {
    /// Checks switched off (`enabled: false`); a check not named is on.
    public var enabled: [ReviewCheckID: Bool] = [:]
    /// Parameters read from a file, by check; a check without an entry uses its type's `defaults`.
    private var parameters: [ReviewCheckID: any ReviewCheckParameters] = [:]
    /// Posts that are no saving candidates (elected, statutory, third-party financed), with sources.
    public var protectedPosts: [ProtectedPost] = []
    /// Decisions: share of the annual cost booked as saving for "automate first".
    public var automateFirstShare = Decimal(string: "0.5")!
    /// Where the rules came from (a path or `built-in defaults`).
    public var origin = "built-in defaults"

    public init() {}

    public func isEnabled(_ id: ReviewCheckID) -> Bool { enabled[id] ?? true }

    /// A check's parameters (its type's `defaults` unless a rules file or a caller set them).
    public subscript<C: ReviewCheck>(_ check: C.Type) -> C.Parameters {
        get { parameters[C.id] as? C.Parameters ?? C.Parameters.defaults }
        set { parameters[C.id] = newValue }
    }

    // MARK: Loading

    public static func load(path: String, registry: ReviewCheckRegistry = .standard) throws -> ReviewRules {
        try parse(root: try YAMLLoader.load(path: path), path: path, registry: registry)
    }

    public static func parse(yaml text: String, path: String, registry: ReviewCheckRegistry = .standard) throws -> ReviewRules {
        try parse(root: try YAMLLoader.parse(text, file: path), path: path, registry: registry)
    }

    static func parse(root: Node, path: String, registry: ReviewCheckRegistry) throws -> ReviewRules {
        var rules = ReviewRules()
        rules.origin = path
        let p = Parser(path: path)
        let top = try p.mapping(root, key: "(document)")
        try p.allow(top, ["title", "description", "checks", "protected_posts", "decisions"], in: "(document)")
        if let pp = top["protected_posts"] { rules.protectedPosts = try p.protectedPosts(pp.value) }
        if let checks = top["checks"] {
            let m = try p.mapping(checks.value, key: "checks")
            try p.allow(m, registry.ids.map(\.rawValue), in: "checks")
            for check in registry.checks {
                let id = check.info.id
                guard let c = m[id.rawValue] else { continue }
                let section = try ReviewRulesSection(c.value, context: "checks.\(id.rawValue)", parser: p)
                if let e = try section.enabled() { rules.enabled[id] = e }
                try check.read(section, into: &rules)
                try section.finish()
            }
        }
        if let d = top["decisions"] {
            let m = try p.mapping(d.value, key: "decisions")
            try p.allow(m, ["description", "parameters"], in: "decisions")
            if let params = m["parameters"] {
                let pm = try p.mapping(params.value, key: "decisions.parameters")
                try p.allow(pm, ["automate_first_share"], in: "decisions.parameters")
                if let v = pm["automate_first_share"] {
                    rules.automateFirstShare = try p.share(p.parameterValue(v.value, key: "automate_first_share"), key: "automate_first_share")
                }
            }
        }
        return rules
    }

    /// Walks the YAML nodes and turns problems into errors with file, line and key.
    struct Parser {
        let path: String
        typealias Entries = [String: (keyNode: Node, value: Node)]

        func fail(_ node: Node?, _ key: String, _ message: String) -> PruefstandError {
            .config(path: path, line: node?.mark?.line, key: key, message: message)
        }
        func mapping(_ node: Node, key: String) throws -> Entries {
            guard let m = node.mapping else { throw fail(node, key, "expected a mapping (key: value)") }
            var out: Entries = [:]
            for (k, v) in m {
                guard let ks = k.string else { throw fail(k, key, "a key must be text") }
                if out[ks] != nil { throw fail(k, ks, "duplicate key") }
                out[ks] = (k, v)
            }
            return out
        }
        func allow(_ m: Entries, _ keys: [String], in context: String) throws {
            let allowed = Set(keys)
            for (k, e) in m.sorted(by: { ($0.value.keyNode.mark?.line ?? 0) < ($1.value.keyNode.mark?.line ?? 0) })
            where !allowed.contains(k) {
                throw fail(e.keyNode, "\(context).\(k)", "unknown key '\(k)' (allowed: \(keys.joined(separator: ", ")))")
            }
        }
        func parameterValue(_ node: Node, key: String) throws -> Node {
            // A parameter is either a bare value or a mapping with value, unit, description, source, approximated.
            guard node.mapping != nil else { return node }
            let m = try mapping(node, key: key)
            try allow(m, ["value", "unit", "description", "source", "approximated", "reference_period"], in: key)
            guard let v = m["value"] else { throw fail(node, key, "parameter without 'value'") }
            return v.value
        }
        func decimal(_ node: Node, key: String) throws -> Decimal {
            guard let s = node.string, let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")),
                  s.allSatisfy({ $0.isASCIIDigitChar || $0 == "." || $0 == "-" }) else {
                throw fail(node, key, "expected a number, found '\(node.string ?? "?")'")
            }
            return d
        }
        /// A whole number in `min...max` (every count and month parameter has an upper bound, so that the
        /// scores and dates computed from it stay in range).
        func int(_ node: Node, key: String, min: Int = 0, max: Int = 10_000) throws -> Int {
            guard let i = node.int, i >= min, i <= max else {
                throw fail(node, key, "expected a whole number from \(min) to \(max), found '\(node.string ?? "?")'")
            }
            return i
        }
        /// A number in `range`.
        func decimal(_ node: Node, key: String, in range: ClosedRange<Decimal>) throws -> Decimal {
            let d = try decimal(node, key: key)
            guard range.contains(d) else { throw fail(node, key, "expected a number from \(range.lowerBound) to \(range.upperBound), found \(d)") }
            return d
        }
        func share(_ node: Node, key: String) throws -> Decimal {
            let d = try decimal(node, key: key)
            guard d >= 0, d <= 1 else { throw fail(node, key, "expected a share between 0 and 1, found \(d)") }
            return d
        }
    }
}
