import Foundation

/// What a rejected row keeps of its line: the fields the mapping reads, never the line's other columns.
///
/// A staffing file carries names, e-mail addresses, phone numbers and birth dates beside the columns an
/// import uses. A rejected row is stored (`rejectedRow`), written to the rejects CSV and shown in the
/// workbook with the fields the mapping maps (`position_id=P-17; pay_grade=EG 9b; …`) and the reason, so
/// nothing the mapping does not read reaches the store through a rejected row. A column that the mapping
/// reads although its header names a person (a `Stelleninhaber` column from which a value map derives the
/// vacancy) shows the mapped value, or `RejectedRow.personalMarker` (in the output's language), never the name.
extension RowParser {
    /// Whether a source column's header names a person (built-in list or `drop_columns`).
    /// A column the mapping reads for a kind that lists no people (a code list's `Name`, a plan's
    /// `Bezeichnung`) is a label, never personal data.
    func isPersonal(column c: Int) -> Bool {
        guard layout.header.indices.contains(c) else { return false }
        if !kind.listsPeople, readColumns.contains(where: { $0.column == c }) { return false }
        let name = PruefstandCore.normalizedHeader(layout.header[c])
        return personalDataHeaders.contains(name) || mapping.dropColumns.contains { PruefstandCore.normalizedHeader($0) == name }
    }

    /// The source columns the mapping reads: mapped fields, split columns, unpivoted year columns, the
    /// columns of filters and subtotal rules. Each with the label a rejected row shows.
    var readColumns: [(column: Int, label: String)] {
        var out: [(Int, String)] = []
        for (f, c) in sourceColumn.enumerated() { if let c { out.append((c, fields[f].name)) } }
        for s in splitSources { out.append((s.column, layout.header[s.column])) }
        for u in layout.unpivot { out.append((u.index, layout.header[u.index])) }
        for f in filterColumns + subtotalColumns where !out.contains(where: { $0.0 == f.column }) { out.append((f.column, layout.header[f.column])) }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The text a rejected row keeps: `label=value` for each column the mapping reads, in file order.
    func mappedRecord(_ rec: CSVRecord) -> String {
        var parts: [String] = []
        for (c, label, personal) in mappedColumns where c < rec.count {
            let value = rec.field(c).trimmingBlanks
            parts.append("\(label)=\(personal ? personalValue(column: c, value) : String(value.prefix(200)))")
        }
        return parts.joined(separator: "; ")
    }

    /// A personal column's value as a rejected row may show it: the value map's result, else a marker.
    private func personalValue(column c: Int, _ value: String) -> String {
        if let f = sourceColumn.firstIndex(of: c), let map = valueMaps[f], let mapped = map.map(value) { return mapped }
        return RejectedRow.personalMarker.en
    }

    /// A row problem as stored: its value only when it comes from a column the mapping reads and that
    /// names no person (a stray quote in a name column must not put the name into the rejects).
    func rejected(_ problem: RowProblem, _ rec: CSVRecord, reason: Phrase? = nil) -> RejectedRow {
        var value = problem.value
        var why = reason ?? problem.reason
        if let col = problem.column.map({ $0 - 1 }), value != nil {
            if isPersonal(column: col) {
                if let v = value { why = why.replacing(v, de: "(personenbezogene Daten)", en: "(personal data)") }
                value = nil
            } else if !readColumns.contains(where: { $0.column == col }) && problem.field == nil {
                value = nil
            }
        }
        return RejectedRow(file: path, line: rec.line, column: problem.column, field: problem.field,
                           value: value, reason: why.en, rawRecord: mappedRecord(rec), reasonDE: why.de)
    }
}
