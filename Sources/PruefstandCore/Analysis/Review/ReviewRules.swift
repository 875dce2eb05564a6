import Foundation
import Yams

/// The parameters of the position review, resolved from a rules file (YAML) or the built-in defaults.
///
/// The shipped file `Datasets/musterstadt/rules/review.yaml` documents every check (what it looks at,
/// why, its score formula) and every parameter with its default, unit and source. Unknown keys are
/// errors that name the file, the key and the line. A parameter missing from a file keeps the default
/// shown here (and in the shipped file; a test checks that both agree).
///
///     let rules = try ReviewRules.load(path: "Datasets/musterstadt/rules/review.yaml")
///     let result = try ReviewEngine(rules: rules).run(input, asOf: CivilDate(iso: "2026-01-01")!)
public struct ReviewRules: Sendable {
    /// One row of the automation potential table: a KldB 2010 prefix (Berufshauptgruppe, 2 digits, or
    /// Berufsgruppe, 3 digits; empty = any occupation) and optionally a requirement level (5th digit:
    /// 1 Helfer, 2 Fachkraft, 3 Spezialist, 4 Experte) → the share of tasks that could be automated.
    public struct AutomationEntry: Sendable, Hashable {
        public var kldbPrefix: String
        public var level: Int?
        public var name: String
        public var share: Decimal
        /// True when the value is not read off the publication for exactly this group (e.g. a segment value
        /// used for a group, or a value still to be checked against the publication).
        public var approximated: Bool
        /// The tasks the share stands for (shown in the case's reason), if the table names them.
        public var tasks: String
        public init(kldbPrefix: String, level: Int?, name: String, share: Decimal, approximated: Bool, tasks: String = "") {
            self.kldbPrefix = kldbPrefix; self.level = level; self.name = name; self.share = share; self.approximated = approximated
            self.tasks = tasks
        }
    }

    public var enabled: [ReviewCheckID: Bool] = Dictionary(uniqueKeysWithValues: ReviewCheckID.allCases.map { ($0, true) })
    /// Re-fill review: vacancies expected within this many months from the as-of date.
    public var refillHorizonMonths = 24
    /// Re-fill review: vacancies filled within this many months before the as-of date without a recorded
    /// committee decision become cases (the review was skipped).
    public var refilledLookbackMonths = 12
    /// Leadership span: fewer FTE-weighted direct reports than this flags a leader.
    public var minDirectReportsFTE: Decimal = 5
    /// Leadership span: more FTE-weighted direct reports than this flags a leader (span too large).
    public var maxDirectReportsFTE: Decimal = 40
    /// Leadership span: a department whose longest line of command has more levels than this is flagged
    /// (level 1 = the department's head).
    public var maxDepartmentDepth = 4
    /// Leadership span: departments whose leadership FTE share is above this target are flagged.
    public var maxLeadershipShare = Decimal(string: "0.2")!
    /// Leadership span: sibling units below this many FTE are "small" (merge candidates).
    public var smallUnitFTE: Decimal = 5
    /// Automation: shares above this flag "check automation".
    public var automationThreshold = Decimal(string: "0.5")!
    public var automationTable: [AutomationEntry] = []
    public var automationSource = ""
    /// Long vacancy: vacant for at least this many full months.
    public var longVacancyMonths = 12
    /// Grade outlier: the grade the tariff gives each function (no norm: the function is not assessed).
    public var gradeNorms: [GradeNorm] = []
    /// Posts that are no saving candidates (elected, statutory, third-party financed), with sources.
    public var protectedPosts: [ProtectedPost] = []
    /// Overhead: benchmark FTE per 100 FTE of the whole administration, by org unit category.
    public var overheadBenchmarks: [String: Decimal] = ["hr": Decimal(string: "1.5")!, "finance": Decimal(string: "2.5")!,
                                                         "it": Decimal(string: "2.5")!, "administration": Decimal(3)]
    public var overheadSources: [String: String] = [:]
    /// Decisions: share of the annual cost booked as saving for "automate first".
    public var automateFirstShare = Decimal(string: "0.5")!
    /// Where the rules came from (a path or `built-in defaults`).
    public var origin = "built-in defaults"

    public init() {}
    public static let crossCuttingCategories = ["hr", "finance", "it", "administration"]

    public func isEnabled(_ id: ReviewCheckID) -> Bool { enabled[id] ?? true }

    /// The automation share for a KldB code: the most specific table row wins (3 digits + level,
    /// 3 digits, 2 digits + level, 2 digits, level only).
    public func automationShare(kldb: String) -> AutomationEntry? {
        let digits = kldb.filter(\.isASCIIDigitChar)
        guard digits.count >= 2 else { return nil }
        let level = digits.count >= 5 ? Int(String(digits[digits.index(digits.startIndex, offsetBy: 4)])) : nil
        let p3 = String(digits.prefix(3)), p2 = String(digits.prefix(2))
        for (prefix, lvl) in [(p3, level), (p3, nil), (p2, level), (p2, nil), ("", level)] as [(String, Int?)] {
            if lvl == nil && prefix.isEmpty { continue }
            if let e = automationIndex[AutomationKey(prefix: prefix, level: lvl)] { return e }
        }
        return nil
    }

    struct AutomationKey: Hashable { var prefix: String; var level: Int? }
    var automationIndex: [AutomationKey: AutomationEntry] {
        get {
            if let cached = _automationIndex, cached.count == automationTable.count { return cached.index }
            return Self.makeIndex(automationTable).index
        }
    }
    private var _automationIndex: (count: Int, index: [AutomationKey: AutomationEntry])?
    static func makeIndex(_ table: [AutomationEntry]) -> (count: Int, index: [AutomationKey: AutomationEntry]) {
        var idx: [AutomationKey: AutomationEntry] = [:]
        for e in table { idx[AutomationKey(prefix: e.kldbPrefix, level: e.level)] = e }
        return (table.count, idx)
    }
    /// Builds the lookup index once (call after changing `automationTable`).
    public mutating func reindex() { _automationIndex = Self.makeIndex(automationTable) }

    // MARK: Loading

    public static func load(path: String) throws -> ReviewRules {
        try parse(root: try YAMLLoader.load(path: path), path: path)
    }

    public static func parse(yaml text: String, path: String) throws -> ReviewRules {
        try parse(root: try YAMLLoader.parse(text, file: path), path: path)
    }

    static func parse(root: Node, path: String) throws -> ReviewRules {
        var rules = ReviewRules()
        rules.origin = path
        let p = Parser(path: path)
        let top = try p.mapping(root, key: "(document)")
        try p.allow(top, ["title", "description", "checks", "protected_posts", "decisions"], in: "(document)")
        if let pp = top["protected_posts"] { rules.protectedPosts = try p.protectedPosts(pp.value) }
        if let checks = top["checks"] {
            let m = try p.mapping(checks.value, key: "checks")
            try p.allow(m, ReviewCheckID.allCases.map(\.rawValue), in: "checks")
            for id in ReviewCheckID.allCases {
                guard let c = m[id.rawValue] else { continue }
                try p.check(c.value, id: id, into: &rules)
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
        rules.reindex()
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
        func check(_ node: Node, id: ReviewCheckID, into rules: inout ReviewRules) throws {
            let ctx = "checks.\(id.rawValue)"
            let m = try mapping(node, key: ctx)
            var keys = ["enabled", "name_de", "name_en", "looks_at", "why", "score", "saving", "parameters"]
            if id == .automation { keys += ["table_source", "table"] }
            if id == .gradeOutlier { keys += ["norms"] }
            try allow(m, keys, in: ctx)
            if let e = m["enabled"] {
                guard let b = e.value.bool else { throw fail(e.value, "\(ctx).enabled", "expected true or false") }
                rules.enabled[id] = b
            }
            var params: Entries = [:]
            if let pn = m["parameters"] { params = try mapping(pn.value, key: "\(ctx).parameters") }
            func value(_ name: String) throws -> Node? {
                guard let e = params[name] else { return nil }
                return try parameterValue(e.value, key: "\(ctx).parameters.\(name)")
            }
            let pctx = "\(ctx).parameters"
            switch id {
            case .refill:
                try allow(params, ["horizon_months", "refilled_lookback_months"], in: pctx)
                if let v = try value("horizon_months") { rules.refillHorizonMonths = try int(v, key: "\(pctx).horizon_months", min: 1, max: 600) }
                if let v = try value("refilled_lookback_months") { rules.refilledLookbackMonths = try int(v, key: "\(pctx).refilled_lookback_months", min: 0, max: 600) }
            case .leadershipSpan:
                try allow(params, ["min_direct_reports_fte", "max_direct_reports_fte", "max_department_depth", "max_leadership_share", "small_unit_fte"], in: pctx)
                if let v = try value("min_direct_reports_fte") { rules.minDirectReportsFTE = try decimal(v, key: "\(pctx).min_direct_reports_fte", in: 0...10_000) }
                if let v = try value("max_direct_reports_fte") { rules.maxDirectReportsFTE = try decimal(v, key: "\(pctx).max_direct_reports_fte", in: 1...10_000) }
                if let v = try value("max_department_depth") { rules.maxDepartmentDepth = try int(v, key: "\(pctx).max_department_depth", min: 1, max: 1_000) }
                if let v = try value("max_leadership_share") { rules.maxLeadershipShare = try share(v, key: "\(pctx).max_leadership_share") }
                if let v = try value("small_unit_fte") { rules.smallUnitFTE = try decimal(v, key: "\(pctx).small_unit_fte", in: 0...1_000_000) }
            case .automation:
                try allow(params, ["threshold"], in: pctx)
                if let v = try value("threshold") { rules.automationThreshold = try share(v, key: "\(pctx).threshold") }
                if let s = m["table_source"] {
                    let sm = try mapping(s.value, key: "\(ctx).table_source")
                    try allow(sm, ["title", "short", "authors", "url", "published", "reference_year", "note"], in: "\(ctx).table_source")
                    rules.automationSource = sm["short"]?.value.string
                        ?? [sm["title"]?.value.string, sm["url"]?.value.string].compactMap { $0 }.joined(separator: ", ")
                }
                if let t = m["table"] {
                    guard let seq = t.value.sequence else { throw fail(t.value, "\(ctx).table", "expected a list of rows") }
                    rules.automationTable = []
                    for row in seq {
                        let r = try mapping(row, key: "\(ctx).table[]")
                        try allow(r, ["kldb", "level", "name", "share", "approximated", "tasks", "note"], in: "\(ctx).table[]")
                        let prefix = r["kldb"]?.value.string ?? ""
                        guard prefix.isEmpty || ((2...3).contains(prefix.count) && prefix.allSatisfy(\.isASCIIDigitChar)) else {
                            throw fail(r["kldb"]?.value, "\(ctx).table[].kldb", "expected 2 or 3 digits (Berufshauptgruppe or Berufsgruppe), found '\(prefix)'")
                        }
                        var level: Int?
                        if let l = r["level"] {
                            let lv = try int(l.value, key: "\(ctx).table[].level", min: 1)
                            guard lv <= 4 else { throw fail(l.value, "\(ctx).table[].level", "requirement level is 1 to 4") }
                            level = lv
                        }
                        guard let sh = r["share"] else { throw fail(row, "\(ctx).table[].share", "row without 'share'") }
                        if prefix.isEmpty && level == nil { throw fail(row, "\(ctx).table[]", "a row needs a kldb prefix or a level") }
                        rules.automationTable.append(AutomationEntry(
                            kldbPrefix: prefix, level: level, name: r["name"]?.value.string ?? prefix,
                            share: try share(sh.value, key: "\(ctx).table[].share"),
                            approximated: r["approximated"]?.value.bool ?? false, tasks: r["tasks"]?.value.string ?? ""))
                    }
                }
            case .longVacancy:
                try allow(params, ["min_months"], in: pctx)
                if let v = try value("min_months") { rules.longVacancyMonths = try int(v, key: "\(pctx).min_months", min: 1, max: 1_200) }
            case .gradeOutlier:
                try allow(params, [], in: pctx)
                if let n = m["norms"] { rules.gradeNorms = try gradeNorms(n.value, in: ctx) }
            case .overhead:
                let names = ReviewRules.crossCuttingCategories.map { "benchmark_\($0)" }
                try allow(params, names, in: pctx)
                for cat in ReviewRules.crossCuttingCategories {
                    guard let e = params["benchmark_\(cat)"] else { continue }
                    rules.overheadBenchmarks[cat] = try decimal(try parameterValue(e.value, key: "\(pctx).benchmark_\(cat)"), key: "\(pctx).benchmark_\(cat)", in: 0...100)
                    if let pm = e.value.mapping, let src = pm["source"]?.string {
                        rules.overheadSources[cat] = src
                    }
                }
            }
        }
    }
}
