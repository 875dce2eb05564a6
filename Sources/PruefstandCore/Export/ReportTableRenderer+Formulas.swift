import Foundation

/// Formula templates (the placeholders are listed at `ReportTableRenderer`): resolved for a sheet row.
extension ReportTableRenderer {
    /// Replaces the placeholders of a formula template for one sheet row (0-based).
    public func resolve(_ template: String, table: ReportTable, placement: TablePlacement, row: Int) throws -> String {
        try compile(template, table: table, placement: placement).resolve(row: row)
    }

    /// A template with every placeholder that does not depend on the row replaced already, so a column's
    /// rows share one (`render` compiles each template once, issue 18). A placeholder that cannot be
    /// replaced stays as its error, thrown when a row reaches it: the same error, at the same point, as
    /// replacing the whole template row by row.
    struct CompiledFormula {
        enum Part { case text(String), row(offset: Int, token: String?), failure(Error) }
        var template: String
        var parts: [Part]
        /// Where `{r±n}` may point (`TablePlacement`'s data rows).
        var firstDataRow: Int, lastDataRow: Int
        var outside: (String) -> PruefstandError

        func resolve(row: Int) throws -> String {
            var out = ""
            for part in parts {
                switch part {
                case .text(let t): out += t
                case .row(let offset, let token):
                    let target = row + offset
                    if let token {   // {r+n}, {r-n}: within the data rows
                        guard target >= firstDataRow, target <= lastDataRow else { throw outside("{\(token)} points outside the table's rows") }
                    }
                    out += String(target + 1)
                case .failure(let error): throw error
                }
            }
            return out
        }
    }

    /// Compiles a template: its placeholders read left to right, as `resolve` meets them.
    func compile(_ template: String, table: ReportTable, placement: TablePlacement) -> CompiledFormula {
        var parts: [CompiledFormula.Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                parts.append(.failure(formulaError(table, template, "unclosed '{'")))
                rest = rest[rest.endIndex...]
                break
            }
            let token = String(rest[rest.index(after: open)..<close])
            let head = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if head == "r" {
                parts.append(.row(offset: 0, token: nil))
            } else if head.hasPrefix("r+") || head.hasPrefix("r-") {
                if let offset = Int(head.dropFirst(head.hasPrefix("r+") ? 2 : 1)) {
                    parts.append(.row(offset: offset, token: token))
                } else {
                    parts.append(.failure(formulaError(table, template, "bad row offset {\(token)}")))
                }
            } else {
                do { parts.append(.text(try expand(token, table: table, placement: placement, template: template))) }
                catch { parts.append(.failure(error)) }
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return CompiledFormula(template: template, parts: parts, firstDataRow: placement.firstDataRow, lastDataRow: placement.lastDataRow,
                               outside: { [self] in formulaError(table, template, $0) })
    }

    func formulaError(_ table: ReportTable, _ template: String, _ message: String) -> PruefstandError {
        .other("table \(table.key): formula \"\(template)\": \(message)")
    }

    /// A placeholder that does not depend on the row (`{r}` and `{r±n}` are `CompiledFormula`'s).
    private func expand(_ token: String, table: ReportTable, placement: TablePlacement, template: String) throws -> String {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "first": return String(placement.firstDataRow + 1)
        case "last": return String(placement.lastDataRow + 1)
        case "total":
            guard let t = placement.totalsRow else { throw formulaError(table, template, "table has no totals row") }
            return String(t + 1)
        case "col" where parts.count == 2:
            guard let c = placement.columnIndex[parts[1]] else { throw formulaError(table, template, "no column \(parts[1])") }
            return XlsxSheet.columnLetter(c)
        case "sheet" where parts.count == 2:
            guard let p = placements[parts[1]] else { throw formulaError(table, template, "no table \(parts[1]) in the workbook") }
            return XlsxSheet.quote(p.sheetName)
        case "range" where parts.count == 3:
            guard let p = placements[parts[1]], let c = p.columnIndex[parts[2]], p.lastDataRow >= p.firstDataRow else {
                throw formulaError(table, template, "no rows or column \(parts[2]) in table \(parts[1])")
            }
            let col = XlsxSheet.columnLetter(c)
            return XlsxSheet.quote(p.sheetName) + "!$\(col)$\(p.firstDataRow + 1):$\(col)$\(p.lastDataRow + 1)"
        case "ref" where parts.count >= 4:
            let rowKey = parts[3...].joined(separator: ":")
            guard let p = placements[parts[1]], let other = tables[parts[1]] else {
                throw formulaError(table, template, "no table \(parts[1]) in the workbook")
            }
            guard let c = p.columnIndex[parts[2]] else { throw formulaError(table, template, "table \(parts[1]) has no column \(parts[2])") }
            let sheetRow: Int
            if rowKey == "total", let t = p.totalsRow {
                sheetRow = t
            } else if let i = Int(rowKey), i >= 0, i < other.rows.count {
                sheetRow = p.firstDataRow + i
            } else if let i = other.rows.firstIndex(where: { $0.first == .text(rowKey) }) {
                sheetRow = p.firstDataRow + i
            } else {
                throw formulaError(table, template, "table \(parts[1]) has no row \(rowKey)")
            }
            return XlsxSheet.quote(p.sheetName) + "!$" + XlsxSheet.columnLetter(c) + "$" + String(sheetRow + 1)
        default:
            throw formulaError(table, template, "unknown placeholder {\(token)}")
        }
    }
}
