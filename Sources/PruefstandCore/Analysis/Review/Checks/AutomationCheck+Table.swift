import Foundation

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

extension AutomationCheck.Parameters {
    /// `checks.automation.table_source`: the short citation, else title and URL.
    static func readSource(_ node: StrictYAML, _ s: ReviewRulesSection) throws -> String {
        let p = s.parser, ctx = s.context
        let sm = try p.mapping(node, key: "\(ctx).table_source")
        try p.allow(sm, ["title", "short", "authors", "url", "published", "reference_year", "note"], in: "\(ctx).table_source")
        return sm["short"]?.value.scalarText
            ?? [sm["title"]?.value.scalarText, sm["url"]?.value.scalarText].compactMap { $0 }.joined(separator: ", ")
    }

    /// `checks.automation.table`: rows of `kldb` (2 or 3 digits) and/or `level` (1–4) with their `share`.
    static func readTable(_ node: StrictYAML, _ s: ReviewRulesSection) throws -> [AutomationEntry] {
        let p = s.parser, ctx = s.context
        guard let seq = node.items else { throw p.fail(node, "\(ctx).table", "expected a list of rows") }
        var out: [AutomationEntry] = []
        for row in seq {
            let r = try p.mapping(row, key: "\(ctx).table[]")
            try p.allow(r, ["kldb", "level", "name", "share", "approximated", "tasks", "note"], in: "\(ctx).table[]")
            let prefix = r["kldb"]?.value.scalarText ?? ""
            guard prefix.isEmpty || ((2...3).contains(prefix.count) && prefix.allSatisfy(\.isASCIIDigitChar)) else {
                throw p.fail(r["kldb"]?.value, "\(ctx).table[].kldb", "expected 2 or 3 digits (Berufshauptgruppe or Berufsgruppe), found '\(prefix)'")
            }
            var level: Int?
            if let l = r["level"] {
                let lv = try p.int(l.value, key: "\(ctx).table[].level", min: 1)
                guard lv <= 4 else { throw p.fail(l.value, "\(ctx).table[].level", "requirement level is 1 to 4") }
                level = lv
            }
            guard let sh = r["share"] else { throw p.fail(row, "\(ctx).table[].share", "row without 'share'") }
            if prefix.isEmpty && level == nil { throw p.fail(row, "\(ctx).table[]", "a row needs a kldb prefix or a level") }
            out.append(AutomationEntry(
                kldbPrefix: prefix, level: level, name: r["name"]?.value.scalarText ?? prefix,
                share: try p.share(sh.value, key: "\(ctx).table[].share"),
                approximated: (try? r["approximated"]?.value.bool()) ?? false, tasks: r["tasks"]?.value.scalarText ?? ""))
        }
        return out
    }
}
