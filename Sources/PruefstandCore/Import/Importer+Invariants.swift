import Foundation

extension Importer {
    /// The checker of the mapping's row rules (`invariants:`), over the value columns of the layout (the
    /// unpivot's year columns, or the amount column), amounts read as the file writes them (unit applied,
    /// no sign rule).
    static func invariantChecker(mapping: Mapping, layout: Layout, parser: RowParser, path: String) throws -> InvariantChecker? {
        guard let inv = mapping.invariants else { return nil }
        var columns = layout.unpivot.map { ($0.index, layout.header[$0.index]) }
        if let field = mapping.kind.amountField, let c = layout.columns[field] { columns.insert((c, layout.header[c]), at: 0) }
        return try InvariantChecker(inv, header: layout.header, valueColumns: columns, path: path) { rec, c in
            guard c < rec.count, case .success(let raw) = rec.withField(c, { ValueParsers.cents($0, style: parser.numbers) }),
                  case .success(let v) = parser.scaled(raw) else { return nil }
            return v
        }
    }

    /// The rules checked at the end of the file: counts and findings into the summary.
    static func record(_ checker: InvariantChecker?, into summary: inout ImportSummary) {
        guard let checker else { return }
        let r = checker.finish()
        summary.invariantsChecked = r.checked
        summary.invariantsWithinTolerance = r.withinTolerance
        summary.invariantFindings = r.findings
        summary.warnings += checker.repeated
    }
}
