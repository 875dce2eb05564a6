import Foundation

/// A mapping file adapts a foreign layout to one import kind without editing the file.
///
/// See `docs/formats.md` for every key. Example for the German Excel ledger export:
///
///     kind: ledger
///     format: { delimiter: ";", encoding: windows-1252, numbers: de, dates: dd.mm.yyyy }
///     columns:
///       fiscal_year: Haushaltsjahr
///       amount: [Betrag, Betrag EUR]
public struct Mapping: Sendable {
    public var kind: ImportKind
    public var delimiter: UInt8?
    public var encoding: TextEncoding?
    public var numbers: NumberStyle?
    public var dates: DateStyle = .auto
    /// Physical line of the header; nil finds it (skipping a preamble).
    public var headerLine: Int?
    /// Worksheet of an .xlsx file; nil takes the first.
    public var sheet: String?
    /// Field → accepted header names (replacing the built-in aliases for that field).
    public var columns: [String: [String]] = [:]
    /// Field → fixed value for every row.
    public var fixed: [String: String] = [:]
    public var invertSign = false
    /// SAP style: revenue (accounts of class 4) is booked negative; stored positive.
    public var revenueNegative = false
    /// Expenses (class 5) booked negative; stored positive.
    public var expenseNegative = false
    /// Amounts are in euros (1), thousands of euros (1000) or cents.
    public var unit: Unit = .euro
    public var unpivot: Unpivot?
    public var filters: [Filter] = []
    /// Rows that are sums of other rows (`subtotals:`): a row matching any of these is counted and skipped,
    /// never imported as detail.
    public var subtotals: [Filter] = []
    /// Fields cut out of one column by a regular expression's named groups (`split:`).
    public var splits: [Split] = []
    public var totalLabel: String = #"^\s*(summe|gesamtsumme|total|gesamt|insgesamt)\b"#
    /// The physical line of the file's total row, when the mapping names it; then no other row is taken
    /// for the total, whatever its label.
    public var totalLine: Int?
    /// Lines after the total row that are not valid data rows are a footer and are skipped (reported).
    public var stopAfterTotal = true
    public var dropColumns: [String] = []
    /// Which system and ledger the file comes from (`source:`); periods are replaced only within one source.
    public var source: String?
    /// The fields that identify a posting when the system has no document ids of its own (`identity:`).
    public var identity: [String]?
    /// The code scheme of the product and account codes (`scheme:`), NKF NRW unless the mapping names another.
    public var scheme: any CodeScheme = CodeSchemes.standard
    /// Whether the mapping names its scheme (else a city manifest's `scheme:` applies).
    public var schemeNamed = false
    /// Field → value map (`values:`).
    public var values: [String: ValueMap] = [:]
    public var sourcePath: String?
    public var sha256: String?
    /// The fiscal calendar of a ledger (`fiscal_year:`): first month, year from the posting date, window.
    public var fiscalCalendar = FiscalCalendar()
    /// Values of `supervisor_id` / `parent_id` that mark the root of the hierarchy (`root_marker:`).
    public var rootMarkers: [String] = []
    /// Group rows of a published staffing list (`groups:`): a grade with a number of posts, no post id.
    public var groupRows: GroupRows?
    /// Code lists: codes and names in NFC, soft hyphens removed, trimmed (`text: { normalize: nfc }`).
    public var normalizeText = false
    /// The file has no header line: its columns' names, in order (`format.column_names`).
    public var columnNames: [String]?
    /// A code list in a JSON tree (`json:`), read by `JSONCodeSource`.
    public var jsonTree: JSONCodeTree?
    /// A code list's code in one of several columns, one per level (`levels: { HEADER: level }`).
    public var levelColumns: [(header: String, level: String)] = []
    /// Rules between rows (`invariants:`), checked in every value column; a violation is a finding.
    public var invariants: RowInvariants?

    public enum Unit: String, Sendable { case euro = "eur", thousand = "teur", cents = "cents" }

    /// Wide files: each column whose header matches `pattern` is one (year, kind) value.
    public struct Unpivot: Sendable {
        public var pattern: String
        /// First capture group's text → kind (plan / actual / forecast); second group is the year.
        public var kinds: [String: String]
        /// One kind for every matched column (`unpivot.kind`): then the pattern's first group is the year.
        public var kind: String? = nil
    }

    /// A row filter on a source column (by header) or a canonical field.
    public struct Filter: Sendable {
        public enum Op: Sendable { case equals(String), notEquals(String), matches(String), notEmpty }
        public var column: String
        public var op: Op
    }

    public init(kind: ImportKind) { self.kind = kind }

    public static func load(path: String) throws -> Mapping {
        try InputFile.requireRegularFile(path)
        let doc = try StrictYAML.load(path: path)
        var m = try parse(doc)
        m.sourcePath = path
        m.sha256 = try SHA256.file(at: path)
        return m
    }

    public static func parse(_ doc: StrictYAML) throws -> Mapping {
        let top = try doc.dictionary(allowed: ["kind", "format", "columns", "fixed", "sign", "unit", "unpivot", "filters",
                                               "total_row", "drop_columns", "description", "scheme", "values", "split", "subtotals",
                                               "source", "identity", "fiscal_year", "root_marker", "groups",
                                               "dimension", "text", "json", "invariants", "levels"], required: ["kind"])
        guard let kind = ImportKind(rawValue: try top["kind"]!.string()) else {
            throw top["kind"]!.fail(Phrase(de: "unbekannte Art; eine von \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))", en: "unknown kind; one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        var m = Mapping(kind: kind)
        let fieldNames = Set(kind.fields.map(\.name))
        if let f = top["format"] {
            let d = try f.dictionary(allowed: ["delimiter", "encoding", "numbers", "dates", "header_line", "sheet", "column_names"])
            if let v = d["delimiter"] {
                let s = try v.string()
                switch s {
                case ",", ";", "|": m.delimiter = UInt8(ascii: Unicode.Scalar(s)!)
                case "\t", "tab", "\\t": m.delimiter = UInt8(ascii: "\t")
                default: throw v.fail(Phrase(de: "delimiter muss eines von , ; | tab sein", en: "delimiter must be one of , ; | tab"))
                }
            }
            if let v = d["encoding"] {
                guard let e = TextEncoding(name: try v.string()) else { throw v.fail(Phrase(de: "encoding muss utf-8, windows-1252 oder iso-8859-1 sein", en: "encoding must be utf-8, windows-1252 or iso-8859-1")) }
                m.encoding = e
            }
            if let v = d["numbers"] {
                guard let s = NumberStyle(rawValue: try v.string()) else { throw v.fail(Phrase(de: "numbers muss de (1.234,56) oder en (1,234.56) sein", en: "numbers must be de (1.234,56) or en (1,234.56)")) }
                m.numbers = s
            }
            if let v = d["dates"] {
                guard let s = DateStyle(rawValue: try v.string()) else {
                    throw v.fail(Phrase(de: "dates muss auto, dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy oder excel sein", en: "dates must be auto, dd.mm.yyyy, yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy or excel"))
                }
                m.dates = s
            }
            if let v = d["header_line"] { m.headerLine = try v.int() }
            if let v = d["sheet"] { m.sheet = try v.string() }
            if let v = d["column_names"] { m.columnNames = try parseColumnNames(v) }
        }
        if let c = top["columns"] {
            for (k, v) in try c.mapping(allowed: fieldNames) { m.columns[k] = try v.strings() }
        }
        if let c = top["fixed"] {
            for (k, v) in try c.mapping(allowed: fieldNames) { m.fixed[k] = try v.string() }
        }
        if let s = top["sign"] {
            let d = try s.dictionary(allowed: ["invert", "revenue_negative", "expense_negative"])
            m.invertSign = try d["invert"]?.bool() ?? false
            m.revenueNegative = try d["revenue_negative"]?.bool() ?? false
            m.expenseNegative = try d["expense_negative"]?.bool() ?? false
        }
        if let u = top["unit"] {
            guard let unit = Unit(rawValue: try u.string().lowercased()) else { throw u.fail(Phrase(de: "unit muss eur, teur oder cents sein", en: "unit must be eur, teur or cents")) }
            m.unit = unit
        }
        if let u = top["unpivot"] {
            guard kind == .plan else { throw u.fail(Phrase(de: "unpivot gilt nur für die Art plan", en: "unpivot applies to the plan kind")) }
            let d = try u.dictionary(allowed: ["pattern", "kinds", "kind"], required: ["pattern"])
            let pattern = try d["pattern"]!.string()
            try checkRegex(pattern, d["pattern"]!, options: [.caseInsensitive])
            let known = ImportKind.planKinds
            var kinds: [String: String] = [:]
            for (k, v) in try d["kinds"]?.mapping() ?? [] {
                let value = try v.string()
                guard known.contains(value) else { throw v.fail(Phrase(de: "kind muss eines von \(known.joined(separator: ", ")) sein", en: "kind must be one of \(known.joined(separator: ", "))")) }
                kinds[k.lowercased()] = value
            }
            var one: String?
            if let v = d["kind"] {
                one = try v.string()
                guard known.contains(one!) else { throw v.fail(Phrase(de: "kind muss eines von \(known.joined(separator: ", ")) sein", en: "kind must be one of \(known.joined(separator: ", "))")) }
                guard d["kinds"] == nil else { throw v.fail(Phrase(de: "entweder kind (eine Art für jede Spalte, Gruppe 1 des Musters ist das Jahr) oder kinds angeben, nicht beide", en: "give either kind (one kind for every column, the pattern's group 1 is the year) or kinds, not both")) }
            } else if d["kinds"] == nil {
                throw u.fail(Phrase(de: "unpivot braucht kinds (Gruppe 1 das Wort der Art, Gruppe 2 das Jahr) oder kind (eine Art; Gruppe 1 das Jahr)", en: "unpivot needs kinds (group 1 the kind word, group 2 the year) or kind (one kind; group 1 the year)"))
            }
            m.unpivot = Unpivot(pattern: pattern, kinds: kinds, kind: one)
        }
        if let f = top["filters"] { m.filters = try parseFilters(f) }
        if let f = top["subtotals"] { m.subtotals = try parseFilters(f) }
        if let v = top["invariants"] {
            guard kind.amountField != nil else { throw v.fail(Phrase(de: "invariants gelten für Arten mit Beträgen (ledger, plan, paycosts)", en: "invariants apply to kinds with amounts (ledger, plan, paycosts)")) }
            m.invariants = try RowInvariants.parse(v)
        }
        if let f = top["split"] { m.splits = try parseSplits(f, kind: kind) }
        if let t = top["total_row"] {
            let d = try t.dictionary(allowed: ["label", "line", "stop_after"])
            if let l = d["label"] {
                m.totalLabel = try l.string()
                try checkRegex(m.totalLabel, l, options: [.caseInsensitive])
            }
            if let l = d["line"] {
                let line = try l.int()
                guard line >= 1 else { throw l.fail(Phrase(de: "die Zeile der Summenzeile muss 1 oder größer sein", en: "the total row's line must be 1 or more")) }
                m.totalLine = line
            }
            if let s = d["stop_after"] { m.stopAfterTotal = try s.bool() }
        }
        if let d = top["drop_columns"] { m.dropColumns = try d.strings() }
        if let v = top["source"] {
            let name = try v.string().trimmingCharacters(in: .whitespaces)
            guard ImportSourceName.isValid(name) else { throw v.fail(ImportSourceName.rule) }
            m.source = name
        }
        if let v = top["identity"] {
            guard kind == .ledger else { throw v.fail(Phrase(de: "identity gilt nur für Buchungen (ledger)", en: "identity applies to ledger postings only")) }
            let names = try v.strings()
            guard !names.isEmpty, Set(names).count == names.count else { throw v.fail(Phrase(de: "identity muss ein oder mehrere verschiedene Felder nennen", en: "identity must list one or more distinct fields")) }
            for n in names where !fieldNames.contains(n) {
                throw v.fail(Phrase(de: "unbekanntes Feld \"\(Phrase.quoted(n))\" in identity; eines von \(kind.fields.map(\.name).joined(separator: ", "))", en: "unknown field \"\(n)\" in identity; one of \(kind.fields.map(\.name).joined(separator: ", "))"))
            }
            m.identity = names
        }
        try parseCodeListKeys(top, into: &m)
        if let s = top["scheme"] { m.scheme = try parseScheme(s, kind: kind); m.schemeNamed = true }
        if let v = top["values"] { m.values = try parseValues(v, kind: kind) }
        if let v = top["fiscal_year"] {
            m.fiscalCalendar = try parseFiscalCalendar(v, kind: kind)
            if m.fiscalCalendar.fromPostingDate && (m.columns["fiscal_year"] != nil || m.fixed["fiscal_year"] != nil) {
                throw v.fail(Phrase(de: "das Haushaltsjahr kommt aus dem Buchungsdatum (from_posting_date); es kann nicht zugleich eine Spalte oder fest sein", en: "the fiscal year comes from the posting date (from_posting_date); it cannot also be a column or fixed"))
            }
        }
        if let v = top["root_marker"] { m.rootMarkers = try parseRootMarkers(v, kind: kind) }
        if let v = top["groups"] { m.groupRows = try parseGroupRows(v, kind: kind) }
        for field in m.splits.flatMap(\.fields) where m.columns[field] != nil || m.fixed[field] != nil {
            throw PruefstandError.config(path: doc.file, line: nil, key: "split", message: "\(field) comes from a split; it cannot also be a column or fixed")
        }
        for (field, value) in m.fixed {
            if m.columns[field] != nil {
                throw PruefstandError.config(path: doc.file, line: nil, key: "fixed.\(field)", message: "a field is either a column or fixed, not both")
            }
            _ = value
        }
        return m
    }

    /// Refuses a pattern that does not compile, and one that repeats a repeated group (`(a+)+`, `(x*)*`,
    /// `(\\d+,?)+`): such patterns can backtrack for longer than any import should take.
    static func checkRegex(_ pattern: String, _ node: StrictYAML, options: NSRegularExpression.Options = []) throws {
        guard (try? NSRegularExpression(pattern: pattern, options: options)) != nil else { throw node.fail(Phrase(de: "kein gültiger regulärer Ausdruck", en: "not a valid regular expression")) }
        if hasNestedRepetition(pattern) {
            throw node.fail(Phrase(de: "der reguläre Ausdruck wiederholt eine Gruppe, die sich selbst wiederholt (wie (a+)+): das kann exponentiell lange dauern; ihn ohne die verschachtelte Wiederholung schreiben", en: "the regular expression repeats a group that itself repeats (like (a+)+): it can take exponential time; write it without the nested repetition"))
        }
    }

    /// Whether an unbounded repetition (`*`, `+`, `{n,}`) applies to a group that contains one.
    static func hasNestedRepetition(_ pattern: String) -> Bool {
        let c = Array(pattern.unicodeScalars)
        var stack: [Bool] = [false]      // per open group: it contains an unbounded repetition
        var i = 0
        func unboundedQuantifier(at j: Int) -> (Bool, Int) {
            guard j < c.count else { return (false, 0) }
            if c[j] == "*" || c[j] == "+" { return (true, 1) }
            if c[j] == "?" { return (false, 1) }
            if c[j] == "{" {
                var k = j + 1, text = ""
                while k < c.count, c[k] != "}" { text.unicodeScalars.append(c[k]); k += 1 }
                guard k < c.count, text.first?.isNumber == true else { return (false, 0) }
                return (text.hasSuffix(","), k - j + 1)
            }
            return (false, 0)
        }
        while i < c.count {
            let ch = c[i]
            var quantifiable = true, groupRepeats: Bool? = nil
            switch ch {
            case "\\": i += 2
            case "[":
                i += 1
                if i < c.count, c[i] == "^" { i += 1 }
                if i < c.count, c[i] == "]" { i += 1 }
                while i < c.count, c[i] != "]" { if c[i] == "\\" { i += 1 }; i += 1 }
                i += 1
            case "(":
                stack.append(false); i += 1; quantifiable = false
            case ")":
                let inner = stack.count > 1 ? stack.removeLast() : false
                groupRepeats = inner; i += 1
            default: i += 1
            }
            guard quantifiable else { continue }
            let (unbounded, width) = unboundedQuantifier(at: i)
            if width > 0 {
                if unbounded {
                    if groupRepeats == true { return true }
                    stack[stack.count - 1] = true
                } else if groupRepeats == true {
                    // `(a+)?` and `(a+){2}` repeat nothing unboundedly, but the group's repetition counts outside.
                    stack[stack.count - 1] = true
                }
                i += width
                if i < c.count, c[i] == "?" || c[i] == "+" { i += 1 }   // lazy or possessive
            } else if groupRepeats == true {
                stack[stack.count - 1] = true
            }
        }
        return false
    }

    /// Names accepted for `field`: the mapping's, else the canonical name and built-in aliases.
    func headerNames(for field: FieldSpec) -> [String] {
        columns[field.name] ?? ([field.name] + field.aliases)
    }

    /// A first mapping for a file (`pruefstand mapping suggest`): see `MappingSuggestion`.
    public static func suggest(forFile file: String, kind: ImportKind, lang: Language = .en) throws -> String {
        try MappingSuggestion.suggest(file: file, kind: kind, lang: lang)
    }
}

func yamlQuote(_ s: String) -> String {
    let needs = s.isEmpty || s.contains(where: { ":#{}[],&*?|<>=!%@`\"'\n\r\t".contains($0) }) || s.hasPrefix(" ") || s.hasSuffix(" ")
    return needs ? "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t") + "\"" : s
}
