import Foundation

/// A value map of a mapping (`values: { side: { E: revenue, A: expense } }`): the file's spelling of a
/// field's value → the value the field takes. Keys match after trimming, case-insensitively; a key that
/// ends in `*` matches every value that starts with the text before it (`EINN.*`), the longest such key
/// first; a key `*` alone matches every value. A value the map does not name is a row error naming the
/// value and the map, never a guess.
public struct ValueMap: Sendable {
    /// `values.FIELD`, for messages.
    public var name: String
    var exact: [String: String] = [:]
    /// Prefix → value, longest prefix first.
    var prefixes: [(prefix: String, value: String)] = []

    public init(name: String, entries: [(from: String, to: String)]) {
        self.name = name
        for (from, to) in entries {
            let key = from.trimmingCharacters(in: .whitespaces).lowercased()
            if key.hasSuffix("*") { prefixes.append((String(key.dropLast()), to)) } else { exact[key] = to }
        }
        prefixes.sort { $0.prefix.count > $1.prefix.count }
    }

    /// The mapped value of a file's text, or nil when the map does not name it.
    public func map(_ text: String) -> String? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        // `=` keeps the file's text: a map that renames a few values and lets the others through (`'*': '='`).
        guard let v = exact[key] ?? prefixes.first(where: { key.hasPrefix($0.prefix) })?.value else { return nil }
        return v == "=" ? text.trimmingCharacters(in: .whitespaces) : v
    }

    /// The keys as the mapping writes them, for messages.
    var keysDescription: String {
        (exact.keys.sorted() + prefixes.map { $0.prefix + "*" }).prefix(12).joined(separator: ", ")
    }
}

extension Mapping {
    /// `scheme: NAME` or `scheme: { name: kameral, code: REGEX, check_digit: weighted-mod11 }`.
    static func parseScheme(_ node: StrictYAML, kind: ImportKind) throws -> any CodeScheme {
        let name: String
        var code: String?, check: KameralScheme.CheckDigit?
        var lines: NKFNRWScheme.Lines?, undotted = false, extraAreas = Set<Int>(), nkfOptions = false
        if (try? node.string()) != nil {
            name = try node.string()
        } else {
            let d = try node.dictionary(allowed: ["name", "code", "check_digit", "lines", "products", "extra_areas"], required: ["name"])
            name = try d["name"]!.string()
            if let l = d["lines"] {
                guard let v = NKFNRWScheme.Lines(rawValue: try l.string()) else { throw l.fail("lines must be ergebnisplan or finanzplan") }
                lines = v; nkfOptions = true
            }
            if let p = d["products"] {
                guard try p.string() == "undotted" else { throw p.fail("products takes undotted (0101 for 01.01); dotted codes need no option") }
                undotted = true; nkfOptions = true
            }
            if let a = d["extra_areas"] {
                for text in try a.strings() {
                    guard text.count == 2, let n = Int(text), (18...99).contains(n) else { throw a.fail("extra_areas are two-digit Produktbereiche 18–99, not \(text)") }
                    extraAreas.insert(n)
                }
                nkfOptions = true
            }
            if let c = d["code"] {
                code = try c.string()
                try checkRegex(code!, c)
            }
            if let c = d["check_digit"] {
                guard let rule = KameralScheme.CheckDigit(rawValue: try c.string()) else {
                    throw c.fail("check_digit must be one of \(KameralScheme.CheckDigit.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                check = rule
            }
        }
        guard let scheme = CodeSchemes.named(name) else {
            throw node.fail("unknown code scheme '\(name)'; one of \(CodeSchemes.names.joined(separator: ", "))")
        }
        if kind == .ledger && scheme.name != CodeSchemes.standard.name {
            throw node.fail("the ledger import takes the nkf-nrw scheme only for now (its monthly totals pack NKF codes); scheme '\(name)' works for the plan kind")
        }
        if nkfOptions {
            guard scheme is NKFNRWScheme else { throw node.fail("lines, products and extra_areas apply to the nkf-nrw scheme") }
            guard code == nil && check == nil else { throw node.fail("code and check_digit apply to the kameral scheme") }
            return NKFNRWScheme(lines: lines, undotted: undotted, extraAreas: extraAreas)
        }
        guard code != nil || check != nil else { return scheme }
        guard scheme is KameralScheme else { throw node.fail("code and check_digit apply to the kameral scheme") }
        do { return try KameralScheme(code: code, checkDigit: check) } catch let e as SchemeError { throw node.fail(Phrase(e.message)) }
    }

    /// `values: { FIELD: { FROM: TO, … } }`: each TO must be a valid value of FIELD.
    static func parseValues(_ node: StrictYAML, kind: ImportKind) throws -> [String: ValueMap] {
        var out: [String: ValueMap] = [:]
        let fields = Dictionary(uniqueKeysWithValues: kind.fields.map { ($0.name, $0) })
        for (field, mapNode) in try node.mapping(allowed: Set(fields.keys)) {
            var entries: [(String, String)] = []
            for (from, toNode) in try mapNode.mapping() {
                let to = try toNode.string()
                if case .choice(let choices)? = fields[field]?.type, choices[to.lowercased()] == nil, to != "=" {
                    throw toNode.fail("\(field) takes \(Set(choices.values).sorted().joined(separator: ", ")), not \(to)")
                }
                if case .payGrade? = fields[field]?.type, PayGrade(to) == nil, to != "=" {
                    throw toNode.fail("\(to) is not a pay grade of the pay-cost table (EG 1–15, S 2–18, A 2–16, B 1–11); map each grade of another pay scheme to one of them, or to = to keep it")
                }
                entries.append((from, to))
            }
            guard !entries.isEmpty else { throw mapNode.fail("a value map needs at least one entry (FROM: TO)") }
            out[field] = ValueMap(name: "values.\(field)", entries: entries)
        }
        return out
    }
}
