import Foundation

extension ReportTable {
    /// The table with a name column beside every code column (issue 16): after `product` comes
    /// `product_name` ("Produkt (Bezeichnung)"), likewise for `account`, `cost_center`, `org_unit`, product
    /// areas and groups, account groups. `composite` names columns that hold several codes joined by
    /// `" / "` (the variance tables' `row` column: `16.01.01 / 401300`) with their dimensions; their name
    /// column joins the names the same way.
    ///
    /// Nothing changes when no code of a column has a name, or when the table already has that name column
    /// (or a `name` column right after the code, as the review summary has). Formulas keep working: they
    /// refer to columns by key (`{col:plan}`), never by letter.
    public func withNames(_ names: CodeNames, composite: [String: [String]] = [:]) -> ReportTable {
        guard !names.isEmpty, !rows.isEmpty else { return self }
        var out = self
        var inserted = 0
        for (i, column) in columns.enumerated() {
            let dims: [String]
            if let c = composite[column.key] { dims = c } else if CodeNames.codeColumns.contains(column.key) { dims = [column.key] } else { continue }
            let nameKey = column.key + "_name"
            let next = i + 1 < columns.count ? columns[i + 1].key : nil
            if columns.contains(where: { $0.key == nameKey }) || next == "name" || next == nameKey { continue }
            let cells: [Cell] = rows.map { row in
                guard i < row.count, case let .text(code) = row[i] else { return .empty }
                let parts = dims.count == 1 ? [code] : code.components(separatedBy: " / ")
                guard parts.count == dims.count else { return .empty }
                let found = zip(parts, dims).map { names.name(of: $0, in: $1) }
                if found.allSatisfy({ $0 == nil }) { return .empty }
                return .text(found.map { $0 ?? "–" }.joined(separator: " / "))
            }
            guard cells.contains(where: { $0 != .empty }) else { continue }
            let at = i + 1 + inserted
            out.columns.insert(.init(nameKey, de: column.titleDE + " (Bezeichnung)", en: column.titleEN + " (name)", kind: .text), at: at)
            for r in out.rows.indices {
                while out.rows[r].count < at { out.rows[r].append(.empty) }
                out.rows[r].insert(cells[r], at: at)
            }
            inserted += 1
        }
        return out
    }
}
