import Foundation

/// `pruefstand mapping suggest FILE --kind KIND`: a first mapping for a file, from its header and a sample
/// of its rows.
///
/// It detects a preamble (the header is the line that names most fields, or the first line with several
/// text cells that the data rows follow), the number format (German or English, from the sample's
/// amounts), the unit (`T€`, `TEUR` in a header), the unpivot of year columns (`Ergebnis 2010`, `Ansatz für
/// 2017  (EUR)`: the words around the year become the pattern, the words before it the kinds), the code
/// scheme (a cameral Haushaltsstelle with or without a check digit, Kapitel and Titel, NKF plan lines in a
/// text column with subtotal rows, undotted Teilpläne, dotted NKF products), a side column (`E`/`A`,
/// `EINN.*`/`AUSG.*`) and the sign rule (revenue written negative). An amount column is proposed only when
/// its sample reads as amounts: a text column is never proposed as the amount. Every proposal is a line to
/// check; what it could not decide is a comment. How often it is right on the real files: docs/formats.md.
public enum MappingSuggestion {
    struct Sample {
        var headerLine = 0
        var firstLine = 0
        var header: [String] = []
        var rows: [[String]] = []
        var delimiter: UInt8?
        var encoding: TextEncoding?
        func column(_ i: Int) -> [String] {
            rows.compactMap { i < $0.count ? $0[i].trimmingCharacters(in: .whitespaces) : nil }.filter { !$0.isEmpty }
        }
    }

    /// Extra names the suggestion tries for fields whose canonical layout has none (plan files of other schemes).
    static let suggestionAliases: [String: [String]] = [
        "product": ["Haushaltsstelle", "Hst.", "Hst", "Teilplan", "Kapitel", "Produktbereich", "Produktgruppe"],
        "account": ["Titel"],
        "function": ["Funktion", "FKZ", "FZ", "Funktionskennziffer"],
        "description": ["Zweckbestimmung"],
        "side": ["E/A", "Aggregat", "Einnahme/Ausgabe"],
    ]

    public static func suggest(file: String, kind: ImportKind, lang: Language = .en) throws -> String {
        let sample = try read(file)
        return render(kind: kind, sample: sample, path: file, lang: lang)
    }

    static func read(_ file: String) throws -> Sample {
        let source = try ImportSource.open(path: file, mapping: nil)
        var rec = CSVRecord()
        var records: [(line: Int, fields: [String])] = []
        while records.count < 20_000, try source.next(&rec) {
            if rec.isBlank { continue }
            records.append((rec.line, rec.fields))
        }
        var s = Sample()
        if let csv = source as? CSVReader { s.delimiter = csv.dialect.delimiter; s.encoding = csv.dialect.encoding }
        guard !records.isEmpty else { return s }
        let h = headerIndex(records.map(\.fields))
        s.firstLine = records[0].line
        s.headerLine = records[h].line
        s.header = records[h].fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        s.rows = records[(h + 1)...].map(\.fields)
        return s
    }

    /// The header among the first 50 records: the one that names most known columns and year columns; without
    /// any, the first record with two or more cells, mostly text, that the next record matches in width.
    static func headerIndex(_ records: [[String]]) -> Int {
        let known = Set(ImportKind.allCases.flatMap { k in k.fields.flatMap { [$0.name] + $0.aliases } }
            .map(normalizedHeader) + suggestionAliases.values.flatMap { $0 }.map(normalizedHeader))
        var best = -1, bestScore = 0
        for (i, r) in records.prefix(50).enumerated() {
            let cells = r.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard cells.count >= 2 else { continue }
            let score = cells.filter { known.contains(normalizedHeader($0)) }.count * 2 + cells.filter { yearIn($0) != nil && !isNumber($0) }.count
            if score > bestScore { best = i; bestScore = score }
        }
        if best >= 0 { return best }
        for (i, r) in records.prefix(50).enumerated() {
            let cells = r.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if cells.count >= 2, cells.filter({ !isNumber($0) }).count * 2 > cells.count, i + 1 < records.count, records[i + 1].count == r.count { return i }
        }
        return 0
    }

    static func isNumber(_ s: String) -> Bool {
        if case .success = ValueParsers.cents(s, style: .german) { return true }
        if case .success = ValueParsers.cents(s, style: .english) { return true }
        return false
    }

    /// A year 1990–2100 written as four digits inside a header, with its range.
    static func yearIn(_ h: String) -> Range<String.Index>? {
        guard let r = h.range(of: #"(?<!\d)(19[9]\d|20\d\d|2100)(?!\d)"#, options: .regularExpression) else { return nil }
        return r
    }

    /// Whether most of a column's sample reads as amounts in a style.
    static func readsAsAmounts(_ values: [String], _ style: NumberStyle) -> Bool {
        guard !values.isEmpty else { return false }
        let ok = values.filter { if case .success = ValueParsers.cents($0, style: style) { return true }; return false }.count
        return ok * 10 >= values.count * 9
    }

    /// German or English: the style in which the amounts read and the other does not; nil when both read all.
    static func numberStyle(_ columns: [[String]]) -> NumberStyle? {
        var de = 0, en = 0
        for v in columns.joined() {
            let d: Bool = { if case .success = ValueParsers.cents(v, style: .german) { return true }; return false }()
            let e: Bool = { if case .success = ValueParsers.cents(v, style: .english) { return true }; return false }()
            // A value both read differently (1.234) counts for neither; the decimal comma or a point decides.
            if d && !e { de += 1 } else if e && !d { en += 1 }
            else if d && e, let dv = try? ValueParsers.cents(v, style: .german).get(), let ev = try? ValueParsers.cents(v, style: .english).get(), dv != ev {
                if v.contains(",") { en += 1 } else if v.range(of: #"\.\d{3}(\D|$)"#, options: .regularExpression) != nil { de += 1 }
            }
        }
        return de > en ? .german : en > de ? .english : nil
    }
}
