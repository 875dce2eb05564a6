import Foundation

extension Importer {
    /// The checker of the mapping's row rules (`invariants:`), over the value columns of the layout (the
    /// unpivot's year columns, or the amount column), amounts read as the file writes them (unit applied,
    /// no sign rule).
    static func invariantChecker(mapping: Mapping, layout: Layout, parser: RowParser, path: String) throws -> InvariantChecker? {
        guard let inv = mapping.invariants, !inv.rules.isEmpty else { return nil }
        var columns = layout.unpivot.map { ($0.index, layout.header[$0.index]) }
        if let field = mapping.kind.amountField, let c = layout.columns[field] { columns.insert((c, layout.header[c]), at: 0) }
        return try InvariantChecker(inv, header: layout.header, valueColumns: columns, path: path) { rec, c in
            guard c < rec.count, case .success(let raw) = rec.withField(c, { ValueParsers.cents($0, style: parser.numbers) }),
                  case .success(let v) = parser.scaled(raw) else { return nil }
            return v
        }
    }

    /// Both checkers on the pump; each nil when the mapping declares no such rules.
    static func installInvariants(on pump: RowPump, mapping: Mapping, layout: Layout, parser: RowParser, path: String) throws {
        pump.invariants = try invariantChecker(mapping: mapping, layout: layout, parser: parser, path: path)
        pump.columnInvariants = try columnChecker(mapping: mapping, layout: layout, parser: parser, path: path)
    }

    /// Both checkers' counts and findings into the summary.
    static func recordInvariants(of pump: RowPump, into summary: inout ImportSummary) {
        record(pump.invariants, into: &summary)
        record(pump.columnInvariants, into: &summary)
    }

    /// The checker of the mapping's column rules (`invariants.columns`); nil without them (no work per row).
    static func columnChecker(mapping: Mapping, layout: Layout, parser: RowParser, path: String) throws -> ColumnInvariantChecker? {
        guard let inv = mapping.invariants, !inv.columnRules.isEmpty else { return nil }
        return try ColumnInvariantChecker(inv.columnRules, tolerance: inv.tolerance, header: layout.header, fields: layout.columns, personal: layout.personalColumns, path: path) { rec, c in
            guard c < rec.count else { return .empty }
            return rec.withField(c) { p in
                let t = ValueParsers.trimmed(p)
                if t.isEmpty { return .empty }
                if case .success(let raw) = ValueParsers.cents(t, style: parser.numbers), case .success(let v) = parser.scaled(raw) { return .amount(v) }
                return .bad(String(decoding: t.prefix(40), as: UTF8.self))
            }
        }
    }

    /// The column rules' counts and findings into the summary.
    static func record(_ checker: ColumnInvariantChecker?, into summary: inout ImportSummary) {
        guard let checker else { return }
        summary.columnRulesChecked = checker.checked
        summary.columnRulesWithinTolerance = checker.withinTolerance
        summary.columnRuleViolations = checker.violations
        summary.columnRulesUnreadable = checker.unreadable
        summary.columnFindings = checker.findings
    }

    /// The rules checked at the end of the file: counts and findings into the summary.
    static func record(_ checker: InvariantChecker?, into summary: inout ImportSummary) {
        guard let checker else { return }
        let r = checker.finish()
        summary.invariantsChecked = r.checked
        summary.invariantsWithinTolerance = r.withinTolerance
        summary.invariantFindings = r.findings
        checker.repeated.forEach { summary.warn($0) }
    }
}
