import Foundation

/// The header line of an input file: where it is (after a preamble), which column gives which field, the
/// unpivot's year columns, and the columns left out (personal data, unmapped).
extension Importer {
    struct Layout {
        var headerLine: Int
        var header: [String]
        /// field name → source column index
        var columns: [String: Int]
        var unpivot: [(index: Int, year: Int, kind: String)]
        var personalColumns: [String]
        var ignoredColumns: [String]
        var defaultNumberStyle: NumberStyle
        /// Worksheet cells: a row with more cells than the header is not a misplaced field.
        var positional = false
    }

    func findHeader(source: RowSource, mapping: Mapping, record rec: inout CSVRecord, summary: inout ImportSummary) throws -> Layout {
        let fields = mapping.kind.fields
        let needed = fields.filter { $0.required && mapping.fixed[$0.name] == nil && !(mapping.unpivot != nil && $0.name == "plan_amount") && !(mapping.unpivot != nil && $0.name == "fiscal_year")
            && !(mapping.scheme.derivesAccount && $0.name == "account") && !mapping.derivedFields.contains($0.name) }
        var firstLines: [String] = []
        var preamble = 0
        let unpivotRegex = try mapping.unpivot.map { try NSRegularExpression(pattern: $0.pattern, options: [.caseInsensitive]) }
        while try source.next(&rec) {
            if rec.isBlank { summary.skipped["blank", default: 0] += 1; continue }
            let header = rec.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if firstLines.count < 3 { firstLines.append(header.prefix(12).joined(separator: " | ")) }
            if let h = mapping.headerLine, rec.line < h { preamble += 1; continue }
            let normalized = header.map(normalizedHeader)
            var columns: [String: Int] = [:]
            var used = Set<Int>()
            let fromSplit = Set(mapping.splits.flatMap(\.fields))
            var accepted: [(field: String, names: Set<String>)] = []   // the header names each field takes
            for f in fields where mapping.fixed[f.name] == nil && !fromSplit.contains(f.name) && !(mapping.fiscalCalendar.fromPostingDate && f.name == "fiscal_year") {
                let names = Set(mapping.headerNames(for: f).map(normalizedHeader))
                accepted.append((f.name, names))
                if let i = normalized.indices.first(where: { !used.contains($0) && names.contains(normalized[$0]) }) {
                    columns[f.name] = i; used.insert(i)
                }
            }
            for split in mapping.splits { if let i = normalized.firstIndex(of: normalizedHeader(split.column)) { used.insert(i) } }
            var unpivot: [(Int, Int, String)] = []
            if let regex = unpivotRegex, let u = mapping.unpivot {
                for (i, h) in header.enumerated() where !used.contains(i) {
                    let range = NSRange(h.startIndex..., in: h)
                    // With one kind for all columns (`unpivot.kind`), group 1 is the year.
                    let yearGroup = u.kind == nil ? 2 : 1
                    guard let m = regex.firstMatch(in: h, range: range), m.numberOfRanges > yearGroup,
                          let r1 = Range(m.range(at: 1), in: h), let r2 = Range(m.range(at: yearGroup), in: h) else { continue }
                    // A column that matches the pattern is a year column: a year or kind it cannot name is an
                    // error, never a column silently left out.
                    guard let year = Int(h[r2]), CivilDate.fiscalYears.contains(year) else {
                        throw PruefstandError.input(path: source.path, line: rec.line, message:
                            "column \"\(h)\" matches the unpivot pattern, but \"\(h[r2])\" is not a year in \(CivilDate.fiscalYears.lowerBound)–\(CivilDate.fiscalYears.upperBound)")
                    }
                    guard let k = u.kind ?? u.kinds[h[r1].lowercased()] else {
                        throw PruefstandError.input(path: source.path, line: rec.line, message:
                            "column \"\(h)\" matches the unpivot pattern, but its kind \"\(h[r1])\" is not in unpivot.kinds (\(u.kinds.keys.sorted().joined(separator: ", ")))")
                    }
                    unpivot.append((i, year, k)); used.insert(i)
                }
            }
            let missing = needed.filter { columns[$0.name] == nil && !fromSplit.contains($0.name) }
                + mapping.splits.filter { s in !normalized.contains(normalizedHeader(s.column)) }
                    .map { FieldSpec("split column \($0.column)", .text, aliases: [$0.column]) }
            let isHeader = missing.isEmpty && (mapping.unpivot == nil || !unpivot.isEmpty)
            if !isHeader {
                if mapping.headerLine != nil || preamble >= 50 {
                    let found = header.prefix(15).joined(separator: " | ")
                    throw PruefstandError.input(path: source.path, line: rec.line, message:
                        "no column for \(missing.map { "\($0.name) (accepted: \(mapping.headerNames(for: $0).prefix(6).joined(separator: ", ")))" }.joined(separator: "; "))"
                        + (mapping.unpivot != nil && unpivot.isEmpty ? "; no column matches the unpivot pattern" : "")
                        + ". The header line has: \(found). Write a mapping: pruefstand mapping suggest \(source.path) --kind \(mapping.kind.rawValue)")
                }
                preamble += 1
                continue
            }
            // Two columns that both name one field: taking the first would be a guess that may drop the
            // amounts the user meant. The mapping must say which one.
            for (field, names) in accepted {
                guard let i = columns[field] else { continue }
                if let j = normalized.indices.first(where: { !used.contains($0) && names.contains(normalized[$0]) }) {
                    throw PruefstandError.input(path: source.path, line: rec.line, message:
                        "columns \(i + 1) (\"\(header[i])\") and \(j + 1) (\"\(header[j])\") both name the field \(field); nothing was imported. Rename one of them in the file, or map \(field) in a mapping to a header that only one column has")
                }
            }
            if preamble > 0 { summary.skipped["preamble", default: 0] += preamble }
            var personal: [String] = [], ignored: [String] = []
            let drop = Set(mapping.dropColumns.map(normalizedHeader))
            for (i, h) in header.enumerated() where !used.contains(i) {
                if personalDataHeaders.contains(normalizedHeader(h)) || drop.contains(normalizedHeader(h)) { personal.append(h) }
                else if !h.isEmpty { ignored.append(h) }
            }
            let delimiterIsSemicolon = (source as? CSVReader)?.dialect.delimiter == UInt8(ascii: ";")
            return Layout(headerLine: rec.line, header: header, columns: columns, unpivot: unpivot,
                          personalColumns: personal, ignoredColumns: ignored,
                          defaultNumberStyle: delimiterIsSemicolon ? .german : .english, positional: source.positionalCells)
        }
        if firstLines.isEmpty {
            throw PruefstandError.input(path: source.path, line: nil, message: "the file has no lines with content")
        }
        throw PruefstandError.input(path: source.path, line: nil, message:
            "no header line found with the columns \((needed.map(\.name).filter { name in !mapping.splits.contains { $0.fields.contains(name) } } + mapping.splits.map { "split column \($0.column)" }).joined(separator: ", ")); the file starts with: \(firstLines.joined(separator: " / ")). Write a mapping: pruefstand mapping suggest \(source.path) --kind \(mapping.kind.rawValue)")
    }
}
