import Foundation

/// The parameters of the position review, resolved from a rules file (YAML) over the built-in declarations.
///
/// Each check's parameters are its own type beside the check (`LongVacancyCheck.Parameters`), built from the
/// check's section `checks.<id>` by that type and reached by `rules[LongVacancyCheck.self]`. Every parameter
/// is declared once, with its default values, in the package's resource `defaults/review.yaml`
/// (`ReviewDeclarations`, docs/parameters.md); a rules file sets a declared parameter by giving its
/// dated `values`, and a parameter it leaves out keeps the declared values. A value is chosen by the year of
/// the review's as-of date (`resolved(year:)`, done by `ReviewContext`); until then the rules hold the newest
/// values. The shipped file `Datasets/musterstadt/rules/review.yaml` documents every check (what it looks at,
/// why, its score formula). Unknown keys, undeclared parameters and the flat form of the files before issue 18
/// are errors that name the file, the key and the line. Besides the checks: the protected posts
/// (`ReviewRules+Posts.swift`) and the decisions' `automate_first_share`.
///
///     let rules = try ReviewRules.load(path: "Datasets/musterstadt/rules/review.yaml")
///     let result = try ReviewEngine(rules: rules).run(input, asOf: CivilDate(iso: "2026-01-01")!)
///     let months = rules.resolved(year: 2026)[LongVacancyCheck.self].minMonths
public struct ReviewRules: Sendable {
    /// Checks switched off (`enabled: false`); a check not named is on.
    public var enabled: [ReviewCheckID: Bool] = [:]
    /// The typed parameters from a year on: one entry for each year in which a value changes, ascending.
    struct Resolved: Sendable {
        var from: Int
        var parameters: [ReviewCheckID: any ReviewCheckParameters] = [:]
        var automateFirstShare: Decimal = 0
    }
    private var dated: [Resolved] = []
    private var current = Resolved(from: 0)
    /// The year the parameters were chosen for (`resolved(year:)`); nil: the newest values.
    public private(set) var year: Int?
    /// Posts that are no saving candidates (elected, statutory, third-party financed), with sources.
    public var protectedPosts: [ProtectedPost] = []
    /// Where the rules came from (a path or `built-in defaults`).
    public var origin = "built-in defaults"

    /// The built-in rules of a registry: every check on, the declared parameters (`defaults/review.yaml`).
    public init(registry: ReviewCheckRegistry = .standard) {
        do { self = try Self.parse(root: nil, path: "built-in defaults", registry: registry) } catch {
            fatalError("the built-in review parameters cannot be read: \(error)")
        }
    }
    private init(empty: Void) {}

    public func isEnabled(_ id: ReviewCheckID) -> Bool { enabled[id] ?? true }

    /// Decisions: share of the annual cost booked as saving for "automate first".
    public var automateFirstShare: Decimal {
        get { current.automateFirstShare }
        set { current.automateFirstShare = newValue; for i in dated.indices { dated[i].automateFirstShare = newValue } }
    }

    /// A check's parameters (set for every year when a caller sets them).
    public subscript<C: ReviewCheck>(_ check: C.Type) -> C.Parameters {
        get {
            guard let p = current.parameters[C.id] as? C.Parameters else {
                fatalError("check '\(C.id)' is not in the registry these rules were read with")
            }
            return p
        }
        set { current.parameters[C.id] = newValue; for i in dated.indices { dated[i].parameters[C.id] = newValue } }
    }

    /// The rules with the parameter values in force in `year` (the year of the review's as-of date); a year
    /// before the first value takes the first values.
    public func resolved(year: Int) -> ReviewRules {
        var copy = self
        copy.year = year
        copy.current = dated.last(where: { $0.from <= year }) ?? dated.first ?? current
        return copy
    }

    // MARK: Loading

    public static func load(path: String, registry: ReviewCheckRegistry = .standard) throws -> ReviewRules {
        try parse(root: try StrictYAML.load(path: path), path: path, registry: registry)
    }

    public static func parse(yaml text: String, path: String, registry: ReviewCheckRegistry = .standard) throws -> ReviewRules {
        try parse(root: try StrictYAML.parse(text, file: path), path: path, registry: registry)
    }

    /// Reads a rules document (nil: none, the built-in rules) over the registry's declarations.
    static func parse(root: StrictYAML?, path: String, registry: ReviewCheckRegistry) throws -> ReviewRules {
        var rules = ReviewRules(empty: ())
        rules.origin = root == nil ? "built-in defaults" : path
        let p = Parser(path: path)
        let top = try root.map { try p.mapping($0, key: "(document)") } ?? [:]
        try p.allow(top, ["title", "description", "checks", "protected_posts", "decisions"], in: "(document)")
        if let pp = top["protected_posts"] { rules.protectedPosts = try p.protectedPosts(pp.value) }
        var sections: [ReviewCheckID: StrictYAML] = [:]
        var parameters = registry.declarations.checks.mapValues(\.parameters)
        if let checks = top["checks"] {
            let m = try p.mapping(checks.value, key: "checks")
            try p.allow(m, registry.ids.map(\.rawValue), in: "checks")
            for check in registry.checks {
                let id = check.id
                guard let c = m[id.rawValue] else { continue }
                sections[id] = c.value
                let entries = try p.mapping(c.value, key: "checks.\(id.rawValue)")
                if let e = entries["enabled"] {
                    guard let b = try? e.value.bool() else { throw p.fail(e.value, "checks.\(id.rawValue).enabled", "expected true or false") }
                    rules.enabled[id] = b
                }
                if let params = entries["parameters"] {
                    parameters[id] = try ReviewDeclarations.overriding(parameters[id] ?? [:],
                        with: params.value.at(keyPath: "checks.\(id.rawValue).parameters"))
                }
            }
        }
        var decisions = registry.declarations.decisions
        if let d = top["decisions"] {
            let m = try p.mapping(d.value, key: "decisions")
            try p.allow(m, ["description", "parameters"], in: "decisions")
            if let params = m["parameters"] {
                decisions = try ReviewDeclarations.overriding(decisions, with: params.value.at(keyPath: "decisions.parameters"))
            }
        }
        // The typed parameters are built (and so checked) for every year in which a value changes.
        let years = Set((parameters.values.flatMap(\.values) + decisions.values).flatMap(\.changeYears)).sorted()
        for year in years.isEmpty ? [ParameterSet.supportedYears.lowerBound] : years {
            var r = Resolved(from: year)
            for check in registry.checks {
                let id = check.id
                let section = try ReviewRulesSection(sections[id], context: "checks.\(id.rawValue)", parser: p,
                                                     parameters: parameters[id] ?? [:], year: year)
                r.parameters[id] = try check.makeParameters(section)
                try section.finish()
            }
            let share = try ReviewRulesSection(nil, context: "decisions", parser: p, parameters: decisions, year: year)
            r.automateFirstShare = try share.share("automate_first_share")
            try share.finish()
            rules.dated.append(r)
        }
        rules.current = rules.dated.last!
        return rules
    }

    /// Walks the rules document (read by `StrictYAML`, which has refused anchors, aliases and duplicate keys) and
    /// turns problems into errors with file, line and key.
    struct Parser {
        let path: String
        typealias Entries = [String: (keyLine: Int?, value: StrictYAML)]

        func fail(_ node: StrictYAML?, _ key: String, _ message: String) -> PruefstandError {
            .config(path: path, line: node?.line, key: key, message: Phrase(message))
        }
        func mapping(_ node: StrictYAML, key: String) throws -> Entries {
            guard node.isMapping else { throw fail(node, key, "expected a mapping (key: value)") }
            var out: Entries = [:]
            for (k, v, line) in try node.entries() {
                if out[k] != nil { throw PruefstandError.config(path: path, line: line, key: k, message: "duplicate key") }
                out[k] = (line, v)
            }
            return out
        }
        func allow(_ m: Entries, _ keys: [String], in context: String) throws {
            let allowed = Set(keys)
            for (k, e) in m.sorted(by: { ($0.value.keyLine ?? 0) < ($1.value.keyLine ?? 0) }) where !allowed.contains(k) {
                throw PruefstandError.config(path: path, line: e.keyLine, key: "\(context).\(k)",
                                             message: "unknown key '\(k)' (allowed: \(keys.joined(separator: ", ")))")
            }
        }
        func decimal(_ node: StrictYAML, key: String) throws -> Decimal {
            guard let s = node.scalarText, let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")),
                  s.allSatisfy({ $0.isASCIIDigitChar || $0 == "." || $0 == "-" }) else {
                throw fail(node, key, "expected a number, found '\(node.scalarText ?? "?")'")
            }
            return d
        }
        /// A whole number in `min...max` (every count and month parameter has an upper bound, so that the
        /// scores and dates computed from it stay in range).
        func int(_ node: StrictYAML, key: String, min: Int = 0, max: Int = 10_000) throws -> Int {
            guard let i = node.scalarText.flatMap({ Int($0) }), i >= min, i <= max else {
                throw fail(node, key, "expected a whole number from \(min) to \(max), found '\(node.scalarText ?? "?")'")
            }
            return i
        }
        /// A number in `range`.
        func decimal(_ node: StrictYAML, key: String, in range: ClosedRange<Decimal>) throws -> Decimal {
            let d = try decimal(node, key: key)
            guard range.contains(d) else { throw fail(node, key, "expected a number from \(range.lowerBound) to \(range.upperBound), found \(d)") }
            return d
        }
        func share(_ node: StrictYAML, key: String) throws -> Decimal {
            let d = try decimal(node, key: key)
            guard d >= 0, d <= 1 else { throw fail(node, key, "expected a share between 0 and 1, found \(d)") }
            return d
        }
    }
}
