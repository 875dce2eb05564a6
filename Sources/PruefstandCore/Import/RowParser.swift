import Foundation

/// Why a row is rejected.
struct RowProblem: Error {
    var column: Int?
    var field: String?
    var value: String?
    var reason: Phrase
    /// The row's amount if it could be read, so control totals count it as read: as it would be stored,
    /// and as the file writes it.
    var readCents: Int64? = nil
    var readFileCents: Int64? = nil
}

/// What a mapping's filters say about a record.
enum FilterVerdict {
    case pass
    case filtered
    /// A filter could not be evaluated (the regular expression engine gave up): a row error, never a
    /// silently dropped row.
    case failed(RowProblem)
}

/// Turns source records into typed rows for one kind, following a mapping.
final class RowParser {
    let kind: ImportKind
    let fields: [FieldSpec]
    let mapping: Mapping
    let layout: Importer.Layout
    let numbers: NumberStyle
    let path: String
    let sourceColumn: [Int?]
    let fixedValues: [String?]
    let amountIndex: Int?
    let accountIndex: Int?
    let productIndex: Int?
    /// The plan's side column, when the kind has one.
    let sideIndex: Int?
    /// The code scheme that checks products and accounts and knows an account's side.
    let scheme: any CodeScheme
    /// Per field, the mapping's value map (nil for most fields).
    let valueMaps: [ValueMap?]
    let yearIndex: Int?
    let kindIndex: Int?
    let dateIndex: Int?
    let filterColumns: [(column: Int, op: Mapping.Filter.Op, regex: NSRegularExpression?)]
    /// The mapping's subtotal rules, resolved to columns.
    let subtotalColumns: [(column: Int, op: Mapping.Filter.Op, regex: NSRegularExpression?)]
    /// The mapping's splits, resolved: the column, its pattern, and the fields its named groups give.
    let splitSources: [(column: Int, regex: NSRegularExpression, pattern: String, fields: [(field: Int, group: String)])]
    let fromSplit: [Bool]
    /// The mapping's unit, read once per amount.
    let unit: Mapping.Unit
    var rows: [ParsedRow]
    var count = 0
    /// Per field, decided once instead of per row: left out (the unpivot supplies it), required, type.
    private let skipped: [Bool]
    let required: [Bool]
    private let types: [FieldSpec.FieldType]
    static let maxTextBytes = 10_000
    static let tooLong = Phrase(de: "länger als \(NumberText.count(maxTextBytes, .de)) Bytes", en: "longer than \(maxTextBytes) bytes")
    /// Decided once, tested per row: the mapping has group rows (`groups:`) or root markers (`root_marker:`).
    private let hasGroupRows: Bool, hasRootMarkers: Bool
    /// The posting-date window of the last fiscal year seen, in day numbers (`checkPostingDate`).
    var postingWindow: (year: Int, from: Int, to: Int) = (Int.min, 0, 0)
    /// `readColumns` with whether each names a person, worked out at the first `mappedRecord` (the small
    /// kinds keep every row's mapped record): the header does not change while the rows are read.
    lazy var mappedColumns: [(column: Int, label: String, personal: Bool)] = readColumns.map { ($0.column, $0.label, isPersonal(column: $0.column)) }

    init(kind: ImportKind, mapping: Mapping, layout: Importer.Layout, numbers: NumberStyle, path: String) {
        self.kind = kind; self.mapping = mapping; self.layout = layout; self.numbers = numbers; self.path = path
        hasGroupRows = mapping.groupRows != nil; hasRootMarkers = !mapping.rootMarkers.isEmpty
        unit = mapping.unit
        let fields = kind.fields
        self.fields = fields
        sourceColumn = fields.map { layout.columns[$0.name] }
        fixedValues = fields.map { mapping.fixed[$0.name] }
        amountIndex = kind.amountField.flatMap { name in fields.firstIndex { $0.name == name } }
        accountIndex = fields.firstIndex { $0.name == "account" }
        productIndex = fields.firstIndex { $0.name == "product" }
        sideIndex = fields.firstIndex { $0.name == "side" }
        scheme = mapping.scheme
        valueMaps = fields.map { mapping.values[$0.name] }
        yearIndex = fields.firstIndex { $0.name == "fiscal_year" }
        kindIndex = kind == .plan ? fields.firstIndex { $0.name == "kind" } : nil
        dateIndex = kind == .ledger ? fields.firstIndex { $0.name == "posting_date" } : nil
        let headerNames = layout.header.map(PruefstandCore.normalizedHeader)
        let layoutColumns = layout.columns
        func resolve(_ list: [Mapping.Filter]) -> [(column: Int, op: Mapping.Filter.Op, regex: NSRegularExpression?)] {
            var filters: [(column: Int, op: Mapping.Filter.Op, regex: NSRegularExpression?)] = []
            for f in list {
                var regex: NSRegularExpression?
                if case .matches(let pattern) = f.op { regex = try? NSRegularExpression(pattern: pattern) }
                if let c = layoutColumns[f.column] { filters.append((c, f.op, regex)); continue }
                if let c = headerNames.firstIndex(of: PruefstandCore.normalizedHeader(f.column)) { filters.append((c, f.op, regex)) }
            }
            return filters
        }
        filterColumns = resolve(mapping.filters)
        subtotalColumns = resolve(mapping.subtotals)
        splitSources = mapping.splits.compactMap { split in
            guard let c = headerNames.firstIndex(of: PruefstandCore.normalizedHeader(split.column)),
                  let regex = try? NSRegularExpression(pattern: split.pattern) else { return nil }
            return (c, regex, split.pattern, split.fields.compactMap { name in fields.firstIndex { $0.name == name }.map { ($0, name) } })
        }
        let splitFields = Set(mapping.splits.flatMap(\.fields))
        fromSplit = fields.map { splitFields.contains($0.name) }
        rows = [ParsedRow(fieldCount: fields.count)]
        let wide = !layout.unpivot.isEmpty
        skipped = fields.indices.map { f in
            let (name, column, fixed) = (fields[f].name, layout.columns[fields[f].name], mapping.fixed[fields[f].name])
            return (wide && column == nil && (name == "plan_amount" || (name == "fiscal_year" && fixed == nil)))
                || (name == "fiscal_year" && mapping.fiscalCalendar.fromPostingDate)
        }
        required = fields.map { $0.required && !mapping.derivedFields.contains($0.name) }
        types = fields.map(\.type)
    }

    /// The first non-empty cell's text, for total-row detection.
    func firstText(_ rec: CSVRecord) -> String? {
        for i in 0..<min(rec.count, 4) {
            let s = rec.bounds[2 * i], e = rec.bounds[2 * i + 1]
            if e > s {
                let b = rec.arena[s]
                // digits and signs start data rows; skip the String for them
                if (b >= 0x30 && b <= 0x39) || b == 0x2D { return nil }
                return rec.field(i).trimmingBlanks
            }
        }
        return nil
    }

    /// The amount a total row states, as the file writes it (the amount column, or the sum of a wide
    /// file's year columns); nil when it has none that reads as an amount.
    func totalAmount(_ rec: CSVRecord) -> Int64? {
        var cols: [Int] = []
        if let a = amountIndex, let c = sourceColumn[a] { cols = [c] }
        cols += layout.unpivot.map(\.index)
        var sum: Int64 = 0, any = false
        for c in cols where c < rec.count {
            if case .success(let raw) = rec.withField(c, { ValueParsers.cents($0, style: numbers) }), case .success(let v) = scaled(raw) {
                let (total, overflow) = sum.addingReportingOverflow(v)
                if overflow || total.magnitude > UInt64(Money.maxImportTotalCents) { return nil }
                sum = total; any = true
            }
        }
        return any ? sum : nil
    }

    /// Applies the mapping's unit to an amount read as euros and cents: euros as they are, thousands of
    /// euros × 1000, cents ÷ 100 (a whole number of cents only). The result stays within
    /// `Money.maxInputCents`.
    @inline(__always) func scaled(_ v: Int64) -> Result<Int64, ValueError> {
        switch unit {
        case .euro: return .success(v)
        case .thousand:
            let (m, overflow) = v.multipliedReportingOverflow(by: 1000)
            if overflow || m.magnitude > UInt64(Money.maxInputCents) {
                return .failure(ValueError(de: "Betrag zu groß: in Tausend Euro (unit: teur) sind es mehr als 900 Billionen Euro",
                                           en: "amount too large: in thousands of euros (unit: teur) it is more than 900 trillion euros"))
            }
            return .success(m)
        case .cents:
            guard v % 100 == 0 else {
                return .failure(ValueError(de: "keine ganze Zahl von Cent (das Mapping sagt unit: cents)", en: "not a whole number of cents (the mapping says unit: cents)"))
            }
            return .success(v / 100)
        }
    }

    /// Parses every fixed value of the mapping once: a fixed value that is not valid for its field (a
    /// fiscal year 20266) is a mapping error, not a reason to reject every row.
    func checkFixedValues() throws {
        var row = ParsedRow(fieldCount: fields.count)
        for f in fields.indices {
            guard var value = fixedValues[f] else { continue }
            if let problem = value.withUTF8({ parseField(f, ValueParsers.trimmed($0), into: &row, column: nil) }) {
                throw PruefstandError.config(path: mapping.sourcePath ?? "mapping", line: nil, key: "fixed.\(fields[f].name)",
                                             message: "\"\(value)\" is not valid for \(fields[f].name): \(problem.reason.en)")
            }
        }
    }

    /// The key of a record (the position id, the org unit), as the file writes it, for rows that are
    /// rejected before they reach the sink: their dependants must name them.
    func keyText(_ rec: CSVRecord) -> String? {
        let name: String
        switch kind {
        case .positions: name = "position_id"
        case .orgunits: name = "org_unit"
        default: return nil
        }
        guard let f = fields.firstIndex(where: { $0.name == name }), let c = sourceColumn[f], c < rec.count else { return nil }
        let key = rec.withField(c) { String(decoding: ValueParsers.trimmed($0), as: UTF8.self) }
        return key.isEmpty ? nil : key
    }

    /// Parses a record into `rows[0..<count]`.
    func parse(_ rec: CSVRecord) -> Result<Int, RowProblem> {
        if rec.unclosedQuote {
            return .failure(RowProblem(column: rec.count, field: nil, value: nil, reason: .init(
                de: "ein Feld in Anführungszeichen ist bis zum Dateiende nicht geschlossen (begonnen in Zeile \(rec.line))",
                en: "a quoted field is not closed before the end of the file (started in line \(rec.line))")))
        }
        let expected = layout.header.count
        if rec.count != expected && !(layout.positional && rec.count >= expected) {
            var extraEmpty = rec.count > expected
            if extraEmpty { for i in expected..<rec.count where rec.bounds[2 * i + 1] > rec.bounds[2 * i] { extraEmpty = false; break } }
            if !extraEmpty {
                return .failure(RowProblem(column: min(rec.count, expected) + (rec.count > expected ? 1 : 0), field: nil, value: nil,
                                           reason: .init(de: "\(expected) Felder wie in der Kopfzeile erwartet, \(rec.count) gefunden",
                                                         en: "expected \(expected) fields as in the header, found \(rec.count)")))
            }
        }
        if let bad = rec.badEncodingField {
            return .failure(RowProblem(column: bad + 1, field: nil, value: nil, reason: .init(
                de: "Bytes, die in dieser Kodierung kein gültiger Text sind (format: encoding in einem Mapping angeben)",
                en: "bytes that are not valid text in this encoding (declare format: encoding in a mapping)")))
        }
        if let stray = rec.strayQuoteField {
            return .failure(RowProblem(column: stray + 1, field: nil, value: rec.field(stray), reason: .init(
                de: "Text nach einem schließenden Anführungszeichen (ein Anführungszeichen im Feld muss verdoppelt werden)",
                en: "text after a closing quote (a quote inside a field must be doubled)")))
        }
        var posts: Int? = nil
        if hasGroupRows {
            switch groupPosts(rec) { case .failure(let p): return .failure(p); case .success(let n): posts = n }
            groupRow = posts != nil
        }
        if rows.count > 1 { rows.removeSubrange(1...) }
        rows[0].reset()
        let result = fill(&rows[0], rec)
        if hasRootMarkers, case .success = result { applyRootMarker(&rows[0]) }
        if let posts, case .success = result { return expandGroup(rec, posts: posts) }
        if !layout.unpivot.isEmpty, case .success(let n) = result, n > 0 { rows = unpivoted }
        return result
    }
    private var unpivoted: [ParsedRow] = []
    private var groupRow = false   // a group row (`groups:`): its FTE is a sum, read by `expandGroup`

    private func fill(_ row: inout ParsedRow, _ rec: CSVRecord) -> Result<Int, RowProblem> {
        var readCents: Int64? = nil
        let groupRow = self.groupRow
        if !splitSources.isEmpty, let problem = fillSplits(&row, rec) { return .failure(problem) }
        for f in 0..<fields.count {
            if skipped[f] || fromSplit[f] || (groupRow && fields[f].name == "fte") { continue }
            let column: Int?
            let problem: RowProblem?
            if let c = sourceColumn[f], let map = valueMaps[f] {
                column = c
                problem = mapValue(f, map, rec, c, into: &row)
            } else if let c = sourceColumn[f] {
                column = c
                problem = rec.withField(c) { parseField(f, ValueParsers.trimmed($0), into: &row, column: c) }
            } else if let fixed = fixedValues[f] {
                column = nil
                var t = fixed
                problem = t.withUTF8 { parseField(f, $0, into: &row, column: nil) }
            } else {
                column = nil
                // A cameral Haushaltsstelle gives the account (below), so the file needs no account column.
                let derived = f == accountIndex && scheme.derivesAccount
                problem = required[f] && !derived ? RowProblem(column: nil, field: fields[f].name, value: nil, reason: .init(de: "kein Wert", en: "no value")) : nil
            }
            if var problem {
                if problem.column == nil, let column { problem.column = column + 1 }
                if let a = amountIndex, row.present[a] { readCents = row.num[a] }
                else if let a = amountIndex, let c = sourceColumn[a], a > f,
                        case .success(let raw) = rec.withField(c, { ValueParsers.cents($0, style: numbers) }),
                        case .success(let v) = scaled(raw) { readCents = v }
                problem.readFileCents = readCents
                problem.readCents = readCents.map { signed($0, row: row) }
                return .failure(problem)
            }
        }
        // Cross-field rules. A cameral Haushaltsstelle holds its Titel: the account comes from the product.
        if scheme.derivesAccount, let a = accountIndex, !row.present[a], let p = productIndex, row.present[p],
           var account = row.string(p).flatMap(scheme.derivedAccount) {
            account.withUTF8 { appendText(a, $0, into: &row) }
        }
        if let a = amountIndex, row.present[a] {
            row.num[a] = signed(row.num[a], row: row)
            row.cents = row.num[a]
        }
        if let problem = checkPostingDate(&row) { return .failure(problem) }
        if kind == .positions, let st = fields.firstIndex(where: { $0.name == "status" }), let vs = fields.firstIndex(where: { $0.name == "vacant_since" }),
           row.present[vs], row.string(st) == "occupied" {
            return .failure(RowProblem(column: sourceColumn[vs].map { $0 + 1 }, field: "vacant_since", value: row.string(vs),
                                       reason: .init(de: "vacant_since ist angegeben, aber die Stelle ist besetzt", en: "vacant_since is given but the position is occupied")))
        }
        if layout.unpivot.isEmpty { return .success(1) }
        // Wide file: one record per non-empty year column.
        var out: [ParsedRow] = []
        let amountF = amountIndex!, yearF = yearIndex!, kindF = kindIndex!
        for (c, year, k) in layout.unpivot where c < rec.count {
            if rec.bounds[2 * c + 1] == rec.bounds[2 * c] { continue }
            switch rec.withField(c, { ValueParsers.cents($0, style: numbers) }).flatMap(scaled) {
            case .failure(let e):
                return .failure(RowProblem(column: c + 1, field: layout.header[c], value: String(rec.field(c).prefix(200)), reason: Phrase(de: "kein Betrag: ", en: "not an amount: ") + e.text))
            case .success(let v):
                var r = row
                r.num[amountF] = signed(v, row: row); r.present[amountF] = true
                r.cents = r.num[amountF]
                r.num[yearF] = Int64(year); r.present[yearF] = true
                let start = r.text.count
                r.text.append(contentsOf: Array(k.utf8))
                r.bounds[2 * kindF] = start; r.bounds[2 * kindF + 1] = r.text.count; r.present[kindF] = true
                out.append(r)
            }
        }
        unpivoted = out
        return .success(out.count)
    }

    func appendText(_ f: Int, _ p: UnsafeBufferPointer<UInt8>, into row: inout ParsedRow) {
        let start = row.text.count
        row.text.append(contentsOf: p)
        row.bounds[2 * f] = start; row.bounds[2 * f + 1] = row.text.count
        row.present[f] = true
    }

    func parseField(_ f: Int, _ p: UnsafeBufferPointer<UInt8>, into row: inout ParsedRow, column: Int?) -> RowProblem? {
        func fail(_ reason: Phrase) -> RowProblem {
            RowProblem(column: column.map { $0 + 1 }, field: fields[f].name, value: String(decoding: p.prefix(200), as: UTF8.self), reason: reason)
        }
        func fail(_ de: String, _ en: String) -> RowProblem { fail(Phrase(de: de, en: en)) }
        if p.isEmpty {
            return required[f] ? fail("leer; \(fields[f].typeNameDE) erforderlich", "empty; \(fields[f].typeName) required") : nil
        }
        switch types[f] {
        case .year:
            guard let v = ValueParsers.integer(p) else { return fail("kein Jahr", "not a year") }
            guard CivilDate.fiscalYears.contains(v) else {
                return fail("Jahr \(v) außerhalb \(CivilDate.fiscalYears.lowerBound)–\(CivilDate.fiscalYears.upperBound)",
                            "year \(v) outside \(CivilDate.fiscalYears.lowerBound)–\(CivilDate.fiscalYears.upperBound)")
            }
            row.num[f] = Int64(v); row.present[f] = true
        case .date:
            switch ValueParsers.date(p, style: mapping.dates) {
            case .success(let d): row.num[f] = Int64(d.dayNumber); row.present[f] = true
            case .failure(let e): return fail(Phrase(de: "ungültiges Datum: ", en: "bad date: ") + e.text)
            }
        case .money:
            switch ValueParsers.cents(p, style: numbers) {
            case .success(let raw):
                if unit == .euro { row.num[f] = raw; row.present[f] = true; break }
                switch scaled(raw) {
                case .success(let v): row.num[f] = v; row.present[f] = true
                case .failure(let e): return fail(Phrase(de: "ungültiger Betrag: ", en: "bad amount: ") + e.text)
                }
            case .failure(let e): return fail(Phrase(de: "ungültiger Betrag: ", en: "bad amount: ") + e.text)
            }
        case .text:
            if p.count > RowParser.maxTextBytes { return fail(RowParser.tooLong) }
            appendText(f, p, into: &row)
        case .product:
            if p.count > RowParser.maxTextBytes { return fail(RowParser.tooLong) }
            if let problem = scheme.productProblem(p) { return fail(problem) }
            appendText(f, p, into: &row)
        case .account:
            if p.count > RowParser.maxTextBytes { return fail(RowParser.tooLong) }
            if let problem = scheme.accountProblem(p) { return fail(problem) }
            appendText(f, p, into: &row)
        case .percent:
            guard let v = RowParser.percent(p) else { return fail("kein Hebesatz in ganzen Prozent, 0–9999 (520 oder 520 %)", "not a Hebesatz in whole percent, 0–9999 (520 or 520 %)") }
            row.num[f] = v; row.present[f] = true
        case .kldb:
            let digits = p.filter { $0 != 0x20 && $0 != 0x2E && $0 != 0x2D }
            guard digits.count == 5, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return fail("kein KldB-2010-Schlüssel (5 Ziffern)", "not a KldB 2010 code (5 digits)") }
            digits.withUnsafeBufferPointer { appendText(f, $0, into: &row) }
        case .fte:
            guard let v = FTE(String(decoding: p, as: UTF8.self)), v.units > 0, v.units <= 2 * FTE.scale else { return fail("kein Stellenanteil in VZÄ (0,5, 1)", "not an FTE share (0.5, 1)") }
            row.num[f] = v.units; row.present[f] = true
        case .payGrade:
            guard let g = PayGrade(String(decoding: p, as: UTF8.self)) else { return fail("keine Entgelt- oder Besoldungsgruppe (EG 1–15, 9a/9b/9c, S 2–18, A 2–16, B 1–11)",
                                                                            "not a pay grade (EG 1–15, 9a/9b/9c, S 2–18, A 2–16, B 1–11)") }
            var code = g.code
            code.withUTF8 { appendText(f, $0, into: &row) }
        case .bool:
            guard let b = ValueParsers.bool(String(decoding: p, as: UTF8.self)) else { return fail("nicht ja/nein (ja/nein, x, true/false, 1/0)", "not yes/no (ja/nein, x, true/false, 1/0)") }
            row.num[f] = b ? 1 : 0; row.present[f] = true
        case .choice(let map):
            let key = String(decoding: p, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            guard let v = map[key] else { return fail("keiner von \(Set(map.values).sorted().joined(separator: ", "))", "not one of \(Set(map.values).sorted().joined(separator: ", "))") }
            var s = v
            s.withUTF8 { appendText(f, $0, into: &row) }
        }
        return nil
    }
}
