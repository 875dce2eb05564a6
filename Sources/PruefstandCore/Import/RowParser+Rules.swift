import Foundation

/// The mapping's row rules applied by the parser: filters and subtotal rules, splits and value maps.
extension RowParser {
    /// Whether a regular expression matches, or nil when the engine gave up (ICU's backtracking stack ran
    /// out): then nobody knows, and the caller must not guess.
    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool? {
        var found = false, failed = false
        regex.enumerateMatches(in: text, options: [.reportCompletion], range: NSRange(text.startIndex..., in: text)) { m, flags, stop in
            if m != nil { found = true; stop.pointee = true }
            if flags.contains(.internalError) { failed = true }
        }
        return found ? true : (failed ? nil : false)
    }

    func passesFilters(_ rec: CSVRecord) -> FilterVerdict { verdict(filterColumns, rec, all: true) }

    /// Whether a record is a subtotal row: `.filtered` when any subtotal rule matches it.
    func subtotalVerdict(_ rec: CSVRecord) -> FilterVerdict { verdict(subtotalColumns, rec, all: false) }

    /// `all`: every filter must hold for `.pass` (filters); otherwise one matching rule gives `.filtered`.
    private func verdict(_ list: [(column: Int, op: Mapping.Filter.Op, regex: NSRegularExpression?)], _ rec: CSVRecord, all: Bool) -> FilterVerdict {
        for (c, op, regex) in list {
            let v = c < rec.count ? rec.field(c).trimmingBlanks : ""
            let holds: Bool
            switch op {
            case .equals(let x): holds = v == x
            case .notEquals(let x): holds = v != x
            case .notEmpty: holds = !v.isEmpty
            case .matches(let p):
                guard let regex else { return .filtered }
                switch RowParser.matches(regex, v) {
                case let found?: holds = found
                case nil:
                    return .failed(RowProblem(column: c + 1, field: layout.header.indices.contains(c) ? layout.header[c] : nil,
                                              value: String(v.prefix(200)),
                                              reason: .init(de: "der reguläre Ausdruck des Filters (matches: \(p)) ließ sich auf diesen Wert nicht anwenden: die Regex-Maschine gab auf (zu viel Backtracking); vereinfachen Sie das Muster",
                                                            en: "the filter's regular expression (matches: \(p)) could not be evaluated on this value: the regex engine gave up (too much backtracking); simplify the pattern")))
                }
            }
            if all && !holds { return .filtered }
            if !all && holds { return .filtered }
        }
        return .pass
    }

    /// Cuts the split fields out of their columns (`split:`); a column that does not match rejects the row.
    func fillSplits(_ row: inout ParsedRow, _ rec: CSVRecord) -> RowProblem? {
        for (c, regex, pattern, targets) in splitSources {
            let text = c < rec.count ? rec.field(c).trimmingBlanks : ""
            let ns = text as NSString
            guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else {
                return RowProblem(column: c + 1, field: layout.header.indices.contains(c) ? layout.header[c] : nil, value: String(text.prefix(200)),
                                  reason: .init(de: "passt nicht zum Aufteilungsmuster (split) des Mappings \(pattern)", en: "does not match the mapping's split pattern \(pattern)"))
            }
            for (f, group) in targets {
                let r = m.range(withName: group)
                guard r.location != NSNotFound else { continue }
                var part = ns.substring(with: r).trimmingCharacters(in: .whitespaces)
                if let problem = part.withUTF8({ parseField(f, $0, into: &row, column: c) }) { return problem }
            }
        }
        return nil
    }

    /// Reads a field through the mapping's value map: the file's text → the mapped value, then parsed as
    /// the field's type. A value the map does not name rejects the row, naming the value and the map.
    func mapValue(_ f: Int, _ map: ValueMap, _ rec: CSVRecord, _ c: Int, into row: inout ParsedRow) -> RowProblem? {
        let raw = rec.withField(c) { String(decoding: ValueParsers.trimmed($0), as: UTF8.self) }
        if raw.isEmpty && !required[f] { return nil }
        guard var mapped = map.map(raw) else {
            return RowProblem(column: c + 1, field: fields[f].name, value: String(raw.prefix(200)),
                              reason: .init(de: "„\(raw.prefix(200))“ steht nicht in der Werteliste \(map.name) (\(map.keysDescription)); ergänzen Sie sie im Mapping",
                                            en: "\"\(raw.prefix(200))\" is not in the value map \(map.name) (\(map.keysDescription)); add it to the mapping"))
        }
        return mapped.withUTF8 { parseField(f, $0, into: &row, column: c) }
    }
}
