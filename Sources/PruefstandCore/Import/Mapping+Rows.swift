import Foundation

extension Mapping {
    /// `split: { COLUMN: REGEX }`: the regular expression's named groups that name fields of the kind become
    /// those fields, cut out of the column's text (`'^(?<account>\d{2}) [-=] (?<description>.+)$'` reads
    /// Köln's `11 - Personalaufwendungen` as line 11 with its label). A row whose column does not match is
    /// rejected, naming the pattern.
    public struct Split: Sendable {
        public var column: String
        public var pattern: String
        /// The fields the pattern's named groups give.
        public var fields: [String]
    }

    /// A list of filters (`filters:`, `subtotals:`): each `column` (a source header) or `field`, with
    /// `equals`, `not_equals`, `matches` or `not_empty`.
    static func parseFilters(_ node: StrictYAML) throws -> [Filter] {
        try node.list().map { item in
            let d = try item.dictionary(allowed: ["column", "field", "equals", "not_equals", "matches", "not_empty"])
            guard let col = try (d["column"] ?? d["field"])?.string() else { throw item.fail("a filter needs column (source header) or field") }
            let op: Filter.Op
            if let v = d["equals"] { op = .equals(try v.string()) }
            else if let v = d["not_equals"] { op = .notEquals(try v.string()) }
            else if let v = d["matches"] {
                let p = try v.string()
                try checkRegex(p, v)
                op = .matches(p)
            } else if d["not_empty"] != nil { op = .notEmpty }
            else { throw item.fail("a filter needs equals, not_equals, matches or not_empty") }
            return Filter(column: col, op: op)
        }
    }

    static func parseSplits(_ node: StrictYAML, kind: ImportKind) throws -> [Split] {
        let fieldNames = Set(kind.fields.map(\.name))
        var seen = Set<String>()
        return try node.mapping().map { column, v in
            let pattern = try v.string()
            try checkRegex(pattern, v)
            let groups = KameralScheme.groupNames(pattern)
            let fields = groups.filter(fieldNames.contains).sorted()
            guard !fields.isEmpty else {
                throw v.fail("the pattern names no field of \(kind.rawValue) in a named group (?<FIELD>…); fields: \(kind.fields.map(\.name).joined(separator: ", "))")
            }
            for f in fields where !seen.insert(f).inserted { throw v.fail("\(f) comes from two splits") }
            return Split(column: column, pattern: pattern, fields: fields)
        }
    }
}

extension Mapping {
    /// The sign rules in the mapping's own words (`invert, revenue_negative`), nil when it has none.
    var signRulesDescription: String? {
        let rules = [(invertSign, "invert"), (revenueNegative, "revenue_negative"), (expenseNegative, "expense_negative")].filter(\.0).map(\.1)
        return rules.isEmpty ? nil : rules.joined(separator: ", ")
    }
}
